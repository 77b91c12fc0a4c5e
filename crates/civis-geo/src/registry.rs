//! The geography registry: which NUTS regions exist in which version, their names and hierarchy,
//! the country table, and validation of input codes against them.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

use serde::Serialize;

use super::code::{CodeError, CountryCode, GeoCode, NutsCode, NutsLevel};
use super::error::GeoError;

/// NUTS 2024 regions, all levels (GISCO attribute table, `catalog/geo/README.md`).
const NUTS2024_CSV: &str = include_str!("../data/nuts2024_regions.csv");
/// GISCO country code crosswalk (`catalog/geo/README.md`).
const COUNTRIES_CSV: &str = include_str!("../data/gisco_countrycode.csv");

/// A version of the NUTS classification. Codes are not stable identifiers across versions
/// (domain.md 3.1), so the registry keys regions by (version, code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum NutsVersion {
    /// Regulation (EU) 2016/2066, applied from 1 January 2018.
    Nuts2016,
    /// Delegated Regulation (EU) 2019/1755, applied from 1 January 2021.
    Nuts2021,
    /// Delegated Regulation (EU) 2023/2651, applied from 1 January 2024 (embedded).
    Nuts2024,
}

impl fmt::Display for NutsVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NutsVersion::Nuts2016 => "NUTS 2016",
            NutsVersion::Nuts2021 => "NUTS 2021",
            NutsVersion::Nuts2024 => "NUTS 2024",
        })
    }
}

/// One NUTS region of one version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Region {
    pub code: NutsCode,
    pub version: NutsVersion,
    /// Name in the national language and script (`NUTS_NAME`, e.g. "Ελλάδα").
    pub name: String,
    /// Name in Latin script (`NAME_LATN`, e.g. "Elláda").
    pub name_latin: String,
}

impl Region {
    pub fn level(&self) -> NutsLevel {
        self.code.level()
    }

    pub fn country(&self) -> CountryCode {
        self.code.country()
    }
}

/// One row of the GISCO country table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Country {
    /// Eurostat code (`EL`, `UK`, ...).
    pub code: CountryCode,
    /// ISO 3166-1 alpha-2 (`GR`, `GB`, ...), where the table has one.
    pub iso_alpha2: Option<String>,
    /// ISO 3166-1 alpha-3 (`GRC`, `GBR`, ...), where the table has one.
    pub iso_alpha3: Option<String>,
    /// English short name.
    pub name: String,
    /// Member of the European Union (as of the table's date).
    pub eu_member: bool,
}

/// Why a code in an input is not known to the registry.
#[derive(Debug, Clone, PartialEq)]
pub enum UnknownReason {
    /// Not a geo code at all.
    Malformed(CodeError),
    /// A well-formed NUTS code that the version does not contain. `other_versions` lists loaded
    /// versions that do contain it.
    NotInNuts {
        version: NutsVersion,
        other_versions: Vec<NutsVersion>,
    },
    /// A two-letter country code that is neither in the country table nor a NUTS country.
    UnknownCountry,
    /// The country part is an ISO code Eurostat writes differently (`GR` -> `EL`, `GB` -> `UK`).
    IsoCountry { eurostat: CountryCode },
}

/// A code the registry does not know, with the reason.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownCode {
    pub code: String,
    pub reason: UnknownReason,
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (", self.code)?;
        match &self.reason {
            UnknownReason::Malformed(_) => write!(
                f,
                "not a country, NUTS, aggregate, DEGURBA or Urban Audit code"
            )?,
            UnknownReason::NotInNuts {
                version,
                other_versions,
            } => {
                write!(f, "no such {version} region")?;
                if !other_versions.is_empty() {
                    let v: Vec<String> = other_versions.iter().map(|v| v.to_string()).collect();
                    write!(f, "; exists in {}", v.join(", "))?;
                }
            }
            UnknownReason::UnknownCountry => write!(f, "unknown country")?,
            UnknownReason::IsoCountry { eurostat } => {
                write!(f, "ISO 3166 country code; Eurostat writes {eurostat}")?
            }
        }
        write!(f, ")")
    }
}

/// All unknown codes of an input, in order of first appearance, each listed once.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct UnknownCodes(pub Vec<UnknownCode>);

impl fmt::Display for UnknownCodes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(f, "{n} unknown geo code{}: ", if n == 1 { "" } else { "s" })?;
        for (i, c) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{c}")?;
        }
        f.write_str(
            ". Geo codes must be Eurostat codes (EL not GR, UK not GB) of the NUTS version in use",
        )
    }
}

/// The geography registry: NUTS regions by version, countries, and validation.
///
/// [`GeoRegistry::embedded`] holds NUTS 2024 and the GISCO country table, compiled into the
/// binary; other NUTS versions can be added from files with the same columns
/// ([`GeoRegistry::load_nuts_file`]). Extra-Regio codes (`ATZ`, `ATZZ`, `ATZZZ`), which Eurostat
/// tables use for territory outside any region, are accepted for every NUTS country.
#[derive(Debug, Clone)]
pub struct GeoRegistry {
    regions: BTreeMap<(NutsVersion, NutsCode), Region>,
    children: HashMap<(NutsVersion, NutsCode), Vec<NutsCode>>,
    countries: BTreeMap<CountryCode, Country>,
    default_version: NutsVersion,
}

impl GeoRegistry {
    /// The registry with the embedded NUTS 2024 table and country table.
    pub fn embedded() -> Result<Self, GeoError> {
        let mut reg = GeoRegistry {
            regions: BTreeMap::new(),
            children: HashMap::new(),
            countries: BTreeMap::new(),
            default_version: NutsVersion::Nuts2024,
        };
        reg.load_countries_str("crates/civis-geo/data/gisco_countrycode.csv", COUNTRIES_CSV)?;
        reg.load_nuts_str(
            NutsVersion::Nuts2024,
            "crates/civis-geo/data/nuts2024_regions.csv",
            NUTS2024_CSV,
        )?;
        Ok(reg)
    }

    /// A shared instance of [`GeoRegistry::embedded`], built on first use.
    pub fn global() -> &'static GeoRegistry {
        static GLOBAL: OnceLock<GeoRegistry> = OnceLock::new();
        GLOBAL.get_or_init(|| {
            // The embedded tables are part of the source tree and tested; failing here is a build bug.
            GeoRegistry::embedded().expect("embedded geography tables are valid")
        })
    }

    /// The NUTS version used by lookups and validation without an explicit version.
    pub fn default_version(&self) -> NutsVersion {
        self.default_version
    }

    /// Sets the NUTS version for lookups and validation (it should be loaded).
    pub fn set_default_version(&mut self, version: NutsVersion) {
        self.default_version = version;
    }

    /// The NUTS versions loaded.
    pub fn versions(&self) -> Vec<NutsVersion> {
        let mut v: Vec<NutsVersion> = self.regions.keys().map(|(v, _)| *v).collect();
        v.dedup();
        v
    }

    /// Loads (or replaces) one NUTS version from a CSV file with the GISCO columns
    /// `NUTS_ID, LEVL_CODE, NAME_LATN, NUTS_NAME` (others ignored).
    pub fn load_nuts_file(&mut self, version: NutsVersion, path: &Path) -> Result<(), GeoError> {
        let text = std::fs::read_to_string(path).map_err(|source| GeoError::Io {
            path: path.to_owned(),
            source,
        })?;
        self.load_nuts_str(version, &path.display().to_string(), &text)
    }

    /// Like [`GeoRegistry::load_nuts_file`], from text; `file` names the source in errors.
    pub fn load_nuts_str(
        &mut self,
        version: NutsVersion,
        file: &str,
        text: &str,
    ) -> Result<(), GeoError> {
        let table = read_table(
            file,
            text,
            &["NUTS_ID", "LEVL_CODE", "NAME_LATN", "NUTS_NAME"],
        )?;
        let mut new = Vec::with_capacity(table.rows.len());
        for (line, row) in &table.rows {
            let bad = |reason: String| GeoError::Table {
                file: file.to_owned(),
                line: *line,
                reason,
            };
            let code = NutsCode::parse(&row[0]).map_err(|e| bad(e.to_string()))?;
            let level: u8 = row[1]
                .parse()
                .map_err(|_| bad(format!("LEVL_CODE `{}` is not a number 0-3", row[1])))?;
            if level != code.level().as_u8() {
                return Err(bad(format!(
                    "LEVL_CODE {level} does not match the length of `{code}` (level {})",
                    code.level()
                )));
            }
            let name_latin = row[2].trim().to_owned();
            let name = match row[3].trim() {
                "" => name_latin.clone(),
                n => n.to_owned(),
            };
            new.push(Region {
                code,
                version,
                name,
                name_latin,
            });
        }
        self.regions.retain(|(v, _), _| *v != version);
        self.children.retain(|(v, _), _| *v != version);
        for r in new {
            if let Some(p) = r.code.parent() {
                self.children.entry((version, p)).or_default().push(r.code);
            }
            self.regions.insert((version, r.code), r);
        }
        for kids in self.children.values_mut() {
            kids.sort();
        }
        Ok(())
    }

    /// Loads the country table (GISCO columns `ISO3_CODE, CNTR_CODE, iso2c, iso.name.en, eu`).
    /// Rows without a Eurostat code (e.g. French overseas departments) are skipped.
    pub fn load_countries_str(&mut self, file: &str, text: &str) -> Result<(), GeoError> {
        let table = read_table(
            file,
            text,
            &["ISO3_CODE", "CNTR_CODE", "iso2c", "iso.name.en", "eu"],
        )?;
        for (line, row) in &table.rows {
            if row[1].is_empty() {
                continue;
            }
            let code = CountryCode::parse(&row[1]).map_err(|e| GeoError::Table {
                file: file.to_owned(),
                line: *line,
                reason: e.to_string(),
            })?;
            let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
            self.countries.insert(
                code,
                Country {
                    code,
                    iso_alpha2: opt(&row[2]),
                    iso_alpha3: opt(&row[0]),
                    name: row[3].clone(),
                    eu_member: row[4].eq_ignore_ascii_case("TRUE"),
                },
            );
        }
        Ok(())
    }

    /// The region in the default version.
    pub fn region(&self, code: &NutsCode) -> Option<&Region> {
        self.region_in(self.default_version, code)
    }

    /// The region in a given version.
    pub fn region_in(&self, version: NutsVersion, code: &NutsCode) -> Option<&Region> {
        self.regions.get(&(version, *code))
    }

    /// All regions of one level in the default version, in code order.
    pub fn regions(&self, level: NutsLevel) -> impl Iterator<Item = &Region> {
        let v = self.default_version;
        self.regions
            .values()
            .filter(move |r| r.version == v && r.level() == level)
    }

    /// The sub-regions one level down, in code order (empty for level 3 or unknown codes).
    pub fn children(&self, code: &NutsCode) -> &[NutsCode] {
        self.children
            .get(&(self.default_version, *code))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The parent region, if the code and its parent exist in the default version.
    pub fn parent(&self, code: &NutsCode) -> Option<&Region> {
        self.region(code)?;
        self.region(&code.parent()?)
    }

    /// The region's ancestors, from its parent up to the country (`AT130` -> `AT13`, `AT1`, `AT`).
    /// Empty for a country or a code not in the default version.
    pub fn parents_chain(&self, code: &NutsCode) -> Vec<&Region> {
        let mut chain = Vec::new();
        if self.region(code).is_none() {
            return chain;
        }
        let mut cur = code.parent();
        while let Some(p) = cur {
            if let Some(r) = self.region(&p) {
                chain.push(r);
            }
            cur = p.parent();
        }
        chain
    }

    /// The country table row for a Eurostat code.
    pub fn country(&self, code: CountryCode) -> Option<&Country> {
        self.countries.get(&code)
    }

    /// The country for an ISO 3166-1 alpha-2 or alpha-3 code (`GR`, `GRC` -> `EL`).
    pub fn country_by_iso(&self, iso: &str) -> Option<&Country> {
        self.countries
            .values()
            .find(|c| c.iso_alpha2.as_deref() == Some(iso) || c.iso_alpha3.as_deref() == Some(iso))
    }

    /// A display name for any code: the NUTS name (national script) for countries and regions,
    /// the English label for aggregates and DEGURBA classes; `None` for Urban Audit codes (no city
    /// list is loaded) and unknown codes.
    pub fn name(&self, code: &GeoCode) -> Option<&str> {
        match code {
            GeoCode::Country(c) => self
                .region(&c.as_nuts())
                .map(|r| r.name.as_str())
                .or_else(|| self.country(*c).map(|c| c.name.as_str())),
            GeoCode::Nuts(n) => self.region(n).map(|r| r.name.as_str()),
            GeoCode::Degurba(d) => Some(d.label()),
            GeoCode::Aggregate(a) => Some(aggregate_label(*a)),
            GeoCode::UrbanAudit(_) => None,
        }
    }

    fn country_known(&self, c: CountryCode) -> bool {
        self.countries.contains_key(&c) || self.region(&c.as_nuts()).is_some()
    }

    /// Whether the code is known: aggregates and DEGURBA classes always; countries in the country
    /// table or NUTS; NUTS regions in the default version (or Extra-Regio `..Z`, `..ZZ`, `..ZZZ`);
    /// Urban Audit codes whose country is known.
    pub fn check(&self, code: &str) -> Result<GeoCode, UnknownCode> {
        let unknown = |reason| UnknownCode {
            code: code.to_owned(),
            reason,
        };
        let geo = GeoCode::parse(code).map_err(|e| unknown(UnknownReason::Malformed(e)))?;
        let country_reason = |c: CountryCode| match c.eurostat_form_of_iso() {
            Some(eurostat) => UnknownReason::IsoCountry { eurostat },
            None => UnknownReason::UnknownCountry,
        };
        match geo {
            GeoCode::Aggregate(_) | GeoCode::Degurba(_) => Ok(geo),
            GeoCode::Country(c) if self.country_known(c) => Ok(geo),
            GeoCode::Country(c) => Err(unknown(country_reason(c))),
            GeoCode::UrbanAudit(u) if self.country_known(u.country()) => Ok(geo),
            GeoCode::UrbanAudit(u) => Err(unknown(country_reason(u.country()))),
            GeoCode::Nuts(n) => {
                let extra_regio = n.as_str()[2..].bytes().all(|b| b == b'Z');
                if self.region(&n).is_some()
                    || extra_regio && self.region(&n.country().as_nuts()).is_some()
                {
                    return Ok(geo);
                }
                if let Some(eurostat) = n.country().eurostat_form_of_iso() {
                    return Err(unknown(UnknownReason::IsoCountry { eurostat }));
                }
                let other_versions = self
                    .versions()
                    .into_iter()
                    .filter(|v| *v != self.default_version && self.region_in(*v, &n).is_some())
                    .collect();
                Err(unknown(UnknownReason::NotInNuts {
                    version: self.default_version,
                    other_versions,
                }))
            }
        }
    }

    /// Whether every code is known; the error lists every unknown code once, in input order.
    pub fn validate<I, S>(&self, codes: I) -> Result<(), UnknownCodes>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let unknown = self.unknown_codes(codes);
        if unknown.is_empty() {
            Ok(())
        } else {
            Err(UnknownCodes(unknown))
        }
    }

    /// The unknown codes, each once, in input order: for callers that warn instead of failing.
    pub fn unknown_codes<I, S>(&self, codes: I) -> Vec<UnknownCode>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut seen = HashSet::new();
        let mut unknown = Vec::new();
        for code in codes {
            let code = code.as_ref();
            if seen.insert(code.to_owned()) {
                if let Err(u) = self.check(code) {
                    unknown.push(u);
                }
            }
        }
        unknown
    }
}

fn aggregate_label(a: super::code::Aggregate) -> &'static str {
    use super::code::Aggregate as A;
    match a {
        A::Eu27_2020 => "European Union - 27 countries (from 2020)",
        A::Eu28 => "European Union - 28 countries (2013-2020)",
        A::Eu27_2007 => "European Union - 27 countries (2007-2013)",
        A::Eu15 => "European Union - 15 countries (1995-2004)",
        A::Ea => "Euro area",
        A::Ea18 => "Euro area - 18 countries (2014)",
        A::Ea19 => "Euro area - 19 countries (2015-2022)",
        A::Ea20 => "Euro area - 20 countries (from 2023)",
        A::Efta => "European Free Trade Association",
    }
}

/// A CSV table reduced to the wanted columns, with 1-based line numbers (header = line 1).
pub(super) struct Table {
    pub(super) rows: Vec<(u64, Vec<String>)>,
}

pub(super) fn read_table(file: &str, text: &str, wanted: &[&str]) -> Result<Table, GeoError> {
    let csv_err = |source| GeoError::Csv {
        file: file.to_owned(),
        source,
    };
    let mut rdr = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header = rdr.headers().map_err(csv_err)?.clone();
    let idx: Vec<usize> = wanted
        .iter()
        .map(|w| {
            header
                .iter()
                .position(|h| h == *w)
                .ok_or_else(|| GeoError::Table {
                    file: file.to_owned(),
                    line: 1,
                    reason: format!(
                        "missing column `{w}` (columns are: {})",
                        header.iter().collect::<Vec<_>>().join(", ")
                    ),
                })
        })
        .collect::<Result<_, _>>()?;
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(csv_err)?;
        let line = rec.position().map_or(0, |p| p.line());
        rows.push((
            line,
            idx.iter()
                .map(|&i| rec.get(i).unwrap_or("").to_owned())
                .collect(),
        ));
    }
    Ok(Table { rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nuts(s: &str) -> NutsCode {
        NutsCode::parse(s).unwrap()
    }

    #[test]
    fn wien_is_level_2_under_ostosterreich() {
        let reg = GeoRegistry::global();
        let wien = reg.region(&nuts("AT13")).unwrap();
        assert_eq!(wien.name, "Wien");
        assert_eq!(wien.level(), NutsLevel::L2);
        assert_eq!(reg.parent(&nuts("AT13")).unwrap().code, nuts("AT1"));
        assert_eq!(reg.children(&nuts("AT13")), &[nuts("AT130")]);
        let chain: Vec<&str> = reg
            .parents_chain(&nuts("AT130"))
            .iter()
            .map(|r| r.code.as_str())
            .collect();
        assert_eq!(chain, ["AT13", "AT1", "AT"]);
    }

    #[test]
    fn greece_is_el_not_gr() {
        let reg = GeoRegistry::global();
        let el = reg.country(CountryCode::GREECE).unwrap();
        assert_eq!(el.iso_alpha2.as_deref(), Some("GR"));
        assert_eq!(el.iso_alpha3.as_deref(), Some("GRC"));
        assert_eq!(
            reg.country_by_iso("GBR").unwrap().code,
            CountryCode::UNITED_KINGDOM
        );
        assert!(reg.check("EL").is_ok());
        let gr = reg.check("GR").unwrap_err();
        assert_eq!(
            gr.reason,
            UnknownReason::IsoCountry {
                eurostat: CountryCode::GREECE
            }
        );
        assert!(matches!(
            reg.check("GR30").unwrap_err().reason,
            UnknownReason::IsoCountry { .. }
        ));
        assert_eq!(
            reg.country(CountryCode::parse("NA").unwrap())
                .unwrap()
                .iso_alpha3
                .as_deref(),
            Some("NAM")
        );
    }

    #[test]
    fn extra_regio_and_aggregates_are_known() {
        let reg = GeoRegistry::global();
        for ok in ["ATZZ", "DEZZZ", "EU27_2020", "DEG3", "DE001C1", "XK"] {
            assert!(reg.check(ok).is_ok(), "{ok}");
        }
    }
}
