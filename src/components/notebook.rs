//! The notebook: its cells in order, with ways to add more.

use leptos::prelude::*;
use quire_protocol::notebook::Cell;
use quire_protocol::{CellSpec, Edit};

use super::cell::CellFrame;
use super::loader::{DropZone, Progress};

/// A new empty cell of a kind, for the "add" buttons.
fn blank(spec: CellSpec) -> Cell {
    Cell {
        id: super::new_cell_id(),
        collapsed: false,
        spec,
    }
}

/// The next free `resultN` table name.
fn fresh_table(taken: &[String]) -> String {
    (1..)
        .map(|n| format!("result{n}"))
        .find(|n| !taken.contains(n))
        .unwrap_or_default()
}

#[component]
pub fn NotebookView() -> impl IntoView {
    let state = super::state();
    let s = move || state.lang.get().strings();
    let add = move |markdown: bool| {
        let Some((index, taken)) = state.view.with_untracked(|v| {
            v.as_ref().map(|v| {
                let taken = v
                    .notebook
                    .cells
                    .iter()
                    .filter_map(|c| c.spec.output().map(str::to_owned))
                    .collect::<Vec<_>>();
                (v.notebook.cells.len(), taken)
            })
        }) else {
            return;
        };
        let spec = if markdown {
            CellSpec::Markdown {
                text: String::new(),
            }
        } else {
            CellSpec::Sql {
                table: fresh_table(&taken),
                query: String::new(),
            }
        };
        state.edit(Edit::Insert {
            index,
            cell: blank(spec),
        });
    };
    let cells = move || {
        state.view.with(|v| {
            v.as_ref().map(|v| {
                v.notebook
                    .cells
                    .iter()
                    .map(|c| c.id.clone())
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        <Progress/>
        {move || cells().map(|ids| {
            let empty = ids.is_empty();
            view! {
                <div class="cells" data-testid="cells">
                    <For each=move || ids.clone() key=|id| id.clone() let:id>
                        <CellFrame id=id/>
                    </For>
                </div>
                <div class="add-cells">
                    <button data-testid="add-markdown" on:click=move |_| add(true)>{move || s().add_markdown}</button>
                    <button data-testid="add-sql" on:click=move |_| add(false)>{move || s().add_sql}</button>
                </div>
                <DropZone sample=empty/>
            }
        })}
    }
}
