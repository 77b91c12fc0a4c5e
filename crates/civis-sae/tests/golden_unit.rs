//! Golden tests of the unit-level models against R `nlme::lme` (REML) on emdi's
//! eusilcA data; reference values from `fixtures/unit/bhf_reference.R` (the
//! script is beside the CSVs): beta, its standard errors, the variance
//! components, the REML log-likelihood, emdi's diagnostics, every district's
//! BHF EBLUP and Prasad-Rao MSE, and the REML estimates of the Box-Cox and
//! log-shift parameters (emdi's criterion). Tolerance: 1e-6 relative.

mod unit_common;

use std::collections::BTreeMap;

use civis_sae::unit::{Transformation, UnitModel};
use unit_common::{eusilca, rel_err, COVARIATES};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/unit");
const TOL: f64 = 1e-6;

fn reference_model(model: &str) -> BTreeMap<String, f64> {
    let mut r = csv::Reader::from_path(format!("{FIXTURES}/bhf_model.csv")).unwrap();
    r.records()
        .map(|x| x.unwrap())
        .filter(|x| &x[0] == model)
        .map(|x| (x[1].to_string(), x[2].parse().unwrap()))
        .collect()
}

fn names() -> Vec<String> {
    std::iter::once("(Intercept)".to_string())
        .chain(COVARIATES.iter().map(|c| c.to_string()))
        .collect()
}

/// Compares a fitted model with the R rows of `model`; returns the number of values checked.
fn check_model(
    m: &UnitModel,
    want: &BTreeMap<String, f64>,
    data: &civis_sae::unit::UnitData,
) -> usize {
    let fit = &m.fit;
    let z = m.transformed_response(&data.sample);
    let diag = fit.diagnostics(&data.sample, &z);
    let se = fit.beta_se();
    let mut got: Vec<(String, f64)> = Vec::new();
    for (i, n) in names().iter().enumerate() {
        got.push((format!("beta:{n}"), fit.beta[i]));
        got.push((format!("se:{n}"), se[i]));
    }
    let rn = &diag.residual_normality;
    let un = &diag.random_effect_normality;
    got.extend([
        ("sigma2_u".into(), fit.sigma2_u),
        ("sigma2_e".into(), fit.sigma2_e),
        ("loglik".into(), fit.log_likelihood),
        ("r2_marginal".into(), diag.r2_marginal),
        ("r2_conditional".into(), diag.r2_conditional),
        ("icc".into(), diag.icc),
        ("residual_skewness".into(), rn.skewness),
        ("residual_kurtosis".into(), rn.kurtosis),
        ("residual_shapiro_w".into(), rn.shapiro.unwrap().w),
        ("residual_shapiro_p".into(), rn.shapiro.unwrap().p_value),
        ("ranef_skewness".into(), un.skewness),
        ("ranef_kurtosis".into(), un.kurtosis),
        ("ranef_shapiro_w".into(), un.shapiro.unwrap().w),
        ("ranef_shapiro_p".into(), un.shapiro.unwrap().p_value),
    ]);
    if let Some(l) = want.get("lambda") {
        got.push(("lambda".into(), m.transform.lambda));
        eprintln!("lambda: got {}, R {l}", m.transform.lambda);
    }
    let mut worst = (0.0, String::new());
    for (name, g) in &got {
        let w = want
            .get(name)
            .unwrap_or_else(|| panic!("no reference for {name}"));
        let e = rel_err(*g, *w);
        if e > worst.0 {
            worst = (e, name.clone());
        }
        assert!(e <= TOL, "{name}: got {g}, R {w}, relative error {e:e}");
    }
    assert_eq!(got.len(), want.len(), "every reference value is checked");
    eprintln!("worst relative error {:e} ({})", worst.0, worst.1);
    got.len()
}

#[test]
fn bhf_reml_fit_matches_nlme() {
    let (data, _) = eusilca();
    let m = UnitModel::fit(Transformation::None, &data.sample).unwrap();
    assert_eq!(check_model(&m, &reference_model("none"), &data), 42);
}

#[test]
fn every_district_eblup_and_mse_match_r() {
    let (data, _) = eusilca();
    let m = UnitModel::fit(Transformation::None, &data.sample).unwrap();
    let x_means: Vec<Vec<f64>> = data.areas.iter().map(|a| a.x_means()).collect();
    let eblups = m.fit.eblups(&x_means);
    let mut r = csv::Reader::from_path(format!("{FIXTURES}/bhf_districts.csv")).unwrap();
    let mut rows = 0;
    for rec in r.records() {
        let rec = rec.unwrap();
        let d = data.areas.iter().position(|a| a.name == rec[0]).unwrap();
        let n: usize = rec[1].parse().unwrap();
        assert_eq!(data.areas[d].size, rec[2].parse::<usize>().unwrap());
        let in_sample = data
            .sample
            .iter()
            .find(|s| s.area == d)
            .map_or(0, |s| s.n());
        assert_eq!(in_sample, n, "{}", &rec[0]);
        let want = |c: usize| rec[c].parse::<f64>().unwrap();
        let e = eblups[d];
        assert!(
            (e.gamma - want(3)).abs() <= TOL * want(3).max(1e-3),
            "gamma {}",
            &rec[0]
        );
        assert!(
            rel_err(e.estimate, want(4)) <= TOL,
            "EBLUP {}: {} vs {}",
            &rec[0],
            e.estimate,
            want(4)
        );
        assert!(
            rel_err(e.mse, want(8)) <= TOL,
            "MSE {}: {} vs {}",
            &rec[0],
            e.mse,
            want(8)
        );
        rows += 1;
    }
    assert_eq!(rows, 94);
}

#[test]
fn boxcox_parameter_and_fit_match_emdi_reml_criterion() {
    let (data, _) = eusilca();
    let m = UnitModel::fit(Transformation::BoxCox, &data.sample).unwrap();
    assert_eq!(check_model(&m, &reference_model("boxcox"), &data), 43);
}

#[test]
fn log_shift_parameter_and_fit_match_emdi_reml_criterion() {
    let (data, _) = eusilca();
    let m = UnitModel::fit(Transformation::LogShift, &data.sample).unwrap();
    assert_eq!(check_model(&m, &reference_model("log-shift"), &data), 43);
}

/// The order of the areas in the sample does not change the fit (beyond rounding).
#[test]
fn area_order_does_not_change_the_fit() {
    let (mut data, _) = eusilca();
    let a = UnitModel::fit(Transformation::BoxCox, &data.sample).unwrap();
    data.sample.reverse();
    let b = UnitModel::fit(Transformation::BoxCox, &data.sample).unwrap();
    eprintln!(
        "lambda {} {}, s2u {} {}",
        a.transform.lambda, b.transform.lambda, a.fit.sigma2_u, b.fit.sigma2_u
    );
    assert!(rel_err(b.transform.lambda, a.transform.lambda) < 1e-9);
    assert!(rel_err(b.fit.sigma2_u, a.fit.sigma2_u) < 1e-9);
    for (x, y) in a.fit.beta.iter().zip(&b.fit.beta) {
        assert!(rel_err(*y, *x) < 1e-9);
    }
}

/// Peer check: samplics' EblupUnitModel (Python, `fixtures/unit/samplics_reference.py`) gives
/// the same Prasad-Rao MSE for the 70 sampled districts (its own REML fit, tolerance 1e-12).
#[test]
fn prasad_rao_mse_matches_samplics() {
    let (data, _) = eusilca();
    let m = UnitModel::fit(Transformation::None, &data.sample).unwrap();
    let x_means: Vec<Vec<f64>> = data.areas.iter().map(|a| a.x_means()).collect();
    let eblups = m.fit.eblups(&x_means);
    let mut r = csv::Reader::from_path(format!("{FIXTURES}/samplics_bhf.csv")).unwrap();
    let mut rows = 0;
    for rec in r.records().map(|x| x.unwrap()) {
        let d = data.areas.iter().position(|a| a.name == rec[0]).unwrap();
        let want: f64 = rec[1].parse().unwrap();
        let e = rel_err(eblups[d].mse, want);
        assert!(
            e < 1e-9,
            "{}: {} vs samplics {want} ({e:e})",
            &rec[0],
            eblups[d].mse
        );
        rows += 1;
    }
    assert_eq!(rows, 70);
}
