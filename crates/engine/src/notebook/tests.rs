//! Session behaviour: what runs after each kind of change, and what each cell ends up with.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use quire_protocol::notebook::{
    Cell, CellError, CellOutput, CellSpec, CellState, DataMismatch, Edit, Notebook,
};
use quire_protocol::{ColumnType, ParseOptions};

use super::*;
use quire_protocol::kinds;

fn cell(id: &str, spec: CellSpec) -> Cell {
    Cell {
        id: id.into(),
        collapsed: false,
        spec,
    }
}

fn data(id: &str, table: &str, source: &str) -> Cell {
    cell(
        id,
        CellSpec::Data(kinds::Data {
            table: table.into(),
            source: source.into(),
            options: ParseOptions::default(),
        }),
    )
}

fn sql(id: &str, table: &str, query: &str) -> Cell {
    cell(
        id,
        CellSpec::Sql(kinds::Sql {
            table: table.into(),
            query: query.into(),
        }),
    )
}

fn md(id: &str, text: &str) -> Cell {
    cell(
        id,
        CellSpec::Markdown(kinds::Markdown { text: text.into() }),
    )
}

const ORDERS: &str = "id,customer,amount\n1,10,5.5\n2,10,4.5\n3,20,7\n";

/// A → B → C over `orders.csv`, D independent.
fn chain() -> Notebook {
    Notebook {
        title: "chain".into(),
        cells: vec![
            data("A", "orders", "orders.csv"),
            sql(
                "B",
                "totals",
                "select customer, sum(amount) as total from orders group by customer",
            ),
            sql(
                "C",
                "top",
                "select * from totals order by total desc limit 1",
            ),
            md("D", "# Notes"),
        ],
    }
}

fn session() -> Session {
    let mut s = Session::default();
    s.open(chain(), Vec::new());
    s.attach_data("orders.csv", Arc::from(ORDERS.as_bytes()))
        .expect("attaches");
    s
}

fn state(s: &Session, id: &str) -> (CellState, Option<CellError>) {
    let st = s.status(id).expect("cell exists");
    (st.state, st.error)
}

#[test]
fn open_runs_everything_in_order_and_missing_data_is_a_cell_error() {
    let mut s = Session::default();
    let ran = s.open(chain(), Vec::new());
    assert_eq!(ran, ["A", "B", "C", "D"]);
    assert_eq!(
        state(&s, "A"),
        (
            CellState::Error,
            Some(CellError::MissingData {
                source: "orders.csv".into()
            })
        )
    );
    assert_eq!(
        state(&s, "B").1,
        Some(CellError::Upstream {
            table: "orders".into()
        })
    );
    assert_eq!(
        state(&s, "C").1,
        Some(CellError::Upstream {
            table: "totals".into()
        })
    );
    assert_eq!(s.status("D").expect("D").state, CellState::UpToDate);

    let (mismatch, ran) = s
        .attach_data("orders.csv", Arc::from(ORDERS.as_bytes()))
        .expect("attaches");
    assert_eq!(mismatch, None);
    assert_eq!(ran, ["A", "B", "C"]);
    assert!(
        s.statuses()
            .iter()
            .all(|st| st.state == CellState::UpToDate)
    );
    let top = s.rows("top", 0, 10).expect("rows");
    assert_eq!(
        top,
        vec![vec![
            quire_protocol::Cell::Int(10),
            quire_protocol::Cell::Float(10.0)
        ]]
    );
    assert_eq!(s.manifest().len(), 1);
    assert_eq!(s.manifest()[0].schema.len(), 3);
    assert_eq!(s.manifest()[0].bytes, ORDERS.len() as u64);
    assert_eq!(s.raw_data().count(), 1);
}

#[test]
fn editing_b_reruns_exactly_b_and_c() {
    let mut s = session();
    let ran = s
        .apply(Edit::Update {
            cell: sql(
                "B",
                "totals",
                "select customer, max(amount) as total from orders group by customer",
            ),
        })
        .expect("applies");
    assert_eq!(ran, ["B", "C"]);
    assert_eq!(
        s.rows("top", 0, 1).expect("rows"),
        vec![vec![
            quire_protocol::Cell::Int(20),
            quire_protocol::Cell::Float(7.0)
        ]]
    );
    // Folding changes no data: nothing runs.
    let mut folded = s.notebook().cells[1].clone();
    folded.collapsed = true;
    assert_eq!(
        s.apply(Edit::Update { cell: folded }).expect("applies"),
        Vec::<String>::new()
    );
    assert!(s.notebook().cells[1].collapsed);
    assert_eq!(
        s.apply(Edit::SetTitle { title: "t".into() }).expect("ok"),
        Vec::<String>::new()
    );
    assert_eq!(s.notebook().title, "t");
}

#[test]
fn inserting_a_producer_fixes_a_missing_table() {
    let mut s = session();
    s.apply(Edit::Insert {
        index: 99,
        cell: sql("E", "e", "select * from later"),
    })
    .expect("inserts");
    assert_eq!(
        state(&s, "E").1,
        Some(CellError::MissingTable {
            name: "later".into()
        })
    );
    let ran = s
        .apply(Edit::Insert {
            index: 0,
            cell: sql("F", "later", "select 1 as x"),
        })
        .expect("inserts");
    assert_eq!(ran, ["F", "E"]);
    assert_eq!(s.status("E").expect("E").state, CellState::UpToDate);
    assert_eq!(s.notebook().cells[0].id, "F");
}

#[test]
fn duplicate_names_and_their_fix() {
    let mut s = session();
    let ran = s
        .apply(Edit::Insert {
            index: 4,
            cell: sql("E", "totals", "select 1 as x"),
        })
        .expect("inserts");
    // E collides with B: both fail, and C (reading `totals`) cannot run.
    assert_eq!(ran, ["B", "E", "C"]);
    let dup = CellError::DuplicateName {
        name: "totals".into(),
        cells: vec!["B".into(), "E".into()],
    };
    assert_eq!(state(&s, "B").1, Some(dup.clone()));
    assert_eq!(state(&s, "E").1, Some(dup));
    assert_eq!(
        state(&s, "C").1,
        Some(CellError::Upstream {
            table: "totals".into()
        })
    );
    assert!(s.table("totals").is_none());
    // Renaming E fixes its partner too.
    let ran = s
        .apply(Edit::Update {
            cell: sql("E", "other", "select 1 as x"),
        })
        .expect("updates");
    // C no longer waits for E: run order is B, C, then E.
    assert_eq!(ran, ["B", "C", "E"]);
    assert!(
        s.statuses()
            .iter()
            .all(|st| st.state == CellState::UpToDate)
    );
}

#[test]
fn delete_reruns_dependants_and_undo_brings_it_back() {
    let mut s = session();
    let ran = s.apply(Edit::Delete { id: "B".into() }).expect("deletes");
    assert_eq!(ran, ["C"]);
    assert_eq!(
        state(&s, "C").1,
        Some(CellError::MissingTable {
            name: "totals".into()
        })
    );
    assert!(s.status("B").is_none());
    assert!(s.can_undo());
    let ran = s.undo().expect("undoes");
    assert_eq!(ran, ["B", "C"]);
    assert!(
        s.statuses()
            .iter()
            .all(|st| st.state == CellState::UpToDate)
    );
    assert!(s.can_redo());
    assert_eq!(s.redo().expect("redoes"), ["C"]);
    assert_eq!(s.notebook().cells.len(), 3);
    assert!(!s.can_redo());
    assert_eq!(s.redo(), None);
}

#[test]
fn undo_depth_is_bounded_and_a_new_edit_clears_redo() {
    let mut s = session();
    for i in 0..150 {
        s.apply(Edit::SetTitle {
            title: format!("t{i}"),
        })
        .expect("ok");
    }
    let mut n = 0;
    while s.undo().is_some() {
        n += 1;
    }
    assert_eq!(n, UNDO_DEPTH);
    assert_eq!(s.notebook().title, "t49");
    s.redo().expect("redo");
    s.apply(Edit::SetTitle { title: "x".into() }).expect("ok");
    assert!(!s.can_redo());
}

#[test]
fn invalid_edits_are_errors_and_change_nothing() {
    let mut s = session();
    let before = s.notebook().clone();
    assert!(matches!(
        s.apply(Edit::Update {
            cell: md("nope", "x")
        }),
        Err(EngineError::UnknownCell(_))
    ));
    assert!(matches!(
        s.apply(Edit::Insert {
            index: 0,
            cell: md("A", "x")
        }),
        Err(EngineError::DuplicateCell(_))
    ));
    assert!(matches!(
        s.apply(Edit::Duplicate {
            id: "A".into(),
            new_id: "B".into()
        }),
        Err(EngineError::DuplicateCell(_))
    ));
    assert!(matches!(
        s.apply(Edit::Delete { id: "zz".into() }),
        Err(EngineError::UnknownCell(_))
    ));
    assert!(matches!(
        s.apply(Edit::Move {
            id: "zz".into(),
            to: 0
        }),
        Err(EngineError::UnknownCell(_))
    ));
    assert!(matches!(s.run_cell("zz"), Err(EngineError::UnknownCell(_))));
    assert_eq!(s.notebook(), &before);
    assert!(!s.can_undo());
}

#[test]
fn duplicate_gets_a_fresh_table_and_move_runs_nothing() {
    let mut s = session();
    let ran = s
        .apply(Edit::Duplicate {
            id: "B".into(),
            new_id: "B2".into(),
        })
        .expect("duplicates");
    assert_eq!(ran, ["B2"]);
    assert_eq!(s.notebook().cells[2].spec.output(), Some("totals_2"));
    assert!(s.table("totals_2").is_some());
    assert_eq!(
        s.apply(Edit::Move {
            id: "D".into(),
            to: 0
        })
        .expect("moves"),
        Vec::<String>::new()
    );
    assert_eq!(s.notebook().cells[0].id, "D");
    assert_eq!(s.run_cell("A").expect("runs"), ["A", "B", "B2", "C"]);
}

#[test]
fn cycles_and_sql_errors_stay_in_their_cells() {
    let mut s = session();
    s.apply(Edit::Insert {
        index: 9,
        cell: sql("P", "p", "select * from q"),
    })
    .expect("ok");
    s.apply(Edit::Insert {
        index: 9,
        cell: sql("Q", "q", "select * from p"),
    })
    .expect("ok");
    let cycle = Some(CellError::Cycle {
        cells: vec!["P".into(), "Q".into()],
    });
    assert_eq!(state(&s, "P").1, cycle);
    assert_eq!(state(&s, "Q").1, cycle);
    s.apply(Edit::Update {
        cell: sql("C", "top", "select nope from totals"),
    })
    .expect("ok");
    let Some(CellError::Sql { message, .. }) = state(&s, "C").1 else {
        panic!("sql error")
    };
    assert!(message.contains("nope"), "{message}");
    s.apply(Edit::Update {
        cell: sql("C", "top", "select * from totals where"),
    })
    .expect("ok");
    assert!(matches!(
        state(&s, "C").1,
        Some(CellError::Sql {
            line: Some(1),
            column: Some(_),
            ..
        })
    ));
    // The rest of the notebook still works.
    assert_eq!(s.status("B").expect("B").state, CellState::UpToDate);
}

#[test]
fn attaching_other_data_reports_the_mismatch_and_still_runs() {
    let mut s = session();
    let original = s.manifest().to_vec();
    // Same columns, other values.
    let (m, ran) = s
        .attach_data(
            "orders.csv",
            Arc::from(&b"id,customer,amount\n1,10,1.5\n"[..]),
        )
        .expect("attaches");
    assert!(matches!(m, Some(DataMismatch::Content { .. })), "{m:?}");
    assert_eq!(ran, ["A", "B", "C"]);
    assert_ne!(s.manifest()[0].sha256, original[0].sha256);

    // Reopen with the original manifest and give a file with other columns.
    s.open(chain(), original);
    let (m, _) = s
        .attach_data(
            "orders.csv",
            Arc::from(&b"id,customer,amount,extra\n1,10,x,1\n"[..]),
        )
        .expect("attaches");
    assert_eq!(
        m,
        Some(DataMismatch::Schema {
            missing: vec![],
            added: vec!["extra".into()],
            retyped: vec![("amount".into(), ColumnType::Float, ColumnType::Text)],
        })
    );
    // B still runs (and fails in SQL on a text sum, or not): the cells ran either way.
    assert_eq!(s.status("A").expect("A").state, CellState::UpToDate);
}

#[test]
fn open_keeps_data_still_in_the_manifest() {
    let mut s = session();
    let manifest = s.manifest().to_vec();
    let ran = s.open(chain(), manifest);
    assert_eq!(ran, ["A", "B", "C", "D"]);
    assert!(
        s.statuses()
            .iter()
            .all(|st| st.state == CellState::UpToDate)
    );
    s.open(chain(), Vec::new());
    assert_eq!(s.raw_data().count(), 0);
    assert!(matches!(
        state(&s, "A").1,
        Some(CellError::MissingData { .. })
    ));
}

#[test]
fn progress_and_clock_are_the_callers() {
    let mut s = Session::default();
    let heard = Rc::new(RefCell::new(Vec::new()));
    let h = Rc::clone(&heard);
    s.set_progress(Box::new(move |id, stage, f| {
        h.borrow_mut().push((id.to_owned(), stage, f))
    }));
    let t = Rc::new(RefCell::new(0.0));
    let tc = Rc::clone(&t);
    s.set_clock(Box::new(move || {
        *tc.borrow_mut() += 5.0;
        *tc.borrow()
    }));
    s.open(chain(), Vec::new());
    s.attach_data("orders.csv", Arc::from(ORDERS.as_bytes()))
        .expect("attaches");
    let heard = heard.borrow();
    assert!(!heard.is_empty());
    assert!(
        heard
            .iter()
            .all(|(id, _, f)| id == "A" && (0.0..=1.0).contains(f))
    );
    assert_eq!(s.status("B").expect("B").run_ms, Some(5.0));
}

#[test]
fn markdown_output_is_sanitised_html() {
    let mut s = Session::default();
    s.open(
        Notebook {
            title: String::new(),
            cells: vec![md("M", "# Hi <script>alert(1)</script>")],
        },
        Vec::new(),
    );
    let Some(CellOutput::Html { html }) = s.status("M").expect("M").output else {
        panic!("html")
    };
    assert!(html.contains("<h1>") && !html.contains("script"), "{html}");
}

const CUSTOMERS: &str = "customer,name\n10,Kim\n30,Lee\n";

fn clean_and_check() -> Session {
    use quire_protocol::clean::{Keep, Step, StepOp};
    use quire_protocol::quality::Check;
    let notebook = Notebook {
        title: "etl".into(),
        cells: vec![
            data("A", "orders", "orders.csv"),
            data("K", "customers", "customers.csv"),
            cell(
                "C",
                CellSpec::Clean(kinds::Clean {
                    input: "orders".into(),
                    table: "clean_orders".into(),
                    steps: vec![
                        Step::new(StepOp::Dedup {
                            columns: vec!["customer".into()],
                            keep: Keep::First,
                        }),
                        Step::new(StepOp::Derive {
                            name: "double".into(),
                            expression: "amount * 2".into(),
                        }),
                    ],
                }),
            ),
            cell(
                "Q",
                CellSpec::Quality(kinds::Quality {
                    input: "clean_orders".into(),
                    checks: vec![
                        Check::Unique {
                            columns: vec!["customer".into()],
                        },
                        Check::Referential {
                            column: "customer".into(),
                            other_table: "customers".into(),
                            other_column: "customer".into(),
                        },
                    ],
                }),
            ),
        ],
    };
    let mut s = Session::default();
    s.open(notebook, Vec::new());
    s.attach_data("orders.csv", Arc::from(ORDERS.as_bytes()))
        .expect("attaches");
    s.attach_data("customers.csv", Arc::from(CUSTOMERS.as_bytes()))
        .expect("attaches");
    s
}

#[test]
fn clean_and_quality_cells_run_in_the_graph() {
    let s = clean_and_check();
    let clean = s.status("C").expect("C");
    assert_eq!(clean.state, CellState::UpToDate, "{:?}", clean.error);
    match clean.output {
        Some(CellOutput::Cleaned { rows, ledger, .. }) => {
            assert_eq!(rows, 2);
            assert_eq!(ledger[0].dropped(), 1);
            assert_eq!(ledger[1].added, ["double"]);
        }
        other => panic!("expected a cleaned table, got {other:?}"),
    }
    assert_eq!(s.table("clean_orders").map(DataFrame::height), Some(2));
    let quality = s.status("Q").expect("Q");
    let output = quality.output.expect("checks ran");
    let CellOutput::Checks { results, .. } = &output else {
        panic!("expected checks, got {output:?}");
    };
    assert!(results[0].passed(), "customers are unique after dedup");
    // Customer 20 is not in the customers table.
    assert!(!results[1].passed());
    assert_eq!(results[1].failing, 1);
    assert_eq!(output.failed_checks(), 1);
    assert_eq!(results[1].sample.len(), 1);
}

#[test]
fn editing_the_customers_table_reruns_the_quality_cell() {
    let mut s = clean_and_check();
    let ran = s
        .attach_data(
            "customers.csv",
            Arc::from("customer,name\n10,Kim\n20,Park\n".as_bytes()),
        )
        .expect("attaches")
        .1;
    assert_eq!(ran, ["K", "Q"]);
    let output = s.status("Q").and_then(|st| st.output).expect("ran");
    assert_eq!(output.failed_checks(), 0);
}

#[test]
fn a_broken_step_is_an_error_of_its_cell_and_downstream() {
    use quire_protocol::clean::{Step, StepOp};
    let mut s = clean_and_check();
    let mut cell = s.notebook().cells[2].clone();
    let CellSpec::Clean(kinds::Clean { steps, .. }) = &mut cell.spec else {
        panic!("clean cell");
    };
    steps.push(Step::new(StepOp::Drop {
        columns: vec!["nope".into()],
    }));
    s.apply(Edit::Update { cell }).expect("applies");
    assert!(matches!(
        state(&s, "C"),
        (CellState::Error, Some(CellError::Step { step: 2, .. }))
    ));
    assert!(matches!(
        state(&s, "Q"),
        (CellState::Error, Some(CellError::Upstream { .. }))
    ));
}

#[test]
fn profile_and_export_any_table() {
    let s = clean_and_check();
    let profile = s.profile("clean_orders").expect("profiles");
    assert_eq!(profile.rows, 2);
    assert_eq!(profile.columns.len(), 4);
    let csv = s
        .export(
            "clean_orders",
            quire_protocol::message::ExportFormat::Csv {
                bom: true,
                safe: true,
            },
        )
        .expect("exports");
    assert!(csv.starts_with(crate::export::BOM));
    let text = String::from_utf8(csv[3..].to_vec()).expect("utf-8");
    assert_eq!(text.lines().next(), Some("id,customer,amount,double"));
    assert_eq!(text.lines().count(), 3);
    assert!(matches!(
        s.profile("nope"),
        Err(EngineError::UnknownTable(_))
    ));
}

/// The ETL flow of the browser test, natively: raw orders → clean → join → checks. The
/// numbers are worked out by hand from the rows in tests/fixtures/csv/make.py.
#[test]
fn raw_orders_clean_join_and_check() {
    use quire_protocol::clean::{
        Example, Fill, Keep, NullRows, OutlierAction, OutlierRule, Step, StepOp,
    };
    use quire_protocol::quality::Check;
    let fixture = |name: &str| -> Arc<[u8]> {
        let path = format!(
            "{}/../../tests/fixtures/csv/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        Arc::from(std::fs::read(path).expect("fixture"))
    };
    let steps = vec![
        StepOp::Dedup {
            columns: vec![],
            keep: Keep::First,
        },
        StepOp::Cast {
            column: "amount".into(),
            to: ColumnType::Float,
        },
        StepOp::ParseDate {
            column: "order_date".into(),
            formats: vec!["%Y-%m-%d".into(), "%m/%d/%Y".into()],
            datetime: false,
        },
        StepOp::Case {
            columns: vec!["city".into()],
            case: quire_protocol::clean::TextCase::Title,
        },
        StepOp::FillNull {
            column: "amount".into(),
            fill: Fill::Median,
        },
        StepOp::Outliers {
            column: "amount".into(),
            rule: OutlierRule::Iqr { k: 1.5 },
            action: OutlierAction::Drop,
        },
        StepOp::DropNulls {
            columns: vec!["city".into()],
            how: NullRows::Any,
        },
    ];
    let notebook = Notebook {
        title: "etl".into(),
        cells: vec![
            data("A", "raw_orders", "raw_orders.csv"),
            data("B", "customers", "customers.csv"),
            cell(
                "C",
                CellSpec::Clean(kinds::Clean {
                    input: "raw_orders".into(),
                    table: "orders_clean".into(),
                    steps: steps.into_iter().map(Step::new).collect(),
                }),
            ),
            sql(
                "D",
                "by_segment",
                "SELECT c.segment, count(*) AS orders, sum(o.amount) AS revenue \
                 FROM orders_clean o JOIN customers c ON o.customer_id = c.customer_id \
                 GROUP BY c.segment ORDER BY c.segment",
            ),
            cell(
                "E",
                CellSpec::Quality(kinds::Quality {
                    input: "orders_clean".into(),
                    checks: vec![
                        Check::NotNull {
                            column: "amount".into(),
                        },
                        Check::Unique {
                            columns: vec!["order_id".into()],
                        },
                        Check::Referential {
                            column: "customer_id".into(),
                            other_table: "customers".into(),
                            other_column: "customer_id".into(),
                        },
                        Check::Fresh {
                            column: "order_date".into(),
                            days: 7,
                            reference: "2024-03-10".into(),
                        },
                    ],
                }),
            ),
        ],
    };
    let mut s = Session::default();
    s.open(notebook, Vec::new());
    s.attach_data("raw_orders.csv", fixture("raw_orders.csv"))
        .expect("attaches");
    s.attach_data("customers.csv", fixture("customers.csv"))
        .expect("attaches");
    let st = s.status("C").expect("C");
    let Some(CellOutput::Cleaned { rows, ledger, .. }) = st.output else {
        panic!("clean failed: {:?}", st.error);
    };
    let summary: Vec<(u64, u64)> = ledger.iter().map(|l| (l.rows_in, l.rows_out)).collect();
    assert_eq!(
        summary,
        [
            (12, 10),
            (10, 10),
            (10, 10),
            (10, 10),
            (10, 10),
            (10, 9),
            (9, 8)
        ]
    );
    assert_eq!(rows, 8);
    let change = |step: usize, column: &str| {
        let c = ledger[step].change(column).cloned().unwrap_or_default();
        (c.changed, c.nulled, c.filled)
    };
    // Reading the file already made "n/a" null; "abc" is the one value that is not a number.
    assert_eq!(change(1, "amount"), (0, 1, 0));
    assert_eq!(
        change(2, "order_date"),
        (3, 1, 0),
        "three US dates, one 'yesterday'"
    );
    // Reading the file trimmed "  busan "; title case changes busan, SEOUL and seoul.
    assert_eq!(change(3, "city"), (3, 0, 0));
    assert_eq!(change(4, "amount"), (0, 0, 3));
    assert_eq!(
        ledger[4].detail,
        Some(quire_protocol::clean::StepNote::FilledWith { value: "18".into() })
    );
    assert!(matches!(
        &ledger[5].examples[..],
        [Example::Dropped { row: 11, .. }]
    ));
    let segments = s.rows("by_segment", 0, 10).expect("rows");
    assert_eq!(
        segments,
        [
            vec![
                quire_protocol::Cell::Text("retail".into()),
                quire_protocol::Cell::Int(5),
                quire_protocol::Cell::Float(101.25)
            ],
            vec![
                quire_protocol::Cell::Text("wholesale".into()),
                quire_protocol::Cell::Int(2),
                quire_protocol::Cell::Float(16.75)
            ],
        ]
    );
    let checks = s.status("E").and_then(|st| st.output).expect("checks");
    let CellOutput::Checks { results, .. } = &checks else {
        panic!("checks");
    };
    let passed: Vec<bool> = results.iter().map(|r| r.passed()).collect();
    assert_eq!(passed, [true, true, false, true]);
    assert_eq!(results[2].failing, 1, "customer 99");
    assert_eq!(results[3].observed.as_deref(), Some("2024-03-08"));
}

mod metrics {
    use quire_protocol::metric::{MetricError, MetricSpec};

    use super::*;

    const ACTIVITY: &[u8] = include_bytes!("../../../../tests/fixtures/csv/activity.csv");

    fn metric(id: &str, spec: MetricSpec) -> Cell {
        cell(id, CellSpec::Metric(kinds::Metric { metric: spec }))
    }

    fn dashboard(id: &str, tiles: &[&str]) -> Cell {
        cell(
            id,
            CellSpec::Dashboard(kinds::Dashboard {
                title: "Weekly".into(),
                tiles: tiles.iter().map(|t| (*t).to_owned()).collect(),
            }),
        )
    }

    fn notebook() -> Session {
        let wau = MetricSpec {
            grain: quire_protocol::metric::Grain::Week,
            ..MetricSpec::new("wau", "activity", "day", "count(distinct user_id)")
        };
        let revenue = MetricSpec {
            grain: quire_protocol::metric::Grain::Week,
            ..MetricSpec::new("revenue", "activity", "day", "sum(amount)")
        };
        let mut s = Session::default();
        s.open(
            Notebook {
                title: "metrics".into(),
                cells: vec![
                    data("load", "activity", "activity.csv"),
                    metric("m1", wau),
                    metric("m2", revenue),
                    dashboard("dash", &["wau", "revenue"]),
                    sql("q", "best", "select * from wau order by value desc limit 1"),
                    cell(
                        "ch",
                        CellSpec::Chart(kinds::Chart {
                            input: "wau".into(),
                            chart: quire_protocol::chart::ChartSpec::new(
                                quire_protocol::chart::ChartKind::Line { step: None },
                                Some("period"),
                                &["value"],
                            ),
                        }),
                    ),
                ],
            },
            Vec::new(),
        );
        s.attach_data("activity.csv", Arc::from(ACTIVITY))
            .expect("attaches");
        s
    }

    fn tiles(s: &Session) -> Vec<quire_protocol::metric::Tile> {
        match s.status("dash").and_then(|st| st.output) {
            Some(CellOutput::Dashboard { tiles }) => tiles,
            other => panic!("no dashboard: {other:?} {:?}", s.status("dash")),
        }
    }

    #[test]
    fn a_dashboard_shows_each_metric_with_its_definition_and_source() {
        let s = notebook();
        let tiles = tiles(&s);
        assert_eq!(tiles.len(), 2);
        assert_eq!(
            (tiles[0].cell.as_str(), tiles[0].spec.name.as_str()),
            ("m1", "wau")
        );
        assert_eq!(tiles[0].source_cell.as_deref(), Some("load"));
        let h = tiles[0].report.headline.as_ref().expect("headline");
        assert_eq!((h.value, h.previous), (4.0, 3.0));
        let h = tiles[1].report.headline.as_ref().expect("headline");
        assert_eq!((h.value, h.previous), (30.0, 36.0));
        assert!(tiles[1].report.sql.contains("sum(amount) AS value"));
        // The metric is a table like any other: SQL reads it by name.
        assert_eq!(s.table("best").expect("table").height(), 1);
        assert_eq!(s.table("wau").expect("table").height(), 2);
    }

    #[test]
    fn renaming_a_metric_updates_its_dashboard_and_flags_sql() {
        let mut s = notebook();
        let mut renamed = s.notebook().cells[1].clone();
        if let CellSpec::Metric(kinds::Metric { metric }) = &mut renamed.spec {
            metric.name = "weekly_users".into();
        }
        s.apply(Edit::Update { cell: renamed }).expect("applies");
        let CellSpec::Dashboard(kinds::Dashboard { tiles: names, .. }) =
            &s.notebook().cells[3].spec
        else {
            panic!("dashboard");
        };
        assert_eq!(names, &["weekly_users", "revenue"]);
        assert_eq!(tiles(&s)[0].spec.name, "weekly_users");
        // A chart of the metric follows the new name and still draws.
        let CellSpec::Chart(kinds::Chart { input, .. }) = &s.notebook().cells[5].spec else {
            panic!("chart");
        };
        assert_eq!(input, "weekly_users");
        assert!(matches!(
            s.status("ch").and_then(|st| st.output),
            Some(CellOutput::Chart { .. })
        ));
        // SQL is not rewritten: it names a table that no longer exists, and says so.
        assert_eq!(
            state(&s, "q"),
            (
                CellState::Error,
                Some(CellError::MissingTable { name: "wau".into() })
            )
        );
        // One undo step puts both back.
        s.undo().expect("undoes");
        let CellSpec::Dashboard(kinds::Dashboard { tiles: names, .. }) =
            &s.notebook().cells[3].spec
        else {
            panic!("dashboard");
        };
        assert_eq!(names, &["wau", "revenue"]);
        assert_eq!(state(&s, "q").0, CellState::UpToDate);
    }

    #[test]
    fn dashboards_refuse_tables_that_are_not_metrics() {
        let mut s = notebook();
        s.apply(Edit::Update {
            cell: dashboard("dash", &["activity"]),
        })
        .expect("applies");
        assert_eq!(
            state(&s, "dash").1,
            Some(CellError::Metric(MetricError::NotAMetric {
                name: "activity".into()
            }))
        );
        s.apply(Edit::Update {
            cell: dashboard("dash", &[]),
        })
        .expect("applies");
        assert_eq!(
            state(&s, "dash").1,
            Some(CellError::Metric(MetricError::NoTiles))
        );
        s.apply(Edit::Update {
            cell: dashboard("dash", &["nope"]),
        })
        .expect("applies");
        assert_eq!(
            state(&s, "dash").1,
            Some(CellError::MissingTable {
                name: "nope".into()
            })
        );
    }

    #[test]
    fn a_saved_notebook_keeps_definitions_not_results() {
        let s = notebook();
        let text = crate::file::write_notebook(s.notebook(), s.manifest());
        assert!(
            text.contains("\"aggregation\": \"count(distinct user_id)\""),
            "{text}"
        );
        for result in ["headline", "\"total\"", "\"as_of\"", "SELECT", "row_count"] {
            assert!(!text.contains(result), "{result} saved: {text}");
        }
    }

    #[test]
    fn an_experiment_compares_a_defined_metric_per_unit() {
        use quire_protocol::experiment::{ExperimentSpec, Metric, MetricKind, Role};
        const ASSIGN: &str = "user_id,variant\nu1,control\nu2,control\nu3,control\nu4,control\nu5,treatment\nu6,treatment\nu7,treatment\nu8,treatment\n";
        // u4 and u8 bought nothing: their revenue is 0 (a sum of nothing).
        const EVENTS: &str = "user_id,day,amount\nu1,2024-01-01,10\nu1,2024-01-03,5\nu2,2024-01-02,7\nu3,2024-01-02,1\nu5,2024-01-01,20\nu6,2024-01-02,12\nu6,2024-01-04,3\nu7,2024-01-04,9\nu9,2024-01-04,100\n";
        let experiment = |kind: MetricKind| {
            let mut spec = ExperimentSpec::new("user_id", "variant", "control");
            spec.metrics = vec![Metric::new(kind, Role::Goal)];
            spec
        };
        let mut s = Session::default();
        s.open(
            Notebook {
                title: "ab".into(),
                cells: vec![
                    data("a", "assignments", "assign.csv"),
                    data("e", "events", "events.csv"),
                    metric("m", MetricSpec::new("revenue", "events", "day", "sum(amount)")),
                    cell(
                        "x",
                        CellSpec::Experiment(kinds::Experiment {
                            input: "assignments".into(),
                            experiment: experiment(MetricKind::Defined {
                                metric: "revenue".into(),
                            }),
                        }),
                    ),
                    sql(
                        "joined",
                        "by_hand",
                        "select a.user_id, a.variant, coalesce(r.revenue, 0) as revenue from assignments a \
                         left join (select user_id, sum(amount) as revenue from events group by user_id) r \
                         on a.user_id = r.user_id",
                    ),
                    cell(
                        "y",
                        CellSpec::Experiment(kinds::Experiment {
                            input: "by_hand".into(),
                            experiment: experiment(MetricKind::Mean {
                                column: "revenue".into(),
                            }),
                        }),
                    ),
                ],
            },
            Vec::new(),
        );
        s.attach_data("assign.csv", Arc::from(ASSIGN.as_bytes()))
            .expect("attaches");
        s.attach_data("events.csv", Arc::from(EVENTS.as_bytes()))
            .expect("attaches");
        fn report(s: &Session, id: &str) -> Box<quire_protocol::experiment::ExperimentReport> {
            match s.status(id).and_then(|st| st.output) {
                Some(CellOutput::Experiment { report }) => report,
                other => panic!("{id}: {other:?} {:?}", s.status(id)),
            }
        }
        let (defined, by_hand) = (report(&s, "x"), report(&s, "y"));
        let (d, h) = (&defined.results[0], &by_hand.results[0]);
        assert_eq!(d.metric, "revenue");
        assert_eq!(d.control_stats.mean, (15.0 + 7.0 + 1.0 + 0.0) / 4.0);
        assert_eq!(d.treatment_stats.mean, (20.0 + 15.0 + 9.0 + 0.0) / 4.0);
        assert_eq!((d.control_stats.n, d.treatment_stats.n), (4, 4));
        // The same figures as the join written by hand.
        assert_eq!((d.t, d.df, d.p), (h.t, h.df, h.p));
        assert_eq!(d.absolute, h.absolute);

        // Renaming the metric follows into the experiment.
        let mut renamed = s.notebook().cells[2].clone();
        if let CellSpec::Metric(kinds::Metric { metric }) = &mut renamed.spec {
            metric.name = "sales".into();
        }
        s.apply(Edit::Update { cell: renamed }).expect("applies");
        assert_eq!(report(&s, "x").results[0].metric, "sales");

        // A metric whose source has no unit column, and a name no Metric cell defines.
        let mut other = s.notebook().cells[3].clone();
        if let CellSpec::Experiment(kinds::Experiment { experiment, .. }) = &mut other.spec {
            experiment.metrics[0].kind = MetricKind::Defined {
                metric: "nothing".into(),
            };
        }
        s.apply(Edit::Update { cell: other }).expect("applies");
        assert_eq!(
            state(&s, "x").1,
            Some(CellError::MissingTable {
                name: "nothing".into()
            })
        );
    }

    /// The metric cell `id`'s definition, changed by `f`, as an edit.
    fn edit_metric(s: &Session, id: &str, f: impl Fn(&mut MetricSpec)) -> Edit {
        let mut cell = s
            .notebook()
            .cells
            .iter()
            .find(|c| c.id == id)
            .expect("cell")
            .clone();
        if let CellSpec::Metric(kinds::Metric { metric }) = &mut cell.spec {
            f(metric);
        }
        Edit::Update { cell }
    }

    fn spec_of<'a>(s: &'a Session, id: &str) -> &'a CellSpec {
        &s.notebook()
            .cells
            .iter()
            .find(|c| c.id == id)
            .expect("cell")
            .spec
    }

    fn dashboard_names(s: &Session) -> Vec<String> {
        match spec_of(s, "dash") {
            CellSpec::Dashboard(kinds::Dashboard { tiles, .. }) => tiles.clone(),
            other => panic!("dashboard: {other:?}"),
        }
    }

    #[test]
    fn clearing_a_metric_name_keeps_its_references() {
        let mut s = notebook();
        s.apply(edit_metric(&s, "m1", |m| m.name = "  ".into()))
            .expect("applies");
        // Nothing now points at "": the dashboard and chart still name wau, and say it is gone.
        assert_eq!(dashboard_names(&s), ["wau", "revenue"]);
        let CellSpec::Chart(kinds::Chart { input, .. }) = spec_of(&s, "ch") else {
            panic!("chart");
        };
        assert_eq!(input, "wau");
        assert_eq!(
            state(&s, "ch").1,
            Some(CellError::MissingTable { name: "wau".into() })
        );
        // Naming it again brings everything back without another edit elsewhere.
        s.apply(edit_metric(&s, "m1", |m| m.name = "wau".into()))
            .expect("applies");
        assert_eq!(tiles(&s).len(), 2);
        assert_eq!(state(&s, "ch").0, CellState::UpToDate);
    }

    #[test]
    fn renaming_onto_a_name_already_taken_does_not_merge() {
        let mut s = notebook();
        s.apply(edit_metric(&s, "m1", |m| m.name = "revenue".into()))
            .expect("applies");
        // The references stay on wau: moving them would have made the dashboard show the
        // other metric twice, silently.
        assert_eq!(dashboard_names(&s), ["wau", "revenue"]);
        let dup = CellError::DuplicateName {
            name: "revenue".into(),
            cells: vec!["m1".into(), "m2".into()],
        };
        assert_eq!(state(&s, "m1").1, Some(dup.clone()));
        assert_eq!(state(&s, "m2").1, Some(dup));
        let CellSpec::Chart(kinds::Chart { input, .. }) = spec_of(&s, "ch") else {
            panic!("chart");
        };
        assert_eq!(input, "wau");
        // One undo, and all is as before.
        s.undo().expect("undoes");
        assert_eq!(tiles(&s).len(), 2);
    }

    #[test]
    fn renaming_follows_into_checks_cleans_and_metrics_of_metrics() {
        use quire_protocol::clean::{Step, StepOp};
        use quire_protocol::quality::Check;
        let mut s = notebook();
        let weekly_dau = MetricSpec {
            grain: quire_protocol::metric::Grain::Week,
            ..MetricSpec::new("weekly_dau", "dau", "period", "avg(value)")
        };
        for (index, c) in [
            metric(
                "m3",
                MetricSpec::new("dau", "activity", "day", "count(distinct user_id)"),
            ),
            // A metric of a metric: its time column is the other's period.
            metric("m4", weekly_dau),
            cell(
                "clean",
                CellSpec::Clean(kinds::Clean {
                    input: "dau".into(),
                    table: "busy_days".into(),
                    steps: vec![Step::new(StepOp::Filter {
                        predicate: "value > 0".into(),
                    })],
                }),
            ),
            cell(
                "checks",
                CellSpec::Quality(kinds::Quality {
                    input: "activity".into(),
                    checks: vec![Check::Referential {
                        column: "day".into(),
                        other_table: "dau".into(),
                        other_column: "period".into(),
                    }],
                }),
            ),
        ]
        .into_iter()
        .enumerate()
        {
            s.apply(Edit::Insert {
                index: 6 + index,
                cell: c,
            })
            .expect("inserts");
        }
        let weekly = |s: &Session| match s.status("m4").and_then(|st| st.output) {
            Some(CellOutput::Metric { report, .. }) => {
                report.total.iter().map(|p| p.value).collect::<Vec<_>>()
            }
            other => panic!("m4: {other:?} {:?}", s.status("m4")),
        };
        // DAU 1,2,0,0,1,0,0 and 1,2,0,0,0,0,1 (make.py): four user-days each week.
        assert_eq!(weekly(&s), [Some(4.0 / 7.0), Some(4.0 / 7.0)]);
        assert_eq!(s.table("busy_days").expect("table").height(), 6);
        assert_eq!(state(&s, "checks").0, CellState::UpToDate);

        s.apply(edit_metric(&s, "m3", |m| m.name = "daily_users".into()))
            .expect("applies");
        let CellSpec::Metric(kinds::Metric { metric }) = spec_of(&s, "m4") else {
            panic!("metric");
        };
        assert_eq!(metric.table, "daily_users");
        let CellSpec::Clean(kinds::Clean { input, .. }) = spec_of(&s, "clean") else {
            panic!("clean");
        };
        assert_eq!(input, "daily_users");
        let CellSpec::Quality(kinds::Quality { checks, .. }) = spec_of(&s, "checks") else {
            panic!("quality");
        };
        assert!(matches!(
            &checks[0],
            Check::Referential { other_table, .. } if other_table == "daily_users"
        ));
        // All of them still run, on the renamed table.
        assert_eq!(weekly(&s), [Some(4.0 / 7.0), Some(4.0 / 7.0)]);
        assert_eq!(s.table("busy_days").expect("table").height(), 6);
        for id in ["m4", "clean", "checks"] {
            assert_eq!(state(&s, id), (CellState::UpToDate, None), "{id}");
        }
    }

    /// The SQL a Metric cell shows is self-contained: pasted into an SQL cell, it gives the
    /// metric's values period by period (the metric adds the periods without rows).
    #[test]
    fn a_metric_s_sql_pasted_into_an_sql_cell_gives_its_values() {
        use quire_protocol::metric::Grain;
        let mut s = notebook();
        let report = |s: &Session, id: &str| match s.status(id).and_then(|st| st.output) {
            Some(CellOutput::Metric { report, .. }) => report,
            other => panic!("{id}: {other:?}"),
        };
        for (i, (grain, aggregation, filters)) in [
            (Grain::Day, "count(distinct user_id)", vec![]),
            (Grain::Week, "sum(amount) / count(distinct user_id)", vec![]),
            (
                Grain::Month,
                "sum(amount)",
                vec!["country = 'KR'".to_owned()],
            ),
            (Grain::Quarter, "avg(amount)", vec![]),
        ]
        .into_iter()
        .enumerate()
        {
            let id = format!("p{i}");
            let spec = MetricSpec {
                grain,
                filters,
                ..MetricSpec::new(&format!("pasted_{i}"), "activity", "day", aggregation)
            };
            s.apply(Edit::Insert {
                index: 0,
                cell: metric(&id, spec),
            })
            .expect("inserts");
            let shown = report(&s, &id);
            s.apply(Edit::Insert {
                index: 10,
                cell: sql(&format!("q{i}"), &format!("by_hand_{i}"), &shown.sql),
            })
            .expect("inserts");
            assert_eq!(state(&s, &format!("q{i}")), (CellState::UpToDate, None));
            let table = s
                .table(&format!("by_hand_{i}"))
                .expect("the SQL cell's table");
            let periods = table
                .column("period")
                .expect("period")
                .cast(&polars::prelude::DataType::Int32)
                .expect("days");
            let periods = periods.i32().expect("i32");
            let values = table
                .column("value")
                .expect("value")
                .cast(&polars::prelude::DataType::Float64)
                .expect("f64");
            let values = values.f64().expect("f64");
            let rows = table
                .column("row_count")
                .expect("rows")
                .cast(&polars::prelude::DataType::UInt64)
                .expect("u64");
            let rows = rows.u64().expect("u64");
            assert!(table.height() > 0);
            for ((period, value), rows) in periods.into_iter().zip(values).zip(rows) {
                let start = i64::from(period.expect("a period"));
                let point = shown
                    .total
                    .iter()
                    .find(|p| p.start == start)
                    .unwrap_or_else(|| panic!("{grain:?}: no period {start}"));
                assert_eq!(point.value, value, "{grain:?} {start}");
                assert_eq!(Some(point.rows), rows, "{grain:?} {start}");
            }
            // The metric's other periods are the ones without rows.
            let listed = shown.total.iter().filter(|p| p.rows > 0).count();
            assert_eq!(listed, table.height(), "{grain:?}");
        }
    }
}

#[test]
fn a_result_with_a_non_finite_number_stays_in_its_cell() {
    use quire_protocol::chart::{ChartData, Interval};
    let fine = CellOutput::Chart {
        data: ChartData::Intervals {
            items: vec![Interval {
                label: "a".into(),
                estimate: 1.0,
                low: 0.5,
                high: 1.5,
            }],
            omitted: Default::default(),
        },
    };
    assert!(crosses_json(&fine));
    let broken = CellOutput::Chart {
        data: ChartData::Intervals {
            items: vec![Interval {
                label: "a".into(),
                estimate: f64::NAN,
                low: 0.5,
                high: f64::INFINITY,
            }],
            omitted: Default::default(),
        },
    };
    assert!(
        !crosses_json(&broken),
        "NaN and ∞ become null, which an f64 cannot read"
    );
}
