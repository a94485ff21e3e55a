//! Every figure against scipy / statsmodels (tests/fixtures/stats/tests.json).

use serde_json::Value;

use super::*;

fn fixture() -> Value {
    serde_json::from_str(include_str!("../../../../tests/fixtures/stats/tests.json"))
        .expect("fixture")
}

fn f(v: &Value) -> f64 {
    v.as_f64().expect("number")
}

/// Relative agreement to `rel`, or absolute below 1e-300 (both effectively zero).
fn close(got: f64, want: f64, rel: f64) -> bool {
    (got - want).abs() <= rel * want.abs().max(1e-300)
        || (got.abs() < 1e-300 && want.abs() < 1e-300)
}

#[track_caller]
fn check(what: &str, got: f64, want: f64, rel: f64) {
    assert!(
        close(got, want, rel),
        "{what}: got {got:e}, scipy says {want:e}"
    );
}

#[test]
fn normal_distribution() {
    let fx = fixture();
    for c in fx["normal"].as_array().expect("cases") {
        let x = f(&c["x"]);
        check(&format!("cdf({x})"), normal_cdf(x), f(&c["cdf"]), 1e-12);
        check(&format!("sf({x})"), normal_sf(x), f(&c["sf"]), 1e-12);
    }
    for c in fx["normal_ppf"].as_array().expect("cases") {
        let p = f(&c["p"]);
        check(
            &format!("ppf({p})"),
            normal_ppf(p).expect("in range"),
            f(&c["ppf"]),
            1e-9,
        );
    }
    assert_eq!(normal_ppf(0.0), None);
    assert_eq!(normal_ppf(1.0), None);
}

#[test]
fn student_t_distribution() {
    let fx = fixture();
    for c in fx["student_t"].as_array().expect("cases") {
        let (x, df) = (f(&c["x"]), f(&c["df"]));
        check(
            &format!("t cdf({x}, {df})"),
            t_cdf(x, df).expect("df > 0"),
            f(&c["cdf"]),
            1e-9,
        );
        check(
            &format!("t sf({x}, {df})"),
            t_sf(x, df).expect("df > 0"),
            f(&c["sf"]),
            1e-9,
        );
    }
    for c in fx["student_t_ppf"].as_array().expect("cases") {
        let (p, df) = (f(&c["p"]), f(&c["df"]));
        check(
            &format!("t ppf({p}, {df})"),
            t_ppf(p, df).expect("ok"),
            f(&c["ppf"]),
            1e-8,
        );
    }
    assert_eq!(t_cdf(1.0, 0.0), None);
    assert_eq!(t_ppf(0.5, f64::NAN), None);
}

#[test]
fn chi_square_and_incomplete_beta() {
    let fx = fixture();
    for c in fx["chi2_sf"].as_array().expect("cases") {
        let (x, df) = (f(&c["x"]), f(&c["df"]));
        check(
            &format!("chi2 sf({x}, {df})"),
            chi2_sf(x, df).expect("ok"),
            f(&c["sf"]),
            1e-9,
        );
    }
    for c in fx["beta_inc"].as_array().expect("cases") {
        let (a, b, x) = (f(&c["a"]), f(&c["b"]), f(&c["x"]));
        check(
            &format!("I_{x}({a}, {b})"),
            beta_inc(a, b, x).expect("ok"),
            f(&c["value"]),
            1e-9,
        );
    }
}

/// Where statrs alone falls short: Betas of 10⁵–10⁶ units near their means, and t quantiles
/// at the degrees of freedom of large tests.
#[test]
fn large_samples() {
    let fx = fixture();
    let mut statrs_off = 0;
    for c in fx["beta_inc_large"].as_array().expect("cases") {
        let (a, b, x) = (f(&c["a"]), f(&c["b"]), f(&c["x"]));
        check(
            &format!("I_{x}({a}, {b})"),
            beta_inc(a, b, x).expect("ok"),
            f(&c["value"]),
            1e-9,
        );
        let statrs = statrs::function::beta::checked_beta_reg(a, b, x).expect("computes");
        statrs_off += usize::from(!close(statrs, f(&c["value"]), 1e-6));
    }
    assert!(statrs_off > 0, "statrs' own beta_reg would do here");
    // t tails at df up to 3·10⁷. (The `special` crate's AS 63, the other kept incomplete
    // beta, is off by 3·10⁻⁷ at df = 3·10⁷, t = 0.001: it cannot be given 1 − x directly.)
    for c in fx["student_t_large"].as_array().expect("cases") {
        let (x, df) = (f(&c["x"]), f(&c["df"]));
        check(
            &format!("t sf({x}, {df})"),
            t_sf(x, df).expect("ok"),
            f(&c["sf"]),
            1e-9,
        );
        check(
            &format!("t cdf({x}, {df})"),
            t_cdf(x, df).expect("ok"),
            f(&c["cdf"]),
            1e-9,
        );
    }
    for c in fx["student_t_ppf_large"].as_array().expect("cases") {
        let (p, df) = (f(&c["p"]), f(&c["df"]));
        check(
            &format!("t ppf({p}, {df})"),
            t_ppf(p, df).expect("ok"),
            f(&c["ppf"]),
            1e-9,
        );
    }
}

#[test]
fn welch_t_test() {
    let fx = fixture();
    let w = &fx["welch"];
    let values = |k: &str| -> Vec<f64> { w[k].as_array().expect("values").iter().map(f).collect() };
    let r = welch(
        Summary::of(&values("control")),
        Summary::of(&values("treatment")),
        0.95,
    )
    .expect("computes");
    check("t", r.t, f(&w["t"]), 1e-10);
    check("df", r.df, f(&w["df"]), 1e-10);
    check("p", r.p, f(&w["p"]), 1e-9);
    // The interval holds the difference and is symmetric around it.
    assert!(r.low < r.diff && r.diff < r.high);
    assert!(((r.high - r.diff) - (r.diff - r.low)).abs() < 1e-12);
    let one = Summary::of(&[1.0]);
    assert_eq!(welch(one, one, 0.95), None);
    let flat = Summary::of(&[2.0, 2.0, 2.0]);
    assert_eq!(welch(flat, flat, 0.95), None, "no variance: no test");
}

#[test]
fn two_proportion_z_test_and_sample_ratio_mismatch() {
    let fx = fixture();
    let tp = &fx["two_proportions"];
    let (z, p) = two_proportions(530.0, 10_000.0, 480.0, 10_000.0).expect("computes");
    // statsmodels tests the first minus the second; ours is treatment (second) minus control.
    check("z", -z, f(&tp["z"]), 1e-12);
    check("p", p, f(&tp["p"]), 1e-10);
    for c in fx["srm"].as_array().expect("cases") {
        let observed: Vec<u64> = c["observed"]
            .as_array()
            .expect("o")
            .iter()
            .map(|v| v.as_u64().expect("count"))
            .collect();
        let weights: Vec<f64> = c["weights"].as_array().expect("w").iter().map(f).collect();
        let (chi2, p) = srm(&observed, &weights).expect("computes");
        check("chi2", chi2, f(&c["chi2"]), 1e-12);
        check("p", p, f(&c["p"]), 1e-9);
    }
    assert_eq!(srm(&[10, 10], &[1.0]), None);
    assert_eq!(srm(&[0, 0], &[1.0, 1.0]), None);
    assert_eq!(srm(&[5, 5], &[1.0, -1.0]), None);
}

#[test]
fn relative_lift_by_the_delta_method() {
    let fx = fixture();
    let w = &fx["welch"];
    let values = |k: &str| -> Vec<f64> { w[k].as_array().expect("values").iter().map(f).collect() };
    let (lift, low, high) = relative_lift(
        Summary::of(&values("control")),
        Summary::of(&values("treatment")),
        0.95,
    )
    .expect("computes");
    let r = &fx["relative_lift"];
    check("lift", lift, f(&r["lift"]), 1e-9);
    check("low", low, f(&r["low"]), 1e-9);
    check("high", high, f(&r["high"]), 1e-9);
    let zero = Summary {
        n: 10.0,
        mean: 0.0,
        var: 1.0,
    };
    assert_eq!(relative_lift(zero, zero, 0.95), None);
}

#[test]
fn holm_and_benjamini_hochberg() {
    let fx = fixture();
    let mt = &fx["multiple_testing"];
    let list = |k: &str| -> Vec<f64> { mt[k].as_array().expect("list").iter().map(f).collect() };
    let p = list("p");
    for (got, want) in holm(&p).iter().zip(list("holm")) {
        check("holm", *got, want, 1e-12);
    }
    for (got, want) in benjamini_hochberg(&p).iter().zip(list("bh")) {
        check("bh", *got, want, 1e-12);
    }
    assert!(holm(&[]).is_empty());
}

#[test]
fn power_sample_size_and_minimum_effect() {
    let fx = fixture();
    for c in fx["power_means"].as_array().expect("cases") {
        let (d, alpha, target, n1) = (f(&c["d"]), f(&c["alpha"]), f(&c["power"]), f(&c["n1"]));
        check(
            "n",
            sample_size(d, alpha, target).expect("n"),
            f(&c["n"]),
            1e-9,
        );
        check(
            "power",
            power(d, n1, alpha).expect("power"),
            f(&c["power_at_n"]),
            1e-9,
        );
        check(
            "mde",
            minimum_effect(n1, alpha, target).expect("mde"),
            f(&c["mde_at_n"]),
            1e-9,
        );
    }
    for c in fx["power_proportions"].as_array().expect("cases") {
        let h = cohen_h(f(&c["p1"]), f(&c["p2"]));
        check("h", h, f(&c["h"]), 1e-12);
        check("n", sample_size(h, 0.05, 0.8).expect("n"), f(&c["n"]), 1e-9);
    }
    assert_eq!(sample_size(0.0, 0.05, 0.8), None, "no effect, no size");
    assert_eq!(power(0.2, 0.0, 0.05), None);
}

#[test]
fn bayesian_chance_to_beat_and_expected_loss() {
    let fx = fixture();
    for c in fx["beta_chance_to_beat"].as_array().expect("cases") {
        let (ctl, trt) = (&c["control"], &c["treatment"]);
        let (chance, loss) =
            beta_chance_to_beat(f(&ctl[0]), f(&ctl[1]), f(&trt[0]), f(&trt[1])).expect("computes");
        check("chance", chance, f(&c["chance"]), 1e-9);
        check("loss", loss, f(&c["loss"]), 1e-9);
    }
    for c in fx["normal_chance_to_beat"].as_array().expect("cases") {
        let (chance, loss) = normal_chance_to_beat(f(&c["diff"]), f(&c["se"])).expect("computes");
        check("chance", chance, f(&c["chance"]), 1e-12);
        check("loss", loss, f(&c["loss"]), 1e-9);
    }
    assert_eq!(
        beta_chance_to_beat(5.0, 4.0, 1.0, 10.0),
        None,
        "more successes than units"
    );
    assert_eq!(normal_chance_to_beat(1.0, 0.0), None);
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array().expect("list").iter().map(f).collect()
}

#[test]
fn ratio_metrics_by_the_delta_method() {
    let fx = fixture();
    for arm in ["control", "treatment"] {
        let c = &fx["ratio"][arm];
        let r = ratio(&floats(&c["num"]), &floats(&c["den"])).expect("computes");
        check("ratio", r.ratio, f(&c["ratio"]), 1e-12);
        check("var", r.var, f(&c["var"]), 1e-9);
    }
    assert_eq!(ratio(&[1.0, 2.0], &[0.0, 0.0]), None);
}

#[test]
fn cuped_adjusts_with_a_pooled_theta() {
    let fx = fixture();
    let c = &fx["cuped"];
    let r = cuped(
        &floats(&c["control_y"]),
        &floats(&c["control_x"]),
        &floats(&c["treatment_y"]),
        &floats(&c["treatment_x"]),
    )
    .expect("computes");
    check("theta", r.theta, f(&c["theta"]), 1e-10);
    check(
        "effect",
        r.treatment.mean - r.control.mean,
        f(&c["effect"]),
        1e-9,
    );
    let se = (r.control.var / r.control.n + r.treatment.var / r.treatment.n).sqrt();
    check("se", se, f(&c["se"]), 1e-9);
    check("reduction", r.reduction, f(&c["reduction"]), 1e-9);
    assert_eq!(cuped(&[1.0], &[1.0], &[1.0, 2.0], &[1.0, 2.0]), None);
}

/// SplitMix64 (Steele, Lea and Flood, 2014): a seeded stream for the simulation below, so it
/// gives the same figures on every run and machine.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in (0, 1).
    fn uniform(&mut self) -> f64 {
        ((self.next() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// Standard normal (Box–Muller; the second value is thrown away, it costs nothing here).
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform(), self.uniform());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// Running sums of one arm.
#[derive(Default)]
struct Arm {
    n: f64,
    sum: f64,
    squares: f64,
}

impl Arm {
    fn push(&mut self, x: f64) {
        self.n += 1.0;
        self.sum += x;
        self.squares += x * x;
    }
    fn mean(&self) -> f64 {
        self.sum / self.n
    }
    fn var(&self) -> f64 {
        (self.squares - self.sum * self.sum / self.n) / (self.n - 1.0)
    }
}

/// The share of simulated streams whose interval held the true difference at every look:
/// (the confidence sequence, the fixed-horizon z interval at the same level). Each stream adds
/// one unit to each arm at a time (`draw(rng, arm)` gives a unit's value) and looks every
/// `every` pairs from `first` to `pairs`, as an analyst refreshing the page would.
fn time_uniform_coverage(
    seed: u64,
    streams: usize,
    (first, every, pairs): (usize, usize, usize),
    truth: f64,
    t_star: f64,
    alpha: f64,
    draw: impl Fn(&mut SplitMix, usize) -> f64,
) -> (f64, f64) {
    let mut rng = SplitMix(seed);
    let z = normal_ppf(1.0 - alpha / 2.0).expect("z");
    let (mut sequence_held, mut fixed_held) = (0_usize, 0_usize);
    for _ in 0..streams {
        let (mut control, mut treatment) = (Arm::default(), Arm::default());
        let (mut sequence_ok, mut fixed_ok) = (true, true);
        for i in 1..=pairs {
            control.push(draw(&mut rng, 0));
            treatment.push(draw(&mut rng, 1));
            if i < first || i % every != 0 {
                continue;
            }
            let diff = treatment.mean() - control.mean();
            let se = (control.var() / control.n + treatment.var() / treatment.n).sqrt();
            let (low, high, _) =
                confidence_sequence(diff, se, control.n + treatment.n, t_star, alpha)
                    .expect("a sequence");
            sequence_ok &= low <= truth && truth <= high;
            fixed_ok &= (diff - truth).abs() <= z * se;
        }
        sequence_held += usize::from(sequence_ok);
        fixed_held += usize::from(fixed_ok);
    }
    (
        sequence_held as f64 / streams as f64,
        fixed_held as f64 / streams as f64,
    )
}

/// An independent check of [`confidence_sequence`]: not against another implementation of
/// the same formula, but against what it promises. Over many simulated experiments, each
/// looked at 100 times, the sequence must hold the true difference at *every* look in at
/// least 1 − α of them (up to the simulation's noise), where the fixed-horizon interval at
/// the same level, looked at as often, does clearly worse (peeking).
#[test]
fn confidence_sequences_hold_at_every_look_and_fixed_intervals_do_not() {
    let alpha = 0.05;
    // 1,000 streams: the coverage's standard error at 0.95 is about 0.007.
    let streams = 1000;
    // Normal values with unequal spreads and a true lift of 0.3.
    let normal = |rng: &mut SplitMix, arm: usize| {
        if arm == 0 {
            10.0 + 2.0 * rng.normal()
        } else {
            10.3 + 3.0 * rng.normal()
        }
    };
    // Rates of 20% and 23%: the asymptotic sequence needs no normal data.
    let rate = |rng: &mut SplitMix, arm: usize| {
        let p = if arm == 0 { 0.20 } else { 0.23 };
        f64::from(u8::from(rng.uniform() < p))
    };
    for (what, seed, truth, draw) in [
        (
            "normal",
            20261125,
            0.3,
            &normal as &dyn Fn(&mut SplitMix, usize) -> f64,
        ),
        ("rates", 7, 0.03, &rate),
    ] {
        // Looks every 20 pairs from 20 to 2,000 (40 to 4,000 units), tuned for 2,000 units.
        let (sequence, fixed) =
            time_uniform_coverage(seed, streams, (20, 20, 2000), truth, 2000.0, alpha, draw);
        assert!(
            sequence >= 1.0 - alpha - 0.02,
            "{what}: the sequence held in {sequence} of streams"
        );
        assert!(
            fixed <= 1.0 - alpha - 0.15,
            "{what}: the fixed interval held in {fixed} of streams; peeking should break it"
        );
        assert!(sequence - fixed > 0.15, "{what}: {sequence} vs {fixed}");
    }
    // Not by being uselessly wide: at the planned size it is about 1.5 fixed intervals wide
    // (±3.03·se against ±1.96·se at α = 0.05).
    let (low, high, _) = confidence_sequence(0.0, 1.0, 2000.0, 2000.0, alpha).expect("sequence");
    let ratio = (high - low) / 2.0 / normal_ppf(1.0 - alpha / 2.0).expect("z");
    assert!((1.5..1.6).contains(&ratio), "{ratio}");
}
