//! Models: what a Model cell asks (the spec, saved in notebooks), what the engine answers (the
//! report, recomputed on every run), and the model people take away (the [`ModelExport`], a JSON
//! file the CLI applies to new data).
//!
//! The fitting itself lives in the engine (`quire_engine::model`); this module is the vocabulary
//! the page, the CLI and the tests share.

use serde::{Deserialize, Serialize};

use crate::chart::ChartData;
use crate::experiment::{Lang, missing_column, short_number};
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
    /// read as text, say): `expected` is "numbers" or "text".
    WrongKind {
        column: String,
        expected: String,
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

impl ModelSetting {
    pub fn text(&self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ModelSetting::Confidence, Lang::En) => {
                "confidence must be between 0.5 and 1 (0.95 is usual)"
            }
            (ModelSetting::Confidence, Lang::Ko) => {
                "신뢰 수준은 0.5와 1 사이여야 합니다 (보통 0.95)"
            }
            (ModelSetting::TestShare, Lang::En) => {
                "the test share must be between 0 and 0.9 (0.2 is usual)"
            }
            (ModelSetting::TestShare, Lang::Ko) => {
                "테스트 비율은 0과 0.9 사이여야 합니다 (보통 0.2)"
            }
            (ModelSetting::Folds, Lang::En) => "folds must be 0 (off) or from 2 to 20",
            (ModelSetting::Folds, Lang::Ko) => "폴드 수는 0(끔)이거나 2에서 20 사이여야 합니다",
            (ModelSetting::Threshold, Lang::En) => "the threshold must be between 0 and 1",
            (ModelSetting::Threshold, Lang::Ko) => "임계값은 0과 1 사이여야 합니다",
            (ModelSetting::L2, Lang::En) => "the L2 penalty must be 0 or more",
            (ModelSetting::L2, Lang::Ko) => "L2 벌점은 0 이상이어야 합니다",
            (ModelSetting::K, Lang::En) => {
                "k must be from 1 to 50 and smaller than the number of rows"
            }
            (ModelSetting::K, Lang::Ko) => "k는 1에서 50 사이이고 행 수보다 작아야 합니다",
            (ModelSetting::Prior, Lang::En) => "the prior precision must be above 0 (1 is usual)",
            (ModelSetting::Prior, Lang::Ko) => "사전 정밀도는 0보다 커야 합니다 (보통 1)",
        }
    }
}

impl ModelError {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (ModelError::NoTarget, Lang::En) => "choose the column to predict".to_owned(),
            (ModelError::NoTarget, Lang::Ko) => "예측할 열을 고르세요".to_owned(),
            (ModelError::NoFeatures, Lang::En) => "add at least one feature column".to_owned(),
            (ModelError::NoFeatures, Lang::Ko) => "특성 열을 하나 이상 추가하세요".to_owned(),
            (ModelError::MissingColumn { column }, lang) => missing_column(column, lang),
            (ModelError::NotNumeric { column }, Lang::En) => {
                format!("a linear regression predicts numbers, but {column:?} does not hold numbers")
            }
            (ModelError::NotNumeric { column }, Lang::Ko) => {
                format!("선형 회귀는 숫자를 예측하는데 {column:?} 열은 숫자가 아닙니다")
            }
            (ModelError::NotBinary { column, value }, Lang::En) => format!(
                "a logistic model predicts 0/1 or true/false, but {column:?} holds {value:?}"
            ),
            (ModelError::NotBinary { column, value }, Lang::Ko) => format!(
                "로지스틱 모델은 0/1 또는 true/false를 예측하는데 {column:?} 열에 {value:?}이(가) 있습니다"
            ),
            (ModelError::UnusableFeature { column }, Lang::En) => format!(
                "{column:?} holds dates or times; derive a number from it first (days since an event, a weekday…)"
            ),
            (ModelError::UnusableFeature { column }, Lang::Ko) => format!(
                "{column:?} 열은 날짜·시간입니다. 먼저 숫자로 바꾸세요 (경과 일수, 요일 등)"
            ),
            (ModelError::UnsupportedFeature { column, dtype }, Lang::En) => {
                format!("{column:?} holds {dtype} values, which a model cannot use")
            }
            (ModelError::UnsupportedFeature { column, dtype }, Lang::Ko) => {
                format!("{column:?} 열은 {dtype} 값이라 모델에 쓸 수 없습니다")
            }
            (ModelError::Infinite { column }, Lang::En) => format!(
                "{column:?} holds infinite values (±∞); replace or filter them first (a Clean step)"
            ),
            (ModelError::Infinite { column }, Lang::Ko) => format!(
                "{column:?} 열에 무한대(±∞) 값이 있습니다. 먼저 바꾸거나 걸러 내세요 (정제 단계)"
            ),
            (ModelError::ExactFit, Lang::En) => "the target is an exact linear function of the features (every residual is 0), so there is no error to estimate from".to_owned(),
            (ModelError::ExactFit, Lang::Ko) => "대상이 특성들의 정확한 선형 함수라(잔차가 모두 0) 오차를 추정할 수 없습니다".to_owned(),
            (ModelError::WrongKind { column, expected }, Lang::En) => format!(
                "the model was fitted on {column:?} as {expected}, but this file's {column:?} reads otherwise"
            ),
            (ModelError::WrongKind { column, expected }, Lang::Ko) => format!(
                "모델은 {column:?} 열을 {expected}(으)로 학습했는데 이 파일의 {column:?} 열은 그렇지 않습니다"
            ),
            (ModelError::TooManyLevels { column, levels }, Lang::En) => format!(
                "{column:?} has {levels} different values: too many for one-hot encoding (is it an id?)"
            ),
            (ModelError::TooManyLevels { column, levels }, Lang::Ko) => format!(
                "{column:?} 열의 값이 {levels}가지로 원-핫 인코딩에 너무 많습니다 (ID 열인가요?)"
            ),
            (ModelError::TargetIsFeature { column }, Lang::En) => {
                format!("{column:?} is the target; it cannot also be a feature")
            }
            (ModelError::TargetIsFeature { column }, Lang::Ko) => {
                format!("{column:?}은(는) 예측 대상이라 특성으로 쓸 수 없습니다")
            }
            (ModelError::TooFewRows { rows, parameters }, Lang::En) => format!(
                "{rows} usable rows are too few to estimate {parameters} parameters"
            ),
            (ModelError::TooFewRows { rows, parameters }, Lang::Ko) => format!(
                "쓸 수 있는 행 {rows}개로는 모수 {parameters}개를 추정할 수 없습니다"
            ),
            (ModelError::Collinear { term }, Lang::En) => format!(
                "{term:?} is constant or a linear combination of the other features; remove it"
            ),
            (ModelError::Collinear { term }, Lang::Ko) => {
                format!("{term:?}은(는) 상수이거나 다른 특성들의 선형 결합입니다. 빼 주세요")
            }
            (ModelError::PerfectSeparation { term: Some(term) }, Lang::En) => format!(
                "{term:?} separates the classes perfectly, so the coefficients are infinite; drop it or add an L2 penalty"
            ),
            (ModelError::PerfectSeparation { term: Some(term) }, Lang::Ko) => format!(
                "{term:?}이(가) 두 클래스를 완벽히 갈라 계수가 무한대가 됩니다. 빼거나 L2 벌점을 주세요"
            ),
            (ModelError::PerfectSeparation { term: None }, Lang::En) => {
                "the features separate the classes perfectly, so the coefficients are infinite; add an L2 penalty".to_owned()
            }
            (ModelError::PerfectSeparation { term: None }, Lang::Ko) => {
                "특성들이 두 클래스를 완벽히 갈라 계수가 무한대가 됩니다. L2 벌점을 주세요".to_owned()
            }
            (ModelError::ConstantTarget { column }, Lang::En) => {
                format!("{column:?} has one value only: there is nothing to predict")
            }
            (ModelError::ConstantTarget { column }, Lang::Ko) => {
                format!("{column:?} 열의 값이 하나뿐이라 예측할 것이 없습니다")
            }
            (ModelError::EmptySplit { train, test }, Lang::En) => format!(
                "the split leaves {train} training and {test} test rows; both need some"
            ),
            (ModelError::EmptySplit { train, test }, Lang::Ko) => format!(
                "분할 결과 학습 {train}행, 테스트 {test}행입니다. 둘 다 있어야 합니다"
            ),
            (ModelError::OutOfRange { setting }, lang) => setting.text(lang).to_owned(),
            (ModelError::BadExport { message }, Lang::En) => {
                format!("not a usable Quire model file: {message}")
            }
            (ModelError::BadExport { message }, Lang::Ko) => {
                format!("쓸 수 있는 Quire 모델 파일이 아닙니다: {message}")
            }
            (ModelError::Table { message }, Lang::En) => {
                format!("the table could not be read: {message}")
            }
            (ModelError::Table { message }, Lang::Ko) => format!("표를 읽을 수 없습니다: {message}"),
        }
    }
}

impl ModelWarning {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (ModelWarning::NotConverged { iterations }, Lang::En) => format!(
                "the fit did not converge in {iterations} iterations; treat the figures with care"
            ),
            (ModelWarning::NotConverged { iterations }, Lang::Ko) => {
                format!("{iterations}번 반복해도 수렴하지 않았습니다. 결과를 조심해서 보세요")
            }
            (ModelWarning::QuasiSeparation { rows, term }, Lang::En) => format!(
                "{rows} rows are predicted with certainty{}: their coefficients are unstable and their intervals mean little",
                term.as_ref()
                    .map(|t| format!(" (by {t:?})"))
                    .unwrap_or_default()
            ),
            (ModelWarning::QuasiSeparation { rows, term }, Lang::Ko) => format!(
                "{rows}개 행이 확률 0 또는 1로 예측됩니다{}. 해당 계수는 불안정하고 구간은 의미가 약합니다",
                term.as_ref()
                    .map(|t| format!(" ({t:?} 때문)"))
                    .unwrap_or_default()
            ),
            (ModelWarning::UnseenLevel { column, rows }, Lang::En) => format!(
                "{rows} test rows hold a value of {column:?} the training rows never did; they were scored as the reference level"
            ),
            (ModelWarning::UnseenLevel { column, rows }, Lang::Ko) => format!(
                "테스트 {rows}개 행의 {column:?} 값이 학습 데이터에 없어 기준 수준으로 계산했습니다"
            ),
            (ModelWarning::FewEvents { events, non_events }, Lang::En) => format!(
                "only {events} events and {non_events} non-events: intervals and scores are unreliable"
            ),
            (ModelWarning::FewEvents { events, non_events }, Lang::Ko) => format!(
                "사건 {events}건, 비사건 {non_events}건뿐이라 구간과 점수를 믿기 어렵습니다"
            ),
            (ModelWarning::SmallTest { rows }, Lang::En) => {
                format!("the test set has only {rows} rows: its scores vary a lot")
            }
            (ModelWarning::SmallTest { rows }, Lang::Ko) => {
                format!("테스트 데이터가 {rows}행뿐이라 점수의 변동이 큽니다")
            }
            (ModelWarning::KMeansNotConverged { iterations }, Lang::En) => {
                format!("k-means stopped after {iterations} iterations without settling")
            }
            (ModelWarning::KMeansNotConverged { iterations }, Lang::Ko) => {
                format!("k-평균이 {iterations}번 반복 후에도 안정되지 않았습니다")
            }
            (ModelWarning::FoldSkipped { fold }, Lang::En) => {
                format!("fold {fold} could not be scored (one class only, or too few rows)")
            }
            (ModelWarning::FoldSkipped { fold }, Lang::Ko) => {
                format!("{fold}번 폴드는 계산하지 못했습니다 (한 클래스뿐이거나 행이 너무 적음)")
            }
        }
    }
}

/// The report in a sentence or two, for a class or a product manager.
pub fn summary_lines(report: &ModelReport, lang: Lang) -> Vec<String> {
    let mut lines = Vec::new();
    let pct = |x: f64| format!("{:.1}%", 100.0 * x);
    match (&report.fit, lang) {
        (Fit::Linear(f), Lang::En) => lines.push(format!(
            "On the {} training rows the features explain {} of the variation in the target (adjusted R² {}).",
            f.n,
            pct(f.r2),
            short_number(f.adj_r2)
        )),
        (Fit::Linear(f), Lang::Ko) => lines.push(format!(
            "학습 데이터 {}행에서 특성들이 대상 변동의 {}를 설명합니다 (수정 R² {}).",
            f.n,
            pct(f.r2),
            short_number(f.adj_r2)
        )),
        (Fit::Logistic(f), Lang::En) => lines.push(format!(
            "On the {} training rows the model's McFadden pseudo-R² is {}{}.",
            f.n,
            short_number(f.pseudo_r2),
            if f.converged { "" } else { " (not converged)" }
        )),
        (Fit::Logistic(f), Lang::Ko) => lines.push(format!(
            "학습 데이터 {}행에서 McFadden 유사 R²는 {}입니다{}.",
            f.n,
            short_number(f.pseudo_r2),
            if f.converged { "" } else { " (수렴하지 않음)" }
        )),
        (Fit::KMeans(f), lang) => {
            let sizes = f
                .sizes
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            let wcss = short_number(f.wcss);
            lines.push(match lang {
                Lang::En => format!(
                    "{} clusters of {sizes} units; within-cluster sum of squares {wcss}.",
                    f.k
                ),
                Lang::Ko => format!("군집 {}개, 크기 {sizes}; 군집 내 제곱합 {wcss}.", f.k),
            });
        }
        (Fit::Online(f), Lang::En) => lines.push(format!(
            "{} batches, each predicted before the model learned from it: log loss {} overall.",
            f.batches.len(),
            short_number(f.log_loss)
        )),
        (Fit::Online(f), Lang::Ko) => lines.push(format!(
            "배치 {}개를 학습 전에 먼저 예측했습니다: 전체 로그 손실 {}.",
            f.batches.len(),
            short_number(f.log_loss)
        )),
    }
    match (&report.test, lang) {
        (Some(Scores::Regression(s)), Lang::En) => lines.push(format!(
            "On {} held-out rows it is off by {} on average (RMSE {}, R² {}).",
            s.n,
            short_number(s.mae),
            short_number(s.rmse),
            short_number(s.r2)
        )),
        (Some(Scores::Regression(s)), Lang::Ko) => lines.push(format!(
            "따로 둔 {}행에서 평균 {}만큼 빗나갑니다 (RMSE {}, R² {}).",
            s.n,
            short_number(s.mae),
            short_number(s.rmse),
            short_number(s.r2)
        )),
        (Some(Scores::Classification(s)), Lang::En) => lines.push(format!(
            "On {} held-out rows it is right {} of the time at threshold {}; it finds {} of the positives, and {} of its positive calls are right (AUC {}).",
            s.n,
            pct(s.accuracy),
            short_number(s.threshold),
            pct(s.recall),
            pct(s.precision),
            s.auc.map_or_else(|| "—".to_owned(), short_number)
        )),
        (Some(Scores::Classification(s)), Lang::Ko) => lines.push(format!(
            "따로 둔 {}행에서 임계값 {} 기준 정확도는 {}이고, 실제 양성의 {}를 찾아내며 양성 예측의 {}가 맞습니다 (AUC {}).",
            s.n,
            short_number(s.threshold),
            pct(s.accuracy),
            pct(s.recall),
            pct(s.precision),
            s.auc.map_or_else(|| "—".to_owned(), short_number)
        )),
        (None, _) => {}
    }
    lines
}
