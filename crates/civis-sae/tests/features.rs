//! Tests of the features beyond the sae golden files, each against an
//! independently derived expectation.

mod common;

use civis_sae::{AreaData, BackTransform, FayHerriot, Matrix, Method, SaeError};
use common::*;

fn milk_rows() -> (Vec<f64>, Vec<f64>, Vec<Vec<f64>>) {
    let t = read_table("milk.csv");
    let y = num(&t["yi"]);
    let psi: Vec<f64> = num(&t["SD"]).iter().map(|s| s * s).collect();
    let rows = num(&t["MajorArea"])
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
    (y, psi, rows)
}

fn milk() -> AreaData {
    let (y, psi, rows) = milk_rows();
    AreaData::new(y, psi, Matrix::from_rows(&rows).unwrap()).unwrap()
}

/// The FH moment estimator solves sum r_d^2 / (A + psi_d) = m - p, i.e. the
/// standardised residuals have sum of squares m - p.
#[test]
fn standardised_residuals_solve_the_moment_equation() {
    let data = milk();
    let fit = FayHerriot::new(Method::Fh).fit(&data).unwrap();
    let ss: f64 = fit.standardised_residuals().iter().map(|r| r * r).sum();
    assert!((ss - 39.0).abs() < 1e-9, "{ss}");
    for ((g, b), psi) in fit.gamma().iter().zip(fit.shrinkage()).zip(data.psi()) {
        assert!((g - fit.a() / (fit.a() + psi)).abs() < 1e-15);
        assert!((g + b - 1.0).abs() < 1e-15);
    }
}

/// An area with an (almost) infinite sampling variance carries no weight in the
/// fit, and its EBLUP MSE g1 + g2 + 2 g3 tends to A + x'Qx: the synthetic MSE.
#[test]
fn synthetic_mse_is_the_limit_of_an_uninformative_area() {
    let data = milk();
    let fit = FayHerriot::new(Method::Reml).fit(&data).unwrap();
    let x_out = Matrix::from_rows(&[vec![1.0, 0.0, 1.0, 0.0], vec![1.0, 0.0, 0.0, 1.0]]).unwrap();
    let pred = fit.predict_synthetic(&x_out).unwrap();
    let mse = fit.synthetic_mse(&x_out).unwrap();
    assert!((pred[0] - (fit.beta()[0] + fit.beta()[2])).abs() < 1e-15);

    let (mut y, mut psi, mut rows) = milk_rows();
    y.push(1.0);
    psi.push(1e12);
    rows.push(x_out.row(0).to_vec());
    let augmented = AreaData::new(y, psi, Matrix::from_rows(&rows).unwrap()).unwrap();
    let fit2 = FayHerriot::new(Method::Reml).fit(&augmented).unwrap();
    let last = fit2.mse().mse[43];
    assert!(rel_err(last, mse[0]) < 1e-6, "{last} vs {}", mse[0]);
    assert!(rel_err(fit2.eblup()[43], pred[0]) < 1e-6);

    let bad = Matrix::from_rows(&[vec![1.0, 0.0]]).unwrap();
    assert!(matches!(
        fit.predict_synthetic(&bad),
        Err(SaeError::DimensionMismatch { .. })
    ));
}

/// The parametric bootstrap MSE agrees with the analytic (second-order
/// unbiased) Prasad-Rao MSE on average, and depends only on the seed.
#[test]
fn bootstrap_mse_is_seeded_and_close_to_analytic() {
    let data = milk();
    let fit = FayHerriot::new(Method::Reml).fit(&data).unwrap();
    let analytic = fit.mse().mse;
    let boot = fit.bootstrap_mse(1000, 7);
    assert_eq!(boot.replicates + boot.failed, 1000);
    assert!(boot.failed == 0);
    let ratio: f64 = boot
        .mse
        .iter()
        .zip(&analytic)
        .map(|(b, a)| b / a)
        .sum::<f64>()
        / analytic.len() as f64;
    assert!((0.85..1.15).contains(&ratio), "mean ratio {ratio}");

    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| fit.bootstrap_mse(50, 11));
    let two_threads = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap()
        .install(|| fit.bootstrap_mse(50, 11));
    assert_eq!(one_thread, two_threads);
    assert_ne!(fit.bootstrap_mse(50, 12), one_thread);
}

/// Arcsine model for proportions: back-transformation and a bootstrap MSE on
/// the proportion scale that is consistent with the delta method.
#[test]
fn arcsine_fit_back_transforms() {
    let p = [0.62, 0.55, 0.71, 0.40, 0.66, 0.58, 0.49, 0.75];
    let n_eff = [120.0, 80.0, 60.0, 150.0, 90.0, 40.0, 70.0, 100.0];
    let t = civis_sae::transform::arcsine(&p, &n_eff).unwrap();
    let x = Matrix::from_row_major(8, 1, vec![1.0; 8]).unwrap();
    let data = AreaData::new(t.y.clone(), t.psi.clone(), x).unwrap();
    let fit = FayHerriot::new(Method::Reml).fit(&data).unwrap();
    let naive = fit.back_transformed(BackTransform::ArcsineNaive);
    let bc = fit.back_transformed(BackTransform::ArcsineBiasCorrected);
    for d in 0..8 {
        assert!((naive[d] - fit.eblup()[d].sin().powi(2)).abs() < 1e-15);
        assert!((0.0..=1.0).contains(&bc[d]));
    }
    // Delta method: d sin^2(t)/dt = sin(2t), so mse_p ~ sin(2t)^2 mse_t.
    let mse_t = fit.mse().mse;
    let boot = fit.bootstrap_mse_with(2000, 3, civis_sae::transform::arcsine_back_naive);
    for (d, ((e, m), b)) in fit.eblup().iter().zip(&mse_t).zip(&boot.mse).enumerate() {
        let delta = (2.0 * e).sin().powi(2) * m;
        assert!((b / delta - 1.0).abs() < 0.35, "area {d}: {b} vs {delta}");
    }
}

#[test]
fn log_back_transformations() {
    let theta = [10.0, 12.0, 9.0, 15.0, 11.0, 8.0];
    let psi = [1.0, 2.0, 0.5, 3.0, 1.5, 0.8];
    let t = civis_sae::transform::log(&theta, &psi).unwrap();
    let x = Matrix::from_row_major(6, 1, vec![1.0; 6]).unwrap();
    let data = AreaData::new(t.y, t.psi, x).unwrap();
    let fit = FayHerriot::new(Method::Reml).fit(&data).unwrap();
    let crude = fit.back_transformed(BackTransform::LogCrude);
    let cm = fit.back_transformed(BackTransform::LogConditionalMean);
    for d in 0..6 {
        assert!((crude[d] - fit.eblup()[d].exp()).abs() < 1e-12);
        let g1 = fit.a() * (1.0 - fit.gamma()[d]);
        assert!((cm[d] - crude[d] * (0.5 * g1).exp()).abs() < 1e-12);
    }
}
