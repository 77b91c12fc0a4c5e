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
    /// Rows read as grouped by PSU were not: a PSU's rows come back after other PSUs' rows.
    #[error("PSU `{psu}` comes back in row {row} after the rows of other PSUs: the rows are not grouped by PSU")]
    PsuNotGrouped { psu: String, row: usize },
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
    #[error("the PSU of row {row} has only one second-stage unit; choose a lonely-PSU policy (--lonely-psu adjust|remove|certainty) or give --fpc-ssu if it is the whole PSU")]
    LonelySsu { row: usize },
    #[error("{0}")]
    Invalid(String),
    #[error("calibration variable `{variable}` is missing in row {row}")]
    CalibrationMissing { variable: String, row: usize },
    #[error("category `{category}` of calibration variable `{variable}` appears in the data but not in the totals file")]
    CategoryNotInTotals { variable: String, category: String },
    #[error("category `{category}` of calibration variable `{variable}` has a population total but no row of the data")]
    CategoryNotInData { variable: String, category: String },
    #[error("the total of {target} ({}) cannot be met with g-weights between {lower} and {upper} (closest: {}); widen the logit bounds", short(*.total), short(*.achieved))]
    CalibrationInfeasible {
        target: String,
        total: f64,
        achieved: f64,
        lower: f64,
        upper: f64,
    },
    #[error("calibration did not converge: the total of {target} is {} after {iterations} iterations, not {}", short(*.achieved), short(*.total))]
    CalibrationNotConverged {
        target: String,
        total: f64,
        achieved: f64,
        iterations: usize,
    },
    #[error("replicate weights: {0}")]
    Replicates(String),
}

/// A number for a message: plain with at most 6 decimals, scientific when huge or tiny.
fn short(x: f64) -> String {
    if x == 0.0 || (1e-3..1e15).contains(&x.abs()) {
        format!("{}", (x * 1e6).round() / 1e6)
    } else {
        format!("{x:.6e}")
    }
}
