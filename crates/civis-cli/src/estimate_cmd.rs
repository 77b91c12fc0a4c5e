//! `civis estimate`: the arguments, turned into the pipeline's typed estimation.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Result};
use clap::Args;

use civis_pipeline::{
    reliability_rule, CalibrationOptions, DesignOptions, Dialect, EstimateBuilder, EstimateOutput,
    Measure, MeasureOptions,
};

/// Arguments of `civis estimate`.
#[derive(Debug, Clone, Args, Default)]
pub struct EstimateArgs {
    /// Microdata: CSV (header row, comma separated, empty cell = missing), Parquet or Arrow IPC
    /// (`.arrow`, `.feather`), chosen by the file's first bytes; not needed with --from-partials
    /// or --emit-sql.
    #[arg(long, default_value = "", hide_default_value = true, value_parser = any_path)]
    pub data: PathBuf,
    /// Field delimiter of the CSV.
    #[arg(long, default_value = ",")]
    pub delimiter: char,
    /// Weight column (without it every row weighs 1).
    #[arg(long)]
    pub weight: Option<String>,
    /// Stratum column.
    #[arg(long)]
    pub strata: Option<String>,
    /// PSU (cluster) column; without it every row is its own PSU.
    #[arg(long)]
    pub psu: Option<String>,
    /// PSU ids are only unique within strata (R's nest = TRUE).
    #[arg(long)]
    pub nest: bool,
    /// Finite population correction column: stratum population size in PSUs (>= 1) or sampling fraction (<= 1).
    #[arg(long)]
    pub fpc: Option<String>,
    /// Lonely-PSU policy: fail, adjust, average, remove, certainty.
    #[arg(long, default_value = "fail")]
    pub lonely_psu: String,
    /// Derived variable, `name = expression` (repeatable; later ones may use earlier ones).
    #[arg(long = "define")]
    pub defines: Vec<String>,
    /// Estimate only for rows where this condition is true (domain estimation on the full design).
    #[arg(long = "where")]
    pub where_: Option<String>,
    /// Weighted mean of a numeric variable (repeatable, or comma separated).
    #[arg(long, value_delimiter = ',')]
    pub mean: Vec<String>,
    /// Weighted total (repeatable, or comma separated).
    #[arg(long, value_delimiter = ',')]
    pub total: Vec<String>,
    /// Ratio of totals, NUM/DEN (repeatable).
    #[arg(long)]
    pub ratio: Vec<String>,
    /// Proportion of each category of a variable (repeatable, or comma separated).
    #[arg(long, value_delimiter = ',')]
    pub proportion: Vec<String>,
    /// Quantiles, VAR@P1,P2 (repeatable).
    #[arg(long)]
    pub quantile: Vec<String>,
    /// Quantile rule: math (R survey default), school, laeken.
    #[arg(long, default_value = "math")]
    pub qrule: String,
    /// At-risk-of-poverty threshold (national): share x weighted median of VAR.
    #[arg(long)]
    pub arpt: Vec<String>,
    /// At-risk-of-poverty rate (%) with the national threshold.
    #[arg(long)]
    pub arpr: Vec<String>,
    /// Gini coefficient (%).
    #[arg(long)]
    pub gini: Vec<String>,
    /// Income quintile share ratio S80/S20.
    #[arg(long)]
    pub qsr: Vec<String>,
    /// Relative median at-risk-of-poverty gap (%).
    #[arg(long)]
    pub rmpg: Vec<String>,
    /// Shares of the median defining the poverty threshold (default 0.6; several give several rows).
    #[arg(long, value_delimiter = ',', default_value = "0.6")]
    pub poverty_share: Vec<f64>,
    /// Domain variables, comma separated.
    #[arg(long, value_delimiter = ',')]
    pub by: Vec<String>,
    /// Gap between two levels of a by-variable, VAR:A-B (repeatable).
    #[arg(long)]
    pub contrast: Vec<String>,
    /// linearised | jackknife | bootstrap:R:SEED | brr | fay:RHO | columns:PREFIX:METHOD
    #[arg(long, default_value = "linearised")]
    pub variance: String,
    /// Centre replicate variances on the full-sample estimate instead of the replicate mean.
    #[arg(long)]
    pub mse: bool,
    /// silc | cv:FLAG,SUPPRESS | lfs:LIMITS.csv | none
    #[arg(long, default_value = "none")]
    pub reliability: String,
    /// Country code of the data (for the LFS reliability limits).
    #[arg(long)]
    pub country: Option<String>,
    /// Reference year (selects the LFS reliability limits valid then).
    #[arg(long)]
    pub year: Option<i32>,
    /// Confidence level of the intervals.
    #[arg(long, default_value_t = 0.95)]
    pub level: f64,
    /// Output file (.csv, .json or .xlsx; `-` writes CSV to standard output); without it a table
    /// is printed.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// No progress display on the terminal.
    #[arg(long)]
    pub quiet: bool,
    /// Read the whole file into memory even when the statistics could be computed chunk by
    /// chunk from partial sums (totals, means and ratios stream by default).
    #[arg(long)]
    pub in_memory: bool,
    /// Known domain sizes: CSV with the --by columns and `N`; every --mean and --proportion
    /// becomes the Horvitz-Thompson mean (estimated total / N), as R sae's direct(..., N).
    #[arg(long)]
    pub domain_size: Option<PathBuf>,
    /// Country column of a file holding several countries: each country is estimated from its
    /// own rows (own design, poverty line and thresholds) and is the first domain column.
    #[arg(long)]
    pub country_var: Option<String>,
    #[command(flatten)]
    pub calibration: CalibrationArgs,
    #[command(flatten)]
    pub multistage: MultistageArgs,
    #[command(flatten)]
    pub partials: PartialsArgs,
}

/// Partial sums options of `civis estimate` (totals, means and ratios on a design with PSUs).
#[derive(Debug, Clone, Args, Default)]
pub struct PartialsArgs {
    /// Also write the partial sums (one row per stratum, PSU and domain; columns in the README,
    /// "Beyond one machine") to this CSV file.
    #[arg(long)]
    pub partials_out: Option<PathBuf>,
    /// Estimate from partial sums files instead of --data (their groups are added up); give the
    /// same statistics, design, --by, --define and --where options that made them.
    #[arg(long, num_args = 1.., conflicts_with = "emit_sql")]
    pub from_partials: Vec<PathBuf>,
    /// Print the SQL that computes the partial sums inside an engine instead of estimating:
    /// postgres, spark or duckdb.
    #[arg(long)]
    pub emit_sql: Option<String>,
    /// The microdata table the SQL of --emit-sql reads (written into the SQL as given).
    #[arg(long, default_value = "microdata")]
    pub table: String,
}

/// Two-stage design options of `civis estimate` (R's `svydesign(id = ~psu + ssu, fpc = ~fpc1 + fpc2)`).
#[derive(Debug, Clone, Args, Default)]
pub struct MultistageArgs {
    /// Second-stage unit column (unit within the PSU); needs --psu.
    #[arg(long)]
    pub ssu: Option<String>,
    /// Second-stage fpc column: the PSU's population of second-stage units (>= 1) or the
    /// sampling fraction within the PSU (<= 1).
    #[arg(long)]
    pub fpc_ssu: Option<String>,
    /// Ultimate-cluster variance (between PSUs only) even when --ssu is given.
    #[arg(long)]
    pub ultimate_cluster: bool,
}

/// Calibration options of `civis estimate` (R survey's `calibrate`, `postStratify`, `rake`).
#[derive(Debug, Clone, Args, Default)]
pub struct CalibrationArgs {
    /// Calibrate the weights to the population totals of these variables (comma separated).
    #[arg(long, value_delimiter = ',', conflicts_with_all = ["poststratify", "rake"])]
    pub calibrate: Vec<String>,
    /// Post-stratify the weights on this categorical variable.
    #[arg(long, conflicts_with = "rake")]
    pub poststratify: Option<String>,
    /// Rake the weights on these categorical margins (comma separated).
    #[arg(long, value_delimiter = ',')]
    pub rake: Vec<String>,
    /// Population totals: CSV with columns variable,category,total (category empty for a
    /// numeric variable).
    #[arg(long)]
    pub totals: Option<PathBuf>,
    /// Calibration distance: linear, raking or logit:L,U (bounds on the g-weights).
    #[arg(long, default_value = "linear")]
    pub calfun: String,
    /// Write the calibrated weights (one row per data row) to this CSV file.
    #[arg(long)]
    pub weights_out: Option<PathBuf>,
}

/// The estimation `args` describe.
pub fn builder(args: &EstimateArgs) -> Result<EstimateBuilder> {
    let mut b = EstimateBuilder::new(&args.data);
    b.delimiter(args.delimiter as u8);
    for d in &args.defines {
        b.define(d);
    }
    if let Some(w) = &args.where_ {
        b.filter(w);
    }
    for m in measures(args)? {
        b.measure(m);
    }
    b.variance(
        args.variance
            .parse()
            .map_err(|e: String| anyhow!("--variance {e}"))?,
    );
    b.reliability(reliability_rule(&args.reliability, args.year)?);
    b.design(design(args)?);
    for v in &args.by {
        b.by(v);
    }
    for c in &args.contrast {
        let (var, levels) = c.split_once(':').ok_or_else(|| {
            anyhow!("--contrast `{c}`: expected VAR:A-B (e.g. foreign:foreign-national)")
        })?;
        b.contrast(var, levels);
    }
    b.mse(args.mse).level(args.level).in_memory(args.in_memory);
    if let Some(c) = &args.country {
        b.country(c);
    }
    if let Some(p) = &args.domain_size {
        b.domain_size(p);
    }
    if let Some(c) = &args.country_var {
        b.country_var(c);
    }
    if let Some(p) = &args.partials.partials_out {
        b.partials_out(p);
    }
    for p in &args.partials.from_partials {
        b.from_partials(p);
    }
    Ok(b)
}

/// A path, empty allowed (clap's own parser refuses the empty default of `--data`).
fn any_path(s: &str) -> Result<PathBuf, std::convert::Infallible> {
    Ok(PathBuf::from(s))
}

/// The SQL `--emit-sql` asks for; `None` without it.
pub fn emit_sql(args: &EstimateArgs) -> Result<Option<String>> {
    let Some(dialect) = &args.partials.emit_sql else {
        return Ok(None);
    };
    let dialect: Dialect = dialect
        .parse()
        .map_err(|e: String| anyhow!("--emit-sql {e}"))?;
    let sql = builder(args)?
        .build()?
        .partials_sql(dialect, &args.partials.table)?;
    Ok(Some(sql))
}

/// Run the estimation described by `args` and return the rows (no output written).
pub fn run(args: &EstimateArgs) -> Result<EstimateOutput> {
    let from = &args.partials.from_partials;
    if args.data.as_os_str().is_empty() && from.is_empty() {
        bail!("--data FILE is required (or --from-partials FILE..., or --emit-sql)");
    }
    let mut inputs: Vec<(&str, &Path)> = vec![("--data", &args.data)];
    inputs.extend(from.iter().map(|p| ("--from-partials", p.as_path())));
    if let Some(out) = &args.out {
        crate::output::refuse_overwriting_inputs(("--out", out), &inputs)?;
    }
    if let Some(p) = &args.partials.partials_out {
        crate::output::refuse_overwriting_inputs(("--partials-out", p), &inputs)?;
    }
    let estimation = builder(args)?.build()?;
    let show_progress = std::io::IsTerminal::is_terminal(&std::io::stderr()) && !args.quiet;
    let progress = |done: usize, total: usize| {
        eprint!("\rcivis estimate: replicate {done}/{total}");
        if done == total {
            eprintln!();
        }
    };
    let out = estimation.run(show_progress.then_some(&progress as _))?;
    if !args.quiet {
        for n in &out.notes {
            eprintln!("civis estimate: {n}");
        }
    }
    Ok(out)
}

/// The design options of `args`.
fn design(args: &EstimateArgs) -> Result<civis_pipeline::FrameDesign> {
    let (m, c) = (&args.multistage, &args.calibration);
    Ok(DesignOptions {
        weight: args.weight.as_deref(),
        strata: args.strata.as_deref(),
        psu: args.psu.as_deref(),
        fpc: args.fpc.as_deref(),
        nest: args.nest,
        lonely_psu: &args.lonely_psu,
        ssu: m.ssu.as_deref(),
        fpc_ssu: m.fpc_ssu.as_deref(),
        ultimate_cluster: m.ultimate_cluster,
        calibration: CalibrationOptions {
            calibrate: &c.calibrate,
            poststratify: c.poststratify.as_deref(),
            rake: &c.rake,
            totals: c.totals.as_deref(),
            calfun: &c.calfun,
            weights_out: c.weights_out.as_deref(),
        },
    }
    .design()?)
}

/// The measures of the options, in the pipeline's order.
fn measures(a: &EstimateArgs) -> Result<Vec<Measure>> {
    Ok(MeasureOptions {
        total: &a.total,
        mean: &a.mean,
        proportion: &a.proportion,
        ratio: &a.ratio,
        quantile: &a.quantile,
        qrule: &a.qrule,
        arpt: &a.arpt,
        arpr: &a.arpr,
        gini: &a.gini,
        qsr: &a.qsr,
        rmpg: &a.rmpg,
        poverty_share: &a.poverty_share,
    }
    .measures()?)
}
