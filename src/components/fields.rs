//! Small labelled inputs for the settings of steps and checks. Each commits on `change`
//! (leaving the field or pressing Enter), which sends one edit to the engine.

use leptos::prelude::*;
use quire_protocol::{CellOutput, ColumnType};
use web_sys::HtmlSelectElement;

use crate::i18n::{Lang, Word, column_type, word};

fn label(key: Word) -> impl Fn() -> &'static str + Send + Sync + Copy + 'static {
    let state = super::state();
    move || word(state.lang.get(), key)
}

/// A text field; `list` names a `<datalist>` of suggestions.
pub fn text(
    key: Word,
    value: String,
    list: Option<String>,
    set: impl Fn(String) + 'static,
) -> AnyView {
    text_as(format!("field-{}", key.key()), key, value, list, set)
}

/// A text field labelled by word `key` with its own test id, for fields repeated in a list
/// (`field-metric-0-column`).
pub fn text_as(
    testid: String,
    key: Word,
    value: String,
    list: Option<String>,
    set: impl Fn(String) + 'static,
) -> AnyView {
    view! {
        <label class="field">
            <span>{label(key)}</span>
            <input type="text" data-testid=testid prop:value=value list=list
                on:change=move |ev| set(event_target_value(&ev))/>
        </label>
    }
    .into_any()
}

pub fn number(key: Word, value: f64, set: impl Fn(f64) + 'static) -> AnyView {
    view! {
        <label class="field narrow">
            <span>{label(key)}</span>
            <input type="number" step="any" data-testid=format!("field-{}", key.key()) prop:value=value.to_string()
                on:change=move |ev| {
                    if let Ok(v) = event_target_value(&ev).trim().parse::<f64>() {
                        set(v);
                    }
                }/>
        </label>
    }
    .into_any()
}

/// A number that may be left empty (`None`); text that is not a whole number is ignored.
pub fn optional_count(
    key: Word,
    value: Option<u64>,
    set: impl Fn(Option<u64>) + 'static,
) -> AnyView {
    view! {
        <label class="field narrow">
            <span>{label(key)}</span>
            <input type="number" min="0" step="1" data-testid=format!("field-{}", key.key())
                prop:value=value.map(|v| v.to_string()).unwrap_or_default()
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    let text = text.trim();
                    if text.is_empty() {
                        set(None);
                    } else if let Some(v) = text.parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0) {
                        set(Some(v.round() as u64));
                    }
                }/>
        </label>
    }
    .into_any()
}

pub fn flag(key: Word, value: bool, set: impl Fn(bool) + 'static) -> AnyView {
    view! {
        <label class="field flag">
            <input type="checkbox" data-testid=format!("field-{}", key.key()) prop:checked=value
                on:change=move |ev| set(event_target_checked(&ev))/>
            <span>{label(key)}</span>
        </label>
    }
    .into_any()
}

/// A choice among `options`: each option's value (what `set` gets) is its word's name.
pub fn choice(
    key: Word,
    options: &'static [Word],
    current: &str,
    set: impl Fn(&'static str) + 'static,
) -> AnyView {
    let options = options.iter().map(|o| (o.key(), Label::Word(*o))).collect();
    select(format!("field-{}", key.key()), key, options, current, set)
}

/// A choice with its own test id among `(value, word)` options: the value is what `set`
/// gets (and the option's `value`), the word its label.
pub fn choice_as(
    testid: String,
    key: Word,
    options: &'static [(&'static str, Word)],
    current: &str,
    set: impl Fn(&'static str) + 'static,
) -> AnyView {
    let options = options.iter().map(|(v, w)| (*v, Label::Word(*w))).collect();
    select(testid, key, options, current, set)
}

/// A choice of column type: each option's value is the type's name (`integer`…).
pub fn type_choice(key: Word, current: ColumnType, set: impl Fn(ColumnType) + 'static) -> AnyView {
    const TYPES: [ColumnType; 6] = [
        ColumnType::Integer,
        ColumnType::Float,
        ColumnType::Boolean,
        ColumnType::Date,
        ColumnType::Datetime,
        ColumnType::Text,
    ];
    let options = TYPES.iter().map(|t| (t.label(), Label::Type(*t))).collect();
    select(
        format!("field-{}", key.key()),
        key,
        options,
        current.label(),
        move |name| {
            if let Some(t) = TYPES.iter().find(|t| t.label() == name) {
                set(*t);
            }
        },
    )
}

/// What an option of a choice shows.
#[derive(Clone, Copy)]
enum Label {
    Word(Word),
    Type(ColumnType),
}

impl Label {
    fn text(self, lang: Lang) -> &'static str {
        match self {
            Label::Word(w) => w.text(lang),
            Label::Type(t) => column_type(lang, t),
        }
    }
}

fn select(
    testid: String,
    key: Word,
    options: Vec<(&'static str, Label)>,
    current: &str,
    set: impl Fn(&'static str) + 'static,
) -> AnyView {
    let state = super::state();
    let current = current.to_owned();
    let values: Vec<&'static str> = options.iter().map(|(v, _)| *v).collect();
    view! {
        <label class="field">
            <span>{label(key)}</span>
            <select data-testid=testid on:change=move |ev| {
                let select: HtmlSelectElement = event_target(&ev);
                if let Some(v) = usize::try_from(select.selected_index()).ok().and_then(|i| values.get(i)) {
                    set(v);
                }
            }>
                {options.into_iter().map(|(value, shown)| {
                    view! { <option value=value selected=value == current>{move || shown.text(state.lang.get())}</option> }
                }).collect_view()}
            </select>
        </label>
    }
    .into_any()
}

/// A `<datalist>` of names, for text fields that name a column or a table.
pub fn datalist(id: String, names: Vec<String>) -> impl IntoView {
    view! {
        <datalist id=id>
            {names.into_iter().map(|n| view! { <option value=n/> }).collect_view()}
        </datalist>
    }
}

/// The columns of table `name` with their types, if it was made.
pub fn typed_columns_of(name: &str) -> Vec<(String, quire_protocol::ColumnType)> {
    super::state().view.with_untracked(|v| {
        v.as_ref()
            .map(|v| crate::queries::typed_columns(v, name))
            .unwrap_or_default()
    })
}

/// The names of `typed` columns: all of them, and those that hold numbers.
pub fn names_and_numbers(
    typed: &[(String, quire_protocol::ColumnType)],
) -> (Vec<String>, Vec<String>) {
    let all = typed.iter().map(|(n, _)| n.clone()).collect();
    let numbers = typed
        .iter()
        .filter(|(_, t)| t.is_numeric())
        .map(|(n, _)| n.clone())
        .collect();
    (all, numbers)
}

/// The names of the tables the notebook makes, and the columns of each (as last run).
pub fn tables() -> Vec<(String, Vec<String>)> {
    let state = super::state();
    state.view.with_untracked(|v| {
        v.as_ref()
            .map(|v| {
                v.statuses
                    .iter()
                    .filter_map(|s| s.output.as_ref().and_then(CellOutput::table))
                    .map(|(name, _, columns)| {
                        (
                            name.to_owned(),
                            columns.iter().map(|c| c.name.clone()).collect(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// The columns of table `name`, if it was made.
pub fn columns_of(name: &str) -> Vec<String> {
    tables()
        .into_iter()
        .find(|(t, _)| t == name)
        .map(|(_, c)| c)
        .unwrap_or_default()
}

/// The item picked in an "add…" menu whose first option is its label: the name at that place
/// in `names`. The menu goes back to its label.
pub fn menu_pick(ev: &leptos::ev::Event, names: &[&'static str]) -> Option<&'static str> {
    let select: HtmlSelectElement = event_target(ev);
    let index = select.selected_index();
    select.set_selected_index(0);
    usize::try_from(index - 1)
        .ok()
        .and_then(|i| names.get(i))
        .copied()
}

/// Trimmed text, or `None` when empty.
pub fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The serde name of a unit variant (`goal`, `keep_first`, `better`…): the page's choice
/// values and data attributes are the file's and the CLI's names.
pub fn name_of<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The unit variant with serde name `name`.
pub fn from_name<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).ok()
}

/// The serde tag of a value (`sample_ratio`, `missing_variant`…), so the page's names are the
/// file's and the CLI's.
pub fn tag<T: serde::Serialize>(value: &T, field: &str) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.get(field)?.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The names of the metrics the notebook's Metric cells define.
pub fn metric_names() -> Vec<String> {
    super::state().view.with_untracked(|v| {
        v.as_ref()
            .map(crate::queries::metric_names)
            .unwrap_or_default()
    })
}
