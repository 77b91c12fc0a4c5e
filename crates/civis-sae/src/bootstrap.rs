//! Parametric bootstrap MSE of the Fay-Herriot EBLUP (González-Manteiga et al.
//! 2008; emdi `mse_type = "boot"`), optionally on a back-transformed scale.
//!
//! For `b = 1..B`: draw `u*_d ~ N(0, A)`, `e*_d ~ N(0, psi_d)`, set
//! `theta*_d = x_d' beta + u*_d`, `y*_d = theta*_d + e*_d`, refit the model with
//! the same method and stopping rule and take `(h(eblup*_d) - h(theta*_d))^2`;
//! the MSE is the average over replicates. `h` is the identity or a
//! back-transformation.
//!
//! Replicates run in parallel (rayon). Replicate `b` draws from its own stream
//! seeded by `(seed, b)`, and results are summed in replicate order, so the
//! output depends on the seed only, not on the number of threads.

use crate::data::AreaData;
use crate::fit::FhFit;
use rayon::prelude::*;

/// Bootstrap MSE estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct BootstrapMse {
    /// Per-area MSE.
    pub mse: Vec<f64>,
    /// Replicates whose refit succeeded (and entered the average).
    pub replicates: usize,
    /// Replicates whose refit failed and were skipped.
    pub failed: usize,
}

/// SplitMix64 (Steele, Lea & Flood 2014): small, fast, good enough for
/// simulation noise; one stream per replicate.
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    pub(crate) fn new(seed: u64, stream: u64) -> Self {
        let mut s = Self(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        s.next_u64();
        s
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform on (0, 1].
    fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 1.0) / (1u64 << 53) as f64
    }

    /// Standard normal (Box-Muller, one value per call).
    pub(crate) fn normal(&mut self) -> f64 {
        let (u1, u2) = (self.uniform(), self.uniform());
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }
}

impl FhFit {
    /// Parametric bootstrap MSE of the EBLUP with `replicates` replicates.
    pub fn bootstrap_mse(&self, replicates: usize, seed: u64) -> BootstrapMse {
        self.bootstrap_mse_with(replicates, seed, |x| x)
    }

    /// Parametric bootstrap MSE of `h(eblup)` as a predictor of `h(theta)`,
    /// e.g. `h = transform::arcsine_back_naive` for proportions.
    pub fn bootstrap_mse_with<H>(&self, replicates: usize, seed: u64, h: H) -> BootstrapMse
    where
        H: Fn(f64) -> f64 + Sync,
    {
        let data = &self.data;
        let m = data.areas();
        let sd_u = self.a.sqrt();
        let runs: Vec<Option<Vec<f64>>> = (0..replicates as u64)
            .into_par_iter()
            .map(|b| {
                let mut rng = SplitMix64::new(seed, b);
                let theta: Vec<f64> = (0..m)
                    .map(|d| self.synthetic[d] + sd_u * rng.normal())
                    .collect();
                let y: Vec<f64> = theta
                    .iter()
                    .zip(&data.psi)
                    .map(|(t, psi)| t + psi.sqrt() * rng.normal())
                    .collect();
                let boot = AreaData { y, ..data.clone() };
                let fit = self.estimator.fit(&boot).ok()?;
                Some(
                    fit.eblup
                        .iter()
                        .zip(&theta)
                        .map(|(e, t)| (h(*e) - h(*t)).powi(2))
                        .collect(),
                )
            })
            .collect();
        let mut sum = vec![0.0; m];
        let mut used = 0;
        for run in runs.iter().flatten() {
            used += 1;
            for (s, v) in sum.iter_mut().zip(run) {
                *s += v;
            }
        }
        let n = used.max(1) as f64;
        BootstrapMse {
            mse: sum.into_iter().map(|s| s / n).collect(),
            replicates: used,
            failed: replicates - used,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normals_have_unit_variance() {
        let mut rng = SplitMix64::new(42, 0);
        let n = 200_000;
        let xs: Vec<f64> = (0..n).map(|_| rng.normal()).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
        assert!(mean.abs() < 0.01, "{mean}");
        assert!((var - 1.0).abs() < 0.01, "{var}");
    }
}
