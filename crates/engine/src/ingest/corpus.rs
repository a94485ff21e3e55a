//! The ingest corpus (`tests/fixtures/ingest/`, written by `scripts/make-ingest-corpus.py`):
//! every file read and checked against `manifest.json`; and every file, mutated, never
//! panics the reader.

use std::path::PathBuf;

use quire_protocol::{IngestError, ParseOptions};
use serde_json::Value;

use super::{Limits, read_csv};
use crate::EngineError;

fn dir() -> PathBuf {
    [
        env!("CARGO_MANIFEST_DIR"),
        "..",
        "..",
        "tests",
        "fixtures",
        "ingest",
    ]
    .iter()
    .collect()
}

fn manifest() -> Vec<(String, Value)> {
    let text = std::fs::read_to_string(dir().join("manifest.json")).expect("manifest");
    let Value::Object(map) = serde_json::from_str(&text).expect("json") else {
        panic!("the manifest is an object");
    };
    map.into_iter().collect()
}

/// The variant name of an externally tagged enum value (`"Empty"` or `{"RaggedRow": …}`).
fn kind(value: Value) -> String {
    match value {
        Value::String(s) => s,
        Value::Object(map) => map.keys().next().cloned().unwrap_or_default(),
        other => other.to_string(),
    }
}

fn read(bytes: &[u8]) -> Result<super::Ingested, EngineError> {
    read_csv(
        bytes,
        &ParseOptions::default(),
        &Limits::default(),
        &mut |_, _| {},
    )
}

#[test]
fn every_corpus_file_reads_as_its_manifest_says() {
    let entries = manifest();
    assert!(entries.len() >= 60, "{} files", entries.len());
    let mut failures = Vec::new();
    for (name, expected) in entries {
        let bytes = std::fs::read(dir().join(&name)).expect("corpus file");
        let got = match read(&bytes) {
            Ok(t) => {
                let mut warnings: Vec<String> = t
                    .report
                    .warnings
                    .iter()
                    .map(|w| kind(serde_json::to_value(w).expect("json")))
                    .collect();
                warnings.sort();
                serde_json::json!({
                    "rows": t.report.rows,
                    "types": t.report.columns.iter().map(|c| format!("{:?}", c.dtype)).collect::<Vec<_>>(),
                    "warnings": warnings,
                })
            }
            Err(EngineError::Ingest(e)) => {
                let e: IngestError = e;
                serde_json::json!({ "error": kind(serde_json::to_value(&e).expect("json")) })
            }
            Err(other) => serde_json::json!({ "error": format!("engine: {other}") }),
        };
        if got != expected {
            failures.push(format!("{name}: expected {expected}, got {got}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// A small deterministic generator (xorshift64*), so the mutations are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes a mutation likes to insert: structure, encodings' lead bytes, NUL.
const INTERESTING: &[u8] = b",;\t|\"\r\n\x00\xef\xbb\xbf\xff\xfe\x80\xc0-.=+e9 ";

#[test]
fn mutated_corpus_files_never_panic() {
    let mut rng = Rng(0x5EED_CAFE_F00D_1234);
    let mut parser_errors = Vec::new();
    for (name, _) in manifest() {
        let original = std::fs::read(dir().join(&name)).expect("corpus file");
        for _ in 0..24 {
            let mut bytes = original.clone();
            for _ in 0..=rng.below(4) {
                let at = rng.below(bytes.len() + 1);
                match rng.below(4) {
                    0 if at < bytes.len() => bytes[at] = rng.next() as u8,
                    1 if at < bytes.len() => {
                        bytes.remove(at);
                    }
                    2 => bytes.insert(at, INTERESTING[rng.below(INTERESTING.len())]),
                    _ => {
                        let cut = rng.below(bytes.len() + 1);
                        bytes.truncate(cut);
                    }
                }
            }
            // An error is fine, as long as it is one of ours and not the parser's own words;
            // a panic fails the test.
            match read(&bytes) {
                Err(EngineError::Ingest(e @ IngestError::ParserDisagrees { .. })) => {
                    parser_errors.push(format!("{name} {bytes:?}: {e:?}"))
                }
                Err(EngineError::Ingest(IngestError::Parser { message })) => {
                    parser_errors.push(format!("{name} {bytes:?}: {message}"))
                }
                _ => {}
            }
        }
    }
    assert!(parser_errors.is_empty(), "{}", parser_errors.join("\n"));
}
