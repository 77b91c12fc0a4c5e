//! `proportion_interval` against R `survey::svyciprop(method = "logit")` on laeken's synthetic
//! eusilc data: estimates, standard errors and design degrees of freedom of 54 domains (some with
//! 6 respondents) as R computed them, and R's intervals, from `fixtures/make_svyciprop.R`.
//!
//! svyciprop fits a quasi-binomial `svyglm` with the default `glm.control(epsilon = 1e-8)`, so its
//! intervals carry the IRLS stopping error (up to 3e-9 relative here); the same model run to
//! convergence (`epsilon = 1e-15`, also in the file) is matched to 1e-12, svyciprop's own output
//! to 1e-8.

use civis_compare::{proportion_interval, ProportionMethod};

#[test]
fn logit_intervals_match_r_svyciprop() {
    let text = include_str!("fixtures/svyciprop_logit.csv");
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (n, p, se, df, lo, hi, lo_c, hi_c) = (
        col("n"),
        col("p"),
        col("se"),
        col("df"),
        col("ci_low"),
        col("ci_high"),
        col("ci_low_converged"),
        col("ci_high_converged"),
    );
    let mut rows = 0;
    for line in lines {
        let f: Vec<&str> = line.split(',').collect();
        let num = |i: usize| f[i].parse::<f64>().unwrap();
        let i = proportion_interval(num(p), num(se), num(df), num(n) as u64, 0.95)
            .unwrap()
            .unwrap();
        assert_eq!(i.method, ProportionMethod::Logit);
        for (ours, r, tolerance) in [
            (i.low, num(lo_c), 1e-12),
            (i.high, num(hi_c), 1e-12),
            (i.low, num(lo), 1e-8),
            (i.high, num(hi), 1e-8),
        ] {
            assert!(
                ((ours - r) / r).abs() < tolerance,
                "{line}: ours {ours}, R {r}"
            );
        }
        rows += 1;
    }
    assert_eq!(rows, 54);
}
