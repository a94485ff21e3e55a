//! Writing a table as a file: CSV (UTF-8, optionally with a byte-order mark for Excel) and
//! Parquet.

use polars::prelude::*;
use polars_io::SerWriter;
use polars_io::csv::write::CsvWriter;
use quire_protocol::message::ExportFormat;

use crate::EngineError;

/// The UTF-8 byte-order mark: Excel reads a CSV as UTF-8 only when it starts with one.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

pub fn write(frame: &DataFrame, format: ExportFormat) -> Result<Vec<u8>, EngineError> {
    match format {
        ExportFormat::Csv { bom } => csv(frame, bom),
        ExportFormat::Parquet => parquet(frame),
    }
}

pub fn csv(frame: &DataFrame, bom: bool) -> Result<Vec<u8>, EngineError> {
    let mut out = Vec::with_capacity(frame.height() * 16 + 64);
    if bom {
        out.extend_from_slice(BOM);
    }
    let mut frame = frame.clone();
    CsvWriter::new(&mut out)
        .include_header(true)
        .finish(&mut frame)?;
    Ok(out)
}

pub fn parquet(_frame: &DataFrame) -> Result<Vec<u8>, EngineError> {
    Err(EngineError::Unsupported(
        "Parquet export is not built into this version".into(),
    ))
}
