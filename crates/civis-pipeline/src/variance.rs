//! How variances are estimated: linearisation or one of the replicate schemes.

use civis_frame::Frame;
use civis_survey::{ColumnKind, Design, ReplicateScheme, Replicates};

use crate::error::{invalid, Result};

/// The variance method of a workflow (R survey's `svydesign` versus `as.svrepdesign(type = ..)`
/// and `svrepdesign(repweights = ..)`).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum VarianceMethod {
    /// Taylor linearisation (R survey's default).
    #[default]
    Linearised,
    /// Delete-one-PSU jackknife (`JKn`).
    Jackknife,
    /// Rao-Wu rescaling bootstrap with `replicates` replicates from `seed`.
    Bootstrap { replicates: usize, seed: u64 },
    /// Balanced repeated replication; `rho > 0` is Fay's method.
    Brr { rho: f64 },
    /// Replicate weights shipped in the file: the columns starting with `prefix`.
    Columns { prefix: String, kind: ColumnKind },
}

impl std::str::FromStr for VarianceMethod {
    type Err = String;

    /// `linearised | jackknife | bootstrap:R:SEED | brr | fay:RHO | columns:PREFIX:METHOD`; the
    /// error names the text (the caller adds the option).
    fn from_str(s: &str) -> Result<Self, String> {
        let parts: Vec<&str> = s.split(':').collect();
        Ok(match parts.as_slice() {
            ["linearised" | "linearized" | "taylor"] => VarianceMethod::Linearised,
            ["jackknife" | "jkn"] => VarianceMethod::Jackknife,
            ["brr"] => VarianceMethod::Brr { rho: 0.0 },
            ["fay", rho] => {
                let rho: f64 = rho
                    .parse()
                    .map_err(|_| format!("{s}: Fay's rho must be a number"))?;
                if !(0.0..1.0).contains(&rho) {
                    return Err(format!("{s}: Fay's rho must be in [0, 1)"));
                }
                VarianceMethod::Brr { rho }
            }
            ["bootstrap", rest @ ..] => {
                let replicates = match rest.first() {
                    Some(r) => replicate_count(r).map_err(|e| format!("{s}: {e}"))?,
                    None => 500,
                };
                let seed = match rest.get(1) {
                    Some(r) => r
                        .parse()
                        .map_err(|_| format!("{s}: seed must be a whole number"))?,
                    None => 1,
                };
                VarianceMethod::Bootstrap { replicates, seed }
            }
            ["columns", prefix, method @ ..] if !prefix.is_empty() && !method.is_empty() => {
                VarianceMethod::Columns {
                    prefix: prefix.to_string(),
                    kind: method.join(":").parse().map_err(|e: String| format!("{s}: {e}"))?,
                }
            }
            _ => return Err(format!(
                "`{s}`: expected linearised, jackknife, bootstrap:R:SEED, brr, fay:RHO or columns:PREFIX:METHOD"
            )),
        })
    }
}

impl VarianceMethod {
    /// The replicate-weight columns of a `Columns` method (in file order); none otherwise.
    pub fn replicate_columns(&self, frame: &Frame) -> Result<Vec<Vec<f64>>> {
        let VarianceMethod::Columns { prefix, .. } = self else {
            return Ok(Vec::new());
        };
        frame
            .names()
            .iter()
            .filter(|h| h.starts_with(prefix.as_str()))
            .map(|h| {
                frame
                    .numeric(h)
                    .map(<[f64]>::to_vec)
                    .map_err(|e| invalid!("replicate weights: {e}"))
            })
            .collect()
    }

    /// The survey crate's variance method on `design` (replicates are drawn here);
    /// `rep_columns` are [`VarianceMethod::replicate_columns`]. `mse` centres replicate
    /// variances on the full-sample estimate.
    pub fn on<'a>(
        &self,
        design: &Design,
        rep_columns: &'a [Vec<f64>],
        mse: bool,
    ) -> Result<civis_survey::VarianceMethod<'a>> {
        let scheme = match self {
            VarianceMethod::Linearised => return Ok(civis_survey::VarianceMethod::Linearised),
            VarianceMethod::Jackknife => ReplicateScheme::JackknifeN,
            VarianceMethod::Bootstrap { replicates, seed } => ReplicateScheme::Bootstrap {
                replicates: *replicates,
                seed: *seed,
            },
            VarianceMethod::Brr { rho } => ReplicateScheme::Brr { rho: *rho },
            VarianceMethod::Columns { kind, .. } => ReplicateScheme::Columns {
                weights: rep_columns.iter().map(Vec::as_slice).collect(),
                kind: *kind,
            },
        };
        Ok(civis_survey::VarianceMethod::Replicate {
            replicates: Replicates::new(design, scheme)?,
            mse,
        })
    }
}

/// The most bootstrap replicates a variance or an MSE bootstrap accepts: far beyond what any
/// standard error needs (500-2,000 are usual), small enough that the replicate estimates fit
/// in memory.
pub const MAX_REPLICATES: usize = 100_000;

/// A number of bootstrap replicates, from 2 to [`MAX_REPLICATES`].
pub fn replicate_count(text: &str) -> Result<usize, String> {
    match text.parse::<u64>() {
        Ok(r) if (2..=MAX_REPLICATES as u64).contains(&r) => Ok(r as usize),
        Ok(r) => Err(format!(
            "the number of replicates must be between 2 and {MAX_REPLICATES}, not {r}"
        )),
        Err(_) => Err(format!(
            "the number of replicates must be a whole number, not `{text}`"
        )),
    }
}
