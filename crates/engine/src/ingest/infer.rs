//! Column typing: every column arrives as text and leaves as the narrowest type that holds
//! every one of its values.
//!
//! A sample of the first non-null values proposes a type; one vectorised pass over the whole
//! column confirms it. The order tried is integer, float, boolean, date, datetime, text.
//! Rules worth knowing:
//! - values are trimmed of surrounding white space to be typed when the sample shows any, but
//!   a column that stays text keeps every value exactly as written (a leading U+3000 or tab
//!   too): trimming is a Clean step, never a side effect of loading;
//! - `NaN`, `Infinity`, `-Infinity` and `-0` are floats; `-` and `.` are missing;
//! - whole numbers past the 64-bit range become floats with [`IngestWarning::BigIntegers`];
//! - `02/01/2024` is read month-first unless a day past 12 says otherwise, with
//!   [`IngestWarning::AmbiguousDates`] naming the order when any date could be read both ways;
//! - date-times with an offset (`+09:00`, `Z`) become UTC, with
//!   [`IngestWarning::ConvertedToUtc`];
//! - integers written with leading zeros (`007`, postal codes) stay text: they are codes;
//! - a column whose values are numbers but for a few cells stays text (nothing is nulled),
//!   and [`IngestWarning::MostlyNumeric`] names the bad cells with their lines.

use polars::prelude::*;
use quire_protocol::{BadCell, ColumnType, IngestWarning};

/// How many non-null values propose a type.
const SAMPLE: usize = 1000;
/// A column at least this share numeric is "mostly numeric" and worth a warning.
const MOSTLY: f64 = 0.75;
/// How many bad cells a warning lists.
const EXAMPLES: usize = 5;

pub(crate) const DATE_FORMATS: [&str; 6] = [
    "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y",
];
/// Date-times with an offset, converted to UTC.
pub(crate) const OFFSET_FORMATS: [&str; 4] = [
    "%Y-%m-%dT%H:%M:%S%:z",
    "%Y-%m-%dT%H:%M:%S%.f%:z",
    "%Y-%m-%d %H:%M:%S%:z",
    "%Y-%m-%dT%H:%M:%S%z",
];
pub(crate) const DATETIME_FORMATS: [&str; 8] = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%SZ",
    "%Y-%m-%dT%H:%M:%S%.fZ",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
];

pub(crate) struct Typed {
    pub series: Series,
    pub dtype: ColumnType,
    pub warning: Option<IngestWarning>,
    /// The unit taken off every value (`원`, `₩`, `$`, `%`), or `""` for thousand separators
    /// only, when the column became numbers that way.
    pub unit: Option<String>,
}

/// Currency and percent marks a number may carry before or after it.
const PREFIXES: [&str; 5] = ["₩", "$", "€", "£", "¥"];
const SUFFIXES: [&str; 4] = ["원", "%", "달러", "円"];

/// A number written with a unit and/or thousand separators: (unit, the plain number text).
/// `None` for anything else, plain numbers included.
fn unit_number(v: &str) -> Option<(&'static str, String)> {
    let (neg, body) = match v.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, v),
    };
    let (unit, body) = PREFIXES
        .iter()
        .find_map(|p| body.strip_prefix(p).map(|b| (*p, b)))
        .or_else(|| {
            SUFFIXES
                .iter()
                .find_map(|s| body.strip_suffix(s).map(|b| (*s, b)))
        })
        .unwrap_or(("", body));
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let groups: Vec<&str> = int.split(',').collect();
    let grouped = groups.len() > 1;
    let well_grouped = groups.iter().enumerate().all(|(k, g)| {
        g.bytes().all(|b| b.is_ascii_digit())
            && if k == 0 {
                (1..=3).contains(&g.len()) || (!grouped && !g.is_empty())
            } else {
                g.len() == 3
            }
    });
    let frac_ok = frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    if !well_grouped || !frac_ok || (unit.is_empty() && !grouped) {
        return None;
    }
    let mut plain = String::with_capacity(v.len());
    if neg {
        plain.push('-');
    }
    plain.push_str(&int.replace(',', ""));
    if let Some(f) = frac {
        plain.push('.');
        plain.push_str(f);
    }
    Some((unit, plain))
}

/// A column whose every value is a number with the same unit (or thousand separators):
/// integers or floats, and the unit.
fn with_units(
    text: &StringChunked,
    sample: &[&str],
) -> PolarsResult<Option<(Series, ColumnType, String)>> {
    let Some(first) = sample.first().and_then(|v| unit_number(v)) else {
        return Ok(None);
    };
    let unit = first.0;
    let same = |v: &str| unit_number(v).is_some_and(|(u, _)| u == unit);
    if !sample.iter().all(|v| same(v)) {
        return Ok(None);
    }
    let mut failed = false;
    let plain: StringChunked = text
        .iter()
        .map(|v| {
            v.map(|v| match unit_number(v) {
                Some((u, p)) if u == unit => p,
                _ => {
                    failed = true;
                    String::new()
                }
            })
        })
        .collect();
    if failed {
        return Ok(None);
    }
    let ints = plain.cast(&DataType::Int64)?;
    if ints.null_count() == text.null_count() && unit != "%" {
        return Ok(Some((ints, ColumnType::Integer, unit.to_owned())));
    }
    let floats = plain.cast(&DataType::Float64)?;
    if floats.null_count() == text.null_count() {
        return Ok(Some((floats, ColumnType::Float, unit.to_owned())));
    }
    Ok(None)
}

enum Proposal {
    Integer,
    Float,
    Boolean,
    Date(&'static str),
    Datetime(&'static str),
    /// With an offset: converted to UTC.
    OffsetDatetime(&'static str),
    /// Not all numbers, but enough that the few others deserve a look.
    MostlyNumeric,
    Text,
}

pub(crate) fn infer_column(
    column: &Series,
    line_of_row: &dyn Fn(u64) -> u64,
) -> PolarsResult<Typed> {
    let original = column.str()?.clone();
    let mut text = original.clone();
    let sample: Vec<&str> = text.iter().flatten().take(SAMPLE).collect();
    if sample.iter().any(|v| v.trim().len() != v.len()) {
        text = trim(&text);
    }
    let sample: Vec<&str> = text.iter().flatten().take(SAMPLE).collect();
    let proposal = propose(&sample)?;
    let name = column.name().clone();
    let as_text = |text: StringChunked| Typed {
        series: text.with_name(name.clone()).into_series(),
        dtype: ColumnType::Text,
        warning: None,
        unit: None,
    };
    let non_null = text.len() - text.null_count();

    if matches!(proposal, Proposal::Text | Proposal::MostlyNumeric)
        && let Some((series, dtype, unit)) = with_units(&text, &sample)?
    {
        return Ok(Typed {
            series: series.with_name(name),
            dtype,
            warning: None,
            unit: Some(unit),
        });
    }
    // A column that stays text keeps its values exactly as written.
    let as_text = |_: StringChunked| as_text(original.clone());
    let typed = match proposal {
        Proposal::Text => as_text(text),
        Proposal::Integer | Proposal::Float | Proposal::MostlyNumeric => {
            if matches!(proposal, Proposal::Integer) {
                let ints = text.cast(&DataType::Int64)?;
                if ints.null_count() == text.null_count() {
                    return Ok(Typed {
                        series: ints.with_name(name),
                        dtype: ColumnType::Integer,
                        unit: None,
                        warning: None,
                    });
                }
            }
            let floats = text.cast(&DataType::Float64)?;
            let bad = floats.null_count() - text.null_count();
            if bad == 0 {
                let big: Vec<BadCell> = text
                    .iter()
                    .enumerate()
                    .filter_map(|(row, v)| {
                        let v = v?;
                        (is_whole(v) && !is_int(v)).then(|| BadCell {
                            line: line_of_row(row as u64),
                            value: v.to_owned(),
                        })
                    })
                    .take(EXAMPLES)
                    .collect();
                let warning = (!big.is_empty()).then(|| IngestWarning::BigIntegers {
                    column: name.to_string(),
                    examples: big,
                });
                return Ok(Typed {
                    series: floats.with_name(name),
                    dtype: ColumnType::Float,
                    unit: None,
                    warning,
                });
            }
            let share = 1.0 - bad as f64 / non_null.max(1) as f64;
            let warning = (share >= MOSTLY).then(|| IngestWarning::MostlyNumeric {
                column: name.to_string(),
                bad_cells: bad as u64,
                non_null: non_null as u64,
                examples: bad_cells(&text, &floats, line_of_row),
            });
            Typed {
                warning,
                ..as_text(text)
            }
        }
        Proposal::Boolean => {
            let bools: BooleanChunked = text.iter().map(|v| v.and_then(parse_bool)).collect();
            if bools.null_count() == text.null_count() {
                Typed {
                    series: bools.with_name(name).into_series(),
                    dtype: ColumnType::Boolean,
                    unit: None,
                    warning: None,
                }
            } else {
                as_text(text)
            }
        }
        Proposal::Date(fmt) => {
            let dates = text.as_date(Some(fmt), true)?;
            if dates.null_count() == text.null_count() {
                let slashed = fmt == "%m/%d/%Y" || fmt == "%d/%m/%Y";
                let warning = (slashed && text.iter().flatten().any(both_ways)).then(|| {
                    IngestWarning::AmbiguousDates {
                        column: name.to_string(),
                        month_first: fmt == "%m/%d/%Y",
                    }
                });
                Typed {
                    series: dates.into_series().with_name(name),
                    dtype: ColumnType::Date,
                    unit: None,
                    warning,
                }
            } else {
                as_text(text)
            }
        }
        Proposal::OffsetDatetime(fmt) => {
            let stamps = as_utc(&text, fmt)?;
            if stamps.null_count() == text.null_count() {
                let example = text.iter().flatten().next().unwrap_or_default().to_owned();
                Typed {
                    series: stamps.into_series().with_name(name.clone()),
                    dtype: ColumnType::Datetime,
                    unit: None,
                    warning: Some(IngestWarning::ConvertedToUtc {
                        column: name.to_string(),
                        example,
                    }),
                }
            } else {
                as_text(text)
            }
        }
        Proposal::Datetime(fmt) => {
            let stamps = as_datetime(&text, fmt)?;
            if stamps.null_count() == text.null_count() {
                let warning = fmt.ends_with('Z').then(|| IngestWarning::ConvertedToUtc {
                    column: name.to_string(),
                    example: text.iter().flatten().next().unwrap_or_default().to_owned(),
                });
                Typed {
                    series: stamps.into_series().with_name(name),
                    dtype: ColumnType::Datetime,
                    unit: None,
                    warning,
                }
            } else {
                as_text(text)
            }
        }
    };
    Ok(typed)
}

fn propose(sample: &[&str]) -> PolarsResult<Proposal> {
    if sample.is_empty() {
        return Ok(Proposal::Text);
    }
    let n = sample.len();
    let ints = sample.iter().filter(|v| is_int(v)).count();
    if ints == n {
        if sample.iter().any(|v| has_leading_zero(v)) {
            return Ok(Proposal::Text);
        }
        return Ok(Proposal::Integer);
    }
    let floats = sample.iter().filter(|v| is_float(v)).count();
    if floats == n {
        return Ok(Proposal::Float);
    }
    if sample.iter().all(|v| parse_bool(v).is_some()) {
        return Ok(Proposal::Boolean);
    }
    let sample_ca: StringChunked = sample.iter().copied().map(Some).collect();
    // A date pattern must match the whole value, so "2024-01-05 10:00" is not a date.
    let date_like = sample.iter().all(|v| v.len() <= 10);
    if date_like {
        for fmt in DATE_FORMATS {
            if sample_ca.as_date(Some(fmt), false)?.null_count() == 0 {
                return Ok(Proposal::Date(fmt));
            }
        }
    }
    for fmt in DATETIME_FORMATS {
        if as_datetime(&sample_ca, fmt)?.null_count() == 0 {
            return Ok(Proposal::Datetime(fmt));
        }
    }
    for fmt in OFFSET_FORMATS {
        if as_utc(&sample_ca, fmt)?.null_count() == 0 {
            return Ok(Proposal::OffsetDatetime(fmt));
        }
    }
    if floats as f64 >= MOSTLY * n as f64 {
        return Ok(Proposal::MostlyNumeric);
    }
    Ok(Proposal::Text)
}

fn as_datetime(text: &StringChunked, fmt: &str) -> PolarsResult<DatetimeChunked> {
    let ambiguous = StringChunked::from_slice(PlSmallStr::EMPTY, &["raise"]);
    text.as_datetime(
        Some(fmt),
        TimeUnit::Microseconds,
        true,
        false,
        None,
        &ambiguous,
    )
}

/// Date-times with an offset, as naive UTC date-times (what every other date-time column is).
fn as_utc(text: &StringChunked, fmt: &str) -> PolarsResult<DatetimeChunked> {
    let ambiguous = StringChunked::from_slice(PlSmallStr::EMPTY, &["raise"]);
    let aware = text.as_datetime(
        Some(fmt),
        TimeUnit::Microseconds,
        true,
        true,
        None,
        &ambiguous,
    )?;
    Ok(aware
        .physical()
        .clone()
        .into_datetime(TimeUnit::Microseconds, None))
}

/// `a/b/yyyy` with both `a` and `b` at most 12: either order is a date.
fn both_ways(v: &str) -> bool {
    let mut parts = v.split('/');
    let small = |p: Option<&str>| {
        p.and_then(|p| p.parse::<u32>().ok())
            .is_some_and(|n| n <= 12)
    };
    small(parts.next()) && small(parts.next())
}

/// An optional sign, then digits only.
fn is_whole(v: &str) -> bool {
    let digits = v.strip_prefix(['+', '-']).unwrap_or(v);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn is_int(v: &str) -> bool {
    v.parse::<i64>().is_ok()
}

fn is_float(v: &str) -> bool {
    // Rust accepts "inf" and "NaN" spelled many ways; only the plain ones count as numbers,
    // so a column of the word "Infinity" stays text.
    let t = v.trim_start_matches(['+', '-']);
    let wordy = t
        .chars()
        .any(|c| c.is_ascii_alphabetic() && c != 'e' && c != 'E');
    (!wordy || matches!(t, "inf" | "NaN" | "Infinity")) && v.parse::<f64>().is_ok()
}

fn has_leading_zero(v: &str) -> bool {
    let digits = v.trim_start_matches(['+', '-']);
    digits.len() > 1 && digits.starts_with('0')
}

fn parse_bool(v: &str) -> Option<bool> {
    if v.eq_ignore_ascii_case("true") {
        Some(true)
    } else if v.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

fn trim(text: &StringChunked) -> StringChunked {
    let mut out: StringChunked = text
        .iter()
        .map(|v| {
            v.map(str::trim)
                .filter(|t| !t.is_empty() && !super::NULL_TOKENS.contains(t))
        })
        .collect();
    out.rename(text.name().clone());
    out
}

/// The first few cells that are present as text but did not become numbers.
fn bad_cells(
    text: &StringChunked,
    numbers: &Series,
    line_of_row: &dyn Fn(u64) -> u64,
) -> Vec<BadCell> {
    let Ok(numbers) = numbers.f64() else {
        return Vec::new();
    };
    text.iter()
        .zip(numbers.iter())
        .enumerate()
        .filter_map(|(row, (t, n))| match (t, n) {
            (Some(t), None) => Some(BadCell {
                line: line_of_row(row as u64),
                value: t.to_owned(),
            }),
            _ => None,
        })
        .take(EXAMPLES)
        .collect()
}
