//! `civis estimate` with calibration and two-stage designs, end to end: the options read the
//! data and the totals files and give R survey's numbers (the references and the R script are in
//! `crates/civis-survey/tests/fixtures/calibration`); `--weights-out` writes weights that meet
//! the totals; bad totals fail with one sentence naming the variable and the category.

use std::path::PathBuf;
use std::process::Command;

use civis_cli::estimate_cmd::{run, CalibrationArgs, EstimateArgs, MultistageArgs};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../civis-survey/tests/fixtures/calibration")
        .join(name)
}

fn eusilc() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/microdata/eusilc.csv")
}

/// (estimate, se) of a reference row.
fn reference(case: &str, statistic: &str, variable: &str, domain: &str) -> (f64, f64) {
    let mut r = csv::Reader::from_path(fixture("reference.csv")).unwrap();
    for rec in r.records() {
        let rec = rec.unwrap();
        if &rec[0] == case && &rec[1] == statistic && &rec[2] == variable && &rec[3] == domain {
            return (
                rec[4].trim().parse().unwrap(),
                rec[5].trim().parse().unwrap(),
            );
        }
    }
    panic!("no reference {case} {statistic} {variable} [{domain}]");
}

fn base(data: PathBuf) -> EstimateArgs {
    EstimateArgs {
        data,
        delimiter: ',',
        lonely_psu: "fail".into(),
        qrule: "math".into(),
        poverty_share: vec![0.6],
        variance: "linearised".into(),
        reliability: "none".into(),
        level: 0.95,
        quiet: true,
        ..Default::default()
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-8 * b.abs()
}

/// Run and compare every row with the reference of `case` (domain "" = the whole sample).
fn check(case: &str, args: &EstimateArgs, statistic: &str, variable: &str) {
    let out = run(args).unwrap();
    assert!(!out.rows.is_empty());
    for row in &out.rows {
        let domain = row.domain.first().cloned().unwrap_or_default();
        let (est, se) = reference(case, statistic, variable, &domain);
        assert!(
            close(row.measures.estimate, est) && close(row.measures.se, se),
            "{case} {variable} [{domain}]: civis {} ({}), R {est} ({se})",
            row.measures.estimate,
            row.measures.se
        );
    }
}

fn calibrate(vars: &[&str], totals: &str, calfun: &str) -> CalibrationArgs {
    CalibrationArgs {
        calibrate: vars.iter().map(|v| v.to_string()).collect(),
        totals: Some(fixture(totals)),
        calfun: calfun.into(),
        ..Default::default()
    }
}

#[test]
fn calibrate_option_matches_r_on_eusilc() {
    let mut a = base(eusilc());
    a.weight = Some("rb050".into());
    a.strata = Some("db040".into());
    a.psu = Some("db030".into());
    a.nest = true;
    a.mean = vec!["eqIncome".into()];
    a.calibration = calibrate(&["rb090", "db040"], "totals_silc_linear.csv", "linear");
    check("silc_linear", &a, "mean", "eqIncome");
    a.by = vec!["hsize".into()];
    a.calibration.calfun = "logit:0.5,2".into();
    a.calibration.totals = Some(fixture("totals_silc_logit.csv"));
    check("silc_logit", &a, "mean", "eqIncome");
}

#[test]
fn poststratify_rake_and_jackknife_options_match_r_on_api() {
    let mut a = base(fixture("apiclus1.csv"));
    a.weight = Some("pw".into());
    a.psu = Some("dnum".into());
    a.fpc = Some("fpc".into());
    a.mean = vec!["api00".into()];
    a.by = vec!["comp.imp".into()];
    a.calibration = CalibrationArgs {
        poststratify: Some("stype".into()),
        totals: Some(fixture("totals_clus_post.csv")),
        calfun: "linear".into(),
        ..Default::default()
    };
    check("clus_post", &a, "mean", "api00");
    a.calibration = CalibrationArgs {
        rake: vec!["stype".into(), "sch.wide".into()],
        totals: Some(fixture("totals_clus_rake.csv")),
        calfun: "linear".into(),
        ..Default::default()
    };
    check("clus_rake", &a, "mean", "api00");
    // every jackknife replicate re-calibrated
    a.fpc = None;
    a.variance = "jackknife".into();
    a.calibration = calibrate(&["stype", "api99"], "totals_jk_linear.csv", "linear");
    check("jk_linear", &a, "mean", "api00");
}

#[test]
fn ssu_options_give_the_two_stage_variance_and_say_when_they_are_missing() {
    let mut a = base(fixture("apiclus2.csv"));
    a.weight = Some("pw".into());
    a.psu = Some("dnum".into());
    a.fpc = Some("fpc1".into());
    a.mean = vec!["api00".into()];
    a.by = vec!["comp.imp".into()];
    a.multistage = MultistageArgs {
        ssu: Some("snum".into()),
        fpc_ssu: Some("fpc2".into()),
        ultimate_cluster: false,
    };
    check("clus2_full", &a, "mean", "api00");
    assert!(run(&a).unwrap().notes.is_empty());
    a.multistage.ultimate_cluster = true;
    check("clus2_ultimate", &a, "mean", "api00");
    a.multistage = MultistageArgs::default();
    check("clus2_ultimate", &a, "mean", "api00");
    let notes = run(&a).unwrap().notes;
    assert!(
        notes.len() == 1 && notes[0].contains("ultimate-cluster approximation"),
        "{notes:?}"
    );
}

fn civis(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_civis"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn weights_out_meets_the_totals_and_bad_totals_name_variable_and_category() {
    let dir = std::env::temp_dir().join(format!("civis-calibration-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let weights = dir.join("weights.csv");
    let data = fixture("apistrat.csv");
    let data = data.to_str().unwrap();
    let totals = fixture("totals_strat_raking.csv");
    let out = civis(&[
        "estimate",
        "--data",
        data,
        "--weight",
        "pw",
        "--strata",
        "stype",
        "--fpc",
        "fpc",
        "--mean",
        "api00",
        "--calibrate",
        "comp.imp,sch.wide",
        "--calfun",
        "raking",
        "--totals",
        totals.to_str().unwrap(),
        "--weights-out",
        weights.to_str().unwrap(),
        "--out",
        dir.join("out.csv").to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // the weights reproduce the totals of comp.imp
    let mut w = csv::Reader::from_path(&weights).unwrap();
    let mut d = csv::Reader::from_path(fixture("apistrat.csv")).unwrap();
    let col = d
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "comp.imp")
        .unwrap();
    let mut by: std::collections::HashMap<String, f64> = Default::default();
    for (rw, rd) in w.records().zip(d.records()) {
        let (rw, rd) = (rw.unwrap(), rd.unwrap());
        *by.entry(rd[col].to_string()).or_default() += rw[3].parse::<f64>().unwrap();
    }
    let mut t = csv::Reader::from_path(&totals).unwrap();
    for rec in t.records() {
        let rec = rec.unwrap();
        if &rec[0] == "comp.imp" {
            let target: f64 = rec[2].parse().unwrap();
            assert!((by[&rec[1]] - target).abs() < 1e-8 * target, "{:?}", rec);
        }
    }
    // a category of the data missing from the totals
    let short = dir.join("short.csv");
    std::fs::write(
        &short,
        "variable,category,total\ncomp.imp,No,3000\nsch.wide,No,1000\nsch.wide,Yes,5194\n",
    )
    .unwrap();
    let out = civis(&[
        "estimate",
        "--data",
        data,
        "--weight",
        "pw",
        "--mean",
        "api00",
        "--calibrate",
        "comp.imp,sch.wide",
        "--totals",
        short.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("category `Yes` of calibration variable `comp.imp` appears in the data but not in the totals file"),
        "{err}"
    );
    // a category in the totals that no row has
    std::fs::write(
        &short,
        "variable,category,total\nstype,E,4421\nstype,H,755\nstype,M,1018\nstype,X,10\n",
    )
    .unwrap();
    let out = civis(&[
        "estimate",
        "--data",
        data,
        "--weight",
        "pw",
        "--mean",
        "api00",
        "--poststratify",
        "stype",
        "--totals",
        short.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("category `X` of calibration variable `stype` has a population total but no row of the data"),
        "{err}"
    );
    // bounds that cannot be met
    let out = civis(&[
        "estimate",
        "--data",
        data,
        "--weight",
        "pw",
        "--mean",
        "api00",
        "--calibrate",
        "comp.imp,sch.wide",
        "--calfun",
        "logit:0.99,1.01",
        "--totals",
        totals.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("cannot be met with g-weights between 0.99 and 1.01"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
