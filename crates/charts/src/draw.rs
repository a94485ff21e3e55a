//! Drawing a [`ChartSpec`] with its [`ChartData`] onto any plotters backend.

use plotters::coord::Shift;
use plotters::coord::ranged1d::{Ranged, ValueFormatter};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::{ChartError, PALETTE};
use quire_protocol::chart::prepare::{date_of_days, extent, linear_fit, short};
use quire_protocol::chart::{ChartData, ChartKind, ChartSpec, XAxis};

/// Where the plot landed in pixels, and the data ranges it maps, so the page can turn a mouse
/// position into data coordinates (for the nearest-value tooltip).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// Left, top, right, bottom of the plotting area, in backend pixels.
    pub plot: (i32, i32, i32, i32),
    pub x: (f64, f64),
    pub y: (f64, f64),
    pub log_y: bool,
}

impl Frame {
    /// The data point at pixel `(px, py)`.
    pub fn to_data(&self, px: i32, py: i32) -> (f64, f64) {
        let (l, t, r, b) = self.plot;
        let fx = f64::from(px - l) / f64::from((r - l).max(1));
        let fy = f64::from(b - py) / f64::from((b - t).max(1));
        let y = if self.log_y {
            10f64.powf(self.y.0.log10() + fy * (self.y.1.log10() - self.y.0.log10()))
        } else {
            self.y.0 + fy * (self.y.1 - self.y.0)
        };
        (self.x.0 + fx * (self.x.1 - self.x.0), y)
    }

    /// The pixel of data point `(x, y)`.
    pub fn to_pixel(&self, x: f64, y: f64) -> (f64, f64) {
        let (l, t, r, b) = self.plot;
        let fx = (x - self.x.0) / (self.x.1 - self.x.0);
        let fy = if self.log_y {
            (y.max(f64::MIN_POSITIVE).log10() - self.y.0.log10())
                / (self.y.1.log10() - self.y.0.log10())
        } else {
            (y - self.y.0) / (self.y.1 - self.y.0)
        };
        (
            f64::from(l) + fx * f64::from(r - l),
            f64::from(b) - fy * f64::from(b - t),
        )
    }
}

/// What the mouse at pixel `(px, py)` points at, in words: the nearest point of a line or
/// scatter (within 40 px), the bar or box under it. `None` when nothing is near.
pub fn nearest(data: &ChartData, frame: &Frame, px: f64, py: f64) -> Option<String> {
    let x_text = |axis: XAxis, x: f64| match axis {
        XAxis::Number => short(x),
        XAxis::Days => date_of_days(x.round() as i64),
        XAxis::Millis => date_of_days((x / 86_400_000.0).floor() as i64),
    };
    match data {
        ChartData::Xy { axis, series, .. } => {
            let mut best: Option<(f64, String)> = None;
            for s in series {
                for (x, y) in s.x.iter().zip(&s.y) {
                    let (qx, qy) = frame.to_pixel(*x, *y);
                    let d = (qx - px).powi(2) + (qy - py).powi(2);
                    if d < 1600.0 && best.as_ref().is_none_or(|b| d < b.0) {
                        let name = if series.len() > 1 {
                            format!("{} · ", s.name)
                        } else {
                            String::new()
                        };
                        best = Some((d, format!("{name}{}: {}", x_text(*axis, *x), short(*y))));
                    }
                }
            }
            best.map(|b| b.1)
        }
        ChartData::Categories { categories, series } => {
            let (x, _) = frame.to_data(px as i32, py as i32);
            let i = x.floor();
            if i < 0.0 {
                return None;
            }
            let i = i as usize;
            let name = categories.get(i)?;
            let values: Vec<String> = series
                .iter()
                .filter_map(|s| {
                    s.values
                        .get(i)
                        .filter(|v| v.is_finite())
                        .map(|v| format!("{} {}", s.name, short(*v)))
                })
                .collect();
            Some(format!("{name}: {}", values.join(", ")))
        }
        ChartData::Histogram { edges, counts, .. } => {
            let (x, _) = frame.to_data(px as i32, py as i32);
            let i = edges.windows(2).position(|w| x >= w[0] && x < w[1])?;
            Some(format!(
                "{} – {}: {}",
                short(edges[i]),
                short(edges[i + 1]),
                counts.get(i)?
            ))
        }
        ChartData::Boxes { boxes } => {
            let (x, _) = frame.to_data(px as i32, py as i32);
            let b = boxes.get(x.max(0.0).floor() as usize)?;
            Some(format!(
                "{}: {} · {} · {} · {} · {}",
                b.name,
                short(b.low),
                short(b.q1),
                short(b.median),
                short(b.q3),
                short(b.high)
            ))
        }
        ChartData::Intervals { items } => {
            let (_, y) = frame.to_data(px as i32, py as i32);
            let n = items.len() as f64;
            let k = (n - y).floor();
            let item = items.get(usize::try_from(k as i64).ok()?)?;
            Some(format!(
                "{}: {} [{}, {}]",
                item.label,
                short(item.estimate),
                short(item.low),
                short(item.high)
            ))
        }
    }
}

const FONT: &str = "sans-serif";

fn backend_error<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> ChartError {
    ChartError::Backend(e.to_string())
}

/// Draws the chart filling `area`. Empty or all-null data is [`ChartError::Empty`], after the
/// area shows "nothing to draw", so a blank chart always says why.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    data: &ChartData,
) -> Result<Frame, ChartError> {
    let result = paint(area, spec, data);
    area.present().map_err(backend_error)?;
    result
}

/// [`draw`] without presenting the backend: for a chart inside a larger picture (a dashboard
/// tile's sparkline), which presents once when it is whole.
pub(crate) fn paint<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    data: &ChartData,
) -> Result<Frame, ChartError> {
    area.fill(&WHITE).map_err(backend_error)?;
    let result = match data {
        ChartData::Xy {
            axis,
            series,
            sampled,
        } => {
            let caption = sampled.map(|s| format!("showing {} of {} points", s.shown, s.total));
            xy(area, spec, *axis, series, caption.as_deref())
        }
        ChartData::Categories { categories, series } => bars(area, spec, categories, series),
        ChartData::Histogram {
            edges,
            counts,
            rule,
        } => histogram(area, spec, edges, counts, rule),
        ChartData::Boxes { boxes } => boxes_chart(area, spec, boxes),
        ChartData::Intervals { items } => intervals(area, spec, items),
    };
    if result == Err(ChartError::Empty) {
        let (w, h) = area.dim_in_pixel();
        let style = TextStyle::from((FONT, 16).into_font())
            .color(&RGBColor(110, 110, 110))
            .pos(Pos::new(HPos::Center, VPos::Center));
        area.draw_text("nothing to draw", &style, (w as i32 / 2, h as i32 / 2))
            .map_err(backend_error)?;
    }
    result
}

fn y_desc(spec: &ChartSpec) -> String {
    let label = spec.y_label.clone().unwrap_or_else(|| spec.y.join(", "));
    match &spec.unit {
        Some(u) if !u.is_empty() => format!("{label} ({u})"),
        _ => label,
    }
}

fn x_desc(spec: &ChartSpec) -> String {
    spec.x_label
        .clone()
        .or_else(|| spec.x.clone())
        .unwrap_or_default()
}

fn padded(lo: f64, hi: f64, log: bool) -> (f64, f64) {
    if log {
        return (lo, hi * 1.1);
    }
    let span = (hi - lo).abs();
    let pad = if span > 0.0 {
        span * 0.05
    } else {
        lo.abs().max(1.0) * 0.5
    };
    (lo - pad, hi + pad)
}

fn frame_of<DB: DrawingBackend>(
    chart: &ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    x: (f64, f64),
    y: (f64, f64),
    log_y: bool,
) -> Frame {
    let area = chart.plotting_area();
    let (xr, yr) = area.get_pixel_range();
    Frame {
        plot: (xr.start, yr.start, xr.end, yr.end),
        x,
        y,
        log_y,
    }
}

fn xy<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    axis: XAxis,
    series: &[quire_protocol::chart::XySeries],
    note: Option<&str>,
) -> Result<Frame, ChartError> {
    let all_x = || series.iter().flat_map(|s| s.x.iter().copied());
    let log = spec.log_y;
    let all_y = || {
        series
            .iter()
            .flat_map(|s| s.y.iter().copied())
            .filter(move |v| !log || *v > 0.0)
    };
    let (Some((x0, x1)), Some((y0, y1))) = (extent(all_x()), extent(all_y())) else {
        return Err(ChartError::Empty);
    };
    let roc = matches!(spec.kind, ChartKind::Roc);
    let spark = matches!(spec.kind, ChartKind::Spark);
    let (x0, x1, y0, y1) = if roc {
        (0.0, 1.0, 0.0, 1.0)
    } else {
        let (a, b) = padded(x0, x1, false);
        let (c, d) = padded(y0, y1, log);
        (a, b, c, d)
    };
    let x_fmt = move |v: &f64| match axis {
        XAxis::Number => short(*v),
        XAxis::Days => date_of_days(v.round() as i64),
        XAxis::Millis => date_of_days((v / 86_400_000.0).floor() as i64),
    };
    let mut builder = ChartBuilder::on(area);
    if spark {
        builder.margin(2);
    } else {
        builder
            .caption(&spec.title, (FONT, 18))
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(60);
    }
    let frame = if log {
        let y = (y0.max(f64::MIN_POSITIVE), y1);
        let mut chart = builder
            .build_cartesian_2d(x0..x1, (y.0..y.1).log_scale())
            .map_err(backend_error)?;
        plot_xy(&mut chart, spec, series, &x_fmt, (x0, x1))?;
        let (xr, yr) = chart.plotting_area().get_pixel_range();
        Frame {
            plot: (xr.start, yr.start, xr.end, yr.end),
            x: (x0, x1),
            y,
            log_y: true,
        }
    } else {
        let mut chart = builder
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(backend_error)?;
        plot_xy(&mut chart, spec, series, &x_fmt, (x0, x1))?;
        frame_of(&chart, (x0, x1), (y0, y1), false)
    };
    if let Some(note) = note {
        footnote(area, note)?;
    }
    Ok(frame)
}

/// The mesh, the series (lines, or points for scatter, with a fitted line), the ROC diagonal
/// and the legend, on a linear or a logarithmic y axis. On a log axis, values ≤ 0 are left out.
fn plot_xy<'a, DB, Y>(
    chart: &mut ChartContext<'a, DB, Cartesian2d<RangedCoordf64, Y>>,
    spec: &ChartSpec,
    series: &[quire_protocol::chart::XySeries],
    x_fmt: &dyn Fn(&f64) -> String,
    (x0, x1): (f64, f64),
) -> Result<(), ChartError>
where
    DB: DrawingBackend + 'a,
    Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
{
    let spark = matches!(spec.kind, ChartKind::Spark);
    if !spark {
        chart
            .configure_mesh()
            .max_light_lines(2)
            .x_desc(x_desc(spec))
            .y_desc(y_desc(spec))
            .x_label_formatter(x_fmt)
            .y_label_formatter(&|v| short(*v))
            .draw()
            .map_err(backend_error)?;
    }
    if matches!(spec.kind, ChartKind::Roc) {
        chart
            .draw_series(LineSeries::new([(0.0, 0.0), (1.0, 1.0)], BLACK.mix(0.3)))
            .map_err(backend_error)?;
    }
    for (i, s) in series.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        let points: Vec<(f64, f64)> =
            s.x.iter()
                .zip(&s.y)
                .filter(|(a, b)| a.is_finite() && b.is_finite() && (!spec.log_y || **b > 0.0))
                .map(|(a, b)| (*a, *b))
                .collect();
        let drawn = if let ChartKind::Scatter { .. } = spec.kind {
            chart
                .draw_series(
                    points
                        .iter()
                        .map(|p| Circle::new(*p, 3, color.mix(0.7).filled())),
                )
                .map_err(backend_error)?
        } else {
            // A gap (a missing value) breaks the line: each run of values is its own line.
            let runs = runs(&s.x, &s.y, spec.log_y);
            for run in runs.iter().skip(1) {
                chart
                    .draw_series(LineSeries::new(run.iter().copied(), color.stroke_width(2)))
                    .map_err(backend_error)?;
            }
            chart
                .draw_series(LineSeries::new(
                    runs.into_iter().next().unwrap_or_default(),
                    color.stroke_width(2),
                ))
                .map_err(backend_error)?
        };
        drawn
            .label(s.name.clone())
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], color.stroke_width(2)));
        if let ChartKind::Scatter { fit: true } = spec.kind
            && let Some((a, b)) = linear_fit(&s.x, &s.y)
        {
            chart
                .draw_series(LineSeries::new(
                    [(x0, a + b * x0), (x1, a + b * x1)],
                    color.stroke_width(1),
                ))
                .map_err(backend_error)?;
        }
    }
    if series.len() > 1 && !spark {
        legend(chart)?;
    }
    Ok(())
}

/// The runs of consecutive drawable points of a line (a gap ends a run); x must be finite.
fn runs(x: &[f64], y: &[f64], log_y: bool) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for (a, b) in x.iter().zip(y) {
        if a.is_finite() && b.is_finite() && (!log_y || *b > 0.0) {
            if let Some(run) = out.last_mut() {
                run.push((*a, *b));
            }
        } else if out.last().is_some_and(|r| !r.is_empty()) {
            out.push(Vec::new());
        }
    }
    out.retain(|r| !r.is_empty());
    out
}

/// The series legend, in the top-right corner.
fn legend<'a, DB: DrawingBackend + 'a, CT: plotters::coord::CoordTranslate>(
    chart: &mut ChartContext<'a, DB, CT>,
) -> Result<(), ChartError> {
    chart
        .configure_series_labels()
        .border_style(BLACK.mix(0.3))
        .background_style(WHITE.mix(0.8))
        .draw()
        .map_err(backend_error)
}

/// A line of small grey text at the bottom right (a sample, a bin rule).
fn footnote<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
) -> Result<(), ChartError> {
    let (w, h) = area.dim_in_pixel();
    let style = TextStyle::from((FONT, 12).into_font())
        .color(&RGBColor(110, 110, 110))
        .pos(Pos::new(HPos::Right, VPos::Bottom));
    area.draw_text(text, &style, (w as i32 - 6, h as i32 - 4))
        .map_err(backend_error)
}

fn bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    categories: &[String],
    series: &[quire_protocol::chart::CategorySeries],
) -> Result<Frame, ChartError> {
    let stacked = matches!(spec.kind, ChartKind::Bar { stacked: true });
    let n = categories.len();
    if n == 0
        || series
            .iter()
            .all(|s| s.values.iter().all(|v| !v.is_finite()))
    {
        return Err(ChartError::Empty);
    }
    if let Some(s) = series.iter().find(|s| s.values.len() != n) {
        return Err(ChartError::Mismatch {
            labels: n,
            values: s.values.len(),
        });
    }
    let value = |v: f64| if v.is_finite() { v } else { 0.0 };
    let (lo, hi) = if stacked {
        (0..n).fold((0.0_f64, 0.0_f64), |(lo, hi), i| {
            let pos: f64 = series.iter().map(|s| value(s.values[i]).max(0.0)).sum();
            let neg: f64 = series.iter().map(|s| value(s.values[i]).min(0.0)).sum();
            (lo.min(neg), hi.max(pos))
        })
    } else {
        extent(series.iter().flat_map(|s| s.values.iter().copied()))
            .map_or((0.0, 1.0), |(a, b)| (a.min(0.0), b.max(0.0)))
    };
    let (lo, hi) = (lo, hi + (hi - lo).max(f64::EPSILON) * 0.05);
    let mut chart = ChartBuilder::on(area)
        .caption(&spec.title, (FONT, 18))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(0.0..n as f64, lo..hi)
        .map_err(backend_error)?;
    chart
        .configure_mesh()
        .max_light_lines(2)
        .disable_x_mesh()
        .x_labels(0)
        .x_desc(x_desc(spec))
        .y_desc(y_desc(spec))
        .y_label_formatter(&|v| short(*v))
        .draw()
        .map_err(backend_error)?;
    category_labels(area, &chart, categories, lo)?;
    let k = series.len().max(1) as f64;
    let mut base_pos = vec![0.0_f64; n];
    let mut base_neg = vec![0.0_f64; n];
    for (j, s) in series.iter().enumerate() {
        let color = PALETTE[j % PALETTE.len()];
        let rects: Vec<Rectangle<(f64, f64)>> = s
            .values
            .iter()
            .enumerate()
            .filter(|(_, v)| v.is_finite())
            .map(|(i, v)| {
                let (x0, x1, y0, y1) = if stacked {
                    let base = if *v >= 0.0 {
                        &mut base_pos[i]
                    } else {
                        &mut base_neg[i]
                    };
                    let from = *base;
                    *base += v;
                    (i as f64 + 0.1, i as f64 + 0.9, from, *base)
                } else {
                    let w = 0.8 / k;
                    let x0 = i as f64 + 0.1 + w * j as f64;
                    (x0, x0 + w, 0.0, *v)
                };
                Rectangle::new([(x0, y0), (x1, y1)], color.filled())
            })
            .collect();
        chart
            .draw_series(rects)
            .map_err(backend_error)?
            .label(s.name.clone())
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], color.filled()));
    }
    if series.len() > 1 {
        legend(&mut chart)?;
    }
    Ok(frame_of(&chart, (0.0, n as f64), (lo, hi), false))
}

/// Category names under the centres of `0..n` on the x axis (at most about 40 shown, evenly).
fn category_labels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    labels: &[String],
    bottom: f64,
) -> Result<(), ChartError> {
    let style = TextStyle::from((FONT, 13).into_font()).pos(Pos::new(HPos::Center, VPos::Top));
    let every = labels.len().div_ceil(40).max(1);
    for (i, label) in labels.iter().enumerate().step_by(every) {
        let (px, py) = chart.backend_coord(&(i as f64 + 0.5, bottom));
        area.draw_text(label, &style, (px, py + 6))
            .map_err(backend_error)?;
    }
    Ok(())
}

fn histogram<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    edges: &[f64],
    counts: &[u64],
    rule: &str,
) -> Result<Frame, ChartError> {
    if counts.is_empty() || counts.iter().all(|c| *c == 0) {
        return Err(ChartError::Empty);
    }
    if edges.len() != counts.len() + 1 {
        return Err(ChartError::Mismatch {
            labels: edges.len(),
            values: counts.len(),
        });
    }
    let (x0, x1) = (edges[0], edges[edges.len() - 1]);
    let top = counts.iter().copied().max().unwrap_or(1) as f64 * 1.05;
    let mut chart = ChartBuilder::on(area)
        .caption(&spec.title, (FONT, 18))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(x0..x1.max(x0 + f64::EPSILON), 0.0..top)
        .map_err(backend_error)?;
    chart
        .configure_mesh()
        .max_light_lines(2)
        .x_desc(x_desc(spec))
        .y_desc("count")
        .x_label_formatter(&|v| short(*v))
        .y_label_formatter(&|v| short(*v))
        .draw()
        .map_err(backend_error)?;
    chart
        .draw_series(counts.iter().enumerate().map(|(i, c)| {
            Rectangle::new(
                [(edges[i], 0.0), (edges[i + 1], *c as f64)],
                PALETTE[0].filled(),
            )
        }))
        .map_err(backend_error)?;
    let frame = frame_of(&chart, (x0, x1), (0.0, top), false);
    footnote(area, rule)?;
    Ok(frame)
}

fn boxes_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    boxes: &[quire_protocol::chart::BoxStats],
) -> Result<Frame, ChartError> {
    let values = || {
        boxes.iter().flat_map(|b| {
            [b.low, b.high]
                .into_iter()
                .chain(b.outliers.iter().copied())
        })
    };
    let Some((lo, hi)) = extent(values()) else {
        return Err(ChartError::Empty);
    };
    let (lo, hi) = padded(lo, hi, false);
    let n = boxes.len();
    let mut chart = ChartBuilder::on(area)
        .caption(&spec.title, (FONT, 18))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(0.0..n as f64, lo..hi)
        .map_err(backend_error)?;
    let names: Vec<String> = boxes.iter().map(|b| b.name.clone()).collect();
    chart
        .configure_mesh()
        .max_light_lines(2)
        .disable_x_mesh()
        .x_labels(0)
        .y_desc(y_desc(spec))
        .y_label_formatter(&|v| short(*v))
        .draw()
        .map_err(backend_error)?;
    category_labels(area, &chart, &names, lo)?;
    for (i, b) in boxes.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        let (l, c, r) = (i as f64 + 0.25, i as f64 + 0.5, i as f64 + 0.75);
        let stroke = color.stroke_width(2);
        chart
            .draw_series([
                Rectangle::new([(l, b.q1), (r, b.q3)], color.mix(0.25).filled()),
                Rectangle::new([(l, b.q1), (r, b.q3)], stroke),
            ])
            .map_err(backend_error)?;
        chart
            .draw_series([
                PathElement::new([(l, b.median), (r, b.median)], stroke),
                PathElement::new([(c, b.q3), (c, b.high)], color.stroke_width(1)),
                PathElement::new([(c, b.q1), (c, b.low)], color.stroke_width(1)),
                PathElement::new(
                    [(c - 0.1, b.high), (c + 0.1, b.high)],
                    color.stroke_width(1),
                ),
                PathElement::new([(c - 0.1, b.low), (c + 0.1, b.low)], color.stroke_width(1)),
            ])
            .map_err(backend_error)?;
        chart
            .draw_series(
                b.outliers
                    .iter()
                    .map(|o| Circle::new((c, *o), 3, color.stroke_width(1))),
            )
            .map_err(backend_error)?;
    }
    Ok(frame_of(&chart, (0.0, n as f64), (lo, hi), false))
}

fn intervals<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    items: &[quire_protocol::chart::Interval],
) -> Result<Frame, ChartError> {
    let finite: Vec<&quire_protocol::chart::Interval> = items
        .iter()
        .filter(|i| i.estimate.is_finite() && i.low.is_finite() && i.high.is_finite())
        .collect();
    let Some((lo, hi)) = extent(finite.iter().flat_map(|i| [i.low, i.high, 0.0])) else {
        return Err(ChartError::Empty);
    };
    if finite.is_empty() {
        return Err(ChartError::Empty);
    }
    let (lo, hi) = padded(lo, hi, false);
    let n = finite.len();
    let style = TextStyle::from((FONT, 13).into_font()).pos(Pos::new(HPos::Right, VPos::Center));
    // The label column as wide as the longest label, up to 45% of the chart.
    let widest = finite
        .iter()
        .filter_map(|i| area.estimate_text_size(&i.label, &style).ok())
        .map(|(w, _)| w)
        .max()
        .unwrap_or(0);
    let labels = (widest + 20).clamp(60, area.dim_in_pixel().0 * 45 / 100);
    // Rows from the top: the first item is drawn highest.
    let mut chart = ChartBuilder::on(area)
        .caption(&spec.title, (FONT, 18))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(labels)
        .build_cartesian_2d(lo..hi, 0.0..n as f64)
        .map_err(backend_error)?;
    chart
        .configure_mesh()
        .max_light_lines(2)
        .disable_y_mesh()
        .y_labels(0)
        .x_desc(y_desc(spec))
        .x_label_formatter(&|v| short(*v))
        .draw()
        .map_err(backend_error)?;
    for (k, item) in finite.iter().enumerate() {
        let (px, py) = chart.backend_coord(&(lo, n as f64 - k as f64 - 0.5));
        area.draw_text(&item.label, &style, (px - 8, py))
            .map_err(backend_error)?;
    }
    chart
        .draw_series([PathElement::new(
            [(0.0, 0.0), (0.0, n as f64)],
            BLACK.mix(0.4),
        )])
        .map_err(backend_error)?;
    for (k, item) in finite.iter().enumerate() {
        let y = n as f64 - k as f64 - 0.5;
        let color = PALETTE[0];
        chart
            .draw_series([
                PathElement::new([(item.low, y), (item.high, y)], color.stroke_width(2)),
                PathElement::new(
                    [(item.low, y - 0.15), (item.low, y + 0.15)],
                    color.stroke_width(2),
                ),
                PathElement::new(
                    [(item.high, y - 0.15), (item.high, y + 0.15)],
                    color.stroke_width(2),
                ),
            ])
            .map_err(backend_error)?;
        chart
            .draw_series([Circle::new((item.estimate, y), 5, color.filled())])
            .map_err(backend_error)?;
    }
    Ok(frame_of(&chart, (lo, hi), (0.0, n as f64), false))
}
