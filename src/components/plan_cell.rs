//! A Plan cell: how many units a two-arm test needs, what a given size can detect, and how
//! long each stage of a ramp takes. The arithmetic is the engine's; this view sets the spec
//! and formats the report.

use leptos::prelude::*;
use quire_protocol::clean::split_list;
use quire_protocol::experiment::{PlanMetric, PlanReport, PlanSpec, Stage};
use quire_protocol::notebook::Cell;
use quire_protocol::{CellOutput, CellSpec, CellStatus, Edit};

use super::cell::CellErrorView;
use super::fields::{choice_as, number, optional_count, text};
use crate::i18n::{self, Word, count, word};
use quire_protocol::kinds;

const METRICS: &[(&str, Word)] = &[
    ("proportion", Word::PlanProportion),
    ("mean", Word::PlanMean),
];

/// The ramp's shares as percentages: `5, 10, 20, 50`.
fn stages_text(stages: &[f64]) -> String {
    stages
        .iter()
        .map(|s| format!("{}", (s * 1e4).round() / 1e2))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `5, 10, 20, 50` (percent, a `%` sign allowed) as shares; `None` when one is not a number.
fn parse_stages(text: &str) -> Option<Vec<f64>> {
    split_list(text)
        .iter()
        .map(|s| {
            let v = s.trim_end_matches('%').trim().parse::<f64>().ok()?;
            v.is_finite().then_some(v / 100.0)
        })
        .collect()
}

/// The metric changed to `key`, keeping the baseline where it still makes sense.
fn with_metric(metric: PlanMetric, key: &str) -> PlanMetric {
    let baseline = match metric {
        PlanMetric::Proportion { baseline } | PlanMetric::Mean { baseline, .. } => baseline,
    };
    match (key, metric) {
        ("mean", PlanMetric::Mean { .. }) | ("proportion", PlanMetric::Proportion { .. }) => metric,
        ("mean", _) => PlanMetric::Mean {
            baseline,
            // A standard deviation as large as the mean: a usual start for per-user values.
            sd: if baseline > 0.0 { baseline } else { 1.0 },
        },
        _ => PlanMetric::Proportion {
            baseline: if baseline > 0.0 && baseline < 1.0 {
                baseline
            } else {
                0.1
            },
        },
    }
}

/// A signed relative change in percent: `+5.0%`; infinite when nothing is detectable.
fn change(x: f64) -> String {
    if x.is_finite() {
        format!("{:+.1}%", 100.0 * x)
    } else {
        "—".to_owned()
    }
}

#[component]
pub fn PlanCell(cell: Cell, status: Option<CellStatus>) -> impl IntoView {
    let state = super::state();
    let lang = move || state.lang.get();
    let CellSpec::Plan(kinds::Plan { plan }) = cell.spec.clone() else {
        return ().into_any();
    };
    let set = {
        let cell = cell.clone();
        Callback::new(move |plan: PlanSpec| {
            state.edit(Edit::Update {
                cell: Cell {
                    spec: CellSpec::Plan(kinds::Plan { plan }),
                    ..cell.clone()
                },
            });
        })
    };
    let spec = StoredValue::new(plan.clone());
    let edit = move |f: &dyn Fn(&mut PlanSpec)| {
        let mut s = spec.get_value();
        f(&mut s);
        set.run(s);
    };
    let report = match status.as_ref().and_then(|s| s.output.clone()) {
        Some(CellOutput::Plan { report }) => Some(report),
        _ => None,
    };
    let bad_stages = RwSignal::new(false);
    let (metric_key, baseline, sd) = match plan.metric {
        PlanMetric::Proportion { baseline } => ("proportion", baseline, None),
        PlanMetric::Mean { baseline, sd } => ("mean", baseline, Some(sd)),
    };
    let stage_days = plan.stage_days;
    view! {
        <div class="quality-cell plan-cell">
            <div class="step-fields">
                {choice_as("field-plan_metric".to_owned(), Word::PlanMetric, METRICS, metric_key, move |k| edit(&|s| s.metric = with_metric(s.metric, k)))}
                {number(Word::Baseline, baseline, move |v| edit(&|s| match &mut s.metric {
                    PlanMetric::Proportion { baseline } | PlanMetric::Mean { baseline, .. } => *baseline = v,
                }))}
                {sd.map(|sd| number(Word::Sd, sd, move |v| edit(&|s| {
                    if let PlanMetric::Mean { sd, .. } = &mut s.metric {
                        *sd = v;
                    }
                })))}
                {number(Word::Effect, plan.effect, move |v| edit(&|s| s.effect = v))}
                {number(Word::Alpha, plan.alpha, move |v| edit(&|s| s.alpha = v))}
                {number(Word::Power, plan.power, move |v| edit(&|s| s.power = v))}
                {optional_count(Word::PerArm, plan.per_arm, move |v| edit(&|s| s.per_arm = v.filter(|n| *n > 0)))}
                {optional_count(Word::DailyTraffic, plan.daily_traffic, move |v| edit(&|s| s.daily_traffic = v.filter(|n| *n > 0)))}
                {text(Word::Stages, stages_text(&plan.stages), None, move |v| match parse_stages(&v) {
                    Some(stages) => {
                        bad_stages.set(false);
                        edit(&|s| s.stages.clone_from(&stages));
                    }
                    None => bad_stages.set(true),
                })}
                {number(Word::StageDays, f64::from(stage_days), move |v| edit(&|s| s.stage_days = v.round().clamp(1.0, 3650.0) as u32))}
            </div>
            {move || bad_stages.get().then(|| view! {
                <p class="error" role="alert" data-testid="stages-error">{word(lang(), Word::StagesInvalid)}</p>
            })}
            <CellErrorView status=status.clone()/>
            {report.map(|report| view! { <PlanReportView report=report stage_days=stage_days has_traffic=plan.daily_traffic.is_some()/> })}
        </div>
    }
    .into_any()
}

#[component]
fn PlanReportView(report: PlanReport, stage_days: u32, has_traffic: bool) -> impl IntoView {
    let state = super::state();
    let lang = move || state.lang.get();
    let PlanReport {
        per_arm,
        standardised_effect,
        given,
        stages,
    } = report;
    let given = given.map(|g| {
        let power = format!("{:.1}%", 100.0 * g.power);
        let detectable = change(g.detectable);
        view! {
            <p data-testid="plan-given" data-power=g.power data-detectable=g.detectable>
                {move || i18n::plan_given(lang(), g.per_arm, &power, &detectable)}
            </p>
        }
    });
    let ramp = if stages.is_empty() {
        (!has_traffic).then(|| {
            view! { <p class="check-result">{move || word(lang(), Word::RampNeedsTraffic)}</p> }
                .into_any()
        })
    } else {
        let rows = stages
            .into_iter()
            .map(|s: Stage| {
                view! {
                    <tr data-testid="ramp-stage" data-share=s.share data-days=s.days_needed data-detectable=s.detectable>
                        <td>{format!("{}%", (s.share * 1e4).round() / 1e2)}</td>
                        <td>{count(s.per_arm_per_day.round() as u64)}</td>
                        <td>{count(s.days_needed)}</td>
                        <td>{change(s.detectable)}</td>
                    </tr>
                }
            })
            .collect_view();
        Some(
            view! {
                <strong>{move || word(lang(), Word::Ramp)}</strong>
                <table class="sample" data-testid="ramp">
                    <thead><tr>
                        <th>{move || word(lang(), Word::RampShare)}</th>
                        <th>{move || word(lang(), Word::RampPerDay)}</th>
                        <th>{move || word(lang(), Word::RampDays)}</th>
                        <th>{move || i18n::ramp_detectable(lang(), stage_days)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any(),
        )
    };
    view! {
        <section class="plan-report">
            <p data-testid="plan-per-arm" data-value=per_arm><strong>{move || i18n::plan_per_arm(lang(), per_arm)}</strong></p>
            <p class="check-result" data-testid="plan-effect">
                {move || word(lang(), Word::StandardisedEffect)}": "{format!("{standardised_effect:.4}")}
            </p>
            {given}
            {ramp}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_read_and_write_as_percentages() {
        assert_eq!(
            parse_stages("5, 10, 20%, 50"),
            Some(vec![0.05, 0.1, 0.2, 0.5])
        );
        assert_eq!(stages_text(&[0.05, 0.1, 0.2, 0.5]), "5, 10, 20, 50");
        assert_eq!(stages_text(&[0.025]), "2.5");
        assert_eq!(parse_stages("5, ten"), None);
        assert_eq!(parse_stages(""), Some(Vec::new()));
    }

    #[test]
    fn switching_the_metric_keeps_a_sensible_baseline() {
        let p = PlanMetric::Proportion { baseline: 0.1 };
        assert_eq!(
            with_metric(p, "mean"),
            PlanMetric::Mean {
                baseline: 0.1,
                sd: 0.1
            }
        );
        assert_eq!(
            with_metric(
                PlanMetric::Mean {
                    baseline: 40.0,
                    sd: 9.0
                },
                "proportion"
            ),
            PlanMetric::Proportion { baseline: 0.1 }
        );
        assert_eq!(with_metric(p, "proportion"), p);
    }
}
