//! Linearised variance on a design calibrated by regression (`calibrate`, `postStratify`) with
//! one sampling stage, without a pass over the rows or the PSUs for every domain.
//!
//! The calibration residual of row `k` is `e_k = u_k - w_k x_k' B`, `B` the regression
//! coefficients of the domain's scores (see [`crate::calibration`]); its PSU total is
//! `e_p = t_p - a_p` with `t_p = sum_{k in p} u_k` and `a_p = A_p' B`, where
//! `A_p = sum_{k in p} w_k x_k` is the PSU's model total, the same for every domain. The
//! ultimate-cluster variance of [`crate::design`], `V = sum_h c_h sum_{p in h} (e_p - mean_h e)^2`
//! with `c_h = (1 - f_h) n_h / (n_h - 1)`, then splits into what the domain touches and one
//! quadratic form:
//!
//! ```text
//! sum_{p in h} (e_p - mean_h e)^2 = sum_{p in h} (t_p - mean_h t)^2
//!                                   - 2 sum_{p in h, t_p != 0} t_p (a_p - abar_h)
//!                                   + B' S_h B,
//! S_h = sum_{p in h} (A_p - Abar_h)(A_p - Abar_h)',   abar_h = Abar_h' B,
//! V = sum_h c_h [first two terms] + B' M B,           M = sum_h c_h S_h.
//! ```
//!
//! `M` (sparse, `p x p`) and the stratum means `Abar_h` are formed once per design, so a domain
//! costs its own rows, the solve for `B`, and the non-zeros of `M`, instead of every PSU of the
//! sample (`2,000,000` rows and `900,000` PSUs at `1,464` domains: under a second instead of
//! minutes). Strata with a single PSU follow the policy of the design: `adjust` centres the
//! lonely PSU's `e_p` on the grand mean `(sum_k u_k - X' B) / n_PSU` (`X = sum_p A_p`),
//! `average` scales by the number of strata over those with at least two PSUs (every stratum
//! holds residuals), the others add nothing. The result equals the row-by-row residuals'
//! variance up to rounding.

use crate::calibration::Calibration;
use crate::design::{Design, LonelyPsu, VarianceScratch};

/// The per-design parts of the calibrated variance (see the module documentation).
#[derive(Debug, Clone)]
pub(crate) struct PsuModel {
    /// `A_p` of every PSU, compressed rows: columns `cols[offsets[p]..offsets[p + 1]]`.
    offsets: Vec<usize>,
    cols: Vec<u32>,
    vals: Vec<f64>,
    /// `Abar_h` of every stratum, compressed the same way.
    mean_offsets: Vec<usize>,
    mean_cols: Vec<u32>,
    mean_vals: Vec<f64>,
    /// `c_h` (zero for strata with one PSU).
    factor: Vec<f64>,
    /// The upper triangle of `M` as `(row, column, value)`, `row <= column`.
    m: Vec<(u32, u32, f64)>,
    /// `X = sum_p A_p`.
    model_total: Vec<f64>,
    /// PSUs alone in their stratum and that stratum's `1 - f_h`.
    lonely: Vec<(u32, f64)>,
    /// Strata over strata with at least two PSUs (`lonely = average`).
    average_scale: f64,
}

/// Groups `0..n` by `key` (counting sort): `(offsets, members)`, members of group `g` at
/// `members[offsets[g]..offsets[g + 1]]` in increasing order.
fn group_by(key: &[u32], groups: usize) -> (Vec<usize>, Vec<u32>) {
    let mut offsets = vec![0usize; groups + 1];
    for &g in key {
        offsets[g as usize + 1] += 1;
    }
    for g in 0..groups {
        offsets[g + 1] += offsets[g];
    }
    let mut next = offsets.clone();
    let mut members = vec![0u32; key.len()];
    for (i, &g) in key.iter().enumerate() {
        members[next[g as usize]] = i as u32;
        next[g as usize] += 1;
    }
    (offsets, members)
}

/// Sorts `(key, value)` entries and adds up the values of equal keys.
fn merge<K: Ord + Copy>(entries: &mut Vec<(K, f64)>) {
    entries.sort_unstable_by_key(|e| e.0);
    let mut out = 0;
    for i in 0..entries.len() {
        if out > 0 && entries[out - 1].0 == entries[i].0 {
            entries[out - 1].1 += entries[i].1;
        } else {
            entries[out] = entries[i];
            out += 1;
        }
    }
    entries.truncate(out);
}

impl PsuModel {
    /// The model of a regression calibration `cal` of `design` (`None` for a rake).
    pub(crate) fn new(cal: &Calibration, design: &Design) -> Option<PsuModel> {
        let p = cal.regression_columns()?;
        let (n_psu, n_strata) = (design.n_psu(), design.n_strata());
        let (row_offsets, rows) = group_by(design.psu_of_row(), n_psu);
        let mut model = PsuModel {
            offsets: Vec::with_capacity(n_psu + 1),
            cols: Vec::new(),
            vals: Vec::new(),
            mean_offsets: Vec::with_capacity(n_strata + 1),
            mean_cols: Vec::new(),
            mean_vals: Vec::new(),
            factor: Vec::with_capacity(n_strata),
            m: Vec::new(),
            model_total: vec![0.0; p],
            lonely: Vec::new(),
            average_scale: 1.0,
        };
        model.offsets.push(0);
        let mut local: Vec<(u32, f64)> = Vec::new();
        for psu in 0..n_psu {
            local.clear();
            for &k in &rows[row_offsets[psu]..row_offsets[psu + 1]] {
                local.extend(
                    cal.weighted_auxiliaries(k as usize)
                        .map(|(c, v)| (c as u32, v)),
                );
            }
            merge(&mut local);
            for &(c, v) in &local {
                model.cols.push(c);
                model.vals.push(v);
                model.model_total[c as usize] += v;
            }
            model.offsets.push(model.cols.len());
        }
        model.stratum_parts(design);
        Some(model)
    }

    /// `A_p` as `(column, value)` pairs.
    fn psu(&self, p: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let (a, e) = (self.offsets[p], self.offsets[p + 1]);
        self.cols[a..e]
            .iter()
            .zip(&self.vals[a..e])
            .map(|(&c, &v)| (c as usize, v))
    }

    /// Stratum means, `c_h`, `M`, the lonely PSUs.
    fn stratum_parts(&mut self, design: &Design) {
        let n_strata = design.n_strata();
        let (psu_offsets, psus) = group_by(design.stratum_of_psu(), n_strata);
        let mut m: Vec<(u64, f64)> = Vec::new();
        let mut local: Vec<(u64, f64)> = Vec::new();
        let mut mean: Vec<(u32, f64)> = Vec::new();
        let key = |i: u32, j: u32| (u64::from(i.min(j)) << 32) | u64::from(i.max(j));
        self.mean_offsets.push(0);
        let mut ok_strata = 0usize;
        for h in 0..n_strata {
            let members = &psus[psu_offsets[h]..psu_offsets[h + 1]];
            let nh = members.len() as f64;
            let f = design.fpc_factor()[h];
            mean.clear();
            for &p in members {
                mean.extend(self.psu(p as usize).map(|(c, v)| (c as u32, v / nh)));
            }
            merge(&mut mean);
            for &(c, v) in &mean {
                self.mean_cols.push(c);
                self.mean_vals.push(v);
            }
            self.mean_offsets.push(self.mean_cols.len());
            if members.len() < 2 {
                self.factor.push(0.0);
                self.lonely.extend(members.iter().map(|&p| (p, f)));
                continue;
            }
            ok_strata += 1;
            let c = f * nh / (nh - 1.0);
            self.factor.push(c);
            // c_h S_h = c_h (sum_p A_p A_p' - n_h Abar_h Abar_h'), upper triangle
            local.clear();
            for &p in members {
                let a = self.offsets[p as usize]..self.offsets[p as usize + 1];
                for i in a.clone() {
                    for j in i..a.end {
                        local.push((
                            key(self.cols[i], self.cols[j]),
                            c * self.vals[i] * self.vals[j],
                        ));
                    }
                }
            }
            for (i, &(ci, vi)) in mean.iter().enumerate() {
                for &(cj, vj) in &mean[i..] {
                    local.push((key(ci, cj), -c * nh * vi * vj));
                }
            }
            merge(&mut local);
            m.extend_from_slice(&local);
        }
        merge(&mut m);
        self.m = m
            .into_iter()
            .map(|(k, v)| ((k >> 32) as u32, k as u32, v))
            .collect();
        if ok_strata > 0 {
            self.average_scale = n_strata as f64 / ok_strata as f64;
        }
    }

    /// `A_p' B`.
    fn fitted(&self, p: usize, beta: &[f64]) -> f64 {
        self.psu(p).map(|(c, v)| v * beta[c]).sum()
    }

    /// `Abar_h' B`.
    fn stratum_fitted(&self, h: usize, beta: &[f64]) -> f64 {
        let (a, e) = (self.mean_offsets[h], self.mean_offsets[h + 1]);
        self.mean_cols[a..e]
            .iter()
            .zip(&self.mean_vals[a..e])
            .map(|(&c, &v)| v * beta[c as usize])
            .sum()
    }

    /// `B' M B`.
    fn quadratic_form(&self, beta: &[f64]) -> f64 {
        self.m
            .iter()
            .map(|&(i, j, v)| {
                let b = v * beta[i as usize] * beta[j as usize];
                if i == j {
                    b
                } else {
                    2.0 * b
                }
            })
            .sum()
    }

    /// Ultimate-cluster variance of the calibration residuals of `scores` (`(row, u_k)`,
    /// `u_k = w_k z_k`; see the module documentation). `s` is left clean.
    pub(crate) fn variance(
        &self,
        cal: &Calibration,
        design: &Design,
        scores: Vec<(u32, f64)>,
        s: &mut VarianceScratch,
    ) -> f64 {
        let beta = cal
            .regression_coefficients(scores.iter().copied())
            .expect("a PSU model exists for regression calibrations only");
        let (psu_of_row, stratum_of_psu) = (design.psu_of_row(), design.stratum_of_psu());
        let mut total = 0.0;
        for &(row, u) in &scores {
            let p = psu_of_row[row as usize] as usize;
            if !s.psu_mark[p] {
                s.psu_mark[p] = true;
                s.psu_touched.push(p as u32);
            }
            s.psu_total[p] += u;
            total += u;
        }
        // sum_p c_h t_p a_p, and the stratum totals of t
        let mut cross = 0.0;
        for &p in &s.psu_touched {
            let (p, h) = (p as usize, stratum_of_psu[p as usize] as usize);
            if s.stratum_count[h] == 0 {
                s.stratum_touched.push(h as u32);
            }
            s.stratum_count[h] += 1;
            s.stratum_sum[h] += s.psu_total[p];
            if self.factor[h] != 0.0 {
                cross += self.factor[h] * s.psu_total[p] * self.fitted(p, &beta);
            }
        }
        for &p in &s.psu_touched {
            let h = stratum_of_psu[p as usize] as usize;
            let d = s.psu_total[p as usize] - s.stratum_sum[h] / design.psus_in_stratum()[h] as f64;
            s.stratum_ss[h] += d * d;
        }
        let mut var = self.quadratic_form(&beta);
        for &h in &s.stratum_touched {
            let h = h as usize;
            let c = self.factor[h];
            if c == 0.0 {
                continue;
            }
            let nh = design.psus_in_stratum()[h];
            let mean = s.stratum_sum[h] / nh as f64;
            let untouched = (nh - s.stratum_count[h]) as f64;
            let ss = s.stratum_ss[h] + untouched * mean * mean;
            cross -= c * s.stratum_sum[h] * self.stratum_fitted(h, &beta);
            var += c * ss;
        }
        var -= 2.0 * cross;
        match design.lonely() {
            LonelyPsu::Adjust => {
                let fitted_total: f64 =
                    self.model_total.iter().zip(&beta).map(|(x, b)| x * b).sum();
                let grand = (total - fitted_total) / design.n_psu() as f64;
                for &(p, f) in &self.lonely {
                    let e = s.psu_total[p as usize] - self.fitted(p as usize, &beta);
                    var += f * (e - grand) * (e - grand);
                }
            }
            LonelyPsu::Average => var *= self.average_scale,
            _ => {}
        }
        for &p in &s.psu_touched {
            s.psu_total[p as usize] = 0.0;
            s.psu_mark[p as usize] = false;
        }
        for &h in &s.stratum_touched {
            let h = h as usize;
            s.stratum_sum[h] = 0.0;
            s.stratum_count[h] = 0;
            s.stratum_ss[h] = 0.0;
        }
        s.psu_touched.clear();
        s.stratum_touched.clear();
        var
    }
}

#[cfg(test)]
mod tests {
    use crate::calibration::{AuxValues, Auxiliary, CalFun, CalibrationMethod, CalibrationSpec};
    use crate::design::{Design, DesignSpec, Grouping, LonelyPsu};

    /// A small deterministic generator (the test needs varied designs, not good randomness).
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> f64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 11) as f64 / (1u64 << 53) as f64
        }
        fn below(&mut self, n: u32) -> u32 {
            (self.next() * n as f64) as u32 % n
        }
    }

    fn cat<'a>(
        name: &str,
        codes: &'a [u32],
        labels: &'a [String],
        totals: Vec<(String, f64)>,
    ) -> Auxiliary<'a> {
        Auxiliary {
            name: name.into(),
            values: AuxValues::Categorical {
                grouping: Grouping { codes, labels },
                totals,
            },
        }
    }

    /// The fast path equals the residuals formed row by row and fed to the plain
    /// ultimate-cluster variance, for every lonely-PSU policy, with and without fpc, for
    /// linear and bounded-logit calibration and post-stratification, on domains of every size.
    #[test]
    fn psu_model_variance_equals_row_by_row_residuals() {
        let mut rng = Lcg(7);
        let labels = |n: usize| -> Vec<String> { (0..n).map(|i| format!("c{i}")).collect() };
        for case in 0..24 {
            let n_strata = 2 + rng.below(6);
            let (mut strata, mut psus, mut a, mut b, mut x, mut d, mut fpc) =
                (vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
            let mut psu_id = 0;
            for h in 0..n_strata {
                // strata 0 and 1 hold a single PSU (lonely)
                let n_psu = if h < 2 { 1 } else { 2 + rng.below(5) };
                for _ in 0..n_psu {
                    for _ in 0..1 + rng.below(4) {
                        strata.push(h);
                        psus.push(psu_id);
                        a.push(rng.below(3));
                        b.push(rng.below(2));
                        x.push(10.0 * rng.next());
                        d.push(1.0 + 9.0 * rng.next());
                        fpc.push(if case % 2 == 0 { 0.0 } else { 0.3 * rng.next() });
                    }
                    psu_id += 1;
                }
            }
            // every category present
            for (i, (ai, bi)) in [(0, 0), (1, 1), (2, 0)].into_iter().enumerate() {
                a[i] = ai;
                b[i] = bi;
            }
            let n = d.len();
            // sampling fraction constant within stratum
            let fh: Vec<f64> = (0..n_strata).map(|_| 0.4 * rng.next()).collect();
            let fpc: Option<Vec<f64>> =
                (case % 2 == 1).then(|| strata.iter().map(|&h| fh[h as usize]).collect());
            let (ls, lp, la, lb) = (
                labels(n_strata as usize),
                labels(psu_id as usize),
                labels(3),
                labels(2),
            );
            let lonely = [
                LonelyPsu::Adjust,
                LonelyPsu::Average,
                LonelyPsu::Remove,
                LonelyPsu::Certainty,
            ][case % 4];
            let spec = |w: &[f64]| {
                Design::new(DesignSpec {
                    weights: w,
                    strata: Some(Grouping {
                        codes: &strata,
                        labels: &ls,
                    }),
                    psu: Some(Grouping {
                        codes: &psus,
                        labels: &lp,
                    }),
                    nest: false,
                    fpc: fpc.as_deref(),
                    lonely,
                })
                .unwrap()
            };
            let mut ta = [0.0; 3];
            let mut tb = [0.0; 2];
            let mut tx = 0.0;
            for k in 0..n {
                ta[a[k] as usize] += d[k] * 1.05;
                tb[b[k] as usize] += d[k];
                tx += d[k] * x[k] * 0.97;
            }
            let nb: f64 = tb.iter().sum();
            let na: f64 = ta.iter().sum();
            let named = |v: &[f64], s: f64| -> Vec<(String, f64)> {
                labels(v.len())
                    .into_iter()
                    .zip(v.iter().map(|t| t * s))
                    .collect()
            };
            let (auxiliaries, method) = match case % 3 {
                0 => (
                    vec![
                        cat("a", &a, &la, named(&ta, 1.0)),
                        cat("b", &b, &lb, named(&tb, na / nb)),
                        Auxiliary {
                            name: "x".into(),
                            values: AuxValues::Numeric {
                                values: &x,
                                total: tx,
                            },
                        },
                    ],
                    CalibrationMethod::Calibrate(CalFun::Linear),
                ),
                1 => (
                    vec![
                        cat("a", &a, &la, named(&ta, 1.0)),
                        cat("b", &b, &lb, named(&tb, na / nb)),
                    ],
                    CalibrationMethod::Calibrate(CalFun::Logit {
                        lower: 0.5,
                        upper: 2.0,
                    }),
                ),
                _ => (
                    vec![cat("a", &a, &la, named(&ta, 1.0))],
                    CalibrationMethod::PostStratify,
                ),
            };
            let design = spec(&d)
                .calibrate(&CalibrationSpec {
                    auxiliaries,
                    method,
                })
                .unwrap();
            let cal = design.calibration().unwrap();
            let plain = spec(design.weights());
            let y: Vec<f64> = (0..n).map(|_| rng.next() * 5.0 - 1.0).collect();
            let mut s = design.scratch();
            let mut r = plain.scratch();
            // domains: everything, half, a few rows, one row; rows repeated (contrasts)
            let all: Vec<u32> = (0..n as u32).collect();
            let half: Vec<u32> = (0..n as u32).filter(|k| k % 2 == 0).collect();
            let few: Vec<u32> = (0..n as u32).filter(|k| k % 7 == 3).collect();
            let repeated: Vec<u32> = few.iter().chain(&half).copied().collect();
            for rows in [all, half, few, vec![1], repeated] {
                let w = design.weights();
                let scores: Vec<(u32, f64)> = rows
                    .iter()
                    .map(|&k| (k, w[k as usize] * y[k as usize]))
                    .collect();
                let (fast, df) = design.variance_of_scores(scores.clone(), &mut s);
                // rounding is relative to the scale of the scores (a residual variance can be 0)
                let (raw, _) = plain.variance_of_scores(scores.clone(), &mut r);
                let e = cal.residuals(scores);
                let (slow, slow_df) = plain
                    .variance_of_scores(e.iter().enumerate().map(|(k, &u)| (k as u32, u)), &mut r);
                assert!(
                    (fast - slow).abs() <= 1e-12 * slow.abs().max(raw),
                    "case {case} ({lonely:?}, {method:?}): {fast} vs {slow}"
                );
                assert_eq!(df, slow_df, "case {case}");
            }
        }
    }
}
