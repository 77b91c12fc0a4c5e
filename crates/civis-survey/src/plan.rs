//! Sample-size planning: how many respondents a domain needs for a target precision, and how to
//! allocate a fixed sample across domains.
//!
//! For an estimator whose variance falls as `1/n` (every design-based estimator here, for a
//! fixed design), `CV(n) = CV_obs * sqrt(n_obs / n)`, so the sample size for a target CV is
//! `n = n_obs (CV_obs / CV_target)^2`; the observed design effect and the domain's share of the
//! sample are carried by `CV_obs` and `n_obs` (Kish 1965, ch. 2 and 8.2; Cochran 1977, §4.4).
//! Without an observed CV, for a proportion `p` under a design effect `deff`:
//! `n0 = deff (1 - p) / (p CV^2)` (Cochran 1977, eq. 4.2 with `V = deff p (1-p) / n`), and with
//! the finite population correction `n = n0 / (1 + n0 / N)` (Cochran 1977, eq. 4.3).
//! A target margin of error `e` (half-width of the 95 % interval, in the estimate's units) gives
//! `n = n_obs (z se_obs / e)^2`, `z = 1.96`.
//!
//! Allocation of a fixed total `n` over domains with `K_d = CV_d^2 n_d` (observed): the largest CV
//! is smallest when all CVs are equal (minimax), i.e. `n_d = n K_d / sum K`, common CV
//! `sqrt(sum K / n)`; to meet a CV target everywhere `n_d = K_d / CV_target^2`. The oversampling
//! factor of a domain is its needed sample over its proportional share `n (N_d / N)`.

/// Sample size for a target CV from an observed CV at an observed sample size.
pub fn n_for_cv(n_obs: f64, cv_obs: f64, cv_target: f64) -> f64 {
    n_obs * (cv_obs / cv_target).powi(2)
}

/// Sample size for a target margin of error (95 % half-width) from an observed standard error.
pub fn n_for_margin(n_obs: f64, se_obs: f64, margin: f64) -> f64 {
    n_obs * (1.959_963_984_540_054 * se_obs / margin).powi(2)
}

/// Sample size for a proportion `p` with design effect `deff` to reach `cv_target`, with the
/// finite population correction for a domain of `population` units (`None`: infinite).
pub fn n_for_proportion(p: f64, deff: f64, cv_target: f64, population: Option<f64>) -> f64 {
    let n0 = deff * (1.0 - p) / (p * cv_target * cv_target);
    match population {
        Some(big_n) if big_n.is_finite() && big_n > 0.0 => n0 / (1.0 + n0 / big_n),
        _ => n0,
    }
}

/// Allocation of `total` respondents over domains with observed `(n_d, cv_d)` that makes every
/// domain's CV equal (the smallest possible largest CV); returns `(n_d, common CV)`.
pub fn minimax_allocation(observed: &[(f64, f64)], total: f64) -> (Vec<f64>, f64) {
    let k: Vec<f64> = observed.iter().map(|&(n, cv)| cv * cv * n).collect();
    let sum: f64 = k.iter().sum();
    let alloc = k.iter().map(|kd| total * kd / sum).collect();
    (alloc, (sum / total).sqrt())
}

/// Sample sizes meeting `cv_target` in every domain.
pub fn allocation_for_target(observed: &[(f64, f64)], cv_target: f64) -> Vec<f64> {
    observed
        .iter()
        .map(|&(n, cv)| n_for_cv(n, cv, cv_target))
        .collect()
}

/// Oversampling factor: the needed sample over the proportional share `total * share`.
pub fn oversampling_factor(needed: f64, total: f64, population_share: f64) -> f64 {
    needed / (total * population_share)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn srs_proportion_by_hand() {
        // p = 0.2, CV 10 %: Var = p(1-p)/n = (0.1 * 0.2)^2 -> n = 0.16 / 0.0004 = 400
        assert!((n_for_proportion(0.2, 1.0, 0.1, None) - 400.0).abs() < 1e-9);
        // a design effect of 1.5 needs 1.5 times as many
        assert!((n_for_proportion(0.2, 1.5, 0.1, None) - 600.0).abs() < 1e-9);
        // a finite population of 1,000: 400 / (1 + 0.4) = 285.714...
        assert!((n_for_proportion(0.2, 1.0, 0.1, Some(1000.0)) - 400.0 / 1.4).abs() < 1e-9);
    }

    #[test]
    fn observed_cv_scales_with_root_n() {
        // CV 20 % at n = 100 -> CV 10 % needs four times the sample
        assert!((n_for_cv(100.0, 0.2, 0.1) - 400.0).abs() < 1e-9);
        // se 2 pp at n = 50, margin 2 pp -> n = 50 * 1.96^2
        assert!(
            (n_for_margin(50.0, 2.0, 2.0) - 50.0 * 1.959_963_984_540_054f64.powi(2)).abs() < 1e-9
        );
    }

    #[test]
    fn minimax_equalises_cvs() {
        let obs = [(100.0, 0.1), (50.0, 0.3)];
        let (alloc, cv) = minimax_allocation(&obs, 600.0);
        // K = (1, 4.5); n = 600 * K / 5.5
        assert!((alloc[0] - 600.0 / 5.5).abs() < 1e-9);
        assert!((alloc[1] - 600.0 * 4.5 / 5.5).abs() < 1e-9);
        for (&(n, c), a) in obs.iter().zip(&alloc) {
            let new_cv = c * (n / a).sqrt();
            assert!((new_cv - cv).abs() < 1e-12);
        }
        assert!((oversampling_factor(300.0, 1000.0, 0.1) - 3.0).abs() < 1e-12);
    }
}
