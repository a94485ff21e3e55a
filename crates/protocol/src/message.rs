//! Every message between the page and the engine worker, in one place.
//!
//! Messages travel as JSON text (small, debuggable, the same on every browser). Raw file bytes
//! never go through JSON: a request that carries a file sends its `ArrayBuffer` beside the text,
//! as a transferable, so 20 MB move without a copy.

use serde::{Deserialize, Serialize};

use crate::csv::{IngestError, ParseReport};
use crate::notebook::{
    Cell as NotebookCell, CellId, CellStatus, DataMismatch, DataSource, Edit, FileError, Notebook,
};
use crate::profile::Profile;
use crate::value::Cell;

/// A data file travelling after a notebook in [`ToWorker::OpenFile`]'s bytes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataPart {
    pub source: String,
    pub bytes: u64,
}

/// Chosen by the page; the worker echoes it on every reply to that request.
pub type RequestId = u64;

/// Page → worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Start over with this notebook (from autosave or a share link). Data comes separately.
    Open {
        id: RequestId,
        notebook: Notebook,
        manifest: Vec<DataSource>,
    },
    /// Open a notebook file or bundle whose bytes travel beside this message, followed by
    /// the bytes of each of `data` in order (a tab restoring its notebook with the files it
    /// kept): the notebook runs once, with its data.
    OpenFile {
        id: RequestId,
        #[serde(default)]
        data: Vec<DataPart>,
    },
    /// Open the notebook carried in a share link's fragment (the text after `#`).
    OpenShared {
        id: RequestId,
        fragment: String,
    },
    /// The raw bytes of a data source travel beside this message.
    AttachData {
        id: RequestId,
        source: String,
    },
    Edit {
        id: RequestId,
        edit: Edit,
    },
    Undo {
        id: RequestId,
    },
    Redo {
        id: RequestId,
    },
    /// Run a cell and everything that depends on it.
    Run {
        id: RequestId,
        cell: CellId,
    },
    /// A window of rows of a table, for a grid.
    Rows {
        id: RequestId,
        table: String,
        offset: u64,
        limit: u32,
    },
    /// Make a file of the notebook (or a share link) and send it back.
    Save {
        id: RequestId,
        kind: SaveKind,
    },
    /// Profile a table: per column types, nulls, distinct values, statistics, a histogram.
    Profile {
        id: RequestId,
        table: String,
    },
    /// Write a table as a file and send it back.
    Export {
        id: RequestId,
        table: String,
        format: ExportFormat,
    },
}

impl ToWorker {
    pub fn id(&self) -> RequestId {
        match self {
            ToWorker::Open { id, .. }
            | ToWorker::OpenFile { id, .. }
            | ToWorker::OpenShared { id, .. }
            | ToWorker::AttachData { id, .. }
            | ToWorker::Edit { id, .. }
            | ToWorker::Undo { id }
            | ToWorker::Redo { id }
            | ToWorker::Run { id, .. }
            | ToWorker::Rows { id, .. }
            | ToWorker::Save { id, .. }
            | ToWorker::Profile { id, .. }
            | ToWorker::Export { id, .. } => *id,
        }
    }
}

/// What [`ToWorker::Save`] makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SaveKind {
    /// The notebook JSON with its data manifest, without data.
    Notebook,
    /// One compressed file with the notebook and all its data.
    Bundle,
    /// The notebook without data, compressed into a URL fragment.
    ShareLink,
}

/// What [`ToWorker::Export`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportFormat {
    /// UTF-8 CSV; with a byte-order mark when `bom`, so Excel reads Korean text right. With
    /// `safe` (the default), a text cell starting with `=`, `+`, `-`, `@`, tab or CR gets a `'`
    /// first, so a spreadsheet does not run it as a formula (OWASP's CSV injection advice);
    /// numbers are never touched.
    Csv {
        bom: bool,
        #[serde(default = "yes")]
        safe: bool,
    },
    Parquet,
}

fn yes() -> bool {
    true
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv { .. } => "csv",
            ExportFormat::Parquet => "parquet",
        }
    }
}

/// The steps of reading a file, for the progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    Decoding,
    Scanning,
    Parsing,
    Typing,
}

/// Everything the page shows of a notebook: the page keeps one, built from a full
/// [`ViewUpdate`] when a notebook opens and changed by each later one ([`NotebookView::apply`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NotebookView {
    pub notebook: Notebook,
    pub manifest: Vec<DataSource>,
    /// One per cell, in cell order.
    pub statuses: Vec<CellStatus>,
    /// Sources whose bytes are loaded.
    pub attached: Vec<String>,
    /// Sources whose offered file differs from the manifest.
    pub mismatches: Vec<(String, DataMismatch)>,
    /// Parse reports of the data cells that ran, by cell id.
    pub reports: Vec<(CellId, ParseReport)>,
    pub can_undo: bool,
    pub can_redo: bool,
    /// The notebook as a current-version file (what Save writes): the page autosaves this,
    /// so restoring goes through the same upgrade chain as opening a file.
    pub file: String,
}

/// What changed in the notebook since the worker's last update: after an edit, the cells that
/// ran and the cells that changed, never the results nobody touched. `full` marks a whole view
/// (a notebook opened): then every cell, status and report is in it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ViewUpdate {
    pub full: bool,
    pub title: String,
    /// Every cell's id, in document order.
    pub order: Vec<CellId>,
    /// The cells that are new or changed (spec or folding), as they are now.
    pub cells: Vec<NotebookCell>,
    /// The statuses that changed (the cells that ran), in document order.
    pub statuses: Vec<CellStatus>,
    /// Parse reports of the data cells among `statuses` that have one.
    pub reports: Vec<(CellId, ParseReport)>,
    /// The data manifest, when it changed.
    pub manifest: Option<Vec<DataSource>>,
    pub attached: Vec<String>,
    pub mismatches: Vec<(String, DataMismatch)>,
    pub can_undo: bool,
    pub can_redo: bool,
    /// The notebook as a current-version file, when the document or its manifest changed (the
    /// page autosaves it, so restoring goes through the same upgrade chain as opening a file).
    pub file: Option<String>,
}

impl NotebookView {
    /// The view a full update describes.
    pub fn from_update(update: ViewUpdate) -> Self {
        let mut view = NotebookView {
            notebook: Notebook::default(),
            manifest: Vec::new(),
            statuses: Vec::new(),
            attached: Vec::new(),
            mismatches: Vec::new(),
            reports: Vec::new(),
            can_undo: false,
            can_redo: false,
            file: String::new(),
        };
        view.apply(update);
        view
    }

    /// Brings the view up to date. Cells, statuses and reports are matched by cell id, so an
    /// update costs what it changed; cells no longer in `order` are dropped with their results.
    pub fn apply(&mut self, update: ViewUpdate) {
        use std::collections::HashMap;
        if update.full {
            self.notebook.cells.clear();
            self.statuses.clear();
            self.reports.clear();
        }
        let mut cells: HashMap<CellId, NotebookCell> = std::mem::take(&mut self.notebook.cells)
            .into_iter()
            .map(|c| (c.id.clone(), c))
            .collect();
        cells.extend(update.cells.into_iter().map(|c| (c.id.clone(), c)));
        let mut statuses: HashMap<CellId, CellStatus> = std::mem::take(&mut self.statuses)
            .into_iter()
            .map(|s| (s.id.clone(), s))
            .collect();
        let ran: Vec<CellId> = update.statuses.iter().map(|s| s.id.clone()).collect();
        statuses.extend(update.statuses.into_iter().map(|s| (s.id.clone(), s)));
        let mut reports: HashMap<CellId, ParseReport> = std::mem::take(&mut self.reports)
            .into_iter()
            .filter(|(id, _)| !ran.contains(id))
            .collect();
        reports.extend(update.reports);
        self.notebook.title = update.title;
        for id in &update.order {
            if let Some(cell) = cells.remove(id) {
                let status = statuses.remove(id).unwrap_or_else(|| CellStatus {
                    id: id.clone(),
                    state: crate::CellState::Stale,
                    error: None,
                    run_ms: None,
                    output: None,
                });
                if let Some(report) = reports.remove(id) {
                    self.reports.push((id.clone(), report));
                }
                self.notebook.cells.push(cell);
                self.statuses.push(status);
            }
        }
        if let Some(manifest) = update.manifest {
            self.manifest = manifest;
        }
        self.attached = update.attached;
        self.mismatches = update.mismatches;
        self.can_undo = update.can_undo;
        self.can_redo = update.can_redo;
        if let Some(file) = update.file {
            self.file = file;
        }
    }
}

/// Why a request failed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum WorkerError {
    File(FileError),
    /// Bytes offered as data that cannot be read at all.
    Ingest(IngestError),
    UnknownTable {
        name: String,
    },
    UnknownCell {
        id: CellId,
    },
    /// The edit does not fit the notebook: a table name that cannot be one,
    InvalidName {
        name: String,
    },
    /// a table name another cell already makes,
    NameTaken {
        name: String,
    },
    /// a cell id used twice.
    DuplicateCell {
        id: CellId,
    },
    /// The request did not arrive intact (a page/worker version mismatch or a bug).
    BadRequest {
        message: String,
    },
    /// The engine failed where it should not have; the message is for a bug report.
    Internal {
        message: String,
    },
}

/// Worker → page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The engine's wasm is compiled and listening. Sent once, first.
    Ready {
        version: String,
    },
    Progress {
        id: RequestId,
        cell: CellId,
        stage: Stage,
        /// 0.0 ..= 1.0 within the whole load.
        fraction: f32,
    },
    /// What a request changed in the notebook (or the whole of it, when it opened one).
    Notebook {
        id: RequestId,
        update: Box<ViewUpdate>,
    },
    Rows {
        id: RequestId,
        table: String,
        offset: u64,
        rows: Vec<Vec<Cell>>,
    },
    /// A made file: its bytes travel beside this message (none for a share link).
    Saved {
        id: RequestId,
        kind: SaveKind,
        file_name: String,
        bytes: u64,
        link: Option<String>,
    },
    Profile {
        id: RequestId,
        profile: Profile,
    },
    /// An exported table: its bytes travel beside this message.
    Exported {
        id: RequestId,
        table: String,
        file_name: String,
        bytes: u64,
    },
    Failed {
        id: RequestId,
        error: WorkerError,
    },
}

/// A message that could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProtocolError(pub String);

impl std::fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "malformed message: {}", self.0)
    }
}

impl std::error::Error for ProtocolError {}

macro_rules! json_codec {
    ($ty:ty) => {
        impl $ty {
            pub fn to_json(&self) -> String {
                // Serialising these plain enums cannot fail: no maps with non-string keys, no
                // custom Serialize impls.
                serde_json::to_string(self)
                    .unwrap_or_else(|e| format!("{{\"encode error\":\"{e}\"}}"))
            }
            pub fn from_json(text: &str) -> Result<Self, ProtocolError> {
                serde_json::from_str(text).map_err(|e| ProtocolError(e.to_string()))
            }
        }
    };
}
json_codec!(ToWorker);
json_codec!(FromWorker);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv::*;
    use crate::kinds;
    use crate::notebook::{Cell, CellSpec};

    #[test]
    fn requests_round_trip() {
        let msg = ToWorker::Edit {
            id: 7,
            edit: Edit::Insert {
                index: 0,
                cell: Cell {
                    id: "c1".into(),
                    collapsed: false,
                    spec: CellSpec::Data(kinds::Data {
                        table: "매출".into(),
                        source: "매출.csv".into(),
                        options: ParseOptions {
                            encoding: EncodingChoice::Cp949,
                            delimiter: DelimiterChoice::Semicolon,
                            header: HeaderChoice::Absent,
                        },
                    }),
                },
            },
        };
        assert_eq!(ToWorker::from_json(&msg.to_json()), Ok(msg.clone()));
        assert_eq!(msg.id(), 7);
    }

    #[test]
    fn replies_round_trip() {
        let msg = FromWorker::Failed {
            id: 3,
            error: WorkerError::File(FileError::NewerVersion {
                found: 9,
                supported: 2,
            }),
        };
        assert_eq!(FromWorker::from_json(&msg.to_json()), Ok(msg));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(FromWorker::from_json("{\"Nope\":1}").is_err());
        assert!(ToWorker::from_json("not json").is_err());
    }
}
