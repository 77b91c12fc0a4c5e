//! Properties of the intervals and verdicts the portal prints: a proportion's interval lies in
//! [0, 1] and contains the estimate; every "significant" verdict has an interval that excludes
//! the null value of its statistic (0 for a difference, 1 or 100 % for a ratio).

use civis_compare::{
    interval_verdict, proportion_interval, versus_null, Estimate, GapKind, Verdict,
};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn a_proportion_interval_stays_in_0_1_and_holds_the_estimate(
        p in prop_oneof![Just(0.0), Just(1.0), 0.0f64..=1.0],
        se in prop_oneof![Just(0.0), 1e-6f64..0.5],
        df in prop_oneof![Just(f64::INFINITY), 1.0f64..500.0],
        n in 1u64..5000,
    ) {
        let i = proportion_interval(p, se, df, n, 0.95).unwrap().unwrap();
        prop_assert!(0.0 <= i.low && i.low <= p && p <= i.high && i.high <= 1.0, "{i:?} for {p}");
        prop_assert!(i.low < i.high, "zero width {i:?}");
    }

    #[test]
    fn every_significant_verdict_excludes_the_null(
        value in -200.0f64..200.0,
        se in prop_oneof![Just(0.0), 0.0f64..50.0],
        ratio in any::<bool>(),
    ) {
        let kind = if ratio { GapKind::Ratio { unit: 100.0 } } else { GapKind::Difference };
        let d = versus_null(Estimate::new(value, se), kind, 0.95).unwrap();
        let (l, h) = d.ci.unwrap();
        let null = kind.null();
        match d.verdict {
            Verdict::SignificantlyHigher => prop_assert!(l > null, "{d:?}"),
            Verdict::SignificantlyLower => prop_assert!(h < null, "{d:?}"),
            Verdict::NotSignificant => prop_assert!(l <= null && null <= h, "{d:?}"),
            Verdict::Unknown => prop_assert!(false, "a test with a standard error is known"),
        }
        // the verdict read from the printed interval is the same
        let from_interval = interval_verdict(d.ci, kind);
        if l != null && h != null {
            prop_assert_eq!(from_interval, d.verdict);
        }
    }
}
