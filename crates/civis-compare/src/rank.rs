//! Rank intervals for league tables of estimates with standard errors.
//!
//! A league table ranks `K` areas by their estimates; sampling error makes the ranks uncertain.
//! Two intervals are offered:
//!
//! - [`bootstrap_ranks`]: a parametric bootstrap of the ranks, as in Goldstein & Spiegelhalter
//!   (1996, "League tables and their limitations: statistical issues in comparisons of
//!   institutional performance", JRSS A 159(3), 385-443) and Marshall & Spiegelhalter (1998,
//!   BMJ 316, 1701-1704): in each of `B` replicates every estimate is drawn from
//!   `N(x_k, se_k²)`, the draws are ranked, and each area's interval is formed by the
//!   `(1-level)/2` and `(1+level)/2` quantiles of its `B` ranks. This is a *marginal* interval
//!   for one area at a time. Seeded and deterministic (replicate `b` uses its own random stream,
//!   so the result does not depend on the number of threads).
//! - [`pairwise_ranks`]: the conservative region of Klein, Wright & Wieczorek (2020, "A joint
//!   confidence region for an overall ranking of populations", JRSS C 69(3), 589-606),
//!   developed at the U.S. Census Bureau. Its argument: on an event where a
//!   set of confidence statements all hold, every area `j` shown to be above area `k` really is
//!   above it, so `k`'s true rank lies between `1 + #{areas shown better than k}` and
//!   `K - #{areas shown worse than k}`; the region's coverage is that of the event. Three
//!   events are offered ([`Simultaneity`]):
//!   - [`Simultaneity::Joint`] (default), the construction of the authors' worked example
//!     (R package `RankingProject`, vignette "joint"): individual intervals
//!     `x_k ± c se_k` with the Šidák value `c = z_{(1 + (1-α)^{1/K}) / 2}`, which for
//!     independent estimates all cover with probability `1 - α`; `j` is shown better than `k`
//!     when their intervals do not overlap. The ranks of all areas are covered together.
//!   - [`Simultaneity::JointDifferences`]: Bonferroni intervals of the `K(K-1)/2` differences,
//!     `(x_j - x_k) ± c sqrt(se_j² + se_k²)`, `c = z_{1 - α / (K(K-1))}`; also joint, and
//!     narrower than `Joint` when the standard errors are similar.
//!   - [`Simultaneity::PerArea`]: Bonferroni over one area's `K - 1` differences,
//!     `c = z_{1 - α / (2(K-1))}`; each area's interval covers its rank with probability
//!     `>= level`, but not all of them together.
//!
//! Conventions shared by both:
//!
//! - Rank 1 is the best: the highest value when `higher_is_better`, the lowest otherwise.
//! - The point rank is the competition ("1224") rank: `1 + #{areas strictly better}`; tied areas
//!   share the best of their ranks. Bootstrap draws are ranked the same way.
//! - An area whose estimate is suppressed (`NaN`) is left out of the table and listed in
//!   [`RankTable::excluded`]; the others are ranked among themselves.
//! - An area without standard error is treated as exact: its bootstrap draw is always its value
//!   (a degenerate draw) and its pairwise intervals use `se = 0`. Such areas are marked with
//!   `se_missing`, since their intervals understate the uncertainty if the value is in fact an
//!   estimate.
//! - Estimates of different areas are assumed independent (separate samples).

use civis_survey::dist::normal_quantile;
use civis_survey::replicate::Xoshiro256;
use rayon::prelude::*;

use crate::error::CompareError;
use crate::estimate::{check_level, Estimate};

/// What the ranking is about.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankOptions {
    /// Rank 1 goes to the highest value (`true`, e.g. an employment rate) or to the lowest
    /// (`false`, e.g. an unemployment rate).
    pub higher_is_better: bool,
    /// Confidence level of the intervals (0.95).
    pub level: f64,
}

impl Default for RankOptions {
    fn default() -> Self {
        RankOptions {
            higher_is_better: true,
            level: 0.95,
        }
    }
}

/// Settings of the parametric bootstrap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bootstrap {
    /// Number of replicates `B` (1,000).
    pub replicates: usize,
    /// Seed of the random streams; the same seed gives the same intervals.
    pub seed: u64,
}

impl Default for Bootstrap {
    fn default() -> Self {
        Bootstrap {
            replicates: 1_000,
            seed: 20_260_101,
        }
    }
}

/// Which confidence statements the pairwise rank intervals rest on (`α = 1 - level`), and so
/// which coverage they guarantee (see the [module documentation](self)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Simultaneity {
    /// All areas' intervals hold together with probability `>= level`: non-overlap of the
    /// individual intervals `x_k ± z_{(1 + (1-α)^{1/K}) / 2} se_k` (Šidák; Klein, Wright &
    /// Wieczorek's worked example).
    #[default]
    Joint,
    /// All areas' intervals hold together with probability `>= level`: Bonferroni intervals of
    /// the `K(K-1)/2` differences, critical value `z_{1 - α / (K(K-1))}`.
    JointDifferences,
    /// Each area's interval holds with probability `>= level`: Bonferroni over that area's
    /// `K - 1` differences, critical value `z_{1 - α / (2(K-1))}`.
    PerArea,
}

/// One row of a league table.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedArea {
    /// Index of the area in the input slice.
    pub area: usize,
    pub estimate: Estimate,
    /// Competition rank of the point estimate (1 = best).
    pub rank: usize,
    /// Lowest (best) plausible rank.
    pub lower: usize,
    /// Highest (worst) plausible rank.
    pub upper: usize,
    /// Mean rank over the bootstrap replicates (`None` for pairwise intervals).
    pub mean_rank: Option<f64>,
    /// The area had no standard error and was treated as exact.
    pub se_missing: bool,
}

/// A league table with rank intervals.
#[derive(Debug, Clone, PartialEq)]
pub struct RankTable {
    /// Ranked areas, in input order (sort by `rank` for display).
    pub areas: Vec<RankedArea>,
    /// Input indexes of suppressed estimates, left out of the ranking.
    pub excluded: Vec<usize>,
    /// Number of ranked areas `K`.
    pub ranked: usize,
    pub level: f64,
}

/// The available estimates, each oriented so that larger is better.
struct Oriented {
    areas: Vec<usize>,
    excluded: Vec<usize>,
    /// oriented value `s_k = ±x_k`
    score: Vec<f64>,
    se: Vec<f64>,
    point_rank: Vec<usize>,
}

fn orient(estimates: &[Estimate], options: &RankOptions) -> Result<Oriented, CompareError> {
    check_level(options.level)?;
    for (i, e) in estimates.iter().enumerate() {
        e.validate(i)?;
    }
    let (areas, excluded): (Vec<usize>, Vec<usize>) =
        (0..estimates.len()).partition(|&i| estimates[i].is_available());
    let sign = if options.higher_is_better { 1.0 } else { -1.0 };
    let score: Vec<f64> = areas.iter().map(|&i| sign * estimates[i].value).collect();
    let se = areas
        .iter()
        .map(|&i| estimates[i].se.unwrap_or(0.0))
        .collect();
    let point_rank = competition_ranks(&score, &mut Vec::new());
    Ok(Oriented {
        areas,
        excluded,
        score,
        se,
        point_rank,
    })
}

/// Competition ranks, 1 for the largest value: `1 + #{j: s_j > s_i}`. `order` is scratch space.
fn competition_ranks(score: &[f64], order: &mut Vec<usize>) -> Vec<usize> {
    order.clear();
    order.extend(0..score.len());
    order.sort_unstable_by(|&i, &j| score[j].total_cmp(&score[i]));
    let mut rank = vec![0; score.len()];
    for (position, &i) in order.iter().enumerate() {
        rank[i] = if position > 0 && score[order[position - 1]] == score[i] {
            rank[order[position - 1]]
        } else {
            position + 1
        };
    }
    rank
}

/// Standard normal pair by the Box-Muller transform from two uniforms on (0, 1].
fn normal_pair(rng: &mut Xoshiro256) -> (f64, f64) {
    let uniform =
        |rng: &mut Xoshiro256| ((rng.next_u64() >> 11) as f64 + 1.0) / (1u64 << 53) as f64;
    let (u1, u2) = (uniform(rng), uniform(rng));
    let r = (-2.0 * u1.ln()).sqrt();
    let (sin, cos) = (2.0 * std::f64::consts::PI * u2).sin_cos();
    (r * cos, r * sin)
}

/// Rank intervals by parametric bootstrap (see the [module documentation](self)).
///
/// Replicate `b` draws `s*_k = s_k + se_k ε_{bk}` with `ε` standard normal from the stream
/// `(seed, b)` (xoshiro256**, Box-Muller), ranks the draws by competition ranking, and the
/// interval of area `k` is `[r_k(⌈B α/2⌉), r_k(⌈B (1 - α/2)⌉)]` from its sorted replicate ranks
/// `r_k(1) <= ... <= r_k(B)` (the inverse empirical distribution function, R `quantile` type 1),
/// `α = 1 - level`. If the point rank falls outside that interval (possible when the rank
/// distribution is very skewed, e.g. an exact value among noisy ones just above it) the
/// interval is extended to include it, so that the point rank is always inside.
pub fn bootstrap_ranks(
    estimates: &[Estimate],
    options: &RankOptions,
    bootstrap: Bootstrap,
) -> Result<RankTable, CompareError> {
    if bootstrap.replicates == 0 {
        return Err(CompareError::NoReplicates);
    }
    let o = orient(estimates, options)?;
    let k = o.areas.len();
    let b_total = bootstrap.replicates;
    // ranks[b][k]; u32 keeps B x K small (1,000 x 1,500 areas = 6 MB).
    let ranks: Vec<Vec<u32>> = (0..b_total)
        .into_par_iter()
        .map_init(
            || (Vec::with_capacity(k), Vec::with_capacity(k)),
            |(draw, order), b| {
                let mut rng = Xoshiro256::seeded(bootstrap.seed, b as u64);
                draw.clear();
                let mut spare = None;
                for (s, se) in o.score.iter().zip(&o.se) {
                    let e = match spare.take() {
                        Some(e) => e,
                        None => {
                            let (e1, e2) = normal_pair(&mut rng);
                            spare = Some(e2);
                            e1
                        }
                    };
                    draw.push(s + se * e);
                }
                competition_ranks(draw, order)
                    .into_iter()
                    .map(|r| r as u32)
                    .collect()
            },
        )
        .collect();
    let alpha = 1.0 - options.level;
    // ⌈B p⌉ as a 1-based order statistic; the small slack keeps 0.975 * 1000 at 975.
    let order_stat = |p: f64| ((b_total as f64 * p - 1e-9).ceil() as usize).clamp(1, b_total);
    let (lo_at, hi_at) = (order_stat(alpha / 2.0), order_stat(1.0 - alpha / 2.0));
    let mut column = Vec::with_capacity(b_total);
    let areas = (0..k)
        .map(|j| {
            column.clear();
            column.extend(ranks.iter().map(|r| r[j]));
            column.sort_unstable();
            let mean = column.iter().map(|&r| r as f64).sum::<f64>() / b_total as f64;
            let rank = o.point_rank[j];
            RankedArea {
                area: o.areas[j],
                estimate: estimates[o.areas[j]],
                rank,
                lower: (column[lo_at - 1] as usize).min(rank),
                upper: (column[hi_at - 1] as usize).max(rank),
                mean_rank: Some(mean),
                se_missing: estimates[o.areas[j]].se.is_none(),
            }
        })
        .collect();
    Ok(RankTable {
        areas,
        excluded: o.excluded,
        ranked: k,
        level: options.level,
    })
}

/// Conservative rank intervals from pairwise comparisons (Klein, Wright & Wieczorek 2020; see
/// the [module documentation](self)).
///
/// With oriented values `s` (larger is better) and a half-width `h_jk` for each pair,
/// `h_jk = c (se_j + se_k)` for non-overlap of individual intervals ([`Simultaneity::Joint`])
/// or `h_jk = c sqrt(se_j² + se_k²)` for intervals of differences (the other two), area `j` is
/// shown better than `k` when `s_j - s_k > h_jk` and worse when `s_j - s_k < -h_jk`:
///
/// ```text
/// lower_k = 1 + #{j: s_j - s_k >  h_jk}
/// upper_k = K - #{j: s_j - s_k < -h_jk}
/// ```
///
/// The inequalities are strict (the `RankingProject` vignette counts touching intervals as
/// separated; with positive standard errors the two agree almost surely), so two exact, equal
/// values are neither better nor worse than each other and their intervals cover all the ranks
/// the tie could take. The interval always contains the competition rank. O(K²) comparisons.
pub fn pairwise_ranks(
    estimates: &[Estimate],
    options: &RankOptions,
    simultaneity: Simultaneity,
) -> Result<RankTable, CompareError> {
    let o = orient(estimates, options)?;
    let k = o.areas.len();
    let alpha = 1.0 - options.level;
    let kf = k.max(2) as f64;
    let c = match simultaneity {
        Simultaneity::Joint => normal_quantile(0.5 + 0.5 * options.level.powf(1.0 / kf)),
        Simultaneity::JointDifferences => normal_quantile(1.0 - alpha / (kf * (kf - 1.0))),
        Simultaneity::PerArea => normal_quantile(1.0 - alpha / (2.0 * (kf - 1.0))),
    };
    let half_width = |j: usize, a: usize| match simultaneity {
        Simultaneity::Joint => c * (o.se[j] + o.se[a]),
        _ => c * (o.se[j] * o.se[j] + o.se[a] * o.se[a]).sqrt(),
    };
    let areas = (0..k)
        .map(|a| {
            let (mut better, mut worse) = (0, 0);
            for j in (0..k).filter(|&j| j != a) {
                let d = o.score[j] - o.score[a];
                let half = half_width(j, a);
                if d - half > 0.0 {
                    better += 1;
                } else if d + half < 0.0 {
                    worse += 1;
                }
            }
            RankedArea {
                area: o.areas[a],
                estimate: estimates[o.areas[a]],
                rank: o.point_rank[a],
                lower: 1 + better,
                upper: k - worse,
                mean_rank: None,
                se_missing: estimates[o.areas[a]].se.is_none(),
            }
        })
        .collect();
    Ok(RankTable {
        areas,
        excluded: o.excluded,
        ranked: k,
        level: options.level,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn est(values: &[(f64, f64)]) -> Vec<Estimate> {
        values.iter().map(|&(v, s)| Estimate::new(v, s)).collect()
    }

    #[test]
    fn competition_ranks_share_the_best_rank_on_ties() {
        assert_eq!(
            competition_ranks(&[3.0, 5.0, 3.0, 1.0], &mut Vec::new()),
            vec![2, 1, 2, 4]
        );
    }

    #[test]
    fn well_separated_estimates_have_degenerate_intervals() {
        let e = est(&[(10.0, 0.1), (30.0, 0.1), (20.0, 0.1), (40.0, 0.1)]);
        let boot = bootstrap_ranks(&e, &RankOptions::default(), Bootstrap::default()).unwrap();
        let pair = pairwise_ranks(&e, &RankOptions::default(), Simultaneity::Joint).unwrap();
        for table in [&boot, &pair] {
            let got: Vec<(usize, usize, usize)> = table
                .areas
                .iter()
                .map(|a| (a.rank, a.lower, a.upper))
                .collect();
            assert_eq!(got, vec![(4, 4, 4), (2, 2, 2), (3, 3, 3), (1, 1, 1)]);
        }
        assert_eq!(boot.areas[1].mean_rank, Some(2.0));
    }

    #[test]
    fn lower_is_better_reverses_the_ranks() {
        let e = est(&[(10.0, 0.1), (30.0, 0.1), (20.0, 0.1)]);
        let options = RankOptions {
            higher_is_better: false,
            ..RankOptions::default()
        };
        let t = pairwise_ranks(&e, &options, Simultaneity::Joint).unwrap();
        assert_eq!(
            t.areas.iter().map(|a| a.rank).collect::<Vec<_>>(),
            vec![1, 3, 2]
        );
    }

    #[test]
    fn identical_estimates_with_large_standard_errors_have_wide_intervals() {
        let e = est(&[(50.0, 10.0); 10]);
        let boot = bootstrap_ranks(&e, &RankOptions::default(), Bootstrap::default()).unwrap();
        for a in &boot.areas {
            assert_eq!(a.rank, 1);
            // Exchangeable areas: each rank has probability 1/10, so the 2.5 % and 97.5 %
            // quantiles are 1 and 10.
            assert_eq!((a.lower, a.upper), (1, 10));
            let mean = a.mean_rank.unwrap();
            assert!((mean - 5.5).abs() < 0.5, "{mean}");
        }
        let pair = pairwise_ranks(&e, &RankOptions::default(), Simultaneity::PerArea).unwrap();
        assert!(pair.areas.iter().all(|a| (a.lower, a.upper) == (1, 10)));
    }

    #[test]
    fn the_same_seed_gives_the_same_table_and_another_seed_may_differ() {
        let e = est(&[
            (50.0, 2.0),
            (52.0, 2.0),
            (53.0, 1.0),
            (49.0, 3.0),
            (55.0, 2.0),
        ]);
        let o = RankOptions::default();
        let a = bootstrap_ranks(
            &e,
            &o,
            Bootstrap {
                replicates: 500,
                seed: 7,
            },
        )
        .unwrap();
        let b = bootstrap_ranks(
            &e,
            &o,
            Bootstrap {
                replicates: 500,
                seed: 7,
            },
        )
        .unwrap();
        assert_eq!(a, b);
        let c = bootstrap_ranks(
            &e,
            &o,
            Bootstrap {
                replicates: 500,
                seed: 8,
            },
        )
        .unwrap();
        let means = |t: &RankTable| t.areas.iter().map(|a| a.mean_rank).collect::<Vec<_>>();
        assert_ne!(means(&a), means(&c));
    }

    #[test]
    fn bootstrap_matches_the_exact_rank_probabilities_of_two_areas() {
        // Two areas 0 and 1 with se 1 each: P(area 0 ranks first) = Φ(-1 / sqrt(2)) = 0.2398.
        // The mean rank of area 0 is 2 - 0.2398.
        let e = est(&[(0.0, 1.0), (1.0, 1.0)]);
        let t = bootstrap_ranks(
            &e,
            &RankOptions::default(),
            Bootstrap {
                replicates: 20_000,
                seed: 1,
            },
        )
        .unwrap();
        let p_first = 0.5 * ERFC_HALF;
        let mean = t.areas[0].mean_rank.unwrap();
        // binomial standard error sqrt(0.24 * 0.76 / 20000) = 0.003
        assert!(
            (mean - (2.0 - p_first)).abs() < 0.012,
            "{mean} vs {}",
            2.0 - p_first
        );
        assert_eq!((t.areas[0].lower, t.areas[0].upper), (1, 2));
    }

    /// erfc(0.5) from Python's `math.erfc`, so Φ(-1/√2) = erfc(0.5) / 2.
    const ERFC_HALF: f64 = 0.479_500_122_186_953_5;

    #[test]
    fn suppressed_estimates_are_left_out_and_reported() {
        let e = vec![
            Estimate::new(1.0, 0.01),
            Estimate::suppressed(),
            Estimate::new(3.0, 0.01),
        ];
        for t in [
            bootstrap_ranks(&e, &RankOptions::default(), Bootstrap::default()).unwrap(),
            pairwise_ranks(&e, &RankOptions::default(), Simultaneity::Joint).unwrap(),
        ] {
            assert_eq!(t.excluded, vec![1]);
            assert_eq!(t.ranked, 2);
            let rows: Vec<(usize, usize)> = t.areas.iter().map(|a| (a.area, a.rank)).collect();
            assert_eq!(rows, vec![(0, 2), (2, 1)]);
        }
    }

    #[test]
    fn an_area_without_standard_error_gets_a_degenerate_draw() {
        // Area 1 is exact at 50; the others are far away with small SEs, so 50 is always 2nd.
        let e = vec![
            Estimate::new(70.0, 1.0),
            Estimate::without_se(50.0),
            Estimate::new(30.0, 1.0),
        ];
        let t = bootstrap_ranks(&e, &RankOptions::default(), Bootstrap::default()).unwrap();
        assert!(t.areas[1].se_missing && !t.areas[0].se_missing);
        assert_eq!((t.areas[1].lower, t.areas[1].upper), (2, 2));
        // Two exact equal values: tied in every draw (both rank 1 by competition ranking); the
        // pairwise interval covers both ranks the tie could take.
        let tie = vec![Estimate::without_se(5.0), Estimate::without_se(5.0)];
        let b = bootstrap_ranks(&tie, &RankOptions::default(), Bootstrap::default()).unwrap();
        assert!(b
            .areas
            .iter()
            .all(|a| (a.rank, a.lower, a.upper) == (1, 1, 1)));
        let p = pairwise_ranks(&tie, &RankOptions::default(), Simultaneity::Joint).unwrap();
        assert!(p
            .areas
            .iter()
            .all(|a| (a.rank, a.lower, a.upper) == (1, 1, 2)));
    }

    #[test]
    fn a_skewed_rank_distribution_is_widened_to_the_point_rank() {
        // An exact value 0 just below ten noisy values 0.001 (se 1): point rank 11, but in the
        // draws each noisy area is above it with probability ~1/2, so its rank is
        // 1 + Binomial(10, 1/2) and rank 11 has probability 1/1024: the 97.5 % quantile is 9.
        let mut e = vec![Estimate::new(0.001, 1.0); 10];
        e.push(Estimate::without_se(0.0));
        let t = bootstrap_ranks(&e, &RankOptions::default(), Bootstrap::default()).unwrap();
        let exact = &t.areas[10];
        assert_eq!(exact.rank, 11);
        assert_eq!(exact.upper, 11);
        assert!((2..=4).contains(&exact.lower), "{}", exact.lower);
        let mean = exact.mean_rank.unwrap();
        assert!((mean - 6.0).abs() < 0.3, "{mean}");
    }

    #[test]
    fn joint_intervals_separate_only_non_overlapping_sidak_intervals() {
        // K = 2, level 0.95: c = z_{(1 + sqrt(0.95)) / 2} = 2.2364766445577895 (Python
        // statistics.NormalDist), so with se 1 and 1 the intervals stop overlapping at 2c.
        let c = 2.236_476_644_557_789_5;
        let o = RankOptions::default();
        let near = est(&[(0.0, 1.0), (2.0 * c - 1e-6, 1.0)]);
        let far = est(&[(0.0, 1.0), (2.0 * c + 1e-6, 1.0)]);
        let iv = |t: RankTable| {
            t.areas
                .iter()
                .map(|a| (a.lower, a.upper))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            iv(pairwise_ranks(&near, &o, Simultaneity::Joint).unwrap()),
            vec![(1, 2), (1, 2)]
        );
        assert_eq!(
            iv(pairwise_ranks(&far, &o, Simultaneity::Joint).unwrap()),
            vec![(2, 2), (1, 1)]
        );
    }

    #[test]
    fn joint_difference_intervals_are_at_least_as_wide_as_per_area_ones() {
        // Critical values by hand: K = 4, α = 0.05. Joint: z_{1 - 0.05/12} = 2.638,
        // per area: z_{1 - 0.05/6} = 2.394. A pair 3.5 se_diff apart is separated by both;
        // one 2.5 apart only by the per-area intervals.
        let sd = 1.0 / 2f64.sqrt(); // se of each so that se of a difference is 1
        let e = est(&[(0.0, sd), (2.5, sd), (6.0, sd), (9.5, sd)]);
        let o = RankOptions::default();
        let joint = pairwise_ranks(&e, &o, Simultaneity::JointDifferences).unwrap();
        let per = pairwise_ranks(&e, &o, Simultaneity::PerArea).unwrap();
        let iv = |t: &RankTable| {
            t.areas
                .iter()
                .map(|a| (a.lower, a.upper))
                .collect::<Vec<_>>()
        };
        assert_eq!(iv(&per), vec![(4, 4), (3, 3), (2, 2), (1, 1)]);
        assert_eq!(iv(&joint), vec![(3, 4), (3, 4), (2, 2), (1, 1)]);
    }

    #[test]
    fn invalid_options_are_rejected() {
        let e = est(&[(1.0, 1.0)]);
        let bad = RankOptions {
            level: 1.5,
            ..RankOptions::default()
        };
        assert_eq!(
            pairwise_ranks(&e, &bad, Simultaneity::Joint),
            Err(CompareError::InvalidLevel(1.5))
        );
        assert_eq!(
            bootstrap_ranks(
                &e,
                &RankOptions::default(),
                Bootstrap {
                    replicates: 0,
                    seed: 1
                }
            ),
            Err(CompareError::NoReplicates)
        );
    }

    fn table_strategy() -> impl Strategy<Value = (Vec<Estimate>, bool)> {
        (
            prop::collection::vec(
                (
                    -5i32..5,
                    prop_oneof![Just(f64::NAN), Just(0.0), 0.01f64..3.0],
                    prop::bool::weighted(0.1),
                ),
                1..12,
            ),
            any::<bool>(),
        )
            .prop_map(|(rows, hib)| {
                let e = rows
                    .into_iter()
                    .map(|(v, se, suppressed)| {
                        if suppressed {
                            Estimate::suppressed()
                        } else {
                            // integers make exact ties likely
                            Estimate::new(v as f64, se)
                        }
                    })
                    .collect();
                (e, hib)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn intervals_contain_the_point_rank_and_stay_in_range((e, hib) in table_strategy()) {
            let options = RankOptions { higher_is_better: hib, level: 0.9 };
            let boot = bootstrap_ranks(&e, &options, Bootstrap { replicates: 200, seed: 3 }).unwrap();
            let individual = pairwise_ranks(&e, &options, Simultaneity::Joint).unwrap();
            let joint = pairwise_ranks(&e, &options, Simultaneity::JointDifferences).unwrap();
            let per = pairwise_ranks(&e, &options, Simultaneity::PerArea).unwrap();
            for t in [&boot, &individual, &joint, &per] {
                prop_assert_eq!(t.ranked + t.excluded.len(), e.len());
                for a in &t.areas {
                    prop_assert!(1 <= a.lower && a.lower <= a.rank && a.rank <= a.upper && a.upper <= t.ranked);
                }
            }
            // the joint region is never narrower than the per-area one
            for (j, p) in joint.areas.iter().zip(&per.areas) {
                prop_assert!(j.lower <= p.lower && j.upper >= p.upper);
            }
        }

        #[test]
        fn input_order_does_not_change_an_areas_interval((e, hib) in table_strategy()) {
            let options = RankOptions { higher_is_better: hib, level: 0.95 };
            let t = pairwise_ranks(&e, &options, Simultaneity::Joint).unwrap();
            let reversed: Vec<Estimate> = e.iter().rev().copied().collect();
            let r = pairwise_ranks(&reversed, &options, Simultaneity::Joint).unwrap();
            for a in &t.areas {
                let b = r.areas.iter().find(|b| b.area == e.len() - 1 - a.area).unwrap();
                prop_assert_eq!((a.rank, a.lower, a.upper), (b.rank, b.lower, b.upper));
            }
        }
    }
}
