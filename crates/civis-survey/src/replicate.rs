//! Replicate-weight variance: schemes generated from the design (delete-one-PSU jackknife,
//! Rao-Wu rescaled bootstrap, balanced repeated replication) and replicate-weight columns
//! supplied with the data.
//!
//! Generated replicates are multiplicative factors per PSU, produced one replicate at a time:
//! no N x R weight matrix is ever built. Variance (R `survey::svrVar`):
//! `V = scale * sum_r rscale_r (theta_r - centre)^2`, centre = the mean of the replicates
//! (R's default) or the full-sample estimate (`mse`).
//!
//! - JKn: replicate `(h, j)` deletes PSU `j` of stratum `h`, multiplies the other PSUs of `h` by
//!   `n_h / (n_h - 1)`; `rscale = (n_h - 1) / n_h`, `scale = 1`. Strata with one PSU give no
//!   replicate.
//! - Bootstrap (Rao & Wu 1988; Rao, Wu & Yue 1992), `m_h = n_h - 1` PSUs drawn with replacement
//!   in each stratum, PSU `i` drawn `r_hi` times:
//!   `factor = 1 - lambda + lambda * n_h / (n_h - 1) * r_hi`, `lambda = sqrt(1 - f_h)`;
//!   `scale = 1 / (R - 1)`. Seeded: replicate `r` has its own xoshiro256** stream (Blackman &
//!   Vigna 2018) seeded from `(seed, r)`, which draws stratum by stratum in stratum order, so
//!   results do not depend on the number of threads and the whole-file and partial-sum paths
//!   draw the same PSUs. Each 64-bit output gives a batch of `k` draws with `n_h^k <= 2^64`
//!   (5 or 6 for 900-1,600 PSUs), by successive multiplications and one rejection test per
//!   batch, uniform and independent (Brackett-Rozinsky & Lemire 2025, batched ranged random
//!   integers: Lemire's multiply-shift for the bound `n_h^k`; [`BatchedDraws`],
//!   [`Xoshiro256::draw_with_replacement`]).
//! - BRR (McCarthy 1969) for designs with exactly two PSUs per stratum, from a Sylvester
//!   Hadamard matrix: the selected half-sample gets factor `2 - rho`, the other `rho`
//!   (`rho = 0`: classic BRR; `rho > 0`: Fay's method); `scale = 1 / (R (1 - rho)^2)`.
//! - Supplied columns: `bootstrap` (scale `1/(R-1)`), `jk1` (`(R-1)/R`), `jkn` (rscales
//!   `(n_h-1)/n_h` found from the PSU each column deletes), `brr` (`1/R`), `fay:RHO`
//!   (`1/(R (1-rho)^2)`), `sdr` (successive difference, `4/R`).

mod batched;

pub use batched::BatchedDraws;

use crate::design::Design;
use crate::error::SurveyError;

/// Replicate-weight columns supplied with the data, and how they were made.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ColumnKind {
    Bootstrap,
    Jk1,
    JkN,
    Brr,
    Fay { rho: f64 },
    Sdr,
}

impl std::str::FromStr for ColumnKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let lower = s.to_ascii_lowercase();
        Ok(match lower.as_str() {
            "bootstrap" => ColumnKind::Bootstrap,
            "jk1" => ColumnKind::Jk1,
            "jkn" => ColumnKind::JkN,
            "brr" => ColumnKind::Brr,
            "sdr" | "successive-difference" => ColumnKind::Sdr,
            _ => {
                if let Some(r) = lower.strip_prefix("fay:") {
                    let rho: f64 = r
                        .parse()
                        .map_err(|_| format!("`{s}`: Fay's rho must be a number"))?;
                    if !(0.0..1.0).contains(&rho) {
                        return Err(format!("`{s}`: Fay's rho must be in [0, 1)"));
                    }
                    ColumnKind::Fay { rho }
                } else {
                    return Err(format!(
                        "unknown replicate method `{s}` (expected bootstrap, jk1, jkn, brr, fay:RHO or sdr)"
                    ));
                }
            }
        })
    }
}

/// How replicates are formed.
#[derive(Debug, Clone)]
pub enum ReplicateScheme<'a> {
    JackknifeN,
    Bootstrap {
        replicates: usize,
        seed: u64,
    },
    Brr {
        rho: f64,
    },
    Columns {
        weights: Vec<&'a [f64]>,
        kind: ColumnKind,
    },
}

/// The replicates of a scheme applied to a design, ready to produce weights one at a time.
#[derive(Debug, Clone)]
pub struct Replicates<'a> {
    scheme: ReplicateScheme<'a>,
    /// For JKn: the PSU each replicate deletes.
    jk_psu: Vec<u32>,
    /// For BRR: the Hadamard matrix order, and each stratum's two PSUs.
    brr_pairs: Vec<[u32; 2]>,
    hadamard: usize,
    /// PSUs of each stratum (bootstrap).
    members: Vec<Vec<u32>>,
    /// How each stratum's draws are batched (bootstrap).
    draws: Vec<BatchedDraws>,
    pub scale: f64,
    pub rscales: Vec<f64>,
}

impl<'a> Replicates<'a> {
    pub fn new(design: &Design, scheme: ReplicateScheme<'a>) -> Result<Self, SurveyError> {
        let nh = design.psus_in_stratum();
        let mut jk_psu = Vec::new();
        let mut brr_pairs = Vec::new();
        let mut hadamard = 0;
        let (scale, rscales) = match &scheme {
            ReplicateScheme::JackknifeN => {
                let mut rs = Vec::new();
                for (p, &h) in design.stratum_of_psu().iter().enumerate() {
                    let n = nh[h as usize];
                    if n >= 2 {
                        jk_psu.push(p as u32);
                        rs.push((n as f64 - 1.0) / n as f64);
                    }
                }
                if jk_psu.is_empty() {
                    return Err(SurveyError::Replicates(
                        "the jackknife needs at least one stratum with two or more PSUs".into(),
                    ));
                }
                (1.0, rs)
            }
            ReplicateScheme::Bootstrap { replicates, .. } => {
                if *replicates < 2 {
                    return Err(SurveyError::Replicates(
                        "the bootstrap needs at least 2 replicates".into(),
                    ));
                }
                (1.0 / (*replicates as f64 - 1.0), vec![1.0; *replicates])
            }
            ReplicateScheme::Brr { rho } => {
                let mut pairs = vec![[u32::MAX; 2]; design.n_strata()];
                for (p, &h) in design.stratum_of_psu().iter().enumerate() {
                    let slot = &mut pairs[h as usize];
                    if slot[0] == u32::MAX {
                        slot[0] = p as u32;
                    } else if slot[1] == u32::MAX {
                        slot[1] = p as u32;
                    }
                }
                for (h, &n) in nh.iter().enumerate() {
                    if n != 2 {
                        return Err(SurveyError::Replicates(format!(
                            "BRR needs exactly two PSUs in every stratum; stratum `{}` has {n} (use the jackknife or the bootstrap)",
                            design.stratum_labels()[h]
                        )));
                    }
                }
                brr_pairs = pairs;
                hadamard = (design.n_strata() + 1).next_power_of_two().max(4);
                let r = hadamard as f64;
                (1.0 / (r * (1.0 - rho) * (1.0 - rho)), vec![1.0; hadamard])
            }
            ReplicateScheme::Columns { weights, kind } => {
                let r = weights.len();
                if r < 2 {
                    return Err(SurveyError::Replicates(
                        "need at least two replicate-weight columns".into(),
                    ));
                }
                for (i, c) in weights.iter().enumerate() {
                    if c.len() != design.nrows() {
                        return Err(SurveyError::Replicates(format!(
                            "replicate column {} has {} values, expected {}",
                            i + 1,
                            c.len(),
                            design.nrows()
                        )));
                    }
                    if let Some(row) = c.iter().position(|v| !v.is_finite() || *v < 0.0) {
                        return Err(SurveyError::Replicates(format!(
                            "replicate column {} has a missing, negative or infinite weight in row {row}",
                            i + 1
                        )));
                    }
                }
                let rf = r as f64;
                match kind {
                    ColumnKind::Bootstrap => (1.0 / (rf - 1.0), vec![1.0; r]),
                    ColumnKind::Jk1 => ((rf - 1.0) / rf, vec![1.0; r]),
                    ColumnKind::Brr => (1.0 / rf, vec![1.0; r]),
                    ColumnKind::Fay { rho } => {
                        (1.0 / (rf * (1.0 - rho) * (1.0 - rho)), vec![1.0; r])
                    }
                    ColumnKind::Sdr => (4.0 / rf, vec![1.0; r]),
                    ColumnKind::JkN => {
                        let mut rs = Vec::with_capacity(r);
                        for (i, c) in weights.iter().enumerate() {
                            let row = c.iter().position(|&v| v == 0.0).ok_or_else(|| {
                                SurveyError::Replicates(format!(
                                    "JKn replicate column {} deletes no PSU (no zero weight), so its stratum is unknown",
                                    i + 1
                                ))
                            })?;
                            let h = design.stratum_of_row()[row] as usize;
                            let n = nh[h] as f64;
                            rs.push((n - 1.0) / n);
                        }
                        (1.0, rs)
                    }
                }
            }
        };
        let members = if matches!(scheme, ReplicateScheme::Bootstrap { .. }) {
            psus_by_stratum(design)
        } else {
            Vec::new()
        };
        let draws = members
            .iter()
            .map(|ps| BatchedDraws::new((ps.len() as u32).max(1)))
            .collect();
        Ok(Replicates {
            scheme,
            jk_psu,
            brr_pairs,
            hadamard,
            members,
            draws,
            scale,
            rscales,
        })
    }

    pub fn len(&self) -> usize {
        self.rscales.len()
    }
    pub fn is_empty(&self) -> bool {
        self.rscales.is_empty()
    }
    /// Whether these are the delete-one-PSU jackknife generated from the design.
    pub fn is_jackknife_n(&self) -> bool {
        matches!(self.scheme, ReplicateScheme::JackknifeN)
    }

    /// Whether replicates are factors per PSU (generated) rather than supplied row weights.
    pub fn is_generated(&self) -> bool {
        !matches!(self.scheme, ReplicateScheme::Columns { .. })
    }
    /// The supplied weight column of replicate `r`.
    pub fn column(&self, r: usize) -> Option<&'a [f64]> {
        match &self.scheme {
            ReplicateScheme::Columns { weights, .. } => Some(weights[r]),
            _ => None,
        }
    }

    /// The factors of the replicates `reps` stratum by stratum, in blocks of `B` replicates, for
    /// a design whose PSUs are numbered stratum by stratum (stratum 0's first, then stratum
    /// 1's, ...): `each(h, k0, f)` gets the [`StratumFactors`] of stratum `h` for the block of
    /// replicates `reps.start + k0 ..` (at most `B`), whose [`StratumFactors::factor`]`(i, k)` is
    /// the factor of its `i`-th PSU in replicate `reps.start + k0 + k`, the same as
    /// [`Self::psu_factors`] gives. Every block sees the strata in order, so a caller that sums
    /// over strata gets the same sums for any `reps` that contains a replicate.
    ///
    /// The bootstrap keeps one generator per replicate and draws stratum by stratum, the same
    /// draws as [`Self::psu_factors`]; the strata are the outer loop and the blocks of `reps`
    /// the inner one, so a caller's per-stratum data (its PSU totals) are read from memory once
    /// for all of `reps` and stay in cache for the other blocks. Each replicate counts its
    /// `n_h - 1` draws in place in the block's PSU-major 16-bit values, `values[i * B + k]`
    /// (25 kB for 1,600 PSUs, in L1 cache), so that a sum over a stratum's PSUs handles the `B`
    /// replicates of the block side by side with no transposition of the counts. The factor
    /// `1 - lambda + lambda c r_hik` is never formed: a replicate total of the stratum is
    /// `(1 - lambda) T_h + lambda c sum_i r_hik y_i` ([`StratumFactors::base`],
    /// [`StratumFactors::scale`]). The other schemes form each block's factors for all PSUs
    /// (blocks outer, strata inner).
    pub fn stratum_factors<const B: usize>(
        &self,
        design: &Design,
        reps: std::ops::Range<usize>,
        scratch: &mut BlockScratch,
        mut each: impl FnMut(usize, usize, StratumFactors<'_, B>),
    ) {
        debug_assert!(design.stratum_of_psu().windows(2).all(|w| w[0] <= w[1]));
        let BlockScratch { counts, factors } = scratch;
        let ReplicateScheme::Bootstrap { seed, .. } = &self.scheme else {
            let np = design.n_psu();
            for k0 in (0..reps.len()).step_by(B) {
                let block = reps.start + k0..(reps.start + k0 + B).min(reps.end);
                let b = block.len();
                factors.clear();
                factors.resize(np * b, 0.0);
                for (k, r) in block.enumerate() {
                    self.psu_factors(design, r, &mut factors[k * np..(k + 1) * np]);
                }
                let mut at = 0;
                for (h, &n) in design.psus_in_stratum().iter().enumerate() {
                    let n = n as usize;
                    let values = counts.zeroed_small(n * B);
                    let (mut base, mut scale) = ([1.0; B], [0.0; B]);
                    for k in 0..b {
                        let f = &factors[k * np + at..k * np + at + n];
                        (base[k], scale[k]) = two_values(f, |i, v| values[i * B + k] = v);
                    }
                    let values = BlockValues::Small(values);
                    each(
                        h,
                        k0,
                        StratumFactors {
                            base,
                            scale,
                            values,
                        },
                    );
                    counts.clear(n * B);
                    at += n;
                }
            }
            return;
        };
        let mut rngs: Vec<Xoshiro256> = reps.map(|r| Xoshiro256::seeded(*seed, r as u64)).collect();
        for (h, ps) in self.members.iter().enumerate() {
            let n = ps.len();
            if n < 2 {
                // a lonely PSU keeps its weight: factor 1 + 0 * 0
                let values = BlockValues::Small(counts.zeroed_small(n * B));
                for k0 in (0..rngs.len()).step_by(B) {
                    each(h, k0, StratumFactors::uniform(1.0, 0.0, values));
                }
                continue;
            }
            let lambda = design.fpc_factor()[h].sqrt();
            let c = n as f64 / (n as f64 - 1.0);
            for (b, block) in rngs.chunks_mut(B).enumerate() {
                let values = counts.count_block::<B>(block, &self.draws[h], n);
                each(
                    h,
                    b * B,
                    StratumFactors::uniform(1.0 - lambda, lambda * c, values),
                );
                counts.clear(n * B);
            }
        }
    }

    /// Fill `factor[p]` with the multiplicative factor of PSU `p` in replicate `r`.
    pub fn psu_factors(&self, design: &Design, r: usize, factor: &mut [f64]) {
        let nh = design.psus_in_stratum();
        let sop = design.stratum_of_psu();
        match &self.scheme {
            ReplicateScheme::JackknifeN => {
                let del = self.jk_psu[r] as usize;
                let h = sop[del];
                let n = nh[h as usize] as f64;
                for (p, f) in factor.iter_mut().enumerate() {
                    *f = if p == del {
                        0.0
                    } else if sop[p] == h {
                        n / (n - 1.0)
                    } else {
                        1.0
                    };
                }
            }
            ReplicateScheme::Bootstrap { seed, .. } => {
                let mut rng = Xoshiro256::seeded(*seed, r as u64);
                factor.iter_mut().for_each(|f| *f = 0.0);
                for (h, ps) in self.members.iter().enumerate() {
                    let n = ps.len();
                    if n < 2 {
                        for &p in ps {
                            factor[p as usize] = 1.0;
                        }
                        continue;
                    }
                    rng.draw_with_replacement(&self.draws[h], n - 1, |k| {
                        factor[ps[k] as usize] += 1.0
                    });
                    let lambda = design.fpc_factor()[h].sqrt();
                    let c = n as f64 / (n as f64 - 1.0);
                    for &p in ps {
                        let cnt = factor[p as usize];
                        factor[p as usize] = 1.0 - lambda + lambda * c * cnt;
                    }
                }
            }
            ReplicateScheme::Brr { rho } => {
                for (h, pair) in self.brr_pairs.iter().enumerate() {
                    let plus = hadamard_entry(r, h + 1) > 0;
                    let (a, b) = if plus {
                        (2.0 - rho, *rho)
                    } else {
                        (*rho, 2.0 - rho)
                    };
                    factor[pair[0] as usize] = a;
                    factor[pair[1] as usize] = b;
                }
                debug_assert!(r < self.hadamard);
            }
            ReplicateScheme::Columns { .. } => {
                factor.iter_mut().for_each(|f| *f = 1.0);
            }
        }
    }

    /// Variance from replicate estimates, centred on their mean or on `full` when `mse`.
    pub fn variance(&self, thetas: &[f64], full: f64, mse: bool) -> f64 {
        let r = thetas.len() as f64;
        let centre = if mse {
            full
        } else {
            thetas.iter().sum::<f64>() / r
        };
        let mut v = 0.0;
        for (t, rs) in thetas.iter().zip(&self.rscales) {
            v += rs * (t - centre) * (t - centre);
        }
        self.scale * v
    }
}

/// The factors of one stratum's PSUs in a block of `B` replicates (see
/// [`Replicates::stratum_factors`]): PSU `i`'s factor in replicate `k` is
/// `base[k] + scale[k] * values[i * B + k]`, with `values` small whole numbers (16-bit, a
/// quarter of the memory traffic of `f64`, exact when widened). For the Rao-Wu bootstrap
/// `values` are the times each PSU was drawn, `base = 1 - lambda` and
/// `scale = lambda n_h / (n_h - 1)`; the jackknife and BRR give a stratum at most two factors
/// per replicate, `base` (value 0) and `base + scale` (value 1). A replicate total of the
/// stratum is so `base[k] T_h + scale[k] sum_i values[i * B + k] y_i`, `T_h` the stratum's
/// full-sample total.
#[derive(Debug, Clone, Copy)]
pub struct StratumFactors<'v, const B: usize> {
    pub base: [f64; B],
    pub scale: [f64; B],
    pub values: BlockValues<'v>,
}

/// The [`StratumFactors::values`] of a stratum's PSUs in a block, PSU-major (`i * B + k`).
#[derive(Debug, Clone, Copy)]
pub enum BlockValues<'v> {
    /// Draw counts of strata of at most 2^16 PSUs (a count is below `n_h`), and the 0 / 1
    /// values of the jackknife and BRR.
    Small(&'v [u16]),
    /// Draw counts of larger strata.
    Large(&'v [u32]),
}

impl BlockValues<'_> {
    /// The value at `at` (`i * B + k`).
    pub fn get(&self, at: usize) -> f64 {
        match self {
            BlockValues::Small(v) => f64::from(v[at]),
            BlockValues::Large(v) => f64::from(v[at]),
        }
    }
}

impl<'v, const B: usize> StratumFactors<'v, B> {
    /// The factors `base + scale * values[i * B + k]`, the same `base` and `scale` for every
    /// replicate of the block.
    pub fn uniform(base: f64, scale: f64, values: BlockValues<'v>) -> Self {
        StratumFactors {
            base: [base; B],
            scale: [scale; B],
            values,
        }
    }
    /// The factor of the stratum's `i`-th PSU in the block's replicate `k`.
    pub fn factor(&self, i: usize, k: usize) -> f64 {
        self.base[k] + self.scale[k] * self.values.get(i * B + k)
    }
}

/// A stratum's factors `f` in one replicate of the jackknife or BRR as `(base, scale)` and a
/// value 0 or 1 per PSU (`set(i, value)`): `base` is the smallest factor, `base + scale` the
/// other one (the jackknife: 0 for the deleted PSU, `n_h / (n_h - 1)` for the others, or 1 for
/// all PSUs of another stratum; BRR: `rho` and `2 - rho`).
fn two_values(f: &[f64], mut set: impl FnMut(usize, u16)) -> (f64, f64) {
    let low = f.iter().copied().fold(f64::INFINITY, f64::min);
    let high = f.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    debug_assert!(f.iter().all(|&v| v == low || v == high));
    for (i, &v) in f.iter().enumerate() {
        set(i, u16::from(v != low));
    }
    if f.is_empty() {
        (1.0, 0.0)
    } else {
        (low, high - low)
    }
}

/// Reusable buffers of [`Replicates::stratum_factors`] (one per thread).
#[derive(Debug, Clone, Default)]
pub struct BlockScratch {
    /// One stratum's [`StratumFactors::values`]: the bootstrap's draw counts, taken in place.
    counts: DrawCounts,
    /// The factors of every PSU, replicate-major, for the schemes other than the bootstrap.
    factors: Vec<f64>,
}

/// A block's [`BlockValues`], PSU-major (`i * B + k`), all zero between strata: 16-bit for
/// strata of at most 2^16 PSUs (a count is below `n_h`) and for the jackknife's and BRR's
/// 0 / 1 values, else 32-bit.
#[derive(Debug, Clone, Default)]
struct DrawCounts {
    small: Vec<u16>,
    large: Vec<u32>,
}

/// The PSUs a replicate's 16-bit counts are indexed over: every draw of a stratum of at most
/// `COUNT_WINDOW` PSUs falls inside, so counting it needs no bounds check.
const COUNT_WINDOW: usize = 1 << 16;

impl DrawCounts {
    /// The first `len` 16-bit values, zero.
    fn zeroed_small(&mut self, len: usize) -> &mut [u16] {
        if self.small.len() < len {
            self.small.resize(len, 0);
        }
        &mut self.small[..len]
    }

    /// Zeroes the first `len` values again (those a stratum of `len / B` PSUs used).
    fn clear(&mut self, len: usize) {
        let small = self.small.len().min(len);
        self.small[..small].fill(0);
        let large = self.large.len().min(len);
        self.large[..large].fill(0);
    }

    /// Draws `n - 1` of the stratum's `n` PSUs with replacement for each replicate `k` of
    /// `rngs` (at most `B`) and counts the times PSU `i` was drawn in place, at `i * B + k`
    /// (0 for the replicates `rngs` does not fill): the counts are the block's values, with no
    /// transposition. A replicate's counts are `B` values apart, `n B` 16-bit values in all
    /// (25 kB for 1,600 PSUs, in L1 cache). [`Self::clear`] zeroes them after use.
    fn count_block<const B: usize>(
        &mut self,
        rngs: &mut [Xoshiro256],
        draws: &BatchedDraws,
        n: usize,
    ) -> BlockValues<'_> {
        assert!(rngs.len() <= B, "a block has at most {B} replicates");
        if n <= COUNT_WINDOW {
            let counts = self.zeroed_small(COUNT_WINDOW * B);
            let window: &mut [[u16; B]; COUNT_WINDOW] = (&mut counts.as_chunks_mut::<B>().0
                [..COUNT_WINDOW])
                .try_into()
                .expect("a window of 2^16 PSUs");
            for (k, rng) in rngs.iter_mut().enumerate() {
                // a draw is below n <= 2^16, so it fits in 16 bits
                rng.draw_with_replacement(draws, n - 1, |i| window[i as u16 as usize][k] += 1);
            }
            BlockValues::Small(&self.small[..n * B])
        } else {
            if self.large.len() < n * B {
                self.large.resize(n * B, 0);
            }
            for (k, rng) in rngs.iter_mut().enumerate() {
                rng.draw_with_replacement(draws, n - 1, |i| self.large[i * B + k] += 1);
            }
            BlockValues::Large(&self.large[..n * B])
        }
    }
}

/// One part of a smooth statistic for [`jackknife_closed_form`]: PSU-level totals
/// `(psu, sum w y, sum w x)` sorted by PSU, whether it is a total (`Y`) or a ratio (`Y / X`), and
/// its sign (a gap is `+A - B`).
pub struct JackknifePart<'t> {
    pub totals: &'t [(u32, f64, f64)],
    pub is_total: bool,
    pub sign: f64,
}

/// JKn variance of `sum_parts sign * g(Y, X)` without forming the replicates one by one.
///
/// Deleting PSU `j` of stratum `h` changes a domain total to `Y + (c - 1) Y_h - c Y_j` with
/// `c = n_h / (n_h - 1)`; every PSU of `h` that has no unit of the domain gives the same
/// replicate, and every stratum without a unit of the domain gives back the full-sample value.
/// So the `sum_h n_h` replicates collapse into one value per touched PSU, one per touched
/// stratum (with its multiplicity), and one for all untouched strata: the cost is proportional
/// to the number of PSUs the domain touches, not to the number of PSUs times rows.
pub fn jackknife_closed_form(design: &Design, parts: &[JackknifePart<'_>], mse: bool) -> f64 {
    let nh = design.psus_in_stratum();
    let sop = design.stratum_of_psu();
    let k = parts.len();
    let g = |ys: &[(f64, f64)]| -> f64 {
        parts
            .iter()
            .zip(ys)
            .map(|(p, &(y, x))| p.sign * if p.is_total { y } else { y / x })
            .sum()
    };
    // full totals, and per touched stratum
    let mut full = vec![(0.0, 0.0); k];
    let mut strata: std::collections::BTreeMap<u32, Vec<(f64, f64)>> = Default::default();
    let mut psus: std::collections::BTreeMap<u32, Vec<(f64, f64)>> = Default::default();
    for (i, part) in parts.iter().enumerate() {
        for &(p, y, x) in part.totals {
            full[i].0 += y;
            full[i].1 += x;
            let h = sop[p as usize];
            let e = strata.entry(h).or_insert_with(|| vec![(0.0, 0.0); k]);
            e[i].0 += y;
            e[i].1 += x;
            let e = psus.entry(p).or_insert_with(|| vec![(0.0, 0.0); k]);
            e[i].0 += y;
            e[i].1 += x;
        }
    }
    let theta = g(&full);
    // (value, multiplicity, rscale)
    let mut reps: Vec<(f64, f64, f64)> = Vec::with_capacity(psus.len() + strata.len() + 1);
    let mut touched_psus_in: std::collections::BTreeMap<u32, u32> = Default::default();
    let mut buf = vec![(0.0, 0.0); k];
    for (&p, t) in &psus {
        let h = sop[p as usize];
        let n = nh[h as usize];
        if n < 2 {
            continue;
        }
        *touched_psus_in.entry(h).or_default() += 1;
        let c = n as f64 / (n as f64 - 1.0);
        let sh = &strata[&h];
        for i in 0..k {
            buf[i] = (
                full[i].0 + (c - 1.0) * sh[i].0 - c * t[i].0,
                full[i].1 + (c - 1.0) * sh[i].1 - c * t[i].1,
            );
        }
        reps.push((g(&buf), 1.0, (n as f64 - 1.0) / n as f64));
    }
    let mut untouched_strata_reps = 0.0;
    let mut untouched_rscale_sum = 0.0;
    for (h, &n) in nh.iter().enumerate() {
        if n < 2 {
            continue;
        }
        let rs = (n as f64 - 1.0) / n as f64;
        match strata.get(&(h as u32)) {
            Some(sh) => {
                let rest = n - touched_psus_in.get(&(h as u32)).copied().unwrap_or(0);
                if rest > 0 {
                    let c = n as f64 / (n as f64 - 1.0);
                    for i in 0..k {
                        buf[i] = (
                            full[i].0 + (c - 1.0) * sh[i].0,
                            full[i].1 + (c - 1.0) * sh[i].1,
                        );
                    }
                    reps.push((g(&buf), rest as f64, rs));
                }
            }
            None => {
                untouched_strata_reps += n as f64;
                untouched_rscale_sum += n as f64 * rs;
            }
        }
    }
    let count: f64 = reps.iter().map(|r| r.1).sum::<f64>() + untouched_strata_reps;
    let centre = if mse {
        theta
    } else {
        (reps.iter().map(|r| r.0 * r.1).sum::<f64>() + theta * untouched_strata_reps) / count
    };
    let mut v: f64 = reps
        .iter()
        .map(|&(t, m, rs)| m * rs * (t - centre) * (t - centre))
        .sum();
    v += untouched_rscale_sum * (theta - centre) * (theta - centre);
    v
}

/// Sylvester Hadamard matrix entry H[i][j] (order a power of two): (-1)^popcount(i & j).
fn hadamard_entry(i: usize, j: usize) -> i32 {
    if (i & j).count_ones().is_multiple_of(2) {
        1
    } else {
        -1
    }
}

fn psus_by_stratum(design: &Design) -> Vec<Vec<u32>> {
    let mut v: Vec<Vec<u32>> = (design.psus_in_stratum().iter())
        .map(|&n| Vec::with_capacity(n as usize))
        .collect();
    for (p, &h) in design.stratum_of_psu().iter().enumerate() {
        v[h as usize].push(p as u32);
    }
    v
}

/// xoshiro256** (Blackman & Vigna 2018), seeded through splitmix64 from (seed, stream).
#[derive(Debug, Clone)]
pub struct Xoshiro256 {
    s: [u64; 4],
}

impl Xoshiro256 {
    pub fn seeded(seed: u64, stream: u64) -> Self {
        let mut x = seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17);
        let mut next = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Xoshiro256 {
            s: [next(), next(), next(), next()],
        }
    }
    pub fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }
    /// Uniform integer in `0..n` (Lemire's unbiased multiply-shift: a draw whose low half is
    /// below `2^64 mod n` is rejected). The threshold needs a division, so it is only computed
    /// when the low half is below `n`, which it exceeds (Lemire 2019, "Fast random integer
    /// generation in an interval", algorithm 5).
    pub fn below(&mut self, n: u64) -> u64 {
        let mut m = (self.next_u64() as u128) * (n as u128);
        if (m as u64) < n {
            let threshold = n.wrapping_neg() % n;
            while (m as u64) < threshold {
                m = (self.next_u64() as u128) * (n as u128);
            }
        }
        (m >> 64) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hadamard_columns_are_orthogonal() {
        let n = 8;
        for a in 1..n {
            for b in 1..n {
                let dot: i32 = (0..n)
                    .map(|r| hadamard_entry(r, a) * hadamard_entry(r, b))
                    .sum();
                assert_eq!(dot, if a == b { n as i32 } else { 0 });
            }
        }
    }

    #[test]
    fn rng_is_reproducible_and_uniform() {
        let mut a = Xoshiro256::seeded(123, 4);
        let mut b = Xoshiro256::seeded(123, 4);
        let mut counts = [0u32; 5];
        for _ in 0..50_000 {
            let x = a.below(5);
            assert_eq!(x, b.below(5));
            counts[x as usize] += 1;
        }
        for c in counts {
            assert!((9_500..10_500).contains(&c), "{counts:?}");
        }
    }

    /// Strata of 4, 1, 2, 2,500 and 70,000 PSUs (one PSU per row, a sampling fraction of 0.1):
    /// batches of 8 (4 and 2 PSUs), 5 (2,500) and 3 (70,000) draws per output.
    fn stratified_design() -> Design {
        let sizes = [4usize, 1, 2, 2_500, 70_000];
        let strata: Vec<u32> = sizes
            .iter()
            .enumerate()
            .flat_map(|(h, &n)| std::iter::repeat_n(h as u32, n))
            .collect();
        let labels: Vec<String> = (0..sizes.len()).map(|h| format!("s{h}")).collect();
        let weights = vec![1.0; strata.len()];
        let fpc = vec![0.1; strata.len()];
        Design::new(crate::design::DesignSpec {
            weights: &weights,
            strata: Some(crate::design::Grouping {
                codes: &strata,
                labels: &labels,
            }),
            psu: None,
            nest: false,
            fpc: Some(&fpc),
            lonely: crate::design::LonelyPsu::Adjust,
        })
        .unwrap()
    }

    #[test]
    fn stratum_factors_equal_psu_factors() {
        let design = stratified_design();
        let np = design.n_psu();
        for scheme in [
            ReplicateScheme::Bootstrap {
                replicates: 20,
                seed: 7,
            },
            ReplicateScheme::JackknifeN,
        ] {
            let reps = Replicates::new(&design, scheme).unwrap();
            // a full block, a partial one, and several blocks (the last one partial)
            for block in [0..8, 8..13, 0..20] {
                let mut by_psu = vec![vec![0.0; np]; block.len()];
                for (k, r) in block.clone().enumerate() {
                    reps.psu_factors(&design, r, &mut by_psu[k]);
                }
                let first_of: Vec<usize> = design
                    .psus_in_stratum()
                    .iter()
                    .scan(0, |at, &n| {
                        *at += n as usize;
                        Some(*at - n as usize)
                    })
                    .collect();
                let mut scratch = BlockScratch::default();
                let mut seen = std::collections::BTreeSet::new();
                reps.stratum_factors::<8>(&design, block.clone(), &mut scratch, |h, k0, f| {
                    let n = design.psus_in_stratum()[h] as usize;
                    for i in 0..n {
                        for (k, want) in by_psu[k0..].iter().take(8).enumerate() {
                            let want = want[first_of[h] + i];
                            assert_eq!(
                                f.factor(i, k),
                                want,
                                "stratum {h}, PSU {i}, replicate {k0} + {k}"
                            );
                        }
                    }
                    assert!(seen.insert((h, k0)), "stratum {h}, block {k0} twice");
                });
                let blocks = block.len().div_ceil(8);
                assert_eq!(seen.len(), design.n_strata() * blocks);
                assert!(seen.iter().all(|&(_, k0)| k0 % 8 == 0 && k0 < block.len()));
            }
        }
    }

    #[test]
    fn bootstrap_counts_sum_to_n_minus_one() {
        let design = stratified_design();
        let reps = Replicates::new(
            &design,
            ReplicateScheme::Bootstrap {
                replicates: 4,
                seed: 1,
            },
        )
        .unwrap();
        let mut scratch = BlockScratch::default();
        reps.stratum_factors::<4>(&design, 0..4, &mut scratch, |h, _, f| {
            let n = design.psus_in_stratum()[h] as usize;
            for k in 0..4 {
                let drawn: f64 = (0..n).map(|i| f.values.get(i * 4 + k)).sum();
                assert_eq!(drawn, if n < 2 { 0.0 } else { n as f64 - 1.0 });
            }
        });
    }

    /// Pearson's chi-square of the `observed` counts of equally likely cells, `expected` in
    /// each, within 6 standard deviations of its mean: `|chi2 - df| < 6 sqrt(2 df)`, `df` the
    /// number of cells less one.
    pub(super) fn assert_chi_square(
        observed: impl IntoIterator<Item = f64>,
        expected: f64,
        what: &str,
    ) {
        let (mut chi2, mut cells) = (0.0, 0.0);
        for o in observed {
            chi2 += (o - expected).powi(2) / expected;
            cells += 1.0;
        }
        let df = cells - 1.0;
        assert!(
            (chi2 - df).abs() < 6.0 * (2.0 * df).sqrt(),
            "{what}: chi-square {chi2} on {df} degrees of freedom"
        );
    }

    /// Through [`Replicates::stratum_factors`] (16-bit counts for 2, 4 and 2,500 PSUs, 32-bit
    /// for 70,000), the `R (n_h - 1)` draws of a stratum over all replicates fall uniformly on
    /// its PSUs: Pearson's chi-square with `n_h - 1` degrees of freedom.
    #[test]
    fn bootstrap_counts_are_uniform_over_replicates() {
        let design = stratified_design();
        let r = 64;
        let reps = Replicates::new(
            &design,
            ReplicateScheme::Bootstrap {
                replicates: r,
                seed: 5,
            },
        )
        .unwrap();
        let nh = design.psus_in_stratum();
        let mut drawn: Vec<Vec<f64>> = nh.iter().map(|&n| vec![0.0; n as usize]).collect();
        let mut scratch = BlockScratch::default();
        reps.stratum_factors::<8>(&design, 0..r, &mut scratch, |h, _, f| {
            for (i, d) in drawn[h].iter_mut().enumerate() {
                *d += (0..8).map(|k| f.values.get(i * 8 + k)).sum::<f64>();
            }
        });
        for (h, d) in drawn.iter().enumerate().filter(|(_, d)| d.len() >= 2) {
            let n = d.len() as f64;
            let expected = r as f64 * (n - 1.0) / n;
            assert_eq!(d.iter().sum::<f64>(), r as f64 * (n - 1.0));
            assert_chi_square(d.iter().copied(), expected, &format!("stratum {h}"));
        }
    }

    /// Draws with replacement are uniform for batches of 8 (`n = 5`), 5 (1,500; 2,048, whose
    /// batches are never rejected; 3,000) and 3 draws (70,000), the last batch cut short.
    #[test]
    fn draws_with_replacement_are_uniform() {
        for (n, seed) in [
            (5u32, 1u64),
            (1_500, 2),
            (2_048, 3),
            (3_000, 4),
            (70_000, 5),
        ] {
            let mut rng = Xoshiro256::seeded(seed, 0);
            let draws = BatchedDraws::new(n);
            let per = 1_000;
            let mut counts = vec![0u32; n as usize];
            // n per - 2 draws leave a partial batch at the end
            let m = n as usize * per - 2;
            assert_ne!(m % draws.per_batch(), 0, "n = {n}");
            rng.draw_with_replacement(&draws, m, |i| counts[i] += 1);
            assert_eq!(counts.iter().sum::<u32>(), m as u32);
            // each count is binomial(n per - 2, 1 / n): sd about 31.6, so 6.3 sd either side
            assert!(counts.iter().all(|&c| (800..1_200).contains(&c)), "n = {n}");
            let counts = counts.iter().map(|&c| f64::from(c));
            assert_chi_square(counts, per as f64, &format!("n = {n}"));
        }
    }

    #[test]
    fn column_kinds_parse() {
        assert_eq!(
            "fay:0.5".parse::<ColumnKind>(),
            Ok(ColumnKind::Fay { rho: 0.5 })
        );
        assert!("fay:2".parse::<ColumnKind>().is_err());
        assert!("nope".parse::<ColumnKind>().is_err());
    }
}
