//! The notebook file, bundles and share links.
//!
//! # The notebook file (`*.quire.json`), version 6 (current)
//!
//! ```json
//! {
//!   "format": "quire-notebook",
//!   "version": 6,
//!   "title": "Orders",
//!   "cells": [
//!     {"id": "c1", "collapsed": false, "kind": "markdown", "text": "# Orders"},
//!     {"id": "c2", "collapsed": false, "kind": "data", "table": "orders",
//!      "source": "orders.csv", "options": {"encoding": "Auto", "delimiter": "Auto", "header": "Auto"}},
//!     {"id": "c3", "collapsed": false, "kind": "sql", "table": "totals",
//!      "query": "select customer, sum(amount) from orders group by customer"}
//!   ],
//!   "data": [
//!     {"name": "orders.csv", "bytes": 1234, "sha256": "…64 hex…",
//!      "options": {…}, "schema": [{"name": "amount", "dtype": "Float"}]}
//!   ]
//! }
//! ```
//!
//! - `format` marks a Quire file; anything without it is [`FileError::Foreign`].
//! - `version` is an integer. Older versions are upgraded on load one step at a time
//!   ([`UPGRADES`]: v1→v2→v3→v4→v5→v6; a v7 adds one function), newer ones are
//!   [`FileError::NewerVersion`].
//! - `cells`: each cell's `id` (unique, non-empty), `collapsed` (optional, default false) and
//!   its spec, tagged by `kind` (`markdown` | `data` | `sql` | `clean` | `quality` | `chart` |
//!   `experiment` | `plan` | `metric` | `dashboard` | `model`),
//!   as in [`v6::CellSpec`]. A Clean cell keeps its steps (`input`,
//!   `table`, `steps: [{"enabled", "op": {"step": "dedup", …}}]`), never its ledger.
//! - `data`: the data manifest, one [`v6::DataSource`] per file (never the bytes).
//! - A field the version does not have, anywhere, is [`FileError::Corrupt`] naming it; a field
//!   with a default may be left out.
//!
//! Version 6 added the `model` cell kind (a Model cell keeps `input` and its spec: `model:
//! {name, method: {"method": "linear" | "logistic" | "kmeans" | "online", …its settings},
//! target, features, standardise, missing, split, folds, confidence}`, never its report or
//! its coefficients); a version 5 file means the same as version 6.
//!
//! Version 5 added the `metric` and `dashboard` cell kinds (a Metric cell keeps its
//! definition: `metric: {name, description, owner, unit, format, table, time, grain,
//! aggregation, filters, dimension, rolling_days, direction, empty}`; a Dashboard keeps
//! `title` and `tiles`, the metrics' names; never a value or a series); a version 4 file means
//! the same as version 5.
//!
//! Version 4 added the `experiment` and `plan` cell kinds (an Experiment cell keeps its spec:
//! `input`, `experiment: {unit, variant, control, weights, metrics, confidence, duplicates,
//! correction, sequential, planned_per_arm}`, never its report); a version 3 file means the
//! same as version 4.
//!
//! Version 3 added the `clean`, `quality` and `chart` cell kinds; a version 2 file means the
//! same as version 3 (the step only renumbers it), but a Quire that reads only version 2 says
//! "written by a newer Quire" for a file that may hold cells it does not know, instead of
//! "damaged".
//!
//! Version 1 (the first) differed in two ways: a cell's kind was under `"type"`, and `data`
//! was an object keyed by file name (`{"orders.csv": {"bytes": …, "sha256": …, …}}`).
//!
//! A damaged file is [`FileError::Corrupt`] with a message that says where
//! (`cells[2] (id "c3"): missing field `query``). Nothing is opened half-way.
//!
//! # One frozen module per version
//!
//! The format is a contract, so it is not the live types (`quire_protocol`'s [`CellSpec`] and
//! everything it holds), which change with the code. Each version has its own frozen types:
//! [`v6`] is version 6, copies of the live types as they were, with the same serde names and
//! defaults, never edited. The live types map to the newest version ([`current`]), and every
//! file goes through it:
//!
//! - writing: live [`Notebook`] and manifest → JSON → [`current::File::from_json`] (the live
//!   types must write nothing the version does not know) → the frozen types' JSON text;
//! - reading: bytes → JSON → [`UPGRADES`] from the file's version to the current one →
//!   [`current::File::from_json`] (errors name the place) → each cell's spec and each manifest
//!   entry as the live type, which must write it back the same.
//!
//! Only the spec of a notebook goes through (tens of cells); data bytes never do. Versions 1
//! to 5 have no module of their own: they are upgraded as JSON (since version 2 only
//! renumbered), and a committed file of each (`tests/fixtures/notebooks/v1…v5.quire.json`)
//! is tested to open as the same notebook.
//!
//! The golden file `tests/fixtures/notebooks/golden-v6.quire.json` is what this build writes
//! for a notebook with every cell kind, every variant and every field set (`file/v6/tests.rs`);
//! it must not change by a byte. A change to the live types that fails it is either mapped back
//! (a serde rename, say) or is a new version:
//!
//! 1. copy `file/v6.rs` (and `file/v6/tests.rs`) to `file/v7.rs`, and change v7 (v6 stays as
//!    it is);
//! 2. add `upgrade_v6_to_v7` to [`UPGRADES`], taking a version 6 file (as JSON) to version 7,
//!    documented here like the steps before it (it may read its input with
//!    `v6::File::from_json` first, so that a version 6 file is checked as version 6);
//! 3. point [`current`] at `v7` (which bumps [`VERSION`]) and change the live types;
//! 4. in the same commit, write `golden-v7.quire.json` with `QUIRE_BLESS=1` (from v7's tests)
//!    and review its diff; `golden-v6.quire.json` stays, unchanged, as the committed version 6
//!    file, and v6's golden tests change from "this build writes it" to "it opens as the golden
//!    notebook, upgraded".
//!
//! # Bundles (`*.quire.zip`)
//!
//! A ZIP (deflate) holding `notebook.quire.json` and each source's raw bytes as
//! `data/<source name>`: one file to mail that opens with its data. [`open_file`] takes either.
//!
//! # Share links
//!
//! [`share_fragment`] is the notebook file without data, deflated and base64url-encoded,
//! prefixed `nb=`: the part of a URL after `#`, so it never reaches a server.

use std::io::{Cursor, Read, Write};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use quire_protocol::notebook::{Cell, CellSpec, DataSource, FileError, Notebook};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::EngineError;

pub mod v6;
/// The frozen types of the version this build writes.
pub use v6 as current;

/// What marks a Quire notebook file.
pub const FORMAT: &str = "quire-notebook";
/// The version this build writes, and the newest it reads.
pub const VERSION: u32 = current::VERSION;
/// The notebook's name inside a bundle.
pub const BUNDLE_NOTEBOOK: &str = "notebook.quire.json";
/// The folder of raw data inside a bundle.
pub const BUNDLE_DATA: &str = "data/";
/// The prefix of a share fragment.
pub use quire_protocol::notebook::SHARE_PREFIX;
/// The largest file a bundle entry or a share link may unpack to.
pub const MAX_UNPACKED: u64 = 1 << 30;
const MAX_SHARED_JSON: u64 = 16 << 20;

/// An upgrade step: a file of version `k + 1` (as JSON) to version `k + 2`.
pub type Upgrade = fn(Value) -> Result<Value, FileError>;
/// The upgrade chain: `UPGRADES[0]` takes v1 to v2, `UPGRADES[1]` v2 to v3, ….
pub const UPGRADES: [Upgrade; 5] = [
    upgrade_v1_to_v2,
    upgrade_v2_to_v3,
    upgrade_v3_to_v4,
    upgrade_v4_to_v5,
    upgrade_v5_to_v6,
];

/// A file opened as a notebook: its document, manifest and whatever raw data came with it.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    pub notebook: Notebook,
    pub manifest: Vec<DataSource>,
    /// (source name, bytes) for each data file in a bundle; empty for a notebook file.
    pub data: Vec<(String, Vec<u8>)>,
}

fn corrupt(message: impl Into<String>) -> FileError {
    FileError::Corrupt {
        message: message.into(),
    }
}

/// The notebook file (current version), pretty-printed JSON.
pub fn write_notebook(notebook: &Notebook, manifest: &[DataSource]) -> String {
    // Serialising plain structs and enums with string keys cannot fail.
    match current_file(notebook, manifest) {
        Ok(file) => serde_json::to_string_pretty(&file),
        Err(_) => serde_json::to_string_pretty(&live_file(notebook, manifest)),
    }
    .unwrap_or_default()
}

/// The notebook as the current version's frozen types: the live types' JSON read as a
/// [`current::File`]. An error means the live types wrote something the current version does
/// not know (a renamed field, a new variant), a bug the golden file test catches; the writers
/// then fall back to the live types' JSON, which is what was written before this check, rather
/// than lose the user's work.
pub(crate) fn current_file(
    notebook: &Notebook,
    manifest: &[DataSource],
) -> Result<current::File, String> {
    let value = serde_json::to_value(live_file(notebook, manifest)).map_err(|e| e.to_string())?;
    current::File::from_json(&value)
}

/// The live types shaped as a file: the top level and each cell as [`current::File`] has them.
#[derive(Serialize)]
struct LiveFile<'a> {
    format: &'a str,
    version: u32,
    title: &'a str,
    cells: Vec<LiveCell<'a>>,
    data: &'a [DataSource],
}

#[derive(Serialize)]
struct LiveCell<'a> {
    id: &'a str,
    collapsed: bool,
    #[serde(flatten)]
    spec: &'a CellSpec,
}

fn live_file<'a>(notebook: &'a Notebook, manifest: &'a [DataSource]) -> LiveFile<'a> {
    LiveFile {
        format: FORMAT,
        version: VERSION,
        title: &notebook.title,
        cells: notebook
            .cells
            .iter()
            .map(|c| LiveCell {
                id: &c.id,
                collapsed: c.collapsed,
                spec: &c.spec,
            })
            .collect(),
        data: manifest,
    }
}

/// The file as JSON, for tests that damage it.
#[cfg(test)]
fn to_value(notebook: &Notebook, manifest: &[DataSource]) -> Value {
    current_file(notebook, manifest)
        .ok()
        .and_then(|f| serde_json::to_value(f).ok())
        .unwrap_or(Value::Null)
}

/// Reads a notebook file of any known version.
pub fn read_notebook(bytes: &[u8]) -> Result<(Notebook, Vec<DataSource>), FileError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => {
            // A file that starts like JSON and names our format is ours, damaged (truncated,
            // edited by hand); anything else is someone else's file.
            let head = String::from_utf8_lossy(bytes.get(..4096).unwrap_or(bytes)).into_owned();
            let ours = head.trim_start().starts_with('{') && head.contains(FORMAT);
            return Err(if ours {
                corrupt(format!("not valid JSON: {e}"))
            } else {
                FileError::Foreign
            });
        }
    };
    from_value(value)
}

fn from_value(value: Value) -> Result<(Notebook, Vec<DataSource>), FileError> {
    let Value::Object(object) = &value else {
        return Err(FileError::Foreign);
    };
    if object.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(FileError::Foreign);
    }
    let version = match object.get("version") {
        None => return Err(corrupt("version: missing")),
        Some(v) => v
            .as_u64()
            .and_then(|v| u32::try_from(v).ok())
            .filter(|v| *v >= 1)
            .ok_or_else(|| corrupt(format!("version: expected a whole number ≥ 1, found {v}")))?,
    };
    if version > VERSION {
        return Err(FileError::NewerVersion {
            found: version,
            supported: VERSION,
        });
    }
    let mut value = value;
    for step in UPGRADES.iter().skip(version as usize - 1) {
        value = step(value)?;
    }
    parse_current(&value)
}

/// Version 1 → 2: a cell's `"type"` becomes `"kind"`; the `data` object keyed by file name
/// becomes a list of entries carrying their `name`.
pub fn upgrade_v1_to_v2(mut value: Value) -> Result<Value, FileError> {
    let object = value
        .as_object_mut()
        .ok_or_else(|| corrupt("expected a JSON object"))?;
    if let Some(cells) = object.get_mut("cells") {
        let cells = cells
            .as_array_mut()
            .ok_or_else(|| corrupt("cells: expected a list"))?;
        for (i, cell) in cells.iter_mut().enumerate() {
            let cell = cell
                .as_object_mut()
                .ok_or_else(|| corrupt(format!("cells[{i}]: expected an object")))?;
            if let Some(kind) = cell.remove("type") {
                cell.entry("kind").or_insert(kind);
            }
        }
    }
    let data = match object.remove("data") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Object(by_name)) => by_name
            .into_iter()
            .map(|(name, entry)| match entry {
                Value::Object(mut e) => {
                    e.insert("name".into(), Value::String(name));
                    Ok(Value::Object(e))
                }
                _ => Err(corrupt(format!("data[{name:?}]: expected an object"))),
            })
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(corrupt("data: expected an object keyed by file name")),
    };
    object.insert("data".into(), Value::Array(data));
    object.insert("version".into(), json!(2));
    Ok(value)
}

/// Version 2 → 3: the same document (v3 only added cell kinds: clean, quality, chart),
/// renumbered.
pub fn upgrade_v2_to_v3(value: Value) -> Result<Value, FileError> {
    renumber(value, 3)
}

/// Version 3 → 4: the same document (v4 only added cell kinds: experiment, plan), renumbered.
pub fn upgrade_v3_to_v4(value: Value) -> Result<Value, FileError> {
    renumber(value, 4)
}

/// Version 4 → 5: the same document (v5 only added cell kinds: metric, dashboard),
/// renumbered.
pub fn upgrade_v4_to_v5(value: Value) -> Result<Value, FileError> {
    renumber(value, 5)
}

/// v5 → v6: the `model` cell kind is new; a v5 file has none, so only the number changes.
pub fn upgrade_v5_to_v6(value: Value) -> Result<Value, FileError> {
    renumber(value, 6)
}

fn renumber(mut value: Value, version: u32) -> Result<Value, FileError> {
    let object = value
        .as_object_mut()
        .ok_or_else(|| corrupt("expected a JSON object"))?;
    object.insert("version".into(), json!(version));
    Ok(value)
}

/// A file of the current version (as JSON) → the current version's frozen types → the live
/// types.
fn parse_current(value: &Value) -> Result<(Notebook, Vec<DataSource>), FileError> {
    let file = current::File::from_json(value).map_err(corrupt)?;
    let cells = file
        .cells
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let spec = to_live(&c.spec)
                .map_err(|e| corrupt(format!("cells[{i}] (id {:?}): {e}", c.id)))?;
            Ok(Cell {
                id: c.id,
                collapsed: c.collapsed,
                spec,
            })
        })
        .collect::<Result<_, FileError>>()?;
    let manifest = file
        .data
        .iter()
        .enumerate()
        .map(|(i, d)| to_live(d).map_err(|e| corrupt(format!("data[{i}]: {e}"))))
        .collect::<Result<_, _>>()?;
    Ok((
        Notebook {
            title: file.title,
            cells,
        },
        manifest,
    ))
}

/// A frozen value as the live type, which must write it back the same: the live types map to
/// the current version one to one. They differ only by a bug (a live field renamed, say), which
/// the golden file test catches; the file is then refused rather than opened without what the
/// live types dropped.
fn to_live<F: Serialize, L: Serialize + DeserializeOwned>(frozen: &F) -> Result<L, String> {
    let value = serde_json::to_value(frozen).map_err(|e| e.to_string())?;
    let live: L = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
    if serde_json::to_value(&live).ok().as_ref() != Some(&value) {
        return Err("this build of Quire reads it otherwise than it was written".into());
    }
    Ok(live)
}

/// Opens a notebook file or a bundle.
pub fn open_file(bytes: &[u8]) -> Result<Opened, FileError> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return open_bundle(bytes);
    }
    let (notebook, manifest) = read_notebook(bytes)?;
    Ok(Opened {
        notebook,
        manifest,
        data: Vec::new(),
    })
}

/// A bundle: the notebook file and each source's raw bytes, in one deflated ZIP.
pub fn write_bundle(
    notebook: &Notebook,
    manifest: &[DataSource],
    data: &[(&str, &[u8])],
) -> Result<Vec<u8>, EngineError> {
    let bundle_error = |e: zip::result::ZipError| EngineError::Bundle(e.to_string());
    let io_error = |e: std::io::Error| EngineError::Bundle(e.to_string());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(
            data.iter()
                .any(|(_, d)| d.len() as u64 >= u64::from(u32::MAX)),
        );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file(BUNDLE_NOTEBOOK, options)
        .map_err(bundle_error)?;
    zip.write_all(write_notebook(notebook, manifest).as_bytes())
        .map_err(io_error)?;
    for (name, bytes) in data {
        zip.start_file(format!("{BUNDLE_DATA}{name}"), options)
            .map_err(bundle_error)?;
        zip.write_all(bytes).map_err(io_error)?;
    }
    Ok(zip.finish().map_err(bundle_error)?.into_inner())
}

/// What all of a bundle's entries may unpack to together.
pub const MAX_BUNDLE_UNPACKED: u64 = 2 << 30;
/// The most an entry may unpack to per compressed byte (deflate itself cannot pass ~1032).
pub const MAX_RATIO: u64 = 1100;

/// The most an entry of `compressed` bytes may unpack to: its ratio's worth, at least 1 MiB,
/// at most [`MAX_UNPACKED`].
fn entry_limit(compressed: u64) -> u64 {
    compressed
        .saturating_mul(MAX_RATIO)
        .clamp(1 << 20, MAX_UNPACKED)
}

/// Everything `reader` gives, grown as it arrives, or `None` when that is more than `limit`.
fn read_bounded(reader: &mut impl Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut out = Vec::new();
    reader.take(limit.saturating_add(1)).read_to_end(&mut out)?;
    Ok((out.len() as u64 <= limit).then_some(out))
}

fn open_bundle(bytes: &[u8]) -> Result<Opened, FileError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| corrupt(format!("bundle: not a readable ZIP: {e}")))?;
    let mut notebook = None;
    let mut data = Vec::new();
    let mut unpacked = 0u64;
    for i in 0..archive.len() {
        let mut entry = archive
            .by_index(i)
            .map_err(|e| corrupt(format!("bundle entry {i}: {e}")))?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().to_owned();
        let wanted = name == BUNDLE_NOTEBOOK || name.starts_with(BUNDLE_DATA);
        if !wanted {
            continue;
        }
        if entry.size() > MAX_UNPACKED {
            return Err(corrupt(format!("bundle entry {name:?}: larger than 1 GiB")));
        }
        // The header's sizes are claims: nothing is allocated from them, and what is read is
        // bounded by the ratio to the compressed size and by what the bundle may hold in all.
        let limit = entry_limit(entry.compressed_size()).min(MAX_BUNDLE_UNPACKED - unpacked);
        let out = read_bounded(&mut entry, limit)
            .map_err(|e| corrupt(format!("bundle entry {name:?}: {e}")))?
            .ok_or_else(|| {
                corrupt(format!(
                    "bundle entry {name:?}: unpacks to more than its size allows"
                ))
            })?;
        unpacked += out.len() as u64;
        if name == BUNDLE_NOTEBOOK {
            notebook = Some(out);
        } else if let Some(source) = name.strip_prefix(BUNDLE_DATA) {
            data.push((source.to_owned(), out));
        }
    }
    // A ZIP without our notebook is someone else's (an Excel workbook, say).
    let notebook = notebook.ok_or(FileError::Foreign)?;
    let (notebook, manifest) = read_notebook(&notebook).map_err(|e| match e {
        FileError::Foreign => corrupt(format!("bundle: {BUNDLE_NOTEBOOK} is not a notebook")),
        other => other,
    })?;
    Ok(Opened {
        notebook,
        manifest,
        data,
    })
}

/// The notebook (without data) as a URL fragment: `nb=` + base64url(deflate(JSON)).
pub fn share_fragment(notebook: &Notebook, manifest: &[DataSource]) -> String {
    let json = match current_file(notebook, manifest) {
        Ok(file) => serde_json::to_string(&file),
        Err(_) => serde_json::to_string(&live_file(notebook, manifest)),
    }
    .unwrap_or_default();
    let mut encoder = DeflateEncoder::new(Vec::new(), Compression::best());
    // Writing into a Vec cannot fail.
    let compressed = encoder
        .write_all(json.as_bytes())
        .and_then(|()| encoder.finish())
        .unwrap_or_default();
    format!("{SHARE_PREFIX}{}", URL_SAFE_NO_PAD.encode(compressed))
}

/// The notebook of a share fragment (with or without the leading `#`).
pub fn from_share_fragment(fragment: &str) -> Result<(Notebook, Vec<DataSource>), FileError> {
    let fragment = fragment.trim();
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let encoded = fragment
        .strip_prefix(SHARE_PREFIX)
        .ok_or(FileError::Foreign)?;
    let compressed = URL_SAFE_NO_PAD
        .decode(encoded.trim_end_matches('='))
        .map_err(|e| corrupt(format!("share link: not base64url: {e}")))?;
    let mut json = Vec::new();
    DeflateDecoder::new(compressed.as_slice())
        .take(MAX_SHARED_JSON + 1)
        .read_to_end(&mut json)
        .map_err(|e| corrupt(format!("share link: cannot inflate: {e}")))?;
    if json.len() as u64 > MAX_SHARED_JSON {
        return Err(corrupt("share link: unpacks to more than 16 MiB"));
    }
    read_notebook(&json).map_err(|e| match e {
        FileError::Foreign => corrupt("share link: does not hold a notebook"),
        other => other,
    })
}

#[cfg(test)]
mod tests;
