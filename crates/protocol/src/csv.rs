//! How a CSV is read (options), what was found (report), and why it could not be read (errors).

use serde::{Deserialize, Serialize};

/// Which text encoding to decode the raw bytes with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EncodingChoice {
    /// Byte-order mark first, then strict UTF-8, then CP949 (Korean Excel), then Windows-1252.
    #[default]
    Auto,
    Utf8,
    Utf16Le,
    Utf16Be,
    /// CP949 / EUC-KR, what Korean Excel writes for "CSV (comma delimited)".
    Cp949,
    Windows1252,
}

impl EncodingChoice {
    pub const ALL: [EncodingChoice; 6] = [
        EncodingChoice::Auto,
        EncodingChoice::Utf8,
        EncodingChoice::Utf16Le,
        EncodingChoice::Utf16Be,
        EncodingChoice::Cp949,
        EncodingChoice::Windows1252,
    ];
}

/// The encoding a file was actually decoded with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Encoding {
    Utf8,
    /// UTF-8 with a byte-order mark (Excel's "CSV UTF-8").
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Cp949,
    Windows1252,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Cp949 => "CP949 / EUC-KR",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Which byte separates fields.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DelimiterChoice {
    /// Sniffed from the first lines: the candidate that splits them most consistently.
    #[default]
    Auto,
    Comma,
    Semicolon,
    Tab,
    Pipe,
}

impl DelimiterChoice {
    pub const ALL: [DelimiterChoice; 5] = [
        DelimiterChoice::Auto,
        DelimiterChoice::Comma,
        DelimiterChoice::Semicolon,
        DelimiterChoice::Tab,
        DelimiterChoice::Pipe,
    ];
    /// The candidates sniffing chooses among, in order of preference on a tie.
    pub const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];

    pub fn byte(self) -> Option<u8> {
        match self {
            DelimiterChoice::Auto => None,
            DelimiterChoice::Comma => Some(b','),
            DelimiterChoice::Semicolon => Some(b';'),
            DelimiterChoice::Tab => Some(b'\t'),
            DelimiterChoice::Pipe => Some(b'|'),
        }
    }
}

/// Whether the first record holds column names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HeaderChoice {
    /// Guessed: a first row of distinct, non-empty texts over columns whose other values are
    /// typed (numbers, dates, booleans) or differ from it is a header.
    #[default]
    Auto,
    Present,
    Absent,
}

impl HeaderChoice {
    pub const ALL: [HeaderChoice; 3] = [
        HeaderChoice::Auto,
        HeaderChoice::Present,
        HeaderChoice::Absent,
    ];
}

/// Everything that decides how raw bytes become a table. Changing it re-parses the kept bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ParseOptions {
    #[serde(default)]
    pub encoding: EncodingChoice,
    #[serde(default)]
    pub delimiter: DelimiterChoice,
    #[serde(default)]
    pub header: HeaderChoice,
}

/// The type a column was inferred as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ColumnType {
    Integer,
    Float,
    Boolean,
    Date,
    Datetime,
    Text,
}

impl ColumnType {
    pub fn label(self) -> &'static str {
        match self {
            ColumnType::Integer => "integer",
            ColumnType::Float => "float",
            ColumnType::Boolean => "boolean",
            ColumnType::Date => "date",
            ColumnType::Datetime => "datetime",
            ColumnType::Text => "text",
        }
    }
    pub fn is_numeric(self) -> bool {
        matches!(self, ColumnType::Integer | ColumnType::Float)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnSchema {
    pub name: String,
    pub dtype: ColumnType,
    pub nulls: u64,
}

/// A cell that kept a column from being typed, with the 1-based line it stands on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadCell {
    pub line: u64,
    pub value: String,
}

/// Something the reader noticed and the user should know; the table still loaded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum IngestWarning {
    /// Nearly every value of a column is a number, but a few are not. The column is kept as
    /// text (nothing is nulled or lost); the bad cells are listed so they can be fixed.
    MostlyNumeric {
        column: String,
        bad_cells: u64,
        non_null: u64,
        examples: Vec<BadCell>,
    },
    /// Header names that were empty or repeated were renamed: (position, old, new).
    RenamedColumns { renamed: Vec<(u64, String, String)> },
    /// The bytes are not valid in the chosen encoding; invalid sequences became U+FFFD.
    Replaced { encoding: Encoding, count: u64 },
    /// Neither UTF-8 nor CP949 fit, so the bytes were read as Windows-1252.
    GuessedEncoding { encoding: Encoding },
    /// The file has no byte-order mark, but its NUL bytes fall every other byte, as UTF-16
    /// text does: it was read as that UTF-16.
    Utf16WithoutBom { encoding: Encoding },
    /// The first line was Excel's `sep=X`: it chose the delimiter and is neither header nor
    /// data.
    SeparatorLine { delimiter: char },
    /// Whole numbers too large for a 64-bit integer: the column holds them as floats, which
    /// may round them; examples listed.
    BigIntegers {
        column: String,
        examples: Vec<BadCell>,
    },
    /// Dates such as `02/01/2024` could be read either way; `month_first` says which order
    /// was used (month/day/year when true, day/month/year when false).
    AmbiguousDates { column: String, month_first: bool },
    /// Date-times with an offset (`+09:00`, `Z`) were converted to UTC; `example` is one as
    /// written.
    ConvertedToUtc { column: String, example: String },
}

/// The kind of non-text file that was offered as a CSV.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BinaryKind {
    /// A ZIP container: almost always an Excel workbook (.xlsx).
    ZipOrXlsx,
    /// An old Excel workbook (.xls, OLE compound file).
    Xls,
    Pdf,
    Image,
    Gzip,
    Parquet,
    Unknown,
}

/// Why a file could not be read as a table. Nothing is half-loaded: on error no table exists.
/// Lines and columns are 1-based, as a text editor shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum IngestError {
    /// No bytes, or nothing but white space and empty lines.
    Empty,
    Binary {
        kind: BinaryKind,
    },
    /// Larger than the memory the engine can honour for one file.
    TooLarge {
        bytes: u64,
        limit: u64,
    },
    /// A record with another number of fields than the header.
    RaggedRow {
        line: u64,
        /// The first field that is extra or missing.
        column: u64,
        expected: u64,
        found: u64,
    },
    /// A quoted field opened here is never closed.
    UnterminatedQuote {
        line: u64,
        column: u64,
    },
    /// The chosen encoding does not fit the bytes at all (e.g. UTF-16 without a BOM on a
    /// file of odd length).
    Undecodable {
        encoding: Encoding,
    },
    /// The parser itself failed; the message is the engine's. No longer produced (see
    /// [`IngestError::ParserDisagrees`]); kept so older messages still read.
    Parser {
        message: String,
    },
    /// A NUL byte (code 0) in an otherwise text file, first on this line.
    NulByte {
        line: u64,
    },
    /// The file is UTF-8 but for some lines in another encoding (often CP949): the first such
    /// line, and how many there are.
    MixedEncoding {
        line: u64,
        lines: u64,
    },
    /// A `"` where a field cannot have one: inside an unquoted field, or text after a closing
    /// quote. 1-based line and field.
    StrayQuote {
        line: u64,
        column: u64,
    },
    /// More columns than the engine reads.
    TooManyColumns {
        limit: u64,
    },
    /// The structure check found `records` data rows but the parser could not read them
    /// (`read` rows, 0 when it failed). Never the parser's own message.
    ParserDisagrees {
        records: u64,
        read: u64,
    },
}

/// What reading a CSV found: the choices made, the schema and anything worth a warning.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParseReport {
    pub bytes: u64,
    pub encoding: Encoding,
    /// The delimiter used, as a character.
    pub delimiter: char,
    pub header: bool,
    pub rows: u64,
    pub columns: Vec<ColumnSchema>,
    pub warnings: Vec<IngestWarning>,
    /// The cell texts read as missing (besides the empty cell), so the page can list them.
    #[serde(default)]
    pub missing_values: Vec<String>,
    /// Columns read as numbers from text with a unit or thousand separators (`12,000원`,
    /// `₩12,000`, `$1.5`, `12%`, `"12,000"`): (column, unit), the unit empty when there were
    /// only separators. The numbers are the values as written, without the unit (`12%` → 12).
    #[serde(default)]
    pub units: Vec<(String, String)>,
}
