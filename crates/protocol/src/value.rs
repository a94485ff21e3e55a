//! Cell values as they travel to the page for display.

use serde::{Deserialize, Serialize};

/// One table cell, already in the shape the page shows. Dates and datetimes arrive formatted
/// (ISO 8601), floats that are not finite arrive as text, so JSON can carry every value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", content = "v")]
pub enum Cell {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Date(String),
    Datetime(String),
    Text(String),
}

impl Cell {
    /// The text a grid shows for this cell (nulls show as an empty string; the grid styles them).
    pub fn display(&self) -> String {
        match self {
            Cell::Null => String::new(),
            Cell::Bool(b) => b.to_string(),
            Cell::Int(i) => i.to_string(),
            Cell::Float(f) => format_float(*f),
            Cell::Date(s) | Cell::Datetime(s) | Cell::Text(s) => s.clone(),
        }
    }
    pub fn is_null(&self) -> bool {
        matches!(self, Cell::Null)
    }
}

/// Shortest text that reads back as the same float, without exponent noise for ordinary sizes.
pub fn format_float(f: f64) -> String {
    if f.is_finite() && f == f.trunc() && f.abs() < 1e15 {
        format!("{f:.1}")
    } else {
        f.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_round_trip_through_json() {
        let cells = vec![
            Cell::Null,
            Cell::Bool(true),
            Cell::Int(-42),
            Cell::Float(2.5),
            Cell::Date("1969-07-20".into()),
            Cell::Text("서울 <b>".into()),
        ];
        let json = serde_json::to_string(&cells).expect("serialise");
        let back: Vec<Cell> = serde_json::from_str(&json).expect("parse");
        assert_eq!(back, cells);
    }

    #[test]
    fn display_is_plain_text() {
        assert_eq!(Cell::Float(3.0).display(), "3.0");
        assert_eq!(Cell::Float(0.1).display(), "0.1");
        assert_eq!(Cell::Int(7).display(), "7");
        assert_eq!(Cell::Null.display(), "");
    }
}
