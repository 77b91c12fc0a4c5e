//! The second stage of a two-stage design: secondary sampling units (SSUs) drawn within each
//! PSU, as R `svydesign(id = ~psu + ssu, fpc = ~fpc1 + fpc2)` (Särndal, Swensson & Wretman 1992,
//! sec. 4.3; R `survey:::multistage`).
//!
//! The variance of an estimated total adds to the between-PSU (ultimate-cluster) term the
//! within-PSU variance of every sampled PSU `i` of stratum `h`, weighted by the first-stage
//! sampling fraction:
//!
//! ```text
//! V = V_1 + sum_i (n_h / N_h) (1 - m_i / M_i) m_i / (m_i - 1) sum_j (t_ij - mean_i(t))^2
//! ```
//!
//! with `t_ij` the total of the scores of SSU `j` of PSU `i`, `m_i` the SSUs sampled in PSU `i`
//! and `M_i` their population count (`--fpc-ssu`; without it `m_i / M_i = 0`, SSUs drawn with
//! replacement). Without a first-stage fpc (PSUs drawn with replacement) `n_h / N_h = 0` and the
//! second stage adds nothing, as in R. A PSU with a single sampled SSU follows the lonely-PSU
//! policy (R's `onestrat` at stage 2): nothing if the SSU is the whole PSU (`M_i = 1`), else
//! `fail` is an error, `remove`/`certainty` add nothing and `adjust` adds
//! `(n_h / N_h)(1 - m_i / M_i) t_i^2`.

use std::collections::HashMap;

use crate::clusters::{FirstStage, Grouping, LonelyPsu};
use crate::error::SurveyError;
use crate::scratch::SecondStageScratch;

/// The second stage of a design, with dense SSU ids.
#[derive(Debug, Clone)]
pub struct SecondStage {
    ssu_of_row: Vec<u32>,
    psu_of_ssu: Vec<u32>,
    /// Per PSU: the factor of its within-PSU sum of squares (0: adds nothing).
    coef: Vec<f64>,
    /// Per PSU: SSUs sampled.
    ssus_in_psu: Vec<u32>,
    /// Per PSU: centre the SSU totals on their mean (false for a lonely SSU under `adjust`).
    centre: Vec<bool>,
}

impl SecondStage {
    pub fn new(
        first: FirstStage<'_>,
        ssu: Grouping<'_>,
        fpc_ssu: Option<&[f64]>,
    ) -> Result<SecondStage, SurveyError> {
        let n = first.psu_of_row.len();
        if ssu.codes.len() != n {
            return Err(SurveyError::Invalid(format!(
                "SSU has {} values but there are {n} weights",
                ssu.codes.len()
            )));
        }
        let n_psu = first.stratum_of_psu.len();
        let mut ids: HashMap<(u32, u32), u32> = HashMap::with_capacity(n / 2 + 1);
        let mut psu_of_ssu = Vec::new();
        let mut ssu_of_row = Vec::with_capacity(n);
        let mut first_row = vec![usize::MAX; n_psu];
        for (row, (&c, &p)) in ssu.codes.iter().zip(first.psu_of_row).enumerate() {
            if c == u32::MAX {
                return Err(SurveyError::MissingDesignValue {
                    what: "SSU id",
                    row,
                });
            }
            if first_row[p as usize] == usize::MAX {
                first_row[p as usize] = row;
            }
            let next = psu_of_ssu.len() as u32;
            let id = *ids.entry((p, c)).or_insert_with(|| {
                psu_of_ssu.push(p);
                next
            });
            ssu_of_row.push(id);
        }
        let mut ssus_in_psu = vec![0u32; n_psu];
        for &p in &psu_of_ssu {
            ssus_in_psu[p as usize] += 1;
        }
        let factor2 = match fpc_ssu {
            None => vec![1.0; n_psu],
            Some(f) => second_stage_fpc(f, first.psu_of_row, &ssus_in_psu, &first_row)?,
        };
        let mut coef = vec![0.0; n_psu];
        let mut centre = vec![true; n_psu];
        for p in 0..n_psu {
            let f1 = 1.0 - first.fpc_factor[first.stratum_of_psu[p] as usize];
            let f2 = factor2[p];
            let m = ssus_in_psu[p] as f64;
            if f1 <= 0.0 || f2 < 1e-7 {
                continue;
            }
            if ssus_in_psu[p] >= 2 {
                coef[p] = f1 * f2 * m / (m - 1.0);
                continue;
            }
            match first.lonely {
                LonelyPsu::Fail => {
                    return Err(SurveyError::LonelySsu {
                        row: first_row[p],
                    })
                }
                LonelyPsu::Remove | LonelyPsu::Certainty => {}
                LonelyPsu::Adjust => {
                    coef[p] = f1 * f2;
                    centre[p] = false;
                }
                LonelyPsu::Average => {
                    return Err(SurveyError::Invalid(format!(
                        "the PSU of row {} has a single second-stage unit: --lonely-psu average is not defined at the second stage (use adjust, remove or certainty)",
                        first_row[p]
                    )))
                }
            }
        }
        Ok(SecondStage {
            ssu_of_row,
            psu_of_ssu,
            coef,
            ssus_in_psu,
            centre,
        })
    }

    pub fn n_ssu(&self) -> usize {
        self.psu_of_ssu.len()
    }

    pub fn scratch(&self, n_psu: usize) -> SecondStageScratch {
        SecondStageScratch {
            ssu_total: vec![0.0; self.n_ssu()],
            ssu_mark: vec![false; self.n_ssu()],
            ssu_touched: Vec::new(),
            psu_squares: vec![0.0; n_psu],
        }
    }

    /// Add the score `u` of `row` to its SSU's total.
    pub fn add(&self, row: u32, u: f64, s: &mut SecondStageScratch) {
        let j = self.ssu_of_row[row as usize] as usize;
        if !s.ssu_mark[j] {
            s.ssu_mark[j] = true;
            s.ssu_touched.push(j as u32);
        }
        s.ssu_total[j] += u;
    }

    /// The within-PSU variance of the scores added since the last call, given the PSU totals
    /// (`psu_total`, non-zero only on `psu_touched`); leaves the scratch clean.
    pub fn variance(
        &self,
        psu_touched: &[u32],
        psu_total: &[f64],
        s: &mut SecondStageScratch,
    ) -> f64 {
        for &j in &s.ssu_touched {
            let t = s.ssu_total[j as usize];
            s.psu_squares[self.psu_of_ssu[j as usize] as usize] += t * t;
            s.ssu_total[j as usize] = 0.0;
            s.ssu_mark[j as usize] = false;
        }
        s.ssu_touched.clear();
        let mut v = 0.0;
        for &p in psu_touched {
            let p = p as usize;
            let sq = std::mem::take(&mut s.psu_squares[p]);
            if self.coef[p] == 0.0 {
                continue;
            }
            let t = psu_total[p];
            let ss = if self.centre[p] {
                sq - t * t / self.ssus_in_psu[p] as f64
            } else {
                sq
            };
            v += self.coef[p] * ss.max(0.0);
        }
        v
    }
}

/// `1 - m_i / M_i` per PSU from a per-row population size (all >= 1) or sampling fraction
/// (all <= 1), constant within each PSU.
fn second_stage_fpc(
    fpc: &[f64],
    psu_of_row: &[u32],
    ssus_in_psu: &[u32],
    first_row: &[usize],
) -> Result<Vec<f64>, SurveyError> {
    if fpc.len() != psu_of_row.len() {
        return Err(SurveyError::Invalid(format!(
            "second-stage fpc has {} values but there are {} weights",
            fpc.len(),
            psu_of_row.len()
        )));
    }
    let mut per_psu = vec![f64::NAN; ssus_in_psu.len()];
    for (row, (&v, &p)) in fpc.iter().zip(psu_of_row).enumerate() {
        if !v.is_finite() || v <= 0.0 {
            return Err(SurveyError::FpcInvalid {
                row,
                value: v,
                why: "the second-stage fpc must be a positive number",
            });
        }
        let cur = &mut per_psu[p as usize];
        if cur.is_nan() {
            *cur = v;
        } else if *cur != v {
            return Err(SurveyError::FpcInvalid {
                row,
                value: v,
                why: "the second-stage fpc must be constant within a PSU",
            });
        }
    }
    let as_popsize = per_psu.iter().any(|&v| v > 1.0);
    if as_popsize && per_psu.iter().any(|&v| v < 1.0) {
        return Err(SurveyError::Invalid(
            "second-stage fpc values must be all >= 1 (population sizes) or all <= 1 (sampling fractions)".into(),
        ));
    }
    per_psu
        .iter()
        .zip(ssus_in_psu)
        .enumerate()
        .map(|(p, (&v, &m))| {
            if !as_popsize {
                return Ok(1.0 - v);
            }
            if v < m as f64 {
                return Err(SurveyError::FpcInvalid {
                    row: first_row[p],
                    value: v,
                    why: "fewer second-stage units in the population than sampled in this PSU",
                });
            }
            Ok((v - m as f64) / v)
        })
        .collect()
}
