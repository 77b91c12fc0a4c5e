//! Fay-Herriot area-level model: estimation of the random-effect variance A,
//! the GLS coefficients and the EBLUP.
//!
//! Model (Fay & Herriot 1979): `y_d = x_d' beta + u_d + e_d`, `u_d ~ N(0, A)`,
//! `e_d ~ N(0, psi_d)` with `psi_d` known, so `V_d = A + psi_d`.
//!
//! * GLS: `beta(A) = (X'V^-1X)^-1 X'V^-1 y`, `Cov(beta) = Q = (X'V^-1X)^-1`.
//! * EBLUP: `theta_d = gamma_d y_d + (1 - gamma_d) x_d' beta`, `gamma_d = A / (A + psi_d)`.
//! * A by Fisher scoring `A_{k+1} = A_k + s(A_k) / F(A_k)` with, for
//!   `P = V^-1 - V^-1 X Q X' V^-1`:
//!   - ML: `s = -1/2 sum V_d^-1 + 1/2 y'PPy`, `F = 1/2 sum V_d^-2`
//!   - REML: `s = -1/2 tr P + 1/2 y'PPy`, `F = 1/2 tr PP`
//!   - FH (moment): `s = sum r_d^2 / V_d - (m - p)`, `F = sum V_d^-1`
//!
//!   exactly as R `sae::eblupFH` (Molina & Marhuenda 2015). The traces are
//!   computed in O(m p^2) without forming the m x m matrix P:
//!   `tr P = sum V^-1 - tr(Q X'V^-2X)`,
//!   `tr PP = sum V^-2 - 2 tr(Q X'V^-3X) + tr((Q X'V^-2X)^2)`.
//! * Goodness of fit as sae: `loglike = -1/2 sum [log(2 pi V_d) + r_d^2 / V_d]`
//!   (the ML log-likelihood at the fitted values for every method),
//!   `AIC = -2 loglike + 2(p+1)`, `BIC = -2 loglike + (p+1) log m`,
//!   `KIC = -2 loglike + 3(p+1)`.

use crate::data::{median, AreaData};
use crate::error::SaeError;
use crate::linalg::{dot, Cholesky, Matrix};

/// Estimator of the random-effect variance A.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Restricted (residual) maximum likelihood.
    Reml,
    /// Maximum likelihood.
    Ml,
    /// Fay-Herriot moment estimator: solves `sum r_d^2 / (A + psi_d) = m - p`.
    Fh,
}

impl Method {
    /// Name as in sae (`"REML"`, `"ML"`, `"FH"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Reml => "REML",
            Method::Ml => "ML",
            Method::Fh => "FH",
        }
    }
}

/// When the variance iteration stops.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stopping {
    /// Reproduce R `sae` exactly: start at `A_0 = median(psi)`, stop when
    /// `|A_{k+1} - A_k| / |A_k| <= 1e-4` or after 100 iterations. Leaves A about
    /// 1e-5 (relative) from the optimum.
    SaeCompat,
    /// Iterate (same start) to the exact root of the estimating equation:
    /// stop when `|A_{k+1} - A_k| <= 1e-12 * max(A_k, 1e-10 * median(psi))`,
    /// iterates projected onto `A >= 0` (at most 1000 iterations).
    Exact,
    /// Custom relative tolerance and iteration cap with sae's rule.
    Relative {
        /// Relative tolerance on `|dA| / A`.
        tolerance: f64,
        /// Maximum number of iterations.
        max_iter: usize,
    },
}

/// Goodness-of-fit measures as in sae's `fit$goodness`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Goodness {
    /// `-1/2 sum [log(2 pi V_d) + r_d^2 / V_d]`.
    pub loglike: f64,
    /// `-2 loglike + 2 (p + 1)`.
    pub aic: f64,
    /// `-2 loglike + (p + 1) log m`.
    pub bic: f64,
    /// `-2 loglike + 3 (p + 1)`.
    pub kic: f64,
}

impl Goodness {
    pub(crate) fn new(loglike: f64, params: usize, m: usize) -> Self {
        let k = params as f64;
        Self {
            loglike,
            aic: -2.0 * loglike + 2.0 * k,
            bic: -2.0 * loglike + k * (m as f64).ln(),
            kic: -2.0 * loglike + 3.0 * k,
        }
    }
}

/// Fay-Herriot estimator configuration: `FayHerriot::new(Method::Reml).fit(&data)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FayHerriot {
    method: Method,
    stopping: Stopping,
}

/// A fitted Fay-Herriot model.
#[derive(Debug, Clone)]
pub struct FhFit {
    pub(crate) method: Method,
    pub(crate) estimator: FayHerriot,
    pub(crate) data: AreaData,
    /// Random-effect variance `A >= 0`.
    pub(crate) a: f64,
    /// True when the iteration ended at `A <= 0` and A was set to 0: every area is
    /// then shrunk fully to its synthetic estimate (`gamma_d = 0`).
    pub(crate) zero_variance: bool,
    /// GLS coefficients at A.
    pub(crate) beta: Vec<f64>,
    /// `Q = (X'V^-1X)^-1`, the covariance of beta at A.
    pub(crate) beta_cov: Matrix,
    /// `sqrt(diag Q)`.
    pub(crate) beta_se: Vec<f64>,
    /// Fisher-scoring iterations used.
    pub(crate) iterations: usize,
    /// False if the iteration cap was hit before the stopping rule was met
    /// (sae returns no estimates then; here they are reported but flagged).
    pub(crate) converged: bool,
    /// Log-likelihood, AIC, BIC, KIC.
    pub(crate) goodness: Goodness,
    /// Shrinkage factor `gamma_d = A / (A + psi_d)` (weight of the direct estimate).
    pub(crate) gamma: Vec<f64>,
    /// Synthetic regression estimate `x_d' beta`.
    pub(crate) synthetic: Vec<f64>,
    /// EBLUP `gamma_d y_d + (1 - gamma_d) x_d' beta`.
    pub(crate) eblup: Vec<f64>,
}

/// Quantities of the model at a given A.
pub(crate) struct AtA {
    pub vi: Vec<f64>,
    pub q: Matrix,
    pub beta: Vec<f64>,
    pub resid: Vec<f64>,
}

/// GLS at variance A; errors if X'V^-1X is singular.
pub(crate) fn gls(data: &AreaData, a: f64) -> Result<AtA, SaeError> {
    let p = data.covariates();
    let vi: Vec<f64> = data.psi.iter().map(|psi| 1.0 / (a + psi)).collect();
    let xtvx = weighted_cross(&data.x, &vi);
    let chol = Cholesky::new(&xtvx).map_err(|c| data.singular(c, xtvx[(c, c)] == 0.0))?;
    let wy: Vec<f64> = vi.iter().zip(&data.y).map(|(v, y)| v * y).collect();
    let beta = chol.solve(&data.x.tr_mul_vec(&wy));
    let resid = (0..data.areas())
        .map(|d| data.y[d] - dot(data.x.row(d), &beta))
        .collect();
    let q = chol.inverse();
    debug_assert_eq!(q.rows(), p);
    Ok(AtA { vi, q, beta, resid })
}

/// `X' diag(w) X`.
pub(crate) fn weighted_cross(x: &Matrix, w: &[f64]) -> Matrix {
    let [out] = weighted_crosses(x, [w]);
    out
}

/// `X' diag(w_k) X` for several weight vectors in one pass over the rows of X.
pub(crate) fn weighted_crosses<const K: usize>(x: &Matrix, w: [&[f64]; K]) -> [Matrix; K] {
    let p = x.cols();
    let mut out: [Matrix; K] = std::array::from_fn(|_| Matrix::zeros(p, p));
    for d in 0..x.rows() {
        let r = x.row(d);
        for a in 0..p {
            for b in 0..=a {
                let rab = r[a] * r[b];
                for k in 0..K {
                    out[k][(a, b)] += rab * w[k][d];
                }
            }
        }
    }
    for o in out.iter_mut() {
        for a in 0..p {
            for b in 0..a {
                o[(b, a)] = o[(a, b)];
            }
        }
    }
    out
}

/// Trace of the product of two symmetric p x p matrices.
pub(crate) fn trace_prod(a: &Matrix, b: &Matrix) -> f64 {
    dot(a.as_slice(), b.as_slice())
}

/// Score and Fisher information of `method` at A.
fn score_info(data: &AreaData, method: Method, g: &AtA) -> (f64, f64) {
    let m = data.areas();
    let p = data.covariates();
    match method {
        Method::Ml => {
            let sum_vi: f64 = g.vi.iter().sum();
            let pypy: f64 =
                g.vi.iter()
                    .zip(&g.resid)
                    .map(|(v, r)| (v * r).powi(2))
                    .sum();
            let sum_vi2: f64 = g.vi.iter().map(|v| v * v).sum();
            (-0.5 * sum_vi + 0.5 * pypy, 0.5 * sum_vi2)
        }
        Method::Reml => {
            let vi2: Vec<f64> = g.vi.iter().map(|v| v * v).collect();
            let vi3: Vec<f64> = g.vi.iter().map(|v| v * v * v).collect();
            let [x2, x3] = weighted_crosses(&data.x, [&vi2, &vi3]);
            let qx2 = g.q.matmul(&x2);
            let tr_p = g.vi.iter().sum::<f64>() - trace_prod(&g.q, &x2);
            let tr_pp = vi2.iter().sum::<f64>() - 2.0 * trace_prod(&g.q, &x3)
                + trace_prod(&qx2, &qx2.transpose());
            let pypy: f64 =
                g.vi.iter()
                    .zip(&g.resid)
                    .map(|(v, r)| (v * r).powi(2))
                    .sum();
            (-0.5 * tr_p + 0.5 * pypy, 0.5 * tr_pp)
        }
        Method::Fh => {
            let wrss: f64 = g.vi.iter().zip(&g.resid).map(|(v, r)| v * r * r).sum();
            (wrss - (m - p) as f64, g.vi.iter().sum())
        }
    }
}

impl FayHerriot {
    /// Estimator with the exact-optimum stopping rule ([`Stopping::Exact`]).
    pub fn new(method: Method) -> Self {
        Self {
            method,
            stopping: Stopping::Exact,
        }
    }

    /// Uses sae's start value and stopping rule ([`Stopping::SaeCompat`]).
    pub fn sae_compat(self) -> Self {
        self.stopping(Stopping::SaeCompat)
    }

    /// Sets the stopping rule.
    pub fn stopping(mut self, stopping: Stopping) -> Self {
        self.stopping = stopping;
        self
    }

    /// The configured method.
    pub fn method(&self) -> Method {
        self.method
    }

    /// Score `s(A)` and Fisher information `F(A)` of the configured method (see
    /// the module docs); `s(A) = 0` at an interior optimum. Useful to check how
    /// close an A (e.g. one produced elsewhere) is to the root.
    pub fn score(&self, data: &AreaData, a: f64) -> Result<(f64, f64), SaeError> {
        let g = gls(data, a)?;
        Ok(score_info(data, self.method, &g))
    }

    /// Estimates A (start `median(psi)`, Fisher scoring), then beta, the EBLUP
    /// and goodness of fit at the final `A = max(A, 0)`.
    pub fn fit(&self, data: &AreaData) -> Result<FhFit, SaeError> {
        let (a_raw, iterations, converged) = self.estimate_a(data)?;
        let zero_variance = a_raw <= 0.0;
        let a = a_raw.max(0.0);
        if zero_variance && data.psi.contains(&0.0) {
            return Err(SaeError::Diverged {
                method: self.method.as_str(),
                iteration: iterations,
                detail: "A = 0 and a zero sampling variance leave V_d = 0".into(),
            });
        }
        self.assemble(data, a, zero_variance, iterations, converged)
    }

    /// The model at a known (given) random-effect variance `A >= 0`: beta, the
    /// EBLUP (then the BLUP in A) and goodness of fit as in [`FayHerriot::fit`],
    /// without estimating A (`iterations = 0`, `converged = true`). For
    /// simulations with the true A and for external variance estimates. The
    /// configured method only selects the MSE formula of [`FhFit::mse`].
    pub fn fit_with_variance(&self, data: &AreaData, a: f64) -> Result<FhFit, SaeError> {
        if !a.is_finite() || a < 0.0 {
            return Err(SaeError::InvalidInput(format!(
                "random-effect variance A = {a} must be finite and >= 0"
            )));
        }
        if a == 0.0 && data.psi.contains(&0.0) {
            return Err(SaeError::InvalidInput(
                "A = 0 and a zero sampling variance leave V_d = 0".into(),
            ));
        }
        self.assemble(data, a, a == 0.0, 0, true)
    }

    /// The fitted model at variance `a`: GLS beta, EBLUP, shrinkage and goodness of fit.
    fn assemble(
        &self,
        data: &AreaData,
        a: f64,
        zero_variance: bool,
        iterations: usize,
        converged: bool,
    ) -> Result<FhFit, SaeError> {
        let g = gls(data, a)?;
        let m = data.areas();
        let p = data.covariates();
        let loglike = -0.5
            * g.vi
                .iter()
                .zip(&g.resid)
                .map(|(v, r)| (2.0 * std::f64::consts::PI / v).ln() + r * r * v)
                .sum::<f64>();
        let synthetic: Vec<f64> = (0..m).map(|d| dot(data.x.row(d), &g.beta)).collect();
        let gamma: Vec<f64> = g.vi.iter().map(|v| a * v).collect();
        let eblup = (0..m)
            .map(|d| synthetic[d] + gamma[d] * g.resid[d])
            .collect();
        let beta_se = (0..p).map(|j| g.q[(j, j)].sqrt()).collect();
        Ok(FhFit {
            method: self.method,
            estimator: *self,
            data: data.clone(),
            a,
            zero_variance,
            beta: g.beta,
            beta_cov: g.q,
            beta_se,
            iterations,
            converged,
            goodness: Goodness::new(loglike, p + 1, m),
            gamma,
            synthetic,
            eblup,
        })
    }

    /// Fisher scoring for A; returns (unclipped A, iterations, converged).
    fn estimate_a(&self, data: &AreaData) -> Result<(f64, usize, bool), SaeError> {
        let med = median(&data.psi);
        let min_psi = data.psi.iter().copied().fold(f64::INFINITY, f64::min);
        let (exact, tol, max_iter) = match self.stopping {
            Stopping::SaeCompat => (false, 1e-4, 100),
            Stopping::Relative {
                tolerance,
                max_iter,
            } => (false, tolerance, max_iter),
            Stopping::Exact => (true, 1e-12, 1000),
        };
        let mut a = med;
        for k in 1..=max_iter {
            let v_min = a + min_psi;
            if v_min.is_nan() || v_min <= 0.0 {
                return Err(SaeError::Diverged {
                    method: self.method.as_str(),
                    iteration: k,
                    detail: format!(
                        "A = {a} makes A + psi_d <= 0 for some area (sae would go on with \
                         an invalid variance; Stopping::Exact keeps A >= 0)"
                    ),
                });
            }
            let g = gls(data, a)?;
            let (s, f) = score_info(data, self.method, &g);
            let mut next = a + s / f;
            if exact {
                next = next.max(0.0);
                let done = (next - a).abs() <= tol * a.max(1e-10 * med);
                a = next;
                if done {
                    return Ok((a, k, true));
                }
            } else {
                let diff = ((next - a) / a).abs();
                a = next;
                if diff.is_nan() || diff <= tol {
                    return Ok((a, k, true));
                }
            }
        }
        Ok((a, max_iter, false))
    }
}

impl FhFit {
    /// Random-effect variance `A >= 0`.
    pub fn a(&self) -> f64 {
        self.a
    }

    /// True when the estimate of A was truncated at 0 (every area shrunk fully to its synthetic estimate).
    pub fn zero_variance(&self) -> bool {
        self.zero_variance
    }

    /// GLS coefficients at A.
    pub fn beta(&self) -> &[f64] {
        &self.beta
    }

    /// `Q = (X'V^-1X)^-1`, the covariance of beta at A.
    pub fn beta_cov(&self) -> &Matrix {
        &self.beta_cov
    }

    /// Standard errors `sqrt(diag Q)` (as sae `estcoef$std.error`).
    pub fn beta_se(&self) -> &[f64] {
        &self.beta_se
    }

    /// Fisher-scoring iterations used.
    pub fn iterations(&self) -> usize {
        self.iterations
    }

    /// False if the iteration cap was hit before the stopping rule was met.
    pub fn converged(&self) -> bool {
        self.converged
    }

    /// Log-likelihood, AIC, BIC, KIC as sae `fit$goodness`.
    pub fn goodness(&self) -> Goodness {
        self.goodness
    }

    /// Shrinkage factor `gamma_d = A / (A + psi_d)` (weight of the direct estimate).
    pub fn gamma(&self) -> &[f64] {
        &self.gamma
    }

    /// Synthetic regression estimates `x_d' beta`.
    pub fn synthetic(&self) -> &[f64] {
        &self.synthetic
    }

    /// EBLUP `gamma_d y_d + (1 - gamma_d) x_d' beta`.
    pub fn eblup(&self) -> &[f64] {
        &self.eblup
    }

    /// The estimation method.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The data the model was fitted to.
    pub fn data(&self) -> &AreaData {
        &self.data
    }

    /// Shrinkage factor `B_d = psi_d / (A + psi_d) = 1 - gamma_d`.
    pub fn shrinkage(&self) -> Vec<f64> {
        self.gamma.iter().map(|g| 1.0 - g).collect()
    }

    /// Raw residuals `y_d - x_d' beta`.
    pub fn residuals(&self) -> Vec<f64> {
        self.data
            .y
            .iter()
            .zip(&self.synthetic)
            .map(|(y, s)| y - s)
            .collect()
    }

    /// Standardised residuals `(y_d - x_d' beta) / sqrt(A + psi_d)`.
    pub fn standardised_residuals(&self) -> Vec<f64> {
        self.residuals()
            .iter()
            .zip(&self.data.psi)
            .map(|(r, psi)| r / (self.a + psi).sqrt())
            .collect()
    }

    /// Synthetic predictions `x_d' beta` for areas without a direct estimate;
    /// `x_out` has one row per out-of-sample area with the same p columns.
    pub fn predict_synthetic(&self, x_out: &Matrix) -> Result<Vec<f64>, SaeError> {
        if x_out.cols() != self.beta.len() {
            return Err(SaeError::DimensionMismatch {
                what: "columns of out-of-sample X",
                expected: self.beta.len(),
                found: x_out.cols(),
            });
        }
        crate::data::check_finite("out-of-sample X", x_out.as_slice())?;
        Ok(x_out.mul_vec(&self.beta))
    }

    /// MSE of the synthetic out-of-sample predictor `x_d' beta` for the
    /// unobserved `theta_d = x_d' beta + u_d`: `A + x_d' Q x_d` (the random
    /// effect is unpredictable; the second term is the estimation error of beta;
    /// the uncertainty of A is ignored, as in emdi's out-of-sample MSE).
    pub fn synthetic_mse(&self, x_out: &Matrix) -> Result<Vec<f64>, SaeError> {
        self.predict_synthetic(x_out)?;
        Ok((0..x_out.rows())
            .map(|d| self.a + self.beta_cov.quad_form(x_out.row(d)))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With X = intercept only and equal psi, REML has the closed form
    /// A = max(0, s^2 - psi) with s^2 the sample variance of y.
    #[test]
    fn reml_closed_form_balanced() {
        let y = vec![1.0, 2.5, 0.3, 4.0, 2.2, 3.1];
        let psi = 0.4;
        let m = y.len() as f64;
        let mean = y.iter().sum::<f64>() / m;
        let s2 = y.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (m - 1.0);
        let x = Matrix::from_row_major(6, 1, vec![1.0; 6]).unwrap();
        let data = AreaData::new(y.clone(), vec![psi; 6], x).unwrap();
        let fit = FayHerriot::new(Method::Reml).fit(&data).unwrap();
        assert!(
            (fit.a - (s2 - psi)).abs() < 1e-10 * s2,
            "{} vs {}",
            fit.a,
            s2 - psi
        );
        assert!((fit.beta[0] - mean).abs() < 1e-12);
        // FH moment: sum r^2 / (A + psi) = m - 1 gives the same A here.
        let fh = FayHerriot::new(Method::Fh).fit(&data).unwrap();
        assert!((fh.a - (s2 - psi)).abs() < 1e-10 * s2);
        // ML: A = (m-1)/m s^2 - psi.
        let ml = FayHerriot::new(Method::Ml).fit(&data).unwrap();
        assert!((ml.a - ((m - 1.0) / m * s2 - psi)).abs() < 1e-10 * s2);
    }

    #[test]
    fn zero_variance_is_flagged() {
        let y = vec![1.0, 1.1, 0.9, 1.05, 0.95];
        let x = Matrix::from_row_major(5, 1, vec![1.0; 5]).unwrap();
        let data = AreaData::new(y, vec![1.0; 5], x).unwrap();
        for method in [Method::Reml, Method::Ml, Method::Fh] {
            let fit = FayHerriot::new(method).fit(&data).unwrap();
            assert_eq!(fit.a, 0.0);
            assert!(fit.zero_variance);
            assert!(fit.gamma.iter().all(|g| *g == 0.0));
            assert_eq!(fit.eblup, fit.synthetic);
        }
    }

    /// sae's unprojected Fisher step can jump below -min(psi) when the true A
    /// is at or near 0: sae-compatible mode reports it, exact mode stays at A >= 0.
    #[test]
    fn sae_overshoot_is_reported_exact_mode_is_projected() {
        let y = vec![0.42, 0.61, 0.40, 0.83, 0.50, 0.66];
        let psi = vec![0.004, 0.010, 0.002, 0.008, 0.005, 0.012];
        let x = Matrix::from_rows(&[
            vec![1.0, 0.3],
            vec![1.0, 0.5],
            vec![1.0, 0.2],
            vec![1.0, 0.7],
            vec![1.0, 0.4],
            vec![1.0, 0.6],
        ])
        .unwrap();
        let data = AreaData::new(y, psi, x).unwrap();
        let sae = FayHerriot::new(Method::Reml).sae_compat().fit(&data);
        assert!(matches!(sae, Err(SaeError::Diverged { .. })), "{sae:?}");
        let exact = FayHerriot::new(Method::Reml).fit(&data).unwrap();
        assert!(exact.converged && exact.a >= 0.0);
        if exact.a == 0.0 {
            // At the boundary the score must point outside (A < 0).
            let (s, _) = FayHerriot::new(Method::Reml).score(&data, 0.0).unwrap();
            assert!(s <= 0.0);
        } else {
            let (s, f) = FayHerriot::new(Method::Reml).score(&data, exact.a).unwrap();
            assert!(s.abs() <= 1e-9 * f * exact.a);
        }
    }
}
