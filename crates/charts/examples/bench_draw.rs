//! Native drawing benchmark: 1M points of a line, downsampled with LTTB and drawn to SVG; and
//! 1M scatter points binned to a grid and drawn.
//!
//!     cargo run -p quire-charts --release --example bench_draw
#![allow(
    clippy::print_stdout,
    clippy::disallowed_methods,
    reason = "a native benchmark: it prints figures and times with Instant"
)]

use std::time::Instant;

use plotters::prelude::*;
use plotters_svg::SVGBackend;
use quire_charts::prepare::{bin_scatter, lttb};
use quire_charts::spec::*;

const N: usize = 1_000_000;

fn spec(kind: ChartKind) -> ChartSpec {
    ChartSpec {
        title: "1M points".into(),
        ..ChartSpec::new(kind, Some("x"), &["y"])
    }
}

fn time(label: &str, mut f: impl FnMut() -> usize) {
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..5 {
        let t = Instant::now();
        size = f();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!("{label}: median {:.1} ms ({size} bytes of SVG)", times[2]);
}

fn main() {
    let x: Vec<f64> = (0..N).map(|i| i as f64).collect();
    let y: Vec<f64> = x
        .iter()
        .map(|v| (v / 5000.0).sin() * 100.0 + (v * 0.37).sin() * 10.0)
        .collect();
    time("line, 1M points: LTTB to 2,000 + draw", || {
        let keep = lttb(&x, &y, 2_000);
        let data = ChartData::Xy {
            axis: XAxis::Number,
            series: vec![XySeries {
                name: "y".into(),
                x: keep.iter().map(|i| x[*i]).collect(),
                y: keep.iter().map(|i| y[*i]).collect(),
            }],
            sampled: Some(Sampled {
                shown: 2_000,
                total: N as u64,
            }),
        };
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (960, 360)).into_drawing_area();
            let _ = quire_charts::draw(
                &root,
                &spec(ChartKind::Line { step: None }),
                &data,
                quire_charts::Lang::En,
            );
        }
        out.len()
    });
    let sx: Vec<f64> = (0..N).map(|i| ((i * 7919) % N) as f64).collect();
    time("scatter, 1M points: binned to 240×160 + draw", || {
        let cells = bin_scatter(&sx, &y, 240, 160);
        let (cx, cy): (Vec<f64>, Vec<f64>) = cells.into_iter().map(|(a, b, _)| (a, b)).unzip();
        let data = ChartData::Xy {
            axis: XAxis::Number,
            series: vec![XySeries {
                name: "y".into(),
                x: cx,
                y: cy,
            }],
            sampled: Some(Sampled {
                shown: 0,
                total: N as u64,
            }),
        };
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (960, 360)).into_drawing_area();
            let _ = quire_charts::draw(
                &root,
                &spec(ChartKind::Scatter { fit: false }),
                &data,
                quire_charts::Lang::En,
            );
        }
        out.len()
    });
}
