//! The profile of a table: per column, what is in it.

use serde::{Deserialize, Serialize};

use crate::csv::ColumnType;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub table: String,
    pub rows: u64,
    pub columns: Vec<ColumnProfile>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnProfile {
    pub name: String,
    pub dtype: ColumnType,
    /// Non-null values.
    pub count: u64,
    pub nulls: u64,
    /// Distinct non-null values (NaN and ±∞ included).
    pub distinct: u64,
    /// Float values that are NaN, and that are +∞ or −∞: counted in `count`, kept out of
    /// `stats` and `histogram` (so every number here is finite, as JSON needs).
    #[serde(default)]
    pub nan: u64,
    #[serde(default)]
    pub infinite: u64,
    pub stats: Option<NumberStats>,
    /// Earliest and latest, ISO 8601, for dates and datetimes.
    pub range: Option<(String, String)>,
    /// The most frequent values with their counts, for text and booleans.
    pub top: Vec<(String, u64)>,
    /// Equal-width bins over `[min, max]` for numbers, dates and datetimes.
    pub histogram: Option<Histogram>,
}

impl ColumnProfile {
    /// Percent of rows that are null (0 for an empty table).
    pub fn null_percent(&self) -> f64 {
        let rows = self.count + self.nulls;
        if rows == 0 {
            0.0
        } else {
            100.0 * self.nulls as f64 / rows as f64
        }
    }
}

/// Summary statistics of a numeric column's finite values (never NaN or ±∞: JSON has no
/// such numbers, and serde_json would write them as null). Quartiles interpolate linearly
/// (numpy's default, R's type 7); `std` is the sample standard deviation (n − 1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NumberStats {
    pub min: f64,
    pub max: f64,
    pub mean: f64,
    pub std: Option<f64>,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Histogram {
    /// Lower edge of the first bin and upper edge of the last (numbers; days or microseconds
    /// since 1970 for dates and datetimes).
    pub start: f64,
    pub end: f64,
    pub counts: Vec<u64>,
}

/// How many bins a histogram has, and how many top values a text column lists.
pub const BINS: usize = 20;
pub const TOP: usize = 5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_without_the_non_finite_counts_still_reads() {
        let json = r#"{"name":"x","dtype":"Float","count":2,"nulls":0,"distinct":2,
            "stats":null,"range":null,"top":[],"histogram":null}"#;
        let c: ColumnProfile = serde_json::from_str(json).expect("reads");
        assert_eq!((c.nan, c.infinite), (0, 0));
    }
}
