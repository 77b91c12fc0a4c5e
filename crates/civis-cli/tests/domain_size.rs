//! `civis estimate --domain-size`: the Horvitz-Thompson mean that divides the estimated total by
//! the known domain size (R sae's `direct(..., N)`), against survey 4.1.1's `svytotal / N`
//! (`tests/fixtures/make_domain_size.R`).

use std::path::PathBuf;

use civis_cli::estimate_cmd::{run, EstimateArgs};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn args(domain_size: PathBuf, by: &[&str]) -> EstimateArgs {
    EstimateArgs {
        data: PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/microdata/eusilc.csv"),
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
        by: by.iter().map(|b| b.to_string()).collect(),
        domain_size: Some(domain_size),
        ..Default::default()
    }
}

#[test]
fn known_domain_sizes_give_the_horvitz_thompson_mean_of_r() {
    let mut r = csv::Reader::from_path(fixture("domain_size.csv")).unwrap();
    let reference: Vec<(String, f64, f64)> = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            (
                rec[0].to_string(),
                rec[1].trim().parse().unwrap(),
                rec[2].trim().parse().unwrap(),
            )
        })
        .collect();
    let regional = run(&args(fixture("domain_size_N.csv"), &["db040"])).unwrap();
    // the national N is the sum of the regions' (a file with the column N only)
    let mut sizes = csv::Reader::from_path(fixture("domain_size_N.csv")).unwrap();
    let total: f64 = sizes
        .records()
        .map(|r| r.unwrap()[1].parse::<f64>().unwrap())
        .sum();
    let dir = std::env::temp_dir().join(format!("civis-domain-size-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let national_n = dir.join("n.csv");
    std::fs::write(&national_n, format!("N\n{total}\n")).unwrap();
    let national = run(&args(national_n, &[])).unwrap();
    for (domain, est, se) in &reference {
        let row = if domain.is_empty() {
            &national.rows[0]
        } else {
            regional
                .rows
                .iter()
                .find(|r| r.domain[0] == *domain)
                .unwrap_or_else(|| panic!("no row for {domain}"))
        };
        assert_eq!(row.statistic, "mean_ht");
        assert!(
            ((row.measures.estimate - est) / est).abs() < 1e-10
                && ((row.measures.se - se) / se).abs() < 1e-10,
            "[{domain}]: civis {} ({}), R {est} ({se})",
            row.measures.estimate,
            row.measures.se
        );
    }
    // a domain without a size is an error naming it
    let partial = dir.join("partial.csv");
    std::fs::write(&partial, "db040,N\nVienna,1000000\n").unwrap();
    let e = match run(&args(partial, &["db040"])) {
        Ok(_) => panic!("a domain without N was accepted"),
        Err(e) => e.to_string(),
    };
    assert!(
        e.contains("no N for the domain db040 = `Burgenland`"),
        "{e}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
