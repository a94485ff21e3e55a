//! The engine's one error type.

use quire_protocol::notebook::FileError;
use quire_protocol::{IngestError, WorkerError};

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("cannot read the file: {0:?}")]
    Ingest(IngestError),
    #[error("no table named {0:?}")]
    UnknownTable(String),
    #[error("{0:?} is not a usable table name")]
    InvalidName(String),
    #[error("a table named {0:?} exists already")]
    NameTaken(String),
    #[error("no cell with id {0:?}")]
    UnknownCell(String),
    #[error("a cell with id {0:?} exists already")]
    DuplicateCell(String),
    #[error("cannot open the notebook: {0:?}")]
    File(FileError),
    /// Writing a bundle failed (the ZIP writer's message).
    #[error("cannot write the bundle: {0}")]
    Bundle(String),
    /// Something this build cannot do.
    #[error("{0}")]
    Unsupported(String),
    #[error("polars: {0}")]
    Polars(#[from] polars::error::PolarsError),
}

impl From<IngestError> for EngineError {
    fn from(e: IngestError) -> Self {
        EngineError::Ingest(e)
    }
}

impl From<FileError> for EngineError {
    fn from(e: FileError) -> Self {
        EngineError::File(e)
    }
}

impl From<EngineError> for WorkerError {
    fn from(e: EngineError) -> Self {
        match e {
            EngineError::Ingest(e) => WorkerError::Ingest(e),
            EngineError::File(e) => WorkerError::File(e),
            EngineError::UnknownTable(name) => WorkerError::UnknownTable { name },
            EngineError::UnknownCell(id) => WorkerError::UnknownCell { id },
            EngineError::InvalidName(name) => WorkerError::InvalidName { name },
            EngineError::NameTaken(name) => WorkerError::NameTaken { name },
            EngineError::DuplicateCell(id) => WorkerError::DuplicateCell { id },
            e @ (EngineError::Bundle(_) | EngineError::Polars(_) | EngineError::Unsupported(_)) => {
                WorkerError::Internal {
                    message: e.to_string(),
                }
            }
        }
    }
}
