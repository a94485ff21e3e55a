//! Metrics and dashboards: a metric is defined once, by name (its definition is what a
//! notebook file keeps), computed over time by the engine, and shown with its definition and
//! the SQL that computed it wherever it appears (the 3A rule: accessible, actionable,
//! auditable).
//!
//! A Metric cell produces a table named after the metric (its time series), so charts, SQL
//! and dashboards refer to a metric by its name like to any table. Periods are days since
//! 1970-01-01 (the start of the period); the arithmetic on them is here, pure, so the page
//! labels periods exactly as the engine cut them.

use serde::{Deserialize, Serialize};

use crate::calendar::{civil_from_days, days_from_civil};
use crate::chart::{ChartData, XAxis, XySeries};
use crate::experiment::Direction;

/// A metric's definition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MetricSpec {
    /// The metric's name; also the name of the table holding its time series.
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub owner: String,
    /// What a value counts: "KRW", "users", "orders"… (shown after values).
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub format: NumberFormat,
    /// The source table.
    pub table: String,
    /// The source's date or datetime column that places each row in a period.
    pub time: String,
    #[serde(default)]
    pub grain: Grain,
    /// A SQL aggregate over the source's rows: `sum(amount)`, `count(*)`,
    /// `count(distinct user_id)`, `avg(amount)`, or a ratio such as
    /// `sum(amount) / count(distinct user_id)`.
    pub aggregation: String,
    /// SQL conditions on the source's rows, all of which must hold.
    #[serde(default)]
    pub filters: Vec<String>,
    /// A column to break the metric down by (one series per value).
    #[serde(default)]
    pub dimension: Option<String>,
    /// A rolling window in days (7 for WAU, 28 or 30 for MAU): each day's value counts the
    /// distinct values of a `count(distinct …)` aggregation over the window ending that day.
    /// Needs the day grain.
    #[serde(default)]
    pub rolling_days: Option<u32>,
    /// Whether a rise is good news (revenue) or bad (churn, latency).
    #[serde(default)]
    pub direction: Direction,
    #[serde(default)]
    pub empty: EmptyPeriods,
}

impl MetricSpec {
    pub fn new(name: &str, table: &str, time: &str, aggregation: &str) -> Self {
        MetricSpec {
            name: name.to_owned(),
            description: String::new(),
            owner: String::new(),
            unit: String::new(),
            format: NumberFormat::default(),
            table: table.to_owned(),
            time: time.to_owned(),
            grain: Grain::default(),
            aggregation: aggregation.to_owned(),
            filters: Vec::new(),
            dimension: None,
            rolling_days: None,
            direction: Direction::default(),
            empty: EmptyPeriods::default(),
        }
    }
}

impl MetricSpec {
    /// `value` in the metric's format, with its unit after it unless the format already says
    /// what it is (a currency or a percentage): `4 users`, `₩30`, `12.5%`.
    pub fn show(&self, value: f64) -> String {
        let text = self.format.show(value);
        let unit = self.unit.trim();
        match self.format {
            _ if unit.is_empty() || !value.is_finite() => text,
            NumberFormat::Currency { .. } | NumberFormat::Percent => text,
            _ => format!("{text} {unit}"),
        }
    }
}

/// The length of a period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grain {
    #[default]
    Day,
    /// ISO 8601 weeks: Monday to Sunday; the week belongs to the year of its Thursday.
    Week,
    Month,
    Quarter,
}

impl Grain {
    /// The start of the period holding `day` (days since 1970-01-01).
    pub fn start(self, day: i64) -> i64 {
        match self {
            Grain::Day => day,
            // 1970-01-01 was a Thursday: Monday is 3 days before.
            Grain::Week => day - (day + 3).rem_euclid(7),
            Grain::Month => {
                let (y, m, _) = civil_from_days(day);
                days_from_civil(y, m, 1)
            }
            Grain::Quarter => {
                let (y, m, _) = civil_from_days(day);
                days_from_civil(y, (m - 1) / 3 * 3 + 1, 1)
            }
        }
    }

    /// The start of the period after the one starting at `start`.
    pub fn next(self, start: i64) -> i64 {
        match self {
            Grain::Day => start + 1,
            Grain::Week => start + 7,
            Grain::Month | Grain::Quarter => {
                let (y, m, _) = civil_from_days(start);
                let months = if self == Grain::Month { 1 } else { 3 };
                let m0 = m - 1 + months;
                days_from_civil(y + m0 / 12, m0 % 12 + 1, 1)
            }
        }
    }

    /// The period starting at `start` as people write it: `2024-03-05`, `2024-W09`
    /// (ISO week-numbering year), `2024-03`, `2024-Q1`.
    pub fn label(self, start: i64) -> String {
        let (y, m, d) = civil_from_days(start);
        match self {
            Grain::Day => format!("{y:04}-{m:02}-{d:02}"),
            Grain::Week => {
                let (year, week) = iso_week(start);
                format!("{year:04}-W{week:02}")
            }
            Grain::Month => format!("{y:04}-{m:02}"),
            Grain::Quarter => format!("{y:04}-Q{}", (m - 1) / 3 + 1),
        }
    }
}

/// The ISO 8601 week-numbering year and week (1–53) of `day`.
pub fn iso_week(day: i64) -> (i64, i64) {
    let monday = Grain::Week.start(day);
    let thursday = monday + 3;
    let (year, _, _) = civil_from_days(thursday);
    let week = (thursday - days_from_civil(year, 1, 1)) / 7 + 1;
    (year, week)
}

/// A date as `YYYY-MM-DD`.
pub fn date_label(day: i64) -> String {
    Grain::Day.label(day)
}

/// How values are written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "style", rename_all = "snake_case")]
pub enum NumberFormat {
    /// Grouped digits, up to two decimals as the size needs (1,234.5; 0.37).
    #[default]
    Number,
    /// Whole numbers, grouped (12,345).
    Integer,
    /// A share shown as a percentage (0.123 → 12.3%).
    Percent,
    /// A currency symbol before the number (₩1,200; $3.50).
    Currency { symbol: String },
}

impl NumberFormat {
    /// `value` written in this format (without the unit).
    pub fn show(&self, value: f64) -> String {
        if !value.is_finite() {
            return "—".to_owned();
        }
        match self {
            NumberFormat::Number => grouped(value, decimals_for(value)),
            NumberFormat::Integer => grouped(value, 0),
            NumberFormat::Percent => format!("{}%", grouped(100.0 * value, 1)),
            NumberFormat::Currency { symbol } => {
                let sign = if value < 0.0 { "-" } else { "" };
                let places = if value.abs() >= 1000.0 || value.fract() == 0.0 {
                    0
                } else {
                    2
                };
                format!("{sign}{symbol}{}", grouped(value.abs(), places))
            }
        }
    }

    /// A change of `delta` in this format, signed (+1,200; −3.1 pp for shares).
    pub fn show_change(&self, delta: f64) -> String {
        if !delta.is_finite() {
            return "—".to_owned();
        }
        let sign = if delta > 0.0 {
            "+"
        } else if delta < 0.0 {
            "−"
        } else {
            ""
        };
        let magnitude = match self {
            NumberFormat::Percent => format!("{} pp", grouped(100.0 * delta.abs(), 1)),
            other => other.show(delta.abs()),
        };
        format!("{sign}{magnitude}")
    }
}

fn decimals_for(value: f64) -> usize {
    let a = value.abs();
    if a == 0.0 || a.fract() == 0.0 || a >= 1000.0 {
        0
    } else if a >= 10.0 {
        1
    } else if a >= 0.01 {
        2
    } else {
        4
    }
}

/// `value` with `places` decimals and thousands separated by commas.
fn grouped(value: f64, places: usize) -> String {
    let text = format!("{:.*}", places, value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    let zero = out.chars().all(|c| c == '0' || c == '.' || c == ',');
    if value < 0.0 && !zero {
        out.insert(0, '-');
    }
    out
}

/// What a period without rows shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmptyPeriods {
    /// The stated rule: zero when the aggregation is one `sum(…)` or `count(…)` (nothing
    /// happened, so nothing was counted), a gap otherwise (an average or a ratio of nothing is
    /// undefined, not zero).
    #[default]
    Auto,
    Zero,
    Gap,
}

/// One period of a series.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// The first day of the period (days since 1970-01-01).
    pub start: i64,
    /// `None` for a gap: an empty period under the gap rule, or a ratio over zero.
    pub value: Option<f64>,
    /// Source rows in the period (after the filters).
    pub rows: u64,
    /// The data covers the whole period (and, for rolling windows, the whole window).
    pub complete: bool,
}

/// A period's value against the one before it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub start: i64,
    pub value: f64,
    /// The period compared with: one period earlier, or one window earlier for rolling
    /// metrics.
    pub previous_start: i64,
    pub previous: f64,
    pub absolute: f64,
    /// `None` when the previous value is 0.
    pub relative: Option<f64>,
}

/// A breakdown series: one value of the dimension.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DimensionSeries {
    pub key: String,
    pub points: Vec<Point>,
}

/// A Metric cell's result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MetricReport {
    /// The SQL the engine ran for the total series, self-contained: its `WITH` step cuts the
    /// time column to the grain as `period`, so it runs as it is in an SQL cell. For a rolling
    /// metric it lists the units active each day, and the engine counts the windows after it.
    pub sql: String,
    /// The SQL of the breakdown, when there is a dimension.
    pub dimension_sql: Option<String>,
    pub grain: Grain,
    pub rolling_days: Option<u32>,
    /// The last day the source has data for (its latest time value); periods ending after it
    /// are incomplete.
    pub as_of: i64,
    /// The first day the source has data for.
    pub first_day: i64,
    /// The empty-period rule as applied (never `Auto`).
    pub empty: EmptyPeriods,
    pub total: Vec<Point>,
    pub series: Vec<DimensionSeries>,
    /// Dimension values not shown (beyond the ten with the most rows).
    pub hidden_values: u64,
    /// The latest complete period against the one before it: what tiles show.
    pub headline: Option<Change>,
    /// The current period when it is incomplete, shown apart ("so far").
    pub partial: Option<Point>,
}

impl MetricReport {
    /// Each point's change against the period before it (for the table), `None` where either
    /// side is a gap or incomplete.
    pub fn changes(&self, points: &[Point]) -> Vec<Option<Change>> {
        let step = self.rolling_days.map_or(1, |d| d.max(1) as usize);
        points
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let before = points.get(i.checked_sub(step)?)?;
                change(before, p)
            })
            .collect()
    }

    /// The total series as a line chart over dates (gaps as NaN: the line breaks there).
    pub fn chart(&self, name: &str) -> ChartData {
        let line = |name: &str, points: &[Point]| XySeries {
            name: name.to_owned(),
            x: points.iter().map(|p| p.start as f64).collect(),
            y: points.iter().map(|p| p.value.unwrap_or(f64::NAN)).collect(),
        };
        let series = if self.series.is_empty() {
            vec![line(name, &self.total)]
        } else {
            self.series
                .iter()
                .map(|s| line(&s.key, &s.points))
                .collect()
        };
        ChartData::Xy {
            axis: XAxis::Days,
            series,
            sampled: None,
        }
    }

    /// The last `n` periods of the total, for a tile's sparkline.
    pub fn spark(&self, n: usize) -> ChartData {
        let from = self.total.len().saturating_sub(n);
        let points = &self.total[from..];
        ChartData::Xy {
            axis: XAxis::Days,
            series: vec![XySeries {
                name: String::new(),
                x: points.iter().map(|p| p.start as f64).collect(),
                y: points.iter().map(|p| p.value.unwrap_or(f64::NAN)).collect(),
            }],
            sampled: None,
        }
    }
}

/// `now` against `before` when both are complete values.
pub fn change(before: &Point, now: &Point) -> Option<Change> {
    if !(before.complete && now.complete) {
        return None;
    }
    let (previous, value) = (before.value?, now.value?);
    Some(Change {
        start: now.start,
        value,
        previous_start: before.start,
        previous,
        absolute: value - previous,
        relative: (previous != 0.0).then(|| (value - previous) / previous.abs()),
    })
}

/// Good news, bad news or no change, given which way is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    Good,
    Bad,
    Flat,
}

impl Change {
    pub fn trend(&self, direction: Direction) -> Trend {
        match (self.absolute.partial_cmp(&0.0), direction) {
            (Some(std::cmp::Ordering::Greater), Direction::Higher)
            | (Some(std::cmp::Ordering::Less), Direction::Lower) => Trend::Good,
            (Some(std::cmp::Ordering::Greater), Direction::Lower)
            | (Some(std::cmp::Ordering::Less), Direction::Higher) => Trend::Bad,
            _ => Trend::Flat,
        }
    }
}

/// A dashboard tile as the engine sends it: the metric's definition, where it comes from,
/// and its recent series.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tile {
    /// The Metric cell that defines it (for the link to the definition).
    pub cell: String,
    pub spec: MetricSpec,
    /// The cell producing the source table, when one does (for the link to the source).
    pub source_cell: Option<String>,
    pub report: MetricReport,
}

/// The parts of a definition a metric cannot do without.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricField {
    Name,
    Table,
    Time,
    Aggregation,
}

/// Why a metric cannot be computed as defined.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum MetricError {
    /// Name, table, time column or aggregation left empty.
    Incomplete {
        field: MetricField,
    },
    MissingColumn {
        column: String,
    },
    /// The time column holds neither dates nor datetimes.
    NotTime {
        column: String,
    },
    /// A rolling window needs a `count(distinct …)` aggregation and the day grain.
    Rolling,
    /// The window is 0 days or longer than 366.
    WindowRange,
    /// The source table's column names collide with the period column the engine adds.
    ReservedColumn {
        column: String,
    },
    /// The aggregation or a filter is not valid SQL, or polars refused it (its message).
    Sql {
        message: String,
    },
    /// The aggregation's result is not a number.
    NotNumeric,
    /// The time column spans more periods than can be listed (a stray date far away).
    TooManyPeriods {
        periods: u64,
    },
    /// A dashboard names no metric.
    NoTiles,
    /// A dashboard tile names a table that is not a metric.
    NotAMetric {
        name: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i64, m: i64, d: i64) -> i64 {
        days_from_civil(y, m, d)
    }

    #[test]
    fn iso_weeks_across_year_ends() {
        // 2020-12-31 (Thu) and 2021-01-03 (Sun) are in 2020-W53; 2021-01-04 (Mon) starts W01.
        for d in [day(2020, 12, 28), day(2020, 12, 31), day(2021, 1, 3)] {
            assert_eq!(Grain::Week.start(d), day(2020, 12, 28));
            assert_eq!(Grain::Week.label(Grain::Week.start(d)), "2020-W53");
        }
        assert_eq!(
            Grain::Week.label(Grain::Week.start(day(2021, 1, 4))),
            "2021-W01"
        );
        // 2024-12-30 (Mon) starts 2025-W01; 2019-12-30 starts 2020-W01; 2015 had 53 weeks.
        assert_eq!(Grain::Week.label(day(2024, 12, 30)), "2025-W01");
        assert_eq!(Grain::Week.start(day(2025, 1, 1)), day(2024, 12, 30));
        assert_eq!(Grain::Week.label(day(2019, 12, 30)), "2020-W01");
        assert_eq!(iso_week(day(2016, 1, 3)), (2015, 53));
        assert_eq!(iso_week(day(2018, 1, 1)), (2018, 1));
        // Before 1970 too.
        assert_eq!(Grain::Week.start(day(1969, 12, 31)), day(1969, 12, 29));
        assert_eq!(Grain::Week.next(day(2020, 12, 28)), day(2021, 1, 4));
    }

    #[test]
    fn months_and_quarters() {
        assert_eq!(Grain::Month.start(day(2024, 2, 29)), day(2024, 2, 1));
        assert_eq!(Grain::Month.next(day(2024, 12, 1)), day(2025, 1, 1));
        assert_eq!(Grain::Quarter.start(day(2024, 6, 30)), day(2024, 4, 1));
        assert_eq!(Grain::Quarter.next(day(2024, 10, 1)), day(2025, 1, 1));
        assert_eq!(Grain::Quarter.label(day(2024, 10, 1)), "2024-Q4");
        assert_eq!(Grain::Month.label(day(2024, 3, 1)), "2024-03");
        assert_eq!(Grain::Day.label(day(1965, 7, 4)), "1965-07-04");
    }

    #[test]
    fn formats() {
        assert_eq!(NumberFormat::Number.show(1234567.0), "1,234,567");
        assert_eq!(NumberFormat::Number.show(12.345), "12.3");
        assert_eq!(NumberFormat::Number.show(-0.5), "-0.50");
        assert_eq!(NumberFormat::Integer.show(999.6), "1,000");
        assert_eq!(NumberFormat::Percent.show(0.1234), "12.3%");
        let won = NumberFormat::Currency {
            symbol: "₩".into()
        };
        assert_eq!(won.show(1200.0), "₩1,200");
        assert_eq!(won.show(-3.5), "-₩3.50");
        assert_eq!(won.show_change(-1500.0), "−₩1,500");
        assert_eq!(NumberFormat::Percent.show_change(0.012), "+1.2 pp");
        assert_eq!(NumberFormat::Number.show(f64::NAN), "—");
    }

    #[test]
    fn changes_respect_direction_and_completeness() {
        let p = |start, value: Option<f64>, complete| Point {
            start,
            value,
            rows: 1,
            complete,
        };
        let up = change(&p(0, Some(10.0), true), &p(1, Some(12.0), true)).expect("change");
        assert_eq!(up.absolute, 2.0);
        assert_eq!(up.relative, Some(0.2));
        assert_eq!(up.trend(Direction::Higher), Trend::Good);
        assert_eq!(up.trend(Direction::Lower), Trend::Bad);
        assert!(change(&p(0, Some(10.0), true), &p(1, Some(3.0), false)).is_none());
        assert!(change(&p(0, None, true), &p(1, Some(3.0), true)).is_none());
        let from_zero = change(&p(0, Some(0.0), true), &p(1, Some(3.0), true)).expect("change");
        assert_eq!(from_zero.relative, None);
    }
}
