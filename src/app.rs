//! The top of the page: header, toolbar, the notebook; start-up and keyboard shortcuts.

use leptos::prelude::*;
use quire_protocol::{SaveKind, ToWorker};

use crate::components::{LangSwitch, NotebookView, Toolbar};
use crate::i18n::Lang;
use crate::state::{AppState, EngineStatus};
use crate::{engine, storage};

const LANG_KEY: &str = "quire.lang";

/// The language saved from last time, else the browser's, else English.
fn initial_lang() -> Lang {
    let window = web_sys::window();
    let saved = window
        .as_ref()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten());
    let browser = window.as_ref().and_then(|w| w.navigator().language());
    saved
        .or(browser)
        .and_then(|c| Lang::from_code(&c))
        .unwrap_or(Lang::En)
}

pub fn save_lang(lang: Lang) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(LANG_KEY, lang.code());
    }
}

/// What to open first: a shared notebook in the URL, else the notebook open before the
/// reload, else a new one.
fn start(state: AppState) {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let fragment = hash.trim_start_matches('#').to_owned();
    if fragment.starts_with(quire_protocol::notebook::SHARE_PREFIX) {
        state.send_job(
            &ToWorker::OpenShared {
                id: engine::next_id(),
                fragment,
            },
            None,
            None,
        );
        // From here on it is this browser's own copy (autosaved): a reload must restore that,
        // not open the link again over the user's edits.
        if let Some(w) = web_sys::window() {
            let path = w.location().pathname().unwrap_or_default();
            let _ = w.history().and_then(|h| {
                h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path))
            });
        }
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let restored = match storage::current_key() {
            Some(key) => storage::restore(state, key).await,
            None => false,
        };
        if !restored {
            crate::components::new_notebook(state);
        }
    });
}

/// Jupyter's habits: Ctrl/Cmd+S saves; Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z undo and redo edits
/// of the notebook when no text field has the focus (there they undo typing).
fn on_key(state: AppState, ev: &web_sys::KeyboardEvent) {
    if !(ev.ctrl_key() || ev.meta_key()) {
        return;
    }
    let in_text = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
    match ev.key().to_lowercase().as_str() {
        "s" => {
            ev.prevent_default();
            crate::components::save(state, SaveKind::Notebook);
        }
        "z" if !in_text => {
            ev.prevent_default();
            crate::components::undo(state, ev.shift_key());
        }
        "y" if !in_text => {
            ev.prevent_default();
            crate::components::undo(state, true);
        }
        _ => {}
    }
}

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new(initial_lang());
    provide_context(state);
    engine::start(
        move |message, bytes| state.on_message(message, bytes),
        move |why| state.engine.set(EngineStatus::Crashed(why)),
    );
    start(state);
    storage::request_persistence();
    // A file dropped beside a drop zone must not make the browser navigate away from the tab.
    let _ = window_event_listener(leptos::ev::dragover, |ev| ev.prevent_default());
    let _ = window_event_listener(leptos::ev::drop, |ev| ev.prevent_default());
    let _ = window_event_listener(leptos::ev::keydown, move |ev| on_key(state, &ev));
    Effect::new(move |_| {
        let lang = state.lang.get();
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", lang.code());
        }
    });

    let s = move || state.lang.get().strings();
    let status = move || {
        match state.engine.get() {
        EngineStatus::Loading => view! { <span class="engine loading" data-testid="engine-status">{s().engine_loading}</span> }.into_any(),
        EngineStatus::Ready => view! { <span class="engine ready" data-testid="engine-status">{s().engine_ready}</span> }.into_any(),
        EngineStatus::Crashed(why) => view! {
            <span class="engine crashed" data-testid="engine-status" title=why>{s().engine_failed}</span>
        }.into_any(),
    }
    };

    view! {
        <header class="top">
            <h1>"Quire"</h1>
            <p class="tagline">{move || s().tagline}</p>
            <div class="spacer"></div>
            {status}
            <LangSwitch/>
        </header>
        <main data-busy=move || state.busy().to_string()>
            <Toolbar/>
            <NotebookView/>
        </main>
    }
}
