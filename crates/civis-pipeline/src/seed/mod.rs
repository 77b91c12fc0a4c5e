//! Seeding the default database of the portal from the data shipped in `data/` (see
//! `data/README.md`): what `civis init-db` and the first start of `civis serve` build.
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

use civis_store::{Definition, Geography, Method};

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
