//! Quantiles and the EU-SILC indicators ARPT, ARPR and QSR in bounded memory: the data are
//! read in passes, chunk by chunk, and only per-domain searches, per-(PSU, domain) score totals
//! and the PSUs' strata are kept, so memory grows with PSUs x domains, not with the rows. The
//! results equal [`crate::estimate`] with linearised variances (the same formulas, see
//! [`crate::statistic`]), up to the order of the sums.
//!
//! The caller reads the file once per pass ([`SecondPass::wants_pass`]), hands every chunk to
//! [`SecondPass::add`] (the chunk's domain ids and stratum codes must mean the same in every
//! pass) and calls [`SecondPass::end_pass`]. The stages:
//!
//! 1. **Thresholds.** Exact weighted quantiles by refinement passes ([`crate::threshold`]):
//!    each domain's `p` quantile (`--quantile`), quintiles `q20`, `q80` (QSR), the national
//!    median (laeken rule) of `arpt = s * median`. The first pass also counts each domain's
//!    rows and weights and numbers the PSUs; the first two give the national bandwidth
//!    `h = sd_w(y) / N^(1/5)` (weighted mean, then the sum of squares about it; vardpoor).
//! 2. **Scores.** With the thresholds known, the linearised scores are sums of row terms
//!    whose coefficients are domain constants (Deville 1999; Osier 2009; laeken / vardpoor
//!    `linarpt`, `linarpr`; Hulliger & Münnich 2006 for the QSR), so one pass gives their PSU
//!    totals and the kernel densities:
//!    - threshold: `u_k = -s w_k ([y_k <= q] - 1/2) / (N f(q))`, with
//!      `f(x) = sum_k w_k phi((x - y_k) / h) / (N h)`; its PSU totals `T_p` are kept once;
//!    - ARPR: `U_p = 100 (f_D(t) T_p + (A_p - a W_p) / N_D)`, `A_p = sum_{p, D} w [y < t]`,
//!      `W_p = sum_{p, D} w` (every PSU with a national row, as the threshold term reaches them);
//!    - QSR: `U_p = (sum_{p, D} w dS80 - QSR sum_{p, D} w dS20) / S20`;
//!    - quantile (Woodruff 1952): the CDF at `q`, `U_p = (B_p - F W_p) / W`, `B_p = sum w [y <= q]`.
//!
//!    The ultimate-cluster variance of the PSU totals is [`Design::variance_of_scores`] on a
//!    design whose units are the PSUs (same strata, fpc and lonely-PSU policy).
//! 3. **Intervals.** A quantile's Woodruff interval maps `F -/+ t se(F)` back through the
//!    domain's quantile function: two more quantiles per domain, found as in stage 1.
//!
//! The Gini coefficient's scores depend on each row's rank (its cumulative weight, ties in row
//! order), RMPG's on a second median below the threshold; they, replicate variances and
//! contrasts stay with [`crate::estimate`].

use std::collections::HashMap;

use crate::design::{Design, DesignSpec, Grouping, LonelyPsu};
use crate::dist::t_quantile;
use crate::error::SurveyError;
use crate::estimate::{make_row, Cell, EstimateRow, StatRequest};
use crate::partials::{DomainTable, Rows};
use crate::quantile::{CompensatedSum, QuantileRule};
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
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Thresholds,
    Scores,
    Intervals,
    Done,
}

/// The national income distribution of one statistic: its median and the threshold's scores.
#[derive(Debug, Clone)]
struct National {
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
}

/// One statistic on one domain.
#[derive(Debug, Clone, Default)]
struct Dom {
    n: u64,
    n_all: u64,
    pop: f64,
    w_all: f64,
    w_missing: f64,
    /// Stage 1: the quantile (quantile) or `q20, q80` (QSR); stage 3: the interval's ends.
    searches: Vec<QuantileSearch>,
    /// Compensated sums: below / poor / high, and all / all / low.
    a: CompensatedSum,
    b: CompensatedSum,
    /// Plain sums: the weight (quantile), S20 (QSR); the kernel sum at `t` (ARPR).
    plain: f64,
    dens: f64,
    /// Per PSU unit, two sums (see the module docs).
    psu: HashMap<u32, (f64, f64)>,
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

/// Quantiles, ARPT, ARPR and QSR pass by pass (see the module docs).
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
    national: Vec<Option<National>>,
    /// `[statistic][domain id]`.
    domains: Vec<Vec<Dom>>,
    design: Option<Design>,
}

impl SecondPass {
    /// `stats` with their output labels; `limit`: rows of one bracket kept in memory
    /// ([`QuantileSearch::new`]); `level`: of the confidence intervals.
    pub fn new(
        stats: Vec<(Statistic, String)>,
        lonely: LonelyPsu,
        level: f64,
        limit: u64,
    ) -> Result<Self, SurveyError> {
        if let Some((s, _)) = stats.iter().find(|(s, _)| !streams(s)) {
            return Err(SurveyError::Invalid(format!(
                "{} is not computed in passes",
                s.name()
            )));
        }
        let national = stats
            .iter()
            .map(|(s, _)| {
                s.uses_national_threshold().then(|| National {
                    median: QuantileSearch::new(0.5, QuantileRule::Laeken, limit),
                    sw: 0.0,
                    swy: 0.0,
                    ss: 0.0,
                    dens: 0.0,
                    t: HashMap::new(),
                })
            })
            .collect();
        Ok(SecondPass {
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

    /// The first pass: weights checked, PSUs numbered, strata's fpc noted.
    fn first_pass_design(&mut self, rows: &Rows<'_>) -> Result<(), SurveyError> {
        if let Some(g) = &rows.strata {
            if g.labels.len() > self.stratum_labels.len() {
                self.stratum_labels = g.labels.to_vec();
            }
        }
        for (r, &w) in rows.weights.iter().enumerate() {
            crate::design::check_weight(w, &mut self.weight_total, self.row + r)?;
            self.unit(r, rows)?;
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
        Ok(())
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
        if first {
            self.first_pass_design(rows)?;
        }
        let units: Vec<u32> = if self.stage == Stage::Scores {
            (0..rows.weights.len())
                .map(|r| self.unit(r, rows))
                .collect::<Result<_, _>>()?
        } else {
            Vec::new()
        };
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
            }
        }
    }

    fn add_thresholds(&mut self, s: usize, y: &[f64], rows: &Rows<'_>) {
        let w = rows.weights;
        if let Some(nat) = &mut self.national[s] {
            let mean = nat.swy / nat.sw;
            for (r, &v) in y.iter().enumerate() {
                if v.is_nan() {
                    continue;
                }
                nat.median.add(v, w[r]);
                match self.pass {
                    0 => {
                        nat.sw += w[r];
                        nat.swy += w[r] * v;
                    }
                    1 => {
                        let d = v - mean;
                        nat.ss += w[r] * d * d;
                    }
                    _ => {}
                }
            }
        }
        for (r, &d) in rows.domain.iter().enumerate() {
            if d != u32::MAX && !y[r].is_nan() {
                let dom = &mut self.domains[s][d as usize];
                dom.searches.iter_mut().for_each(|q| q.add(y[r], w[r]));
            }
        }
    }

    fn add_scores(&mut self, s: usize, y: &[f64], rows: &Rows<'_>, units: &[u32]) {
        let w = rows.weights;
        let (q, h) = match &mut self.national[s] {
            Some(nat) => {
                let (q, h) = (nat.q(), nat.h());
                for (r, &v) in y.iter().enumerate() {
                    if v.is_nan() {
                        continue;
                    }
                    nat.dens += kernel(w[r], q, v, h);
                    let ind = if v <= q { 1.0 } else { 0.0 };
                    *nat.t.entry(units[r]).or_insert(0.0) += w[r] * (ind - 0.5);
                }
                (q, h)
            }
            None => (f64::NAN, f64::NAN),
        };
        let stat = self.stats[s];
        if matches!(stat, Statistic::PovertyThreshold { .. }) {
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

    /// Ends a pass over the data.
    pub fn end_pass(&mut self) -> Result<(), SurveyError> {
        self.passes += 1;
        self.row = 0;
        let mut done = true;
        for dom in self.domains.iter_mut().flatten() {
            for q in &mut dom.searches {
                done &= q.end_pass();
            }
        }
        for nat in self.national.iter_mut().flatten() {
            done &= nat.median.end_pass();
        }
        self.pass += 1;
        match self.stage {
            Stage::Thresholds
                if done && (self.pass >= 2 || self.national.iter().all(Option::is_none)) =>
            {
                self.design = Some(self.psu_design()?);
                self.next_stage(Stage::Scores);
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
                let nat = self.national[s].as_ref().expect("national");
                let k = nat.coefficient(share);
                let (var, _) = self.variance(nat.t.iter().map(|(&u, &v)| (u, k * v)));
                self.symmetric(share * nat.q(), var, design_df())
            }
            Statistic::PovertyRate { share } => {
                let nat = self.national[s].as_ref().expect("national");
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
