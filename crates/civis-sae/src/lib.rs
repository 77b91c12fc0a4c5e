//! Small area estimation for area-level indicators (regions, cities, districts).
//!
//! The Fay-Herriot model (Fay & Herriot 1979) combines a direct survey estimate
//! `y_d` with known sampling variance `psi_d` and a regression on auxiliary area
//! totals `x_d`: `y_d = x_d' beta + u_d + e_d`, `u_d ~ N(0, A)`, `e_d ~ N(0, psi_d)`.
//! The EBLUP shrinks the direct estimate towards the regression prediction with
//! weight `gamma_d = A / (A + psi_d)`; areas with noisy direct estimates borrow
//! more strength from the model.
//!
//! * [`fit`]: estimation of A (REML, ML, Fay-Herriot moments), beta, the EBLUP
//!   and goodness of fit, matching R `sae::eblupFH` (Molina & Marhuenda 2015),
//!   either with sae's stopping rule or to the exact optimum.
//! * [`mse`]: analytic MSE of Prasad & Rao (1990) with the bias corrections of
//!   Datta & Lahiri (2000) for ML and Datta, Rao & Smith (2005) for FH, as
//!   `sae::mseFH`.
//! * [`spatial`]: spatial Fay-Herriot with SAR random effects (Petrucci &
//!   Salvati 2006), REML/ML and analytic MSE as `sae::eblupSFH` / `sae::mseSFH`, areas without
//!   a direct estimate (spatial BLUP and its MSE) and the parametric bootstrap MSE of
//!   `sae::pbmseSFH`.
//! * [`benchmark`]: ratio, raking and MSE-weighted benchmarking to a published total.
//! * [`transform`]: arcsine and log transformations with back-transformations.
//! * [`bootstrap`]: seeded parallel parametric bootstrap MSE (also for
//!   back-transformed estimates).
//! * [`unit`]: unit-level models on persons (nested-error regression by REML,
//!   BHF EBLUP, Molina-Rao EBP with transformations and bootstrap MSE).
//! * Out-of-sample synthetic predictions with MSE, shrinkage factors and
//!   standardised residuals are methods of [`FhFit`].
//!
//! The crate does no I/O: callers pass vectors and a [`Matrix`].
//!
//! ```
//! use civis_sae::{AreaData, FayHerriot, Matrix, Method};
//!
//! // Direct estimates, their sampling variances, and X = [intercept, covariate].
//! let y = vec![0.42, 0.61, 0.40, 0.83, 0.50, 0.66];
//! let psi = vec![0.004, 0.010, 0.002, 0.008, 0.005, 0.012];
//! let x = Matrix::from_rows(&[
//!     vec![1.0, 0.3], vec![1.0, 0.5], vec![1.0, 0.2],
//!     vec![1.0, 0.4], vec![1.0, 0.7], vec![1.0, 0.6],
//! ]).unwrap();
//! let data = AreaData::new(y, psi, x)?;
//! let fit = FayHerriot::new(Method::Reml).fit(&data)?; // exact optimum
//! let mse = fit.mse();                                // Prasad-Rao g1 + g2 + 2 g3
//! assert_eq!(fit.eblup().len(), 6);
//! assert!(mse.mse.iter().all(|m| *m > 0.0));
//! // sae-compatible iteration (start median(psi), stop at |dA|/A < 1e-4):
//! let sae_like = FayHerriot::new(Method::Reml).sae_compat().fit(&data)?;
//! assert!((sae_like.a() - fit.a()).abs() <= 1e-3 * fit.a().max(1e-12));
//! # Ok::<(), civis_sae::SaeError>(())
//! ```

// Index loops mirror the matrix formulas in the doc comments.
#![allow(clippy::needless_range_loop)]

pub mod benchmark;
pub mod bootstrap;
pub mod data;
pub mod diagnostics;
pub mod error;
pub mod fit;
pub mod linalg;
pub mod mse;
pub mod spatial;
pub mod transform;
pub mod unit;

pub use benchmark::{benchmark, Benchmark, Shares};
pub use bootstrap::BootstrapMse;
pub use data::AreaData;
pub use diagnostics::{BrownTest, Diagnostics, Normality, ShapiroWilk};
pub use error::SaeError;
pub use fit::{FayHerriot, FhFit, Goodness, Method, Stopping};
pub use linalg::Matrix;
pub use mse::FhMse;
pub use spatial::{
    ProximityMatrix, SfhBootstrapMse, SfhFit, SfhMse, SpatialFayHerriot, SpatialMethod,
};
pub use transform::BackTransform;
