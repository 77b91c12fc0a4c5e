//! Citations, permalinks that pin a vintage, and embeds, over the portal's whole middleware
//! stack (security headers, response cache), on SQLite and PostgreSQL.
//!
//! The citation formats are parsed by maintained parsers (Python: bibtexparser, rispy,
//! citeproc-py; `tests/cite_parse.py`): the test skips that part with a notice when Python or
//! the modules are missing, and fails then when `CIVIS_REQUIRE_CITATION_PARSERS` is set.

use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use civis_store::{Method, Observation, Provenance, Store};
use civis_web::data::Maps;
use civis_web::{server, AppState, PortalData};
use tower::ServiceExt;

const CODE: &str = "lfst_r_lfur2gac";

fn eurostat(vintage: &str) -> Provenance {
    Provenance {
        name: CODE.into(),
        file: format!("{CODE}.csv"),
        source: "Eurostat".into(),
        method: Method::Official,
        vintage: vintage.into(),
        attribution: "Source: Eurostat".into(),
        synthetic: false,
    }
}

fn obs(indicator: &str, time: &str, v: f64) -> Observation {
    Observation {
        indicator: indicator.into(),
        geo: "AT13".into(),
        group: "TOTAL".into(),
        sex: "T".into(),
        age: "Y15-74".into(),
        time: time.into(),
        unit: "PC".into(),
        estimate: Some(v),
        ..Default::default()
    }
}

/// Release 1: the 2025 vintage (2024 value 7.3); release 2: a synthetic model-based dataset;
/// release 3: the 2026 vintage, where the 2024 value was revised to 8.1.
fn fill(store: &mut dyn Store) {
    let old = "last update 2025-04-01T11:00:00+0200; retrieved 2025-04-02 08:00:00 UTC";
    let new = "last update 2026-04-01T11:00:00+0200; retrieved 2026-04-03 09:30:00 UTC";
    store
        .import(
            &eurostat(old),
            &[
                obs("unemployment_rate", "2023", 6.9),
                obs("unemployment_rate", "2024", 7.3),
            ],
            false,
        )
        .unwrap();
    let model = Provenance {
        name: "eusilc_fh".into(),
        file: "fh.csv".into(),
        source: "Civis Fay-Herriot (REML) on synthetic EU-SILC data".into(),
        method: Method::ModelBased,
        vintage: "laeken 0.5.2".into(),
        attribution: "Synthetic data: R package laeken".into(),
        synthetic: true,
    };
    let fh = |time: &str, v: f64| Observation {
        se: Some(1.1),
        ci_low: Some(v - 2.2),
        ci_high: Some(v + 2.2),
        model_share: Some(0.4),
        ..obs("arop_rate", time, v)
    };
    store
        .import(&model, &[fh("2022", 14.0), fh("2023", 15.5)], false)
        .unwrap();
    store
        .import(
            &eurostat(new),
            &[
                obs("unemployment_rate", "2023", 6.9),
                obs("unemployment_rate", "2024", 8.1),
            ],
            true,
        )
        .unwrap();
}

struct Portal {
    app: axum::Router,
}

struct Resp {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Portal {
    fn new(store: &dyn Store) -> Portal {
        Portal::at(store, None)
    }

    /// The portal as `civis serve --base-url BASE` runs it.
    fn at(store: &dyn Store, base: Option<&str>) -> Portal {
        let data = Arc::new(PortalData::load(store, Maps::new(None, None, None)).unwrap());
        let base = base.map(|b| civis_web::base_url::BaseUrl::parse(b).unwrap());
        Portal {
            app: server::app(AppState::new(data).with_base_url(base), false),
        }
    }

    fn get(&self, path: &str) -> Resp {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let resp = self
                .app
                .clone()
                .oneshot(Request::get(path).body(Body::empty()).unwrap())
                .await
                .unwrap();
            let status = resp.status();
            let headers = resp.headers().clone();
            let bytes = axum::body::to_bytes(resp.into_body(), 64 << 20)
                .await
                .unwrap();
            Resp {
                status,
                headers,
                body: String::from_utf8(bytes.to_vec()).unwrap(),
            }
        })
    }

    fn ok(&self, path: &str) -> Resp {
        let r = self.get(path);
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
        r
    }

    fn json(&self, path: &str) -> serde_json::Value {
        serde_json::from_str(&self.ok(path).body).unwrap()
    }
}

/// The unemployment rate of 2024 on the JSON twin of an area page, with its citation id.
fn value_2024(p: &Portal, path: &str) -> (f64, String) {
    let j = p.json(path);
    let text = j.to_string();
    let mut found = None;
    walk(&j, &mut |o| {
        if o["indicator"] == "unemployment_rate" && o["time"] == "2024" && o["estimate"].is_number()
        {
            found = Some((
                o["estimate"].as_f64().unwrap(),
                o["id"].as_str().unwrap().to_string(),
            ));
        }
    });
    found.unwrap_or_else(|| panic!("no 2024 value in {path}: {text}"))
}

fn walk(v: &serde_json::Value, f: &mut dyn FnMut(&serde_json::Value)) {
    match v {
        serde_json::Value::Object(m) => {
            f(v);
            m.values().for_each(|x| walk(x, f));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, f)),
        _ => {}
    }
}

macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[test]
            fn sqlite() {
                let mut store = civis_store::SqliteStore::in_memory().unwrap();
                super::fill(&mut store);
                super::$name(&super::Portal::new(&store));
            }

            #[test]
            fn postgres() {
                let Some(schema) = civis_store::testing::postgres_schema(concat!("h19b_", stringify!($name))) else {
                    return;
                };
                let mut store = civis_store::PgStore::connect(schema.url()).unwrap();
                super::fill(&mut store);
                super::$name(&super::Portal::new(&store));
            }
        }
    )*};
}

on_both_backends!(
    a_permalink_to_an_older_vintage_serves_the_older_number,
    citations_name_the_dataset_and_parse_with_maintained_parsers,
    embeds_carry_source_and_marks_and_only_they_may_be_framed,
    embeds_speak_the_page_language,
);

fn a_permalink_to_an_older_vintage_serves_the_older_number(p: &Portal) {
    let note = "A newer vintage exists";
    // the current page: the revised number, no note, a permalink to release 3
    let (now, _) = value_2024(p, "/areas/AT13.json");
    assert_eq!(now, 8.1);
    let page = p.ok("/areas/AT13").body;
    assert!(!page.contains(note), "{page}");
    assert!(page.contains("href=\"/v/3/areas/AT13\""), "{page}");
    // release 1 (and 2): the 2025 vintage, with the note
    for r in [1, 2] {
        let (then, _) = value_2024(p, &format!("/v/{r}/areas/AT13.json"));
        assert_eq!(then, 7.3, "release {r}");
        let old = p.ok(&format!("/v/{r}/areas/AT13")).body;
        assert!(old.contains(note), "{old}");
        assert!(old.contains("7.3") && !old.contains("8.1"), "{old}");
    }
    // the model-based dataset did not exist at release 1
    assert!(!p.ok("/v/1/areas/AT13").body.contains("arop"));
    assert!(p.ok("/v/2/areas/AT13.json").body.contains("arop_rate"));
    // the newest release is the current page, without the note
    let latest = p.ok("/v/3/areas/AT13").body;
    assert!(latest.contains("8.1") && !latest.contains(note));
    assert_eq!(
        value_2024(p, "/v/1/indicators/unemployment_rate.json").0,
        7.3
    );
    // refusals
    assert_eq!(p.get("/v/99/areas/AT13").status, StatusCode::NOT_FOUND);
    assert_eq!(p.get("/v/x/areas/AT13").status, StatusCode::BAD_REQUEST);
    assert_eq!(p.get("/v/1/areas/ZZ99").status, StatusCode::NOT_FOUND);
}

fn parsers_required() -> bool {
    std::env::var_os("CIVIS_REQUIRE_CITATION_PARSERS").is_some()
}

/// The three formats of `id` as the Python parsers read them; `None` when they are missing.
fn parsed(p: &Portal, id: &str) -> Option<serde_json::Value> {
    // tests run in parallel threads of one process: one directory per call
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("civis-cite-{}-{call}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    for ext in ["bib", "ris", "json"] {
        let r = p.ok(&format!("/cite/{id}.{ext}"));
        let cd = r.headers["content-disposition"].to_str().unwrap();
        assert!(cd.contains(&format!("{id}.{ext}")), "{cd}");
        let f = dir.join(format!("c.{ext}"));
        std::fs::write(&f, r.body).unwrap();
        files.push(f);
    }
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cite_parse.py");
    let out = Command::new("python3").arg(script).args(&files).output();
    let _ = std::fs::remove_dir_all(&dir);
    let out = match out {
        Ok(o) if o.status.code() == Some(3) || o.status.code().is_none() => {
            let why = String::from_utf8_lossy(&o.stderr).to_string();
            assert!(!parsers_required(), "citation parsers missing: {why}");
            eprintln!("skipping the parser check: {why}");
            return None;
        }
        Err(e) => {
            assert!(!parsers_required(), "python3 not runnable: {e}");
            eprintln!("skipping the parser check: python3 not runnable: {e}");
            return None;
        }
        Ok(o) => o,
    };
    assert!(
        out.status.success(),
        "the parsers refused the citation: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

fn citations_name_the_dataset_and_parse_with_maintained_parsers(p: &Portal) {
    let (_, id) = value_2024(p, "/areas/AT13.json");
    assert!(
        id.starts_with("lfst_r_lfur2gac.") && id.ends_with(".r3"),
        "{id}"
    );
    // the page has a cite link per value and a Cite block with the wording and the DOI
    let page = p.ok("/areas/AT13").body;
    assert!(page.contains(&format!("href=\"/cite/{id}\"")), "{page}");
    assert!(page.contains("Source: Eurostat (online data code: lfst_r_lfur2gac)"));
    assert!(page.contains("https://doi.org/10.2908/LFST_R_LFUR2GAC"));
    // the HTML citation page
    let html = p.ok(&format!("/cite/{id}")).body;
    for needle in [
        "BibTeX",
        "RIS",
        "CSL-JSON",
        "2026-04-01T11:00:00+0200",
        "2026-04-03 09:30:00",
    ] {
        assert!(html.contains(needle), "{needle}: {html}");
    }
    // downloads and the API carry the id and the wording
    let csv = p.ok("/downloads/unemployment_rate.csv").body;
    assert!(
        csv.lines().next().unwrap().ends_with(",id,citation"),
        "{csv}"
    );
    assert!(csv.contains(&id), "{csv}");
    let api = p.ok("/api/observations?indicator=unemployment_rate").body;
    assert!(
        api.contains(&id) && api.contains("online data code: lfst_r_lfur2gac"),
        "{api}"
    );

    let Some(v) = parsed(p, &id) else { return };
    let bib = &v["bibtex"];
    assert_eq!(bib["ENTRYTYPE"], "misc");
    assert_eq!(bib["ID"], id.as_str());
    assert_eq!(bib["doi"], "10.2908/LFST_R_LFUR2GAC");
    assert_eq!(bib["year"], "2026");
    assert!(bib["howpublished"]
        .as_str()
        .unwrap()
        .contains("lfst\\_r\\_lfur2gac"));
    let ris = &v["ris"];
    assert_eq!(ris["type_of_reference"], "DATA");
    assert_eq!(ris["doi"], "10.2908/LFST_R_LFUR2GAC");
    assert_eq!(ris["name_of_database"], CODE);
    assert!(ris["notes"][0]
        .as_str()
        .unwrap()
        .contains("Source: Eurostat (online data code: lfst_r_lfur2gac)"));
    let rendered = v["csl_rendered"][0].as_str().unwrap();
    assert!(
        rendered.contains("Eurostat") && rendered.contains("2026"),
        "{rendered}"
    );

    // the older vintage keeps its own identifier, which still resolves, with its own dates
    let (_, old) = value_2024(p, "/v/1/areas/AT13.json");
    assert!(old.ends_with(".r1") && old != id, "{old}");
    let v = parsed(p, &old).unwrap();
    assert_eq!(v["bibtex"]["year"], "2025");
    assert!(v["bibtex"]["note"].as_str().unwrap().contains("7.3"));

    // a model-based synthetic value: Civis's wording, no DOI
    let fh = p.json("/areas/AT13.json").to_string();
    let fh_id = fh
        .split("\"id\":\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .find(|s| s.starts_with("eusilc_fh."))
        .unwrap()
        .to_string();
    let c: serde_json::Value =
        serde_json::from_str(&p.ok(&format!("/cite/{fh_id}.json")).body).unwrap();
    assert!(c[0].get("DOI").is_none(), "{c}");
    let note = c[0]["note"].as_str().unwrap();
    assert!(
        note.contains("Civis, model-based estimate") && note.contains("synthetic"),
        "{note}"
    );
    assert!(note.contains("last update: unknown"), "{note}");

    // refusals
    assert_eq!(p.get("/cite/nonsense").status, StatusCode::BAD_REQUEST);
    assert_eq!(
        p.get("/cite/lfst_r_lfur2gac.0123456789abcdef.r3.bib")
            .status,
        StatusCode::NOT_FOUND
    );
}

fn embeds_carry_source_and_marks_and_only_they_may_be_framed(p: &Portal) {
    let e = p.ok("/embed/time-series?geo=AT13&indicator=unemployment_rate");
    assert!(e.headers.get("x-frame-options").is_none());
    let csp = e.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors *"), "{csp}");
    assert!(e.body.contains("<svg") && e.body.contains("The chart in words"));
    assert!(e
        .body
        .contains("Source: Eurostat (online data code: lfst_r_lfur2gac)."));
    assert!(e.body.contains("href=\"/v/3/areas/AT13\""), "{}", e.body);
    // the same as an image: one SVG with the source line drawn and in its description
    let svg = p.ok("/embed/time-series.svg?geo=AT13&indicator=unemployment_rate");
    assert_eq!(svg.headers["content-type"], "image/svg+xml");
    assert!(svg
        .body
        .starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.body.contains("<desc id=\"embed-desc\">"));
    assert!(
        svg.body
            .matches("online data code: lfst_r_lfur2gac")
            .count()
            >= 2
    );
    // synthetic, model-based values carry their marks
    let fh = p
        .ok("/embed/time-series.svg?geo=AT13&indicator=arop_rate")
        .body;
    assert!(
        fh.contains("Synthetic data") && fh.contains("model-based"),
        "{fh}"
    );
    // every other page stays unframable
    for path in ["/areas/AT13", "/cite/x", "/"] {
        let r = p.get(path);
        assert_eq!(r.headers["x-frame-options"], "DENY", "{path}");
        let csp = r.headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
    }
    // the page offers the snippet
    let page = p.ok("/areas/AT13").body;
    assert!(page.contains("Embed this chart"));
    assert!(page.contains("/embed/time-series?geo=AT13&amp;indicator=unemployment_rate"));
}

/// `/fr/embed/...` and `/de/embed/...`: the text alternative, the source line (Eurostat's
/// wording in the language), the marks and "Cite" in the language, numbers with decimal commas.
fn embeds_speak_the_page_language(p: &Portal) {
    let e = p
        .ok("/fr/embed/time-series?geo=AT13&indicator=unemployment_rate")
        .body;
    assert!(e.contains("<html lang=\"fr\""), "{e}");
    assert!(e.contains("Le graphique en mots"), "{e}");
    assert!(
        e.contains("Source : Eurostat (code des données en ligne : lfst_r_lfur2gac)."),
        "{e}"
    );
    assert!(!e.contains("online data code"), "{e}");
    let svg = p
        .ok("/fr/embed/time-series.svg?geo=AT13&indicator=unemployment_rate")
        .body;
    assert!(
        svg.contains(", en pourcentage ; les lignes sont les estimations"),
        "{svg}"
    );
    assert!(svg.matches("Citer :").count() >= 2, "{svg}");
    assert!(
        !svg.contains("Cite:") && !svg.contains("95\u{a0}% CI"),
        "{svg}"
    );
    assert!(svg.contains("1 série, de 2023 à 2024"), "{svg}");
    assert!(
        svg.contains("Toutes les valeurs sont des chiffres officiels"),
        "{svg}"
    );
    assert!(svg.contains("8,1\u{a0}%"), "{svg}");
    let fh = p
        .ok("/de/embed/time-series.svg?geo=AT13&indicator=arop_rate")
        .body;
    assert!(fh.contains("modellbasierte Schätzung (M)"), "{fh}");
    assert!(fh.contains("Civis, Schätzung ("), "{fh}");
    assert!(!fh.contains("model-based estimate"), "{fh}");
}

/// Without `--base-url` the URLs handed out are paths; with it (`civis serve --base-url`, or
/// `CIVIS_BASE_URL`) every citation format, the permalinks, the embeds and their snippets carry
/// absolute URLs, and the citation formats still parse. Links between pages stay paths.
#[test]
fn the_base_url_makes_citations_and_snippets_absolute() {
    let mut store = civis_store::SqliteStore::in_memory().unwrap();
    fill(&mut store);
    let base = "https://civis.example.eu";
    let permalink = "/v/3/areas/AT13#ind-unemployment_rate";
    let embed = "/embed/time-series?geo=AT13&amp;indicator=unemployment_rate";
    for (portal, prefix) in [
        (Portal::new(&store), ""),
        (Portal::at(&store, Some("https://civis.example.eu/")), base),
    ] {
        let url = format!("{prefix}{permalink}");
        let (_, id) = value_2024(&portal, "/areas/AT13.json");
        let bib = portal.ok(&format!("/cite/{id}.bib")).body;
        assert!(bib.contains(&format!("  url = {{{url}}},\n")), "{bib}");
        let ris = portal.ok(&format!("/cite/{id}.ris")).body;
        assert!(ris.contains(&format!("UR  - {url}\r\n")), "{ris}");
        let csl = portal.json(&format!("/cite/{id}.json"));
        assert_eq!(csl[0]["URL"], url.as_str());
        let html = portal.ok(&format!("/cite/{id}")).body;
        assert!(html.contains(&format!("href=\"{url}\"")), "{html}");
        // the page: its permalink in the Cite block, the snippets under its charts
        let page = portal.ok("/areas/AT13").body;
        assert!(
            page.contains(&format!("href=\"{prefix}/v/3/areas/AT13\"")),
            "{page}"
        );
        assert!(
            page.contains(&format!("iframe src=&quot;{prefix}{embed}")),
            "{page}"
        );
        assert!(page.contains(&format!(
            "img src=&quot;{prefix}/embed/time-series.svg?geo=AT13&amp;indicator"
        )));
        // links between pages stay paths
        assert!(page.contains(&format!("href=\"/cite/{id}\"")), "{page}");
        // the embeds: the permalink and the page they come from
        let e = portal
            .ok("/embed/time-series?geo=AT13&indicator=unemployment_rate")
            .body;
        assert!(
            e.contains(&format!("href=\"{prefix}/v/3/areas/AT13\"")),
            "{e}"
        );
        assert!(e.contains(&format!("href=\"{prefix}/areas/AT13\"")), "{e}");
        let svg = portal
            .ok("/embed/time-series.svg?geo=AT13&indicator=unemployment_rate")
            .body;
        assert!(
            svg.contains(&format!("Cite: {prefix}/v/3/areas/AT13")),
            "{svg}"
        );
        if prefix.is_empty() {
            continue;
        }
        let Some(v) = parsed(&portal, &id) else {
            continue;
        };
        assert_eq!(v["bibtex"]["url"], url.as_str());
        assert_eq!(v["ris"]["urls"][0], url.as_str());
    }
}

/// The portal's hostile cases (`tests/hostile/cases.toml`, `[[http]]`): status and message.
#[test]
fn hostile_embed_and_cite_requests_are_refused_clearly() {
    #[derive(serde::Deserialize)]
    struct Manifest {
        http: Vec<HttpCase>,
    }
    #[derive(serde::Deserialize)]
    struct HttpCase {
        name: String,
        path: String,
        status: u16,
        expect: String,
    }
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile/cases.toml");
    let m: Manifest = toml::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    assert!(m.http.len() >= 5);
    let mut store = civis_store::SqliteStore::in_memory().unwrap();
    fill(&mut store);
    let p = Portal::new(&store);
    for c in &m.http {
        let r = p.get(&c.path);
        assert_eq!(r.status.as_u16(), c.status, "{}: {}", c.name, r.body);
        assert!(r.body.contains(&c.expect), "{}: {}", c.name, r.body);
    }
}
