//! Quantiles and the EU-SILC indicators ARPT, ARPR, QSR, RMPG and the Gini coefficient in
//! bounded memory: the data are read in passes, chunk by chunk, and only per-domain searches,
//! per-(PSU, domain) score totals, the PSUs' strata and, for the Gini coefficient, a bounded
//! run buffer of an external sort are kept, so memory grows with PSUs x domains, not with the
//! rows. The results equal [`crate::estimate`] with linearised variances (the same formulas, see
//! [`crate::statistic`]), up to the order of the sums.
//!
//! The caller reads the file once per pass ([`SecondPass::wants_pass`]), hands every chunk to
//! [`SecondPass::add`] (the chunk's domain ids and stratum codes must mean the same in every
//! pass) and calls [`SecondPass::end_pass`]. The stages:
//!
//! 1. **Thresholds.** Exact weighted quantiles by refinement passes ([`crate::threshold`]):
//!    each domain's `p` quantile (`--quantile`), quintiles `q20`, `q80` (QSR), the national
//!    median (laeken rule) of `arpt = s * median` — one search per variable, shared by its
//!    ARPT, ARPR and RMPG, as are the threshold's scores below — and, once that median is
//!    known, each domain's median `m` of the rows with `y < arpt` (RMPG, laeken rule). The first
//!    pass also counts each domain's rows and weights and numbers the PSUs; the first two give
//!    the national bandwidth `h = sd_w(y) / N^(1/5)` (weighted mean, then the sum of squares
//!    about it; vardpoor). The first pass also hands the Gini coefficient's rows
//!    (domain, value, row number, weight, PSU) to a sort ([`crate::rank_sort`]; one per
//!    variable, however many Gini requests and domains use it), made by the
//!    [`PassLimits::sorts`] the caller chose: in memory, or bounded runs spilled to files by
//!    the caller, since this crate does no I/O. At its end one sweep over the sorted rows gives
//!    each domain's coefficient and the PSU totals of its scores ([`crate::gini_pass`]), so the
//!    Gini coefficient needs no further pass.
//! 2. **Scores.** With the thresholds known, the linearised scores are sums of row terms
//!    whose coefficients are domain constants (Deville 1999; Osier 2009; laeken / vardpoor
//!    `linarpt`, `linarpr`; Hulliger & Münnich 2006 for the QSR), so one pass gives their PSU
//!    totals and the kernel densities:
//!    - threshold: `u_k = -s w_k ([y_k <= q] - 1/2) / (N f(q))`, with
//!      `f(x) = sum_k w_k phi((x - y_k) / h) / (N h)`; its PSU totals `T_p` are kept once;
//!    - ARPR: `U_p = 100 (f_D(t) T_p + (A_p - a W_p) / N_D)`, `A_p = sum_{p, D} w [y < t]`,
//!      `W_p = sum_{p, D} w` (every PSU with a national row, as the threshold term reaches them);
//!    - QSR: `U_p = (sum_{p, D} w dS80 - QSR sum_{p, D} w dS20) / S20`;
//!    - RMPG (`rmpg = 100 (t - m) / t`): with `a`, `A_p`, `W_p` as for ARPR and
//!      `M_p = sum_{p, D} w [y <= m]`, `Z_p = f_D(t) T_p + (A_p - a W_p) / N_D`,
//!      `Zm_p = (Z_p / 2 - (M_p - a W_p / 2) / N_D) / f_D(m)`,
//!      `U_p = 100 (-Zm_p / t + m T_p / t^2)` (Osier 2009; `T_p` with its coefficient);
//!    - quantile (Woodruff 1952): the CDF at `q`, `U_p = (B_p - F W_p) / W`, `B_p = sum w [y <= q]`.
//!
//!    The ultimate-cluster variance of the PSU totals is [`Design::variance_of_scores`] on a
//!    design whose units are the PSUs (same strata, fpc and lonely-PSU policy).
//! 3. **Intervals.** A quantile's Woodruff interval maps `F -/+ t se(F)` back through the
//!    domain's quantile function: two more quantiles per domain, found as in stage 1.
//!
//! Replicate variances of these statistics and contrasts stay with [`crate::estimate`].

use std::collections::HashMap;
use std::sync::Arc;

use crate::design::{Design, DesignSpec, Grouping, LonelyPsu};
use crate::dist::t_quantile;
use crate::error::SurveyError;
use crate::estimate::{make_row, Cell, EstimateRow, StatRequest};
use crate::gini_pass::{gini_by_domain, GiniDomain};
use crate::partials::{DomainTable, Rows};
use crate::quantile::{CompensatedSum, QuantileRule};
use crate::rank_sort::{InMemory, RankRecord, RecordSorter, SortBackend};
use crate::reliability::ReliabilityRule;
use crate::statistic::{kernel, Statistic};
use crate::threshold::QuantileSearch;

/// Whether [`SecondPass`] computes this statistic.
pub fn streams(stat: &Statistic) -> bool {
    matches!(
        stat,
        Statistic::Quantile { .. }
            | Statistic::PovertyThreshold { .. }
            | Statistic::PovertyRate { .. }
            | Statistic::QuintileShareRatio
            | Statistic::Gini
            | Statistic::RelativeMedianGap { .. }
    )
}

/// The bounds of the working set of [`SecondPass`].
#[derive(Debug, Clone)]
pub struct PassLimits {
    /// Rows of one quantile's bracket kept in memory ([`QuantileSearch::new`]).
    pub bracket_rows: u64,
    /// Where the Gini coefficient's sorts come from: [`InMemory`] keeps its rows (32 bytes
    /// each) in memory; a caller that may do I/O gives a bounded sort that spills to files.
    pub sorts: Arc<dyn SortBackend>,
}

impl PassLimits {
    /// Brackets of `bracket_rows` rows and the Gini coefficient's rows sorted in memory.
    pub fn in_memory(bracket_rows: u64) -> Self {
        PassLimits {
            bracket_rows,
            sorts: Arc::new(InMemory),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Thresholds,
    Scores,
    Intervals,
    Done,
}

/// The national income distribution of one variable, shared by its ARPT, ARPR and RMPG: its
/// median and the threshold's scores.
#[derive(Debug, Clone)]
struct National {
    /// The first statistic of the variable (whose column the chunks give).
    stat: usize,
    median: QuantileSearch,
    sw: f64,
    swy: f64,
    ss: f64,
    /// `sum w phi((q - y) / h)` at the median `q`.
    dens: f64,
    /// Per PSU unit: `sum w ([y <= q] - 1/2)`.
    t: HashMap<u32, f64>,
}

impl National {
    fn q(&self) -> f64 {
        self.median.value().unwrap_or(f64::NAN)
    }
    fn h(&self) -> f64 {
        (self.ss / self.sw).sqrt() / self.sw.powf(0.2)
    }
    /// The coefficient `-s / (N f(q))` of the threshold's scores.
    fn coefficient(&self, share: f64) -> f64 {
        let f = self.dens / (self.sw * self.h());
        -share / (self.sw * f)
    }

    /// Stage 1, pass `pass`: the median's search, the weights and sum (pass 0) and the sum of
    /// squares about the mean (pass 1) of the bandwidth.
    fn add_thresholds(&mut self, y: &[f64], w: &[f64], pass: usize) {
        let mean = self.swy / self.sw;
        for (r, &v) in y.iter().enumerate() {
            if v.is_nan() {
                continue;
            }
            self.median.add(v, w[r]);
            match pass {
                0 => {
                    self.sw += w[r];
                    self.swy += w[r] * v;
                }
                1 => {
                    let d = v - mean;
                    self.ss += w[r] * d * d;
                }
                _ => {}
            }
        }
    }

    /// Stage 2: the kernel sum at the median and the threshold's PSU totals.
    fn add_scores(&mut self, y: &[f64], w: &[f64], units: &[u32]) {
        let (q, h) = (self.q(), self.h());
        for (r, &v) in y.iter().enumerate() {
            if v.is_nan() {
                continue;
            }
            self.dens += kernel(w[r], q, v, h);
            let ind = if v <= q { 1.0 } else { 0.0 };
            *self.t.entry(units[r]).or_insert(0.0) += w[r] * (ind - 0.5);
        }
    }
}

/// One statistic on one domain.
#[derive(Debug, Clone, Default)]
struct Dom {
    n: u64,
    n_all: u64,
    pop: f64,
    /// `sum w y` over the rows with `y` (the Gini coefficient's `Y`).
    swy: f64,
    w_all: f64,
    w_missing: f64,
    /// Stage 1: the quantile (quantile), `q20, q80` (QSR) or the median below the threshold
    /// (RMPG, once the threshold is known); stage 3: the interval's ends.
    searches: Vec<QuantileSearch>,
    /// Compensated sums: below / poor / high, and all / all / low.
    a: CompensatedSum,
    b: CompensatedSum,
    /// Plain sums: the weight (quantile), S20 (QSR); the kernel sums at `t` (ARPR, RMPG) and
    /// at the median below it (RMPG).
    plain: f64,
    dens: f64,
    dens_m: f64,
    /// Per PSU unit, two sums (see the module docs).
    psu: HashMap<u32, (f64, f64)>,
    /// RMPG: per PSU unit, `sum w [y <= m]`; the median `m` below the threshold.
    low: HashMap<u32, f64>,
    poor_median: f64,
    /// Quantile: `(est, df, t)` once the scores are in.
    woodruff: Option<(f64, f64, f64)>,
}

impl Dom {
    fn nonresponse(&self) -> f64 {
        if self.n == self.n_all {
            0.0
        } else {
            self.w_missing / self.w_all
        }
    }
    fn value(&self, i: usize) -> f64 {
        self.searches
            .get(i)
            .and_then(QuantileSearch::value)
            .unwrap_or(f64::NAN)
    }
}

/// The Gini coefficient of one variable, shared by every request of it.
struct GiniSort {
    /// The first statistic of the variable (whose column and domains the chunks give).
    stat: usize,
    /// The first pass's rows, until the sweep at its end.
    sorter: Option<Box<dyn RecordSorter>>,
    /// Per domain id, after the first pass.
    domains: Vec<GiniDomain>,
}

/// The statistics that `share` one piece of work per variable: the first statistic of each
/// variable, and per statistic its variable's index among those (`None` if not shared).
fn by_variable(
    stats: &[(Statistic, String)],
    share: impl Fn(&Statistic) -> bool,
) -> (Vec<usize>, Vec<Option<usize>>) {
    let mut firsts: Vec<usize> = Vec::new();
    let of = (stats.iter().enumerate())
        .map(|(s, (stat, variable))| {
            if !share(stat) {
                return None;
            }
            let i = (firsts.iter().position(|&f| stats[f].1 == *variable)).unwrap_or_else(|| {
                firsts.push(s);
                firsts.len() - 1
            });
            Some(i)
        })
        .collect();
    (firsts, of)
}

/// Quantiles, ARPT, ARPR, QSR, RMPG and the Gini coefficient pass by pass (see the module docs).
pub struct SecondPass {
    stats: Vec<Statistic>,
    variables: Vec<String>,
    lonely: LonelyPsu,
    alpha: f64,
    limit: u64,
    stage: Stage,
    pass: usize,
    passes: usize,
    row: usize,
    /// Sum of the weights read in the first pass (bounded as the design's).
    weight_total: f64,
    units: HashMap<(u32, u64), u32>,
    last_unit: ((u32, u64), u32),
    stratum_of_unit: Vec<u32>,
    stratum_fpc: Vec<f64>,
    stratum_labels: Vec<String>,
    /// One per variable of the statistics that use the national threshold.
    national: Vec<National>,
    /// Per statistic: its variable's entry of `national`.
    nat_of: Vec<Option<usize>>,
    /// RMPG: whether the searches of the median below the threshold have started.
    poor_started: Vec<bool>,
    /// One per variable of the Gini coefficients: its rows sorted by (domain, value, row).
    ginis: Vec<GiniSort>,
    /// Per statistic: its variable's entry of `ginis`.
    gini_of: Vec<Option<usize>>,
    /// `[statistic][domain id]`.
    domains: Vec<Vec<Dom>>,
    design: Option<Design>,
}

impl SecondPass {
    /// `stats` with their variables (the output labels); `level`: of the confidence intervals.
    pub fn new(
        stats: Vec<(Statistic, String)>,
        lonely: LonelyPsu,
        level: f64,
        limits: PassLimits,
    ) -> Result<Self, SurveyError> {
        if let Some((s, _)) = stats.iter().find(|(s, _)| !streams(s)) {
            return Err(SurveyError::Invalid(format!(
                "{} is not computed in passes",
                s.name()
            )));
        }
        let limit = limits.bracket_rows;
        // ARPT, ARPR and RMPG of one variable share its median and threshold scores
        let (firsts, nat_of) = by_variable(&stats, Statistic::uses_national_threshold);
        let national = (firsts.into_iter())
            .map(|stat| National {
                stat,
                median: QuantileSearch::new(0.5, QuantileRule::Laeken, limit),
                sw: 0.0,
                swy: 0.0,
                ss: 0.0,
                dens: 0.0,
                t: HashMap::new(),
            })
            .collect();
        // two Gini coefficients of one variable (or its several domains) share one sort
        let (firsts, gini_of) = by_variable(&stats, |s| *s == Statistic::Gini);
        let ginis = (firsts.into_iter())
            .map(|stat| {
                Ok(GiniSort {
                    stat,
                    sorter: Some(limits.sorts.sorter()?),
                    domains: Vec::new(),
                })
            })
            .collect::<Result<_, SurveyError>>()?;
        Ok(SecondPass {
            poor_started: vec![false; stats.len()],
            ginis,
            gini_of,
            nat_of,
            domains: vec![Vec::new(); stats.len()],
            variables: stats.iter().map(|s| s.1.clone()).collect(),
            stats: stats.into_iter().map(|s| s.0).collect(),
            lonely,
            alpha: 1.0 - level,
            limit,
            stage: Stage::Thresholds,
            pass: 0,
            passes: 0,
            row: 0,
            weight_total: 0.0,
            units: HashMap::new(),
            last_unit: ((u32::MAX, u64::MAX), 0),
            stratum_of_unit: Vec::new(),
            stratum_fpc: Vec::new(),
            stratum_labels: Vec::new(),
            national,
            design: None,
        })
    }

    /// Whether another pass over the data is needed.
    pub fn wants_pass(&self) -> bool {
        self.stage != Stage::Done
    }

    /// Passes made so far.
    pub fn passes(&self) -> usize {
        self.passes
    }

    /// PSUs met (the units of the variance).
    pub fn n_psu(&self) -> usize {
        self.stratum_of_unit.len()
    }

    /// The unit of a row's (stratum, PSU), numbered in the first pass.
    fn unit(&mut self, r: usize, rows: &Rows<'_>) -> Result<u32, SurveyError> {
        let h = rows.strata.as_ref().map_or(0, |g| g.codes[r]);
        let key = (h, rows.psu[r]);
        if key == self.last_unit.0 {
            return Ok(self.last_unit.1);
        }
        let missing = |what| SurveyError::MissingDesignValue {
            what,
            row: self.row + r,
        };
        if h == u32::MAX {
            return Err(missing("stratum"));
        }
        if key.1 == u64::MAX {
            return Err(missing("PSU"));
        }
        let next = self.stratum_of_unit.len() as u32;
        let u = match self.units.get(&key) {
            Some(&u) => u,
            None if self.stage == Stage::Thresholds && self.pass == 0 => {
                self.units.insert(key, next);
                self.stratum_of_unit.push(h);
                next
            }
            None => {
                return Err(SurveyError::Invalid(
                    "the data changed between passes".into(),
                ))
            }
        };
        self.last_unit = (key, u);
        Ok(u)
    }

    /// The first pass: weights checked, PSUs numbered, strata's fpc noted; the rows' units.
    fn first_pass_design(&mut self, rows: &Rows<'_>) -> Result<Vec<u32>, SurveyError> {
        if let Some(g) = &rows.strata {
            if g.labels.len() > self.stratum_labels.len() {
                self.stratum_labels = g.labels.to_vec();
            }
        }
        let mut units = Vec::with_capacity(rows.weights.len());
        for (r, &w) in rows.weights.iter().enumerate() {
            crate::design::check_weight(w, &mut self.weight_total, self.row + r)?;
            units.push(self.unit(r, rows)?);
            let h = rows.strata.as_ref().map_or(0, |g| g.codes[r]) as usize;
            if self.stratum_fpc.len() <= h {
                self.stratum_fpc.resize(h + 1, f64::NAN);
            }
            if let Some(f) = rows.fpc {
                if self.stratum_fpc[h].is_nan() {
                    self.stratum_fpc[h] = f[r];
                }
            }
        }
        Ok(units)
    }

    /// The searches of a new domain of statistic `s`.
    fn new_dom(&self, s: usize) -> Dom {
        let search = |p, rule| QuantileSearch::new(p, rule, self.limit);
        let searches = match self.stats[s] {
            Statistic::Quantile { p, rule } => vec![search(p, rule)],
            Statistic::QuintileShareRatio => vec![
                search(0.2, QuantileRule::Laeken),
                search(0.8, QuantileRule::Laeken),
            ],
            _ => Vec::new(),
        };
        Dom {
            searches,
            ..Dom::default()
        }
    }

    /// One chunk of rows (every row of the file, in the same chunks' order in every pass).
    pub fn add(&mut self, rows: &Rows<'_>) -> Result<(), SurveyError> {
        let first = self.stage == Stage::Thresholds && self.pass == 0;
        let units: Vec<u32> = if first {
            self.first_pass_design(rows)?
        } else if self.stage == Stage::Scores {
            (0..rows.weights.len())
                .map(|r| self.unit(r, rows))
                .collect::<Result<_, _>>()?
        } else {
            Vec::new()
        };
        for nat in &mut self.national {
            let y = rows.y[nat.stat];
            match self.stage {
                Stage::Thresholds => nat.add_thresholds(y, rows.weights, self.pass),
                Stage::Scores => nat.add_scores(y, rows.weights, &units),
                _ => {}
            }
        }
        if first {
            self.sort_rows(rows, &units)?;
        }
        for s in 0..self.stats.len() {
            let y = rows.y[s];
            if first {
                self.count(s, rows);
            }
            match self.stage {
                Stage::Thresholds => self.add_thresholds(s, y, rows),
                Stage::Scores => self.add_scores(s, y, rows, &units),
                Stage::Intervals => {
                    for (r, &d) in rows.domain.iter().enumerate() {
                        if d != u32::MAX && !y[r].is_nan() {
                            let dom = &mut self.domains[s][d as usize];
                            dom.searches
                                .iter_mut()
                                .for_each(|q| q.add(y[r], rows.weights[r]));
                        }
                    }
                }
                Stage::Done => {}
            }
        }
        self.row += rows.weights.len();
        Ok(())
    }

    /// First pass: each domain's rows, weights and item non-response.
    fn count(&mut self, s: usize, rows: &Rows<'_>) {
        let y = rows.y[s];
        for (r, &d) in rows.domain.iter().enumerate() {
            if d == u32::MAX {
                continue;
            }
            let d = d as usize;
            while self.domains[s].len() <= d {
                let dom = self.new_dom(s);
                self.domains[s].push(dom);
            }
            let w = rows.weights[r];
            let dom = &mut self.domains[s][d];
            dom.n_all += 1;
            dom.w_all += w;
            if y[r].is_nan() {
                dom.w_missing += w;
            } else {
                dom.n += 1;
                dom.pop += w;
                dom.swy += w * y[r];
            }
        }
    }

    /// First pass, Gini: the domains' rows into each variable's sort.
    fn sort_rows(&mut self, rows: &Rows<'_>, units: &[u32]) -> Result<(), SurveyError> {
        for gini in &mut self.ginis {
            let Some(sort) = &mut gini.sorter else {
                continue;
            };
            let y = rows.y[gini.stat];
            for (r, &d) in rows.domain.iter().enumerate() {
                if d != u32::MAX && !y[r].is_nan() {
                    let row = (self.row + r) as u64;
                    sort.push(RankRecord::new(d, y[r], row, rows.weights[r], units[r]))?;
                }
            }
        }
        Ok(())
    }

    /// The domains' searches (RMPG's: among the rows below the threshold).
    fn add_thresholds(&mut self, s: usize, y: &[f64], rows: &Rows<'_>) {
        let w = rows.weights;
        let below = match self.stats[s] {
            Statistic::RelativeMedianGap { share } => Some(share * self.nat(s).q()),
            _ => None,
        };
        for (r, &d) in rows.domain.iter().enumerate() {
            if d != u32::MAX && !y[r].is_nan() && below.is_none_or(|t| y[r] < t) {
                let dom = &mut self.domains[s][d as usize];
                dom.searches.iter_mut().for_each(|q| q.add(y[r], w[r]));
            }
        }
    }

    fn add_scores(&mut self, s: usize, y: &[f64], rows: &Rows<'_>, units: &[u32]) {
        let w = rows.weights;
        let (q, h) = match self.nat_of[s] {
            Some(i) => (self.national[i].q(), self.national[i].h()),
            None => (f64::NAN, f64::NAN),
        };
        let stat = self.stats[s];
        if matches!(stat, Statistic::PovertyThreshold { .. } | Statistic::Gini) {
            return;
        }
        for (r, &d) in rows.domain.iter().enumerate() {
            let (v, wr) = (y[r], w[r]);
            if d == u32::MAX || v.is_nan() {
                continue;
            }
            let dom = &mut self.domains[s][d as usize];
            let (q0, q1) = (dom.value(0), dom.value(1));
            let cell = dom.psu.entry(units[r]).or_insert((0.0, 0.0));
            match stat {
                Statistic::Quantile { .. } => {
                    let below = if v <= q0 { wr } else { 0.0 };
                    *cell = (cell.0 + below, cell.1 + wr);
                    dom.a.add(below);
                    dom.plain += wr;
                }
                Statistic::PovertyRate { share } => {
                    let t = share * q;
                    let poor = if v < t { wr } else { 0.0 };
                    *cell = (cell.0 + poor, cell.1 + wr);
                    dom.a.add(poor);
                    dom.b.add(wr);
                    dom.dens += kernel(wr, t, v, h);
                }
                Statistic::RelativeMedianGap { share } => {
                    let (t, m) = (share * q, q0);
                    let poor = if v < t { wr } else { 0.0 };
                    *cell = (cell.0 + poor, cell.1 + wr);
                    *dom.low.entry(units[r]).or_insert(0.0) += if v <= m { wr } else { 0.0 };
                    dom.a.add(poor);
                    dom.b.add(wr);
                    dom.dens += kernel(wr, t, v, h);
                    dom.dens_m += kernel(wr, m, v, h);
                }
                Statistic::QuintileShareRatio => {
                    let (q20, q80) = (q0, q1);
                    let ds = |q: f64, p: f64| {
                        let ind = if v <= q { 1.0 } else { 0.0 };
                        v * ind - q * (ind - p)
                    };
                    *cell = (cell.0 + wr * (v - ds(q80, 0.8)), cell.1 + wr * ds(q20, 0.2));
                    if v <= q20 {
                        dom.b.add(wr * v);
                        dom.plain += wr * v;
                    }
                    if v > q80 {
                        dom.a.add(wr * v);
                    }
                }
                _ => {}
            }
        }
    }

    /// The national distribution of statistic `s` (one that uses the national threshold).
    fn nat(&self, s: usize) -> &National {
        &self.national[self.nat_of[s].expect("a statistic with a national threshold")]
    }

    /// Ends a pass over the data.
    pub fn end_pass(&mut self) -> Result<(), SurveyError> {
        self.passes += 1;
        self.row = 0;
        if self.stage == Stage::Thresholds && self.pass == 0 {
            self.sweep_gini()?;
        }
        let mut done = true;
        for dom in self.domains.iter_mut().flatten() {
            for q in &mut dom.searches {
                done &= q.end_pass();
            }
        }
        for nat in &mut self.national {
            done &= nat.median.end_pass();
        }
        done &= !self.start_poor_medians();
        self.pass += 1;
        match self.stage {
            Stage::Thresholds if done && (self.pass >= 2 || self.national.is_empty()) => {
                self.design = Some(self.psu_design()?);
                // the Gini coefficient needs no pass after the first
                let scores = self.stats.iter().any(|s| *s != Statistic::Gini);
                self.next_stage(if scores { Stage::Scores } else { Stage::Done });
            }
            Stage::Scores => {
                self.start_intervals();
                let any = self
                    .domains
                    .iter()
                    .flatten()
                    .any(|d| !d.searches.is_empty());
                self.next_stage(if any { Stage::Intervals } else { Stage::Done });
            }
            Stage::Intervals if done => self.next_stage(Stage::Done),
            _ => {}
        }
        Ok(())
    }

    /// The Gini coefficients of every domain from the rows sorted in the first pass.
    fn sweep_gini(&mut self) -> Result<(), SurveyError> {
        for gini in &mut self.ginis {
            let Some(sort) = gini.sorter.take() else {
                continue;
            };
            let totals: Vec<(f64, f64)> = (self.domains[gini.stat].iter())
                .map(|d| (d.pop, d.swy))
                .collect();
            gini.domains = gini_by_domain(sort.finish()?, &totals)?;
        }
        Ok(())
    }

    /// RMPG: once the national median is known, each domain's median below the threshold is
    /// searched (one more threshold search); `true` when searches start.
    fn start_poor_medians(&mut self) -> bool {
        let mut started = false;
        for s in 0..self.stats.len() {
            let ready = self.nat_of[s].is_some_and(|i| self.national[i].median.value().is_some());
            if !matches!(self.stats[s], Statistic::RelativeMedianGap { .. })
                || self.poor_started[s]
                || !ready
            {
                continue;
            }
            self.poor_started[s] = true;
            started = true;
            for dom in &mut self.domains[s] {
                dom.searches = vec![QuantileSearch::new(0.5, QuantileRule::Laeken, self.limit)];
            }
        }
        started
    }

    fn next_stage(&mut self, stage: Stage) {
        self.stage = stage;
        self.pass = 0;
    }

    /// The design whose units are the PSUs.
    fn psu_design(&self) -> Result<Design, SurveyError> {
        let units = self.stratum_of_unit.len();
        if units == 0 {
            return Err(SurveyError::Invalid("no rows".into()));
        }
        let mut labels = self.stratum_labels.clone();
        let strata = self.stratum_fpc.len().max(1);
        if labels.len() < strata {
            labels = (0..strata).map(|h| h.to_string()).collect();
        }
        let fpc: Option<Vec<f64>> = self.stratum_fpc.iter().any(|f| !f.is_nan()).then(|| {
            (self.stratum_of_unit.iter())
                .map(|&h| self.stratum_fpc[h as usize])
                .collect()
        });
        Design::new(DesignSpec {
            weights: &vec![1.0; units],
            strata: Some(Grouping {
                codes: &self.stratum_of_unit,
                labels: &labels,
            }),
            psu: None,
            nest: false,
            fpc: fpc.as_deref(),
            lonely: self.lonely,
        })
    }

    /// Variance and degrees of freedom of the PSU totals `(unit, total)`.
    fn variance(&self, totals: impl IntoIterator<Item = (u32, f64)>) -> (f64, f64) {
        let design = self.design.as_ref().expect("built after the thresholds");
        let mut scratch = design.scratch();
        // the PSU totals come out of hash maps in an order that changes from run to run; in
        // unit order the sums, and so the last digits, are the same every time and for any
        // chunking of the file
        let mut totals: Vec<(u32, f64)> = totals.into_iter().collect();
        totals.sort_unstable_by_key(|&(unit, _)| unit);
        design.variance_of_scores(totals, &mut scratch)
    }

    /// After the scores: each quantile's CDF variance gives the Woodruff interval's
    /// probabilities, whose quantiles the next passes find.
    fn start_intervals(&mut self) {
        let limit = self.limit;
        for s in 0..self.stats.len() {
            let Statistic::Quantile { rule, .. } = self.stats[s] else {
                for dom in &mut self.domains[s] {
                    dom.poor_median = dom.value(0);
                    dom.searches.clear();
                }
                continue;
            };
            for d in 0..self.domains[s].len() {
                let dom = &self.domains[s][d];
                let est = dom.value(0);
                let (all, f) = (dom.plain, dom.a.value() / dom.plain);
                let totals: Vec<(u32, f64)> = (dom.psu.iter())
                    .map(|(&u, &(b, w))| (u, (b - f * w) / all))
                    .collect();
                let (var, df) = self.variance(totals);
                let t = t_quantile(1.0 - self.alpha / 2.0, df.max(1.0));
                // as crate::estimate: a variance that is zero up to rounding is zero
                let se_f = if var > 1e-24 { var.sqrt() } else { 0.0 };
                let (pl, pu) = (f - t * se_f, f + t * se_f);
                let dom = &mut self.domains[s][d];
                dom.woodruff = Some((est, df, t));
                dom.searches = [(pl, pl.is_nan() || pl < 0.0), (pu, pu.is_nan() || pu > 1.0)]
                    .into_iter()
                    .map(|(p, none)| {
                        let mut q = QuantileSearch::new(p, rule, limit);
                        if none {
                            // no rows: NaN at once
                            q.end_pass();
                        }
                        q
                    })
                    .collect();
            }
        }
    }

    /// Statistic `s`'s cell on domain `d` (`first`: the first domain in output order, whose
    /// counts the national threshold reports, as [`crate::estimate`]).
    fn cell(&self, s: usize, d: usize, first: usize) -> Cell {
        let dom = &self.domains[s][d];
        let design_df = || {
            self.design
                .as_ref()
                .map_or(f64::NAN, Design::degrees_of_freedom)
        };
        let (est, se, ci, df) = match self.stats[s] {
            Statistic::Quantile { .. } => {
                let (est, df, t) = dom.woodruff.unwrap_or((f64::NAN, f64::NAN, f64::NAN));
                let (lo, hi) = (dom.value(0), dom.value(1));
                (est, (hi - lo) / (2.0 * t), (lo, hi), df)
            }
            Statistic::PovertyThreshold { share } => {
                let nat = self.nat(s);
                let k = nat.coefficient(share);
                let (var, _) = self.variance(nat.t.iter().map(|(&u, &v)| (u, k * v)));
                self.symmetric(share * nat.q(), var, design_df())
            }
            Statistic::PovertyRate { share } => {
                let nat = self.nat(s);
                let est = 100.0 * dom.a.value() / dom.b.value();
                let (a, nd) = (est / 100.0, dom.pop);
                let fd = dom.dens / (nd * nat.h());
                let k = nat.coefficient(share);
                let totals = nat.t.iter().map(|(&u, &v)| {
                    let own = dom
                        .psu
                        .get(&u)
                        .map_or(0.0, |&(poor, w)| (poor - a * w) / nd);
                    (u, 100.0 * (fd * k * v + own))
                });
                let (var, _) = self.variance(totals);
                self.symmetric(est, var, design_df())
            }
            Statistic::QuintileShareRatio => {
                let est = dom.a.value() / dom.b.value();
                let totals =
                    (dom.psu.iter()).map(|(&u, &(d80, d20))| (u, (d80 - est * d20) / dom.plain));
                let (var, df) = self.variance(totals);
                self.symmetric(est, var, df)
            }
            Statistic::RelativeMedianGap { share } => {
                let (est, var) = self.rmpg(self.nat(s), dom, share);
                self.symmetric(est, var, design_df())
            }
            Statistic::Gini => {
                let gini = self.gini_of[s].and_then(|i| self.ginis[i].domains.get(d));
                let est = gini.map_or(f64::NAN, |g| g.est);
                let (var, df) = self.variance(gini.into_iter().flat_map(GiniDomain::totals));
                self.symmetric(est, var, df)
            }
            _ => unreachable!("checked in new"),
        };
        let counts = match self.stats[s] {
            Statistic::PovertyThreshold { .. } => &self.domains[s][first],
            _ => dom,
        };
        Cell {
            est,
            se,
            ci,
            deff: f64::NAN,
            n: counts.n,
            pop: counts.pop,
            df,
            scores: None,
            nonresponse: counts.nonresponse(),
        }
    }

    /// RMPG's estimate and variance on a domain: with `a` the domain's poverty rate (a
    /// fraction), `f_D` its kernel density (national bandwidth), `z^t` the threshold's scores,
    /// the PSU totals of `z^arpr = f_D(t) z^t + [D] ([y < t] - a) / N_D`,
    /// `z^m = (z^arpr / 2 - [D] ([y <= m] - a / 2) / N_D) / f_D(m)` and
    /// `z = 100 (-z^m / t + m z^t / t^2)`, as [`crate::statistic::linearised_scores`].
    fn rmpg(&self, nat: &National, dom: &Dom, share: f64) -> (f64, f64) {
        let (t, m) = (share * nat.q(), dom.poor_median);
        let est = 100.0 * (t - m) / t;
        let a = (100.0 * dom.a.value() / dom.b.value()) / 100.0;
        let nd = dom.pop;
        let (fd_t, fd_m) = (dom.dens / (nd * nat.h()), dom.dens_m / (nd * nat.h()));
        let k = nat.coefficient(share);
        let totals = nat.t.iter().map(|(&u, &v)| {
            let ut = k * v;
            let (poor, w) = dom.psu.get(&u).copied().unwrap_or((0.0, 0.0));
            let low = dom.low.get(&u).copied().unwrap_or(0.0);
            let zarpr = fd_t * ut + (poor - a * w) / nd;
            let zm = (zarpr / 2.0 - (low - a / 2.0 * w) / nd) / fd_m;
            (u, 100.0 * (-zm / t + m * ut / (t * t)))
        });
        (est, self.variance(totals).0)
    }

    /// `(est, se, est -/+ t se, df)`.
    fn symmetric(&self, est: f64, var: f64, df: f64) -> (f64, f64, (f64, f64), f64) {
        let t = t_quantile(1.0 - self.alpha / 2.0, df.max(1.0));
        let se = var.sqrt();
        (est, se, (est - t * se, est + t * se), df)
    }

    /// The rows of every domain of `table` (in its order) and statistic, the national
    /// threshold once without labels: the rows [`crate::estimate`] gives.
    pub fn rows(
        &self,
        table: &DomainTable,
        reliability: &ReliabilityRule,
        country_of_domain: Option<&[Option<String>]>,
    ) -> Result<Vec<EstimateRow>, SurveyError> {
        if self.stage != Stage::Done {
            return Err(SurveyError::Invalid("the passes are not finished".into()));
        }
        let Some(&first) = table.id.first() else {
            return Err(SurveyError::Invalid("no domain".into()));
        };
        let mut out = Vec::new();
        for (k, &d) in table.id.iter().enumerate() {
            for (s, &statistic) in self.stats.iter().enumerate() {
                let national = matches!(statistic, Statistic::PovertyThreshold { .. });
                if national && k > 0 {
                    continue;
                }
                let cell = self.cell(s, d as usize, first as usize);
                let domain = if national {
                    vec![String::new(); table.variables.len()]
                } else {
                    table.labels[k].clone()
                };
                let sr = StatRequest {
                    statistic,
                    variable: self.variables[s].clone(),
                    y: &[],
                    x: None,
                };
                let country = country_of_domain.and_then(|c| c[k].as_deref());
                out.push(make_row(reliability, &sr, domain, &cell, country)?);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rank_sort::{MemorySort, SortedRecords};
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn pass_with(stats: &[(Statistic, &str)], limits: PassLimits) -> SecondPass {
        let stats = stats.iter().map(|(s, v)| (*s, v.to_string())).collect();
        SecondPass::new(stats, LonelyPsu::Fail, 0.95, limits).unwrap()
    }

    fn pass(stats: &[(Statistic, &str)]) -> SecondPass {
        pass_with(stats, PassLimits::in_memory(4))
    }

    /// An in-memory backend that counts the sorts it made and the records pushed to them.
    #[derive(Debug, Default)]
    struct Counted {
        sorts: AtomicUsize,
        records: Arc<AtomicUsize>,
    }

    struct CountedSort {
        inner: MemorySort,
        records: Arc<AtomicUsize>,
    }

    impl RecordSorter for CountedSort {
        fn push(&mut self, record: RankRecord) -> Result<(), SurveyError> {
            self.records.fetch_add(1, Ordering::Relaxed);
            self.inner.push(record)
        }
        fn finish(self: Box<Self>) -> Result<SortedRecords, SurveyError> {
            Box::new(self.inner).finish()
        }
    }

    impl SortBackend for Counted {
        fn sorter(&self) -> Result<Box<dyn RecordSorter>, SurveyError> {
            self.sorts.fetch_add(1, Ordering::Relaxed);
            Ok(Box::new(CountedSort {
                inner: MemorySort::default(),
                records: Arc::clone(&self.records),
            }))
        }
    }

    /// 40 rows in 10 PSUs, in 4 chunks, two domains.
    fn add_chunks(p: &mut SecondPass, y: &[f64], w: &[f64]) {
        let psu: Vec<u64> = (0..40).map(|i| i / 4).collect();
        let domain: Vec<u32> = (0..40).map(|i| u32::from(i >= 20)).collect();
        let label = |k: u64| k.to_string();
        for chunk in 0..4 {
            let r = chunk * 10..(chunk + 1) * 10;
            let rows = Rows {
                weights: &w[r.clone()],
                strata: None,
                psu: &psu[r.clone()],
                psu_label: &label,
                fpc: None,
                domain: &domain[r.clone()],
                y: vec![&y[r.clone()]; p.stats.len()],
                x: vec![None; p.stats.len()],
            };
            p.add(&rows).unwrap();
        }
    }

    fn gini_of(p: &SecondPass, s: usize, d: usize) -> &GiniDomain {
        &p.ginis[p.gini_of[s].unwrap()].domains[d]
    }

    #[test]
    fn arpt_arpr_and_rmpg_of_one_variable_share_one_national_median() {
        let share = 0.6;
        let p = pass(&[
            (Statistic::PovertyThreshold { share }, "eq"),
            (Statistic::PovertyRate { share }, "eq"),
            (Statistic::Gini, "eq"),
            (Statistic::RelativeMedianGap { share }, "eq"),
            (Statistic::PovertyRate { share }, "py"),
        ]);
        assert_eq!(p.national.len(), 2);
        assert_eq!(p.nat_of, [Some(0), Some(0), None, Some(0), Some(1)]);
        assert_eq!(p.national[1].stat, 4);
    }

    #[test]
    fn the_gini_coefficient_needs_one_pass() {
        let mut p = pass(&[(Statistic::Gini, "eq")]);
        let y: Vec<f64> = (0..40).map(|i| f64::from((i * 7) % 13)).collect();
        let w = vec![1.5; 40];
        add_chunks(&mut p, &y, &w);
        p.end_pass().unwrap();
        assert!(!p.wants_pass());
        assert_eq!(p.passes(), 1);
        for (d, rows) in [(0, 0..20), (1, 20..40)] {
            let order = crate::statistic::sorted_rows(&y, rows);
            let want = crate::statistic::gini(&order, &y, &w);
            let got = gini_of(&p, 0, d).est;
            assert!((got - want).abs() < 1e-12, "{got} vs {want}");
        }
    }

    #[test]
    fn gini_requests_of_one_variable_share_one_sort() {
        let counted = Arc::new(Counted::default());
        let stats = [
            (Statistic::Gini, "eq"),
            (Statistic::Gini, "py"),
            (Statistic::Gini, "eq"),
        ];
        let limits = PassLimits {
            bracket_rows: 4,
            sorts: counted.clone(),
        };
        let mut p = pass_with(&stats, limits);
        assert_eq!(p.gini_of, [Some(0), Some(1), Some(0)]);
        assert_eq!(counted.sorts.load(Ordering::Relaxed), 2);
        let y: Vec<f64> = (0..40).map(|i| f64::from((i * 7) % 13)).collect();
        let w: Vec<f64> = (0..40).map(|i| f64::from(i % 3)).collect();
        add_chunks(&mut p, &y, &w);
        // every row of both domains once per variable, not once per request
        assert_eq!(counted.records.load(Ordering::Relaxed), 2 * 40);
        p.end_pass().unwrap();
        assert!(!p.wants_pass());
        for d in 0..2 {
            let (a, b) = (gini_of(&p, 0, d), gini_of(&p, 2, d));
            assert!(a.est.is_finite());
            assert_eq!(a.est.to_bits(), b.est.to_bits());
            assert_eq!(a.parts, b.parts);
        }
    }
}
