//! Linear regression (OLS by QR) and logistic regression (IRLS, each step a QR least squares),
//! with the figures statsmodels reports.
//!
//! Both fit in internal coordinates — an intercept and z-scored terms — and map the estimates
//! and their covariance back to the terms' own units. The map is exact (an affine change of
//! parameters) and keeps the columns of the least-squares problems on one scale, which is what
//! makes NIST's ill-conditioned Longley data come out to 14 significant digits (Norris to 12).

use quire_protocol::model::{Coefficient, LinearFit, LogisticFit, ModelError, Term};

use super::design::Matrix;
use super::qr::{Qr, Triangle};
use crate::stats;

pub use quire_protocol::model::INTERCEPT;

/// Mean and standard deviation of each design column over the fitting rows.
pub struct Scaling {
    pub mean: Vec<f64>,
    pub sd: Vec<f64>,
}

impl Scaling {
    /// Identity scaling (online updates work in the terms' own units).
    pub fn identity(terms: usize) -> Self {
        Scaling {
            mean: vec![0.0; terms],
            sd: vec![1.0; terms],
        }
    }

    /// A constant column cannot be estimated beside the intercept: it is named.
    pub fn of(x: &Matrix, terms: &[Term]) -> Result<Self, ModelError> {
        let n = x.rows as f64;
        let mut mean = Vec::with_capacity(x.cols.len());
        let mut sd = Vec::with_capacity(x.cols.len());
        for (c, term) in x.cols.iter().zip(terms) {
            let m = c.iter().sum::<f64>() / n;
            let s = (c.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / n).sqrt();
            if s.is_nan() || s <= 1e-12 * m.abs() || !s.is_finite() {
                return Err(ModelError::Collinear {
                    term: term.name.clone(),
                });
            }
            mean.push(m);
            sd.push(s);
        }
        Ok(Scaling { mean, sd })
    }

    fn terms(&self) -> usize {
        self.mean.len()
    }

    /// Row `i` in internal coordinates: `[1, (x_j − m_j)/s_j …]`.
    fn row(&self, x: &Matrix, i: usize, out: &mut Vec<f64>) {
        out.clear();
        out.push(1.0);
        for (j, c) in x.cols.iter().enumerate() {
            out.push((c[i] - self.mean[j]) / self.sd[j]);
        }
    }

    /// Internal coefficients `g` in the terms' units: `b_j = g_j/s_j`, `b_0 = g_0 − Σ g_j m_j/s_j`.
    pub fn to_user(&self, g: &[f64]) -> Vec<f64> {
        let mut b = Vec::with_capacity(g.len());
        let slopes: Vec<f64> = (0..self.terms()).map(|j| g[j + 1] / self.sd[j]).collect();
        b.push(
            g[0] - slopes
                .iter()
                .zip(&self.mean)
                .map(|(s, m)| s * m)
                .sum::<f64>(),
        );
        b.extend(slopes);
        b
    }

    /// `A C Aᵀ` for the map `b = A g` (row-major `k × k`).
    fn covariance_to_user(&self, c: &[f64]) -> Vec<f64> {
        let k = self.terms() + 1;
        // A: row 0 = [1, −m_1/s_1, …]; row j = e_j / s_j.
        let a = |i: usize, j: usize| -> f64 {
            match (i, j) {
                (0, 0) => 1.0,
                (0, j) => -self.mean[j - 1] / self.sd[j - 1],
                (i, j) if i == j => 1.0 / self.sd[i - 1],
                _ => 0.0,
            }
        };
        let mut ac = vec![0.0; k * k];
        for i in 0..k {
            for j in 0..k {
                ac[i * k + j] = (0..k).map(|l| a(i, l) * c[l * k + j]).sum();
            }
        }
        let mut out = vec![0.0; k * k];
        for i in 0..k {
            for j in 0..k {
                out[i * k + j] = (0..k).map(|l| ac[i * k + l] * a(j, l)).sum();
            }
        }
        out
    }
}

/// A rank check on `R`: the internal columns all have norm √n, so a diagonal entry far below
/// it means the column is (nearly) a combination of the ones before.
fn check_rank(r: &Triangle, n: usize, terms: &[Term]) -> Result<(), ModelError> {
    let norm = (n as f64).sqrt();
    for j in 1..r.m {
        let d = r.at(j, j).abs();
        if d.is_nan() || d <= 1e-10 * norm {
            return Err(ModelError::Collinear {
                term: terms[j - 1].name.clone(),
            });
        }
    }
    Ok(())
}

/// Rows and parameters (terms and the intercept), when there are more rows than parameters.
fn enough_rows(x: &Matrix, terms: &[Term]) -> Result<(usize, usize), ModelError> {
    let (n, k) = (x.rows, terms.len() + 1);
    if n <= k {
        return Err(ModelError::TooFewRows {
            rows: n as u64,
            parameters: k as u64,
        });
    }
    Ok((n, k))
}

// ---------------------------------------------------------------------------------------------
// OLS.

/// A least-squares fit: coefficients (intercept first) in the terms' units and what inference
/// needs.
pub struct Linear {
    pub beta: Vec<f64>,
    /// `(XᵀX)⁻¹` in the terms' units, row-major.
    pub cov_unscaled: Vec<f64>,
    pub rss: f64,
    pub tss: f64,
    pub n: usize,
}

pub fn ols(x: &Matrix, y: &[f64], terms: &[Term]) -> Result<Linear, ModelError> {
    let (n, k) = enough_rows(x, terms)?;
    let scaling = Scaling::of(x, terms)?;
    let mean_y = y.iter().sum::<f64>() / n as f64;
    let tss: f64 = y.iter().map(|v| (v - mean_y) * (v - mean_y)).sum();
    if tss.is_nan() || tss <= 0.0 {
        return Err(ModelError::ConstantTarget {
            column: String::new(),
        });
    }
    let mut qr = Qr::new(k + 1);
    qr.push_columns(n, |j, first, out| {
        let rows = first..first + out.len();
        match j {
            0 => out.fill(1.0),
            j if j == k => out.copy_from_slice(&y[rows]),
            j => {
                let (m, s) = (scaling.mean[j - 1], scaling.sd[j - 1]);
                for (o, v) in out.iter_mut().zip(&x.cols[j - 1][rows]) {
                    *o = (v - m) / s;
                }
            }
        }
    });
    let r = qr.finish();
    let rk = r.leading(k);
    check_rank(&rk, n, terms)?;
    let g = rk.solve(&r.column(k, k));
    let rss = r.at(k, k) * r.at(k, k);
    // Residuals at rounding level: the log-likelihood would be +∞ and the errors 0.
    if rss <= 1e-24 * tss {
        return Err(ModelError::ExactFit);
    }
    Ok(Linear {
        beta: scaling.to_user(&g),
        cov_unscaled: scaling.covariance_to_user(&rk.inverse_gram()),
        rss,
        tss,
        n,
    })
}

/// Predictions `b_0 + Σ b_j x_j` for every row of `x`.
pub fn linear_predictor(x: &Matrix, beta: &[f64]) -> Vec<f64> {
    let mut out = vec![beta[0]; x.rows];
    for (c, b) in x.cols.iter().zip(&beta[1..]) {
        for (o, v) in out.iter_mut().zip(c.iter()) {
            *o += b * v;
        }
    }
    out
}

/// statsmodels' `OLS(...).fit()` summary of a fit.
pub fn linear_fit(fit: &Linear, terms: &[Term], confidence: f64) -> LinearFit {
    let n = fit.n as f64;
    let k = fit.beta.len();
    let df_model = (k - 1) as f64;
    let df_resid = n - k as f64;
    let scale = fit.rss / df_resid;
    let tq = stats::t_ppf(0.5 + confidence / 2.0, df_resid).unwrap_or(f64::NAN);
    let coefficients = coefficients(
        &fit.beta,
        terms,
        Some((&fit.cov_unscaled, scale)),
        |t| stats::t_sf(t.abs(), df_resid).map(|p| 2.0 * p),
        tq,
    );
    let r2 = 1.0 - fit.rss / fit.tss;
    let f = ((fit.tss - fit.rss) / df_model) / scale;
    let log_likelihood = -n / 2.0 * ((2.0 * std::f64::consts::PI).ln() + (fit.rss / n).ln() + 1.0);
    LinearFit {
        coefficients,
        n: fit.n as u64,
        df_model,
        df_resid,
        r2,
        adj_r2: 1.0 - (1.0 - r2) * (n - 1.0) / df_resid,
        f,
        f_p: f_sf(f, df_model, df_resid),
        log_likelihood,
        aic: -2.0 * log_likelihood + 2.0 * k as f64,
        bic: -2.0 * log_likelihood + k as f64 * n.ln(),
        sigma: scale.sqrt(),
        rss: fit.rss,
        confidence,
    }
}

/// P(F > f) for F(d1, d2): `I_{d2/(d2 + d1 f)}(d2/2, d1/2)`.
fn f_sf(f: f64, d1: f64, d2: f64) -> f64 {
    if f.is_nan() || f <= 0.0 {
        return 1.0;
    }
    stats::beta_inc(d2 / 2.0, d1 / 2.0, d2 / (d2 + d1 * f)).unwrap_or(0.0)
}

/// The coefficient table: estimates, and with a covariance their standard errors, statistics,
/// two-sided p-values and intervals (`q` is the quantile of the interval).
fn coefficients(
    beta: &[f64],
    terms: &[Term],
    cov: Option<(&[f64], f64)>,
    p_of: impl Fn(f64) -> Option<f64>,
    q: f64,
) -> Vec<Coefficient> {
    let k = beta.len();
    beta.iter()
        .enumerate()
        .map(|(j, &estimate)| {
            let name = if j == 0 {
                INTERCEPT.to_owned()
            } else {
                terms[j - 1].name.clone()
            };
            let se = cov
                .map(|(c, scale)| (c[j * k + j] * scale).sqrt())
                .filter(|s| s.is_finite());
            let statistic = se.map(|s| estimate / s).filter(|t| t.is_finite());
            Coefficient {
                name,
                estimate,
                se,
                statistic,
                p: statistic.and_then(&p_of),
                low: se.map(|s| estimate - q * s).filter(|v| v.is_finite()),
                high: se.map(|s| estimate + q * s).filter(|v| v.is_finite()),
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Logistic regression.

/// `σ(η)` without overflow.
pub fn sigmoid(eta: f64) -> f64 {
    if eta >= 0.0 {
        1.0 / (1.0 + (-eta).exp())
    } else {
        let e = eta.exp();
        e / (1.0 + e)
    }
}

/// `y·η − ln(1 + e^η)`: one row's log-likelihood.
fn log_lik(y: f64, eta: f64) -> f64 {
    y * eta - (eta.max(0.0) + (-eta.abs()).exp().ln_1p())
}

/// A penalty or prior, as extra least-squares rows `(a, t)` adding `(aᵀg − t)²` to the
/// objective: `√λ/s_j·e_j` with target 0 for L2, rows of the prior's root for online updates.
pub type Extra = Vec<(Vec<f64>, f64)>;

/// The outcome of iteratively reweighted least squares.
pub struct Irls {
    /// Internal coefficients.
    pub g: Vec<f64>,
    /// The root of `XᵀWX + Λ` at `g` (the inverse Hessian is its inverse Gram).
    pub r: Triangle,
    pub log_likelihood: f64,
    pub iterations: u32,
    pub converged: bool,
    /// Rows whose probability is 0 or 1 to 10 digits.
    pub certain: u64,
}

pub const MAX_ITERATIONS: u32 = 50;

/// Newton's method for the penalised log-likelihood, each step a weighted least-squares
/// problem solved by QR; step-halving keeps every step an improvement. Stops when no
/// coefficient moves by more than 1e-10 of its size, or after [`MAX_ITERATIONS`].
pub fn irls(x: &Matrix, y: &[f64], scaling: &Scaling, extra: &Extra, start: Vec<f64>) -> Irls {
    let k = scaling.terms() + 1;
    let mut row = Vec::with_capacity(k + 1);
    let objective = |g: &[f64], row: &mut Vec<f64>| -> f64 {
        let mut ll = 0.0;
        for (i, yi) in y.iter().enumerate() {
            scaling.row(x, i, row);
            let eta: f64 = row.iter().zip(g).map(|(a, b)| a * b).sum();
            ll += log_lik(*yi, eta);
        }
        let penalty: f64 = extra
            .iter()
            .map(|(a, t)| {
                let d = a.iter().zip(g).map(|(u, v)| u * v).sum::<f64>() - t;
                d * d
            })
            .sum();
        -2.0 * ll + penalty
    };
    let mut g = start;
    let mut dev = objective(&g, &mut row);
    let mut iterations = 0;
    let mut converged = false;
    while iterations < MAX_ITERATIONS {
        iterations += 1;
        let (_, step) = weighted_step(x, y, scaling, extra, &g, &mut row);
        let mut next = step;
        let mut next_dev = objective(&next, &mut row);
        let mut halvings = 0;
        while (next_dev.is_nan() || next_dev > dev + 1e-12 * dev.abs()) && halvings < 30 {
            next = g.iter().zip(&next).map(|(a, b)| 0.5 * (a + b)).collect();
            next_dev = objective(&next, &mut row);
            halvings += 1;
        }
        let moved = g
            .iter()
            .zip(&next)
            .all(|(a, b)| (a - b).abs() <= 1e-10 * a.abs().max(1.0));
        g = next;
        dev = next_dev;
        if moved {
            converged = true;
            break;
        }
    }
    let (r, _) = weighted_step(x, y, scaling, extra, &g, &mut row);
    let mut log_likelihood = 0.0;
    let mut certain = 0;
    for (i, yi) in y.iter().enumerate() {
        scaling.row(x, i, &mut row);
        let eta: f64 = row.iter().zip(&g).map(|(a, b)| a * b).sum();
        log_likelihood += log_lik(*yi, eta);
        let p = sigmoid(eta);
        if !(1e-10..=1.0 - 1e-10).contains(&p) {
            certain += 1;
        }
    }
    Irls {
        g,
        r,
        log_likelihood,
        iterations,
        converged,
        certain,
    }
}

/// One Newton step from `g`: the root of `XᵀWX + Λ` at `g` and the solution of the weighted
/// least-squares problem with working response `z = η + (y − μ)/w`.
fn weighted_step(
    x: &Matrix,
    y: &[f64],
    scaling: &Scaling,
    extra: &Extra,
    g: &[f64],
    row: &mut Vec<f64>,
) -> (Triangle, Vec<f64>) {
    let k = g.len();
    let mut qr = Qr::new(k + 1);
    for (i, yi) in y.iter().enumerate() {
        scaling.row(x, i, row);
        let eta: f64 = row.iter().zip(g).map(|(a, b)| a * b).sum();
        let mu = sigmoid(eta).clamp(1e-15, 1.0 - 1e-15);
        let w = mu * (1.0 - mu);
        let sw = w.sqrt();
        for v in row.iter_mut() {
            *v *= sw;
        }
        // √w·z, written so that a tiny w cannot overflow.
        row.push(sw * eta + (yi - mu) / sw);
        qr.push(row);
    }
    for (a, t) in extra {
        row.clear();
        row.extend_from_slice(a);
        row.push(*t);
        qr.push(row);
    }
    let r = qr.finish();
    let rk = r.leading(k);
    let solution = rk.solve(&r.column(k, k));
    (rk, solution)
}

/// Whether one term alone separates the classes: completely (every 0 below every 1, or the
/// reverse) or, for a 0/1 term, partly (all rows where it is 1 share one class).
pub enum Separation {
    Complete(String),
    Partial(String),
}

pub fn separation(x: &Matrix, y: &[f64], terms: &[Term]) -> Option<Separation> {
    let mut partial = None;
    for (c, term) in x.cols.iter().zip(terms) {
        let (mut lo0, mut hi0, mut lo1, mut hi1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for (v, yi) in c.iter().zip(y) {
            if *yi > 0.5 {
                lo1 = lo1.min(*v);
                hi1 = hi1.max(*v);
            } else {
                lo0 = lo0.min(*v);
                hi0 = hi0.max(*v);
            }
        }
        if hi0 < lo1 || hi1 < lo0 {
            return Some(Separation::Complete(term.name.clone()));
        }
        if partial.is_none() && c.iter().all(|v| *v == 0.0 || *v == 1.0) {
            let ones: Vec<f64> = c
                .iter()
                .zip(y)
                .filter(|(v, _)| **v == 1.0)
                .map(|(_, y)| *y)
                .collect();
            if !ones.is_empty() && (ones.iter().all(|y| *y > 0.5) || ones.iter().all(|y| *y < 0.5))
            {
                partial = Some(Separation::Partial(term.name.clone()));
            }
        }
    }
    partial
}

/// A logistic fit in the terms' units.
pub struct Logistic {
    pub beta: Vec<f64>,
    /// The inverse Hessian in the terms' units; `None` for penalised fits.
    pub cov: Option<Vec<f64>>,
    pub log_likelihood: f64,
    pub iterations: u32,
    pub converged: bool,
    pub certain: u64,
    pub n: usize,
    pub events: usize,
}

/// Logistic regression of 0/1 `y` on `x`, with `l2 ≥ 0` on every term's coefficient.
pub fn logistic(x: &Matrix, y: &[f64], terms: &[Term], l2: f64) -> Result<Logistic, ModelError> {
    let (n, k) = enough_rows(x, terms)?;
    let events = y.iter().filter(|v| **v > 0.5).count();
    if events == 0 || events == n {
        return Err(ModelError::ConstantTarget {
            column: String::new(),
        });
    }
    let scaling = Scaling::of(x, terms)?;
    if l2 == 0.0
        && let Some(Separation::Complete(term)) = separation(x, y, terms)
    {
        return Err(ModelError::PerfectSeparation { term: Some(term) });
    }
    let extra: Extra = (0..terms.len())
        .filter(|_| l2 > 0.0)
        .map(|j| {
            let mut a = vec![0.0; k];
            a[j + 1] = l2.sqrt() / scaling.sd[j];
            (a, 0.0)
        })
        .collect();
    let rate = events as f64 / n as f64;
    let mut start = vec![0.0; k];
    start[0] = (rate / (1.0 - rate)).ln();
    let fit = irls(x, y, &scaling, &extra, start);
    if l2 == 0.0 {
        check_rank(&fit.r, n, terms)?;
        // Deviance near 0: the classes are separated by a combination of the features.
        if -2.0 * fit.log_likelihood < 1e-6 * n as f64 {
            return Err(ModelError::PerfectSeparation { term: None });
        }
    }
    Ok(Logistic {
        beta: scaling.to_user(&fit.g),
        cov: (l2 == 0.0).then(|| scaling.covariance_to_user(&fit.r.inverse_gram())),
        log_likelihood: fit.log_likelihood,
        iterations: fit.iterations,
        converged: fit.converged,
        certain: fit.certain,
        n,
        events,
    })
}

/// statsmodels' `Logit(...).fit()` summary of a fit.
pub fn logistic_fit(
    fit: &Logistic,
    terms: &[Term],
    l2: f64,
    threshold: f64,
    confidence: f64,
) -> LogisticFit {
    let n = fit.n as f64;
    let k = fit.beta.len() as f64;
    let rate = fit.events as f64 / n;
    let null_log_likelihood = n * (rate * rate.ln() + (1.0 - rate) * (1.0 - rate).ln());
    let zq = stats::normal_ppf(0.5 + confidence / 2.0).unwrap_or(f64::NAN);
    let coefficients = coefficients(
        &fit.beta,
        terms,
        fit.cov.as_deref().map(|c| (c, 1.0)),
        |z| Some(2.0 * stats::normal_sf(z.abs())),
        zq,
    );
    LogisticFit {
        coefficients,
        n: fit.n as u64,
        log_likelihood: fit.log_likelihood,
        null_log_likelihood,
        pseudo_r2: 1.0 - fit.log_likelihood / null_log_likelihood,
        aic: -2.0 * fit.log_likelihood + 2.0 * k,
        bic: -2.0 * fit.log_likelihood + k * n.ln(),
        iterations: fit.iterations,
        converged: fit.converged,
        l2,
        threshold,
        confidence,
    }
}

/// Probabilities for every row of `x`.
pub fn probabilities(x: &Matrix, beta: &[f64]) -> Vec<f64> {
    linear_predictor(x, beta).into_iter().map(sigmoid).collect()
}
