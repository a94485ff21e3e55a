//! A Quality cell: declarative checks on a table, each with its result.

use leptos::prelude::*;
use quire_protocol::clean::split_list;
use quire_protocol::notebook::Cell;
use quire_protocol::quality::{Check, CheckResult, Outcome};
use quire_protocol::{CellOutput, CellSpec, CellStatus, Edit};

use super::cell::CellErrorView;
use super::fields::{self, number, text};
use crate::i18n::{self, Text, Word, word};
use quire_protocol::kinds;

/// Today as `YYYY-MM-DD` (the browser's clock, UTC), for a new freshness check.
fn today() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    iso.chars().take(10).collect()
}

#[component]
pub fn QualityCell(cell: Cell, status: Option<CellStatus>) -> impl IntoView {
    let state = super::state();
    let lang = move || state.lang.get();
    let CellSpec::Quality(kinds::Quality { input, checks }) = cell.spec.clone() else {
        return ().into_any();
    };
    let with_checks = {
        let (cell, input) = (cell.clone(), input.clone());
        Callback::new(move |checks: Vec<Check>| {
            state.edit(Edit::Update {
                cell: Cell {
                    spec: CellSpec::Quality(kinds::Quality {
                        input: input.clone(),
                        checks,
                    }),
                    ..cell.clone()
                },
            });
        })
    };
    let results = match status.as_ref().and_then(|s| s.output.clone()) {
        Some(CellOutput::Checks { results, .. }) => results,
        _ => Vec::new(),
    };
    let columns = fields::columns_of(&input);
    let first = columns.first().cloned().unwrap_or_default();
    let list_id = format!("cols-{}", cell.id);
    let tables_id = format!("tables-{}", cell.id);
    let table_names: Vec<String> = fields::tables().into_iter().map(|(t, _)| t).collect();

    let rows = checks
        .iter()
        .enumerate()
        .map(|(i, check)| {
            let all = checks.clone();
            let on = {
                let all = all.clone();
                Callback::new(move |c: Check| {
                    let mut checks = all.clone();
                    checks[i] = c;
                    with_checks.run(checks);
                })
            };
            let remove = move |_| {
                let mut checks = all.clone();
                checks.remove(i);
                with_checks.run(checks);
            };
            let name = check.name();
            let check_word = Word::from(check);
            let result = results.get(i).cloned();
            let failing = result.as_ref().map(|r| r.failing);
            let outcome = result.as_ref().map(|r| match r.outcome {
                Outcome::Pass => "pass",
                Outcome::Fail => "fail",
                Outcome::Invalid { .. } => "invalid",
            });
            let outcome_word = result.as_ref().map(|r| Word::from(&r.outcome));
            view! {
                <li class="check" data-testid="check" data-check=name data-outcome=outcome
                    data-failing=failing>
                    <div class="step-head">
                        <strong>{move || word(lang(), check_word)}</strong>
                        {outcome.zip(outcome_word).map(|(o, w)| view! { <span class=format!("badge {o}") data-testid="outcome">{move || word(lang(), w)}</span> })}
                        <span class="spacer"></span>
                        <button class="icon danger" data-testid="check-remove" title=move || word(lang(), Word::Remove) on:click=remove>"✕"</button>
                    </div>
                    <div class="step-fields">{check_fields(check, on, list_id.clone(), tables_id.clone())}</div>
                    {result.map(|r| view! { <ResultView result=r/> })}
                </li>
            }
        })
        .collect_view();

    let add_check = {
        let checks = checks.clone();
        move |ev: leptos::ev::Event| {
            let Some(name) = fields::menu_pick(&ev, &Check::NAMES) else {
                return;
            };
            if let Some(check) = Check::template(name, &first, &today()) {
                let mut c = checks.clone();
                c.push(check);
                with_checks.run(c);
            }
        }
    };
    let retarget = {
        let cell = cell.clone();
        move |ev: leptos::ev::Event| {
            state.edit(Edit::Update {
                cell: Cell {
                    spec: CellSpec::Quality(kinds::Quality {
                        input: event_target_value(&ev),
                        checks: checks.clone(),
                    }),
                    ..cell.clone()
                },
            });
        }
    };
    view! {
        <div class="quality-cell">
            {fields::datalist(list_id.clone(), columns)}
            {fields::datalist(tables_id.clone(), table_names)}
            <div class="table-head">
                <label class="name">
                    <span>{move || word(lang(), Word::Input)}</span>
                    <input type="text" data-testid="quality-input" prop:value=input.clone() list=tables_id on:change=retarget/>
                </label>
            </div>
            <ul class="steps checks">{rows}</ul>
            <select class="add-step" data-testid="add-check" on:change=add_check>
                <option>{move || word(lang(), Word::AddCheck)}</option>
                {Check::NAMES.iter().map(|n| {
                    let n: &'static str = n;
                    // The word of the check this name makes (every name makes one).
                    let w = Check::template(n, "", "").map(|c| Word::from(&c));
                    view! { <option value=n>{move || w.map(|w| word(lang(), w))}</option> }
                }).collect_view()}
            </select>
            <CellErrorView status=status.clone()/>
        </div>
    }
    .into_any()
}

fn check_fields(check: &Check, on: Callback<Check>, list: String, tables: String) -> AnyView {
    let l = Some(list);
    match check.clone() {
        Check::NotNull { column } => text(Word::Column, column, l, move |v| {
            on.run(Check::NotNull { column: v })
        }),
        Check::Unique { columns } => text(Word::Columns, columns.join(", "), l, move |v| {
            on.run(Check::Unique {
                columns: split_list(&v),
            })
        }),
        Check::InRange { column, min, max } => {
            let (c1, c2, n1, x1) = (column.clone(), column.clone(), min.clone(), max.clone());
            let opt = |v: String| (!v.trim().is_empty()).then_some(v);
            view! {
                {text(Word::Column, column, l, move |v| on.run(Check::InRange { column: v, min: n1.clone(), max: x1.clone() }))}
                {text(Word::Min, min.clone().unwrap_or_default(), None, {
                    let max = max.clone();
                    move |v| on.run(Check::InRange { column: c1.clone(), min: opt(v), max: max.clone() })
                })}
                {text(Word::Max, max.unwrap_or_default(), None, move |v| on.run(Check::InRange { column: c2.clone(), min: min.clone(), max: opt(v) }))}
            }
            .into_any()
        }
        Check::InSet { column, values } => {
            let (c, v1) = (column.clone(), values.clone());
            view! {
                {text(Word::Column, column, l, move |v| on.run(Check::InSet { column: v, values: v1.clone() }))}
                {text(Word::Values, values.join(", "), None, move |v| on.run(Check::InSet { column: c.clone(), values: split_list(&v) }))}
            }
            .into_any()
        }
        Check::Pattern { column, pattern } => {
            let (c, p) = (column.clone(), pattern.clone());
            view! {
                {text(Word::Column, column, l, move |v| on.run(Check::Pattern { column: v, pattern: p.clone() }))}
                {text(Word::PatternField, pattern, None, move |v| on.run(Check::Pattern { column: c.clone(), pattern: v }))}
            }
            .into_any()
        }
        Check::RowCount { min } => number(Word::RowsMin, min as f64, move |v| {
            on.run(Check::RowCount {
                min: v.max(0.0) as u64,
            })
        }),
        Check::Referential {
            column,
            other_table,
            other_column,
        } => {
            let all = Check::Referential {
                column: column.clone(),
                other_table: other_table.clone(),
                other_column: other_column.clone(),
            };
            let edit = move |f: &dyn Fn(&mut Check)| {
                let mut c = all.clone();
                f(&mut c);
                on.run(c);
            };
            let (e1, e2, e3) = (edit.clone(), edit.clone(), edit);
            view! {
                {text(Word::Column, column, l, move |v| e1(&|c| if let Check::Referential { column, .. } = c { column.clone_from(&v) }))}
                {text(Word::OtherTable, other_table, Some(tables), move |v| e2(&|c| if let Check::Referential { other_table, .. } = c { other_table.clone_from(&v) }))}
                {text(Word::OtherColumn, other_column, None, move |v| e3(&|c| if let Check::Referential { other_column, .. } = c { other_column.clone_from(&v) }))}
            }
            .into_any()
        }
        Check::Fresh {
            column,
            days,
            reference,
        } => {
            let (c1, c2, r1, r2) = (
                column.clone(),
                column.clone(),
                reference.clone(),
                reference.clone(),
            );
            view! {
                {text(Word::Column, column, l, move |v| on.run(Check::Fresh { column: v, days, reference: r1.clone() }))}
                {number(Word::Days, f64::from(days), move |v| on.run(Check::Fresh { column: c1.clone(), days: v.clamp(0.0, 1e6) as u32, reference: r2.clone() }))}
                {text(Word::Reference, reference, None, move |v| on.run(Check::Fresh { column: c2.clone(), days, reference: v }))}
            }
            .into_any()
        }
    }
}

/// A check's result: failing rows, what was found, a sample of failing rows.
#[component]
fn ResultView(result: CheckResult) -> impl IntoView {
    let state = super::state();
    let lang = move || state.lang.get();
    let CheckResult {
        outcome,
        failing,
        rows,
        observed,
        columns,
        sample,
    } = result;
    let summary = move || match (&outcome, &observed) {
        (Outcome::Invalid { problem }, _) => problem.text(lang()),
        (_, Some(found)) => format!("= {found}"),
        _ => i18n::failing_rows(lang(), failing, rows),
    };
    view! {
        <div class="check-result" data-testid="check-result">
            <span>{summary}</span>
            {(!sample.is_empty()).then(|| view! {
                <table class="sample" data-testid="failing-sample">
                    <thead><tr>{columns.into_iter().map(|c| view! { <th>{c}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {sample.into_iter().map(|row| view! {
                            <tr>{row.into_iter().map(|c| {
                                let null = c.is_null();
                                view! { <td class:null=null>{if null { "null".to_owned() } else { c.display() }}</td> }
                            }).collect_view()}</tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </div>
    }
}
