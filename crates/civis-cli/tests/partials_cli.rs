//! The partial sums options of `civis estimate` on the command line: `--partials-out` writes the
//! file, `--from-partials` estimates from it what `--data` gave, `--emit-sql` prints the SQL
//! (the round trips through the engines are tested in civis-pipeline's partials_engines).

use std::path::PathBuf;
use std::process::{Command, Output};

fn eusilc() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/microdata/eusilc.csv")
        .display()
        .to_string()
}

const DESIGN: [&str; 14] = [
    "--weight",
    "rb050",
    "--strata",
    "db040",
    "--psu",
    "db030",
    "--nest",
    "--mean",
    "py010n",
    "--ratio",
    "py010n/eqIncome",
    "--by",
    "rb090",
    "--quiet",
];

fn civis(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_civis"))
        .arg("estimate")
        .args(DESIGN)
        .args(args)
        .output()
        .expect("running civis")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// (domain, statistic, variable) and the numbers of each row of an estimates CSV.
fn table(csv: &str) -> Vec<(String, Vec<f64>)> {
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let header = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            let mut key = String::new();
            let mut nums = Vec::new();
            for (h, v) in header.iter().zip(rec.iter()) {
                match v.parse::<f64>() {
                    Ok(x) if h != "rb090" => nums.push(x),
                    _ => key.push_str(&format!("{h}={v};")),
                }
            }
            (key, nums)
        })
        .collect()
}

#[test]
fn partials_out_then_from_partials_gives_the_same_table() {
    let dir = std::env::temp_dir().join(format!("h18p-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let partials = dir.join("p.csv").display().to_string();
    let rows = ok(&civis(&[
        "--data",
        &eusilc(),
        "--partials-out",
        &partials,
        "--out",
        "-",
    ]));
    let merged = ok(&civis(&["--from-partials", &partials, "--out", "-"]));
    let header = std::fs::read_to_string(&partials).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(header.starts_with("stratum:db040,psu:db030,by:rb090,bad_weights:rb050,domain_rows,domain_weight,py010n:n,"), "{header}");
    let (a, b) = (table(&rows), table(&merged));
    assert_eq!(a.len(), 4, "{rows}");
    for ((ka, va), (kb, vb)) in a.iter().zip(&b) {
        assert_eq!(ka, kb);
        for (x, y) in va.iter().zip(vb) {
            assert!(
                (x - y).abs() <= 1e-12 * x.abs().max(y.abs()),
                "{ka}: {x} vs {y}"
            );
        }
    }
}

#[test]
fn emit_sql_prints_the_partial_sums_query() {
    let sql = ok(&civis(&["--emit-sql", "duckdb", "--table", "silc.persons"]));
    assert!(sql.starts_with("SELECT\n"), "{sql}");
    assert!(sql.contains("FROM silc.persons\n"), "{sql}");
    assert!(sql.contains("AS \"psu:db030\""), "{sql}");
    assert!(sql.contains("AS \"py010n/eqIncome:xy\""), "{sql}");
    let bad = civis(&["--emit-sql", "oracle"]);
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("--emit-sql `oracle`: expected postgres, spark or duckdb"),
        "{err}"
    );
    let none = civis(&[]);
    assert!(!none.status.success());
    let err = String::from_utf8_lossy(&none.stderr);
    assert!(err.contains("--data FILE is required"), "{err}");
}

/// The eusilc design of the example: means of `eqIncome` by region.
const REGIONS: [&str; 14] = [
    "estimate", "--weight", "rb050", "--strata", "db040", "--psu", "db030", "--nest", "--mean",
    "eqIncome", "--by", "db040", "--quiet", "--out",
];

/// `civis estimate` with [`REGIONS`] on `data`, its output to standard output, then `rest`.
fn regions(data: &str, rest: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_civis"))
        .args(REGIONS)
        .args(["-", "--data", data])
        .args(rest)
        .output()
        .expect("running civis");
    ok(&out)
}

/// Writing the partial sums keeps each PSU's totals instead of folding them into moments: the
/// printed estimates must not change by a digit (they did, in the last digit of SE, CV and
/// deff), whether the data come from the CSV or from a Parquet copy (civis-io's fixture).
#[test]
fn writing_partial_sums_does_not_change_the_printed_digits() {
    let dir = tempfile::Builder::new()
        .prefix("civis-partials-digits-")
        .tempdir()
        .unwrap();
    let partials = dir.path().join("p.csv").display().to_string();
    let parquet = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../civis-io/tests/columnar/eusilc.parquet")
        .display()
        .to_string();
    let csv = regions(&eusilc(), &[]);
    let written = regions(&eusilc(), &["--partials-out", &partials]);
    let from_parquet = regions(&parquet, &[]);
    let parquet_written = regions(&parquet, &["--partials-out", &partials]);
    assert_eq!(csv.lines().count(), 10, "{csv}");
    assert_eq!(written, csv);
    assert_eq!(from_parquet, csv);
    assert_eq!(parquet_written, csv);
}
