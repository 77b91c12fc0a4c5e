//! Real regions and cities: `civis serve` on a fresh database (built on first start) serves the
//! regional and city data as published, and the numbers Civis derives (city foreign-born shares,
//! the Quality of Life shares with their intervals) equal those an independent Python script
//! computed from the same files (`tests/reference/regional_reference.py`).

mod common;

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use civis_store::{Filter, SqliteStore, Store};
use common::{http_get, Served};
use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `civis serve` on a database that does not exist yet, stopped when the tests end.
struct Server {
    served: Served,
    db: PathBuf,
}

/// `GET path` on the shared server: the status code and the body as text.
fn get(path: &str) -> (u16, String) {
    let (status, body) = http_get(server().served.port, path).unwrap();
    (status, String::from_utf8(body).unwrap())
}

/// A `static` is never dropped, so [`Served`]'s `Drop` does not run for the shared server: the
/// test process stops it when it exits (the test harness ends with `exit`, which runs `atexit`).
fn stop_at_exit(pid: u32) {
    static PID: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(0);
    extern "C" fn stop() {
        let pid = PID.load(std::sync::atomic::Ordering::SeqCst);
        if pid > 0 {
            // SAFETY: sends SIGTERM to the child this process started; no memory is touched.
            unsafe { libc::kill(pid, libc::SIGTERM) };
        }
    }
    PID.store(pid as i32, std::sync::atomic::Ordering::SeqCst);
    // SAFETY: registers a plain function without captures, once (the OnceLock calls this once).
    unsafe { libc::atexit(stop) };
}

fn server() -> &'static Server {
    static S: OnceLock<Server> = OnceLock::new();
    S.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("civis-real-europe-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("civis.db");
        let served = Served::start(&db, &repo().join("data"), Duration::from_secs(120));
        stop_at_exit(served.pid());
        Server { served, db }
    })
}

fn json(path: &str) -> Value {
    let (status, body) = get(path);
    assert_eq!(status, 200, "{path}");
    serde_json::from_str(&body).unwrap()
}

fn store() -> SqliteStore {
    server();
    SqliteStore::open(&server().db).unwrap()
}

#[test]
fn lombardia_2025_employment_by_country_of_birth() {
    let page = json("/api/observations?indicator=employment_rate&geo=ITC4&time=2025");
    let items = page["items"].as_array().unwrap();
    let value = |g: &str| {
        let o = items
            .iter()
            .find(|o| o["group"] == g)
            .unwrap_or_else(|| panic!("{g}"));
        assert_eq!(o["criterion"], "birth");
        assert_eq!(o["synthetic"], false);
        assert_eq!(o["age"], "Y20-64");
        assert!(o["source"]
            .as_str()
            .unwrap()
            .starts_with("Eurostat, via bw-datenatlas"));
        o["estimate"].as_f64().unwrap()
    };
    assert_eq!(value("NAT"), 76.1);
    assert_eq!(value("FOR"), 71.0);
    assert_eq!(value("FOR-NAT"), -5.1);
}

#[test]
fn burgenland_2022_foreign_born_unemployment_is_suppressed() {
    let page = json("/api/observations?indicator=unemployment_rate&geo=AT11&group=FOR&time=2022");
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{page}");
    assert_eq!(items[0]["status"], "suppressed");
    assert!(items[0]["estimate"].is_null());
    assert_eq!(items[0]["age"], "Y15-64");
    // the regional total of the same year is published
    let total =
        json("/api/observations?indicator=unemployment_rate&geo=AT11&group=TOTAL&time=2022");
    assert_eq!(total["items"][0]["estimate"], 4.3);
}

#[test]
fn lyon_is_a_city_in_frk2_with_its_regions_outcomes() {
    let a = json("/areas/FR002C.json");
    assert_eq!(a["area"]["kind"], "city");
    assert_eq!(a["area"]["name"], "Lyon");
    assert_eq!(a["area"]["nuts2"], "FRK2");
    assert_eq!(a["city"]["region"]["code"], "FRK2");
    assert!(!a["city"]["region_outcomes"].as_array().unwrap().is_empty());
    assert!(!a["city"]["peers"].as_array().unwrap().is_empty());
    let (status, html) = get("/areas/FR002C");
    assert_eq!(status, 200);
    assert!(html.contains("region (NUTS 2)"), "no region label");
    assert!(html.contains("Foreign-born share"));
    let munich = json("/areas/DE003C.json");
    assert_eq!(munich["area"]["nuts2"], "DE21");
    let q = json("/api/observations?indicator=good_place_for_immigrants&geo=DE003C");
    // the survey's unweighted count of München's respondents to the item (about 830-870)
    assert!(
        (800..900).contains(&q["items"][0]["n"].as_i64().unwrap()),
        "{q}"
    );
}

#[test]
fn at_least_250_regions_and_600_cities_have_real_migrant_numbers() {
    let s = store();
    let obs = s.observations(&Filter::default()).unwrap();
    let regions: BTreeSet<&str> = obs
        .iter()
        .filter(|o| o.geo.len() == 4 && o.criterion == "birth" && o.estimate.is_some())
        .map(|o| o.geo.as_str())
        .collect();
    assert!(regions.len() >= 250, "{}", regions.len());
    let cities: BTreeSet<&str> = obs
        .iter()
        .filter(|o| {
            o.indicator == "foreign_born_share" && o.geo.ends_with('C') && o.estimate.is_some()
        })
        .map(|o| o.geo.as_str())
        .collect();
    assert!(cities.len() >= 600, "{}", cities.len());
    let health = json("/healthz");
    assert!(health["areas"].as_u64().unwrap() > 900, "{health}");
}

fn reference(name: &str) -> Vec<HashMap<String, String>> {
    let mut r =
        csv::Reader::from_path(repo().join("crates/civis-cli/tests/reference").join(name)).unwrap();
    let h: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    r.records()
        .map(|rec| {
            h.iter()
                .cloned()
                .zip(rec.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn city_shares_and_quality_of_life_match_the_python_reference() {
    let s = store();
    let cities = civis_pipeline::real_europe::cities().unwrap();
    let qol_code: HashMap<&str, &str> = cities
        .iter()
        .filter(|c| !c.qol_number.is_empty())
        .map(|c| (c.qol_number.as_str(), c.code.as_str()))
        .collect();
    let qol = s
        .observations(&Filter {
            indicator: Some("good_place_for_immigrants".into()),
            ..Default::default()
        })
        .unwrap();
    let want = reference("qol_good_place.csv");
    assert_eq!(qol.len(), want.len());
    assert_eq!(qol.len(), 83);
    for w in &want {
        let code = qol_code[w["qol_number"].as_str()];
        let o = qol.iter().find(|o| o.geo == code).unwrap();
        let f = |k: &str| w[k].parse::<f64>().unwrap();
        assert!(close(o.estimate.unwrap(), f("estimate")), "{code}");
        assert!(
            close(o.ci_low.unwrap(), f("ci_low")),
            "{code} {:?} {}",
            o.ci_low,
            f("ci_low")
        );
        assert!(close(o.ci_high.unwrap(), f("ci_high")), "{code}");
        assert_eq!(o.n, Some(f("n") as i64));
    }
    let shares = s
        .observations(&Filter {
            indicator: Some("foreign_born_share".into()),
            ..Default::default()
        })
        .unwrap();
    let want = reference("city_foreign_born_share.csv");
    let by_key: HashMap<(&str, &str), &civis_store::Observation> = shares
        .iter()
        .filter(|o| o.geo.len() == 6)
        .map(|o| ((o.geo.as_str(), o.time.as_str()), o))
        .collect();
    assert_eq!(by_key.len(), want.len());
    for w in &want {
        let o = by_key[&(w["geo"].as_str(), w["time"].as_str())];
        assert!(
            close(o.estimate.unwrap(), w["estimate"].parse().unwrap()),
            "{:?}",
            w
        );
        assert_eq!(o.flags, w["flags"], "{:?}", w);
    }
}

#[test]
fn availability_counts_published_flagged_and_unpublished_regions() {
    let a = json("/availability.json");
    let rows = a["rows"].as_array().unwrap();
    let at = rows
        .iter()
        .find(|r| {
            r["indicator"] == "unemployment_rate"
                && r["group"] == "FOR"
                && r["country"] == "AT"
                && r["time"] == "2022"
        })
        .unwrap();
    // Austria's nine regions in the lfur2gac extract, 2022, foreign-born: counted from the file
    let file = std::fs::read_to_string(
        repo()
            .join("data")
            .join(civis_pipeline::real_europe::LFUR2GAC_FILE),
    )
    .unwrap();
    let (mut published, mut flagged, mut missing) = (0, 0, 0);
    for line in file
        .lines()
        .filter(|l| l.contains(",FOR,T,Y15-64,AT") && l.contains(",2022,"))
    {
        let f: Vec<&str> = line.split(',').collect();
        if f[7].len() != 4 {
            continue;
        }
        match (f[9].is_empty(), f[10].contains('u')) {
            (true, _) => missing += 1,
            (false, true) => flagged += 1,
            (false, false) => published += 1,
        }
    }
    assert_eq!(at["regions"], published + flagged + missing);
    assert_eq!(at["published"], published);
    assert_eq!(at["low_reliability"], flagged);
    assert_eq!(at["not_published"], missing);
    assert!(missing > 0);
    let (status, csv) = get("/availability.csv");
    assert_eq!(status, 200);
    assert!(csv.starts_with(
        "indicator,criterion,group,country,time,regions,published,low_reliability,not_published"
    ));
    let (status, html) = get("/availability?indicator=unemployment_rate&group=FOR&year=2022");
    assert_eq!(status, 200);
    assert!(html.contains("<svg"), "map and chart");
    assert!(
        html.contains("last update 27/04/23"),
        "the vintage is shown"
    );
}
