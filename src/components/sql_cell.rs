//! An SQL cell: a query over the notebook's tables into a named table.

use leptos::prelude::*;
use quire_protocol::notebook::Cell;
use quire_protocol::{CellOutput, CellSpec, CellStatus, Edit};

use super::cell::CellErrorView;
use super::grid::Grid;
use super::source::SourceEditor;
use super::table_tools::TableTools;
use quire_protocol::kinds;

#[component]
pub fn SqlCell(cell: Cell, status: Option<CellStatus>) -> impl IntoView {
    let state = super::state();
    let s = move || state.lang.get().strings();
    let CellSpec::Sql(kinds::Sql { table, query }) = cell.spec.clone() else {
        return ().into_any();
    };
    let name = RwSignal::new(table);
    let draft = RwSignal::new(query);
    let id = cell.id.clone();
    let run = move || {
        state.set_edited(&cell.id, false);
        let spec = CellSpec::Sql(kinds::Sql {
            table: name.get_untracked(),
            query: draft.get_untracked(),
        });
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
        }) => Some(view! {
            <TableTools table=name.clone()/>
            <Grid table=name rows=rows columns=columns/>
        }),
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
            <SourceEditor id=id draft=draft testid="sql-source" class="source sql"
                placeholder="SELECT * FROM …" on_run=Callback::new(move |()| run_key())/>
            <button class="run" data-testid="run" on:click=move |_| run_button()>{move || s().run}</button>
            <CellErrorView status=status.clone()/>
            {result}
        </div>
    }
    .into_any()
}
