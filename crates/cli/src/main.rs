//! `quire`: run a Quire notebook headless, with the engine the page's worker uses.
//!
//! ```text
//! quire run NOTEBOOK [--data NAME=PATH]... [--json] [--rows N] [--models DIR]
//! quire predict MODEL DATA.csv [--out FILE]
//! ```
//!
//! `NOTEBOOK` is a notebook file (`*.quire.json`, any version) or a bundle (`*.quire.zip`,
//! which carries its data). Each data source is taken, first found first: from `--data NAME=PATH`
//! (`NAME` is the source's name in the notebook's data manifest, as data cells name it), from
//! the bundle, or from a file of that name beside the notebook. Every cell runs, in
//! dependency order; the result of each is printed.
//!
//! Exit codes: `0` every cell ran; `1` a cell failed (each failure also on stderr, one line:
//! `cell ID: MESSAGE`); `2` bad arguments, an unreadable file or one that is not a notebook.
//! A data file that differs from what the notebook recorded is a warning on stderr.
//!
//! # `--json`: the output, version 1
//!
//! One JSON object on stdout. Keys are stable within `quire_cli` version 1: new keys may be
//! added, none removed or changed in meaning.
//!
//! - `quire_cli`: `1`, the version of this output.
//! - `title`: the notebook's title.
//! - `ok`: `true` when every cell ran without error.
//! - `cells`: one object per cell, in document order:
//!   - `id`: the cell's id;
//!   - `kind`: `"markdown"`, `"data"` or `"sql"`;
//!   - `state`: `"up_to_date"`, `"stale"`, `"running"` or `"error"`;
//!   - `error`: `null`, or `{"code", "message"}` where `code` is one of `cycle`,
//!     `missing_table`, `duplicate_name`, `upstream`, `missing_data`, `invalid_name`, `ingest`,
//!     `sql`, `internal`, and `message` is an English sentence;
//!   - `table`: `null`, or for a cell that produced a table `{"name", "rows", "columns", "data"}`:
//!     `rows` the row count, `columns` a list of `{"name", "type", "nulls"}` (`type` one of
//!     `integer`, `float`, `boolean`, `date`, `datetime`, `text`), `data` the first `--rows`
//!     rows as lists of JSON values (null, boolean, number, or text; dates and datetimes as
//!     ISO 8601 text; non-finite floats as text);
//!   - `html`: `null`, or a Markdown cell's sanitised HTML.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use quire_engine::{Session, open_file};
use quire_protocol::experiment::{CheckKind, Lang, short_number, verdict_lines};
use quire_protocol::kinds;
use quire_protocol::metric::{MetricReport, MetricSpec};
use quire_protocol::model::{ModelExport, summary_lines};
use quire_protocol::notebook::{
    CellError, CellKind, CellOutput, CellState, CellStatus, DataMismatch, FileError,
};
use quire_protocol::quality::{Check, Outcome};
use quire_protocol::{Cell as Value, ColumnType, IngestError};
use serde_json::{Value as Json, json};

/// The version of the `--json` output.
const JSON_VERSION: u32 = 1;

#[derive(Parser)]
#[command(name = "quire", version, about = "Run Quire notebooks headless")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run every cell of a notebook and print each result.
    ///
    /// Exit code 0 when every cell ran, 1 when a cell failed, 2 for bad arguments or a file
    /// that cannot be read as a notebook.
    Run {
        /// A notebook file (.quire.json) or a bundle (.quire.zip).
        notebook: PathBuf,
        /// Data for a source of the notebook's manifest: NAME=PATH (repeatable). Sources not
        /// given come from the bundle, or from a file of that name beside the notebook.
        #[arg(long = "data", value_name = "NAME=PATH", value_parser = parse_data)]
        data: Vec<(String, PathBuf)>,
        /// Print one JSON object (documented in crates/cli/README.md) instead of text.
        #[arg(long)]
        json: bool,
        /// How many rows of each table to print.
        #[arg(long, value_name = "N", default_value_t = 5)]
        rows: u32,
        /// Write each Model cell's fitted model to DIR/<table>.model.json (for `quire predict`).
        #[arg(long, value_name = "DIR")]
        models: Option<PathBuf>,
    },
    /// Apply a model file (from a Model cell's "Export model", or `run --models`) to a CSV and
    /// print the CSV with the predictions appended.
    ///
    /// Exit code 0 on success, 2 for an unreadable or unusable model or CSV.
    Predict {
        /// The model file (.model.json).
        model: PathBuf,
        /// The rows to score (CSV; encoding, delimiter and header detected as in the page).
        data: PathBuf,
        /// Write the CSV here instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

fn parse_data(arg: &str) -> Result<(String, PathBuf), String> {
    match arg.split_once('=') {
        Some((name, path)) if !name.is_empty() && !path.is_empty() => {
            Ok((name.to_owned(), PathBuf::from(path)))
        }
        _ => Err(format!("expected NAME=PATH, got {arg:?}")),
    }
}

#[allow(
    clippy::print_stderr,
    reason = "a CLI reports failures on stderr; that is its job"
)]
fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run {
            notebook,
            data,
            json,
            rows,
            models,
        } => match run(&notebook, &data, json, rows, models.as_deref()) {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::from(1),
            Err(message) => {
                eprintln!("quire: {message}");
                ExitCode::from(2)
            }
        },
        Command::Predict { model, data, out } => match predict(&model, &data, out.as_deref()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("quire: {message}");
                ExitCode::from(2)
            }
        },
    }
}

/// Scores `data` with the model file and writes the CSV with predictions.
#[allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the scored CSV goes to stdout by default, warnings to stderr"
)]
fn predict(model: &Path, data: &Path, out: Option<&Path>) -> Result<(), String> {
    let text = std::fs::read_to_string(model)
        .map_err(|e| format!("cannot read {}: {e}", model.display()))?;
    let export: ModelExport = serde_json::from_str(&text)
        .map_err(|e| format!("{} is not a Quire model file: {e}", model.display()))?;
    let bytes = std::fs::read(data).map_err(|e| format!("cannot read {}: {e}", data.display()))?;
    let ingested = quire_engine::read_csv(
        &bytes,
        &quire_protocol::ParseOptions::default(),
        &quire_engine::Limits::default(),
        &mut |_, _| {},
    )
    .map_err(|e| match e {
        quire_engine::EngineError::Ingest(e) => {
            format!("cannot read {}: {}", data.display(), describe_ingest(&e))
        }
        other => format!("cannot read {}: {other}", data.display()),
    })?;
    let scored = quire_engine::kinds::model::predict(&ingested.frame, &export)
        .map_err(|e| format!("{}: {}", model.display(), e.text(Lang::En)))?;
    for (column, rows) in &scored.unseen {
        eprintln!(
            "quire: warning: {rows} rows hold a value of {column:?} the model never saw; they were scored as its reference level"
        );
    }
    let csv = quire_engine::export::csv(&scored.table, false, true).map_err(|e| e.to_string())?;
    match out {
        Some(path) => {
            std::fs::write(path, csv).map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        None => {
            print!("{}", String::from_utf8_lossy(&csv));
            Ok(())
        }
    }
}

/// Runs the notebook and prints it; `Ok(all cells ok)`, or `Err` for exit code 2.
#[allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "printing results and warnings is the CLI's job"
)]
fn run(
    path: &Path,
    data: &[(String, PathBuf)],
    as_json: bool,
    rows: u32,
    models: Option<&Path>,
) -> Result<bool, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let opened = open_file(&bytes).map_err(|e| match e {
        FileError::Foreign => format!("{} is not a Quire notebook or bundle", path.display()),
        FileError::NewerVersion { found, supported } => format!(
            "{} was written by a newer Quire (file version {found}; this one reads up to {supported})",
            path.display()
        ),
        FileError::Corrupt { message } => {
            format!("{} is a damaged notebook: {message}", path.display())
        }
    })?;

    // Which bytes each source gets: --data first, then the bundle, then a file beside it.
    let mut sources: BTreeMap<String, Vec<u8>> = opened.data.into_iter().collect();
    let known = |name: &str| {
        opened.manifest.iter().any(|m| m.name == name)
            || opened.notebook.cells.iter().any(|c| {
                matches!(&c.spec, quire_protocol::notebook::CellSpec::Data(kinds::Data { source, .. }) if source == name)
            })
    };
    for (name, file) in data {
        if !known(name) {
            return Err(format!(
                "--data {name}=…: the notebook has no data source named {name:?}"
            ));
        }
        let bytes =
            std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        sources.insert(name.clone(), bytes);
    }
    let wanted: Vec<String> = opened
        .notebook
        .cells
        .iter()
        .filter_map(|c| match &c.spec {
            quire_protocol::notebook::CellSpec::Data(kinds::Data { source, .. }) => {
                Some(source.clone())
            }
            _ => None,
        })
        .collect();
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    for source in wanted {
        if sources.contains_key(&source) || source.contains(['/', '\\']) || source.starts_with('.')
        {
            continue;
        }
        if let Ok(bytes) = std::fs::read(dir.join(&source)) {
            sources.insert(source, bytes);
        }
    }

    let mut session = Session::default();
    #[allow(
        clippy::disallowed_methods,
        reason = "the CLI runs natively, where Instant works"
    )]
    {
        let start = std::time::Instant::now();
        session.set_clock(Box::new(move || start.elapsed().as_secs_f64() * 1000.0));
    }
    session.open(opened.notebook, opened.manifest);
    for (name, bytes) in sources {
        match session.attach_data(&name, Arc::from(bytes)) {
            Ok((Some(mismatch), _)) => {
                eprintln!("quire: warning: {}", describe_mismatch(&name, &mismatch))
            }
            Ok((None, _)) => {}
            Err(e) => return Err(format!("cannot attach {name}: {e}")),
        }
    }

    let statuses = session.statuses();
    let ok = all_ok(&statuses);
    if let Some(dir) = models {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        for s in &statuses {
            if let Some(CellOutput::Model { name, report, .. }) = &s.output {
                let file = dir.join(model_file_name(name));
                let text = serde_json::to_string_pretty(&report.export).unwrap_or_default();
                std::fs::write(&file, text)
                    .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
            }
        }
    }
    if as_json {
        println!("{}", to_json(&session, &statuses, rows));
    } else {
        print!("{}", to_text(&session, &statuses, rows));
    }
    for status in &statuses {
        if let Some(e) = &status.error {
            eprintln!("cell {}: {}", status.id, describe(e));
        }
    }
    Ok(ok)
}

fn kind_of(session: &Session, id: &str) -> CellKind {
    session
        .notebook()
        .cells
        .iter()
        .find(|c| c.id == id)
        .map_or(CellKind::Markdown, |c| c.spec.kind())
}

fn state_name(state: CellState) -> &'static str {
    match state {
        CellState::UpToDate => "up_to_date",
        CellState::Stale => "stale",
        CellState::Running => "running",
        CellState::Error => "error",
    }
}

fn code(e: &CellError) -> &'static str {
    match e {
        CellError::Cycle { .. } => "cycle",
        CellError::MissingTable { .. } => "missing_table",
        CellError::DuplicateName { .. } => "duplicate_name",
        CellError::Upstream { .. } => "upstream",
        CellError::MissingData { .. } => "missing_data",
        CellError::InvalidName { .. } => "invalid_name",
        CellError::Ingest(_) => "ingest",
        CellError::Sql { .. } => "sql",
        CellError::Step { .. } => "step",
        CellError::Chart { .. } => "chart",
        CellError::Experiment(_) => "experiment",
        CellError::Metric(_) => "metric",
        CellError::Model(_) => "model",
        CellError::Internal { .. } => "internal",
    }
}

/// An English sentence for a cell's error.
fn describe(e: &CellError) -> String {
    match e {
        CellError::Cycle { cells } => {
            format!("the cells {} read each other in a cycle", cells.join(" → "))
        }
        CellError::MissingTable { name } => format!("no cell produces the table {name:?}"),
        CellError::DuplicateName { name, cells } => format!(
            "the table {name:?} is produced by several cells ({})",
            cells.join(", ")
        ),
        CellError::Upstream { table } => {
            format!("the table {table:?} it reads could not be made")
        }
        CellError::MissingData { source } => {
            format!("the data file {source:?} is not loaded (give it with --data {source}=PATH)")
        }
        CellError::InvalidName { name } => format!("{name:?} is not a usable table name"),
        CellError::Ingest(e) => format!("cannot read the file: {}", describe_ingest(e)),
        CellError::Sql {
            message,
            line,
            column,
        } => match (line, column) {
            (Some(l), Some(c)) => format!("SQL error at line {l}, column {c}: {message}"),
            _ => format!("SQL error: {message}"),
        },
        CellError::Step { step, message } => format!("step {}: {message}", step + 1),
        CellError::Chart { message } => format!("cannot draw the chart: {message}"),
        CellError::Experiment(e) => e.text(Lang::En),
        CellError::Metric(e) => e.text(Lang::En),
        CellError::Model(e) => e.text(Lang::En),
        CellError::Internal { message } => format!("internal error: {message}"),
    }
}

/// Every cell ran, and every quality check passed.
fn all_ok(statuses: &[CellStatus]) -> bool {
    statuses.iter().all(|s| {
        s.state != CellState::Error && s.output.as_ref().is_none_or(|o| o.failed_checks() == 0)
    })
}

/// The file a model named `name` is written to inside `--models DIR`: letters, digits, `-`
/// and `_` kept, anything else (a `/`, `\\`, `.`, `:`, a control character) made `_`, so a
/// table named `../../x` or `/abs` stays in DIR.
fn model_file_name(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(200)
        .collect();
    let safe = if safe.is_empty() {
        "model".to_owned()
    } else {
        safe
    };
    format!("{safe}.model.json")
}

fn outcome_name(o: &Outcome) -> &'static str {
    match o {
        Outcome::Pass => "pass",
        Outcome::Fail => "fail",
        Outcome::Invalid { .. } => "invalid",
    }
}

fn describe_ingest(e: &IngestError) -> String {
    match e {
        IngestError::Empty => "it is empty".into(),
        IngestError::Binary { kind } => format!("it is not text but a binary file ({kind:?})"),
        IngestError::TooLarge { bytes, limit } => {
            format!("{bytes} bytes is more than the limit of {limit}")
        }
        IngestError::RaggedRow {
            line,
            column,
            expected,
            found,
        } => format!(
            "line {line} has {found} fields where {expected} were expected (column {column})"
        ),
        IngestError::UnterminatedQuote { line, column } => {
            format!("a quote opened at line {line}, column {column} never closes")
        }
        IngestError::Undecodable { encoding } => {
            format!("the bytes are not {}", encoding.label())
        }
        IngestError::Parser { message } => message.clone(),
        IngestError::NulByte { line } => format!("line {line} holds a NUL byte"),
        IngestError::MixedEncoding { line, lines } => {
            format!("it is UTF-8 but for {lines} line(s) in another encoding, first line {line}")
        }
        IngestError::StrayQuote { line, column } => {
            format!("a stray quote inside a field at line {line}, column {column}")
        }
        IngestError::ParserDisagrees { records, read } => {
            format!("it looks like {records} rows but only {read} could be read")
        }
        IngestError::TooManyColumns { limit } => format!("it has more than {limit} columns"),
    }
}

fn describe_mismatch(source: &str, m: &DataMismatch) -> String {
    match m {
        DataMismatch::Content { .. } => format!(
            "{source}: the data differs from the file the notebook was saved with (same columns)"
        ),
        DataMismatch::Schema {
            missing,
            added,
            retyped,
        } => {
            let mut parts = Vec::new();
            if !missing.is_empty() {
                parts.push(format!("missing columns {}", missing.join(", ")));
            }
            if !added.is_empty() {
                parts.push(format!("new columns {}", added.join(", ")));
            }
            for (name, was, now) in retyped {
                parts.push(format!(
                    "{name} was {} and is now {}",
                    was.label(),
                    now.label()
                ));
            }
            format!(
                "{source}: the columns differ from the file the notebook was saved with: {}",
                parts.join("; ")
            )
        }
    }
}

fn type_name(t: ColumnType) -> &'static str {
    t.label()
}

fn json_value(v: &Value) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Bool(b) => json!(b),
        Value::Int(i) => json!(i),
        Value::Float(f) => {
            serde_json::Number::from_f64(*f).map_or_else(|| json!(f.to_string()), Json::Number)
        }
        Value::Date(s) | Value::Datetime(s) | Value::Text(s) => json!(s),
    }
}

fn to_json(session: &Session, statuses: &[CellStatus], rows: u32) -> String {
    let cells: Vec<Json> = statuses
        .iter()
        .map(|s| {
            let checks = match &s.output {
                Some(CellOutput::Checks { results, .. }) => {
                    let cell = session.notebook().cells.iter().find(|c| c.id == s.id);
                    let specs: &[Check] = match cell.map(|c| &c.spec) {
                        Some(quire_protocol::notebook::CellSpec::Quality(kinds::Quality { checks, .. })) => checks,
                        _ => &[],
                    };
                    Json::Array(
                        results
                            .iter()
                            .zip(specs)
                            .map(|(r, c)| {
                                json!({
                                    "check": c.name(),
                                    "outcome": outcome_name(&r.outcome),
                                    "failing": r.failing,
                                    "rows": r.rows,
                                    "observed": r.observed,
                                })
                            })
                            .collect(),
                    )
                }
                _ => Json::Null,
            };
            let shown = s.output.as_ref().map(|o| (o, o.table()));
            let (table, html) = match shown {
                Some((_, Some((name, n, columns)))) => {
                    let data: Vec<Json> = session
                        .rows(name, 0, rows)
                        .unwrap_or_default()
                        .iter()
                        .map(|row| Json::Array(row.iter().map(json_value).collect()))
                        .collect();
                    let columns: Vec<Json> = columns
                        .iter()
                        .map(|c| json!({"name": c.name, "type": type_name(c.dtype), "nulls": c.nulls}))
                        .collect();
                    (
                        json!({"name": name, "rows": n, "columns": columns, "data": data}),
                        Json::Null,
                    )
                }
                Some((CellOutput::Html { html }, None)) => (Json::Null, json!(html)),
                _ => (Json::Null, Json::Null),
            };
            json!({
                "id": s.id,
                "kind": kind_of(session, &s.id).name(),
                "state": state_name(s.state),
                "error": s.error.as_ref().map_or(Json::Null, |e| json!({"code": code(e), "message": describe(e)})),
                "table": table,
                "html": html,
                "checks": checks,
                "experiment": experiment_json(s.output.as_ref()),
                "plan": match &s.output {
                    Some(CellOutput::Plan { report }) => json!(report),
                    _ => Json::Null,
                },
                "metric": match &s.output {
                    Some(CellOutput::Metric { report, .. }) => json!(report),
                    _ => Json::Null,
                },
                "dashboard": match &s.output {
                    Some(CellOutput::Dashboard { tiles }) => json!(tiles),
                    _ => Json::Null,
                },
                "model": match &s.output {
                    Some(CellOutput::Model { report, .. }) => {
                        let mut value = json!(report);
                        value["summary_text"] = json!({
                            "en": summary_lines(report, Lang::En),
                            "ko": summary_lines(report, Lang::Ko),
                        });
                        value
                    }
                    _ => Json::Null,
                },
            })
        })
        .collect();
    let ok = all_ok(statuses);
    json!({
        "quire_cli": JSON_VERSION,
        "title": session.notebook().title,
        "ok": ok,
        "cells": cells,
    })
    .to_string()
}

/// An Experiment cell's report as JSON (its serde form, documented in the README), with the
/// verdict in words in English and Korean.
fn experiment_json(output: Option<&CellOutput>) -> Json {
    match output {
        Some(CellOutput::Experiment { report }) => {
            let mut value = json!(report);
            value["verdict_text"] = json!({
                "en": verdict_lines(report, Lang::En),
                "ko": verdict_lines(report, Lang::Ko),
            });
            value
        }
        _ => Json::Null,
    }
}

/// A metric's latest complete period against the one before, and the partial period.
fn headline_text(spec: &MetricSpec, report: &MetricReport) -> String {
    let label = |start: i64| report.grain.label(start);
    let mut text = format!("{}: ", spec.name);
    match &report.headline {
        Some(h) => {
            let relative = h
                .relative
                .map(|r| format!(", {:+.1}%", 100.0 * r))
                .unwrap_or_default();
            text.push_str(&format!(
                "{} = {} ({}{relative} vs {})",
                label(h.start),
                spec.format.show(h.value),
                spec.format.show_change(h.absolute),
                label(h.previous_start)
            ));
        }
        None => text.push_str("no two complete periods to compare"),
    }
    if let Some(p) = &report.partial {
        text.push_str(&format!(
            "; {} so far (incomplete) = {}",
            label(p.start),
            p.value.map_or("—".to_owned(), |v| spec.format.show(v))
        ));
    }
    text
}

/// Readable text: each cell with its kind, state, and table (schema and first rows) or error.
fn to_text(session: &Session, statuses: &[CellStatus], rows: u32) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let title = &session.notebook().title;
    if !title.is_empty() {
        let _ = writeln!(out, "{title}\n");
    }
    for (s, cell) in statuses.iter().zip(&session.notebook().cells) {
        let state = match s.state {
            CellState::UpToDate => "ok",
            CellState::Error => "ERROR",
            CellState::Stale => "not run",
            CellState::Running => "running",
        };
        let time = s
            .run_ms
            .map(|ms| format!(" ({ms:.1} ms)"))
            .unwrap_or_default();
        let _ = writeln!(out, "[{}] {} {state}{time}", s.id, cell.spec.kind().name());
        if let Some(e) = &s.error {
            let _ = writeln!(out, "  error ({}): {}", code(e), describe(e));
        }
        if let (
            Some(CellOutput::Metric { report, .. }),
            quire_protocol::notebook::CellSpec::Metric(kinds::Metric { metric }),
        ) = (&s.output, &cell.spec)
        {
            let _ = writeln!(out, "  metric {}", headline_text(metric, report));
        }
        if let Some(CellOutput::Model { report, .. }) = &s.output {
            for line in summary_lines(report, Lang::En) {
                let _ = writeln!(out, "  > {line}");
            }
        }
        match s.output.as_ref().map(|o| (o, o.table())) {
            Some((_, Some((name, n, columns)))) => {
                let _ = writeln!(out, "  table {name}: {n} rows, {} columns", columns.len());
                let schema: Vec<String> = columns
                    .iter()
                    .map(|c| {
                        if c.nulls > 0 {
                            format!("{} ({}, {} null)", c.name, c.dtype.label(), c.nulls)
                        } else {
                            format!("{} ({})", c.name, c.dtype.label())
                        }
                    })
                    .collect();
                let _ = writeln!(out, "  columns: {}", schema.join(", "));
                let data = session.rows(name, 0, rows).unwrap_or_default();
                if !data.is_empty() {
                    let header: Vec<String> = columns.iter().map(|c| c.name.clone()).collect();
                    let body: Vec<Vec<String>> =
                        data.iter().map(|r| r.iter().map(shown).collect()).collect();
                    write_grid(&mut out, &header, &body);
                    if n > u64::from(rows) {
                        let _ = writeln!(out, "  … {} more rows", n - u64::from(rows));
                    }
                }
            }
            Some((CellOutput::Checks { results, .. }, _)) => {
                if let quire_protocol::notebook::CellSpec::Quality(kinds::Quality {
                    checks, ..
                }) = &cell.spec
                {
                    for (r, c) in results.iter().zip(checks) {
                        let what = match &r.outcome {
                            Outcome::Pass => "pass".to_owned(),
                            Outcome::Fail if r.failing > 0 => {
                                format!("FAIL ({} of {} rows)", r.failing, r.rows)
                            }
                            Outcome::Fail => format!(
                                "FAIL (found {})",
                                r.observed.as_deref().unwrap_or("nothing")
                            ),
                            Outcome::Invalid { message } => format!("INVALID: {message}"),
                        };
                        let _ = writeln!(out, "  check {}: {what}", c.name());
                    }
                }
            }
            Some((CellOutput::Experiment { report }, _)) => {
                for c in &report.checks {
                    // The serde tag (`sample_ratio`…), the same name as in the JSON.
                    let name = serde_json::to_value(&c.kind)
                        .ok()
                        .and_then(|v| v["check"].as_str().map(str::to_owned))
                        .unwrap_or_default();
                    let what = match (&c.kind, c.passed) {
                        (_, true) => "pass".to_owned(),
                        (CheckKind::SampleRatio { p }, false) => format!("FAIL (p = {p:.3e})"),
                        (CheckKind::KnownVariants { unexpected }, false) => {
                            format!("FAIL (unexpected {})", unexpected.join(", "))
                        }
                        (CheckKind::ControlPresent { control }, false) => {
                            format!("FAIL (no units in {control})")
                        }
                    };
                    let _ = writeln!(out, "  check {name}: {what}");
                }
                for a in &report.arms {
                    let _ = writeln!(
                        out,
                        "  arm {}: {} units ({:.2}% observed, {:.2}% intended)",
                        a.variant,
                        a.units,
                        100.0 * a.observed_share,
                        100.0 * a.expected_share
                    );
                }
                for r in &report.results {
                    let _ = writeln!(
                        out,
                        "  {} {} vs {}: {} → {} (diff {}, p {:.4}, adjusted {:.4})",
                        r.metric,
                        r.treatment,
                        report.arms[0].variant,
                        short_number(r.control_stats.mean),
                        short_number(r.treatment_stats.mean),
                        short_number(r.absolute.value),
                        r.p,
                        r.adjusted_p
                    );
                }
                for line in verdict_lines(report, Lang::En) {
                    let _ = writeln!(out, "  > {line}");
                }
            }
            Some((CellOutput::Dashboard { tiles }, _)) => {
                for tile in tiles {
                    let _ = writeln!(out, "  tile {}", headline_text(&tile.spec, &tile.report));
                }
            }
            Some((CellOutput::Plan { report }, _)) => {
                let _ = writeln!(out, "  units per arm: {}", report.per_arm);
                for st in &report.stages {
                    let _ = writeln!(
                        out,
                        "  stage {:.0}%: {} days, detects {:+.2}% in the stage's days",
                        100.0 * st.share,
                        st.days_needed,
                        100.0 * st.detectable
                    );
                }
            }
            Some((CellOutput::Html { .. }, _)) => {
                if let quire_protocol::notebook::CellSpec::Markdown(kinds::Markdown { text }) =
                    &cell.spec
                {
                    for line in text.lines().take(3) {
                        let _ = writeln!(out, "  | {line}");
                    }
                }
            }
            _ => {}
        }
    }
    let failed = statuses
        .iter()
        .filter(|s| s.state == CellState::Error)
        .count();
    let _ = writeln!(
        out,
        "\n{} cells: {} ok, {failed} failed",
        statuses.len(),
        statuses.len() - failed
    );
    out
}

/// A value as one short line of text.
fn shown(v: &Value) -> String {
    let text = match v {
        Value::Null => "null".to_owned(),
        other => other.display(),
    };
    let one_line = text.replace('\r', "").replace('\n', "⏎");
    if one_line.chars().count() > 30 {
        format!("{}…", one_line.chars().take(29).collect::<String>())
    } else {
        one_line
    }
}

fn write_grid(out: &mut String, header: &[String], body: &[Vec<String>]) {
    use std::fmt::Write;
    let width = |i: usize| {
        body.iter()
            .filter_map(|r| r.get(i))
            .chain(header.get(i))
            .map(|s| s.chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..header.len()).map(width).collect();
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w.saturating_sub(c.chars().count()))))
            .collect();
        format!("  | {} |", padded.join(" | "))
    };
    let _ = writeln!(out, "{}", line(header));
    for row in body {
        let _ = writeln!(out, "{}", line(row));
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Component, Path};

    use super::model_file_name;

    #[test]
    fn model_file_names_stay_inside_the_directory() {
        for name in [
            "../../x", "/abs", "..", "", "a/b\\c", "C:\\x", "모델 1", ".hidden",
        ] {
            let file = model_file_name(name);
            let joined = Path::new("models").join(&file);
            assert_eq!(
                joined.parent(),
                Some(Path::new("models")),
                "{name:?} → {file}"
            );
            assert!(
                Path::new(&file)
                    .components()
                    .all(|c| matches!(c, Component::Normal(_))),
                "{file}"
            );
            assert!(!file.starts_with('.'), "{file}");
        }
        assert_eq!(model_file_name("churn_v2"), "churn_v2.model.json");
        assert_eq!(model_file_name("../../x"), "______x.model.json");
    }
}
