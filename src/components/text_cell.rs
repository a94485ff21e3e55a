//! A Markdown cell: edited as text, shown as the engine's sanitised HTML.

use leptos::prelude::*;
use quire_protocol::notebook::Cell;
use quire_protocol::{CellOutput, CellSpec, CellStatus, Edit};

use super::cell::CellErrorView;
use super::source::SourceEditor;
use quire_protocol::kinds;

#[component]
pub fn TextCell(cell: Cell, status: Option<CellStatus>) -> impl IntoView {
    let state = super::state();
    let CellSpec::Markdown(kinds::Markdown { text }) = cell.spec.clone() else {
        return ().into_any();
    };
    let editing = RwSignal::new(text.trim().is_empty());
    let draft = RwSignal::new(text.clone());
    let html = match status.as_ref().and_then(|s| s.output.clone()) {
        Some(CellOutput::Html { html }) => html,
        _ => String::new(),
    };
    let id = cell.id.clone();
    let commit = move || {
        state.set_edited(&cell.id, false);
        editing.set(false);
        let text = draft.get_untracked();
        state.edit(Edit::Update {
            cell: Cell {
                spec: CellSpec::Markdown(kinds::Markdown { text }),
                ..cell.clone()
            },
        });
    };
    let commit2 = commit.clone();
    view! {
        <div class="markdown-cell">
            <Show
                when=move || editing.get()
                fallback=move || {
                    let html = html.clone();
                    view! {
                        // The engine rendered this through pulldown-cmark and the ammonia
                        // sanitiser: no scripts, handlers or javascript: URLs survive.
                        <div class="rendered" data-testid="rendered" inner_html=html on:dblclick=move |_| editing.set(true)></div>
                    }
                }
            >
                <SourceEditor id=id.clone() draft=draft testid="markdown-source" class="source"
                    on_run=Callback::new({
                        let commit = commit.clone();
                        move |()| commit()
                    })/>
                <button class="run" data-testid="run" on:click={
                    let commit = commit2.clone();
                    move |_| commit()
                }>{move || state.lang.get().strings().render}</button>
            </Show>
            <CellErrorView status=status.clone()/>
        </div>
    }
    .into_any()
}
