//! The top of the page: header, the loader, and the loaded table.

use leptos::prelude::*;

use crate::components::{LangSwitch, Loader, TableView};
use crate::engine;
use crate::i18n::Lang;
use crate::state::{AppState, EngineStatus};

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

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new(initial_lang());
    provide_context(state);
    engine::start(
        move |message| state.on_message(message),
        move |why| state.engine.set(EngineStatus::Crashed(why)),
    );
    // A file dropped beside the drop zone must not make the browser navigate away from the tab.
    let _ = window_event_listener(leptos::ev::dragover, |ev| ev.prevent_default());
    let _ = window_event_listener(leptos::ev::drop, |ev| ev.prevent_default());
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
        <main>
            <Loader/>
            <TableView/>
        </main>
    }
}
