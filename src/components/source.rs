//! The text editor of code-like cells (SQL, Markdown): keeps a draft, marks the cell stale
//! while the draft is not run, and runs it on Shift+Enter as Jupyter does.

use leptos::prelude::*;

/// Shift+Enter runs the cell.
fn is_run_key(ev: &web_sys::KeyboardEvent) -> bool {
    ev.key() == "Enter" && ev.shift_key()
}

#[component]
pub fn SourceEditor(
    /// The cell being edited.
    id: String,
    draft: RwSignal<String>,
    testid: &'static str,
    class: &'static str,
    #[prop(optional)] placeholder: &'static str,
    on_run: Callback<()>,
) -> impl IntoView {
    let state = super::state();
    view! {
        <textarea
            class=class
            data-testid=testid
            rows="4"
            spellcheck="false"
            placeholder=placeholder
            prop:value=move || draft.get()
            on:input=move |ev| {
                draft.set(event_target_value(&ev));
                state.set_edited(&id, true);
            }
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                if is_run_key(&ev) {
                    ev.prevent_default();
                    on_run.run(());
                }
            }
        ></textarea>
    }
}
