use polars::prelude::*;
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
    let ChartData::Xy {
        axis,
        series,
        sampled,
    } = weekly
    else {
        panic!("xy");
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
    let ChartData::Xy { series, .. } = prepare(&sales(), &monthly).expect("prepares") else {
        panic!("xy");
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
    let ChartData::Categories { categories, series } = prepare(&sales(), &s).expect("prepares")
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
    let ChartData::Xy {
        series, sampled, ..
    } = prepare(&df, &spec(ChartKind::Line { step: None }, "x", &["y"])).expect("prepares")
    else {
        panic!("xy");
    };
    assert_eq!(series[0].x.len(), LINE_POINTS);
    assert_eq!(
        sampled,
        Some(Sampled {
            shown: LINE_POINTS as u64,
            total: 1_000_000
        })
    );
    let ChartData::Xy {
        series, sampled, ..
    } = prepare(&df, &spec(ChartKind::Scatter { fit: false }, "x", &["y"])).expect("prepares")
    else {
        panic!("xy");
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
    assert!(rule.starts_with("fixed: 4 bins"));
    let mut b = spec(ChartKind::Box, "store", &["amount"]);
    b.by = Some("store".into());
    let ChartData::Boxes { boxes } = prepare(&sales(), &b).expect("prepares") else {
        panic!("boxes");
    };
    assert_eq!(boxes.len(), 2);
    let df = df!("metric" => ["a", "b"], "e" => [0.1, 0.2], "lo" => [0.0, 0.1], "hi" => [0.2, 0.3])
        .expect("df");
    let ChartData::Intervals { items } = prepare(
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
    assert!(e.contains("no column named \"nope\""), "{e}");
    let e = prepare(
        &sales(),
        &spec(ChartKind::Line { step: None }, "day", &["store"]),
    )
    .unwrap_err();
    assert!(e.contains("not numbers"), "{e}");
    let empty = sales().head(Some(0));
    let data = prepare(
        &empty,
        &spec(ChartKind::Line { step: None }, "day", &["amount"]),
    )
    .expect("empty is fine");
    assert_eq!(
        data,
        ChartData::Xy {
            axis: XAxis::Days,
            series: vec![],
            sampled: None
        }
    );
}
