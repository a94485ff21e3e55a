//! The page's words live in `quire-words`, with every other word Quire shows; this module
//! only re-exports them under the name the components use.

pub use quire_words::*;
