//! `civis estimate`: read microdata, build the design, derive variables, estimate, write.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use clap::Args;

use civis_frame::expr::{parse, parse_definition};
use civis_frame::factor::{factorize, Factor};
use civis_frame::{Column, Frame};
use civis_io::totals::{read_totals_file, TotalRow};
use civis_io::{read_csv, CsvOptions};
use civis_survey::{
    estimate, AuxValues, Auxiliary, CalFun, CalibrationMethod, CalibrationSpec, ColumnKind,
    Contrast, ContrastKind, Design, DesignSpec, Domains, EstimateRow, Grouping, LfsLimit,
    LfsLimits, LonelyPsu, QuantileRule, ReliabilityRule, ReplicateScheme, Replicates, Request,
    StatRequest, Statistic, SurveyError, VarianceMethod,
};

/// Arguments of `civis estimate`.
#[derive(Debug, Clone, Args, Default)]
pub struct EstimateArgs {
    /// Microdata CSV (header row, comma separated, empty cell = missing).
    #[arg(long)]
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

impl MultistageArgs {
    fn check(&self, psu: &Option<String>) -> Result<()> {
        if self.fpc_ssu.is_some() && self.ssu.is_none() {
            bail!("--fpc-ssu needs --ssu (the second-stage unit column)");
        }
        if self.ssu.is_some() && psu.is_none() {
            bail!("--ssu needs --psu (the first-stage unit column)");
        }
        Ok(())
    }

    /// Which variance approximation a design gets, when it is not the full one.
    pub(crate) fn notes(&self, fpc: &Option<String>) -> Vec<String> {
        let mut out = Vec::new();
        let second = self.ssu.is_some() && !self.ultimate_cluster;
        if fpc.is_some() && !second {
            out.push(
                "variance: ultimate-cluster approximation (a first-stage fpc but no second stage: the variance of sampling within PSUs is left out; give --ssu and --fpc-ssu for the two-stage variance)".to_string(),
            );
        } else if fpc.is_none() && second {
            out.push(
                "variance: no first-stage fpc, so PSUs are taken as drawn with replacement and the second stage adds nothing (as R survey)".to_string(),
            );
        }
        out
    }
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

/// The result of a run: output rows and the names of the by-variables.
pub struct EstimateOutput {
    pub by: Vec<String>,
    pub rows: Vec<EstimateRow>,
    /// Which variance approximation was used, when it is not the design's full variance.
    pub notes: Vec<String>,
}

/// Run the estimation described by `args` and return the rows (no output written).
pub fn run(args: &EstimateArgs) -> Result<EstimateOutput> {
    if let Some(out) = &args.out {
        crate::output::refuse_overwriting_inputs(("--out", out), &[("--data", &args.data)])?;
    }
    let source = args.data.display().to_string();
    // which columns to load
    let defs = args
        .defines
        .iter()
        .map(|d| parse_definition(d).map_err(|e| anyhow!("--define: {e}")))
        .collect::<Result<Vec<_>>>()?;
    let where_expr = match &args.where_ {
        Some(w) => Some(parse(w).map_err(|e| anyhow!("--where: {e}"))?),
        None => None,
    };
    let stats = parse_statistics(args)?;
    let variance_spec = VarianceSpec::parse(&args.variance)?;
    let reliability = parse_reliability(&args.reliability, args.year)?;

    let defined: Vec<&str> = defs.iter().map(|d| d.name.as_str()).collect();
    let mut wanted: Vec<String> = Vec::new();
    let mut want = |c: &str| {
        if !defined.contains(&c) && !wanted.iter().any(|w| w == c) {
            wanted.push(c.to_string());
        }
    };
    args.multistage.check(&args.psu)?;
    for c in [
        &args.weight,
        &args.strata,
        &args.psu,
        &args.fpc,
        &args.multistage.ssu,
        &args.multistage.fpc_ssu,
    ]
    .into_iter()
    .flatten()
    {
        want(c);
    }
    let calibration = CalibrationRequest::parse(&args.calibration)?;
    if calibration.is_some() && args.country_var.is_some() {
        bail!("--country-var cannot be combined with --calibrate, --poststratify or --rake (the totals would have to be given per country): calibrate each country's file on its own");
    }
    for c in calibration.iter().flat_map(|c| &c.variables) {
        want(c);
    }
    for d in &defs {
        for c in d.expr.columns() {
            want(&c);
        }
    }
    if let Some(w) = &where_expr {
        for c in w.columns() {
            want(&c);
        }
    }
    for s in &stats {
        want(&s.y);
        if let Some(x) = &s.x {
            want(x);
        }
    }
    for b in args.by.iter().chain(&args.country_var) {
        want(b);
    }
    let header = read_header(&args.data, args.delimiter as u8)?;
    check_expression_columns(&header, &defs, where_expr.as_ref())?;
    if let VarianceSpec::Columns { prefix, .. } = &variance_spec {
        let cols: Vec<&String> = header
            .iter()
            .filter(|h| h.starts_with(prefix.as_str()))
            .collect();
        if cols.is_empty() {
            bail!("--variance columns:{prefix}: no column of {source} starts with `{prefix}`");
        }
        for c in cols {
            want(c);
        }
    }
    let stream = crate::estimate_stream::StreamPlan {
        args,
        defs: &defs,
        where_expr: where_expr.as_ref(),
        stats: &stats,
        variance: &variance_spec,
        reliability: &reliability,
        columns: wanted.clone(),
    };
    if !args.in_memory && crate::estimate_stream::streamable(&stream) {
        if let Some(out) = crate::estimate_stream::run(&stream)? {
            print_notes(args, &out);
            return Ok(out);
        }
    }
    let mut frame = read_csv(
        &args.data,
        &CsvOptions {
            delimiter: args.delimiter as u8,
            columns: Some(wanted),
        },
    )?;
    let n = frame.nrows();
    if n == 0 {
        bail!("{source} has no data rows");
    }
    for d in &defs {
        let col = d
            .expr
            .eval(&frame)
            .map_err(|e| anyhow!("--define {}: {e}", d.name))?;
        frame.set(d.name.clone(), col)?;
    }
    let keep = match &where_expr {
        Some(w) => Some(w.eval_filter(&frame).map_err(|e| anyhow!("--where: {e}"))?),
        None => None,
    };
    if let Some(k) = &keep {
        if !k.iter().any(|&b| b) {
            bail!(
                "--where `{}` keeps no row of {source}",
                args.where_.as_deref().unwrap_or("")
            );
        }
    }

    let plan = Plan {
        args,
        stats: &stats,
        variance_spec: &variance_spec,
        reliability: &reliability,
        calibration: calibration.as_ref(),
        source: &source,
    };
    let out = match &args.country_var {
        None => {
            let (rows, notes) = plan.estimate_frame(&frame, keep.as_deref(), None)?;
            EstimateOutput {
                by: args.by.clone(),
                rows,
                notes,
            }
        }
        Some(col) => plan.estimate_by_country(&frame, keep.as_deref(), col)?,
    };
    print_notes(args, &out);
    Ok(out)
}

fn print_notes(args: &EstimateArgs, out: &EstimateOutput) {
    if !args.quiet {
        for n in &out.notes {
            eprintln!("civis estimate: {n}");
        }
    }
}

/// Everything parsed from the arguments that one estimation on a frame needs.
struct Plan<'a> {
    args: &'a EstimateArgs,
    stats: &'a [StatSpec],
    variance_spec: &'a VarianceSpec,
    reliability: &'a ReliabilityRule,
    calibration: Option<&'a CalibrationRequest>,
    source: &'a str,
}

impl Plan<'_> {
    /// `--country-var`: each country estimated from its own rows (its own design, poverty
    /// line and thresholds), the country as the first domain column of every row.
    fn estimate_by_country(
        &self,
        frame: &Frame,
        keep: Option<&[bool]>,
        col: &str,
    ) -> Result<EstimateOutput> {
        let f = factorize(
            frame
                .column(col)
                .with_context(|| format!("--country-var {col}"))?,
            true,
        );
        if let Some(row) = f.codes.iter().position(|&c| c == u32::MAX) {
            bail!(
                "{}: line {}: country `{col}` is missing",
                self.source,
                row + 2
            );
        }
        let mut rows = Vec::new();
        let mut notes = Vec::new();
        for (code, country) in f.labels.iter().enumerate() {
            let mask: Vec<bool> = f.codes.iter().map(|&c| c == code as u32).collect();
            let sub = frame.filter(&mask);
            let sub_keep: Option<Vec<bool>> = keep.map(|k| {
                k.iter()
                    .zip(&mask)
                    .filter(|(_, &m)| m)
                    .map(|(&k, _)| k)
                    .collect()
            });
            if sub_keep.as_ref().is_some_and(|k| !k.iter().any(|&b| b)) {
                continue;
            }
            let (mut r, n) = self
                .estimate_frame(&sub, sub_keep.as_deref(), Some(country))
                .with_context(|| format!("{col} = {country}"))?;
            for row in &mut r {
                row.domain.insert(0, country.clone());
            }
            rows.append(&mut r);
            for note in n {
                if !notes.contains(&note) {
                    notes.push(note);
                }
            }
        }
        let mut by = vec![col.to_string()];
        by.extend(self.args.by.iter().cloned());
        Ok(EstimateOutput { by, rows, notes })
    }

    /// Build the design (calibrated, two-stage) on `frame` and estimate; returns the rows and
    /// the notes on the variance approximation.
    fn estimate_frame(
        &self,
        frame: &Frame,
        keep: Option<&[bool]>,
        country: Option<&str>,
    ) -> Result<(Vec<EstimateRow>, Vec<String>)> {
        let (args, source) = (self.args, self.source);
        let n = frame.nrows();
        // design
        let weights: Vec<f64> = match &args.weight {
            Some(c) => frame
                .numeric(c)
                .map_err(|e| anyhow!("--weight: {e}"))?
                .to_vec(),
            None => vec![1.0; n],
        };
        let strata = match &args.strata {
            Some(c) => Some(factorize(frame.column(c)?, false)),
            None => None,
        };
        let psu = match &args.psu {
            Some(c) => Some(factorize(frame.column(c)?, false)),
            None => None,
        };
        let fpc = match &args.fpc {
            Some(c) => Some(
                frame
                    .numeric(c)
                    .map_err(|e| anyhow!("--fpc: {e}"))?
                    .to_vec(),
            ),
            None => None,
        };
        let lonely: LonelyPsu = args.lonely_psu.parse().map_err(|e: String| anyhow!(e))?;
        let design = Design::new(DesignSpec {
            weights: &weights,
            strata: strata.as_ref().map(grouping),
            psu: psu.as_ref().map(grouping),
            nest: args.nest,
            fpc: fpc.as_deref(),
            lonely,
        })
        .map_err(|e| locate(e, source, &args.weight))?;
        let design = second_stage(design, frame, &args.multistage)
            .map_err(|e| locate(e, source, &args.weight))?;
        let notes = args.multistage.notes(&args.fpc);
        let design = match self.calibration {
            Some(c) => {
                let d = calibrate_design(&design, frame, c, source)?;
                if let Some(path) = &args.calibration.weights_out {
                    write_weights(path, &d)?;
                }
                d
            }
            None => design,
        };

        // domains
        let by_factors: Vec<(String, Factor)> = args
            .by
            .iter()
            .map(|b| Ok((b.clone(), factorize(frame.column(b)?, true))))
            .collect::<Result<_>>()?;
        let by: Vec<(String, Grouping<'_>)> = by_factors
            .iter()
            .map(|(name, f)| (name.clone(), grouping(f)))
            .collect();
        let domains = Domains::new(n, &by, keep).map_err(|e| anyhow!(e))?;
        if domains.is_empty() {
            bail!("no row falls in any domain (all by-variables missing?)");
        }
        let contrasts = args
            .contrast
            .iter()
            .map(|c| parse_contrast(c, &by_factors))
            .collect::<Result<Vec<_>>>()?;

        // statistics: columns must be numeric (proportions expand into indicators)
        let mut owned = materialise_statistics(self.stats, frame)?;
        if let Some(path) = &args.domain_size {
            let size_of_row = domain_size_of_row(path, &args.by, &domains, n)?;
            horvitz_thompson(&mut owned, &size_of_row);
        }
        let statistics: Vec<StatRequest<'_>> = owned
            .iter()
            .map(|(st, label, y, x)| StatRequest {
                statistic: *st,
                variable: label.clone(),
                y,
                x: x.as_deref(),
            })
            .collect();

        let rep_columns = replicate_columns(frame, self.variance_spec)?;
        let variance = variance_method(self.variance_spec, &design, &rep_columns, args.mse)?;
        let country_of_domain =
            if let Some(c) = country.map(str::to_string).or_else(|| args.country.clone()) {
                Some(vec![Some(c); domains.len()])
            } else {
                domains
                    .variables
                    .iter()
                    .position(|v| v.eq_ignore_ascii_case("country"))
                    .map(|j| domains.labels.iter().map(|l| Some(l[j].clone())).collect())
            };
        let show_progress = std::io::stderr().is_terminal() && !args.quiet;
        let progress = |done: usize, total: usize| {
            eprint!("\rcivis estimate: replicate {done}/{total}");
            if done == total {
                eprintln!();
            }
        };
        let rows = estimate(&Request {
            design: &design,
            domains: &domains,
            statistics,
            contrasts,
            variance,
            reliability: self.reliability.clone(),
            country_of_domain,
            level: args.level,
            progress: if show_progress { Some(&progress) } else { None },
        })?;
        Ok((rows, notes))
    }
}

/// Unknown column names in `--define`/`--where` are reported before the data are read, pointing
/// at their place in the expression (a definition may use the ones before it).
fn check_expression_columns(
    header: &[String],
    defs: &[civis_frame::expr::Definition],
    where_expr: Option<&civis_frame::expr::Expr>,
) -> Result<()> {
    use civis_frame::expr::ExprErrorKind;
    use civis_frame::NumColumn;
    let mut names = Frame::new(0);
    for h in header {
        // duplicate names are reported by the reader
        let _ = names.push(h.clone(), Column::Num(NumColumn::new(Vec::new())));
    }
    let unknown = |e: civis_frame::expr::ExprError| {
        matches!(e.kind, ExprErrorKind::UnknownColumn(_)).then_some(e)
    };
    for d in defs {
        if let Err(e) = d.expr.eval(&names) {
            if let Some(e) = unknown(e) {
                bail!("--define {}: {e}", d.name);
            }
        }
        let _ = names.push(d.name.clone(), Column::Num(NumColumn::new(Vec::new())));
    }
    if let Some(w) = where_expr {
        if let Err(e) = w.eval(&names) {
            if let Some(e) = unknown(e) {
                bail!("--where: {e}");
            }
        }
    }
    Ok(())
}

/// The replicate-weight columns a `columns:PREFIX:METHOD` variance names (in file order).
pub fn replicate_columns(frame: &Frame, spec: &VarianceSpec) -> Result<Vec<Vec<f64>>> {
    let VarianceSpec::Columns { prefix, .. } = spec else {
        return Ok(Vec::new());
    };
    frame
        .names()
        .iter()
        .filter(|h| h.starts_with(prefix.as_str()))
        .map(|h| {
            frame
                .numeric(h)
                .map(<[f64]>::to_vec)
                .map_err(|e| anyhow!("replicate weights: {e}"))
        })
        .collect()
}

/// The variance method for a parsed `--variance`.
pub fn variance_method<'a>(
    spec: &VarianceSpec,
    design: &Design,
    rep_columns: &'a [Vec<f64>],
    mse: bool,
) -> Result<VarianceMethod<'a>> {
    let scheme = match spec {
        VarianceSpec::Linearised => return Ok(VarianceMethod::Linearised),
        VarianceSpec::Jackknife => ReplicateScheme::JackknifeN,
        VarianceSpec::Bootstrap { replicates, seed } => ReplicateScheme::Bootstrap {
            replicates: *replicates,
            seed: *seed,
        },
        VarianceSpec::Brr { rho } => ReplicateScheme::Brr { rho: *rho },
        VarianceSpec::Columns { kind, .. } => ReplicateScheme::Columns {
            weights: rep_columns.iter().map(Vec::as_slice).collect(),
            kind: *kind,
        },
    };
    Ok(VarianceMethod::Replicate {
        replicates: Replicates::new(design, scheme)?,
        mse,
    })
}

/// The column names of a CSV file (its first record).
pub fn read_header(path: &Path, delimiter: u8) -> Result<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_path(path)
        .with_context(|| format!("opening {}", path.display()))?;
    let mut rec = csv::StringRecord::new();
    if !r
        .read_record(&mut rec)
        .with_context(|| format!("reading the header of {}", path.display()))?
    {
        bail!("{} is empty", path.display());
    }
    Ok(rec
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
        .collect())
}

pub fn grouping(f: &Factor) -> Grouping<'_> {
    Grouping {
        codes: &f.codes,
        labels: &f.labels,
    }
}

/// Point a design error at the file line (data row r is line r + 2 when no field spans lines).
pub fn locate(e: SurveyError, source: &str, weight: &Option<String>) -> anyhow::Error {
    let w = weight.as_deref().unwrap_or("weight");
    match e {
        SurveyError::MissingWeight { row } => {
            anyhow!("{source}: line {}: weight `{w}` is missing", row + 2)
        }
        SurveyError::NegativeWeight { row, value } => {
            anyhow!(
                "{source}: line {}: weight `{w}` is negative ({value})",
                row + 2
            )
        }
        SurveyError::InfiniteWeight { row } => {
            anyhow!("{source}: line {}: weight `{w}` is infinite", row + 2)
        }
        SurveyError::WeightsTooLarge { row, value } => anyhow!(
            "{source}: line {}: weight `{w}` = {value:e} makes the weights add up to more than 1e100 (the sums would overflow); weights count population units: rescale them",
            row + 2
        ),
        SurveyError::MissingDesignValue { what, row } => {
            anyhow!("{source}: line {}: {what} is missing", row + 2)
        }
        SurveyError::FpcInvalid { row, value, why } => {
            anyhow!("{source}: line {}: fpc {value} is invalid: {why}", row + 2)
        }
        SurveyError::LonelySsu { row } => anyhow!(
            "{source}: line {}: the PSU of this row has only one second-stage unit (--ssu); choose --lonely-psu adjust, remove or certainty, or give --fpc-ssu if it is the whole PSU",
            row + 2
        ),
        other => anyhow!("{source}: {other}"),
    }
}

/// A statistic with its variable(s) materialised: (statistic, label, y, denominator).
type OwnedStat = (Statistic, String, Vec<f64>, Option<Vec<f64>>);

pub(crate) struct StatSpec {
    pub(crate) statistic: Statistic,
    pub(crate) proportion: bool,
    pub(crate) y: String,
    pub(crate) x: Option<String>,
    pub(crate) flag: String,
}

impl StatSpec {
    /// The variable's label in the output (`num/den` for a ratio).
    pub(crate) fn label(&self) -> String {
        match &self.x {
            Some(x) => format!("{}/{x}", self.y),
            None => self.y.clone(),
        }
    }
}

fn parse_statistics(a: &EstimateArgs) -> Result<Vec<StatSpec>> {
    let mut out = Vec::new();
    let simple = |flag: &str, v: &String, statistic| StatSpec {
        statistic,
        proportion: false,
        y: v.trim().to_string(),
        x: None,
        flag: flag.to_string(),
    };
    for v in &a.total {
        out.push(simple("--total", v, Statistic::Total));
    }
    for v in &a.mean {
        out.push(simple("--mean", v, Statistic::Mean));
    }
    for v in &a.proportion {
        let mut s = simple("--proportion", v, Statistic::Mean);
        s.proportion = true;
        out.push(s);
    }
    for r in &a.ratio {
        let (num, den) = r
            .split_once('/')
            .ok_or_else(|| anyhow!("--ratio `{r}`: expected NUMERATOR/DENOMINATOR"))?;
        out.push(StatSpec {
            statistic: Statistic::Ratio,
            proportion: false,
            y: num.trim().to_string(),
            x: Some(den.trim().to_string()),
            flag: "--ratio".into(),
        });
    }
    let rule: QuantileRule = a
        .qrule
        .parse()
        .map_err(|e: String| anyhow!("--qrule: {e}"))?;
    for q in &a.quantile {
        let (v, ps) = q.split_once('@').ok_or_else(|| {
            anyhow!("--quantile `{q}`: expected VAR@P1,P2,... (e.g. eqIncome@0.25,0.5)")
        })?;
        for p in ps.split(',') {
            let p: f64 = p
                .trim()
                .parse()
                .map_err(|_| anyhow!("--quantile `{q}`: `{p}` is not a number"))?;
            if !(0.0..=1.0).contains(&p) {
                bail!("--quantile `{q}`: probabilities must be between 0 and 1");
            }
            out.push(simple(
                "--quantile",
                &v.to_string(),
                Statistic::Quantile { p, rule },
            ));
        }
    }
    for &share in &a.poverty_share {
        if !(share > 0.0 && share < 10.0) {
            bail!("--poverty-share {share}: must be a positive share of the median, e.g. 0.6");
        }
    }
    for v in &a.arpt {
        for &share in &a.poverty_share {
            out.push(simple("--arpt", v, Statistic::PovertyThreshold { share }));
        }
    }
    for v in &a.arpr {
        for &share in &a.poverty_share {
            out.push(simple("--arpr", v, Statistic::PovertyRate { share }));
        }
    }
    for v in &a.gini {
        out.push(simple("--gini", v, Statistic::Gini));
    }
    for v in &a.qsr {
        out.push(simple("--qsr", v, Statistic::QuintileShareRatio));
    }
    for v in &a.rmpg {
        for &share in &a.poverty_share {
            out.push(simple("--rmpg", v, Statistic::RelativeMedianGap { share }));
        }
    }
    if out.is_empty() {
        bail!("nothing to estimate: give at least one of --mean, --total, --ratio, --proportion, --quantile, --arpt, --arpr, --gini, --qsr, --rmpg");
    }
    Ok(out)
}

pub(crate) fn parse_contrast(c: &str, by: &[(String, Factor)]) -> Result<Contrast> {
    let (var, levels) = c.split_once(':').ok_or_else(|| {
        anyhow!("--contrast `{c}`: expected VAR:A-B (e.g. foreign:foreign-national)")
    })?;
    let j = by
        .iter()
        .position(|(n, _)| n == var)
        .ok_or_else(|| anyhow!("--contrast `{c}`: `{var}` is not one of the --by variables"))?;
    let labels = &by[j].1.labels;
    // split at a '-' such that both sides are levels (levels may contain '-')
    for (i, _) in levels.match_indices('-') {
        let (a, b) = (&levels[..i], &levels[i + 1..]);
        if let (Some(ia), Some(ib)) = (
            labels.iter().position(|l| l == a),
            labels.iter().position(|l| l == b),
        ) {
            return Ok(Contrast {
                variable: j,
                a: ia as u32,
                b: ib as u32,
                label: format!("{a}-{b}"),
                kind: ContrastKind::Difference,
            });
        }
    }
    bail!(
        "--contrast `{c}`: expected two levels of `{var}` separated by '-'; its levels are: {}",
        labels.join(", ")
    )
}

pub enum VarianceSpec {
    Linearised,
    Jackknife,
    Bootstrap { replicates: usize, seed: u64 },
    Brr { rho: f64 },
    Columns { prefix: String, kind: ColumnKind },
}

impl VarianceSpec {
    pub fn parse(s: &str) -> Result<Self> {
        let parts: Vec<&str> = s.split(':').collect();
        Ok(match parts.as_slice() {
            ["linearised" | "linearized" | "taylor"] => VarianceSpec::Linearised,
            ["jackknife" | "jkn"] => VarianceSpec::Jackknife,
            ["brr"] => VarianceSpec::Brr { rho: 0.0 },
            ["fay", rho] => {
                let rho: f64 = rho
                    .parse()
                    .map_err(|_| anyhow!("--variance {s}: Fay's rho must be a number"))?;
                if !(0.0..1.0).contains(&rho) {
                    bail!("--variance {s}: Fay's rho must be in [0, 1)");
                }
                VarianceSpec::Brr { rho }
            }
            ["bootstrap", rest @ ..] => {
                let replicates = match rest.first() {
                    Some(r) => replicate_count(r)
                        .map_err(|e| anyhow!("--variance {s}: {e}"))?,
                    None => 500,
                };
                let seed = match rest.get(1) {
                    Some(r) => r
                        .parse()
                        .map_err(|_| anyhow!("--variance {s}: seed must be a whole number"))?,
                    None => 1,
                };
                VarianceSpec::Bootstrap { replicates, seed }
            }
            ["columns", prefix, method @ ..] if !prefix.is_empty() && !method.is_empty() => {
                VarianceSpec::Columns {
                    prefix: prefix.to_string(),
                    kind: method.join(":").parse().map_err(|e: String| anyhow!("--variance {s}: {e}"))?,
                }
            }
            _ => bail!(
                "--variance `{s}`: expected linearised, jackknife, bootstrap:R:SEED, brr, fay:RHO or columns:PREFIX:METHOD"
            ),
        })
    }
}

/// The most bootstrap replicates `--variance bootstrap:R` and `--mse bootstrap:B` accept: far
/// beyond what any standard error needs (500-2,000 are usual), small enough that the
/// replicate estimates fit in memory.
pub const MAX_REPLICATES: usize = 100_000;

/// A number of bootstrap replicates, from 2 to [`MAX_REPLICATES`].
pub fn replicate_count(text: &str) -> Result<usize, String> {
    match text.parse::<u64>() {
        Ok(r) if (2..=MAX_REPLICATES as u64).contains(&r) => Ok(r as usize),
        Ok(r) => Err(format!(
            "the number of replicates must be between 2 and {MAX_REPLICATES}, not {r}"
        )),
        Err(_) => Err(format!(
            "the number of replicates must be a whole number, not `{text}`"
        )),
    }
}

pub fn parse_reliability(s: &str, year: Option<i32>) -> Result<ReliabilityRule> {
    if s == "none" {
        return Ok(ReliabilityRule::None);
    }
    if s == "silc" {
        return Ok(ReliabilityRule::Silc);
    }
    if let Some(rest) = s.strip_prefix("cv:") {
        let v: Vec<f64> = rest
            .split(',')
            .map(|x| x.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| {
                anyhow!("--reliability {s}: expected cv:FLAG,SUPPRESS, e.g. cv:0.2,0.35")
            })?;
        let [flag, suppress] = v[..] else {
            bail!("--reliability {s}: expected cv:FLAG,SUPPRESS, e.g. cv:0.2,0.35");
        };
        if !(flag > 0.0 && suppress >= flag) {
            bail!("--reliability {s}: need 0 < FLAG <= SUPPRESS");
        }
        return Ok(ReliabilityRule::Cv { flag, suppress });
    }
    if let Some(path) = s.strip_prefix("lfs:") {
        return Ok(ReliabilityRule::Lfs(read_lfs_limits(
            Path::new(path),
            year,
        )?));
    }
    bail!("--reliability `{s}`: expected silc, cv:FLAG,SUPPRESS, lfs:LIMITS.csv or none")
}

/// Limits file: columns `country`, `limit_a`, `limit_b` (thousands of persons), optional
/// `period` (`A` annual, the default, or `Q` quarterly) and `valid_from` (first year the limits
/// apply). Civis ships no official limits: each country supplies them to Eurostat.
pub fn read_lfs_limits(path: &Path, year: Option<i32>) -> Result<LfsLimits> {
    let f: Frame = read_csv(path, &CsvOptions::default())?;
    let src = path.display();
    let country = match f.column("country")? {
        Column::Str(s) => s.clone(),
        _ => bail!("{src}: column `country` must hold country codes"),
    };
    let a = f.numeric("limit_a").with_context(|| format!("{src}"))?;
    let b = f.numeric("limit_b").with_context(|| format!("{src}"))?;
    let period = f.column("period").ok();
    let valid_from = match f.column("valid_from") {
        Ok(_) => Some(f.numeric("valid_from").with_context(|| format!("{src}"))?),
        Err(_) => None,
    };
    let mut out = LfsLimits {
        year,
        ..Default::default()
    };
    for i in 0..f.nrows() {
        let line = i + 2;
        let c = country
            .get(i)
            .ok_or_else(|| anyhow!("{src}: line {line}: country is missing"))?;
        if a[i].is_nan() || b[i].is_nan() || a[i] > b[i] {
            bail!("{src}: line {line}: need numbers with limit_a <= limit_b");
        }
        let p = match period.and_then(|p| p.label(i)) {
            None => 'A',
            Some(p) if p == "A" || p == "Q" => p.chars().next().unwrap_or('A'),
            Some(p) => {
                bail!("{src}: line {line}: period `{p}` must be A (annual) or Q (quarterly)")
            }
        };
        let v = match valid_from {
            Some(v) if !v[i].is_nan() => Some(v[i] as i32),
            _ => None,
        };
        out.rows.push(LfsLimit {
            country: c.to_string(),
            period: p,
            valid_from: v,
            limit_a: a[i],
            limit_b: b[i],
        });
    }
    Ok(out)
}

/// A parsed calibration request: the method, its variables and the totals file.
pub struct CalibrationRequest {
    pub method: CalibrationMethod,
    pub variables: Vec<String>,
    pub totals: PathBuf,
    /// The option that named the variables (for messages).
    pub flag: &'static str,
}

impl CalibrationRequest {
    /// `None` when no calibration option is given.
    pub fn parse(a: &CalibrationArgs) -> Result<Option<CalibrationRequest>> {
        let (method, variables, flag) = if !a.calibrate.is_empty() {
            let calfun: CalFun = a
                .calfun
                .parse()
                .map_err(|e: String| anyhow!("--calfun {e}"))?;
            (
                CalibrationMethod::Calibrate(calfun),
                a.calibrate.clone(),
                "--calibrate",
            )
        } else if let Some(v) = &a.poststratify {
            (
                CalibrationMethod::PostStratify,
                vec![v.clone()],
                "--poststratify",
            )
        } else if !a.rake.is_empty() {
            (CalibrationMethod::Rake, a.rake.clone(), "--rake")
        } else {
            if a.totals.is_some() || a.weights_out.is_some() {
                bail!("--totals and --weights-out need --calibrate, --poststratify or --rake");
            }
            return Ok(None);
        };
        if a.calfun != "linear" && !matches!(method, CalibrationMethod::Calibrate(_)) {
            bail!("--calfun applies to --calibrate only");
        }
        let totals = a.totals.clone().ok_or_else(|| {
            anyhow!("{flag} needs --totals FILE (columns variable,category,total)")
        })?;
        let variables: Vec<String> = variables.iter().map(|v| v.trim().to_string()).collect();
        for (i, v) in variables.iter().enumerate() {
            if v.is_empty() || variables[..i].contains(v) {
                bail!("{flag}: `{v}` is empty or given twice");
            }
        }
        Ok(Some(CalibrationRequest {
            method,
            variables,
            totals,
            flag,
        }))
    }
}

/// Calibrate `design` as `req` asks, with the auxiliary variables taken from `frame`.
pub fn calibrate_design(
    design: &Design,
    frame: &Frame,
    req: &CalibrationRequest,
    source: &str,
) -> Result<Design> {
    let tsrc = req.totals.display();
    let rows = read_totals_file(&req.totals)?;
    if let Some(t) = rows.iter().find(|t| !req.variables.contains(&t.variable)) {
        bail!(
            "{tsrc}: variable `{}` has totals but is not among the {} variables ({})",
            t.variable,
            req.flag,
            req.variables.join(",")
        );
    }
    let factors: Vec<Option<Factor>> = req
        .variables
        .iter()
        .map(|v| -> Result<Option<Factor>> {
            let mine: Vec<&TotalRow> = rows.iter().filter(|t| &t.variable == v).collect();
            if mine.is_empty() {
                bail!("{tsrc}: no totals for {} variable `{v}`", req.flag);
            }
            let numeric = mine.iter().all(|t| t.category.is_none());
            if !numeric && mine.iter().any(|t| t.category.is_none()) {
                bail!("{tsrc}: `{v}` has rows with and without a category: give a category on every row of a categorical variable, none for a numeric one");
            }
            let col = frame
                .column(v)
                .with_context(|| format!("{} `{v}`", req.flag))?;
            Ok((!numeric).then(|| factorize(col, false)))
        })
        .collect::<Result<_>>()?;
    let mut auxiliaries = Vec::new();
    for (v, f) in req.variables.iter().zip(&factors) {
        let mine = rows.iter().filter(|t| &t.variable == v);
        let values = match f {
            Some(f) => AuxValues::Categorical {
                grouping: grouping(f),
                totals: mine
                    .map(|t| (t.category.clone().unwrap_or_default(), t.total))
                    .collect(),
            },
            None => {
                let mine: Vec<&TotalRow> = mine.collect();
                if mine.len() != 1 {
                    bail!("{tsrc}: numeric variable `{v}` needs exactly one total");
                }
                AuxValues::Numeric {
                    values: frame
                        .numeric(v)
                        .map_err(|e| anyhow!("{} `{v}`: {e}", req.flag))?,
                    total: mine[0].total,
                }
            }
        };
        auxiliaries.push(Auxiliary {
            name: v.clone(),
            values,
        });
    }
    design
        .calibrate(&CalibrationSpec {
            auxiliaries,
            method: req.method,
        })
        .map_err(|e| match e {
            SurveyError::CalibrationMissing { variable, row } => anyhow!(
                "{source}: line {}: calibration variable `{variable}` is missing",
                row + 2
            ),
            other => anyhow!("{}: {other}", req.flag),
        })
}

/// Write `row,design_weight,g,weight` for every data row (row 1 = the first data line), through
/// a temporary file renamed into place.
fn write_weights(path: &Path, design: &Design) -> Result<()> {
    let Some(cal) = design.calibration() else {
        return Ok(());
    };
    let tmp = path.with_extension("tmp-weights");
    let write = || -> Result<()> {
        let mut w = csv::Writer::from_path(&tmp)?;
        w.write_record(["row", "design_weight", "g", "weight"])?;
        for (i, ((d, g), wk)) in cal
            .design_weights()
            .iter()
            .zip(cal.g())
            .zip(design.weights())
            .enumerate()
        {
            w.write_record([
                (i + 1).to_string(),
                format!("{d}"),
                format!("{g}"),
                format!("{wk}"),
            ])?;
        }
        w.flush()?;
        Ok(())
    };
    if let Err(e) = write() {
        let _ = std::fs::remove_file(&tmp);
        return Err(e.context(format!("writing {}", path.display())));
    }
    std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))
}

/// Add the second stage of a two-stage design (unless `--ultimate-cluster`).
fn second_stage(
    design: Design,
    frame: &Frame,
    m: &MultistageArgs,
) -> std::result::Result<Design, SurveyError> {
    let Some(ssu) = m.ssu.as_ref().filter(|_| !m.ultimate_cluster) else {
        return Ok(design);
    };
    let invalid = |e: civis_frame::FrameError| SurveyError::Invalid(e.to_string());
    let f = factorize(frame.column(ssu).map_err(invalid)?, false);
    let fpc = match &m.fpc_ssu {
        Some(c) => Some(
            frame
                .numeric(c)
                .map_err(|e| SurveyError::Invalid(format!("--fpc-ssu: {e}")))?
                .to_vec(),
        ),
        None => None,
    };
    design.with_second_stage(grouping(&f), fpc.as_deref())
}

/// The known size `N` of each row's domain from a `--domain-size` file (columns: the `--by`
/// variables and `N`); NaN for rows outside every domain. Labels match as text, or as numbers
/// when both parse as numbers (`1` = `1.0`).
fn domain_size_of_row(path: &Path, by: &[String], domains: &Domains, n: usize) -> Result<Vec<f64>> {
    let src = path.display();
    let mut r = csv::Reader::from_path(path).with_context(|| format!("opening {src}"))?;
    let header = r
        .headers()
        .with_context(|| format!("reading {src}"))?
        .clone();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().trim_start_matches('\u{feff}') == name)
            .ok_or_else(|| {
                anyhow!(
                    "--domain-size {src}: no column `{name}` (expected the --by variables and N)"
                )
            })
    };
    let by_cols: Vec<usize> = by.iter().map(|b| col(b)).collect::<Result<_>>()?;
    let n_col = col("N")?;
    let mut sizes: Vec<(Vec<String>, f64)> = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let rec = rec.with_context(|| format!("reading {src}"))?;
        let line = rec.position().map_or(i as u64 + 2, |p| p.line());
        let raw = rec.get(n_col).unwrap_or("").trim();
        let size: f64 = raw
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite() && *v > 0.0)
            .ok_or_else(|| {
                anyhow!("--domain-size {src}: line {line}: N `{raw}` is not a positive number")
            })?;
        let key: Vec<String> = by_cols
            .iter()
            .map(|&c| rec.get(c).unwrap_or("").trim().to_string())
            .collect();
        sizes.push((key, size));
    }
    let same = |a: &str, b: &str| {
        a == b || matches!((a.parse::<f64>(), b.parse::<f64>()), (Ok(x), Ok(y)) if x == y)
    };
    let mut out = vec![f64::NAN; n];
    for d in 0..domains.len() {
        let labels = &domains.labels[d];
        let size = sizes
            .iter()
            .find(|(k, _)| k.iter().zip(labels).all(|(a, b)| same(a, b)))
            .map(|s| s.1)
            .ok_or_else(|| {
                let what: Vec<String> = by
                    .iter()
                    .zip(labels)
                    .map(|(b, l)| format!("{b} = `{l}`"))
                    .collect();
                anyhow!(
                    "--domain-size {src}: no N for the domain {}",
                    if what.is_empty() {
                        "of the whole sample".to_string()
                    } else {
                        what.join(", ")
                    }
                )
            })?;
        for &r in domains.rows(d) {
            out[r as usize] = size;
        }
    }
    Ok(out)
}

/// Turn every mean into the Horvitz-Thompson mean: the total of `y / N_d`.
fn horvitz_thompson(owned: &mut [OwnedStat], size_of_row: &[f64]) {
    for (stat, _, y, _) in owned.iter_mut() {
        if *stat == Statistic::Mean {
            *stat = Statistic::HorvitzThompsonMean;
            for (v, n) in y.iter_mut().zip(size_of_row) {
                *v /= n;
            }
        }
    }
}

/// The statistics' variables as numeric columns (a proportion becomes one 0/1 indicator per
/// category).
fn materialise_statistics(stats: &[StatSpec], frame: &Frame) -> Result<Vec<OwnedStat>> {
    let mut owned: Vec<OwnedStat> = Vec::new();
    for s in stats {
        if let Statistic::Mean = s.statistic {
            if s.proportion {
                let col = frame.column(&s.y)?;
                let f = factorize(col, true);
                for (level, label) in f.labels.iter().enumerate() {
                    let ind: Vec<f64> = f
                        .codes
                        .iter()
                        .map(|&c| {
                            if c == u32::MAX {
                                f64::NAN
                            } else if c == level as u32 {
                                1.0
                            } else {
                                0.0
                            }
                        })
                        .collect();
                    owned.push((Statistic::Mean, format!("{}={label}", s.y), ind, None));
                }
                continue;
            }
        }
        let y = frame
            .numeric(&s.y)
            .map_err(|e| anyhow!("{}: {e}", s.flag))?
            .to_vec();
        let x = match &s.x {
            Some(x) => Some(
                frame
                    .numeric(x)
                    .map_err(|e| anyhow!("{}: {e}", s.flag))?
                    .to_vec(),
            ),
            None => None,
        };
        owned.push((s.statistic, s.label(), y, x));
    }
    Ok(owned)
}
