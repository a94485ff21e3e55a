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

/// Runs `quire` in English: without `--lang`, whatever locale the tests run in.
fn quire(args: &[&str]) -> Output {
    quire_in(&[], args)
}

/// Runs `quire` with these locale variables (and no others).
fn quire_in(locale: &[(&str, &str)], args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_quire"));
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(var);
    }
    command
        .envs(locale.iter().copied())
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
fn the_json_says_what_reading_each_file_assumed() {
    let data = format!("orders_semicolon.csv={}", orders_csv());
    let out = quire(&[
        "run",
        &notebook("orders.quire.json"),
        "--data",
        &data,
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v = json_of(&out);
    let detected = &v["cells"][1]["detected"];
    assert_eq!(detected["encoding"], "UTF-8");
    assert_eq!(detected["delimiter"], ";");
    assert_eq!(detected["header"], true);
    let missing = detected["missing_values"].as_array().expect("a list");
    assert!(missing.iter().any(|m| m == "NA"), "{missing:?}");
    assert!(
        !missing.iter().any(|m| m == "NaN"),
        "NaN is a float, not missing"
    );
    assert_eq!(detected["warnings"], serde_json::json!([]));
    // Cells that read no file say nothing of one.
    assert_eq!(v["cells"][0]["detected"], Value::Null);
    assert_eq!(v["cells"][2]["detected"], Value::Null);

    // Excel's `sep=` line: the delimiter it names, and a warning saying so.
    let sep = root().join("tests/fixtures/ingest/shape_sep_semicolon.csv");
    let data = format!("orders_semicolon.csv={}", sep.display());
    let out = quire(&[
        "run",
        &notebook("orders.quire.json"),
        "--data",
        &data,
        "--json",
    ]);
    let v = json_of(&out);
    let detected = &v["cells"][1]["detected"];
    assert_eq!(detected["delimiter"], ";");
    let warnings = detected["warnings"].as_array().expect("a list");
    let sep_line = warnings
        .iter()
        .find(|w| w["kind"] == "SeparatorLine")
        .unwrap_or_else(|| panic!("no SeparatorLine warning in {warnings:?}"));
    assert_eq!(sep_line["detail"]["delimiter"], ";");
    assert!(
        sep_line["message"]
            .as_str()
            .is_some_and(|m| m.contains("sep=;")),
        "{sep_line}"
    );
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
fn a_data_file_over_the_limit_is_refused_before_it_is_read() {
    // A sparse file: 512 MiB and one byte long, without the disk space.
    let dir = tempfile::tempdir().expect("temp dir");
    let huge = dir.path().join("huge.csv");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(512 * 1024 * 1024 + 1))
        .expect("a sparse file");
    let data = format!("orders_semicolon.csv={}", huge.display());
    let out = quire(&["run", &notebook("orders.quire.json"), "--data", &data]);
    // Refused as a bad file (exit 2) before the notebook runs, not a failing data cell (1).
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let said = text(&out.stderr);
    assert!(
        said.contains("huge.csv") && said.contains("536870913"),
        "{said}"
    );
    assert!(out.stdout.is_empty(), "nothing ran: {}", text(&out.stdout));
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

/// Every key of an Experiment cell's JSON, as `crates/cli/README.md` documents it: objects by
/// `.key`, lists by `[]`, and a tagged object (a check's `kind`, a warning) by `:tag` so each
/// variant's fields are named.
const EXPERIMENT_KEYS: &[&str] = &[
    "rows",
    "units",
    "duplicates.policy",
    "duplicates.repeated_units",
    "duplicates.mixed_units",
    "duplicates.dropped_rows",
    "missing_variant",
    "arms[].variant",
    "arms[].units",
    "arms[].expected_share",
    "arms[].observed_share",
    "srm.chi2",
    "srm.df",
    "srm.p",
    "checks[].kind:control_present.check",
    "checks[].kind:control_present.control",
    "checks[].kind:known_variants.check",
    "checks[].kind:known_variants.unexpected",
    "checks[].kind:sample_ratio.check",
    "checks[].kind:sample_ratio.p",
    "checks[].passed",
    "warnings[]:duplicates.warning",
    "warnings[]:duplicates.repeated_units",
    "warnings[]:duplicates.dropped_rows",
    "warnings[]:missing_variant.warning",
    "warnings[]:missing_variant.rows",
    "warnings[]:small_arm.warning",
    "warnings[]:small_arm.variant",
    "warnings[]:small_arm.units",
    "warnings[]:few_events.warning",
    "warnings[]:few_events.metric",
    "warnings[]:few_events.variant",
    "warnings[]:few_events.events",
    "warnings[]:missing_values.warning",
    "warnings[]:missing_values.metric",
    "warnings[]:missing_values.variant",
    "warnings[]:missing_values.left_out",
    "warnings[]:unmeasurable.warning",
    "warnings[]:unmeasurable.metric",
    "warnings[]:unmeasurable.variant",
    "warnings[]:peeking.warning",
    "warnings[]:peeking.planned_per_arm",
    "warnings[]:peeking.smallest_arm",
    "confidence",
    "sequential",
    "correction",
    "results[].metric",
    "results[].kind",
    "results[].role",
    "results[].direction",
    "results[].treatment",
    "results[].control_stats.n",
    "results[].control_stats.mean",
    "results[].control_stats.sd",
    "results[].control_stats.left_out",
    "results[].treatment_stats.n",
    "results[].treatment_stats.mean",
    "results[].treatment_stats.sd",
    "results[].treatment_stats.left_out",
    "results[].absolute.value",
    "results[].absolute.low",
    "results[].absolute.high",
    "results[].relative.value",
    "results[].relative.low",
    "results[].relative.high",
    "results[].t",
    "results[].df",
    "results[].p",
    "results[].z_test.z",
    "results[].z_test.p",
    "results[].cuped.theta",
    "results[].cuped.absolute.value",
    "results[].cuped.absolute.low",
    "results[].cuped.absolute.high",
    "results[].cuped.p",
    "results[].cuped.variance_reduction",
    "results[].cuped.left_out",
    "results[].bayes.chance_to_beat",
    "results[].bayes.expected_loss",
    "results[].sequential.low",
    "results[].sequential.high",
    "results[].sequential.p",
    "results[].adjusted_p",
    "results[].outcome",
    "verdict.calls[].treatment",
    "verdict.calls[].decision",
    "verdict.calls[].improved",
    "verdict.calls[].worsened",
    "verdict.calls[].guardrails_held",
    "verdict.provisional",
    "verdict_text.en",
    "verdict_text.ko",
];

/// The key paths of `value` (leaves and nulls; empty lists and lists of text are leaves).
fn key_paths(value: &Value, path: &str, out: &mut std::collections::BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            let tag = ["check", "warning"]
                .iter()
                .find_map(|t| map.get(*t).and_then(Value::as_str));
            let path = match tag {
                Some(tag) => format!("{path}:{tag}"),
                None => path.to_owned(),
            };
            for (k, v) in map {
                let child = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                key_paths(v, &child, out);
            }
        }
        Value::Array(items) if items.iter().any(Value::is_object) => {
            for v in items {
                key_paths(v, &format!("{path}[]"), out);
            }
        }
        _ => {
            out.insert(path.to_owned());
        }
    }
}

/// `got` against a scipy/statsmodels reference, 1e-9 relative; p-values below 1e-10 on a log
/// scale, as the engine's own tests compare them.
#[track_caller]
fn near(what: &str, got: &Value, want: &Value) {
    let (g, w) = (
        got.as_f64()
            .unwrap_or_else(|| panic!("{what}: {got} is not a number")),
        want.as_f64().expect("a reference number"),
    );
    let ok = if w > 0.0 && w < 1e-10 {
        g > 0.0 && (g.ln() - w.ln()).abs() <= 1e-9 * w.ln().abs()
    } else {
        (g - w).abs() <= 1e-9 * w.abs().max(1e-300)
    };
    assert!(ok, "{what}: the CLI says {g:e}, the reference {w:e}");
}

#[track_caller]
fn near_estimate(what: &str, got: &Value, want: &Value) {
    for (i, key) in ["value", "low", "high"].iter().enumerate() {
        near(&format!("{what}.{key}"), &got[key], &want[i]);
    }
}

/// A notebook with one Experiment cell per reference case of `make_experiment.py` (on
/// `ab_test.csv` or `ab_split.csv`), one that peeks before its planned size, and one on the
/// first 150 rows whose revenue is known in the control only (small arms, few events, a
/// metric that cannot be measured).
fn reference_notebook(reference: &Value) -> Value {
    let data = |id: &str, table: &str| {
        serde_json::json!({"id": id, "kind": "data", "table": table, "source": format!("{table}.csv"),
            "options": {"encoding": "Auto", "delimiter": "Auto", "header": "Auto"}})
    };
    let experiment = |id: &str, input: &str, spec: &Value| serde_json::json!({"id": id, "kind": "experiment", "input": input, "experiment": spec});
    let mut cells = vec![data("a", "ab_test"), data("b", "ab_split")];
    for (i, case) in reference["experiments"]
        .as_array()
        .expect("cases")
        .iter()
        .enumerate()
    {
        let input = case["data"].as_str().unwrap_or("ab_test.csv");
        cells.push(experiment(
            &format!("case{i}"),
            input.trim_end_matches(".csv"),
            &case["spec"],
        ));
    }
    let mut peeking = reference["experiments"][0]["spec"].clone();
    peeking["planned_per_arm"] = Value::from(5000);
    cells.push(experiment("peeking", "ab_test", &peeking));
    cells.push(serde_json::json!({"id": "q", "kind": "sql", "table": "few",
        "query": "SELECT user_id, variant, converted, CASE WHEN variant = 'control' THEN revenue ELSE NULL END AS revenue FROM ab_test LIMIT 150"}));
    let mut few = reference["experiments"][0]["spec"].clone();
    few["metrics"] = serde_json::json!([
        {"kind": {"type": "binomial", "column": "converted"}},
        {"kind": {"type": "mean", "column": "revenue"}}
    ]);
    cells.push(experiment("few", "few", &few));
    serde_json::json!({"format": "quire-notebook", "version": 4, "title": "references",
        "cells": cells, "data": []})
}

#[test]
fn every_documented_experiment_key_is_there_and_matches_the_references() {
    let reference = experiment_reference();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("references.quire.json");
    std::fs::write(&path, reference_notebook(&reference).to_string()).expect("writes");
    let out = quire(&[
        "run",
        &path.display().to_string(),
        "--data",
        &format!("ab_test.csv={}", csv("ab_test.csv")),
        "--data",
        &format!("ab_split.csv={}", csv("ab_split.csv")),
        "--json",
    ]);
    // Case 2's split fails its check: exit 1, the other cells still ran.
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let json = json_of(&out);
    let cells = json["cells"].as_array().expect("cells");
    let report = |id: &str| {
        let cell = cells
            .iter()
            .find(|c| c["id"] == id)
            .unwrap_or_else(|| panic!("no cell {id}"));
        assert_eq!(cell["state"], "up_to_date", "{id}: {}", cell["error"]);
        &cell["experiment"]
    };

    // The keys: everything the CLI prints is documented, and every documented key appears.
    let mut seen = std::collections::BTreeSet::new();
    let cases = reference["experiments"].as_array().expect("cases");
    let ids: Vec<String> = (0..cases.len())
        .map(|i| format!("case{i}"))
        .chain(["peeking".to_owned(), "few".to_owned()])
        .collect();
    for id in &ids {
        key_paths(report(id), "", &mut seen);
    }
    // A null object (no z-test for a mean, no CUPED without a covariate, no verdict) is the
    // same key as its filled-in fields.
    let documented: std::collections::BTreeSet<String> =
        EXPERIMENT_KEYS.iter().map(|k| (*k).to_owned()).collect();
    let undocumented: Vec<&String> = seen
        .iter()
        .filter(|k| {
            !documented.contains(*k) && !documented.iter().any(|d| d.starts_with(&format!("{k}.")))
        })
        .collect();
    assert!(
        undocumented.is_empty(),
        "not in the README: {undocumented:?}"
    );
    let missing: Vec<&String> = documented.iter().filter(|k| !seen.contains(*k)).collect();
    assert!(missing.is_empty(), "never printed: {missing:?}");
    // The README names each key (its last part) in the experiment rows of its table.
    let readme = std::fs::read_to_string(root().join("crates/cli/README.md")).expect("README");
    let rows: String = readme
        .lines()
        .filter(|l| l.starts_with("| `….") || l.starts_with("| `cells[].experiment`"))
        .collect();
    for key in EXPERIMENT_KEYS {
        let name = key
            .rsplit(['.', ':'])
            .next()
            .expect("a name")
            .trim_end_matches("[]");
        assert!(
            rows.contains(&format!("`{name}`"))
                || rows.contains(&format!("\"{name}\""))
                || rows.contains(&format!("`….{name}`")),
            "the README does not name {name} ({key})"
        );
    }

    // The figures: each case against scipy / statsmodels, nested objects included.
    for (i, want) in cases.iter().enumerate() {
        let got = report(&format!("case{i}"));
        let what = format!("case{i}");
        for key in ["rows", "units", "missing_variant"] {
            assert_eq!(got[key], want[key], "{what} {key}");
        }
        assert_eq!(got["duplicates"]["policy"], want["spec"]["duplicates"]);
        for key in ["repeated_units", "mixed_units", "dropped_rows"] {
            assert_eq!(
                got["duplicates"][key], want["duplicates"][key],
                "{what} {key}"
            );
        }
        assert_eq!(got["confidence"], want["spec"]["confidence"]);
        assert_eq!(got["sequential"], want["spec"]["sequential"]);
        assert_eq!(got["correction"], want["spec"]["correction"]);
        // Arms: the units, and the shares they make of the intended weights and of the whole.
        let arms = got["arms"].as_array().expect("arms");
        let units = want["units"].as_f64().expect("units");
        let weights = want["spec"]["weights"].as_array().expect("weights");
        let total_weight: f64 = weights
            .iter()
            .map(|w| w["weight"].as_f64().expect("w"))
            .sum();
        assert_eq!(arms.len(), want["arms"].as_array().expect("arms").len());
        for (arm, w) in arms.iter().zip(want["arms"].as_array().expect("arms")) {
            assert_eq!(arm["variant"], w["variant"]);
            assert_eq!(arm["units"], w["units"]);
            let observed = w["units"].as_f64().expect("units") / units;
            near(
                "observed_share",
                &arm["observed_share"],
                &Value::from(observed),
            );
            let intended = match weights.iter().find(|x| x["variant"] == w["variant"]) {
                Some(x) => x["weight"].as_f64().expect("w") / total_weight,
                None => 1.0 / arms.len() as f64,
            };
            near(
                "expected_share",
                &arm["expected_share"],
                &Value::from(intended),
            );
        }
        near("srm chi2", &got["srm"]["chi2"], &want["srm"][0]);
        near("srm p", &got["srm"]["p"], &want["srm"][1]);
        assert_eq!(got["srm"]["df"], arms.len() - 1);
        let srm_passed = want["srm"][1].as_f64().expect("p") >= 0.001;
        let check = got["checks"]
            .as_array()
            .expect("checks")
            .iter()
            .find(|c| c["kind"]["check"] == "sample_ratio")
            .expect("the sample-ratio check");
        assert_eq!(check["passed"], srm_passed, "{what}");
        near("check p", &check["kind"]["p"], &want["srm"][1]);

        let results = got["results"].as_array().expect("results");
        let wanted = want["results"].as_array().expect("results");
        assert_eq!(results.len(), wanted.len(), "{what}");
        for (r, w) in results.iter().zip(wanted) {
            let what = format!("{what} {} {}", w["metric"], w["treatment"]);
            assert_eq!(r["metric"], w["metric"], "{what}");
            assert_eq!(r["treatment"], w["treatment"], "{what}");
            assert_eq!(r["role"], w["role"], "{what}");
            assert_eq!(r["direction"], w["direction"], "{what}");
            assert_eq!(r["outcome"], w["outcome"], "{what}");
            for (arm, key) in [
                ("control_stats", "control"),
                ("treatment_stats", "treatment_stats"),
            ] {
                assert_eq!(r[arm]["n"], w[key]["n"], "{what} {arm}");
                assert_eq!(r[arm]["left_out"], w[key]["left_out"], "{what} {arm}");
                near(
                    &format!("{what} {arm}.mean"),
                    &r[arm]["mean"],
                    &w[key]["mean"],
                );
                near(&format!("{what} {arm}.sd"), &r[arm]["sd"], &w[key]["sd"]);
            }
            near_estimate(&format!("{what} absolute"), &r["absolute"], &w["absolute"]);
            near_estimate(&format!("{what} relative"), &r["relative"], &w["relative"]);
            for key in ["t", "df", "p", "adjusted_p"] {
                near(&format!("{what} {key}"), &r[key], &w[key]);
            }
            match w.get("z") {
                Some(z) => {
                    assert_eq!(r["kind"], "binomial");
                    near(&format!("{what} z_test.z"), &r["z_test"]["z"], &z[0]);
                    near(&format!("{what} z_test.p"), &r["z_test"]["p"], &z[1]);
                }
                None => assert_eq!(r["z_test"], Value::Null, "{what}"),
            }
            near(
                &format!("{what} bayes.chance_to_beat"),
                &r["bayes"]["chance_to_beat"],
                &w["bayes"][0],
            );
            near(
                &format!("{what} bayes.expected_loss"),
                &r["bayes"]["expected_loss"],
                &w["bayes"][1],
            );
            match w.get("cuped") {
                Some(c) => {
                    let got = &r["cuped"];
                    near(&format!("{what} cuped.theta"), &got["theta"], &c["theta"]);
                    near_estimate(
                        &format!("{what} cuped.absolute"),
                        &got["absolute"],
                        &c["absolute"],
                    );
                    near(&format!("{what} cuped.p"), &got["p"], &c["p"]);
                    near(
                        &format!("{what} cuped.variance_reduction"),
                        &got["variance_reduction"],
                        &c["reduction"],
                    );
                    assert_eq!(got["left_out"], c["left_out"], "{what}");
                }
                None => assert_eq!(r["cuped"], Value::Null, "{what}"),
            }
            match w.get("sequential") {
                Some(s) => {
                    near(
                        &format!("{what} sequential.low"),
                        &r["sequential"]["low"],
                        &s[0],
                    );
                    near(
                        &format!("{what} sequential.high"),
                        &r["sequential"]["high"],
                        &s[1],
                    );
                    near(
                        &format!("{what} sequential.p"),
                        &r["sequential"]["p"],
                        &s[2],
                    );
                }
                None => assert_eq!(r["sequential"], Value::Null, "{what}"),
            }
        }
        // The verdict: withheld exactly when the split failed; never provisional here.
        let lines = |lang: &str| -> Vec<String> {
            got["verdict_text"][lang]
                .as_array()
                .expect("lines")
                .iter()
                .map(|l| l.as_str().expect("line").to_owned())
                .collect()
        };
        let (en, ko) = (lines("en"), lines("ko"));
        if srm_passed {
            assert_eq!(got["verdict"]["provisional"], false, "{what}");
            let calls = got["verdict"]["calls"].as_array().expect("calls");
            assert_eq!(calls.len(), arms.len() - 1);
            for call in calls {
                let t = call["treatment"].as_str().expect("treatment");
                assert!(
                    en.iter().any(|l| l.starts_with(&format!("{t}: "))),
                    "{what}: {en:?}"
                );
            }
            assert!(
                ko.iter()
                    .any(|l| l.contains("출시") || l.contains("결론 없음")),
                "{ko:?}"
            );
        } else {
            assert_eq!(got["verdict"], Value::Null, "{what}");
            assert_eq!(
                en.last().map(String::as_str),
                Some("No verdict: fix the failed checks first.")
            );
            assert_eq!(
                ko.last().map(String::as_str),
                Some("판정 없음: 실패한 검사를 먼저 해결하세요.")
            );
        }
    }

    // Looking before the planned size: a warning, and a provisional verdict.
    let peeking = report("peeking");
    let warning = peeking["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .find(|w| w["warning"] == "peeking")
        .expect("a peeking warning");
    assert_eq!(warning["planned_per_arm"], 5000);
    assert_eq!(
        warning["smallest_arm"],
        cases[0]["arms"]
            .as_array()
            .expect("arms")
            .iter()
            .map(|a| a["units"].as_u64().expect("n"))
            .min()
            .expect("arms")
    );
    assert_eq!(peeking["verdict"]["provisional"], true);
    assert!(
        peeking["verdict_text"]["en"][0]
            .as_str()
            .expect("line")
            .starts_with("Provisional")
    );
    // The small table: small arms, few events and an unmeasurable metric, each named.
    let few = report("few");
    let kinds: Vec<&str> = few["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .map(|w| w["warning"].as_str().expect("tag"))
        .collect();
    for kind in ["small_arm", "few_events", "unmeasurable"] {
        assert!(kinds.contains(&kind), "{kind} not in {kinds:?}");
    }
}

fn models_reference() -> Value {
    let text = std::fs::read_to_string(root().join("tests/fixtures/stats/models.json"))
        .expect("the model references are committed");
    serde_json::from_str(&text).expect("they parse")
}

/// `got` within `rel` of `want`, both JSON numbers.
fn within(what: &str, got: &Value, want: &Value, rel: f64) {
    let (g, w) = (
        got.as_f64()
            .unwrap_or_else(|| panic!("{what}: {got} is not a number")),
        want.as_f64().expect("a reference number"),
    );
    assert!((g - w).abs() <= rel * w.abs(), "{what}: {g} vs {w}");
}

#[test]
fn a_models_notebook_prints_its_reports_writes_model_files_that_predict_agrees_with() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let models = dir.path().join("models");
    let houses = format!("houses.csv={}", csv("houses.csv"));
    let churn = format!("churn.csv={}", csv("churn.csv"));
    let out = quire(&[
        "run",
        &notebook("models.quire.json"),
        "--data",
        &houses,
        "--data",
        &churn,
        "--json",
        "--rows",
        "400",
        "--models",
        &models.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json = json_of(&out);
    let reference = models_reference();

    // The linear model: statsmodels' figures for the standardised fit on the split column.
    let price = &json["cells"][1];
    assert_eq!(price["kind"], "model");
    let report = &price["model"];
    let want = &reference["ols_split_column"];
    assert_eq!(report["fit"]["fit"], "linear");
    for (j, c) in report["fit"]["coefficients"]
        .as_array()
        .expect("coefficients")
        .iter()
        .enumerate()
    {
        within(
            "estimate",
            &c["estimate"],
            &want["fit"]["estimate"][j],
            1e-9,
        );
        within("se", &c["se"], &want["fit"]["se"][j], 1e-9);
    }
    for key in ["r2", "adj_r2", "f", "aic", "bic", "log_likelihood"] {
        within(key, &report["fit"][key], &want["fit"][key], 1e-9);
    }
    assert_eq!(report["test"]["scores"], "regression");
    within(
        "rmse",
        &report["test"]["rmse"],
        &want["scores"]["rmse"],
        1e-9,
    );
    assert_eq!(report["rows"]["train"], want["train"]);
    assert_eq!(report["export"]["format"], "quire-model");
    assert!(
        report["summary_text"]["en"][0]
            .as_str()
            .expect("text")
            .contains("explain")
    );
    assert!(
        report["summary_text"]["ko"][0]
            .as_str()
            .expect("text")
            .contains("설명")
    );

    // The logistic model's test scores and confusion matrix, as scikit-learn counts them.
    let churn_report = &json["cells"][3]["model"];
    let want = &reference["logit_split_column"];
    assert_eq!(
        churn_report["test"]["confusion"],
        want["scores"]["confusion"]
    );
    within(
        "auc",
        &churn_report["test"]["auc"],
        &want["scores"]["auc"],
        1e-12,
    );

    // `--models` wrote each model; `predict` scores a CSV with it exactly as the cell did.
    let file = models.join("price_model.model.json");
    assert!(file.exists(), "{} written", file.display());
    let scored = quire(&["predict", &file.display().to_string(), &csv("houses.csv")]);
    assert_eq!(scored.status.code(), Some(0), "{}", text(&scored.stderr));
    let scored = text(&scored.stdout);
    let mut lines = scored.lines();
    let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
    assert_eq!(header.last(), Some(&"predicted"));
    let table = &price["table"];
    let columns: Vec<&str> = table["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .map(|c| c["name"].as_str().expect("name"))
        .collect();
    let at = columns
        .iter()
        .position(|c| *c == "predicted")
        .expect("a predicted column");
    let rows = table["data"].as_array().expect("rows");
    assert_eq!(rows.len(), 300);
    for (line, row) in lines.zip(rows) {
        let cell = line.rsplit(',').next().expect("a last field");
        match row[at].as_f64() {
            Some(p) => {
                let q: f64 = cell.parse().expect("a number");
                assert!((p - q).abs() <= 1e-9 * p.abs().max(1.0), "{p} vs {q}");
            }
            None => assert_eq!(cell, "", "a row the cell could not score"),
        }
    }

    // A file that is not a model, and a CSV without the model's columns: exit 2, with why.
    let bad = dir.path().join("bad.model.json");
    std::fs::write(&bad, r#"{"format": "something else"}"#).expect("written");
    let out = quire(&["predict", &bad.display().to_string(), &csv("houses.csv")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("not a Quire model file"),
        "{}",
        text(&out.stderr)
    );
    let out = quire(&["predict", &file.display().to_string(), &csv("churn.csv")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("no column \"area_m2\""),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn lang_ko_says_everything_in_korean_and_the_json_stays_the_same() {
    let data = format!("orders_semicolon.csv={}", orders_csv());
    let args = ["run", &notebook("failing.quire.json"), "--data", &data];
    let out = quire(&[&args[..], &["--lang", "ko"]].concat());
    assert_eq!(out.status.code(), Some(1));
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(stdout.contains("[broken] SQL 오류"), "{stdout}");
    assert!(stdout.contains("오류: SQL 오류(1번째 줄, "), "{stdout}");
    assert!(stdout.contains("[after] SQL 오류"), "{stdout}");
    assert!(stdout.contains("셀 3개: 성공 1개, 실패 2개"), "{stdout}");
    assert!(stdout.contains("테이블 orders: 3행, 5열"), "{stdout}");
    assert!(stdout.contains("(정수)"), "{stdout}");
    assert!(
        stderr.contains("cell broken: SQL 오류(1번째 줄, ") && !stderr.contains("SQL error"),
        "{stderr}"
    );
    // The language is global: before the command too.
    let before = quire(&[&["--lang", "ko"][..], &args[..]].concat());
    assert_eq!(text(&before.stdout), stdout);
    // JSON is for scripts: the same bytes in every language.
    let json = |lang: &str| quire(&[&args[..], &["--json", "--lang", lang]].concat()).stdout;
    assert_eq!(json("ko"), json("en"));
    // Anything but ko or en is refused.
    let out = quire(&[&args[..], &["--lang", "fr"]].concat());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_experiment_reads_in_korean() {
    let data = format!("ab_test.csv={}", csv("ab_test.csv"));
    let out = quire(&[
        "run",
        &notebook("experiment.quire.json"),
        "--data",
        &data,
        "--lang",
        "ko",
    ]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("[readout] A/B 테스트 완료"), "{stdout}");
    assert!(stdout.contains("검사 표본 비율: 통과"), "{stdout}");
    assert!(stdout.contains("그룹 control: 유닛 2039개"), "{stdout}");
    assert!(
        stdout.contains("converted new_checkout 대 control:"),
        "{stdout}"
    );
    assert!(stdout.contains("출시하세요"), "{stdout}");
    assert!(stdout.contains("그룹당 유닛 수: 13247"), "{stdout}");
    // No English but the notebook's own names (tables, columns, variants, ids).
    let own = [
        "readout",
        "control",
        "new_checkout",
        "new_banner",
        "converted",
        "revenue",
        "latency_ms",
        "ab_test",
        "plan",
        "skewed",
        "load",
        "clicks per session",
    ];
    // The first line is the notebook's title, its author's words; the schema and the grid
    // are the table's own names and values.
    let ours = stdout
        .lines()
        .skip(1)
        .filter(|l| !l.starts_with("  | ") && !l.starts_with("  열: "));
    for line in ours {
        let english: Vec<String> = quire_words::check::english_words(line)
            .into_iter()
            .filter(|w| !own.iter().any(|o| o.contains(w.as_str())))
            .collect();
        assert!(english.is_empty(), "{english:?} in {line:?}");
    }
}

#[test]
fn the_locale_decides_without_lang_and_lang_wins() {
    let args = ["run", &notebook("orders.quire.json")];
    let korean = quire_in(&[("LANG", "ko_KR.UTF-8")], &args);
    assert_eq!(korean.status.code(), Some(1));
    let stderr = text(&korean.stderr);
    assert!(
        stderr.contains("데이터 파일 \"orders_semicolon.csv\"을(를) 불러오지 않았습니다")
            && stderr.contains("--data orders_semicolon.csv=PATH"),
        "{stderr}"
    );
    // LC_ALL comes first, as gettext reads them; --lang comes before all of them.
    let english = quire_in(&[("LANG", "ko_KR.UTF-8"), ("LC_ALL", "C")], &args);
    assert!(text(&english.stderr).contains("is not loaded"));
    let english = quire_in(
        &[("LANG", "ko_KR.UTF-8")],
        &[&args[..], &["--lang", "en"]].concat(),
    );
    assert!(text(&english.stderr).contains("is not loaded"));
    // Exit code 2 says why in Korean too.
    let missing = quire_in(&[("LANG", "ko_KR.UTF-8")], &["run", "/no/such.quire.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        text(&missing.stderr).contains("파일을 읽을 수 없습니다"),
        "{}",
        text(&missing.stderr)
    );
}

#[test]
fn model_summaries_read_in_korean() {
    let houses = format!("houses.csv={}", csv("houses.csv"));
    let churn = format!("churn.csv={}", csv("churn.csv"));
    let out = quire(&[
        "run",
        &notebook("models.quire.json"),
        "--data",
        &houses,
        "--data",
        &churn,
        "--lang",
        "ko",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let summaries: Vec<&str> = stdout.lines().filter(|l| l.starts_with("  > ")).collect();
    assert!(summaries.len() >= 4, "{stdout}");
    for line in summaries {
        assert!(quire_words::check::english_words(line).is_empty(), "{line}");
    }
    assert!(stdout.contains("[price] 모델 완료"), "{stdout}");
}
