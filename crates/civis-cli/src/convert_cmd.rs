//! `civis convert IN OUT`: convert statistical tables between Eurostat TSV, SDMX-CSV 1.0/2.0,
//! JSON-stat 2.0 and plain CSV (long or wide), optionally filtered.
//!
//! Formats come from the file names (`.tsv`, `.csv`, `.json`, each optionally `.gz` on input;
//! an input `.csv` is SDMX-CSV when its first column is `DATAFLOW`/`STRUCTURE`, else a Civis
//! long table; an output `.csv` is a plain long table) or from `--from`/`--to`.
//! The conversion is [`civis_pipeline::convert`]; this module maps the arguments onto its
//! builder and writes the output to a temporary file beside OUT, renamed at the end, so a
//! failed run leaves no partial file.

use std::path::{Path, PathBuf};

use crate::output::write_atomically;
use anyhow::Result;

use civis_io::atomic::SyncAhead;
use civis_io::cube::Dataset;
use civis_pipeline::convert::{write, ConvertBuilder, CsvLayout, TableFormat};
use civis_pipeline::options::parse_filters;

/// Arguments of `civis convert`.
#[derive(clap::Args, Debug, Clone)]
pub struct ConvertArgs {
    /// Input file: Eurostat TSV (.tsv), SDMX-CSV 1.0/2.0 or Civis long CSV (.csv), JSON-stat
    /// 2.0 (.json); gzip is recognised by its content.
    pub input: PathBuf,
    /// Output file.
    pub output: PathBuf,
    /// Input format (default: from the extension): tsv, sdmx-csv, jsonstat, csv (long).
    #[arg(long)]
    pub from: Option<String>,
    /// Output format (default: from the extension, `.csv` = csv): tsv, sdmx-csv (2.0),
    /// sdmx-csv1, jsonstat, csv.
    #[arg(long)]
    pub to: Option<String>,
    /// Keep only these codes of a dimension, `dim=code,code` (repeatable; the time dimension
    /// too, e.g. `TIME_PERIOD=2022,2023`).
    #[arg(long = "filter")]
    pub filters: Vec<String>,
    /// CSV output: one row per observation (the default).
    #[arg(long, conflicts_with = "wide")]
    pub long: bool,
    /// CSV output: one row per series, one column per time period (plus a flags column each).
    #[arg(long)]
    pub wide: bool,
    /// SDMX-CSV 2.0 output: leave out the label columns (written when the input has labels).
    #[arg(long)]
    pub no_labels: bool,
    /// Map legacy flags to the 2025 code lists (s->i, z->m, c->CONF_STATUS C).
    #[arg(long)]
    pub flags_2025: bool,
}

/// The conversion the arguments ask for.
pub fn builder(args: &ConvertArgs) -> Result<ConvertBuilder> {
    let mut b = ConvertBuilder::new();
    if let Some(f) = &args.from {
        b.from(f.parse()?);
    }
    if let Some(t) = &args.to {
        b.to(t.parse()?);
    }
    if args.long {
        b.layout(CsvLayout::Long);
    }
    if args.wide {
        b.layout(CsvLayout::Wide);
    }
    b.labels(!args.no_labels).flags_2025(args.flags_2025);
    for (dim, codes) in parse_filters(&args.filters)? {
        b.filter(&dim, &codes);
    }
    Ok(b)
}

/// Runs `civis convert`: the output goes through a temporary file renamed at the end.
pub fn run(args: &ConvertArgs) -> Result<()> {
    crate::output::refuse_overwriting_inputs(("OUT", &args.output), &[("IN", &args.input)])?;
    let conversion = builder(args)?.build(&args.input, &args.output)?;
    let mut warn = |w: String| eprintln!("civis convert: warning: {w}");
    write_atomically(&args.output, |w| {
        Ok(conversion.run(SyncAhead::new(w), &mut warn)?.finish()?)
    })
}

/// Writes `ds` in the format `path`'s extension names (`.tsv`, `.json` JSON-stat, `.csv` a long
/// table, `.sdmx.csv` SDMX-CSV 2.0), through a temporary file renamed into place.
pub fn write_by_extension(ds: &Dataset, path: &Path) -> Result<()> {
    let format = TableFormat::of_output_named(path)?;
    let name = path.display().to_string();
    write_atomically(path, |w| {
        write(ds, w, &name, format, false, ds.has_labels())?;
        Ok(())
    })
}
