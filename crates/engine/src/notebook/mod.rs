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
pub mod markdown;
pub mod sql;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::sync::Arc;

use polars::prelude::{DataFrame, DataType};
use quire_protocol::experiment::MetricKind;
use quire_protocol::metric::{MetricError, Tile};
use quire_protocol::notebook::{
    Cell, CellError, CellId, CellOutput, CellSpec, CellState, CellStatus, DataMismatch, DataSource,
    Edit, Notebook, SchemaField,
};
use quire_protocol::{ColumnSchema, ColumnType, ParseOptions, ParseReport, Stage};
use sha2::{Digest, Sha256};

use crate::ingest::{Ingested, Limits, read_csv};
use crate::{EngineError, cells};
use graph::{Analysis, Node};

/// How many edits can be undone.
pub const UNDO_DEPTH: usize = 100;

/// Hears the progress of long work: the cell, the ingest stage, the fraction (0.0 ..= 1.0).
pub type ProgressFn = Box<dyn FnMut(&str, Stage, f32)>;
/// Milliseconds since any fixed point; only differences are used.
pub type ClockFn = Box<dyn Fn() -> f64>;

/// What a cell's last run left.
struct CellResult {
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
    /// A table read while checking attached data, used once by the data cell that wants it.
    prepared: Option<(String, ParseOptions, Ingested)>,
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
            prepared: None,
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
        self.raw
            .retain(|name, _| manifest.iter().any(|m| &m.name == name));
        self.notebook = notebook;
        self.manifest = manifest;
        self.undo.clear();
        self.redo.clear();
        self.results.clear();
        self.prepared = None;
        self.analysis = self.analyse();
        let all = self.analysis.order().to_vec();
        self.run(&all)
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
        let sha256 = sha256_hex(&raw);
        let options = self
            .notebook
            .cells
            .iter()
            .find_map(|c| match &c.spec {
                CellSpec::Data {
                    source: s, options, ..
                } if s == source => Some(*options),
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
        self.prepared = ingested.ok().map(|i| (source.to_owned(), options, i));
        let seeds: Vec<usize> = (0..self.notebook.cells.len())
            .filter(|&i| {
                matches!(&self.notebook.cells[i].spec,
                    CellSpec::Data { source: s, .. } if s == source)
            })
            .collect();
        let order = self.analysis.closure(seeds);
        let ran = self.run(&order);
        self.prepared = None;
        Ok((mismatch, ran))
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
            CellSpec::Data { source: s, .. } if s == source => Some(c.id.clone()),
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
        let mut nodes = Vec::with_capacity(self.notebook.cells.len());
        let sources: HashMap<&str, String> = self
            .notebook
            .cells
            .iter()
            .filter_map(|c| match &c.spec {
                CellSpec::Metric { metric } => {
                    Some((metric.name.trim(), metric.table.trim().to_owned()))
                }
                _ => None,
            })
            .collect();
        for cell in &self.notebook.cells {
            let reads = match &cell.spec {
                CellSpec::Sql { query, .. } => self
                    .sql_refs
                    .entry(query.clone())
                    .or_insert_with(|| sql::table_references(query))
                    .clone(),
                CellSpec::Clean { input, .. }
                | CellSpec::Chart { input, .. }
                | CellSpec::Model { input, .. } => Ok(vec![input.clone()]),
                CellSpec::Experiment { input, experiment } => {
                    // A metric defined in a Metric cell is read from that cell (its
                    // definition) and from its source table.
                    let mut reads = vec![input.clone()];
                    for m in &experiment.metrics {
                        if let MetricKind::Defined { metric } = &m.kind {
                            let name = metric.trim().to_owned();
                            let source = sources.get(name.as_str()).cloned();
                            for t in std::iter::once(name).chain(source) {
                                if !t.is_empty() && !reads.contains(&t) {
                                    reads.push(t);
                                }
                            }
                        }
                    }
                    Ok(reads)
                }
                CellSpec::Quality { input, checks } => {
                    let mut reads = vec![input.clone()];
                    for other in checks
                        .iter()
                        .filter_map(|c| c.other_table())
                        .filter(|t| !t.is_empty())
                    {
                        if !reads.iter().any(|r| r == other) {
                            reads.push(other.to_owned());
                        }
                    }
                    Ok(reads)
                }
                CellSpec::Metric { metric } => Ok(vec![metric.table.clone()]),
                CellSpec::Dashboard { tiles, .. } => {
                    let mut reads: Vec<String> = Vec::new();
                    for t in tiles.iter().filter(|t| !t.trim().is_empty()) {
                        if !reads.contains(t) {
                            reads.push(t.clone());
                        }
                    }
                    Ok(reads)
                }
                CellSpec::Markdown { .. } | CellSpec::Data { .. } | CellSpec::Plan { .. } => {
                    Ok(Vec::new())
                }
            };
            nodes.push(Node {
                id: cell.id.clone(),
                output: cell.spec.output().map(str::to_owned),
                reads,
            });
        }
        // Keep the cache to the queries of this document and its recent past.
        if self.sql_refs.len() > 4 * self.notebook.cells.len() + 64 {
            let live: HashSet<&str> = self
                .notebook
                .cells
                .iter()
                .filter_map(|c| match &c.spec {
                    CellSpec::Sql { query, .. } => Some(query.as_str()),
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
            let id = cell.id.clone();
            let spec = cell.spec.clone();
            let started = (self.clock)();
            let outcome = self.run_one(i, &id, &spec).and_then(|ok| {
                // A result the page could not read back would stop every later view from
                // arriving: it stays in its cell as an error instead.
                if crosses_json(&ok.0) {
                    Ok(ok)
                } else {
                    Err(CellError::NotFinite)
                }
            });
            let run_ms = ((self.clock)() - started).max(0.0);
            let result = match outcome {
                Ok((output, frame, report)) => CellResult {
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

    #[allow(clippy::type_complexity)]
    fn run_one(
        &mut self,
        i: usize,
        id: &str,
        spec: &CellSpec,
    ) -> Result<(CellOutput, Option<DataFrame>, Option<ParseReport>), CellError> {
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
        let name = self.analysis.output(i).unwrap_or_default().to_owned();
        match spec {
            CellSpec::Markdown { text } => Ok((
                CellOutput::Html {
                    html: markdown::render(text),
                },
                None,
                None,
            )),
            CellSpec::Data {
                source, options, ..
            } => {
                let ingested = match self.prepared.take() {
                    Some((s, o, ingested)) if &s == source && o == *options => ingested,
                    other => {
                        self.prepared = other;
                        let raw = self.raw.get(source).cloned().ok_or_else(|| {
                            CellError::MissingData {
                                source: source.clone(),
                            }
                        })?;
                        let progress = &mut self.progress;
                        read_csv(&raw, options, &self.limits, &mut |stage, f| {
                            progress(id, stage, f);
                        })
                        .map_err(|e| match e {
                            EngineError::Ingest(e) => CellError::Ingest(e),
                            other => CellError::Internal {
                                message: other.to_string(),
                            },
                        })?
                    }
                };
                let output = CellOutput::Table {
                    name,
                    rows: ingested.report.rows,
                    columns: ingested.report.columns.clone(),
                };
                Ok((output, Some(ingested.frame), Some(ingested.report)))
            }
            CellSpec::Sql { query, .. } => {
                let tables: Vec<(&str, &DataFrame)> =
                    inputs.iter().map(|(n, f)| (n.as_str(), f)).collect();
                let frame = sql::run(query, &tables)?;
                let output = CellOutput::Table {
                    name,
                    rows: frame.height() as u64,
                    columns: schema_of(&frame),
                };
                Ok((output, Some(frame), None))
            }
            CellSpec::Clean { input, steps, .. } => {
                let frame = input_frame(&inputs, input)?;
                let cleaned = crate::clean::run(frame, steps)?;
                let output = CellOutput::Cleaned {
                    name,
                    rows: cleaned.frame.height() as u64,
                    columns: schema_of(&cleaned.frame),
                    ledger: cleaned.ledger,
                };
                Ok((output, Some(cleaned.frame), None))
            }
            CellSpec::Chart { input, chart } => {
                let frame = input_frame(&inputs, input)?;
                let data = crate::chart::prepare(frame, chart).map_err(CellError::Chart)?;
                Ok((CellOutput::Chart { data }, None, None))
            }
            CellSpec::Experiment { input, experiment } => {
                let frame = input_frame(&inputs, input)?;
                let defined = crate::experiment::with_defined(frame, experiment, |name| {
                    let at = self.analysis.producer(name)?;
                    let CellSpec::Metric { metric } = &self.notebook.cells.get(at)?.spec else {
                        return None;
                    };
                    let source = inputs.iter().find(|(n, _)| n == metric.table.trim())?;
                    Some((metric, &source.1))
                })
                .map_err(CellError::Experiment)?;
                let report = match &defined {
                    Some((frame, spec)) => crate::experiment::analyse(frame, spec),
                    None => crate::experiment::analyse(frame, experiment),
                }
                .map_err(CellError::Experiment)?;
                Ok((
                    CellOutput::Experiment {
                        report: Box::new(report),
                    },
                    None,
                    None,
                ))
            }
            CellSpec::Plan { plan } => {
                let report = crate::experiment::plan(plan).map_err(CellError::Experiment)?;
                Ok((CellOutput::Plan { report }, None, None))
            }
            CellSpec::Metric { metric } => {
                let frame = input_frame(&inputs, &metric.table)?;
                let (table, report) =
                    crate::metric::compute(frame, metric).map_err(CellError::Metric)?;
                let output = CellOutput::Metric {
                    name,
                    rows: table.height() as u64,
                    columns: schema_of(&table),
                    report: Box::new(report),
                };
                Ok((output, Some(table), None))
            }
            CellSpec::Dashboard { tiles, .. } => {
                let tiles = self.tiles(tiles).map_err(CellError::Metric)?;
                Ok((CellOutput::Dashboard { tiles }, None, None))
            }
            CellSpec::Model { input, model } => {
                let frame = input_frame(&inputs, input)?;
                let (table, report) = crate::model::fit(frame, model).map_err(CellError::Model)?;
                let output = CellOutput::Model {
                    name,
                    rows: table.height() as u64,
                    columns: schema_of(&table),
                    report: Box::new(report),
                };
                Ok((output, Some(table), None))
            }
            CellSpec::Quality { input, checks } => {
                let frame = input_frame(&inputs, input)?;
                let results = crate::quality::run(frame, checks, |other| {
                    inputs.iter().find(|(n, _)| n == other).map(|(_, f)| f)
                });
                let output = CellOutput::Checks {
                    table: input.clone(),
                    results,
                };
                Ok((output, None, None))
            }
        }
    }
}

impl Session {
    /// A dashboard's tiles: each named metric's definition and report, from the Metric cell
    /// that produced it (the graph ran it first).
    fn tiles(&self, names: &[String]) -> Result<Vec<Tile>, MetricError> {
        let names: Vec<&String> = names.iter().filter(|t| !t.trim().is_empty()).collect();
        if names.is_empty() {
            return Err(MetricError::NoTiles);
        }
        names
            .into_iter()
            .map(|name| {
                let not_metric = || MetricError::NotAMetric { name: name.clone() };
                let at = self.analysis.producer(name.trim()).ok_or_else(not_metric)?;
                let cell = self.notebook.cells.get(at).ok_or_else(not_metric)?;
                let CellSpec::Metric { metric } = &cell.spec else {
                    return Err(not_metric());
                };
                let report = match self
                    .results
                    .get(&cell.id)
                    .and_then(|r| r.status.output.as_ref())
                {
                    Some(CellOutput::Metric { report, .. }) => report,
                    _ => return Err(not_metric()),
                };
                let mut report = (**report).clone();
                // A tile shows the total; the breakdown stays in the Metric cell.
                report.series.clear();
                let keep = report.total.len().saturating_sub(TILE_PERIODS);
                report.total.drain(..keep);
                Ok(Tile {
                    cell: cell.id.clone(),
                    spec: metric.clone(),
                    source_cell: self
                        .analysis
                        .producer(metric.table.trim())
                        .map(|i| self.analysis.id(i).to_owned()),
                    report,
                })
            })
            .collect()
    }
}

/// The old and new name of a Metric cell whose name an edit changed. Clearing the name is
/// not a rename: the references keep the old name (and say it is missing) rather than all
/// pointing at "".
fn renamed_metric(before: &CellSpec, after: &CellSpec) -> Option<(String, String)> {
    match (before, after) {
        (CellSpec::Metric { metric: a }, CellSpec::Metric { metric: b })
            if a.name.trim() != b.name.trim()
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
    let swap = |name: &mut String| {
        if name.trim() == old {
            *name = new.to_owned();
        }
    };
    for cell in cells.iter_mut() {
        match &mut cell.spec {
            CellSpec::Dashboard { tiles, .. } => tiles.iter_mut().for_each(swap),
            CellSpec::Experiment { input, experiment } => {
                swap(input);
                for m in &mut experiment.metrics {
                    if let MetricKind::Defined { metric } = &mut m.kind {
                        swap(metric);
                    }
                }
            }
            CellSpec::Quality { input, checks } => {
                swap(input);
                for check in checks.iter_mut() {
                    if let quire_protocol::quality::Check::Referential { other_table, .. } = check {
                        swap(other_table);
                    }
                }
            }
            CellSpec::Chart { input, .. }
            | CellSpec::Clean { input, .. }
            | CellSpec::Model { input, .. } => swap(input),
            CellSpec::Metric { metric } => swap(&mut metric.table),
            CellSpec::Markdown { .. }
            | CellSpec::Data { .. }
            | CellSpec::Sql { .. }
            | CellSpec::Plan { .. } => {}
        }
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

/// Periods a dashboard tile carries (its sparkline).
const TILE_PERIODS: usize = 60;

/// The input table `name` among a cell's inputs (the graph gave them all).
fn input_frame<'a>(
    inputs: &'a [(String, DataFrame)],
    name: &str,
) -> Result<&'a DataFrame, CellError> {
    inputs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, f)| f)
        .ok_or_else(|| CellError::MissingTable {
            name: name.to_owned(),
        })
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

/// The page's column schema of a polars frame.
pub fn schema_of(frame: &DataFrame) -> Vec<ColumnSchema> {
    frame
        .get_columns()
        .iter()
        .map(|c| ColumnSchema {
            name: c.name().to_string(),
            dtype: column_type(c.dtype()),
            nulls: c.null_count() as u64,
        })
        .collect()
}

/// How a polars type shows in the page.
pub fn column_type(dtype: &DataType) -> ColumnType {
    match dtype {
        DataType::Boolean => ColumnType::Boolean,
        d if d.is_integer() => ColumnType::Integer,
        d if d.is_float() => ColumnType::Float,
        DataType::Date => ColumnType::Date,
        DataType::Datetime(..) => ColumnType::Datetime,
        _ => ColumnType::Text,
    }
}
