//! Thin components: each reads [`crate::state::AppState`] and sends typed requests.

mod grid;
mod lang;
mod loader;
mod table;

pub use lang::LangSwitch;
pub use loader::Loader;
pub use table::TableView;

use leptos::prelude::*;

use crate::state::AppState;

pub fn state() -> AppState {
    expect_context::<AppState>()
}
