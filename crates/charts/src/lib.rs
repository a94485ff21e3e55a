//! Quire's charts: a chart spec drawn with plotters on any backend — `<canvas>` in the page,
//! SVG natively (so every chart is snapshot-testable without a browser).
//!
//! The crate takes plain column data, never polars types: the worker prepares the numbers and
//! the page draws them, so the page's wasm need not link polars.

pub mod dashboard;
pub mod draw;

pub use quire_numerics as prepare;
pub use quire_protocol::chart as spec;
/// The language of the words a chart draws (notes, bin rule, "nothing to draw"); the words
/// themselves are `quire_words::chart`.
pub use quire_words::Lang;

pub use dashboard::{TileFace, draw_dashboard};
pub use draw::{Frame, draw, nearest, notes};
use plotters::style::RGBColor;
pub use spec::{ChartData, ChartKind, ChartSpec};

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ChartError {
    #[error("nothing to draw")]
    Empty,
    #[error("labels and values differ in length ({labels} vs {values})")]
    Mismatch { labels: usize, values: usize },
    #[error("drawing failed: {0}")]
    Backend(String),
}

/// The palette: Okabe–Ito, distinguishable for the common colour-vision deficiencies.
pub const PALETTE: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
    RGBColor(240, 228, 66),
    RGBColor(0, 0, 0),
];
