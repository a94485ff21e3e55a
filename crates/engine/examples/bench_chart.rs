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

mod common;

use quire_protocol::chart::{ChartKind, ChartSpec};

fn main() -> std::io::Result<()> {
    let path = common::bench_file("rows_1m.csv");
    let bytes = std::fs::read(&path).map_err(|e| {
        std::io::Error::other(format!("{}: {e} (run bench_ingest first)", path.display()))
    })?;
    let table = common::read(&bytes)?.frame;
    for kind in [
        ChartKind::Line { step: None },
        ChartKind::Scatter { fit: false },
    ] {
        let spec = ChartSpec::new(kind, Some("user_id"), &["amount"]);
        common::time(
            &format!("native chart data of 1M rows ({kind:?})"),
            3,
            || {
                let data = quire_engine::kinds::chart::prepare(&table, &spec)
                    .map_err(|e| std::io::Error::other(format!("{e:?}")))?;
                std::hint::black_box(data);
                Ok(())
            },
        )?;
    }
    Ok(())
}
