//! `civis sae unit` end to end: the BHF EBLUPs of every district through the command against
//! R (`crates/civis-sae/tests/fixtures/unit/bhf_districts.csv`, made by the R script beside it),
//! the output and model files, bad input (one sentence naming the file, column or option, a
//! non-zero exit, no output left behind). The unit-level district dataset of the default
//! database is tested in `crates/civis-pipeline/tests/seed_districts.rs`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const COVS: &str = "eqsize,cash,self_empl,unempl_ben,age_ben,surv_ben,sick_ben,dis_ben,rent,fam_allow,house_allow,cap_inv,tax_adj";

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

/// A fresh directory for one test, removed with its files when the guard drops (also when
/// the test fails).
fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("civis-saeunit-{name}-"))
        .tempdir()
        .unwrap()
}

fn civis(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_civis"))
        .args(args)
        .output()
        .expect("run civis")
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn unit_args<'a>(smp: &'a str, pop: &'a str, out: &'a str) -> Vec<&'a str> {
    vec![
        "sae",
        "unit",
        "--sample",
        smp,
        "--population",
        pop,
        "--area",
        "district",
        "--y",
        "eqIncome",
        "--covariates",
        COVS,
        "--out",
        out,
    ]
}

#[test]
fn bhf_eblups_of_every_district_match_r_through_the_command() {
    let dir_guard = scratch("bhf");
    let dir = dir_guard.path().to_path_buf();
    let (out, model) = (dir.join("est.csv"), dir.join("model.json"));
    let smp = data_dir().join("sae/eusilcA_smp.csv");
    let pop = data_dir().join("sae/eusilcA_pop.csv");
    let mut args = unit_args(path(&smp), path(&pop), path(&out));
    args.extend(["--mse", "analytic", "--model-out", path(&model)]);
    let o = civis(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut r = csv::Reader::from_path(&out).unwrap();
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "area",
            "indicator",
            "estimate",
            "mse",
            "cv",
            "n",
            "in_sample",
            "flags"
        ]
    );
    let got: HashMap<String, csv::StringRecord> = r
        .records()
        .map(|x| x.unwrap())
        .map(|x| (x[0].to_string(), x))
        .collect();
    assert_eq!(got.len(), 94);
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../civis-sae/tests/fixtures/unit/bhf_districts.csv");
    let mut want = csv::Reader::from_path(fixtures).unwrap();
    for w in want.records().map(|x| x.unwrap()) {
        let g = &got[&w[0]];
        let rel = |a: &str, b: &str| {
            let (a, b): (f64, f64) = (a.parse().unwrap(), b.parse().unwrap());
            (a - b).abs() / b.abs()
        };
        assert_eq!(&g[1], "mean");
        assert!(
            rel(&g[2], &w[4]) < 1e-6,
            "{}: {} vs R {}",
            &w[0],
            &g[2],
            &w[4]
        );
        assert!(
            rel(&g[3], &w[8]) < 1e-6,
            "{}: MSE {} vs R {}",
            &w[0],
            &g[3],
            &w[8]
        );
        assert_eq!(&g[5], &w[1]);
        assert_eq!(&g[6], if &w[1] == "0" { "false" } else { "true" });
    }
    let m: serde_json::Value = serde_json::from_slice(&std::fs::read(&model).unwrap()).unwrap();
    assert!(m["beta"]["(Intercept)"].as_f64().unwrap() > 0.0);
    assert_eq!(m["beta_se"].as_object().unwrap().len(), 14);
    for key in ["sigma2_u", "sigma2_e", "log_likelihood"] {
        assert!(m[key].as_f64().unwrap().is_finite(), "{key}");
    }
    let d = &m["diagnostics"];
    assert!(d["residuals"]["shapiro_p"].as_f64().is_some());
    assert!(d["random_effects"]["shapiro_w"].as_f64().is_some());
    assert!(d["r2_marginal"].as_f64().unwrap() < d["r2_conditional"].as_f64().unwrap());
}

/// Each bad input: the exit status, the one-line message, and no output file.
#[test]
fn bad_input_is_one_sentence_and_leaves_nothing() {
    let dir_guard = scratch("bad");
    let dir = dir_guard.path().to_path_buf();
    let out = dir.join("est.csv");
    let smp = data_dir().join("sae/eusilcA_smp.csv");
    let pop = data_dir().join("sae/eusilcA_pop.csv");
    // a population without `cash`, and one without the district Wien
    let text = std::fs::read_to_string(&pop).unwrap();
    let no_cash = dir.join("no_cash.csv");
    std::fs::write(&no_cash, text.replace("\"cash\"", "\"cash_income\"")).unwrap();
    let no_wien = dir.join("no_wien.csv");
    let kept: Vec<&str> = text.lines().filter(|l| !l.contains("\"Wien\"")).collect();
    std::fs::write(&no_wien, kept.join("\n")).unwrap();
    let exact = dir.join("exact.csv");
    std::fs::write(&exact, "area,y,x\na,1,1\na,2,2\nb,3,3\nb,5,5\nc,4,4\n").unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            unit_args(path(&smp), path(&no_cash), path(&out)),
            "no_cash.csv: no column named `cash`",
        ),
        (
            unit_args(path(&smp), path(&no_wien), path(&out)),
            "area `Wien` of",
        ),
        (
            {
                let mut a = unit_args(path(&smp), path(&pop), path(&out));
                a[11] = "cash,gender";
                a
            },
            "eusilcA_smp.csv: line 2, column 2 (gender): `male` is not a number",
        ),
        (
            {
                let mut a = unit_args(path(&smp), path(&pop), path(&out));
                a.extend(["--transform", "sqrt"]);
                a
            },
            "--transform sqrt: expected none, log, log-shift or boxcox",
        ),
        (
            {
                let mut a = unit_args(path(&smp), path(&pop), path(&out));
                a.extend(["--indicators", "hcr", "--mse", "analytic"]);
                a
            },
            "the analytic MSE exists for the mean without transformation",
        ),
        (
            vec![
                "sae",
                "unit",
                "--sample",
                path(&exact),
                "--population",
                path(&exact),
                "--area",
                "area",
                "--y",
                "y",
                "--covariates",
                "x",
                "--out",
                path(&out),
            ],
            "the model did not converge",
        ),
    ];
    for (args, expected) in cases {
        let o = civis(&args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success(), "{args:?} succeeded");
        assert!(err.contains(expected), "{args:?}: {err}");
        assert_eq!(
            err.lines().filter(|l| l.starts_with("error:")).count(),
            1,
            "{err}"
        );
        assert!(!out.exists(), "{args:?} left {}", out.display());
    }
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(left.is_empty());
}

/// `--benchmark ratio`: the population-weighted average of the district means equals the
/// weighted national mean of the sample (Hajek), the default target.
#[test]
fn ratio_benchmark_hits_the_national_direct_mean() {
    let dir_guard = scratch("bench");
    let dir = dir_guard.path().to_path_buf();
    let out = dir.join("est.csv");
    let smp = data_dir().join("sae/eusilcA_smp.csv");
    let pop = data_dir().join("sae/eusilcA_pop.csv");
    let mut args = unit_args(path(&smp), path(&pop), path(&out));
    args.extend([
        "--weight",
        "weight",
        "--transform",
        "log",
        "--L",
        "10",
        "--benchmark",
        "ratio",
    ]);
    let o = civis(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut r = csv::Reader::from_path(&smp).unwrap();
    let h = r.headers().unwrap().clone();
    let (yi, wi) = (
        h.iter().position(|c| c == "eqIncome").unwrap(),
        h.iter().position(|c| c == "weight").unwrap(),
    );
    let (mut wy, mut w) = (0.0, 0.0);
    for rec in r.records().map(|x| x.unwrap()) {
        let (y, wt): (f64, f64) = (rec[yi].parse().unwrap(), rec[wi].parse().unwrap());
        wy += wt * y;
        w += wt;
    }
    let mut sizes: HashMap<String, f64> = HashMap::new();
    let mut p = csv::Reader::from_path(&pop).unwrap();
    let di = p
        .headers()
        .unwrap()
        .iter()
        .position(|c| c == "district")
        .unwrap();
    for rec in p.records().map(|x| x.unwrap()) {
        *sizes.entry(rec[di].to_string()).or_default() += 1.0;
    }
    let total: f64 = sizes.values().sum();
    let mut est = csv::Reader::from_path(&out).unwrap();
    let avg: f64 = est
        .records()
        .map(|x| x.unwrap())
        .map(|x| sizes[&x[0]] / total * x[2].parse::<f64>().unwrap())
        .sum();
    assert!((avg - wy / w).abs() < 1e-9 * avg, "{avg} vs {}", wy / w);
}
