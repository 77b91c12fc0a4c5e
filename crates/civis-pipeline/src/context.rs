//! Indicators beyond the catalogue: context figures and district targets, as the `[[context]]`
//! tables of `official.toml` (the default database's Eurostat tables) and `regional.toml` (the
//! real regions and cities) define them.

use civis_store::Definition;
use serde::Deserialize;

/// An indicator that is not in the catalogue (a context figure or a district target), as the
/// `[[context]]` tables of `official.toml` and `regional.toml` define it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextIndicator {
    pub id: String,
    pub area: String,
    pub name: String,
    pub definition: String,
    pub unit: String,
    pub higher_is_better: Option<bool>,
}

impl ContextIndicator {
    /// Its definition in the store, from the catalogue file and version `catalogue_version`.
    pub fn to_definition(&self, catalogue_version: String) -> Definition {
        Definition {
            indicator: self.id.clone(),
            name: self.name.clone(),
            definition: self.definition.clone(),
            area: self.area.clone(),
            unit: self.unit.clone(),
            higher_is_better: self.higher_is_better,
            catalogue_version,
        }
    }
}
