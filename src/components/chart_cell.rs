//! A Chart cell: a table's columns drawn by `quire-charts` on a canvas that follows the page
//! width and the screen's pixel density; hovering names the nearest value; what the chart
//! leaves out is said beside it; PNG and SVG export.

use leptos::html::Canvas;
use leptos::prelude::*;
use quire_charts::{ChartKind, ChartSpec};
use quire_protocol::chart::{Aggregate, BinRule, SortOrder, TimeStep};
use quire_protocol::clean::split_list;
use quire_protocol::notebook::Cell;
use quire_protocol::{CellOutput, CellSpec, CellStatus, Edit};

use super::cell::CellErrorView;
use super::chart_canvas::{ChartCanvas, HEIGHT, svg};
use super::fields::{self, choice, flag, optional_count, text, text_as};
use crate::i18n::{Word, word};
use quire_protocol::kinds;

const KINDS: &[Word] = &[
    Word::KindLine,
    Word::KindBar,
    Word::KindStacked,
    Word::KindScatter,
    Word::KindHistogram,
    Word::KindBox,
    Word::KindInterval,
    Word::KindRoc,
    Word::KindSpark,
];
const AGGREGATES: &[Word] = &[
    Word::AggNone,
    Word::AggSum,
    Word::AggMean,
    Word::AggCount,
    Word::AggMin,
    Word::AggMax,
    Word::AggMedian,
];
const STEPS: &[Word] = &[
    Word::StepNone,
    Word::StepDay,
    Word::StepWeek,
    Word::StepMonth,
];
const BINS: &[Word] = &[Word::BinsSturges, Word::BinsFd, Word::BinsFixed];
const SORTS: &[Word] = &[Word::SortNone, Word::SortX, Word::SortY];

fn bins_key(rule: BinRule) -> &'static str {
    match rule {
        BinRule::Sturges => "bins_sturges",
        BinRule::FreedmanDiaconis => "bins_fd",
        BinRule::Fixed { .. } => "bins_fixed",
    }
}

/// The rule chosen by `key`; a fixed number keeps the one set before (or 20).
fn bins_of(key: &str, before: BinRule) -> BinRule {
    match (key, before) {
        ("bins_sturges", _) => BinRule::Sturges,
        ("bins_fixed", BinRule::Fixed { bins }) => BinRule::Fixed { bins },
        ("bins_fixed", _) => BinRule::Fixed { bins: 20 },
        _ => BinRule::FreedmanDiaconis,
    }
}

fn sort_key(sort: SortOrder) -> &'static str {
    match sort {
        SortOrder::None => "sort_none",
        SortOrder::XAscending => "sort_x",
        SortOrder::YDescending => "sort_y",
    }
}

fn sort_of(key: &str) -> SortOrder {
    match key {
        "sort_x" => SortOrder::XAscending,
        "sort_y" => SortOrder::YDescending,
        _ => SortOrder::None,
    }
}

/// A text field's value as an optional setting: `None` when blank.
fn optional(v: &str) -> Option<String> {
    let v = v.trim();
    (!v.is_empty()).then(|| v.to_owned())
}

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
    let CellSpec::Chart(kinds::Chart { input, chart }) = cell.spec.clone() else {
        return ().into_any();
    };
    let set = {
        let (cell, input) = (cell.clone(), input.clone());
        Callback::new(move |chart: ChartSpec| {
            state.edit(Edit::Update {
                cell: Cell {
                    spec: CellSpec::Chart(kinds::Chart {
                        input: input.clone(),
                        chart,
                    }),
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
            let text = svg(&spec, &data, width, HEIGHT, state.lang.get_untracked());
            if let Some(url) = crate::download::text_url(&text, "image/svg+xml") {
                crate::download::trigger(&url, &format!("{name}.svg"));
            }
        }
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
    let fit = match chart.kind {
        ChartKind::Scatter { fit } => Some(fit),
        _ => None,
    };
    let bins = match chart.kind {
        ChartKind::Histogram { bins } => Some(bins),
        _ => None,
    };
    let fixed_bins = match bins {
        Some(BinRule::Fixed { bins }) => Some(bins),
        _ => None,
    };
    let ordered = chart.kind.is_ordered_by_category();
    let loggable = chart.kind.supports_log_y();
    let roc = matches!(chart.kind, ChartKind::Roc);
    // What the chart leaves out (a sample, categories, series), in the page's language.
    let notes = data
        .clone()
        .map(|d| move || quire_charts::notes(&d, lang()));
    let retarget = {
        let (cell, chart) = (cell.clone(), chart.clone());
        move |input: String| {
            state.edit(Edit::Update {
                cell: Cell {
                    spec: CellSpec::Chart(kinds::Chart {
                        input,
                        chart: chart.clone(),
                    }),
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
                {text_as("chart-input".to_owned(), Word::Input, input.clone(), Some(tables_id), retarget)}
                {choice(Word::ChartKind, KINDS, kind_key(chart.kind), {let e = edit.clone(); move |k| e(&|c| c.kind = kind_of(k))})}
                {text(Word::X, chart.x.clone().unwrap_or_default(), Some(x_id), {let e = edit.clone(); move |v| e(&|c| c.x = optional(&v))})}
                {text(Word::Y, chart.y.join(", "), Some(y_id), {let e = edit.clone(); move |v| e(&|c| c.y = split_list(&v))})}
                {text(Word::ChartBy, chart.by.clone().unwrap_or_default(), Some(list_id.clone()), {let e = edit.clone(); move |v| e(&|c| c.by = optional(&v))})}
                {choice(Word::Aggregate, AGGREGATES, aggregate_key(chart.aggregate), {let e = edit.clone(); move |k| e(&|c| c.aggregate = aggregate_of(k))})}
                {is_line.then(|| {let e = edit.clone(); choice(Word::TimeStep, STEPS, step_key, move |k| e(&|c| c.kind = ChartKind::Line { step: match k {
                    "step_day" => Some(TimeStep::Day), "step_week" => Some(TimeStep::Week), "step_month" => Some(TimeStep::Month), _ => None,
                } }))})}
                {fit.map(|on| {let e = edit.clone(); flag(Word::ChartFit, on, move |fit| e(&|c| c.kind = ChartKind::Scatter { fit }))})}
                {bins.map(|rule| {let e = edit.clone(); choice(Word::ChartBins, BINS, bins_key(rule), move |k| e(&|c| c.kind = ChartKind::Histogram { bins: bins_of(k, rule) }))})}
                {fixed_bins.map(|n| {let e = edit.clone(); optional_count(Word::BinCount, Some(u64::from(n)), move |v| e(&|c| if let Some(n) = v.and_then(|v| u32::try_from(v).ok()).filter(|n| *n > 0) {
                    c.kind = ChartKind::Histogram { bins: BinRule::Fixed { bins: n.min(1000) } };
                }))})}
                {text(Word::ChartTitle, chart.title.clone(), None, {let e = edit.clone(); move |v| e(&|c| c.title.clone_from(&v))})}
                {text(Word::XLabel, chart.x_label.clone().unwrap_or_default(), None, {let e = edit.clone(); move |v| e(&|c| c.x_label = optional(&v))})}
                {text(Word::YLabel, chart.y_label.clone().unwrap_or_default(), None, {let e = edit.clone(); move |v| e(&|c| c.y_label = optional(&v))})}
                {text(Word::Unit, chart.unit.clone().unwrap_or_default(), None, {let e = edit.clone(); move |v| e(&|c| c.unit = optional(&v))})}
                {ordered.then(|| {let e = edit.clone(); choice(Word::ChartSort, SORTS, sort_key(chart.sort), move |k| e(&|c| c.sort = sort_of(k)))})}
                {loggable.then(|| {let e = edit.clone(); flag(Word::LogY, chart.log_y, move |on| e(&|c| c.log_y = on))})}
            </div>
            {roc.then(|| view! { <p class="muted" data-testid="roc-hint">{move || word(lang(), Word::RocHint)}</p> })}
            <CellErrorView status=status.clone()/>
            {data.clone().map(|d| view! {
                <ChartCanvas chart=(chart.clone(), d) canvas=canvas testid="chart-canvas"/>
                <div class="table-tools">
                    {notes.clone().map(|notes| view! {
                        <span class="muted" data-testid="chart-notes">{move || notes().join(" · ")}</span>
                    })}
                    <span class="spacer"></span>
                    <button data-testid="export-png" on:click={let export = export.clone(); move |_| export(true)}>"PNG"</button>
                    <button data-testid="export-svg" on:click=move |_| export(false)>"SVG"</button>
                </div>
            })}
        </div>
    }
    .into_any()
}
