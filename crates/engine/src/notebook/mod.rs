//! A notebook session: the open document, the raw data it reads, the result of every cell,
//! and undo. The worker holds one [`Session`]; the CLI too.
//!
//! Every change goes through the [`graph`]: the session re-analyses the document, works out
//! what must run again ([`graph::rerun_set`]) and runs exactly that, in dependency order. Each
//! call that runs cells returns their ids in run order: the cells whose [`CellStatus`] was
//! computed again, including those that ended in an error.
//!
//! Running is synchronous. Long work reports through the progress callback
//! ([`Session::set_progress`]): a data cell reading a 20 MB file calls it with its id, the
//! ingest [`Stage`] and the fraction done, often enough for a progress bar. The engine never
//! reads a clock of its own (`Instant::now` panics in wasm32): [`Session::set_clock`] gives it
//! one in milliseconds (the worker: `Date.now`/`performance.now`; the CLI: `Instant`).

pub mod graph;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::sync::Arc;

use polars::prelude::DataFrame;
use quire_protocol::notebook::{
    Cell, CellError, CellId, CellOutput, CellSpec, CellState, CellStatus, DataMismatch, DataSource,
    Edit, Notebook, SchemaField,
};
use quire_protocol::{ParseOptions, ParseReport, Stage};
use sha2::{Digest, Sha256};

use crate::ingest::{Ingested, Limits, read_csv};
use crate::kinds::{Ran, Reads, Run, kind, kind_mut};
use crate::{EngineError, cells};
use graph::{Analysis, Node};
use quire_protocol::kinds;

/// How many edits can be undone.
pub const UNDO_DEPTH: usize = 100;

/// Hears the progress of long work: the cell, the ingest stage, the fraction (0.0 ..= 1.0).
pub type ProgressFn = Box<dyn FnMut(&str, Stage, f32)>;
/// Milliseconds since any fixed point; only differences are used.
pub type ClockFn = Box<dyn Fn() -> f64>;

/// What a cell's last run left.
struct CellResult {
    /// Which run made it (the session's run count then): a later result has a larger one.
    version: u64,
    status: CellStatus,
    frame: Option<DataFrame>,
    report: Option<ParseReport>,
}

/// One open notebook with its data and results.
pub struct Session {
    limits: Limits,
    notebook: Notebook,
    manifest: Vec<DataSource>,
    raw: BTreeMap<String, Arc<[u8]>>,
    analysis: Analysis,
    results: HashMap<CellId, CellResult>,
    undo: VecDeque<Notebook>,
    redo: Vec<Notebook>,
    progress: ProgressFn,
    clock: ClockFn,
    /// The tables each query reads, by query text: parsing is cheap, but edits are frequent.
    sql_refs: HashMap<String, Result<Vec<String>, CellError>>,
    /// Tables read while checking attached data, each used once by the data cell that wants
    /// it.
    prepared: Vec<(String, ParseOptions, Ingested)>,
    /// How many times a cell has run in this session.
    runs: u64,
}

impl Default for Session {
    fn default() -> Self {
        Session::new(Limits::default())
    }
}

impl Session {
    pub fn new(limits: Limits) -> Self {
        Session {
            limits,
            notebook: Notebook::default(),
            manifest: Vec::new(),
            raw: BTreeMap::new(),
            analysis: Analysis::default(),
            results: HashMap::new(),
            undo: VecDeque::new(),
            redo: Vec::new(),
            progress: Box::new(|_, _, _| {}),
            clock: Box::new(|| 0.0),
            sql_refs: HashMap::new(),
            prepared: Vec::new(),
            runs: 0,
        }
    }

    /// Where progress of long work goes (see the module doc). Replaces the previous callback.
    pub fn set_progress(&mut self, progress: ProgressFn) {
        self.progress = progress;
    }

    /// The clock that times runs (`run_ms`), in milliseconds. The default always says 0.
    pub fn set_clock(&mut self, clock: ClockFn) {
        self.clock = clock;
    }

    /// Replaces the document and its manifest, and runs every cell. Attached data whose source
    /// is still in the manifest stays (so re-opening a notebook over the same files needs no
    /// new upload); undo history is cleared.
    pub fn open(&mut self, notebook: Notebook, manifest: Vec<DataSource>) -> Vec<CellId> {
        self.open_with_data(notebook, manifest, Vec::new()).1
    }

    /// Opens a notebook together with files for its sources (a bundle, a restored tab) and runs
    /// every cell once: the files are checked and read first, so no data cell runs without its
    /// data and then again with it. Returns how each file differs from the manifest (when it
    /// does) and the cells that ran.
    pub fn open_with_data(
        &mut self,
        notebook: Notebook,
        manifest: Vec<DataSource>,
        data: Vec<(String, Arc<[u8]>)>,
    ) -> (Vec<(String, DataMismatch)>, Vec<CellId>) {
        self.raw
            .retain(|name, _| manifest.iter().any(|m| &m.name == name));
        self.notebook = notebook;
        self.manifest = manifest;
        self.undo.clear();
        self.redo.clear();
        self.results.clear();
        self.prepared.clear();
        let mismatches = data
            .into_iter()
            .filter_map(|(source, raw)| {
                let mismatch = self.record(&source, raw)?;
                Some((source, mismatch))
            })
            .collect();
        self.analysis = self.analyse();
        let all = self.analysis.order().to_vec();
        let ran = self.run(&all);
        self.prepared.clear();
        (mismatches, ran)
    }

    /// Keeps `raw` as the bytes of data source `source`, checks them against the manifest,
    /// records them there (so saving describes the file actually used) and runs the data cells
    /// reading that source and everything downstream. A mismatch is returned as information:
    /// the cells run all the same.
    pub fn attach_data(
        &mut self,
        source: &str,
        raw: Arc<[u8]>,
    ) -> Result<(Option<DataMismatch>, Vec<CellId>), EngineError> {
        let mismatch = self.record(source, raw);
        let seeds: Vec<usize> = (0..self.notebook.cells.len())
            .filter(|&i| {
                matches!(&self.notebook.cells[i].spec,
                    CellSpec::Data(kinds::Data { source: s, .. }) if s == source)
            })
            .collect();
        let order = self.analysis.closure(seeds);
        let ran = self.run(&order);
        self.prepared.clear();
        Ok((mismatch, ran))
    }

    /// Keeps `raw` as source `source`'s bytes, reads them with the options of the data cell that
    /// reads it (the table waits in `prepared` for that cell), and updates the manifest;
    /// returns how the file differs from what the manifest expected. Runs nothing.
    fn record(&mut self, source: &str, raw: Arc<[u8]>) -> Option<DataMismatch> {
        let sha256 = sha256_hex(&raw);
        let options = self
            .notebook
            .cells
            .iter()
            .find_map(|c| match &c.spec {
                CellSpec::Data(kinds::Data {
                    source: s, options, ..
                }) if s == source => Some(*options),
                _ => None,
            })
            .or_else(|| {
                self.manifest
                    .iter()
                    .find(|m| m.name == source)
                    .map(|m| m.options)
            })
            .unwrap_or_default();
        let reader = self.cell_reading(source);
        let ingested = {
            let progress = &mut self.progress;
            let id = reader.clone().unwrap_or_default();
            read_csv(&raw, &options, &self.limits, &mut |stage, f| {
                progress(&id, stage, f);
            })
        };
        let schema: Option<Vec<SchemaField>> = ingested.as_ref().ok().map(|i| {
            i.report
                .columns
                .iter()
                .map(|c| SchemaField {
                    name: c.name.clone(),
                    dtype: c.dtype,
                })
                .collect()
        });
        let entry = DataSource {
            name: source.to_owned(),
            bytes: raw.len() as u64,
            sha256,
            options,
            schema: schema.clone().unwrap_or_default(),
        };
        let mismatch = match self.manifest.iter_mut().find(|m| m.name == source) {
            Some(old) => {
                let mismatch = compare(old, &entry, schema.is_some());
                if schema.is_none() {
                    // Unreadable with these options: keep the schema the notebook expects.
                    let expected = std::mem::take(&mut old.schema);
                    *old = DataSource {
                        schema: expected,
                        ..entry
                    };
                } else {
                    *old = entry;
                }
                mismatch
            }
            None => {
                self.manifest.push(entry);
                None
            }
        };
        self.raw.insert(source.to_owned(), raw);
        if let Ok(i) = ingested {
            self.prepared.push((source.to_owned(), options, i));
        }
        mismatch
    }

    /// Applies one edit (one step of undo) and runs what it affects.
    pub fn apply(&mut self, edit: Edit) -> Result<Vec<CellId>, EngineError> {
        let mut next = self.notebook.clone();
        let cells = &mut next.cells;
        let position = |cells: &[Cell], id: &str| {
            cells
                .iter()
                .position(|c| c.id == id)
                .ok_or_else(|| EngineError::UnknownCell(id.to_owned()))
        };
        match edit {
            Edit::Insert { index, cell } => {
                if cells.iter().any(|c| c.id == cell.id) {
                    return Err(EngineError::DuplicateCell(cell.id));
                }
                let index = index.min(cells.len());
                cells.insert(index, cell);
            }
            Edit::Update { cell } => {
                let at = position(cells, &cell.id)?;
                let renamed = renamed_metric(&cells[at].spec, &cell.spec);
                cells[at] = cell;
                if let Some((old, new)) = renamed {
                    rename_metric(cells, &old, &new);
                }
            }
            Edit::Move { id, to } => {
                let at = position(cells, &id)?;
                let cell = cells.remove(at);
                let to = to.min(cells.len());
                cells.insert(to, cell);
            }
            Edit::Delete { id } => {
                let at = position(cells, &id)?;
                cells.remove(at);
            }
            Edit::Duplicate { id, new_id } => {
                let at = position(cells, &id)?;
                if cells.iter().any(|c| c.id == new_id) {
                    return Err(EngineError::DuplicateCell(new_id));
                }
                let mut copy = cells[at].clone();
                copy.id = new_id;
                let taken: HashSet<String> = cells
                    .iter()
                    .filter_map(|c| c.spec.output().map(str::to_owned))
                    .collect();
                if let Some(table) = copy.spec.output_mut() {
                    *table = fresh_name(table, &taken);
                }
                cells.insert(at + 1, copy);
            }
            Edit::SetTitle { title } => next.title = title,
        }
        if next == self.notebook {
            return Ok(Vec::new());
        }
        let previous = std::mem::replace(&mut self.notebook, next);
        self.undo.push_back(previous.clone());
        if self.undo.len() > UNDO_DEPTH {
            self.undo.pop_front();
        }
        self.redo.clear();
        Ok(self.changed_from(&previous))
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Goes back one edit and runs what changed; `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Option<Vec<CellId>> {
        let previous = self.undo.pop_back()?;
        let current = std::mem::replace(&mut self.notebook, previous);
        self.redo.push(current.clone());
        Some(self.changed_from(&current))
    }

    /// Re-applies the last undone edit; `None` when there is nothing to redo.
    pub fn redo(&mut self) -> Option<Vec<CellId>> {
        let next = self.redo.pop()?;
        let current = std::mem::replace(&mut self.notebook, next);
        self.undo.push_back(current.clone());
        if self.undo.len() > UNDO_DEPTH {
            self.undo.pop_front();
        }
        Some(self.changed_from(&current))
    }

    /// Runs one cell again, and everything downstream of it.
    pub fn run_cell(&mut self, id: &str) -> Result<Vec<CellId>, EngineError> {
        let at = self
            .analysis
            .index_of(id)
            .ok_or_else(|| EngineError::UnknownCell(id.to_owned()))?;
        let order = self.analysis.closure([at]);
        Ok(self.run(&order))
    }

    /// How many cell runs this session has done: what opening or editing costs, for tests and
    /// benchmarks.
    pub fn runs(&self) -> u64 {
        self.runs
    }

    pub fn notebook(&self) -> &Notebook {
        &self.notebook
    }

    /// The data manifest: every source with the file last attached (or as opened).
    pub fn manifest(&self) -> &[DataSource] {
        &self.manifest
    }

    /// Every cell's status, in document order.
    pub fn statuses(&self) -> Vec<CellStatus> {
        self.notebook
            .cells
            .iter()
            .map(|c| self.status(&c.id).unwrap_or_else(|| stale(&c.id)))
            .collect()
    }

    /// One cell's status.
    pub fn status(&self, id: &str) -> Option<CellStatus> {
        self.analysis.index_of(id)?;
        Some(
            self.results
                .get(id)
                .map_or_else(|| stale(id), |r| r.status.clone()),
        )
    }

    /// Which run made the cell's current result: it changes exactly when the result may have
    /// (0 for a cell that has not run).
    pub fn version(&self, id: &str) -> u64 {
        self.results.get(id).map_or(0, |r| r.version)
    }

    /// What reading a data cell's file found (delimiter, encoding, warnings…).
    pub fn report(&self, id: &str) -> Option<&ParseReport> {
        self.results.get(id)?.report.as_ref()
    }

    /// The attached raw data, by source name (for saving a bundle).
    pub fn raw_data(&self) -> impl Iterator<Item = (&str, &Arc<[u8]>)> {
        self.raw.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// A table produced by a cell that ran successfully.
    pub fn table(&self, name: &str) -> Option<&DataFrame> {
        let at = self.analysis.producer(name)?;
        self.results.get(self.analysis.id(at))?.frame.as_ref()
    }

    /// The profile of a table: per column type, nulls, distinct values, statistics.
    pub fn profile(&self, table: &str) -> Result<quire_protocol::profile::Profile, EngineError> {
        let frame = self
            .table(table)
            .ok_or_else(|| EngineError::UnknownTable(table.to_owned()))?;
        Ok(crate::profile::profile(table, frame)?)
    }

    /// A table written as a file.
    pub fn export(
        &self,
        table: &str,
        format: quire_protocol::message::ExportFormat,
    ) -> Result<Vec<u8>, EngineError> {
        let frame = self
            .table(table)
            .ok_or_else(|| EngineError::UnknownTable(table.to_owned()))?;
        crate::export::write(frame, format)
    }

    /// Rows `offset .. offset + limit` of a table, as display cells.
    pub fn rows(
        &self,
        table: &str,
        offset: u64,
        limit: u32,
    ) -> Result<Vec<Vec<quire_protocol::Cell>>, EngineError> {
        let frame = self
            .table(table)
            .ok_or_else(|| EngineError::UnknownTable(table.to_owned()))?;
        Ok(cells::rows(frame, offset, limit))
    }

    // ---------------------------------------------------------------------------------------

    /// The first data cell reading `source`.
    fn cell_reading(&self, source: &str) -> Option<CellId> {
        self.notebook.cells.iter().find_map(|c| match &c.spec {
            CellSpec::Data(kinds::Data { source: s, .. }) if s == source => Some(c.id.clone()),
            _ => None,
        })
    }

    /// Re-analyses after the document changed from `previous` and runs what must run.
    fn changed_from(&mut self, previous: &Notebook) -> Vec<CellId> {
        let old_specs: HashMap<&str, &CellSpec> = previous
            .cells
            .iter()
            .map(|c| (c.id.as_str(), &c.spec))
            .collect();
        let changed: HashSet<CellId> = self
            .notebook
            .cells
            .iter()
            .filter(|c| old_specs.get(c.id.as_str()) != Some(&&c.spec))
            .map(|c| c.id.clone())
            .collect();
        let old = std::mem::take(&mut self.analysis);
        self.analysis = self.analyse();
        let ids: HashSet<&str> = self.notebook.cells.iter().map(|c| c.id.as_str()).collect();
        self.results.retain(|id, _| ids.contains(id.as_str()));
        let order = graph::rerun_set(&old, &self.analysis, &changed);
        self.run(&order)
    }

    fn analyse(&mut self) -> Analysis {
        let metric_sources: HashMap<&str, String> = self
            .notebook
            .cells
            .iter()
            .filter_map(|c| match &c.spec {
                CellSpec::Metric(kinds::Metric { metric }) => {
                    Some((metric.name.trim(), metric.table.trim().to_owned()))
                }
                _ => None,
            })
            .collect();
        let mut cx = Reads {
            sql_refs: &mut self.sql_refs,
            metric_sources: &metric_sources,
        };
        let nodes: Vec<Node> = self
            .notebook
            .cells
            .iter()
            .map(|cell| Node {
                id: cell.id.clone(),
                output: cell.spec.output().map(str::to_owned),
                reads: kind(&cell.spec).reads(&mut cx),
            })
            .collect();
        // Keep the cache to the queries of this document and its recent past.
        if self.sql_refs.len() > 4 * self.notebook.cells.len() + 64 {
            let live: HashSet<&str> = self
                .notebook
                .cells
                .iter()
                .filter_map(|c| match &c.spec {
                    CellSpec::Sql(kinds::Sql { query, .. }) => Some(query.as_str()),
                    _ => None,
                })
                .collect();
            self.sql_refs.retain(|q, _| live.contains(q.as_str()));
        }
        graph::analyse(&nodes)
    }

    /// Runs the cells at these indexes, in this order (callers pass run order).
    fn run(&mut self, order: &[usize]) -> Vec<CellId> {
        let mut ran = Vec::with_capacity(order.len());
        for &i in order {
            let Some(cell) = self.notebook.cells.get(i) else {
                continue;
            };
            self.runs += 1;
            let id = cell.id.clone();
            let spec = cell.spec.clone();
            let started = (self.clock)();
            let outcome = self.run_one(i, &id, &spec).and_then(|ok| {
                // A result the page could not read back would stop every later view from
                // arriving: it stays in its cell as an error instead.
                if crosses_json(&ok.output) {
                    Ok(ok)
                } else {
                    Err(CellError::NotFinite)
                }
            });
            let run_ms = ((self.clock)() - started).max(0.0);
            let result = match outcome {
                Ok(Ran {
                    output,
                    frame,
                    report,
                }) => CellResult {
                    version: self.runs,
                    status: CellStatus {
                        id: id.clone(),
                        state: CellState::UpToDate,
                        error: None,
                        run_ms: Some(run_ms),
                        output: Some(output),
                    },
                    frame,
                    report,
                },
                Err(error) => CellResult {
                    version: self.runs,
                    status: CellStatus {
                        id: id.clone(),
                        state: CellState::Error,
                        error: Some(error),
                        run_ms: None,
                        output: None,
                    },
                    frame: None,
                    report: None,
                },
            };
            self.results.insert(id.clone(), result);
            ran.push(id);
        }
        ran
    }

    /// Runs one cell on its inputs, through its kind.
    fn run_one(&mut self, i: usize, id: &str, spec: &CellSpec) -> Result<Ran, CellError> {
        if let Some(e) = self.analysis.error(i) {
            return Err(e.clone());
        }
        let mut inputs: Vec<(String, DataFrame)> = Vec::new();
        for (name, producers) in self.analysis.inputs(i) {
            let frame = match producers.as_slice() {
                [p] => self
                    .results
                    .get(self.analysis.id(*p))
                    .and_then(|r| r.frame.clone()),
                _ => None,
            };
            match frame {
                Some(f) => inputs.push((name.clone(), f)),
                None => {
                    return Err(CellError::Upstream {
                        table: name.clone(),
                    });
                }
            }
        }
        let results = &self.results;
        let outputs = |id: &str| results.get(id).and_then(|r| r.status.output.as_ref());
        let mut cx = Run {
            id,
            name: self.analysis.output(i).unwrap_or_default().to_owned(),
            inputs: &inputs,
            notebook: &self.notebook,
            analysis: &self.analysis,
            outputs: &outputs,
            raw: &self.raw,
            limits: &self.limits,
            progress: &mut self.progress,
            prepared: &mut self.prepared,
        };
        kind(spec).run(&mut cx)
    }
}

/// The old and new name of a Metric cell whose name an edit changed. Clearing the name is
/// not a rename: the references keep the old name (and say it is missing) rather than all
/// pointing at "".
fn renamed_metric(before: &CellSpec, after: &CellSpec) -> Option<(String, String)> {
    match (before, after) {
        (
            CellSpec::Metric(kinds::Metric { metric: a }),
            CellSpec::Metric(kinds::Metric { metric: b }),
        ) if a.name.trim() != b.name.trim()
            && !a.name.trim().is_empty()
            && !b.name.trim().is_empty() =>
        {
            Some((a.name.trim().to_owned(), b.name.trim().to_owned()))
        }
        _ => None,
    }
}

/// Points every cell that names metric `old` by name to `new`, in the same edit (one undo
/// step): dashboard tiles, charts, experiments, checks (their input and a referential
/// check's other table), Clean cells and metrics built on it. SQL cells are not rewritten;
/// they name the old table and so are flagged (missing table) until the query is changed.
///
/// Nothing is renamed when another cell still produces `old`, nor when another cell already
/// produces `new` (`cells` holds the renamed cell already): the references would silently
/// move to that other table. They stay, and both producers of `new` show the duplicate-name
/// error until one is renamed.
fn rename_metric(cells: &mut [Cell], old: &str, new: &str) {
    let producers = |name: &str| {
        cells
            .iter()
            .filter(|c| c.spec.output().map(str::trim) == Some(name))
            .count()
    };
    if producers(old) > 0 || producers(new) > 1 {
        return;
    }
    for cell in cells.iter_mut() {
        kind_mut(&mut cell.spec).rename_input(old, new);
    }
}

/// Whether `output` reads back from JSON as it was written: serde_json writes NaN and ±∞ as
/// `null`, which no `f64` field accepts, so one such number would make the page drop the whole
/// view it arrives in.
pub fn crosses_json(output: &CellOutput) -> bool {
    serde_json::to_string(output)
        .ok()
        .is_some_and(|text| serde_json::from_str::<CellOutput>(&text).is_ok())
}

fn stale(id: &str) -> CellStatus {
    CellStatus {
        id: id.to_owned(),
        state: CellState::Stale,
        error: None,
        run_ms: None,
        output: None,
    }
}

/// `name_2`, `name_3`, … : the first not in `taken`.
fn fresh_name(name: &str, taken: &HashSet<String>) -> String {
    (2..)
        .map(|n| format!("{name}_{n}"))
        .find(|c| !taken.contains(c))
        .unwrap_or_else(|| format!("{name}_copy"))
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// How `found` differs from the manifest entry `expected`.
fn compare(expected: &DataSource, found: &DataSource, schema_known: bool) -> Option<DataMismatch> {
    if expected.sha256 == found.sha256 {
        return None;
    }
    let found_schema: &[SchemaField] = if schema_known { &found.schema } else { &[] };
    if expected.schema == found_schema {
        return Some(DataMismatch::Content {
            expected_sha256: expected.sha256.clone(),
            found_sha256: found.sha256.clone(),
        });
    }
    let missing = expected
        .schema
        .iter()
        .filter(|e| !found_schema.iter().any(|f| f.name == e.name))
        .map(|e| e.name.clone())
        .collect();
    let added = found_schema
        .iter()
        .filter(|f| !expected.schema.iter().any(|e| e.name == f.name))
        .map(|f| f.name.clone())
        .collect();
    let retyped = expected
        .schema
        .iter()
        .filter_map(|e| {
            let f = found_schema.iter().find(|f| f.name == e.name)?;
            (f.dtype != e.dtype).then(|| (e.name.clone(), e.dtype, f.dtype))
        })
        .collect();
    Some(DataMismatch::Schema {
        missing,
        added,
        retyped,
    })
}
