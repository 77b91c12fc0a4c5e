//! Is the difference between two estimates statistically significant?
//!
//! The test is the large-sample Wald (z) test that national statistical offices use for
//! published estimates with standard errors (e.g. the U.S. Census Bureau's ACS "Instructions for
//! Statistical Testing", NYC Population FactFinder):
//!
//! ```text
//! d   = a - b
//! Var = se_a² + se_b² - 2 cov(a, b)          (cov = 0 for independent samples, e.g. two areas)
//! z   = d / sqrt(Var)
//! p   = 2 (1 - Φ(|z|))                        (two-sided)
//! CI  = d ± z_{(1+level)/2} sqrt(Var)
//! ```
//!
//! The difference is significant at `level` when `p < 1 - level`, which is the same as the
//! interval excluding 0. The verdict speaks about values ("a is significantly higher than b"),
//! not about which is better: the caller knows whether higher is better for the indicator.
//!
//! The covariance matters for dependent estimates: a gap between migrants and natives *within one
//! city* (same sample, same PSUs), or an area against an aggregate that contains it. For gaps
//! estimated from microdata, `civis_survey::Contrast` already gives the standard error of the
//! difference with that covariance; the functions here are for published estimates.
//!
//! Multiple comparisons ([`pairwise`], [`versus_reference`]) adjust the p-values with Holm's
//! step-down procedure ([`holm`]), which controls the family-wise error rate under any
//! dependence between the tests and is uniformly more powerful than Bonferroni.

use civis_survey::dist::{normal_quantile, normal_sf};

use crate::error::CompareError;
use crate::estimate::{check_level, Estimate};

/// Outcome of a test of `a - b` against 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// `a` is significantly higher than `b`.
    SignificantlyHigher,
    /// `a` is significantly lower than `b`.
    SignificantlyLower,
    /// The data do not show a difference at the chosen level.
    NotSignificant,
    /// No test possible: a standard error or an estimate is missing.
    Unknown,
}

impl Verdict {
    /// `true` for a significant difference in either direction.
    pub fn is_significant(self) -> bool {
        matches!(
            self,
            Verdict::SignificantlyHigher | Verdict::SignificantlyLower
        )
    }
}

/// The difference `a - b` with its test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Difference {
    /// `a - b` (`NaN` if either estimate is suppressed).
    pub estimate: f64,
    /// Standard error of the difference; `None` when a standard error is missing.
    pub se: Option<f64>,
    /// `d / se` (`±inf` when the difference is non-zero and exact, `0` when both are exact and
    /// equal).
    pub z: Option<f64>,
    /// Two-sided p-value `2 (1 - Φ(|z|))`.
    pub p_value: Option<f64>,
    /// Confidence interval of the difference at `level`.
    pub ci: Option<(f64, f64)>,
    /// Confidence level of `ci` and of the verdict.
    pub level: f64,
    pub verdict: Verdict,
}

/// Tests `a - b` against 0.
///
/// `covariance` is `cov(a, b)`: 0 for estimates from independent samples (two areas), the
/// sampling covariance for dependent ones (two groups in one area's survey). It must satisfy
/// `|cov| <= se_a se_b`. Formula: see the [module documentation](self). When both standard
/// errors are 0 (exact values) a non-zero difference is significant with `p = 0` and equal
/// values give `p = 1`. A missing standard error or a suppressed estimate gives
/// [`Verdict::Unknown`].
pub fn difference(
    a: Estimate,
    b: Estimate,
    covariance: f64,
    level: f64,
) -> Result<Difference, CompareError> {
    check_level(level)?;
    a.validate(0)?;
    b.validate(1)?;
    let estimate = a.value - b.value;
    let unknown = Difference {
        estimate,
        se: None,
        z: None,
        p_value: None,
        ci: None,
        level,
        verdict: Verdict::Unknown,
    };
    let (Some(se_a), Some(se_b)) = (a.se, b.se) else {
        return Ok(unknown);
    };
    // Cauchy-Schwarz, with room for rounding in published figures.
    if !covariance.is_finite() || covariance.abs() > se_a * se_b * (1.0 + 1e-9) + 1e-300 {
        return Err(CompareError::InvalidCovariance {
            covariance,
            se_a,
            se_b,
        });
    }
    if estimate.is_nan() {
        return Ok(unknown);
    }
    let se = (se_a * se_a + se_b * se_b - 2.0 * covariance)
        .max(0.0)
        .sqrt();
    Ok(test_against_zero(estimate, se, level))
}

/// The Wald test of `estimate` (with standard error `se`) against 0 at `level`.
pub(crate) fn test_against_zero(estimate: f64, se: f64, level: f64) -> Difference {
    let (z, p_value) = if se > 0.0 {
        let z = estimate / se;
        (z, 2.0 * normal_sf(z.abs()))
    } else if estimate == 0.0 {
        (0.0, 1.0)
    } else {
        (estimate.signum() * f64::INFINITY, 0.0)
    };
    let half = normal_quantile(0.5 + level / 2.0) * se;
    Difference {
        estimate,
        se: Some(se),
        z: Some(z),
        p_value: Some(p_value),
        ci: Some((estimate - half, estimate + half)),
        level,
        verdict: verdict(estimate, Some(p_value), level),
    }
}

/// Verdict for a difference with (possibly adjusted) p-value `p`: significant when
/// `p < 1 - level`, in the direction of the sign of the difference.
fn verdict(estimate: f64, p: Option<f64>, level: f64) -> Verdict {
    match p {
        None => Verdict::Unknown,
        Some(p) if p < 1.0 - level => {
            if estimate > 0.0 {
                Verdict::SignificantlyHigher
            } else {
                Verdict::SignificantlyLower
            }
        }
        Some(_) => Verdict::NotSignificant,
    }
}

/// The change of one area's value between two periods, `later - earlier`, with its test: the
/// same Wald test as [`difference`], with covariance 0.
///
/// ```text
/// d = later - earlier,   se(d) = sqrt(se_earlier² + se_later²),   z = d / se(d)
/// ```
///
/// Two periods are treated as independent samples: published figures carry no covariance
/// between years. With the positive covariance of a rotating panel (LFS, EU-SILC) the true
/// `se(d)` is smaller, so the test is conservative. A change is "beyond the uncertainty" when
/// the verdict is significant at `level`. Unlike asking whether the two confidence intervals
/// overlap (a test at about the 0.5 % level for 95 % intervals of equal width, Schenker and
/// Gentleman 2001, "On judging the significance of differences by examining the overlap
/// between confidence intervals", The American Statistician 55, 182-186), this is the test
/// every other comparison of the portal uses.
pub fn change(earlier: Estimate, later: Estimate, level: f64) -> Result<Difference, CompareError> {
    difference(later, earlier, 0.0, level)
}

/// Holm (1979) step-down adjusted p-values, as R `p.adjust(p, method = "holm")`.
///
/// With the `m` available p-values sorted increasingly, `p_(1) <= ... <= p_(m)`:
///
/// ```text
/// p̃_(i) = max_{j <= i} min(1, (m - j + 1) p_(j))
/// ```
///
/// Rejecting the hypotheses with `p̃ < α` controls the probability of at least one false
/// rejection at `α`, whatever the dependence between the tests (Holm, S. 1979, "A simple
/// sequentially rejective multiple test procedure", Scand. J. Statist. 6, 65-70). `NaN` entries
/// (tests that could not be done) stay `NaN` and are not counted in `m`, as in R.
pub fn holm(p_values: &[f64]) -> Result<Vec<f64>, CompareError> {
    for (index, &p) in p_values.iter().enumerate() {
        if !p.is_nan() && !(0.0..=1.0).contains(&p) {
            return Err(CompareError::InvalidPValue { index, value: p });
        }
    }
    let mut order: Vec<usize> = (0..p_values.len())
        .filter(|&i| !p_values[i].is_nan())
        .collect();
    order.sort_by(|&i, &j| p_values[i].total_cmp(&p_values[j]).then(i.cmp(&j)));
    let m = order.len();
    let mut adjusted = vec![f64::NAN; p_values.len()];
    let mut running = 0.0_f64;
    for (rank, &i) in order.iter().enumerate() {
        let candidate = ((m - rank) as f64 * p_values[i]).min(1.0);
        running = running.max(candidate);
        adjusted[i] = running;
    }
    Ok(adjusted)
}

/// One test within a family of comparisons.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Comparison {
    /// Index of the first area (the difference is `a - b`).
    pub a: usize,
    /// Index of the second area, or `None` for an external reference.
    pub b: Option<usize>,
    /// The unadjusted test (its `ci` and `verdict` are per comparison).
    pub difference: Difference,
    /// Holm-adjusted p-value over the family (`None` when the test could not be done).
    pub p_adjusted: Option<f64>,
    /// Verdict from the adjusted p-value: significant when `p_adjusted < 1 - level`.
    pub verdict: Verdict,
}

fn holm_family(mut family: Vec<Comparison>) -> Result<Vec<Comparison>, CompareError> {
    let raw: Vec<f64> = family
        .iter()
        .map(|c| c.difference.p_value.unwrap_or(f64::NAN))
        .collect();
    let adjusted = holm(&raw)?;
    for (c, p) in family.iter_mut().zip(adjusted) {
        c.p_adjusted = (!p.is_nan()).then_some(p);
        c.verdict = verdict(c.difference.estimate, c.p_adjusted, c.difference.level);
    }
    Ok(family)
}

/// All `K(K-1)/2` pairwise differences `x_i - x_j` (`i < j`) of independent areas, with
/// Holm-adjusted p-values over the tests that could be done.
pub fn pairwise(estimates: &[Estimate], level: f64) -> Result<Vec<Comparison>, CompareError> {
    check_level(level)?;
    for (i, e) in estimates.iter().enumerate() {
        e.validate(i)?;
    }
    let mut family = Vec::with_capacity(estimates.len() * estimates.len().saturating_sub(1) / 2);
    for i in 0..estimates.len() {
        for j in i + 1..estimates.len() {
            let d = difference(estimates[i], estimates[j], 0.0, level)?;
            family.push(Comparison {
                a: i,
                b: Some(j),
                difference: d,
                p_adjusted: None,
                verdict: Verdict::Unknown,
            });
        }
    }
    holm_family(family)
}

/// What each area is compared with in [`versus_reference`].
#[derive(Debug, Clone, PartialEq)]
pub enum Reference<'a> {
    /// One of the areas (it is not compared with itself; areas are independent of it).
    Area(usize),
    /// A value from outside the list (a national or EU figure). `covariances[i]` is
    /// `cov(x_i, reference)`; pass `None` when the reference is independent of the areas. When
    /// the reference is an aggregate that contains the area, the covariance is not 0: for a
    /// total-weighted mean of independent areas it is `w_i se_i²` with `w_i` the area's share.
    External {
        estimate: Estimate,
        covariances: Option<&'a [f64]>,
    },
}

/// Each area against a reference, `x_i - reference`, Holm-adjusted over the areas tested.
pub fn versus_reference(
    estimates: &[Estimate],
    reference: Reference<'_>,
    level: f64,
) -> Result<Vec<Comparison>, CompareError> {
    check_level(level)?;
    for (i, e) in estimates.iter().enumerate() {
        e.validate(i)?;
    }
    let mut family = Vec::with_capacity(estimates.len());
    match reference {
        Reference::Area(r) => {
            let &reference = estimates.get(r).ok_or(CompareError::NoSuchArea {
                index: r,
                count: estimates.len(),
            })?;
            for (i, &e) in estimates.iter().enumerate().filter(|&(i, _)| i != r) {
                family.push(Comparison {
                    a: i,
                    b: Some(r),
                    difference: difference(e, reference, 0.0, level)?,
                    p_adjusted: None,
                    verdict: Verdict::Unknown,
                });
            }
        }
        Reference::External {
            estimate,
            covariances,
        } => {
            estimate.validate(estimates.len())?;
            if let Some(c) = covariances {
                if c.len() != estimates.len() {
                    return Err(CompareError::LengthMismatch {
                        what: "covariances with the reference",
                        expected: estimates.len(),
                        found: c.len(),
                    });
                }
            }
            for (i, &e) in estimates.iter().enumerate() {
                let cov = covariances.map_or(0.0, |c| c[i]);
                family.push(Comparison {
                    a: i,
                    b: None,
                    difference: difference(e, estimate, cov, level)?,
                    p_adjusted: None,
                    verdict: Verdict::Unknown,
                });
            }
        }
    }
    holm_family(family)
}

/// An area against the mean of its peers.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerMeanComparison {
    /// Unweighted mean of the available peer estimates, with its standard error.
    pub peer_mean: Estimate,
    /// Peers that had an estimate (suppressed peers are left out of the mean).
    pub peers_used: Vec<usize>,
    /// `area - peer_mean`.
    pub difference: Difference,
}

/// Tests an area against the unweighted mean of its peer areas (e.g. from
/// [`crate::peers::PeerModel::nearest`]).
///
/// ```text
/// m       = (1/n) Σ_j x_j                      over the n peers with an estimate
/// Var(m)  = (1/n²) Σ_j se_j²                   (independent samples)
/// Var(d)  = se_area² + Var(m)                  (the area is not one of its peers)
/// ```
///
/// The peers must not include the area itself. Suppressed peers are skipped (reported through
/// `peers_used`); a peer without standard error makes the mean's standard error unknown and the
/// verdict [`Verdict::Unknown`].
pub fn versus_peer_mean(
    area: Estimate,
    peers: &[Estimate],
    level: f64,
) -> Result<PeerMeanComparison, CompareError> {
    check_level(level)?;
    area.validate(peers.len())?;
    for (i, e) in peers.iter().enumerate() {
        e.validate(i)?;
    }
    let peers_used: Vec<usize> = (0..peers.len())
        .filter(|&i| peers[i].is_available())
        .collect();
    if peers_used.is_empty() {
        return Err(CompareError::NoPeers);
    }
    let n = peers_used.len() as f64;
    let mean = peers_used.iter().map(|&i| peers[i].value).sum::<f64>() / n;
    let variance: Option<f64> = peers_used.iter().map(|&i| peers[i].variance()).sum();
    let peer_mean = Estimate {
        value: mean,
        se: variance.map(|v| v.sqrt() / n),
    };
    Ok(PeerMeanComparison {
        peer_mean,
        peers_used,
        difference: difference(area, peer_mean, 0.0, level)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// erfc(1.25) from Python's `math.erfc`: 2 (1 - Φ(5 / sqrt(8))) = erfc(5 / (sqrt(8) sqrt(2))).
    const P_50_55: f64 = 0.077_099_871_743_541_77;

    #[test]
    fn change_is_later_minus_earlier_with_the_wald_test() {
        let c = change(Estimate::new(55.0, 2.0), Estimate::new(50.0, 2.0), 0.95).unwrap();
        assert_eq!(c.estimate, -5.0);
        assert!((c.p_value.unwrap() - P_50_55).abs() < 1e-13);
        assert_eq!(c.verdict, Verdict::NotSignificant);
        // intervals 50 ± 3.92 and 58 ± 3.92 overlap, yet the change of 8 is significant
        // (z = 8 / sqrt(8) = 2.83): the overlap rule would have missed it
        let c = change(Estimate::new(50.0, 2.0), Estimate::new(58.0, 2.0), 0.95).unwrap();
        assert_eq!(c.verdict, Verdict::SignificantlyHigher);
        let unknown = change(Estimate::without_se(50.0), Estimate::new(58.0, 2.0), 0.95).unwrap();
        assert_eq!(unknown.verdict, Verdict::Unknown);
    }

    #[test]
    fn two_independent_estimates_by_hand() {
        let d = difference(
            Estimate::new(50.0, 2.0),
            Estimate::new(55.0, 2.0),
            0.0,
            0.95,
        )
        .unwrap();
        assert_eq!(d.estimate, -5.0);
        assert!((d.se.unwrap() - 8f64.sqrt()).abs() < 1e-15);
        assert!((d.z.unwrap() + 5.0 / 8f64.sqrt()).abs() < 1e-15);
        assert!((d.p_value.unwrap() - P_50_55).abs() < 1e-13);
        // 1.959963984540054 = qnorm(0.975)
        let half = 1.959_963_984_540_054 * 8f64.sqrt();
        let (lo, hi) = d.ci.unwrap();
        assert!((lo - (-5.0 - half)).abs() < 1e-12 && (hi - (-5.0 + half)).abs() < 1e-12);
        assert_eq!(d.verdict, Verdict::NotSignificant);
        // At 90 % the same difference is significant (p = 0.077 < 0.10), and a is lower.
        let d90 = difference(
            Estimate::new(50.0, 2.0),
            Estimate::new(55.0, 2.0),
            0.0,
            0.90,
        )
        .unwrap();
        assert_eq!(d90.verdict, Verdict::SignificantlyLower);
        let reversed = difference(
            Estimate::new(55.0, 2.0),
            Estimate::new(50.0, 2.0),
            0.0,
            0.90,
        )
        .unwrap();
        assert_eq!(reversed.verdict, Verdict::SignificantlyHigher);
    }

    #[test]
    fn covariance_shrinks_the_variance_of_a_within_area_gap() {
        // se 2 and 2 with correlation 0.5: Var = 4 + 4 - 2 * 2 = 4, se = 2, z = 2.5.
        let d = difference(
            Estimate::new(55.0, 2.0),
            Estimate::new(50.0, 2.0),
            2.0,
            0.95,
        )
        .unwrap();
        assert!((d.se.unwrap() - 2.0).abs() < 1e-15);
        assert!((d.z.unwrap() - 2.5).abs() < 1e-15);
        assert_eq!(d.verdict, Verdict::SignificantlyHigher);
        // |cov| > se_a se_b is impossible.
        assert!(matches!(
            difference(Estimate::new(1.0, 1.0), Estimate::new(0.0, 1.0), 1.5, 0.95),
            Err(CompareError::InvalidCovariance { .. })
        ));
    }

    #[test]
    fn missing_standard_error_or_value_gives_unknown() {
        let d = difference(
            Estimate::without_se(50.0),
            Estimate::new(60.0, 1.0),
            0.0,
            0.95,
        )
        .unwrap();
        assert_eq!(d.verdict, Verdict::Unknown);
        assert_eq!(d.estimate, -10.0);
        assert_eq!(d.p_value, None);
        let s = difference(Estimate::suppressed(), Estimate::new(60.0, 1.0), 0.0, 0.95).unwrap();
        assert_eq!(s.verdict, Verdict::Unknown);
    }

    #[test]
    fn exact_values_are_compared_exactly() {
        let d = difference(Estimate::new(3.0, 0.0), Estimate::new(2.0, 0.0), 0.0, 0.95).unwrap();
        assert_eq!(d.p_value, Some(0.0));
        assert_eq!(d.verdict, Verdict::SignificantlyHigher);
        let e = difference(Estimate::new(3.0, 0.0), Estimate::new(3.0, 0.0), 0.0, 0.95).unwrap();
        assert_eq!(e.p_value, Some(1.0));
        assert_eq!(e.verdict, Verdict::NotSignificant);
    }

    #[test]
    fn holm_matches_the_step_down_by_hand() {
        // sorted: 0.005 (x4), 0.01 (x3), 0.03 (x2), 0.04 (x1) -> 0.02, 0.03, 0.06, max(0.06, 0.04)
        let adj = holm(&[0.01, 0.04, 0.03, 0.005]).unwrap();
        let expected = [0.03, 0.06, 0.06, 0.02];
        for (a, e) in adj.iter().zip(expected) {
            assert!((a - e).abs() < 1e-15, "{adj:?}");
        }
        // NaN is kept and not counted: m = 2.
        let adj = holm(&[0.02, f64::NAN, 0.5]).unwrap();
        assert!((adj[0] - 0.04).abs() < 1e-15 && adj[1].is_nan() && adj[2] == 0.5);
        // capped at 1
        assert_eq!(holm(&[0.6, 0.7]).unwrap(), vec![1.0, 1.0]);
        assert!(matches!(
            holm(&[0.1, 1.5]),
            Err(CompareError::InvalidPValue { index: 1, .. })
        ));
    }

    #[test]
    fn pairwise_adjusts_over_all_pairs() {
        let est = [
            Estimate::new(50.0, 1.0),
            Estimate::new(53.0, 1.0),
            Estimate::new(60.0, 1.0),
            Estimate::new(53.5, 1.0),
            Estimate::without_se(40.0),
        ];
        let c = pairwise(&est, 0.95).unwrap();
        assert_eq!(c.len(), 10);
        let tested: Vec<&Comparison> = c.iter().filter(|c| c.p_adjusted.is_some()).collect();
        assert_eq!(tested.len(), 6); // pairs with area 4 have no SE
        let raw: Vec<f64> = tested
            .iter()
            .map(|c| c.difference.p_value.unwrap())
            .collect();
        let adj = holm(&raw).unwrap();
        for (c, a) in tested.iter().zip(adj) {
            assert_eq!(c.p_adjusted, Some(a));
        }
        // 50 vs 53: z = -3 / sqrt(2), raw p = 0.034 < 0.05; it is the second largest of six
        // p-values (the largest is 53 vs 53.5, p = 0.72), so adjusted = 2 * 0.034 > 0.05.
        let first = &c[0];
        assert_eq!((first.a, first.b), (0, Some(1)));
        assert_eq!(first.difference.verdict, Verdict::SignificantlyLower);
        assert_eq!(first.verdict, Verdict::NotSignificant);
        assert_eq!(c[1].verdict, Verdict::SignificantlyLower); // 50 vs 60
        assert!(c
            .iter()
            .filter(|c| c.b == Some(4))
            .all(|c| c.verdict == Verdict::Unknown));
    }

    #[test]
    fn versus_reference_area_skips_the_reference_itself() {
        let est = [
            Estimate::new(50.0, 1.0),
            Estimate::new(55.0, 1.0),
            Estimate::new(50.5, 1.0),
        ];
        let c = versus_reference(&est, Reference::Area(1), 0.95).unwrap();
        assert_eq!(c.iter().map(|c| c.a).collect::<Vec<_>>(), vec![0, 2]);
        assert!(c.iter().all(|c| c.b == Some(1)));
        assert!(c.iter().all(|c| c.verdict == Verdict::SignificantlyLower));
        assert!(matches!(
            versus_reference(&est, Reference::Area(7), 0.95),
            Err(CompareError::NoSuchArea { index: 7, count: 3 })
        ));
    }

    #[test]
    fn versus_external_reference_uses_covariances() {
        let est = [Estimate::new(52.0, 2.0), Estimate::new(48.0, 2.0)];
        let national = Estimate::new(50.0, 0.5);
        let cov = [0.5, 0.5];
        let c = versus_reference(
            &est,
            Reference::External {
                estimate: national,
                covariances: Some(&cov),
            },
            0.95,
        )
        .unwrap();
        // Var = 4 + 0.25 - 1 = 3.25
        assert!((c[0].difference.se.unwrap() - 3.25f64.sqrt()).abs() < 1e-15);
        assert_eq!(c[0].b, None);
        assert!(matches!(
            versus_reference(
                &est,
                Reference::External {
                    estimate: national,
                    covariances: Some(&cov[..1]),
                },
                0.95
            ),
            Err(CompareError::LengthMismatch { .. })
        ));
    }

    #[test]
    fn peer_mean_by_hand() {
        let peers = [
            Estimate::new(40.0, 3.0),
            Estimate::suppressed(),
            Estimate::new(44.0, 4.0),
        ];
        let r = versus_peer_mean(Estimate::new(50.0, 2.0), &peers, 0.95).unwrap();
        assert_eq!(r.peers_used, vec![0, 2]);
        assert_eq!(r.peer_mean.value, 42.0);
        // Var(mean) = (9 + 16) / 4 = 6.25 -> se 2.5; Var(d) = 4 + 6.25
        assert!((r.peer_mean.se.unwrap() - 2.5).abs() < 1e-15);
        assert!((r.difference.se.unwrap() - 10.25f64.sqrt()).abs() < 1e-15);
        assert_eq!(r.difference.estimate, 8.0);
        assert_eq!(r.difference.verdict, Verdict::SignificantlyHigher);
        let unknown = versus_peer_mean(
            Estimate::new(50.0, 2.0),
            &[Estimate::without_se(1.0), Estimate::new(2.0, 1.0)],
            0.95,
        )
        .unwrap();
        assert_eq!(unknown.difference.verdict, Verdict::Unknown);
        assert_eq!(
            versus_peer_mean(Estimate::new(1.0, 1.0), &[Estimate::suppressed()], 0.95),
            Err(CompareError::NoPeers)
        );
    }
}
