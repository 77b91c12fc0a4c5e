//! Replicate estimates from PSU totals: `N + P x R` work, not `N x R`.
//!
//! A replicate of a total, mean or ratio is `sum_p f_rp Y_p / sum_p f_rp X_p` (or the total
//! `sum_p f_rp Y_p`) with the replicate's PSU factors `f_rp` (jackknife, Rao-Wu bootstrap,
//! BRR). [`StratumCells`] holds every PSU's totals `(Y_p, X_p)` of every (statistic, domain)
//! pair, PSU by PSU and stratum by stratum, each pair known in its stratum by a small local slot.
//! A block of replicates then sums one stratum at a time into a buffer of `slots x replicates`
//! that stays in cache, and adds it to the pairs once per stratum.
//!
//! For the Rao-Wu bootstrap (`f_p = 1 - lambda + lambda c m_p`, `c = n_h / (n_h - 1)`, `m_p`
//! the times PSU `p` is drawn among the `n_h - 1` draws) the sums follow from the draws:
//! `sum_p f_p Y_p = (1 - lambda) Y_h + lambda c sum_{draws j} Y_{p_j}`, with `Y_h` the stratum's
//! total, so each draw adds the totals of the PSU it drew and PSUs never drawn cost nothing
//! (Rao, Wu and Yue 1992; with `lambda = 1`, no fpc, the first term is zero).

use crate::replicate::StratumPart;

/// The PSU totals of every (statistic, domain) pair in units order (see the module docs).
pub(super) struct StratumCells {
    /// First unit of each stratum, and the number of units at the end.
    first: Vec<u32>,
    /// The entries of unit `u` are `from[u]..from[u + 1]`.
    from: Vec<u32>,
    /// Each entry's slot among its stratum's slots.
    slot: Vec<u32>,
    /// Each entry's `(Y_p, X_p)`.
    sums: Vec<[f64; 2]>,
    /// Stratum `h`'s slots are `slot_from[h]..slot_from[h + 1]` in `pair` and `total`.
    slot_from: Vec<u32>,
    /// The (statistic, domain) pair of each slot, `s * domains + d`.
    pair: Vec<u32>,
    /// Each slot's stratum total `(Y_h, X_h)`.
    total: Vec<[f64; 2]>,
}

/// One PSU total of a pair: `(unit, pair, (Y_p, X_p))`.
pub(super) type Entry = (u32, u32, [f64; 2]);

impl StratumCells {
    /// From the entries of every pair (any order) and the number of units in each stratum.
    pub fn new(entries: Vec<Entry>, psus_in_stratum: &[u32], pairs: usize) -> Self {
        let mut first = Vec::with_capacity(psus_in_stratum.len() + 1);
        let mut units = 0u32;
        for &n in psus_in_stratum {
            first.push(units);
            units += n;
        }
        first.push(units);
        // counting sort by unit; within a unit, entries keep their order
        let mut from = vec![0u32; units as usize + 1];
        for e in &entries {
            from[e.0 as usize + 1] += 1;
        }
        for u in 0..units as usize {
            from[u + 1] += from[u];
        }
        let mut next = from.clone();
        let mut order = vec![0u32; entries.len()];
        for (i, e) in entries.iter().enumerate() {
            order[next[e.0 as usize] as usize] = i as u32;
            next[e.0 as usize] += 1;
        }
        let mut slot_of_pair = vec![u32::MAX; pairs];
        let (mut slot, mut sums) = (
            Vec::with_capacity(order.len()),
            Vec::with_capacity(order.len()),
        );
        let (mut slot_from, mut pair, mut total) = (vec![0u32], Vec::new(), Vec::new());
        for h in 0..psus_in_stratum.len() {
            let (lo, hi) = (from[first[h] as usize], from[first[h + 1] as usize]);
            let base = pair.len();
            for &i in &order[lo as usize..hi as usize] {
                let (_, p, s) = entries[i as usize];
                let at = &mut slot_of_pair[p as usize];
                if *at == u32::MAX {
                    *at = (pair.len() - base) as u32;
                    pair.push(p);
                    total.push([0.0; 2]);
                }
                let t: &mut [f64; 2] = &mut total[base + *at as usize];
                t[0] += s[0];
                t[1] += s[1];
                slot.push(*at);
                sums.push(s);
            }
            for &p in &pair[base..] {
                slot_of_pair[p as usize] = u32::MAX;
            }
            slot_from.push(pair.len() as u32);
        }
        StratumCells {
            first,
            from,
            slot,
            sums,
            slot_from,
            pair,
            total,
        }
    }

    /// Adds stratum `h`'s part of each of `b` replicates to the pairs' sums
    /// `acc[k * pairs + pair]`; `local` and `counts` are buffers. The bootstrap's draws are
    /// counted per PSU first (`counts[i * b + k]`, the `b` replicates of a PSU side by side),
    /// then the stratum's totals are read once, in order, for all `b` replicates.
    pub fn add_stratum(
        &self,
        h: usize,
        part: StratumPart<'_>,
        b: usize,
        acc: &mut [[f64; 2]],
        (local, counts): (&mut Vec<[f64; 2]>, &mut Vec<f64>),
    ) {
        let slots = (self.slot_from[h] as usize)..(self.slot_from[h + 1] as usize);
        if slots.is_empty() {
            return;
        }
        let (m, pairs) = (slots.len(), acc.len() / b.max(1));
        let (u0, n) = (
            self.first[h] as usize,
            (self.first[h + 1] - self.first[h]) as usize,
        );
        // `local[slot * b + k]`
        local.clear();
        local.resize(m * b, [0.0; 2]);
        let (scale, shift) = match part {
            StratumPart::Factors(f) => {
                counts.clear();
                counts.extend((0..n).flat_map(|i| (0..b).map(move |k| f[k * n + i])));
                (1.0, 0.0)
            }
            StratumPart::Draws { draws, lambda } => {
                counts.clear();
                counts.resize(n * b, 0.0);
                for (k, d) in draws.chunks_exact(n - 1).enumerate() {
                    for &i in d {
                        counts[i as usize * b + k] += 1.0;
                    }
                }
                (lambda * n as f64 / (n as f64 - 1.0), 1.0 - lambda)
            }
        };
        for (i, c) in counts.chunks_exact(b).enumerate() {
            let r = self.from[u0 + i] as usize..self.from[u0 + i + 1] as usize;
            for (&s, v) in self.slot[r.clone()].iter().zip(&self.sums[r]) {
                let l = &mut local[s as usize * b..(s as usize + 1) * b];
                for (l, &c) in l.iter_mut().zip(c) {
                    l[0] += c * v[0];
                    l[1] += c * v[1];
                }
            }
        }
        let (pair, total) = (&self.pair[slots.clone()], &self.total[slots]);
        for ((l, &p), t) in local.chunks_exact(b).zip(pair).zip(total) {
            for (k, l) in l.iter().enumerate() {
                let a = &mut acc[k * pairs + p as usize];
                // `shift` is 0 without an fpc: the stratum total is then not added at all
                if shift == 0.0 {
                    a[0] += scale * l[0];
                    a[1] += scale * l[1];
                } else {
                    a[0] += shift * t[0] + scale * l[0];
                    a[1] += shift * t[1] + scale * l[1];
                }
            }
        }
    }
}
