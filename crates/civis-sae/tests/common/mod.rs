//! Shared loaders for the golden tests (reference CSVs and the sae data sets).
#![allow(dead_code)]

use civis_sae::Matrix;
use std::collections::BTreeMap;

pub const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

/// One reference row: `dataset, method, quantity, domain, value`.
#[derive(Debug, Clone)]
pub struct RefRow {
    pub dataset: String,
    pub method: String,
    pub quantity: String,
    pub domain: String,
    pub value: f64,
}

pub fn read_reference(file: &str) -> Vec<RefRow> {
    read_reference_at(&format!("{SHARED}/reference/{file}"))
}

/// The reference rows of the CSV at `path` (e.g. one committed beside its script in this crate).
pub fn read_reference_at(path: &str) -> Vec<RefRow> {
    let mut rdr = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{path}: {e}"));
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

/// A CSV as column name -> string values.
pub fn read_table(file: &str) -> BTreeMap<String, Vec<String>> {
    let path = format!("{SHARED}/data/sae/{file}");
    let mut rdr = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let headers: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    let mut cols: BTreeMap<String, Vec<String>> =
        headers.iter().map(|h| (h.clone(), Vec::new())).collect();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        for (h, v) in headers.iter().zip(rec.iter()) {
            cols.get_mut(h).unwrap().push(v.to_string());
        }
    }
    cols
}

pub fn num(col: &[String]) -> Vec<f64> {
    col.iter().map(|v| v.parse().unwrap()).collect()
}

/// Design matrix with an intercept and the named numeric columns.
pub fn design(
    table: &BTreeMap<String, Vec<String>>,
    covariates: &[&str],
    rows: &[usize],
) -> Matrix {
    let cols: Vec<Vec<f64>> = covariates.iter().map(|c| num(&table[*c])).collect();
    let data: Vec<Vec<f64>> = rows
        .iter()
        .map(|&i| {
            std::iter::once(1.0)
                .chain(cols.iter().map(|c| c[i]))
                .collect()
        })
        .collect();
    Matrix::from_rows(&data).unwrap()
}

pub fn rel_err(got: f64, want: f64) -> f64 {
    (got - want).abs() / want.abs().max(f64::MIN_POSITIVE)
}

/// Tracks the worst relative error per (dataset, method, quantity) group.
#[derive(Default)]
pub struct Checker {
    pub checked: usize,
    pub failures: Vec<String>,
    pub worst: BTreeMap<String, f64>,
}

impl Checker {
    pub fn check(&mut self, row: &RefRow, got: f64, tol: f64) {
        let e = rel_err(got, row.value);
        self.checked += 1;
        let key = format!(
            "{}/{}/{}",
            row.dataset,
            row.method,
            base_quantity(&row.quantity)
        );
        let w = self.worst.entry(key).or_insert(0.0);
        *w = w.max(e);
        if e.is_nan() || e > tol {
            self.failures.push(format!(
                "{} {} {} [{}]: got {got:.17e}, want {:.17e}, rel err {e:.2e} > {tol:.0e}",
                row.dataset, row.method, row.quantity, row.domain, row.value
            ));
        }
    }

    pub fn finish(&self, expected_rows: usize) {
        for (k, w) in &self.worst {
            eprintln!("worst rel err {k}: {w:.2e}");
        }
        assert!(self.failures.is_empty(), "{}", self.failures.join("\n"));
        assert_eq!(
            self.checked, expected_rows,
            "not every reference row was checked"
        );
    }
}

pub fn base_quantity(q: &str) -> &str {
    q.split('[').next().unwrap()
}

/// Index inside `beta[name]` for the coefficient names used by sae.
pub fn coef_index(quantity: &str, names: &[&str]) -> usize {
    let inner = quantity
        .split_once('[')
        .and_then(|(_, r)| r.strip_suffix(']'))
        .unwrap_or_else(|| panic!("no coefficient name in {quantity}"));
    names
        .iter()
        .position(|n| *n == inner)
        .unwrap_or_else(|| panic!("unknown coefficient {inner}"))
}
