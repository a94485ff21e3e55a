//! A Quality cell's declarative checks and their results.

use serde::{Deserialize, Serialize};

use crate::csv::ColumnType;
use crate::value::Cell;

/// One check on the cell's table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "check", rename_all = "snake_case")]
pub enum Check {
    NotNull {
        column: String,
    },
    /// No two rows share a value (a combination, for several columns). Nulls are not compared.
    Unique {
        columns: Vec<String>,
    },
    /// Values within `[min, max]` (either end open when `None`). Bounds are read as the
    /// column's type: numbers, or `YYYY-MM-DD` for dates. Nulls pass (check them with NotNull).
    InRange {
        column: String,
        min: Option<String>,
        max: Option<String>,
    },
    /// Values among `values` (compared as text). Nulls pass.
    InSet {
        column: String,
        values: Vec<String>,
    },
    /// The whole value matches a regular expression. Nulls pass.
    Pattern {
        column: String,
        pattern: String,
    },
    RowCount {
        min: u64,
    },
    /// Every value appears in `other_table.other_column` (a foreign key). Nulls pass.
    Referential {
        column: String,
        other_table: String,
        other_column: String,
    },
    /// The latest date of `column` is no more than `days` days before `reference`
    /// (`YYYY-MM-DD`): the data is fresh as of that day.
    Fresh {
        column: String,
        days: u32,
        reference: String,
    },
}

impl Check {
    /// Every check's name, in the order a menu lists them.
    pub const NAMES: [&'static str; 8] = [
        "not_null",
        "unique",
        "in_range",
        "in_set",
        "pattern",
        "row_count",
        "referential",
        "fresh",
    ];

    /// A new check of kind `name` on `column`; `today` (`YYYY-MM-DD`) is the freshness
    /// check's reference day.
    pub fn template(name: &str, column: &str, today: &str) -> Option<Check> {
        let column = column.to_owned();
        Some(match name {
            "not_null" => Check::NotNull { column },
            "unique" => Check::Unique {
                columns: vec![column],
            },
            "in_range" => Check::InRange {
                column,
                min: Some("0".into()),
                max: None,
            },
            "in_set" => Check::InSet {
                column,
                values: Vec::new(),
            },
            "pattern" => Check::Pattern {
                column,
                pattern: ".+".into(),
            },
            "row_count" => Check::RowCount { min: 1 },
            "referential" => Check::Referential {
                other_column: column.clone(),
                column,
                other_table: String::new(),
            },
            "fresh" => Check::Fresh {
                column,
                days: 1,
                reference: today.to_owned(),
            },
            _ => return None,
        })
    }

    /// The other table this check reads, if any.
    pub fn other_table(&self) -> Option<&str> {
        match self {
            Check::Referential { other_table, .. } => Some(other_table),
            _ => None,
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Check::NotNull { .. } => "not_null",
            Check::Unique { .. } => "unique",
            Check::InRange { .. } => "in_range",
            Check::InSet { .. } => "in_set",
            Check::Pattern { .. } => "pattern",
            Check::RowCount { .. } => "row_count",
            Check::Referential { .. } => "referential",
            Check::Fresh { .. } => "fresh",
        }
    }
}

/// What a check found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Outcome {
    Pass,
    Fail,
    /// The check cannot run as written (unknown column, bad pattern, a bound that is not a
    /// number…): it counts as failed, and says why.
    Invalid {
        problem: CheckProblem,
    },
}

/// Why a check cannot run as written. The page and the CLI say it in the reader's language
/// (`quire_words`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum CheckProblem {
    /// A uniqueness check names no column.
    NoColumns,
    /// The table has no column of this name.
    NoColumn { column: String },
    /// A referential check names a table the notebook does not make.
    NoTable { table: String },
    /// A referential check names a column its other table lacks.
    NoColumnIn { table: String, column: String },
    /// The regular expression does not compile (the regex crate's message, a detail).
    BadPattern { message: String },
    /// A freshness check on a column that holds no dates.
    NotDates { column: String, found: ColumnType },
    /// A date the check was given is not `YYYY-MM-DD`.
    BadDate { text: String },
    /// A range check with neither bound.
    NoBounds,
    /// A bound of a numeric range is not a number.
    BadNumber { text: String },
    /// A range check on a column that holds neither numbers nor dates.
    NotRangeable { column: String, found: ColumnType },
    /// The engine could not run the check (polars' message, a detail).
    Engine { message: String },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckResult {
    pub outcome: Outcome,
    /// Rows that break the check (0 for table-level checks).
    pub failing: u64,
    /// Rows checked.
    pub rows: u64,
    /// The value the check compared for table-level checks (the row count, the latest date).
    pub observed: Option<String>,
    /// Column names of `sample`.
    pub columns: Vec<String>,
    /// Up to [`SAMPLE`] failing rows.
    pub sample: Vec<Vec<Cell>>,
}

impl CheckResult {
    pub fn passed(&self) -> bool {
        self.outcome == Outcome::Pass
    }
}

/// How many failing rows a result keeps.
pub const SAMPLE: usize = 5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_check_has_a_template_named_like_it() {
        for name in Check::NAMES {
            let check = Check::template(name, "x", "2026-11-25").expect(name);
            assert_eq!(check.name(), name);
            let json = serde_json::to_string(&check).expect("json");
            assert_eq!(serde_json::from_str::<Check>(&json).expect("back"), check);
        }
    }
}
