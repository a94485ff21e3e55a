//! The notebook: its cells in order, with ways to add more.

use leptos::prelude::*;
use quire_protocol::notebook::Cell;
use quire_protocol::{CellKind, CellSpec, Edit};

use super::cell::CellFrame;
use super::loader::{DropZone, Progress};
use crate::i18n::{self, Word, word};
use crate::queries;

/// A new empty cell of a kind, for the "add" buttons.
fn blank(spec: CellSpec) -> Cell {
    Cell {
        id: super::new_cell_id(),
        collapsed: false,
        spec,
    }
}

/// The notebook's failing checks, at the top, each linking to its cell.
#[component]
fn QualitySummary() -> impl IntoView {
    let state = super::state();
    let failing = move || {
        state
            .view
            .with(|v| v.as_ref().map(queries::failing_checks).unwrap_or_default())
    };
    move || {
        let list = failing();
        (!list.is_empty()).then(|| {
            let total: usize = list.iter().map(|(_, _, n)| n).sum();
            view! {
                <aside class="quality-summary" role="status" data-testid="quality-summary" data-failed=total>
                    <strong>{move || word(state.lang.get(), Word::QualitySummary)}</strong>
                    <ul>
                        {list.into_iter().map(|(id, table, n)| view! {
                            <li><a href=format!("#cell-{id}") data-testid="quality-link" on:click=move |ev| {
                                // Scroll without touching the URL: its fragment is for share links.
                                ev.prevent_default();
                                if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&format!("cell-{id}"))) {
                                    el.scroll_into_view();
                                }
                            }>{move || i18n::checks_failed(state.lang.get(), n, &table)}</a></li>
                        }).collect_view()}
                    </ul>
                </aside>
            }
        })
    }
}

#[component]
pub fn NotebookView() -> impl IntoView {
    let state = super::state();
    let s = move || state.lang.get().strings();
    let add = move |kind: CellKind| {
        let Some((index, spec)) = state.view.with_untracked(|v| {
            v.as_ref()
                .map(|v| (v.notebook.cells.len(), queries::new_spec(kind, v)))
        }) else {
            return;
        };
        state.edit(Edit::Insert {
            index,
            cell: blank(spec),
        });
    };
    let cells = move || {
        state.view.with(|v| {
            v.as_ref().map(|v| {
                v.notebook
                    .cells
                    .iter()
                    .map(|c| c.id.clone())
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        <Progress/>
        <QualitySummary/>
        {move || cells().map(|ids| {
            let empty = ids.is_empty();
            view! {
                <div class="cells" data-testid="cells">
                    <For each=move || ids.clone() key=|id| id.clone() let:id>
                        <CellFrame id=id/>
                    </For>
                </div>
                <div class="add-cells">
                    <button data-testid="add-markdown" on:click=move |_| add(CellKind::Markdown)>{move || s().add_markdown}</button>
                    <button data-testid="add-sql" on:click=move |_| add(CellKind::Sql)>{move || s().add_sql}</button>
                    <button data-testid="add-clean" on:click=move |_| add(CellKind::Clean)>{move || word(state.lang.get(), Word::AddClean)}</button>
                    <button data-testid="add-quality" on:click=move |_| add(CellKind::Quality)>{move || word(state.lang.get(), Word::AddQuality)}</button>
                    <button data-testid="add-chart" on:click=move |_| add(CellKind::Chart)>{move || word(state.lang.get(), Word::AddChart)}</button>
                    <button data-testid="add-experiment" on:click=move |_| add(CellKind::Experiment)>{move || word(state.lang.get(), Word::AddExperiment)}</button>
                    <button data-testid="add-plan" on:click=move |_| add(CellKind::Plan)>{move || word(state.lang.get(), Word::AddPlan)}</button>
                    <button data-testid="add-metric-cell" on:click=move |_| add(CellKind::Metric)>{move || word(state.lang.get(), Word::AddMetricCell)}</button>
                    <button data-testid="add-dashboard" on:click=move |_| add(CellKind::Dashboard)>{move || word(state.lang.get(), Word::AddDashboard)}</button>
                    <button data-testid="add-model" on:click=move |_| add(CellKind::Model)>{move || word(state.lang.get(), Word::AddModel)}</button>
                </div>
                <DropZone sample=empty/>
            }
        })}
    }
}
