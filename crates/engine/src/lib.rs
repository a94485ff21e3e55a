//! Quire's engine: everything that touches data, with no web dependency.
//!
//! It builds natively (tests, the CLI) and for `wasm32-unknown-unknown` (the page's worker);
//! the same code answers both. Callers speak [`quire_protocol`] types; polars stays inside.

pub mod cells;
pub mod error;
pub mod ingest;
pub mod workspace;

pub use error::EngineError;
pub use ingest::{Ingested, Limits, read_csv};
pub use workspace::{Table, Workspace};
