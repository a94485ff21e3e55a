//! Questions the page asks of the notebook it shows, and what a new cell starts with: plain
//! functions of a [`NotebookView`], so native tests reach them. Components call these with the
//! view they read; none of this knows the DOM.

use quire_protocol::chart::{ChartKind, ChartSpec};
use quire_protocol::experiment::{ExperimentSpec, PlanMetric, PlanSpec};
use quire_protocol::metric::MetricSpec;
use quire_protocol::model::{Method, ModelSpec};
use quire_protocol::{CellId, CellKind, CellOutput, CellSpec, ColumnType, NotebookView, kinds};

/// The columns of table `name` with their types, from the cell that made it.
pub fn typed_columns(view: &NotebookView, name: &str) -> Vec<(String, ColumnType)> {
    view.statuses
        .iter()
        .filter_map(|s| s.output.as_ref().and_then(CellOutput::table))
        .find(|(t, _, _)| *t == name)
        .map(|(_, _, columns)| columns.iter().map(|c| (c.name.clone(), c.dtype)).collect())
        .unwrap_or_default()
}

/// The names of the notebook's metrics, in order.
pub fn metric_names(view: &NotebookView) -> Vec<String> {
    view.notebook
        .cells
        .iter()
        .filter_map(|c| match &c.spec {
            CellSpec::Metric(kinds::Metric { metric }) => Some(metric.name.clone()),
            _ => None,
        })
        .collect()
}

/// The notebook's failed checks, for the summary at its top: (cell, the table checked, how
/// many failed). An experiment's failed checks name the table it reads.
pub fn failing_checks(view: &NotebookView) -> Vec<(CellId, String, usize)> {
    view.statuses
        .iter()
        .filter_map(|s| {
            let output = s.output.as_ref()?;
            let failed = output.failed_checks();
            if failed == 0 {
                return None;
            }
            let table = match output {
                CellOutput::Checks { table, .. } => table.clone(),
                CellOutput::Experiment { .. } => {
                    let cell = view.notebook.cells.iter().find(|c| c.id == s.id)?;
                    match &cell.spec {
                        CellSpec::Experiment(kinds::Experiment { input, .. }) => input.clone(),
                        _ => return None,
                    }
                }
                _ => return None,
            };
            Some((s.id.clone(), table, failed))
        })
        .collect()
}

/// The next free `resultN` table name.
fn fresh_table(taken: &[String]) -> String {
    (1..)
        .map(|n| format!("result{n}"))
        .find(|n| !taken.contains(n))
        .unwrap_or_default()
}

/// `metric1`, `metric2`… the first not taken.
fn fresh_metric(taken: &[String]) -> String {
    (1..)
        .map(|n| format!("metric{n}"))
        .find(|n| !taken.contains(n))
        .unwrap_or_default()
}

/// `orders_clean` (or `orders_predictions`…), or `orders_clean_2`… if taken; `clean` when
/// there is no input.
fn fresh_after(input: &str, suffix: &str, taken: &[String]) -> String {
    let base = if input.is_empty() {
        suffix.to_owned()
    } else {
        format!("{input}_{suffix}")
    };
    std::iter::once(base.clone())
        .chain((2..).map(|n| format!("{base}_{n}")))
        .find(|n| !taken.contains(n))
        .unwrap_or(base)
}

/// What a new cell of `kind` starts with in this notebook: new cleaning, checks, charts,
/// tests and models read the latest table; names never collide with a table already made.
pub fn new_spec(kind: CellKind, view: &NotebookView) -> CellSpec {
    let taken: Vec<String> = view
        .notebook
        .cells
        .iter()
        .filter_map(|c| c.spec.output().map(str::to_owned))
        .collect();
    let last = taken.last().cloned().unwrap_or_default();
    match kind {
        CellKind::Markdown => CellSpec::Markdown(kinds::Markdown::default()),
        CellKind::Clean => CellSpec::Clean(kinds::Clean {
            table: fresh_after(&last, "clean", &taken),
            input: last,
            steps: Vec::new(),
        }),
        CellKind::Quality => CellSpec::Quality(kinds::Quality {
            input: last,
            checks: Vec::new(),
        }),
        CellKind::Chart => CellSpec::Chart(kinds::Chart {
            input: last,
            chart: ChartSpec::new(ChartKind::Line { step: None }, None, &[]),
        }),
        CellKind::Experiment => CellSpec::Experiment(kinds::Experiment {
            input: last,
            experiment: ExperimentSpec::new("", "", "control"),
        }),
        CellKind::Plan => CellSpec::Plan(kinds::Plan {
            plan: PlanSpec {
                daily_traffic: Some(10_000),
                ..PlanSpec::new(PlanMetric::Proportion { baseline: 0.1 }, 0.05)
            },
        }),
        CellKind::Metric => {
            // A new metric counts the rows of the latest table (not another metric's) by its
            // first date column.
            let source = view
                .notebook
                .cells
                .iter()
                .rev()
                .find_map(|c| match &c.spec {
                    CellSpec::Metric(_) => None,
                    spec => spec.output().map(str::to_owned),
                })
                .unwrap_or_default();
            let time = typed_columns(view, &source)
                .into_iter()
                .find(|(_, t)| matches!(t, ColumnType::Date | ColumnType::Datetime))
                .map(|(n, _)| n)
                .unwrap_or_default();
            CellSpec::Metric(kinds::Metric {
                metric: MetricSpec::new(&fresh_metric(&taken), &source, &time, "count(*)"),
            })
        }
        CellKind::Dashboard => CellSpec::Dashboard(kinds::Dashboard {
            title: String::new(),
            tiles: metric_names(view),
        }),
        CellKind::Model => CellSpec::Model(kinds::Model {
            input: last.clone(),
            model: ModelSpec::new(
                &fresh_after(&last, "predictions", &taken),
                Method::Linear,
                "",
                &[],
            ),
        }),
        CellKind::Sql | CellKind::Data => CellSpec::Sql(kinds::Sql {
            table: fresh_table(&taken),
            query: String::new(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use quire_protocol::notebook::Cell;
    use quire_protocol::{CellState, CellStatus, ColumnSchema, ViewUpdate};

    use super::*;

    /// A view of these cells, each data or SQL cell's table holding `columns`.
    fn view(specs: Vec<CellSpec>, columns: &[(&str, ColumnType)]) -> NotebookView {
        let cells: Vec<Cell> = specs
            .into_iter()
            .enumerate()
            .map(|(i, spec)| Cell {
                id: format!("c{i}"),
                collapsed: false,
                spec,
            })
            .collect();
        let statuses = cells
            .iter()
            .map(|c| CellStatus {
                id: c.id.clone(),
                state: CellState::UpToDate,
                error: None,
                run_ms: None,
                output: c.spec.output().map(|name| CellOutput::Table {
                    name: name.to_owned(),
                    rows: 3,
                    columns: columns
                        .iter()
                        .map(|(n, t)| ColumnSchema {
                            name: (*n).to_owned(),
                            dtype: *t,
                            nulls: 0,
                        })
                        .collect(),
                }),
            })
            .collect();
        NotebookView::from_update(ViewUpdate {
            full: true,
            order: cells.iter().map(|c| c.id.clone()).collect(),
            cells,
            statuses,
            ..ViewUpdate::default()
        })
    }

    fn sql(table: &str) -> CellSpec {
        CellSpec::Sql(kinds::Sql {
            table: table.into(),
            query: "select 1".into(),
        })
    }

    #[test]
    fn new_cells_read_the_latest_table_under_names_not_taken() {
        let v = view(vec![sql("orders"), sql("orders_clean")], &[]);
        let CellSpec::Clean(clean) = new_spec(CellKind::Clean, &v) else {
            panic!("a clean cell");
        };
        assert_eq!(
            (clean.input.as_str(), clean.table.as_str()),
            ("orders_clean", "orders_clean_clean")
        );
        let v = view(vec![sql("result1"), sql("orders")], &[]);
        let CellSpec::Sql(q) = new_spec(CellKind::Sql, &v) else {
            panic!("an SQL cell");
        };
        assert_eq!(q.table, "result2");
        let empty = view(Vec::new(), &[]);
        let CellSpec::Clean(clean) = new_spec(CellKind::Clean, &empty) else {
            panic!("a clean cell");
        };
        assert_eq!((clean.input.as_str(), clean.table.as_str()), ("", "clean"));
    }

    #[test]
    fn a_new_metric_counts_the_latest_table_by_its_first_date() {
        let metric = CellSpec::Metric(kinds::Metric {
            metric: MetricSpec::new("metric1", "orders", "day", "count(*)"),
        });
        let v = view(
            vec![sql("orders"), metric],
            &[("id", ColumnType::Integer), ("day", ColumnType::Date)],
        );
        let CellSpec::Metric(m) = new_spec(CellKind::Metric, &v) else {
            panic!("a metric cell");
        };
        assert_eq!(
            (
                m.metric.name.as_str(),
                m.metric.table.as_str(),
                m.metric.time.as_str()
            ),
            ("metric2", "orders", "day")
        );
        let CellSpec::Dashboard(d) = new_spec(CellKind::Dashboard, &v) else {
            panic!("a dashboard");
        };
        assert_eq!(d.tiles, ["metric1"]);
        assert_eq!(metric_names(&v), ["metric1"]);
        assert_eq!(
            typed_columns(&v, "orders"),
            [
                ("id".to_owned(), ColumnType::Integer),
                ("day".to_owned(), ColumnType::Date)
            ]
        );
        assert!(typed_columns(&v, "nowhere").is_empty());
    }

    #[test]
    fn no_failed_checks_means_no_summary() {
        let v = view(vec![sql("orders")], &[]);
        assert!(failing_checks(&v).is_empty());
    }
}
