//! Metrics on `tests/fixtures/csv/activity.csv`, whose values are counted by hand in
//! `tests/fixtures/csv/make.py`, and on small frames for the calendar's edges.

use polars::prelude::*;
use quire_protocol::calendar::days_from_civil;
use quire_protocol::experiment::Direction;
use quire_protocol::metric::{EmptyPeriods, Grain, MetricError, MetricSpec, NumberFormat, Trend};

use super::*;

fn activity() -> DataFrame {
    crate::testing::read_fixture(include_bytes!(
        "../../../../../tests/fixtures/csv/activity.csv"
    ))
}

fn day(y: i64, m: i64, d: i64) -> i64 {
    days_from_civil(y, m, d)
}

fn spec(grain: Grain, aggregation: &str) -> MetricSpec {
    MetricSpec {
        grain,
        ..MetricSpec::new("m", "activity", "day", aggregation)
    }
}

fn values(points: &[Point]) -> Vec<Option<f64>> {
    points.iter().map(|p| p.value).collect()
}

fn some(xs: &[f64]) -> Vec<Option<f64>> {
    xs.iter().map(|x| Some(*x)).collect()
}

#[test]
fn daily_active_users_count_each_user_once_a_day() {
    let (table, report) =
        compute(&activity(), &spec(Grain::Day, "count(distinct user_id)")).expect("computes");
    assert_eq!(
        values(&report.total),
        some(&[1., 2., 0., 0., 1., 0., 0., 1., 2., 0., 0., 0., 0., 1.])
    );
    assert_eq!(report.total[0].start, day(2024, 1, 1));
    assert_eq!(
        report.total[1].rows, 3,
        "three rows on 2 January, two users"
    );
    assert!(report.total.iter().all(|p| p.complete));
    assert_eq!(
        report.empty,
        EmptyPeriods::Zero,
        "a count of nothing is zero"
    );
    // Yesterday (1) against the day before (0): no relative change from zero.
    let h = report.headline.expect("headline");
    assert_eq!((h.value, h.previous, h.absolute), (1.0, 0.0, 1.0));
    assert_eq!(h.relative, None);
    assert!(report.partial.is_none());
    assert_eq!(table.height(), 14);
    let names: Vec<&str> = table
        .get_column_names()
        .iter()
        .map(|c| c.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "period",
            "value",
            "rows",
            "complete",
            "change",
            "change_relative"
        ]
    );
    assert_eq!(
        table.column("period").expect("period").dtype(),
        &DataType::Date
    );
    assert!(
        report.sql.contains("count(distinct user_id) AS value"),
        "{}",
        report.sql
    );
    assert!(report.sql.contains("GROUP BY period"), "{}", report.sql);
}

#[test]
fn rolling_weekly_active_users_count_a_user_once_per_window() {
    let mut s = spec(Grain::Day, "count(DISTINCT user_id)");
    s.rolling_days = Some(7);
    let (_, report) = compute(&activity(), &s).expect("computes");
    assert_eq!(
        values(&report.total),
        some(&[1., 2., 2., 2., 3., 3., 3., 3., 4., 4., 4., 3., 3., 4.])
    );
    // The first six windows reach before the data starts.
    let complete: Vec<bool> = report.total.iter().map(|p| p.complete).collect();
    assert_eq!(complete, [vec![false; 6], vec![true; 8]].concat());
    // The headline compares with the window before: 14 Jan (4) against 7 Jan (3).
    let h = report.headline.expect("headline");
    assert_eq!(
        (h.start, h.previous_start),
        (day(2024, 1, 14), day(2024, 1, 7))
    );
    assert_eq!((h.value, h.previous), (4.0, 3.0));
    assert!(
        report.sql.contains("GROUP BY period, user_id"),
        "{}",
        report.sql
    );

    // A 28-day window (MAU) over two weeks: the running count of users, all incomplete.
    s.rolling_days = Some(28);
    let (_, report) = compute(&activity(), &s).expect("computes");
    assert_eq!(
        values(&report.total),
        some(&[1., 2., 2., 2., 3., 3., 3., 3., 4., 4., 4., 4., 4., 4.])
    );
    assert!(report.total.iter().all(|p| !p.complete));
    assert!(report.headline.is_none());
}

#[test]
fn calendar_weeks_and_months() {
    let (_, weekly) =
        compute(&activity(), &spec(Grain::Week, "count(distinct user_id)")).expect("computes");
    assert_eq!(values(&weekly.total), some(&[3., 4.]));
    assert_eq!(
        weekly
            .total
            .iter()
            .map(|p| Grain::Week.label(p.start))
            .collect::<Vec<_>>(),
        ["2024-W01", "2024-W02"]
    );
    let h = weekly.headline.expect("headline");
    assert_eq!((h.absolute, h.relative), (1.0, Some(1.0 / 3.0)));

    // January has data up to the 14th only: marked incomplete, not compared.
    let (_, monthly) =
        compute(&activity(), &spec(Grain::Month, "count(distinct user_id)")).expect("computes");
    assert_eq!(values(&monthly.total), some(&[4.]));
    assert!(!monthly.total[0].complete);
    assert_eq!(monthly.partial.as_ref().map(|p| p.value), Some(Some(4.0)));
    assert!(monthly.headline.is_none());
}

#[test]
fn ratio_metrics_and_revenue() {
    let (_, revenue) = compute(&activity(), &spec(Grain::Week, "sum(amount)")).expect("computes");
    assert_eq!(values(&revenue.total), some(&[36., 30.]));
    let h = revenue.headline.expect("headline");
    assert_eq!(h.absolute, -6.0);
    assert!((h.relative.expect("relative") + 6.0 / 36.0).abs() < 1e-12);
    assert_eq!(h.trend(Direction::Higher), Trend::Bad);
    assert_eq!(h.trend(Direction::Lower), Trend::Good);

    let (table, per_user) = compute(
        &activity(),
        &spec(Grain::Week, "sum(amount) / count(distinct user_id)"),
    )
    .expect("computes");
    assert_eq!(values(&per_user.total), some(&[12., 7.5]));
    assert_eq!(
        per_user.empty,
        EmptyPeriods::Gap,
        "a ratio of nothing is undefined"
    );
    assert!(
        per_user.sql.contains("AS DOUBLE)"),
        "divides exactly: {}",
        per_user.sql
    );
    let change = table
        .column("change")
        .expect("change")
        .f64()
        .expect("f64")
        .get(1);
    assert_eq!(change, Some(-4.5));
}

#[test]
fn empty_periods_follow_the_stated_rule() {
    let daily = |agg: &str, empty: EmptyPeriods| {
        let mut s = spec(Grain::Day, agg);
        s.empty = empty;
        compute(&activity(), &s).expect("computes").1.total
    };
    // 3 January has no rows: a sum is zero, an average is a gap, unless the user chose.
    assert_eq!(daily("sum(amount)", EmptyPeriods::Auto)[2].value, Some(0.0));
    assert_eq!(daily("avg(amount)", EmptyPeriods::Auto)[2].value, None);
    assert_eq!(daily("avg(amount)", EmptyPeriods::Zero)[2].value, Some(0.0));
    assert_eq!(daily("sum(amount)", EmptyPeriods::Gap)[2].value, None);
    assert_eq!(
        daily("avg(amount)", EmptyPeriods::Auto)[1].value,
        Some(26.0 / 3.0)
    );
    assert_eq!(daily("count(*)", EmptyPeriods::Auto)[1].value, Some(3.0));
}

#[test]
fn filters_and_a_breakdown() {
    let mut s = spec(Grain::Week, "count(distinct user_id)");
    s.filters = vec!["country = 'KR'".into(), "amount >= 0".into()];
    let (_, kr) = compute(&activity(), &s).expect("computes");
    assert_eq!(values(&kr.total), some(&[2., 2.]));
    assert!(
        kr.sql
            .contains("WHERE (country = 'KR')\n  AND (amount >= 0)"),
        "{}",
        kr.sql
    );

    let mut s = spec(Grain::Week, "sum(amount)");
    s.dimension = Some("country".into());
    let (table, by_country) = compute(&activity(), &s).expect("computes");
    assert_eq!(values(&by_country.total), some(&[36., 30.]));
    let keys: Vec<&str> = by_country.series.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys, ["KR", "US"], "most rows first");
    assert_eq!(values(&by_country.series[0].points), some(&[16., 11.]));
    assert_eq!(values(&by_country.series[1].points), some(&[20., 19.]));
    assert_eq!(table.height(), 4);
    assert!(table.column("country").is_ok());
    assert!(
        by_country
            .dimension_sql
            .expect("sql")
            .contains("\"country\" AS dimension")
    );

    // A rolling count per country.
    let mut s = spec(Grain::Day, "count(distinct user_id)");
    s.rolling_days = Some(7);
    s.dimension = Some("country".into());
    let (_, rolling) = compute(&activity(), &s).expect("computes");
    let us = rolling.series.iter().find(|s| s.key == "US").expect("US");
    // u2 on 2 and 8 January, u4 on 9 January.
    assert_eq!(
        values(&us.points),
        some(&[0., 1., 1., 1., 1., 1., 1., 1., 2., 2., 2., 2., 2., 2.])
    );
}

#[test]
fn iso_weeks_across_a_year_end_and_partial_weeks() {
    let df = df!(
        "at" => ["2020-12-27", "2020-12-28", "2020-12-31", "2021-01-03", "2021-01-04", "2021-01-06"],
        "n" => [1i64, 2, 3, 4, 5, 6],
    )
    .expect("frame");
    let df = crate::testing::with_dates(df, "at");
    let s = MetricSpec {
        grain: Grain::Week,
        ..MetricSpec::new("m", "t", "at", "sum(n)")
    };
    let (_, report) = compute(&df, &s).expect("computes");
    let labels: Vec<String> = report
        .total
        .iter()
        .map(|p| Grain::Week.label(p.start))
        .collect();
    assert_eq!(labels, ["2020-W52", "2020-W53", "2021-W01"]);
    assert_eq!(values(&report.total), some(&[1., 9., 11.]));
    // Data starts on a Sunday and ends on a Wednesday: both edge weeks are partial.
    let complete: Vec<bool> = report.total.iter().map(|p| p.complete).collect();
    assert_eq!(complete, [false, true, false]);
    assert!(
        report.headline.is_none(),
        "one complete week has nothing complete to compare with"
    );
    assert_eq!(
        report.partial.as_ref().map(|p| p.start),
        Some(day(2021, 1, 4))
    );
}

#[test]
fn datetimes_before_1970_and_quarters() {
    let df = df!(
        "at" => ["1969-12-31 23:59:59", "1970-01-01 00:00:00", "1970-03-31 12:00:00", "1970-04-01 00:00:00"],
        "v" => [1.0, 2.0, 4.0, 8.0],
    )
    .expect("frame");
    let at = df
        .column("at")
        .expect("at")
        .as_materialized_series()
        .str()
        .expect("str")
        .as_datetime(
            None,
            TimeUnit::Microseconds,
            false,
            false,
            None,
            &StringChunked::from_iter([None::<&str>]),
        )
        .expect("datetimes")
        .into_series();
    let mut df = df;
    df.replace("at", at).expect("replace");
    let s = MetricSpec {
        grain: Grain::Quarter,
        ..MetricSpec::new("m", "t", "at", "sum(v)")
    };
    let (_, report) = compute(&df, &s).expect("computes");
    let labels: Vec<String> = report
        .total
        .iter()
        .map(|p| Grain::Quarter.label(p.start))
        .collect();
    assert_eq!(labels, ["1969-Q4", "1970-Q1", "1970-Q2"]);
    assert_eq!(values(&report.total), some(&[1., 6., 8.]));
}

#[test]
fn bad_definitions_are_typed_errors() {
    let frame = activity();
    let bad = |s: MetricSpec| compute(&frame, &s).expect_err("refused");
    assert_eq!(
        bad(MetricSpec::new("m", "activity", "", "sum(amount)")),
        MetricError::Incomplete {
            field: quire_protocol::metric::MetricField::Time
        }
    );
    let unknown = bad(spec(Grain::Day, "sum(nope)"));
    assert!(
        quire_words::Text::text(&unknown, quire_words::Lang::En).starts_with("SQL error"),
        "{unknown:?}"
    );
    assert!(matches!(
        bad(spec(Grain::Day, "sum(amount) FROM x")),
        MetricError::Sql { .. }
    ));
    // Every message reads whole in Korean.
    let ko = quire_words::Text::text(
        &bad(MetricSpec::new("m", "activity", "", "sum(amount)")),
        quire_words::Lang::Ko,
    );
    assert_eq!(ko, "지표의 시간 열 항목을 채우세요");
    assert!(matches!(
        bad(spec(Grain::Day, "sum(")),
        MetricError::Sql { .. }
    ));
    assert_eq!(
        bad(MetricSpec::new("m", "activity", "country", "count(*)")),
        MetricError::NotTime {
            column: "country".into()
        }
    );
    assert_eq!(
        bad(MetricSpec::new("m", "activity", "when", "count(*)")),
        MetricError::MissingColumn {
            column: "when".into()
        }
    );
    let mut s = spec(Grain::Week, "count(distinct user_id)");
    s.rolling_days = Some(7);
    assert_eq!(bad(s.clone()), MetricError::Rolling);
    s.grain = Grain::Day;
    s.aggregation = "sum(amount)".into();
    assert_eq!(bad(s.clone()), MetricError::Rolling);
    s.aggregation = "count(distinct user_id)".into();
    s.rolling_days = Some(0);
    assert_eq!(bad(s), MetricError::WindowRange);
    assert_eq!(
        bad(spec(Grain::Day, "max(country)")),
        MetricError::NotNumeric
    );
    let mut with_period = frame.clone();
    with_period
        .with_column(Column::new("period".into(), vec![1i64; frame.height()]))
        .expect("column");
    assert_eq!(
        compute(&with_period, &spec(Grain::Day, "count(*)")).expect_err("refused"),
        MetricError::ReservedColumn {
            column: "period".into()
        }
    );
    // A stray date centuries away is refused, not listed day by day.
    let far = df!("at" => ["2024-01-01", "2900-01-01"], "v" => [1, 2]).expect("frame");
    let far = crate::testing::with_dates(far, "at");
    assert!(matches!(
        compute(&far, &MetricSpec::new("m", "t", "at", "sum(v)")).expect_err("refused"),
        MetricError::TooManyPeriods { .. }
    ));
    // An empty table is an empty series, not an error.
    let (_, empty) =
        compute(&frame.head(Some(0)), &spec(Grain::Day, "count(*)")).expect("computes");
    assert!(empty.total.is_empty() && empty.headline.is_none());
}

#[test]
fn number_formats_reach_the_report_unchanged() {
    // The format is the definition's; the report carries values, the page writes them.
    let mut s = spec(Grain::Week, "sum(amount)");
    s.format = NumberFormat::Currency {
        symbol: "₩".into()
    };
    let (_, report) = compute(&activity(), &s).expect("computes");
    assert_eq!(s.format.show(report.total[0].value.expect("value")), "₩36");
}

#[test]
fn per_unit_values_for_experiments() {
    let revenue = MetricSpec::new("revenue", "activity", "day", "sum(amount)");
    let (values, additive) = per_unit(&activity(), &revenue, "user_id").expect("computes");
    assert!(additive);
    let get = |u: &str| values.get(u).copied().flatten();
    assert_eq!(
        (get("u1"), get("u2"), get("u3"), get("u4")),
        (Some(19.0), Some(27.0), Some(8.0), Some(12.0))
    );
    let kr = MetricSpec {
        filters: vec!["country = 'KR'".into()],
        ..revenue.clone()
    };
    let (values, _) = per_unit(&activity(), &kr, "user_id").expect("computes");
    assert!(!values.contains_key("u2"), "filtered out");
    let average = MetricSpec::new("aov", "activity", "day", "avg(amount)");
    assert!(
        !per_unit(&activity(), &average, "user_id")
            .expect("computes")
            .1
    );
    assert_eq!(
        per_unit(&activity(), &revenue, "customer").expect_err("refused"),
        MetricError::MissingColumn {
            column: "customer".into()
        }
    );

    // Through an experiment: a source without the unit column is said plainly.
    use quire_protocol::experiment::{ExperimentError, ExperimentSpec, Metric, MetricKind, Role};
    let assignments =
        df!("customer" => ["u1", "u2"], "variant" => ["control", "b"]).expect("frame");
    let mut spec = ExperimentSpec::new("customer", "variant", "control");
    spec.metrics = vec![Metric::new(
        MetricKind::Defined {
            metric: "revenue".into(),
        },
        Role::Goal,
    )];
    let source = activity();
    let err =
        crate::kinds::experiment::with_defined(&assignments, &spec, |_| Some((&revenue, &source)))
            .expect_err("refused");
    assert_eq!(
        err,
        ExperimentError::MetricWithoutUnit {
            metric: "revenue".into(),
            table: "activity".into(),
            unit: "customer".into()
        }
    );
    let err =
        crate::kinds::experiment::with_defined(&assignments, &spec, |_| None).expect_err("refused");
    assert_eq!(
        err,
        ExperimentError::UnknownMetric {
            metric: "revenue".into()
        }
    );
}

fn activity_long() -> DataFrame {
    crate::testing::read_fixture(include_bytes!(
        "../../../../../tests/fixtures/csv/activity_long.csv"
    ))
}

/// `(value, days)` runs written out, day by day.
fn runs(runs: &[(f64, usize)]) -> Vec<Option<f64>> {
    runs.iter()
        .flat_map(|&(v, n)| std::iter::repeat_n(Some(v), n))
        .collect()
}

#[test]
fn a_28_day_mau_over_ten_weeks_completes_and_compares_a_window_back() {
    let mut s = spec(Grain::Day, "count(distinct user_id)");
    s.table = "activity_long".into();
    s.rolling_days = Some(28);
    let (table, report) = compute(&activity_long(), &s).expect("computes");
    // The hand count of tests/fixtures/csv/make.py (MAU_BY_HAND), day 1 = 1 January.
    let by_hand = runs(&[
        (1., 4),
        (2., 15),
        (3., 9),
        (2., 1),
        (3., 5),
        (2., 5),
        (3., 10),
        (4., 8),
        (3., 2),
        (4., 8),
        (3., 2),
        (4., 1),
    ]);
    assert_eq!(by_hand.len(), 70);
    assert_eq!(values(&report.total), by_hand);
    assert_eq!(report.total[0].start, day(2024, 1, 1));
    assert_eq!(report.total[69].start, day(2024, 3, 10));
    // u1 counted once on 30 January although on two rows.
    assert_eq!(report.total[29].rows, 2);
    // Days 1–27 reach before the data; from 28 January on, the whole window is there.
    let complete: Vec<bool> = report.total.iter().map(|p| p.complete).collect();
    assert_eq!(complete, [vec![false; 27], vec![true; 43]].concat());
    assert_eq!(report.total[27].start, day(2024, 1, 28));
    // The headline: 10 March (4) against one window earlier, 11 February (3).
    let h = report.headline.expect("headline");
    assert_eq!(
        (h.start, h.previous_start),
        (day(2024, 3, 10), day(2024, 2, 11))
    );
    assert_eq!((h.value, h.previous, h.absolute), (4.0, 3.0, 1.0));
    assert_eq!(h.relative, Some(1.0 / 3.0));
    assert!(report.partial.is_none(), "the last day's window is whole");
    // The table carries the same flags, and the change a window back where both are complete.
    let flags: Vec<Option<bool>> = table
        .column("complete")
        .expect("complete")
        .bool()
        .expect("bool")
        .into_iter()
        .collect();
    assert_eq!(flags, complete.iter().map(|c| Some(*c)).collect::<Vec<_>>());
    let change = table
        .column("change")
        .expect("change")
        .f64()
        .expect("f64")
        .clone();
    assert_eq!(change.get(69), Some(1.0));
    assert_eq!(
        change.get(54),
        None,
        "27 January (incomplete) is no baseline"
    );
    assert_eq!(change.get(55), Some(1.0), "25 Feb (4) against 28 Jan (3)");

    // Calendar months: January 3, February 4, March so far 2 (incomplete, shown apart).
    let mut monthly = spec(Grain::Month, "count(distinct user_id)");
    monthly.table = "activity_long".into();
    let (_, months) = compute(&activity_long(), &monthly).expect("computes");
    assert_eq!(values(&months.total), some(&[3., 4., 2.]));
    let complete: Vec<bool> = months.total.iter().map(|p| p.complete).collect();
    assert_eq!(complete, [true, true, false]);
    let h = months.headline.expect("headline");
    assert_eq!((h.start, h.value, h.previous), (day(2024, 2, 1), 4.0, 3.0));
    let partial = months.partial.expect("March so far");
    assert_eq!((partial.start, partial.value), (day(2024, 3, 1), Some(2.0)));
}

/// The period the shown SQL computes is the one the engine lists (`Grain::start`), for every
/// day from 1965 to 2031, as dates and as datetimes late in the day (before 1970 too).
#[test]
fn the_sql_period_expression_agrees_with_the_calendar() {
    let first = day(1965, 1, 1);
    let days: Vec<i32> = (first..day(2031, 1, 1)).map(|d| d as i32).collect();
    let dates = Int32Chunked::from_vec("at".into(), days.clone())
        .into_date()
        .into_series();
    // 23:59:59 on each day, in microseconds.
    let late: Vec<i64> = days
        .iter()
        .map(|d| i64::from(*d) * 86_400_000_000 + 86_399_000_000)
        .collect();
    let datetimes = Int64Chunked::from_vec("at".into(), late)
        .into_datetime(TimeUnit::Microseconds, None)
        .into_series();
    for source in [dates, datetimes] {
        let frame = DataFrame::new(vec![source.into()]).expect("frame");
        for grain in [Grain::Day, Grain::Week, Grain::Month, Grain::Quarter] {
            let text = format!("SELECT {} AS period FROM t", period_expression(grain, "at"));
            let out = crate::kinds::sql::run(&text, &[("t", &frame)]).expect("runs");
            let got = out
                .column("period")
                .expect("period")
                .cast(&DataType::Int32)
                .expect("days");
            let got: Vec<Option<i32>> = got.i32().expect("i32").into_iter().collect();
            let want: Vec<Option<i32>> = days
                .iter()
                .map(|d| Some(grain.start(i64::from(*d)) as i32))
                .collect();
            if let Some(i) = (0..days.len()).find(|i| got[*i] != want[*i]) {
                panic!(
                    "{grain:?} of {} ({:?}): SQL {:?}, calendar {:?}",
                    Grain::Day.label(i64::from(days[i])),
                    frame.column("at").expect("at").dtype(),
                    got[i],
                    want[i]
                );
            }
        }
    }
}

#[test]
fn the_shown_sql_adds_its_own_period() {
    let (_, report) = compute(&activity(), &spec(Grain::Week, "sum(amount)")).expect("computes");
    assert!(
        report.sql.starts_with(
            "WITH with_period AS (\n  SELECT *, CAST(CAST(CAST(\"day\" AS DATE) AS INTEGER) \
             - EXTRACT(ISODOW FROM \"day\") + 1 AS DATE) AS period\n  FROM \"activity\"\n)\n\
             SELECT period, sum(amount) AS value, count(*) AS row_count\nFROM with_period"
        ),
        "{}",
        report.sql
    );
    // It runs on the source table as it is, with no column added first.
    let rows =
        crate::kinds::sql::run(&report.sql, &[("activity", &activity())]).expect("runs as shown");
    assert_eq!(rows.height(), 2);
    // A source named like the step does not read itself.
    let mut s = spec(Grain::Day, "count(*)");
    s.table = "with_period".into();
    let (_, report) = compute(&activity(), &s).expect("computes");
    assert!(
        report.sql.starts_with("WITH with_period_2 AS ("),
        "{}",
        report.sql
    );
    assert_eq!(values(&report.total)[1], Some(3.0));
}
