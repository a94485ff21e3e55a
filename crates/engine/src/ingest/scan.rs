//! One fast pass over the whole decoded text that checks its structure before the real parser
//! runs, so that ragged rows and unclosed quotes are reported with the line a text editor shows.
//!
//! The grammar is RFC 4180 as most spreadsheets write it:
//! - records end at LF or CRLF; a lone CR is data;
//! - a `"` opens a quoted field only at the start of a field; inside it, `""` is one quote and
//!   delimiters and newlines are data; quotes in the middle of an unquoted field are data when
//!   they pair up within the field (`<a href="x">`, as spreadsheets read them); an unpaired one,
//!   or anything but a delimiter or line end after a closing quote, is
//!   [`IngestError::StrayQuote`] (the parser would otherwise split the text differently from
//!   this scan);
//! - no record may have more than [`MAX_COLUMNS`] fields: the scan stops at the first field
//!   past it, so a header of a million commas is refused after 16 KiB;
//! - blank lines (empty, or only CR bytes) are skipped anywhere; they are not records but still
//!   count as lines;
//! - trailing lines that hold only white space (space, tab, CR, form feed) are cut off the end
//!   (see [`Scan::end`]); the same lines in the middle of the file are records.

use quire_protocol::csv::IngestError;

/// Progress is reported after every chunk of this many bytes.
const CHUNK: usize = 1 << 20;

/// The most columns a table may have.
pub const MAX_COLUMNS: u64 = 16_384;

/// What [`scan`] found: the shape of a well-formed text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scan {
    /// Non-blank records, the header record (if any) included.
    pub records: u64,
    /// The number of fields of the first record, which every record has.
    pub fields: u64,
    /// The byte offset just after the last non-blank record and its line terminator (if it has
    /// one); trailing white-space-only lines are left out. `&text[..end]` is what the parser
    /// reads; it is always a character boundary.
    pub end: usize,
    /// Where the line numbers of records jump: `(record index, line)` for every record that
    /// does not start on the line after the previous record's start (blank lines before it,
    /// or a multi-line previous record). Sorted by record index; usually empty or short.
    jumps: Vec<(u64, u64)>,
    /// Byte ranges of the blank lines before `end` (each with its LF), which parsers would
    /// otherwise read as empty records. Usually empty.
    pub blanks: Vec<std::ops::Range<usize>>,
}

impl Scan {
    /// The 1-based physical line on which record `index` (0-based; the first record, header or
    /// not, is 0) starts. Indices past the last record are extrapolated one line per record.
    pub fn line_of_record(&self, index: u64) -> u64 {
        let after = self.jumps.partition_point(|&(record, _)| record <= index);
        match after.checked_sub(1).and_then(|i| self.jumps.get(i)) {
            Some(&(record, line)) => line.saturating_add(index - record),
            None => index.saturating_add(1),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a field.
    Start,
    /// Inside an unquoted field.
    Unquoted,
    /// Inside a quoted field.
    Quoted,
    /// Just after a `"` inside a quoted field: either its end, or the first half of `""`.
    QuoteInQuoted,
}

/// Checks the structure of `text` (UTF-8 bytes; any bytes are accepted without panicking) with
/// the field separator `delimiter`, calling `progress` with the fraction done (0..=1) after
/// every MiB and once at the end.
///
/// Errors: [`IngestError::Empty`] when there is no non-blank record;
/// [`IngestError::RaggedRow`] for the first record whose field count differs from the first
/// record's (`line` where it starts, `column` the first extra field, `expected + 1`, when there
/// are too many, or the first missing one, `found + 1`, when too few);
/// [`IngestError::UnterminatedQuote`] when a quoted field is still open at the end (`line` and
/// 1-based field where its quote is).
pub fn scan(
    text: &[u8],
    delimiter: u8,
    mut progress: impl FnMut(f32),
) -> Result<Scan, IngestError> {
    let end = content_end(text);
    let bytes = text.get(..end).unwrap_or(text);
    let total = bytes.len().max(1) as f64;

    let mut counter = Counter {
        records: 0,
        fields: 0,
        jumps: Vec::new(),
        blanks: Vec::new(),
    };
    let mut state = State::Start;
    // The physical line (1-based) of the byte being looked at.
    let mut line: u64 = 1;
    // Fields seen so far in the current record (the one being read counts).
    let mut fields: u64 = 1;
    let mut record_start: usize = 0;
    let mut record_line: u64 = 1;
    let mut quote_at: (u64, u64) = (1, 1);
    // Where the unpaired quote in the middle of the current unquoted field is, if one is.
    let mut mid_quote: Option<(u64, u64)> = None;

    for (chunk_index, chunk) in bytes.chunks(CHUNK).enumerate() {
        let base = chunk_index.saturating_mul(CHUNK);
        for (offset, &b) in chunk.iter().enumerate() {
            match state {
                State::Quoted => {
                    if b == b'"' {
                        state = State::QuoteInQuoted;
                    } else if b == b'\n' {
                        line += 1;
                    }
                }
                State::QuoteInQuoted if b == b'"' => state = State::Quoted,
                State::QuoteInQuoted if b != delimiter && b != b'\n' && b != b'\r' => {
                    return Err(IngestError::StrayQuote {
                        line,
                        column: fields,
                    });
                }
                State::Unquoted if b == b'"' => {
                    mid_quote = match mid_quote {
                        Some(_) => None,
                        None => Some((line, fields)),
                    };
                }
                State::Start | State::Unquoted | State::QuoteInQuoted => {
                    if (b == delimiter || b == b'\n')
                        && let Some((line, column)) = mid_quote
                    {
                        return Err(IngestError::StrayQuote { line, column });
                    }
                    if b == delimiter {
                        fields += 1;
                        if fields > MAX_COLUMNS {
                            return Err(IngestError::TooManyColumns { limit: MAX_COLUMNS });
                        }
                        state = State::Start;
                    } else if b == b'\n' {
                        let at = base + offset;
                        counter.record(bytes, record_start, at, fields, record_line)?;
                        line += 1;
                        fields = 1;
                        record_start = at + 1;
                        record_line = line;
                        state = State::Start;
                    } else if b == b'"' && state == State::Start {
                        quote_at = (line, fields);
                        state = State::Quoted;
                    } else {
                        state = State::Unquoted;
                    }
                }
            }
        }
        let done = (base + chunk.len()) as f64 / total;
        progress(done.min(1.0) as f32);
    }
    if bytes.is_empty() {
        progress(1.0);
    }

    if state == State::Quoted {
        let (line, column) = quote_at;
        return Err(IngestError::UnterminatedQuote { line, column });
    }
    if let Some((line, column)) = mid_quote {
        return Err(IngestError::StrayQuote { line, column });
    }
    if record_start < bytes.len() {
        counter.record(bytes, record_start, bytes.len(), fields, record_line)?;
    }
    if counter.records == 0 {
        return Err(IngestError::Empty);
    }
    Ok(Scan {
        records: counter.records,
        fields: counter.fields,
        end,
        jumps: counter.jumps,
        blanks: counter.blanks,
    })
}

/// Record bookkeeping, kept out of the byte loop.
struct Counter {
    records: u64,
    fields: u64,
    jumps: Vec<(u64, u64)>,
    blanks: Vec<std::ops::Range<usize>>,
}

impl Counter {
    /// A record spanning `bytes[start..stop]` (without its LF) ended with `found` fields.
    fn record(
        &mut self,
        bytes: &[u8],
        start: usize,
        stop: usize,
        found: u64,
        line: u64,
    ) -> Result<(), IngestError> {
        if found == 1
            && bytes
                .get(start..stop)
                .is_none_or(|span| span.iter().all(|&b| b == b'\r'))
        {
            // A blank line: skipped, but remembered so the parser can skip it too.
            self.blanks.push(start..(stop + 1).min(bytes.len()));
            return Ok(());
        }
        if self.records == 0 {
            self.fields = found;
        } else if found != self.fields {
            let expected = self.fields;
            let column = if found > expected {
                expected + 1
            } else {
                found + 1
            };
            return Err(IngestError::RaggedRow {
                line,
                column,
                expected,
                found,
            });
        }
        let predicted = match self.jumps.last() {
            Some(&(record, at)) => at + (self.records - record),
            None => self.records + 1,
        };
        if predicted != line {
            self.jumps.push((self.records, line));
        }
        self.records += 1;
        Ok(())
    }
}

/// The offset after the last line holding something other than white space (with its LF).
fn content_end(text: &[u8]) -> usize {
    let is_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0x0B | 0x0C);
    let Some(last) = text.iter().rposition(|b| !is_space(b)) else {
        return 0;
    };
    let after = text.get(last..).unwrap_or_default();
    match after.iter().position(|&b| b == b'\n') {
        Some(newline) => last + newline + 1,
        None => text.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Scan {
        scan(text.as_bytes(), b',', |_| {}).expect("scans")
    }

    fn err(text: &str) -> IngestError {
        scan(text.as_bytes(), b',', |_| {}).expect_err("fails")
    }

    fn lines(scan: &Scan) -> Vec<u64> {
        (0..scan.records).map(|i| scan.line_of_record(i)).collect()
    }

    #[test]
    fn simple_file() {
        let s = ok("a,b,c\n1,2,3\n4,5,6\n");
        assert_eq!((s.records, s.fields, s.end), (3, 3, 18));
        assert_eq!(lines(&s), vec![1, 2, 3]);
        assert!(s.jumps.is_empty());
    }

    #[test]
    fn no_final_newline() {
        let text = "a,b\n1,2";
        let s = ok(text);
        assert_eq!((s.records, s.fields, s.end), (2, 2, text.len()));
    }

    #[test]
    fn quoted_delimiters_newlines_and_escaped_quotes() {
        let text = "name,note\n\"Kim, C.\",\"line one\nline two\"\n\"say \"\"hi\"\"\",x\nLee,y\n";
        let s = ok(text);
        assert_eq!((s.records, s.fields), (4, 2));
        assert_eq!(lines(&s), vec![1, 2, 4, 5]);
        assert_eq!(s.end, text.len());
    }

    #[test]
    fn stray_quotes_are_errors_naming_line_and_column() {
        assert_eq!(
            err("a,b\n1,2\n3,5\" pipe\n"),
            IngestError::StrayQuote { line: 3, column: 2 }
        );
        // Text after a closing quote.
        assert_eq!(
            err("a,b\n\"q\"tail,2\n"),
            IngestError::StrayQuote { line: 2, column: 1 }
        );
        // A closed quote then CRLF or the delimiter is fine.
        assert_eq!(ok("a,b\r\n\"q\",\"r\"\r\n").records, 2);
        // Quotes that pair up inside an unquoted field are data, as spreadsheets read them.
        assert_eq!(ok("a,b\n<a href=\"x\">,2\n").records, 2);
        // An unpaired one at the end of the file names itself too.
        assert_eq!(
            err("a,b\n1,5\" pipe"),
            IngestError::StrayQuote { line: 2, column: 2 }
        );
    }

    #[test]
    fn too_many_columns_stop_the_scan() {
        let header = ",".repeat(1_000_000);
        assert_eq!(
            err(&header),
            IngestError::TooManyColumns { limit: MAX_COLUMNS }
        );
        let ok_width = ",".repeat(MAX_COLUMNS as usize - 1);
        assert_eq!(ok(&ok_width).fields, MAX_COLUMNS);
    }

    #[test]
    fn crlf_and_lone_cr() {
        let text = "a,b\r\n1,2\r\n\"x\r\ny\",3\r\n";
        let s = ok(text);
        assert_eq!((s.records, s.fields, s.end), (3, 2, text.len()));
        assert_eq!(lines(&s), vec![1, 2, 3]);
        // A lone CR is data, not a line break.
        let s = ok("a,b\n1\r2,3\n");
        assert_eq!((s.records, s.fields), (2, 2));
    }

    #[test]
    fn trailing_blank_lines_are_trimmed() {
        let text = "a,b\n1,2\n\n  \r\n\t\n\n";
        let s = ok(text);
        assert_eq!(s.records, 2);
        assert_eq!(&text[..s.end], "a,b\n1,2\n");
        let text = "a,b\r\n1,2  \r\n\r\n";
        let s = ok(text);
        assert_eq!(&text[..s.end], "a,b\r\n1,2  \r\n", "data spaces are kept");
        let text = "a,b\n1,2   ";
        assert_eq!(ok(text).end, text.len());
    }

    #[test]
    fn blank_lines_in_the_middle_are_skipped_but_counted() {
        let s = ok("\n\na,b\n1,2\n\n\r\n3,4\n5,6\n");
        assert_eq!((s.records, s.fields), (4, 2));
        assert_eq!(lines(&s), vec![3, 4, 7, 8]);
        assert_eq!(s.line_of_record(5), 10, "extrapolated past the end");
    }

    #[test]
    fn ragged_too_many() {
        assert_eq!(
            err("a,b\n1,2\n3,4,5,6\n"),
            IngestError::RaggedRow {
                line: 3,
                column: 3,
                expected: 2,
                found: 4
            }
        );
    }

    #[test]
    fn ragged_too_few() {
        assert_eq!(
            err("a,b,c\n1,2,3\n\n4\n"),
            IngestError::RaggedRow {
                line: 4,
                column: 2,
                expected: 3,
                found: 1
            }
        );
        assert_eq!(
            err("a,b,c\n1,2\n"),
            IngestError::RaggedRow {
                line: 2,
                column: 3,
                expected: 3,
                found: 2
            }
        );
    }

    #[test]
    fn ragged_last_record_without_newline() {
        assert_eq!(
            err("a,b\n1,2\n3"),
            IngestError::RaggedRow {
                line: 3,
                column: 2,
                expected: 2,
                found: 1
            }
        );
    }

    #[test]
    fn multiline_record_shifts_later_lines() {
        // Record 1 spans lines 2-4, so the ragged record 3 starts on line 6.
        let text = "a,b\n1,\"x\ny\nz\"\n2,3\n4,5,6\n";
        assert_eq!(
            err(text),
            IngestError::RaggedRow {
                line: 6,
                column: 3,
                expected: 2,
                found: 3
            }
        );
        let s = ok("a,b\n1,\"x\ny\nz\"\n2,3\n");
        assert_eq!(lines(&s), vec![1, 2, 5]);
        // A ragged multi-line record is reported at its first line.
        assert_eq!(
            err("a,b\n\"x\ny\"\n"),
            IngestError::RaggedRow {
                line: 2,
                column: 2,
                expected: 2,
                found: 1
            }
        );
    }

    #[test]
    fn unterminated_quote() {
        assert_eq!(
            err("a,b,c\n1,2,3\n4,\"open,6\n7,8,9\n"),
            IngestError::UnterminatedQuote { line: 3, column: 2 }
        );
        // `""` inside is an escape, not a close.
        assert_eq!(
            err("a\n\"x\"\"\n"),
            IngestError::UnterminatedQuote { line: 2, column: 1 }
        );
        // Trailing blank lines do not move it.
        assert_eq!(
            err("a,b\n1,\"x\n\n\n"),
            IngestError::UnterminatedQuote { line: 2, column: 2 }
        );
    }

    #[test]
    fn single_column() {
        let s = ok("value\n1\n2\n\n3");
        assert_eq!((s.records, s.fields), (4, 1));
        assert_eq!(lines(&s), vec![1, 2, 3, 5]);
        // A quoted empty field is a record, not a blank line.
        let s = ok("v\n\"\"\n");
        assert_eq!(s.records, 2);
    }

    #[test]
    fn empty_fields_count() {
        let s = ok(",,\n,,\n");
        assert_eq!((s.records, s.fields), (2, 3));
    }

    #[test]
    fn empty_text() {
        for text in ["", "\n", "\r\n\r\n", "  \n\t\n", "\r"] {
            assert_eq!(err(text), IngestError::Empty, "{text:?}");
        }
    }

    #[test]
    fn other_delimiters() {
        let s = scan(b"a;b\n1,5;2\n", b';', |_| {}).expect("scans");
        assert_eq!((s.records, s.fields), (2, 2));
        let s = scan(b"a\tb\n\"x\ty\"\t2\n", b'\t', |_| {}).expect("scans");
        assert_eq!((s.records, s.fields), (2, 2));
    }

    #[test]
    fn progress_is_reported_per_mib() {
        let row = "12345,hello world,3.25\n";
        let text = row.repeat((3 << 20) / row.len() + 1);
        let mut calls = Vec::new();
        let s = scan(text.as_bytes(), b',', |f| calls.push(f)).expect("scans");
        assert_eq!(s.records, (text.len() / row.len()) as u64);
        assert_eq!(calls.len(), 4);
        assert!(calls.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(calls.last().copied(), Some(1.0));
        let mut calls = Vec::new();
        let _ = scan(b"a\n", b',', |f| calls.push(f));
        assert_eq!(calls, vec![1.0]);
    }

    #[test]
    fn records_spanning_chunks() {
        // A quoted field that straddles the 1 MiB chunk boundary, with "" across it.
        let mut text = String::from("a,b,c\n1,\"");
        text.push_str(&"x".repeat(CHUNK - text.len() - 1));
        text.push_str("\"\"y\n\",2\n3,4,5\n");
        let s = ok(&text);
        assert_eq!((s.records, s.fields), (3, 3));
        assert_eq!(lines(&s), vec![1, 2, 4]);
    }

    #[test]
    fn any_bytes_never_panic() {
        let mut bytes: Vec<u8> = (0..=255u8).collect();
        bytes.extend_from_slice(b"\"\n\",\r\n,\"\"\n");
        for start in 0..bytes.len() {
            for delimiter in [b',', b'"', b'\n', b'\r', 0] {
                let _ = scan(&bytes[start..], delimiter, |_| {});
            }
        }
    }
}
