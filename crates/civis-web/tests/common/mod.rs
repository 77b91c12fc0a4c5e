//! What the portal's HTTP tests share: the observations they import.

use civis_store::{testing, Observation};

/// An observation of `indicator` for `group` in `geo` and `time`: the employment rate for ages
/// 20-64, incomes in euro, everything else in percent; the 95 % interval `est -/+ 1.96 se`
/// where both are given.
pub fn observation(
    (indicator, geo, group): (&str, &str, &str),
    time: &str,
    est: Option<f64>,
    se: Option<f64>,
) -> Observation {
    Observation {
        age: if indicator == "employment_rate" {
            "Y20-64".into()
        } else {
            String::new()
        },
        time: time.into(),
        unit: if indicator.ends_with("income") {
            "EUR".into()
        } else {
            "PC".into()
        },
        estimate: est,
        se,
        ci_low: est.zip(se).map(|(e, s)| e - 1.96 * s),
        ci_high: est.zip(se).map(|(e, s)| e + 1.96 * s),
        ..testing::observation(indicator, geo, group)
    }
}
