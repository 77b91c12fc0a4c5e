//! Truth test: emdi's eusilcA_pop is the whole population, so every district's
//! true mean equivalised income and at-risk-of-poverty rate are known. The
//! poverty line is fixed at 0.6 x the population median of eqIncome (the true
//! national line, used by the direct estimator, the EBP and the truth alike).
//! Over the 70 sampled districts, the EBP (log-shift transformation, REML
//! parameter, L = 50) must have a smaller RMSE against the truth than the
//! Hajek direct estimator with the sample weights, for both indicators.
//! Also checked: the seed fixes the numbers whatever the number of threads,
//! and the bootstrap MSE of the BHF EBLUP agrees with the Prasad-Rao MSE.

mod unit_common;

use civis_sae::unit::indicators::{indicator_value, weighted_indicator_value};
use civis_sae::unit::{estimate, Indicator, MseMethod, Transformation, UnitOptions};
use unit_common::eusilca;

fn options(threshold: f64, transformation: Transformation, draws: usize) -> UnitOptions {
    UnitOptions {
        transformation,
        indicators: vec![Indicator::Mean, Indicator::Hcr],
        threshold,
        draws,
        mse: MseMethod::None,
        seed: 20100101,
    }
}

fn population_line(truth: &std::collections::BTreeMap<String, Vec<f64>>) -> f64 {
    let all: Vec<f64> = truth.values().flatten().copied().collect();
    0.6 * indicator_value(Indicator::Quantile(0.5), &all, 0.0)
}

#[test]
fn ebp_beats_the_direct_estimator_against_the_true_population_values() {
    let (data, truth) = eusilca();
    let line = population_line(&truth);
    let result = estimate(&data, &options(line, Transformation::LogShift, 50), |_| {}).unwrap();
    let mut sq = [[0.0f64; 2]; 2]; // [indicator][direct, ebp]
    println!("poverty line 0.6 x population median = {line:.2}");
    println!(
        "{:<28} {:>4} {:>9} {:>9} {:>9} {:>7} {:>7} {:>7}",
        "district", "n", "true", "direct", "EBP", "true%", "dir%", "EBP%"
    );
    for s in &data.sample {
        let area = &data.areas[s.area];
        let w = s.weight.as_ref().unwrap();
        let t = &truth[&area.name];
        let row: Vec<f64> = [Indicator::Mean, Indicator::Hcr]
            .iter()
            .flat_map(|ind| {
                let ebp = result
                    .estimates
                    .iter()
                    .find(|e| e.area == s.area && e.indicator == *ind)
                    .unwrap()
                    .estimate;
                [
                    indicator_value(*ind, t, line),
                    weighted_indicator_value(*ind, &s.y, w, line),
                    ebp,
                ]
            })
            .collect();
        for k in 0..2 {
            sq[k][0] += (row[3 * k + 1] - row[3 * k]).powi(2);
            sq[k][1] += (row[3 * k + 2] - row[3 * k]).powi(2);
        }
        println!(
            "{:<28} {:>4} {:>9.0} {:>9.0} {:>9.0} {:>7.1} {:>7.1} {:>7.1}",
            area.name,
            s.n(),
            row[0],
            row[1],
            row[2],
            100.0 * row[3],
            100.0 * row[4],
            100.0 * row[5]
        );
    }
    let m = data.sample.len() as f64;
    let rmse = |k: usize, j: usize| (sq[k][j] / m).sqrt();
    println!(
        "RMSE mean income: direct {:.1}, EBP {:.1}",
        rmse(0, 0),
        rmse(0, 1)
    );
    println!(
        "RMSE poverty rate (points): direct {:.2}, EBP {:.2}",
        100.0 * rmse(1, 0),
        100.0 * rmse(1, 1)
    );
    assert!(
        rmse(0, 1) < rmse(0, 0),
        "EBP mean RMSE {} >= direct {}",
        rmse(0, 1),
        rmse(0, 0)
    );
    assert!(
        rmse(1, 1) < rmse(1, 0),
        "EBP hcr RMSE {} >= direct {}",
        rmse(1, 1),
        rmse(1, 0)
    );
}

#[test]
fn the_seed_fixes_the_numbers_on_any_number_of_threads() {
    let (data, truth) = eusilca();
    let mut opts = options(population_line(&truth), Transformation::BoxCox, 8);
    opts.indicators
        .extend([Indicator::Pgap, Indicator::Quantile(0.1), Indicator::Gini]);
    opts.mse = MseMethod::Bootstrap(2);
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| estimate(&data, &opts, |_| {}).unwrap().estimates)
    };
    let one = run(1);
    assert_eq!(one, run(3));
    let mut other = opts.clone();
    other.seed += 1;
    let changed = estimate(&data, &other, |_| {}).unwrap().estimates;
    assert_ne!(one, changed, "a different seed gives different draws");
    assert!(one
        .iter()
        .all(|e| e.mse.is_some_and(|m| m.is_finite() && m >= 0.0)));
}

/// With no transformation the EBP of the mean is the BHF EBLUP. Its parametric
/// bootstrap MSE (B = 200) measures the error against the mean of a drawn
/// population, `Xbar' beta + u_d + ebar_d`, independent of the sample, so it estimates
/// the Prasad-Rao MSE (error against `Xbar' beta + u_d`) plus `s2e / N_d`: averaged
/// over the 94 districts, the ratio of the two is within 10 % of 1.
#[test]
fn bootstrap_mse_of_the_eblup_agrees_with_prasad_rao() {
    let (data, truth) = eusilca();
    let mut opts = options(population_line(&truth), Transformation::None, 1);
    opts.indicators = vec![Indicator::Mean];
    opts.mse = MseMethod::Analytic;
    let fitted = estimate(&data, &opts, |_| {}).unwrap();
    let (analytic, s2e) = (fitted.estimates, fitted.model.fit.sigma2_e);
    opts.mse = MseMethod::Bootstrap(200);
    let boot = estimate(&data, &opts, |_| {}).unwrap().estimates;
    let mut ratios = Vec::new();
    for (a, b) in analytic.iter().zip(&boot) {
        assert_eq!(a.estimate, b.estimate);
        let finite = s2e / data.areas[a.area].size as f64;
        ratios.push(b.mse.unwrap() / (a.mse.unwrap() + finite));
    }
    let mean_ratio = ratios.iter().sum::<f64>() / ratios.len() as f64;
    println!("bootstrap / (Prasad-Rao + s2e/N_d), mean over districts: {mean_ratio:.3}");
    assert!((0.9..1.1).contains(&mean_ratio), "{mean_ratio}");
}
