//! Turning polars values into the [`Cell`]s the page shows.

use polars::prelude::*;
use quire_protocol::{Cell, ColumnSchema, ColumnType};

/// Rows `offset .. offset + limit` of a frame (clamped to its height), row by row.
pub fn rows(frame: &DataFrame, offset: u64, limit: u32) -> Vec<Vec<Cell>> {
    let height = frame.height() as u64;
    let start = offset.min(height);
    let len = u64::from(limit).min(height - start);
    let window = frame.slice(start as i64, len as usize);
    let columns = window.get_columns();
    (0..window.height())
        .map(|r| {
            columns
                .iter()
                .map(|c| c.get(r).map(|v| cell(&v)).unwrap_or(Cell::Null))
                .collect()
        })
        .collect()
}

/// One value as a display cell.
pub fn cell(value: &AnyValue<'_>) -> Cell {
    match value {
        AnyValue::Null => Cell::Null,
        AnyValue::Boolean(b) => Cell::Bool(*b),
        AnyValue::Int8(v) => Cell::Int(i64::from(*v)),
        AnyValue::Int16(v) => Cell::Int(i64::from(*v)),
        AnyValue::Int32(v) => Cell::Int(i64::from(*v)),
        AnyValue::Int64(v) => Cell::Int(*v),
        AnyValue::UInt8(v) => Cell::Int(i64::from(*v)),
        AnyValue::UInt16(v) => Cell::Int(i64::from(*v)),
        AnyValue::UInt32(v) => Cell::Int(i64::from(*v)),
        AnyValue::UInt64(v) => {
            i64::try_from(*v).map_or_else(|_| Cell::Text(v.to_string()), Cell::Int)
        }
        AnyValue::Float32(v) => float(f64::from(*v)),
        AnyValue::Float64(v) => float(*v),
        AnyValue::String(s) => Cell::Text((*s).to_owned()),
        AnyValue::StringOwned(s) => Cell::Text(s.to_string()),
        AnyValue::Date(_) => Cell::Date(value.to_string()),
        AnyValue::Datetime(..) | AnyValue::DatetimeOwned(..) => Cell::Datetime(value.to_string()),
        other => Cell::Text(other.to_string()),
    }
}

fn float(v: f64) -> Cell {
    if v.is_finite() {
        Cell::Float(v)
    } else {
        Cell::Text(v.to_string())
    }
}

/// The page's column schema of a polars frame.
pub fn schema_of(frame: &DataFrame) -> Vec<ColumnSchema> {
    frame
        .get_columns()
        .iter()
        .map(|c| ColumnSchema {
            name: c.name().to_string(),
            dtype: column_type(c.dtype()),
            nulls: c.null_count() as u64,
        })
        .collect()
}

/// How a polars type shows in the page.
pub fn column_type(dtype: &DataType) -> ColumnType {
    match dtype {
        DataType::Boolean => ColumnType::Boolean,
        d if d.is_integer() => ColumnType::Integer,
        d if d.is_float() => ColumnType::Float,
        DataType::Date => ColumnType::Date,
        DataType::Datetime(..) => ColumnType::Datetime,
        _ => ColumnType::Text,
    }
}
