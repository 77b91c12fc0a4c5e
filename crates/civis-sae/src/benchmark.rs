//! Benchmarking area estimates to a published aggregate (emdi `benchmark`;
//! ESSnet SAE guidelines 2012).
//!
//! With population shares `w_d` (`sum w_d = 1`), target `T` and estimates
//! `theta_d`, the benchmarked estimates satisfy `sum w_d theta^B_d = T`:
//! * ratio: `theta^B_d = theta_d T / sum_k w_k theta_k`,
//! * raking (additive): `theta^B_d = theta_d + (T - sum_k w_k theta_k)`,
//! * MSE-weighted: `theta^B_d = theta_d + (T - sum_k w_k theta_k) w_d mse_d / sum_k w_k^2 mse_k`
//!   (areas with uncertain estimates absorb more of the discrepancy).
//!
//! Only point estimates are adjusted; the MSE of benchmarked estimates needs
//! second-order or bootstrap methods (Steorts & Ghosh 2013) and is not provided.

use crate::data::{check_finite, check_nonnegative, check_positive};
use crate::error::SaeError;

/// Population shares `w_d >= 0` summing to one.
#[derive(Debug, Clone, PartialEq)]
pub struct Shares(Vec<f64>);

impl Shares {
    /// Validates shares: finite, non-negative, summing to 1 (within 1e-9).
    pub fn new(w: Vec<f64>) -> Result<Self, SaeError> {
        check_nonnegative("shares", &w)?;
        let sum: f64 = w.iter().sum();
        if (sum - 1.0).abs() > 1e-9 {
            return Err(SaeError::InvalidInput(format!(
                "shares sum to {sum}, not 1; use Shares::from_sizes for population counts"
            )));
        }
        Ok(Self(w))
    }

    /// Shares `N_d / sum N` from population sizes (finite, > 0).
    pub fn from_sizes(sizes: &[f64]) -> Result<Self, SaeError> {
        check_positive("population sizes", sizes)?;
        let total: f64 = sizes.iter().sum();
        Ok(Self(sizes.iter().map(|n| n / total).collect()))
    }

    /// The shares.
    pub fn as_slice(&self) -> &[f64] {
        &self.0
    }

    /// `sum_d w_d theta_d`.
    pub fn aggregate(&self, theta: &[f64]) -> f64 {
        self.0.iter().zip(theta).map(|(w, t)| w * t).sum()
    }
}

/// Benchmarking method.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Benchmark<'a> {
    /// Multiply every estimate by `T / sum w theta`.
    Ratio,
    /// Add `T - sum w theta` to every estimate.
    Raking,
    /// Distribute the discrepancy proportionally to `w_d mse_d`.
    MseWeighted(&'a [f64]),
}

/// Benchmarks `theta` to `target` (see the module docs).
pub fn benchmark(
    theta: &[f64],
    shares: &Shares,
    target: f64,
    method: Benchmark<'_>,
) -> Result<Vec<f64>, SaeError> {
    let m = theta.len();
    if shares.0.len() != m {
        return Err(SaeError::DimensionMismatch {
            what: "shares",
            expected: m,
            found: shares.0.len(),
        });
    }
    check_finite("estimates", theta)?;
    check_finite("target", &[target])?;
    let agg = shares.aggregate(theta);
    let gap = target - agg;
    match method {
        Benchmark::Ratio => {
            if agg == 0.0 {
                return Err(SaeError::InvalidInput(
                    "ratio benchmarking needs a non-zero weighted aggregate".into(),
                ));
            }
            let f = target / agg;
            Ok(theta.iter().map(|t| t * f).collect())
        }
        Benchmark::Raking => Ok(theta.iter().map(|t| t + gap).collect()),
        Benchmark::MseWeighted(mse) => {
            if mse.len() != m {
                return Err(SaeError::DimensionMismatch {
                    what: "mse",
                    expected: m,
                    found: mse.len(),
                });
            }
            check_positive("mse", mse)?;
            let denom: f64 = shares.0.iter().zip(mse).map(|(w, v)| w * w * v).sum();
            Ok(theta
                .iter()
                .zip(shares.0.iter().zip(mse))
                .map(|(t, (w, v))| t + gap * w * v / denom)
                .collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// domain.md section 12 (c).
    #[test]
    fn worked_example_ratio_and_raking() {
        let w = Shares::new(vec![0.5, 0.3, 0.2]).unwrap();
        let theta = [0.60, 0.50, 0.40];
        assert!((w.aggregate(&theta) - 0.53).abs() < 1e-15);
        let ratio = benchmark(&theta, &w, 0.56, Benchmark::Ratio).unwrap();
        let f = 0.56 / 0.53;
        for (r, t) in ratio.iter().zip(theta) {
            assert!((r - t * f).abs() < 1e-15);
        }
        assert!((ratio[0] - 0.634).abs() < 1e-3 && (ratio[2] - 0.423).abs() < 1e-3);
        let rake = benchmark(&theta, &w, 0.56, Benchmark::Raking).unwrap();
        for (r, e) in rake.iter().zip([0.63, 0.53, 0.43]) {
            assert!((r - e).abs() < 1e-12);
        }
        for b in [&ratio, &rake] {
            assert!((w.aggregate(b) - 0.56).abs() < 1e-12);
        }
    }

    #[test]
    fn mse_weighted_by_hand() {
        let w = Shares::new(vec![0.5, 0.3, 0.2]).unwrap();
        let theta = [0.60, 0.50, 0.40];
        let mse = [0.01, 0.02, 0.04];
        let b = benchmark(&theta, &w, 0.56, Benchmark::MseWeighted(&mse)).unwrap();
        // sum w^2 mse = 0.0025 + 0.0018 + 0.0016 = 0.0059; w mse = 0.005, 0.006, 0.008
        let expected = [
            0.60 + 0.03 * 0.005 / 0.0059,
            0.50 + 0.03 * 0.006 / 0.0059,
            0.40 + 0.03 * 0.008 / 0.0059,
        ];
        for (g, e) in b.iter().zip(expected) {
            assert!((g - e).abs() < 1e-12, "{g} vs {e}");
        }
        assert!((w.aggregate(&b) - 0.56).abs() < 1e-12);
    }

    #[test]
    fn shares_are_validated() {
        assert!(Shares::new(vec![0.5, 0.4]).is_err());
        assert!(Shares::new(vec![1.2, -0.2]).is_err());
        let s = Shares::from_sizes(&[100.0, 300.0]).unwrap();
        assert_eq!(s.as_slice(), &[0.25, 0.75]);
        let w = Shares::new(vec![0.5, 0.5]).unwrap();
        assert!(matches!(
            benchmark(&[1.0], &w, 1.0, Benchmark::Raking),
            Err(SaeError::DimensionMismatch { .. })
        ));
    }
}
