//! Native metric benchmark, on the 1M-row file of `bench_profile` (`target/bench/wide_1m.csv`,
//! 100,000 users over five years of days): daily active users, rolling 7- and 28-day active
//! users (each user once per window), and weekly revenue per user broken down by city.
//!
//!     cargo run -p quire-engine --release --example bench_profile   # writes the file once
//!     cargo run -p quire-engine --release --example bench_metric
#![allow(
    clippy::print_stdout,
    clippy::disallowed_methods,
    reason = "a native benchmark: it prints figures and times with Instant"
)]

mod common;

use quire_protocol::metric::{Grain, MetricSpec};

fn main() -> std::io::Result<()> {
    let path = common::bench_file("wide_1m.csv");
    let bytes = std::fs::read(&path).map_err(|e| {
        std::io::Error::other(format!(
            "{}: {e}; run the bench_profile example first (./x bench does)",
            path.display()
        ))
    })?;
    let t = common::read(&bytes)?;
    let users = "count(distinct user_id)";
    let cases = [
        (
            "daily active users",
            MetricSpec::new("dau", "wide", "day", users),
        ),
        (
            "rolling 7-day active users",
            MetricSpec {
                rolling_days: Some(7),
                ..MetricSpec::new("wau", "wide", "day", users)
            },
        ),
        (
            "rolling 28-day active users",
            MetricSpec {
                rolling_days: Some(28),
                ..MetricSpec::new("mau", "wide", "day", users)
            },
        ),
        (
            "weekly revenue per user by city",
            MetricSpec {
                grain: Grain::Week,
                dimension: Some("city".into()),
                ..MetricSpec::new(
                    "arpu",
                    "wide",
                    "day",
                    "sum(amount) / count(distinct user_id)",
                )
            },
        ),
    ];
    for (what, spec) in cases {
        common::time(&format!("metric over 1M rows: {what}"), 3, || {
            let (table, report) = quire_engine::kinds::metric::compute(&t.frame, &spec)
                .map_err(|e| std::io::Error::other(format!("{e:?}")))?;
            assert!(table.height() > 0 && report.headline.is_some());
            Ok(())
        })?;
    }
    Ok(())
}
