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

mod common;

use std::io::Write;

const ROWS: u64 = 1_000_000;
const STORES: [&str; 8] = [
    "Gangnam", "Mapo", "Jongno", "Haeundae", "Suseong", "Yuseong", "Bupyeong", "Ilsan",
];
const CITIES: [&str; 5] = ["Seoul", "Busan", "Daegu", "Daejeon", "Incheon"];

/// Deterministic rows of ten columns: two ids, two texts with few values, one text with many,
/// integers, floats (one with 10% missing), a date and a flag.
fn generate(out: &mut impl Write) -> std::io::Result<()> {
    writeln!(
        out,
        "order_id,user_id,store,city,amount,qty,discount,day,paid,coupon"
    )?;
    let mut next = common::stream(7);
    for id in 0..ROWS {
        let user = next() % 100_000;
        let store = STORES[(next() % 8) as usize];
        let city = CITIES[(next() % 5) as usize];
        let cents = next() % 50_000;
        let qty = 1 + next() % 9;
        let discount = if next().is_multiple_of(10) {
            String::new()
        } else {
            format!("0.{:02}", next() % 40)
        };
        let day = 1 + next() % 28;
        let month = 1 + next() % 12;
        let year = 2020 + next() % 5;
        let paid = !next().is_multiple_of(4);
        let coupon = next() % 50_000;
        writeln!(
            out,
            "{id},{user},{store},{city},{}.{:02},{qty},{discount},{year}-{month:02}-{day:02},{paid},C{coupon}",
            cents / 100,
            cents % 100
        )?;
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let (path, bytes) = common::generated("wide_1m.csv", generate)?;
    let t = common::read(&bytes)?;
    println!(
        "file: {} ({:.1} MB, {} rows × {} columns)",
        path.display(),
        bytes.len() as f64 / 1e6,
        t.frame.height(),
        t.frame.width()
    );
    common::time("native profile of 1M rows × 10 columns", 3, || {
        let p = quire_engine::profile::profile("wide", &t.frame)
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        assert_eq!(p.columns.len(), 10);
        Ok(())
    })
}
