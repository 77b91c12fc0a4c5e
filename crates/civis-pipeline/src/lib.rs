//! The Civis workflows as typed steps, between the statistics crates and the binaries.
//!
//! The statistics crates (`civis-survey`, `civis-sae`) know designs and estimators but no
//! files; `civis-io` and `civis-store` know files and databases but no statistics. This crate
//! joins them into the workflows a user runs: a design from the columns of a microdata file
//! (R survey's `svydesign`, [`DesignBuilder`]), an estimation on it ([`EstimateBuilder`]), the catalogue's indicators for any
//! file ([`IndicatorsBuilder`]), small area estimates from direct estimates in a file or in memory
//! ([`FayHerriotBuilder`]), the precision report and sample plan ([`PrecisionBuilder`],
//! [`PlanBuilder`]), the conversion of tables between formats ([`ConvertBuilder`]), the real
//! regions and cities of Europe ([`real_europe`]), seeding the default database ([`seed`]), the
//! import of files into the store ([`ImportBuilder`]) and the Eurostat sync ([`SyncBuilder`]).
//! Options are typed builders in the style of ripgrep's `SearcherBuilder` (the option syntaxes
//! such as `cv:0.2,0.35` or `eqIncome@0.5` are parsed in [`options`] and [`sae::options`]); errors are
//! [`PipelineError`], one sentence naming the option, file, line or column at fault. The `civis`
//! binary only turns its arguments into these builders, prints progress and writes the results.

pub mod context;
pub mod convert;
pub mod design;
pub mod error;
pub mod estimate;
pub mod eurostat_sync;
pub mod geo_check;
pub mod import;
pub mod indicators;
pub mod microdata;
pub mod options;
pub mod precision;
pub mod real_europe;
pub mod sae;
pub mod seed;
pub mod variance;

pub use convert::{Conversion, ConvertBuilder};
pub use design::{Calibration, DesignBuilder, FrameDesign};
pub use error::{PipelineError, Result};
pub use estimate::sql::Dialect;
pub use estimate::{EstimateBuilder, EstimateOutput, Estimation, Measure};
pub use eurostat_sync::{EurostatSync, SyncBuilder};
pub use import::{Import, ImportBuilder, Imported};
pub use indicators::{IndicatorRow, Indicators, IndicatorsBuilder};
pub use options::{
    column_map, group_criteria, reliability_rule, CalibrationOptions, DesignOptions, MeasureOptions,
};
pub use precision::{PlanBuilder, PrecisionBuilder};
pub use sae::{FayHerriotBuilder, SmallAreaEstimation};
pub use seed::{Seed, SeedBuilder};
pub use variance::VarianceMethod;
