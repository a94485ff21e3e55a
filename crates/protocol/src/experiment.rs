//! A/B tests: what an Experiment cell asks (the spec, saved in notebooks) and what the engine
//! answers (the report, recomputed on every run). A Plan cell's sample-size and ramp
//! arithmetic has its spec and report here too. The verdict in words, in English and Korean,
//! is `quire_words::verdict_lines`.
//!
//! The statistics themselves live in the engine (`quire_engine::experiment`); this module is
//! the vocabulary the page, the CLI and the tests share.

use serde::{Deserialize, Serialize};

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
    /// A defined metric cannot be computed per unit, for the metric's own reason.
    DefinedMetric {
        metric: String,
        reason: crate::metric::MetricError,
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
