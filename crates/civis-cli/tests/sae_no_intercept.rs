//! `civis sae fh --no-intercept` against samplics fitted without intercept (the reference and
//! its script are in `crates/civis-sae/tests/fixtures`).

use std::path::PathBuf;

use civis_cli::sae_cmd::{run, FhArgs};

#[test]
fn no_intercept_option_fits_without_intercept_as_samplics() {
    let sae = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/sae");
    let args = FhArgs {
        data: sae.join("eusilcA_smpAgg.csv"),
        area: "Domain".into(),
        direct: "Mean".into(),
        variance: Some("Var_Mean".into()),
        covariates: vec!["cash".into(), "self_empl".into(), "unempl_ben".into()],
        no_intercept: true,
        aux: Some(sae.join("eusilcA_popAgg.csv")),
        join: Some("Domain".into()),
        method: "reml".into(),
        transform: "none".into(),
        mse: "analytic".into(),
        benchmark_method: "ratio".into(),
        ..Default::default()
    };
    let (rows, _) = run(&args).unwrap();
    let reference = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../civis-sae/tests/fixtures/fh_no_intercept.csv");
    let mut r = csv::Reader::from_path(reference).unwrap();
    let mut checked = 0;
    for rec in r.records() {
        let rec = rec.unwrap();
        let want: f64 = rec[2].parse().unwrap();
        let got = match &rec[0] {
            "eblup" => rows.iter().find(|a| a.area == rec[1]).unwrap().eblup,
            "mse" => rows.iter().find(|a| a.area == rec[1]).unwrap().mse,
            _ => continue,
        };
        assert!(
            ((got - want) / want).abs() < 1e-6,
            "{} [{}]: civis {got}, samplics {want}",
            &rec[0],
            &rec[1]
        );
        checked += 1;
    }
    assert_eq!(checked, 2 * 94);
    // without a covariate there is nothing to fit
    let e = run(&FhArgs {
        covariates: Vec::new(),
        ..args
    })
    .err()
    .unwrap()
    .to_string();
    assert!(e.contains("--no-intercept needs at least one"), "{e}");
}
