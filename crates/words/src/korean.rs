//! Every text of this crate, rendered with sample values in both languages: the Korean must
//! not hold English (see [`crate::check`]), and no text may be empty. Values that come from
//! files (column and variant names) are Korean here, as a Korean user's would be; details
//! from outside (a parser's message) are "…", since they are not this crate's words.

use quire_protocol::chart::{BinRule, ChartField, ChartProblem, Sampled};
use quire_protocol::clean::{StepNote, StepProblem};
use quire_protocol::csv::BadCell;
use quire_protocol::experiment::{CheckKind, ExperimentError, Setting, Warning};
use quire_protocol::metric::{EmptyPeriods, MetricError, MetricField};
use quire_protocol::model::{FeatureKind, ModelError, ModelSetting, ModelWarning, Rows};
use quire_protocol::quality::{Check, CheckProblem};
use quire_protocol::{
    BinaryKind, CellError, CellKind, CellState, ColumnType, DataMismatch, DelimiterChoice,
    Encoding, EncodingChoice, FileError, HeaderChoice, IngestError, IngestWarning, Stage,
    WorkerError,
};

use crate::check::english_words;
use crate::cli::{
    CliLine, CliProblem, CliWord, cli_check, cli_error, cli_experiment_check, cli_kind,
    cli_mismatch, cli_state, cli_unseen,
};
use crate::*;

const COLUMN: &str = "매출";
const TYPES: [ColumnType; 6] = [
    ColumnType::Integer,
    ColumnType::Float,
    ColumnType::Boolean,
    ColumnType::Date,
    ColumnType::Datetime,
    ColumnType::Text,
];

fn s(text: &str) -> String {
    text.to_owned()
}

fn ingest_errors() -> Vec<IngestError> {
    let mut all: Vec<IngestError> = [
        BinaryKind::ZipOrXlsx,
        BinaryKind::Xls,
        BinaryKind::Pdf,
        BinaryKind::Image,
        BinaryKind::Gzip,
        BinaryKind::Parquet,
        BinaryKind::Unknown,
    ]
    .into_iter()
    .map(|kind| IngestError::Binary { kind })
    .collect();
    all.extend([
        IngestError::Empty,
        IngestError::TooLarge {
            bytes: 3_000_000_000,
            limit: 2_000_000_000,
        },
        IngestError::RaggedRow {
            line: 3,
            column: 2,
            expected: 3,
            found: 2,
        },
        IngestError::UnterminatedQuote { line: 3, column: 2 },
        IngestError::Undecodable {
            encoding: Encoding::Cp949,
        },
        IngestError::Parser { message: s("…") },
        IngestError::NulByte { line: 5 },
        IngestError::MixedEncoding { line: 7, lines: 1 },
        IngestError::StrayQuote { line: 3, column: 2 },
        IngestError::ParserDisagrees {
            records: 10,
            read: 9,
        },
        IngestError::TooManyColumns { limit: 16_384 },
    ]);
    all
}

fn chart_problems() -> Vec<ChartProblem> {
    let mut all: Vec<ChartProblem> = [
        ChartField::Values,
        ChartField::X,
        ChartField::Y,
        ChartField::YOrCount,
        ChartField::Category,
        ChartField::Label,
        ChartField::Score,
    ]
    .into_iter()
    .map(|field| ChartProblem::Unchosen { field })
    .collect();
    all.extend([
        ChartProblem::NoColumn { column: s(COLUMN) },
        ChartProblem::NotNumbers {
            column: s(COLUMN),
            found: ColumnType::Text,
        },
        ChartProblem::NotNumbersOrDates {
            column: s(COLUMN),
            found: ColumnType::Boolean,
        },
        ChartProblem::IntervalColumns { given: 2 },
        ChartProblem::OneClass { column: s(COLUMN) },
        ChartProblem::Engine { message: s("…") },
    ]);
    all
}

fn step_problems() -> Vec<StepProblem> {
    let c = || s(COLUMN);
    vec![
        StepProblem::Reserved {
            name: s("__quire_row"),
        },
        StepProblem::NoColumns,
        StepProblem::NoColumn {
            column: c(),
            columns: vec![s("지역"), s("날짜")],
        },
        StepProblem::NoColumn {
            column: c(),
            columns: Vec::new(),
        },
        StepProblem::NotText {
            column: c(),
            found: ColumnType::Float,
        },
        StepProblem::NotNumeric {
            column: c(),
            found: ColumnType::Text,
        },
        StepProblem::FillNotNumeric {
            column: c(),
            found: ColumnType::Date,
        },
        StepProblem::EmptyName,
        StepProblem::NameTaken { name: c() },
        StepProblem::NoFormat,
        StepProblem::NoNewName,
        StepProblem::EmptyExpression,
        StepProblem::Sql { message: s("…") },
        StepProblem::NotAValue {
            value: s("영"),
            column: c(),
            expected: ColumnType::Integer,
        },
        StepProblem::NothingToFind,
        StepProblem::NoReplacement,
        StepProblem::BadK,
        StepProblem::BadZ,
        StepProblem::Engine { message: s("…") },
    ]
}

fn check_problems() -> Vec<CheckProblem> {
    vec![
        CheckProblem::NoColumns,
        CheckProblem::NoColumn { column: s(COLUMN) },
        CheckProblem::NoTable { table: s("고객") },
        CheckProblem::NoColumnIn {
            table: s("고객"),
            column: s(COLUMN),
        },
        CheckProblem::BadPattern { message: s("…") },
        CheckProblem::NotDates {
            column: s(COLUMN),
            found: ColumnType::Text,
        },
        CheckProblem::BadDate { text: s("어제") },
        CheckProblem::NoBounds,
        CheckProblem::BadNumber { text: s("많이") },
        CheckProblem::NotRangeable {
            column: s(COLUMN),
            found: ColumnType::Text,
        },
        CheckProblem::Engine { message: s("…") },
    ]
}

fn experiment_errors() -> Vec<ExperimentError> {
    let mut all: Vec<ExperimentError> = settings()
        .into_iter()
        .map(|setting| ExperimentError::OutOfRange { setting })
        .collect();
    all.extend([
        ExperimentError::MissingColumn { column: s(COLUMN) },
        ExperimentError::NotNumeric { column: s(COLUMN) },
        ExperimentError::NotBinary {
            column: s(COLUMN),
            value: 2.0,
        },
        ExperimentError::NoMetrics,
        ExperimentError::NoUnitOrVariant,
        ExperimentError::CupedOnRatio {
            metric: s("객단가"),
        },
        ExperimentError::Table { message: s("…") },
        ExperimentError::UnknownMetric {
            metric: s("객단가"),
        },
        ExperimentError::MetricWithoutUnit {
            metric: s("객단가"),
            table: s("주문"),
            unit: s("회원"),
        },
        ExperimentError::DefinedMetric {
            metric: s("객단가"),
            reason: MetricError::NotNumeric,
        },
    ]);
    all
}

fn settings() -> Vec<Setting> {
    vec![
        Setting::Confidence,
        Setting::Weight {
            variant: s("새 화면"),
        },
        Setting::PlannedPerArm,
        Setting::Alpha,
        Setting::Power,
        Setting::Effect,
        Setting::EffectBeyondRate,
        Setting::EffectTooSmall,
        Setting::BaselineRate,
        Setting::BaselineMean,
        Setting::StageShare,
    ]
}

fn metric_errors() -> Vec<MetricError> {
    let mut all: Vec<MetricError> = [
        MetricField::Name,
        MetricField::Table,
        MetricField::Time,
        MetricField::Aggregation,
    ]
    .into_iter()
    .map(|field| MetricError::Incomplete { field })
    .collect();
    all.extend([
        MetricError::MissingColumn { column: s(COLUMN) },
        MetricError::NotTime { column: s(COLUMN) },
        MetricError::Rolling,
        MetricError::WindowRange,
        MetricError::ReservedColumn {
            column: s("기간")
        },
        MetricError::Sql { message: s("…") },
        MetricError::NotNumeric,
        MetricError::TooManyPeriods { periods: 10_000 },
        MetricError::NoTiles,
        MetricError::NotAMetric { name: s("주문") },
    ]);
    all
}

fn model_errors() -> Vec<ModelError> {
    let c = || s(COLUMN);
    let mut all: Vec<ModelError> = [
        ModelSetting::Confidence,
        ModelSetting::TestShare,
        ModelSetting::Folds,
        ModelSetting::Threshold,
        ModelSetting::L2,
        ModelSetting::K,
        ModelSetting::Prior,
    ]
    .into_iter()
    .map(|setting| ModelError::OutOfRange { setting })
    .collect();
    all.extend([
        ModelError::NoTarget,
        ModelError::NoFeatures,
        ModelError::MissingColumn { column: c() },
        ModelError::NotNumeric { column: c() },
        ModelError::NotBinary {
            column: c(),
            value: s("2"),
        },
        ModelError::UnusableFeature { column: c() },
        ModelError::UnsupportedFeature {
            column: c(),
            dtype: s("…"),
        },
        ModelError::Infinite { column: c() },
        ModelError::ExactFit,
        ModelError::WrongKind {
            column: c(),
            expected: FeatureKind::Numbers,
        },
        ModelError::WrongKind {
            column: c(),
            expected: FeatureKind::Text,
        },
        ModelError::TooManyLevels {
            column: c(),
            levels: 900,
        },
        ModelError::TargetIsFeature { column: c() },
        ModelError::TooFewRows {
            rows: 3,
            parameters: 5,
        },
        ModelError::Collinear { term: c() },
        ModelError::PerfectSeparation { term: Some(c()) },
        ModelError::PerfectSeparation { term: None },
        ModelError::ConstantTarget { column: c() },
        ModelError::EmptySplit { train: 10, test: 0 },
        ModelError::BadExport { message: s("…") },
        ModelError::Table { message: s("…") },
    ]);
    all
}

fn cell_errors() -> Vec<CellError> {
    let mut all = vec![
        CellError::Cycle {
            cells: vec![s("가"), s("나")],
        },
        CellError::MissingTable { name: s("주문") },
        CellError::DuplicateName {
            name: s("주문"),
            cells: vec![s("가"), s("나")],
        },
        CellError::Upstream { table: s("주문") },
        CellError::MissingData {
            source: s("주문.csv"),
        },
        CellError::InvalidName { name: s("…") },
        CellError::Sql {
            message: s("…"),
            line: Some(1),
            column: Some(3),
        },
        CellError::Sql {
            message: s("…"),
            line: None,
            column: None,
        },
        CellError::NotFinite,
        CellError::Internal { message: s("…") },
    ];
    all.extend(ingest_errors().into_iter().map(CellError::Ingest));
    all.extend(chart_problems().into_iter().map(CellError::Chart));
    all.extend(
        step_problems()
            .into_iter()
            .map(|problem| CellError::Step { step: 1, problem }),
    );
    all.extend(experiment_errors().into_iter().map(CellError::Experiment));
    all.extend(metric_errors().into_iter().map(CellError::Metric));
    all.extend(model_errors().into_iter().map(CellError::Model));
    all
}

const CELL_KINDS: [CellKind; 11] = [
    CellKind::Markdown,
    CellKind::Data,
    CellKind::Sql,
    CellKind::Clean,
    CellKind::Quality,
    CellKind::Chart,
    CellKind::Experiment,
    CellKind::Plan,
    CellKind::Metric,
    CellKind::Dashboard,
    CellKind::Model,
];
const CELL_STATES: [CellState; 4] = [
    CellState::UpToDate,
    CellState::Stale,
    CellState::Running,
    CellState::Error,
];

/// Every text in `lang`, with where it came from.
fn every_text(lang: Lang) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |what: &str, text: String| out.push((what.to_owned(), text));
    for (i, text) in lang.strings().all().into_iter().enumerate() {
        add(&format!("Strings #{i}"), text.to_owned());
    }
    for w in Word::ALL {
        add(&format!("{w:?}"), w.text(lang).to_owned());
    }
    for stage_ in [
        Stage::Decoding,
        Stage::Scanning,
        Stage::Parsing,
        Stage::Typing,
    ] {
        add("stage", stage(lang, stage_).to_owned());
    }
    for t in TYPES {
        add("column_type", column_type(lang, t).to_owned());
    }
    for e in EncodingChoice::ALL {
        add("encoding_choice", encoding_choice(lang, e).to_owned());
    }
    for d in DelimiterChoice::ALL {
        add("delimiter_choice", delimiter_choice(lang, d));
    }
    add("delimiter_char", delimiter_char(lang, '\t'));
    for h in HeaderChoice::ALL {
        add("header_choice", header_choice(lang, h).to_owned());
    }
    for e in ingest_errors() {
        add(&format!("{e:?}"), ingest_error(lang, &e));
        add(&format!("cli {e:?}"), cli::ingest_reason(lang, &e));
    }
    let files = [
        FileError::Foreign,
        FileError::NewerVersion {
            found: 9,
            supported: 6,
        },
        FileError::Corrupt { message: s("…") },
    ];
    for e in &files {
        add(&format!("{e:?}"), file_error(lang, e));
        let problem = CliProblem::File {
            path: s("주문.quire.json"),
            error: e.clone(),
        };
        add(&format!("{problem:?}"), problem.text(lang));
    }
    let mut workers = vec![
        WorkerError::UnknownTable { name: s("주문") },
        WorkerError::UnknownCell { id: s("가") },
        WorkerError::InvalidName { name: s("…") },
        WorkerError::NameTaken { name: s("주문") },
        WorkerError::DuplicateCell { id: s("가") },
        WorkerError::BadRequest { message: s("…") },
        WorkerError::Internal { message: s("…") },
    ];
    workers.extend(files.iter().cloned().map(WorkerError::File));
    workers.extend(ingest_errors().into_iter().map(WorkerError::Ingest));
    for e in &workers {
        add(&format!("{e:?}"), worker_error(lang, e));
    }
    for e in cell_errors() {
        add(&format!("{e:?}"), cell_error(lang, &e));
        add(&format!("cli {e:?}"), cli_error(lang, &e));
    }
    let mismatches = [
        DataMismatch::Content {
            expected_sha256: s("…"),
            found_sha256: s("…"),
        },
        DataMismatch::Schema {
            missing: vec![s("지역")],
            added: vec![s("날짜")],
            retyped: vec![(s(COLUMN), ColumnType::Integer, ColumnType::Text)],
        },
    ];
    for m in &mismatches {
        add(&format!("{m:?}"), mismatch(lang, m));
        add(&format!("cli {m:?}"), cli_mismatch(lang, "주문.csv", m));
    }
    add("drop_named", drop_named(lang, "주문.csv"));
    for kind in CELL_KINDS {
        add("cell_kind", cell_kind(lang, kind).to_owned());
        add("cli_kind", cli_kind(lang, kind).to_owned());
    }
    for state in CELL_STATES {
        add("cell_state", cell_state(lang, state).to_owned());
        add("cli_state", cli_state(lang, state).to_owned());
    }
    let warnings = [
        IngestWarning::MostlyNumeric {
            column: s(COLUMN),
            bad_cells: 2,
            non_null: 100,
            examples: vec![BadCell {
                line: 4,
                value: s("없음"),
            }],
        },
        IngestWarning::RenamedColumns {
            renamed: vec![(3, s("…"), s("열3"))],
        },
        IngestWarning::Replaced {
            encoding: Encoding::Utf8,
            count: 3,
        },
        IngestWarning::GuessedEncoding {
            encoding: Encoding::Windows1252,
        },
        IngestWarning::Utf16WithoutBom {
            encoding: Encoding::Utf16Le,
        },
        IngestWarning::SeparatorLine { delimiter: ';' },
        IngestWarning::BigIntegers {
            column: s(COLUMN),
            examples: vec![BadCell {
                line: 4,
                value: s("99999999999999999999"),
            }],
        },
        IngestWarning::AmbiguousDates {
            column: s(COLUMN),
            month_first: false,
        },
        IngestWarning::ConvertedToUtc {
            column: s(COLUMN),
            example: s("2024-03-01T09:00:00+09:00"),
        },
    ];
    for w in &warnings {
        add(&format!("{w:?}"), warning(lang, w));
    }
    let rows = Rows {
        input: 300,
        missing_target: 1,
        missing_features: 6,
        imputed: 2,
        train: 219,
        test: 74,
    };
    add("model_rows", model_rows(lang, &rows));
    add("non_finite", non_finite(lang, 2, 1));
    add("model_folds_title", model_folds_title(lang, 5));
    add("rows_in_out", rows_in_out(lang, 120, 118));
    add("failing_rows", failing_rows(lang, 3, 120));
    add("checks_failed", checks_failed(lang, 1, "주문"));
    add("checks_failed", checks_failed(lang, 2, "주문"));
    for kind in [
        CheckKind::ControlPresent {
            control: s("대조군"),
        },
        CheckKind::KnownVariants {
            unexpected: Vec::new(),
        },
        CheckKind::KnownVariants {
            unexpected: vec![s("새 화면")],
        },
        CheckKind::SampleRatio { p: 0.2 },
    ] {
        add("experiment_check", experiment_check(lang, &kind));
        add(
            "cli_experiment_check",
            cli_experiment_check(lang, &kind).to_owned(),
        );
    }
    for w in [
        Warning::Duplicates {
            repeated_units: 3,
            dropped_rows: 4,
        },
        Warning::MissingVariant { rows: 2 },
        Warning::SmallArm {
            variant: s("새 화면"),
            units: 40,
        },
        Warning::FewEvents {
            metric: s("전환"),
            variant: s("새 화면"),
            events: 4,
        },
        Warning::MissingValues {
            metric: s("전환"),
            variant: s("새 화면"),
            left_out: 4,
        },
        Warning::Unmeasurable {
            metric: s("전환"),
            variant: s("새 화면"),
        },
        Warning::Peeking {
            planned_per_arm: 1000,
            smallest_arm: 400,
        },
    ] {
        add(&format!("{w:?}"), experiment_warning(lang, &w));
    }
    add("experiment_units", experiment_units(lang, 12_000, 11_950));
    add("srm_line", srm_line(lang, 1.2, 1, 0.3));
    add("plan_per_arm", plan_per_arm(lang, 3842));
    add("plan_given", plan_given(lang, 3842, "0.8", "+5%"));
    add("ramp_detectable", ramp_detectable(lang, 7));
    add(
        "change_line",
        change_line(lang, "+1", Some(0.33), Some(true), "2024-W01"),
    );
    add("no_comparison", no_comparison(lang).to_owned());
    add("partial_line", partial_line(lang, "2024-01", "4"));
    for empty in [EmptyPeriods::Auto, EmptyPeriods::Zero, EmptyPeriods::Gap] {
        for rolling in [None, Some(7)] {
            for line in metric_rules(lang, "2024-01-01", "2024-03-31", empty, rolling) {
                add("metric_rules", line);
            }
        }
    }
    add("metric_sql_note", metric_sql_note(lang, None));
    add("metric_sql_note", metric_sql_note(lang, Some(7)));
    add("more_values", more_values(lang, 3));
    // The charts' own words.
    let sampled = Sampled {
        shown: 2_000,
        total: 1_000_000,
    };
    add("nothing_to_draw", chart::nothing_to_draw(lang).to_owned());
    add("count", chart::count(lang).to_owned());
    add("fpr", chart::false_positive_rate(lang).to_owned());
    add("tpr", chart::true_positive_rate(lang).to_owned());
    add("points_shown", chart::points_shown(lang, sampled));
    add("categories_shown", chart::categories_shown(lang, sampled));
    add("series_shown", chart::series_shown(lang, sampled));
    for rule in [
        BinRule::Sturges,
        BinRule::FreedmanDiaconis,
        BinRule::Fixed { bins: 12 },
    ] {
        add("bin_rule", chart::bin_rule(lang, rule, 12, 0.25));
    }
    // Errors and warnings of experiments, metrics and models.
    for e in experiment_errors() {
        add(&format!("{e:?}"), e.text(lang));
    }
    for e in metric_errors() {
        add(&format!("{e:?}"), e.text(lang));
    }
    for e in model_errors() {
        add(&format!("{e:?}"), e.text(lang));
    }
    for w in [
        ModelWarning::NotConverged { iterations: 25 },
        ModelWarning::QuasiSeparation {
            rows: 4,
            term: Some(s(COLUMN)),
        },
        ModelWarning::QuasiSeparation {
            rows: 4,
            term: None,
        },
        ModelWarning::UnseenLevel {
            column: s(COLUMN),
            rows: 2,
        },
        ModelWarning::FewEvents {
            events: 3,
            non_events: 90,
        },
        ModelWarning::SmallTest { rows: 12 },
        ModelWarning::KMeansNotConverged { iterations: 100 },
        ModelWarning::FoldSkipped { fold: 2 },
    ] {
        add(&format!("{w:?}"), w.text(lang));
    }
    // Steps and checks.
    for p in step_problems() {
        add(&format!("{p:?}"), p.text(lang));
    }
    for note in [
        StepNote::FilledWith { value: s("18") },
        StepNote::NothingToFill,
        StepNote::Bounds {
            low: s("-1.0"),
            high: s("7.0"),
            nan: 2,
        },
        StepNote::TooFewValues,
    ] {
        add(&format!("{note:?}"), note.text(lang));
    }
    for p in check_problems() {
        add(&format!("{p:?}"), p.text(lang));
    }
    for p in chart_problems() {
        add(&format!("{p:?}"), p.text(lang));
    }
    // The CLI.
    for name in Check::NAMES {
        if let Some(check) = Check::template(name, COLUMN, "2026-01-01") {
            add("cli_check", cli_check(lang, &check).to_owned());
        }
    }
    for problem in [
        CliProblem::CannotRead {
            path: s("주문.csv"),
            detail: s("…"),
        },
        CliProblem::BadCsv {
            path: s("주문.csv"),
            error: IngestError::Empty,
        },
        CliProblem::CsvFailed {
            path: s("주문.csv"),
            detail: s("…"),
        },
        CliProblem::CannotWrite {
            path: s("모델"),
            detail: s("…"),
        },
        CliProblem::DataArgument { given: s("주문") },
        CliProblem::UnknownSource {
            name: s("주문.csv"),
        },
        CliProblem::CannotAttach {
            name: s("주문.csv"),
            reason: worker_error(lang, &WorkerError::UnknownTable { name: s("주문") }),
        },
        CliProblem::NotAModel {
            path: s("집값.model.json"),
            detail: s("…"),
        },
        CliProblem::Model {
            path: s("집값.model.json"),
            error: ModelError::NoTarget,
        },
    ] {
        add(&format!("{problem:?}"), problem.text(lang));
    }
    add("cli_unseen", cli_unseen(lang, COLUMN, 3));
    for word in [
        CliWord::Warning,
        CliWord::Pass,
        CliWord::Fail,
        CliWord::Invalid,
        CliWord::Nothing,
        CliWord::NoComparison,
    ] {
        add(&format!("{word:?}"), word.text(lang).to_owned());
    }
    for line in [
        CliLine::Cell {
            id: "가",
            kind: CellKind::Data,
            state: CellState::UpToDate,
            ms: Some(1.5),
        },
        CliLine::Error {
            code: "sql",
            message: s("…"),
        },
        CliLine::Table {
            name: "주문",
            rows: 3,
            columns: 5,
        },
        CliLine::Columns(vec![
            ("지역", ColumnType::Text, 1),
            ("수량", ColumnType::Integer, 0),
        ]),
        CliLine::MoreRows(7),
        CliLine::Check {
            name: "…",
            outcome: s("…"),
        },
        CliLine::FailingRows {
            failing: 3,
            rows: 10,
        },
        CliLine::Found("3"),
        CliLine::SampleRatio(1e-9),
        CliLine::Unexpected(s("새 화면")),
        CliLine::NoControl("대조군"),
        CliLine::Arm {
            variant: "대조군",
            units: 2039,
            observed: 0.34,
            intended: 0.33,
        },
        CliLine::Result {
            metric: "전환",
            treatment: "새 화면",
            control: "대조군",
            before: s("0.116"),
            after: s("0.152"),
            diff: s("0.036"),
            p: 0.0007,
            adjusted: 0.0045,
        },
        CliLine::PerArm(13_247),
        CliLine::Stage {
            share: 0.05,
            days: 14,
            detectable: 0.02,
        },
        CliLine::Metric {
            tile: false,
            headline: s("…"),
        },
        CliLine::Metric {
            tile: true,
            headline: s("…"),
        },
        CliLine::Headline {
            name: "주간 사용자",
            period: s("2024-W02"),
            value: s("4"),
            change: s("+1"),
            relative: Some(0.333),
            previous: s("2024-W01"),
        },
        CliLine::Partial {
            period: s("2024-W03"),
            value: s("2"),
        },
        CliLine::Summary {
            cells: 3,
            failed: 1,
        },
    ] {
        add(&format!("{line:?}"), line.text(lang));
    }
    out
}

#[test]
fn korean_texts_hold_no_english() {
    let mut bad = Vec::new();
    for (what, text) in every_text(Lang::Ko) {
        let english = english_words(&text);
        if !english.is_empty() {
            bad.push(format!("{what}: {text:?} has {english:?}"));
        }
    }
    assert!(bad.is_empty(), "English in Korean:\n{}", bad.join("\n"));
}

#[test]
fn no_text_is_empty_and_the_languages_differ() {
    let (en, ko) = (every_text(Lang::En), every_text(Lang::Ko));
    assert_eq!(en.len(), ko.len());
    for ((what, en), (_, ko)) in en.iter().zip(&ko) {
        assert!(!en.trim().is_empty() && !ko.trim().is_empty(), "{what}");
    }
    // Most texts read differently in the two languages (a few are the same: "SQL", "+ SQL",
    // numbers and symbols).
    let same = en.iter().zip(&ko).filter(|((_, a), (_, b))| a == b).count();
    assert!(
        same * 10 < en.len(),
        "{same} of {} texts are the same",
        en.len()
    );
}
