//! The Fay-Herriot workflow (`FayHerriotBuilder`, what `civis sae fh` runs) against R sae, the
//! known truth of the synthetic Austrian population, samplics fitted without intercept (the
//! reference and its script are in `crates/civis-sae/tests/fixtures`), and the spatial model
//! with districts that have no direct estimate: the SAR process runs over all 94 districts, the
//! 24 without a direct estimate get the spatial EBLUP and its MSE (analytic: equal to the
//! independent R implementation in `crates/civis-sae/tests/reference/`; bootstrap: filled and
//! reproducible).

use std::collections::HashMap;
use std::path::PathBuf;

use civis_frame::Frame;
use civis_io::{read_csv, CsvOptions};
use civis_pipeline::sae::{
    AreaRow, DirectEstimates, FayHerriotBuilder, FhInput, Mse, SamplingVariance,
};

mod emdi;
use emdi::{direct_district_means, sae_dir};

fn sae_tests() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../civis-sae/tests")
}

fn table(name: &str) -> Frame {
    read_csv(&sae_dir().join(name), &CsvOptions::default()).unwrap()
}

/// The district means `Mean` (variance `Var_Mean`) of a table like eusilcA_smpAgg, with the
/// covariates cash, self_empl and unempl_ben.
fn district_means() -> FayHerriotBuilder {
    let mut b = FayHerriotBuilder::new(
        "Domain",
        "Mean",
        SamplingVariance::Variance("Var_Mean".into()),
    );
    b.covariates(&["cash", "self_empl", "unempl_ben"]);
    b
}

/// The model on `direct` with the covariates of eusilcA_popAgg (and a proximity matrix).
fn fit(b: &FayHerriotBuilder, direct: &DirectEstimates, proximity: Option<&Frame>) -> Vec<AreaRow> {
    let aux = table("eusilcA_popAgg.csv");
    let mut input = FhInput::new(direct).aux(&aux, "eusilcA_popAgg.csv", Some("Domain"));
    if let Some(w) = proximity {
        input = input.proximity(w, "eusilcA_prox.csv");
    }
    b.build().unwrap().run(&input).unwrap().rows
}

/// Our EBLUP or MSE (`stat`) of `area` (which must be in `rows`); None for another statistic.
fn eblup_or_mse(rows: &[AreaRow], stat: &str, area: &str) -> Option<f64> {
    let row = || {
        rows.iter()
            .find(|a| a.area == area)
            .unwrap_or_else(|| panic!("no row for {area}"))
    };
    match stat {
        "eblup" => Some(row().eblup),
        "mse" => Some(row().mse),
        _ => None,
    }
}

#[test]
fn sae_compatible_fit_reproduces_r_sae() {
    let direct = DirectEstimates::read(&sae_dir().join("eusilcA_smpAgg.csv")).unwrap();
    let rows = fit(district_means().sae_compat(true), &direct, None);
    let mut r = csv::Reader::from_path(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/reference/fayherriot_reference.csv"),
    )
    .unwrap();
    let mut checked = 0;
    for rec in r.records() {
        let rec = rec.unwrap();
        if &rec[0] != "eusilcA_Mean" || &rec[1] != "REML" {
            continue;
        }
        let want: f64 = rec[4].parse().unwrap();
        let Some(got) = eblup_or_mse(&rows, &rec[2], &rec[3]) else {
            continue;
        };
        assert!(
            ((got - want) / want).abs() < 1e-9,
            "{} {}: {got} vs {want}",
            &rec[2],
            &rec[3]
        );
        checked += 1;
    }
    assert_eq!(checked, 2 * 94);
}

/// Direct district means of equivalised income from the sample, the Fay-Herriot EBLUP with
/// district covariate means, and the true means of the population the sample was drawn from.
#[test]
fn eblup_beats_the_direct_estimator_against_the_truth() {
    let est = direct_district_means();
    let direct = DirectEstimates::from_estimates(&est).unwrap();
    let rows = fit(
        FayHerriotBuilder::new(
            "district",
            "estimate",
            SamplingVariance::StandardError("se".into()),
        )
        .covariates(&["cash", "self_empl", "unempl_ben"]),
        &direct,
        None,
    );
    // the truth: plain district means of the population file
    let mut sums: HashMap<String, (f64, f64)> = HashMap::new();
    let mut r = csv::Reader::from_path(sae_dir().join("eusilcA_pop.csv")).unwrap();
    let h = r.headers().unwrap().clone();
    let (ci, di) = (
        h.iter().position(|c| c == "eqIncome").unwrap(),
        h.iter().position(|c| c == "district").unwrap(),
    );
    for rec in r.records() {
        let rec = rec.unwrap();
        let e = sums.entry(rec[di].to_string()).or_insert((0.0, 0.0));
        e.0 += rec[ci].parse::<f64>().unwrap();
        e.1 += 1.0;
    }
    let truth = |a: &str| sums[a].0 / sums[a].1;
    let errors = |rows: &[&AreaRow], pick: &dyn Fn(&AreaRow) -> f64| {
        let e: Vec<f64> = rows.iter().map(|r| pick(r) - truth(&r.area)).collect();
        let n = e.len() as f64;
        (
            e.iter().map(|x| x.abs()).sum::<f64>() / n,
            (e.iter().map(|x| x * x).sum::<f64>() / n).sqrt(),
        )
    };
    let sampled: Vec<&AreaRow> = rows.iter().filter(|r| r.in_sample).collect();
    let unsampled: Vec<&AreaRow> = rows.iter().filter(|r| !r.in_sample).collect();
    assert_eq!((sampled.len(), unsampled.len()), (70, 24));
    let direct = errors(&sampled, &|r| r.direct);
    let eblup = errors(&sampled, &|r| r.eblup);
    let synthetic = errors(&unsampled, &|r| r.eblup);
    eprintln!(
        "sampled districts: direct MAE {:.0} RMSE {:.0}; EBLUP MAE {:.0} RMSE {:.0}; unsampled: synthetic MAE {:.0} RMSE {:.0}",
        direct.0, direct.1, eblup.0, eblup.1, synthetic.0, synthetic.1
    );
    assert!(
        eblup.0 < direct.0 && eblup.1 < direct.1,
        "{eblup:?} vs {direct:?}"
    );
    for r in &unsampled {
        assert!(r.mse > 0.0 && r.gamma == 0.0 && r.eblup == r.synthetic);
    }
}

#[test]
fn no_intercept_option_fits_without_intercept_as_samplics() {
    let direct = DirectEstimates::read(&sae_dir().join("eusilcA_smpAgg.csv")).unwrap();
    let rows = fit(district_means().no_intercept(), &direct, None);
    let mut r = csv::Reader::from_path(sae_tests().join("fixtures/fh_no_intercept.csv")).unwrap();
    let mut checked = 0;
    for rec in r.records() {
        let rec = rec.unwrap();
        let want: f64 = rec[2].parse().unwrap();
        let Some(got) = eblup_or_mse(&rows, &rec[0], &rec[1]) else {
            continue;
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
    let e = district_means()
        .covariates::<&str>(&[])
        .no_intercept()
        .build()
        .err()
        .unwrap()
        .to_string();
    assert!(e.contains("--no-intercept needs at least one"), "{e}");
}

/// The direct estimates of the 70 districts with unit-level sample, in a scratch file.
fn sampled_districts() -> PathBuf {
    let units = csv::Reader::from_path(sae_dir().join("eusilcA_smp.csv"))
        .unwrap()
        .deserialize::<HashMap<String, String>>()
        .map(|r| r.unwrap()["district"].clone())
        .collect::<std::collections::HashSet<_>>();
    let mut rdr = csv::Reader::from_path(sae_dir().join("eusilcA_smpAgg.csv")).unwrap();
    let dir = std::env::temp_dir().join(format!("civis-fh-spatial-{}", std::process::id()));
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

#[test]
fn unsampled_districts_get_the_spatial_eblup_and_its_mse() {
    let data = sampled_districts();
    let direct = DirectEstimates::read(&data).unwrap();
    let proximity = table("eusilcA_prox.csv");
    let spatial = |mse: Mse| fit(district_means().mse(mse), &direct, Some(&proximity));
    let rows = spatial(Mse::Analytic);
    assert_eq!(rows.len(), 94);
    let mut want: HashMap<(String, String), f64> = HashMap::new();
    let reference = sae_tests().join("reference/sfh_out_of_sample.csv");
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
    let bootstrap = Mse::Bootstrap {
        replicates: 20,
        seed: 5,
    };
    let boot = spatial(bootstrap);
    assert!(boot.iter().all(|r| r.mse.is_finite() && r.mse > 0.0));
    let again = spatial(bootstrap);
    let mses = |rows: &[AreaRow]| rows.iter().map(|r| r.mse).collect::<Vec<_>>();
    assert_eq!(mses(&boot), mses(&again));
    std::fs::remove_dir_all(data.parent().unwrap()).unwrap();
}
