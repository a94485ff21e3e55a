//! Native experiment benchmark: writes (once) a 1M-unit A/B test CSV to `target/bench/ab_1m.csv`
//! — the browser benchmark analyses the same file — and prints how long analysing 5 metrics ×
//! 2 variants takes (Welch, z-test, delta method, CUPED, Bayesian quadrature, Holm).
//!
//!     cargo run -p quire-engine --release --example bench_experiment
#![allow(
    clippy::print_stdout,
    clippy::disallowed_methods,
    reason = "a native benchmark: it prints figures and times with Instant"
)]

mod common;

use quire_protocol::experiment::{Direction, ExperimentSpec, Metric, MetricKind, Role};
use std::io::Write;

const UNITS: u64 = 1_000_000;

/// Deterministic units: id, variant (half each), two 0/1 outcomes, revenue with last period's
/// revenue, clicks and sessions, latency.
fn generate(out: &mut impl Write) -> std::io::Result<()> {
    writeln!(
        out,
        "user_id,variant,converted,retained,revenue,pre_revenue,clicks,sessions,latency_ms"
    )?;
    let mut next = common::stream(11);
    for id in 0..UNITS {
        let treated = next() % 2 == 1;
        let variant = if treated { "treatment" } else { "control" };
        let converted = next() % 1000 < if treated { 115 } else { 110 };
        let retained = next() % 100 < 40;
        let pre = (next() % 6000) as f64 / 100.0;
        let revenue =
            0.7 * pre + (next() % 2000) as f64 / 100.0 + if converted { 30.0 } else { 0.0 };
        let sessions = 1 + next() % 8;
        let clicks = next() % (sessions + 1);
        let latency = 150 + next() % 100;
        writeln!(
            out,
            "{id},{variant},{},{},{revenue:.2},{pre:.2},{clicks},{sessions},{latency}",
            u8::from(converted),
            u8::from(retained)
        )?;
    }
    Ok(())
}

/// The five metrics the browser benchmark is to set up too.
fn spec() -> ExperimentSpec {
    let mut spec = ExperimentSpec::new("user_id", "variant", "control");
    let column = |c: &str| c.to_owned();
    spec.metrics = vec![
        Metric::new(
            MetricKind::Binomial {
                column: column("converted"),
            },
            Role::Goal,
        ),
        Metric::new(
            MetricKind::Binomial {
                column: column("retained"),
            },
            Role::Guardrail,
        ),
        Metric {
            covariate: Some(column("pre_revenue")),
            ..Metric::new(
                MetricKind::Mean {
                    column: column("revenue"),
                },
                Role::Goal,
            )
        },
        Metric::new(
            MetricKind::Ratio {
                numerator: column("clicks"),
                denominator: column("sessions"),
            },
            Role::Secondary,
        ),
        Metric {
            direction: Direction::Lower,
            ..Metric::new(
                MetricKind::Mean {
                    column: column("latency_ms"),
                },
                Role::Guardrail,
            )
        },
    ];
    spec
}

fn main() -> std::io::Result<()> {
    let (path, bytes) = common::generated("ab_1m.csv", generate)?;
    let t = common::read(&bytes)?;
    println!(
        "file: {} ({:.1} MB, {} units)",
        path.display(),
        bytes.len() as f64 / 1e6,
        t.frame.height()
    );
    let spec = spec();
    common::time(
        "native experiment, 1M units × 5 metrics × 2 variants",
        5,
        || {
            let report = quire_engine::kinds::experiment::analyse(&t.frame, &spec)
                .map_err(|e| std::io::Error::other(format!("{e:?}")))?;
            assert_eq!(report.results.len(), 5);
            Ok(())
        },
    )
}
