//! The default database of the portal, built from the data shipped in `data/` (see
//! `data/README.md`): `civis init-db`, and `civis serve` on its first start without a database.
//!
//! What goes in, one dataset per source (each imported in its own transaction, the whole build in
//! a temporary file renamed into place at the end, see [`build_default_database_file`]):
//!
//! 1. **Eurostat tables** (`data/eurostat/*.csv`, real, method official): every row selected by
//!    `catalog/official.toml` ([`OfficialMapping`]) under the catalogue indicator id (or a context
//!    indicator defined there), the groups as catalogue target-group codes, sex kept, all years,
//!    flags as published. Dataset name = the Eurostat code, source `Eurostat`, attribution
//!    `Source: Eurostat`.
//! 2. **Austrian regions** from laeken's synthetic EU-SILC 2006 (`data/microdata/eusilc.csv`): the
//!    `civis indicators` pipeline in-process ([`eusilc_indicators`]), by NUTS 2024 level-2
//!    region (federal states, matched by name through the geography registry) and citizenship, by
//!    sex, and for Austria as a whole. Method direct, synthetic.
//! 3. **Austrian districts** from emdi's synthetic `eusilcA` data (`data/sae/`): Fay-Herriot
//!    estimates with `civis sae fh` in-process, for the mean equivalised income (direct estimates
//!    by Civis from the unit-level sample `eusilcA_smp`; 24 of the 94 districts have no sample and
//!    get the synthetic estimate) and for the share above the national median income (emdi's
//!    direct estimates `MTMED` of `eusilcA_smpAgg`), with covariates from `eusilcA_popAgg`; the
//!    direct estimates beside them. District codes are `AT-D` + the BEV code `BKZ` of
//!    `austria_districts.geojson`, matched on the district name.
//! 4. **Regions and cities** (`data/regional/`, `data/cities/`, real): Eurostat's regional migrant
//!    outcomes, Urban Audit foreign-born shares and the Quality of Life survey, with their own
//!    definitions and areas: see [`crate::real_europe`].
//!
//! Every indicator stored gets its [`Definition`] and every area its [`Geography`] in the
//! store's definitions and geographies tables; Fay-Herriot estimates carry the model share
//! `1 − γ` (out-of-sample districts: 1).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{anyhow, bail, Context, Result};
use serde::Deserialize;

use civis_catalog::geo::{Aggregate, CountryCode, GeoCode, GeoRegistry, NutsCode, NutsLevel};
use civis_catalog::{Catalogue, TargetGroup};
use civis_io::cube::Dataset;
use civis_io::{read_csv, CsvOptions};
use civis_store::{Definition, Geography, Method, Observation, Provenance, SqliteStore, Store};

use crate::indicators_cmd;
use crate::sae_cmd::{self, AreaRow, FhArgs};
use civis_pipeline::indicators::{Breakdown, Indicators, IndicatorsBuilder, Reliability};

/// The mapping of the Eurostat tables, compiled into the binary.
pub const DEFAULT_OFFICIAL: &str = include_str!("../../../catalog/official.toml");

/// The name under which [`DEFAULT_OFFICIAL`] is reported in errors.
pub const OFFICIAL_FILE: &str = "catalog/official.toml";

/// Normal quantile of a 95 % interval.
const Z95: f64 = 1.959_963_984_540_054;

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

// ---------------------------------------------------------------------------------------------
// catalog/official.toml

/// An indicator that is not in the catalogue (a context figure or a district target).
#[derive(Debug, Clone, PartialEq)]
pub struct ContextIndicator {
    pub id: String,
    pub area: String,
    pub name: String,
    pub definition: String,
    pub unit: String,
    pub higher_is_better: Option<bool>,
}

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

/// `catalog/official.toml`, parsed and checked against the catalogue.
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
            anyhow!("{file}{at}: {}", e.message())
        })?;
        let at = |span: std::ops::Range<usize>| format!("{file}:{}", line_of(text, span.start));
        let mut contexts = Vec::new();
        let mut context_ids = BTreeSet::new();
        for c in raw.context {
            let id = c.id.get_ref().clone();
            if catalogue.get(&id).is_some() {
                bail!(
                    "{}: context indicator `{id}` is already a catalogue indicator (catalog/indicators.toml)",
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
                    "{}: dataset `{code}`: unknown indicator `{id}` (not in catalog/indicators.toml nor a [[context]] of this file)",
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

// ---------------------------------------------------------------------------------------------
// geography

fn normalise_label(s: &str) -> String {
    s.replace(['–', '—'], "-")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Geo labels (country names, aggregate labels) to codes, from the registry.
struct GeoResolver {
    by_label: HashMap<String, String>,
}

impl GeoResolver {
    fn new(reg: &GeoRegistry, extra: &BTreeMap<String, String>) -> GeoResolver {
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
    fn resolve(&self, reg: &GeoRegistry, code: &str, label: Option<&str>) -> Option<String> {
        if reg.check(code).is_ok() {
            return Some(code.to_string());
        }
        let l = label.unwrap_or(code);
        self.by_label.get(&normalise_label(l)).cloned()
    }
}

/// The NUTS 2024 codes of the Austrian federal states by the names laeken's `eusilc` uses
/// (English) and by their NUTS names, found in the registry.
pub fn austrian_state_codes(reg: &GeoRegistry) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    let at = NutsCode::parse("AT").map_err(|e| anyhow!("{e}"))?;
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
            .ok_or_else(|| anyhow!("no NUTS 2024 region named `{national}` in the registry"))?;
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
        .ok_or_else(|| anyhow!("{}: no features", path.display()))?;
    features
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let p = &f["properties"];
            let bad = |what: &str| anyhow!("{}: feature {}: {what}", path.display(), i + 1);
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

// ---------------------------------------------------------------------------------------------
// definitions and geographies for the store

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
                Ok(Definition {
                    indicator: id.clone(),
                    name: c.name.clone(),
                    definition: c.definition.clone(),
                    area: c.area.clone(),
                    unit: c.unit.clone(),
                    higher_is_better: c.higher_is_better,
                    catalogue_version: format!("{OFFICIAL_FILE} {}", mapping.version),
                })
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
                    .name(&GeoCode::parse(code).map_err(|e| anyhow!("{e}"))?)
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

// ---------------------------------------------------------------------------------------------
// the build

/// Where the build is, for a progress line.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// Steps done before this one.
    pub done: usize,
    pub total: usize,
    /// What is being built (a dataset name).
    pub what: String,
}

/// One dataset of the default database.
#[derive(Debug, Clone, PartialEq)]
pub struct BuiltDataset {
    pub name: String,
    pub method: Method,
    pub synthetic: bool,
    pub observations: usize,
}

/// What was built.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub datasets: Vec<BuiltDataset>,
    /// Every indicator id stored, with its definition (as written to the store).
    pub definitions: Vec<Definition>,
    /// Every area stored (as written to the store).
    pub geographies: Vec<Geography>,
    pub seconds: f64,
}

impl Summary {
    /// Observations over all datasets.
    pub fn observations(&self) -> usize {
        self.datasets.iter().map(|d| d.observations).sum()
    }
}

/// One dataset ready to import.
struct Built {
    provenance: Provenance,
    observations: Vec<Observation>,
}

fn finite(v: f64) -> Option<f64> {
    Some(v).filter(|x| x.is_finite())
}

/// Fill an empty `store` with the default database from `data_dir` (the repository's `data/`).
/// `progress` is called before every step. The store must hold no dataset yet.
pub fn build_default_database(
    store: &mut dyn Store,
    data_dir: &Path,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Summary> {
    let start = Instant::now();
    if !store.datasets()?.is_empty() {
        bail!("the database is not empty: the default database is built into an empty one");
    }
    let catalogue = Catalogue::default_catalogue()?;
    let mapping = OfficialMapping::default_mapping(&catalogue)?;
    let reg = GeoRegistry::global();
    let districts = austrian_districts(&data_dir.join("geo/austria_districts.geojson"))?;
    let total = mapping.datasets.len() + 6;
    let mut step = 0;
    let mut built: Vec<Built> = Vec::new();
    let mut next = |what: &str, progress: &mut dyn FnMut(&Progress)| {
        progress(&Progress {
            done: step,
            total,
            what: what.to_string(),
        });
        step += 1;
    };
    let resolver = GeoResolver::new(reg, &mapping.geo_labels);
    for m in &mapping.datasets {
        next(&m.code, progress);
        let path = data_dir.join("eurostat").join(&m.file);
        let ds = civis_io::sdmx_csv::read_sdmx_csv(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let observations = official_observations(&ds, m, reg, &resolver)
            .with_context(|| format!("{} ({OFFICIAL_FILE}, dataset {})", path.display(), m.code))?;
        built.push(Built {
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
        });
    }
    next("eusilc_at_regions", progress);
    built.push(eusilc_regions(data_dir, reg)?);
    next("eusilcA districts (mean income)", progress);
    let scratch = Scratch::new()?;
    built.extend(district_mean_income(data_dir, &districts, &scratch.0)?);
    next("eusilcA districts (share above the median)", progress);
    built.extend(district_above_median(data_dir, &districts)?);
    next("eusilcA districts (unit-level EBP)", progress);
    let (provenance, observations) =
        crate::district_unit::district_unit_level(data_dir, &districts)?;
    built.push(Built {
        provenance,
        observations,
    });
    next(
        "regions and cities (Eurostat, Urban Audit, Quality of Life)",
        progress,
    );
    let real = crate::real_europe::build(data_dir)?;

    next("definitions and areas", progress);
    let mut ids = BTreeSet::new();
    let mut geos = BTreeSet::new();
    for b in &built {
        for o in &b.observations {
            if !ids.contains(&o.indicator) {
                ids.insert(o.indicator.clone());
            }
            if !geos.contains(&o.geo) {
                geos.insert(o.geo.clone());
            }
        }
    }
    let definitions = indicator_definitions(&ids, &catalogue, &mapping)?;
    let geographies = geography_entries(&geos, reg, &districts)?;

    next("writing the database", progress);
    let mut summary = Summary {
        datasets: Vec::new(),
        definitions,
        geographies,
        seconds: 0.0,
    };
    for b in built {
        store
            .import(&b.provenance, &b.observations, false)
            .with_context(|| format!("importing {}", b.provenance.name))?;
        summary.datasets.push(BuiltDataset {
            name: b.provenance.name,
            method: b.provenance.method,
            synthetic: b.provenance.synthetic,
            observations: b.observations.len(),
        });
    }
    store
        .upsert_definitions(&summary.definitions)
        .context("writing the indicator definitions")?;
    store
        .upsert_geographies(&summary.geographies)
        .context("writing the areas")?;
    real.write(store)?;
    for d in real.datasets {
        summary.datasets.push(BuiltDataset {
            name: d.provenance.name,
            method: d.provenance.method,
            synthetic: false,
            observations: d.observations.len(),
        });
    }
    summary.definitions.extend(real.definitions);
    // as the store lists them
    summary
        .definitions
        .sort_by(|a, b| a.indicator.cmp(&b.indicator));
    let real_codes: BTreeSet<&str> = real.geographies.iter().map(|g| g.code.as_str()).collect();
    summary
        .geographies
        .retain(|g| !real_codes.contains(g.code.as_str()));
    summary.geographies.extend(real.geographies.iter().cloned());
    progress(&Progress {
        done: total,
        total,
        what: "done".into(),
    });
    summary.seconds = start.elapsed().as_secs_f64();
    Ok(summary)
}

/// The `LAST UPDATE` date of a Eurostat SDMX-CSV 1.0 file (its first data row), if any.
fn vintage_of(path: &Path) -> Option<String> {
    let mut r = csv::Reader::from_path(path).ok()?;
    let col = r.headers().ok()?.iter().position(|h| h == "LAST UPDATE")?;
    let rec = r.records().next()?.ok()?;
    Some(format!("last update {}", rec.get(col)?))
}

/// A scratch directory removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Scratch> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let d = std::env::temp_dir().join(format!("civis-init-db-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&d).with_context(|| format!("creating {}", d.display()))?;
        Ok(Scratch(d))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
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

/// The observations of one Eurostat dataset under `m`.
fn official_observations(
    ds: &Dataset,
    m: &DatasetMapping,
    reg: &GeoRegistry,
    resolver: &GeoResolver,
) -> Result<Vec<Observation>> {
    let dim = |id: &str| -> Result<usize> {
        ds.dimensions
            .iter()
            .position(|d| d.id.eq_ignore_ascii_case(id))
            .ok_or_else(|| anyhow!("no dimension `{id}`"))
    };
    let matches = |d: usize, k: usize, v: &str| {
        let c = &ds.dimensions[d].codes[k];
        c.id == v || c.label.as_deref() == Some(v)
    };
    let geo_d = dim("geo")?;
    let time_d = ds
        .time_index()
        .ok_or_else(|| anyhow!("no time dimension"))?;
    let crit_d = dim(if m.criterion == "birth" {
        "c_birth"
    } else {
        "citizen"
    })?;
    let sex_d = dim("sex").ok();
    // per dimension, per code: whether the filter keeps it
    let mut keep: Vec<Vec<bool>> = ds
        .dimensions
        .iter()
        .map(|d| vec![true; d.codes.len()])
        .collect();
    for (name, v) in &m.filter {
        let d = dim(name)?;
        for (k, slot) in keep[d].iter_mut().enumerate() {
            *slot = matches(d, k, v);
        }
        if !keep[d].iter().any(|&b| b) {
            bail!("filter {name} = `{v}`: no such value in the file");
        }
    }
    // indicator per row
    let (ind_d, ind_of): (Option<usize>, Vec<Option<String>>) = match &m.indicator {
        IndicatorChoice::One(_) => (None, Vec::new()),
        IndicatorChoice::By { dimension, values } => {
            let d = dim(dimension)?;
            let of = (0..ds.dimensions[d].codes.len())
                .map(|k| {
                    values
                        .iter()
                        .find(|(v, _)| matches(d, k, v))
                        .map(|(_, id)| id.clone())
                })
                .collect();
            (Some(d), of)
        }
    };
    // groups
    let mut group_of: Vec<Option<String>> = Vec::new();
    let mut unknown_groups = Vec::new();
    for (k, c) in ds.dimensions[crit_d].codes.iter().enumerate() {
        if let Some((_, g)) = m.groups.iter().find(|(v, _)| matches(crit_d, k, v)) {
            group_of.push(Some(g.clone()));
        } else if m.skip_groups.iter().any(|v| matches(crit_d, k, v)) {
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
    // geo codes
    let mut geo_of: Vec<Option<String>> = Vec::new();
    let mut unknown_geo = Vec::new();
    for (k, c) in ds.dimensions[geo_d].codes.iter().enumerate() {
        if m.skip_geo.iter().any(|v| matches(geo_d, k, v)) {
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
    let sex_of: Vec<Option<&str>> = match sex_d {
        Some(d) => ds.dimensions[d]
            .codes
            .iter()
            .map(|c| sex_code(&c.id, c.label.as_deref()))
            .collect(),
        None => Vec::new(),
    };
    let handled: BTreeSet<usize> = [Some(geo_d), Some(time_d), Some(crit_d), sex_d, ind_d]
        .into_iter()
        .flatten()
        .chain(m.filter.keys().filter_map(|n| dim(n).ok()))
        .collect();
    let single = ["age", "unit", "freq"];
    let mut seen_single: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut out = Vec::new();
    for o in &ds.observations {
        if !o.key.iter().enumerate().all(|(d, &k)| keep[d][k as usize]) {
            continue;
        }
        let indicator = match (&m.indicator, ind_d) {
            (IndicatorChoice::One(id), _) => id.clone(),
            (_, Some(d)) => match &ind_of[o.key[d] as usize] {
                Some(id) => id.clone(),
                None => continue,
            },
            _ => continue,
        };
        let Some(group) = &group_of[o.key[crit_d] as usize] else {
            continue;
        };
        let Some(geo) = &geo_of[o.key[geo_d] as usize] else {
            continue;
        };
        let sex = match sex_d {
            Some(d) => sex_of[o.key[d] as usize]
                .ok_or_else(|| {
                    anyhow!(
                        "sex `{}` is not T, F or M",
                        ds.dimensions[d].codes[o.key[d] as usize].id
                    )
                })?
                .to_string(),
            None => "T".to_string(),
        };
        let mut extra = Vec::new();
        for (d, &k) in o.key.iter().enumerate() {
            if handled.contains(&d) {
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
            group: group.clone(),
            sex,
            age: m.age.clone(),
            time: ds.dimensions[time_d].codes[o.key[time_d] as usize]
                .id
                .clone(),
            unit: m.unit.clone(),
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

/// The indicator run of the regional eusilc dataset: every catalogue indicator
/// the file gives, by federal state (`db040`) and citizenship, by sex, Austria as the country,
/// linearised variances, year 2006, and the EU-SILC publication rule (20 / 50 observations) for
/// every indicator, the EU-LFS ones included: the data are EU-SILC data, and the EU-LFS limits
/// are set per country for the EU-LFS sample.
pub fn eusilc_indicators(data: PathBuf) -> civis_pipeline::Result<Indicators> {
    IndicatorsBuilder::new(data)
        .geo("db040")
        .breakdown(Breakdown::Sex)
        .country("AT")
        .reliability(Reliability::Rule(civis_survey::ReliabilityRule::Silc))
        .year(SYNTHETIC_YEAR)
        .build()
}

fn eusilc_regions(data_dir: &Path, reg: &GeoRegistry) -> Result<Built> {
    let path = data_dir.join("microdata/eusilc.csv");
    let rows = eusilc_indicators(path.clone())
        .map_err(anyhow::Error::from)
        .and_then(|i| indicators_cmd::run_printing(&i))
        .with_context(|| format!("indicators from {}", path.display()))?;
    let states = austrian_state_codes(reg)?;
    let mut observations = Vec::new();
    for r in rows.into_iter().filter(|r| r.note.is_empty()) {
        let geo = if r.geo == "AT" {
            "AT".to_string()
        } else {
            states.get(&r.geo).cloned().ok_or_else(|| {
                anyhow!(
                    "{}: region `{}` is no Austrian state of NUTS 2024",
                    path.display(),
                    r.geo
                )
            })?
        };
        observations.push(Observation {
            indicator: r.indicator,
            geo,
            criterion: r.group_criterion,
            group: r.group,
            sex: r.sex,
            age: r.age,
            time: r.time,
            unit: r.unit,
            extra: String::new(),
            estimate: finite(r.estimate),
            se: finite(r.se),
            ci_low: finite(r.ci_low),
            ci_high: finite(r.ci_high),
            n: r.n.map(|n| n as i64),
            flags: r.flags,
            ..Default::default()
        });
    }
    Ok(Built {
        provenance: Provenance {
            name: "eusilc_at_regions".into(),
            file: "data/microdata/eusilc.csv".into(),
            source: "Civis, computed from the synthetic Austrian EU-SILC 2006 data of the R package laeken (eusilc)".into(),
            method: Method::Direct,
            vintage: "laeken 0.5.2".into(),
            attribution: "Synthetic data: R package laeken 0.5.2 (GPL >= 2), data(eusilc)".into(),
            synthetic: true,
        },
        observations,
    })
}

/// The direct district means of `eusilcA_smp` (weighted, linearised), as `civis estimate`
/// computes them.
fn district_direct(smp: PathBuf) -> civis_pipeline::Result<civis_pipeline::Estimation> {
    civis_pipeline::EstimateBuilder::new(smp)
        .design(
            civis_pipeline::DesignBuilder::new()
                .weight("weight")
                .build()?,
        )
        .measure(civis_pipeline::Measure::Mean("eqIncome".into()))
        .by("district")
        .build()
}

/// The `civis sae fh` arguments of the district mean income, on a file of direct estimates
/// written by `civis estimate` with [`district_direct`].
pub fn district_mean_fh_args(direct_csv: PathBuf, pop_agg: PathBuf) -> FhArgs {
    FhArgs {
        data: direct_csv,
        area: "district".into(),
        direct: "estimate".into(),
        se: Some("se".into()),
        covariates: vec!["cash".into(), "self_empl".into(), "unempl_ben".into()],
        aux: Some(pop_agg),
        join: Some("Domain".into()),
        method: "reml".into(),
        transform: "none".into(),
        mse: "analytic".into(),
        benchmark_method: "ratio".into(),
        ..Default::default()
    }
}

/// The `civis sae fh` arguments of the share above the national median (`MTMED`).
pub fn district_mtmed_fh_args(smp_agg: PathBuf, pop_agg: PathBuf) -> FhArgs {
    FhArgs {
        data: smp_agg,
        area: "Domain".into(),
        direct: "MTMED".into(),
        variance: Some("Var_MTMED".into()),
        // a share of 0 or 1 in a small sample has an estimated variance of 0, which would make
        // the direct estimate exact (MSE 0): those districts get the synthetic estimate
        where_: Some("Var_MTMED > 0".into()),
        covariates: vec![
            "cash".into(),
            "age_ben".into(),
            "rent".into(),
            "house_allow".into(),
        ],
        aux: Some(pop_agg),
        join: Some("Domain".into()),
        method: "reml".into(),
        transform: "none".into(),
        mse: "analytic".into(),
        benchmark_method: "ratio".into(),
        ..Default::default()
    }
}

fn district_code<'a>(districts: &'a [District], name: &str) -> Result<&'a str> {
    districts
        .iter()
        .find(|d| d.name == name)
        .map(|d| d.code.as_str())
        .ok_or_else(|| anyhow!("district `{name}` is not in austria_districts.geojson"))
}

const EUSILCA_ATTRIBUTION: &str =
    "Synthetic data: R package emdi 2.2.3 (GPL-2), eusilcA_smp / eusilcA_smpAgg / eusilcA_popAgg";

/// Model-based and direct observations of one district target.
fn district_pair(
    rows: &[AreaRow],
    districts: &[District],
    indicator: &str,
    unit: &str,
    scale: f64,
    n_of: &HashMap<String, i64>,
) -> Result<(Vec<Observation>, Vec<Observation>)> {
    let base = |geo: &str| Observation {
        indicator: indicator.to_string(),
        geo: geo.to_string(),
        criterion: String::new(),
        group: TargetGroup::Total.code().into(),
        sex: "T".into(),
        age: "TOTAL".into(),
        time: SYNTHETIC_YEAR.into(),
        unit: unit.to_string(),
        ..Default::default()
    };
    // a share (unit PC) gets an interval inside [0, 100]: the logit interval (normal quantile),
    // Clopper-Pearson at 0 % and 100 %; other units e ± 1.96 s
    let interval = |e: f64, s: f64, n: Option<i64>| -> (Option<f64>, Option<f64>) {
        if unit == "PC" {
            let n = n.and_then(|n| u64::try_from(n).ok()).unwrap_or(0);
            if let Ok(Some(i)) =
                civis_compare::proportion_interval(e / 100.0, s / 100.0, f64::INFINITY, n, 0.95)
            {
                return (finite(100.0 * i.low), finite(100.0 * i.high));
            }
        }
        (finite(e - Z95 * s), finite(e + Z95 * s))
    };
    let (mut model, mut direct) = (Vec::new(), Vec::new());
    for r in rows {
        let geo = district_code(districts, &r.area)?;
        let (e, s) = (r.eblup * scale, r.rmse * scale);
        // A linear model can predict a share outside [0, 100] % for a district whose
        // covariates lie far from the others (the synthetic part, X'beta, is unbounded): such a
        // prediction is not an estimate of a share, so it is not published.
        let outside = unit == "PC" && !(0.0..=100.0).contains(&e);
        // at 0 % or 100 % (a direct share with variance 0 gives the model no weight) the
        // interval is Clopper-Pearson for the area's sample
        let in_sample_n = if r.in_sample {
            n_of.get(&r.area).copied()
        } else {
            None
        };
        let (ci_low, ci_high) = interval(e, s, in_sample_n);
        if !outside {
            model.push(Observation {
                estimate: finite(e),
                se: finite(s),
                ci_low,
                ci_high,
                n: if r.in_sample {
                    n_of.get(&r.area).copied()
                } else {
                    Some(0)
                },
                flags: r.flags.clone(),
                model_share: finite(1.0 - r.gamma),
                ..base(geo)
            });
        }
        if r.in_sample {
            let (e, s) = (r.direct * scale, r.direct_se * scale);
            let n = n_of.get(&r.area).copied();
            let (ci_low, ci_high) = interval(e, s, n);
            direct.push(Observation {
                estimate: finite(e),
                se: finite(s),
                ci_low,
                ci_high,
                n,
                ..base(geo)
            });
        }
    }
    Ok((model, direct))
}

fn district_mean_income(
    data_dir: &Path,
    districts: &[District],
    scratch: &Path,
) -> Result<Vec<Built>> {
    let smp = data_dir.join("sae/eusilcA_smp.csv");
    let pop_agg = data_dir.join("sae/eusilcA_popAgg.csv");
    let est = district_direct(smp.clone())
        .and_then(|e| e.run(None))
        .with_context(|| format!("direct district estimates from {}", smp.display()))?;
    let direct_csv = scratch.join("district_direct.csv");
    crate::output::write_file(&direct_csv, &est.by, &est.rows)?;
    let (rows, _) = sae_cmd::run(&district_mean_fh_args(direct_csv, pop_agg.clone()))
        .with_context(|| format!("Fay-Herriot with covariates from {}", pop_agg.display()))?;
    let n_of: HashMap<String, i64> = est
        .rows
        .iter()
        .filter_map(|r| Some((r.domain.first()?.clone(), r.n as i64)))
        .collect();
    let (model, direct) = district_pair(
        &rows,
        districts,
        "mean_equivalised_income",
        "EUR",
        1.0,
        &n_of,
    )?;
    Ok(vec![
        Built {
            provenance: Provenance {
                name: "eusilcA_income_direct".into(),
                file: "data/sae/eusilcA_smp.csv".into(),
                source: "Civis, direct estimates from the synthetic emdi sample eusilcA_smp".into(),
                method: Method::Direct,
                vintage: "emdi 2.2.3".into(),
                attribution: EUSILCA_ATTRIBUTION.into(),
                synthetic: true,
            },
            observations: direct,
        },
        Built {
            provenance: Provenance {
                name: "eusilcA_income_fh".into(),
                file: "data/sae/eusilcA_smp.csv, data/sae/eusilcA_popAgg.csv".into(),
                source: "Civis Fay-Herriot (REML) on the synthetic emdi data eusilcA: direct district means, covariates cash + self_empl + unempl_ben".into(),
                method: Method::ModelBased,
                vintage: "emdi 2.2.3".into(),
                attribution: EUSILCA_ATTRIBUTION.into(),
                synthetic: true,
            },
            observations: model,
        },
    ])
}

fn district_above_median(data_dir: &Path, districts: &[District]) -> Result<Vec<Built>> {
    let smp_agg = data_dir.join("sae/eusilcA_smpAgg.csv");
    let pop_agg = data_dir.join("sae/eusilcA_popAgg.csv");
    let (rows, _) = sae_cmd::run(&district_mtmed_fh_args(smp_agg.clone(), pop_agg.clone()))
        .with_context(|| format!("Fay-Herriot on {}", smp_agg.display()))?;
    let agg = read_csv(&smp_agg, &CsvOptions::default())?;
    let names = agg.column("Domain")?;
    let n = agg.numeric("n")?;
    let n_of: HashMap<String, i64> = (0..agg.nrows())
        .filter_map(|i| Some((names.label(i)?, finite(n[i])? as i64)))
        .collect();
    let (model, direct) = district_pair(
        &rows,
        districts,
        "above_median_income_share",
        "PC",
        100.0,
        &n_of,
    )?;
    Ok(vec![
        Built {
            provenance: Provenance {
                name: "eusilcA_above_median_direct".into(),
                file: "data/sae/eusilcA_smpAgg.csv".into(),
                source: "emdi's direct district estimates MTMED of the synthetic data eusilcA (eusilcA_smpAgg)".into(),
                method: Method::Direct,
                vintage: "emdi 2.2.3".into(),
                attribution: EUSILCA_ATTRIBUTION.into(),
                synthetic: true,
            },
            observations: direct,
        },
        Built {
            provenance: Provenance {
                name: "eusilcA_above_median_fh".into(),
                file: "data/sae/eusilcA_smpAgg.csv, data/sae/eusilcA_popAgg.csv".into(),
                source: "Civis Fay-Herriot (REML) on the synthetic emdi data eusilcA: MTMED, covariates cash + age_ben + rent + house_allow".into(),
                method: Method::ModelBased,
                vintage: "emdi 2.2.3".into(),
                attribution: EUSILCA_ATTRIBUTION.into(),
                synthetic: true,
            },
            observations: model,
        },
    ])
}

// ---------------------------------------------------------------------------------------------
// the database file

fn side_files(path: &Path) -> [PathBuf; 3] {
    let s = path.as_os_str().to_owned();
    let with = |suffix: &str| {
        let mut p = s.clone();
        p.push(suffix);
        PathBuf::from(p)
    };
    [path.to_path_buf(), with("-wal"), with("-shm")]
}

/// Build the default database into the SQLite file `path`: into a temporary file next to it,
/// renamed to `path` only when everything is in, so an interrupted or failed build leaves no
/// database (and the temporary file is removed on failure). An existing `path` is an error
/// unless `force`, which replaces it.
pub fn build_default_database_file(
    path: &Path,
    data_dir: &Path,
    force: bool,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Summary> {
    if path.exists() && !force {
        bail!("{} exists (use --force to rebuild it)", path.display());
    }
    if !data_dir.join("eurostat").is_dir() {
        bail!(
            "{}: no data directory (expected eurostat/, microdata/, sae/, geo/ from the repository's data/)",
            data_dir.display()
        );
    }
    let name = path
        .file_name()
        .ok_or_else(|| anyhow!("{}: not a file name", path.display()))?
        .to_string_lossy()
        .into_owned();
    let tmp = path.with_file_name(format!(".{name}.building-{}", std::process::id()));
    // what killed builds left behind (their process is gone)
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let stale = (
        format!(".{name}.building-"),
        ["", "-wal", "-shm", "-journal"],
    );
    crate::output::remove_stale_temps(dir.unwrap_or(Path::new(".")), &stale.0, &stale.1);
    let remove_tmp = || {
        for f in side_files(&tmp) {
            let _ = std::fs::remove_file(f);
        }
    };
    remove_tmp();
    let result = (|| {
        let mut store =
            SqliteStore::open(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
        let summary = build_default_database(&mut store, data_dir, progress)?;
        drop(store);
        Ok::<Summary, anyhow::Error>(summary)
    })();
    match result {
        Ok(summary) => {
            if force {
                for f in side_files(path).iter().skip(1) {
                    let _ = std::fs::remove_file(f);
                }
            }
            std::fs::rename(&tmp, path).map_err(|e| {
                remove_tmp();
                anyhow!("moving {} to {}: {e}", tmp.display(), path.display())
            })?;
            remove_tmp();
            Ok(summary)
        }
        Err(e) => {
            remove_tmp();
            Err(e)
        }
    }
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
    fn state_names_resolve_through_the_registry() {
        let s = austrian_state_codes(GeoRegistry::global()).unwrap();
        assert_eq!(s["Vienna"], "AT13");
        assert_eq!(s["Wien"], "AT13");
        assert_eq!(s["Burgenland"], "AT11");
        assert_eq!(s["Vorarlberg"], "AT34");
        assert_eq!(s["Lower Austria"], "AT12");
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
