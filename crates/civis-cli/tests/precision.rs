//! `civis precision` and `civis plan` on hand-made tables whose answers the test derives itself,
//! and on the eusilc indicators (additional non-EU respondents per region for a 10 % CV on the
//! at-risk-of-poverty rate).

use std::path::PathBuf;

use civis_cli::indicators_cmd::{self, IndicatorsArgs};
use civis_cli::precision_cmd::{plan, precision, Outcome, PlanArgs, PrecisionArgs};

/// A fresh directory for one test, removed with its files when the guard drops (also when
/// the test fails).
fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("civis-prec-{name}-"))
        .tempdir()
        .unwrap()
}

const HEADER: &str = "indicator,geo,group_criterion,group,sex,age,time,estimate,se,ci_low,ci_high,cv,deff,n,pop,flags,unit,note\n";

fn row(
    geo: &str,
    group: &str,
    est: Option<f64>,
    se: Option<f64>,
    n: u64,
    pop: Option<f64>,
) -> String {
    let f = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    format!(
        "x_rate,{geo},citizenship,{group},T,Y_GE18,2020,{},{},,,,,{n},{},,PC,\n",
        f(est),
        f(se),
        f(pop)
    )
}

#[test]
fn plan_matches_hand_derived_sample_sizes() {
    let dir_guard = scratch("plan");
    let dir = dir_guard.path().to_path_buf();
    let mut t = String::from(HEADER);
    // country: estimate 20 %, se 1 pp (CV 5 %) with 1,000 respondents of the group
    t += &row(
        "XX",
        "TOTAL",
        Some(15.0),
        Some(0.5),
        5000,
        Some(1_000_000.0),
    );
    t += &row(
        "XX",
        "NEU27_2020_FOR",
        Some(20.0),
        Some(1.0),
        1000,
        Some(100_000.0),
    );
    // area A: CV 20 % with 100 respondents; area B suppressed (no estimate) with 10
    t += &row("A", "TOTAL", Some(15.0), Some(1.0), 3000, Some(750_000.0));
    t += &row(
        "A",
        "NEU27_2020_FOR",
        Some(25.0),
        Some(5.0),
        100,
        Some(60_000.0),
    );
    t += &row("B", "TOTAL", Some(15.0), Some(2.0), 2000, Some(250_000.0));
    t += &row("B", "NEU27_2020_FOR", None, None, 10, None);
    let data = dir.join("t.csv");
    std::fs::write(&data, t).unwrap();
    let rows = plan(&PlanArgs {
        data: data.clone(),
        indicator: "x_rate".into(),
        group: "NEU27_2020_FOR".into(),
        target_cv: Some(0.1),
        total: Some(1000.0),
        ..Default::default()
    })
    .unwrap();
    let a = rows.iter().find(|r| r.geo == "A").unwrap();
    // CV 0.2 at n = 100 -> 0.1 needs 100 * (0.2 / 0.1)^2 = 400, i.e. 300 more
    assert_eq!((a.needed, a.additional), (400.0, 300.0));
    // proportional share of A: 750,000 / 1,000,000 of 1,000 -> 750; factor 400 / 750
    assert!((a.oversampling - 400.0 / 750.0).abs() < 1e-12);
    let b = rows.iter().find(|r| r.geo == "B").unwrap();
    // suppressed: the country's CV^2 n = 0.05^2 * 1000 = 2.5 -> 2.5 / 0.01 = 250
    assert_eq!(b.needed, 250.0);
    assert!(b.basis.contains("country"));
    // minimax over A (K = 4) and B (K = 2.5 from the country): 1,000 * K / 6.5
    assert_eq!(a.minimax_n, (1000.0f64 * 4.0 / 6.5).round());
    assert!((a.minimax_cv - (6.5f64 / 1000.0).sqrt()).abs() < 1e-12);
    // a margin of 2 pp with se 5 pp at n = 100: 100 * (1.96 * 5 / 2)^2
    let m = plan(&PlanArgs {
        data,
        indicator: "x_rate".into(),
        group: "NEU27_2020_FOR".into(),
        margin: Some(2.0),
        ..Default::default()
    })
    .unwrap();
    let a = m.iter().find(|r| r.geo == "A").unwrap();
    assert_eq!(
        a.needed,
        (100.0 * (1.959_963_984_540_054f64 * 5.0 / 2.0).powi(2)).ceil()
    );
}

#[test]
fn precision_applies_every_rule() {
    let dir_guard = scratch("precision");
    let dir = dir_guard.path().to_path_buf();
    let mut t = String::from(HEADER);
    t += &row(
        "XX",
        "TOTAL",
        Some(20.0),
        Some(1.0),
        5000,
        Some(1_000_000.0),
    ); // CV 0.05
    t += &row(
        "A",
        "EU27_2020_FOR",
        Some(20.0),
        Some(5.0),
        30,
        Some(50_000.0),
    ); // CV 0.25, n 30
    t += &row(
        "B",
        "EU27_2020_FOR",
        Some(20.0),
        Some(8.0),
        15,
        Some(4_000.0),
    ); // CV 0.4, n 15
    let data = dir.join("t.csv");
    std::fs::write(&data, t).unwrap();
    let limits = dir.join("limits.csv");
    std::fs::write(&limits, "country,limit_a,limit_b\nXX,5,15\n").unwrap();
    let (rows, summary) = precision(&PrecisionArgs {
        data,
        cv: vec![0.2, 0.35],
        lfs_limits: Some(limits),
        country: Some("XX".into()),
        sae_group: "TOTAL".into(),
        ..Default::default()
    })
    .unwrap();
    let get = |g: &str| rows.iter().find(|r| r.geo == g).unwrap();
    assert_eq!(
        (get("XX").silc, get("XX").cv_rule),
        (Outcome::Publish, Outcome::Publish)
    );
    assert_eq!(
        (get("A").silc, get("A").cv_rule),
        (Outcome::Flag, Outcome::Flag)
    );
    assert_eq!(
        (get("B").silc, get("B").cv_rule),
        (Outcome::Suppress, Outcome::Suppress)
    );
    // weighted counts (thousands): XX 200, A 10, B 0.8 against limits 5 / 15
    assert_eq!(get("XX").lfs, Some(Outcome::Publish));
    assert_eq!(get("A").lfs, Some(Outcome::Flag));
    assert_eq!(get("B").lfs, Some(Outcome::Suppress));
    assert!(
        summary
            .iter()
            .any(|l| l.contains("| area | EU27_2020_FOR | 2 | 50 % | 50 % |")),
        "{summary:#?}"
    );
}

#[test]
fn eusilc_plan_for_non_eu_poverty_rates() {
    let dir_guard = scratch("eusilc");
    let dir = dir_guard.path().to_path_buf();
    let rows = indicators_cmd::run(&IndicatorsArgs {
        data: PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/microdata/eusilc.csv"),
        delimiter: ',',
        source: "eu-silc".into(),
        maps: vec!["equivalised_income=eqIncome".into()],
        geo: Some("db040".into()),
        country: Some("AT".into()),
        groups: "citizenship".into(),
        indicators: "arop_rate".into(),
        variance: "linearised".into(),
        reliability: "silc".into(),
        lonely_psu: "adjust".into(),
        ..Default::default()
    })
    .unwrap();
    let table = dir.join("ind.csv");
    indicators_cmd::write(&rows, Some(&table)).unwrap();
    let p = plan(&PlanArgs {
        data: table,
        indicator: "arop_rate".into(),
        group: "NEU27_2020_FOR".into(),
        target_cv: Some(0.1),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(p.len(), 9, "one row per federal state");
    let vienna = p.iter().find(|r| r.geo == "Vienna").unwrap();
    let ind = rows
        .iter()
        .find(|r| r.geo == "Vienna" && r.group == "NEU27_2020_FOR" && r.sex == "T")
        .unwrap();
    let n = ind.n.unwrap() as f64;
    let want = (n * (ind.measures.cv / 0.1).powi(2)).ceil();
    assert_eq!(vienna.needed, want);
    assert_eq!(vienna.additional, (want - n).max(0.0).ceil());
    assert!(p
        .iter()
        .all(|r| r.additional >= 0.0 && r.needed.is_finite()));
}
