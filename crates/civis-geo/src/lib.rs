//! # civis-geo: geography — codes, the registry and map geometries
//!
//! Statistics arrive keyed by geographic codes written the Eurostat way: countries (`AT`, `EL`
//! for Greece, `UK`), NUTS regions (`AT13` Wien, level 2), aggregates (`EU27_2020`), degree of
//! urbanisation classes (`DEG1`..`DEG3`) and Urban Audit cities and functional urban areas
//! (`DE001C1`, `FR001K1`, `DE001F`). This crate turns those strings into types
//! ([`GeoCode`] and its parts) whose grammar is checked on construction, and checks *existence*
//! against a [`GeoRegistry`] that knows which NUTS regions exist in which NUTS version, their
//! names and hierarchy, and the country table. NUTS codes are not stable across versions
//! (domain.md 3.1), so the registry is keyed by (version, code); NUTS 2024 is embedded and other
//! versions can be loaded from files, and values converted between versions with JRC conversion
//! matrices ([`NutsConversion`]).
//!
//! Every geo code of every input should pass [`GeoRegistry::validate`] (an error listing all
//! unknown codes) or [`GeoRegistry::unknown_codes`] (the list, for a warning).
//!
//! The [`map`] module turns the GISCO NUTS 2024 GeoJSON and the Austrian district shapes
//! into compact SVG paths for the portal, projected to LAEA Europe (EPSG:3035, see [`project`]),
//! simplified (Douglas-Peucker, see [`simplify`]) and carrying their attribution.

mod code;
mod conversion;
mod error;
pub mod map;
pub mod project;
mod registry;
pub mod simplify;

pub use code::{
    Aggregate, CodeError, CountryCode, Degurba, GeoCode, NutsCode, NutsLevel, UrbanAuditCode,
    UrbanAuditLevel,
};
pub use conversion::{Converted, NutsConversion};
pub use error::GeoError;
pub use map::{
    load_austria_districts, load_austria_districts_with, load_nuts_layer, load_nuts_layer_with,
    Attribution, FeatureId, Inset, LayerKind, MapFeature, MapLayer, MapOptions, ViewBox,
    DEFAULT_GEO_DIR,
};
/// The city registry (`data/cities.csv`, built by `catalog/geo/build_cities.py`): Urban Audit
/// cities with their NUTS 2024 regions.
pub const CITIES_CSV: &str = include_str!("../data/cities.csv");

pub use registry::{
    Country, GeoRegistry, NutsVersion, Region, UnknownCode, UnknownCodes, UnknownReason,
};
