//! SQL cells: which tables a query reads (for the graph) and running it on polars.
//!
//! Queries are parsed with the very `sqlparser` (and dialect and options) that polars-sql 0.51
//! uses, so what the graph sees is what polars will run. A cell holds exactly one `SELECT`
//! query (`WITH …`, `UNION`, joins, windows, …); statements that would change other tables
//! (`CREATE TABLE`, `DROP`, …) are refused, since a cell's only effect is its own table.
//! Ranking and offset window functions, which polars 0.51 lacks, are added by [`window`].

mod window;

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::ops::ControlFlow;
use std::sync::Arc;

use super::{Kind, Ran, Reads, Run};
use crate::cells::schema_of;
use polars::prelude::{DataFrame, IntoLazy};
use polars::sql::SQLContext;
use quire_protocol::kinds;
use quire_protocol::notebook::CellError;
use quire_protocol::notebook::CellOutput;
use sqlparser::ast::{Query, Statement, TableFactor, Visit, Visitor};
use sqlparser::dialect::GenericDialect;
use sqlparser::parser::{Parser, ParserOptions};

/// The tables a query reads, in order of first mention, without the names of its CTEs;
/// or a [`CellError::Sql`] when the text is not one query.
pub fn table_references(query: &str) -> Result<Vec<String>, CellError> {
    check_depth(query)?;
    let statements = Parser::new(&GenericDialect)
        .with_options(ParserOptions {
            trailing_commas: true,
            ..Default::default()
        })
        .try_with_sql(query)
        .and_then(|mut p| p.parse_statements())
        .map_err(|e| sql_error_in(query, &e.to_string()))?;
    let statement = match statements.as_slice() {
        [one] => one,
        [] => return Err(plain_sql_error("the cell holds no query")),
        _ => {
            return Err(plain_sql_error(
                "a SQL cell holds one query; remove the statements after the first `;`",
            ));
        }
    };
    if !matches!(statement, Statement::Query(_)) {
        return Err(plain_sql_error(
            "a SQL cell holds one query (SELECT, WITH …); it cannot create, change or drop tables",
        ));
    }
    let mut refs = References::default();
    let _ = statement.visit(&mut refs);
    Ok(refs
        .tables
        .into_iter()
        .filter(|t| !refs.ctes.contains(t))
        .collect())
}

#[derive(Default)]
struct References {
    tables: Vec<String>,
    ctes: BTreeSet<String>,
}

impl Visitor for References {
    type Break = ();

    fn pre_visit_query(&mut self, query: &Query) -> ControlFlow<()> {
        if let Some(with) = &query.with {
            for cte in &with.cte_tables {
                self.ctes.insert(cte.alias.name.value.clone());
            }
        }
        ControlFlow::Continue(())
    }

    fn pre_visit_table_factor(&mut self, factor: &TableFactor) -> ControlFlow<()> {
        // Table functions (`read_csv(…)`) are not tables of the notebook. polars resolves a
        // table by the first part of its name, and so do we.
        if let TableFactor::Table {
            name, args: None, ..
        } = factor
            && let Some(first) = name.0.first()
            && !self.tables.contains(&first.value)
        {
            self.tables.push(first.value.clone());
        }
        ControlFlow::Continue(())
    }
}

/// Runs `query` over `tables` (each registered under its name) and collects the result.
pub fn run(query: &str, tables: &[(&str, &DataFrame)]) -> Result<DataFrame, CellError> {
    check_depth(query)?;
    let first_columns: Vec<(&str, Option<&str>)> = tables
        .iter()
        .map(|(name, frame)| {
            let first = frame.get_column_names().first().map(|c| c.as_str());
            (*name, first)
        })
        .collect();
    let (text, mut ctx) = match window::rewrite(query, &first_columns)? {
        Some((text, windows)) => (
            Cow::Owned(text),
            SQLContext::new().with_function_registry(Arc::new(windows)),
        ),
        None => (Cow::Borrowed(query), SQLContext::new()),
    };
    for (name, frame) in tables {
        ctx.register(name, (*frame).clone().lazy());
    }
    ctx.execute(&text)
        .and_then(|lf| lf.collect())
        .map_err(|e| sql_error_in(query, &e.to_string()))
}

/// The deepest parenthesis nesting a query may have.
pub const MAX_SQL_DEPTH: usize = 32;
/// The most operators (`+`, `=`, `AND`, `||`, …) a query may chain. The parser and polars
/// recurse once per nested term, so a hostile notebook could otherwise overflow the stack.
pub const MAX_SQL_OPERATORS: usize = 128;

/// Refuses, before any parser sees it, a query nested or chained deeper than the limits.
/// Strings, quoted names and comments are skipped.
pub fn check_depth(query: &str) -> Result<(), CellError> {
    let bytes = query.as_bytes();
    let (mut depth, mut deepest, mut operators) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\'' | b'"' | b'`' => {
                let close = bytes
                    .get(i + 1..)
                    .and_then(|rest| rest.iter().position(|&c| c == b))
                    .map_or(bytes.len(), |p| i + 1 + p);
                i = close;
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                i = bytes
                    .get(i..)
                    .and_then(|rest| rest.iter().position(|&c| c == b'\n'))
                    .map_or(bytes.len(), |p| i + p);
            }
            b'(' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b')' => depth = depth.saturating_sub(1),
            b'+' | b'-' | b'*' | b'/' | b'%' | b'=' | b'<' | b'>' | b'|' | b'&' => {
                operators += 1;
            }
            b if b.is_ascii_alphabetic() => {
                let end = bytes
                    .get(i..)
                    .and_then(|rest| {
                        rest.iter()
                            .position(|c| !c.is_ascii_alphanumeric() && *c != b'_')
                    })
                    .map_or(bytes.len(), |p| i + p);
                let word = bytes.get(i..end).unwrap_or_default();
                if word.eq_ignore_ascii_case(b"and") || word.eq_ignore_ascii_case(b"or") {
                    operators += 1;
                }
                i = end.saturating_sub(1);
            }
            _ => {}
        }
        i += 1;
    }
    if deepest > MAX_SQL_DEPTH || operators > MAX_SQL_OPERATORS {
        return Err(plain_sql_error(&format!(
            "the query is too deeply nested ({deepest} levels of parentheses, {operators} operators; at most {MAX_SQL_DEPTH} and {MAX_SQL_OPERATORS})"
        )));
    }
    Ok(())
}

fn plain_sql_error(message: &str) -> CellError {
    CellError::Sql {
        message: message.to_owned(),
        line: None,
        column: None,
    }
}

/// A [`CellError::Sql`] from a parser or polars message, with the position when the message
/// has one (sqlparser writes "… at Line: 1, Column: 15").
pub fn sql_error(message: &str) -> CellError {
    let (line, column) = position(message).map_or((None, None), |(l, c)| (Some(l), Some(c)));
    CellError::Sql {
        message: message.to_owned(),
        line,
        column,
    }
}

/// Like [`sql_error`]; a parser that ran out of text ("found: EOF") gives no position, so
/// the error points just past the end of `query`.
pub fn sql_error_in(query: &str, message: &str) -> CellError {
    match sql_error(message) {
        CellError::Sql {
            message,
            line: None,
            column: None,
        } if message.contains("found: EOF") => {
            let trimmed = query.trim_end();
            let line = trimmed.lines().count().max(1) as u64;
            let last = trimmed.rsplit('\n').next().unwrap_or("");
            CellError::Sql {
                message,
                line: Some(line),
                column: Some(last.chars().count() as u64 + 1),
            }
        }
        other => other,
    }
}

fn position(message: &str) -> Option<(u64, u64)> {
    let after = |key: &str| -> Option<u64> {
        let at = message.rfind(key)? + key.len();
        let digits: String = message
            .get(at..)?
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    };
    Some((after("Line:")?, after("Column:")?))
}

impl Kind for kinds::Sql {
    fn reads(&self, cx: &mut Reads<'_>) -> Result<Vec<String>, CellError> {
        cx.sql_refs
            .entry(self.query.clone())
            .or_insert_with(|| table_references(&self.query))
            .clone()
    }

    fn run(&self, cx: &mut Run<'_>) -> Result<Ran, CellError> {
        let tables: Vec<(&str, &DataFrame)> =
            cx.inputs.iter().map(|(n, f)| (n.as_str(), f)).collect();
        let frame = run(&self.query, &tables)?;
        let output = CellOutput::Table {
            name: cx.name.clone(),
            rows: frame.height() as u64,
            columns: schema_of(&frame),
        };
        Ok(Ran::table(output, frame))
    }

    /// The query stays as the user wrote it: it names the old table and so is flagged
    /// (missing table) until the user changes it.
    fn rename_input(&mut self, _: &str, _: &str) {}
}

#[cfg(test)]
mod tests {
    use polars::prelude::*;

    use super::*;

    fn refs(q: &str) -> Vec<String> {
        table_references(q).expect("parses")
    }

    #[test]
    fn references_exclude_ctes_and_functions() {
        assert_eq!(refs("select * from orders"), ["orders"]);
        assert_eq!(
            refs(
                "with big as (select * from orders where amount > 10), \
                 agg as (select customer, sum(amount) s from big group by customer) \
                 select * from agg join customers c on c.id = agg.customer \
                 where customer in (select id from vip)"
            ),
            ["orders", "customers", "vip"]
        );
        assert_eq!(
            refs("select * from \"my table\" t, 매출"),
            ["my table", "매출"]
        );
        assert_eq!(refs("select 1 as one"), Vec::<String>::new());
        assert_eq!(
            refs("select * from a union all select * from b union all select * from a"),
            ["a", "b"]
        );
    }

    #[test]
    fn non_queries_and_syntax_errors() {
        let err = table_references("select * fro orders").expect_err("bad");
        assert!(
            matches!(err, CellError::Sql { line: Some(1), .. }),
            "{err:?}"
        );
        let err = table_references("SELECT a,\n  FROM t WHERE").expect_err("bad");
        assert!(
            matches!(
                err,
                CellError::Sql {
                    line: Some(2),
                    column: Some(_),
                    ..
                }
            ),
            "{err:?}"
        );
        for q in [
            "",
            "drop table orders",
            "create table x as select 1",
            "select 1; select 2",
        ] {
            assert!(
                matches!(table_references(q), Err(CellError::Sql { .. })),
                "{q}"
            );
        }
    }

    fn frames() -> (DataFrame, DataFrame) {
        let orders = df! {
            "id" => [1i64, 2, 3, 4, 5],
            "customer" => [10i64, 10, 20, 30, 20],
            "amount" => [5.0f64, 15.0, 25.0, 1.0, 4.0],
        }
        .expect("frame");
        let customers = df! {
            "id" => [10i64, 20, 30],
            "name" => ["kim", "lee", "park"],
        }
        .expect("frame");
        (orders, customers)
    }

    #[test]
    fn joins_group_by_windows_and_ctes_over_several_tables() {
        let (orders, customers) = frames();
        let tables = [("orders", &orders), ("customers", &customers)];
        let out = run(
            "with totals as (select customer, sum(amount) as total, count(*) as n \
                             from orders group by customer) \
             select name, total, n from totals join customers on customers.id = totals.customer \
             order by total desc",
            &tables,
        )
        .expect("runs");
        let names: Vec<Option<&str>> = out
            .column("name")
            .expect("col")
            .str()
            .expect("str")
            .into_iter()
            .collect();
        assert_eq!(names, [Some("lee"), Some("kim"), Some("park")]);
        let totals: Vec<Option<f64>> = out
            .column("total")
            .expect("col")
            .f64()
            .expect("f64")
            .into_iter()
            .collect();
        assert_eq!(totals, [Some(29.0), Some(20.0), Some(1.0)]);

        let ranked = run(
            "select id, customer, amount, \
                    sum(amount) over (partition by customer) as customer_total, \
                    count(id) over (partition by customer) as rk \
             from orders order by id",
            &tables,
        )
        .expect("window");
        let ct: Vec<Option<f64>> = ranked
            .column("customer_total")
            .expect("col")
            .f64()
            .expect("f64")
            .into_iter()
            .collect();
        assert_eq!(
            ct,
            [Some(20.0), Some(20.0), Some(29.0), Some(1.0), Some(29.0)]
        );
        let rk: Vec<i64> = ranked
            .column("rk")
            .expect("col")
            .cast(&DataType::Int64)
            .expect("cast")
            .i64()
            .expect("i64")
            .into_iter()
            .flatten()
            .collect();
        assert_eq!(rk, [2, 2, 2, 1, 2]);
    }

    #[test]
    fn runtime_errors_are_sql_errors() {
        let (orders, _) = frames();
        let err = run("select nope from orders", &[("orders", &orders)]).expect_err("fails");
        let CellError::Sql { message, .. } = err else {
            panic!("{err:?}")
        };
        assert!(message.contains("nope"), "{message}");
        let err = run("select * from orders where", &[("orders", &orders)]).expect_err("fails");
        assert!(
            matches!(
                err,
                CellError::Sql {
                    line: Some(1),
                    column: Some(_),
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    #[allow(clippy::disallowed_methods)] // native test: a small stack proves no deep recursion
    fn deep_queries_are_refused_before_parsing() {
        let chained = |n: usize| {
            let terms: Vec<String> = (0..n).map(|i| format!("a + {i}")).collect();
            format!("SELECT {} FROM t", terms.join(" + "))
        };
        let nested = |n: usize| format!("SELECT {}1{} FROM t", "(".repeat(n), ")".repeat(n));
        let (a, _) = frames();
        let a = a.clone();
        let handle = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                for query in [chained(200), chained(10_000), nested(10_000), nested(200)] {
                    for result in [
                        table_references(&query).map(|_| ()),
                        run(&query, &[("t", &a)]).map(|_| ()),
                    ] {
                        match result {
                            Err(CellError::Sql { message, .. }) => {
                                assert!(message.contains("too deeply nested"), "{message}")
                            }
                            other => panic!("{other:?}"),
                        }
                    }
                }
            })
            .expect("thread");
        handle.join().expect("no overflow");
        // Strings and comments do not count; an ordinary query passes.
        assert!(
            check_depth("SELECT '((((((((((((((((((((((((((((((((((((' -- ++++\nFROM t").is_ok()
        );
        assert!(check_depth(&chained(20)).is_ok());
    }

    #[test]
    fn positions_from_messages() {
        assert_eq!(
            position("Expected: x, found: y at Line: 1, Column: 15"),
            Some((1, 15))
        );
        assert_eq!(position("no position"), None);
    }
}
