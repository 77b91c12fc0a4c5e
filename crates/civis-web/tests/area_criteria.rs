//! The area profile keeps the two definitions of "foreign" apart: foreign citizens
//! (criterion `citizenship`) and the foreign-born (criterion `birth`) share the group code `FOR`
//! but are different people, with different values. Each row, its comparators, its series and
//! its gap come from its own criterion; a criterion without a value for the block's period shows
//! no row rather than the other criterion's number.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use tower::ServiceExt;

use civis_store::{Method, Observation, Provenance, SqliteStore, Store};
use civis_web::data::Maps;
use civis_web::{server, PortalData};

fn obs(
    indicator: &str,
    geo: &str,
    criterion: &str,
    group: &str,
    time: &str,
    est: f64,
) -> Observation {
    Observation {
        indicator: indicator.into(),
        geo: geo.into(),
        criterion: criterion.into(),
        group: group.into(),
        sex: "T".into(),
        age: "Y20-64".into(),
        time: time.into(),
        unit: "PC".into(),
        estimate: Some(est),
        ..Default::default()
    }
}

fn app() -> axum::Router {
    let mut store = SqliteStore::in_memory().unwrap();
    let mut rows = Vec::new();
    for (geo, shift) in [("AT13", 0.0), ("AT", 5.0)] {
        for (time, step) in [("2022", -1.0), ("2023", 0.0)] {
            let v = |x: f64| x + shift + step;
            rows.extend([
                obs("employment_rate", geo, "citizenship", "FOR", time, v(58.2)),
                obs("employment_rate", geo, "citizenship", "NAT", time, v(74.1)),
                obs("employment_rate", geo, "birth", "FOR", time, v(66.7)),
                obs("employment_rate", geo, "birth", "NAT", time, v(75.6)),
            ]);
        }
        // the unemployment rate by citizenship stops a year before the one by birth
        rows.extend([
            obs(
                "unemployment_rate",
                geo,
                "citizenship",
                "FOR",
                "2022",
                15.4 + shift,
            ),
            obs(
                "unemployment_rate",
                geo,
                "birth",
                "FOR",
                "2023",
                12.9 + shift,
            ),
            obs(
                "unemployment_rate",
                geo,
                "birth",
                "NAT",
                "2023",
                7.3 + shift,
            ),
        ]);
    }
    store
        .import(
            &Provenance {
                name: "lfst_r_lfe2emprc".into(),
                file: "lfst_r_lfe2emprc.csv".into(),
                source: "Eurostat".into(),
                method: Method::Official,
                vintage: "2026-11".into(),
                attribution: "Source: Eurostat".into(),
                synthetic: false,
            },
            &rows,
            false,
        )
        .unwrap();
    let data = Arc::new(PortalData::load(&store, Maps::new(None, None, None)).unwrap());
    server::app(data, false)
}

async fn get(app: &axum::Router, path: &str) -> String {
    let resp = app
        .clone()
        .oneshot(Request::get(path).body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK, "{path}");
    let bytes = axum::body::to_bytes(resp.into_body(), 1 << 24)
        .await
        .unwrap();
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// The rows of `indicator` in the profile's JSON twin: (criterion, group, estimate, the first
/// comparator's estimate).
fn rows(profile: &serde_json::Value, indicator: &str) -> Vec<(String, String, f64, Option<f64>)> {
    let block = profile["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["indicator"]["id"] == indicator)
        .unwrap_or_else(|| panic!("no block for {indicator}"));
    block["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["value"]["criterion"].as_str().unwrap().to_string(),
                r["value"]["group"].as_str().unwrap().to_string(),
                r["value"]["estimate"].as_f64().unwrap(),
                r["comparators"][0]["estimate"].as_f64(),
            )
        })
        .collect()
}

#[tokio::test]
async fn foreign_citizens_and_foreign_born_rows_show_their_own_values() {
    let app = app();
    let json: serde_json::Value =
        serde_json::from_str(&get(&app, "/areas/AT13.json").await).unwrap();
    let mut employment = rows(&json, "employment_rate");
    employment.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    let expect = [
        ("birth", "FOR", 66.7, 71.7),
        ("birth", "NAT", 75.6, 80.6),
        ("citizenship", "FOR", 58.2, 63.2),
        ("citizenship", "NAT", 74.1, 79.1),
    ];
    assert_eq!(employment.len(), expect.len(), "{employment:?}");
    for ((c, g, v, comp), (ec, eg, ev, ecomp)) in employment.iter().zip(expect) {
        assert_eq!((c.as_str(), g.as_str()), (ec, eg));
        assert!((v - ev).abs() < 1e-9, "{c} {g}: {v} (expected {ev})");
        let comp = comp.expect("a value for Austria");
        assert!((comp - ecomp).abs() < 1e-9, "{c} {g} in AT: {comp}");
    }
    // the gaps the page computes: one per criterion, each from its own nationals
    let block = json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["indicator"]["id"] == "employment_rate")
        .unwrap();
    let mut gaps: Vec<f64> = block["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["estimate"].as_f64().unwrap())
        .collect();
    gaps.sort_by(f64::total_cmp);
    assert_eq!(gaps.len(), 2, "{gaps:?}");
    assert!((gaps[0] - (58.2 - 74.1)).abs() < 1e-9, "{gaps:?}");
    assert!((gaps[1] - (66.7 - 75.6)).abs() < 1e-9, "{gaps:?}");
    // the series: each line keeps its criterion in every period
    for s in block["series"].as_array().unwrap() {
        let values = s[1].as_array().unwrap();
        let criteria: Vec<&str> = values
            .iter()
            .map(|o| o["criterion"].as_str().unwrap())
            .collect();
        assert!(criteria.windows(2).all(|w| w[0] == w[1]), "{criteria:?}");
        assert_eq!(values.len(), 2);
    }
    // the HTML page: "Foreign citizens" and "Foreign-born" rows with their own numbers
    let html = get(&app, "/areas/AT13").await;
    let row = |label: &str| {
        let at = html
            .find(&format!(">{label}<"))
            .unwrap_or_else(|| panic!("no row {label}"));
        html[at..at + 400].to_string()
    };
    assert!(row("Foreign citizens").contains("58.2 %"));
    assert!(row("Foreign-born").contains("66.7 %"));
}

#[tokio::test]
async fn a_criterion_without_a_value_for_the_period_shows_no_row() {
    let app = app();
    let json: serde_json::Value =
        serde_json::from_str(&get(&app, "/areas/AT13.json").await).unwrap();
    // 2023: only the rates by country of birth; the one by citizenship (2022) does not
    // borrow the foreign-born 12.9 %
    let unemployment = rows(&json, "unemployment_rate");
    assert!(
        unemployment.iter().all(|(c, ..)| c == "birth"),
        "{unemployment:?}"
    );
    let born = unemployment.iter().find(|r| r.1 == "FOR").unwrap();
    assert!((born.2 - 12.9).abs() < 1e-9);
}
