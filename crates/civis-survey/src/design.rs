//! The survey design: weights, strata, primary sampling units (PSUs), finite population
//! correction and the lonely-PSU policy, plus the ultimate-cluster variance estimator that every
//! linearised variance goes through.
//!
//! Variance of an estimated total of (weighted) scores `u_k = w_k z_k` (Wolter 2007, ch. 2; R
//! `survey::svyrecvar` with one stage; vardpoor `variance_est`):
//!
//! ```text
//! V = sum_h (1 - f_h) * n_h / (n_h - 1) * sum_i (t_hi - mean_h(t))^2,   t_hi = sum_{k in PSU hi} u_k
//! ```
//!
//! where `n_h` counts the PSUs of stratum `h` in the whole sample (PSUs without a domain member
//! have `t_hi = 0`: domains are estimated on the full design) and `f_h = n_h / N_h` is the sampling
//! fraction from the fpc (0 without fpc). First-stage sampling is taken as with replacement when no
//! fpc is given.
//!
//! Strata with a single PSU (lonely PSUs), as `options(survey.lonely.psu = ...)` in R:
//! - `fail`: an error when the design is built;
//! - `remove` / `certainty`: the stratum contributes nothing;
//! - `adjust`: the lonely PSU is centred on the grand mean of all PSU totals,
//!   `(1 - f_h) (t_h - sum(t) / n_PSU)^2` (R survey >= 4.2; for means, ratios and every other
//!   centred linearised variable the grand mean is 0, which is also what survey 4.1 does);
//! - `average`: the variance is multiplied by `H / H_ok`, the number of strata over the number of
//!   strata with at least two PSUs, counting the strata the estimate's rows fall in (as R, which
//!   drops the rows outside a domain before this step).

use std::sync::Arc;

use crate::calibrated_variance::PsuModel;
use crate::calibration::{Calibration, CalibrationSpec};
pub use crate::clusters::{FirstStage, Grouping, LonelyPsu};
use crate::error::SurveyError;
use crate::multistage::SecondStage;
pub use crate::scratch::VarianceScratch;

/// The design as the estimators need it, with dense integer ids.
#[derive(Debug)]
pub struct Design {
    weights: Vec<f64>,
    stratum_of_row: Vec<u32>,
    psu_of_row: Vec<u32>,
    stratum_of_psu: Vec<u32>,
    psus_in_stratum: Vec<u32>,
    /// `1 - f_h` per stratum.
    fpc_factor: Vec<f64>,
    stratum_labels: Vec<String>,
    lonely: LonelyPsu,
    /// The sum of `1 - f_h` over strata with a single PSU.
    lonely_fpc_sum: f64,
    /// Scratch buffers (as long as the number of PSUs) kept for reuse across estimations.
    pool: std::sync::Mutex<Vec<VarianceScratch>>,
    /// Set when the weights are calibrated: linearised scores are replaced by the calibration
    /// residuals, replicates are re-calibrated.
    calibration: Option<Arc<Calibration>>,
    /// The calibration model aggregated to PSUs (regression calibrations of one-stage designs).
    calibration_psu: Option<Arc<PsuModel>>,
    /// Set for a two-stage design: the within-PSU variance is added.
    second_stage: Option<Arc<SecondStage>>,
}

impl Clone for Design {
    fn clone(&self) -> Self {
        Design {
            weights: self.weights.clone(),
            stratum_of_row: self.stratum_of_row.clone(),
            psu_of_row: self.psu_of_row.clone(),
            stratum_of_psu: self.stratum_of_psu.clone(),
            psus_in_stratum: self.psus_in_stratum.clone(),
            fpc_factor: self.fpc_factor.clone(),
            stratum_labels: self.stratum_labels.clone(),
            lonely: self.lonely,
            lonely_fpc_sum: self.lonely_fpc_sum,
            pool: std::sync::Mutex::new(Vec::new()),
            calibration: self.calibration.clone(),
            calibration_psu: self.calibration_psu.clone(),
            second_stage: self.second_stage.clone(),
        }
    }
}

/// Inputs for [`Design::new`].
#[derive(Debug, Clone, Copy)]
pub struct DesignSpec<'a> {
    pub weights: &'a [f64],
    pub strata: Option<Grouping<'a>>,
    pub psu: Option<Grouping<'a>>,
    /// PSU ids are only unique within strata (R `nest = TRUE`).
    pub nest: bool,
    /// Per row: the stratum population size in PSUs (all values >= 1) or the sampling fraction
    /// (all values <= 1), as R's `fpc`.
    pub fpc: Option<&'a [f64]>,
    pub lonely: LonelyPsu,
}

/// The largest total of the weights: weights count population units, and far below `f64::MAX`
/// (1.8e308) so that weighted sums of any sensible variable stay finite.
pub const MAX_WEIGHT_TOTAL: f64 = 1e100;

/// Refuses a missing, infinite or negative weight `w` of row `row`, adds it to `total` and
/// refuses a total above [`MAX_WEIGHT_TOTAL`].
pub(crate) fn check_weight(w: f64, total: &mut f64, row: usize) -> Result<(), SurveyError> {
    if w.is_nan() {
        return Err(SurveyError::MissingWeight { row });
    }
    if w.is_infinite() {
        return Err(SurveyError::InfiniteWeight { row });
    }
    if w < 0.0 {
        return Err(SurveyError::NegativeWeight { row, value: w });
    }
    *total += w;
    if *total > MAX_WEIGHT_TOTAL {
        return Err(SurveyError::WeightsTooLarge { row, value: w });
    }
    Ok(())
}

impl Design {
    /// Validate the inputs and build dense ids.
    pub fn new(spec: DesignSpec<'_>) -> Result<Design, SurveyError> {
        let n = spec.weights.len();
        let mut total = 0.0;
        for (row, &w) in spec.weights.iter().enumerate() {
            check_weight(w, &mut total, row)?;
        }
        let default_label = vec!["(all)".to_string()];
        let (stratum_of_row, stratum_labels): (Vec<u32>, Vec<String>) = match spec.strata {
            Some(g) => {
                check_len(g.codes.len(), n, "strata")?;
                // compact to the strata present
                let (codes, used) = compact(g.codes, "stratum")?;
                (
                    codes,
                    used.iter().map(|&c| g.labels[c as usize].clone()).collect(),
                )
            }
            None => (vec![0; n], default_label),
        };
        let n_strata = stratum_labels.len();
        let (psu_of_row, stratum_of_psu) = match spec.psu {
            Some(g) => {
                check_len(g.codes.len(), n, "PSU")?;
                if let Some(row) = g.codes.iter().position(|&c| c == u32::MAX) {
                    return Err(SurveyError::MissingDesignValue {
                        what: "PSU id",
                        row,
                    });
                }
                match psus_by_id(g, &stratum_of_row) {
                    Ok(ids) => ids,
                    Err((c, h1, h2)) if !spec.nest => {
                        return Err(SurveyError::PsuNotNested {
                            psu: g.labels[c as usize].clone(),
                            first: stratum_labels[h1 as usize].clone(),
                            second: stratum_labels[h2 as usize].clone(),
                        })
                    }
                    // ids repeat across strata: a PSU is a (stratum, id) pair
                    Err(_) => psus_by_stratum_and_id(g, &stratum_of_row),
                }
            }
            None => {
                // every row is its own PSU
                ((0..n as u32).collect(), stratum_of_row.clone())
            }
        };
        let mut psus_in_stratum = vec![0u32; n_strata];
        for &h in &stratum_of_psu {
            psus_in_stratum[h as usize] += 1;
        }
        let fpc_factor = match spec.fpc {
            None => vec![1.0; n_strata],
            Some(f) => fpc_factors(f, &stratum_of_row, &psus_in_stratum, &stratum_labels)?,
        };
        let lonely_fpc_sum =
            lonely_fpc_sum(&psus_in_stratum, &fpc_factor, spec.lonely, &stratum_labels)?;
        Ok(Design {
            weights: spec.weights.to_vec(),
            stratum_of_row,
            psu_of_row,
            stratum_of_psu,
            psus_in_stratum,
            fpc_factor,
            stratum_labels,
            lonely: spec.lonely,
            lonely_fpc_sum,
            pool: std::sync::Mutex::new(Vec::new()),
            calibration: None,
            calibration_psu: None,
            second_stage: None,
        })
    }

    /// The design whose rows are units of weight 1, each its own PSU, numbered stratum by
    /// stratum: the first `psus_in_stratum[0]` units in stratum 0, and so on (the design of the
    /// PSU totals). `fpc`, per stratum, is read as [`DesignSpec::fpc`] is for each unit.
    /// Equal to [`Design::new`] with unit weights, the units' strata as codes and no PSU ids,
    /// errors included, without compacting or checking `n` codes and weights: each stratum's
    /// codes are filled in one run. A stratum without units (which [`Design::new`] drops) takes
    /// the general path.
    pub fn of_units(
        psus_in_stratum: &[u32],
        labels: &[String],
        fpc: Option<&[f64]>,
        lonely: LonelyPsu,
    ) -> Result<Design, SurveyError> {
        let n = psus_in_stratum.iter().map(|&k| k as usize).sum::<usize>();
        let mut stratum_of_row = Vec::with_capacity(n);
        for (h, &k) in psus_in_stratum.iter().enumerate() {
            stratum_of_row.resize(stratum_of_row.len() + k as usize, h as u32);
        }
        if n == 0 || psus_in_stratum.contains(&0) {
            let fpc: Option<Vec<f64>> =
                fpc.map(|f| stratum_of_row.iter().map(|&h| f[h as usize]).collect());
            return Design::new(DesignSpec {
                weights: &vec![1.0; n],
                strata: Some(Grouping {
                    codes: &stratum_of_row,
                    labels,
                }),
                psu: None,
                nest: false,
                fpc: fpc.as_deref(),
                lonely,
            });
        }
        let fpc_factor = match fpc {
            None => vec![1.0; psus_in_stratum.len()],
            Some(f) => {
                let strata: Vec<u32> = (0..psus_in_stratum.len() as u32).collect();
                // a stratum's first unit is the first row that carries its value
                fpc_factors(f, &strata, psus_in_stratum, labels).map_err(|e| match e {
                    SurveyError::FpcInvalid { row, value, why } => SurveyError::FpcInvalid {
                        row: psus_in_stratum[..row].iter().map(|&k| k as usize).sum(),
                        value,
                        why,
                    },
                    e => e,
                })?
            }
        };
        let lonely_fpc_sum = lonely_fpc_sum(psus_in_stratum, &fpc_factor, lonely, labels)?;
        Ok(Design {
            weights: vec![1.0; n],
            stratum_of_psu: stratum_of_row.clone(),
            stratum_of_row,
            psu_of_row: (0..n as u32).collect(),
            psus_in_stratum: psus_in_stratum.to_vec(),
            fpc_factor,
            stratum_labels: labels.to_vec(),
            lonely,
            lonely_fpc_sum,
            pool: std::sync::Mutex::new(Vec::new()),
            calibration: None,
            calibration_psu: None,
            second_stage: None,
        })
    }

    /// The same design with a second stage: `ssu` identifies the second-stage unit within its
    /// PSU and `fpc_ssu` gives, per row, the PSU's population of SSUs (>= 1) or the sampling
    /// fraction (<= 1); see [`crate::multistage`] for the variance.
    pub fn with_second_stage(
        mut self,
        ssu: Grouping<'_>,
        fpc_ssu: Option<&[f64]>,
    ) -> Result<Design, SurveyError> {
        let stage = SecondStage::new(self.first_stage(), ssu, fpc_ssu)?;
        self.second_stage = Some(Arc::new(stage));
        self.pool = std::sync::Mutex::new(Vec::new());
        Ok(self)
    }

    /// Whether the variance includes a second stage.
    pub fn is_multistage(&self) -> bool {
        self.second_stage.is_some()
    }

    /// The same design with its weights calibrated to the totals of `spec` (see
    /// [`crate::calibration`]); the design weights before calibration are kept for the
    /// variance and the replicates.
    pub fn calibrate(&self, spec: &CalibrationSpec<'_>) -> Result<Design, SurveyError> {
        if self.calibration.is_some() {
            return Err(SurveyError::Invalid(
                "the design is already calibrated: give all totals in one calibration".into(),
            ));
        }
        let cal = Calibration::new(&self.weights, spec)?;
        let mut out = self.clone();
        out.weights = cal.weights();
        out.calibration_psu = PsuModel::new(&cal, &self.first_stage()).map(Arc::new);
        out.calibration = Some(Arc::new(cal));
        Ok(out)
    }

    /// The calibration, if the weights are calibrated.
    pub fn calibration(&self) -> Option<&Calibration> {
        self.calibration.as_deref()
    }

    /// The weights before calibration (the weights themselves for an uncalibrated design).
    pub fn design_weights(&self) -> &[f64] {
        match &self.calibration {
            Some(c) => c.design_weights(),
            None => &self.weights,
        }
    }

    pub fn nrows(&self) -> usize {
        self.weights.len()
    }
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }
    pub fn n_psu(&self) -> usize {
        self.stratum_of_psu.len()
    }
    pub fn n_strata(&self) -> usize {
        self.psus_in_stratum.len()
    }
    pub fn psu_of_row(&self) -> &[u32] {
        &self.psu_of_row
    }
    pub fn stratum_of_row(&self) -> &[u32] {
        &self.stratum_of_row
    }
    pub fn stratum_of_psu(&self) -> &[u32] {
        &self.stratum_of_psu
    }
    pub fn psus_in_stratum(&self) -> &[u32] {
        &self.psus_in_stratum
    }
    pub fn fpc_factor(&self) -> &[f64] {
        &self.fpc_factor
    }
    pub fn stratum_labels(&self) -> &[String] {
        &self.stratum_labels
    }
    pub fn lonely(&self) -> LonelyPsu {
        self.lonely
    }

    /// The first stage as the variance estimators read it.
    pub fn first_stage(&self) -> FirstStage<'_> {
        FirstStage {
            psu_of_row: &self.psu_of_row,
            stratum_of_psu: &self.stratum_of_psu,
            psus_in_stratum: &self.psus_in_stratum,
            fpc_factor: &self.fpc_factor,
            lonely: self.lonely,
        }
    }

    /// Design degrees of freedom: PSUs minus strata (R `degf`).
    pub fn degrees_of_freedom(&self) -> f64 {
        self.n_psu() as f64 - self.n_strata() as f64
    }

    /// A scratch buffer from the design's pool (or a new one); give it back with
    /// [`Design::return_scratch`] so that repeated estimations on one design do not allocate.
    pub fn take_scratch(&self) -> VarianceScratch {
        let reused = self.pool.lock().ok().and_then(|mut p| p.pop());
        reused.unwrap_or_else(|| self.scratch())
    }

    /// Return a scratch buffer taken with [`Design::take_scratch`] (it is always left clean).
    pub fn return_scratch(&self, s: VarianceScratch) {
        if let Ok(mut p) = self.pool.lock() {
            p.push(s);
        }
    }

    /// Scratch space for [`Design::variance_of_scores`], reusable across calls.
    pub fn scratch(&self) -> VarianceScratch {
        VarianceScratch {
            psu_total: vec![0.0; self.n_psu()],
            psu_touched: Vec::new(),
            psu_mark: vec![false; self.n_psu()],
            stratum_sum: vec![0.0; self.n_strata()],
            stratum_count: vec![0; self.n_strata()],
            stratum_ss: vec![0.0; self.n_strata()],
            stratum_touched: Vec::new(),
            second: self
                .second_stage
                .as_ref()
                .map(|s| s.scratch(self.n_psu()))
                .unwrap_or_default(),
        }
    }

    /// Ultimate-cluster variance of `sum_k u_k`, where `scores` yields `(row, u_k)` pairs with
    /// `u_k = w_k z_k` already weighted. Rows not listed have `u_k = 0`.
    /// Also returns the design degrees of freedom restricted to the rows listed (R's `degf` of
    /// the subset design: PSUs with a listed row minus their strata).
    /// On a calibrated design the scores are first replaced by the calibration residuals
    /// (which are non-zero on every row).
    pub fn variance_of_scores(
        &self,
        scores: impl IntoIterator<Item = (u32, f64)>,
        s: &mut VarianceScratch,
    ) -> (f64, f64) {
        match &self.calibration {
            None => self.ultimate_cluster_variance(scores, s),
            // one stage: from the PSU model, without a pass over the rows or PSUs; every PSU
            // holds residuals, so the degrees of freedom are the design's (as R's subsets of a
            // calibrated design, which keep every row)
            Some(c) if self.second_stage.is_none() && self.calibration_psu.is_some() => {
                let psu = self.calibration_psu.as_deref().expect("checked above");
                let var = psu.variance(c, &self.first_stage(), scores.into_iter().collect(), s);
                (var, self.degrees_of_freedom())
            }
            Some(c) => {
                let e = c.residuals(scores);
                self.ultimate_cluster_variance(e.iter().enumerate().map(|(r, &u)| (r as u32, u)), s)
            }
        }
    }

    fn ultimate_cluster_variance(
        &self,
        scores: impl IntoIterator<Item = (u32, f64)>,
        s: &mut VarianceScratch,
    ) -> (f64, f64) {
        let mut total = 0.0;
        for (row, u) in scores {
            let p = self.psu_of_row[row as usize] as usize;
            if !s.psu_mark[p] {
                s.psu_mark[p] = true;
                s.psu_touched.push(p as u32);
            }
            s.psu_total[p] += u;
            total += u;
            if let Some(second) = &self.second_stage {
                second.add(row, u, &mut s.second);
            }
        }
        for &p in &s.psu_touched {
            let h = self.stratum_of_psu[p as usize] as usize;
            if s.stratum_count[h] == 0 {
                s.stratum_touched.push(h as u32);
            }
            s.stratum_count[h] += 1;
            s.stratum_sum[h] += s.psu_total[p as usize];
        }
        // sum of squared deviations from the stratum mean, over touched PSUs
        for &p in &s.psu_touched {
            let h = self.stratum_of_psu[p as usize] as usize;
            let nh = self.psus_in_stratum[h] as f64;
            let d = s.psu_total[p as usize] - s.stratum_sum[h] / nh;
            s.stratum_ss[h] += d * d;
        }
        let grand = total / self.n_psu() as f64;
        let mut var = 0.0;
        let mut touched_lonely = 0usize;
        let mut touched_lonely_fpc = 0.0;
        for &h in &s.stratum_touched {
            let h = h as usize;
            let nh = self.psus_in_stratum[h];
            let f = self.fpc_factor[h];
            if nh >= 2 {
                let mean = s.stratum_sum[h] / nh as f64;
                let untouched = (nh - s.stratum_count[h]) as f64;
                let ss = s.stratum_ss[h] + untouched * mean * mean;
                var += f * nh as f64 / (nh as f64 - 1.0) * ss;
            } else {
                touched_lonely += 1;
                touched_lonely_fpc += f;
                if self.lonely == LonelyPsu::Adjust {
                    let d = s.stratum_sum[h] - grand;
                    var += f * d * d;
                }
            }
        }
        match self.lonely {
            LonelyPsu::Adjust => {
                // untouched lonely strata have t = 0
                var += (self.lonely_fpc_sum - touched_lonely_fpc) * grand * grand;
            }
            LonelyPsu::Average => {
                // as R, over the strata the estimate's rows fall in
                let present = s.stratum_touched.len();
                let ok = present - touched_lonely;
                if ok > 0 {
                    var *= present as f64 / ok as f64;
                }
            }
            _ => {}
        }
        if let Some(second) = &self.second_stage {
            var += second.variance(&s.psu_touched, &s.psu_total, &mut s.second);
        }
        let df = s.psu_touched.len() as f64 - s.stratum_touched.len() as f64;
        s.reset();
        (var, df)
    }
}

/// PSUs identified by their id alone; `Err((id, stratum, other stratum))` if an id is used in
/// two strata.
#[allow(clippy::type_complexity)]
fn psus_by_id(
    g: Grouping<'_>,
    stratum_of_row: &[u32],
) -> Result<(Vec<u32>, Vec<u32>), (u32, u32, u32)> {
    let mut dense = vec![u32::MAX; g.labels.len()];
    let mut stratum_of_psu: Vec<u32> = Vec::new();
    let mut psu_of_row = Vec::with_capacity(g.codes.len());
    for (row, &c) in g.codes.iter().enumerate() {
        let h = stratum_of_row[row];
        let slot = &mut dense[c as usize];
        if *slot == u32::MAX {
            *slot = stratum_of_psu.len() as u32;
            stratum_of_psu.push(h);
        } else if stratum_of_psu[*slot as usize] != h {
            return Err((c, stratum_of_psu[*slot as usize], h));
        }
        psu_of_row.push(*slot);
    }
    Ok((psu_of_row, stratum_of_psu))
}

/// PSUs identified by (stratum, id) pairs (R's `nest = TRUE`).
fn psus_by_stratum_and_id(g: Grouping<'_>, stratum_of_row: &[u32]) -> (Vec<u32>, Vec<u32>) {
    let n_labels = g.labels.len() as u64 + 1;
    let mut map = std::collections::HashMap::with_capacity(g.codes.len() / 2 + 1);
    let mut psu_of_row = Vec::with_capacity(g.codes.len());
    let mut stratum_of_psu = Vec::new();
    for (row, &c) in g.codes.iter().enumerate() {
        let h = stratum_of_row[row];
        let key = h as u64 * n_labels + c as u64;
        let next = stratum_of_psu.len() as u32;
        let id = *map.entry(key).or_insert_with(|| {
            stratum_of_psu.push(h);
            next
        });
        psu_of_row.push(id);
    }
    (psu_of_row, stratum_of_psu)
}

/// The sum of the fpc factors `1 - f_h` of the strata with a single PSU; refuses such a stratum
/// under [`LonelyPsu::Fail`] unless it is a census (`1 - f_h <= 1e-7`).
fn lonely_fpc_sum(
    psus_in_stratum: &[u32],
    fpc_factor: &[f64],
    lonely: LonelyPsu,
    labels: &[String],
) -> Result<f64, SurveyError> {
    let mut sum = 0.0;
    for (h, &nh) in psus_in_stratum.iter().enumerate() {
        if nh == 1 {
            if lonely == LonelyPsu::Fail && fpc_factor[h] > 1e-7 {
                return Err(SurveyError::LonelyPsu {
                    stratum: labels[h].clone(),
                });
            }
            sum += fpc_factor[h];
        }
    }
    Ok(sum)
}

fn check_len(got: usize, n: usize, what: &str) -> Result<(), SurveyError> {
    if got != n {
        return Err(SurveyError::Invalid(format!(
            "{what} has {got} values but there are {n} weights"
        )));
    }
    Ok(())
}

/// Renumber codes densely in order of first appearance; returns new codes and the original
/// code of each new id.
fn compact(codes: &[u32], what: &'static str) -> Result<(Vec<u32>, Vec<u32>), SurveyError> {
    let max = codes
        .iter()
        .filter(|&&c| c != u32::MAX)
        .max()
        .copied()
        .unwrap_or(0) as usize;
    let mut map = vec![u32::MAX; max + 1];
    let mut used = Vec::new();
    let mut out = Vec::with_capacity(codes.len());
    for (row, &c) in codes.iter().enumerate() {
        if c == u32::MAX {
            return Err(SurveyError::MissingDesignValue { what, row });
        }
        let slot = &mut map[c as usize];
        if *slot == u32::MAX {
            *slot = used.len() as u32;
            used.push(c);
        }
        out.push(*slot);
    }
    Ok((out, used))
}

pub(crate) fn fpc_factors(
    fpc: &[f64],
    stratum_of_row: &[u32],
    psus_in_stratum: &[u32],
    labels: &[String],
) -> Result<Vec<f64>, SurveyError> {
    check_len(fpc.len(), stratum_of_row.len(), "fpc")?;
    let mut per_stratum = vec![f64::NAN; psus_in_stratum.len()];
    for (row, &v) in fpc.iter().enumerate() {
        if !v.is_finite() || v <= 0.0 {
            return Err(SurveyError::FpcInvalid {
                row,
                value: v,
                why: "must be a positive number",
            });
        }
        let h = stratum_of_row[row] as usize;
        let cur = per_stratum[h];
        if cur.is_nan() {
            per_stratum[h] = v;
        } else if cur != v {
            return Err(SurveyError::FpcVaries {
                stratum: labels[h].clone(),
                a: cur,
                b: v,
            });
        }
    }
    let as_popsize = per_stratum.iter().any(|&v| v > 1.0);
    if as_popsize && per_stratum.iter().any(|&v| v < 1.0) {
        return Err(SurveyError::Invalid(
            "fpc values must be all >= 1 (population sizes) or all <= 1 (sampling fractions)"
                .into(),
        ));
    }
    per_stratum
        .iter()
        .zip(psus_in_stratum)
        .enumerate()
        .map(|(h, (&v, &nh))| {
            if as_popsize {
                if v < nh as f64 {
                    return Err(SurveyError::Invalid(format!(
                        "fpc implies more than 100% sampling in stratum `{}` ({} PSUs sampled, population {})",
                        labels[h], nh, v
                    )));
                }
                Ok((v - nh as f64) / v)
            } else {
                Ok(1.0 - v)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(n: usize) -> Vec<String> {
        (0..n).map(|i| i.to_string()).collect()
    }

    #[test]
    fn rejects_bad_weights() {
        let spec = |w: &'static [f64]| DesignSpec {
            weights: w,
            strata: None,
            psu: None,
            nest: false,
            fpc: None,
            lonely: LonelyPsu::Fail,
        };
        assert_eq!(
            Design::new(spec(&[1.0, f64::NAN])).unwrap_err(),
            SurveyError::MissingWeight { row: 1 }
        );
        assert!(matches!(
            Design::new(spec(&[1.0, -2.0])).unwrap_err(),
            SurveyError::NegativeWeight { row: 1, .. }
        ));
    }

    #[test]
    fn psu_in_two_strata_is_an_error_unless_nested() {
        let l = labels(2);
        let strata = [0, 0, 1, 1];
        let psu = [0, 1, 1, 0];
        let w = [1.0; 4];
        let mut spec = DesignSpec {
            weights: &w,
            strata: Some(Grouping {
                codes: &strata,
                labels: &l,
            }),
            psu: Some(Grouping {
                codes: &psu,
                labels: &l,
            }),
            nest: false,
            fpc: None,
            lonely: LonelyPsu::Fail,
        };
        let e = Design::new(spec).unwrap_err().to_string();
        assert!(e.contains("nested"), "{e}");
        spec.nest = true;
        let d = Design::new(spec).unwrap();
        assert_eq!(d.n_psu(), 4);
        assert_eq!(d.degrees_of_freedom(), 2.0);
    }

    #[test]
    fn srs_variance_matches_textbook_formula() {
        // SRS with replacement: V(total) = n/(n-1) * sum (u - ubar)^2
        let w = [2.0, 2.0, 2.0, 2.0];
        let d = Design::new(DesignSpec {
            weights: &w,
            strata: None,
            psu: None,
            nest: false,
            fpc: None,
            lonely: LonelyPsu::Fail,
        })
        .unwrap();
        let y = [1.0, 2.0, 3.0, 6.0];
        let mut s = d.scratch();
        let (v, df) = d.variance_of_scores((0..4u32).map(|i| (i, 2.0 * y[i as usize])), &mut s);
        let u: Vec<f64> = y.iter().map(|v| 2.0 * v).collect();
        let m = u.iter().sum::<f64>() / 4.0;
        let ss: f64 = u.iter().map(|v| (v - m) * (v - m)).sum();
        assert!((v - 4.0 / 3.0 * ss).abs() < 1e-12);
        assert_eq!(df, 3.0);
        // scratch is reset: same answer twice
        let (v2, _) = d.variance_of_scores((0..4u32).map(|i| (i, 2.0 * y[i as usize])), &mut s);
        assert_eq!(v, v2);
    }

    #[test]
    fn fpc_scales_variance_and_census_stratum_is_zero() {
        let w = [1.0; 4];
        let fpc_half = [8.0; 4];
        let fpc_full = [4.0; 4];
        let y = [1.0, 2.0, 3.0, 6.0];
        let base = |fpc: Option<&[f64]>| {
            let d = Design::new(DesignSpec {
                weights: &w,
                strata: None,
                psu: None,
                nest: false,
                fpc,
                lonely: LonelyPsu::Fail,
            })
            .unwrap();
            let mut s = d.scratch();
            d.variance_of_scores((0..4u32).map(|i| (i, y[i as usize])), &mut s)
                .0
        };
        let v0 = base(None);
        assert!((base(Some(&fpc_half)) - 0.5 * v0).abs() < 1e-12);
        assert_eq!(base(Some(&fpc_full)), 0.0);
        let fraction = [0.5; 4];
        assert!((base(Some(&fraction)) - 0.5 * v0).abs() < 1e-12);
    }

    #[test]
    fn lonely_psu_policies() {
        // strata: A has PSUs 0,1; B has a single PSU 2
        let l = labels(3);
        let strata = [0, 0, 1];
        let psu = [0, 1, 2];
        let w = [1.0; 3];
        let mk = |lonely| {
            Design::new(DesignSpec {
                weights: &w,
                strata: Some(Grouping {
                    codes: &strata,
                    labels: &l,
                }),
                psu: Some(Grouping {
                    codes: &psu,
                    labels: &l,
                }),
                nest: false,
                fpc: None,
                lonely,
            })
        };
        assert!(matches!(
            mk(LonelyPsu::Fail).unwrap_err(),
            SurveyError::LonelyPsu { .. }
        ));
        let u = [1.0, 3.0, 5.0];
        let var = |d: Design| {
            let mut s = d.scratch();
            d.variance_of_scores((0..3u32).map(|i| (i, u[i as usize])), &mut s)
                .0
        };
        let stratum_a = 2.0 * ((1.0f64 - 2.0).powi(2) + (3.0f64 - 2.0).powi(2));
        assert!((var(mk(LonelyPsu::Remove).unwrap()) - stratum_a).abs() < 1e-12);
        assert!((var(mk(LonelyPsu::Average).unwrap()) - stratum_a * 2.0).abs() < 1e-12);
        let grand = 9.0 / 3.0;
        let adj = stratum_a + (5.0 - grand) * (5.0f64 - grand);
        assert!((var(mk(LonelyPsu::Adjust).unwrap()) - adj).abs() < 1e-12);
    }

    /// `Design::new` over units of weight 1 with their strata as codes and no PSU ids.
    fn units_by_rows(
        nh: &[u32],
        l: &[String],
        fpc: Option<&[f64]>,
        lonely: LonelyPsu,
    ) -> Result<Design, SurveyError> {
        let codes: Vec<u32> = (0..nh.len() as u32)
            .flat_map(|h| std::iter::repeat_n(h, nh[h as usize] as usize))
            .collect();
        let fpc: Option<Vec<f64>> = fpc.map(|f| codes.iter().map(|&h| f[h as usize]).collect());
        Design::new(DesignSpec {
            weights: &vec![1.0; codes.len()],
            strata: Some(Grouping {
                codes: &codes,
                labels: l,
            }),
            psu: None,
            nest: false,
            fpc: fpc.as_deref(),
            lonely,
        })
    }

    #[test]
    fn design_of_units_equals_design_new() {
        let l = labels(4);
        let same = |a: &Design, b: &Design| {
            assert_eq!(a.weights, b.weights);
            assert_eq!(a.stratum_of_row, b.stratum_of_row);
            assert_eq!(a.psu_of_row, b.psu_of_row);
            assert_eq!(a.stratum_of_psu, b.stratum_of_psu);
            assert_eq!(a.psus_in_stratum, b.psus_in_stratum);
            assert_eq!(a.fpc_factor, b.fpc_factor);
            assert_eq!(a.stratum_labels, b.stratum_labels);
            assert_eq!(a.lonely_fpc_sum.to_bits(), b.lonely_fpc_sum.to_bits());
        };
        type Case<'a> = (&'a [u32], Option<&'a [f64]>, LonelyPsu);
        let cases: [Case<'_>; 5] = [
            (&[3, 1, 2, 4], None, LonelyPsu::Adjust),
            (
                &[3, 1, 2, 4],
                Some(&[10.0, 4.0, 2.0, 40.0]),
                LonelyPsu::Certainty,
            ),
            (&[3, 1, 2, 4], Some(&[0.5, 1.0, 0.25, 0.1]), LonelyPsu::Fail),
            // a stratum without units is dropped, as Design::new drops unused codes
            (
                &[3, 0, 2, 1],
                Some(&[10.0, f64::NAN, 2.0, 40.0]),
                LonelyPsu::Adjust,
            ),
            (&[2, 2, 2, 2], None, LonelyPsu::Fail),
        ];
        for (nh, fpc, lonely) in cases {
            let a = Design::of_units(nh, &l, fpc, lonely).unwrap();
            same(&a, &units_by_rows(nh, &l, fpc, lonely).unwrap());
        }
        // the same errors: the row is the first unit of the offending stratum
        let err = |nh: &[u32], fpc: Option<&[f64]>, lonely| {
            let a = Design::of_units(nh, &l, fpc, lonely).unwrap_err();
            let b = units_by_rows(nh, &l, fpc, lonely).unwrap_err();
            assert_eq!(a.to_string(), b.to_string());
            a
        };
        let e = err(
            &[3, 2, 2, 4],
            Some(&[10.0, 4.0, -2.0, 40.0]),
            LonelyPsu::Adjust,
        );
        assert!(matches!(e, SurveyError::FpcInvalid { row: 5, .. }));
        let e = err(&[3, 1, 2, 4], None, LonelyPsu::Fail);
        assert!(matches!(e, SurveyError::LonelyPsu { .. }));
        let e = err(
            &[3, 1, 2, 4],
            Some(&[10.0, 4.0, 1.0, 40.0]),
            LonelyPsu::Adjust,
        );
        assert!(matches!(e, SurveyError::Invalid(_)));
    }
}
