//! Analytic MSE of the Fay-Herriot EBLUP.
//!
//! With `B_d = psi_d / (A + psi_d)` and `Q = (X'V^-1X)^-1` (Prasad & Rao 1990):
//! * `g1_d = psi_d (1 - B_d)` (BLUP with known A and beta),
//! * `g2_d = B_d^2 x_d' Q x_d` (estimation of beta),
//! * `g3_d = B_d^2 vbar(A) / (A + psi_d)` (estimation of A), with the asymptotic
//!   variance `vbar = 2 / sum V_d^-2` for REML and ML and `2m / (sum V_d^-1)^2` for FH.
//!
//! MSE (as R `sae::mseFH`):
//! * REML: `g1 + g2 + 2 g3` (Datta & Lahiri 2000),
//! * ML: `g1 + g2 + 2 g3 - b_ML B_d^2`, `b_ML = -tr(Q X'V^-2X) / sum V_d^-2`
//!   (bias of the ML estimator of A; Datta & Lahiri 2000),
//! * FH: `g1 + g2 + 2 g3 - b_FH B_d^2`,
//!   `b_FH = 2 (m sum V^-2 - (sum V^-1)^2) / (sum V^-1)^3` (Datta, Rao & Smith 2005).

use crate::fit::{trace_prod, weighted_cross, FhFit, Method};

/// Per-area MSE and its components.
#[derive(Debug, Clone, PartialEq)]
pub struct FhMse {
    /// Leading term `g1_d`.
    pub g1: Vec<f64>,
    /// Beta-estimation term `g2_d`.
    pub g2: Vec<f64>,
    /// A-estimation term `g3_d`.
    pub g3: Vec<f64>,
    /// Bias of the estimator of A used in the correction (0 for REML).
    pub bias_a: f64,
    /// The MSE estimate.
    pub mse: Vec<f64>,
}

impl FhMse {
    /// Coefficient of variation `sqrt(mse_d) / |eblup_d|` (NaN-free only for non-zero estimates).
    pub fn cv(&self, eblup: &[f64]) -> Vec<f64> {
        self.mse
            .iter()
            .zip(eblup)
            .map(|(m, e)| m.sqrt() / e.abs())
            .collect()
    }
}

impl FhFit {
    /// Analytic MSE of the EBLUP for the fitted method (see the module docs).
    pub fn mse(&self) -> FhMse {
        let data = &self.data;
        let a = self.a;
        let m = data.areas();
        let vi: Vec<f64> = data.psi.iter().map(|psi| 1.0 / (a + psi)).collect();
        let sum_vi: f64 = vi.iter().sum();
        let sum_vi2: f64 = vi.iter().map(|v| v * v).sum();
        let (var_a, bias_a) = match self.method {
            Method::Reml => (2.0 / sum_vi2, 0.0),
            Method::Ml => {
                let vi2: Vec<f64> = vi.iter().map(|v| v * v).collect();
                let x2 = weighted_cross(&data.x, &vi2);
                (2.0 / sum_vi2, -trace_prod(&self.beta_cov, &x2) / sum_vi2)
            }
            Method::Fh => {
                let mf = m as f64;
                (
                    2.0 * mf / (sum_vi * sum_vi),
                    2.0 * (mf * sum_vi2 - sum_vi * sum_vi) / sum_vi.powi(3),
                )
            }
        };
        let mut out = FhMse {
            g1: Vec::with_capacity(m),
            g2: Vec::with_capacity(m),
            g3: Vec::with_capacity(m),
            bias_a,
            mse: Vec::with_capacity(m),
        };
        for d in 0..m {
            let psi = data.psi[d];
            let b = psi * vi[d];
            // psi (1 - B) written as A psi / (A + psi): no cancellation for large psi.
            let g1 = a * psi * vi[d];
            let g2 = b * b * self.beta_cov.quad_form(data.x.row(d));
            let g3 = b * b * var_a * vi[d];
            out.g1.push(g1);
            out.g2.push(g2);
            out.g3.push(g3);
            out.mse.push(g1 + g2 + 2.0 * g3 - bias_a * b * b);
        }
        out
    }
}
