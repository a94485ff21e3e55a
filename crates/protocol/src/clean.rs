//! A Clean cell's typed steps and the audit ledger that says what each one did.
//!
//! Steps are data: the notebook file keeps them; the ledger is recomputed on every run and never
//! saved. Column names are the user's; the engine reports an unknown one as a step error.

use serde::{Deserialize, Serialize};

use crate::csv::ColumnType;
use crate::value::Cell;

/// One step of a Clean cell. A disabled step is kept but skipped, to compare with and without.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    #[serde(default = "yes")]
    pub enabled: bool,
    pub op: StepOp,
}

fn yes() -> bool {
    true
}

impl Step {
    pub fn new(op: StepOp) -> Self {
        Step { enabled: true, op }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextCase {
    Lower,
    Upper,
    Title,
}

/// How [`StepOp::FillNull`] fills.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "with", content = "value", rename_all = "snake_case")]
pub enum Fill {
    /// The text is read as the column's type (a number for numbers, `YYYY-MM-DD` for dates).
    Constant(String),
    Mean,
    Median,
    /// The most frequent value (the first in sort order on a tie).
    Mode,
    Forward,
    Backward,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NullRows {
    /// Drop a row when any of the columns is null.
    Any,
    /// Drop a row only when all of the columns are null.
    All,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Keep {
    First,
    Last,
}

/// Which values are outliers.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum OutlierRule {
    /// Outside `[Q1 − k·IQR, Q3 + k·IQR]` (Tukey's fences; k = 1.5 is the usual choice).
    Iqr { k: f64 },
    /// Further than `z` standard deviations from the mean.
    ZScore { z: f64 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutlierAction {
    /// Replace the value by the nearest bound.
    Clip,
    /// Drop the row.
    Drop,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SortKey {
    pub column: String,
    #[serde(default)]
    pub descending: bool,
}

/// What a step does. "Columns" lists are never empty unless said otherwise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum StepOp {
    /// Keep only these columns, in this order.
    Select {
        columns: Vec<String>,
    },
    Drop {
        columns: Vec<String>,
    },
    Rename {
        from: String,
        to: String,
    },
    /// Values that cannot be read as the type become null, and are counted.
    Cast {
        column: String,
        to: ColumnType,
    },
    /// Text to a date (or datetime) by strftime formats, tried in order (`%Y-%m-%d`,
    /// `%d/%m/%Y`, …). Values no format reads become null, and are counted.
    ParseDate {
        column: String,
        formats: Vec<String>,
        #[serde(default)]
        datetime: bool,
    },
    /// Strip leading and trailing white space.
    Trim {
        columns: Vec<String>,
    },
    Case {
        columns: Vec<String>,
        case: TextCase,
    },
    /// Replace `find` by `with` (null when `with` is `None`): whole values, or every occurrence
    /// inside text when `whole` is false.
    Replace {
        column: String,
        find: String,
        with: Option<String>,
        #[serde(default = "yes")]
        whole: bool,
    },
    FillNull {
        column: String,
        fill: Fill,
    },
    /// Drop rows with nulls in `columns` (every column when empty).
    DropNulls {
        columns: Vec<String>,
        how: NullRows,
    },
    /// Drop repeated rows, judged on `columns` (every column when empty).
    Dedup {
        columns: Vec<String>,
        keep: Keep,
    },
    /// Keep the rows where a SQL predicate holds (`amount > 0 AND country = 'KR'`).
    Filter {
        predicate: String,
    },
    /// Add (or replace) column `name` computed by a SQL expression (`price * qty`).
    Derive {
        name: String,
        expression: String,
    },
    Outliers {
        column: String,
        rule: OutlierRule,
        action: OutlierAction,
    },
    Sort {
        by: Vec<SortKey>,
    },
}

impl StepOp {
    /// Every step's name, in the order a menu lists them.
    pub const NAMES: [&'static str; 15] = [
        "select",
        "drop",
        "rename",
        "cast",
        "parse_date",
        "trim",
        "case",
        "replace",
        "fill_null",
        "drop_nulls",
        "dedup",
        "filter",
        "derive",
        "outliers",
        "sort",
    ];

    /// A new step of kind `name` with sensible settings on `column` (the input's first
    /// column, say): what "add a step" starts from.
    pub fn template(name: &str, column: &str) -> Option<StepOp> {
        let c = column.to_owned();
        Some(match name {
            "select" => StepOp::Select { columns: vec![c] },
            "drop" => StepOp::Drop { columns: vec![c] },
            "rename" => StepOp::Rename {
                to: format!("{c}_2"),
                from: c,
            },
            "cast" => StepOp::Cast {
                column: c,
                to: ColumnType::Float,
            },
            "parse_date" => StepOp::ParseDate {
                column: c,
                formats: vec!["%Y-%m-%d".into()],
                datetime: false,
            },
            "trim" => StepOp::Trim { columns: vec![c] },
            "case" => StepOp::Case {
                columns: vec![c],
                case: TextCase::Lower,
            },
            "replace" => StepOp::Replace {
                column: c,
                find: String::new(),
                with: None,
                whole: true,
            },
            "fill_null" => StepOp::FillNull {
                column: c,
                fill: Fill::Forward,
            },
            "drop_nulls" => StepOp::DropNulls {
                columns: Vec::new(),
                how: NullRows::Any,
            },
            "dedup" => StepOp::Dedup {
                columns: Vec::new(),
                keep: Keep::First,
            },
            "filter" => StepOp::Filter {
                predicate: "TRUE".into(),
            },
            "derive" => StepOp::Derive {
                name: "new_column".into(),
                expression: c,
            },
            "outliers" => StepOp::Outliers {
                column: c,
                rule: OutlierRule::Iqr { k: 1.5 },
                action: OutlierAction::Clip,
            },
            "sort" => StepOp::Sort {
                by: vec![SortKey {
                    column: c,
                    descending: false,
                }],
            },
            _ => return None,
        })
    }

    /// The step's short name (as in the file), for labels and tests.
    pub fn name(&self) -> &'static str {
        match self {
            StepOp::Select { .. } => "select",
            StepOp::Drop { .. } => "drop",
            StepOp::Rename { .. } => "rename",
            StepOp::Cast { .. } => "cast",
            StepOp::ParseDate { .. } => "parse_date",
            StepOp::Trim { .. } => "trim",
            StepOp::Case { .. } => "case",
            StepOp::Replace { .. } => "replace",
            StepOp::FillNull { .. } => "fill_null",
            StepOp::DropNulls { .. } => "drop_nulls",
            StepOp::Dedup { .. } => "dedup",
            StepOp::Filter { .. } => "filter",
            StepOp::Derive { .. } => "derive",
            StepOp::Outliers { .. } => "outliers",
            StepOp::Sort { .. } => "sort",
        }
    }
}

/// How one column's values changed in a step (rows kept by the step, compared one to one).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnChange {
    pub column: String,
    /// A value before, another value after.
    pub changed: u64,
    /// A value before, null after (a failed cast, a replace by null…).
    pub nulled: u64,
    /// Null before, a value after.
    pub filled: u64,
}

/// An affected row, to see what a step did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Example {
    /// A value that changed; `row` is the 1-based row of the cell's input table.
    Value {
        row: u64,
        column: String,
        before: Cell,
        after: Cell,
    },
    /// A row the step dropped, with its values in column order.
    Dropped { row: u64, values: Vec<Cell> },
}

/// What one step did.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StepLedger {
    /// False for a disabled step (nothing else is filled in then).
    pub ran: bool,
    pub rows_in: u64,
    pub rows_out: u64,
    /// Columns with any change, in table order.
    pub columns: Vec<ColumnChange>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// Up to [`EXAMPLES`] affected rows.
    pub examples: Vec<Example>,
    /// A fact worth saying (the bounds outliers were clipped to, the value nulls were filled
    /// with…); the page says it in the reader's language.
    pub detail: Option<StepNote>,
}

/// How many examples a ledger entry keeps.
pub const EXAMPLES: usize = 5;

impl StepLedger {
    pub fn dropped(&self) -> u64 {
        self.rows_in.saturating_sub(self.rows_out)
    }
    pub fn change(&self, column: &str) -> Option<&ColumnChange> {
        self.columns.iter().find(|c| c.column == column)
    }
}

/// A comma-separated list of names as the page shows it, and back (blanks dropped).
pub fn split_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Sort keys as text: `city, -amount` sorts by city, then by amount descending.
pub fn sort_keys(text: &str) -> Vec<SortKey> {
    split_list(text)
        .into_iter()
        .map(|k| match k.strip_prefix('-') {
            Some(rest) => SortKey {
                column: rest.trim().to_owned(),
                descending: true,
            },
            None => SortKey {
                column: k,
                descending: false,
            },
        })
        .collect()
}

pub fn sort_keys_text(keys: &[SortKey]) -> String {
    keys.iter()
        .map(|k| {
            if k.descending {
                format!("-{}", k.column)
            } else {
                k.column.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A fact about what a step did, beside its ledger.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "note", rename_all = "snake_case")]
pub enum StepNote {
    /// Nulls were filled with this value (the column's mean, median or mode, as text).
    FilledWith { value: String },
    /// The column has no value to compute a fill from: nothing was filled.
    NothingToFill,
    /// Outliers are the values outside `low .. high` (rounded, as text); `nan` NaN values were
    /// left as they are.
    Bounds { low: String, high: String, nan: u64 },
    /// Too few finite values to find outliers: nothing changed.
    TooFewValues,
}

/// Why a Clean cell's step cannot run as written. The page and the CLI say it in the reader's
/// language (`quire_words`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum StepProblem {
    /// A name the engine keeps for itself (its hidden row number): the input has a column of
    /// this name, or a step would make one.
    Reserved { name: String },
    /// The step names no column.
    NoColumns,
    /// The table has no column of this name; `columns` are those it has.
    NoColumn {
        column: String,
        columns: Vec<String>,
    },
    /// A text step on a column that is not text.
    NotText { column: String, found: ColumnType },
    /// Outliers of a column that is not numeric.
    NotNumeric { column: String, found: ColumnType },
    /// A mean or median fill of a column that is not numeric.
    FillNotNumeric { column: String, found: ColumnType },
    /// A rename to an empty name.
    EmptyName,
    /// A rename to the name of another column.
    NameTaken { name: String },
    /// Parsing dates with no format.
    NoFormat,
    /// A new column without a name.
    NoNewName,
    /// A filter or a new column without an SQL expression.
    EmptyExpression,
    /// The SQL expression does not parse (the parser's message, a detail).
    Sql { message: String },
    /// A value to write into a column cannot be read as the column's type.
    NotAValue {
        value: String,
        column: String,
        expected: ColumnType,
    },
    /// Replacing text inside values, with no text to find.
    NothingToFind,
    /// Replacing text inside values with nothing (null is for whole values).
    NoReplacement,
    /// The IQR rule's k is negative or not a number.
    BadK,
    /// The z-score rule's z is not above 0.
    BadZ,
    /// The engine could not run the step (polars' message, a detail).
    Engine { message: String },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_has_a_template_named_like_it() {
        for name in StepOp::NAMES {
            let op = StepOp::template(name, "x").expect(name);
            assert_eq!(op.name(), name);
            let json = serde_json::to_string(&Step::new(op.clone())).expect("json");
            let back: Step = serde_json::from_str(&json).expect("back");
            assert_eq!(back.op, op);
        }
        assert_eq!(StepOp::template("nope", "x"), None);
    }

    #[test]
    fn lists_and_sort_keys_read_back() {
        assert_eq!(split_list(" a, ,b ,"), ["a", "b"]);
        let keys = sort_keys("city, -amount");
        assert!(!keys[0].descending && keys[1].descending);
        assert_eq!(keys[1].column, "amount");
        assert_eq!(sort_keys_text(&keys), "city, -amount");
    }

    #[test]
    fn steps_without_enabled_are_on() {
        let step: Step =
            serde_json::from_str(r#"{"op":{"step":"trim","columns":["a"]}}"#).expect("reads");
        assert!(step.enabled);
    }
}
