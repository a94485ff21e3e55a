//! The whole report on tests/fixtures/csv/ab_test.csv against scipy / statsmodels / numpy
//! (tests/fixtures/stats/experiment.json, made by make_experiment.py).

use polars::prelude::*;
use quire_protocol::experiment::{
    CheckKind, Correction, Decision, Direction, DuplicatePolicy, ExperimentError, Metric,
    MetricKind, PlanMetric, Role, Warning, Weight,
};
use quire_words::{Lang, Text, verdict_lines};
use serde_json::Value;

use super::*;
use crate::kinds::plan::plan;
use quire_protocol::experiment::PlanSpec;

fn fixture() -> Value {
    serde_json::from_str(include_str!(
        "../../../../../tests/fixtures/stats/experiment.json"
    ))
    .expect("fixture")
}

fn table() -> DataFrame {
    crate::testing::read_fixture(include_bytes!(
        "../../../../../tests/fixtures/csv/ab_test.csv"
    ))
}

/// The 2:1:1 dataset: a lower-is-better rate, missing ratio parts and covariates.
fn split_table() -> DataFrame {
    crate::testing::read_fixture(include_bytes!(
        "../../../../../tests/fixtures/csv/ab_split.csv"
    ))
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("a number: {v}"))
}

/// Relative agreement to 1e-9; p-values below 1e-10 on a log scale (to 1e-9 of their log).
#[track_caller]
fn check(what: &str, got: f64, want: f64) {
    let ok = if want > 0.0 && want < 1e-10 {
        got > 0.0 && (got.ln() - want.ln()).abs() <= 1e-9 * want.ln().abs()
    } else {
        (got - want).abs() <= 1e-9 * want.abs().max(1e-300)
    };
    assert!(ok, "{what}: got {got:e}, the reference says {want:e}");
}

#[track_caller]
fn check_estimate(what: &str, got: &Estimate, want: &Value) {
    check(&format!("{what} value"), got.value, f(&want[0]));
    check(&format!("{what} low"), got.low, f(&want[1]));
    check(&format!("{what} high"), got.high, f(&want[2]));
}

#[test]
fn every_figure_matches_the_references() {
    let (ab, split) = (table(), split_table());
    let cases = fixture()["experiments"].as_array().expect("cases").clone();
    assert_eq!(cases.len(), 5, "every reference case is compared");
    for case in &cases {
        let spec: ExperimentSpec = serde_json::from_value(case["spec"].clone()).expect("spec");
        let data = case["data"].as_str().unwrap_or("ab_test.csv");
        let frame = if data == "ab_split.csv" { &split } else { &ab };
        let report = analyse(frame, &spec).expect("analyses");
        let name = format!("{data} {:?}/{:?}", spec.duplicates, spec.correction);
        assert_eq!(
            report.units,
            case["units"].as_u64().expect("units"),
            "{name}"
        );
        assert_eq!(report.rows, case["rows"].as_u64().expect("rows"), "{name}");
        assert_eq!(
            report.missing_variant,
            case["missing_variant"].as_u64().expect("n"),
            "{name}"
        );
        let dup = &case["duplicates"];
        assert_eq!(
            report.duplicates.repeated_units,
            dup["repeated_units"].as_u64().expect("n")
        );
        assert_eq!(
            report.duplicates.mixed_units,
            dup["mixed_units"].as_u64().expect("n")
        );
        assert_eq!(
            report.duplicates.dropped_rows,
            dup["dropped_rows"].as_u64().expect("n")
        );
        let arms: Vec<(String, u64)> = report
            .arms
            .iter()
            .map(|a| (a.variant.clone(), a.units))
            .collect();
        let want: Vec<(String, u64)> = case["arms"]
            .as_array()
            .expect("arms")
            .iter()
            .map(|a| {
                (
                    a["variant"].as_str().expect("v").to_owned(),
                    a["units"].as_u64().expect("n"),
                )
            })
            .collect();
        assert_eq!(arms, want, "{name}");
        let srm = report.srm.expect("srm");
        check("srm chi2", srm.chi2, f(&case["srm"][0]));
        check("srm p", srm.p, f(&case["srm"][1]));
        // The check follows the p-value, and a passing check gives a verdict.
        assert_eq!(report.checks_passed(), srm.p >= SRM_ALPHA, "{name}");
        assert_eq!(report.verdict.is_some(), report.checks_passed(), "{name}");

        let results = case["results"].as_array().expect("results");
        assert_eq!(report.results.len(), results.len(), "{name}");
        for (got, want) in report.results.iter().zip(results) {
            let what = format!("{name} {} {}", got.metric, got.treatment);
            assert_eq!(
                got.metric,
                want["metric"].as_str().expect("metric"),
                "{what}"
            );
            assert_eq!(
                got.treatment,
                want["treatment"].as_str().expect("t"),
                "{what}"
            );
            for (arm, w) in [
                (&got.control_stats, &want["control"]),
                (&got.treatment_stats, &want["treatment_stats"]),
            ] {
                assert_eq!(arm.n, w["n"].as_u64().expect("n"), "{what} n");
                assert_eq!(arm.left_out, w["left_out"].as_u64().expect("n"), "{what}");
                check(&format!("{what} mean"), arm.mean, f(&w["mean"]));
                check(&format!("{what} sd"), arm.sd, f(&w["sd"]));
            }
            check_estimate(
                &format!("{what} absolute"),
                &got.absolute,
                &want["absolute"],
            );
            check_estimate(
                &format!("{what} relative"),
                &got.relative.expect("relative"),
                &want["relative"],
            );
            check(&format!("{what} t"), got.t, f(&want["t"]));
            check(&format!("{what} df"), got.df, f(&want["df"]));
            check(&format!("{what} p"), got.p, f(&want["p"]));
            match (&got.z_test, want.get("z")) {
                (Some(z), Some(w)) => {
                    check(&format!("{what} z"), z.z, f(&w[0]));
                    check(&format!("{what} z p"), z.p, f(&w[1]));
                }
                (None, None) => {}
                other => panic!("{what}: z-test {other:?}"),
            }
            let bayes = got.bayes.expect("bayes");
            check(
                &format!("{what} chance"),
                bayes.chance_to_beat,
                f(&want["bayes"][0]),
            );
            check(
                &format!("{what} loss"),
                bayes.expected_loss,
                f(&want["bayes"][1]),
            );
            match (&got.cuped, want.get("cuped")) {
                (Some(c), Some(w)) => {
                    check(&format!("{what} theta"), c.theta, f(&w["theta"]));
                    check_estimate(&format!("{what} cuped"), &c.absolute, &w["absolute"]);
                    check(&format!("{what} cuped p"), c.p, f(&w["p"]));
                    check(
                        &format!("{what} reduction"),
                        c.variance_reduction,
                        f(&w["reduction"]),
                    );
                    assert_eq!(
                        c.left_out,
                        w["left_out"].as_u64().expect("n"),
                        "{what} units without a covariate"
                    );
                    assert!(
                        c.variance_reduction > 0.3,
                        "pre-period revenue explains much"
                    );
                }
                (None, None) => {}
                other => panic!("{what}: cuped {other:?}"),
            }
            match (&got.sequential, want.get("sequential")) {
                (Some(s), Some(w)) => {
                    check(&format!("{what} seq low"), s.low, f(&w[0]));
                    check(&format!("{what} seq high"), s.high, f(&w[1]));
                    check(&format!("{what} seq p"), s.p, f(&w[2]));
                    // Always-valid intervals are wider than fixed-horizon ones.
                    assert!(
                        s.low < got.absolute.low && s.high > got.absolute.high,
                        "{what}"
                    );
                }
                (None, None) => {}
                other => panic!("{what}: sequential {other:?}"),
            }
            check(
                &format!("{what} adjusted"),
                got.adjusted_p,
                f(&want["adjusted_p"]),
            );
            let outcome = serde_json::to_value(got.outcome).expect("json");
            assert_eq!(outcome, want["outcome"], "{what}");
        }
    }
}

/// ab_split.csv: intended 2:1:1 and drawn so, a rate where lower is better, ratio parts and
/// covariates missing for some units; the figures themselves are compared above.
#[test]
fn an_unequal_split_as_intended_passes_and_lower_is_better() {
    let cases = fixture()["experiments"].as_array().expect("cases").clone();
    let split: Vec<&Value> = cases
        .iter()
        .filter(|c| c["data"] == "ab_split.csv")
        .collect();
    assert_eq!(split.len(), 2);
    let frame = split_table();
    let holm: ExperimentSpec = serde_json::from_value(split[0]["spec"].clone()).expect("spec");
    let report = analyse(&frame, &holm).expect("analyses");
    // The sample-ratio check is against the 2:1:1 weights, not an equal split.
    let shares: Vec<f64> = report.arms.iter().map(|a| a.expected_share).collect();
    assert_eq!(shares, [0.5, 0.25, 0.25]);
    assert!(report.checks_passed(), "{:?}", report.checks);
    let equal = ExperimentSpec {
        weights: Vec::new(),
        ..holm.clone()
    };
    assert!(
        !analyse(&frame, &equal).expect("analyses").checks_passed(),
        "the same arms against an equal split fail"
    );
    let result = |r: &ExperimentReport, metric: &str, t: &str| {
        r.results
            .iter()
            .find(|x| x.metric == metric && x.treatment == t)
            .expect("result")
            .clone()
    };
    // Fewer bounces is better: the chance to beat is that the treatment's rate is lower.
    let bounce = result(&report, "bounced", "short_page");
    assert!(bounce.absolute.value < 0.0);
    assert!(bounce.bayes.expect("bayes").chance_to_beat > 0.95);
    // Ratio units missing either part are left out, and warned about.
    let ratio = result(&report, "clicks/sessions", "big_button");
    assert!(ratio.control_stats.left_out > 0 && ratio.treatment_stats.left_out > 0);
    assert!(report.warnings.contains(&Warning::MissingValues {
        metric: "clicks/sessions".into(),
        variant: "control".into(),
        left_out: ratio.control_stats.left_out,
    }));
    // CUPED leaves out units without a covariate; the plain comparison keeps them.
    let revenue = result(&report, "revenue", "big_button");
    assert_eq!(revenue.control_stats.left_out, 0);
    assert!(revenue.cuped.expect("cuped").left_out > 0);
    // Fixed-horizon Benjamini–Hochberg finds the bounce drop Holm's correction does not.
    assert_eq!(bounce.outcome, Outcome::Flat);
    let bh: ExperimentSpec = serde_json::from_value(split[1]["spec"].clone()).expect("spec");
    assert_eq!(
        (bh.correction, bh.sequential),
        (Correction::BenjaminiHochberg, false)
    );
    let report = analyse(&frame, &bh).expect("analyses");
    assert_eq!(
        result(&report, "bounced", "short_page").outcome,
        Outcome::Better
    );
    assert!(report.results.iter().all(|r| r.sequential.is_none()));
    let verdict = report.verdict.as_ref().expect("verdict");
    let call = verdict
        .calls
        .iter()
        .find(|c| c.treatment == "short_page")
        .expect("call");
    assert_eq!(call.improved, vec!["bounced"]);
}

fn base_spec() -> ExperimentSpec {
    let mut spec = ExperimentSpec::new("user_id", "variant", "control");
    spec.metrics = vec![
        Metric::new(
            MetricKind::Binomial {
                column: "converted".into(),
            },
            Role::Goal,
        ),
        Metric {
            direction: Direction::Lower,
            ..Metric::new(
                MetricKind::Mean {
                    column: "latency_ms".into(),
                },
                Role::Guardrail,
            )
        },
    ];
    spec
}

#[test]
fn checks_warnings_and_the_verdict() {
    let frame = table();
    let report = analyse(&frame, &base_spec()).expect("analyses");
    assert!(report.checks_passed(), "{:?}", report.checks);
    assert!(
        report
            .warnings
            .contains(&Warning::MissingVariant { rows: 15 })
    );
    assert!(report.warnings.iter().any(|w| matches!(
        w,
        Warning::Duplicates {
            repeated_units: 20,
            dropped_rows: 20
        }
    )));
    let verdict = report.verdict.as_ref().expect("a verdict");
    assert!(!verdict.provisional);
    let call = |t: &str| {
        verdict
            .calls
            .iter()
            .find(|c| c.treatment == t)
            .expect("call")
    };
    assert_eq!(call("new_checkout").decision, Decision::Ship);
    assert_eq!(call("new_checkout").improved, vec!["converted"]);
    assert_eq!(call("new_checkout").guardrails_held, vec!["latency_ms"]);
    assert_eq!(call("new_banner").decision, Decision::DoNotShip);
    assert_eq!(call("new_banner").worsened, vec!["latency_ms"]);

    let en = verdict_lines(&report, Lang::En).join("\n");
    assert!(en.contains("new_checkout: converted improved by +"), "{en}");
    assert!(en.contains("95% CI"), "{en}");
    assert!(en.contains("new_checkout: ship it"), "{en}");
    assert!(
        en.contains("new_banner: do not ship. latency_ms got worse"),
        "{en}"
    );
    let ko = verdict_lines(&report, Lang::Ko).join("\n");
    assert!(
        ko.contains("출시하세요") && ko.contains("출시하지 마세요"),
        "{ko}"
    );
    assert!(ko.contains("신뢰구간"), "{ko}");
}

#[test]
fn a_sample_ratio_mismatch_withholds_the_verdict() {
    let mut spec = base_spec();
    spec.weights = vec![
        Weight {
            variant: "control".into(),
            weight: 2.0,
        },
        Weight {
            variant: "new_checkout".into(),
            weight: 1.0,
        },
        Weight {
            variant: "new_banner".into(),
            weight: 1.0,
        },
    ];
    let report = analyse(&table(), &spec).expect("analyses");
    assert!(!report.checks_passed());
    assert!(report.verdict.is_none());
    let arm = &report.arms[0];
    assert!((arm.expected_share - 0.5).abs() < 1e-12);
    assert!((arm.observed_share - 2039.0 / 5985.0).abs() < 1e-12);
    let lines = verdict_lines(&report, Lang::En);
    assert!(lines[0].contains("sample-ratio mismatch"), "{lines:?}");
    assert!(lines.last().expect("line").starts_with("No verdict"));
    assert!(!lines.iter().any(|l| l.contains("ship")), "{lines:?}");
    // The same in Korean: no decision, and the line that says so.
    let ko = verdict_lines(&report, Lang::Ko);
    assert_eq!(
        ko.last().map(String::as_str),
        Some("판정 없음: 실패한 검사를 먼저 해결하세요."),
        "{ko:?}"
    );
    assert!(
        !ko.iter().any(|l| l.contains("출시")),
        "no ship or do-not-ship line: {ko:?}"
    );
    // Results are still there to look at; only the verdict is withheld.
    assert_eq!(report.results.len(), 4);
    // An unknown variant and a missing control are checks too.
    spec.weights.pop();
    spec.control = "nobody".into();
    let report = analyse(&table(), &spec).expect("analyses");
    let failed: Vec<&CheckKind> = report
        .checks
        .iter()
        .filter(|c| !c.passed)
        .map(|c| &c.kind)
        .collect();
    assert!(
        failed
            .iter()
            .any(|k| matches!(k, CheckKind::ControlPresent { .. }))
    );
    assert!(failed.iter().any(|k| matches!(
        k,
        CheckKind::KnownVariants { unexpected } if unexpected == &["new_banner"]
    )));
    assert!(report.results.is_empty() && report.verdict.is_none());
}

#[test]
fn peeking_before_the_plan_is_provisional_and_sequential_is_not() {
    let mut spec = base_spec();
    spec.planned_per_arm = Some(5000);
    let report = analyse(&table(), &spec).expect("analyses");
    assert!(report.warnings.iter().any(|w| matches!(
        w,
        Warning::Peeking {
            planned_per_arm: 5000,
            smallest_arm: 1952
        }
    )));
    assert!(report.verdict.as_ref().expect("verdict").provisional);
    assert!(verdict_lines(&report, Lang::En)[0].starts_with("Provisional"));
    spec.sequential = true;
    let report = analyse(&table(), &spec).expect("analyses");
    assert!(
        !report
            .warnings
            .iter()
            .any(|w| matches!(w, Warning::Peeking { .. }))
    );
    assert!(report.results.iter().all(|r| r.sequential.is_some()));
}

#[test]
fn drop_mixed_and_small_arms() {
    let mut spec = base_spec();
    spec.duplicates = DuplicatePolicy::DropMixed;
    spec.correction = Correction::BenjaminiHochberg;
    let report = analyse(&table(), &spec).expect("analyses");
    assert_eq!(report.duplicates.mixed_units, 8);
    assert_eq!(report.units, 5977);
    let small = table().head(Some(150));
    let report = analyse(&small, &base_spec()).expect("analyses");
    assert!(
        report
            .warnings
            .iter()
            .any(|w| matches!(w, Warning::SmallArm { .. }))
    );
    assert!(
        report
            .warnings
            .iter()
            .any(|w| matches!(w, Warning::FewEvents { .. }))
    );
}

#[test]
fn bad_setups_are_typed_errors() {
    let frame = table();
    let mut spec = base_spec();
    spec.metrics[0].kind = MetricKind::Binomial {
        column: "sessions".into(),
    };
    assert!(matches!(
        analyse(&frame, &spec),
        Err(ExperimentError::NotBinary { column, .. }) if column == "sessions"
    ));
    spec.metrics[0].kind = MetricKind::Mean {
        column: "variant".into(),
    };
    assert!(matches!(
        analyse(&frame, &spec),
        Err(ExperimentError::NotNumeric { .. })
    ));
    spec.metrics[0].kind = MetricKind::Mean {
        column: "nope".into(),
    };
    assert!(matches!(
        analyse(&frame, &spec),
        Err(ExperimentError::MissingColumn { .. })
    ));
    let mut spec = base_spec();
    spec.confidence = 1.5;
    let refused = analyse(&frame, &spec).expect_err("refused");
    assert_eq!(refused, out_of_range(Setting::Confidence));
    // The message names the setting in the reader's language, nothing left in English.
    assert!(refused.text(Lang::En).starts_with("confidence must be"));
    let ko = refused.text(Lang::Ko);
    assert!(
        ko.contains("신뢰 수준") && !ko.contains("confidence"),
        "{ko}"
    );
    spec.confidence = f64::NAN;
    assert_eq!(
        analyse(&frame, &spec),
        Err(out_of_range(Setting::Confidence))
    );
    let mut spec = base_spec();
    spec.weights = vec![Weight {
        variant: "control".into(),
        weight: -1.0,
    }];
    assert_eq!(
        analyse(&frame, &spec),
        Err(out_of_range(Setting::Weight {
            variant: "control".into()
        }))
    );
    let mut spec = base_spec();
    spec.planned_per_arm = Some(0);
    assert_eq!(
        analyse(&frame, &spec),
        Err(out_of_range(Setting::PlannedPerArm))
    );
    let mut spec = base_spec();
    spec.metrics.clear();
    assert_eq!(analyse(&frame, &spec), Err(ExperimentError::NoMetrics));
    let mut spec = base_spec();
    spec.metrics[0] = Metric {
        covariate: Some("pre_revenue".into()),
        ..Metric::new(
            MetricKind::Ratio {
                numerator: "clicks".into(),
                denominator: "sessions".into(),
            },
            Role::Goal,
        )
    };
    assert!(matches!(
        analyse(&frame, &spec),
        Err(ExperimentError::CupedOnRatio { .. })
    ));
    // An empty table analyses to "no control" instead of failing.
    let report = analyse(&frame.head(Some(0)), &base_spec()).expect("analyses");
    assert!(!report.checks_passed() && report.results.is_empty());
}

#[test]
fn plans_match_statsmodels() {
    for case in fixture()["plans"].as_array().expect("plans") {
        let spec: PlanSpec = serde_json::from_value(case["spec"].clone()).expect("spec");
        let report = plan(&spec).expect("plans");
        assert_eq!(report.per_arm, case["per_arm"].as_u64().expect("n"));
        check("d", report.standardised_effect.abs(), f(&case["d"]).abs());
        let given = report.given.expect("given");
        check("power", given.power, f(&case["given_power"]));
        check("detectable", given.detectable, f(&case["given_detectable"]));
        let stages = case["stages"].as_array().expect("stages");
        assert_eq!(report.stages.len(), stages.len());
        for (got, want) in report.stages.iter().zip(stages) {
            check("per day", got.per_arm_per_day, f(&want["per_arm_per_day"]));
            assert_eq!(got.days_needed, want["days_needed"].as_u64().expect("days"));
            check("stage detectable", got.detectable, f(&want["detectable"]));
        }
        // More traffic, fewer days and smaller detectable effects.
        assert!(
            report
                .stages
                .windows(2)
                .all(|w| w[0].days_needed >= w[1].days_needed && w[0].detectable > w[1].detectable)
        );
    }
    let bad = |s: PlanSpec| plan(&s).expect_err("refused");
    let p = |b| PlanMetric::Proportion { baseline: b };
    assert_eq!(
        bad(PlanSpec::new(p(1.5), 0.1)),
        out_of_range(Setting::BaselineRate)
    );
    assert_eq!(
        bad(PlanSpec::new(p(0.95), 0.1)),
        out_of_range(Setting::EffectBeyondRate)
    );
    assert_eq!(
        bad(PlanSpec::new(p(0.1), 0.0)),
        out_of_range(Setting::Effect)
    );
    assert_eq!(
        bad(PlanSpec::new(p(0.1), 1e-200)),
        out_of_range(Setting::EffectTooSmall)
    );
    let mut s = PlanSpec::new(p(0.1), 0.05);
    s.alpha = 0.0;
    assert_eq!(bad(s.clone()), out_of_range(Setting::Alpha));
    s.alpha = 0.05;
    s.power = 1.0;
    assert_eq!(bad(s), out_of_range(Setting::Power));
    let mut s = PlanSpec::new(
        PlanMetric::Mean {
            baseline: 3.0,
            sd: 0.0,
        },
        0.05,
    );
    assert_eq!(bad(s.clone()), out_of_range(Setting::BaselineMean));
    s.metric = PlanMetric::Mean {
        baseline: 3.0,
        sd: 1.0,
    };
    s.stages = vec![0.0];
    assert_eq!(bad(s), out_of_range(Setting::StageShare));
    // Every message exists in both languages, and the Korean one has no English words.
    let every = [
        Setting::Confidence,
        Setting::Weight {
            variant: "실험군".into(),
        },
        Setting::PlannedPerArm,
        Setting::Alpha,
        Setting::Power,
        Setting::Effect,
        Setting::EffectBeyondRate,
        Setting::EffectTooSmall,
        Setting::BaselineRate,
        Setting::BaselineMean,
        Setting::StageShare,
    ];
    for setting in every {
        let (en, ko) = (setting.text(Lang::En), setting.text(Lang::Ko));
        let latin = ko.chars().filter(|c| c.is_ascii_alphabetic()).count();
        assert_eq!(latin, 0, "{ko}");
        assert_ne!(en, ko);
    }
    // A decrease is planned as well as an increase.
    let down = plan(&PlanSpec::new(p(0.2), -0.1)).expect("plans");
    assert!(down.per_arm > 1000);
}
