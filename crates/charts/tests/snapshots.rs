//! Every chart kind drawn to SVG and compared with a committed snapshot
//! (`tests/snapshots/*.svg`). A missing or different snapshot fails; to accept new drawings,
//! run with `QUIRE_UPDATE_SNAPSHOTS=1` and review the SVG files in the diff.

use std::path::PathBuf;

use plotters::prelude::*;
use plotters_svg::SVGBackend;
use quire_charts::spec::*;
use quire_charts::{ChartError, Frame, draw, prepare};

fn spec(kind: ChartKind, title: &str) -> ChartSpec {
    ChartSpec {
        title: title.into(),
        ..ChartSpec::new(kind, Some("x"), &["y"])
    }
}

fn render(spec: &ChartSpec, data: &ChartData) -> (String, Result<Frame, ChartError>) {
    let mut out = String::new();
    let result;
    {
        let root = SVGBackend::with_string(&mut out, (640, 400)).into_drawing_area();
        result = draw(&root, spec, data);
    }
    (out, result)
}

/// Compares `svg` with the snapshot `name`.
fn snapshot(name: &str, svg: &str) {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "snapshots",
        &format!("{name}.svg"),
    ]
    .iter()
    .collect();
    if std::env::var_os("QUIRE_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, svg).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}: run with QUIRE_UPDATE_SNAPSHOTS=1 and review it",
            path.display()
        )
    });
    assert!(
        expected == svg,
        "{name}: the drawing changed; run with QUIRE_UPDATE_SNAPSHOTS=1 and review the diff"
    );
}

fn days(from: i64, n: usize) -> Vec<f64> {
    (0..n).map(|i| (from + i as i64) as f64).collect()
}

#[test]
fn line_over_time_with_korean_labels() {
    let mut s = spec(
        ChartKind::Line {
            step: Some(TimeStep::Day),
        },
        "일별 매출",
    );
    s.y_label = Some("매출".into());
    s.unit = Some("원".into());
    let x = days(19_782, 30);
    let data = ChartData::Xy {
        axis: XAxis::Days,
        series: vec![
            XySeries {
                name: "서울".into(),
                x: x.clone(),
                y: (0..30).map(|i| 100.0 + f64::from(i) * 3.0).collect(),
            },
            XySeries {
                name: "부산".into(),
                x,
                y: (0..30).map(|i| 80.0 + f64::from(i % 7) * 5.0).collect(),
            },
        ],
        sampled: None,
    };
    let (svg, frame) = render(&s, &data);
    let frame = frame.expect("draws");
    assert!(svg.contains("일별 매출") && svg.contains("매출 (원)") && svg.contains("서울"));
    assert!(svg.contains("2024-03-"), "dates on the x axis");
    // The frame maps pixels back to data: the plot's left edge is the first day (padded).
    let (x, _) = frame.to_data(frame.plot.0, frame.plot.3);
    assert!((x - (19_782.0 - 29.0 * 0.05)).abs() < 1e-9, "{x}");
    // Hovering over the last point of 서울 names it.
    let (px, py) = frame.to_pixel(19_811.0, 187.0);
    let said = quire_charts::nearest(&data, &frame, px, py).expect("a point is near");
    assert_eq!(said, "서울 · 2024-03-29: 187");
    snapshot("line_time", &svg);
}

#[test]
fn a_sampled_line_says_so_and_log_scale_draws() {
    let x: Vec<f64> = (0..1000).map(f64::from).collect();
    let y: Vec<f64> = x.iter().map(|v| 1.0 + v * v).collect();
    let kept = prepare::lttb(&x, &y, 100);
    let mut s = spec(ChartKind::Line { step: None }, "growth");
    s.log_y = true;
    let data = ChartData::Xy {
        axis: XAxis::Number,
        series: vec![XySeries {
            name: "y".into(),
            x: kept.iter().map(|i| x[*i]).collect(),
            y: kept.iter().map(|i| y[*i]).collect(),
        }],
        sampled: Some(Sampled {
            shown: 100,
            total: 1000,
        }),
    };
    let (svg, frame) = render(&s, &data);
    assert!(frame.expect("draws").log_y);
    assert!(svg.contains("showing 100 of 1000 points"));
    snapshot("line_log_sampled", &svg);
}

#[test]
fn grouped_and_stacked_bars() {
    let data = ChartData::Categories {
        categories: vec!["강남점".into(), "홍대점".into(), "Jeju".into()],
        series: vec![
            CategorySeries {
                name: "2023".into(),
                values: vec![3.0, 5.0, 1.5],
            },
            CategorySeries {
                name: "2024".into(),
                values: vec![4.0, f64::NAN, 2.5],
            },
        ],
    };
    let (grouped, r) = render(
        &spec(ChartKind::Bar { stacked: false }, "매장별 매출"),
        &data,
    );
    r.expect("draws");
    // One bar per finite value, in the first two palette colours.
    assert_eq!(
        grouped.matches("fill=\"#0072B2\"").count(),
        3 + 1,
        "3 bars + the legend"
    );
    assert!(grouped.contains("강남점") && grouped.contains("홍대점"));
    snapshot("bar_grouped", &grouped);
    let (stacked, r) = render(&spec(ChartKind::Bar { stacked: true }, "stacked"), &data);
    r.expect("draws");
    snapshot("bar_stacked", &stacked);
}

#[test]
fn scatter_with_a_fitted_line() {
    let x: Vec<f64> = (0..50).map(f64::from).collect();
    let y: Vec<f64> = x
        .iter()
        .map(|v| 2.0 * v + 1.0 + (v * 7.0).sin() * 5.0)
        .collect();
    let data = ChartData::Xy {
        axis: XAxis::Number,
        series: vec![XySeries {
            name: "points".into(),
            x,
            y,
        }],
        sampled: None,
    };
    let (svg, r) = render(&spec(ChartKind::Scatter { fit: true }, "scatter"), &data);
    r.expect("draws");
    assert_eq!(svg.matches("<circle").count(), 50);
    snapshot("scatter_fit", &svg);
}

#[test]
fn histogram_states_its_rule() {
    let values: Vec<f64> = (0..500)
        .map(|i| (f64::from(i) * 0.37).sin() * 10.0 + 50.0)
        .collect();
    let (edges, counts, rule) = prepare::histogram(&values, BinRule::Sturges).expect("bins");
    let data = ChartData::Histogram {
        edges,
        counts,
        rule: rule.clone(),
    };
    let (svg, r) = render(
        &spec(
            ChartKind::Histogram {
                bins: BinRule::Sturges,
            },
            "분포",
        ),
        &data,
    );
    r.expect("draws");
    assert!(
        svg.contains(&rule) && rule.starts_with("Sturges: 10 bins"),
        "{rule}"
    );
    snapshot("histogram", &svg);
}

#[test]
fn box_plot_and_intervals() {
    let a: Vec<f64> = (1..=20).map(f64::from).chain([60.0]).collect();
    let b: Vec<f64> = (5..=30).map(f64::from).collect();
    let data = ChartData::Boxes {
        boxes: vec![
            prepare::box_stats("대조군", &a).expect("box"),
            prepare::box_stats("실험군", &b).expect("box"),
        ],
    };
    let (svg, r) = render(&spec(ChartKind::Box, "box"), &data);
    r.expect("draws");
    assert!(svg.contains("대조군"));
    snapshot("box", &svg);
    let data = ChartData::Intervals {
        items: vec![
            Interval {
                label: "전환율".into(),
                estimate: 0.021,
                low: 0.004,
                high: 0.038,
            },
            Interval {
                label: "revenue".into(),
                estimate: -0.01,
                low: -0.03,
                high: 0.01,
            },
            Interval {
                label: "clicks per session · new_checkout".into(),
                estimate: 0.005,
                low: -0.002,
                high: 0.012,
            },
        ],
    };
    let (svg, r) = render(&spec(ChartKind::Interval, "lift (95% CI)"), &data);
    let frame = r.expect("draws");
    assert!(svg.contains("전환율"));
    // The label column grows to the longest label (~34 characters at 13 px) instead of
    // cutting it at a fixed width, and stays under half the chart.
    assert!(
        frame.plot.0 > 180 && frame.plot.0 < 320,
        "plot starts at {}",
        frame.plot.0
    );
    snapshot("interval", &svg);
}

#[test]
fn roc_curve_and_sparkline() {
    let data = ChartData::Xy {
        axis: XAxis::Number,
        series: vec![XySeries {
            name: "model".into(),
            x: vec![0.0, 0.1, 0.3, 0.6, 1.0],
            y: vec![0.0, 0.5, 0.8, 0.95, 1.0],
        }],
        sampled: None,
    };
    let (svg, frame) = render(&spec(ChartKind::Roc, "ROC"), &data);
    let frame = frame.expect("draws");
    assert_eq!((frame.x, frame.y), ((0.0, 1.0), (0.0, 1.0)));
    snapshot("roc", &svg);
    let (svg, r) = render(&spec(ChartKind::Spark, ""), &data);
    r.expect("draws");
    assert!(!svg.contains("<text"), "a sparkline has no text");
    snapshot("spark", &svg);
}

#[test]
fn empty_and_all_null_data_say_nothing_to_draw() {
    let cases = [
        ChartData::Xy {
            axis: XAxis::Number,
            series: vec![],
            sampled: None,
        },
        ChartData::Xy {
            axis: XAxis::Days,
            series: vec![XySeries {
                name: "a".into(),
                x: vec![1.0, 2.0],
                y: vec![f64::NAN, f64::NAN],
            }],
            sampled: None,
        },
        ChartData::Categories {
            categories: vec![],
            series: vec![],
        },
        ChartData::Histogram {
            edges: vec![0.0],
            counts: vec![],
            rule: String::new(),
        },
        ChartData::Boxes { boxes: vec![] },
        ChartData::Intervals {
            items: vec![Interval {
                label: "x".into(),
                estimate: f64::NAN,
                low: 0.0,
                high: 1.0,
            }],
        },
    ];
    for (i, data) in cases.iter().enumerate() {
        let (svg, r) = render(&spec(ChartKind::Line { step: None }, "빈 차트"), data);
        assert_eq!(r, Err(ChartError::Empty), "case {i}");
        assert!(svg.contains("nothing to draw"), "case {i}");
        if i == 0 {
            snapshot("empty", &svg);
        }
    }
    let mismatch = ChartData::Categories {
        categories: vec!["a".into()],
        series: vec![CategorySeries {
            name: "s".into(),
            values: vec![1.0, 2.0],
        }],
    };
    assert_eq!(
        render(&spec(ChartKind::Bar { stacked: false }, "x"), &mismatch).1,
        Err(ChartError::Mismatch {
            labels: 1,
            values: 2
        })
    );
}

#[test]
fn a_gap_breaks_a_line() {
    let mut y: Vec<f64> = (0..20).map(|i| f64::from(i % 7)).collect();
    y[8] = f64::NAN;
    y[9] = f64::NAN;
    let data = ChartData::Xy {
        axis: XAxis::Days,
        series: vec![XySeries {
            name: "revenue".into(),
            x: days(19_723, 20),
            y,
        }],
        sampled: None,
    };
    let (svg, result) = render(&spec(ChartKind::Line { step: None }, "gap"), &data);
    assert!(result.is_ok());
    // Two runs of points: two polylines for the one series.
    let lines = svg
        .lines()
        .filter(|l| l.starts_with("<polyline") && l.contains("stroke=\"#0072B2\""))
        .count();
    assert_eq!(lines, 2, "{svg}");
    snapshot("line_gap", &svg);
}

#[test]
fn a_dashboard_of_two_tiles_in_korean() {
    use quire_charts::dashboard::{TileFace, draw_dashboard, height};
    use quire_protocol::metric::Trend;
    let spark = |values: &[f64]| -> Vec<(f64, f64)> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| ((19_723 + 7 * i) as f64, *v))
            .collect()
    };
    let tiles = [
        TileFace {
            name: "주간 활성 사용자".into(),
            value: "4 users".into(),
            change: "▲ +1 (+33.3%) vs 2024-W01".into(),
            trend: Trend::Good,
            period: "2024-W02".into(),
            note: None,
            spark: spark(&[3.0, 4.0]),
        },
        TileFace {
            name: "매출".into(),
            value: "₩30".into(),
            change: "▼ −₩6 (−16.7%) vs 2024-W01".into(),
            trend: Trend::Bad,
            period: "2024-W02".into(),
            note: Some("2024-01 so far: ₩66".into()),
            spark: spark(&[36.0, f64::NAN, 30.0]),
        },
    ];
    let h = height(tiles.len(), 2);
    assert_eq!(h, height(1, 2), "two tiles side by side are one row");
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (640, h)).into_drawing_area();
        draw_dashboard(&root, "주간 지표", &tiles, 2).expect("draws");
    }
    for text in [
        "주간 지표",
        "주간 활성 사용자",
        "₩30",
        "2024-W02",
        "▼ −₩6 (−16.7%) vs 2024-W01",
    ] {
        assert!(out.contains(text), "{text} missing");
    }
    // One well-formed document: the sparklines do not close it early.
    assert_eq!(out.matches("</svg>").count(), 1);
    assert!(out.trim_end().ends_with("</svg>"));
    // Good news is green, bad news vermillion.
    assert!(out.contains("#008C64") && out.contains("#D55E00"), "{out}");
    snapshot("dashboard", &out);
    let mut empty = String::new();
    let root = SVGBackend::with_string(&mut empty, (640, 200)).into_drawing_area();
    assert_eq!(draw_dashboard(&root, "", &[], 2), Err(ChartError::Empty));
}
