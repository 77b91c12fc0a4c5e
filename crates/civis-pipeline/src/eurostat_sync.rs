//! The Eurostat sync step (`civis eurostat sync`): the regional and city migrant tables of
//! `crates/civis-catalog/data/regional.toml` (or the tables asked for) fetched from the
//! Eurostat API and imported into the store, only what changed, earlier vintages kept. The
//! HTTP client and the vintage bookkeeping are `civis-eurostat`'s; this step chooses the
//! tables, opens the store and writes the definitions of what it imported.
//!
//! ```no_run
//! let sync = civis_pipeline::SyncBuilder::new().datasets(vec!["lfst_r_lfur2gac".into()]).build()?;
//! let done = sync.run("civis.db", &mut |_event| {})?;
//! # Ok::<(), civis_pipeline::PipelineError>(())
//! ```

use std::path::Path;
use std::time::Duration;

use civis_eurostat::{ApiClient, Event, Outcome, TableReport, TableSpec, DEFAULT_API_BASE};
use civis_store::{is_postgres_url, open_store, redacted};

use crate::error::{bail, Result, WithContext};
use crate::real_europe::{RegionalCatalog, RegionalTable};

/// The options of a sync; [`SyncBuilder::build`] gives the [`EurostatSync`] step.
#[derive(Debug, Clone)]
pub struct SyncBuilder {
    api_base: String,
    timeout: Duration,
    datasets: Vec<String>,
}

impl Default for SyncBuilder {
    fn default() -> Self {
        SyncBuilder::new()
    }
}

impl SyncBuilder {
    /// Eurostat's dissemination API, 300 s per request, every table of the catalogue.
    pub fn new() -> SyncBuilder {
        SyncBuilder {
            api_base: DEFAULT_API_BASE.to_string(),
            timeout: Duration::from_secs(300),
            datasets: Vec::new(),
        }
    }

    /// The API base (a stand-in server in tests).
    pub fn api_base(mut self, base: impl Into<String>) -> Self {
        self.api_base = base.into();
        self
    }

    /// How long to wait for a connection or an answer.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The tables to sync (Eurostat codes); none: every table of the catalogue.
    pub fn datasets(mut self, codes: Vec<String>) -> Self {
        self.datasets = codes;
        self
    }

    /// Reads the shipped catalogue and chooses the tables.
    pub fn build(self) -> Result<EurostatSync> {
        let catalog = RegionalCatalog::shipped()?;
        let specs = specs(&catalog, &self.datasets);
        Ok(EurostatSync {
            client: ApiClient::new(&self.api_base, self.timeout),
            catalog,
            specs,
        })
    }
}

/// The sync step: [`EurostatSync::run`] brings its tables into a database.
#[derive(Debug, Clone)]
pub struct EurostatSync {
    client: ApiClient,
    catalog: RegionalCatalog,
    specs: Vec<TableSpec>,
}

impl EurostatSync {
    /// The tables this step syncs.
    pub fn specs(&self) -> &[TableSpec] {
        &self.specs
    }

    /// Syncs into `database` (an SQLite file that must exist, or a PostgreSQL URL); `progress`
    /// hears every fetch. When a table was imported, the definitions of the catalogue's
    /// indicators are written too. One report per table, in order.
    pub fn run(
        &self,
        database: &str,
        progress: &mut dyn FnMut(&Event<'_>),
    ) -> Result<Vec<TableReport>> {
        if !is_postgres_url(database) && !Path::new(database).exists() {
            bail!(
                "there is no database at {database} (build it with `civis init-db --database {database}`)"
            );
        }
        let mut store = open_store(database)
            .with_context(|| format!("opening the database {}", redacted(database)))?;
        let reports = civis_eurostat::sync(store.db(), &self.client, &self.specs, progress)?;
        if reports
            .iter()
            .any(|r| matches!(r.outcome, Outcome::Imported { .. }))
        {
            store
                .upsert_definitions(&self.catalog.definitions())
                .with_context(|| "writing the definitions of the synced indicators")?;
        }
        Ok(reports)
    }
}

/// The tables to sync: `codes` (described by the catalogue when it lists them), or every table
/// of the catalogue.
fn specs(catalog: &RegionalCatalog, codes: &[String]) -> Vec<TableSpec> {
    let spec = |t: &RegionalTable| TableSpec {
        code: t.code.clone(),
        indicator: t.indicator.clone(),
        criterion: if t.criterion == "none" {
            String::new()
        } else {
            t.criterion.clone()
        },
        group_dimension: t.group_dimension.clone(),
    };
    if codes.is_empty() {
        return catalog.table.iter().map(spec).collect();
    }
    codes
        .iter()
        .map(|c| {
            catalog
                .table
                .iter()
                .find(|t| t.code.eq_ignore_ascii_case(c))
                .map(spec)
                .unwrap_or_else(|| TableSpec::generic(c))
        })
        .collect()
}
