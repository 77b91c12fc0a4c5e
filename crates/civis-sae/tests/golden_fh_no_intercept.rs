//! Fay-Herriot without intercept (R sae's `Mean ~ cash + self_empl + unempl_ben - 1`) against
//! samplics 0.6 fitted without intercept (`tests/fixtures/make_fh_no_intercept.py`, REML,
//! tolerance 1e-12): the random-effect variance, the coefficients, the EBLUPs and the analytic
//! MSE (g1 + g2 + 2 g3) of the eusilcA districts.

mod common;

use civis_sae::{AreaData, FayHerriot, Matrix, Method};
use common::{num, read_table};

#[test]
fn fay_herriot_without_intercept_matches_samplics() {
    let smp = read_table("eusilcA_smpAgg.csv");
    let pop = read_table("eusilcA_popAgg.csv");
    let covariates = ["cash", "self_empl", "unempl_ben"];
    let domains = smp["Domain"].clone();
    let rows: Vec<Vec<f64>> = domains
        .iter()
        .map(|d| {
            let i = pop["Domain"].iter().position(|p| p == d).unwrap();
            covariates
                .iter()
                .map(|c| pop[*c][i].parse().unwrap())
                .collect()
        })
        .collect();
    let x = Matrix::from_rows(&rows).unwrap();
    let data = AreaData::new(num(&smp["Mean"]), num(&smp["Var_Mean"]), x).unwrap();
    let fit = FayHerriot::new(Method::Reml).fit(&data).unwrap();
    let mse = fit.mse();

    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/fh_no_intercept.csv"
    );
    let mut r = csv::Reader::from_path(path).unwrap();
    let mut checked = 0;
    for rec in r.records() {
        let rec = rec.unwrap();
        let (quantity, domain, want): (&str, &str, f64) =
            (&rec[0], &rec[1], rec[2].parse().unwrap());
        let area = || domains.iter().position(|d| d == domain).unwrap();
        let (got, tol) = match quantity {
            "refvar" => (fit.a(), 1e-6),
            "eblup" => (fit.eblup()[area()], 1e-8),
            "mse" => (mse.mse[area()], 1e-6),
            q => {
                let name = q
                    .strip_prefix("beta[")
                    .and_then(|s| s.strip_suffix(']'))
                    .unwrap_or_else(|| panic!("unknown quantity {q}"));
                let j = covariates.iter().position(|c| *c == name).unwrap();
                (fit.beta()[j], 1e-7)
            }
        };
        assert!(
            ((got - want) / want).abs() < tol,
            "{quantity} [{domain}]: civis {got}, samplics {want}"
        );
        checked += 1;
    }
    assert_eq!(checked, 1 + 3 + 2 * domains.len());
}
