//! Calibrated weights reproduce the population totals (to 1e-10 relative), for every distance
//! function, post-stratification and raking, on random samples and random (feasible) totals.

use civis_survey::{
    AuxValues, Auxiliary, CalFun, Calibration, CalibrationMethod, CalibrationSpec, Grouping,
};
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct Sample {
    d: Vec<f64>,
    a: Vec<u32>,
    b: Vec<u32>,
    x: Vec<f64>,
    /// Tilts of the totals: 3 for `a`, 2 for `b`, 1 for `x`.
    tilt: Vec<f64>,
}

fn sample() -> impl Strategy<Value = Sample> {
    (
        proptest::collection::vec((0.5f64..20.0, 0u32..3, 0u32..2, 0.0f64..50.0), 20..80),
        proptest::collection::vec(0.9f64..1.1, 6),
    )
        .prop_map(|(rows, tilt)| {
            let mut s = Sample {
                d: vec![],
                a: vec![],
                b: vec![],
                x: vec![],
                tilt,
            };
            for (i, (d, a, b, x)) in rows.into_iter().enumerate() {
                s.d.push(d);
                // the first six rows hold every category of both variables
                s.a.push(if i < 6 { i as u32 % 3 } else { a });
                s.b.push(if i < 6 { i as u32 % 2 } else { b });
                s.x.push(x);
            }
            s
        })
}

fn labels(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("c{i}")).collect()
}

/// Population counts by category label.
type Totals = Vec<(String, f64)>;

/// Totals: the design-weighted totals, tilted, the `b` totals rescaled to the `a` population.
fn totals(s: &Sample) -> (Totals, Totals, f64) {
    let mut ta = [0.0; 3];
    let mut tb = [0.0; 2];
    let mut tx = 0.0;
    for i in 0..s.d.len() {
        ta[s.a[i] as usize] += s.d[i];
        tb[s.b[i] as usize] += s.d[i];
        tx += s.d[i] * s.x[i];
    }
    let ta: Vec<f64> = ta.iter().zip(&s.tilt[..3]).map(|(t, k)| t * k).collect();
    let tb: Vec<f64> = tb.iter().zip(&s.tilt[3..5]).map(|(t, k)| t * k).collect();
    let (na, nb): (f64, f64) = (ta.iter().sum(), tb.iter().sum());
    let name = |v: Vec<f64>| -> Vec<(String, f64)> { labels(v.len()).into_iter().zip(v).collect() };
    (
        name(ta),
        name(tb.iter().map(|t| t * na / nb).collect()),
        tx * s.tilt[5],
    )
}

fn check(s: &Sample, method: CalibrationMethod, numeric: bool) -> Result<(), TestCaseError> {
    let (la, lb) = (labels(3), labels(2));
    let (ta, tb, tx) = totals(s);
    let mut auxiliaries = vec![
        Auxiliary {
            name: "a".into(),
            values: AuxValues::Categorical {
                grouping: Grouping {
                    codes: &s.a,
                    labels: &la,
                },
                totals: ta,
            },
        },
        Auxiliary {
            name: "b".into(),
            values: AuxValues::Categorical {
                grouping: Grouping {
                    codes: &s.b,
                    labels: &lb,
                },
                totals: tb,
            },
        },
    ];
    if numeric {
        auxiliaries.push(Auxiliary {
            name: "x".into(),
            values: AuxValues::Numeric {
                values: &s.x,
                total: tx,
            },
        });
    }
    if method == CalibrationMethod::PostStratify {
        auxiliaries.truncate(1);
    }
    let cal = match Calibration::new(
        &s.d,
        &CalibrationSpec {
            auxiliaries,
            method,
        },
    ) {
        Ok(c) => c,
        // a random sample may admit no positive (raking) or bounded (logit) solution: then
        // the error must say so; the linear distance, post-stratification and raking by
        // margins always have one here
        Err(e) => {
            prop_assert!(
                matches!(
                    method,
                    CalibrationMethod::Calibrate(CalFun::Logit { .. } | CalFun::Raking)
                ),
                "{method:?}: {e}"
            );
            prop_assert!(
                e.to_string().contains("`a`")
                    || e.to_string().contains("`b`")
                    || e.to_string().contains("`x`"),
                "{e}"
            );
            return Ok(());
        }
    };
    let got = cal.totals_under(&cal.weights());
    for (t, g) in cal.targets().iter().zip(&got) {
        prop_assert!(
            (g - t.total).abs() <= 1e-10 * t.total.abs().max(1.0),
            "{method:?} {t}: {g} vs {}",
            t.total
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn calibrated_weights_reproduce_the_totals(s in sample()) {
        for calfun in [
            CalFun::Linear,
            CalFun::Raking,
            CalFun::Logit { lower: 0.3, upper: 3.0 },
        ] {
            check(&s, CalibrationMethod::Calibrate(calfun), true)?;
        }
        check(&s, CalibrationMethod::PostStratify, false)?;
        check(&s, CalibrationMethod::Rake, false)?;
    }
}
