//! Quire's charts: a chart spec drawn with plotters on any backend — `<canvas>` in the page,
//! SVG natively (so every chart is snapshot-testable without a browser).
//!
//! The crate takes plain column data, never polars types: the worker prepares the numbers and
//! the page draws them, so the page's wasm need not link polars.

use plotters::coord::Shift;
use plotters::prelude::*;
use serde::{Deserialize, Serialize};

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

/// A bar chart of one value per label.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BarSpec {
    pub title: String,
    pub labels: Vec<String>,
    pub values: Vec<f64>,
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

/// Draws `spec` filling `area`. Non-finite values are left out.
pub fn draw_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &BarSpec,
) -> Result<(), ChartError> {
    if spec.labels.len() != spec.values.len() {
        return Err(ChartError::Mismatch {
            labels: spec.labels.len(),
            values: spec.values.len(),
        });
    }
    let finite: Vec<(usize, f64)> = spec
        .values
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, v)| v.is_finite())
        .collect();
    if finite.is_empty() {
        return Err(ChartError::Empty);
    }
    let backend = |e: DrawingAreaErrorKind<DB::ErrorType>| ChartError::Backend(e.to_string());
    let top = finite.iter().map(|(_, v)| *v).fold(0.0_f64, f64::max);
    let bottom = finite.iter().map(|(_, v)| *v).fold(0.0_f64, f64::min);
    let span = (top - bottom).max(f64::EPSILON);
    area.fill(&WHITE).map_err(backend)?;
    let n = spec.labels.len();
    let mut chart = ChartBuilder::on(area)
        .caption(&spec.title, ("sans-serif", 18))
        .margin(12)
        .x_label_area_size(32)
        .y_label_area_size(48)
        .build_cartesian_2d((0..n).into_segmented(), bottom..(top + span * 0.05))
        .map_err(backend)?;
    let labels = spec.labels.clone();
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_label_formatter(&|x| match x {
            SegmentValue::CenterOf(i) => labels.get(*i).cloned().unwrap_or_default(),
            _ => String::new(),
        })
        .draw()
        .map_err(backend)?;
    chart
        .draw_series(finite.iter().map(|(i, v)| {
            let mut bar = Rectangle::new(
                [
                    (SegmentValue::Exact(*i), 0.0),
                    (SegmentValue::Exact(i + 1), *v),
                ],
                PALETTE[0].filled(),
            );
            bar.set_margin(0, 0, 4, 4);
            bar
        }))
        .map_err(backend)?;
    area.present().map_err(backend)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use plotters_svg::SVGBackend;

    use super::*;

    fn svg(spec: &BarSpec) -> Result<String, ChartError> {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (480, 320)).into_drawing_area();
            draw_bars(&root, spec)?;
        }
        Ok(out)
    }

    #[test]
    fn bars_with_korean_labels_draw_one_rect_per_value() {
        let spec = BarSpec {
            title: "매장별 매출".into(),
            labels: vec!["강남점".into(), "홍대점".into(), "Jeju".into()],
            values: vec![3.0, 5.0, 1.5],
        };
        let out = svg(&spec).expect("draws");
        assert!(out.contains("매장별 매출"));
        assert!(out.contains("강남점") && out.contains("홍대점"));
        let bars = out.matches("fill=\"#0072B2\"").count();
        assert_eq!(bars, 3, "{out}");
    }

    #[test]
    fn nothing_to_draw_is_an_error_not_a_panic() {
        let spec = BarSpec {
            title: "x".into(),
            labels: vec!["a".into()],
            values: vec![f64::NAN],
        };
        assert_eq!(svg(&spec), Err(ChartError::Empty));
        let bad = BarSpec {
            title: "x".into(),
            labels: vec![],
            values: vec![1.0],
        };
        assert_eq!(
            svg(&bad),
            Err(ChartError::Mismatch {
                labels: 0,
                values: 1
            })
        );
    }
}
