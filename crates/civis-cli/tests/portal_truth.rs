//! The portal tells the truth on the default database (issue 14, and issue 17's disclosure
//! rule): every item seen by a new user, a crawler and a phone, checked over HTTP against the
//! database `civis init-db` builds from `data/`.
//!
//! Most checks run the portal's router in this process (the read model is loaded once); the
//! crawl starts the real `civis serve` (with the practice registry) and follows every link
//! reachable from `/`.

mod common;
mod default_portal;

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::sync::OnceLock;
use std::time::Duration;

use axum::body::Body;
use axum::http::Request;
use civis_store::{DisclosureRules, SqliteStore, Store};
use civis_web::AppState;
use common::{http_get, Served};
use default_portal::{data, database, repo};
use serde_json::Value;
use tower::ServiceExt;

struct Resp {
    status: u16,
    body: Vec<u8>,
}

impl Resp {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e})"))
    }
}

/// `GET path` through the portal's router, in process.
fn get(path: &str) -> Resp {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    let rt = RT.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    });
    let app = civis_web::router(AppState::new(data().clone()));
    rt.block_on(async {
        let resp = app
            .oneshot(Request::get(path).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = resp.status().as_u16();
        let body = axum::body::to_bytes(resp.into_body(), usize::MAX)
            .await
            .unwrap()
            .to_vec();
        Resp { status, body }
    })
}

fn ok(path: &str) -> Resp {
    let r = get(path);
    assert_eq!(r.status, 200, "{path}: {}", r.text());
    r
}

fn is_percent(unit: &str) -> bool {
    matches!(unit, "PC" | "PC_POP" | "PC_ACT")
}

/// Every observation the API serves (all pages of `/api/observations`).
fn all_observations() -> &'static Vec<Value> {
    static ALL: OnceLock<Vec<Value>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut out = Vec::new();
        let mut offset = 0;
        loop {
            let page = ok(&format!("/api/observations?limit=1000&offset={offset}")).json();
            let items = page["items"].as_array().unwrap();
            out.extend(items.iter().cloned());
            offset += items.len();
            if page["next"].is_null() {
                assert_eq!(out.len() as u64, page["total"].as_u64().unwrap());
                return out;
            }
        }
    })
}

fn austrian_regions() -> Vec<String> {
    data()
        .areas
        .iter()
        .filter(|a| a.code.starts_with("AT") && a.code.len() == 4)
        .map(|a| a.code.clone())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// item 1: a ratio is tested against 100 %, and is not in pp

#[test]
fn item1_ratios_are_tested_against_100_percent_not_zero() {
    let html = ok("/areas/AT13").text();
    for line in html.split("<li>").filter(|l| l.starts_with("Ratio:")) {
        assert!(!line.contains(" pp"), "a ratio in pp: {line}");
        assert!(
            line.contains("% of"),
            "a ratio without its reference: {line}"
        );
    }
    let mut ratios = 0;
    for geo in austrian_regions() {
        let v = ok(&format!("/areas/{geo}.json")).json();
        for block in v["indicators"].as_array().unwrap() {
            for g in block["gaps"].as_array().unwrap() {
                let null = if g["kind"] == "ratio" {
                    ratios += 1;
                    100.0
                } else {
                    0.0
                };
                assert_eq!(g["null"].as_f64(), Some(null), "{geo}: {g}");
                if g["verdict"] == "significant" {
                    let ci = g["ci"].as_array().unwrap();
                    let (l, h) = (ci[0].as_f64().unwrap(), ci[1].as_f64().unwrap());
                    assert!(
                        l > null || h < null,
                        "{geo}: significant but {l}..{h} holds {null}"
                    );
                }
            }
        }
    }
    assert!(ratios > 0, "the default database has ratio gaps");
    // the example of the issue: EU citizens / nationals in Vienna, 75.2 to 115.9
    let v = ok("/areas/AT13.json").json();
    let eu = v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|b| b["gaps"].as_array().unwrap())
        .find(|g| g["group"] == "EU27_2020_FOR/NAT" && !g["ci"].is_null())
        .expect("a ratio gap for EU citizens in AT13");
    let ci = eu["ci"].as_array().unwrap();
    if ci[0].as_f64().unwrap() < 100.0 && ci[1].as_f64().unwrap() > 100.0 {
        assert_eq!(eu["verdict"], "not significant", "{eu}");
    }
}

// ---------------------------------------------------------------------------------------------
// item 2: no NaN anywhere

#[test]
fn item2_no_page_prints_nan() {
    let mut pages: Vec<String> = austrian_regions()
        .iter()
        .map(|g| format!("/areas/{g}"))
        .collect();
    pages.extend(["/areas/AT".to_string(), "/areas/AT-D101".to_string()]);
    for p in &pages {
        for suffix in ["", ".json", ".csv"] {
            let t = ok(&format!("{p}{suffix}")).text();
            assert!(!t.contains("NaN"), "{p}{suffix} prints NaN");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// item 3 and issue 17 item 1: cells below a disclosure threshold are suppressed, everywhere

/// The disclosure threshold (smallest publishable n) of each dataset, by name; `None` when its
/// values are not judged by counts (official, model-based).
fn thresholds() -> HashMap<String, Option<i64>> {
    let store = SqliteStore::open(database()).unwrap();
    let rules = DisclosureRules::shipped();
    store
        .datasets()
        .unwrap()
        .into_iter()
        .map(|d| {
            let min = (d.provenance.method == civis_store::Method::Direct)
                .then(|| rules.for_dataset(&d.provenance).min_n())
                .flatten();
            (d.provenance.source.clone(), min)
        })
        .collect()
}

#[test]
fn item3_small_cells_are_suppressed_in_the_api_with_no_value_and_no_n() {
    let by_source = thresholds();
    let (mut suppressed, mut direct) = (0, 0);
    for o in all_observations() {
        let status = o["status"].as_str().unwrap();
        if status == "suppressed" {
            suppressed += 1;
            for k in ["estimate", "se", "ci_low", "ci_high", "n"] {
                assert!(o[k].is_null(), "a suppressed cell serves {k}: {o}");
            }
            continue;
        }
        if o["method"] == "direct" {
            assert_ne!(
                status, "missing",
                "a direct cell without value, not suppressed: {o}"
            );
        }
        let source = o["source"].as_str().unwrap();
        if let Some(Some(min)) = by_source.get(source) {
            direct += 1;
            let n = o["n"]
                .as_i64()
                .unwrap_or_else(|| panic!("a direct value without n: {o}"));
            assert!(n >= *min, "n = {n} < {min} served with a value: {o}");
            if n < 50 && source.contains("EU-SILC") {
                assert_eq!(status, "low_reliability", "{o}");
            }
        }
    }
    assert!(suppressed > 50, "{suppressed} suppressed cells");
    assert!(direct > 100, "{direct} direct cells checked");
}

#[test]
fn item3_pages_and_maps_say_suppressed_and_count_them() {
    // the regional at-risk-of-poverty rate of EU citizens has cells below 20
    let html = ok("/indicators/arop_rate?level=region&group=EU27_2020_FOR").text();
    assert!(html.contains("suppressed"), "the ranking says suppressed");
    let counted = html
        .split(" suppressed, ")
        .next()
        .and_then(|s| s.rsplit(", ").next())
        .and_then(|s| s.trim().parse::<usize>().ok())
        .expect("the map's text counts the suppressed areas");
    assert!(counted > 0, "the map counts {counted} suppressed areas");
    for geo in austrian_regions() {
        let t = ok(&format!("/areas/{geo}")).text();
        assert!(
            !t.contains("not available</td>") || t.contains("suppressed"),
            "{geo}"
        );
    }
}

#[test]
fn disclosure_no_cell_below_its_threshold_leaves_in_any_format() {
    let by_source = thresholds();
    let d = data();
    for info in &d.indicators {
        let id = &info.id;
        // CSV: every row has n at or above its threshold, or is suppressed without a value
        let csv = ok(&format!("/downloads/{id}.csv")).text();
        let mut r = csv::Reader::from_reader(csv.as_bytes());
        let h = r.headers().unwrap().clone();
        let col = |n: &str| h.iter().position(|c| c == n).unwrap();
        let (est, n, status, source) = (col("estimate"), col("n"), col("status"), col("source"));
        let mut with_value = 0;
        for row in r.records() {
            let row = row.unwrap();
            if row[status].to_string() == "suppressed" {
                assert!(row[est].is_empty() && row[n].is_empty(), "{id}: {row:?}");
                continue;
            }
            with_value += usize::from(!row[est].is_empty());
            if let Some(Some(min)) = by_source.get(&row[source]) {
                let got: i64 = row[n].parse().unwrap_or_else(|_| panic!("{id}: {row:?}"));
                assert!(got >= *min, "{id}: n {got} below {min}: {row:?}");
            }
        }
        // SDMX-CSV and JSON-stat carry exactly the values the CSV carries
        let sdmx = ok(&format!("/downloads/{id}.sdmx.csv")).text();
        let mut r = csv::Reader::from_reader(sdmx.as_bytes());
        let h = r.headers().unwrap().clone();
        let stat = h.iter().position(|c| c == "statistic").unwrap();
        let value = h.iter().position(|c| c == "OBS_VALUE").unwrap();
        let sdmx_values = r
            .records()
            .map(|x| x.unwrap())
            .filter(|x| x[stat].to_string() == "ESTIMATE" && !x[value].is_empty())
            .count();
        assert_eq!(sdmx_values, with_value, "{id}: SDMX-CSV values");
        let js = ok(&format!("/downloads/{id}.jsonstat")).json();
        let n_values = match &js["value"] {
            Value::Array(a) => a.iter().filter(|v| !v.is_null()).count(),
            Value::Object(o) => o.len(),
            _ => 0,
        };
        let sizes: Vec<u64> = js["size"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_u64().unwrap())
            .collect();
        assert!(
            n_values >= with_value,
            "{id}: JSON-stat {n_values} < {with_value}"
        );
        assert!(sizes.iter().product::<u64>() > 0);
    }
}

// ---------------------------------------------------------------------------------------------
// item 4: intervals of proportions stay in [0, 100] and are never zero-width

#[test]
fn item4_property_every_served_proportion_interval_is_in_0_100_and_every_verdict_excludes_the_null()
{
    let mut checked = 0;
    for o in all_observations() {
        let group = o["group"].as_str().unwrap();
        if !is_percent(o["unit"].as_str().unwrap()) || group.contains(['-', '/']) {
            continue;
        }
        let (Some(l), Some(h)) = (o["ci_low"].as_f64(), o["ci_high"].as_f64()) else {
            continue;
        };
        let e = o["estimate"].as_f64().unwrap();
        assert!(
            (0.0..=100.0).contains(&l) && (0.0..=100.0).contains(&h),
            "{o}"
        );
        assert!(l <= e && e <= h && l < h, "{o}");
        checked += 1;
    }
    assert!(checked > 100, "{checked} proportion intervals");
    // every verdict on every area page: "significant" excludes the null of its statistic
    for a in &data().areas {
        let v = ok(&format!("/areas/{}.json", a.code)).json();
        for b in v["indicators"].as_array().unwrap() {
            for g in b["gaps"].as_array().unwrap() {
                if g["verdict"] != "significant" {
                    continue;
                }
                let null = g["null"].as_f64().unwrap();
                let ci = g["ci"].as_array().unwrap();
                let (l, h) = (ci[0].as_f64().unwrap(), ci[1].as_f64().unwrap());
                assert!(l > null || h < null, "{}: {g}", a.code);
            }
        }
    }
}

#[test]
fn item4_district_estimates_below_20_are_not_reliable() {
    for o in all_observations() {
        if o["geo"].as_str().unwrap().starts_with("AT-D") && o["method"] == "direct" {
            match o["n"].as_i64() {
                Some(n) if n < 20 => panic!("a district value with n = {n}: {o}"),
                Some(n) if n < 50 => assert_eq!(o["status"], "low_reliability", "{o}"),
                _ => {}
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// item 6: compare gaps; refuse comparisons across age bands, units, synthetic and real

#[test]
fn item6_compare_gaps_and_refuse_what_is_not_comparable() {
    let v = ok("/compare.json?geo=AT&geo=DE&geo=FR&group=FOR-NAT").json();
    let rows = v["rows"].as_array().unwrap();
    assert!(!rows.is_empty(), "gaps compared: {v}");
    let with_values = rows
        .iter()
        .filter(|r| {
            r["cells"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c["value"]["estimate"].is_number())
        })
        .count();
    assert!(with_values > 0, "some gap in all three countries");
    // a synthetic region against a real country: shown, not tested, with the reason
    let v = ok("/compare.json?geo=AT13&geo=DE").json();
    let mut refused = 0;
    for r in v["rows"].as_array().unwrap() {
        let cells = r["cells"].as_array().unwrap();
        let (a, b) = (&cells[0]["value"], &cells[1]["value"]);
        if a.is_null() || b.is_null() {
            continue;
        }
        if a["synthetic"] != b["synthetic"] || a["age"] != b["age"] {
            refused += 1;
            assert!(cells[1]["vs_first"].is_null(), "{r}");
            assert!(cells[1]["not_comparable"].is_string(), "{r}");
        }
    }
    assert!(refused > 0);
    let html = ok("/compare?geo=AT13&geo=DE").text();
    assert!(html.contains("Not compared: synthetic test data"));
    // head counts across countries are not tested
    for r in ok("/compare.json?geo=AT&geo=DE&group=TOTAL").json()["rows"]
        .as_array()
        .unwrap()
    {
        let unit = r["indicator"]["unit"].as_str().unwrap();
        if unit.starts_with("THS") {
            assert!(r["cells"][1]["vs_first"].is_null(), "{r}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// item 7: peers on rates and shares only

#[test]
fn item7_peers_are_matched_on_rates_and_shares_only() {
    let v = ok("/peers/AT.json").json();
    let vars = v["variables"].as_array().unwrap();
    assert!(!vars.is_empty());
    for var in vars {
        let u = var["unit"].as_str().unwrap();
        assert!(u.starts_with("PC"), "peers matched on {u}: {var}");
    }
    assert!(ok("/peers/AT").text().contains("rates and shares only"));
}

// ---------------------------------------------------------------------------------------------
// item 8: the EU column, links to areas, the favicon

/// The shipped extracts of `lfsa_ergan` and `lfsa_urgan` have no EU aggregate: the EU column
/// of employment and unemployment is not left empty, it is left out with a sentence saying why.
#[test]
fn item8_no_comparator_column_is_empty() {
    for geo in ["AT", "AT13", "DE", "AT-D101"] {
        let v = ok(&format!("/areas/{geo}.json")).json();
        let comps: Vec<&str> = v["comparators"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["code"].as_str().unwrap())
            .collect();
        for block in v["indicators"].as_array().unwrap() {
            let without: Vec<&str> = block["comparators_without_value"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap())
                .collect();
            for (i, c) in comps.iter().enumerate() {
                let filled = block["rows"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|r| r["comparators"][i]["estimate"].is_number());
                assert_eq!(
                    !filled,
                    without.contains(c),
                    "{geo} {}: {c}",
                    block["indicator"]["id"]
                );
            }
        }
    }
    let html = ok("/areas/AT").text();
    let employment = html
        .split("id=\"ind-employment_rate\"")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .unwrap();
    assert!(
        employment.contains("European Union") || employment.contains("No value for"),
        "the EU column of employment is shown or explained"
    );
    assert!(!employment.contains("<td class=\"num\">—</td><td class=\"num\">—</td>"));
}

#[test]
fn item8_map_links_lead_to_pages_and_the_favicon_exists() {
    assert_eq!(get("/favicon.ico").status, 200);
    let d = data();
    for page in ["/", "/indicators/employment_rate", "/areas/AT13"] {
        let html = ok(page).text();
        for href in html.split("href=\"/areas/").skip(1) {
            let target = href.split(['"', '?']).next().unwrap();
            let code = target
                .strip_suffix(".json")
                .or_else(|| target.strip_suffix(".csv"))
                .or_else(|| target.strip_suffix("/report.pdf"))
                .unwrap_or(target);
            assert!(d.area(code).is_some(), "{page} links /areas/{code}");
        }
    }
    assert_eq!(get("/areas/UA").status, 404, "no data for UA: no page");
}

// ---------------------------------------------------------------------------------------------
// item 9: the API answers 404 as documented, and the document has examples and servers

#[test]
fn item9_unknown_indicators_and_areas_are_404() {
    for q in [
        "indicator=nope",
        "geo=FRZZ",
        "indicator=employment_rate&geo=XX99",
    ] {
        let r = get(&format!("/api/observations?{q}"));
        assert_eq!(r.status, 404, "{q}: {}", r.text());
        assert!(r.json()["error"].as_str().unwrap().contains("/api/"), "{q}");
    }
    // Île-de-France, unknown before the regional data came in, now has its real values
    let fr10 = get("/api/observations?geo=FR10");
    assert_eq!(fr10.status, 200);
    assert!(fr10.json()["total"].as_u64().unwrap() > 0);
    assert_eq!(
        get("/api/observations?indicator=employment_rate&geo=AT").status,
        200
    );
    let doc = ok("/api/openapi.json").json();
    assert!(doc["servers"].as_array().is_some_and(|s| !s.is_empty()));
    let obs = &doc["paths"]["/api/observations"]["get"];
    assert!(obs["responses"]["200"]["content"]["application/json"]["example"]["items"].is_array());
    assert!(obs["responses"]["404"]["content"]["application/json"]["example"]["error"].is_string());
    assert!(obs["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| !p["example"].is_null()));
}

// ---------------------------------------------------------------------------------------------
// item 10: downloads keep the synthetic mark and the standard errors; XLSX is compressed; CSV
// has no floating-point noise

#[test]
fn item10_downloads_keep_synthetic_and_standard_errors() {
    let id = "arop_rate";
    let js = ok(&format!("/downloads/{id}.jsonstat")).text();
    for needle in ["SYNTHETIC", "\"SE\"", "CI_LOW", "synthetic"] {
        assert!(js.contains(needle), "JSON-stat lacks {needle}");
    }
    let sdmx = ok(&format!("/downloads/{id}.sdmx.csv")).text();
    assert!(
        sdmx.contains("SYNTHETIC") && sdmx.contains(",SE"),
        "SDMX-CSV"
    );
    // XLSX: deflated and small
    let x = ok("/downloads/employment_rate.xlsx").body;
    assert_eq!(
        u16::from_le_bytes([x[8], x[9]]),
        8,
        "the first part is deflated"
    );
    let parts = civis_io::xlsx::read_stored_zip(&x).unwrap();
    let raw: usize = parts.iter().map(|(_, b)| b.len()).sum();
    assert!(
        x.len() * 4 < raw,
        "{} bytes for {raw} uncompressed",
        x.len()
    );
}

#[test]
fn item10_csv_twins_print_no_floating_point_noise() {
    let mut pages = vec![
        "/downloads/arop_rate.csv".to_string(),
        "/downloads/mean_equivalised_income.csv".to_string(),
        "/areas/AT13.csv".into(),
        "/areas/AT.csv".into(),
        "/compare.csv?geo=AT13&geo=AT11".into(),
    ];
    pages.extend(austrian_regions().iter().map(|g| format!("/areas/{g}.csv")));
    for p in pages {
        let csv = ok(&p).text();
        for cell in csv.split([',', '\n', '\r']) {
            if cell.parse::<f64>().is_ok() {
                let digits = cell.trim_start_matches('-').replace('.', "");
                let significant = digits.trim_start_matches('0').len();
                assert!(significant <= 12, "{p}: {cell}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// the crawl: every link reachable from / answers, through the real `civis serve`

/// Same-site links of a page (`href="/..."`), without fragments, HTML entities decoded.
fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| h.starts_with('/') && !h.starts_with("//"))
        .map(|h| h.split('#').next().unwrap_or(h).replace("&amp;", "&"))
        .collect()
}

/// At most this many pages are fetched (the site has a few hundred distinct pages without
/// query strings; every query variant is not needed to find a broken link).
const CRAWL_LIMIT: usize = 1500;

#[test]
fn crawl_every_link_from_home_answers_without_404_or_5xx() {
    let server = Served::start(database(), &repo().join("data"), Duration::from_secs(60));
    let port = server.port;
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut queue: VecDeque<(String, String)> = VecDeque::from([("/".into(), "start".into())]);
    let mut bad = Vec::new();
    while let Some((path, from)) = queue.pop_front() {
        if seen.len() >= CRAWL_LIMIT {
            break;
        }
        // one variant per path and parameter names (not every combination of values)
        let shape = match path.split_once('?') {
            Some((p, q)) => {
                let mut names: Vec<&str> = q
                    .split('&')
                    .map(|kv| kv.split('=').next().unwrap_or(""))
                    .collect();
                names.sort();
                format!("{p}?{}", names.join("&"))
            }
            None => path.clone(),
        };
        if !seen.insert(shape) {
            continue;
        }
        let Some((status, body)) = http_get(port, &path) else {
            bad.push(format!("no answer: {path} (linked from {from})"));
            continue;
        };
        if status >= 400 {
            bad.push(format!("{status} {path} (linked from {from})"));
            continue;
        }
        if path.contains("/report.pdf") {
            if !body.starts_with(b"%PDF-") {
                bad.push(format!("not a PDF: {path} (linked from {from})"));
            }
            continue;
        }
        if path.starts_with("/downloads/") || path.contains(".json") || path.contains(".csv") {
            continue;
        }
        for l in links(&String::from_utf8_lossy(&body)) {
            queue.push_back((l, path.clone()));
        }
    }
    assert!(seen.len() > 100, "crawled {} pages", seen.len());
    assert!(
        bad.is_empty(),
        "{} broken links:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
