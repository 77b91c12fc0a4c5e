//! Per-(stratum, domain) moments of PSU totals: the linearised variance of a total, mean or
//! ratio without keeping one number per PSU.
//!
//! The ultimate-cluster variance of a domain's score total (Wolter 2007, *Introduction to
//! Variance Estimation*, 2nd ed., ch. 6, the Taylor series method; R survey's `svyrecvar` /
//! `onestage`) is
//!
//! `v = sum_h (1 - f_h) n_h / (n_h - 1) sum_{p in h} (u_p - ubar_h)^2`,
//!
//! summed over the `n_h` PSUs of stratum `h`, where the PSU score total is
//! `u_p = a Y_p + b X_p` (`a = 1, b = 0` for a total; `a = 1 / X, b = -R / X` for a mean or a
//! ratio `R = Y / X`). PSUs without a row of the domain have `u_p = 0`. So per (stratum,
//! domain, statistic) it is enough to know, over the `m` PSUs that do hold rows of the domain,
//! the means of `Y_p` and `X_p` and their centred second moments `C_yy, C_xy, C_xx`: then
//! `sum u_p = m (a Ybar + b Xbar)`, the centred sum of squares over those `m` PSUs is
//! `a^2 C_yy + 2 a b C_xy + b^2 C_xx`, and the `n_h - m` zeros join it by the pooled-variance
//! formula (Chan, Golub and LeVeque 1979). The moments are updated PSU by PSU with Welford's
//! algorithm (Welford 1962), which does not lose precision when the totals are large and their
//! spread small, as the raw sums `sum Y_p^2 - (sum Y_p)^2 / n` would.
//!
//! Lonely PSUs, the fpc and the degrees of freedom (PSUs minus strata the domain touches)
//! follow [`crate::Design::variance_of_scores`] exactly.

use std::collections::HashMap;

use crate::design::LonelyPsu;

/// Welford moments of the PSU totals `(Y_p, X_p)` of one (stratum, domain, statistic).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Moment {
    /// PSUs added.
    pub m: u64,
    pub mean_y: f64,
    pub mean_x: f64,
    pub c_yy: f64,
    pub c_xy: f64,
    pub c_xx: f64,
}

impl Moment {
    /// Adds one PSU's totals (Welford's update).
    pub fn add(&mut self, y: f64, x: f64) {
        self.m += 1;
        let n = self.m as f64;
        let dy = y - self.mean_y;
        let dx = x - self.mean_x;
        self.mean_y += dy / n;
        self.mean_x += dx / n;
        self.c_yy += dy * (y - self.mean_y);
        self.c_xy += dy * (x - self.mean_x);
        self.c_xx += dx * (x - self.mean_x);
    }

    /// `(sum u_p, sum (u_p - ubar)^2)` over the PSUs added, for `u = a Y + b X`.
    fn scores(&self, a: f64, b: f64) -> (f64, f64) {
        let mean = a * self.mean_y + b * self.mean_x;
        let ss = a * a * self.c_yy + 2.0 * a * b * self.c_xy + b * b * self.c_xx;
        (self.m as f64 * mean, ss.max(0.0))
    }
}

/// The moments of every (stratum, domain) met, per statistic.
#[derive(Debug, Clone, Default)]
pub(super) struct StratumMoments {
    stats: usize,
    /// Per stratum, the (domain, slot) pairs of its first [`SCANNED`] domains, searched in
    /// turn: rows come in any stratum order, so a domain's stratum changes from one PSU to the
    /// next, and a stratum's few domains share a cache line where a hash lookup would not.
    /// Stratum `h`'s pairs are `by_stratum[h * SCANNED..][..scanned[h]]` (one indirection).
    by_stratum: Vec<(u32, u32)>,
    scanned: Vec<u8>,
    /// Slot of each other (stratum, domain).
    slot_of: HashMap<(u32, u32), u32, super::KeyHash>,
    /// (stratum, domain) of each slot.
    slots: Vec<(u32, u32)>,
    /// `slot * stats + s`.
    moments: Vec<Moment>,
}

/// A stratum's first domains are found by a scan of this many pairs; further ones by hash.
const SCANNED: usize = 16;

/// What the variance needs to know of the strata: PSU counts, fpc factors `1 - f_h`, the
/// lonely-PSU policy.
pub(super) struct Strata<'a> {
    pub psus: &'a [u32],
    pub fpc_factor: &'a [f64],
    pub lonely: LonelyPsu,
    /// Sum of the fpc factors of the strata with one PSU.
    pub lonely_fpc_sum: f64,
    pub n_psu: usize,
}

impl StratumMoments {
    pub fn new(stats: usize) -> Self {
        StratumMoments {
            stats,
            ..Default::default()
        }
    }

    /// Adds one PSU's cell: stratum `h`, domain `d`, the statistics whose bit is set in
    /// `touched`, with their `(Y_p, X_p)` pairs in `sums`.
    pub fn add(&mut self, h: u32, d: u32, touched: u64, sums: &[f64]) {
        let slot = match self.slot(h, d) {
            Some(s) => s,
            None => {
                let s = self.slots.len() as u32;
                self.set_slot(h, d, s);
                self.slots.push((h, d));
                self.moments
                    .resize(self.moments.len() + self.stats, Moment::default());
                s
            }
        } as usize;
        for s in 0..self.stats {
            if touched & (1 << s) != 0 {
                self.moments[slot * self.stats + s].add(sums[2 * s], sums[2 * s + 1]);
            }
        }
    }

    /// Adds the slot of (stratum `h`, domain `d`) with its moments, one per statistic, when
    /// the caller folded every PSU of the pair itself (a pair must not be added twice).
    pub fn insert(&mut self, h: u32, d: u32, moments: &[Moment]) {
        let next = self.slots.len() as u32;
        self.set_slot(h, d, next);
        self.slots.push((h, d));
        self.moments.extend_from_slice(&moments[..self.stats]);
    }

    /// The slot of (stratum `h`, domain `d`), if it has one.
    fn slot(&self, h: u32, d: u32) -> Option<u32> {
        let at = h as usize;
        let pairs = match self.scanned.get(at) {
            Some(&len) => &self.by_stratum[at * SCANNED..at * SCANNED + usize::from(len)],
            None => &[],
        };
        match pairs.iter().find(|p| p.0 == d) {
            Some(&(_, s)) => Some(s),
            None if pairs.len() < SCANNED => None,
            None => self.slot_of.get(&(h, d)).copied(),
        }
    }

    /// Records the slot of (stratum `h`, domain `d`) (not recorded before).
    fn set_slot(&mut self, h: u32, d: u32, slot: u32) {
        let at = h as usize;
        if self.scanned.len() <= at {
            self.scanned.resize(at + 1, 0);
            self.by_stratum.resize((at + 1) * SCANNED, (0, 0));
        }
        let len = usize::from(self.scanned[at]);
        if len < SCANNED {
            self.by_stratum[at * SCANNED + len] = (d, slot);
            self.scanned[at] += 1;
        } else {
            self.slot_of.insert((h, d), slot);
        }
    }

    /// The slots of each domain id below `nd`.
    pub fn slots_by_domain(&self, nd: usize) -> Vec<Vec<u32>> {
        let mut out = vec![Vec::new(); nd];
        for (i, &(_, d)) in self.slots.iter().enumerate() {
            if let Some(v) = out.get_mut(d as usize) {
                v.push(i as u32);
            }
        }
        out
    }

    /// `(variance, degrees of freedom)` of the score total `u = a Y + b X` of statistic `s`
    /// on the domain whose slots are `slots` (see the module docs).
    pub fn variance(&self, slots: &[u32], s: usize, a: f64, b: f64, st: &Strata<'_>) -> (f64, f64) {
        let parts: Vec<(usize, f64, f64, u64)> = slots
            .iter()
            .map(|&slot| {
                let mo = &self.moments[slot as usize * self.stats + s];
                let (sum, ss) = mo.scores(a, b);
                (self.slots[slot as usize].0 as usize, sum, ss, mo.m)
            })
            .filter(|p| p.3 > 0)
            .collect();
        let total: f64 = parts.iter().map(|p| p.1).sum();
        let grand = total / st.n_psu as f64;
        let (mut var, mut lonely, mut lonely_fpc) = (0.0, 0usize, 0.0);
        let mut psus = 0u64;
        for &(h, sum, ss, m) in &parts {
            psus += m;
            let (nh, f) = (st.psus[h], st.fpc_factor[h]);
            if nh >= 2 {
                // the n_h - m PSUs without the domain's rows have u_p = 0
                let nh = f64::from(nh);
                let (mean_all, mean_touched) = (sum / nh, sum / m as f64);
                let d = mean_touched - mean_all;
                let ss = ss + m as f64 * d * d + (nh - m as f64) * mean_all * mean_all;
                var += f * nh / (nh - 1.0) * ss;
            } else {
                lonely += 1;
                lonely_fpc += f;
                if st.lonely == LonelyPsu::Adjust {
                    let d = sum - grand;
                    var += f * d * d;
                }
            }
        }
        match st.lonely {
            LonelyPsu::Adjust => var += (st.lonely_fpc_sum - lonely_fpc) * grand * grand,
            LonelyPsu::Average => {
                let ok = parts.len() - lonely;
                if ok > 0 {
                    var *= parts.len() as f64 / ok as f64;
                }
            }
            _ => {}
        }
        (var, psus as f64 - parts.len() as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welford_matches_the_two_pass_moments() {
        let pts = [
            (1e9 + 1.0, 3.0),
            (1e9 + 4.0, 5.0),
            (1e9 - 2.0, 4.5),
            (1e9, 1.0),
        ];
        let mut m = Moment::default();
        pts.iter().for_each(|&(y, x)| m.add(y, x));
        let n = pts.len() as f64;
        let my = pts.iter().map(|p| p.0).sum::<f64>() / n;
        let mx = pts.iter().map(|p| p.1).sum::<f64>() / n;
        let cyy: f64 = pts.iter().map(|p| (p.0 - my).powi(2)).sum();
        let cxy: f64 = pts.iter().map(|p| (p.0 - my) * (p.1 - mx)).sum();
        assert!((m.c_yy - cyy).abs() < 1e-9 * cyy);
        assert!((m.c_xy - cxy).abs() < 1e-9 * cxy.abs());
        let (sum, ss) = m.scores(1.0, -2.0);
        let u: Vec<f64> = pts.iter().map(|p| p.0 - 2.0 * p.1).collect();
        let mu = u.iter().sum::<f64>() / n;
        assert!((sum - mu * n).abs() < 1e-6);
        let ss2: f64 = u.iter().map(|v| (v - mu).powi(2)).sum();
        assert!((ss - ss2).abs() < 1e-9 * ss2);
    }
}
