//! The client and the sync against a local stand-in of the Eurostat API: a `TcpListener` thread
//! that answers with real API responses (`tests/fixtures/`, copied from `../shared/data/formats/`),
//! HTTP errors, malformed bodies or silence. Nothing here touches the network.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use civis_eurostat::{sync, ApiClient, FetchError, Outcome, SyncError, TableSpec};
use civis_store::{testing, Filter, SqliteStore, Store};

const UNE_RT_M: &str = include_str!("fixtures/eurostat_une_rt_m_DE_last3.json");
const COMEXT: &str = include_str!("fixtures/eurostat_comext_ds-059358_DE_2022.json");

/// What the stand-in answers: status, body (or `None`: accept and never answer).
type Answer = (u16, Option<String>);

/// A local API whose answer can be changed between requests; records the request paths.
struct StandIn {
    base: String,
    answer: Arc<Mutex<Answer>>,
    paths: Arc<Mutex<Vec<String>>>,
}

fn stand_in(status: u16, body: &str) -> StandIn {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/api", listener.local_addr().unwrap());
    let answer = Arc::new(Mutex::new((status, Some(body.to_string()))));
    let paths = Arc::new(Mutex::new(Vec::new()));
    let (a, p) = (answer.clone(), paths.clone());
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            p.lock()
                .unwrap()
                .push(line.split_whitespace().nth(1).unwrap_or("").to_string());
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
                    break;
                }
            }
            let (status, body) = a.lock().unwrap().clone();
            let Some(body) = body else {
                thread::sleep(Duration::from_secs(3));
                continue;
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    StandIn {
        base,
        answer,
        paths,
    }
}

fn client(base: &str) -> ApiClient {
    ApiClient::new(base, Duration::from_secs(1))
}

#[test]
fn fetch_reads_every_value_and_flag_and_the_last_update() {
    let api = stand_in(200, UNE_RT_M);
    let f = client(&api.base)
        .fetch("une_rt_m", &[("geo".into(), vec!["DE".into()])])
        .unwrap();
    assert_eq!(f.updated, "2026-09-22T11:00:00+0200");
    let direct = civis_io::jsonstat::read_jsonstat_str(UNE_RT_M, "x")
        .unwrap()
        .remove(0);
    assert_eq!(
        f.dataset.canonical_observations(),
        direct.canonical_observations()
    );
    assert_eq!(f.dataset.observations.len(), 2);
    assert_eq!(
        api.paths.lock().unwrap()[0],
        "/api/statistics/1.0/data/une_rt_m?lang=EN&format=JSON&geo=DE"
    );
}

#[test]
fn every_failure_is_one_clear_error() {
    // nothing listens on a port just released
    let dead = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", l.local_addr().unwrap())
    };
    let e = client(&dead).fetch("une_rt_m", &[]).unwrap_err();
    assert!(matches!(e, FetchError::Unreachable { .. }), "{e}");
    assert!(
        e.to_string()
            .starts_with("cannot reach the Eurostat API at http://127.0.0.1:"),
        "{e}"
    );

    let api = stand_in(
        404,
        r#"{"error":[{"status":404,"id":100,"label":"NO_RESULTS_FOUND: no data"}]}"#,
    );
    let e = client(&api.base).fetch("nope", &[]).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("the Eurostat API answered HTTP 404 for {}/statistics/1.0/data/nope?lang=EN&format=JSON: NO_RESULTS_FOUND: no data", api.base)
    );

    *api.answer.lock().unwrap() = (
        200,
        Some("{\"version\":\"2.0\",\"class\":\"dataset\"".into()),
    );
    let e = client(&api.base).fetch("une_rt_m", &[]).unwrap_err();
    assert!(matches!(e, FetchError::Malformed { .. }), "{e}");
    // a real Comext answer whose cells hold units (`"KG"`): not a table of numbers
    *api.answer.lock().unwrap() = (200, Some(COMEXT.into()));
    let e = client(&api.base).fetch("DS_059358", &[]).unwrap_err();
    assert!(e.to_string().contains("\"KG\" is not a number"), "{e}");

    *api.answer.lock().unwrap() = (200, None);
    let e = client(&api.base).fetch("une_rt_m", &[]).unwrap_err();
    assert!(matches!(e, FetchError::Timeout { .. }), "{e}");
    assert!(e.to_string().ends_with("did not answer within 1 s"), "{e}");
}

fn spec() -> TableSpec {
    TableSpec::generic("une_rt_m")
}

#[test]
fn sync_imports_what_changed_only_and_keeps_earlier_vintages() {
    let api = stand_in(200, UNE_RT_M);
    let mut store = SqliteStore::in_memory().unwrap();
    let c = client(&api.base);
    let mut events = 0;
    let first = sync(store.db(), &c, &[spec()], &mut |_| events += 1).unwrap();
    assert_eq!(events, 3);
    assert_eq!(first[0].last_update, "2026-09-22T11:00:00+0200");
    assert_eq!(
        first[0].outcome,
        Outcome::Imported {
            observations: 2,
            kept: None
        }
    );
    let stored = store.observations(&Filter::default()).unwrap();
    assert_eq!(stored.len(), 2);
    assert!(stored
        .iter()
        .all(|o| o.geo == "DE" && o.estimate == Some(4.0) && o.unit.code() == "PC_ACT"));
    let ds = store.datasets().unwrap();
    assert!(ds[0]
        .provenance
        .vintage
        .starts_with("last update 2026-09-22T11:00:00+0200; retrieved 20"));

    // the same answer again: nothing imported
    let second = sync(store.db(), &c, &[spec()], &mut |_| {}).unwrap();
    assert_eq!(second[0].outcome, Outcome::Unchanged { observations: 2 });
    assert_eq!(store.datasets().unwrap().len(), 1);

    // a revised value: imported, the earlier vintage kept under its own name
    *api.answer.lock().unwrap() = (200, Some(UNE_RT_M.replacen("\"1\": 4.0", "\"1\": 4.1", 1)));
    let third = sync(store.db(), &c, &[spec()], &mut |_| {}).unwrap();
    assert_eq!(
        third[0].outcome,
        Outcome::Imported {
            observations: 2,
            kept: Some("une_rt_m#vintage-1".into())
        }
    );
    let names = testing::dataset_names(&store).unwrap();
    assert_eq!(names, ["une_rt_m", "une_rt_m#vintage-1"]);
    let log = store
        .db()
        .query("SELECT imported FROM eurostat_vintages ORDER BY id", &[])
        .unwrap();
    let imported: Vec<i64> = log.iter().map(|r| r.int(0).unwrap()).collect();
    assert_eq!(imported, [1, 0, 1]);
}

#[test]
fn a_failed_sync_leaves_the_database_as_it_was() {
    let good = stand_in(200, UNE_RT_M);
    let mut store = SqliteStore::in_memory().unwrap();
    sync(store.db(), &client(&good.base), &[spec()], &mut |_| {}).unwrap();
    let before = store.observations(&Filter::default()).unwrap();
    let bad = stand_in(500, "<html>Internal error</html>");
    // two tables, the second fails: the first is not written either
    let specs = [spec(), TableSpec::generic("lfst_r_lfur2gac")];
    *good.answer.lock().unwrap() = (200, Some(UNE_RT_M.replacen("\"1\": 4.0", "\"1\": 9.9", 1)));
    let e = sync(store.db(), &client(&bad.base), &specs, &mut |_| {}).unwrap_err();
    assert!(
        matches!(e, SyncError::Fetch(FetchError::Http { status: 500, .. })),
        "{e}"
    );
    assert_eq!(store.observations(&Filter::default()).unwrap(), before);
    assert_eq!(store.datasets().unwrap().len(), 1);
    let log = store
        .db()
        .query("SELECT COUNT(*) FROM eurostat_vintages", &[])
        .unwrap();
    assert_eq!(log[0].int(0).unwrap(), 1);
}

#[test]
fn unpublished_cells_become_suppressed_observations() {
    // a table without a geo dimension: the sync says so instead of guessing
    let mut nogeo = civis_io::jsonstat::read_jsonstat_str(UNE_RT_M, "x")
        .unwrap()
        .remove(0);
    nogeo
        .dimensions
        .iter_mut()
        .find(|d| d.id == "geo")
        .unwrap()
        .id = "reporter".into();
    let e = civis_eurostat::sync::observations(&spec(), &nogeo).unwrap_err();
    assert!(e.to_string().contains("no geo or cities dimension"), "{e}");
    // the third month has no value; give it the flag u as Eurostat does for unpublished cells
    let text = UNE_RT_M.replacen(
        r#""value": { "0": 4.0, "1": 4.0 },"#,
        r#""value": { "0": 4.0, "1": 4.0 }, "status": { "2": "u" },"#,
        1,
    );
    assert_ne!(text, UNE_RT_M);
    let une = civis_io::jsonstat::read_jsonstat_str(&text, "x")
        .unwrap()
        .remove(0);
    let obs = civis_eurostat::sync::observations(&spec(), &une).unwrap();
    assert_eq!(obs.len(), 3);
    assert!(obs.iter().all(|o| o.extra.is_empty()
        && o.group.code() == "TOTAL"
        && o.sex == "T"
        && o.age == "TOTAL"));
    let last = obs.iter().find(|o| o.time == "2026-08").unwrap();
    assert_eq!((last.estimate, last.flags.as_str()), (None, "uN"));
}
