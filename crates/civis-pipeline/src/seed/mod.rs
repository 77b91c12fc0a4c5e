//! Seeding the default database of the portal from the data shipped in `data/` (see
//! `data/README.md`): what `civis init-db` and the first start of `civis serve` build, in
//! memory from the files to the store:
//!
//! ```no_run
//! # fn f(store: &mut dyn civis_store::Store) -> civis_pipeline::Result<()> {
//! use civis_pipeline::seed::{Listeners, SeedBuilder};
//! let summary = SeedBuilder::new("data").build()?.run(
//!     store,
//!     &mut Listeners { step: &mut |_| {}, indicators: &|_| {}, unit_level: &mut |_| {} },
//! )?;
//! # Ok(()) }
//! ```
//!
//! What goes in, one dataset per source, each imported in its own transaction:
//!
//! 1. **Eurostat tables** (`data/eurostat/*.csv`, real, method official): every row selected by
//!    `crates/civis-catalog/data/official.toml` ([`OfficialMapping`]) under the catalogue indicator
//!    id (or a context indicator defined there), the groups as catalogue target-group codes, sex
//!    kept, all years, flags as published. Dataset name = the Eurostat code, source `Eurostat`,
//!    attribution `Source: Eurostat`.
//! 2. **Austrian regions** from laeken's synthetic EU-SILC 2006 (`data/microdata/eusilc.csv`):
//!    the indicator engine ([`eusilc_indicators`]) by NUTS 2024 level-2 region (federal states,
//!    matched by name through the geography registry) and citizenship, by sex, and for Austria as
//!    a whole. Method direct, synthetic.
//! 3. **Austrian districts** from emdi's synthetic `eusilcA` data (`data/sae/`): Fay-Herriot
//!    estimates for the mean equivalised income (direct estimates by Civis from the unit-level
//!    sample `eusilcA_smp`; 24 of the 94 districts have no sample and get the synthetic estimate)
//!    and for the share above the national median income (emdi's direct estimates `MTMED` of
//!    `eusilcA_smpAgg`), with covariates from `eusilcA_popAgg`; the direct estimates beside them.
//!    District codes are `AT-D` + the BEV code `BKZ` of `austria_districts.geojson`, matched on
//!    the district name ([`austrian_districts`]).
//! 4. **Regions and cities** (`data/regional/`, `data/cities/`, real): Eurostat's regional
//!    migrant outcomes, Urban Audit foreign-born shares and the Quality of Life survey, with
//!    their own definitions and areas: see [`crate::real_europe`].
//!
//! Every indicator stored gets its `Definition` and every area its `Geography` in the store's
//! definitions and geographies tables ([`indicator_definitions`], [`geography_entries`]);
//! Fay-Herriot estimates carry the model share `1 − γ` (out-of-sample districts: 1).

pub mod areas;
pub mod districts;
pub mod eusilc;
pub mod file;
pub mod official;

pub use areas::{
    austrian_districts, austrian_state_codes, geography_entries, indicator_definitions, District,
    AUSTRIAN_STATE_EXONYMS,
};
pub use eusilc::eusilc_indicators;
pub use official::{
    ContextIndicator, DatasetMapping, IndicatorChoice, OfficialMapping, DEFAULT_OFFICIAL,
    OFFICIAL_FILE,
};

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Instant;

use civis_catalog::Catalogue;
use civis_geo::GeoRegistry;
use civis_store::{Definition, Geography, Method, Store};

use crate::error::{bail, Result, WithContext};
use crate::indicators::Events;
use crate::real_europe::{RealEurope, SourceDataset};
use crate::sae::UnitProgress;
use official::{official_dataset, GeoResolver};

/// Reference year of laeken's `eusilc` and of emdi's `eusilcA` (both built from the Austrian
/// EU-SILC 2006).
pub const SYNTHETIC_YEAR: &str = "2006";

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

/// A value stored only when finite.
pub(crate) fn finite(v: f64) -> Option<f64> {
    Some(v).filter(|x| x.is_finite())
}

/// The options of the default database's seeding; [`SeedBuilder::build`] reads what every step
/// needs (catalogue, mapping, districts) and gives the [`Seed`] step.
#[derive(Debug, Clone)]
pub struct SeedBuilder {
    data_dir: PathBuf,
}

impl SeedBuilder {
    /// Seeds from `data_dir`, the repository's `data/` (eurostat/, microdata/, sae/, geo/,
    /// regional/, cities/).
    pub fn new(data_dir: impl Into<PathBuf>) -> SeedBuilder {
        SeedBuilder {
            data_dir: data_dir.into(),
        }
    }

    pub fn build(self) -> Result<Seed> {
        let catalogue = Catalogue::default_catalogue()?;
        let mapping = OfficialMapping::default_mapping(&catalogue)?;
        let districts = austrian_districts(&self.data_dir.join("geo/austria_districts.geojson"))?;
        Ok(Seed {
            data_dir: self.data_dir,
            catalogue,
            mapping,
            districts,
        })
    }
}

/// The seeding step: [`Seed::run`] fills an empty store.
#[derive(Debug, Clone)]
pub struct Seed {
    data_dir: PathBuf,
    catalogue: Catalogue,
    mapping: OfficialMapping,
    districts: Vec<District>,
}

/// Who hears the seeding: its steps, and the events of the indicator engine and of the
/// unit-level model it runs.
pub struct Listeners<'a> {
    /// Called before every step and once at the end (`done == total`).
    pub step: &'a mut dyn FnMut(&Progress),
    /// The indicator engine's warnings and progress.
    pub indicators: Events<'a>,
    /// The unit-level model's progress (files read, bootstrap replicates).
    pub unit_level: &'a mut dyn FnMut(UnitProgress),
}

/// Counts the steps and tells the listeners.
struct Steps<'l, 'a> {
    done: usize,
    total: usize,
    listeners: &'l mut Listeners<'a>,
}

impl Steps<'_, '_> {
    fn next(&mut self, what: &str) {
        (self.listeners.step)(&Progress {
            done: self.done,
            total: self.total,
            what: what.to_string(),
        });
        self.done += 1;
    }
}

impl Seed {
    /// The number of steps [`Seed::run`] reports (one per Eurostat table, six more).
    pub fn steps(&self) -> usize {
        self.mapping.datasets.len() + 6
    }

    /// Fills an empty `store` with the default database, telling `listeners` where it is. The
    /// store must hold no dataset yet.
    pub fn run(&self, store: &mut dyn Store, listeners: &mut Listeners<'_>) -> Result<Summary> {
        let start = Instant::now();
        if !store.datasets()?.is_empty() {
            bail!("the database is not empty: the default database is built into an empty one");
        }
        let mut steps = Steps {
            done: 0,
            total: self.steps(),
            listeners,
        };
        let built = self.datasets(&mut steps)?;
        steps.next("regions and cities (Eurostat, Urban Audit, Quality of Life)");
        let real = crate::real_europe::build(&self.data_dir)?;
        steps.next("definitions and areas");
        let mut summary = self.summary(&built)?;
        steps.next("writing the database");
        write(store, built, &real, &mut summary)?;
        let total = steps.total;
        (steps.listeners.step)(&Progress {
            done: total,
            total,
            what: "done".into(),
        });
        summary.seconds = start.elapsed().as_secs_f64();
        Ok(summary)
    }

    /// The datasets of the Eurostat tables, the Austrian regions and districts, in order.
    fn datasets(&self, steps: &mut Steps<'_, '_>) -> Result<Vec<SourceDataset>> {
        let (data_dir, districts) = (self.data_dir.as_path(), self.districts.as_slice());
        let reg = GeoRegistry::global();
        let resolver = GeoResolver::new(reg, &self.mapping.geo_labels);
        let mut built = Vec::new();
        for m in &self.mapping.datasets {
            steps.next(&m.code);
            built.push(official_dataset(data_dir, m, reg, &resolver)?);
        }
        steps.next("eusilc_at_regions");
        let events = steps.listeners.indicators;
        built.push(eusilc::eusilc_regions(data_dir, reg, events)?);
        steps.next("eusilcA districts (mean income)");
        built.extend(districts::district_mean_income(data_dir, districts)?);
        steps.next("eusilcA districts (share above the median)");
        built.extend(districts::district_above_median(data_dir, districts)?);
        steps.next("eusilcA districts (unit-level EBP)");
        built.push(districts::district_unit_level(
            data_dir,
            districts,
            steps.listeners.unit_level,
        )?);
        Ok(built)
    }

    /// The definitions of every indicator and the entries of every area of `built`.
    fn summary(&self, built: &[SourceDataset]) -> Result<Summary> {
        let mut ids = BTreeSet::new();
        let mut geos = BTreeSet::new();
        for o in built.iter().flat_map(|b| &b.observations) {
            if !ids.contains(&o.indicator) {
                ids.insert(o.indicator.clone());
            }
            if !geos.contains(&o.geo) {
                geos.insert(o.geo.clone());
            }
        }
        Ok(Summary {
            datasets: Vec::new(),
            definitions: indicator_definitions(&ids, &self.catalogue, &self.mapping)?,
            geographies: geography_entries(&geos, GeoRegistry::global(), &self.districts)?,
            seconds: 0.0,
        })
    }
}

/// Imports `built` (one transaction each), the definitions and areas of `summary`, then the
/// regions and cities; `summary` ends up listing everything as the store does.
fn write(
    store: &mut dyn Store,
    built: Vec<SourceDataset>,
    real: &RealEurope,
    summary: &mut Summary,
) -> Result<()> {
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
        .with_context(|| "writing the indicator definitions")?;
    store
        .upsert_geographies(&summary.geographies)
        .with_context(|| "writing the areas")?;
    real.write(store)?;
    for d in &real.datasets {
        summary.datasets.push(BuiltDataset {
            name: d.provenance.name.clone(),
            method: d.provenance.method,
            synthetic: false,
            observations: d.observations.len(),
        });
    }
    summary.definitions.extend(real.definitions.iter().cloned());
    // as the store lists them
    summary
        .definitions
        .sort_by(|a, b| a.indicator.cmp(&b.indicator));
    let real_codes: BTreeSet<&str> = real.geographies.iter().map(|g| g.code.as_str()).collect();
    summary
        .geographies
        .retain(|g| !real_codes.contains(g.code.as_str()));
    summary.geographies.extend(real.geographies.iter().cloned());
    Ok(())
}
