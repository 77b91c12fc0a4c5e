//! # civis-catalog: the harmonised definitions Civis computes with
//!
//! Everything here is data loaded from `data/` (embedded in the binary, replaceable by files;
//! geography is in `civis-geo`):
//! - [`indicator`]: the Zaragoza / Eurostat migrant-integration indicators (`data/indicators.toml`);
//! - [`variables`]: the canonical variables the definitions are written in;
//! - [`source`]: mappings from EU-LFS / EU-SILC (or a city's own) column names to canonical variables;
//! - [`group`]: target groups by citizenship and by country of birth, and the classification of raw codes;
//! - [`observation`]: how a value was produced ([`Method`]) and how far it can be trusted ([`Status`]);
//! - [`render`]: the catalogue as text and Markdown;

pub mod error;
pub mod group;
pub mod indicator;
pub mod observation;
pub mod render;
pub mod source;
pub mod variables;

/// The Eurostat tables seeded into the default database and how their codes map to catalogue
/// indicators and target groups (`data/official.toml`).
pub const OFFICIAL_TOML: &str = include_str!("../data/official.toml");
/// The regional and city migrant tables of the Eurostat sync (`data/regional.toml`).
pub const REGIONAL_TOML: &str = include_str!("../data/regional.toml");
/// The disclosure (publication) thresholds per source (`data/disclosure.toml`).
pub const DISCLOSURE_TOML: &str = include_str!("../data/disclosure.toml");

pub use error::CatalogError;
pub use group::{classify, Criterion, Group, TargetGroup};
pub use indicator::{Area, Catalogue, Indicator, Kind, RuleName, Source, Unit, UnitCode};
pub use observation::{Method, Status};
pub use source::{Alternative, Resolved, SourceMapping};
pub use variables::Variables;
