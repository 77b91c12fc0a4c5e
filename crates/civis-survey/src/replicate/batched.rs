//! Draws with replacement from `0..n` in batches: several uniform indices from one 64-bit
//! output (N. Brackett-Rozinsky & D. Lemire, "Batched ranged random integer generation",
//! Software: Practice and Experience 55(1), 2025, doi:10.1002/spe.3369).
//!
//! For `k` draws with `P = n^k <= 2^64`, a uniform 64-bit `x` is read as the mixed-radix number
//! `floor(x P / 2^64) = sum_i r_i n^(k - i)` with digits `r_1, ..., r_k` in `0..n`: successive
//! 64 x 64 -> 128-bit products `l_{i-1} n = r_i 2^64 + l_i` (`l_0 = x`) give the digits as their
//! high halves, and the last low half is `l_k = x P mod 2^64`. This is Lemire's multiply-shift
//! (Lemire 2019, "Fast random integer generation in an interval", ACM TOMACS 29(1)) applied to
//! the bound `P`: every value of `floor(x P / 2^64)` is taken by `floor(2^64 / P)` or one more
//! values of `x`, and rejecting the `x` with `l_k < 2^64 mod P` leaves exactly `floor(2^64 / P)`
//! for each, so the accepted `k`-tuples are uniform on `(0..n)^k`: `k` independent uniform
//! draws for one output, one multiplication each and one comparison per batch. The threshold
//! `2^64 mod P` and the batch size `k` are fixed per `n` ([`BatchedDraws::new`]).

use super::Xoshiro256;

/// The most draws taken from one 64-bit output (reached when `n <= 256`).
const MAX_BATCH: usize = 8;

/// The batch plan for draws from `0..n`: `per_batch` draws per 64-bit output and the rejection
/// threshold `2^64 mod n^per_batch` of their product (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchedDraws {
    n: u64,
    per_batch: usize,
    threshold: u64,
}

impl BatchedDraws {
    /// The plan for `n >= 1`: among the batch sizes `k <= 8` with `n^k <= 2^64`, the one with
    /// the most accepted draws per output, `k (1 - (2^64 mod n^k) / 2^64)` (for `n = 1,600`, 6
    /// draws with 9 % of the outputs rejected are 5.45 draws per output, 5 draws 5.0).
    pub fn new(n: u32) -> Self {
        assert!(n >= 1, "draws from an empty range");
        let n = u64::from(n);
        let mut best = BatchedDraws {
            n,
            per_batch: 1,
            threshold: rejection_threshold(u128::from(n)),
        };
        let mut best_yield = 0.0;
        let mut product = 1u128;
        for k in 1..=MAX_BATCH {
            product *= u128::from(n);
            if product > 1u128 << 64 {
                break;
            }
            let threshold = rejection_threshold(product);
            let accepted = k as f64 * (1.0 - threshold as f64 / 2f64.powi(64));
            if accepted > best_yield {
                best_yield = accepted;
                best = BatchedDraws {
                    n,
                    per_batch: k,
                    threshold,
                };
            }
        }
        best
    }

    /// The number of draws taken from one 64-bit output.
    pub fn per_batch(&self) -> usize {
        self.per_batch
    }
}

/// `2^64 mod product` for `1 <= product <= 2^64`.
fn rejection_threshold(product: u128) -> u64 {
    if product == 1u128 << 64 {
        0
    } else {
        let p = product as u64;
        p.wrapping_neg() % p
    }
}

/// The `K` digits of `x` in base `n` read by successive multiplications, and the last low half
/// `x n^K mod 2^64` (the module documentation's `r_1, ..., r_K` and `l_K`).
#[inline(always)]
fn digits<const K: usize>(x: u64, n: u64) -> ([u32; K], u64) {
    let mut out = [0u32; K];
    let mut l = x;
    for o in out.iter_mut() {
        let p = u128::from(l) * u128::from(n);
        *o = (p >> 64) as u32;
        l = p as u64;
    }
    (out, l)
}

impl Xoshiro256 {
    /// Adds `m` draws with replacement from `0..n` (`n` of `draws`): `hit(i)` for each draw `i`,
    /// in stream order. The draws come in batches of [`BatchedDraws::per_batch`] from one
    /// 64-bit output each (5 or 6 for the 900-1,600 PSUs of a typical stratum; module
    /// documentation): a multiplication per draw and one comparison per batch, and an output
    /// whose batch is rejected (below 9 % of them) is replaced by the next. The last batch is
    /// drawn whole and only its first `m mod k` draws are used (the first draws of a uniform
    /// tuple are uniform). The Rao-Wu bootstrap's `n_h - 1` draws per stratum and replicate
    /// (Rao & Wu 1988) are the bulk of its work.
    pub fn draw_with_replacement(
        &mut self,
        draws: &BatchedDraws,
        m: usize,
        mut hit: impl FnMut(usize),
    ) {
        match draws.per_batch {
            1 => self.draw_batches::<1>(draws, m, &mut hit),
            2 => self.draw_batches::<2>(draws, m, &mut hit),
            3 => self.draw_batches::<3>(draws, m, &mut hit),
            4 => self.draw_batches::<4>(draws, m, &mut hit),
            5 => self.draw_batches::<5>(draws, m, &mut hit),
            6 => self.draw_batches::<6>(draws, m, &mut hit),
            7 => self.draw_batches::<7>(draws, m, &mut hit),
            _ => self.draw_batches::<MAX_BATCH>(draws, m, &mut hit),
        }
    }

    /// [`Self::draw_with_replacement`] with batches of `K` draws (a constant, so that the
    /// multiplications of a batch are unrolled and its draws kept in registers).
    #[inline(always)]
    fn draw_batches<const K: usize>(
        &mut self,
        draws: &BatchedDraws,
        m: usize,
        hit: &mut impl FnMut(usize),
    ) {
        debug_assert_eq!(K, draws.per_batch);
        for _ in 0..m / K {
            for i in self.batch::<K>(draws) {
                hit(i as usize);
            }
        }
        let rest = m % K;
        if rest > 0 {
            for &i in &self.batch::<K>(draws)[..rest] {
                hit(i as usize);
            }
        }
    }

    /// One accepted batch of `K` uniform draws from `0..n`.
    #[inline(always)]
    fn batch<const K: usize>(&mut self, draws: &BatchedDraws) -> [u32; K] {
        accepted_batch::<K>(draws, || self.next_u64())
    }
}

/// The digits of the first of the words `next` gives whose last low half is at least the
/// threshold `2^64 mod n^K` (module documentation).
#[inline(always)]
fn accepted_batch<const K: usize>(draws: &BatchedDraws, mut next: impl FnMut() -> u64) -> [u32; K] {
    loop {
        let (out, low) = digits::<K>(next(), draws.n);
        if low >= draws.threshold {
            return out;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::assert_chi_square;
    use super::*;

    /// The digits read by multiplications are those of `floor(x n^k / 2^64)` in base `n`, and the
    /// last low half is `x n^k mod 2^64`: the identity the exactness argument rests on.
    #[test]
    fn digits_are_the_base_n_digits_of_the_scaled_output() {
        fn check<const K: usize>(n: u64, rng: &mut Xoshiro256) {
            let product = u128::from(n).pow(K as u32);
            assert!(product <= 1u128 << 64);
            for x in [0, 1, u64::MAX, u64::MAX - 1, 1 << 63]
                .into_iter()
                .chain((0..2_000).map(|_| rng.next_u64()))
            {
                let (out, low) = digits::<K>(x, n);
                let scaled = u128::from(x) * product;
                let number = out
                    .iter()
                    .fold(0u128, |acc, &r| acc * u128::from(n) + u128::from(r));
                assert!(out.iter().all(|&r| u64::from(r) < n), "n = {n}, x = {x}");
                assert_eq!(number, scaled >> 64, "n = {n}, x = {x}");
                assert_eq!(u128::from(low), scaled & u128::from(u64::MAX));
            }
        }
        let mut rng = Xoshiro256::seeded(9, 1);
        check::<6>(1_600, &mut rng);
        check::<5>(6_846, &mut rng);
        check::<8>(256, &mut rng);
        check::<4>(65_536, &mut rng);
        check::<1>(u64::from(u32::MAX), &mut rng);
        check::<3>(3, &mut rng);
    }

    /// A word whose last low half `x n^k mod 2^64` falls below the threshold is passed over
    /// for the next word (`0`, and a random one; for 1,600 PSUs 9 % of the words are), and a
    /// word at or above it is kept at once.
    #[test]
    fn words_below_the_threshold_are_rejected() {
        let draws = BatchedDraws::new(1_600);
        assert!(draws.threshold > 0);
        let p = 1_600u64.pow(6);
        // the last low half of x is x p mod 2^64
        let mut rng = Xoshiro256::seeded(3, 3);
        let mut word = |below: bool| {
            (0..)
                .map(|_| rng.next_u64())
                .find(|&x| (x.wrapping_mul(p) < draws.threshold) == below)
                .unwrap()
        };
        let (kept, below) = (word(false), word(true));
        for rejected in [0, below] {
            let mut words = [rejected, kept].into_iter();
            let out = accepted_batch::<6>(&draws, || words.next().unwrap());
            assert_eq!(out, digits::<6>(kept, 1_600).0, "word {rejected}");
        }
        let mut words = [kept, 0].into_iter();
        assert_eq!(
            accepted_batch::<6>(&draws, || words.next().unwrap()),
            digits::<6>(kept, 1_600).0
        );
    }

    /// The plan's threshold is `2^64 mod n^k`, `n^k` fits in 64 bits (or is `2^64`), and no
    /// other batch size of at most 8 draws accepts more draws per output.
    #[test]
    fn plans_take_the_most_accepted_draws_per_output() {
        let yield_of = |n: u64, k: u32| {
            let p = u128::from(n).pow(k);
            let t = (1u128 << 64) % p;
            k as f64 * (1.0 - t as f64 / 2f64.powi(64))
        };
        for n in [
            1u32, 2, 3, 5, 170, 256, 257, 900, 1_500, 1_600, 2_048, 6_846, 70_000,
        ]
        .into_iter()
        .chain([1 << 16, (1 << 16) + 1, u32::MAX])
        {
            let plan = BatchedDraws::new(n);
            let (n, k) = (u64::from(n), plan.per_batch() as u32);
            let p = u128::from(n).pow(k);
            assert!(p <= 1u128 << 64, "n = {n}");
            assert_eq!(u128::from(plan.threshold), (1u128 << 64) % p, "n = {n}");
            for other in (1..=MAX_BATCH as u32)
                .filter(|&j| u128::from(n).checked_pow(j).is_some_and(|p| p <= 1 << 64))
            {
                assert!(
                    yield_of(n, k) >= yield_of(n, other),
                    "n = {n}: {k} vs {other}"
                );
            }
        }
        assert_eq!(BatchedDraws::new(1_600).per_batch(), 6);
        assert_eq!(BatchedDraws::new(6_846).per_batch(), 5);
        assert_eq!(BatchedDraws::new(1_500).per_batch(), 5);
        assert_eq!(BatchedDraws::new(256).per_batch(), 8);
    }

    /// Consecutive draws are independent: the pairs of a batch (and across batches) fall
    /// uniformly on the `n^2` cells (chi-square with `n^2 - 1` degrees of freedom), for bounds
    /// whose batches are rejected often (`n = 1,600`: 9 % of the outputs) or never (`n = 64`).
    #[test]
    fn consecutive_draws_are_independent() {
        for (n, seed) in [(37u32, 1u64), (64, 2), (1_600, 3)] {
            let cells = (n as usize).pow(2).min(40_000);
            let per = 40;
            let draws = BatchedDraws::new(n);
            let mut rng = Xoshiro256::seeded(seed, 7);
            let mut counts = vec![0u32; cells];
            let mut previous = None;
            // pairs (draw 2j, draw 2j + 1), folded onto at most 40,000 cells for n = 1,600
            rng.draw_with_replacement(&draws, 2 * cells * per, |i| match previous.take() {
                None => previous = Some(i),
                Some(a) => counts[(a * n as usize + i) % cells] += 1,
            });
            let counts = counts.iter().map(|&c| f64::from(c));
            assert_chi_square(counts, per as f64, &format!("pairs of draws, n = {n}"));
        }
    }
}
