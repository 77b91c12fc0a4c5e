//! Diagnostics (Shapiro-Wilk, chi-square, R-squared variants, Brown test) and
//! the Slud-Maiti log back-transformation.
//!
//! Reference numbers marked "R" were computed with R 4.2.2 (`Rscript`):
//! `shapiro.test`, `pchisq`, `pnorm`, `qnorm`, `lm`, `hatvalues`; the milk
//! diagnostics use sae 1.3's REML fit stored in
//! `shared/reference/fayherriot_reference.csv` (A, EBLUP, MSE), with the
//! formulas of emdi's `summary.fh`, `model_select` and `brown` evaluated in
//! base R (neither sae nor emdi is installed on the machine).

#![allow(clippy::excessive_precision)] // reference values are R's 17 significant digits

mod common;

use civis_sae::diagnostics::{
    chi_square_cdf, chi_square_sf, normal_cdf, normal_quantile, normal_sf, shapiro_wilk,
};
use civis_sae::{AreaData, BackTransform, FayHerriot, Matrix, Method};
use common::*;

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * b.abs().max(1e-300)
}

/// R 4.2.2 `shapiro.test` on samples covering every branch of AS R94
/// (n = 3 exact, 4..=5, 6..=11, >= 12).
#[test]
fn shapiro_wilk_matches_r() {
    let x25: Vec<f64> = (1..=25)
        .map(|i| (i as f64).sin() * 3.0 + i as f64 / 10.0)
        .collect();
    let cases: Vec<(Vec<f64>, f64, f64)> = vec![
        // R: shapiro.test(c(2.1,3.4,1.9,5.6,4.4,3.3,2.8,4.1,3.9,2.2))
        (
            vec![2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 4.1, 3.9, 2.2],
            0.9524826258445781,
            0.69791702490973395,
        ),
        (vec![1.0, 2.0, 4.0], 0.96428571428571419, 0.6368868450289632),
        (
            vec![0.3, 1.9, 2.2, 2.5, 7.8],
            0.81182597340200469,
            0.1008158929332946,
        ),
        (
            vec![1.2, 0.4, 3.3, 2.9, 8.5, 1.1, 0.9, 2.2],
            0.76629293006951116,
            0.01234491518037519,
        ),
        (
            vec![
                0.1, 0.2, 0.3, 0.5, 0.8, 1.3, 2.1, 3.4, 5.5, 8.9, 14.4, 23.3, 37.7, 61.0, 98.7,
            ],
            0.67108592682202484,
            0.00012398955338517541,
        ),
        // R: x25 <- sin(1:25)*3 + (1:25)/10
        (x25, 0.94357689434768299, 0.17897813129434609),
    ];
    for (x, w, p) in cases {
        let sw = shapiro_wilk(&x).unwrap();
        assert!(close(sw.w, w, 1e-9), "n={} W {} vs {w}", x.len(), sw.w);
        assert!(
            close(sw.p_value, p, 1e-7),
            "n={} p {} vs {p}",
            x.len(),
            sw.p_value
        );
    }
    assert!(shapiro_wilk(&[1.0, 2.0]).is_none());
    assert!(shapiro_wilk(&[1.0, 1.0, 1.0, 1.0]).is_none());
}

/// R 4.2.2 `pchisq(x, df)` and `pchisq(x, df, lower.tail = FALSE)`.
#[test]
fn chi_square_matches_r_pchisq() {
    let cases = [
        (35.2, 40.0, 0.31406169010432511, 0.68593830989567484),
        (3.1, 1.0, 0.92170770585358985, 0.078292294146410202),
        (0.5, 7.0, 0.00055351860957503435, 0.99944648139042513),
        (150.0, 100.0, 0.99909606795764594, 0.00090393204235400938),
        (12.7, 12.0, 0.6087822379251806, 0.39121776207481934),
        (0.01, 2.0, 0.0049875208073176872, 0.99501247919268221),
        (80.0, 40.0, 0.99982369710226138, 0.00017630289773856828),
    ];
    for (x, df, lower, upper) in cases {
        assert!(close(chi_square_cdf(x, df), lower, 1e-12), "{x} {df}");
        assert!(close(chi_square_sf(x, df), upper, 1e-11), "{x} {df}");
    }
    assert_eq!(chi_square_cdf(0.0, 3.0), 0.0);
}

/// R 4.2.2 `pnorm` and `qnorm`.
#[test]
fn normal_matches_r() {
    let cdf = [
        (-3.5, 0.00023262907903552494),
        (-1.2, 0.11506967022170828),
        (0.0, 0.5),
        (0.7, 0.75803634777692697),
        (2.5, 0.99379033467422384),
    ];
    for (z, p) in cdf {
        assert!(close(normal_cdf(z), p, 1e-13), "{z}");
    }
    assert!(close(normal_sf(6.0), 9.8658764503769809e-10, 1e-12));
    let q = [
        (1e-10, -6.3613409024040557),
        (0.01, -2.3263478740408408),
        (0.3, -0.52440051270804067),
        (0.9, 1.2815515655446008),
        (0.999, 3.0902323061678132),
    ];
    for (p, z) in q {
        assert!(close(normal_quantile(p), z, 1e-12), "{p}");
    }
    assert_eq!(normal_quantile(0.5), 0.0);
}

fn milk() -> AreaData {
    let t = read_table("milk.csv");
    let y = num(&t["yi"]);
    let psi: Vec<f64> = num(&t["SD"]).iter().map(|s| s * s).collect();
    let rows: Vec<Vec<f64>> = num(&t["MajorArea"])
        .iter()
        .map(|&g| {
            vec![
                1.0,
                f64::from(g == 2.0),
                f64::from(g == 3.0),
                f64::from(g == 4.0),
            ]
        })
        .collect();
    AreaData::new(y, psi, Matrix::from_rows(&rows).unwrap()).unwrap()
}

/// milk data, REML with sae's stopping rule (A = 0.018550222322723232 as sae).
/// References from R (see the file header): skewness/kurtosis as
/// `moments::skewness`/`kurtosis` (central moments, divisor m), `shapiro.test`
/// of the standardised residuals, of emdi's realised residuals
/// `(y_d - eblup_d) / sqrt(psi_d)` (sae's EBLUP) and of
/// `u_d = gamma_d (y_d - x_d' beta)`,
/// `R2 = summary(lm(yi ~ factor(MajorArea)))$adj.r.squared`, `AdjR2` with
/// `hatvalues(lm)` in emdi's formula, Brown W from sae's EBLUP and MSE with
/// `pchisq(W, 43, lower.tail = FALSE)`.
#[test]
fn milk_diagnostics_match_r() {
    let fit = FayHerriot::new(Method::Reml)
        .sae_compat()
        .fit(&milk())
        .unwrap();
    assert!(close(fit.a(), 0.018550222322723232, 1e-9));
    let d = fit.diagnostics();
    let tol = 1e-7; // the fit reproduces sae's A and beta to ~1e-9
    let rn = &d.residual_normality;
    assert!(
        close(rn.skewness, -1.0359831685091316, tol),
        "{}",
        rn.skewness
    );
    assert!(
        close(rn.kurtosis, 4.0549183036336007, tol),
        "{}",
        rn.kurtosis
    );
    let sw = rn.shapiro.unwrap();
    assert!(close(sw.w, 0.92529436914667273, tol), "{}", sw.w);
    assert!(
        close(sw.p_value, 0.0080478331614294678, 1e-6),
        "{}",
        sw.p_value
    );
    let un = &d.random_effect_normality;
    assert!(
        close(un.skewness, -1.3515088163255173, tol),
        "{}",
        un.skewness
    );
    assert!(
        close(un.kurtosis, 4.7727422344333634, tol),
        "{}",
        un.kurtosis
    );
    let sw = un.shapiro.unwrap();
    assert!(close(sw.w, 0.87800396738251874, tol), "{}", sw.w);
    assert!(
        close(sw.p_value, 0.00028730988794892036, 1e-6),
        "{}",
        sw.p_value
    );

    let rr = &d.realised_residual_normality;
    assert!(close(d.realised_residuals[0], 0.47257458618027742, 1e-8));
    assert!(
        close(rr.skewness, -0.63230447383043176, 1e-7),
        "{}",
        rr.skewness
    );
    assert!(
        close(rr.kurtosis, 3.4406856418870615, 1e-7),
        "{}",
        rr.kurtosis
    );
    let sw = rr.shapiro.unwrap();
    assert!(close(sw.w, 0.96110975824612099, 1e-7), "{}", sw.w);
    assert!(
        close(sw.p_value, 0.15222113284513511, 1e-6),
        "{}",
        sw.p_value
    );

    assert!(close(d.r2, 0.53862255772007051, 1e-12), "{}", d.r2);
    assert!(close(d.adj_r2, 0.71457569443676272, 1e-12), "{}", d.adj_r2);

    assert!(close(d.eblup_minus_direct[0], -0.077029657547385222, 1e-8));
    assert!(close(d.efficiency[0], 0.5066137289434155, 1e-8));
    assert_eq!(d.brown.df, 43);
    assert!(close(d.brown.w, 10.498106894060102, 1e-8), "{}", d.brown.w);
    assert!(close(d.brown.p_value, 0.9999999131500813, 1e-12));
    assert_eq!(d.random_effects, fit.random_effects());
    assert_eq!(d.standardised_residuals, fit.standardised_residuals());
}

/// SplitMix64 + Box-Muller, seeded: independent of the crate's bootstrap RNG.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn uniform(&mut self) -> f64 {
        ((self.next() >> 11) as f64 + 1.0) / (1u64 << 53) as f64
    }
    fn normal(&mut self) -> f64 {
        let (u1, u2) = (self.uniform(), self.uniform());
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }
}

/// Model on the log scale with known A: theta_d = x_d' beta + u_d,
/// y_d = theta_d + e_d. Over repeated samples the Slud-Maiti predictor has mean
/// E exp(theta_d) = exp(x_d' beta + A/2) (exact for known A), the naive
/// exp(eblup_d) is biased low and the conditional mean exp(eblup + g1/2)
/// slightly high (by exp((1 - gamma^2) x'Qx / 2), from estimating beta).
#[test]
fn slud_maiti_is_mean_unbiased_by_monte_carlo() {
    let m = 12;
    let a = 0.15;
    let beta = [1.0, 0.5];
    let rows: Vec<Vec<f64>> = (0..m).map(|d| vec![1.0, d as f64 / 4.0]).collect();
    let psi: Vec<f64> = (0..m)
        .map(|d| 0.05 + 0.4 * d as f64 / (m - 1) as f64)
        .collect();
    let x = Matrix::from_rows(&rows).unwrap();
    let target: Vec<f64> = rows
        .iter()
        .map(|r| (beta[0] * r[0] + beta[1] * r[1] + a / 2.0).exp())
        .collect();
    let est = FayHerriot::new(Method::Reml);
    let reps = 40_000;
    let mut rng = Rng(20_240_611);
    let hows = [
        BackTransform::LogSludMaiti,
        BackTransform::LogCrude,
        BackTransform::LogConditionalMean,
    ];
    let mut sums = vec![vec![0.0; m]; hows.len()];
    for _ in 0..reps {
        let y: Vec<f64> = (0..m)
            .map(|d| {
                let theta = beta[0] + beta[1] * rows[d][1] + a.sqrt() * rng.normal();
                theta + psi[d].sqrt() * rng.normal()
            })
            .collect();
        let data = AreaData::new(y, psi.clone(), x.clone()).unwrap();
        let fit = est.fit_with_variance(&data, a).unwrap();
        for (k, how) in hows.iter().enumerate() {
            for (s, v) in sums[k].iter_mut().zip(fit.back_transformed(*how)) {
                *s += v;
            }
        }
    }
    let rel: Vec<Vec<f64>> = sums
        .iter()
        .map(|s| {
            s.iter()
                .zip(&target)
                .map(|(s, t)| s / reps as f64 / t - 1.0)
                .collect()
        })
        .collect();
    // Slud-Maiti: every area within 1 % (Monte Carlo s.e. about 0.2 %).
    for (d, r) in rel[0].iter().enumerate() {
        assert!(r.abs() < 0.01, "area {d}: relative bias {r}");
    }
    let mean_abs = |v: &[f64]| v.iter().map(|r| r.abs()).sum::<f64>() / m as f64;
    let mean = |v: &[f64]| v.iter().sum::<f64>() / m as f64;
    eprintln!("relative bias SM {:?}", rel[0]);
    eprintln!("relative bias naive {:?}", rel[1]);
    eprintln!("relative bias conditional mean {:?}", rel[2]);
    // Naive exp(eblup): biased low (by about exp(-g1/2) = -2..-3 % for the
    // central areas with large psi; at the edges the beta term x'Qx offsets it).
    assert!(mean(&rel[1]) < -0.01, "{:?}", rel[1]);
    assert!(rel[1][4..8].iter().all(|r| *r < -0.02), "{:?}", rel[1]);
    // Conditional mean: biased high on average; SM closer.
    assert!(mean(&rel[2]) > 0.005, "{:?}", rel[2]);
    assert!(mean_abs(&rel[0]) < 0.5 * mean_abs(&rel[2]));
}

/// Hand computation: intercept only, psi_d = 1, A = 1/2 (known), y = (0, 1, 2).
/// V = 3/2, gamma = 1/3, beta = mean(y) = 1, Q = V/m = 1/2 so h = 1/2,
/// eblup = y/3 + 2/3 = (2/3, 1, 4/3), g1 = A (1 - gamma) = 1/3,
/// exponent correction g1/2 - (1 - gamma^2) h/2 = 1/6 - 2/9 = -1/18:
/// theta_SM = exp((11/18, 17/18, 23/18)).
#[test]
fn slud_maiti_hand_computed() {
    let x = Matrix::from_row_major(3, 1, vec![1.0; 3]).unwrap();
    let data = AreaData::new(vec![0.0, 1.0, 2.0], vec![1.0; 3], x).unwrap();
    let fit = FayHerriot::new(Method::Reml)
        .fit_with_variance(&data, 0.5)
        .unwrap();
    let sm = fit.back_transformed(BackTransform::LogSludMaiti);
    for (v, num) in sm.iter().zip([11.0, 17.0, 23.0]) {
        assert!(close(*v, (num / 18.0f64).exp(), 1e-14), "{v}");
    }
    let cm = fit.back_transformed(BackTransform::LogConditionalMean);
    for (v, num) in cm.iter().zip([5.0, 7.0, 9.0]) {
        // eblup + g1/2 = (2/3, 1, 4/3) + 1/6 = (5/6, 7/6, 9/6)
        assert!(close(*v, (num / 6.0f64).exp(), 1e-14), "{v}");
    }
    assert!(fit.converged() && fit.a() == 0.5);
    assert!(FayHerriot::new(Method::Reml)
        .fit_with_variance(&data, -1.0)
        .is_err());
}

/// `fit_with_variance` at the estimated A reproduces the fit.
#[test]
fn fit_with_variance_reproduces_fit_at_estimated_a() {
    let data = milk();
    let fit = FayHerriot::new(Method::Reml).fit(&data).unwrap();
    let known = FayHerriot::new(Method::Reml)
        .fit_with_variance(&data, fit.a())
        .unwrap();
    assert_eq!(known.eblup(), fit.eblup());
    assert_eq!(known.beta(), fit.beta());
    assert_eq!(known.mse(), fit.mse());
}
