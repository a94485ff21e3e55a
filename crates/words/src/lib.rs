//! Every word Quire shows a person, in English and Korean, in one place: the page's strings
//! and messages, the words a chart draws, experiment verdicts and model summaries, every
//! error, and the CLI's text output.
//!
//! One [`Lang`] for all of them. Each text is an exhaustive `match` that gives both languages,
//! so a language missing a text does not compile; nothing is looked up by a string key. Errors
//! cross from the engine as typed values (`quire_protocol`) and become sentences only here, in
//! the reader's language: raw text from outside (a SQL parser's message, a file's values) is
//! only ever a detail inside such a sentence.
//!
//! The crate depends on `quire-protocol` alone, so the page (wasm), the charts and the CLI can
//! all use it without linking polars.

pub mod chart;
pub mod check;
pub mod cli;
mod experiment;
#[cfg(test)]
mod korean;
mod lang;
mod metric;
mod model;
mod page;
mod problems;
mod word;

pub use experiment::{missing_column, verdict_lines};
pub use lang::Lang;
pub use model::summary_lines;
pub use page::*;
pub use word::{Word, word};

/// A typed value from the protocol that reads as words in either language: an error, a
/// warning, a setting out of its range. Free functions here do the same for values that need
/// more than themselves (a report's verdict, a count with its table).
pub trait Text {
    fn text(&self, lang: Lang) -> String;
}
