//! The statistics experiments need: distributions (normal, Student t, chi-square, the
//! regularised incomplete beta) and the classic tests on summaries — Welch's t-test, the pooled
//! two-proportion z-test, the sample-ratio-mismatch chi-square test. Checked against scipy and
//! statsmodels values in `tests/fixtures/stats/tests.json` (see `make_tests.py` there).
//!
//! Degenerate inputs (fewer than two units, no variance, weights that do not sum to a positive
//! number) give `None`, never NaN or a panic.

use statrs::distribution::{ChiSquared, ContinuousCDF, Normal, StudentsT};

/// The standard normal distribution's cumulative probability.
pub fn normal_cdf(x: f64) -> f64 {
    0.5 * libm_erfc(-x / std::f64::consts::SQRT_2)
}

/// `1 − normal_cdf(x)`, accurate far in the upper tail.
pub fn normal_sf(x: f64) -> f64 {
    0.5 * libm_erfc(x / std::f64::consts::SQRT_2)
}

fn libm_erfc(x: f64) -> f64 {
    libm::erfc(x)
}

/// The standard normal quantile: `normal_cdf(normal_ppf(p)) == p` for `p` in (0, 1).
pub fn normal_ppf(p: f64) -> Option<f64> {
    (p > 0.0 && p < 1.0).then(|| Normal::standard().inverse_cdf(p))
}

fn student(df: f64) -> Option<StudentsT> {
    (df > 0.0 && df.is_finite())
        .then(|| StudentsT::new(0.0, 1.0, df).ok())
        .flatten()
}

pub fn t_cdf(x: f64, df: f64) -> Option<f64> {
    Some(student(df)?.cdf(x))
}

/// `1 − t_cdf(x, df)`, computed from the lower tail of `−x` (the t is symmetric) so the upper
/// tail keeps its precision.
pub fn t_sf(x: f64, df: f64) -> Option<f64> {
    Some(student(df)?.cdf(-x))
}

pub fn t_ppf(p: f64, df: f64) -> Option<f64> {
    (p > 0.0 && p < 1.0).then_some(())?;
    Some(student(df)?.inverse_cdf(p))
}

/// The chi-square upper tail `P(X ≥ x)` with `df` degrees of freedom.
pub fn chi2_sf(x: f64, df: f64) -> Option<f64> {
    let d = ChiSquared::new(df).ok()?;
    Some(if x <= 0.0 { 1.0 } else { d.sf(x) })
}

/// The regularised incomplete beta function `I_x(a, b)`.
pub fn beta_inc(a: f64, b: f64, x: f64) -> Option<f64> {
    statrs::function::beta::checked_beta_reg(a, b, x).ok()
}

/// Count, mean and sample variance (n − 1) of some values, the finite ones.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Summary {
    pub n: f64,
    pub mean: f64,
    pub var: f64,
}

impl Summary {
    pub fn of(values: &[f64]) -> Summary {
        // Welford, for stability with large means.
        let (mut n, mut mean, mut m2) = (0.0_f64, 0.0_f64, 0.0_f64);
        for x in values.iter().filter(|x| x.is_finite()) {
            n += 1.0;
            let d = x - mean;
            mean += d / n;
            m2 += d * (x - mean);
        }
        Summary {
            n,
            mean,
            var: if n > 1.0 { m2 / (n - 1.0) } else { 0.0 },
        }
    }
}

/// Welch's unequal-variance t-test of `treatment − control`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Welch {
    /// Treatment mean minus control mean.
    pub diff: f64,
    pub se: f64,
    pub t: f64,
    /// Welch–Satterthwaite degrees of freedom.
    pub df: f64,
    /// Two-sided.
    pub p: f64,
    /// The `confidence` interval of `diff`.
    pub low: f64,
    pub high: f64,
}

pub fn welch(control: Summary, treatment: Summary, confidence: f64) -> Option<Welch> {
    if control.n < 2.0 || treatment.n < 2.0 || !(0.0..1.0).contains(&confidence) {
        return None;
    }
    let (va, vb) = (control.var / control.n, treatment.var / treatment.n);
    let se = (va + vb).sqrt();
    if se <= 0.0 || !se.is_finite() {
        return None;
    }
    let diff = treatment.mean - control.mean;
    let t = diff / se;
    let df =
        (va + vb).powi(2) / (va.powi(2) / (control.n - 1.0) + vb.powi(2) / (treatment.n - 1.0));
    let p = (2.0 * t_sf(t.abs(), df)?).min(1.0);
    let q = t_ppf(0.5 + confidence / 2.0, df)?;
    Some(Welch {
        diff,
        se,
        t,
        df,
        p,
        low: diff - q * se,
        high: diff + q * se,
    })
}

/// The pooled two-proportion z-test of `x2/n2 − x1/n1`: `(z, two-sided p)`.
pub fn two_proportions(x1: f64, n1: f64, x2: f64, n2: f64) -> Option<(f64, f64)> {
    if n1 <= 0.0 || n2 <= 0.0 {
        return None;
    }
    let pooled = (x1 + x2) / (n1 + n2);
    let se = (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt();
    if se <= 0.0 {
        return None;
    }
    let z = (x2 / n2 - x1 / n1) / se;
    Some((z, (2.0 * normal_sf(z.abs())).min(1.0)))
}

/// The sample-ratio-mismatch test: Pearson's chi-square of the observed counts per variant
/// against the intended `weights` (any positive scale): `(chi², p)`.
pub fn srm(observed: &[u64], weights: &[f64]) -> Option<(f64, f64)> {
    let total: f64 = observed.iter().map(|o| *o as f64).sum();
    let sum: f64 = weights.iter().sum();
    if observed.len() != weights.len()
        || observed.len() < 2
        || total <= 0.0
        || sum <= 0.0
        || weights.iter().any(|w| *w <= 0.0 || !w.is_finite())
    {
        return None;
    }
    let chi2: f64 = observed
        .iter()
        .zip(weights)
        .map(|(o, w)| {
            let e = total * w / sum;
            (*o as f64 - e).powi(2) / e
        })
        .sum();
    Some((chi2, chi2_sf(chi2, (observed.len() - 1) as f64)?))
}

#[cfg(test)]
mod tests;
