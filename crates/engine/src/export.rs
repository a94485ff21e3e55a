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
    fn csv_quotes_what_needs_it_and_the_bom_is_optional() {
        let plain = csv(&frame(), false).expect("csv");
        let text = String::from_utf8(plain).expect("utf-8");
        assert_eq!(
            text,
            "id,도시,amount,day\n1,서울,1e300,1969-07-20\n,\"a,\"\"b\"\"\",-0.5,2024-02-29\n3,,,\n"
        );
        let excel = csv(&frame(), true).expect("csv");
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
