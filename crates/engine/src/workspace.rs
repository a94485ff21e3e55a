//! The tables a session holds, by name, each with the raw bytes it was read from.

use std::collections::BTreeMap;
use std::sync::Arc;

use polars::prelude::DataFrame;
use quire_protocol::names::clean_name;
use quire_protocol::{Cell, ParseOptions, ParseReport, Stage};

use crate::ingest::{Limits, read_csv};
use crate::{EngineError, cells};

/// A loaded table. The raw bytes stay, so other parse options re-read them without an upload.
pub struct Table {
    pub name: String,
    pub raw: Arc<[u8]>,
    pub options: ParseOptions,
    pub frame: DataFrame,
    pub report: ParseReport,
}

/// Every named table of a session.
#[derive(Default)]
pub struct Workspace {
    tables: BTreeMap<String, Table>,
    pub limits: Limits,
}

impl Workspace {
    pub fn new(limits: Limits) -> Self {
        Workspace {
            tables: BTreeMap::new(),
            limits,
        }
    }

    pub fn table(&self, name: &str) -> Result<&Table, EngineError> {
        self.tables
            .get(name)
            .ok_or_else(|| EngineError::UnknownTable(name.to_owned()))
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.tables.keys().map(String::as_str)
    }

    /// Reads `raw` as a CSV into the table `name`, replacing a table of that name. On error no
    /// table changes.
    pub fn load_csv(
        &mut self,
        name: &str,
        raw: Arc<[u8]>,
        options: ParseOptions,
        progress: &mut dyn FnMut(Stage, f32),
    ) -> Result<&Table, EngineError> {
        let name = valid_name(name)?;
        let ingested = read_csv(&raw, &options, &self.limits, progress)?;
        let table = Table {
            name: name.clone(),
            raw,
            options,
            frame: ingested.frame,
            report: ingested.report,
        };
        self.tables.insert(name.clone(), table);
        self.table(&name)
    }

    /// Reads a table's kept bytes again with other options. On error the table stays as it was.
    pub fn reparse(
        &mut self,
        name: &str,
        options: ParseOptions,
        progress: &mut dyn FnMut(Stage, f32),
    ) -> Result<&Table, EngineError> {
        let raw = Arc::clone(&self.table(name)?.raw);
        self.load_csv(name, raw, options, progress)
    }

    pub fn rows(&self, name: &str, offset: u64, limit: u32) -> Result<Vec<Vec<Cell>>, EngineError> {
        Ok(cells::rows(&self.table(name)?.frame, offset, limit))
    }

    pub fn rename(&mut self, from: &str, to: &str) -> Result<String, EngineError> {
        let to = valid_name(to)?;
        if from == to {
            self.table(from)?;
            return Ok(to);
        }
        if self.tables.contains_key(&to) {
            return Err(EngineError::NameTaken(to));
        }
        let mut table = self
            .tables
            .remove(from)
            .ok_or_else(|| EngineError::UnknownTable(from.to_owned()))?;
        table.name.clone_from(&to);
        self.tables.insert(to.clone(), table);
        Ok(to)
    }
}

/// Trims a name and checks it is usable (see [`quire_protocol::names::clean_name`]).
pub fn valid_name(name: &str) -> Result<String, EngineError> {
    clean_name(name).ok_or_else(|| EngineError::InvalidName(name.to_owned()))
}

#[cfg(test)]
mod tests {
    use quire_protocol::{DelimiterChoice, HeaderChoice, IngestError};

    use super::*;

    fn load(ws: &mut Workspace, name: &str, csv: &str) -> Result<String, EngineError> {
        ws.load_csv(
            name,
            csv.as_bytes().into(),
            ParseOptions::default(),
            &mut |_, _| {},
        )
        .map(|t| t.name.clone())
    }

    #[test]
    fn reparse_reads_the_kept_bytes_and_a_failure_keeps_the_table() {
        let mut ws = Workspace::default();
        assert_eq!(
            load(&mut ws, " sales ", "a;b\n1;2\n3;4\n").expect("loads"),
            "sales"
        );
        assert_eq!(ws.table("sales").expect("exists").report.columns.len(), 2);

        let comma = ParseOptions {
            delimiter: DelimiterChoice::Comma,
            ..Default::default()
        };
        let t = ws
            .reparse("sales", comma, &mut |_, _| {})
            .expect("reparses");
        assert_eq!(t.report.columns.len(), 1);
        assert_eq!(t.report.columns[0].name, "a;b");

        // A re-read that fails leaves the last good table as it was.
        let no_header = ParseOptions {
            header: HeaderChoice::Absent,
            ..comma
        };
        let good = ws
            .reparse("sales", no_header, &mut |_, _| {})
            .expect("reparses");
        assert_eq!(good.report.rows, 3);
        let mut ws2 = Workspace::default();
        load(&mut ws2, "t", "a,b\n1,\"x;y\"\n").expect("loads");
        let semicolon = ParseOptions {
            delimiter: DelimiterChoice::Semicolon,
            ..Default::default()
        };
        let broken = ws2.reparse("t", semicolon, &mut |_, _| {});
        assert!(
            matches!(
                broken,
                Err(EngineError::Ingest(IngestError::RaggedRow { line: 2, .. }))
            ),
            "{:?}",
            broken.err()
        );
        let kept = ws2.table("t").expect("still there");
        assert_eq!(kept.options, ParseOptions::default());
        assert_eq!(kept.report.columns.len(), 2);
    }

    #[test]
    fn rows_are_windows_of_display_cells() {
        let mut ws = Workspace::default();
        load(&mut ws, "t", "n,s\n1,a\n2,\n3,c\n").expect("loads");
        let rows = ws.rows("t", 1, 5).expect("rows");
        assert_eq!(
            rows,
            vec![
                vec![Cell::Int(2), Cell::Null],
                vec![Cell::Int(3), Cell::Text("c".into())]
            ]
        );
        assert_eq!(
            ws.rows("t", 10, 5).expect("past the end"),
            Vec::<Vec<Cell>>::new()
        );
        assert!(matches!(
            ws.rows("nope", 0, 1),
            Err(EngineError::UnknownTable(_))
        ));
    }

    #[test]
    fn renames_check_names() {
        let mut ws = Workspace::default();
        load(&mut ws, "a", "x\n1\n").expect("loads");
        load(&mut ws, "b", "x\n1\n").expect("loads");
        assert!(matches!(
            ws.rename("a", "b"),
            Err(EngineError::NameTaken(_))
        ));
        assert!(matches!(
            ws.rename("a", "  "),
            Err(EngineError::InvalidName(_))
        ));
        assert!(matches!(
            ws.rename("zz", "c"),
            Err(EngineError::UnknownTable(_))
        ));
        assert_eq!(ws.rename("a", " 매출 ").expect("renames"), "매출");
        assert_eq!(ws.names().collect::<Vec<_>>(), vec!["b", "매출"]);
        assert_eq!(ws.table("매출").expect("found").name, "매출");
    }
}
