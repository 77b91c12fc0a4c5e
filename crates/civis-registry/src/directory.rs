//! The toolbox directory seed: real European data sources, surveys, indicator sets, policy
//! indices, practice databases, classifications, software and methods, curated in
//! `crates/civis-registry/data/directory.toml`. Every record names its owner, coverage, geography, access
//! conditions, formats, an official link, and a `source` saying where its facts come from.

use std::collections::BTreeSet;

use serde::Deserialize;

use crate::entry::{Instrument, InstrumentForm};
use crate::error::RegistryError;

/// The curated directory shipped with Civis.
pub const DIRECTORY_TOML: &str = include_str!("../data/directory.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    instrument: Vec<InstrumentForm>,
}

/// Parses and validates a directory file; `file` names it in errors. Slugs must be unique.
pub fn load(text: &str, file: &str) -> Result<Vec<Instrument>, RegistryError> {
    let err = |message: String| RegistryError::Seed {
        file: file.to_owned(),
        message,
    };
    let f: File = toml::from_str(text).map_err(|e| err(e.to_string()))?;
    let mut seen = BTreeSet::new();
    let mut out = Vec::with_capacity(f.instrument.len());
    for (i, form) in f.instrument.iter().enumerate() {
        let ins = form
            .validate()
            .map_err(|e| err(format!("instrument {} (`{}`): {e}", i + 1, form.slug)))?;
        if !seen.insert(ins.slug.clone()) {
            return Err(err(format!("duplicate slug `{}`", ins.slug)));
        }
        out.push(ins);
    }
    Ok(out)
}

/// The curated directory.
pub fn seed() -> Result<Vec<Instrument>, RegistryError> {
    load(DIRECTORY_TOML, "crates/civis-registry/data/directory.toml")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::InstrumentKind;

    #[test]
    fn the_seed_has_at_least_30_valid_instruments_of_every_kind() {
        let d = seed().unwrap();
        assert!(d.len() >= 30, "only {} instruments", d.len());
        for k in InstrumentKind::ALL {
            assert!(d.iter().any(|i| i.kind == *k), "no {k} in the directory");
        }
        for i in &d {
            assert!(
                i.link.as_str().starts_with("https://"),
                "{}: {}",
                i.slug,
                i.link
            );
            assert!(!i.source.is_empty() && !i.owner.is_empty(), "{}", i.slug);
        }
    }

    #[test]
    fn owners_of_well_known_instruments() {
        let d = seed().unwrap();
        let owner = |slug: &str| {
            d.iter()
                .find(|i| i.slug == slug)
                .map(|i| i.owner.as_str())
                .unwrap_or_else(|| panic!("{slug} missing"))
        };
        assert_eq!(
            owner("eu_lfs"),
            "Eurostat and the national statistical institutes"
        );
        assert_eq!(owner("intercultural_cities_index"), "Council of Europe");
        assert_eq!(owner("r_vardpoor"), "Central Statistical Bureau of Latvia");
        assert_eq!(owner("r_surveysd"), "Statistics Austria");
        assert_eq!(
            owner("regenesees"),
            "Istat (Italian National Institute of Statistics)"
        );
    }

    #[test]
    fn duplicates_and_bad_records_are_refused() {
        let rec = r#"[[instrument]]
slug = "x"
name = "X"
kind = "software"
owner = "O"
description = "D"
coverage = "C"
geography = ["any"]
access = "open"
formats = ["R"]
link = "https://example.org/"
source = "S"
"#;
        assert_eq!(load(rec, "t").unwrap().len(), 1);
        let twice = format!("{rec}\n{rec}");
        assert!(load(&twice, "t")
            .unwrap_err()
            .to_string()
            .contains("duplicate"));
        let bad = rec.replace("https://example.org/", "javascript:alert(1)");
        assert!(load(&bad, "t").unwrap_err().to_string().contains("link"));
    }
}
