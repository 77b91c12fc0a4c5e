//! Linear statistics in bounded memory: per-(stratum, PSU, domain) partial sums.
//!
//! Totals, means and ratios (so also proportions, domains and their contrasts) are smooth
//! functions of domain totals `Y_d = sum_{k in d} w_k y_k` and `X_d = sum_{k in d} w_k x_k`
//! (`x = 1` for a mean). The linearised score of a ratio `R = Y / X` is
//! `u_k = w_k (y_k - R x_k) / X` (Woodruff 1971; R survey's `svyratio`), whose PSU total is
//! `(Y_p - R X_p) / X`, and the ultimate-cluster variance needs only those PSU totals. A
//! replicate estimate is `sum_p f_rp Y_p / sum_p f_rp X_p` with the replicate's PSU factors
//! `f_rp` (jackknife, Rao-Wu bootstrap, BRR): `N + P x R` work instead of `N x R`. The design
//! effect (R survey's `deff`, see [`crate::estimate`]) needs the domain's
//! `sum w y^2, sum w x y, sum w x^2`.
//!
//! So [`LinearAccumulator::add`] takes the rows chunk by chunk and keeps, per (PSU, domain) and
//! statistic, `(Y_p, X_p)`, and per domain the counts, sums and second moments: memory grows
//! with the PSUs x domains met, not with the rows. [`LinearAccumulator::estimate`] then works on
//! a design whose units are the PSUs: same strata, fpc and lonely-PSU policy, PSUs numbered in
//! order of first appearance as the row-level [`Design`] numbers them. The results equal
//! [`crate::estimate`] on the same rows up to rounding (sums are formed per PSU first), seeded
//! bootstrap replicates included. Calibrated and two-stage designs, supplied replicate weights,
//! quantiles and the EU-SILC indicators need the rows: they stay with [`crate::estimate`].
//!
//! Survey files come grouped by PSU (a household's or a village's rows are consecutive), so by
//! default the accumulator keeps only the current PSU's cells open and numbers PSUs as they
//! close, without a hash lookup per row; a PSU id met again after its rows were closed is
//! [`SurveyError::PsuNotGrouped`], and the caller starts again with
//! [`LinearAccumulator::any_order`], which indexes PSUs and cells by hash. With
//! [`LinearAccumulator::moments_only`] closed PSUs are not kept at all: each folds into
//! per-(stratum, domain) moments (the `moments` module), which give the linearised variance
//! exactly, in memory that depends on strata x domains only. Linearised variances without
//! contrasts always come from those moments (PSU totals kept to be written out as partial sums
//! are folded the same way at the end), so keeping the PSUs does not change a digit.

pub mod groups;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use crate::design::{Design, Grouping, LonelyPsu};
use crate::dist::t_quantile;
use crate::error::SurveyError;
use crate::estimate::{
    gap, judge, make_row, per_chunk, Cell, Contrast, ContrastKind, EstimateRow, StatRequest,
};
use crate::reliability::ReliabilityRule;
use crate::replicate::{jackknife_closed_form, JackknifePart, ReplicateScheme, Replicates};
use crate::statistic::Statistic;

mod moments;
mod overlap;
mod regroup;
mod replicates;
mod seen;

use moments::{Strata, StratumMoments};
use replicates::replicate_estimates;
use seen::SeenPsus;

/// A linear statistic: [`Statistic::Total`], [`Statistic::Mean`] or [`Statistic::Ratio`].
#[derive(Debug, Clone, PartialEq)]
pub struct LinearStat {
    pub statistic: Statistic,
    /// Label of the variable in the output (`num/den` for ratios).
    pub variable: String,
}

/// One chunk of rows: the design columns, each row's domain and the statistics' variables.
#[derive(Clone)]
pub struct Rows<'a> {
    pub weights: &'a [f64],
    /// Stratum codes and labels (codes must mean the same label in every chunk).
    pub strata: Option<Grouping<'a>>,
    /// PSU ids as keys that mean the same id in every chunk (`u64::MAX`: missing).
    pub psu: &'a [u64],
    /// The label of a PSU key (for messages).
    pub psu_label: &'a (dyn Fn(u64) -> String + Sync),
    /// Stratum population size in PSUs or sampling fraction, per row.
    pub fpc: Option<&'a [f64]>,
    /// Domain of each row (`u32::MAX`: in no domain); ids must be the same in every chunk.
    pub domain: &'a [u32],
    /// Per statistic: its variable and, for ratios, the denominator.
    pub y: Vec<&'a [f64]>,
    pub x: Vec<Option<&'a [f64]>>,
}

/// Sums over the rows of one domain (or one PSU x domain group, see [`groups`]) for one
/// statistic: over the rows with the statistic's variables present unless `_all`; `x = 1` for
/// totals and means.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct DomainSums {
    /// Rows with the variables present.
    pub n: u64,
    /// Rows in the domain.
    pub n_all: u64,
    /// Rows with the variables present and a non-zero weight.
    pub n_nonzero: u64,
    /// `sum w` over the rows with the variables present.
    pub w: f64,
    /// `sum w` over the rows in the domain.
    pub w_all: f64,
    /// `sum w` over the rows in the domain with a variable missing.
    pub w_missing: f64,
    pub y: f64,
    pub x: f64,
    pub yy: f64,
    pub xy: f64,
    pub xx: f64,
}

impl DomainSums {
    /// Adds one row of the domain; `false` when a variable is missing.
    fn add_row(&mut self, w: f64, y: f64, x: Option<f64>) -> bool {
        self.n_all += 1;
        self.w_all += w;
        if y.is_nan() || x.is_some_and(f64::is_nan) {
            self.w_missing += w;
            return false;
        }
        let x = x.unwrap_or(1.0);
        self.n += 1;
        self.n_nonzero += u64::from(w != 0.0);
        self.w += w;
        self.y += w * y;
        self.x += w * x;
        self.yy += w * y * y;
        self.xy += w * x * y;
        self.xx += w * x * x;
        true
    }

    /// Adds the sums of another group.
    fn merge(&mut self, o: &DomainSums) {
        self.n += o.n;
        self.n_all += o.n_all;
        self.n_nonzero += o.n_nonzero;
        self.w += o.w;
        self.w_all += o.w_all;
        self.w_missing += o.w_missing;
        self.y += o.y;
        self.x += o.x;
        self.yy += o.yy;
        self.xy += o.xy;
        self.xx += o.xx;
    }
}

/// The partial sums of linear statistics (see the module docs).
#[derive(Debug, Clone)]
pub struct LinearAccumulator {
    stats: Vec<Statistic>,
    nest: bool,
    rows: usize,
    weight_total: f64,
    /// Dense stratum of each caller stratum code.
    stratum_of_code: Vec<u32>,
    stratum_labels: Vec<String>,
    stratum_fpc: Vec<f64>,
    /// PSUs closed or open so far, per stratum.
    psus_in_stratum: Vec<u32>,
    /// Their sum (read for every row, so not summed each time).
    n_psus: usize,
    /// The stratum of each PSU (unless `moments`).
    stratum_of_psu: Vec<u32>,
    order: PsuOrder,
    /// Closed PSUs fold into these instead of staying in the cells.
    moments: Option<StratumMoments>,
    cell_psu: Vec<u32>,
    cell_domain: Vec<u32>,
    /// Bit `s`: the cell has a row with statistic `s`'s variables present.
    cell_touched: Vec<u64>,
    /// `(Y_p, X_p)` per statistic.
    cell_sums: Vec<f64>,
    domains: Vec<DomainSums>,
    last_cell: Option<(u64, u32)>,
    /// Per cell and statistic, the sums [`groups`] writes out (kept only when asked).
    group_sums: Option<Vec<DomainSums>>,
    /// The caller's key of each PSU (kept with `group_sums`).
    psu_keys: Vec<u64>,
}

/// How rows find their PSU and cell.
#[derive(Debug, Clone)]
enum PsuOrder {
    /// Rows grouped by PSU: the open PSU (key, dense index, stratum), its cells from `from` on.
    Grouped {
        open: Option<((u32, u64), u32, u32)>,
        from: usize,
        seen: SeenPsus,
    },
    /// Rows in any order: PSUs and cells by hash.
    Any {
        psu_index: HashMap<(u32, u64), u32, KeyHash>,
        cell_index: HashMap<u64, u32, KeyHash>,
        last_psu: Option<((u32, u64), u32)>,
    },
}

/// The output domains: labels and level codes on each by-variable, in output order, and the
/// domain id the rows carry.
#[derive(Debug, Clone, Default)]
pub struct DomainTable {
    pub variables: Vec<String>,
    pub labels: Vec<Vec<String>>,
    pub codes: Vec<Vec<u32>>,
    pub id: Vec<u32>,
}

/// How the variances of [`LinearAccumulator::estimate`] are computed.
#[derive(Debug, Clone)]
pub enum LinearVariance {
    Linearised,
    /// Generated replicates (not supplied replicate-weight columns).
    Replicate {
        scheme: ReplicateScheme<'static>,
        mse: bool,
    },
}

/// Everything [`LinearAccumulator::estimate`] needs besides the sums.
#[derive(Debug, Clone)]
pub struct LinearRequest<'a> {
    /// Labels of the statistics given to [`LinearAccumulator::new`], in the same order.
    pub variables: &'a [String],
    pub domains: &'a DomainTable,
    pub contrasts: &'a [Contrast],
    pub variance: LinearVariance,
    pub lonely: LonelyPsu,
    pub reliability: ReliabilityRule,
    pub country_of_domain: Option<Vec<Option<String>>>,
    pub level: f64,
}

impl LinearAccumulator {
    /// An empty accumulator for these statistics (each a total, mean or ratio; at most 64);
    /// `nest`: PSU ids are only unique within strata.
    pub fn new(stats: Vec<Statistic>, nest: bool) -> Result<Self, SurveyError> {
        if stats.len() > 64 || stats.iter().any(|s| !linear(*s)) {
            return Err(SurveyError::Invalid(
                "partial sums hold at most 64 totals, means and ratios".into(),
            ));
        }
        Ok(LinearAccumulator {
            stats,
            nest,
            rows: 0,
            weight_total: 0.0,
            stratum_of_code: Vec::new(),
            stratum_labels: Vec::new(),
            stratum_fpc: Vec::new(),
            psus_in_stratum: Vec::new(),
            n_psus: 0,
            stratum_of_psu: Vec::new(),
            order: PsuOrder::Grouped {
                open: None,
                from: 0,
                seen: SeenPsus::default(),
            },
            moments: None,
            cell_psu: Vec::new(),
            cell_domain: Vec::new(),
            cell_touched: Vec::new(),
            cell_sums: Vec::new(),
            domains: Vec::new(),
            last_cell: None,
            group_sums: None,
            psu_keys: Vec::new(),
        })
    }

    /// Rows may come in any order: PSUs and cells are found by hash (slower than the default,
    /// which needs each PSU's rows consecutive and fails with [`SurveyError::PsuNotGrouped`]).
    /// Call before adding rows.
    pub fn any_order(mut self) -> Self {
        self.order = PsuOrder::Any {
            psu_index: HashMap::default(),
            cell_index: HashMap::default(),
            last_psu: None,
        };
        self.moments = None;
        self
    }

    /// Keep per-(stratum, domain) moments instead of each PSU's totals: memory no longer
    /// grows with the PSUs, and [`LinearAccumulator::estimate`] gives linearised variances
    /// (without contrasts) only. For rows grouped by PSU (not with [`Self::any_order`]); call
    /// before adding rows.
    pub fn moments_only(mut self) -> Self {
        if matches!(self.order, PsuOrder::Grouped { .. }) {
            self.moments = Some(StratumMoments::new(self.stats.len()));
        }
        self
    }

    /// Rows added so far.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// PSUs met so far.
    pub fn n_psu(&self) -> usize {
        self.n_psus
    }

    /// Adds a chunk of rows. Errors name the row counted over all chunks (0-based).
    pub fn add(&mut self, rows: &Rows<'_>) -> Result<(), SurveyError> {
        let ns = self.stats.len();
        if rows.y.len() != ns || rows.x.len() != ns {
            return Err(SurveyError::Invalid(format!(
                "{} statistics were declared but a chunk has {} variables",
                ns,
                rows.y.len()
            )));
        }
        let n = rows.weights.len();
        let mut i = 0;
        while i < n {
            // a run of rows of one stratum code and PSU key (rows come grouped by PSU): its
            // stratum and PSU are looked up once, at its first row
            let (code, key) = (rows.strata.map(|g| g.codes[i]), rows.psu[i]);
            let end = (i + 1..n)
                .find(|&j| rows.psu[j] != key || rows.strata.map(|g| g.codes[j]) != code)
                .unwrap_or(n);
            let row = self.rows + i;
            self.check_weight(rows.weights[i], row)?;
            let h = self.stratum(rows, i, row)?;
            if let Some(f) = rows.fpc {
                self.check_fpc(f[i], h, row)?;
            }
            let p = self.psu(rows, h, i, row)?;
            self.add_in_psu(rows, p, i);
            for j in i + 1..end {
                let row = self.rows + j;
                self.check_weight(rows.weights[j], row)?;
                if let Some(f) = rows.fpc {
                    self.check_fpc(f[j], h, row)?;
                }
                self.add_in_psu(rows, p, j);
            }
            i = end;
        }
        self.rows += rows.weights.len();
        Ok(())
    }

    /// Adds row `i` (of PSU `p`, its weight and design values checked) to its domain and cell.
    #[inline]
    fn add_in_psu(&mut self, rows: &Rows<'_>, p: u32, i: usize) {
        let ns = self.stats.len();
        let d = rows.domain[i];
        if d == u32::MAX {
            return;
        }
        let w = rows.weights[i];
        let mut cell = self.open_domain(p, d);
        for s in 0..ns {
            let y = rows.y[s][i];
            let x = rows.x[s].map(|x| x[i]);
            if let (Some(g), Some(c)) = (&mut self.group_sums, cell) {
                g[c * ns + s].add_row(w, y, x);
            }
            if !self.domains[d as usize * ns + s].add_row(w, y, x) {
                continue;
            }
            let x = x.unwrap_or(1.0);
            let c = match cell {
                Some(c) => c,
                None => {
                    let c = self.cell(p, d);
                    cell = Some(c);
                    c
                }
            };
            self.add_to_cell(c, s, w * y, w * x);
        }
    }

    fn check_weight(&mut self, w: f64, row: usize) -> Result<(), SurveyError> {
        crate::design::check_weight(w, &mut self.weight_total, row)
    }

    /// The dense stratum of row `i` (numbered in order of first appearance).
    fn stratum(&mut self, rows: &Rows<'_>, i: usize, row: usize) -> Result<u32, SurveyError> {
        let Some(g) = rows.strata else {
            if self.stratum_labels.is_empty() {
                self.stratum_labels.push("(all)".to_string());
                self.stratum_fpc.push(f64::NAN);
            }
            return Ok(0);
        };
        let c = g.codes[i];
        if c == u32::MAX {
            return Err(SurveyError::MissingDesignValue {
                what: "stratum",
                row,
            });
        }
        let c = c as usize;
        if c >= self.stratum_of_code.len() {
            self.stratum_of_code.resize(c + 1, u32::MAX);
        }
        if self.stratum_of_code[c] == u32::MAX {
            self.stratum_of_code[c] = self.stratum_labels.len() as u32;
            self.stratum_labels.push(g.labels[c].clone());
            self.stratum_fpc.push(f64::NAN);
        }
        Ok(self.stratum_of_code[c])
    }

    fn check_fpc(&mut self, v: f64, h: u32, row: usize) -> Result<(), SurveyError> {
        if !v.is_finite() || v <= 0.0 {
            return Err(SurveyError::FpcInvalid {
                row,
                value: v,
                why: "must be a positive number",
            });
        }
        let cur = &mut self.stratum_fpc[h as usize];
        if cur.is_nan() {
            *cur = v;
        } else if *cur != v {
            return Err(SurveyError::FpcVaries {
                stratum: self.stratum_labels[h as usize].clone(),
                a: *cur,
                b: v,
            });
        }
        Ok(())
    }

    /// The dense PSU of row `i` (numbered in order of first appearance).
    fn psu(&mut self, rows: &Rows<'_>, h: u32, i: usize, row: usize) -> Result<u32, SurveyError> {
        let c = rows.psu[i];
        if c == u64::MAX {
            return Err(SurveyError::MissingDesignValue {
                what: "PSU id",
                row,
            });
        }
        let key = (if self.nest { h } else { 0 }, c);
        let next = self.n_psu() as u32;
        let (p, first, new) = match &mut self.order {
            PsuOrder::Grouped { open, .. } if open.is_some_and(|o| o.0 == key) => {
                let (_, p, first) = open.expect("checked");
                (p, first, false)
            }
            PsuOrder::Grouped { .. } => {
                self.close_psu();
                let PsuOrder::Grouped { open, from, seen } = &mut self.order else {
                    unreachable!("the order does not change")
                };
                if !seen.insert(c) {
                    return Err(SurveyError::PsuNotGrouped {
                        psu: (rows.psu_label)(c),
                        row,
                    });
                }
                *open = Some((key, next, h));
                *from = self.cell_psu.len();
                (next, h, true)
            }
            PsuOrder::Any {
                psu_index,
                last_psu,
                ..
            } => match *last_psu {
                Some((k, p)) if k == key => (p, self.stratum_of_psu[p as usize], false),
                _ => {
                    let p = *psu_index.entry(key).or_insert(next);
                    *last_psu = Some((key, p));
                    let new = p == next;
                    let first = if new {
                        h
                    } else {
                        self.stratum_of_psu[p as usize]
                    };
                    (p, first, new)
                }
            },
        };
        if new {
            if self.moments.is_none() {
                self.stratum_of_psu.push(h);
            }
            if self.group_sums.is_some() {
                self.psu_keys.push(c);
            }
            if self.psus_in_stratum.len() <= h as usize {
                self.psus_in_stratum.resize(h as usize + 1, 0);
            }
            self.psus_in_stratum[h as usize] += 1;
            self.n_psus += 1;
        }
        if first != h {
            return Err(SurveyError::PsuNotNested {
                psu: (rows.psu_label)(c),
                first: self.stratum_labels[first as usize].clone(),
                second: self.stratum_labels[h as usize].clone(),
            });
        }
        Ok(p)
    }

    /// Rows grouped by PSU with moments only: the open PSU's cells fold into the moments.
    fn close_psu(&mut self) {
        let (Some(m), PsuOrder::Grouped { open: Some(o), .. }) = (&mut self.moments, &self.order)
        else {
            return;
        };
        let ns = self.stats.len();
        for c in 0..self.cell_psu.len() {
            let sums = &self.cell_sums[c * 2 * ns..(c + 1) * 2 * ns];
            m.add(o.2, self.cell_domain[c], self.cell_touched[c], sums);
        }
        self.cell_psu.clear();
        self.cell_domain.clear();
        self.cell_touched.clear();
        self.cell_sums.clear();
        self.last_cell = None;
    }

    /// Makes room for the sums of domain `d`; the cell of `(p, d)` when groups are kept.
    fn open_domain(&mut self, p: u32, d: u32) -> Option<usize> {
        let need = (d as usize + 1) * self.stats.len();
        if self.domains.len() < need {
            self.domains.resize(need, DomainSums::default());
        }
        self.group_sums.is_some().then(|| self.cell(p, d))
    }

    /// Adds `(w y, w x)` of statistic `s` to cell `c`.
    fn add_to_cell(&mut self, c: usize, s: usize, wy: f64, wx: f64) {
        let ns = self.stats.len();
        self.cell_touched[c] |= 1 << s;
        let at = c * 2 * ns + 2 * s;
        self.cell_sums[at] += wy;
        self.cell_sums[at + 1] += wx;
    }

    fn cell(&mut self, p: u32, d: u32) -> usize {
        let key = (u64::from(p) << 32) | u64::from(d);
        if let Some((k, c)) = self.last_cell {
            if k == key {
                return c as usize;
            }
        }
        let next = self.cell_psu.len() as u32;
        let c = match &mut self.order {
            // the open PSU's cells are the last ones
            PsuOrder::Grouped { from, .. } => (*from..self.cell_psu.len())
                .find(|&c| self.cell_domain[c] == d)
                .map_or(next, |c| c as u32),
            PsuOrder::Any { cell_index, .. } => *cell_index.entry(key).or_insert(next),
        };
        self.last_cell = Some((key, c));
        if c == next {
            self.cell_psu.push(p);
            self.cell_domain.push(d);
            self.cell_touched.push(0);
            self.cell_sums
                .resize(self.cell_sums.len() + 2 * self.stats.len(), 0.0);
            if let Some(g) = &mut self.group_sums {
                g.resize(g.len() + self.stats.len(), DomainSums::default());
            }
        }
        c as usize
    }

    /// The PSUs renumbered stratum by stratum, in order of first appearance within each: the
    /// unit of each PSU. A stratum's PSUs are then neighbours, so
    /// drawing a replicate touches memory in order, and each stratum lists its PSUs in the
    /// order of the row-level [`Design`]: seeded bootstrap replicates stay the same.
    fn units(&self) -> Vec<u32> {
        let mut next: Vec<u32> = Vec::with_capacity(self.psus_in_stratum.len());
        let mut at = 0;
        for &n in &self.psus_in_stratum {
            next.push(at);
            at += n;
        }
        self.stratum_of_psu
            .iter()
            .map(|&h| {
                let u = next[h as usize];
                next[h as usize] += 1;
                u
            })
            .collect()
    }

    /// The design whose units are the PSUs, numbered as [`Self::units`] gives them.
    fn psu_design(&self, lonely: LonelyPsu) -> Result<Design, SurveyError> {
        if self.n_psu() == 0 {
            return Err(SurveyError::Invalid("no rows".into()));
        }
        let fpc = !self.stratum_fpc.iter().all(|f| f.is_nan());
        let fpc = fpc.then_some(self.stratum_fpc.as_slice());
        Design::of_units(&self.psus_in_stratum, &self.stratum_labels, fpc, lonely)
    }

    /// `(unit, Y_p, X_p)` of statistic `s` on the domain of `cells`, sorted by unit.
    fn totals(&self, cells: &[u32], s: usize, unit_of_psu: &[u32]) -> Vec<(u32, f64, f64)> {
        let ns = self.stats.len();
        let mut t: Vec<(u32, f64, f64)> = cells
            .iter()
            .map(|&c| c as usize)
            .filter(|&c| self.cell_touched[c] & (1 << s) != 0)
            .map(|c| {
                let at = c * 2 * ns + 2 * s;
                (
                    unit_of_psu[self.cell_psu[c] as usize],
                    self.cell_sums[at],
                    self.cell_sums[at + 1],
                )
            })
            .collect();
        t.sort_unstable_by_key(|e| e.0);
        t
    }

    /// The cells of each domain id.
    fn cells_by_domain(&self, nd: usize) -> Vec<Vec<u32>> {
        let mut out: Vec<Vec<u32>> = vec![Vec::new(); nd];
        for (c, &d) in self.cell_domain.iter().enumerate() {
            if let Some(v) = out.get_mut(d as usize) {
                v.push(c as u32);
            }
        }
        out
    }

    /// Estimates, standard errors, intervals, design effects and flags for every statistic on
    /// every domain, then the contrasts: the rows [`crate::estimate`] gives on the same data.
    pub fn estimate(&self, req: &LinearRequest<'_>) -> Result<Vec<EstimateRow>, SurveyError> {
        if let Some(m) = self.closed_moments() {
            if !req.contrasts.is_empty() || !matches!(req.variance, LinearVariance::Linearised) {
                return Err(SurveyError::Invalid(
                    "partial sums kept as moments give linearised variances without contrasts only"
                        .into(),
                ));
            }
            let cells = self.moment_cells(&m, req)?;
            return self.rows_of(req, &cells);
        }
        if req.contrasts.is_empty() && matches!(req.variance, LinearVariance::Linearised) {
            let cells = self.moment_cells(&self.cell_moments(), req)?;
            return self.rows_of(req, &cells);
        }
        let unit_of_psu = self.units();
        let design = self.psu_design(req.lonely)?;
        let ns = self.stats.len();
        let nd = req.domains.id.len();
        let max_id = req.domains.id.iter().map(|&i| i as usize + 1).max();
        let by_id = self.cells_by_domain(max_id.unwrap_or(0));
        let sums = |s: usize, d: usize| -> DomainSums {
            let id = req.domains.id[d] as usize;
            self.domains.get(id * ns + s).copied().unwrap_or_default()
        };
        let cells_of = |d: usize| by_id[req.domains.id[d] as usize].as_slice();
        let pairs: Vec<(usize, usize)> =
            (0..ns).flat_map(|s| (0..nd).map(move |d| (s, d))).collect();
        let alpha = 1.0 - req.level;
        let (cells, thetas, replicates) = match &req.variance {
            LinearVariance::Linearised => {
                let cells = per_chunk(&pairs, &design, |scratch, &(s, d)| {
                    let ds = sums(s, d);
                    let (est, scores) = scores(
                        self.stats[s],
                        &ds,
                        &self.totals(cells_of(d), s, &unit_of_psu),
                    );
                    let (var, df) = design.variance_of_scores(scores.iter().copied(), scratch);
                    let t = t_quantile(1.0 - alpha / 2.0, df.max(1.0));
                    let se = var.sqrt();
                    cell(est, se, t, &ds, df).with(
                        deff(self.stats[s], &ds, est, var),
                        // only contrasts come here: their covariances need the scores
                        Some(scores),
                    )
                });
                (cells, Vec::new(), None)
            }
            LinearVariance::Replicate { scheme, mse } => {
                let reps = Replicates::new(&design, scheme.clone())?;
                // only the jackknife's closed form reads each pair's sorted PSU totals
                let totals: Vec<Vec<(u32, f64, f64)>> = pairs
                    .par_iter()
                    .map(|&(s, d)| match reps.is_jackknife_n() {
                        true => self.totals(cells_of(d), s, &unit_of_psu),
                        false => Vec::new(),
                    })
                    .collect();
                let thetas = if reps.is_jackknife_n() {
                    Vec::new()
                } else {
                    self.replicate_thetas(&design, &reps, req, &unit_of_psu)
                };
                let df = (reps.len() as f64 - 1.0).max(1.0);
                let t = t_quantile(1.0 - alpha / 2.0, df);
                let cells: Vec<Cell> = (0..pairs.len())
                    .into_par_iter()
                    .map(|i| {
                        let (s, d) = pairs[i];
                        let ds = sums(s, d);
                        let stat = self.stats[s];
                        let est = point(stat, &ds);
                        let var = if reps.is_jackknife_n() {
                            let part = JackknifePart {
                                totals: &totals[i],
                                is_total: stat.is_total(),
                                sign: 1.0,
                            };
                            jackknife_closed_form(&design, &[part], *mse)
                        } else {
                            reps.variance(&thetas[i], est, *mse)
                        };
                        let se = var.sqrt();
                        cell(est, se, t, &ds, df).with(deff(stat, &ds, est, var), None)
                    })
                    .collect();
                (cells, thetas, Some((reps, totals, *mse)))
            }
        };
        let mut out = self.rows_of(req, &cells)?;
        let ctx = ContrastCtx {
            req,
            design: &design,
            cells: &cells,
            thetas: &thetas,
            replicates: replicates.as_ref(),
            nd,
            alpha,
        };
        let stat_reqs: Vec<StatRequest<'_>> = (0..ns).map(|s| self.stat_request(req, s)).collect();
        for c in req.contrasts {
            ctx.contrast(c, &stat_reqs, &mut out)?;
        }
        Ok(out)
    }

    /// Statistic `s` as the row-level estimator names it.
    fn stat_request(&self, req: &LinearRequest<'_>, s: usize) -> StatRequest<'static> {
        StatRequest {
            statistic: self.stats[s],
            variable: req.variables.get(s).cloned().unwrap_or_default(),
            y: &[],
            x: None,
        }
    }

    /// The output rows of `cells` (statistic-major), domain by domain.
    fn rows_of(
        &self,
        req: &LinearRequest<'_>,
        cells: &[Cell],
    ) -> Result<Vec<EstimateRow>, SurveyError> {
        let nd = req.domains.id.len();
        let mut out = Vec::new();
        for d in 0..nd {
            let country = req.country_of_domain.as_ref().and_then(|c| c[d].as_deref());
            for s in 0..self.stats.len() {
                out.push(make_row(
                    &req.reliability,
                    &self.stat_request(req, s),
                    req.domains.labels[d].clone(),
                    &cells[s * nd + d],
                    country,
                )?);
            }
        }
        Ok(out)
    }

    /// The moments with the open PSU folded in; `None` unless [`Self::moments_only`].
    fn closed_moments(&self) -> Option<StratumMoments> {
        self.moments.as_ref()?;
        let mut me = self.clone();
        me.close_psu();
        me.moments
    }

    /// The moments of the PSU totals kept in the cells, folded cell by cell as
    /// [`Self::moments_only`] folds them when PSUs close: for rows grouped by PSU the cells are
    /// in that order, so the linearised estimates are the same digits whether the PSU totals
    /// were kept (to be written out as partial sums) or folded.
    fn cell_moments(&self) -> StratumMoments {
        let ns = self.stats.len();
        let mut m = StratumMoments::new(ns);
        for (c, (&p, &d)) in self.cell_psu.iter().zip(&self.cell_domain).enumerate() {
            let h = self.stratum_of_psu[p as usize];
            let sums = &self.cell_sums[c * 2 * ns..(c + 1) * 2 * ns];
            m.add(h, d, self.cell_touched[c], sums);
        }
        m
    }

    /// The fpc factors `1 - f_h` of the strata and the sum of those of the strata with one PSU,
    /// as [`Design::new`] computes them (which refuses a lonely PSU under [`LonelyPsu::Fail`]).
    fn strata_fpc(&self, lonely: LonelyPsu) -> Result<(Vec<f64>, f64), SurveyError> {
        let nh = &self.psus_in_stratum;
        let fpc = if self.stratum_fpc.iter().all(|f| f.is_nan()) {
            vec![1.0; nh.len()]
        } else {
            let rows: Vec<u32> = (0..nh.len() as u32).collect();
            crate::design::fpc_factors(&self.stratum_fpc, &rows, nh, &self.stratum_labels)?
        };
        let mut lonely_sum = 0.0;
        for (h, &n) in nh.iter().enumerate() {
            if n == 1 {
                if lonely == LonelyPsu::Fail && fpc[h] > 1e-7 {
                    return Err(SurveyError::LonelyPsu {
                        stratum: self.stratum_labels[h].clone(),
                    });
                }
                lonely_sum += fpc[h];
            }
        }
        Ok((fpc, lonely_sum))
    }

    /// Every (statistic, domain) cell with its linearised variance from the moments.
    fn moment_cells(
        &self,
        m: &StratumMoments,
        req: &LinearRequest<'_>,
    ) -> Result<Vec<Cell>, SurveyError> {
        if self.n_psu() == 0 {
            return Err(SurveyError::Invalid("no rows".into()));
        }
        let (fpc_factor, lonely_fpc_sum) = self.strata_fpc(req.lonely)?;
        let strata = Strata {
            psus: &self.psus_in_stratum,
            fpc_factor: &fpc_factor,
            lonely: req.lonely,
            lonely_fpc_sum,
            n_psu: self.n_psu(),
        };
        let ns = self.stats.len();
        let nd = req.domains.id.len();
        let max_id = req.domains.id.iter().map(|&i| i as usize + 1).max();
        let by_id = m.slots_by_domain(max_id.unwrap_or(0));
        let alpha = 1.0 - req.level;
        let cells = (0..ns * nd)
            .into_par_iter()
            .map(|i| {
                let (s, d) = (i / nd, i % nd);
                let id = req.domains.id[d] as usize;
                let ds = self.domains.get(id * ns + s).copied().unwrap_or_default();
                let stat = self.stats[s];
                let est = point(stat, &ds);
                let den = denominator(stat, &ds);
                let (a, b) = if stat.is_total() {
                    (1.0, 0.0)
                } else {
                    (1.0 / den, -est / den)
                };
                let (var, df) = m.variance(&by_id[id], s, a, b, &strata);
                let t = t_quantile(1.0 - alpha / 2.0, df.max(1.0));
                let se = var.sqrt();
                cell(est, se, t, &ds, df).with(deff(stat, &ds, est, var), None)
            })
            .collect();
        Ok(cells)
    }
}

/// Replicate state shared by the contrasts: the replicates, each pair's PSU totals, `mse`.
type ReplicateState = (Replicates<'static>, Vec<Vec<(u32, f64, f64)>>, bool);

struct ContrastCtx<'a> {
    req: &'a LinearRequest<'a>,
    design: &'a Design,
    cells: &'a [Cell],
    thetas: &'a [Vec<f64>],
    replicates: Option<&'a ReplicateState>,
    nd: usize,
    alpha: f64,
}

impl ContrastCtx<'_> {
    /// The gap `A - B` (or `A / B`) of every statistic for every domain at level `a`, in the
    /// order of [`crate::estimate`].
    fn contrast(
        &self,
        c: &Contrast,
        stats: &[StatRequest<'_>],
        out: &mut Vec<EstimateRow>,
    ) -> Result<(), SurveyError> {
        for (da, db) in contrast_pairs(self.req.domains, c) {
            for (s, sr) in stats.iter().enumerate() {
                out.push(self.gap(c, s, sr, da, db)?);
            }
        }
        Ok(())
    }

    /// The gap of statistic `s` between domains `da` and `db`, with the covariance of the two
    /// domains (as [`crate::estimate`]); it inherits the flags of both.
    fn gap(
        &self,
        c: &Contrast,
        s: usize,
        sr: &StatRequest<'_>,
        da: usize,
        db: usize,
    ) -> Result<EstimateRow, SurveyError> {
        let (ia, ib) = (s * self.nd + da, s * self.nd + db);
        let (ca, cb) = (&self.cells[ia], &self.cells[ib]);
        let ratio = c.kind == ContrastKind::Ratio;
        let (est, ka, kb) = gap(c.kind, ca.est, cb.est);
        let (se, df) = match self.replicates {
            None => {
                let mut scores: Vec<(u32, f64)> = Vec::new();
                scores.extend(ca.scores.iter().flatten().map(|&(p, u)| (p, ka * u)));
                scores.extend(cb.scores.iter().flatten().map(|&(p, u)| (p, kb * u)));
                // a pooled scratch: a fresh one zeroes an array of every PSU for each gap
                let mut scratch = self.design.take_scratch();
                let (v, df) = self.design.variance_of_scores(scores, &mut scratch);
                self.design.return_scratch(scratch);
                (v.sqrt(), df)
            }
            Some((reps, totals, mse)) => {
                let df = (reps.len() as f64 - 1.0).max(1.0);
                let v = if reps.is_jackknife_n() && !ratio {
                    let is_total = sr.statistic.is_total();
                    let parts = [
                        JackknifePart {
                            totals: &totals[ia],
                            is_total,
                            sign: 1.0,
                        },
                        JackknifePart {
                            totals: &totals[ib],
                            is_total,
                            sign: -1.0,
                        },
                    ];
                    jackknife_closed_form(self.design, &parts, *mse)
                } else {
                    let (ta, tb) = if reps.is_jackknife_n() {
                        let f = |i: usize| {
                            replicate_estimates(
                                self.design,
                                reps,
                                &[sr.statistic],
                                &[(0, 0)],
                                std::slice::from_ref(&totals[i]),
                            )
                            .remove(0)
                        };
                        (f(ia), f(ib))
                    } else {
                        (self.thetas[ia].clone(), self.thetas[ib].clone())
                    };
                    let diff: Vec<f64> = ta
                        .iter()
                        .zip(&tb)
                        .map(|(a, b)| if ratio { a / b } else { a - b })
                        .collect();
                    reps.variance(&diff, est, *mse)
                };
                (v.sqrt(), df)
            }
        };
        gap_row(self.req, c, sr, da, (ca, cb), (est, se, df), self.alpha)
    }
}

/// The domains `(a, b)` whose gap contrast `c` asks for, in output order: each domain at level
/// `a` whose partner at level `b` (the same codes otherwise) is in the table.
fn contrast_pairs(dt: &DomainTable, c: &Contrast) -> Vec<(usize, usize)> {
    let find: HashMap<&[u32], usize> = dt
        .codes
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_slice(), i))
        .collect();
    (0..dt.codes.len())
        .filter(|&da| dt.codes[da][c.variable] == c.a)
        .filter_map(|da| {
            let mut partner = dt.codes[da].clone();
            partner[c.variable] = c.b;
            find.get(partner.as_slice()).map(|&db| (da, db))
        })
        .collect()
}

/// The row of the gap `est` (standard error `se`, `df` degrees of freedom) of statistic `sr`
/// between the cells `ca` of domain `da` and `cb` of its partner: it inherits the flags of both.
fn gap_row(
    req: &LinearRequest<'_>,
    c: &Contrast,
    sr: &StatRequest<'_>,
    da: usize,
    (ca, cb): (&Cell, &Cell),
    (est, se, df): (f64, f64, f64),
    alpha: f64,
) -> Result<EstimateRow, SurveyError> {
    let dt = req.domains;
    let cell = Cell::gap(est, se, df, alpha, ca, cb);
    let mut domain = dt.labels[da].clone();
    domain[c.variable] = c.label.clone();
    let country = req
        .country_of_domain
        .as_ref()
        .and_then(|cd| cd[da].as_deref());
    let rule = &req.reliability;
    let mut row = make_row(rule, sr, domain, &cell, country)?;
    row.reliability = judge(rule, sr, ca, country)?.merge(judge(rule, sr, cb, country)?);
    if row.reliability.suppressed {
        crate::estimate::blank(&mut row);
    }
    Ok(row)
}

/// A fast hasher for integer keys (PSUs, cells, domains; multiply-rotate, then a finaliser):
/// keys come from data files, not from an adversary.
#[derive(Default, Clone, Copy)]
pub struct IntHasher(u64);

impl Hasher for IntHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u128(&mut self, n: u128) {
        self.write_u64(n as u64);
        self.write_u64((n >> 64) as u64);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n)
            .wrapping_mul(0xf135_7aea_2e62_a9c5)
            .rotate_left(23);
    }
    fn finish(&self) -> u64 {
        // MurmurHash3's finaliser: every input bit reaches the low bits the table indexes by
        // (PSU ids are often floating-point bits that differ only in their high bits)
        let mut z = self.0;
        z ^= z >> 33;
        z = z.wrapping_mul(0xff51_afd7_ed55_8ccd);
        z ^= z >> 33;
        z = z.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        z ^ (z >> 33)
    }
}

/// [`IntHasher`] for hash maps.
pub type KeyHash = BuildHasherDefault<IntHasher>;

fn linear(s: Statistic) -> bool {
    matches!(s, Statistic::Total | Statistic::Mean | Statistic::Ratio)
}

/// `Y`, `Y / W` or `Y / X`.
fn point(stat: Statistic, ds: &DomainSums) -> f64 {
    match stat {
        Statistic::Mean => ds.y / ds.w,
        Statistic::Ratio => ds.y / ds.x,
        _ => ds.y,
    }
}

/// The denominator of the scores: 1 for a total, else `X`.
fn denominator(stat: Statistic, ds: &DomainSums) -> f64 {
    if stat.is_total() {
        1.0
    } else {
        ds.x
    }
}

/// The estimate and the PSU totals of the scores: `Y_p` for a total, `(Y_p - R X_p) / X`
/// otherwise.
fn scores(stat: Statistic, ds: &DomainSums, totals: &[(u32, f64, f64)]) -> (f64, Vec<(u32, f64)>) {
    let est = point(stat, ds);
    let den = denominator(stat, ds);
    let u = totals
        .iter()
        .map(|&(p, y, x)| {
            if stat.is_total() {
                (p, y)
            } else {
                (p, (y - est * x) / den)
            }
        })
        .collect();
    (est, u)
}

/// R survey's design effect from the domain's moments: `var / (s^2 W^2 (W - n) / (W n))`,
/// `s^2` the weighted variance (divisor `n - 1`) of `z_k = u_k / w_k` over the rows with a
/// non-zero weight, `sum w z^2 = (sum w y^2 - 2 R sum w x y + R^2 sum w x^2) / X^2`.
fn deff(stat: Statistic, ds: &DomainSums, est: f64, var: f64) -> f64 {
    let (sw, n) = (ds.w, ds.n_nonzero);
    if n < 2 {
        return f64::NAN;
    }
    let (swz, swzz) = if stat.is_total() {
        (ds.y, ds.yy)
    } else {
        let den = denominator(stat, ds);
        (
            (ds.y - est * ds.x) / den,
            (ds.yy - 2.0 * est * ds.xy + est * est * ds.xx) / (den * den),
        )
    };
    let ss = swzz - swz * swz / sw;
    let nf = n as f64;
    let s2 = nf / (nf - 1.0) * ss / sw;
    let vsrs = s2 * sw * sw * (sw - nf) / (sw * nf);
    var / vsrs
}

/// The cell of a domain's estimate with the interval `est -/+ t se`.
fn cell(est: f64, se: f64, t: f64, ds: &DomainSums, df: f64) -> Cell {
    let nonresponse = if ds.n == ds.n_all {
        0.0
    } else {
        ds.w_missing / ds.w_all
    };
    Cell::interval(est, se, t, (ds.n, ds.w, df, nonresponse))
}
