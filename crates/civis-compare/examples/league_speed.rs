//! Timing of the comparison functions at portal scale: 1,500 areas (all Urban Audit / OECD
//! cities), bootstrap rank intervals with 1,000 replicates, pairwise rank intervals, and the
//! 10 nearest peers of every area on 8 context variables.
//!
//! `cargo run --release -p civis-compare --example league_speed`

use std::time::Instant;

use civis_compare::{
    bootstrap_ranks, pairwise_ranks, Bootstrap, Estimate, PeerModel, RankOptions, Simultaneity,
};

/// Small deterministic generator (SplitMix64) so the example needs no dependency.
struct SplitMix(u64);

impl SplitMix {
    fn uniform(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn main() -> Result<(), civis_compare::CompareError> {
    let (k, p) = (1_500, 8);
    let mut rng = SplitMix(42);
    let estimates: Vec<Estimate> = (0..k)
        .map(|_| Estimate::new(40.0 + 40.0 * rng.uniform(), 0.5 + 3.0 * rng.uniform()))
        .collect();
    let options = RankOptions::default();

    let t = Instant::now();
    let boot = bootstrap_ranks(&estimates, &options, Bootstrap::default())?;
    let boot_time = t.elapsed();
    let t = Instant::now();
    let pair = pairwise_ranks(&estimates, &options, Simultaneity::Joint)?;
    let pair_time = t.elapsed();
    let width = |t: &civis_compare::RankTable| {
        t.areas
            .iter()
            .map(|a| (a.upper - a.lower) as f64)
            .sum::<f64>()
            / k as f64
    };
    println!(
        "{k} areas: bootstrap (B = 1,000) {boot_time:.2?}, mean interval width {:.0} ranks; \
         pairwise (joint) {pair_time:.2?}, mean width {:.0} ranks",
        width(&boot),
        width(&pair)
    );

    let context: Vec<f64> = (0..k * p)
        .map(|_| {
            let u = rng.uniform();
            if u < 0.05 {
                f64::NAN
            } else {
                u
            }
        })
        .collect();
    let t = Instant::now();
    let model = PeerModel::new(&context, p, &vec![1.0; p])?;
    let mut found = 0;
    for area in 0..k {
        found += model.nearest(area, 10, p / 2)?.peers.len();
    }
    println!(
        "{k} areas x {p} variables: 10 nearest peers of every area in {:.2?} ({found} peers)",
        t.elapsed()
    );
    Ok(())
}
