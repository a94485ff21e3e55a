//! Version 6 as written: the golden file, and what a version 6 reader refuses.
//!
//! The golden file (`tests/fixtures/notebooks/golden-v6.quire.json`) is what this build writes
//! for [`golden`], a notebook with every cell kind, every variant of every enum a file holds
//! and every optional field set away from its default. A change to the live types that alters
//! a single byte of it fails [`the_golden_notebook_writes_the_golden_file`]: that is a change
//! of the file format, which is a new version (see the recipe in `file.rs`), not an edit.
//!
//! Only when a new version is made (or the golden notebook itself gains a cell) is the file
//! written again, by running the test with `QUIRE_BLESS=1`:
//!
//! ```text
//! QUIRE_BLESS=1 cargo test -p quire-engine --lib file::v6
//! ```
//!
//! and reviewing its diff in the same commit.

use std::collections::BTreeSet;

use quire_protocol::chart::{Aggregate, BinRule, ChartKind, ChartSpec, SortOrder, TimeStep};
use quire_protocol::clean::{
    Fill, Keep, NullRows, OutlierAction, OutlierRule, SortKey, Step, StepOp, TextCase,
};
use quire_protocol::experiment::{
    Correction, Direction, DuplicatePolicy, ExperimentSpec, Metric, MetricKind, PlanMetric,
    PlanSpec, Role, Weight,
};
use quire_protocol::kinds;
use quire_protocol::metric::{EmptyPeriods, Grain, MetricSpec, NumberFormat};
use quire_protocol::model::{Method, Missing, ModelSpec, Split};
use quire_protocol::notebook::{Cell, CellSpec, DataSource, FileError, Notebook, SchemaField};
use quire_protocol::quality::Check;
use quire_protocol::{ColumnType, DelimiterChoice, EncodingChoice, HeaderChoice, ParseOptions};
use serde::Serialize;
use serde_json::{Value, json};

use crate::file::{
    current_file, from_share_fragment, open_file, read_notebook, share_fragment, write_notebook,
};

const GOLDEN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/notebooks/golden-v6.quire.json"
);

// ---------------------------------------------------------------------------------------------
// The golden notebook.

fn cell(id: &str, spec: CellSpec) -> Cell {
    Cell {
        id: id.into(),
        collapsed: false,
        spec,
    }
}

// One constructor per cell kind, so that the live `CellSpec`'s shape is written in one place.

fn markdown(text: &str) -> CellSpec {
    CellSpec::Markdown(kinds::Markdown { text: text.into() })
}

fn data(table: &str, source: &str, options: ParseOptions) -> CellSpec {
    CellSpec::Data(kinds::Data {
        table: table.into(),
        source: source.into(),
        options,
    })
}

fn sql(table: &str, query: &str) -> CellSpec {
    CellSpec::Sql(kinds::Sql {
        table: table.into(),
        query: query.into(),
    })
}

fn clean(input: &str, table: &str, steps: Vec<Step>) -> CellSpec {
    CellSpec::Clean(kinds::Clean {
        input: input.into(),
        table: table.into(),
        steps,
    })
}

fn quality(input: &str, checks: Vec<Check>) -> CellSpec {
    CellSpec::Quality(kinds::Quality {
        input: input.into(),
        checks,
    })
}

fn chart(input: &str, chart: ChartSpec) -> CellSpec {
    CellSpec::Chart(kinds::Chart {
        input: input.into(),
        chart,
    })
}

fn experiment(input: &str, experiment: ExperimentSpec) -> CellSpec {
    CellSpec::Experiment(kinds::Experiment {
        input: input.into(),
        experiment,
    })
}

fn plan(plan: PlanSpec) -> CellSpec {
    CellSpec::Plan(kinds::Plan { plan })
}

fn metric(metric: MetricSpec) -> CellSpec {
    CellSpec::Metric(kinds::Metric { metric })
}

fn dashboard(title: &str, tiles: &[&str]) -> CellSpec {
    CellSpec::Dashboard(kinds::Dashboard {
        title: title.into(),
        tiles: tiles.iter().map(|t| (*t).to_owned()).collect(),
    })
}

fn model(input: &str, model: ModelSpec) -> CellSpec {
    CellSpec::Model(kinds::Model {
        input: input.into(),
        model,
    })
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

fn options(
    encoding: EncodingChoice,
    delimiter: DelimiterChoice,
    header: HeaderChoice,
) -> ParseOptions {
    ParseOptions {
        encoding,
        delimiter,
        header,
    }
}

/// Every cell kind, every variant of every enum a file holds, every optional field set (and
/// `null` where a field may be empty), text that needs escaping. Its data manifest lists every
/// data cell's file with a schema of every column type.
fn golden() -> (Notebook, Vec<DataSource>) {
    use DelimiterChoice as D;
    use EncodingChoice as E;
    use HeaderChoice as H;
    let sources = [
        (
            "orders",
            "orders.csv",
            options(E::Utf8, D::Comma, H::Present),
        ),
        (
            "events",
            "events.tsv",
            options(E::Utf16Le, D::Tab, H::Absent),
        ),
        ("users", "users.txt", options(E::Utf16Be, D::Pipe, H::Auto)),
        (
            "legacy",
            "레거시 주문.csv",
            options(E::Cp949, D::Semicolon, H::Present),
        ),
        (
            "western",
            "west.csv",
            options(E::Windows1252, D::Auto, H::Auto),
        ),
        ("ab", "ab_test.csv", ParseOptions::default()),
    ];
    let mut cells = vec![Cell {
        collapsed: true,
        ..cell(
            "intro",
            markdown("# Golden \"v6\"\n\n<b>Every</b> kind — 모든 셀\t\\ done"),
        )
    }];
    for (table, source, options) in sources {
        cells.push(cell(&format!("load-{table}"), data(table, source, options)));
    }
    let types = [
        ColumnType::Integer,
        ColumnType::Float,
        ColumnType::Boolean,
        ColumnType::Date,
        ColumnType::Datetime,
        ColumnType::Text,
    ];
    let manifest = sources
        .iter()
        .enumerate()
        .map(|(i, (_, source, options))| DataSource {
            name: (*source).to_owned(),
            bytes: 1_000 * i as u64 + 17,
            sha256: format!("{i:x}").repeat(64),
            options: *options,
            schema: vec![
                SchemaField {
                    name: "id".into(),
                    dtype: ColumnType::Integer,
                },
                SchemaField {
                    name: format!("column {i}"),
                    dtype: types[i],
                },
            ],
        })
        .collect();

    cells.push(cell(
        "sql",
        sql(
            "big_orders",
            "SELECT *\nFROM orders\nWHERE amount > 100 -- \"big\"",
        ),
    ));

    let steps = vec![
        Step {
            enabled: false,
            op: StepOp::Select {
                columns: strings(&["id", "amount", "city"]),
            },
        },
        Step::new(StepOp::Drop {
            columns: strings(&["note"]),
        }),
        Step::new(StepOp::Rename {
            from: "amt".into(),
            to: "amount".into(),
        }),
        Step::new(StepOp::Cast {
            column: "amount".into(),
            to: ColumnType::Float,
        }),
        Step::new(StepOp::ParseDate {
            column: "day".into(),
            formats: strings(&["%Y-%m-%d", "%d/%m/%Y"]),
            datetime: true,
        }),
        Step::new(StepOp::Trim {
            columns: strings(&["city", "name"]),
        }),
        Step::new(StepOp::Case {
            columns: strings(&["city"]),
            case: TextCase::Lower,
        }),
        Step::new(StepOp::Case {
            columns: strings(&["code"]),
            case: TextCase::Upper,
        }),
        Step::new(StepOp::Case {
            columns: strings(&["name"]),
            case: TextCase::Title,
        }),
        Step::new(StepOp::Replace {
            column: "city".into(),
            find: "Seoul ".into(),
            with: Some("Seoul".into()),
            whole: false,
        }),
        Step::new(StepOp::Replace {
            column: "city".into(),
            find: "n/a".into(),
            with: None,
            whole: true,
        }),
        Step::new(StepOp::FillNull {
            column: "qty".into(),
            fill: Fill::Constant("0".into()),
        }),
        Step::new(StepOp::FillNull {
            column: "price".into(),
            fill: Fill::Mean,
        }),
        Step::new(StepOp::FillNull {
            column: "price".into(),
            fill: Fill::Median,
        }),
        Step::new(StepOp::FillNull {
            column: "city".into(),
            fill: Fill::Mode,
        }),
        Step::new(StepOp::FillNull {
            column: "day".into(),
            fill: Fill::Forward,
        }),
        Step::new(StepOp::FillNull {
            column: "day".into(),
            fill: Fill::Backward,
        }),
        Step::new(StepOp::DropNulls {
            columns: strings(&["id"]),
            how: NullRows::Any,
        }),
        Step::new(StepOp::DropNulls {
            columns: Vec::new(),
            how: NullRows::All,
        }),
        Step::new(StepOp::Dedup {
            columns: strings(&["id"]),
            keep: Keep::First,
        }),
        Step::new(StepOp::Dedup {
            columns: Vec::new(),
            keep: Keep::Last,
        }),
        Step::new(StepOp::Filter {
            predicate: "amount > 0 AND city <> 'x'".into(),
        }),
        Step::new(StepOp::Derive {
            name: "total".into(),
            expression: "price * qty".into(),
        }),
        Step::new(StepOp::Outliers {
            column: "amount".into(),
            rule: OutlierRule::Iqr { k: 1.5 },
            action: OutlierAction::Clip,
        }),
        Step::new(StepOp::Outliers {
            column: "amount".into(),
            rule: OutlierRule::ZScore { z: 3.0 },
            action: OutlierAction::Drop,
        }),
        Step::new(StepOp::Sort {
            by: vec![
                SortKey {
                    column: "city".into(),
                    descending: false,
                },
                SortKey {
                    column: "amount".into(),
                    descending: true,
                },
            ],
        }),
    ];
    cells.push(cell("clean", clean("orders", "orders_clean", steps)));

    let checks = vec![
        Check::NotNull {
            column: "id".into(),
        },
        Check::Unique {
            columns: strings(&["id", "day"]),
        },
        Check::InRange {
            column: "amount".into(),
            min: Some("0".into()),
            max: Some("1000000".into()),
        },
        Check::InRange {
            column: "day".into(),
            min: None,
            max: Some("2024-12-31".into()),
        },
        Check::InSet {
            column: "city".into(),
            values: strings(&["seoul", "busan", "대구"]),
        },
        Check::Pattern {
            column: "code".into(),
            pattern: r"^[A-Z]{2}-\d+$".into(),
        },
        Check::RowCount { min: 10 },
        Check::Referential {
            column: "user_id".into(),
            other_table: "users".into(),
            other_column: "id".into(),
        },
        Check::Fresh {
            column: "day".into(),
            days: 3,
            reference: "2024-06-30".into(),
        },
    ];
    cells.push(cell("quality", quality("orders_clean", checks)));

    let full_chart = ChartSpec {
        kind: ChartKind::Line {
            step: Some(TimeStep::Day),
        },
        x: Some("day".into()),
        y: strings(&["amount", "qty"]),
        by: Some("city".into()),
        aggregate: Aggregate::Sum,
        title: "Daily \"amount\"".into(),
        x_label: Some("day".into()),
        y_label: Some("amount".into()),
        unit: Some("KRW".into()),
        log_y: true,
        sort: SortOrder::XAscending,
    };
    cells.push(cell("chart-line-day", chart("orders_clean", full_chart)));
    let charts = [
        (
            "chart-line-week",
            ChartKind::Line {
                step: Some(TimeStep::Week),
            },
            Aggregate::Mean,
            SortOrder::None,
        ),
        (
            "chart-line-month",
            ChartKind::Line {
                step: Some(TimeStep::Month),
            },
            Aggregate::Count,
            SortOrder::None,
        ),
        (
            "chart-line",
            ChartKind::Line { step: None },
            Aggregate::Min,
            SortOrder::None,
        ),
        (
            "chart-bar",
            ChartKind::Bar { stacked: true },
            Aggregate::Max,
            SortOrder::YDescending,
        ),
        (
            "chart-bar-side",
            ChartKind::Bar { stacked: false },
            Aggregate::Median,
            SortOrder::XAscending,
        ),
        (
            "chart-scatter",
            ChartKind::Scatter { fit: true },
            Aggregate::None,
            SortOrder::None,
        ),
        (
            "chart-hist-sturges",
            ChartKind::Histogram {
                bins: BinRule::Sturges,
            },
            Aggregate::None,
            SortOrder::None,
        ),
        (
            "chart-hist-fd",
            ChartKind::Histogram {
                bins: BinRule::FreedmanDiaconis,
            },
            Aggregate::None,
            SortOrder::None,
        ),
        (
            "chart-hist-fixed",
            ChartKind::Histogram {
                bins: BinRule::Fixed { bins: 12 },
            },
            Aggregate::None,
            SortOrder::None,
        ),
        (
            "chart-box",
            ChartKind::Box,
            Aggregate::None,
            SortOrder::None,
        ),
        (
            "chart-interval",
            ChartKind::Interval,
            Aggregate::None,
            SortOrder::YDescending,
        ),
        (
            "chart-roc",
            ChartKind::Roc,
            Aggregate::None,
            SortOrder::None,
        ),
        (
            "chart-spark",
            ChartKind::Spark,
            Aggregate::Sum,
            SortOrder::None,
        ),
    ];
    for (id, kind, aggregate, sort) in charts {
        let x = match kind {
            ChartKind::Histogram { .. } | ChartKind::Box => None,
            _ => Some("day"),
        };
        let spec = ChartSpec {
            aggregate,
            sort,
            ..ChartSpec::new(kind, x, &["amount"])
        };
        cells.push(cell(id, chart("orders_clean", spec)));
    }

    let conversion = Metric {
        name: "conversion".into(),
        covariate: Some("pre_converted".into()),
        ..Metric::new(
            MetricKind::Binomial {
                column: "converted".into(),
            },
            Role::Goal,
        )
    };
    let revenue = Metric {
        name: "revenue".into(),
        direction: Direction::Lower,
        covariate: Some("pre_revenue".into()),
        ..Metric::new(
            MetricKind::Mean {
                column: "revenue".into(),
            },
            Role::Guardrail,
        )
    };
    let per_order = Metric::new(
        MetricKind::Ratio {
            numerator: "revenue".into(),
            denominator: "orders".into(),
        },
        Role::Secondary,
    );
    let defined = Metric::new(
        MetricKind::Defined {
            metric: "revenue_per_user".into(),
        },
        Role::Secondary,
    );
    let full_experiment = ExperimentSpec {
        weights: vec![
            Weight {
                variant: "control".into(),
                weight: 0.5,
            },
            Weight {
                variant: "treatment".into(),
                weight: 0.25,
            },
            Weight {
                variant: "treatment_b".into(),
                weight: 0.25,
            },
        ],
        metrics: vec![conversion.clone(), revenue, per_order, defined],
        confidence: 0.9,
        duplicates: DuplicatePolicy::DropMixed,
        correction: Correction::BenjaminiHochberg,
        sequential: true,
        planned_per_arm: Some(5_000),
        ..ExperimentSpec::new("user_id", "variant", "control")
    };
    cells.push(cell("experiment", experiment("ab", full_experiment)));
    let plain_experiment = ExperimentSpec {
        metrics: vec![conversion],
        ..ExperimentSpec::new("user_id", "variant", "A")
    };
    cells.push(cell(
        "experiment-defaults",
        experiment("ab", plain_experiment),
    ));

    let full_plan = PlanSpec {
        alpha: 0.01,
        power: 0.9,
        per_arm: Some(20_000),
        daily_traffic: Some(3_000),
        stages: vec![0.1, 0.5, 1.0],
        stage_days: 14,
        ..PlanSpec::new(PlanMetric::Proportion { baseline: 0.1 }, 0.05)
    };
    cells.push(cell("plan", plan(full_plan)));
    cells.push(cell(
        "plan-defaults",
        plan(PlanSpec::new(
            PlanMetric::Mean {
                baseline: 30.0,
                sd: 12.5,
            },
            0.02,
        )),
    ));

    let metrics = [
        MetricSpec {
            description: "매출 per paying user, refunds excluded".into(),
            owner: "growth team".into(),
            unit: "KRW".into(),
            format: NumberFormat::Currency {
                symbol: "₩".into()
            },
            grain: Grain::Week,
            filters: strings(&["country = 'KR'", "amount > 0"]),
            dimension: Some("city".into()),
            direction: Direction::Lower,
            empty: EmptyPeriods::Gap,
            ..MetricSpec::new(
                "revenue_per_user",
                "orders_clean",
                "day",
                "sum(amount) / count(distinct user_id)",
            )
        },
        MetricSpec {
            format: NumberFormat::Integer,
            unit: "users".into(),
            rolling_days: Some(7),
            empty: EmptyPeriods::Zero,
            ..MetricSpec::new("wau", "events", "at", "count(distinct user_id)")
        },
        MetricSpec {
            format: NumberFormat::Percent,
            grain: Grain::Month,
            ..MetricSpec::new("paid_share", "orders_clean", "day", "avg(paid)")
        },
        MetricSpec {
            grain: Grain::Quarter,
            ..MetricSpec::new("orders", "orders_clean", "day", "count(*)")
        },
    ];
    for m in metrics {
        cells.push(cell(&format!("metric-{}", m.name), metric(m)));
    }
    cells.push(cell(
        "dashboard",
        dashboard(
            "주간 지표",
            &["revenue_per_user", "wau", "paid_share", "orders"],
        ),
    ));

    let models = [
        ModelSpec {
            standardise: true,
            missing: Missing::Impute,
            split: Split::Column {
                column: "split".into(),
                test_value: "test".into(),
            },
            folds: 5,
            confidence: 0.9,
            ..ModelSpec::new(
                "price_model",
                Method::Linear,
                "price",
                &["area_m2", "rooms", "city"],
            )
        },
        ModelSpec {
            split: Split::None,
            ..ModelSpec::new(
                "churn_model",
                Method::Logistic {
                    threshold: 0.4,
                    l2: 0.1,
                },
                "churned",
                &["tenure", "plan"],
            )
        },
        ModelSpec {
            split: Split::Random {
                test_share: 0.3,
                seed: 11,
            },
            ..ModelSpec::new(
                "segments",
                Method::KMeans {
                    k: 3,
                    max_k: 8,
                    seed: 7,
                },
                "",
                &["recency", "frequency", "monetary"],
            )
        },
        ModelSpec::new(
            "online_model",
            Method::Online {
                batch: "day".into(),
                grain: Some(Grain::Week),
                prior: 2.0,
                threshold: 0.6,
            },
            "clicked",
            &["position", "device"],
        ),
    ];
    for m in models {
        let input = if m.name == "segments" {
            "users"
        } else {
            "orders_clean"
        };
        cells.push(cell(&format!("model-{}", m.name), model(input, m)));
    }

    (
        Notebook {
            title: "Golden v6: every kind, every field — \"모든\" 필드".into(),
            cells,
        },
        manifest,
    )
}

// ---------------------------------------------------------------------------------------------
// Which variants the golden notebook holds. The matches are exhaustive on purpose: a new
// variant of a live type that a file holds does not compile here. Such a variant is a change of
// the file format: a new version module, an upgrade step (see `file.rs`), and a place in the
// golden notebook and in `EVERY_VARIANT`.

/// A variant's name as the file writes it (a unit variant's string, or a tagged one's tag).
fn written<T: Serialize>(value: &T, tag: &str) -> String {
    match serde_json::to_value(value).expect("serialises") {
        Value::String(s) => s,
        Value::Object(o) => o[tag].as_str().expect("a tag").to_owned(),
        other => panic!("not a variant: {other}"),
    }
}

fn options_variants(options: &ParseOptions, seen: &mut BTreeSet<String>) {
    match options.encoding {
        EncodingChoice::Auto
        | EncodingChoice::Utf8
        | EncodingChoice::Utf16Le
        | EncodingChoice::Utf16Be
        | EncodingChoice::Cp949
        | EncodingChoice::Windows1252 => {}
    }
    match options.delimiter {
        DelimiterChoice::Auto
        | DelimiterChoice::Comma
        | DelimiterChoice::Semicolon
        | DelimiterChoice::Tab
        | DelimiterChoice::Pipe => {}
    }
    match options.header {
        HeaderChoice::Auto | HeaderChoice::Present | HeaderChoice::Absent => {}
    }
    seen.insert(format!("encoding {}", written(&options.encoding, "")));
    seen.insert(format!("delimiter {}", written(&options.delimiter, "")));
    seen.insert(format!("header {}", written(&options.header, "")));
}

fn column_type(dtype: ColumnType, seen: &mut BTreeSet<String>) {
    match dtype {
        ColumnType::Integer
        | ColumnType::Float
        | ColumnType::Boolean
        | ColumnType::Date
        | ColumnType::Datetime
        | ColumnType::Text => {}
    }
    seen.insert(format!("dtype {}", written(&dtype, "")));
}

fn step_variants(op: &StepOp, seen: &mut BTreeSet<String>) {
    seen.insert(format!("step {}", written(op, "step")));
    match op {
        StepOp::Select { .. }
        | StepOp::Drop { .. }
        | StepOp::Rename { .. }
        | StepOp::ParseDate { .. }
        | StepOp::Trim { .. }
        | StepOp::Filter { .. }
        | StepOp::Derive { .. }
        | StepOp::Sort { .. }
        | StepOp::Replace { .. } => {}
        StepOp::Cast { to, .. } => column_type(*to, seen),
        StepOp::Case { case, .. } => {
            match case {
                TextCase::Lower | TextCase::Upper | TextCase::Title => {}
            }
            seen.insert(format!("case {}", written(case, "")));
        }
        StepOp::FillNull { fill, .. } => {
            match fill {
                Fill::Constant(_)
                | Fill::Mean
                | Fill::Median
                | Fill::Mode
                | Fill::Forward
                | Fill::Backward => {}
            }
            seen.insert(format!("fill {}", written(fill, "with")));
        }
        StepOp::DropNulls { how, .. } => {
            match how {
                NullRows::Any | NullRows::All => {}
            }
            seen.insert(format!("how {}", written(how, "")));
        }
        StepOp::Dedup { keep, .. } => {
            match keep {
                Keep::First | Keep::Last => {}
            }
            seen.insert(format!("keep {}", written(keep, "")));
        }
        StepOp::Outliers { rule, action, .. } => {
            match rule {
                OutlierRule::Iqr { .. } | OutlierRule::ZScore { .. } => {}
            }
            match action {
                OutlierAction::Clip | OutlierAction::Drop => {}
            }
            seen.insert(format!("rule {}", written(rule, "rule")));
            seen.insert(format!("action {}", written(action, "")));
        }
    }
}

fn chart_variants(chart: &ChartSpec, seen: &mut BTreeSet<String>) {
    seen.insert(format!("chart {}", written(&chart.kind, "kind")));
    match chart.kind {
        ChartKind::Line { step } => {
            if let Some(step) = step {
                match step {
                    TimeStep::Day | TimeStep::Week | TimeStep::Month => {}
                }
                seen.insert(format!("time step {}", written(&step, "")));
            }
        }
        ChartKind::Histogram { bins } => {
            match bins {
                BinRule::Sturges | BinRule::FreedmanDiaconis | BinRule::Fixed { .. } => {}
            }
            seen.insert(format!("bins {}", written(&bins, "rule")));
        }
        ChartKind::Bar { .. }
        | ChartKind::Scatter { .. }
        | ChartKind::Box
        | ChartKind::Interval
        | ChartKind::Roc
        | ChartKind::Spark => {}
    }
    match chart.aggregate {
        Aggregate::None
        | Aggregate::Sum
        | Aggregate::Mean
        | Aggregate::Count
        | Aggregate::Min
        | Aggregate::Max
        | Aggregate::Median => {}
    }
    match chart.sort {
        SortOrder::None | SortOrder::XAscending | SortOrder::YDescending => {}
    }
    seen.insert(format!("aggregate {}", written(&chart.aggregate, "")));
    seen.insert(format!("sort {}", written(&chart.sort, "")));
}

fn direction(direction: Direction, seen: &mut BTreeSet<String>) {
    match direction {
        Direction::Higher | Direction::Lower => {}
    }
    seen.insert(format!("direction {}", written(&direction, "")));
}

fn grain(grain: Grain, seen: &mut BTreeSet<String>) {
    match grain {
        Grain::Day | Grain::Week | Grain::Month | Grain::Quarter => {}
    }
    seen.insert(format!("grain {}", written(&grain, "")));
}

fn experiment_variants(spec: &ExperimentSpec, seen: &mut BTreeSet<String>) {
    for m in &spec.metrics {
        match m.kind {
            MetricKind::Binomial { .. }
            | MetricKind::Mean { .. }
            | MetricKind::Ratio { .. }
            | MetricKind::Defined { .. } => {}
        }
        match m.role {
            Role::Goal | Role::Guardrail | Role::Secondary => {}
        }
        seen.insert(format!("metric kind {}", written(&m.kind, "type")));
        seen.insert(format!("role {}", written(&m.role, "")));
        direction(m.direction, seen);
    }
    match spec.duplicates {
        DuplicatePolicy::KeepFirst | DuplicatePolicy::DropMixed => {}
    }
    match spec.correction {
        Correction::Holm | Correction::BenjaminiHochberg => {}
    }
    seen.insert(format!("duplicates {}", written(&spec.duplicates, "")));
    seen.insert(format!("correction {}", written(&spec.correction, "")));
}

fn model_variants(spec: &ModelSpec, seen: &mut BTreeSet<String>) {
    seen.insert(format!("method {}", written(&spec.method, "method")));
    match &spec.method {
        Method::Online { grain: Some(g), .. } => grain(*g, seen),
        Method::Linear
        | Method::Logistic { .. }
        | Method::KMeans { .. }
        | Method::Online { grain: None, .. } => {}
    }
    match spec.missing {
        Missing::Drop | Missing::Impute => {}
    }
    match spec.split {
        Split::None | Split::Random { .. } | Split::Column { .. } => {}
    }
    seen.insert(format!("missing {}", written(&spec.missing, "")));
    seen.insert(format!("split {}", written(&spec.split, "split")));
}

/// Every variant the notebook and manifest hold, as `what name`.
fn variants(notebook: &Notebook, manifest: &[DataSource]) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    for c in &notebook.cells {
        seen.insert(format!("cell {}", written(&c.spec, "kind")));
        match &c.spec {
            CellSpec::Markdown(_) | CellSpec::Sql(_) | CellSpec::Dashboard(_) => {}
            CellSpec::Data(kinds::Data { options, .. }) => options_variants(options, &mut seen),
            CellSpec::Clean(kinds::Clean { steps, .. }) => {
                for s in steps {
                    step_variants(&s.op, &mut seen);
                }
            }
            CellSpec::Quality(kinds::Quality { checks, .. }) => {
                for check in checks {
                    match check {
                        Check::NotNull { .. }
                        | Check::Unique { .. }
                        | Check::InRange { .. }
                        | Check::InSet { .. }
                        | Check::Pattern { .. }
                        | Check::RowCount { .. }
                        | Check::Referential { .. }
                        | Check::Fresh { .. } => {}
                    }
                    seen.insert(format!("check {}", written(check, "check")));
                }
            }
            CellSpec::Chart(kinds::Chart { chart, .. }) => chart_variants(chart, &mut seen),
            CellSpec::Experiment(kinds::Experiment { experiment, .. }) => {
                experiment_variants(experiment, &mut seen)
            }
            CellSpec::Plan(kinds::Plan { plan }) => {
                match plan.metric {
                    PlanMetric::Proportion { .. } | PlanMetric::Mean { .. } => {}
                }
                seen.insert(format!("plan metric {}", written(&plan.metric, "type")));
            }
            CellSpec::Metric(kinds::Metric { metric }) => {
                match metric.format {
                    NumberFormat::Number
                    | NumberFormat::Integer
                    | NumberFormat::Percent
                    | NumberFormat::Currency { .. } => {}
                }
                match metric.empty {
                    EmptyPeriods::Auto | EmptyPeriods::Zero | EmptyPeriods::Gap => {}
                }
                seen.insert(format!("format {}", written(&metric.format, "style")));
                seen.insert(format!("empty {}", written(&metric.empty, "")));
                grain(metric.grain, &mut seen);
                direction(metric.direction, &mut seen);
            }
            CellSpec::Model(kinds::Model { model, .. }) => model_variants(model, &mut seen),
        }
    }
    for source in manifest {
        options_variants(&source.options, &mut seen);
        for field in &source.schema {
            column_type(field.dtype, &mut seen);
        }
    }
    seen
}

/// Every variant of every enum a version 6 file holds.
const EVERY_VARIANT: &str = "
    cell markdown, cell data, cell sql, cell clean, cell quality, cell chart, cell experiment,
    cell plan, cell metric, cell dashboard, cell model,
    encoding Auto, encoding Utf8, encoding Utf16Le, encoding Utf16Be, encoding Cp949,
    encoding Windows1252,
    delimiter Auto, delimiter Comma, delimiter Semicolon, delimiter Tab, delimiter Pipe,
    header Auto, header Present, header Absent,
    dtype Integer, dtype Float, dtype Boolean, dtype Date, dtype Datetime, dtype Text,
    step select, step drop, step rename, step cast, step parse_date, step trim, step case,
    step replace, step fill_null, step drop_nulls, step dedup, step filter, step derive,
    step outliers, step sort,
    case lower, case upper, case title,
    fill constant, fill mean, fill median, fill mode, fill forward, fill backward,
    how any, how all, keep first, keep last,
    rule iqr, rule z_score, action clip, action drop,
    check not_null, check unique, check in_range, check in_set, check pattern, check row_count,
    check referential, check fresh,
    chart line, chart bar, chart scatter, chart histogram, chart box, chart interval, chart roc,
    chart spark,
    time step day, time step week, time step month,
    bins sturges, bins freedman_diaconis, bins fixed,
    aggregate none, aggregate sum, aggregate mean, aggregate count, aggregate min, aggregate max,
    aggregate median,
    sort none, sort x_ascending, sort y_descending,
    metric kind binomial, metric kind mean, metric kind ratio, metric kind defined,
    role goal, role guardrail, role secondary,
    direction higher, direction lower,
    duplicates keep_first, duplicates drop_mixed,
    correction holm, correction benjamini_hochberg,
    plan metric proportion, plan metric mean,
    format number, format integer, format percent, format currency,
    empty auto, empty zero, empty gap,
    grain day, grain week, grain month, grain quarter,
    method linear, method logistic, method kmeans, method online,
    missing drop, missing impute,
    split none, split random, split column
";

#[test]
fn the_golden_notebook_holds_every_variant() {
    let (notebook, manifest) = golden();
    let seen = variants(&notebook, &manifest);
    let every: BTreeSet<String> = EVERY_VARIANT
        .split(',')
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let missing: Vec<_> = every.difference(&seen).collect();
    let unlisted: Vec<_> = seen.difference(&every).collect();
    assert!(
        missing.is_empty() && unlisted.is_empty(),
        "not in the golden notebook: {missing:?}; not in EVERY_VARIANT: {unlisted:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// The golden file.

/// The lines that differ, as a unified diff without line numbers (- golden, + now), with two
/// lines of context: a longest common subsequence of lines, fine for a file of a few thousand.
fn diff(expected: &str, actual: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let (n, m) = (a.len(), b.len());
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut lines: Vec<(char, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            lines.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            lines.push(('-', a[i]));
            i += 1;
        } else {
            lines.push(('+', b[j]));
            j += 1;
        }
    }
    let near_change = |k: usize| {
        lines[k.saturating_sub(2)..(k + 3).min(lines.len())]
            .iter()
            .any(|(c, _)| *c != ' ')
    };
    let mut out = String::new();
    let mut skipped = false;
    for (k, (c, line)) in lines.iter().enumerate() {
        if near_change(k) {
            out.push_str(&format!("{c} {line}\n"));
            skipped = false;
        } else if !skipped {
            out.push_str("  …\n");
            skipped = true;
        }
    }
    if out
        .trim_matches(|c| c == '…' || c == ' ' || c == '\n')
        .is_empty()
    {
        out = "(the lines are equal: the difference is in line endings)\n".into();
    }
    out
}

/// What this build writes for the golden notebook is the committed golden file, byte for byte.
/// Failing here means a change to the live types changed version 6 files: see the module doc.
#[test]
fn the_golden_notebook_writes_the_golden_file() {
    let (notebook, manifest) = golden();
    if let Err(e) = current_file(&notebook, &manifest) {
        panic!(
            "the live types wrote something a version 6 file does not have: {e}\n\
             A change to the file format is a new version: see file.rs"
        );
    }
    let written = write_notebook(&notebook, &manifest);
    if std::env::var_os("QUIRE_BLESS").is_some() {
        std::fs::write(GOLDEN, &written).expect("writes the golden file");
        return;
    }
    let golden = std::fs::read_to_string(GOLDEN)
        .expect("the golden file exists (make it with QUIRE_BLESS=1, see this module's doc)");
    assert!(
        golden == written,
        "the file written for the golden notebook differs from {GOLDEN} \
         (- golden, + written now):\n{}\n\
         The live types no longer write version 6 as it was. Undo the change, or map it back \
         (a serde rename), or make it a new version: see the recipe in file.rs. Only then \
         rewrite the golden file with QUIRE_BLESS=1.",
        diff(&golden, &written)
    );
}

/// The frozen types write what the live types write, byte for byte: they are a faithful copy.
#[test]
fn the_frozen_types_write_what_the_live_types_write() {
    let (notebook, manifest) = golden();
    let frozen = current_file(&notebook, &manifest).expect("version 6 knows every field");
    let live = crate::file::live_file(&notebook, &manifest);
    assert_eq!(
        serde_json::to_string_pretty(&frozen).expect("writes"),
        serde_json::to_string_pretty(&live).expect("writes")
    );
    assert_eq!(
        serde_json::to_string(&frozen).expect("writes"),
        serde_json::to_string(&live).expect("writes")
    );
}

#[test]
fn the_golden_file_reads_back_and_writes_itself() {
    let golden_text = std::fs::read_to_string(GOLDEN).expect("the golden file exists");
    let opened = open_file(golden_text.as_bytes()).expect("the golden file opens");
    let written = write_notebook(&opened.notebook, &opened.manifest);
    assert!(
        written == golden_text,
        "the golden file, opened and written again, changed (- golden, + written):\n{}",
        diff(&golden_text, &written)
    );
    assert!(
        (&opened.notebook, &opened.manifest) == (&golden().0, &golden().1),
        "the golden file does not read as the golden notebook"
    );
    // A share link carries the same file, compact.
    let fragment = share_fragment(&opened.notebook, &opened.manifest);
    assert!(
        from_share_fragment(&fragment).expect("opens") == (opened.notebook, opened.manifest),
        "the golden notebook changed through a share link"
    );
}

#[test]
fn the_diff_shows_what_changed() {
    let d = diff("a\nb\nc\nd\ne\nf\ng\n", "a\nb\nc\nD\ne\nf\ng\nh\n");
    assert!(d.contains("- d\n+ D\n"), "{d}");
    assert!(d.contains("+ h\n"), "{d}");
    assert!(!d.contains("  a\n"), "{d}");
    assert!(diff("a\n", "a\r\n").contains("line endings"));
}

// ---------------------------------------------------------------------------------------------
// What a version 6 reader refuses.

fn golden_value() -> Value {
    let bytes = std::fs::read(GOLDEN).expect("the golden file exists");
    serde_json::from_slice(&bytes).expect("JSON")
}

fn corrupt(value: &Value) -> String {
    match read_notebook(value.to_string().as_bytes()) {
        Err(FileError::Corrupt { message }) => message,
        other => panic!("expected Corrupt, got {other:?}"),
    }
}

fn index_of(value: &Value, id: &str) -> usize {
    value["cells"]
        .as_array()
        .expect("cells")
        .iter()
        .position(|c| c["id"] == id)
        .expect("a cell of that id")
}

/// Damages the cell at the index given.
type Damage = fn(&mut Value, usize);

/// A field a version 6 file does not have is refused wherever it is, naming the cell or the
/// entry and the field: a misspelt field is not silently dropped, and a field the live types
/// would add is not silently written.
#[test]
fn unknown_fields_are_refused_naming_the_place() {
    let base = golden_value();
    let cases: [(&str, Damage, &str); 10] = [
        (
            "sql",
            |v, i| v["cells"][i]["colour"] = json!("red"),
            "unknown field `colour`",
        ),
        (
            "load-orders",
            |v, i| v["cells"][i]["options"]["quote"] = json!("'"),
            "unknown field `quote`",
        ),
        (
            "clean",
            |v, i| v["cells"][i]["steps"][2]["op"]["case_sensitive"] = json!(true),
            "unknown field `case_sensitive`",
        ),
        (
            "clean",
            |v, i| v["cells"][i]["steps"][0]["note"] = json!("x"),
            "unknown field `note`",
        ),
        (
            "quality",
            |v, i| v["cells"][i]["checks"][0]["severity"] = json!("warn"),
            "unknown field `severity`",
        ),
        (
            "chart-box",
            |v, i| v["cells"][i]["chart"]["kind"]["notched"] = json!(true),
            "unknown field `notched`",
        ),
        (
            "chart-line-day",
            |v, i| v["cells"][i]["chart"]["legend"] = json!(false),
            "unknown field `legend`",
        ),
        (
            "experiment",
            |v, i| v["cells"][i]["experiment"]["metrics"][0]["winsorise"] = json!(0.99),
            "unknown field `winsorise`",
        ),
        (
            "metric-revenue_per_user",
            |v, i| v["cells"][i]["metric"]["format"]["decimals"] = json!(2),
            "unknown field `decimals`",
        ),
        (
            "model-price_model",
            |v, i| v["cells"][i]["model"]["method"]["intercept"] = json!(false),
            "unknown field `intercept`",
        ),
    ];
    for (id, damage, expected) in cases {
        let mut value = base.clone();
        let i = index_of(&value, id);
        damage(&mut value, i);
        let message = corrupt(&value);
        assert!(
            message.starts_with(&format!("cells[{i}] (id {id:?}): ")) && message.contains(expected),
            "{id}: {message}"
        );
    }
    let mut value = base.clone();
    value["data"][1]["modified"] = json!("2024-01-01");
    let message = corrupt(&value);
    assert!(
        message.starts_with("data[1]: unknown field `modified`"),
        "{message}"
    );
    let mut value = base.clone();
    value["data"][0]["schema"][0]["nullable"] = json!(true);
    assert!(corrupt(&value).contains("unknown field `nullable`"));
    let mut value = base;
    value["author"] = json!("someone");
    let message = corrupt(&value);
    assert!(message.starts_with("unknown field `author`"), "{message}");
}

/// A version 6 file may leave out a field that has a default: it reads as version 6's default.
#[test]
fn left_out_fields_read_as_version_6_defaults() {
    let file = json!({
        "format": "quire-notebook", "version": 6, "title": "Defaults",
        "cells": [
            {"id": "p", "kind": "plan", "plan": {"metric": {"type": "proportion", "baseline": 0.1}, "effect": 0.05}},
            {"id": "e", "kind": "experiment", "input": "t",
             "experiment": {"unit": "u", "variant": "v", "control": "c",
                            "metrics": [{"kind": {"type": "mean", "column": "x"}}]}},
            {"id": "m", "kind": "model", "input": "t", "model": {"name": "fit", "method": {"method": "online", "batch": "b"}}},
            {"id": "k", "kind": "model", "input": "t", "model": {"name": "km", "method": {"method": "kmeans", "k": 2}}},
            {"id": "c", "kind": "clean", "input": "t", "table": "u",
             "steps": [{"op": {"step": "replace", "column": "a", "find": "x", "with": null}}]},
            {"id": "d", "kind": "dashboard", "tiles": []}
        ],
        "data": []
    });
    let (notebook, _) = read_notebook(file.to_string().as_bytes()).expect("opens");
    let written: Value =
        serde_json::from_str(&write_notebook(&notebook, &[])).expect("writes JSON");
    let cells = &written["cells"];
    assert_eq!(
        cells[0]["plan"],
        json!({"metric": {"type": "proportion", "baseline": 0.1}, "alpha": 0.05, "power": 0.8,
               "effect": 0.05, "per_arm": null, "daily_traffic": null,
               "stages": [0.05, 0.1, 0.2, 0.5], "stage_days": 7})
    );
    assert_eq!(
        cells[1]["experiment"],
        json!({"unit": "u", "variant": "v", "control": "c", "weights": [],
               "metrics": [{"name": "", "kind": {"type": "mean", "column": "x"}, "role": "goal",
                            "direction": "higher", "covariate": null}],
               "confidence": 0.95, "duplicates": "keep_first", "correction": "holm",
               "sequential": false, "planned_per_arm": null})
    );
    assert_eq!(
        cells[2]["model"],
        json!({"name": "fit",
               "method": {"method": "online", "batch": "b", "grain": null, "prior": 1.0, "threshold": 0.5},
               "target": "", "features": [], "standardise": false, "missing": "drop",
               "split": {"split": "random", "test_share": 0.2, "seed": 42}, "folds": 0,
               "confidence": 0.95})
    );
    assert_eq!(
        cells[3]["model"]["method"],
        json!({"method": "kmeans", "k": 2, "max_k": 0, "seed": 42})
    );
    assert_eq!(
        cells[4]["steps"][0],
        json!({"enabled": true, "op": {"step": "replace", "column": "a", "find": "x", "with": null, "whole": true}})
    );
    assert_eq!(cells[5]["title"], "");
    assert_eq!(cells[5]["collapsed"], false);
}
