//! Getting a CSV into the notebook: drag and drop, a file picker, or the shipped sample. Each
//! becomes a data cell (or feeds the data cell that asked for that file).

use js_sys::ArrayBuffer;
use leptos::prelude::*;
use quire_protocol::names::table_name_from_file;
use quire_protocol::notebook::Cell;
use quire_protocol::{CellSpec, Edit, ParseOptions, ToWorker};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DragEvent, File, HtmlInputElement};

use crate::state::AppState;
use crate::{engine, i18n, perf, storage};
use quire_protocol::kinds;

const SAMPLE_URL: &str = "samples/cafe_sales.csv";
const SAMPLE_FILE: &str = "cafe_sales.csv";

/// Adds the bytes as data source `source` (kept for autosave too). Unless a data cell already
/// reads that source, one is added at the end first, so the engine reads the file once, for
/// that cell, when the bytes arrive.
pub fn add_data(state: AppState, source: String, bytes: ArrayBuffer) {
    storage::keep_data(state, &source, &bytes.slice(0));
    let (known, index) = state.view.with_untracked(|v| {
        v.as_ref().map_or((false, 0), |v| {
            let known = v
                .notebook
                .cells
                .iter()
                .any(|c| matches!(&c.spec, CellSpec::Data(kinds::Data { source: s, .. }) if *s == source));
            (known, v.notebook.cells.len())
        })
    });
    if !known {
        let cell = Cell {
            id: super::new_cell_id(),
            collapsed: false,
            spec: CellSpec::Data(kinds::Data {
                table: table_name_from_file(&source),
                source: source.clone(),
                options: ParseOptions::default(),
            }),
        };
        state.edit(Edit::Insert { index, cell });
    }
    let request = ToWorker::AttachData {
        id: engine::next_id(),
        source,
    };
    state.send_job(&request, None, Some(bytes));
}

/// Reads a picked or dropped file and adds it as `source` (its own name when `None`).
pub fn load_file(state: AppState, file: File, source: Option<String>) {
    perf::mark("quire-load-start");
    let source = source.unwrap_or_else(|| file.name());
    wasm_bindgen_futures::spawn_local(async move {
        match JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => add_data(state, source, buffer.unchecked_into()),
            Err(e) => web_sys::console::error_1(&e),
        }
    });
}

fn load_sample(state: AppState) {
    wasm_bindgen_futures::spawn_local(async move {
        match crate::fetch::bytes(SAMPLE_URL).await {
            Ok(buffer) => add_data(state, SAMPLE_FILE.to_owned(), buffer),
            Err(e) => web_sys::console::error_1(&e),
        }
    });
}

/// A drop zone with a picker; `source` names the data source it feeds (a data cell asking
/// for its file), or `None` to add a new data cell.
#[component]
pub fn DropZone(
    #[prop(optional)] source: Option<String>,
    #[prop(optional)] sample: bool,
) -> impl IntoView {
    let state = super::state();
    let dragging = RwSignal::new(false);
    let s = move || state.lang.get().strings();
    let src = source.clone();
    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        ev.stop_propagation();
        dragging.set(false);
        if let Some(file) = ev
            .data_transfer()
            .and_then(|dt| dt.files())
            .and_then(|f| f.get(0))
        {
            load_file(state, file, src.clone());
        }
    };
    let src = source.clone();
    let on_pick = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            load_file(state, file, src.clone());
        }
        // Picking the same file again must load it again.
        input.set_value("");
    };
    let title = source.clone();
    view! {
        <div
            class="dropzone"
            class:dragging=move || dragging.get()
            data-testid="dropzone"
            on:dragover=move |ev: DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <p class="drop-title">{move || match &title {
                Some(name) => i18n::drop_named(state.lang.get(), name),
                None => s().drop_here.to_owned(),
            }}</p>
            <div class="drop-actions">
                <label class="button">
                    {move || s().choose_file}
                    <input type="file" accept=".csv,.tsv,.txt,text/csv" data-testid="file-input" on:change=on_pick/>
                </label>
                {sample.then(|| view! {
                    <button data-testid="sample" disabled=move || state.busy() on:click=move |_| load_sample(state)>
                        {move || s().try_sample}
                    </button>
                })}
            </div>
            <p class="hint">{move || s().privacy}</p>
        </div>
    }
}

/// The progress of a long request, if one is under way.
#[component]
pub fn Progress() -> impl IntoView {
    let state = super::state();
    move || {
        state.job.get().filter(|j| j.fraction > 0.0).map(|job| {
            let lang = state.lang.get();
            view! {
                <div class="progress" data-testid="progress">
                    <span>{i18n::stage(lang, job.stage)}</span>
                    <progress max="1" value=job.fraction.to_string()></progress>
                </div>
            }
        })
    }
}
