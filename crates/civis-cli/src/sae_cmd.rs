//! `civis sae fh`: Fay-Herriot small area estimates from direct estimates and area covariates.
//!
//! Input is one row per area (direct estimate and its variance or standard error), for example
//! the output of `civis indicators` or `civis estimate` filtered with `--where`; covariates come
//! from the same file or from an auxiliary file joined on the area (`--aux`, `--join`), where
//! areas without a direct estimate get the synthetic estimate `x'beta` with its MSE
//! (out-of-sample areas). The workflow is [`civis_pipeline::sae`]; this module maps the
//! arguments onto its builder and writes the result.

use std::path::PathBuf;

use anyhow::{anyhow, bail, Context, Result};
use clap::{Args, Subcommand};

use civis_io::{read_csv, CsvOptions};
use civis_pipeline::sae::options::fh_method;
use civis_pipeline::sae::tables::{write_areas_xlsx, AREA_COLUMNS, AREA_TEXT};
use civis_pipeline::sae::{DirectEstimates, FayHerriotBuilder, FhInput, SamplingVariance};

use crate::output::{extension, numeric, write_atomically, write_text_table};

/// `civis sae ...`
#[derive(Debug, Clone, Args)]
pub struct SaeArgs {
    #[command(subcommand)]
    pub command: SaeCommand,
}

#[derive(Debug, Clone, Subcommand)]
pub enum SaeCommand {
    /// Area-level Fay-Herriot model (EBLUP, MSE, optional spatial effects and benchmarking).
    Fh(Box<FhArgs>),
    /// Unit-level models: BHF EBLUP and Molina-Rao EBP from a sample and a population file.
    Unit(Box<crate::sae_unit_cmd::UnitArgs>),
}

/// Arguments of `civis sae fh`.
#[derive(Debug, Clone, Args, Default)]
pub struct FhArgs {
    /// Areas with direct estimates (CSV; `-` reads standard input).
    #[arg(long)]
    pub data: PathBuf,
    /// Keep only the rows of --data where this is true (e.g. `indicator == "arop_rate" and group == "TOTAL"`).
    #[arg(long = "where")]
    pub where_: Option<String>,
    /// Area column.
    #[arg(long)]
    pub area: String,
    /// Direct estimate column.
    #[arg(long)]
    pub direct: String,
    /// Sampling variance column of the direct estimate.
    #[arg(long, conflicts_with = "se")]
    pub variance: Option<String>,
    /// Standard error column of the direct estimate (squared to give the variance).
    #[arg(long)]
    pub se: Option<String>,
    /// Covariate columns (an intercept is added unless --no-intercept).
    #[arg(long, value_delimiter = ',')]
    pub covariates: Vec<String>,
    /// No intercept in the model (R sae's `y ~ x1 + x2 - 1`); needs at least one covariate.
    #[arg(long)]
    pub no_intercept: bool,
    /// Auxiliary file with one row per area (covariates, population shares), including areas
    /// without a direct estimate.
    #[arg(long)]
    pub aux: Option<PathBuf>,
    /// Area column of --aux (default: the --area name).
    #[arg(long)]
    pub join: Option<String>,
    /// reml, ml or fh.
    #[arg(long, default_value = "reml")]
    pub method: String,
    /// Reproduce R sae's start value and stopping rule instead of iterating to the exact optimum.
    #[arg(long)]
    pub sae_compat: bool,
    /// none, arcsin:NEFF_COLUMN (proportions; variance 1/(4 n_eff)) or log.
    #[arg(long, default_value = "none")]
    pub transform: String,
    /// Direct estimates are percentages (divided by 100 for the model, results multiplied back).
    #[arg(long)]
    pub percent: bool,
    /// analytic (Prasad-Rao and its ML/FH variants) or bootstrap:B:SEED (parametric).
    #[arg(long, default_value = "analytic")]
    pub mse: String,
    /// Proximity matrix (CSV, a header row, rows and columns in the order of the areas of --data).
    #[arg(long)]
    pub spatial: Option<PathBuf>,
    /// Benchmark the estimates to this published total (a share-weighted mean, e.g. a national rate).
    #[arg(long)]
    pub benchmark: Option<f64>,
    /// Column with population shares or sizes of the areas for --benchmark.
    #[arg(long)]
    pub shares: Option<String>,
    /// ratio, raking or mse.
    #[arg(long, default_value = "ratio")]
    pub benchmark_method: String,
    /// Output (.csv, .json or .xlsx; `-` writes CSV to standard output); without it a table is printed.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

pub use civis_pipeline::sae::{AreaRow, ModelSummary as Summary};

/// The model the arguments ask for.
pub fn builder(a: &FhArgs) -> Result<FayHerriotBuilder> {
    let variance = match (&a.variance, &a.se) {
        (Some(v), None) => SamplingVariance::Variance(v.clone()),
        (None, Some(s)) => SamplingVariance::StandardError(s.clone()),
        _ => bail!("give the sampling variance (--variance COL) or the standard error (--se COL)"),
    };
    let mut b = FayHerriotBuilder::new(&a.area, &a.direct, variance);
    b.covariates(&a.covariates)
        .method(fh_method(&a.method)?)
        .sae_compat(a.sae_compat)
        .transform(a.transform.parse()?)
        .percent(a.percent)
        .mse(a.mse.parse()?);
    if a.no_intercept {
        b.no_intercept();
    }
    if let Some(total) = a.benchmark {
        let shares = a.shares.as_deref().ok_or_else(|| {
            anyhow!("--benchmark needs --shares COLUMN (population shares or sizes)")
        })?;
        let how = a.benchmark_method.parse()?;
        b.benchmark(total, shares, how);
    }
    Ok(b)
}

/// Reads the files and runs the model; returns the per-area rows and the model summary.
pub fn run(a: &FhArgs) -> Result<(Vec<AreaRow>, Summary)> {
    if let Some(out) = &a.out {
        let mut inputs = vec![("--data", a.data.as_path())];
        inputs.extend(a.aux.as_deref().map(|p| ("--aux", p)));
        inputs.extend(a.spatial.as_deref().map(|p| ("--spatial", p)));
        crate::output::refuse_overwriting_inputs(("--out", out), &inputs)?;
    }
    let mut direct = if a.data.as_os_str() == "-" {
        DirectEstimates::read_from(std::io::stdin().lock(), "<stdin>")?
    } else {
        DirectEstimates::read(&a.data)?
    };
    if let Some(w) = &a.where_ {
        direct = direct.filter(w)?;
    }
    let model = builder(a)?.build()?;
    let aux = match &a.aux {
        Some(p) => Some((
            read_csv(p, &CsvOptions::default())?,
            p.display().to_string(),
        )),
        None => None,
    };
    let spatial = match &a.spatial {
        Some(p) => Some((
            read_csv(p, &CsvOptions::default())?,
            p.display().to_string(),
        )),
        None => None,
    };
    let mut input = FhInput::new(&direct);
    if let Some((f, src)) = &aux {
        input = input.aux(f, src, a.join.as_deref());
    }
    if let Some((f, src)) = &spatial {
        input = input.proximity(f, src);
    }
    let out = model.run(&input)?;
    Ok((out.rows, out.summary))
}

/// Write the result (and print the summary on standard error).
pub fn write(rows: &[AreaRow], summary: &Summary, out: Option<&std::path::Path>) -> Result<()> {
    for l in &summary.lines {
        eprintln!("{l}");
    }
    if let Some(p) = out.filter(|p| p.as_os_str() != "-") {
        if extension(p)? == "xlsx" {
            return write_atomically(p, |w| Ok(write_areas_xlsx(w, rows, summary)?));
        }
    }
    let table: Vec<Vec<String>> = rows.iter().map(|r| r.cells(out.is_some())).collect();
    write_text_table(
        out,
        &AREA_COLUMNS,
        &table,
        &numeric(&AREA_COLUMNS, &AREA_TEXT),
    )
    .with_context(|| "writing the small area estimates".to_string())
}
