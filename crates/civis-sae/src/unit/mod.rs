//! Unit-level small area estimation: the nested-error regression of Battese,
//! Harter & Fuller (1988) fitted by REML on the survey's persons, applied to a
//! census or register that holds the same covariates for every person.
//!
//! * [`bhf`]: REML fit from per-area sufficient statistics, BHF EBLUP of area
//!   means with the Prasad-Rao MSE, emdi's residual diagnostics and R-squared.
//! * [`transform`]: none, log, log-shift and Box-Cox transformations of the
//!   response, the parameter estimated by REML as R `emdi::ebp`.
//! * [`ebp`]: the Empirical Best Predictor of Molina & Rao (2010) for
//!   non-linear indicators ([`indicators`]: mean, head count ratio, poverty
//!   gap, quantiles, Gini) by Monte Carlo, and its parametric bootstrap MSE;
//!   parallel over areas with seeded per-area streams ([`rng`]), so the same
//!   seed gives the same numbers on any number of threads.
//! * [`estimate`] runs the whole workflow from [`UnitData`] and [`UnitOptions`].
//!
//! Reading the sample and population files is the caller's job (civis-io);
//! this module does no I/O.

pub mod bhf;
pub mod data;
pub mod ebp;
pub mod indicators;
pub mod optim;
pub mod rng;
pub mod transform;

pub use bhf::{fit_reml, Eblup, NestedErrorFit, UnitDiagnostics};
pub use data::{PopulationArea, SampleArea, UnitData};
pub use ebp::{bootstrap_mse, ebp, threshold_from_median, EbpSpec, UnitModel};
pub use indicators::Indicator;
pub use transform::{FittedTransform, Transformation};

use thiserror::Error;

/// The 13 numeric person-level covariates that emdi's synthetic `eusilcA_smp` and
/// `eusilcA_pop` (R package emdi 2.2.3) both carry: the model of emdi's `ebp` examples, of the
/// golden tests against emdi and of the default database's unit-level district estimates.
pub const EUSILCA_COVARIATES: [&str; 13] = [
    "eqsize",
    "cash",
    "self_empl",
    "unempl_ben",
    "age_ben",
    "surv_ben",
    "sick_ben",
    "dis_ben",
    "rent",
    "fam_allow",
    "house_allow",
    "cap_inv",
    "tax_adj",
];

/// What can go wrong in a unit-level model.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum UnitError {
    /// Inconsistent or invalid input.
    #[error("{0}")]
    Input(String),
    /// `X'V^-1X` is singular.
    #[error("the covariates are collinear: column {column} of X (0 is the intercept) is a linear combination of the columns before it (or constant); drop it")]
    Singular {
        /// Column of X (intercept = 0).
        column: usize,
    },
    /// REML did not reach an optimum.
    #[error("the model did not converge: {0}")]
    NotConverged(String),
    /// An option that does not apply.
    #[error("{0}")]
    Unsupported(String),
}

/// How the MSE is estimated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MseMethod {
    /// No MSE.
    None,
    /// Prasad-Rao MSE of the BHF EBLUP (the mean without transformation only).
    Analytic,
    /// Parametric bootstrap with this many replicates.
    Bootstrap(usize),
}

/// Options of [`estimate`].
#[derive(Debug, Clone, PartialEq)]
pub struct UnitOptions {
    /// Transformation of the response.
    pub transformation: Transformation,
    /// Indicators to estimate.
    pub indicators: Vec<Indicator>,
    /// Poverty line on the original scale (used by hcr and pgap).
    pub threshold: f64,
    /// Monte Carlo draws L.
    pub draws: usize,
    /// MSE method.
    pub mse: MseMethod,
    /// Seed of the Monte Carlo and the bootstrap.
    pub seed: u64,
}

impl UnitOptions {
    /// Whether the population's per-person covariates are needed (EBP or
    /// bootstrap), or only their sums (BHF EBLUP of the mean).
    pub fn needs_population_units(&self) -> bool {
        !(self.transformation == Transformation::None
            && self.indicators.iter().all(|i| *i == Indicator::Mean)
            && !matches!(self.mse, MseMethod::Bootstrap(_)))
    }
}

/// One estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaEstimate {
    /// Position of the area in [`UnitData::areas`].
    pub area: usize,
    /// The indicator.
    pub indicator: Indicator,
    /// EBP (or BHF EBLUP).
    pub estimate: f64,
    /// MSE, if estimated.
    pub mse: Option<f64>,
    /// Sample size of the area.
    pub n: usize,
    /// Whether the area is sampled.
    pub in_sample: bool,
    /// `gamma_d` (0 out of sample): `1 - gamma_d` is the model's share.
    pub gamma: f64,
}

/// Everything [`estimate`] produces.
#[derive(Debug, Clone)]
pub struct UnitResult {
    /// The fitted model.
    pub model: UnitModel,
    /// Diagnostics of the fit on the transformed scale.
    pub diagnostics: UnitDiagnostics,
    /// Estimates by area, then indicator.
    pub estimates: Vec<AreaEstimate>,
}

/// Fits the model and estimates every indicator of every population area.
/// `progress` receives the number of bootstrap replicates done.
pub fn estimate(
    data: &UnitData,
    opts: &UnitOptions,
    progress: impl FnMut(usize),
) -> Result<UnitResult, UnitError> {
    if opts.indicators.is_empty() {
        return Err(UnitError::Input("no indicator requested".into()));
    }
    if opts.mse == MseMethod::Analytic
        && (opts.transformation != Transformation::None
            || opts.indicators.iter().any(|i| *i != Indicator::Mean))
    {
        return Err(UnitError::Unsupported(
            "the analytic MSE exists for the mean without transformation (BHF EBLUP) only; use --mse bootstrap:B".into(),
        ));
    }
    let model = UnitModel::fit(opts.transformation, &data.sample)?;
    let z = model.transformed_response(&data.sample);
    let diagnostics = model.fit.diagnostics(&data.sample, &z);
    let x_means: Vec<Vec<f64>> = data.areas.iter().map(PopulationArea::x_means).collect();
    let eblups = model.fit.eblups(&x_means);
    let spec = EbpSpec {
        indicators: opts.indicators.clone(),
        threshold: opts.threshold,
        draws: opts.draws,
        seed: opts.seed,
    };
    let values = if opts.needs_population_units() {
        ebp(&model, &data.areas, &spec)?
    } else {
        eblups
            .iter()
            .map(|e| vec![e.estimate; opts.indicators.len()])
            .collect()
    };
    let mse = match opts.mse {
        MseMethod::None => None,
        MseMethod::Analytic => Some(
            eblups
                .iter()
                .map(|e| vec![e.mse; opts.indicators.len()])
                .collect(),
        ),
        MseMethod::Bootstrap(b) => Some(bootstrap_mse(
            &model,
            opts.transformation,
            &data.sample,
            &data.areas,
            &spec,
            b,
            progress,
        )?),
    };
    let mut n = vec![0; data.areas.len()];
    for s in &data.sample {
        n[s.area] = s.n();
    }
    let mut estimates = Vec::with_capacity(data.areas.len() * opts.indicators.len());
    for (d, row) in values.iter().enumerate() {
        for (k, ind) in opts.indicators.iter().enumerate() {
            // The EBP of the mean without transformation is the BHF EBLUP (ebp module docs).
            let exact = *ind == Indicator::Mean && opts.transformation == Transformation::None;
            estimates.push(AreaEstimate {
                area: d,
                indicator: *ind,
                estimate: if exact { eblups[d].estimate } else { row[k] },
                mse: mse.as_ref().map(|m: &Vec<Vec<f64>>| m[d][k]),
                n: n[d],
                in_sample: n[d] > 0,
                gamma: eblups[d].gamma,
            });
        }
    }
    Ok(UnitResult {
        model,
        diagnostics,
        estimates,
    })
}

/// The national direct estimate of `indicator` from the whole sample: survey
/// weighted (Hajek, [`indicators::weighted_indicator_value`]) when every area
/// has weights, else unweighted. The default benchmark target.
pub fn national_direct(sample: &[SampleArea], indicator: Indicator, threshold: f64) -> f64 {
    let y: Vec<f64> = sample.iter().flat_map(|s| s.y.iter().copied()).collect();
    if sample.iter().all(|s| s.weight.is_some()) {
        let w: Vec<f64> = sample
            .iter()
            .flat_map(|s| s.weight.iter().flatten().copied())
            .collect();
        indicators::weighted_indicator_value(indicator, &y, &w, threshold)
    } else {
        indicators::indicator_value(indicator, &y, threshold)
    }
}

/// Benchmarks the estimates of `indicator` so that their population-weighted
/// average `sum_d (N_d / N) theta_d` equals `target` ([`crate::benchmark`]: ratio
/// or raking). Only the mean, the head count ratio and the poverty gap are
/// population averages of person values; other indicators are refused. The MSEs
/// are left as they are (those of the unbenchmarked estimates).
pub fn benchmark_indicator(
    estimates: &mut [AreaEstimate],
    population: &[PopulationArea],
    indicator: Indicator,
    target: f64,
    method: crate::Benchmark,
) -> Result<(), UnitError> {
    if !matches!(
        indicator,
        Indicator::Mean | Indicator::Hcr | Indicator::Pgap
    ) {
        return Err(UnitError::Unsupported(format!(
            "{} is not a population average of person values and cannot be benchmarked",
            indicator.name()
        )));
    }
    let positions: Vec<usize> = (0..estimates.len())
        .filter(|i| estimates[*i].indicator == indicator)
        .collect();
    let sizes: Vec<f64> = positions
        .iter()
        .map(|i| population[estimates[*i].area].size as f64)
        .collect();
    let theta: Vec<f64> = positions.iter().map(|i| estimates[*i].estimate).collect();
    let shares = crate::Shares::from_sizes(&sizes).map_err(|e| UnitError::Input(e.to_string()))?;
    let bench = crate::benchmark(&theta, &shares, target, method)
        .map_err(|e| UnitError::Input(e.to_string()))?;
    for (i, b) in positions.iter().zip(bench) {
        estimates[*i].estimate = b;
    }
    Ok(())
}
