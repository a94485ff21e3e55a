//! A/B tests: what an Experiment cell asks (the spec, saved in notebooks), what the engine
//! answers (the report, recomputed on every run), and the plain-words verdict in English and
//! Korean. A Plan cell's sample-size and ramp arithmetic has its spec and report here too.
//!
//! The statistics themselves live in the engine (`quire_engine::experiment`); this module is
//! the vocabulary the page, the CLI and the tests share.

use serde::{Deserialize, Serialize};

/// A language for the words of a verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    En,
    Ko,
}

/// An experiment as the analyst set it up: one row per unit in the input table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExperimentSpec {
    /// The unit (user) id column.
    pub unit: String,
    /// The column naming each unit's variant.
    pub variant: String,
    /// The control variant's value in that column.
    pub control: String,
    /// The intended split. Empty: an equal split over the variants found.
    #[serde(default)]
    pub weights: Vec<Weight>,
    #[serde(default)]
    pub metrics: Vec<Metric>,
    /// Confidence level of every interval, in (0, 1).
    #[serde(default = "default_confidence")]
    pub confidence: f64,
    #[serde(default)]
    pub duplicates: DuplicatePolicy,
    #[serde(default)]
    pub correction: Correction,
    /// Always-valid (sequential) intervals and p-values, safe to look at any time.
    #[serde(default)]
    pub sequential: bool,
    /// The planned sample size per arm: looking at a fixed-horizon result before it is reached
    /// is warned about, and sequential intervals are tuned to it.
    #[serde(default)]
    pub planned_per_arm: Option<u64>,
}

fn default_confidence() -> f64 {
    0.95
}

impl ExperimentSpec {
    /// A spec with no metrics and every option at its default.
    pub fn new(unit: &str, variant: &str, control: &str) -> Self {
        ExperimentSpec {
            unit: unit.to_owned(),
            variant: variant.to_owned(),
            control: control.to_owned(),
            weights: Vec::new(),
            metrics: Vec::new(),
            confidence: default_confidence(),
            duplicates: DuplicatePolicy::default(),
            correction: Correction::default(),
            sequential: false,
            planned_per_arm: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Weight {
    pub variant: String,
    pub weight: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    /// The name shown in the report (the column's when empty).
    #[serde(default)]
    pub name: String,
    pub kind: MetricKind,
    #[serde(default)]
    pub role: Role,
    #[serde(default)]
    pub direction: Direction,
    /// A pre-period column for CUPED (binomial and mean metrics).
    #[serde(default)]
    pub covariate: Option<String>,
}

impl Metric {
    pub fn new(kind: MetricKind, role: Role) -> Self {
        Metric {
            name: String::new(),
            kind,
            role,
            direction: Direction::Higher,
            covariate: None,
        }
    }

    /// The name to show: the given one, or the column's (numerator/denominator for ratios).
    pub fn label(&self) -> String {
        if !self.name.trim().is_empty() {
            return self.name.trim().to_owned();
        }
        match &self.kind {
            MetricKind::Binomial { column } | MetricKind::Mean { column } => column.clone(),
            MetricKind::Ratio {
                numerator,
                denominator,
            } => format!("{numerator}/{denominator}"),
            MetricKind::Defined { metric } => metric.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum MetricKind {
    /// A 0/1 column: a rate (conversion).
    Binomial { column: String },
    /// A number per unit: its mean (revenue per user).
    Mean { column: String },
    /// Σ numerator / Σ denominator over the units (revenue per order).
    Ratio {
        numerator: String,
        denominator: String,
    },
    /// A metric defined once in a Metric cell, by name: its aggregation computed per unit from
    /// its own source table (filters included, over all of its time), then compared as a mean.
    /// A unit with no rows there counts 0 for a `sum`/`count`, and is left out otherwise.
    Defined { metric: String },
}

impl MetricKind {
    pub fn name(&self) -> &'static str {
        match self {
            MetricKind::Binomial { .. } => "binomial",
            MetricKind::Mean { .. } => "mean",
            MetricKind::Ratio { .. } => "ratio",
            MetricKind::Defined { .. } => "defined",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// What the change is meant to move; decides the verdict.
    #[default]
    Goal,
    /// Must not get worse.
    Guardrail,
    /// Reported, not decisive.
    Secondary,
}

/// Which way is better.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    #[default]
    Higher,
    Lower,
}

/// What to do with a unit id seen on several rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicatePolicy {
    /// Keep the first row of each unit, in file order.
    #[default]
    KeepFirst,
    /// Drop every row of units seen in more than one variant, then keep the first row of the
    /// others.
    DropMixed,
}

/// The multiple-testing correction over all (treatment, metric) pairs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Correction {
    /// Holm's step-down: the family-wise error rate.
    #[default]
    Holm,
    /// Benjamini–Hochberg: the false discovery rate.
    BenjaminiHochberg,
}

/// Below this many units an arm gets a small-sample warning.
pub const SMALL_ARM: u64 = 100;
/// Below this many successes (or failures) in an arm a rate gets a small-sample warning: the
/// normal approximation behind its interval is poor.
pub const FEW_EVENTS: u64 = 10;
/// The sample-ratio check fails below this p-value.
pub const SRM_ALPHA: f64 = 0.001;

/// Everything an Experiment cell found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExperimentReport {
    /// Rows in the input table.
    pub rows: u64,
    /// Units analysed (after the duplicate policy and rows without a variant).
    pub units: u64,
    pub duplicates: Duplicates,
    /// Rows with no variant, left out.
    pub missing_variant: u64,
    /// Control first, then the treatments in the order of the weights (or as found).
    pub arms: Vec<Arm>,
    pub srm: Option<Srm>,
    /// Checks that gate the verdict.
    pub checks: Vec<Check>,
    pub warnings: Vec<Warning>,
    pub confidence: f64,
    pub sequential: bool,
    pub correction: Correction,
    /// One per (metric, treatment), metrics in spec order.
    pub results: Vec<MetricResult>,
    /// None when a check failed.
    pub verdict: Option<Verdict>,
}

impl ExperimentReport {
    pub fn checks_passed(&self) -> bool {
        self.checks.iter().all(|c| c.passed)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duplicates {
    pub policy: DuplicatePolicy,
    /// Distinct units seen on more than one row.
    pub repeated_units: u64,
    /// Of those, units seen in more than one variant.
    pub mixed_units: u64,
    /// Rows left out by the policy.
    pub dropped_rows: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Arm {
    pub variant: String,
    pub units: u64,
    /// The intended share, from the weights.
    pub expected_share: f64,
    pub observed_share: f64,
}

/// Pearson's chi-square of the arms' unit counts against the intended split.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Srm {
    pub chi2: f64,
    pub df: u32,
    pub p: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Check {
    pub kind: CheckKind,
    pub passed: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "check", rename_all = "snake_case")]
pub enum CheckKind {
    /// The control variant has units.
    ControlPresent { control: String },
    /// Every variant found is one the weights name.
    KnownVariants { unexpected: Vec<String> },
    /// The split matches the weights (fails when p < [`SRM_ALPHA`]).
    SampleRatio { p: f64 },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "warning", rename_all = "snake_case")]
pub enum Warning {
    /// Units were seen on more than one row (counts in [`ExperimentReport::duplicates`]).
    Duplicates {
        repeated_units: u64,
        dropped_rows: u64,
    },
    /// Rows without a variant were left out.
    MissingVariant { rows: u64 },
    /// An arm has fewer than [`SMALL_ARM`] units.
    SmallArm { variant: String, units: u64 },
    /// A rate has fewer than [`FEW_EVENTS`] successes or failures in an arm.
    FewEvents {
        metric: String,
        variant: String,
        events: u64,
    },
    /// A metric's rows with a missing value were left out.
    MissingValues {
        metric: String,
        variant: String,
        left_out: u64,
    },
    /// Too few complete values (or no spread) to compare this metric in this arm.
    Unmeasurable { metric: String, variant: String },
    /// A fixed-horizon result looked at before the planned sample size: its p-values are not
    /// yet valid (peeking inflates false positives). Sequential intervals do not have this.
    Peeking {
        planned_per_arm: u64,
        smallest_arm: u64,
    },
}

/// One metric of one arm.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArmStats {
    /// Units with a complete value.
    pub n: u64,
    /// The mean, rate or ratio.
    pub mean: f64,
    /// The standard deviation per unit (for ratios: √n × the delta-method standard error).
    pub sd: f64,
    /// Units of the arm left out for a missing value.
    pub left_out: u64,
}

/// An estimate with its interval.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    pub value: f64,
    pub low: f64,
    pub high: f64,
}

/// One metric, one treatment against the control.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MetricResult {
    pub metric: String,
    /// "binomial", "mean" or "ratio".
    pub kind: String,
    pub role: Role,
    pub direction: Direction,
    pub treatment: String,
    pub control_stats: ArmStats,
    pub treatment_stats: ArmStats,
    /// Treatment − control, with the Welch interval.
    pub absolute: Estimate,
    /// Treatment / control − 1, with the delta-method interval.
    pub relative: Option<Estimate>,
    /// Welch's t statistic, Welch–Satterthwaite degrees of freedom, two-sided p.
    pub t: f64,
    pub df: f64,
    pub p: f64,
    /// The pooled two-proportion z-test (binomial metrics).
    pub z_test: Option<ZTest>,
    pub cuped: Option<CupedResult>,
    pub bayes: Option<Bayes>,
    /// The always-valid interval and p-value (when the spec asks for sequential analysis).
    pub sequential: Option<Sequential>,
    /// The p-value decisions use (sequential when asked, Welch otherwise), corrected over all
    /// (treatment, metric) pairs.
    pub adjusted_p: f64,
    pub outcome: Outcome,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ZTest {
    pub z: f64,
    pub p: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CupedResult {
    pub theta: f64,
    /// The adjusted treatment − control, with its Welch interval.
    pub absolute: Estimate,
    pub p: f64,
    /// The share of the effect's variance removed, `1 − Var(adjusted)/Var(raw)`.
    pub variance_reduction: f64,
    /// Units left out for a missing covariate (both arms).
    pub left_out: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bayes {
    /// The posterior chance that the treatment is better (in the metric's direction).
    pub chance_to_beat: f64,
    /// The expected loss of shipping the treatment, in the metric's units.
    pub expected_loss: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sequential {
    /// The always-valid interval of treatment − control.
    pub low: f64,
    pub high: f64,
    pub p: f64,
}

/// What a result means, in the metric's direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Better,
    Worse,
    /// No change shown at the confidence level.
    Flat,
}

/// The decision per treatment, with the findings behind it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    pub calls: Vec<Call>,
    /// Provisional: looked at before the planned sample size with fixed-horizon statistics.
    pub provisional: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Call {
    pub treatment: String,
    pub decision: Decision,
    /// Goal metrics that got better.
    pub improved: Vec<String>,
    /// Goal or guardrail metrics that got worse.
    pub worsened: Vec<String>,
    /// Guardrails with no harm shown.
    pub guardrails_held: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// A goal improved and no goal or guardrail got worse.
    Ship,
    /// A goal or guardrail got worse.
    DoNotShip,
    /// Nothing decisive moved.
    Inconclusive,
}

fn percent(x: f64) -> String {
    let v = x * 100.0;
    if v.abs() >= 10.0 {
        format!("{v:+.1}%")
    } else {
        format!("{v:+.2}%")
    }
}

/// A number for a sentence: few digits, no exponent for everyday values.
pub fn short_number(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let a = x.abs();
    if a >= 1000.0 {
        format!("{x:.0}")
    } else if a >= 10.0 {
        format!("{x:.1}")
    } else if a >= 0.01 || a == 0.0 {
        format!("{x:.3}")
    } else {
        format!("{x:.2e}")
    }
}

fn p_text(p: f64) -> String {
    if p < 0.0001 {
        "< 0.0001".to_owned()
    } else {
        format!("= {p:.4}")
    }
}

/// How a result reads in a sentence: the relative change with its interval when there is one,
/// the absolute change otherwise.
fn change_text(r: &MetricResult, confidence: f64, lang: Lang) -> String {
    let level = format!("{:.0}%", 100.0 * confidence);
    match (r.relative, lang) {
        (Some(rel), Lang::En) => format!(
            "{} ({} CI {} to {})",
            percent(rel.value),
            level,
            percent(rel.low),
            percent(rel.high)
        ),
        (Some(rel), Lang::Ko) => format!(
            "{} ({} 신뢰구간 {} ~ {})",
            percent(rel.value),
            level,
            percent(rel.low),
            percent(rel.high)
        ),
        (None, Lang::En) => format!(
            "{} ({} CI {} to {})",
            short_number(r.absolute.value),
            level,
            short_number(r.absolute.low),
            short_number(r.absolute.high)
        ),
        (None, Lang::Ko) => format!(
            "{} ({} 신뢰구간 {} ~ {})",
            short_number(r.absolute.value),
            level,
            short_number(r.absolute.low),
            short_number(r.absolute.high)
        ),
    }
}

/// The report in plain words, one sentence per line: the checks, then per treatment what moved,
/// whether guardrails held, and the decision. When a check failed, the lines say which and
/// give no decision.
pub fn verdict_lines(report: &ExperimentReport, lang: Lang) -> Vec<String> {
    let mut lines = Vec::new();
    let failed: Vec<&Check> = report.checks.iter().filter(|c| !c.passed).collect();
    if !failed.is_empty() {
        for c in failed {
            lines.push(match (&c.kind, lang) {
                (CheckKind::SampleRatio { p }, Lang::En) => format!(
                    "The split of units does not match the intended weights (sample-ratio mismatch, p {}). Assignment or logging is likely broken, so the results cannot be trusted.",
                    p_text(*p)
                ),
                (CheckKind::SampleRatio { p }, Lang::Ko) => format!(
                    "유닛 배정 비율이 의도한 비율과 다릅니다 (표본 비율 불일치, p {}). 배정이나 로깅에 문제가 있을 가능성이 커서 결과를 믿을 수 없습니다.",
                    p_text(*p)
                ),
                (CheckKind::ControlPresent { control }, Lang::En) => {
                    format!("The control variant {control:?} has no units.")
                }
                (CheckKind::ControlPresent { control }, Lang::Ko) => {
                    format!("대조군 {control:?}에 유닛이 없습니다.")
                }
                (CheckKind::KnownVariants { unexpected }, Lang::En) => format!(
                    "Variants not in the intended split: {}.",
                    unexpected.join(", ")
                ),
                (CheckKind::KnownVariants { unexpected }, Lang::Ko) => {
                    format!("의도한 배정에 없는 변형이 있습니다: {}.", unexpected.join(", "))
                }
            });
        }
        lines.push(match lang {
            Lang::En => "No verdict: fix the failed checks first.".to_owned(),
            Lang::Ko => "판정 없음: 실패한 검사를 먼저 해결하세요.".to_owned(),
        });
        return lines;
    }
    let Some(verdict) = &report.verdict else {
        return lines;
    };
    if verdict.provisional {
        lines.push(match lang {
            Lang::En => "Provisional: the planned sample size is not reached yet, and these fixed-horizon p-values are only valid once it is.".to_owned(),
            Lang::Ko => "잠정 결과: 계획한 표본 크기에 아직 도달하지 않았습니다. 고정 표본 p값은 그때가 되어야 유효합니다.".to_owned(),
        });
    }
    for call in &verdict.calls {
        let t = &call.treatment;
        for r in report.results.iter().filter(|r| &r.treatment == t) {
            if r.role == Role::Secondary && r.outcome == Outcome::Flat {
                continue;
            }
            let change = change_text(r, report.confidence, lang);
            let p = p_text(r.adjusted_p);
            lines.push(match (r.outcome, lang) {
                (Outcome::Better, Lang::En) => {
                    format!("{t}: {} improved by {change}, adjusted p {p}.", r.metric)
                }
                (Outcome::Better, Lang::Ko) => {
                    format!("{t}: {} 개선 {change}, 보정 p {p}.", r.metric)
                }
                (Outcome::Worse, Lang::En) => {
                    format!("{t}: {} got worse by {change}, adjusted p {p}.", r.metric)
                }
                (Outcome::Worse, Lang::Ko) => {
                    format!("{t}: {} 악화 {change}, 보정 p {p}.", r.metric)
                }
                (Outcome::Flat, Lang::En) => format!(
                    "{t}: no clear change in {}: {change}, adjusted p {p}.",
                    r.metric
                ),
                (Outcome::Flat, Lang::Ko) => format!(
                    "{t}: {}에 뚜렷한 변화 없음: {change}, 보정 p {p}.",
                    r.metric
                ),
            });
        }
        if !call.guardrails_held.is_empty() {
            lines.push(match lang {
                Lang::En => format!(
                    "{t}: guardrails held ({}).",
                    call.guardrails_held.join(", ")
                ),
                Lang::Ko => format!(
                    "{t}: 가드레일 지표가 유지되었습니다 ({}).",
                    call.guardrails_held.join(", ")
                ),
            });
        }
        lines.push(match (call.decision, lang) {
            (Decision::Ship, Lang::En) => format!("{t}: ship it. A goal improved and nothing got worse."),
            (Decision::Ship, Lang::Ko) => format!("{t}: 출시하세요. 목표 지표가 개선되었고 나빠진 지표가 없습니다."),
            (Decision::DoNotShip, Lang::En) => format!(
                "{t}: do not ship. {} got worse.",
                call.worsened.join(", ")
            ),
            (Decision::DoNotShip, Lang::Ko) => format!(
                "{t}: 출시하지 마세요. {} 지표가 나빠졌습니다.",
                call.worsened.join(", ")
            ),
            (Decision::Inconclusive, Lang::En) => format!(
                "{t}: inconclusive. No goal moved clearly; run longer or accept that the effect is smaller than this test can see."
            ),
            (Decision::Inconclusive, Lang::Ko) => format!(
                "{t}: 결론 없음. 목표 지표에 뚜렷한 변화가 없습니다. 더 오래 실행하거나, 효과가 이 실험으로 볼 수 있는 것보다 작다고 받아들이세요."
            ),
        });
    }
    lines
}

/// A Plan cell: sample size, power and minimum detectable effect for a two-arm test, and a ramp.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanSpec {
    pub metric: PlanMetric,
    /// Two-sided significance level.
    #[serde(default = "default_alpha")]
    pub alpha: f64,
    #[serde(default = "default_power")]
    pub power: f64,
    /// The smallest change worth detecting, relative to the baseline (0.05 = +5%).
    pub effect: f64,
    /// A given size per arm, to report the power and detectable effect it gives.
    #[serde(default)]
    pub per_arm: Option<u64>,
    /// Eligible units a day, for the ramp.
    #[serde(default)]
    pub daily_traffic: Option<u64>,
    /// The ramp's shares of traffic in the test (split equally between the two arms).
    #[serde(default = "default_stages")]
    pub stages: Vec<f64>,
    /// How long each stage runs, for the effect it can detect.
    #[serde(default = "default_stage_days")]
    pub stage_days: u32,
}

fn default_alpha() -> f64 {
    0.05
}
fn default_power() -> f64 {
    0.8
}
fn default_stages() -> Vec<f64> {
    vec![0.05, 0.10, 0.20, 0.50]
}
fn default_stage_days() -> u32 {
    7
}

impl PlanSpec {
    pub fn new(metric: PlanMetric, effect: f64) -> Self {
        PlanSpec {
            metric,
            alpha: default_alpha(),
            power: default_power(),
            effect,
            per_arm: None,
            daily_traffic: None,
            stages: default_stages(),
            stage_days: default_stage_days(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PlanMetric {
    /// A rate with this baseline (0.1 = 10%).
    Proportion { baseline: f64 },
    /// A mean with this baseline and standard deviation per unit.
    Mean { baseline: f64, sd: f64 },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanReport {
    /// Units per arm to detect `effect` with `power` at `alpha`.
    pub per_arm: u64,
    /// The standardised effect (Cohen's h for rates, d for means).
    pub standardised_effect: f64,
    /// With the given `per_arm`: the power for `effect`, and the smallest relative effect
    /// detectable with `power`.
    pub given: Option<Given>,
    pub stages: Vec<Stage>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Given {
    pub per_arm: u64,
    pub power: f64,
    pub detectable: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stage {
    pub share: f64,
    pub per_arm_per_day: f64,
    /// Days for this stage alone to reach `per_arm`.
    pub days_needed: u64,
    /// The smallest relative effect detectable (at `power`) after `stage_days`.
    pub detectable: f64,
}

/// Why an Experiment or Plan cell cannot run as set up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum ExperimentError {
    /// The input table has no such column.
    MissingColumn {
        column: String,
    },
    /// A metric's column holds text or dates, not numbers.
    NotNumeric {
        column: String,
    },
    /// A binomial metric's column holds a value other than 0 and 1.
    NotBinary {
        column: String,
        value: f64,
    },
    NoMetrics,
    /// The unit and variant columns must be set.
    NoUnitOrVariant,
    /// A setting is out of its range; the text names the setting and what it allows.
    OutOfRange {
        setting: Setting,
    },
    /// CUPED needs a per-unit outcome: binomial or mean metrics.
    CupedOnRatio {
        metric: String,
    },
    /// The table's columns could not be read as asked (polars' message).
    Table {
        message: String,
    },
    /// No Metric cell defines a metric of this name.
    UnknownMetric {
        metric: String,
    },
    /// A defined metric's source table has no column named like the experiment's unit.
    MetricWithoutUnit {
        metric: String,
        table: String,
        unit: String,
    },
}

/// The settings of Experiment and Plan cells that have a range, each with the rule it broke,
/// so the message can be written whole in each language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "setting", rename_all = "snake_case")]
pub enum Setting {
    /// Confidence level: between 0.5 and 1.
    Confidence,
    /// A split weight: a positive number.
    Weight { variant: String },
    /// Planned units per arm: at least 1.
    PlannedPerArm,
    /// Significance level: between 0 and 0.5.
    Alpha,
    /// Power: between alpha and 1.
    Power,
    /// The effect: a relative change other than 0, above −100%.
    Effect,
    /// The effect would take the rate to 100% or more.
    EffectBeyondRate,
    /// The effect is too small to compute a sample size for.
    EffectTooSmall,
    /// A baseline rate: between 0 and 1.
    BaselineRate,
    /// A baseline mean other than 0 and a positive standard deviation.
    BaselineMean,
    /// A ramp stage's share: above 0% and at most 100%.
    StageShare,
}

impl Setting {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Setting::Confidence, Lang::En) => {
                "confidence must be between 0.5 and 1 (0.95 is usual)".to_owned()
            }
            (Setting::Confidence, Lang::Ko) => {
                "신뢰 수준은 0.5와 1 사이여야 합니다 (보통 0.95)".to_owned()
            }
            (Setting::Weight { variant }, Lang::En) => {
                format!("the weight of {variant:?} must be a positive number")
            }
            (Setting::Weight { variant }, Lang::Ko) => {
                format!("{variant:?}의 비중은 양수여야 합니다")
            }
            (Setting::PlannedPerArm, Lang::En) => {
                "the planned sample size must be at least 1".to_owned()
            }
            (Setting::PlannedPerArm, Lang::Ko) => {
                "계획한 표본 크기는 1 이상이어야 합니다".to_owned()
            }
            (Setting::Alpha, Lang::En) => {
                "alpha must be between 0 and 0.5 (0.05 is usual)".to_owned()
            }
            (Setting::Alpha, Lang::Ko) => {
                "유의 수준(알파)은 0과 0.5 사이여야 합니다 (보통 0.05)".to_owned()
            }
            (Setting::Power, Lang::En) => {
                "power must be between alpha and 1 (0.8 is usual)".to_owned()
            }
            (Setting::Power, Lang::Ko) => "검정력은 알파와 1 사이여야 합니다 (보통 0.8)".to_owned(),
            (Setting::Effect, Lang::En) => {
                "the effect must be a relative change other than 0, above −100% (0.05 = +5%)"
                    .to_owned()
            }
            (Setting::Effect, Lang::Ko) => {
                "효과는 0이 아니고 −100%보다 큰 상대 변화여야 합니다 (0.05 = +5%)".to_owned()
            }
            (Setting::EffectBeyondRate, Lang::En) => {
                "the effect must be small enough to keep the rate below 100%".to_owned()
            }
            (Setting::EffectBeyondRate, Lang::Ko) => {
                "효과를 더한 비율이 100% 미만이 되도록 효과를 줄이세요".to_owned()
            }
            (Setting::EffectTooSmall, Lang::En) => {
                "the effect must be large enough to be detectable".to_owned()
            }
            (Setting::EffectTooSmall, Lang::Ko) => "효과가 너무 작아 검출할 수 없습니다".to_owned(),
            (Setting::BaselineRate, Lang::En) => {
                "the baseline rate must be between 0 and 1".to_owned()
            }
            (Setting::BaselineRate, Lang::Ko) => "기준 비율은 0과 1 사이여야 합니다".to_owned(),
            (Setting::BaselineMean, Lang::En) => {
                "the baseline must be a non-zero mean with a positive standard deviation".to_owned()
            }
            (Setting::BaselineMean, Lang::Ko) => {
                "기준 평균은 0이 아니고 표준편차는 양수여야 합니다".to_owned()
            }
            (Setting::StageShare, Lang::En) => {
                "each stage's share must be above 0% and at most 100%".to_owned()
            }
            (Setting::StageShare, Lang::Ko) => {
                "단계별 비중은 0%보다 크고 100% 이하여야 합니다".to_owned()
            }
        }
    }
}

/// "the table has no column …", for every cell kind that names columns.
pub fn missing_column(column: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("the table has no column {column:?}"),
        Lang::Ko => format!("표에 {column:?} 열이 없습니다"),
    }
}

impl ExperimentError {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (ExperimentError::MissingColumn { column }, lang) => missing_column(column, lang),
            (ExperimentError::NotNumeric { column }, Lang::En) => {
                format!("the column {column:?} does not hold numbers")
            }
            (ExperimentError::NotNumeric { column }, Lang::Ko) => {
                format!("{column:?} 열에 숫자가 아닌 값이 있습니다")
            }
            (ExperimentError::NotBinary { column, value }, Lang::En) => format!(
                "a binomial metric needs 0 and 1 only, but {column:?} holds {}",
                short_number(*value)
            ),
            (ExperimentError::NotBinary { column, value }, Lang::Ko) => format!(
                "이항 지표는 0과 1만 쓸 수 있는데 {column:?} 열에 {}이(가) 있습니다",
                short_number(*value)
            ),
            (ExperimentError::NoMetrics, Lang::En) => "add at least one metric".to_owned(),
            (ExperimentError::NoMetrics, Lang::Ko) => "지표를 하나 이상 추가하세요".to_owned(),
            (ExperimentError::NoUnitOrVariant, Lang::En) => {
                "choose the unit id column and the variant column".to_owned()
            }
            (ExperimentError::NoUnitOrVariant, Lang::Ko) => {
                "유닛 ID 열과 변형 열을 고르세요".to_owned()
            }
            (ExperimentError::OutOfRange { setting }, lang) => setting.text(lang),
            (ExperimentError::CupedOnRatio { metric }, Lang::En) => {
                format!("CUPED adjusts binomial and mean metrics; {metric:?} is a ratio")
            }
            (ExperimentError::CupedOnRatio { metric }, Lang::Ko) => {
                format!(
                    "CUPED는 이항·평균 지표에만 쓸 수 있습니다. {metric:?}은(는) 비율 지표입니다"
                )
            }
            (ExperimentError::UnknownMetric { metric }, Lang::En) => {
                format!("no Metric cell defines a metric named {metric:?}")
            }
            (ExperimentError::UnknownMetric { metric }, Lang::Ko) => {
                format!("{metric:?}라는 지표를 정의한 지표 셀이 없습니다")
            }
            (
                ExperimentError::MetricWithoutUnit {
                    metric,
                    table,
                    unit,
                },
                Lang::En,
            ) => format!(
                "the metric {metric:?} comes from {table:?}, which has no unit column {unit:?} to \
                 compute it per unit"
            ),
            (
                ExperimentError::MetricWithoutUnit {
                    metric,
                    table,
                    unit,
                },
                Lang::Ko,
            ) => format!(
                "지표 {metric:?}의 원본 표 {table:?}에 유닛 열 {unit:?}이 없어 유닛별로 계산할 수 없습니다"
            ),
            (ExperimentError::Table { message }, Lang::En) => {
                format!("the table could not be read: {message}")
            }
            (ExperimentError::Table { message }, Lang::Ko) => {
                format!("표를 읽을 수 없습니다: {message}")
            }
        }
    }
}
