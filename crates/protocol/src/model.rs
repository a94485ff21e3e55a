//! Models: what a Model cell asks (the spec, saved in notebooks), what the engine answers (the
//! report, recomputed on every run), and the model people take away (the [`ModelExport`], a JSON
//! file the CLI applies to new data).
//!
//! The fitting itself lives in the engine (`quire_engine::model`); this module is the vocabulary
//! the page, the CLI and the tests share.

use serde::{Deserialize, Serialize};

use crate::chart::ChartData;
use crate::metric::Grain;

/// A model as the analyst set it up, over the rows of the cell's input table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelSpec {
    /// The table the cell produces: the input's rows with the model's predictions appended.
    pub name: String,
    pub method: Method,
    /// The column to predict (unused by k-means).
    #[serde(default)]
    pub target: String,
    /// Feature columns: numbers and booleans as they are, text one-hot encoded.
    #[serde(default)]
    pub features: Vec<String>,
    /// Numeric features as z-scores (mean and standard deviation of the training rows).
    #[serde(default)]
    pub standardise: bool,
    #[serde(default)]
    pub missing: Missing,
    #[serde(default)]
    pub split: Split,
    /// k-fold cross-validation over the training rows; 0 is off.
    #[serde(default)]
    pub folds: u32,
    /// Confidence level of coefficient intervals, in (0, 1).
    #[serde(default = "default_confidence")]
    pub confidence: f64,
}

fn default_confidence() -> f64 {
    0.95
}

impl ModelSpec {
    /// A spec of `method` with every option at its default.
    pub fn new(name: &str, method: Method, target: &str, features: &[&str]) -> Self {
        ModelSpec {
            name: name.to_owned(),
            method,
            target: target.to_owned(),
            features: features.iter().map(|f| (*f).to_owned()).collect(),
            standardise: false,
            missing: Missing::Drop,
            split: Split::default(),
            folds: 0,
            confidence: default_confidence(),
        }
    }
}

/// Which model, with the settings only it has.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Method {
    /// Ordinary least squares, solved by a Householder QR decomposition.
    Linear,
    /// Logistic regression by iteratively reweighted least squares. `l2` > 0 penalises every
    /// coefficient but the intercept by `l2/2 · Σβ²` (intervals are then not given).
    Logistic {
        #[serde(default = "half")]
        threshold: f64,
        #[serde(default)]
        l2: f64,
    },
    /// k-means (k-means++ starts, Lloyd's iterations), with the within-cluster sum of squares
    /// of every k from 1 to `max_k` for the elbow chart.
    #[serde(rename = "kmeans")]
    KMeans {
        k: u32,
        #[serde(default)]
        max_k: u32,
        #[serde(default = "default_seed")]
        seed: u64,
    },
    /// A logistic model updated batch by batch in the order of `batch` (a date, datetime,
    /// number or text column; dates grouped by `grain`). Each batch is first predicted with
    /// the model so far, then the model moves to the posterior mode with the previous Laplace
    /// approximation as its prior (starting from N(0, 1/prior)).
    Online {
        batch: String,
        #[serde(default)]
        grain: Option<Grain>,
        #[serde(default = "one")]
        prior: f64,
        #[serde(default = "half")]
        threshold: f64,
    },
}

fn half() -> f64 {
    0.5
}

fn one() -> f64 {
    1.0
}

fn default_seed() -> u64 {
    42
}

impl Method {
    pub fn name(&self) -> &'static str {
        match self {
            Method::Linear => "linear",
            Method::Logistic { .. } => "logistic",
            Method::KMeans { .. } => "kmeans",
            Method::Online { .. } => "online",
        }
    }

    /// The threshold that turns a probability into a predicted class, for classifiers.
    pub fn threshold(&self) -> Option<f64> {
        match self {
            Method::Logistic { threshold, .. } | Method::Online { threshold, .. } => {
                Some(*threshold)
            }
            Method::Linear | Method::KMeans { .. } => None,
        }
    }
}

/// What to do with a row whose feature is missing. Rows without a target are always left out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// Leave the row out (counted in the report).
    #[default]
    Drop,
    /// Fill numbers with the training mean and text with the training mode (counted).
    Impute,
}

/// Which rows the model learns from and which it is scored on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "split", rename_all = "snake_case")]
pub enum Split {
    /// Learn from every row; no test set.
    None,
    /// A seeded random share of the rows is held out (SplitMix64 and Fisher–Yates, so the same
    /// seed picks the same rows everywhere).
    Random { test_share: f64, seed: u64 },
    /// Rows whose `column` equals `test_value` are the test set; the others train.
    Column { column: String, test_value: String },
}

impl Default for Split {
    fn default() -> Self {
        Split::Random {
            test_share: 0.2,
            seed: default_seed(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The report.

/// What a Model cell shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelReport {
    pub rows: Rows,
    /// The design's columns, in the order of the coefficients (after the intercept).
    pub terms: Vec<Term>,
    pub fit: Fit,
    /// Scores on the held-out rows.
    pub test: Option<Scores>,
    pub cv: Option<CrossValidation>,
    pub warnings: Vec<ModelWarning>,
    /// The fitted model as a file for the CLI (`quire predict`).
    pub export: ModelExport,
    /// Diagnostic charts, ready to draw.
    pub charts: Vec<ModelChart>,
}

/// Where the rows went.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rows {
    pub input: u64,
    /// Left out for a missing target.
    pub missing_target: u64,
    /// Left out for a missing feature (with `Missing::Drop`), or, in an online model, a
    /// missing batch.
    pub missing_features: u64,
    /// Rows with at least one feature filled in (with `Missing::Impute`).
    pub imputed: u64,
    pub train: u64,
    pub test: u64,
}

/// One column of the design matrix.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Term {
    /// As shown: the column name, or `column[level]` for a level of a text column.
    pub name: String,
    pub column: String,
    pub encoding: Encoding,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "encoding", rename_all = "snake_case")]
pub enum Encoding {
    /// The value, as `(x − shift) / scale` (0 and 1 unless standardised).
    Numeric { shift: f64, scale: f64 },
    /// 1 when the column holds `level`, else 0; `reference` is the level left out (all zeros).
    Level { level: String, reference: String },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "fit", rename_all = "snake_case")]
pub enum Fit {
    Linear(LinearFit),
    Logistic(LogisticFit),
    KMeans(KMeansFit),
    Online(OnlineFit),
}

/// The name of the intercept in coefficient tables.
pub const INTERCEPT: &str = "(intercept)";

/// A coefficient with its inference; the inference is absent for penalised fits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Coefficient {
    pub name: String,
    pub estimate: f64,
    pub se: Option<f64>,
    /// t (linear) or z (logistic).
    pub statistic: Option<f64>,
    pub p: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinearFit {
    /// The intercept first, then one per term.
    pub coefficients: Vec<Coefficient>,
    pub n: u64,
    pub df_model: f64,
    pub df_resid: f64,
    pub r2: f64,
    pub adj_r2: f64,
    pub f: f64,
    pub f_p: f64,
    pub log_likelihood: f64,
    pub aic: f64,
    pub bic: f64,
    /// The residual standard error.
    pub sigma: f64,
    /// The residual sum of squares.
    pub rss: f64,
    pub confidence: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogisticFit {
    pub coefficients: Vec<Coefficient>,
    pub n: u64,
    pub log_likelihood: f64,
    /// The intercept-only model's.
    pub null_log_likelihood: f64,
    /// McFadden: 1 − ℓ / ℓ₀.
    pub pseudo_r2: f64,
    pub aic: f64,
    pub bic: f64,
    pub iterations: u32,
    pub converged: bool,
    pub l2: f64,
    pub threshold: f64,
    pub confidence: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KMeansFit {
    pub k: u32,
    /// Units per cluster (clusters numbered from 1 in this order).
    pub sizes: Vec<u64>,
    /// Centroids in the features' own units, one row per cluster.
    pub centroids: Vec<Vec<f64>>,
    pub wcss: f64,
    pub iterations: u32,
    pub converged: bool,
    /// Within-cluster sum of squares for k = 1, 2, … (the elbow).
    pub elbow: Vec<(u32, f64)>,
    /// Whether distances were measured on standardised features.
    pub standardised: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OnlineFit {
    pub batches: Vec<Batch>,
    /// Predictions made before each update, over all batches, by tenths of probability.
    pub calibration: Vec<CalibrationBin>,
    /// Log loss of every prediction made before its update.
    pub log_loss: f64,
    /// The model after the last batch (the intercept first).
    pub coefficients: Vec<Coefficient>,
    pub prior: f64,
}

/// One batch of the online model: scored with the model as it was before the batch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Batch {
    pub label: String,
    pub n: u64,
    pub events: u64,
    pub mean_predicted: f64,
    pub observed_rate: f64,
    pub log_loss: f64,
    /// None when the batch has one class only.
    pub auc: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalibrationBin {
    pub low: f64,
    pub high: f64,
    pub n: u64,
    pub mean_predicted: f64,
    pub observed_rate: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "scores", rename_all = "snake_case")]
pub enum Scores {
    Regression(RegressionScores),
    Classification(ClassificationScores),
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegressionScores {
    pub n: u64,
    pub rmse: f64,
    pub mae: f64,
    pub r2: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassificationScores {
    pub n: u64,
    pub threshold: f64,
    pub accuracy: f64,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// None when the rows hold one class only.
    pub auc: Option<f64>,
    pub log_loss: f64,
    pub confusion: Confusion,
}

/// Counts at the threshold: true negatives, false positives, false negatives, true positives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confusion {
    pub tn: u64,
    pub fp: u64,
    #[serde(rename = "fn")]
    pub fn_: u64,
    pub tp: u64,
}

/// k-fold cross-validation: each fold scored by a model fitted on the others (imputation and
/// standardisation included).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CrossValidation {
    pub folds: Vec<Scores>,
    /// Mean and standard deviation over the folds of each score, by name (`rmse`, `auc`…).
    pub summary: Vec<(String, f64, f64)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "warning", rename_all = "snake_case")]
pub enum ModelWarning {
    /// IRLS stopped at its iteration limit.
    NotConverged { iterations: u32 },
    /// Some rows are predicted with certainty (probability 0 or 1): their coefficients run
    /// off to infinity and their intervals mean little. `term` names a level or column that
    /// separates them when one does.
    QuasiSeparation { rows: u64, term: Option<String> },
    /// Test rows hold a level the training rows never did; they were scored as the reference.
    UnseenLevel { column: String, rows: u64 },
    /// Fewer than 10 events or non-events: intervals and scores are unreliable.
    FewEvents { events: u64, non_events: u64 },
    /// The test set is small (under 30 rows): its scores vary a lot.
    SmallTest { rows: u64 },
    /// Lloyd's iterations stopped at their limit.
    KMeansNotConverged { iterations: u32 },
    /// A fold had a single class or too few rows and was not scored.
    FoldSkipped { fold: u32 },
}

/// A diagnostic chart of the report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelChart {
    pub kind: ModelChartKind,
    pub data: ChartData,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelChartKind {
    /// Residuals (y) against fitted values (x).
    ResidualsFitted,
    /// Predicted (y) against actual (x), with the diagonal.
    PredictedActual,
    /// The test set's ROC curve.
    Roc,
    /// Within-cluster sum of squares (y) by k (x).
    Elbow,
    /// Clusters over the first two features.
    Clusters,
    /// Log loss per batch, before each update.
    BatchLoss,
    /// Observed rate (y) against mean prediction (x), by tenths.
    Calibration,
}

// ---------------------------------------------------------------------------------------------
// The model as a file.

/// What `quire predict` needs to apply a model to new rows, and nothing else.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelExport {
    /// Always `"quire-model"`.
    pub format: String,
    pub version: u32,
    pub method: String,
    /// The predicted column (empty for k-means).
    pub target: String,
    /// The design's columns, as in the report.
    pub terms: Vec<Term>,
    /// How missing features are filled: the training mean or mode per column (empty when
    /// rows with missing features are not scored).
    pub impute: Vec<(String, ImputeValue)>,
    /// Intercept first, then one per term (regressions).
    pub coefficients: Vec<f64>,
    /// Classifiers: the probability at and above which the class is 1.
    pub threshold: Option<f64>,
    /// k-means: centroids in the design's units (standardised when the spec said so).
    pub centroids: Vec<Vec<f64>>,
}

pub const EXPORT_FORMAT: &str = "quire-model";
pub const EXPORT_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ImputeValue {
    Number(f64),
    Level(String),
}

// ---------------------------------------------------------------------------------------------
// Errors.

/// Why a Model cell cannot run as set up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum ModelError {
    NoTarget,
    NoFeatures,
    MissingColumn {
        column: String,
    },
    /// The target of a regression holds no numbers.
    NotNumeric {
        column: String,
    },
    /// A classifier's target holds a value other than 0/1 or true/false.
    NotBinary {
        column: String,
        value: String,
    },
    /// A date or datetime feature: a model needs a number derived from it first.
    UnusableFeature {
        column: String,
    },
    /// A feature of a type a model cannot read at all (lists, structs…).
    UnsupportedFeature {
        column: String,
        dtype: String,
    },
    /// A column holds +∞ or −∞, which no fit can use.
    Infinite {
        column: String,
    },
    /// The target is an exact linear function of the features: every residual is 0, so
    /// there is no error left to estimate the coefficients' uncertainty from.
    ExactFit,
    /// A model file's column is of another kind than the model was fitted on (numbers that now
    /// read as text, say).
    WrongKind {
        column: String,
        expected: FeatureKind,
    },
    /// A text feature with so many levels it is probably an id.
    TooManyLevels {
        column: String,
        levels: u64,
    },
    /// The target is also a feature.
    TargetIsFeature {
        column: String,
    },
    /// Too few usable rows to fit `parameters` parameters.
    TooFewRows {
        rows: u64,
        parameters: u64,
    },
    /// A term is a linear combination of the others (or constant): it cannot be estimated.
    Collinear {
        term: String,
    },
    /// The classes are perfectly separated (by `term`, when one column does it alone): the
    /// maximum-likelihood coefficients are infinite. An L2 penalty gives finite ones.
    PerfectSeparation {
        term: Option<String>,
    },
    /// The target has one value only.
    ConstantTarget {
        column: String,
    },
    /// No test rows (or no training rows) with the split as set.
    EmptySplit {
        train: u64,
        test: u64,
    },
    OutOfRange {
        setting: ModelSetting,
    },
    /// A model file that is not a Quire model, or of a newer version.
    BadExport {
        message: String,
    },
    /// The table could not be read as asked (polars' message).
    Table {
        message: String,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelSetting {
    /// Confidence: between 0.5 and 1.
    Confidence,
    /// Test share: between 0 and 0.9.
    TestShare,
    /// Folds: 0 (off) or 2 to 20.
    Folds,
    /// Threshold: between 0 and 1.
    Threshold,
    /// L2 penalty: 0 or more.
    L2,
    /// k: 1 to 50, and below the number of rows.
    K,
    /// The prior precision: above 0.
    Prior,
}

/// What a model's feature column held when it was fitted: numbers, or text (levels).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeatureKind {
    Numbers,
    Text,
}
