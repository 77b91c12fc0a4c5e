//! Spatial Fay-Herriot model with SAR random effects (Petrucci & Salvati 2006;
//! Singh, Shukla & Kundu 2005), as R `sae::eblupSFH` / `sae::mseSFH`
//! (Molina & Marhuenda 2015).
//!
//! Model: `y = X beta + v + e`, `v = (I - rho W)^-1 u`, `u ~ N(0, sigma2_u I)`,
//! `e ~ N(0, diag psi)`. With `C(rho) = [(I - rho W')(I - rho W)]^-1`:
//! `G = sigma2_u C`, `V = G + diag(psi)`.
//!
//! * Derivatives of V: `D_sigma = C`, `D_rho = -sigma2_u C (2 rho W'W - W - W') C`.
//! * Fisher scoring on `(sigma2_u, rho)` from `(median(psi), 0.5)`:
//!   - REML: `s_j = -1/2 tr(P D_j) + 1/2 y'P D_j P y`, `I_jk = 1/2 tr(P D_j P D_k)`,
//!   - ML: `s_j = -1/2 tr(V^-1 D_j) + 1/2 y'P D_j P y`, `I_jk = 1/2 tr(V^-1 D_j V^-1 D_k)`,
//!
//!   with `P = V^-1 - V^-1 X Q X' V^-1`, `Q = (X'V^-1X)^-1`; after each step rho is
//!   clipped to `[-0.999, 0.999]`; `sigma2_u = max(sigma2_u, 0)` at the end.
//! * EBLUP: `X beta + G V^-1 (y - X beta)`.
//! * Goodness: `loglike = -1/2 [m log 2 pi + log det V + r'V^-1 r]`, AIC and BIC
//!   with `p + 2` parameters.
//! * MSE (Singh, Shukla & Kundu 2005; `sae::mseSFH`): `g1 + g2 + 2 g3 - g4`,
//!   minus `b' grad g1` for ML, with
//!   - `g1_i = (G - G V^-1 G)_ii`,
//!   - `g2_i = a_i' Q a_i`, `a_i' = x_i' - (G V^-1 X)_i`,
//!   - `g3_i = tr(L_i V L_i' I^-1)`, `L_i` the 2 x m matrix with rows
//!     `(D_j V^-1 - G V^-1 D_j V^-1)_i` (derivatives of the i-th row of `G V^-1`),
//!   - `g4_i = 1/2 psi_i^2 [(V^-1 D12 V^-1)_ii (I^-1_12 + I^-1_21) + (V^-1 D22 V^-1)_ii I^-1_22]`
//!     with the second derivatives `D12 = -C R C`, `D22 = 2 sigma2_u (C R C R C - C W'W C)`,
//!     `R = 2 rho W'W - W - W'`,
//!   - ML: `b = 1/2 I^-1 h`, `h_j = -tr(Q X'V^-1 D_j V^-1 X)` (bias of the ML
//!     estimators), `d g1_i / d theta_j = (D_j - 2 G V^-1 D_j + G V^-1 D_j V^-1 G)_ii`.
//!
//!   As in sae, `I` here is the REML information for both methods.
//!
//! sae's stopping rule is `max(|dsigma2| / sigma2, |drho| / rho)` with the sign
//! of rho kept: once rho < 0 only sigma2_u decides convergence. `SaeCompat` and
//! `Relative` reproduce this; `Exact` uses absolute values for both.

use crate::data::{median, AreaData};
use crate::error::SaeError;
use crate::fit::{Goodness, Stopping};
use crate::linalg::{dot, Cholesky, Matrix};

/// A square proximity (spatial weight) matrix W with finite, non-negative
/// entries and a zero diagonal.
#[derive(Debug, Clone, PartialEq)]
pub struct ProximityMatrix {
    w: Matrix,
}

impl ProximityMatrix {
    /// Uses `w` as given (sae does not standardise); checks it is square,
    /// finite, non-negative with a zero diagonal.
    pub fn new(w: Matrix) -> Result<Self, SaeError> {
        if w.rows() != w.cols() {
            return Err(SaeError::DimensionMismatch {
                what: "columns of the proximity matrix",
                expected: w.rows(),
                found: w.cols(),
            });
        }
        crate::data::check_finite("W", w.as_slice())?;
        if let Some(index) = w.as_slice().iter().position(|v| *v < 0.0) {
            return Err(SaeError::Negative {
                what: "W",
                index,
                value: w.as_slice()[index],
            });
        }
        if let Some(i) = (0..w.rows()).find(|&i| w[(i, i)] != 0.0) {
            return Err(SaeError::InvalidInput(format!(
                "proximity matrix has a non-zero diagonal element at ({i}, {i}): an area is not its own neighbour"
            )));
        }
        Ok(Self { w })
    }

    /// Row-standardises `w` (each row divided by its sum; rows of zeros, i.e.
    /// areas without neighbours, stay zero) after the checks of [`ProximityMatrix::new`].
    pub fn row_standardised(w: Matrix) -> Result<Self, SaeError> {
        let mut w = Self::new(w)?.w;
        let n = w.rows();
        for i in 0..n {
            let s: f64 = w.row(i).iter().sum();
            if s > 0.0 {
                for j in 0..n {
                    w[(i, j)] /= s;
                }
            }
        }
        Ok(Self { w })
    }

    /// The sub-matrix of the areas `keep` (in that order), re-row-standardised:
    /// the proximity matrix of a model fitted to a subset of areas.
    pub fn restrict(&self, keep: &[usize]) -> Result<Self, SaeError> {
        let n = self.w.rows();
        if let Some(&bad) = keep.iter().find(|&&k| k >= n) {
            return Err(SaeError::InvalidInput(format!(
                "area index {bad} out of range for a {n} x {n} proximity matrix"
            )));
        }
        let data = keep
            .iter()
            .flat_map(|&i| keep.iter().map(move |&j| (i, j)))
            .map(|(i, j)| self.w[(i, j)])
            .collect();
        let sub =
            Matrix::from_row_major(keep.len(), keep.len(), data).expect("keep.len()^2 elements");
        Self::row_standardised(sub)
    }

    /// The matrix W.
    pub fn matrix(&self) -> &Matrix {
        &self.w
    }
}

/// Estimation method of the spatial model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpatialMethod {
    /// Restricted maximum likelihood.
    Reml,
    /// Maximum likelihood.
    Ml,
}

impl SpatialMethod {
    fn as_str(self) -> &'static str {
        match self {
            SpatialMethod::Reml => "REML",
            SpatialMethod::Ml => "ML",
        }
    }
}

/// Spatial Fay-Herriot estimator: `SpatialFayHerriot::new(SpatialMethod::Reml).fit(&data, &w)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpatialFayHerriot {
    method: SpatialMethod,
    stopping: Stopping,
}

/// A fitted spatial Fay-Herriot model.
#[derive(Debug, Clone)]
pub struct SfhFit {
    method: SpatialMethod,
    data: AreaData,
    w: ProximityMatrix,
    /// Variance of the SAR innovations `sigma2_u >= 0`.
    sigma2_u: f64,
    /// Spatial autocorrelation, in `[-0.999, 0.999]`.
    rho: f64,
    /// True if the iteration ended at `sigma2_u <= 0` (set to 0).
    zero_variance: bool,
    /// GLS coefficients.
    beta: Vec<f64>,
    /// `Q = (X'V^-1X)^-1`.
    beta_cov: Matrix,
    /// `sqrt(diag Q)`.
    beta_se: Vec<f64>,
    /// Fisher-scoring iterations.
    iterations: usize,
    /// False if the iteration cap was hit first.
    converged: bool,
    /// Log-likelihood, AIC, BIC (and KIC) with `p + 2` parameters.
    goodness: Goodness,
    /// Synthetic `x_d' beta`.
    synthetic: Vec<f64>,
    /// Spatial EBLUP.
    eblup: Vec<f64>,
}

/// Per-area MSE of the spatial EBLUP and its components.
#[derive(Debug, Clone, PartialEq)]
pub struct SfhMse {
    /// `g1_i`.
    pub g1: Vec<f64>,
    /// `g2_i`.
    pub g2: Vec<f64>,
    /// `g3_i`.
    pub g3: Vec<f64>,
    /// Second-order correction `g4_i` of Singh, Shukla & Kundu (2005).
    pub g4: Vec<f64>,
    /// ML only: `b' grad g1_i` with `b` the bias of the ML estimators (zero for REML).
    pub ml_bias: Vec<f64>,
    /// `g1 + g2 + 2 g3 - g4 - ml_bias`.
    pub mse: Vec<f64>,
}

/// Everything that depends on (sigma2_u, rho).
struct State {
    c: Matrix,
    /// `R = 2 rho W'W - W - W'`.
    der: Matrix,
    d_rho: Matrix,
    v: Matrix,
    vi: Matrix,
    q: Matrix,
    beta: Vec<f64>,
    resid: Vec<f64>,
    /// `P y = V^-1 r`.
    py: Vec<f64>,
}

fn symmetrise(m: &mut Matrix) {
    let n = m.rows();
    for i in 0..n {
        for j in 0..i {
            let s = 0.5 * (m[(i, j)] + m[(j, i)]);
            m[(i, j)] = s;
            m[(j, i)] = s;
        }
    }
}

fn state(
    data: &AreaData,
    w: &Matrix,
    sigma2: f64,
    rho: f64,
    method: SpatialMethod,
    iteration: usize,
) -> Result<State, SaeError> {
    let m = data.areas();
    let diverged = |detail: String| SaeError::Diverged {
        method: method.as_str(),
        iteration,
        detail,
    };
    let mut iw = Matrix::identity(m);
    for i in 0..m {
        for j in 0..m {
            iw[(i, j)] -= rho * w[(i, j)];
        }
    }
    let iwt_iw = iw.transpose().matmul(&iw);
    let c = Cholesky::new(&iwt_iw)
        .map_err(|_| diverged(format!("I - rho W is singular at rho = {rho}")))?
        .inverse();
    let wt = w.transpose();
    let mut der = wt.matmul(w);
    for i in 0..m {
        for j in 0..m {
            der[(i, j)] = 2.0 * rho * der[(i, j)] - w[(i, j)] - wt[(i, j)];
        }
    }
    let mut d_rho = c.matmul(&der).matmul(&c);
    d_rho.as_mut_slice().iter_mut().for_each(|v| *v *= -sigma2);
    symmetrise(&mut d_rho);
    let mut v = c.clone();
    for i in 0..m {
        for j in 0..m {
            v[(i, j)] *= sigma2;
        }
        v[(i, i)] += data.psi[i];
    }
    symmetrise(&mut v);
    let vi = Cholesky::new(&v)
        .map_err(|_| diverged(format!("V is not positive definite at sigma2_u = {sigma2}")))?
        .inverse();
    let x = &data.x;
    let xt_vi = x.transpose().matmul(&vi);
    let xtvix = xt_vi.matmul(x);
    let chol = Cholesky::new(&xtvix).map_err(|c| data.singular(c, xtvix[(c, c)] == 0.0))?;
    let beta = chol.solve(&xt_vi.mul_vec(&data.y));
    let q = chol.inverse();
    let resid: Vec<f64> = (0..m).map(|d| data.y[d] - dot(x.row(d), &beta)).collect();
    let py = vi.mul_vec(&resid);
    Ok(State {
        c,
        der,
        d_rho,
        v,
        vi,
        q,
        beta,
        resid,
        py,
    })
}

/// `tr(A B)` for square matrices.
fn trace_ab(a: &Matrix, b: &Matrix) -> f64 {
    let n = a.rows();
    (0..n)
        .map(|i| (0..n).map(|k| a[(i, k)] * b[(k, i)]).sum::<f64>())
        .sum()
}

/// Score vector and Fisher information (2 x 2, row-major) at a state.
fn score_info(data: &AreaData, s: &State, method: SpatialMethod) -> ([f64; 2], [f64; 4]) {
    let base = match method {
        SpatialMethod::Reml => {
            // P = V^-1 - V^-1 X Q X' V^-1
            let xt_vi = data.x.transpose().matmul(&s.vi);
            let mut p = xt_vi.transpose().matmul(&s.q).matmul(&xt_vi);
            for (pv, vv) in p.as_mut_slice().iter_mut().zip(s.vi.as_slice()) {
                *pv = vv - *pv;
            }
            p
        }
        SpatialMethod::Ml => s.vi.clone(),
    };
    let bd = base.matmul(&s.c);
    let br = base.matmul(&s.d_rho);
    let score = [
        -0.5 * bd.trace() + 0.5 * s.c.quad_form(&s.py),
        -0.5 * br.trace() + 0.5 * s.d_rho.quad_form(&s.py),
    ];
    let i11 = 0.5 * trace_ab(&bd, &bd);
    let i12 = 0.5 * trace_ab(&bd, &br);
    let i22 = 0.5 * trace_ab(&br, &br);
    (score, [i11, i12, i12, i22])
}

fn solve2(a: [f64; 4], b: [f64; 2]) -> Option<[f64; 2]> {
    let det = a[0] * a[3] - a[1] * a[2];
    if det == 0.0 || !det.is_finite() {
        return None;
    }
    Some([
        (a[3] * b[0] - a[1] * b[1]) / det,
        (a[0] * b[1] - a[2] * b[0]) / det,
    ])
}

fn inverse2(a: [f64; 4]) -> Option<[f64; 4]> {
    let det = a[0] * a[3] - a[1] * a[2];
    (det.abs() > 0.0 && det.is_finite()).then(|| [a[3] / det, -a[1] / det, -a[2] / det, a[0] / det])
}

impl SpatialFayHerriot {
    /// Estimator with the tight stopping rule (`Stopping::Exact`: relative
    /// change of both parameters, in absolute value, <= 1e-12, at most 1000
    /// iterations; relative to at least `1e-10 median(psi)` for sigma2_u and
    /// `1e-6` for rho).
    pub fn new(method: SpatialMethod) -> Self {
        Self {
            method,
            stopping: Stopping::Exact,
        }
    }

    /// sae's rule: relative change <= 1e-4, at most 100 iterations.
    pub fn sae_compat(self) -> Self {
        self.stopping(Stopping::SaeCompat)
    }

    /// Sets the stopping rule.
    pub fn stopping(mut self, stopping: Stopping) -> Self {
        self.stopping = stopping;
        self
    }

    /// Fits the model; `w` must have one row per area of `data`.
    pub fn fit(&self, data: &AreaData, w: &ProximityMatrix) -> Result<SfhFit, SaeError> {
        let m = data.areas();
        if w.matrix().rows() != m {
            return Err(SaeError::DimensionMismatch {
                what: "rows of the proximity matrix",
                expected: m,
                found: w.matrix().rows(),
            });
        }
        let (exact, tol, max_iter) = match self.stopping {
            Stopping::SaeCompat => (false, 1e-4, 100),
            Stopping::Exact => (true, 1e-12, 1000),
            Stopping::Relative {
                tolerance,
                max_iter,
            } => (false, tolerance, max_iter),
        };
        let med = median(&data.psi);
        let mut theta = [med, 0.5];
        let mut iterations = max_iter;
        let mut converged = false;
        for k in 1..=max_iter {
            let s = state(data, w.matrix(), theta[0], theta[1], self.method, k)?;
            let (score, info) = score_info(data, &s, self.method);
            let step = solve2(info, score).ok_or_else(|| SaeError::Diverged {
                method: self.method.as_str(),
                iteration: k,
                detail: "singular Fisher information".into(),
            })?;
            let next = [
                theta[0] + step[0],
                (theta[1] + step[1]).clamp(-0.999, 0.999),
            ];
            let diff = if exact {
                // Floors keep the rule meaningful when sigma2_u or rho tend to 0.
                let s_scale = theta[0].abs().max(1e-10 * med);
                let r_scale = theta[1].abs().max(1e-6);
                ((next[0] - theta[0]).abs() / s_scale).max((next[1] - theta[1]).abs() / r_scale)
            } else {
                // sae: max(abs(new - old) / old), with the sign of old kept, so a
                // negative rho never holds the iteration back.
                ((next[0] - theta[0]).abs() / theta[0]).max((next[1] - theta[1]).abs() / theta[1])
            };
            theta = next;
            if diff.is_nan() || diff <= tol {
                iterations = k;
                converged = true;
                break;
            }
        }
        let zero_variance = theta[0] <= 0.0;
        let sigma2_u = theta[0].max(0.0);
        let rho = theta[1];
        let s = state(data, w.matrix(), sigma2_u, rho, self.method, iterations)?;
        let p = data.covariates();
        let log_det_v = Cholesky::new(&s.v)
            .map_err(|_| SaeError::Diverged {
                method: self.method.as_str(),
                iteration: iterations,
                detail: "V is not positive definite at the estimate".into(),
            })?
            .log_det();
        let loglike = -0.5
            * (m as f64 * (2.0 * std::f64::consts::PI).ln() + log_det_v + dot(&s.resid, &s.py));
        let synthetic: Vec<f64> = (0..m).map(|d| dot(data.x.row(d), &s.beta)).collect();
        // G V^-1 r = sigma2_u C (V^-1 r)
        let g_py = s.c.mul_vec(&s.py);
        let eblup = (0..m).map(|d| synthetic[d] + sigma2_u * g_py[d]).collect();
        let beta_se = (0..p).map(|j| s.q[(j, j)].sqrt()).collect();
        Ok(SfhFit {
            method: self.method,
            data: data.clone(),
            w: w.clone(),
            sigma2_u,
            rho,
            zero_variance,
            beta: s.beta,
            beta_cov: s.q,
            beta_se,
            iterations,
            converged,
            goodness: Goodness::new(loglike, p + 2, m),
            synthetic,
            eblup,
        })
    }
}

impl SfhFit {
    /// Variance of the SAR innovations `sigma2_u >= 0`.
    pub fn sigma2_u(&self) -> f64 {
        self.sigma2_u
    }

    /// Spatial autocorrelation in `[-0.999, 0.999]`.
    pub fn rho(&self) -> f64 {
        self.rho
    }

    /// True if the estimate of sigma2_u was truncated at 0.
    pub fn zero_variance(&self) -> bool {
        self.zero_variance
    }

    /// GLS coefficients.
    pub fn beta(&self) -> &[f64] {
        &self.beta
    }

    /// `Q = (X'V^-1X)^-1`.
    pub fn beta_cov(&self) -> &Matrix {
        &self.beta_cov
    }

    /// Standard errors `sqrt(diag Q)`.
    pub fn beta_se(&self) -> &[f64] {
        &self.beta_se
    }

    /// Fisher-scoring iterations used.
    pub fn iterations(&self) -> usize {
        self.iterations
    }

    /// False if the iteration cap was hit first.
    pub fn converged(&self) -> bool {
        self.converged
    }

    /// Log-likelihood, AIC, BIC (KIC) with `p + 2` parameters.
    pub fn goodness(&self) -> Goodness {
        self.goodness
    }

    /// Synthetic estimates `x_d' beta`.
    pub fn synthetic(&self) -> &[f64] {
        &self.synthetic
    }

    /// Spatial EBLUP `X beta + G V^-1 (y - X beta)`.
    pub fn eblup(&self) -> &[f64] {
        &self.eblup
    }

    /// The estimation method.
    pub fn method(&self) -> SpatialMethod {
        self.method
    }

    /// Synthetic predictions `x' beta` for areas outside the fitted set.
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

    /// Analytic MSE (see the module docs), as `sae::mseSFH`.
    pub fn mse(&self) -> Result<SfhMse, SaeError> {
        let data = &self.data;
        let m = data.areas();
        let sigma2 = self.sigma2_u;
        let s = state(
            data,
            self.w.matrix(),
            sigma2,
            self.rho,
            self.method,
            self.iterations,
        )?;
        // sae::mseSFH uses the REML information for both methods.
        let (_, info) = score_info(data, &s, SpatialMethod::Reml);
        let info_inv = inverse2(info).ok_or_else(|| SaeError::Diverged {
            method: self.method.as_str(),
            iteration: self.iterations,
            detail: "singular Fisher information at the estimate".into(),
        })?;
        let mut g = s.c.clone();
        g.as_mut_slice().iter_mut().for_each(|v| *v *= sigma2);
        let g_vi = g.matmul(&s.vi);
        let g_vi_g = g_vi.matmul(&g);
        let g_vi_x = g_vi.matmul(&data.x);
        let derivs = [&s.c, &s.d_rho];
        // L_j = D_j V^-1 - G V^-1 D_j V^-1
        let ls: Vec<Matrix> = derivs
            .iter()
            .map(|d| {
                let d_vi = d.matmul(&s.vi);
                let mut l = g_vi.matmul(&d_vi);
                for (lv, dv) in l.as_mut_slice().iter_mut().zip(d_vi.as_slice()) {
                    *lv = dv - *lv;
                }
                l
            })
            .collect();
        let lvs: Vec<Matrix> = ls.iter().map(|l| l.matmul(&s.v)).collect();
        // Singh et al. (2005) correction: second derivatives of V,
        // D12 = -C R C, D22 = 2 sigma2 C R C R C - 2 sigma2 C W'W C, R = 2 rho W'W - W - W'.
        let w = self.w.matrix();
        let wtw = w.transpose().matmul(w);
        let crc = s.c.matmul(&s.der).matmul(&s.c);
        let mut d22 = crc.matmul(&s.der).matmul(&s.c);
        let cwwc = s.c.matmul(&wtw).matmul(&s.c);
        for (v, c) in d22.as_mut_slice().iter_mut().zip(cwwc.as_slice()) {
            *v = 2.0 * sigma2 * (*v - c);
        }
        let vi_crc_vi = s.vi.matmul(&crc).matmul(&s.vi);
        let vi_d22_vi = s.vi.matmul(&d22).matmul(&s.vi);
        // ML only: bias b = 1/2 I^-1 h of (sigma2_u, rho) and the gradient of g1.
        let ml = match self.method {
            SpatialMethod::Reml => None,
            SpatialMethod::Ml => {
                let vi_x = s.vi.matmul(&data.x);
                let h: Vec<f64> = derivs
                    .iter()
                    .map(|d| -trace_ab(&s.q, &vi_x.transpose().matmul(d).matmul(&vi_x)))
                    .collect();
                let b = [
                    0.5 * (info_inv[0] * h[0] + info_inv[1] * h[1]),
                    0.5 * (info_inv[2] * h[0] + info_inv[3] * h[1]),
                ];
                let dg1: Vec<Vec<f64>> = derivs
                    .iter()
                    .map(|d| {
                        let g_vi_d = g_vi.matmul(d);
                        let g_vi_d_vi_g = g_vi_d.matmul(&g_vi.transpose());
                        (0..m)
                            .map(|i| d[(i, i)] - 2.0 * g_vi_d[(i, i)] + g_vi_d_vi_g[(i, i)])
                            .collect()
                    })
                    .collect();
                Some((b, dg1))
            }
        };
        let mut out = SfhMse {
            g1: Vec::with_capacity(m),
            g2: Vec::with_capacity(m),
            g3: Vec::with_capacity(m),
            g4: Vec::with_capacity(m),
            ml_bias: Vec::with_capacity(m),
            mse: Vec::with_capacity(m),
        };
        for i in 0..m {
            let g1 = g[(i, i)] - g_vi_g[(i, i)];
            let a: Vec<f64> = (0..data.covariates())
                .map(|j| data.x[(i, j)] - g_vi_x[(i, j)])
                .collect();
            let g2 = s.q.quad_form(&a);
            let mut g3 = 0.0;
            for j in 0..2 {
                for k in 0..2 {
                    g3 += dot(lvs[j].row(i), ls[k].row(i)) * info_inv[k * 2 + j];
                }
            }
            let psi2 = data.psi[i] * data.psi[i];
            let g4 = 0.5
                * psi2
                * (-vi_crc_vi[(i, i)] * (info_inv[1] + info_inv[2])
                    + vi_d22_vi[(i, i)] * info_inv[3]);
            let ml_bias = ml
                .as_ref()
                .map_or(0.0, |(b, d)| b[0] * d[0][i] + b[1] * d[1][i]);
            out.g1.push(g1);
            out.g2.push(g2);
            out.g3.push(g3);
            out.g4.push(g4);
            out.ml_bias.push(ml_bias);
            out.mse.push(g1 + g2 + 2.0 * g3 - g4 - ml_bias);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: usize) -> Matrix {
        let mut w = Matrix::zeros(n, n);
        for i in 0..n - 1 {
            w[(i, i + 1)] = 1.0;
            w[(i + 1, i)] = 1.0;
        }
        w
    }

    #[test]
    fn proximity_is_validated_and_restricted() {
        let mut bad = chain(3);
        bad[(1, 1)] = 1.0;
        assert!(ProximityMatrix::new(bad).is_err());
        let mut neg = chain(3);
        neg[(0, 1)] = -1.0;
        assert!(matches!(
            ProximityMatrix::new(neg),
            Err(SaeError::Negative { .. })
        ));
        let w = ProximityMatrix::row_standardised(chain(4)).unwrap();
        assert_eq!(w.matrix().row(1), &[0.5, 0.0, 0.5, 0.0]);
        // Dropping area 2 leaves area 3 without neighbours (row of zeros) and
        // area 1 with the single neighbour 0.
        let r = w.restrict(&[0, 1, 3]).unwrap();
        assert_eq!(r.matrix().row(1), &[1.0, 0.0, 0.0]);
        assert_eq!(r.matrix().row(2), &[0.0, 0.0, 0.0]);
        assert!(w.restrict(&[0, 9]).is_err());
    }

    /// With W = 0, rho does not enter the model: the information matrix is
    /// singular and the fit reports it instead of returning an arbitrary rho.
    #[test]
    fn zero_proximity_reports_unidentified_rho() {
        let y = vec![1.0, 2.5, 0.3, 4.0, 2.2, 3.1, 1.7, 2.9];
        let psi = vec![0.4, 0.6, 0.3, 0.5, 0.7, 0.2, 0.45, 0.35];
        let x = Matrix::from_row_major(8, 1, vec![1.0; 8]).unwrap();
        let data = AreaData::new(y, psi, x).unwrap();
        let w = ProximityMatrix::new(Matrix::zeros(8, 8)).unwrap();
        let sfh = SpatialFayHerriot::new(SpatialMethod::Reml).fit(&data, &w);
        match sfh {
            Err(SaeError::Diverged { detail, .. }) => assert!(detail.contains("singular")),
            other => panic!("expected a singular-information error, got {other:?}"),
        }
    }
}
