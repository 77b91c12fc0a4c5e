//! Partial sums travel: estimates from partial sums files equal the estimates from the rows
//! (1e-12 relative: estimates, standard errors, intervals, population sizes; counts, degrees
//! of freedom and flags exactly). Design effects are compared to 1e-9: R survey's formula
//! subtracts `(sum w z)^2 / W` from `sum w z^2`, which for a variable with a small coefficient
//! of variation (`logeq`) magnifies the last-digit differences of sums added in another order
//! about a thousandfold (observed: 4e-12). The `foreign-national` gap is a difference of two
//! estimates, so its estimate and interval are compared relative to the larger of the two
//! (sums added in another order differ in their last digits, which a small gap magnifies).
//!
//! - `--partials-out` of two halves of eusilc (cut inside a PSU), merged with
//!   `--from-partials`, equals the whole file under linearised, jackknife and bootstrap
//!   variances; partial sums made with other options are refused, naming the file.
//! - The SQL of `--emit-sql` run for real: in the CI's PostgreSQL over a table holding eusilc
//!   (`CIVIS_TEST_POSTGRES`; the test creates and drops its own `h18p_` table), in Apache Spark
//!   (PySpark, local mode) and in DuckDB over a Parquet copy written by pyarrow
//!   (`tests/engines/run_partials.py`). Each skips when its engine is missing, unless
//!   `CIVIS_REQUIRE_POSTGRES` / `CIVIS_REQUIRE_SPARK` / `CIVIS_REQUIRE_DUCKDB` is set.
//!
//! The definitions exercise the translation: `in`, text comparison, `if`, `round(x, 2)`,
//! `max`, `log` of zero incomes (missing values), division; the filter `and`, `is not missing`.

mod eusilc;

use std::path::{Path, PathBuf};
use std::process::Command;

use civis_frame::Column;
use civis_pipeline::{Dialect, EstimateBuilder, Measure, VarianceMethod};
use civis_survey::{EstimateRow, QuantileRule, ReliabilityRule};
use eusilc::{eusilc, on_design};

fn builder(data: &Path, variance: &str, by: &[&str]) -> EstimateBuilder {
    let mut b = on_design(data);
    b.define("monthly = round(max(py010n, 0) / 12, 2)")
        .define("logeq = log(eqIncome - 2000)")
        .filter("age >= 16 and pl030 is not missing")
        .measure(Measure::Total("py050n".into()))
        .measure(Measure::Mean("emp".into()))
        .measure(Measure::Mean("monthly".into()))
        .measure(Measure::Mean("logeq".into()))
        .measure(Measure::Total("emp".into()))
        .measure(Measure::Ratio("py010n".into(), "eqIncome".into()))
        .variance(variance.parse::<VarianceMethod>().unwrap())
        .reliability(ReliabilityRule::Silc);
    for v in by {
        b.by(v);
    }
    if by.contains(&"foreign") {
        b.contrast("foreign", "foreign-national");
    }
    b
}

const BY: [&str; 2] = ["foreign", "rb090"];

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a == b || (a - b).abs() <= tol * a.abs().max(b.abs())
}

/// The scale a row's estimate is compared at: the estimate, or for a gap the larger of the two
/// estimates it is the difference of.
fn scale(rows: &[EstimateRow], r: &EstimateRow) -> f64 {
    if r.domain[0] != "foreign-national" {
        return r.measures.estimate.abs();
    }
    rows.iter()
        .filter(|o| {
            o.statistic == r.statistic
                && o.variable == r.variable
                && o.domain[1..] == r.domain[1..]
                && (o.domain[0] == "foreign" || o.domain[0] == "national")
        })
        .map(|o| o.measures.estimate.abs())
        .fold(r.measures.estimate.abs(), f64::max)
}

fn same(merged: &[EstimateRow], rows: &[EstimateRow], what: &str) {
    assert_eq!(merged.len(), rows.len(), "{what}: row count");
    assert!(rows.len() > 20, "{what}: {} rows", rows.len());
    for (m, r) in merged.iter().zip(rows) {
        let at = format!("{what}: {:?} {} {}", r.domain, r.statistic, r.variable);
        let k = scale(rows, r);
        let near = |x: f64, y: f64| x == y || (x - y).abs() <= 1e-12 * k;
        assert_eq!(
            (
                &m.domain,
                &m.statistic,
                &m.variable,
                m.n,
                m.reliability,
                m.df
            ),
            (
                &r.domain,
                &r.statistic,
                &r.variable,
                r.n,
                r.reliability,
                r.df
            ),
            "{at}"
        );
        // every measure but the CV, which is se / |estimate| of the two compared here
        let pairs = m.measures.named().into_iter().zip(r.measures.named());
        for ((name, x), (_, y)) in pairs.filter(|p| p.0 .0 != "cv") {
            let tol = if name == "deff" { 1e-9 } else { 1e-12 };
            let gap_scaled = matches!(name, "estimate" | "ci_low" | "ci_high") && near(x, y);
            assert!(
                close(x, y, tol) || gap_scaled,
                "{at}: {name} {x} (partials) vs {y} (rows)"
            );
        }
    }
    let worst = |f: fn(&EstimateRow) -> f64, gap: bool| {
        merged
            .iter()
            .zip(rows)
            .map(|(m, r)| {
                let k = if gap { scale(rows, r) } else { 0.0 };
                (f(m) - f(r)).abs() / f(m).abs().max(f(r).abs()).max(k)
            })
            .filter(|d| d.is_finite())
            .fold(0.0, f64::max)
    };
    eprintln!(
        "{what}: largest relative differences: estimate {:.1e} (gaps: of the larger estimate), se {:.1e}, deff {:.1e}",
        worst(|r| r.measures.estimate, true),
        worst(|r| r.measures.se, false),
        worst(|r| r.measures.deff, false)
    );
}

/// A scratch directory of this test process, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("h18p-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
    fn path(&self, f: &str) -> PathBuf {
        self.0.join(f)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn rows_of(b: &EstimateBuilder) -> Vec<EstimateRow> {
    b.build().unwrap().run(None).unwrap().rows
}

fn from_partials(variance: &str, files: &[PathBuf]) -> Vec<EstimateRow> {
    let mut b = builder(Path::new(""), variance, &BY);
    for f in files {
        b.from_partials(f);
    }
    rows_of(&b)
}

/// eusilc cut in two at a line inside a PSU.
fn halves(s: &Scratch) -> [PathBuf; 2] {
    let text = std::fs::read_to_string(eusilc()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let psu = |l: &str| l.split(',').next().unwrap().to_string();
    let mut cut = lines.len() / 2;
    while psu(lines[cut]) != psu(lines[cut - 1]) {
        cut += 1;
    }
    let [a, b] = [s.path("a.csv"), s.path("b.csv")];
    std::fs::write(&a, lines[..cut].join("\n") + "\n").unwrap();
    let second: Vec<&str> = std::iter::once(lines[0])
        .chain(lines[cut..].iter().copied())
        .collect();
    std::fs::write(&b, second.join("\n") + "\n").unwrap();
    [a, b]
}

#[test]
fn partials_of_two_halves_merge_to_the_whole_file() {
    let s = Scratch::new("halves");
    let parts = halves(&s);
    for variance in ["linearised", "jackknife", "bootstrap:50:11"] {
        let files: Vec<PathBuf> = (0..2).map(|i| s.path(&format!("p{i}.csv"))).collect();
        for (data, out) in parts.iter().zip(&files) {
            let mut b = builder(data, variance, &BY);
            b.partials_out(out);
            rows_of(&b);
        }
        let whole = rows_of(&builder(&eusilc(), variance, &BY));
        same(&from_partials(variance, &files), &whole, variance);
        // partials of merged partials merge again
        let mut b = builder(Path::new(""), variance, &BY);
        b.from_partials(&files[0]).from_partials(&files[1]);
        b.partials_out(s.path("merged.csv"));
        rows_of(&b);
        same(
            &from_partials(variance, &[s.path("merged.csv")]),
            &whole,
            variance,
        );
    }
}

#[test]
fn partials_made_with_other_options_are_refused_naming_the_file() {
    let s = Scratch::new("mismatch");
    let (ours, other) = (s.path("ours.csv"), s.path("other.csv"));
    let mut b = builder(&eusilc(), "linearised", &BY);
    b.partials_out(&ours);
    rows_of(&b);
    let mut b = builder(&eusilc(), "linearised", &["db040"]);
    b.partials_out(&other);
    rows_of(&b);
    let mut b = builder(Path::new(""), "linearised", &BY);
    b.from_partials(&ours).from_partials(&other);
    let err = b
        .build()
        .unwrap()
        .run(None)
        .err()
        .expect("mismatch refused");
    let msg = err.to_string();
    assert!(msg.contains(&other.display().to_string()), "{msg}");
    assert!(msg.contains("`by:db040`, expected `by:foreign`"), "{msg}");
    // a quantile cannot be summed
    let mut b = builder(&eusilc(), "linearised", &BY);
    b.measure(Measure::Quantile("py010n".into(), 0.5, QuantileRule::Math));
    let err = b
        .build()
        .unwrap()
        .partials_sql(Dialect::Postgres, "microdata");
    assert!(err.err().unwrap().to_string().contains("partial sums"));
}

#[test]
fn remainder_has_no_exact_postgres_translation() {
    let mut b = builder(&eusilc(), "linearised", &BY);
    b.define("odd = age % 2")
        .measure(Measure::Mean("odd".into()));
    let err = b
        .build()
        .unwrap()
        .partials_sql(Dialect::Postgres, "microdata");
    let msg = err.err().unwrap().to_string();
    assert!(msg.contains("--define odd") && msg.contains('%'), "{msg}");
    let sql = b
        .build()
        .unwrap()
        .partials_sql(Dialect::Spark, "microdata")
        .unwrap();
    assert!(sql.contains("% NULLIF("), "{sql}");
}

/// Whether a required engine is missing: skip, or fail when `CIVIS_REQUIRE_<ENGINE>` is set.
fn missing(engine: &str, why: &str) {
    let var = format!("CIVIS_REQUIRE_{engine}");
    if std::env::var_os(&var).is_some() {
        panic!("{var} is set but {why}");
    }
    eprintln!("skipped: {why}");
}

/// Runs psql with one command; stdout on success.
fn psql(url: &str, command: &str) -> String {
    let out = Command::new("psql")
        .args([url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", command])
        .output()
        .expect("running psql");
    assert!(
        out.status.success(),
        "psql failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Drops the test's table, however the test ends.
struct Table<'a> {
    url: &'a str,
    name: String,
}

impl Drop for Table<'_> {
    fn drop(&mut self) {
        let _ = Command::new("psql")
            .args([
                self.url,
                "-X",
                "-q",
                "-c",
                &format!("DROP TABLE IF EXISTS {}", self.name),
            ])
            .output();
    }
}

#[test]
fn postgres_runs_the_emitted_sql() {
    let Ok(url) = std::env::var("CIVIS_TEST_POSTGRES") else {
        return missing("POSTGRES", "CIVIS_TEST_POSTGRES is not set");
    };
    if Command::new("psql").arg("--version").output().is_err() {
        return missing("POSTGRES", "psql is not installed");
    }
    let table = Table {
        url: &url,
        name: format!("h18p_eusilc_{}", std::process::id()),
    };
    // the CSV's columns, typed as civis reads them
    let frame = civis_io::read_csv(&eusilc(), &Default::default()).unwrap();
    let names = frame.names();
    let cols: Vec<String> = names
        .iter()
        .map(|n| {
            let ty = match frame.column(n).unwrap() {
                Column::Num(_) => "DOUBLE PRECISION",
                Column::Str(_) => "TEXT",
            };
            format!("\"{n}\" {ty}")
        })
        .collect();
    psql(
        &url,
        &format!("CREATE TABLE {} ({})", table.name, cols.join(", ")),
    );
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    psql(
        &url,
        &format!(
            "\\copy {} FROM '{}' WITH (FORMAT csv, HEADER true, FORCE_NULL ({}))",
            table.name,
            eusilc().display(),
            quoted.join(", ")
        ),
    );
    let s = Scratch::new("postgres");
    let b = builder(&eusilc(), "linearised", &BY);
    let sql = b
        .build()
        .unwrap()
        .partials_sql(Dialect::Postgres, &table.name)
        .unwrap();
    let copy = format!(
        "COPY ({}) TO STDOUT WITH (FORMAT csv, HEADER true)",
        sql.trim().trim_end_matches(';')
    );
    let file = s.path("pg.csv");
    std::fs::write(&file, psql(&url, &copy)).unwrap();
    compare_variances(&file);
    // a weight missing in the table reaches the partial sums, and is refused there
    psql(
        &url,
        &format!(
            "UPDATE {t} SET rb050 = NULL WHERE ctid = (SELECT ctid FROM {t} WHERE db030 = 3 LIMIT 1)",
            t = table.name
        ),
    );
    std::fs::write(&file, psql(&url, &copy)).unwrap();
    let mut b = builder(Path::new(""), "linearised", &BY);
    b.from_partials(&file);
    let msg = b.build().unwrap().run(None).err().unwrap().to_string();
    assert!(
        msg.contains(&file.display().to_string())
            && msg.contains(
                "1 rows of this group have a missing, negative or infinite weight `rb050`"
            ),
        "{msg}"
    );
}

/// The partial sums do not depend on the variance method: one file, every method.
fn compare_variances(file: &Path) {
    for variance in ["linearised", "jackknife"] {
        let rows = rows_of(&builder(&eusilc(), variance, &BY));
        same(
            &from_partials(variance, &[file.to_path_buf()]),
            &rows,
            variance,
        );
    }
}

/// Runs the emitted SQL in `engine` (spark or duckdb) through the Python helper.
fn python_engine(engine: &str, module: &str, dialect: Dialect) {
    let probe = Command::new("python3")
        .args(["-c", &format!("import {module}, pyarrow")])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        return missing(
            &engine.to_uppercase(),
            &format!("python3 cannot import {module} and pyarrow"),
        );
    }
    let s = Scratch::new(engine);
    let helper = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/engines/run_partials.py");
    let b = builder(&eusilc(), "linearised", &BY);
    let sql = b
        .build()
        .unwrap()
        .partials_sql(dialect, "microdata")
        .unwrap();
    let (query, out) = (s.path("query.sql"), s.path("partials.csv"));
    std::fs::write(&query, sql).unwrap();
    let run = Command::new("python3")
        .arg(&helper)
        .arg(engine)
        .arg(eusilc())
        .arg(&query)
        .arg(s.path("eusilc.parquet"))
        .arg(&out)
        .current_dir(&s.0)
        .output()
        .expect("running python3");
    assert!(
        run.status.success(),
        "{engine} failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    compare_variances(&out);
}

#[test]
fn spark_runs_the_emitted_sql() {
    if Command::new("java").arg("-version").output().is_err() {
        return missing("SPARK", "java is not installed");
    }
    python_engine("spark", "pyspark", Dialect::Spark);
}

#[test]
fn duckdb_runs_the_emitted_sql() {
    python_engine("duckdb", "duckdb", Dialect::DuckDb);
}
