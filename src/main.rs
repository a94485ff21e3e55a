//! Quire's page: a Leptos (client-side rendered) app. It is the only code that knows the DOM;
//! all data work happens in the engine's Web Worker (see `engine.rs` and ARCHITECTURE.md).

mod app;
mod components;
mod download;
mod engine;
mod fetch;
mod grid;
mod i18n;
mod perf;
mod queries;
mod state;
mod storage;

fn main() {
    console_error_panic_hook::set_once();
    // The static placeholder in index.html painted before this wasm arrived; the app takes over.
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
