//! The areas of the default database: the Austrian federal states by the names the synthetic
//! data use, the Austrian districts of `data/geo/austria_districts.geojson`, and the definitions
//! and geography entries of everything stored.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use civis_catalog::Catalogue;
use civis_geo::{GeoCode, GeoRegistry, NutsCode, NutsLevel};
use civis_store::{Definition, Geography};

use crate::error::{bail, invalid, Result, WithContext};
use crate::seed::official::{OfficialMapping, OFFICIAL_FILE};

/// Reference year of laeken's `eusilc` and of emdi's `eusilcA` (both built from the Austrian
/// EU-SILC 2006).
pub const SYNTHETIC_YEAR: &str = "2006";

/// English names of the Austrian federal states, as laeken's `eusilc` writes `db040`, and their
/// names in NUTS 2024 (the registry holds the national names only; the codes come from the
/// registry, see [`austrian_state_codes`]).
pub const AUSTRIAN_STATE_EXONYMS: [(&str, &str); 6] = [
    ("Carinthia", "Kärnten"),
    ("Lower Austria", "Niederösterreich"),
    ("Styria", "Steiermark"),
    ("Tyrol", "Tirol"),
    ("Upper Austria", "Oberösterreich"),
    ("Vienna", "Wien"),
];
/// The NUTS 2024 codes of the Austrian federal states by the names laeken's `eusilc` uses
/// (English) and by their NUTS names, found in the registry.
pub fn austrian_state_codes(reg: &GeoRegistry) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    let at = NutsCode::parse("AT").map_err(|e| invalid!("{e}"))?;
    for r in reg.regions(NutsLevel::L2) {
        if r.code.country().as_str() == "AT" && r.code.is_within(&at) {
            out.insert(r.name.clone(), r.code.as_str().to_string());
            out.insert(r.name_latin.clone(), r.code.as_str().to_string());
        }
    }
    for (english, national) in AUSTRIAN_STATE_EXONYMS {
        let code = out
            .get(national)
            .cloned()
            .ok_or_else(|| invalid!("no NUTS 2024 region named `{national}` in the registry"))?;
        out.insert(english.to_string(), code);
    }
    Ok(out)
}

/// One Austrian district of `austria_districts.geojson`.
#[derive(Debug, Clone, PartialEq)]
pub struct District {
    /// `AT-D` + the BEV district code `BKZ`, e.g. `AT-D101`.
    pub code: String,
    /// `PB`, as the `Domain` / `district` names of the SAE data.
    pub name: String,
    /// `BL`, the federal state.
    pub state: String,
}

/// The districts of `austria_districts.geojson` (properties `BKZ`, `PB`, `BL`).
pub fn austrian_districts(path: &Path) -> Result<Vec<District>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let v: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{}", path.display()))?;
    let features = v["features"]
        .as_array()
        .ok_or_else(|| invalid!("{}: no features", path.display()))?;
    features
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let p = &f["properties"];
            let bad = |what: &str| invalid!("{}: feature {}: {what}", path.display(), i + 1);
            Ok(District {
                code: format!(
                    "AT-D{}",
                    p["BKZ"].as_u64().ok_or_else(|| bad("no BKZ number"))?
                ),
                name: p["PB"]
                    .as_str()
                    .ok_or_else(|| bad("no PB name"))?
                    .to_string(),
                state: p["BL"]
                    .as_str()
                    .ok_or_else(|| bad("no BL name"))?
                    .to_string(),
            })
        })
        .collect()
}

/// Definitions of the indicators `ids` from the catalogue or the context indicators.
pub fn indicator_definitions(
    ids: &BTreeSet<String>,
    catalogue: &Catalogue,
    mapping: &OfficialMapping,
) -> Result<Vec<Definition>> {
    ids.iter()
        .map(|id| {
            if let Some(i) = catalogue.get(id) {
                Ok(Definition {
                    indicator: id.clone(),
                    name: i.name.clone(),
                    definition: i.definition.clone(),
                    area: i.area.name().to_string(),
                    unit: i.unit.code().to_string(),
                    higher_is_better: Some(i.higher_is_better),
                    catalogue_version: catalogue.version.clone(),
                })
            } else if let Some(c) = mapping.context(id) {
                Ok(c.to_definition(format!("{OFFICIAL_FILE} {}", mapping.version)))
            } else {
                bail!("indicator `{id}` has no definition in the catalogue nor in {OFFICIAL_FILE}")
            }
        })
        .collect()
}

/// The areas `codes` with names, levels and parents: registry codes from the registry,
/// districts (`AT-D...`) from `districts`. An unknown code is an error.
pub fn geography_entries(
    codes: &BTreeSet<String>,
    reg: &GeoRegistry,
    districts: &[District],
) -> Result<Vec<Geography>> {
    let states = austrian_state_codes(reg)?;
    let mut unknown = Vec::new();
    let mut out = Vec::new();
    for code in codes {
        if let Some(d) = districts.iter().find(|d| &d.code == code) {
            out.push(Geography {
                code: code.clone(),
                name: d.name.clone(),
                level: "district".into(),
                parent: states.get(&d.state).cloned(),
                country: "AT".into(),
            });
            continue;
        }
        match reg.check(code) {
            Ok(GeoCode::Aggregate(_)) => out.push(Geography {
                code: code.clone(),
                name: reg
                    .name(&GeoCode::parse(code).map_err(|e| invalid!("{e}"))?)
                    .unwrap_or(code)
                    .to_string(),
                level: "aggregate".into(),
                parent: None,
                country: code.clone(),
            }),
            Ok(g @ GeoCode::Country(c)) => out.push(Geography {
                code: code.clone(),
                name: reg.name(&g).unwrap_or(code).to_string(),
                level: "country".into(),
                parent: None,
                country: c.as_str().to_string(),
            }),
            Ok(g @ GeoCode::Nuts(n)) => out.push(Geography {
                code: code.clone(),
                name: reg.name(&g).unwrap_or(code).to_string(),
                level: format!("nuts{}", n.level().as_u8()),
                parent: n.parent().map(|p| p.as_str().to_string()),
                country: n.country().as_str().to_string(),
            }),
            _ => unknown.push(code.clone()),
        }
    }
    if !unknown.is_empty() {
        bail!(
            "areas unknown to the geography registry and the district file: {}",
            unknown.join(", ")
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_names_resolve_through_the_registry() {
        let s = austrian_state_codes(GeoRegistry::global()).unwrap();
        assert_eq!(s["Vienna"], "AT13");
        assert_eq!(s["Wien"], "AT13");
        assert_eq!(s["Burgenland"], "AT11");
        assert_eq!(s["Vorarlberg"], "AT34");
        assert_eq!(s["Lower Austria"], "AT12");
    }
}
