//! A loaded table: its name, size, parse options, warnings, schema and rows.

use leptos::prelude::*;
use quire_protocol::{
    DelimiterChoice, EncodingChoice, HeaderChoice, ParseOptions, TableInfo, ToWorker,
};
use web_sys::HtmlSelectElement;

use super::grid::Grid;
use crate::engine;
use crate::i18n::{self, count};

#[component]
pub fn TableView() -> impl IntoView {
    let state = super::state();
    move || {
        state.table.get().map(|table| {
            view! {
                <section class="table-view" data-testid="table-view">
                    <TableHead table=table.clone()/>
                    <OptionsPanel table=table.clone()/>
                    <Warnings table=table.clone()/>
                    <div class="table-body">
                        <Schema table=table.clone()/>
                        <Grid table=table/>
                    </div>
                </section>
            }
        })
    }
}

#[component]
fn TableHead(table: TableInfo) -> impl IntoView {
    let state = super::state();
    let s = move || state.lang.get().strings();
    let rows = table.report.rows;
    let cols = table.report.columns.len() as u64;
    let current = table.name.clone();
    let on_rename = move |ev: leptos::ev::Event| {
        let to = event_target_value(&ev);
        if to.trim() == current {
            return;
        }
        let id = engine::next_id();
        state.rename.set(Some((id, None)));
        engine::send(&ToWorker::Rename {
            id,
            from: current.clone(),
            to,
        });
    };
    let parse_ms = table.parse_ms;
    view! {
        <div class="table-head">
            <label class="name">
                <span>{move || s().table_name}</span>
                <input type="text" data-testid="table-name" prop:value=table.name.clone() on:change=on_rename/>
            </label>
            <p class="counts" data-testid="counts">
                <span data-testid="row-count">{count(rows)}</span>" "{move || s().rows}" × "
                <span data-testid="column-count">{count(cols)}</span>" "{move || s().columns}
                <span class="timing">" · "{move || s().read_in}" "{format!("{parse_ms:.0} ms")}</span>
            </p>
            {move || state.rename.get().and_then(|(_, e)| e).map(|e| view! {
                <p class="error" role="alert" data-testid="rename-error">{i18n::worker_error(state.lang.get(), &e)}</p>
            })}
        </div>
    }
}

/// One `<select>` of the options panel.
fn choice<T: Copy + PartialEq + Send + Sync + 'static>(
    label: impl Fn() -> &'static str + Send + Sync + 'static,
    testid: &'static str,
    all: &'static [T],
    current: T,
    name: impl Fn(T) -> String + Copy + Send + Sync + 'static,
    on_pick: impl Fn(T) + 'static,
) -> impl IntoView {
    let on_change = move |ev: leptos::ev::Event| {
        let select: HtmlSelectElement = event_target(&ev);
        if let Some(value) = usize::try_from(select.selected_index())
            .ok()
            .and_then(|i| all.get(i))
        {
            on_pick(*value);
        }
    };
    view! {
        <label>
            <span>{label}</span>
            <select data-testid=testid on:change=on_change>
                {all.iter().map(|v| {
                    let v = *v;
                    view! { <option selected=v == current>{move || name(v)}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

#[component]
fn OptionsPanel(table: TableInfo) -> impl IntoView {
    let state = super::state();
    let lang = move || state.lang.get();
    let s = move || lang().strings();
    let opts = table.options;
    let name = table.name.clone();
    let reparse = move |options: ParseOptions| {
        let id = engine::next_id();
        state.begin_job(id);
        engine::send(&ToWorker::Reparse {
            id,
            table: name.clone(),
            options,
        });
    };
    let r1 = reparse.clone();
    let r2 = reparse.clone();
    let report = table.report.clone();
    view! {
        <details class="options" open>
            <summary>{move || s().parse_options}</summary>
            <div class="option-row">
                {choice(move || s().encoding, "opt-encoding", &EncodingChoice::ALL, opts.encoding,
                    move |e| i18n::encoding_choice(lang(), e).to_owned(),
                    move |encoding| r1(ParseOptions { encoding, ..opts }))}
                {choice(move || s().delimiter, "opt-delimiter", &DelimiterChoice::ALL, opts.delimiter,
                    move |d| i18n::delimiter_choice(lang(), d),
                    move |delimiter| r2(ParseOptions { delimiter, ..opts }))}
                {choice(move || s().header, "opt-header", &HeaderChoice::ALL, opts.header,
                    move |h| i18n::header_choice(lang(), h).to_owned(),
                    move |header| reparse(ParseOptions { header, ..opts }))}
            </div>
            <p class="detected" data-testid="detected">
                {move || s().detected}": "{report.encoding.label()}" · "
                {move || s().delimiter}" "{let d = report.delimiter; move || format!("“{}”", i18n::delimiter_char(lang(), d))}" · "
                {let h = report.header; move || if h { s().header_present } else { s().header_absent }}
            </p>
        </details>
    }
}

#[component]
fn Warnings(table: TableInfo) -> impl IntoView {
    let state = super::state();
    let warnings = table.report.warnings;
    (!warnings.is_empty()).then(|| {
        view! {
            <div class="warnings" data-testid="warnings">
                <strong>{move || state.lang.get().strings().warnings}</strong>
                <ul>
                    {warnings.into_iter().map(|w| view! {
                        <li>{move || i18n::warning(state.lang.get(), &w)}</li>
                    }).collect_view()}
                </ul>
            </div>
        }
    })
}

#[component]
fn Schema(table: TableInfo) -> impl IntoView {
    let state = super::state();
    let s = move || state.lang.get().strings();
    view! {
        <table class="schema" data-testid="schema">
            <caption>{move || s().schema}</caption>
            <thead><tr>
                <th>{move || s().column}</th>
                <th>{move || s().kind}</th>
                <th>{move || s().nulls}</th>
            </tr></thead>
            <tbody>
                {table.report.columns.into_iter().map(|c| {
                    let dtype = c.dtype;
                    view! {
                        <tr>
                            <td class="col-name">{c.name}</td>
                            <td class=format!("dtype {}", dtype.label())>{move || i18n::column_type(state.lang.get(), dtype)}</td>
                            <td class="num">{count(c.nulls)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
