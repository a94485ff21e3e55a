use quire_protocol::kinds;
use quire_protocol::message::ExportFormat;
use quire_protocol::notebook::{Cell, CellSpec, CellState, Edit, Notebook};
use quire_protocol::{
    FromWorker, NotebookView, ParseOptions, SaveKind, ToWorker, ViewUpdate, WorkerError,
};

use super::*;
use crate::file;

const ORDERS: &[u8] = b"customer,amount\nkim,10\nlee,20\nkim,5\n";

fn cell(id: &str, spec: CellSpec) -> Cell {
    Cell {
        id: id.into(),
        collapsed: false,
        spec,
    }
}

fn notebook() -> Notebook {
    Notebook {
        title: "Orders".into(),
        cells: vec![
            cell(
                "d",
                CellSpec::Data(kinds::Data {
                    table: "orders".into(),
                    source: "orders.csv".into(),
                    options: ParseOptions::default(),
                }),
            ),
            cell(
                "q",
                CellSpec::Sql(kinds::Sql {
                    table: "totals".into(),
                    query: "select customer, sum(amount) as total from orders group by customer"
                        .into(),
                }),
            ),
        ],
    }
}

/// A bundle of the notebook with its data, as Save writes it.
fn bundle() -> Vec<u8> {
    let mut session = Session::default();
    session.open(notebook(), Vec::new());
    session
        .attach_data("orders.csv", ORDERS.into())
        .expect("attaches");
    file::write_bundle(
        session.notebook(),
        session.manifest(),
        &[("orders.csv", ORDERS)],
    )
    .expect("bundle")
}

fn update(reply: &Reply) -> &ViewUpdate {
    match &reply.message {
        FromWorker::Notebook { update, .. } => update,
        other => panic!("expected a notebook update, got {other:?}"),
    }
}

#[test]
fn a_bundle_opens_with_its_data_running_each_cell_once() {
    let mut server = Server::default();
    let reply = server.handle(
        ToWorker::OpenFile {
            id: 3,
            data: Vec::new(),
        },
        Some(bundle()),
    );
    let view = update(&reply);
    assert!(view.full);
    assert_eq!(view.statuses.len(), 2);
    assert!(
        view.statuses.iter().all(|s| s.state == CellState::UpToDate),
        "{:?}",
        view.statuses
    );
    assert_eq!(view.attached, vec!["orders.csv".to_owned()]);
    assert!(view.mismatches.is_empty());
    // Two cells, two runs: the data cell never runs without its file first.
    assert_eq!(server.session_mut().runs(), 2);
}

#[test]
fn opening_then_attaching_runs_only_what_reads_the_file() {
    let mut server = Server::default();
    server.handle(
        ToWorker::Open {
            id: 1,
            notebook: notebook(),
            manifest: Vec::new(),
        },
        None,
    );
    let runs = server.session_mut().runs();
    let reply = server.handle(
        ToWorker::AttachData {
            id: 2,
            source: "orders.csv".into(),
        },
        Some(ORDERS.to_vec()),
    );
    let changes = update(&reply);
    assert!(!changes.full);
    assert_eq!(changes.statuses.len(), 2);
    assert!(
        changes
            .statuses
            .iter()
            .all(|s| s.state == CellState::UpToDate)
    );
    // The manifest now describes the file, so the page autosaves it.
    assert!(changes.manifest.is_some() && changes.file.is_some());
    assert_eq!(server.session_mut().runs() - runs, 2);
}

#[test]
fn requests_are_answered_by_kind() {
    let mut server = Server::default();
    server.handle(
        ToWorker::OpenFile {
            id: 1,
            data: Vec::new(),
        },
        Some(bundle()),
    );

    let reply = server.handle(
        ToWorker::Rows {
            id: 2,
            table: "totals".into(),
            offset: 0,
            limit: 10,
        },
        None,
    );
    let FromWorker::Rows { id, rows, .. } = reply.message else {
        panic!("expected rows, got {:?}", reply.message);
    };
    assert_eq!((id, rows.len()), (2, 2));

    let reply = server.handle(
        ToWorker::Save {
            id: 3,
            kind: SaveKind::ShareLink,
        },
        None,
    );
    assert!(reply.bytes.is_none());
    let FromWorker::Saved {
        link: Some(link), ..
    } = reply.message
    else {
        panic!("expected a link");
    };
    assert!(link.starts_with(file::SHARE_PREFIX));

    let reply = server.handle(
        ToWorker::Export {
            id: 4,
            table: "orders".into(),
            format: ExportFormat::Csv {
                bom: false,
                safe: true,
            },
        },
        None,
    );
    let bytes = reply
        .bytes
        .expect("the export's bytes travel beside the message");
    let FromWorker::Exported { bytes: size, .. } = reply.message else {
        panic!("expected an export");
    };
    assert_eq!(size, bytes.len() as u64);
    assert!(String::from_utf8_lossy(&bytes).contains("kim"));

    let reply = server.handle(
        ToWorker::Edit {
            id: 5,
            edit: Edit::SetTitle {
                title: "매출".into(),
            },
        },
        None,
    );
    let changes = update(&reply);
    assert_eq!(changes.title, "매출");
    assert!(changes.can_undo);
    assert!(changes.cells.is_empty() && changes.statuses.is_empty());
    assert!(changes.file.is_some());
}

#[test]
fn failures_name_their_request() {
    let mut server = Server::default();
    let reply = server.handle(
        ToWorker::Profile {
            id: 9,
            table: "nowhere".into(),
        },
        None,
    );
    assert_eq!(
        reply.message,
        FromWorker::Failed {
            id: 9,
            error: WorkerError::UnknownTable {
                name: "nowhere".into()
            }
        }
    );
    assert_eq!(server.current_request().get(), 9);

    let reply = server.handle_json("{not json", None);
    assert!(matches!(
        reply.message,
        FromWorker::Failed {
            id: 0,
            error: WorkerError::BadRequest { .. }
        }
    ));

    let reply = server.handle(
        ToWorker::OpenFile {
            id: 10,
            data: Vec::new(),
        },
        Some(b"PK\x03\x04garbage".to_vec()),
    );
    assert!(matches!(
        reply.message,
        FromWorker::Failed {
            id: 10,
            error: WorkerError::File(_)
        }
    ));
}

/// A Markdown cell edited in a notebook whose other cells hold results.
fn edit_text(id: u64, text: &str) -> ToWorker {
    ToWorker::Edit {
        id,
        edit: Edit::Update {
            cell: cell(
                "m",
                CellSpec::Markdown(kinds::Markdown { text: text.into() }),
            ),
        },
    }
}

#[test]
fn an_edit_sends_what_it_changed_and_the_page_rebuilds_the_whole_view() {
    let mut server = Server::default();
    let reply = server.handle(
        ToWorker::OpenFile {
            id: 1,
            data: Vec::new(),
        },
        Some(bundle()),
    );
    let mut page = NotebookView::from_update(update(&reply).clone());
    let insert = ToWorker::Edit {
        id: 2,
        edit: Edit::Insert {
            index: 0,
            cell: cell(
                "m",
                CellSpec::Markdown(kinds::Markdown { text: "# 1".into() }),
            ),
        },
    };
    let requests = [
        insert,
        edit_text(3, "# 2"),
        ToWorker::Run {
            id: 4,
            cell: "q".into(),
        },
        ToWorker::Undo { id: 5 },
        ToWorker::Edit {
            id: 6,
            edit: Edit::Move {
                id: "m".into(),
                to: 2,
            },
        },
        ToWorker::Edit {
            id: 7,
            edit: Edit::Delete { id: "d".into() },
        },
        ToWorker::Undo { id: 8 },
    ];
    for request in requests {
        let asked = format!("{request:?}");
        let reply = server.handle(request, None);
        let changes = update(&reply).clone();
        if asked.starts_with("Edit { id: 3") {
            // Only the edited cell ran and only it travels: not the data or the SQL results.
            assert_eq!(changes.cells.len(), 1);
            assert_eq!(
                changes
                    .statuses
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect::<Vec<_>>(),
                ["m"]
            );
            assert!(changes.reports.is_empty() && changes.manifest.is_none());
        }
        if asked.starts_with("Run") {
            // Running a cell changes no document: nothing to autosave.
            assert!(changes.cells.is_empty() && changes.file.is_none());
            assert_eq!(changes.statuses.len(), 1);
        }
        page.apply(changes);
        assert_eq!(page, server.tracked.view(), "after {asked}");
    }
}

#[test]
fn a_restored_tab_sends_its_notebook_and_kept_files_in_one_request() {
    // What the page stored: the notebook file (with its manifest) and the data's bytes.
    let mut session = Session::default();
    session.open(notebook(), Vec::new());
    session
        .attach_data("orders.csv", ORDERS.into())
        .expect("attaches");
    let mut bytes = file::write_notebook(session.notebook(), session.manifest()).into_bytes();
    bytes.extend_from_slice(ORDERS);
    bytes.extend_from_slice(b"old,file\n1,2\n");
    let data = vec![
        quire_protocol::DataPart {
            source: "orders.csv".into(),
            bytes: ORDERS.len() as u64,
        },
        // A file kept from before, for a source the notebook no longer names: left out.
        quire_protocol::DataPart {
            source: "gone.csv".into(),
            bytes: 13,
        },
    ];
    let mut server = Server::default();
    let reply = server.handle(ToWorker::OpenFile { id: 1, data }, Some(bytes.clone()));
    let view = update(&reply);
    assert!(view.statuses.iter().all(|s| s.state == CellState::UpToDate));
    assert_eq!(view.attached, ["orders.csv"]);
    assert_eq!(
        view.manifest.as_ref().map(|m| m.len()),
        Some(1),
        "no manifest entry for the source the notebook does not name"
    );
    assert_eq!(server.session_mut().runs(), 2, "each cell ran once");

    // Parts that claim more bytes than were sent are refused, not read past the end.
    let lying = vec![quire_protocol::DataPart {
        source: "orders.csv".into(),
        bytes: u64::MAX,
    }];
    let reply = server.handle(ToWorker::OpenFile { id: 2, data: lying }, Some(bytes));
    assert!(matches!(
        reply.message,
        FromWorker::Failed {
            id: 2,
            error: WorkerError::BadRequest { .. }
        }
    ));
}
