//! Transformations of the response of the nested-error model, as R `emdi`
//! (Kreutzmann et al. 2019, J. Stat. Softw. 91(7); file `R/transformation_functions.R`):
//!
//! * `none`: `z = y`.
//! * `log`: `z = log(y + s)` with the shift `s = |min y| + 1` if `min y <= 0`, else 0.
//! * `boxcox` (Box & Cox 1964): `z = ((y + s)^lambda - 1) / lambda` (`log(y + s)` for
//!   `lambda = 0`), same shift `s`; `lambda` in `[-1, 2]`.
//! * `log-shift`: `z = log(y + lambda)`, `lambda` in `[|min y| + 1 (if min y <= 0, else 0),
//!   range(y) / 2]` (Yang 1995; emdi's `log.shift`).
//!
//! The parameter `lambda` is estimated by REML (Gurka et al. 2006; Rojas-Perilla
//! et al. 2020): it maximises the restricted log-likelihood of the nested-error
//! model fitted to the *standardised* transformation, which divides by the
//! geometric mean so that the Jacobian is one: Box-Cox
//! `((y + s)^lambda - 1) / (lambda gm^(lambda - 1))` (`gm log(y + s)` for
//! `lambda = 0`), log-shift `gm log(y + lambda)`, `gm` the geometric mean of
//! the shifted response.

use super::bhf::{fit_reml, NestedErrorFit};
use super::data::SampleArea;
use super::optim::brent_min;
use super::UnitError;

/// Transformation of the response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transformation {
    /// No transformation.
    None,
    /// Natural logarithm (with a shift if the response is not positive).
    Log,
    /// Logarithm of the response plus an estimated shift.
    LogShift,
    /// Box-Cox with an estimated power.
    BoxCox,
}

impl Transformation {
    /// Parses `none`, `log`, `log-shift` or `boxcox`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "none" => Some(Self::None),
            "log" => Some(Self::Log),
            "log-shift" => Some(Self::LogShift),
            "boxcox" => Some(Self::BoxCox),
            _ => None,
        }
    }

    /// The name as [`Transformation::parse`] reads it.
    pub fn name(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Log => "log",
            Self::LogShift => "log-shift",
            Self::BoxCox => "boxcox",
        }
    }
}

/// A transformation with its parameters fixed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FittedTransform {
    /// Which transformation.
    pub kind: Transformation,
    /// Box-Cox power or log-shift shift (NaN for `none` and `log`).
    pub lambda: f64,
    /// Shift added before the transformation (0 when none is needed).
    pub shift: f64,
}

const LAMBDA_ZERO: f64 = 1e-12;

impl FittedTransform {
    /// The identity.
    pub fn identity() -> Self {
        Self {
            kind: Transformation::None,
            lambda: f64::NAN,
            shift: 0.0,
        }
    }

    /// `kind` with parameter `lambda`, shifted as emdi shifts for the response `y`.
    pub fn with_lambda(kind: Transformation, lambda: f64, y: &[f64]) -> Self {
        let min = y.iter().copied().fold(f64::INFINITY, f64::min);
        let positive_shift = |m: f64| if m <= 0.0 { m.abs() + 1.0 } else { 0.0 };
        match kind {
            Transformation::None => Self::identity(),
            Transformation::Log | Transformation::BoxCox => Self {
                kind,
                lambda: if kind == Transformation::Log {
                    f64::NAN
                } else {
                    lambda
                },
                shift: positive_shift(min),
            },
            Transformation::LogShift => Self {
                kind,
                lambda,
                shift: lambda + positive_shift(min + lambda),
            },
        }
    }

    /// `z = T(y)`.
    #[inline]
    pub fn forward(&self, y: f64) -> f64 {
        match self.kind {
            Transformation::None => y,
            Transformation::Log | Transformation::LogShift => (y + self.shift).ln(),
            Transformation::BoxCox => {
                if self.lambda.abs() <= LAMBDA_ZERO {
                    (y + self.shift).ln()
                } else {
                    ((y + self.shift).powf(self.lambda) - 1.0) / self.lambda
                }
            }
        }
    }

    /// `y = T^-1(z)`; a value outside the range of `T` (Box-Cox) or an overflow
    /// gives 0, as emdi's `prediction_y` sets non-finite predictions to 0.
    #[inline]
    pub fn back(&self, z: f64) -> f64 {
        let y = match self.kind {
            Transformation::None => return z,
            Transformation::Log | Transformation::LogShift => z.exp() - self.shift,
            Transformation::BoxCox => {
                if self.lambda.abs() <= LAMBDA_ZERO {
                    z.exp() - self.shift
                } else {
                    (self.lambda * z + 1.0).powf(1.0 / self.lambda) - self.shift
                }
            }
        };
        if y.is_finite() {
            y
        } else {
            0.0
        }
    }

    /// Whether `back(z) < t` is the same as `z < forward(t)` for every z
    /// (the back-transformation is increasing and finite everywhere).
    pub fn order_preserving(&self) -> bool {
        matches!(
            self.kind,
            Transformation::None | Transformation::Log | Transformation::LogShift
        )
    }

    /// emdi's standardised transformation of the whole response (Jacobian one).
    fn standardised(&self, y: &[f64]) -> Vec<f64> {
        let shifted: Vec<f64> = y.iter().map(|v| v + self.shift).collect();
        let gm = (shifted.iter().map(|v| v.ln()).sum::<f64>() / y.len() as f64).exp();
        match self.kind {
            Transformation::BoxCox if self.lambda.abs() > LAMBDA_ZERO => {
                let scale = self.lambda * gm.powf(self.lambda - 1.0);
                shifted
                    .iter()
                    .map(|v| (v.powf(self.lambda) - 1.0) / scale)
                    .collect()
            }
            _ => shifted.iter().map(|v| gm * v.ln()).collect(),
        }
    }
}

/// emdi's search interval of the transformation parameter.
fn interval(kind: Transformation, y: &[f64]) -> (f64, f64) {
    let min = y.iter().copied().fold(f64::INFINITY, f64::min);
    let max = y.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    match kind {
        Transformation::LogShift => {
            let lower = if min + 1.0 <= 1.0 {
                min.abs() + 1.0
            } else {
                0.0
            };
            (lower, (max - min) / 2.0)
        }
        _ => (-1.0, 2.0),
    }
}

/// The transformation of `kind` with its parameter estimated by REML, and the
/// nested-error model fitted to the transformed response (emdi `ebp`,
/// `optimal_parameter` with `method = "reml"`).
pub fn fit_transformed(
    kind: Transformation,
    sample: &[SampleArea],
) -> Result<(FittedTransform, NestedErrorFit), UnitError> {
    let all: Vec<f64> = sample.iter().flat_map(|s| s.y.iter().copied()).collect();
    let fitted = match kind {
        Transformation::None => FittedTransform::identity(),
        Transformation::Log => FittedTransform::with_lambda(kind, f64::NAN, &all),
        Transformation::BoxCox | Transformation::LogShift => {
            let (lo, hi) = interval(kind, &all);
            if hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) {
                return Err(UnitError::Input(format!(
                    "the {} parameter has an empty search interval [{lo}, {hi}]",
                    kind.name()
                )));
            }
            let minus_loglik = |lambda: f64| {
                let t = FittedTransform::with_lambda(kind, lambda, &all);
                let z = t.standardised(&all);
                match fit_reml(sample, &split_like(sample, &z)) {
                    Ok(f) => -f.log_likelihood,
                    Err(_) => f64::INFINITY,
                }
            };
            let mut lambda = brent_min(&minus_loglik, lo, hi, 1e-9 * (hi - lo).max(1.0));
            // The criterion is flat at the optimum: its values in double precision fix
            // lambda only to ~1e-6. Two parabolic steps through lambda +- h,
            // h = 1e-3 max(|lambda|, 1), locate the vertex to ~1e-9.
            for _ in 0..2 {
                let h = 1e-3 * lambda.abs().max(1.0);
                let (fm, f0, fp) = (
                    minus_loglik(lambda - h),
                    minus_loglik(lambda),
                    minus_loglik(lambda + h),
                );
                let curvature = fm - 2.0 * f0 + fp;
                let step = h * (fm - fp) / (2.0 * curvature);
                if curvature > 0.0 && step.abs() < h && (lo..=hi).contains(&(lambda + step)) {
                    lambda += step;
                }
            }
            FittedTransform::with_lambda(kind, lambda, &all)
        }
    };
    let z: Vec<f64> = all.iter().map(|v| fitted.forward(*v)).collect();
    if let Some(i) = z.iter().position(|v| !v.is_finite()) {
        return Err(UnitError::Input(format!(
            "the {} transformation of response value {} is not finite",
            kind.name(),
            all[i]
        )));
    }
    let fit = fit_reml(sample, &split_like(sample, &z))?;
    Ok((fitted, fit))
}

/// Splits a concatenated vector back into the areas of `sample`.
fn split_like(sample: &[SampleArea], all: &[f64]) -> Vec<Vec<f64>> {
    let mut at = 0;
    sample
        .iter()
        .map(|s| {
            let v = all[at..at + s.n()].to_vec();
            at += s.n();
            v
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_inverts_forward() {
        let y = [-3.0, 0.5, 2.0, 40.0];
        for (kind, lambda) in [
            (Transformation::None, f64::NAN),
            (Transformation::Log, f64::NAN),
            (Transformation::LogShift, 2.5),
            (Transformation::BoxCox, 0.3),
            (Transformation::BoxCox, -0.4),
            (Transformation::BoxCox, 0.0),
        ] {
            let t = FittedTransform::with_lambda(kind, lambda, &y);
            for v in y {
                assert!(
                    (t.back(t.forward(v)) - v).abs() < 1e-9,
                    "{kind:?} {lambda} {v}"
                );
            }
        }
    }

    #[test]
    fn shifts_follow_emdi() {
        let y = [-3.0, 0.5, 2.0];
        assert_eq!(
            FittedTransform::with_lambda(Transformation::Log, 0.0, &y).shift,
            4.0
        );
        assert_eq!(
            FittedTransform::with_lambda(Transformation::BoxCox, 0.5, &[1.0, 2.0]).shift,
            0.0
        );
        // log-shift: lambda + |min(y + lambda)| + 1 when y + lambda is not positive.
        assert_eq!(
            FittedTransform::with_lambda(Transformation::LogShift, 1.0, &y).shift,
            4.0
        );
        assert_eq!(
            FittedTransform::with_lambda(Transformation::LogShift, 5.0, &y).shift,
            5.0
        );
    }
}
