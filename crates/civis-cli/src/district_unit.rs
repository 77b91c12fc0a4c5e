//! The default database's unit-level district estimates: the mean equivalised income and the
//! at-risk-of-poverty rate of Austria's 94 districts from emdi's synthetic eusilcA sample and
//! population, by the unit-level workflow of civis-pipeline ([`eusilca_districts`]: Molina-Rao
//! EBP, Box-Cox transformation, parametric bootstrap MSE). Stored model-based like the
//! Fay-Herriot datasets: the model share `1 - gamma_d` (1 for the 24 districts without sample)
//! and a 95 % interval from the MSE (estimate +- 1.96 root-MSE, truncated to [0, 100] for the
//! rate).

use std::path::Path;

use anyhow::{anyhow, Context, Result};
use civis_catalog::TargetGroup;
use civis_sae::unit::Indicator;
use civis_store::{Method, Observation, Provenance};

use crate::default_db::{District, SYNTHETIC_YEAR};
use crate::sae_unit_cmd;
use civis_pipeline::sae::eusilca_districts;

const Z95: f64 = 1.959_963_984_540_054;

/// The indicator ids of the stored estimates (context indicators of `crates/civis-catalog/data/official.toml`).
pub const MEAN_ID: &str = "mean_equivalised_income_unit_level";
pub const POVERTY_ID: &str = "at_risk_of_poverty_rate_all_persons";

/// The unit-level dataset (provenance and observations) from `data_dir/sae/`.
pub fn district_unit_level(
    data_dir: &Path,
    districts: &[District],
) -> Result<(Provenance, Vec<Observation>)> {
    let model = eusilca_districts(data_dir);
    let pop = data_dir.join("sae/eusilcA_pop.csv");
    let run = sae_unit_cmd::compute(&model)
        .with_context(|| format!("unit-level EBP with the population {}", pop.display()))?;
    let mut observations = Vec::with_capacity(run.result.estimates.len());
    for e in &run.result.estimates {
        let name = &run.data.areas[e.area].name;
        let geo = districts
            .iter()
            .find(|d| &d.name == name)
            .map(|d| d.code.clone())
            .ok_or_else(|| anyhow!("district `{name}` is not in austria_districts.geojson"))?;
        let (indicator, unit, scale) = match e.indicator {
            Indicator::Mean => (MEAN_ID, "EUR", 1.0),
            Indicator::Hcr => (POVERTY_ID, "PC", 100.0),
            other => unreachable!("{other:?} is not requested"),
        };
        let (est, se) = (e.estimate * scale, e.mse.map(|m| m.sqrt() * scale));
        let finite = |v: f64| Some(v).filter(|x| x.is_finite());
        // A rate's interval stays within [0, 100] (estimate +- 1.96 root-MSE, truncated).
        let (floor, ceiling) = if unit == "PC" {
            (0.0, 100.0)
        } else {
            (f64::NEG_INFINITY, f64::INFINITY)
        };
        observations.push(Observation {
            indicator: indicator.into(),
            geo,
            group: TargetGroup::Total.code().into(),
            sex: "T".into(),
            age: "TOTAL".into(),
            time: SYNTHETIC_YEAR.into(),
            unit: unit.into(),
            estimate: finite(est),
            se: se.and_then(finite),
            ci_low: se.and_then(|s| finite((est - Z95 * s).max(floor))),
            ci_high: se.and_then(|s| finite((est + Z95 * s).min(ceiling))),
            n: Some(e.n as i64),
            flags: "e".into(),
            model_share: finite(1.0 - e.gamma),
            ..Default::default()
        });
    }
    let t = &run.result.model.transform;
    Ok((
        Provenance {
            name: "eusilcA_unit_ebp".into(),
            file: "data/sae/eusilcA_smp.csv, data/sae/eusilcA_pop.csv".into(),
            source: format!(
                "Civis unit-level EBP (Molina-Rao 2010; nested-error model by REML, Box-Cox lambda {:.3}, L = {}, bootstrap MSE B = 20) on the synthetic emdi data eusilcA: 13 person-level covariates, poverty line 0.6 x the weighted sample median ({:.0} EUR)",
                t.lambda, run.options.draws, run.options.threshold
            ),
            method: Method::ModelBased,
            vintage: "emdi 2.2.3".into(),
            attribution: "Synthetic data: R package emdi 2.2.3 (GPL-2), eusilcA_smp / eusilcA_pop".into(),
            synthetic: true,
        },
        observations,
    ))
}
