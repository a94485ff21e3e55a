//! A Clean cell: typed steps from an input table to an output table, with the ledger of what
//! each step did under it.

use leptos::prelude::*;
use quire_protocol::clean::{
    Example, Fill, Keep, NullRows, OutlierAction, OutlierRule, Step, StepLedger, StepOp, TextCase,
    sort_keys, sort_keys_text, split_list,
};
use quire_protocol::notebook::Cell;
use quire_protocol::{CellOutput, CellSpec, CellStatus, Edit};

use super::cell::CellErrorView;
use super::fields::{self, choice, flag, number, text};
use super::grid::Grid;
use crate::i18n::{self, Text, Word, count, word};
use quire_protocol::kinds;

#[component]
pub fn CleanCell(cell: Cell, status: Option<CellStatus>) -> impl IntoView {
    let state = super::state();
    let lang = move || state.lang.get();
    let CellSpec::Clean(kinds::Clean {
        input,
        table,
        steps,
    }) = cell.spec.clone()
    else {
        return ().into_any();
    };
    let set_spec = {
        let cell = cell.clone();
        Callback::new(move |spec: CellSpec| {
            state.edit(Edit::Update {
                cell: Cell {
                    spec,
                    ..cell.clone()
                },
            });
        })
    };
    let with_steps = {
        let (input, table) = (input.clone(), table.clone());
        Callback::new(move |steps: Vec<Step>| {
            set_spec.run(CellSpec::Clean(kinds::Clean {
                input: input.clone(),
                table: table.clone(),
                steps,
            }));
        })
    };
    let (ledger, result) = match status.as_ref().and_then(|s| s.output.clone()) {
        Some(CellOutput::Cleaned {
            name,
            rows,
            columns,
            ledger,
        }) => (ledger, Some((name, rows, columns))),
        _ => (Vec::new(), None),
    };
    let columns = fields::columns_of(&input);
    let first = columns.first().cloned().unwrap_or_default();
    let list_id = format!("cols-{}", cell.id);
    let tables_id = format!("tables-{}", cell.id);
    let table_names: Vec<String> = fields::tables().into_iter().map(|(t, _)| t).collect();

    let rows = steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let all = steps.clone();
            let change = move |f: &dyn Fn(&mut Vec<Step>)| {
                let mut s = all.clone();
                f(&mut s);
                with_steps.run(s);
            };
            let on_op = {
                let change = change.clone();
                Callback::new(move |op: StepOp| change(&|s| s[i].op = op.clone()))
            };
            let (c1, c2, c3, c4) = (change.clone(), change.clone(), change.clone(), change);
            let last = steps.len() - 1;
            let enabled = step.enabled;
            let name = step.op.name();
            let step_word = Word::from(&step.op);
            let entry = ledger.get(i).cloned();
            view! {
                <li class="step" class:off=!enabled data-testid="step" data-step=name>
                    <div class="step-head">
                        <span class="step-no">{i + 1}</span>
                        <label class="field flag">
                            <input type="checkbox" data-testid="step-enabled" prop:checked=enabled
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    c1(&|s| s[i].enabled = on);
                                }/>
                            <span>{move || word(lang(), Word::On)}</span>
                        </label>
                        <strong>{move || word(lang(), step_word)}</strong>
                        <span class="spacer"></span>
                        <button class="icon" data-testid="step-up" disabled=i == 0
                            on:click=move |_| c2(&|s| s.swap(i, i.saturating_sub(1)))>"↑"</button>
                        <button class="icon" data-testid="step-down" disabled=i == last
                            on:click=move |_| c3(&|s| s.swap(i, (i + 1).min(last)))>"↓"</button>
                        <button class="icon danger" data-testid="step-remove" title=move || word(lang(), Word::Remove)
                            on:click=move |_| c4(&|s| { s.remove(i); })>"✕"</button>
                    </div>
                    <div class="step-fields">{step_fields(&step.op, on_op, list_id.clone())}</div>
                    {entry.map(|e| view! { <Ledger entry=e/> })}
                </li>
            }
        })
        .collect_view();

    let add_step = {
        let steps = steps.clone();
        move |ev: leptos::ev::Event| {
            let Some(name) = fields::menu_pick(&ev, &StepOp::NAMES) else {
                return;
            };
            if let Some(op) = StepOp::template(name, &first) {
                let mut s = steps.clone();
                s.push(Step::new(op));
                with_steps.run(s);
            }
        }
    };
    let rename = {
        let (input, steps) = (input.clone(), steps.clone());
        move |ev: leptos::ev::Event| {
            set_spec.run(CellSpec::Clean(kinds::Clean {
                input: input.clone(),
                table: event_target_value(&ev),
                steps: steps.clone(),
            }))
        }
    };
    let retarget = {
        let (table, steps) = (table.clone(), steps.clone());
        move |ev: leptos::ev::Event| {
            set_spec.run(CellSpec::Clean(kinds::Clean {
                input: event_target_value(&ev),
                table: table.clone(),
                steps: steps.clone(),
            }))
        }
    };
    view! {
        <div class="clean-cell">
            {fields::datalist(list_id.clone(), columns)}
            {fields::datalist(tables_id.clone(), table_names)}
            <div class="table-head">
                <label class="name">
                    <span>{move || word(lang(), Word::Input)}</span>
                    <input type="text" data-testid="clean-input" prop:value=input.clone() list=tables_id on:change=retarget/>
                </label>
                <span class="arrow">"→"</span>
                <label class="name">
                    <span>{move || word(lang(), Word::Output)}</span>
                    <input type="text" data-testid="clean-table" prop:value=table.clone() on:change=rename/>
                </label>
            </div>
            <ol class="steps">{rows}</ol>
            <select class="add-step" data-testid="add-step" on:change=add_step>
                <option>{move || word(lang(), Word::AddStep)}</option>
                {StepOp::NAMES.iter().map(|n| {
                    let n: &'static str = n;
                    // The word of the step this name makes (every name makes one).
                    let w = StepOp::template(n, "").map(|op| Word::from(&op));
                    view! { <option value=n>{move || w.map(|w| word(lang(), w))}</option> }
                }).collect_view()}
            </select>
            <CellErrorView status=status.clone()/>
            {result.map(|(name, rows, columns)| view! {
                <super::table_tools::TableTools table=name.clone()/>
                <Grid table=name rows=rows columns=columns/>
            })}
        </div>
    }
    .into_any()
}

/// The settings of one step.
fn step_fields(op: &StepOp, on: Callback<StepOp>, list: String) -> AnyView {
    let l = Some(list);
    match op.clone() {
        StepOp::Select { columns } => text(Word::Columns, columns.join(", "), l, move |v| {
            on.run(StepOp::Select {
                columns: split_list(&v),
            })
        }),
        StepOp::Drop { columns } => text(Word::Columns, columns.join(", "), l, move |v| {
            on.run(StepOp::Drop {
                columns: split_list(&v),
            })
        }),
        StepOp::Rename { from, to } => {
            let (f, t) = (from.clone(), to.clone());
            view! {
                {text(Word::From, from, l, move |v| on.run(StepOp::Rename { from: v, to: t.clone() }))}
                {text(Word::To, to, None, move |v| on.run(StepOp::Rename { from: f.clone(), to: v }))}
            }
            .into_any()
        }
        StepOp::Cast { column, to } => {
            let c = column.clone();
            view! {
                {text(Word::Column, column, l, move |v| on.run(StepOp::Cast { column: v, to }))}
                {fields::type_choice(Word::Type, to, move |t| {
                    on.run(StepOp::Cast { column: c.clone(), to: t })
                })}
            }
            .into_any()
        }
        StepOp::ParseDate {
            column,
            formats,
            datetime,
        } => {
            let (c1, c2, f1, f2) = (
                column.clone(),
                column.clone(),
                formats.clone(),
                formats.clone(),
            );
            view! {
                {text(Word::Column, column, l, move |v| on.run(StepOp::ParseDate { column: v, formats: f1.clone(), datetime }))}
                {text(Word::Formats, formats.join(", "), None, move |v| on.run(StepOp::ParseDate { column: c1.clone(), formats: split_list(&v), datetime }))}
                {flag(Word::Datetime, datetime, move |d| on.run(StepOp::ParseDate { column: c2.clone(), formats: f2.clone(), datetime: d }))}
            }
            .into_any()
        }
        StepOp::Trim { columns } => text(Word::Columns, columns.join(", "), l, move |v| {
            on.run(StepOp::Trim {
                columns: split_list(&v),
            })
        }),
        StepOp::Case { columns, case } => {
            let c = columns.clone();
            let current = match case {
                TextCase::Lower => "lower",
                TextCase::Upper => "upper",
                TextCase::Title => "title",
            };
            view! {
                {text(Word::Columns, columns.join(", "), l, move |v| on.run(StepOp::Case { columns: split_list(&v), case }))}
                {choice(Word::TextCase, &[Word::Lower, Word::Upper, Word::Title], current, move |k| {
                    let case = match k { "upper" => TextCase::Upper, "title" => TextCase::Title, _ => TextCase::Lower };
                    on.run(StepOp::Case { columns: c.clone(), case })
                })}
            }
            .into_any()
        }
        StepOp::Replace {
            column,
            find,
            with,
            whole,
        } => {
            let op = StepOp::Replace {
                column: column.clone(),
                find: find.clone(),
                with: with.clone(),
                whole,
            };
            let edit = move |f: &dyn Fn(&mut StepOp)| {
                let mut o = op.clone();
                f(&mut o);
                on.run(o);
            };
            let (e1, e2, e3, e4) = (edit.clone(), edit.clone(), edit.clone(), edit);
            view! {
                {text(Word::Column, column, l, move |v| e1(&|o| if let StepOp::Replace { column, .. } = o { column.clone_from(&v) }))}
                {text(Word::Find, find, None, move |v| e2(&|o| if let StepOp::Replace { find, .. } = o { find.clone_from(&v) }))}
                {text(Word::With, with.unwrap_or_default(), None, move |v| e3(&|o| if let StepOp::Replace { with, .. } = o {
                    *with = (!v.is_empty()).then(|| v.clone());
                }))}
                {flag(Word::Whole, whole, move |w| e4(&|o| if let StepOp::Replace { whole, .. } = o { *whole = w }))}
            }
            .into_any()
        }
        StepOp::FillNull { column, fill } => {
            let (c1, c2, f1) = (column.clone(), column.clone(), fill.clone());
            let (current, value) = match &fill {
                Fill::Constant(v) => ("constant", Some(v.clone())),
                Fill::Mean => ("mean", None),
                Fill::Median => ("median", None),
                Fill::Mode => ("mode", None),
                Fill::Forward => ("forward", None),
                Fill::Backward => ("backward", None),
            };
            view! {
                {text(Word::Column, column, l, move |v| on.run(StepOp::FillNull { column: v, fill: f1.clone() }))}
                {choice(Word::Fill, &[Word::Constant, Word::Mean, Word::Median, Word::Mode, Word::Forward, Word::Backward], current, move |k| {
                    let fill = match k {
                        "constant" => Fill::Constant(String::new()),
                        "mean" => Fill::Mean,
                        "median" => Fill::Median,
                        "mode" => Fill::Mode,
                        "backward" => Fill::Backward,
                        _ => Fill::Forward,
                    };
                    on.run(StepOp::FillNull { column: c1.clone(), fill })
                })}
                {value.map(|v| text(Word::Value, v, None, move |v| on.run(StepOp::FillNull { column: c2.clone(), fill: Fill::Constant(v) })))}
            }
            .into_any()
        }
        StepOp::DropNulls { columns, how } => {
            let c = columns.clone();
            let current = if how == NullRows::Any { "any" } else { "all" };
            view! {
                {text(Word::Columns, columns.join(", "), l, move |v| on.run(StepOp::DropNulls { columns: split_list(&v), how }))}
                {choice(Word::How, &[Word::Any, Word::All], current, move |k| on.run(StepOp::DropNulls {
                    columns: c.clone(),
                    how: if k == "all" { NullRows::All } else { NullRows::Any },
                }))}
            }
            .into_any()
        }
        StepOp::Dedup { columns, keep } => {
            let c = columns.clone();
            let current = if keep == Keep::First { "first" } else { "last" };
            view! {
                {text(Word::Columns, columns.join(", "), l, move |v| on.run(StepOp::Dedup { columns: split_list(&v), keep }))}
                {choice(Word::Keep, &[Word::First, Word::Last], current, move |k| on.run(StepOp::Dedup {
                    columns: c.clone(),
                    keep: if k == "last" { Keep::Last } else { Keep::First },
                }))}
            }
            .into_any()
        }
        StepOp::Filter { predicate } => text(Word::Predicate, predicate, None, move |v| {
            on.run(StepOp::Filter { predicate: v })
        }),
        StepOp::Derive { name, expression } => {
            let (n, e) = (name.clone(), expression.clone());
            view! {
                {text(Word::Name, name, None, move |v| on.run(StepOp::Derive { name: v, expression: e.clone() }))}
                {text(Word::Expression, expression, None, move |v| on.run(StepOp::Derive { name: n.clone(), expression: v }))}
            }
            .into_any()
        }
        StepOp::Outliers {
            column,
            rule,
            action,
        } => {
            let (c1, c2, c3) = (column.clone(), column.clone(), column.clone());
            let (current, amount, key): (&str, f64, Word) = match rule {
                OutlierRule::Iqr { k } => ("iqr", k, Word::K),
                OutlierRule::ZScore { z } => ("zscore", z, Word::Z),
            };
            view! {
                {text(Word::Column, column, l, move |v| on.run(StepOp::Outliers { column: v, rule, action }))}
                {choice(Word::Rule, &[Word::Iqr, Word::Zscore], current, move |k| on.run(StepOp::Outliers {
                    column: c1.clone(),
                    rule: if k == "zscore" { OutlierRule::ZScore { z: 3.0 } } else { OutlierRule::Iqr { k: 1.5 } },
                    action,
                }))}
                {number(key, amount, move |x| on.run(StepOp::Outliers {
                    column: c2.clone(),
                    rule: match rule { OutlierRule::Iqr { .. } => OutlierRule::Iqr { k: x }, OutlierRule::ZScore { .. } => OutlierRule::ZScore { z: x } },
                    action,
                }))}
                {choice(Word::Action, &[Word::Clip, Word::DropRows], if action == OutlierAction::Clip { "clip" } else { "drop_rows" }, move |k| on.run(StepOp::Outliers {
                    column: c3.clone(),
                    rule,
                    action: if k == "clip" { OutlierAction::Clip } else { OutlierAction::Drop },
                }))}
            }
            .into_any()
        }
        StepOp::Sort { by } => text(Word::By, sort_keys_text(&by), l, move |v| {
            on.run(StepOp::Sort { by: sort_keys(&v) })
        }),
    }
}

/// What one step did: rows in and out, changes per column, columns added or removed, examples.
#[component]
fn Ledger(entry: StepLedger) -> impl IntoView {
    let state = super::state();
    let lang = move || state.lang.get();
    if !entry.ran {
        return view! { <p class="ledger off" data-testid="ledger" data-ran="false">{move || word(lang(), Word::Skipped)}</p> }
            .into_any();
    }
    let (rows_in, rows_out, dropped) = (entry.rows_in, entry.rows_out, entry.dropped());
    let changes = entry
        .columns
        .iter()
        .map(|c| {
            let mut parts = Vec::new();
            for (n, key) in [(c.changed, Word::Changed), (c.nulled, Word::Nulled), (c.filled, Word::Filled)] {
                if n > 0 {
                    parts.push((n, key));
                }
            }
            view! {
                <li data-testid="change" data-column=c.column.clone() data-changed=c.changed
                    data-nulled=c.nulled data-filled=c.filled>
                    <span class="col-name">{c.column.clone()}</span>": "
                    {move || parts.iter().map(|(n, k)| format!("{} {}", count(*n), word(lang(), *k))).collect::<Vec<_>>().join(", ")}
                </li>
            }
        })
        .collect_view();
    let columns_moved = {
        let (added, removed) = (entry.added.join(", "), entry.removed.join(", "));
        move || {
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(format!("{} {added}", word(lang(), Word::Added)));
            }
            if !removed.is_empty() {
                parts.push(format!("{} {removed}", word(lang(), Word::Removed)));
            }
            parts.join(" · ")
        }
    };
    let examples = entry.examples.clone();
    view! {
        <div class="ledger" data-testid="ledger" data-ran="true" data-rows-in=rows_in data-rows-out=rows_out data-dropped=dropped>
            <span class="rows">{move || i18n::rows_in_out(lang(), rows_in, rows_out)}</span>
            {(dropped > 0).then(|| view! { <span class="dropped">{move || format!(" · {} {}", count(dropped), word(lang(), Word::Dropped))}</span> })}
            <span class="moved">" "{columns_moved}</span>
            {entry.detail.clone().map(|d| view! { <span class="detail" data-testid="ledger-detail">" · "{move || d.text(lang())}</span> })}
            <ul class="changes">{changes}</ul>
            {(!examples.is_empty()).then(|| view! {
                <details class="examples">
                    <summary>{move || word(lang(), Word::Examples)}</summary>
                    <ul>
                        {examples.into_iter().map(|e| match e {
                            Example::Value { row, column, before, after } => view! {
                                <li>{move || word(lang(), Word::Row)}" "{row}" · "{column}": "
                                    <code>{shown(&before)}</code>" → "<code>{shown(&after)}</code></li>
                            }.into_any(),
                            Example::Dropped { row, values } => view! {
                                <li>{move || word(lang(), Word::Row)}" "{row}": "
                                    <code>{values.iter().map(shown).collect::<Vec<_>>().join(", ")}</code></li>
                            }.into_any(),
                        }).collect_view()}
                    </ul>
                </details>
            })}
        </div>
    }
    .into_any()
}

fn shown(cell: &quire_protocol::Cell) -> String {
    if cell.is_null() {
        "null".to_owned()
    } else {
        cell.display()
    }
}
