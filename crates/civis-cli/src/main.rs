use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};

use civis_cli::catalog_cmd::CatalogArgs;
use civis_cli::estimate_cmd::{run, EstimateArgs};
use civis_cli::indicators_cmd::IndicatorsArgs;
use civis_cli::output::{write_file, write_table};

/// Civis: comparable, trustworthy indicators of immigrant integration for European cities.
#[derive(Debug, Parser)]
#[command(name = "civis", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Estimate statistics for domains from survey microdata, with design-based variances.
    Estimate(Box<EstimateArgs>),
    /// Compute catalogue indicators for the country and every area x target group, with gaps.
    Indicators(Box<IndicatorsArgs>),
    /// Print the indicator catalogue (text or Markdown).
    Catalog(CatalogArgs),
    /// Convert between Eurostat TSV, SDMX-CSV, JSON-stat and CSV, flags intact.
    Convert(civis_cli::convert_cmd::ConvertArgs),
    /// Small area estimation (Fay-Herriot) for areas whose samples are too small.
    Sae(civis_cli::sae_cmd::SaeArgs),
    /// Load Civis tables and Eurostat files into the database (one transaction per file).
    Import(civis_cli::import_cmd::ImportArgs),
    /// Precision report: which cells the publication rules allow, with and without small area estimates.
    Precision(civis_cli::precision_cmd::PrecisionArgs),
    /// Sample sizes needed for a target precision, and allocation of a fixed sample across areas.
    Plan(civis_cli::precision_cmd::PlanArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Estimate(args) => estimate(&args),
        Command::Indicators(args) => indicators(&args),
        Command::Catalog(args) => civis_cli::catalog_cmd::run(&args),
        Command::Convert(args) => civis_cli::convert_cmd::run(&args),
        Command::Import(args) => civis_cli::import_cmd::run(&args).map(|done| {
            for d in done {
                eprintln!(
                    "civis import: {} -> dataset `{}` ({} observations)",
                    d.file.display(),
                    d.dataset,
                    d.observations
                );
            }
        }),
        Command::Precision(args) => civis_cli::precision_cmd::run_precision(&args),
        Command::Plan(args) => civis_cli::precision_cmd::run_plan(&args),
        Command::Sae(args) => match args.command {
            civis_cli::sae_cmd::SaeCommand::Fh(fh) => {
                civis_cli::sae_cmd::run(&fh).and_then(|(rows, summary)| {
                    civis_cli::sae_cmd::write(&rows, &summary, fh.out.as_deref())
                })
            }
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            for cause in e.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}

fn estimate(args: &EstimateArgs) -> anyhow::Result<()> {
    let start = Instant::now();
    let out = run(args)?;
    match &args.out {
        Some(path) if path.as_os_str() == "-" => {
            civis_cli::output::write_csv(io::stdout().lock(), &out.by, &out.rows)?;
        }
        Some(path) => {
            write_file(path, &out.by, &out.rows)?;
            eprintln!(
                "civis estimate: {} rows written to {} in {:.2} s",
                out.rows.len(),
                path.display(),
                start.elapsed().as_secs_f64()
            );
        }
        None => {
            let stdout = io::stdout();
            let mut lock = stdout.lock();
            write_table(&mut lock, &out.by, &out.rows)?;
            lock.flush()?;
        }
    }
    Ok(())
}

fn indicators(args: &IndicatorsArgs) -> anyhow::Result<()> {
    let start = Instant::now();
    let rows = civis_cli::indicators_cmd::run(args)?;
    civis_cli::indicators_cmd::write(&rows, args.out.as_deref())?;
    if let Some(p) = args.out.as_ref().filter(|p| p.as_os_str() != "-") {
        eprintln!(
            "civis indicators: {} rows written to {} in {:.2} s",
            rows.len(),
            p.display(),
            start.elapsed().as_secs_f64()
        );
    }
    Ok(())
}
