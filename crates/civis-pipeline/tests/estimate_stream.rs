//! Totals, means and ratios computed chunk by chunk from partial sums equal the whole-file
//! estimation (`--in-memory`, the path checked against R survey by the golden tests): estimates,
//! standard errors, intervals, design effects, counts and flags, for every variance method the
//! streaming path takes, with domains, a `--where` subset and contrasts. The file is cut into
//! many chunks (`CIVIS_CHUNK_BYTES`).

mod eusilc;

use std::path::{Path, PathBuf};

use civis_pipeline::{DesignBuilder, EstimateBuilder, Measure, VarianceMethod};
use civis_survey::{EstimateRow, LonelyPsu, QuantileRule, ReliabilityRule};
use eusilc::{eusilc, on_design};

fn builder(variance: &str) -> EstimateBuilder {
    let mut b = without_contrast_on(&eusilc(), variance);
    b.contrast("foreign", "foreign-national");
    b
}

/// Linearised variances without a contrast come from per-(stratum, domain) moments, not from
/// PSU totals.
fn without_contrast_on(data: &Path, variance: &str) -> EstimateBuilder {
    let mut b = on_design(data);
    b.filter("age >= 16")
        .measure(Measure::Total("py050n".into()))
        .measure(Measure::Mean("emp".into()))
        .measure(Measure::Mean("py010n".into()))
        .measure(Measure::Ratio("py010n".into(), "eqIncome".into()))
        .by("foreign")
        .by("rb090")
        .variance(variance.parse::<VarianceMethod>().unwrap())
        .reliability(ReliabilityRule::Silc);
    b
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a == b || (a - b).abs() <= tol * a.abs().max(b.abs())
}

fn same(stream: &[EstimateRow], whole: &[EstimateRow], what: &str) {
    assert_eq!(stream.len(), whole.len(), "{what}: row count");
    for (s, w) in stream.iter().zip(whole) {
        let at = format!("{what}: {:?} {} {}", w.domain, w.statistic, w.variable);
        assert_eq!(
            (&s.domain, &s.statistic, &s.variable, s.n, s.reliability),
            (&w.domain, &w.statistic, &w.variable, w.n, w.reliability),
            "{at}"
        );
        let (x, y) = (s.df, w.df);
        assert!(
            close(x, y, 0.0),
            "{at}: df {x} (chunks) vs {y} (whole file)"
        );
        for ((name, x), (_, y)) in s.measures.named().into_iter().zip(w.measures.named()) {
            let tol = match name {
                "estimate" | "pop" => 1e-12,
                "deff" => 1e-8,
                // se / |estimate|, of the two compared here
                "cv" => continue,
                _ => 1e-10,
            };
            assert!(
                close(x, y, tol),
                "{at}: {name} {x} (chunks) vs {y} (whole file)"
            );
        }
    }
}

fn compare(variance: &str) {
    compare_on(builder(variance), variance);
}

fn compare_on(mut b: EstimateBuilder, variance: &str) {
    std::env::set_var("CIVIS_CHUNK_BYTES", "40000");
    let stream = b.build().unwrap().run(None).expect("streaming").rows;
    b.in_memory(true);
    let whole = b.build().unwrap().run(None).expect("whole file").rows;
    assert!(whole.len() >= 16);
    same(&stream, &whole, variance);
}

#[test]
fn linearised_in_chunks_equals_the_whole_file() {
    compare("linearised");
}

#[test]
fn linearised_from_stratum_moments_equals_the_whole_file() {
    compare_on(
        without_contrast_on(&eusilc(), "linearised"),
        "linearised (moments)",
    );
}

/// eusilc with its rows dealt into 7 interleaved piles: no household's rows are consecutive.
fn interleaved_eusilc() -> PathBuf {
    let text = std::fs::read_to_string(eusilc()).expect("eusilc");
    let mut lines = text.lines();
    let header = lines.next().expect("header");
    let rows: Vec<&str> = lines.collect();
    let mut out = format!("{header}\n");
    for pile in 0..7 {
        for r in rows.iter().skip(pile).step_by(7) {
            out.push_str(r);
            out.push('\n');
        }
    }
    let path = std::env::temp_dir().join(format!("h18a_interleaved_{}.csv", std::process::id()));
    std::fs::write(&path, out).expect("write");
    path
}

#[test]
fn rows_not_grouped_by_psu_give_the_whole_file_estimates() {
    let path = interleaved_eusilc();
    for (variance, contrast) in [
        ("linearised", false),
        ("linearised", true),
        ("bootstrap:40:3", true),
    ] {
        let mut b = without_contrast_on(&path, variance);
        if contrast {
            b.contrast("foreign", "foreign-national");
        }
        compare_on(b, &format!("{variance} on interleaved rows"));
    }
    std::fs::remove_file(&path).ok();
}

#[test]
fn jackknife_in_chunks_equals_the_whole_file() {
    compare("jackknife");
}

#[test]
fn bootstrap_in_chunks_equals_the_whole_file_replicate_by_replicate() {
    // same seed, same PSU numbering: the same replicates
    compare("bootstrap:60:11");
}

/// A file of `n` rows (strata of 10 PSUs of 3 rows), with `bad` applied to row `at`.
fn small_file(name: &str, n: usize, at: usize, bad: &str) -> PathBuf {
    let mut csv = String::from("h,p,w,y\n");
    for i in 0..n {
        let row = format!("{},{},{},{}\n", i / 30, i / 3, 1.0 + (i % 7) as f64, i % 5);
        csv.push_str(&if i == at { bad.to_string() + "\n" } else { row });
    }
    let path = std::env::temp_dir().join(format!("h18a_stream_{}_{name}.csv", std::process::id()));
    std::fs::write(&path, csv).expect("write");
    path
}

#[test]
fn design_errors_name_the_line_as_the_whole_file_does() {
    std::env::set_var("CIVIS_CHUNK_BYTES", "4000");
    for (name, bad) in [("negative", "80,2500,-1,1"), ("nested", "80,5,1,1")] {
        let path = small_file(name, 3000, 2500, bad);
        let mut d = DesignBuilder::new();
        d.weight("w")
            .strata("h")
            .psu("p")
            .lonely_psu(LonelyPsu::Fail);
        let mut b = EstimateBuilder::new(&path);
        b.design(d.build().unwrap())
            .measure(Measure::Mean("y".into()));
        let stream = b.build().unwrap().run(None).err().expect(name).to_string();
        b.in_memory(true);
        let whole = b.build().unwrap().run(None).err().expect(name).to_string();
        std::fs::remove_file(&path).ok();
        assert_eq!(stream, whole);
        assert!(
            stream.contains("line 2502") || stream.contains("strata"),
            "{stream}"
        );
    }
}

/// A generated LFS-like file of `n` persons: households (the PSUs) of 1 to 5 persons with
/// consecutive rows, 40 strata interleaved across the file, 12 regions, unequal weights.
fn generated_lfs(n: usize) -> PathBuf {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |m: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % m
    };
    let mut csv = String::from("stratum,psu,weight,region,sex,age,ilostat\n");
    let (mut row, mut hh) = (0, 0);
    while row < n {
        hh += 1;
        let stratum = next(40);
        let weight = 50.0 + 10.0 * (stratum as f64) + next(100) as f64 / 7.0;
        let region = format!("R{:02}", stratum % 12);
        for _ in 0..(1 + next(5)).min((n - row) as u64) {
            let (sex, age) = (1 + next(2), 15 + next(75));
            let ilostat = if next(100) < 40 + stratum {
                1
            } else {
                2 + next(2)
            };
            csv.push_str(&format!(
                "S{stratum},{hh},{weight},{region},{sex},{age},{ilostat}\n"
            ));
            row += 1;
        }
    }
    let path = std::env::temp_dir().join(format!("h18a_lfs_{}_{n}.csv", std::process::id()));
    std::fs::write(&path, csv).expect("write");
    path
}

#[test]
fn generated_lfs_in_chunks_equals_the_whole_file() {
    let path = generated_lfs(200_000);
    for variance in ["linearised", "bootstrap:50:7", "jackknife"] {
        let mut d = DesignBuilder::new();
        d.weight("weight").strata("stratum").psu("psu").nest(true);
        let mut b = EstimateBuilder::new(&path);
        b.design(d.build().unwrap())
            .define("emp = ilostat == 1")
            .filter("age >= 20 and age <= 64")
            .measure(Measure::Mean("emp".into()))
            .measure(Measure::Total("emp".into()))
            .by("region")
            .by("sex")
            .variance(variance.parse::<VarianceMethod>().unwrap());
        compare_on(b, &format!("generated 200,000 rows, {variance}"));
    }
    std::fs::remove_file(&path).ok();
}

/// Quantiles (every rule), ARPT, ARPR, QSR, RMPG and the Gini coefficient (of a variable with
/// many ties too) on eusilc, with domains and a subset, read in passes (a small bracket forces
/// several refinement passes, small sorted runs a merge of merges) equal the whole file.
fn nonlinear(design: DesignBuilder, lonely: bool) -> EstimateBuilder {
    let mut d = design;
    if lonely {
        d.lonely_psu(LonelyPsu::Adjust);
    }
    let mut b = EstimateBuilder::new(eusilc());
    b.design(d.build().unwrap())
        .define("foreign = if(pb220a == \"AT\", \"national\", \"foreign\")")
        .measure(Measure::PovertyThreshold("eqIncome".into(), 0.6))
        .measure(Measure::PovertyRate("eqIncome".into(), 0.6))
        .measure(Measure::QuintileShareRatio("eqIncome".into()))
        .measure(Measure::RelativeMedianGap("eqIncome".into(), 0.6))
        .measure(Measure::Gini("eqIncome".into()))
        .measure(Measure::Gini("py010n".into()))
        .reliability(ReliabilityRule::Silc);
    for rule in [
        QuantileRule::Math,
        QuantileRule::School,
        QuantileRule::Laeken,
    ] {
        for p in [0.1, 0.5, 0.9] {
            b.measure(Measure::Quantile("eqIncome".into(), p, rule));
        }
    }
    b.measure(Measure::Quantile("py010n".into(), 0.25, QuantileRule::Math));
    b
}

fn compare_passes(mut b: EstimateBuilder, what: &str) {
    std::env::set_var("CIVIS_CHUNK_BYTES", "40000");
    std::env::set_var("CIVIS_BRACKET_ROWS", "50");
    std::env::set_var("CIVIS_SORT_ROWS", "100");
    let passes = b.build().unwrap().run(None).expect("in passes");
    assert!(
        passes.notes.iter().any(|n| n.contains("passes over")),
        "{what}: not computed in passes: {:?}",
        passes.notes
    );
    b.in_memory(true);
    let whole = b.build().unwrap().run(None).expect("whole file");
    assert!(whole.notes.iter().all(|n| !n.contains("passes over")));
    assert!(whole.rows.len() >= 13);
    same(&passes.rows, &whole.rows, what);
}

#[test]
fn quantiles_and_poverty_indicators_in_passes_equal_the_whole_file() {
    let mut d = DesignBuilder::new();
    d.weight("rb050").strata("db040").psu("db030").nest(true);
    let mut b = nonlinear(d, false);
    b.by("foreign").by("rb090");
    compare_passes(b, "by foreign x sex");

    let mut d = DesignBuilder::new();
    d.weight("rb050").strata("db040").psu("db030").nest(true);
    let mut b = nonlinear(d, false);
    b.by("db040").filter("age >= 16");
    compare_passes(b, "by region, age >= 16");

    // no strata, fpc-free, lonely PSU policy set: the national estimates
    let mut d = DesignBuilder::new();
    d.weight("rb050").psu("db030");
    compare_passes(nonlinear(d, true), "national");
}
