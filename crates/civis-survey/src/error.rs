use thiserror::Error;

/// Everything that can go wrong while building a design or estimating.
///
/// Row numbers are 0-based indexes into the data as given; callers that know the file map them
/// to line numbers.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum SurveyError {
    #[error("weight is missing or NaN in row {row}")]
    MissingWeight { row: usize },
    #[error("weight is negative ({value}) in row {row}")]
    NegativeWeight { row: usize, value: f64 },
    #[error("weight is infinite in row {row}")]
    InfiniteWeight { row: usize },
    /// The weights add up to more than [`crate::design::MAX_WEIGHT_TOTAL`]: weighted sums
    /// would overflow to infinity and blank the estimates.
    #[error("weight {value:e} in row {row} makes the weights add up to more than 1e100")]
    WeightsTooLarge { row: usize, value: f64 },
    #[error("{what} is missing in row {row}")]
    MissingDesignValue { what: &'static str, row: usize },
    #[error("PSU `{psu}` appears in strata `{first}` and `{second}`: PSUs must be nested in strata (use --nest if PSU ids are only unique within a stratum)")]
    PsuNotNested {
        psu: String,
        first: String,
        second: String,
    },
    #[error("finite population correction varies within stratum `{stratum}` ({a} and {b})")]
    FpcVaries { stratum: String, a: f64, b: f64 },
    #[error("finite population correction {value} in row {row} is invalid: {why}")]
    FpcInvalid {
        row: usize,
        value: f64,
        why: &'static str,
    },
    #[error("stratum `{stratum}` has only one PSU; choose a lonely-PSU policy (--lonely-psu adjust|average|remove) or collapse strata")]
    LonelyPsu { stratum: String },
    #[error("{0}")]
    Invalid(String),
    #[error("replicate weights: {0}")]
    Replicates(String),
}
