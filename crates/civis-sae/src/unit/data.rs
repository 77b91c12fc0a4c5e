//! Model inputs of the unit-level models: the sample (one value of the
//! response and the covariates per sampled person, grouped by area) and the
//! population (covariates of every person of every area, or only their sums
//! when only the BHF EBLUP of the mean is wanted).
//!
//! Covariates are stored columnar per area (`x[k][i]` is covariate k of person
//! i), as `f64`, never as per-person structs. The intercept is not stored; the
//! models add it as the first column, named `(Intercept)` as R names it.

use super::UnitError;

/// The sampled persons of one area.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SampleArea {
    /// Position of the area in [`Population::areas`].
    pub area: usize,
    /// The response (untransformed).
    pub y: Vec<f64>,
    /// Covariate columns, each of the length of `y`.
    pub x: Vec<Vec<f64>>,
    /// Survey weights, if given (used by the direct estimates and the
    /// threshold rule, not by the model).
    pub weight: Option<Vec<f64>>,
}

impl SampleArea {
    /// Sample size `n_d`.
    pub fn n(&self) -> usize {
        self.y.len()
    }
}

/// One area of the population.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PopulationArea {
    /// Area code or name.
    pub name: String,
    /// Number of persons `N_d`.
    pub size: usize,
    /// Sums of the covariates over the persons of the area.
    pub x_sums: Vec<f64>,
    /// Covariate columns of every person (needed by the EBP; empty when only
    /// the sums were kept).
    pub x: Vec<Vec<f64>>,
}

impl PopulationArea {
    /// Population means `Xbar_d` of the covariates (without the intercept).
    pub fn x_means(&self) -> Vec<f64> {
        self.x_sums.iter().map(|s| s / self.size as f64).collect()
    }

    /// Whether the per-person covariates are present.
    pub fn has_units(&self) -> bool {
        self.x.len() == self.x_sums.len() && self.x.iter().all(|c| c.len() == self.size)
    }
}

/// Sample and population of a unit-level model.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UnitData {
    /// Covariate names (without the intercept), in the column order of `x`.
    pub covariates: Vec<String>,
    /// Areas of the population; every area of the sample is one of them.
    pub areas: Vec<PopulationArea>,
    /// Sampled areas (each at most once).
    pub sample: Vec<SampleArea>,
}

impl UnitData {
    /// Checks dimensions and finiteness; returns the data unchanged.
    pub fn validated(self) -> Result<Self, UnitError> {
        let p = self.covariates.len();
        let mut seen = vec![false; self.areas.len()];
        for a in &self.areas {
            if a.size == 0 || a.x_sums.len() != p {
                return Err(UnitError::Input(format!(
                    "population area `{}` has {} persons and {} covariate sums (expected > 0 and {p})",
                    a.name,
                    a.size,
                    a.x_sums.len()
                )));
            }
            if !a.x.is_empty() && !a.has_units() {
                return Err(UnitError::Input(format!(
                    "population area `{}` has covariate columns of the wrong length",
                    a.name
                )));
            }
            if let Some(k) = a.x_sums.iter().position(|v| !v.is_finite()) {
                return Err(UnitError::Input(format!(
                    "population area `{}`: the sum of covariate `{}` is not finite",
                    a.name, self.covariates[k]
                )));
            }
        }
        for s in &self.sample {
            let name = self
                .areas
                .get(s.area)
                .map(|a| a.name.clone())
                .ok_or_else(|| {
                    UnitError::Input(format!(
                        "sample area index {} is not a population area",
                        s.area
                    ))
                })?;
            if std::mem::replace(&mut seen[s.area], true) {
                return Err(UnitError::Input(format!(
                    "sample area `{name}` appears twice"
                )));
            }
            let n = s.n();
            let bad_len = s.x.len() != p
                || s.x.iter().any(|c| c.len() != n)
                || s.weight.as_ref().is_some_and(|w| w.len() != n);
            if n == 0 || bad_len {
                return Err(UnitError::Input(format!(
                    "sample area `{name}`: empty or columns of unequal length"
                )));
            }
            if s.y
                .iter()
                .chain(s.x.iter().flatten())
                .any(|v| !v.is_finite())
            {
                return Err(UnitError::Input(format!(
                    "sample area `{name}`: a response or covariate value is not finite"
                )));
            }
            if let Some(w) = &s.weight {
                if w.iter().any(|v| !(v.is_finite() && *v > 0.0)) {
                    return Err(UnitError::Input(format!(
                        "sample area `{name}`: a weight is not finite and positive"
                    )));
                }
            }
        }
        Ok(self)
    }

    /// Total sample size `n`.
    pub fn sample_size(&self) -> usize {
        self.sample.iter().map(SampleArea::n).sum()
    }

    /// Whether every population area carries per-person covariates.
    pub fn has_population_units(&self) -> bool {
        self.areas.iter().all(PopulationArea::has_units)
    }
}
