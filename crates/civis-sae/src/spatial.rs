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
//! # Areas without a direct estimate
//! [`SpatialFayHerriot::fit_with_unsampled`] lets the SAR process run over all `N` areas while
//! only the sampled areas `s` have a direct estimate: `C` is `N x N`, `V = sigma2_u C[s, s] +
//! diag(psi)`, and the derivatives above are the `[s, s]` blocks of those of `G = sigma2_u C`
//! (Petrucci & Salvati 2006). An unsampled area `j` gets the synthetic estimate plus the BLUP of
//! its SAR effect from the sampled areas, `x_j' beta + G[j, s] V^-1 (y - X beta)`. Its MSE is the
//! same second-order approximation written for any target area: with `h = G[s, j]`,
//! `r = V^-1 h` and the `N`-vector `z = e_j - r` (1 at `j`, `-r` on `s`),
//! - `g1 = G_jj - h'r`, `g2 = a'Q a` with `a = x_j - X'r`,
//! - `g3 = sum_ab I^-1_ab l_a'V l_b`, `l_a = V^-1 F_a[s, ] z`, `F_1 = C`, `F_2 = sigma2_u dC/drho`,
//! - `g4 = 1/2 sum_ab I^-1_ab z' D_ab z` (the full second derivatives `D12`, `D22` above),
//! - ML: `d g1 / d theta_a = z' F_a z`.
//!
//! For a sampled area (`z = psi_i V^-1 e_i` on `s`) these are exactly the formulas of
//! `sae::mseSFH` listed above: `-1/2 tr(I^-1 d2 g1)` splits into `g3` and `-g4`, and the
//! estimator `g1 + g2 + 2 g3 - g4` is `g1 + g2 + g3` plus the second-order bias of `g1(theta^)`
//! (Datta & Lahiri 2000; Singh, Shukla & Kundu 2005). The reference values come from an
//! independent base-R implementation (`tests/reference/sfh_out_of_sample.R`), which also checks
//! the identity with sae's in-sample layout.
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
    /// W over all areas.
    w: ProximityMatrix,
    /// The area (row of W) of each direct estimate.
    sampled: Vec<usize>,
    /// The areas without a direct estimate, in increasing order, and their covariates.
    unsampled: Vec<usize>,
    x_unsampled: Matrix,
    synthetic_unsampled: Vec<f64>,
    /// `x_j' beta + G[j, s] V^-1 (y - X beta)` for the unsampled areas.
    eblup_unsampled: Vec<f64>,
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
    /// `C` over all areas (`N x N`).
    c_full: Matrix,
    /// `dC / drho = -C R C` over all areas.
    dc_full: Matrix,
    /// `R = 2 rho W'W - W - W'` over all areas.
    der: Matrix,
    /// `C[s, s]`, the derivative of `V` in `sigma2_u`.
    c: Matrix,
    /// `sigma2_u dC/drho [s, s]`, the derivative of `V` in `rho`.
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

/// The sub-matrix `m[rows, cols]`.
fn block(m: &Matrix, rows: &[usize], cols: &[usize]) -> Matrix {
    let data = rows
        .iter()
        .flat_map(|&i| cols.iter().map(move |&j| m[(i, j)]))
        .collect();
    Matrix::from_row_major(rows.len(), cols.len(), data).expect("rows x cols elements")
}

/// The SAR structure at `(sigma2, rho)` over all `N` areas of `w`, and the likelihood parts of
/// the sampled areas `sampled` (the rows of `data`).
fn state(
    data: &AreaData,
    w: &Matrix,
    sampled: &[usize],
    sigma2: f64,
    rho: f64,
    method: SpatialMethod,
    iteration: usize,
) -> Result<State, SaeError> {
    let m = w.rows();
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
    let c_full = Cholesky::new(&iwt_iw)
        .map_err(|_| diverged(format!("I - rho W is singular at rho = {rho}")))?
        .inverse();
    let wt = w.transpose();
    let mut der = wt.matmul(w);
    for i in 0..m {
        for j in 0..m {
            der[(i, j)] = 2.0 * rho * der[(i, j)] - w[(i, j)] - wt[(i, j)];
        }
    }
    let mut dc_full = c_full.matmul(&der).matmul(&c_full);
    dc_full.as_mut_slice().iter_mut().for_each(|v| *v = -*v);
    symmetrise(&mut dc_full);
    let c = block(&c_full, sampled, sampled);
    let mut d_rho = block(&dc_full, sampled, sampled);
    d_rho.as_mut_slice().iter_mut().for_each(|v| *v *= sigma2);
    let m = sampled.len();
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
        c_full,
        dc_full,
        der,
        c,
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
        let x_none = Matrix::zeros(0, data.covariates());
        self.fit_areas(data, w, (0..m).collect(), &x_none)
    }

    /// Fits the model when some areas have no direct estimate: the SAR process runs over all
    /// `N` areas of `w` (`N x N`, as given), the direct estimates (the rows of `data`) belong to
    /// the areas `sampled` (row indices of `w`), and `x_unsampled` holds the covariates of the
    /// other areas in increasing order of their index. The likelihood is that of the sampled
    /// areas' marginal model, `V = sigma2_u C[s, s] + diag(psi)` with `C` over all areas
    /// (Petrucci & Salvati 2006); with every area sampled this is [`SpatialFayHerriot::fit`].
    pub fn fit_with_unsampled(
        &self,
        data: &AreaData,
        w: &ProximityMatrix,
        sampled: &[usize],
        x_unsampled: &Matrix,
    ) -> Result<SfhFit, SaeError> {
        let n = w.matrix().rows();
        if sampled.len() != data.areas() {
            return Err(SaeError::DimensionMismatch {
                what: "sampled areas",
                expected: data.areas(),
                found: sampled.len(),
            });
        }
        let mut seen = vec![false; n];
        for &i in sampled {
            if i >= n || std::mem::replace(&mut seen[i], true) {
                return Err(SaeError::InvalidInput(format!(
                    "sampled area index {i}: out of range for {n} areas or given twice"
                )));
            }
        }
        if x_unsampled.rows() != n - sampled.len() {
            return Err(SaeError::DimensionMismatch {
                what: "rows of the unsampled areas' X",
                expected: n - sampled.len(),
                found: x_unsampled.rows(),
            });
        }
        if x_unsampled.cols() != data.covariates() {
            return Err(SaeError::DimensionMismatch {
                what: "columns of the unsampled areas' X",
                expected: data.covariates(),
                found: x_unsampled.cols(),
            });
        }
        crate::data::check_finite("unsampled areas' X", x_unsampled.as_slice())?;
        self.fit_areas(data, w, sampled.to_vec(), x_unsampled)
    }

    fn fit_areas(
        &self,
        data: &AreaData,
        w: &ProximityMatrix,
        sampled: Vec<usize>,
        x_unsampled: &Matrix,
    ) -> Result<SfhFit, SaeError> {
        let m = data.areas();
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
            let s = state(
                data,
                w.matrix(),
                &sampled,
                theta[0],
                theta[1],
                self.method,
                k,
            )?;
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
        let s = state(
            data,
            w.matrix(),
            &sampled,
            sigma2_u,
            rho,
            self.method,
            iterations,
        )?;
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
        let mut is_sampled = vec![false; w.matrix().rows()];
        sampled.iter().for_each(|&i| is_sampled[i] = true);
        let unsampled: Vec<usize> = (0..is_sampled.len()).filter(|&i| !is_sampled[i]).collect();
        let synthetic_unsampled = x_unsampled.mul_vec(&s.beta);
        // x_j' beta + G[j, s] V^-1 r: the BLUP of v_j from the sampled areas
        let eblup_unsampled = unsampled
            .iter()
            .zip(&synthetic_unsampled)
            .map(|(&j, xb)| {
                let g: f64 = sampled
                    .iter()
                    .zip(&s.py)
                    .map(|(&k, py)| s.c_full[(j, k)] * py)
                    .sum();
                xb + sigma2_u * g
            })
            .collect();
        Ok(SfhFit {
            method: self.method,
            data: data.clone(),
            w: w.clone(),
            sampled,
            unsampled,
            x_unsampled: x_unsampled.clone(),
            synthetic_unsampled,
            eblup_unsampled,
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

    /// The areas without a direct estimate (rows of W), in increasing order.
    pub fn unsampled(&self) -> &[usize] {
        &self.unsampled
    }

    /// Synthetic estimates `x_j' beta` of the areas without a direct estimate.
    pub fn synthetic_unsampled(&self) -> &[f64] {
        &self.synthetic_unsampled
    }

    /// Spatial EBLUP of the areas without a direct estimate: `x_j' beta + G[j, s] V^-1 (y - X beta)`,
    /// the synthetic estimate plus the BLUP of the area's SAR effect from the sampled areas.
    pub fn eblup_unsampled(&self) -> &[f64] {
        &self.eblup_unsampled
    }

    /// Analytic MSE of the sampled areas' EBLUP (see the module docs), as `sae::mseSFH`.
    pub fn mse(&self) -> Result<SfhMse, SaeError> {
        self.mse_at(&self.sampled, &self.data.x)
    }

    /// Analytic MSE of the unsampled areas' spatial EBLUP ([`SfhFit::eblup_unsampled`]), by the
    /// same second-order approximation as [`SfhFit::mse`] (see the module docs).
    pub fn mse_unsampled(&self) -> Result<SfhMse, SaeError> {
        self.mse_at(&self.unsampled, &self.x_unsampled)
    }

    /// MSE of the EBLUP of the areas `targets` (rows of W) with covariates `x` (one row each).
    fn mse_at(&self, targets: &[usize], x: &Matrix) -> Result<SfhMse, SaeError> {
        let data = &self.data;
        let sigma2 = self.sigma2_u;
        let s = state(
            data,
            self.w.matrix(),
            &self.sampled,
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
        // First derivatives of G over all areas: C and sigma2 dC/drho; second: D12 = dC/drho,
        // D22 = sigma2 d2C/drho2 = 2 sigma2 (C R C R C - C W'W C).
        let f_rho = {
            let mut f = s.dc_full.clone();
            f.as_mut_slice().iter_mut().for_each(|v| *v *= sigma2);
            f
        };
        let w = self.w.matrix();
        let crc = {
            let mut m = s.dc_full.clone();
            m.as_mut_slice().iter_mut().for_each(|v| *v = -*v);
            m
        };
        let mut d22 = crc.matmul(&s.der).matmul(&s.c_full);
        let cwwc = s.c_full.matmul(&w.transpose().matmul(w)).matmul(&s.c_full);
        for (v, c) in d22.as_mut_slice().iter_mut().zip(cwwc.as_slice()) {
            *v = 2.0 * sigma2 * (*v - c);
        }
        symmetrise(&mut d22);
        // ML only: the bias b = 1/2 I^-1 h of (sigma2_u, rho).
        let ml_b = match self.method {
            SpatialMethod::Reml => None,
            SpatialMethod::Ml => {
                let vi_x = s.vi.matmul(&data.x);
                let h: Vec<f64> = [&s.c, &s.d_rho]
                    .iter()
                    .map(|d| -trace_ab(&s.q, &vi_x.transpose().matmul(d).matmul(&vi_x)))
                    .collect();
                Some([
                    0.5 * (info_inv[0] * h[0] + info_inv[1] * h[1]),
                    0.5 * (info_inv[2] * h[0] + info_inv[3] * h[1]),
                ])
            }
        };
        let firsts = [&s.c_full, &f_rho];
        let mut out = SfhMse {
            g1: Vec::with_capacity(targets.len()),
            g2: Vec::with_capacity(targets.len()),
            g3: Vec::with_capacity(targets.len()),
            g4: Vec::with_capacity(targets.len()),
            ml_bias: Vec::with_capacity(targets.len()),
            mse: Vec::with_capacity(targets.len()),
        };
        for (t, &j) in targets.iter().enumerate() {
            // h = G[s, j], r = V^-1 h, z = e_j - r on s
            let h: Vec<f64> = self
                .sampled
                .iter()
                .map(|&k| sigma2 * s.c_full[(k, j)])
                .collect();
            let r = s.vi.mul_vec(&h);
            let mut z = vec![0.0; w.rows()];
            z[j] += 1.0;
            for (&k, rk) in self.sampled.iter().zip(&r) {
                z[k] -= rk;
            }
            let g1 = sigma2 * s.c_full[(j, j)] - dot(&h, &r);
            let xr = data.x.tr_mul_vec(&r);
            let a: Vec<f64> = x.row(t).iter().zip(&xr).map(|(xj, xr)| xj - xr).collect();
            let g2 = s.q.quad_form(&a);
            // l_a = V^-1 F_a[s, ] z: the derivatives of the predictor's weights
            let ls: Vec<Vec<f64>> = firsts
                .iter()
                .map(|f| {
                    let fz: Vec<f64> = self.sampled.iter().map(|&k| dot(f.row(k), &z)).collect();
                    s.vi.mul_vec(&fz)
                })
                .collect();
            let vls: Vec<Vec<f64>> = ls.iter().map(|l| s.v.mul_vec(l)).collect();
            let mut g3 = 0.0;
            for a in 0..2 {
                for b in 0..2 {
                    g3 += dot(&vls[a], &ls[b]) * info_inv[a * 2 + b];
                }
            }
            let g4 = 0.5
                * (s.dc_full.quad_form(&z) * (info_inv[1] + info_inv[2])
                    + d22.quad_form(&z) * info_inv[3]);
            let ml_bias = ml_b.map_or(0.0, |b| {
                b[0] * s.c_full.quad_form(&z) + b[1] * f_rho.quad_form(&z)
            });
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

/// Parametric bootstrap MSE of the spatial EBLUP (Molina, Salvati & Pratesi 2009), as
/// `sae::pbmseSFH`, for the sampled and the unsampled areas.
#[derive(Debug, Clone, PartialEq)]
pub struct SfhBootstrapMse {
    /// Per sampled area (the rows of the data).
    pub mse: Vec<f64>,
    /// Per unsampled area, in the order of [`SfhFit::unsampled`].
    pub mse_unsampled: Vec<f64>,
    /// Monte Carlo standard errors of `mse` (standard deviation of the squared errors over the
    /// replicates divided by the square root of their number).
    pub mcse: Vec<f64>,
    /// Monte Carlo standard errors of `mse_unsampled`.
    pub mcse_unsampled: Vec<f64>,
    /// Replicates whose refit succeeded (and entered the average).
    pub replicates: usize,
    /// Replicates whose refit failed and were skipped.
    pub failed: usize,
}

impl SfhFit {
    /// Parametric bootstrap MSE with `replicates` replicates: for `b = 1..B` draw
    /// `u* ~ N(0, sigma2_u I_N)`, `theta* = X beta + (I - rho W)^-1 u*` over all areas and
    /// `y*_s = theta*_s + e*`, `e*_d ~ N(0, psi_d)`; refit with the same method and sae's
    /// stopping rule (as `pbmseSFH`: relative change 1e-4, at most 100 iterations) and average
    /// `(eblup*_j - theta*_j)^2` over the replicates whose refit succeeds. Replicate `b` draws
    /// from its own stream seeded by `(seed, b)` (`N` normals for `u*`, then one per sampled
    /// area), so the result depends on the seed only, not on the number of threads.
    pub fn bootstrap_mse(&self, replicates: usize, seed: u64) -> Result<SfhBootstrapMse, SaeError> {
        use crate::bootstrap::SplitMix64;
        use rayon::prelude::*;
        let data = &self.data;
        let w = self.w.matrix();
        let n = w.rows();
        let s = state(
            data,
            w,
            &self.sampled,
            self.sigma2_u,
            self.rho,
            self.method,
            self.iterations,
        )?;
        // (I - rho W)^-1 = [(I - rho W)'(I - rho W)]^-1 (I - rho W)' = C (I - rho W)'
        let mut iwt = Matrix::identity(n);
        for i in 0..n {
            for j in 0..n {
                iwt[(i, j)] -= self.rho * w[(j, i)];
            }
        }
        let sar = s.c_full.matmul(&iwt);
        let mut xb = vec![0.0; n];
        for (&k, v) in self.sampled.iter().zip(&self.synthetic) {
            xb[k] = *v;
        }
        for (&k, v) in self.unsampled.iter().zip(&self.synthetic_unsampled) {
            xb[k] = *v;
        }
        let refit = SpatialFayHerriot::new(self.method).sae_compat();
        let sd_u = self.sigma2_u.sqrt();
        let runs: Vec<Option<Vec<f64>>> = (0..replicates as u64)
            .into_par_iter()
            .map(|b| {
                let mut rng = SplitMix64::new(seed, b);
                let u: Vec<f64> = (0..n).map(|_| sd_u * rng.normal()).collect();
                let theta: Vec<f64> = sar
                    .mul_vec(&u)
                    .iter()
                    .zip(&xb)
                    .map(|(v, x)| x + v)
                    .collect();
                let y = self
                    .sampled
                    .iter()
                    .zip(&data.psi)
                    .map(|(&k, psi)| theta[k] + psi.sqrt() * rng.normal())
                    .collect();
                let boot = AreaData { y, ..data.clone() };
                let fit = refit
                    .fit_areas(&boot, &self.w, self.sampled.clone(), &self.x_unsampled)
                    .ok()?;
                let sq = |est: &[f64], areas: &[usize]| {
                    est.iter()
                        .zip(areas)
                        .map(|(e, &k)| (e - theta[k]).powi(2))
                        .collect::<Vec<f64>>()
                };
                let mut out = sq(&fit.eblup, &self.sampled);
                out.extend(sq(&fit.eblup_unsampled, &self.unsampled));
                Some(out)
            })
            .collect();
        let mut sum = vec![0.0; n];
        let mut used = 0;
        for run in runs.iter().flatten() {
            used += 1;
            for (s, v) in sum.iter_mut().zip(run) {
                *s += v;
            }
        }
        let count = used.max(1) as f64;
        let mean: Vec<f64> = sum.iter().map(|s| s / count).collect();
        let mut ss = vec![0.0; n];
        for run in runs.iter().flatten() {
            for ((s, v), m) in ss.iter_mut().zip(run).zip(&mean) {
                *s += (v - m) * (v - m);
            }
        }
        let mcse: Vec<f64> = ss
            .iter()
            .map(|s| (s / (count - 1.0).max(1.0)).sqrt() / count.sqrt())
            .collect();
        let m = self.sampled.len();
        Ok(SfhBootstrapMse {
            mse: mean[..m].to_vec(),
            mse_unsampled: mean[m..].to_vec(),
            mcse: mcse[..m].to_vec(),
            mcse_unsampled: mcse[m..].to_vec(),
            replicates: used,
            failed: replicates - used,
        })
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
