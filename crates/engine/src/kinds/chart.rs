//! Chart cells: a table and a [`ChartSpec`] become the plain [`ChartData`] the page draws —
//! grouped, aggregated, bucketed by day/week/month, ordered, capped (categories and series),
//! and downsampled (min/max buckets or LTTB for lines, a grid for scatter) so a million rows
//! travel as a few thousand points. ROC curves are computed here from a score and a label.

use std::collections::{HashMap, HashSet};

use polars::prelude::*;
use quire_numerics::{bin_scatter, box_stats, histogram, linear_fit, lttb, minmax, roc};
use quire_protocol::calendar::{civil_from_days, days_from_civil};
use quire_protocol::chart::{
    Aggregate, CategorySeries, ChartData, ChartField, ChartKind, ChartProblem, ChartSpec, Fit,
    Interval, Omitted, Sampled, SortOrder, TimeStep, XAxis, XySeries,
};

use super::{Kind, Ran, Reads, Run, swap};
use crate::cells::column_type;
use quire_protocol::kinds;
use quire_protocol::notebook::{CellError, CellOutput};

/// Points per line series after downsampling (LTTB on sorted points; min/max buckets give at
/// most this many too). ROC curves with more points are thinned to this many as well.
pub const LINE_POINTS: usize = 2_000;
/// Scatter plots with more points than this are drawn as a grid of cell means.
pub const SCATTER_POINTS: usize = 20_000;
/// The grid of a binned scatter: at most 10,240 cell means, as dense as a chart's width shows
/// and small enough to cross to the page and draw in a few tens of milliseconds.
pub const SCATTER_GRID: (usize, usize) = (128, 80);
/// Categories (bars, boxes, intervals) shown at most.
pub const MAX_CATEGORIES: usize = 60;
/// Series (values of the colour-by column) shown at most: the ones with the most rows, one
/// per colour of the palette, so no two series share a colour.
pub const MAX_SERIES: usize = 8;

type Result<T> = std::result::Result<T, ChartProblem>;

fn err(e: PolarsError) -> ChartProblem {
    ChartProblem::Engine {
        message: e.to_string(),
    }
}

/// The problem of a chart that needs a column chosen here.
fn unchosen(field: ChartField) -> ChartProblem {
    ChartProblem::Unchosen { field }
}

fn column<'a>(df: &'a DataFrame, name: &str) -> Result<&'a Series> {
    df.column(name)
        .map(Column::as_materialized_series)
        .map_err(|_| ChartProblem::NoColumn {
            column: name.to_owned(),
        })
}

fn numbers(s: &Series) -> Result<Vec<Option<f64>>> {
    if !s.dtype().is_numeric() && !matches!(s.dtype(), DataType::Boolean) {
        return Err(ChartProblem::NotNumbers {
            column: s.name().to_string(),
            found: column_type(s.dtype()),
        });
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
            return Err(ChartProblem::NotNumbersOrDates {
                column: s.name().to_string(),
                found: column_type(other),
            });
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

/// Text of each value of `s` (`null` for a missing one).
fn texts(s: &Series) -> Result<Vec<String>> {
    let s = s.cast(&DataType::String).map_err(err)?;
    Ok(s.str()
        .map_err(err)?
        .into_iter()
        .map(|v| v.unwrap_or("null").to_owned())
        .collect())
}

/// The distinct values of `s` as text: in the order they first appear, or (`XAscending`) in
/// the column's own order — numbers as numbers, dates as dates — with a missing value last.
fn category_order(s: &Series, sort: SortOrder) -> Result<Vec<String>> {
    let distinct = if sort == SortOrder::XAscending {
        s.unique()
            .and_then(|u| u.sort(SortOptions::default().with_nulls_last(true)))
    } else {
        s.unique_stable()
    }
    .map_err(err)?;
    texts(&distinct)
}

/// Position of each text in `order`.
fn positions(order: &[String]) -> HashMap<&str, usize> {
    order
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect()
}

/// The colour-by column's values as text, one per row, and — when it has more than
/// [`MAX_SERIES`] distinct values — which rows belong to the [`MAX_SERIES`] with the most rows
/// (ties by value), with the count of what is left out.
struct Keys {
    text: Series,
    keep: Option<BooleanChunked>,
    omitted: Option<Sampled>,
}

fn series_keys(df: &DataFrame, by: Option<&str>) -> Result<Option<Keys>> {
    let Some(by) = by.map(str::trim).filter(|b| !b.is_empty()) else {
        return Ok(None);
    };
    let text = column(df, by)?
        .cast(&DataType::String)
        .map_err(err)?
        .with_name("__s".into());
    let (keep, omitted) = {
        let ca = text.str().map_err(err)?;
        let mut counts: HashMap<Option<&str>, u64> = HashMap::new();
        for k in ca {
            *counts.entry(k).or_default() += 1;
        }
        if counts.len() <= MAX_SERIES {
            (None, None)
        } else {
            let total = counts.len() as u64;
            let mut order: Vec<(Option<&str>, u64)> = counts.into_iter().collect();
            order.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let kept: HashSet<Option<&str>> =
                order.iter().take(MAX_SERIES).map(|(k, _)| *k).collect();
            let keep: BooleanChunked = ca.into_iter().map(|k| kept.contains(&k)).collect();
            (
                Some(keep),
                Some(Sampled {
                    shown: MAX_SERIES as u64,
                    total,
                }),
            )
        }
    };
    Ok(Some(Keys {
        text,
        keep,
        omitted,
    }))
}

/// `s` without the rows `keep` leaves out.
fn kept(s: Series, keep: Option<&BooleanChunked>) -> Result<Series> {
    match keep {
        Some(keep) => s.filter(keep).map_err(err),
        None => Ok(s),
    }
}

/// Keeps the first [`MAX_CATEGORIES`] of `items`, and says how many there were when that
/// leaves some out.
fn cut<T>(items: &mut Vec<T>) -> Option<Sampled> {
    let total = items.len();
    items.truncate(MAX_CATEGORIES);
    (total > MAX_CATEGORIES).then_some(Sampled {
        shown: MAX_CATEGORIES as u64,
        total: total as u64,
    })
}

pub fn prepare(df: &DataFrame, spec: &ChartSpec) -> Result<ChartData> {
    let first_y = || {
        spec.y
            .first()
            .map(String::as_str)
            .or(spec.x.as_deref())
            .ok_or_else(|| unchosen(ChartField::Values))
    };
    match spec.kind {
        ChartKind::Histogram { bins } => {
            let values: Vec<f64> = numbers(column(df, first_y()?)?)?
                .into_iter()
                .flatten()
                .collect();
            let (edges, counts) = histogram(&values, bins).unwrap_or((vec![0.0], Vec::new()));
            Ok(ChartData::Histogram {
                edges,
                counts,
                rule: bins,
            })
        }
        ChartKind::Box => boxes(df, spec, first_y()?),
        ChartKind::Interval => intervals(df, spec),
        ChartKind::Bar { .. } => bars(df, spec),
        ChartKind::Roc => match spec.y.first() {
            Some(label) if is_label(column(df, label)?)? => roc_curves(df, spec, label),
            _ => xy(df, spec),
        },
        ChartKind::Line { .. } | ChartKind::Scatter { .. } | ChartKind::Spark => xy(df, spec),
    }
}

/// One box per group (the colour-by or x column), in the chart's order.
fn boxes(df: &DataFrame, spec: &ChartSpec, name: &str) -> Result<ChartData> {
    let values = numbers(column(df, name)?)?;
    let group = [spec.by.as_deref(), spec.x.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|g| !g.is_empty());
    let Some(group) = group else {
        let all: Vec<f64> = values.iter().flatten().copied().collect();
        return Ok(ChartData::Boxes {
            boxes: box_stats(name, &all).into_iter().collect(),
            omitted: Omitted::default(),
        });
    };
    let group = column(df, group)?;
    let keys = texts(group)?;
    let order = category_order(group, spec.sort)?;
    let at = positions(&order);
    let mut groups: Vec<Vec<f64>> = vec![Vec::new(); order.len()];
    for (k, v) in keys.iter().zip(&values) {
        if let (Some(v), Some(i)) = (v, at.get(k.as_str())) {
            groups[*i].push(*v);
        }
    }
    let mut boxes: Vec<_> = order
        .iter()
        .zip(&groups)
        .filter_map(|(k, v)| box_stats(k, v))
        .collect();
    if spec.sort == SortOrder::YDescending {
        boxes.sort_by(|a, b| b.median.total_cmp(&a.median));
    }
    let categories = cut(&mut boxes);
    Ok(ChartData::Boxes {
        boxes,
        omitted: Omitted {
            categories,
            series: None,
        },
    })
}

/// An estimate with its interval per row with all three values, in the chart's order.
fn intervals(df: &DataFrame, spec: &ChartSpec) -> Result<ChartData> {
    let [estimate, low, high] = spec.y.as_slice() else {
        return Err(ChartProblem::IntervalColumns {
            given: spec.y.len(),
        });
    };
    let label = spec.x.as_deref().ok_or(unchosen(ChartField::Label))?;
    let labels = column(df, label)?;
    let (e, l, h) = (
        numbers(column(df, estimate)?)?,
        numbers(column(df, low)?)?,
        numbers(column(df, high)?)?,
    );
    let mut items: Vec<Interval> = texts(labels)?
        .into_iter()
        .zip(e.iter().zip(l.iter().zip(&h)))
        .filter_map(|(label, (e, (l, h)))| {
            Some(Interval {
                label,
                estimate: (*e)?,
                low: (*l)?,
                high: (*h)?,
            })
        })
        .collect();
    match spec.sort {
        SortOrder::None => {}
        SortOrder::XAscending => {
            let order = category_order(labels, SortOrder::XAscending)?;
            let at = positions(&order);
            items.sort_by_key(|i| at.get(i.label.as_str()).copied().unwrap_or(usize::MAX));
        }
        SortOrder::YDescending => items.sort_by(|a, b| b.estimate.total_cmp(&a.estimate)),
    }
    let categories = cut(&mut items);
    Ok(ChartData::Intervals {
        items,
        omitted: Omitted {
            categories,
            series: None,
        },
    })
}

fn bars(df: &DataFrame, spec: &ChartSpec) -> Result<ChartData> {
    let x = spec.x.as_deref().ok_or(unchosen(ChartField::Category))?;
    if spec.y.is_empty() && spec.aggregate != Aggregate::Count {
        return Err(unchosen(ChartField::YOrCount));
    }
    let keys = series_keys(df, spec.by.as_deref())?;
    let keep = keys.as_ref().and_then(|k| k.keep.as_ref());
    let x_column = kept(column(df, x)?.clone(), keep)?;
    let order = category_order(&x_column, spec.sort)?;
    let mut frame = DataFrame::new(vec![
        x_column
            .cast(&DataType::String)
            .map_err(err)?
            .with_name("__x".into())
            .into(),
    ])
    .map_err(err)?;
    let rows = frame.height();
    let ys: Vec<String> = if spec.y.is_empty() {
        vec![x.to_owned()]
    } else {
        spec.y.clone()
    };
    for (i, y) in ys.iter().enumerate() {
        let values = if spec.aggregate == Aggregate::Count {
            Series::new(format!("__y{i}").into(), vec![1.0; rows])
        } else {
            let s = column(df, y)?;
            numbers(s)?;
            kept(
                s.cast(&DataType::Float64)
                    .map_err(err)?
                    .with_name(format!("__y{i}").into()),
                keep,
            )?
        };
        frame.with_column(values).map_err(err)?;
    }
    let series_cut = keys.as_ref().and_then(|k| k.omitted);
    let s_column = match &keys {
        Some(k) => kept(k.text.clone(), keep)?,
        None => Series::new("__s".into(), vec![""; rows]),
    };
    frame.with_column(s_column).map_err(err)?;
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
    let xs = texts(grouped.column("__x").map_err(err)?.as_materialized_series())?;
    let ss = texts(grouped.column("__s").map_err(err)?.as_materialized_series())?;
    let mut names: Vec<String> = ss.clone();
    names.sort();
    names.dedup();
    let at = positions(&order);
    let mut categories = order.clone();
    let mut series = Vec::new();
    for (i, y) in ys.iter().enumerate() {
        let col = grouped.column(&format!("__y{i}")).map_err(err)?;
        let values = numbers(col.as_materialized_series())?;
        for name in &names {
            let mut v = vec![f64::NAN; categories.len()];
            for ((x, s), value) in xs.iter().zip(&ss).zip(&values) {
                if s == name
                    && let Some(i) = at.get(x.as_str())
                {
                    v[*i] = value.unwrap_or(f64::NAN);
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
        let mut rank: Vec<usize> = (0..categories.len()).collect();
        let total = |i: usize| -> f64 {
            series
                .iter()
                .map(|s| s.values[i])
                .filter(|v| v.is_finite())
                .sum()
        };
        rank.sort_by(|a, b| total(*b).total_cmp(&total(*a)));
        categories = rank.iter().map(|i| categories[*i].clone()).collect();
        for s in &mut series {
            s.values = rank.iter().map(|i| s.values[*i]).collect();
        }
    }
    let categories_cut = cut(&mut categories);
    for s in &mut series {
        s.values.truncate(MAX_CATEGORIES);
    }
    Ok(ChartData::Categories {
        categories,
        series,
        omitted: Omitted {
            categories: categories_cut,
            series: series_cut,
        },
    })
}

/// Whether `s` holds labels — booleans, or numbers that are all 0 or 1 — rather than rates.
fn is_label(s: &Series) -> Result<bool> {
    if s.dtype() == &DataType::Boolean {
        return Ok(true);
    }
    if !s.dtype().is_numeric() {
        return Ok(false);
    }
    let values = numbers(s)?;
    let mut present = values.iter().flatten().peekable();
    Ok(present.peek().is_some() && present.all(|v| *v == 0.0 || *v == 1.0))
}

/// ROC curves of the score column (x) against the label column (1 or true is positive), one
/// per colour-by value, each named with its AUC; thinned by LTTB beyond [`LINE_POINTS`]
/// (endpoints kept).
fn roc_curves(df: &DataFrame, spec: &ChartSpec, label: &str) -> Result<ChartData> {
    let score = spec.x.as_deref().ok_or(unchosen(ChartField::Score))?;
    let scores = numbers(column(df, score)?)?;
    let labels = numbers(column(df, label)?)?;
    let keys = series_keys(df, spec.by.as_deref())?;
    let (names, keep): (Vec<Option<&str>>, Option<Vec<bool>>) = match &keys {
        None => (vec![None; df.height()], None),
        Some(k) => (
            k.text.str().map_err(err)?.into_iter().collect(),
            k.keep
                .as_ref()
                .map(|m| m.into_iter().map(|v| v == Some(true)).collect()),
        ),
    };
    // Rows with both a score and a label, per series in the order of the series' names.
    let mut groups: std::collections::BTreeMap<Option<&str>, (Vec<f64>, Vec<bool>)> =
        std::collections::BTreeMap::new();
    for (i, (s, l)) in scores.iter().zip(&labels).enumerate() {
        if keep.as_ref().is_some_and(|k| !k[i]) {
            continue;
        }
        if let (Some(s), Some(l)) = (s, l) {
            let g = groups.entry(names[i]).or_default();
            g.0.push(*s);
            g.1.push(*l == 1.0);
        }
    }
    let (mut total, mut shown) = (0u64, 0u64);
    let mut series = Vec::new();
    for (name, (s, p)) in &groups {
        let Some(curve) = roc(s, p) else {
            continue;
        };
        let auc = format!("AUC {:.3}", curve.auc);
        let keep = lttb(&curve.fpr, &curve.tpr, LINE_POINTS);
        total += curve.fpr.len() as u64;
        shown += keep.len() as u64;
        series.push(XySeries {
            name: name.map_or_else(|| auc.clone(), |n| format!("{} · {auc}", n)),
            x: keep.iter().map(|i| curve.fpr[*i]).collect(),
            y: keep.iter().map(|i| curve.tpr[*i]).collect(),
        });
    }
    if series.is_empty() && !groups.is_empty() {
        return Err(ChartProblem::OneClass {
            column: label.to_owned(),
        });
    }
    Ok(ChartData::Plot {
        axis: XAxis::Number,
        series,
        sampled: (shown < total).then_some(Sampled { shown, total }),
        fits: Vec::new(),
        omitted: Omitted {
            categories: None,
            series: keys.and_then(|k| k.omitted),
        },
    })
}

fn xy(df: &DataFrame, spec: &ChartSpec) -> Result<ChartData> {
    let x = spec.x.as_deref().ok_or(unchosen(ChartField::X))?;
    if spec.y.is_empty() {
        return Err(unchosen(ChartField::Y));
    }
    let keys = series_keys(df, spec.by.as_deref())?;
    let keep = keys.as_ref().and_then(|k| k.keep.as_ref());
    let (axis, xs) = x_series(column(df, x)?)?;
    let mut xs = kept(xs, keep)?;
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
    let key_column = match &keys {
        Some(k) => Some(kept(k.text.clone(), keep)?),
        None => None,
    };
    let aggregate = if step.is_some() && spec.aggregate == Aggregate::None {
        Aggregate::Sum
    } else {
        spec.aggregate
    };
    let scatter = matches!(spec.kind, ChartKind::Scatter { .. });
    let fit = matches!(spec.kind, ChartKind::Scatter { fit: true });
    // Many raw points of a line: min/max buckets need no sort (a sort of 1M rows costs more
    // than everything else together). Few points, or aggregated ones, are sorted and drawn as
    // they are (or with LTTB).
    let raw_many = aggregate == Aggregate::None && xs.len() > LINE_POINTS;
    let ordered = !scatter && !raw_many;
    let mut out = Vec::new();
    let mut fits = Vec::new();
    let (mut total, mut shown) = (0u64, 0u64);
    for y in &spec.y {
        let mut columns: Vec<Column> = vec![
            xs.clone().into(),
            kept(y_series(column(df, y)?)?, keep)?.into(),
        ];
        if let Some(k) = &key_column {
            columns.push(k.clone().into());
        }
        let mut frame = DataFrame::new(columns)
            .map_err(err)?
            .lazy()
            .filter(col("__x").is_not_null().and(col("__y").is_not_null()));
        let mut group = vec![col("__x")];
        let mut order = vec!["__x"];
        if key_column.is_some() {
            group.insert(0, col("__s"));
            order.insert(0, "__s");
        }
        if aggregate != Aggregate::None {
            frame = frame
                .group_by(group)
                .agg([agg(col("__y"), aggregate).alias("__y")]);
        }
        if ordered || key_column.is_some() {
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
            Ok(c) => texts(c.as_materialized_series())?,
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
            let name = match (key_column.is_none(), spec.y.len() > 1) {
                (true, _) => y.clone(),
                (false, false) => key.to_owned(),
                (false, true) => format!("{y} · {key}"),
            };
            if fit {
                // From every row, before the points are binned into grid-cell means.
                fits.push(linear_fit(px, py).map(|(intercept, slope)| Fit { intercept, slope }));
            }
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
    if matches!(spec.kind, ChartKind::Roc) {
        // Rates given: name each curve with its area (trapezoids along x).
        for s in &mut out {
            let auc: f64 =
                s.x.windows(2)
                    .zip(s.y.windows(2))
                    .map(|(x, y)| (x[1] - x[0]) * (y[1] + y[0]) / 2.0)
                    .sum();
            s.name = format!("{} · AUC {auc:.3}", s.name);
        }
    }
    let sampled = (shown < total).then_some(Sampled { shown, total });
    Ok(ChartData::Plot {
        axis,
        series: out,
        sampled,
        fits,
        omitted: Omitted {
            categories: None,
            series: keys.and_then(|k| k.omitted),
        },
    })
}

impl Kind for kinds::Chart {
    fn reads(&self, _: &mut Reads<'_>) -> std::result::Result<Vec<String>, CellError> {
        Ok(vec![self.input.clone()])
    }

    fn run(&self, cx: &mut Run<'_>) -> std::result::Result<Ran, CellError> {
        let data = prepare(cx.input(&self.input)?, &self.chart).map_err(CellError::Chart)?;
        Ok(Ran::shown(CellOutput::Chart { data }))
    }

    fn rename_input(&mut self, old: &str, new: &str) {
        swap(&mut self.input, old, new);
    }
}

#[cfg(test)]
mod tests;
