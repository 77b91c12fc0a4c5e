//! `civis sae fh --spatial` with districts that have no direct estimate: the SAR process runs
//! over all 94 districts, the 24 without a direct estimate get the spatial EBLUP and its MSE
//! (analytic: equal to the independent R implementation in
//! `crates/civis-sae/tests/reference/`; `--mse bootstrap:B:SEED`: filled and reproducible).

use std::collections::HashMap;
use std::path::PathBuf;

use civis_cli::sae_cmd::{run, AreaRow, FhArgs};

fn sae_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/sae")
}

/// The direct estimates of the 70 districts with unit-level sample, in a scratch file.
fn sampled_districts() -> PathBuf {
    let units = csv::Reader::from_path(sae_dir().join("eusilcA_smp.csv"))
        .unwrap()
        .deserialize::<HashMap<String, String>>()
        .map(|r| r.unwrap()["district"].clone())
        .collect::<std::collections::HashSet<_>>();
    let mut rdr = csv::Reader::from_path(sae_dir().join("eusilcA_smpAgg.csv")).unwrap();
    let dir = std::env::temp_dir().join(format!("civis-sae-spatial-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("smp70.csv");
    let mut w = csv::Writer::from_path(&path).unwrap();
    w.write_record(rdr.headers().unwrap()).unwrap();
    let mut kept = 0;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        if units.contains(&rec[0]) {
            w.write_record(&rec).unwrap();
            kept += 1;
        }
    }
    w.flush().unwrap();
    assert_eq!(kept, 70);
    path
}

fn spatial(data: PathBuf, mse: &str) -> Vec<AreaRow> {
    run(&FhArgs {
        data,
        area: "Domain".into(),
        direct: "Mean".into(),
        variance: Some("Var_Mean".into()),
        covariates: vec!["cash".into(), "self_empl".into(), "unempl_ben".into()],
        aux: Some(sae_dir().join("eusilcA_popAgg.csv")),
        join: Some("Domain".into()),
        spatial: Some(sae_dir().join("eusilcA_prox.csv")),
        method: "reml".into(),
        transform: "none".into(),
        mse: mse.into(),
        benchmark_method: "ratio".into(),
        ..Default::default()
    })
    .unwrap()
    .0
}

#[test]
fn unsampled_districts_get_the_spatial_eblup_and_its_mse() {
    let data = sampled_districts();
    let rows = spatial(data.clone(), "analytic");
    assert_eq!(rows.len(), 94);
    let mut want: HashMap<(String, String), f64> = HashMap::new();
    let reference = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../civis-sae/tests/reference/sfh_out_of_sample.csv");
    for rec in csv::Reader::from_path(reference).unwrap().records() {
        let rec = rec.unwrap();
        if &rec[1] == "REML" {
            want.insert(
                (rec[2].to_string(), rec[3].to_string()),
                rec[4].parse().unwrap(),
            );
        }
    }
    let out: Vec<&AreaRow> = rows.iter().filter(|r| !r.in_sample).collect();
    assert_eq!(out.len(), 24);
    for r in &rows {
        for (q, got) in [("eblup", r.eblup), ("mse", r.mse)] {
            let w = want[&(q.to_string(), r.area.clone())];
            assert!(
                (got - w).abs() <= 1e-8 * w.abs(),
                "{} {q}: {got} vs {w}",
                r.area
            );
        }
    }
    // the bootstrap fills every MSE, the same seed gives the same numbers
    let boot = spatial(data.clone(), "bootstrap:20:5");
    assert!(boot.iter().all(|r| r.mse.is_finite() && r.mse > 0.0));
    let again = spatial(data, "bootstrap:20:5");
    let mses = |rows: &[AreaRow]| rows.iter().map(|r| r.mse).collect::<Vec<_>>();
    assert_eq!(mses(&boot), mses(&again));
}
