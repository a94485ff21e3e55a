use quire_protocol::kinds;
use quire_protocol::message::ExportFormat;
use quire_protocol::notebook::{Cell, CellSpec, CellState, Edit, Notebook};
use quire_protocol::{FromWorker, ParseOptions, SaveKind, ToWorker, WorkerError};

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

fn view(reply: &Reply) -> &quire_protocol::NotebookView {
    match &reply.message {
        FromWorker::Notebook { view, .. } => view,
        other => panic!("expected a notebook view, got {other:?}"),
    }
}

#[test]
fn a_bundle_opens_with_its_data_running_each_cell_once() {
    let mut server = Server::default();
    let reply = server.handle(ToWorker::OpenFile { id: 3 }, Some(bundle()));
    let view = view(&reply);
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
    assert!(
        view(&reply)
            .statuses
            .iter()
            .all(|s| s.state == CellState::UpToDate)
    );
    assert_eq!(server.session_mut().runs() - runs, 2);
}

#[test]
fn requests_are_answered_by_kind() {
    let mut server = Server::default();
    server.handle(ToWorker::OpenFile { id: 1 }, Some(bundle()));

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
            format: ExportFormat::Csv { bom: false },
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
    assert_eq!(view(&reply).notebook.title, "매출");
    assert!(view(&reply).can_undo);
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
        ToWorker::OpenFile { id: 10 },
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
