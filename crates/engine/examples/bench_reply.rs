//! What one edit costs the page, and what opening a bundle costs: a 30-cell notebook over the
//! 1M-row file of `bench_profile` (`target/bench/wide_1m.csv`), answered by the engine's
//! [`Server`] exactly as the worker does. Prints the reply's size (the JSON the page parses)
//! and the time to answer and encode it, and, for the bundle, the cell runs and the time.
//!
//!     cargo run -p quire-engine --release --example bench_profile   # writes the file once
//!     cargo run -p quire-engine --release --example bench_reply
#![allow(
    clippy::print_stdout,
    clippy::disallowed_methods,
    reason = "a native benchmark: it prints figures and times with Instant"
)]

mod common;

use std::time::Instant;

use quire_engine::server::Server;
use quire_engine::{Session, write_bundle};
use quire_protocol::notebook::{Cell, CellSpec, Edit, Notebook};
use quire_protocol::{ToWorker, kinds};
use serde_json::json;

fn spec(value: serde_json::Value) -> std::io::Result<CellSpec> {
    serde_json::from_value(value).map_err(std::io::Error::other)
}

/// A data cell, 20 SQL cells over it, a metric and 8 Markdown cells: 30 cells.
fn notebook() -> std::io::Result<Notebook> {
    let mut cells = vec![spec(json!({
        "kind": "data", "table": "wide", "source": "wide_1m.csv",
        "options": {"encoding": "Auto", "delimiter": "Auto", "header": "Auto"}
    }))?];
    let keys = ["store", "city", "paid", "qty"];
    let values = ["amount", "discount", "qty", "user_id", "order_id"];
    for (i, (k, v)) in keys
        .iter()
        .flat_map(|k| values.iter().map(move |v| (k, v)))
        .enumerate()
    {
        cells.push(spec(json!({
            "kind": "sql", "table": format!("t{i}"),
            "query": format!("select {k}, sum({v}) as total, count(*) as n from wide group by {k} order by {k}")
        }))?);
    }
    cells.push(spec(json!({"kind": "metric", "metric": {
        "name": "dau", "table": "wide", "time": "day", "grain": "day",
        "aggregation": "count(distinct user_id)"
    }}))?);
    for i in 0..8 {
        cells.push(spec(
            json!({"kind": "markdown", "text": format!("# Part {i}\n\nNotes.")}),
        )?);
    }
    Ok(Notebook {
        title: "Reply benchmark".into(),
        cells: cells
            .into_iter()
            .enumerate()
            .map(|(i, spec)| Cell {
                id: format!("c{i}"),
                collapsed: false,
                spec,
            })
            .collect(),
    })
}

fn main() -> std::io::Result<()> {
    let path = common::bench_file("wide_1m.csv");
    let bytes = std::fs::read(&path).map_err(|e| {
        std::io::Error::other(format!(
            "{}: {e}; run the bench_profile example first (./x bench does)",
            path.display()
        ))
    })?;
    let notebook = notebook()?;

    // A bundle as Save writes it.
    let mut session = Session::default();
    session.open(notebook.clone(), Vec::new());
    session
        .attach_data("wide_1m.csv", bytes.clone().into())
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let bundle = write_bundle(
        session.notebook(),
        session.manifest(),
        &[("wide_1m.csv", &bytes)],
    )
    .map_err(|e| std::io::Error::other(e.to_string()))?;

    // Before: the notebook opened, every cell ran (its data cell failing), then its file was
    // attached and the data cell ran again with everything downstream: 1 + N messages.
    let mut before = Server::default();
    let started = Instant::now();
    before.handle(
        ToWorker::Open {
            id: 1,
            notebook: session.notebook().clone(),
            manifest: session.manifest().to_vec(),
        },
        None,
    );
    before.handle(
        ToWorker::AttachData {
            id: 2,
            source: "wide_1m.csv".into(),
        },
        Some(bytes.clone()),
    );
    println!(
        "open, then attach its file (the old restore): 2 messages, {} cell runs, {:.0} ms",
        before.session_mut().runs(),
        started.elapsed().as_secs_f64() * 1000.0
    );

    let mut server = Server::default();
    let started = Instant::now();
    let reply = server.handle(
        ToWorker::OpenFile {
            id: 1,
            data: Vec::new(),
        },
        Some(bundle),
    );
    let json = reply.message.to_json();
    println!(
        "open a bundle of {} cells over 1M rows: 1 message, {} cell runs, {:.0} ms, reply {:.1} kB",
        notebook.cells.len(),
        server.session_mut().runs(),
        started.elapsed().as_secs_f64() * 1000.0,
        json.len() as f64 / 1000.0
    );

    // Before: every reply carried the whole view (every cell's status and result, the file).
    let started = Instant::now();
    let whole = quire_protocol::FromWorker::Notebook {
        id: 0,
        update: Box::new(quire_protocol::ViewUpdate::default()),
    };
    let whole_json = serde_json::to_string(&server.view()).map_err(std::io::Error::other)?;
    println!(
        "the whole view (what every reply carried before): {:.1} kB, built and encoded in {:.1} ms ({} bytes of envelope)",
        whole_json.len() as f64 / 1000.0,
        started.elapsed().as_secs_f64() * 1000.0,
        whole.to_json().len()
    );
    let mut times = Vec::new();
    let mut size = 0;
    for i in 0..5 {
        let started = Instant::now();
        let edit = Edit::Update {
            cell: Cell {
                id: "c29".into(),
                collapsed: false,
                spec: CellSpec::Markdown(kinds::Markdown {
                    text: format!("# Edited {i}"),
                }),
            },
        };
        let reply = server.handle(ToWorker::Edit { id: 2 + i, edit }, None);
        size = reply.message.to_json().len();
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "one edit (a Markdown cell) on that notebook: reply {:.1} kB, answered and encoded in median {:.1} ms of {:?}",
        size as f64 / 1000.0,
        times[times.len() / 2],
        times
            .iter()
            .map(|t| (t * 10.0).round() / 10.0)
            .collect::<Vec<_>>()
    );
    Ok(())
}
