//! The engine's one error type.

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
    #[error("polars: {0}")]
    Polars(#[from] polars::error::PolarsError),
}

impl From<IngestError> for EngineError {
    fn from(e: IngestError) -> Self {
        EngineError::Ingest(e)
    }
}

impl From<EngineError> for WorkerError {
    fn from(e: EngineError) -> Self {
        match e {
            EngineError::Ingest(e) => WorkerError::Ingest(e),
            EngineError::UnknownTable(name) => WorkerError::UnknownTable { name },
            EngineError::InvalidName(name) => WorkerError::InvalidName { name },
            EngineError::NameTaken(name) => WorkerError::NameTaken { name },
            EngineError::Polars(e) => WorkerError::Internal {
                message: e.to_string(),
            },
        }
    }
}
