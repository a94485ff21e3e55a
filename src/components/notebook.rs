//! The notebook: its cells in order, with ways to add more.

use leptos::prelude::*;
use quire_protocol::experiment::{ExperimentSpec, PlanMetric, PlanSpec};
use quire_protocol::metric::MetricSpec;
use quire_protocol::model::{Method, ModelSpec};
use quire_protocol::notebook::Cell;
use quire_protocol::{CellKind, CellOutput, CellSpec, Edit};

use super::cell::CellFrame;
use super::loader::{DropZone, Progress};
use crate::i18n::{self, Word, word};

/// A new empty cell of a kind, for the "add" buttons.
fn blank(spec: CellSpec) -> Cell {
    Cell {
        id: super::new_cell_id(),
        collapsed: false,
        spec,
    }
}

/// The next free `resultN` table name.
fn fresh_table(taken: &[String]) -> String {
    (1..)
        .map(|n| format!("result{n}"))
        .find(|n| !taken.contains(n))
        .unwrap_or_default()
}

/// `metric1`, `metric2`… the first not taken.
fn fresh_metric(taken: &[String]) -> String {
    (1..)
        .map(|n| format!("metric{n}"))
        .find(|n| !taken.contains(n))
        .unwrap_or_default()
}

/// `orders_clean` (or `orders_predictions`…), or `orders_clean_2`… if taken; `clean` when
/// there is no input.
fn fresh_after(input: &str, suffix: &str, taken: &[String]) -> String {
    let base = if input.is_empty() {
        suffix.to_owned()
    } else {
        format!("{input}_{suffix}")
    };
    std::iter::once(base.clone())
        .chain((2..).map(|n| format!("{base}_{n}")))
        .find(|n| !taken.contains(n))
        .unwrap_or(base)
}

/// The notebook's failing checks, at the top, each linking to its cell.
#[component]
fn QualitySummary() -> impl IntoView {
    let state = super::state();
    let failing = move || {
        state.view.with(|v| {
            v.as_ref()
                .map(|v| {
                    v.statuses
                        .iter()
                        .filter_map(|s| match &s.output {
                            Some(o @ CellOutput::Checks { table, .. }) if o.failed_checks() > 0 => {
                                Some((s.id.clone(), table.clone(), o.failed_checks()))
                            }
                            // An experiment's failed checks name the table it reads.
                            Some(o @ CellOutput::Experiment { .. }) if o.failed_checks() > 0 => {
                                let table = v
                                    .notebook
                                    .cells
                                    .iter()
                                    .find(|c| c.id == s.id)
                                    .and_then(|c| match &c.spec {
                                        CellSpec::Experiment { input, .. } => Some(input.clone()),
                                        _ => None,
                                    })?;
                                Some((s.id.clone(), table, o.failed_checks()))
                            }
                            _ => None,
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
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
        let Some((index, taken)) = state.view.with_untracked(|v| {
            v.as_ref().map(|v| {
                let taken = v
                    .notebook
                    .cells
                    .iter()
                    .filter_map(|c| c.spec.output().map(str::to_owned))
                    .collect::<Vec<_>>();
                (v.notebook.cells.len(), taken)
            })
        }) else {
            return;
        };
        // New cleaning and checks start from the latest table.
        let last = taken.last().cloned().unwrap_or_default();
        let spec = match kind {
            CellKind::Markdown => CellSpec::Markdown {
                text: String::new(),
            },
            CellKind::Clean => CellSpec::Clean {
                table: fresh_after(&last, "clean", &taken),
                input: last,
                steps: Vec::new(),
            },
            CellKind::Quality => CellSpec::Quality {
                input: last,
                checks: Vec::new(),
            },
            CellKind::Chart => CellSpec::Chart {
                input: last,
                chart: quire_protocol::chart::ChartSpec::new(
                    quire_protocol::chart::ChartKind::Line { step: None },
                    None,
                    &[],
                ),
            },
            CellKind::Experiment => CellSpec::Experiment {
                input: last,
                experiment: ExperimentSpec::new("", "", "control"),
            },
            CellKind::Plan => CellSpec::Plan {
                plan: PlanSpec {
                    daily_traffic: Some(10_000),
                    ..PlanSpec::new(PlanMetric::Proportion { baseline: 0.1 }, 0.05)
                },
            },
            CellKind::Metric => {
                // A new metric counts the rows of the latest table (not another metric's) by
                // its first date column.
                let source = state
                    .view
                    .with_untracked(|v| {
                        v.as_ref().and_then(|v| {
                            v.notebook.cells.iter().rev().find_map(|c| match &c.spec {
                                CellSpec::Metric { .. } => None,
                                spec => spec.output().map(str::to_owned),
                            })
                        })
                    })
                    .unwrap_or_default();
                let time = super::fields::typed_columns_of(&source)
                    .into_iter()
                    .find(|(_, t)| {
                        matches!(
                            t,
                            quire_protocol::ColumnType::Date | quire_protocol::ColumnType::Datetime
                        )
                    })
                    .map(|(n, _)| n)
                    .unwrap_or_default();
                CellSpec::Metric {
                    metric: MetricSpec::new(&fresh_metric(&taken), &source, &time, "count(*)"),
                }
            }
            CellKind::Dashboard => CellSpec::Dashboard {
                title: String::new(),
                tiles: super::fields::metric_names(),
            },
            CellKind::Model => CellSpec::Model {
                input: last.clone(),
                model: ModelSpec::new(
                    &fresh_after(&last, "predictions", &taken),
                    Method::Linear,
                    "",
                    &[],
                ),
            },
            CellKind::Sql | CellKind::Data => CellSpec::Sql {
                table: fresh_table(&taken),
                query: String::new(),
            },
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
