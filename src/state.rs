//! The page's reactive state and how worker replies change it.

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;
use quire_protocol::{Cell, FromWorker, RequestId, Stage, TableInfo, WorkerError};

use crate::i18n::Lang;
use crate::{engine, grid, perf};

#[derive(Clone, Debug, PartialEq)]
pub enum EngineStatus {
    Loading,
    Ready,
    Crashed(String),
}

/// A load or re-parse under way.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Job {
    pub id: RequestId,
    pub stage: Stage,
    pub fraction: f32,
}

/// Everything the components read. Signals are `Copy`, so the whole state is too.
#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub engine: RwSignal<EngineStatus>,
    pub job: RwSignal<Option<Job>>,
    pub table: RwSignal<Option<TableInfo>>,
    /// Why the last load failed (shown where the file was offered).
    pub error: RwSignal<Option<WorkerError>>,
    pub rename: RwSignal<Option<(RequestId, Option<WorkerError>)>>,
    /// Pages of rows of the current table, by page index.
    pub pages: RwSignal<HashMap<u64, Vec<Vec<Cell>>>>,
    requested: RwSignal<HashSet<u64>>,
}

impl AppState {
    pub fn new(lang: Lang) -> Self {
        AppState {
            lang: RwSignal::new(lang),
            engine: RwSignal::new(EngineStatus::Loading),
            job: RwSignal::new(None),
            table: RwSignal::new(None),
            error: RwSignal::new(None),
            rename: RwSignal::new(None),
            pages: RwSignal::new(HashMap::new()),
            requested: RwSignal::new(HashSet::new()),
        }
    }

    pub fn busy(&self) -> bool {
        self.job.with(Option::is_some)
    }

    /// Starts a load or re-parse whose request id is `id`.
    pub fn begin_job(&self, id: RequestId) {
        self.error.set(None);
        self.job.set(Some(Job {
            id,
            stage: Stage::Decoding,
            fraction: 0.0,
        }));
    }

    /// Asks the worker for any page of the current table in `pages` not asked for yet.
    pub fn want_pages(&self, pages: std::ops::RangeInclusive<u64>) {
        let Some(table) = self
            .table
            .with_untracked(|t| t.as_ref().map(|t| t.name.clone()))
        else {
            return;
        };
        for page in pages {
            let new = self
                .requested
                .try_update_untracked(|r| r.insert(page))
                .unwrap_or(false);
            if new {
                engine::send(&quire_protocol::ToWorker::Rows {
                    id: engine::next_id(),
                    table: table.clone(),
                    offset: page * grid::PAGE,
                    limit: grid::PAGE as u32,
                });
            }
        }
    }

    pub fn on_message(&self, message: FromWorker) {
        match message {
            FromWorker::Ready { .. } => {
                perf::mark("quire-engine-ready");
                self.engine.set(EngineStatus::Ready);
            }
            FromWorker::Progress {
                id,
                stage,
                fraction,
            } => {
                self.job.update(|job| {
                    if let Some(job) = job.as_mut().filter(|j| j.id == id) {
                        job.stage = stage;
                        job.fraction = fraction;
                    }
                });
            }
            FromWorker::Loaded { id, table } => {
                if self.job.with_untracked(|j| j.is_some_and(|j| j.id == id)) {
                    self.job.set(None);
                    self.requested.update_untracked(HashSet::clear);
                    self.pages.set(HashMap::new());
                    self.table.set(Some(table));
                    perf::mark("quire-table-loaded");
                }
            }
            FromWorker::Rows {
                table,
                offset,
                rows,
                ..
            } => {
                let current = self
                    .table
                    .with_untracked(|t| t.as_ref().is_some_and(|t| t.name == table));
                if current {
                    self.pages.update(|p| {
                        p.insert(offset / grid::PAGE, rows);
                    });
                }
            }
            FromWorker::Renamed { id, to, .. } => {
                if self
                    .rename
                    .with_untracked(|r| r.as_ref().is_some_and(|r| r.0 == id))
                {
                    self.rename.set(None);
                    self.table.update(|t| {
                        if let Some(t) = t.as_mut() {
                            t.name = to;
                        }
                    });
                }
            }
            FromWorker::Failed { id, error } => {
                if self.job.with_untracked(|j| j.is_some_and(|j| j.id == id)) {
                    self.job.set(None);
                    self.error.set(Some(error));
                } else if self
                    .rename
                    .with_untracked(|r| r.as_ref().is_some_and(|r| r.0 == id))
                {
                    self.rename.set(Some((id, Some(error))));
                } else {
                    web_sys::console::warn_1(
                        &format!("quire: request {id} failed: {error:?}").into(),
                    );
                }
            }
        }
    }
}
