//! What a chart shows (the spec, saved in notebooks) and the plain data it is drawn from (made
//! by the worker from a table, sent to the page, drawn by `quire-charts`). The arithmetic that
//! makes the data (downsampling, bins, box statistics, a fitted line) is `quire-numerics`.

use serde::{Deserialize, Serialize};

/// A chart as the user set it up: which columns, how they are summarised, how it looks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChartSpec {
    pub kind: ChartKind,
    /// The x column (not used by histograms and box plots of a single column).
    pub x: Option<String>,
    /// One or several y columns.
    #[serde(default)]
    pub y: Vec<String>,
    /// A column whose values split the data into series (colours).
    #[serde(default)]
    pub by: Option<String>,
    #[serde(default)]
    pub aggregate: Aggregate,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub x_label: Option<String>,
    #[serde(default)]
    pub y_label: Option<String>,
    /// Shown after the y label: "KRW", "%", "ms"…
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub log_y: bool,
    #[serde(default)]
    pub sort: SortOrder,
}

impl ChartSpec {
    /// A chart of `kind` of `y` over `x`, every other setting at its default (rows as they
    /// are, no title, linear scale, no sort).
    pub fn new(kind: ChartKind, x: Option<&str>, y: &[&str]) -> Self {
        ChartSpec {
            kind,
            x: x.map(str::to_owned),
            y: y.iter().map(|s| (*s).to_owned()).collect(),
            by: None,
            aggregate: Aggregate::None,
            title: String::new(),
            x_label: None,
            y_label: None,
            unit: None,
            log_y: false,
            sort: SortOrder::None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChartKind {
    /// Lines over x; with `step`, x is a date bucketed by day, week or month.
    Line {
        step: Option<TimeStep>,
    },
    Bar {
        stacked: bool,
    },
    /// Points; with `fit`, the least-squares line through them.
    Scatter {
        fit: bool,
    },
    Histogram {
        bins: BinRule,
    },
    Box,
    /// An estimate with its interval per row (confidence intervals of lifts, say).
    Interval,
    /// A ROC curve (false-positive rate against true-positive rate), with the diagonal.
    Roc,
    /// A tiny line without axes, for dashboard tiles.
    Spark,
}

impl ChartKind {
    /// Whether a logarithmic value axis makes sense for this kind, so the page offers it and
    /// the drawing honours it: lines, points, sparklines, histogram counts and box values.
    /// Not bars (a bar's length from zero is its meaning), intervals (lifts around zero) or
    /// ROC curves (rates from 0 to 1).
    pub fn supports_log_y(self) -> bool {
        matches!(
            self,
            ChartKind::Line { .. }
                | ChartKind::Scatter { .. }
                | ChartKind::Spark
                | ChartKind::Histogram { .. }
                | ChartKind::Box
        )
    }

    /// Whether the rows' order is the user's to choose: bars, boxes and intervals (one per
    /// category). Lines, points and curves are always drawn along x.
    pub fn is_ordered_by_category(self) -> bool {
        matches!(
            self,
            ChartKind::Bar { .. } | ChartKind::Box | ChartKind::Interval
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeStep {
    Day,
    Week,
    Month,
}

/// How many bins a histogram has.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum BinRule {
    /// ⌈log₂ n⌉ + 1 bins.
    Sturges,
    /// Width 2·IQR·n^(−1/3).
    FreedmanDiaconis,
    Fixed {
        bins: u32,
    },
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregate {
    /// Values as they are (one point per row).
    #[default]
    None,
    Sum,
    Mean,
    Count,
    Min,
    Max,
    Median,
}

/// The order of a chart's categories (bars, boxes, intervals; see
/// [`ChartKind::is_ordered_by_category`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    /// As found: in the order each category first appears in the table.
    #[default]
    None,
    /// By the category itself, in its column's order (numbers as numbers, dates as dates).
    XAscending,
    /// Largest value first (a bar's total over its series, a box's median, an estimate).
    YDescending,
}

/// The plain numbers a chart is drawn from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ChartData {
    /// Series of (x, y) points: lines, scatter, ROC, sparklines, as made outside Chart cells
    /// (metric lines, model diagnostics).
    Xy {
        axis: XAxis,
        series: Vec<XySeries>,
        /// Set when the points are a sample of more rows (downsampled for drawing).
        sampled: Option<Sampled>,
    },
    /// [`ChartData::Xy`] drawn from a whole table by a Chart cell, with what only the rows
    /// behind the points know: each series' least-squares line (fitted to every row, before
    /// a scatter is binned) and the series left out.
    Plot {
        axis: XAxis,
        series: Vec<XySeries>,
        sampled: Option<Sampled>,
        /// Per series, in order, when the chart is a scatter with a fitted line: `None` for a
        /// series with fewer than two distinct x. Empty when there is no fit.
        #[serde(default)]
        fits: Vec<Option<Fit>>,
        #[serde(default)]
        omitted: Omitted,
    },
    /// One value per category and series: bars.
    Categories {
        categories: Vec<String>,
        series: Vec<CategorySeries>,
        #[serde(default)]
        omitted: Omitted,
    },
    Histogram {
        /// `counts.len() + 1` increasing edges.
        edges: Vec<f64>,
        counts: Vec<u64>,
        /// The bin rule asked for; the drawing states it with the bins and width it made.
        rule: BinRule,
    },
    Boxes {
        boxes: Vec<BoxStats>,
        #[serde(default)]
        omitted: Omitted,
    },
    Intervals {
        items: Vec<Interval>,
        #[serde(default)]
        omitted: Omitted,
    },
}

/// What a chart leaves out so that it stays readable, so that it can say so.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Omitted {
    /// Only the first `shown` of `total` categories (in the chart's order) are drawn.
    pub categories: Option<Sampled>,
    /// Only the `shown` series with the most rows, of `total`, are drawn.
    pub series: Option<Sampled>,
}

/// The least-squares line `y = intercept + slope · x`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fit {
    pub intercept: f64,
    pub slope: f64,
}

/// What x means: numbers, or days (dates) or milliseconds (datetimes) since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum XAxis {
    Number,
    Days,
    Millis,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct XySeries {
    pub name: String,
    pub x: Vec<f64>,
    pub y: Vec<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategorySeries {
    pub name: String,
    pub values: Vec<f64>,
}

/// `shown` of `total` (points, categories or series) are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sampled {
    pub shown: u64,
    pub total: u64,
}

/// Tukey's box: quartiles, whiskers at the furthest values within 1.5 IQR, outliers beyond.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoxStats {
    pub name: String,
    pub low: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub high: f64,
    pub outliers: Vec<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    pub label: String,
    pub estimate: f64,
    pub low: f64,
    pub high: f64,
}

/// A number in at most 4 significant digits.
pub fn short(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return x.to_string();
    }
    let digits = (3 - x.abs().log10().floor() as i32).max(0) as usize;
    let s = format!("{x:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    }
}

/// Why a chart cannot be drawn from its table as set up. The page and the CLI say it in the
/// reader's language (`quire_words`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum ChartProblem {
    /// A column the chart needs is not chosen.
    Unchosen { field: ChartField },
    /// The table has no column of this name.
    NoColumn { column: String },
    /// A column that must hold numbers holds something else.
    NotNumbers {
        column: String,
        found: crate::csv::ColumnType,
    },
    /// An x column that must hold numbers or dates holds something else.
    NotNumbersOrDates {
        column: String,
        found: crate::csv::ColumnType,
    },
    /// An interval chart names its estimate, low and high columns in y: three, not `given`.
    IntervalColumns { given: usize },
    /// A ROC curve's label column has rows of one class only.
    OneClass { column: String },
    /// The engine could not compute the chart's data (polars' message, a detail).
    Engine { message: String },
}

/// The column a chart asks for, in [`ChartProblem::Unchosen`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartField {
    /// Any column to draw (y, or x when y is empty).
    Values,
    /// The x column of lines and scatter plots.
    X,
    /// The y column of lines and scatter plots.
    Y,
    /// A y column, or counting rows, for bars.
    YOrCount,
    /// The category column (x) of bars.
    Category,
    /// The label column (x) of intervals.
    Label,
    /// The score column (x) of a ROC curve.
    Score,
}
