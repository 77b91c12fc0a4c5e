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
//! stratum by stratum, folds each PSU's `(Y_p, X_p)` per domain into the moments.
//!
//! Two savings keep the sweep short. Within a stratum, coarse domains that hold the same fine
//! domains have the same PSU totals (the country and the one area a stratum lies in; `TOTAL`
//! under each group criterion), so one of them is swept and its moments serve all. A gap
//! needs no sweep of its own: with `v = k u`, over the `m` PSUs touching `A` or `B`,
//! `sum z_p = sum v_Ap + sum v_Bp` and `sum z_p^2 = sum v_Ap^2 + sum v_Bp^2 + 2 sum v_Ap v_Bp`,
//! the first terms from the domains' moments, the cross products only over the PSUs touching
//! both (households with members in both groups); the centred sum of squares of `z` is
//! `sum z_p^2 - (sum z_p)^2 / m`. Several statistics share one sweep
//! ([`LinearAccumulator::estimate_overlapping_all`]), so each cell's sums are read once; the
//! threads take contiguous ranges of strata and hand their moments over in stratum order.
//! The rows equal `regroup(s, unions)?.estimate(req)` up to rounding.

use std::collections::HashMap;

use super::moments::{Moment, StratumMoments};
use super::{contrast_pairs, gap_row, point, DomainTable, LinearAccumulator, LinearRequest};
use super::{DomainSums, KeyHash, LinearVariance};
use crate::error::SurveyError;
use crate::estimate::{gap, EstimateRow};
use crate::statistic::Statistic;
use crate::Contrast;

use rayon::prelude::*;

/// One statistic on coarse, overlapping domains: the statistic's index among the
/// accumulator's, the coarse domains each fine domain adds to, the request.
type Overlapping<'a> = (usize, &'a [Vec<u32>], &'a LinearRequest<'a>);

/// One statistic's domain sums, score coefficients and gaps, known before the sweep.
struct Plan<'a> {
    job: Overlapping<'a>,
    domains: Vec<DomainSums>,
    coef: Vec<(f64, f64)>,
    gaps: Vec<Gap>,
    /// The gaps of each coarse domain.
    gaps_of: Vec<Vec<u32>>,
    /// Per gap: the contrast, the two domains' positions in the table, the estimate.
    pairs: Vec<(&'a Contrast, usize, usize, f64)>,
}

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
        let mut rows = self.estimate_overlapping_all(&[(s, unions, req)]);
        rows.pop().unwrap_or_else(|| Ok(Vec::new()))
    }

    /// [`Self::estimate_overlapping`] for each job, in order: the linearised ones from one
    /// sweep over the PSUs that serves them all (each cell's sums are read once), run on the
    /// threads stratum range by stratum range (the moments are handed over in stratum order,
    /// so the sums do not depend on the number of threads).
    pub fn estimate_overlapping_all(
        &self,
        jobs: &[(usize, &[Vec<u32>], &LinearRequest<'_>)],
    ) -> Vec<Result<Vec<EstimateRow>, SurveyError>> {
        let plans: Vec<Option<Plan<'_>>> = jobs
            .par_iter()
            .map(|job| {
                let linear = matches!(job.2.variance, LinearVariance::Linearised);
                (self.moments.is_none() && job.0 < self.stats.len() && linear)
                    .then(|| self.plan(*job))
            })
            .collect();
        let swept = self.sweep(&plans.iter().flatten().collect::<Vec<_>>());
        let mut swept = swept.into_iter();
        let work: Vec<(Overlapping<'_>, Option<(Plan<'_>, Swept)>)> = jobs
            .iter()
            .zip(plans)
            .map(|(job, plan)| (*job, plan.and_then(|p| Some((p, swept.next()?)))))
            .collect();
        work.into_par_iter()
            .map(|(job, plan)| match plan {
                None => self.regroup(job.0, job.1)?.estimate(job.2),
                Some((plan, swept)) => self.rows_of_plan(plan, &swept),
            })
            .collect()
    }

    /// The domain sums, coefficients and gaps of one job.
    fn plan<'a>(&self, job: Overlapping<'a>) -> Plan<'a> {
        let (s, unions, req) = job;
        let domains = self.coarse_sums(s, unions);
        let stat = self.stats[s];
        let coef: Vec<(f64, f64)> = domains.iter().map(|ds| coefficients(stat, ds)).collect();
        // the gaps in output order, each with its two domains and their derivatives
        let mut pairs = Vec::new();
        let mut gaps = Vec::new();
        let mut gaps_of = vec![Vec::new(); domains.len()];
        let ids = &req.domains.id;
        for c in req.contrasts {
            for (da, db) in contrast_pairs(req.domains, c) {
                let (ia, ib) = (ids[da], ids[db]);
                let (est, ka, kb) = gap(
                    c.kind,
                    point(stat, &domains[ia as usize]),
                    point(stat, &domains[ib as usize]),
                );
                let g = gaps.len() as u32;
                gaps_of[ia as usize].push(g);
                if ib != ia {
                    gaps_of[ib as usize].push(g);
                }
                gaps.push(Gap {
                    a: ia,
                    b: ib,
                    ka,
                    kb,
                });
                pairs.push((c, da, db, est));
            }
        }
        Plan {
            job,
            domains,
            coef,
            gaps,
            gaps_of,
            pairs,
        }
    }

    /// The rows of one job from its moments.
    fn rows_of_plan(&self, plan: Plan<'_>, sweep: &Swept) -> Result<Vec<EstimateRow>, SurveyError> {
        let (s, _, req) = plan.job;
        let (domain_moments, gap_moments) = sweep.moments();
        let by_domain = self.with_sums(s, plan.domains);
        let cells = by_domain.moment_cells(&domain_moments, req)?;
        let mut out = by_domain.rows_of(req, &cells)?;
        // each gap is the total of its own variable z: its variance from the gaps' moments
        let mut by_gap = self.with_sums(s, vec![DomainSums::default(); plan.pairs.len()]);
        by_gap.stats = vec![Statistic::Total];
        let gap_table = DomainTable {
            id: (0..plan.pairs.len() as u32).collect(),
            ..DomainTable::default()
        };
        let gap_req = LinearRequest {
            domains: &gap_table,
            contrasts: &[],
            ..req.clone()
        };
        let gap_cells = by_gap.moment_cells(&gap_moments, &gap_req)?;
        let sr = by_domain.stat_request(req, 0);
        for ((c, da, db, est), gc) in plan.pairs.into_iter().zip(&gap_cells) {
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

    /// The moments of every plan's domains and gaps: the strata cut into one contiguous range
    /// per thread (of about equal numbers of cells), each swept for every plan at once.
    fn sweep(&self, plans: &[&Plan<'_>]) -> Vec<Swept> {
        if plans.is_empty() {
            return Vec::new();
        }
        let (starts, cells) = self.cells_by_psu();
        let strata = self.psus_in_stratum.len();
        let (first, psus) = counting_sort(&self.stratum_of_psu, strata);
        let order = PsuOrder {
            starts: &starts,
            cells: &cells,
            first: &first,
            psus: &psus,
        };
        let threads = rayon::current_num_threads().max(1);
        let mut cuts = vec![0usize];
        let (mut seen, total) = (0usize, cells.len().max(1));
        for h in 0..strata {
            let here = &psus[first[h] as usize..first[h + 1] as usize];
            seen += here
                .iter()
                .map(|&p| (starts[p as usize + 1] - starts[p as usize]) as usize)
                .sum::<usize>();
            if seen * threads >= total * cuts.len() && cuts.len() < threads {
                cuts.push(h + 1);
            }
        }
        cuts.push(strata);
        cuts.dedup();
        let parts: Vec<Vec<Swept>> = cuts
            .par_windows(2)
            .map(|w| {
                let mut sweeps: Vec<Sweep<'_>> = plans.iter().map(|p| Sweep::new(p)).collect();
                let mut here = (Vec::new(), Vec::new());
                for h in w[0]..w[1] {
                    self.sweep_stratum(&mut sweeps, &order, h, &mut here);
                }
                sweeps.into_iter().map(|s| s.out).collect()
            })
            .collect();
        let mut out: Vec<Swept> = plans.iter().map(|_| Swept::default()).collect();
        for part in parts {
            for (o, p) in out.iter_mut().zip(part) {
                o.append(p);
            }
        }
        out
    }

    /// Stratum `h`'s PSUs into every sweep. The stratum's cells are first gathered, PSU by
    /// PSU, into `here` as `(statistics touched, fine domain)` and their sums (the cells come
    /// in file order, not stratum order: one scattered read of them, whose loads overlap, not
    /// one per sweep).
    fn sweep_stratum(
        &self,
        sweeps: &mut [Sweep<'_>],
        order: &PsuOrder<'_>,
        h: usize,
        here: &mut (Vec<(u64, u32)>, Vec<f64>),
    ) {
        let psus = &order.psus[order.first[h] as usize..order.first[h + 1] as usize];
        if psus.is_empty() {
            return;
        }
        let ns = self.stats.len();
        let (here, sums_here) = (&mut here.0, &mut here.1);
        here.clear();
        sums_here.clear();
        let mut ends = Vec::with_capacity(psus.len());
        for &p in psus {
            let p = p as usize;
            for &c in &order.cells[order.starts[p] as usize..order.starts[p + 1] as usize] {
                let c = c as usize;
                here.push((self.cell_touched[c], self.cell_domain[c]));
                sums_here.extend_from_slice(&self.cell_sums[c * 2 * ns..(c + 1) * 2 * ns]);
            }
            ends.push(here.len());
        }
        for sw in sweeps.iter_mut() {
            let (bit, nf) = (1u64 << sw.plan.job.0, sw.plan.job.1.len());
            let fines = here
                .iter()
                .filter(|c| c.0 & bit != 0 && (c.1 as usize) < nf)
                .map(|c| c.1);
            sw.open_stratum(fines);
        }
        let mut from = 0;
        for end in ends {
            for (i, &(touched, f)) in here.iter().enumerate().take(end).skip(from) {
                let f = f as usize;
                let sums = &sums_here[i * 2 * ns..(i + 1) * 2 * ns];
                for sw in sweeps.iter_mut() {
                    let s = sw.plan.job.0;
                    if touched & (1 << s) != 0 && f < sw.plan.job.1.len() {
                        let f = sw.local[f] as usize;
                        sw.add(f, sums[2 * s], sums[2 * s + 1]);
                    }
                }
            }
            from = end;
            sweeps.iter_mut().for_each(Sweep::close_psu);
        }
        for sw in sweeps.iter_mut() {
            sw.close_stratum(h as u32);
        }
    }

    /// The cells of each PSU: `(starts, cells)`, PSU `p`'s being `cells[starts[p]..starts[p + 1]]`
    /// (a counting sort: the cells need not come PSU by PSU).
    fn cells_by_psu(&self) -> (Vec<u32>, Vec<u32>) {
        counting_sort(&self.cell_psu, self.stratum_of_psu.len())
    }
}

/// The PSUs stratum by stratum and their cells.
struct PsuOrder<'a> {
    starts: &'a [u32],
    cells: &'a [u32],
    /// Stratum `h`'s PSUs are `psus[first[h]..first[h + 1]]`.
    first: &'a [u32],
    psus: &'a [u32],
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

/// A gap between coarse domains `a` and `b` (ids), with the derivatives `(k_a, k_b)` of its
/// function of their estimates: its PSU total is `z_p = k_a u_ap + k_b u_bp`.
struct Gap {
    a: u32,
    b: u32,
    ka: f64,
    kb: f64,
}

/// The moments of the coarse domains (`(Y_p, X_p)`) and of the gaps (`(z_p, 0)`), as
/// `(stratum, domain or gap, moment)` in stratum order.
#[derive(Default)]
struct Swept {
    domains: Vec<(u32, u32, Moment)>,
    gaps: Vec<(u32, u32, Moment)>,
}

impl Swept {
    fn append(&mut self, mut other: Swept) {
        self.domains.append(&mut other.domains);
        self.gaps.append(&mut other.gaps);
    }

    /// `(domains, gaps)` as [`StratumMoments`].
    fn moments(&self) -> (StratumMoments, StratumMoments) {
        let collect = |v: &[(u32, u32, Moment)]| {
            let mut m = StratumMoments::new(1);
            for (h, d, mo) in v {
                m.insert(*h, *d, &[*mo]);
            }
            m
        };
        (collect(&self.domains), collect(&self.gaps))
    }
}

/// `(m, sum, centred sum of squares)` of the scores `k (a Y_p + b X_p)` over the `m` PSUs of
/// a moment (as `Moment::scores`).
fn scaled_scores(mo: &Moment, a: f64, b: f64, k: f64) -> (u64, f64, f64) {
    let mean = a * mo.mean_y + b * mo.mean_x;
    let ss = a * a * mo.c_yy + 2.0 * a * b * mo.c_xy + b * b * mo.c_xx;
    (mo.m, k * mo.m as f64 * mean, k * k * ss.max(0.0))
}

/// The sweep over the PSUs, stratum by stratum.
///
/// Within a stratum, coarse domains that hold the same fine domains of the stratum have the
/// same PSU totals: the country and the one area a stratum lies in, `TOTAL` under each group
/// criterion. So each stratum first finds those sets and sweeps one representative of each:
/// per PSU the sums `(Y_p, X_p)` of the representatives it touches, folded into their shifted
/// moments. A gap `z_p = v_ap + v_bp` (`v = k u`) needs no sweep of its own: over the PSUs
/// touching `a` or `b`, `sum z_p = sum v_ap + sum v_bp` and
/// `sum z_p^2 = sum v_ap^2 + sum v_bp^2 + 2 sum v_ap v_bp`, the first two from the domains'
/// moments and the last over the few PSUs that touch both (households of both groups), so the
/// centred sum of squares of `z` is `sum z_p^2 - (sum z_p)^2 / m` with `m` the PSUs touching
/// either side. The rows equal those of one sweep per domain and gap up to rounding.
struct Sweep<'a> {
    plan: &'a Plan<'a>,
    /// The current stratum's fine domains in the order met, and each one's index there.
    fines: Vec<u32>,
    local: Vec<u32>,
    /// Per coarse domain of the stratum: its fine domains (local indices), the number of its
    /// representative (`u32::MAX`: not in the stratum). Representatives are numbered per
    /// stratum, so the sums and moments below are a few dense entries, not one per domain.
    members: Vec<Vec<u32>>,
    rep: Vec<u32>,
    touched: Vec<u32>,
    /// Each representative's coarse domain, by number.
    reps: Vec<u32>,
    /// Per local fine domain: the representatives it adds to.
    reduced: Vec<Vec<u32>>,
    /// Per representative: `(other representative, gap)` of the gaps it is side `a` of.
    partners: Vec<Vec<(u32, u32)>>,
    /// The gaps of the stratum; per gap, the PSUs touching both sides and `sum v_ap v_bp`.
    gap_seen: Vec<bool>,
    gaps_here: Vec<u32>,
    cross: Vec<(u64, f64)>,
    /// The current PSU's `(Y_p, X_p)` per representative (`NaN`: not open), and the open ones.
    sums: Vec<[f64; 2]>,
    open: Vec<u32>,
    moments: Vec<Shifted>,
    out: Swept,
}

impl<'a> Sweep<'a> {
    fn new(plan: &'a Plan<'a>) -> Self {
        let (nc, ng) = (plan.coef.len(), plan.gaps.len());
        Sweep {
            plan,
            fines: Vec::new(),
            local: vec![u32::MAX; plan.job.1.len()],
            members: vec![Vec::new(); nc],
            rep: vec![u32::MAX; nc],
            touched: Vec::new(),
            reps: Vec::new(),
            reduced: Vec::new(),
            partners: Vec::new(),
            gap_seen: vec![false; ng],
            gaps_here: Vec::new(),
            cross: vec![(0, 0.0); ng],
            sums: Vec::new(),
            open: Vec::new(),
            moments: Vec::new(),
            out: Swept::default(),
        }
    }

    /// The stratum's fine domains, coarse domains, representatives and gaps.
    fn open_stratum(&mut self, fines: impl Iterator<Item = u32>) {
        for f in fines {
            if self.local[f as usize] == u32::MAX {
                self.local[f as usize] = self.fines.len() as u32;
                self.fines.push(f);
            }
        }
        for (i, &f) in self.fines.iter().enumerate() {
            for &d in &self.plan.job.1[f as usize] {
                let m = &mut self.members[d as usize];
                if m.is_empty() {
                    self.touched.push(d);
                }
                m.push(i as u32);
            }
        }
        let mut rep_of: HashMap<&[u32], u32, KeyHash> =
            HashMap::with_capacity_and_hasher(self.touched.len(), KeyHash::default());
        for &d in &self.touched {
            let next = self.reps.len() as u32;
            let r = *rep_of.entry(&self.members[d as usize]).or_insert(next);
            if r == next {
                self.reps.push(d);
            }
            self.rep[d as usize] = r;
        }
        drop(rep_of);
        let n = self.reps.len();
        self.sums.resize(n, [f64::NAN; 2]);
        self.moments.resize(n, Shifted::default());
        if self.partners.len() < n {
            self.partners.resize_with(n, Vec::new);
        }
        self.reduced.resize_with(self.fines.len(), Vec::new);
        for (i, &f) in self.fines.iter().enumerate() {
            let to = &mut self.reduced[i];
            to.clear();
            to.extend(
                self.plan.job.1[f as usize]
                    .iter()
                    .map(|&d| (d, self.rep[d as usize]))
                    .filter(|&(d, r)| self.reps[r as usize] == d)
                    .map(|(_, r)| r),
            );
        }
        for &d in &self.touched {
            for &g in &self.plan.gaps_of[d as usize] {
                if !std::mem::replace(&mut self.gap_seen[g as usize], true) {
                    self.gaps_here.push(g);
                    let gap = &self.plan.gaps[g as usize];
                    let (ra, rb) = (self.rep[gap.a as usize], self.rep[gap.b as usize]);
                    if ra != u32::MAX && rb != u32::MAX {
                        self.partners[ra as usize].push((rb, g));
                    }
                }
            }
        }
    }

    /// Adds one cell's `(Y, X)` to the current PSU's sums of the representatives of local
    /// fine domain `f`.
    fn add(&mut self, f: usize, y: f64, x: f64) {
        for &d in &self.reduced[f] {
            let t = &mut self.sums[d as usize];
            if t[0].is_nan() {
                *t = [0.0, 0.0];
                self.open.push(d);
            }
            t[0] += y;
            t[1] += x;
        }
    }

    /// Folds the current PSU into the stratum's moments and the gaps' cross products.
    fn close_psu(&mut self) {
        for &r in &self.open {
            let [y, x] = self.sums[r as usize];
            for &(q, g) in &self.partners[r as usize] {
                let [yq, xq] = self.sums[q as usize];
                if yq.is_nan() {
                    continue;
                }
                let gap = &self.plan.gaps[g as usize];
                let (aa, ba) = self.plan.coef[gap.a as usize];
                let (ab, bb) = self.plan.coef[gap.b as usize];
                let cross = &mut self.cross[g as usize];
                cross.0 += 1;
                cross.1 += gap.ka * (aa * y + ba * x) * gap.kb * (ab * yq + bb * xq);
            }
            self.moments[r as usize].add(y, x);
        }
        for &r in &self.open {
            self.sums[r as usize] = [f64::NAN; 2];
        }
        self.open.clear();
    }

    /// Hands stratum `h`'s moments over (every PSU of a stratum comes in one run) and clears
    /// the stratum's state.
    fn close_stratum(&mut self, h: u32) {
        for &d in &self.touched {
            let r = self.rep[d as usize] as usize;
            self.out.domains.push((h, d, self.moments[r].moment()));
        }
        for g in self.gaps_here.drain(..) {
            let gap = &self.plan.gaps[g as usize];
            let side = |d: u32, k: f64| -> (u64, f64, f64) {
                match self.rep[d as usize] {
                    u32::MAX => (0, 0.0, 0.0),
                    r => {
                        let (a, b) = self.plan.coef[d as usize];
                        scaled_scores(&self.moments[r as usize].moment(), a, b, k)
                    }
                }
            };
            let (ma, sa, ssa) = side(gap.a, gap.ka);
            let (mb, sb, ssb) = side(gap.b, gap.kb);
            let (both, cross) = std::mem::take(&mut self.cross[g as usize]);
            let m = ma + mb - both;
            let raw = |m: u64, sum: f64, ss: f64| {
                if m == 0 {
                    0.0
                } else {
                    ss + sum * sum / m as f64
                }
            };
            let (sum, n) = (sa + sb, m as f64);
            let squares = raw(ma, sa, ssa) + raw(mb, sb, ssb) + 2.0 * cross;
            let moment = Moment {
                m,
                mean_y: sum / n,
                mean_x: 0.0,
                c_yy: squares - sum * sum / n,
                c_xy: 0.0,
                c_xx: 0.0,
            };
            self.out.gaps.push((h, g, moment));
            self.gap_seen[g as usize] = false;
        }
        for d in self.touched.drain(..) {
            self.members[d as usize].clear();
            self.rep[d as usize] = u32::MAX;
        }
        for p in &mut self.partners[..self.reps.len()] {
            p.clear();
        }
        self.reps.clear();
        self.moments.clear();
        self.sums.clear();
        for f in self.fines.drain(..) {
            self.local[f as usize] = u32::MAX;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::partials::Rows;
    use crate::{ContrastKind, Grouping, LonelyPsu, ReliabilityRule};

    /// Three strata of six households of three people: strata 0 and 1 lie in area 0, stratum 2
    /// in area 1 (so the country and an area share PSU totals per stratum); people of both
    /// groups share households (so gaps have cross products). Fine cell: area x group x sex;
    /// coarse domain: (area or country) x (group or TOTAL), by id `geo * 3 + group`.
    #[test]
    fn one_shared_sweep_equals_regrouped_totals() {
        shared_sweep_equals_regrouped_totals(3, 6, false);
    }

    /// Many small strata and rows not grouped by PSU.
    #[test]
    fn many_strata_and_any_order_equal_regrouped_totals() {
        shared_sweep_equals_regrouped_totals(40, 2, false);
        shared_sweep_equals_regrouped_totals(40, 2, true);
        shared_sweep_equals_regrouped_totals(12, 3, true);
    }

    /// `strata` strata of `per_stratum` households of three people (the last third of the
    /// strata in area 1, the others in area 0), rows in file order or, with `shuffled`, in an
    /// order that splits the households.
    fn shared_sweep_equals_regrouped_totals(strata: u32, per_stratum: u32, shuffled: bool) {
        let mut state = 7u64;
        let mut draw = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (state >> 33) as f64 / (1u64 << 31) as f64
        };
        let (mut weights, mut strata_of_row, mut psu, mut domain) =
            (vec![], vec![], vec![], vec![]);
        let (mut y1, mut y2, mut x2) = (vec![], vec![], vec![]);
        for p in 0..strata * per_stratum {
            let h = p / per_stratum;
            for _ in 0..3 {
                weights.push(50.0 + 100.0 * draw());
                psu.push(u64::from(p));
                let area = u32::from(h >= strata - strata / 3);
                let (group, sex) = (u32::from(draw() < 0.4), p % 2);
                strata_of_row.push(h);
                domain.push(area * 4 + group * 2 + sex);
                y1.push(f64::from(u8::from(draw() < 0.6)));
                y2.push(1000.0 * draw());
                x2.push(1.0 + draw());
            }
        }
        if shuffled {
            // position i takes row 7 i mod n (n is not a multiple of 7 in the tests)
            let n = weights.len();
            assert_ne!(n % 7, 0);
            let order: Vec<usize> = (0..n).map(|i| i * 7 % n).collect();
            weights = order.iter().map(|&i| weights[i]).collect();
            strata_of_row = order.iter().map(|&i| strata_of_row[i]).collect();
            psu = order.iter().map(|&i| psu[i]).collect();
            domain = order.iter().map(|&i| domain[i]).collect();
            y1 = order.iter().map(|&i| y1[i]).collect();
            y2 = order.iter().map(|&i| y2[i]).collect();
            x2 = order.iter().map(|&i| x2[i]).collect();
        }
        let ones = vec![1.0; weights.len()];
        let labels: Vec<String> = (0..strata).map(|h| h.to_string()).collect();
        let rows = Rows {
            weights: &weights,
            strata: Some(Grouping {
                codes: &strata_of_row,
                labels: &labels,
            }),
            psu: &psu,
            psu_label: &|k| k.to_string(),
            fpc: None,
            domain: &domain,
            y: vec![&y1, &y2],
            x: vec![Some(&ones), Some(&x2)],
        };
        let mut acc = LinearAccumulator::new(vec![Statistic::Ratio; 2], true).unwrap();
        if shuffled {
            acc = acc.any_order();
        }
        acc.add(&rows).unwrap();
        let unions: Vec<Vec<u32>> = (0..8u32)
            .map(|f| {
                let (area, group) = (f / 4, (f / 2) % 2);
                vec![area * 3 + group, area * 3 + 2, 6 + group, 6 + 2]
            })
            .collect();
        let codes: Vec<Vec<u32>> = (0..9u32).map(|id| vec![id / 3, id % 3]).collect();
        let table = DomainTable {
            variables: vec!["geo".into(), "group".into()],
            labels: codes
                .iter()
                .map(|c| c.iter().map(u32::to_string).collect())
                .collect(),
            codes,
            id: (0..9).collect(),
        };
        let contrasts = [Contrast {
            variable: 1,
            a: 1,
            b: 0,
            label: "FOR-NAT".into(),
            kind: ContrastKind::Difference,
        }];
        let variables = ["v".to_string()];
        let req = LinearRequest {
            variables: &variables,
            domains: &table,
            contrasts: &contrasts,
            variance: LinearVariance::Linearised,
            lonely: LonelyPsu::Fail,
            reliability: ReliabilityRule::None,
            country_of_domain: None,
            level: 0.95,
        };
        let all = acc.estimate_overlapping_all(&[(0, &unions, &req), (1, &unions, &req)]);
        for (s, rows) in all.into_iter().enumerate() {
            let rows = rows.unwrap();
            let want = acc.regroup(s, &unions).unwrap().estimate(&req).unwrap();
            assert_eq!(rows.len(), 9 + 3);
            assert_eq!(rows.len(), want.len());
            for (a, b) in rows.iter().zip(&want) {
                assert_eq!(a.domain, b.domain);
                assert_eq!((a.n, a.df), (b.n, b.df));
                let (a, b) = (&a.measures, &b.measures);
                for (u, v) in [(a.estimate, b.estimate), (a.se, b.se), (a.ci_low, b.ci_low)] {
                    assert!((u - v).abs() <= 1e-9 * v.abs().max(1e-6), "{s}: {u} vs {v}");
                }
                assert!(a.se > 0.0);
            }
        }
    }
}
