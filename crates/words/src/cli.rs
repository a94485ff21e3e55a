//! The `quire` CLI's words: why it stops (exit code 2), its warnings, and its text output.
//! The English keeps the CLI's terse style (`[load] data ok`, `check unique: pass`); the
//! Korean says the same in Korean. The `--json` output uses none of this but the English of
//! [`cli_error`], so scripts read one language whatever `--lang` is.

use quire_protocol::csv::IngestError;
use quire_protocol::experiment::CheckKind;
use quire_protocol::notebook::{CellError, CellKind, CellState, DataMismatch, FileError};
use quire_protocol::quality::Check;

use crate::{Lang, Text, Word, cell_kind, column_type};

/// Why the CLI stops before or instead of running the notebook (exit code 2). `detail` is the
/// operating system's or a parser's own message.
#[derive(Clone, Debug, PartialEq)]
pub enum CliProblem {
    /// A file cannot be read.
    CannotRead { path: String, detail: String },
    /// A CSV cannot be read as a table.
    BadCsv { path: String, error: IngestError },
    /// The engine could not read a CSV for another reason.
    CsvFailed { path: String, detail: String },
    /// A file cannot be written, or a folder made.
    CannotWrite { path: String, detail: String },
    /// The notebook cannot be opened.
    File { path: String, error: FileError },
    /// `--data` is not `NAME=PATH`.
    DataArgument { given: String },
    /// `--data` names a source the notebook does not have.
    UnknownSource { name: String },
    /// Data given for a source cannot be attached (the engine's refusal, in words already).
    CannotAttach { name: String, reason: String },
    /// A model file that is not one.
    NotAModel { path: String, detail: String },
    /// The model cannot score this CSV.
    Model {
        path: String,
        error: quire_protocol::model::ModelError,
    },
}

impl Text for CliProblem {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (CliProblem::CannotRead { path, detail }, Lang::En) => {
                format!("cannot read {path}: {detail}")
            }
            (CliProblem::CannotRead { path, detail }, Lang::Ko) => {
                format!("{path} 파일을 읽을 수 없습니다: {detail}")
            }
            (CliProblem::BadCsv { path, error }, Lang::En) => {
                format!("cannot read {path}: {}", ingest_reason(lang, error))
            }
            (CliProblem::BadCsv { path, error }, Lang::Ko) => {
                format!(
                    "{path} 파일을 읽을 수 없습니다: {}",
                    ingest_reason(lang, error)
                )
            }
            (CliProblem::CsvFailed { path, detail }, Lang::En) => {
                format!("cannot read {path}: {detail}")
            }
            (CliProblem::CsvFailed { path, detail }, Lang::Ko) => {
                format!("{path} 파일을 읽을 수 없습니다: {detail}")
            }
            (CliProblem::CannotWrite { path, detail }, Lang::En) => {
                format!("cannot write {path}: {detail}")
            }
            (CliProblem::CannotWrite { path, detail }, Lang::Ko) => {
                format!("{path}에 쓸 수 없습니다: {detail}")
            }
            (CliProblem::File { path, error }, lang) => file_problem(lang, path, error),
            (CliProblem::DataArgument { given }, Lang::En) => {
                format!("--data: expected NAME=PATH, got {given:?}")
            }
            (CliProblem::DataArgument { given }, Lang::Ko) => {
                format!("--data: NAME=PATH 꼴이어야 하는데 {given:?}입니다")
            }
            (CliProblem::UnknownSource { name }, Lang::En) => {
                format!("--data {name}=…: the notebook has no data source named {name:?}")
            }
            (CliProblem::UnknownSource { name }, Lang::Ko) => {
                format!("--data {name}=…: 노트북에 {name:?} 데이터 원본이 없습니다")
            }
            (CliProblem::CannotAttach { name, reason }, Lang::En) => {
                format!("cannot attach {name}: {reason}")
            }
            (CliProblem::CannotAttach { name, reason }, Lang::Ko) => {
                format!("{name}을(를) 붙일 수 없습니다: {reason}")
            }
            (CliProblem::NotAModel { path, detail }, Lang::En) => {
                format!("{path} is not a Quire model file: {detail}")
            }
            (CliProblem::NotAModel { path, detail }, Lang::Ko) => {
                format!("{path}은(는) Quire 모델 파일이 아닙니다: {detail}")
            }
            (CliProblem::Model { path, error }, lang) => format!("{path}: {}", error.text(lang)),
        }
    }
}

fn file_problem(lang: Lang, path: &str, error: &FileError) -> String {
    match (lang, error) {
        (Lang::En, FileError::Foreign) => format!("{path} is not a Quire notebook or bundle"),
        (Lang::Ko, FileError::Foreign) => {
            format!("{path}은(는) Quire 노트북이나 묶음 파일이 아닙니다")
        }
        (Lang::En, FileError::NewerVersion { found, supported }) => format!(
            "{path} was written by a newer Quire (file version {found}; this one reads up to {supported})"
        ),
        (Lang::Ko, FileError::NewerVersion { found, supported }) => format!(
            "{path}은(는) 더 새로운 Quire로 저장한 파일입니다 (파일 버전 {found}, 이 버전은 {supported}까지 읽음)"
        ),
        (Lang::En, FileError::Corrupt { message }) => {
            format!("{path} is a damaged notebook: {message}")
        }
        (Lang::Ko, FileError::Corrupt { message }) => {
            format!("{path}은(는) 손상된 노트북입니다: {message}")
        }
    }
}

/// Why a CSV cannot be read, as the end of "cannot read PATH: …".
pub fn ingest_reason(lang: Lang, e: &IngestError) -> String {
    match (lang, e) {
        (Lang::En, IngestError::Empty) => "it is empty".into(),
        (Lang::Ko, IngestError::Empty) => "파일이 비어 있습니다".into(),
        (Lang::En, IngestError::Binary { kind }) => {
            format!(
                "it is not text but {}",
                crate::page::binary_kind(lang, *kind)
            )
        }
        (Lang::Ko, IngestError::Binary { kind }) => {
            format!(
                "텍스트가 아닙니다. {}",
                crate::page::binary_kind(lang, *kind)
            )
        }
        (Lang::En, IngestError::TooLarge { bytes, limit }) => {
            format!("{bytes} bytes is more than the limit of {limit}")
        }
        (Lang::Ko, IngestError::TooLarge { bytes, limit }) => {
            format!("{bytes}바이트로 한도 {limit}바이트를 넘습니다")
        }
        (
            Lang::En,
            IngestError::RaggedRow {
                line,
                column,
                expected,
                found,
            },
        ) => format!(
            "line {line} has {found} fields where {expected} were expected (column {column})"
        ),
        (
            Lang::Ko,
            IngestError::RaggedRow {
                line,
                column,
                expected,
                found,
            },
        ) => format!(
            "{line}번째 줄의 필드가 {expected}개가 아니라 {found}개입니다 ({column}번째 열)"
        ),
        (Lang::En, IngestError::UnterminatedQuote { line, column }) => {
            format!("a quote opened at line {line}, column {column} never closes")
        }
        (Lang::Ko, IngestError::UnterminatedQuote { line, column }) => {
            format!("{line}번째 줄 {column}번째 열에서 연 따옴표가 닫히지 않습니다")
        }
        (Lang::En, IngestError::Undecodable { encoding }) => {
            format!("the bytes are not {}", encoding.label())
        }
        (Lang::Ko, IngestError::Undecodable { encoding }) => {
            format!("{} 인코딩으로 읽을 수 없습니다", encoding.label())
        }
        (Lang::En, IngestError::Parser { message }) => message.clone(),
        (Lang::Ko, IngestError::Parser { message }) => format!("파서 오류: {message}"),
        (Lang::En, IngestError::NulByte { line }) => format!("line {line} holds a NUL byte"),
        (Lang::Ko, IngestError::NulByte { line }) => {
            format!("{line}번째 줄에 널 바이트가 있습니다")
        }
        (Lang::En, IngestError::MixedEncoding { line, lines }) => {
            format!("it is UTF-8 but for {lines} line(s) in another encoding, first line {line}")
        }
        (Lang::Ko, IngestError::MixedEncoding { line, lines }) => {
            format!("UTF-8 파일인데 {lines}개 줄(처음은 {line}번째 줄)이 다른 인코딩입니다")
        }
        (Lang::En, IngestError::StrayQuote { line, column }) => {
            format!("a stray quote inside a field at line {line}, column {column}")
        }
        (Lang::Ko, IngestError::StrayQuote { line, column }) => {
            format!("{line}번째 줄, {column}번째 열: 필드 중간에 따옴표가 있습니다")
        }
        (Lang::En, IngestError::ParserDisagrees { records, read }) => {
            format!("it looks like {records} rows but only {read} could be read")
        }
        (Lang::Ko, IngestError::ParserDisagrees { records, read }) => {
            format!("{records}개 행으로 보이지만 {read}개만 읽을 수 있었습니다")
        }
        (Lang::En, IngestError::TooManyColumns { limit }) => {
            format!("it has more than {limit} columns")
        }
        (Lang::Ko, IngestError::TooManyColumns { limit }) => {
            format!("열이 {limit}개를 넘습니다")
        }
    }
}

/// A cell's error in one line (after `cell ID: ` on stderr, `error (CODE): ` in the text, and
/// in English as the JSON's `message`).
pub fn cli_error(lang: Lang, e: &CellError) -> String {
    match (lang, e) {
        (Lang::En, CellError::Cycle { cells }) => {
            format!("the cells {} read each other in a cycle", cells.join(" → "))
        }
        (Lang::Ko, CellError::Cycle { cells }) => {
            format!("셀 {}이(가) 서로를 순환해서 읽습니다", cells.join(" → "))
        }
        (Lang::En, CellError::MissingTable { name }) => {
            format!("no cell produces the table {name:?}")
        }
        (Lang::Ko, CellError::MissingTable { name }) => {
            format!("{name:?} 테이블을 만드는 셀이 없습니다")
        }
        (Lang::En, CellError::DuplicateName { name, cells }) => format!(
            "the table {name:?} is produced by several cells ({})",
            cells.join(", ")
        ),
        (Lang::Ko, CellError::DuplicateName { name, cells }) => format!(
            "{name:?} 테이블을 여러 셀이 만듭니다 ({})",
            cells.join(", ")
        ),
        (Lang::En, CellError::Upstream { table }) => {
            format!("the table {table:?} it reads could not be made")
        }
        (Lang::Ko, CellError::Upstream { table }) => {
            format!("이 셀이 읽는 {table:?} 테이블을 만들지 못했습니다")
        }
        (Lang::En, CellError::MissingData { source }) => {
            format!("the data file {source:?} is not loaded (give it with --data {source}=PATH)")
        }
        (Lang::Ko, CellError::MissingData { source }) => format!(
            "데이터 파일 {source:?}을(를) 불러오지 않았습니다 (--data {source}=PATH로 주세요)"
        ),
        (Lang::En, CellError::InvalidName { name }) => {
            format!("{name:?} is not a usable table name")
        }
        (Lang::Ko, CellError::InvalidName { name }) => {
            format!("{name:?}은(는) 테이블 이름으로 쓸 수 없습니다")
        }
        (Lang::En, CellError::Ingest(e)) => {
            format!("cannot read the file: {}", ingest_reason(lang, e))
        }
        (Lang::Ko, CellError::Ingest(e)) => {
            format!("파일을 읽을 수 없습니다: {}", ingest_reason(lang, e))
        }
        (Lang::En, CellError::Sql { .. } | CellError::NotFinite | CellError::Internal { .. }) => {
            first_lower(&crate::cell_error(lang, e))
        }
        (Lang::Ko, CellError::Sql { .. } | CellError::NotFinite | CellError::Internal { .. }) => {
            crate::cell_error(lang, e)
        }
        (Lang::En, CellError::Step { step, problem }) => {
            format!("step {}: {}", step + 1, problem.text(lang))
        }
        (Lang::Ko, CellError::Step { step, problem }) => {
            format!("{}단계: {}", step + 1, problem.text(lang))
        }
        (Lang::En, CellError::Chart(problem)) => {
            format!("cannot draw the chart: {}", problem.text(lang))
        }
        (Lang::Ko, CellError::Chart(problem)) => {
            format!("차트를 그릴 수 없습니다: {}", problem.text(lang))
        }
        (_, CellError::Experiment(e)) => e.text(lang),
        (_, CellError::Metric(e)) => e.text(lang),
        (_, CellError::Model(e)) => e.text(lang),
    }
}

/// `SQL error at …` reads `SQL error at …` mid-line too; other sentences start lower case.
fn first_lower(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if s.starts_with("SQL") => c.to_string() + chars.as_str(),
        Some(c) => c.to_lowercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// A data file that differs from the one the notebook was saved with (a warning).
pub fn cli_mismatch(lang: Lang, source: &str, m: &DataMismatch) -> String {
    match m {
        DataMismatch::Content { .. } => match lang {
            Lang::En => format!(
                "{source}: the data differs from the file the notebook was saved with (same columns)"
            ),
            Lang::Ko => {
                format!("{source}: 노트북을 저장할 때의 파일과 내용이 다릅니다 (열은 같음)")
            }
        },
        DataMismatch::Schema {
            missing,
            added,
            retyped,
        } => {
            let mut parts = Vec::new();
            if !missing.is_empty() {
                parts.push(match lang {
                    Lang::En => format!("missing columns {}", missing.join(", ")),
                    Lang::Ko => format!("없어진 열 {}", missing.join(", ")),
                });
            }
            if !added.is_empty() {
                parts.push(match lang {
                    Lang::En => format!("new columns {}", added.join(", ")),
                    Lang::Ko => format!("새 열 {}", added.join(", ")),
                });
            }
            for (name, was, now) in retyped {
                let (was, now) = (column_type(lang, *was), column_type(lang, *now));
                parts.push(match lang {
                    Lang::En => format!("{name} was {was} and is now {now}"),
                    Lang::Ko => format!("{name} 열의 타입이 {was}에서 {now}(으)로 바뀜"),
                });
            }
            match lang {
                Lang::En => format!(
                    "{source}: the columns differ from the file the notebook was saved with: {}",
                    parts.join("; ")
                ),
                Lang::Ko => format!(
                    "{source}: 노트북을 저장할 때의 파일과 열이 다릅니다: {}",
                    parts.join("; ")
                ),
            }
        }
    }
}

/// `quire predict`'s warning about levels the model never saw.
pub fn cli_unseen(lang: Lang, column: &str, rows: u64) -> String {
    match lang {
        Lang::En => format!(
            "{rows} rows hold a value of {column:?} the model never saw; they were scored as its reference level"
        ),
        Lang::Ko => format!(
            "{rows}개 행의 {column:?} 값은 모델이 본 적 없는 값이라 기준 수준으로 계산했습니다"
        ),
    }
}

/// The words of the CLI's text output that have no values in them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CliWord {
    /// Before a warning on stderr.
    Warning,
    /// A check that passed.
    Pass,
    /// A check that failed (capitals: it must stand out).
    Fail,
    /// A check that cannot run.
    Invalid,
    /// A table-level check that found nothing.
    Nothing,
    /// A metric with no two complete periods.
    NoComparison,
}

impl CliWord {
    pub fn text(self, lang: Lang) -> &'static str {
        let (en, ko) = match self {
            CliWord::Warning => ("warning", "경고"),
            CliWord::Pass => ("pass", "통과"),
            CliWord::Fail => ("FAIL", "실패"),
            CliWord::Invalid => ("INVALID", "검사 불가"),
            CliWord::Nothing => ("nothing", "없음"),
            CliWord::NoComparison => (
                "no two complete periods to compare",
                "비교할 완료된 기간이 두 개 없습니다",
            ),
        };
        match lang {
            Lang::En => en,
            Lang::Ko => ko,
        }
    }
}

/// A cell's state after its run: `ok`, `ERROR`…
pub fn cli_state(lang: Lang, state: CellState) -> &'static str {
    match (lang, state) {
        (Lang::En, CellState::UpToDate) => "ok",
        (Lang::Ko, CellState::UpToDate) => "완료",
        (Lang::En, CellState::Error) => "ERROR",
        (Lang::Ko, CellState::Error) => "오류",
        (Lang::En, CellState::Stale) => "not run",
        (Lang::Ko, CellState::Stale) => "실행 안 됨",
        (Lang::En, CellState::Running) => "running",
        (Lang::Ko, CellState::Running) => "실행 중",
    }
}

/// A cell's kind in the text output: its name in the file (`markdown`, `sql`) in English, the
/// page's word in Korean.
pub fn cli_kind(lang: Lang, kind: CellKind) -> &'static str {
    match lang {
        Lang::En => kind.name(),
        Lang::Ko => cell_kind(lang, kind),
    }
}

/// A quality check's name in the text output: its name in the file in English.
pub fn cli_check(lang: Lang, check: &Check) -> &'static str {
    match lang {
        Lang::En => check.name(),
        Lang::Ko => Word::from(check).text(lang),
    }
}

/// An experiment check's name in the text output: its name in the JSON in English.
pub fn cli_experiment_check(lang: Lang, kind: &CheckKind) -> &'static str {
    match (lang, kind) {
        (Lang::En, CheckKind::ControlPresent { .. }) => "control_present",
        (Lang::Ko, CheckKind::ControlPresent { .. }) => "대조군 존재",
        (Lang::En, CheckKind::KnownVariants { .. }) => "known_variants",
        (Lang::Ko, CheckKind::KnownVariants { .. }) => "의도한 변형만",
        (Lang::En, CheckKind::SampleRatio { .. }) => "sample_ratio",
        (Lang::Ko, CheckKind::SampleRatio { .. }) => "표본 비율",
    }
}

/// Lines of the text output with values in them.
#[derive(Clone, Debug, PartialEq)]
pub enum CliLine<'a> {
    /// `[ID] KIND STATE (1.2 ms)`, the head of each cell.
    Cell {
        id: &'a str,
        kind: CellKind,
        state: CellState,
        ms: Option<f64>,
    },
    /// `error (CODE): MESSAGE` (in Korean `오류: MESSAGE`).
    Error { code: &'a str, message: String },
    /// `table NAME: N rows, M columns`.
    Table {
        name: &'a str,
        rows: u64,
        columns: usize,
    },
    /// `columns: a (integer), b (text, 1 null)`, from (name, type, nulls).
    Columns(Vec<(&'a str, quire_protocol::ColumnType, u64)>),
    /// `… N more rows`.
    MoreRows(u64),
    /// `check NAME: OUTCOME`.
    Check { name: &'a str, outcome: String },
    /// A failed check's failing rows: `FAIL (3 of 10 rows)`.
    FailingRows { failing: u64, rows: u64 },
    /// A failed table-level check's finding: `FAIL (found 3)`.
    Found(&'a str),
    /// An experiment's failed sample-ratio check: `FAIL (p = 1.2e-5)`.
    SampleRatio(f64),
    /// An experiment's unexpected variants: `FAIL (unexpected b, c)`.
    Unexpected(String),
    /// An experiment without units in its control: `FAIL (no units in control)`.
    NoControl(&'a str),
    /// `arm V: N units (34.07% observed, 33.33% intended)`.
    Arm {
        variant: &'a str,
        units: u64,
        observed: f64,
        intended: f64,
    },
    /// `METRIC T vs C: a → b (diff d, p x, adjusted y)`, numbers already written.
    Result {
        metric: &'a str,
        treatment: &'a str,
        control: &'a str,
        before: String,
        after: String,
        diff: String,
        p: f64,
        adjusted: f64,
    },
    /// `units per arm: N`.
    PerArm(u64),
    /// `stage 5%: 14 days, detects +1.23% in the stage's days`.
    Stage {
        share: f64,
        days: u64,
        detectable: f64,
    },
    /// `metric NAME: HEADLINE` / `tile NAME: HEADLINE`.
    Metric { tile: bool, headline: String },
    /// `PERIOD = VALUE (CHANGE, +1.2% vs PREVIOUS)`, values already written.
    Headline {
        name: &'a str,
        period: String,
        value: String,
        change: String,
        relative: Option<f64>,
        previous: String,
    },
    /// `; PERIOD so far (incomplete) = VALUE`.
    Partial { period: String, value: String },
    /// `N cells: A ok, B failed`.
    Summary { cells: usize, failed: usize },
    /// A line already in the reader's language, or the user's own: a verdict, a model's
    /// summary, a Markdown line, the grid of a table's first rows.
    Verbatim(String),
}

impl Text for CliLine<'_> {
    fn text(&self, lang: Lang) -> String {
        let ko = lang == Lang::Ko;
        match self {
            CliLine::Cell {
                id,
                kind,
                state,
                ms,
            } => {
                let time = ms.map(|ms| format!(" ({ms:.1} ms)")).unwrap_or_default();
                format!(
                    "[{id}] {} {}{time}",
                    cli_kind(lang, *kind),
                    cli_state(lang, *state)
                )
            }
            // The code is for scripts (the JSON has it too): English output keeps it.
            CliLine::Error { message, .. } if ko => format!("오류: {message}"),
            CliLine::Error { code, message } => format!("error ({code}): {message}"),
            CliLine::Table {
                name,
                rows,
                columns,
            } if ko => {
                format!("테이블 {name}: {rows}행, {columns}열")
            }
            CliLine::Table {
                name,
                rows,
                columns,
            } => {
                format!("table {name}: {rows} rows, {columns} columns")
            }
            CliLine::Columns(columns) => {
                let each: Vec<String> = columns
                    .iter()
                    .map(|(name, t, nulls)| {
                        let t = column_type(lang, *t);
                        match (nulls, ko) {
                            (0, _) => format!("{name} ({t})"),
                            (n, false) => format!("{name} ({t}, {n} null)"),
                            (n, true) => format!("{name} ({t}, 빈 값 {n}개)"),
                        }
                    })
                    .collect();
                let head = if ko { "열" } else { "columns" };
                format!("{head}: {}", each.join(", "))
            }
            CliLine::MoreRows(n) if ko => format!("… {n}행 더 있음"),
            CliLine::MoreRows(n) => format!("… {n} more rows"),
            CliLine::Check { name, outcome } if ko => format!("검사 {name}: {outcome}"),
            CliLine::Check { name, outcome } => format!("check {name}: {outcome}"),
            CliLine::FailingRows { failing, rows } if ko => {
                format!("실패 ({rows}행 중 {failing}행)")
            }
            CliLine::FailingRows { failing, rows } => format!("FAIL ({failing} of {rows} rows)"),
            CliLine::Found(found) if ko => format!("실패 (찾은 값 {found})"),
            CliLine::Found(found) => format!("FAIL (found {found})"),
            CliLine::SampleRatio(p) if ko => format!("실패 (p = {p:.3e})"),
            CliLine::SampleRatio(p) => format!("FAIL (p = {p:.3e})"),
            CliLine::Unexpected(variants) if ko => format!("실패 (의도하지 않은 변형 {variants})"),
            CliLine::Unexpected(variants) => format!("FAIL (unexpected {variants})"),
            CliLine::NoControl(control) if ko => format!("실패 ({control}에 유닛 없음)"),
            CliLine::NoControl(control) => format!("FAIL (no units in {control})"),
            CliLine::Arm {
                variant,
                units,
                observed,
                intended,
            } => {
                let (o, i) = (100.0 * observed, 100.0 * intended);
                if ko {
                    format!("그룹 {variant}: 유닛 {units}개 (실제 {o:.2}%, 의도 {i:.2}%)")
                } else {
                    format!("arm {variant}: {units} units ({o:.2}% observed, {i:.2}% intended)")
                }
            }
            CliLine::Result {
                metric,
                treatment,
                control,
                before,
                after,
                diff,
                p,
                adjusted,
            } => {
                if ko {
                    format!(
                        "{metric} {treatment} 대 {control}: {before} → {after} (차이 {diff}, p {p:.4}, 보정 {adjusted:.4})"
                    )
                } else {
                    format!(
                        "{metric} {treatment} vs {control}: {before} → {after} (diff {diff}, p {p:.4}, adjusted {adjusted:.4})"
                    )
                }
            }
            CliLine::PerArm(n) if ko => format!("그룹당 유닛 수: {n}"),
            CliLine::PerArm(n) => format!("units per arm: {n}"),
            CliLine::Stage {
                share,
                days,
                detectable,
            } => {
                let (share, detectable) = (100.0 * share, 100.0 * detectable);
                if ko {
                    format!("단계 {share:.0}%: {days}일, 그 기간에 {detectable:+.2}% 변화를 찾아냄")
                } else {
                    format!(
                        "stage {share:.0}%: {days} days, detects {detectable:+.2}% in the stage's days"
                    )
                }
            }
            CliLine::Metric { tile, headline } => {
                let head = match (tile, ko) {
                    (false, false) => "metric",
                    (true, false) => "tile",
                    (false, true) => "지표",
                    (true, true) => "타일",
                };
                format!("{head} {headline}")
            }
            CliLine::Headline {
                name,
                period,
                value,
                change,
                relative,
                previous,
            } => {
                let relative = relative
                    .map(|r| format!(", {:+.1}%", 100.0 * r))
                    .unwrap_or_default();
                if ko {
                    format!("{name}: {period} = {value} ({previous} 대비 {change}{relative})")
                } else {
                    format!("{name}: {period} = {value} ({change}{relative} vs {previous})")
                }
            }
            CliLine::Partial { period, value } if ko => {
                format!("; {period} 현재까지 (미완료) = {value}")
            }
            CliLine::Partial { period, value } => {
                format!("; {period} so far (incomplete) = {value}")
            }
            CliLine::Verbatim(text) => text.clone(),
            CliLine::Summary { cells, failed } => {
                let ok = cells.saturating_sub(*failed);
                if ko {
                    format!("셀 {cells}개: 성공 {ok}개, 실패 {failed}개")
                } else {
                    format!("{cells} cells: {ok} ok, {failed} failed")
                }
            }
        }
    }
}
