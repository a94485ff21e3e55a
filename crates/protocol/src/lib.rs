//! The typed vocabulary that Quire's page, worker and engine share.
//!
//! Nothing here links polars or the DOM: the page's wasm depends on this crate, so it must stay
//! small and pure (serde only). Messages between the page and the engine's Web Worker are defined
//! in [`message`] and nowhere else.

pub mod calendar;
pub mod chart;
pub mod clean;
pub mod csv;
pub mod experiment;
pub mod kinds;
pub mod message;
pub mod metric;
pub mod model;
pub mod names;
pub mod notebook;
pub mod profile;
pub mod quality;
pub mod value;

pub use csv::{
    BadCell, BinaryKind, ColumnSchema, ColumnType, DelimiterChoice, Encoding, EncodingChoice,
    HeaderChoice, IngestError, IngestWarning, ParseOptions, ParseReport,
};
pub use message::{
    DataPart, FromWorker, NotebookView, ProtocolError, RequestId, SaveKind, Stage, ToWorker,
    ViewUpdate, WorkerError,
};
pub use notebook::{
    CellError, CellId, CellKind, CellOutput, CellSpec, CellState, CellStatus, DataMismatch,
    DataSource, Edit, FileError, Notebook,
};
pub use value::Cell;
