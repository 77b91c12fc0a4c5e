//! # civis-survey: design-based estimation from survey microdata
//!
//! The model follows R's `survey` package (Lumley 2004, 2010): one [`Design`] knows the weights,
//! strata, PSUs, finite population correction and lonely-PSU policy; every estimator takes the
//! design and returns an estimate with its variance; domains are always estimated on the full
//! design (units outside a domain contribute zero, the strata and PSU counts are those of the
//! whole sample).
//!
//! - [`design`]: the design and the ultimate-cluster variance estimator.
//! - [`calibration`]: calibrated weights (GREG, raking, bounded logit, post-stratification,
//!   rake) and the residuals their linearised variance uses.
//! - [`multistage`]: the second stage of two-stage designs (within-PSU variance).
//! - [`domain`]: `--by` cross-classifications within an optional subset.
//! - [`statistic`]: totals, means, ratios, quantiles and the EU-SILC indicators (laeken's
//!   definitions), with their linearised scores.
//! - [`quantile`]: weighted quantile rules (`math`, `school`, `laeken`).
//! - [`replicate`]: JKn, Rao-Wu bootstrap, BRR/Fay, and supplied replicate-weight columns.
//! - [`estimate`]: the driver that computes every statistic for every domain, contrasts (gaps)
//!   with their covariance, intervals, design effects and reliability flags.
//! - [`partials`]: totals, means and ratios from per-(stratum, PSU, domain) partial sums, in
//!   bounded memory (rows arrive in chunks); replicates on PSU totals.
//! - [`reliability`]: publication rules (EU-SILC counts, CV, EU-LFS limits).
//! - [`dist`]: t and normal quantiles.
//!
//! The crate does no I/O: it works on slices (`f64` with `NaN` for missing values, `u32` codes
//! for groupings).

mod calibrated_variance;
pub mod calibration;
pub mod clusters;
pub mod design;
pub mod dist;
pub mod domain;
pub mod error;
pub mod estimate;
pub mod gini_pass;
pub mod multistage;
pub mod partials;
pub mod plan;
pub mod quantile;
pub mod rank_sort;
pub mod reliability;
pub mod replicate;
pub mod scratch;
pub mod second_pass;
pub mod statistic;
pub mod threshold;

pub use calibration::{
    AuxValues, Auxiliary, CalFun, Calibration, CalibrationMethod, CalibrationSpec, Target,
};
pub use design::{Design, DesignSpec, Grouping, LonelyPsu};
pub use domain::Domains;
pub use error::SurveyError;
pub use estimate::{
    estimate, Contrast, ContrastKind, EstimateRow, Measures, Request, StatRequest, VarianceMethod,
};
pub use quantile::QuantileRule;
pub use reliability::{LfsLimit, LfsLimits, Reliability, ReliabilityRule};
pub use replicate::{ColumnKind, ReplicateScheme, Replicates};
pub use statistic::Statistic;
