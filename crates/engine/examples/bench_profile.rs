//! Native profile benchmark: writes (once) a 1M-row, 10-column CSV to
//! `target/bench/wide_1m.csv` — the browser benchmark profiles the same file — and prints how
//! long reading it and profiling it take.
//!
//!     cargo run -p quire-engine --release --example bench_profile
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
const STORES: [&str; 8] = [
    "Gangnam", "Mapo", "Jongno", "Haeundae", "Suseong", "Yuseong", "Bupyeong", "Ilsan",
];
const CITIES: [&str; 5] = ["Seoul", "Busan", "Daegu", "Daejeon", "Incheon"];

fn path() -> PathBuf {
    [
        env!("CARGO_MANIFEST_DIR"),
        "..",
        "..",
        "target",
        "bench",
        "wide_1m.csv",
    ]
    .iter()
    .collect()
}

/// Deterministic rows of ten columns: two ids, two texts with few values, one text with many,
/// integers, floats (one with 10% missing), a date and a flag.
fn generate(path: &PathBuf) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(
        out,
        "order_id,user_id,store,city,amount,qty,discount,day,paid,coupon"
    )?;
    let mut state: u64 = 7;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        state >> 33
    };
    for id in 0..ROWS {
        let user = next() % 100_000;
        let store = STORES[(next() % 8) as usize];
        let city = CITIES[(next() % 5) as usize];
        let cents = next() % 50_000;
        let qty = 1 + next() % 9;
        let discount = if next() % 10 == 0 {
            String::new()
        } else {
            format!("0.{:02}", next() % 40)
        };
        let day = 1 + next() % 28;
        let month = 1 + next() % 12;
        let year = 2020 + next() % 5;
        let paid = next() % 4 != 0;
        let coupon = next() % 50_000;
        writeln!(
            out,
            "{id},{user},{store},{city},{}.{:02},{qty},{discount},{year}-{month:02}-{day:02},{paid},C{coupon}",
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
    let t = read_csv(
        &bytes,
        &ParseOptions::default(),
        &Limits::default(),
        &mut |_, _| {},
    )
    .map_err(|e| std::io::Error::other(e.to_string()))?;
    println!(
        "file: {} ({:.1} MB, {} rows × {} columns)",
        path.display(),
        bytes.len() as f64 / 1e6,
        t.frame.height(),
        t.frame.width()
    );
    let mut times = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        let p = quire_engine::profile::profile("wide", &t.frame)
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(p.columns.len(), 10);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "native profile of 1M rows × 10 columns: median {:.0} ms of {:?}",
        times[1],
        times.iter().map(|t| t.round()).collect::<Vec<_>>()
    );
    Ok(())
}
