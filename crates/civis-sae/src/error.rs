//! Errors of the small-area estimators.

use thiserror::Error;

/// Everything that can go wrong when fitting or post-processing an area-level model.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum SaeError {
    /// Two inputs that must describe the same areas (or covariates) differ in length.
    #[error("dimension mismatch: {what} has {found} entries, expected {expected}")]
    DimensionMismatch {
        /// Which input is wrong.
        what: &'static str,
        /// Length expected from the other inputs.
        expected: usize,
        /// Length found.
        found: usize,
    },
    /// A sampling variance (or another quantity that must be positive) is zero, negative or not finite.
    #[error("{what}[{index}] = {value} must be finite and > 0")]
    NonPositive {
        /// Which input.
        what: &'static str,
        /// Position of the offending value.
        index: usize,
        /// The value.
        value: f64,
    },
    /// A sampling variance is negative or not finite (zero is allowed: the
    /// direct estimate is then treated as exact, `gamma_d = 1` whenever A > 0).
    #[error("{what}[{index}] = {value} must be finite and >= 0")]
    Negative {
        /// Which input.
        what: &'static str,
        /// Position of the offending value.
        index: usize,
        /// The value.
        value: f64,
    },
    /// A value that must be finite is NaN or infinite.
    #[error("{what}[{index}] is not finite ({value})")]
    NotFinite {
        /// Which input.
        what: &'static str,
        /// Position (row-major for matrices).
        index: usize,
        /// The value.
        value: f64,
    },
    /// Not enough areas to estimate the model.
    #[error(
        "{areas} areas are too few for {covariates} covariates (need more areas than covariates)"
    )]
    TooFewAreas {
        /// Number of areas.
        areas: usize,
        /// Number of covariates (columns of X).
        covariates: usize,
    },
    /// X'V^-1 X is singular, so beta is not identified.
    #[error(
        "X'V^-1X is singular: covariate column {column} ({name}) is {cause}; drop or recode it"
    )]
    SingularDesign {
        /// Index of the offending column of X.
        column: usize,
        /// Its name if the caller supplied names, else "unnamed".
        name: String,
        /// "identically zero" or "collinear with the preceding columns".
        cause: &'static str,
    },
    /// The variance-parameter iteration left the admissible region (e.g. A + psi_d <= 0 or |rho| >= 1).
    #[error("{method} iteration diverged at iteration {iteration}: {detail}")]
    Diverged {
        /// Estimation method.
        method: &'static str,
        /// Iteration at which it happened.
        iteration: usize,
        /// What left the admissible region.
        detail: String,
    },
    /// An input is outside its domain (e.g. a proportion outside [0, 1]).
    #[error("invalid input: {0}")]
    InvalidInput(String),
}
