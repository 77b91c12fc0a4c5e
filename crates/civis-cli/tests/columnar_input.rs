//! `--data` takes Parquet and Arrow IPC files: `civis estimate` (the streaming path and the
//! whole-file path) and `civis indicators` give byte for byte the output they give on the CSV
//! the files were written from (civis-io's fixtures, written by pyarrow from eusilc.csv by
//! `crates/civis-io/tests/columnar/make_fixtures.py`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn civis(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_civis"))
        .args(args)
        .output()
        .expect("run civis")
}

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../civis-io/tests/columnar")
        .join(name)
        .display()
        .to_string()
}

fn eusilc() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/microdata/eusilc.csv")
}

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("civis-columnar-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch");
    d
}

/// eusilc.csv cut down to the columns of a fixture (fields copied as they are), so that
/// `civis indicators` finds the same variables in both files.
fn csv_with(columns: &[&str], out: &Path) -> String {
    let mut r = csv::Reader::from_path(eusilc()).expect("eusilc");
    let header = r.headers().expect("header").clone();
    let at: Vec<usize> = columns
        .iter()
        .map(|c| header.iter().position(|h| h == *c).expect(c))
        .collect();
    let mut w = csv::Writer::from_path(out).expect("write");
    w.write_record(columns).expect("header");
    for rec in r.records() {
        let rec = rec.expect("record");
        w.write_record(at.iter().map(|&i| &rec[i])).expect("row");
    }
    w.flush().expect("flush");
    out.display().to_string()
}

/// Runs civis with `--data data` after `command` and the rest, and returns what it wrote.
fn output(command: &str, data: &str, rest: &[&str], out: &Path) -> String {
    let out_s = out.display().to_string();
    let mut args = vec![command, "--data", data];
    args.extend(rest);
    args.extend(["--out", &out_s]);
    let o = civis(&args);
    assert!(
        o.status.success(),
        "civis {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::read_to_string(out).expect("read output")
}

const DESIGN: [&str; 7] = [
    "--weight", "rb050", "--strata", "db040", "--psu", "db030", "--nest",
];

#[test]
fn estimate_from_parquet_and_feather_equals_estimate_from_csv() {
    let dir = scratch("estimate");
    let csv = eusilc().display().to_string();
    let emp = "emp = if(pl030 in (1, 2), 1, 0)";
    let foreign = "foreign = if(pb220a == \"AT\", \"national\", \"foreign\")";
    let common = [
        "--define",
        emp,
        "--define",
        foreign,
        "--where",
        "age >= 16",
        "--by",
        "foreign,rb090",
    ];
    // streaming (totals, means, ratios; a contrast) and whole-file (median, ARPR) paths
    let streaming = [
        "--mean",
        "emp,age",
        "--total",
        "emp",
        "--contrast",
        "foreign:foreign-national",
    ];
    let parquet_only = ["--mean", "eqIncome", "--ratio", "eqIncome/age"];
    let whole = ["--quantile", "eqIncome@0.5", "--arpr", "eqIncome"];
    let cases: Vec<(&str, Vec<&str>)> = vec![
        ("eusilc.parquet", streaming.to_vec()),
        ("eusilc.parquet", parquet_only.to_vec()),
        ("eusilc.parquet", whole.to_vec()),
        ("eusilc.feather", streaming.to_vec()),
        ("eusilc.feather", vec!["--mean", "emp", "--in-memory"]),
        (
            "eusilc.feather",
            vec!["--mean", "emp", "--variance", "bootstrap:50:7"],
        ),
    ];
    for (file, measures) in cases {
        let mut rest: Vec<&str> = DESIGN.to_vec();
        rest.extend(common);
        rest.extend(&measures);
        let from_csv = output("estimate", &csv, &rest, &dir.join("csv.csv"));
        let columnar = output("estimate", &fixture(file), &rest, &dir.join("col.csv"));
        assert!(from_csv.lines().count() > 4, "{from_csv}");
        assert_eq!(columnar, from_csv, "{file} {measures:?}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn indicators_from_parquet_equal_indicators_from_the_same_columns_in_csv() {
    let dir = scratch("indicators");
    let cols = [
        "db030", "db040", "rb090", "pb220a", "pl030", "age", "eqIncome", "rb050",
    ];
    let csv = csv_with(&cols, &dir.join("eusilc8.csv"));
    let rest = [
        "--source",
        "eu-silc",
        "--map",
        "equivalised_income=eqIncome",
        "--country",
        "AT",
        "--geo",
        "db040",
        "--groups",
        "citizenship",
        "--lonely-psu",
        "adjust",
    ];
    let from_csv = output("indicators", &csv, &rest, &dir.join("csv.csv"));
    let parquet = output(
        "indicators",
        &fixture("eusilc.parquet"),
        &rest,
        &dir.join("parquet.csv"),
    );
    assert!(from_csv.contains("arop_rate") && from_csv.contains("employment_rate"));
    assert_eq!(parquet, from_csv);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_missing_or_unreadable_column_names_the_file() {
    let parquet = fixture("eusilc.parquet");
    let mut args = vec!["estimate", "--data", &parquet];
    args.extend(DESIGN);
    args.extend(["--mean", "py010n"]);
    let o = civis(&args);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("eusilc.parquet") && err.contains("py010n"),
        "{err}"
    );
    let edge = fixture("edge.arrows");
    let o = civis(&["estimate", "--data", &edge, "--mean", "flag"]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("edge.arrows: column `flag` has type Boolean"),
        "{err}"
    );
}
