//! The default database built from the repository's `data/`: datasets and provenance, real
//! Eurostat values with their flags, the synthetic regional and district estimates against what
//! the `civis` commands give on the same files, valid area codes, and no database left behind by
//! a failed build.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use civis_cli::default_db::build_default_database_file;
use civis_geo::GeoRegistry;
use civis_pipeline::seed::{austrian_districts, Summary, DEFAULT_OFFICIAL};
use civis_store::{Filter, Method, Observation, SqliteStore, Store};

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

/// A fresh directory for one test, removed with its files when the guard drops (also when
/// the test fails).
fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("civis-defaultdb-{name}-"))
        .tempdir()
        .unwrap()
}

fn civis(args: &[&str]) -> Output {
    let o = Command::new(env!("CARGO_BIN_EXE_civis"))
        .args(args)
        .output()
        .expect("run civis");
    assert!(
        o.status.success(),
        "civis {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// The default database, built once for all tests of this file.
fn built() -> &'static (PathBuf, Summary) {
    static DB: OnceLock<(PathBuf, Summary)> = OnceLock::new();
    DB.get_or_init(|| {
        // the database outlives every test of the file: its directory is kept (not a guard)
        let path = scratch("built").keep().join("civis.db");
        let mut steps = 0;
        let summary =
            build_default_database_file(&path, &data_dir(), false, &mut |_| steps += 1).unwrap();
        assert_eq!(steps, 17);
        (path, summary)
    })
}

fn store() -> SqliteStore {
    SqliteStore::open(&built().0).unwrap()
}

fn select(s: &SqliteStore, dataset: &str) -> Vec<Observation> {
    s.observations(&Filter {
        dataset: Some(dataset.into()),
        ..Default::default()
    })
    .unwrap()
}

fn csv_rows(path: &Path) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let h = r.headers().unwrap().iter().map(String::from).collect();
    (h, r.records().map(|r| r.unwrap()).collect())
}

fn col(h: &[String], name: &str) -> usize {
    h.iter()
        .position(|c| c == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

fn close(a: f64, b: f64) -> bool {
    a == b || ((a - b) / b).abs() < 1e-12
}

#[test]
fn datasets_and_their_provenance() {
    let (_, summary) = built();
    let s = store();
    let ds = s.datasets().unwrap();
    assert_eq!(ds.len(), 23);
    assert_eq!(ds.len(), summary.datasets.len());
    // the national Eurostat tables; the regional and city data are checked in tests/real_europe.rs
    let national = |d: &&civis_store::DatasetInfo| d.provenance.file.starts_with("data/eurostat/");
    let official: Vec<_> = ds
        .iter()
        .filter(|d| d.provenance.method == Method::Official)
        .filter(national)
        .collect();
    assert_eq!(official.len(), 9);
    for d in &official {
        assert!(!d.provenance.synthetic, "{}", d.provenance.name);
        assert_eq!(d.provenance.source, "Eurostat");
        assert_eq!(d.provenance.attribution, "Source: Eurostat");
        assert!(d.provenance.file.starts_with("data/eurostat/"));
        assert!(DEFAULT_OFFICIAL.contains(&format!("code = \"{}\"", d.provenance.name)));
    }
    for d in ds
        .iter()
        .filter(|d| d.provenance.method != Method::Official && d.provenance.name != "qol_2023")
    {
        assert!(d.provenance.synthetic, "{}", d.provenance.name);
        assert!(d.provenance.attribution.starts_with("Synthetic data"));
    }
    let method = |n: &str| {
        ds.iter()
            .find(|d| d.provenance.name == n)
            .unwrap()
            .provenance
            .method
    };
    assert_eq!(method("eusilc_at_regions"), Method::Direct);
    assert_eq!(method("eusilcA_income_fh"), Method::ModelBased);
    assert_eq!(method("eusilcA_income_direct"), Method::Direct);
    assert_eq!(method("eusilcA_above_median_fh"), Method::ModelBased);
    // the counts the summary reports are what is stored
    for b in &summary.datasets {
        let d = ds.iter().find(|d| d.provenance.name == b.name).unwrap();
        assert_eq!(d.observations as usize, b.observations, "{}", b.name);
    }
    // every indicator stored has a definition, and only those
    let ids: BTreeSet<String> = s
        .observations(&Filter::default())
        .unwrap()
        .into_iter()
        .map(|o| o.indicator)
        .collect();
    let stored_definitions = s.definitions().unwrap();
    assert_eq!(stored_definitions, summary.definitions);
    let defined: BTreeSet<String> = stored_definitions
        .iter()
        .map(|d| d.indicator.clone())
        .collect();
    assert_eq!(ids, defined);
    let emp = stored_definitions
        .iter()
        .find(|d| d.indicator == "employment_rate")
        .unwrap();
    assert_eq!(emp.higher_is_better, Some(true));
    let share = stored_definitions
        .iter()
        .find(|d| d.indicator == "female_share")
        .unwrap();
    assert_eq!(share.higher_is_better, None);
}

#[test]
fn real_eurostat_values_keep_their_flags() {
    let s = store();
    let ergan = select(&s, "lfsa_ergan");
    let find = |obs: &[Observation], geo: &str, group: &str, sex: &str, time: &str| {
        obs.iter()
            .find(|o| o.geo == geo && o.group.code() == group && o.sex == sex && o.time == time)
            .cloned()
            .unwrap_or_else(|| panic!("{geo} {group} {sex} {time}"))
    };
    // employment rate of foreign citizens aged 15-64 in Austria, 2021: 66.7, break in series
    let o = find(&ergan, "AT", "FOR", "T", "2021");
    assert_eq!(
        (
            o.indicator.as_str(),
            o.estimate,
            o.flags.as_str(),
            o.age.as_str(),
            o.unit.code(),
            o.criterion.as_str()
        ),
        (
            "employment_rate",
            Some(66.7),
            "b",
            "Y15-64",
            "PC",
            "citizenship"
        )
    );
    // every row of the file, value and flag, is in the database under the catalogue id
    let (h, rows) = csv_rows(
        &data_dir().join("eurostat/lfsa_ergan_employment_rates_by_sex_age_citizenship.csv"),
    );
    let (g, c, x, t, v, f) = (
        col(&h, "geo"),
        col(&h, "citizen"),
        col(&h, "sex"),
        col(&h, "TIME_PERIOD"),
        col(&h, "OBS_VALUE"),
        col(&h, "OBS_FLAG"),
    );
    assert_eq!(rows.len(), ergan.len());
    for r in &rows {
        let o = find(&ergan, &r[g], &r[c], &r[x], &r[t]);
        assert_eq!(o.estimate, r[v].parse::<f64>().ok(), "{r:?}");
        assert_eq!(o.flags, &r[f], "{r:?}");
    }
    // a labels-only file: unemployed EU citizens in Austria, women 15-74, 2014, thousands
    let ugan = select(&s, "lfsa_ugan");
    let o = find(&ugan, "AT", "EU27_2020_FOR", "F", "2014");
    assert_eq!(
        (
            o.indicator.as_str(),
            o.estimate,
            o.age.as_str(),
            o.unit.code()
        ),
        ("unemployed_persons", Some(13.0), "Y15-74", "THS_PER")
    );
    // median income of non-EU citizens in Austria, 2019; and a low-reliability value (flag u)
    let di15 = select(&s, "ilc_di15");
    let o = find(&di15, "AT", "NEU27_2020_FOR", "T", "2019");
    assert_eq!(
        (o.indicator.as_str(), o.estimate, o.flags.as_str()),
        ("median_equivalised_income", Some(19090.0), "")
    );
    let o = find(&di15, "BG", "EU27_2020_FOR", "T", "2021");
    assert_eq!((o.estimate, o.flags.as_str()), (Some(3399.0), "u"));
    // aggregates get their codes; EU28 groups and the changing-composition EU are left out
    assert!(di15.iter().any(|o| o.geo == "EA20"));
    let groups: BTreeSet<String> = di15.iter().map(|o| o.group.to_string()).collect();
    assert_eq!(
        groups,
        BTreeSet::from(["EU27_2020_FOR", "FOR", "NAT", "NEU27_2020_FOR"].map(String::from))
    );
    assert!(di15.iter().all(|o| o.geo != "EU"));
    // shares of women by citizenship and by birth stay apart
    let pop = s
        .observations(&Filter {
            indicator: Some("female_share".into()),
            geo: Some("AT".into()),
            group: Some("FOR".into()),
            ..Default::default()
        })
        .unwrap();
    let criteria: BTreeSet<&str> = pop.iter().map(|o| o.criterion.as_str()).collect();
    assert_eq!(criteria, BTreeSet::from(["birth", "citizenship"]));
}

#[test]
fn regional_values_are_what_civis_indicators_computes() {
    let dir_guard = scratch("indicators");
    let dir = dir_guard.path().to_path_buf();
    let out = dir.join("ind.csv");
    let eusilc = data_dir().join("microdata/eusilc.csv");
    civis(&[
        "indicators",
        "--data",
        eusilc.to_str().unwrap(),
        "--geo",
        "db040",
        "--country",
        "AT",
        "--by",
        "sex",
        "--year",
        "2006",
        "--reliability",
        "silc",
        "--out",
        out.to_str().unwrap(),
    ]);
    let (h, rows) = csv_rows(&out);
    let nuts: HashMap<&str, &str> = [
        ("AT", "AT"),
        ("Burgenland", "AT11"),
        ("Lower Austria", "AT12"),
        ("Vienna", "AT13"),
        ("Carinthia", "AT21"),
        ("Styria", "AT22"),
        ("Upper Austria", "AT31"),
        ("Salzburg", "AT32"),
        ("Tyrol", "AT33"),
        ("Vorarlberg", "AT34"),
    ]
    .into_iter()
    .collect();
    let s = store();
    let stored = select(&s, "eusilc_at_regions");
    let key = |o: &Observation| {
        (
            o.indicator.clone(),
            o.geo.clone(),
            o.group.to_string(),
            o.sex.clone(),
        )
    };
    let by_key: HashMap<_, &Observation> = stored.iter().map(|o| (key(o), o)).collect();
    let mut compared = 0;
    for r in &rows {
        if !r[col(&h, "note")].is_empty() {
            continue;
        }
        let k = (
            r[col(&h, "indicator")].to_string(),
            nuts[&r[col(&h, "geo")]].to_string(),
            r[col(&h, "group")].to_string(),
            r[col(&h, "sex")].to_string(),
        );
        let o = by_key[&k];
        let num = |c: &str| r[col(&h, c)].parse::<f64>().ok();
        assert_eq!(o.estimate, num("estimate"), "{k:?}");
        assert_eq!(o.se, num("se"), "{k:?}");
        assert_eq!(o.flags, &r[col(&h, "flags")], "{k:?}");
        assert_eq!(o.n, num("n").map(|n| n as i64), "{k:?}");
        assert_eq!(o.time, "2006");
        compared += 1;
    }
    assert_eq!(compared, stored.len());
    // Vienna's at-risk-of-poverty rate of non-EU citizens is there
    let k = (
        "arop_rate".to_string(),
        "AT13".to_string(),
        "NEU27_2020_FOR".to_string(),
        "T".to_string(),
    );
    assert!(by_key[&k].estimate.unwrap() > 0.0);
}

#[test]
fn district_estimates_are_what_civis_sae_fh_gives() {
    let dir_guard = scratch("sae");
    let dir = dir_guard.path().to_path_buf();
    let sae = data_dir().join("sae");
    let p = |f: &str| sae.join(f).to_str().unwrap().to_string();
    let direct = dir.join("direct.csv");
    civis(&[
        "estimate",
        "--data",
        &p("eusilcA_smp.csv"),
        "--weight",
        "weight",
        "--mean",
        "eqIncome",
        "--by",
        "district",
        "--out",
        direct.to_str().unwrap(),
    ]);
    let fh = dir.join("fh.csv");
    civis(&[
        "sae",
        "fh",
        "--data",
        direct.to_str().unwrap(),
        "--area",
        "district",
        "--direct",
        "estimate",
        "--se",
        "se",
        "--covariates",
        "cash,self_empl,unempl_ben",
        "--aux",
        &p("eusilcA_popAgg.csv"),
        "--join",
        "Domain",
        "--out",
        fh.to_str().unwrap(),
    ]);
    let fh_mtmed = dir.join("fh_mtmed.csv");
    civis(&[
        "sae",
        "fh",
        "--data",
        &p("eusilcA_smpAgg.csv"),
        "--area",
        "Domain",
        "--direct",
        "MTMED",
        "--variance",
        "Var_MTMED",
        "--where",
        "Var_MTMED > 0",
        "--covariates",
        "cash,age_ben,rent,house_allow",
        "--aux",
        &p("eusilcA_popAgg.csv"),
        "--join",
        "Domain",
        "--out",
        fh_mtmed.to_str().unwrap(),
    ]);
    let districts = austrian_districts(&data_dir().join("geo/austria_districts.geojson")).unwrap();
    let code: HashMap<&str, &str> = districts
        .iter()
        .map(|d| (d.name.as_str(), d.code.as_str()))
        .collect();
    assert_eq!(code["Eisenstadt (Stadt)"], "AT-D101");
    let s = store();
    for (file, dataset, indicator, scale) in [
        (&fh, "eusilcA_income_fh", "mean_equivalised_income", 1.0),
        (
            &fh_mtmed,
            "eusilcA_above_median_fh",
            "above_median_income_share",
            100.0,
        ),
    ] {
        let stored = select(&s, dataset);
        let (h, rows) = csv_rows(file);
        assert_eq!(rows.len(), 94);
        let mut synthetic = 0;
        let mut unpublished = 0;
        for r in &rows {
            let geo = code[&r[col(&h, "area")]];
            let v = |c: &str| r[col(&h, c)].parse::<f64>().unwrap() * scale;
            // a share predicted outside [0, 100] % is not published (the other direction too)
            let Some(o) = stored.iter().find(|o| o.geo == geo) else {
                assert!(
                    scale == 100.0 && !(0.0..=100.0).contains(&v("eblup")),
                    "{geo}"
                );
                unpublished += 1;
                continue;
            };
            assert_eq!(o.indicator, indicator);
            assert!(close(o.estimate.unwrap(), v("eblup")), "{geo}");
            assert!(close(o.se.unwrap(), v("rmse")), "{geo}");
            let share = o.model_share.unwrap();
            let gamma: f64 = r[col(&h, "gamma")].parse().unwrap();
            assert!(close(share, 1.0 - gamma), "{geo}: {share} vs 1 - {gamma}");
            if r[col(&h, "in_sample")].parse::<bool>() == Ok(false) {
                synthetic += 1;
                assert_eq!(share, 1.0);
            }
        }
        // the direct estimates beside them carry no model share
        let direct = dataset.replace("_fh", "_direct");
        assert!(select(&s, &direct).iter().all(|o| o.model_share.is_none()));
        if indicator == "mean_equivalised_income" {
            // 24 districts have no sample: their estimate is the model's alone
            assert_eq!(synthetic, 24);
            assert_eq!(select(&s, "eusilcA_income_direct").len(), 70);
        }
        assert_eq!(stored.len() + unpublished, 94);
        assert!(
            unpublished <= 2,
            "{dataset}: {unpublished} districts unpublished"
        );
    }
}

#[test]
fn every_area_code_is_known() {
    let (_, summary) = built();
    let s = store();
    let reg = GeoRegistry::global();
    let districts = austrian_districts(&data_dir().join("geo/austria_districts.geojson")).unwrap();
    let geos: BTreeSet<String> = s
        .observations(&Filter::default())
        .unwrap()
        .into_iter()
        .map(|o| o.geo)
        .collect();
    // NUTS 2024 codes, districts, cities of the registry, and the NUTS 2021 codes of the
    // regional Eurostat extract (which predates NUTS 2024)
    let cities = civis_pipeline::real_europe::cities().unwrap();
    let lfur2gac =
        std::fs::read_to_string(data_dir().join(civis_pipeline::real_europe::LFUR2GAC_FILE))
            .unwrap();
    for g in &geos {
        assert!(
            reg.check(g).is_ok()
                || districts.iter().any(|d| &d.code == g)
                || cities.iter().any(|c| &c.code == g)
                || lfur2gac.contains(&format!(",{g},")),
            "{g}"
        );
    }
    let mut stored_areas = s.geographies().unwrap();
    let mut summary_areas = summary.geographies.clone();
    stored_areas.sort_by(|a, b| a.code.cmp(&b.code));
    summary_areas.sort_by(|a, b| a.code.cmp(&b.code));
    assert_eq!(stored_areas, summary_areas);
    let listed: BTreeSet<String> = stored_areas.iter().map(|g| g.code.clone()).collect();
    assert_eq!(listed, geos);
    let level = |l: &str| summary.geographies.iter().filter(|g| g.level == l).count();
    assert_eq!(level("district"), 94);
    assert!(level("nuts2") >= 290, "{}", level("nuts2"));
    assert!(level("city") >= 600, "{}", level("city"));
    assert!(level("country") >= 30);
    let vienna = summary
        .geographies
        .iter()
        .find(|g| g.code == "AT-D900")
        .unwrap();
    assert_eq!(
        (vienna.name.as_str(), vienna.parent.as_deref()),
        ("Wien", Some("AT13"))
    );
}

#[test]
fn a_failed_build_leaves_no_database() {
    let dir_guard = scratch("fail");
    let dir = dir_guard.path().to_path_buf();
    let data = dir.join("data");
    for sub in ["eurostat", "microdata", "sae", "geo"] {
        std::fs::create_dir_all(data.join(sub)).unwrap();
        for f in std::fs::read_dir(data_dir().join(sub)).unwrap() {
            let f = f.unwrap().path();
            // the district covariates are missing: the build fails at its last steps
            if f.file_name().unwrap() != "eusilcA_popAgg.csv" {
                std::fs::copy(&f, data.join(sub).join(f.file_name().unwrap())).unwrap();
            }
        }
    }
    let db = dir.join("civis.db");
    let mut last = String::new();
    let err =
        build_default_database_file(&db, &data, false, &mut |p| last = p.what.clone()).unwrap_err();
    assert!(format!("{err:#}").contains("eusilcA_popAgg"), "{err:#}");
    assert!(last.contains("eusilcA"), "{last}");
    let left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, vec!["data".to_string()]);

    // the command: builds, then refuses to overwrite without --force
    let data_arg = data_dir().display().to_string();
    let out = civis(&[
        "init-db",
        "--database",
        db.to_str().unwrap(),
        "--data",
        &data_arg,
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("23 datasets"));
    let again = Command::new(env!("CARGO_BIN_EXE_civis"))
        .args([
            "init-db",
            "--database",
            db.to_str().unwrap(),
            "--data",
            &data_arg,
        ])
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    civis(&[
        "init-db",
        "--database",
        db.to_str().unwrap(),
        "--data",
        &data_arg,
        "--force",
    ]);
    assert_eq!(
        SqliteStore::open(&db).unwrap().datasets().unwrap().len(),
        23
    );
    // no temporary file is left next to it
    let mut left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    left.sort();
    assert_eq!(left, vec!["civis.db".to_string(), "data".to_string()]);
}
