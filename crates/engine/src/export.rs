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
        ExportFormat::Csv { bom, safe } => csv(frame, bom, safe),
        ExportFormat::Parquet => parquet(frame),
    }
}

/// The first characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// CSV text; with `safe`, text cells that a spreadsheet would run as a formula start with `'`.
pub fn csv(frame: &DataFrame, bom: bool, safe: bool) -> Result<Vec<u8>, EngineError> {
    let mut out = Vec::with_capacity(frame.height() * 16 + 64);
    if bom {
        out.extend_from_slice(BOM);
    }
    let mut frame = if safe { defused(frame)? } else { frame.clone() };
    CsvWriter::new(&mut out)
        .include_header(true)
        .finish(&mut frame)?;
    Ok(out)
}

/// The frame with every text cell that starts like a formula prefixed with `'`. Only text
/// columns are looked at: a negative number stays `-5`.
fn defused(frame: &DataFrame) -> Result<DataFrame, EngineError> {
    let columns = frame
        .get_columns()
        .iter()
        .map(|column| {
            let Ok(text) = column.str() else {
                return Ok(column.clone());
            };
            if !text.into_iter().flatten().any(starts_like_formula) {
                return Ok(column.clone());
            }
            let safe: StringChunked = text
                .into_iter()
                .map(|v| {
                    v.map(|v| {
                        if starts_like_formula(v) {
                            format!("'{v}")
                        } else {
                            v.to_owned()
                        }
                    })
                })
                .collect();
            Ok(safe.with_name(column.name().clone()).into_column())
        })
        .collect::<Result<Vec<Column>, EngineError>>()?;
    Ok(DataFrame::new(columns)?)
}

fn starts_like_formula(v: &str) -> bool {
    v.starts_with(FORMULA_STARTS)
}

/// Parquet, Snappy-compressed, plain-encoded, one row group per 512Ki rows, with statistics.
pub fn parquet(frame: &DataFrame) -> Result<Vec<u8>, EngineError> {
    use polars_parquet::write::{
        ColumnWriteOptions, CompressionOptions, Encoding, FieldWriteOptions, FileWriter,
        RowGroupIterator, StatisticsOptions, Version, WriteOptions,
    };
    let mut frame = frame.clone();
    frame.rechunk_mut();
    let frame = polars::frame::chunk_df_for_writing(&mut frame, 512 * 1024)?;
    let schema = frame.schema().to_arrow(CompatLevel::newest());
    // Flat tables only (a notebook's tables have no lists or structs): one leaf per column.
    let columns: Vec<ColumnWriteOptions> = schema
        .iter_values()
        .map(|_| {
            FieldWriteOptions::default_with_encoding(Encoding::Plain)
                .into_default_column_write_options()
        })
        .collect();
    let options = WriteOptions {
        statistics: StatisticsOptions::default(),
        compression: CompressionOptions::Snappy,
        version: Version::V2,
        data_page_size: None,
    };
    let batches = frame
        .iter_chunks(CompatLevel::newest(), false)
        .map(PolarsResult::Ok);
    let groups = RowGroupIterator::try_new(batches, &schema, options, columns.clone())?;
    let mut out = Vec::new();
    let mut writer = FileWriter::try_new(&mut out, schema, options, &columns)?;
    for group in groups {
        writer.write(group?)?;
    }
    writer.end(None, &columns)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use polars::polars_utils::mmap::{MemReader, MemSlice};
    use polars_parquet::read::{
        BasicDecompressor, PageReader, column_iter_to_arrays, infer_schema, read_metadata,
    };

    use super::*;

    fn frame() -> DataFrame {
        let df = df!(
            "id" => [Some(1i64), None, Some(3)],
            "도시" => [Some("서울"), Some("a,\"b\""), None],
            "amount" => [Some(1e300), Some(-0.5), None],
            "day" => [Some("1969-07-20"), Some("2024-02-29"), None],
        )
        .expect("df");
        crate::testing::with_dates(df, "day")
    }

    /// Reads a Parquet file back into a frame with polars-parquet's own page decoder, column
    /// by column and row group by row group: what another tool reading the file would see.
    fn read_back(bytes: &[u8]) -> DataFrame {
        let meta = read_metadata(&mut Cursor::new(bytes)).expect("metadata");
        let schema = infer_schema(&meta).expect("schema");
        let file = MemSlice::from_vec(bytes.to_vec());
        let columns = schema
            .iter_values()
            .map(|field| {
                let mut chunks = Vec::new();
                for group in &meta.row_groups {
                    let (decompressors, types): (Vec<_>, Vec<_>) = group
                        .columns_under_root_iter(&field.name)
                        .expect("the column is in every row group")
                        .map(|column| {
                            let range = column.byte_range();
                            let chunk = file.slice(range.start as usize..range.end as usize);
                            let pages =
                                PageReader::new(MemReader::new(chunk), column, vec![], usize::MAX);
                            (
                                BasicDecompressor::new(pages, vec![]),
                                &column.descriptor().descriptor.primitive_type,
                            )
                        })
                        .unzip();
                    let (arrays, _) =
                        column_iter_to_arrays(decompressors, types, field.clone(), None)
                            .expect("the column decodes");
                    chunks.extend(arrays);
                }
                Series::from_arrow_chunks(field.name.clone(), chunks)
                    .expect("a series")
                    .into()
            })
            .collect();
        DataFrame::new(columns).expect("a frame")
    }

    #[test]
    fn csv_defuses_formulas_by_default_and_leaves_numbers() {
        let df = df!(
            "t" => [Some("=SUM(A1)"), Some("+1"), Some("-x"), Some("@cmd"), Some("\tx"), Some("\rx"), Some("ok"), None],
            "n" => [Some(-5i64), Some(1), Some(-2), Some(3), Some(4), Some(5), Some(6), Some(7)],
            "f" => [Some(-0.5), Some(1.0), None, None, None, None, None, None],
        )
        .expect("df");
        let text = String::from_utf8(csv(&df, false, true).expect("csv")).expect("utf-8");
        assert_eq!(
            text,
            "t,n,f\n'=SUM(A1),-5,-0.5\n'+1,1,1.0\n'-x,-2,\n'@cmd,3,\n'\tx,4,\n\"'\rx\",5,\nok,6,\n,7,\n"
        );
        let raw = String::from_utf8(
            write(
                &df,
                ExportFormat::Csv {
                    bom: false,
                    safe: false,
                },
            )
            .expect("csv"),
        )
        .expect("utf-8");
        assert!(
            raw.starts_with("t,n,f\n=SUM(A1),-5,-0.5\n+1,1,1.0\n-x,-2,\n"),
            "{raw}"
        );
        // Parquet keeps every value exactly.
        let back = read_back(&parquet(&df).expect("parquet"));
        assert!(back.equals_missing(&df), "{back:?}");
    }

    #[test]
    fn csv_safe_defaults_to_on_when_absent() {
        let format: ExportFormat = serde_json::from_str(r#"{"Csv":{"bom":false}}"#).expect("json");
        assert_eq!(
            format,
            ExportFormat::Csv {
                bom: false,
                safe: true
            }
        );
    }

    #[test]
    fn csv_quotes_what_needs_it_and_the_bom_is_optional() {
        let plain = csv(&frame(), false, true).expect("csv");
        let text = String::from_utf8(plain).expect("utf-8");
        assert_eq!(
            text,
            "id,도시,amount,day\n1,서울,1e300,1969-07-20\n,\"a,\"\"b\"\"\",-0.5,2024-02-29\n3,,,\n"
        );
        let excel = csv(&frame(), true, true).expect("csv");
        assert_eq!(&excel[..3], BOM);
        assert_eq!(&excel[3..], text.as_bytes());
    }

    #[test]
    fn parquet_keeps_rows_names_types_and_values() {
        let bytes = parquet(&frame()).expect("parquet");
        assert_eq!(&bytes[..4], b"PAR1");
        assert_eq!(&bytes[bytes.len() - 4..], b"PAR1");
        let meta = read_metadata(&mut Cursor::new(&bytes)).expect("metadata");
        assert_eq!(meta.num_rows, 3);
        let back = read_back(&bytes);
        let names: Vec<&str> = back
            .get_column_names()
            .into_iter()
            .map(PlSmallStr::as_str)
            .collect();
        assert_eq!(names, ["id", "도시", "amount", "day"]);
        assert_eq!(
            back.dtypes(),
            [
                DataType::Int64,
                DataType::String,
                DataType::Float64,
                DataType::Date
            ]
        );
        // Every value, nulls in their places, Korean text and a date before 1970 included.
        assert!(back.equals_missing(&frame()), "{back}");
        let one_day = back.column("day").expect("day").get(0).expect("value");
        assert_eq!(crate::cells::cell(&one_day).display(), "1969-07-20");

        // A longer column, written in several pages, reads back in order.
        let n = 100_000_i64;
        let long = df!("n" => (0..n).collect::<Vec<_>>()).expect("df");
        assert!(read_back(&parquet(&long).expect("parquet")).equals(&long));

        let empty = parquet(&frame().head(Some(0))).expect("an empty table writes");
        let back = read_back(&empty);
        assert_eq!(back.height(), 0);
        assert_eq!(back.dtypes()[3], DataType::Date);
    }
}
