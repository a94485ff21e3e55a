//! What the worker sends the page: a [`NotebookView`] of a session, and the files Save makes.
//! Kept here, not in the worker, so that the worker stays glue and this stays testable.

use std::sync::Arc;

use std::collections::HashMap;

use quire_protocol::notebook::{Cell, CellId, CellStatus, DataMismatch, DataSource, Notebook};
use quire_protocol::{NotebookView, SaveKind, ViewUpdate};

use crate::{EngineError, Session, file};

/// A session plus what the page is told about data it was given: the mismatches found when
/// files were attached, until the notebook is opened anew.
pub struct Tracked {
    pub session: Session,
    mismatches: Vec<(String, DataMismatch)>,
    /// What the last update told the page (none before the first).
    sent: Option<Sent>,
}

/// The document, manifest and result versions the page was last sent.
struct Sent {
    notebook: Notebook,
    manifest: Vec<DataSource>,
    versions: HashMap<CellId, u64>,
}

impl Tracked {
    pub fn new(session: Session) -> Self {
        Tracked {
            session,
            mismatches: Vec::new(),
            sent: None,
        }
    }

    pub fn open(&mut self, notebook: Notebook, manifest: Vec<DataSource>) -> Vec<CellId> {
        self.mismatches.clear();
        self.session.open(notebook, manifest)
    }

    /// Opens a notebook with files for its sources, running every cell once.
    pub fn open_with_data(
        &mut self,
        notebook: Notebook,
        manifest: Vec<DataSource>,
        data: Vec<(String, Arc<[u8]>)>,
    ) -> Vec<CellId> {
        let (mismatches, ran) = self.session.open_with_data(notebook, manifest, data);
        self.mismatches = mismatches;
        ran
    }

    /// Attaches a source's bytes and remembers how they differ from the manifest, if they do.
    pub fn attach(&mut self, source: &str, raw: Arc<[u8]>) -> Result<Vec<CellId>, EngineError> {
        let (mismatch, ran) = self.session.attach_data(source, raw)?;
        self.mismatches.retain(|(name, _)| name != source);
        if let Some(m) = mismatch {
            self.mismatches.push((source.to_owned(), m));
        }
        Ok(ran)
    }

    /// What changed since the last update, or everything when `full` (a notebook opened) or
    /// nothing was sent yet; remembers it as sent. An edit to one cell sends that cell, the
    /// cells that ran because of it and the file to autosave, never the other cells' results.
    pub fn update(&mut self, full: bool) -> ViewUpdate {
        let s = &self.session;
        let sent = if full { None } else { self.sent.as_ref() };
        let cells_now = &s.notebook().cells;
        let old_cells: HashMap<&str, &Cell> = sent
            .map(|x| {
                x.notebook
                    .cells
                    .iter()
                    .map(|c| (c.id.as_str(), c))
                    .collect()
            })
            .unwrap_or_default();
        let cells: Vec<Cell> = cells_now
            .iter()
            .filter(|c| old_cells.get(c.id.as_str()) != Some(c))
            .cloned()
            .collect();
        let statuses: Vec<CellStatus> = cells_now
            .iter()
            .filter(|c| sent.is_none_or(|x| x.versions.get(&c.id) != Some(&s.version(&c.id))))
            .filter_map(|c| s.status(&c.id))
            .collect();
        let reports = statuses
            .iter()
            .filter_map(|st| s.report(&st.id).map(|r| (st.id.clone(), r.clone())))
            .collect();
        let manifest = sent
            .is_none_or(|x| x.manifest != s.manifest())
            .then(|| s.manifest().to_vec());
        let document_changed = sent.is_none_or(|x| {
            !cells.is_empty()
                || x.notebook.title != s.notebook().title
                || x.notebook.cells.len() != cells_now.len()
                || x.notebook
                    .cells
                    .iter()
                    .zip(cells_now)
                    .any(|(a, b)| a.id != b.id)
        }) || manifest.is_some();
        let update = ViewUpdate {
            full: sent.is_none(),
            title: s.notebook().title.clone(),
            order: cells_now.iter().map(|c| c.id.clone()).collect(),
            cells,
            statuses,
            reports,
            manifest,
            attached: s.raw_data().map(|(name, _)| name.to_owned()).collect(),
            mismatches: self.mismatches.clone(),
            can_undo: s.can_undo(),
            can_redo: s.can_redo(),
            file: document_changed.then(|| file::write_notebook(s.notebook(), s.manifest())),
        };
        self.sent = Some(Sent {
            notebook: s.notebook().clone(),
            manifest: s.manifest().to_vec(),
            versions: cells_now
                .iter()
                .map(|c| (c.id.clone(), s.version(&c.id)))
                .collect(),
        });
        update
    }

    /// The whole view, as the page holds it after applying every update.
    pub fn view(&self) -> NotebookView {
        let s = &self.session;
        let notebook = s.notebook().clone();
        let reports = notebook
            .cells
            .iter()
            .filter_map(|c| s.report(&c.id).map(|r| (c.id.clone(), r.clone())))
            .collect();
        NotebookView {
            manifest: s.manifest().to_vec(),
            statuses: s.statuses(),
            attached: s.raw_data().map(|(name, _)| name.to_owned()).collect(),
            mismatches: self.mismatches.clone(),
            reports,
            can_undo: s.can_undo(),
            can_redo: s.can_redo(),
            file: file::write_notebook(&notebook, s.manifest()),
            notebook,
        }
    }
}

/// A file made by Save: its name and bytes, or, for a share link, the URL fragment.
pub struct Made {
    pub file_name: String,
    pub bytes: Option<Vec<u8>>,
    pub link: Option<String>,
}

pub fn save(session: &Session, kind: SaveKind) -> Result<Made, EngineError> {
    let notebook = session.notebook();
    let manifest = session.manifest();
    let stem = file_stem(&notebook.title);
    Ok(match kind {
        SaveKind::Notebook => Made {
            file_name: format!("{stem}.quire.json"),
            bytes: Some(file::write_notebook(notebook, manifest).into_bytes()),
            link: None,
        },
        SaveKind::Bundle => {
            let data: Vec<(&str, &[u8])> =
                session.raw_data().map(|(n, b)| (n, b.as_ref())).collect();
            Made {
                file_name: format!("{stem}.quire.zip"),
                bytes: Some(file::write_bundle(notebook, manifest, &data)?),
                link: None,
            }
        }
        SaveKind::ShareLink => Made {
            file_name: String::new(),
            bytes: None,
            link: Some(file::share_fragment(notebook, manifest)),
        },
    })
}

/// A file name from a title (`notebook` when nothing usable is left).
pub fn file_stem(title: &str) -> String {
    quire_protocol::names::file_stem(title, "notebook")
}

#[cfg(test)]
mod tests {
    use quire_protocol::kinds;
    use quire_protocol::notebook::{Cell, CellSpec};
    use quire_protocol::{CellOutput, ParseOptions};

    use super::*;

    #[test]
    fn file_names_from_titles() {
        assert_eq!(file_stem("Q3 sales: final/2"), "Q3_sales_final_2");
        assert_eq!(file_stem("매출 분석"), "매출_분석");
        assert_eq!(file_stem("  ../  "), "notebook");
    }

    #[test]
    fn views_carry_reports_mismatches_and_the_file() {
        let mut t = Tracked::new(Session::default());
        let cell = Cell {
            id: "d".into(),
            collapsed: false,
            spec: CellSpec::Data(kinds::Data {
                table: "t".into(),
                source: "t.csv".into(),
                options: ParseOptions::default(),
            }),
        };
        t.open(
            Notebook {
                title: "x".into(),
                cells: vec![cell],
            },
            Vec::new(),
        );
        t.attach("t.csv", b"a,b\n1,2\n".as_slice().into())
            .expect("attaches");
        let v = t.view();
        assert_eq!(v.attached, vec!["t.csv".to_owned()]);
        assert_eq!(v.reports.len(), 1);
        assert!(matches!(
            &v.statuses[0].output,
            Some(CellOutput::Table { rows: 1, .. })
        ));
        assert!(v.mismatches.is_empty());
        // Other bytes with another schema: reported, and the table follows the new file.
        t.attach("t.csv", b"a,c\n1,2\n".as_slice().into())
            .expect("attaches");
        let v = t.view();
        assert_eq!(v.mismatches.len(), 1, "{:?}", v.mismatches);
        let opened = file::open_file(v.file.as_bytes()).expect("the view's file opens");
        assert_eq!(opened.notebook, v.notebook);
        let made = save(&t.session, SaveKind::Bundle).expect("bundles");
        assert!(made.file_name.ends_with(".quire.zip"));
        let back = file::open_file(&made.bytes.expect("bytes")).expect("bundle opens");
        assert_eq!(
            back.data,
            vec![("t.csv".to_owned(), b"a,c\n1,2\n".to_vec())]
        );
    }
}
