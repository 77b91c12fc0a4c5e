//! Confidence intervals that respect the range of the statistic, and the one test every
//! published verdict on a gap comes from.
//!
//! **Proportions.** A Wald interval `p ± t se` leaves `[0, 1]` near the edges (a negative lower
//! bound) and has zero width when `se = 0` (every respondent in the cell answered the same). The
//! portal uses instead:
//!
//! - for `0 < p < 1`, the **logit** interval of R `survey::svyciprop(method = "logit")`
//!   (Lumley 2010, 2.4): the interval of the intercept of a quasi-binomial model fitted to the
//!   design, transformed back. For an intercept-only model the design-based standard error of
//!   `logit(p)` is `se / (p (1 - p))` (delta method, exact here), so
//!
//!   ```text
//!   (lo, hi) = expit( logit(p) ∓ t_{df, (1+level)/2} · se / (p (1 - p)) )
//!   ```
//!
//!   with `df` the design degrees of freedom (`df = ∞`: the normal quantile). It always lies
//!   strictly inside `(0, 1)`.
//! - for `p = 0` or `p = 1` (or `se = 0`, where the logit interval degenerates), the exact
//!   Clopper-Pearson interval for `n` observations, which at the edges has a closed form:
//!   `p = 1`: `((α/2)^(1/n), 1)`; `p = 0`: `(0, 1 - (α/2)^(1/n))` (Clopper & Pearson 1934;
//!   what Korn & Graubard 1998's interval gives when the design effect cannot be estimated).
//!
//! **Verdicts.** A gap is a difference (null value 0) or a ratio (null value 1, or 100 when the
//! ratio is in percent). [`versus_null`] is the Wald test of a statistic against its null value;
//! a verdict drawn from an interval ([`interval_verdict`]) is the same test read from the
//! interval: significant at `level` exactly when the `level` interval excludes the null. Both
//! sit here so that no page decides significance on its own.

use civis_survey::dist::t_quantile;

use crate::difference::{test_against_zero, Difference, Verdict};
use crate::error::CompareError;
use crate::estimate::{check_level, Estimate};

/// Which interval [`proportion_interval`] used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProportionMethod {
    /// `svyciprop(method = "logit")`.
    Logit,
    /// Clopper-Pearson at `p = 0` or `p = 1`.
    ClopperPearson,
}

/// A confidence interval for a proportion, on the 0-1 scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProportionInterval {
    pub low: f64,
    pub high: f64,
    pub method: ProportionMethod,
}

/// The interval of a proportion `p` (0 to 1) with design-based standard error `se`, `df` design
/// degrees of freedom (`f64::INFINITY` for the normal quantile) and `n` observations (used only at
/// the edges). Formulas: see the [module documentation](self). `None` when `p` is outside
/// `[0, 1]`, `se` is negative or not finite, or `p` is at an edge (or `se = 0`) and `n` is 0.
pub fn proportion_interval(
    p: f64,
    se: f64,
    df: f64,
    n: u64,
    level: f64,
) -> Result<Option<ProportionInterval>, CompareError> {
    check_level(level)?;
    if !(0.0..=1.0).contains(&p) || !se.is_finite() || se < 0.0 || df.is_nan() || df <= 0.0 {
        return Ok(None);
    }
    let alpha = 1.0 - level;
    if p > 0.0 && p < 1.0 && se > 0.0 {
        let t = t_quantile(1.0 - alpha / 2.0, df);
        let centre = (p / (1.0 - p)).ln();
        let half = t * se / (p * (1.0 - p));
        return Ok(Some(ProportionInterval {
            low: expit(centre - half),
            high: expit(centre + half),
            method: ProportionMethod::Logit,
        }));
    }
    if n == 0 {
        return Ok(None);
    }
    let edge = (alpha / 2.0).powf(1.0 / n as f64);
    // se = 0 inside (0, 1) cannot happen for a 0/1 variable with two distinct values; treat it
    // as the nearer edge rather than print a zero-width interval
    let (low, high) = if p >= 0.5 {
        (edge, 1.0)
    } else {
        (0.0, 1.0 - edge)
    };
    Ok(Some(ProportionInterval {
        low: low.min(p),
        high: high.max(p),
        method: ProportionMethod::ClopperPearson,
    }))
}

fn expit(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// What a gap between two groups is, which decides the value it is tested against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum GapKind {
    /// `a - b`: no gap is 0.
    Difference,
    /// `a / b` expressed with `unit` for equality (1 for a plain ratio, 100 for percent).
    Ratio { unit: f64 },
}

impl GapKind {
    /// The value that means "no gap": 0 for a difference, 1 or 100 % for a ratio.
    pub fn null(&self) -> f64 {
        match self {
            GapKind::Difference => 0.0,
            GapKind::Ratio { unit } => *unit,
        }
    }
}

/// The Wald test of `estimate` against the null value of its kind at `level`:
/// `z = (x - null) / se`, `p = 2 (1 - Φ(|z|))`, interval `x ± z_{(1+level)/2} se` (returned on the
/// scale of `x`). The verdict is about `x - null` (higher = above the null).
pub fn versus_null(
    estimate: Estimate,
    kind: GapKind,
    level: f64,
) -> Result<Difference, CompareError> {
    check_level(level)?;
    estimate.validate(0)?;
    let null = kind.null();
    match estimate.se {
        Some(se) if estimate.is_available() => {
            let mut d = test_against_zero(estimate.value - null, se, level);
            d.estimate += null;
            d.ci = d.ci.map(|(l, h)| (l + null, h + null));
            Ok(d)
        }
        _ => Ok(Difference {
            estimate: estimate.value,
            se: None,
            z: None,
            p_value: None,
            ci: None,
            level,
            verdict: Verdict::Unknown,
        }),
    }
}

/// The verdict on a gap from its `level` confidence interval: significant exactly when the
/// interval excludes the null value (the duality of tests and intervals), in the direction of
/// the interval; [`Verdict::Unknown`] without an interval.
pub fn interval_verdict(ci: Option<(f64, f64)>, kind: GapKind) -> Verdict {
    let null = kind.null();
    match ci {
        Some((l, h)) if l.is_finite() && h.is_finite() && l <= h => {
            if l > null {
                Verdict::SignificantlyHigher
            } else if h < null {
                Verdict::SignificantlyLower
            } else {
                Verdict::NotSignificant
            }
        }
        _ => Verdict::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logit_interval_by_hand() {
        // p = 0.2, se = 0.05, normal quantile: logit = -1.386294, half = 1.959964 * 0.3125
        let i = proportion_interval(0.2, 0.05, f64::INFINITY, 100, 0.95)
            .unwrap()
            .unwrap();
        let lo = 1.0 / (1.0 + (1.386_294_361_119_890_6_f64 + 0.612_488_745_168_766_7).exp());
        assert!((i.low - lo).abs() < 1e-9, "{i:?} {lo}");
        assert!(i.low > 0.0 && i.high < 1.0 && i.low < 0.2 && i.high > 0.2);
        assert_eq!(i.method, ProportionMethod::Logit);
    }

    #[test]
    fn edges_use_clopper_pearson_and_never_collapse() {
        let one = proportion_interval(1.0, 0.0, 30.0, 10, 0.95)
            .unwrap()
            .unwrap();
        assert!((one.low - 0.025f64.powf(0.1)).abs() < 1e-15);
        assert_eq!(one.high, 1.0);
        let zero = proportion_interval(0.0, 0.0, 30.0, 25, 0.95)
            .unwrap()
            .unwrap();
        assert_eq!(zero.low, 0.0);
        assert!(zero.high > 0.1 && zero.high < 0.2);
        assert_eq!(proportion_interval(1.0, 0.0, 30.0, 0, 0.95).unwrap(), None);
        assert_eq!(proportion_interval(1.2, 0.1, 30.0, 5, 0.95).unwrap(), None);
    }

    #[test]
    fn a_ratio_is_tested_against_one_hundred_percent() {
        // AT13's EU citizens / nationals: 95.5 % with an interval 75.2 to 115.9 contains 100
        let kind = GapKind::Ratio { unit: 100.0 };
        let se = (115.9 - 95.5) / 1.959964;
        let d = versus_null(Estimate::new(95.5, se), kind, 0.95).unwrap();
        assert_eq!(d.verdict, Verdict::NotSignificant);
        let (l, h) = d.ci.unwrap();
        assert!(
            (l - 75.1).abs() < 1e-5 && (h - 115.9).abs() < 1e-5,
            "{l} {h}"
        );
        assert_eq!(
            interval_verdict(Some((75.2, 115.9)), kind),
            Verdict::NotSignificant
        );
        assert_eq!(
            interval_verdict(Some((75.2, 115.9)), GapKind::Difference),
            Verdict::SignificantlyHigher
        );
        assert_eq!(
            interval_verdict(Some((101.0, 115.9)), kind),
            Verdict::SignificantlyHigher
        );
        assert_eq!(interval_verdict(None, kind), Verdict::Unknown);
    }
}
