//! End-to-end ingest tests: bytes in, typed table or typed error out.

use std::path::PathBuf;

use polars::prelude::*;
use quire_protocol::*;

use super::*;

fn fixture(name: &str) -> Vec<u8> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "..",
        "..",
        "tests",
        "fixtures",
        "csv",
        name,
    ]
    .iter()
    .collect();
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

fn read(bytes: &[u8]) -> Result<Ingested, EngineError> {
    read_with(bytes, ParseOptions::default())
}

fn read_with(bytes: &[u8], options: ParseOptions) -> Result<Ingested, EngineError> {
    read_csv(bytes, &options, &Limits::default(), &mut |_, _| {})
}

fn ingest_error(bytes: &[u8]) -> IngestError {
    match read(bytes) {
        Err(EngineError::Ingest(e)) => e,
        Err(other) => panic!("expected an ingest error, got {other}"),
        Ok(t) => panic!("expected an error, loaded {:?}", t.frame),
    }
}

fn types(report: &ParseReport) -> Vec<(String, ColumnType)> {
    report
        .columns
        .iter()
        .map(|c| (c.name.clone(), c.dtype))
        .collect()
}

fn text_at(frame: &DataFrame, column: &str, row: usize) -> String {
    match frame.column(column).expect("column").get(row).expect("row") {
        AnyValue::String(s) => s.to_owned(),
        AnyValue::StringOwned(s) => s.to_string(),
        other => other.to_string(),
    }
}

#[test]
fn korean_excel_cp949_is_detected_and_typed() {
    let t = read(&fixture("korean_excel_cp949.csv")).expect("loads");
    let r = &t.report;
    assert_eq!(r.encoding, Encoding::Cp949);
    assert_eq!(r.delimiter, ',');
    assert!(r.header);
    assert_eq!(r.rows, 4);
    assert_eq!(
        types(r),
        vec![
            ("주문번호".to_owned(), ColumnType::Integer),
            ("고객".to_owned(), ColumnType::Text),
            ("도시".to_owned(), ColumnType::Text),
            ("금액".to_owned(), ColumnType::Float),
            ("주문일".to_owned(), ColumnType::Date),
            ("결제완료".to_owned(), ColumnType::Boolean),
        ]
    );
    assert_eq!(text_at(&t.frame, "고객", 0), "김민수");
    assert_eq!(text_at(&t.frame, "도시", 2), "대구, 수성구");
    // "" and "NA" are both missing.
    assert_eq!(r.columns[3].nulls, 2);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn every_korean_encoding_gives_the_same_table() {
    let base = read(&fixture("korean_excel_cp949.csv")).expect("cp949");
    for (file, encoding) in [
        ("korean_utf8_bom.csv", Encoding::Utf8Bom),
        ("korean_utf16le.csv", Encoding::Utf16Le),
    ] {
        let t = read(&fixture(file)).expect(file);
        assert_eq!(t.report.encoding, encoding, "{file}");
        assert_eq!(t.report.columns, base.report.columns, "{file}");
        assert!(t.frame.equals_missing(&base.frame), "{file}");
    }
}

#[test]
fn semicolons_quotes_newlines_and_datetimes() {
    let t = read(&fixture("orders_semicolon.csv")).expect("loads");
    assert_eq!(t.report.delimiter, ';');
    assert_eq!(t.report.rows, 3);
    assert_eq!(
        types(&t.report)
            .into_iter()
            .map(|(_, t)| t)
            .collect::<Vec<_>>(),
        vec![
            ColumnType::Integer,
            ColumnType::Text,
            ColumnType::Float,
            ColumnType::Datetime,
            ColumnType::Text
        ]
    );
    assert_eq!(text_at(&t.frame, "note", 0), "first order; thanks");
    assert_eq!(text_at(&t.frame, "note", 1), "multi\nline note");
    assert_eq!(t.report.columns[4].nulls, 1);
}

#[test]
fn ragged_row_names_line_and_column() {
    assert_eq!(
        ingest_error(&fixture("ragged.csv")),
        IngestError::RaggedRow {
            line: 3,
            column: 3,
            expected: 3,
            found: 2
        }
    );
}

#[test]
fn unterminated_quote_names_where_it_opened() {
    assert_eq!(
        ingest_error(&fixture("unterminated_quote.csv")),
        IngestError::UnterminatedQuote { line: 3, column: 2 }
    );
}

#[test]
fn empty_and_blank_files_are_empty() {
    assert_eq!(ingest_error(b""), IngestError::Empty);
    assert_eq!(ingest_error(b"\n\r\n\n"), IngestError::Empty);
    assert_eq!(ingest_error(b"\xef\xbb\xbf"), IngestError::Empty);
}

#[test]
fn binary_files_are_refused_by_kind() {
    assert_eq!(
        ingest_error(b"PK\x03\x04\x14\x00\x06\x00rest of a workbook"),
        IngestError::Binary {
            kind: BinaryKind::ZipOrXlsx
        }
    );
    let mut noise = vec![0u8; 64];
    noise.extend_from_slice(b"a,b\n");
    assert_eq!(
        ingest_error(&noise),
        IngestError::Binary {
            kind: BinaryKind::Unknown
        }
    );
}

#[test]
fn files_over_the_budget_are_refused_before_reading() {
    let limits = Limits { max_bytes: 10 };
    let err = read_csv(
        b"a,b\n1,2\n3,4\n",
        &ParseOptions::default(),
        &limits,
        &mut |_, _| {},
    );
    assert!(matches!(
        err,
        Err(EngineError::Ingest(IngestError::TooLarge {
            bytes: 12,
            limit: 10
        }))
    ));
}

#[test]
fn mostly_numeric_column_is_reported_with_lines_and_kept_intact() {
    let mut csv = String::from("id,amount\n");
    for i in 0..40 {
        let amount = match i {
            7 => "12,5".to_owned(), // quoted below: a decimal comma
            20 => "n/a?".to_owned(),
            _ => format!("{}.5", i),
        };
        if amount.contains(',') {
            csv.push_str(&format!("{i},\"{amount}\"\n"));
        } else {
            csv.push_str(&format!("{i},{amount}\n"));
        }
    }
    let t = read(csv.as_bytes()).expect("loads");
    assert_eq!(t.report.columns[1].dtype, ColumnType::Text);
    assert_eq!(t.report.columns[1].nulls, 0, "nothing was nulled");
    assert_eq!(
        t.report.warnings,
        vec![IngestWarning::MostlyNumeric {
            column: "amount".into(),
            bad_cells: 2,
            non_null: 40,
            examples: vec![
                BadCell {
                    line: 9,
                    value: "12,5".into()
                },
                BadCell {
                    line: 22,
                    value: "n/a?".into()
                },
            ],
        }]
    );
    assert_eq!(text_at(&t.frame, "amount", 7), "12,5");
}

#[test]
fn null_tokens_become_null_and_types_survive_them() {
    let t = read(b"x,y,z\n1,NA,a\nN/A,2.5,null\n3,,\n").expect("loads");
    assert_eq!(
        types(&t.report)
            .into_iter()
            .map(|(_, t)| t)
            .collect::<Vec<_>>(),
        vec![ColumnType::Integer, ColumnType::Float, ColumnType::Text]
    );
    assert_eq!(
        t.report.columns.iter().map(|c| c.nulls).collect::<Vec<_>>(),
        vec![1, 2, 2]
    );
}

#[test]
fn header_override_and_generated_names() {
    let auto = read(b"1,2\n3,4\n").expect("loads");
    assert!(!auto.report.header);
    assert_eq!(auto.report.rows, 2);
    assert_eq!(auto.report.columns[0].name, "column_1");

    let forced = read_with(
        b"1,2\n3,4\n",
        ParseOptions {
            header: HeaderChoice::Present,
            ..Default::default()
        },
    )
    .expect("loads");
    assert!(forced.report.header);
    assert_eq!(forced.report.rows, 1);
    assert_eq!(forced.report.columns[0].name, "1");

    let absent = read_with(
        b"name,city\nKim,Seoul\nLee,Busan\n",
        ParseOptions {
            header: HeaderChoice::Absent,
            ..Default::default()
        },
    )
    .expect("loads");
    assert_eq!(absent.report.rows, 3);
    assert_eq!(text_at(&absent.frame, "column_1", 0), "name");
}

#[test]
fn duplicate_and_empty_header_names_are_renamed_and_reported() {
    let t = read(b"a,a,,b\n1,2,3,4\n").expect("loads");
    let names: Vec<_> = t.report.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, vec!["a", "a_2", "column_3", "b"]);
    assert_eq!(
        t.report.warnings,
        vec![IngestWarning::RenamedColumns {
            renamed: vec![
                (2, "a".into(), "a_2".into()),
                (3, String::new(), "column_3".into())
            ]
        }]
    );
}

#[test]
fn header_only_file_is_an_empty_table() {
    let t = read_with(
        b"a,b,c\n",
        ParseOptions {
            header: HeaderChoice::Present,
            ..Default::default()
        },
    )
    .expect("loads");
    assert_eq!(t.report.rows, 0);
    assert_eq!(t.frame.width(), 3);
}

#[test]
fn leading_zero_codes_stay_text_and_spaces_are_trimmed() {
    let t = read(b"zip, qty\n06236, 1\n01000, 2\n").expect("loads");
    assert_eq!(
        types(&t.report),
        vec![
            ("zip".into(), ColumnType::Text),
            ("qty".into(), ColumnType::Integer)
        ]
    );
    assert_eq!(text_at(&t.frame, "zip", 0), "06236");
}

#[test]
fn tab_and_pipe_and_crlf_without_final_newline() {
    let tab = read(b"a\tb\r\n1\tx\r\n2\ty").expect("tab");
    assert_eq!(tab.report.delimiter, '\t');
    assert_eq!(tab.report.rows, 2);
    let pipe = read(b"a|b\n1|x\n2|y\n\n\n").expect("pipe");
    assert_eq!(pipe.report.delimiter, '|');
    assert_eq!(pipe.report.rows, 2);
}

#[test]
fn dates_before_1970_and_datetimes() {
    let t = read(b"d,ts\n1969-07-20,1969-07-20 20:17:40\n1900-01-01,2024-02-29T23:59:59\n")
        .expect("loads");
    assert_eq!(
        types(&t.report)
            .into_iter()
            .map(|(_, t)| t)
            .collect::<Vec<_>>(),
        vec![ColumnType::Date, ColumnType::Text]
    );
    let t = read(b"d,ts\n1969-07-20,1969-07-20 20:17:40\n1900-01-01,2024-02-29 23:59:59\n")
        .expect("loads");
    assert_eq!(t.report.columns[1].dtype, ColumnType::Datetime);
    let rows = crate::cells::rows(&t.frame, 0, 10);
    assert_eq!(rows[0][0], Cell::Date("1969-07-20".into()));
    assert_eq!(rows[0][1], Cell::Datetime("1969-07-20 20:17:40".into()));
}

#[test]
fn reparse_with_an_explicit_encoding_warns_about_replacements() {
    let bytes = fixture("korean_excel_cp949.csv");
    let t = read_with(
        &bytes,
        ParseOptions {
            encoding: EncodingChoice::Utf8,
            ..Default::default()
        },
    )
    .expect("still loads, with replacement characters");
    assert_eq!(t.report.encoding, Encoding::Utf8);
    assert!(
        t.report
            .warnings
            .iter()
            .any(|w| matches!(w, IngestWarning::Replaced { .. })),
        "{:?}",
        t.report.warnings
    );
}

#[test]
fn progress_reaches_every_stage_in_order() {
    let mut seen = Vec::new();
    read_csv(
        &fixture("orders_semicolon.csv"),
        &ParseOptions::default(),
        &Limits::default(),
        &mut |stage, f| seen.push((stage, f)),
    )
    .expect("loads");
    let stages: Vec<Stage> = seen.iter().map(|(s, _)| *s).collect();
    for s in [
        Stage::Decoding,
        Stage::Scanning,
        Stage::Parsing,
        Stage::Typing,
    ] {
        assert!(stages.contains(&s), "{s:?} missing from {stages:?}");
    }
    assert!(
        seen.windows(2).all(|w| w[0].1 <= w[1].1),
        "fractions never go back: {seen:?}"
    );
    assert_eq!(seen.last().map(|(_, f)| *f), Some(1.0));
}

#[test]
fn blank_lines_in_the_middle_are_skipped() {
    let t = read(b"\na,b\n1,2\n\n3,4\r\n\r\n5,6\n").expect("loads");
    assert_eq!(t.report.columns[0].name, "a");
    assert_eq!(t.report.rows, 3);
    let rows = crate::cells::rows(&t.frame, 0, 10);
    assert_eq!(rows[1], vec![Cell::Int(3), Cell::Int(4)]);
}

#[test]
fn utf16_without_bom_loads_when_chosen() {
    let mut bytes = Vec::new();
    for unit in "이름,나이\n김,30\n".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    // Auto finds it by the NUL pattern, and says so.
    let auto = read(&bytes).expect("auto");
    assert_eq!(auto.report.encoding, Encoding::Utf16Le);
    assert_eq!(auto.report.columns[0].name, "이름");
    let t = read_with(
        &bytes,
        ParseOptions {
            encoding: EncodingChoice::Utf16Le,
            ..Default::default()
        },
    )
    .expect("loads");
    assert_eq!(t.report.columns[0].name, "이름");
    assert_eq!(t.report.columns[1].dtype, ColumnType::Integer);
}

#[test]
fn cr_only_and_mixed_line_endings() {
    let t = read(b"name,amount\r\nKim,1\rLee,2\nPark,3\r\n").expect("mixed");
    assert_eq!(t.report.rows, 3);
    assert_eq!(text_at(&t.frame, "name", 2), "Park");
    let t = read(b"a,b,c\r1,2,3\r4,5,6\r").expect("cr only");
    assert_eq!(t.report.rows, 2);
    assert_eq!(t.report.columns.len(), 3);
    // Errors count the file's own lines: CR, LF and CRLF each end one.
    assert_eq!(
        ingest_error(b"a,b\r1,2\n3,4\r\n5\r"),
        IngestError::RaggedRow {
            line: 4,
            column: 2,
            expected: 2,
            found: 1
        }
    );
}

#[test]
fn header_only_file_is_zero_rows() {
    let t = read(b"id,name,city\r\n").expect("header only");
    assert_eq!(t.report.rows, 0);
    assert!(t.report.header);
    let names: Vec<_> = t.report.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["id", "name", "city"]);
    // A lone row of numbers is data.
    assert_eq!(read(b"1,2,3\n").expect("data").report.rows, 1);
}

#[test]
fn excel_sep_line_chooses_the_delimiter() {
    let t = read(b"sep=;\r\na;b\r\n1,5;x\r\n2,5;y\r\n").expect("sep");
    assert_eq!(t.report.delimiter, ';');
    assert_eq!(t.report.rows, 2);
    assert!(t.report.header);
    assert_eq!(types(&t.report)[0].0, "a");
    assert!(
        t.report
            .warnings
            .contains(&IngestWarning::SeparatorLine { delimiter: ';' })
    );
    // Later lines keep their numbers.
    assert_eq!(
        ingest_error(b"sep=,\na,b\n1,2\n3\n"),
        IngestError::RaggedRow {
            line: 4,
            column: 2,
            expected: 2,
            found: 1
        }
    );
}

#[test]
fn utf16_without_bom_loads_with_a_warning() {
    let text = "name,score\nKim,1\nLee,2\n";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let t = read(&bytes).expect("utf16");
    assert_eq!(t.report.encoding, Encoding::Utf16Le);
    assert_eq!(t.report.rows, 2);
    assert!(t.report.warnings.contains(&IngestWarning::Utf16WithoutBom {
        encoding: Encoding::Utf16Le
    }));
}

#[test]
fn a_stray_nul_names_its_line() {
    assert_eq!(
        ingest_error(b"a,b\n1,2\n3,4\n5,6\n7,\x008\n9,10\n"),
        IngestError::NulByte { line: 5 }
    );
}

#[test]
fn quote_errors_name_line_and_column() {
    assert_eq!(
        ingest_error(b"a,b\n1,2\n3,5\" pipe\n"),
        IngestError::StrayQuote { line: 3, column: 2 }
    );
    assert_eq!(
        ingest_error(b"a,b\n1,\"x\"tail\n"),
        IngestError::StrayQuote { line: 2, column: 2 }
    );
}

#[test]
fn a_million_commas_are_refused() {
    let mut bytes = ",".repeat(1 << 20).into_bytes();
    bytes.extend_from_slice(b"\n1\n");
    assert_eq!(
        ingest_error(&bytes),
        IngestError::TooManyColumns {
            limit: scan::MAX_COLUMNS
        }
    );
}

#[test]
fn too_large_is_refused_before_reading() {
    let limits = Limits { max_bytes: 10 };
    let bytes = vec![0xFFu8; 11];
    match read_csv(&bytes, &ParseOptions::default(), &limits, &mut |_, _| {}) {
        Err(EngineError::Ingest(IngestError::TooLarge {
            bytes: 11,
            limit: 10,
        })) => {}
        Err(other) => panic!("{other}"),
        Ok(_) => panic!("loaded"),
    }
}

#[test]
fn missing_spellings_and_special_floats() {
    let t =
        read(b"x,y\n1.5,a\n-,b\n.,c\nNaN,d\nInfinity,e\n-Infinity,f\n-0,g\nNA,h\n").expect("loads");
    assert_eq!(types(&t.report)[0].1, ColumnType::Float);
    let x = t.frame.column("x").expect("x").f64().expect("f64").clone();
    assert_eq!(x.null_count(), 3, "-, . and NA are missing; NaN is not");
    assert!(x.get(3).is_some_and(f64::is_nan));
    assert_eq!(x.get(4), Some(f64::INFINITY));
    assert_eq!(x.get(5), Some(f64::NEG_INFINITY));
    assert!(x.get(6).is_some_and(|v| v == 0.0 && v.is_sign_negative()));
    assert!(t.report.missing_values.iter().any(|m| m == "-"));
    assert!(!t.report.missing_values.iter().any(|m| m == "NaN"));
}

#[test]
fn whitespace_is_kept_as_written() {
    let t = read("name,n\n\u{3000}김,1\n\tLee ,2\n".as_bytes()).expect("loads");
    assert_eq!(text_at(&t.frame, "name", 0), "\u{3000}김");
    assert_eq!(text_at(&t.frame, "name", 1), "\tLee ");
}

#[test]
fn big_integers_warn() {
    let t = read(b"id\n1\n99999999999999999999\n").expect("loads");
    assert_eq!(types(&t.report)[0].1, ColumnType::Float);
    assert!(matches!(
        &t.report.warnings[..],
        [IngestWarning::BigIntegers { examples, .. }] if examples[0].line == 3
    ));
}

#[test]
fn ambiguous_dates_name_the_order() {
    let t = read(b"d,n\n02/01/2024,1\n03/04/2024,2\n").expect("loads");
    assert_eq!(types(&t.report)[0].1, ColumnType::Date);
    assert!(t.report.warnings.contains(&IngestWarning::AmbiguousDates {
        column: "d".into(),
        month_first: true
    }));
    let t = read(b"d,n\n25/01/2024,1\n03/04/2024,2\n").expect("loads");
    assert_eq!(types(&t.report)[0].1, ColumnType::Date);
    assert!(t.report.warnings.contains(&IngestWarning::AmbiguousDates {
        column: "d".into(),
        month_first: false
    }));
}

#[test]
fn offsets_become_utc() {
    let t =
        read(b"t,n\n2024-01-01T09:00:00+09:00,1\n2024-01-01T00:30:00+00:00,2\n").expect("loads");
    assert_eq!(types(&t.report)[0].1, ColumnType::Datetime);
    let t0 = t
        .frame
        .column("t")
        .expect("t")
        .get(0)
        .expect("row")
        .to_string();
    assert!(t0.starts_with("2024-01-01 00:00:00"), "{t0}");
    assert!(matches!(
        &t.report.warnings[..],
        [IngestWarning::ConvertedToUtc { .. }]
    ));
    let z = read(b"t,n\n2024-01-01T09:00:00Z,1\n").expect("z");
    assert_eq!(types(&z.report)[0].1, ColumnType::Datetime);
    assert!(matches!(
        &z.report.warnings[..],
        [IngestWarning::ConvertedToUtc { .. }]
    ));
}

#[test]
fn currency_and_thousands_are_numbers_with_their_unit() {
    let t = read("won,krw,usd,pct,plain,mixed\n\"12,000원\",\"₩12,000\",$1.5,12%,\"12,000\",\"1,000원\"\n500원,₩500,$20,7.5%,\"1,234,567\",$3\n".as_bytes())
        .expect("loads");
    assert_eq!(
        types(&t.report).iter().map(|(_, t)| *t).collect::<Vec<_>>(),
        vec![
            ColumnType::Integer,
            ColumnType::Integer,
            ColumnType::Float,
            ColumnType::Float,
            ColumnType::Integer,
            ColumnType::Text
        ]
    );
    let units: Vec<(&str, &str)> = t
        .report
        .units
        .iter()
        .map(|(c, u)| (c.as_str(), u.as_str()))
        .collect();
    assert_eq!(
        units,
        vec![
            ("won", "원"),
            ("krw", "₩"),
            ("usd", "$"),
            ("pct", "%"),
            ("plain", "")
        ]
    );
    assert_eq!(text_at(&t.frame, "won", 0), "12000");
    assert_eq!(text_at(&t.frame, "plain", 1), "1234567");
    // Badly grouped digits stay text.
    let t = read(b"n\n\"12,00\"\n\"1,000\"\n").expect("loads");
    assert_eq!(types(&t.report)[0].1, ColumnType::Text);
}

#[test]
fn three_bad_cells_in_ten_thousand_are_listed_with_the_count() {
    let mut text = String::from("amount\n");
    for i in 0..10_000 {
        match i {
            17 => text.push_str("n/a?\n"),
            5_000 => text.push_str("12..5\n"),
            9_998 => text.push_str("x\n"),
            _ => text.push_str(&format!("{}.5\n", i)),
        }
    }
    let t = read(text.as_bytes()).expect("loads");
    assert_eq!(types(&t.report)[0].1, ColumnType::Text, "kept as text");
    match &t.report.warnings[..] {
        [
            IngestWarning::MostlyNumeric {
                bad_cells,
                non_null,
                examples,
                ..
            },
        ] => {
            assert_eq!((*bad_cells, *non_null), (3, 10_000));
            let lines: Vec<u64> = examples.iter().map(|b| b.line).collect();
            assert_eq!(lines, vec![19, 5_002, 10_000]);
            assert_eq!(examples[0].value, "n/a?");
        }
        other => panic!("{other:?}"),
    }
}
