//! Golden tests: Fay-Herriot fits and analytic MSE against R sae 1.3
//! (`shared/reference/fayherriot_reference.csv`, see its README).
//!
//! Every row of the file is checked:
//! * sae rows (`REML`, `ML`, `FH`) with sae's start value and stopping rule
//!   (`Stopping::SaeCompat`): iterations and convergence exactly, all other
//!   quantities to 1e-9 relative (the same iterates as sae, up to rounding);
//! * `*_exact_optimum` rows with `Stopping::Exact`, to 1e-8 relative. Our A is
//!   the root of the score to rounding (|s| ~ 1e-11); the reference A leaves a
//!   score of ~1e-6 (about 5e-9 relative in A, within the flat top of the
//!   likelihood), see `exact_optimum_is_a_root`. A, beta and EBLUP agree to
//!   5e-9, 1.1e-9 and 7e-10.

mod common;

use civis_sae::{AreaData, FayHerriot, FhFit, Method, Stopping};
use common::*;

const TOL: f64 = 1e-9;
const TOL_EXACT: f64 = 1e-8;

fn milk() -> AreaData {
    let t = read_table("milk.csv");
    let y = num(&t["yi"]);
    let psi: Vec<f64> = num(&t["SD"]).iter().map(|s| s * s).collect();
    let major = num(&t["MajorArea"]);
    let rows: Vec<Vec<f64>> = major
        .iter()
        .map(|&g| {
            vec![
                1.0,
                f64::from(g == 2.0),
                f64::from(g == 3.0),
                f64::from(g == 4.0),
            ]
        })
        .collect();
    AreaData::new(y, psi, civis_sae::Matrix::from_rows(&rows).unwrap()).unwrap()
}

/// eusilcA district data: response and variance from `eusilcA_smpAgg`,
/// covariates from `eusilcA_popAgg` joined on `Domain`.
pub fn eusilc(response: &str, variance: &str, covariates: &[&str]) -> (AreaData, Vec<String>) {
    let smp = read_table("eusilcA_smpAgg.csv");
    let pop = read_table("eusilcA_popAgg.csv");
    let domains = smp["Domain"].clone();
    let rows: Vec<usize> = domains
        .iter()
        .map(|d| pop["Domain"].iter().position(|p| p == d).unwrap())
        .collect();
    let x = design(&pop, covariates, &rows);
    let data = AreaData::new(num(&smp[response]), num(&smp[variance]), x).unwrap();
    (data, domains)
}

fn method_of(name: &str) -> (Method, Stopping) {
    let (base, stopping) = match name.strip_suffix("_exact_optimum") {
        Some(b) => (b, Stopping::Exact),
        None => (name, Stopping::SaeCompat),
    };
    let m = match base {
        "REML" => Method::Reml,
        "ML" => Method::Ml,
        "FH" => Method::Fh,
        other => panic!("unknown method {other}"),
    };
    (m, stopping)
}

fn check_rows(
    c: &mut Checker,
    rows: &[&RefRow],
    fit: &FhFit,
    coef_names: &[&str],
    domains: &[String],
) {
    let mse = fit.mse();
    for row in rows {
        let area = || {
            domains
                .iter()
                .position(|d| *d == row.domain)
                .unwrap_or_else(|| panic!("unknown domain {}", row.domain))
        };
        let got = match base_quantity(&row.quantity) {
            "refvar" => fit.a(),
            "iterations" => fit.iterations() as f64,
            "convergence" => f64::from(u8::from(fit.converged())),
            "goodness_loglike" => fit.goodness().loglike,
            "goodness_AIC" => fit.goodness().aic,
            "goodness_BIC" => fit.goodness().bic,
            "goodness_KIC" => fit.goodness().kic,
            "beta" => fit.beta()[coef_index(&row.quantity, coef_names)],
            "beta_se" => fit.beta_se()[coef_index(&row.quantity, coef_names)],
            "eblup" => fit.eblup()[area()],
            "mse" => mse.mse[area()],
            other => panic!("unhandled quantity {other}"),
        };
        let tol = if matches!(row.quantity.as_str(), "iterations" | "convergence") {
            0.0
        } else if row.method.ends_with("_exact_optimum") {
            TOL_EXACT
        } else {
            TOL
        };
        c.check(row, got, tol);
    }
}

#[test]
fn fay_herriot_matches_sae_reference() {
    let reference = read_reference("fayherriot_reference.csv");
    assert_eq!(reference.len(), 1261);
    let mut c = Checker::default();

    let milk_data = milk();
    let milk_domains: Vec<String> = (1..=43).map(|i| i.to_string()).collect();
    let milk_names = [
        "(Intercept)",
        "as.factor(MajorArea)2",
        "as.factor(MajorArea)3",
        "as.factor(MajorArea)4",
    ];
    let mean = eusilc("Mean", "Var_Mean", &["cash", "self_empl", "unempl_ben"]);
    let mean_names = ["(Intercept)", "cash", "self_empl", "unempl_ben"];
    let mtmed = eusilc(
        "MTMED",
        "Var_MTMED",
        &["cash", "age_ben", "rent", "house_allow"],
    );
    let mtmed_names = ["(Intercept)", "cash", "age_ben", "rent", "house_allow"];

    let mut groups: Vec<(String, String)> = reference
        .iter()
        .map(|r| (r.dataset.clone(), r.method.clone()))
        .collect();
    groups.dedup();
    groups.sort();
    groups.dedup();
    assert_eq!(groups.len(), 10, "{groups:?}");
    for (dataset, method_name) in &groups {
        let rows: Vec<&RefRow> = reference
            .iter()
            .filter(|r| &r.dataset == dataset && &r.method == method_name)
            .collect();
        let (method, stopping) = method_of(method_name);
        let est = FayHerriot::new(method).stopping(stopping);
        match dataset.as_str() {
            "milk" => {
                let fit = est.fit(&milk_data).unwrap();
                check_rows(&mut c, &rows, &fit, &milk_names, &milk_domains);
            }
            "eusilcA_Mean" => {
                let fit = est.fit(&mean.0).unwrap();
                check_rows(&mut c, &rows, &fit, &mean_names, &mean.1);
            }
            "eusilcA_MTMED" => {
                let fit = est.fit(&mtmed.0).unwrap();
                check_rows(&mut c, &rows, &fit, &mtmed_names, &mtmed.1);
            }
            other => panic!("unknown dataset {other}"),
        }
    }
    c.finish(1261);
}

/// The exact optimum is a root of the estimating equation: refitting from the
/// sae-compatible answer with a tight relative rule lands on the same A.
#[test]
fn exact_and_tight_relative_rules_agree() {
    let data = milk();
    for method in [Method::Reml, Method::Ml, Method::Fh] {
        let exact = FayHerriot::new(method).fit(&data).unwrap();
        let tight = FayHerriot::new(method)
            .stopping(Stopping::Relative {
                tolerance: 1e-13,
                max_iter: 1000,
            })
            .fit(&data)
            .unwrap();
        assert!(rel_err(exact.a(), tight.a()) < 1e-11, "{method:?}");
        assert!(exact.converged() && !exact.zero_variance());
    }
}

/// Our exact-mode A solves the estimating equation to rounding; the reference
/// `*_exact_optimum` A is about 5e-9 (relative) off the root.
#[test]
fn exact_optimum_is_a_root() {
    let data = milk();
    let reference = read_reference("fayherriot_reference.csv");
    for method in [Method::Reml, Method::Ml, Method::Fh] {
        let est = FayHerriot::new(method);
        let fit = est.fit(&data).unwrap();
        let want = format!("{}_exact_optimum", method.as_str());
        let ref_a = reference
            .iter()
            .find(|r| r.method == want && r.quantity == "refvar")
            .unwrap()
            .value;
        let (s_ours, info) = est.score(&data, fit.a()).unwrap();
        let (s_ref, _) = est.score(&data, ref_a).unwrap();
        eprintln!("{want}: score ours {s_ours:.2e}, reference {s_ref:.2e}, information {info:.2e}");
        assert!(s_ours.abs() <= 1e-9 * info * fit.a(), "{want}: {s_ours}");
        // |s| / (F A) approximates the relative distance of A from the root.
        assert!(
            s_ours.abs() <= s_ref.abs().max(1e-12 * info * fit.a()),
            "{want}"
        );
    }
}
