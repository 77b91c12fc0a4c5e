//! Gaps between two groups from published estimates: the difference and the ratio.
//!
//! When microdata are available, `civis_survey` estimates contrasts (`ContrastKind::Difference`
//! and `ContrastKind::Ratio`) with the covariance of the two groups taken from the linearised
//! scores or the replicates. This module is for the other case: only the two published
//! estimates, their standard errors and (if known) their covariance. The difference is
//! [`crate::difference::difference`]; the ratio is here.

use civis_survey::dist::normal_quantile;

use crate::difference::{difference, Verdict};
use crate::error::CompareError;
use crate::estimate::{check_level, Estimate};

/// The ratio `a / b` of two estimates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RatioGap {
    /// `r = a / b`.
    pub estimate: f64,
    /// Delta-method standard error; `None` when a standard error is missing.
    pub se: Option<f64>,
    /// Wald interval `r ± z_{(1+level)/2} se`.
    pub ci: Option<(f64, f64)>,
    pub level: f64,
    /// Whether `a` differs from `b` (`r` from 1), from the test of `a - b`.
    pub verdict: Verdict,
}

/// Ratio `a / b` with its delta-method standard error (first-order Taylor expansion, as
/// `survey::svyratio` and `civis_survey`'s ratio contrast):
///
/// ```text
/// r      = a / b
/// Var(r) = (Var(a) - 2 r cov(a, b) + r² Var(b)) / b²
/// ```
///
/// The verdict ("is the ratio different from 1?") is taken from the z test of `a - b`, which
/// tests the same hypothesis `a = b` without relying on the linearisation of the ratio. `b`
/// must not be 0 (the ratio is then `NaN` or infinite and the verdict [`Verdict::Unknown`]).
pub fn ratio(
    a: Estimate,
    b: Estimate,
    covariance: f64,
    level: f64,
) -> Result<RatioGap, CompareError> {
    check_level(level)?;
    let test = difference(a, b, covariance, level)?;
    let r = a.value / b.value;
    let defined = r.is_finite();
    let se = match (a.variance(), b.variance()) {
        (Some(va), Some(vb)) if defined => Some(
            ((va - 2.0 * r * covariance + r * r * vb) / (b.value * b.value))
                .max(0.0)
                .sqrt(),
        ),
        _ => None,
    };
    let half = se.map(|s| normal_quantile(0.5 + level / 2.0) * s);
    Ok(RatioGap {
        estimate: r,
        se,
        ci: half.map(|h| (r - h, r + h)),
        level,
        verdict: if defined {
            test.verdict
        } else {
            Verdict::Unknown
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_by_hand() {
        // a = 40 ± 2, b = 50 ± 1, cov = 0.5: r = 0.8,
        // Var = (4 - 2 * 0.8 * 0.5 + 0.64 * 1) / 2500 = 3.84 / 2500
        let g = ratio(
            Estimate::new(40.0, 2.0),
            Estimate::new(50.0, 1.0),
            0.5,
            0.95,
        )
        .unwrap();
        assert!((g.estimate - 0.8).abs() < 1e-15);
        assert!((g.se.unwrap() - (3.84f64 / 2500.0).sqrt()).abs() < 1e-15);
        // a - b = -10, Var = 4 + 1 - 1 = 4: z = -5, clearly lower.
        assert_eq!(g.verdict, Verdict::SignificantlyLower);
        let (lo, hi) = g.ci.unwrap();
        assert!(lo < 0.8 && hi > 0.8 && hi < 1.0);
    }

    #[test]
    fn ratio_without_standard_errors_or_with_zero_denominator() {
        let g = ratio(
            Estimate::without_se(1.0),
            Estimate::new(2.0, 0.1),
            0.0,
            0.95,
        )
        .unwrap();
        assert_eq!(g.estimate, 0.5);
        assert_eq!((g.se, g.verdict), (None, Verdict::Unknown));
        let z = ratio(Estimate::new(1.0, 0.1), Estimate::new(0.0, 0.1), 0.0, 0.95).unwrap();
        assert_eq!((z.se, z.verdict), (None, Verdict::Unknown));
    }
}
