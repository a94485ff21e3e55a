//! Version 6 of the notebook file, **frozen: never edit.** A change to the format is a new
//! version module (a copy of this one, changed) plus an upgrade step in `file.rs`; see the
//! recipe there.
//!
//! These are copies of the live types (`quire_protocol::notebook::CellSpec` and everything it
//! holds, and the data manifest) as they were when version 6 was current, with the same serde
//! names, tags and defaults, so that they write exactly what Quire wrote then. Nothing here
//! imports `quire_protocol`: the live types may change; these may not. Every file is written and
//! read through them (`file.rs`: live types → JSON → these types → text, and back), so a change
//! to the live types that would alter a version 6 file is caught by the golden file test
//! (`tests/fixtures/notebooks/golden-v6.quire.json`) instead of silently changing the format.
//!
//! Differences from the live types, none of which changes what is written:
//!
//! - Every struct and every tagged enum with fields denies unknown fields, so a field the live
//!   types write and version 6 does not know is an error instead of being dropped, and so is
//!   a misspelt field in a file (an unknown field is [`File::from_json`]'s error, naming the
//!   place). Files never carried fields these types do not know: every field ever written is
//!   here.
//! - A variant without fields of an internally tagged enum (`{"kind": "box"}`) is written as an
//!   empty struct variant (`Box {}`), which writes the same JSON but, unlike a unit variant,
//!   refuses a field it does not have.
//! - A cell is read by [`File::from_json`], not by serde alone, so that an error says which cell
//!   (`cells[2] (id "c3"): missing field `query``).
//!
//! Defaults here are the format's: a field a version 6 file may leave out reads as the value
//! given here, whatever the live types' default becomes.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What marks a Quire notebook file.
pub const FORMAT: &str = "quire-notebook";
/// This module's version.
pub const VERSION: u32 = 6;
/// The top level's fields, in the order written.
const FIELDS: [&str; 5] = ["format", "version", "title", "cells", "data"];

// ---------------------------------------------------------------------------------------------
// The file.

/// A version 6 file. Fields in the order written: `format` and `version` first, so even a
/// truncated file says what it is.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct File {
    pub format: String,
    pub version: u32,
    pub title: String,
    pub cells: Vec<Cell>,
    pub data: Vec<DataSource>,
}

/// A cell: `id`, `collapsed`, then its spec's fields, tagged by `kind`, beside them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cell {
    pub id: String,
    pub collapsed: bool,
    #[serde(flatten)]
    pub spec: CellSpec,
}

impl File {
    /// A version 6 file from its JSON, or a message saying where it is wrong
    /// (`cells[2] (id "c3"): missing field `query``).
    pub fn from_json(value: &Value) -> Result<File, String> {
        let Value::Object(object) = value else {
            return Err("expected a JSON object".into());
        };
        if let Some(unknown) = object.keys().find(|k| !FIELDS.contains(&k.as_str())) {
            return Err(format!(
                "unknown field `{unknown}`, expected one of `format`, `version`, `title`, \
                 `cells`, `data`"
            ));
        }
        let field = |name: &str| object.get(name).ok_or_else(|| format!("{name}: missing"));
        let format = field("format")?
            .as_str()
            .filter(|f| *f == FORMAT)
            .ok_or_else(|| format!("format: expected {FORMAT:?}"))?
            .to_owned();
        let version = field("version")?;
        if version.as_u64() != Some(u64::from(VERSION)) {
            return Err(format!("version: expected {VERSION}, found {version}"));
        }
        let title = field("title")?
            .as_str()
            .ok_or("title: expected text")?
            .to_owned();
        let cells_json = field("cells")?.as_array().ok_or("cells: expected a list")?;
        let mut cells: Vec<Cell> = Vec::with_capacity(cells_json.len());
        for (i, c) in cells_json.iter().enumerate() {
            let cell = Cell::from_json(c, i)?;
            if cells.iter().any(|c| c.id == cell.id) {
                return Err(format!(
                    "cells[{i}].id: {:?} is used by an earlier cell",
                    cell.id
                ));
            }
            cells.push(cell);
        }
        let data_json = field("data")?.as_array().ok_or("data: expected a list")?;
        let mut data: Vec<DataSource> = Vec::with_capacity(data_json.len());
        for (i, d) in data_json.iter().enumerate() {
            let source = DataSource::deserialize(d).map_err(|e| format!("data[{i}]: {e}"))?;
            if data.iter().any(|s| s.name == source.name) {
                return Err(format!("data[{i}].name: {:?} is listed twice", source.name));
            }
            data.push(source);
        }
        Ok(File {
            format,
            version: VERSION,
            title,
            cells,
            data,
        })
    }
}

impl Cell {
    /// The cell at `cells[i]`.
    fn from_json(value: &Value, i: usize) -> Result<Cell, String> {
        let Value::Object(object) = value else {
            return Err(format!("cells[{i}]: expected an object"));
        };
        let id = match object.get("id") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
            Some(Value::String(_)) => return Err(format!("cells[{i}].id: empty")),
            Some(_) => return Err(format!("cells[{i}].id: expected text")),
            None => return Err(format!("cells[{i}].id: missing")),
        };
        let collapsed = match object.get("collapsed") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => return Err(format!("cells[{i}].collapsed: expected true or false")),
        };
        // The spec's fields are the cell's others: without `id` and `collapsed`, every field
        // left must be the spec's.
        let mut spec = object.clone();
        spec.remove("id");
        spec.remove("collapsed");
        let spec = CellSpec::deserialize(Value::Object(spec))
            .map_err(|e| format!("cells[{i}] (id {id:?}): {e}"))?;
        Ok(Cell {
            id,
            collapsed,
            spec,
        })
    }
}

/// What a cell is, tagged by `kind`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum CellSpec {
    Markdown {
        text: String,
    },
    Data {
        table: String,
        source: String,
        options: ParseOptions,
    },
    Sql {
        table: String,
        query: String,
    },
    Clean {
        input: String,
        table: String,
        steps: Vec<Step>,
    },
    Quality {
        input: String,
        checks: Vec<Check>,
    },
    Chart {
        input: String,
        chart: ChartSpec,
    },
    Experiment {
        input: String,
        experiment: ExperimentSpec,
    },
    Plan {
        plan: PlanSpec,
    },
    Metric {
        metric: MetricSpec,
    },
    Dashboard {
        #[serde(default)]
        title: String,
        tiles: Vec<String>,
    },
    Model {
        input: String,
        model: ModelSpec,
    },
}

// ---------------------------------------------------------------------------------------------
// Data: a data cell's options and the manifest.

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum EncodingChoice {
    #[default]
    Auto,
    Utf8,
    Utf16Le,
    Utf16Be,
    Cp949,
    Windows1252,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DelimiterChoice {
    #[default]
    Auto,
    Comma,
    Semicolon,
    Tab,
    Pipe,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum HeaderChoice {
    #[default]
    Auto,
    Present,
    Absent,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParseOptions {
    #[serde(default)]
    pub encoding: EncodingChoice,
    #[serde(default)]
    pub delimiter: DelimiterChoice,
    #[serde(default)]
    pub header: HeaderChoice,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ColumnType {
    Integer,
    Float,
    Boolean,
    Date,
    Datetime,
    Text,
}

/// One entry of the data manifest.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataSource {
    pub name: String,
    pub bytes: u64,
    pub sha256: String,
    pub options: ParseOptions,
    pub schema: Vec<SchemaField>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaField {
    pub name: String,
    pub dtype: ColumnType,
}

// ---------------------------------------------------------------------------------------------
// Clean cells.

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    #[serde(default = "yes")]
    pub enabled: bool,
    pub op: StepOp,
}

fn yes() -> bool {
    true
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextCase {
    Lower,
    Upper,
    Title,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "with",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum Fill {
    Constant(String),
    Mean,
    Median,
    Mode,
    Forward,
    Backward,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NullRows {
    Any,
    All,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Keep {
    First,
    Last,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case", deny_unknown_fields)]
pub enum OutlierRule {
    Iqr { k: f64 },
    ZScore { z: f64 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutlierAction {
    Clip,
    Drop,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SortKey {
    pub column: String,
    #[serde(default)]
    pub descending: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case", deny_unknown_fields)]
pub enum StepOp {
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
    Cast {
        column: String,
        to: ColumnType,
    },
    ParseDate {
        column: String,
        formats: Vec<String>,
        #[serde(default)]
        datetime: bool,
    },
    Trim {
        columns: Vec<String>,
    },
    Case {
        columns: Vec<String>,
        case: TextCase,
    },
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
    DropNulls {
        columns: Vec<String>,
        how: NullRows,
    },
    Dedup {
        columns: Vec<String>,
        keep: Keep,
    },
    Filter {
        predicate: String,
    },
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

// ---------------------------------------------------------------------------------------------
// Quality cells.

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "check", rename_all = "snake_case", deny_unknown_fields)]
pub enum Check {
    NotNull {
        column: String,
    },
    Unique {
        columns: Vec<String>,
    },
    InRange {
        column: String,
        min: Option<String>,
        max: Option<String>,
    },
    InSet {
        column: String,
        values: Vec<String>,
    },
    Pattern {
        column: String,
        pattern: String,
    },
    RowCount {
        min: u64,
    },
    Referential {
        column: String,
        other_table: String,
        other_column: String,
    },
    Fresh {
        column: String,
        days: u32,
        reference: String,
    },
}

// ---------------------------------------------------------------------------------------------
// Chart cells.

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartSpec {
    pub kind: ChartKind,
    pub x: Option<String>,
    #[serde(default)]
    pub y: Vec<String>,
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
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub log_y: bool,
    #[serde(default)]
    pub sort: SortOrder,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ChartKind {
    Line { step: Option<TimeStep> },
    Bar { stacked: bool },
    Scatter { fit: bool },
    Histogram { bins: BinRule },
    Box {},
    Interval {},
    Roc {},
    Spark {},
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeStep {
    Day,
    Week,
    Month,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case", deny_unknown_fields)]
pub enum BinRule {
    Sturges {},
    FreedmanDiaconis {},
    Fixed { bins: u32 },
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregate {
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

// ---------------------------------------------------------------------------------------------
// Experiment and Plan cells.

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExperimentSpec {
    pub unit: String,
    pub variant: String,
    pub control: String,
    #[serde(default)]
    pub weights: Vec<Weight>,
    #[serde(default)]
    pub metrics: Vec<Metric>,
    #[serde(default = "confidence")]
    pub confidence: f64,
    #[serde(default)]
    pub duplicates: DuplicatePolicy,
    #[serde(default)]
    pub correction: Correction,
    #[serde(default)]
    pub sequential: bool,
    #[serde(default)]
    pub planned_per_arm: Option<u64>,
}

fn confidence() -> f64 {
    0.95
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weight {
    pub variant: String,
    pub weight: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    #[serde(default)]
    pub name: String,
    pub kind: MetricKind,
    #[serde(default)]
    pub role: Role,
    #[serde(default)]
    pub direction: Direction,
    #[serde(default)]
    pub covariate: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum MetricKind {
    Binomial {
        column: String,
    },
    Mean {
        column: String,
    },
    Ratio {
        numerator: String,
        denominator: String,
    },
    Defined {
        metric: String,
    },
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    #[default]
    Goal,
    Guardrail,
    Secondary,
}

/// Which way is better (an experiment's metric, a Metric cell).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    #[default]
    Higher,
    Lower,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicatePolicy {
    #[default]
    KeepFirst,
    DropMixed,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Correction {
    #[default]
    Holm,
    BenjaminiHochberg,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanSpec {
    pub metric: PlanMetric,
    #[serde(default = "alpha")]
    pub alpha: f64,
    #[serde(default = "power")]
    pub power: f64,
    pub effect: f64,
    #[serde(default)]
    pub per_arm: Option<u64>,
    #[serde(default)]
    pub daily_traffic: Option<u64>,
    #[serde(default = "stages")]
    pub stages: Vec<f64>,
    #[serde(default = "stage_days")]
    pub stage_days: u32,
}

fn alpha() -> f64 {
    0.05
}
fn power() -> f64 {
    0.8
}
fn stages() -> Vec<f64> {
    vec![0.05, 0.10, 0.20, 0.50]
}
fn stage_days() -> u32 {
    7
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum PlanMetric {
    Proportion { baseline: f64 },
    Mean { baseline: f64, sd: f64 },
}

// ---------------------------------------------------------------------------------------------
// Metric cells (Dashboard cells hold only names; see [`CellSpec::Dashboard`]).

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricSpec {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub format: NumberFormat,
    pub table: String,
    pub time: String,
    #[serde(default)]
    pub grain: Grain,
    pub aggregation: String,
    #[serde(default)]
    pub filters: Vec<String>,
    #[serde(default)]
    pub dimension: Option<String>,
    #[serde(default)]
    pub rolling_days: Option<u32>,
    #[serde(default)]
    pub direction: Direction,
    #[serde(default)]
    pub empty: EmptyPeriods,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grain {
    #[default]
    Day,
    Week,
    Month,
    Quarter,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "style", rename_all = "snake_case", deny_unknown_fields)]
pub enum NumberFormat {
    Number {},
    Integer {},
    Percent {},
    Currency { symbol: String },
}

impl Default for NumberFormat {
    fn default() -> Self {
        NumberFormat::Number {}
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmptyPeriods {
    #[default]
    Auto,
    Zero,
    Gap,
}

// ---------------------------------------------------------------------------------------------
// Model cells.

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelSpec {
    pub name: String,
    pub method: Method,
    #[serde(default)]
    pub target: String,
    #[serde(default)]
    pub features: Vec<String>,
    #[serde(default)]
    pub standardise: bool,
    #[serde(default)]
    pub missing: Missing,
    #[serde(default)]
    pub split: Split,
    #[serde(default)]
    pub folds: u32,
    #[serde(default = "confidence")]
    pub confidence: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
pub enum Method {
    Linear {},
    Logistic {
        #[serde(default = "half")]
        threshold: f64,
        #[serde(default)]
        l2: f64,
    },
    #[serde(rename = "kmeans")]
    KMeans {
        k: u32,
        #[serde(default)]
        max_k: u32,
        #[serde(default = "seed")]
        seed: u64,
    },
    Online {
        batch: String,
        #[serde(default)]
        grain: Option<Grain>,
        #[serde(default = "one")]
        prior: f64,
        #[serde(default = "half")]
        threshold: f64,
    },
}

fn half() -> f64 {
    0.5
}
fn one() -> f64 {
    1.0
}
fn seed() -> u64 {
    42
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    #[default]
    Drop,
    Impute,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "split", rename_all = "snake_case", deny_unknown_fields)]
pub enum Split {
    None {},
    Random { test_share: f64, seed: u64 },
    Column { column: String, test_value: String },
}

impl Default for Split {
    fn default() -> Self {
        Split::Random {
            test_share: 0.2,
            seed: seed(),
        }
    }
}

#[cfg(test)]
mod tests;
