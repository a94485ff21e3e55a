//! The frame every cell shares: kind, state, timing, and the cell actions.

use leptos::prelude::*;
use quire_protocol::notebook::Cell;
use quire_protocol::{CellSpec, CellState, CellStatus, Edit};

use super::chart_cell::ChartCell;
use super::clean_cell::CleanCell;
use super::dashboard_cell::DashboardCell;
use super::data_cell::DataCell;
use super::experiment_cell::ExperimentCell;
use super::metric_cell::MetricCell;
use super::model_cell::ModelCell;
use super::plan_cell::PlanCell;
use super::quality_cell::QualityCell;
use super::sql_cell::SqlCell;
use super::text_cell::TextCell;
use crate::i18n::{self, Word, count};
use crate::state::shown_state;

#[component]
pub fn CellFrame(id: String) -> impl IntoView {
    let state = super::state();
    let s = move || state.lang.get().strings();
    let current = RwSignal::from(state.cell(&id));
    let edit = move |f: &dyn Fn(&Cell, usize) -> Edit| {
        if let Some((cell, index, _)) = current.get_untracked() {
            state.edit(f(&cell, index));
        }
    };
    let kind = move || current.with(|c| c.as_ref().map(|(cell, _, _)| cell.spec.kind()));
    let collapsed = move || current.with(|c| c.as_ref().is_some_and(|(cell, _, _)| cell.collapsed));
    let status_line = move || {
        current
            .get()
            .and_then(|(cell, _, status)| status.map(|st| (cell, st)))
            .map(|(cell, st)| {
                let lang = state.lang.get();
                let running = state.job.with(|j| {
                    j.as_ref()
                        .is_some_and(|j| j.cell.as_deref() == Some(cell.id.as_str()))
                });
                let edited = state.edited.with(|e| e.contains(&cell.id));
                let shown = shown_state(st.state, running, edited);
                let mut parts = vec![i18n::cell_state(lang, shown).to_owned()];
                if let Some(ms) = st.run_ms {
                    parts.push(format!("{ms:.0} ms"));
                }
                if let Some((_, rows, _)) = st.output.as_ref().and_then(|o| o.table()) {
                    parts.push(format!("{} {}", count(rows), lang.strings().rows));
                }
                let failed = st.output.as_ref().map_or(0, |o| o.failed_checks());
                if failed > 0 && shown == CellState::UpToDate {
                    parts.push(i18n::word(lang, Word::Fail).to_owned());
                }
                let class = match shown {
                    CellState::UpToDate if failed > 0 => "state error",
                    CellState::UpToDate => "state ok",
                    CellState::Stale => "state stale",
                    CellState::Running => "state running",
                    CellState::Error => "state error",
                };
                view! { <span class=class data-testid="cell-state">{parts.join(" · ")}</span> }
            })
    };
    let failed = move || {
        current.with(|c| {
            c.as_ref()
                .and_then(|(_, _, st)| st.as_ref()?.output.as_ref().map(|o| o.failed_checks()))
                .unwrap_or(0)
        })
    };
    let cell_id = id.clone();
    let anchor = format!("cell-{id}");
    let body = move || {
        current.get().map(|(cell, _, status)| match &cell.spec {
            CellSpec::Markdown(_) => {
                view! { <TextCell cell=cell.clone() status=status/> }.into_any()
            }
            CellSpec::Data(_) => view! { <DataCell cell=cell.clone() status=status/> }.into_any(),
            CellSpec::Sql(_) => view! { <SqlCell cell=cell.clone() status=status/> }.into_any(),
            CellSpec::Clean(_) => view! { <CleanCell cell=cell.clone() status=status/> }.into_any(),
            CellSpec::Quality(_) => {
                view! { <QualityCell cell=cell.clone() status=status/> }.into_any()
            }
            CellSpec::Chart(_) => view! { <ChartCell cell=cell.clone() status=status/> }.into_any(),
            CellSpec::Experiment(_) => {
                view! { <ExperimentCell cell=cell.clone() status=status/> }.into_any()
            }
            CellSpec::Plan(_) => view! { <PlanCell cell=cell.clone() status=status/> }.into_any(),
            CellSpec::Metric(_) => {
                view! { <MetricCell cell=cell.clone() status=status/> }.into_any()
            }
            CellSpec::Dashboard(_) => {
                view! { <DashboardCell cell=cell.clone() status=status/> }.into_any()
            }
            CellSpec::Model(_) => view! { <ModelCell cell=cell.clone() status=status/> }.into_any(),
        })
    };
    view! {
        <article class=move || { if failed() > 0 { "cell failed" } else { "cell" } } data-failed-checks=failed id=anchor data-testid="cell" data-cell=cell_id data-kind=move || kind().map(|k| format!("{k:?}").to_lowercase())>
            <header class="cell-head">
                <span class="kind">{move || kind().map(|k| i18n::cell_kind(state.lang.get(), k))}</span>
                {status_line}
                <span class="spacer"></span>
                <button class="icon" title=move || s().move_up data-testid="move-up"
                    on:click=move |_| edit(&|c, i| Edit::Move { id: c.id.clone(), to: i.saturating_sub(1) })>"↑"</button>
                <button class="icon" title=move || s().move_down data-testid="move-down"
                    on:click=move |_| edit(&|c, i| Edit::Move { id: c.id.clone(), to: i + 1 })>"↓"</button>
                <button class="icon" title=move || s().duplicate data-testid="duplicate"
                    on:click=move |_| edit(&|c, _| Edit::Duplicate { id: c.id.clone(), new_id: super::new_cell_id() })>"❏"</button>
                <button class="icon" title=move || s().collapse data-testid="collapse"
                    on:click=move |_| edit(&|c, _| Edit::Update { cell: Cell { collapsed: !c.collapsed, ..c.clone() } })>
                    {move || if collapsed() { "▸" } else { "▾" }}
                </button>
                <button class="icon danger" title=move || s().delete data-testid="delete"
                    on:click=move |_| edit(&|c, _| Edit::Delete { id: c.id.clone() })>"✕"</button>
            </header>
            <Show when=move || !collapsed()>
                {body}
            </Show>
        </article>
    }
}

/// A cell's error, in plain words, if it has one.
#[component]
pub fn CellErrorView(status: Option<CellStatus>) -> impl IntoView {
    let state = super::state();
    status.and_then(|s| s.error).map(|e| {
        view! { <p class="error" role="alert" data-testid="cell-error">{move || i18n::cell_error(state.lang.get(), &e)}</p> }
    })
}
