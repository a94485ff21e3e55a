//! A Chart cell: a table's columns drawn by `quire-charts` on a canvas that follows the page
//! width and the screen's pixel density; hovering names the nearest value; PNG and SVG export.

use leptos::html::Canvas;
use leptos::prelude::*;
use quire_charts::{ChartData, ChartKind, ChartSpec};
use quire_protocol::chart::{Aggregate, BinRule, TimeStep};
use quire_protocol::clean::split_list;
use quire_protocol::notebook::Cell;
use quire_protocol::{CellOutput, CellSpec, CellStatus, Edit};

use super::cell::CellErrorView;
use super::chart_canvas::{ChartCanvas, HEIGHT, svg};
use super::fields::{self, choice, flag, text, text_as};
use crate::i18n::word;

const KINDS: &[&str] = &[
    "kind_line",
    "kind_bar",
    "kind_stacked",
    "kind_scatter",
    "kind_histogram",
    "kind_box",
    "kind_interval",
    "kind_roc",
    "kind_spark",
];
const AGGREGATES: &[&str] = &[
    "agg_none",
    "agg_sum",
    "agg_mean",
    "agg_count",
    "agg_min",
    "agg_max",
    "agg_median",
];
const STEPS: &[&str] = &["step_none", "step_day", "step_week", "step_month"];

fn kind_key(kind: ChartKind) -> &'static str {
    match kind {
        ChartKind::Line { .. } => "kind_line",
        ChartKind::Bar { stacked: false } => "kind_bar",
        ChartKind::Bar { stacked: true } => "kind_stacked",
        ChartKind::Scatter { .. } => "kind_scatter",
        ChartKind::Histogram { .. } => "kind_histogram",
        ChartKind::Box => "kind_box",
        ChartKind::Interval => "kind_interval",
        ChartKind::Roc => "kind_roc",
        ChartKind::Spark => "kind_spark",
    }
}

fn kind_of(key: &str) -> ChartKind {
    match key {
        "kind_bar" => ChartKind::Bar { stacked: false },
        "kind_stacked" => ChartKind::Bar { stacked: true },
        "kind_scatter" => ChartKind::Scatter { fit: true },
        "kind_histogram" => ChartKind::Histogram {
            bins: BinRule::FreedmanDiaconis,
        },
        "kind_box" => ChartKind::Box,
        "kind_interval" => ChartKind::Interval,
        "kind_roc" => ChartKind::Roc,
        "kind_spark" => ChartKind::Spark,
        _ => ChartKind::Line { step: None },
    }
}

fn aggregate_key(a: Aggregate) -> &'static str {
    match a {
        Aggregate::None => "agg_none",
        Aggregate::Sum => "agg_sum",
        Aggregate::Mean => "agg_mean",
        Aggregate::Count => "agg_count",
        Aggregate::Min => "agg_min",
        Aggregate::Max => "agg_max",
        Aggregate::Median => "agg_median",
    }
}

fn aggregate_of(key: &str) -> Aggregate {
    match key {
        "agg_sum" => Aggregate::Sum,
        "agg_mean" => Aggregate::Mean,
        "agg_count" => Aggregate::Count,
        "agg_min" => Aggregate::Min,
        "agg_max" => Aggregate::Max,
        "agg_median" => Aggregate::Median,
        _ => Aggregate::None,
    }
}

#[component]
pub fn ChartCell(cell: Cell, status: Option<CellStatus>) -> impl IntoView {
    let state = super::state();
    let lang = move || state.lang.get();
    let CellSpec::Chart { input, chart } = cell.spec.clone() else {
        return ().into_any();
    };
    let set = {
        let (cell, input) = (cell.clone(), input.clone());
        Callback::new(move |chart: ChartSpec| {
            state.edit(Edit::Update {
                cell: Cell {
                    spec: CellSpec::Chart {
                        input: input.clone(),
                        chart,
                    },
                    ..cell.clone()
                },
            });
        })
    };
    let edit = {
        let chart = chart.clone();
        move |f: &dyn Fn(&mut ChartSpec)| {
            let mut c = chart.clone();
            f(&mut c);
            set.run(c);
        }
    };
    let data = match status.as_ref().and_then(|s| s.output.clone()) {
        Some(CellOutput::Chart { data }) => Some(data),
        _ => None,
    };
    // Types guide the choices: y lists numbers; x lists what the kind can put on its axis.
    let list_id = format!("cols-{}", cell.id);
    let x_id = format!("x-cols-{}", cell.id);
    let y_id = format!("y-cols-{}", cell.id);
    let tables_id = format!("tables-{}", cell.id);
    let typed = fields::typed_columns_of(&input);
    let (columns, numeric) = fields::names_and_numbers(&typed);
    let x_columns: Vec<String> = match chart.kind {
        ChartKind::Line { .. } | ChartKind::Scatter { .. } | ChartKind::Roc | ChartKind::Spark => {
            typed
                .iter()
                .filter(|(_, t)| {
                    t.is_numeric()
                        || matches!(
                            t,
                            quire_protocol::ColumnType::Date | quire_protocol::ColumnType::Datetime
                        )
                })
                .map(|(n, _)| n.clone())
                .collect()
        }
        _ => columns.clone(),
    };
    let tables: Vec<String> = fields::tables().into_iter().map(|(t, _)| t).collect();

    let canvas = NodeRef::<Canvas>::new();
    let shown = StoredValue::new(data.clone().map(|d| (chart.clone(), d)));
    let chart_for_export = chart.clone();
    let export = move |png: bool| {
        let (Some(el), Some((spec, data))) = (canvas.get_untracked(), shown.get_value()) else {
            return;
        };
        let name = quire_protocol::names::file_stem(&chart_for_export.title, "chart");
        if png {
            if let Ok(url) = el.to_data_url_with_type("image/png") {
                crate::download::trigger(&url, &format!("{name}.png"));
            }
        } else {
            let width = u32::try_from(el.client_width()).unwrap_or(640).max(320);
            let text = svg(
                &spec,
                &data,
                width,
                HEIGHT,
                state.lang.get_untracked().into(),
            );
            if let Some(url) = crate::download::text_url(&text, "image/svg+xml") {
                crate::download::trigger(&url, &format!("{name}.svg"));
            }
        }
    };
    let (e1, e2, e3, e4, e5, e6, e7, e8) = (
        edit.clone(),
        edit.clone(),
        edit.clone(),
        edit.clone(),
        edit.clone(),
        edit.clone(),
        edit.clone(),
        edit.clone(),
    );
    let (e9, e10) = (edit.clone(), edit);
    let sort_key = match chart.sort {
        quire_protocol::chart::SortOrder::None => "sort_none",
        quire_protocol::chart::SortOrder::XAscending => "sort_x",
        quire_protocol::chart::SortOrder::YDescending => "sort_y",
    };
    let step_key = match chart.kind {
        ChartKind::Line {
            step: Some(TimeStep::Day),
        } => "step_day",
        ChartKind::Line {
            step: Some(TimeStep::Week),
        } => "step_week",
        ChartKind::Line {
            step: Some(TimeStep::Month),
        } => "step_month",
        _ => "step_none",
    };
    let is_line = matches!(chart.kind, ChartKind::Line { .. });
    let sampled = matches!(
        &data,
        Some(ChartData::Plot {
            sampled: Some(_),
            ..
        })
    );
    let retarget = {
        let (cell, chart) = (cell.clone(), chart.clone());
        move |input: String| {
            state.edit(Edit::Update {
                cell: Cell {
                    spec: CellSpec::Chart {
                        input,
                        chart: chart.clone(),
                    },
                    ..cell.clone()
                },
            });
        }
    };
    view! {
        <div class="chart-cell">
            {fields::datalist(list_id.clone(), columns)}
            {fields::datalist(x_id.clone(), x_columns)}
            {fields::datalist(y_id.clone(), numeric)}
            {fields::datalist(tables_id.clone(), tables)}
            <div class="step-fields">
                {text_as("chart-input".to_owned(), "input", input.clone(), Some(tables_id), retarget)}
                {choice("chart_kind", KINDS, kind_key(chart.kind), move |k| e1(&|c| c.kind = kind_of(k)))}
                {text("x", chart.x.clone().unwrap_or_default(), Some(x_id), move |v| e2(&|c| c.x = (!v.trim().is_empty()).then(|| v.trim().to_owned())))}
                {text("y", chart.y.join(", "), Some(y_id), move |v| e3(&|c| c.y = split_list(&v)))}
                {text("chart_by", chart.by.clone().unwrap_or_default(), Some(list_id.clone()), move |v| e4(&|c| c.by = (!v.trim().is_empty()).then(|| v.trim().to_owned())))}
                {choice("aggregate", AGGREGATES, aggregate_key(chart.aggregate), move |k| e5(&|c| c.aggregate = aggregate_of(k)))}
                {is_line.then(|| choice("time_step", STEPS, step_key, move |k| e6(&|c| c.kind = ChartKind::Line { step: match k {
                    "step_day" => Some(TimeStep::Day), "step_week" => Some(TimeStep::Week), "step_month" => Some(TimeStep::Month), _ => None,
                } })))}
                {text("chart_title", chart.title.clone(), None, move |v| e7(&|c| c.title.clone_from(&v)))}
                {text("unit", chart.unit.clone().unwrap_or_default(), None, move |v| e9(&|c| c.unit = (!v.trim().is_empty()).then(|| v.trim().to_owned())))}
                {matches!(chart.kind, ChartKind::Bar { .. }).then(|| choice("chart_sort", &["sort_none", "sort_x", "sort_y"], sort_key, move |k| e10(&|c| c.sort = match k {
                    "sort_x" => quire_protocol::chart::SortOrder::XAscending,
                    "sort_y" => quire_protocol::chart::SortOrder::YDescending,
                    _ => quire_protocol::chart::SortOrder::None,
                })))}
                {flag("log_y", chart.log_y, move |on| e8(&|c| c.log_y = on))}
            </div>
            <CellErrorView status=status.clone()/>
            {data.clone().map(|d| view! {
                <ChartCanvas chart=(chart.clone(), d) canvas=canvas testid="chart-canvas"/>
                <div class="table-tools">
                    {sampled.then(|| view! { <span class="muted" data-testid="chart-sampled">{move || word(lang(), "sampled")}</span> })}
                    <span class="spacer"></span>
                    <button data-testid="export-png" on:click={let export = export.clone(); move |_| export(true)}>"PNG"</button>
                    <button data-testid="export-svg" on:click=move |_| export(false)>"SVG"</button>
                </div>
            })}
        </div>
    }
    .into_any()
}
