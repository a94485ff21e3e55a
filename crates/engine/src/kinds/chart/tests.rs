use polars::prelude::*;
use quire_numerics::{linear_fit, roc};
use quire_protocol::chart::*;

use super::*;

fn spec(kind: ChartKind, x: &str, y: &[&str]) -> ChartSpec {
    ChartSpec::new(kind, Some(x), y)
}

fn sales() -> DataFrame {
    let df = df!(
        // 2024-02-26 is a Monday.
        "day" => ["2024-02-26", "2024-02-27", "2024-03-03", "2024-03-04", "2024-03-31", "2024-04-01"],
        "store" => ["강남", "홍대", "강남", "강남", "홍대", "강남"],
        "amount" => [Some(10.0), Some(5.0), Some(1.0), None, Some(2.0), Some(4.0)],
    )
    .expect("df");
    crate::testing::with_dates(df, "day")
}

#[test]
fn calendar_buckets() {
    for day in [-400_000, -1, 0, 19_782, 40_000] {
        let (y, m, _) = civil_from_days(day);
        let first = days_from_civil(y, m, 1);
        assert!(first <= day && day - first < 31, "{day}");
    }
    // 2024-02-29 (19782) is a Thursday: its week starts Monday 2024-02-26 (19779).
    assert_eq!(bucket(19_782.0, TimeStep::Week), 19_779.0);
    assert_eq!(bucket(19_782.0, TimeStep::Month), 19_754.0);
    assert_eq!(bucket(-1.0, TimeStep::Month), -31.0, "1969-12-01");
}

#[test]
fn weekly_and_monthly_lines_sum_their_buckets() {
    let weekly = prepare(
        &sales(),
        &spec(
            ChartKind::Line {
                step: Some(TimeStep::Week),
            },
            "day",
            &["amount"],
        ),
    )
    .expect("prepares");
    let ChartData::Plot {
        axis,
        series,
        sampled,
        ..
    } = weekly
    else {
        panic!("plot");
    };
    assert_eq!(axis, XAxis::Days);
    assert_eq!(sampled, None);
    assert_eq!(series.len(), 1);
    // Weeks of Feb 26 (10 + 5 + 1), Mar 25 (2), Apr 1 (4); the week of Mar 4 has only a
    // missing amount, so no point (not a made-up 0).
    assert_eq!(series[0].x, [19_779.0, 19_807.0, 19_814.0]);
    assert_eq!(series[0].y, [16.0, 2.0, 4.0]);
    let mut monthly = spec(
        ChartKind::Line {
            step: Some(TimeStep::Month),
        },
        "day",
        &["amount"],
    );
    monthly.by = Some("store".into());
    let ChartData::Plot { series, .. } = prepare(&sales(), &monthly).expect("prepares") else {
        panic!("plot");
    };
    let names: Vec<&str> = series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["강남", "홍대"]);
    assert_eq!(series[0].y, [10.0, 1.0, 4.0]);
    assert_eq!(series[1].y, [5.0, 2.0]);
}

#[test]
fn bars_group_aggregate_and_sort() {
    let mut s = spec(ChartKind::Bar { stacked: false }, "store", &["amount"]);
    s.aggregate = Aggregate::Sum;
    s.sort = SortOrder::YDescending;
    let ChartData::Categories {
        categories, series, ..
    } = prepare(&sales(), &s).expect("prepares")
    else {
        panic!("categories");
    };
    assert_eq!(categories, ["강남", "홍대"]);
    assert_eq!(series[0].values, [15.0, 7.0]);
    s.aggregate = Aggregate::Count;
    s.y.clear();
    let ChartData::Categories { series, .. } = prepare(&sales(), &s).expect("prepares") else {
        panic!("categories");
    };
    assert_eq!(series[0].values, [4.0, 2.0]);
}

#[test]
fn a_million_points_are_downsampled_and_say_so() {
    let n = 1_000_000;
    let x: Vec<f64> = (0..n).map(f64::from).collect();
    let y: Vec<f64> = x.iter().map(|v| (v / 1000.0).sin()).collect();
    let df = df!("x" => x.clone(), "y" => y.clone()).expect("df");
    let ChartData::Plot {
        series, sampled, ..
    } = prepare(&df, &spec(ChartKind::Line { step: None }, "x", &["y"])).expect("prepares")
    else {
        panic!("plot");
    };
    assert_eq!(series[0].x.len(), LINE_POINTS);
    assert_eq!(
        sampled,
        Some(Sampled {
            shown: LINE_POINTS as u64,
            total: 1_000_000
        })
    );
    let ChartData::Plot {
        series, sampled, ..
    } = prepare(&df, &spec(ChartKind::Scatter { fit: false }, "x", &["y"])).expect("prepares")
    else {
        panic!("plot");
    };
    assert!(series[0].x.len() <= SCATTER_GRID.0 * SCATTER_GRID.1);
    assert!(sampled.is_some());
}

#[test]
fn histograms_boxes_and_intervals() {
    let ChartData::Histogram { counts, rule, .. } = prepare(
        &sales(),
        &spec(
            ChartKind::Histogram {
                bins: BinRule::Fixed { bins: 4 },
            },
            "day",
            &["amount"],
        ),
    )
    .expect("prepares") else {
        panic!("histogram");
    };
    assert_eq!(counts.iter().sum::<u64>(), 5, "the null is left out");
    assert_eq!(counts.len(), 4);
    assert_eq!(rule, BinRule::Fixed { bins: 4 });
    let mut b = spec(ChartKind::Box, "store", &["amount"]);
    b.by = Some("store".into());
    let ChartData::Boxes { boxes, .. } = prepare(&sales(), &b).expect("prepares") else {
        panic!("boxes");
    };
    assert_eq!(boxes.len(), 2);
    let df = df!("metric" => ["a", "b"], "e" => [0.1, 0.2], "lo" => [0.0, 0.1], "hi" => [0.2, 0.3])
        .expect("df");
    let ChartData::Intervals { items, .. } = prepare(
        &df,
        &spec(ChartKind::Interval, "metric", &["e", "lo", "hi"]),
    )
    .expect("prepares") else {
        panic!("intervals");
    };
    assert_eq!(items[1].label, "b");
    assert!(prepare(&df, &spec(ChartKind::Interval, "metric", &["e"])).is_err());
}

#[test]
fn bad_columns_are_errors() {
    let e = prepare(
        &sales(),
        &spec(ChartKind::Line { step: None }, "day", &["nope"]),
    )
    .unwrap_err();
    assert_eq!(
        e,
        ChartProblem::NoColumn {
            column: "nope".into()
        }
    );
    let e = prepare(
        &sales(),
        &spec(ChartKind::Line { step: None }, "day", &["store"]),
    )
    .unwrap_err();
    assert_eq!(
        e,
        ChartProblem::NotNumbers {
            column: "store".into(),
            found: quire_protocol::ColumnType::Text
        }
    );
    let empty = sales().head(Some(0));
    let data = prepare(
        &empty,
        &spec(ChartKind::Line { step: None }, "day", &["amount"]),
    )
    .expect("empty is fine");
    assert_eq!(
        data,
        ChartData::Plot {
            axis: XAxis::Days,
            series: vec![],
            sampled: None,
            fits: vec![],
            omitted: Omitted::default(),
        }
    );
}

fn categories(data: ChartData) -> (Vec<String>, Vec<CategorySeries>, Omitted) {
    let ChartData::Categories {
        categories,
        series,
        omitted,
    } = data
    else {
        panic!("categories: {data:?}");
    };
    (categories, series, omitted)
}

#[test]
fn bars_follow_the_chosen_order() {
    // Sizes as numbers: "as found" keeps first appearance, "by category" sorts them as
    // numbers (9 before 10, which text order would not), "largest first" by value.
    let df = df!(
        "size" => [10, 9, 10, 2, 9, 100],
        "n" => [1.0, 5.0, 1.0, 3.0, 1.0, 4.0],
    )
    .expect("df");
    let mut s = spec(ChartKind::Bar { stacked: false }, "size", &["n"]);
    s.aggregate = Aggregate::Sum;
    let (c, series, omitted) = categories(prepare(&df, &s).expect("prepares"));
    assert_eq!(c, ["10", "9", "2", "100"]);
    assert_eq!(series[0].values, [2.0, 6.0, 3.0, 4.0]);
    assert_eq!(omitted, Omitted::default());
    s.sort = SortOrder::XAscending;
    let (c, series, _) = categories(prepare(&df, &s).expect("prepares"));
    assert_eq!(c, ["2", "9", "10", "100"]);
    assert_eq!(series[0].values, [3.0, 6.0, 2.0, 4.0]);
    s.sort = SortOrder::YDescending;
    let (c, _, _) = categories(prepare(&df, &s).expect("prepares"));
    assert_eq!(c, ["9", "100", "2", "10"]);
    // Text categories as found, and sorted by name.
    let mut s = spec(ChartKind::Bar { stacked: false }, "store", &["amount"]);
    s.aggregate = Aggregate::Count;
    let (c, _, _) = categories(prepare(&sales(), &s).expect("prepares"));
    assert_eq!(c, ["강남", "홍대"]);
    let df = df!("k" => ["b", "c", "a", "b"]).expect("df");
    let mut s = spec(ChartKind::Bar { stacked: false }, "k", &[]);
    s.aggregate = Aggregate::Count;
    assert_eq!(
        categories(prepare(&df, &s).expect("prepares")).0,
        ["b", "c", "a"]
    );
    s.sort = SortOrder::XAscending;
    assert_eq!(
        categories(prepare(&df, &s).expect("prepares")).0,
        ["a", "b", "c"]
    );
}

#[test]
fn boxes_and_intervals_follow_the_chosen_order() {
    let df = df!(
        "g" => ["b", "b", "a", "a", "c", "c"],
        "v" => [1.0, 2.0, 5.0, 6.0, 3.0, 4.0],
    )
    .expect("df");
    let mut s = spec(ChartKind::Box, "g", &["v"]);
    let names = |s: &ChartSpec| {
        let ChartData::Boxes { boxes, .. } = prepare(&df, s).expect("prepares") else {
            panic!("boxes");
        };
        boxes.into_iter().map(|b| b.name).collect::<Vec<_>>()
    };
    assert_eq!(names(&s), ["b", "a", "c"]);
    s.sort = SortOrder::XAscending;
    assert_eq!(names(&s), ["a", "b", "c"]);
    s.sort = SortOrder::YDescending;
    assert_eq!(names(&s), ["a", "c", "b"], "by median");
    let df = df!(
        "m" => ["z", "x", "y"],
        "e" => [0.1, 0.3, 0.2],
        "lo" => [0.0, 0.2, 0.1],
        "hi" => [0.2, 0.4, 0.3],
    )
    .expect("df");
    let mut s = spec(ChartKind::Interval, "m", &["e", "lo", "hi"]);
    let labels = |s: &ChartSpec| {
        let ChartData::Intervals { items, .. } = prepare(&df, s).expect("prepares") else {
            panic!("intervals");
        };
        items.into_iter().map(|i| i.label).collect::<Vec<_>>()
    };
    assert_eq!(labels(&s), ["z", "x", "y"]);
    s.sort = SortOrder::XAscending;
    assert_eq!(labels(&s), ["x", "y", "z"]);
    s.sort = SortOrder::YDescending;
    assert_eq!(labels(&s), ["x", "y", "z"]);
}

#[test]
fn too_many_categories_and_series_are_cut_and_say_so() {
    // 100 categories; 20 series, series k on k + 1 rows per category.
    let (mut cat, mut by, mut v) = (Vec::new(), Vec::new(), Vec::new());
    for c in 0..100 {
        for k in 0..20 {
            for _ in 0..=k {
                cat.push(format!("c{c:03}"));
                by.push(format!("s{k:02}"));
                v.push(1.0);
            }
        }
    }
    let df = df!("cat" => cat, "by" => by, "v" => v).expect("df");
    let mut s = spec(ChartKind::Bar { stacked: true }, "cat", &["v"]);
    s.by = Some("by".into());
    s.aggregate = Aggregate::Sum;
    let (c, series, omitted) = categories(prepare(&df, &s).expect("prepares"));
    assert_eq!(c.len(), MAX_CATEGORIES);
    assert_eq!(c[0], "c000");
    assert_eq!(
        omitted.categories,
        Some(Sampled {
            shown: MAX_CATEGORIES as u64,
            total: 100
        })
    );
    // The 8 series with the most rows: s12 … s19.
    let names: Vec<&str> = series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        ["s12", "s13", "s14", "s15", "s16", "s17", "s18", "s19"]
    );
    assert_eq!(
        omitted.series,
        Some(Sampled {
            shown: MAX_SERIES as u64,
            total: 20
        })
    );
    assert_eq!(series[7].values[0], 20.0);
    // Lines too.
    let mut l = spec(ChartKind::Line { step: None }, "v", &["v"]);
    l.by = Some("by".into());
    let ChartData::Plot {
        series, omitted, ..
    } = prepare(&df, &l).expect("prepares")
    else {
        panic!("plot");
    };
    assert_eq!(series.len(), MAX_SERIES);
    assert_eq!(series[0].name, "s12");
    assert_eq!(omitted.series.map(|o| o.total), Some(20));
    // Boxes and intervals cut their categories.
    let mut b = spec(ChartKind::Box, "cat", &["v"]);
    b.by = None;
    let ChartData::Boxes { boxes, omitted } = prepare(&df, &b).expect("prepares") else {
        panic!("boxes");
    };
    assert_eq!(boxes.len(), MAX_CATEGORIES);
    assert_eq!(omitted.categories.map(|o| o.total), Some(100));
    let ChartData::Intervals { items, omitted } =
        prepare(&df, &spec(ChartKind::Interval, "cat", &["v", "v", "v"])).expect("prepares")
    else {
        panic!("intervals");
    };
    assert_eq!(items.len(), MAX_CATEGORIES);
    assert_eq!(
        omitted.categories.map(|o| o.total),
        Some(df.height() as u64)
    );
}

#[test]
fn a_fitted_line_comes_from_every_row_not_the_binned_points() {
    // 40,000 points (binned for drawing): a dense cloud near x = 0 and a sparse tail,
    // y = 2 + 3x + noise. Cell means weigh every cell alike; the fit must not.
    let n = 40_000;
    let x: Vec<f64> = (0..n)
        .map(|i| {
            let u = f64::from(i) / f64::from(n);
            u.powi(4) * 10.0
        })
        .collect();
    let y: Vec<f64> = x
        .iter()
        .enumerate()
        .map(|(i, x)| 2.0 + 3.0 * x + ((i * 7919 % 1000) as f64 / 100.0 - 5.0) * (1.0 + x))
        .collect();
    let df = df!("x" => x.clone(), "y" => y.clone()).expect("df");
    let ChartData::Plot {
        series,
        fits,
        sampled,
        ..
    } = prepare(&df, &spec(ChartKind::Scatter { fit: true }, "x", &["y"])).expect("prepares")
    else {
        panic!("plot");
    };
    assert!(sampled.is_some(), "binned");
    let (a, b) = linear_fit(&x, &y).expect("fit");
    let fit = fits[0].expect("a fit");
    assert!((fit.intercept - a).abs() < 1e-9 && (fit.slope - b).abs() < 1e-9);
    // The binned points alone would give another line.
    let (_, binned) = linear_fit(&series[0].x, &series[0].y).expect("fit");
    assert!((binned - b).abs() > 0.05, "{binned} vs {b}");
    // Without a fit asked for, none is sent.
    let ChartData::Plot { fits, .. } =
        prepare(&df, &spec(ChartKind::Scatter { fit: false }, "x", &["y"])).expect("prepares")
    else {
        panic!("plot");
    };
    assert!(fits.is_empty());
}

#[test]
fn roc_from_a_score_and_a_label() {
    let df = df!(
        "score" => [0.1, 0.4, 0.35, 0.8, 0.8, 0.2],
        "label" => [0, 0, 1, 1, 0, 1],
        "seen" => [false, false, true, true, false, true],
        "group" => ["a", "a", "a", "b", "b", "b"],
    )
    .expect("df");
    let expected = roc(
        &[0.1, 0.4, 0.35, 0.8, 0.8, 0.2],
        &[false, false, true, true, false, true],
    )
    .expect("curve");
    for label in ["label", "seen"] {
        let ChartData::Plot {
            series, sampled, ..
        } = prepare(&df, &spec(ChartKind::Roc, "score", &[label])).expect("prepares")
        else {
            panic!("plot");
        };
        assert_eq!(series.len(), 1);
        assert_eq!(series[0].x, expected.fpr);
        assert_eq!(series[0].y, expected.tpr);
        assert_eq!(series[0].name, format!("AUC {:.3}", expected.auc));
        assert_eq!(sampled, None);
    }
    // One curve per group, each with its AUC.
    let mut by = spec(ChartKind::Roc, "score", &["label"]);
    by.by = Some("group".into());
    let ChartData::Plot { series, .. } = prepare(&df, &by).expect("prepares") else {
        panic!("plot");
    };
    let names: Vec<&str> = series.iter().map(|s| s.name.as_str()).collect();
    // a: 0.35 (+) beats 0.1, loses to 0.4; b: 0.8 (+) ties 0.8 (½), 0.2 (+) loses.
    assert_eq!(names, ["a · AUC 0.500", "b · AUC 0.250"]);
    // One class only: a clear error.
    let one = df!("score" => [0.1, 0.2], "label" => [1, 1]).expect("df");
    let e = prepare(&one, &spec(ChartKind::Roc, "score", &["label"])).unwrap_err();
    assert_eq!(
        e,
        ChartProblem::OneClass {
            column: "label".into()
        }
    );
    // Rates given (not labels) are drawn as they are, with their area.
    let rates = df!("fpr" => [0.0, 0.5, 1.0], "tpr" => [0.0, 0.75, 1.0]).expect("df");
    let ChartData::Plot { series, .. } =
        prepare(&rates, &spec(ChartKind::Roc, "fpr", &["tpr"])).expect("prepares")
    else {
        panic!("plot");
    };
    assert_eq!(series[0].y, [0.0, 0.75, 1.0]);
    assert_eq!(series[0].name, "tpr · AUC 0.625");
}

#[test]
fn a_long_roc_curve_is_thinned_keeping_its_ends() {
    let n = 50_000;
    let score: Vec<f64> = (0..n).map(|i| f64::from(i) / f64::from(n)).collect();
    let label: Vec<i32> = (0..n)
        .map(|i| i32::from(i * 7919 % 100 < i / 500))
        .collect();
    let df = df!("score" => score.clone(), "label" => label.clone()).expect("df");
    let ChartData::Plot {
        series, sampled, ..
    } = prepare(&df, &spec(ChartKind::Roc, "score", &["label"])).expect("prepares")
    else {
        panic!("plot");
    };
    let positive: Vec<bool> = label.iter().map(|l| *l == 1).collect();
    let full = roc(&score, &positive).expect("curve");
    assert_eq!(full.fpr.len(), n as usize + 1);
    let s = &series[0];
    assert_eq!(s.x.len(), LINE_POINTS);
    assert_eq!((s.x[0], s.y[0]), (0.0, 0.0));
    assert_eq!((s.x[LINE_POINTS - 1], s.y[LINE_POINTS - 1]), (1.0, 1.0));
    assert_eq!(
        sampled,
        Some(Sampled {
            shown: LINE_POINTS as u64,
            total: n as u64 + 1
        })
    );
    assert_eq!(s.name, format!("AUC {:.3}", full.auc));
}

#[test]
fn datetimes_are_milliseconds_and_bucket_by_day() {
    // 2024-02-29 10:00, 2024-02-29 23:30, 2024-03-01 00:15 (UTC, in milliseconds).
    let day = 19_782_i64 * 86_400_000;
    let at = [
        day + 36_000_000,
        day + 84_600_000,
        day + 86_400_000 + 900_000,
    ];
    let df = df!("at" => at, "v" => [1.0, 2.0, 4.0]).expect("df");
    let mut df = df;
    let t = df
        .column("at")
        .expect("at")
        .cast(&DataType::Datetime(TimeUnit::Milliseconds, None))
        .expect("datetime");
    df.replace("at", t.take_materialized_series())
        .expect("replace");
    let ChartData::Plot { axis, series, .. } =
        prepare(&df, &spec(ChartKind::Line { step: None }, "at", &["v"])).expect("prepares")
    else {
        panic!("plot");
    };
    assert_eq!(axis, XAxis::Millis);
    assert_eq!(series[0].x, at.map(|v| v as f64));
    let ChartData::Plot { axis, series, .. } = prepare(
        &df,
        &spec(
            ChartKind::Line {
                step: Some(TimeStep::Day),
            },
            "at",
            &["v"],
        ),
    )
    .expect("prepares") else {
        panic!("plot");
    };
    assert_eq!(axis, XAxis::Millis);
    assert_eq!(series[0].x, [day as f64, (day + 86_400_000) as f64]);
    assert_eq!(series[0].y, [3.0, 4.0]);
    // Microseconds read as milliseconds too.
    let us = df
        .column("at")
        .expect("at")
        .cast(&DataType::Datetime(TimeUnit::Microseconds, None))
        .expect("us");
    df.replace("at", us.take_materialized_series())
        .expect("replace");
    let ChartData::Plot { series, .. } =
        prepare(&df, &spec(ChartKind::Line { step: None }, "at", &["v"])).expect("prepares")
    else {
        panic!("plot");
    };
    assert_eq!(series[0].x, at.map(|v| v as f64));
}
