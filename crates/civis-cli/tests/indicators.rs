//! `civis indicators`: the catalogue compiled to estimates.
//! - On laeken's `eusilc`: the at-risk-of-poverty rate of adults by citizenship equals laeken's, and
//!   the employment rate 20-64 by citizenship equals R survey's, standard errors included.
//! - Per indicator family, on small files whose expected values the test computes itself with the
//!   textbook formulas (weighted shares; with-replacement variance of a ratio, every person a PSU).

use std::path::PathBuf;

use civis_cli::indicators_cmd::{run, IndicatorRow, IndicatorsArgs};

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

fn base(data: PathBuf, source: &str) -> IndicatorsArgs {
    IndicatorsArgs {
        data,
        delimiter: ',',
        source: source.into(),
        groups: "citizenship".into(),
        indicators: "all".into(),
        variance: "linearised".into(),
        reliability: "catalogue".into(),
        lonely_psu: "adjust".into(),
        ..Default::default()
    }
}

fn find<'a>(rows: &'a [IndicatorRow], ind: &str, geo: &str, group: &str) -> &'a IndicatorRow {
    rows.iter()
        .find(|r| r.indicator == ind && r.geo == geo && r.group == group && r.sex == "T")
        .unwrap_or_else(|| panic!("no row {ind} {geo} {group}"))
}

struct Ref {
    call: String,
    domain_var: String,
    domain: String,
    stat: String,
    value: f64,
}

fn reference() -> Vec<Ref> {
    let mut r = csv::Reader::from_path(shared().join("reference/eusilc_reference.csv")).unwrap();
    r.records()
        .map(|x| {
            let x = x.unwrap();
            Ref {
                call: x[1].into(),
                domain_var: x[3].into(),
                domain: x[4].into(),
                stat: x[5].into(),
                value: x[6].parse().unwrap(),
            }
        })
        .collect()
}

fn rel(a: f64, b: f64) -> f64 {
    ((a - b) / b).abs()
}

#[test]
fn eusilc_arop_and_employment_by_citizenship_match_laeken_and_survey() {
    let rows = run(&IndicatorsArgs {
        maps: vec!["equivalised_income=eqIncome".into()],
        country: Some("AT".into()),
        geo: Some("db040".into()),
        ..base(shared().join("data/microdata/eusilc.csv"), "eu-silc")
    })
    .unwrap();
    let eurostat = |g: &str| match g {
        "AT" => "NAT",
        "EU" => "EU27_2020_FOR",
        "Other" => "NEU27_2020_FOR",
        _ => unreachable!(),
    };
    let refs = reference();
    let mut checked = 0;
    for r in refs
        .iter()
        .filter(|r| r.call.starts_with("arpr(") && r.domain_var == "cit18" && r.domain != "under18")
    {
        let ours = find(&rows, "arop_rate", "AT", eurostat(&r.domain));
        assert!(
            rel(ours.measures.estimate, r.value) < 1e-9,
            "{}: {} vs {}",
            r.domain,
            ours.measures.estimate,
            r.value
        );
        checked += 1;
    }
    for r in refs.iter().filter(|r| {
        r.call
            .starts_with("svyby(~emp, ~pb220a, subset(des, age>=20 & age<=64), svymean")
            && (r.stat == "estimate" || r.stat == "se")
    }) {
        let ours = find(&rows, "employment_rate", "AT", eurostat(&r.domain));
        let got = if r.stat == "se" {
            ours.measures.se
        } else {
            ours.measures.estimate
        };
        assert!(
            rel(got, 100.0 * r.value) < 1e-9,
            "{} {}: {got} vs {}",
            r.domain,
            r.stat,
            100.0 * r.value
        );
        checked += 1;
    }
    assert_eq!(checked, 9);
    // gaps, regions and the rows that cannot be computed from this file
    let gap = find(&rows, "arop_rate", "AT", "NEU27_2020_FOR-NAT");
    let (a, b) = (
        find(&rows, "arop_rate", "AT", "NEU27_2020_FOR")
            .measures
            .estimate,
        find(&rows, "arop_rate", "AT", "NAT").measures.estimate,
    );
    assert!((gap.measures.estimate - (a - b)).abs() < 1e-9);
    assert!(gap.measures.se > 0.0);
    assert!(rows
        .iter()
        .any(|r| r.indicator == "employment_rate" && r.geo == "Vienna" && r.group == "FOR"));
    let smsd = rows.iter().find(|r| r.indicator == "smsd_rate").unwrap();
    assert!(
        smsd.note.contains("not computable") && smsd.note.contains("deprivation_items"),
        "{}",
        smsd.note
    );
    let ratio = find(&rows, "median_income_ratio", "AT", "NEU27_2020_FOR/NAT");
    let med = |g| {
        find(&rows, "median_equivalised_income", "AT", g)
            .measures
            .estimate
    };
    assert!((ratio.measures.estimate - 100.0 * med("NEU27_2020_FOR") / med("NAT")).abs() < 1e-9);
}

/// A test case: indicator, group, who is in the domain, the numerator variable.
type Case<'a> = (
    &'a str,
    &'a str,
    Box<dyn Fn(&Person) -> bool>,
    Box<dyn Fn(&Person) -> f64>,
);

/// A person of the small EU-SILC-shaped file: weight, age, citizenship, income, tenure, health.
type SilcPerson = (f64, u32, &'static str, f64, u8, u8);

/// A small EU-LFS-shaped file: person k has weight w_k, no strata or clusters.
struct Person {
    w: f64,
    age: u32,
    sex: u8,
    citizen: &'static str,
    ilostat: u8,
    hatlev: &'static str,
    educ4wn: u8,
}

fn lfs_people() -> Vec<Person> {
    let cit = ["NAT", "NAT", "EU", "NEU", "NAT", "NEU", "EU", "NAT"];
    let hat = ["L", "M", "H", "M", "L", "H", "M", "L"];
    let young = [
        (19, "L", 2, "NEU"),
        (21, "L", 1, "NAT"),
        (23, "L", 2, "NAT"),
        (22, "M", 2, "EU"),
    ];
    let extra = young.iter().enumerate().map(|(i, &(age, h, e, c))| Person {
        w: 70.0 + 15.0 * i as f64,
        age,
        sex: 1 + (i % 2) as u8,
        citizen: c,
        ilostat: 3,
        hatlev: h,
        educ4wn: e,
    });
    (0..48)
        .map(|k| Person {
            w: 50.0 + (k * 37 % 23) as f64 * 10.0,
            age: 16 + (k * 7 % 58) as u32,
            sex: 1 + (k % 2) as u8,
            citizen: cit[k % 8],
            ilostat: [1, 1, 2, 3, 1, 3][k % 6],
            hatlev: hat[(k * 5) % 8],
            educ4wn: if k % 3 == 0 { 1 } else { 2 },
        })
        .chain(extra)
        .collect()
}

fn write_lfs(dir: &std::path::Path, people: &[Person]) -> PathBuf {
    let mut s = String::from("weight,age,sex,citizen,ilostat,hatlev,educ4wn\n");
    for p in people {
        s += &format!(
            "{},{},{},{},{},{},{}\n",
            p.w, p.age, p.sex, p.citizen, p.ilostat, p.hatlev, p.educ4wn
        );
    }
    let path = dir.join("lfs_small.csv");
    std::fs::write(&path, s).unwrap();
    path
}

/// Weighted ratio sum(w y) / sum(w x) over `keep`, and its with-replacement linearised SE with
/// every person a PSU: V = n/(n-1) sum_k (u_k - mean u)^2, u_k = w_k (y_k - R x_k) / X over all n
/// persons of the file (u = 0 outside the domain).
fn ratio_and_se(
    people: &[Person],
    keep: impl Fn(&Person) -> bool,
    y: impl Fn(&Person) -> f64,
) -> (f64, f64) {
    let (mut sy, mut sx) = (0.0, 0.0);
    for p in people.iter().filter(|p| keep(p)) {
        sy += p.w * y(p);
        sx += p.w;
    }
    let r = sy / sx;
    let u: Vec<f64> = people
        .iter()
        .map(|p| if keep(p) { p.w * (y(p) - r) / sx } else { 0.0 })
        .collect();
    let n = u.len() as f64;
    let m = u.iter().sum::<f64>() / n;
    let v = n / (n - 1.0) * u.iter().map(|x| (x - m) * (x - m)).sum::<f64>();
    (r, v.sqrt())
}

#[test]
fn labour_and_education_families_on_a_hand_checkable_file() {
    let dir_guard = tempfile::Builder::new()
        .prefix("civis-ind-lfs-")
        .tempdir()
        .unwrap();
    let dir = dir_guard.path().to_path_buf();
    let people = lfs_people();
    let data = write_lfs(&dir, &people);
    let rows = run(&IndicatorsArgs {
        country: Some("AT".into()),
        indicators: "employment_rate,unemployment_rate,activity_rate,attainment_high,early_leavers_rate,neet_rate,temporary_employment_share".into(),
        reliability: "none".into(),
        ..base(data, "eu-lfs")
    })
    .unwrap();
    let non_eu = |p: &Person| p.citizen == "NEU";
    let cases: Vec<Case> = vec![
        (
            "employment_rate",
            "NEU27_2020_FOR",
            Box::new(move |p: &Person| non_eu(p) && (20..=64).contains(&p.age)),
            Box::new(|p: &Person| f64::from(p.ilostat == 1)),
        ),
        (
            "employment_rate",
            "TOTAL",
            Box::new(|p: &Person| (20..=64).contains(&p.age)),
            Box::new(|p: &Person| f64::from(p.ilostat == 1)),
        ),
        (
            "unemployment_rate",
            "NAT",
            Box::new(|p: &Person| {
                p.citizen == "NAT" && (15..=74).contains(&p.age) && p.ilostat <= 2
            }),
            Box::new(|p: &Person| f64::from(p.ilostat == 2)),
        ),
        (
            "activity_rate",
            "FOR",
            Box::new(|p: &Person| p.citizen != "NAT" && (20..=64).contains(&p.age)),
            Box::new(|p: &Person| f64::from(p.ilostat <= 2)),
        ),
        (
            "attainment_high",
            "EU27_2020_FOR",
            Box::new(|p: &Person| p.citizen == "EU" && (25..=64).contains(&p.age)),
            Box::new(|p: &Person| f64::from(p.hatlev == "H")),
        ),
        (
            "early_leavers_rate",
            "TOTAL",
            Box::new(|p: &Person| (18..=24).contains(&p.age)),
            Box::new(|p: &Person| f64::from(p.hatlev == "L" && p.educ4wn == 2)),
        ),
        (
            "neet_rate",
            "NAT",
            Box::new(|p: &Person| p.citizen == "NAT" && (15..=29).contains(&p.age)),
            Box::new(|p: &Person| f64::from(p.ilostat != 1 && p.educ4wn == 2)),
        ),
    ];
    for (ind, group, keep, y) in &cases {
        let (r, se) = ratio_and_se(&people, keep, y);
        let ours = find(&rows, ind, "AT", group);
        assert!(
            rel(ours.measures.estimate, 100.0 * r) < 1e-12,
            "{ind} {group}: {} vs {}",
            ours.measures.estimate,
            100.0 * r
        );
        assert!(
            rel(ours.measures.se, 100.0 * se) < 1e-9,
            "{ind} {group} se: {} vs {}",
            ours.measures.se,
            100.0 * se
        );
    }
    // gap: difference of the two rates
    let gap = find(&rows, "employment_rate", "AT", "NEU27_2020_FOR-NAT");
    let a = find(&rows, "employment_rate", "AT", "NEU27_2020_FOR")
        .measures
        .estimate;
    let b = find(&rows, "employment_rate", "AT", "NAT")
        .measures
        .estimate;
    assert!((gap.measures.estimate - (a - b)).abs() < 1e-9);
    // the file has no contract type: listed, not dropped
    let temp = rows
        .iter()
        .find(|r| r.indicator == "temporary_employment_share")
        .unwrap();
    assert!(
        temp.note.contains("missing") && temp.note.contains("employee"),
        "{}",
        temp.note
    );
}

#[test]
fn income_housing_and_health_families_on_a_hand_checkable_file() {
    let dir_guard = tempfile::Builder::new()
        .prefix("civis-ind-silc-")
        .tempdir()
        .unwrap();
    let dir = dir_guard.path().to_path_buf();
    // 30 persons: weight, age, citizenship, income, tenure (hh021), health (ph010)
    let people: Vec<SilcPerson> = (0..30)
        .map(|k| {
            (
                10.0 + (k % 4) as f64 * 5.0,
                18 + (k * 3 % 60) as u32,
                ["AT", "DE", "TR", "AT", "AT", "SY"][k % 6],
                8_000.0 + ((k * 7919) % 30) as f64 * 1_000.0,
                [1, 3, 2, 4, 1][k % 5],
                1 + (k % 5) as u8,
            )
        })
        .collect();
    let mut s = String::from("rb050,age,pb220a,hx090,hh021,ph010\n");
    for p in &people {
        s += &format!("{},{},{},{},{},{}\n", p.0, p.1, p.2, p.3, p.4, p.5);
    }
    let data = dir.join("silc_small.csv");
    std::fs::write(&data, s).unwrap();
    let rows = run(&IndicatorsArgs {
        country: Some("AT".into()),
        indicators: "arop_rate,median_equivalised_income,owner_rate,good_health_rate".into(),
        reliability: "none".into(),
        ..base(data, "eu-silc")
    })
    .unwrap();
    // national weighted median, Eurostat rule: first income whose cumulative weight share exceeds 1/2
    let mut sorted: Vec<&SilcPerson> = people.iter().collect();
    sorted.sort_by(|a, b| a.3.partial_cmp(&b.3).unwrap());
    let total: f64 = sorted.iter().map(|p| p.0).sum();
    let mut cum = 0.0;
    let mut median = 0.0;
    for p in &sorted {
        cum += p.0;
        if cum / total > 0.5 {
            median = p.3;
            break;
        }
    }
    let line = 0.6 * median;
    let share = |keep: &dyn Fn(&SilcPerson) -> bool, hit: &dyn Fn(&SilcPerson) -> bool| {
        let (mut a, mut b) = (0.0, 0.0);
        for p in people.iter().filter(|p| keep(p)) {
            b += p.0;
            if hit(p) {
                a += p.0;
            }
        }
        100.0 * a / b
    };
    let nat = |p: &SilcPerson| p.2 == "AT";
    let non_eu = |p: &SilcPerson| p.2 == "TR" || p.2 == "SY";
    let arop_neu = share(&non_eu, &|p| p.3 < line);
    assert!(
        rel(
            find(&rows, "arop_rate", "AT", "NEU27_2020_FOR")
                .measures
                .estimate,
            arop_neu
        ) < 1e-12
    );
    let arop_all = share(&|_| true, &|p| p.3 < line);
    assert!(
        rel(
            find(&rows, "arop_rate", "AT", "TOTAL").measures.estimate,
            arop_all
        ) < 1e-12
    );
    let owners_nat = share(&nat, &|p| p.4 <= 2);
    assert!(
        rel(
            find(&rows, "owner_rate", "AT", "NAT").measures.estimate,
            owners_nat
        ) < 1e-12
    );
    let health_for = share(&|p| !nat(p), &|p| p.5 <= 2);
    assert!(
        rel(
            find(&rows, "good_health_rate", "AT", "FOR")
                .measures
                .estimate,
            health_for
        ) < 1e-12
    );
    assert!(
        rel(
            find(&rows, "median_equivalised_income", "AT", "TOTAL")
                .measures
                .estimate,
            median
        ) < 1e-12
    );
}

#[test]
fn administrative_counts_give_ratio_of_counts() {
    let dir_guard = tempfile::Builder::new()
        .prefix("civis-ind-admin-")
        .tempdir()
        .unwrap();
    let dir = dir_guard.path().to_path_buf();
    let data = dir.join("admin.csv");
    std::fs::write(
        &data,
        "city,granted,stock\nAT001C,120,6000\nAT002C,30,2000\n",
    )
    .unwrap();
    let map = dir.join("admin.toml");
    std::fs::write(
        &map,
        "id = \"city-register\"\ncitizenships_granted = [{ column = \"granted\" }]\nnon_nationals_jan1 = [{ column = \"stock\" }]\n",
    )
    .unwrap();
    let rows = run(&IndicatorsArgs {
        country: Some("AT".into()),
        geo: Some("city".into()),
        indicators: "naturalisation_rate".into(),
        ..base(data, &map.display().to_string())
    })
    .unwrap();
    assert_eq!(
        find(&rows, "naturalisation_rate", "AT", "TOTAL")
            .measures
            .estimate,
        100.0 * 150.0 / 8000.0
    );
    assert_eq!(
        find(&rows, "naturalisation_rate", "AT001C", "TOTAL")
            .measures
            .estimate,
        2.0
    );
    assert_eq!(
        find(&rows, "naturalisation_rate", "AT002C", "TOTAL")
            .measures
            .estimate,
        1.5
    );
}

#[test]
fn the_catalogue_reference_page_is_up_to_date() {
    let page = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/catalog.md"),
    )
    .unwrap();
    let fresh = civis_cli::catalog_cmd::render(&civis_cli::catalog_cmd::CatalogArgs {
        format: "md".into(),
        out: None,
    })
    .unwrap();
    assert!(
        page == fresh,
        "docs/catalog.md is stale: run `civis catalog --format md --out docs/catalog.md`"
    );
}

#[test]
fn breakdowns_by_sex_and_age_band() {
    let rows = run(&IndicatorsArgs {
        maps: vec!["equivalised_income=eqIncome".into()],
        country: Some("AT".into()),
        by: vec!["sex".into(), "age_band".into()],
        indicators: "employment_rate".into(),
        ..base(shared().join("data/microdata/eusilc.csv"), "eu-silc")
    })
    .unwrap();
    let get = |sex: &str, age: &str, group: &str| {
        rows.iter()
            .find(|r| r.sex == sex && r.age == age && r.group == group)
            .unwrap_or_else(|| panic!("no row {sex} {age} {group}"))
    };
    // every level of the breakdowns, alone and crossed, for every group
    for g in ["TOTAL", "NAT", "FOR", "EU27_2020_FOR", "NEU27_2020_FOR"] {
        for sex in ["T", "M", "F"] {
            get(sex, "Y20-64", g);
            get(sex, "Y25-34", g);
            get(sex, "Y20-24", g);
        }
    }
    // the total is the population-weighted average of the two sexes
    let (m, f, t) = (
        get("M", "Y20-64", "NAT"),
        get("F", "Y20-64", "NAT"),
        get("T", "Y20-64", "NAT"),
    );
    let avg = (m.measures.estimate * m.measures.pop + f.measures.estimate * f.measures.pop)
        / (m.measures.pop + f.measures.pop);
    assert!((avg - t.measures.estimate).abs() < 1e-9);
    // bands outside the indicator's age range do not appear
    assert!(!rows.iter().any(|r| r.age == "Y65-74"));
}
