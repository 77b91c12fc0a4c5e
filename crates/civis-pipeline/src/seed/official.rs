//! The national Eurostat tables of the default database: `crates/civis-catalog/data/official.toml`
//! ([`OfficialMapping`]) says which rows of each file in `data/eurostat/` are kept, under which
//! catalogue indicator (or a context indicator defined there), target group, unit and age band;
//! [`official_dataset`] reads one file under its mapping, flags as published.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use civis_catalog::{Catalogue, TargetGroup};
use civis_geo::{Aggregate, CountryCode, GeoCode, GeoRegistry, NutsLevel};
use civis_io::cube::Dataset;
use civis_store::{Method, Observation, Provenance};
use serde::Deserialize;

pub use crate::context::ContextIndicator;
use crate::error::{bail, invalid, Result, WithContext};
use crate::real_europe::SourceDataset;

/// The mapping of the Eurostat tables, compiled into the binary.
pub const DEFAULT_OFFICIAL: &str = civis_catalog::OFFICIAL_TOML;

/// The name under which [`DEFAULT_OFFICIAL`] is reported in errors.
pub const OFFICIAL_FILE: &str = "crates/civis-catalog/data/official.toml";

/// Which indicator the rows of a Eurostat file are.
#[derive(Debug, Clone, PartialEq)]
pub enum IndicatorChoice {
    /// Every selected row.
    One(String),
    /// By the value (code or label) of a dimension; other values are left out.
    By {
        dimension: String,
        values: BTreeMap<String, String>,
    },
}

/// How one Eurostat file becomes observations.
#[derive(Debug, Clone, PartialEq)]
pub struct DatasetMapping {
    /// Eurostat code, the dataset's name in the database.
    pub code: String,
    /// File in `data/eurostat/`.
    pub file: String,
    /// `citizenship` or `birth`.
    pub criterion: String,
    pub indicator: IndicatorChoice,
    /// Dimension -> accepted value (code or label).
    pub filter: BTreeMap<String, String>,
    /// Unit code written to the observations.
    pub unit: String,
    /// Age band code written to the observations.
    pub age: String,
    /// Value of the criterion dimension (code or label) -> target-group code.
    pub groups: BTreeMap<String, String>,
    pub skip_groups: BTreeSet<String>,
    pub skip_geo: BTreeSet<String>,
}

/// `crates/civis-catalog/data/official.toml`, parsed and checked against the catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct OfficialMapping {
    pub version: String,
    /// Geo labels the registry does not spell the same way -> code.
    pub geo_labels: BTreeMap<String, String>,
    pub contexts: Vec<ContextIndicator>,
    pub datasets: Vec<DatasetMapping>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    version: String,
    #[serde(default)]
    geo_labels: BTreeMap<String, String>,
    #[serde(default)]
    context: Vec<RawContext>,
    #[serde(default)]
    dataset: Vec<RawDataset>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContext {
    id: toml::Spanned<String>,
    area: String,
    name: String,
    definition: String,
    unit: String,
    #[serde(default)]
    higher_is_better: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicatorBy {
    dimension: String,
    values: BTreeMap<String, toml::Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDataset {
    code: toml::Spanned<String>,
    file: String,
    criterion: String,
    #[serde(default)]
    indicator: Option<toml::Spanned<String>>,
    #[serde(default)]
    indicator_by: Option<RawIndicatorBy>,
    #[serde(default)]
    filter: BTreeMap<String, String>,
    unit: String,
    age: String,
    groups: BTreeMap<String, toml::Spanned<String>>,
    #[serde(default)]
    skip_groups: BTreeSet<String>,
    #[serde(default)]
    skip_geo: BTreeSet<String>,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1
}

impl OfficialMapping {
    /// The mapping shipped with Civis, checked against the default catalogue.
    pub fn default_mapping(catalogue: &Catalogue) -> Result<OfficialMapping> {
        OfficialMapping::parse(DEFAULT_OFFICIAL, OFFICIAL_FILE, catalogue)
    }

    /// Parse and check a mapping: every indicator id is a catalogue id or a `[[context]]` id
    /// (context ids must not be catalogue ids), every group a catalogue target group, every
    /// criterion `citizenship` or `birth`, dataset codes unique. Errors name `file` and the line.
    pub fn parse(text: &str, file: &str, catalogue: &Catalogue) -> Result<OfficialMapping> {
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let at = e
                .span()
                .map(|s| format!(":{}", line_of(text, s.start)))
                .unwrap_or_default();
            invalid!("{file}{at}: {}", e.message())
        })?;
        let at = |span: std::ops::Range<usize>| format!("{file}:{}", line_of(text, span.start));
        let mut contexts = Vec::new();
        let mut context_ids = BTreeSet::new();
        for c in raw.context {
            let id = c.id.get_ref().clone();
            if catalogue.get(&id).is_some() {
                bail!(
                    "{}: context indicator `{id}` is already a catalogue indicator (crates/civis-catalog/data/indicators.toml)",
                    at(c.id.span())
                );
            }
            if !context_ids.insert(id.clone()) {
                bail!(
                    "{}: context indicator `{id}` is defined twice",
                    at(c.id.span())
                );
            }
            contexts.push(ContextIndicator {
                id,
                area: c.area,
                name: c.name,
                definition: c.definition,
                unit: c.unit,
                higher_is_better: c.higher_is_better,
            });
        }
        let known = |id: &str| catalogue.get(id).is_some() || context_ids.contains(id);
        let check_id = |s: &toml::Spanned<String>, code: &str| -> Result<String> {
            let id = s.get_ref();
            if known(id) {
                Ok(id.clone())
            } else {
                bail!(
                    "{}: dataset `{code}`: unknown indicator `{id}` (not in crates/civis-catalog/data/indicators.toml nor a [[context]] of this file)",
                    at(s.span())
                )
            }
        };
        let group_codes: Vec<&str> = TargetGroup::ALL.iter().map(|g| g.code()).collect();
        let mut datasets = Vec::new();
        let mut codes = BTreeSet::new();
        for d in raw.dataset {
            let code = d.code.get_ref().clone();
            if !codes.insert(code.clone()) {
                bail!("{}: dataset `{code}` appears twice", at(d.code.span()));
            }
            let indicator = match (d.indicator, d.indicator_by) {
                (Some(i), None) => IndicatorChoice::One(check_id(&i, &code)?),
                (None, Some(by)) => {
                    let mut values = BTreeMap::new();
                    for (k, v) in &by.values {
                        values.insert(k.clone(), check_id(v, &code)?);
                    }
                    IndicatorChoice::By {
                        dimension: by.dimension,
                        values,
                    }
                }
                _ => bail!(
                    "{}: dataset `{code}`: give either `indicator` or `indicator_by`",
                    at(d.code.span())
                ),
            };
            if d.criterion != "citizenship" && d.criterion != "birth" {
                bail!(
                    "{}: dataset `{code}`: criterion `{}` (expected citizenship or birth)",
                    at(d.code.span()),
                    d.criterion
                );
            }
            let mut groups = BTreeMap::new();
            for (k, v) in &d.groups {
                if !group_codes.contains(&v.get_ref().as_str()) {
                    bail!(
                        "{}: dataset `{code}`: `{}` is not a target group ({})",
                        at(v.span()),
                        v.get_ref(),
                        group_codes.join(", ")
                    );
                }
                groups.insert(k.clone(), v.get_ref().clone());
            }
            datasets.push(DatasetMapping {
                code,
                file: d.file,
                criterion: d.criterion,
                indicator,
                filter: d.filter,
                unit: d.unit,
                age: d.age,
                groups,
                skip_groups: d.skip_groups,
                skip_geo: d.skip_geo,
            });
        }
        Ok(OfficialMapping {
            version: raw.version,
            geo_labels: raw.geo_labels,
            contexts,
            datasets,
        })
    }

    /// The context indicator with this id.
    pub fn context(&self, id: &str) -> Option<&ContextIndicator> {
        self.contexts.iter().find(|c| c.id == id)
    }
}

fn normalise_label(s: &str) -> String {
    s.replace(['–', '—'], "-")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Geo labels (country names, aggregate labels) to codes, from the registry.
pub struct GeoResolver {
    by_label: HashMap<String, String>,
}

impl GeoResolver {
    pub fn new(reg: &GeoRegistry, extra: &BTreeMap<String, String>) -> GeoResolver {
        let mut by_label = HashMap::new();
        // the registry looks countries up by code only: ask it for every two-letter code
        for a in b'A'..=b'Z' {
            for b in b'A'..=b'Z' {
                let s = String::from_utf8(vec![a, b]).unwrap_or_default();
                if let Ok(c) = CountryCode::parse(&s) {
                    if let Some(country) = reg.country(c) {
                        // ISO short names put the article last: "Netherlands (the)"
                        let name = country.name.trim_end_matches(" (the)");
                        by_label.insert(normalise_label(name), s.clone());
                    }
                }
            }
        }
        for r in reg.regions(NutsLevel::L0) {
            by_label.insert(normalise_label(&r.name), r.code.as_str().to_string());
            by_label.insert(normalise_label(&r.name_latin), r.code.as_str().to_string());
        }
        for code in [
            "EU27_2020",
            "EU28",
            "EU27_2007",
            "EU15",
            "EA",
            "EA18",
            "EA19",
            "EA20",
            "EFTA",
        ] {
            if let Some(a) = Aggregate::parse(code) {
                if let Some(name) = reg.name(&GeoCode::Aggregate(a)) {
                    by_label.insert(normalise_label(name), code.to_string());
                }
            }
        }
        for (label, code) in extra {
            by_label.insert(normalise_label(label), code.clone());
        }
        GeoResolver { by_label }
    }

    /// The code of a geo value: a registered code as it is, else its label looked up.
    pub fn resolve(&self, reg: &GeoRegistry, code: &str, label: Option<&str>) -> Option<String> {
        if reg.check(code).is_ok() {
            return Some(code.to_string());
        }
        let l = label.unwrap_or(code);
        self.by_label.get(&normalise_label(l)).cloned()
    }
}

/// The `LAST UPDATE` date of a Eurostat SDMX-CSV 1.0 file (its first data row), if any.
fn vintage_of(path: &Path) -> Option<String> {
    let mut r = csv::Reader::from_path(path).ok()?;
    let col = r.headers().ok()?.iter().position(|h| h == "LAST UPDATE")?;
    let rec = r.records().next()?.ok()?;
    Some(format!("last update {}", rec.get(col)?))
}

/// Eurostat sex codes from codes or labels.
fn sex_code(code: &str, label: Option<&str>) -> Option<&'static str> {
    for v in [Some(code), label].into_iter().flatten() {
        match v {
            "T" | "Total" => return Some("T"),
            "F" | "Females" => return Some("F"),
            "M" | "Males" => return Some("M"),
            _ => {}
        }
    }
    None
}

/// One Eurostat file of `data/eurostat/` under its mapping `m`: a dataset named by the
/// Eurostat code, method official, vintage the file's `LAST UPDATE`.
pub fn official_dataset(
    data_dir: &Path,
    m: &DatasetMapping,
    reg: &GeoRegistry,
    resolver: &GeoResolver,
) -> Result<SourceDataset> {
    let path = data_dir.join("eurostat").join(&m.file);
    let ds = civis_io::sdmx_csv::read_sdmx_csv(&path)
        .with_context(|| format!("reading {}", path.display()))?;
    let observations = official_observations(&ds, m, reg, resolver)
        .with_context(|| format!("{} ({OFFICIAL_FILE}, dataset {})", path.display(), m.code))?;
    Ok(SourceDataset {
        provenance: Provenance {
            name: m.code.clone(),
            file: format!("data/eurostat/{}", m.file),
            source: "Eurostat".into(),
            method: Method::Official,
            vintage: vintage_of(&path).unwrap_or_default(),
            attribution: "Source: Eurostat".into(),
            synthetic: false,
        },
        observations,
    })
}

/// Per dimension of a Eurostat file, per code: what the mapping makes of it.
struct Lookup {
    geo_d: usize,
    time_d: usize,
    crit_d: usize,
    sex_d: Option<usize>,
    /// The dimension choosing the indicator ([`IndicatorChoice::By`]).
    ind_d: Option<usize>,
    /// Whether the filter keeps the code.
    keep: Vec<Vec<bool>>,
    ind_of: Vec<Option<String>>,
    group_of: Vec<Option<String>>,
    geo_of: Vec<Option<String>>,
    sex_of: Vec<Option<&'static str>>,
    /// Dimensions with a field of their own or filtered (not written to `extra`).
    handled: BTreeSet<usize>,
}

/// The position of dimension `id` (case-insensitive).
fn dimension(ds: &Dataset, id: &str) -> Result<usize> {
    ds.dimensions
        .iter()
        .position(|d| d.id.eq_ignore_ascii_case(id))
        .ok_or_else(|| invalid!("no dimension `{id}`"))
}

/// Whether code `k` of dimension `d` is `v` (by code or label).
fn is_value(ds: &Dataset, d: usize, k: usize, v: &str) -> bool {
    let c = &ds.dimensions[d].codes[k];
    c.id == v || c.label.as_deref() == Some(v)
}

impl Lookup {
    fn new(
        ds: &Dataset,
        m: &DatasetMapping,
        reg: &GeoRegistry,
        resolver: &GeoResolver,
    ) -> Result<Lookup> {
        let geo_d = dimension(ds, "geo")?;
        let time_d = ds
            .time_index()
            .ok_or_else(|| invalid!("no time dimension"))?;
        let crit_d = dimension(
            ds,
            if m.criterion == "birth" {
                "c_birth"
            } else {
                "citizen"
            },
        )?;
        let sex_d = dimension(ds, "sex").ok();
        let keep = kept_codes(ds, m)?;
        // indicator per code
        let (ind_d, ind_of) = match &m.indicator {
            IndicatorChoice::One(_) => (None, Vec::new()),
            IndicatorChoice::By {
                dimension: name,
                values,
            } => {
                let d = dimension(ds, name)?;
                let of = (0..ds.dimensions[d].codes.len())
                    .map(|k| {
                        values
                            .iter()
                            .find(|(v, _)| is_value(ds, d, k, v))
                            .map(|(_, id)| id.clone())
                    })
                    .collect();
                (Some(d), of)
            }
        };
        let sex_of = match sex_d {
            Some(d) => ds.dimensions[d]
                .codes
                .iter()
                .map(|c| sex_code(&c.id, c.label.as_deref()))
                .collect(),
            None => Vec::new(),
        };
        let handled = [Some(geo_d), Some(time_d), Some(crit_d), sex_d, ind_d]
            .into_iter()
            .flatten()
            .chain(m.filter.keys().filter_map(|n| dimension(ds, n).ok()))
            .collect();
        Ok(Lookup {
            geo_d,
            time_d,
            crit_d,
            sex_d,
            ind_d,
            keep,
            ind_of,
            group_of: group_codes(ds, m, crit_d)?,
            geo_of: geo_codes(ds, m, geo_d, reg, resolver)?,
            sex_of,
            handled,
        })
    }
}

/// Per dimension, per code: whether the filter of `m` keeps it.
fn kept_codes(ds: &Dataset, m: &DatasetMapping) -> Result<Vec<Vec<bool>>> {
    let mut keep: Vec<Vec<bool>> = ds
        .dimensions
        .iter()
        .map(|d| vec![true; d.codes.len()])
        .collect();
    for (name, v) in &m.filter {
        let d = dimension(ds, name)?;
        for (k, slot) in keep[d].iter_mut().enumerate() {
            *slot = is_value(ds, d, k, v);
        }
        if !keep[d].iter().any(|&b| b) {
            bail!("filter {name} = `{v}`: no such value in the file");
        }
    }
    Ok(keep)
}

/// The target group of every code of the criterion dimension (None: skipped); a code neither
/// in `groups` nor in `skip_groups` is an error.
fn group_codes(ds: &Dataset, m: &DatasetMapping, crit_d: usize) -> Result<Vec<Option<String>>> {
    let mut group_of = Vec::new();
    let mut unknown_groups = Vec::new();
    for (k, c) in ds.dimensions[crit_d].codes.iter().enumerate() {
        if let Some((_, g)) = m.groups.iter().find(|(v, _)| is_value(ds, crit_d, k, v)) {
            group_of.push(Some(g.clone()));
        } else if m.skip_groups.iter().any(|v| is_value(ds, crit_d, k, v)) {
            group_of.push(None);
        } else {
            unknown_groups.push(c.label.clone().unwrap_or_else(|| c.id.clone()));
            group_of.push(None);
        }
    }
    if !unknown_groups.is_empty() {
        bail!(
            "values of {} neither in `groups` nor in `skip_groups`: {}",
            ds.dimensions[crit_d].id,
            unknown_groups.join("; ")
        );
    }
    Ok(group_of)
}

/// The area code of every geo code (None: skipped); a value the registry does not know is an
/// error.
fn geo_codes(
    ds: &Dataset,
    m: &DatasetMapping,
    geo_d: usize,
    reg: &GeoRegistry,
    resolver: &GeoResolver,
) -> Result<Vec<Option<String>>> {
    let mut geo_of = Vec::new();
    let mut unknown_geo = Vec::new();
    for (k, c) in ds.dimensions[geo_d].codes.iter().enumerate() {
        if m.skip_geo.iter().any(|v| is_value(ds, geo_d, k, v)) {
            geo_of.push(None);
            continue;
        }
        match resolver.resolve(reg, &c.id, c.label.as_deref()) {
            Some(code) => geo_of.push(Some(code)),
            None => {
                unknown_geo.push(c.label.clone().unwrap_or_else(|| c.id.clone()));
                geo_of.push(None);
            }
        }
    }
    if !unknown_geo.is_empty() {
        bail!(
            "geo values with no code in the geography registry (add them to geo_labels or skip_geo): {}",
            unknown_geo.join("; ")
        );
    }
    Ok(geo_of)
}

/// The observations of one Eurostat dataset under `m`.
fn official_observations(
    ds: &Dataset,
    m: &DatasetMapping,
    reg: &GeoRegistry,
    resolver: &GeoResolver,
) -> Result<Vec<Observation>> {
    let l = Lookup::new(ds, m, reg, resolver)?;
    let single = ["age", "unit", "freq"];
    let mut seen_single: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut out = Vec::new();
    for o in &ds.observations {
        if !o
            .key
            .iter()
            .enumerate()
            .all(|(d, &k)| l.keep[d][k as usize])
        {
            continue;
        }
        let indicator = match (&m.indicator, l.ind_d) {
            (IndicatorChoice::One(id), _) => id.clone(),
            (_, Some(d)) => match &l.ind_of[o.key[d] as usize] {
                Some(id) => id.clone(),
                None => continue,
            },
            _ => continue,
        };
        let Some(group) = &l.group_of[o.key[l.crit_d] as usize] else {
            continue;
        };
        let Some(geo) = &l.geo_of[o.key[l.geo_d] as usize] else {
            continue;
        };
        let sex = match l.sex_d {
            Some(d) => l.sex_of[o.key[d] as usize]
                .ok_or_else(|| {
                    invalid!(
                        "sex `{}` is not T, F or M",
                        ds.dimensions[d].codes[o.key[d] as usize].id
                    )
                })?
                .to_string(),
            None => "T".to_string(),
        };
        let mut extra = Vec::new();
        for (d, &k) in o.key.iter().enumerate() {
            if l.handled.contains(&d) {
                continue;
            }
            let dimension = &ds.dimensions[d];
            let code = &dimension.codes[k as usize];
            if let Some(s) = single.iter().find(|s| dimension.id.eq_ignore_ascii_case(s)) {
                seen_single
                    .entry(s)
                    .or_default()
                    .insert(code.label.clone().unwrap_or_else(|| code.id.clone()));
            } else {
                extra.push(format!("{}={}", dimension.id, code.id));
            }
        }
        out.push(Observation {
            indicator,
            geo: geo.clone(),
            criterion: m.criterion.clone(),
            group: group.as_str().into(),
            sex,
            age: m.age.clone(),
            time: ds.dimensions[l.time_d].codes[o.key[l.time_d] as usize]
                .id
                .clone(),
            unit: m.unit.as_str().into(),
            extra: extra.join(";"),
            estimate: o.value,
            flags: o.flags.to_string(),
            ..Default::default()
        });
    }
    for (s, values) in &seen_single {
        if values.len() > 1 {
            bail!(
                "the selected rows hold several values of `{s}` ({}): add a filter so that `{s}` has one",
                values.iter().cloned().collect::<Vec<_>>().join("; ")
            );
        }
    }
    if out.is_empty() {
        bail!("no rows selected");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_mapping_is_valid() {
        let c = Catalogue::default_catalogue().unwrap();
        let m = OfficialMapping::default_mapping(&c).unwrap();
        assert_eq!(m.datasets.len(), 9);
        assert!(m.context("female_share").is_some());
        let ergan = m.datasets.iter().find(|d| d.code == "lfsa_ergan").unwrap();
        assert_eq!(
            ergan.indicator,
            IndicatorChoice::One("employment_rate".into())
        );
    }

    #[test]
    fn unknown_indicators_and_groups_are_errors_with_the_line() {
        let c = Catalogue::default_catalogue().unwrap();
        let text = "version = \"t\"\n\n[[dataset]]\ncode = \"x\"\nfile = \"x.csv\"\ncriterion = \"citizenship\"\nindicator = \"no_such_rate\"\nunit = \"PC\"\nage = \"TOTAL\"\ngroups = { NAT = \"NAT\" }\n";
        let e = OfficialMapping::parse(text, "o.toml", &c)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("o.toml:7:") && e.contains("no_such_rate"),
            "{e}"
        );
        let text = text
            .replace("no_such_rate", "employment_rate")
            .replace("NAT = \"NAT\"", "NAT = \"NATIONALS\"");
        let e = OfficialMapping::parse(&text, "o.toml", &c)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("o.toml:10:") && e.contains("NATIONALS"),
            "{e}"
        );
        // a context id may not shadow a catalogue id
        let text = "version = \"t\"\n[[context]]\nid = \"arop_rate\"\narea = \"a\"\nname = \"n\"\ndefinition = \"d\"\nunit = \"PC\"\n";
        let e = OfficialMapping::parse(text, "o.toml", &c)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("o.toml:3:"), "{e}");
    }

    #[test]
    fn labels_resolve_to_codes() {
        let reg = GeoRegistry::global();
        let r = GeoResolver::new(reg, &BTreeMap::new());
        assert_eq!(r.resolve(reg, "AT", None).as_deref(), Some("AT"));
        assert_eq!(
            r.resolve(reg, "Austria", Some("Austria")).as_deref(),
            Some("AT")
        );
        assert_eq!(
            r.resolve(reg, "x", Some("Euro area – 20 countries (from 2023)"))
                .as_deref(),
            Some("EA20")
        );
        assert_eq!(
            r.resolve(reg, "x", Some("Euro area - 19 countries  (2015-2022)"))
                .as_deref(),
            Some("EA19")
        );
        assert_eq!(
            r.resolve(reg, "Netherlands", Some("Netherlands"))
                .as_deref(),
            Some("NL")
        );
        assert_eq!(r.resolve(reg, "x", Some("Atlantis")), None);
    }
}
