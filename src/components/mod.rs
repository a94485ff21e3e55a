//! Thin components: each reads [`crate::state::AppState`] and sends typed requests.

mod cell;
mod chart_canvas;
mod chart_cell;
mod clean_cell;
mod dashboard_cell;
mod data_cell;
mod experiment_cell;
mod fields;
mod grid;
mod lang;
mod loader;
mod metric_cell;
mod model_cell;
mod notebook;
mod plan_cell;
mod quality_cell;
mod source;
mod sql_cell;
mod table_tools;
mod text_cell;
mod toolbar;

pub use lang::LangSwitch;
pub use notebook::NotebookView;
pub use toolbar::{Toolbar, new_notebook, save, undo};

use leptos::prelude::*;

use crate::state::AppState;

pub fn state() -> AppState {
    expect_context::<AppState>()
}

/// A fresh cell id: random enough never to collide within a notebook.
pub fn new_cell_id() -> String {
    format!("c{:010x}", (js_sys::Math::random() * 1e12) as u64)
}
