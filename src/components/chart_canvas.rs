//! A chart drawn by `quire-charts` on a canvas that follows the page width and the screen's
//! pixel density, repainted when its data, the page's language or the window size changes;
//! hovering names the nearest value. Chart cells, the lift chart of Experiment cells and the
//! Metric and Dashboard charts all draw through it.

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use quire_charts::{ChartData, ChartSpec, Frame, Lang};
use wasm_bindgen::JsCast;

/// A chart's usual height in CSS pixels.
pub const HEIGHT: u32 = 360;

/// Draws `data` on `canvas` at its CSS width × `height`, crisp at the screen's pixel ratio,
/// the chart's own words in `lang`.
fn paint(
    canvas: &web_sys::HtmlCanvasElement,
    spec: &ChartSpec,
    data: &ChartData,
    height: u32,
    lang: Lang,
) -> Option<Frame> {
    let ratio = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0);
    let width = u32::try_from(canvas.client_width())
        .ok()
        .filter(|w| *w > 0)
        .unwrap_or(640);
    canvas.set_width((f64::from(width) * ratio).round() as u32);
    canvas.set_height((f64::from(height) * ratio).round() as u32);
    let context: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").ok()??.dyn_into().ok()?;
    // Draw in CSS pixels; the context scales them to device pixels.
    let _ = context.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
    let backend = CanvasBackend::with_canvas_object(canvas.clone())?;
    let root = backend.into_drawing_area();
    let area = root.shrink((0, 0), (width, height));
    let frame = quire_charts::draw(&area, spec, data, lang).ok();
    crate::perf::mark("quire-chart-drawn");
    frame
}

/// The chart as an SVG document `width` × `height`, from the same spec and data, its words
/// in `lang`.
pub fn svg(spec: &ChartSpec, data: &ChartData, width: u32, height: u32, lang: Lang) -> String {
    let mut out = String::new();
    {
        let root =
            plotters_svg::SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        let _ = quire_charts::draw(&root, spec, data, lang);
    }
    out
}

/// The canvas with its hover tip. `canvas` is the caller's, for exports; `testid` names the
/// canvas for tests.
#[component]
pub fn ChartCanvas(
    #[prop(into)] chart: Signal<(ChartSpec, ChartData)>,
    canvas: NodeRef<Canvas>,
    testid: &'static str,
    #[prop(default = HEIGHT)] height: u32,
) -> impl IntoView {
    let state = super::state();
    let frame = StoredValue::new(None::<Frame>);
    let tip = RwSignal::new(None::<(f64, f64, String)>);
    Effect::new(move |_| {
        let (spec, data) = chart.get();
        let lang = state.lang.get();
        if let Some(el) = canvas.get() {
            frame.set_value(paint(&el, &spec, &data, height, lang));
        }
    });
    // Follow the page width: repaint when the window is resized.
    let resize = window_event_listener(leptos::ev::resize, move |_| {
        if let Some(el) = canvas.get_untracked() {
            let (spec, data) = chart.get_untracked();
            let lang = state.lang.get_untracked();
            frame.set_value(paint(&el, &spec, &data, height, lang));
        }
    });
    on_cleanup(move || resize.remove());
    let on_move = move |ev: web_sys::MouseEvent| {
        let (Some(el), Some(f)) = (canvas.get_untracked(), frame.get_value()) else {
            return;
        };
        let rect = el.get_bounding_client_rect();
        let (x, y) = (
            f64::from(ev.client_x()) - rect.left(),
            f64::from(ev.client_y()) - rect.top(),
        );
        let said = chart.with_untracked(|(_, data)| quire_charts::nearest(data, &f, x, y));
        tip.set(said.map(|t| (x, y, t)));
    };
    view! {
        <div class="chart-box" on:mouseleave=move |_| tip.set(None)>
            <canvas node_ref=canvas data-testid=testid style=format!("width:100%;height:{height}px")
                on:mousemove=on_move></canvas>
            {move || tip.get().map(|(x, y, t)| view! {
                <div class="chart-tip" data-testid="chart-tip" style=format!("left:{}px;top:{}px", x + 12.0, y + 12.0)>{t}</div>
            })}
        </div>
    }
}
