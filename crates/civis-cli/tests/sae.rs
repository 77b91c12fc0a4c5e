//! `civis sae fh` end to end: in a pipeline after `civis indicators`, with benchmarking, and the
//! file route against the in-memory one. The model against R sae, samplics and the known truth
//! of the synthetic Austrian population is tested in `crates/civis-pipeline/tests/fay_herriot.rs`.

use std::collections::HashMap;
use std::path::PathBuf;

use civis_cli::estimate_cmd::{self, EstimateArgs};
use civis_cli::indicators_cmd::{self, IndicatorsArgs};
use civis_cli::sae_cmd::{run, AreaRow, FhArgs};

#[path = "../../civis-pipeline/tests/emdi/mod.rs"]
mod emdi;
use emdi::{direct_district_means, sae_dir};

fn fh(data: PathBuf) -> FhArgs {
    FhArgs {
        data,
        area: "Domain".into(),
        direct: "Mean".into(),
        method: "reml".into(),
        transform: "none".into(),
        mse: "analytic".into(),
        benchmark_method: "ratio".into(),
        ..Default::default()
    }
}

/// A fresh directory for one test, removed with its files when the guard drops (also when
/// the test fails).
fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("civis-sae-{name}-"))
        .tempdir()
        .unwrap()
}

#[test]
fn pipeline_from_civis_indicators_and_benchmarking() {
    let dir_guard = scratch("pipeline");
    let dir = dir_guard.path().to_path_buf();
    let eusilc =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/microdata/eusilc.csv");
    let rows = indicators_cmd::run(&IndicatorsArgs {
        data: eusilc.clone(),
        delimiter: ',',
        source: "eu-silc".into(),
        maps: vec!["equivalised_income=eqIncome".into()],
        geo: Some("db040".into()),
        country: Some("AT".into()),
        groups: "citizenship".into(),
        indicators: "arop_rate".into(),
        variance: "linearised".into(),
        reliability: "silc".into(),
        lonely_psu: "adjust".into(),
        ..Default::default()
    })
    .unwrap();
    let ind_csv = dir.join("ind.csv");
    indicators_cmd::write(&rows, Some(&ind_csv)).unwrap();
    // a state-level covariate and population sizes, from the same microdata
    let aux = estimate_cmd::run(&EstimateArgs {
        data: eusilc,
        delimiter: ',',
        weight: Some("rb050".into()),
        defines: vec!["one = 1".into()],
        total: vec!["one".into()],
        by: vec!["db040".into()],
        lonely_psu: "fail".into(),
        qrule: "math".into(),
        poverty_share: vec![0.6],
        variance: "linearised".into(),
        reliability: "none".into(),
        level: 0.95,
        ..Default::default()
    })
    .unwrap();
    let aux_csv = dir.join("aux.csv");
    civis_cli::output::write_file(&aux_csv, &aux.by, &aux.rows).unwrap();
    let national = rows
        .iter()
        .find(|r| r.indicator == "arop_rate" && r.geo == "AT" && r.group == "TOTAL" && r.sex == "T")
        .unwrap()
        .measures
        .estimate;
    let (out, summary) = run(&FhArgs {
        where_: Some(
            r#"indicator == "arop_rate" and group == "TOTAL" and sex == "T" and geo != "AT""#
                .into(),
        ),
        area: "geo".into(),
        direct: "estimate".into(),
        se: Some("se".into()),
        covariates: vec!["pop".into()],
        aux: Some(aux_csv),
        join: Some("db040".into()),
        percent: true,
        benchmark: Some(national),
        shares: Some("estimate".into()),
        ..fh(ind_csv)
    })
    .unwrap();
    assert_eq!(out.len(), 9);
    assert!(summary.lines[0].starts_with("Fay-Herriot (REML)"));
    // benchmarked estimates add up (population-weighted) to the national rate
    let pops: HashMap<String, f64> = aux
        .rows
        .iter()
        .map(|r| (r.domain[0].clone(), r.measures.estimate))
        .collect();
    let total: f64 = pops.values().sum();
    let weighted: f64 = out
        .iter()
        .map(|r| r.benchmarked.unwrap() * pops[&r.area] / total)
        .sum();
    assert!(
        (weighted - national).abs() < 1e-9,
        "{weighted} vs {national}"
    );
}

/// Every number of two runs, bit for bit (NaN included: the direct estimate of an area
/// without sample).
fn same_rows(a: &[AreaRow], b: &[AreaRow]) {
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(b) {
        let bits = |r: &AreaRow| {
            [
                r.direct,
                r.direct_se,
                r.eblup,
                r.mse,
                r.rmse,
                r.cv,
                r.gamma,
                r.synthetic,
                r.benchmarked.unwrap_or(f64::NAN),
            ]
            .map(f64::to_bits)
        };
        assert_eq!(
            (&x.area, x.in_sample, &x.flags, bits(x)),
            (&y.area, y.in_sample, &y.flags, bits(y)),
            "{x:?} vs {y:?}"
        );
    }
}

#[test]
fn direct_to_fay_herriot_to_benchmark_in_memory_matches_the_file_route() {
    use civis_pipeline::sae::{
        BenchmarkMethod, DirectEstimates, FayHerriotBuilder, FhInput, SamplingVariance,
    };
    // direct district means of emdi's eusilcA sample (weighted, linearised)
    let direct = direct_district_means();
    let pop_agg = sae_dir().join("eusilcA_popAgg.csv");
    let covariates = ["cash", "self_empl", "unempl_ben"];
    let (national, shares) = (15_500.0, "ratio_n");
    // in memory: no file between the estimate and the model
    let aux = civis_io::read_csv(&pop_agg, &civis_io::CsvOptions::default()).unwrap();
    let estimates = DirectEstimates::from_estimates(&direct)
        .unwrap()
        .filter(r#"statistic == "mean" and variable == "eqIncome""#)
        .unwrap();
    let memory = FayHerriotBuilder::new(
        "district",
        "estimate",
        SamplingVariance::StandardError("se".into()),
    )
    .covariates(&covariates)
    .benchmark(national, shares, BenchmarkMethod::Ratio)
    .build()
    .unwrap()
    .run(&FhInput::new(&estimates).aux(&aux, "eusilcA_popAgg.csv", Some("Domain")))
    .unwrap();
    // the file route: `civis estimate --out direct.csv`, then `civis sae fh --data direct.csv`
    let dir_guard = scratch("in-memory");
    let dir = dir_guard.path().to_path_buf();
    let direct_csv = dir.join("direct.csv");
    civis_cli::output::write_file(&direct_csv, &direct.by, &direct.rows).unwrap();
    let (file, summary) = run(&FhArgs {
        where_: Some(r#"statistic == "mean" and variable == "eqIncome""#.into()),
        area: "district".into(),
        direct: "estimate".into(),
        se: Some("se".into()),
        covariates: covariates.map(String::from).to_vec(),
        aux: Some(pop_agg),
        join: Some("Domain".into()),
        benchmark: Some(national),
        shares: Some(shares.into()),
        ..fh(direct_csv)
    })
    .unwrap();
    assert_eq!(file.len(), 94);
    assert_eq!(file.iter().filter(|r| r.in_sample).count(), 70);
    same_rows(&memory.rows, &file);
    assert_eq!(memory.summary.lines, summary.lines);
    std::fs::remove_dir_all(dir).unwrap();
}
