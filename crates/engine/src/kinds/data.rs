//! Data cells: a file from the notebook's data manifest, read by [`crate::ingest`] into a
//! typed table. The bytes come with the notebook (a bundle), from an upload, or not at all
//! (then the cell asks for them).

use quire_protocol::kinds;
use quire_protocol::notebook::{CellError, CellOutput};

use super::{Kind, Ran, Reads, Run};
use crate::EngineError;
use crate::ingest::read_csv;

impl Kind for kinds::Data {
    fn reads(&self, _: &mut Reads<'_>) -> Result<Vec<String>, CellError> {
        Ok(Vec::new())
    }

    fn run(&self, cx: &mut Run<'_>) -> Result<Ran, CellError> {
        let prepared = cx
            .prepared
            .iter()
            .position(|(s, o, _)| *s == self.source && *o == self.options);
        let ingested =
            match prepared {
                // Read already, while the file was checked against the manifest.
                Some(at) => cx.prepared.swap_remove(at).2,
                None => {
                    let raw = cx.raw.get(&self.source).cloned().ok_or_else(|| {
                        CellError::MissingData {
                            source: self.source.clone(),
                        }
                    })?;
                    let (id, progress) = (cx.id, &mut *cx.progress);
                    read_csv(&raw, &self.options, cx.limits, &mut |stage, f| {
                        progress(id, stage, f);
                    })
                    .map_err(|e| match e {
                        EngineError::Ingest(e) => CellError::Ingest(e),
                        other => CellError::Internal {
                            message: other.to_string(),
                        },
                    })?
                }
            };
        let output = CellOutput::Table {
            name: cx.name.clone(),
            rows: ingested.report.rows,
            columns: ingested.report.columns.clone(),
        };
        Ok(Ran {
            output,
            frame: Some(ingested.frame),
            report: Some(ingested.report),
        })
    }

    fn rename_input(&mut self, _: &str, _: &str) {}
}
