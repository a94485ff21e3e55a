//! What every table offers: its profile, and export as CSV (plain or for Excel) or Parquet.

use leptos::prelude::*;
use quire_protocol::ToWorker;
use quire_protocol::message::ExportFormat;
use quire_protocol::profile::{ColumnProfile, Histogram};
use quire_protocol::value::format_float;

use crate::engine;
use crate::i18n::{self, Word, count, word};

#[component]
pub fn TableTools(table: String) -> impl IntoView {
    let state = super::state();
    let lang = move || state.lang.get();
    let open = RwSignal::new(false);
    let t = table.clone();
    // Ask for the profile when opened, and again whenever the tables changed.
    Effect::new(move |_| {
        state.generation.track();
        if open.get() {
            state.want_profile(&t);
        }
    });
    let export = {
        let table = table.clone();
        move |format: ExportFormat| {
            engine::send(&ToWorker::Export {
                id: engine::next_id(),
                table: table.clone(),
                format,
            });
        }
    };
    let (x1, x2, x3) = (export.clone(), export.clone(), export);
    let t2 = table.clone();
    let profile = move || state.profiles.with(|p| p.get(&t2).cloned());
    let profile = Signal::derive(profile);
    view! {
        <div class="table-tools">
            <button data-testid="profile-toggle" on:click=move |_| open.update(|o| *o = !*o)>
                {move || word(lang(), if open.get() { Word::HideProfile } else { Word::Profile })}
            </button>
            <span class="spacer"></span>
            <button data-testid="export-csv" on:click=move |_| x1(ExportFormat::Csv { bom: false, safe: true })>{move || word(lang(), Word::ExportCsv)}</button>
            <button data-testid="export-excel" on:click=move |_| x2(ExportFormat::Csv { bom: true, safe: true })>{move || word(lang(), Word::ExportExcel)}</button>
            <button data-testid="export-parquet" on:click=move |_| x3(ExportFormat::Parquet)>{move || word(lang(), Word::ExportParquet)}</button>
        </div>
        <Show when=move || open.get()>
            {move || match profile.get() {
                None => view! { <p class="muted" data-testid="profiling">{move || word(lang(), Word::Profiling)}</p> }.into_any(),
                Some(p) => view! {
                    <table class="profile" data-testid="profile" data-rows=p.rows>
                        <thead><tr>
                            <th>{move || state.lang.get().strings().column}</th>
                            <th>{move || state.lang.get().strings().kind}</th>
                            <th class="num">{move || word(lang(), Word::Count)}</th>
                            <th class="num">{move || word(lang(), Word::NullPct)}</th>
                            <th class="num">{move || word(lang(), Word::Distinct)}</th>
                            <th>{move || word(lang(), Word::Stats)}</th>
                            <th>{move || word(lang(), Word::Histogram)}</th>
                        </tr></thead>
                        <tbody>{p.columns.into_iter().map(|c| view! { <ProfileRow column=c/> }).collect_view()}</tbody>
                    </table>
                }.into_any(),
            }}
        </Show>
    }
}

#[component]
fn ProfileRow(column: ColumnProfile) -> impl IntoView {
    let state = super::state();
    let lang = move || state.lang.get();
    let dtype = column.dtype;
    let null_pct = format!("{:.1}", column.null_percent());
    let summary = if let Some(st) = &column.stats {
        let f = |x: f64| format_float((x * 1e4).round() / 1e4);
        let spread = st
            .std
            .map(|s| format!(" · {} ± {}", f(st.mean), f(s)))
            .unwrap_or_default();
        format!(
            "{} · {} · {} · {} · {}{spread}",
            f(st.min),
            f(st.q1),
            f(st.median),
            f(st.q3),
            f(st.max)
        )
    } else if let Some((a, b)) = &column.range {
        format!("{a} … {b}")
    } else {
        column
            .top
            .iter()
            .map(|(v, n)| format!("{v} ({})", count(*n)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // NaN and ±∞ are counted but kept out of the statistics: say so beside them.
    let (nan, infinite) = (column.nan, column.infinite);
    let non_finite = (nan + infinite > 0).then(|| {
        view! { <small class="non-finite" data-testid="non-finite">{move || i18n::non_finite(lang(), nan, infinite)}</small> }
    });
    view! {
        <tr data-testid="profile-column" data-column=column.name.clone() data-count=column.count
            data-nulls=column.nulls data-distinct=column.distinct>
            <td class="col-name">{column.name.clone()}</td>
            <td class=format!("dtype {}", dtype.label())>{move || i18n::column_type(lang(), dtype)}</td>
            <td class="num">{count(column.count)}</td>
            <td class="num">{null_pct}</td>
            <td class="num">{count(column.distinct)}</td>
            <td class="summary">{summary}{non_finite}</td>
            <td>{column.histogram.map(spark)}</td>
        </tr>
    }
}

/// A histogram as a row of bars, tallest = full height.
fn spark(h: Histogram) -> impl IntoView {
    let max = h.counts.iter().copied().max().unwrap_or(1).max(1) as f64;
    view! {
        <div class="spark" data-testid="histogram" title=format!("{} … {}", format_float(h.start), format_float(h.end))>
            {h.counts.iter().map(|n| {
                let pct = 100.0 * *n as f64 / max;
                view! { <span style=format!("height:{pct:.0}%")></span> }
            }).collect_view()}
        </div>
    }
}
