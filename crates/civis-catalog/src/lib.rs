//! # civis-catalog: the harmonised definitions Civis computes with
//!
//! - [`geo`]: the geography registry (NUTS, countries, DEGURBA, Urban Audit codes) and map
//!   geometries.

pub mod geo;
