//! The `civis` command-line tool: thin wiring from arguments to the library crates.

pub mod catalog_cmd;
pub mod convert_cmd;
pub mod default_db;
pub mod district_unit;
pub mod estimate_cmd;
pub mod eurostat_cmd;
pub mod import_cmd;
pub mod indicators_cmd;
pub mod output;
pub mod precision_cmd;
pub mod real_europe;
pub mod report_cmd;
pub mod sae_cmd;
pub mod sae_unit_cmd;
pub mod serve_cmd;
pub mod user_cmd;
