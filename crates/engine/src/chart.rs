//! Chart cells: a table and a [`ChartSpec`] become the plain [`ChartData`] the page draws —
//! grouped, aggregated, bucketed by day/week/month, and downsampled (LTTB for lines, a grid for
//! scatter) so a million rows travel as a few thousand points.

use polars::prelude::*;
use quire_protocol::chart::prepare::{
    bin_scatter, box_stats, civil_from_days, days_from_civil, histogram, lttb, minmax,
};
use quire_protocol::chart::{
    Aggregate, CategorySeries, ChartData, ChartKind, ChartSpec, Interval, Sampled, SortOrder,
    TimeStep, XAxis, XySeries,
};

use crate::notebook::column_type;

/// Points per line series after downsampling (LTTB on sorted points; min/max buckets give at
/// most this many too).
pub const LINE_POINTS: usize = 2_000;
/// Scatter plots with more points than this are drawn as a grid of cell means.
pub const SCATTER_POINTS: usize = 20_000;
const SCATTER_GRID: (usize, usize) = (160, 100);
/// Categories (bars, boxes) shown at most.
pub const MAX_CATEGORIES: usize = 60;

type Result<T> = std::result::Result<T, String>;

fn err(e: PolarsError) -> String {
    e.to_string()
}

fn column<'a>(df: &'a DataFrame, name: &str) -> Result<&'a Series> {
    df.column(name)
        .map(Column::as_materialized_series)
        .map_err(|_| format!("no column named {name:?}"))
}

fn numbers(s: &Series) -> Result<Vec<Option<f64>>> {
    if !s.dtype().is_numeric() && !matches!(s.dtype(), DataType::Boolean) {
        return Err(format!(
            "column {:?} is {}, not numbers",
            s.name().as_str(),
            column_type(s.dtype()).label()
        ));
    }
    let f = s.cast(&DataType::Float64).map_err(err)?;
    Ok(f.f64().map_err(err)?.into_iter().collect())
}

/// x as a float series named `__x`: numbers, or days (dates) or milliseconds (datetimes)
/// since 1970.
fn x_series(s: &Series) -> Result<(XAxis, Series)> {
    let (axis, f) = match s.dtype() {
        DataType::Date => (
            XAxis::Days,
            s.to_physical_repr().cast(&DataType::Float64).map_err(err)?,
        ),
        DataType::Datetime(unit, _) => {
            let per_ms = match unit {
                TimeUnit::Nanoseconds => 1e6,
                TimeUnit::Microseconds => 1e3,
                TimeUnit::Milliseconds => 1.0,
            };
            let raw = s.to_physical_repr().cast(&DataType::Float64).map_err(err)?;
            (XAxis::Millis, (raw / per_ms))
        }
        d if d.is_numeric() => (XAxis::Number, s.cast(&DataType::Float64).map_err(err)?),
        other => {
            return Err(format!(
                "column {:?} is {}, not numbers or dates",
                s.name().as_str(),
                column_type(other).label()
            ));
        }
    };
    Ok((axis, f.with_name("__x".into())))
}

fn y_series(s: &Series) -> Result<Series> {
    numbers(s)?;
    Ok(s.cast(&DataType::Float64)
        .map_err(err)?
        .with_name("__y".into()))
}

fn floats(c: &Column) -> Result<Vec<f64>> {
    let ca = c.f64().map_err(err)?;
    Ok(if ca.null_count() == 0 {
        ca.into_no_null_iter().collect()
    } else {
        ca.into_iter().map(|v| v.unwrap_or(f64::NAN)).collect()
    })
}

/// Days since 1970 of the start of the bucket holding `day`.
fn bucket(day: f64, step: TimeStep) -> f64 {
    let d = day.floor() as i64;
    match step {
        TimeStep::Day => d as f64,
        // Weeks start on Monday; 1970-01-01 was a Thursday.
        TimeStep::Week => (d - (d + 3).rem_euclid(7)) as f64,
        TimeStep::Month => {
            let (y, m, _) = civil_from_days(d);
            days_from_civil(y, m, 1) as f64
        }
    }
}

fn agg(expr: Expr, how: Aggregate) -> Expr {
    match how {
        Aggregate::None | Aggregate::Sum => expr.sum(),
        Aggregate::Mean => expr.mean(),
        Aggregate::Count => expr.count(),
        Aggregate::Min => expr.min(),
        Aggregate::Max => expr.max(),
        Aggregate::Median => expr.median(),
    }
}

/// The series keys of each row: the `by` column's values as text, or one series.
fn series_keys(df: &DataFrame, by: Option<&str>) -> Result<Option<Vec<String>>> {
    let Some(by) = by.filter(|b| !b.is_empty()) else {
        return Ok(None);
    };
    let s = column(df, by)?.cast(&DataType::String).map_err(err)?;
    Ok(Some(
        s.str()
            .map_err(err)?
            .into_iter()
            .map(|v| v.unwrap_or("null").to_owned())
            .collect(),
    ))
}

pub fn prepare(df: &DataFrame, spec: &ChartSpec) -> Result<ChartData> {
    let first_y = || {
        spec.y
            .first()
            .map(String::as_str)
            .or(spec.x.as_deref())
            .ok_or_else(|| "choose a column to draw".to_owned())
    };
    match spec.kind {
        ChartKind::Histogram { bins } => {
            let values: Vec<f64> = numbers(column(df, first_y()?)?)?
                .into_iter()
                .flatten()
                .collect();
            Ok(match histogram(&values, bins) {
                Some((edges, counts, rule)) => ChartData::Histogram {
                    edges,
                    counts,
                    rule,
                },
                None => ChartData::Histogram {
                    edges: vec![0.0],
                    counts: Vec::new(),
                    rule: String::new(),
                },
            })
        }
        ChartKind::Box => {
            let name = first_y()?;
            let values = numbers(column(df, name)?)?;
            let group = spec.by.as_deref().or(spec.x.as_deref());
            let boxes = match series_keys(df, group)? {
                None => box_stats(name, &values.iter().flatten().copied().collect::<Vec<_>>())
                    .into_iter()
                    .collect(),
                Some(keys) => {
                    let mut groups: std::collections::BTreeMap<&str, Vec<f64>> =
                        std::collections::BTreeMap::new();
                    for (k, v) in keys.iter().zip(&values) {
                        if let Some(v) = v {
                            groups.entry(k).or_default().push(*v);
                        }
                    }
                    groups
                        .iter()
                        .take(MAX_CATEGORIES)
                        .filter_map(|(k, v)| box_stats(k, v))
                        .collect()
                }
            };
            Ok(ChartData::Boxes { boxes })
        }
        ChartKind::Interval => {
            let [estimate, low, high] = spec.y.as_slice() else {
                return Err("an interval chart needs three y columns: estimate, low, high".into());
            };
            let label = spec.x.as_deref().ok_or("choose the label column (x)")?;
            let labels = column(df, label)?.cast(&DataType::String).map_err(err)?;
            let (e, l, h) = (
                numbers(column(df, estimate)?)?,
                numbers(column(df, low)?)?,
                numbers(column(df, high)?)?,
            );
            let items = labels
                .str()
                .map_err(err)?
                .into_iter()
                .zip(e.iter().zip(l.iter().zip(&h)))
                .filter_map(|(label, (e, (l, h)))| {
                    Some(Interval {
                        label: label.unwrap_or("null").to_owned(),
                        estimate: (*e)?,
                        low: (*l)?,
                        high: (*h)?,
                    })
                })
                .take(MAX_CATEGORIES)
                .collect();
            Ok(ChartData::Intervals { items })
        }
        ChartKind::Bar { .. } => bars(df, spec),
        ChartKind::Line { .. } | ChartKind::Scatter { .. } | ChartKind::Roc | ChartKind::Spark => {
            xy(df, spec)
        }
    }
}

fn bars(df: &DataFrame, spec: &ChartSpec) -> Result<ChartData> {
    let x = spec.x.as_deref().ok_or("choose the category column (x)")?;
    if spec.y.is_empty() && spec.aggregate != Aggregate::Count {
        return Err("choose a column to draw (y), or count rows".into());
    }
    let keys = series_keys(df, spec.by.as_deref())?;
    let mut frame = DataFrame::new(vec![
        column(df, x)?
            .cast(&DataType::String)
            .map_err(err)?
            .with_name("__x".into())
            .into(),
    ])
    .map_err(err)?;
    let ys: Vec<String> = if spec.y.is_empty() {
        vec![x.to_owned()]
    } else {
        spec.y.clone()
    };
    for (i, y) in ys.iter().enumerate() {
        let values = if spec.aggregate == Aggregate::Count {
            vec![Some(1.0); df.height()]
        } else {
            numbers(column(df, y)?)?
        };
        frame
            .with_column(Series::new(format!("__y{i}").into(), values))
            .map_err(err)?;
    }
    frame
        .with_column(Series::new(
            "__s".into(),
            keys.unwrap_or_else(|| vec![String::new(); df.height()]),
        ))
        .map_err(err)?;
    let how = if spec.aggregate == Aggregate::Count {
        Aggregate::Sum
    } else {
        spec.aggregate
    };
    let grouped = frame
        .lazy()
        .group_by([col("__x"), col("__s")])
        .agg(
            (0..ys.len())
                .map(|i| agg(col(format!("__y{i}")), how))
                .collect::<Vec<_>>(),
        )
        .collect()
        .map_err(err)?;
    let xs: Vec<String> = grouped
        .column("__x")
        .map_err(err)?
        .str()
        .map_err(err)?
        .into_iter()
        .map(|v| v.unwrap_or("null").to_owned())
        .collect();
    let ss: Vec<String> = grouped
        .column("__s")
        .map_err(err)?
        .str()
        .map_err(err)?
        .into_iter()
        .map(|v| v.unwrap_or_default().to_owned())
        .collect();
    let mut categories: Vec<String> = xs.clone();
    categories.sort();
    categories.dedup();
    let mut names: Vec<String> = ss.clone();
    names.sort();
    names.dedup();
    let mut series = Vec::new();
    for (i, y) in ys.iter().enumerate() {
        let col = grouped.column(&format!("__y{i}")).map_err(err)?;
        let values = numbers(col.as_materialized_series())?;
        for name in &names {
            let mut v = vec![f64::NAN; categories.len()];
            for ((x, s), value) in xs.iter().zip(&ss).zip(&values) {
                if s == name
                    && let Ok(at) = categories.binary_search(x)
                {
                    v[at] = value.unwrap_or(f64::NAN);
                }
            }
            let y = if spec.y.is_empty() {
                "count"
            } else {
                y.as_str()
            };
            let label = match (name.is_empty(), ys.len() > 1) {
                (true, _) => y.to_owned(),
                (false, false) => name.clone(),
                (false, true) => format!("{y} · {name}"),
            };
            series.push(CategorySeries {
                name: label,
                values: v,
            });
        }
    }
    if spec.sort == SortOrder::YDescending && !series.is_empty() {
        let mut order: Vec<usize> = (0..categories.len()).collect();
        let total = |i: usize| -> f64 {
            series
                .iter()
                .map(|s| s.values[i])
                .filter(|v| v.is_finite())
                .sum()
        };
        order.sort_by(|a, b| total(*b).total_cmp(&total(*a)));
        categories = order.iter().map(|i| categories[*i].clone()).collect();
        for s in &mut series {
            s.values = order.iter().map(|i| s.values[*i]).collect();
        }
    }
    categories.truncate(MAX_CATEGORIES);
    for s in &mut series {
        s.values.truncate(MAX_CATEGORIES);
    }
    Ok(ChartData::Categories { categories, series })
}

fn xy(df: &DataFrame, spec: &ChartSpec) -> Result<ChartData> {
    let x = spec.x.as_deref().ok_or("choose the x column")?;
    if spec.y.is_empty() {
        return Err("choose a column to draw (y)".into());
    }
    let (axis, mut xs) = x_series(column(df, x)?)?;
    let step = match spec.kind {
        ChartKind::Line { step } => step,
        _ => None,
    };
    if let Some(step) = step {
        let per_day = if axis == XAxis::Millis {
            86_400_000.0
        } else {
            1.0
        };
        let bucketed: Float64Chunked = xs
            .f64()
            .map_err(err)?
            .into_iter()
            .map(|v| v.map(|v| bucket(v / per_day, step) * per_day))
            .collect();
        xs = bucketed.with_name("__x".into()).into_series();
    }
    let by = spec.by.as_deref().filter(|b| !b.is_empty());
    let keys = match by {
        Some(by) => Some(
            column(df, by)?
                .cast(&DataType::String)
                .map_err(err)?
                .with_name("__s".into()),
        ),
        None => None,
    };
    let aggregate = if step.is_some() && spec.aggregate == Aggregate::None {
        Aggregate::Sum
    } else {
        spec.aggregate
    };
    let scatter = matches!(spec.kind, ChartKind::Scatter { .. });
    // Many raw points of a line: min/max buckets need no sort (a sort of 1M rows costs more
    // than everything else together). Few points, or aggregated ones, are sorted and drawn as
    // they are (or with LTTB).
    let raw_many = aggregate == Aggregate::None && df.height() > LINE_POINTS;
    let ordered = !scatter && !raw_many;
    let mut out = Vec::new();
    let (mut total, mut shown) = (0u64, 0u64);
    for y in &spec.y {
        let mut columns: Vec<Column> = vec![xs.clone().into(), y_series(column(df, y)?)?.into()];
        if let Some(k) = &keys {
            columns.push(k.clone().into());
        }
        let mut frame = DataFrame::new(columns)
            .map_err(err)?
            .lazy()
            .filter(col("__x").is_not_null().and(col("__y").is_not_null()));
        let mut group = vec![col("__x")];
        let mut order = vec!["__x"];
        if keys.is_some() {
            group.insert(0, col("__s"));
            order.insert(0, "__s");
        }
        if aggregate != Aggregate::None {
            frame = frame
                .group_by(group)
                .agg([agg(col("__y"), aggregate).alias("__y")]);
        }
        if ordered || keys.is_some() {
            frame = frame.sort(
                order,
                SortMultipleOptions::default().with_maintain_order(true),
            );
        }
        let table = frame.collect().map_err(err)?;
        let sx = floats(table.column("__x").map_err(err)?)?;
        let sy = floats(
            &table
                .column("__y")
                .map_err(err)?
                .cast(&DataType::Float64)
                .map_err(err)?,
        )?;
        // Split into series at each change of key (rows are sorted by key).
        let ss: Vec<String> = match table.column("__s") {
            Ok(c) => c
                .str()
                .map_err(err)?
                .into_iter()
                .map(|v| v.unwrap_or("null").to_owned())
                .collect(),
            Err(_) => Vec::new(),
        };
        let mut start = 0;
        while start < table.height() {
            let key = ss.get(start).map_or("", String::as_str);
            let end = if ss.is_empty() {
                table.height()
            } else {
                (start..table.height())
                    .find(|i| ss[*i] != key)
                    .unwrap_or(table.height())
            };
            let (px, py) = (&sx[start..end], &sy[start..end]);
            total += px.len() as u64;
            let name = match (key.is_empty(), spec.y.len() > 1) {
                (true, _) => y.clone(),
                (false, false) => key.to_owned(),
                (false, true) => format!("{y} · {key}"),
            };
            let (px, py): (Vec<f64>, Vec<f64>) = match spec.kind {
                ChartKind::Scatter { .. } if px.len() > SCATTER_POINTS => {
                    bin_scatter(px, py, SCATTER_GRID.0, SCATTER_GRID.1)
                        .into_iter()
                        .map(|(a, b, _)| (a, b))
                        .unzip()
                }
                ChartKind::Scatter { .. } => (px.to_vec(), py.to_vec()),
                _ if !ordered && px.len() > LINE_POINTS => minmax(px, py, LINE_POINTS / 2),
                _ => {
                    let keep = lttb(px, py, LINE_POINTS);
                    if keep.len() == px.len() {
                        (px.to_vec(), py.to_vec())
                    } else {
                        keep.iter().map(|i| (px[*i], py[*i])).unzip()
                    }
                }
            };
            shown += px.len() as u64;
            out.push(XySeries { name, x: px, y: py });
            start = end;
        }
    }
    let sampled = (shown < total).then_some(Sampled { shown, total });
    Ok(ChartData::Xy {
        axis,
        series: out,
        sampled,
    })
}

#[cfg(test)]
mod tests;
