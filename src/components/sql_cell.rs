//! An SQL cell: a query over the notebook's tables into a named table.

use leptos::prelude::*;
use quire_protocol::notebook::Cell;
use quire_protocol::{CellOutput, CellSpec, CellStatus, Edit};

use super::cell::CellErrorView;
use super::grid::Grid;
use super::text_cell::is_run_key;

#[component]
pub fn SqlCell(cell: Cell, status: Option<CellStatus>) -> impl IntoView {
    let state = super::state();
    let s = move || state.lang.get().strings();
    let CellSpec::Sql { table, query } = cell.spec.clone() else {
        return ().into_any();
    };
    let name = RwSignal::new(table);
    let draft = RwSignal::new(query);
    let id = cell.id.clone();
    let run = move || {
        state.set_edited(&cell.id, false);
        let spec = CellSpec::Sql {
            table: name.get_untracked(),
            query: draft.get_untracked(),
        };
        state.edit(Edit::Update {
            cell: Cell {
                spec,
                ..cell.clone()
            },
        });
    };
    let run_key = run.clone();
    let run_button = run.clone();
    let result = match status.as_ref().and_then(|s| s.output.clone()) {
        Some(CellOutput::Table {
            name,
            rows,
            columns,
        }) => Some(view! { <Grid table=name rows=rows columns=columns/> }),
        _ => None,
    };
    view! {
        <div class="sql-cell">
            <label class="name">
                <span>{move || s().output_table}</span>
                <input type="text" data-testid="sql-table" prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                    on:change=move |_| run()/>
            </label>
            <textarea
                class="source sql"
                data-testid="sql-source"
                rows="4"
                spellcheck="false"
                placeholder="SELECT * FROM …"
                prop:value=move || draft.get()
                on:input={
                    let id = id.clone();
                    move |ev| {
                        draft.set(event_target_value(&ev));
                        state.set_edited(&id, true);
                    }
                }
                on:keydown=move |ev: web_sys::KeyboardEvent| {
                    if is_run_key(&ev) {
                        ev.prevent_default();
                        run_key();
                    }
                }
            ></textarea>
            <button class="run" data-testid="run" on:click=move |_| run_button()>{move || s().run}</button>
            <CellErrorView status=status.clone()/>
            {result}
        </div>
    }
    .into_any()
}
