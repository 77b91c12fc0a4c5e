//! Design features against R survey 4.1.1: finite population correction, lonely-PSU policies,
//! generated replicates (JKn, BRR) and supplied replicate-weight columns. The reference values and
//! the data were produced by `tests/fixtures/make_r_survey_extra.R` (run with R, not written by
//! hand). Everything here is deterministic, so estimates and standard errors must agree to 1e-9.

use std::path::PathBuf;

use civis_pipeline::{DesignBuilder, EstimateBuilder, Measure, VarianceMethod};
use civis_survey::{EstimateRow, LonelyPsu};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[derive(Debug)]
struct RefRow {
    case: String,
    statistic: String,
    variable: String,
    domain: String,
    stat: String,
    value: f64,
}

fn reference() -> Vec<RefRow> {
    let mut r = csv::Reader::from_path(fixture("r_survey_extra.csv")).unwrap();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            RefRow {
                case: rec[0].into(),
                statistic: rec[1].into(),
                variable: rec[2].into(),
                domain: rec[3].into(),
                stat: rec[4].into(),
                value: rec[5].parse().unwrap(),
            }
        })
        .collect()
}

/// The weighted design on `eusilc_two_states.csv` with PSUs nested in strata.
fn design() -> DesignBuilder {
    let mut d = DesignBuilder::new();
    d.weight("rb050").nest(true);
    d
}

/// An estimation on that file with the design `d` and the variance method `variance`.
fn on(d: &DesignBuilder, variance: &str) -> EstimateBuilder {
    let mut b = EstimateBuilder::new(fixture("eusilc_two_states.csv"));
    b.design(d.build().unwrap())
        .variance(variance.parse::<VarianceMethod>().unwrap());
    b
}

fn run(b: &EstimateBuilder) -> Vec<EstimateRow> {
    b.build()
        .and_then(|e| e.run(None))
        .unwrap_or_else(|e| panic!("{e}"))
        .rows
}

/// The four statistics of every case: mean eqIncome, total poor, ratio emp/adult (whole
/// sample) and mean poor by sex.
fn estimate_case(d: &DesignBuilder, variance: &str) -> Vec<EstimateRow> {
    let mut rows = run(on(d, variance)
        .measure(Measure::Total("poor".into()))
        .measure(Measure::Mean("eqIncome".into()))
        .measure(Measure::Ratio("emp".into(), "adult".into())));
    let by_sex = run(on(d, variance)
        .measure(Measure::Mean("poor".into()))
        .by("rb090"));
    rows.extend(by_sex);
    rows
}

fn compare(case: &str, rows: &[EstimateRow], tol: f64, only_totals: bool) -> usize {
    let mut checked = 0;
    for r in reference().iter().filter(|r| r.case == case) {
        if only_totals && r.statistic != "total" {
            continue;
        }
        let ours = rows
            .iter()
            .find(|o| {
                o.statistic == r.statistic
                    && o.variable == r.variable
                    && (r.domain.is_empty() && o.domain.is_empty()
                        || o.domain.first() == Some(&r.domain))
            })
            .unwrap_or_else(|| panic!("{case}: no row for {r:?}"));
        let got = if r.stat == "se" {
            ours.measures.se
        } else {
            ours.measures.estimate
        };
        let rel = ((got - r.value) / r.value).abs();
        assert!(
            rel <= tol,
            "{case} {} {} [{}] {}: civis {got} vs R {} (rel {rel:.2e})",
            r.statistic,
            r.variable,
            r.domain,
            r.stat,
            r.value
        );
        checked += 1;
    }
    assert!(checked > 0, "{case}: nothing compared");
    checked
}

#[test]
fn finite_population_correction() {
    let rows = estimate_case(
        design().strata("db040").psu("db030").fpc("n_hh"),
        "linearised",
    );
    assert_eq!(compare("fpc", &rows, 1e-9, false), 10);
}

#[test]
fn lonely_psu_policies() {
    for (policy, lonely) in [
        ("adjust", LonelyPsu::Adjust),
        ("average", LonelyPsu::Average),
        ("remove", LonelyPsu::Remove),
        ("certainty", LonelyPsu::Certainty),
    ] {
        let mut d = design();
        d.strata("strat_lonely").psu("db030").lonely_psu(lonely);
        let mut rows = run(on(&d, "linearised")
            .measure(Measure::Mean("eqIncome".into()))
            .measure(Measure::Ratio("emp".into(), "adult".into())));
        rows.extend(run(on(&d, "linearised")
            .measure(Measure::Mean("poor".into()))
            .by("rb090")));
        assert_eq!(compare(&format!("lonely_{policy}"), &rows, 1e-9, false), 8);
    }
    // and the default policy refuses the design, naming the stratum
    let err = on(design().strata("strat_lonely").psu("db030"), "linearised")
        .measure(Measure::Mean("eqIncome".into()))
        .build()
        .and_then(|e| e.run(None))
        .err()
        .expect("a lonely PSU is an error by default")
        .to_string();
    assert!(err.contains("Lonely") && err.contains("one PSU"), "{err}");
}

#[test]
fn generated_jackknife_matches_r() {
    let rows = estimate_case(design().strata("db040").psu("vpsu6"), "jackknife");
    assert_eq!(compare("jkn", &rows, 1e-9, false), 10);
}

#[test]
fn generated_brr_matches_r_for_totals() {
    // Full orthogonal balance makes the BRR variance of a total independent of the Hadamard
    // matrix; R's (Paley) and ours (Sylvester) then agree exactly.
    let rows = run(on(design().strata("vstr").psu("vpsu2"), "brr")
        .measure(Measure::Total("poor".into()))
        .measure(Measure::Total("eqIncome".into())));
    assert_eq!(compare("brr", &rows, 1e-9, true), 4);
}

#[test]
fn supplied_replicate_columns_match_r() {
    for (case, spec) in [
        ("columns_bootstrap", "columns:boot_:bootstrap"),
        ("columns_jk1", "columns:jk1_:jk1"),
        ("columns_jkn", "columns:jkn_:jkn"),
        ("columns_brr", "columns:brr_:brr"),
        ("columns_fay", "columns:fay_:fay:0.3"),
        ("columns_sdr", "columns:boot_:sdr"),
    ] {
        // JKn columns need the strata and PSUs to know which stratum each column deletes from
        let mut d = design();
        if case == "columns_jkn" {
            d.strata("db040").psu("vpsu6");
        }
        let rows = estimate_case(&d, spec);
        assert_eq!(compare(case, &rows, 1e-9, false), 10, "{case}");
    }
}

#[test]
fn jackknife_of_a_total_equals_linearisation() {
    // For a linear statistic the delete-one-PSU jackknife centred on the full-sample estimate
    // reproduces the ultimate-cluster variance exactly.
    let d = design().strata("db040").psu("db030").clone();
    let total = |variance: &str, mse: bool| {
        run(on(&d, variance)
            .measure(Measure::Total("poor".into()))
            .by("rb090")
            .mse(mse))
    };
    let lin = total("linearised", false);
    let jk = total("jackknife", true);
    for (a, b) in lin.iter().zip(&jk) {
        assert!(
            ((a.measures.se - b.measures.se) / a.measures.se).abs() < 1e-9,
            "{} vs {}",
            a.measures.se,
            b.measures.se
        );
    }
}

#[test]
fn bootstrap_is_seeded_and_close_to_linearisation() {
    let d = design().strata("db040").psu("db030").clone();
    let means = |variance: &str| {
        run(on(&d, variance)
            .measure(Measure::Mean("eqIncome".into()))
            .measure(Measure::Mean("poor".into())))
    };
    let lin = means("linearised");
    let boot = |seed: u64| means(&format!("bootstrap:1000:{seed}"));
    let (a, b, c) = (boot(7), boot(7), boot(8));
    assert_eq!(a, b, "same seed, same result");
    assert_ne!(
        a[0].measures.se, c[0].measures.se,
        "another seed, other replicates"
    );
    for (l, r) in lin.iter().zip(&a) {
        let ratio = r.measures.se / l.measures.se;
        assert!(
            (0.9..1.1).contains(&ratio),
            "{}: bootstrap {} vs linearised {}",
            l.variable,
            r.measures.se,
            l.measures.se
        );
    }
}

#[test]
fn jackknife_gaps_closed_form_equals_explicit_replicates() {
    // The generated JKn computes gaps of means in closed form; R's JKn replicate columns for the
    // same design (strata db040, PSUs vpsu6) give the replicates one by one. Same variance.
    let d = design().strata("db040").psu("vpsu6").clone();
    let gaps = |variance: &str| {
        run(on(&d, variance)
            .measure(Measure::Total("poor".into()))
            .measure(Measure::Mean("poor".into()))
            .measure(Measure::Mean("eqIncome".into()))
            .by("rb090")
            .contrast("rb090", "female-male"))
    };
    let closed = gaps("jackknife");
    let explicit = gaps("columns:jkn_:jkn");
    assert_eq!(closed.len(), explicit.len());
    let gaps = closed
        .iter()
        .filter(|r| r.domain[0] == "female-male")
        .count();
    assert_eq!(gaps, 3);
    for (a, b) in closed.iter().zip(&explicit) {
        assert_eq!(a.domain, b.domain);
        assert!(((a.measures.estimate - b.measures.estimate) / b.measures.estimate).abs() < 1e-12);
        assert!(
            ((a.measures.se - b.measures.se) / b.measures.se).abs() < 1e-9,
            "{:?} {}: closed {} vs explicit {}",
            a.domain,
            a.statistic,
            a.measures.se,
            b.measures.se
        );
    }
}
