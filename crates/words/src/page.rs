//! The page's words: its fixed strings, and messages with values in them.
//!
//! A language is a [`Strings`] value: adding a string means adding a field, and the compiler
//! refuses a language that lacks it. Messages with values in them are functions below.

use crate::{Lang, Text};
use quire_protocol::experiment::{self, CheckKind, Warning};
use quire_protocol::{
    BinaryKind, CellError, CellKind, CellState, ColumnType, DataMismatch, DelimiterChoice,
    EncodingChoice, FileError, HeaderChoice, IngestError, IngestWarning, Stage, WorkerError,
};

impl Lang {
    /// The page's fixed words in this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::En => &EN,
            Lang::Ko => &KO,
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

impl Strings {
    /// Every string, for tests that read them all. Destructured without `..`: a new field
    /// that is not listed here does not compile.
    pub fn all(&self) -> Vec<&'static str> {
        let Strings {
            tagline,
            engine_loading,
            engine_ready,
            engine_failed,
            drop_here,
            choose_file,
            try_sample,
            privacy,
            table_name,
            rows,
            columns,
            schema,
            column,
            kind,
            nulls,
            parse_options,
            encoding,
            delimiter,
            header,
            auto,
            header_present,
            header_absent,
            detected,
            warnings,
            stage_decoding,
            stage_scanning,
            stage_parsing,
            stage_typing,
            tab,
            add_markdown,
            add_sql,
            move_up,
            move_down,
            duplicate,
            collapse,
            delete,
            render,
            run,
            output_table,
            new_notebook,
            open,
            save,
            bundle,
            share,
            recent,
            versions,
            share_ready,
            download,
            storage_full,
            storage_failed,
            untitled,
            state_up_to_date,
            state_stale,
            state_running,
            state_error,
        } = self;
        vec![
            tagline,
            engine_loading,
            engine_ready,
            engine_failed,
            drop_here,
            choose_file,
            try_sample,
            privacy,
            table_name,
            rows,
            columns,
            schema,
            column,
            kind,
            nulls,
            parse_options,
            encoding,
            delimiter,
            header,
            auto,
            header_present,
            header_absent,
            detected,
            warnings,
            stage_decoding,
            stage_scanning,
            stage_parsing,
            stage_typing,
            tab,
            add_markdown,
            add_sql,
            move_up,
            move_down,
            duplicate,
            collapse,
            delete,
            render,
            run,
            output_table,
            new_notebook,
            open,
            save,
            bundle,
            share,
            recent,
            versions,
            share_ready,
            download,
            storage_full,
            storage_failed,
            untitled,
            state_up_to_date,
            state_stale,
            state_running,
            state_error,
        ]
    }
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

pub(crate) fn binary_kind(lang: Lang, kind: BinaryKind) -> &'static str {
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
        (Lang::En, WorkerError::InvalidName { name }) => {
            format!("“{name}” cannot be a table name: use 1 to 64 visible characters.")
        }
        (Lang::Ko, WorkerError::InvalidName { name }) => {
            format!("“{name}”은(는) 테이블 이름으로 쓸 수 없습니다. 보이는 글자 1~64자로 정하세요.")
        }
        (Lang::En, WorkerError::NameTaken { name }) => {
            format!("Another cell already makes a table named “{name}”.")
        }
        (Lang::Ko, WorkerError::NameTaken { name }) => {
            format!("“{name}” 테이블을 만드는 셀이 이미 있습니다.")
        }
        (Lang::En, WorkerError::DuplicateCell { id }) => {
            format!("That change does not fit the notebook: a cell with id {id} exists already.")
        }
        (Lang::Ko, WorkerError::DuplicateCell { id }) => {
            format!("노트북에 맞지 않는 변경입니다: {id} 셀이 이미 있습니다.")
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
        (Lang::En, CellError::Chart(problem)) => {
            format!("Cannot draw this chart: {}.", problem.text(lang))
        }
        (Lang::Ko, CellError::Chart(problem)) => {
            format!("차트를 그릴 수 없습니다: {}.", problem.text(lang))
        }
        (Lang::En, CellError::Step { step, problem }) => {
            format!("Step {} cannot run: {}.", step + 1, problem.text(lang))
        }
        (Lang::Ko, CellError::Step { step, problem }) => {
            format!("{}단계를 실행할 수 없습니다: {}.", step + 1, problem.text(lang))
        }
        (Lang::En, CellError::Experiment(e)) => {
            format!("This cell cannot run: {}.", e.text(lang))
        }
        (Lang::Ko, CellError::Experiment(e)) => {
            format!("이 셀을 실행할 수 없습니다: {}.", e.text(lang))
        }
        (Lang::En, CellError::Metric(e)) => {
            format!("This cell cannot run: {}.", e.text(lang))
        }
        (Lang::Ko, CellError::Metric(e)) => {
            format!("이 셀을 실행할 수 없습니다: {}.", e.text(lang))
        }
        (Lang::En, CellError::Model(e)) => {
            format!("This model cannot be fitted: {}.", e.text(lang))
        }
        (Lang::Ko, CellError::Model(e)) => {
            format!("모델을 적합할 수 없습니다: {}.", e.text(lang))
        }
        (Lang::En, CellError::NotFinite) => "The result holds a number that is not finite (NaN or ∞), which the page cannot show: filter those rows out or replace the values.".into(),
        (Lang::Ko, CellError::NotFinite) => "결과에 유한하지 않은 수(NaN 또는 ∞)가 있어 페이지에 보일 수 없습니다. 그 행을 걸러 내거나 값을 바꾸세요.".into(),
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
            "엑셀이 쓰는 구분자 지정 줄이 첫 줄에 있어 구분자를 “{delimiter}”(으)로 정했고, 그 줄은 행으로 읽지 않았습니다."
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
    crate::chart::grouped(n)
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
