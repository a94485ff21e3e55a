//! Ranking and offset window functions, which polars 0.51 SQL lacks: `ROW_NUMBER`, `RANK`,
//! `DENSE_RANK`, `LAG` and `LEAD`, each with `OVER (PARTITION BY … ORDER BY …)`.
//!
//! The query is parsed with the sqlparser polars-sql uses, and each such call in a SELECT list
//! becomes a call of a function registered for that one call, `__quire_window_<n>(partition
//! keys…, order keys…, [value, default,] [a column])`. polars evaluates it where it evaluates
//! the SELECT list, over the rows left after FROM, joins and WHERE; the function sorts the row
//! numbers by partition and order keys (stable, so ties keep their input order), walks them,
//! and writes each row's result at that row's place, so the output lines up with the rows as
//! they are. When no argument names a column (`ROW_NUMBER() OVER ()`), the first column of the
//! table in FROM is added, only to give the number of rows. The function is not row-separable,
//! so polars pushes no filter or limit below it.
//!
//! Semantics follow PostgreSQL: `ROW_NUMBER` counts 1, 2, 3 within the partition; `RANK` gives
//! ties the same rank and skips after them (1, 1, 3); `DENSE_RANK` does not skip (1, 1, 2);
//! `LAG(x, k, d)` / `LEAD(x, k, d)` read `x` k rows before / after in the ordered partition
//! (k = 1 by default), or `d` (null by default) when that row is outside the partition. In
//! ORDER BY, nulls sort last ascending and first descending unless `NULLS FIRST|LAST` says.
//! What cannot be honoured — a window function beside GROUP BY or aggregates, outside the
//! SELECT list, with a named window, a frame, FILTER or IGNORE NULLS — is a SQL error.

use std::ops::ControlFlow;

use polars::prelude::{
    BaseColumnUdf, ChunkCompareEq, Column, DataFrame, DataType, Field, IdxCa, IdxSize, IntoColumn,
    NamedFrom, NewChunkedArray, PlSmallStr, PolarsResult, Schema, Series, SortMultipleOptions,
    UserDefinedFunction, polars_bail, polars_err,
};
use polars::sql::{FunctionOptions, FunctionRegistry};
use quire_protocol::notebook::CellError;
use sqlparser::ast::{
    Expr, Function, FunctionArg, FunctionArgExpr, FunctionArgumentList, FunctionArguments,
    GroupByExpr, Ident, ObjectName, Query, Select, SelectItem, SetExpr, Statement, TableFactor,
    Value, Visit, VisitMut, Visitor, VisitorMut, WindowSpec, WindowType,
};
use sqlparser::dialect::GenericDialect;
use sqlparser::parser::{Parser, ParserOptions};
use sqlparser::tokenizer::Span;

/// The name of the function standing in for the `n`th window call.
const PREFIX: &str = "__quire_window_";

/// Aggregates that, beside a ranking window in one SELECT, would need a GROUP BY first.
const AGGREGATES: [&str; 16] = [
    "count",
    "sum",
    "avg",
    "mean",
    "min",
    "max",
    "median",
    "stddev",
    "stddev_samp",
    "stdev",
    "variance",
    "var",
    "var_samp",
    "first",
    "last",
    "array_agg",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    RowNumber,
    Rank,
    DenseRank,
    Lag,
    Lead,
}

impl Kind {
    fn of(name: &str) -> Option<Kind> {
        Some(match name {
            "row_number" => Kind::RowNumber,
            "rank" => Kind::Rank,
            "dense_rank" => Kind::DenseRank,
            "lag" => Kind::Lag,
            "lead" => Kind::Lead,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Kind::RowNumber => "row_number",
            Kind::Rank => "rank",
            Kind::DenseRank => "dense_rank",
            Kind::Lag => "lag",
            Kind::Lead => "lead",
        }
    }

    fn shown(self) -> String {
        self.name().to_uppercase()
    }
}

/// One window call, as its stand-in function reads its arguments.
#[derive(Clone, Debug)]
struct Window {
    kind: Kind,
    /// How many PARTITION BY keys come first.
    partitions: usize,
    /// Per ORDER BY key (after the partition keys): descending, nulls first.
    order: Vec<(bool, bool)>,
    /// LAG/LEAD: how many rows away.
    offset: usize,
    /// LAG/LEAD: a default value follows the value.
    default: bool,
}

impl Window {
    fn keys(&self) -> usize {
        self.partitions + self.order.len()
    }
}

/// The functions standing in for a query's window calls.
#[derive(Default)]
pub(super) struct Windows(Vec<(String, UserDefinedFunction)>);

impl FunctionRegistry for Windows {
    fn register(&mut self, name: &str, fun: UserDefinedFunction) -> PolarsResult<()> {
        self.0.push((name.to_owned(), fun));
        Ok(())
    }

    fn get_udf(&self, name: &str) -> PolarsResult<Option<UserDefinedFunction>> {
        Ok(self
            .0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, f)| f.clone()))
    }

    fn contains(&self, name: &str) -> bool {
        self.0.iter().any(|(n, _)| n == name)
    }
}

/// `query` with its ranking and offset window calls replaced by stand-in functions, and those
/// functions; `None` when it has none (or does not parse: polars then says why, as usual).
///
/// `tables` gives each notebook table's first column, for the windows without a column.
pub(super) fn rewrite(
    query: &str,
    tables: &[(&str, Option<&str>)],
) -> Result<Option<(String, Windows)>, CellError> {
    let lower = query.to_lowercase();
    if !["row_number", "rank", "lag", "lead"]
        .iter()
        .any(|name| lower.contains(name))
    {
        return Ok(None);
    }
    let Ok(mut statements) = Parser::new(&GenericDialect)
        .with_options(ParserOptions {
            trailing_commas: true,
            ..Default::default()
        })
        .try_with_sql(query)
        .and_then(|mut p| p.parse_statements())
    else {
        return Ok(None);
    };
    let [statement @ Statement::Query(_)] = statements.as_mut_slice() else {
        return Ok(None);
    };
    let mut rewriter = Rewriter {
        tables: tables
            .iter()
            .filter_map(|(t, c)| Some(((*t).to_owned(), (*c)?.to_owned())))
            .collect(),
        ..Rewriter::default()
    };
    if let ControlFlow::Break(e) = statement.visit(&mut rewriter) {
        return Err(e);
    }
    if rewriter.windows.is_empty() {
        return Ok(None);
    }
    let mut registry = Windows::default();
    for (n, window) in rewriter.windows.into_iter().enumerate() {
        let name = format!("{PREFIX}{n}");
        registry.0.push((name.clone(), udf(&name, window)));
    }
    Ok(Some((statement.to_string(), registry)))
}

fn error(span: Span, message: String) -> CellError {
    let start = span.start;
    let (line, column) = if start.line > 0 {
        (Some(start.line), Some(start.column))
    } else {
        (None, None)
    };
    CellError::Sql {
        message,
        line,
        column,
    }
}

/// The window kind of a call `f(…) OVER …`, if it is one of ours.
fn window_call(expr: &Expr) -> Option<(Kind, &Function)> {
    let Expr::Function(f) = expr else {
        return None;
    };
    let [name] = f.name.0.as_slice() else {
        return None;
    };
    f.over.as_ref()?;
    Some((Kind::of(&name.value.to_lowercase())?, f))
}

fn span_of(f: &Function) -> Span {
    f.name.0.first().map_or(Span::empty(), |i| i.span)
}

/// The first window call in `node` at its own query level (not inside subqueries, which are
/// checked on their own), or an aggregate call when `aggregates` is set.
fn find_at_level(node: &impl Visit, aggregates: bool) -> Option<(String, Span)> {
    struct Find {
        depth: usize,
        aggregates: bool,
    }
    impl Visitor for Find {
        type Break = (String, Span);
        fn pre_visit_query(&mut self, _: &Query) -> ControlFlow<Self::Break> {
            self.depth += 1;
            ControlFlow::Continue(())
        }
        fn post_visit_query(&mut self, _: &Query) -> ControlFlow<Self::Break> {
            self.depth -= 1;
            ControlFlow::Continue(())
        }
        fn pre_visit_expr(&mut self, expr: &Expr) -> ControlFlow<Self::Break> {
            if self.depth > 0 {
                return ControlFlow::Continue(());
            }
            if self.aggregates {
                if let Expr::Function(f) = expr
                    && f.over.is_none()
                    && let [name] = f.name.0.as_slice()
                    && AGGREGATES.contains(&name.value.to_lowercase().as_str())
                {
                    return ControlFlow::Break((name.value.to_uppercase(), name.span));
                }
            } else if let Some((kind, f)) = window_call(expr) {
                return ControlFlow::Break((kind.shown(), span_of(f)));
            }
            ControlFlow::Continue(())
        }
    }
    match node.visit(&mut Find {
        depth: 0,
        aggregates,
    }) {
        ControlFlow::Break(found) => Some(found),
        ControlFlow::Continue(()) => None,
    }
}

#[derive(Default)]
struct Rewriter {
    windows: Vec<Window>,
    /// Notebook tables and their first columns.
    tables: Vec<(String, String)>,
    /// Names of the CTEs met so far, which hide tables of the same name.
    ctes: Vec<String>,
}

impl VisitorMut for Rewriter {
    type Break = CellError;

    fn pre_visit_query(&mut self, query: &mut Query) -> ControlFlow<CellError> {
        if let Some(with) = &query.with {
            self.ctes
                .extend(with.cte_tables.iter().map(|c| c.alias.name.value.clone()));
        }
        if let Some((name, span)) = query
            .order_by
            .as_ref()
            .and_then(|o| find_at_level(&o.exprs, false))
        {
            return ControlFlow::Break(outside_select(&name, span));
        }
        self.set_expr(&mut query.body)
    }
}

fn outside_select(name: &str, span: Span) -> CellError {
    error(
        span,
        format!(
            "{name}() … OVER can only be used in the SELECT list; to filter or sort on it, \
             select it in a WITH query (or a subquery) and use WHERE or ORDER BY outside"
        ),
    )
}

impl Rewriter {
    fn set_expr(&mut self, body: &mut SetExpr) -> ControlFlow<CellError> {
        match body {
            SetExpr::Select(select) => self.select(select),
            SetExpr::SetOperation { left, right, .. } => {
                self.set_expr(left)?;
                self.set_expr(right)
            }
            // Nested queries are visited on their own.
            _ => ControlFlow::Continue(()),
        }
    }

    fn select(&mut self, select: &mut Select) -> ControlFlow<CellError> {
        // Window calls anywhere but in the SELECT list (WHERE, JOIN … ON, GROUP BY, HAVING…).
        let projection = std::mem::take(&mut select.projection);
        let elsewhere = find_at_level(&*select, false);
        select.projection = projection;
        if let Some((name, span)) = elsewhere {
            return ControlFlow::Break(outside_select(&name, span));
        }
        let first = find_at_level(&select.projection, false);
        let Some((name, span)) = first else {
            return ControlFlow::Continue(());
        };
        let grouped = match &select.group_by {
            GroupByExpr::All(_) => true,
            GroupByExpr::Expressions(keys, _) => !keys.is_empty(),
        };
        if grouped || select.having.is_some() {
            return ControlFlow::Break(error(
                span,
                format!(
                    "{name}() … OVER cannot be used beside GROUP BY in one SELECT yet; group in \
                     a WITH query first, then rank its rows in the SELECT outside"
                ),
            ));
        }
        if let Some((aggregate, at)) = find_at_level(&select.projection, true) {
            return ControlFlow::Break(error(
                at,
                format!(
                    "{aggregate}(…) without OVER beside {name}() … OVER needs a GROUP BY; \
                     aggregate in a WITH query first, then rank its rows in the SELECT outside"
                ),
            ));
        }
        let carrier = self.carrier(select);
        for item in &mut select.projection {
            match item {
                SelectItem::UnnamedExpr(expr) => {
                    // Named like PostgreSQL names it: `row_number`, `lag`…
                    let alias = window_call(expr)
                        .map(|(kind, f)| Ident::with_span(span_of(f), kind.name()));
                    self.rewrite_expr(expr, carrier.as_ref())?;
                    if let Some(alias) = alias {
                        *item = SelectItem::ExprWithAlias {
                            expr: expr.clone(),
                            alias,
                        };
                    }
                }
                SelectItem::ExprWithAlias { expr, .. } => {
                    self.rewrite_expr(expr, carrier.as_ref())?;
                }
                SelectItem::QualifiedWildcard(..) | SelectItem::Wildcard(..) => {}
            }
        }
        ControlFlow::Continue(())
    }

    /// The first column of the notebook table the SELECT reads first, qualified by the name
    /// it has there: `o."order_id"`. None for a CTE, a subquery or a table function.
    fn carrier(&self, select: &Select) -> Option<Expr> {
        let first = select.from.first()?;
        let TableFactor::Table {
            name, alias, args, ..
        } = &first.relation
        else {
            return None;
        };
        let table = name.0.first()?;
        if args.is_some() || self.ctes.contains(&table.value) {
            return None;
        }
        let (_, column) = self.tables.iter().find(|(t, _)| *t == table.value)?;
        let qualifier = alias
            .as_ref()
            .map_or_else(|| table.clone(), |a| a.name.clone());
        Some(Expr::CompoundIdentifier(vec![
            qualifier,
            Ident::with_quote('"', column.as_str()),
        ]))
    }

    /// Replaces the window calls of `expr` at its own query level.
    fn rewrite_expr(&mut self, expr: &mut Expr, carrier: Option<&Expr>) -> ControlFlow<CellError> {
        struct Calls<'a> {
            depth: usize,
            windows: &'a mut Vec<Window>,
            carrier: Option<&'a Expr>,
        }
        impl VisitorMut for Calls<'_> {
            type Break = CellError;
            fn pre_visit_query(&mut self, _: &mut Query) -> ControlFlow<CellError> {
                self.depth += 1;
                ControlFlow::Continue(())
            }
            fn post_visit_query(&mut self, _: &mut Query) -> ControlFlow<CellError> {
                self.depth -= 1;
                ControlFlow::Continue(())
            }
            fn pre_visit_expr(&mut self, expr: &mut Expr) -> ControlFlow<CellError> {
                if self.depth > 0 {
                    return ControlFlow::Continue(());
                }
                let Some((kind, f)) = window_call(expr) else {
                    return ControlFlow::Continue(());
                };
                let n = self.windows.len();
                let (window, args) = match parse_call(kind, f, self.carrier) {
                    Ok(parsed) => parsed,
                    Err(e) => return ControlFlow::Break(e),
                };
                self.windows.push(window);
                *expr = Expr::Function(Function {
                    name: ObjectName(vec![Ident::new(format!("{PREFIX}{n}"))]),
                    uses_odbc_syntax: false,
                    parameters: FunctionArguments::None,
                    args: FunctionArguments::List(FunctionArgumentList {
                        duplicate_treatment: None,
                        args,
                        clauses: Vec::new(),
                    }),
                    filter: None,
                    null_treatment: None,
                    over: None,
                    within_group: Vec::new(),
                });
                ControlFlow::Continue(())
            }
        }
        // Pre-order, so an outer call is replaced (and its arguments checked) before the
        // visitor walks into what replaced it.
        expr.visit(&mut Calls {
            depth: 0,
            windows: &mut self.windows,
            carrier,
        })
    }
}

/// A window call read: its [`Window`] and the stand-in's arguments.
fn parse_call(
    kind: Kind,
    f: &Function,
    carrier: Option<&Expr>,
) -> Result<(Window, Vec<FunctionArg>), CellError> {
    let span = span_of(f);
    let name = kind.shown();
    let refuse = |what: &str| Err(error(span, format!("{name}() … OVER: {what}")));
    let spec: &WindowSpec = match &f.over {
        Some(WindowType::WindowSpec(spec)) if spec.window_name.is_none() => spec,
        _ => {
            return refuse(
                "named windows (OVER w, WINDOW w AS …) are not supported; write the window \
                 out: OVER (PARTITION BY … ORDER BY …)",
            );
        }
    };
    if spec.window_frame.is_some() {
        return refuse(
            "a frame (ROWS / RANGE / GROUPS …) has no meaning here; remove it and keep \
             PARTITION BY and ORDER BY",
        );
    }
    if f.filter.is_some() {
        return refuse("FILTER (WHERE …) is not supported; filter the rows in WHERE");
    }
    if f.null_treatment.is_some() {
        return refuse("IGNORE NULLS / RESPECT NULLS is not supported");
    }
    if !f.within_group.is_empty() || !matches!(f.parameters, FunctionArguments::None) {
        return refuse("this form of the call is not supported");
    }
    let args: Vec<&Expr> = match &f.args {
        FunctionArguments::None => Vec::new(),
        FunctionArguments::List(list)
            if list.duplicate_treatment.is_none() && list.clauses.is_empty() =>
        {
            let mut plain = Vec::with_capacity(list.args.len());
            for arg in &list.args {
                match arg {
                    FunctionArg::Unnamed(FunctionArgExpr::Expr(e)) => plain.push(e),
                    _ => return refuse("arguments must be plain expressions"),
                }
            }
            plain
        }
        _ => return refuse("this form of the call is not supported"),
    };
    let mut window = Window {
        kind,
        partitions: spec.partition_by.len(),
        order: Vec::with_capacity(spec.order_by.len()),
        offset: 1,
        default: false,
    };
    let mut out: Vec<Expr> = spec.partition_by.clone();
    for key in &spec.order_by {
        if key.with_fill.is_some() {
            return refuse("ORDER BY … WITH FILL is not supported");
        }
        let descending = key.asc == Some(false);
        // PostgreSQL: NULLS LAST ascending, NULLS FIRST descending.
        window
            .order
            .push((descending, key.nulls_first.unwrap_or(descending)));
        out.push(key.expr.clone());
    }
    match kind {
        Kind::RowNumber | Kind::Rank | Kind::DenseRank => {
            if !args.is_empty() {
                return refuse("takes no arguments; say what to rank by in OVER (ORDER BY …)");
            }
        }
        Kind::Lag | Kind::Lead => {
            let (value, offset, default) = match args.as_slice() {
                [value] => (*value, None, None),
                [value, offset] => (*value, Some(*offset), None),
                [value, offset, default] => (*value, Some(*offset), Some(*default)),
                _ => {
                    return refuse(
                        "takes a value, then optionally how many rows away (1 by default) \
                         and a default value",
                    );
                }
            };
            if let Some(offset) = offset {
                window.offset = match offset {
                    Expr::Value(Value::Number(n, _)) => match n.parse::<usize>() {
                        Ok(n) => n,
                        Err(_) => return refuse("the offset must be a whole number, 0 or more"),
                    },
                    _ => return refuse("the offset must be a whole number, 0 or more"),
                };
            }
            out.push(value.clone());
            if let Some(default) = default {
                window.default = true;
                out.push(default.clone());
            }
        }
    }
    for arg in &out {
        if let Some((inner, at)) = find_at_level(arg, false) {
            return Err(error(
                at,
                format!("{inner}() … OVER cannot be used inside another window function"),
            ));
        }
    }
    // A column, so the function knows the number of rows even without one in its keys.
    if !out.iter().any(names_a_column) {
        match carrier {
            Some(column) => out.push(column.clone()),
            None => {
                return refuse(
                    "needs a column to number the rows by here: say the order, as in \
                     OVER (ORDER BY id)",
                );
            }
        }
    }
    let args = out
        .into_iter()
        .map(|e| FunctionArg::Unnamed(FunctionArgExpr::Expr(e)))
        .collect();
    Ok((window, args))
}

/// Whether `expr` reads a column (at its own query level), so it has a value per row.
fn names_a_column(expr: &Expr) -> bool {
    struct Names(usize);
    impl Visitor for Names {
        type Break = ();
        fn pre_visit_query(&mut self, _: &Query) -> ControlFlow<()> {
            self.0 += 1;
            ControlFlow::Continue(())
        }
        fn post_visit_query(&mut self, _: &Query) -> ControlFlow<()> {
            self.0 -= 1;
            ControlFlow::Continue(())
        }
        fn pre_visit_expr(&mut self, expr: &Expr) -> ControlFlow<()> {
            if self.0 == 0 && matches!(expr, Expr::Identifier(_) | Expr::CompoundIdentifier(_)) {
                return ControlFlow::Break(());
            }
            ControlFlow::Continue(())
        }
    }
    expr.visit(&mut Names(0)).is_break()
}

/// The stand-in function for `window`.
fn udf(name: &str, window: Window) -> UserDefinedFunction {
    let typed = window.clone();
    let output = move |_: &Schema, fields: &[Field]| -> PolarsResult<Field> {
        let name = fields.first().map_or_else(
            || PlSmallStr::from_static(typed.kind.name()),
            |f| f.name.clone(),
        );
        let dtype = match typed.kind {
            Kind::Lag | Kind::Lead => fields
                .get(typed.keys())
                .map_or(DataType::Null, |f| f.dtype.clone()),
            Kind::RowNumber | Kind::Rank | Kind::DenseRank => DataType::Int64,
        };
        Ok(Field::new(name, dtype))
    };
    let function = move |columns: &mut [Column]| compute(&window, columns);
    let mut udf = UserDefinedFunction::new(name.into(), BaseColumnUdf::new(function, output));
    // One output row per input row, computed over the whole column: not row-separable, so no
    // filter or slice is pushed below it.
    udf.options = FunctionOptions::length_preserving();
    udf
}

/// The window's values for every row, in the rows' own order.
fn compute(window: &Window, columns: &[Column]) -> PolarsResult<Column> {
    let n = columns.iter().map(Column::len).max().unwrap_or(0);
    let name = columns.first().map_or_else(
        || PlSmallStr::from_static(window.kind.name()),
        |c| c.name().clone(),
    );
    let full = |c: &Column| -> PolarsResult<Series> {
        let s = c.as_materialized_series();
        match s.len() {
            len if len == n => Ok(s.clone()),
            1 => Ok(s.new_from_index(0, n)),
            len => polars_bail!(ComputeError: "a window argument has {len} rows, not {n}"),
        }
    };
    let keys = window.keys();
    let key_columns = columns
        .get(..keys)
        .ok_or_else(|| polars_err!(ComputeError: "a window function lost its arguments"))?
        .iter()
        .map(full)
        .collect::<PolarsResult<Vec<_>>>()?;
    let order = sorted_rows(window, &key_columns, n)?;
    // Where each partition starts, and where the ORDER BY value changes, in sorted order.
    let (partition, peer) = boundaries(window, &key_columns, &order)?;
    let out = match window.kind {
        Kind::RowNumber | Kind::Rank | Kind::DenseRank => {
            let mut values = vec![0_i64; n];
            let (mut position, mut rank, mut dense) = (0_i64, 0_i64, 0_i64);
            for (j, &row) in order.iter().enumerate() {
                if partition[j] {
                    (position, rank, dense) = (1, 1, 1);
                } else {
                    position += 1;
                    if peer[j] {
                        rank = position;
                        dense += 1;
                    }
                }
                values[row as usize] = match window.kind {
                    Kind::RowNumber => position,
                    Kind::Rank => rank,
                    _ => dense,
                };
            }
            Series::new(name, values)
        }
        Kind::Lag | Kind::Lead => {
            let value = full(
                columns
                    .get(keys)
                    .ok_or_else(|| polars_err!(ComputeError: "LAG/LEAD lost its value"))?,
            )?;
            // The partition of each sorted position, to stay inside it.
            let mut group = Vec::with_capacity(n);
            let mut id = 0_usize;
            for (j, start) in partition.iter().enumerate() {
                if *start && j > 0 {
                    id += 1;
                }
                group.push(id);
            }
            let k = window.offset;
            let mut from: Vec<Option<IdxSize>> = vec![None; n];
            for (j, &row) in order.iter().enumerate() {
                let source = match window.kind {
                    Kind::Lag => j.checked_sub(k),
                    _ => j.checked_add(k).filter(|s| *s < n),
                };
                from[row as usize] = source.filter(|s| group[*s] == group[j]).map(|s| order[s]);
            }
            let from = IdxCa::from_slice_options(PlSmallStr::EMPTY, &from);
            let taken = value.take(&from)?;
            if window.default {
                let default = full(
                    columns
                        .get(keys + 1)
                        .ok_or_else(|| polars_err!(ComputeError: "LAG/LEAD lost its default"))?,
                )?;
                let default = default.strict_cast(value.dtype()).map_err(|_| {
                    polars_err!(
                        ComputeError:
                        "{}: the default value must be of the value's type ({})",
                        window.kind.shown(), value.dtype()
                    )
                })?;
                taken.zip_with(&from.is_not_null(), &default)?
            } else {
                taken
            }
            .with_name(name)
        }
    };
    Ok(out.into_column())
}

/// The row numbers sorted by partition keys, then order keys; ties keep their input order.
fn sorted_rows(window: &Window, keys: &[Series], n: usize) -> PolarsResult<Vec<IdxSize>> {
    if keys.is_empty() {
        return Ok((0..n as IdxSize).collect());
    }
    let mut columns: Vec<Column> = keys
        .iter()
        .enumerate()
        .map(|(i, s)| s.clone().with_name(format!("k{i}").into()).into_column())
        .collect();
    columns
        .push(Series::new("row".into(), (0..n as IdxSize).collect::<Vec<IdxSize>>()).into_column());
    let frame = DataFrame::new(columns)?;
    let names: Vec<PlSmallStr> = (0..keys.len()).map(|i| format!("k{i}").into()).collect();
    let descending = (0..window.partitions)
        .map(|_| false)
        .chain(window.order.iter().map(|(d, _)| *d));
    let nulls_last = (0..window.partitions)
        .map(|_| true)
        .chain(window.order.iter().map(|(_, first)| !first));
    let sorted = frame.sort(
        names,
        SortMultipleOptions::default()
            .with_order_descending_multi(descending)
            .with_nulls_last_multi(nulls_last)
            .with_maintain_order(true),
    )?;
    let rows = sorted.column("row")?.as_materialized_series().idx()?;
    Ok(rows.into_no_null_iter().collect())
}

/// For each sorted position: does a partition start here, and does the ORDER BY value differ
/// from the row before (so the row starts a new group of peers)?
fn boundaries(
    window: &Window,
    keys: &[Series],
    order: &[IdxSize],
) -> PolarsResult<(Vec<bool>, Vec<bool>)> {
    let n = order.len();
    let mut partition = vec![false; n];
    let mut peer = vec![false; n];
    if n == 0 {
        return Ok((partition, peer));
    }
    partition[0] = true;
    peer[0] = true;
    let at = IdxCa::from_vec(PlSmallStr::EMPTY, order.to_vec());
    for (i, key) in keys.iter().enumerate() {
        let sorted = key.take(&at)?;
        let previous = sorted.shift(1);
        let differs = sorted.not_equal_missing(&previous)?;
        let target = if i < window.partitions {
            &mut partition
        } else {
            &mut peer
        };
        for (j, d) in differs.into_iter().enumerate().skip(1) {
            target[j] |= d.unwrap_or(false);
        }
    }
    for j in 0..n {
        peer[j] |= partition[j];
    }
    Ok((partition, peer))
}

#[cfg(test)]
mod tests {
    use polars::prelude::*;
    use quire_protocol::notebook::CellError;

    use super::super::run;

    fn orders() -> DataFrame {
        df! {
            "id" => [1i64, 2, 3, 4, 5],
            "customer" => [10i64, 10, 20, 30, 20],
            "amount" => [5.0f64, 15.0, 25.0, 1.0, 4.0],
        }
        .expect("frame")
    }

    fn customers() -> DataFrame {
        df! {
            "id" => [10i64, 20, 30],
            "name" => ["kim", "lee", "park"],
        }
        .expect("frame")
    }

    fn query(q: &str) -> DataFrame {
        let (orders, customers) = (orders(), customers());
        run(q, &[("orders", &orders), ("customers", &customers)]).expect("runs")
    }

    fn ints(df: &DataFrame, name: &str) -> Vec<Option<i64>> {
        df.column(name)
            .expect("column")
            .cast(&DataType::Int64)
            .expect("integers")
            .i64()
            .expect("i64")
            .into_iter()
            .collect()
    }

    fn texts(df: &DataFrame, name: &str) -> Vec<String> {
        df.column(name)
            .expect("column")
            .str()
            .expect("text")
            .into_iter()
            .map(|v| v.unwrap_or_default().to_owned())
            .collect()
    }

    fn some(v: &[i64]) -> Vec<Option<i64>> {
        v.iter().copied().map(Some).collect()
    }

    fn sql_error(q: &str) -> (String, Option<u64>, Option<u64>) {
        let (orders, customers) = (orders(), customers());
        match run(q, &[("orders", &orders), ("customers", &customers)]) {
            Err(CellError::Sql {
                message,
                line,
                column,
            }) => (message, line, column),
            other => panic!("expected a SQL error for {q}, got {other:?}"),
        }
    }

    #[test]
    fn latest_order_per_customer_by_row_number_in_a_cte() {
        let out = query(
            "WITH ranked AS (\n\
               SELECT id, customer, amount,\n\
                      ROW_NUMBER() OVER (PARTITION BY customer ORDER BY id DESC) AS rn\n\
               FROM orders)\n\
             SELECT customer, id, amount FROM ranked WHERE rn = 1 ORDER BY customer",
        );
        assert_eq!(ints(&out, "customer"), some(&[10, 20, 30]));
        assert_eq!(ints(&out, "id"), some(&[2, 5, 4]));
        assert_eq!(out.column("rn").ok().map(|_| ()), None);
        // The ranks are taken over every row before the outer filter: `amount > 4` must not
        // be pushed below them (customer 20's latest order, 5, has amount 4).
        let out = query(
            "WITH ranked AS (SELECT id, customer, amount, \
               row_number() OVER (PARTITION BY customer ORDER BY id DESC) AS rn FROM orders) \
             SELECT customer, id FROM ranked WHERE rn = 1 AND amount > 4",
        );
        assert_eq!(ints(&out, "id"), some(&[2]));
        // The same through a subquery in WHERE.
        let out = query(
            "SELECT id FROM orders WHERE id IN (SELECT id FROM (SELECT id, \
               row_number() OVER (PARTITION BY customer ORDER BY amount) AS rn FROM orders) AS r \
             WHERE rn = 1) ORDER BY id",
        );
        assert_eq!(ints(&out, "id"), some(&[1, 4, 5]));
    }

    #[test]
    fn rank_and_dense_rank_with_ties() {
        let scores = df! {
            "name" => ["a", "b", "c", "d", "e", "f"],
            "team" => ["x", "x", "x", "x", "y", "y"],
            "score" => [90i64, 80, 90, 70, 50, 50],
        }
        .expect("frame");
        let out = run(
            "SELECT name, \
               rank() OVER (PARTITION BY team ORDER BY score DESC) AS r, \
               dense_rank() OVER (PARTITION BY team ORDER BY score DESC) AS d, \
               row_number() OVER (PARTITION BY team ORDER BY score DESC) AS n \
             FROM scores",
            &[("scores", &scores)],
        )
        .expect("runs");
        assert_eq!(texts(&out, "name"), ["a", "b", "c", "d", "e", "f"]);
        assert_eq!(ints(&out, "r"), some(&[1, 3, 1, 4, 1, 1]));
        assert_eq!(ints(&out, "d"), some(&[1, 2, 1, 3, 1, 1]));
        // Ties keep their input order: a before c.
        assert_eq!(ints(&out, "n"), some(&[1, 3, 2, 4, 1, 2]));
        assert_eq!(out.column("r").expect("r").dtype(), &DataType::Int64);
        // Without ORDER BY every row of a partition is a peer.
        let out = run(
            "SELECT rank() OVER (PARTITION BY team) AS r, rank() OVER () AS all_rows FROM scores",
            &[("scores", &scores)],
        )
        .expect("runs");
        assert_eq!(ints(&out, "r"), some(&[1; 6]));
        assert_eq!(ints(&out, "all_rows"), some(&[1; 6]));
    }

    #[test]
    fn lag_and_lead_within_partitions_and_descending_order() {
        let out = query(
            "SELECT id, \
               lag(amount) OVER (PARTITION BY customer ORDER BY id) AS prev, \
               lead(amount, 1, 0) OVER (PARTITION BY customer ORDER BY id DESC) AS next_desc, \
               lag(id, 2) OVER (ORDER BY amount DESC) AS lag2, \
               lead(id, 0) OVER (ORDER BY amount) AS same \
             FROM orders ORDER BY id",
        );
        let floats = |name: &str| -> Vec<Option<f64>> {
            out.column(name)
                .expect("column")
                .f64()
                .expect("f64")
                .into_iter()
                .collect()
        };
        assert_eq!(floats("prev"), [None, Some(5.0), None, None, Some(25.0)]);
        // Customer 10 in descending ids is 2, 1: after 2 comes 1 (5.0), after 1 the default.
        assert_eq!(
            floats("next_desc"),
            [Some(0.0), Some(5.0), Some(0.0), Some(0.0), Some(25.0)]
        );
        // Amounts descending: 3, 2, 1, 5, 4; two rows back.
        assert_eq!(ints(&out, "lag2"), [Some(3), None, None, Some(1), Some(2)]);
        assert_eq!(ints(&out, "same"), some(&[1, 2, 3, 4, 5]));
        // A null value at the row read stays null: the default is for rows outside.
        let t = df! {"k" => [1i64, 2, 3], "v" => [Some("a"), None, Some("c")]}.expect("frame");
        let out = run(
            "SELECT lag(v, 1, 'none') OVER (ORDER BY k) AS p FROM t",
            &[("t", &t)],
        )
        .expect("runs");
        let p: Vec<Option<&str>> = out
            .column("p")
            .expect("p")
            .str()
            .expect("str")
            .into_iter()
            .collect();
        assert_eq!(p, [Some("none"), Some("a"), None]);
        let (message, ..) =
            sql_error("SELECT lag(amount, 1, 'none') OVER (ORDER BY id) FROM orders");
        assert!(message.contains("default value"), "{message}");
    }

    #[test]
    fn a_window_over_a_join() {
        let out = query(
            "SELECT c.name, o.id AS order_id, \
               row_number() OVER (PARTITION BY c.name ORDER BY o.amount DESC) AS rn \
             FROM orders o JOIN customers c ON c.id = o.customer \
             ORDER BY c.name, rn",
        );
        assert_eq!(texts(&out, "name"), ["kim", "kim", "lee", "lee", "park"]);
        assert_eq!(ints(&out, "order_id"), some(&[2, 1, 3, 5, 4]));
        assert_eq!(ints(&out, "rn"), some(&[1, 2, 1, 2, 1]));
    }

    #[test]
    fn row_number_without_partition_is_named_like_postgres() {
        let out = query("SELECT id, row_number() OVER (ORDER BY amount) FROM orders");
        assert_eq!(ints(&out, "row_number"), some(&[3, 4, 5, 1, 2]));
        // Without keys the rows are numbered as they are (by the first column of the table).
        let out = query("SELECT row_number() OVER () AS n, id FROM orders");
        assert_eq!(ints(&out, "n"), some(&[1, 2, 3, 4, 5]));
        let out = query("SELECT row_number() OVER (ORDER BY 1) AS n, c.name FROM customers c");
        assert_eq!(ints(&out, "n"), some(&[1, 2, 3]));
        // A LIMIT is taken after the numbers, not before.
        let out = query(
            "SELECT id, row_number() OVER (ORDER BY amount DESC) AS rn FROM orders \
             ORDER BY id LIMIT 2",
        );
        assert_eq!(ints(&out, "rn"), some(&[3, 2]));
        // So is a WHERE of the same SELECT, which comes first.
        let out = query(
            "SELECT id, row_number() OVER (ORDER BY id) AS rn FROM orders WHERE customer = 20",
        );
        assert_eq!(ints(&out, "rn"), some(&[1, 2]));
        // Window calls inside expressions, and on both sides of a UNION.
        let out = query(
            "SELECT id, 10 * row_number() OVER (ORDER BY id DESC) + 1 AS x FROM orders \
             UNION ALL SELECT id, rank() OVER (ORDER BY customer) AS x FROM orders",
        );
        assert_eq!(ints(&out, "x"), some(&[51, 41, 31, 21, 11, 1, 1, 3, 5, 3]));
    }

    #[test]
    fn nulls_sort_last_ascending_and_first_descending() {
        let t = df! {
            "k" => [Some(2i64), None, Some(1), None, Some(3)],
            "g" => [Some("a"), None, Some("a"), None, Some("b")],
        }
        .expect("frame");
        let out = run(
            "SELECT row_number() OVER (ORDER BY k) AS up, \
               row_number() OVER (ORDER BY k DESC) AS down, \
               row_number() OVER (ORDER BY k NULLS FIRST) AS nulls_first, \
               row_number() OVER (ORDER BY k DESC NULLS LAST) AS down_last, \
               rank() OVER (ORDER BY k) AS r, \
               row_number() OVER (PARTITION BY g ORDER BY k) AS in_g \
             FROM t",
            &[("t", &t)],
        )
        .expect("runs");
        assert_eq!(ints(&out, "up"), some(&[2, 4, 1, 5, 3]));
        assert_eq!(ints(&out, "down"), some(&[4, 1, 5, 2, 3]));
        assert_eq!(ints(&out, "nulls_first"), some(&[4, 1, 3, 2, 5]));
        assert_eq!(ints(&out, "down_last"), some(&[2, 4, 3, 5, 1]));
        // The two nulls are peers.
        assert_eq!(ints(&out, "r"), some(&[2, 4, 1, 4, 3]));
        // Null g is a partition of its own.
        assert_eq!(ints(&out, "in_g"), some(&[2, 1, 1, 2, 1]));
    }

    /// The query and the errors the browser test (tests/browser/etl.test.mjs) shows.
    #[test]
    fn the_browser_tests_queries_over_the_fixtures() {
        let orders = crate::testing::read_fixture(include_bytes!(
            "../../../../../tests/fixtures/csv/raw_orders.csv"
        ));
        let customers = crate::testing::read_fixture(include_bytes!(
            "../../../../../tests/fixtures/csv/customers.csv"
        ));
        let tables = [("raw_orders", &orders), ("customers", &customers)];
        let out = run(
            "WITH ranked AS (\n\
               SELECT customer_id, order_id,\n\
                      ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_id DESC) AS rn\n\
               FROM raw_orders)\n\
             SELECT ranked.customer_id, ranked.order_id, c.name\n\
             FROM ranked JOIN customers c ON ranked.customer_id = c.customer_id\n\
             WHERE rn = 1 ORDER BY customer_id",
            &tables,
        )
        .expect("runs");
        assert_eq!(ints(&out, "customer_id"), some(&[10, 11, 12, 13, 14]));
        assert_eq!(ints(&out, "order_id"), some(&[9, 7, 8, 5, 10]));
        assert_eq!(
            texts(&out, "name"),
            ["Kim Minji", "Lee Joon", "Park Seo", "Choi Ara", "정하늘"]
        );
        let err = run(
            "SELECT customer_id, count(*) AS n,\n  RANK() OVER (ORDER BY customer_id) AS r\n\
             FROM raw_orders GROUP BY customer_id",
            &tables,
        )
        .expect_err("refused");
        assert!(
            matches!(&err, CellError::Sql { message, line: Some(2), column: Some(3) }
                if message.starts_with("RANK() … OVER cannot be used beside GROUP BY")),
            "{err:?}"
        );
        let err =
            super::super::table_references("SELECT order_id\nFROM raw_orders\nWHERE amount >")
                .expect_err("incomplete");
        assert!(
            matches!(&err, CellError::Sql { message, line: Some(3), column: Some(15) }
                if message.contains("EOF")),
            "{err:?}"
        );
    }

    #[test]
    fn what_cannot_be_honoured_is_a_sql_error_with_its_place() {
        let (message, line, column) = sql_error(
            "SELECT customer, count(*) AS n,\n  ROW_NUMBER() OVER (ORDER BY customer) AS rn\n\
             FROM orders GROUP BY customer",
        );
        assert!(message.contains("GROUP BY"), "{message}");
        assert_eq!((line, column), (Some(2), Some(3)));
        for (q, says) in [
            (
                "SELECT count(*) AS n, row_number() OVER (ORDER BY id) FROM orders",
                "GROUP BY",
            ),
            (
                "SELECT row_number() OVER w FROM orders WINDOW w AS (ORDER BY id)",
                "named windows",
            ),
            (
                "SELECT sum(amount) OVER w, rank() OVER (w ORDER BY id) FROM orders \
                 WINDOW w AS (PARTITION BY customer)",
                "named windows",
            ),
            (
                "SELECT row_number() OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) \
                 FROM orders",
                "frame",
            ),
            (
                "SELECT id FROM orders WHERE row_number() OVER (ORDER BY id) = 1",
                "SELECT list",
            ),
            (
                "SELECT id FROM orders ORDER BY rank() OVER (ORDER BY amount)",
                "SELECT list",
            ),
            (
                "SELECT lag(row_number() OVER (ORDER BY id)) OVER (ORDER BY id) FROM orders",
                "inside another",
            ),
            (
                "SELECT lag(amount, id) OVER (ORDER BY id) FROM orders",
                "offset",
            ),
            (
                "SELECT lag(amount, -1) OVER (ORDER BY id) FROM orders",
                "offset",
            ),
            (
                "SELECT lead() OVER (ORDER BY id) FROM orders",
                "takes a value",
            ),
            (
                "SELECT rank(id) OVER (ORDER BY id) FROM orders",
                "no arguments",
            ),
            (
                "WITH t AS (SELECT id FROM orders) SELECT row_number() OVER () FROM t",
                "needs a column",
            ),
        ] {
            let (message, line, column) = sql_error(q);
            assert!(message.contains(says), "{q}: {message}");
            assert_eq!(line, Some(1), "{q}");
            assert!(column.is_some(), "{q}");
        }
    }
}
