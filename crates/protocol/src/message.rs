//! Every message between the page and the engine worker, in one place.
//!
//! Messages travel as JSON text (small, debuggable, the same on every browser). Raw file bytes
//! never go through JSON: a request that carries a file sends its `ArrayBuffer` beside the text,
//! as a transferable, so 20 MB move without a copy.

use serde::{Deserialize, Serialize};

use crate::csv::{IngestError, ParseOptions, ParseReport};
use crate::value::Cell;

/// Chosen by the page; the worker echoes it on every reply to that request.
pub type RequestId = u64;

/// Page → worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Load a CSV whose bytes travel beside this message. `name` is the wanted table name;
    /// an existing table of that name is replaced.
    LoadCsv {
        id: RequestId,
        name: String,
        options: ParseOptions,
    },
    /// Read the kept bytes of a table again with other options (no new upload).
    Reparse {
        id: RequestId,
        table: String,
        options: ParseOptions,
    },
    /// A window of rows for the grid.
    Rows {
        id: RequestId,
        table: String,
        offset: u64,
        limit: u32,
    },
    Rename {
        id: RequestId,
        from: String,
        to: String,
    },
}

impl ToWorker {
    pub fn id(&self) -> RequestId {
        match self {
            ToWorker::LoadCsv { id, .. }
            | ToWorker::Reparse { id, .. }
            | ToWorker::Rows { id, .. }
            | ToWorker::Rename { id, .. } => *id,
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

/// A loaded table as the page knows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TableInfo {
    pub name: String,
    pub options: ParseOptions,
    pub report: ParseReport,
    /// Milliseconds the worker spent reading the file.
    pub parse_ms: f64,
}

/// Why a request failed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum WorkerError {
    Ingest(IngestError),
    UnknownTable {
        name: String,
    },
    /// A table name must have a visible character and no more than 64 characters.
    InvalidName {
        name: String,
    },
    NameTaken {
        name: String,
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
        stage: Stage,
        /// 0.0 ..= 1.0 within the whole load.
        fraction: f32,
    },
    Loaded {
        id: RequestId,
        table: TableInfo,
    },
    Rows {
        id: RequestId,
        table: String,
        offset: u64,
        rows: Vec<Vec<Cell>>,
    },
    Renamed {
        id: RequestId,
        from: String,
        to: String,
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

    #[test]
    fn requests_round_trip() {
        let msg = ToWorker::LoadCsv {
            id: 7,
            name: "매출".into(),
            options: ParseOptions {
                encoding: EncodingChoice::Cp949,
                delimiter: DelimiterChoice::Semicolon,
                header: HeaderChoice::Absent,
            },
        };
        assert_eq!(ToWorker::from_json(&msg.to_json()), Ok(msg.clone()));
        assert_eq!(msg.id(), 7);
    }

    #[test]
    fn replies_round_trip() {
        let msg = FromWorker::Failed {
            id: 3,
            error: WorkerError::Ingest(IngestError::RaggedRow {
                line: 12,
                column: 4,
                expected: 3,
                found: 4,
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
