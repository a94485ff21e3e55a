//! Native ingest benchmark: writes (once) a 1M-row CSV of about 21 MB to
//! `target/bench/rows_1m.csv` (delete it to regenerate) — the browser benchmark loads the same file — and prints how
//! long the engine takes to read it.
//!
//!     cargo run -p quire-engine --release --example bench_ingest
#![allow(
    clippy::print_stdout,
    clippy::disallowed_methods,
    reason = "a native benchmark: it prints figures and times with Instant"
)]

mod common;

use std::io::Write;

const ROWS: u64 = 1_000_000;

fn main() -> std::io::Result<()> {
    // Deterministic rows: user id, store, amount, paid flag (about 21 bytes a row).
    let (path, bytes) = common::generated("rows_1m.csv", |out| {
        writeln!(out, "user_id,store,amount,paid")?;
        let mut next = common::stream(42);
        for _ in 0..ROWS {
            let user = next() % 100_000;
            let store = next() % 50;
            let cents = next() % 50_000;
            let paid = if next().is_multiple_of(4) {
                "false"
            } else {
                "true"
            };
            writeln!(
                out,
                "{user},{store},{}.{:02},{paid}",
                cents / 100,
                cents % 100
            )?;
        }
        Ok(())
    })?;
    println!(
        "file: {} ({:.1} MB, {ROWS} rows)",
        path.display(),
        bytes.len() as f64 / 1e6
    );
    common::time("native read_csv (decode, scan, parse, type)", 3, || {
        let t = common::read(&bytes)?;
        assert_eq!(t.report.rows, ROWS);
        Ok(())
    })
}
