//! The notebook document: an ordered list of typed cells. Cells are data, never scripts:
//! opening a teammate's notebook cannot run anybody's code, only Quire's own cell kinds.
//!
//! Adding a cell kind means: a variant of [`CellSpec`], one engine module that runs it, and one
//! page component that edits and shows it.

use serde::{Deserialize, Serialize};

use crate::chart::ChartData;
use crate::clean::StepLedger;
use crate::csv::{ColumnSchema, ColumnType, IngestError, ParseOptions};
use crate::experiment::{ExperimentError, ExperimentReport, PlanReport};
use crate::kinds;
use crate::metric::{MetricError, MetricReport, Tile};
use crate::model::{ModelError, ModelReport};
use crate::quality::CheckResult;

/// How a share link's URL fragment starts (`#nb=…`); other fragments are not notebooks.
pub const SHARE_PREFIX: &str = "nb=";

/// A cell's stable identity: survives edits, moves and saving.
pub type CellId = String;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Notebook {
    pub title: String,
    pub cells: Vec<Cell>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub id: CellId,
    /// Shown folded in the page; no effect on running.
    #[serde(default)]
    pub collapsed: bool,
    pub spec: CellSpec,
}

/// What a cell is and does: one variant per kind, each holding its kind's type from
/// [`kinds`](crate::kinds). Every `match` on it is exhaustive (no `_` arm anywhere), so a new
/// kind that some place forgets does not compile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CellSpec {
    Markdown(kinds::Markdown),
    Data(kinds::Data),
    Sql(kinds::Sql),
    Clean(kinds::Clean),
    Quality(kinds::Quality),
    Chart(kinds::Chart),
    Experiment(kinds::Experiment),
    Plan(kinds::Plan),
    Metric(kinds::Metric),
    Dashboard(kinds::Dashboard),
    Model(kinds::Model),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CellKind {
    Markdown,
    Data,
    Sql,
    Clean,
    Quality,
    Chart,
    Experiment,
    Plan,
    Metric,
    Dashboard,
    Model,
}

impl CellKind {
    /// The kind's name in files and in the CLI's output (`markdown`, `sql`, …): its serde tag.
    pub fn name(self) -> &'static str {
        match self {
            CellKind::Markdown => "markdown",
            CellKind::Data => "data",
            CellKind::Sql => "sql",
            CellKind::Clean => "clean",
            CellKind::Quality => "quality",
            CellKind::Chart => "chart",
            CellKind::Experiment => "experiment",
            CellKind::Plan => "plan",
            CellKind::Metric => "metric",
            CellKind::Dashboard => "dashboard",
            CellKind::Model => "model",
        }
    }
}

impl CellSpec {
    pub fn kind(&self) -> CellKind {
        match self {
            CellSpec::Markdown(_) => CellKind::Markdown,
            CellSpec::Data(_) => CellKind::Data,
            CellSpec::Sql(_) => CellKind::Sql,
            CellSpec::Clean(_) => CellKind::Clean,
            CellSpec::Quality(_) => CellKind::Quality,
            CellSpec::Chart(_) => CellKind::Chart,
            CellSpec::Experiment(_) => CellKind::Experiment,
            CellSpec::Plan(_) => CellKind::Plan,
            CellSpec::Metric(_) => CellKind::Metric,
            CellSpec::Dashboard(_) => CellKind::Dashboard,
            CellSpec::Model(_) => CellKind::Model,
        }
    }

    /// The table this cell produces, if any.
    pub fn output(&self) -> Option<&str> {
        match self {
            CellSpec::Markdown(_)
            | CellSpec::Quality(_)
            | CellSpec::Chart(_)
            | CellSpec::Experiment(_)
            | CellSpec::Plan(_)
            | CellSpec::Dashboard(_) => None,
            CellSpec::Data(kinds::Data { table, .. })
            | CellSpec::Sql(kinds::Sql { table, .. })
            | CellSpec::Clean(kinds::Clean { table, .. }) => Some(table),
            CellSpec::Metric(kinds::Metric { metric }) => Some(&metric.name),
            CellSpec::Model(kinds::Model { model, .. }) => Some(&model.name),
        }
    }

    /// The output table's name, to change it (a duplicated cell gets a fresh one).
    pub fn output_mut(&mut self) -> Option<&mut String> {
        match self {
            CellSpec::Markdown(_)
            | CellSpec::Quality(_)
            | CellSpec::Chart(_)
            | CellSpec::Experiment(_)
            | CellSpec::Plan(_)
            | CellSpec::Dashboard(_) => None,
            CellSpec::Data(kinds::Data { table, .. })
            | CellSpec::Sql(kinds::Sql { table, .. })
            | CellSpec::Clean(kinds::Clean { table, .. }) => Some(table),
            CellSpec::Metric(kinds::Metric { metric }) => Some(&mut metric.name),
            CellSpec::Model(kinds::Model { model, .. }) => Some(&mut model.name),
        }
    }
}

/// A column of a data source's detected schema.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchemaField {
    pub name: String,
    pub dtype: ColumnType,
}

/// One entry of a notebook's data manifest: what a data cell's file was when it was saved, so
/// the file given on opening can be checked against it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DataSource {
    /// The file name, which data cells name as their `source`.
    pub name: String,
    pub bytes: u64,
    /// Lower-case hex SHA-256 of the raw bytes.
    pub sha256: String,
    pub options: ParseOptions,
    pub schema: Vec<SchemaField>,
}

/// How a file offered for a source differs from the manifest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DataMismatch {
    /// Other bytes (hash), but the same schema: the data changed, the notebook still runs.
    Content {
        expected_sha256: String,
        found_sha256: String,
    },
    /// Columns differ: by name (missing in the new file, added by it) or by type.
    Schema {
        missing: Vec<String>,
        added: Vec<String>,
        retyped: Vec<(String, ColumnType, ColumnType)>,
    },
}

/// Where a cell is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CellState {
    UpToDate,
    /// Edited, or an input changed, and not run since.
    Stale,
    Running,
    Error,
}

/// Why a cell has no result. It stays inside its cell; the rest of the notebook keeps working.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CellError {
    /// The cell is part of a cycle of table references, listed in order.
    Cycle {
        cells: Vec<CellId>,
    },
    /// The cell reads a table that no cell produces.
    MissingTable {
        name: String,
    },
    /// Several cells produce this table.
    DuplicateName {
        name: String,
        cells: Vec<CellId>,
    },
    /// An input table's cell failed, so this one cannot run.
    Upstream {
        table: String,
    },
    /// The data cell's file is not loaded (opening a notebook without its data).
    MissingData {
        source: String,
    },
    InvalidName {
        name: String,
    },
    Ingest(IngestError),
    /// The SQL failed; the position is 1-based where the parser gives one. `message` is the
    /// parser's or polars' own text, a detail inside a sentence in the reader's language.
    Sql {
        message: String,
        line: Option<u64>,
        column: Option<u64>,
    },
    /// A Chart cell's columns do not fit its chart (a missing column, text where numbers are
    /// needed…).
    Chart(crate::chart::ChartProblem),
    /// An Experiment or Plan cell cannot run as set up.
    Experiment(ExperimentError),
    /// A Metric or Dashboard cell cannot run as defined.
    Metric(MetricError),
    /// A Model cell cannot run as set up.
    Model(ModelError),
    /// A Clean cell's step (0-based `step`) cannot run as written.
    Step {
        step: usize,
        problem: crate::clean::StepProblem,
    },
    /// The result holds a number that is not finite (NaN or ±∞) where the page could not read
    /// it back: it stays in its cell instead of stopping every later view.
    NotFinite,
    /// The engine failed where it should not have; `message` (polars' or the engine's own
    /// text) is a detail for a bug report.
    Internal {
        message: String,
    },
}

/// What a cell shows when it ran.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CellOutput {
    Table {
        name: String,
        rows: u64,
        columns: Vec<ColumnSchema>,
    },
    /// Sanitised HTML (rendered Markdown), safe to put in the page as is.
    Html { html: String },
    /// A Clean cell's table, with what every step did (one entry per step, disabled ones too).
    Cleaned {
        name: String,
        rows: u64,
        columns: Vec<ColumnSchema>,
        ledger: Vec<StepLedger>,
    },
    /// A Chart cell's data, ready to draw.
    Chart { data: ChartData },
    /// An Experiment cell's report.
    Experiment { report: Box<ExperimentReport> },
    /// A Plan cell's sizes and ramp.
    Plan { report: PlanReport },
    /// A Metric cell's table (its time series) and report.
    Metric {
        name: String,
        rows: u64,
        columns: Vec<ColumnSchema>,
        report: Box<MetricReport>,
    },
    /// A Dashboard cell's tiles, in order.
    Dashboard { tiles: Vec<Tile> },
    /// A Model cell's table of predictions and its report.
    Model {
        name: String,
        rows: u64,
        columns: Vec<ColumnSchema>,
        report: Box<ModelReport>,
    },
    /// A Quality cell's results, one per check.
    Checks {
        table: String,
        results: Vec<CheckResult>,
    },
}

impl CellOutput {
    /// The table the output shows: name, rows, columns.
    pub fn table(&self) -> Option<(&str, u64, &[ColumnSchema])> {
        match self {
            CellOutput::Table {
                name,
                rows,
                columns,
            }
            | CellOutput::Cleaned {
                name,
                rows,
                columns,
                ..
            }
            | CellOutput::Metric {
                name,
                rows,
                columns,
                ..
            }
            | CellOutput::Model {
                name,
                rows,
                columns,
                ..
            } => Some((name, *rows, columns)),
            CellOutput::Html { .. }
            | CellOutput::Checks { .. }
            | CellOutput::Chart { .. }
            | CellOutput::Experiment { .. }
            | CellOutput::Plan { .. }
            | CellOutput::Dashboard { .. } => None,
        }
    }

    /// How many checks failed (0 for outputs that are not checks).
    pub fn failed_checks(&self) -> usize {
        match self {
            CellOutput::Checks { results, .. } => results.iter().filter(|r| !r.passed()).count(),
            CellOutput::Experiment { report } => report.checks.iter().filter(|c| !c.passed).count(),
            CellOutput::Table { .. }
            | CellOutput::Html { .. }
            | CellOutput::Cleaned { .. }
            | CellOutput::Chart { .. }
            | CellOutput::Plan { .. }
            | CellOutput::Metric { .. }
            | CellOutput::Dashboard { .. }
            | CellOutput::Model { .. } => 0,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CellStatus {
    pub id: CellId,
    pub state: CellState,
    pub error: Option<CellError>,
    /// Milliseconds of the last run.
    pub run_ms: Option<f64>,
    pub output: Option<CellOutput>,
}

/// A change to the notebook, as the page asks for it. Each is one step of undo.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    /// Put a new cell at `index` (clamped to the end).
    Insert {
        index: usize,
        cell: Cell,
    },
    /// Replace the cell with this id (its spec and folding). Re-runs it and its dependants.
    Update {
        cell: Cell,
    },
    /// Move the cell to position `to` (clamped).
    Move {
        id: CellId,
        to: usize,
    },
    Delete {
        id: CellId,
    },
    /// Copy the cell right below itself under `new_id`. A copy that produces a table gets a
    /// fresh table name (`name_2`, …) so it does not collide with the original.
    Duplicate {
        id: CellId,
        new_id: CellId,
    },
    SetTitle {
        title: String,
    },
}

/// Why a file could not be opened as a notebook. Nothing is opened half-way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileError {
    /// Not a Quire notebook or bundle at all (another JSON, an image, …).
    Foreign,
    /// Written by a newer Quire than this one.
    NewerVersion { found: u32, supported: u32 },
    /// A Quire file that is damaged: the message says where.
    Corrupt { message: String },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kinds_name_is_its_serde_tag() {
        use CellKind::*;
        for kind in [
            Markdown, Data, Sql, Clean, Quality, Chart, Experiment, Plan, Metric, Dashboard, Model,
        ] {
            assert_eq!(
                serde_json::to_value(kind).expect("serialises"),
                serde_json::Value::from(kind.name())
            );
        }
    }

    #[test]
    fn a_kinds_fields_sit_beside_its_tag() {
        let spec = CellSpec::Sql(kinds::Sql {
            table: "t".into(),
            query: "select 1".into(),
        });
        let json = serde_json::to_value(&spec).expect("serialises");
        assert_eq!(
            json,
            serde_json::json!({"kind": "sql", "table": "t", "query": "select 1"})
        );
        let back: CellSpec = serde_json::from_value(json).expect("reads back");
        assert_eq!(back, spec);
    }
}
