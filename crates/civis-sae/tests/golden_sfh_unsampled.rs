//! Spatial Fay-Herriot with districts that have no direct estimate: fit, spatial EBLUP and
//! analytic MSE of every district (sampled or not), and the parametric bootstrap MSE, against an
//! independent base-R implementation (`tests/reference/sfh_out_of_sample.R`, values beside it).
//!
//! Data: the 70 of 94 Austrian districts with unit-level sample in `eusilcA_smp` have a direct
//! estimate (`eusilcA_smpAgg`), the SAR process runs over all 94 (`eusilcA_prox`, as given).
//! Fits to the exact optimum (`Stopping::Exact`; R: relative steps < 1e-13): every value to 1e-8
//! relative. The bootstrap is Monte Carlo on both sides (different generators): compared within
//! Monte Carlo error, and with the analytic MSE.

mod common;

use civis_sae::{AreaData, Matrix, ProximityMatrix, SfhFit, SpatialFayHerriot, SpatialMethod};
use common::*;

const COVARIATES: [&str; 3] = ["cash", "self_empl", "unempl_ben"];
const COEF_NAMES: [&str; 4] = ["(Intercept)", "cash", "self_empl", "unempl_ben"];
const REFERENCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/reference/sfh_out_of_sample.csv"
);

fn reference() -> Vec<RefRow> {
    let mut rdr = csv::Reader::from_path(REFERENCE).unwrap();
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            RefRow {
                dataset: r[0].to_string(),
                method: r[1].to_string(),
                quantity: r[2].to_string(),
                domain: r[3].to_string(),
                value: r[4].parse().unwrap(),
            }
        })
        .collect()
}

struct Setup {
    data: AreaData,
    w: ProximityMatrix,
    sampled: Vec<usize>,
    x_unsampled: Matrix,
    /// All 94 districts, in the order of the rows of W.
    districts: Vec<String>,
}

fn setup() -> Setup {
    let smp = read_table("eusilcA_smpAgg.csv");
    let pop = read_table("eusilcA_popAgg.csv");
    let units = read_table("eusilcA_smp.csv");
    let all: Vec<String> = smp["Domain"].clone();
    let sampled: Vec<usize> = (0..all.len())
        .filter(|&i| units["district"].contains(&all[i]))
        .collect();
    let unsampled: Vec<usize> = (0..all.len()).filter(|i| !sampled.contains(i)).collect();
    let pop_rows = |areas: &[usize]| -> Vec<usize> {
        areas
            .iter()
            .map(|&i| pop["Domain"].iter().position(|p| *p == all[i]).unwrap())
            .collect()
    };
    let (y, psi) = (num(&smp["Mean"]), num(&smp["Var_Mean"]));
    let data = AreaData::new(
        sampled.iter().map(|&i| y[i]).collect(),
        sampled.iter().map(|&i| psi[i]).collect(),
        design(&pop, &COVARIATES, &pop_rows(&sampled)),
    )
    .unwrap();
    let path = format!("{SHARED}/data/sae/eusilcA_prox.csv");
    let rows: Vec<Vec<f64>> = csv::Reader::from_path(&path)
        .unwrap()
        .records()
        .map(|r| r.unwrap().iter().map(|v| v.parse().unwrap()).collect())
        .collect();
    Setup {
        data,
        w: ProximityMatrix::new(Matrix::from_rows(&rows).unwrap()).unwrap(),
        x_unsampled: design(&pop, &COVARIATES, &pop_rows(&unsampled)),
        sampled,
        districts: all,
    }
}

fn fit(set: &Setup, method: SpatialMethod) -> SfhFit {
    let fit = SpatialFayHerriot::new(method)
        .fit_with_unsampled(&set.data, &set.w, &set.sampled, &set.x_unsampled)
        .unwrap();
    assert!(fit.converged());
    assert_eq!(fit.unsampled().len(), 24);
    fit
}

#[test]
fn unsampled_districts_match_r_reference() {
    let set = setup();
    let reference = reference();
    let mut c = Checker::default();
    for (method, name) in [(SpatialMethod::Reml, "REML"), (SpatialMethod::Ml, "ML")] {
        let fit = fit(&set, method);
        let (ms, mu) = (fit.mse().unwrap(), fit.mse_unsampled().unwrap());
        for row in reference.iter().filter(|r| r.method == name) {
            // (sampled?, position among the sampled or the unsampled districts)
            let area = || {
                let i = set.districts.iter().position(|d| *d == row.domain).unwrap();
                match set.sampled.iter().position(|&k| k == i) {
                    Some(k) => (true, k),
                    None => (false, fit.unsampled().iter().position(|&k| k == i).unwrap()),
                }
            };
            let part = |q: &str| {
                let (sampled, k) = area();
                let m = if sampled { &ms } else { &mu };
                let v = match q {
                    "g1" => &m.g1,
                    "g2" => &m.g2,
                    "g3" => &m.g3,
                    "g4" => &m.g4,
                    "ml_bias" => &m.ml_bias,
                    _ => &m.mse,
                };
                (v[k], m.mse[k])
            };
            let (got, scale) = match row.quantity.as_str() {
                "refvar" => (fit.sigma2_u(), fit.sigma2_u()),
                "rho" => (fit.rho(), fit.rho()),
                "eblup" => match area() {
                    (true, k) => (fit.eblup()[k], fit.eblup()[k]),
                    (false, k) => (fit.eblup_unsampled()[k], fit.eblup_unsampled()[k]),
                },
                q if q.starts_with("beta_") => {
                    let j = COEF_NAMES
                        .iter()
                        .position(|n| q == format!("beta_{n}"))
                        .unwrap();
                    (fit.beta()[j], fit.beta()[j])
                }
                q => part(q),
            };
            // MSE components that nearly vanish (REML's zero ML bias, small g4) are checked
            // relative to the area's MSE, which is what they enter.
            let floor = if row.value.abs() < 1e-6 * scale.abs() {
                (got - row.value).abs() / scale.abs()
            } else {
                rel_err(got, row.value)
            };
            let tol = 1e-8;
            c.checked += 1;
            if floor.is_nan() || floor > tol {
                c.failures.push(format!(
                    "{name} {} [{}]: got {got:.15e}, want {:.15e}",
                    row.quantity, row.domain, row.value
                ));
            }
            let w = c
                .worst
                .entry(format!("{name}/{}", base_quantity(&row.quantity)))
                .or_insert(0.0);
            *w = w.max(floor);
        }
    }
    // 2 methods x (2 variance parameters + 4 coefficients + 94 x (eblup + 6 MSE parts))
    c.finish(2 * (2 + 4 + 94 * 7));
}

/// With every district sampled, the model over all areas is the ordinary spatial model.
#[test]
fn all_sampled_equals_the_plain_fit() {
    let set = setup();
    let data = AreaData::new(
        num(&read_table("eusilcA_smpAgg.csv")["Mean"]),
        num(&read_table("eusilcA_smpAgg.csv")["Var_Mean"]),
        design(
            &read_table("eusilcA_popAgg.csv"),
            &COVARIATES,
            &(0..94)
                .map(|i| {
                    read_table("eusilcA_popAgg.csv")["Domain"]
                        .iter()
                        .position(|p| *p == set.districts[i])
                        .unwrap()
                })
                .collect::<Vec<_>>(),
        ),
    )
    .unwrap();
    let est = SpatialFayHerriot::new(SpatialMethod::Reml);
    let plain = est.fit(&data, &set.w).unwrap();
    let all: Vec<usize> = (0..94).collect();
    let joint = est
        .fit_with_unsampled(&data, &set.w, &all, &Matrix::zeros(0, 4))
        .unwrap();
    assert_eq!(plain.sigma2_u(), joint.sigma2_u());
    assert_eq!(plain.eblup(), joint.eblup());
    assert_eq!(plain.mse().unwrap(), joint.mse().unwrap());
    assert!(joint.unsampled().is_empty());
}

/// Replicates of the Rust bootstrap in the comparison with R (R ran 1,000; both are Monte Carlo).
const B: usize = 100;

/// The parametric bootstrap (REML) against R's with independent random numbers: every district's
/// difference within 4.5 combined Monte Carlo standard errors, and on average (over the 94
/// districts) the two bootstraps and the analytic MSE agree to a few percent.
#[test]
fn bootstrap_mse_agrees_with_r_within_monte_carlo_error() {
    let set = setup();
    let reference = reference();
    let fit = fit(&set, SpatialMethod::Reml);
    let boot = fit.bootstrap_mse(B, 2026).unwrap();
    // a refit that fails (a singular information matrix) is skipped, as in sae
    assert!(
        boot.failed <= 2 && boot.replicates + boot.failed == B,
        "{boot:?}"
    );
    let (ms, mu) = (fit.mse().unwrap(), fit.mse_unsampled().unwrap());
    let r_value = |q: &str, d: &str| {
        reference
            .iter()
            .find(|r| r.method.starts_with("REML_PB_B") && r.quantity == q && r.domain == d)
            .unwrap_or_else(|| panic!("no {q} for {d}"))
            .value
    };
    let (mut worst_z, mut ratio_r, mut ratio_analytic) = (0.0f64, 0.0, 0.0);
    for (i, d) in set.districts.iter().enumerate() {
        let (ours, mcse, analytic) = match set.sampled.iter().position(|&k| k == i) {
            Some(k) => (boot.mse[k], boot.mcse[k], ms.mse[k]),
            None => {
                let k = fit.unsampled().iter().position(|&k| k == i).unwrap();
                (boot.mse_unsampled[k], boot.mcse_unsampled[k], mu.mse[k])
            }
        };
        let (theirs, their_mcse) = (r_value("pb_mse", d), r_value("pb_mse_mcse", d));
        let z = (ours - theirs) / (mcse * mcse + their_mcse * their_mcse).sqrt();
        worst_z = worst_z.max(z.abs());
        ratio_r += ours / theirs / 94.0;
        ratio_analytic += ours / analytic / 94.0;
    }
    eprintln!("bootstrap: worst |z| {worst_z:.2}, mean ratio to R {ratio_r:.4}, to analytic {ratio_analytic:.4}");
    assert!(worst_z < 4.5, "worst |z| {worst_z}");
    assert!((ratio_r - 1.0).abs() < 0.05, "mean ratio to R {ratio_r}");
    assert!(
        (ratio_analytic - 1.0).abs() < 0.1,
        "mean ratio to analytic {ratio_analytic}"
    );
}

/// The bootstrap depends on the seed only: the same seed gives the same numbers on one thread or
/// many, another seed other numbers.
#[test]
fn bootstrap_is_reproducible_by_seed() {
    let set = setup();
    let fit = fit(&set, SpatialMethod::Reml);
    let a = fit.bootstrap_mse(8, 7).unwrap();
    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| fit.bootstrap_mse(8, 7).unwrap());
    assert_eq!(a, one_thread);
    let other = fit.bootstrap_mse(8, 8).unwrap();
    assert_ne!(a.mse, other.mse);
    assert_ne!(a.mse_unsampled, other.mse_unsampled);
}
