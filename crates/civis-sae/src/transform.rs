//! Transformations of direct estimates before a Fay-Herriot fit, and
//! back-transformations of the fitted values (emdi `fh`, Neves et al. 2013;
//! Hadam, Würz & Kreutzmann 2020; Slud & Maiti 2006).
//!
//! * Arcsine for proportions: `y = asin(sqrt(p))`, `psi = 1 / (4 n_eff)` with the
//!   effective sample size `n_eff = n / deff` (variance-stabilising).
//!   Back-transformation naive `sin^2(theta)` (theta truncated to `[0, pi/2]`)
//!   or bias-corrected `E[sin^2(X)]`, `X ~ N(theta, A (1 - gamma))`, which has
//!   the closed form `(1 - cos(2 theta) exp(-2 s^2)) / 2` (`s^2 = A (1 - gamma)`).
//! * Log for positive quantities: `y = log(theta_hat)`, `psi_y = psi / theta_hat^2`
//!   (delta method). Back-transformation crude `exp(theta)` or the conditional
//!   mean under the model with known parameters, `exp(theta + g1 / 2)`,
//!   `g1 = A psi_y / (A + psi_y)` (the leading term of Slud & Maiti 2006; this
//!   is what R `emdi::fh` computes for `transformation = "log"` with its
//!   Slud-Maiti back-transformation, branch `"sm"` of `R/back_transformation.R`),
//!   or the Slud-Maiti bias-corrected
//!   predictor [`BackTransform::LogSludMaiti`], which also corrects for the
//!   estimation of beta.
//!
//! MSEs on the original scale need the parametric bootstrap
//! ([`crate::bootstrap`]) with the back-transformation applied.

use crate::error::SaeError;
use crate::fit::FhFit;
use std::f64::consts::FRAC_PI_2;

/// Arcsine-transformed direct estimates and their variances.
#[derive(Debug, Clone, PartialEq)]
pub struct Transformed {
    /// Transformed direct estimates.
    pub y: Vec<f64>,
    /// Their sampling variances.
    pub psi: Vec<f64>,
}

/// `y = asin(sqrt(p))`, `psi = 1 / (4 n_eff)`; `p` in `[0, 1]`, `n_eff > 0`.
pub fn arcsine(p: &[f64], n_eff: &[f64]) -> Result<Transformed, SaeError> {
    if n_eff.len() != p.len() {
        return Err(SaeError::DimensionMismatch {
            what: "effective sample sizes",
            expected: p.len(),
            found: n_eff.len(),
        });
    }
    crate::data::check_positive("n_eff", n_eff)?;
    if let Some(i) = p.iter().position(|v| !(0.0..=1.0).contains(v)) {
        return Err(SaeError::InvalidInput(format!(
            "proportion p[{i}] = {} is outside [0, 1]",
            p[i]
        )));
    }
    Ok(Transformed {
        y: p.iter().map(|v| v.sqrt().asin()).collect(),
        psi: n_eff.iter().map(|n| 1.0 / (4.0 * n)).collect(),
    })
}

/// Naive back-transformation `sin^2(theta)` with theta truncated to `[0, pi/2]`.
pub fn arcsine_back_naive(theta: f64) -> f64 {
    theta.clamp(0.0, FRAC_PI_2).sin().powi(2)
}

/// Bias-corrected back-transformation `E[sin^2 X]`, `X ~ N(theta, s2)`:
/// `(1 - cos(2 theta) exp(-2 s2)) / 2`.
pub fn arcsine_back_bias_corrected(theta: f64, s2: f64) -> f64 {
    0.5 * (1.0 - (2.0 * theta).cos() * (-2.0 * s2).exp())
}

/// Log-transformed direct estimates: `y = log(theta_hat)`, `psi_y = psi / theta_hat^2`.
pub fn log(theta_hat: &[f64], psi: &[f64]) -> Result<Transformed, SaeError> {
    if psi.len() != theta_hat.len() {
        return Err(SaeError::DimensionMismatch {
            what: "sampling variances",
            expected: theta_hat.len(),
            found: psi.len(),
        });
    }
    crate::data::check_positive("direct estimates (log transformation)", theta_hat)?;
    crate::data::check_nonnegative("psi", psi)?;
    Ok(Transformed {
        y: theta_hat.iter().map(|t| t.ln()).collect(),
        psi: theta_hat
            .iter()
            .zip(psi)
            .map(|(t, v)| v / (t * t))
            .collect(),
    })
}

/// Back-transformed estimates of a fit on a transformed scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackTransform {
    /// `sin^2(theta)`, theta truncated to `[0, pi/2]`.
    ArcsineNaive,
    /// `E[sin^2 X]`, `X ~ N(theta_d, A (1 - gamma_d))`.
    ArcsineBiasCorrected,
    /// `exp(theta)`.
    LogCrude,
    /// `exp(theta_d + g1_d / 2)`, `g1_d = A (1 - gamma_d)` (emdi's Slud-Maiti option).
    LogConditionalMean,
    /// Slud & Maiti (2006, JRSS-B 68(2), 239-257, "Mean-squared error
    /// estimation in transformed Fay-Herriot models") bias-corrected
    /// predictor of `exp(theta_d)`: the conditional mean `exp(eblup_d + g1_d/2)`
    /// rescaled by the ratio `E[exp(theta_d)] / E[exp(eblup_d + g1_d/2)]`,
    /// both expectations under the fitted model with A treated as known.
    /// `eblup_d = gamma_d y_d + (1 - gamma_d) x_d' beta_hat` is then normal
    /// with mean `x_d' beta` and variance `gamma_d A + (1 - gamma_d^2) h_d`,
    /// `h_d = x_d' Q x_d`, `Q = (X'V^-1X)^-1` (since `Cov(y_d, x_d' beta_hat) = h_d`),
    /// and `E[exp(theta_d)] = exp(x_d' beta + A/2)`, so the ratio is
    /// `exp(-(1 - gamma_d^2) h_d / 2)` and
    ///
    /// `theta_SM_d = exp(eblup_d + g1_d/2 - (1 - gamma_d^2) h_d / 2)`.
    ///
    /// With A known and the model true this is exactly mean-unbiased for
    /// `exp(theta_d)` (`exp(eblup_d)` is biased low by about `exp(-g1_d/2)`,
    /// [`BackTransform::LogConditionalMean`] high by `exp((1 - gamma_d^2) h_d / 2)`).
    /// The additional O(1/m) terms from the sampling variability of the
    /// estimated A are not included. Only the form above (ratio correction via
    /// the normal moment generating function) is implemented; it was derived
    /// here, not transcribed from the paper's equation, which was not
    /// available for checking.
    LogSludMaiti,
}

impl FhFit {
    /// EBLUPs back-transformed to the original scale.
    pub fn back_transformed(&self, how: BackTransform) -> Vec<f64> {
        self.eblup
            .iter()
            .zip(&self.gamma)
            .enumerate()
            .map(|(d, (&t, &g))| {
                let s2 = self.a * (1.0 - g);
                match how {
                    BackTransform::ArcsineNaive => arcsine_back_naive(t),
                    BackTransform::ArcsineBiasCorrected => arcsine_back_bias_corrected(t, s2),
                    BackTransform::LogCrude => t.exp(),
                    BackTransform::LogConditionalMean => (t + 0.5 * s2).exp(),
                    BackTransform::LogSludMaiti => {
                        let h = self.beta_cov.quad_form(self.data.x.row(d));
                        (t + 0.5 * s2 - 0.5 * (1.0 - g * g) * h).exp()
                    }
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// domain.md section 12 (d).
    #[test]
    fn arcsine_worked_example() {
        let t = arcsine(&[0.62], &[180.0 / 1.5]).unwrap();
        assert!((t.y[0] - 0.9066).abs() < 5e-5, "{}", t.y[0]);
        assert!((t.psi[0] - 1.0 / 480.0).abs() < 1e-15);
        assert!((arcsine_back_naive(t.y[0]) - 0.62).abs() < 1e-14);
        assert_eq!(arcsine_back_naive(-0.1), 0.0);
        assert_eq!(arcsine_back_naive(2.0), 1.0);
        assert!(arcsine(&[1.2], &[10.0]).is_err());
    }

    /// The closed form agrees with a numerical integral of sin^2(x) phi(x).
    #[test]
    fn arcsine_bias_correction_matches_quadrature() {
        let (theta, s2) = (0.7_f64, 0.03_f64);
        let s = s2.sqrt();
        let n = 20_000;
        let (lo, hi) = (theta - 12.0 * s, theta + 12.0 * s);
        let h = (hi - lo) / n as f64;
        let f = |x: f64| {
            x.sin().powi(2) * (-(x - theta).powi(2) / (2.0 * s2)).exp()
                / (2.0 * std::f64::consts::PI * s2).sqrt()
        };
        // Simpson's rule
        let mut sum = f(lo) + f(hi);
        for i in 1..n {
            sum += f(lo + i as f64 * h) * if i % 2 == 1 { 4.0 } else { 2.0 };
        }
        let integral = sum * h / 3.0;
        assert!((arcsine_back_bias_corrected(theta, s2) - integral).abs() < 1e-12);
        assert_eq!(arcsine_back_bias_corrected(theta, 0.0), theta.sin().powi(2));
    }

    #[test]
    fn log_delta_method() {
        let t = log(&[2.0, 10.0], &[0.4, 1.0]).unwrap();
        assert!((t.y[0] - 2f64.ln()).abs() < 1e-15);
        assert!((t.psi[0] - 0.1).abs() < 1e-15);
        assert!((t.psi[1] - 0.01).abs() < 1e-15);
        assert!(log(&[0.0], &[1.0]).is_err());
    }
}
