//! Small area estimation as workflow steps: the area-level Fay-Herriot model on direct
//! estimates (from a file or in memory from the estimate step), with its MSE, transformations,
//! spatial effects and benchmarking ([`FayHerriotBuilder`]), and the unit-level BHF EBLUP and
//! EBP on a sample and a population file ([`UnitLevelBuilder`]). The statistics are in `civis-sae`;
//! this module lines the inputs up by area, checks them and names the area at fault.

pub mod fay_herriot;
pub mod options;
pub mod tables;
pub mod unit;

pub use fay_herriot::{
    AreaRow, BenchmarkMethod, DirectEstimates, FayHerriotBuilder, FhInput, FhOutput, ModelSummary,
    Mse, SamplingVariance, SmallAreaEstimation, Transform,
};
pub use unit::{
    eusilca_districts, AppliedBenchmark, PovertyLine, UnitLevelBuilder, UnitLevelEstimation,
    UnitProgress, UnitRun, UnitTargets,
};
