//! Speed of a REML Fay-Herriot fit plus analytic MSE for 1,000 synthetic areas
//! with 5 covariates (intercept + 4). Target: < 1 ms per fit + MSE.
//!
//! Run with `cargo run --release -p civis-sae --example fh_speed`.

use civis_sae::{AreaData, FayHerriot, Matrix, Method};
use std::time::Instant;

/// Small deterministic generator (SplitMix64) so the example needs no dependency.
struct Gen(u64);

impl Gen {
    fn uniform(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }

    fn normal(&mut self) -> f64 {
        let (u1, u2) = (1.0 - self.uniform(), self.uniform());
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }
}

fn main() {
    let (m, p) = (1000, 5);
    let mut g = Gen(2024);
    let beta = [10.0, 1.5, -2.0, 0.5, 3.0];
    let a_true: f64 = 4.0;
    let mut x = Vec::with_capacity(m * p);
    let mut y = Vec::with_capacity(m);
    let mut psi = Vec::with_capacity(m);
    for _ in 0..m {
        let row: Vec<f64> = std::iter::once(1.0)
            .chain((1..p).map(|_| 5.0 * g.uniform()))
            .collect();
        let mean: f64 = row.iter().zip(&beta).map(|(a, b)| a * b).sum();
        let v = 1.0 + 9.0 * g.uniform();
        y.push(mean + a_true.sqrt() * g.normal() + v.sqrt() * g.normal());
        psi.push(v);
        x.extend(row);
    }
    let data =
        AreaData::new(y, psi, Matrix::from_row_major(m, p, x).expect("m x p")).expect("valid data");
    let est = FayHerriot::new(Method::Reml);

    let reps = 200;
    let mut times = Vec::with_capacity(reps);
    let mut checksum = 0.0;
    for _ in 0..reps {
        let t0 = Instant::now();
        let fit = est.fit(&data).expect("fit");
        let mse = fit.mse();
        times.push(t0.elapsed().as_secs_f64() * 1e3);
        checksum += mse.mse[0] + fit.a();
    }
    times.sort_by(f64::total_cmp);
    let fit = est.fit(&data).expect("fit");
    println!(
        "REML + analytic MSE, m = {m}, p = {p}: median {:.3} ms, min {:.3} ms, max {:.3} ms over {reps} runs",
        times[reps / 2],
        times[0],
        times[reps - 1]
    );
    println!(
        "A = {:.4} (true {a_true}), iterations = {}, beta = {:?} (checksum {checksum:.3})",
        fit.a(),
        fit.iterations(),
        fit.beta()
            .iter()
            .map(|b| (b * 1e3).round() / 1e3)
            .collect::<Vec<_>>()
    );
    // parametric bootstrap MSE, 1,000 replicates (target: < 1 s on 2 cores)
    let t0 = Instant::now();
    let boot = fit.bootstrap_mse(1000, 7);
    println!(
        "parametric bootstrap MSE, B = 1000, m = {m}: {:.3} s ({} replicates used, {} failed); analytic/bootstrap MSE of area 1: {:.4} / {:.4}",
        t0.elapsed().as_secs_f64(),
        boot.replicates,
        boot.failed,
        fit.mse().mse[0],
        boot.mse[0]
    );
}
