//! Raw bytes to text: recognise files that are not text at all, then decode with the chosen
//! (or guessed) encoding.
//!
//! Order of use: the caller checks the size limit ([`DEFAULT_MAX_BYTES`]), then
//! [`sniff_binary`], then [`decode`]. Neither function here panics on any input.

use std::borrow::Cow;

use encoding_rs::DecoderResult;
use quire_protocol::csv::{BinaryKind, Encoding, EncodingChoice, IngestError, IngestWarning};

/// The largest file the engine accepts by default (512 MiB).
pub const DEFAULT_MAX_BYTES: u64 = 512 * 1024 * 1024;

/// How much of the start of a file [`sniff_binary`] inspects for control bytes.
const SNIFF_WINDOW: usize = 8 * 1024;

const BOM_UTF8: &[u8] = b"\xEF\xBB\xBF";
const BOM_UTF16LE: &[u8] = b"\xFF\xFE";
const BOM_UTF16BE: &[u8] = b"\xFE\xFF";

/// Recognises files that are not text: by magic number first, then (unless the file starts
/// with a UTF-16 byte-order mark) by a NUL byte or more than 10% control bytes (below 0x20,
/// other than tab, LF, CR and form feed) in the first 8 KiB. Text in any encoding the engine
/// reads (UTF-8, UTF-16 with BOM, CP949, Windows-1252) gives `None`.
pub fn sniff_binary(bytes: &[u8]) -> Option<BinaryKind> {
    const MAGIC: &[(&[u8], BinaryKind)] = &[
        (b"PK\x03\x04", BinaryKind::ZipOrXlsx),
        (b"PK\x05\x06", BinaryKind::ZipOrXlsx), // empty ZIP archive
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", BinaryKind::Xls),
        (b"%PDF", BinaryKind::Pdf),
        (b"\x89PNG\r\n\x1A\n", BinaryKind::Image),
        (b"\xFF\xD8\xFF", BinaryKind::Image),
        (b"GIF87a", BinaryKind::Image),
        (b"GIF89a", BinaryKind::Image),
        (b"\x1F\x8B", BinaryKind::Gzip),
        (b"PAR1", BinaryKind::Parquet),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(*kind);
    }
    if bytes.starts_with(BOM_UTF16LE) || bytes.starts_with(BOM_UTF16BE) {
        return None;
    }
    if utf16_without_bom(bytes).is_some() {
        return None;
    }
    let window = bytes.get(..SNIFF_WINDOW).unwrap_or(bytes);
    // A stray NUL or two in text is the reader's to name by line; many are binary.
    let nuls = window.iter().filter(|&&b| b == 0).count();
    if nuls > 2 && nuls.saturating_mul(100) > window.len() {
        return Some(BinaryKind::Unknown);
    }
    let control = window
        .iter()
        .filter(|&&b| b < 0x20 && b != 0 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    // More than 10%, in integers: control / len > 1 / 10.
    if control.saturating_mul(10) > window.len() {
        return Some(BinaryKind::Unknown);
    }
    None
}

/// UTF-16 without a byte-order mark, recognised by its NUL pattern in the first 8 KiB: text
/// that is mostly ASCII has a NUL in every other byte, on the odd side for little-endian and
/// the even side for big-endian, and (almost) none on the other side.
pub fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    let window = bytes.get(..SNIFF_WINDOW).unwrap_or(bytes);
    let pairs = window.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in window.chunks_exact(2) {
        if let [a, b] = pair {
            even += usize::from(*a == 0);
            odd += usize::from(*b == 0);
        }
    }
    // At least half the characters ASCII, and NULs on the other side under a twentieth of it.
    if odd * 2 >= pairs && even * 20 <= odd {
        Some(Encoding::Utf16Le)
    } else if even * 2 >= pairs && odd * 20 <= even {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// For bytes that are not valid UTF-8: when most lines with non-ASCII text are valid UTF-8 and
/// only a few are not (a line pasted from a CP949 file), the first bad line (1-based, by the
/// file's own line breaks: LF, CRLF or CR) and how many bad lines there are.
pub fn utf8_bad_lines(bytes: &[u8]) -> Option<(u64, u64)> {
    let (mut good, mut bad, mut first) = (0u64, 0u64, 0u64);
    let mut line = 0u64;
    let mut rest = bytes;
    while !rest.is_empty() {
        line += 1;
        let end = rest
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .unwrap_or(rest.len());
        let (text, after) = rest.split_at(end);
        if !text.is_ascii() {
            if std::str::from_utf8(text).is_ok() {
                good += 1;
            } else {
                bad += 1;
                if first == 0 {
                    first = line;
                }
            }
        }
        rest = match after {
            [b'\r', b'\n', tail @ ..] => tail,
            [_, tail @ ..] => tail,
            [] => after,
        };
    }
    (bad > 0 && good >= 1 && bad <= good).then_some((first, bad))
}

/// Text decoded from a file's bytes, with the encoding used and anything worth a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The text without any byte-order mark. Borrowed (no copy) when the bytes were UTF-8.
    pub text: Cow<'a, str>,
    pub encoding: Encoding,
    pub warnings: Vec<IngestWarning>,
}

/// Decodes `bytes` as text.
///
/// [`EncodingChoice::Auto`] tries, in order: a byte-order mark (UTF-8, UTF-16 LE, UTF-16 BE),
/// strict UTF-8 (borrowed, no copy), strict CP949, and finally Windows-1252 (which accepts any
/// bytes) with [`IngestWarning::GuessedEncoding`]. An explicit choice decodes with that
/// encoding, stripping a byte-order mark of the same encoding (UTF-8 with a BOM is reported as
/// [`Encoding::Utf8Bom`]); malformed sequences become U+FFFD and are counted in
/// [`IngestWarning::Replaced`]. The same warning is given when a file with a BOM is malformed.
///
/// Errors: [`IngestError::Empty`] when the text is empty or only white space (after the BOM).
/// Decoding itself always proceeds (odd-length UTF-16 gets a replacement character), so
/// [`IngestError::Undecodable`] is never returned. Binary detection and the size limit are the
/// caller's ([`sniff_binary`], [`DEFAULT_MAX_BYTES`]).
pub fn decode(bytes: &[u8], choice: EncodingChoice) -> Result<Decoded<'_>, IngestError> {
    let decoded = match choice {
        EncodingChoice::Auto => decode_auto(bytes)?,
        EncodingChoice::Utf8 => match bytes.strip_prefix(BOM_UTF8) {
            Some(rest) => decode_utf8(rest, Encoding::Utf8Bom),
            None => decode_utf8(bytes, Encoding::Utf8),
        },
        EncodingChoice::Utf16Le => decode_with(
            encoding_rs::UTF_16LE,
            bytes.strip_prefix(BOM_UTF16LE).unwrap_or(bytes),
            Encoding::Utf16Le,
        ),
        EncodingChoice::Utf16Be => decode_with(
            encoding_rs::UTF_16BE,
            bytes.strip_prefix(BOM_UTF16BE).unwrap_or(bytes),
            Encoding::Utf16Be,
        ),
        EncodingChoice::Cp949 => decode_with(encoding_rs::EUC_KR, bytes, Encoding::Cp949),
        EncodingChoice::Windows1252 => {
            decode_with(encoding_rs::WINDOWS_1252, bytes, Encoding::Windows1252)
        }
    };
    if is_blank(&decoded.text) {
        return Err(IngestError::Empty);
    }
    Ok(decoded)
}

fn decode_auto(bytes: &[u8]) -> Result<Decoded<'_>, IngestError> {
    if let Some(rest) = bytes.strip_prefix(BOM_UTF8) {
        return Ok(decode_utf8(rest, Encoding::Utf8Bom));
    }
    if let Some(rest) = bytes.strip_prefix(BOM_UTF16LE) {
        return Ok(decode_with(encoding_rs::UTF_16LE, rest, Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(BOM_UTF16BE) {
        return Ok(decode_with(encoding_rs::UTF_16BE, rest, Encoding::Utf16Be));
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let coder = match encoding {
            Encoding::Utf16Be => encoding_rs::UTF_16BE,
            _ => encoding_rs::UTF_16LE,
        };
        let mut decoded = decode_with(coder, bytes, encoding);
        decoded
            .warnings
            .push(IngestWarning::Utf16WithoutBom { encoding });
        return Ok(decoded);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: Cow::Borrowed(text),
            encoding: Encoding::Utf8,
            warnings: Vec::new(),
        });
    }
    if let Some((line, lines)) = utf8_bad_lines(bytes) {
        return Err(IngestError::MixedEncoding { line, lines });
    }
    if let Some(text) =
        encoding_rs::EUC_KR.decode_without_bom_handling_and_without_replacement(bytes)
    {
        return Ok(Decoded {
            text,
            encoding: Encoding::Cp949,
            warnings: Vec::new(),
        });
    }
    // Windows-1252 maps every byte to a character, so this never replaces anything.
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    Ok(Decoded {
        text,
        encoding: Encoding::Windows1252,
        warnings: vec![IngestWarning::GuessedEncoding {
            encoding: Encoding::Windows1252,
        }],
    })
}

/// UTF-8 without copying when it is valid; with counted replacements when it is not.
fn decode_utf8(bytes: &[u8], encoding: Encoding) -> Decoded<'_> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: Cow::Borrowed(text),
            encoding,
            warnings: Vec::new(),
        },
        Err(_) => decode_with(encoding_rs::UTF_8, bytes, encoding),
    }
}

/// Decodes with `coder` (no BOM handling), replacing malformed sequences with U+FFFD and
/// warning with their number.
fn decode_with<'a>(
    coder: &'static encoding_rs::Encoding,
    bytes: &'a [u8],
    encoding: Encoding,
) -> Decoded<'a> {
    let (text, replaced) = decode_counting(coder, bytes);
    let warnings = if replaced > 0 {
        vec![IngestWarning::Replaced {
            encoding,
            count: replaced,
        }]
    } else {
        Vec::new()
    };
    Decoded {
        text,
        encoding,
        warnings,
    }
}

/// Like `decode_without_bom_handling`, but counts the malformed sequences exactly (each becomes
/// one U+FFFD, as encoding_rs's replacing decoders do), so a U+FFFD that was already in the
/// file is not counted.
fn decode_counting<'a>(
    coder: &'static encoding_rs::Encoding,
    bytes: &'a [u8],
) -> (Cow<'a, str>, u64) {
    // Fast path: ASCII-compatible encodings leave pure ASCII untouched (and can borrow).
    if let Some(text) = coder.decode_without_bom_handling_and_without_replacement(bytes) {
        return (text, 0);
    }
    let mut decoder = coder.new_decoder_without_bom_handling();
    let room = |decoder: &encoding_rs::Decoder, len: usize| {
        decoder
            .max_utf8_buffer_length_without_replacement(len)
            .unwrap_or(len)
            .max(16)
    };
    let mut out = String::with_capacity(room(&decoder, bytes.len()));
    let mut rest = bytes;
    let mut replaced = 0u64;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut out, true);
        rest = rest.get(read..).unwrap_or_default();
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                let more = room(&decoder, rest.len());
                out.reserve(more);
            }
            DecoderResult::Malformed(_, _) => {
                replaced += 1;
                out.push('\u{FFFD}');
            }
        }
    }
    (Cow::Owned(out), replaced)
}

/// Nothing but white space, newlines and stray byte-order marks.
fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || c == '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    const KOREAN: &str = "이름,도시\n김철수,서울\n";

    fn utf16(text: &str, little: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if little { BOM_UTF16LE } else { BOM_UTF16BE });
        }
        for unit in text.encode_utf16() {
            let pair = if little {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            };
            out.extend_from_slice(&pair);
        }
        out
    }

    fn cp949(text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding_rs::EUC_KR.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    #[test]
    fn auto_utf8_borrows() {
        let bytes = "a,b\n1,ü\n".as_bytes();
        let decoded = decode(bytes, EncodingChoice::Auto).expect("decodes");
        assert_eq!(decoded.encoding, Encoding::Utf8);
        assert_eq!(decoded.text, "a,b\n1,ü\n");
        assert!(matches!(decoded.text, Cow::Borrowed(_)));
        assert!(decoded.warnings.is_empty());
    }

    #[test]
    fn auto_utf8_bom_is_stripped_and_borrowed() {
        let mut bytes = BOM_UTF8.to_vec();
        bytes.extend_from_slice(KOREAN.as_bytes());
        let decoded = decode(&bytes, EncodingChoice::Auto).expect("decodes");
        assert_eq!(decoded.encoding, Encoding::Utf8Bom);
        assert_eq!(decoded.text, KOREAN);
        assert!(matches!(decoded.text, Cow::Borrowed(_)));
        assert!(decoded.warnings.is_empty());
    }

    #[test]
    fn auto_utf16_le_and_be_with_bom() {
        let le = utf16(KOREAN, true, true);
        let decoded = decode(&le, EncodingChoice::Auto).expect("decodes");
        assert_eq!(decoded.encoding, Encoding::Utf16Le);
        assert_eq!(decoded.text, KOREAN);
        assert!(decoded.warnings.is_empty());

        let be = utf16(KOREAN, false, true);
        let decoded = decode(&be, EncodingChoice::Auto).expect("decodes");
        assert_eq!(decoded.encoding, Encoding::Utf16Be);
        assert_eq!(decoded.text, KOREAN);
        assert!(decoded.warnings.is_empty());
    }

    #[test]
    fn auto_cp949_korean_excel() {
        let bytes = cp949(KOREAN);
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(sniff_binary(&bytes), None);
        let decoded = decode(&bytes, EncodingChoice::Auto).expect("decodes");
        assert_eq!(decoded.encoding, Encoding::Cp949);
        assert_eq!(decoded.text, KOREAN);
        assert!(decoded.warnings.is_empty());
    }

    #[test]
    fn auto_latin_falls_back_to_windows_1252_with_warning() {
        // "café;naïve\n" in Windows-1252: é = E9, ï = EF; not UTF-8, not CP949
        // (a lone lead byte before ';' / '\n' is malformed EUC-KR).
        let bytes = b"caf\xE9;na\xEFve\n1;\x80\n";
        let decoded = decode(bytes, EncodingChoice::Auto).expect("decodes");
        assert_eq!(decoded.encoding, Encoding::Windows1252);
        assert_eq!(decoded.text, "café;naïve\n1;€\n");
        assert_eq!(
            decoded.warnings,
            vec![IngestWarning::GuessedEncoding {
                encoding: Encoding::Windows1252
            }]
        );
    }

    #[test]
    fn explicit_choices_decode() {
        let bytes = cp949(KOREAN);
        let decoded = decode(&bytes, EncodingChoice::Cp949).expect("decodes");
        assert_eq!(
            (decoded.text.as_ref(), decoded.encoding),
            (KOREAN, Encoding::Cp949)
        );
        assert!(decoded.warnings.is_empty());

        let bytes = utf16(KOREAN, true, false);
        let decoded = decode(&bytes, EncodingChoice::Utf16Le).expect("le");
        assert_eq!(decoded.text, KOREAN);
        assert!(decoded.warnings.is_empty());

        let bytes = utf16(KOREAN, false, true);
        let decoded = decode(&bytes, EncodingChoice::Utf16Be).expect("be");
        assert_eq!(decoded.text, KOREAN, "BOM stripped");
        assert_eq!(decoded.encoding, Encoding::Utf16Be);

        let decoded = decode(b"a\xE9\n", EncodingChoice::Windows1252).expect("1252");
        assert_eq!(decoded.text, "aé\n");
        assert!(
            decoded.warnings.is_empty(),
            "explicit choice: no guess warning"
        );

        let mut bom = BOM_UTF8.to_vec();
        bom.extend_from_slice(b"x,y\n");
        let decoded = decode(&bom, EncodingChoice::Utf8).expect("utf8");
        assert_eq!(decoded.text, "x,y\n");
        assert_eq!(decoded.encoding, Encoding::Utf8Bom);
    }

    #[test]
    fn explicit_wrong_choice_counts_replacements() {
        // CP949 read as UTF-8: every Korean syllable's two bytes are malformed UTF-8.
        let bytes = cp949("이름,x\n");
        let decoded = decode(&bytes, EncodingChoice::Utf8).expect("decodes with replacement");
        assert_eq!(decoded.encoding, Encoding::Utf8);
        let count = decoded.text.chars().filter(|&c| c == '\u{FFFD}').count() as u64;
        assert!(count >= 2);
        assert_eq!(
            decoded.warnings,
            vec![IngestWarning::Replaced {
                encoding: Encoding::Utf8,
                count
            }]
        );
        assert!(decoded.text.ends_with(",x\n"));
    }

    #[test]
    fn replacement_count_ignores_existing_replacement_characters() {
        // One genuine U+FFFD in the file, one malformed byte.
        let bytes = "\u{FFFD},a\n\u{FF},b\n".as_bytes();
        assert!(
            std::str::from_utf8(bytes).is_ok(),
            "U+00FF is two valid bytes"
        );
        let bytes = b"\xEF\xBF\xBD,a\n\xFF,b\n";
        let decoded = decode(bytes, EncodingChoice::Utf8).expect("decodes");
        assert_eq!(decoded.text, "\u{FFFD},a\n\u{FFFD},b\n");
        assert_eq!(
            decoded.warnings,
            vec![IngestWarning::Replaced {
                encoding: Encoding::Utf8,
                count: 1
            }]
        );
    }

    #[test]
    fn explicit_utf16_odd_length_replaces_the_last_byte() {
        let mut bytes = utf16("a,b\n", true, false);
        bytes.push(b'x');
        let decoded = decode(&bytes, EncodingChoice::Utf16Le).expect("decodes");
        assert_eq!(decoded.text, "a,b\n\u{FFFD}");
        assert_eq!(
            decoded.warnings,
            vec![IngestWarning::Replaced {
                encoding: Encoding::Utf16Le,
                count: 1
            }]
        );
    }

    #[test]
    fn auto_utf8_bom_with_malformed_rest_warns() {
        let bytes = b"\xEF\xBB\xBFa,\xFF\n";
        let decoded = decode(bytes, EncodingChoice::Auto).expect("decodes");
        assert_eq!(decoded.encoding, Encoding::Utf8Bom);
        assert_eq!(decoded.text, "a,\u{FFFD}\n");
        assert_eq!(
            decoded.warnings,
            vec![IngestWarning::Replaced {
                encoding: Encoding::Utf8Bom,
                count: 1
            }]
        );
    }

    #[test]
    fn empty_inputs() {
        use EncodingChoice as C;
        let all = &EncodingChoice::ALL[..];
        let ascii = &[C::Auto, C::Utf8, C::Cp949, C::Windows1252][..];
        let cases: &[(&[u8], &[EncodingChoice])] = &[
            (b"", all),
            (b"\n\r\n  \t\n", ascii),
            (b"\xEF\xBB\xBF", &[C::Auto, C::Utf8]),
            (b"\xEF\xBB\xBF\r\n\r\n", &[C::Auto, C::Utf8]),
            (b"\xFF\xFE", &[C::Auto, C::Utf16Le]),
            (b"\xFE\xFF", &[C::Auto, C::Utf16Be]),
            (b"\xFF\xFE\n\x00 \x00\n\x00", &[C::Auto, C::Utf16Le]),
        ];
        for (bytes, choices) in cases {
            for choice in *choices {
                assert_eq!(
                    decode(bytes, *choice),
                    Err(IngestError::Empty),
                    "{bytes:?} {choice:?}"
                );
            }
        }
        assert!(decode(b"\n\nx", EncodingChoice::Auto).is_ok());
        assert!(
            decode(b"\xFF\xFE", EncodingChoice::Utf8).is_ok(),
            "two U+FFFD"
        );
    }

    #[test]
    fn garbage_never_panics() {
        let mut bytes: Vec<u8> = (0..=255u8).collect();
        bytes.extend((0..=255u8).rev());
        for start in 0..bytes.len() {
            let slice = &bytes[start..];
            let _ = sniff_binary(slice);
            for choice in EncodingChoice::ALL {
                let _ = decode(slice, choice);
            }
        }
    }

    #[test]
    fn magic_numbers() {
        let cases: &[(&[u8], BinaryKind)] = &[
            (b"PK\x03\x04\x14\x00\x06\x00", BinaryKind::ZipOrXlsx),
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00", BinaryKind::Xls),
            (b"%PDF-1.7\n%\xE2\xE3", BinaryKind::Pdf),
            (b"\x89PNG\r\n\x1A\n\x00\x00\x00\rIHDR", BinaryKind::Image),
            (b"\xFF\xD8\xFF\xE0\x00\x10JFIF", BinaryKind::Image),
            (b"GIF89a\x01\x00", BinaryKind::Image),
            (b"\x1F\x8B\x08\x00", BinaryKind::Gzip),
            (b"PAR1\x15\x04", BinaryKind::Parquet),
        ];
        for (bytes, kind) in cases {
            assert_eq!(sniff_binary(bytes), Some(*kind), "{bytes:?}");
        }
    }

    #[test]
    fn unknown_binary_by_nul_or_control_bytes() {
        // One stray NUL is text (the reader names its line); many are binary.
        assert_eq!(sniff_binary(b"a,b\n1,\x002\n"), None);
        assert_eq!(
            sniff_binary(b"a\x00b\x00\x00c\x01\x00\xFF\x00\x00"),
            Some(BinaryKind::Unknown)
        );
        // 3 control bytes in 20: 15% > 10%.
        assert_eq!(
            sniff_binary(b"abcdefghij\x01\x02\x03klmnopq"),
            Some(BinaryKind::Unknown)
        );
        // 1 in 20: text.
        assert_eq!(sniff_binary(b"abcdefghij\x01klmnopqrs"), None);
        // Tabs, newlines, CR and form feeds are text.
        assert_eq!(sniff_binary(b"\t\t\t\r\n\r\n\x0c\x0c"), None);
        // UTF-16 without BOM is full of NULs, in a pattern: text.
        assert_eq!(sniff_binary(&utf16("a,b\n", true, false)), None);
        assert_eq!(sniff_binary(&utf16("a,b\n", false, false)), None);
    }

    #[test]
    fn utf16_without_bom_by_the_nul_pattern() {
        let text = "name,city\n김,Seoul\n";
        for (little, encoding) in [(true, Encoding::Utf16Le), (false, Encoding::Utf16Be)] {
            let bytes = utf16(text, little, false);
            assert_eq!(utf16_without_bom(&bytes), Some(encoding));
            let decoded = decode(&bytes, EncodingChoice::Auto).expect("decodes");
            assert_eq!(decoded.text, text);
            assert_eq!(decoded.encoding, encoding);
            assert_eq!(
                decoded.warnings,
                vec![IngestWarning::Utf16WithoutBom { encoding }]
            );
        }
        assert_eq!(utf16_without_bom(b"a,b\n1,\x002\n"), None);
        assert_eq!(utf16_without_bom(KOREAN.as_bytes()), None);
    }

    #[test]
    fn utf8_with_one_cp949_line_names_the_line() {
        let mut bytes = "이름,도시\n김철수,서울\n박영희,부산\n".as_bytes().to_vec();
        bytes.extend(cp949("이민호,대구\n"));
        bytes.extend("최수진,광주\n".as_bytes());
        assert_eq!(
            decode(&bytes, EncodingChoice::Auto),
            Err(IngestError::MixedEncoding { line: 4, lines: 1 })
        );
        // A CR-only file counts its own lines.
        let mut bytes = "이름\r김\r".as_bytes().to_vec();
        bytes.extend(cp949("박\r"));
        assert_eq!(utf8_bad_lines(&bytes), Some((3, 1)));
        // A whole CP949 file is still CP949.
        let whole = cp949(KOREAN);
        let decoded = decode(&whole, EncodingChoice::Auto).expect("decodes");
        assert_eq!(decoded.encoding, Encoding::Cp949);
    }

    #[test]
    fn text_is_not_binary() {
        assert_eq!(sniff_binary(b""), None);
        assert_eq!(sniff_binary(KOREAN.as_bytes()), None);
        assert_eq!(sniff_binary(&cp949(KOREAN)), None);
        assert_eq!(sniff_binary(&utf16(KOREAN, true, true)), None);
        assert_eq!(sniff_binary(&utf16(KOREAN, false, true)), None);
        assert_eq!(sniff_binary(b"\xEF\xBB\xBFa,b\n"), None);
        assert_eq!(sniff_binary(b"caf\xE9\n"), None);
        assert_eq!(sniff_binary(b"P"), None);
    }
}
