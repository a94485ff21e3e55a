//! Model cells: linear and logistic regression, k-means and an online logistic model, with an
//! honest evaluation (a held-out test set, k-fold cross-validation) and a model file the CLI
//! applies to new data.
//!
//! - [`design`]: columns → design matrix (one-hot, imputation, standardisation) and the seeded
//!   split;
//! - [`qr`]: least squares by Householder QR, a block of rows at a time;
//! - [`regression`]: OLS and IRLS with statsmodels' figures;
//! - [`kmeans`], [`online`], [`scores`].

pub mod design;
pub mod kmeans;
pub mod online;
pub mod qr;
pub mod regression;
pub mod scores;

use std::collections::HashSet;

use polars::prelude::*;
use quire_numerics::{bin_scatter, lttb, roc};
use quire_protocol::chart::{ChartData, Sampled, XAxis, XySeries};
use quire_protocol::metric::Grain;
use quire_protocol::model::{
    EXPORT_FORMAT, EXPORT_VERSION, Encoding, FeatureKind, Fit, ImputeValue, KMeansFit, Method,
    Missing, ModelChart, ModelChartKind, ModelError, ModelExport, ModelReport, ModelSetting,
    ModelSpec, ModelWarning, OnlineFit, Rows, Scores, Split, Term,
};

use super::{Kind, Ran, Reads, Run, swap};
use crate::cells::schema_of;
use design::{Encoded, Matrix, Raw, encode, fit_encoder, partition, pick, read_feature};
use quire_protocol::kinds;
use quire_protocol::notebook::{CellError, CellOutput};

type Result<T> = std::result::Result<T, ModelError>;

/// Points a diagnostic scatter carries before it is binned.
const SCATTER_POINTS: usize = 4_000;
/// Points a curve carries (ROC).
const CURVE_POINTS: usize = 2_000;

/// Fits the model of `spec` on `frame`: the table of predictions (the input with columns
/// appended) and the report.
pub fn fit(frame: &DataFrame, spec: &ModelSpec) -> Result<(DataFrame, ModelReport)> {
    validate(spec)?;
    let names = feature_names(spec)?;
    let raws = names
        .iter()
        .map(|n| read_feature(frame, n))
        .collect::<Result<Vec<_>>>()?;
    match &spec.method {
        Method::Linear | Method::Logistic { .. } => supervised(frame, spec, &names, &raws),
        Method::KMeans { k, max_k, seed } => clusters(
            frame,
            spec,
            &names,
            &raws,
            *k as usize,
            *max_k as usize,
            *seed,
        ),
        Method::Online {
            batch,
            grain,
            prior,
            threshold,
        } => online_fit(
            frame, spec, &names, &raws, batch, *grain, *prior, *threshold,
        ),
    }
}

fn out_of_range(setting: ModelSetting) -> ModelError {
    ModelError::OutOfRange { setting }
}

fn validate(spec: &ModelSpec) -> Result<()> {
    if !(0.5..1.0).contains(&spec.confidence) {
        return Err(out_of_range(ModelSetting::Confidence));
    }
    if let Split::Random { test_share, .. } = spec.split
        && !(0.0..=0.9).contains(&test_share)
    {
        return Err(out_of_range(ModelSetting::TestShare));
    }
    if spec.folds == 1 || spec.folds > 20 {
        return Err(out_of_range(ModelSetting::Folds));
    }
    match &spec.method {
        Method::Linear => {}
        Method::Logistic { threshold, l2 } => {
            if !(*threshold > 0.0 && *threshold < 1.0) {
                return Err(out_of_range(ModelSetting::Threshold));
            }
            if !(*l2 >= 0.0 && l2.is_finite()) {
                return Err(out_of_range(ModelSetting::L2));
            }
        }
        Method::KMeans { k, max_k, .. } => {
            if !(1..=50).contains(k) || *max_k > 50 {
                return Err(out_of_range(ModelSetting::K));
            }
        }
        Method::Online {
            prior, threshold, ..
        } => {
            if !(*prior > 0.0 && prior.is_finite()) {
                return Err(out_of_range(ModelSetting::Prior));
            }
            if !(*threshold > 0.0 && *threshold < 1.0) {
                return Err(out_of_range(ModelSetting::Threshold));
            }
        }
    }
    Ok(())
}

/// The features, trimmed, without blanks and repeats; never the target.
fn feature_names(spec: &ModelSpec) -> Result<Vec<String>> {
    let target = spec.target.trim();
    let needs_target = !matches!(spec.method, Method::KMeans { .. });
    if needs_target && target.is_empty() {
        return Err(ModelError::NoTarget);
    }
    let mut seen = HashSet::new();
    let mut names = Vec::new();
    for f in spec
        .features
        .iter()
        .map(|f| f.trim())
        .filter(|f| !f.is_empty())
    {
        if needs_target && f == target {
            return Err(ModelError::TargetIsFeature {
                column: f.to_owned(),
            });
        }
        if seen.insert(f) {
            names.push(f.to_owned());
        }
    }
    if names.is_empty() {
        return Err(ModelError::NoFeatures);
    }
    Ok(names)
}

/// The target as numbers (NaN for missing): any numbers for a regression, 0/1 or booleans for
/// a classifier.
fn target(frame: &DataFrame, column: &str, binary: bool) -> Result<Vec<f64>> {
    let Some(values) = design::numbers(frame, column)? else {
        let first = design::texts(frame, column)?.into_iter().flatten().next();
        return Err(if binary {
            ModelError::NotBinary {
                column: column.to_owned(),
                value: first.unwrap_or_default(),
            }
        } else {
            ModelError::NotNumeric {
                column: column.to_owned(),
            }
        });
    };
    design::refuse_infinite(&values, column)?;
    if binary
        && let Some(bad) = values
            .iter()
            .find(|v| !v.is_nan() && **v != 0.0 && **v != 1.0)
    {
        return Err(ModelError::NotBinary {
            column: column.to_owned(),
            value: quire_protocol::experiment::short_number(*bad),
        });
    }
    Ok(values)
}

/// The rows a model can use: a target (when it has one) and, unless imputing, every feature.
fn usable_rows(
    height: usize,
    y: Option<&[f64]>,
    raws: &[Raw],
    missing: Missing,
    rows: &mut Rows,
) -> Vec<usize> {
    rows.input = height as u64;
    (0..height)
        .filter(|&r| {
            if y.is_some_and(|y| y[r].is_nan()) {
                rows.missing_target += 1;
                return false;
            }
            if missing == Missing::Drop && raws.iter().any(|raw| raw.missing(r)) {
                rows.missing_features += 1;
                return false;
            }
            true
        })
        .collect()
}

fn take(values: &[f64], at: &[usize]) -> Vec<f64> {
    at.iter().map(|&r| values[r]).collect()
}

/// A fitted regression: coefficients and, for classifiers, the threshold.
struct Fitted {
    fit: Fit,
    coefficients: Vec<f64>,
    warnings: Vec<ModelWarning>,
}

fn fit_regression(
    method: &Method,
    x: &Matrix,
    y: &[f64],
    terms: &[Term],
    confidence: f64,
) -> Result<Fitted> {
    match method {
        Method::Logistic { threshold, l2 } => {
            let fit = regression::logistic(x, y, terms, *l2)?;
            let mut warnings = Vec::new();
            if !fit.converged {
                warnings.push(ModelWarning::NotConverged {
                    iterations: fit.iterations,
                });
            }
            if fit.certain > 0 && *l2 == 0.0 {
                let term = match regression::separation(x, y, terms) {
                    Some(
                        regression::Separation::Partial(t) | regression::Separation::Complete(t),
                    ) => Some(t),
                    None => None,
                };
                warnings.push(ModelWarning::QuasiSeparation {
                    rows: fit.certain,
                    term,
                });
            }
            let events = fit.events as u64;
            let non_events = (fit.n - fit.events) as u64;
            if events < 10 || non_events < 10 {
                warnings.push(ModelWarning::FewEvents { events, non_events });
            }
            let report = regression::logistic_fit(&fit, terms, *l2, *threshold, confidence);
            Ok(Fitted {
                coefficients: fit.beta,
                fit: Fit::Logistic(report),
                warnings,
            })
        }
        _ => {
            let fit = regression::ols(x, y, terms)?;
            Ok(Fitted {
                fit: Fit::Linear(regression::linear_fit(&fit, terms, confidence)),
                coefficients: fit.beta,
                warnings: Vec::new(),
            })
        }
    }
}

/// Predictions of a regression export for design rows (probabilities for classifiers).
fn predict_rows(export: &ModelExport, x: &Matrix) -> Vec<f64> {
    let eta = regression::linear_predictor(x, &export.coefficients);
    if export.threshold.is_some() {
        eta.into_iter().map(regression::sigmoid).collect()
    } else {
        eta
    }
}

fn export_of(
    method: &Method,
    target: &str,
    terms: &[Term],
    fills: &[(String, ImputeValue)],
    coefficients: Vec<f64>,
    centroids: Vec<Vec<f64>>,
) -> ModelExport {
    ModelExport {
        format: EXPORT_FORMAT.to_owned(),
        version: EXPORT_VERSION,
        method: method.name().to_owned(),
        target: target.to_owned(),
        terms: terms.to_vec(),
        impute: fills.to_vec(),
        coefficients,
        threshold: method.threshold(),
        centroids,
    }
}

fn supervised(
    frame: &DataFrame,
    spec: &ModelSpec,
    names: &[String],
    raws: &[Raw],
) -> Result<(DataFrame, ModelReport)> {
    let binary = matches!(spec.method, Method::Logistic { .. });
    let target_name = spec.target.trim();
    let y = target(frame, target_name, binary)?;
    let mut rows = Rows::default();
    let used = usable_rows(frame.height(), Some(&y), raws, spec.missing, &mut rows);
    if used.is_empty() {
        return Err(ModelError::TooFewRows {
            rows: 0,
            parameters: names.len() as u64 + 1,
        });
    }
    let split_values = match &spec.split {
        Split::Column { column, .. } => Some(design::texts(frame, column.trim())?),
        _ => None,
    };
    let part = partition(&used, &spec.split, split_values.as_deref(), spec.folds);
    let train: Vec<usize> = part.train.iter().map(|&k| used[k]).collect();
    let test: Vec<usize> = part.test.iter().map(|&k| used[k]).collect();
    let wants_test = match &spec.split {
        Split::None => false,
        Split::Random { test_share, .. } => *test_share > 0.0,
        Split::Column { .. } => true,
    };
    if train.is_empty() || (wants_test && test.is_empty()) {
        return Err(ModelError::EmptySplit {
            train: train.len() as u64,
            test: test.len() as u64,
        });
    }
    rows.train = train.len() as u64;
    rows.test = test.len() as u64;
    let impute = spec.missing == Missing::Impute;
    let (terms, fills) = fit_encoder(names, raws, &train, spec.standardise, impute)?;
    // Every row encoded once: the training rows are picked from it (or are all of it).
    let all: Vec<usize> = (0..frame.height()).collect();
    let everyone = encode(&terms, &fills, names, raws, &all);
    let picked;
    let x_train = if train.len() == all.len() {
        &everyone.matrix
    } else {
        picked = pick(&everyone.matrix, &train);
        &picked
    };
    let y_train = take(&y, &train);
    let fitted = fit_regression(&spec.method, x_train, &y_train, &terms, spec.confidence)
        .map_err(|e| name_target(e, target_name))?;
    let export = export_of(
        &spec.method,
        target_name,
        &terms,
        &fills,
        fitted.coefficients,
        Vec::new(),
    );
    let mut warnings = fitted.warnings;

    // Every row's prediction, through the export (as `quire predict` makes them).
    let predicted = predict_rows(&export, &everyone.matrix);
    rows.imputed = used.iter().filter(|&&r| everyone.imputed[r]).count() as u64;

    let scored: &[usize] = if test.is_empty() { &train } else { &test };
    let actual = take(&y, scored);
    let guess = take(&predicted, scored);
    let test_scores = (!test.is_empty()).then(|| score(&spec.method, &actual, &guess));
    if !test.is_empty() {
        let test_enc = encode(&terms, &fills, names, raws, &test);
        for (column, count) in test_enc.unseen {
            warnings.push(ModelWarning::UnseenLevel {
                column,
                rows: count,
            });
        }
        if test.len() < 30 {
            warnings.push(ModelWarning::SmallTest {
                rows: test.len() as u64,
            });
        }
    }
    let cv = cross_validate(spec, names, raws, &y, &train, &part.fold, &mut warnings);

    let charts = supervised_charts(&spec.method, &actual, &guess);
    let mut set: Vec<Option<&str>> = vec![None; frame.height()];
    for &r in &train {
        set[r] = Some("train");
    }
    for &r in &test {
        set[r] = Some("test");
    }
    let mut table = frame.clone();
    let usable = &everyone.usable;
    match &spec.method {
        Method::Logistic { threshold, .. } => {
            append_classes(&mut table, &predicted, *threshold, usable)?;
        }
        _ => {
            append_f64(&mut table, "predicted", &predicted, usable)?;
            let residual: Vec<f64> = y.iter().zip(&predicted).map(|(a, p)| a - p).collect();
            let known: Vec<bool> = usable
                .iter()
                .zip(&y)
                .map(|(u, a)| *u && !a.is_nan())
                .collect();
            append_f64(&mut table, "residual", &residual, &known)?;
        }
    }
    append_text(&mut table, "set", &set)?;
    let report = ModelReport {
        rows,
        terms,
        fit: fitted.fit,
        test: test_scores,
        cv,
        warnings,
        export,
        charts,
    };
    Ok((table, report))
}

/// A target error from deep inside names the target column.
fn name_target(e: ModelError, target: &str) -> ModelError {
    match e {
        ModelError::ConstantTarget { .. } => ModelError::ConstantTarget {
            column: target.to_owned(),
        },
        other => other,
    }
}

fn score(method: &Method, actual: &[f64], predicted: &[f64]) -> Scores {
    match method.threshold() {
        Some(t) => Scores::Classification(scores::classification(actual, predicted, t)),
        None => Scores::Regression(scores::regression(actual, predicted)),
    }
}

/// k-fold cross-validation over the training rows: each fold's encoder and model learnt from
/// the other folds only.
fn cross_validate(
    spec: &ModelSpec,
    names: &[String],
    raws: &[Raw],
    y: &[f64],
    train: &[usize],
    fold: &[u32],
    warnings: &mut Vec<ModelWarning>,
) -> Option<quire_protocol::model::CrossValidation> {
    if spec.folds < 2 || fold.is_empty() {
        return None;
    }
    let mut folds = Vec::new();
    for k in 0..spec.folds {
        let inner: Vec<usize> = train
            .iter()
            .zip(fold)
            .filter(|(_, f)| **f != k)
            .map(|(r, _)| *r)
            .collect();
        let outer: Vec<usize> = train
            .iter()
            .zip(fold)
            .filter(|(_, f)| **f == k)
            .map(|(r, _)| *r)
            .collect();
        let scored = (|| {
            // A fold of one row (or none) scores nothing meaningful.
            if outer.len() < 2 {
                return None;
            }
            let (terms, fills) = fit_encoder(
                names,
                raws,
                &inner,
                spec.standardise,
                spec.missing == Missing::Impute,
            )
            .ok()?;
            let enc = encode(&terms, &fills, names, raws, &inner);
            let fitted = fit_regression(
                &spec.method,
                &enc.matrix,
                &take(y, &inner),
                &terms,
                spec.confidence,
            )
            .ok()?;
            let export = export_of(
                &spec.method,
                "",
                &terms,
                &fills,
                fitted.coefficients,
                Vec::new(),
            );
            let out = encode(&terms, &fills, names, raws, &outer);
            let p = predict_rows(&export, &out.matrix);
            let actual = take(y, &outer);
            if spec.method.threshold().is_some()
                && (actual.iter().all(|v| *v > 0.5) || actual.iter().all(|v| *v < 0.5))
            {
                return None;
            }
            Some(score(&spec.method, &actual, &p))
        })();
        match scored {
            Some(s) => folds.push(s),
            None => warnings.push(ModelWarning::FoldSkipped { fold: k + 1 }),
        }
    }
    let summary = scores::summary(&folds);
    Some(quire_protocol::model::CrossValidation { folds, summary })
}

fn sampled(shown: usize, total: usize) -> Option<Sampled> {
    (shown < total).then_some(Sampled {
        shown: shown as u64,
        total: total as u64,
    })
}

/// A scatter of `(x, y)`, binned to grid-cell means when there are many points.
fn scatter(name: &str, x: &[f64], y: &[f64]) -> (XySeries, Option<Sampled>) {
    if x.len() <= SCATTER_POINTS {
        return (
            XySeries {
                name: name.to_owned(),
                x: x.to_vec(),
                y: y.to_vec(),
            },
            None,
        );
    }
    let (nx, ny) = crate::kinds::chart::SCATTER_GRID;
    let cells = bin_scatter(x, y, nx, ny);
    let shown = cells.len();
    let (bx, by): (Vec<f64>, Vec<f64>) = cells.into_iter().map(|(a, b, _)| (a, b)).unzip();
    (
        XySeries {
            name: name.to_owned(),
            x: bx,
            y: by,
        },
        sampled(shown, x.len()),
    )
}

fn supervised_charts(method: &Method, actual: &[f64], predicted: &[f64]) -> Vec<ModelChart> {
    if method.threshold().is_some() {
        let positive: Vec<bool> = actual.iter().map(|y| *y > 0.5).collect();
        let Some(curve) = roc(predicted, &positive) else {
            return Vec::new();
        };
        let keep = lttb(&curve.fpr, &curve.tpr, CURVE_POINTS);
        let series = XySeries {
            name: format!("AUC {:.3}", curve.auc),
            x: keep.iter().map(|&i| curve.fpr[i]).collect(),
            y: keep.iter().map(|&i| curve.tpr[i]).collect(),
        };
        return vec![ModelChart {
            kind: ModelChartKind::Roc,
            data: ChartData::Xy {
                axis: XAxis::Number,
                series: vec![series],
                sampled: sampled(keep.len(), curve.fpr.len()),
            },
        }];
    }
    let residual: Vec<f64> = actual.iter().zip(predicted).map(|(a, p)| a - p).collect();
    let (res, res_sampled) = scatter("residuals", predicted, &residual);
    let (pa, pa_sampled) = scatter("rows", actual, predicted);
    let (lo, hi) = actual
        .iter()
        .chain(predicted)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
            (l.min(*v), h.max(*v))
        });
    let mut pa_series = vec![pa];
    if lo.is_finite() && hi.is_finite() {
        pa_series.push(XySeries {
            name: "y = x".to_owned(),
            x: vec![lo, hi],
            y: vec![lo, hi],
        });
    }
    vec![
        ModelChart {
            kind: ModelChartKind::ResidualsFitted,
            data: ChartData::Xy {
                axis: XAxis::Number,
                series: vec![res],
                sampled: res_sampled,
            },
        },
        ModelChart {
            kind: ModelChartKind::PredictedActual,
            data: ChartData::Xy {
                axis: XAxis::Number,
                series: pa_series,
                sampled: pa_sampled,
            },
        },
    ]
}

// ---------------------------------------------------------------------------------------------
// Output columns.

/// `name`, or `name_2`, `name_3`… when the table has it already.
fn fresh(table: &DataFrame, name: &str) -> String {
    let taken: HashSet<&str> = table
        .get_column_names()
        .into_iter()
        .map(|n| n.as_str())
        .collect();
    if !taken.contains(name) {
        return name.to_owned();
    }
    (2..)
        .map(|n| format!("{name}_{n}"))
        .find(|c| !taken.contains(c.as_str()))
        .unwrap_or_else(|| format!("{name}_model"))
}

fn append(table: &mut DataFrame, series: Series) -> Result<()> {
    table
        .with_column(series)
        .map(|_| ())
        .map_err(|e| design::table_error(&e))
}

fn append_f64(table: &mut DataFrame, name: &str, values: &[f64], keep: &[bool]) -> Result<()> {
    let ca: Float64Chunked = values
        .iter()
        .zip(keep)
        .map(|(v, k)| (*k && v.is_finite()).then_some(*v))
        .collect();
    let name = fresh(table, name);
    append(table, ca.with_name(name.into()).into_series())
}

fn append_i32(table: &mut DataFrame, name: &str, values: &[f64], keep: &[bool]) -> Result<()> {
    let ca: Int32Chunked = values
        .iter()
        .zip(keep)
        .map(|(v, k)| k.then_some(*v as i32))
        .collect();
    let name = fresh(table, name);
    append(table, ca.with_name(name.into()).into_series())
}

/// A classifier's columns: `probability`, and `predicted` (1 at or above `threshold`).
fn append_classes(table: &mut DataFrame, p: &[f64], threshold: f64, keep: &[bool]) -> Result<()> {
    append_f64(table, "probability", p, keep)?;
    let class: Vec<f64> = p
        .iter()
        .map(|p| f64::from(u8::from(*p >= threshold)))
        .collect();
    append_i32(table, "predicted", &class, keep)
}

fn append_text(table: &mut DataFrame, name: &str, values: &[Option<&str>]) -> Result<()> {
    let ca: StringChunked = values.iter().copied().collect();
    let name = fresh(table, name);
    append(table, ca.with_name(name.into()).into_series())
}

/// The report of a model scored on no held-out rows (k-means, online: its own record).
fn unscored(
    rows: Rows,
    terms: Vec<Term>,
    fit: Fit,
    warnings: Vec<ModelWarning>,
    export: ModelExport,
    charts: Vec<ModelChart>,
) -> ModelReport {
    ModelReport {
        rows,
        terms,
        fit,
        test: None,
        cv: None,
        warnings,
        export,
        charts,
    }
}

// ---------------------------------------------------------------------------------------------
// k-means.

/// The design's columns back in the features' units (numbers only; levels stay 0/1 shares).
fn to_units(terms: &[Term], centroid: &[f64]) -> Vec<f64> {
    terms
        .iter()
        .zip(centroid)
        .map(|(t, v)| match t.encoding {
            Encoding::Numeric { shift, scale } => v * scale + shift,
            Encoding::Level { .. } => *v,
        })
        .collect()
}

fn clusters(
    frame: &DataFrame,
    spec: &ModelSpec,
    names: &[String],
    raws: &[Raw],
    k: usize,
    max_k: usize,
    seed: u64,
) -> Result<(DataFrame, ModelReport)> {
    let mut rows = Rows::default();
    let used = usable_rows(frame.height(), None, raws, spec.missing, &mut rows);
    if k >= used.len() {
        return Err(out_of_range(ModelSetting::K));
    }
    rows.train = used.len() as u64;
    let impute = spec.missing == Missing::Impute;
    let (terms, fills) = fit_encoder(names, raws, &used, spec.standardise, impute)?;
    let Encoded {
        matrix, imputed, ..
    } = encode(&terms, &fills, names, raws, &used);
    rows.imputed = imputed.iter().filter(|i| **i).count() as u64;
    let starts = kmeans::starts_for(used.len());
    let best = kmeans::kmeans(&matrix, k, seed, starts);
    let max_k = if max_k == 0 {
        (k + 3).clamp(6, 10)
    } else {
        max_k
    };
    let elbow: Vec<(u32, f64)> = (1..=max_k.min(used.len() - 1))
        .map(|j| {
            let wcss = if j == k {
                best.wcss
            } else {
                kmeans::kmeans(&matrix, j, seed, starts.min(4)).wcss
            };
            (j as u32, wcss)
        })
        .collect();
    let mut warnings = Vec::new();
    if !best.converged {
        warnings.push(ModelWarning::KMeansNotConverged {
            iterations: best.iterations,
        });
    }
    let mut sizes = vec![0u64; k];
    for l in &best.labels {
        sizes[*l as usize] += 1;
    }
    let export = export_of(
        &spec.method,
        "",
        &terms,
        &fills,
        Vec::new(),
        best.centroids.clone(),
    );
    let mut cluster = vec![f64::NAN; frame.height()];
    for (i, &r) in used.iter().enumerate() {
        cluster[r] = f64::from(best.labels[i] + 1);
    }
    let keep: Vec<bool> = cluster.iter().map(|c| !c.is_nan()).collect();
    let mut table = frame.clone();
    append_i32(&mut table, "cluster", &cluster, &keep)?;
    let charts = kmeans_charts(&terms, &matrix, &best, &elbow);
    let fit = KMeansFit {
        k: k as u32,
        sizes,
        centroids: best.centroids.iter().map(|c| to_units(&terms, c)).collect(),
        wcss: best.wcss,
        iterations: best.iterations,
        converged: best.converged,
        elbow,
        standardised: spec.standardise,
    };
    let report = unscored(rows, terms, Fit::KMeans(fit), warnings, export, charts);
    Ok((table, report))
}

fn kmeans_charts(
    terms: &[Term],
    x: &Matrix,
    best: &kmeans::Clustering,
    elbow: &[(u32, f64)],
) -> Vec<ModelChart> {
    let mut charts = vec![ModelChart {
        kind: ModelChartKind::Elbow,
        data: ChartData::Xy {
            axis: XAxis::Number,
            series: vec![XySeries {
                name: "WCSS".to_owned(),
                x: elbow.iter().map(|(k, _)| f64::from(*k)).collect(),
                y: elbow.iter().map(|(_, w)| *w).collect(),
            }],
            sampled: None,
        },
    }];
    if terms.len() >= 2 {
        let k = best.centroids.len();
        let per = (SCATTER_POINTS / k).max(1);
        let mut series: Vec<XySeries> = (0..k)
            .map(|j| XySeries {
                name: format!("{}", j + 1),
                x: Vec::new(),
                y: Vec::new(),
            })
            .collect();
        let mut seen = vec![0usize; k];
        let unit = |t: usize, v: f64| to_units(&terms[t..=t], &[v])[0];
        let stride = (x.rows / SCATTER_POINTS).max(1);
        for i in (0..x.rows).step_by(stride) {
            let j = best.labels[i] as usize;
            if seen[j] < per {
                seen[j] += 1;
                series[j].x.push(unit(0, x.cols[0][i]));
                series[j].y.push(unit(1, x.cols[1][i]));
            }
        }
        let shown = seen.iter().sum();
        charts.push(ModelChart {
            kind: ModelChartKind::Clusters,
            data: ChartData::Xy {
                axis: XAxis::Number,
                series,
                sampled: sampled(shown, x.rows),
            },
        });
    }
    charts
}

// ---------------------------------------------------------------------------------------------
// Online.

/// Each row's batch key (in the order batches are learnt) and label.
fn batches(
    frame: &DataFrame,
    column: &str,
    grain: Option<Grain>,
) -> Result<Vec<Option<(f64, String)>>> {
    let c = frame
        .column(column)
        .map_err(|_| ModelError::MissingColumn {
            column: column.to_owned(),
        })?;
    let grain = grain.unwrap_or(Grain::Day);
    let day_key = |days: Option<i64>| {
        days.map(|d| {
            let start = grain.start(d);
            (start as f64, grain.label(start))
        })
    };
    Ok(match c.dtype() {
        DataType::Date => {
            let cast = c
                .cast(&DataType::Int32)
                .map_err(|e| design::table_error(&e))?;
            let ca = cast.i32().map_err(|e| design::table_error(&e))?;
            ca.iter().map(|d| day_key(d.map(i64::from))).collect()
        }
        DataType::Datetime(unit, _) => {
            let per_day: i64 = match unit {
                TimeUnit::Milliseconds => 86_400_000,
                TimeUnit::Microseconds => 86_400_000_000,
                TimeUnit::Nanoseconds => 86_400_000_000_000,
            };
            let cast = c
                .cast(&DataType::Int64)
                .map_err(|e| design::table_error(&e))?;
            let ca = cast.i64().map_err(|e| design::table_error(&e))?;
            ca.iter()
                .map(|t| day_key(t.map(|t| t.div_euclid(per_day))))
                .collect()
        }
        _ => match design::numbers(frame, column)? {
            Some(v) => v
                .into_iter()
                .map(|x| (!x.is_nan()).then(|| (x, quire_protocol::experiment::short_number(x))))
                .collect(),
            None => {
                let texts = design::texts(frame, column)?;
                let mut distinct: Vec<&str> = texts.iter().flatten().map(String::as_str).collect();
                distinct.sort_unstable();
                distinct.dedup();
                texts
                    .iter()
                    .map(|t| {
                        t.as_deref().map(|t| {
                            let at = distinct.binary_search(&t).unwrap_or(0);
                            (at as f64, t.to_owned())
                        })
                    })
                    .collect()
            }
        },
    })
}

#[allow(clippy::too_many_arguments)]
fn online_fit(
    frame: &DataFrame,
    spec: &ModelSpec,
    names: &[String],
    raws: &[Raw],
    batch_column: &str,
    grain: Option<Grain>,
    prior: f64,
    threshold: f64,
) -> Result<(DataFrame, ModelReport)> {
    let target_name = spec.target.trim();
    let y = target(frame, target_name, true)?;
    let keys = batches(frame, batch_column.trim(), grain)?;
    let mut rows = Rows::default();
    let mut used = usable_rows(frame.height(), Some(&y), raws, spec.missing, &mut rows);
    used.retain(|&r| {
        let ok = keys[r].is_some();
        if !ok {
            rows.missing_features += 1;
        }
        ok
    });
    // Batches in key order; rows within a batch in table order.
    used.sort_by(|a, b| {
        let (ka, kb) = (
            keys[*a].as_ref().map_or(0.0, |k| k.0),
            keys[*b].as_ref().map_or(0.0, |k| k.0),
        );
        ka.total_cmp(&kb).then(a.cmp(b))
    });
    let groups: Vec<&[usize]> = used
        .chunk_by(|a, b| keys[*a].as_ref().map(|k| k.0) == keys[*b].as_ref().map(|k| k.0))
        .collect();
    let Some(first) = groups.first() else {
        return Err(ModelError::TooFewRows {
            rows: 0,
            parameters: names.len() as u64 + 1,
        });
    };
    rows.train = used.len() as u64;
    // Levels from every row (the vocabulary is known in advance); imputation values from the
    // first batch only, so no batch is predicted with what came after it.
    let impute = spec.missing == Missing::Impute;
    let (terms, _) = fit_encoder(names, raws, &used, false, false)?;
    let (_, fills) = fit_encoder(names, raws, first, false, impute)?;
    let mut learner = online::Learner::new(terms.len() + 1, prior);
    let mut probability = vec![f64::NAN; frame.height()];
    let mut records = Vec::with_capacity(groups.len());
    let (mut all_y, mut all_p) = (
        Vec::with_capacity(used.len()),
        Vec::with_capacity(used.len()),
    );
    let mut imputed = 0u64;
    let mut unseen: Vec<(String, u64)> = Vec::new();
    for group in &groups {
        let enc = encode(&terms, &fills, names, raws, group);
        imputed += enc.imputed.iter().filter(|i| **i).count() as u64;
        for (column, n) in enc.unseen {
            match unseen.iter_mut().find(|(c, _)| *c == column) {
                Some(u) => u.1 += n,
                None => unseen.push((column, n)),
            }
        }
        let keep: Vec<usize> = (0..group.len()).filter(|&i| enc.usable[i]).collect();
        if keep.is_empty() {
            continue;
        }
        let x = pick(&enc.matrix, &keep);
        let yb: Vec<f64> = keep.iter().map(|&i| y[group[i]]).collect();
        let p = learner.predict(&x);
        for (&i, pi) in keep.iter().zip(&p) {
            probability[group[i]] = *pi;
        }
        let label = keys[group[0]]
            .as_ref()
            .map(|k| k.1.clone())
            .unwrap_or_default();
        records.push(online::batch(label, &yb, &p));
        all_y.extend_from_slice(&yb);
        all_p.extend_from_slice(&p);
        learner.update(&x, &yb);
    }
    rows.imputed = imputed;
    let mut warnings: Vec<ModelWarning> = unseen
        .into_iter()
        .map(|(column, rows)| ModelWarning::UnseenLevel { column, rows })
        .collect();
    let events = all_y.iter().filter(|v| **v > 0.5).count() as u64;
    let non_events = all_y.len() as u64 - events;
    if events < 10 || non_events < 10 {
        warnings.push(ModelWarning::FewEvents { events, non_events });
    }
    let beta = learner.beta().to_vec();
    let coefficients = beta
        .iter()
        .enumerate()
        .map(|(j, b)| quire_protocol::model::Coefficient {
            name: if j == 0 {
                regression::INTERCEPT.to_owned()
            } else {
                terms[j - 1].name.clone()
            },
            estimate: *b,
            se: None,
            statistic: None,
            p: None,
            low: None,
            high: None,
        })
        .collect();
    let fit = OnlineFit {
        calibration: online::calibration(&all_y, &all_p),
        log_loss: scores::log_loss(&all_y, &all_p),
        batches: records,
        coefficients,
        prior,
    };
    let export = export_of(&spec.method, target_name, &terms, &fills, beta, Vec::new());
    let mut table = frame.clone();
    let keep: Vec<bool> = probability.iter().map(|p| !p.is_nan()).collect();
    append_classes(&mut table, &probability, threshold, &keep)?;
    let charts = online_charts(&fit);
    let report = unscored(rows, terms, Fit::Online(fit), warnings, export, charts);
    Ok((table, report))
}

fn online_charts(fit: &OnlineFit) -> Vec<ModelChart> {
    let loss = XySeries {
        name: "log loss".to_owned(),
        x: (1..=fit.batches.len()).map(|i| i as f64).collect(),
        y: fit.batches.iter().map(|b| b.log_loss).collect(),
    };
    let calibration = XySeries {
        name: "observed".to_owned(),
        x: fit.calibration.iter().map(|b| b.mean_predicted).collect(),
        y: fit.calibration.iter().map(|b| b.observed_rate).collect(),
    };
    let diagonal = XySeries {
        name: "y = x".to_owned(),
        x: vec![0.0, 1.0],
        y: vec![0.0, 1.0],
    };
    vec![
        ModelChart {
            kind: ModelChartKind::BatchLoss,
            data: ChartData::Xy {
                axis: XAxis::Number,
                series: vec![loss],
                sampled: None,
            },
        },
        ModelChart {
            kind: ModelChartKind::Calibration,
            data: ChartData::Xy {
                axis: XAxis::Number,
                series: vec![calibration, diagonal],
                sampled: None,
            },
        },
    ]
}

// ---------------------------------------------------------------------------------------------
// Applying a model file to new rows.

/// `frame` with the model's predictions appended — `predicted` for a linear model,
/// `probability` and `predicted` for classifiers, `cluster` for k-means — exactly as the Model
/// cell computed them. Rows missing a feature the model cannot fill get no prediction.
/// A table scored by a model file, and per text column the rows whose level the model never
/// saw (scored as the reference level).
pub struct Scored {
    pub table: DataFrame,
    pub unseen: Vec<(String, u64)>,
}

pub fn predict(frame: &DataFrame, export: &ModelExport) -> Result<Scored> {
    if export.format != EXPORT_FORMAT {
        return Err(ModelError::BadExport {
            message: format!("its format is {:?}, not {EXPORT_FORMAT:?}", export.format),
        });
    }
    if export.version > EXPORT_VERSION {
        return Err(ModelError::BadExport {
            message: format!(
                "it is version {}, newer than this Quire ({EXPORT_VERSION})",
                export.version
            ),
        });
    }
    let mut names: Vec<String> = Vec::new();
    for t in &export.terms {
        if !names.contains(&t.column) {
            names.push(t.column.clone());
        }
    }
    let raws = names
        .iter()
        .map(|n| read_feature(frame, n))
        .collect::<Result<Vec<_>>>()?;
    // A column that now reads as another kind would score nothing: say which.
    for term in &export.terms {
        let at = names.iter().position(|n| *n == term.column).unwrap_or(0);
        let expected = match (&term.encoding, &raws[at]) {
            (Encoding::Numeric { .. }, Raw::Text { .. }) => Some(FeatureKind::Numbers),
            (Encoding::Level { .. }, Raw::Number(_)) => Some(FeatureKind::Text),
            _ => None,
        };
        if let Some(expected) = expected {
            return Err(ModelError::WrongKind {
                column: term.column.clone(),
                expected,
            });
        }
    }
    let all: Vec<usize> = (0..frame.height()).collect();
    let enc = encode(&export.terms, &export.impute, &names, &raws, &all);
    let mut table = frame.clone();
    match export.method.as_str() {
        "kmeans" => {
            if export.centroids.is_empty()
                || export
                    .centroids
                    .iter()
                    .any(|c| c.len() != export.terms.len())
            {
                return Err(ModelError::BadExport {
                    message: format!(
                        "its centroids do not have one value for each of its {} terms",
                        export.terms.len()
                    ),
                });
            }
            let cluster: Vec<f64> = (0..enc.matrix.rows)
                .map(|i| {
                    let mut row = Vec::new();
                    enc.matrix.row(i, &mut row);
                    let nearest = export
                        .centroids
                        .iter()
                        .enumerate()
                        .map(|(j, c)| {
                            let d: f64 = row.iter().zip(c).map(|(a, b)| (a - b) * (a - b)).sum();
                            (j, d)
                        })
                        .min_by(|a, b| a.1.total_cmp(&b.1))
                        .map_or(0, |(j, _)| j);
                    (nearest + 1) as f64
                })
                .collect();
            append_i32(&mut table, "cluster", &cluster, &enc.usable)?;
        }
        "linear" | "logistic" | "online" => {
            if export.coefficients.len() != export.terms.len() + 1 {
                return Err(ModelError::BadExport {
                    message: format!(
                        "{} coefficients for {} terms and an intercept",
                        export.coefficients.len(),
                        export.terms.len()
                    ),
                });
            }
            let predicted = predict_rows(export, &enc.matrix);
            match export.threshold {
                Some(t) => append_classes(&mut table, &predicted, t, &enc.usable)?,
                None => append_f64(&mut table, "predicted", &predicted, &enc.usable)?,
            }
        }
        other => {
            return Err(ModelError::BadExport {
                message: format!("unknown method {other:?}"),
            });
        }
    }
    Ok(Scored {
        table,
        unseen: enc.unseen,
    })
}

impl Kind for kinds::Model {
    fn reads(&self, _: &mut Reads<'_>) -> std::result::Result<Vec<String>, CellError> {
        Ok(vec![self.input.clone()])
    }

    fn run(&self, cx: &mut Run<'_>) -> std::result::Result<Ran, CellError> {
        let frame = cx.input(&self.input)?;
        let (table, report) = fit(frame, &self.model).map_err(CellError::Model)?;
        let output = CellOutput::Model {
            name: cx.name.clone(),
            rows: table.height() as u64,
            columns: schema_of(&table),
            report: Box::new(report),
        };
        Ok(Ran::table(output, table))
    }

    fn rename_input(&mut self, old: &str, new: &str) {
        swap(&mut self.input, old, new);
    }
}

#[cfg(test)]
mod tests;
