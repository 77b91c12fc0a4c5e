//! Mergeable partials (proptest, bounded): any split of the rows into consecutive chunks, each
//! chunk's accumulator written out as (stratum, PSU, domain) groups and the groups merged into
//! one accumulator, gives the estimates of one accumulator over all rows (1e-12 relative):
//! totals, means and ratios on domains with missing values, a contrast (its estimate relative
//! to the larger of its two estimates), under linearised, jackknife, seeded bootstrap and BRR
//! variances; a standard error far below its estimate (SE / estimate 4e-5 was met) relative
//! to the estimate. So does merging the merged groups again.

use civis_survey::partials::groups::Groups;
use civis_survey::partials::{
    DomainSums, DomainTable, LinearAccumulator, LinearRequest, LinearVariance, Rows,
};
use civis_survey::{
    Contrast, ContrastKind, EstimateRow, Grouping, LonelyPsu, ReliabilityRule, ReplicateScheme,
    Statistic,
};
use proptest::prelude::*;

mod common;

/// The rows, their PSUs numbered `100 * stratum + PSU`.
type Sample = common::SampleRows<u64>;

/// Rows of a design with `strata` strata of `psus` PSUs each, in a shuffled order; increasing
/// cut points (row indices) splitting the rows into chunks; and `psus`.
fn sample() -> impl Strategy<Value = (Sample, Vec<usize>, usize)> {
    (prop_oneof![Just(2usize), Just(4usize)], 1usize..4).prop_flat_map(|(psus, strata)| {
        let row = (
            0..strata as u32,
            0..psus as u64,
            prop_oneof![Just(0.0), 0.5f64..5.0, 0.5f64..5.0, 0.5f64..5.0],
            prop_oneof![Just(f64::NAN), 0.0f64..100.0, 0.0f64..100.0, 0.0f64..100.0],
            0.5f64..3.0,
            prop_oneof![Just(u32::MAX), 0u32..3, 0u32..3, 0u32..3],
        );
        (
            proptest::collection::vec(row, 30..120),
            proptest::collection::vec(0.0f64..1.0, 0..6),
        )
            .prop_map(move |(rows, cuts)| {
                let n = rows.len();
                let mut cuts: Vec<usize> = cuts.iter().map(|c| (c * n as f64) as usize).collect();
                cuts.sort_unstable();
                let mut s = Sample::default();
                for (h, p, w, y, x, d) in rows {
                    s.push((w, y, x), h, u64::from(h) * 100 + p, d);
                }
                (s, cuts, psus)
            })
    })
}

fn stats() -> Vec<Statistic> {
    vec![Statistic::Total, Statistic::Mean, Statistic::Ratio]
}

fn label(k: u64) -> String {
    k.to_string()
}

fn add_rows(acc: &mut LinearAccumulator, s: &Sample, labels: &[String], a: usize, b: usize) {
    let rows = Rows {
        weights: &s.w[a..b],
        strata: Some(Grouping {
            codes: &s.stratum[a..b],
            labels,
        }),
        psu: &s.psu[a..b],
        psu_label: &label,
        fpc: None,
        domain: &s.domain[a..b],
        y: vec![&s.y[a..b], &s.y[a..b], &s.y[a..b]],
        x: vec![None, None, Some(&s.x[a..b])],
    };
    acc.add(&rows).unwrap();
}

/// The groups of `from` added to `into`, as a caller that read them from a file would (stratum
/// codes mean the same label in every call).
fn merge_into(
    into: &mut LinearAccumulator,
    from: &LinearAccumulator,
    labels: &[String],
    first: usize,
) -> usize {
    let groups = from.groups().unwrap();
    let mut codes = Vec::new();
    let (mut psu, mut domain, mut sums) = (Vec::new(), Vec::new(), Vec::new());
    for g in &groups {
        let code = labels.iter().position(|l| l == g.stratum).unwrap();
        codes.push(code as u32);
        psu.push(g.psu);
        domain.push(g.domain.unwrap_or(u32::MAX));
        if g.sums.is_empty() {
            sums.extend(std::iter::repeat_n(DomainSums::default(), 3));
        } else {
            sums.extend_from_slice(g.sums);
        }
    }
    let g = Groups {
        strata: Some(Grouping {
            codes: &codes,
            labels,
        }),
        psu: &psu,
        psu_label: &label,
        fpc: None,
        domain: &domain,
        sums: &sums,
    };
    into.add_groups(&g, first).unwrap();
    groups.len()
}

fn table(s: &Sample) -> DomainTable {
    let mut ids: Vec<u32> = s
        .domain
        .iter()
        .copied()
        .filter(|&d| d != u32::MAX)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    DomainTable {
        variables: vec!["d".into()],
        labels: ids.iter().map(|d| vec![d.to_string()]).collect(),
        codes: ids.iter().map(|&d| vec![d]).collect(),
        id: ids,
    }
}

fn estimate(acc: &LinearAccumulator, t: &DomainTable, v: &LinearVariance) -> Vec<EstimateRow> {
    let contrasts = [Contrast {
        variable: 0,
        a: 1,
        b: 0,
        label: "1-0".into(),
        kind: ContrastKind::Difference,
    }];
    let variables = vec!["y".to_string(), "y".into(), "y/x".into()];
    acc.estimate(&LinearRequest {
        variables: &variables,
        domains: t,
        contrasts: &contrasts,
        variance: v.clone(),
        lonely: LonelyPsu::Adjust,
        reliability: ReliabilityRule::None,
        country_of_domain: None,
        level: 0.95,
    })
    .unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a == b || (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}

/// The scale an estimate is compared at: itself, or for the gap `1-0` the larger of the two
/// estimates it is the difference of (sums added in another order differ in their last
/// digits, which a small gap magnifies).
fn scale(rows: &[EstimateRow], r: &EstimateRow) -> f64 {
    if r.domain[0] != "1-0" {
        return r.measures.estimate.abs();
    }
    rows.iter()
        .filter(|o| o.variable == r.variable && o.statistic == r.statistic)
        .filter(|o| o.domain[0] == "1" || o.domain[0] == "0")
        .map(|o| o.measures.estimate.abs())
        .fold(r.measures.estimate.abs(), f64::max)
}

/// The scale a design effect is compared at: its own, widened to twice the standard error's
/// relative scale; or, when that is smaller, what the standard errors' own tolerance
/// `t = 1e-12 |estimate|` allows: `deff = se^2 / s^2` with the same SRS variance `s^2` in both
/// runs (read off whichever run has `se > 0` and `deff > 0`), so two standard errors within `t`
/// give design effects within `(2 max(se) t + t^2) / s^2` (a one-PSU domain's variance is pure
/// rounding noise: 0 in one run, 1e-31 in the other).
fn deff_scale(a: &EstimateRow, b: &EstimateRow) -> f64 {
    let (ma, mb) = (&a.measures, &b.measures);
    let own = ma.deff.abs() * (1e-3_f64).max(2.0 * ma.estimate.abs() / ma.se);
    let srs = [ma, mb]
        .iter()
        .find(|m| m.se > 0.0 && m.deff > 0.0)
        .map(|m| m.se * m.se / m.deff);
    let from_se = srs.map_or(0.0, |s2| {
        let t = 1e-12 * ma.estimate.abs();
        (2.0 * ma.se.max(mb.se) + t) * ma.estimate.abs() / s2
    });
    own.max(from_se)
}

fn same(whole: &[EstimateRow], merged: &[EstimateRow]) -> Result<(), TestCaseError> {
    prop_assert_eq!(whole.len(), merged.len());
    for (a, b) in whole.iter().zip(merged) {
        prop_assert_eq!(&a.domain, &b.domain);
        prop_assert_eq!(a.n, b.n);
        prop_assert_eq!(a.df, b.df);
        let k = scale(whole, a);
        // every measure but the CV, which is se / |estimate| of the two compared here
        let measures = a.measures.named().into_iter().zip(b.measures.named());
        for ((what, x), (_, y)) in measures.filter(|m| m.0 .0 != "cv") {
            // a gap's estimate at the scale of its two estimates; a standard error at the
            // scale of the estimate too: the scores Y_p - R X_p are differences of sums of
            // size |R| X_p, whose last digits differ when the sums are added in another order;
            // a design effect (a variance over R survey's SRS variance, itself a difference of
            // moments) to 1e-9, or twice the standard error's relative scale
            let scale = match what {
                "estimate" | "ci_low" | "ci_high" => k,
                "se" => a.measures.estimate.abs(),
                "deff" => deff_scale(a, b),
                _ => 0.0,
            };
            let gap = (x - y).abs() <= 1e-12 * scale;
            prop_assert!(
                close(x, y) || gap,
                "{} {:?} {} {} (estimate {}): {} vs {}",
                what,
                a.domain,
                a.statistic,
                a.variable,
                a.measures.estimate,
                x,
                y
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn chunks_written_as_groups_and_merged_equal_one_run((s, cuts, psus) in sample()) {
        let labels: Vec<String> = (0..3).map(|h| format!("h{h}")).collect();
        let mut whole = LinearAccumulator::new(stats(), false).unwrap().any_order();
        add_rows(&mut whole, &s, &labels, 0, s.w.len());
        let mut merged = LinearAccumulator::new(stats(), false).unwrap().any_order();
        merged.keep_groups().unwrap();
        let mut bounds = vec![0];
        bounds.extend(&cuts);
        bounds.push(s.w.len());
        let mut first = 0;
        for w in bounds.windows(2) {
            let mut chunk = LinearAccumulator::new(stats(), false).unwrap().any_order();
            chunk.keep_groups().unwrap();
            add_rows(&mut chunk, &s, &labels, w[0], w[1]);
            first += merge_into(&mut merged, &chunk, &labels, first);
        }
        let mut again = LinearAccumulator::new(stats(), false).unwrap().any_order();
        merge_into(&mut again, &merged, &labels, 0);
        prop_assume!(s.domain.iter().any(|&d| d != u32::MAX));
        let t = table(&s);
        let mut variances = vec![
            LinearVariance::Linearised,
            LinearVariance::Replicate { scheme: ReplicateScheme::JackknifeN, mse: false },
            LinearVariance::Replicate {
                scheme: ReplicateScheme::Bootstrap { replicates: 20, seed: 7 },
                mse: true,
            },
        ];
        let two_each = (0..3u64).all(|h| {
            let mut p: Vec<u64> = s.psu.iter().copied().filter(|p| p / 100 == h).collect();
            p.sort_unstable();
            p.dedup();
            p.is_empty() || p.len() == 2
        });
        if psus == 2 && two_each {
            variances.push(LinearVariance::Replicate {
                scheme: ReplicateScheme::Brr { rho: 0.0 },
                mse: false,
            });
        }
        for v in &variances {
            let one = estimate(&whole, &t, v);
            same(&one, &estimate(&merged, &t, v)).map_err(|e| TestCaseError::fail(format!("{v:?}: {e}")))?;
            same(&one, &estimate(&again, &t, v)).map_err(|e| TestCaseError::fail(format!("{v:?} again: {e}")))?;
        }
    }
}

#[test]
fn groups_need_keep_groups_before_rows() {
    let mut acc = LinearAccumulator::new(stats(), false).unwrap().any_order();
    assert!(acc.groups().is_err());
    let s = Sample {
        w: vec![1.0],
        y: vec![2.0],
        x: vec![1.0],
        stratum: vec![0],
        psu: vec![1],
        domain: vec![0],
    };
    add_rows(&mut acc, &s, &["h".to_string()], 0, 1);
    assert!(acc.keep_groups().is_err());
}
