//! Metric cells: a metric's definition → its time series, with completeness, period-over-period
//! change, a breakdown, and the SQL that computed it; and Dashboard tiles.
//!
//! How a metric is computed, in order:
//! 1. One SQL query, self-contained: a `WITH` step cuts the time column to the grain as a
//!    column `period` (a date, the first day of the period: Monday for ISO weeks), then the
//!    rows are grouped by `period` (and the dimension) and aggregated:
//!    `WITH with_period AS (SELECT *, <period expression> AS period FROM <table>)
//!    SELECT period, <aggregation> AS value, count(*) AS row_count FROM with_period
//!    WHERE <filters> GROUP BY period ORDER BY period`. Its text is in the report, and it is
//!    exactly what ran: pasted into an SQL cell it gives the same values per period.
//! 2. Rolling distinct counts (DAU/WAU/MAU) group by period and the counted value instead,
//!    and the windows are counted after the query, in Rust (the page says so beside the
//!    SQL): each unit counts once per window: a unit active on day `a` is in the windows
//!    ending on days `a ..= a + w − 1`; the union of those intervals per unit, summed over
//!    units by a difference array, gives every day's count in O(n log n).
//! 3. Every period from the source's first day to its last is listed. A period with no rows is
//!    zero or a gap by the stated rule ([`EmptyPeriods::Auto`]: zero for one `sum`/`count`,
//!    a gap otherwise).
//! 4. A period is complete when the source has data from its first day to its last (the
//!    first and last periods may be partial); a rolling day is complete when its whole window
//!    is. Changes compare complete periods only; the incomplete current period is reported
//!    apart.

use std::collections::HashMap;

use polars::prelude::*;
use quire_protocol::metric::{
    Change, DimensionSeries, EmptyPeriods, Grain, MetricError, MetricField, MetricReport,
    MetricSpec, Point, change,
};
use std::ops::ControlFlow;

use sqlparser::ast::{
    BinaryOperator, CastKind, DataType as SqlType, DuplicateTreatment, Expr as SqlExpr,
    FunctionArg, FunctionArgExpr, FunctionArguments, visit_expressions_mut,
};
use sqlparser::dialect::GenericDialect;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::Token;

use super::{Kind, Ran, Reads, Run, swap};
use crate::cells::schema_of;
use crate::kinds::sql;
use quire_protocol::kinds;
use quire_protocol::notebook::{CellError, CellOutput};

type Result<T> = std::result::Result<T, MetricError>;

/// The column the engine adds for the period.
pub const PERIOD: &str = "period";
/// Breakdown series shown at most (those with the most rows).
pub const MAX_SERIES: usize = 10;
/// Periods listed at most (a century of days is 36,525).
pub const MAX_PERIODS: i64 = 40_000;

/// A metric computed from its source table: the time-series table and the report.
pub fn compute(source: &DataFrame, spec: &MetricSpec) -> Result<(DataFrame, MetricReport)> {
    for (field, value) in [
        (MetricField::Name, &spec.name),
        (MetricField::Table, &spec.table),
        (MetricField::Time, &spec.time),
        (MetricField::Aggregation, &spec.aggregation),
    ] {
        if value.trim().is_empty() {
            return Err(MetricError::Incomplete { field });
        }
    }
    let mut aggregation = parse_expr(&spec.aggregation)?;
    for f in &spec.filters {
        parse_expr(f)?;
    }
    let counted = match spec.rolling_days {
        None => None,
        Some(w) if !(1..=366).contains(&w) => return Err(MetricError::WindowRange),
        Some(_) if spec.grain != Grain::Day => return Err(MetricError::Rolling),
        Some(_) => Some(count_distinct_arg(&aggregation).ok_or(MetricError::Rolling)?),
    };
    // A source with its own `period` is refused, unless that is the time column (a metric of
    // a metric's table): the query then replaces it with its cut to this grain.
    if spec.time.trim() != PERIOD
        && source
            .get_column_names()
            .iter()
            .any(|c| c.as_str() == PERIOD)
    {
        return Err(MetricError::ReservedColumn {
            column: PERIOD.to_owned(),
        });
    }
    let dimension = spec
        .dimension
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty());
    if let Some(d) = dimension {
        source.column(d).map_err(|_| MetricError::MissingColumn {
            column: d.to_owned(),
        })?;
    }
    let days = days_of(source, &spec.time)?;
    let empty = match spec.empty {
        EmptyPeriods::Auto if counted.is_some() || additive(&aggregation) => EmptyPeriods::Zero,
        EmptyPeriods::Auto => EmptyPeriods::Gap,
        other => other,
    };
    let (first_day, as_of) = match (days.iter().flatten().min(), days.iter().flatten().max()) {
        (Some(&a), Some(&b)) => (a, b),
        _ => (0, -1),
    };
    let periods = period_starts(spec.grain, first_day, as_of)?;

    let aggregation_sql = exact(&mut aggregation, &spec.aggregation);
    let sql_total = query(spec, &aggregation_sql, None, counted.as_deref());
    let total_rows = run(&sql_total, &spec.table, source)?;
    let total = match spec.rolling_days {
        Some(w) => rolling(&total_rows, None, &periods, first_day, w)?
            .pop()
            .map(|(_, p)| p)
            .unwrap_or_default(),
        None => fill(
            &grouped(&total_rows, None)?,
            &periods,
            spec.grain,
            (first_day, as_of),
            empty,
            true,
        )
        .pop()
        .map(|(_, p)| p)
        .unwrap_or_default(),
    };

    let (dimension_sql, series, hidden_values) = match dimension {
        None => (None, Vec::new(), 0),
        Some(d) => {
            let text = query(spec, &aggregation_sql, Some(d), counted.as_deref());
            let rows = run(&text, &spec.table, source)?;
            let mut series = match spec.rolling_days {
                Some(w) => rolling(&rows, Some(d), &periods, first_day, w)?,
                None => fill(
                    &grouped(&rows, Some(d))?,
                    &periods,
                    spec.grain,
                    (first_day, as_of),
                    empty,
                    false,
                ),
            };
            series.sort_by(|a, b| {
                let n = |s: &Vec<Point>| s.iter().map(|p| p.rows).sum::<u64>();
                n(&b.1).cmp(&n(&a.1)).then_with(|| a.0.cmp(&b.0))
            });
            let hidden = series.len().saturating_sub(MAX_SERIES) as u64;
            series.truncate(MAX_SERIES);
            let series = series
                .into_iter()
                .map(|(key, points)| DimensionSeries { key, points })
                .collect();
            (Some(text), series, hidden)
        }
    };

    let step = spec.rolling_days.map_or(1, |w| w as usize);
    let headline = headline(&total, step);
    let partial = total.last().filter(|p| !p.complete).cloned();
    let report = MetricReport {
        sql: sql_total,
        dimension_sql,
        grain: spec.grain,
        rolling_days: spec.rolling_days,
        as_of,
        first_day,
        empty,
        total,
        series,
        hidden_values,
        headline,
        partial,
    };
    let table = table_of(&report, dimension).map_err(sql_err)?;
    Ok((table, report))
}

/// The aggregation as it runs: the user's own words, unless a division had to be made exact
/// (polars' `/` on two integers truncates, so every division is by a DOUBLE, and the SQL
/// shown says so).
fn exact(aggregation: &mut SqlExpr, written: &str) -> String {
    let mut divisions = 0;
    let _ = visit_expressions_mut(aggregation, |e| {
        if let SqlExpr::BinaryOp {
            op: BinaryOperator::Divide,
            right,
            ..
        } = e
            && !matches!(**right, SqlExpr::Cast { .. })
        {
            divisions += 1;
            let inner =
                std::mem::replace(&mut **right, SqlExpr::Value(sqlparser::ast::Value::Null));
            **right = SqlExpr::Cast {
                kind: CastKind::Cast,
                expr: Box::new(inner),
                data_type: SqlType::Double,
                format: None,
            };
        }
        ControlFlow::<()>::Continue(())
    });
    if divisions > 0 {
        aggregation.to_string()
    } else {
        written.trim().to_owned()
    }
}

/// The metric computed per unit over its whole source (filters applied): each unit's value
/// as text → number, and whether a unit without rows counts 0 (one `sum`/`count`).
pub fn per_unit(
    source: &DataFrame,
    spec: &MetricSpec,
    unit: &str,
) -> Result<(HashMap<String, Option<f64>>, bool)> {
    let mut aggregation = parse_expr(&spec.aggregation)?;
    for f in &spec.filters {
        parse_expr(f)?;
    }
    source
        .column(unit)
        .map_err(|_| MetricError::MissingColumn {
            column: unit.to_owned(),
        })?;
    let additive = additive(&aggregation);
    let aggregation = exact(&mut aggregation, &spec.aggregation);
    let text = grouped_sql(
        spec,
        &[
            format!("{} AS unit", ident(unit)),
            format!("{aggregation} AS value"),
        ],
        &[ident(unit)],
        None,
    );
    let rows = run(&text, &spec.table, source)?;
    let units = rows
        .column("unit")
        .and_then(|c| c.cast(&DataType::String))
        .map_err(sql_err)?;
    let units = units.str().map_err(sql_err)?;
    let value = values(&rows)?;
    let value = value.f64().map_err(|_| MetricError::NotNumeric)?;
    let map = units
        .into_iter()
        .zip(value)
        .filter_map(|(u, v)| Some((u?.to_owned(), v.filter(|v| v.is_finite()))))
        .collect();
    Ok((map, additive))
}

/// The latest complete period with a value against the one `step` periods before it.
fn headline(points: &[Point], step: usize) -> Option<Change> {
    let last = points
        .iter()
        .rposition(|p| p.complete && p.value.is_some())?;
    let before = points.get(last.checked_sub(step)?)?;
    change(before, &points[last])
}

/// The SQL for the total (`dimension` None) or the breakdown. Rolling metrics group by the
/// counted value too; the windows are counted after.
fn query(
    spec: &MetricSpec,
    aggregation: &str,
    dimension: Option<&str>,
    counted: Option<&str>,
) -> String {
    let mut select = vec![PERIOD.to_owned()];
    let mut group = vec![PERIOD.to_owned()];
    if let Some(d) = dimension {
        select.push(format!("{} AS dimension", ident(d)));
        group.push(ident(d));
    }
    match counted {
        Some(unit) => {
            select.push(format!("{unit} AS unit"));
            group.push(unit.to_owned());
        }
        None => select.push(format!("{aggregation} AS value")),
    }
    select.push("count(*) AS row_count".to_owned());
    grouped_sql(spec, &select, &group, Some(spec.grain))
}

/// The name of the `WITH` step that adds `period` (another, should the source have that name).
fn with_period_name(table: &str) -> &'static str {
    if table.trim() == "with_period" {
        "with_period_2"
    } else {
        "with_period"
    }
}

/// The SQL expression of the first day of the `grain` period holding `time` (a date or
/// datetime column): the day itself; minus the ISO weekday from Monday; minus the day of the
/// month; or the quarter's first day as text read back as a date. Integer days since
/// 1970-01-01 do the arithmetic, so dates before 1970 are cut like the others.
pub fn period_expression(grain: Grain, time: &str) -> String {
    let t = ident(time.trim());
    let days = format!("CAST(CAST({t} AS DATE) AS INTEGER)");
    match grain {
        Grain::Day => format!("CAST({t} AS DATE)"),
        Grain::Week => format!("CAST({days} - EXTRACT(ISODOW FROM {t}) + 1 AS DATE)"),
        Grain::Month => format!("CAST({days} - EXTRACT(DAY FROM {t}) + 1 AS DATE)"),
        Grain::Quarter => format!(
            "DATE(strftime({t}, '%Y-') || CASE EXTRACT(QUARTER FROM {t}) WHEN 1 THEN '01-01' \
             WHEN 2 THEN '04-01' WHEN 3 THEN '07-01' ELSE '10-01' END)"
        ),
    }
}

/// `SELECT … FROM <source> WHERE <filters> GROUP BY …`, laid out to be read. With a grain, the
/// source first gets its `period` column in a `WITH` step and the rows come out by period, so
/// the text runs as it is in an SQL cell.
fn grouped_sql(
    spec: &MetricSpec,
    select: &[String],
    group: &[String],
    grain: Option<Grain>,
) -> String {
    let filters: Vec<String> = spec
        .filters
        .iter()
        .map(|f| f.trim())
        .filter(|f| !f.is_empty())
        .map(|f| format!("({f})"))
        .collect();
    let table = ident(spec.table.trim());
    let mut text = match grain {
        None => format!("SELECT {}\nFROM {table}", select.join(", ")),
        Some(grain) => {
            let cut = period_expression(grain, &spec.time);
            // A metric of a metric's table: its own `period` is the time, replaced by the cut.
            let columns = if spec.time.trim() == PERIOD {
                format!("* REPLACE ({cut} AS {PERIOD})")
            } else {
                format!("*, {cut} AS {PERIOD}")
            };
            let step = with_period_name(&spec.table);
            format!(
                "WITH {step} AS (\n  SELECT {columns}\n  FROM {table}\n)\nSELECT {}\nFROM {step}",
                select.join(", ")
            )
        }
    };
    if !filters.is_empty() {
        text.push_str(&format!("\nWHERE {}", filters.join("\n  AND ")));
    }
    text.push_str(&format!("\nGROUP BY {}", group.join(", ")));
    if grain.is_some() {
        text.push_str(&format!("\nORDER BY {PERIOD}"));
    }
    text
}

/// The query's `value` column as floats; text or dates are not a metric.
fn values(rows: &DataFrame) -> Result<Column> {
    let value = rows.column("value").map_err(|_| MetricError::NotNumeric)?;
    if !(value.dtype().is_primitive_numeric() || value.dtype() == &DataType::Boolean) {
        return Err(MetricError::NotNumeric);
    }
    value
        .cast(&DataType::Float64)
        .map_err(|_| MetricError::NotNumeric)
}

/// A polars or SQL failure while computing a metric, in its own words.
fn sql_err(e: impl std::fmt::Display) -> MetricError {
    MetricError::Sql {
        message: e.to_string(),
    }
}

/// A double-quoted SQL identifier.
fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn run(text: &str, table: &str, frame: &DataFrame) -> Result<DataFrame> {
    sql::run(text, &[(table.trim(), frame)]).map_err(|e| match e {
        quire_protocol::notebook::CellError::Sql { message, .. } => MetricError::Sql { message },
        other => MetricError::Sql {
            message: format!("{other:?}"),
        },
    })
}

fn parse_expr(text: &str) -> Result<SqlExpr> {
    let sql_error = |e: sqlparser::parser::ParserError| MetricError::Sql {
        message: format!("{e} in {text:?}"),
    };
    let mut parser = Parser::new(&GenericDialect)
        .try_with_sql(text)
        .map_err(sql_error)?;
    let expr = parser.parse_expr().map_err(sql_error)?;
    // One expression and nothing after it: no `FROM`, no second statement.
    if parser.peek_token().token != Token::EOF {
        return Err(MetricError::Sql {
            message: format!(
                "{text:?} must be one expression; unexpected {}",
                parser.peek_token().token
            ),
        });
    }
    Ok(expr)
}

/// `x` of `count(distinct x)`.
fn count_distinct_arg(expr: &SqlExpr) -> Option<String> {
    let SqlExpr::Function(f) = expr else {
        return None;
    };
    if !f.name.to_string().eq_ignore_ascii_case("count") {
        return None;
    }
    let FunctionArguments::List(list) = &f.args else {
        return None;
    };
    match (list.duplicate_treatment, list.args.as_slice()) {
        (Some(DuplicateTreatment::Distinct), [FunctionArg::Unnamed(FunctionArgExpr::Expr(e))]) => {
            Some(e.to_string())
        }
        _ => None,
    }
}

/// One `sum(…)` or `count(…)`: nothing happened means zero.
fn additive(expr: &SqlExpr) -> bool {
    let mut e = expr;
    while let SqlExpr::Nested(inner) = e {
        e = inner;
    }
    matches!(e, SqlExpr::Function(f)
        if ["sum", "count"].iter().any(|n| f.name.to_string().eq_ignore_ascii_case(n)))
}

/// Each row's day (days since 1970-01-01) from a date or datetime column.
fn days_of(frame: &DataFrame, time: &str) -> Result<Vec<Option<i64>>> {
    let column = frame
        .column(time.trim())
        .map_err(|_| MetricError::MissingColumn {
            column: time.trim().to_owned(),
        })?;
    let s = column.as_materialized_series();
    let not_time = || MetricError::NotTime {
        column: time.trim().to_owned(),
    };
    match s.dtype() {
        DataType::Date => {
            let physical = s.to_physical_repr();
            let ca = physical.i32().map_err(|_| not_time())?;
            Ok(ca.into_iter().map(|d| d.map(i64::from)).collect())
        }
        DataType::Datetime(unit, _) => {
            let per_day: i64 = match unit {
                TimeUnit::Nanoseconds => 86_400_000_000_000,
                TimeUnit::Microseconds => 86_400_000_000,
                TimeUnit::Milliseconds => 86_400_000,
            };
            let physical = s.to_physical_repr();
            let ca = physical.i64().map_err(|_| not_time())?;
            Ok(ca
                .into_iter()
                .map(|t| t.map(|t| t.div_euclid(per_day)))
                .collect())
        }
        _ => Err(not_time()),
    }
}

/// The start of every period from the one holding `first` to the one holding `last`.
fn period_starts(grain: Grain, first: i64, last: i64) -> Result<Vec<i64>> {
    if last < first {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let mut p = grain.start(first);
    while p <= last {
        if out.len() as i64 >= MAX_PERIODS {
            return Err(MetricError::TooManyPeriods {
                periods: out.len() as u64,
            });
        }
        out.push(p);
        p = grain.next(p);
    }
    Ok(out)
}

/// (period start, dimension key, value, rows) of the query's result.
type Groups = HashMap<String, HashMap<i64, (Option<f64>, u64)>>;

fn grouped(rows: &DataFrame, dimension: Option<&str>) -> Result<Groups> {
    let periods = period_column(rows)?;
    let keys = key_column(rows, dimension)?;
    let value = values(rows)?;
    let value = value.f64().map_err(|_| MetricError::NotNumeric)?;
    let counts = counts(rows)?;
    let mut out: Groups = HashMap::new();
    for (i, p) in periods.iter().enumerate() {
        let Some(p) = p else { continue };
        out.entry(keys[i].clone())
            .or_default()
            .insert(*p, (value.get(i).filter(|v| v.is_finite()), counts[i]));
    }
    Ok(out)
}

fn period_column(rows: &DataFrame) -> Result<Vec<Option<i64>>> {
    let p = rows
        .column(PERIOD)
        .and_then(|c| c.cast(&DataType::Int32))
        .map_err(sql_err)?;
    let ca = p.i32().map_err(sql_err)?;
    Ok(ca.into_iter().map(|d| d.map(i64::from)).collect())
}

fn key_column(rows: &DataFrame, dimension: Option<&str>) -> Result<Vec<String>> {
    let n = rows.height();
    if dimension.is_none() {
        return Ok(vec![String::new(); n]);
    }
    let c = rows
        .column("dimension")
        .and_then(|c| c.cast(&DataType::String))
        .map_err(sql_err)?;
    let ca = c.str().map_err(sql_err)?;
    Ok(ca
        .into_iter()
        .map(|v| v.unwrap_or("(null)").to_owned())
        .collect())
}

/// Each row's breakdown value as a dense id, and the values by id; without a dimension, one
/// key (the total) for every row. The total is listed even when no row passed the filters.
fn key_ids(rows: &DataFrame, dimension: Option<&str>) -> Result<(Vec<u32>, Vec<String>)> {
    if dimension.is_none() {
        return Ok((vec![0; rows.height()], vec![String::new()]));
    }
    let c = rows
        .column("dimension")
        .and_then(|c| c.cast(&DataType::String))
        .map_err(sql_err)?;
    let ca = c.str().map_err(sql_err)?;
    let mut names: Vec<String> = Vec::new();
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let keys = ca
        .into_iter()
        .map(|v| {
            let v = v.unwrap_or("(null)");
            *ids.entry(v).or_insert_with(|| {
                names.push(v.to_owned());
                (names.len() - 1) as u32
            })
        })
        .collect();
    Ok((keys, names))
}

fn counts(rows: &DataFrame) -> Result<Vec<u64>> {
    let c = rows
        .column("row_count")
        .and_then(|c| c.cast(&DataType::UInt64))
        .map_err(sql_err)?;
    let ca = c.u64().map_err(sql_err)?;
    Ok(ca.into_iter().map(|v| v.unwrap_or(0)).collect())
}

/// Every period of each key, empty ones by the rule, with completeness.
fn fill(
    groups: &Groups,
    periods: &[i64],
    grain: Grain,
    (first_day, as_of): (i64, i64),
    empty: EmptyPeriods,
    total: bool,
) -> Vec<(String, Vec<Point>)> {
    let mut keys: Vec<&String> = groups.keys().collect();
    if keys.is_empty() && total {
        // No rows pass the filters: the total is still listed, every period empty.
        static NONE: String = String::new();
        keys.push(&NONE);
    }
    keys.sort();
    keys.into_iter()
        .map(|key| {
            let found = groups.get(key);
            let points = periods
                .iter()
                .map(|&start| {
                    let complete = start >= first_day && grain.next(start) - 1 <= as_of;
                    let (value, rows) = match found.and_then(|g| g.get(&start)) {
                        Some(&(v, n)) => (v, n),
                        None => ((empty == EmptyPeriods::Zero).then_some(0.0), 0),
                    };
                    Point {
                        start,
                        value,
                        rows,
                        complete,
                    }
                })
                .collect();
            (key.clone(), points)
        })
        .collect()
}

/// A key's (unit, day) pairs and its rows per day.
type Visits = (Vec<(u64, i64)>, Vec<u64>);

/// Each row's unit as a number: integers as they are, anything else by a dense id of its
/// text (sorting numbers is what makes a million rows fast); `None` for a null.
fn unit_ids(column: &Column) -> Result<Vec<Option<u64>>> {
    if column.dtype().is_integer() {
        let ints = column.cast(&DataType::Int64).map_err(sql_err)?;
        let ints = ints.i64().map_err(sql_err)?;
        return Ok(ints.into_iter().map(|v| v.map(|v| v as u64)).collect());
    }
    let text = column.cast(&DataType::String).map_err(sql_err)?;
    let text = text.str().map_err(sql_err)?;
    let mut ids: HashMap<&str, u64> = HashMap::with_capacity(text.len());
    Ok(text
        .into_iter()
        .map(|v| {
            let next = ids.len() as u64;
            v.map(|v| *ids.entry(v).or_insert(next))
        })
        .collect())
}

/// Rolling distinct counts per key: each unit once per window of `w` days.
fn rolling(
    rows: &DataFrame,
    dimension: Option<&str>,
    days: &[i64],
    first_day: i64,
    w: u32,
) -> Result<Vec<(String, Vec<Point>)>> {
    let periods = period_column(rows)?;
    let (keys, names) = key_ids(rows, dimension)?;
    let units = unit_ids(rows.column("unit").map_err(sql_err)?)?;
    let counts = counts(rows)?;
    let (Some(&start), Some(&end)) = (days.first(), days.last()) else {
        return Ok(vec![(String::new(), Vec::new())]);
    };
    let len = (end - start + 1) as usize;
    let w = i64::from(w);
    // Per key: (unit, day) pairs, and rows per day.
    let mut by_key: Vec<Visits> = names.iter().map(|_| (Vec::new(), vec![0; len])).collect();
    for (i, p) in periods.iter().enumerate() {
        let (Some(p), Some(unit)) = (p, units[i]) else {
            continue; // a null unit is not counted, as count(distinct) does
        };
        let entry = &mut by_key[keys[i] as usize];
        entry.0.push((unit, *p));
        entry.1[(p - start) as usize] += counts[i];
    }
    let by_key: Vec<(&String, Visits)> = names.iter().zip(by_key).collect();
    let mut out = Vec::with_capacity(by_key.len());
    for (key, (mut pairs, day_rows)) in by_key {
        pairs.sort_unstable();
        // Difference array over days: +1 where a unit's covered run starts, −1 after it ends.
        let mut diff = vec![0i64; len + 1];
        let mut current: Option<(u64, i64, i64)> = None;
        let close = |run: (u64, i64, i64), diff: &mut Vec<i64>| {
            let (_, a, b) = run;
            let (a, b) = ((a - start) as usize, ((b - start) as usize).min(len - 1));
            diff[a] += 1;
            diff[b + 1] -= 1;
        };
        for (unit, day) in pairs {
            let (from, to) = (day, day + w - 1);
            current = match current {
                Some((u, a, b)) if u == unit && from <= b + 1 => Some((u, a, b.max(to))),
                Some(run) => {
                    close(run, &mut diff);
                    Some((unit, from, to))
                }
                None => Some((unit, from, to)),
            };
        }
        if let Some(run) = current {
            close(run, &mut diff);
        }
        let mut active = 0i64;
        let points = days
            .iter()
            .map(|&d| {
                let i = (d - start) as usize;
                active += diff[i];
                Point {
                    start: d,
                    value: Some(active as f64),
                    rows: day_rows[i],
                    complete: d - (w - 1) >= first_day,
                }
            })
            .collect();
        out.push((key.clone(), points));
    }
    Ok(out)
}

/// The metric's table: one row per period (and dimension value), with the change against
/// the period before.
fn table_of(report: &MetricReport, dimension: Option<&str>) -> PolarsResult<DataFrame> {
    let all: Vec<(&str, &[Point])> = if report.series.is_empty() {
        vec![("", report.total.as_slice())]
    } else {
        report
            .series
            .iter()
            .map(|s| (s.key.as_str(), s.points.as_slice()))
            .collect()
    };
    let (mut period, mut key, mut value, mut rows, mut complete, mut abs, mut rel) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    for (k, points) in all {
        let changes = report.changes(points);
        for (p, c) in points.iter().zip(changes) {
            period.push(p.start as i32);
            key.push(k.to_owned());
            value.push(p.value);
            rows.push(p.rows);
            complete.push(p.complete);
            abs.push(c.as_ref().map(|c| c.absolute));
            rel.push(c.and_then(|c| c.relative));
        }
    }
    let mut columns = vec![
        Int32Chunked::from_vec(PERIOD.into(), period)
            .into_date()
            .into_series()
            .into(),
    ];
    if let Some(d) = dimension {
        columns.push(Column::new(d.into(), key));
    }
    columns.extend([
        Column::new("value".into(), value),
        Column::new("rows".into(), rows),
        Column::new("complete".into(), complete),
        Column::new("change".into(), abs),
        Column::new("change_relative".into(), rel),
    ]);
    DataFrame::new(columns)
}

impl Kind for kinds::Metric {
    fn reads(&self, _: &mut Reads<'_>) -> std::result::Result<Vec<String>, CellError> {
        Ok(vec![self.metric.table.clone()])
    }

    fn run(&self, cx: &mut Run<'_>) -> std::result::Result<Ran, CellError> {
        let frame = cx.input(&self.metric.table)?;
        let (table, report) = compute(frame, &self.metric).map_err(CellError::Metric)?;
        let output = CellOutput::Metric {
            name: cx.name.clone(),
            rows: table.height() as u64,
            columns: schema_of(&table),
            report: Box::new(report),
        };
        Ok(Ran::table(output, table))
    }

    fn rename_input(&mut self, old: &str, new: &str) {
        swap(&mut self.metric.table, old, new);
    }
}

#[cfg(test)]
mod tests;
