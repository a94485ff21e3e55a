//! A Dashboard cell: a grid of metric tiles. Each tile shows the latest complete period's
//! value, its change coloured by whether that is good news for this metric, a sparkline and
//! the incomplete current period apart; opening it shows the definition, the SQL the engine
//! ran and links to the Metric cell and the source table. The whole grid exports as PNG
//! (drawn by `quire-charts`, the same drawing the native snapshot test checks) and prints.

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use quire_charts::dashboard::{TileFace, draw_dashboard, height};
use quire_charts::{ChartKind, ChartSpec};
use quire_protocol::metric::Tile;
use quire_protocol::notebook::Cell;
use quire_protocol::{CellOutput, CellSpec, CellStatus, Edit};
use wasm_bindgen::JsCast;

use super::cell::CellErrorView;
use super::chart_canvas::ChartCanvas;
use super::fields::{datalist, metric_names, name_of, text};
use super::metric_cell::{headline, parse_names, partial};
use crate::i18n::{self, Word, word};
use quire_protocol::kinds;

/// Columns of the exported picture.
const COLUMNS: usize = 3;
/// Periods in a sparkline.
const SPARK: usize = 26;

/// Scrolls the cell with this id into view (the links of a tile).
fn reveal(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&format!("cell-{id}")))
    {
        el.scroll_into_view();
    }
}

/// What a tile shows, in the reader's language.
fn face(lang: i18n::Lang, tile: &Tile) -> TileFace {
    let (spec, report) = (&tile.spec, &tile.report);
    let (value, change, trend, period) = match &report.headline {
        Some(h) => {
            let rising = (h.absolute != 0.0).then_some(h.absolute > 0.0);
            (
                spec.show(h.value),
                i18n::change_line(
                    lang,
                    &spec.format.show_change(h.absolute),
                    h.relative,
                    rising,
                    &report.grain.label(h.previous_start),
                ),
                h.trend(spec.direction),
                report.grain.label(h.start),
            )
        }
        None => (
            "—".to_owned(),
            i18n::no_comparison(lang).to_owned(),
            quire_protocol::metric::Trend::Flat,
            String::new(),
        ),
    };
    let from = report.total.len().saturating_sub(SPARK);
    TileFace {
        name: spec.name.clone(),
        value,
        change,
        trend,
        period,
        note: partial(lang, spec, report),
        spark: report.total[from..]
            .iter()
            .map(|p| (p.start as f64, p.value.unwrap_or(f64::NAN)))
            .collect(),
    }
}

/// Draws the dashboard on a canvas of its own and downloads it as PNG.
fn export_png(title: &str, faces: &[TileFace]) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(canvas) = document
        .create_element("canvas")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlCanvasElement>().ok())
    else {
        return;
    };
    let columns = COLUMNS.min(faces.len()).max(1);
    let width = 320 * u32::try_from(columns).unwrap_or(1);
    canvas.set_width(width);
    canvas.set_height(height(faces.len(), columns));
    let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else {
        return;
    };
    if draw_dashboard(&backend.into_drawing_area(), title, faces, columns).is_ok()
        && let Ok(url) = canvas.to_data_url_with_type("image/png")
    {
        let name = if title.trim().is_empty() {
            "dashboard"
        } else {
            title.trim()
        };
        crate::download::trigger(&url, &format!("{name}.png"));
    }
}

#[component]
pub fn DashboardCell(cell: Cell, status: Option<CellStatus>) -> impl IntoView {
    let state = super::state();
    let lang = move || state.lang.get();
    let CellSpec::Dashboard(kinds::Dashboard { title, tiles }) = cell.spec.clone() else {
        return ().into_any();
    };
    let set = {
        let cell = cell.clone();
        move |title: String, tiles: Vec<String>| {
            state.edit(Edit::Update {
                cell: Cell {
                    spec: CellSpec::Dashboard(kinds::Dashboard { title, tiles }),
                    ..cell.clone()
                },
            });
        }
    };
    let names_id = format!("metrics-{}", cell.id);
    let metric_names = metric_names();
    let shown = match status.as_ref().and_then(|s| s.output.clone()) {
        Some(CellOutput::Dashboard { tiles }) => tiles,
        _ => Vec::new(),
    };
    let set_title = {
        let (set, tiles) = (set.clone(), tiles.clone());
        move |v: String| set(v, tiles.clone())
    };
    let set_tiles = {
        let title = title.clone();
        move |v: String| set(title.clone(), parse_names(&v))
    };
    let export = {
        let (title, shown) = (title.clone(), shown.clone());
        move |_| {
            let faces: Vec<TileFace> = shown.iter().map(|t| face(lang(), t)).collect();
            export_png(&title, &faces);
        }
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let has_tiles = !shown.is_empty();
    view! {
        <div class="quality-cell dashboard-cell">
            {datalist(names_id.clone(), metric_names)}
            <div class="step-fields no-print">
                {text(Word::MTitle, title.clone(), None, set_title)}
                {text(Word::MTiles, tiles.join(", "), Some(names_id), set_tiles)}
            </div>
            <CellErrorView status=status.clone()/>
            {has_tiles.then(|| view! {
                <h3 class="dashboard-title">{title.clone()}</h3>
                <div class="tiles" data-testid="tiles">
                    {shown.into_iter().map(|tile| view! { <TileView tile=tile/> }).collect_view()}
                </div>
                <div class="chart-actions no-print">
                    <button data-testid="export-dashboard-png" on:click=export>{move || word(lang(), Word::MExportPng)}</button>
                    <button data-testid="print-dashboard" on:click=print>{move || word(lang(), Word::MPrint)}</button>
                </div>
            })}
        </div>
    }
    .into_any()
}

#[component]
fn TileView(tile: Tile) -> impl IntoView {
    let state = super::state();
    let lang = move || state.lang.get();
    let open = RwSignal::new(false);
    let (_, trend) = headline(state.lang.get_untracked(), &tile.spec, &tile.report);
    let face_now = {
        let tile = tile.clone();
        move || face(lang(), &tile)
    };
    let spark = {
        let tile = tile.clone();
        Signal::derive(move || {
            (
                ChartSpec::new(ChartKind::Spark, None, &[]),
                tile.report.spark(SPARK),
            )
        })
    };
    let canvas = NodeRef::<Canvas>::new();
    let spec = tile.spec.clone();
    let sql = tile.report.sql.clone();
    let rolling = tile.report.rolling_days;
    let (cell, source_cell) = (tile.cell.clone(), tile.source_cell.clone());
    let definition = {
        let spec = spec.clone();
        move || {
            let mut lines = vec![
                (word(lang(), Word::MAggregation), spec.aggregation.clone()),
                (
                    word(lang(), Word::MGrain),
                    word(lang(), Word::from(spec.grain)).to_owned(),
                ),
                (word(lang(), Word::MTime), spec.time.clone()),
            ];
            if !spec.filters.is_empty() {
                lines.push((word(lang(), Word::MFilters), spec.filters.join("; ")));
            }
            if let Some(w) = spec.rolling_days {
                lines.push((word(lang(), Word::MRolling), w.to_string()));
            }
            if !spec.owner.is_empty() {
                lines.push((word(lang(), Word::MOwner), spec.owner.clone()));
            }
            lines
                .into_iter()
                .map(|(k, v)| view! { <li><span class="key">{k}</span>" "<code>{v}</code></li> })
                .collect_view()
        }
    };
    let description = spec.description.clone();
    let table = spec.table.clone();
    view! {
        <div class=format!("tile trend-{}", name_of(&trend)) data-testid="tile" data-metric=spec.name.clone() data-trend=name_of(&trend)>
            <button class="tile-name" data-testid="tile-open" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>{spec.name.clone()}</button>
            {move || {
                let f = face_now();
                view! {
                    <span class="tile-period">{f.period}</span>
                    <div class="tile-value" data-testid="tile-value">{f.value}</div>
                    <div class="tile-change" data-testid="tile-change">{f.change}</div>
                    {f.note.map(|n| view! { <div class="tile-note" data-testid="tile-partial">{n}</div> })}
                }
            }}
            <ChartCanvas chart=spark canvas=canvas testid="tile-spark" height=48/>
            <Show when=move || open.get()>
                <div class="tile-details" data-testid="tile-details">
                    {(!description.is_empty()).then(|| view! { <p>{description.clone()}</p> })}
                    <ul class="rules">{definition.clone()}</ul>
                    <pre class="sql" data-testid="tile-sql">{sql.clone()}</pre>
                    <p class="sql-note" data-testid="tile-sql-note">{move || i18n::metric_sql_note(lang(), rolling)}</p>
                    <p class="tile-links">
                        <a href="#" data-testid="tile-definition" on:click={
                            let cell = cell.clone();
                            move |ev: leptos::ev::MouseEvent| { ev.prevent_default(); reveal(&cell); }
                        }>{move || word(lang(), Word::MDefinedIn)}</a>
                        " · "
                        {source_cell.clone().map(|source| view! {
                            <a href="#" data-testid="tile-source" data-table=table.clone() on:click=move |ev: leptos::ev::MouseEvent| { ev.prevent_default(); reveal(&source); }>
                                {move || word(lang(), Word::MSource)}": "{table.clone()}
                            </a>
                        })}
                    </p>
                </div>
            </Show>
        </div>
    }
}
