//! A Metric cell: the definition (name, owner, source, time, grain, SQL aggregation, filters,
//! breakdown, rolling window), and what the engine computed from it: the latest complete
//! period against the one before, the incomplete current period apart, a line chart, the
//! periods as a table, and the definition with the very SQL that ran.

use leptos::html::Canvas;
use leptos::prelude::*;
use quire_charts::{ChartKind, ChartSpec};
use quire_protocol::clean::split_list;
use quire_protocol::experiment::Direction;
use quire_protocol::metric::{
    EmptyPeriods, Grain, MetricReport, MetricSpec, NumberFormat, Point, Trend,
};
use quire_protocol::notebook::Cell;
use quire_protocol::{CellOutput, CellSpec, CellStatus, Edit};

use super::cell::CellErrorView;
use super::chart_canvas::ChartCanvas;
use super::fields::{
    choice_as, columns_of, datalist, from_name, name_of, optional, optional_count, tables, text,
};
use crate::i18n::{self, Word, count, word};
use quire_protocol::kinds;

const FORMATS: &[(&str, Word)] = &[
    ("number", Word::FNumber),
    ("integer", Word::FInteger),
    ("percent", Word::FPercent),
    ("currency", Word::FCurrency),
];
const GRAINS: &[(&str, Word)] = &[
    ("day", Word::GDay),
    ("week", Word::GWeek),
    ("month", Word::GMonth),
    ("quarter", Word::GQuarter),
];
const DIRECTIONS: &[(&str, Word)] = &[("higher", Word::HigherBetter), ("lower", Word::LowerBetter)];
const EMPTIES: &[(&str, Word)] = &[
    ("auto", Word::EAuto),
    ("zero", Word::EZero),
    ("gap", Word::EGap),
];
/// Periods listed in the table at most (the latest); the chart shows them all.
const LISTED: usize = 120;

fn format_key(f: &NumberFormat) -> &'static str {
    match f {
        NumberFormat::Number => "number",
        NumberFormat::Integer => "integer",
        NumberFormat::Percent => "percent",
        NumberFormat::Currency { .. } => "currency",
    }
}

fn with_format(f: &NumberFormat, key: &str) -> NumberFormat {
    match (key, f) {
        ("currency", NumberFormat::Currency { .. }) => f.clone(),
        ("currency", _) => NumberFormat::Currency {
            symbol: "₩".to_owned(),
        },
        ("integer", _) => NumberFormat::Integer,
        ("percent", _) => NumberFormat::Percent,
        _ => NumberFormat::Number,
    }
}

/// The filters as one line: `country = 'KR'; amount > 0`.
fn filters_text(filters: &[String]) -> String {
    filters.join("; ")
}

fn parse_filters(text: &str) -> Vec<String> {
    text.split(';')
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The headline in words: `2024-W02: 4 users · ▲ +1 (+33.3%) vs 2024-W01`, and its trend.
pub fn headline(lang: i18n::Lang, spec: &MetricSpec, report: &MetricReport) -> (String, Trend) {
    match &report.headline {
        Some(h) => {
            let trend = h.trend(spec.direction);
            let rising = (h.absolute != 0.0).then_some(h.absolute > 0.0);
            let change = i18n::change_line(
                lang,
                &spec.format.show_change(h.absolute),
                h.relative,
                rising,
                &report.grain.label(h.previous_start),
            );
            (
                format!(
                    "{}: {} · {change}",
                    report.grain.label(h.start),
                    spec.show(h.value)
                ),
                trend,
            )
        }
        None => (i18n::no_comparison(lang).to_owned(), Trend::Flat),
    }
}

pub fn partial(lang: i18n::Lang, spec: &MetricSpec, report: &MetricReport) -> Option<String> {
    report.partial.as_ref().map(|p| {
        i18n::partial_line(
            lang,
            &report.grain.label(p.start),
            &p.value.map_or("—".to_owned(), |v| spec.show(v)),
        )
    })
}

#[component]
pub fn MetricCell(cell: Cell, status: Option<CellStatus>) -> impl IntoView {
    let state = super::state();
    let CellSpec::Metric(kinds::Metric { metric }) = cell.spec.clone() else {
        return ().into_any();
    };
    let set = {
        let cell = cell.clone();
        Callback::new(move |metric: MetricSpec| {
            state.edit(Edit::Update {
                cell: Cell {
                    spec: CellSpec::Metric(kinds::Metric { metric }),
                    ..cell.clone()
                },
            });
        })
    };
    let spec = StoredValue::new(metric.clone());
    let edit = move |f: &dyn Fn(&mut MetricSpec)| {
        let mut s = spec.get_value();
        f(&mut s);
        set.run(s);
    };
    let report = match status.as_ref().and_then(|s| s.output.clone()) {
        Some(CellOutput::Metric { report, .. }) => Some(*report),
        _ => None,
    };
    let tables_id = format!("tables-{}", cell.id);
    let columns_id = format!("columns-{}", cell.id);
    let table_names: Vec<String> = tables()
        .into_iter()
        .map(|(t, _)| t)
        .filter(|t| *t != metric.name)
        .collect();
    let columns = columns_of(&metric.table);
    let symbol = match &metric.format {
        NumberFormat::Currency { symbol } => Some(symbol.clone()),
        _ => None,
    };
    view! {
        <div class="quality-cell metric-cell">
            {datalist(tables_id.clone(), table_names)}
            {datalist(columns_id.clone(), columns)}
            <div class="step-fields">
                {text(Word::MName, metric.name.clone(), None, move |v| edit(&|s| s.name = v.trim().to_owned()))}
                {text(Word::MDescription, metric.description.clone(), None, move |v| edit(&|s| s.description.clone_from(&v)))}
                {text(Word::MOwner, metric.owner.clone(), None, move |v| edit(&|s| s.owner = v.trim().to_owned()))}
                {text(Word::MTable, metric.table.clone(), Some(tables_id), move |v| edit(&|s| s.table = v.trim().to_owned()))}
                {text(Word::MTime, metric.time.clone(), Some(columns_id.clone()), move |v| edit(&|s| s.time = v.trim().to_owned()))}
                {choice_as("field-m_grain".to_owned(), Word::MGrain, GRAINS, &name_of(&metric.grain), move |k| {
                    if let Some(g) = from_name::<Grain>(k) {
                        edit(&|s| s.grain = g);
                    }
                })}
                {text(Word::MAggregation, metric.aggregation.clone(), None, move |v| edit(&|s| s.aggregation = v.trim().to_owned()))}
                {text(Word::MFilters, filters_text(&metric.filters), None, move |v| edit(&|s| s.filters = parse_filters(&v)))}
                {text(Word::MDimension, metric.dimension.clone().unwrap_or_default(), Some(columns_id), move |v| edit(&|s| s.dimension = optional(&v)))}
                {optional_count(Word::MRolling, metric.rolling_days.map(u64::from), move |v| edit(&|s| s.rolling_days = v.map(|d| u32::try_from(d).unwrap_or(u32::MAX))))}
                {choice_as("field-metric_direction".to_owned(), Word::MetricDirection, DIRECTIONS, &name_of(&metric.direction), move |k| {
                    if let Some(d) = from_name::<Direction>(k) {
                        edit(&|s| s.direction = d);
                    }
                })}
                {choice_as("field-m_empty".to_owned(), Word::MEmpty, EMPTIES, &name_of(&metric.empty), move |k| {
                    if let Some(e) = from_name::<EmptyPeriods>(k) {
                        edit(&|s| s.empty = e);
                    }
                })}
                {text(Word::Unit, metric.unit.clone(), None, move |v| edit(&|s| s.unit = v.trim().to_owned()))}
                {choice_as("field-m_format".to_owned(), Word::MFormat, FORMATS, format_key(&metric.format), move |k| edit(&|s| s.format = with_format(&s.format, k)))}
                {symbol.map(|sym| text(Word::MSymbol, sym, None, move |v| edit(&|s| s.format = NumberFormat::Currency { symbol: v.trim().to_owned() })))}
            </div>
            <CellErrorView status=status.clone()/>
            {report.map(|report| view! { <MetricReportView spec=metric.clone() report=report/> })}
        </div>
    }
    .into_any()
}

#[component]
fn MetricReportView(spec: MetricSpec, report: MetricReport) -> impl IntoView {
    let state = super::state();
    let lang = move || state.lang.get();
    let trend = headline(state.lang.get_untracked(), &spec, &report).1;
    let headline_text = {
        let (spec, report) = (spec.clone(), report.clone());
        move || headline(lang(), &spec, &report).0
    };
    let partial_text = {
        let (spec, report) = (spec.clone(), report.clone());
        move || partial(lang(), &spec, &report)
    };
    let chart_data = report.chart(&spec.name);
    let empty = report.total.is_empty();
    let chart = {
        let spec = spec.clone();
        Signal::derive(move || {
            let mut chart =
                ChartSpec::new(ChartKind::Line { step: None }, Some("period"), &["value"]);
            chart.title = spec.name.clone();
            chart.x_label = Some(word(lang(), Word::MPeriod).to_owned());
            chart.y_label = Some(spec.name.clone());
            chart.unit = (!spec.unit.trim().is_empty()).then(|| spec.unit.trim().to_owned());
            (chart, chart_data.clone())
        })
    };
    let canvas = NodeRef::<Canvas>::new();
    let rules = {
        let r = report.clone();
        move || {
            i18n::metric_rules(
                lang(),
                &quire_protocol::metric::date_label(r.first_day),
                &quire_protocol::metric::date_label(r.as_of),
                r.empty,
                r.rolling_days,
            )
            .into_iter()
            .map(|line| view! { <li>{line}</li> })
            .collect_view()
        }
    };
    let hidden = report.hidden_values;
    let rolling = report.rolling_days;
    let sql = match &report.dimension_sql {
        Some(d) => format!("{}\n\n{d}", report.sql),
        None => report.sql.clone(),
    };
    let rows = series_rows(&spec, &report);
    view! {
        <section class="metric-report">
            <p class=format!("headline trend-{}", name_of(&trend)) data-testid="metric-headline" data-trend=name_of(&trend)>
                {headline_text}
            </p>
            {move || partial_text().map(|t| view! { <p class="check-result partial" data-testid="metric-partial">{t}</p> })}
            {(!empty).then(|| view! { <ChartCanvas chart=chart canvas=canvas testid="metric-chart" height=280/> })}
            {(hidden > 0).then(|| view! { <p class="check-result">{move || i18n::more_values(lang(), hidden)}</p> })}
            <details class="definition" data-testid="metric-definition">
                <summary>{move || word(lang(), Word::MDefinition)}</summary>
                <ul class="rules">{rules}</ul>
                <pre class="sql" data-testid="metric-sql">{sql}</pre>
                <p class="sql-note" data-testid="metric-sql-note">{move || i18n::metric_sql_note(lang(), rolling)}</p>
            </details>
            <strong>{move || word(lang(), Word::MSeries)}</strong>
            <div class="series-box">
                <table class="sample" data-testid="metric-series">
                    <thead><tr>
                        <th>{move || word(lang(), Word::MPeriod)}</th>
                        <th>{move || word(lang(), Word::MValue)}</th>
                        <th>{move || word(lang(), Word::MChange)}</th>
                        <th>{move || word(lang(), Word::MChangePct)}</th>
                        <th>{move || word(lang(), Word::MRows)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// The total's periods, latest first (at most [`LISTED`]), each with its change.
fn series_rows(spec: &MetricSpec, report: &MetricReport) -> Vec<AnyView> {
    let state = super::state();
    let changes = report.changes(&report.total);
    let rows: Vec<(Point, Option<quire_protocol::metric::Change>)> =
        report.total.iter().cloned().zip(changes).collect();
    rows.into_iter()
        .rev()
        .take(LISTED)
        .map(|(p, c)| {
            let label = report.grain.label(p.start);
            let value = p.value.map_or("—".to_owned(), |v| spec.show(v));
            let (absolute, relative) = c.map_or(("—".to_owned(), "—".to_owned()), |c| {
                (
                    spec.format.show_change(c.absolute),
                    c.relative
                        .map_or("—".to_owned(), |r| format!("{:+.1}%", 100.0 * r)),
                )
            });
            let complete = p.complete;
            let period = label.clone();
            view! {
                <tr data-period=period data-complete=complete.to_string() data-value=p.value.map(|v| v.to_string())>
                    <td>
                        {label}
                        {(!complete).then(|| view! { <span class="badge">{move || word(state.lang.get(), Word::MIncomplete)}</span> })}
                    </td>
                    <td>{value}</td>
                    <td>{absolute}</td>
                    <td>{relative}</td>
                    <td>{count(p.rows)}</td>
                </tr>
            }
            .into_any()
        })
        .collect()
}

/// A metric's name from a tiles field: `wau, revenue` → its names.
pub fn parse_names(text: &str) -> Vec<String> {
    split_list(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_and_formats_read_and_write_as_text() {
        let f = parse_filters(" country = 'KR' ;amount > 0; ");
        assert_eq!(f, ["country = 'KR'", "amount > 0"]);
        assert_eq!(filters_text(&f), "country = 'KR'; amount > 0");
        let won = with_format(&NumberFormat::Number, "currency");
        assert_eq!(format_key(&won), "currency");
        assert_eq!(with_format(&won, "currency"), won, "keeps its symbol");
        assert_eq!(with_format(&won, "percent"), NumberFormat::Percent);
    }
}
