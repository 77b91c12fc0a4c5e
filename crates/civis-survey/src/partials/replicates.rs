//! Replicate estimates from the PSU totals: the replicates of a block are formed stratum by
//! stratum from their factors and summed into each (statistic, domain) pair.

use rayon::prelude::*;

use super::LinearAccumulator;
use crate::design::Design;
use crate::replicate::{BlockScratch, Replicates, StratumFactors};
use crate::statistic::Statistic;

use super::LinearRequest;

impl LinearAccumulator {
    /// Replicate estimates of every (statistic, domain) pair, pair-major (`s * nd + d`): one
    /// pass over the cells in unit order per replicate, `sum_p f_rp Y_p / sum_p f_rp X_p` (or
    /// the total `sum_p f_rp Y_p`) with the replicate's PSU factors `f_rp`.
    pub(super) fn replicate_thetas(
        &self,
        design: &Design,
        reps: &Replicates<'_>,
        req: &LinearRequest<'_>,
        unit_of_psu: &[u32],
    ) -> Vec<Vec<f64>> {
        let (ns, nd) = (self.stats.len(), req.domains.id.len());
        let max_id = req.domains.id.iter().map(|&i| i as usize + 1).max();
        let mut pos_of_id = vec![u32::MAX; max_id.unwrap_or(0)];
        for (d, &id) in req.domains.id.iter().enumerate() {
            pos_of_id[id as usize] = d as u32;
        }
        let cells = UnitCells::new(self, &pos_of_id, unit_of_psu, nd);
        let np = ns * nd;
        let blocks: Vec<std::ops::Range<usize>> = (0..reps.len())
            .step_by(REPLICATE_BLOCK)
            .map(|r| r..(r + REPLICATE_BLOCK).min(reps.len()))
            .collect();
        let per_rep: Vec<Vec<f64>> = blocks
            .into_par_iter()
            .map_init(
                || (BlockScratch::default(), Vec::new()),
                |(scratch, acc): &mut (BlockScratch, Vec<[f64; 2]>), block| {
                    acc.clear();
                    acc.resize(block.len() * np, [0.0; 2]);
                    reps.stratum_factors::<REPLICATE_BLOCK>(design, block, scratch, |h, f| {
                        cells.add_stratum(h, f, np, acc)
                    });
                    acc.chunks_exact(np)
                        .map(|acc| {
                            acc.iter()
                                .enumerate()
                                .map(|(i, a)| {
                                    if self.stats[i / nd].is_total() {
                                        a[0]
                                    } else {
                                        a[0] / a[1]
                                    }
                                })
                                .collect::<Vec<f64>>()
                        })
                        .collect::<Vec<_>>()
                },
            )
            .flatten()
            .collect();
        (0..ns * nd)
            .map(|i| per_rep.iter().map(|v| v[i]).collect())
            .collect()
    }
}

/// The PSU totals of every (cell, statistic) of an output domain, for replicates: stratum by
/// stratum, and within a stratum in runs of one (statistic, domain) pair, so that a replicate
/// sums each run in registers and reads its factors from one stratum's buffer.
struct UnitCells {
    /// Index of the entry's PSU among its stratum's PSUs.
    local: Vec<u32>,
    sums: Vec<[f64; 2]>,
    /// Runs `(pair, end)`: a run ends where the next begins.
    runs: Vec<(u32, u32)>,
    /// The full-sample `(Y, X)` of each run: the pair's totals in the stratum.
    run_totals: Vec<[f64; 2]>,
    /// Stratum `h`'s runs are `runs[run_from[h]..run_from[h + 1]]`.
    run_from: Vec<u32>,
}

impl UnitCells {
    fn new(acc: &LinearAccumulator, pos_of_id: &[u32], unit_of_psu: &[u32], nd: usize) -> Self {
        let ns = acc.stats.len();
        let strata = acc.psus_in_stratum.len();
        let mut first = Vec::with_capacity(strata);
        let mut unit = 0u32;
        for &n in &acc.psus_in_stratum {
            first.push(unit);
            unit += n;
        }
        let stratum_of = |u: u32| first.partition_point(|&f| f <= u) as u32 - 1;
        // (stratum, pair, unit, index of the sums)
        let mut entries: Vec<(u32, u32, u32, u32)> = Vec::with_capacity(acc.cell_psu.len());
        for c in 0..acc.cell_psu.len() {
            let d = pos_of_id
                .get(acc.cell_domain[c] as usize)
                .copied()
                .unwrap_or(u32::MAX);
            if d == u32::MAX {
                continue;
            }
            let unit = unit_of_psu[acc.cell_psu[c] as usize];
            let h = stratum_of(unit);
            for s in 0..ns {
                if acc.cell_touched[c] & (1 << s) != 0 {
                    let pair = (s * nd) as u32 + d;
                    entries.push((h, pair, unit - first[h as usize], (c * ns + s) as u32));
                }
            }
        }
        entries.par_sort_unstable();
        let mut runs: Vec<(u32, u32)> = Vec::new();
        let mut run_from = vec![0u32; strata + 1];
        for (i, e) in entries.iter().enumerate() {
            let next = entries.get(i + 1);
            if next.is_none_or(|n| (n.0, n.1) != (e.0, e.1)) {
                runs.push((e.1, i as u32 + 1));
                run_from[e.0 as usize + 1] = runs.len() as u32;
            }
        }
        for h in 1..=strata {
            run_from[h] = run_from[h].max(run_from[h - 1]);
        }
        let sums: Vec<[f64; 2]> = entries
            .iter()
            .map(|e| {
                let at = 2 * e.3 as usize;
                [acc.cell_sums[at], acc.cell_sums[at + 1]]
            })
            .collect();
        let mut start = 0;
        let run_totals = runs
            .iter()
            .map(|&(_, end)| {
                let t = sums[start..end as usize]
                    .iter()
                    .fold([0.0; 2], |t, s| [t[0] + s[0], t[1] + s[1]]);
                start = end as usize;
                t
            })
            .collect();
        UnitCells {
            local: entries.iter().map(|e| e.2).collect(),
            sums,
            runs,
            run_totals,
            run_from,
        }
    }

    /// Adds stratum `h`'s `sum_p f_p (Y_p, X_p)` to each pair's sums of each replicate `k` of
    /// the block (`acc[k * pairs + pair]`), with the factors `f` of its PSUs in the block:
    /// `base (Y_h, X_h) + scale sum_p v_pk (Y_p, X_p)` (see [`StratumFactors`]). The `B`
    /// replicates of a PSU's values are neighbours, so each entry of a run updates [`LANES`]
    /// independent sums (which the compiler turns into vector operations) instead of one
    /// chain of additions per replicate; a run is read `B / LANES` times while it is in cache.
    fn add_stratum<const B: usize>(
        &self,
        h: usize,
        f: StratumFactors<'_, B>,
        pairs: usize,
        acc: &mut [[f64; 2]],
    ) {
        let from = self.run_from[h] as usize;
        let runs = &self.runs[from..self.run_from[h + 1] as usize];
        let mut start = match from {
            0 => 0,
            r => self.runs[r - 1].1 as usize,
        };
        for (&(pair, end), total) in runs.iter().zip(&self.run_totals[from..]) {
            let (local, sums) = (
                &self.local[start..end as usize],
                &self.sums[start..end as usize],
            );
            let mut reps = acc.iter_mut().skip(pair as usize).step_by(pairs);
            // LANES replicates at a time: their sums fit in the vector registers
            for lane in (0..B).step_by(LANES) {
                let (mut y, mut x) = ([0.0; LANES], [0.0; LANES]);
                for (&l, s) in local.iter().zip(sums) {
                    let at = l as usize * B + lane;
                    let v = &f.values[at..at + LANES];
                    for k in 0..LANES {
                        y[k] += v[k] * s[0];
                        x[k] += v[k] * s[1];
                    }
                }
                for (a, (y, x)) in reps.by_ref().zip(y.iter().zip(&x)) {
                    a[0] += f.base * total[0] + f.scale * y;
                    a[1] += f.base * total[1] + f.scale * x;
                }
            }
            start = end as usize;
        }
    }
}

/// Replicates computed together in one pass over the PSU totals (a multiple of [`LANES`]): the
/// totals are read from memory once per block.
const REPLICATE_BLOCK: usize = 8;

/// Replicates whose sums [`UnitCells::add_stratum`] keeps side by side: 8 sums of `Y` and 8 of
/// `X` take 8 of the 16 vector registers of SSE2 (16 of each would not fit).
const LANES: usize = 8;

/// Replicate estimates of every pair, pair-major: `sum_p f_rp Y_p / sum_p f_rp X_p` (or the
/// total `sum_p f_rp Y_p`) from each pair's PSU totals.
pub(super) fn replicate_estimates(
    design: &Design,
    reps: &Replicates<'_>,
    stats: &[Statistic],
    pairs: &[(usize, usize)],
    totals: &[Vec<(u32, f64, f64)>],
) -> Vec<Vec<f64>> {
    let per_rep: Vec<Vec<f64>> = (0..reps.len())
        .into_par_iter()
        .map_init(
            || vec![0.0; design.n_psu()],
            |factor, r| {
                reps.psu_factors(design, r, factor);
                pairs
                    .iter()
                    .zip(totals)
                    .map(|(&(s, _), t)| {
                        let (mut a, mut b) = (0.0, 0.0);
                        for &(p, y, x) in t {
                            let f = factor[p as usize];
                            a += f * y;
                            b += f * x;
                        }
                        if stats[s].is_total() {
                            a
                        } else {
                            a / b
                        }
                    })
                    .collect()
            },
        )
        .collect();
    (0..pairs.len())
        .map(|i| per_rep.iter().map(|v| v[i]).collect())
        .collect()
}
