//! The notebook's toolbar: title, files (new, open, save, bundle, share), undo/redo, recent
//! notebooks and kept versions, and the notices that belong to no cell.

use leptos::prelude::*;
use quire_protocol::{Edit, Notebook, SaveKind, ToWorker};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;

use crate::i18n::{self, bytes_label};
use crate::state::{AppState, Notice};
use crate::{engine, storage};

pub fn save(state: AppState, kind: SaveKind) {
    state.saved.set(None);
    state.send_job(
        &ToWorker::Save {
            id: engine::next_id(),
            kind,
        },
        None,
        None,
    );
}

pub fn undo(state: AppState, redo: bool) {
    let id = engine::next_id();
    let request = if redo {
        ToWorker::Redo { id }
    } else {
        ToWorker::Undo { id }
    };
    state.send_job(&request, None, None);
}

pub fn new_notebook(state: AppState) {
    state.key.set(storage::new_key());
    state.saved.set(None);
    let notebook = Notebook {
        title: state.lang.get_untracked().strings().untitled.to_owned(),
        cells: Vec::new(),
    };
    state.send_job(
        &ToWorker::Open {
            id: engine::next_id(),
            notebook,
            manifest: Vec::new(),
        },
        None,
        None,
    );
}

fn open_file(state: AppState, file: web_sys::File) {
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(buffer) = JsFuture::from(file.array_buffer()).await {
            state.key.set(storage::new_key());
            state.saved.set(None);
            state.send_job(
                &ToWorker::OpenFile {
                    id: engine::next_id(),
                    data: Vec::new(),
                },
                None,
                Some(buffer.unchecked_into()),
            );
        }
    });
}

#[component]
pub fn Toolbar() -> impl IntoView {
    let state = super::state();
    let s = move || state.lang.get().strings();
    let title = move || {
        state.view.with(|v| {
            v.as_ref()
                .map(|v| v.notebook.title.clone())
                .unwrap_or_default()
        })
    };
    let can = move |redo: bool| {
        state.view.with(|v| {
            v.as_ref()
                .is_some_and(|v| if redo { v.can_redo } else { v.can_undo })
        })
    };
    let recent = LocalResource::new(move || {
        state.view.track();
        storage::recent()
    });
    let versions = LocalResource::new(move || {
        state.view.track();
        let key = state.key.get();
        async move { storage::versions(&key).await }
    });
    let on_open = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            open_file(state, file);
        }
        input.set_value("");
    };
    view! {
        <div class="toolbar">
            <input class="title" type="text" data-testid="title" prop:value=title
                on:change=move |ev| state.edit(Edit::SetTitle { title: event_target_value(&ev) })/>
            <div class="tools">
                <button data-testid="new" on:click=move |_| new_notebook(state)>{move || s().new_notebook}</button>
                <label class="button">
                    {move || s().open}
                    <input type="file" accept=".json,.quire,.zip,application/json,application/zip" data-testid="open-file" on:change=on_open/>
                </label>
                <button data-testid="save" title="Ctrl+S" on:click=move |_| save(state, SaveKind::Notebook)>{move || s().save}</button>
                <button data-testid="bundle" on:click=move |_| save(state, SaveKind::Bundle)>{move || s().bundle}</button>
                <button data-testid="share" on:click=move |_| save(state, SaveKind::ShareLink)>{move || s().share}</button>
                <button data-testid="undo" title="Ctrl+Z" disabled=move || !can(false) on:click=move |_| undo(state, false)>"↶"</button>
                <button data-testid="redo" title="Ctrl+Shift+Z" disabled=move || !can(true) on:click=move |_| undo(state, true)>"↷"</button>
                <select data-testid="recent" on:change=move |ev| {
                    let key = event_target_value(&ev);
                    if !key.is_empty() {
                        wasm_bindgen_futures::spawn_local(async move { storage::restore(state, key).await; });
                    }
                }>
                    <option value="" selected>{move || s().recent}</option>
                    {move || recent.get().unwrap_or_default().into_iter().map(|r| view! {
                        <option value=r.key.clone()>{r.title.clone()}</option>
                    }).collect_view()}
                </select>
                <select data-testid="versions" on:change=move |ev| {
                    if let Ok(at) = event_target_value(&ev).parse::<f64>() {
                        wasm_bindgen_futures::spawn_local(async move { storage::restore_version(state, at).await });
                    }
                }>
                    <option value="" selected>{move || s().versions}</option>
                    {move || versions.get().unwrap_or_default().into_iter().map(|v| {
                        let when = js_sys::Date::new(&v.at.into()).to_locale_string("default", &js_sys::Object::new());
                        view! { <option value=v.at.to_string()>{format!("{} — {}", String::from(when), v.title)}</option> }
                    }).collect_view()}
                </select>
            </div>
        </div>
        <SavedPanel/>
        <NoticeBanner/>
    }
}

#[component]
fn SavedPanel() -> impl IntoView {
    let state = super::state();
    move || {
        state.saved.get().map(|saved| {
            let lang = state.lang.get();
            let s = lang.strings();
            match saved.kind {
                SaveKind::ShareLink => view! {
                    <div class="saved" data-testid="saved">
                        <span>{s.share_ready}</span>
                        <input type="text" readonly data-testid="share-link" prop:value=saved.href.clone()/>
                    </div>
                }
                .into_any(),
                _ => view! {
                    <div class="saved" data-testid="saved">
                        <span data-testid="saved-size">{format!("{} · {}", saved.file_name, bytes_label(saved.bytes))}</span>
                        <a class="button" href=saved.href.clone() download=saved.file_name.clone() data-testid="download">{s.download}</a>
                    </div>
                }
                .into_any(),
            }
        })
    }
}

#[component]
fn NoticeBanner() -> impl IntoView {
    let state = super::state();
    move || {
        state.notice.get().map(|notice| {
            let lang = state.lang.get();
            let text = match &notice {
                Notice::Request(e) => i18n::worker_error(lang, e),
                Notice::StorageFull => lang.strings().storage_full.to_owned(),
                Notice::StorageFailed(why) => format!("{} ({why})", lang.strings().storage_failed),
            };
            view! {
                <div class="notice" role="alert" data-testid="notice">
                    <span>{text}</span>
                    <button class="icon" on:click=move |_| state.notice.set(None)>"✕"</button>
                </div>
            }
        })
    }
}
