//! The file format: round trips, the v1 fixture, damaged and foreign inputs, bundles, share
//! links.

use quire_protocol::notebook::{Cell, CellSpec, DataSource, FileError, Notebook, SchemaField};
use quire_protocol::{ColumnType, DelimiterChoice, ParseOptions};

use super::*;
use quire_protocol::kinds;

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/notebooks/"
);

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}{name}")).expect("fixture exists")
}

fn sample() -> (Notebook, Vec<DataSource>) {
    let options = ParseOptions {
        delimiter: DelimiterChoice::Semicolon,
        ..Default::default()
    };
    let notebook = Notebook {
        title: "매출 \"quarterly\"".into(),
        cells: vec![
            Cell {
                id: "m".into(),
                collapsed: true,
                spec: CellSpec::Markdown(kinds::Markdown {
                    text: "# Hi\n<b>x</b>".into(),
                }),
            },
            Cell {
                id: "d".into(),
                collapsed: false,
                spec: CellSpec::Data(kinds::Data {
                    table: "orders".into(),
                    source: "orders.csv".into(),
                    options,
                }),
            },
            Cell {
                id: "s".into(),
                collapsed: false,
                spec: CellSpec::Sql(kinds::Sql {
                    table: "t".into(),
                    query: "select * from orders".into(),
                }),
            },
        ],
    };
    let manifest = vec![DataSource {
        name: "orders.csv".into(),
        bytes: 10,
        sha256: "ab".repeat(32),
        options,
        schema: vec![SchemaField {
            name: "id".into(),
            dtype: ColumnType::Integer,
        }],
    }];
    (notebook, manifest)
}

#[test]
fn round_trip() {
    let (notebook, manifest) = sample();
    let text = write_notebook(&notebook, &manifest);
    assert!(text.contains("\"format\": \"quire-notebook\""), "{text}");
    assert!(text.contains(&format!("\"version\": {VERSION}")), "{text}");
    let opened = open_file(text.as_bytes()).expect("opens");
    assert_eq!(opened.notebook, notebook);
    assert_eq!(opened.manifest, manifest);
    assert!(opened.data.is_empty());
    // A byte-order mark in front (an editor's) is fine.
    let with_bom = [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat();
    assert_eq!(read_notebook(&with_bom).expect("opens").0, notebook);
}

#[test]
fn v1_fixture_opens_as_current() {
    let (notebook, manifest) = read_notebook(&fixture("v1.quire.json")).expect("v1 opens");
    assert_eq!(notebook.cells.len(), 3);
    assert!(matches!(notebook.cells[0].spec, CellSpec::Markdown(_)));
    assert!(notebook.cells[1].collapsed);
    assert!(matches!(
        &notebook.cells[1].spec,
        CellSpec::Data(kinds::Data { table, source, options })
            if table == "orders" && source == "orders_semicolon.csv"
                && options.delimiter == DelimiterChoice::Semicolon
    ));
    assert!(
        matches!(&notebook.cells[2].spec, CellSpec::Sql(kinds::Sql { table, .. }) if table == "totals")
    );
    assert_eq!(manifest.len(), 1);
    assert_eq!(manifest[0].name, "orders_semicolon.csv");
    assert_eq!(manifest[0].schema.len(), 5);
    // Saved again, it is a current file that reads back the same.
    let text = write_notebook(&notebook, &manifest);
    assert!(text.contains(&format!("\"version\": {VERSION}")) && !text.contains("\"type\""));
    assert_eq!(
        read_notebook(text.as_bytes()).expect("v3"),
        (notebook, manifest)
    );
}

/// A committed file of each old version (`v2.quire.json` … `v5.quire.json`, each as that
/// version wrote it, with the cell kinds it added) opens as the same notebook, and is written
/// again as version 6 changing nothing but the version number: every upgrade after v1 only
/// renumbers.
#[test]
fn each_old_version_opens_as_the_same_notebook_in_version_6() {
    use quire_protocol::CellKind::*;
    let versions = [
        (2, vec![Markdown, Data, Sql]),
        (3, vec![Data, Clean, Quality, Chart]),
        (4, vec![Data, Experiment, Plan]),
        (5, vec![Data, Metric, Metric, Dashboard]),
    ];
    for (version, kinds) in versions {
        let name = format!("v{version}.quire.json");
        let text = String::from_utf8(fixture(&name)).expect("UTF-8");
        assert!(text.contains(&format!("\"version\": {version},")), "{name}");
        let opened = open_file(text.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let found: Vec<_> = opened
            .notebook
            .cells
            .iter()
            .map(|c| c.spec.kind())
            .collect();
        assert_eq!(found, kinds, "{name}");
        assert!(!opened.manifest.is_empty(), "{name}");
        let expected = text.replacen(
            &format!("\"version\": {version},"),
            &format!("\"version\": {VERSION},"),
            1,
        );
        assert_eq!(
            write_notebook(&opened.notebook, &opened.manifest),
            expected,
            "{name}"
        );
    }
}

/// Every committed notebook opens through the current version's frozen types, and what is
/// written for it opens as the same notebook.
#[test]
fn every_committed_notebook_opens() {
    let mut names: Vec<String> = std::fs::read_dir(FIXTURES)
        .expect("the fixtures folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.ends_with(".quire.json"))
        .collect();
    names.sort();
    assert!(names.len() >= 12, "{names:?}");
    for name in names {
        let opened = open_file(&fixture(&name)).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let text = write_notebook(&opened.notebook, &opened.manifest);
        assert!(
            current_file(&opened.notebook, &opened.manifest).is_ok(),
            "{name}"
        );
        let again = open_file(text.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(again, opened, "{name}");
    }
}

/// The live types must write back what they read from the frozen ones; a value they would
/// change (here: a field they do not have, so would drop) is refused, not opened in part.
#[test]
fn a_value_the_live_types_would_change_is_refused() {
    #[derive(Serialize)]
    struct Frozen {
        a: u32,
        b: u32,
    }
    #[derive(Serialize, serde::Deserialize)]
    struct Live {
        a: u32,
    }
    assert!(to_live::<_, Live>(&Frozen { a: 1, b: 2 }).is_err());
    assert_eq!(to_live::<_, Live>(&Live { a: 1 }).map(|l| l.a), Ok(1));
}

#[test]
fn upgrade_step_by_itself() {
    let v1 = json!({"format": FORMAT, "version": 1, "title": "", "cells": [{"id": "a", "type": "markdown", "text": "x"}],
                    "data": {"f.csv": {"bytes": 1}}});
    let v2 = upgrade_v1_to_v2(v1).expect("upgrades");
    assert_eq!(v2["version"], 2);
    assert_eq!(v2["cells"][0]["kind"], "markdown");
    assert_eq!(v2["data"][0]["name"], "f.csv");
    assert!(upgrade_v1_to_v2(json!({"cells": 3})).is_err());
    assert!(upgrade_v1_to_v2(json!([])).is_err());
    let v3 = upgrade_v2_to_v3(v2.clone()).expect("upgrades");
    assert_eq!(v3["version"], 3);
    assert_eq!(v3["cells"], v2["cells"]);
    assert!(upgrade_v2_to_v3(json!([])).is_err());
    let v4 = upgrade_v3_to_v4(v3.clone()).expect("upgrades");
    assert_eq!(v4["version"], 4);
    assert_eq!(v4["cells"], v3["cells"]);
    assert!(upgrade_v3_to_v4(json!("v3")).is_err());
    let v5 = upgrade_v4_to_v5(v4.clone()).expect("upgrades");
    assert_eq!(v5["version"], 5);
    assert_eq!(v5["cells"], v4["cells"]);
    assert!(upgrade_v4_to_v5(json!(4)).is_err());
    let v6 = upgrade_v5_to_v6(v5.clone()).expect("upgrades");
    assert_eq!(v6["version"], 6);
    assert_eq!(v6["cells"], v5["cells"]);
    assert!(upgrade_v5_to_v6(json!(5)).is_err());
}

#[test]
fn the_v2_fixture_opens_and_v3_cells_round_trip() {
    let opened = open_file(&fixture("orders.quire.json")).expect("the v2 file opens");
    assert_eq!(opened.notebook.cells.len(), 3);
    let etl = open_file(&fixture("etl.quire.json")).expect("the v3 file opens");
    let CellSpec::Clean(kinds::Clean { steps, .. }) = &etl.notebook.cells[1].spec else {
        panic!("a clean cell");
    };
    assert_eq!(steps.len(), 3);
    assert!(!steps[2].enabled);
    let text = write_notebook(&etl.notebook, &etl.manifest);
    assert!(!text.contains("ledger"), "the ledger is never saved");
    assert_eq!(
        read_notebook(text.as_bytes()).expect("reads").0,
        etl.notebook
    );
}

fn corrupt_message(bytes: &[u8]) -> String {
    match read_notebook(bytes) {
        Err(FileError::Corrupt { message }) => message,
        other => panic!(
            "expected Corrupt for {:?}, got {other:?}",
            String::from_utf8_lossy(bytes)
        ),
    }
}

#[test]
fn damaged_files_say_where() {
    let (notebook, manifest) = sample();
    let text = write_notebook(&notebook, &manifest);
    assert!(corrupt_message(&text.as_bytes()[..text.len() / 2]).contains("JSON"));

    let v = |value: Value| value.to_string().into_bytes();
    let base = || to_value(&notebook, &manifest);
    let mut no_query = base();
    no_query["cells"][2]
        .as_object_mut()
        .expect("obj")
        .remove("query");
    let m = corrupt_message(&v(no_query));
    assert!(m.contains("cells[2]") && m.contains("query"), "{m}");

    let mut dup = base();
    dup["cells"][1]["id"] = json!("m");
    assert!(corrupt_message(&v(dup)).contains("cells[1].id"));

    let mut bad_kind = base();
    bad_kind["cells"][0]["kind"] = json!("python");
    assert!(corrupt_message(&v(bad_kind)).contains("cells[0]"));

    let mut wrong_type = base();
    wrong_type["title"] = json!(7);
    assert!(corrupt_message(&v(wrong_type)).contains("title"));

    let mut bad_data = base();
    bad_data["data"][0]["bytes"] = json!("ten");
    assert!(corrupt_message(&v(bad_data)).contains("data[0]"));

    let mut no_cells = base();
    no_cells.as_object_mut().expect("obj").remove("cells");
    assert!(corrupt_message(&v(no_cells)).contains("cells: missing"));

    let mut bad_version = base();
    bad_version["version"] = json!("two");
    assert!(corrupt_message(&v(bad_version)).contains("version"));

    let mut zero = base();
    zero["version"] = json!(0);
    assert!(corrupt_message(&v(zero)).contains("version"));
}

#[test]
fn foreign_and_newer_files() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    let random: Vec<u8> = (0u32..2000)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    for bytes in [
        &png[..],
        &random,
        b"",
        b"{}",
        b"[]",
        b"null",
        b"{\"format\": \"jupyter\"}",
        b"id,name\n1,a\n",
        b"PK\x03\x04garbage",
    ] {
        let result = open_file(bytes);
        assert!(
            matches!(result, Err(FileError::Foreign | FileError::Corrupt { .. })),
            "{:?}: {result:?}",
            String::from_utf8_lossy(bytes)
        );
    }
    assert_eq!(read_notebook(png), Err(FileError::Foreign));
    assert_eq!(read_notebook(b"{}"), Err(FileError::Foreign));
    assert_eq!(read_notebook(&random), Err(FileError::Foreign));
    let newer = json!({"format": FORMAT, "version": VERSION + 1, "whatever": true}).to_string();
    assert_eq!(
        read_notebook(newer.as_bytes()),
        Err(FileError::NewerVersion {
            found: VERSION + 1,
            supported: VERSION
        })
    );
    // Every prefix of a good file is an error or the file, never a panic.
    let text = write_notebook(&sample().0, &sample().1);
    for cut in 0..text.len() {
        let _ = open_file(&text.as_bytes()[..cut]);
    }
}

#[test]
fn bundles_carry_the_data_compressed() {
    let (notebook, manifest) = sample();
    let mut csv = String::from("id,region,amount\n");
    for i in 0..20_000 {
        csv.push_str(&format!("{i},north,{}.50\n", i % 100));
    }
    let other = [0u8, 1, 2, 255, 254];
    let bundle = write_bundle(
        &notebook,
        &manifest,
        &[
            ("orders.csv", csv.as_bytes()),
            ("x/../odd name.bin", &other),
        ],
    )
    .expect("writes");
    assert!(
        bundle.len() * 4 < csv.len(),
        "bundle {} bytes for {} bytes of CSV",
        bundle.len(),
        csv.len()
    );
    let opened = open_file(&bundle).expect("opens");
    assert_eq!(opened.notebook, notebook);
    assert_eq!(opened.manifest, manifest);
    assert_eq!(
        opened.data,
        vec![
            ("orders.csv".to_owned(), csv.into_bytes()),
            ("x/../odd name.bin".to_owned(), other.to_vec())
        ]
    );
    // A damaged bundle is an error, never a panic.
    for cut in (0..bundle.len()).step_by(97) {
        let _ = open_file(&bundle[..cut]);
    }
    let mut flipped = bundle.clone();
    for i in (30..flipped.len()).step_by(50) {
        flipped[i] ^= 0x5a;
    }
    let _ = open_file(&flipped);
}

#[test]
fn a_zip_without_a_notebook_is_foreign() {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default())
        .expect("starts");
    zip.write_all(b"<workbook/>").expect("writes");
    let bytes = zip.finish().expect("finishes").into_inner();
    assert_eq!(open_file(&bytes), Err(FileError::Foreign));
}

#[test]
fn share_links_round_trip_and_stay_small() {
    let (notebook, manifest) = sample();
    let fragment = share_fragment(&notebook, &manifest);
    assert!(fragment.starts_with("nb="));
    assert!(
        fragment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_=".contains(&b))
    );
    assert_eq!(
        from_share_fragment(&fragment).expect("opens"),
        (notebook.clone(), manifest.clone())
    );
    assert_eq!(
        from_share_fragment(&format!("#{fragment}"))
            .expect("opens")
            .0,
        notebook
    );

    let mut big = Notebook {
        title: "Fifty cells".into(),
        cells: Vec::new(),
    };
    for i in 0..50 {
        let spec = match i % 3 {
            0 => CellSpec::Markdown(kinds::Markdown {
                text: format!("## Step {i}\n\nWhat this step does and why, in a sentence or two."),
            }),
            1 => CellSpec::Data(kinds::Data {
                table: format!("raw_{i}"),
                source: format!("file_{i}.csv"),
                options: ParseOptions::default(),
            }),
            _ => CellSpec::Sql(kinds::Sql {
                table: format!("step_{i}"),
                query: format!(
                    "SELECT region, SUM(amount) AS total, COUNT(*) AS n FROM raw_{} WHERE amount > {i} GROUP BY region ORDER BY total DESC",
                    i - 1
                ),
            }),
        };
        big.cells.push(Cell {
            id: format!("cell-{i:03}"),
            collapsed: false,
            spec,
        });
    }
    let fragment = share_fragment(&big, &[]);
    assert!(fragment.len() < 8 * 1024, "{} bytes", fragment.len());
    assert_eq!(from_share_fragment(&fragment).expect("opens").0, big);

    assert_eq!(from_share_fragment("foo=bar"), Err(FileError::Foreign));
    assert!(matches!(
        from_share_fragment("nb=***"),
        Err(FileError::Corrupt { .. })
    ));
    assert!(matches!(
        from_share_fragment("nb=AAAA"),
        Err(FileError::Corrupt { .. })
    ));
    let not_notebook = {
        let mut e = DeflateEncoder::new(Vec::new(), Compression::fast());
        e.write_all(b"{}").expect("writes");
        URL_SAFE_NO_PAD.encode(e.finish().expect("finishes"))
    };
    assert!(matches!(
        from_share_fragment(&format!("nb={not_notebook}")),
        Err(FileError::Corrupt { .. })
    ));
}

/// A Metric cell with every field away from its default, a rolling one, and a Dashboard: what
/// is written is read back equal, by file and by share link, under the names the format
/// documents (a renamed field or value would break files already saved).
#[test]
fn metric_and_dashboard_cells_round_trip_with_every_field() {
    use quire_protocol::experiment::Direction;
    use quire_protocol::metric::{EmptyPeriods, Grain, MetricSpec, NumberFormat};
    let revenue = MetricSpec {
        description: "매출 per paying user, refunds excluded".into(),
        owner: "growth team".into(),
        unit: "KRW".into(),
        format: NumberFormat::Currency {
            symbol: "₩".into()
        },
        grain: Grain::Week,
        filters: vec!["country = 'KR'".into(), "amount > 0".into()],
        dimension: Some("city".into()),
        direction: Direction::Lower,
        empty: EmptyPeriods::Gap,
        ..MetricSpec::new(
            "revenue_per_user",
            "orders",
            "ordered_at",
            "sum(amount) / count(distinct user_id)",
        )
    };
    let mau = MetricSpec {
        format: NumberFormat::Integer,
        unit: "users".into(),
        rolling_days: Some(28),
        empty: EmptyPeriods::Zero,
        ..MetricSpec::new("mau", "orders", "ordered_at", "count(distinct user_id)")
    };
    let cell = |id: &str, spec: CellSpec| Cell {
        id: id.into(),
        collapsed: false,
        spec,
    };
    let (mut notebook, manifest) = sample();
    notebook.cells.extend([
        cell("m1", CellSpec::Metric(kinds::Metric { metric: revenue })),
        cell("m2", CellSpec::Metric(kinds::Metric { metric: mau })),
        cell(
            "dash",
            CellSpec::Dashboard(kinds::Dashboard {
                title: "주간 지표".into(),
                tiles: vec!["revenue_per_user".into(), "mau".into()],
            }),
        ),
    ]);
    let text = write_notebook(&notebook, &manifest);
    let opened = open_file(text.as_bytes()).expect("opens");
    assert_eq!(opened.notebook, notebook);
    assert_eq!(opened.manifest, manifest);
    for saved in [
        "\"kind\": \"metric\"",
        "\"kind\": \"dashboard\"",
        "\"owner\": \"growth team\"",
        "\"style\": \"currency\"",
        "\"symbol\": \"₩\"",
        "\"style\": \"integer\"",
        "\"grain\": \"week\"",
        "\"direction\": \"lower\"",
        "\"empty\": \"gap\"",
        "\"empty\": \"zero\"",
        "\"rolling_days\": 28",
        "\"dimension\": \"city\"",
        "\"country = 'KR'\"",
        "\"title\": \"주간 지표\"",
    ] {
        assert!(text.contains(saved), "{saved} not in {text}");
    }
    assert_eq!(
        from_share_fragment(&share_fragment(&notebook, &manifest)).expect("opens"),
        (notebook, manifest)
    );
}

#[test]
fn bundle_entries_are_read_with_bounded_allocation() {
    assert_eq!(entry_limit(0), 1 << 20);
    assert_eq!(entry_limit(10 << 20), MAX_UNPACKED);
    assert_eq!(entry_limit(100_000), 100_000 * MAX_RATIO);
    let mut small: &[u8] = b"0123456789";
    assert_eq!(
        read_bounded(&mut small, 10).expect("reads"),
        Some(b"0123456789".to_vec())
    );
    let mut big: &[u8] = b"0123456789";
    assert_eq!(read_bounded(&mut big, 9).expect("reads"), None);
    // An endless stream stops at the limit.
    let mut endless = std::io::repeat(0);
    assert_eq!(read_bounded(&mut endless, 1 << 16).expect("reads"), None);

    // A bundle whose header claims nearly 1 GiB for a tiny entry opens (or fails) without
    // trusting the claim.
    let notebook = Notebook::default();
    let csv: &[u8] = b"a\n1\n";
    let bundle = write_bundle(&notebook, &[], &[("t.csv", csv)]).expect("bundle");
    let mut lying = bundle.clone();
    // Central directory headers (PK\x01\x02): uncompressed size at offset 24.
    let mut at = 0;
    while let Some(pos) = lying[at..].windows(4).position(|w| w == b"PK\x01\x02") {
        let start = at + pos;
        lying[start + 24..start + 28].copy_from_slice(&0x3FFF_0000u32.to_le_bytes());
        at = start + 4;
    }
    let _ = open_file(&lying);
}
