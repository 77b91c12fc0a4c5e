//! Canonical variables (`crates/civis-catalog/data/variables.toml`).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::CatalogError;

pub const DEFAULT_VARIABLES: &str = include_str!("../data/variables.toml");

#[derive(Debug, Clone, Deserialize)]
pub struct Variable {
    pub description: String,
}

/// The canonical variables with their descriptions.
#[derive(Debug, Clone, Deserialize)]
pub struct Variables {
    pub version: String,
    #[serde(rename = "variable")]
    pub variables: BTreeMap<String, Variable>,
}

impl Variables {
    pub fn default_variables() -> Result<Variables, CatalogError> {
        toml::from_str(DEFAULT_VARIABLES).map_err(|e| CatalogError::Toml {
            file: "crates/civis-catalog/data/variables.toml".into(),
            message: e.to_string(),
        })
    }
    pub fn contains(&self, name: &str) -> bool {
        self.variables.contains_key(name)
    }
}
