//! A dashboard as one picture: its title and a grid of metric tiles (name, value, change
//! coloured by whether it is good news, period, sparkline). The page exports it as PNG from a
//! canvas; natively it draws to SVG for snapshot tests.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use quire_protocol::chart::{ChartData, ChartKind, ChartSpec, XAxis, XySeries};
use quire_protocol::metric::Trend;

use crate::ChartError;

/// What one tile shows, already written out in the reader's language and format.
#[derive(Clone, Debug, PartialEq)]
pub struct TileFace {
    pub name: String,
    /// The latest complete period's value with its unit ("4 users", "₩30").
    pub value: String,
    /// The change against the period before ("▲ +1 (+33.3%) vs 2024-W01"), or why there is none.
    pub change: String,
    pub trend: Trend,
    /// The period the value is for ("2024-W02").
    pub period: String,
    /// The incomplete current period, when there is one ("2024-01 so far: 4").
    pub note: Option<String>,
    /// The recent periods: days since 1970 and values (NaN for a gap).
    pub spark: Vec<(f64, f64)>,
}

/// Tile size in pixels, and the title band above them.
pub const TILE_HEIGHT: u32 = 170;
const TITLE_HEIGHT: u32 = 44;
const GAP: u32 = 12;

/// The picture's height for `tiles` tiles in `columns` columns.
pub fn height(tiles: usize, columns: usize) -> u32 {
    let columns = columns.max(1);
    let rows = u32::try_from(tiles.div_ceil(columns)).unwrap_or(1).max(1);
    TITLE_HEIGHT + rows * (TILE_HEIGHT + GAP) + GAP
}

const GOOD: RGBColor = RGBColor(0, 140, 100);
const BAD: RGBColor = RGBColor(213, 94, 0);
const SOFT: RGBColor = RGBColor(110, 110, 110);
const INK: RGBColor = RGBColor(30, 30, 30);

/// The colour of a change: a darker Okabe–Ito bluish green for good news, vermillion for bad,
/// grey for none.
pub fn trend_color(trend: Trend) -> &'static RGBColor {
    match trend {
        Trend::Good => &GOOD,
        Trend::Bad => &BAD,
        Trend::Flat => &SOFT,
    }
}

fn text(size: u32, color: &'static RGBColor) -> TextStyle<'static> {
    TextStyle::from((FONT, size).into_font()).color(color)
}

const FONT: &str = "sans-serif";

fn err<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> ChartError {
    ChartError::Backend(e.to_string())
}

/// Draws the dashboard filling `area` (sized by [`height`]).
pub fn draw_dashboard<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    tiles: &[TileFace],
    columns: usize,
) -> Result<(), ChartError> {
    area.fill(&WHITE).map_err(err)?;
    if tiles.is_empty() {
        return Err(ChartError::Empty);
    }
    let columns = columns.max(1);
    let (width, _) = area.dim_in_pixel();
    area.draw_text(title, &text(22, &INK), (GAP as i32, 12))
        .map_err(err)?;
    let tile_width = (width.saturating_sub(GAP * (columns as u32 + 1))) / columns as u32;
    for (i, tile) in tiles.iter().enumerate() {
        let (row, col) = ((i / columns) as u32, (i % columns) as u32);
        let x = (GAP + col * (tile_width + GAP)) as i32;
        let y = (TITLE_HEIGHT + row * (TILE_HEIGHT + GAP)) as i32;
        let (w, h) = (tile_width as i32, TILE_HEIGHT as i32);
        area.draw(&Rectangle::new(
            [(x, y), (x + w, y + h)],
            RGBColor(200, 200, 200).stroke_width(1),
        ))
        .map_err(err)?;
        area.draw_text(&tile.name, &text(14, &SOFT), (x + 12, y + 10))
            .map_err(err)?;
        area.draw_text(&tile.value, &text(28, &INK), (x + 12, y + 30))
            .map_err(err)?;
        area.draw_text(
            &tile.change,
            &text(14, trend_color(tile.trend)),
            (x + 12, y + 66),
        )
        .map_err(err)?;
        let period = text(12, &SOFT).pos(Pos::new(HPos::Right, VPos::Top));
        area.draw_text(&tile.period, &period, (x + w - 10, y + 12))
            .map_err(err)?;
        if let Some(note) = &tile.note {
            area.draw_text(note, &text(12, &SOFT), (x + 12, y + 86))
                .map_err(err)?;
        }
        if tile.spark.iter().any(|(_, v)| v.is_finite()) {
            let spark = area.clone().shrink((x + 8, y + 104), (tile_width - 16, 58));
            let data = ChartData::Xy {
                axis: XAxis::Days,
                series: vec![XySeries {
                    name: tile.name.clone(),
                    x: tile.spark.iter().map(|p| p.0).collect(),
                    y: tile.spark.iter().map(|p| p.1).collect(),
                }],
                sampled: None,
            };
            let spec = ChartSpec::new(ChartKind::Spark, None, &[]);
            // A sparkline draws no words, so its language does not matter.
            crate::draw::paint(&spark, &spec, &data, crate::Lang::En)?;
        }
    }
    area.present().map_err(err)?;
    Ok(())
}
