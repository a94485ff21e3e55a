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
    /// with…), in engine words; the page shows it as is.
    pub detail: Option<String>,
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
