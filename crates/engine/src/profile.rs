//! The profile of a table: per column, its type, nulls, distinct values, statistics, top
//! values and a histogram.
//!
//! One pass per column over plain Rust slices, not polars expressions: numbers and dates are
//! sorted once, and min, max, quartiles, the distinct count and the histogram all come from
//! the sorted values; text is counted in one hash map (distinct count and top values). This
//! keeps 1M rows × 10 columns under a second in the browser's single thread.

use polars::prelude::*;
use quire_protocol::profile::{BINS, ColumnProfile, Histogram, NumberStats, Profile, TOP};

use quire_numerics::quantile;

use crate::cells;
use crate::cells::column_type;

pub fn profile(name: &str, df: &DataFrame) -> Result<Profile, PolarsError> {
    let columns = df
        .get_columns()
        .iter()
        .map(|c| column(c.as_materialized_series()))
        .collect::<Result<_, _>>()?;
    Ok(Profile {
        table: name.to_owned(),
        rows: df.height() as u64,
        columns,
    })
}

fn column(s: &Series) -> Result<ColumnProfile, PolarsError> {
    let nulls = s.null_count() as u64;
    let mut p = ColumnProfile {
        name: s.name().to_string(),
        dtype: column_type(s.dtype()),
        count: s.len() as u64 - nulls,
        nulls,
        distinct: 0,
        nan: 0,
        infinite: 0,
        stats: None,
        range: None,
        top: Vec::new(),
        histogram: None,
    };
    match s.dtype() {
        d if d.is_numeric() => {
            let f = s.cast(&DataType::Float64)?;
            let mut values: Vec<f64> = non_null(f.f64()?);
            // NaN and ±∞ are counted as values but kept out of the statistics, which are
            // finite numbers (what JSON can carry to the page).
            let all = values.len();
            values.retain(|v| !v.is_nan());
            p.nan = (all - values.len()) as u64;
            values.sort_unstable_by(f64::total_cmp);
            let low = values.partition_point(|v| *v == f64::NEG_INFINITY);
            let high = values.partition_point(|v| *v < f64::INFINITY);
            p.infinite = (low + values.len() - high) as u64;
            p.distinct = distinct(&values) + u64::from(p.nan > 0);
            let finite = &values[low..high];
            p.stats = stats(finite);
            p.histogram = histogram(finite);
        }
        DataType::Date | DataType::Datetime(..) => {
            let physical = s.to_physical_repr().cast(&DataType::Int64)?;
            let mut values: Vec<i64> = physical.i64()?.into_iter().flatten().collect();
            values.sort_unstable();
            p.distinct = distinct(&values);
            if let (Some(first), Some(last)) = (values.first(), values.last()) {
                let show = |v: i64| -> Result<String, PolarsError> {
                    let one = Series::new("v".into(), [v]).cast(&DataType::Int64)?;
                    let one = match s.dtype() {
                        DataType::Date => one.cast(&DataType::Int32)?.cast(s.dtype())?,
                        dtype => one.cast(dtype)?,
                    };
                    Ok(cells::cell(&one.get(0)?).display())
                };
                p.range = Some((show(*first)?, show(*last)?));
            }
            let as_f64: Vec<f64> = values.iter().map(|v| *v as f64).collect();
            p.histogram = histogram(&as_f64);
        }
        DataType::Boolean => {
            let ca = s.bool()?;
            let t = ca.sum().unwrap_or(0) as u64;
            let f = p.count - t;
            let mut top: Vec<(String, u64)> = [("true".to_owned(), t), ("false".to_owned(), f)]
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .collect();
            top.sort_by_key(|t| std::cmp::Reverse(t.1));
            p.distinct = top.len() as u64;
            p.top = top;
        }
        _ => {
            let text = s.cast(&DataType::String)?;
            let ca = text.str()?;
            let mut counts: PlHashMap<&str, u64> = PlHashMap::default();
            for v in ca.into_iter().flatten() {
                *counts.entry(v).or_insert(0) += 1;
            }
            p.distinct = counts.len() as u64;
            let mut top: Vec<(&str, u64)> = counts.into_iter().collect();
            let keep = TOP.min(top.len());
            if keep > 0 {
                top.select_nth_unstable_by(keep - 1, |a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
                top.truncate(keep);
                top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            }
            p.top = top.into_iter().map(|(v, n)| (v.to_owned(), n)).collect();
        }
    }
    Ok(p)
}

/// The non-null values (the fast path when there are no nulls).
fn non_null(ca: &Float64Chunked) -> Vec<f64> {
    if ca.null_count() == 0 {
        ca.into_no_null_iter().collect()
    } else {
        ca.into_iter().flatten().collect()
    }
}

/// Distinct values of a sorted slice.
fn distinct<T: PartialEq>(sorted: &[T]) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    1 + sorted.windows(2).filter(|w| w[0] != w[1]).count() as u64
}

/// The statistics of sorted, finite values.
fn stats(sorted: &[f64]) -> Option<NumberStats> {
    let (min, max) = (*sorted.first()?, *sorted.last()?);
    let n = sorted.len() as f64;
    // Welford's update on values scaled to at most 1 in size, so squares of 1e300 do not
    // overflow and squares of 1e-300 do not vanish.
    let scale = min.abs().max(max.abs());
    let scale = if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    };
    let (mut mean, mut m2) = (0.0_f64, 0.0_f64);
    for (i, x) in sorted.iter().enumerate() {
        let x = x / scale;
        let delta = x - mean;
        mean += delta / (i + 1) as f64;
        m2 += delta * (x - mean);
    }
    Some(NumberStats {
        min,
        max,
        mean: mean * scale,
        std: (sorted.len() > 1).then(|| (m2 / (n - 1.0)).sqrt() * scale),
        q1: quantile(sorted, 0.25)?,
        median: quantile(sorted, 0.5)?,
        q3: quantile(sorted, 0.75)?,
    })
}

/// [`BINS`] equal bins over `[min, max]` of sorted, finite values; the last bin holds the
/// maximum. One bin when every value is the same.
fn histogram(finite: &[f64]) -> Option<Histogram> {
    let (start, end) = (*finite.first()?, *finite.last()?);
    let width = end - start;
    if width <= 0.0 || !width.is_finite() {
        return Some(Histogram {
            start,
            end,
            counts: vec![finite.len() as u64],
        });
    }
    let mut counts = vec![0_u64; BINS];
    for v in finite {
        let bin = (((v - start) / width) * BINS as f64) as usize;
        counts[bin.min(BINS - 1)] += 1;
    }
    Some(Histogram { start, end, counts })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * a.abs().max(b.abs()) || a == b
    }

    /// Against Python's `statistics` (exact arithmetic): tests/fixtures/stats/make_profile.py.
    #[test]
    fn number_statistics_match_the_reference() {
        let text = include_str!("../../../tests/fixtures/stats/profile.json");
        let fixture: serde_json::Value = serde_json::from_str(text).expect("fixture");
        let cases = fixture["cases"].as_object().expect("cases");
        assert_eq!(cases.len(), 5);
        for (name, case) in cases {
            let values: Vec<f64> = case["values"]
                .as_array()
                .expect("values")
                .iter()
                .map(|v| v.as_f64().expect("number"))
                .collect();
            let df = DataFrame::new(vec![Series::new("x".into(), &values).into()]).expect("df");
            let p = profile("t", &df).expect("profiles");
            let c = &p.columns[0];
            let st = c.stats.as_ref().expect("stats");
            let want = |k: &str| case[k].as_f64().expect(k);
            for (got, key) in [
                (st.min, "min"),
                (st.max, "max"),
                (st.mean, "mean"),
                (st.std.expect("std"), "std"),
                (st.q1, "q1"),
                (st.median, "median"),
                (st.q3, "q3"),
            ] {
                assert!(
                    close(got, want(key)),
                    "{name} {key}: {got} vs {}",
                    want(key)
                );
            }
            assert_eq!(
                c.distinct,
                case["distinct"].as_u64().expect("distinct"),
                "{name}"
            );
            let h = c.histogram.as_ref().expect("histogram");
            assert_eq!(h.counts.iter().sum::<u64>(), values.len() as u64, "{name}");
        }
    }

    #[test]
    fn every_kind_of_column() {
        let df = df!(
            "n" => [Some(1i64), None, Some(3), Some(3)],
            "s" => [Some("a"), Some("b"), Some("a"), None],
            "b" => [Some(true), Some(true), Some(false), None],
            "d" => [Some("1969-07-20"), Some("2024-02-29"), None, None],
        )
        .expect("df");
        let df = crate::testing::with_dates(df, "d");
        let p = profile("t", &df).expect("profiles");
        let [n, s, b, d] = &p.columns[..] else {
            panic!("four columns");
        };
        assert_eq!((n.count, n.nulls, n.distinct), (3, 1, 2));
        assert!((n.null_percent() - 25.0).abs() < 1e-9);
        assert_eq!(s.top, [("a".to_owned(), 2), ("b".to_owned(), 1)]);
        assert_eq!(s.distinct, 2);
        assert_eq!(b.top, [("true".to_owned(), 2), ("false".to_owned(), 1)]);
        assert_eq!(
            d.range,
            Some(("1969-07-20".to_owned(), "2024-02-29".to_owned()))
        );
        assert_eq!(
            d.histogram.as_ref().map(|h| h.counts.iter().sum::<u64>()),
            Some(2)
        );
    }

    #[test]
    fn empty_and_all_null_columns() {
        let df = df!("x" => [None::<f64>, None], "s" => [None::<&str>, None]).expect("df");
        let p = profile("t", &df).expect("profiles");
        assert!(p.columns.iter().all(|c| c.count == 0 && c.distinct == 0));
        assert!(p.columns[0].stats.is_none() && p.columns[0].histogram.is_none());
        let p = profile("t", &df.head(Some(0))).expect("profiles");
        assert_eq!(p.rows, 0);
        assert_eq!(p.columns[0].null_percent(), 0.0);
    }

    #[test]
    fn nan_and_infinities_are_counted_apart_and_the_profile_survives_json() {
        let df = df!(
            "x" => [
                Some(1.0), Some(f64::INFINITY), Some(f64::NAN), Some(3.0),
                Some(f64::NEG_INFINITY), None, Some(f64::INFINITY), Some(2.0),
            ],
            "only" => [Some(f64::NAN), Some(f64::INFINITY), Some(f64::NEG_INFINITY), None,
                       None, None, None, None],
        )
        .expect("df");
        let p = profile("t", &df).expect("profiles");
        let x = &p.columns[0];
        assert_eq!((x.count, x.nulls, x.nan, x.infinite), (7, 1, 1, 3));
        // 1, 2, 3, +∞, −∞ and NaN.
        assert_eq!(x.distinct, 6);
        let st = x.stats.as_ref().expect("stats of the finite values");
        assert_eq!((st.min, st.max, st.mean, st.median), (1.0, 3.0, 2.0, 2.0));
        assert_eq!(st.std, Some(1.0));
        let h = x.histogram.as_ref().expect("histogram");
        assert_eq!(
            (h.start, h.end, h.counts.iter().sum::<u64>()),
            (1.0, 3.0, 3)
        );
        let only = &p.columns[1];
        assert_eq!(
            (only.count, only.nan, only.infinite, only.distinct),
            (3, 1, 2, 3)
        );
        assert!(only.stats.is_none() && only.histogram.is_none());
        // What the worker sends, the page reads back as it was.
        let json = serde_json::to_string(&p).expect("json");
        let back: Profile = serde_json::from_str(&json).expect("the page reads the profile");
        assert_eq!(back, p);
    }

    #[test]
    fn quantiles_interpolate_like_numpy() {
        // numpy.quantile([1, 2, 3, 4], [0.25, 0.5, 0.75]) == [1.75, 2.5, 3.25]
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&v, 0.25), Some(1.75));
        assert_eq!(quantile(&v, 0.5), Some(2.5));
        assert_eq!(quantile(&v, 0.75), Some(3.25));
        assert_eq!(quantile(&[], 0.5), None);
        assert_eq!(quantile(&[7.0], 0.75), Some(7.0));
    }
}
