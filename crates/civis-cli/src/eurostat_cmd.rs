//! `civis eurostat fetch` and `civis eurostat sync`: the Eurostat dissemination API
//! (`civis-eurostat`, the sync step of `civis-pipeline`) from the terminal. This file only parses
//! arguments, prints progress and writes files.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Result;
use clap::{Args, Subcommand};

use civis_eurostat::{ApiClient, Event, Outcome, DEFAULT_API_BASE};
use civis_pipeline::SyncBuilder;

/// Arguments of `civis eurostat`.
#[derive(Debug, Clone, Args)]
pub struct EurostatArgs {
    #[command(subcommand)]
    pub command: EurostatCommand,
}

#[derive(Debug, Clone, Subcommand)]
pub enum EurostatCommand {
    /// Download one table (every value and flag) and write it in the format --out's extension names.
    Fetch(FetchArgs),
    /// Bring the regional and city migrant tables of crates/civis-catalog/data/regional.toml (or --dataset) into
    /// the database, importing only what changed and keeping earlier vintages.
    Sync(SyncArgs),
}

/// Arguments of `civis eurostat fetch`.
#[derive(Debug, Clone, Args)]
pub struct FetchArgs {
    /// The Eurostat dataset code (`lfst_r_lfur2gac`).
    pub code: String,
    /// Keep only these codes of a dimension, `dim=code,code` (repeatable).
    #[arg(long = "filter")]
    pub filters: Vec<String>,
    /// The API base.
    #[arg(long, default_value = DEFAULT_API_BASE)]
    pub api_base: String,
    /// Seconds to wait for a connection or an answer.
    #[arg(long, default_value_t = 120)]
    pub timeout: u64,
    /// The file to write: `.tsv`, `.json` (JSON-stat 2.0), `.csv` (long table), `.sdmx.csv`.
    #[arg(long)]
    pub out: PathBuf,
}

/// Arguments of `civis eurostat sync`.
#[derive(Debug, Clone, Args)]
pub struct SyncArgs {
    /// The database: an SQLite file (built with `civis init-db`) or a postgres:// URL.
    #[arg(long, default_value = "civis.db")]
    pub database: String,
    /// The API base.
    #[arg(long, default_value = DEFAULT_API_BASE)]
    pub api_base: String,
    /// Tables to sync (repeatable); default: every table of crates/civis-catalog/data/regional.toml.
    #[arg(long = "dataset")]
    pub datasets: Vec<String>,
    /// Seconds to wait for a connection or an answer.
    #[arg(long, default_value_t = 300)]
    pub timeout: u64,
}

/// Runs `civis eurostat`.
pub fn run(args: &EurostatArgs) -> Result<()> {
    match &args.command {
        EurostatCommand::Fetch(a) => fetch(a),
        EurostatCommand::Sync(a) => sync(a),
    }
}

fn fetch(a: &FetchArgs) -> Result<()> {
    let filters = civis_pipeline::options::parse_filters(&a.filters)?;
    let client = ApiClient::new(&a.api_base, Duration::from_secs(a.timeout));
    eprintln!("civis eurostat: fetching {}", client.url(&a.code, &filters));
    let fetched = client.fetch(&a.code, &filters)?;
    crate::convert_cmd::write_by_extension(&fetched.dataset, &a.out)?;
    eprintln!(
        "civis eurostat: {} ({} observations, last update {}) written to {}",
        a.code,
        fetched.dataset.observations.len(),
        if fetched.updated.is_empty() {
            "not stated"
        } else {
            &fetched.updated
        },
        a.out.display()
    );
    Ok(())
}

fn sync(a: &SyncArgs) -> Result<()> {
    let sync = SyncBuilder::new()
        .api_base(&a.api_base)
        .timeout(Duration::from_secs(a.timeout))
        .datasets(a.datasets.clone())
        .build()?;
    let reports = sync.run(&a.database, &mut |e| match e {
        Event::Fetching {
            code,
            url,
            index,
            total,
        } => {
            eprintln!(
                "civis eurostat: [{}/{total}] fetching {code} ({url})",
                index + 1
            )
        }
        Event::Fetched {
            code,
            observations,
            last_update,
        } => eprintln!(
            "civis eurostat:        {code}: {observations} observations, last update {}",
            if last_update.is_empty() {
                "not stated"
            } else {
                last_update
            }
        ),
        Event::Writing { tables } => eprintln!("civis eurostat: writing {tables} changed table(s)"),
    })?;
    let mut imported = 0;
    for r in &reports {
        match &r.outcome {
            Outcome::Imported { observations, kept } => {
                imported += 1;
                println!(
                    "{}: imported {observations} observations (last update {}, retrieved {} UTC){}",
                    r.code,
                    r.last_update,
                    r.retrieved_at,
                    kept.as_ref().map(|k| format!("; the earlier vintage is kept as {k}")).unwrap_or_default()
                );
            }
            Outcome::Unchanged { observations } => println!(
                "{}: unchanged since the last sync ({observations} observations, last update {}), nothing imported",
                r.code, r.last_update
            ),
        }
    }
    if imported == 0 {
        println!("nothing new: no table changed since the last sync, nothing was imported");
    }
    Ok(())
}
