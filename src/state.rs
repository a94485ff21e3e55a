//! The page's reactive state and how worker replies change it.

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;
use quire_protocol::{
    Cell, CellId, FromWorker, NotebookView, RequestId, SaveKind, Stage, ToWorker, ViewUpdate,
    WorkerError,
};

use quire_protocol::profile::Profile;

use crate::i18n::Lang;
use crate::{engine, grid, perf, storage};

#[derive(Clone, Debug, PartialEq)]
pub enum EngineStatus {
    Loading,
    Ready,
    Crashed(String),
}

/// One cell as its component sees it: the cell, its position, its status.
pub type Entry = (
    quire_protocol::notebook::Cell,
    usize,
    Option<quire_protocol::CellStatus>,
);

/// Rows of a table as the grid shows them.
pub type RowPage = Vec<Vec<Cell>>;

/// A long request under way (reading a file).
#[derive(Clone, Debug, PartialEq)]
pub struct Job {
    pub id: RequestId,
    pub cell: Option<CellId>,
    pub stage: Stage,
    pub fraction: f32,
}

/// A file the worker made, ready to download.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedFile {
    pub kind: SaveKind,
    pub file_name: String,
    pub bytes: u64,
    /// An object URL for the bytes, or the share link.
    pub href: String,
}

/// Problems that are not a cell's: shown in a banner until dismissed.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    Request(WorkerError),
    /// The browser refused to store more (quota): what was saved before stays.
    StorageFull,
    StorageFailed(String),
}

/// Everything the components read. Signals are `Copy`, so the whole state is too.
#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub engine: RwSignal<EngineStatus>,
    pub job: RwSignal<Option<Job>>,
    pub view: RwSignal<Option<NotebookView>>,
    /// Each cell as its component reads it, by id: an update sets only the cells it touched,
    /// so a component re-renders when its own cell changed, not when any did.
    cells: StoredValue<HashMap<CellId, ArcRwSignal<Option<Entry>>>>,
    pub notice: RwSignal<Option<Notice>>,
    pub saved: RwSignal<Option<SavedFile>>,
    /// The autosave key of the open notebook.
    pub key: RwSignal<String>,
    /// Pages of rows by (table, page index).
    pub pages: RwSignal<HashMap<(String, u64), RowPage>>,
    /// Cells whose text was edited in the page and not run yet.
    pub edited: RwSignal<HashSet<CellId>>,
    /// Bumped whenever cached rows may be out of date; grids re-ask.
    pub generation: RwSignal<u64>,
    /// Profiles of tables, by table name; cleared when the notebook changes.
    pub profiles: RwSignal<HashMap<String, Profile>>,
    profiles_asked: RwSignal<HashSet<String>>,
    requested: RwSignal<HashSet<(String, u64)>>,
    /// Row requests in flight: a grid may ask for a table that an edit just renamed, and
    /// that failure is not news for the user.
    row_requests: RwSignal<HashSet<RequestId>>,
}

impl AppState {
    pub fn new(lang: Lang) -> Self {
        AppState {
            lang: RwSignal::new(lang),
            engine: RwSignal::new(EngineStatus::Loading),
            job: RwSignal::new(None),
            view: RwSignal::new(None),
            cells: StoredValue::new(HashMap::new()),
            notice: RwSignal::new(None),
            saved: RwSignal::new(None),
            key: RwSignal::new(storage::new_key()),
            pages: RwSignal::new(HashMap::new()),
            edited: RwSignal::new(HashSet::new()),
            generation: RwSignal::new(0),
            profiles: RwSignal::new(HashMap::new()),
            profiles_asked: RwSignal::new(HashSet::new()),
            requested: RwSignal::new(HashSet::new()),
            row_requests: RwSignal::new(HashSet::new()),
        }
    }

    /// The cell with this id, as a signal that changes only when that cell does.
    pub fn cell(&self, id: &str) -> ArcRwSignal<Option<Entry>> {
        if let Some(signal) = self.cells.with_value(|c| c.get(id).cloned()) {
            return signal;
        }
        let entry = self
            .view
            .with_untracked(|v| v.as_ref().and_then(|v| entry(v, id)));
        let signal = ArcRwSignal::new(entry);
        self.cells
            .update_value(|c| drop(c.insert(id.to_owned(), signal.clone())));
        signal
    }

    /// Sets the entries of the cells in `touched` (every cell when `None`) and of cells that
    /// moved; empties those of cells that are gone.
    fn refresh_cells(&self, touched: Option<&HashSet<CellId>>) {
        self.view.with_untracked(|v| {
            let Some(v) = v.as_ref() else { return };
            self.cells.update_value(|cells| {
                let ids: HashSet<&str> = v.notebook.cells.iter().map(|c| c.id.as_str()).collect();
                cells.retain(|id, signal| {
                    let keep = ids.contains(id.as_str());
                    if !keep {
                        signal.set(None);
                    }
                    keep
                });
                for (id, signal) in cells.iter() {
                    let moved = || {
                        let now = v.notebook.cells.iter().position(|c| &c.id == id);
                        signal.with_untracked(|e| e.as_ref().map(|e| e.1)) != now
                    };
                    if touched.is_none_or(|t| t.contains(id)) || moved() {
                        signal.set(entry(v, id));
                    }
                }
            });
        });
    }

    pub fn busy(&self) -> bool {
        self.job.with(Option::is_some)
    }

    /// Sends a request that may take a while (reading data): shows progress until it answers.
    pub fn send_job(
        &self,
        request: &ToWorker,
        cell: Option<CellId>,
        bytes: Option<js_sys::ArrayBuffer>,
    ) {
        self.job.set(Some(Job {
            id: request.id(),
            cell,
            stage: Stage::Decoding,
            fraction: 0.0,
        }));
        match bytes {
            Some(b) => engine::send_with_bytes(request, b),
            None => engine::send(request),
        }
    }

    /// Asks the worker for any page of `table` in `pages` not asked for yet.
    pub fn want_pages(&self, table: &str, pages: std::ops::RangeInclusive<u64>) {
        for page in pages {
            let key = (table.to_owned(), page);
            let new = self
                .requested
                .try_update_untracked(|r| r.insert(key))
                .unwrap_or(false);
            if new {
                let id = engine::next_id();
                self.row_requests.update_untracked(|r| {
                    r.insert(id);
                });
                engine::send(&ToWorker::Rows {
                    id,
                    table: table.to_owned(),
                    offset: page * grid::PAGE,
                    limit: grid::PAGE as u32,
                });
            }
        }
    }

    /// Asks the worker for the profile of `table` unless it is known or asked for already.
    pub fn want_profile(&self, table: &str) {
        let new = self
            .profiles_asked
            .try_update_untracked(|a| a.insert(table.to_owned()))
            .unwrap_or(false);
        if new {
            engine::send(&ToWorker::Profile {
                id: engine::next_id(),
                table: table.to_owned(),
            });
        }
    }

    pub fn on_message(&self, message: FromWorker, bytes: Option<js_sys::ArrayBuffer>) {
        match message {
            FromWorker::Ready { .. } => {
                perf::mark("quire-engine-ready");
                self.engine.set(EngineStatus::Ready);
            }
            FromWorker::Progress {
                id,
                cell,
                stage,
                fraction,
            } => {
                self.job.update(|job| {
                    if let Some(job) = job.as_mut().filter(|j| j.id == id) {
                        job.cell = Some(cell);
                        job.stage = stage;
                        job.fraction = fraction;
                    }
                });
            }
            FromWorker::Notebook { id, update } => {
                self.finish_job(id);
                // Rows and profiles stay cached for the tables no cell re-made.
                let changed = self
                    .view
                    .with_untracked(|v| changed_tables(v.as_ref(), &update));
                let stale = |table: &String| changed.as_ref().is_none_or(|c| c.contains(table));
                self.requested
                    .update_untracked(|r| r.retain(|(t, _)| !stale(t)));
                self.pages.update(|p| p.retain(|(t, _), _| !stale(t)));
                self.profiles_asked
                    .update_untracked(|a| a.retain(|t| !stale(t)));
                self.profiles.update(|p| p.retain(|t, _| !stale(t)));
                self.generation.update(|g| *g += 1);
                let autosave = update.file.is_some();
                let touched: Option<HashSet<CellId>> = (!update.full).then(|| {
                    let cells = update.cells.iter().map(|c| c.id.clone());
                    cells
                        .chain(update.statuses.iter().map(|s| s.id.clone()))
                        .collect()
                });
                if update.full {
                    self.view.set(Some(NotebookView::from_update(*update)));
                } else {
                    self.view.update(|v| match v {
                        Some(v) => v.apply(*update),
                        None => *v = Some(NotebookView::from_update(*update)),
                    });
                }
                self.refresh_cells(touched.as_ref());
                self.view.with_untracked(|v| {
                    if let Some(view) = v {
                        if autosave {
                            storage::autosave(*self, view);
                        }
                        storage::fill_missing_data(*self, view);
                    }
                });
                perf::mark("quire-notebook-updated");
            }
            FromWorker::Rows {
                id,
                table,
                offset,
                rows,
            } => {
                self.row_requests.update_untracked(|r| {
                    r.remove(&id);
                });
                self.pages.update(|p| {
                    p.insert((table, offset / grid::PAGE), rows);
                });
            }
            FromWorker::Saved {
                id,
                kind,
                file_name,
                bytes: size,
                link,
            } => {
                self.finish_job(id);
                let href = match (link, bytes) {
                    (Some(fragment), _) => share_url(&fragment),
                    (None, Some(buffer)) => {
                        crate::download::object_url(&buffer, &file_name).unwrap_or_default()
                    }
                    (None, None) => String::new(),
                };
                if kind == SaveKind::Notebook {
                    crate::download::trigger(&href, &file_name);
                }
                self.saved.set(Some(SavedFile {
                    kind,
                    file_name,
                    bytes: size,
                    href,
                }));
            }
            FromWorker::Profile { profile, .. } => {
                perf::mark("quire-profile-shown");
                self.profiles.update(|p| {
                    p.insert(profile.table.clone(), profile);
                });
            }
            FromWorker::Exported { file_name, .. } => {
                if let Some(href) = bytes
                    .as_ref()
                    .and_then(|b| crate::download::object_url(b, &file_name))
                {
                    crate::download::trigger(&href, &file_name);
                }
            }
            FromWorker::Failed { id, error } => {
                self.finish_job(id);
                let stale_rows = self
                    .row_requests
                    .try_update_untracked(|r| r.remove(&id))
                    .unwrap_or(false);
                if stale_rows && matches!(error, WorkerError::UnknownTable { .. }) {
                    return;
                }
                self.notice.set(Some(Notice::Request(error)));
            }
        }
    }

    fn finish_job(&self, id: RequestId) {
        if self
            .job
            .with_untracked(|j| j.as_ref().is_some_and(|j| j.id == id))
        {
            self.job.set(None);
        }
    }

    /// Marks a cell's text as edited (or not) since it last ran.
    pub fn set_edited(&self, id: &str, edited: bool) {
        let changed = self.edited.with_untracked(|e| e.contains(id) != edited);
        if changed {
            self.edited.update(|e| {
                if edited {
                    e.insert(id.to_owned());
                } else {
                    e.remove(id);
                }
            });
        }
    }

    /// Sends an edit of the notebook.
    pub fn edit(&self, edit: quire_protocol::Edit) {
        let request = ToWorker::Edit {
            id: engine::next_id(),
            edit,
        };
        self.send_job(&request, None, None);
    }
}

/// This page's address with `fragment` after the `#`.
fn share_url(fragment: &str) -> String {
    let location = web_sys::window().map(|w| w.location());
    let base = location
        .and_then(|l| Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?)))
        .unwrap_or_default();
    format!("{base}#{fragment}")
}

/// The state a cell shows: the engine's, unless the page knows better — its data is being
/// read right now (running), or its text was edited and not run (stale).
pub fn shown_state(
    engine: quire_protocol::CellState,
    running: bool,
    edited: bool,
) -> quire_protocol::CellState {
    use quire_protocol::CellState;
    if running {
        CellState::Running
    } else if edited {
        CellState::Stale
    } else {
        engine
    }
}

/// The cell `id` of a view with its position and status.
pub fn entry(view: &NotebookView, id: &str) -> Option<Entry> {
    let index = view.notebook.cells.iter().position(|c| c.id == id)?;
    let cell = view.notebook.cells.get(index)?.clone();
    let status = view.statuses.iter().find(|s| s.id == id).cloned();
    Some((cell, index, status))
}

/// The tables an update re-made or renamed (their cached rows and profiles are stale), by the
/// names before and after; `None` when everything is (a notebook opened).
pub fn changed_tables(view: Option<&NotebookView>, update: &ViewUpdate) -> Option<HashSet<String>> {
    let view = view.filter(|_| !update.full)?;
    let mut tables = HashSet::new();
    for status in &update.statuses {
        let before = view.statuses.iter().find(|s| s.id == status.id);
        for output in before
            .and_then(|s| s.output.as_ref())
            .into_iter()
            .chain(&status.output)
        {
            if let Some((name, _, _)) = output.table() {
                tables.insert(name.to_owned());
            }
        }
    }
    Some(tables)
}

#[cfg(test)]
mod tests {
    use quire_protocol::CellState;

    use super::shown_state;

    #[test]
    fn the_page_knows_running_and_stale() {
        assert_eq!(
            shown_state(CellState::UpToDate, false, false),
            CellState::UpToDate
        );
        assert_eq!(
            shown_state(CellState::UpToDate, false, true),
            CellState::Stale
        );
        assert_eq!(
            shown_state(CellState::Error, true, true),
            CellState::Running
        );
        assert_eq!(
            shown_state(CellState::Error, false, false),
            CellState::Error
        );
    }

    fn status(id: &str, table: Option<&str>) -> quire_protocol::CellStatus {
        quire_protocol::CellStatus {
            id: id.into(),
            state: CellState::UpToDate,
            error: None,
            run_ms: None,
            output: table.map(|name| quire_protocol::CellOutput::Table {
                name: name.into(),
                rows: 1,
                columns: Vec::new(),
            }),
        }
    }

    #[test]
    fn only_the_tables_a_cell_remade_or_renamed_lose_their_cached_rows() {
        use quire_protocol::{NotebookView, ViewUpdate};
        let mut view = NotebookView::from_update(ViewUpdate {
            full: true,
            ..ViewUpdate::default()
        });
        view.statuses = vec![status("a", Some("orders")), status("b", Some("totals"))];
        let update = ViewUpdate {
            statuses: vec![status("b", Some("totals_by_day"))],
            ..ViewUpdate::default()
        };
        let changed = super::changed_tables(Some(&view), &update).expect("an update");
        assert_eq!(
            changed,
            ["totals", "totals_by_day"]
                .map(str::to_owned)
                .into_iter()
                .collect()
        );
        let full = ViewUpdate {
            full: true,
            ..ViewUpdate::default()
        };
        assert_eq!(super::changed_tables(Some(&view), &full), None);
        assert_eq!(super::changed_tables(None, &update), None);
    }
}
