//! Helpers shared by the engine's tests.

use polars::prelude::*;

/// `df` with its text column `name` read as dates (`YYYY-MM-DD`).
pub fn with_dates(mut df: DataFrame, name: &str) -> DataFrame {
    let dates = df
        .column(name)
        .expect("the column exists")
        .cast(&DataType::Date)
        .expect("dates");
    df.replace(name, dates.take_materialized_series())
        .expect("same length");
    df
}
