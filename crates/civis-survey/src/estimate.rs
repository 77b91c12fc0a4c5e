//! One call, all statistics, all domains: the estimation driver behind `civis estimate`.
//!
//! The data are grouped by domain once ([`Domains`]); every statistic is then computed per
//! domain from that domain's rows (in parallel across domains), and its variance from
//! linearised scores through the ultimate-cluster estimator, or from replicates. Replicates
//! generated from the design are formed one at a time as PSU factors; for totals, means and
//! ratios the data are first reduced to PSU-level totals per domain, so each replicate costs one
//! pass over those totals, not over the rows.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::design::Design;
use crate::dist::t_quantile;
use crate::domain::Domains;
use crate::error::SurveyError;
use crate::quantile::weighted_quantile;
use crate::reliability::{CellFacts, Reliability, ReliabilityRule};
use crate::replicate::{jackknife_closed_form, JackknifePart, Replicates};
use crate::statistic::{
    linearised_scores, point_estimate, sorted_rows, DomainData, Inputs, NationalIncome, Statistic,
};

/// One statistic on one variable (and a denominator for ratios).
#[derive(Debug, Clone)]
pub struct StatRequest<'a> {
    pub statistic: Statistic,
    /// Label of the variable in the output (`num/den` for ratios).
    pub variable: String,
    pub y: &'a [f64],
    pub x: Option<&'a [f64]>,
}

/// How two domains are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ContrastKind {
    /// `A - B` (a gap in the statistic's units, e.g. percentage points).
    #[default]
    Difference,
    /// `A / B` (e.g. a group's median income relative to nationals').
    Ratio,
}

/// A comparison of two levels `a` and `b` of by-variable number `variable`, within every
/// combination of the other by-variables. Its variance comes from the linearised scores of both
/// domains together (`z_A - z_B`, or `(z_A - R z_B) / B` for a ratio), or from the replicates, so
/// the covariance of the two domains (shared PSUs, a shared poverty threshold) is included.
#[derive(Debug, Clone)]
pub struct Contrast {
    pub variable: usize,
    pub a: u32,
    pub b: u32,
    pub label: String,
    pub kind: ContrastKind,
}

/// How to estimate variances.
#[derive(Debug, Clone)]
pub enum VarianceMethod<'a> {
    Linearised,
    Replicate {
        replicates: Replicates<'a>,
        mse: bool,
    },
}

/// Everything one estimation needs.
#[derive(Clone)]
pub struct Request<'a> {
    pub design: &'a Design,
    pub domains: &'a Domains,
    pub statistics: Vec<StatRequest<'a>>,
    pub contrasts: Vec<Contrast>,
    pub variance: VarianceMethod<'a>,
    pub reliability: ReliabilityRule,
    /// Country of each domain (for the LFS rule), if known.
    pub country_of_domain: Option<Vec<Option<String>>>,
    /// Confidence level of the intervals (0.95).
    pub level: f64,
    /// Called as replicates are computed with (done, total), for progress display.
    pub progress: Option<&'a (dyn Fn(usize, usize) + Sync)>,
}

/// The estimate of one cell and its precision, as every Civis table publishes them.
///
/// - `estimate`: the point estimate θ̂;
/// - `se`: its standard error √V̂(θ̂) (linearised or from replicates);
/// - `ci_low`, `ci_high`: the confidence interval, `θ̂ ∓ t_{1-α/2, df} · se` unless the caller
///   computes another one (a proportion's logit interval, R `survey::svyciprop`);
/// - `cv`: the coefficient of variation `se / |θ̂|` (Eurostat's precision criterion);
/// - `deff`: the design effect `V̂(θ̂) / V̂_srs(θ̂)` (Kish 1965; R `survey::svymean(deff = TRUE)`);
/// - `pop`: the estimated population of the domain, `N̂ = Σ w_i`.
///
/// A number that is not available (a suppressed or not computable cell) is NaN.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measures {
    pub estimate: f64,
    pub se: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    pub cv: f64,
    pub deff: f64,
    pub pop: f64,
}

impl Measures {
    /// No number at all: a suppressed cell, or one that could not be computed.
    pub const MISSING: Measures = Measures {
        estimate: f64::NAN,
        se: f64::NAN,
        ci_low: f64::NAN,
        ci_high: f64::NAN,
        cv: f64::NAN,
        deff: f64::NAN,
        pop: f64::NAN,
    };

    /// The measures with their column names, in the order of the Civis tables (whose `n` column
    /// sits between `deff` and `pop`).
    pub fn named(&self) -> [(&'static str, f64); 7] {
        [
            ("estimate", self.estimate),
            ("se", self.se),
            ("ci_low", self.ci_low),
            ("ci_high", self.ci_high),
            ("cv", self.cv),
            ("deff", self.deff),
            ("pop", self.pop),
        ]
    }
}

/// One output row.
#[derive(Debug, Clone, PartialEq)]
pub struct EstimateRow {
    /// Labels on the by-variables (for the national threshold: empty strings).
    pub domain: Vec<String>,
    pub statistic: String,
    pub variable: String,
    pub measures: Measures,
    pub n: u64,
    /// Degrees of freedom used for the interval.
    pub df: f64,
    pub reliability: Reliability,
}

pub(crate) struct Cell {
    pub(crate) est: f64,
    pub(crate) se: f64,
    pub(crate) ci: (f64, f64),
    pub(crate) deff: f64,
    pub(crate) n: u64,
    pub(crate) pop: f64,
    pub(crate) df: f64,
    /// For contrasts under linearisation: the scores (quantiles: rescaled to the quantile).
    pub(crate) scores: Option<Vec<(u32, f64)>>,
    /// Weighted item non-response share of the domain.
    pub(crate) nonresponse: f64,
}

impl Cell {
    /// `est` with the interval `est -/+ t se`; `(n, pop, df, nonresponse)` of the domain; no
    /// design effect and no scores (see [`Cell::with`]).
    pub(crate) fn interval(est: f64, se: f64, t: f64, facts: (u64, f64, f64, f64)) -> Cell {
        let (n, pop, df, nonresponse) = facts;
        Cell {
            est,
            se,
            ci: (est - t * se, est + t * se),
            deff: f64::NAN,
            n,
            pop,
            df,
            scores: None,
            nonresponse,
        }
    }

    /// The cell with its design effect and (for contrasts) its scores.
    pub(crate) fn with(mut self, deff: f64, scores: Option<Vec<(u32, f64)>>) -> Cell {
        self.deff = deff;
        self.scores = scores;
        self
    }

    /// The gap `est` between cells `a` and `b` with its standard error and degrees of freedom:
    /// the interval `est -/+ t_{1 - alpha/2, df} se`, the counts of both cells, the larger
    /// non-response share.
    pub(crate) fn gap(est: f64, se: f64, df: f64, alpha: f64, a: &Cell, b: &Cell) -> Cell {
        let t = t_quantile(1.0 - alpha / 2.0, df.max(1.0));
        let facts = (
            a.n + b.n,
            a.pop + b.pop,
            df,
            a.nonresponse.max(b.nonresponse),
        );
        Cell::interval(est, se, t, facts)
    }
}

/// Run the estimation: check the request, gather each (statistic, domain)'s rows, estimate
/// every cell with its variance, then the rows of the domains and of the contrasts.
pub fn estimate(req: &Request<'_>) -> Result<Vec<EstimateRow>, SurveyError> {
    check_statistics(req)?;
    let nationals = national_incomes(req);
    let run = Run::new(req, &nationals);
    let cells = match &req.variance {
        VarianceMethod::Linearised => run.linearised_cells(),
        VarianceMethod::Replicate { replicates, mse } => run.replicate_cells(replicates, *mse)?,
    };
    let mut out = run.domain_rows(&cells)?;
    for c in &req.contrasts {
        run.contrast_rows(c, &cells, &mut out)?;
    }
    Ok(out)
}

/// Every variable has the design's rows; every ratio a denominator.
fn check_statistics(req: &Request<'_>) -> Result<(), SurveyError> {
    let nrows = req.design.nrows();
    for s in &req.statistics {
        if s.y.len() != nrows || s.x.is_some_and(|x| x.len() != nrows) {
            return Err(SurveyError::Invalid(format!(
                "variable `{}` has a different number of rows than the design",
                s.variable
            )));
        }
        if matches!(s.statistic, Statistic::Ratio) && s.x.is_none() {
            return Err(SurveyError::Invalid(format!(
                "ratio `{}` has no denominator",
                s.variable
            )));
        }
    }
    Ok(())
}

/// The national income distributions, one per distinct variable of a statistic that uses the
/// national threshold.
fn national_incomes(req: &Request<'_>) -> HashMap<*const f64, NationalIncome> {
    let mut nationals = HashMap::new();
    for s in &req.statistics {
        if s.statistic.uses_national_threshold() {
            nationals
                .entry(s.y.as_ptr())
                .or_insert_with(|| NationalIncome::new(s.y));
        }
    }
    nationals
}

/// What the steps of [`estimate`] share: the request, each statistic's inputs and its data per
/// domain, the cells in (statistic, domain) order.
struct Run<'r, 'a> {
    req: &'r Request<'a>,
    w: &'r [f64],
    nd: usize,
    inputs: Vec<Inputs<'r>>,
    data: Vec<Vec<DomainData>>,
    pairs: Vec<(usize, usize)>,
    alpha: f64,
}

impl<'r, 'a> Run<'r, 'a> {
    fn new(req: &'r Request<'a>, nationals: &'r HashMap<*const f64, NationalIncome>) -> Self {
        let w = req.design.weights();
        let nd = req.domains.len();
        let data = req
            .statistics
            .iter()
            .map(|s| {
                (0..nd)
                    .into_par_iter()
                    .map(|d| domain_data(s, req.domains.rows(d), w))
                    .collect()
            })
            .collect();
        let inputs = req
            .statistics
            .iter()
            .map(|s| Inputs {
                y: s.y,
                x: s.x,
                national: nationals.get(&s.y.as_ptr()),
            })
            .collect();
        let pairs = (0..req.statistics.len())
            .flat_map(|s| (0..nd).map(move |d| (s, d)))
            .collect();
        Run {
            req,
            w,
            nd,
            inputs,
            data,
            pairs,
            alpha: 1.0 - req.level,
        }
    }

    /// Each cell with its Taylor-linearised variance (scores kept when contrasts need them).
    fn linearised_cells(&self) -> Vec<Cell> {
        let want_scores = !self.req.contrasts.is_empty();
        per_chunk(&self.pairs, self.req.design, |scratch, &(s, d)| {
            let stat = self.req.statistics[s].statistic;
            linearised_cell(
                self.req.design,
                stat,
                self.inputs[s],
                &self.data[s][d],
                self.w,
                self.alpha,
                want_scores,
                scratch,
            )
        })
    }

    /// Totals, means and ratios under the design jackknife have a closed form: no replicates.
    fn closed_form(&self, replicates: &Replicates<'_>, s: usize) -> bool {
        replicates.is_jackknife_n()
            && self.req.statistics[s].statistic.is_ratio_type()
            && self.req.design.calibration().is_none()
    }

    /// Each cell with its replicate variance.
    fn replicate_cells(
        &self,
        replicates: &Replicates<'_>,
        mse: bool,
    ) -> Result<Vec<Cell>, SurveyError> {
        let (design, w) = (self.req.design, self.w);
        let need: Vec<(usize, usize)> = (self.pairs.iter().copied())
            .filter(|&(s, _)| !self.closed_form(replicates, s))
            .collect();
        let mut thetas = replicate_estimates_for(
            design,
            self.req,
            &self.inputs,
            &self.data,
            replicates,
            &need,
        )?
        .into_iter();
        let thetas: Vec<Option<Vec<f64>>> = (self.pairs.iter())
            .map(|&(s, _)| match self.closed_form(replicates, s) {
                true => None,
                false => thetas.next(),
            })
            .collect();
        let indexed: Vec<(usize, (usize, usize))> =
            self.pairs.iter().copied().enumerate().collect();
        Ok(per_chunk(&indexed, design, |_, &(i, (s, d))| {
            let stat = self.req.statistics[s].statistic;
            let dom = &self.data[s][d];
            let est = point_estimate(stat, self.inputs[s], dom, w);
            let var = match &thetas[i] {
                Some(t) => replicates.variance(t, est, mse),
                None => {
                    let totals = psu_totals(design, stat, self.inputs[s], dom, w);
                    jackknife_closed_form(
                        design,
                        &[JackknifePart {
                            totals: &totals,
                            is_total: stat.is_total(),
                            sign: 1.0,
                        }],
                        mse,
                    )
                }
            };
            let df = (replicates.len() as f64 - 1.0).max(1.0);
            let t = t_quantile(1.0 - self.alpha / 2.0, df);
            let scores = if stat.is_ratio_type() {
                linearised_scores(stat, self.inputs[s], dom, w).1
            } else {
                Vec::new()
            };
            let pop = dom.rows.iter().map(|&r| w[r as usize]).sum();
            let facts = (dom.rows.len() as u64, pop, df, dom.nonresponse);
            Cell::interval(est, var.sqrt(), t, facts).with(ratio_deff(stat, &scores, w, var), None)
        }))
    }

    /// The rows of the domains, domain by domain (the national threshold once, unlabelled).
    fn domain_rows(&self, cells: &[Cell]) -> Result<Vec<EstimateRow>, SurveyError> {
        let req = self.req;
        let mut out = Vec::new();
        for d in 0..self.nd {
            for (s, sr) in req.statistics.iter().enumerate() {
                let national = matches!(sr.statistic, Statistic::PovertyThreshold { .. });
                if national && d > 0 {
                    continue;
                }
                let cell = &cells[s * self.nd + d];
                let domain = if national {
                    vec![String::new(); req.domains.variables.len()]
                } else {
                    req.domains.labels[d].clone()
                };
                let country = req.country_of_domain.as_ref().and_then(|c| c[d].as_deref());
                out.push(make_row(&req.reliability, sr, domain, cell, country)?);
            }
        }
        Ok(out)
    }

    /// The rows of contrast `c`: for each domain on level `a` whose partner on level `b`
    /// exists, each statistic's gap (difference or ratio) with its variance.
    fn contrast_rows(
        &self,
        c: &Contrast,
        cells: &[Cell],
        out: &mut Vec<EstimateRow>,
    ) -> Result<(), SurveyError> {
        let (req, nd) = (self.req, self.nd);
        for da in 0..nd {
            if req.domains.codes[da][c.variable] != c.a {
                continue;
            }
            let mut partner = req.domains.codes[da].clone();
            partner[c.variable] = c.b;
            let Some(db) = req.domains.find(&partner) else {
                continue;
            };
            let mut domain = req.domains.labels[da].clone();
            domain[c.variable] = c.label.clone();
            let country = (req.country_of_domain.as_ref()).and_then(|cd| cd[da].as_deref());
            for (s, sr) in req.statistics.iter().enumerate() {
                if matches!(sr.statistic, Statistic::PovertyThreshold { .. }) {
                    continue;
                }
                let (ca, cb) = (&cells[s * nd + da], &cells[s * nd + db]);
                let cell = self.contrast_cell(c.kind, s, (da, ca), (db, cb))?;
                let mut row = make_row(&req.reliability, sr, domain.clone(), &cell, country)?;
                // a gap inherits the flags of both parts
                let ra = judge(&req.reliability, sr, ca, country)?;
                let rb = judge(&req.reliability, sr, cb, country)?;
                row.reliability = ra.merge(rb);
                if row.reliability.suppressed {
                    blank(&mut row);
                }
                out.push(row);
            }
        }
        Ok(())
    }

    /// Statistic `s`'s gap between domains `da` and `db` (cells `ca`, `cb`): `A - B` or `A / B`,
    /// its variance from the combined scores `u_A - u_B` (or `u_A / B - A u_B / B^2`), the
    /// closed-form jackknife of both parts' PSU totals, or the replicates of the gap.
    fn contrast_cell(
        &self,
        kind: ContrastKind,
        s: usize,
        (da, ca): (usize, &Cell),
        (db, cb): (usize, &Cell),
    ) -> Result<Cell, SurveyError> {
        let (design, w) = (self.req.design, self.w);
        let stat = self.req.statistics[s].statistic;
        let ratio = kind == ContrastKind::Ratio;
        let (est, ka, kb) = gap(kind, ca.est, cb.est);
        let (se, df) = match &self.req.variance {
            VarianceMethod::Linearised => {
                let mut scores: Vec<(u32, f64)> = (ca.scores.iter().flatten())
                    .map(|&(r, u)| (r, ka * u))
                    .collect();
                scores.extend(cb.scores.iter().flatten().map(|&(r, u)| (r, kb * u)));
                let mut scratch = design.scratch();
                let (v, df) = design.variance_of_scores(scores, &mut scratch);
                (v.sqrt(), df)
            }
            VarianceMethod::Replicate { replicates, mse }
                if !ratio && self.closed_form(replicates, s) =>
            {
                let ta = psu_totals(design, stat, self.inputs[s], &self.data[s][da], w);
                let tb = psu_totals(design, stat, self.inputs[s], &self.data[s][db], w);
                let is_total = stat.is_total();
                let part = |totals, sign| JackknifePart {
                    totals,
                    is_total,
                    sign,
                };
                let v = jackknife_closed_form(design, &[part(&ta, 1.0), part(&tb, -1.0)], *mse);
                (v.sqrt(), (replicates.len() as f64 - 1.0).max(1.0))
            }
            VarianceMethod::Replicate { replicates, mse } => {
                let thetas = replicate_estimates_for(
                    design,
                    self.req,
                    &self.inputs,
                    &self.data,
                    replicates,
                    &[(s, da), (s, db)],
                )?;
                let diff: Vec<f64> = (thetas[0].iter().zip(&thetas[1]))
                    .map(|(a, b)| if ratio { a / b } else { a - b })
                    .collect();
                let v = replicates.variance(&diff, est, *mse);
                (v.sqrt(), (replicates.len() as f64 - 1.0).max(1.0))
            }
        };
        Ok(Cell::gap(est, se, df, self.alpha, ca, cb))
    }
}

/// The gap between two estimates `a` and `b` (`a - b` or `a / b`) and its derivatives
/// `(k_a, k_b)` in `a` and `b` (`d gap = k_a da + k_b db`: `(1, -1)`, or `(1 / b, -a / b^2)`).
pub(crate) fn gap(kind: ContrastKind, a: f64, b: f64) -> (f64, f64, f64) {
    match kind {
        ContrastKind::Ratio => (a / b, 1.0 / b, -a / (b * b)),
        ContrastKind::Difference => (a - b, 1.0, -1.0),
    }
}

/// Map `f` over `items` in parallel, in order, with one variance scratch per chunk (the scratch
/// holds arrays as long as the number of PSUs, so it must not be made per item).
pub(crate) fn per_chunk<T: Sync, F>(items: &[T], design: &Design, f: F) -> Vec<Cell>
where
    F: Fn(&mut crate::design::VarianceScratch, &T) -> Cell + Sync,
{
    let chunk = items
        .len()
        .div_ceil(rayon::current_num_threads() * 4)
        .max(1);
    items
        .par_chunks(chunk)
        .map(|c| {
            let mut scratch = design.take_scratch();
            let cells = c
                .iter()
                .map(|it| f(&mut scratch, it))
                .collect::<Vec<Cell>>();
            design.return_scratch(scratch);
            cells
        })
        .collect::<Vec<Vec<Cell>>>()
        .into_iter()
        .flatten()
        .collect()
}

fn domain_data(s: &StatRequest<'_>, all_rows: &[u32], w: &[f64]) -> DomainData {
    let y = s.y;
    let present = |r: u32| !y[r as usize].is_nan() && s.x.is_none_or(|x| !x[r as usize].is_nan());
    let rows: Vec<u32> = all_rows.iter().copied().filter(|&r| present(r)).collect();
    let nonresponse = if rows.len() == all_rows.len() {
        0.0
    } else {
        let (mut all, mut missing) = (0.0, 0.0);
        for &r in all_rows {
            all += w[r as usize];
            if !present(r) {
                missing += w[r as usize];
            }
        }
        missing / all
    };
    let needs_sort = matches!(
        s.statistic,
        Statistic::Quantile { .. }
            | Statistic::Gini
            | Statistic::QuintileShareRatio
            | Statistic::RelativeMedianGap { .. }
    );
    let sorted = needs_sort.then(|| sorted_rows(y, rows.iter().copied()));
    DomainData {
        rows,
        sorted,
        nonresponse,
    }
}

#[allow(clippy::too_many_arguments)]
fn linearised_cell(
    design: &Design,
    stat: Statistic,
    inp: Inputs<'_>,
    dom: &DomainData,
    w: &[f64],
    alpha: f64,
    keep_scores: bool,
    scratch: &mut crate::design::VarianceScratch,
) -> Cell {
    let n = dom.rows.len() as u64;
    let pop: f64 = dom.rows.iter().map(|&r| w[r as usize]).sum();
    let (est, scores) = linearised_scores(stat, inp, dom, w);
    let (var, dom_df) = design.variance_of_scores(scores.iter().copied(), scratch);
    let df = if matches!(
        stat,
        Statistic::PovertyThreshold { .. }
            | Statistic::PovertyRate { .. }
            | Statistic::RelativeMedianGap { .. }
    ) {
        design.degrees_of_freedom()
    } else {
        dom_df
    };
    let t = t_quantile(1.0 - alpha / 2.0, df.max(1.0));
    match stat {
        Statistic::Quantile { rule, .. } => {
            // Woodruff interval through the CDF at the quantile
            let sorted = dom.sorted.as_deref().unwrap_or(&[]);
            let f: f64 = {
                let (mut below, mut all) = (0.0, 0.0);
                for &r in &dom.rows {
                    all += w[r as usize];
                    if inp.y[r as usize] <= est {
                        below += w[r as usize];
                    }
                }
                below / all
            };
            // `f` sits exactly on a step of the CDF (the quantile is a data value), so any
            // positive `se_f` moves the upper end to the next value: a variance that is zero up
            // to rounding (its size then depends on the order of the sums) is taken as zero.
            let se_f = if var > 1e-24 { var.sqrt() } else { 0.0 };
            let (pl, pu) = (f - t * se_f, f + t * se_f);
            let lo = if pl.is_nan() || pl < 0.0 {
                f64::NAN
            } else {
                weighted_quantile(sorted, inp.y, w, pl, rule)
            };
            let hi = if pu.is_nan() || pu > 1.0 {
                f64::NAN
            } else {
                weighted_quantile(sorted, inp.y, w, pu, rule)
            };
            let se = (hi - lo) / (2.0 * t);
            let scores = keep_scores.then(|| {
                let k = if se_f > 0.0 { -se / se_f } else { 0.0 };
                scores.iter().map(|&(r, u)| (r, k * u)).collect()
            });
            Cell {
                est,
                se,
                ci: (lo, hi),
                deff: f64::NAN,
                n,
                pop,
                df,
                scores,
                nonresponse: dom.nonresponse,
            }
        }
        _ => {
            let deff = ratio_deff(stat, &scores, w, var);
            Cell::interval(est, var.sqrt(), t, (n, pop, df, dom.nonresponse))
                .with(deff, keep_scores.then_some(scores))
        }
    }
}

/// Design effect as R `survey` computes it: the variance over the variance under simple random
/// sampling without replacement of the same number of units,
/// `s^2 W^2 (W - n) / (W n)` with `s^2` the weighted variance (divisor `n - 1`) of the unweighted
/// score `z_k = u_k / w_k` over the rows with non-zero weight.
/// The design effect of a ratio-type statistic (mean, ratio, proportion) from its scores,
/// `NaN` for the others.
fn ratio_deff(stat: Statistic, scores: &[(u32, f64)], w: &[f64], var: f64) -> f64 {
    if stat.is_ratio_type() {
        deff_from_scores(scores, w, var)
    } else {
        f64::NAN
    }
}

fn deff_from_scores(scores: &[(u32, f64)], w: &[f64], var: f64) -> f64 {
    let (mut sw, mut swz, mut n) = (0.0, 0.0, 0u64);
    for &(r, u) in scores {
        let wr = w[r as usize];
        if wr != 0.0 {
            sw += wr;
            swz += u;
            n += 1;
        }
    }
    if n < 2 {
        return f64::NAN;
    }
    let mean = swz / sw;
    let mut ss = 0.0;
    for &(r, u) in scores {
        let wr = w[r as usize];
        if wr != 0.0 {
            let z = u / wr - mean;
            ss += wr * z * z;
        }
    }
    let nf = n as f64;
    let s2 = nf / (nf - 1.0) * ss / sw;
    let vsrs = s2 * sw * sw * (sw - nf) / (sw * nf);
    var / vsrs
}

/// PSU-level totals of a ratio-type statistic on a domain: `(psu, sum w y, sum w x)`.
fn psu_totals(
    design: &Design,
    stat: Statistic,
    inp: Inputs<'_>,
    dom: &DomainData,
    w: &[f64],
) -> Vec<(u32, f64, f64)> {
    let psu = design.psu_of_row();
    let mut map: HashMap<u32, (f64, f64)> = HashMap::with_capacity(dom.rows.len());
    for &r in &dom.rows {
        let r = r as usize;
        let e = map.entry(psu[r]).or_insert((0.0, 0.0));
        e.0 += w[r] * inp.y[r];
        e.1 += w[r]
            * match stat {
                Statistic::Ratio => inp.x.map_or(f64::NAN, |x| x[r]),
                _ => 1.0,
            };
    }
    let mut v: Vec<(u32, f64, f64)> = map.into_iter().map(|(p, (a, b))| (p, a, b)).collect();
    v.sort_unstable_by_key(|e| e.0);
    v
}

fn replicate_estimates_for(
    design: &Design,
    req: &Request<'_>,
    inputs: &[Inputs<'_>],
    data: &[Vec<DomainData>],
    reps: &Replicates<'_>,
    pairs: &[(usize, usize)],
) -> Result<Vec<Vec<f64>>, SurveyError> {
    if pairs.is_empty() {
        return Ok(Vec::new());
    }
    let w = design.weights();
    let nrep = reps.len();
    let generated = reps.is_generated();
    let calibration = design.calibration();
    // ratio-type statistics with generated replicates: reduce to PSU totals once (not when
    // every replicate is re-calibrated: its weights then change within PSUs)
    let totals: Vec<Option<Vec<(u32, f64, f64)>>> = pairs
        .par_iter()
        .map(|&(s, d)| {
            let stat = req.statistics[s].statistic;
            (generated && stat.is_ratio_type() && calibration.is_none())
                .then(|| psu_totals(design, stat, inputs[s], &data[s][d], w))
        })
        .collect();
    let need_rows = totals.iter().any(Option::is_none);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let per_rep: Vec<Vec<f64>> = (0..nrep)
        .into_par_iter()
        .map_init(
            || (vec![0.0; design.n_psu()], Vec::<f64>::new()),
            |(factor, wr), r| -> Result<Vec<f64>, SurveyError> {
                if let Some(p) = req.progress {
                    let k = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                    if k.is_multiple_of(16) || k == nrep {
                        p(k, nrep);
                    }
                }
                let recalibrated;
                let rw: &[f64] = if generated {
                    reps.psu_factors(design, r, factor);
                    if need_rows {
                        let psu = design.psu_of_row();
                        wr.clear();
                        wr.extend(
                            design
                                .design_weights()
                                .iter()
                                .zip(psu)
                                .map(|(wk, &p)| wk * factor[p as usize]),
                        );
                    }
                    wr
                } else {
                    reps.column(r).unwrap_or(&[])
                };
                let rw: &[f64] = match calibration {
                    Some(c) => {
                        recalibrated = c.recalibrate(rw).map_err(|e| {
                            SurveyError::Replicates(format!("replicate {}: {e}", r + 1))
                        })?;
                        &recalibrated
                    }
                    None => rw,
                };
                Ok(pairs
                    .iter()
                    .zip(&totals)
                    .map(|(&(s, d), tot)| {
                        let stat = req.statistics[s].statistic;
                        match tot {
                            Some(t) => {
                                let (mut a, mut b) = (0.0, 0.0);
                                for &(p, ty, tx) in t {
                                    let f = factor[p as usize];
                                    a += f * ty;
                                    b += f * tx;
                                }
                                match stat {
                                    Statistic::Total | Statistic::HorvitzThompsonMean => a,
                                    _ => a / b,
                                }
                            }
                            None => point_estimate(stat, inputs[s], &data[s][d], rw),
                        }
                    })
                    .collect())
            },
        )
        .collect::<Result<_, _>>()?;
    // transpose to pair-major
    Ok((0..pairs.len())
        .map(|i| per_rep.iter().map(|v| v[i]).collect())
        .collect())
}

pub(crate) fn judge(
    rule: &ReliabilityRule,
    sr: &StatRequest<'_>,
    cell: &Cell,
    country: Option<&str>,
) -> Result<Reliability, SurveyError> {
    let weighted_count = match sr.statistic {
        Statistic::Mean | Statistic::HorvitzThompsonMean => cell.est * cell.pop,
        Statistic::Total => cell.est,
        _ => cell.pop,
    };
    rule.judge(CellFacts {
        n: cell.n,
        estimate: cell.est,
        se: cell.se,
        weighted_count,
        nonresponse: cell.nonresponse,
        country,
    })
    .map_err(SurveyError::Invalid)
}

pub(crate) fn make_row(
    rule: &ReliabilityRule,
    sr: &StatRequest<'_>,
    domain: Vec<String>,
    cell: &Cell,
    country: Option<&str>,
) -> Result<EstimateRow, SurveyError> {
    let reliability = judge(rule, sr, cell, country)?;
    let mut row = EstimateRow {
        domain,
        statistic: sr.statistic.name(),
        variable: sr.variable.clone(),
        measures: Measures {
            estimate: cell.est,
            se: cell.se,
            ci_low: cell.ci.0,
            ci_high: cell.ci.1,
            cv: cell.se / cell.est.abs(),
            deff: cell.deff,
            pop: cell.pop,
        },
        n: cell.n,
        df: cell.df,
        reliability,
    };
    if reliability.suppressed {
        blank(&mut row);
    }
    Ok(row)
}

/// A suppressed cell keeps its row but publishes no number.
pub(crate) fn blank(row: &mut EstimateRow) {
    row.measures = Measures::MISSING;
}
