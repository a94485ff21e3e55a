//! The `quire` binary on the fixture notebooks: text, JSON and exit codes.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn notebook(name: &str) -> String {
    root()
        .join("tests/fixtures/notebooks")
        .join(name)
        .display()
        .to_string()
}

/// The path of a CSV fixture.
fn csv(name: &str) -> String {
    root()
        .join("tests/fixtures/csv")
        .join(name)
        .display()
        .to_string()
}

fn orders_csv() -> String {
    csv("orders_semicolon.csv")
}

fn quire(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quire"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out.stdout)))
}

#[test]
fn runs_a_notebook_as_text() {
    let data = format!("orders_semicolon.csv={}", orders_csv());
    let out = quire(&["run", &notebook("orders.quire.json"), "--data", &data]);
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        text(&out.stderr)
    );
    assert!(stdout.starts_with("Orders\n"), "{stdout}");
    assert!(stdout.contains("[intro] markdown ok"), "{stdout}");
    assert!(stdout.contains("[load] data ok"), "{stdout}");
    assert!(
        stdout.contains("table orders: 3 rows, 5 columns"),
        "{stdout}"
    );
    assert!(stdout.contains("order_id (integer), customer (text), amount (float), ordered_at (datetime), note (text, 1 null)"), "{stdout}");
    assert!(
        stdout.contains("table big_orders: 2 rows, 3 columns"),
        "{stdout}"
    );
    assert!(
        stdout.contains("| 1        | Ada      | 10.5   |"),
        "{stdout}"
    );
    assert!(stdout.contains("3 cells: 3 ok, 0 failed"), "{stdout}");
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

#[test]
fn json_output_has_the_documented_keys() {
    let data = format!("orders_semicolon.csv={}", orders_csv());
    let out = quire(&[
        "run",
        &notebook("orders.quire.json"),
        "--data",
        &data,
        "--json",
        "--rows",
        "1",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v = json_of(&out);
    assert_eq!(v["quire_cli"], 1);
    assert_eq!(v["title"], "Orders");
    assert_eq!(v["ok"], true);
    let cells = v["cells"].as_array().expect("cells");
    assert_eq!(cells.len(), 3);
    for c in cells {
        for key in ["id", "kind", "state", "error", "table", "html"] {
            assert!(c.get(key).is_some(), "{key} missing in {c}");
        }
    }
    assert_eq!(cells[0]["kind"], "markdown");
    assert!(
        cells[0]["html"]
            .as_str()
            .expect("html")
            .contains("<h1>Orders</h1>")
    );
    assert_eq!(cells[0]["table"], Value::Null);
    let load = &cells[1];
    assert_eq!(load["kind"], "data");
    assert_eq!(load["state"], "up_to_date");
    assert_eq!(load["error"], Value::Null);
    assert_eq!(load["table"]["name"], "orders");
    assert_eq!(load["table"]["rows"], 3);
    assert_eq!(
        load["table"]["columns"][2],
        serde_json::json!({"name": "amount", "type": "float", "nulls": 0})
    );
    assert_eq!(load["table"]["columns"][4]["nulls"], 1);
    assert_eq!(
        load["table"]["data"],
        serde_json::json!([[1, "Ada", 10.5, "2024-03-01 09:15:00", "first order; thanks"]])
    );
    assert_eq!(cells[2]["kind"], "sql");
    assert_eq!(cells[2]["table"]["rows"], 2);
    assert_eq!(
        cells[2]["table"]["data"],
        serde_json::json!([[1, "Ada", 10.5]])
    );
}

#[test]
fn a_failing_cell_exits_1_with_its_message() {
    let data = format!("orders_semicolon.csv={}", orders_csv());
    let out = quire(&[
        "run",
        &notebook("failing.quire.json"),
        "--data",
        &data,
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v = json_of(&out);
    assert_eq!(v["ok"], false);
    assert_eq!(v["cells"][0]["state"], "up_to_date");
    let broken = &v["cells"][1];
    assert_eq!(broken["state"], "error");
    assert_eq!(broken["error"]["code"], "sql");
    assert!(
        broken["error"]["message"]
            .as_str()
            .expect("msg")
            .contains("line 1, column")
    );
    assert_eq!(v["cells"][2]["error"]["code"], "upstream");
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("cell broken: SQL error at line 1"),
        "{stderr}"
    );
    assert!(stderr.contains("cell after:"), "{stderr}");

    // In text too.
    let out = quire(&["run", &notebook("failing.quire.json"), "--data", &data]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("[broken] sql ERROR"), "{stdout}");
    assert!(
        stdout.contains("error (sql): SQL error at line 1"),
        "{stdout}"
    );
    assert!(stdout.contains("3 cells: 1 ok, 2 failed"), "{stdout}");
}

#[test]
fn missing_data_is_a_failing_cell() {
    let out = quire(&["run", &notebook("orders.quire.json"), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json_of(&out);
    assert_eq!(v["cells"][1]["error"]["code"], "missing_data");
    assert!(text(&out.stderr).contains("--data orders_semicolon.csv=PATH"));
}

#[test]
fn the_v1_fixture_runs() {
    let data = format!("orders_semicolon.csv={}", orders_csv());
    let out = quire(&["run", &notebook("v1.quire.json"), "--data", &data, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v = json_of(&out);
    let totals = &v["cells"][2]["table"];
    assert_eq!(totals["name"], "totals");
    assert_eq!(totals["data"][0], serde_json::json!(["Linus", 12.25]));
    // The file matches the manifest: no warning.
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

#[test]
fn a_bundle_carries_its_data() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = std::fs::read(notebook("orders.quire.json")).expect("fixture");
    let opened = quire_engine_open(&file);
    let csv = std::fs::read(orders_csv()).expect("csv");
    let bundle = quire_engine::write_bundle(
        &opened.notebook,
        &opened.manifest,
        &[("orders_semicolon.csv", &csv)],
    )
    .expect("bundle");
    let path = dir.path().join("orders.quire.zip");
    std::fs::write(&path, bundle).expect("writes");
    let out = quire(&["run", &path.display().to_string(), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(json_of(&out)["cells"][2]["table"]["rows"], 2);

    // --data overrides the bundle's file; a changed file is a warning, not a failure.
    let changed = dir.path().join("changed.csv");
    std::fs::write(&changed, "order_id;customer;amount\n9;Zed;99.5\n").expect("writes");
    let data = format!("orders_semicolon.csv={}", changed.display());
    let out = quire(&[
        "run",
        &path.display().to_string(),
        "--data",
        &data,
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        json_of(&out)["cells"][2]["table"]["data"],
        serde_json::json!([[9, "Zed", 99.5]])
    );
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("warning") && stderr.contains("missing columns ordered_at, note"),
        "{stderr}"
    );
}

fn quire_engine_open(bytes: &[u8]) -> quire_engine::Opened {
    quire_engine::open_file(bytes).expect("opens")
}

#[test]
fn bad_arguments_and_files_exit_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let png = dir.path().join("image.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("writes");
    let newer = dir.path().join("newer.quire.json");
    std::fs::write(&newer, r#"{"format":"quire-notebook","version":99}"#).expect("writes");
    let truncated = dir.path().join("cut.quire.json");
    let full = std::fs::read(notebook("orders.quire.json")).expect("fixture");
    std::fs::write(&truncated, &full[..full.len() / 2]).expect("writes");

    let cases: Vec<(Vec<String>, &str)> = vec![
        (vec![], "Usage"),
        (vec!["run".into()], "NOTEBOOK"),
        (
            vec!["run".into(), "/no/such/file.quire.json".into()],
            "cannot read",
        ),
        (
            vec!["run".into(), png.display().to_string()],
            "not a Quire notebook",
        ),
        (
            vec!["run".into(), newer.display().to_string()],
            "newer Quire",
        ),
        (
            vec!["run".into(), truncated.display().to_string()],
            "damaged",
        ),
        (
            vec![
                "run".into(),
                notebook("orders.quire.json"),
                "--data".into(),
                "nonsense".into(),
            ],
            "NAME=PATH",
        ),
        (
            vec![
                "run".into(),
                notebook("orders.quire.json"),
                "--data".into(),
                "other.csv=x".into(),
            ],
            "no data source named",
        ),
        (
            vec![
                "run".into(),
                notebook("orders.quire.json"),
                "--data".into(),
                "orders_semicolon.csv=/no/such.csv".into(),
            ],
            "cannot read",
        ),
        (
            vec![
                "run".into(),
                notebook("orders.quire.json"),
                "--rows".into(),
                "many".into(),
            ],
            "--rows",
        ),
    ];
    for (args, expected) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = quire(&args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        let stderr = text(&out.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
}

#[test]
fn help_describes_the_command() {
    let out = quire(&["run", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    for part in ["--data <NAME=PATH>", "--json", "--rows <N>", "NOTEBOOK"] {
        assert!(help.contains(part), "{part}: {help}");
    }
}

#[test]
fn a_failed_quality_check_exits_1_and_is_in_the_json() {
    let csv = csv("raw_orders.csv");
    let data = format!("raw_orders.csv={csv}");
    let out = quire(&["run", &notebook("etl.quire.json"), "--data", &data]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("table orders: 10 rows"), "{stdout}");
    assert!(stdout.contains("check unique: pass"), "{stdout}");
    assert!(
        stdout.contains("check not_null: FAIL (3 of 10 rows)"),
        "{stdout}"
    );

    let out = quire(&[
        "run",
        &notebook("etl.quire.json"),
        "--data",
        &data,
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let json = json_of(&out);
    assert_eq!(json["ok"], false);
    let checks = &json["cells"][2]["checks"];
    assert_eq!(checks[0]["outcome"], "pass");
    assert_eq!(checks[1]["outcome"], "fail");
    assert_eq!(checks[1]["failing"], 3);
    assert_eq!(json["cells"][1]["kind"], "clean");
    assert_eq!(json["cells"][1]["table"]["rows"], 10);
}

/// The reference values `tests/fixtures/stats/make_experiment.py` computed with scipy and
/// statsmodels; the notebook fixture uses its specs, so the CLI must print the same figures.
fn experiment_reference() -> Value {
    let path = root().join("tests/fixtures/stats/experiment.json");
    serde_json::from_slice(&std::fs::read(path).expect("fixture")).expect("json")
}

fn close(a: &Value, b: &Value) -> bool {
    let (a, b) = (a.as_f64().expect("number"), b.as_f64().expect("number"));
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-300)
}

#[test]
fn an_experiment_notebook_prints_its_report_and_exits_1_on_a_failed_split() {
    let csv = csv("ab_test.csv");
    let data = format!("ab_test.csv={csv}");
    let reference = experiment_reference();
    let file: Value =
        serde_json::from_slice(&std::fs::read(notebook("experiment.quire.json")).expect("fixture"))
            .expect("json");
    // The notebook holds the specs the references were computed for.
    assert_eq!(
        file["cells"][1]["experiment"],
        reference["experiments"][0]["spec"]
    );
    assert_eq!(
        file["cells"][2]["experiment"],
        reference["experiments"][2]["spec"]
    );
    assert_eq!(file["cells"][3]["plan"], reference["plans"][0]["spec"]);

    // Text: the checks, the arms, one line per result and the verdict in words.
    let out = quire(&["run", &notebook("experiment.quire.json"), "--data", &data]);
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}\n{}",
        text(&out.stderr)
    );
    assert!(stdout.contains("[readout] experiment ok"), "{stdout}");
    assert!(stdout.contains("check sample_ratio: pass"), "{stdout}");
    assert!(
        stdout.contains("check sample_ratio: FAIL (p = 8.461e-133)"),
        "{stdout}"
    );
    assert!(stdout.contains("arm control: 2039 units"), "{stdout}");
    assert!(
        stdout.contains("converted new_checkout vs control"),
        "{stdout}"
    );
    assert!(stdout.contains("> "), "{stdout}");
    assert!(stdout.contains("units per arm: 13247"), "{stdout}");
    assert!(stdout.contains("stage 5%: 14 days"), "{stdout}");

    // JSON: the whole report under `experiment`, the verdict in words, the plan under `plan`.
    let out = quire(&[
        "run",
        &notebook("experiment.quire.json"),
        "--data",
        &data,
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let json = json_of(&out);
    assert_eq!(json["ok"], false);
    let cells = json["cells"].as_array().expect("cells");
    let (readout, skewed, plan) = (&cells[1], &cells[2], &cells[3]);
    assert_eq!(readout["kind"], "experiment");
    assert_eq!(readout["state"], "up_to_date");
    assert_eq!(plan["kind"], "plan");

    let report = &readout["experiment"];
    let expected = &reference["experiments"][0];
    assert_eq!(report["units"], expected["units"]);
    assert_eq!(report["missing_variant"], expected["missing_variant"]);
    assert_eq!(
        report["duplicates"]["repeated_units"],
        expected["duplicates"]["repeated_units"]
    );
    assert!(
        report["checks"]
            .as_array()
            .expect("checks")
            .iter()
            .all(|c| c["passed"] == true)
    );
    let results = report["results"].as_array().expect("results");
    let wanted = expected["results"].as_array().expect("results");
    assert_eq!(results.len(), wanted.len());
    for (got, want) in results.iter().zip(wanted) {
        assert_eq!(got["treatment"], want["treatment"]);
        assert_eq!(got["outcome"], want["outcome"], "{}", got["metric"]);
        for key in ["t", "df", "p", "adjusted_p"] {
            assert!(
                close(&got[key], &want[key]),
                "{key}: {} vs {}",
                got[key],
                want[key]
            );
        }
        assert!(close(&got["absolute"]["low"], &want["absolute"][1]));
        assert!(close(&got["absolute"]["high"], &want["absolute"][2]));
    }
    let verdict = &report["verdict_text"];
    let en = verdict["en"]
        .as_array()
        .expect("en")
        .iter()
        .map(|l| l.as_str().expect("line"))
        .collect::<Vec<_>>()
        .join("\n");
    let ko = verdict["ko"]
        .as_array()
        .expect("ko")
        .iter()
        .map(|l| l.as_str().expect("line"))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(en.contains("new_checkout"), "{en}");
    assert!(
        ko.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c)),
        "{ko}"
    );
    assert!(
        report["verdict"]["calls"]
            .as_array()
            .is_some_and(|c| c.len() == 2)
    );

    // The skewed split: the check fails, no verdict is given, and the words say why.
    let skewed = &skewed["experiment"];
    let srm = skewed["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .find(|c| c["kind"]["check"] == "sample_ratio")
        .expect("sample ratio check");
    assert_eq!(srm["passed"], false);
    let p = &reference["experiments"][2]["srm"][1];
    assert!(
        (srm["kind"]["p"].as_f64().expect("p").ln() - p.as_f64().expect("p").ln()).abs() < 1e-6,
        "{srm} vs {p}"
    );
    assert_eq!(skewed["verdict"], Value::Null);
    assert!(
        !skewed["verdict_text"]["en"]
            .as_array()
            .expect("en")
            .is_empty()
    );

    let plan = &plan["plan"];
    let want = &reference["plans"][0];
    assert_eq!(plan["per_arm"], want["per_arm"]);
    assert_eq!(plan["stages"].as_array().expect("stages").len(), 4);
    for (got, want) in plan["stages"]
        .as_array()
        .expect("stages")
        .iter()
        .zip(want["stages"].as_array().expect("stages"))
    {
        assert_eq!(got["days_needed"], want["days_needed"]);
        assert!(close(&got["detectable"], &want["detectable"]));
    }
}

#[test]
fn a_metrics_notebook_prints_headlines_and_its_dashboard() {
    let csv = csv("activity.csv");
    let data = format!("activity.csv={csv}");
    let out = quire(&["run", &notebook("metrics.quire.json"), "--data", &data]);
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        text(&out.stderr)
    );
    // The hand-counted values of tests/fixtures/csv/make.py.
    assert!(
        stdout.contains("metric wau: 2024-W02 = 4 (+1, +33.3% vs 2024-W01)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("tile revenue: 2024-W02 = ₩30 (−₩6, -16.7% vs 2024-W01)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("tile revenue_per_user: 2024-W02 = 7.50"),
        "{stdout}"
    );
    assert!(
        stdout.contains("metric wau_rolling: 2024-01-14 = 4 (+1, +33.3% vs 2024-01-07)"),
        "{stdout}"
    );

    let out = quire(&[
        "run",
        &notebook("metrics.quire.json"),
        "--data",
        &data,
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let json = json_of(&out);
    let cells = json["cells"].as_array().expect("cells");
    let wau = &cells[1];
    assert_eq!(wau["kind"], "metric");
    assert_eq!(wau["table"]["name"], "wau");
    let values: Vec<f64> = wau["metric"]["total"]
        .as_array()
        .expect("total")
        .iter()
        .map(|p| p["value"].as_f64().expect("value"))
        .collect();
    assert_eq!(values, [3.0, 4.0]);
    assert!(
        wau["metric"]["sql"]
            .as_str()
            .expect("sql")
            .contains("count(distinct user_id) AS value")
    );
    let dash = &cells[5];
    assert_eq!(dash["kind"], "dashboard");
    let tiles = dash["dashboard"].as_array().expect("tiles");
    assert_eq!(tiles.len(), 3);
    assert_eq!(tiles[0]["spec"]["owner"], "growth team");
    assert_eq!(tiles[0]["source_cell"], "load");
    assert_eq!(tiles[2]["report"]["headline"]["value"], 7.5);
}
