use thiserror::Error;

/// Everything that can go wrong when comparing, ranking or matching areas.
///
/// Indexes are 0-based positions in the slices the caller passed.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum CompareError {
    #[error("confidence level {0} must lie strictly between 0 and 1 (e.g. 0.95)")]
    InvalidLevel(f64),
    #[error("estimate {index} is infinite ({value}); use NaN for a suppressed estimate")]
    InfiniteEstimate { index: usize, value: f64 },
    #[error("standard error of estimate {index} is {value}; it must be finite and >= 0 (use None when it is unknown)")]
    InvalidSe { index: usize, value: f64 },
    #[error("covariance {covariance} is impossible for standard errors {se_a} and {se_b} (|cov| must not exceed se_a * se_b)")]
    InvalidCovariance {
        covariance: f64,
        se_a: f64,
        se_b: f64,
    },
    #[error("p-value {value} at position {index} is outside [0, 1]")]
    InvalidPValue { index: usize, value: f64 },
    #[error("{what}: expected {expected} values, found {found}")]
    LengthMismatch {
        what: &'static str,
        expected: usize,
        found: usize,
    },
    #[error("area {index} does not exist (there are {count} areas)")]
    NoSuchArea { index: usize, count: usize },
    #[error("no peer has an estimate: the peer mean is undefined")]
    NoPeers,
    #[error("the bootstrap needs at least one replicate")]
    NoReplicates,
    #[error("weight of variable {index} is {value}; weights must be finite and >= 0")]
    InvalidWeight { index: usize, value: f64 },
    #[error("every variable has weight 0 or cannot be standardised: there is nothing to measure similarity on")]
    NoUsableVariable,
    #[error("the minimum number of shared variables must be at least 1")]
    InvalidMinShared,
    #[error("{len} context values do not form a matrix with {n_variables} variables per area (row-major, NaN for missing)")]
    NotAMatrix { len: usize, n_variables: usize },
    #[error("context value of area {area}, variable {variable} is infinite; use NaN for a missing value")]
    InfiniteContextValue { area: usize, variable: usize },
}
