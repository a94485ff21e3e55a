//! Autosave: every change to the notebook is kept in the browser (IndexedDB, through
//! `www/storage.js`) and restored after a reload or a killed tab.

use js_sys::ArrayBuffer;
use leptos::prelude::*;
use quire_protocol::{NotebookView, ToWorker};
use serde::Deserialize;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::engine;
use crate::state::{AppState, Notice};

#[wasm_bindgen(module = "/www/storage.js")]
extern "C" {
    #[wasm_bindgen(js_name = saveNotebook)]
    fn save_notebook(key: &str, title: &str, file: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = loadNotebook)]
    fn load_notebook(key: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = listNotebooks)]
    fn list_notebooks() -> js_sys::Promise;
    #[wasm_bindgen(js_name = listVersions)]
    fn list_versions(key: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = loadVersion)]
    fn load_version(key: &str, at: f64) -> js_sys::Promise;
    #[wasm_bindgen(js_name = saveData)]
    fn save_data(key: &str, source: &str, bytes: &ArrayBuffer) -> js_sys::Promise;
    #[wasm_bindgen(js_name = loadData)]
    fn load_data(key: &str, source: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = loadAllData)]
    fn load_all_data(key: &str) -> js_sys::Promise;
    fn persist() -> js_sys::Promise;
}

const CURRENT_KEY: &str = "quire.current";

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Recent {
    pub key: String,
    pub title: String,
    pub updated: f64,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Version {
    pub at: f64,
    pub title: String,
}

/// A fresh autosave key for a new notebook.
pub fn new_key() -> String {
    format!(
        "nb-{:x}-{:x}",
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * 1e12) as u64
    )
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn remember_current(key: &str) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(CURRENT_KEY, key);
    }
}

fn report(state: AppState, error: &JsValue) {
    let name = js_sys::Reflect::get(error, &"name".into())
        .ok()
        .and_then(|n| n.as_string());
    let notice = if name.as_deref() == Some("QuotaExceededError") {
        Notice::StorageFull
    } else {
        Notice::StorageFailed(format!("{error:?}"))
    };
    state.notice.set(Some(notice));
}

/// Keeps the notebook of `view` under the current key.
pub fn autosave(state: AppState, view: &NotebookView) {
    let key = state.key.get_untracked();
    let title = view.notebook.title.clone();
    let file = view.file.clone();
    remember_current(&key);
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = JsFuture::from(save_notebook(&key, &title, &file)).await {
            report(state, &e);
        }
    });
}

/// Keeps a data source's bytes for the current notebook.
pub fn keep_data(state: AppState, source: &str, bytes: &ArrayBuffer) {
    let key = state.key.get_untracked();
    let promise = save_data(&key, source, bytes);
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = JsFuture::from(promise).await {
            report(state, &e);
        }
    });
}

/// Asks for persistent storage, once per session; a refusal is not an error.
pub fn request_persistence() {
    wasm_bindgen_futures::spawn_local(async {
        let _ = JsFuture::from(persist()).await;
    });
}

/// Opens the notebook stored under `key` (its file, then its data), making it current.
pub async fn restore(state: AppState, key: String) -> bool {
    let Ok(file) = JsFuture::from(load_notebook(&key)).await else {
        return false;
    };
    let Some(file) = file.as_string() else {
        return false;
    };
    open_stored(state, key, file).await;
    true
}

/// Opens one of the kept versions of the current notebook.
pub async fn restore_version(state: AppState, at: f64) {
    let key = state.key.get_untracked();
    let file = JsFuture::from(load_version(&key, at))
        .await
        .ok()
        .and_then(|f| f.as_string());
    if let Some(file) = file {
        open_stored(state, key, file).await;
    }
}

async fn open_stored(state: AppState, key: String, file: String) {
    state.key.set(key.clone());
    remember_current(&key);
    // The files kept for this notebook travel with it, so it runs once, with its data; what
    // is still missing then follows from `fill_missing_data`.
    let kept: Vec<(String, ArrayBuffer)> = match JsFuture::from(load_all_data(&key)).await {
        Ok(rows) => js_sys::Array::from(&rows)
            .iter()
            .filter_map(|row| {
                let row: js_sys::Array = row.dyn_into().ok()?;
                Some((row.get(0).as_string()?, row.get(1).dyn_into().ok()?))
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    let size = file.len()
        + kept
            .iter()
            .map(|(_, b)| b.byte_length() as usize)
            .sum::<usize>();
    let all = js_sys::Uint8Array::new_with_length(size as u32);
    all.subarray(0, file.len() as u32)
        .copy_from(file.as_bytes());
    let mut at = file.len() as u32;
    let mut data = Vec::with_capacity(kept.len());
    for (source, buffer) in &kept {
        all.set(&js_sys::Uint8Array::new(buffer), at);
        at += buffer.byte_length();
        data.push(quire_protocol::DataPart {
            source: source.clone(),
            bytes: u64::from(buffer.byte_length()),
        });
    }
    state.send_job(
        &ToWorker::OpenFile {
            id: engine::next_id(),
            data,
        },
        None,
        Some(all.buffer()),
    );
}

/// Samples shipped with the app, by source name: a shared notebook that names one gets it
/// without asking.
const SAMPLES: [(&str, &str); 1] = [("cafe_sales.csv", "samples/cafe_sales.csv")];

/// For every source of the notebook without bytes: the stored copy, else a shipped sample.
/// Each source is tried once per notebook key; what stays missing is asked of the user by its
/// data cell.
pub fn fill_missing_data(state: AppState, view: &NotebookView) {
    let key = state.key.get_untracked();
    for source in view.manifest.iter().map(|d| d.name.clone()) {
        if view.attached.contains(&source) {
            continue;
        }
        let first_try = TRIED.with_borrow_mut(|t| t.insert((key.clone(), source.clone())));
        if !first_try {
            continue;
        }
        let key = key.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let stored = JsFuture::from(load_data(&key, &source))
                .await
                .ok()
                .and_then(|b| b.dyn_into::<ArrayBuffer>().ok());
            let buffer = match stored {
                Some(b) => Some(b),
                None => match SAMPLES.iter().find(|(name, _)| *name == source) {
                    Some((_, url)) => crate::fetch::bytes(url).await.ok(),
                    None => None,
                },
            };
            if let Some(buffer) = buffer {
                let request = ToWorker::AttachData {
                    id: engine::next_id(),
                    source,
                };
                state.send_job(&request, None, Some(buffer));
            }
        });
    }
}

thread_local! {
    static TRIED: std::cell::RefCell<std::collections::HashSet<(String, String)>> = Default::default();
}

/// The key of the notebook open before the reload, if any.
pub fn current_key() -> Option<String> {
    local_storage()?.get_item(CURRENT_KEY).ok().flatten()
}

pub async fn recent() -> Vec<Recent> {
    let Ok(json) = JsFuture::from(list_notebooks()).await else {
        return Vec::new();
    };
    json.as_string()
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default()
}

pub async fn versions(key: &str) -> Vec<Version> {
    let Ok(json) = JsFuture::from(list_versions(key)).await else {
        return Vec::new();
    };
    json.as_string()
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default()
}
