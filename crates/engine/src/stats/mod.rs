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
    t_sf(-x, df)
}

/// `1 − t_cdf(x, df)`: `½·I_{df/(df+x²)}(df/2, ½)` for `x ≥ 0`, with `df/(df+x²)` and its
/// complement `x²/(df+x²)` both formed directly, so that neither large `df` (10⁶ units and
/// more, where the first is within 10⁻⁷ of 1) nor the far tail loses digits.
pub fn t_sf(x: f64, df: f64) -> Option<f64> {
    if !(df > 0.0 && df.is_finite()) || x.is_nan() {
        return None;
    }
    if x.is_infinite() {
        return Some(if x > 0.0 { 0.0 } else { 1.0 });
    }
    let x2 = x * x;
    let tail = 0.5 * beta_inc_split(0.5 * df, 0.5, df / (df + x2), x2 / (df + x2))?;
    Some(if x >= 0.0 { tail } else { 1.0 - tail })
}

/// The t quantile. statrs' own inverse loses digits at large `df` (1.95985 for 1.95997 at
/// df = 10⁶, which is every large experiment), so Newton's method polishes it on the accurate
/// cdf, from statrs' value.
pub fn t_ppf(p: f64, df: f64) -> Option<f64> {
    (p > 0.0 && p < 1.0).then_some(())?;
    let t = student(df)?;
    let mut x = t.inverse_cdf(p);
    for _ in 0..8 {
        let density = statrs::distribution::Continuous::pdf(&t, x);
        if !(density > 0.0 && x.is_finite()) {
            break;
        }
        let step = (t_cdf(x, df)? - p) / density;
        x -= step;
        if step.abs() <= 1e-15 * x.abs().max(1e-300) {
            break;
        }
    }
    Some(x)
}

/// The chi-square upper tail `P(X ≥ x)` with `df` degrees of freedom.
pub fn chi2_sf(x: f64, df: f64) -> Option<f64> {
    let d = ChiSquared::new(df).ok()?;
    Some(if x <= 0.0 { 1.0 } else { d.sf(x) })
}

/// The regularised incomplete beta function `I_x(a, b)`, by its continued fraction (modified
/// Lentz) with statrs' `ln_beta` for the prefactor.
///
/// Not statrs' `beta_reg`: it stops after 140 terms, and near the mean of a large Beta (the
/// posterior of a rate over 10⁵ units and more) the fraction needs more — statrs gives
/// `I_0.4(200001, 300001) = 0.49988` where the value is 0.49985. This one runs until the terms
/// stop changing the value (checked against scipy up to a, b = 10⁶ in the tests).
pub fn beta_inc(a: f64, b: f64, x: f64) -> Option<f64> {
    beta_inc_split(a, b, x, 1.0 - x)
}

/// [`beta_inc`] given both `x` and `y = 1 − x`, for callers that know `y` more precisely than
/// `1 − x` can be computed.
fn beta_inc_split(a: f64, b: f64, x: f64, y: f64) -> Option<f64> {
    if !(a > 0.0 && b > 0.0 && a.is_finite() && b.is_finite() && (0.0..=1.0).contains(&x)) {
        return None;
    }
    if x == 0.0 || y == 0.0 {
        return Some(if x == 0.0 { 0.0 } else { 1.0 });
    }
    let ln_front = ln_front(a, b, x, y);
    Some(if x < (a + 1.0) / (a + b + 2.0) {
        (ln_front.exp() * beta_fraction(a, b, x)? / a).clamp(0.0, 1.0)
    } else {
        (1.0 - ln_front.exp() * beta_fraction(b, a, y)? / b).clamp(0.0, 1.0)
    })
}

/// `ln(x^a·y^b / B(a, b))`, the prefactor of the continued fraction. `ln B` of large arguments
/// is a difference of log-gammas near 10⁷ whose rounding alone would cost 10⁻⁸ of the result;
/// Stirling's series for the large ones keeps every term small instead (the approach of
/// DiDonato and Morris, ACM TOMS 18, 1992, which Boost and scipy's `betainc` follow).
fn ln_front(a: f64, b: f64, x: f64, y: f64) -> f64 {
    // Stirling's remainder ω(z) = ln Γ(z) − ((z − ½)·ln z − z + ½·ln 2π), good to 1e-15 at z ≥ 20.
    let omega = |z: f64| {
        let z2 = z * z;
        (1.0 / 12.0 - (1.0 / 360.0 - (1.0 / 1260.0 - 1.0 / (1680.0 * z2)) / z2) / z2) / z
    };
    let lx = if x > 0.5 { (-y).ln_1p() } else { x.ln() };
    let ly = if y > 0.5 { (-x).ln_1p() } else { y.ln() };
    let s = a + b;
    let ln_2pi = (2.0 * std::f64::consts::PI).ln();
    const LARGE: f64 = 20.0;
    if a >= LARGE && b >= LARGE {
        a * (x * s / a).ln() + b * (y * s / b).ln() + 0.5 * (a * b / s).ln()
            - 0.5 * ln_2pi
            - omega(a)
            - omega(b)
            + omega(s)
    } else if a >= LARGE {
        // ln Γ(a + b) − ln Γ(a) = (a − ½)·ln(1 + b/a) + b·ln(a + b) − b + ω(a + b) − ω(a)
        a * lx + b * ly - statrs::function::gamma::ln_gamma(b)
            + (a - 0.5) * (b / a).ln_1p()
            + b * s.ln()
            - b
            + omega(s)
            - omega(a)
    } else if b >= LARGE {
        a * lx + b * ly - statrs::function::gamma::ln_gamma(a)
            + (b - 0.5) * (a / b).ln_1p()
            + a * s.ln()
            - a
            + omega(s)
            - omega(b)
    } else {
        a * lx + b * ly - statrs::function::beta::ln_beta(a, b)
    }
}

/// The continued fraction of `I_x(a, b)` (Numerical Recipes' `betacf`), to full precision.
fn beta_fraction(a: f64, b: f64, x: f64) -> Option<f64> {
    const TINY: f64 = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    // One Lentz step for the partial numerator `aa`: updates `d` and `c`, returns the factor.
    let mut step = |aa: f64| {
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        d * c
    };
    for m in 1..200_000 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        h *= step(m * (b - m) * x / ((qam + m2) * (a + m2)));
        let last = step(-(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)));
        h *= last;
        if (last - 1.0).abs() <= 1e-16 {
            return Some(h);
        }
    }
    None
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
        // Two passes (the mean, then squared deviations from it): as stable as Welford's
        // update for large means, and without a division per value.
        let (mut n, mut sum) = (0_u64, 0.0_f64);
        for x in values.iter().filter(|x| x.is_finite()) {
            n += 1;
            sum += x;
        }
        let n = n as f64;
        let mean = if n > 0.0 { sum / n } else { 0.0 };
        let (mut m2, mut drift) = (0.0_f64, 0.0_f64);
        for x in values.iter().filter(|x| x.is_finite()) {
            let d = x - mean;
            m2 += d * d;
            drift += d;
        }
        // The corrected two-pass formula (Chan, Golub and LeVeque): removes the rounding left
        // in the mean.
        let m2 = if n > 0.0 { m2 - drift * drift / n } else { 0.0 };
        Summary {
            n,
            mean: mean + if n > 0.0 { drift / n } else { 0.0 },
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

/// The relative lift `treatment / control − 1` with its `confidence` interval by the delta
/// method: `Var(mt/mc) ≈ Var(mt)/mc² + mt²·Var(mc)/mc⁴` (the arms are independent).
pub fn relative_lift(
    control: Summary,
    treatment: Summary,
    confidence: f64,
) -> Option<(f64, f64, f64)> {
    if control.n < 2.0 || treatment.n < 2.0 || control.mean == 0.0 {
        return None;
    }
    let (mc, mt) = (control.mean, treatment.mean);
    let (vc, vt) = (control.var / control.n, treatment.var / treatment.n);
    let se = (vt / mc.powi(2) + mt.powi(2) * vc / mc.powi(4)).sqrt();
    let z = normal_ppf(0.5 + confidence / 2.0)?;
    let lift = mt / mc - 1.0;
    Some((lift, lift - z * se, lift + z * se))
}

/// Holm's step-down adjusted p-values (family-wise error), in the order given.
pub fn holm(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|a, b| p[*a].total_cmp(&p[*b]));
    let mut out = vec![0.0; m];
    let mut running = 0.0_f64;
    for (rank, &i) in order.iter().enumerate() {
        running = running.max(((m - rank) as f64 * p[i]).min(1.0));
        out[i] = running;
    }
    out
}

/// Benjamini–Hochberg adjusted p-values (false discovery rate), in the order given.
pub fn benjamini_hochberg(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|a, b| p[*b].total_cmp(&p[*a]));
    let mut out = vec![0.0; m];
    let mut running = 1.0_f64;
    for (k, &i) in order.iter().enumerate() {
        let rank = (m - k) as f64;
        running = running.min((p[i] * m as f64 / rank).min(1.0));
        out[i] = running;
    }
    out
}

/// Cohen's h, the effect size of two proportions: `2·asin √p2 − 2·asin √p1`.
pub fn cohen_h(p1: f64, p2: f64) -> f64 {
    2.0 * p2.sqrt().asin() - 2.0 * p1.sqrt().asin()
}

/// The power of a two-sided two-sample z-test with standardised effect `d`, `n` units per
/// arm and level `alpha` (both tails counted, as statsmodels' `NormalIndPower` does).
pub fn power(d: f64, n: f64, alpha: f64) -> Option<f64> {
    if n <= 0.0 || !(0.0..1.0).contains(&alpha) || alpha == 0.0 {
        return None;
    }
    let crit = normal_ppf(1.0 - alpha / 2.0)?;
    let shift = d.abs() * (n / 2.0).sqrt();
    Some(normal_cdf(shift - crit) + normal_cdf(-shift - crit))
}

/// Solves `f(x) = target` for `x` in `(low, high)`, `f` increasing, by bisection.
fn solve_increasing(
    f: impl Fn(f64) -> f64,
    target: f64,
    mut low: f64,
    mut high: f64,
) -> Option<f64> {
    if !(f(low) <= target && f(high) >= target) {
        return None;
    }
    for _ in 0..200 {
        let mid = 0.5 * (low + high);
        if f(mid) < target {
            low = mid;
        } else {
            high = mid;
        }
        if (high - low) <= 1e-13 * high.abs() {
            break;
        }
    }
    Some(0.5 * (low + high))
}

/// Units per arm for `power` at level `alpha` to detect the standardised effect `d`.
pub fn sample_size(d: f64, alpha: f64, target: f64) -> Option<f64> {
    if d == 0.0 || !(0.0..1.0).contains(&target) || target <= alpha / 2.0 {
        return None;
    }
    solve_increasing(|n| power(d, n, alpha).unwrap_or(0.0), target, 1e-6, 1e13)
}

/// The smallest standardised effect detectable with `n` units per arm, at `power` and level
/// `alpha` (the minimum detectable effect, in units of the standard deviation).
pub fn minimum_effect(n: f64, alpha: f64, target: f64) -> Option<f64> {
    if n <= 0.0 || !(0.0..1.0).contains(&target) || target <= alpha {
        return None;
    }
    solve_increasing(|d| power(d, n, alpha).unwrap_or(0.0), target, 0.0, 1e6)
}

/// Bayesian comparison of two rates with uniform Beta(1, 1) priors: the chance that the
/// treatment's rate beats the control's, and the expected loss (in rate) of choosing the
/// treatment — `E[max(p_c − p_t, 0)]`. Computed by Gauss–Legendre quadrature over the region
/// holding the posteriors' mass, not by Monte Carlo.
pub fn beta_chance_to_beat(
    control_successes: f64,
    control_n: f64,
    treatment_successes: f64,
    treatment_n: f64,
) -> Option<(f64, f64)> {
    if control_n <= 0.0
        || treatment_n <= 0.0
        || control_successes < 0.0
        || treatment_successes < 0.0
        || control_successes > control_n
        || treatment_successes > treatment_n
    {
        return None;
    }
    let (ac, bc) = (1.0 + control_successes, 1.0 + control_n - control_successes);
    let (at, bt) = (
        1.0 + treatment_successes,
        1.0 + treatment_n - treatment_successes,
    );
    let ln_b = statrs::function::beta::ln_beta(at, bt);
    let pdf_t = |x: f64| ((at - 1.0) * x.ln() + (bt - 1.0) * (-x).ln_1p() - ln_b).exp();
    // Where the mass is: each posterior's mean ± 30 standard deviations, within (0, 1). Beyond
    // that even a skewed Beta's tail is negligible (Beta(1, 41): 4e-22; near-normal ones far
    // less); small samples span all of (0, 1) anyway.
    let spread = |a: f64, b: f64| {
        let m = a / (a + b);
        let sd = (a * b / ((a + b).powi(2) * (a + b + 1.0))).sqrt();
        (m - 30.0 * sd, m + 30.0 * sd)
    };
    let (l1, h1) = spread(ac, bc);
    let (l2, h2) = spread(at, bt);
    let (lo, hi) = (l1.min(l2).max(0.0), h1.max(h2).min(1.0));
    let mean_c = ac / (ac + bc);
    let (mut chance, mut loss) = (0.0_f64, 0.0_f64);
    // Five-point Gauss–Legendre is exact for degree-9 polynomials; pieces a small fraction of
    // a standard deviation wide make the rule agree with scipy's adaptive quadrature to 1e-12.
    let pieces = 900;
    let width = (hi - lo) / f64::from(pieces);
    for k in 0..pieces {
        let a = lo + width * f64::from(k);
        for (node, weight) in GAUSS_5 {
            let x = a + width * 0.5 * (node + 1.0);
            if x <= 0.0 || x >= 1.0 {
                continue;
            }
            let w = width * 0.5 * weight * pdf_t(x);
            let below = beta_inc(ac, bc, x)?;
            chance += w * below;
            // E[(p_c − x)⁺] = E[p_c; p_c > x] − x·P(p_c > x)
            let above_mean = mean_c * (1.0 - beta_inc(ac + 1.0, bc, x)?);
            loss += w * (above_mean - x * (1.0 - below));
        }
    }
    Some((chance.clamp(0.0, 1.0), loss.max(0.0)))
}

/// Five-point Gauss–Legendre nodes and weights on [−1, 1].
const GAUSS_5: [(f64, f64); 5] = [
    (0.0, 0.568_888_888_888_888_9),
    (-0.538_469_310_105_683_1, 0.478_628_670_499_366_5),
    (0.538_469_310_105_683_1, 0.478_628_670_499_366_5),
    (-0.906_179_845_938_664, 0.236_926_885_056_189_1),
    (0.906_179_845_938_664, 0.236_926_885_056_189_1),
];

/// The same for means with flat priors: the difference is normal around `diff` with standard
/// error `se`. Chance to beat `Φ(diff/se)`; expected loss `se·φ(diff/se) − diff·Φ(−diff/se)`.
pub fn normal_chance_to_beat(diff: f64, se: f64) -> Option<(f64, f64)> {
    if se <= 0.0 || !se.is_finite() || !diff.is_finite() {
        return None;
    }
    let z = diff / se;
    let density = (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt();
    Some((normal_cdf(z), se * density - diff * normal_cdf(-z)))
}

/// A ratio metric of one arm: `Σ numerator / Σ denominator` over its units, with the variance
/// of that estimate by the delta method, covariance term included:
/// `Var(R) ≈ (s_y²/x̄² − 2·ȳ·s_xy/x̄³ + ȳ²·s_x²/x̄⁴) / n`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ratio {
    pub n: f64,
    pub ratio: f64,
    pub var: f64,
}

pub fn ratio(numerator: &[f64], denominator: &[f64]) -> Option<Ratio> {
    let pairs: Vec<(f64, f64)> = numerator
        .iter()
        .zip(denominator)
        .filter(|(y, x)| y.is_finite() && x.is_finite())
        .map(|(y, x)| (*y, *x))
        .collect();
    let n = pairs.len() as f64;
    if pairs.len() < 2 {
        return None;
    }
    let my = pairs.iter().map(|p| p.0).sum::<f64>() / n;
    let mx = pairs.iter().map(|p| p.1).sum::<f64>() / n;
    if mx == 0.0 {
        return None;
    }
    let (mut syy, mut sxx, mut sxy) = (0.0, 0.0, 0.0);
    for (y, x) in &pairs {
        syy += (y - my).powi(2);
        sxx += (x - mx).powi(2);
        sxy += (y - my) * (x - mx);
    }
    let (syy, sxx, sxy) = (syy / (n - 1.0), sxx / (n - 1.0), sxy / (n - 1.0));
    let var = (syy / mx.powi(2) - 2.0 * my * sxy / mx.powi(3) + my.powi(2) * sxx / mx.powi(4)) / n;
    Some(Ratio {
        n,
        ratio: my / mx,
        var,
    })
}

/// CUPED: each arm's outcomes adjusted by a pre-period covariate, `y − θ(x − x̄)`, with `θ`
/// and `x̄` pooled over both arms. Rows with a missing value in either are left out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cuped {
    pub theta: f64,
    /// Summaries of the adjusted outcomes (feed them to [`welch`]).
    pub control: Summary,
    pub treatment: Summary,
    /// The share of the effect estimate's variance removed: `1 − Var(adjusted)/Var(raw)`.
    pub reduction: f64,
}

pub fn cuped(
    control_y: &[f64],
    control_x: &[f64],
    treatment_y: &[f64],
    treatment_x: &[f64],
) -> Option<Cuped> {
    let complete = |y: &[f64], x: &[f64]| -> Vec<(f64, f64)> {
        y.iter()
            .zip(x)
            .filter(|(a, b)| a.is_finite() && b.is_finite())
            .map(|(a, b)| (*a, *b))
            .collect()
    };
    let (c, t) = (
        complete(control_y, control_x),
        complete(treatment_y, treatment_x),
    );
    let all: Vec<(f64, f64)> = c.iter().chain(&t).copied().collect();
    let n = all.len() as f64;
    if c.len() < 2 || t.len() < 2 {
        return None;
    }
    let my = all.iter().map(|p| p.0).sum::<f64>() / n;
    let mx = all.iter().map(|p| p.1).sum::<f64>() / n;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (y, x) in &all {
        sxy += (y - my) * (x - mx);
        sxx += (x - mx).powi(2);
    }
    if sxx <= 0.0 {
        return None;
    }
    let theta = sxy / sxx;
    let adjusted = |arm: &[(f64, f64)]| -> Vec<f64> {
        arm.iter().map(|(y, x)| y - theta * (x - mx)).collect()
    };
    let raw = |arm: &[(f64, f64)]| Summary::of(&arm.iter().map(|p| p.0).collect::<Vec<_>>());
    let (control, treatment) = (Summary::of(&adjusted(&c)), Summary::of(&adjusted(&t)));
    let (rc, rt) = (raw(&c), raw(&t));
    let var_raw = rc.var / rc.n + rt.var / rt.n;
    let var_adj = control.var / control.n + treatment.var / treatment.n;
    Some(Cuped {
        theta,
        control,
        treatment,
        reduction: if var_raw > 0.0 {
            1.0 - var_adj / var_raw
        } else {
            0.0
        },
    })
}

/// An always-valid (sequential) interval for a difference `diff` with standard error `se`,
/// estimated from `t` units in all, at level `alpha`: the asymptotic confidence sequence of
/// Waudby-Smith, Arbour, Sinha, Kennedy and Ramdas ("Time-uniform central limit theory and
/// asymptotic confidence sequences", Annals of Statistics 2024, Theorem 2.2), whose normal
/// mixture boundary is Robbins' (Howard, Ramdas, McAuliffe and Sekhon, "Time-uniform,
/// nonparametric, nonasymptotic confidence sequences", Annals of Statistics 2021):
///
/// `diff ± σ̂·√(2(tρ²+1)/(t²ρ²) · ln(√(tρ²+1)/α))` with `σ̂² = t·se²`,
///
/// and `ρ² = (−2 ln α + ln(−2 ln α + 1)) / t*`, which makes the sequence tightest at `t*`
/// units (the planned sample size). The interval may be watched after every unit: the chance
/// that it ever excludes the true difference is at most `α`. Returns `(low, high, p)` where `p`
/// is the always-valid p-value, the smallest `α` at which the sequence excludes 0.
pub fn confidence_sequence(
    diff: f64,
    se: f64,
    t: f64,
    t_star: f64,
    alpha: f64,
) -> Option<(f64, f64, f64)> {
    if !(se > 0.0
        && se.is_finite()
        && t >= 1.0
        && t_star >= 1.0
        && alpha > 0.0
        && alpha < 1.0
        && diff.is_finite())
    {
        return None;
    }
    let l = -2.0 * alpha.ln();
    let rho2 = (l + (l + 1.0).ln()) / t_star;
    let sigma2 = t * se * se;
    let v = t * rho2 + 1.0;
    let half = (sigma2 * 2.0 * v / (t * t * rho2) * (v.sqrt() / alpha).ln()).sqrt();
    let p = (v.sqrt() * (-diff * diff * t * t * rho2 / (2.0 * sigma2 * v)).exp()).min(1.0);
    Some((diff - half, diff + half, p))
}

#[cfg(test)]
mod tests;
