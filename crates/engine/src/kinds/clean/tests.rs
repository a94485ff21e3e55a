use polars::prelude::*;
use quire_protocol::clean::*;
use quire_protocol::{Cell, CellError, ColumnType};

use super::{ROW, run};

fn bounds(low: &str, high: &str, nan: u64) -> StepNote {
    StepNote::Bounds {
        low: low.into(),
        high: high.into(),
        nan,
    }
}

fn orders() -> DataFrame {
    df!(
        "id" => [1i64, 2, 2, 3, 4, 5],
        "amount" => [Some("12.5"), Some("7"), Some("7"), Some("abc"), None, Some(" 1e3 ")],
        "city" => [Some("  Seoul "), Some("busan"), Some("busan"), None, Some("SEOUL"), Some("대구")],
        "day" => ["2024-01-05", "05/01/2024", "05/01/2024", "1969-07-20", "bad", "2024-02-29"],
    )
    .expect("frame")
}

fn one(df: &DataFrame, op: StepOp) -> (DataFrame, StepLedger) {
    let mut out = run(df, &[Step::new(op)]).expect("runs");
    (out.frame, out.ledger.remove(0))
}

fn strs(df: &DataFrame, name: &str) -> Vec<Option<String>> {
    df.column(name)
        .expect("column")
        .as_materialized_series()
        .cast(&DataType::String)
        .expect("cast")
        .str()
        .expect("text")
        .into_iter()
        .map(|v| v.map(str::to_owned))
        .collect()
}

fn step_error(df: &DataFrame, steps: Vec<Step>) -> (usize, StepProblem) {
    match run(df, &steps) {
        Err(CellError::Step { step, problem }) => (step, problem),
        other => panic!("expected a step error, got {other:?}"),
    }
}

#[test]
fn cast_nulls_what_it_cannot_read_and_counts_it() {
    let (out, ledger) = one(
        &orders(),
        StepOp::Cast {
            column: "amount".into(),
            to: ColumnType::Float,
        },
    );
    assert_eq!(
        out.column("amount").expect("amount").dtype(),
        &DataType::Float64
    );
    assert_eq!(
        strs(&out, "amount"),
        [
            Some("12.5"),
            Some("7.0"),
            Some("7.0"),
            None,
            None,
            Some("1000.0")
        ]
        .map(|v| v.map(str::to_owned))
    );
    let change = ledger.change("amount").expect("amount changed");
    // "abc" failed: nulled. "7" → 7.0 is the same value; " 1e3 " needed trimming to read.
    assert_eq!(change.nulled, 1);
    assert_eq!(change.changed, 1);
    assert_eq!(change.filled, 0);
    assert_eq!((ledger.rows_in, ledger.rows_out), (6, 6));
    assert!(ledger.examples.iter().any(|e| matches!(e,
        Example::Value { row: 4, before: Cell::Text(t), after: Cell::Null, .. } if t == "abc")));
    assert!(!out.get_column_names().iter().any(|n| n.as_str() == ROW));
}

#[test]
fn cast_to_boolean_and_integer() {
    let df = df!("b" => ["yes", "No", "1", "maybe"], "n" => ["1", "2.5", "x", "-4"]).expect("df");
    let (out, ledger) = one(
        &df,
        StepOp::Cast {
            column: "b".into(),
            to: ColumnType::Boolean,
        },
    );
    assert_eq!(
        strs(&out, "b"),
        [Some("true"), Some("false"), Some("true"), None].map(|v| v.map(str::to_owned))
    );
    assert_eq!(ledger.change("b").map(|c| c.nulled), Some(1));
    let (out, ledger) = one(
        &df,
        StepOp::Cast {
            column: "n".into(),
            to: ColumnType::Integer,
        },
    );
    assert_eq!(out.column("n").expect("n").dtype(), &DataType::Int64);
    assert_eq!(ledger.change("n").map(|c| c.nulled), Some(2));
}

#[test]
fn lossy_casts_count_the_values_they_change() {
    // 2.5 → 2 and -1.5 → -1 lose their fractions; 3.0 → 3 and 7.0 → 7 are the same numbers.
    let df = df!("x" => [Some(2.5), Some(3.0), None, Some(-1.5), Some(7.0)]).expect("df");
    let (out, ledger) = one(
        &df,
        StepOp::Cast {
            column: "x".into(),
            to: ColumnType::Integer,
        },
    );
    assert_eq!(
        strs(&out, "x"),
        [Some("2"), Some("3"), None, Some("-1"), Some("7")].map(|v| v.map(str::to_owned))
    );
    let change = ledger.change("x").expect("x changed");
    assert_eq!((change.changed, change.nulled, change.filled), (2, 0, 0));
    assert_eq!(
        ledger.examples[0],
        Example::Value {
            row: 1,
            column: "x".into(),
            before: Cell::Float(2.5),
            after: Cell::Int(2),
        }
    );
    // Back the other way nothing is lost: 2 → 2.0.
    let (_, ledger) = one(
        &out,
        StepOp::Cast {
            column: "x".into(),
            to: ColumnType::Float,
        },
    );
    assert!(ledger.columns.is_empty(), "{:?}", ledger.columns);

    // A datetime cast to a date loses its time of day, unless it was midnight.
    let text =
        df!("t" => ["2024-03-01 10:30", "2024-03-02 00:00", "1969-07-20 20:17"]).expect("df");
    let steps = [
        Step::new(StepOp::ParseDate {
            column: "t".into(),
            formats: vec!["%Y-%m-%d %H:%M".into()],
            datetime: true,
        }),
        Step::new(StepOp::Cast {
            column: "t".into(),
            to: ColumnType::Date,
        }),
    ];
    let out = run(&text, &steps).expect("runs");
    assert_eq!(
        strs(&out.frame, "t"),
        ["2024-03-01", "2024-03-02", "1969-07-20"].map(|v| Some(v.to_owned()))
    );
    let change = out.ledger[1].change("t").expect("t changed");
    assert_eq!((change.changed, change.nulled), (2, 0));
    assert!(matches!(
        &out.ledger[1].examples[0],
        Example::Value { row: 1, after: Cell::Date(d), .. } if d == "2024-03-01"
    ));
}

#[test]
fn parse_dates_tries_each_format_and_handles_dates_before_1970() {
    let (out, ledger) = one(
        &orders(),
        StepOp::ParseDate {
            column: "day".into(),
            formats: vec!["%Y-%m-%d".into(), "%d/%m/%Y".into()],
            datetime: false,
        },
    );
    assert_eq!(out.column("day").expect("day").dtype(), &DataType::Date);
    assert_eq!(
        strs(&out, "day"),
        [
            Some("2024-01-05"),
            Some("2024-01-05"),
            Some("2024-01-05"),
            Some("1969-07-20"),
            None,
            Some("2024-02-29")
        ]
        .map(|v| v.map(str::to_owned))
    );
    let change = ledger.change("day").expect("day");
    assert_eq!(change.nulled, 1, "'bad' matches no format");
    assert_eq!(
        change.changed, 2,
        "05/01/2024 is rewritten as 2024-01-05 twice"
    );
}

#[test]
fn parse_datetimes() {
    let df = df!("t" => ["2024-03-01 10:30", "2024-03-01T11:00:00"]).expect("df");
    let (out, ledger) = one(
        &df,
        StepOp::ParseDate {
            column: "t".into(),
            formats: vec!["%Y-%m-%d %H:%M".into(), "%Y-%m-%dT%H:%M:%S".into()],
            datetime: true,
        },
    );
    assert!(matches!(
        out.column("t").expect("t").dtype(),
        DataType::Datetime(..)
    ));
    assert_eq!(out.column("t").expect("t").null_count(), 0);
    assert_eq!(ledger.change("t").map_or(0, |c| c.nulled), 0);
}

#[test]
fn trim_and_case_count_changed_values_with_unicode() {
    let steps = vec![
        Step::new(StepOp::Trim {
            columns: vec!["city".into()],
        }),
        Step::new(StepOp::Case {
            columns: vec!["city".into()],
            case: TextCase::Title,
        }),
    ];
    let out = run(&orders(), &steps).expect("runs");
    assert_eq!(
        strs(&out.frame, "city"),
        [
            Some("Seoul"),
            Some("Busan"),
            Some("Busan"),
            None,
            Some("Seoul"),
            Some("대구")
        ]
        .map(|v| v.map(str::to_owned))
    );
    assert_eq!(out.ledger[0].change("city").map(|c| c.changed), Some(1));
    // busan ×2 and SEOUL change case; 대구 has no case.
    assert_eq!(out.ledger[1].change("city").map(|c| c.changed), Some(3));
    let (upper, _) = one(
        &orders(),
        StepOp::Case {
            columns: vec!["city".into()],
            case: TextCase::Upper,
        },
    );
    assert_eq!(strs(&upper, "city")[1].as_deref(), Some("BUSAN"));
}

#[test]
fn replace_whole_values_and_inside_text() {
    let df = df!("v" => ["N/A", "1,5", "N/A!", "2"], "n" => [1i64, -1, 3, -1]).expect("df");
    let (out, ledger) = one(
        &df,
        StepOp::Replace {
            column: "v".into(),
            find: "N/A".into(),
            with: None,
            whole: true,
        },
    );
    assert_eq!(strs(&out, "v")[0], None);
    assert_eq!(strs(&out, "v")[2].as_deref(), Some("N/A!"));
    assert_eq!(ledger.change("v").map(|c| c.nulled), Some(1));
    let (out, _) = one(
        &df,
        StepOp::Replace {
            column: "v".into(),
            find: ",".into(),
            with: Some(".".into()),
            whole: false,
        },
    );
    assert_eq!(strs(&out, "v")[1].as_deref(), Some("1.5"));
    let (out, ledger) = one(
        &df,
        StepOp::Replace {
            column: "n".into(),
            find: "-1".into(),
            with: Some("0".into()),
            whole: true,
        },
    );
    assert_eq!(out.column("n").expect("n").dtype(), &DataType::Int64);
    assert_eq!(ledger.change("n").map(|c| c.changed), Some(2));
    let (step, message) = step_error(
        &df,
        vec![Step::new(StepOp::Replace {
            column: "n".into(),
            find: "-1".into(),
            with: Some("zero".into()),
            whole: true,
        })],
    );
    assert_eq!(step, 0);
    assert!(
        matches!(
            &message,
            StepProblem::NotAValue { value, expected: ColumnType::Integer, .. } if value == "zero"
        ),
        "{message:?}"
    );
}

#[test]
fn fill_nulls_every_way() {
    let df = df!("x" => [Some(1i64), None, Some(3), None, Some(3)]).expect("df");
    let fill = |fill: Fill| {
        let (out, ledger) = one(
            &df,
            StepOp::FillNull {
                column: "x".into(),
                fill,
            },
        );
        (strs(&out, "x"), ledger)
    };
    let s = |v: &[Option<&str>]| v.iter().map(|v| v.map(str::to_owned)).collect::<Vec<_>>();
    let (mean, ledger) = fill(Fill::Mean);
    // mean of 1, 3, 3 is 7/3: the integer column becomes float.
    assert_eq!(ledger.change("x").map(|c| c.filled), Some(2));
    assert!(mean[1].as_deref().is_some_and(|v| v.starts_with("2.333")));
    let (median, _) = fill(Fill::Median);
    assert_eq!(
        median,
        s(&[Some("1"), Some("3"), Some("3"), Some("3"), Some("3")])
    );
    let (mode, ledger) = fill(Fill::Mode);
    assert_eq!(mode[1].as_deref(), Some("3"));
    assert_eq!(
        ledger.detail,
        Some(StepNote::FilledWith { value: "3".into() })
    );
    let (constant, _) = fill(Fill::Constant("0".into()));
    assert_eq!(
        constant,
        s(&[Some("1"), Some("0"), Some("3"), Some("0"), Some("3")])
    );
    let (forward, _) = fill(Fill::Forward);
    assert_eq!(
        forward,
        s(&[Some("1"), Some("1"), Some("3"), Some("3"), Some("3")])
    );
    let (backward, _) = fill(Fill::Backward);
    assert_eq!(
        backward,
        s(&[Some("1"), Some("3"), Some("3"), Some("3"), Some("3")])
    );
}

#[test]
fn fill_on_an_all_null_column_fills_nothing_and_says_so() {
    let df = df!("x" => [None::<f64>, None]).expect("df");
    let (out, ledger) = one(
        &df,
        StepOp::FillNull {
            column: "x".into(),
            fill: Fill::Median,
        },
    );
    assert_eq!(out.column("x").expect("x").null_count(), 2);
    assert!(ledger.columns.is_empty());
    assert!(ledger.detail.is_some());
    let (step, message) = step_error(
        &orders(),
        vec![Step::new(StepOp::FillNull {
            column: "city".into(),
            fill: Fill::Mean,
        })],
    );
    assert_eq!(step, 0);
    assert!(
        matches!(message, StepProblem::FillNotNumeric { .. }),
        "{message:?}"
    );
}

#[test]
fn drop_nulls_any_all_and_subset() {
    let df = df!(
        "a" => [Some(1i64), None, None, Some(4)],
        "b" => [Some("x"), Some("y"), None, None],
    )
    .expect("df");
    let (_, any) = one(
        &df,
        StepOp::DropNulls {
            columns: vec![],
            how: NullRows::Any,
        },
    );
    assert_eq!((any.rows_in, any.rows_out), (4, 1));
    let (_, all) = one(
        &df,
        StepOp::DropNulls {
            columns: vec![],
            how: NullRows::All,
        },
    );
    assert_eq!(all.rows_out, 3);
    assert_eq!(
        all.examples,
        vec![Example::Dropped {
            row: 3,
            values: vec![Cell::Null, Cell::Null]
        }]
    );
    let (_, subset) = one(
        &df,
        StepOp::DropNulls {
            columns: vec!["a".into()],
            how: NullRows::Any,
        },
    );
    assert_eq!(subset.rows_out, 2);
}

#[test]
fn dedup_keeps_first_or_last_in_order() {
    let df = df!("k" => [1i64, 2, 1, 3, 2], "v" => ["a", "b", "c", "d", "e"]).expect("df");
    let (first, ledger) = one(
        &df,
        StepOp::Dedup {
            columns: vec!["k".into()],
            keep: Keep::First,
        },
    );
    assert_eq!(
        strs(&first, "v"),
        ["a", "b", "d"].map(|v| Some(v.to_owned()))
    );
    assert_eq!(ledger.dropped(), 2);
    let rows: Vec<u64> = ledger
        .examples
        .iter()
        .map(|e| match e {
            Example::Dropped { row, .. } => *row,
            Example::Value { row, .. } => *row,
        })
        .collect();
    assert_eq!(rows, [3, 5]);
    let (last, _) = one(
        &df,
        StepOp::Dedup {
            columns: vec!["k".into()],
            keep: Keep::Last,
        },
    );
    assert_eq!(
        strs(&last, "v"),
        ["c", "d", "e"].map(|v| Some(v.to_owned()))
    );
    // Whole rows: the orders fixture repeats row 2 exactly.
    let (_, ledger) = one(
        &orders(),
        StepOp::Dedup {
            columns: vec![],
            keep: Keep::First,
        },
    );
    assert_eq!(ledger.dropped(), 1);
}

#[test]
fn filter_and_derive_use_sql() {
    let df = df!("price" => [2.0, 3.5, 10.0], "qty" => [1i64, 2, 0]).expect("df");
    let (out, ledger) = one(
        &df,
        StepOp::Filter {
            predicate: "qty > 0 AND price < 5".into(),
        },
    );
    assert_eq!(out.height(), 2);
    assert_eq!(ledger.dropped(), 1);
    let (out, ledger) = one(
        &df,
        StepOp::Derive {
            name: "total".into(),
            expression: "price * qty".into(),
        },
    );
    assert_eq!(
        strs(&out, "total"),
        ["2.0", "7.0", "0.0"].map(|v| Some(v.to_owned()))
    );
    assert_eq!(ledger.added, ["total"]);
    let (step, message) = step_error(
        &df,
        vec![
            Step::new(StepOp::Sort { by: vec![] }),
            Step::new(StepOp::Filter {
                predicate: "nope >".into(),
            }),
        ],
    );
    assert_eq!(step, 0, "an empty sort is refused first: {message:?}");
    let (step, _) = step_error(
        &df,
        vec![Step::new(StepOp::Filter {
            predicate: "qty >".into(),
        })],
    );
    assert_eq!(step, 0);
}

#[test]
fn outliers_by_iqr_and_z_score() {
    // Q1 = 2, Q3 = 4 (numpy linear), IQR = 2: fences at -1 and 7 with k = 1.5.
    let df = df!("x" => [Some(1i64), Some(2), Some(3), Some(4), Some(100), None]).expect("df");
    let (out, ledger) = one(
        &df,
        StepOp::Outliers {
            column: "x".into(),
            rule: OutlierRule::Iqr { k: 1.5 },
            action: OutlierAction::Clip,
        },
    );
    assert_eq!(strs(&out, "x")[4].as_deref(), Some("7"));
    assert_eq!(out.column("x").expect("x").dtype(), &DataType::Int64);
    assert_eq!(ledger.change("x").map(|c| c.changed), Some(1));
    assert_eq!(ledger.detail, Some(bounds("-1.0", "7.0", 0)));
    let (out, ledger) = one(
        &df,
        StepOp::Outliers {
            column: "x".into(),
            rule: OutlierRule::Iqr { k: 1.5 },
            action: OutlierAction::Drop,
        },
    );
    assert_eq!(out.height(), 5, "the null stays");
    assert_eq!(ledger.dropped(), 1);
    // mean 22, sample sd 43.6… : 100 is within 2 sd, so z = 2 keeps everything.
    let (_, ledger) = one(
        &df,
        StepOp::Outliers {
            column: "x".into(),
            rule: OutlierRule::ZScore { z: 2.0 },
            action: OutlierAction::Drop,
        },
    );
    assert_eq!(ledger.dropped(), 0);
    let (_, ledger) = one(
        &df,
        StepOp::Outliers {
            column: "x".into(),
            rule: OutlierRule::ZScore { z: 1.5 },
            action: OutlierAction::Drop,
        },
    );
    assert_eq!(ledger.dropped(), 1);
    let (_, message) = step_error(
        &df,
        vec![Step::new(StepOp::Outliers {
            column: "x".into(),
            rule: OutlierRule::Iqr { k: f64::NAN },
            action: OutlierAction::Drop,
        })],
    );
    assert_eq!(message, StepProblem::BadK);
}

#[test]
fn huge_and_tiny_numbers_survive() {
    let df = df!("x" => [1e-300, 1e300, -1e300, 5e-324]).expect("df");
    let (out, ledger) = one(
        &df,
        StepOp::Outliers {
            column: "x".into(),
            rule: OutlierRule::ZScore { z: 3.0 },
            action: OutlierAction::Clip,
        },
    );
    assert_eq!(out.height(), 4);
    assert!(ledger.columns.is_empty());
    let (out, _) = one(
        &df,
        StepOp::Sort {
            by: vec![SortKey {
                column: "x".into(),
                descending: true,
            }],
        },
    );
    assert_eq!(strs(&out, "x")[0].as_deref(), Some("1e300"));
}

#[test]
fn select_drop_rename_sort() {
    let steps = vec![
        Step::new(StepOp::Select {
            columns: vec!["city".into(), "id".into()],
        }),
        Step::new(StepOp::Rename {
            from: "city".into(),
            to: "도시".into(),
        }),
        Step::new(StepOp::Sort {
            by: vec![SortKey {
                column: "id".into(),
                descending: true,
            }],
        }),
        Step::new(StepOp::Drop {
            columns: vec!["id".into()],
        }),
    ];
    let out = run(&orders(), &steps).expect("runs");
    let names: Vec<&str> = out
        .frame
        .get_column_names()
        .into_iter()
        .map(PlSmallStr::as_str)
        .collect();
    assert_eq!(names, ["도시"]);
    assert_eq!(strs(&out.frame, "도시")[0].as_deref(), Some("대구"));
    assert_eq!(out.ledger[0].removed, ["amount", "day"]);
    assert_eq!(out.ledger[1].added, ["도시"]);
    assert_eq!(out.ledger[1].removed, ["city"]);
    let (step, message) = step_error(
        &orders(),
        vec![Step::new(StepOp::Rename {
            from: "nope".into(),
            to: "x".into(),
        })],
    );
    assert_eq!(step, 0);
    assert!(
        matches!(&message, StepProblem::NoColumn { column, columns } if column == "nope" && columns.len() == 4),
        "{message:?}"
    );
}

fn floats(df: &DataFrame, name: &str) -> Vec<Option<f64>> {
    df.column(name)
        .expect("column")
        .as_materialized_series()
        .f64()
        .expect("f64")
        .into_iter()
        .collect()
}

fn outlier_step(rule: OutlierRule, action: OutlierAction) -> StepOp {
    StepOp::Outliers {
        column: "x".into(),
        rule,
        action,
    }
}

#[test]
fn outliers_bounds_come_from_finite_values_nan_stays_and_infinities_are_outliers() {
    // Finite values 1, 2, 3, 4, 100: Q1 = 2, Q3 = 4, fences -1 .. 7, as without the rest.
    let df = df!("x" => [
        Some(1.0), Some(f64::NAN), Some(2.0), Some(3.0), Some(f64::INFINITY),
        Some(4.0), Some(f64::NAN), Some(f64::NEG_INFINITY), Some(100.0), None,
    ])
    .expect("df");
    let (out, ledger) = one(
        &df,
        outlier_step(OutlierRule::Iqr { k: 1.5 }, OutlierAction::Clip),
    );
    let x = floats(&out, "x");
    assert_eq!(x[0], Some(1.0));
    assert!(
        x[1].is_some_and(f64::is_nan) && x[6].is_some_and(f64::is_nan),
        "{x:?}"
    );
    assert_eq!(
        (x[4], x[7], x[8], x[9]),
        (Some(7.0), Some(-1.0), Some(7.0), None)
    );
    assert_eq!(
        ledger.change("x").map(|c| (c.changed, c.nulled)),
        Some((3, 0))
    );
    assert_eq!(ledger.detail, Some(bounds("-1.0", "7.0", 2)));
    let (out, ledger) = one(
        &df,
        outlier_step(OutlierRule::Iqr { k: 1.5 }, OutlierAction::Drop),
    );
    // +∞, −∞ and 100 go; both NaN and the null stay.
    assert_eq!(ledger.dropped(), 3);
    assert_eq!(out.height(), 7);
    assert_eq!(
        floats(&out, "x")
            .iter()
            .filter(|v| v.is_some_and(f64::is_nan))
            .count(),
        2
    );
    // z-score: mean 22 and sd 43.6 of the finite values (not NaN): z = 1.5 drops 100 and ±∞.
    let (out, ledger) = one(
        &df,
        outlier_step(OutlierRule::ZScore { z: 1.5 }, OutlierAction::Drop),
    );
    assert_eq!(ledger.dropped(), 3);
    assert_eq!(out.height(), 7);
    let (out, ledger) = one(
        &df,
        outlier_step(OutlierRule::ZScore { z: 2.0 }, OutlierAction::Clip),
    );
    let x = floats(&out, "x");
    assert_eq!(x[8], Some(100.0), "100 is within 2 sd");
    let high = x[4].expect("+inf clipped");
    assert!(
        (high - (22.0 + 2.0 * 43.617_656_975_128_774)).abs() < 1e-9,
        "{high}"
    );
    assert!(x[7].is_some_and(|v| v.is_finite() && v < 0.0));
    assert_eq!(ledger.change("x").map(|c| c.changed), Some(2));
}

#[test]
fn outliers_on_columns_without_finite_values_change_nothing() {
    let all_nan = df!("x" => [f64::NAN, f64::NAN, f64::NAN]).expect("df");
    let infinite = df!("x" => [f64::INFINITY, f64::NEG_INFINITY, f64::NAN]).expect("df");
    for df in [&all_nan, &infinite] {
        for rule in [OutlierRule::Iqr { k: 1.5 }, OutlierRule::ZScore { z: 3.0 }] {
            for action in [OutlierAction::Clip, OutlierAction::Drop] {
                let (out, ledger) = one(df, outlier_step(rule, action));
                assert_eq!(out.height(), 3, "{rule:?} {action:?}");
                assert_eq!(ledger.dropped(), 0);
                assert!(ledger.columns.is_empty(), "{:?}", ledger.columns);
                assert_eq!(ledger.detail, Some(StepNote::TooFewValues));
            }
        }
    }
    // One finite value has no standard deviation; k = 0 over an infinite IQR is no reach.
    let one_value = df!("x" => [f64::NAN, 5.0, f64::INFINITY]).expect("df");
    let (_, ledger) = one(
        &one_value,
        outlier_step(OutlierRule::ZScore { z: 1.0 }, OutlierAction::Drop),
    );
    assert_eq!(ledger.dropped(), 0);
    // Q3 − Q1 overflows to +∞ here; k = 0 keeps the fences at Q1 and Q3, nothing moves.
    let wide = df!("x" => [-f64::MAX, -f64::MAX, f64::MAX, f64::MAX]).expect("df");
    let (_, ledger) = one(
        &wide,
        outlier_step(OutlierRule::Iqr { k: 0.0 }, OutlierAction::Clip),
    );
    assert!(ledger.columns.is_empty(), "{:?}", ledger.columns);
}

#[test]
fn a_disabled_step_is_skipped_and_marked() {
    let steps = vec![
        Step {
            enabled: false,
            op: StepOp::Dedup {
                columns: vec![],
                keep: Keep::First,
            },
        },
        Step::new(StepOp::DropNulls {
            columns: vec!["city".into()],
            how: NullRows::Any,
        }),
    ];
    let out = run(&orders(), &steps).expect("runs");
    assert!(!out.ledger[0].ran);
    assert!(out.ledger[1].ran);
    assert_eq!(out.frame.height(), 5, "duplicates stay, the null city goes");
}

/// What one step on an empty or blank table should do.
#[derive(Clone, Copy, Debug)]
enum Want {
    /// Runs: this many rows out, no value changed or made null, this many filled.
    Runs { rows: u64, filled: u64 },
    /// Stops with a step error of this kind (its serde tag).
    Refused(&'static str),
}

#[test]
fn empty_tables_and_all_null_columns_run_every_step() {
    use Want::{Refused, Runs};
    // An empty table, and a blank CSV column (read as text: every value null).
    let empty = orders().head(Some(0));
    let blank = DataFrame::new(vec![
        Series::new("id".into(), [1i64, 2, 3]).into(),
        Series::full_null("city".into(), 3, &DataType::String).into(),
    ])
    .expect("df");
    let text = || "city".to_owned();
    let fill = |column: String, fill: Fill| StepOp::FillNull { column, fill };
    let cast = |to| StepOp::Cast { column: text(), to };
    for df in [&empty, &blank] {
        let h = df.height() as u64;
        let keeps = Runs { rows: h, filled: 0 };
        let cases: Vec<(Vec<StepOp>, Want)> = vec![
            (
                vec![StepOp::Trim {
                    columns: vec![text()],
                }],
                keeps,
            ),
            (
                vec![StepOp::Case {
                    columns: vec![text()],
                    case: TextCase::Title,
                }],
                keeps,
            ),
            (
                vec![StepOp::ParseDate {
                    column: text(),
                    formats: vec!["%Y-%m-%d".into(), "%d/%m/%Y".into()],
                    datetime: false,
                }],
                keeps,
            ),
            (
                vec![StepOp::ParseDate {
                    column: text(),
                    formats: vec!["%Y-%m-%d %H:%M".into()],
                    datetime: true,
                }],
                keeps,
            ),
            (
                vec![StepOp::Replace {
                    column: text(),
                    find: "a".into(),
                    with: Some("b".into()),
                    whole: true,
                }],
                keeps,
            ),
            (
                vec![StepOp::Replace {
                    column: text(),
                    find: "a".into(),
                    with: Some("b".into()),
                    whole: false,
                }],
                keeps,
            ),
            (vec![fill(text(), Fill::Mean)], Refused("fill_not_numeric")),
            (
                vec![fill(text(), Fill::Median)],
                Refused("fill_not_numeric"),
            ),
            (vec![fill("id".into(), Fill::Mean)], keeps),
            (vec![fill("id".into(), Fill::Median)], keeps),
            (vec![fill(text(), Fill::Mode)], keeps),
            (vec![fill(text(), Fill::Forward)], keeps),
            (vec![fill(text(), Fill::Backward)], keeps),
            (
                vec![fill(text(), Fill::Constant("?".into()))],
                Runs { rows: h, filled: h },
            ),
            // A blank text column cast to numbers has nothing to take a mean of.
            (
                vec![cast(ColumnType::Float), fill(text(), Fill::Mean)],
                keeps,
            ),
            (
                vec![StepOp::DropNulls {
                    columns: vec![text()],
                    how: NullRows::Any,
                }],
                Runs { rows: 0, filled: 0 },
            ),
            (
                vec![StepOp::DropNulls {
                    columns: vec![],
                    how: NullRows::All,
                }],
                keeps,
            ),
            (
                vec![StepOp::Dedup {
                    columns: vec![],
                    keep: Keep::Last,
                }],
                keeps,
            ),
            // Nulls are equal for duplicates: one blank row stays.
            (
                vec![StepOp::Dedup {
                    columns: vec![text()],
                    keep: Keep::First,
                }],
                Runs {
                    rows: h.min(1),
                    filled: 0,
                },
            ),
            (
                vec![StepOp::Filter {
                    predicate: "city IS NULL".into(),
                }],
                keeps,
            ),
            (
                vec![StepOp::Filter {
                    predicate: "city = 'Seoul'".into(),
                }],
                Runs { rows: 0, filled: 0 },
            ),
            (
                vec![StepOp::Derive {
                    name: "loud".into(),
                    expression: "upper(city)".into(),
                }],
                keeps,
            ),
            (
                vec![StepOp::Outliers {
                    column: text(),
                    rule: OutlierRule::Iqr { k: 1.5 },
                    action: OutlierAction::Clip,
                }],
                Refused("not_numeric"),
            ),
            (
                vec![StepOp::Outliers {
                    column: "id".into(),
                    rule: OutlierRule::Iqr { k: 1.5 },
                    action: OutlierAction::Drop,
                }],
                keeps,
            ),
            (
                vec![StepOp::Outliers {
                    column: "id".into(),
                    rule: OutlierRule::ZScore { z: 3.0 },
                    action: OutlierAction::Clip,
                }],
                keeps,
            ),
            (
                vec![
                    cast(ColumnType::Float),
                    StepOp::Outliers {
                        column: text(),
                        rule: OutlierRule::ZScore { z: 3.0 },
                        action: OutlierAction::Drop,
                    },
                ],
                keeps,
            ),
            (
                vec![StepOp::Sort {
                    by: vec![
                        SortKey {
                            column: text(),
                            descending: true,
                        },
                        SortKey {
                            column: "id".into(),
                            descending: false,
                        },
                    ],
                }],
                keeps,
            ),
            (vec![cast(ColumnType::Integer)], keeps),
            (vec![cast(ColumnType::Float)], keeps),
            (vec![cast(ColumnType::Boolean)], keeps),
            (vec![cast(ColumnType::Date)], keeps),
            (vec![cast(ColumnType::Datetime)], keeps),
            (
                vec![StepOp::Cast {
                    column: "id".into(),
                    to: ColumnType::Text,
                }],
                keeps,
            ),
        ];
        for (ops, want) in cases {
            let last = ops.len() - 1;
            let name = ops[last].name();
            let steps: Vec<Step> = ops.into_iter().map(Step::new).collect();
            match (run(df, &steps), want) {
                (Ok(out), Runs { rows, filled }) => {
                    let ledger = &out.ledger[last];
                    assert!(ledger.ran, "{name}");
                    assert_eq!((ledger.rows_in, ledger.rows_out), (h, rows), "{name}");
                    assert_eq!(out.frame.height() as u64, rows, "{name}");
                    let changed: u64 = ledger.columns.iter().map(|c| c.changed + c.nulled).sum();
                    let got: u64 = ledger.columns.iter().map(|c| c.filled).sum();
                    assert_eq!((changed, got), (0, filled), "{name}: {:?}", ledger.columns);
                }
                (Err(CellError::Step { step, problem }), Refused(why)) => {
                    assert_eq!(step, last, "{name}");
                    let tag = serde_json::to_value(&problem).expect("json")["problem"].clone();
                    assert_eq!(tag, why, "{name}: {problem:?}");
                }
                (got, Runs { .. }) => panic!("{name} on {h} rows should run: {got:?}"),
                (got, Refused(why)) => panic!("{name} on {h} rows should say {why:?}: {got:?}"),
            }
        }
    }
}

#[test]
fn the_hidden_row_column_cannot_be_used() {
    let df = df!(ROW => [1i64]).expect("df");
    assert!(matches!(run(&df, &[]), Err(CellError::Step { .. })));
}
