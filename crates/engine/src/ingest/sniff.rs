//! Guesses from the start of a decoded text: its first records, its delimiter, and whether its
//! first record is a header.
//!
//! The record grammar is the same as [`super::scan`]'s: RFC 4180 quotes (`""` is an escaped
//! quote; a quote opens a quoted field only at the start of a field), LF or CRLF line ends, a
//! lone CR is data (though [`super::read_csv`] has already made every lone CR an LF), and blank
//! lines (empty or only CR) are skipped.

use quire_protocol::csv::DelimiterChoice;

/// How many records [`sniff_delimiter`] looks at.
const SNIFF_RECORDS: usize = 50;
/// How many bytes [`sniff_delimiter`] looks at.
const SNIFF_BYTES: usize = 64 * 1024;

/// Receives the pieces of records from [`tokenize`].
trait Sink {
    fn byte(&mut self, b: u8);
    fn end_field(&mut self);
    /// Ends a record; returns `false` to stop reading.
    fn end_record(&mut self) -> bool;
    /// Drops the current record: it was a blank line.
    fn discard_record(&mut self);
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

/// Splits `bytes` into records until the sink says stop. An unterminated quoted field ends at
/// the end of the input.
fn tokenize(bytes: &[u8], delimiter: u8, sink: &mut impl Sink) {
    let mut state = State::Start;
    // Whether the current record has anything but CR bytes (a delimiter or a quote counts).
    let mut content = false;
    // Whether the current record has any byte at all.
    let mut started = false;
    let mut iter = bytes.iter().copied().peekable();
    while let Some(b) = iter.next() {
        started = true;
        match state {
            State::Quoted => {
                if b == b'"' {
                    state = State::QuoteInQuoted;
                } else {
                    sink.byte(b);
                }
            }
            State::QuoteInQuoted if b == b'"' => {
                sink.byte(b'"');
                state = State::Quoted;
            }
            State::Start | State::Unquoted | State::QuoteInQuoted => {
                if b == delimiter {
                    sink.end_field();
                    content = true;
                    state = State::Start;
                } else if b == b'\n' {
                    sink.end_field();
                    if content {
                        if !sink.end_record() {
                            return;
                        }
                    } else {
                        sink.discard_record();
                    }
                    content = false;
                    started = false;
                    state = State::Start;
                } else if b == b'\r' && iter.peek() == Some(&b'\n') {
                    // The CR of a CRLF: not data.
                } else if b == b'"' && state == State::Start {
                    content = true;
                    state = State::Quoted;
                } else {
                    sink.byte(b);
                    content |= b != b'\r';
                    state = State::Unquoted;
                }
            }
        }
    }
    if started {
        sink.end_field();
        if content {
            sink.end_record();
        } else {
            sink.discard_record();
        }
    }
}

/// Collects records as strings.
struct Records {
    max: usize,
    field: Vec<u8>,
    record: Vec<String>,
    records: Vec<Vec<String>>,
}

impl Sink for Records {
    fn byte(&mut self, b: u8) {
        self.field.push(b);
    }
    fn end_field(&mut self) {
        // Only ASCII bytes (quotes, CR) are ever dropped, so valid UTF-8 stays valid; the
        // lossy conversion is a no-panic guard for a non-ASCII delimiter.
        let field = String::from_utf8_lossy(&self.field).into_owned();
        self.record.push(field);
        self.field.clear();
    }
    fn end_record(&mut self) -> bool {
        self.records.push(std::mem::take(&mut self.record));
        self.records.len() < self.max
    }
    fn discard_record(&mut self) {
        self.record.clear();
        self.field.clear();
    }
}

/// Counts the fields of records.
struct FieldCounts {
    max: usize,
    fields: usize,
    counts: Vec<usize>,
}

impl Sink for FieldCounts {
    fn byte(&mut self, _: u8) {}
    fn end_field(&mut self) {
        self.fields += 1;
    }
    fn end_record(&mut self) -> bool {
        self.counts.push(self.fields);
        self.fields = 0;
        self.counts.len() < self.max
    }
    fn discard_record(&mut self) {
        self.fields = 0;
    }
}

/// The first `max_records` non-blank records of `text`, split on `delimiter` with RFC 4180
/// quoting (quotes removed, `""` unescaped, CR of CRLF dropped). Reads only as far as needed.
/// An unterminated quoted field runs to the end of the text.
pub fn first_records(text: &str, delimiter: u8, max_records: usize) -> Vec<Vec<String>> {
    if max_records == 0 {
        return Vec::new();
    }
    let mut sink = Records {
        max: max_records,
        field: Vec::new(),
        record: Vec::new(),
        records: Vec::new(),
    };
    tokenize(text.as_bytes(), delimiter, &mut sink);
    sink.records
}

/// The field counts of the first `max_records` records of `bytes`.
fn field_counts(bytes: &[u8], delimiter: u8, max_records: usize) -> Vec<usize> {
    let mut sink = FieldCounts {
        max: max_records,
        fields: 0,
        counts: Vec::new(),
    };
    tokenize(bytes, delimiter, &mut sink);
    sink.counts
}

/// Chooses the delimiter among [`DelimiterChoice::CANDIDATES`] (`,` `;` tab `|`) from the first
/// 50 records (at most 64 KiB) of `text`.
///
/// For each candidate the records are split quote-aware and their field counts taken; the
/// modal (most frequent; on a tie, the larger) count must be at least 2, and the candidate's
/// score is the number of records with exactly that count. The highest score wins; ties go to
/// the earlier candidate. When no candidate splits anything (a single-column file), `,`.
pub fn sniff_delimiter(text: &str) -> u8 {
    let bytes = text.as_bytes();
    let truncated = bytes.len() > SNIFF_BYTES;
    let window = bytes.get(..SNIFF_BYTES).unwrap_or(bytes);
    let mut best: Option<(usize, u8)> = None;
    for delimiter in DelimiterChoice::CANDIDATES {
        let mut counts = field_counts(window, delimiter, SNIFF_RECORDS);
        if truncated && counts.len() > 1 && counts.len() < SNIFF_RECORDS {
            counts.pop(); // the last record was probably cut by the window
        }
        let score = consistency(&counts);
        if score > 0 && best.is_none_or(|(top, _)| score > top) {
            best = Some((score, delimiter));
        }
    }
    best.map_or(b',', |(_, delimiter)| delimiter)
}

/// How many of `counts` equal the modal count, or 0 when that count is below 2.
fn consistency(counts: &[usize]) -> usize {
    let mut sorted = counts.to_vec();
    sorted.sort_unstable();
    let mut modal = (0usize, 0usize); // (frequency, count)
    for run in sorted.chunk_by(|a, b| a == b) {
        if let Some(&count) = run.first() {
            // `>=`: the runs come in increasing count, so a tie goes to the larger count.
            if run.len() >= modal.0 {
                modal = (run.len(), count);
            }
        }
    }
    if modal.1 >= 2 { modal.0 } else { 0 }
}

/// Guesses whether the first of `records` (as from [`first_records`]) is a header.
///
/// Cells are compared trimmed. A cell is *typed* when it is a number (an `i64` or `f64` with at
/// least one digit), an ISO date (`YYYY-MM-DD`, optionally followed by a time after `T` or a
/// space) or a boolean (`true`/`false`, any case). The rule, in order:
///
/// 1. Fewer than two records, or a first row with no non-empty cell: **no** header.
/// 2. Any typed cell in the first row: **no** header (names are not numbers or dates).
/// 3. Some column whose first cell is non-empty text while at least half of the column's other
///    non-empty cells (and at least one) are typed: a header (`a,b` over `1,2`). Empty first
///    cells are allowed here, as in the unnamed index column of a pandas export.
/// 4. All-text files: a header when every first-row cell is non-empty, they are all distinct,
///    and none of them appears again in its column below (`name,city` over `Kim,Seoul`).
///    This also calls the first row of a headerless all-text file a header; most files have
///    one, and the user can switch it off.
/// 5. Otherwise **no** header.
pub fn detect_header(records: &[Vec<String>]) -> bool {
    let Some((first, rest)) = records.split_first() else {
        return false;
    };
    if rest.is_empty() {
        return false;
    }
    let header: Vec<&str> = first.iter().map(|cell| cell.trim()).collect();
    if header.iter().all(|cell| cell.is_empty()) || header.iter().any(|cell| is_typed(cell)) {
        return false;
    }
    let column = |index: usize| {
        rest.iter()
            .filter_map(move |record| record.get(index))
            .map(|cell| cell.trim())
    };

    // Rule 3: a text name over typed values.
    let over_typed = header.iter().enumerate().any(|(index, name)| {
        if name.is_empty() {
            return false;
        }
        let (mut filled, mut typed) = (0usize, 0usize);
        for cell in column(index).filter(|cell| !cell.is_empty()) {
            filled += 1;
            typed += usize::from(is_typed(cell));
        }
        typed >= 1 && typed * 2 >= filled
    });
    if over_typed {
        return true;
    }

    // Rule 4: distinct names that never recur in their columns.
    let all_named = header.iter().all(|name| !name.is_empty());
    let distinct = header
        .iter()
        .enumerate()
        .all(|(index, name)| !header.iter().skip(index + 1).any(|other| other == name));
    let never_recur = header
        .iter()
        .enumerate()
        .all(|(index, name)| !column(index).any(|cell| cell == *name));
    all_named && distinct && never_recur
}

/// Whether a file's only record is a header: distinct, non-empty cells, none of them typed
/// (a lone row of numbers is data).
pub fn is_header_only(records: &[Vec<String>]) -> bool {
    let Some(first) = records.first() else {
        return false;
    };
    let cells: Vec<&str> = first.iter().map(|c| c.trim()).collect();
    !cells.is_empty()
        && cells.iter().all(|c| !c.is_empty() && !is_typed(c))
        && cells
            .iter()
            .enumerate()
            .all(|(i, c)| !cells.iter().skip(i + 1).any(|o| o == c))
}

/// A number, an ISO date (or date-time) or a boolean.
fn is_typed(cell: &str) -> bool {
    is_number(cell)
        || is_iso_date(cell)
        || cell.eq_ignore_ascii_case("true")
        || cell.eq_ignore_ascii_case("false")
}

fn is_number(cell: &str) -> bool {
    cell.bytes().any(|b| b.is_ascii_digit())
        && (cell.parse::<i64>().is_ok() || cell.parse::<f64>().is_ok())
}

/// `YYYY-MM-DD`, optionally followed by `T` or a space and anything (a time).
fn is_iso_date(cell: &str) -> bool {
    let bytes = cell.as_bytes();
    let (Some(date), rest) = (bytes.get(..10), bytes.get(10..).unwrap_or_default()) else {
        return false;
    };
    let digits = |range: std::ops::Range<usize>| {
        date.get(range)
            .filter(|part| part.iter().all(u8::is_ascii_digit))
            .map(|part| part.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let shape = date.get(4) == Some(&b'-') && date.get(7) == Some(&b'-');
    let valid = matches!(
        (digits(0..4), digits(5..7), digits(8..10)),
        (Some(_), Some(1..=12), Some(1..=31))
    );
    let tail = match rest.first() {
        None => true,
        Some(b'T' | b' ') => rest.len() > 1,
        Some(_) => false,
    };
    shape && valid && tail
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        first_records(text, b',', 100)
    }

    fn header(text: &str) -> bool {
        detect_header(&rows(text))
    }

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|cell| cell.to_string()).collect()
    }

    #[test]
    fn records_split_plain_and_quoted() {
        let text = "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\n";
        assert_eq!(
            rows(text),
            vec![
                strings(&["a", "b"]),
                strings(&["x, y", "say \"hi\""]),
                strings(&["two\nlines", "z"]),
            ]
        );
    }

    #[test]
    fn records_crlf_blank_lines_and_lone_cr() {
        let text = "\r\na,b\r\n\r\n\n1,\"2\"\r\n3\r4,5\r\n";
        assert_eq!(
            rows(text),
            vec![
                strings(&["a", "b"]),
                strings(&["1", "2"]),
                strings(&["3\r4", "5"])
            ]
        );
        // CRLF inside quotes is data.
        assert_eq!(rows("\"a\r\nb\",c"), vec![strings(&["a\r\nb", "c"])]);
    }

    #[test]
    fn records_edge_cases() {
        assert_eq!(rows("a,b"), vec![strings(&["a", "b"])], "no final newline");
        assert_eq!(rows("a,,\n"), vec![strings(&["a", "", ""])]);
        assert_eq!(
            rows("\"\"\n"),
            vec![strings(&[""])],
            "quoted empty is a record"
        );
        assert_eq!(rows(",\n"), vec![strings(&["", ""])]);
        assert_eq!(
            rows("a,\"open\nstill"),
            vec![strings(&["a", "open\nstill"])]
        );
        assert_eq!(
            rows("5\" pipe,\"q\"tail\n"),
            vec![strings(&["5\" pipe", "qtail"])]
        );
        assert_eq!(
            rows("이름,도시\n김철수,서울"),
            vec![strings(&["이름", "도시"]), strings(&["김철수", "서울"])]
        );
        assert!(rows("").is_empty());
        assert!(rows("\n\r\n\n").is_empty());
        assert!(first_records("a\nb\n", b',', 0).is_empty());
    }

    #[test]
    fn records_stop_early() {
        let text = "a,b\n1,2\n3,4\n5,6\n";
        assert_eq!(first_records(text, b',', 2).len(), 2);
        // The rest is never read: an open quote after the first records changes nothing.
        let text = "a,b\n1,2\n\"open";
        assert_eq!(
            first_records(text, b',', 2),
            vec![strings(&["a", "b"]), strings(&["1", "2"])]
        );
        assert_eq!(first_records("a;b\n", b';', 5), vec![strings(&["a", "b"])]);
    }

    #[test]
    fn sniffs_each_candidate() {
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(sniff_delimiter("a;b;c\n1;2;3\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\tc\n1\t2\t3\n"), b'\t');
        assert_eq!(sniff_delimiter("a|b|c\n1|2|3\n"), b'|');
    }

    #[test]
    fn sniff_prefers_consistency() {
        // European: ';' separates, ',' is the decimal mark.
        assert_eq!(sniff_delimiter("name;price\nx;1,50\ny;2\nz;3,25\n"), b';');
        // Commas inside quotes do not count.
        assert_eq!(
            sniff_delimiter("a;b\n\"Kim, C.\";1\n\"Lee, D., Jr.\";2\n\"Park\";3\n"),
            b';'
        );
        // Free text with commas in a tab file.
        assert_eq!(
            sniff_delimiter("id\tnote\n1\thello, world\n2\tfine\n3\ta, b, c\n"),
            b'\t'
        );
        // A tie goes to the earlier candidate.
        assert_eq!(sniff_delimiter("a,b;c\n1,2;3\n"), b',');
    }

    #[test]
    fn sniff_single_column_and_empty() {
        assert_eq!(sniff_delimiter("value\n1\n2\n"), b',');
        assert_eq!(sniff_delimiter(""), b',');
        assert_eq!(sniff_delimiter("\n\n"), b',');
    }

    #[test]
    fn sniff_reads_only_the_window() {
        let mut text = "a;b\n1;2\n".repeat(20);
        // Past 50 records, commas everywhere: not looked at.
        text.push_str(&"x,y,z,w\n".repeat(10_000));
        assert_eq!(sniff_delimiter(&text), b';');
        // A huge first chunk is cut at 64 KiB without panicking, even mid-character.
        // The record cut at the window's edge is not counted.
        let long = format!("a|b\n1|2\n{}|b\n", "가".repeat(40_000));
        assert_eq!(sniff_delimiter(&long), b'|');
    }

    #[test]
    fn consistency_scores() {
        assert_eq!(consistency(&[3, 3, 3, 2]), 3);
        assert_eq!(consistency(&[1, 1, 1]), 0);
        assert_eq!(consistency(&[1, 1, 2]), 0);
        assert_eq!(consistency(&[2, 3]), 1);
        assert_eq!(consistency(&[]), 0);
    }

    #[test]
    fn header_required_cases() {
        assert!(header("name,city\nKim,Seoul\nLee,Busan"));
        assert!(!header("1,2\n3,4"));
        assert!(header("a,b\n1,2"));
        assert!(header("이름,나이\n김철수,30"));
        assert!(header("x\n1\n2"));
    }

    #[test]
    fn header_typed_columns() {
        assert!(header("date,amount\n2024-01-05,3\n2024-01-06,4\n"));
        assert!(header(
            "when,note\n2024-01-05T10:00:00,a\n2024-01-06 11:00,b\n"
        ));
        assert!(header("active,name\ntrue,x\nFALSE,y\n"));
        // An unnamed index column (pandas) is still a header.
        assert!(header(",a,b\n0,1,2\n1,3,4\n"));
        // Mostly numbers with a few gaps and a stray text value.
        assert!(header("n\n1\n\n2\nn/a\n3\n"));
    }

    #[test]
    fn header_rejected() {
        // A typed first row is data.
        assert!(!header("Kim,30\nLee,40"));
        assert!(!header("2024-01-05,x\n2024-01-06,y"));
        assert!(!header("true,x\nfalse,y"));
        assert!(!header("x,-1.5e3\ny,2"));
        // Only one record.
        assert!(!header("name,city"));
        assert!(!header(""));
        // All-text and a first-row value recurs below: data.
        assert!(!header("a,b\nx,y\na,z"));
        // All-text with repeated or empty names.
        assert!(!header("x,x\nfoo,bar"));
        assert!(!header("x,\nfoo,bar"));
        assert!(!header(",\n1,2"));
    }

    #[test]
    fn header_with_ragged_records_does_not_panic() {
        assert!(header("a,b,c\n1\n2,3,4,5"));
        assert!(detect_header(&[strings(&["a"]), vec![]]));
        assert!(!detect_header(&[vec![], vec![]]));
    }

    #[test]
    fn typed_cells() {
        for cell in [
            "0",
            "-12",
            "+3.5",
            "1e10",
            ".5",
            "2024-12-31",
            "2024-02-29 10:00",
            "True",
        ] {
            assert!(is_typed(cell), "{cell}");
        }
        for cell in [
            "",
            "inf",
            "NaN",
            "abc",
            "2024-13-01",
            "2024-1-1",
            "2024-01-01x",
            "12a",
        ] {
            assert!(!is_typed(cell), "{cell}");
        }
    }
}
