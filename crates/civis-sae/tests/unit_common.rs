//! Loading emdi's eusilcA sample and population for the unit-level tests
//! (a test-only reader; the command-line tool reads through civis-io).

use std::collections::BTreeMap;

use civis_sae::unit::{PopulationArea, SampleArea, UnitData};

pub const SAE_DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/sae");

/// The numeric covariates present in both eusilcA_smp and eusilcA_pop.
pub use civis_sae::unit::EUSILCA_COVARIATES as COVARIATES;

/// Columns `names` of a CSV file, grouped by the `area` column (areas sorted by name).
pub fn read_grouped(file: &str, area: &str, names: &[&str]) -> BTreeMap<String, Vec<Vec<f64>>> {
    let mut r = csv::Reader::from_path(format!("{SAE_DATA}/{file}")).expect(file);
    let header = r.headers().unwrap().clone();
    let pos = |n: &str| {
        header
            .iter()
            .position(|h| h == n)
            .unwrap_or_else(|| panic!("{n}"))
    };
    let a = pos(area);
    let cols: Vec<usize> = names.iter().map(|n| pos(n)).collect();
    let mut out: BTreeMap<String, Vec<Vec<f64>>> = BTreeMap::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        let entry = out
            .entry(rec[a].to_string())
            .or_insert_with(|| vec![Vec::new(); names.len()]);
        for (v, c) in entry.iter_mut().zip(&cols) {
            v.push(rec[*c].parse().unwrap());
        }
    }
    out
}

/// eusilcA with response `eqIncome`, the sample weights, and the population's
/// own eqIncome per district (the truth).
pub fn eusilca() -> (UnitData, BTreeMap<String, Vec<f64>>) {
    let mut smp_cols = vec!["eqIncome", "weight"];
    smp_cols.extend(COVARIATES);
    let mut pop_cols = vec!["eqIncome"];
    pop_cols.extend(COVARIATES);
    let smp = read_grouped("eusilcA_smp.csv", "district", &smp_cols);
    let pop = read_grouped("eusilcA_pop.csv", "district", &pop_cols);
    let mut truth = BTreeMap::new();
    let areas: Vec<PopulationArea> = pop
        .into_iter()
        .map(|(name, mut cols)| {
            truth.insert(name.clone(), cols.remove(0));
            PopulationArea {
                size: cols[0].len(),
                x_sums: cols.iter().map(|c| c.iter().sum()).collect(),
                x: cols,
                name,
            }
        })
        .collect();
    let sample = smp
        .into_iter()
        .map(|(name, mut cols)| {
            let y = cols.remove(0);
            let w = cols.remove(0);
            SampleArea {
                area: areas.iter().position(|a| a.name == name).unwrap(),
                y,
                x: cols,
                weight: Some(w),
            }
        })
        .collect();
    let data = UnitData {
        covariates: COVARIATES.iter().map(|c| c.to_string()).collect(),
        areas,
        sample,
    };
    (data.validated().unwrap(), truth)
}

#[allow(dead_code)] // used by golden_unit only
pub fn rel_err(got: f64, want: f64) -> f64 {
    (got - want).abs() / want.abs().max(1e-300)
}
