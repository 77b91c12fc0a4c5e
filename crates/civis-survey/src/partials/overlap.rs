//! One statistic on coarse, overlapping domains and the gaps between them, with linearised
//! variances from per-(stratum, domain) moments: no domain keeps or sorts its PSU totals.
//!
//! A coarse domain's PSU totals `(Y_p, X_p)` are the sums of those of the fine domains it
//! unites (as in [`LinearAccumulator::regroup`]); its variance is that of the `moments` module,
//! from the Welford moments of `(Y_p, X_p)` per stratum. A gap `g(R_A, R_B)` between domains
//! `A` and `B` (`R_A - R_B` or `R_A / R_B`) has the linearised score `k_A u_A + k_B u_B`, with
//! `(k_A, k_B)` its derivatives (`crate::estimate::gap`) and `u = a Y + b X` each domain's score
//! (`a = 1, b = 0` for a total, `a = 1 / X, b = -R / X` for a mean or ratio: Woodruff 1971).
//! Its PSU total is `z_p = k_A (a_A Y_Ap + b_A X_Ap) + k_B (a_B Y_Bp + b_B X_Bp)`, a total of
//! the gap's own variable: the ultimate-cluster variance of `z` (Wolter 2007, ch. 6) is what
//! [`crate::Design::variance_of_scores`] gives for the two domains' scores together, the
//! covariance of two domains that share PSUs included. The estimates, so `a`, `b` and `k`, are
//! known from the domain sums before the PSUs are visited, so one sweep over the PSUs,
//! stratum by stratum, folds each PSU's `(Y_p, X_p)` per domain and `z_p` per gap into the
//! moments. The rows equal `regroup(s, unions)?.estimate(req)` up to rounding.

use super::moments::{Moment, StratumMoments};
use super::{contrast_pairs, gap_row, point, DomainTable, LinearAccumulator, LinearRequest};
use super::{DomainSums, LinearVariance};
use crate::error::SurveyError;
use crate::estimate::{gap, EstimateRow};
use crate::statistic::Statistic;

impl LinearAccumulator {
    /// The rows of `self.regroup(s, unions)?.estimate(req)`: statistic `s` on the coarse
    /// domains of `unions`, then the contrasts. Linearised variances come from moments in one
    /// sweep over the PSUs (see the module docs); replicate variances regroup the PSU totals.
    pub fn estimate_overlapping(
        &self,
        s: usize,
        unions: &[Vec<u32>],
        req: &LinearRequest<'_>,
    ) -> Result<Vec<EstimateRow>, SurveyError> {
        if self.moments.is_some()
            || s >= self.stats.len()
            || !matches!(req.variance, LinearVariance::Linearised)
        {
            return self.regroup(s, unions)?.estimate(req);
        }
        let domains = self.coarse_sums(s, unions);
        let stat = self.stats[s];
        let coef: Vec<(f64, f64)> = domains.iter().map(|ds| coefficients(stat, ds)).collect();
        // the gaps in output order, and the (gap, k) terms of each coarse domain
        let mut pairs = Vec::new();
        let mut gaps_of: Vec<Vec<(u32, f64)>> = vec![Vec::new(); domains.len()];
        let ids = &req.domains.id;
        for c in req.contrasts {
            for (da, db) in contrast_pairs(req.domains, c) {
                let (ia, ib) = (ids[da] as usize, ids[db] as usize);
                let (est, ka, kb) =
                    gap(c.kind, point(stat, &domains[ia]), point(stat, &domains[ib]));
                let g = pairs.len() as u32;
                gaps_of[ia].push((g, ka));
                gaps_of[ib].push((g, kb));
                pairs.push((c, da, db, est));
            }
        }
        let sweep = Sweep::new(coef, gaps_of, pairs.len()).run(self, s, unions);
        let by_domain = self.with_sums(s, domains);
        let cells = by_domain.moment_cells(&sweep.domains, req)?;
        let mut out = by_domain.rows_of(req, &cells)?;
        // each gap is the total of its own variable z: its variance from the gaps' moments
        let mut by_gap = self.with_sums(s, vec![DomainSums::default(); pairs.len()]);
        by_gap.stats = vec![Statistic::Total];
        let gap_table = DomainTable {
            id: (0..pairs.len() as u32).collect(),
            ..DomainTable::default()
        };
        let gap_req = LinearRequest {
            domains: &gap_table,
            contrasts: &[],
            ..req.clone()
        };
        let gap_cells = by_gap.moment_cells(&sweep.gaps, &gap_req)?;
        let sr = by_domain.stat_request(req, 0);
        for ((c, da, db, est), gc) in pairs.into_iter().zip(&gap_cells) {
            let (ca, cb) = (&cells[da], &cells[db]);
            out.push(gap_row(
                req,
                c,
                &sr,
                da,
                (ca, cb),
                (est, gc.se, gc.df),
                1.0 - req.level,
            )?);
        }
        Ok(out)
    }

    /// The cells of each PSU: `(starts, cells)`, PSU `p`'s being `cells[starts[p]..starts[p + 1]]`
    /// (a counting sort: the cells need not come PSU by PSU).
    fn cells_by_psu(&self) -> (Vec<u32>, Vec<u32>) {
        counting_sort(&self.cell_psu, self.stratum_of_psu.len())
    }
}

/// `(starts, items)`: the indices of `keys` grouped by key (`0..n`), in order within a key.
fn counting_sort(keys: &[u32], n: usize) -> (Vec<u32>, Vec<u32>) {
    let mut starts = vec![0u32; n + 1];
    for &k in keys {
        starts[k as usize + 1] += 1;
    }
    for i in 1..=n {
        starts[i] += starts[i - 1];
    }
    let mut next = starts.clone();
    let mut items = vec![0u32; keys.len()];
    for (i, &k) in keys.iter().enumerate() {
        items[next[k as usize] as usize] = i as u32;
        next[k as usize] += 1;
    }
    (starts, items)
}

/// The score coefficients `(a, b)` of a domain: `u = a Y + b X`.
fn coefficients(stat: Statistic, ds: &DomainSums) -> (f64, f64) {
    if stat.is_total() {
        (1.0, 0.0)
    } else {
        let den = super::denominator(stat, ds);
        (1.0 / den, -point(stat, ds) / den)
    }
}

/// Sums of one (stratum, domain)'s PSU totals shifted by its first PSU's `(k_y, k_x)` (the
/// shifted-data algorithm: no cancellation while the totals stay near the first one, and no
/// division per PSU as Welford's update needs; Chan, Golub and LeVeque 1983).
#[derive(Debug, Clone, Copy, Default)]
struct Shifted {
    m: u64,
    k: [f64; 2],
    y: f64,
    x: f64,
    yy: f64,
    xy: f64,
    xx: f64,
}

impl Shifted {
    fn add(&mut self, y: f64, x: f64) {
        if self.m == 0 {
            self.k = [y, x];
        }
        self.m += 1;
        let (y, x) = (y - self.k[0], x - self.k[1]);
        self.y += y;
        self.x += x;
        self.yy += y * y;
        self.xy += x * y;
        self.xx += x * x;
    }

    /// The Welford moments of the same PSU totals.
    fn moment(&self) -> Moment {
        let n = self.m as f64;
        Moment {
            m: self.m,
            mean_y: self.k[0] + self.y / n,
            mean_x: self.k[1] + self.x / n,
            c_yy: self.yy - self.y * self.y / n,
            c_xy: self.xy - self.x * self.y / n,
            c_xx: self.xx - self.x * self.x / n,
        }
    }
}

/// The moments of the coarse domains (`(Y_p, X_p)`) and of the gaps (`(z_p, 0)`).
struct Swept {
    domains: StratumMoments,
    gaps: StratumMoments,
}

/// The sweep over the PSUs, stratum by stratum: per-PSU sums of the open domains and gaps,
/// per-stratum moments of the open (stratum, domain) and (stratum, gap) pairs.
struct Sweep {
    coef: Vec<(f64, f64)>,
    gaps_of: Vec<Vec<(u32, f64)>>,
    /// The current PSU's `(Y_p, X_p)` per domain, and its domains.
    sums: Vec<[f64; 2]>,
    open: Vec<u32>,
    /// The current PSU's `z_p` per gap (`NaN`: not open), and its gaps.
    z: Vec<f64>,
    open_gaps: Vec<u32>,
    /// The current stratum's moments per domain and per gap, and the ones touched.
    stratum_domains: Vec<Shifted>,
    stratum_gaps: Vec<Shifted>,
    touched: Vec<u32>,
    touched_gaps: Vec<u32>,
    out: Swept,
}

impl Sweep {
    fn new(coef: Vec<(f64, f64)>, gaps_of: Vec<Vec<(u32, f64)>>, ng: usize) -> Self {
        let nc = coef.len();
        Sweep {
            coef,
            gaps_of,
            sums: vec![[f64::NAN; 2]; nc],
            open: Vec::new(),
            z: vec![f64::NAN; ng],
            open_gaps: Vec::new(),
            stratum_domains: vec![Shifted::default(); nc],
            stratum_gaps: vec![Shifted::default(); ng],
            touched: Vec::new(),
            touched_gaps: Vec::new(),
            out: Swept {
                domains: StratumMoments::new(1),
                gaps: StratumMoments::new(1),
            },
        }
    }

    /// Every PSU of `acc` (statistic `s`, fine domains united by `unions`), stratum by stratum.
    fn run(mut self, acc: &LinearAccumulator, s: usize, unions: &[Vec<u32>]) -> Swept {
        let ns = acc.stats.len();
        let (starts, cells) = acc.cells_by_psu();
        let strata = acc.psus_in_stratum.len();
        let (_, psus) = counting_sort(&acc.stratum_of_psu, strata);
        let mut stratum = None;
        for p in psus.into_iter().map(|p| p as usize) {
            let h = acc.stratum_of_psu[p];
            if stratum != Some(h) {
                if let Some(h) = stratum {
                    self.close_stratum(h);
                }
                stratum = Some(h);
            }
            for &c in &cells[starts[p] as usize..starts[p + 1] as usize] {
                let c = c as usize;
                if acc.cell_touched[c] & (1 << s) == 0 {
                    continue;
                }
                let Some(to) = unions.get(acc.cell_domain[c] as usize) else {
                    continue;
                };
                let at = c * 2 * ns + 2 * s;
                self.add(to, acc.cell_sums[at], acc.cell_sums[at + 1]);
            }
            self.close_psu();
        }
        if let Some(h) = stratum {
            self.close_stratum(h);
        }
        self.out
    }

    /// Adds one cell's `(Y, X)` to the current PSU's sums of the domains `to`.
    fn add(&mut self, to: &[u32], y: f64, x: f64) {
        for &d in to {
            let t = &mut self.sums[d as usize];
            if t[0].is_nan() {
                *t = [0.0, 0.0];
                self.open.push(d);
            }
            t[0] += y;
            t[1] += x;
        }
    }

    /// Folds the current PSU into the stratum's moments.
    fn close_psu(&mut self) {
        for &d in &self.open {
            let [y, x] = std::mem::replace(&mut self.sums[d as usize], [f64::NAN; 2]);
            let m = &mut self.stratum_domains[d as usize];
            if m.m == 0 {
                self.touched.push(d);
            }
            m.add(y, x);
            let (a, b) = self.coef[d as usize];
            let u = a * y + b * x;
            for &(g, k) in &self.gaps_of[d as usize] {
                let z = &mut self.z[g as usize];
                if z.is_nan() {
                    *z = 0.0;
                    self.open_gaps.push(g);
                }
                *z += k * u;
            }
        }
        self.open.clear();
        for &g in &self.open_gaps {
            let z = std::mem::replace(&mut self.z[g as usize], f64::NAN);
            let m = &mut self.stratum_gaps[g as usize];
            if m.m == 0 {
                self.touched_gaps.push(g);
            }
            m.add(z, 0.0);
        }
        self.open_gaps.clear();
    }

    /// Hands stratum `h`'s moments over (every PSU of a stratum comes in one run).
    fn close_stratum(&mut self, h: u32) {
        for d in self.touched.drain(..) {
            let m = std::mem::take(&mut self.stratum_domains[d as usize]);
            self.out.domains.insert(h, d, &[m.moment()]);
        }
        for g in self.touched_gaps.drain(..) {
            let m = std::mem::take(&mut self.stratum_gaps[g as usize]);
            self.out.gaps.insert(h, g, &[m.moment()]);
        }
    }
}
