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

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use quire_engine::{Limits, read_csv};
use quire_protocol::ParseOptions;

const ROWS: u64 = 1_000_000;

fn path() -> PathBuf {
    [
        env!("CARGO_MANIFEST_DIR"),
        "..",
        "..",
        "target",
        "bench",
        "rows_1m.csv",
    ]
    .iter()
    .collect()
}

/// Deterministic rows: user id, store, amount, paid flag (about 21 bytes a row).
fn generate(path: &PathBuf) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(out, "user_id,store,amount,paid")?;
    let mut state: u64 = 42;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        state >> 33
    };
    for _ in 0..ROWS {
        let user = next() % 100_000;
        let store = next() % 50;
        let cents = next() % 50_000;
        let paid = if next() % 4 == 0 { "false" } else { "true" };
        writeln!(
            out,
            "{user},{store},{}.{:02},{paid}",
            cents / 100,
            cents % 100
        )?;
    }
    out.flush()
}

fn main() -> std::io::Result<()> {
    let path = path();
    if !path.exists() {
        generate(&path)?;
    }
    let bytes = std::fs::read(&path)?;
    println!(
        "file: {} ({:.1} MB, {ROWS} rows)",
        path.display(),
        bytes.len() as f64 / 1e6
    );
    let mut times = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        let t = read_csv(
            &bytes,
            &ParseOptions::default(),
            &Limits::default(),
            &mut |_, _| {},
        )
        .map_err(|e| std::io::Error::other(e.to_string()))?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(t.report.rows, ROWS);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "native read_csv (decode, scan, parse, type): median {:.0} ms of {:?}",
        times[1],
        times.iter().map(|t| t.round()).collect::<Vec<_>>()
    );
    Ok(())
}
