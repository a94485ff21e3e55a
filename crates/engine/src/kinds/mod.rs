//! Cell kinds: one module per kind, each implementing [`Kind`] on its spec type from
//! [`quire_protocol::kinds`].
//!
//! A kind says what it reads ([`Kind::reads`]), how it runs ([`Kind::run`], returning what it
//! reports and the table it makes) and how it follows a table that another cell renamed
//! ([`Kind::rename_input`]). The [`Session`](crate::Session) knows nothing of kinds beyond this
//! trait: [`kind`] and [`kind_mut`] are the registry, exhaustive matches over
//! [`CellSpec`], so a kind that is added to the protocol and forgotten here does not compile.
//!
//! Adding a kind (the recipe is in ARCHITECTURE.md): its spec type in
//! `crates/protocol/src/kinds.rs` (and a `CellSpec`/`CellKind` variant), its module here (one
//! line in each registry below), its page component (one line in `src/components/cell.rs`), and
//! its words.

pub mod chart;
pub mod clean;
pub mod dashboard;
pub mod data;
pub mod experiment;
pub mod markdown;
pub mod metric;
pub mod model;
pub mod plan;
pub mod quality;
pub mod sql;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use polars::prelude::DataFrame;
use quire_protocol::notebook::{CellError, CellId, CellOutput, CellSpec, Notebook};
use quire_protocol::{ParseOptions, ParseReport};

use crate::ingest::{Ingested, Limits};
use crate::notebook::ProgressFn;
use crate::notebook::graph::Analysis;

/// What the engine does with a cell of one kind.
pub trait Kind {
    /// The tables this cell reads, by name, in the order it names them (no repeats).
    fn reads(&self, cx: &mut Reads<'_>) -> Result<Vec<String>, CellError>;

    /// Runs the cell on its inputs (all present: the graph ran their producers first).
    fn run(&self, cx: &mut Run<'_>) -> Result<Ran, CellError>;

    /// Another cell's table `old` is now called `new` (a Metric cell renamed): point this
    /// cell's references at the new name. Kinds that name no table by reference (or, like SQL,
    /// keep the query as the user wrote it) leave themselves alone.
    fn rename_input(&mut self, old: &str, new: &str);
}

/// What a cell's run made: what the page shows, the table it produces (if any) and what
/// reading a file found (data cells).
pub struct Ran {
    pub output: CellOutput,
    pub frame: Option<DataFrame>,
    pub report: Option<ParseReport>,
}

impl Ran {
    /// A result that makes no table.
    pub fn shown(output: CellOutput) -> Self {
        Ran {
            output,
            frame: None,
            report: None,
        }
    }

    /// A result whose table is `frame`.
    pub fn table(output: CellOutput, frame: DataFrame) -> Self {
        Ran {
            output,
            frame: Some(frame),
            report: None,
        }
    }
}

/// What a kind may consult to say what it reads.
pub struct Reads<'a> {
    /// The tables each SQL query reads, by query text (parsing is cheap, edits are frequent).
    pub sql_refs: &'a mut HashMap<String, Result<Vec<String>, CellError>>,
    /// Each Metric cell's name → the table it is computed from.
    pub metric_sources: &'a HashMap<&'a str, String>,
}

/// What a kind may use while it runs: its inputs, the document and, for data cells, the raw
/// files.
pub struct Run<'a> {
    /// The cell's id (progress names it).
    pub id: &'a str,
    /// The table the cell produces, as the graph knows it ("" when it makes none).
    pub name: String,
    /// Every table the cell reads, by name.
    pub inputs: &'a [(String, DataFrame)],
    pub notebook: &'a Notebook,
    pub analysis: &'a Analysis,
    /// The output of each cell that ran, by id.
    pub outputs: &'a dyn Fn(&str) -> Option<&'a CellOutput>,
    pub raw: &'a BTreeMap<String, Arc<[u8]>>,
    pub limits: &'a Limits,
    pub progress: &'a mut ProgressFn,
    /// Tables read while checking attached data, each taken by the data cell that wants it.
    pub prepared: &'a mut Vec<(String, ParseOptions, Ingested)>,
}

impl Run<'_> {
    /// The input table `name` (the graph gave every input).
    pub fn input(&self, name: &str) -> Result<&DataFrame, CellError> {
        self.inputs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, f)| f)
            .ok_or_else(|| CellError::MissingTable {
                name: name.to_owned(),
            })
    }

    /// The spec of the cell producing table `name`, with its id.
    pub fn producer(&self, name: &str) -> Option<(&CellId, &CellSpec)> {
        let cell = self.notebook.cells.get(self.analysis.producer(name)?)?;
        Some((&cell.id, &cell.spec))
    }
}

/// The registry: the engine's view of a cell's kind.
pub fn kind(spec: &CellSpec) -> &dyn Kind {
    match spec {
        CellSpec::Markdown(k) => k,
        CellSpec::Data(k) => k,
        CellSpec::Sql(k) => k,
        CellSpec::Clean(k) => k,
        CellSpec::Quality(k) => k,
        CellSpec::Chart(k) => k,
        CellSpec::Experiment(k) => k,
        CellSpec::Plan(k) => k,
        CellSpec::Metric(k) => k,
        CellSpec::Dashboard(k) => k,
        CellSpec::Model(k) => k,
    }
}

/// The registry, to change a cell.
pub fn kind_mut(spec: &mut CellSpec) -> &mut dyn Kind {
    match spec {
        CellSpec::Markdown(k) => k,
        CellSpec::Data(k) => k,
        CellSpec::Sql(k) => k,
        CellSpec::Clean(k) => k,
        CellSpec::Quality(k) => k,
        CellSpec::Chart(k) => k,
        CellSpec::Experiment(k) => k,
        CellSpec::Plan(k) => k,
        CellSpec::Metric(k) => k,
        CellSpec::Dashboard(k) => k,
        CellSpec::Model(k) => k,
    }
}

/// Adds `name` to `reads` unless it is blank or already there.
pub(crate) fn read_once(reads: &mut Vec<String>, name: &str) {
    if !name.trim().is_empty() && !reads.iter().any(|r| r == name) {
        reads.push(name.to_owned());
    }
}

/// Points `name` at `new` if it names `old`.
pub(crate) fn swap(name: &mut String, old: &str, new: &str) {
    if name.trim() == old {
        *name = new.to_owned();
    }
}
