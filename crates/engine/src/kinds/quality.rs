//! Quality cells: declarative checks on a table, each giving pass or fail, the failing rows'
//! count and a sample of them.

use std::collections::HashSet;

use polars::prelude::*;
use quire_protocol::ColumnType;
use quire_protocol::quality::{Check, CheckProblem, CheckResult, Outcome, SAMPLE};

use super::{Kind, Ran, Reads, Run, swap};
use crate::cells;
use crate::cells::column_type;
use quire_protocol::kinds;
use quire_protocol::notebook::{CellError, CellOutput};

/// Runs every check on `table`; `other` finds the tables referential checks name.
pub fn run<'a>(
    table: &DataFrame,
    checks: &[Check],
    other: impl Fn(&str) -> Option<&'a DataFrame>,
) -> Vec<CheckResult> {
    checks
        .iter()
        .map(|check| {
            one(table, check, &other).unwrap_or_else(|problem| CheckResult {
                outcome: Outcome::Invalid { problem },
                failing: 0,
                rows: table.height() as u64,
                observed: None,
                columns: Vec::new(),
                sample: Vec::new(),
            })
        })
        .collect()
}

fn one<'a>(
    df: &DataFrame,
    check: &Check,
    other: &impl Fn(&str) -> Option<&'a DataFrame>,
) -> Result<CheckResult, CheckProblem> {
    let rows = df.height() as u64;
    let table_level = |pass: bool, observed: String| CheckResult {
        outcome: if pass { Outcome::Pass } else { Outcome::Fail },
        failing: 0,
        rows,
        observed: Some(observed),
        columns: Vec::new(),
        sample: Vec::new(),
    };
    let failing = match check {
        Check::NotNull { column: name } => column(df, name)?.is_null(),
        Check::Unique { columns } => {
            if columns.is_empty() {
                return Err(CheckProblem::NoColumns);
            }
            let mut complete = BooleanChunked::full("c".into(), true, df.height());
            for name in columns {
                complete = &complete & &column(df, name)?.is_not_null();
            }
            let keys = df.select(columns.iter().cloned()).map_err(text)?;
            &keys.is_duplicated().map_err(text)? & &complete
        }
        Check::InRange {
            column: name,
            min,
            max,
        } => in_range(column(df, name)?, min.as_deref(), max.as_deref())?,
        Check::InSet {
            column: name,
            values,
        } => {
            let set: HashSet<&str> = values.iter().map(String::as_str).collect();
            let s = as_text(column(df, name)?)?;
            s.str()
                .map_err(text)?
                .into_iter()
                .map(|v| Some(v.is_some_and(|v| !set.contains(v))))
                .collect()
        }
        Check::Pattern {
            column: name,
            pattern,
        } => {
            let re = regex::Regex::new(&format!("^(?:{pattern})$")).map_err(|e| {
                CheckProblem::BadPattern {
                    message: e.to_string(),
                }
            })?;
            let s = as_text(column(df, name)?)?;
            s.str()
                .map_err(text)?
                .into_iter()
                .map(|v| Some(v.is_some_and(|v| !re.is_match(v))))
                .collect()
        }
        Check::RowCount { min } => return Ok(table_level(rows >= *min, rows.to_string())),
        Check::Referential {
            column: name,
            other_table,
            other_column,
        } => {
            let s = column(df, name)?;
            let theirs = other(other_table).ok_or_else(|| CheckProblem::NoTable {
                table: other_table.clone(),
            })?;
            let theirs = theirs
                .column(other_column)
                .map_err(|_| CheckProblem::NoColumnIn {
                    table: other_table.clone(),
                    column: other_column.clone(),
                })?
                .as_materialized_series()
                .cast(s.dtype())
                .map_err(text)?;
            let theirs = as_text(&theirs)?;
            let known: HashSet<&str> = theirs.str().map_err(text)?.into_iter().flatten().collect();
            let ours = as_text(s)?;
            ours.str()
                .map_err(text)?
                .into_iter()
                .map(|v| Some(v.is_some_and(|v| !known.contains(v))))
                .collect()
        }
        Check::Fresh {
            column: name,
            days,
            reference,
        } => {
            let s = column(df, name)?;
            let day = reference_day(reference)?;
            let latest = match s.dtype() {
                DataType::Date => s.date().map_err(text)?.physical().max(),
                DataType::Datetime(unit, _) => {
                    let per_day = match unit {
                        TimeUnit::Nanoseconds => 86_400_000_000_000,
                        TimeUnit::Microseconds => 86_400_000_000,
                        TimeUnit::Milliseconds => 86_400_000,
                    };
                    s.datetime()
                        .map_err(text)?
                        .physical()
                        .max()
                        .map(|v| v.div_euclid(per_day) as i32)
                }
                other => {
                    return Err(CheckProblem::NotDates {
                        column: name.clone(),
                        found: column_type(other),
                    });
                }
            };
            let Some(latest) = latest else {
                // No date at all: nothing to show as the latest.
                return Ok(table_level(false, "—".into()));
            };
            let age = i64::from(day) - i64::from(latest);
            return Ok(table_level(age <= i64::from(*days), show_day(latest)));
        }
    };
    let count = failing.sum().unwrap_or(0) as u64;
    let sample_frame = df.filter(&failing).map_err(text)?.head(Some(SAMPLE));
    Ok(CheckResult {
        outcome: if count == 0 {
            Outcome::Pass
        } else {
            Outcome::Fail
        },
        failing: count,
        rows,
        observed: None,
        columns: df
            .get_column_names()
            .into_iter()
            .map(ToString::to_string)
            .collect(),
        sample: cells::rows(&sample_frame, 0, SAMPLE as u32),
    })
}

fn text(e: PolarsError) -> CheckProblem {
    CheckProblem::Engine {
        message: e.to_string(),
    }
}

fn column<'a>(df: &'a DataFrame, name: &str) -> Result<&'a Series, CheckProblem> {
    df.column(name)
        .map(Column::as_materialized_series)
        .map_err(|_| CheckProblem::NoColumn {
            column: name.to_owned(),
        })
}

fn as_text(s: &Series) -> Result<Series, CheckProblem> {
    s.cast(&DataType::String).map_err(text)
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` text.
fn reference_day(text: &str) -> Result<i32, CheckProblem> {
    let bad = || CheckProblem::BadDate {
        text: text.to_owned(),
    };
    let s = Series::new("d".into(), [text.trim()])
        .cast(&DataType::Date)
        .map_err(|_| bad())?;
    s.date()
        .map_err(|_| bad())?
        .physical()
        .get(0)
        .ok_or_else(bad)
}

fn show_day(day: i32) -> String {
    let s = Series::new("d".into(), [day]).cast(&DataType::Date);
    s.ok()
        .and_then(|s| s.get(0).ok().map(|v| cells::cell(&v).display()))
        .unwrap_or_else(|| day.to_string())
}

impl Kind for kinds::Quality {
    fn reads(&self, _: &mut Reads<'_>) -> Result<Vec<String>, CellError> {
        let mut reads = vec![self.input.clone()];
        for other in self
            .checks
            .iter()
            .filter_map(Check::other_table)
            .filter(|t| !t.is_empty())
        {
            if !reads.iter().any(|r| r == other) {
                reads.push(other.to_owned());
            }
        }
        Ok(reads)
    }

    fn run(&self, cx: &mut Run<'_>) -> Result<Ran, CellError> {
        let results = run(cx.input(&self.input)?, &self.checks, |other| {
            cx.inputs.iter().find(|(n, _)| n == other).map(|(_, f)| f)
        });
        Ok(Ran::shown(CellOutput::Checks {
            table: self.input.clone(),
            results,
        }))
    }

    fn rename_input(&mut self, old: &str, new: &str) {
        swap(&mut self.input, old, new);
        for check in &mut self.checks {
            if let Check::Referential { other_table, .. } = check {
                swap(other_table, old, new);
            }
        }
    }
}

#[cfg(test)]
mod tests;

fn in_range(
    s: &Series,
    min: Option<&str>,
    max: Option<&str>,
) -> Result<BooleanChunked, CheckProblem> {
    if min.is_none() && max.is_none() {
        return Err(CheckProblem::NoBounds);
    }
    let dtype = column_type(s.dtype());
    type Parse = Box<dyn Fn(&str) -> Result<f64, CheckProblem>>;
    let (values, parse): (Series, Parse) = match dtype {
        ColumnType::Integer | ColumnType::Float => (
            s.cast(&DataType::Float64).map_err(text)?,
            Box::new(|b: &str| {
                b.trim()
                    .parse::<f64>()
                    .map_err(|_| CheckProblem::BadNumber { text: b.to_owned() })
            }),
        ),
        ColumnType::Date => (
            s.cast(&DataType::Int32)
                .and_then(|s| s.cast(&DataType::Float64))
                .map_err(text)?,
            Box::new(|b: &str| reference_day(b).map(f64::from)),
        ),
        other => {
            return Err(CheckProblem::NotRangeable {
                column: s.name().to_string(),
                found: other,
            });
        }
    };
    let ca = values.f64().map_err(text)?;
    let mut outside = BooleanChunked::full("o".into(), false, ca.len());
    if let Some(min) = min.filter(|m| !m.trim().is_empty()) {
        outside = &outside | &ca.lt(parse(min)?);
    }
    if let Some(max) = max.filter(|m| !m.trim().is_empty()) {
        outside = &outside | &ca.gt(parse(max)?);
    }
    // Nulls pass.
    Ok(&outside & &ca.is_not_null())
}
