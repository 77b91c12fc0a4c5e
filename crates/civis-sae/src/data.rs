//! Validated area-level input: direct estimates, their sampling variances and
//! the design matrix.

use crate::error::SaeError;
use crate::linalg::{Cholesky, Matrix};

/// Area-level data for a Fay-Herriot model, validated on construction:
/// `y` (direct estimates, finite), `psi` (sampling variances, finite and >= 0;
/// R sae accepts zeros, e.g. a district whose sample has no variation),
/// `X` (m x p, finite, full column rank, m > p). The caller supplies the
/// intercept column if the model has one.
#[derive(Debug, Clone)]
pub struct AreaData {
    pub(crate) y: Vec<f64>,
    pub(crate) psi: Vec<f64>,
    pub(crate) x: Matrix,
    pub(crate) names: Vec<String>,
}

impl AreaData {
    /// Validates and bundles the inputs. Covariates are unnamed (errors refer
    /// to column indices); see [`AreaData::with_covariate_names`].
    pub fn new(y: Vec<f64>, psi: Vec<f64>, x: Matrix) -> Result<Self, SaeError> {
        let m = y.len();
        if psi.len() != m {
            return Err(SaeError::DimensionMismatch {
                what: "psi (sampling variances)",
                expected: m,
                found: psi.len(),
            });
        }
        if x.rows() != m {
            return Err(SaeError::DimensionMismatch {
                what: "rows of X",
                expected: m,
                found: x.rows(),
            });
        }
        check_finite("y", &y)?;
        check_finite("X", x.as_slice())?;
        check_nonnegative("psi", &psi)?;
        if m <= x.cols() {
            return Err(SaeError::TooFewAreas {
                areas: m,
                covariates: x.cols(),
            });
        }
        let names = (0..x.cols()).map(|_| "unnamed".to_string()).collect();
        let data = Self { y, psi, x, names };
        data.check_rank()?;
        Ok(data)
    }

    /// Attaches covariate names (used in error messages and by callers that
    /// label coefficients).
    pub fn with_covariate_names(mut self, names: Vec<String>) -> Result<Self, SaeError> {
        if names.len() != self.x.cols() {
            return Err(SaeError::DimensionMismatch {
                what: "covariate names",
                expected: self.x.cols(),
                found: names.len(),
            });
        }
        self.names = names;
        Ok(self)
    }

    /// Number of areas m.
    pub fn areas(&self) -> usize {
        self.y.len()
    }

    /// Number of covariates p (columns of X).
    pub fn covariates(&self) -> usize {
        self.x.cols()
    }

    /// Direct estimates.
    pub fn y(&self) -> &[f64] {
        &self.y
    }

    /// Sampling variances.
    pub fn psi(&self) -> &[f64] {
        &self.psi
    }

    /// Design matrix.
    pub fn x(&self) -> &Matrix {
        &self.x
    }

    /// Covariate names.
    pub fn covariate_names(&self) -> &[String] {
        &self.names
    }

    /// X has full column rank iff X'X is positive definite; V^-1 is diagonal
    /// positive, so this also guarantees a non-singular X'V^-1X.
    fn check_rank(&self) -> Result<(), SaeError> {
        let p = self.x.cols();
        let mut xtx = Matrix::zeros(p, p);
        for i in 0..self.areas() {
            let r = self.x.row(i);
            for a in 0..p {
                for b in 0..=a {
                    xtx[(a, b)] += r[a] * r[b];
                }
            }
        }
        for a in 0..p {
            for b in 0..a {
                xtx[(b, a)] = xtx[(a, b)];
            }
        }
        Cholesky::new(&xtx)
            .map(|_| ())
            .map_err(|column| self.singular(column, xtx[(column, column)] == 0.0))
    }

    pub(crate) fn singular(&self, column: usize, zero: bool) -> SaeError {
        SaeError::SingularDesign {
            column,
            name: self.names[column].clone(),
            cause: if zero {
                "identically zero"
            } else {
                "collinear with the preceding columns"
            },
        }
    }
}

pub(crate) fn check_finite(what: &'static str, v: &[f64]) -> Result<(), SaeError> {
    match v.iter().position(|x| !x.is_finite()) {
        Some(index) => Err(SaeError::NotFinite {
            what,
            index,
            value: v[index],
        }),
        None => Ok(()),
    }
}

pub(crate) fn check_positive(what: &'static str, v: &[f64]) -> Result<(), SaeError> {
    match v.iter().position(|x| !(x.is_finite() && *x > 0.0)) {
        Some(index) => Err(SaeError::NonPositive {
            what,
            index,
            value: v[index],
        }),
        None => Ok(()),
    }
}

pub(crate) fn check_nonnegative(what: &'static str, v: &[f64]) -> Result<(), SaeError> {
    match v.iter().position(|x| !(x.is_finite() && *x >= 0.0)) {
        Some(index) => Err(SaeError::Negative {
            what,
            index,
            value: v[index],
        }),
        None => Ok(()),
    }
}

/// Median as in R's `median` (mean of the two middle values for even length).
pub(crate) fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    if n % 2 == 1 {
        s[n / 2]
    } else {
        0.5 * (s[n / 2 - 1] + s[n / 2])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn x2(rows: &[[f64; 2]]) -> Matrix {
        Matrix::from_rows(&rows.iter().map(|r| r.to_vec()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn rejects_bad_inputs() {
        let x = x2(&[[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]]);
        assert!(matches!(
            AreaData::new(vec![1.0, 2.0], vec![1.0; 3], x.clone()),
            Err(SaeError::DimensionMismatch { .. })
        ));
        assert!(matches!(
            AreaData::new(vec![1.0; 3], vec![1.0, -1.0, 1.0], x.clone()),
            Err(SaeError::Negative { index: 1, .. })
        ));
        let collinear = x2(&[[1.0, 2.0], [1.0, 2.0], [1.0, 2.0]]);
        let err = AreaData::new(vec![1.0; 3], vec![1.0; 3], collinear).unwrap_err();
        assert!(matches!(err, SaeError::SingularDesign { column: 1, .. }));
        let zero = x2(&[[1.0, 0.0], [1.0, 0.0], [1.0, 0.0]]);
        let err = AreaData::new(vec![1.0; 3], vec![1.0; 3], zero)
            .unwrap_err()
            .to_string();
        assert!(err.contains("identically zero"), "{err}");
    }

    #[test]
    fn median_like_r() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
    }
}
