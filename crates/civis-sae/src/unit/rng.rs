//! Seeded random numbers for the Monte Carlo and the bootstrap: xoshiro256++
//! (Blackman & Vigna 2021, "Scrambled linear pseudorandom number generators",
//! ACM TOMS 47) seeded through splitmix64, and standard normals by the
//! ziggurat method with 128 layers (Marsaglia & Tsang 2000, in the ZIGNOR
//! variant of Doornik 2005, "An improved ziggurat method to generate normal
//! random samples").
//!
//! Every area (and every bootstrap replicate) gets its own stream,
//! [`Xoshiro::stream`]`(seed, key)`, so results do not depend on how rayon
//! schedules the areas: the same seed gives the same numbers on any number of
//! threads.

use std::sync::OnceLock;

/// One step of splitmix64 (Steele, Lea & Flood 2014), used to expand seeds.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The xoshiro256++ generator.
#[derive(Debug, Clone)]
pub struct Xoshiro {
    s: [u64; 4],
}

impl Xoshiro {
    /// The stream of `key` (an area index, a replicate number, ...) under `seed`:
    /// the four state words are splitmix64 outputs started from a mix of both.
    pub fn stream(seed: u64, key: u64) -> Self {
        let mut sm = seed ^ key.wrapping_mul(0xD2B7_4407_B1CE_6E93).rotate_left(17);
        // Decorrelate neighbouring keys before filling the state.
        splitmix64(&mut sm);
        let s = [
            splitmix64(&mut sm),
            splitmix64(&mut sm),
            splitmix64(&mut sm),
            splitmix64(&mut sm),
        ];
        Self { s }
    }

    /// Next 64 random bits.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = (s[0].wrapping_add(s[3])).rotate_left(23).wrapping_add(s[0]);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform on the open interval (0, 1) (53 random bits, never 0).
    #[inline]
    pub fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// A standard normal deviate (ziggurat; one 64-bit draw in ~99% of calls).
    #[inline]
    pub fn normal(&mut self) -> f64 {
        let z = ziggurat();
        loop {
            let r = self.next_u64();
            let i = (r & 0x7F) as usize;
            // 53 high bits: u uniform on [-1, 1).
            let u = 2.0 * ((r >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)) - 1.0;
            if u.abs() < z.ratio[i] {
                return u * z.x[i];
            }
            if i == 0 {
                return self.normal_tail(ZIG_R, u < 0.0);
            }
            let x = u * z.x[i];
            let f0 = (-0.5 * (z.x[i] * z.x[i] - x * x)).exp();
            let f1 = (-0.5 * (z.x[i + 1] * z.x[i + 1] - x * x)).exp();
            if f1 + self.uniform() * (f0 - f1) < 1.0 {
                return x;
            }
        }
    }

    /// Marsaglia's (1964) tail method beyond `r`.
    fn normal_tail(&mut self, r: f64, negative: bool) -> f64 {
        loop {
            let x = self.uniform().ln() / r;
            let y = self.uniform().ln();
            if -2.0 * y >= x * x {
                return if negative { x - r } else { r - x };
            }
        }
    }
}

const ZIG_C: usize = 128;
const ZIG_R: f64 = 3.442_619_855_899;
const ZIG_V: f64 = 9.912_563_035_262_17e-3;

struct Ziggurat {
    x: [f64; ZIG_C + 1],
    ratio: [f64; ZIG_C],
}

/// Layer edges `x_i` and ratios `x_{i+1} / x_i` of the 128-layer ziggurat
/// (Doornik 2005): `x_0 = V / f(R)`, `x_1 = R`,
/// `x_i = sqrt(-2 log(V / x_{i-1} + f(x_{i-1})))`, `x_128 = 0`, `f(x) = exp(-x^2/2)`.
fn ziggurat() -> &'static Ziggurat {
    static TABLE: OnceLock<Ziggurat> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut x = [0.0; ZIG_C + 1];
        let mut f = (-0.5 * ZIG_R * ZIG_R).exp();
        x[0] = ZIG_V / f;
        x[1] = ZIG_R;
        for i in 2..ZIG_C {
            x[i] = (-2.0 * (ZIG_V / x[i - 1] + f).ln()).sqrt();
            f = (-0.5 * x[i] * x[i]).exp();
        }
        let mut ratio = [0.0; ZIG_C];
        for i in 0..ZIG_C {
            ratio[i] = x[i + 1] / x[i];
        }
        Ziggurat { x, ratio }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a: Vec<u64> = (0..4).map(|_| Xoshiro::stream(7, 3).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        assert_ne!(
            Xoshiro::stream(7, 3).next_u64(),
            Xoshiro::stream(7, 4).next_u64()
        );
        assert_ne!(
            Xoshiro::stream(7, 3).next_u64(),
            Xoshiro::stream(8, 3).next_u64()
        );
    }

    /// Moments and tail probabilities of 2 million ziggurat normals against N(0, 1)
    /// (the tolerances are 5 standard errors of each statistic).
    #[test]
    fn ziggurat_normals_have_normal_moments_and_tails() {
        let mut rng = Xoshiro::stream(2024, 0);
        let n = 2_000_000;
        let (mut s1, mut s2, mut s4, mut above2, mut above3) = (0.0, 0.0, 0.0, 0usize, 0usize);
        for _ in 0..n {
            let z = rng.normal();
            s1 += z;
            s2 += z * z;
            s4 += z * z * z * z;
            above2 += usize::from(z > 2.0);
            above3 += usize::from(z.abs() > 3.0);
        }
        let nf = n as f64;
        assert!((s1 / nf).abs() < 5.0 / nf.sqrt());
        assert!((s2 / nf - 1.0).abs() < 5.0 * 2f64.sqrt() / nf.sqrt());
        assert!((s4 / nf - 3.0).abs() < 5.0 * 96f64.sqrt() / nf.sqrt());
        let p2 = 0.022_750_131_948_179_2;
        assert!((above2 as f64 / nf - p2).abs() < 5.0 * (p2 * (1.0 - p2) / nf).sqrt());
        let p3 = 0.002_699_796_063_260_2;
        assert!((above3 as f64 / nf - p3).abs() < 5.0 * (p3 * (1.0 - p3) / nf).sqrt());
    }
}
