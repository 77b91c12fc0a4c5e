//! The portal over real HTTP: every page and API route, on a database with official, direct,
//! model-based, low-reliability and suppressed values; against SQLite and (when a server is
//! configured, see `civis_store::testing`) PostgreSQL, which must serve the same bytes.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;

use civis_store::{Method, Observation, PgStore, Provenance, SqliteStore, Store};
use civis_web::data::Maps;

use civis_web::{server, PortalData, ServeOptions};

mod common;

fn prov(name: &str, method: Method, synthetic: bool) -> Provenance {
    Provenance {
        name: name.into(),
        file: format!("{name}.csv"),
        source: if method == Method::Official {
            "Eurostat".into()
        } else {
            "Civis".into()
        },
        method,
        vintage: "2026-11".into(),
        attribution: if method == Method::Official {
            "Source: Eurostat".into()
        } else {
            String::new()
        },
        synthetic,
    }
}

#[allow(clippy::too_many_arguments)]
fn obs(
    indicator: &str,
    geo: &str,
    group: &str,
    time: &str,
    est: Option<f64>,
    se: Option<f64>,
    n: Option<i64>,
    flags: &str,
) -> Observation {
    let o = common::observation((indicator, geo, group), time, est, se);
    Observation {
        criterion: if group == "TOTAL" {
            String::new()
        } else {
            o.criterion.clone()
        },
        n,
        flags: flags.into(),
        ..o
    }
}

/// The fixture, identical for both backends.
fn fill(store: &mut dyn Store) {
    let mut official = Vec::new();
    for (geo, f22, n22, f23, n23) in [
        ("AT", 60.1, 77.0, 61.5, 77.8),
        ("DE", 63.0, 80.1, 64.2, 81.0),
        ("FR", 57.2, 74.0, 58.0, 74.9),
        ("EU27_2020", 61.9, 76.5, 62.8, 77.2),
    ] {
        official.push(obs(
            "employment_rate",
            geo,
            "FOR",
            "2022",
            Some(f22),
            None,
            None,
            if geo == "DE" { "u" } else { "" },
        ));
        official.push(obs(
            "employment_rate",
            geo,
            "NAT",
            "2022",
            Some(n22),
            None,
            None,
            "",
        ));
        official.push(obs(
            "employment_rate",
            geo,
            "NAT",
            "2023",
            Some(n23),
            None,
            None,
            "",
        ));
        official.push(obs(
            "employment_rate",
            geo,
            "TOTAL",
            "2023",
            Some((f23 + n23) / 2.0),
            None,
            None,
            "",
        ));
        if geo == "FR" {
            // confidential: the number must never reach a page or a download
            official.push(obs(
                "employment_rate",
                geo,
                "FOR",
                "2023",
                Some(99.97),
                None,
                None,
                "c",
            ));
        } else {
            official.push(obs(
                "employment_rate",
                geo,
                "FOR",
                "2023",
                Some(f23),
                None,
                None,
                "b",
            ));
        }
    }
    store
        .import(
            &prov("lfsa_ergan", Method::Official, false),
            &official,
            false,
        )
        .unwrap();
    let mut direct = Vec::new();
    for (geo, f, nat, n) in [
        ("AT", 31.0, 10.0, 1500),
        ("AT13", 35.0, 12.0, 400),
        ("AT12", 28.0, 9.0, 300),
        // n / 5 = 30 foreign respondents: published with the flag u (20 to 49)
        ("AT11", 22.0, 8.0, 150),
    ] {
        let se_f = 0.5 + 30.0 / (n as f64).sqrt();
        direct.push(obs(
            "arop_rate",
            geo,
            "FOR",
            "2006",
            Some(f),
            Some(se_f),
            Some(n / 5),
            if n < 100 { "u" } else { "" },
        ));
        direct.push(obs(
            "arop_rate",
            geo,
            "NAT",
            "2006",
            Some(nat),
            Some(0.8),
            Some(n),
            "",
        ));
        direct.push(obs(
            "arop_rate",
            geo,
            "FOR-NAT",
            "2006",
            Some(f - nat),
            Some(se_f),
            Some(n),
            "",
        ));
        direct.push(obs(
            "arop_rate",
            geo,
            "TOTAL",
            "2006",
            Some(nat + 2.0),
            Some(0.7),
            Some(n + n / 5),
            "",
        ));
    }
    direct.push(obs(
        "arop_rate",
        "AT34",
        "FOR",
        "2006",
        Some(40.0),
        Some(9.0),
        Some(12),
        "c",
    ));
    store
        .import(
            &prov("eusilc_regions", Method::Direct, true),
            &direct,
            false,
        )
        .unwrap();
    let mut model = Vec::new();
    for (geo, v, share) in [("AT-D101", 21000.0, 0.62), ("AT-D102", 19500.0, 0.35)] {
        let mut o = obs(
            "mean_income",
            geo,
            "TOTAL",
            "2006",
            Some(v),
            Some(900.0),
            Some(20),
            "",
        );
        o.model_share = Some(share);
        model.push(o);
    }
    store
        .import(&prov("eusilcA_fh", Method::ModelBased, true), &model, false)
        .unwrap();
}

struct Portal {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Portal {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn start(store: &dyn Store) -> Portal {
    let data = Arc::new(PortalData::load(store, Maps::new(None, None, None)).unwrap());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let (tx, rx) = tokio::sync::oneshot::channel();
    let thread = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(server::serve(
            data,
            &ServeOptions {
                addr,
                log_requests: false,
                limits: Default::default(),
            },
            Some(rx),
        ))
        .unwrap();
    });
    for _ in 0..200 {
        if TcpStream::connect(addr).is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    Portal {
        addr,
        stop: Some(tx),
        thread: Some(thread),
    }
}

struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Resp {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }
    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

/// A GET over a fresh connection (HTTP/1.1, `Connection: close`).
fn get_with(addr: SocketAddr, path: &str, extra: &str) -> Resp {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n{extra}\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"))
    {
        body = dechunk(&body);
    }
    Resp {
        status,
        headers,
        body,
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let end = b.windows(2).position(|w| w == b"\r\n").unwrap();
        let size =
            usize::from_str_radix(std::str::from_utf8(&b[..end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&b[end + 2..end + 2 + size]);
        b = &b[end + 2 + size + 2..];
    }
}

fn get(p: &Portal, path: &str) -> Resp {
    get_with(p.addr, path, "")
}

fn ok_html(p: &Portal, path: &str) -> String {
    let r = get(p, path);
    assert_eq!(r.status, 200, "{path}: {}", r.text());
    assert!(
        r.header("content-type").unwrap().starts_with("text/html"),
        "{path}"
    );
    let t = r.text();
    for landmark in [
        "<html lang=\"en\"",
        "<header",
        "<nav",
        "<main",
        "<footer",
        "<h1",
    ] {
        assert!(t.contains(landmark), "{path} lacks {landmark}");
    }
    t
}

fn sqlite_portal() -> Portal {
    let mut store = SqliteStore::in_memory().unwrap();
    fill(&mut store);
    start(&store)
}

#[test]
fn every_page_renders_with_landmarks_and_twins() {
    let p = sqlite_portal();
    for path in [
        "/",
        "/indicators",
        "/indicators/employment_rate",
        "/indicators/arop_rate?level=region",
        "/indicators/mean_income?level=district",
        "/areas",
        "/areas/AT",
        "/areas/AT13",
        "/areas/AT-D101",
        "/compare?geo=AT&geo=DE",
        "/peers/AT",
        "/methodology",
        "/downloads",
        "/api",
    ] {
        ok_html(&p, path);
    }
    for base in [
        "/index",
        "/indicators",
        "/indicators/employment_rate",
        "/areas",
        "/areas/AT13",
        "/compare",
        "/peers/AT",
        "/methodology",
        "/downloads",
    ] {
        let j = get(&p, &format!("{base}.json"));
        assert_eq!(j.status, 200, "{base}.json");
        assert_eq!(j.header("content-type"), Some("application/json"));
        j.json();
        let c = get(&p, &format!("{base}.csv"));
        assert_eq!(c.status, 200, "{base}.csv");
        assert!(c.header("content-type").unwrap().starts_with("text/csv"));
        assert!(c.text().contains("\r\n"), "{base}.csv is empty");
    }
}

#[test]
fn suppressed_values_never_reach_a_page_or_a_download() {
    let p = sqlite_portal();
    for path in [
        "/indicators/employment_rate?time=2023",
        "/indicators/employment_rate.json?time=2023",
        "/indicators/employment_rate.csv?time=2023",
        "/areas/FR",
        "/areas/FR.json",
        "/compare?geo=FR&geo=AT",
        "/downloads/employment_rate.csv",
        "/downloads/employment_rate.jsonstat",
        "/downloads/employment_rate.sdmx.csv",
        "/api/observations?indicator=employment_rate&geo=FR",
        "/indicators/arop_rate?level=region",
        "/areas/AT34",
    ] {
        let t = get(&p, path).text();
        assert!(!t.contains("99.97"), "{path} shows a confidential value");
        assert!(!t.contains("40.0 %") || !path.contains("AT34"), "{path}");
    }
    // shown as suppressed, not as zero
    let t = ok_html(&p, "/areas/FR");
    assert!(t.contains("suppressed"));
    let api = get(
        &p,
        "/api/observations?indicator=employment_rate&geo=FR&group=FOR&time=2023",
    )
    .json();
    assert_eq!(api["items"][0]["status"], "suppressed");
    assert!(api["items"][0]["estimate"].is_null());
    assert_eq!(api["items"][0]["flags"], "c");
}

#[test]
fn indicator_view_ranks_with_intervals_against_the_eu() {
    let p = sqlite_portal();
    let j = get(&p, "/indicators/employment_rate.json?group=FOR&time=2022").json();
    assert_eq!(j["level"], "country");
    assert_eq!(j["reference"]["geo"], "EU27_2020");
    let rows = j["rows"].as_array().unwrap();
    let geos: Vec<&str> = rows.iter().map(|r| r["geo"].as_str().unwrap()).collect();
    assert_eq!(geos, ["DE", "AT", "FR"], "higher is better: DE first");
    assert_eq!(rows[0]["rank"], 1);
    assert_eq!(rows[0]["status"], "low_reliability");
    // official values have no standard error: no rank interval, and the test is unknown
    assert!(rows[1]["rank_interval"].is_null());
    assert_eq!(rows[1]["vs_reference"], "unknown");
    let html = ok_html(&p, "/indicators/employment_rate?group=FOR&time=2022");
    assert!(html.contains("low reliability"));
    // regions rank with real intervals from their standard errors
    let r = get(&p, "/indicators/arop_rate.json?level=region&group=FOR").json();
    assert_eq!(r["reference"]["geo"], "AT");
    let rows = r["rows"].as_array().unwrap();
    // lower is better for poverty: the lowest rate ranks first
    assert_eq!(rows[0]["geo"], "AT11");
    let (lo, hi) = (
        rows[0]["rank_interval"][0].as_u64().unwrap(),
        rows[0]["rank_interval"][1].as_u64().unwrap(),
    );
    assert!(
        lo == 1 && hi >= 2,
        "AT11 has a large SE: its rank is uncertain"
    );
    let at34 = rows
        .iter()
        .find(|r| r["geo"] == "AT34")
        .expect("suppressed areas are listed");
    assert!(
        at34["rank"].is_null() && at34["estimate"].is_null(),
        "and not ranked: {at34}"
    );
    assert_eq!(at34["status"], "suppressed");
}

/// The `<svg>` elements of a page.
fn svgs(html: &str) -> Vec<&str> {
    html.split("<svg")
        .skip(1)
        .map(|s| s.split("</svg>").next().unwrap_or(s))
        .collect()
}

/// The text of markup without its tags (and so without coordinates in attributes).
fn text_of(markup: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in markup.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Whether a number in `text` has a decimal point (a digit, `.`, a digit).
fn has_decimal_point(text: &str) -> bool {
    let c: Vec<char> = text.chars().collect();
    c.windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == '.' && w[2].is_ascii_digit())
}

/// Issue 19: the charts of `/fr/areas/AT13` and `/de/areas/AT13` have their text alternative
/// (`<desc>`, row titles, the text under the chart) in the page's language and decimal commas
/// in every text inside the SVG; the English page keeps its words and decimal points.
#[test]
fn charts_speak_the_page_language() {
    let p = sqlite_portal();
    let page = |path: &str| {
        let r = get(&p, path);
        assert_eq!(r.status, 200, "{path}");
        r.text()
    };
    let en = page("/areas/AT13");
    let en_svg = text_of(&svgs(&en).join("\n"));
    assert!(en_svg.contains("35.0\u{a0}% (95\u{a0}% CI "), "{en_svg}");
    assert!(en_svg.contains("percentage points (pp)"), "{en_svg}");
    for (lang, words, english) in [
        (
            "fr",
            &[
                "35,0\u{a0}% (IC à 95\u{a0}% : ",
                "écart +23,0\u{a0}pt (IC à 95\u{a0}% : ",
                "en points de pourcentage (pt)",
                "Coefficient de variation (CV, %)",
                "significatif à 95 %",
            ][..],
            &[
                "95\u{a0}% CI",
                "percentage points",
                "significant at",
                "Coefficient of variation",
            ][..],
        ),
        (
            "de",
            &[
                "35,0\u{a0}% (95-%-KI ",
                "Abstand +23,0\u{a0}Pp. (95-%-KI ",
                "in Prozentpunkten (Pp.)",
                "Variationskoeffizient (VK, %)",
            ][..],
            &[
                "95\u{a0}% CI",
                "percentage points",
                "significant at",
                "Coefficient of variation",
            ][..],
        ),
    ] {
        let html = page(&format!("/{lang}/areas/AT13"));
        let charts = svgs(&html);
        assert!(charts.len() >= 2, "{lang}: {} charts", charts.len());
        let text = text_of(&charts.join("\n"));
        for w in words {
            assert!(text.contains(w), "{lang}: no `{w}` in the charts: {text}");
        }
        for w in english {
            assert!(
                !text.contains(w),
                "{lang}: English `{w}` in the charts: {text}"
            );
        }
        assert!(
            !has_decimal_point(&text),
            "{lang}: a decimal point in {text}"
        );
        // the text under each chart is the same French or German
        let under = html.split("<pre class=\"alt\">").nth(1).unwrap_or("");
        assert!(words.iter().any(|w| under.contains(w)), "{lang}: {under}");
    }
}

#[test]
fn area_profile_shows_gaps_comparators_model_share_and_precision() {
    let p = sqlite_portal();
    let j = get(&p, "/areas/AT13.json").json();
    assert_eq!(j["comparators"][0]["code"], "AT");
    let block = &j["indicators"][0];
    assert_eq!(block["indicator"]["id"], "arop_rate");
    let gap = &block["gaps"][0];
    assert_eq!(gap["group"], "FOR-NAT");
    assert_eq!(gap["verdict"], "significant");
    assert!(j["precision"].as_array().unwrap().len() >= 3);
    let html = ok_html(&p, "/areas/AT13");
    assert!(html.contains("statistically significant"));
    assert!(
        html.contains("Synthetic data"),
        "synthetic sources are labelled"
    );
    let d = ok_html(&p, "/areas/AT-D101");
    assert!(d.contains("62 %"), "model share is shown");
    let dj = get(&p, "/areas/AT-D101.json").json();
    assert_eq!(
        dj["indicators"][0]["rows"][0]["value"]["status"],
        "model_based"
    );
    assert_eq!(dj["indicators"][0]["rows"][0]["value"]["model_share"], 0.62);
    // time series where there are several years
    let at = get(&p, "/areas/AT.json").json();
    let emp = at["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["indicator"]["id"] == "employment_rate")
        .unwrap();
    assert!(!emp["series"].as_array().unwrap().is_empty());
}

#[test]
fn compare_tests_differences_and_escapes_input() {
    let p = sqlite_portal();
    let j = get(&p, "/compare.json?geo=AT13&geo=AT11&geo=AT12").json();
    let row = j["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["indicator"]["id"] == "arop_rate")
        .unwrap();
    let cells = row["cells"].as_array().unwrap();
    assert!(cells[0]["vs_first"].is_null());
    assert_eq!(cells[1]["vs_first"]["verdict"], "lower");
    assert!(cells[1]["vs_first"]["p_value"].as_f64().unwrap() < 0.05);
    let t = get(&p, "/compare?geo=%3Cscript%3Ealert(1)%3C/script%3E&geo=AT").text();
    assert!(!t.contains("<script>alert(1)</script>"));
    assert!(t.contains("&lt;script&gt;"));
}

#[test]
fn peers_explain_the_distance() {
    let p = sqlite_portal();
    let j = get(&p, "/peers/AT.json").json();
    let peers = j["peers"].as_array().unwrap();
    assert!(!peers.is_empty());
    for peer in peers {
        let s: f64 = peer["contributions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["share"].as_f64().unwrap())
            .sum();
        assert!((s - 1.0).abs() < 1e-9 || peer["distance"] == 0.0, "{peer}");
    }
    assert_eq!(get(&p, "/peers/AT?k=0").status, 400);
    assert_eq!(get(&p, "/peers/AT?w.employment_rate:TOTAL=-1").status, 400);
}

/// Every coordinate of an official employment rate of foreign citizens in a download cube.
fn full<'a>(time_dim: &'static str, geo: &'a str, time: &'a str) -> [(&'static str, &'a str); 10] {
    [
        ("geo", geo),
        ("criterion", "citizenship"),
        ("citizen", "FOR"),
        ("sex", "T"),
        ("age", "Y20-64"),
        ("unit", "PC"),
        ("method", "official"),
        ("data", "REAL"),
        ("statistic", "ESTIMATE"),
        (time_dim, time),
    ]
}

#[test]
fn downloads_carry_flags_in_every_format() {
    let p = sqlite_portal();
    let csv = get(&p, "/downloads/employment_rate.csv");
    assert_eq!(csv.status, 200);
    assert!(csv
        .header("content-disposition")
        .unwrap()
        .contains("employment_rate.csv"));
    assert!(csv.text().contains(",DE,"));
    let x = get(&p, "/downloads/employment_rate.xlsx");
    assert_eq!(x.status, 200);
    let parts = civis_io::xlsx::read_stored_zip(&x.body).unwrap();
    assert!(
        parts.iter().any(|(n, _)| n.contains("sheet2")),
        "metadata sheet"
    );
    let js = get(&p, "/downloads/employment_rate.jsonstat");
    let ds = civis_io::jsonstat::read_jsonstat_str(&js.text(), "dl").unwrap();
    let de = ds[0].get(&full("time", "DE", "2022")).unwrap();
    assert_eq!(de.value, Some(63.0));
    assert_eq!(de.flags.to_string(), "u");
    let sd = get(&p, "/downloads/employment_rate.sdmx.csv");
    let ds = civis_io::sdmx_csv::read_sdmx_csv_from(sd.body.as_slice(), "dl").unwrap();
    let fr = ds
        .get(&full("TIME_PERIOD", "FR", "2023"))
        .unwrap_or_else(|| panic!("{}", sd.text()));
    assert_eq!(fr.value, None);
    assert!(fr.flags.is_suppressed());
    assert_eq!(get(&p, "/downloads/nope.csv").status, 404);
    assert_eq!(get(&p, "/downloads/employment_rate.exe").status, 404);
}

#[test]
fn api_filters_pages_and_names_bad_parameters() {
    let p = sqlite_portal();
    let all = get(&p, "/api/observations?indicator=employment_rate&limit=7").json();
    assert_eq!(all["total"], 20);
    assert_eq!(all["items"].as_array().unwrap().len(), 7);
    let next = all["next"].as_str().unwrap().to_string();
    let page2 = get(&p, &next).json();
    assert_eq!(page2["offset"], 7);
    let f = get(
        &p,
        "/api/observations?indicator=employment_rate&geo=AT,DE&group=FOR&time=2023",
    )
    .json();
    assert_eq!(f["total"], 2);
    let bad = get(&p, "/api/observations?limit=abc");
    assert_eq!(bad.status, 400);
    assert!(bad.json()["error"].as_str().unwrap().contains("limit"));
    assert_eq!(get(&p, "/api/observations?limit=100000").status, 400);
    let unk = get(&p, "/api/observations?colour=red");
    assert_eq!(unk.status, 400);
    assert!(unk.json()["error"].as_str().unwrap().contains("colour"));
    assert_eq!(get(&p, "/api/observations?level=planet").status, 400);
    assert_eq!(get(&p, "/api/indicators/nope").status, 404);
    assert_eq!(get(&p, "/api/areas/XX99").status, 404);
    assert_eq!(get(&p, "/api/compare").status, 400);
    assert_eq!(get(&p, "/api/nothing").status, 404);
    let ind = get(&p, "/api/indicators/employment_rate").json();
    assert!(ind["levels"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["level"] == "country"));
    assert_eq!(
        get(&p, "/api/indicators").json().as_array().unwrap().len(),
        3
    );
    assert!(get(&p, "/api/areas").json().as_array().unwrap().len() >= 8);
    assert_eq!(get(&p, "/api/areas/AT13").json()["area"]["code"], "AT13");
    assert!(get(&p, "/api/compare?geo=AT,DE").json()["rows"].is_array());
    assert!(get(&p, "/api/peers/DE").json()["peers"].is_array());
    assert_eq!(get(&p, "/api/datasets").json().as_array().unwrap().len(), 3);
    let doc = get(&p, "/api/openapi.json").json();
    assert_eq!(doc["openapi"], "3.1.0");
    for route in [
        "/api/indicators",
        "/api/indicators/{id}",
        "/api/observations",
        "/api/areas",
        "/api/areas/{geo}",
        "/api/compare",
        "/api/peers/{geo}",
        "/api/datasets",
    ] {
        assert!(
            doc["paths"][route]["get"].is_object(),
            "{route} missing from OpenAPI"
        );
    }
}

#[test]
fn caching_security_health_and_not_found() {
    let p = sqlite_portal();
    let r = get(&p, "/areas/AT");
    let etag = r.header("etag").unwrap().to_string();
    assert!(r.header("cache-control").unwrap().contains("max-age"));
    assert!(r
        .header("content-security-policy")
        .unwrap()
        .contains("script-src 'none'"));
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    let again = get_with(p.addr, "/areas/AT", &format!("If-None-Match: {etag}\r\n"));
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    let h = get(&p, "/healthz").json();
    assert_eq!(h["status"], "ok");
    assert_eq!(h["datasets"], 3);
    assert_eq!(get(&p, "/no/such/page").status, 404);
    assert_eq!(get(&p, "/areas/XX99").status, 404);
    assert_eq!(get(&p, "/indicators/nope").status, 404);
    assert_eq!(get(&p, "/static/civis.css").status, 200);
}

#[test]
fn postgres_serves_the_same_bytes_as_sqlite() {
    let Some(url) = civis_store::testing::postgres_url("postgres_serves_the_same_bytes_as_sqlite")
    else {
        return;
    };
    let schema = civis_store::testing::TestSchema::create(&url, "web_http").unwrap();
    let mut pg = PgStore::connect(schema.url()).unwrap();
    fill(&mut pg);
    let pg_portal = start(&pg);
    let lite = sqlite_portal();
    for path in [
        "/index.json",
        "/indicators.json",
        "/indicators/employment_rate.json",
        "/indicators/arop_rate.json?level=region",
        "/areas.json",
        "/areas/AT13.json",
        "/areas/AT-D101.json",
        "/compare.json?geo=AT&geo=DE",
        "/peers/AT.json",
        "/downloads/employment_rate.csv",
        "/api/observations?limit=1000",
    ] {
        let a = get(&pg_portal, path);
        let b = get(&lite, path);
        assert_eq!(a.status, 200, "{path} on PostgreSQL");
        let strip = |v: serde_json::Value| v;
        if path.ends_with(".csv") {
            assert_eq!(a.text(), b.text(), "{path}");
        } else {
            assert_eq!(strip(a.json()), strip(b.json()), "{path}");
        }
    }
    for path in [
        "/",
        "/areas/AT13",
        "/indicators/employment_rate",
        "/compare?geo=AT&geo=DE",
    ] {
        ok_html(&pg_portal, path);
    }
}

#[test]
fn cached_answers_are_the_rendered_ones_for_each_query() {
    let p = sqlite_portal();
    for path in [
        "/areas/AT",
        "/areas/AT.csv",
        "/api/observations?indicator=employment_rate&limit=1",
        "/api/observations?indicator=employment_rate&limit=2",
    ] {
        let first = get(&p, path);
        let second = get(&p, path);
        assert_eq!(first.status, 200, "{path}");
        assert_eq!(first.body, second.body, "{path}");
        for h in ["etag", "content-type", "cache-control", "x-frame-options"] {
            assert_eq!(first.header(h), second.header(h), "{path}: {h}");
        }
        let etag = second.header("etag").unwrap();
        let again = get_with(p.addr, path, &format!("If-None-Match: {etag}\r\n"));
        assert_eq!(again.status, 304, "{path}");
        assert_eq!(again.header("etag"), Some(etag));
        assert!(again.body.is_empty());
    }
    let items = |path| get(&p, path).json()["items"].as_array().unwrap().len();
    assert_eq!(
        items("/api/observations?indicator=employment_rate&limit=1"),
        1
    );
    assert_eq!(
        items("/api/observations?indicator=employment_rate&limit=2"),
        2
    );
}

/// Areas whose Latin-script name differs from their national-script one ("Elláda" / "Ελλάδα")
/// carry one name on a page: the table, the ranking chart, its text alternative, the page's
/// JSON and CSV twins and the citations all say "Elláda" (a translated page names countries in
/// its language, its twins stay the same bytes); only downloads keep the stored `NUTS_NAME`.
#[test]
fn an_area_has_one_name_on_every_part_of_a_page() {
    let mut store = SqliteStore::in_memory().unwrap();
    let rows: Vec<Observation> = [("EL", 58.8), ("CY", 70.1), ("BG", 50.9)]
        .into_iter()
        .map(|(geo, v)| {
            obs(
                "employment_rate",
                geo,
                "TOTAL",
                "2023",
                Some(v),
                None,
                None,
                "",
            )
        })
        .collect();
    store
        .import(&prov("lfsa_ergan", Method::Official, false), &rows, false)
        .unwrap();
    let p = start(&store);
    let j = get(&p, "/indicators/employment_rate.json?group=TOTAL&time=2023").json();
    let names: Vec<&str> = j["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Kýpros", "Elláda", "Bulgaria"]);
    // machine data are the same bytes under every language prefix
    let fr = get(
        &p,
        "/fr/indicators/employment_rate.json?group=TOTAL&time=2023",
    );
    assert_eq!(
        fr.text(),
        get(&p, "/indicators/employment_rate.json?group=TOTAL&time=2023").text()
    );
    // a translated page names countries in its language, in the table and the chart alike
    let fr_html = get(&p, "/fr/indicators/employment_rate?group=TOTAL&time=2023").text();
    assert!(fr_html.contains("<title>Grèce"), "French ranking chart");
    assert!(fr_html.contains(">Grèce</a></th>"), "French table");
    assert!(!fr_html.contains("Elláda"), "one name per page");
    let csv = get(&p, "/indicators/employment_rate.csv?group=TOTAL&time=2023").text();
    assert!(csv.contains("EL,Elláda,"), "{csv}");
    let html = ok_html(&p, "/indicators/employment_rate?group=TOTAL&time=2023");
    for native in ["Ελλάδα", "Κύπρος", "България"] {
        // the national-script name may appear once per area, marked as such (lang="el"/"bg")
        for (i, _) in html.match_indices(native) {
            assert!(
                around(&html, i, 40, 0).contains("lang=\""),
                "{native} shown as a plain label: …{}…",
                around(&html, i, 200, 100)
            );
        }
    }
    assert!(html.contains("<title>Elláda: 58.8"), "ranking chart label");
    // the citation of Elláda's value (its link follows the row's value in the table)
    let row = html.find(">Elláda</a></th>").expect("Elláda's row");
    let link = html[row..]
        .split("class=\"cite-link\" href=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a citation link in Elláda's row");
    let cite = ok_html(&p, link);
    assert!(cite.contains("Elláda (EL)"), "{cite}");
    assert!(!cite.contains("Ελλάδα (EL)"), "{cite}");
}

/// The text of `s` from about `before` bytes before byte `i` to `after` bytes after it, cut at
/// character boundaries.
fn around(s: &str, i: usize, before: usize, after: usize) -> &str {
    let mut a = i.saturating_sub(before);
    while !s.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (i + after).min(s.len());
    while !s.is_char_boundary(b) {
        b += 1;
    }
    &s[a..b]
}
