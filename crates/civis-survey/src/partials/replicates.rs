//! Replicate estimates from the PSU totals: the replicates are cut into ranges of blocks (two
//! ranges per thread); within a range the strata are the outer loop, and each block of
//! replicates is formed from its factors in the stratum and summed into each (statistic,
//! domain) pair.

use rayon::prelude::*;

use super::LinearAccumulator;
use crate::design::Design;
use crate::replicate::{BlockScratch, BlockValues, Replicates, StratumFactors};
use crate::statistic::Statistic;

use super::LinearRequest;

impl LinearAccumulator {
    /// Replicate estimates of every (statistic, domain) pair, pair-major (`s * nd + d`):
    /// `sum_p f_rp Y_p / sum_p f_rp X_p` (or the total `sum_p f_rp Y_p`) with the replicate's
    /// PSU factors `f_rp`, summed stratum by stratum in stratum order (so a replicate's value
    /// does not depend on the range of [`replicate_tasks`] it falls in, nor on the threads).
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
        let per_rep: Vec<Vec<f64>> = replicate_tasks(reps.len())
            .into_par_iter()
            .map_init(
                || (BlockScratch::default(), Vec::new()),
                |(scratch, acc): &mut (BlockScratch, Vec<[f64; 2]>), task| {
                    acc.clear();
                    acc.resize(task.len() * np, [0.0; 2]);
                    reps.stratum_factors::<REPLICATE_BLOCK>(design, task, scratch, |h, k0, f| {
                        cells.add_stratum(h, f, np, &mut acc[k0 * np..])
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
            .into_par_iter()
            .map(|i| per_rep.iter().map(|v| v[i]).collect())
            .collect()
    }
}

/// The PSU totals of every (cell, statistic) of an output domain, for replicates: stratum by
/// stratum, and within a stratum in runs of one (statistic, domain) pair, so that a replicate
/// sums each run in registers and reads its factors from one stratum's buffer.
struct UnitCells {
    strata: Vec<StratumCells>,
}

/// One stratum's entries, ordered by (pair, unit).
#[derive(Default)]
struct StratumCells {
    /// Index of the entry's PSU among its stratum's PSUs.
    local: Vec<u32>,
    sums: Vec<[f64; 2]>,
    /// Runs `(pair, end)`: a run ends where the next begins.
    runs: Vec<(u32, u32)>,
    /// The full-sample `(Y, X)` of each run: the pair's totals in the stratum.
    run_totals: Vec<[f64; 2]>,
}

impl UnitCells {
    /// The cells of output domains bucketed by stratum (a counting sort over the strata, in
    /// cell order), then, strata in parallel, each stratum's entries `(pair, unit)` sorted by
    /// that key (unique: a unit has one cell per domain), their runs and run totals; the order
    /// (stratum, pair, unit) is the one the sums are taken in.
    fn new(acc: &LinearAccumulator, pos_of_id: &[u32], unit_of_psu: &[u32], nd: usize) -> Self {
        let (strata, ns) = (acc.psus_in_stratum.len(), acc.stats.len());
        let domain = |c: usize| {
            pos_of_id
                .get(acc.cell_domain[c] as usize)
                .copied()
                .filter(|&d| d != u32::MAX)
        };
        let stratum = |c: usize| acc.stratum_of_psu[acc.cell_psu[c] as usize] as usize;
        // at[h]: where stratum h's cells start
        let mut at = vec![0usize; strata + 1];
        for c in 0..acc.cell_psu.len() {
            if domain(c).is_some() {
                at[stratum(c) + 1] += 1;
            }
        }
        for h in 1..=strata {
            at[h] += at[h - 1];
        }
        let mut cells = vec![0u32; at[strata]];
        let mut next = at.clone();
        for c in 0..acc.cell_psu.len() {
            if domain(c).is_some() {
                let h = stratum(c);
                cells[next[h]] = c as u32;
                next[h] += 1;
            }
        }
        // the first unit of each stratum
        let mut units = 0u32;
        let first: Vec<u32> = acc
            .psus_in_stratum
            .iter()
            .map(|&n| {
                units += n;
                units - n
            })
            .collect();
        let strata = (0..strata)
            .into_par_iter()
            .map(|h| {
                let mut entries: Vec<(u32, u32, u32)> = Vec::new();
                for &c in &cells[at[h]..at[h + 1]] {
                    let c = c as usize;
                    let d = domain(c).unwrap_or(0);
                    let u = unit_of_psu[acc.cell_psu[c] as usize] - first[h];
                    for s in (0..ns).filter(|&s| acc.cell_touched[c] & (1 << s) != 0) {
                        entries.push(((s * nd) as u32 + d, u, (c * ns + s) as u32));
                    }
                }
                entries.sort_unstable_by_key(|e| (e.0, e.1));
                StratumCells::of_entries(&entries, &acc.cell_sums)
            })
            .collect();
        UnitCells { strata }
    }

    /// Adds stratum `h`'s `sum_p f_p (Y_p, X_p)` to each pair's sums of each replicate `k` of
    /// the block (`acc[k * pairs + pair]`), with the factors `f` of its PSUs in the block:
    /// `base_k (Y_h, X_h) + scale_k sum_p v_pk (Y_p, X_p)` (see [`StratumFactors`]). The `B`
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
        let cells = &self.strata[h];
        let (small, large) = (run_sums::<B, u16>(), run_sums::<B, u32>());
        let mut start = 0;
        for (&(pair, end), total) in cells.runs.iter().zip(&cells.run_totals) {
            let (local, sums) = (
                &cells.local[start..end as usize],
                &cells.sums[start..end as usize],
            );
            let mut reps = acc.iter_mut().skip(pair as usize).step_by(pairs);
            // LANES replicates at a time: their sums fit in the vector registers
            for lane in (0..B).step_by(LANES) {
                let (y, x) = match f.values {
                    BlockValues::Small(values) => small(local, sums, values, lane),
                    BlockValues::Large(values) => large(local, sums, values, lane),
                };
                let (base, scale) = (&f.base[lane..], &f.scale[lane..]);
                for (k, (a, (y, x))) in reps.by_ref().zip(y.iter().zip(&x)).enumerate() {
                    a[0] += base[k] * total[0] + scale[k] * y;
                    a[1] += base[k] * total[1] + scale[k] * x;
                }
            }
            start = end as usize;
        }
    }
}

/// A version of the sums of a run (see [`run_sums`]).
type RunSums<V> = fn(&[u32], &[[f64; 2]], &[V], usize) -> ([f64; LANES], [f64; LANES]);

/// `sum_e v_e,k (Y_e, X_e)` over a run's entries `e` for the [`LANES`] replicates `lane..` of a
/// block, `v_e,k = values[local_e * B + lane + k]`: one load of the entry's values (exact small
/// whole numbers, widened to `f64`), then the products by the broadcast `Y_e` and `X_e`, lane by
/// lane. Compiled three times, the version for this CPU chosen here (once per stratum, not per
/// run): with AVX-512 a vector holds the eight lanes, with AVX2 four, with SSE2 (any x86-64
/// CPU) two, so the wider vectors take a quarter or half the instructions; each lane's sum is
/// taken in entry order in every version, with the same multiplications and additions (no
/// fused multiply-add), so the sums are identical.
fn run_sums<const B: usize, V: Copy + Into<f64>>() -> RunSums<V> {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx512f") {
        // SAFETY: the CPU supports AVX-512F (checked on the line above), the only requirement
        // of a `target_feature` function; the pointer is used on this CPU only.
        return |l, s, v, lane| unsafe { run_sums_avx512::<B, V>(l, s, v, lane) };
    }
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU supports AVX2 (checked on the line above), the only requirement of
        // a `target_feature` function; the pointer is used on this CPU only.
        return |l, s, v, lane| unsafe { run_sums_avx2::<B, V>(l, s, v, lane) };
    }
    run_sums_portable::<B, V>
}

/// Defines a version of [`run_sums`]: [`sums_of_run`] compiled with the given attributes.
macro_rules! run_sums_version {
    ($(#[$attr:meta])* $name:ident) => {
        $(#[$attr])*
        fn $name<const B: usize, V: Copy + Into<f64>>(
            local: &[u32],
            sums: &[[f64; 2]],
            values: &[V],
            lane: usize,
        ) -> ([f64; LANES], [f64; LANES]) {
            sums_of_run::<B, V>(local, sums, values, lane)
        }
    };
}

run_sums_version!(
    /// [`run_sums`] compiled for AVX2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    run_sums_avx2
);

run_sums_version!(
    /// [`run_sums`] compiled for AVX-512.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f")]
    run_sums_avx512
);

run_sums_version!(
    /// [`run_sums`] for any CPU. Not inlined: inside the caller's loops the compiler
    /// vectorised over `(Y, X)` instead, with one shuffle per replicate and entry (about 20 %
    /// more instructions per entry).
    #[inline(never)]
    run_sums_portable
);

/// The loop of [`run_sums`], inlined into each of its versions.
#[inline(always)]
fn sums_of_run<const B: usize, V: Copy + Into<f64>>(
    local: &[u32],
    sums: &[[f64; 2]],
    values: &[V],
    lane: usize,
) -> ([f64; LANES], [f64; LANES]) {
    let (mut y, mut x) = ([0.0; LANES], [0.0; LANES]);
    for (&l, &[sy, sx]) in local.iter().zip(sums) {
        let at = l as usize * B + lane;
        let v = &values[at..at + LANES];
        for k in 0..LANES {
            y[k] += v[k].into() * sy;
            x[k] += v[k].into() * sx;
        }
    }
    (y, x)
}

impl StratumCells {
    /// The runs of a stratum's entries `(pair, unit, index of the sums)`, sorted by pair, and
    /// each run's totals (summed in unit order).
    fn of_entries(entries: &[(u32, u32, u32)], cell_sums: &[f64]) -> Self {
        let mut me = StratumCells {
            local: entries.iter().map(|e| e.1).collect(),
            sums: entries
                .iter()
                .map(|e| {
                    let at = 2 * e.2 as usize;
                    [cell_sums[at], cell_sums[at + 1]]
                })
                .collect(),
            ..StratumCells::default()
        };
        for (i, e) in entries.iter().enumerate() {
            if entries.get(i + 1).is_none_or(|n| n.0 != e.0) {
                me.runs.push((e.0, (i + 1) as u32));
            }
        }
        let mut start = 0;
        me.run_totals = me
            .runs
            .iter()
            .map(|&(_, end)| {
                let t = me.sums[start..end as usize]
                    .iter()
                    .fold([0.0; 2], |t, s| [t[0] + s[0], t[1] + s[1]]);
                start = end as usize;
                t
            })
            .collect();
        me
    }
}

/// Replicates computed together in one pass over a stratum's PSU totals (a multiple of
/// [`LANES`]).
const REPLICATE_BLOCK: usize = 8;

/// The replicates `0..r` cut into ranges of whole blocks of [`REPLICATE_BLOCK`], two per thread
/// (fewer when there are fewer blocks), as even as the blocks allow: each range reads every
/// stratum's PSU totals from memory once for all its blocks ([`Replicates::stratum_factors`]
/// keeps the strata outer), and two ranges per thread leave work to steal when one thread is
/// slowed down. A replicate's estimate does not depend on the range it falls in, so the
/// results do not depend on the number of threads.
fn replicate_tasks(r: usize) -> Vec<std::ops::Range<usize>> {
    let blocks = r.div_ceil(REPLICATE_BLOCK);
    let tasks = (2 * rayon::current_num_threads()).clamp(1, blocks.max(1));
    (0..tasks)
        .map(|t| {
            let (from, to) = (t * blocks / tasks, (t + 1) * blocks / tasks);
            (from * REPLICATE_BLOCK).min(r)..(to * REPLICATE_BLOCK).min(r)
        })
        .collect()
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::replicate::Xoshiro256;

    /// The versions of [`run_sums`] this CPU can run: the dispatched one, the portable one, and
    /// the AVX2 and AVX-512 ones where the CPU has them.
    fn run_sums_versions<const B: usize, V: Copy + Into<f64>>() -> Vec<(&'static str, RunSums<V>)> {
        let mut out: Vec<(&'static str, RunSums<V>)> = vec![
            ("dispatched", run_sums::<B, V>()),
            ("portable", run_sums_portable::<B, V>),
        ];
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: called only on this CPU, which has AVX2
                out.push(("avx2", |l, s, v, lane| unsafe {
                    run_sums_avx2::<B, V>(l, s, v, lane)
                }));
            }
            if std::arch::is_x86_feature_detected!("avx512f") {
                // SAFETY: called only on this CPU, which has AVX-512F
                out.push(("avx512", |l, s, v, lane| unsafe {
                    run_sums_avx512::<B, V>(l, s, v, lane)
                }));
            }
        }
        out
    }

    /// A run of 1,000 entries with uneven totals and counts: the dispatched sums and every
    /// compiled version this CPU runs equal the sums taken one replicate at a time, bit for
    /// bit, for 16-bit and 32-bit values and both lanes of a 16-replicate block.
    #[test]
    fn run_sums_are_the_same_on_every_path() {
        let mut rng = Xoshiro256::seeded(3, 0);
        let n = 1_000;
        let local: Vec<u32> = (0..n).map(|_| rng.below(400) as u32).collect();
        let sums: Vec<[f64; 2]> = (0..n)
            .map(|_| {
                let w = (rng.next_u64() >> 11) as f64 / (1u64 << 40) as f64;
                [w * (rng.below(2) as f64), w]
            })
            .collect();
        let small: Vec<u16> = (0..400 * 16).map(|_| rng.below(7) as u16).collect();
        let large: Vec<u32> = small.iter().map(|&v| u32::from(v) * 70_001).collect();
        for lane in [0, LANES] {
            let want = |values: &dyn Fn(usize) -> f64| {
                let (mut y, mut x) = ([0.0; LANES], [0.0; LANES]);
                for k in 0..LANES {
                    for (&l, s) in local.iter().zip(&sums) {
                        let v = values(l as usize * 16 + lane + k);
                        y[k] += v * s[0];
                        x[k] += v * s[1];
                    }
                }
                (y, x)
            };
            let small_want = want(&|at| f64::from(small[at]));
            let large_want = want(&|at| f64::from(large[at]));
            let versions = run_sums_versions::<16, u16>();
            assert!(!versions.is_empty());
            for (name, run) in versions {
                assert_eq!(run(&local, &sums, &small, lane), small_want, "{name}");
            }
            for (name, run) in run_sums_versions::<16, u32>() {
                assert_eq!(run(&local, &sums, &large, lane), large_want, "{name}");
            }
        }
    }
}
