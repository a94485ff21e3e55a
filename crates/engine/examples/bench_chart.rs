//! Native chart-data benchmark: the 1M-row CSV of `bench_ingest` prepared for a line chart
//! (sorted, LTTB to 2,000 points) and a scatter (binned), as a chart cell does in the worker.
//!
//!     cargo run -p quire-engine --release --example bench_ingest   # writes the file once
//!     cargo run -p quire-engine --release --example bench_chart
#![allow(
    clippy::print_stdout,
    clippy::disallowed_methods,
    reason = "a native benchmark: it prints figures and times with Instant"
)]

use std::time::Instant;

use quire_engine::{Limits, read_csv};
use quire_protocol::ParseOptions;
use quire_protocol::chart::{ChartKind, ChartSpec};

fn main() -> std::io::Result<()> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../target/bench/rows_1m.csv"
    );
    let bytes = std::fs::read(path)
        .map_err(|e| std::io::Error::other(format!("{path}: {e} (run bench_ingest first)")))?;
    let table = read_csv(
        &bytes,
        &ParseOptions::default(),
        &Limits::default(),
        &mut |_, _| {},
    )
    .map_err(|e| std::io::Error::other(e.to_string()))?
    .frame;
    for kind in [
        ChartKind::Line { step: None },
        ChartKind::Scatter { fit: false },
    ] {
        let spec = ChartSpec::new(kind, Some("user_id"), &["amount"]);
        let mut times = Vec::new();
        for _ in 0..3 {
            let t = Instant::now();
            let data =
                quire_engine::chart::prepare(&table, &spec).map_err(std::io::Error::other)?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            std::hint::black_box(data);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "native chart data of 1M rows ({kind:?}): median {:.0} ms",
            times[1]
        );
    }
    Ok(())
}
