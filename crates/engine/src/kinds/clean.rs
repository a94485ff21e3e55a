//! Clean cells: typed steps from an input table to an output table, each audited.
//!
//! Before the first step every row gets a hidden row number ([`ROW`]): it rides along every
//! step, so the audit can say which input rows a step dropped, and compare the values of the
//! rows it kept one to one. The output drops it.

use std::borrow::Cow;

use polars::prelude::*;
use quire_protocol::clean::{
    ColumnChange, EXAMPLES, Example, Fill, Keep, NullRows, OutlierAction, OutlierRule, SortKey,
    Step, StepLedger, StepNote, StepOp, StepProblem, TextCase,
};
use quire_protocol::{CellError, ColumnType};

use super::{Kind, Ran, Reads, Run, swap};
use crate::cells::cell;
use crate::cells::column_type;
use crate::cells::schema_of;
use quire_protocol::kinds;
use quire_protocol::notebook::CellOutput;

/// The hidden row number. No user column may have this name.
pub const ROW: &str = "__quire_row";

/// A Clean cell's result.
#[derive(Debug)]
pub struct Cleaned {
    pub frame: DataFrame,
    /// One entry per step, disabled ones included.
    pub ledger: Vec<StepLedger>,
}

/// Runs `steps` over `input`. A step that cannot run stops the cell with
/// [`CellError::Step`], naming it.
pub fn run(input: &DataFrame, steps: &[Step]) -> Result<Cleaned, CellError> {
    if input.column(ROW).is_ok() {
        return Err(CellError::Step {
            step: 0,
            problem: StepProblem::Reserved { name: ROW.into() },
        });
    }
    let mut frame = input
        .with_row_index(ROW.into(), None)
        .map_err(|e| internal(&e))?;
    let mut ledger = Vec::with_capacity(steps.len());
    for (i, step) in steps.iter().enumerate() {
        if !step.enabled {
            ledger.push(StepLedger::default());
            continue;
        }
        let fail = |problem: StepProblem| CellError::Step { step: i, problem };
        let (after, detail) = apply(&frame, &step.op).map_err(fail)?;
        let entry = audit(&frame, &after, &step.op, detail).map_err(|e| fail(engine(e)))?;
        ledger.push(entry);
        frame = after;
    }
    let frame = frame.drop(ROW).map_err(|e| internal(&e))?;
    Ok(Cleaned { frame, ledger })
}

fn internal(e: &PolarsError) -> CellError {
    CellError::Internal {
        message: e.to_string(),
    }
}

/// A step that polars refused, with its message as the detail.
fn engine(e: PolarsError) -> StepProblem {
    StepProblem::Engine {
        message: e.to_string(),
    }
}

type Applied = (DataFrame, Option<StepNote>);

/// One step: the new frame, and a detail worth showing.
fn apply(df: &DataFrame, op: &StepOp) -> Result<Applied, StepProblem> {
    let plain = |r: PolarsResult<DataFrame>| r.map(|f| (f, None)).map_err(engine);
    match op {
        StepOp::Select { columns } => {
            need(df, columns)?;
            let mut keep = vec![ROW.to_owned()];
            keep.extend(columns.iter().cloned());
            plain(df.select(keep))
        }
        StepOp::Drop { columns } => {
            need(df, columns)?;
            plain(Ok(df.drop_many(columns)))
        }
        StepOp::Rename { from, to } => {
            column(df, from)?;
            let to = to.trim();
            if to.is_empty() {
                return Err(StepProblem::EmptyName);
            }
            if to != from && df.column(to).is_ok() {
                return Err(StepProblem::NameTaken { name: to.into() });
            }
            let mut out = df.clone();
            out.rename(from, to.into()).map_err(engine)?;
            Ok((out, None))
        }
        StepOp::Cast { column: name, to } => {
            let s = column(df, name)?;
            let cast = cast(s, *to)?;
            replace(df, cast)
        }
        StepOp::ParseDate {
            column: name,
            formats,
            datetime,
        } => {
            let s = column(df, name)?;
            text(s, name)?;
            if formats.iter().all(|f| f.trim().is_empty()) {
                return Err(StepProblem::NoFormat);
            }
            let parsed = parse_dates(df, name, formats, *datetime)?;
            replace(df, parsed)
        }
        StepOp::Trim { columns } => map_text(df, columns, |v| Cow::Borrowed(v.trim())),
        StepOp::Case { columns, case } => {
            let case = *case;
            map_text(df, columns, move |v| match case {
                TextCase::Lower => Cow::Owned(v.to_lowercase()),
                TextCase::Upper => Cow::Owned(v.to_uppercase()),
                TextCase::Title => Cow::Owned(title_case(v)),
            })
        }
        StepOp::Replace {
            column: name,
            find,
            with,
            whole,
        } => replace_values(df, name, find, with.as_deref(), *whole),
        StepOp::FillNull { column: name, fill } => fill_null(df, name, fill),
        StepOp::DropNulls { columns, how } => {
            let columns = or_all(df, columns)?;
            match how {
                NullRows::Any => plain(df.drop_nulls(Some(&columns))),
                NullRows::All => {
                    let mut keep = BooleanChunked::full("keep".into(), false, df.height());
                    for c in &columns {
                        keep = &keep | &column(df, c)?.is_not_null();
                    }
                    plain(df.filter(&keep))
                }
            }
        }
        StepOp::Dedup { columns, keep } => {
            let columns = or_all(df, columns)?;
            let keep = match keep {
                Keep::First => UniqueKeepStrategy::First,
                Keep::Last => UniqueKeepStrategy::Last,
            };
            plain(df.unique_stable(Some(&columns), keep, None))
        }
        StepOp::Filter { predicate } => {
            let expr = sql_expr(predicate)?;
            plain(df.clone().lazy().filter(expr).collect())
        }
        StepOp::Derive { name, expression } => {
            let name = name.trim();
            if name.is_empty() {
                return Err(StepProblem::NoNewName);
            }
            if name == ROW {
                return Err(StepProblem::Reserved { name: ROW.into() });
            }
            let expr = sql_expr(expression)?;
            plain(df.clone().lazy().with_column(expr.alias(name)).collect())
        }
        StepOp::Outliers {
            column: name,
            rule,
            action,
        } => outliers(df, name, *rule, *action),
        StepOp::Sort { by } => sort(df, by),
    }
}

fn sql_expr(text: &str) -> Result<Expr, StepProblem> {
    if text.trim().is_empty() {
        return Err(StepProblem::EmptyExpression);
    }
    polars::sql::sql_expr(text).map_err(|e| StepProblem::Sql {
        message: e.to_string(),
    })
}

fn column<'a>(df: &'a DataFrame, name: &str) -> Result<&'a Series, StepProblem> {
    if name == ROW {
        return Err(StepProblem::NoColumn {
            column: name.to_owned(),
            columns: Vec::new(),
        });
    }
    df.column(name)
        .map(Column::as_materialized_series)
        .map_err(|_| StepProblem::NoColumn {
            column: name.to_owned(),
            columns: user_columns(df).map(str::to_owned).collect(),
        })
}

fn need(df: &DataFrame, names: &[String]) -> Result<(), StepProblem> {
    if names.is_empty() {
        return Err(StepProblem::NoColumns);
    }
    names.iter().try_for_each(|n| column(df, n).map(|_| ()))
}

fn user_columns(df: &DataFrame) -> impl Iterator<Item = &str> {
    df.get_column_names()
        .into_iter()
        .map(PlSmallStr::as_str)
        .filter(|n| *n != ROW)
}

/// The named columns, or every user column when none is named.
fn or_all(df: &DataFrame, names: &[String]) -> Result<Vec<String>, StepProblem> {
    if names.is_empty() {
        Ok(user_columns(df).map(str::to_owned).collect())
    } else {
        need(df, names)?;
        Ok(names.to_vec())
    }
}

fn text<'a>(s: &'a Series, name: &str) -> Result<&'a StringChunked, StepProblem> {
    s.str().map_err(|_| StepProblem::NotText {
        column: name.to_owned(),
        found: column_type(s.dtype()),
    })
}

fn replace(df: &DataFrame, s: Series) -> Result<Applied, StepProblem> {
    let mut out = df.clone();
    let name = s.name().clone();
    out.replace(&name, s).map_err(engine)?;
    Ok((out, None))
}

fn polars_type(to: ColumnType) -> DataType {
    match to {
        ColumnType::Integer => DataType::Int64,
        ColumnType::Float => DataType::Float64,
        ColumnType::Boolean => DataType::Boolean,
        ColumnType::Date => DataType::Date,
        ColumnType::Datetime => DataType::Datetime(TimeUnit::Microseconds, None),
        ColumnType::Text => DataType::String,
    }
}

/// Casts leniently: what cannot be read becomes null (the audit counts it).
fn cast(s: &Series, to: ColumnType) -> Result<Series, StepProblem> {
    let err = engine;
    if let Ok(ca) = s.str() {
        let trimmed = ca.apply_values(|v| Cow::Borrowed(v.trim()));
        return match to {
            ColumnType::Boolean => Ok(trimmed
                .into_iter()
                .map(|v| v.and_then(parse_bool))
                .collect::<BooleanChunked>()
                .with_name(s.name().clone())
                .into_series()),
            ColumnType::Date | ColumnType::Datetime => {
                let formats: &[&str] = if to == ColumnType::Date {
                    &["%Y-%m-%d"]
                } else {
                    &["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
                };
                let formats: Vec<String> = formats.iter().map(|f| (*f).to_owned()).collect();
                let frame = DataFrame::new(vec![trimmed.into_series().into()]).map_err(err)?;
                parse_dates(&frame, s.name(), &formats, to == ColumnType::Datetime)
            }
            _ => trimmed.into_series().cast(&polars_type(to)).map_err(err),
        };
    }
    if to == ColumnType::Boolean && s.dtype().is_numeric() {
        let ca = s.cast(&DataType::Float64).map_err(err)?;
        let ca = ca.f64().map_err(err)?;
        return Ok(ca
            .into_iter()
            .map(|v| v.map(|v| v != 0.0))
            .collect::<BooleanChunked>()
            .with_name(s.name().clone())
            .into_series());
    }
    s.cast(&polars_type(to)).map_err(err)
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "true" | "t" | "yes" | "y" | "1" => Some(true),
        "false" | "f" | "no" | "n" | "0" => Some(false),
        _ => None,
    }
}

/// The text column `name` of `df` read by each format in turn, the first that reads a value
/// winning.
fn parse_dates(
    df: &DataFrame,
    name: &str,
    formats: &[String],
    datetime: bool,
) -> Result<Series, StepProblem> {
    let mut expr: Option<Expr> = None;
    for format in formats.iter().map(|f| f.trim()).filter(|f| !f.is_empty()) {
        let options = StrptimeOptions {
            format: Some(format.into()),
            strict: false,
            exact: true,
            cache: true,
        };
        let one = if datetime {
            col(name)
                .str()
                .to_datetime(Some(TimeUnit::Microseconds), None, options, lit("raise"))
        } else {
            col(name).str().to_date(options)
        };
        expr = Some(match expr {
            None => one,
            Some(e) => e.fill_null(one),
        });
    }
    let expr = expr.ok_or(StepProblem::NoFormat)?;
    let out = df
        .clone()
        .lazy()
        .select([expr.alias(name)])
        .collect()
        .map_err(engine)?;
    Ok(out
        .column(name)
        .map_err(engine)?
        .as_materialized_series()
        .clone())
}

fn title_case(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut start = true;
    for ch in v.chars() {
        if start {
            out.extend(ch.to_uppercase());
        } else {
            out.extend(ch.to_lowercase());
        }
        start = !ch.is_alphanumeric();
    }
    out
}

fn map_text(
    df: &DataFrame,
    columns: &[String],
    f: impl Fn(&str) -> Cow<'_, str> + Copy,
) -> Result<Applied, StepProblem> {
    need(df, columns)?;
    let mut out = df.clone();
    for name in columns {
        let ca = text(column(df, name)?, name)?;
        let mapped = ca.apply_values(f).into_series();
        out.replace(name, mapped).map_err(engine)?;
    }
    Ok((out, None))
}

/// `text` read as a value of `s`'s type, as a one-row series; an error says why not.
fn value_of(s: &Series, text: &str) -> Result<Series, StepProblem> {
    let one = Series::new("v".into(), [text.trim()]);
    let dtype = column_type(s.dtype());
    let cast = if dtype == ColumnType::Text {
        Series::new("v".into(), [text])
    } else {
        cast(&one, dtype)?.cast(s.dtype()).map_err(engine)?
    };
    if cast.null_count() > 0 {
        return Err(StepProblem::NotAValue {
            value: text.to_owned(),
            column: s.name().to_string(),
            expected: dtype,
        });
    }
    Ok(cast)
}

fn replace_values(
    df: &DataFrame,
    name: &str,
    find: &str,
    with: Option<&str>,
    whole: bool,
) -> Result<Applied, StepProblem> {
    let s = column(df, name)?;
    if !whole {
        let ca = text(s, name)?;
        if find.is_empty() {
            return Err(StepProblem::NothingToFind);
        }
        let Some(with) = with else {
            return Err(StepProblem::NoReplacement);
        };
        let mapped = ca.apply_values(|v| {
            if v.contains(find) {
                Cow::Owned(v.replace(find, with))
            } else {
                Cow::Borrowed(v)
            }
        });
        return replace(df, mapped.into_series());
    }
    let as_text = s.cast(&DataType::String).map_err(engine)?;
    let hit = as_text.str().map_err(engine)?.equal(find.trim());
    let hit = if column_type(s.dtype()) == ColumnType::Text {
        s.str().map_err(engine)?.equal(find)
    } else {
        hit
    };
    let new = match with {
        Some(w) => value_of(s, w)?,
        None => Series::full_null("v".into(), 1, s.dtype()),
    };
    let new = new.new_from_index(0, s.len());
    let out = new.zip_with(&hit, s).map_err(engine)?;
    replace(df, out.with_name(s.name().clone()))
}

fn fill_null(df: &DataFrame, name: &str, fill: &Fill) -> Result<Applied, StepProblem> {
    let s = column(df, name)?;
    let numeric = || {
        if s.dtype().is_numeric() {
            s.cast(&DataType::Float64).map_err(engine)
        } else {
            Err(StepProblem::FillNotNumeric {
                column: name.to_owned(),
                found: column_type(s.dtype()),
            })
        }
    };
    let (filled, detail) = match fill {
        Fill::Forward | Fill::Backward => {
            let strategy = if *fill == Fill::Forward {
                FillNullStrategy::Forward(None)
            } else {
                FillNullStrategy::Backward(None)
            };
            (s.fill_null(strategy).map_err(engine)?, None)
        }
        Fill::Constant(text) => {
            let value = value_of(s, text)?;
            (fill_with(s, &value)?, None)
        }
        Fill::Mean | Fill::Median => {
            let f = numeric()?;
            let ca = f.f64().map_err(engine)?;
            let value = if *fill == Fill::Mean {
                ca.mean()
            } else {
                ca.median()
            };
            let Some(value) = value else {
                return Ok((df.clone(), Some(StepNote::NothingToFill)));
            };
            let one = if s.dtype().is_integer() && value.fract() == 0.0 {
                Series::new("v".into(), [value]).cast(s.dtype())
            } else {
                Ok(Series::new("v".into(), [value]))
            }
            .map_err(engine)?;
            let base = if one.dtype() == s.dtype() {
                s.clone()
            } else {
                f.clone()
            };
            (
                fill_with(&base, &one)?,
                Some(StepNote::FilledWith {
                    value: value.to_string(),
                }),
            )
        }
        Fill::Mode => {
            let Some(value) = mode(s)? else {
                return Ok((df.clone(), Some(StepNote::NothingToFill)));
            };
            let shown = value.get(0).map(|v| cell(&v).display()).unwrap_or_default();
            (
                fill_with(s, &value)?,
                Some(StepNote::FilledWith { value: shown }),
            )
        }
    };
    let mut out = df.clone();
    out.replace(name, filled.with_name(s.name().clone()))
        .map_err(engine)?;
    Ok((out, detail))
}

/// `s` with its nulls replaced by the one value of `value`.
fn fill_with(s: &Series, value: &Series) -> Result<Series, StepProblem> {
    let value = value.new_from_index(0, s.len());
    let mask = s.is_not_null();
    s.zip_with(&mask, &value).map_err(engine)
}

/// The most frequent non-null value (the smallest on a tie), as a one-row series.
fn mode(s: &Series) -> Result<Option<Series>, StepProblem> {
    let name = s.name().clone();
    let frame = DataFrame::new(vec![s.clone().into()]).map_err(engine)?;
    let top = frame
        .lazy()
        .drop_nulls(None)
        .group_by([col(name.clone())])
        .agg([len().alias("__n")])
        .sort_by_exprs(
            [col("__n"), col(name.clone())],
            SortMultipleOptions::default().with_order_descending_multi([true, false]),
        )
        .limit(1)
        .collect()
        .map_err(engine)?;
    if top.height() == 0 {
        return Ok(None);
    }
    Ok(Some(
        top.column(&name)
            .map_err(engine)?
            .as_materialized_series()
            .clone(),
    ))
}

fn finite_at_least_0(x: f64, problem: StepProblem) -> Result<f64, StepProblem> {
    if x.is_finite() && x >= 0.0 {
        Ok(x)
    } else {
        Err(problem)
    }
}

/// Outliers of a numeric column. The bounds come from the finite values only: NaN is not a
/// number to judge and stays as it is (like a null), while +∞ and −∞ lie beyond any bound and
/// are outliers (clipped to the nearest bound, or dropped). The detail says how many NaN stayed.
fn outliers(
    df: &DataFrame,
    name: &str,
    rule: OutlierRule,
    action: OutlierAction,
) -> Result<Applied, StepProblem> {
    let s = column(df, name)?;
    if !s.dtype().is_numeric() {
        return Err(StepProblem::NotNumeric {
            column: name.to_owned(),
            found: column_type(s.dtype()),
        });
    }
    let f = s.cast(&DataType::Float64).map_err(engine)?;
    let ca = f.f64().map_err(engine)?;
    let finite: Float64Chunked = ca
        .into_iter()
        .flatten()
        .filter(|v| v.is_finite())
        .map(Some)
        .collect();
    let nan = ca.into_iter().flatten().filter(|v| v.is_nan()).count();
    let bounds = match rule {
        OutlierRule::Iqr { k } => {
            let k = finite_at_least_0(k, StepProblem::BadK)?;
            let q = |p| finite.quantile(p, QuantileMethod::Linear).ok().flatten();
            match (q(0.25), q(0.75)) {
                (Some(q1), Some(q3)) => {
                    let reach = spread(k, q3 - q1);
                    Some((q1 - reach, q3 + reach))
                }
                _ => None,
            }
        }
        OutlierRule::ZScore { z } => {
            let z = finite_at_least_0(z, StepProblem::BadZ)?;
            if z == 0.0 {
                return Err(StepProblem::BadZ);
            }
            match (finite.mean(), finite.std(1)) {
                (Some(m), Some(sd)) => {
                    let reach = spread(z, sd);
                    Some((m - reach, m + reach))
                }
                _ => None,
            }
        }
    };
    // A mean of values near f64::MAX can overflow: no usable bounds then either.
    let Some((low, high)) = bounds.filter(|(low, high)| low <= high) else {
        return Ok((df.clone(), Some(StepNote::TooFewValues)));
    };
    let detail = Some(StepNote::Bounds {
        low: round(low),
        high: round(high),
        nan: nan as u64,
    });
    let inside = ca.gt_eq(low) & ca.lt_eq(high);
    match action {
        OutlierAction::Drop => {
            let keep = &(&inside | &ca.is_null()) | &ca.is_nan();
            let out = df.filter(&keep).map_err(engine)?;
            Ok((out, detail))
        }
        OutlierAction::Clip => {
            let (low, high) = if s.dtype().is_integer() {
                (low.ceil(), high.floor().max(low.ceil()))
            } else {
                (low, high)
            };
            let clipped: Float64Chunked = ca
                .into_iter()
                .map(|v| v.map(|v| clip(v, low, high)))
                .collect();
            let clipped = clipped
                .into_series()
                .cast(s.dtype())
                .map_err(engine)?
                .with_name(s.name().clone());
            let (out, _) = replace(df, clipped)?;
            Ok((out, detail))
        }
    }
}

/// `factor × width`, where a zero factor reaches nowhere even over an infinite width.
fn spread(factor: f64, width: f64) -> f64 {
    if factor == 0.0 { 0.0 } else { factor * width }
}

/// `v` moved into `[low, high]`; NaN stays NaN. Unlike `f64::clamp` it never panics.
fn clip(v: f64, low: f64, high: f64) -> f64 {
    if v < low {
        low
    } else if v > high {
        high
    } else {
        v
    }
}

/// A bound, shown to 4 significant decimals.
fn round(x: f64) -> String {
    let r = (x * 1e4).round() / 1e4;
    quire_protocol::value::format_float(r)
}

fn sort(df: &DataFrame, by: &[SortKey]) -> Result<Applied, StepProblem> {
    let names: Vec<String> = by.iter().map(|k| k.column.clone()).collect();
    need(df, &names)?;
    let options = SortMultipleOptions::default()
        .with_order_descending_multi(by.iter().map(|k| k.descending))
        .with_nulls_last(true)
        .with_maintain_order(true);
    let out = df
        .sort(
            names.iter().map(String::as_str).collect::<Vec<_>>(),
            options,
        )
        .map_err(engine)?;
    Ok((out, None))
}

// ------------------------------------------------------------------------------------------
// The audit

/// What the step from `before` to `after` did.
fn audit(
    before: &DataFrame,
    after: &DataFrame,
    op: &StepOp,
    detail: Option<StepNote>,
) -> PolarsResult<StepLedger> {
    let names = |df: &DataFrame| -> Vec<String> { user_columns(df).map(str::to_owned).collect() };
    let (old, new) = (names(before), names(after));
    let mut ledger = StepLedger {
        ran: true,
        rows_in: before.height() as u64,
        rows_out: after.height() as u64,
        added: new.iter().filter(|n| !old.contains(n)).cloned().collect(),
        removed: old.iter().filter(|n| !new.contains(n)).cloned().collect(),
        detail,
        ..StepLedger::default()
    };
    let row_before = before.column(ROW)?.as_materialized_series().idx()?;
    let row_after = after.column(ROW)?.as_materialized_series().idx()?;
    if after.height() < before.height() {
        // Which rows went: a bitmap of the row numbers that stayed.
        let size = row_before.max().map_or(0, |m| m as usize + 1);
        let mut kept = vec![false; size];
        for r in row_after.into_iter().flatten() {
            kept[r as usize] = true;
        }
        let columns: Vec<&Series> = old
            .iter()
            .filter_map(|n| before.column(n).ok().map(Column::as_materialized_series))
            .collect();
        for (i, r) in row_before.into_iter().enumerate() {
            if ledger.examples.len() >= EXAMPLES {
                break;
            }
            if let Some(r) = r.filter(|r| !kept[*r as usize]) {
                let values = columns
                    .iter()
                    .map(|c| {
                        c.get(i)
                            .map(|v| cell(&v))
                            .unwrap_or(quire_protocol::Cell::Null)
                    })
                    .collect();
                ledger.examples.push(Example::Dropped {
                    row: u64::from(r) + 1,
                    values,
                });
            }
        }
        return Ok(ledger);
    }
    if matches!(op, StepOp::Sort { .. }) || !row_before.into_iter().eq(row_after) {
        return Ok(ledger);
    }
    // Same rows in the same order: compare the columns the step may have changed.
    for name in touched(op, &new) {
        let (Ok(b), Ok(a)) = (before.column(&name), after.column(&name)) else {
            continue;
        };
        let (b, a) = (b.as_materialized_series(), a.as_materialized_series());
        let change = compare(b, a, &name, row_before, &mut ledger.examples)?;
        if change.changed + change.nulled + change.filled > 0 {
            ledger.columns.push(change);
        }
    }
    Ok(ledger)
}

/// The columns a step may change in place.
fn touched(op: &StepOp, columns: &[String]) -> Vec<String> {
    match op {
        StepOp::Cast { column, .. }
        | StepOp::ParseDate { column, .. }
        | StepOp::Replace { column, .. }
        | StepOp::FillNull { column, .. }
        | StepOp::Outliers { column, .. } => vec![column.clone()],
        StepOp::Trim { columns } | StepOp::Case { columns, .. } => columns.clone(),
        StepOp::Derive { name, .. } => vec![name.trim().to_owned()],
        StepOp::Select { .. }
        | StepOp::Drop { .. }
        | StepOp::Rename { .. }
        | StepOp::DropNulls { .. }
        | StepOp::Dedup { .. }
        | StepOp::Filter { .. }
        | StepOp::Sort { .. } => {
            let _ = columns;
            Vec::new()
        }
    }
}

/// Counts how one column's values changed, row for row, and keeps a few examples. When the
/// step changed the column's type, a value counts as changed only if it reads differently in
/// the new type ("30" → 30.0 is the same value; "03/02/2024" → 2024-03-02 is a change). A
/// value from another type is compared as it was: a cast that loses something (2.5 → 2 as an
/// integer, 10:30 on a day → the day as a date) changed the value, and is counted.
fn compare(
    before: &Series,
    after: &Series,
    name: &str,
    rows: &IdxCa,
    examples: &mut Vec<Example>,
) -> PolarsResult<ColumnChange> {
    let same = if before.dtype() == after.dtype() {
        before.equal_missing(after)?
    } else if before.dtype() == &DataType::String {
        // Text read as a type: the text, read, is the new value or it is not.
        match before.cast(after.dtype()) {
            Ok(b) => b.equal_missing(after)?,
            Err(_) => same_text(before, after)?,
        }
    } else {
        // The new value taken back to the old type must be the old value. Where no way back
        // exists (or it reads nothing), the two as text must agree.
        let back = after
            .cast(before.dtype())
            .and_then(|a| before.equal_missing(&a));
        match back {
            Ok(back) => &back | &same_text(before, after)?,
            Err(_) => same_text(before, after)?,
        }
    };
    let mut change = ColumnChange {
        column: name.to_owned(),
        ..ColumnChange::default()
    };
    let (b_null, a_null) = (before.is_null(), after.is_null());
    for (i, ((same, bn), an)) in same.into_iter().zip(&b_null).zip(&a_null).enumerate() {
        let (bn, an) = (bn.unwrap_or(false), an.unwrap_or(false));
        match (bn, an) {
            (false, true) => change.nulled += 1,
            (true, false) => change.filled += 1,
            (false, false) if !same.unwrap_or(false) => change.changed += 1,
            _ => continue,
        }
        if examples.len() < EXAMPLES {
            let at = |s: &Series| {
                s.get(i)
                    .map(|v| cell(&v))
                    .unwrap_or(quire_protocol::Cell::Null)
            };
            examples.push(Example::Value {
                row: rows.get(i).map_or(0, |r| u64::from(r) + 1),
                column: name.to_owned(),
                before: at(before),
                after: at(after),
            });
        }
    }
    Ok(change)
}

fn same_text(before: &Series, after: &Series) -> PolarsResult<BooleanChunked> {
    before
        .cast(&DataType::String)?
        .equal_missing(&after.cast(&DataType::String)?)
}

impl Kind for kinds::Clean {
    fn reads(&self, _: &mut Reads<'_>) -> Result<Vec<String>, CellError> {
        Ok(vec![self.input.clone()])
    }

    fn run(&self, cx: &mut Run<'_>) -> Result<Ran, CellError> {
        let cleaned = run(cx.input(&self.input)?, &self.steps)?;
        let output = CellOutput::Cleaned {
            name: cx.name.clone(),
            rows: cleaned.frame.height() as u64,
            columns: schema_of(&cleaned.frame),
            ledger: cleaned.ledger,
        };
        Ok(Ran::table(output, cleaned.frame))
    }

    fn rename_input(&mut self, old: &str, new: &str) {
        swap(&mut self.input, old, new);
    }
}

#[cfg(test)]
mod tests;
