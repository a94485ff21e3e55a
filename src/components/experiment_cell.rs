//! An Experiment cell: an A/B test read from a table with one row per unit. The setup is a
//! row of fields and a list of metrics; the engine's report is shown as the verdict in plain
//! words, the checks that gate it, the arms, warnings, a results table and a chart of the
//! relative changes. Every number comes from the engine: this view only formats them.

use leptos::html::Canvas;
use leptos::prelude::*;
use quire_charts::{ChartData, ChartKind, ChartSpec};
use quire_protocol::chart::Interval;
use quire_protocol::clean::split_list;
use quire_protocol::experiment::{
    Correction, Estimate, ExperimentReport, ExperimentSpec, Metric, MetricKind, MetricResult,
    Outcome, Role, Weight, short_number,
};
use quire_protocol::notebook::Cell;
use quire_protocol::{CellOutput, CellSpec, CellStatus, Edit};

use super::cell::CellErrorView;
use super::chart_canvas::ChartCanvas;
use super::fields::{
    self, choice, choice_as, flag, from_name, name_of, number, optional, optional_count, tag, text,
    text_as,
};
use crate::i18n::{self, Word, count, p_value, verdict_lines, word};
use quire_protocol::kinds;

const DUPLICATES: &[Word] = &[Word::KeepFirst, Word::DropMixed];
const CORRECTIONS: &[Word] = &[Word::Holm, Word::Bh];
/// (value, word) of each choice; values are the protocol's names.
const KINDS: &[(&str, Word)] = &[
    ("binomial", Word::MetricBinomial),
    ("mean", Word::MetricMean),
    ("ratio", Word::MetricRatio),
    ("defined", Word::MetricDefined),
];
const ROLES: &[(&str, Word)] = &[
    ("goal", Word::RoleGoal),
    ("guardrail", Word::RoleGuardrail),
    ("secondary", Word::RoleSecondary),
];
const DIRECTIONS: &[(&str, Word)] = &[("higher", Word::HigherBetter), ("lower", Word::LowerBetter)];

/// The split as text: `control:1, new_checkout:1`.
fn weights_text(weights: &[Weight]) -> String {
    weights
        .iter()
        .map(|w| format!("{}:{}", w.variant, w.weight))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `control:1, new_checkout:1` as weights (empty text: an equal split); `None` when a pair is
/// not `name:number`. Whether the numbers make sense is the engine's to say.
fn parse_weights(text: &str) -> Option<Vec<Weight>> {
    split_list(text)
        .into_iter()
        .map(|pair| {
            let (variant, weight) = pair.rsplit_once(':')?;
            let variant = variant.trim();
            let weight = weight.trim().parse::<f64>().ok()?;
            (!variant.is_empty()).then(|| Weight {
                variant: variant.to_owned(),
                weight,
            })
        })
        .collect()
}

/// The metric's kind changed to `key`, keeping its column.
fn with_kind(kind: &MetricKind, key: &str) -> MetricKind {
    let column = match kind {
        MetricKind::Binomial { column } | MetricKind::Mean { column } => column.clone(),
        MetricKind::Ratio { numerator, .. } => numerator.clone(),
        MetricKind::Defined { .. } => String::new(),
    };
    match (key, kind) {
        ("ratio", MetricKind::Ratio { .. }) | ("defined", MetricKind::Defined { .. }) => {
            kind.clone()
        }
        ("defined", _) => MetricKind::Defined {
            metric: String::new(),
        },
        ("ratio", _) => MetricKind::Ratio {
            numerator: column,
            denominator: String::new(),
        },
        ("mean", _) => MetricKind::Mean { column },
        _ => MetricKind::Binomial { column },
    }
}

/// A signed percentage of a relative change: `+5.21%`.
fn percent(x: f64) -> String {
    format!("{:+.2}%", 100.0 * x)
}

/// A share: `33.4%`.
fn share(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

/// `0.012 [0.004, 0.020]`, each through `f`.
fn interval(e: Estimate, f: fn(f64) -> String) -> String {
    format!("{} [{}, {}]", f(e.value), f(e.low), f(e.high))
}

#[component]
pub fn ExperimentCell(cell: Cell, status: Option<CellStatus>) -> impl IntoView {
    let state = super::state();
    let lang = move || state.lang.get();
    let CellSpec::Experiment(kinds::Experiment { input, experiment }) = cell.spec.clone() else {
        return ().into_any();
    };
    let update = {
        let cell = cell.clone();
        Callback::new(move |(input, experiment): (String, ExperimentSpec)| {
            state.edit(Edit::Update {
                cell: Cell {
                    spec: CellSpec::Experiment(kinds::Experiment { input, experiment }),
                    ..cell.clone()
                },
            });
        })
    };
    let spec = StoredValue::new((input.clone(), experiment.clone()));
    // Copy: every field's handler gets its own.
    let edit = move |f: &dyn Fn(&mut ExperimentSpec)| {
        let (input, mut s) = spec.get_value();
        f(&mut s);
        update.run((input, s));
    };
    let retarget = move |input: String| update.run((input, spec.get_value().1));
    let report = match status.as_ref().and_then(|s| s.output.clone()) {
        Some(CellOutput::Experiment { report }) => Some(*report),
        _ => None,
    };

    let cols_id = format!("cols-{}", cell.id);
    let numeric_id = format!("num-cols-{}", cell.id);
    let tables_id = format!("tables-{}", cell.id);
    let variants_id = format!("variants-{}", cell.id);
    let typed = fields::typed_columns_of(&input);
    let (columns, numeric) = fields::names_and_numbers(&typed);
    // A new metric starts from the first number column that is not the unit or the variant.
    let first_metric = numeric
        .iter()
        .find(|c| **c != experiment.unit && **c != experiment.variant)
        .cloned()
        .unwrap_or_default();
    let tables: Vec<String> = fields::tables().into_iter().map(|(t, _)| t).collect();
    let variants: Vec<String> = report
        .as_ref()
        .map(|r| r.arms.iter().map(|a| a.variant.clone()).collect())
        .unwrap_or_default();

    let bad_weights = RwSignal::new(false);
    let duplicates_key = name_of(&experiment.duplicates);
    let correction_key = match experiment.correction {
        Correction::Holm => "holm",
        Correction::BenjaminiHochberg => "bh",
    };
    let metric_rows = experiment
        .metrics
        .iter()
        .enumerate()
        .map(|(i, m)| metric_row(i, m, edit, numeric_id.clone()))
        .collect_view();
    let add_metric = move |_| {
        let column = first_metric.clone();
        edit(&|s| {
            s.metrics.push(Metric::new(
                MetricKind::Binomial {
                    column: column.clone(),
                },
                Role::Goal,
            ));
        });
    };
    view! {
        <div class="quality-cell experiment-cell">
            {fields::datalist(cols_id.clone(), columns)}
            {fields::datalist(numeric_id, numeric)}
            {fields::datalist(tables_id.clone(), tables)}
            {fields::datalist(variants_id.clone(), variants)}
            <div class="step-fields">
                {text_as("experiment-input".to_owned(), Word::Input, input, Some(tables_id), retarget)}
                {text_as("field-unit".to_owned(), Word::ExpUnit, experiment.unit.clone(), Some(cols_id.clone()), move |v| edit(&|s| s.unit = v.trim().to_owned()))}
                {text(Word::Variant, experiment.variant.clone(), Some(cols_id), move |v| edit(&|s| s.variant = v.trim().to_owned()))}
                {text(Word::Control, experiment.control.clone(), Some(variants_id), move |v| edit(&|s| s.control = v.trim().to_owned()))}
                {text(Word::Weights, weights_text(&experiment.weights), None, move |v| match parse_weights(&v) {
                    Some(weights) => {
                        bad_weights.set(false);
                        edit(&|s| s.weights.clone_from(&weights));
                    }
                    None => bad_weights.set(true),
                })}
                {number(Word::Confidence, experiment.confidence, move |v| edit(&|s| s.confidence = v))}
                {choice(Word::Duplicates, DUPLICATES, &duplicates_key, move |k| edit(&|s| if let Some(d) = from_name(k) { s.duplicates = d }))}
                {choice(Word::Correction, CORRECTIONS, correction_key, move |k| edit(&|s| s.correction = if k == "bh" { Correction::BenjaminiHochberg } else { Correction::Holm }))}
                {flag(Word::Sequential, experiment.sequential, move |on| edit(&|s| s.sequential = on))}
                {optional_count(Word::PlannedPerArm, experiment.planned_per_arm, move |v| edit(&|s| s.planned_per_arm = v.filter(|n| *n > 0)))}
            </div>
            {move || bad_weights.get().then(|| view! {
                <p class="error" role="alert" data-testid="weights-error">{word(lang(), Word::WeightsInvalid)}</p>
            })}
            <strong>{move || word(lang(), Word::Metrics)}</strong>
            <ul class="steps checks" data-testid="metrics">{metric_rows}</ul>
            <button class="add-step" data-testid="add-metric" on:click=add_metric>{move || word(lang(), Word::AddMetric)}</button>
            <CellErrorView status=status.clone()/>
            {report.map(|report| view! { <ReportView report=report/> })}
        </div>
    }
    .into_any()
}

/// One metric's fields; test ids are `field-metric-{i}-{field}`.
fn metric_row(
    i: usize,
    metric: &Metric,
    edit: impl Fn(&dyn Fn(&mut ExperimentSpec)) + Copy + 'static,
    numeric: String,
) -> impl IntoView {
    let state = super::state();
    let lang = move || state.lang.get();
    let on = move |f: &dyn Fn(&mut Metric)| {
        edit(&|s| {
            if let Some(m) = s.metrics.get_mut(i) {
                f(m);
            }
        });
    };
    let id = |field: &str| format!("field-metric-{i}-{field}");
    let list = Some(numeric);
    let column_fields = match metric.kind.clone() {
        MetricKind::Binomial { column } | MetricKind::Mean { column } => {
            text_as(id("column"), Word::Column, column, list.clone(), move |v| {
                on(&|m| {
                    if let MetricKind::Binomial { column } | MetricKind::Mean { column } =
                        &mut m.kind
                    {
                        v.trim().clone_into(column);
                    }
                });
            })
        }
        MetricKind::Ratio {
            numerator,
            denominator,
        } => view! {
            {text_as(id("numerator"), Word::Numerator, numerator, list.clone(), move |v| on(&|m| {
                if let MetricKind::Ratio { numerator, .. } = &mut m.kind {
                    v.trim().clone_into(numerator);
                }
            }))}
            {text_as(id("denominator"), Word::Denominator, denominator, list.clone(), move |v| on(&|m| {
                if let MetricKind::Ratio { denominator, .. } = &mut m.kind {
                    v.trim().clone_into(denominator);
                }
            }))}
        }
        .into_any(),
        MetricKind::Defined { metric } => {
            let names = format!("defined-metrics-{i}");
            view! {
                {fields::datalist(names.clone(), fields::metric_names())}
                {text_as(id("metric"), Word::MetricDefinedName, metric, Some(names), move |v| on(&|m| {
                    if let MetricKind::Defined { metric } = &mut m.kind {
                        v.trim().clone_into(metric);
                    }
                }))}
            }
            .into_any()
        }
    };
    // CUPED adjusts per-unit outcomes: no covariate for ratios.
    let covariate = (!matches!(metric.kind, MetricKind::Ratio { .. })).then(|| {
        text_as(
            id("covariate"),
            Word::Covariate,
            metric.covariate.clone().unwrap_or_default(),
            list,
            move |v| on(&|m| m.covariate = optional(&v)),
        )
    });
    let direction = name_of(&metric.direction);
    let label = metric.label();
    let name = label.clone();
    view! {
        <li class="check" data-testid="metric" data-metric=name>
            <div class="step-head">
                <strong>{label}</strong>
                <span class="spacer"></span>
                <button class="icon danger" data-testid="remove-metric" title=move || word(lang(), Word::Remove)
                    on:click=move |_| edit(&|s| {
                        if i < s.metrics.len() {
                            s.metrics.remove(i);
                        }
                    })>"✕"</button>
            </div>
            <div class="step-fields">
                {choice_as(id("kind"), Word::MetricKind, KINDS, metric.kind.name(), move |k| on(&|m| {
                    m.kind = with_kind(&m.kind, k);
                    if matches!(m.kind, MetricKind::Ratio { .. }) {
                        m.covariate = None;
                    }
                }))}
                {column_fields}
                {text_as(id("name"), Word::MetricName, metric.name.clone(), None, move |v| on(&|m| v.trim().clone_into(&mut m.name)))}
                {choice_as(id("role"), Word::MetricRole, ROLES, &name_of(&metric.role), move |k| on(&|m| if let Some(r) = from_name(k) { m.role = r }))}
                {choice_as(id("direction"), Word::MetricDirection, DIRECTIONS, &direction, move |k| on(&|m| if let Some(d) = from_name(k) { m.direction = d }))}
                {covariate}
            </div>
        </li>
    }
}

/// The engine's report: verdict, checks, arms, warnings, results and the lift chart.
#[component]
fn ReportView(report: ExperimentReport) -> impl IntoView {
    let state = super::state();
    let lang = move || state.lang.get();
    let given = if report.verdict.is_some() {
        "given"
    } else {
        "none"
    };
    let verdict = {
        let report = report.clone();
        move || {
            verdict_lines(&report, lang())
                .into_iter()
                .map(|line| view! { <p>{line}</p> })
                .collect_view()
        }
    };
    let checks = report
        .checks
        .iter()
        .map(|c| {
            let kind = c.kind.clone();
            let (o, w) = if c.passed {
                ("pass", Word::Pass)
            } else {
                ("fail", Word::Fail)
            };
            view! {
                <li data-check=tag(&c.kind, "check") data-passed=c.passed.to_string()>
                    <span class=format!("badge {o}")>{move || word(lang(), w)}</span>" "
                    <span>{move || i18n::experiment_check(lang(), &kind)}</span>
                </li>
            }
        })
        .collect_view();
    let arms = report
        .arms
        .iter()
        .map(|a| {
            view! {
                <tr data-variant=a.variant.clone() data-units=a.units>
                    <td>{a.variant.clone()}</td>
                    <td>{count(a.units)}</td>
                    <td>{share(a.observed_share)}</td>
                    <td>{share(a.expected_share)}</td>
                </tr>
            }
        })
        .collect_view();
    let srm = report.srm.map(|s| {
        view! { <p class="check-result" data-testid="srm">{move || i18n::srm_line(lang(), s.chi2, s.df, s.p)}</p> }
    });
    let warnings = (!report.warnings.is_empty()).then(|| {
        let items = report
            .warnings
            .iter()
            .map(|w| {
                let warning = w.clone();
                view! { <li data-warning=tag(w, "warning")>{move || i18n::experiment_warning(lang(), &warning)}</li> }
            })
            .collect_view();
        view! {
            <div class="warnings" data-testid="experiment-warnings">
                <strong>{move || word(lang(), Word::ExpWarnings)}</strong>
                <ul>{items}</ul>
            </div>
        }
    });
    let heads = [
        Word::ColMetric,
        Word::ColTreatment,
        Word::ColN,
        Word::ColMean,
        Word::ColSd,
        Word::ColAbsolute,
        Word::ColRelative,
        Word::ColT,
        Word::ColDf,
        Word::ColP,
        Word::ColAdjustedP,
        Word::ColZ,
        Word::ColCuped,
        Word::ColChance,
        Word::ColLoss,
        Word::ColSequential,
        Word::ColOutcome,
    ]
    .map(|k| view! { <th>{move || word(lang(), k)}</th> });
    let results = report
        .results
        .iter()
        .map(|r| result_row(r.clone()))
        .collect_view();
    let (rows, units) = (report.rows, report.units);
    view! {
        <section class="experiment-report">
            <div class="warnings" data-testid="verdict" data-verdict=given>
                <strong>{move || word(lang(), Word::ExpVerdict)}</strong>
                {verdict}
            </div>
            <p class="check-result" data-testid="experiment-units">{move || i18n::experiment_units(lang(), rows, units)}</p>
            <div data-testid="experiment-checks">
                <strong>{move || word(lang(), Word::ExpChecks)}</strong>
                <ul class="steps">{checks}</ul>
            </div>
            <table class="sample" data-testid="arms">
                <thead><tr>
                    <th>{move || word(lang(), Word::ArmVariant)}</th>
                    <th>{move || word(lang(), Word::ArmUnits)}</th>
                    <th>{move || word(lang(), Word::ArmObserved)}</th>
                    <th>{move || word(lang(), Word::ArmExpected)}</th>
                </tr></thead>
                <tbody>{arms}</tbody>
            </table>
            {srm}
            {warnings}
            <strong>{move || word(lang(), Word::ExpResults)}</strong>
            <div style="overflow-x:auto">
                <table class="sample" data-testid="experiment-results">
                    <thead><tr>{heads}</tr></thead>
                    <tbody>{results}</tbody>
                </table>
            </div>
            {lift_chart(&report.results)}
        </section>
    }
}

/// One (metric, treatment) row of the results table.
fn result_row(r: MetricResult) -> impl IntoView {
    let state = super::state();
    let lang = move || state.lang.get();
    let (c, t) = (r.control_stats, r.treatment_stats);
    let pair = |a: String, b: String| format!("{a} / {b}");
    let outcome = name_of(&r.outcome);
    let badge = match r.outcome {
        Outcome::Better => "badge pass",
        Outcome::Worse => "badge fail",
        Outcome::Flat => "badge",
    };
    let word_key = Word::from(r.outcome);
    let dash = || "—".to_owned();
    let z = r
        .z_test
        .map_or_else(dash, |z| format!("z = {:.2}, p = {}", z.z, p_value(z.p)));
    let cuped = r.cuped.map_or_else(dash, |c| {
        format!(
            "{} · {}",
            interval(c.absolute, short_number),
            share(c.variance_reduction)
        )
    });
    let (chance, loss) = r.bayes.map_or_else(
        || (dash(), dash()),
        |b| (share(b.chance_to_beat), short_number(b.expected_loss)),
    );
    let sequential = r.sequential.map_or_else(dash, |s| {
        format!(
            "[{}, {}] · {}",
            short_number(s.low),
            short_number(s.high),
            p_value(s.p)
        )
    });
    view! {
        <tr data-testid="experiment-result" data-metric=r.metric.clone() data-treatment=r.treatment.clone()
            data-outcome=outcome data-p=r.p data-adjusted-p=r.adjusted_p>
            <td>{r.metric.clone()}</td>
            <td>{r.treatment.clone()}</td>
            <td>{pair(count(c.n), count(t.n))}</td>
            <td>{pair(short_number(c.mean), short_number(t.mean))}</td>
            <td>{pair(short_number(c.sd), short_number(t.sd))}</td>
            <td>{interval(r.absolute, short_number)}</td>
            <td>{r.relative.map_or_else(dash, |rel| interval(rel, percent))}</td>
            <td>{format!("{:.2}", r.t)}</td>
            <td>{short_number(r.df)}</td>
            <td>{p_value(r.p)}</td>
            <td>{p_value(r.adjusted_p)}</td>
            <td>{z}</td>
            <td>{cuped}</td>
            <td>{chance}</td>
            <td>{loss}</td>
            <td data-testid="result-sequential">{sequential}</td>
            <td><span class=badge>{move || word(lang(), word_key)}</span></td>
        </tr>
    }
}

/// The relative changes with their intervals, in percent, drawn like an interval chart.
fn lift_chart(results: &[MetricResult]) -> Option<impl IntoView + use<>> {
    let state = super::state();
    let items: Vec<Interval> = results
        .iter()
        .filter_map(|r| {
            let rel = r.relative?;
            Some(Interval {
                label: format!("{} · {}", r.metric, r.treatment),
                estimate: 100.0 * rel.value,
                low: 100.0 * rel.low,
                high: 100.0 * rel.high,
            })
        })
        .collect();
    if items.is_empty() {
        return None;
    }
    let height = (80 + 40 * u32::try_from(items.len()).unwrap_or(12)).clamp(200, 560);
    let data = ChartData::Intervals {
        items,
        omitted: Default::default(),
    };
    let chart = Signal::derive(move || {
        let mut spec = ChartSpec::new(ChartKind::Interval, None, &[]);
        spec.y_label = Some(word(state.lang.get(), Word::RelativeChange).to_owned());
        spec.unit = Some("%".to_owned());
        (spec, data.clone())
    });
    let canvas = NodeRef::<Canvas>::new();
    Some(view! { <ChartCanvas chart=chart canvas=canvas testid="lift-chart" height=height/> })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_read_and_write_as_text() {
        let w = parse_weights("control:2, new_checkout:1 , b : 0.5").unwrap_or_default();
        assert_eq!(w.len(), 3);
        assert_eq!((w[0].variant.as_str(), w[0].weight), ("control", 2.0));
        assert_eq!((w[2].variant.as_str(), w[2].weight), ("b", 0.5));
        assert_eq!(weights_text(&w), "control:2, new_checkout:1, b:0.5");
        assert_eq!(parse_weights(""), Some(Vec::new()));
        assert_eq!(parse_weights("control"), None);
        assert_eq!(parse_weights("control:x"), None);
        assert_eq!(parse_weights(":1"), None);
    }

    #[test]
    fn changing_a_metric_kind_keeps_its_column() {
        let bin = MetricKind::Binomial {
            column: "converted".into(),
        };
        assert_eq!(
            with_kind(&bin, "mean"),
            MetricKind::Mean {
                column: "converted".into()
            }
        );
        let ratio = with_kind(&bin, "ratio");
        assert_eq!(
            ratio,
            MetricKind::Ratio {
                numerator: "converted".into(),
                denominator: String::new()
            }
        );
        assert_eq!(with_kind(&ratio, "ratio"), ratio);
        assert_eq!(with_kind(&ratio, "binomial"), bin);
    }

    #[test]
    fn tags_are_the_protocol_names() {
        let w = quire_protocol::experiment::Warning::MissingVariant { rows: 15 };
        assert_eq!(tag(&w, "warning"), "missing_variant");
        let c = quire_protocol::experiment::CheckKind::SampleRatio { p: 0.5 };
        assert_eq!(tag(&c, "check"), "sample_ratio");
    }

    #[test]
    fn choice_values_are_the_protocol_names() {
        for (value, _) in ROLES {
            let role: Role = from_name(value).expect("a role");
            assert_eq!(name_of(&role), *value);
        }
        for value in DUPLICATES {
            let policy: quire_protocol::experiment::DuplicatePolicy =
                from_name(value.key()).expect("a policy");
            assert_eq!(name_of(&policy), value.key());
        }
        assert_eq!(name_of(&Outcome::Better), "better");
        assert_eq!(from_name::<Role>("nonsense"), None);
    }
}
