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
    /// The portal: pages, downloads and the HTTP API (builds the default database on first start).
    Serve(civis_cli::serve_cmd::ServeArgs),
    /// Precision report: which cells the publication rules allow, with and without small area estimates.
    Precision(civis_cli::precision_cmd::PrecisionArgs),
    /// Sample sizes needed for a target precision, and allocation of a fixed sample across areas.
    Plan(civis_cli::precision_cmd::PlanArgs),
    /// Build the default database (Eurostat tables, synthetic Austrian regions and districts) from data/.
    InitDb(InitDbArgs),
    /// Accounts of the practice registry: `civis user add --role admin EMAIL`.
    User(civis_cli::user_cmd::UserArgs),
    /// The profile of an area as a PDF document (the portal's `/areas/GEO/report.pdf`).
    Report(civis_cli::report_cmd::ReportArgs),
    /// The Eurostat API: `fetch` one table to a file, `sync` the regional and city tables into the database.
    Eurostat(civis_cli::eurostat_cmd::EurostatArgs),
}

/// Arguments of `civis init-db`.
#[derive(Debug, clap::Args)]
struct InitDbArgs {
    /// The SQLite database file to create.
    #[arg(long, default_value = "civis.db")]
    database: std::path::PathBuf,
    /// The data directory shipped with Civis (eurostat/, microdata/, sae/, geo/).
    #[arg(long, default_value = "data")]
    data: std::path::PathBuf,
    /// Replace an existing database file.
    #[arg(long)]
    force: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Estimate(args) => estimate(&args),
        Command::Indicators(args) => indicators(&args),
        Command::Catalog(args) => civis_cli::catalog_cmd::run(&args),
        Command::Convert(args) => civis_cli::convert_cmd::run(&args),
        Command::Serve(args) => civis_cli::serve_cmd::run(&args),
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
        Command::InitDb(args) => init_db(&args),
        Command::User(args) => civis_cli::user_cmd::run(&args),
        Command::Eurostat(args) => civis_cli::eurostat_cmd::run(&args),
        Command::Report(args) => civis_cli::report_cmd::run(&args),
        Command::Sae(args) => match args.command {
            civis_cli::sae_cmd::SaeCommand::Fh(fh) => {
                civis_cli::sae_cmd::run(&fh).and_then(|(rows, summary)| {
                    civis_cli::sae_cmd::write(&rows, &summary, fh.out.as_deref())
                })
            }
            civis_cli::sae_cmd::SaeCommand::Unit(unit) => civis_cli::sae_unit_cmd::run(&unit),
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

fn init_db(args: &InitDbArgs) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    let tty = io::stderr().is_terminal();
    let mut progress = |p: &civis_cli::default_db::Progress| {
        let line = format!("civis init-db: [{}/{}] {}", p.done, p.total, p.what);
        if tty {
            eprint!("\r{line:<70}");
        } else {
            eprintln!("{line}");
        }
    };
    let summary = civis_cli::default_db::build_default_database_file(
        &args.database,
        &args.data,
        args.force,
        &mut progress,
    );
    if tty {
        eprintln!();
    }
    let summary = summary?;
    for d in &summary.datasets {
        eprintln!(
            "  {:<28} {:>6} observations  {}{}",
            d.name,
            d.observations,
            d.method.code(),
            if d.synthetic { ", synthetic" } else { "" }
        );
    }
    eprintln!(
        "civis init-db: {} datasets, {} observations, {} indicators, {} areas written to {} in {:.2} s",
        summary.datasets.len(),
        summary.observations(),
        summary.definitions.len(),
        summary.geographies.len(),
        args.database.display(),
        summary.seconds
    );
    Ok(())
}
