//! Native model benchmark: writes (once) a 1M-row, 10-feature regression CSV to
//! `target/bench/ols_1m.csv` — the browser benchmark fits the same file — and prints how long a
//! Model cell's whole run takes: OLS on every row (QR, inference, predictions, charts), and
//! a logistic regression on the same features.
//!
//!     cargo run -p quire-engine --release --example bench_model
#![allow(
    clippy::print_stdout,
    clippy::disallowed_methods,
    reason = "a native benchmark: it prints figures and times with Instant"
)]

mod common;

use quire_protocol::model::{Fit, Method, ModelSpec, Split};
use std::io::Write;

const ROWS: u64 = 1_000_000;
const FEATURES: usize = 10;

/// y = 3 + Σ (j+1)·x_j + noise, with x_j in [0, 10); `clicked` is a 0/1 outcome of the same.
fn generate(out: &mut impl Write) -> std::io::Result<()> {
    let names: Vec<String> = (1..=FEATURES).map(|j| format!("x{j}")).collect();
    writeln!(out, "{},y,clicked", names.join(","))?;
    let mut next = common::stream(23);
    let mut row = Vec::with_capacity(FEATURES);
    for _ in 0..ROWS {
        row.clear();
        let mut y = 3.0;
        for j in 0..FEATURES {
            let x = (next() % 10_000) as f64 / 1000.0;
            y += (j + 1) as f64 * x * 0.1;
            row.push(format!("{x:.3}"));
        }
        let noise = ((next() % 2000) as f64 - 1000.0) / 200.0;
        let clicked =
            u8::from((next() % 1000) as f64 / 1000.0 < 1.0 / (1.0 + (-(y - 30.0) / 4.0).exp()));
        writeln!(out, "{},{:.3},{clicked}", row.join(","), y + noise)?;
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let (path, bytes) = common::generated("ols_1m.csv", generate)?;
    let t = common::read(&bytes)?;
    println!(
        "file: {} ({:.1} MB, {} rows)",
        path.display(),
        bytes.len() as f64 / 1e6,
        t.frame.height()
    );
    let features: Vec<String> = (1..=FEATURES).map(|j| format!("x{j}")).collect();
    let refs: Vec<&str> = features.iter().map(String::as_str).collect();
    let ols = ModelSpec {
        split: Split::None,
        ..ModelSpec::new("fit", Method::Linear, "y", &refs)
    };
    common::time(
        "native OLS, 1M rows × 10 features (fit, inference, predictions)",
        5,
        || {
            let (_, report) = quire_engine::kinds::model::fit(&t.frame, &ols)
                .map_err(|e| std::io::Error::other(format!("{e:?}")))?;
            assert!(matches!(report.fit, Fit::Linear(ref f) if f.n == ROWS));
            Ok(())
        },
    )?;
    let held_out = ModelSpec::new("fit", Method::Linear, "y", &refs);
    common::time(
        "native OLS with a 20% test set, 1M rows × 10 features",
        3,
        || {
            quire_engine::kinds::model::fit(&t.frame, &held_out)
                .map(|_| ())
                .map_err(|e| std::io::Error::other(format!("{e:?}")))
        },
    )?;
    let logit = ModelSpec {
        split: Split::None,
        ..ModelSpec::new(
            "fit",
            Method::Logistic {
                threshold: 0.5,
                l2: 0.0,
            },
            "clicked",
            &refs,
        )
    };
    common::time(
        "native logistic regression (IRLS), 1M rows × 10 features",
        3,
        || {
            quire_engine::kinds::model::fit(&t.frame, &logit)
                .map(|_| ())
                .map_err(|e| std::io::Error::other(format!("{e:?}")))
        },
    )
}
