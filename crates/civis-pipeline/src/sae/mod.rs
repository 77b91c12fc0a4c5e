//! Small area estimation as workflow steps: the area-level Fay-Herriot model on direct
//! estimates (from a file or in memory from the estimate step), with its MSE, transformations,
//! spatial effects and benchmarking ([`FayHerriotBuilder`]). The statistics are in `civis-sae`;
//! this module lines the inputs up by area, checks them and names the area at fault.

pub mod fay_herriot;

pub use fay_herriot::{
    AreaRow, BenchmarkMethod, DirectEstimates, FayHerriotBuilder, FhInput, FhOutput, ModelSummary,
    Mse, SamplingVariance, SmallAreaEstimation, Transform,
};
