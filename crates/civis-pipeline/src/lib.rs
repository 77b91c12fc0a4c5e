//! The Civis workflows as typed steps, between the statistics crates and the binaries.
//!
//! The statistics crates (`civis-survey`, `civis-sae`) know designs and estimators but no
//! files; `civis-io` and `civis-store` know files and databases but no statistics. This crate
//! joins them into the workflows a user runs: a design from the columns of a microdata file
//! (R survey's `svydesign`, [`DesignBuilder`]), an estimation on it ([`EstimateBuilder`]), the catalogue's indicators for any
//! file ([`IndicatorsBuilder`]).
//! Options are typed builders in the style of ripgrep's `SearcherBuilder`; errors are
//! [`PipelineError`], one sentence naming the option, file, line or column at fault. The `civis`
//! binary only turns its arguments into these builders, prints progress and writes the results.

pub mod design;
pub mod error;
pub mod estimate;
pub mod geo_check;
pub mod indicators;
pub mod microdata;
pub mod variance;

pub use design::{Calibration, DesignBuilder, FrameDesign};
pub use error::{PipelineError, Result};
pub use estimate::{EstimateBuilder, EstimateOutput, Estimation, Measure};
pub use indicators::{IndicatorRow, Indicators, IndicatorsBuilder};
pub use variance::VarianceMethod;
