//! The rows of a table, virtualised: only the rows on screen are in the DOM, fetched from the
//! worker a page at a time as the user scrolls.

use leptos::html::Div;
use leptos::prelude::*;
use quire_protocol::{Cell, ColumnSchema};

use crate::grid;

#[component]
pub fn Grid(table: String, rows: u64, columns: Vec<ColumnSchema>) -> impl IntoView {
    let state = super::state();
    let numeric: Vec<bool> = columns.iter().map(|c| c.dtype.is_numeric()).collect();
    let scroll_top = RwSignal::new(0.0_f64);
    let viewport = RwSignal::new(560.0_f64);
    let scroller = NodeRef::<Div>::new();
    let template = format!(
        // Fixed tracks: header and rows are separate grids and must line up column by column.
        "grid-template-columns: 4.5rem repeat({}, 10rem);",
        columns.len()
    );

    let table_name = table.clone();
    let window = Memo::new(move |_| grid::window(rows, scroll_top.get(), viewport.get()));
    Effect::new(move |_| {
        if let Some(el) = scroller.get() {
            viewport.set(f64::from(el.client_height()));
        }
        let w = window.get();
        state.generation.track();
        if w.count > 0 {
            state.want_pages(&table_name, grid::pages(w.first, w.count));
        }
    });

    let header = {
        let template = template.clone();
        view! {
            <div class="grid-row grid-header" style=template>
                <div class="rownum">"#"</div>
                {columns.iter().map(|c| {
                    let kind = c.dtype;
                    view! { <div class="cell" class:num=kind.is_numeric() title=c.name.clone()>{c.name.clone()}</div> }
                }).collect_view()}
            </div>
        }
    };

    let body = move || {
        let w = window.get();
        let pages = state.pages.read();
        (w.first..w.first + w.count)
            .map(|r| {
                let row = pages
                    .get(&(table.clone(), r / grid::PAGE))
                    .and_then(|p| p.get((r % grid::PAGE) as usize));
                let cells = match row {
                    Some(cells) => cells
                        .iter()
                        .zip(numeric.iter())
                        .map(|(cell, num)| cell_view(cell, *num).into_any())
                        .collect_view()
                        .into_any(),
                    None => view! { <div class="cell loading">"…"</div> }.into_any(),
                };
                view! {
                    <div class="grid-row" style=template.clone() data-row=r>
                        <div class="rownum">{r + 1}</div>
                        {cells}
                    </div>
                }
            })
            .collect_view()
    };

    view! {
        <div
            class="grid"
            data-testid="grid"
            node_ref=scroller
            on:scroll=move |ev| {
                let el: web_sys::Element = event_target(&ev);
                scroll_top.set(f64::from(el.scroll_top()));
                viewport.set(f64::from(el.client_height()));
            }
        >
            {header}
            <div class="grid-spacer" style:height=move || format!("{}px", window.get().spacer_px)>
                <div class="grid-window" style:transform=move || format!("translateY({}px)", window.get().top_px)>
                    {body}
                </div>
            </div>
        </div>
    }
}

fn cell_view(cell: &Cell, numeric: bool) -> impl IntoView {
    let null = cell.is_null();
    let text = if null {
        "null".to_owned()
    } else {
        cell.display()
    };
    view! { <div class="cell" class:num=numeric class:null=null>{text}</div> }
}
