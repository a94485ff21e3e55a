//! Every chart kind drawn to SVG and compared with a committed snapshot
//! (`tests/snapshots/*.svg`). A missing or different snapshot fails, naming the first line
//! that differs and leaving the new drawing beside the build for a look; to accept new
//! drawings, run with `QUIRE_UPDATE_SNAPSHOTS=1` and review the SVG files in the diff.

use std::path::PathBuf;

use plotters::prelude::*;
use plotters_svg::SVGBackend;
use quire_charts::spec::*;
use quire_charts::{ChartError, Frame, Lang, draw, prepare, spec};

fn spec(kind: ChartKind, title: &str) -> ChartSpec {
    ChartSpec {
        title: title.into(),
        ..ChartSpec::new(kind, Some("x"), &["y"])
    }
}

fn render(spec: &ChartSpec, data: &ChartData) -> (String, Result<Frame, ChartError>) {
    render_in(Lang::En, spec, data)
}

fn render_in(
    lang: Lang,
    spec: &ChartSpec,
    data: &ChartData,
) -> (String, Result<Frame, ChartError>) {
    let mut out = String::new();
    let result;
    {
        let root = SVGBackend::with_string(&mut out, (640, 400)).into_drawing_area();
        result = draw(&root, spec, data, lang);
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
    if expected == svg {
        return;
    }
    let new = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}.new.svg"));
    let _ = std::fs::write(&new, svg);
    panic!(
        "{name}: the drawing changed{}\nthe new drawing is at {}; run with \
         QUIRE_UPDATE_SNAPSHOTS=1 to accept it, and review the diff",
        first_difference(&expected, svg),
        new.display()
    );
}

/// Where two texts first differ, line by line, with both lines.
fn first_difference(expected: &str, actual: &str) -> String {
    let (mut e, mut a) = (expected.lines(), actual.lines());
    for line in 1.. {
        match (e.next(), a.next()) {
            (Some(x), Some(y)) if x == y => continue,
            (None, None) => break,
            (x, y) => {
                return format!(
                    " at line {line}:\n  snapshot: {}\n  now:      {}",
                    x.unwrap_or("(end)"),
                    y.unwrap_or("(end)")
                );
            }
        }
    }
    " (in line endings only)".to_owned()
}

#[test]
fn a_changed_snapshot_names_its_first_different_line() {
    assert_eq!(
        first_difference("<svg>\n<a/>\n<b/>", "<svg>\n<a/>\n<c/>"),
        " at line 3:\n  snapshot: <b/>\n  now:      <c/>"
    );
    assert_eq!(
        first_difference("<svg>", "<svg>\n<a/>"),
        " at line 2:\n  snapshot: (end)\n  now:      <a/>"
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
    assert!(svg.contains("showing 100 of 1,000 points"));
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
        omitted: Omitted::default(),
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
    let (edges, counts) = prepare::histogram(&values, BinRule::Sturges).expect("bins");
    let data = ChartData::Histogram {
        edges,
        counts,
        rule: BinRule::Sturges,
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
    let frame = r.expect("draws");
    assert!(svg.contains("Sturges: 10 bins of width 1.997"), "{svg}");
    assert!(
        svg.contains("\ncount\n") && svg.contains("\ny\n"),
        "axes named"
    );
    // Hovering over the first bin names its range and count.
    let ChartData::Histogram { edges, counts, .. } = &data else {
        unreachable!()
    };
    let (px, py) = frame.to_pixel((edges[0] + edges[1]) / 2.0, 1.0);
    let said = quire_charts::nearest(&data, &frame, px, py).expect("a bin");
    assert_eq!(
        said,
        format!(
            "{} – {}: {}",
            spec::short(edges[0]),
            spec::short(edges[1]),
            counts[0]
        )
    );
    let (px, _) = frame.to_pixel(edges[0] - 1.0, 1.0);
    assert_eq!(quire_charts::nearest(&data, &frame, px, py), None);
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
        omitted: Omitted::default(),
    };
    let (svg, r) = render(&spec(ChartKind::Box, "box"), &data);
    let frame = r.expect("draws");
    assert!(svg.contains("대조군"));
    // Hovering over the second box names its five numbers.
    let (px, py) = frame.to_pixel(1.5, 10.0);
    assert_eq!(
        quire_charts::nearest(&data, &frame, px, py).as_deref(),
        Some("실험군: 5 · 11.25 · 17.5 · 23.75 · 30")
    );
    let (px, py) = frame.to_pixel(-0.5, 10.0);
    assert_eq!(quire_charts::nearest(&data, &frame, px, py), None);
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
        omitted: Omitted::default(),
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
    let mut roc = spec(ChartKind::Roc, "ROC");
    roc.log_y = true;
    let (svg, frame) = render(&roc, &data);
    let frame = frame.expect("draws");
    assert_eq!((frame.x, frame.y), ((0.0, 1.0), (0.0, 1.0)));
    assert!(!frame.log_y, "rates from 0 to 1 have no log scale");
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
        ChartData::Plot {
            axis: XAxis::Number,
            series: vec![],
            sampled: None,
            fits: vec![],
            omitted: Omitted::default(),
        },
        ChartData::Categories {
            categories: vec![],
            series: vec![],
            omitted: Omitted::default(),
        },
        ChartData::Categories {
            categories: vec!["a".into()],
            series: vec![CategorySeries {
                name: "s".into(),
                values: vec![f64::NAN],
            }],
            omitted: Omitted::default(),
        },
        ChartData::Histogram {
            edges: vec![0.0],
            counts: vec![],
            rule: BinRule::Sturges,
        },
        ChartData::Boxes {
            boxes: vec![],
            omitted: Omitted::default(),
        },
        ChartData::Intervals {
            items: vec![Interval {
                label: "x".into(),
                estimate: f64::NAN,
                low: 0.0,
                high: 1.0,
            }],
            omitted: Omitted::default(),
        },
    ];
    for (i, data) in cases.iter().enumerate() {
        let (svg, r) = render(&spec(ChartKind::Line { step: None }, "빈 차트"), data);
        assert_eq!(r, Err(ChartError::Empty), "case {i}");
        assert!(svg.contains("nothing to draw"), "case {i}");
        if i == 0 {
            snapshot("empty", &svg);
        }
        // In Korean, the same chart says so in Korean.
        let (svg, r) = render_in(
            Lang::Ko,
            &spec(ChartKind::Line { step: None }, "빈 차트"),
            data,
        );
        assert_eq!(r, Err(ChartError::Empty), "case {i}");
        assert!(
            svg.contains("그릴 값이 없습니다") && !svg.contains("nothing"),
            "case {i}"
        );
        if i == 0 {
            snapshot("empty_ko", &svg);
        }
    }
    // A sparkline has no words: empty, it stays blank.
    let (svg, r) = render(&spec(ChartKind::Spark, ""), &cases[0]);
    assert_eq!(r, Err(ChartError::Empty));
    assert!(!svg.contains("<text"));
    let mismatch = ChartData::Categories {
        categories: vec!["a".into()],
        series: vec![CategorySeries {
            name: "s".into(),
            values: vec![1.0, 2.0],
        }],
        omitted: Omitted::default(),
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

#[test]
fn korean_readers_get_korean_notes_and_bin_rules() {
    let values: Vec<f64> = (0..500)
        .map(|i| (f64::from(i) * 0.37).sin() * 10.0 + 50.0)
        .collect();
    let (edges, counts) = prepare::histogram(&values, BinRule::Fixed { bins: 12 }).expect("bins");
    let data = ChartData::Histogram {
        edges,
        counts,
        rule: BinRule::Fixed { bins: 12 },
    };
    let mut s = spec(
        ChartKind::Histogram {
            bins: BinRule::Fixed { bins: 12 },
        },
        "분포",
    );
    s.y = vec!["지연 시간".into()];
    let (svg, r) = render_in(Lang::Ko, &s, &data);
    r.expect("draws");
    assert!(svg.contains("고정: 구간 12개, 너비 1.664"), "{svg}");
    assert!(svg.contains("\n개수\n") && svg.contains("\n지연 시간\n"));
    assert!(!svg.contains("bins"));
    snapshot("histogram_ko", &svg);
    let (svg, _) = render_in(Lang::En, &s, &data);
    assert!(svg.contains("fixed: 12 bins of width 1.664"));
    // A sampled line, in Korean, with grouped thousands.
    let x: Vec<f64> = (0..2_000).map(f64::from).collect();
    let line = ChartData::Xy {
        axis: XAxis::Number,
        series: vec![XySeries {
            name: "y".into(),
            y: x.iter().map(|v| v.sin()).collect(),
            x,
        }],
        sampled: Some(Sampled {
            shown: 2_000,
            total: 1_000_000,
        }),
    };
    let (svg, _) = render_in(
        Lang::Ko,
        &spec(ChartKind::Line { step: None }, "표본"),
        &line,
    );
    assert!(svg.contains("점 1,000,000개 중 2,000개 표시"), "{svg}");
    assert_eq!(
        quire_charts::notes(&line, Lang::En),
        ["showing 2,000 of 1,000,000 points"]
    );
}

#[test]
fn cut_categories_and_series_say_so_on_the_chart() {
    let data = ChartData::Categories {
        categories: (0..60).map(|i| format!("c{i}")).collect(),
        series: (0..8)
            .map(|j| CategorySeries {
                name: format!("s{j}"),
                values: (0..60).map(|i| f64::from(i + j)).collect(),
            })
            .collect(),
        omitted: Omitted {
            categories: Some(Sampled {
                shown: 60,
                total: 1_250,
            }),
            series: Some(Sampled {
                shown: 8,
                total: 31,
            }),
        },
    };
    let (svg, r) = render(&spec(ChartKind::Bar { stacked: true }, "cut"), &data);
    r.expect("draws");
    let note = "showing the first 60 of 1,250 categories · showing the 8 largest of 31 series";
    assert!(svg.contains(note), "{svg}");
    snapshot("bar_cut", &svg);
    assert_eq!(
        quire_charts::notes(&data, Lang::Ko),
        [
            "항목 1,250개 중 앞의 60개 표시",
            "계열 31개 중 행이 많은 8개 표시"
        ]
    );
    let boxes = ChartData::Boxes {
        boxes: vec![prepare::box_stats("a", &[1.0, 2.0, 3.0]).expect("box")],
        omitted: Omitted {
            categories: Some(Sampled {
                shown: 60,
                total: 61,
            }),
            series: None,
        },
    };
    let (svg, _) = render(&spec(ChartKind::Box, "boxes"), &boxes);
    assert!(svg.contains("showing the first 60 of 61 categories"));
    let items = ChartData::Intervals {
        items: vec![Interval {
            label: "a".into(),
            estimate: 1.0,
            low: 0.0,
            high: 2.0,
        }],
        omitted: Omitted {
            categories: Some(Sampled {
                shown: 60,
                total: 99,
            }),
            series: None,
        },
    };
    let (svg, _) = render(&spec(ChartKind::Interval, "intervals"), &items);
    assert!(svg.contains("showing the first 60 of 99 categories"));
}

#[test]
fn log_scale_where_it_means_something_and_nowhere_else() {
    let values: Vec<f64> = (0..2_000).map(|i| 1.05_f64.powi(i % 150)).collect();
    let (edges, counts) = prepare::histogram(&values, BinRule::Sturges).expect("bins");
    let hist = ChartData::Histogram {
        edges,
        counts,
        rule: BinRule::Sturges,
    };
    let mut h = spec(
        ChartKind::Histogram {
            bins: BinRule::Sturges,
        },
        "log counts",
    );
    h.log_y = true;
    let (svg, r) = render(&h, &hist);
    let frame = r.expect("draws");
    assert!(frame.log_y);
    assert_eq!(frame.y.0, 0.5, "bars rise from ½ so a count of 1 shows");
    snapshot("histogram_log", &svg);
    let boxes = ChartData::Boxes {
        boxes: vec![
            prepare::box_stats("small", &[0.5, 1.0, 2.0, 3.0]).expect("box"),
            prepare::box_stats("large", &[200.0, 500.0, 1_000.0, 4_000.0]).expect("box"),
        ],
        omitted: Omitted::default(),
    };
    let mut b = spec(ChartKind::Box, "log boxes");
    b.log_y = true;
    let (svg, r) = render(&b, &boxes);
    let frame = r.expect("draws");
    assert!(frame.log_y);
    assert!(
        frame.y.0 > 0.0 && frame.y.0 < 0.5 && frame.y.1 > 4_000.0,
        "{:?}",
        frame.y
    );
    snapshot("box_log", &svg);
    // Bars and intervals have no log scale: the setting is not offered, and ignored.
    let bars = ChartData::Categories {
        categories: vec!["a".into(), "b".into()],
        series: vec![CategorySeries {
            name: "v".into(),
            values: vec![1.0, 1_000.0],
        }],
        omitted: Omitted::default(),
    };
    let mut s = spec(ChartKind::Bar { stacked: false }, "bars");
    s.log_y = true;
    assert!(!render(&s, &bars).1.expect("draws").log_y);
    assert!(!ChartKind::Bar { stacked: false }.supports_log_y());
    assert!(!ChartKind::Interval.supports_log_y());
    assert!(!ChartKind::Roc.supports_log_y());
    assert!(
        ChartKind::Histogram {
            bins: BinRule::Sturges
        }
        .supports_log_y()
    );
}

#[test]
fn a_fitted_line_only_when_asked_and_from_the_sent_fit() {
    let x: Vec<f64> = (0..40).map(f64::from).collect();
    let y: Vec<f64> = x.iter().map(|v| 10.0 - 0.5 * v + (v * 3.0).sin()).collect();
    let points = |fits: Vec<Option<Fit>>| ChartData::Plot {
        axis: XAxis::Number,
        series: vec![XySeries {
            name: "p".into(),
            x: x.clone(),
            y: y.clone(),
        }],
        sampled: Some(Sampled {
            shown: 40,
            total: 40_000,
        }),
        fits,
        omitted: Omitted::default(),
    };
    let polylines = |svg: &str| svg.matches("<polyline").count();
    let sent = Fit {
        intercept: 10.0,
        slope: -0.5,
    };
    let (with_fit, r) = render(
        &spec(ChartKind::Scatter { fit: true }, "fit"),
        &points(vec![Some(sent)]),
    );
    let frame = r.expect("draws");
    let (without, _) = render(
        &spec(ChartKind::Scatter { fit: false }, "fit"),
        &points(vec![Some(sent)]),
    );
    assert_eq!(polylines(&with_fit), polylines(&without) + 1);
    // The line drawn is the one sent (from every row), not one through the binned points.
    let (_, py0) = frame.to_pixel(frame.x.0, 10.0 - 0.5 * frame.x.0);
    assert!(
        with_fit.contains(&format!(",{} ", py0.round() as i32))
            || with_fit.contains(&format!(",{}\"", py0.round() as i32)),
        "the fitted line starts at y = {py0}"
    );
    snapshot("scatter_sent_fit", &with_fit);
    // Binned points sent without a fit get none made up from the bins.
    let binned = ChartData::Xy {
        axis: XAxis::Number,
        series: vec![XySeries {
            name: "p".into(),
            x: x.clone(),
            y: y.clone(),
        }],
        sampled: Some(Sampled {
            shown: 40,
            total: 40_000,
        }),
    };
    let (svg, _) = render(&spec(ChartKind::Scatter { fit: true }, "fit"), &binned);
    assert_eq!(polylines(&svg), polylines(&without));
}

#[test]
fn a_roc_curve_names_its_auc() {
    let data = ChartData::Plot {
        axis: XAxis::Number,
        series: vec![XySeries {
            name: "AUC 0.812".into(),
            x: vec![0.0, 0.1, 0.3, 1.0],
            y: vec![0.0, 0.6, 0.9, 1.0],
        }],
        sampled: None,
        fits: vec![],
        omitted: Omitted::default(),
    };
    let (svg, r) = render(&spec(ChartKind::Roc, "ROC"), &data);
    r.expect("draws");
    assert!(svg.contains("AUC 0.812"), "one curve still has its legend");
    assert!(svg.contains("false-positive rate") && svg.contains("true-positive rate"));
    let (svg, _) = render_in(Lang::Ko, &spec(ChartKind::Roc, "ROC"), &data);
    assert!(svg.contains("거짓 양성 비율") && svg.contains("참 양성 비율"));
    snapshot("roc_auc_ko", &svg);
}

#[test]
fn interval_hover_names_the_row_drawn_there() {
    // The second row has no estimate: it is not drawn, and hover must skip it too.
    let data = ChartData::Intervals {
        items: vec![
            Interval {
                label: "first".into(),
                estimate: 0.1,
                low: 0.0,
                high: 0.2,
            },
            Interval {
                label: "missing".into(),
                estimate: f64::NAN,
                low: 0.0,
                high: 0.2,
            },
            Interval {
                label: "third".into(),
                estimate: 0.3,
                low: 0.2,
                high: 0.4,
            },
        ],
        omitted: Omitted::default(),
    };
    let (svg, r) = render(&spec(ChartKind::Interval, "lifts"), &data);
    let frame = r.expect("draws");
    assert!(!svg.contains("missing"));
    // Two rows drawn: "first" on top (y in 1..2), "third" below (0..1).
    let (px, py) = frame.to_pixel(0.3, 0.5);
    assert_eq!(
        quire_charts::nearest(&data, &frame, px, py).as_deref(),
        Some("third: 0.3 [0.2, 0.4]")
    );
    let (px, py) = frame.to_pixel(0.1, 1.5);
    assert_eq!(
        quire_charts::nearest(&data, &frame, px, py).as_deref(),
        Some("first: 0.1 [0, 0.2]")
    );
    let (px, py) = frame.to_pixel(0.1, 2.5);
    assert_eq!(quire_charts::nearest(&data, &frame, px, py), None);
}

#[test]
fn datetimes_read_as_dates_and_times() {
    // Every 30 minutes over a day from 2024-02-29 00:00 UTC, in milliseconds.
    let start = 19_782.0 * 86_400_000.0;
    let x: Vec<f64> = (0..48)
        .map(|i| start + f64::from(i) * 1_800_000.0)
        .collect();
    let data = ChartData::Xy {
        axis: XAxis::Millis,
        series: vec![XySeries {
            name: "load".into(),
            y: (0..48).map(|i| f64::from(i % 12)).collect(),
            x,
        }],
        sampled: None,
    };
    let (svg, r) = render(&spec(ChartKind::Line { step: None }, "하루"), &data);
    let frame = r.expect("draws");
    assert!(
        svg.contains("02-29 12:00") || svg.contains("02-29 "),
        "times on the axis"
    );
    let (px, py) = frame.to_pixel(start + 27.0 * 1_800_000.0, 3.0);
    assert_eq!(
        quire_charts::nearest(&data, &frame, px, py).as_deref(),
        Some("2024-02-29 13:30: 3")
    );
    snapshot("line_datetime", &svg);
}

#[test]
fn weekly_and_monthly_lines_are_labelled_by_week_and_month() {
    // Mondays from 2026-01-05 (ISO week 2), ten weeks.
    let monday = 20_458.0;
    assert_eq!(quire_protocol::calendar::date_of_days(20_458), "2026-01-05");
    let weeks = ChartData::Plot {
        axis: XAxis::Days,
        series: vec![XySeries {
            name: "orders".into(),
            x: (0..10).map(|i| monday + 7.0 * f64::from(i)).collect(),
            y: (0..10).map(|i| f64::from(10 + i % 4)).collect(),
        }],
        sampled: None,
        fits: vec![],
        omitted: Omitted::default(),
    };
    let weekly = spec(
        ChartKind::Line {
            step: Some(TimeStep::Week),
        },
        "weekly",
    );
    let (svg, r) = render(&weekly, &weeks);
    let frame = r.expect("draws");
    assert!(
        svg.contains("\n2026-W02\n") && svg.contains("\n2026-W06\n"),
        "{svg}"
    );
    assert!(!svg.contains(">2026-01-"), "weeks, not days");
    let (px, py) = frame.to_pixel(monday + 21.0, 13.0);
    assert_eq!(
        quire_charts::nearest(&weeks, &frame, px, py).as_deref(),
        Some("2026-W05: 13")
    );
    snapshot("line_weeks", &svg);
    // Month starts from 2026-01-01.
    let months: Vec<f64> = (1..=6)
        .map(|m| quire_protocol::calendar::days_from_civil(2026, m, 1) as f64)
        .collect();
    let data = ChartData::Plot {
        axis: XAxis::Days,
        series: vec![XySeries {
            name: "revenue".into(),
            y: vec![3.0, 4.0, 2.0, 5.0, 6.0, 4.5],
            x: months,
        }],
        sampled: None,
        fits: vec![],
        omitted: Omitted::default(),
    };
    let monthly = spec(
        ChartKind::Line {
            step: Some(TimeStep::Month),
        },
        "monthly",
    );
    let (svg, r) = render(&monthly, &data);
    r.expect("draws");
    assert!(
        svg.contains("\n2026-01\n") && svg.contains("\n2026-06\n"),
        "{svg}"
    );
    assert!(!svg.contains(">2026-01-"));
    snapshot("line_months", &svg);
}
