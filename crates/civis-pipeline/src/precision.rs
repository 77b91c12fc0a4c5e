//! What the samples allow, and what it would take: the precision report and the sample plan.
//!
//! Both read an indicators table (columns `indicator, geo, group_criterion, group, sex, age,
//! ..., estimate, se, cv, deff, n, pop, flags, unit`, as `civis indicators` writes it). The
//! report ([`PrecisionBuilder`]) judges every cell under the publication rules (the EU-SILC
//! observation counts of `civis_survey::ReliabilityRule::Silc`, a CV rule, the EU-LFS limits A/B
//! when supplied) and, where a table of small area estimates is given, the model-based
//! estimate; the plan ([`PlanBuilder`]) turns observed CVs into the sample sizes needed for a
//! target precision (formulas in `civis_survey::plan`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use civis_chart::{cv_against_n, ChartInfo, PrecisionOptions, SampleCv, Threshold};
use civis_frame::Frame;
use civis_io::estimate_table::{num, short};
use civis_io::{read_csv, CsvOptions};
use civis_survey::plan::{minimax_allocation, n_for_cv, n_for_margin, oversampling_factor};
use civis_survey::reliability::CellFacts;
use civis_survey::{LfsLimits, ReliabilityRule};

use crate::error::{bail, invalid, Result};
use crate::microdata::read_lfs_limits;

/// One cell of an indicators table.
#[derive(Debug, Clone)]
struct Cell {
    indicator: String,
    geo: String,
    criterion: String,
    group: String,
    sex: String,
    age: String,
    estimate: f64,
    se: f64,
    cv: f64,
    deff: f64,
    n: f64,
    pop: f64,
    unit: String,
}

fn text(f: &Frame, col: &str, i: usize) -> String {
    f.column(col)
        .ok()
        .and_then(|c| c.label(i))
        .unwrap_or_default()
}

fn number(f: &Frame, col: &str, i: usize) -> f64 {
    f.numeric(col).map(|v| v[i]).unwrap_or(f64::NAN)
}

/// The cells of an indicators table (gap rows and rows without a sample left out).
fn read_cells(path: &Path) -> Result<Vec<Cell>> {
    let f = read_csv(path, &CsvOptions::default())?;
    for c in ["indicator", "geo", "group", "estimate", "se", "n"] {
        f.column(c)
            .map_err(|e| invalid!("{}: not a `civis indicators` table: {e}", path.display()))?;
    }
    let mut out = Vec::new();
    for i in 0..f.nrows() {
        let group = text(&f, "group", i);
        let n = number(&f, "n", i);
        if group.contains('-') || group.contains('/') || n.is_nan() {
            continue;
        }
        if n < 0.0 {
            bail!(
                "{}: line {}: column n is {n}; a sample size cannot be negative",
                path.display(),
                i + 2
            );
        }
        let estimate = number(&f, "estimate", i);
        let se = number(&f, "se", i);
        out.push(Cell {
            indicator: text(&f, "indicator", i),
            geo: text(&f, "geo", i),
            criterion: text(&f, "group_criterion", i),
            group,
            sex: text(&f, "sex", i),
            age: text(&f, "age", i),
            estimate,
            se,
            cv: se / estimate.abs(),
            deff: number(&f, "deff", i),
            n,
            pop: number(&f, "pop", i),
            unit: text(&f, "unit", i),
        });
    }
    Ok(out)
}

/// The verdict of a publication rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Publish,
    Flag,
    Suppress,
}

impl Outcome {
    /// The code in the report (`publish`, `flag`, `suppress`).
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Publish => "publish",
            Outcome::Flag => "flag",
            Outcome::Suppress => "suppress",
        }
    }

    /// Published, normally or with the flag `u`.
    pub fn publishable(self) -> bool {
        self != Outcome::Suppress
    }
}

/// The EU-SILC rule of the survey crate ([`ReliabilityRule::Silc`]): the report knows the
/// sample size of a cell but not its item non-response, which is taken as none.
fn silc(n: f64) -> Outcome {
    let verdict = ReliabilityRule::Silc.judge(CellFacts {
        n: n as u64,
        estimate: f64::NAN,
        se: f64::NAN,
        weighted_count: f64::NAN,
        nonresponse: 0.0,
        country: None,
    });
    match verdict {
        Ok(r) if r.suppressed => Outcome::Suppress,
        Ok(r) if r.low => Outcome::Flag,
        _ => Outcome::Publish,
    }
}

/// Flag above `flag`, suppress above `suppress` (and when there is no CV).
fn cv_rule(cv: f64, flag: f64, suppress: f64) -> Outcome {
    if cv.is_nan() || cv > suppress {
        Outcome::Suppress
    } else if cv > flag {
        Outcome::Flag
    } else {
        Outcome::Publish
    }
}

/// The EU-LFS rule: a weighted count (thousands) below limit A is suppressed, below B flagged.
fn lfs_rule(count: f64, limit_a: f64, limit_b: f64) -> Outcome {
    if count.is_nan() || count < limit_a {
        Outcome::Suppress
    } else if count < limit_b {
        Outcome::Flag
    } else {
        Outcome::Publish
    }
}

/// One row of the precision report.
#[derive(Debug, Clone)]
pub struct PrecisionRow {
    pub indicator: String,
    pub geo: String,
    pub criterion: String,
    pub group: String,
    pub sex: String,
    pub age: String,
    pub n: f64,
    pub estimate: f64,
    pub se: f64,
    pub cv: f64,
    pub deff: f64,
    pub silc: Outcome,
    pub cv_rule: Outcome,
    pub lfs: Option<Outcome>,
    pub model_cv: f64,
    pub model: Option<Outcome>,
    pub national: bool,
}

/// The precision report: one row per cell, and a Markdown table of the share of publishable
/// cells per level and group, with and without small area estimates.
#[derive(Debug, Clone)]
pub struct PrecisionReport {
    pub rows: Vec<PrecisionRow>,
    pub summary: Vec<String>,
}

/// The small area estimates a report takes into account: a table with the columns `area` and
/// `cv` (as `civis sae fh` writes it) for one indicator and group.
#[derive(Debug, Clone)]
struct ModelEstimates {
    path: PathBuf,
    indicator: Option<String>,
    group: String,
}

/// The EU-LFS limits of one country and year.
#[derive(Debug, Clone)]
struct Limits {
    path: PathBuf,
    country: Option<String>,
    year: Option<i32>,
}

/// Builds a [`PrecisionReport`]: the indicators table, the CV thresholds, the EU-LFS limits and
/// the small area estimates to judge.
#[derive(Debug, Clone)]
pub struct PrecisionBuilder {
    data: PathBuf,
    cv: (f64, f64),
    model: Option<ModelEstimates>,
    limits: Option<Limits>,
}

impl PrecisionBuilder {
    /// The report on the indicators table `data`, with the CV rule 0.2 (flag) and 0.35 (suppress).
    pub fn new(data: impl Into<PathBuf>) -> PrecisionBuilder {
        PrecisionBuilder {
            data: data.into(),
            cv: (0.2, 0.35),
            model: None,
            limits: None,
        }
    }

    /// The CV rule: flag above `flag`, suppress above `suppress`.
    pub fn cv_rule(&mut self, flag: f64, suppress: f64) -> &mut PrecisionBuilder {
        self.cv = (flag, suppress);
        self
    }

    /// Small area estimates of `indicator` for `group` (TOTAL by default) from the table `path`.
    pub fn small_area_estimates(
        &mut self,
        path: impl Into<PathBuf>,
        indicator: Option<&str>,
        group: &str,
    ) -> &mut PrecisionBuilder {
        self.model = Some(ModelEstimates {
            path: path.into(),
            indicator: indicator.map(str::to_owned),
            group: group.to_owned(),
        });
        self
    }

    /// The EU-LFS limits A/B of `country` in `year` from the file `path`
    /// (`country,limit_a,limit_b[,period,valid_from]`).
    pub fn lfs_limits(
        &mut self,
        path: impl Into<PathBuf>,
        country: Option<&str>,
        year: Option<i32>,
    ) -> &mut PrecisionBuilder {
        self.limits = Some(Limits {
            path: path.into(),
            country: country.map(str::to_owned),
            year,
        });
        self
    }

    /// Read the tables and judge every cell.
    pub fn run(&self) -> Result<PrecisionReport> {
        let (flag, suppress) = self.cv;
        if !(flag > 0.0 && flag.is_finite() && suppress.is_finite() && flag <= suppress) {
            bail!("--cv {flag},{suppress}: the thresholds must be positive numbers, the first no larger than the second (e.g. 0.2,0.35)");
        }
        let cells = read_cells(&self.data)?;
        let limits: Option<LfsLimits> = match &self.limits {
            Some(l) => Some(read_lfs_limits(&l.path, l.year)?),
            None => None,
        };
        let model = match &self.model {
            Some(m) => model_cvs(m)?,
            None => BTreeMap::new(),
        };
        // the national rows are those of the geo of the TOTAL row with the largest n (the country)
        let national_geo = cells
            .iter()
            .filter(|c| c.group == "TOTAL")
            .max_by(|x, y| x.n.total_cmp(&y.n))
            .map(|c| c.geo.clone())
            .unwrap_or_default();
        let mut rows = Vec::with_capacity(cells.len());
        for c in &cells {
            let lfs = match &limits {
                Some(l) => Some(self.lfs(l, c)?),
                None => None,
            };
            let is_model_cell = self.model.as_ref().is_some_and(|m| {
                m.indicator.as_deref() == Some(c.indicator.as_str())
                    && c.group == m.group
                    && c.sex == "T"
            });
            let model_cv = if is_model_cell {
                model.get(&c.geo).copied().unwrap_or(f64::NAN)
            } else {
                f64::NAN
            };
            rows.push(PrecisionRow {
                indicator: c.indicator.clone(),
                geo: c.geo.clone(),
                criterion: c.criterion.clone(),
                group: c.group.clone(),
                sex: c.sex.clone(),
                age: c.age.clone(),
                n: c.n,
                estimate: c.estimate,
                se: c.se,
                cv: c.cv,
                deff: c.deff,
                silc: silc(c.n),
                cv_rule: cv_rule(c.cv, flag, suppress),
                lfs,
                model_cv,
                model: (!model_cv.is_nan()).then(|| cv_rule(model_cv, flag, suppress)),
                national: c.geo == national_geo,
            });
        }
        let summary = publishable_shares(&rows, suppress);
        Ok(PrecisionReport { rows, summary })
    }

    /// The EU-LFS verdict of a cell: the weighted count behind a percentage is estimate % of the
    /// population.
    fn lfs(&self, limits: &LfsLimits, c: &Cell) -> Result<Outcome> {
        let country = self
            .limits
            .as_ref()
            .and_then(|l| l.country.as_deref())
            .ok_or_else(|| invalid!("--lfs-limits needs --country"))?;
        let (la, lb) = limits.lookup(country).map_err(|e| invalid!("{e}"))?;
        let count = if c.unit == "PC" {
            c.estimate / 100.0 * c.pop
        } else {
            c.pop
        } / 1000.0;
        Ok(lfs_rule(count, la, lb))
    }
}

/// The CV of the small area estimate of every area.
fn model_cvs(m: &ModelEstimates) -> Result<BTreeMap<String, f64>> {
    let f = read_csv(&m.path, &CsvOptions::default())?;
    for c in ["area", "cv"] {
        f.column(c).map_err(|e| {
            invalid!(
                "--sae {}: not a `civis sae fh` table (it needs the columns area and cv): {e}",
                m.path.display()
            )
        })?;
    }
    let cvs = (0..f.nrows())
        .map(|i| (text(&f, "area", i), number(&f, "cv", i)))
        .collect();
    if m.indicator.is_none() {
        bail!("--sae needs --sae-indicator (the indicator it estimates)");
    }
    Ok(cvs)
}

/// The share of cells publishable per level and group, with and without small area
/// estimates, as a Markdown table.
fn publishable_shares(rows: &[PrecisionRow], suppress: f64) -> Vec<String> {
    let mut summary: BTreeMap<(bool, String), [usize; 4]> = BTreeMap::new();
    for r in rows {
        let e = summary
            .entry((r.national, r.group.clone()))
            .or_insert([0; 4]);
        e[0] += 1;
        e[1] += usize::from(r.silc.publishable());
        e[2] += usize::from(r.cv_rule.publishable());
        e[3] += usize::from(r.model.unwrap_or(r.cv_rule).publishable());
    }
    let mut lines = vec![
        format!(
            "| level | group | cells | publishable (EU-SILC counts) | publishable (CV <= {suppress}) | publishable with small area estimates |"
        ),
        "|---|---|---:|---:|---:|---:|".to_string(),
    ];
    for ((national, group), [k, s, c, m]) in &summary {
        let pct = |x: usize| format!("{:.0} %", 100.0 * x as f64 / *k as f64);
        lines.push(format!(
            "| {} | {group} | {k} | {} | {} | {} |",
            if *national { "country" } else { "area" },
            pct(*s),
            pct(*c),
            pct(*m)
        ));
    }
    lines
}

/// The precision a plan aims at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PlanTarget {
    /// A coefficient of variation (e.g. 0.1).
    Cv(f64),
    /// A margin of error: the half-width of the 95 % interval, in the indicator's units.
    Margin(f64),
}

/// One area of a plan.
#[derive(Debug, Clone)]
pub struct PlanRow {
    pub geo: String,
    pub n: f64,
    pub cv: f64,
    pub needed: f64,
    pub additional: f64,
    pub basis: &'static str,
    pub oversampling: f64,
    pub minimax_n: f64,
    pub minimax_cv: f64,
}

/// Builds a sample plan for one indicator and group of an indicators table.
#[derive(Debug, Clone)]
pub struct PlanBuilder {
    data: PathBuf,
    indicator: String,
    group: String,
    target: PlanTarget,
    total: Option<f64>,
}

impl PlanBuilder {
    /// The plan for `indicator` (group TOTAL) to reach `target`.
    pub fn new(data: impl Into<PathBuf>, indicator: &str, target: PlanTarget) -> PlanBuilder {
        PlanBuilder {
            data: data.into(),
            indicator: indicator.to_owned(),
            group: "TOTAL".to_owned(),
            target,
            total: None,
        }
    }

    /// The target group (e.g. NEU27_2020_FOR).
    pub fn group(&mut self, group: &str) -> &mut PlanBuilder {
        self.group = group.to_owned();
        self
    }

    /// A fixed total sample for the areas, allocated so the largest CV is smallest.
    pub fn total(&mut self, total: f64) -> &mut PlanBuilder {
        self.total = Some(total);
        self
    }

    /// The targets of a plan are positive: a CV or margin of 0 needs an infinite sample, a
    /// negative one means nothing, and so does a negative or zero total sample.
    fn check_targets(&self) -> Result<()> {
        let target = match self.target {
            PlanTarget::Cv(v) => ("--target-cv", v),
            PlanTarget::Margin(v) => ("--margin", v),
        };
        for (option, value) in [target]
            .into_iter()
            .chain(self.total.map(|t| ("--total", t)))
        {
            if !(value > 0.0 && value.is_finite()) {
                bail!("{option} {value}: must be a number above 0");
            }
        }
        Ok(())
    }

    /// Build the plan. The oversampling factor of an area is the sample of the group it needs
    /// over the group's sample it would get if the group's total sample (the fixed total, or the
    /// observed one) were spread in proportion to the areas' populations (all groups).
    pub fn run(&self) -> Result<Vec<PlanRow>> {
        self.check_targets()?;
        let all: Vec<Cell> = read_cells(&self.data)?
            .into_iter()
            .filter(|c| c.indicator == self.indicator && c.sex == "T")
            .collect();
        // population of every area (all groups), for its share of the country
        let area_pop: BTreeMap<String, f64> = all
            .iter()
            .filter(|c| c.group == "TOTAL")
            .map(|c| (c.geo.clone(), c.pop))
            .collect();
        let cells: Vec<Cell> = all.into_iter().filter(|c| c.group == self.group).collect();
        // the country row: the one with the largest sample; its CV^2 n stands in for areas whose
        // estimate is suppressed (K = CV^2 n is about deff (1-p)/p, similar across areas)
        let Some(country) = cells.iter().max_by(|x, y| x.n.total_cmp(&y.n)).cloned() else {
            bail!(
                "{}: no rows for indicator `{}` and group `{}`",
                self.data.display(),
                self.indicator,
                self.group
            );
        };
        let k_country = country.cv * country.cv * country.n;
        let areas: Vec<&Cell> = cells.iter().filter(|c| c.geo != country.geo).collect();
        let areas: Vec<&Cell> = if areas.is_empty() {
            vec![&country]
        } else {
            areas
        };
        let pop_total: f64 = areas
            .iter()
            .filter_map(|c| area_pop.get(&c.geo))
            .filter(|p| p.is_finite())
            .sum();
        let n_total: f64 = areas.iter().map(|c| c.n).sum();
        let mut rows = Vec::with_capacity(areas.len());
        for c in &areas {
            let (needed, basis) = self.needed(c, &country, k_country);
            let share = area_pop.get(&c.geo).copied().unwrap_or(f64::NAN) / pop_total;
            rows.push(PlanRow {
                geo: c.geo.clone(),
                n: c.n,
                cv: c.cv,
                needed: needed.ceil(),
                additional: (needed - c.n).max(0.0).ceil(),
                basis,
                oversampling: oversampling_factor(needed, self.total.unwrap_or(n_total), share),
                minimax_n: f64::NAN,
                minimax_cv: f64::NAN,
            });
        }
        if let Some(total) = self.total {
            let obs: Vec<(f64, f64)> = areas
                .iter()
                .map(|c| {
                    if c.cv.is_finite() && c.cv > 0.0 {
                        (c.n, c.cv)
                    } else {
                        (1.0, k_country.sqrt())
                    }
                })
                .collect();
            let (alloc, cv) = minimax_allocation(&obs, total);
            for (r, n) in rows.iter_mut().zip(alloc) {
                r.minimax_n = n.round();
                r.minimax_cv = cv;
            }
        }
        Ok(rows)
    }

    /// The sample an area needs for the target, and what it is based on.
    fn needed(&self, c: &Cell, country: &Cell, k_country: f64) -> (f64, &'static str) {
        let observed = c.cv.is_finite() && c.cv > 0.0 && c.n > 0.0;
        match self.target {
            PlanTarget::Cv(t) if observed => (n_for_cv(c.n, c.cv, t), "observed CV"),
            PlanTarget::Cv(t) => (k_country / (t * t), "country's CV (area suppressed)"),
            PlanTarget::Margin(e) if c.se.is_finite() && c.n > 0.0 => {
                (n_for_margin(c.n, c.se, e), "observed SE")
            }
            PlanTarget::Margin(e) => (
                n_for_margin(country.n, country.se, e),
                "country's SE (area suppressed)",
            ),
        }
    }
}

/// The columns of the precision table (`civis precision`).
pub const PRECISION_COLUMNS: [&str; 16] = civis_io::estimate_table::join(&[
    &crate::indicators::KEY_COLUMNS,
    &[
        "n", "estimate", "se", "cv", "deff", "silc", "cv_rule", "lfs", "model_cv", "model",
    ],
]);

/// The numeric columns of [`PRECISION_COLUMNS`] (numbers in JSON).
pub const PRECISION_NUMERIC: [&str; 6] = ["n", "estimate", "se", "cv", "deff", "model_cv"];

impl PrecisionRow {
    /// The cells under [`PRECISION_COLUMNS`]: numbers in full when `exact` (files), else
    /// shortened for the screen; outcomes as their codes.
    pub fn cells(&self, exact: bool) -> Vec<String> {
        let f = |v: f64| if exact { num(v) } else { short(v) };
        vec![
            self.indicator.clone(),
            self.geo.clone(),
            self.criterion.clone(),
            self.group.clone(),
            self.sex.clone(),
            self.age.clone(),
            num(self.n),
            f(self.estimate),
            f(self.se),
            f(self.cv),
            f(self.deff),
            self.silc.code().into(),
            self.cv_rule.code().into(),
            self.lfs.map(|o| o.code().to_string()).unwrap_or_default(),
            f(self.model_cv),
            self.model.map(|o| o.code().to_string()).unwrap_or_default(),
        ]
    }
}

impl PrecisionReport {
    /// The Markdown report: the source table, the summaries and the chart `chart_file` (an
    /// image beside the report) of CV against sample size.
    pub fn markdown(&self, source: &Path, chart_file: &str) -> String {
        let mut md = String::from("# Precision report\n\n");
        md.push_str(&format!(
            "Source: `{}`. A cell is publishable if it is published normally or with the flag `u`.\n\n",
            source.display()
        ));
        md.push_str(&self.summary.join("\n"));
        md.push_str(&format!(
            "\n\n![Coefficient of variation against the number of observations, per group]({chart_file})\n\n\
             The chart plots each cell's CV against its unweighted sample size (log scale); \
             the lines are the CV thresholds for the flag and for suppression.\n"
        ));
        md
    }

    /// The CV-against-n chart of civis-chart (log n axis, the `--cv` thresholds as lines), one point
    /// per cell with a CV.
    pub fn cv_chart(&self, flag: f64, suppress: f64) -> Result<String> {
        let points: Vec<SampleCv> = self
            .rows
            .iter()
            .filter(|r| r.n >= 1.0 && r.cv.is_finite())
            .map(|r| SampleCv {
                label: format!("{} {} {}", r.indicator, r.geo, r.group),
                n: r.n as u64,
                cv: Some(100.0 * r.cv),
                highlight: false,
            })
            .collect();
        let chart = cv_against_n(
            &points,
            &PrecisionOptions {
                info: ChartInfo::new(
                    "precision-cv",
                    "Coefficient of variation against sample size",
                ),
                thresholds: vec![
                    Threshold {
                        cv: 100.0 * flag,
                        label: "flag u".into(),
                    },
                    Threshold {
                        cv: 100.0 * suppress,
                        label: "suppressed".into(),
                    },
                ],
            },
        )
        .map_err(|e| invalid!("the CV chart: {e}"))?;
        Ok(chart.svg)
    }
}

/// The columns of a sample plan (`civis plan`).
pub const PLAN_COLUMNS: [&str; 9] = [
    "geo",
    "n",
    "cv",
    "needed_n",
    "additional_n",
    "basis",
    "oversampling_factor",
    "minimax_n",
    "minimax_cv",
];

/// The text columns of [`PLAN_COLUMNS`]; the others hold numbers (in JSON).
pub const PLAN_TEXT: [&str; 2] = ["geo", "basis"];

impl PlanRow {
    /// The cells under [`PLAN_COLUMNS`]: CVs and factors in full when `exact` (files), else
    /// shortened for the screen.
    pub fn cells(&self, exact: bool) -> Vec<String> {
        let f = |v: f64| if exact { num(v) } else { short(v) };
        vec![
            self.geo.clone(),
            num(self.n),
            f(self.cv),
            num(self.needed),
            num(self.additional),
            self.basis.to_string(),
            f(self.oversampling),
            num(self.minimax_n),
            f(self.minimax_cv),
        ]
    }
}
