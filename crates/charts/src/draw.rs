//! Drawing a [`ChartSpec`] with its [`ChartData`] onto any plotters backend, with the chart's
//! own words (notes, bin rule, "nothing to draw") in the reader's language.

use plotters::coord::Shift;
use plotters::coord::ranged1d::{Ranged, ValueFormatter};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::{ChartError, PALETTE};
use quire_numerics::{extent, linear_fit};
use quire_protocol::calendar::date_of_days;
use quire_protocol::chart::short;
use quire_protocol::chart::{
    BoxStats, CategorySeries, ChartData, ChartKind, ChartSpec, Fit, Interval, Omitted, TimeStep,
    XAxis, XySeries,
};
use quire_protocol::metric::Grain;
use quire_words::Lang;
use quire_words::chart as words;

/// Where the plot landed in pixels, and the data ranges it maps, so the page can turn a mouse
/// position into data coordinates (for the nearest-value tooltip).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// Left, top, right, bottom of the plotting area, in backend pixels.
    pub plot: (i32, i32, i32, i32),
    pub x: (f64, f64),
    pub y: (f64, f64),
    pub log_y: bool,
    /// The period a time axis is bucketed by: x then reads as weeks or months.
    pub step: Option<TimeStep>,
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

const DAY_MS: f64 = 86_400_000.0;

/// How x reads: a number, a day, a week (`2026-W05`) or month (`2026-03`) of a bucketed line,
/// or a date and time of a datetime axis.
#[derive(Clone, Copy, Debug)]
struct XText {
    axis: XAxis,
    step: Option<TimeStep>,
    /// A datetime axis spanning less than three days: ticks show the time of day.
    fine: bool,
}

impl XText {
    fn new(axis: XAxis, step: Option<TimeStep>, (x0, x1): (f64, f64)) -> Self {
        XText {
            axis,
            step,
            fine: axis == XAxis::Millis && step.is_none() && (x1 - x0) < 3.0 * DAY_MS,
        }
    }

    /// The day (since 1970) of x on a time axis.
    fn day(self, x: f64) -> i64 {
        match (self.axis, self.step) {
            (XAxis::Millis, _) => (x / DAY_MS).floor() as i64,
            (_, Some(TimeStep::Week | TimeStep::Month)) => x.floor() as i64,
            _ => x.round() as i64,
        }
    }

    fn period(self, day: i64) -> String {
        match self.step {
            Some(TimeStep::Week) => Grain::Week.label(Grain::Week.start(day)),
            Some(TimeStep::Month) => Grain::Month.label(Grain::Month.start(day)),
            _ => date_of_days(day),
        }
    }

    /// A tick label.
    fn tick(self, x: f64) -> String {
        match self.axis {
            XAxis::Number => short(x),
            XAxis::Millis if self.fine => {
                let (_, m, d) = quire_protocol::calendar::civil_from_days(self.day(x));
                format!("{m:02}-{d:02} {}", clock(x, false))
            }
            _ => self.period(self.day(x)),
        }
    }

    /// A point's x, as the tooltip names it.
    fn point(self, x: f64) -> String {
        match self.axis {
            XAxis::Number => short(x),
            XAxis::Millis if self.step.is_none() && x.rem_euclid(DAY_MS) != 0.0 => {
                format!("{} {}", date_of_days(self.day(x)), clock(x, true))
            }
            _ => self.period(self.day(x)),
        }
    }
}

/// `HH:MM` (with `:SS` when `seconds` and there are some) of a time in milliseconds.
fn clock(ms: f64, seconds: bool) -> String {
    let s = (ms.rem_euclid(DAY_MS) / 1000.0).floor() as i64;
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if seconds && sec != 0 {
        format!("{h:02}:{m:02}:{sec:02}")
    } else {
        format!("{h:02}:{m:02}")
    }
}

/// The intervals an interval chart draws: those with all three values finite, in order.
fn drawable(items: &[Interval]) -> Vec<&Interval> {
    items
        .iter()
        .filter(|i| i.estimate.is_finite() && i.low.is_finite() && i.high.is_finite())
        .collect()
}

/// What the mouse at pixel `(px, py)` points at, in words: the nearest point of a line or
/// scatter (within 40 px), the bar, bin, box or interval under it. `None` when nothing is near.
pub fn nearest(data: &ChartData, frame: &Frame, px: f64, py: f64) -> Option<String> {
    match data {
        ChartData::Xy { axis, series, .. } | ChartData::Plot { axis, series, .. } => {
            let text = XText::new(*axis, frame.step, frame.x);
            let mut best: Option<(f64, String)> = None;
            for s in series {
                for (x, y) in s.x.iter().zip(&s.y) {
                    if !x.is_finite() || !y.is_finite() {
                        continue;
                    }
                    let (qx, qy) = frame.to_pixel(*x, *y);
                    let d = (qx - px).powi(2) + (qy - py).powi(2);
                    if d < 1600.0 && best.as_ref().is_none_or(|b| d < b.0) {
                        let name = if series.len() > 1 {
                            format!("{} · ", s.name)
                        } else {
                            String::new()
                        };
                        best = Some((d, format!("{name}{}: {}", text.point(*x), short(*y))));
                    }
                }
            }
            best.map(|b| b.1)
        }
        ChartData::Categories {
            categories, series, ..
        } => {
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
            let last = edges.len().checked_sub(2)?;
            let i = edges
                .windows(2)
                .position(|w| x >= w[0] && x < w[1])
                .or_else(|| (x == edges[last + 1]).then_some(last))?;
            Some(format!(
                "{} – {}: {}",
                short(edges[i]),
                short(edges[i + 1]),
                counts.get(i)?
            ))
        }
        ChartData::Boxes { boxes, .. } => {
            let (x, _) = frame.to_data(px as i32, py as i32);
            if x < 0.0 {
                return None;
            }
            let b = boxes.get(x.floor() as usize)?;
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
        ChartData::Intervals { items, .. } => {
            // The rows drawn, from the top: the same list the drawing uses.
            let shown = drawable(items);
            let (_, y) = frame.to_data(px as i32, py as i32);
            let k = (shown.len() as f64 - y).floor();
            if k < 0.0 {
                return None;
            }
            let item = shown.get(k as usize)?;
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

/// What the chart leaves out or samples, in words (`showing 2,000 of 1,000,000 points`): drawn
/// under the chart, and shown beside it by the page.
pub fn notes(data: &ChartData, lang: Lang) -> Vec<String> {
    let (sampled, omitted) = match data {
        ChartData::Xy { sampled, .. } => (*sampled, Omitted::default()),
        ChartData::Plot {
            sampled, omitted, ..
        } => (*sampled, *omitted),
        ChartData::Categories { omitted, .. }
        | ChartData::Boxes { omitted, .. }
        | ChartData::Intervals { omitted, .. } => (None, *omitted),
        ChartData::Histogram { .. } => (None, Omitted::default()),
    };
    let mut out = Vec::new();
    if let Some(s) = sampled {
        out.push(words::points_shown(lang, s));
    }
    if let Some(s) = omitted.categories {
        out.push(words::categories_shown(lang, s));
    }
    if let Some(s) = omitted.series {
        out.push(words::series_shown(lang, s));
    }
    out
}

const FONT: &str = "sans-serif";

fn backend_error<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> ChartError {
    ChartError::Backend(e.to_string())
}

/// Builds a chart on a linear or a logarithmic y axis and runs `$body` with it as `$chart`:
/// the body is written once and compiled for both coordinate types.
macro_rules! on_y_axis {
    ($builder:ident, $x:expr, ($lo:expr, $hi:expr), $log:expr, |$chart:ident| $body:expr) => {
        if $log {
            let mut $chart = $builder
                .build_cartesian_2d($x, ($lo..$hi).log_scale())
                .map_err(backend_error)?;
            $body
        } else {
            let mut $chart = $builder
                .build_cartesian_2d($x, $lo..$hi)
                .map_err(backend_error)?;
            $body
        }
    };
}

/// Draws the chart filling `area`, its own words in `lang`. Empty or all-null data is
/// [`ChartError::Empty`], after the area says there is nothing to draw, so a blank chart
/// always says why (a sparkline, which has no words, stays blank).
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    data: &ChartData,
    lang: Lang,
) -> Result<Frame, ChartError> {
    let result = paint(area, spec, data, lang);
    area.present().map_err(backend_error)?;
    result
}

/// [`draw`] without presenting the backend: for a chart inside a larger picture (a dashboard
/// tile's sparkline), which presents once when it is whole.
pub(crate) fn paint<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    data: &ChartData,
    lang: Lang,
) -> Result<Frame, ChartError> {
    area.fill(&WHITE).map_err(backend_error)?;
    let spark = matches!(spec.kind, ChartKind::Spark);
    let mut notes = if spark { Vec::new() } else { notes(data, lang) };
    let result = match data {
        ChartData::Xy {
            axis,
            series,
            sampled,
        } => {
            // Without a fit sent, one is drawn through the points only when they are every row.
            let fits = if sampled.is_some() {
                Some(&[][..])
            } else {
                None
            };
            xy(area, spec, lang, *axis, series, fits)
        }
        ChartData::Plot {
            axis, series, fits, ..
        } => xy(area, spec, lang, *axis, series, Some(fits)),
        ChartData::Categories {
            categories, series, ..
        } => bars(area, spec, categories, series),
        ChartData::Histogram {
            edges,
            counts,
            rule,
        } => {
            if let (Some(w), false) = (edges.windows(2).next(), spark) {
                notes.insert(0, words::bin_rule(lang, *rule, counts.len(), w[1] - w[0]));
            }
            histogram(area, spec, lang, edges, counts)
        }
        ChartData::Boxes { boxes, .. } => boxes_chart(area, spec, boxes),
        ChartData::Intervals { items, .. } => intervals(area, spec, items),
    };
    match &result {
        Err(ChartError::Empty) if !spark => {
            let (w, h) = area.dim_in_pixel();
            let style = TextStyle::from((FONT, 16).into_font())
                .color(&RGBColor(110, 110, 110))
                .pos(Pos::new(HPos::Center, VPos::Center));
            area.draw_text(
                words::nothing_to_draw(lang),
                &style,
                (w as i32 / 2, h as i32 / 2),
            )
            .map_err(backend_error)?;
        }
        Ok(_) if !notes.is_empty() => footnote(area, &notes.join(" · "))?,
        _ => {}
    }
    result
}

/// Whether the value axis is logarithmic: asked for, and the kind supports it.
fn log_y(spec: &ChartSpec) -> bool {
    spec.log_y && spec.kind.supports_log_y()
}

fn y_desc(spec: &ChartSpec) -> String {
    let label = spec.y_label.clone().unwrap_or_else(|| spec.y.join(", "));
    with_unit(spec, label)
}

fn with_unit(spec: &ChartSpec, label: String) -> String {
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
        return (lo / 1.1, hi * 1.1);
    }
    let span = (hi - lo).abs();
    let pad = if span > 0.0 {
        span * 0.05
    } else {
        lo.abs().max(1.0) * 0.5
    };
    (lo - pad, hi + pad)
}

fn frame_of<'a, DB, X, Y>(
    chart: &ChartContext<'a, DB, Cartesian2d<X, Y>>,
    x: (f64, f64),
    y: (f64, f64),
    log_y: bool,
    step: Option<TimeStep>,
) -> Frame
where
    DB: DrawingBackend + 'a,
    X: Ranged,
    Y: Ranged,
{
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    Frame {
        plot: (xr.start, yr.start, xr.end, yr.end),
        x,
        y,
        log_y,
        step,
    }
}

/// The usual frame of a chart: its title, margins and label areas (`labels` px for y).
fn titled<'a, 'b, 'c, DB: DrawingBackend>(
    builder: &'c mut ChartBuilder<'a, 'b, DB>,
    spec: &ChartSpec,
    labels: u32,
) -> &'c mut ChartBuilder<'a, 'b, DB> {
    builder
        .caption(&spec.title, (FONT, 18))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(labels)
}

fn xy<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    lang: Lang,
    axis: XAxis,
    series: &[XySeries],
    fits: Option<&[Option<Fit>]>,
) -> Result<Frame, ChartError> {
    let all_x = || series.iter().flat_map(|s| s.x.iter().copied());
    let log = log_y(spec);
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
    let step = match spec.kind {
        ChartKind::Line { step } if axis != XAxis::Number => step,
        _ => None,
    };
    let text = XText::new(axis, step, (x0, x1));
    // The fitted line of each series: the ones sent with the data (from every row), or, when
    // none are sent (`None`), through the points themselves.
    let fits: Vec<Option<Fit>> = match (spec.kind, fits) {
        (ChartKind::Scatter { fit: true }, Some(fits)) => fits.to_vec(),
        (ChartKind::Scatter { fit: true }, None) => series
            .iter()
            .map(|s| linear_fit(&s.x, &s.y).map(|(intercept, slope)| Fit { intercept, slope }))
            .collect(),
        _ => Vec::new(),
    };
    let mut builder = ChartBuilder::on(area);
    if spark {
        builder.margin(2);
    } else {
        titled(&mut builder, spec, 60);
    }
    let y = if log {
        (y0.max(f64::MIN_POSITIVE), y1)
    } else {
        (y0, y1)
    };
    let plot = Plot {
        area,
        spec,
        lang,
        series,
        fits: &fits,
        text,
        x: (x0, x1),
        y,
    };
    on_y_axis!(builder, x0..x1, (y.0, y.1), log, |chart| {
        plot.draw(&mut chart)?;
        Ok(frame_of(&chart, (x0, x1), y, log, step))
    })
}

/// Everything [`Plot::draw`] needs to draw lines or points on either y axis.
struct Plot<'p, DB: DrawingBackend> {
    area: &'p DrawingArea<DB, Shift>,
    spec: &'p ChartSpec,
    lang: Lang,
    series: &'p [XySeries],
    fits: &'p [Option<Fit>],
    text: XText,
    x: (f64, f64),
    y: (f64, f64),
}

/// More points than this in a scatter series are drawn as squares.
const MANY_POINTS: usize = 2_000;

impl<DB: DrawingBackend> Plot<'_, DB> {
    /// The mesh, the series (lines, or points with their fitted lines), the ROC diagonal and
    /// the legend, on a linear or a logarithmic y axis. On a log axis, values ≤ 0 are left out.
    fn draw<'a, Y>(
        &self,
        chart: &mut ChartContext<'a, DB, Cartesian2d<RangedCoordf64, Y>>,
    ) -> Result<(), ChartError>
    where
        DB: 'a,
        Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
    {
        let spec = self.spec;
        let log = log_y(spec);
        let spark = matches!(spec.kind, ChartKind::Spark);
        let roc = matches!(spec.kind, ChartKind::Roc);
        // A ROC curve's axes are its rates, whatever the columns were called.
        let (x_name, y_name) = if roc {
            (
                spec.x_label
                    .clone()
                    .unwrap_or_else(|| words::false_positive_rate(self.lang).to_owned()),
                spec.y_label
                    .clone()
                    .unwrap_or_else(|| words::true_positive_rate(self.lang).to_owned()),
            )
        } else {
            (x_desc(spec), y_desc(spec))
        };
        // Weeks and months are labelled at their starts, one label per period shown.
        let periods = matches!(self.text.step, Some(TimeStep::Week | TimeStep::Month));
        if !spark {
            let text = self.text;
            let x_fmt = move |v: &f64| text.tick(*v);
            let y_fmt = |v: &f64| short(*v);
            let mut mesh = chart.configure_mesh();
            mesh.max_light_lines(2)
                .x_desc(x_name)
                .y_desc(y_name)
                .x_label_formatter(&x_fmt)
                .y_label_formatter(&y_fmt);
            if periods {
                mesh.x_labels(0).disable_x_mesh();
            }
            mesh.draw().map_err(backend_error)?;
            if periods {
                self.period_labels(chart)?;
            }
        }
        if roc {
            chart
                .draw_series(LineSeries::new([(0.0, 0.0), (1.0, 1.0)], BLACK.mix(0.3)))
                .map_err(backend_error)?;
        }
        let scatter = matches!(spec.kind, ChartKind::Scatter { .. });
        for (i, s) in self.series.iter().enumerate() {
            let color = PALETTE[i % PALETTE.len()];
            let drawn = if scatter {
                let points =
                    s.x.iter()
                        .zip(&s.y)
                        .filter(|(a, b)| a.is_finite() && b.is_finite() && (!log || **b > 0.0));
                if s.x.len() > MANY_POINTS {
                    // Thousands of points (a binned million): small squares, which a canvas
                    // fills several times faster than circles, and at this density look alike.
                    let square = move |(a, b): (&f64, &f64)| {
                        EmptyElement::at((*a, *b))
                            + Rectangle::new([(-2, -2), (2, 2)], color.mix(0.7).filled())
                    };
                    chart
                        .draw_series(points.map(square))
                        .map_err(backend_error)?
                } else {
                    let circle = move |(a, b): (&f64, &f64)| {
                        Circle::new((*a, *b), 3, color.mix(0.7).filled())
                    };
                    chart
                        .draw_series(points.map(circle))
                        .map_err(backend_error)?
                }
            } else {
                // A gap (a missing value) breaks the line: each run of values is its own line.
                let runs = runs(&s.x, &s.y, log);
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
            drawn.label(s.name.clone()).legend(move |(x, y)| {
                PathElement::new([(x, y), (x + 16, y)], color.stroke_width(2))
            });
            if let Some(Some(fit)) = self.fits.get(i) {
                // Straight on a linear axis; sampled along x on a log axis, where it curves.
                let (x0, x1) = self.x;
                let steps = if log { 64 } else { 1 };
                let line = (0..=steps)
                    .map(|k| x0 + (x1 - x0) * f64::from(k) / f64::from(steps))
                    .map(|x| (x, fit.intercept + fit.slope * x))
                    .filter(|(_, y)| y.is_finite() && (!log || *y > 0.0));
                chart
                    .draw_series(LineSeries::new(line, color.stroke_width(1)))
                    .map_err(backend_error)?;
            }
        }
        // A ROC curve's legend carries its AUC, so it shows even for one curve, bottom right
        // (under the diagonal, where a useful curve is not).
        if roc {
            legend(chart, SeriesLabelPosition::LowerRight)?;
        } else if self.series.len() > 1 && !spark {
            legend(chart, SeriesLabelPosition::MiddleRight)?;
        }
        Ok(())
    }

    /// Week or month labels under the x axis at each period's start (every k-th, at most 8).
    fn period_labels<'a, Y>(
        &self,
        chart: &ChartContext<'a, DB, Cartesian2d<RangedCoordf64, Y>>,
    ) -> Result<(), ChartError>
    where
        DB: 'a,
        Y: Ranged<ValueType = f64>,
    {
        let grain = match self.text.step {
            Some(TimeStep::Week) => Grain::Week,
            Some(TimeStep::Month) => Grain::Month,
            _ => return Ok(()),
        };
        let per_day = if self.text.axis == XAxis::Millis {
            DAY_MS
        } else {
            1.0
        };
        let (d0, d1) = (
            (self.x.0 / per_day).ceil() as i64,
            (self.x.1 / per_day).floor() as i64,
        );
        let mut starts = Vec::new();
        let mut day = grain.start(d0);
        if day < d0 {
            day = grain.next(day);
        }
        while day <= d1 && starts.len() < 10_000 {
            starts.push(day);
            day = grain.next(day);
        }
        let style = TextStyle::from((FONT, 12).into_font()).pos(Pos::new(HPos::Center, VPos::Top));
        let every = starts.len().div_ceil(8).max(1);
        for day in starts.into_iter().step_by(every) {
            let (px, py) = chart.backend_coord(&(day as f64 * per_day, self.y.0));
            self.area
                .draw(&PathElement::new(
                    [(px, py), (px, py + 4)],
                    BLACK.stroke_width(1),
                ))
                .map_err(backend_error)?;
            self.area
                .draw_text(&grain.label(day), &style, (px, py + 6))
                .map_err(backend_error)?;
        }
        Ok(())
    }
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

/// The series legend, in a corner.
fn legend<'a, DB: DrawingBackend + 'a, CT: plotters::coord::CoordTranslate>(
    chart: &mut ChartContext<'a, DB, CT>,
    corner: SeriesLabelPosition,
) -> Result<(), ChartError> {
    chart
        .configure_series_labels()
        .position(corner)
        .border_style(BLACK.mix(0.3))
        .background_style(WHITE.mix(0.8))
        .draw()
        .map_err(backend_error)
}

/// A line of small grey text at the bottom right (a sample, a cut, a bin rule).
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
    series: &[CategorySeries],
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
    let mut builder = ChartBuilder::on(area);
    let mut chart = titled(&mut builder, spec, 60)
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
        legend(&mut chart, SeriesLabelPosition::MiddleRight)?;
    }
    Ok(frame_of(&chart, (0.0, n as f64), (lo, hi), false, None))
}

/// Category names under the centres of `0..n` on the x axis (at most about 40 shown, evenly).
fn category_labels<'a, DB, Y>(
    area: &DrawingArea<DB, Shift>,
    chart: &ChartContext<'a, DB, Cartesian2d<RangedCoordf64, Y>>,
    labels: &[String],
    bottom: f64,
) -> Result<(), ChartError>
where
    DB: DrawingBackend + 'a,
    Y: Ranged<ValueType = f64>,
{
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
    lang: Lang,
    edges: &[f64],
    counts: &[u64],
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
    let log = log_y(spec);
    let (x0, x1) = (edges[0], edges[edges.len() - 1]);
    let x1 = x1.max(x0 + f64::EPSILON);
    let most = counts.iter().copied().max().unwrap_or(1) as f64;
    // On a log axis a bar rises from ½ (so a count of 1 shows); empty bins are not drawn.
    let (bottom, top) = if log {
        (0.5, most * 1.5)
    } else {
        (0.0, most * 1.05)
    };
    // The histogram's column names the x axis: the first y, or x.
    let x_label = spec
        .x_label
        .clone()
        .or_else(|| spec.y.first().cloned())
        .or_else(|| spec.x.clone())
        .unwrap_or_default();
    let y_label = spec
        .y_label
        .clone()
        .unwrap_or_else(|| words::count(lang).to_owned());
    let mut builder = ChartBuilder::on(area);
    titled(&mut builder, spec, 60);
    on_y_axis!(builder, x0..x1, (bottom, top), log, |chart| {
        chart
            .configure_mesh()
            .max_light_lines(2)
            .x_desc(x_label.as_str())
            .y_desc(y_label.as_str())
            .x_label_formatter(&|v| short(*v))
            .y_label_formatter(&|v| short(*v))
            .draw()
            .map_err(backend_error)?;
        chart
            .draw_series(
                counts
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| !log || **c > 0)
                    .map(|(i, c)| {
                        Rectangle::new(
                            [(edges[i], bottom), (edges[i + 1], *c as f64)],
                            PALETTE[0].filled(),
                        )
                    }),
            )
            .map_err(backend_error)?;
        Ok(frame_of(&chart, (x0, x1), (bottom, top), log, None))
    })
}

fn boxes_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    boxes: &[BoxStats],
) -> Result<Frame, ChartError> {
    let log = log_y(spec);
    let values = || {
        boxes
            .iter()
            .flat_map(|b| {
                [b.low, b.high]
                    .into_iter()
                    .chain(b.outliers.iter().copied())
            })
            .filter(move |v| !log || *v > 0.0)
    };
    let Some((lo, hi)) = extent(values()) else {
        return Err(ChartError::Empty);
    };
    let (lo, hi) = padded(lo, hi, log);
    let n = boxes.len();
    let names: Vec<String> = boxes.iter().map(|b| b.name.clone()).collect();
    let group = spec.by.clone().or_else(|| spec.x.clone());
    let x_label = spec.x_label.clone().or(group).unwrap_or_default();
    let mut builder = ChartBuilder::on(area);
    titled(&mut builder, spec, 60);
    // On a log axis, parts at or below zero sit on the axis.
    let at = |v: f64| if log { v.max(lo) } else { v };
    on_y_axis!(builder, 0.0..n as f64, (lo, hi), log, |chart| {
        chart
            .configure_mesh()
            .max_light_lines(2)
            .disable_x_mesh()
            .x_labels(0)
            .x_desc(x_label.as_str())
            .y_desc(y_desc(spec))
            .y_label_formatter(&|v| short(*v))
            .draw()
            .map_err(backend_error)?;
        category_labels(area, &chart, &names, lo)?;
        for (i, b) in boxes.iter().enumerate() {
            let color = PALETTE[i % PALETTE.len()];
            let (l, c, r) = (i as f64 + 0.25, i as f64 + 0.5, i as f64 + 0.75);
            let stroke = color.stroke_width(2);
            let (low, q1, median, q3, high) =
                (at(b.low), at(b.q1), at(b.median), at(b.q3), at(b.high));
            chart
                .draw_series([
                    Rectangle::new([(l, q1), (r, q3)], color.mix(0.25).filled()),
                    Rectangle::new([(l, q1), (r, q3)], stroke),
                ])
                .map_err(backend_error)?;
            chart
                .draw_series([
                    PathElement::new([(l, median), (r, median)], stroke),
                    PathElement::new([(c, q3), (c, high)], color.stroke_width(1)),
                    PathElement::new([(c, q1), (c, low)], color.stroke_width(1)),
                    PathElement::new([(c - 0.1, high), (c + 0.1, high)], color.stroke_width(1)),
                    PathElement::new([(c - 0.1, low), (c + 0.1, low)], color.stroke_width(1)),
                ])
                .map_err(backend_error)?;
            chart
                .draw_series(
                    b.outliers
                        .iter()
                        .filter(|o| !log || **o > 0.0)
                        .map(|o| Circle::new((c, *o), 3, color.stroke_width(1))),
                )
                .map_err(backend_error)?;
        }
        Ok(frame_of(&chart, (0.0, n as f64), (lo, hi), log, None))
    })
}

fn intervals<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    items: &[Interval],
) -> Result<Frame, ChartError> {
    let finite = drawable(items);
    if finite.is_empty() {
        return Err(ChartError::Empty);
    }
    let Some((lo, hi)) = extent(finite.iter().flat_map(|i| [i.low, i.high, 0.0])) else {
        return Err(ChartError::Empty);
    };
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
    // The value axis is named by the y label, or the estimate's column.
    let value_label = with_unit(
        spec,
        spec.y_label
            .clone()
            .or_else(|| spec.y.first().cloned())
            .unwrap_or_default(),
    );
    // Rows from the top: the first item is drawn highest.
    let mut builder = ChartBuilder::on(area);
    let mut chart = titled(&mut builder, spec, labels)
        .build_cartesian_2d(lo..hi, 0.0..n as f64)
        .map_err(backend_error)?;
    chart
        .configure_mesh()
        .max_light_lines(2)
        .disable_y_mesh()
        .y_labels(0)
        .x_desc(value_label)
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
    Ok(frame_of(&chart, (lo, hi), (0.0, n as f64), false, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_months_and_times_read_as_such() {
        // 2026-01-26 is the Monday of ISO week 5 of 2026.
        let monday = quire_protocol::calendar::days_from_civil(2026, 1, 26) as f64;
        let week = XText::new(XAxis::Days, Some(TimeStep::Week), (monday, monday + 70.0));
        assert_eq!(week.point(monday), "2026-W05");
        assert_eq!(week.tick(monday + 3.5), "2026-W05");
        let month = XText::new(XAxis::Days, Some(TimeStep::Month), (monday, monday + 90.0));
        assert_eq!(month.point(monday + 40.0), "2026-03");
        let ms = monday * DAY_MS;
        let time = XText::new(XAxis::Millis, None, (ms, ms + DAY_MS));
        assert_eq!(time.point(ms + 45_296_000.0), "2026-01-26 12:34:56");
        assert_eq!(time.tick(ms + 45_240_000.0), "01-26 12:34");
        let weeks_in_ms = XText::new(
            XAxis::Millis,
            Some(TimeStep::Week),
            (ms, ms + 70.0 * DAY_MS),
        );
        assert_eq!(weeks_in_ms.point(ms), "2026-W05");
        let days = XText::new(XAxis::Millis, None, (ms, ms + 30.0 * DAY_MS));
        assert_eq!(days.tick(ms + 0.4 * DAY_MS), "2026-01-26");
        assert_eq!(days.point(ms), "2026-01-26");
    }
}
