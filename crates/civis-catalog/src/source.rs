//! Variable mappings: how to get each canonical variable from a file's columns.
//!
//! A mapping (`crates/civis-catalog/data/sources/eu-silc.toml`, `crates/civis-catalog/data/sources/eu-lfs.toml`, or a user's file for
//! a city register) lists, for each canonical variable, alternatives `{ column, expr }`: the first
//! alternative whose column is in the file wins (names compared case-insensitively); `expr`, an
//! expression of the `civis estimate` language over that column, recodes it into the canonical
//! coding (without `expr` the column is used as it is). `--map canonical=column` puts a plain
//! column first.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::CatalogError;

pub const EU_SILC: &str = include_str!("../data/sources/eu-silc.toml");
pub const EU_LFS: &str = include_str!("../data/sources/eu-lfs.toml");

/// One way to obtain a canonical variable.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alternative {
    pub column: String,
    #[serde(default)]
    pub expr: Option<String>,
}

/// A source mapping.
#[derive(Debug, Clone, Deserialize)]
pub struct SourceMapping {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(flatten)]
    pub variables: BTreeMap<String, Vec<Alternative>>,
}

/// A canonical variable found in a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub canonical: String,
    /// The column as the file spells it.
    pub column: String,
    /// The column as the mapping spells it (the name `expr` uses).
    pub mapping_column: String,
    pub expr: Option<String>,
}

impl SourceMapping {
    /// `eu-silc`, `eu-lfs`, or the text of a mapping file.
    pub fn builtin(id: &str) -> Option<SourceMapping> {
        let text = match id {
            "eu-silc" => EU_SILC,
            "eu-lfs" => EU_LFS,
            _ => return None,
        };
        toml::from_str(text).ok()
    }

    pub fn parse(text: &str, file: &str) -> Result<SourceMapping, CatalogError> {
        toml::from_str(text).map_err(|e| CatalogError::Toml {
            file: file.to_string(),
            message: e.to_string(),
        })
    }

    /// Put `column` first for `canonical` (a `--map canonical=column` override).
    pub fn override_with(&mut self, canonical: &str, column: &str) {
        self.variables
            .entry(canonical.to_string())
            .or_default()
            .insert(
                0,
                Alternative {
                    column: column.to_string(),
                    expr: None,
                },
            );
    }

    /// Resolve `canonical` against the header: the first alternative present.
    pub fn resolve(&self, canonical: &str, header: &[String]) -> Option<Resolved> {
        let alts = self.variables.get(canonical)?;
        for a in alts {
            if let Some(h) = header.iter().find(|h| h.eq_ignore_ascii_case(&a.column)) {
                return Some(Resolved {
                    canonical: canonical.to_string(),
                    column: h.clone(),
                    mapping_column: a.column.clone(),
                    expr: a.expr.clone(),
                });
            }
        }
        None
    }

    /// The columns the mapping would look for, for messages.
    pub fn candidates(&self, canonical: &str) -> Vec<String> {
        self.variables
            .get(canonical)
            .map(|a| a.iter().map(|x| x.column.to_ascii_uppercase()).collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_mappings_parse_and_resolve_case_insensitively() {
        let silc = SourceMapping::builtin("eu-silc").unwrap();
        let header: Vec<String> = ["DB030", "RB050", "PL030", "age"]
            .map(String::from)
            .to_vec();
        let w = silc.resolve("weight", &header).unwrap();
        assert_eq!(w.column, "RB050");
        let e = silc.resolve("employed", &header).unwrap();
        assert_eq!(e.column, "PL030");
        assert_eq!(e.mapping_column, "pl030");
        assert!(e.expr.unwrap().contains("in (1, 2)"));
        assert!(silc.resolve("equivalised_income", &header).is_none());
        assert!(SourceMapping::builtin("eu-lfs").is_some());
        assert!(SourceMapping::builtin("nope").is_none());
    }

    #[test]
    fn overrides_come_first() {
        let mut silc = SourceMapping::builtin("eu-silc").unwrap();
        silc.override_with("equivalised_income", "eqIncome");
        let header: Vec<String> = ["eqIncome", "hx090"].map(String::from).to_vec();
        assert_eq!(
            silc.resolve("equivalised_income", &header).unwrap().column,
            "eqIncome"
        );
    }
}
