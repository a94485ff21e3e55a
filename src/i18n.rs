//! Every string the page shows, in English and Korean, in one place.
//!
//! A language is a [`Strings`] value: adding a string means adding a field, and the compiler
//! refuses a language that lacks it. Messages with values in them are functions below.

use quire_protocol::experiment::{self, CheckKind, Warning};
use quire_protocol::{
    BinaryKind, CellError, CellKind, CellState, ColumnType, DataMismatch, DelimiterChoice,
    EncodingChoice, FileError, HeaderChoice, IngestError, IngestWarning, Stage, WorkerError,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Ko,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.get(..2) {
            Some("ko") => Some(Lang::Ko),
            Some("en") => Some(Lang::En),
            _ => None,
        }
    }
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::En => &EN,
            Lang::Ko => &KO,
        }
    }
}

/// The protocol's language for the words it writes itself (verdicts, experiment errors).
impl From<Lang> for experiment::Lang {
    fn from(lang: Lang) -> Self {
        match lang {
            Lang::En => experiment::Lang::En,
            Lang::Ko => experiment::Lang::Ko,
        }
    }
}

pub struct Strings {
    pub tagline: &'static str,
    pub engine_loading: &'static str,
    pub engine_ready: &'static str,
    pub engine_failed: &'static str,
    pub drop_here: &'static str,
    pub choose_file: &'static str,
    pub try_sample: &'static str,
    pub privacy: &'static str,
    pub table_name: &'static str,
    pub rows: &'static str,
    pub columns: &'static str,
    pub schema: &'static str,
    pub column: &'static str,
    pub kind: &'static str,
    pub nulls: &'static str,
    pub parse_options: &'static str,
    pub encoding: &'static str,
    pub delimiter: &'static str,
    pub header: &'static str,
    pub auto: &'static str,
    pub header_present: &'static str,
    pub header_absent: &'static str,
    pub detected: &'static str,
    pub warnings: &'static str,
    pub stage_decoding: &'static str,
    pub stage_scanning: &'static str,
    pub stage_parsing: &'static str,
    pub stage_typing: &'static str,
    pub tab: &'static str,
    pub add_markdown: &'static str,
    pub add_sql: &'static str,
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub duplicate: &'static str,
    pub collapse: &'static str,
    pub delete: &'static str,
    pub render: &'static str,
    pub run: &'static str,
    pub output_table: &'static str,
    pub new_notebook: &'static str,
    pub open: &'static str,
    pub save: &'static str,
    pub bundle: &'static str,
    pub share: &'static str,
    pub recent: &'static str,
    pub versions: &'static str,
    pub share_ready: &'static str,
    pub download: &'static str,
    pub storage_full: &'static str,
    pub storage_failed: &'static str,
    pub untitled: &'static str,
    pub state_up_to_date: &'static str,
    pub state_stale: &'static str,
    pub state_running: &'static str,
    pub state_error: &'static str,
}

pub const EN: Strings = Strings {
    tagline: "A data notebook that runs entirely in your browser.",
    engine_loading: "Engine loading…",
    engine_ready: "Engine ready",
    engine_failed: "The engine stopped. Reload the page to start it again.",
    drop_here: "Drop a CSV file here",
    choose_file: "Choose a file…",
    try_sample: "Try a sample",
    privacy: "Your file never leaves this tab: there is no server.",
    table_name: "Table name",
    rows: "rows",
    columns: "columns",
    schema: "Schema",
    column: "Column",
    kind: "Type",
    nulls: "Missing",
    parse_options: "Parse options",
    encoding: "Encoding",
    delimiter: "Delimiter",
    header: "Header row",
    auto: "Detect",
    header_present: "First row is a header",
    header_absent: "No header",
    detected: "detected",
    warnings: "Worth a look",
    stage_decoding: "Decoding",
    stage_scanning: "Checking structure",
    stage_parsing: "Parsing",
    stage_typing: "Inferring types",
    tab: "tab",
    add_markdown: "+ Text",
    add_sql: "+ SQL",
    move_up: "Move up",
    move_down: "Move down",
    duplicate: "Duplicate",
    collapse: "Fold / unfold",
    delete: "Delete",
    render: "Show (Shift+Enter)",
    run: "Run (Shift+Enter)",
    output_table: "Result table",
    new_notebook: "New",
    open: "Open…",
    save: "Save",
    bundle: "Bundle with data…",
    share: "Share link",
    recent: "Recent notebooks",
    versions: "Earlier versions",
    share_ready: "Link to this notebook (without its data):",
    download: "Download",
    storage_full: "The browser's storage is full: new changes are not kept after a reload. What was saved before is safe. Save the notebook as a file, or free space.",
    storage_failed: "Autosave failed",
    untitled: "Untitled notebook",
    state_up_to_date: "up to date",
    state_stale: "stale",
    state_running: "running",
    state_error: "error",
};

pub const KO: Strings = Strings {
    tagline: "브라우저 안에서 모두 실행되는 데이터 노트북.",
    engine_loading: "엔진 불러오는 중…",
    engine_ready: "엔진 준비됨",
    engine_failed: "엔진이 멈췄습니다. 페이지를 새로 고쳐 다시 시작하세요.",
    drop_here: "CSV 파일을 여기에 끌어다 놓으세요",
    choose_file: "파일 선택…",
    try_sample: "예제 데이터로 해 보기",
    privacy: "파일은 이 탭 밖으로 나가지 않습니다. 서버가 없습니다.",
    table_name: "테이블 이름",
    rows: "행",
    columns: "열",
    schema: "스키마",
    column: "열 이름",
    kind: "타입",
    nulls: "빈 값",
    parse_options: "읽기 옵션",
    encoding: "인코딩",
    delimiter: "구분자",
    header: "머리글 행",
    auto: "자동 감지",
    header_present: "첫 행이 머리글",
    header_absent: "머리글 없음",
    detected: "감지됨",
    warnings: "확인해 볼 것",
    stage_decoding: "디코딩",
    stage_scanning: "구조 검사",
    stage_parsing: "파싱",
    stage_typing: "타입 추론",
    tab: "탭",
    add_markdown: "+ 텍스트",
    add_sql: "+ SQL",
    move_up: "위로",
    move_down: "아래로",
    duplicate: "복제",
    collapse: "접기 / 펴기",
    delete: "삭제",
    render: "보기 (Shift+Enter)",
    run: "실행 (Shift+Enter)",
    output_table: "결과 테이블",
    new_notebook: "새 노트북",
    open: "열기…",
    save: "저장",
    bundle: "데이터 포함 묶음…",
    share: "공유 링크",
    recent: "최근 노트북",
    versions: "이전 버전",
    share_ready: "이 노트북 링크(데이터 제외):",
    download: "내려받기",
    storage_full: "브라우저 저장 공간이 가득 찼습니다. 새 변경은 새로 고침 뒤에 남지 않습니다. 이전에 저장된 것은 안전합니다. 노트북을 파일로 저장하거나 공간을 비우세요.",
    storage_failed: "자동 저장 실패",
    untitled: "제목 없는 노트북",
    state_up_to_date: "최신",
    state_stale: "오래됨",
    state_running: "실행 중",
    state_error: "오류",
};

pub fn stage(lang: Lang, stage: Stage) -> &'static str {
    let s = lang.strings();
    match stage {
        Stage::Decoding => s.stage_decoding,
        Stage::Scanning => s.stage_scanning,
        Stage::Parsing => s.stage_parsing,
        Stage::Typing => s.stage_typing,
    }
}

pub fn column_type(lang: Lang, t: ColumnType) -> &'static str {
    match (lang, t) {
        (Lang::En, _) => t.label(),
        (Lang::Ko, ColumnType::Integer) => "정수",
        (Lang::Ko, ColumnType::Float) => "실수",
        (Lang::Ko, ColumnType::Boolean) => "참/거짓",
        (Lang::Ko, ColumnType::Date) => "날짜",
        (Lang::Ko, ColumnType::Datetime) => "날짜·시간",
        (Lang::Ko, ColumnType::Text) => "텍스트",
    }
}

pub fn encoding_choice(lang: Lang, e: EncodingChoice) -> &'static str {
    match e {
        EncodingChoice::Auto => lang.strings().auto,
        EncodingChoice::Utf8 => "UTF-8",
        EncodingChoice::Utf16Le => "UTF-16 LE",
        EncodingChoice::Utf16Be => "UTF-16 BE",
        EncodingChoice::Cp949 => "CP949 / EUC-KR",
        EncodingChoice::Windows1252 => "Windows-1252",
    }
}

pub fn delimiter_choice(lang: Lang, d: DelimiterChoice) -> String {
    match d {
        DelimiterChoice::Auto => lang.strings().auto.to_owned(),
        DelimiterChoice::Tab => lang.strings().tab.to_owned(),
        other => other
            .byte()
            .map(|b| char::from(b).to_string())
            .unwrap_or_default(),
    }
}

pub fn delimiter_char(lang: Lang, c: char) -> String {
    if c == '\t' {
        lang.strings().tab.to_owned()
    } else {
        c.to_string()
    }
}

pub fn header_choice(lang: Lang, h: HeaderChoice) -> &'static str {
    let s = lang.strings();
    match h {
        HeaderChoice::Auto => s.auto,
        HeaderChoice::Present => s.header_present,
        HeaderChoice::Absent => s.header_absent,
    }
}

fn binary_kind(lang: Lang, kind: BinaryKind) -> &'static str {
    match (lang, kind) {
        (Lang::En, BinaryKind::ZipOrXlsx) => {
            "an Excel workbook (.xlsx) or another ZIP file. In Excel, use File › Save As › CSV"
        }
        (Lang::Ko, BinaryKind::ZipOrXlsx) => {
            "엑셀 통합 문서(.xlsx) 또는 ZIP 파일입니다. 엑셀에서 파일 › 다른 이름으로 저장 › CSV를 고르세요"
        }
        (Lang::En, BinaryKind::Xls) => {
            "an old Excel workbook (.xls). In Excel, use File › Save As › CSV"
        }
        (Lang::Ko, BinaryKind::Xls) => "예전 엑셀 통합 문서(.xls)입니다. 엑셀에서 CSV로 저장하세요",
        (Lang::En, BinaryKind::Pdf) => "a PDF document",
        (Lang::Ko, BinaryKind::Pdf) => "PDF 문서입니다",
        (Lang::En, BinaryKind::Image) => "an image",
        (Lang::Ko, BinaryKind::Image) => "이미지 파일입니다",
        (Lang::En, BinaryKind::Gzip) => "a gzip archive: unpack it first",
        (Lang::Ko, BinaryKind::Gzip) => "gzip 압축 파일입니다. 먼저 압축을 푸세요",
        (Lang::En, BinaryKind::Parquet) => "a Parquet file (not supported yet)",
        (Lang::Ko, BinaryKind::Parquet) => "Parquet 파일입니다(아직 지원하지 않음)",
        (Lang::En, BinaryKind::Unknown) => "binary data, not text",
        (Lang::Ko, BinaryKind::Unknown) => "텍스트가 아닌 바이너리 데이터입니다",
    }
}

pub fn ingest_error(lang: Lang, e: &IngestError) -> String {
    match (lang, e) {
        (Lang::En, IngestError::Empty) => "The file is empty.".into(),
        (Lang::Ko, IngestError::Empty) => "파일이 비어 있습니다.".into(),
        (Lang::En, IngestError::Binary { kind }) => format!(
            "This is not a CSV file: it is {}.",
            binary_kind(lang, *kind)
        ),
        (Lang::Ko, IngestError::Binary { kind }) => {
            format!("CSV 파일이 아닙니다: {}.", binary_kind(lang, *kind))
        }
        (Lang::En, IngestError::TooLarge { bytes, limit }) => format!(
            "The file is {} MB; this browser tab can read files up to {} MB.",
            bytes / 1_000_000,
            limit / 1_000_000
        ),
        (Lang::Ko, IngestError::TooLarge { bytes, limit }) => format!(
            "파일이 {} MB입니다. 이 탭에서는 {} MB까지 읽을 수 있습니다.",
            bytes / 1_000_000,
            limit / 1_000_000
        ),
        (
            Lang::En,
            IngestError::RaggedRow {
                line,
                column,
                expected,
                found,
            },
        ) => format!(
            "Line {line}, column {column}: this row has {found} fields but the first row has {expected}. Check the delimiter, or a quote or comma in that row."
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
            "{line}번째 줄, {column}번째 열: 이 행의 필드는 {found}개인데 첫 행은 {expected}개입니다. 구분자나 그 행의 따옴표·쉼표를 확인하세요."
        ),
        (Lang::En, IngestError::UnterminatedQuote { line, column }) => {
            format!("Line {line}, column {column}: a quoted field starts here and is never closed.")
        }
        (Lang::Ko, IngestError::UnterminatedQuote { line, column }) => {
            format!("{line}번째 줄, {column}번째 열: 여기서 시작한 따옴표가 닫히지 않았습니다.")
        }
        (Lang::En, IngestError::Undecodable { encoding }) => {
            format!("The bytes are not valid {}.", encoding.label())
        }
        (Lang::Ko, IngestError::Undecodable { encoding }) => {
            format!("{} 인코딩으로 읽을 수 없는 파일입니다.", encoding.label())
        }
        (Lang::En, IngestError::Parser { message }) => format!("The parser failed: {message}"),
        (Lang::Ko, IngestError::Parser { message }) => format!("파서 오류: {message}"),
        (Lang::En, IngestError::NulByte { line }) => {
            format!(
                "Line {line} holds a NUL byte (code 0), which text never has. Remove it and load the file again."
            )
        }
        (Lang::Ko, IngestError::NulByte { line }) => {
            format!(
                "{line}번째 줄에 텍스트에는 없는 널 바이트(코드 0)가 있습니다. 지우고 다시 불러오세요."
            )
        }
        (Lang::En, IngestError::MixedEncoding { line, lines }) => format!(
            "The file is UTF-8, but {lines} line(s), first line {line}, are in another encoding (often CP949). Save the file again as UTF-8, or pick an encoding."
        ),
        (Lang::Ko, IngestError::MixedEncoding { line, lines }) => format!(
            "UTF-8 파일인데 {lines}개 줄(처음은 {line}번째 줄)이 다른 인코딩(흔히 CP949)입니다. UTF-8로 다시 저장하거나 인코딩을 골라 주세요."
        ),
        (Lang::En, IngestError::StrayQuote { line, column }) => format!(
            "Line {line}, column {column}: a quote mark stands inside a field. Quote the whole field and double the inner quotes (\"\")."
        ),
        (Lang::Ko, IngestError::StrayQuote { line, column }) => format!(
            "{line}번째 줄, {column}번째 열: 필드 중간에 따옴표가 있습니다. 필드 전체를 따옴표로 감싸고 안의 따옴표는 두 번(\"\") 쓰세요."
        ),
        (Lang::En, IngestError::ParserDisagrees { records, read }) => format!(
            "The file looks like {records} rows, but only {read} could be read. Check its quotes and line breaks, or pick another delimiter."
        ),
        (Lang::Ko, IngestError::ParserDisagrees { records, read }) => format!(
            "{records}개 행으로 보이지만 {read}개만 읽을 수 있었습니다. 따옴표와 줄바꿈을 확인하거나 다른 구분자를 골라 보세요."
        ),
        (Lang::En, IngestError::TooManyColumns { limit }) => {
            format!("The file has more than {limit} columns, more than can be read.")
        }
        (Lang::Ko, IngestError::TooManyColumns { limit }) => {
            format!("열이 {limit}개를 넘어 읽을 수 없습니다.")
        }
    }
}

pub fn worker_error(lang: Lang, e: &WorkerError) -> String {
    match (lang, e) {
        (_, WorkerError::File(e)) => file_error(lang, e),
        (_, WorkerError::Ingest(e)) => ingest_error(lang, e),
        (Lang::En, WorkerError::UnknownTable { name }) => {
            format!("There is no table named “{name}”.")
        }
        (Lang::Ko, WorkerError::UnknownTable { name }) => format!("“{name}” 테이블이 없습니다."),
        (Lang::En, WorkerError::UnknownCell { id }) => {
            format!("The cell {id} is gone (was it deleted?).")
        }
        (Lang::Ko, WorkerError::UnknownCell { id }) => {
            format!("{id} 셀이 없습니다(삭제되었나요?).")
        }
        (Lang::En, WorkerError::InvalidEdit { message }) => {
            format!("That change does not fit the notebook: {message}")
        }
        (Lang::Ko, WorkerError::InvalidEdit { message }) => {
            format!("노트북에 맞지 않는 변경입니다: {message}")
        }
        (Lang::En, WorkerError::BadRequest { message }) => format!(
            "The page and the engine do not understand each other (reload the page): {message}"
        ),
        (Lang::Ko, WorkerError::BadRequest { message }) => {
            format!("페이지와 엔진이 서로 맞지 않습니다(새로 고침 하세요): {message}")
        }
        (Lang::En, WorkerError::Internal { message }) => format!("Internal error: {message}"),
        (Lang::Ko, WorkerError::Internal { message }) => format!("내부 오류: {message}"),
    }
}

pub fn file_error(lang: Lang, e: &FileError) -> String {
    match (lang, e) {
        (Lang::En, FileError::Foreign) => {
            "This is not a Quire notebook (.quire.json) or bundle (.zip).".into()
        }
        (Lang::Ko, FileError::Foreign) => {
            "Quire 노트북(.quire.json)이나 묶음(.zip) 파일이 아닙니다.".into()
        }
        (Lang::En, FileError::NewerVersion { found, supported }) => format!(
            "This notebook was saved by a newer Quire (format {found}; this one reads up to {supported}). Reload to get the newest Quire."
        ),
        (Lang::Ko, FileError::NewerVersion { found, supported }) => format!(
            "더 새로운 Quire로 저장한 노트북입니다(형식 {found}, 이 버전은 {supported}까지 읽음). 새로 고쳐 최신 Quire를 쓰세요."
        ),
        (Lang::En, FileError::Corrupt { message }) => {
            format!("The notebook file is damaged: {message}")
        }
        (Lang::Ko, FileError::Corrupt { message }) => {
            format!("노트북 파일이 손상되었습니다: {message}")
        }
    }
}

pub fn cell_error(lang: Lang, e: &CellError) -> String {
    let list = |ids: &[String]| ids.join(" → ");
    match (lang, e) {
        (_, CellError::Ingest(e)) => ingest_error(lang, e),
        (Lang::En, CellError::Cycle { cells }) => format!(
            "These cells read each other's tables in a circle: {}.",
            list(cells)
        ),
        (Lang::Ko, CellError::Cycle { cells }) => {
            format!("셀들이 서로의 테이블을 순환해서 읽습니다: {}.", list(cells))
        }
        (Lang::En, CellError::MissingTable { name }) => {
            format!("No cell makes a table named “{name}”.")
        }
        (Lang::Ko, CellError::MissingTable { name }) => {
            format!("“{name}” 테이블을 만드는 셀이 없습니다.")
        }
        (Lang::En, CellError::DuplicateName { name, cells }) => format!(
            "Several cells make a table named “{name}” ({}): rename one.",
            cells.len()
        ),
        (Lang::Ko, CellError::DuplicateName { name, cells }) => format!(
            "“{name}” 테이블을 만드는 셀이 {}개입니다. 하나의 이름을 바꾸세요.",
            cells.len()
        ),
        (Lang::En, CellError::Upstream { table }) => {
            format!("The table “{table}” this cell reads has an error.")
        }
        (Lang::Ko, CellError::Upstream { table }) => {
            format!("이 셀이 읽는 “{table}” 테이블에 오류가 있습니다.")
        }
        (Lang::En, CellError::MissingData { source }) => {
            format!("This notebook reads “{source}”, which is not loaded: drop that file here.")
        }
        (Lang::Ko, CellError::MissingData { source }) => format!(
            "이 노트북은 “{source}” 파일을 읽는데 아직 불러오지 않았습니다. 그 파일을 여기에 놓으세요."
        ),
        (Lang::En, CellError::InvalidName { name }) => {
            format!("“{name}” cannot be a table name: use 1 to 64 visible characters.")
        }
        (Lang::Ko, CellError::InvalidName { name }) => {
            format!("“{name}”은(는) 테이블 이름으로 쓸 수 없습니다. 보이는 글자 1~64자로 정하세요.")
        }
        (
            Lang::En,
            CellError::Sql {
                message,
                line,
                column,
            },
        ) => match (line, column) {
            (Some(l), Some(c)) => format!("SQL error at line {l}, column {c}: {message}"),
            _ => format!("SQL error: {message}"),
        },
        (
            Lang::Ko,
            CellError::Sql {
                message,
                line,
                column,
            },
        ) => match (line, column) {
            (Some(l), Some(c)) => format!("SQL 오류({l}번째 줄, {c}번째 글자): {message}"),
            _ => format!("SQL 오류: {message}"),
        },
        (Lang::En, CellError::Chart { message }) => format!("Cannot draw this chart: {message}"),
        (Lang::Ko, CellError::Chart { message }) => format!("차트를 그릴 수 없습니다: {message}"),
        (Lang::En, CellError::Step { step, message }) => {
            format!("Step {} cannot run: {message}", step + 1)
        }
        (Lang::Ko, CellError::Step { step, message }) => {
            format!("{}단계를 실행할 수 없습니다: {message}", step + 1)
        }
        (Lang::En, CellError::Experiment(e)) => {
            format!("This cell cannot run: {}.", e.text(lang.into()))
        }
        (Lang::Ko, CellError::Experiment(e)) => {
            format!("이 셀을 실행할 수 없습니다: {}.", e.text(lang.into()))
        }
        (Lang::En, CellError::Metric(e)) => {
            format!("This cell cannot run: {}.", e.text(lang.into()))
        }
        (Lang::Ko, CellError::Metric(e)) => {
            format!("이 셀을 실행할 수 없습니다: {}.", e.text(lang.into()))
        }
        (Lang::En, CellError::Model(e)) => {
            format!("This model cannot be fitted: {}.", e.text(lang.into()))
        }
        (Lang::Ko, CellError::Model(e)) => {
            format!("모델을 적합할 수 없습니다: {}.", e.text(lang.into()))
        }
        (Lang::En, CellError::Internal { message }) => format!("Internal error: {message}"),
        (Lang::Ko, CellError::Internal { message }) => format!("내부 오류: {message}"),
    }
}

pub fn mismatch(lang: Lang, m: &DataMismatch) -> String {
    match (lang, m) {
        (Lang::En, DataMismatch::Content { .. }) => "This file is not the one the notebook was saved with (other contents, same columns): results may differ.".into(),
        (Lang::Ko, DataMismatch::Content { .. }) => "노트북을 저장할 때와 다른 파일입니다(열은 같고 내용이 다름). 결과가 달라질 수 있습니다.".into(),
        (_, DataMismatch::Schema { missing, added, retyped }) => {
            let retyped: Vec<String> = retyped.iter().map(|(n, a, b)| format!("{n} ({} → {})", column_type(lang, *a), column_type(lang, *b))).collect();
            let (m, a, r) = match lang {
                Lang::En => ("missing", "new", "other type"),
                Lang::Ko => ("없어진 열", "새 열", "타입이 바뀐 열"),
            };
            let mut parts = Vec::new();
            if !missing.is_empty() { parts.push(format!("{m}: {}", missing.join(", "))); }
            if !added.is_empty() { parts.push(format!("{a}: {}", added.join(", "))); }
            if !retyped.is_empty() { parts.push(format!("{r}: {}", retyped.join(", "))); }
            let head = match lang {
                Lang::En => "This file's columns differ from the saved notebook's",
                Lang::Ko => "이 파일의 열이 저장된 노트북과 다릅니다",
            };
            format!("{head} — {}.", parts.join("; "))
        }
    }
}

pub fn drop_named(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("Drop “{name}” here"),
        Lang::Ko => format!("“{name}” 파일을 여기에 놓으세요"),
    }
}

pub fn cell_kind(lang: Lang, kind: CellKind) -> &'static str {
    match (lang, kind) {
        (Lang::En, CellKind::Markdown) => "Text",
        (Lang::Ko, CellKind::Markdown) => "텍스트",
        (Lang::En, CellKind::Data) => "Data",
        (Lang::Ko, CellKind::Data) => "데이터",
        (_, CellKind::Sql) => "SQL",
        (Lang::En, CellKind::Clean) => "Clean",
        (Lang::Ko, CellKind::Clean) => "정제",
        (Lang::En, CellKind::Quality) => "Checks",
        (Lang::Ko, CellKind::Quality) => "품질 검사",
        (Lang::En, CellKind::Chart) => "Chart",
        (Lang::Ko, CellKind::Chart) => "차트",
        (Lang::En, CellKind::Experiment) => "A/B test",
        (Lang::Ko, CellKind::Experiment) => "A/B 테스트",
        (Lang::En, CellKind::Plan) => "Test plan",
        (Lang::Ko, CellKind::Plan) => "실험 설계",
        (Lang::En, CellKind::Metric) => "Metric",
        (Lang::Ko, CellKind::Metric) => "지표",
        (Lang::En, CellKind::Dashboard) => "Dashboard",
        (Lang::Ko, CellKind::Dashboard) => "대시보드",
        (Lang::En, CellKind::Model) => "Model",
        (Lang::Ko, CellKind::Model) => "모델",
    }
}

pub fn cell_state(lang: Lang, state: CellState) -> &'static str {
    let s = lang.strings();
    match state {
        CellState::UpToDate => s.state_up_to_date,
        CellState::Stale => s.state_stale,
        CellState::Running => s.state_running,
        CellState::Error => s.state_error,
    }
}

/// A byte count for people: "812 B", "4.2 KB", "21.3 MB".
pub fn bytes_label(n: u64) -> String {
    match n {
        0..1_000 => format!("{n} B"),
        1_000..1_000_000 => format!("{:.1} KB", n as f64 / 1e3),
        _ => format!("{:.1} MB", n as f64 / 1e6),
    }
}

pub fn warning(lang: Lang, w: &IngestWarning) -> String {
    match (lang, w) {
        (
            Lang::En,
            IngestWarning::MostlyNumeric {
                column,
                bad_cells,
                non_null,
                examples,
            },
        ) => format!(
            "“{column}” is numeric except {bad_cells} of {non_null} values, so it was kept as text (nothing was removed). First ones: {}.",
            examples_list(lang, examples)
        ),
        (
            Lang::Ko,
            IngestWarning::MostlyNumeric {
                column,
                bad_cells,
                non_null,
                examples,
            },
        ) => format!(
            "“{column}” 열은 {non_null}개 중 {bad_cells}개를 빼면 숫자라서, 값을 지우지 않고 텍스트로 두었습니다. 처음 몇 개: {}.",
            examples_list(lang, examples)
        ),
        (Lang::En, IngestWarning::RenamedColumns { renamed }) => format!(
            "Empty or repeated column names were renamed: {}.",
            renamed
                .iter()
                .map(|(i, a, b)| format!("#{i} “{a}” → “{b}”"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        (Lang::Ko, IngestWarning::RenamedColumns { renamed }) => format!(
            "비어 있거나 겹치는 열 이름을 바꿨습니다: {}.",
            renamed
                .iter()
                .map(|(i, a, b)| format!("{i}번 “{a}” → “{b}”"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        (Lang::En, IngestWarning::Replaced { encoding, count }) => format!(
            "{count} characters are not valid {}; they show as �. Try another encoding.",
            encoding.label()
        ),
        (Lang::Ko, IngestWarning::Replaced { encoding, count }) => format!(
            "{count}개 문자가 {} 인코딩에 맞지 않아 �로 표시됩니다. 다른 인코딩을 골라 보세요.",
            encoding.label()
        ),
        (Lang::En, IngestWarning::GuessedEncoding { encoding }) => format!(
            "The file is neither UTF-8 nor CP949; it was read as {}. Pick the right encoding if the text looks wrong.",
            encoding.label()
        ),
        (Lang::Ko, IngestWarning::GuessedEncoding { encoding }) => format!(
            "UTF-8도 CP949도 아니어서 {}(으)로 읽었습니다. 글자가 이상하면 인코딩을 골라 주세요.",
            encoding.label()
        ),
        (Lang::En, IngestWarning::Utf16WithoutBom { encoding }) => format!(
            "The file has no byte-order mark, but its bytes are laid out as {}; it was read so.",
            encoding.label()
        ),
        (Lang::Ko, IngestWarning::Utf16WithoutBom { encoding }) => format!(
            "바이트 순서 표시는 없지만 바이트 배열이 {}이라서 그렇게 읽었습니다.",
            encoding.label()
        ),
        (Lang::En, IngestWarning::BigIntegers { column, examples }) => format!(
            "“{column}” has whole numbers too large for an integer ({}); they are kept as floats and may be rounded.",
            examples_list(lang, examples)
        ),
        (Lang::Ko, IngestWarning::BigIntegers { column, examples }) => format!(
            "“{column}” 열에 정수로 담을 수 없을 만큼 큰 수가 있어({}) 실수로 읽었습니다. 반올림될 수 있습니다.",
            examples_list(lang, examples)
        ),
        (
            Lang::En,
            IngestWarning::AmbiguousDates {
                column,
                month_first,
            },
        ) => format!(
            "“{column}”: dates like 02/01/2024 could be read either way; they were read as {}.",
            if *month_first {
                "month/day/year"
            } else {
                "day/month/year"
            }
        ),
        (
            Lang::Ko,
            IngestWarning::AmbiguousDates {
                column,
                month_first,
            },
        ) => format!(
            "“{column}” 열: 02/01/2024 같은 날짜는 두 가지로 읽을 수 있어 {} 순서로 읽었습니다.",
            if *month_first {
                "월/일/연도"
            } else {
                "일/월/연도"
            }
        ),
        (Lang::En, IngestWarning::ConvertedToUtc { column, example }) => {
            format!("“{column}”: times with an offset (such as “{example}”) were converted to UTC.")
        }
        (Lang::Ko, IngestWarning::ConvertedToUtc { column, example }) => format!(
            "“{column}” 열: 시간대가 붙은 시각(예: “{example}”)을 협정 세계시로 바꿨습니다."
        ),
        (Lang::En, IngestWarning::SeparatorLine { delimiter }) => format!(
            "The first line “sep={delimiter}” (written by Excel) chose the delimiter; it is not a row."
        ),
        (Lang::Ko, IngestWarning::SeparatorLine { delimiter }) => format!(
            "첫 줄 “sep={delimiter}”(엑셀이 쓰는 줄)로 구분자를 정했고, 행으로 읽지 않았습니다."
        ),
    }
}

fn examples_list(lang: Lang, examples: &[quire_protocol::csv::BadCell]) -> String {
    examples
        .iter()
        .map(|b| match lang {
            Lang::En => format!("line {} “{}”", b.line, b.value),
            Lang::Ko => format!("{}번째 줄 “{}”", b.line, b.value),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A count with thousands separators, as both languages write it (the charts' own words use
/// the same function).
pub fn count(n: u64) -> String {
    quire_charts::words::grouped(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_sizes_read_plainly() {
        assert_eq!(bytes_label(812), "812 B");
        assert_eq!(bytes_label(4_210), "4.2 KB");
        assert_eq!(bytes_label(21_300_000), "21.3 MB");
    }

    #[test]
    fn counts_have_separators() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(1234567), "1,234,567");
    }

    #[test]
    fn every_error_reads_in_both_languages() {
        let e = IngestError::RaggedRow {
            line: 3,
            column: 3,
            expected: 3,
            found: 2,
        };
        assert!(ingest_error(Lang::En, &e).starts_with("Line 3, column 3"));
        assert!(ingest_error(Lang::Ko, &e).starts_with("3번째 줄, 3번째 열"));
    }
}

/// The vocabulary of cleaning, checks, profiles and export: (key, English, Korean). Keys are
/// the names steps and checks have in the file, and field names.
const WORDS: &[(&str, &str, &str)] = &[
    // Steps.
    ("select", "Keep columns", "열 고르기"),
    ("drop", "Drop columns", "열 삭제"),
    ("rename", "Rename column", "열 이름 바꾸기"),
    ("cast", "Change type", "형식 바꾸기"),
    ("parse_date", "Parse dates", "날짜 읽기"),
    ("trim", "Trim spaces", "공백 제거"),
    ("case", "Change case", "대소문자 바꾸기"),
    ("replace", "Replace values", "값 바꾸기"),
    ("fill_null", "Fill nulls", "빈 값 채우기"),
    ("drop_nulls", "Drop rows with nulls", "빈 값 있는 행 삭제"),
    ("dedup", "Remove duplicates", "중복 제거"),
    ("filter", "Filter rows", "행 거르기"),
    ("derive", "Add a column", "열 추가"),
    ("outliers", "Outliers", "이상값"),
    ("sort", "Sort", "정렬"),
    // Checks.
    ("not_null", "Not null", "빈 값 없음"),
    ("unique", "Unique", "중복 없음"),
    ("in_range", "In range", "범위 안"),
    ("in_set", "In set", "허용 값"),
    ("pattern", "Matches pattern", "패턴 일치"),
    ("row_count", "Row count at least", "최소 행 수"),
    (
        "referential",
        "Exists in another table",
        "다른 테이블에 존재",
    ),
    ("fresh", "Fresh", "최신성"),
    // Fields.
    ("input", "Input table", "입력 테이블"),
    ("output", "Output table", "결과 테이블"),
    (
        "columns",
        "Columns (comma-separated; empty = all)",
        "열(쉼표로 구분, 비우면 전체)",
    ),
    ("column", "Column", "열"),
    ("from", "Column", "열"),
    ("to", "New name", "새 이름"),
    ("type", "Type", "형식"),
    (
        "formats",
        "Formats (comma-separated, e.g. %Y-%m-%d)",
        "형식(쉼표로 구분, 예: %Y-%m-%d)",
    ),
    ("datetime", "With time of day", "시각 포함"),
    ("text_case", "Case", "대소문자"),
    ("lower", "lower case", "소문자"),
    ("upper", "UPPER CASE", "대문자"),
    ("title", "Title Case", "단어 첫 글자만 대문자"),
    ("find", "Find", "찾을 값"),
    (
        "with",
        "Replace with (empty = null)",
        "바꿀 값(비우면 null)",
    ),
    ("whole", "Whole value only", "값 전체가 같을 때만"),
    ("fill", "Fill with", "채울 값"),
    ("constant", "a value", "지정한 값"),
    ("mean", "the mean", "평균"),
    ("median", "the median", "중앙값"),
    ("mode", "the most frequent value", "최빈값"),
    ("forward", "the previous value", "앞의 값"),
    ("backward", "the next value", "뒤의 값"),
    ("value", "Value", "값"),
    ("how", "Drop a row when", "행을 지울 조건"),
    ("any", "any of them is null", "하나라도 null"),
    ("all", "all of them are null", "모두 null"),
    ("keep", "Keep", "남길 행"),
    ("first", "the first", "처음 것"),
    ("last", "the last", "마지막 것"),
    ("predicate", "Keep rows where (SQL)", "남길 행의 조건(SQL)"),
    ("name", "New column", "새 열 이름"),
    ("expression", "Value (SQL expression)", "값(SQL 식)"),
    ("rule", "Rule", "기준"),
    ("iqr", "IQR × k", "IQR × k"),
    ("zscore", "z-score", "z 점수"),
    ("k", "k", "k"),
    ("z", "z", "z"),
    ("action", "Then", "처리"),
    ("clip", "clip to the bounds", "경계값으로 자르기"),
    ("drop_rows", "drop the row", "행 삭제"),
    (
        "by",
        "Sort by (comma-separated; -name for descending)",
        "정렬 기준(쉼표로 구분, 내림차순은 -이름)",
    ),
    ("min", "At least", "최솟값"),
    ("max", "At most", "최댓값"),
    (
        "values",
        "Allowed values (comma-separated)",
        "허용 값(쉼표로 구분)",
    ),
    (
        "pattern_field",
        "Regular expression (whole value)",
        "정규식(값 전체)",
    ),
    ("rows_min", "Rows", "행 수"),
    ("other_table", "Other table", "다른 테이블"),
    ("other_column", "Its column", "그 테이블의 열"),
    ("days", "Within days", "허용 일수"),
    ("reference", "Of date (YYYY-MM-DD)", "기준 날짜(YYYY-MM-DD)"),
    // Ledger, checks, profile, export.
    ("add_step", "Add a step…", "단계 추가…"),
    ("add_check", "Add a check…", "검사 추가…"),
    ("add_clean", "+ Clean", "+ 정제"),
    ("add_quality", "+ Checks", "+ 품질 검사"),
    ("on", "On", "사용"),
    ("remove", "Remove", "삭제"),
    ("skipped", "Off: skipped", "꺼짐: 건너뜀"),
    ("changed", "changed", "바뀜"),
    ("nulled", "made null", "null로 바뀜"),
    ("filled", "filled", "채워짐"),
    ("dropped", "dropped", "삭제됨"),
    ("added", "added", "추가"),
    ("removed", "removed", "제거"),
    ("examples", "Examples", "예시"),
    ("row", "Row", "행"),
    ("pass", "Pass", "통과"),
    ("fail", "Fail", "실패"),
    ("invalid", "Cannot check", "검사 불가"),
    ("profile", "Profile", "프로파일"),
    ("hide_profile", "Hide profile", "프로파일 닫기"),
    ("profiling", "Profiling…", "프로파일 계산 중…"),
    ("count", "Values", "값 수"),
    ("null_pct", "Null %", "null 비율"),
    ("distinct", "Distinct", "고유값"),
    (
        "stats",
        "min · Q1 · median · Q3 · max",
        "최소 · Q1 · 중앙값 · Q3 · 최대",
    ),
    ("mean_std", "mean ± std", "평균 ± 표준편차"),
    ("top", "Most frequent", "자주 나오는 값"),
    ("histogram", "Distribution", "분포"),
    ("export_csv", "CSV", "CSV"),
    ("export_excel", "CSV for Excel", "CSV(엑셀용)"),
    ("export_parquet", "Parquet", "Parquet"),
    ("quality_summary", "Failing checks", "실패한 검사"),
    // Charts.
    ("add_chart", "+ Chart", "+ 차트"),
    ("chart_kind", "Chart", "차트 종류"),
    ("kind_line", "Line", "선"),
    ("kind_bar", "Bars", "막대"),
    ("kind_stacked", "Stacked bars", "누적 막대"),
    ("kind_scatter", "Scatter", "산점도"),
    ("kind_histogram", "Histogram", "히스토그램"),
    ("kind_box", "Box plot", "상자 그림"),
    ("kind_interval", "Estimates with intervals", "추정값과 구간"),
    ("kind_roc", "ROC curve", "ROC 곡선"),
    ("kind_spark", "Sparkline", "스파크라인"),
    ("x", "x", "x"),
    ("y", "y (comma-separated)", "y(쉼표로 구분)"),
    ("chart_by", "Colour by", "색 구분"),
    ("aggregate", "Summarise", "집계"),
    ("agg_none", "each row", "행마다"),
    ("agg_sum", "sum", "합계"),
    ("agg_mean", "mean", "평균"),
    ("agg_count", "count of rows", "행 수"),
    ("agg_min", "minimum", "최솟값"),
    ("agg_max", "maximum", "최댓값"),
    ("agg_median", "median", "중앙값"),
    ("time_step", "Per", "단위"),
    ("step_none", "value of x", "x 값"),
    ("step_day", "day", "일"),
    ("step_week", "week", "주"),
    ("step_month", "month", "월"),
    ("chart_title", "Title", "제목"),
    ("x_label", "x-axis label", "x축 이름"),
    ("y_label", "y-axis label", "y축 이름"),
    ("chart_fit", "Least-squares line", "최소제곱 추세선"),
    ("chart_bins", "Bins", "구간"),
    (
        "bins_sturges",
        "Sturges: ⌈log₂ n⌉ + 1",
        "Sturges: ⌈log₂ n⌉ + 1개",
    ),
    (
        "bins_fd",
        "Freedman–Diaconis: width 2·IQR/∛n",
        "Freedman–Diaconis: 너비 2·IQR/∛n",
    ),
    ("bins_fixed", "a fixed number", "개수 지정"),
    ("bin_count", "Number of bins", "구간 수"),
    (
        "roc_hint",
        "x is the score and y the label (1 or true for a positive); x and y may also be false- and true-positive rates already computed.",
        "x는 점수, y는 레이블(양성은 1 또는 true)입니다. 이미 계산한 거짓 양성 비율과 참 양성 비율을 x와 y로 줘도 됩니다.",
    ),
    ("log_y", "Log scale", "로그 눈금"),
    ("unit", "Unit", "단위(값)"),
    ("chart_sort", "Order", "순서"),
    ("sort_none", "as found", "원래 순서"),
    ("sort_x", "by category", "항목순"),
    ("sort_y", "largest first", "큰 값부터"),
    (
        "sampled",
        "Showing a sample of the rows: the chart is downsampled to draw fast.",
        "행의 일부만 표시합니다: 빠르게 그리도록 줄였습니다.",
    ),
    // A/B tests.
    ("add_experiment", "+ A/B test", "+ A/B 테스트"),
    ("exp_unit", "Unit id column", "유닛 ID 열"),
    ("variant", "Variant column", "변형 열"),
    ("control", "Control value", "대조군 값"),
    (
        "weights",
        "Intended split (e.g. control:1, b:1; empty = equal)",
        "의도한 배정 비율(예: control:1, b:1, 비우면 균등)",
    ),
    (
        "weights_invalid",
        "Write the split as variant:weight pairs separated by commas, e.g. control:1, new_checkout:1.",
        "배정 비율은 변형:가중치 쌍을 쉼표로 구분해 쓰세요. 예: control:1, new_checkout:1",
    ),
    ("confidence", "Confidence level", "신뢰수준"),
    (
        "duplicates",
        "Units on several rows",
        "여러 행에 나오는 유닛",
    ),
    ("keep_first", "keep the first row", "첫 행만 사용"),
    (
        "drop_mixed",
        "drop units seen in several variants",
        "여러 변형에 나오는 유닛 제외",
    ),
    (
        "correction",
        "Multiple-testing correction",
        "다중 비교 보정",
    ),
    ("holm", "Holm (family-wise error)", "Holm(가족별 오류율)"),
    (
        "bh",
        "Benjamini–Hochberg (false discovery rate)",
        "Benjamini–Hochberg(거짓 발견률)",
    ),
    (
        "sequential",
        "Sequential: safe to look any time",
        "순차 분석: 언제 봐도 안전",
    ),
    (
        "planned_per_arm",
        "Planned units per arm",
        "그룹당 계획 유닛 수",
    ),
    ("metrics", "Metrics", "지표"),
    ("add_metric", "+ Metric", "+ 지표"),
    ("metric_kind", "Kind", "지표 유형"),
    (
        "metric_binomial",
        "rate (0 or 1 per unit)",
        "비율(유닛마다 0 또는 1)",
    ),
    ("metric_mean", "mean per unit", "유닛당 평균"),
    ("metric_ratio", "ratio of two sums", "두 합계의 비"),
    (
        "metric_defined",
        "a defined metric, per unit",
        "정의한 지표 (유닛별)",
    ),
    ("metric_defined_name", "Metric", "지표"),
    ("numerator", "Numerator", "분자"),
    ("denominator", "Denominator", "분모"),
    ("metric_name", "Name (optional)", "이름(선택)"),
    ("metric_role", "Role", "역할"),
    ("role_goal", "goal", "목표 지표"),
    ("role_guardrail", "guardrail", "가드레일 지표"),
    ("role_secondary", "secondary", "보조 지표"),
    ("metric_direction", "Better when", "좋은 방향"),
    ("higher_better", "higher", "높을수록 좋음"),
    ("lower_better", "lower", "낮을수록 좋음"),
    (
        "covariate",
        "Pre-period column (CUPED, optional)",
        "실험 전 기간 열(CUPED, 선택)",
    ),
    ("exp_verdict", "Verdict", "결론"),
    (
        "exp_checks",
        "Before trusting the results",
        "결과를 믿기 전에 확인할 것",
    ),
    ("exp_warnings", "Warnings", "주의할 점"),
    ("arms", "Arms", "실험 그룹"),
    ("arm_variant", "Variant", "변형"),
    ("arm_units", "Units", "유닛 수"),
    ("arm_observed", "Observed share", "실제 비율"),
    ("arm_expected", "Intended share", "의도한 비율"),
    ("exp_results", "Results", "결과"),
    ("col_metric", "Metric", "지표"),
    ("col_treatment", "Treatment", "실험군"),
    ("col_n", "n (control / treatment)", "n(대조군 / 실험군)"),
    ("col_mean", "Mean or rate", "평균 또는 비율"),
    ("col_sd", "SD", "표준편차"),
    ("col_absolute", "Change [CI]", "차이 [신뢰구간]"),
    (
        "col_relative",
        "Relative change [CI]",
        "상대 변화 [신뢰구간]",
    ),
    ("col_t", "t", "t"),
    ("col_df", "df", "자유도"),
    ("col_p", "p", "p"),
    ("col_adjusted_p", "Adjusted p", "보정 p"),
    ("col_z", "z test", "z 검정"),
    (
        "col_cuped",
        "CUPED change [CI] · variance cut",
        "CUPED 차이 [신뢰구간] · 분산 감소",
    ),
    (
        "col_chance",
        "Chance to beat control",
        "대조군보다 나을 확률",
    ),
    ("col_loss", "Expected loss", "기대 손실"),
    (
        "col_sequential",
        "Always-valid interval · p",
        "항상 유효한 구간 · p",
    ),
    ("col_outcome", "Outcome", "판정"),
    ("outcome_better", "better", "개선"),
    ("outcome_worse", "worse", "악화"),
    ("outcome_flat", "no clear change", "뚜렷한 변화 없음"),
    ("relative_change", "Relative change", "상대 변화"),
    // Test plans.
    ("add_plan", "+ Test plan", "+ 실험 설계"),
    ("add_metric_cell", "+ Metric", "+ 지표"),
    ("add_dashboard", "+ Dashboard", "+ 대시보드"),
    // Metrics and dashboards.
    ("m_name", "Metric name", "지표 이름"),
    ("m_title", "Title", "제목"),
    ("m_description", "Description", "설명"),
    ("m_owner", "Owner", "담당자"),
    ("m_format", "Number format", "숫자 형식"),
    ("m_symbol", "Currency symbol", "통화 기호"),
    ("f_number", "Number", "숫자"),
    ("f_integer", "Whole number", "정수"),
    ("f_percent", "Percent", "백분율"),
    ("f_currency", "Currency", "통화"),
    ("m_table", "Source table", "원본 표"),
    ("m_time", "Time column", "시간 열"),
    ("m_grain", "Grain", "기간 단위"),
    ("g_day", "Day", "일"),
    ("g_week", "ISO week", "ISO 주"),
    ("g_month", "Month", "월"),
    ("g_quarter", "Quarter", "분기"),
    ("m_aggregation", "Aggregation (SQL)", "집계식 (SQL)"),
    (
        "m_filters",
        "Filters (SQL, separated by ;)",
        "조건 (SQL, ;로 구분)",
    ),
    ("m_dimension", "Break down by", "나눠 볼 열"),
    ("m_rolling", "Rolling window (days)", "이동 구간 (일)"),
    ("m_empty", "Empty periods", "빈 기간"),
    ("e_auto", "By the rule", "규칙대로"),
    ("e_zero", "Zero", "0으로"),
    ("e_gap", "Gap", "비워 둠"),
    ("m_definition", "Definition and SQL", "정의와 SQL"),
    ("m_series", "Periods", "기간별 값"),
    ("m_period", "Period", "기간"),
    ("m_value", "Value", "값"),
    ("m_change", "Change", "변화"),
    ("m_change_pct", "Change %", "변화율"),
    ("m_rows", "Rows", "행"),
    ("m_incomplete", "incomplete", "미완료"),
    (
        "m_tiles",
        "Metrics (names, separated by commas)",
        "지표 (이름, 쉼표로 구분)",
    ),
    ("m_open", "Definition, SQL and source", "정의, SQL, 원본"),
    ("m_source", "Source table", "원본 표"),
    ("m_defined_in", "Defined in", "정의한 셀"),
    ("m_export_png", "Export PNG", "PNG로 내보내기"),
    ("m_print", "Print", "인쇄"),
    ("plan_metric", "Metric", "지표 유형"),
    ("plan_proportion", "rate (conversion)", "비율(전환율 등)"),
    ("plan_mean", "mean per unit", "유닛당 평균"),
    (
        "baseline",
        "Baseline (rate or mean)",
        "기준값(비율 또는 평균)",
    ),
    ("sd", "Standard deviation per unit", "유닛당 표준편차"),
    (
        "effect",
        "Smallest change worth finding (relative: 0.05 = +5%)",
        "찾아낼 최소 변화(상대값: 0.05 = +5%)",
    ),
    ("alpha", "Significance level α", "유의수준 α"),
    ("power", "Power", "검정력"),
    (
        "per_arm",
        "Units per arm you can get (optional)",
        "확보할 수 있는 그룹당 유닛 수(선택)",
    ),
    ("daily_traffic", "Eligible units a day", "하루 대상 유닛 수"),
    (
        "stages",
        "Ramp stages (% of traffic, comma-separated)",
        "단계별 트래픽 비율(%, 쉼표로 구분)",
    ),
    (
        "stages_invalid",
        "Write the stages as percentages separated by commas, e.g. 5, 10, 20, 50.",
        "단계는 쉼표로 구분한 백분율로 쓰세요. 예: 5, 10, 20, 50",
    ),
    ("stage_days", "Days per stage", "단계별 기간(일)"),
    ("ramp", "Ramp", "단계적 확대"),
    ("ramp_share", "Traffic in the test", "실험 트래픽"),
    ("ramp_per_day", "Units per arm a day", "그룹당 하루 유닛 수"),
    ("ramp_days", "Days to reach the size", "필요한 기간(일)"),
    (
        "ramp_needs_traffic",
        "Enter the daily traffic to plan a ramp.",
        "단계 계획을 보려면 하루 대상 유닛 수를 입력하세요.",
    ),
    (
        "standardised_effect",
        "Standardised effect (Cohen's h or d)",
        "표준화 효과 크기(Cohen의 h 또는 d)",
    ),
    // Models.
    ("add_model", "+ Model", "+ 모델"),
    ("model_name", "Predictions table", "예측 결과 테이블"),
    ("model_method", "Model", "모델"),
    ("model_linear", "Linear regression (OLS)", "선형 회귀 (OLS)"),
    ("model_logistic", "Logistic regression", "로지스틱 회귀"),
    ("model_kmeans", "k-means clustering", "k-평균 군집"),
    (
        "model_online",
        "Online logistic (batch by batch)",
        "온라인 로지스틱 (배치별 갱신)",
    ),
    ("model_target", "Predict", "예측 대상"),
    ("model_features", "Features", "특성"),
    (
        "model_standardise",
        "Standardise numbers (z-scores)",
        "숫자 표준화 (z-점수)",
    ),
    ("model_missing", "Missing features", "결측 특성"),
    ("model_missing_drop", "leave the row out", "행 제외"),
    (
        "model_missing_impute",
        "fill with the training mean / mode",
        "학습 평균·최빈값으로 채움",
    ),
    ("model_split", "Test set", "테스트 데이터"),
    (
        "model_split_random",
        "random share (seeded)",
        "무작위 비율 (시드 고정)",
    ),
    (
        "model_split_column",
        "rows marked in a column",
        "열 값으로 지정",
    ),
    (
        "model_split_none",
        "none (learn from every row)",
        "없음 (모든 행으로 학습)",
    ),
    ("model_test_share", "Test share", "테스트 비율"),
    ("model_seed", "Seed", "시드"),
    ("model_split_by", "Split column", "분할 열"),
    ("model_test_value", "Test value", "테스트 값"),
    (
        "model_folds",
        "Cross-validation folds (0: off)",
        "교차 검증 폴드 (0: 끔)",
    ),
    ("threshold", "Threshold", "임계값"),
    ("model_l2", "L2 penalty (0: none)", "L2 벌점 (0: 없음)"),
    ("model_k", "Clusters (k)", "군집 수 (k)"),
    (
        "model_max_k",
        "Elbow up to k (0: auto)",
        "엘보 최대 k (0: 자동)",
    ),
    ("model_batch", "Batch", "배치"),
    ("model_grain", "Batch by", "배치 단위"),
    ("model_batch_value", "each value", "값마다"),
    ("model_prior", "Prior precision", "사전 정밀도"),
    ("model_term", "Term", "항"),
    ("model_intercept", "(intercept)", "(절편)"),
    (
        "model_reference",
        "Levels are compared with the reference level (left out of the terms):",
        "수준별 계수는 기준 수준(항에서 빠진 수준)과 비교한 값입니다:",
    ),
    ("model_estimate", "Estimate", "추정값"),
    ("model_se", "Std. error", "표준오차"),
    ("model_interval", "Interval", "구간"),
    (
        "model_penalised",
        "L2-penalised: the estimates are shrunk towards 0, so no standard errors or intervals are given.",
        "L2 벌점 적합: 추정값이 0 쪽으로 줄어들므로 표준오차와 구간은 제공하지 않습니다.",
    ),
    ("model_test_scores", "On the test set", "테스트 데이터 성능"),
    ("model_mean", "Mean", "평균"),
    ("model_sd", "Std. dev.", "표준편차"),
    ("model_cluster", "Cluster", "군집"),
    ("model_size", "Units", "개수"),
    ("model_mean_predicted", "Mean prediction", "평균 예측"),
    ("model_observed", "Observed rate", "실제 비율"),
    ("model_log_loss", "Log loss", "로그 손실"),
    ("model_predicted_0", "predicted 0", "예측 0"),
    ("model_predicted_1", "predicted 1", "예측 1"),
    ("model_actual_0", "actual 0", "실제 0"),
    ("model_actual_1", "actual 1", "실제 1"),
    (
        "model_export",
        "Export model (JSON)",
        "모델 내보내기 (JSON)",
    ),
    (
        "model_calibration",
        "Calibration of the predictions made before each update",
        "갱신 전 예측의 보정",
    ),
    ("model_probability", "Predicted probability", "예측 확률"),
    (
        "model_chart_residuals",
        "Residuals against fitted values",
        "적합값 대비 잔차",
    ),
    (
        "model_chart_predicted",
        "Predicted against actual",
        "실제값 대비 예측값",
    ),
    (
        "model_chart_roc",
        "ROC curve (test set)",
        "ROC 곡선 (테스트 데이터)",
    ),
    (
        "model_chart_elbow",
        "Within-cluster sum of squares by k",
        "k별 군집 내 제곱합",
    ),
    (
        "model_chart_clusters",
        "Clusters over the first two features",
        "처음 두 특성으로 본 군집",
    ),
    (
        "model_chart_loss",
        "Log loss of each batch, predicted before learning from it",
        "배치별 로그 손실 (학습 전 예측)",
    ),
    (
        "model_chart_calibration",
        "Calibration: observed rate by predicted probability",
        "보정: 예측 확률별 실제 비율",
    ),
    ("model_fitted", "Fitted", "적합값"),
    ("model_residual", "Residual", "잔차"),
    ("model_actual", "Actual", "실제값"),
    ("model_predicted", "Predicted", "예측값"),
    ("model_fpr", "False-positive rate", "위양성률"),
    ("model_tpr", "True-positive rate", "진양성률"),
    ("model_k_axis", "k", "k"),
    ("model_wcss", "WCSS", "군집 내 제곱합"),
];

/// A word of [`WORDS`]; an unknown key shows as itself (a bug, but never a blank).
pub fn word(lang: Lang, key: &str) -> &'static str {
    WORDS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or("?", |(_, en, ko)| match lang {
            Lang::En => en,
            Lang::Ko => ko,
        })
}

/// Where a model's rows went: "293 rows used (219 to train, 74 to test); 7 left out: 1
/// without a target, 6 with a missing feature; 0 filled in".
pub fn model_rows(lang: Lang, r: &quire_protocol::model::Rows) -> String {
    let used = r.train + r.test;
    let out = r.missing_target + r.missing_features;
    match lang {
        Lang::En => {
            let mut s = format!("{} of {} rows used", count(used), count(r.input));
            if r.test > 0 {
                s.push_str(&format!(
                    " ({} to train, {} to test)",
                    count(r.train),
                    count(r.test)
                ));
            }
            if out > 0 {
                s.push_str(&format!(
                    "; {} left out ({} without a target, {} with a missing feature)",
                    count(out),
                    count(r.missing_target),
                    count(r.missing_features)
                ));
            }
            if r.imputed > 0 {
                s.push_str(&format!(
                    "; {} with missing features filled in",
                    count(r.imputed)
                ));
            }
            s
        }
        Lang::Ko => {
            let mut s = format!("{}행 중 {}행 사용", count(r.input), count(used));
            if r.test > 0 {
                s.push_str(&format!(
                    " (학습 {}행, 테스트 {}행)",
                    count(r.train),
                    count(r.test)
                ));
            }
            if out > 0 {
                s.push_str(&format!(
                    "; {}행 제외 (대상 없음 {}행, 특성 결측 {}행)",
                    count(out),
                    count(r.missing_target),
                    count(r.missing_features)
                ));
            }
            if r.imputed > 0 {
                s.push_str(&format!("; {}행의 결측 특성을 채움", count(r.imputed)));
            }
            s
        }
    }
}

/// " · 2 NaN and 1 infinite value left out of the statistics".
pub fn non_finite(lang: Lang, nan: u64, infinite: u64) -> String {
    match lang {
        Lang::En => format!(
            " · {} NaN and {} infinite values left out of these statistics",
            count(nan),
            count(infinite)
        ),
        Lang::Ko => format!(
            " · NaN {}개와 무한대 {}개는 통계에서 뺐습니다",
            count(nan),
            count(infinite)
        ),
    }
}

/// "Cross-validation, 5 folds".
pub fn model_folds_title(lang: Lang, folds: usize) -> String {
    match lang {
        Lang::En => format!("Cross-validation, {folds} folds"),
        Lang::Ko => format!("교차 검증, 폴드 {folds}개"),
    }
}

/// "120 → 118 rows".
pub fn rows_in_out(lang: Lang, rows_in: u64, rows_out: u64) -> String {
    match lang {
        Lang::En => format!("{} → {} rows", count(rows_in), count(rows_out)),
        Lang::Ko => format!("{}행 → {}행", count(rows_in), count(rows_out)),
    }
}

/// "3 of 120 rows fail".
pub fn failing_rows(lang: Lang, failing: u64, rows: u64) -> String {
    match lang {
        Lang::En => format!("{} of {} rows fail", count(failing), count(rows)),
        Lang::Ko => format!("{}행 중 {}행 실패", count(rows), count(failing)),
    }
}

/// "2 checks failed in “orders”".
pub fn checks_failed(lang: Lang, failed: usize, table: &str) -> String {
    match lang {
        Lang::En if failed == 1 => format!("1 check failed on “{table}”"),
        Lang::En => format!("{failed} checks failed on “{table}”"),
        Lang::Ko => format!("“{table}” 검사 {failed}개 실패"),
    }
}

/// An experiment check, in words (its pass or fail is shown beside it).
pub fn experiment_check(lang: Lang, check: &CheckKind) -> String {
    match (lang, check) {
        (Lang::En, CheckKind::ControlPresent { control }) => {
            format!("The control “{control}” has units")
        }
        (Lang::Ko, CheckKind::ControlPresent { control }) => {
            format!("대조군 “{control}”에 유닛이 있음")
        }
        (Lang::En, CheckKind::KnownVariants { unexpected }) if unexpected.is_empty() => {
            "Every variant is in the intended split".to_owned()
        }
        (Lang::Ko, CheckKind::KnownVariants { unexpected }) if unexpected.is_empty() => {
            "모든 변형이 의도한 배정에 있음".to_owned()
        }
        (Lang::En, CheckKind::KnownVariants { unexpected }) => format!(
            "Variants outside the intended split: {}",
            unexpected.join(", ")
        ),
        (Lang::Ko, CheckKind::KnownVariants { unexpected }) => {
            format!("의도한 배정에 없는 변형: {}", unexpected.join(", "))
        }
        (Lang::En, CheckKind::SampleRatio { p }) => format!(
            "The split of units matches the intended weights (sample-ratio test, p = {})",
            p_value(*p)
        ),
        (Lang::Ko, CheckKind::SampleRatio { p }) => format!(
            "유닛 배정이 의도한 비율과 맞음(표본 비율 검정, p = {})",
            p_value(*p)
        ),
    }
}

/// A p-value for a table or a sentence: four decimals, or "< 0.0001".
pub fn p_value(p: f64) -> String {
    if p.is_finite() && p < 0.0001 {
        "< 0.0001".to_owned()
    } else {
        format!("{p:.4}")
    }
}

/// An experiment warning in plain words.
pub fn experiment_warning(lang: Lang, w: &Warning) -> String {
    match (lang, w) {
        (
            Lang::En,
            Warning::Duplicates {
                repeated_units,
                dropped_rows,
            },
        ) => format!(
            "{} units appear on more than one row; {} rows were left out.",
            count(*repeated_units),
            count(*dropped_rows)
        ),
        (
            Lang::Ko,
            Warning::Duplicates {
                repeated_units,
                dropped_rows,
            },
        ) => format!(
            "유닛 {}개가 여러 행에 나옵니다. 행 {}개를 제외했습니다.",
            count(*repeated_units),
            count(*dropped_rows)
        ),
        (Lang::En, Warning::MissingVariant { rows }) => {
            format!("{} rows have no variant and were left out.", count(*rows))
        }
        (Lang::Ko, Warning::MissingVariant { rows }) => {
            format!("변형 값이 없는 행 {}개를 제외했습니다.", count(*rows))
        }
        (Lang::En, Warning::SmallArm { variant, units }) => format!(
            "“{variant}” has only {} units (fewer than {}): its results are rough.",
            count(*units),
            experiment::SMALL_ARM
        ),
        (Lang::Ko, Warning::SmallArm { variant, units }) => format!(
            "“{variant}”의 유닛이 {}개뿐입니다({}개 미만). 결과가 불안정할 수 있습니다.",
            count(*units),
            experiment::SMALL_ARM
        ),
        (
            Lang::En,
            Warning::FewEvents {
                metric,
                variant,
                events,
            },
        ) => format!(
            "{metric} in “{variant}”: only {} events (fewer than {}), too few for a reliable interval.",
            count(*events),
            experiment::FEW_EVENTS
        ),
        (
            Lang::Ko,
            Warning::FewEvents {
                metric,
                variant,
                events,
            },
        ) => format!(
            "“{variant}”의 {metric}: 이벤트가 {}건뿐이라({}건 미만) 구간을 믿기 어렵습니다.",
            count(*events),
            experiment::FEW_EVENTS
        ),
        (
            Lang::En,
            Warning::MissingValues {
                metric,
                variant,
                left_out,
            },
        ) => format!(
            "{metric} in “{variant}”: {} units with no value were left out.",
            count(*left_out)
        ),
        (
            Lang::Ko,
            Warning::MissingValues {
                metric,
                variant,
                left_out,
            },
        ) => format!(
            "“{variant}”의 {metric}: 값이 비어 있는 유닛 {}개를 제외했습니다.",
            count(*left_out)
        ),
        (Lang::En, Warning::Unmeasurable { metric, variant }) => {
            format!("{metric} in “{variant}” cannot be compared: too few values, or all the same.")
        }
        (Lang::Ko, Warning::Unmeasurable { metric, variant }) => format!(
            "“{variant}”의 {metric}은(는) 비교할 수 없습니다. 값이 너무 적거나 모두 같습니다."
        ),
        (
            Lang::En,
            Warning::Peeking {
                planned_per_arm,
                smallest_arm,
            },
        ) => format!(
            "Looked at early: the smallest arm has {} of the {} units planned. These p-values are not valid until then; wait, or turn on sequential analysis.",
            count(*smallest_arm),
            count(*planned_per_arm)
        ),
        (
            Lang::Ko,
            Warning::Peeking {
                planned_per_arm,
                smallest_arm,
            },
        ) => format!(
            "계획보다 일찍 보고 있습니다. 가장 작은 그룹의 유닛이 계획한 {}개 중 {}개입니다. 그때까지 p값은 유효하지 않으니 기다리거나 순차 분석을 켜세요.",
            count(*planned_per_arm),
            count(*smallest_arm)
        ),
    }
}

/// "12,000 rows → 11,950 units analysed".
pub fn experiment_units(lang: Lang, rows: u64, units: u64) -> String {
    match lang {
        Lang::En => format!("{} rows → {} units analysed", count(rows), count(units)),
        Lang::Ko => format!("{}행 → 분석한 유닛 {}개", count(rows), count(units)),
    }
}

/// The sample-ratio test's numbers.
pub fn srm_line(lang: Lang, chi2: f64, df: u32, p: f64) -> String {
    match lang {
        Lang::En => format!(
            "Sample-ratio test: χ² = {chi2:.2}, df = {df}, p = {}",
            p_value(p)
        ),
        Lang::Ko => format!(
            "표본 비율 검정: χ² = {chi2:.2}, 자유도 {df}, p = {}",
            p_value(p)
        ),
    }
}

/// "3,842 units per arm (7,684 in all)".
pub fn plan_per_arm(lang: Lang, per_arm: u64) -> String {
    let all = per_arm.saturating_mul(2);
    match lang {
        Lang::En => format!("{} units per arm ({} in all)", count(per_arm), count(all)),
        Lang::Ko => format!("그룹당 유닛 {}개(전체 {}개)", count(per_arm), count(all)),
    }
}

/// What a given size per arm buys: the power for the effect, and the smallest detectable
/// change (both already formatted).
pub fn plan_given(lang: Lang, per_arm: u64, power: &str, detectable: &str) -> String {
    match lang {
        Lang::En => format!(
            "With {} units per arm: power {power} for this effect; the smallest change it can detect is {detectable}.",
            count(per_arm)
        ),
        Lang::Ko => format!(
            "그룹당 유닛 {}개라면 이 효과에 대한 검정력은 {power}이고, 찾아낼 수 있는 최소 변화는 {detectable}입니다.",
            count(per_arm)
        ),
    }
}

/// The ramp table's last column: what a stage can detect after `days`.
pub fn ramp_detectable(lang: Lang, days: u32) -> String {
    match lang {
        Lang::En => format!("Detectable change after {days} days"),
        Lang::Ko => format!("{days}일 뒤 찾아낼 수 있는 변화"),
    }
}

#[cfg(test)]
mod word_tests {
    use super::*;

    #[test]
    fn every_word_has_both_languages_and_keys_are_unique() {
        let mut keys = std::collections::HashSet::new();
        for (key, en, ko) in WORDS {
            assert!(keys.insert(*key), "{key} twice");
            assert!(!en.is_empty() && !ko.is_empty(), "{key}");
        }
        assert_eq!(word(Lang::Ko, "dedup"), "중복 제거");
        assert_eq!(word(Lang::En, "no such key"), "?");
    }
}

/// A change against an earlier period: `▲ +1 (+33.3%) vs 2024-W01`.
pub fn change_line(
    lang: Lang,
    absolute: &str,
    relative: Option<f64>,
    rising: Option<bool>,
    previous: &str,
) -> String {
    let arrow = match rising {
        Some(true) => "▲ ",
        Some(false) => "▼ ",
        None => "",
    };
    let relative = relative.map_or(String::new(), |r| {
        let sign = if r < 0.0 { "−" } else { "+" };
        format!(" ({sign}{:.1}%)", 100.0 * r.abs())
    });
    match lang {
        Lang::En => format!("{arrow}{absolute}{relative} vs {previous}"),
        Lang::Ko => format!("{arrow}{absolute}{relative}, {previous} 대비"),
    }
}

pub fn no_comparison(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "no two complete periods to compare yet",
        Lang::Ko => "비교할 완료된 기간이 아직 없습니다",
    }
}

/// The incomplete current period, said apart: `2024-01 so far (incomplete): 4 users`.
pub fn partial_line(lang: Lang, period: &str, value: &str) -> String {
    match lang {
        Lang::En => format!("{period} so far (incomplete, not compared): {value}"),
        Lang::Ko => format!("{period} 현재까지 (미완료, 비교하지 않음): {value}"),
    }
}

/// How the metric's periods were decided: data range, empty periods, rolling windows.
pub fn metric_rules(
    lang: Lang,
    first: &str,
    last: &str,
    empty: quire_protocol::metric::EmptyPeriods,
    rolling: Option<u32>,
) -> Vec<String> {
    use quire_protocol::metric::EmptyPeriods;
    let mut out = vec![match lang {
        Lang::En => format!(
            "The source has data from {first} to {last}; a period not wholly inside that range is marked incomplete and not compared."
        ),
        Lang::Ko => format!(
            "원본 데이터는 {first}부터 {last}까지입니다. 이 범위에 다 들지 않는 기간은 미완료로 표시하고 비교하지 않습니다."
        ),
    }];
    out.push(
        match (lang, empty) {
            (Lang::En, EmptyPeriods::Gap) => "A period without rows is a gap (an average or a ratio of nothing is undefined).",
            (Lang::Ko, EmptyPeriods::Gap) => "행이 없는 기간은 비워 둡니다 (아무것도 없는 것의 평균이나 비율은 정의되지 않습니다).",
            (Lang::En, _) => "A period without rows counts as 0 (a sum or a count of nothing).",
            (Lang::Ko, _) => "행이 없는 기간은 0입니다 (아무것도 없는 것의 합계나 개수).",
        }
        .to_owned(),
    );
    if let Some(w) = rolling {
        out.push(match lang {
            Lang::En => format!(
                "Each day counts distinct values over the {w} days ending that day: a unit active on several of those days counts once. Days whose window starts before the data are incomplete."
            ),
            Lang::Ko => format!(
                "각 날짜의 값은 그날까지 {w}일 동안의 고유 값 수입니다. 그 기간에 여러 번 활동해도 한 번만 셉니다. 구간이 데이터 시작 전에 걸치는 날은 미완료입니다."
            ),
        });
    }
    out
}

/// Beside a metric's SQL: what the query is on its own. Without a rolling window it is the
/// whole computation of every period with rows (pasted into an SQL cell it gives the same
/// values); with one, the engine still counts the windows after it.
pub fn metric_sql_note(lang: Lang, rolling: Option<u32>) -> String {
    match (lang, rolling) {
        (Lang::En, None) => "This query computes the metric, the period column included: pasted into an SQL cell it gives the same value for every period with rows. The periods without rows are then added by the rule above.".to_owned(),
        (Lang::Ko, None) => "이 쿼리가 기간 열까지 포함해 지표를 계산합니다. SQL 셀에 붙여 넣으면 행이 있는 모든 기간에 같은 값이 나옵니다. 행이 없는 기간은 그다음 위의 규칙에 따라 채웁니다.".to_owned(),
        (Lang::En, Some(w)) => format!(
            "This query only lists which units were active on each day (one row per unit and day). The engine then counts, for each day, the distinct units active in the {w} days ending that day: a unit active on day d counts on days d to d + {}. That counting is not in the SQL, so pasting this query into an SQL cell gives the units per day, not the {w}-day counts.",
            w.saturating_sub(1)
        ),
        (Lang::Ko, Some(w)) => format!(
            "이 쿼리는 날짜마다 활동한 유닛을 나열할 뿐입니다 (유닛과 날짜마다 한 행). 그다음 엔진이 날짜마다 그날까지 {w}일 동안 활동한 고유 유닛 수를 셉니다. d일에 활동한 유닛은 d일부터 d + {}일까지 셉니다. 이 세는 단계는 SQL에 없으므로, 이 쿼리를 SQL 셀에 붙여 넣으면 {w}일 집계가 아니라 날짜별 유닛이 나옵니다.",
            w.saturating_sub(1)
        ),
    }
}

/// Breakdown values left out of the chart and table.
pub fn more_values(lang: Lang, n: u64) -> String {
    match lang {
        Lang::En => format!(
            "{} more values not shown (those with the fewest rows)",
            count(n)
        ),
        Lang::Ko => format!("행이 적은 값 {}개는 표시하지 않았습니다", count(n)),
    }
}
