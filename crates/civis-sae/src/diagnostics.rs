//! Model diagnostics of a Fay-Herriot fit, as reported by R `emdi` for `fh`
//! objects (`summary.fh`, `brown`; Kreutzmann et al. 2019).
//!
//! * Normality of the standardised residuals `r_d / sqrt(A + psi_d)`
//!   ([`FhFit::standardised_residuals`]) and of the predicted random effects
//!   `u_d = gamma_d (y_d - x_d' beta)`: Shapiro-Wilk W and p-value (Royston
//!   1995, algorithm AS R94, as R `shapiro.test`), skewness
//!   `m3 / m2^{3/2}` and kurtosis `m4 / m2^2` (not excess; `m_k` the k-th
//!   central moment with divisor m, as R `moments::skewness` / `kurtosis`
//!   used by emdi). emdi's `summary.fh` reports the first row for its
//!   "standardized realized residuals" `(y_d - eblup_d) / sqrt(psi_d)`
//!   (emdi `R/eblup.R`); both those and the marginal standardised residuals
//!   `(y_d - x_d' beta) / sqrt(A + psi_d)` are checked here.
//! * Explained variation as emdi's `model_select` (file `R/variable_selection.R`):
//!   with OLS on the direct estimates, `P = X (X'X)^-1 X'`,
//!   `MSE = y'(I - P)y / (m - p)`, `MST = sum (y_d - ybar)^2 / (m - 1)`:
//!   - `R2 = 1 - MSE / MST` (emdi's `R2`; with an intercept this is the
//!     adjusted R-squared of `lm(y ~ X)`),
//!   - `AdjR2 = 1 - h(MSE, D_w) / h(MST, Dbar)`, `h(a, b) = 2a / (1 + exp(2b/a))`,
//!     `D_w = sum (1 - h_dd) psi_d / (m - p)`, `Dbar = mean(psi)`: the
//!     variance-corrected R-squared of Lahiri & Suntornchost (2015,
//!     "Variable selection for linear mixed models with applications in small
//!     area estimation", Sankhya B 77), which removes the sampling variance
//!     from both mean squares.
//!
//!   Both assume X contains an intercept (as emdi does).
//! * Direct versus model (Brown, Chambers, Heady & Heasman 2001, "Evaluation of
//!   small area estimation methods", Statistics Canada Symposium; emdi `brown`):
//!   per area `eblup_d - y_d` and the efficiency ratio `mse_d / psi_d`
//!   (below 1 when the model gains precision), and the goodness-of-fit statistic
//!   `W = sum (y_d - eblup_d)^2 / (psi_d + mse_d)` with p-value
//!   `1 - F_{chi2(m)}(W)`; `mse_d` is the analytic MSE of [`FhFit::mse`].
//!
//! The chi-square CDF is the regularised lower incomplete gamma
//! `P(m/2, W/2)` (series / Lentz continued fraction, Numerical Recipes 6.2).

use crate::fit::{weighted_cross, FhFit};
use crate::linalg::Cholesky;
use std::f64::consts::PI;

/// Shapiro-Wilk normality test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShapiroWilk {
    /// The W statistic.
    pub w: f64,
    /// Its p-value (Royston 1995 normalising approximation).
    pub p_value: f64,
}

/// Normality checks of one set of values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Normality {
    /// `m3 / m2^{3/2}` (central moments with divisor n).
    pub skewness: f64,
    /// `m4 / m2^2` (3 for the normal distribution).
    pub kurtosis: f64,
    /// Shapiro-Wilk test; `None` for fewer than 3 or more than 5000 values or
    /// when all values are equal (as R `shapiro.test` refuses).
    pub shapiro: Option<ShapiroWilk>,
}

/// Brown et al. (2001) goodness-of-fit test of the model against the direct estimates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BrownTest {
    /// `W = sum (y_d - eblup_d)^2 / (psi_d + mse_d)`.
    pub w: f64,
    /// Degrees of freedom `m`.
    pub df: usize,
    /// `P(chi2(m) > W)`.
    pub p_value: f64,
}

/// Diagnostics of a Fay-Herriot fit (see the module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostics {
    /// Standardised residuals `(y_d - x_d' beta) / sqrt(A + psi_d)`.
    pub standardised_residuals: Vec<f64>,
    /// Predicted random effects `u_d = gamma_d (y_d - x_d' beta)`.
    pub random_effects: Vec<f64>,
    /// Normality of the standardised residuals.
    pub residual_normality: Normality,
    /// emdi's standardised realised residuals `(y_d - eblup_d) / sqrt(psi_d)`
    /// (not finite where `psi_d = 0`).
    pub realised_residuals: Vec<f64>,
    /// Normality of the realised residuals (emdi's `Standardized_Residuals` row).
    pub realised_residual_normality: Normality,
    /// Normality of the random effects.
    pub random_effect_normality: Normality,
    /// emdi's `R2`: `1 - MSE / MST` of the OLS regression of y on X (NaN if X'X is singular).
    pub r2: f64,
    /// emdi's `AdjR2` (Lahiri & Suntornchost 2015).
    pub adj_r2: f64,
    /// `eblup_d - y_d`.
    pub eblup_minus_direct: Vec<f64>,
    /// `mse_d / psi_d` (infinite where `psi_d = 0`).
    pub efficiency: Vec<f64>,
    /// Brown et al. (2001) chi-square test.
    pub brown: BrownTest,
}

impl FhFit {
    /// Predicted random effects `u_d = gamma_d (y_d - x_d' beta)`.
    pub fn random_effects(&self) -> Vec<f64> {
        self.residuals()
            .iter()
            .zip(&self.gamma)
            .map(|(r, g)| g * r)
            .collect()
    }

    /// Residual normality, R-squared variants and direct-versus-model comparison.
    pub fn diagnostics(&self) -> Diagnostics {
        let data = &self.data;
        let m = data.areas();
        let std_res = self.standardised_residuals();
        let re = self.random_effects();
        let mse = self.mse().mse;
        let (r2, adj_r2) = r_squared(self);
        let mut w = 0.0;
        for d in 0..m {
            w += (data.y[d] - self.eblup[d]).powi(2) / (data.psi[d] + mse[d]);
        }
        let realised: Vec<f64> = (0..m)
            .map(|d| (data.y[d] - self.eblup[d]) / data.psi[d].sqrt())
            .collect();
        Diagnostics {
            realised_residual_normality: normality(&realised),
            realised_residuals: realised,
            residual_normality: normality(&std_res),
            random_effect_normality: normality(&re),
            standardised_residuals: std_res,
            random_effects: re,
            r2,
            adj_r2,
            eblup_minus_direct: (0..m).map(|d| self.eblup[d] - data.y[d]).collect(),
            efficiency: (0..m).map(|d| mse[d] / data.psi[d]).collect(),
            brown: BrownTest {
                w,
                df: m,
                p_value: chi_square_sf(w, m as f64),
            },
        }
    }
}

/// emdi's `R2` and `AdjR2` (see the module docs).
fn r_squared(fit: &FhFit) -> (f64, f64) {
    let data = &fit.data;
    let m = data.areas();
    let p = data.covariates();
    let (mf, pf) = (m as f64, p as f64);
    let xtx = weighted_cross(&data.x, &vec![1.0; m]);
    let Ok(chol) = Cholesky::new(&xtx) else {
        return (f64::NAN, f64::NAN);
    };
    let xtx_inv = chol.inverse();
    let b = chol.solve(&data.x.tr_mul_vec(&data.y));
    let fitted = data.x.mul_vec(&b);
    let sse: f64 = data
        .y
        .iter()
        .zip(&fitted)
        .map(|(y, f)| (y - f).powi(2))
        .sum();
    let ybar = data.y.iter().sum::<f64>() / mf;
    let sst: f64 = data.y.iter().map(|y| (y - ybar).powi(2)).sum();
    let mse = sse / (mf - pf);
    let mst = sst / (mf - 1.0);
    let r2 = 1.0 - mse / mst;
    let dbar = data.psi.iter().sum::<f64>() / mf;
    let dw = (0..m)
        .map(|d| (1.0 - xtx_inv.quad_form(data.x.row(d))) * data.psi[d])
        .sum::<f64>()
        / (mf - pf);
    let h = |a: f64, b: f64| 2.0 * a / (1.0 + (2.0 * b / a).exp());
    (r2, 1.0 - h(mse, dw) / h(mst, dbar))
}

/// Skewness, kurtosis and Shapiro-Wilk test of `x`.
pub fn normality(x: &[f64]) -> Normality {
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    let mom = |k: i32| x.iter().map(|v| (v - mean).powi(k)).sum::<f64>() / n;
    let m2 = mom(2);
    Normality {
        skewness: mom(3) / m2.powf(1.5),
        kurtosis: mom(4) / (m2 * m2),
        shapiro: shapiro_wilk(x),
    }
}

/// `c[0] + c[1] x + c[2] x^2 + ...`.
fn poly(c: &[f64], x: f64) -> f64 {
    c.iter().rev().fold(0.0, |acc, ci| acc * x + ci)
}

/// Shapiro-Wilk W test of normality: algorithm AS R94 (Royston 1995, "Remark
/// AS R94: A remark on algorithm AS 181: the W-test for normality", Applied
/// Statistics 44, 547-551), the algorithm of R `shapiro.test`.
///
/// Coefficients: `m_i = Phi^-1((i - 3/8) / (n + 1/4))`, `a_n = c_n + 0.221157 u
/// - 0.147981 u^2 - 2.071190 u^3 + 4.434685 u^4 - 2.706056 u^5` with
/// `u = n^{-1/2}`, `c_n = m_n / sqrt(m'm)` (and a similar polynomial for
/// `a_{n-1}` when n > 5); the other `a_i = m_i / sqrt(phi)` with phi chosen so
/// that `a'a = 1`. `W = (sum a_i x_(i))^2 / sum (x_i - xbar)^2`.
/// p-value: for n = 3 exact, `6/pi (asin(sqrt W) - pi/3)`; for 4 <= n <= 11,
/// `-log(gamma - log(1 - W))` is normal with `gamma = -2.273 + 0.459 n` and
/// mean/log-sd polynomials in n; for n >= 12 `log(1 - W)` is normal with
/// mean/log-sd polynomials in `log n`.
///
/// Returns `None` for n < 3, n > 5000 or a zero range.
pub fn shapiro_wilk(x: &[f64]) -> Option<ShapiroWilk> {
    let n = x.len();
    if !(3..=5000).contains(&n) || x.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let mut xs = x.to_vec();
    xs.sort_by(|a, b| a.total_cmp(b));
    let range = xs[n - 1] - xs[0];
    if range < 1e-19 * xs[n - 1].abs().max(xs[0].abs()) || range == 0.0 {
        return None;
    }
    let nn2 = n / 2;
    let an = n as f64;
    let mut a = vec![0.0; nn2];
    if n == 3 {
        a[0] = std::f64::consts::FRAC_1_SQRT_2;
    } else {
        const C1: [f64; 6] = [0.0, 0.221157, -0.147981, -2.071190, 4.434685, -2.706056];
        const C2: [f64; 6] = [0.0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633];
        let an25 = an + 0.25;
        // lower-half normal scores (negative)
        let mm: Vec<f64> = (0..nn2)
            .map(|i| normal_quantile((i as f64 + 1.0 - 0.375) / an25))
            .collect();
        let summ2 = 2.0 * mm.iter().map(|v| v * v).sum::<f64>();
        let ssumm2 = summ2.sqrt();
        let rsn = 1.0 / an.sqrt();
        let a1 = poly(&C1, rsn) - mm[0] / ssumm2;
        let (i1, fac) = if n > 5 {
            let a2 = -mm[1] / ssumm2 + poly(&C2, rsn);
            a[1] = a2;
            (
                2,
                ((summ2 - 2.0 * mm[0] * mm[0] - 2.0 * mm[1] * mm[1])
                    / (1.0 - 2.0 * a1 * a1 - 2.0 * a2 * a2))
                    .sqrt(),
            )
        } else {
            (
                1,
                ((summ2 - 2.0 * mm[0] * mm[0]) / (1.0 - 2.0 * a1 * a1)).sqrt(),
            )
        };
        a[0] = a1;
        for i in i1..nn2 {
            a[i] = -mm[i] / fac;
        }
    }
    let mean = xs.iter().sum::<f64>() / an;
    let ss: f64 = xs.iter().map(|v| (v - mean).powi(2)).sum();
    let num: f64 = (0..nn2).map(|i| a[i] * (xs[n - 1 - i] - xs[i])).sum();
    let w = (num * num / ss).min(1.0);
    let p_value = if n == 3 {
        const PI6: f64 = 6.0 / PI;
        const STQR: f64 = PI / 3.0;
        (PI6 * (w.sqrt().asin() - STQR)).max(0.0)
    } else {
        let w1 = (1.0 - w).ln();
        if n <= 11 {
            let gamma = poly(&[-2.273, 0.459], an);
            if w1 >= gamma {
                1e-99
            } else {
                let y = -(gamma - w1).ln();
                let mu = poly(&[0.544, -0.39978, 0.025054, -6.714e-4], an);
                let s = poly(&[1.3822, -0.77857, 0.062767, -0.0020322], an).exp();
                normal_sf((y - mu) / s)
            }
        } else {
            let xx = an.ln();
            let mu = poly(&[-1.5861, -0.31082, -0.083751, 0.0038915], xx);
            let s = poly(&[-0.4803, -0.082676, 0.0030302], xx).exp();
            normal_sf((w1 - mu) / s)
        }
    };
    Some(ShapiroWilk { w, p_value })
}

/// ln Gamma(x), x > 0 (Lanczos, g = 7, n = 9; relative error ~1e-15).
// The distribution functions live in civis-survey (one implementation for the whole project).
pub use civis_survey::dist::{
    chi_square_cdf, chi_square_sf, incomplete_gamma, normal_cdf, normal_quantile, normal_sf,
};
