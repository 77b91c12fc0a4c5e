//! `civis estimate`: read microdata, build the design, derive variables, estimate, write.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use clap::Args;

use civis_frame::expr::{parse, parse_definition};
use civis_frame::factor::{factorize, Factor};
use civis_frame::{Column, Frame};
use civis_io::{read_csv, CsvOptions};
use civis_survey::{
    estimate, ColumnKind, Contrast, ContrastKind, Design, DesignSpec, Domains, EstimateRow,
    Grouping, LfsLimit, LfsLimits, LonelyPsu, QuantileRule, ReliabilityRule, ReplicateScheme,
    Replicates, Request, StatRequest, Statistic, SurveyError, VarianceMethod,
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
}

/// The result of a run: output rows and the names of the by-variables.
pub struct EstimateOutput {
    pub by: Vec<String>,
    pub rows: Vec<EstimateRow>,
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
    for c in [&args.weight, &args.strata, &args.psu, &args.fpc]
        .into_iter()
        .flatten()
    {
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
    for b in &args.by {
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
    .map_err(|e| locate(e, &source, &args.weight))?;

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
    let domains = Domains::new(n, &by, keep.as_deref()).map_err(|e| anyhow!(e))?;
    if domains.is_empty() {
        bail!("no row falls in any domain (all by-variables missing?)");
    }
    let contrasts = args
        .contrast
        .iter()
        .map(|c| parse_contrast(c, &by_factors))
        .collect::<Result<Vec<_>>>()?;

    // statistics: columns must be numeric (proportions expand into indicators)
    let mut owned: Vec<OwnedStat> = Vec::new();
    for s in &stats {
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
        let label = match &s.x {
            Some(x) => format!("{}/{x}", s.y),
            None => s.y.clone(),
        };
        owned.push((s.statistic, label, y, x));
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

    let rep_columns = replicate_columns(&frame, &variance_spec)?;
    let variance = variance_method(&variance_spec, &design, &rep_columns, args.mse)?;
    let country_of_domain = if let Some(c) = &args.country {
        Some(vec![Some(c.clone()); domains.len()])
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
        reliability,
        country_of_domain,
        level: args.level,
        progress: if show_progress { Some(&progress) } else { None },
    })?;
    Ok(EstimateOutput {
        by: args.by.clone(),
        rows,
    })
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
        other => anyhow!("{source}: {other}"),
    }
}

/// A statistic with its variable(s) materialised: (statistic, label, y, denominator).
type OwnedStat = (Statistic, String, Vec<f64>, Option<Vec<f64>>);

struct StatSpec {
    statistic: Statistic,
    proportion: bool,
    y: String,
    x: Option<String>,
    flag: String,
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

fn parse_contrast(c: &str, by: &[(String, Factor)]) -> Result<Contrast> {
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
