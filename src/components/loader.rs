//! Getting bytes into the engine: drag and drop, a file picker, or the shipped sample.

use js_sys::ArrayBuffer;
use leptos::prelude::*;
use quire_protocol::names::table_name_from_file;
use quire_protocol::{ParseOptions, ToWorker};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DragEvent, File, HtmlInputElement};

use crate::i18n::{self, Lang};
use crate::state::AppState;
use crate::{engine, perf};

const SAMPLE_URL: &str = "samples/cafe_sales.csv";
const SAMPLE_FILE: &str = "cafe_sales.csv";

fn load_bytes(state: AppState, file_name: &str, bytes: ArrayBuffer) {
    let id = engine::next_id();
    state.begin_job(id);
    let request = ToWorker::LoadCsv {
        id,
        name: table_name_from_file(file_name),
        options: ParseOptions::default(),
    };
    engine::send_with_bytes(&request, bytes);
}

fn load_file(state: AppState, file: File) {
    perf::mark("quire-load-start");
    let name = file.name();
    wasm_bindgen_futures::spawn_local(async move {
        match JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => load_bytes(state, &name, buffer.unchecked_into()),
            Err(e) => web_sys::console::error_1(&e),
        }
    });
}

fn load_sample(state: AppState) {
    wasm_bindgen_futures::spawn_local(async move {
        let Some(window) = web_sys::window() else {
            return;
        };
        let result = async {
            let response: web_sys::Response = JsFuture::from(window.fetch_with_str(SAMPLE_URL))
                .await?
                .dyn_into()?;
            JsFuture::from(response.array_buffer()?).await
        }
        .await;
        match result {
            Ok(buffer) => load_bytes(state, SAMPLE_FILE, buffer.unchecked_into()),
            Err(e) => web_sys::console::error_1(&e),
        }
    });
}

#[component]
pub fn Loader() -> impl IntoView {
    let state = super::state();
    let dragging = RwSignal::new(false);
    let s = move || state.lang.get().strings();

    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev
            .data_transfer()
            .and_then(|dt| dt.files())
            .and_then(|f| f.get(0))
        {
            load_file(state, file);
        }
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            load_file(state, file);
        }
        // Picking the same file again must load it again.
        input.set_value("");
    };

    view! {
        <section
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
            <p class="drop-title">{move || s().drop_here}</p>
            <div class="drop-actions">
                <label class="button">
                    {move || s().choose_file}
                    <input type="file" accept=".csv,.tsv,.txt,text/csv" data-testid="file-input" on:change=on_pick/>
                </label>
                <button data-testid="sample" disabled=move || state.busy() on:click=move |_| load_sample(state)>{move || s().try_sample}</button>
            </div>
            <p class="hint">{move || s().privacy}</p>
            <Progress/>
            {move || state.error.get().map(|e| view! {
                <div class="error" role="alert" data-testid="load-error">
                    <strong>{s().could_not_load}</strong>
                    <p>{i18n::worker_error(state.lang.get(), &e)}</p>
                </div>
            })}
        </section>
    }
}

#[component]
fn Progress() -> impl IntoView {
    let state = super::state();
    move || {
        state.job.get().map(|job| {
            let lang: Lang = state.lang.get();
            view! {
                <div class="progress" data-testid="progress">
                    <span>{i18n::stage(lang, job.stage)}</span>
                    <progress max="1" value=job.fraction.to_string()></progress>
                </div>
            }
        })
    }
}
