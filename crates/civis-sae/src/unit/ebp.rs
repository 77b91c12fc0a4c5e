//! Empirical Best Predictor of Molina & Rao (2010, "Small area estimation of
//! poverty indicators", Canadian J. Statistics 38) in the census version of
//! R `emdi::ebp` (file `R/point_estimation.R`), with the parametric bootstrap
//! MSE of González-Manteiga et al. (2008) as emdi's `mse_estimation.R`.
//!
//! **EBP.** With the model fitted to the transformed response `z = T(y)`, the
//! whole population of area d is drawn L times from the conditional
//! distribution given the sample: `z_di = x_di' beta + u_d + v_d + e_di`,
//! `v_d ~ N(0, s2u (1 - gamma_d))` (in sample; `u_d` the predicted random
//! effect) or `v_d ~ N(0, s2u)`, `u_d = 0` (out of sample), `e_di ~ N(0, s2e)`;
//! `y = T^-1(z)`, the indicator is computed on each drawn population and
//! averaged over the L draws. The population file is a census without a link
//! to the sample, so every population person is drawn (as emdi does). For the
//! mean without transformation the limit of the Monte Carlo, the BHF EBLUP
//! `Xbar_d' beta + u_d`, is used directly.
//!
//! **Bootstrap MSE.** For b = 1..B: draw `u*_d ~ N(0, s2u)` and a population
//! `y* = T^-1(x' beta + u*_d + e*)` (its indicators are the bootstrap truth),
//! and a sample `y*_dj = T^-1(x_dj' beta + u*_d + e*_dj)` on the sample's
//! covariates; refit the model (the transformation parameter included) on the
//! bootstrap sample and compute the EBP; `mse_d = mean_b (EBP*_d - truth*_d)^2`.
//! The poverty line is held fixed.
//!
//! **Random numbers.** Area d of the EBP draws from stream `(seed, d)`;
//! replicate b uses seed `seed_b` derived from `(seed, b)` for its population,
//! sample and EBP. Results do not depend on the number of threads.

use rayon::prelude::*;

use super::bhf::NestedErrorFit;
use super::data::{PopulationArea, SampleArea};
use super::indicators::{gini_sorted, indicator_value, quantile_sorted, Indicator};
use super::rng::Xoshiro;
use super::transform::{fit_transformed, FittedTransform, Transformation};
use super::UnitError;

/// A fitted unit-level model: the transformation and the nested-error fit.
#[derive(Debug, Clone)]
pub struct UnitModel {
    /// The transformation with its estimated parameter.
    pub transform: FittedTransform,
    /// REML fit on the transformed response.
    pub fit: NestedErrorFit,
}

impl UnitModel {
    /// Estimates the transformation parameter and fits the model (module docs of
    /// [`super::transform`]).
    pub fn fit(kind: Transformation, sample: &[SampleArea]) -> Result<Self, UnitError> {
        let (transform, fit) = fit_transformed(kind, sample)?;
        Ok(Self { transform, fit })
    }

    /// The transformed response of the sample, per sampled area.
    pub fn transformed_response(&self, sample: &[SampleArea]) -> Vec<Vec<f64>> {
        sample
            .iter()
            .map(|s| s.y.iter().map(|v| self.transform.forward(*v)).collect())
            .collect()
    }
}

/// What the Monte Carlo computes.
#[derive(Debug, Clone, PartialEq)]
pub struct EbpSpec {
    /// Indicators, in output order.
    pub indicators: Vec<Indicator>,
    /// Poverty line on the original scale.
    pub threshold: f64,
    /// Monte Carlo draws L.
    pub draws: usize,
    /// Seed.
    pub seed: u64,
}

/// Per area, conditional mean and standard deviations of the draws.
fn area_moments(fit: &NestedErrorFit, areas: usize) -> Vec<(f64, f64)> {
    let mut m = vec![(0.0, fit.sigma2_u.sqrt()); areas];
    for a in &fit.areas {
        m[a.area] = (a.u, (fit.sigma2_u * (1.0 - a.gamma)).max(0.0).sqrt());
    }
    m
}

/// `x' beta` (plus `shift`) for every person of an area, into `out`.
fn linear_predictor(beta: &[f64], area: &PopulationArea, shift: f64, out: &mut Vec<f64>) {
    out.clear();
    out.resize(area.size, beta[0] + shift);
    for (col, b) in area.x.iter().zip(&beta[1..]) {
        for (o, x) in out.iter_mut().zip(col) {
            *o += b * x;
        }
    }
}

/// Buffers and flags of one area's Monte Carlo, allocated once per area.
struct Draws<'a> {
    spec: &'a EbpSpec,
    t: FittedTransform,
    /// `T(threshold)` for the comparison on the transformed scale.
    z_line: f64,
    back: bool,
    sort: bool,
    sorted: Vec<f64>,
}

impl<'a> Draws<'a> {
    fn new(spec: &'a EbpSpec, t: FittedTransform) -> Self {
        let needs = |f: fn(&Indicator) -> bool| spec.indicators.iter().any(f);
        let sort = needs(Indicator::needs_sorting);
        let back = sort
            || needs(|i| matches!(i, Indicator::Mean | Indicator::Pgap))
            || (needs(|i| *i == Indicator::Hcr) && !t.order_preserving());
        let z_line = if spec.threshold + t.shift > 0.0 || t.kind == Transformation::None {
            t.forward(spec.threshold)
        } else {
            f64::NEG_INFINITY
        };
        Self {
            spec,
            t,
            z_line,
            back,
            sort,
            sorted: Vec::new(),
        }
    }

    /// Adds the indicators of one drawn population `mu + v + sd_e * e` to `acc`.
    fn draw(&mut self, mu: &[f64], v: f64, sd_e: f64, rng: &mut Xoshiro, acc: &mut [f64]) {
        let n = mu.len() as f64;
        let line = self.spec.threshold;
        let (mut sum, mut poor, mut gap) = (0.0, 0usize, 0.0);
        if self.sort {
            self.sorted.clear();
        }
        for m in mu {
            let z = m + v + sd_e * rng.normal();
            if self.back {
                let y = self.t.back(z);
                sum += y;
                if y < line {
                    poor += 1;
                    gap += (line - y) / line;
                }
                if self.sort {
                    self.sorted.push(y);
                }
            } else {
                sum += z;
                poor += usize::from(z < self.z_line);
            }
        }
        if self.sort {
            self.sorted.sort_unstable_by(f64::total_cmp);
        }
        for (a, ind) in acc.iter_mut().zip(&self.spec.indicators) {
            *a += match ind {
                Indicator::Mean => sum / n,
                Indicator::Hcr => poor as f64 / n,
                Indicator::Pgap => gap / n,
                Indicator::Quantile(p) => quantile_sorted(&self.sorted, *p),
                Indicator::Gini => gini_sorted(&self.sorted),
            };
        }
    }
}

/// EBP of every indicator of `spec` for every area of `population`
/// (`[area][indicator]`). The population must carry per-person covariates.
pub fn ebp(
    model: &UnitModel,
    population: &[PopulationArea],
    spec: &EbpSpec,
) -> Result<Vec<Vec<f64>>, UnitError> {
    if let Some(a) = population.iter().find(|a| !a.has_units()) {
        return Err(UnitError::Input(format!(
            "the EBP needs the covariates of every person of area `{}`",
            a.name
        )));
    }
    if spec.draws == 0 {
        return Err(UnitError::Input(
            "the number of Monte Carlo draws L must be at least 1".into(),
        ));
    }
    let fit = &model.fit;
    let moments = area_moments(fit, population.len());
    let sd_e = fit.sigma2_e.sqrt();
    let exact_mean = model.transform.kind == Transformation::None;
    Ok(population
        .par_iter()
        .zip(moments.par_iter())
        .enumerate()
        .map(|(d, (area, &(u, sd_v)))| {
            let mut rng = Xoshiro::stream(spec.seed, d as u64);
            let mut mu = Vec::new();
            linear_predictor(&fit.beta, area, u, &mut mu);
            let mut draws = Draws::new(spec, model.transform);
            let mut acc = vec![0.0; spec.indicators.len()];
            let only_exact = exact_mean && spec.indicators.iter().all(|i| *i == Indicator::Mean);
            for _ in 0..if only_exact { 0 } else { spec.draws } {
                let v = sd_v * rng.normal();
                draws.draw(&mu, v, sd_e, &mut rng, &mut acc);
            }
            let synthetic_mean = mu.iter().sum::<f64>() / mu.len() as f64;
            acc.iter()
                .zip(&spec.indicators)
                .map(|(a, ind)| match ind {
                    Indicator::Mean if exact_mean => synthetic_mean,
                    _ => a / spec.draws as f64,
                })
                .collect()
        })
        .collect())
}

/// Seed of bootstrap replicate `b`.
fn replicate_seed(seed: u64, b: usize) -> u64 {
    Xoshiro::stream(seed, 0x5EED_0000_0000 + b as u64).next_u64()
}

/// Parametric bootstrap MSE of the EBP (`[area][indicator]`), B replicates
/// (module docs). `kind` is the transformation family, refitted in every replicate.
pub fn bootstrap_mse(
    model: &UnitModel,
    kind: Transformation,
    sample: &[SampleArea],
    population: &[PopulationArea],
    spec: &EbpSpec,
    replicates: usize,
    mut progress: impl FnMut(usize),
) -> Result<Vec<Vec<f64>>, UnitError> {
    let k = spec.indicators.len();
    let mut sq = vec![vec![0.0; k]; population.len()];
    let fit = &model.fit;
    let (sd_u, sd_e) = (fit.sigma2_u.sqrt(), fit.sigma2_e.sqrt());
    for b in 0..replicates {
        let seed_b = replicate_seed(spec.seed, b);
        // Bootstrap population: random effects and the true indicators.
        let truth: Vec<(f64, Vec<f64>)> = population
            .par_iter()
            .enumerate()
            .map(|(d, area)| {
                let mut rng = Xoshiro::stream(seed_b, d as u64);
                let u = sd_u * rng.normal();
                let mut y = Vec::new();
                linear_predictor(&fit.beta, area, u, &mut y);
                y.iter_mut()
                    .for_each(|v| *v = model.transform.back(*v + sd_e * rng.normal()));
                let values = spec
                    .indicators
                    .iter()
                    .map(|ind| indicator_value(*ind, &y, spec.threshold))
                    .collect();
                (u, values)
            })
            .collect();
        // Bootstrap sample on the sample's covariates.
        let boot: Vec<SampleArea> = sample
            .iter()
            .enumerate()
            .map(|(s, area)| {
                let mut rng = Xoshiro::stream(seed_b, (population.len() + s) as u64);
                let u = truth[area.area].0;
                let y = (0..area.n())
                    .map(|i| {
                        let xb = fit.beta[0]
                            + area
                                .x
                                .iter()
                                .zip(&fit.beta[1..])
                                .map(|(c, b)| c[i] * b)
                                .sum::<f64>();
                        model.transform.back(xb + u + sd_e * rng.normal())
                    })
                    .collect();
                SampleArea {
                    area: area.area,
                    y,
                    x: area.x.clone(),
                    weight: None,
                }
            })
            .collect();
        let refit = UnitModel::fit(kind, &boot)?;
        let boot_spec = EbpSpec {
            seed: seed_b ^ 0xEB9_0000_0000,
            ..spec.clone()
        };
        let est = ebp(&refit, population, &boot_spec)?;
        for ((acc, e), (_, t)) in sq.iter_mut().zip(&est).zip(&truth) {
            for j in 0..k {
                acc[j] += (e[j] - t[j]).powi(2);
            }
        }
        progress(b + 1);
    }
    let bf = replicates as f64;
    sq.iter_mut().flatten().for_each(|v| *v /= bf);
    Ok(sq)
}

/// The poverty line `factor x median` of the sample response: the weighted
/// median (smallest y whose cumulative weight share reaches 1/2) with weights,
/// else R's `median`.
pub fn threshold_from_median(sample: &[SampleArea], factor: f64) -> f64 {
    let y: Vec<f64> = sample.iter().flat_map(|s| s.y.iter().copied()).collect();
    let weighted = sample.iter().all(|s| s.weight.is_some());
    let median = if weighted {
        let w: Vec<f64> = sample
            .iter()
            .flat_map(|s| s.weight.iter().flatten().copied())
            .collect();
        super::indicators::weighted_indicator_value(Indicator::Quantile(0.5), &y, &w, 0.0)
    } else {
        indicator_value(Indicator::Quantile(0.5), &y, 0.0)
    };
    factor * median
}
