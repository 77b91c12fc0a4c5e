//! `civis estimate --country-var`: a file with two countries (built from laeken's eusilc by
//! `tests/fixtures/make_two_countries.R`) gives each country's own poverty line, ARPR, RMPG, QSR
//! and Gini (laeken 0.5.2) and mean with its linearised SE (survey 4.1.1), and exactly the
//! results of running each country's rows alone, whatever the order of the rows.

use std::path::{Path, PathBuf};

use civis_cli::estimate_cmd::{run, EstimateArgs};
use civis_survey::EstimateRow;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn args(data: PathBuf, country_var: bool, by: &[&str]) -> EstimateArgs {
    EstimateArgs {
        data,
        delimiter: ',',
        weight: Some("rb050".into()),
        strata: Some("db040".into()),
        psu: Some("db030".into()),
        nest: true,
        lonely_psu: "fail".into(),
        qrule: "math".into(),
        poverty_share: vec![0.6],
        variance: "linearised".into(),
        reliability: "none".into(),
        level: 0.95,
        quiet: true,
        mean: vec!["eqIncome".into()],
        arpt: vec!["eqIncome".into()],
        arpr: vec!["eqIncome".into()],
        gini: vec!["eqIncome".into()],
        qsr: vec!["eqIncome".into()],
        rmpg: vec!["eqIncome".into()],
        by: by.iter().map(|b| b.to_string()).collect(),
        country_var: country_var.then(|| "country".to_string()),
        ..Default::default()
    }
}

#[test]
fn each_country_gets_its_own_poverty_line_as_laeken_and_survey() {
    let mut r = csv::Reader::from_path(fixture("two_countries.csv")).unwrap();
    let reference: Vec<(String, String, String, String, f64)> = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            (
                rec[0].to_string(),
                rec[1].to_string(),
                rec[2].to_string(),
                rec[3].to_string(),
                rec[4].trim().parse().unwrap(),
            )
        })
        .collect();
    let national = run(&args(fixture("eusilc_two_countries.csv"), true, &[])).unwrap();
    let by_sex = run(&args(fixture("eusilc_two_countries.csv"), true, &["rb090"])).unwrap();
    assert_eq!(by_sex.by, vec!["country", "rb090"]);
    let mut checked = 0;
    for (country, statistic, domain, stat, value) in &reference {
        let rows = if domain.is_empty() && statistic != "arpt" {
            &national.rows
        } else {
            &by_sex.rows
        };
        let row = rows
            .iter()
            .find(|r| {
                r.statistic == *statistic
                    && r.domain[0] == *country
                    && (statistic == "arpt" || r.domain.get(1).map_or("", |d| d) == domain)
            })
            .unwrap_or_else(|| panic!("no row {country} {statistic} [{domain}]"));
        let got = if stat == "se" {
            row.measures.se
        } else {
            row.measures.estimate
        };
        assert!(
            ((got - value) / value).abs() < 1e-9,
            "{country} {statistic} [{domain}] {stat}: civis {got}, R {value}"
        );
        checked += 1;
    }
    assert_eq!(checked, reference.len());
    // the two poverty lines differ (XX's incomes are 1.25 times AT's on another sample)
    let arpt: Vec<f64> = national
        .rows
        .iter()
        .filter(|r| r.statistic == "arpt")
        .map(|r| r.measures.estimate)
        .collect();
    assert!(
        arpt.len() == 2 && (arpt[0] - arpt[1]).abs() > 1000.0,
        "{arpt:?}"
    );
}

/// Write the rows of `src` whose first field satisfies `keep`, in the order given by `order`.
fn write_lines(src: &Path, dst: &Path, keep: impl Fn(&str) -> bool, interleave: bool) {
    let text = std::fs::read_to_string(src).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let rows: Vec<&str> = lines
        .filter(|l| keep(l.split(',').next().unwrap()))
        .collect();
    let rows: Vec<&str> = if interleave {
        // alternate the countries' rows (each country's own order kept)
        let (a, b): (Vec<&str>, Vec<&str>) = rows.iter().partition(|l| l.starts_with("\"AT\""));
        let mut out = Vec::new();
        let (mut ia, mut ib) = (a.into_iter(), b.into_iter());
        loop {
            match (ib.next(), ia.next()) {
                (None, None) => break,
                (x, y) => out.extend(x.into_iter().chain(y)),
            }
        }
        out
    } else {
        rows
    };
    let mut out = String::from(header);
    out.push('\n');
    for r in rows {
        out.push_str(r);
        out.push('\n');
    }
    std::fs::write(dst, out).unwrap();
}

fn same(a: &EstimateRow, b: &EstimateRow) -> bool {
    let eq = |x: f64, y: f64| x == y || (x.is_nan() && y.is_nan());
    a.statistic == b.statistic
        && a.domain == b.domain
        && eq(a.measures.estimate, b.measures.estimate)
        && eq(a.measures.se, b.measures.se)
        && eq(a.measures.ci_low, b.measures.ci_low)
        && eq(a.measures.ci_high, b.measures.ci_high)
        && a.n == b.n
}

#[test]
fn a_two_country_file_gives_exactly_each_country_alone() {
    let dir_guard = tempfile::Builder::new()
        .prefix("civis-countries-")
        .tempdir()
        .unwrap();
    let dir = dir_guard.path().to_path_buf();
    let src = fixture("eusilc_two_countries.csv");
    let mixed = dir.join("mixed.csv");
    write_lines(&src, &mixed, |_| true, true);
    for variance in ["linearised", "bootstrap:20:7"] {
        let mut both = args(mixed.clone(), true, &["rb090"]);
        both.variance = variance.into();
        both.contrast = vec!["rb090:female-male".into()];
        let together = run(&both).unwrap().rows;
        let mut alone_rows = Vec::new();
        for country in ["AT", "XX"] {
            let file = dir.join(format!("{country}.csv"));
            write_lines(&src, &file, |c| c.trim_matches('"') == country, false);
            let mut one = both.clone();
            one.data = file;
            one.country_var = None;
            for mut r in run(&one).unwrap().rows {
                r.domain.insert(0, country.to_string());
                alone_rows.push(r);
            }
        }
        assert_eq!(together.len(), alone_rows.len(), "{variance}");
        for (a, b) in together.iter().zip(&alone_rows) {
            assert!(same(a, b), "{variance}: {a:?} vs {b:?}");
        }
    }
}

/// eusilc with a `country` column in front: AT = every row, BE = the even households.
fn indicators_file(dir: &Path, countries: &[&str]) -> PathBuf {
    let eusilc =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/microdata/eusilc.csv");
    let text = std::fs::read_to_string(eusilc).unwrap();
    let mut lines = text.lines();
    let mut out = format!("country,{}\n", lines.next().unwrap());
    let rows: Vec<&str> = lines.collect();
    for &c in countries {
        for l in &rows {
            let household: u64 = l.split(',').next().unwrap().parse().unwrap();
            if c == "AT" || household.is_multiple_of(2) {
                out.push_str(&format!("{c},{l}\n"));
            }
        }
    }
    let path = dir.join(format!("{}.csv", countries.join("_")));
    std::fs::write(&path, out).unwrap();
    path
}

#[test]
fn indicators_take_each_country_at_the_top_of_its_own_geography() {
    use civis_cli::indicators_cmd::{run as indicators, IndicatorsArgs};
    let dir_guard = tempfile::Builder::new()
        .prefix("civis-ind-countries-")
        .tempdir()
        .unwrap();
    let dir = dir_guard.path().to_path_buf();
    let base = |data: PathBuf| IndicatorsArgs {
        data,
        delimiter: ',',
        source: "eu-silc".into(),
        groups: "citizenship".into(),
        indicators: "arop_rate,median_equivalised_income".into(),
        variance: "linearised".into(),
        reliability: "catalogue".into(),
        lonely_psu: "adjust".into(),
        maps: vec!["equivalised_income=eqIncome".into()],
        geo: Some("db040".into()),
        ..Default::default()
    };
    let together = indicators(&IndicatorsArgs {
        country_var: Some("country".into()),
        ..base(indicators_file(&dir, &["AT", "BE"]))
    })
    .unwrap();
    let mut alone = Vec::new();
    for c in ["AT", "BE"] {
        alone.extend(
            indicators(&IndicatorsArgs {
                country: Some(c.into()),
                ..base(indicators_file(&dir, &[c]))
            })
            .unwrap(),
        );
    }
    // (Debug text: NaN design effects compare equal)
    assert_eq!(format!("{together:?}"), format!("{alone:?}"));
    for c in ["AT", "BE"] {
        assert!(
            together.iter().any(|r| r.geo == c),
            "no national row for {c}"
        );
    }
}
