use polars::prelude::*;
use quire_protocol::Cell;
use quire_protocol::quality::{Check, CheckProblem, Outcome};

use super::run;

fn orders() -> DataFrame {
    let df = df!(
        "id" => [Some(1i64), Some(2), Some(2), Some(4), None],
        "amount" => [Some(10.0), Some(-5.0), Some(20.0), None, Some(1e9)],
        "status" => [Some("paid"), Some("paid"), Some("refunded"), Some("lost"), None],
        "email" => [Some("a@x.kr"), Some("bad"), Some("b@x.kr"), Some("c@x"), Some("김@x.kr")],
        "customer" => [Some(10i64), Some(20), Some(30), None, Some(10)],
        "day" => [Some("2024-03-01"), Some("2024-03-09"), Some("1969-12-31"), None, None],
    )
    .expect("df");
    crate::testing::with_dates(df, "day")
}

fn customers() -> DataFrame {
    df!("customer" => [10i64, 20]).expect("df")
}

fn check(check: Check) -> quire_protocol::quality::CheckResult {
    let others = customers();
    run(&orders(), &[check], |name| {
        (name == "customers").then_some(&others)
    })
    .remove(0)
}

#[test]
fn not_null_and_unique_count_failing_rows() {
    let r = check(Check::NotNull {
        column: "id".into(),
    });
    assert_eq!(
        (r.outcome.clone(), r.failing, r.rows),
        (Outcome::Fail, 1, 5)
    );
    assert_eq!(r.sample.len(), 1);
    assert_eq!(r.sample[0][0], Cell::Null);
    assert_eq!(r.columns[0], "id");
    // Both rows with id 2 fail; the null id is not compared.
    let r = check(Check::Unique {
        columns: vec!["id".into()],
    });
    assert_eq!(r.failing, 2);
    let r = check(Check::Unique {
        columns: vec!["id".into(), "status".into()],
    });
    assert!(r.passed());
}

#[test]
fn ranges_of_numbers_and_dates() {
    let r = check(Check::InRange {
        column: "amount".into(),
        min: Some("0".into()),
        max: Some("1000".into()),
    });
    assert_eq!(r.failing, 2, "-5 and 1e9; the null passes");
    let r = check(Check::InRange {
        column: "day".into(),
        min: Some("1970-01-01".into()),
        max: None,
    });
    assert_eq!(r.failing, 1);
    assert_eq!(r.sample[0][5], Cell::Date("1969-12-31".into()));
    let r = check(Check::InRange {
        column: "amount".into(),
        min: Some("zero".into()),
        max: None,
    });
    assert!(matches!(
        r.outcome,
        Outcome::Invalid {
            problem: CheckProblem::BadNumber { .. }
        }
    ));
    let r = check(Check::InRange {
        column: "status".into(),
        min: Some("a".into()),
        max: None,
    });
    assert!(matches!(r.outcome, Outcome::Invalid { .. }));
}

#[test]
fn sets_and_patterns() {
    let r = check(Check::InSet {
        column: "status".into(),
        values: vec!["paid".into(), "refunded".into()],
    });
    assert_eq!(r.failing, 1, "lost; the null passes");
    let r = check(Check::Pattern {
        column: "email".into(),
        pattern: r"[^@\s]+@[^@\s]+\.[a-z]+".into(),
    });
    assert_eq!(r.failing, 2, "bad and c@x; 김@x.kr matches");
    let r = check(Check::Pattern {
        column: "email".into(),
        pattern: "(".into(),
    });
    assert!(matches!(
        r.outcome,
        Outcome::Invalid {
            problem: CheckProblem::BadPattern { .. }
        }
    ));
}

#[test]
fn row_count_referential_and_freshness() {
    let r = check(Check::RowCount { min: 5 });
    assert!(r.passed());
    assert_eq!(r.observed.as_deref(), Some("5"));
    assert!(!check(Check::RowCount { min: 6 }).passed());
    let r = check(Check::Referential {
        column: "customer".into(),
        other_table: "customers".into(),
        other_column: "customer".into(),
    });
    assert_eq!(r.failing, 1, "customer 30 is unknown; the null passes");
    let r = check(Check::Fresh {
        column: "day".into(),
        days: 7,
        reference: "2024-03-16".into(),
    });
    assert!(r.passed());
    assert_eq!(r.observed.as_deref(), Some("2024-03-09"));
    let r = check(Check::Fresh {
        column: "day".into(),
        days: 6,
        reference: "2024-03-16".into(),
    });
    assert_eq!(r.outcome, Outcome::Fail);
    let r = check(Check::Fresh {
        column: "status".into(),
        days: 6,
        reference: "2024-03-16".into(),
    });
    assert!(matches!(r.outcome, Outcome::Invalid { .. }));
    let r = check(Check::Fresh {
        column: "day".into(),
        days: 6,
        reference: "someday".into(),
    });
    assert!(matches!(r.outcome, Outcome::Invalid { .. }));
}

#[test]
fn unknown_columns_and_empty_tables() {
    let r = check(Check::NotNull {
        column: "nope".into(),
    });
    assert_eq!(
        r.outcome,
        Outcome::Invalid {
            problem: CheckProblem::NoColumn {
                column: "nope".into()
            }
        }
    );
    let empty = orders().head(Some(0));
    let results = run(
        &empty,
        &[
            Check::NotNull {
                column: "id".into(),
            },
            Check::Unique {
                columns: vec!["id".into()],
            },
            Check::RowCount { min: 1 },
            Check::Fresh {
                column: "day".into(),
                days: 1,
                reference: "2024-01-01".into(),
            },
        ],
        |_| None,
    );
    let outcomes: Vec<bool> = results.iter().map(|r| r.passed()).collect();
    assert_eq!(outcomes, [true, true, false, false]);
}

#[test]
fn freshness_of_datetimes_goes_by_their_day() {
    // "YYYY-MM-DD HH:MM:SS" as datetimes in `unit`: the day's number times a day's microseconds,
    // plus the time of day.
    let stamps = |unit: TimeUnit, texts: &[Option<&str>]| {
        let micros: Vec<Option<i64>> = texts
            .iter()
            .map(|t| {
                let (day, time) = t.as_deref()?.split_once(' ')?;
                let day = Series::new("d".into(), [day]).cast(&DataType::Date).ok()?;
                let day = i64::from(day.date().ok()?.physical().get(0)?);
                let hms: Vec<i64> = time.split(':').filter_map(|p| p.parse().ok()).collect();
                let seconds = hms[0] * 3600 + hms[1] * 60 + hms[2];
                Some(day * 86_400_000_000 + seconds * 1_000_000)
            })
            .collect();
        let s = Series::new("at".into(), micros)
            .cast(&DataType::Datetime(TimeUnit::Microseconds, None))
            .expect("datetimes")
            .cast(&DataType::Datetime(unit, None))
            .expect("unit");
        assert_eq!(s.null_count(), texts.iter().filter(|t| t.is_none()).count());
        DataFrame::new(vec![s.into()]).expect("df")
    };
    let fresh = |df: &DataFrame, days: u32| {
        run(
            df,
            &[Check::Fresh {
                column: "at".into(),
                days,
                reference: "2024-03-16".into(),
            }],
            |_| None,
        )
        .remove(0)
    };
    for unit in [
        TimeUnit::Nanoseconds,
        TimeUnit::Microseconds,
        TimeUnit::Milliseconds,
    ] {
        let df = stamps(
            unit,
            &[
                Some("2024-03-01 08:00:00"),
                None,
                Some("2024-03-09 23:59:59"),
                Some("2024-02-01 00:00:00"),
            ],
        );
        // The latest moment is late on the 9th: 7 days before the 16th, not 6.
        let r = fresh(&df, 7);
        assert!(r.passed(), "{unit:?}: {r:?}");
        assert_eq!(r.observed.as_deref(), Some("2024-03-09"));
        assert_eq!(fresh(&df, 6).outcome, Outcome::Fail);
    }
    // Before 1970 the day is still the calendar day (23:00 on 31 December 1969 is day −1).
    let old = stamps(TimeUnit::Microseconds, &[Some("1969-12-31 23:00:00")]);
    let r = fresh(&old, 1);
    assert_eq!(r.outcome, Outcome::Fail);
    assert_eq!(r.observed.as_deref(), Some("1969-12-31"));
    let none = stamps(TimeUnit::Milliseconds, &[None, None]);
    let r = fresh(&none, 1000);
    assert_eq!(
        (r.outcome, r.observed.as_deref()),
        (Outcome::Fail, Some("—"))
    );
}

#[test]
fn a_referential_check_naming_a_missing_table_or_column_says_which() {
    let r = check(Check::Referential {
        column: "customer".into(),
        other_table: "clients".into(),
        other_column: "customer".into(),
    });
    assert_eq!(
        r.outcome,
        Outcome::Invalid {
            problem: CheckProblem::NoTable {
                table: "clients".into()
            }
        }
    );
    assert!(!r.passed());
    assert_eq!((r.failing, r.rows), (0, 5));
    let r = check(Check::Referential {
        column: "customer".into(),
        other_table: "customers".into(),
        other_column: "id".into(),
    });
    assert_eq!(
        r.outcome,
        Outcome::Invalid {
            problem: CheckProblem::NoColumnIn {
                table: "customers".into(),
                column: "id".into()
            }
        }
    );
    let r = check(Check::Referential {
        column: "nope".into(),
        other_table: "customers".into(),
        other_column: "customer".into(),
    });
    assert_eq!(
        r.outcome,
        Outcome::Invalid {
            problem: CheckProblem::NoColumn {
                column: "nope".into()
            }
        }
    );
}
