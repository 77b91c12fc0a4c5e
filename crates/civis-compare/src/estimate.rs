//! The input of every comparison: a published value and its standard error.

use crate::error::CompareError;

/// A point estimate with its standard error, as published for one area.
///
/// `value` is `NaN` when the estimate is suppressed (no value published); `se` is `None` when no
/// standard error is available (register counts, or a source that publishes no precision). The
/// comparisons treat the two cases differently: a suppressed estimate cannot be compared or
/// ranked at all, an estimate without standard error can be placed but its uncertainty is
/// unknown (see each function for what it does with it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub value: f64,
    pub se: Option<f64>,
}

impl Estimate {
    /// An estimate whose standard error is `se`; a `NaN` standard error means "unknown".
    pub fn new(value: f64, se: f64) -> Self {
        Estimate {
            value,
            se: if se.is_nan() { None } else { Some(se) },
        }
    }

    /// An estimate without a standard error.
    pub fn without_se(value: f64) -> Self {
        Estimate { value, se: None }
    }

    /// A suppressed estimate (no value).
    pub fn suppressed() -> Self {
        Estimate {
            value: f64::NAN,
            se: None,
        }
    }

    /// `true` when a value was published.
    pub fn is_available(&self) -> bool {
        !self.value.is_nan()
    }

    /// Sampling variance `se²`, if the standard error is known.
    pub fn variance(&self) -> Option<f64> {
        self.se.map(|s| s * s)
    }

    /// Checks that the value is not infinite and the standard error (if any) is finite and
    /// non-negative; `index` names the estimate in the error.
    pub(crate) fn validate(&self, index: usize) -> Result<(), CompareError> {
        if self.value.is_infinite() {
            return Err(CompareError::InfiniteEstimate {
                index,
                value: self.value,
            });
        }
        if let Some(se) = self.se {
            if !se.is_finite() || se < 0.0 {
                return Err(CompareError::InvalidSe { index, value: se });
            }
        }
        Ok(())
    }
}

/// Checks a confidence level.
pub(crate) fn check_level(level: f64) -> Result<(), CompareError> {
    if level > 0.0 && level < 1.0 {
        Ok(())
    } else {
        Err(CompareError::InvalidLevel(level))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nan_se_means_unknown_and_nan_value_means_suppressed() {
        let e = Estimate::new(3.0, f64::NAN);
        assert_eq!(e.se, None);
        assert!(e.is_available());
        assert!(!Estimate::suppressed().is_available());
        assert_eq!(Estimate::new(3.0, 2.0).variance(), Some(4.0));
    }

    #[test]
    fn validation_rejects_infinite_values_and_bad_standard_errors() {
        assert!(Estimate::new(1.0, 0.5).validate(0).is_ok());
        assert!(Estimate::suppressed().validate(0).is_ok());
        assert_eq!(
            Estimate::new(f64::INFINITY, 1.0).validate(3),
            Err(CompareError::InfiniteEstimate {
                index: 3,
                value: f64::INFINITY
            })
        );
        assert_eq!(
            Estimate::new(1.0, -0.1).validate(1),
            Err(CompareError::InvalidSe {
                index: 1,
                value: -0.1
            })
        );
        let bad = Estimate {
            value: 1.0,
            se: Some(f64::NAN),
        };
        assert!(bad.validate(0).is_err());
        assert!(check_level(0.95).is_ok());
        assert!(check_level(1.0).is_err());
        assert!(check_level(0.0).is_err());
    }
}
