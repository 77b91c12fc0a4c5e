//! Real regions and cities in the default database: Eurostat's regional migrant outcomes, the
//! Urban Audit's foreign-born counts and the Commission's Quality of Life survey, each value as
//! published with its flags (see `data/README.md` for the files and `crates/civis-catalog/data/regional.toml` for
//! the indicators beyond the catalogue).
//!
//! * `data/regional/lfst_r_lfur2gac_*.csv` (Eurostat SDMX-CSV 1.0): `unemployment_rate` by country
//!   of birth (criterion `birth`; groups `FOR`, `EU27_2020_FOR`, `NEU27_2020_FOR`, `TOTAL`), age
//!   band `Y15-64` kept in the observation, NUTS 0/1/2 as coded in the file (NUTS 2021), 1999-2022.
//! * `data/regional/eurostat_nuts2_migrant_2025.csv` (+ `.meta.json`): a secondary source, one
//!   dataset per Eurostat table the compilation took its values from (named by the meta file),
//!   source "Eurostat, via bw-datenatlas": `employment_rate` 20-64 and `unemployment_rate` 15-74
//!   of the native- and foreign-born (2025), the foreign-born, non-EU-born and foreign-citizen
//!   shares of the population aged 15-64, net migration per 1,000 (2024).
//! * `data/cities/urb_cpopcb_*` / `urb_cpop1_*`: `foreign_born_share` of each Urban Audit city and
//!   year = 100 × foreign-born (DE2009V) / population on 1 January (DE1001V), flags of both merged
//!   ([`Flags::merge`]).
//! * `data/cities/quality_of_life_*.xlsx`: `good_place_for_immigrants` (item Q3_4, answer "a good
//!   place to live") for the 83 survey cities, `n` = the item's unweighted count, a 95 % Wilson
//!   interval under an assumed design effect [`QOL_DEFF`].
//!
//! **Not published is not missing.** An empty cell of a Eurostat regional table is a value Eurostat
//! did not publish (fewer respondents than its reliability limit): it is stored without a value and
//! with the confidentiality status `N` (not for publication) added to its published flags, so the
//! portal shows it as *suppressed*, never as zero or "no data".
//!
//! **Gaps.** Where the native- and the foreign-born value of a region exist, the gap `FOR-NAT`
//! (foreign-born minus native-born, in percentage points, flags merged) is stored without a
//! standard error: Eurostat publishes none for its regional LFS tables, so the gap is shown as
//! "not tested".
//!
//! Cities are located through the city registry `crates/civis-geo/data/cities.csv` (built by
//! `catalog/geo/build_cities.py`).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use serde::Deserialize;

use civis_geo::{GeoCode, GeoRegistry};
use civis_io::flags::{ConfStatus, Flags};
use civis_io::xlsx::XlsxCell;
use civis_store::{Definition, Geography, Method, Observation, Provenance, Store};

use crate::context::ContextIndicator;
use crate::error::{bail, invalid, Result, WithContext};

/// The indicators beyond the catalogue and the Eurostat tables `civis eurostat sync` fetches.
pub const REGIONAL_TOML: &str = civis_catalog::REGIONAL_TOML;
/// The city registry (built by `catalog/geo/build_cities.py`).
pub const CITIES_CSV: &str = civis_geo::CITIES_CSV;

/// The lfur2gac extract shipped in `data/regional/`.
pub const LFUR2GAC_FILE: &str =
    "regional/lfst_r_lfur2gac_unemployment_rate_by_country_of_birth_nuts2_1999_2022.csv";
/// The 2025 compilation shipped in `data/regional/`.
pub const NUTS2_2025_FILE: &str = "regional/eurostat_nuts2_migrant_2025.csv";
pub const NUTS2_2025_META: &str = "regional/eurostat_nuts2_migrant_2025.meta.json";
pub const UA_FOREIGN_BORN_FILE: &str = "cities/urb_cpopcb_sdmxcsv2.csv";
pub const UA_POPULATION_FILE: &str = "cities/urb_cpop1_sdmxcsv2.csv";
pub const QOL_FILE: &str = "cities/quality_of_life_european_cities_2023_aggregated_data.xlsx";
/// The sheet of the QoL workbook that holds the city columns.
const QOL_SHEET: &str = "QoL in European cities 2023_V2";
/// The compilation the 2025 values come from.
pub const COMPILATION: &str = "bw-datenatlas";
const COMPILATION_ORIGIN: &str =
    "GitHub CrispStrobe/bw-datenatlas, docs/data/eurostat-nuts2.json (commit 1d569ed1)";

/// The design effect assumed for the Quality of Life survey's city percentages (not published;
/// stated on the methodology page and in `crates/civis-catalog/data/regional.toml`).
pub const QOL_DEFF: f64 = 1.5;
const Z95: f64 = 1.959_963_984_540_054;

/// One Eurostat table with regional or city migrant statistics.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionalTable {
    pub code: String,
    pub level: String,
    pub criterion: String,
    pub indicator: String,
    pub group_dimension: Option<String>,
    pub what: String,
}

/// `crates/civis-catalog/data/regional.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionalCatalog {
    pub version: String,
    #[serde(default)]
    pub context: Vec<ContextIndicator>,
    #[serde(default)]
    pub table: Vec<RegionalTable>,
}

impl RegionalCatalog {
    /// The catalogue compiled into the binary.
    pub fn shipped() -> Result<RegionalCatalog> {
        toml::from_str(REGIONAL_TOML)
            .map_err(|e| invalid!("crates/civis-catalog/data/regional.toml: {e}"))
    }

    /// The definitions of the context indicators.
    pub fn definitions(&self) -> Vec<Definition> {
        self.context
            .iter()
            .map(|c| {
                c.to_definition(format!(
                    "crates/civis-catalog/data/regional.toml {}",
                    self.version
                ))
            })
            .collect()
    }
}

/// One city of the registry.
#[derive(Debug, Clone, Deserialize)]
pub struct City {
    pub code: String,
    pub name: String,
    pub country: String,
    pub nuts3: String,
    pub nuts2: String,
    pub placement: String,
    pub place_name: String,
    pub lon: String,
    pub lat: String,
    pub qol_number: String,
    pub qol_name: String,
}

/// The city registry compiled into the binary.
pub fn cities() -> Result<Vec<City>> {
    let mut r = csv::Reader::from_reader(CITIES_CSV.as_bytes());
    r.deserialize()
        .enumerate()
        .map(|(i, c)| c.with_context(|| format!("crates/civis-geo/data/cities.csv line {}", i + 2)))
        .collect()
}

/// One dataset ready to import: its provenance and observations.
#[derive(Debug, Clone)]
pub struct SourceDataset {
    pub provenance: Provenance,
    pub observations: Vec<Observation>,
}

/// Everything this module adds to the default database.
#[derive(Debug, Clone)]
pub struct RealEurope {
    pub datasets: Vec<SourceDataset>,
    pub definitions: Vec<Definition>,
    pub geographies: Vec<Geography>,
}

/// Reads every regional and city file of `data_dir`.
pub fn build(data_dir: &Path) -> Result<RealEurope> {
    let catalog = RegionalCatalog::shipped()?;
    let registry = cities()?;
    let mut datasets = vec![lfur2gac(&data_dir.join(LFUR2GAC_FILE))?];
    datasets.extend(nuts2_2025(
        &data_dir.join(NUTS2_2025_FILE),
        &data_dir.join(NUTS2_2025_META),
    )?);
    datasets.push(urban_audit_foreign_born(
        &data_dir.join(UA_FOREIGN_BORN_FILE),
        &data_dir.join(UA_POPULATION_FILE),
    )?);
    datasets.push(quality_of_life(&data_dir.join(QOL_FILE), &registry)?);
    let geos: BTreeSet<&str> = datasets
        .iter()
        .flat_map(|d| d.observations.iter().map(|o| o.geo.as_str()))
        .collect();
    let geographies = geographies(&geos, &registry, GeoRegistry::global())?;
    let indicators: BTreeSet<&str> = datasets
        .iter()
        .flat_map(|d| d.observations.iter().map(|o| o.indicator.as_str()))
        .collect();
    let definitions = catalog
        .definitions()
        .into_iter()
        .filter(|d| indicators.contains(d.indicator.as_str()))
        .collect();
    Ok(RealEurope {
        datasets,
        definitions,
        geographies,
    })
}

impl RealEurope {
    /// Imports every dataset (one transaction each) and writes the definitions and areas.
    pub fn write(&self, store: &mut dyn Store) -> Result<()> {
        for d in &self.datasets {
            store
                .import(&d.provenance, &d.observations, false)
                .with_context(|| format!("importing {}", d.provenance.name))?;
        }
        store
            .upsert_definitions(&self.definitions)
            .with_context(|| "writing the regional indicator definitions")?;
        store
            .upsert_geographies(&self.geographies)
            .with_context(|| "writing the regions and cities")
    }
}

fn parse_flags(text: &str, file: &Path, line: usize) -> Result<Flags> {
    Flags::parse(text).map_err(|e| invalid!("{} line {line}: {e}", file.display()))
}

/// The flags stored for a cell: as published, plus `N` (not for publication) when the cell has
/// no value.
fn stored_flags(published: Flags, value: Option<f64>) -> String {
    if value.is_none() {
        published.with_conf(ConfStatus::N).to_string()
    } else {
        published.to_string()
    }
}

fn number(text: &str, file: &Path, line: usize, column: &str) -> Result<Option<f64>> {
    let t = text.trim();
    if t.is_empty() || t == ":" {
        return Ok(None);
    }
    t.parse::<f64>().map(Some).map_err(|_| {
        invalid!(
            "{} line {line}, column {column}: {t:?} is not a number",
            file.display()
        )
    })
}

/// The columns of a CSV header, by name; an error names the first missing one.
fn columns<const N: usize>(
    headers: &csv::StringRecord,
    names: [&str; N],
    file: &Path,
) -> Result<[usize; N]> {
    let mut out = [0; N];
    for (o, n) in out.iter_mut().zip(names) {
        *o = headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == n)
            .ok_or_else(|| invalid!("{}: no column `{n}` in the header", file.display()))?;
    }
    Ok(out)
}

/// Eurostat's `lfst_r_lfur2gac` extract (SDMX-CSV 1.0 without labels).
pub fn lfur2gac(path: &Path) -> Result<SourceDataset> {
    let mut r =
        csv::Reader::from_path(path).with_context(|| format!("reading {}", path.display()))?;
    let h = r.headers()?.clone();
    let [updated, unit, birth, sex, age, geo, time, value, flag] = columns(
        &h,
        [
            "LAST UPDATE",
            "unit",
            "c_birth",
            "sex",
            "age",
            "geo",
            "TIME_PERIOD",
            "OBS_VALUE",
            "OBS_FLAG",
        ],
        path,
    )?;
    let mut observations = Vec::new();
    let mut vintage = String::new();
    for (i, rec) in r.records().enumerate() {
        let line = i + 2;
        let rec = rec.with_context(|| format!("{} line {line}", path.display()))?;
        if vintage.is_empty() {
            vintage = format!("last update {}", &rec[updated]);
        }
        let estimate = number(&rec[value], path, line, "OBS_VALUE")?;
        let flags = parse_flags(&rec[flag], path, line)?;
        observations.push(Observation {
            indicator: "unemployment_rate".into(),
            geo: rec[geo].to_string(),
            criterion: "birth".into(),
            group: rec[birth].into(),
            sex: rec[sex].to_string(),
            age: rec[age].to_string(),
            time: rec[time].to_string(),
            unit: rec[unit].into(),
            estimate,
            flags: stored_flags(flags, estimate),
            ..Observation::default()
        });
    }
    Ok(eurostat_dataset(
        "lfst_r_lfur2gac",
        format!("data/{LFUR2GAC_FILE}"),
        "Eurostat",
        vintage,
        observations,
    ))
}

/// Files the observation `o` under the dataset of the measure `m`.
fn file_under<'m>(
    by_table: &mut BTreeMap<&'m str, (&'m Measure, Vec<Observation>)>,
    m: &'m Measure,
    o: Observation,
) {
    by_table
        .entry(m.dataset.as_str())
        .or_insert((m, Vec::new()))
        .1
        .push(o);
}

/// An official Eurostat dataset `name`, read from `file` (attribution `Source: Eurostat`).
fn eurostat_dataset(
    name: &str,
    file: String,
    source: &str,
    vintage: String,
    observations: Vec<Observation>,
) -> SourceDataset {
    SourceDataset {
        provenance: Provenance {
            name: name.into(),
            file,
            source: source.into(),
            method: Method::Official,
            vintage,
            attribution: "Source: Eurostat".into(),
            synthetic: false,
        },
        observations,
    }
}

/// One measure of the 2025 compilation, as its meta file describes it.
#[derive(Debug, Clone, Deserialize)]
struct Measure {
    key: String,
    dataset: String,
    dataset_label: String,
    reference_year: String,
}

#[derive(Debug, Clone, Deserialize)]
struct Meta {
    measures: Vec<Measure>,
}

/// Where a column of the 2025 compilation goes: (column, indicator, group, age, unit, meta key
/// naming the Eurostat table).
const NUTS2_2025_COLUMNS: [(&str, &str, &str, &str, &str, &str); 8] = [
    (
        "employment_native_pct",
        "employment_rate",
        "NAT",
        "Y20-64",
        "PC",
        "employment_gap_pp",
    ),
    (
        "employment_foreign_born_pct",
        "employment_rate",
        "FOR",
        "Y20-64",
        "PC",
        "employment_gap_pp",
    ),
    (
        "unemployment_native_pct",
        "unemployment_rate",
        "NAT",
        "Y15-74",
        "PC",
        "unemployment_foreign_born_pct",
    ),
    (
        "unemployment_foreign_born_pct",
        "unemployment_rate",
        "FOR",
        "Y15-74",
        "PC",
        "unemployment_foreign_born_pct",
    ),
    (
        "foreign_born_pct",
        "foreign_born_share",
        "TOTAL",
        "Y15-64",
        "PC",
        "foreign_born_pct",
    ),
    (
        "non_eu_born_pct",
        "non_eu_born_share",
        "TOTAL",
        "Y15-64",
        "PC",
        "non_eu_born_pct",
    ),
    (
        "foreign_citizen_pct",
        "foreign_citizen_share",
        "TOTAL",
        "Y15-64",
        "PC",
        "foreign_citizen_pct",
    ),
    (
        "net_migration_per_1000",
        "net_migration_rate",
        "TOTAL",
        "TOTAL",
        "PER_THS",
        "net_migration_per_1000",
    ),
];

/// The 2025 compilation: one dataset per Eurostat table named in the meta file, each labelled
/// "Eurostat, via bw-datenatlas"; gaps foreign- minus native-born where both exist.
pub fn nuts2_2025(path: &Path, meta_path: &Path) -> Result<Vec<SourceDataset>> {
    let meta: Meta = serde_json::from_str(
        &std::fs::read_to_string(meta_path)
            .with_context(|| format!("reading {}", meta_path.display()))?,
    )
    .with_context(|| format!("{}: not the expected meta file", meta_path.display()))?;
    let measure = |key: &str| -> Result<&Measure> {
        meta.measures
            .iter()
            .find(|m| m.key == key)
            .ok_or_else(|| invalid!("{}: no measure `{key}`", meta_path.display()))
    };
    let mut r =
        csv::Reader::from_path(path).with_context(|| format!("reading {}", path.display()))?;
    let h = r.headers()?.clone();
    let [nuts] = columns(&h, ["nuts"], path)?;
    let mut cols = Vec::new();
    for (col, ind, group, age, unit, key) in NUTS2_2025_COLUMNS {
        let [c] = columns(&h, [col], path)?;
        cols.push((c, col, ind, group, age, unit, measure(key)?));
    }
    let mut by_table: BTreeMap<&str, (&Measure, Vec<Observation>)> = BTreeMap::new();
    for (i, rec) in r.records().enumerate() {
        let line = i + 2;
        let rec = rec.with_context(|| format!("{} line {line}", path.display()))?;
        let mut pair: HashMap<(&str, &str), Option<f64>> = HashMap::new();
        for &(c, col, ind, group, age, unit, m) in &cols {
            let estimate = number(&rec[c], path, line, col)?;
            if matches!(ind, "employment_rate" | "unemployment_rate") {
                pair.insert((ind, group), estimate);
            }
            let criterion = if group == "TOTAL" { "" } else { "birth" };
            file_under(
                &mut by_table,
                m,
                Observation {
                    indicator: ind.into(),
                    geo: rec[nuts].to_string(),
                    criterion: criterion.into(),
                    group: group.into(),
                    sex: "T".into(),
                    age: age.into(),
                    time: m.reference_year.clone(),
                    unit: unit.into(),
                    estimate,
                    flags: stored_flags(Flags::NONE, estimate),
                    ..Observation::default()
                },
            );
        }
        for (ind, age, key) in [
            ("employment_rate", "Y20-64", "employment_gap_pp"),
            (
                "unemployment_rate",
                "Y15-74",
                "unemployment_foreign_born_pct",
            ),
        ] {
            if let (Some(Some(f)), Some(Some(n))) =
                (pair.get(&(ind, "FOR")), pair.get(&(ind, "NAT")))
            {
                let m = measure(key)?;
                // both are published to one decimal: their difference is exact to one decimal
                let estimate = Some(((f - n) * 10.0).round() / 10.0);
                file_under(
                    &mut by_table,
                    m,
                    Observation {
                        indicator: ind.into(),
                        geo: rec[nuts].to_string(),
                        criterion: "birth".into(),
                        group: "FOR-NAT".into(),
                        sex: "T".into(),
                        age: age.into(),
                        time: m.reference_year.clone(),
                        unit: "PC".into(),
                        estimate,
                        ..Observation::default()
                    },
                );
            }
        }
    }
    Ok(by_table
        .into_iter()
        .map(|(code, (m, observations))| SourceDataset {
            provenance: Provenance {
                name: format!("{code}@{COMPILATION}"),
                file: format!("data/{NUTS2_2025_FILE}"),
                source: format!("Eurostat, via {COMPILATION}"),
                method: Method::Official,
                vintage: format!(
                    "reference year {} as compiled in {COMPILATION_ORIGIN}; Eurostat {code}: {}",
                    m.reference_year, m.dataset_label
                ),
                attribution: format!(
                    "Source: Eurostat ({code}), via {COMPILATION} ({COMPILATION_ORIGIN}); a secondary source, flags not carried"
                ),
                synthetic: false,
            },
            observations,
        })
        .collect())
}

/// The cells of one Urban Audit indicator, by (city, year): value and flags.
type UrbanAuditCells = BTreeMap<(String, String), (Option<f64>, Flags)>;

/// The cells of one Urban Audit file (cities only, not the country totals).
fn urban_audit_cells(path: &Path) -> Result<UrbanAuditCells> {
    let mut r =
        csv::Reader::from_path(path).with_context(|| format!("reading {}", path.display()))?;
    let h = r.headers()?.clone();
    let [city, time, value, flag, conf] = columns(
        &h,
        [
            "cities",
            "TIME_PERIOD",
            "OBS_VALUE",
            "OBS_FLAG",
            "CONF_STATUS",
        ],
        path,
    )?;
    let mut out = BTreeMap::new();
    for (i, rec) in r.records().enumerate() {
        let line = i + 2;
        let rec = rec.with_context(|| format!("{} line {line}", path.display()))?;
        if rec[city].len() <= 2 {
            continue; // a country total of the Urban Audit collection, not a city
        }
        let flags = Flags::from_sdmx(&rec[flag], &rec[conf])
            .map_err(|e| invalid!("{} line {line}: {e}", path.display()))?;
        let v = number(&rec[value], path, line, "OBS_VALUE")?;
        out.insert((rec[city].to_string(), rec[time].to_string()), (v, flags));
    }
    Ok(out)
}

/// `foreign_born_share` of every Urban Audit city and year with both counts published.
pub fn urban_audit_foreign_born(foreign_born: &Path, population: &Path) -> Result<SourceDataset> {
    let fb = urban_audit_cells(foreign_born)?;
    let pop = urban_audit_cells(population)?;
    let mut observations = Vec::new();
    for (key, (f, ff)) in &fb {
        let Some((p, pf)) = pop.get(key) else {
            continue;
        };
        let flags = ff.merge(*pf);
        let estimate = match (f, p) {
            (Some(f), Some(p)) if *p > 0.0 => Some(100.0 * f / p),
            _ => None,
        };
        if estimate.is_none() && !flags.is_suppressed() {
            continue; // one of the counts is simply absent: there is no ratio to report
        }
        observations.push(Observation {
            indicator: "foreign_born_share".into(),
            geo: key.0.clone(),
            criterion: String::new(),
            group: "TOTAL".into(),
            sex: "T".into(),
            age: "TOTAL".into(),
            time: key.1.clone(),
            unit: "PC".into(),
            estimate,
            flags: flags.to_string(),
            ..Observation::default()
        });
    }
    Ok(eurostat_dataset(
        "urb_cpopcb",
        format!("data/{UA_FOREIGN_BORN_FILE}; data/{UA_POPULATION_FILE}"),
        "Eurostat (Urban Audit)",
        "Urban Audit urb_cpopcb DE2009V and urb_cpop1 DE1001V, 2015-2024".into(),
        observations,
    ))
}

/// A share `p` (0-1) from `n` respondents under design effect `deff`: the estimate in percent,
/// its standard error `100 √(deff·p(1−p)/n)` and the 95 % Wilson score interval on the effective
/// sample size `n / deff` (Wilson 1927; Kish 1965 for the effective sample size).
pub fn share_with_interval(p: f64, n: f64, deff: f64) -> (f64, f64, f64, f64) {
    let ne = n / deff;
    let z2 = Z95 * Z95;
    let centre = (p + z2 / (2.0 * ne)) / (1.0 + z2 / ne);
    let half = Z95 / (1.0 + z2 / ne) * (p * (1.0 - p) / ne + z2 / (4.0 * ne * ne)).sqrt();
    let se = (deff * p * (1.0 - p) / n).sqrt();
    (
        100.0 * p,
        100.0 * se,
        100.0 * (centre - half),
        100.0 * (centre + half),
    )
}

fn cell_text(c: Option<&XlsxCell>) -> &str {
    match c {
        Some(XlsxCell::Text(s)) => s.as_str(),
        _ => "",
    }
}

/// `good_place_for_immigrants` for every city of the Quality of Life survey 2023.
pub fn quality_of_life(path: &Path, registry: &[City]) -> Result<SourceDataset> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let grid = civis_io::xlsx_read::read_xlsx_sheet(&bytes, QOL_SHEET)
        .with_context(|| format!("reading {}", path.display()))?;
    let bad = |m: String| invalid!("{}, sheet {QOL_SHEET:?}: {m}", path.display());
    let header = grid
        .get(1)
        .ok_or_else(|| bad("no row 2 (the city names)".into()))?;
    let start = grid
        .iter()
        .position(|r| cell_text(r.first()).starts_with("Q3_4 "))
        .ok_or_else(|| bad("no item Q3_4".into()))?;
    let good = &grid[start];
    if !cell_text(good.get(1)).starts_with("1 A good place") {
        return Err(bad(format!(
            "row {}: expected the answer \"1 A good place to live\"",
            start + 1
        )));
    }
    let total = (start..grid.len().min(start + 6))
        .find(|&i| {
            cell_text(grid[i].get(1)) == "Total" && cell_text(grid[i].get(2)) == "Unweighted Count"
        })
        .ok_or_else(|| bad(format!("no unweighted count below row {}", start + 1)))?;
    let by_qol: HashMap<&str, &str> = registry
        .iter()
        .filter(|c| !c.qol_number.is_empty())
        .map(|c| (c.qol_number.as_str(), c.code.as_str()))
        .collect();
    let mut observations = Vec::new();
    for (col, h) in header.iter().enumerate().skip(4) {
        let XlsxCell::Text(h) = h else { continue };
        let Some((num, _name)) = h.split_once(' ') else {
            continue;
        };
        if num.parse::<u32>().is_err() {
            continue;
        }
        let geo = by_qol.get(num).ok_or_else(|| {
            bad(format!(
                "city {h:?} is not in crates/civis-geo/data/cities.csv (rebuild it)"
            ))
        })?;
        let (Some(XlsxCell::Number(p)), Some(XlsxCell::Number(n))) =
            (good.get(col), grid[total].get(col))
        else {
            bail!(
                "{}, sheet {QOL_SHEET:?}: city {h:?} has no share or count in rows {} and {}",
                path.display(),
                start + 1,
                total + 1
            );
        };
        let (estimate, se, lo, hi) = share_with_interval(*p, *n, QOL_DEFF);
        observations.push(Observation {
            indicator: "good_place_for_immigrants".into(),
            geo: geo.to_string(),
            group: "TOTAL".into(),
            sex: "T".into(),
            age: "Y_GE15".into(),
            time: "2023".into(),
            unit: "PC".into(),
            estimate: Some(estimate),
            se: Some(se),
            ci_low: Some(lo),
            ci_high: Some(hi),
            n: Some(*n as i64),
            ..Observation::default()
        });
    }
    Ok(SourceDataset {
        provenance: Provenance {
            name: "qol_2023".into(),
            file: format!("data/{QOL_FILE}"),
            source: "European Commission, Survey on the Quality of Life in European Cities 2023"
                .into(),
            method: Method::Direct,
            vintage: "2023 survey, aggregated data file revised 18 September 2024".into(),
            attribution:
                "Source: European Commission, Survey on the Quality of Life in European Cities 2023"
                    .into(),
            synthetic: false,
        },
        observations,
    })
}

/// Areas of the regional and city data: NUTS regions (named from the NUTS 2024 registry, or by
/// their code when the file uses an older NUTS version), countries, and registry cities (parent:
/// their NUTS 3 region, or their country when unplaced).
pub fn geographies(
    geos: &BTreeSet<&str>,
    cities: &[City],
    reg: &GeoRegistry,
) -> Result<Vec<Geography>> {
    let by_code: HashMap<&str, &City> = cities.iter().map(|c| (c.code.as_str(), c)).collect();
    let mut out = Vec::new();
    for &code in geos {
        if let Some(c) = by_code.get(code) {
            out.push(Geography {
                code: code.into(),
                name: c.name.clone(),
                level: "city".into(),
                parent: Some(if c.nuts3.is_empty() {
                    c.country.clone()
                } else {
                    c.nuts3.clone()
                }),
                country: c.country.clone(),
            });
            continue;
        }
        if !code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            || !(2..=5).contains(&code.len())
        {
            bail!("area `{code}` is neither a NUTS code nor a city of crates/civis-geo/data/cities.csv");
        }
        let name = GeoCode::parse(code)
            .ok()
            .and_then(|g| reg.name(&g).map(str::to_string))
            .unwrap_or_else(|| code.to_string());
        let level = code.len() - 2;
        out.push(Geography {
            code: code.into(),
            name,
            level: if level == 0 {
                "country".into()
            } else {
                format!("nuts{level}")
            },
            parent: (level > 0).then(|| code[..code.len() - 1].to_string()),
            country: code[..2].to_string(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_catalog_and_registry_parse() {
        let c = RegionalCatalog::shipped().unwrap();
        assert!(c
            .context
            .iter()
            .any(|d| d.id == "good_place_for_immigrants"));
        assert!(c.table.iter().any(|t| t.code == "lfst_r_lfur2gac"));
        let cities = cities().unwrap();
        let lyon = cities.iter().find(|c| c.code == "FR002C").unwrap();
        assert_eq!((lyon.name.as_str(), lyon.nuts2.as_str()), ("Lyon", "FRK2"));
        let munich = cities.iter().find(|c| c.code == "DE003C").unwrap();
        assert_eq!(munich.qol_number, "1106");
    }

    #[test]
    fn unpublished_cells_are_stored_as_not_for_publication() {
        assert_eq!(stored_flags(Flags::parse("u").unwrap(), None), "uN");
        assert_eq!(stored_flags(Flags::parse("u").unwrap(), Some(4.3)), "u");
        assert!(Flags::parse("uN").unwrap().is_suppressed());
    }

    #[test]
    fn wilson_interval_contains_the_share_and_widens_with_the_design_effect() {
        let (e, se, lo, hi) = share_with_interval(0.5, 100.0, 1.0);
        assert!((se - 5.0).abs() < 1e-12);
        assert!((e - 50.0).abs() < 1e-12 && (lo + hi - 100.0).abs() < 1e-9);
        let (_, _, lo2, hi2) = share_with_interval(0.5, 100.0, 1.5);
        assert!(lo2 < lo && hi2 > hi);
    }
}
