//! # civis-catalog: the harmonised definitions Civis computes with
//!
//! Everything here is data loaded from `catalog/` (embedded in the binary, replaceable by files):
//! - [`indicator`]: the Zaragoza / Eurostat migrant-integration indicators (`catalog/indicators.toml`);
//! - [`variables`]: the canonical variables the definitions are written in;
//! - [`source`]: mappings from EU-LFS / EU-SILC (or a city's own) column names to canonical variables;
//! - [`group`]: target groups by citizenship and by country of birth, and the classification of raw codes;
//! - [`observation`]: how a value was produced ([`Method`]) and how far it can be trusted ([`Status`]);
//! - [`render`]: the catalogue as text and Markdown;
//! - [`geo`]: the geography registry (NUTS, countries, DEGURBA, Urban Audit codes) and map geometries.

pub mod error;
pub mod geo;
pub mod group;
pub mod indicator;
pub mod observation;
pub mod render;
pub mod source;
pub mod variables;

pub use error::CatalogError;
pub use group::{classify, Criterion, Group, TargetGroup};
pub use indicator::{Area, Catalogue, Indicator, Kind, RuleName, Source, Unit, UnitCode};
pub use observation::{Method, Status};
pub use source::{Alternative, Resolved, SourceMapping};
pub use variables::Variables;
