//! What a chart shows (the spec, saved in notebooks) and the plain data it is drawn from (made
//! by the worker from a table, sent to the page, drawn by `quire-charts`). [`prepare`] holds
//! the pure arithmetic both sides share: downsampling, bins, box statistics, a fitted line.

pub mod prepare;

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

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    #[default]
    None,
    XAscending,
    YDescending,
}

/// The plain numbers a chart is drawn from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ChartData {
    /// Series of (x, y) points: lines, scatter, ROC, sparklines.
    Xy {
        axis: XAxis,
        series: Vec<XySeries>,
        /// Set when the points are a sample of more rows (downsampled for drawing).
        sampled: Option<Sampled>,
    },
    /// One value per category and series: bars.
    Categories {
        categories: Vec<String>,
        series: Vec<CategorySeries>,
    },
    Histogram {
        /// `counts.len() + 1` increasing edges.
        edges: Vec<f64>,
        counts: Vec<u64>,
        /// The bin rule in words, shown under the chart ("Sturges: 11 bins").
        rule: String,
    },
    Boxes {
        boxes: Vec<BoxStats>,
    },
    Intervals {
        items: Vec<Interval>,
    },
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
