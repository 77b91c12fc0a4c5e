//! `civis eurostat fetch` and `civis eurostat sync` against a local stand-in of the Eurostat API
//! (a `TcpListener` thread replaying a real API response, `civis-eurostat/tests/fixtures/`).
//! Nothing here touches the network.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};
use std::thread;

use civis_store::{SqliteStore, Store};

const UNE_RT_M: &str =
    include_str!("../../civis-eurostat/tests/fixtures/eurostat_une_rt_m_DE_last3.json");

/// Serves `body` with `status` to every request; returns the API base.
fn stand_in(status: u16, body: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/api", listener.local_addr().unwrap());
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
                    break;
                }
            }
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    base
}

/// A fresh directory for one test, removed with its files when the guard drops (also when
/// the test fails).
fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("civis-eurostat-{name}-"))
        .tempdir()
        .unwrap()
}

fn civis(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_civis"))
        .args(args)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn fetch_writes_every_value_and_flag() {
    let base = stand_in(200, UNE_RT_M);
    let dir_guard = scratch("fetch");
    let dir = dir_guard.path().to_path_buf();
    let out = dir.join("une.csv");
    let o = civis(&[
        "eurostat",
        "fetch",
        "une_rt_m",
        "--filter",
        "geo=DE",
        "--api-base",
        &base,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let written = std::fs::read_to_string(&out).unwrap();
    // the API's two values, each as a row of the long table
    assert_eq!(
        written
            .lines()
            .filter(|l| l.contains(",DE,") && l.contains("4"))
            .count(),
        2,
        "{written}"
    );
    assert!(text(&o.stderr).contains("last update 2026-09-22T11:00:00+0200"));
    let json = dir.join("une.json");
    let o = civis(&[
        "eurostat",
        "fetch",
        "une_rt_m",
        "--api-base",
        &base,
        "--out",
        json.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let back = civis_io::jsonstat::read_jsonstat(&json).unwrap().remove(0);
    let orig = civis_io::jsonstat::read_jsonstat_str(UNE_RT_M, "x")
        .unwrap()
        .remove(0);
    assert_eq!(back.canonical_observations(), orig.canonical_observations());
}

#[test]
fn fetch_from_a_dead_address_fails_clearly_and_leaves_no_file() {
    let dead = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", l.local_addr().unwrap())
    };
    let dir_guard = scratch("dead");
    let dir = dir_guard.path().to_path_buf();
    let out = dir.join("x.tsv");
    let o = civis(&[
        "eurostat",
        "fetch",
        "lfst_r_lfur2gac",
        "--api-base",
        &dead,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    let err = text(&o.stderr);
    assert!(
        err.contains("error: cannot reach the Eurostat API at http://127.0.0.1:"),
        "{err}"
    );
    assert!(files(&dir).is_empty(), "{:?}", files(&dir));
    // an HTTP error and a malformed answer: the same
    for (status, body) in [
        (503, "Service unavailable"),
        (200, "{\"not\": \"json-stat\"}"),
    ] {
        let base = stand_in(status, body);
        let o = civis(&[
            "eurostat",
            "fetch",
            "une_rt_m",
            "--api-base",
            &base,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(!o.status.success());
        assert!(
            text(&o.stderr)
                .lines()
                .any(|l| l.starts_with("error: the Eurostat API")),
            "{}",
            text(&o.stderr)
        );
        assert!(files(&dir).is_empty());
    }
}

#[test]
fn a_second_sync_with_nothing_new_imports_nothing_and_says_so() {
    let base = stand_in(200, UNE_RT_M);
    let dir_guard = scratch("sync");
    let dir = dir_guard.path().to_path_buf();
    let db = dir.join("civis.db");
    let o = civis(&[
        "eurostat",
        "sync",
        "--database",
        db.to_str().unwrap(),
        "--api-base",
        &base,
        "--dataset",
        "une_rt_m",
    ]);
    assert!(!o.status.success(), "no database yet");
    assert!(
        text(&o.stderr).contains("civis init-db"),
        "{}",
        text(&o.stderr)
    );
    SqliteStore::open(&db).unwrap();
    let o = civis(&[
        "eurostat",
        "sync",
        "--database",
        db.to_str().unwrap(),
        "--api-base",
        &base,
        "--dataset",
        "une_rt_m",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout)
            .starts_with("une_rt_m: imported 2 observations (last update 2026-09-22T11:00:00+0200"),
        "{}",
        text(&o.stdout)
    );
    assert!(text(&o.stderr).contains("[1/1] fetching une_rt_m"));
    let o = civis(&[
        "eurostat",
        "sync",
        "--database",
        db.to_str().unwrap(),
        "--api-base",
        &base,
        "--dataset",
        "une_rt_m",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout)
            .contains("nothing new: no table changed since the last sync, nothing was imported"),
        "{}",
        text(&o.stdout)
    );
    let s = SqliteStore::open(&db).unwrap();
    assert_eq!(s.datasets().unwrap().len(), 1);
    // offline: one clear sentence, the database as it was
    let before = std::fs::read(&db).unwrap();
    let o = civis(&[
        "eurostat",
        "sync",
        "--database",
        db.to_str().unwrap(),
        "--api-base",
        "http://127.0.0.1:9",
        "--dataset",
        "une_rt_m",
    ]);
    assert!(!o.status.success());
    assert!(
        text(&o.stderr)
            .lines()
            .any(|l| l.starts_with("error: cannot reach the Eurostat API")),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
}
