//! `quire`: run a Quire notebook headless, with the engine the page's worker uses.
//!
//! ```text
//! quire run NOTEBOOK [--data NAME=PATH]... [--json] [--rows N] [--models DIR] [--lang ko|en]
//! quire predict MODEL DATA.csv [--out FILE] [--lang ko|en]
//! ```
//!
//! `--lang` is the language of everything the CLI says to a person (its text output, warnings
//! and errors); without it, the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`) decides, English
//! unless it names Korean. The `--json` output is the same in every language.
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
//!     `sql`, `step`, `chart`, `experiment`, `metric`, `model`, `not_finite`, `internal`, and
//!     `message` is an English sentence (whatever `--lang` is);
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

use clap::{Parser, Subcommand, ValueEnum};
use quire_engine::{Session, open_file};
use quire_protocol::experiment::{CheckKind, short_number};
use quire_protocol::kinds;
use quire_protocol::metric::{MetricReport, MetricSpec};
use quire_protocol::model::ModelExport;
use quire_protocol::notebook::{CellError, CellKind, CellOutput, CellState, CellStatus, FileError};
use quire_protocol::quality::{Check, Outcome};
use quire_protocol::{Cell as Value, ColumnType};
use quire_words::cli::{
    CliLine, CliProblem, CliWord, cli_check, cli_error, cli_experiment_check, cli_mismatch,
    cli_unseen,
};
use quire_words::{Lang, Text, summary_lines, verdict_lines, worker_error};
use serde_json::{Value as Json, json};

/// The version of the `--json` output.
const JSON_VERSION: u32 = 1;

#[derive(Parser)]
#[command(name = "quire", version, about = "Run Quire notebooks headless")]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The language of the text output, warnings and errors (default: from LC_ALL,
    /// LC_MESSAGES or LANG; English unless they name Korean). The JSON output is the same in
    /// every language.
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    lang: Option<LangArg>,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Ko,
    En,
}

impl From<LangArg> for Lang {
    fn from(lang: LangArg) -> Lang {
        match lang {
            LangArg::Ko => Lang::Ko,
            LangArg::En => Lang::En,
        }
    }
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
        #[arg(long = "data", value_name = "NAME=PATH")]
        data: Vec<String>,
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

/// `--data NAME=PATH`, read after the arguments so the complaint is in the chosen language.
fn parse_data(arg: &str) -> Result<(String, PathBuf), CliProblem> {
    match arg.split_once('=') {
        Some((name, path)) if !name.is_empty() && !path.is_empty() => {
            Ok((name.to_owned(), PathBuf::from(path)))
        }
        _ => Err(CliProblem::DataArgument {
            given: arg.to_owned(),
        }),
    }
}

#[allow(
    clippy::print_stderr,
    reason = "a CLI reports failures on stderr; that is its job"
)]
fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang.map_or_else(Lang::from_env, Lang::from);
    let outcome = match cli.command {
        Command::Run {
            notebook,
            data,
            json,
            rows,
            models,
        } => data
            .iter()
            .map(|d| parse_data(d))
            .collect::<Result<Vec<_>, _>>()
            .and_then(|data| run(&notebook, &data, json, rows, models.as_deref(), lang)),
        Command::Predict { model, data, out } => {
            predict(&model, &data, out.as_deref(), lang).map(|()| true)
        }
    };
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(problem) => {
            eprintln!("quire: {}", problem.text(lang));
            ExitCode::from(2)
        }
    }
}

/// A path as the CLI's messages show it.
fn shown_path(path: &Path) -> String {
    path.display().to_string()
}

fn cannot_read(path: &Path, e: &std::io::Error) -> CliProblem {
    CliProblem::CannotRead {
        path: shown_path(path),
        detail: e.to_string(),
    }
}

/// A data file's bytes, refused by its size before any of it is read when it is larger than
/// the engine reads (a 600 MB file is not read whole only to be turned down).
fn read_data(path: &Path) -> Result<Vec<u8>, CliProblem> {
    let limit = quire_engine::Limits::default().max_bytes;
    let size = std::fs::metadata(path)
        .map_err(|e| cannot_read(path, &e))?
        .len();
    if size > limit {
        return Err(CliProblem::BadCsv {
            path: shown_path(path),
            error: quire_protocol::IngestError::TooLarge { bytes: size, limit },
        });
    }
    std::fs::read(path).map_err(|e| cannot_read(path, &e))
}

fn cannot_write(path: &Path, e: &std::io::Error) -> CliProblem {
    CliProblem::CannotWrite {
        path: shown_path(path),
        detail: e.to_string(),
    }
}

/// Scores `data` with the model file and writes the CSV with predictions.
#[allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the scored CSV goes to stdout by default, warnings to stderr"
)]
fn predict(model: &Path, data: &Path, out: Option<&Path>, lang: Lang) -> Result<(), CliProblem> {
    let text = std::fs::read_to_string(model).map_err(|e| cannot_read(model, &e))?;
    let export: ModelExport = serde_json::from_str(&text).map_err(|e| CliProblem::NotAModel {
        path: shown_path(model),
        detail: e.to_string(),
    })?;
    let bytes = read_data(data)?;
    let ingested = quire_engine::read_csv(
        &bytes,
        &quire_protocol::ParseOptions::default(),
        &quire_engine::Limits::default(),
        &mut |_, _| {},
    )
    .map_err(|e| match e {
        quire_engine::EngineError::Ingest(error) => CliProblem::BadCsv {
            path: shown_path(data),
            error,
        },
        other => CliProblem::CsvFailed {
            path: shown_path(data),
            detail: other.to_string(),
        },
    })?;
    let scored =
        quire_engine::kinds::model::predict(&ingested.frame, &export).map_err(|error| {
            CliProblem::Model {
                path: shown_path(model),
                error,
            }
        })?;
    for (column, rows) in &scored.unseen {
        eprintln!(
            "quire: {}: {}",
            CliWord::Warning.text(lang),
            cli_unseen(lang, column, *rows)
        );
    }
    let csv = quire_engine::export::csv(&scored.table, false, true).map_err(|e| {
        CliProblem::CannotWrite {
            path: out.map_or_else(|| "-".to_owned(), shown_path),
            detail: e.to_string(),
        }
    })?;
    match out {
        Some(path) => std::fs::write(path, csv).map_err(|e| cannot_write(path, &e)),
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
    lang: Lang,
) -> Result<bool, CliProblem> {
    let bytes = std::fs::read(path).map_err(|e| cannot_read(path, &e))?;
    let opened = open_file(&bytes).map_err(|error: FileError| CliProblem::File {
        path: shown_path(path),
        error,
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
            return Err(CliProblem::UnknownSource { name: name.clone() });
        }
        let bytes = read_data(file)?;
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
            Ok((Some(mismatch), _)) => eprintln!(
                "quire: {}: {}",
                CliWord::Warning.text(lang),
                cli_mismatch(lang, &name, &mismatch)
            ),
            Ok((None, _)) => {}
            Err(e) => {
                return Err(CliProblem::CannotAttach {
                    reason: worker_error(lang, &e.into()),
                    name,
                });
            }
        }
    }

    let statuses = session.statuses();
    let ok = all_ok(&statuses);
    if let Some(dir) = models {
        std::fs::create_dir_all(dir).map_err(|e| cannot_write(dir, &e))?;
        for s in &statuses {
            if let Some(CellOutput::Model { name, report, .. }) = &s.output {
                let file = dir.join(model_file_name(name));
                let text = serde_json::to_string_pretty(&report.export).unwrap_or_default();
                std::fs::write(&file, text).map_err(|e| cannot_write(&file, &e))?;
            }
        }
    }
    if as_json {
        println!("{}", to_json(&session, &statuses, rows));
    } else {
        print!("{}", to_text(&session, &statuses, rows, lang));
    }
    for status in &statuses {
        if let Some(e) = &status.error {
            eprintln!("cell {}: {}", status.id, cli_error(lang, e));
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
        CellError::NotFinite => "not_finite",
        CellError::Internal { .. } => "internal",
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
        .map(|s| cell_json(session, s, rows))
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

/// One cell in the JSON: its id, kind, state and error, its table (first rows) when it makes
/// one, and what its kind reports, under the kind's key (the others stay null).
fn cell_json(session: &Session, s: &CellStatus, rows: u32) -> Json {
    let mut cell = json!({
        "id": s.id,
        "kind": kind_of(session, &s.id).name(),
        "state": state_name(s.state),
        "error": s.error.as_ref().map_or(Json::Null, |e| json!({"code": code(e), "message": cli_error(Lang::En, e)})),
        "table": null,
        "detected": session.report(&s.id).map_or(Json::Null, detected_json),
        "html": null,
        "checks": null,
        "experiment": null,
        "plan": null,
        "metric": null,
        "dashboard": null,
        "model": null,
    });
    let Some(output) = &s.output else {
        return cell;
    };
    if let Some((name, n, columns)) = output.table() {
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
        cell["table"] = json!({"name": name, "rows": n, "columns": columns, "data": data});
    }
    // Exhaustive: a new kind of output does not compile until the JSON says what it reports.
    match output {
        CellOutput::Table { .. } | CellOutput::Cleaned { .. } | CellOutput::Chart { .. } => {}
        CellOutput::Html { html } => cell["html"] = json!(html),
        CellOutput::Checks { results, .. } => {
            let specs: &[Check] = session
                .notebook()
                .cells
                .iter()
                .find(|c| c.id == s.id)
                .and_then(|c| match &c.spec {
                    quire_protocol::notebook::CellSpec::Quality(q) => Some(q.checks.as_slice()),
                    _ => None,
                })
                .unwrap_or_default();
            cell["checks"] = results
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
                .collect();
        }
        CellOutput::Experiment { report } => {
            let mut value = json!(report);
            value["verdict_text"] = json!({
                "en": verdict_lines(report, Lang::En),
                "ko": verdict_lines(report, Lang::Ko),
            });
            cell["experiment"] = value;
        }
        CellOutput::Plan { report } => cell["plan"] = json!(report),
        CellOutput::Metric { report, .. } => cell["metric"] = json!(report),
        CellOutput::Dashboard { tiles } => cell["dashboard"] = json!(tiles),
        CellOutput::Model { report, .. } => {
            let mut value = json!(report);
            value["summary_text"] = json!({
                "en": summary_lines(report, Lang::En),
                "ko": summary_lines(report, Lang::Ko),
            });
            cell["model"] = value;
        }
    }
    cell
}

/// What reading a data cell's file assumed, so a script can check it: the encoding, the
/// delimiter, whether the first row was a header, the spellings read as missing, the units
/// taken off numbers, and every warning (its kind, its details and an English sentence).
fn detected_json(report: &quire_protocol::ParseReport) -> Json {
    let warnings: Vec<Json> = report
        .warnings
        .iter()
        .map(|w| {
            // The serde form is `{"Kind": {fields}}` (or `"Kind"` without fields).
            let (kind, detail) = match json!(w) {
                Json::Object(map) => map
                    .into_iter()
                    .next()
                    .unwrap_or((String::new(), Json::Null)),
                Json::String(kind) => (kind, Json::Null),
                other => (String::new(), other),
            };
            json!({
                "kind": kind,
                "detail": detail,
                "message": quire_words::warning(Lang::En, w),
            })
        })
        .collect();
    json!({
        "encoding": report.encoding.label(),
        "delimiter": report.delimiter.to_string(),
        "header": report.header,
        "missing_values": report.missing_values,
        "units": report
            .units
            .iter()
            .map(|(column, unit)| json!({"column": column, "unit": unit}))
            .collect::<Vec<_>>(),
        "warnings": warnings,
    })
}

/// A metric's latest complete period against the one before, and the partial period.
fn headline_text(spec: &MetricSpec, report: &MetricReport, lang: Lang) -> String {
    let label = |start: i64| report.grain.label(start);
    let mut text = match &report.headline {
        Some(h) => CliLine::Headline {
            name: &spec.name,
            period: label(h.start),
            value: spec.format.show(h.value),
            change: spec.format.show_change(h.absolute),
            relative: h.relative,
            previous: label(h.previous_start),
        }
        .text(lang),
        None => format!("{}: {}", spec.name, CliWord::NoComparison.text(lang)),
    };
    if let Some(p) = &report.partial {
        text.push_str(
            &CliLine::Partial {
                period: label(p.start),
                value: p.value.map_or("—".to_owned(), |v| spec.format.show(v)),
            }
            .text(lang),
        );
    }
    text
}

/// Readable text: each cell with its kind, state, and table (schema and first rows) or error,
/// in `lang`.
fn to_text(session: &Session, statuses: &[CellStatus], rows: u32, lang: Lang) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let mut line = |indent: &str, l: CliLine<'_>| {
        let _ = writeln!(out, "{indent}{}", l.text(lang));
    };
    let title = &session.notebook().title;
    let mut head = String::new();
    if !title.is_empty() {
        head = format!("{title}\n\n");
    }
    for (s, cell) in statuses.iter().zip(&session.notebook().cells) {
        line(
            "",
            CliLine::Cell {
                id: &s.id,
                kind: cell.spec.kind(),
                state: s.state,
                ms: s.run_ms,
            },
        );
        if let Some(e) = &s.error {
            line(
                "  ",
                CliLine::Error {
                    code: code(e),
                    message: cli_error(lang, e),
                },
            );
        }
        if let (
            Some(CellOutput::Metric { report, .. }),
            quire_protocol::notebook::CellSpec::Metric(kinds::Metric { metric }),
        ) = (&s.output, &cell.spec)
        {
            line(
                "  ",
                CliLine::Metric {
                    tile: false,
                    headline: headline_text(metric, report, lang),
                },
            );
        }
        if let Some(CellOutput::Model { report, .. }) = &s.output {
            for l in summary_lines(report, lang) {
                line("  > ", CliLine::Verbatim(l));
            }
        }
        match s.output.as_ref().map(|o| (o, o.table())) {
            Some((_, Some((name, n, columns)))) => {
                line(
                    "  ",
                    CliLine::Table {
                        name,
                        rows: n,
                        columns: columns.len(),
                    },
                );
                line(
                    "  ",
                    CliLine::Columns(
                        columns
                            .iter()
                            .map(|c| (c.name.as_str(), c.dtype, c.nulls))
                            .collect(),
                    ),
                );
                let data = session.rows(name, 0, rows).unwrap_or_default();
                if !data.is_empty() {
                    let header: Vec<String> = columns.iter().map(|c| c.name.clone()).collect();
                    let body: Vec<Vec<String>> =
                        data.iter().map(|r| r.iter().map(shown).collect()).collect();
                    line("", CliLine::Verbatim(grid(&header, &body)));
                    if n > u64::from(rows) {
                        line("  ", CliLine::MoreRows(n - u64::from(rows)));
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
                            Outcome::Pass => CliWord::Pass.text(lang).to_owned(),
                            Outcome::Fail if r.failing > 0 => CliLine::FailingRows {
                                failing: r.failing,
                                rows: r.rows,
                            }
                            .text(lang),
                            Outcome::Fail => CliLine::Found(
                                r.observed.as_deref().unwrap_or(CliWord::Nothing.text(lang)),
                            )
                            .text(lang),
                            Outcome::Invalid { problem } => {
                                format!("{}: {}", CliWord::Invalid.text(lang), problem.text(lang))
                            }
                        };
                        line(
                            "  ",
                            CliLine::Check {
                                name: cli_check(lang, c),
                                outcome: what,
                            },
                        );
                    }
                }
            }
            Some((CellOutput::Experiment { report }, _)) => {
                for c in &report.checks {
                    let what = match (&c.kind, c.passed) {
                        (_, true) => CliWord::Pass.text(lang).to_owned(),
                        (CheckKind::SampleRatio { p }, false) => {
                            CliLine::SampleRatio(*p).text(lang)
                        }
                        (CheckKind::KnownVariants { unexpected }, false) => {
                            CliLine::Unexpected(unexpected.join(", ")).text(lang)
                        }
                        (CheckKind::ControlPresent { control }, false) => {
                            CliLine::NoControl(control).text(lang)
                        }
                    };
                    line(
                        "  ",
                        CliLine::Check {
                            name: cli_experiment_check(lang, &c.kind),
                            outcome: what,
                        },
                    );
                }
                for a in &report.arms {
                    line(
                        "  ",
                        CliLine::Arm {
                            variant: &a.variant,
                            units: a.units,
                            observed: a.observed_share,
                            intended: a.expected_share,
                        },
                    );
                }
                for r in &report.results {
                    line(
                        "  ",
                        CliLine::Result {
                            metric: &r.metric,
                            treatment: &r.treatment,
                            control: &report.arms[0].variant,
                            before: short_number(r.control_stats.mean),
                            after: short_number(r.treatment_stats.mean),
                            diff: short_number(r.absolute.value),
                            p: r.p,
                            adjusted: r.adjusted_p,
                        },
                    );
                }
                for l in verdict_lines(report, lang) {
                    line("  > ", CliLine::Verbatim(l));
                }
            }
            Some((CellOutput::Dashboard { tiles }, _)) => {
                for tile in tiles {
                    line(
                        "  ",
                        CliLine::Metric {
                            tile: true,
                            headline: headline_text(&tile.spec, &tile.report, lang),
                        },
                    );
                }
            }
            Some((CellOutput::Plan { report }, _)) => {
                line("  ", CliLine::PerArm(report.per_arm));
                for st in &report.stages {
                    line(
                        "  ",
                        CliLine::Stage {
                            share: st.share,
                            days: st.days_needed,
                            detectable: st.detectable,
                        },
                    );
                }
            }
            Some((CellOutput::Html { .. }, _)) => {
                if let quire_protocol::notebook::CellSpec::Markdown(kinds::Markdown { text }) =
                    &cell.spec
                {
                    for l in text.lines().take(3) {
                        line("  | ", CliLine::Verbatim(l.to_owned()));
                    }
                }
            }
            // Every output with a table was shown above; a chart has nothing to print. Listed,
            // not `_`, so that a new kind of output does not compile until it is printed.
            Some((
                CellOutput::Chart { .. }
                | CellOutput::Table { .. }
                | CellOutput::Cleaned { .. }
                | CellOutput::Metric { .. }
                | CellOutput::Model { .. },
                None,
            ))
            | None => {}
        }
    }
    let failed = statuses
        .iter()
        .filter(|s| s.state == CellState::Error)
        .count();
    line(
        "\n",
        CliLine::Summary {
            cells: statuses.len(),
            failed,
        },
    );
    head + &out
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

/// The first rows as a grid of `| a | b |` lines (no newline after the last).
fn grid(header: &[String], body: &[Vec<String>]) -> String {
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
    std::iter::once(line(header))
        .chain(body.iter().map(|row| line(row)))
        .collect::<Vec<_>>()
        .join("\n")
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
