//! Plan cells: the sample size per arm, power and detectable effect of a test not yet run,
//! and its ramp (5% → 10% → 20% …): how long each stage takes at the traffic given.

use quire_protocol::experiment::{
    ExperimentError, Given, PlanMetric, PlanReport, PlanSpec, Setting, Stage,
};
use quire_protocol::kinds;
use quire_protocol::notebook::{CellError, CellOutput};

use super::experiment::out_of_range;
use super::{Kind, Ran, Reads, Run};
use crate::stats;

type Result<T> = std::result::Result<T, ExperimentError>;

impl Kind for kinds::Plan {
    fn reads(&self, _: &mut Reads<'_>) -> std::result::Result<Vec<String>, CellError> {
        Ok(Vec::new())
    }

    fn run(&self, _: &mut Run<'_>) -> std::result::Result<Ran, CellError> {
        let report = plan(&self.plan).map_err(CellError::Experiment)?;
        Ok(Ran::shown(CellOutput::Plan { report }))
    }

    fn rename_input(&mut self, _: &str, _: &str) {}
}

/// The Plan cell: sample size per arm, power and detectable effect, and the ramp.
pub fn plan(spec: &PlanSpec) -> Result<PlanReport> {
    if !(spec.alpha > 0.0 && spec.alpha < 0.5) {
        return Err(out_of_range(Setting::Alpha));
    }
    if !(spec.power > spec.alpha && spec.power < 1.0) {
        return Err(out_of_range(Setting::Power));
    }
    if !(spec.effect.is_finite() && spec.effect != 0.0 && spec.effect > -1.0) {
        return Err(out_of_range(Setting::Effect));
    }
    match spec.metric {
        PlanMetric::Proportion { baseline } => {
            if !(baseline > 0.0 && baseline < 1.0) {
                return Err(out_of_range(Setting::BaselineRate));
            }
            if baseline * (1.0 + spec.effect) >= 1.0 {
                return Err(out_of_range(Setting::EffectBeyondRate));
            }
        }
        PlanMetric::Mean { baseline, sd } => {
            if !(sd > 0.0 && sd.is_finite() && baseline.is_finite() && baseline != 0.0) {
                return Err(out_of_range(Setting::BaselineMean));
            }
        }
    }
    if spec.stages.iter().any(|s| !(*s > 0.0 && *s <= 1.0)) {
        return Err(out_of_range(Setting::StageShare));
    }
    let d = standardised(spec.metric, spec.effect);
    let sample_size = |d: f64| stats::sample_size(d, spec.alpha, spec.power);
    let per_arm = sample_size(d)
        .ok_or_else(|| out_of_range(Setting::EffectTooSmall))?
        .ceil() as u64;
    let detectable = |n: f64| -> f64 {
        stats::minimum_effect(n, spec.alpha, spec.power).map_or(f64::INFINITY, |d| {
            relative_of(spec.metric, d, spec.effect < 0.0)
        })
    };
    let given = spec.per_arm.filter(|n| *n > 0).map(|n| Given {
        per_arm: n,
        power: stats::power(d, n as f64, spec.alpha).unwrap_or(f64::NAN),
        detectable: detectable(n as f64),
    });
    let stages = match spec.daily_traffic.filter(|t| *t > 0) {
        Some(daily) => spec
            .stages
            .iter()
            .map(|share| {
                let per_day = daily as f64 * share / 2.0;
                Stage {
                    share: *share,
                    per_arm_per_day: per_day,
                    days_needed: (per_arm as f64 / per_day).ceil() as u64,
                    detectable: detectable(per_day * f64::from(spec.stage_days.max(1))),
                }
            })
            .collect(),
        None => Vec::new(),
    };
    Ok(PlanReport {
        per_arm,
        standardised_effect: d,
        given,
        stages,
    })
}

/// The standardised effect of a relative change: Cohen's h for rates, d for means.
fn standardised(metric: PlanMetric, relative: f64) -> f64 {
    match metric {
        PlanMetric::Proportion { baseline } => {
            stats::cohen_h(baseline, baseline * (1.0 + relative))
        }
        PlanMetric::Mean { baseline, sd } => baseline * relative / sd,
    }
}

/// The relative change of a standardised effect `d` (≥ 0), downwards when `down`.
fn relative_of(metric: PlanMetric, d: f64, down: bool) -> f64 {
    let d = if down { -d } else { d };
    match metric {
        PlanMetric::Proportion { baseline } => {
            let angle = (baseline.sqrt().asin() + d / 2.0).clamp(0.0, std::f64::consts::FRAC_PI_2);
            angle.sin().powi(2) / baseline - 1.0
        }
        PlanMetric::Mean { baseline, sd } => d * sd / baseline,
    }
}
