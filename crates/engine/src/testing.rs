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

/// A CSV fixture's bytes read as Quire reads an upload (every option on auto).
pub fn read_fixture(bytes: &[u8]) -> DataFrame {
    crate::read_csv(
        bytes,
        &quire_protocol::ParseOptions::default(),
        &crate::Limits::default(),
        &mut |_, _| {},
    )
    .expect("the fixture reads")
    .frame
}
