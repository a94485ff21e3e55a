#!/usr/bin/env python3
"""Writes the ingest corpus: small CSV files that each test one thing the reader must get
right (line endings, shapes, encodings, values, quoting, limits), and manifest.json with what
each must give: rows, columns, column types and warning kinds, or the error kind.

Deterministic: the same files and manifest on every run. Run from the repository root:
    python3 scripts/make-ingest-corpus.py
The engine test `ingest::corpus` reads every file and checks the manifest.
"""
import json
import os

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "ingest")
I, F, B, D, T, X = "Integer", "Float", "Boolean", "Date", "Datetime", "Text"
files = {}


def ok(name, data, rows, types, warnings=()):
    files[name] = (data, {"rows": rows, "types": list(types), "warnings": sorted(warnings)})


def err(name, data, kind):
    files[name] = (data, {"error": kind})


def u(s):
    return s.encode("utf-8")


def cp949(s):
    return s.encode("cp949")


def utf16(s, little, bom=False):
    body = s.encode("utf-16-le" if little else "utf-16-be")
    return ((b"\xff\xfe" if little else b"\xfe\xff") if bom else b"") + body


# Line endings
ok("le_lf.csv", b"a,b\n1,x\n2,y\n", 2, [I, X])
ok("le_crlf.csv", b"a,b\r\n1,x\r\n2,y\r\n", 2, [I, X])
ok("le_cr_only.csv", b"a,b\r1,x\r2,y\r", 2, [I, X])
ok("le_mixed.csv", b"a,b\n1,x\r\n2,y\r3,z\n", 3, [I, X])
ok("le_no_final_newline.csv", b"a,b\n1,x\n2,y", 2, [I, X])
ok("le_blank_lines.csv", b"\na,b\n\n1,x\n\r\n2,y\n\n\n", 2, [I, X])
ok("le_quoted_newline.csv", b'a,b\n1,"x\ny"\n2,z\n', 2, [I, X])
ok("le_cr_only_quoted.csv", b'a,b\r1,"x"\r2,"y"\r', 2, [I, X])
# Shapes
ok("shape_header_only.csv", b"id,name,city\n", 0, [X, X, X])
ok("shape_header_only_crlf.csv", b"id,name\r\n", 0, [X, X])
ok("shape_sep_semicolon.csv", b"sep=;\r\na;b\r\n1,5;x\r\n2,5;y\r\n", 2, [X, X], ["SeparatorLine"])
ok("shape_sep_tab.csv", b"sep=\t\na\tb\n1\t2\n", 1, [I, I], ["SeparatorLine"])
ok("shape_one_column.csv", b"v\n1\n2\n3\n", 3, [I])
ok("shape_semicolon.csv", b"a;b\n1,5;x\n2,5;y\n", 2, [X, X])
ok("shape_tab.csv", b"a\tb\n1\tx\n", 1, [I, X])
ok("shape_pipe.csv", b"a|b\n1|x\n2|y\n", 2, [I, X])
ok("shape_renamed.csv", b"a,,a\n1,2,3\n", 1, [I, I, I], ["RenamedColumns"])
ok("shape_no_header.csv", b"1,2\n3,4\n", 2, [I, I])
ok("shape_wide.csv", (",".join(f"c{i}" for i in range(300)) + "\n" + ",".join("1" for _ in range(300)) + "\n").encode(), 1, [I] * 300)
err("shape_empty.csv", b"", "Empty")
err("shape_blank.csv", b"\n\r\n  \n", "Empty")
err("shape_ragged_long.csv", b"a,b\n1,2\n3,4,5\n", "RaggedRow")
err("shape_ragged_short.csv", b"a,b,c\n1,2,3\n4\n", "RaggedRow")
err("shape_too_many_columns.csv", b"," * 20000 + b"\n", "TooManyColumns")
# Encodings
ok("enc_utf8_bom.csv", b"\xef\xbb\xbf" + u("이름,나이\n김,30\n"), 1, [X, I])
ok("enc_cp949.csv", cp949("이름,나이\n김철수,30\n박영희,41\n"), 2, [X, I])
ok("enc_utf16le_bom.csv", utf16("name,n\nKim,1\n", True, True), 1, [X, I])
ok("enc_utf16be_bom.csv", utf16("name,n\nKim,1\n", False, True), 1, [X, I])
ok("enc_utf16le_nobom.csv", utf16("name,n\nKim,1\nLee,2\n", True), 2, [X, I], ["Utf16WithoutBom"])
ok("enc_utf16be_nobom.csv", utf16("name,n\nKim,1\nLee,2\n", False), 2, [X, I], ["Utf16WithoutBom"])
ok("enc_windows1252.csv", b"caf\xe9,n\nna\xefve,1\n", 1, [X, I], ["GuessedEncoding"])
err("enc_utf8_one_cp949_line.csv", u("이름,도시\n김철수,서울\n박영희,부산\n") + cp949("이민호,대구\n") + u("최수진,광주\n"), "MixedEncoding")
err("enc_stray_nul.csv", b"a,b\n1,2\n3,4\n5,6\n7,\x008\n9,10\n", "NulByte")
err("enc_zip.csv", b"PK\x03\x04\x14\x00\x06\x00rest", "Binary")
err("enc_pdf.csv", b"%PDF-1.7\n%\xe2\xe3\n", "Binary")
err("enc_png.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "Binary")
err("enc_gzip.csv", b"\x1f\x8b\x08\x00\x00\x00", "Binary")
err("enc_many_nuls.csv", bytes(range(0, 32)) * 8, "Binary")
# Values
ok("val_missing_spellings.csv", b"x,y\n1,a\n-,b\n.,c\nNA,d\nN/A,e\nnull,f\nNULL,g\n,h\n", 8, [I, X])
ok("val_special_floats.csv", b"x\n1.5\nNaN\nInfinity\n-Infinity\n-0\n", 5, [F])
ok("val_offsets.csv", b"t\n2024-01-01T09:00:00+09:00\n2024-06-01T12:00:00-04:00\n", 2, [T], ["ConvertedToUtc"])
ok("val_zulu.csv", b"t\n2024-01-01T09:00:00Z\n2024-06-01T12:00:00Z\n", 2, [T], ["ConvertedToUtc"])
ok("val_naive_datetime.csv", b"t\n2024-01-01 09:00:00\n2024-06-01 12:00:00\n", 2, [T])
ok("val_iso_dates.csv", b"d\n2024-01-01\n2024-02-29\n", 2, [D])
ok("val_ambiguous_dates.csv", b"d\n02/01/2024\n03/04/2024\n", 2, [D], ["AmbiguousDates"])
ok("val_day_first_dates.csv", b"d\n25/01/2024\n03/04/2024\n", 2, [D], ["AmbiguousDates"])
ok("val_unambiguous_us_dates.csv", b"d\n12/25/2024\n01/31/2024\n", 2, [D])
ok("val_big_integers.csv", b"id\n1\n99999999999999999999\n", 2, [F], ["BigIntegers"])
ok("val_leading_zeros.csv", b"zip\n01234\n02134\n", 2, [X])
ok("val_booleans.csv", b"b\ntrue\nFALSE\nTrue\n", 3, [B])
ok("val_mostly_numeric.csv", ("n\n" + "".join(f"{i}\n" for i in range(40)) + "oops\n").encode(), 41, [X], ["MostlyNumeric"])
ok("val_whitespace_kept.csv", u("name,n\n\u3000김,1\n\tLee ,2\n"), 2, [X, I])
ok("val_padded_numbers.csv", b"n\n 1\n2 \n", 2, [I])
ok("val_korean_text.csv", u("도시\n서울\n부산\n"), 2, [X])
ok("val_floats.csv", b"x\n1.5\n-2.25\n1e3\n", 3, [F])
ok("val_integers.csv", b"x\n-5\n0\n9223372036854775807\n", 3, [I])
ok("val_all_missing.csv", b"a,b\n,1\nNA,2\n", 2, [X, I])
ok("val_formula_text.csv", b"f\n=SUM(A1)\n+1\n@x\n", 3, [X])
ok("val_won_suffix.csv", u('amount\n"12,000원"\n500원\n'), 2, [I])
ok("val_won_prefix.csv", u('amount\n"₩12,000"\n₩500\n'), 2, [I])
ok("val_dollars.csv", b"amount\n$1.5\n$20\n", 2, [F])
ok("val_percent.csv", b"share\n12%\n7.5%\n", 2, [F])
ok("val_thousands.csv", b'n\n"12,000"\n"1,234,567"\n', 2, [I])
ok("val_mixed_units.csv", u('n\n"1,000원"\n$3\n'), 2, [X])
# Quoting
ok("q_escaped_quotes.csv", b'a,b\n"say ""hi""",1\n', 1, [X, I])
ok("q_quoted_delimiter.csv", b'a,b\n"x,y",1\n', 1, [X, I])
ok("q_empty_quoted.csv", b'a,b\n"",1\n', 1, [X, I])
err("q_stray_mid_field.csv", b'a,b\n1,2\n3,5" pipe\n', "StrayQuote")
err("q_text_after_close.csv", b'a,b\n1,"x"tail\n', "StrayQuote")
err("q_unterminated.csv", b'a,b\n1,"open\n2,3\n', "UnterminatedQuote")

os.makedirs(OUT, exist_ok=True)
for old in os.listdir(OUT):
    if old.endswith(".csv"):
        os.remove(os.path.join(OUT, old))
manifest = {}
for name in sorted(files):
    data, expected = files[name]
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
    manifest[name] = expected
with open(os.path.join(OUT, "manifest.json"), "w", encoding="utf-8") as f:
    json.dump(manifest, f, indent=1, sort_keys=True, ensure_ascii=False)
    f.write("\n")
print(f"{len(files)} files written to {os.path.normpath(OUT)}")
