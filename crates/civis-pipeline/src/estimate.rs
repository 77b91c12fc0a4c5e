//! The estimate workflow: read microdata, derive variables, build the design on the frame,
//! estimate every measure for every domain (optionally country by country), with the variance
//! method and reliability rule asked for.

use std::path::{Path, PathBuf};

use civis_frame::expr::{parse, parse_definition, Definition, Expr, ExprError, ExprErrorKind};
use civis_frame::factor::{factorize, Factor};
use civis_frame::{Column, Frame, NumColumn};
use civis_io::{read_microdata, CsvOptions};
use civis_survey::{
    estimate, Contrast, ContrastKind, Domains, EstimateRow, Grouping, QuantileRule,
    ReliabilityRule, Request, StatRequest, Statistic,
};

use crate::design::{grouping, FrameDesign};
use crate::error::{bail, invalid, Result, WithContext};
use crate::microdata::read_header;
use crate::variance::VarianceMethod;

mod external_sort;
mod partials;
mod second_pass;
pub mod sql;
pub(crate) mod stream;

/// One statistic asked for, on named variables.
#[derive(Debug, Clone, PartialEq)]
pub enum Measure {
    Total(String),
    Mean(String),
    /// The share of each category of a variable (one mean of a 0/1 indicator per category).
    Proportion(String),
    /// Ratio of totals, numerator / denominator.
    Ratio(String, String),
    Quantile(String, f64, QuantileRule),
    /// At-risk-of-poverty threshold: `share` x the national weighted median.
    PovertyThreshold(String, f64),
    /// At-risk-of-poverty rate (%) with the national threshold `share` x median.
    PovertyRate(String, f64),
    Gini(String),
    QuintileShareRatio(String),
    RelativeMedianGap(String, f64),
}

impl Measure {
    /// (statistic, numerator, denominator, the option that asks for it in messages).
    fn parts(&self) -> (Statistic, &str, Option<&str>, &'static str) {
        match self {
            Measure::Total(y) => (Statistic::Total, y, None, "--total"),
            Measure::Mean(y) => (Statistic::Mean, y, None, "--mean"),
            Measure::Proportion(y) => (Statistic::Mean, y, None, "--proportion"),
            Measure::Ratio(y, x) => (Statistic::Ratio, y, Some(x), "--ratio"),
            Measure::Quantile(y, p, rule) => (
                Statistic::Quantile { p: *p, rule: *rule },
                y,
                None,
                "--quantile",
            ),
            Measure::PovertyThreshold(y, share) => (
                Statistic::PovertyThreshold { share: *share },
                y,
                None,
                "--arpt",
            ),
            Measure::PovertyRate(y, share) => {
                (Statistic::PovertyRate { share: *share }, y, None, "--arpr")
            }
            Measure::Gini(y) => (Statistic::Gini, y, None, "--gini"),
            Measure::QuintileShareRatio(y) => (Statistic::QuintileShareRatio, y, None, "--qsr"),
            Measure::RelativeMedianGap(y, share) => (
                Statistic::RelativeMedianGap { share: *share },
                y,
                None,
                "--rmpg",
            ),
        }
    }
}

/// Builds an [`Estimation`] (ripgrep `SearcherBuilder` style): what to estimate from which
/// file, on which design, for which domains, with which variance method.
#[derive(Debug, Clone)]
pub struct EstimateBuilder {
    data: PathBuf,
    delimiter: u8,
    design: FrameDesign,
    defines: Vec<String>,
    filter: Option<String>,
    measures: Vec<Measure>,
    by: Vec<String>,
    contrasts: Vec<(String, String)>,
    variance: VarianceMethod,
    mse: bool,
    reliability: ReliabilityRule,
    country: Option<String>,
    level: f64,
    domain_size: Option<PathBuf>,
    country_var: Option<String>,
    in_memory: bool,
    partials_out: Option<PathBuf>,
    from_partials: Vec<PathBuf>,
}

impl EstimateBuilder {
    /// Estimate from the CSV file `data` (comma separated, unweighted, linearised, 95 %
    /// intervals, no reliability rule until told otherwise).
    pub fn new(data: impl Into<PathBuf>) -> EstimateBuilder {
        EstimateBuilder {
            data: data.into(),
            delimiter: b',',
            design: FrameDesign::default(),
            defines: Vec::new(),
            filter: None,
            measures: Vec::new(),
            by: Vec::new(),
            contrasts: Vec::new(),
            variance: VarianceMethod::Linearised,
            mse: false,
            reliability: ReliabilityRule::None,
            country: None,
            level: 0.95,
            domain_size: None,
            country_var: None,
            in_memory: false,
            partials_out: None,
            from_partials: Vec::new(),
        }
    }

    /// Parse the expressions, check the combination and return the estimation.
    pub fn build(&self) -> Result<Estimation> {
        let defines = self
            .defines
            .iter()
            .map(|d| parse_definition(d).map_err(|e| invalid!("--define: {e}")))
            .collect::<Result<Vec<_>>>()?;
        let filter = match &self.filter {
            Some(w) => Some((w.clone(), parse(w).map_err(|e| invalid!("--where: {e}"))?)),
            None => None,
        };
        if self.measures.is_empty() {
            bail!("nothing to estimate: give at least one of --mean, --total, --ratio, --proportion, --quantile, --arpt, --arpr, --gini, --qsr, --rmpg");
        }
        if self.design.calibration().is_some() && self.country_var.is_some() {
            bail!("--country-var cannot be combined with --calibrate, --poststratify or --rake (the totals would have to be given per country): calibrate each country's file on its own");
        }
        Ok(Estimation {
            options: self.clone(),
            defines,
            filter,
        })
    }

    /// Field delimiter of the CSV.
    pub fn delimiter(&mut self, delimiter: u8) -> &mut EstimateBuilder {
        self.delimiter = delimiter;
        self
    }

    /// The design (see [`crate::DesignBuilder`]).
    pub fn design(&mut self, design: FrameDesign) -> &mut EstimateBuilder {
        self.design = design;
        self
    }

    /// A derived variable, `name = expression` (later ones may use earlier ones).
    pub fn define(&mut self, definition: &str) -> &mut EstimateBuilder {
        self.defines.push(definition.to_string());
        self
    }

    /// Estimate only for rows where this condition holds (domain estimation on the full design).
    pub fn filter(&mut self, condition: &str) -> &mut EstimateBuilder {
        self.filter = Some(condition.to_string());
        self
    }

    /// One more measure (rows come out in the order measures are added).
    pub fn measure(&mut self, measure: Measure) -> &mut EstimateBuilder {
        self.measures.push(measure);
        self
    }

    /// A domain variable.
    pub fn by(&mut self, variable: &str) -> &mut EstimateBuilder {
        self.by.push(variable.to_string());
        self
    }

    /// The gap between two levels of a domain variable; `levels` is `A-B` (levels may contain
    /// `-`: the split is where both sides are levels).
    pub fn contrast(&mut self, variable: &str, levels: &str) -> &mut EstimateBuilder {
        self.contrasts
            .push((variable.to_string(), levels.to_string()));
        self
    }

    /// The variance method.
    pub fn variance(&mut self, method: VarianceMethod) -> &mut EstimateBuilder {
        self.variance = method;
        self
    }

    /// Centre replicate variances on the full-sample estimate instead of the replicate mean.
    pub fn mse(&mut self, yes: bool) -> &mut EstimateBuilder {
        self.mse = yes;
        self
    }

    /// The publication rule that flags or suppresses estimates.
    pub fn reliability(&mut self, rule: ReliabilityRule) -> &mut EstimateBuilder {
        self.reliability = rule;
        self
    }

    /// Country code of the data (for the LFS reliability limits).
    pub fn country(&mut self, code: &str) -> &mut EstimateBuilder {
        self.country = Some(code.to_string());
        self
    }

    /// Confidence level of the intervals.
    pub fn level(&mut self, level: f64) -> &mut EstimateBuilder {
        self.level = level;
        self
    }

    /// Known domain sizes: a CSV with the domain variables and `N`; every mean becomes the
    /// Horvitz-Thompson mean (estimated total / N), as R sae's `direct(..., N)`.
    pub fn domain_size(&mut self, path: impl Into<PathBuf>) -> &mut EstimateBuilder {
        self.domain_size = Some(path.into());
        self
    }

    /// Country column of a file holding several countries: each country is estimated from its
    /// own rows (own design, poverty line and thresholds) and is the first domain column.
    pub fn country_var(&mut self, column: &str) -> &mut EstimateBuilder {
        self.country_var = Some(column.to_string());
        self
    }

    /// Read the whole file into memory even when the measures could be computed chunk by
    /// chunk from partial sums (totals, means and ratios on a design with PSUs stream by
    /// default, in memory that grows with the PSUs and domains, not the rows).
    pub fn in_memory(&mut self, yes: bool) -> &mut EstimateBuilder {
        self.in_memory = yes;
        self
    }

    /// Also write the partial sums, one row per (stratum, PSU, domain) group, to this CSV file
    /// (the columns are described in [`sql`]): only for the measures computed from partial
    /// sums (totals, means and ratios on a design with PSUs).
    pub fn partials_out(&mut self, path: impl Into<PathBuf>) -> &mut EstimateBuilder {
        self.partials_out = Some(path.into());
        self
    }

    /// Estimate from a partial sums file (written by [`Self::partials_out`] or by the SQL of
    /// [`Estimation::partials_sql`]) instead of the microdata; several files are added up, a
    /// (stratum, PSU, domain) group found in several files included.
    pub fn from_partials(&mut self, path: impl Into<PathBuf>) -> &mut EstimateBuilder {
        self.from_partials.push(path.into());
        self
    }
}

/// The result of an estimation: the rows and the names of the domain variables.
pub struct EstimateOutput {
    pub by: Vec<String>,
    pub rows: Vec<EstimateRow>,
    /// Which variance approximation was used, when it is not the design's full variance.
    pub notes: Vec<String>,
}

/// Replicate progress: called with (done, total).
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// A checked estimation request, ready to run.
pub struct Estimation {
    options: EstimateBuilder,
    defines: Vec<Definition>,
    filter: Option<(String, Expr)>,
}

impl Estimation {
    /// Read the file and estimate; `progress` hears about replicates.
    pub fn run(&self, progress: Option<Progress<'_>>) -> Result<EstimateOutput> {
        let o = &self.options;
        if !o.from_partials.is_empty() || o.partials_out.is_some() {
            self.check_partial_sums()?;
        }
        if !o.from_partials.is_empty() {
            return partials::run(self, &o.from_partials);
        }
        let source = o.data.display().to_string();
        let columns = self.columns(&source)?;
        if !o.in_memory && stream::streamable(self) {
            let write_partials = |acc: &_, keys: &_| match &o.partials_out {
                Some(path) => partials::write(self, acc, keys, path),
                None => Ok(()),
            };
            if let Some(out) = stream::run(self, &source, columns.clone(), write_partials)? {
                return Ok(out);
            }
        }
        if !o.in_memory && second_pass::streamable(self) {
            if let Some(out) = second_pass::run(self, &source, &columns)? {
                return Ok(out);
            }
        }
        let frame = self.read_frame(&source, columns)?;
        let keep = match &self.filter {
            Some((text, w)) => {
                let k = w
                    .eval_filter(&frame)
                    .map_err(|e| invalid!("--where: {e}"))?;
                if !k.iter().any(|&b| b) {
                    bail!("--where `{text}` keeps no row of {source}");
                }
                Some(k)
            }
            None => None,
        };
        let run = Run {
            est: self,
            source: &source,
            progress,
        };
        match &o.country_var {
            None => {
                let (rows, notes) = run.estimate_frame(&frame, keep.as_deref(), None)?;
                Ok(EstimateOutput {
                    by: o.by.clone(),
                    rows,
                    notes,
                })
            }
            Some(col) => run.estimate_by_country(&frame, keep.as_deref(), col),
        }
    }

    /// Partial sums hold totals, means and ratios only, on a design with PSUs.
    fn check_partial_sums(&self) -> Result<()> {
        if self.options.in_memory || !stream::streamable(self) {
            bail!("partial sums (--partials-out, --from-partials, --emit-sql) hold totals, means and ratios (--total, --mean, --ratio; at most 64, by at most 4 variables) on a design with --psu, without calibration, --ssu, --domain-size, --country-var, supplied replicate weights or --in-memory");
        }
        Ok(())
    }

    /// The SQL that computes this estimation's partial sums inside a database or cluster
    /// engine, over the microdata table `table` (see [`sql`]).
    pub fn partials_sql(&self, dialect: sql::Dialect, table: &str) -> Result<String> {
        self.check_partial_sums()?;
        sql::partials_sql(self, dialect, table)
    }

    /// The columns of the file the request needs (expressions checked against the header).
    fn columns(&self, source: &str) -> Result<Vec<String>> {
        let o = &self.options;
        let defined: Vec<&str> = self.defines.iter().map(|d| d.name.as_str()).collect();
        let mut wanted: Vec<String> = Vec::new();
        let mut want = |c: &str| {
            if !defined.contains(&c) && !wanted.iter().any(|w| w == c) {
                wanted.push(c.to_string());
            }
        };
        o.design.columns().for_each(&mut want);
        for d in &self.defines {
            d.expr.columns().iter().for_each(|c| want(c));
        }
        if let Some((_, w)) = &self.filter {
            w.columns().iter().for_each(|c| want(c));
        }
        for m in &o.measures {
            let (_, y, x, _) = m.parts();
            want(y);
            x.into_iter().for_each(&mut want);
        }
        o.by.iter().chain(&o.country_var).for_each(|b| want(b));
        let header = read_header(&o.data, o.delimiter)?;
        check_expression_columns(&header, &self.defines, self.filter.as_ref().map(|f| &f.1))?;
        if let VarianceMethod::Columns { prefix, .. } = &o.variance {
            let cols: Vec<&String> = header
                .iter()
                .filter(|h| h.starts_with(prefix.as_str()))
                .collect();
            if cols.is_empty() {
                bail!("--variance columns:{prefix}: no column of {source} starts with `{prefix}`");
            }
            cols.into_iter().for_each(|c| want(c));
        }
        Ok(wanted)
    }

    /// The columns `wanted`, read from the file, with the derived variables added.
    fn read_frame(&self, source: &str, wanted: Vec<String>) -> Result<Frame> {
        let o = &self.options;
        let mut frame = read_microdata(
            &o.data,
            &CsvOptions {
                delimiter: o.delimiter,
                columns: Some(wanted),
            },
        )?;
        if frame.nrows() == 0 {
            bail!("{source} has no data rows");
        }
        for d in &self.defines {
            let col = d
                .expr
                .eval(&frame)
                .map_err(|e| invalid!("--define {}: {e}", d.name))?;
            frame.set(d.name.clone(), col)?;
        }
        Ok(frame)
    }
}

/// One run of an estimation over a frame.
struct Run<'a> {
    est: &'a Estimation,
    source: &'a str,
    progress: Option<Progress<'a>>,
}

impl Run<'_> {
    /// Each country estimated from its own rows (its own design, poverty line and thresholds),
    /// the country as the first domain column of every row.
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
        by.extend(self.est.options.by.iter().cloned());
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
        let o = &self.est.options;
        let n = frame.nrows();
        let design = o.design.design(frame, self.source)?;
        let notes = o.design.notes();

        let by_factors: Vec<(String, Factor)> =
            o.by.iter()
                .map(|b| Ok((b.clone(), factorize(frame.column(b)?, true))))
                .collect::<Result<_>>()?;
        let by: Vec<(String, Grouping<'_>)> = by_factors
            .iter()
            .map(|(name, f)| (name.clone(), grouping(f)))
            .collect();
        let domains = Domains::new(n, &by, keep).map_err(|e| invalid!("{e}"))?;
        if domains.is_empty() {
            bail!("no row falls in any domain (all by-variables missing?)");
        }
        let contrasts = o
            .contrasts
            .iter()
            .map(|(var, levels)| contrast(var, levels, &by_factors))
            .collect::<Result<Vec<_>>>()?;

        // statistics: columns must be numeric (proportions expand into indicators)
        let mut owned = materialise_statistics(&o.measures, frame)?;
        if let Some(path) = &o.domain_size {
            let size_of_row = domain_size_of_row(path, &o.by, &domains, n)?;
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

        let rep_columns = o.variance.replicate_columns(frame)?;
        let variance = o.variance.on(&design, &rep_columns, o.mse)?;
        let country_of_domain =
            if let Some(c) = country.map(str::to_string).or_else(|| o.country.clone()) {
                Some(vec![Some(c); domains.len()])
            } else {
                domains
                    .variables
                    .iter()
                    .position(|v| v.eq_ignore_ascii_case("country"))
                    .map(|j| domains.labels.iter().map(|l| Some(l[j].clone())).collect())
            };
        let rows = estimate(&Request {
            design: &design,
            domains: &domains,
            statistics,
            contrasts,
            variance,
            reliability: o.reliability.clone(),
            country_of_domain,
            level: o.level,
            progress: self.progress,
        })?;
        Ok((rows, notes))
    }
}

/// Unknown column names in definitions and the filter are reported before the data are read,
/// pointing at their place in the expression (a definition may use the ones before it).
fn check_expression_columns(
    header: &[String],
    defs: &[Definition],
    where_expr: Option<&Expr>,
) -> Result<()> {
    let mut names = Frame::new(0);
    for h in header {
        // duplicate names are reported by the reader
        let _ = names.push(h.clone(), Column::Num(NumColumn::new(Vec::new())));
    }
    let unknown = |e: ExprError| matches!(e.kind, ExprErrorKind::UnknownColumn(_)).then_some(e);
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

/// The known size `N` of each row's domain from a domain-size file (columns: the domain
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
                invalid!(
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
                invalid!("--domain-size {src}: line {line}: N `{raw}` is not a positive number")
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
                invalid!(
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

/// A statistic with its variable(s) materialised: (statistic, label, y, denominator).
type OwnedStat = (Statistic, String, Vec<f64>, Option<Vec<f64>>);

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

/// The measures' variables as numeric columns (a proportion becomes one 0/1 indicator per
/// category).
fn materialise_statistics(measures: &[Measure], frame: &Frame) -> Result<Vec<OwnedStat>> {
    let mut owned: Vec<OwnedStat> = Vec::new();
    for m in measures {
        let (statistic, y, x, flag) = m.parts();
        if let Measure::Proportion(_) = m {
            let f = factorize(frame.column(y)?, true);
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
                owned.push((Statistic::Mean, format!("{y}={label}"), ind, None));
            }
            continue;
        }
        let numeric = |v: &str| {
            frame
                .numeric(v)
                .map(<[f64]>::to_vec)
                .map_err(|e| invalid!("{flag}: {e}"))
        };
        let yv = numeric(y)?;
        let xv = x.map(numeric).transpose()?;
        let label = match x {
            Some(x) => format!("{y}/{x}"),
            None => y.to_string(),
        };
        owned.push((statistic, label, yv, xv));
    }
    Ok(owned)
}

/// The contrast `variable:levels` (`A-B`, split where both sides are levels of the variable).
fn contrast(var: &str, levels: &str, by: &[(String, Factor)]) -> Result<Contrast> {
    let c = format!("{var}:{levels}");
    let j = by
        .iter()
        .position(|(n, _)| n == var)
        .ok_or_else(|| invalid!("--contrast `{c}`: `{var}` is not one of the --by variables"))?;
    let labels = &by[j].1.labels;
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
