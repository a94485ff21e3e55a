//! Every figure against NIST's certified values and statsmodels / scikit-learn / scipy
//! references (`tests/fixtures/stats/make_models.py` writes the data and `models.json`).

use polars::prelude::*;
use quire_protocol::metric::Grain;
use quire_protocol::model::{
    Fit, Method, Missing, ModelError, ModelReport, ModelSetting, ModelSpec, ModelWarning, Scores,
    Split,
};
use serde_json::Value;

use super::design::{Raw, SplitMix, partition};
use super::*;
use crate::testing::read_fixture;
use quire_protocol::kinds;

const HOUSES: &[u8] = include_bytes!("../../../../../tests/fixtures/csv/houses.csv");
const CHURN: &[u8] = include_bytes!("../../../../../tests/fixtures/csv/churn.csv");
const CLICKS: &[u8] = include_bytes!("../../../../../tests/fixtures/csv/clicks.csv");
const BLOBS: &[u8] = include_bytes!("../../../../../tests/fixtures/csv/blobs.csv");
const SEPARABLE: &[u8] = include_bytes!("../../../../../tests/fixtures/csv/separable.csv");
const LONGLEY: &[u8] = include_bytes!("../../../../../tests/fixtures/csv/nist_longley.csv");
const NORRIS: &[u8] = include_bytes!("../../../../../tests/fixtures/csv/nist_norris.csv");
const MODELS: &str = include_str!("../../../../../tests/fixtures/stats/models.json");
const NIST: &str = include_str!("../../../../../tests/fixtures/stats/nist.json");

fn reference() -> Value {
    serde_json::from_str(MODELS).expect("models.json parses")
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|x| x.as_f64().expect("a number"))
        .collect()
}

fn num(v: &Value) -> f64 {
    v.as_f64().expect("a number")
}

/// `a` agrees with `b` to `rel` relative (absolutely near 0); p-values far below 1e-10 are
/// compared on a log scale.
#[track_caller]
fn close(what: &str, a: f64, b: f64, rel: f64) {
    if b.abs() < 1e-10 && b > 0.0 && a > 0.0 {
        let (la, lb) = (a.ln(), b.ln());
        assert!(
            (la - lb).abs() <= rel * lb.abs().max(1.0) * 1e3,
            "{what}: {a:e} vs {b:e} (log scale)"
        );
        return;
    }
    let scale = b.abs().max(1e-300);
    assert!(
        (a - b).abs() <= rel * scale,
        "{what}: {a:.17e} vs {b:.17e} (rel {:e})",
        (a - b).abs() / scale
    );
}

/// The number of significant digits `a` shares with `b` (NIST's log relative error).
fn lre(a: f64, b: f64) -> f64 {
    if a == b {
        return 16.0;
    }
    -((a - b).abs() / b.abs()).log10()
}

fn spec(method: Method, target: &str, features: &[&str]) -> ModelSpec {
    ModelSpec {
        split: Split::None,
        ..ModelSpec::new("out", method, target, features)
    }
}

fn linear(report: &ModelReport) -> &quire_protocol::model::LinearFit {
    match &report.fit {
        Fit::Linear(f) => f,
        other => panic!("not linear: {other:?}"),
    }
}

fn logistic(report: &ModelReport) -> &quire_protocol::model::LogisticFit {
    match &report.fit {
        Fit::Logistic(f) => f,
        other => panic!("not logistic: {other:?}"),
    }
}

/// The coefficient table against statsmodels' (`stat` is `t` or `z`).
#[track_caller]
fn same_coefficients(
    got: &[quire_protocol::model::Coefficient],
    want: &Value,
    stat: &str,
    rel: f64,
) {
    let terms: Vec<&str> = want["terms"]
        .as_array()
        .expect("terms")
        .iter()
        .map(|t| t.as_str().expect("text"))
        .collect();
    assert_eq!(got.len(), terms.len());
    for (j, c) in got.iter().enumerate() {
        let name = if j == 0 { "const" } else { c.name.as_str() };
        assert_eq!(name, terms[j], "term {j}");
        close(
            &format!("{name} estimate"),
            c.estimate,
            num(&want["estimate"][j]),
            rel,
        );
        close(
            &format!("{name} se"),
            c.se.expect("se"),
            num(&want["se"][j]),
            rel,
        );
        close(
            &format!("{name} {stat}"),
            c.statistic.expect("stat"),
            num(&want[stat][j]),
            rel,
        );
        close(
            &format!("{name} p"),
            c.p.expect("p"),
            num(&want["p"][j]),
            rel.max(1e-9),
        );
        close(
            &format!("{name} low"),
            c.low.expect("low"),
            num(&want["low"][j]),
            rel,
        );
        close(
            &format!("{name} high"),
            c.high.expect("high"),
            num(&want["high"][j]),
            rel,
        );
    }
}

#[track_caller]
fn same_linear_fit(f: &quire_protocol::model::LinearFit, want: &Value) {
    same_coefficients(&f.coefficients, want, "t", 1e-9);
    assert_eq!(f.n, want["n"].as_u64().expect("n"));
    close("df_model", f.df_model, num(&want["df_model"]), 0.0);
    close("df_resid", f.df_resid, num(&want["df_resid"]), 0.0);
    for (name, got) in [
        ("r2", f.r2),
        ("adj_r2", f.adj_r2),
        ("f", f.f),
        ("f_p", f.f_p),
        ("log_likelihood", f.log_likelihood),
        ("aic", f.aic),
        ("bic", f.bic),
        ("sigma", f.sigma),
        ("rss", f.rss),
    ] {
        close(name, got, num(&want[name]), 1e-9);
    }
}

#[track_caller]
fn same_regression_scores(s: &Scores, want: &Value) {
    let Scores::Regression(s) = s else {
        panic!("not regression scores");
    };
    assert_eq!(s.n, want["n"].as_u64().expect("n"));
    close("rmse", s.rmse, num(&want["rmse"]), 1e-9);
    close("mae", s.mae, num(&want["mae"]), 1e-9);
    close("r2", s.r2, num(&want["r2"]), 1e-9);
}

#[track_caller]
fn same_classification_scores(s: &Scores, want: &Value) {
    let Scores::Classification(s) = s else {
        panic!("not classification scores");
    };
    assert_eq!(s.n, want["n"].as_u64().expect("n"));
    let c = &want["confusion"];
    assert_eq!(
        (
            s.confusion.tn,
            s.confusion.fp,
            s.confusion.fn_,
            s.confusion.tp
        ),
        (
            c["tn"].as_u64().expect("tn"),
            c["fp"].as_u64().expect("fp"),
            c["fn"].as_u64().expect("fn"),
            c["tp"].as_u64().expect("tp")
        )
    );
    for (name, got) in [
        ("accuracy", s.accuracy),
        ("precision", s.precision),
        ("recall", s.recall),
        ("f1", s.f1),
        ("auc", s.auc.expect("two classes")),
    ] {
        close(name, got, num(&want[name]), 1e-12);
    }
    close("log_loss", s.log_loss, num(&want["log_loss"]), 1e-6);
}

// ---------------------------------------------------------------------------------------------
// NIST StRD.

fn nist_case(name: &str, csv: &[u8]) {
    let nist: Value = serde_json::from_str(NIST).expect("nist.json parses");
    let d = &nist["datasets"][name];
    let cert = &d["certified"];
    let digits = num(&d["digits"]);
    let xs: Vec<&str> = d["x"]
        .as_array()
        .expect("x")
        .iter()
        .map(|v| v.as_str().expect("text"))
        .collect();
    let frame = read_fixture(csv);
    let (_, report) = fit(&frame, &spec(Method::Linear, "y", &xs)).expect("fits");
    let f = linear(&report);
    for (j, c) in f.coefficients.iter().enumerate() {
        let (b, se) = (num(&cert["estimate"][j]), num(&cert["se"][j]));
        assert!(
            lre(c.estimate, b) >= digits,
            "{name} β{j}: {} digits",
            lre(c.estimate, b)
        );
        // Measured: 14 digits on Longley, 12 on Norris; four fewer would be a regression.
        assert!(
            lre(c.estimate, b) >= digits + 4.0,
            "{name} β{j} lost digits"
        );
        let got_se = c.se.expect("se");
        assert!(
            lre(got_se, se) >= digits,
            "{name} se{j}: {} digits",
            lre(got_se, se)
        );
    }
    for (what, got) in [
        ("sigma", f.sigma),
        ("r2", f.r2),
        ("rss", f.rss),
        ("f", f.f),
        ("df_resid", f.df_resid),
        ("df_model", f.df_model),
    ] {
        let want = num(&cert[what]);
        assert!(
            lre(got, want) >= digits,
            "{name} {what}: {got} vs {want}, {} digits",
            lre(got, want)
        );
    }
}

#[test]
fn nist_longley_to_nine_digits() {
    nist_case("longley", LONGLEY);
}

#[test]
fn nist_norris_to_seven_digits() {
    nist_case("norris", NORRIS);
}

// ---------------------------------------------------------------------------------------------
// Linear regression against statsmodels.

const HNUM: [&str; 4] = ["area_m2", "rooms", "age", "city"];

#[test]
fn ols_matches_statsmodels_with_korean_levels_and_counts_what_it_left_out() {
    let r = reference();
    let frame = read_fixture(HOUSES);
    let (table, report) = fit(&frame, &spec(Method::Linear, "price", &HNUM)).expect("fits");
    let want = &r["ols_all"];
    same_linear_fit(linear(&report), &want["fit"]);
    assert_eq!(report.rows.train, want["rows_used"].as_u64().expect("n"));
    assert_eq!(
        report.rows.missing_target + report.rows.missing_features,
        want["missing"].as_u64().expect("n")
    );
    assert_eq!(report.rows.missing_target, 1);
    // The reference level is named: 대구 comes first in code-point order.
    let city = report
        .terms
        .iter()
        .find(|t| t.name == "city[서울]")
        .expect("a Seoul term");
    assert_eq!(
        city.encoding,
        quire_protocol::model::Encoding::Level {
            level: "서울".into(),
            reference: "대구".into()
        }
    );
    // The predictions table: the input's columns, then predicted, residual and set.
    let names: Vec<&str> = table
        .get_column_names()
        .iter()
        .map(|n| n.as_str())
        .collect();
    assert_eq!(&names[names.len() - 3..], ["predicted", "residual", "set"]);
    assert_eq!(table.height(), frame.height());
    let predicted = table.column("predicted").expect("column").null_count();
    assert_eq!(
        predicted as u64, report.rows.missing_features,
        "rows missing a feature get no prediction"
    );
}

#[test]
fn standardised_ols_on_a_split_column_matches_statsmodels_and_sklearn() {
    let r = reference();
    let want = &r["ols_split_column"];
    let frame = read_fixture(HOUSES);
    let s = ModelSpec {
        standardise: true,
        split: Split::Column {
            column: "split".into(),
            test_value: "test".into(),
        },
        ..ModelSpec::new("out", Method::Linear, "price", &HNUM)
    };
    let (_, report) = fit(&frame, &s).expect("fits");
    same_linear_fit(linear(&report), &want["fit"]);
    assert_eq!(report.rows.train, want["train"].as_u64().expect("n"));
    assert_eq!(report.rows.test, want["test"].as_u64().expect("n"));
    same_regression_scores(report.test.as_ref().expect("test scores"), &want["scores"]);
}

#[test]
fn imputation_a_seeded_split_and_folds_match_the_reference() {
    let r = reference();
    let want = &r["ols_imputed_random"];
    let frame = read_fixture(HOUSES);
    let s = ModelSpec {
        missing: Missing::Impute,
        split: Split::Random {
            test_share: 0.25,
            seed: 7,
        },
        folds: 5,
        ..ModelSpec::new("out", Method::Linear, "price", &HNUM)
    };
    let (_, report) = fit(&frame, &s).expect("fits");
    assert_eq!(report.rows.train, want["train"].as_u64().expect("n"));
    assert_eq!(report.rows.test, want["test"].as_u64().expect("n"));
    assert_eq!(report.rows.imputed, want["imputed"].as_u64().expect("n"));
    let fill = report
        .export
        .impute
        .iter()
        .find(|(c, _)| c == "age")
        .map(|(_, v)| v.clone());
    match fill {
        Some(quire_protocol::model::ImputeValue::Number(m)) => {
            close("age mean", m, num(&want["impute_age"]), 1e-12);
        }
        other => panic!("age is imputed with a number, not {other:?}"),
    }
    same_linear_fit(linear(&report), &want["fit"]);
    same_regression_scores(report.test.as_ref().expect("test"), &want["scores"]);
    let cv = report.cv.as_ref().expect("cross-validation");
    let folds = want["folds"].as_array().expect("folds");
    assert_eq!(cv.folds.len(), folds.len());
    for (got, want) in cv.folds.iter().zip(folds) {
        same_regression_scores(got, want);
    }
    let rmse: Vec<f64> = folds.iter().map(|f| num(&f["rmse"])).collect();
    let mean = rmse.iter().sum::<f64>() / rmse.len() as f64;
    let (name, m, sd) = &cv.summary[0];
    assert_eq!(name, "rmse");
    close("mean rmse", *m, mean, 1e-9);
    close("numpy's mean rmse", *m, num(&want["fold_rmse_mean"]), 1e-9);
    close(
        "numpy's sd of rmse (n − 1)",
        *sd,
        num(&want["fold_rmse_sd"]),
        1e-9,
    );
}

#[test]
fn the_split_is_the_documented_splitmix_shuffle() {
    // SplitMix64's first outputs for seed 0 (from the reference implementation).
    let mut rng = SplitMix::new(0);
    assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
    assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    // A split keeps every row once, in order within each part.
    let rows: Vec<usize> = (0..100).collect();
    let p = partition(
        &rows,
        &Split::Random {
            test_share: 0.2,
            seed: 3,
        },
        None,
        4,
    );
    assert_eq!(p.test.len(), 20);
    assert_eq!(p.train.len(), 80);
    let mut all: Vec<usize> = p.train.iter().chain(&p.test).copied().collect();
    all.sort_unstable();
    assert_eq!(all, rows);
    assert!(p.train.windows(2).all(|w| w[0] < w[1]));
    for k in 0..4 {
        assert_eq!(p.fold.iter().filter(|f| **f == k).count(), 20);
    }
    // The same seed, the same rows; another seed, others.
    let again = partition(
        &rows,
        &Split::Random {
            test_share: 0.2,
            seed: 3,
        },
        None,
        4,
    );
    assert_eq!(again.test, p.test);
    let other = partition(
        &rows,
        &Split::Random {
            test_share: 0.2,
            seed: 4,
        },
        None,
        4,
    );
    assert_ne!(other.test, p.test);
}

// ---------------------------------------------------------------------------------------------
// Logistic regression against statsmodels and scikit-learn.

const CFEAT: [&str; 4] = ["tenure_months", "monthly_fee", "support_calls", "plan"];

fn churn_spec(threshold: f64) -> ModelSpec {
    ModelSpec {
        split: Split::Column {
            column: "split".into(),
            test_value: "test".into(),
        },
        ..ModelSpec::new(
            "out",
            Method::Logistic { threshold, l2: 0.0 },
            "churned",
            &CFEAT,
        )
    }
}

#[test]
fn logistic_regression_matches_statsmodels_and_its_scores_sklearn() {
    let r = reference();
    let want = &r["logit_split_column"];
    let frame = read_fixture(CHURN);
    let (table, report) = fit(&frame, &churn_spec(0.5)).expect("fits");
    let f = logistic(&report);
    same_coefficients(&f.coefficients, &want["fit"], "z", 1e-6);
    assert!(
        f.converged && f.iterations < 20,
        "IRLS converges quickly: {}",
        f.iterations
    );
    for (name, got) in [
        ("log_likelihood", f.log_likelihood),
        ("null_log_likelihood", f.null_log_likelihood),
        ("pseudo_r2", f.pseudo_r2),
        ("aic", f.aic),
        ("bic", f.bic),
    ] {
        close(name, got, num(&want["fit"][name]), 1e-9);
    }
    assert_eq!(
        report.rows.missing_features,
        want["missing"].as_u64().expect("n")
    );
    same_classification_scores(report.test.as_ref().expect("test"), &want["scores"]);
    // Another threshold moves the calls, not the probabilities.
    let (_, at_03) = fit(&frame, &churn_spec(0.3)).expect("fits");
    same_classification_scores(at_03.test.as_ref().expect("test"), &want["scores_03"]);
    let names: Vec<&str> = table
        .get_column_names()
        .iter()
        .map(|n| n.as_str())
        .collect();
    assert_eq!(
        &names[names.len() - 3..],
        ["probability", "predicted", "set"]
    );
    assert!(
        report
            .charts
            .iter()
            .any(|c| c.kind == quire_protocol::model::ModelChartKind::Roc),
        "a ROC chart"
    );
}

#[test]
fn folds_of_a_logistic_model_match_sklearn() {
    let r = reference();
    let frame = read_fixture(CHURN);
    let s = ModelSpec {
        split: Split::Random {
            test_share: 0.0,
            seed: 11,
        },
        folds: 4,
        ..ModelSpec::new(
            "out",
            Method::Logistic {
                threshold: 0.5,
                l2: 0.0,
            },
            "churned",
            &CFEAT,
        )
    };
    let (_, report) = fit(&frame, &s).expect("fits");
    assert!(report.test.is_none(), "a share of 0 holds nothing out");
    let cv = report.cv.expect("folds");
    let want = r["logit_folds"]["folds"].as_array().expect("folds").clone();
    assert_eq!(cv.folds.len(), 4);
    for (got, want) in cv.folds.iter().zip(&want) {
        same_classification_scores(got, want);
    }
    let (_, mean, sd) = cv
        .summary
        .iter()
        .find(|(n, _, _)| n == "auc")
        .expect("an AUC summary");
    close(
        "mean auc",
        *mean,
        num(&r["logit_folds"]["fold_auc_mean"]),
        1e-12,
    );
    close(
        "sd of auc",
        *sd,
        num(&r["logit_folds"]["fold_auc_sd"]),
        1e-9,
    );
}

#[test]
fn an_l2_penalty_matches_sklearn_and_gives_no_intervals() {
    let r = reference();
    let want = &r["logit_l2"];
    let frame = read_fixture(CHURN);
    let s = ModelSpec {
        standardise: true,
        ..spec(
            Method::Logistic {
                threshold: 0.5,
                l2: num(&want["lambda"]),
            },
            "churned",
            &CFEAT,
        )
    };
    let (_, report) = fit(&frame, &s).expect("fits");
    let f = logistic(&report);
    for (c, b) in f.coefficients.iter().zip(floats(&want["estimate"])) {
        close(&c.name, c.estimate, b, 1e-6);
        assert!(c.se.is_none() && c.p.is_none() && c.low.is_none());
    }
    close(
        "log_likelihood",
        f.log_likelihood,
        num(&want["log_likelihood"]),
        1e-6,
    );
}

#[test]
fn perfect_separation_is_named_not_looped_on() {
    let frame = read_fixture(SEPARABLE);
    let logit = Method::Logistic {
        threshold: 0.5,
        l2: 0.0,
    };
    let e = fit(&frame, &spec(logit.clone(), "y", &["x", "noise"])).expect_err("separated");
    assert_eq!(
        e,
        ModelError::PerfectSeparation {
            term: Some("x".into())
        }
    );
    let noise_only = fit(&frame, &spec(logit.clone(), "y", &["noise"])).expect("noise fits");
    assert!(logistic(&noise_only.1).converged);
    // With a penalty the estimates are finite.
    let penalised = fit(
        &frame,
        &spec(
            Method::Logistic {
                threshold: 0.5,
                l2: 1.0,
            },
            "y",
            &["x"],
        ),
    )
    .expect("a penalty makes it finite");
    let slope = logistic(&penalised.1).coefficients[1].estimate;
    assert!(slope.is_finite() && slope > 0.5, "slope {slope}");
}

#[test]
fn a_level_with_one_class_only_is_a_quasi_separation_warning() {
    // Every "vip" row churned: that level's coefficient runs away; the fit says so.
    let mut rows = String::from("plan,calls,churned\n");
    for i in 0..60 {
        let plan = ["basic", "plus", "vip"][i % 3];
        let churned = if plan == "vip" {
            1
        } else {
            usize::from(i % 5 == 0 || i % 7 == 0)
        };
        rows.push_str(&format!("{plan},{},{churned}\n", i % 4));
    }
    let frame = read_fixture(rows.as_bytes());
    let (_, report) = fit(
        &frame,
        &spec(
            Method::Logistic {
                threshold: 0.5,
                l2: 0.0,
            },
            "churned",
            &["plan", "calls"],
        ),
    )
    .expect("fits with a warning");
    assert!(
        report.warnings.iter().any(|w| matches!(w,
            ModelWarning::QuasiSeparation { term: Some(t), rows } if t == "plan[vip]" && *rows >= 20)),
        "{:?}",
        report.warnings
    );
    assert!(logistic(&report).iterations <= super::regression::MAX_ITERATIONS);
}

// ---------------------------------------------------------------------------------------------
// k-means against scikit-learn.

#[test]
fn kmeans_finds_sklearns_clusters_and_lloyd_matches_step_for_step() {
    let r = reference();
    let want = &r["kmeans"];
    let frame = read_fixture(BLOBS);
    let s = spec(
        Method::KMeans {
            k: 3,
            max_k: 6,
            seed: 1,
        },
        "",
        &["x", "y"],
    );
    let (table, report) = fit(&frame, &s).expect("fits");
    let Fit::KMeans(f) = &report.fit else {
        panic!("k-means");
    };
    close("wcss", f.wcss, num(&want["k3_wcss"]), 1e-9);
    let mut by_x: Vec<(Vec<f64>, u64)> = f
        .centroids
        .iter()
        .cloned()
        .zip(f.sizes.iter().copied())
        .collect();
    by_x.sort_by(|a, b| a.0[0].total_cmp(&b.0[0]));
    for (j, (c, n)) in by_x.iter().enumerate() {
        let wc = floats(&want["k3_centroids"][j]);
        close("cx", c[0], wc[0], 1e-9);
        close("cy", c[1], wc[1], 1e-9);
        assert_eq!(*n, want["k3_sizes"][j].as_u64().expect("size"));
    }
    // Clusters are numbered by size, largest first.
    assert!(f.sizes.windows(2).all(|w| w[0] >= w[1]));
    // The elbow: k = 1 is the total sum of squares, and more clusters never fit worse here.
    assert_eq!(f.elbow.len(), 6);
    close("k1", f.elbow[0].1, num(&want["k1_wcss"]), 1e-9);
    close("k3 in the elbow", f.elbow[2].1, f.wcss, 0.0);
    assert!(f.elbow.windows(2).all(|w| w[1].1 <= w[0].1 * (1.0 + 1e-12)));
    assert_eq!(table.column("cluster").expect("labels").null_count(), 0);

    // Lloyd's iterations from scikit-learn's start, step for step.
    let raw = |c: &str| match design::read_feature(&frame, c).expect("reads") {
        Raw::Number(v) => v,
        Raw::Text { .. } => panic!("numbers"),
    };
    let x = Matrix {
        rows: frame.height(),
        cols: vec![raw("x"), raw("y")],
    };
    let start: Vec<Vec<f64>> = want["lloyd_start"]
        .as_array()
        .expect("start")
        .iter()
        .map(floats)
        .collect();
    let lloyd = kmeans::lloyd(&x, start);
    close("lloyd wcss", lloyd.wcss, num(&want["lloyd_wcss"]), 1e-9);
    for (c, w) in lloyd
        .centroids
        .iter()
        .zip(want["lloyd_centroids"].as_array().expect("c"))
    {
        let w = floats(w);
        close("lloyd x", c[0], w[0], 1e-9);
        close("lloyd y", c[1], w[1], 1e-9);
    }
    let labels: Vec<u64> = want["lloyd_labels"]
        .as_array()
        .expect("labels")
        .iter()
        .map(|v| v.as_u64().expect("label"))
        .collect();
    assert_eq!(
        lloyd
            .labels
            .iter()
            .map(|l| u64::from(*l))
            .collect::<Vec<_>>(),
        labels
    );
}

// ---------------------------------------------------------------------------------------------
// Online learning against scipy.

/// A batch's or a bin's mean prediction (an iterative fit's, 1e-6) and observed rate (a count's,
/// exact but for rounding) against the reference.
#[track_caller]
fn same_rates(mean_predicted: f64, observed_rate: f64, want: &Value) {
    close(
        "mean predicted",
        mean_predicted,
        num(&want["mean_predicted"]),
        1e-6,
    );
    close(
        "observed",
        observed_rate,
        num(&want["observed_rate"]),
        1e-12,
    );
}

#[test]
fn online_updates_match_the_laplace_posterior_modes_day_by_day() {
    let r = reference();
    let want = &r["online"];
    let frame = crate::testing::with_dates(read_fixture(CLICKS), "day");
    let s = spec(
        Method::Online {
            batch: "day".into(),
            grain: Some(Grain::Day),
            prior: num(&want["prior"]),
            threshold: 0.5,
        },
        "clicked",
        &["position", "mobile"],
    );
    let (table, report) = fit(&frame, &s).expect("fits");
    let Fit::Online(f) = &report.fit else {
        panic!("online");
    };
    let batches = want["batches"].as_array().expect("batches");
    assert_eq!(f.batches.len(), batches.len());
    for (got, want) in f.batches.iter().zip(batches) {
        assert_eq!(got.label, want["label"].as_str().expect("label"));
        assert_eq!(got.n, want["n"].as_u64().expect("n"));
        assert_eq!(got.events, want["events"].as_u64().expect("events"));
        same_rates(got.mean_predicted, got.observed_rate, want);
        close("log loss", got.log_loss, num(&want["log_loss"]), 1e-6);
        close(
            "auc",
            got.auc.expect("both classes"),
            num(&want["auc"]),
            1e-6,
        );
    }
    for (c, b) in f.coefficients.iter().zip(floats(&want["final"])) {
        close(&c.name, c.estimate, b, 1e-6);
    }
    // Calibration of the predictions made before each update, by tenths.
    let bins = want["calibration"].as_array().expect("bins");
    assert_eq!(f.calibration.len(), bins.len());
    for (got, want) in f.calibration.iter().zip(bins) {
        close("bin low", got.low, num(&want["low"]), 1e-12);
        assert_eq!(got.n, want["n"].as_u64().expect("n"));
        same_rates(got.mean_predicted, got.observed_rate, want);
    }
    close("overall log loss", f.log_loss, num(&want["log_loss"]), 1e-6);
    // The first day is predicted before anything was learnt: every probability is ½.
    let p = table
        .column("probability")
        .expect("p")
        .f64()
        .expect("f64")
        .clone();
    assert_eq!(p.get(0), Some(0.5));
    assert!(!f.calibration.is_empty());
}

// ---------------------------------------------------------------------------------------------
// The model file.

#[test]
fn an_exported_model_predicts_what_the_cell_predicted() {
    let houses = read_fixture(HOUSES);
    let churn = read_fixture(CHURN);
    let blobs = read_fixture(BLOBS);
    let cases = [
        (
            houses,
            ModelSpec {
                missing: Missing::Impute,
                ..ModelSpec::new("o", Method::Linear, "price", &HNUM)
            },
            "predicted",
        ),
        (churn, churn_spec(0.5), "probability"),
        (
            blobs,
            spec(
                Method::KMeans {
                    k: 3,
                    max_k: 3,
                    seed: 5,
                },
                "",
                &["x", "y"],
            ),
            "cluster",
        ),
    ];
    for (frame, s, column) in cases {
        let (table, report) = fit(&frame, &s).expect("fits");
        // Through JSON, as the file travels.
        let text = serde_json::to_string(&report.export).expect("serialises");
        let export: quire_protocol::model::ModelExport =
            serde_json::from_str(&text).expect("reads");
        let scored = predict(&frame, &export).expect("predicts").table;
        let a = table.column(column).expect("cell's");
        let b = scored.column(column).expect("file's");
        assert!(
            a.as_materialized_series()
                .equals_missing(b.as_materialized_series()),
            "{column}"
        );
    }
    let bad = quire_protocol::model::ModelExport {
        format: "other".into(),
        ..fit(
            &read_fixture(HOUSES),
            &spec(Method::Linear, "price", &["area_m2"]),
        )
        .expect("fits")
        .1
        .export
    };
    assert!(matches!(
        predict(&read_fixture(HOUSES), &bad),
        Err(ModelError::BadExport { .. })
    ));
}

#[test]
fn reports_cross_json_whole() {
    // Non-finite numbers would become `null` and fail to read back in the page.
    let frame = read_fixture(CHURN);
    let s = ModelSpec {
        folds: 3,
        ..churn_spec(0.5)
    };
    let (_, report) = fit(&frame, &s).expect("fits");
    let text = serde_json::to_string(&report).expect("serialises");
    let back: ModelReport = serde_json::from_str(&text).expect("reads back");
    assert_eq!(back, report);
}

// ---------------------------------------------------------------------------------------------
// Bad set-ups are typed errors.

#[test]
fn bad_setups_are_typed_errors() {
    let houses = read_fixture(HOUSES);
    let churn = read_fixture(CHURN);
    let clicks = crate::testing::with_dates(read_fixture(CLICKS), "day");
    let lin = |t: &str, f: &[&str]| spec(Method::Linear, t, f);
    let logit = Method::Logistic {
        threshold: 0.5,
        l2: 0.0,
    };
    let err = |frame: &DataFrame, s: ModelSpec| fit(frame, &s).expect_err("an error");
    assert_eq!(err(&houses, lin("", &["area_m2"])), ModelError::NoTarget);
    assert_eq!(err(&houses, lin("price", &[" "])), ModelError::NoFeatures);
    assert_eq!(
        err(&houses, lin("price", &["price"])),
        ModelError::TargetIsFeature {
            column: "price".into()
        }
    );
    assert_eq!(
        err(&houses, lin("price", &["nope"])),
        ModelError::MissingColumn {
            column: "nope".into()
        }
    );
    assert_eq!(
        err(&houses, lin("city", &["area_m2"])),
        ModelError::NotNumeric {
            column: "city".into()
        }
    );
    assert!(matches!(
        err(&houses, spec(logit.clone(), "rooms", &["area_m2"])),
        ModelError::NotBinary { column, .. } if column == "rooms"
    ));
    assert_eq!(
        err(&clicks, spec(logit.clone(), "clicked", &["day"])),
        ModelError::UnusableFeature {
            column: "day".into()
        }
    );
    assert_eq!(
        err(&churn, spec(logit.clone(), "churned", &["customer"])),
        ModelError::TooManyLevels {
            column: "customer".into(),
            levels: 800
        }
    );
    // A copy of a feature cannot be told apart from it.
    let mut twice = houses.clone();
    let copy = twice
        .column("area_m2")
        .expect("a")
        .as_materialized_series()
        .clone()
        .with_name("area_copy".into());
    twice.with_column(copy).expect("added");
    assert_eq!(
        err(&twice, lin("price", &["area_m2", "area_copy"])),
        ModelError::Collinear {
            term: "area_copy".into()
        }
    );
    let ones = df!("x" => [1.0, 2.0, 3.0, 4.0], "y" => [5.0, 5.0, 5.0, 5.0]).expect("frame");
    assert_eq!(
        err(&ones, lin("y", &["x"])),
        ModelError::ConstantTarget { column: "y".into() }
    );
    let tiny = df!("x" => [1.0, 2.0], "y" => [1.0, 3.0]).expect("frame");
    assert_eq!(
        err(&tiny, lin("y", &["x"])),
        ModelError::TooFewRows {
            rows: 2,
            parameters: 2
        }
    );
    for (s, setting) in [
        (
            ModelSpec {
                confidence: 1.0,
                ..lin("price", &["area_m2"])
            },
            ModelSetting::Confidence,
        ),
        (
            ModelSpec {
                folds: 1,
                ..lin("price", &["area_m2"])
            },
            ModelSetting::Folds,
        ),
        (
            ModelSpec {
                split: Split::Random {
                    test_share: 0.95,
                    seed: 1,
                },
                ..lin("price", &["area_m2"])
            },
            ModelSetting::TestShare,
        ),
        (
            spec(
                Method::Logistic {
                    threshold: 1.0,
                    l2: 0.0,
                },
                "churned",
                &["tenure_months"],
            ),
            ModelSetting::Threshold,
        ),
        (
            spec(
                Method::Logistic {
                    threshold: 0.5,
                    l2: -1.0,
                },
                "churned",
                &["tenure_months"],
            ),
            ModelSetting::L2,
        ),
        (
            spec(
                Method::KMeans {
                    k: 0,
                    max_k: 0,
                    seed: 1,
                },
                "",
                &["area_m2"],
            ),
            ModelSetting::K,
        ),
        (
            spec(
                Method::Online {
                    batch: "day".into(),
                    grain: None,
                    prior: 0.0,
                    threshold: 0.5,
                },
                "clicked",
                &["position"],
            ),
            ModelSetting::Prior,
        ),
    ] {
        assert_eq!(err(&houses, s), ModelError::OutOfRange { setting });
    }
    let no_test = ModelSpec {
        split: Split::Column {
            column: "split".into(),
            test_value: "holdout".into(),
        },
        ..lin("price", &["area_m2"])
    };
    assert!(matches!(
        err(&houses, no_test),
        ModelError::EmptySplit { test: 0, .. }
    ));
    // Every error reads in both languages.
    for e in [
        ModelError::NoTarget,
        ModelError::PerfectSeparation { term: None },
    ] {
        assert_ne!(
            quire_words::Text::text(&e, quire_words::Lang::En),
            quire_words::Text::text(&e, quire_words::Lang::Ko)
        );
    }
}

// ---------------------------------------------------------------------------------------------
// In a notebook.

#[test]
fn a_model_cells_predictions_are_a_table_that_sql_reads_and_edits_rerun() {
    use quire_protocol::notebook::{Cell, CellOutput, CellSpec, CellState, Edit, Notebook};
    let cell = |id: &str, spec: CellSpec| Cell {
        id: id.into(),
        collapsed: false,
        spec,
    };
    let model = ModelSpec {
        split: Split::Column {
            column: "split".into(),
            test_value: "test".into(),
        },
        ..ModelSpec::new("price_model", Method::Linear, "price", &["area_m2", "city"])
    };
    let notebook = Notebook {
        title: "models".into(),
        cells: vec![
            cell(
                "load",
                CellSpec::Data(kinds::Data {
                    table: "houses".into(),
                    source: "houses.csv".into(),
                    options: quire_protocol::ParseOptions::default(),
                }),
            ),
            cell(
                "fit",
                CellSpec::Model(kinds::Model {
                    input: "houses".into(),
                    model: model.clone(),
                }),
            ),
            cell(
                "by_set",
                CellSpec::Sql(kinds::Sql {
                    table: "by_set".into(),
                    query: "select \"set\", count(*) as n, avg(abs(residual)) as mae \
                            from price_model where \"set\" is not null group by \"set\" order by \"set\""
                        .into(),
                }),
            ),
        ],
    };
    let mut session = crate::Session::default();
    session.open(notebook, Vec::new());
    session
        .attach_data("houses.csv", std::sync::Arc::from(HOUSES))
        .expect("attaches");
    let statuses = session.statuses();
    assert!(
        statuses.iter().all(|s| s.state == CellState::UpToDate),
        "{statuses:?}"
    );
    let Some(CellOutput::Model { report, name, .. }) = &statuses[1].output else {
        panic!("a model output");
    };
    assert_eq!(name, "price_model");
    let by_set = session.table("by_set").expect("the SQL table");
    assert_eq!(by_set.height(), 2);
    let n = by_set
        .column("n")
        .expect("n")
        .cast(&DataType::Int64)
        .expect("ints");
    let n: Vec<i64> = n.i64().expect("ints").into_no_null_iter().collect();
    assert_eq!(
        n,
        [report.rows.test as i64, report.rows.train as i64],
        "test before train"
    );
    // The test MAE through SQL is the report's.
    let mae = by_set
        .column("mae")
        .expect("mae")
        .f64()
        .expect("f64")
        .get(0)
        .expect("a value");
    let Some(Scores::Regression(s)) = &report.test else {
        panic!("regression scores");
    };
    close("mae through SQL", mae, s.mae, 1e-12);

    // Adding a feature re-fits the model and re-runs what reads its table.
    let ran = session
        .apply(Edit::Update {
            cell: cell(
                "fit",
                CellSpec::Model(kinds::Model {
                    input: "houses".into(),
                    model: ModelSpec {
                        features: vec!["area_m2".into(), "city".into(), "rooms".into()],
                        ..model
                    },
                }),
            ),
        })
        .expect("applies");
    assert_eq!(ran, ["fit", "by_set"]);
    let better = session
        .table("by_set")
        .expect("table")
        .column("mae")
        .expect("mae")
        .f64()
        .expect("f64")
        .get(0)
        .expect("a value");
    assert!(better < mae, "rooms help: {better} < {mae}");
}

#[test]
fn a_model_cell_round_trips_through_the_file_under_its_documented_names() {
    use quire_protocol::notebook::{Cell, CellSpec, Notebook};
    let models = [
        ModelSpec {
            standardise: true,
            missing: Missing::Impute,
            folds: 5,
            confidence: 0.9,
            split: Split::Column {
                column: "split".into(),
                test_value: "test".into(),
            },
            ..ModelSpec::new("price_model", Method::Linear, "price", &["area_m2", "city"])
        },
        ModelSpec::new(
            "churn_model",
            Method::Logistic {
                threshold: 0.3,
                l2: 2.0,
            },
            "churned",
            &["plan"],
        ),
        ModelSpec::new(
            "segments",
            Method::KMeans {
                k: 4,
                max_k: 8,
                seed: 9,
            },
            "",
            &["x", "y"],
        ),
        ModelSpec::new(
            "ctr",
            Method::Online {
                batch: "day".into(),
                grain: Some(Grain::Week),
                prior: 0.5,
                threshold: 0.5,
            },
            "clicked",
            &["position"],
        ),
    ];
    let notebook = Notebook {
        title: "모델".into(),
        cells: models
            .iter()
            .enumerate()
            .map(|(i, m)| Cell {
                id: format!("m{i}"),
                collapsed: false,
                spec: CellSpec::Model(kinds::Model {
                    input: "t".into(),
                    model: m.clone(),
                }),
            })
            .collect(),
    };
    let text = crate::write_notebook(&notebook, &[]);
    let json: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(json["version"], 6);
    let methods: Vec<&str> = json["cells"]
        .as_array()
        .expect("cells")
        .iter()
        .map(|c| c["model"]["method"]["method"].as_str().expect("tagged"))
        .collect();
    assert_eq!(methods, ["linear", "logistic", "kmeans", "online"]);
    assert_eq!(json["cells"][0]["model"]["split"]["split"], "column");
    assert!(
        !text.contains("coefficients"),
        "the file keeps the spec, never the fit"
    );
    let opened = crate::open_file(text.as_bytes()).expect("opens");
    assert_eq!(opened.notebook, notebook);
}

#[test]
fn degenerate_inputs_are_typed_errors_and_reports_stay_finite() {
    let lin = |t: &str, f: &[&str]| spec(Method::Linear, t, f);
    // An exact fit leaves no error to estimate (its log-likelihood would be +∞).
    let exact = df!("x" => [1.0, 2.0, 3.0, 4.0], "y" => [2.0, 4.0, 6.0, 8.0]).expect("frame");
    assert_eq!(
        fit(&exact, &lin("y", &["x"])).expect_err("exact"),
        ModelError::ExactFit
    );
    // ±∞ in a feature or the target is named, not turned into NaN.
    let inf = df!("x" => [1.0, f64::INFINITY, 3.0, 4.0, 5.0], "y" => [1.0, 3.0, 2.0, 5.0, 4.0])
        .expect("frame");
    assert_eq!(
        fit(&inf, &lin("y", &["x"])).expect_err("infinite"),
        ModelError::Infinite { column: "x".into() }
    );
    assert_eq!(
        fit(&inf, &lin("x", &["y"])).expect_err("infinite"),
        ModelError::Infinite { column: "x".into() }
    );
    assert_eq!(
        fit(
            &inf,
            &spec(
                Method::KMeans {
                    k: 2,
                    max_k: 0,
                    seed: 1
                },
                "",
                &["x", "y"]
            )
        )
        .expect_err("infinite"),
        ModelError::Infinite { column: "x".into() }
    );
    // No usable row at all is "too few rows", whatever the split.
    let empty = df!("x" => [None::<f64>, None], "y" => [Some(1.0), Some(2.0)]).expect("frame");
    assert!(matches!(
        fit(&empty, &lin("y", &["x"])).expect_err("nothing to fit"),
        ModelError::TooFewRows { rows: 0, .. }
    ));
    // More folds than rows make one-row folds: skipped and said, never scored as NaN.
    let small = df!(
        "x" => [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0],
        "y" => [1.2, 1.9, 3.3, 3.8, 5.1, 6.2, 6.8, 8.3]
    )
    .expect("frame");
    let (_, report) = fit(
        &small,
        &ModelSpec {
            folds: 6,
            ..lin("y", &["x"])
        },
    )
    .expect("fits");
    assert!(
        report
            .warnings
            .iter()
            .any(|w| matches!(w, ModelWarning::FoldSkipped { .. }))
    );
    let text = serde_json::to_string(&report).expect("serialises");
    assert_eq!(
        serde_json::from_str::<ModelReport>(&text).expect("reads back"),
        report
    );
    // Classes separated by a combination of columns, neither alone: named as such.
    let mut rows = String::from("a,b,y\n");
    for i in 0..40 {
        let (a, b) = (f64::from(i % 8), f64::from((i * 3) % 7));
        rows.push_str(&format!("{a},{b},{}\n", u8::from(a - b > 0.5)));
    }
    let combined = read_fixture(rows.as_bytes());
    let logit = Method::Logistic {
        threshold: 0.5,
        l2: 0.0,
    };
    assert_eq!(
        fit(&combined, &spec(logit, "y", &["a", "b"])).expect_err("separated"),
        ModelError::PerfectSeparation { term: None }
    );
}

#[test]
fn a_model_file_refuses_columns_of_another_kind_and_short_centroids() {
    let houses = read_fixture(HOUSES);
    let (_, report) = fit(
        &houses,
        &spec(Method::Linear, "price", &["area_m2", "city"]),
    )
    .expect("fits");
    // area_m2 now reads as text (a stray word in it): named, not a column of empty predictions.
    let mut changed = houses.clone();
    let text = changed
        .column("area_m2")
        .expect("a")
        .cast(&DataType::String)
        .expect("text");
    changed
        .with_column(text.take_materialized_series())
        .expect("replaced");
    assert!(matches!(
        predict(&changed, &report.export),
        Err(ModelError::WrongKind { column, expected }) if column == "area_m2" && expected == quire_protocol::model::FeatureKind::Numbers
    ));
    // A level the model never saw is scored as the reference and counted.
    let mut new_city = houses.clone();
    let city: StringChunked = (0..houses.height())
        .map(|i| Some(if i < 3 { "제주" } else { "서울" }))
        .collect();
    new_city
        .with_column(city.with_name("city".into()).into_series())
        .expect("replaced");
    let scored = predict(&new_city, &report.export).expect("scores");
    assert_eq!(scored.unseen, [("city".to_owned(), 3)]);
    let blobs = read_fixture(BLOBS);
    let (_, km) = fit(
        &blobs,
        &spec(
            Method::KMeans {
                k: 2,
                max_k: 2,
                seed: 1,
            },
            "",
            &["x", "y"],
        ),
    )
    .expect("fits");
    let mut short = km.export.clone();
    short.centroids[0].pop();
    assert!(matches!(
        predict(&blobs, &short),
        Err(ModelError::BadExport { .. })
    ));
}
