//! Quire's engine: everything that touches data, with no web dependency.
//!
//! It builds natively (tests, the CLI) and for `wasm32-unknown-unknown` (the page's worker);
//! the same code answers both. Callers speak [`quire_protocol`] types; polars stays inside.
//!
//! - [`ingest`]: CSV bytes → a typed table;
//! - [`notebook`]: the [`Session`] (document, data, results, undo) and its reactive
//!   [`notebook::graph`], which knows nothing of kinds;
//! - [`kinds`]: one module per cell kind, each implementing [`kinds::Kind`];
//! - [`file`]: the versioned notebook file, bundles (notebook + data) and share links.

pub mod cells;
pub mod error;
pub mod export;
pub mod file;
pub mod ingest;
pub mod kinds;
pub mod notebook;
pub mod profile;
pub mod server;
pub mod stats;
#[cfg(test)]
mod testing;
pub mod view;

pub use error::EngineError;
pub use file::{
    Opened, from_share_fragment, open_file, share_fragment, write_bundle, write_notebook,
};
pub use ingest::{Ingested, Limits, read_csv};
pub use notebook::Session;
