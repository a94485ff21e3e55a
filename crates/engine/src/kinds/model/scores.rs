//! How well predictions match: scikit-learn's regression and classification scores.

use quire_numerics::roc;
use quire_protocol::model::{ClassificationScores, Confusion, RegressionScores, Scores};

/// RMSE, MAE and R² (`1 − SSE/SST` around the scored rows' own mean; a constant target scores
/// 1 when predicted exactly and 0 otherwise, as `sklearn.metrics.r2_score`).
pub fn regression(actual: &[f64], predicted: &[f64]) -> RegressionScores {
    let n = actual.len() as f64;
    let mean = actual.iter().sum::<f64>() / n;
    let (mut sse, mut sae, mut sst) = (0.0, 0.0, 0.0);
    for (a, p) in actual.iter().zip(predicted) {
        sse += (a - p) * (a - p);
        sae += (a - p).abs();
        sst += (a - mean) * (a - mean);
    }
    let r2 = if sst > 0.0 {
        1.0 - sse / sst
    } else if sse == 0.0 {
        1.0
    } else {
        0.0
    };
    RegressionScores {
        n: actual.len() as u64,
        rmse: (sse / n).sqrt(),
        mae: sae / n,
        r2,
    }
}

/// Probabilities are clipped to [ε, 1 − ε] for the log loss, ε the f64 machine epsilon, as
/// `sklearn.metrics.log_loss` does.
pub fn log_loss(actual: &[f64], probability: &[f64]) -> f64 {
    let eps = f64::EPSILON;
    let total: f64 = actual
        .iter()
        .zip(probability)
        .map(|(y, p)| {
            let p = p.clamp(eps, 1.0 - eps);
            if *y > 0.5 { -p.ln() } else { -(1.0 - p).ln() }
        })
        .sum();
    total / actual.len() as f64
}

/// The area under the ROC curve, `None` with one class only.
pub fn auc(actual: &[f64], probability: &[f64]) -> Option<f64> {
    let positive: Vec<bool> = actual.iter().map(|y| *y > 0.5).collect();
    roc(probability, &positive).map(|r| r.auc)
}

/// Accuracy, precision, recall, F1 (0 where undefined, as scikit-learn's `zero_division=0`),
/// ROC AUC, log loss and the confusion matrix at `threshold` (a probability at or above it is
/// called 1).
pub fn classification(actual: &[f64], probability: &[f64], threshold: f64) -> ClassificationScores {
    let mut c = Confusion::default();
    for (y, p) in actual.iter().zip(probability) {
        match (*y > 0.5, *p >= threshold) {
            (false, false) => c.tn += 1,
            (false, true) => c.fp += 1,
            (true, false) => c.fn_ += 1,
            (true, true) => c.tp += 1,
        }
    }
    let ratio = |a: u64, b: u64| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let precision = ratio(c.tp, c.tp + c.fp);
    let recall = ratio(c.tp, c.tp + c.fn_);
    let f1 = ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn_);
    ClassificationScores {
        n: actual.len() as u64,
        threshold,
        accuracy: ratio(c.tp + c.tn, actual.len() as u64),
        precision,
        recall,
        f1,
        auc: auc(actual, probability),
        log_loss: log_loss(actual, probability),
        confusion: c,
    }
}

/// Mean and standard deviation (n − 1) over folds of each named score.
pub fn summary(folds: &[Scores]) -> Vec<(String, f64, f64)> {
    let named = |s: &Scores| -> Vec<(&'static str, f64)> {
        match s {
            Scores::Regression(r) => vec![("rmse", r.rmse), ("mae", r.mae), ("r2", r.r2)],
            Scores::Classification(c) => {
                let mut v = vec![
                    ("accuracy", c.accuracy),
                    ("precision", c.precision),
                    ("recall", c.recall),
                    ("f1", c.f1),
                    ("log_loss", c.log_loss),
                ];
                if let Some(a) = c.auc {
                    v.push(("auc", a));
                }
                v
            }
        }
    };
    let Some(first) = folds.first() else {
        return Vec::new();
    };
    named(first)
        .into_iter()
        .map(|(name, _)| {
            let values: Vec<f64> = folds
                .iter()
                .filter_map(|f| {
                    named(f)
                        .into_iter()
                        .find(|(n, _)| *n == name)
                        .map(|(_, v)| v)
                })
                .collect();
            let n = values.len() as f64;
            let mean = values.iter().sum::<f64>() / n;
            let sd = if values.len() > 1 {
                (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt()
            } else {
                0.0
            };
            (name.to_owned(), mean, sd)
        })
        .collect()
}
