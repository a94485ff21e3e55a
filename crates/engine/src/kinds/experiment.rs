//! Experiment cells: an A/B test read from a table with one row per unit (Plan cells, which size
//! a test before it runs, are [`super::plan`]). The vocabulary is `quire_protocol::experiment`; the statistics are
//! [`crate::stats`]. Polars does the column work (duplicates, casts); the sums are plain loops
//! over `f64` slices, one pass per metric and arm.

use polars::prelude::*;
use quire_protocol::experiment::{
    Arm, ArmStats, Bayes, Call, Check, CheckKind, Correction, CupedResult, Decision, Direction,
    DuplicatePolicy, Duplicates, Estimate, ExperimentError, ExperimentReport, ExperimentSpec,
    FEW_EVENTS, Metric, MetricKind, MetricResult, Outcome, Role, SMALL_ARM, SRM_ALPHA, Sequential,
    Setting, Srm, Verdict, Warning, ZTest,
};
use quire_protocol::metric::MetricSpec;

use super::{Kind, Ran, Reads, Run, swap};
use crate::stats::{self, Summary};
use quire_protocol::kinds;
use quire_protocol::notebook::{CellError, CellOutput, CellSpec};

type Result<T> = std::result::Result<T, ExperimentError>;

/// Analyses the experiment `spec` on `frame`.
pub fn analyse(frame: &DataFrame, spec: &ExperimentSpec) -> Result<ExperimentReport> {
    validate(frame, spec)?;
    let rows = frame.height();
    let (variants, values) = variant_codes(frame, &spec.variant)?;
    let missing_variant = variants.iter().filter(|v| v.is_none()).count();
    let (keep, duplicates) = deduplicate(frame, spec, &variants)?;

    // Arms: the weights' variants (control first), then any variant found but not named.
    let mut kept_codes = vec![false; values.len()];
    for (v, k) in variants.iter().zip(&keep) {
        if let (Some(v), true) = (v, k) {
            kept_codes[*v as usize] = true;
        }
    }
    let mut found: Vec<&str> = values
        .iter()
        .zip(&kept_codes)
        .filter(|(_, k)| **k)
        .map(|(v, _)| v.as_str())
        .collect();
    found.sort_unstable();
    let mut names: Vec<String> = vec![spec.control.clone()];
    let planned: Vec<&str> = if spec.weights.is_empty() {
        found.clone()
    } else {
        spec.weights.iter().map(|w| w.variant.as_str()).collect()
    };
    for v in &planned {
        if !names.iter().any(|n| n == v) {
            names.push((*v).to_owned());
        }
    }
    let unexpected: Vec<String> = found
        .iter()
        .filter(|v| !names.iter().any(|n| n == *v))
        .map(|v| (*v).to_owned())
        .collect();
    // The intended weight of each arm (0 for a variant the weights do not name).
    let weights: Vec<f64> = names
        .iter()
        .map(|name| {
            if spec.weights.is_empty() {
                1.0
            } else {
                spec.weights
                    .iter()
                    .find(|w| &w.variant == name)
                    .map_or(0.0, |w| w.weight)
            }
        })
        .collect();
    // Each kept row's arm (an index into `names`), or None.
    let arm_of_code: Vec<Option<u8>> = values
        .iter()
        .map(|v| names.iter().position(|n| n == v).map(|i| i as u8))
        .collect();
    let arm_of: Vec<Option<u8>> = variants
        .iter()
        .zip(&keep)
        .map(|(v, k)| match (v, k) {
            (Some(v), true) => arm_of_code[*v as usize],
            _ => None,
        })
        .collect();
    let mut counts = vec![0_u64; names.len()];
    for a in arm_of.iter().flatten() {
        counts[*a as usize] += 1;
    }
    let units: u64 = counts.iter().sum();
    let weight_sum: f64 = weights.iter().sum();
    let arms: Vec<Arm> = names
        .iter()
        .zip(&counts)
        .zip(&weights)
        .map(|((n, c), w)| Arm {
            variant: n.clone(),
            units: *c,
            expected_share: w / weight_sum,
            observed_share: if units > 0 {
                *c as f64 / units as f64
            } else {
                0.0
            },
        })
        .collect();
    let srm = stats::srm(&counts, &weights).map(|(chi2, p)| Srm {
        chi2,
        df: (names.len() - 1) as u32,
        p,
    });

    let mut checks = vec![Check {
        passed: counts[0] > 0,
        kind: CheckKind::ControlPresent {
            control: spec.control.clone(),
        },
    }];
    checks.push(Check {
        passed: unexpected.is_empty(),
        kind: CheckKind::KnownVariants { unexpected },
    });
    if let Some(s) = srm {
        checks.push(Check {
            passed: s.p >= SRM_ALPHA,
            kind: CheckKind::SampleRatio { p: s.p },
        });
    }

    let mut warnings = Vec::new();
    if duplicates.repeated_units > 0 {
        warnings.push(Warning::Duplicates {
            repeated_units: duplicates.repeated_units,
            dropped_rows: duplicates.dropped_rows,
        });
    }
    if missing_variant > 0 {
        warnings.push(Warning::MissingVariant {
            rows: missing_variant as u64,
        });
    }
    for arm in &arms {
        if arm.units < SMALL_ARM {
            warnings.push(Warning::SmallArm {
                variant: arm.variant.clone(),
                units: arm.units,
            });
        }
    }
    let smallest = counts.iter().copied().min().unwrap_or(0);
    let peeking = match spec.planned_per_arm {
        Some(plan) if !spec.sequential && smallest < plan => {
            warnings.push(Warning::Peeking {
                planned_per_arm: plan,
                smallest_arm: smallest,
            });
            true
        }
        _ => false,
    };

    let mut results = Vec::new();
    if counts[0] > 0 {
        for metric in &spec.metrics {
            measure(
                frame,
                spec,
                metric,
                &names,
                &arm_of,
                &mut results,
                &mut warnings,
            )?;
        }
    }
    let decision_p: Vec<f64> = results
        .iter()
        .map(|r: &MetricResult| r.sequential.map_or(r.p, |s| s.p))
        .collect();
    let adjusted = match spec.correction {
        Correction::Holm => stats::holm(&decision_p),
        Correction::BenjaminiHochberg => stats::benjamini_hochberg(&decision_p),
    };
    let alpha = 1.0 - spec.confidence;
    for (r, p) in results.iter_mut().zip(adjusted) {
        r.adjusted_p = p;
        let up = r.absolute.value > 0.0;
        r.outcome = if p >= alpha || r.absolute.value == 0.0 {
            Outcome::Flat
        } else if up == (r.direction == Direction::Higher) {
            Outcome::Better
        } else {
            Outcome::Worse
        };
    }

    let passed = checks.iter().all(|c| c.passed);
    let verdict = passed.then(|| Verdict {
        calls: names[1..].iter().map(|t| call(t, &results)).collect(),
        provisional: peeking,
    });
    Ok(ExperimentReport {
        rows: rows as u64,
        units,
        duplicates,
        missing_variant: missing_variant as u64,
        arms,
        srm,
        checks,
        warnings,
        confidence: spec.confidence,
        sequential: spec.sequential,
        correction: spec.correction,
        results,
        verdict,
    })
}

fn call(treatment: &str, results: &[MetricResult]) -> Call {
    let mine = || results.iter().filter(|r| r.treatment == treatment);
    let improved: Vec<String> = mine()
        .filter(|r| r.role == Role::Goal && r.outcome == Outcome::Better)
        .map(|r| r.metric.clone())
        .collect();
    let worsened: Vec<String> = mine()
        .filter(|r| r.role != Role::Secondary && r.outcome == Outcome::Worse)
        .map(|r| r.metric.clone())
        .collect();
    let guardrails_held: Vec<String> = mine()
        .filter(|r| r.role == Role::Guardrail && r.outcome != Outcome::Worse)
        .map(|r| r.metric.clone())
        .collect();
    let decision = if !worsened.is_empty() {
        Decision::DoNotShip
    } else if !improved.is_empty() {
        Decision::Ship
    } else {
        Decision::Inconclusive
    };
    Call {
        treatment: treatment.to_owned(),
        decision,
        improved,
        worsened,
        guardrails_held,
    }
}

/// Metrics defined in Metric cells ([`MetricKind::Defined`]), computed per unit from their
/// own source tables and added to `frame` as columns, so the analysis compares them as means.
/// `lookup` gives a metric's definition and its source table by name. `None` when the spec
/// names no defined metric (nothing to add).
pub fn with_defined<'a>(
    frame: &DataFrame,
    spec: &ExperimentSpec,
    lookup: impl Fn(&str) -> Option<(&'a MetricSpec, &'a DataFrame)>,
) -> Result<Option<(DataFrame, ExperimentSpec)>> {
    if !spec
        .metrics
        .iter()
        .any(|m| matches!(m.kind, MetricKind::Defined { .. }))
    {
        return Ok(None);
    }
    let units = frame
        .column(&spec.unit)
        .and_then(|c| c.cast(&DataType::String))
        .map_err(|_| ExperimentError::MissingColumn {
            column: spec.unit.clone(),
        })?;
    let units = units.str().map_err(|e| ExperimentError::Table {
        message: e.to_string(),
    })?;
    let mut frame = frame.clone();
    let mut spec = spec.clone();
    for (i, m) in spec.metrics.iter_mut().enumerate() {
        let MetricKind::Defined { metric } = &m.kind else {
            continue;
        };
        let name = metric.trim().to_owned();
        let (definition, source) = lookup(&name).ok_or_else(|| ExperimentError::UnknownMetric {
            metric: name.clone(),
        })?;
        let (values, additive) = crate::kinds::metric::per_unit(source, definition, &spec.unit)
            .map_err(|e| match e {
                quire_protocol::metric::MetricError::MissingColumn { column } => {
                    ExperimentError::MetricWithoutUnit {
                        metric: name.clone(),
                        table: definition.table.clone(),
                        unit: column,
                    }
                }
                reason => ExperimentError::DefinedMetric {
                    metric: name.clone(),
                    reason,
                },
            })?;
        let column: Float64Chunked = units
            .into_iter()
            .map(|u| match u.map(|u| values.get(u)) {
                Some(Some(v)) => *v,
                // No rows for this unit: nothing summed or counted is 0; an average is unknown.
                Some(None) if additive => Some(0.0),
                _ => None,
            })
            .collect();
        let column_name = format!("__metric_{i}");
        frame
            .with_column(column.with_name(column_name.as_str().into()).into_series())
            .map_err(|e| ExperimentError::Table {
                message: e.to_string(),
            })?;
        if m.name.trim().is_empty() {
            m.name = name;
        }
        m.kind = MetricKind::Mean {
            column: column_name,
        };
    }
    Ok(Some((frame, spec)))
}

pub(crate) fn out_of_range(setting: Setting) -> ExperimentError {
    ExperimentError::OutOfRange { setting }
}

fn validate(frame: &DataFrame, spec: &ExperimentSpec) -> Result<()> {
    if spec.unit.trim().is_empty() || spec.variant.trim().is_empty() {
        return Err(ExperimentError::NoUnitOrVariant);
    }
    if spec.metrics.is_empty() {
        return Err(ExperimentError::NoMetrics);
    }
    if !(spec.confidence > 0.5 && spec.confidence < 1.0) {
        return Err(out_of_range(Setting::Confidence));
    }
    for w in &spec.weights {
        if !(w.weight > 0.0 && w.weight.is_finite()) {
            return Err(out_of_range(Setting::Weight {
                variant: w.variant.clone(),
            }));
        }
    }
    if spec.planned_per_arm == Some(0) {
        return Err(out_of_range(Setting::PlannedPerArm));
    }
    let mut columns = vec![&spec.unit, &spec.variant];
    for m in &spec.metrics {
        match &m.kind {
            MetricKind::Binomial { column } | MetricKind::Mean { column } => columns.push(column),
            MetricKind::Ratio {
                numerator,
                denominator,
            } => {
                if m.covariate.is_some() {
                    return Err(ExperimentError::CupedOnRatio { metric: m.label() });
                }
                columns.push(numerator);
                columns.push(denominator);
            }
            // Resolved by `with_defined` before; one still here names no Metric cell.
            MetricKind::Defined { metric } => {
                return Err(ExperimentError::UnknownMetric {
                    metric: metric.clone(),
                });
            }
        }
        if let Some(c) = &m.covariate {
            columns.push(c);
        }
    }
    for c in columns {
        if frame.column(c).is_err() {
            return Err(ExperimentError::MissingColumn { column: c.clone() });
        }
    }
    Ok(())
}

fn missing(column: &str) -> ExperimentError {
    ExperimentError::MissingColumn {
        column: column.to_owned(),
    }
}

/// The variant of every row as an index into the distinct values (as text: numbers and
/// booleans read as they print), and those values. Blank text counts as missing.
fn variant_codes(frame: &DataFrame, column: &str) -> Result<(Vec<Option<u32>>, Vec<String>)> {
    let c = frame.column(column).map_err(|_| missing(column))?;
    let text = c.cast(&DataType::String).map_err(|e| internal(&e))?;
    let ca = text.str().map_err(|e| internal(&e))?;
    let mut values: Vec<String> = Vec::new();
    let mut codes = Vec::with_capacity(ca.len());
    for v in ca {
        codes.push(v.map(str::trim).filter(|s| !s.is_empty()).map(|s| {
            match values.iter().position(|x| x == s) {
                Some(i) => i as u32,
                None => {
                    values.push(s.to_owned());
                    (values.len() - 1) as u32
                }
            }
        }));
    }
    Ok((codes, values))
}

/// What the duplicate scan keeps per unit.
struct Seen {
    first: u32,
    variant: u32,
    rows: u32,
    mixed: bool,
}

/// One pass over the rows with a variant, in file order, remembering each unit's first row.
fn scan<K: std::hash::Hash + Eq>(
    units: impl Iterator<Item = K>,
    variants: &[Option<u32>],
) -> Vec<Seen> {
    let mut seen: PlHashMap<K, Seen> = PlHashMap::default();
    for (row, (unit, variant)) in units.zip(variants).enumerate() {
        let Some(variant) = *variant else { continue };
        seen.entry(unit)
            .and_modify(|s| {
                s.rows += 1;
                s.mixed |= s.variant != variant;
            })
            .or_insert(Seen {
                first: row as u32,
                variant,
                rows: 1,
                mixed: false,
            });
    }
    seen.into_values().collect()
}

/// [`scan`] for integer ids within `low..low + span - 1`: slot `id − low` (the last slot for
/// a missing id) holds the unit's place in the result.
fn scan_dense(ca: &Int64Chunked, low: i64, span: usize, variants: &[Option<u32>]) -> Vec<Seen> {
    let mut slot = vec![u32::MAX; span];
    let mut seen: Vec<Seen> = Vec::new();
    for (row, (unit, variant)) in ca.into_iter().zip(variants).enumerate() {
        let Some(variant) = *variant else { continue };
        let i = unit.map_or(span - 1, |u| (u - low) as usize);
        match seen.get_mut(slot[i] as usize) {
            Some(s) => {
                s.rows += 1;
                s.mixed |= s.variant != variant;
            }
            None => {
                slot[i] = seen.len() as u32;
                seen.push(Seen {
                    first: row as u32,
                    variant,
                    rows: 1,
                    mixed: false,
                });
            }
        }
    }
    seen
}

/// Which rows to keep under the duplicate policy, and what it found. Rows without a variant
/// are never kept and do not count as duplicates.
fn deduplicate(
    frame: &DataFrame,
    spec: &ExperimentSpec,
    variants: &[Option<u32>],
) -> Result<(Vec<bool>, Duplicates)> {
    let unit = frame.column(&spec.unit).map_err(|_| missing(&spec.unit))?;
    let units = unit.as_materialized_series();
    let seen = if units.dtype().is_integer() {
        let ints = units.cast(&DataType::Int64).map_err(|e| internal(&e))?;
        let ca = ints.i64().map_err(|e| internal(&e))?;
        match (ca.min(), ca.max()) {
            // Ids in a compact range (the usual 1..n): a direct table instead of hashing.
            (Some(low), Some(high))
                if (high as i128 - low as i128) < 4 * frame.height() as i128 + 1024 =>
            {
                scan_dense(ca, low, (high - low) as usize + 2, variants)
            }
            _ => scan(ca.into_iter(), variants),
        }
    } else {
        let text = units.cast(&DataType::String).map_err(|e| internal(&e))?;
        let ca = text.str().map_err(|e| internal(&e))?;
        scan(ca.into_iter(), variants)
    };
    let mut keep = vec![false; frame.height()];
    let (mut repeated, mut mixed, mut kept) = (0_u64, 0_u64, 0_u64);
    for s in &seen {
        repeated += u64::from(s.rows > 1);
        if s.mixed {
            mixed += 1;
            if spec.duplicates == DuplicatePolicy::DropMixed {
                continue;
            }
        }
        keep[s.first as usize] = true;
        kept += 1;
    }
    let with_variant = variants.iter().filter(|v| v.is_some()).count() as u64;
    Ok((
        keep,
        Duplicates {
            policy: spec.duplicates,
            repeated_units: repeated,
            mixed_units: mixed,
            dropped_rows: with_variant - kept,
        },
    ))
}

fn internal(e: &dyn std::fmt::Display) -> ExperimentError {
    ExperimentError::Table {
        message: e.to_string(),
    }
}

/// A column as `f64` per row, NaN where missing.
fn floats(frame: &DataFrame, column: &str) -> Result<Vec<f64>> {
    let c = frame.column(column).map_err(|_| missing(column))?;
    let numeric = c.dtype().is_primitive_numeric() || c.dtype() == &DataType::Boolean;
    if !numeric {
        return Err(ExperimentError::NotNumeric {
            column: column.to_owned(),
        });
    }
    let cast = c
        .cast(&DataType::Float64)
        .map_err(|_| ExperimentError::NotNumeric {
            column: column.to_owned(),
        })?;
    let ca = cast.f64().map_err(|_| missing(column))?;
    Ok(ca.into_iter().map(|v| v.unwrap_or(f64::NAN)).collect())
}

/// Splits `values` by arm (rows not kept are dropped).
fn by_arm(values: &[f64], arm_of: &[Option<u8>], arms: usize) -> Vec<Vec<f64>> {
    let mut out: Vec<Vec<f64>> = vec![Vec::new(); arms];
    for (v, a) in values.iter().zip(arm_of) {
        if let Some(a) = a {
            out[*a as usize].push(*v);
        }
    }
    out
}

fn missing_count(values: &[f64]) -> u64 {
    values.iter().filter(|v| !v.is_finite()).count() as u64
}

/// Results of one metric for every treatment against the control.
fn measure(
    frame: &DataFrame,
    spec: &ExperimentSpec,
    metric: &Metric,
    names: &[String],
    arm_of: &[Option<u8>],
    results: &mut Vec<MetricResult>,
    warnings: &mut Vec<Warning>,
) -> Result<()> {
    let label = metric.label();
    let arms = names.len();
    let (main, denominator) = match &metric.kind {
        MetricKind::Binomial { column } => {
            let v = floats(frame, column)?;
            if let Some(bad) = v.iter().find(|x| x.is_finite() && **x != 0.0 && **x != 1.0) {
                return Err(ExperimentError::NotBinary {
                    column: column.clone(),
                    value: *bad,
                });
            }
            (by_arm(&v, arm_of, arms), None)
        }
        MetricKind::Mean { column } => (by_arm(&floats(frame, column)?, arm_of, arms), None),
        MetricKind::Defined { metric } => {
            return Err(ExperimentError::UnknownMetric {
                metric: metric.clone(),
            });
        }
        MetricKind::Ratio {
            numerator,
            denominator,
        } => {
            let y = floats(frame, numerator)?;
            let mut x = floats(frame, denominator)?;
            // A unit is complete when both parts are there.
            for (xv, yv) in x.iter_mut().zip(&y) {
                if !yv.is_finite() {
                    *xv = f64::NAN;
                }
            }
            (by_arm(&y, arm_of, arms), Some(by_arm(&x, arm_of, arms)))
        }
    };
    let covariate = match &metric.covariate {
        Some(c) => Some(by_arm(&floats(frame, c)?, arm_of, arms)),
        None => None,
    };
    let left_out: Vec<u64> = (0..arms)
        .map(|a| match &denominator {
            Some(d) => missing_count(&d[a]),
            None => missing_count(&main[a]),
        })
        .collect();
    for (a, name) in names.iter().enumerate() {
        if left_out[a] > 0 {
            warnings.push(Warning::MissingValues {
                metric: label.clone(),
                variant: name.clone(),
                left_out: left_out[a],
            });
        }
    }
    // Per arm, once: the summary the tests compare (for ratios, the ratio with its delta
    // variance × n).
    let summaries: Vec<Option<Summary>> = (0..arms)
        .map(|a| match &denominator {
            None => Some(Summary::of(&main[a])),
            Some(d) => stats::ratio(&main[a], &d[a]).map(|r| Summary {
                n: r.n,
                mean: r.ratio,
                var: r.var * r.n,
            }),
        })
        .collect();
    let binomial = matches!(metric.kind, MetricKind::Binomial { .. });
    let Some(control) = summaries[0] else {
        warnings.push(Warning::Unmeasurable {
            metric: label.clone(),
            variant: names[0].clone(),
        });
        return Ok(());
    };
    let alpha = 1.0 - spec.confidence;
    let arm_stats = |s: Summary, a: usize| ArmStats {
        n: s.n as u64,
        mean: s.mean,
        sd: s.var.sqrt(),
        left_out: left_out[a],
    };
    if binomial {
        for (s, name) in summaries.iter().zip(names) {
            if let Some(s) = s {
                let successes = (s.mean * s.n).round() as u64;
                let events = successes.min(s.n as u64 - successes);
                if s.n > 0.0 && events < FEW_EVENTS {
                    warnings.push(Warning::FewEvents {
                        metric: label.clone(),
                        variant: name.clone(),
                        events,
                    });
                }
            }
        }
    }
    for (a, name) in names.iter().enumerate().skip(1) {
        let Some(treatment) = summaries[a] else {
            warnings.push(Warning::Unmeasurable {
                metric: label.clone(),
                variant: name.clone(),
            });
            continue;
        };
        let Some(w) = stats::welch(control, treatment, spec.confidence) else {
            warnings.push(Warning::Unmeasurable {
                metric: label.clone(),
                variant: name.clone(),
            });
            continue;
        };
        let relative = stats::relative_lift(control, treatment, spec.confidence)
            .map(|(value, low, high)| Estimate { value, low, high });
        let (xc, xt) = (control.mean * control.n, treatment.mean * treatment.n);
        let z_test = binomial
            .then(|| stats::two_proportions(xc, control.n, xt, treatment.n))
            .flatten()
            .map(|(z, p)| ZTest { z, p });
        let bayes = if binomial {
            stats::beta_chance_to_beat(xc.round(), control.n, xt.round(), treatment.n).map(
                |(chance, loss)| match metric.direction {
                    Direction::Higher => Bayes {
                        chance_to_beat: chance,
                        expected_loss: loss,
                    },
                    Direction::Lower => {
                        // Posterior means under Beta(1, 1) priors.
                        let mc = (1.0 + xc.round()) / (2.0 + control.n);
                        let mt = (1.0 + xt.round()) / (2.0 + treatment.n);
                        Bayes {
                            chance_to_beat: 1.0 - chance,
                            expected_loss: (mt - mc + loss).max(0.0),
                        }
                    }
                },
            )
        } else {
            let signed = match metric.direction {
                Direction::Higher => w.diff,
                Direction::Lower => -w.diff,
            };
            stats::normal_chance_to_beat(signed, w.se).map(|(chance, loss)| Bayes {
                chance_to_beat: chance,
                expected_loss: loss,
            })
        };
        let cuped = match &covariate {
            Some(x) => stats::cuped(&main[0], &x[0], &main[a], &x[a]).and_then(|c| {
                let adjusted = stats::welch(c.control, c.treatment, spec.confidence)?;
                let complete = |arm: usize| main[arm].iter().filter(|v| v.is_finite()).count();
                let used = (c.control.n + c.treatment.n) as usize;
                Some(CupedResult {
                    theta: c.theta,
                    absolute: Estimate {
                        value: adjusted.diff,
                        low: adjusted.low,
                        high: adjusted.high,
                    },
                    p: adjusted.p,
                    variance_reduction: c.reduction,
                    left_out: (complete(0) + complete(a)).saturating_sub(used) as u64,
                })
            }),
            None => None,
        };
        let sequential = if spec.sequential {
            let t = control.n + treatment.n;
            let t_star = spec.planned_per_arm.map_or(t, |p| 2.0 * p as f64);
            stats::confidence_sequence(w.diff, w.se, t, t_star, alpha)
                .map(|(low, high, p)| Sequential { low, high, p })
        } else {
            None
        };
        results.push(MetricResult {
            metric: label.clone(),
            kind: metric.kind.name().to_owned(),
            role: metric.role,
            direction: metric.direction,
            treatment: name.clone(),
            control_stats: arm_stats(control, 0),
            treatment_stats: arm_stats(treatment, a),
            absolute: Estimate {
                value: w.diff,
                low: w.low,
                high: w.high,
            },
            relative,
            t: w.t,
            df: w.df,
            p: w.p,
            z_test,
            cuped,
            bayes,
            sequential,
            adjusted_p: w.p,
            outcome: Outcome::Flat,
        });
    }
    Ok(())
}

impl Kind for kinds::Experiment {
    fn reads(&self, cx: &mut Reads<'_>) -> std::result::Result<Vec<String>, CellError> {
        // A metric defined in a Metric cell is read from that cell (its definition) and from
        // its source table.
        let mut reads = vec![self.input.clone()];
        for m in &self.experiment.metrics {
            if let MetricKind::Defined { metric } = &m.kind {
                let name = metric.trim().to_owned();
                let source = cx.metric_sources.get(name.as_str()).cloned();
                for t in std::iter::once(name).chain(source) {
                    if !t.is_empty() && !reads.contains(&t) {
                        reads.push(t);
                    }
                }
            }
        }
        Ok(reads)
    }

    fn run(&self, cx: &mut Run<'_>) -> std::result::Result<Ran, CellError> {
        let frame = cx.input(&self.input)?;
        let defined = with_defined(frame, &self.experiment, |name| {
            let (_, CellSpec::Metric(metric)) = cx.producer(name)? else {
                return None;
            };
            let metric = &metric.metric;
            let source = cx.inputs.iter().find(|(n, _)| n == metric.table.trim())?;
            Some((metric, &source.1))
        })
        .map_err(CellError::Experiment)?;
        let report = match &defined {
            Some((frame, spec)) => analyse(frame, spec),
            None => analyse(frame, &self.experiment),
        }
        .map_err(CellError::Experiment)?;
        Ok(Ran::shown(CellOutput::Experiment {
            report: Box::new(report),
        }))
    }

    fn rename_input(&mut self, old: &str, new: &str) {
        swap(&mut self.input, old, new);
        for m in &mut self.experiment.metrics {
            if let MetricKind::Defined { metric } = &mut m.kind {
                swap(metric, old, new);
            }
        }
    }
}

#[cfg(test)]
mod tests;
