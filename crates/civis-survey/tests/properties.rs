//! Invariants of design-based estimation (proptest):
//! - the order of the rows does not change any estimate or standard error;
//! - scaling every weight by c scales totals by c and leaves means, ratios, quantiles and the
//!   EU-SILC indicators unchanged (and their standard errors scale accordingly);
//! - a domain covering every row equals the estimate without domains.

use civis_survey::{
    estimate, Design, DesignSpec, Domains, EstimateRow, Grouping, LonelyPsu, QuantileRule,
    ReliabilityRule, Request, StatRequest, Statistic, VarianceMethod,
};
use proptest::prelude::*;

mod common;

/// The rows, their domain a group.
type Sample = common::SampleRows<u32>;

fn sample() -> impl Strategy<Value = Sample> {
    // 3 strata x 4 PSUs, 1-4 rows each
    proptest::collection::vec(
        (
            1usize..5,
            proptest::collection::vec((0.5f64..5.0, 0.0f64..100.0, 0.5f64..3.0, 0u32..3), 4),
        ),
        12,
    )
    .prop_map(|psus| {
        let mut s = Sample::default();
        for (p, (k, rows)) in psus.iter().enumerate() {
            for &(w, y, x, g) in rows.iter().take(*k) {
                s.push((w, y, x), (p / 4) as u32, p as u32, g);
            }
        }
        s
    })
}

fn labels(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("L{i}")).collect()
}

fn stats() -> Vec<Statistic> {
    vec![
        Statistic::Total,
        Statistic::Mean,
        Statistic::Ratio,
        Statistic::Quantile {
            p: 0.5,
            rule: QuantileRule::Math,
        },
        Statistic::PovertyRate { share: 0.6 },
        Statistic::Gini,
        Statistic::QuintileShareRatio,
    ]
}

fn run(s: &Sample, by_group: bool) -> Vec<EstimateRow> {
    let sl = labels(3);
    let pl = labels(12);
    let gl = labels(3);
    let design = Design::new(DesignSpec {
        weights: &s.w,
        strata: Some(Grouping {
            codes: &s.stratum,
            labels: &sl,
        }),
        psu: Some(Grouping {
            codes: &s.psu,
            labels: &pl,
        }),
        nest: false,
        fpc: None,
        lonely: LonelyPsu::Fail,
    })
    .unwrap();
    let by: Vec<(String, Grouping<'_>)> = if by_group {
        vec![(
            "g".into(),
            Grouping {
                codes: &s.domain,
                labels: &gl,
            },
        )]
    } else {
        vec![]
    };
    let domains = Domains::new(s.w.len(), &by, None).unwrap();
    let statistics = stats()
        .into_iter()
        .map(|st| StatRequest {
            statistic: st,
            variable: "y".into(),
            y: &s.y,
            x: matches!(st, Statistic::Ratio).then_some(s.x.as_slice()),
        })
        .collect();
    estimate(&Request {
        design: &design,
        domains: &domains,
        statistics,
        contrasts: vec![],
        variance: VarianceMethod::Linearised,
        reliability: ReliabilityRule::None,
        country_of_domain: None,
        level: 0.95,
        progress: None,
    })
    .unwrap()
}

fn close(a: f64, b: f64) -> bool {
    // equal infinities are equal (a QSR whose bottom quintile has no income is +inf); values
    // within 1e-12 of each other are equal (a standard error that is zero up to rounding)
    a == b || (a.is_nan() && b.is_nan()) || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()) + 1e-12
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn row_order_does_not_matter(s in sample(), seed in any::<u64>()) {
        // a deterministic shuffle
        let n = s.w.len();
        let mut perm: Vec<usize> = (0..n).collect();
        let mut state = seed | 1;
        for i in (1..n).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            perm.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let p = |v: &Vec<f64>| perm.iter().map(|&i| v[i]).collect::<Vec<_>>();
        let pu = |v: &Vec<u32>| perm.iter().map(|&i| v[i]).collect::<Vec<_>>();
        let t = Sample { w: p(&s.w), y: p(&s.y), x: p(&s.x), stratum: pu(&s.stratum), psu: pu(&s.psu), domain: pu(&s.domain) };
        let (a, b) = (run(&s, true), run(&t, true));
        prop_assert_eq!(a.len(), b.len());
        for (ra, rb) in a.iter().zip(&b) {
            // Gini with tied incomes depends on the order of ties (as in laeken); the data here
            // are continuous, so ties do not occur.
            prop_assert!(close(ra.measures.estimate, rb.measures.estimate), "{} {:?}: {} vs {}", ra.statistic, ra.domain, ra.measures.estimate, rb.measures.estimate);
            prop_assert!(close(ra.measures.se, rb.measures.se), "{} se: {} vs {}", ra.statistic, ra.measures.se, rb.measures.se);
        }
    }

    #[test]
    fn scaling_weights(s in sample(), c in 0.1f64..50.0) {
        let t = Sample { w: s.w.iter().map(|w| w * c).collect(), ..s.clone() };
        let (a, b) = (run(&s, true), run(&t, true));
        for (ra, rb) in a.iter().zip(&b) {
            if ra.statistic == "total" {
                prop_assert!(close(ra.measures.estimate * c, rb.measures.estimate));
                prop_assert!(close(ra.measures.se * c, rb.measures.se));
            } else {
                prop_assert!(close(ra.measures.estimate, rb.measures.estimate), "{}: {} vs {}", ra.statistic, ra.measures.estimate, rb.measures.estimate);
                // The ARPR variance uses vardpoor's kernel bandwidth sd / N^(1/5) with N the
                // weighted population, which is not scale-free by definition.
                if ra.statistic != "arpr" {
                    prop_assert!(close(ra.measures.se, rb.measures.se), "{} se: {} vs {}", ra.statistic, ra.measures.se, rb.measures.se);
                }
            }
        }
    }

    #[test]
    fn domain_covering_everything_is_the_national_estimate(s in sample()) {
        let all = Sample { domain: vec![0; s.w.len()], ..s.clone() };
        let (a, b) = (run(&s, false), run(&all, true));
        prop_assert_eq!(a.len(), b.len());
        for (ra, rb) in a.iter().zip(&b) {
            prop_assert!(close(ra.measures.estimate, rb.measures.estimate));
            prop_assert!(close(ra.measures.se, rb.measures.se));
            prop_assert_eq!(ra.n, rb.n);
        }
    }
}
