//! # civis-compare: comparing areas
//!
//! What a benchmarking portal needs once every area has an estimate with a standard error:
//!
//! - [`difference`]: is area A different from area B, from a reference (national, EU, another
//!   area) or from the mean of its peers? Wald z tests with covariance for dependent estimates,
//!   and Holm's adjustment when many areas are compared at once.
//! - [`rank`]: league tables with rank intervals, by parametric bootstrap (Goldstein &
//!   Spiegelhalter 1996) or by the conservative pairwise method of Klein, Wright & Wieczorek
//!   (2020) that the U.S. Census Bureau uses.
//! - [`peers`]: statistical nearest neighbours on context variables (standardised, weighted
//!   Euclidean distance as in the CIPFA and ONS models), with each variable's contribution so
//!   that "similar" can be explained.
//! - [`gap`]: the ratio of two published estimates (the difference is in [`difference`]).
//! - [`interval`]: intervals for proportions that stay in [0, 1] (logit, Clopper-Pearson at the
//!   edges) and the test of a gap against its null value (0 for a difference, 1 or 100 % for a
//!   ratio): every verdict the portal prints comes from here or from [`difference`].
//!
//! Inputs are [`Estimate`]s: a value (`NaN` when suppressed) and an optional standard error.
//! Distribution functions come from `civis_survey::dist`. The crate does no I/O.
//!
//! ```
//! use civis_compare::{
//!     bootstrap_ranks, difference, Bootstrap, Estimate, PeerModel, RankOptions, Verdict,
//! };
//!
//! // Employment rate of migrants in three cities (percent, with standard errors).
//! let rates = [Estimate::new(61.0, 1.5), Estimate::new(55.0, 2.0), Estimate::new(58.5, 1.0)];
//!
//! // Is city 0 different from city 1? (independent samples: covariance 0)
//! let d = difference(rates[0], rates[1], 0.0, 0.95)?;
//! assert_eq!(d.verdict, Verdict::SignificantlyHigher);
//!
//! // League table, rank 1 = highest rate, 95 % intervals from 1,000 seeded replicates.
//! let table = bootstrap_ranks(&rates, &RankOptions::default(), Bootstrap::default())?;
//! for row in &table.areas {
//!     assert!(row.lower <= row.rank && row.rank <= row.upper);
//! }
//!
//! // Peers on two context variables (population in 1,000s, foreign-born share), one row per city.
//! let context = [650.0, 18.0, 1_200.0, 25.0, 700.0, 17.5];
//! let model = PeerModel::new(&context, 2, &[1.0, 1.0])?;
//! let peers = model.nearest(0, 1, 2)?;
//! assert_eq!(peers.peers[0].area, 2);
//! # Ok::<(), civis_compare::CompareError>(())
//! ```

pub mod difference;
pub mod error;
pub mod estimate;
pub mod gap;
pub mod interval;
pub mod peers;
pub mod rank;

pub use difference::{
    change, difference, holm, pairwise, versus_peer_mean, versus_reference, Comparison, Difference,
    PeerMeanComparison, Reference, Verdict,
};
pub use error::CompareError;
pub use estimate::Estimate;
pub use gap::{ratio, RatioGap};
pub use interval::{
    interval_verdict, proportion_interval, versus_null, GapKind, ProportionInterval,
    ProportionMethod,
};
pub use peers::{Contribution, Peer, PeerModel, Peers};
pub use rank::{
    bootstrap_ranks, pairwise_ranks, Bootstrap, RankOptions, RankTable, RankedArea, Simultaneity,
};
