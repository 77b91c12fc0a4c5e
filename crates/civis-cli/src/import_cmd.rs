//! `civis import`: load Civis tables and Eurostat files into the database, one transaction per
//! file (a failed file leaves nothing behind and the others are unaffected). The arguments map
//! onto [`civis_pipeline::ImportBuilder`]; the import itself is the pipeline's.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use civis_pipeline::{ImportBuilder, Imported};

/// Arguments of `civis import`.
#[derive(Debug, Clone, Args, Default)]
pub struct ImportArgs {
    /// Files: `civis indicators` or `civis sae fh` tables (.csv), Eurostat TSV, SDMX-CSV or JSON-stat.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The database: an SQLite file (created if absent) or a PostgreSQL URL
    /// (`postgres://user:password@host:port/database`).
    #[arg(long, default_value = "civis.db")]
    pub database: PathBuf,
    /// Replace datasets already in the database.
    #[arg(long)]
    pub replace: bool,
    /// Who produced the data (default: Eurostat for Eurostat files, Civis for Civis tables).
    #[arg(long)]
    pub source: Option<String>,
    /// Data vintage (e.g. the download date).
    #[arg(long, default_value = "")]
    pub vintage: String,
    /// Attribution that must be shown with the data.
    #[arg(long)]
    pub attribution: Option<String>,
    /// The data are synthetic (shown as such wherever they appear).
    #[arg(long)]
    pub synthetic: bool,
    /// For `civis sae fh` tables: the indicator they estimate.
    #[arg(long)]
    pub indicator: Option<String>,
    /// For `civis sae fh` tables: the target group they estimate.
    #[arg(long, default_value = "TOTAL")]
    pub group: String,
}

/// Imports every file of `a` (see [`civis_pipeline::Import::run`]).
pub fn run(a: &ImportArgs) -> Result<Vec<Imported>> {
    Ok(ImportBuilder::new()
        .replace(a.replace)
        .source(a.source.clone())
        .vintage(a.vintage.clone())
        .attribution(a.attribution.clone())
        .synthetic(a.synthetic)
        .sae_table(a.indicator.clone(), a.group.as_str().into())
        .build()
        .run(&a.database, &a.files)?)
}
