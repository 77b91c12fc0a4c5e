//! `civis indicators`: the arguments, turned into the pipeline's indicator engine, and the
//! writers of its table.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{anyhow, Result};
use clap::Args;

use civis_pipeline::indicators::tables::{write_indicators_xlsx, NUMERIC};
use civis_pipeline::indicators::{
    reference_year, Indicators, IndicatorsBuilder, IndicatorsEvent, Reliability, COLUMNS,
};
pub use civis_pipeline::IndicatorRow;
use civis_pipeline::{column_map, group_criteria, reliability_rule};

use crate::output::{extension, write_atomically, write_text_table};

/// Arguments of `civis indicators`.
#[derive(Debug, Clone, Args, Default)]
pub struct IndicatorsArgs {
    /// Microdata: CSV, Parquet or Arrow IPC (chosen by the file's first bytes).
    #[arg(long)]
    pub data: PathBuf,
    /// Field delimiter of the CSV.
    #[arg(long, default_value = ",")]
    pub delimiter: char,
    /// Variable names of the file: eu-silc, eu-lfs, or a mapping file (TOML, see crates/civis-catalog/data/sources).
    #[arg(long, default_value = "eu-silc")]
    pub source: String,
    /// canonical=column overrides (repeatable, or comma separated).
    #[arg(long = "map", value_delimiter = ',')]
    pub maps: Vec<String>,
    /// Column with the areas (regions, cities); without it only the country is estimated.
    #[arg(long)]
    pub geo: Option<String>,
    /// Breakdowns: sex, age_band.
    #[arg(long, value_delimiter = ',')]
    pub by: Vec<String>,
    /// Target-group criterion: citizenship, birth or both.
    #[arg(long, default_value = "citizenship")]
    pub groups: String,
    /// Indicator ids (comma separated) or `all`.
    #[arg(long, default_value = "all")]
    pub indicators: String,
    /// Reporting country (Eurostat code, e.g. AT): the national row's geo and who is a national.
    #[arg(long)]
    pub country: Option<String>,
    /// Country column of a file holding several countries (EU-SILC, EU-LFS user databases):
    /// every country is estimated from its own rows, as --country, at the top of its geography.
    #[arg(long, conflicts_with = "country")]
    pub country_var: Option<String>,
    /// linearised | jackknife | bootstrap:R:SEED | brr | fay:RHO | columns:PREFIX:METHOD
    #[arg(long, default_value = "linearised")]
    pub variance: String,
    /// catalogue (each indicator's own rule) | silc | cv:FLAG,SUPPRESS | lfs:LIMITS.csv | none
    #[arg(long, default_value = "catalogue")]
    pub reliability: String,
    /// EU-LFS limits A/B (CSV: country,limit_a,limit_b) for indicators whose rule is `lfs`.
    #[arg(long)]
    pub lfs_limits: Option<PathBuf>,
    /// Lonely-PSU policy: fail, adjust, average, remove, certainty.
    #[arg(long, default_value = "adjust")]
    pub lonely_psu: String,
    /// Reference year written in the `time` column.
    #[arg(long)]
    pub year: Option<String>,
    /// An indicator catalogue to use instead of the built-in one.
    #[arg(long)]
    pub catalog: Option<PathBuf>,
    /// Output file (.csv, .json or .xlsx; `-` writes CSV to standard output); without it a table
    /// is printed.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// The indicator run `args` describe.
pub fn builder(args: &IndicatorsArgs) -> Result<IndicatorsBuilder> {
    let mut b = IndicatorsBuilder::new(&args.data);
    b.delimiter(args.delimiter as u8).source(&args.source);
    for m in &args.maps {
        let (canonical, column) = column_map(m)?;
        b.map(canonical, column);
    }
    b.criteria(group_criteria(&args.groups)?);
    for by in &args.by {
        b.breakdown(by.parse()?);
    }
    if args.indicators != "all" {
        let ids: Vec<String> = args.indicators.split(',').map(str::to_string).collect();
        b.indicators(&ids);
    }
    if let Some(g) = &args.geo {
        b.geo(g);
    }
    if let Some(c) = &args.country {
        b.country(c);
    }
    if let Some(c) = &args.country_var {
        b.country_var(c);
    }
    if let Some(y) = &args.year {
        b.year(y);
    }
    b.variance(
        args.variance
            .parse()
            .map_err(|e: String| anyhow!("--variance {e}"))?,
    );
    if args.reliability != "catalogue" {
        let year = args.year.as_deref().map(reference_year).transpose()?;
        b.reliability(Reliability::Rule(reliability_rule(
            &args.reliability,
            year,
        )?));
    }
    if let Some(p) = &args.lfs_limits {
        b.lfs_limits(p);
    }
    if let Some(p) = &args.catalog {
        b.catalog(p);
    }
    b.lonely_psu(args.lonely_psu.parse().map_err(|e: String| anyhow!(e))?);
    Ok(b)
}

/// Run and return the rows (warnings and, on a terminal, progress on standard error).
pub fn run(args: &IndicatorsArgs) -> Result<Vec<IndicatorRow>> {
    let indicators = builder(args)?.build()?;
    if let Some(out) = &args.out {
        crate::output::refuse_overwriting_inputs(("--out", out), &indicators.inputs())?;
    }
    run_printing(&indicators)
}

/// Run, with the warnings and (on a terminal) the progress on standard error.
pub fn run_printing(indicators: &Indicators) -> Result<Vec<IndicatorRow>> {
    let tty = std::io::stderr().is_terminal();
    Ok(indicators.run(&|e| print_event(tty, e))?)
}

/// An event of an indicator run on standard error: warnings always, progress on a terminal.
pub fn print_event(tty: bool, e: IndicatorsEvent<'_>) {
    match e {
        IndicatorsEvent::Warning(w) => eprintln!("civis indicators: {w}"),
        IndicatorsEvent::Progress {
            done,
            total,
            indicator,
        } if tty => eprint!("\rcivis indicators: {done}/{total} {indicator:<40}"),
        IndicatorsEvent::Finished if tty => eprintln!(),
        _ => {}
    }
}

/// Write the rows (CSV, JSON, XLSX) to `path`, CSV to standard output for `-`, or a table.
/// CSV goes line by line through one reused buffer ([`IndicatorRow::push_csv`]).
pub fn write(rows: &[IndicatorRow], out: Option<&std::path::Path>) -> Result<()> {
    match out {
        Some(p) if p.as_os_str() == "-" => {
            let mut w = std::io::BufWriter::new(std::io::stdout().lock());
            write_csv(&mut w, rows)?;
            w.flush()?;
            return Ok(());
        }
        Some(path) => match extension(path)?.as_str() {
            "xlsx" => return write_atomically(path, |w| Ok(write_indicators_xlsx(w, rows)?)),
            "csv" => return write_atomically(path, |w| Ok(write_csv(w, rows)?)),
            _ => {}
        },
        None => {}
    }
    let exact = out.is_some();
    let table: Vec<Vec<String>> = rows.iter().map(|r| r.cells(exact)).collect();
    write_text_table(out, &COLUMNS, &table, &NUMERIC)
}

/// The rows as CSV: the header of [`COLUMNS`], then one line per row.
fn write_csv(w: &mut impl Write, rows: &[IndicatorRow]) -> std::io::Result<()> {
    writeln!(w, "{}", COLUMNS.join(","))?;
    let mut line = String::with_capacity(256);
    for r in rows {
        line.clear();
        r.push_csv(&mut line);
        w.write_all(line.as_bytes())?;
    }
    Ok(())
}
