//! The Gini coefficient and its linearised PSU totals from one sweep over the rows sorted by
//! domain and value ([`crate::rank_sort`]), in memory that grows with PSUs x domains.
//!
//! Over a domain sorted by `y` (ties in row order), with `W_i` the cumulative weight up to row
//! `i`, `S_i = sum_{j >= i} w_j y_j`, `N = sum w`, `Y = sum w y`:
//! - `g = (2 sum w_i y_i W_i - sum w_i^2 y_i) / (N Y) - 1` (laeken `giniCoeff`), times 100;
//! - the scores `z_i = 2 (y_i W_i + S_i) / (N Y) - (g + 1) (1/N + y_i / Y)` (Osier 2009;
//!   Langel & Tillé 2013; [`crate::statistic`]) are linear in `g`, so the sweep keeps, per PSU
//!   `p`, `A_p = sum_p w_i 2 (y_i W_i + S_i) / (N Y)` and `B_p = sum_p w_i (1/N + y_i / Y)`, and
//!   the PSU total of `100 w z` is `U_p = 100 (A_p - (g + 1) B_p)` once `g` is known.
//!
//! `N` and `Y` come from an earlier pass, so `S_i = Y - sum_{j < i} w_j y_j` is known going
//! forward. The estimate's sums are compensated, the scores' plain, as the whole-file
//! [`crate::statistic::gini`] and its scores.

use std::collections::HashMap;

use crate::error::SurveyError;
use crate::quantile::CompensatedSum;
use crate::rank_sort::RankRecord;
use crate::threshold::from_key;

/// The Gini coefficient of one domain and its per-PSU score parts.
#[derive(Debug, Clone, Default)]
pub struct GiniDomain {
    /// `100 g` (`NaN` without rows).
    pub est: f64,
    /// Per PSU unit: `(A_p, B_p)`.
    pub parts: HashMap<u32, (f64, f64)>,
}

impl GiniDomain {
    /// The PSU totals `U_p = 100 (A_p - (g + 1) B_p)` of the scores `100 w z`.
    pub fn totals(&self) -> impl Iterator<Item = (u32, f64)> + '_ {
        let g = self.est / 100.0;
        (self.parts.iter()).map(move |(&u, &(a, b))| (u, 100.0 * (a - (g + 1.0) * b)))
    }
}

/// The sums of the domain being swept.
struct Sweep {
    n: f64,
    big_y: f64,
    cw: CompensatedSum,
    a: CompensatedSum,
    b: CompensatedSum,
    wx: CompensatedSum,
    /// Plain cumulative weight and `w y` below the current row (the scores').
    cum: f64,
    below: f64,
    parts: HashMap<u32, (f64, f64)>,
}

impl Sweep {
    fn new((n, big_y): (f64, f64)) -> Self {
        Sweep {
            n,
            big_y,
            cw: CompensatedSum::default(),
            a: CompensatedSum::default(),
            b: CompensatedSum::default(),
            wx: CompensatedSum::default(),
            cum: 0.0,
            below: 0.0,
            parts: HashMap::new(),
        }
    }

    fn add(&mut self, r: &RankRecord) {
        let (y, w) = (from_key(r.key), r.weight);
        self.cw.add(w);
        let v = w * y;
        self.a.add(v * self.cw.value());
        self.b.add(w * w * y);
        self.wx.add(v);
        self.cum += w;
        let suffix = self.big_y - self.below;
        self.below += v;
        let (n, big_y) = (self.n, self.big_y);
        let part = self.parts.entry(r.unit).or_insert((0.0, 0.0));
        part.0 += w * 2.0 * (y * self.cum + suffix) / (n * big_y);
        part.1 += w * (1.0 / n + y / big_y);
    }

    fn finish(self) -> GiniDomain {
        let (a, b) = (self.a.value(), self.b.value());
        GiniDomain {
            est: 100.0 * ((2.0 * a - b) / (self.cw.value() * self.wx.value()) - 1.0),
            parts: self.parts,
        }
    }
}

/// Sweeps records sorted by (domain, value, row); `totals[d] = (N_d, Y_d)`. Domains without
/// records get a `NaN` estimate and no parts.
pub fn gini_by_domain(
    sorted: impl Iterator<Item = Result<RankRecord, SurveyError>>,
    totals: &[(f64, f64)],
) -> Result<Vec<GiniDomain>, SurveyError> {
    let mut out: Vec<GiniDomain> = (0..totals.len())
        .map(|_| GiniDomain {
            est: f64::NAN,
            parts: HashMap::new(),
        })
        .collect();
    let mut current: Option<(u32, Sweep)> = None;
    for r in sorted {
        let r = r?;
        let d = r.domain as usize;
        if d >= totals.len() {
            return Err(SurveyError::Invalid(format!(
                "row {} is in domain {d} of {}",
                r.row,
                totals.len()
            )));
        }
        match &mut current {
            Some((cd, sweep)) if *cd == r.domain => sweep.add(&r),
            _ => {
                if let Some((cd, sweep)) = current.take() {
                    out[cd as usize] = sweep.finish();
                }
                let mut sweep = Sweep::new(totals[d]);
                sweep.add(&r);
                current = Some((r.domain, sweep));
            }
        }
    }
    if let Some((cd, sweep)) = current {
        out[cd as usize] = sweep.finish();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::statistic::{gini, linearised_scores, sorted_rows, DomainData, Inputs, Statistic};

    #[test]
    fn the_sweep_gives_the_whole_file_gini_and_its_psu_totals() {
        // ties across PSUs, zero and unequal weights, two domains
        let n = 600u32;
        let y: Vec<f64> = (0..n).map(|i| f64::from((i * 37) % 101) + 0.5).collect();
        let w: Vec<f64> = (0..n).map(|i| f64::from(i % 4)).collect();
        let unit = |i: u32| i / 7;
        let dom = |i: u32| i % 2;
        let mut records: Vec<RankRecord> = (0..n)
            .map(|i| RankRecord::new(dom(i), y[i as usize], u64::from(i), w[i as usize], unit(i)))
            .collect();
        records.sort_by_key(|r| (r.domain, r.key, r.row));
        let mut totals = vec![(0.0, 0.0); 2];
        for i in 0..n as usize {
            let t = &mut totals[dom(i as u32) as usize];
            t.0 += w[i];
            t.1 += w[i] * y[i];
        }
        let got = gini_by_domain(records.into_iter().map(Ok), &totals).unwrap();
        for d in 0..2u32 {
            let rows: Vec<u32> = (0..n).filter(|&i| dom(i) == d).collect();
            let sorted = sorted_rows(&y, rows.iter().copied());
            assert_eq!(got[d as usize].est, gini(&sorted, &y, &w));
            let data = DomainData {
                rows,
                sorted: Some(sorted),
                nonresponse: 0.0,
            };
            let inp = Inputs {
                y: &y,
                x: None,
                national: None,
            };
            let (_, scores) = linearised_scores(Statistic::Gini, inp, &data, &w);
            let mut want: HashMap<u32, f64> = HashMap::new();
            for (r, s) in scores {
                *want.entry(unit(r)).or_default() += s;
            }
            let have: HashMap<u32, f64> = got[d as usize].totals().collect();
            assert_eq!(have.len(), want.len());
            for (u, v) in want {
                assert!(
                    (have[&u] - v).abs() < 1e-12,
                    "unit {u}: {} vs {v}",
                    have[&u]
                );
            }
        }
    }

    #[test]
    fn a_domain_without_rows_has_no_gini() {
        let got = gini_by_domain(std::iter::empty(), &[(0.0, 0.0)]).unwrap();
        assert!(got[0].est.is_nan());
        assert_eq!(got[0].totals().count(), 0);
    }
}
