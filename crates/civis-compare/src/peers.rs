//! Peer areas: statistical nearest neighbours on context variables.
//!
//! "Which cities are like mine?" is answered by a distance on standardised context variables
//! (population size, migrant share and composition, labour market, ...), as in the CIPFA
//! Nearest Neighbours Model for English local authorities and the ONS "Explore local
//! statistics" similar areas: both use a weighted Euclidean distance between z-scored
//! indicators. Here:
//!
//! 1. **Standardisation** over the candidate set (the areas passed in): for variable `v`,
//!    `z_iv = (x_iv - mean_v) / sd_v`, with the mean and the sample standard deviation
//!    (divisor `n_v - 1`, as R `scale`) over the `n_v` areas where `v` is observed. A variable
//!    observed in fewer than two areas, or constant, cannot be standardised and is not used
//!    ([`PeerModel::unusable_variables`]). Standardising over the candidates means that the
//!    distances change when the candidate set changes: a peer set is relative to the areas
//!    compared.
//! 2. **Distance** between areas `i` and `j` over the set `S_ij` of variables observed for both
//!    with weight `w_v > 0`:
//!
//!    ```text
//!    d²(i, j) = (W / W_ij) Σ_{v ∈ S_ij} w_v (z_iv - z_jv)²,   W = Σ_v w_v,  W_ij = Σ_{v ∈ S_ij} w_v
//!    ```
//!
//!    The factor `W / W_ij` scales a distance computed on fewer variables up to the full set,
//!    as R `dist()` does for missing values (it scales by `p / |S_ij|`; with unit weights the
//!    two agree). Pairs sharing fewer than `min_shared` variables are not compared: a distance
//!    on one or two variables would make unlike areas look close.
//! 3. **Explanation**: each variable's share of the squared distance,
//!    `w_v (z_iv - z_jv)² / Σ_{u ∈ S_ij} w_u (z_iu - z_ju)²` (the shares sum to 1 for a non-zero
//!    distance; they are all 0 for a distance of 0), together with the signed standardised
//!    difference `z_jv - z_iv`, so a portal can say "similar because of ..., differs most in
//!    ...".
//!
//! Weights are the user's: weight 0 removes a variable, weight 2 counts a variable's squared
//! difference twice. Weights only change the distance, not the standardisation.

use crate::error::CompareError;

/// Context variables of the candidate areas, standardised, with the user's weights.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerModel {
    n_areas: usize,
    n_variables: usize,
    /// z-scores, row-major `areas × variables`, `NaN` where missing or unusable.
    z: Vec<f64>,
    means: Vec<f64>,
    sds: Vec<f64>,
    usable: Vec<bool>,
    weights: Vec<f64>,
    /// `W`: the sum of the weights of the usable variables.
    total_weight: f64,
}

/// One variable's part in a distance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Contribution {
    /// Index of the variable (column).
    pub variable: usize,
    /// Share of the squared distance, `w_v (z_iv - z_jv)² / Σ_u w_u (z_iu - z_ju)²`.
    pub share: f64,
    /// `z_jv - z_iv`: how many standard deviations the peer is above (+) or below (-) the
    /// target area on this variable.
    pub z_difference: f64,
}

/// A peer of a target area.
#[derive(Debug, Clone, PartialEq)]
pub struct Peer {
    /// Index of the peer area (row).
    pub area: usize,
    /// `d(target, peer)` as in the [module documentation](self).
    pub distance: f64,
    /// Number of weighted variables observed for both areas.
    pub shared: usize,
    /// One entry per shared variable, in variable order.
    pub contributions: Vec<Contribution>,
}

/// The k nearest peers of an area, and the candidates that could not be compared.
#[derive(Debug, Clone, PartialEq)]
pub struct Peers {
    /// Nearest first; ties in distance are broken by area index.
    pub peers: Vec<Peer>,
    /// Candidates sharing fewer than `min_shared` variables with the target.
    pub too_few_shared: Vec<usize>,
}

impl PeerModel {
    /// Standardises `values` (row-major `areas × variables`, `NaN` for missing) and stores
    /// `weights` (one per variable, finite and `>= 0`).
    pub fn new(values: &[f64], n_variables: usize, weights: &[f64]) -> Result<Self, CompareError> {
        if values.len().checked_rem(n_variables) != Some(0) {
            return Err(CompareError::NotAMatrix {
                len: values.len(),
                n_variables,
            });
        }
        let n_areas = values.len() / n_variables;
        if let Some(p) = values.iter().position(|x| x.is_infinite()) {
            return Err(CompareError::InfiniteContextValue {
                area: p / n_variables,
                variable: p % n_variables,
            });
        }
        let mut means = vec![f64::NAN; n_variables];
        let mut sds = vec![f64::NAN; n_variables];
        let mut usable = vec![false; n_variables];
        for v in 0..n_variables {
            let observed: Vec<f64> = (0..n_areas)
                .map(|i| values[i * n_variables + v])
                .filter(|x| !x.is_nan())
                .collect();
            let n = observed.len();
            if n == 0 {
                continue;
            }
            let mean = observed.iter().sum::<f64>() / n as f64;
            means[v] = mean;
            if n < 2 {
                continue;
            }
            let ss: f64 = observed.iter().map(|x| (x - mean) * (x - mean)).sum();
            let sd = (ss / (n - 1) as f64).sqrt();
            sds[v] = sd;
            usable[v] = sd > 0.0;
        }
        let z = values
            .iter()
            .enumerate()
            .map(|(p, &x)| {
                let v = p % n_variables;
                if usable[v] {
                    (x - means[v]) / sds[v]
                } else {
                    f64::NAN
                }
            })
            .collect();
        let mut model = PeerModel {
            n_areas,
            n_variables,
            z,
            means,
            sds,
            usable,
            weights: Vec::new(),
            total_weight: 0.0,
        };
        model.set_weights(weights)?;
        Ok(model)
    }

    /// Replaces the weights (the standardisation does not change).
    pub fn set_weights(&mut self, weights: &[f64]) -> Result<(), CompareError> {
        if weights.len() != self.n_variables {
            return Err(CompareError::LengthMismatch {
                what: "variable weights",
                expected: self.n_variables,
                found: weights.len(),
            });
        }
        if let Some((index, &value)) = weights
            .iter()
            .enumerate()
            .find(|(_, w)| !w.is_finite() || **w < 0.0)
        {
            return Err(CompareError::InvalidWeight { index, value });
        }
        let total: f64 = (0..self.n_variables)
            .filter(|&v| self.usable[v])
            .map(|v| weights[v])
            .sum();
        if total <= 0.0 {
            return Err(CompareError::NoUsableVariable);
        }
        self.weights = weights.to_vec();
        self.total_weight = total;
        Ok(())
    }

    pub fn n_areas(&self) -> usize {
        self.n_areas
    }

    pub fn n_variables(&self) -> usize {
        self.n_variables
    }

    /// Means of the variables over the candidate areas (`NaN` if never observed).
    pub fn means(&self) -> &[f64] {
        &self.means
    }

    /// Sample standard deviations of the variables (`NaN` if observed fewer than twice).
    pub fn sds(&self) -> &[f64] {
        &self.sds
    }

    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// Variables that cannot be standardised (observed in fewer than two areas, or constant).
    pub fn unusable_variables(&self) -> Vec<usize> {
        (0..self.n_variables).filter(|&v| !self.usable[v]).collect()
    }

    /// z-scores of one area (`NaN` where missing or unusable).
    pub fn z_scores(&self, area: usize) -> Result<&[f64], CompareError> {
        self.check_area(area)?;
        Ok(&self.z[area * self.n_variables..(area + 1) * self.n_variables])
    }

    fn check_area(&self, area: usize) -> Result<(), CompareError> {
        if area < self.n_areas {
            Ok(())
        } else {
            Err(CompareError::NoSuchArea {
                index: area,
                count: self.n_areas,
            })
        }
    }

    /// Distance from `target` to `other` with its explanation, or `None` when they share fewer
    /// than `min_shared` weighted variables.
    pub fn distance(
        &self,
        target: usize,
        other: usize,
        min_shared: usize,
    ) -> Result<Option<Peer>, CompareError> {
        if min_shared == 0 {
            return Err(CompareError::InvalidMinShared);
        }
        let zt = self.z_scores(target)?;
        let zo = self.z_scores(other)?;
        let Some(distance) = self.distance_of_rows(zt, zo, min_shared) else {
            return Ok(None);
        };
        let shared = self.shared_variables(zt, zo);
        let parts: Vec<f64> = shared
            .clone()
            .map(|v| self.weights[v] * (zo[v] - zt[v]).powi(2))
            .collect();
        let sum: f64 = parts.iter().sum();
        let contributions: Vec<Contribution> = shared
            .zip(parts)
            .map(|(v, part)| Contribution {
                variable: v,
                share: if sum > 0.0 { part / sum } else { 0.0 },
                z_difference: zo[v] - zt[v],
            })
            .collect();
        Ok(Some(Peer {
            area: other,
            distance,
            shared: contributions.len(),
            contributions,
        }))
    }

    /// Variables with positive weight observed in both rows of z-scores.
    fn shared_variables<'s>(
        &'s self,
        zt: &'s [f64],
        zo: &'s [f64],
    ) -> impl Iterator<Item = usize> + Clone + 's {
        (0..self.n_variables)
            .filter(move |&v| self.weights[v] > 0.0 && !zt[v].is_nan() && !zo[v].is_nan())
    }

    /// `d` between two rows of z-scores, `None` below `min_shared` shared variables.
    fn distance_of_rows(&self, zt: &[f64], zo: &[f64], min_shared: usize) -> Option<f64> {
        let (mut weighted_sq, mut shared_weight, mut shared) = (0.0, 0.0, 0);
        for v in self.shared_variables(zt, zo) {
            let w = self.weights[v];
            weighted_sq += w * (zo[v] - zt[v]).powi(2);
            shared_weight += w;
            shared += 1;
        }
        (shared >= min_shared).then(|| (self.total_weight / shared_weight * weighted_sq).sqrt())
    }

    /// The `k` areas nearest to `target` among all the others.
    pub fn nearest(
        &self,
        target: usize,
        k: usize,
        min_shared: usize,
    ) -> Result<Peers, CompareError> {
        self.nearest_where(target, k, min_shared, |_| true)
    }

    /// The `k` areas nearest to `target` among those for which `candidate(area)` is true (e.g.
    /// only cities of another country, or of the same size class). The standardisation stays
    /// that of the whole model.
    pub fn nearest_where(
        &self,
        target: usize,
        k: usize,
        min_shared: usize,
        candidate: impl Fn(usize) -> bool,
    ) -> Result<Peers, CompareError> {
        self.check_area(target)?;
        if min_shared == 0 {
            return Err(CompareError::InvalidMinShared);
        }
        let zt = self.z_scores(target)?;
        let mut ranked = Vec::new();
        let mut too_few_shared = Vec::new();
        for other in (0..self.n_areas).filter(|&j| j != target && candidate(j)) {
            let zo = &self.z[other * self.n_variables..(other + 1) * self.n_variables];
            match self.distance_of_rows(zt, zo, min_shared) {
                Some(d) => ranked.push((d, other)),
                None => too_few_shared.push(other),
            }
        }
        ranked.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        // Explanations only for the peers returned.
        let peers = ranked
            .into_iter()
            .take(k)
            .map(|(_, other)| self.distance(target, other, min_shared))
            .filter_map(Result::transpose)
            .collect::<Result<Vec<Peer>, CompareError>>()?;
        Ok(Peers {
            peers,
            too_few_shared,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// 5 areas × 3 variables.
    const X: [f64; 15] = [
        1.0, 10.0, 100.0, //
        2.0, 14.0, 130.0, //
        1.0, 10.0, 100.0, // duplicate of area 0
        5.0, 30.0, 90.0, //
        3.0, 20.0, 160.0,
    ];

    fn sample_sd(x: &[f64]) -> (f64, f64) {
        let m = x.iter().sum::<f64>() / x.len() as f64;
        let v = x.iter().map(|a| (a - m) * (a - m)).sum::<f64>() / (x.len() - 1) as f64;
        (m, v.sqrt())
    }

    #[test]
    fn standardisation_uses_the_sample_sd_over_the_candidates() {
        let m = PeerModel::new(&X, 3, &[1.0; 3]).unwrap();
        let (mean, sd) = sample_sd(&[1.0, 2.0, 1.0, 5.0, 3.0]);
        assert!((m.means()[0] - 2.4).abs() < 1e-15 && (m.means()[0] - mean).abs() < 1e-15);
        assert!((m.sds()[0] - sd).abs() < 1e-15);
        assert!((m.z_scores(3).unwrap()[0] - (5.0 - mean) / sd).abs() < 1e-15);
    }

    #[test]
    fn an_exact_duplicate_is_the_nearest_with_distance_zero() {
        let m = PeerModel::new(&X, 3, &[1.0; 3]).unwrap();
        let p = m.nearest(0, 2, 1).unwrap();
        assert_eq!(p.peers[0].area, 2);
        assert_eq!(p.peers[0].distance, 0.0);
        assert!(p.peers[0].contributions.iter().all(|c| c.share == 0.0));
        assert!(p.peers[1].distance > 0.0);
        assert_eq!(p.peers.len(), 2);
    }

    #[test]
    fn distance_and_contributions_by_hand() {
        let m = PeerModel::new(&X, 3, &[1.0, 2.0, 0.5]).unwrap();
        let p = m.distance(0, 1, 1).unwrap().unwrap();
        let col = |v: usize| (0..5).map(|i| X[i * 3 + v]).collect::<Vec<_>>();
        let mut parts = Vec::new();
        for (v, w) in [(0, 1.0), (1, 2.0), (2, 0.5)] {
            let (_, sd) = sample_sd(&col(v));
            let dz = (X[3 + v] - X[v]) / sd;
            parts.push(w * dz * dz);
        }
        let total: f64 = parts.iter().sum();
        assert!((p.distance - total.sqrt()).abs() < 1e-12);
        for (c, part) in p.contributions.iter().zip(&parts) {
            assert!((c.share - part / total).abs() < 1e-12);
        }
        let sum: f64 = p.contributions.iter().map(|c| c.share).sum();
        assert!((sum - 1.0).abs() < 1e-12);
        assert!(p.contributions.iter().all(|c| c.z_difference > 0.0));
    }

    #[test]
    fn weight_zero_removes_a_variable() {
        // Areas 0 and 1 differ only in variable 2; with its weight at 0 they are identical.
        let x = [
            1.0, 2.0, 3.0, //
            1.0, 2.0, 9.0, //
            4.0, 0.0, 5.0,
        ];
        let mut m = PeerModel::new(&x, 3, &[1.0; 3]).unwrap();
        assert!(m.distance(0, 1, 1).unwrap().unwrap().distance > 0.0);
        m.set_weights(&[1.0, 1.0, 0.0]).unwrap();
        let p = m.distance(0, 1, 1).unwrap().unwrap();
        assert_eq!(p.distance, 0.0);
        assert_eq!(p.shared, 2);
        assert!(p.contributions.iter().all(|c| c.variable != 2));
        assert!(matches!(
            m.set_weights(&[0.0, 0.0, 0.0]),
            Err(CompareError::NoUsableVariable)
        ));
        assert!(matches!(
            m.set_weights(&[1.0, -1.0, 0.0]),
            Err(CompareError::InvalidWeight { index: 1, .. })
        ));
    }

    #[test]
    fn missing_values_rescale_to_the_full_weight_and_respect_min_shared() {
        let nan = f64::NAN;
        let x = [
            0.0, 0.0, 0.0, //
            1.0, nan, 1.0, //
            2.0, 2.0, nan, //
            nan, nan, 3.0,
        ];
        let m = PeerModel::new(&x, 3, &[1.0; 3]).unwrap();
        // Area 1 vs 0 on variables 0 and 2 only: d² = (3 / 2) (dz0² + dz2²).
        let z0 = m.z_scores(0).unwrap().to_vec();
        let z1 = m.z_scores(1).unwrap().to_vec();
        let by_hand = (1.5 * ((z1[0] - z0[0]).powi(2) + (z1[2] - z0[2]).powi(2))).sqrt();
        let p = m.distance(0, 1, 2).unwrap().unwrap();
        assert!((p.distance - by_hand).abs() < 1e-12);
        assert_eq!(p.shared, 2);
        // Area 3 shares one variable with 0: refused with min_shared 2, compared with 1.
        let peers = m.nearest(0, 10, 2).unwrap();
        assert_eq!(peers.too_few_shared, vec![3]);
        assert!(peers.peers.iter().all(|p| p.area != 3));
        assert_eq!(m.nearest(0, 10, 1).unwrap().peers.len(), 3);
        assert_eq!(m.distance(0, 1, 0), Err(CompareError::InvalidMinShared));
    }

    #[test]
    fn constant_or_rare_variables_are_not_used() {
        let nan = f64::NAN;
        let x = [
            1.0, 7.0, nan, //
            2.0, 7.0, 5.0, //
            4.0, 7.0, nan,
        ];
        let m = PeerModel::new(&x, 3, &[1.0; 3]).unwrap();
        assert_eq!(m.unusable_variables(), vec![1, 2]);
        let p = m.distance(0, 1, 1).unwrap().unwrap();
        assert_eq!(p.shared, 1);
        assert!(matches!(
            PeerModel::new(&x, 3, &[0.0, 1.0, 1.0]),
            Err(CompareError::NoUsableVariable)
        ));
    }

    #[test]
    fn candidate_filter_and_bad_input() {
        let m = PeerModel::new(&X, 3, &[1.0; 3]).unwrap();
        let p = m.nearest_where(0, 5, 1, |j| j != 2).unwrap();
        assert!(p.peers.iter().all(|p| p.area != 2 && p.area != 0));
        assert_eq!(p.peers.len(), 3);
        assert!(matches!(
            m.nearest(9, 1, 1),
            Err(CompareError::NoSuchArea { index: 9, count: 5 })
        ));
        assert!(matches!(
            PeerModel::new(&X[..14], 3, &[1.0; 3]),
            Err(CompareError::NotAMatrix {
                len: 14,
                n_variables: 3
            })
        ));
        assert!(matches!(
            PeerModel::new(&X, 3, &[1.0; 2]),
            Err(CompareError::LengthMismatch { .. })
        ));
        let mut inf = X;
        inf[4] = f64::INFINITY;
        assert_eq!(
            PeerModel::new(&inf, 3, &[1.0; 3]),
            Err(CompareError::InfiniteContextValue {
                area: 1,
                variable: 1
            })
        );
    }

    fn matrix() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
        (2usize..8, 2usize..5).prop_flat_map(|(n, p)| {
            (
                prop::collection::vec(
                    prop_oneof![4 => -100.0f64..100.0, 1 => Just(f64::NAN)],
                    n * p,
                ),
                prop::collection::vec(prop_oneof![Just(0.0), 0.1f64..3.0], p),
            )
        })
    }

    proptest! {
        #[test]
        fn distances_are_symmetric_and_shares_sum_to_one((x, w) in matrix()) {
            let p = w.len();
            let Ok(m) = PeerModel::new(&x, p, &w) else { return Ok(()) };
            for i in 0..m.n_areas() {
                for j in 0..m.n_areas() {
                    let a = m.distance(i, j, 1).unwrap();
                    let b = m.distance(j, i, 1).unwrap();
                    prop_assert_eq!(a.is_some(), b.is_some());
                    if let (Some(a), Some(b)) = (a, b) {
                        prop_assert!((a.distance - b.distance).abs() <= 1e-9 * (1.0 + a.distance));
                        if i == j { prop_assert_eq!(a.distance, 0.0); }
                        let sum: f64 = a.contributions.iter().map(|c| c.share).sum();
                        if a.distance > 0.0 {
                            prop_assert!((sum - 1.0).abs() < 1e-9);
                        } else {
                            prop_assert_eq!(sum, 0.0);
                        }
                    }
                }
            }
        }

        #[test]
        fn nearest_is_sorted_and_agrees_with_distance((x, w) in matrix(), k in 1usize..4) {
            let Ok(m) = PeerModel::new(&x, w.len(), &w) else { return Ok(()) };
            let found = m.nearest(0, k, 1).unwrap();
            let mut all: Vec<(f64, usize)> = (1..m.n_areas())
                .filter_map(|j| m.distance(0, j, 1).unwrap().map(|p| (p.distance, j)))
                .collect();
            all.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            all.truncate(k);
            let got: Vec<(f64, usize)> = found.peers.iter().map(|p| (p.distance, p.area)).collect();
            prop_assert_eq!(got, all);
        }

        #[test]
        fn scaling_weights_scales_distances_by_the_square_root((x, w) in matrix(), c in 0.1f64..10.0) {
            let p = w.len();
            let Ok(m) = PeerModel::new(&x, p, &w) else { return Ok(()) };
            let scaled: Vec<f64> = w.iter().map(|v| v * c).collect();
            let ms = PeerModel::new(&x, p, &scaled).unwrap();
            for j in 1..m.n_areas() {
                if let (Some(a), Some(b)) = (m.distance(0, j, 1).unwrap(), ms.distance(0, j, 1).unwrap()) {
                    prop_assert!((b.distance - c.sqrt() * a.distance).abs() <= 1e-9 * (1.0 + b.distance));
                }
            }
        }
    }
}
