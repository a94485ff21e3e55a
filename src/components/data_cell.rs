//! A data cell: a CSV from the notebook's data, read with parse options into a table.

use leptos::prelude::*;
use quire_protocol::notebook::Cell;
use quire_protocol::{
    CellError, CellOutput, CellSpec, CellStatus, DelimiterChoice, Edit, EncodingChoice,
    HeaderChoice, ParseOptions, ParseReport,
};
use web_sys::HtmlSelectElement;

use super::cell::CellErrorView;
use super::grid::Grid;
use super::loader::DropZone;
use super::table_tools::TableTools;
use crate::i18n::{self, count};
use quire_protocol::kinds;

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
pub fn DataCell(cell: Cell, status: Option<CellStatus>) -> impl IntoView {
    let state = super::state();
    let lang = move || state.lang.get();
    let s = move || lang().strings();
    let CellSpec::Data(kinds::Data {
        table,
        source,
        options,
    }) = cell.spec.clone()
    else {
        return ().into_any();
    };
    let id = cell.id.clone();
    let report: Option<ParseReport> = state.view.with_untracked(|v| {
        v.as_ref().and_then(|v| {
            v.reports
                .iter()
                .find(|(c, _)| *c == id)
                .map(|(_, r)| r.clone())
        })
    });
    let mismatch = state.view.with_untracked(|v| {
        v.as_ref().and_then(|v| {
            v.mismatches
                .iter()
                .find(|(name, _)| *name == source)
                .map(|(_, m)| m.clone())
        })
    });
    let missing = matches!(
        status.as_ref().and_then(|s| s.error.as_ref()),
        Some(CellError::MissingData { .. })
    );

    let update = {
        let cell = cell.clone();
        move |table: String, options: ParseOptions| {
            let CellSpec::Data(kinds::Data { source, .. }) = &cell.spec else {
                return;
            };
            let spec = CellSpec::Data(kinds::Data {
                table,
                source: source.clone(),
                options,
            });
            state.edit(Edit::Update {
                cell: Cell {
                    spec,
                    ..cell.clone()
                },
            });
        }
    };
    let (u1, u2, u3, u4) = (update.clone(), update.clone(), update.clone(), update);
    let (t1, t2, t3) = (table.clone(), table.clone(), table.clone());
    let on_rename = move |ev: leptos::ev::Event| u1(event_target_value(&ev), options);

    let output = status.as_ref().and_then(|s| s.output.clone());
    view! {
        <div class="data-cell">
            <div class="table-head">
                <label class="name">
                    <span>{move || s().table_name}</span>
                    <input type="text" data-testid="table-name" prop:value=table.clone() on:change=on_rename/>
                </label>
                <span class="source-name" data-testid="source-name">{source.clone()}</span>
                {match &output {
                    Some(CellOutput::Table { rows, columns, .. }) => {
                        let (rows, cols) = (*rows, columns.len() as u64);
                        Some(view! {
                            <p class="counts" data-testid="counts">
                                <span data-testid="row-count">{count(rows)}</span>" "{move || s().rows}" × "
                                <span data-testid="column-count">{count(cols)}</span>" "{move || s().columns}
                            </p>
                        })
                    }
                    _ => None,
                }}
            </div>
            <details class="options">
                <summary>{move || s().parse_options}</summary>
                <div class="option-row">
                    {choice(move || s().encoding, "opt-encoding", &EncodingChoice::ALL, options.encoding,
                        move |e| i18n::encoding_choice(lang(), e).to_owned(),
                        move |encoding| u2(t1.clone(), ParseOptions { encoding, ..options }))}
                    {choice(move || s().delimiter, "opt-delimiter", &DelimiterChoice::ALL, options.delimiter,
                        move |d| i18n::delimiter_choice(lang(), d),
                        move |delimiter| u3(t2.clone(), ParseOptions { delimiter, ..options }))}
                    {choice(move || s().header, "opt-header", &HeaderChoice::ALL, options.header,
                        move |h| i18n::header_choice(lang(), h).to_owned(),
                        move |header| u4(t3.clone(), ParseOptions { header, ..options }))}
                </div>
            </details>
            {report.clone().map(|r| view! {
                <p class="detected" data-testid="detected">
                    {move || s().detected}": "{r.encoding.label()}" · "
                    {move || s().delimiter}" "{let d = r.delimiter; move || format!("“{}”", i18n::delimiter_char(lang(), d))}" · "
                    {let h = r.header; move || if h { s().header_present } else { s().header_absent }}
                </p>
            })}
            {mismatch.map(|m| view! {
                <p class="warning" data-testid="mismatch">{move || i18n::mismatch(lang(), &m)}</p>
            })}
            {report.as_ref().filter(|r| !r.warnings.is_empty()).map(|r| {
                let warnings = r.warnings.clone();
                view! {
                    <div class="warnings" data-testid="warnings">
                        <strong>{move || s().warnings}</strong>
                        <ul>{warnings.into_iter().map(|w| view! { <li>{move || i18n::warning(lang(), &w)}</li> }).collect_view()}</ul>
                    </div>
                }
            })}
            <CellErrorView status=status.clone()/>
            {missing.then(|| view! { <DropZone source=source.clone()/> })}
            {match output {
                Some(CellOutput::Table { name, rows, columns }) => Some(view! {
                    <TableTools table=name.clone()/>
                    <div class="table-body">
                        <Schema columns=columns.clone()/>
                        <Grid table=name rows=rows columns=columns/>
                    </div>
                }),
                _ => None,
            }}
        </div>
    }
    .into_any()
}

#[component]
fn Schema(columns: Vec<quire_protocol::ColumnSchema>) -> impl IntoView {
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
                {columns.into_iter().map(|c| {
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
