//! Online logistic regression: a click log read batch by batch in time order, each batch first
//! predicted with the model so far, then learnt from.
//!
//! The update is Bayesian with a Laplace approximation (as in Chapelle and Li, "An Empirical
//! Evaluation of Thompson Sampling", NIPS 2011, with the full matrix instead of its diagonal):
//! the model after batch t is the posterior mode
//!
//! ```text
//! β_t = argmin  Σ_batch logloss(β) + ½ (β − β_{t−1})ᵀ H_{t−1} (β − β_{t−1})
//! H_t = H_{t−1} + X_tᵀ diag(p(1 − p)) X_t   at β_t,        H_0 = prior · I,  β_0 = 0
//! ```
//!
//! so after all batches it is close to one fit on everything, while each batch's predictions
//! only ever used the batches before it — an honest "what would we have predicted" record.

use quire_protocol::model::{Batch, CalibrationBin};

use super::design::Matrix;
use super::qr::Triangle;
use super::regression::{self, Extra, Scaling};
use super::scores;

/// The model before any batch, and how it moves.
pub struct Learner {
    beta: Vec<f64>,
    /// The root of the precision `H`.
    root: Triangle,
}

impl Learner {
    /// `k` coefficients (the intercept first) with prior `N(0, I/prior)`.
    pub fn new(k: usize, prior: f64) -> Self {
        let mut r = vec![0.0; k * k];
        for i in 0..k {
            r[i * k + i] = prior.sqrt();
        }
        Learner {
            beta: vec![0.0; k],
            root: Triangle { m: k, r },
        }
    }

    pub fn beta(&self) -> &[f64] {
        &self.beta
    }

    /// Probabilities of `x`'s rows under the current model.
    pub fn predict(&self, x: &Matrix) -> Vec<f64> {
        regression::probabilities(x, &self.beta)
    }

    /// Learns from a batch: the posterior mode and the updated precision.
    pub fn update(&mut self, x: &Matrix, y: &[f64]) {
        let k = self.beta.len();
        let targets = self.root.times(&self.beta);
        let extra: Extra = (0..k)
            .map(|i| (self.root.r[i * k..(i + 1) * k].to_vec(), targets[i]))
            .filter(|(a, _)| a.iter().any(|v| *v != 0.0))
            .collect();
        let fit = regression::irls(x, y, &Scaling::identity(k - 1), &extra, self.beta.clone());
        self.beta = fit.g;
        self.root = fit.r;
    }
}

/// One batch's record, from the predictions made before learning from it.
pub fn batch(label: String, y: &[f64], p: &[f64]) -> Batch {
    let n = y.len();
    let events = y.iter().filter(|v| **v > 0.5).count();
    Batch {
        label,
        n: n as u64,
        events: events as u64,
        mean_predicted: p.iter().sum::<f64>() / n as f64,
        observed_rate: events as f64 / n as f64,
        log_loss: scores::log_loss(y, p),
        auc: scores::auc(y, p),
    }
}

/// Predictions by tenths of probability: how often what was predicted at about p happened.
pub fn calibration(y: &[f64], p: &[f64]) -> Vec<CalibrationBin> {
    let mut bins: Vec<(u64, f64, f64)> = vec![(0, 0.0, 0.0); 10];
    for (yi, pi) in y.iter().zip(p) {
        let b = ((pi * 10.0).floor() as usize).min(9);
        bins[b].0 += 1;
        bins[b].1 += pi;
        bins[b].2 += yi;
    }
    bins.into_iter()
        .enumerate()
        .filter(|(_, b)| b.0 > 0)
        .map(|(i, (n, sp, sy))| CalibrationBin {
            low: i as f64 / 10.0,
            high: (i + 1) as f64 / 10.0,
            n,
            mean_predicted: sp / n as f64,
            observed_rate: sy / n as f64,
        })
        .collect()
}
