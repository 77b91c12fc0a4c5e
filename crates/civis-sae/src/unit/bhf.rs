//! The nested-error regression model of Battese, Harter & Fuller (1988),
//! `y_dj = x_dj' beta + u_d + e_dj`, `u_d ~ N(0, s2u)`, `e_dj ~ N(0, s2e)`,
//! fitted by REML, and the BHF EBLUP of area means with its Prasad-Rao MSE.
//!
//! **REML.** With `lambda = s2u / s2e`, `V = s2e H`, `H_d = I + lambda 1 1'`,
//! `H_d^-1 = I - c_d 1 1'`, `c_d = lambda / (1 + n_d lambda)`, everything is a
//! function of per-area sums (`X_d'X_d`, `X_d'1`, `X_d'y_d`, `1'y_d`, `y_d'y_d`):
//! `A = X'H^-1X`, `beta = A^-1 X'H^-1 y`, `Q = r'H^-1 r`, and `s2e = Q / (n - p)`
//! is profiled out. The restricted log-likelihood (as `nlme::lme(method = "REML")`)
//! `l(lambda) = -1/2 [(n - p) log(2 pi s2e) + sum_d log(1 + n_d lambda) + log|A| + (n - p)]`
//! has the derivative
//! `l'(lambda) = -1/2 [(n - p) Q'/Q + sum n_d / (1 + n_d lambda) - sum s_d' A^-1 s_d / (1 + n_d lambda)^2]`,
//! `Q' = -sum_d (1'r_d)^2 / (1 + n_d lambda)^2`, `s_d = X_d'1`; the root is found on
//! `log lambda` by a grid search and the Illinois regula falsi, to machine precision.
//!
//! **EBLUP** (Battese, Harter & Fuller 1988; Rao & Molina 2015, sec. 7.2):
//! `mu_d = Xbar_d' beta + gamma_d (ybar_d - xbar_d' beta)`,
//! `gamma_d = s2u / (s2u + s2e / n_d)`, with `Xbar_d` the population mean of
//! the covariates; out-of-sample areas get the synthetic `Xbar_d' beta`.
//!
//! **MSE** (Prasad & Rao 1990; Rao & Molina 2015, eq. 7.2.32-7.2.34; Molina &
//! Marhuenda 2015): `mse_d = g1 + g2 + 2 g3` with
//! `g1 = gamma_d s2e / n_d`,
//! `g2 = (Xbar_d - gamma_d xbar_d)' (X'V^-1X)^-1 (Xbar_d - gamma_d xbar_d)`,
//! `g3 = n_d^-2 (s2u + s2e/n_d)^-3 [s2e^2 V_uu + s2u^2 V_ee - 2 s2e s2u V_ue]`,
//! where `V_..` is the inverse of the Fisher information
//! `I_ab = 1/2 tr(V^-1 V_a V^-1 V_b)`, per area `I_uu = n^2 / (2 t^2)`,
//! `I_ue = n / (2 t^2)`, `I_ee = ((n - 1) / s2e^2 + 1 / t^2) / 2`, `t = s2e + n s2u`.
//! Out of sample: `g1 = s2u`, `g2 = Xbar_d' (X'V^-1X)^-1 Xbar_d`, `g3 = 0`.

use super::data::SampleArea;
use super::UnitError;
use crate::diagnostics::{normality, Normality};
use crate::linalg::{dot, Cholesky, Matrix};

/// Sufficient statistics of one sampled area (X with the intercept column first).
#[derive(Debug, Clone)]
struct AreaSums {
    n: f64,
    xtx: Matrix,
    sx: Vec<f64>,
    xty: Vec<f64>,
    sy: f64,
    yty: f64,
}

fn area_sums(s: &SampleArea, z: &[f64]) -> AreaSums {
    let p = s.x.len() + 1;
    let n = s.n();
    let col = |k: usize, i: usize| if k == 0 { 1.0 } else { s.x[k - 1][i] };
    let mut xtx = Matrix::zeros(p, p);
    let mut sx = vec![0.0; p];
    let mut xty = vec![0.0; p];
    for a in 0..p {
        for i in 0..n {
            let xa = col(a, i);
            sx[a] += xa;
            xty[a] += xa * z[i];
        }
        for b in 0..=a {
            let v: f64 = (0..n).map(|i| col(a, i) * col(b, i)).sum();
            xtx[(a, b)] = v;
            xtx[(b, a)] = v;
        }
    }
    AreaSums {
        n: n as f64,
        xtx,
        sx,
        xty,
        sy: z.iter().sum(),
        yty: z.iter().map(|v| v * v).sum(),
    }
}

/// The profiled REML quantities at one `lambda`.
struct Profile {
    a: Cholesky,
    beta: Vec<f64>,
    q: f64,
}

fn profile(sums: &[AreaSums], lambda: f64) -> Result<Profile, usize> {
    let p = sums[0].sx.len();
    let mut a = Matrix::zeros(p, p);
    let mut b = vec![0.0; p];
    let mut q = 0.0;
    for s in sums {
        let c = lambda / (1.0 + s.n * lambda);
        for i in 0..p {
            b[i] += s.xty[i] - c * s.sx[i] * s.sy;
            for j in 0..p {
                a[(i, j)] += s.xtx[(i, j)] - c * s.sx[i] * s.sx[j];
            }
        }
        q += s.yty - c * s.sy * s.sy;
    }
    let chol = Cholesky::new(&a)?;
    let beta = chol.solve(&b);
    let q = q - dot(&b, &beta);
    Ok(Profile { a: chol, beta, q })
}

/// `l'(lambda)` (module docs).
fn score(sums: &[AreaSums], pr: &Profile, lambda: f64, dof: f64) -> f64 {
    let mut dq = 0.0;
    let mut dlogh = 0.0;
    let mut dloga = 0.0;
    for s in sums {
        let h = 1.0 + s.n * lambda;
        let r = s.sy - dot(&s.sx, &pr.beta);
        dq -= r * r / (h * h);
        dlogh += s.n / h;
        let ainv_s = pr.a.solve(&s.sx);
        dloga -= dot(&s.sx, &ainv_s) / (h * h);
    }
    -0.5 * (dof * dq / pr.q + dlogh + dloga)
}

fn reml_loglik(sums: &[AreaSums], pr: &Profile, lambda: f64, dof: f64) -> f64 {
    let s2e = pr.q / dof;
    let logh: f64 = sums.iter().map(|s| (1.0 + s.n * lambda).ln()).sum();
    -0.5 * (dof * (2.0 * std::f64::consts::PI * s2e).ln() + logh + pr.a.log_det() + dof)
}

/// Root of `f` between `a` (f > 0) and `b` (f <= 0): regula falsi, Illinois variant.
fn illinois(
    f: &impl Fn(f64) -> Result<f64, UnitError>,
    a: (f64, f64),
    b: (f64, f64),
) -> Result<f64, UnitError> {
    let ((mut a, mut fa), (mut b, mut fb)) = (a, b);
    let mut side = 0;
    for _ in 0..200 {
        let c = (a * fb - b * fa) / (fb - fa);
        let inside = c > a.min(b) && c < a.max(b);
        if !inside || (b - a).abs() <= 1e-14 * (1.0 + a.abs()) {
            break;
        }
        let fc = f(c)?;
        if fc == 0.0 {
            return Ok(c);
        }
        if (fc > 0.0) == (fa > 0.0) {
            (a, fa) = (c, fc);
            if side == -1 {
                fb /= 2.0;
            }
            side = -1;
        } else {
            (b, fb) = (c, fc);
            if side == 1 {
                fa /= 2.0;
            }
            side = 1;
        }
    }
    Ok(if fa.abs() < fb.abs() { a } else { b })
}

/// One sampled area of a fitted model.
#[derive(Debug, Clone, PartialEq)]
pub struct FittedArea {
    /// Position of the area in the population.
    pub area: usize,
    /// `n_d`.
    pub n: usize,
    /// Sample means of X (intercept first).
    pub x_mean: Vec<f64>,
    /// Sample mean of the (transformed) response.
    pub y_mean: f64,
    /// `gamma_d = s2u / (s2u + s2e / n_d)`.
    pub gamma: f64,
    /// Predicted random effect `gamma_d (ybar_d - xbar_d' beta)`.
    pub u: f64,
}

/// A REML fit of the nested-error model.
#[derive(Debug, Clone)]
pub struct NestedErrorFit {
    /// Regression coefficients (intercept first).
    pub beta: Vec<f64>,
    /// `(X'V^-1X)^-1`, the covariance of beta.
    pub beta_cov: Matrix,
    /// Random-effect variance.
    pub sigma2_u: f64,
    /// Unit-level error variance.
    pub sigma2_e: f64,
    /// Restricted log-likelihood at the optimum (nlme's `logLik`).
    pub log_likelihood: f64,
    /// Sampled areas in the order of the sample.
    pub areas: Vec<FittedArea>,
    /// Total sample size.
    pub n: usize,
}

/// Fits the nested-error model by REML to the response `z` (one vector per
/// sampled area, same order and lengths as `sample`) on the covariates of `sample`.
pub fn fit_reml(sample: &[SampleArea], z: &[Vec<f64>]) -> Result<NestedErrorFit, UnitError> {
    if sample.is_empty() {
        return Err(UnitError::Input("the sample is empty".into()));
    }
    let sums: Vec<AreaSums> = sample.iter().zip(z).map(|(s, z)| area_sums(s, z)).collect();
    let n: usize = sample.iter().map(SampleArea::n).sum();
    let p = sums[0].sx.len();
    if n <= p + 1 || sample.len() < 2 {
        return Err(UnitError::Input(format!(
            "{n} sampled persons in {} areas are too few for {} coefficients",
            sample.len(),
            p
        )));
    }
    let dof = (n - p) as f64;
    let singular = |j: usize| UnitError::Singular { column: j };
    let eval = |t: f64| -> Result<f64, UnitError> {
        let lambda = t.exp();
        let pr = profile(&sums, lambda).map_err(singular)?;
        Ok(score(&sums, &pr, lambda, dof) * lambda)
    };
    // Grid on log(lambda) for the first sign change from + to - of the score, then
    // regula falsi with the Illinois modification (Dowell & Jarratt 1971) to machine precision.
    let grid: Vec<f64> = (-12..=8).map(|k| k as f64 * 2.5).collect();
    let mut values = Vec::with_capacity(grid.len());
    for &t in &grid {
        values.push(eval(t)?);
    }
    let lambda = match (0..grid.len() - 1).find(|&k| values[k] > 0.0 && values[k + 1] <= 0.0) {
        Some(k) => illinois(&eval, (grid[k], values[k]), (grid[k + 1], values[k + 1]))?.exp(),
        None if values[0] <= 0.0 => 0.0,
        None => {
            return Err(UnitError::NotConverged(
                "the REML estimate of s2u/s2e exceeds e^20 (no variation within areas?)".into(),
            ))
        }
    };
    let pr = profile(&sums, lambda).map_err(singular)?;
    let s2e = pr.q / dof;
    if !(s2e.is_finite() && s2e > 0.0) {
        return Err(UnitError::NotConverged(format!(
            "the REML error variance is {s2e} (the model fits the sample exactly?)"
        )));
    }
    let log_likelihood = reml_loglik(&sums, &pr, lambda, dof);
    let mut beta_cov = pr.a.inverse();
    beta_cov.as_mut_slice().iter_mut().for_each(|v| *v *= s2e);
    let areas = sample
        .iter()
        .zip(&sums)
        .map(|(s, a)| {
            let gamma = a.n * lambda / (1.0 + a.n * lambda);
            let x_mean: Vec<f64> = a.sx.iter().map(|v| v / a.n).collect();
            let y_mean = a.sy / a.n;
            FittedArea {
                area: s.area,
                n: s.n(),
                u: gamma * (y_mean - dot(&x_mean, &pr.beta)),
                x_mean,
                y_mean,
                gamma,
            }
        })
        .collect();
    Ok(NestedErrorFit {
        beta: pr.beta,
        beta_cov,
        sigma2_u: lambda * s2e,
        sigma2_e: s2e,
        log_likelihood,
        areas,
        n,
    })
}

/// BHF EBLUP of one area mean with its analytic MSE.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Eblup {
    /// `Xbar_d' beta + u_d`.
    pub estimate: f64,
    /// `g1 + g2 + 2 g3`.
    pub mse: f64,
    /// `gamma_d` (0 out of sample).
    pub gamma: f64,
}

impl NestedErrorFit {
    /// Standard errors of beta.
    pub fn beta_se(&self) -> Vec<f64> {
        (0..self.beta.len())
            .map(|i| self.beta_cov[(i, i)].sqrt())
            .collect()
    }

    /// Inverse Fisher information of `(s2u, s2e)` as `(V_uu, V_ue, V_ee)` (module docs).
    fn variance_of_variances(&self) -> (f64, f64, f64) {
        let (su, se) = (self.sigma2_u, self.sigma2_e);
        let (mut iuu, mut iue, mut iee) = (0.0, 0.0, 0.0);
        for a in &self.areas {
            let n = a.n as f64;
            let t = se + n * su;
            iuu += 0.5 * n * n / (t * t);
            iue += 0.5 * n / (t * t);
            iee += 0.5 * ((n - 1.0) / (se * se) + 1.0 / (t * t));
        }
        let det = iuu * iee - iue * iue;
        (iee / det, -iue / det, iuu / det)
    }

    /// EBLUPs of the means of all population areas from their covariate means
    /// `x_means[d]` (without the intercept); `sampled[d]` is the position of
    /// area d in the sample, if sampled.
    pub fn eblups(&self, x_means: &[Vec<f64>]) -> Vec<Eblup> {
        let mut sampled = vec![None; x_means.len()];
        for (i, a) in self.areas.iter().enumerate() {
            sampled[a.area] = Some(i);
        }
        let (vuu, vue, vee) = self.variance_of_variances();
        let (su, se) = (self.sigma2_u, self.sigma2_e);
        x_means
            .iter()
            .zip(&sampled)
            .map(|(xm, s)| {
                let xbar: Vec<f64> = std::iter::once(1.0).chain(xm.iter().copied()).collect();
                let synthetic = dot(&xbar, &self.beta);
                match s {
                    None => Eblup {
                        estimate: synthetic,
                        mse: su + self.beta_cov.quad_form(&xbar),
                        gamma: 0.0,
                    },
                    Some(i) => {
                        let a = &self.areas[*i];
                        let n = a.n as f64;
                        let g1 = a.gamma * se / n;
                        let diff: Vec<f64> = xbar
                            .iter()
                            .zip(&a.x_mean)
                            .map(|(x, m)| x - a.gamma * m)
                            .collect();
                        let g2 = self.beta_cov.quad_form(&diff);
                        let g3 = (se * se * vuu + su * su * vee - 2.0 * se * su * vue)
                            / (n * n * (su + se / n).powi(3));
                        Eblup {
                            estimate: synthetic + a.u,
                            mse: g1 + g2 + 2.0 * g3,
                            gamma: a.gamma,
                        }
                    }
                }
            })
            .collect()
    }

    /// Residual and random-effect diagnostics as emdi's `summary.ebp`.
    pub fn diagnostics(&self, sample: &[SampleArea], z: &[Vec<f64>]) -> UnitDiagnostics {
        let sd = self.sigma2_e.sqrt();
        let mut fixed = Vec::with_capacity(self.n);
        let mut residuals = Vec::with_capacity(self.n);
        for (s, z) in sample.iter().zip(z) {
            for (i, zi) in z.iter().enumerate() {
                let f = self.beta[0]
                    + s.x
                        .iter()
                        .zip(&self.beta[1..])
                        .map(|(c, b)| c[i] * b)
                        .sum::<f64>();
                fixed.push(f);
                residuals.push((zi - f) / sd);
            }
        }
        let u: Vec<f64> = self.areas.iter().map(|a| a.u).collect();
        let m = fixed.iter().sum::<f64>() / fixed.len() as f64;
        let var_f =
            fixed.iter().map(|f| (f - m) * (f - m)).sum::<f64>() / (fixed.len() as f64 - 1.0);
        let total = var_f + self.sigma2_u + self.sigma2_e;
        UnitDiagnostics {
            residual_normality: normality(&residuals),
            random_effect_normality: normality(&u),
            r2_marginal: var_f / total,
            r2_conditional: (var_f + self.sigma2_u) / total,
            icc: self.sigma2_u / (self.sigma2_u + self.sigma2_e),
        }
    }
}

/// Diagnostics of a nested-error fit (emdi `summary.ebp`): skewness, kurtosis
/// and Shapiro-Wilk test of the Pearson residuals `(y_dj - x_dj' beta) / s_e`
/// (nlme `residuals(level = 0, type = "pearson")`) and of the predicted random
/// effects; R-squared of Nakagawa & Schielzeth (2013) as `MuMIn::r.squaredGLMM`:
/// with `s2f` the sample variance of `x_dj' beta`, marginal
/// `s2f / (s2f + s2u + s2e)` and conditional `(s2f + s2u) / (s2f + s2u + s2e)`;
/// the intra-class correlation `s2u / (s2u + s2e)`.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitDiagnostics {
    /// Normality of the Pearson residuals.
    pub residual_normality: Normality,
    /// Normality of the predicted random effects.
    pub random_effect_normality: Normality,
    /// Marginal R-squared.
    pub r2_marginal: f64,
    /// Conditional R-squared.
    pub r2_conditional: f64,
    /// Intra-class correlation.
    pub icc: f64,
}
