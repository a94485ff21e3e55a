//! CSV ingest: raw bytes → a typed table, or a typed error naming line and column.
//!
//! The pipeline, each step its own module:
//! 0. a file over [`Limits::max_bytes`] is refused before anything reads it;
//! 1. [`decode`]: reject binary files, detect or apply the encoding (UTF-16 without a BOM by
//!    its NUL pattern; a UTF-8 file with a few lines in another encoding is an error naming the
//!    first), get UTF-8 text; then line ends are normalised (a lone CR, old Mac Excel's, is a
//!    line break, so lines are counted by the file's own breaks), a stray NUL is an error
//!    naming its line, and Excel's `sep=X` first line chooses the delimiter (with a warning);
//! 2. [`sniff`]: choose the delimiter and whether the first record is a header (a lone record
//!    of distinct names is a header-only table of 0 rows);
//! 3. [`scan`]: one quote-aware pass over the whole text that proves every record has the
//!    same number of fields (so a ragged row is an error naming its line, never a silently
//!    padded row), that no quote stands where the parser would read it differently, and that
//!    there are at most [`scan::MAX_COLUMNS`] columns, and maps records to physical lines;
//! 4. polars reads every field as text;
//! 5. [`infer`]: each column is typed (integer, float, boolean, date, datetime, text), and a
//!    column that is numeric but for a few cells is reported, not silently coerced.
//!
//! Nothing is half-loaded: any error returns before a table exists.

pub mod decode;
mod infer;
pub mod scan;
pub mod sniff;

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::Cursor;
use std::sync::Arc;

use polars::prelude::{DataFrame, DataType, Field, Schema};
use polars_io::SerReader;
use polars_io::csv::read::{CsvParseOptions, CsvReadOptions, NullValues};
use quire_protocol::{
    BinaryKind, ColumnSchema, EncodingChoice, HeaderChoice, IngestError, IngestWarning,
    ParseOptions, ParseReport, Stage,
};

use crate::EngineError;

/// Texts read as a missing value (besides the empty field).
/// `NaN` is not among them: it is a float.
pub const NULL_TOKENS: [&str; 8] = ["NA", "N/A", "null", "NULL", "#N/A", "n/a", "-", "."];

/// What one load may use.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Largest raw file accepted. A parsed table takes about two to three times its file in
    /// memory, and a wasm32 worker has at most 4 GiB of address space.
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: decode::DEFAULT_MAX_BYTES,
        }
    }
}

/// A table read from a CSV, with what reading it found.
pub struct Ingested {
    pub frame: DataFrame,
    pub report: ParseReport,
}

/// Reads CSV bytes into a typed table. `progress` hears each stage and the fraction of the
/// whole load done (0.0 ..= 1.0).
pub fn read_csv(
    bytes: &[u8],
    options: &ParseOptions,
    limits: &Limits,
    progress: &mut dyn FnMut(Stage, f32),
) -> Result<Ingested, EngineError> {
    let size = bytes.len() as u64;
    if size > limits.max_bytes {
        return Err(IngestError::TooLarge {
            bytes: size,
            limit: limits.max_bytes,
        }
        .into());
    }
    if bytes.is_empty() {
        return Err(IngestError::Empty.into());
    }
    if let Some(kind) = decode::sniff_binary(bytes) {
        // UTF-16 without a byte-order mark is full of NULs; when the user says it is UTF-16,
        // believe them unless the bytes are a known binary format.
        let utf16 = matches!(
            options.encoding,
            EncodingChoice::Utf16Le | EncodingChoice::Utf16Be
        );
        if !(utf16 && kind == BinaryKind::Unknown) {
            return Err(IngestError::Binary { kind }.into());
        }
    }

    progress(Stage::Decoding, 0.0);
    let decoded = decode::decode(bytes, options.encoding)?;
    let mut warnings = decoded.warnings;
    let text = normalise_line_endings(decoded.text.as_ref());
    let text = text.as_ref();
    if let Some(at) = text.bytes().position(|b| b == 0) {
        let line = text.as_bytes().get(..at).unwrap_or_default();
        let line = line.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        return Err(IngestError::NulByte { line }.into());
    }
    // Excel's `sep=;` line: it names the delimiter. The text from its line break on starts
    // with a blank line, which keeps every later line's number.
    let (text, excel_sep) = match separator_line(text) {
        Some((sep, rest)) => (rest, Some(sep)),
        None => (text, None),
    };

    let delimiter = match (options.delimiter.byte(), excel_sep) {
        (Some(chosen), _) => chosen,
        (None, Some(sep)) => sep,
        (None, None) => sniff::sniff_delimiter(text),
    };
    if let Some(sep) = excel_sep {
        warnings.push(IngestWarning::SeparatorLine {
            delimiter: char::from(sep),
        });
    }
    progress(Stage::Scanning, 0.1);
    let scan = scan::scan(text.as_bytes(), delimiter, |f| {
        progress(Stage::Scanning, 0.1 + 0.2 * f)
    })?;

    let first = sniff::first_records(text, delimiter, 50);
    let header = match options.header {
        // A file of one record whose cells are distinct, non-empty names is a header-only
        // table: no rows yet, those columns.
        HeaderChoice::Auto if scan.records == 1 => sniff::is_header_only(&first),
        HeaderChoice::Auto => sniff::detect_header(&first),
        HeaderChoice::Present => true,
        HeaderChoice::Absent => false,
    };
    let width = usize::try_from(scan.fields).unwrap_or(usize::MAX);
    let raw_names: Vec<String> = match (header, first.first()) {
        (true, Some(row)) => row.clone(),
        _ => Vec::new(),
    };
    let (names, renamed) = column_names(&raw_names, width);
    if !renamed.is_empty() {
        warnings.push(IngestWarning::RenamedColumns { renamed });
    }

    progress(Stage::Parsing, 0.3);
    let schema: Schema = names
        .iter()
        .map(|n| Field::new(n.as_str().into(), DataType::String))
        .collect();
    let data_records = scan.records - u64::from(header);
    let body = text.as_bytes().get(..scan.end).unwrap_or(text.as_bytes());
    let body = without_blank_lines(body, &scan.blanks);
    let frame = if data_records == 0 {
        DataFrame::empty_with_schema(&schema)
    } else {
        let parse_options = CsvParseOptions::default()
            .with_separator(delimiter)
            .with_quote_char(Some(b'"'))
            .with_missing_is_null(true)
            .with_null_values(Some(NullValues::AllColumns(
                NULL_TOKENS.iter().map(|t| (*t).into()).collect(),
            )));
        CsvReadOptions::default()
            .with_has_header(header)
            .with_schema(Some(Arc::new(schema)))
            .with_raise_if_empty(false)
            .with_rechunk(true)
            .with_parse_options(parse_options)
            .into_reader_with_file_handle(Cursor::new(body.as_ref()))
            .finish()
            // The scan has proved the structure, so this is the parser's own limit; its words
            // are not the user's, the counts are.
            .map_err(|_| IngestError::ParserDisagrees {
                records: data_records,
                read: 0,
            })?
    };
    if frame.height() as u64 != data_records {
        // The scanner and the parser disagree on the records: refuse rather than load a
        // table that silently lost or invented rows.
        return Err(IngestError::ParserDisagrees {
            records: data_records,
            read: frame.height() as u64,
        }
        .into());
    }

    progress(Stage::Typing, 0.8);
    let first_data_record = u64::from(header);
    let line_of_row = |row: u64| scan.line_of_record(first_data_record + row);
    let mut columns = Vec::with_capacity(names.len());
    let mut typed = Vec::with_capacity(names.len());
    let mut units = Vec::new();
    let n = names.len().max(1) as f32;
    for (i, column) in frame.get_columns().iter().enumerate() {
        let result = infer::infer_column(column.as_materialized_series(), &line_of_row)?;
        columns.push(ColumnSchema {
            name: names.get(i).cloned().unwrap_or_default(),
            dtype: result.dtype,
            nulls: result.series.null_count() as u64,
        });
        if let Some(w) = result.warning {
            warnings.push(w);
        }
        if let Some(unit) = result.unit {
            units.push((names.get(i).cloned().unwrap_or_default(), unit));
        }
        typed.push(result.series.into());
        progress(Stage::Typing, 0.8 + 0.2 * (i as f32 + 1.0) / n);
    }
    let frame = DataFrame::new(typed)?;

    let report = ParseReport {
        bytes: size,
        encoding: decoded.encoding,
        delimiter: char::from(delimiter),
        header,
        rows: frame.height() as u64,
        columns,
        warnings,
        missing_values: NULL_TOKENS.iter().map(|t| (*t).to_owned()).collect(),
        units,
    };
    Ok(Ingested { frame, report })
}

/// Line breaks made LF or CRLF: a CR not followed by LF (old Mac Excel, or a file mixing all
/// three) becomes LF, so every later step counts lines by the file's own breaks. Borrows when
/// there is no lone CR, the usual case.
fn normalise_line_endings(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let lone = |i: usize| bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) != Some(&b'\n');
    if !(0..bytes.len()).any(lone) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Excel's first line `sep=X` (X one of the candidate delimiters, the line maybe quoted): the
/// delimiter and the text from that line's break on.
fn separator_line(text: &str) -> Option<(u8, &str)> {
    let line_end = text.find('\n').unwrap_or(text.len());
    let line = text.get(..line_end)?.trim_end_matches('\r');
    let line = line
        .strip_prefix('"')
        .and_then(|l| l.strip_suffix('"'))
        .unwrap_or(line);
    let sep = line
        .strip_prefix("sep=")
        .or_else(|| line.strip_prefix("SEP="))?;
    let &[byte] = sep.as_bytes() else {
        return None;
    };
    if !quire_protocol::DelimiterChoice::CANDIDATES.contains(&byte) {
        return None;
    }
    Some((byte, text.get(line_end..)?))
}

/// The text with blank lines cut out (polars would read each as an all-null record). Borrows
/// when there are none, which is the usual case.
fn without_blank_lines<'a>(body: &'a [u8], blanks: &[std::ops::Range<usize>]) -> Cow<'a, [u8]> {
    if blanks.is_empty() {
        return Cow::Borrowed(body);
    }
    let mut out = Vec::with_capacity(body.len());
    let mut at = 0;
    for blank in blanks {
        out.extend_from_slice(body.get(at..blank.start).unwrap_or_default());
        at = blank.end;
    }
    out.extend_from_slice(body.get(at..).unwrap_or_default());
    Cow::Owned(out)
}

/// Column names from a header row: empty names become `column_N`, repeats get `_2`, `_3`…
/// Without a header every column is `column_N` (1-based, as spreadsheets count).
fn column_names(header: &[String], width: usize) -> (Vec<String>, Vec<(u64, String, String)>) {
    let mut names = Vec::with_capacity(width);
    let mut renamed = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for i in 0..width {
        let original = header.get(i).map(|s| s.trim().to_owned());
        let base = match &original {
            Some(s) if !s.is_empty() => s.clone(),
            _ => format!("column_{}", i + 1),
        };
        let mut name = base.clone();
        let mut k = 2;
        while seen.contains(&name) {
            name = format!("{base}_{k}");
            k += 1;
        }
        seen.insert(name.clone());
        if let Some(orig) = original.filter(|orig| *orig != name) {
            renamed.push((i as u64 + 1, orig, name.clone()));
        }
        names.push(name);
    }
    (names, renamed)
}

#[cfg(test)]
mod corpus;
#[cfg(test)]
mod tests;
