//! What the small area steps write: the per-area table of the Fay-Herriot model (CSV/JSON by
//! the caller, or an XLSX workbook with the model summary), and the estimates and model
//! summary of the unit-level model.

use std::io::{self, Write};

use civis_io::estimate_table::{csv_field, num, short};
use civis_io::xlsx::{write_xlsx, XlsxCell, XlsxSheet};
use serde_json::{json, Map, Value};

use crate::sae::{AreaRow, ModelSummary, UnitRun};

/// The columns of the Fay-Herriot table (`civis sae fh`).
pub const AREA_COLUMNS: [&str; 12] = [
    "area",
    "direct",
    "direct_se",
    "eblup",
    "mse",
    "rmse",
    "cv",
    "gamma",
    "synthetic",
    "in_sample",
    "flags",
    "benchmarked",
];

/// The text columns of [`AREA_COLUMNS`]; the others hold numbers (in JSON and XLSX).
pub const AREA_TEXT: [&str; 3] = ["area", "in_sample", "flags"];

impl AreaRow {
    /// The cells under [`AREA_COLUMNS`]: numbers in full when `exact` (files), else shortened
    /// for the screen.
    pub fn cells(&self, exact: bool) -> Vec<String> {
        let f = |v: f64| if exact { num(v) } else { short(v) };
        vec![
            self.area.clone(),
            f(self.direct),
            f(self.direct_se),
            f(self.eblup),
            f(self.mse),
            f(self.rmse),
            f(self.cv),
            f(self.gamma),
            f(self.synthetic),
            self.in_sample.to_string(),
            self.flags.clone(),
            self.benchmarked.map(f).unwrap_or_default(),
        ]
    }
}

/// The Fay-Herriot result as an XLSX workbook: the sheet `small areas` (numbers as numbers)
/// and the sheet `model` with the summary lines.
pub fn write_areas_xlsx<W: Write>(
    w: W,
    rows: &[AreaRow],
    summary: &ModelSummary,
) -> io::Result<()> {
    let numeric = |s: String| s.parse::<f64>().map_or(XlsxCell::Empty, XlsxCell::Number);
    let data = XlsxSheet {
        name: "small areas".into(),
        header: AREA_COLUMNS.iter().map(|c| c.to_string()).collect(),
        rows: rows
            .iter()
            .map(|r| {
                r.cells(true)
                    .into_iter()
                    .enumerate()
                    .map(|(j, v)| match j {
                        0 | 9 | 10 => XlsxCell::from(v),
                        _ => numeric(v),
                    })
                    .collect()
            })
            .collect(),
    };
    let meta = XlsxSheet {
        name: "model".into(),
        header: vec!["summary".into()],
        rows: summary
            .lines
            .iter()
            .map(|l| vec![XlsxCell::from(l.as_str())])
            .collect(),
    };
    write_xlsx(w, &[data, meta])
}

impl UnitRun {
    /// Writes the estimates as CSV: `area, indicator, estimate, mse, cv, n, in_sample, flags`
    /// (`cv` = root-MSE / |estimate|; every estimate is flagged `e`, estimated by a model).
    pub fn write_estimates_csv<W: Write>(&self, mut w: W) -> io::Result<()> {
        writeln!(w, "area,indicator,estimate,mse,cv,n,in_sample,flags")?;
        for e in &self.result.estimates {
            let mse = e.mse.unwrap_or(f64::NAN);
            writeln!(
                w,
                "{},{},{},{},{},{},{},e",
                csv_field(&self.data.areas[e.area].name),
                e.indicator.name(),
                num(e.estimate),
                num(mse),
                num(mse.sqrt() / e.estimate.abs()),
                e.n,
                e.in_sample
            )?;
        }
        Ok(())
    }

    /// The model summary: coefficients and their standard errors, variance components,
    /// transformation, options (`mse` as requested), sizes, benchmark and diagnostics. `response`
    /// and `area` name the columns the model was fitted on.
    pub fn model_summary(&self, response: &str, area: &str, mse: &str) -> Value {
        let (data, opts, r) = (&self.data, &self.options, &self.result);
        let fit = &r.model.fit;
        let t = &r.model.transform;
        let names: Vec<String> = std::iter::once("(Intercept)".to_string())
            .chain(data.covariates.iter().cloned())
            .collect();
        let d = &r.diagnostics;
        json!({
            "response": response,
            "area": area,
            "method": "REML",
            "beta": named(&names, &fit.beta),
            "beta_se": named(&names, &fit.beta_se()),
            "sigma2_u": fit.sigma2_u,
            "sigma2_e": fit.sigma2_e,
            "transformation": t.kind.name(),
            "lambda": t.lambda.is_finite().then_some(t.lambda),
            "shift": t.shift,
            "log_likelihood": fit.log_likelihood,
            "threshold": opts.threshold,
            "L": opts.draws,
            "mse": mse,
            "seed": opts.seed,
            "n_sample": data.sample_size(),
            "areas_in_sample": data.sample.len(),
            "areas": data.areas.len(),
            "benchmark": self.benchmark.as_ref().map(|b| json!({
                "method": b.method.name(),
                "targets": b.targets.iter().map(|(i, t)| (i.name(), json!(t))).collect::<Map<_, _>>(),
            })),
            "diagnostics": {
                "residuals": normality_json(&d.residual_normality),
                "random_effects": normality_json(&d.random_effect_normality),
                "r2_marginal": d.r2_marginal,
                "r2_conditional": d.r2_conditional,
                "icc": d.icc,
            },
        })
    }
}

fn named(names: &[String], values: &[f64]) -> Map<String, Value> {
    names
        .iter()
        .cloned()
        .zip(values.iter().map(|v| json!(v)))
        .collect()
}

fn normality_json(n: &civis_sae::Normality) -> Value {
    json!({
        "skewness": n.skewness,
        "kurtosis": n.kurtosis,
        "shapiro_w": n.shapiro.map(|s| s.w),
        "shapiro_p": n.shapiro.map(|s| s.p_value),
    })
}
