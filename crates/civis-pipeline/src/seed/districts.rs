//! The Austrian districts of the default database: Fay-Herriot estimates on emdi's synthetic
//! `eusilcA` data (`data/sae/`), direct -> Fay-Herriot in memory, the direct estimates beside
//! them. District codes are `AT-D` + the BEV code of `austria_districts.geojson`, matched on the
//! district name.
//!
//! * Mean equivalised income: direct district means of the unit-level sample `eusilcA_smp`
//!   (weighted, linearised: [`district_direct`]), Fay-Herriot by REML with the covariates
//!   `cash`, `self_empl`, `unempl_ben` of `eusilcA_popAgg` (24 of the 94 districts have no
//!   sample and get the synthetic estimate).
//! * Share above the national median income: emdi's direct estimates `MTMED` of
//!   `eusilcA_smpAgg` (districts whose estimated variance is 0 left to the model), covariates
//!   `cash`, `age_ben`, `rent`, `house_allow`.
//! * Unit level ([`district_unit_level`]): the mean equivalised income and the at-risk-of-poverty
//!   rate from the eusilcA sample and population by the unit-level workflow
//!   ([`eusilca_districts`]: Molina-Rao EBP, Box-Cox transformation, parametric bootstrap MSE).
//!   Stored model-based like the Fay-Herriot datasets: the model share `1 - gamma_d` (1 for the
//!   24 districts without sample) and a 95 % interval from the MSE (estimate +- 1.96 root-MSE,
//!   truncated to [0, 100] for the rate).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use civis_catalog::TargetGroup;
use civis_io::{read_csv, CsvOptions};
use civis_store::{Method, Observation, Provenance};

use crate::error::{invalid, Result, WithContext};
use crate::real_europe::SourceDataset;
use civis_sae::unit::Indicator;

use crate::sae::{
    eusilca_districts, AreaRow, DirectEstimates, FayHerriotBuilder, FhInput, SamplingVariance,
    UnitProgress,
};
use crate::seed::{finite, District, SYNTHETIC_YEAR};
use crate::{DesignBuilder, EstimateBuilder, Estimation, Measure};

/// Normal quantile of a 95 % interval.
const Z95: f64 = 1.959_963_984_540_054;

/// The direct district means of `eusilcA_smp` (weighted, linearised), as `civis estimate`
/// computes them.
pub fn district_direct(smp: PathBuf) -> Result<Estimation> {
    EstimateBuilder::new(smp)
        .design(DesignBuilder::new().weight("weight").build()?)
        .measure(Measure::Mean("eqIncome".into()))
        .by("district")
        .build()
}

/// The Fay-Herriot estimates of `direct` with `covariates` of `eusilcA_popAgg` (joined on its
/// `Domain`): REML, analytic MSE, no transformation, no benchmark.
fn fay_herriot(
    direct: &DirectEstimates,
    model: &mut FayHerriotBuilder,
    covariates: &[&str],
    pop_agg: &Path,
) -> Result<Vec<AreaRow>> {
    let aux = read_csv(pop_agg, &CsvOptions::default())?;
    let source = pop_agg.display().to_string();
    let out = model
        .covariates(covariates)
        .build()?
        .run(&FhInput::new(direct).aux(&aux, &source, Some("Domain")))?;
    Ok(out.rows)
}

/// The code of the district named `name`.
fn district_code<'a>(districts: &'a [District], name: &str) -> Result<&'a str> {
    districts
        .iter()
        .find(|d| d.name == name)
        .map(|d| d.code.as_str())
        .ok_or_else(|| invalid!("district `{name}` is not in austria_districts.geojson"))
}

/// The attribution of every district dataset.
const EUSILCA_ATTRIBUTION: &str =
    "Synthetic data: R package emdi 2.2.3 (GPL-2), eusilcA_smp / eusilcA_smpAgg / eusilcA_popAgg";

/// Model-based and direct observations of one district target.
fn district_pair(
    rows: &[AreaRow],
    districts: &[District],
    indicator: &str,
    unit: &str,
    scale: f64,
    n_of: &HashMap<String, i64>,
) -> Result<(Vec<Observation>, Vec<Observation>)> {
    let base = |geo: &str| Observation {
        indicator: indicator.to_string(),
        geo: geo.to_string(),
        criterion: String::new(),
        group: TargetGroup::Total.into(),
        sex: "T".into(),
        age: "TOTAL".into(),
        time: SYNTHETIC_YEAR.into(),
        unit: unit.into(),
        ..Default::default()
    };
    // a share (unit PC) gets an interval inside [0, 100]: the logit interval (normal quantile),
    // Clopper-Pearson at 0 % and 100 %; other units e ± 1.96 s
    let interval = |e: f64, s: f64, n: Option<i64>| -> (Option<f64>, Option<f64>) {
        if unit == "PC" {
            let n = n.and_then(|n| u64::try_from(n).ok()).unwrap_or(0);
            if let Ok(Some(i)) =
                civis_compare::proportion_interval(e / 100.0, s / 100.0, f64::INFINITY, n, 0.95)
            {
                return (finite(100.0 * i.low), finite(100.0 * i.high));
            }
        }
        (finite(e - Z95 * s), finite(e + Z95 * s))
    };
    let (mut model, mut direct) = (Vec::new(), Vec::new());
    for r in rows {
        let geo = district_code(districts, &r.area)?;
        let (e, s) = (r.eblup * scale, r.rmse * scale);
        // A linear model can predict a share outside [0, 100] % for a district whose
        // covariates lie far from the others (the synthetic part, X'beta, is unbounded): such a
        // prediction is not an estimate of a share, so it is not published.
        let outside = unit == "PC" && !(0.0..=100.0).contains(&e);
        // at 0 % or 100 % (a direct share with variance 0 gives the model no weight) the
        // interval is Clopper-Pearson for the area's sample
        let in_sample_n = if r.in_sample {
            n_of.get(&r.area).copied()
        } else {
            None
        };
        let (ci_low, ci_high) = interval(e, s, in_sample_n);
        if !outside {
            model.push(Observation {
                estimate: finite(e),
                se: finite(s),
                ci_low,
                ci_high,
                n: if r.in_sample {
                    n_of.get(&r.area).copied()
                } else {
                    Some(0)
                },
                flags: r.flags.clone(),
                model_share: finite(1.0 - r.gamma),
                ..base(geo)
            });
        }
        if r.in_sample {
            let (e, s) = (r.direct * scale, r.direct_se * scale);
            let n = n_of.get(&r.area).copied();
            let (ci_low, ci_high) = interval(e, s, n);
            direct.push(Observation {
                estimate: finite(e),
                se: finite(s),
                ci_low,
                ci_high,
                n,
                ..base(geo)
            });
        }
    }
    Ok((model, direct))
}

/// `eusilcA_income_direct` and `eusilcA_income_fh`.
pub fn district_mean_income(data_dir: &Path, districts: &[District]) -> Result<[SourceDataset; 2]> {
    let smp = data_dir.join("sae/eusilcA_smp.csv");
    let pop_agg = data_dir.join("sae/eusilcA_popAgg.csv");
    let est = district_direct(smp.clone())
        .and_then(|e| e.run(None))
        .with_context(|| format!("direct district estimates from {}", smp.display()))?;
    let rows = fay_herriot(
        &DirectEstimates::from_estimates(&est)?,
        &mut FayHerriotBuilder::new(
            "district",
            "estimate",
            SamplingVariance::StandardError("se".into()),
        ),
        &["cash", "self_empl", "unempl_ben"],
        &pop_agg,
    )
    .with_context(|| format!("Fay-Herriot with covariates from {}", pop_agg.display()))?;
    let n_of: HashMap<String, i64> = est
        .rows
        .iter()
        .filter_map(|r| Some((r.domain.first()?.clone(), r.n as i64)))
        .collect();
    let (model, direct) = district_pair(
        &rows,
        districts,
        "mean_equivalised_income",
        "EUR",
        1.0,
        &n_of,
    )?;
    Ok([
        emdi_dataset(
            "eusilcA_income_direct",
            "data/sae/eusilcA_smp.csv",
            "Civis, direct estimates from the synthetic emdi sample eusilcA_smp",
            Method::Direct,
            direct,
        ),
        emdi_dataset(
            "eusilcA_income_fh",
            "data/sae/eusilcA_smp.csv, data/sae/eusilcA_popAgg.csv",
            "Civis Fay-Herriot (REML) on the synthetic emdi data eusilcA: direct district means, covariates cash + self_empl + unempl_ben",
            Method::ModelBased,
            model,
        ),
    ])
}

/// `eusilcA_above_median_direct` and `eusilcA_above_median_fh`.
pub fn district_above_median(
    data_dir: &Path,
    districts: &[District],
) -> Result<[SourceDataset; 2]> {
    let smp_agg = data_dir.join("sae/eusilcA_smpAgg.csv");
    let pop_agg = data_dir.join("sae/eusilcA_popAgg.csv");
    // a share of 0 or 1 in a small sample has an estimated variance of 0, which would make the
    // direct estimate exact (MSE 0): those districts get the synthetic estimate
    let rows = DirectEstimates::read(&smp_agg)
        .and_then(|d| d.filter("Var_MTMED > 0"))
        .and_then(|direct| {
            fay_herriot(
                &direct,
                &mut FayHerriotBuilder::new(
                    "Domain",
                    "MTMED",
                    SamplingVariance::Variance("Var_MTMED".into()),
                ),
                &["cash", "age_ben", "rent", "house_allow"],
                &pop_agg,
            )
        })
        .with_context(|| format!("Fay-Herriot on {}", smp_agg.display()))?;
    let agg = read_csv(&smp_agg, &CsvOptions::default())?;
    let names = agg.column("Domain")?;
    let n = agg.numeric("n")?;
    let n_of: HashMap<String, i64> = (0..agg.nrows())
        .filter_map(|i| Some((names.label(i)?, finite(n[i])? as i64)))
        .collect();
    let (model, direct) = district_pair(
        &rows,
        districts,
        "above_median_income_share",
        "PC",
        100.0,
        &n_of,
    )?;
    Ok([
        emdi_dataset(
            "eusilcA_above_median_direct",
            "data/sae/eusilcA_smpAgg.csv",
            "emdi's direct district estimates MTMED of the synthetic data eusilcA (eusilcA_smpAgg)",
            Method::Direct,
            direct,
        ),
        emdi_dataset(
            "eusilcA_above_median_fh",
            "data/sae/eusilcA_smpAgg.csv, data/sae/eusilcA_popAgg.csv",
            "Civis Fay-Herriot (REML) on the synthetic emdi data eusilcA: MTMED, covariates cash + age_ben + rent + house_allow",
            Method::ModelBased,
            model,
        ),
    ])
}

/// A dataset of district estimates made from the synthetic emdi data eusilcA (emdi 2.2.3).
fn emdi_dataset(
    name: &str,
    file: &str,
    source: &str,
    method: Method,
    observations: Vec<Observation>,
) -> SourceDataset {
    SourceDataset {
        provenance: Provenance {
            name: name.into(),
            file: file.into(),
            source: source.into(),
            method,
            vintage: "emdi 2.2.3".into(),
            attribution: EUSILCA_ATTRIBUTION.into(),
            synthetic: true,
        },
        observations,
    }
}

/// The indicator ids of the stored estimates (context indicators of `crates/civis-catalog/data/official.toml`).
pub const MEAN_ID: &str = "mean_equivalised_income_unit_level";
pub const POVERTY_ID: &str = "at_risk_of_poverty_rate_all_persons";

/// `eusilcA_unit_ebp`: the unit-level model [`eusilca_districts`] on `data_dir/sae/`; `progress`
/// hears the model's progress (files read, bootstrap replicates).
pub fn district_unit_level(
    data_dir: &Path,
    districts: &[District],
    progress: &mut dyn FnMut(UnitProgress),
) -> Result<SourceDataset> {
    let pop = data_dir.join("sae/eusilcA_pop.csv");
    let run = eusilca_districts(data_dir)
        .build()
        .and_then(|m| m.run(progress))
        .with_context(|| format!("unit-level EBP with the population {}", pop.display()))?;
    let mut observations = Vec::with_capacity(run.result.estimates.len());
    for e in &run.result.estimates {
        let name = &run.data.areas[e.area].name;
        let geo = district_code(districts, name)?.to_string();
        let (indicator, unit, scale) = match e.indicator {
            Indicator::Mean => (MEAN_ID, "EUR", 1.0),
            Indicator::Hcr => (POVERTY_ID, "PC", 100.0),
            other => unreachable!("{other:?} is not requested"),
        };
        let (est, se) = (e.estimate * scale, e.mse.map(|m| m.sqrt() * scale));
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
    Ok(SourceDataset {
        provenance: Provenance {
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
    })
}
