//! The portal in seven languages over HTTP (issue 19): a page in each language with its `lang`,
//! `hreflang` alternates and links that stay in the language; French numbers ("61,5 %",
//! "21 430 €"); `Accept-Language: fr` offering the French page (and the response cache keeping
//! the offered and the plain answer apart); `/en/...` redirecting; twins unchanged.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use tower::ServiceExt;

use civis_store::{Method, Observation, Provenance, SqliteStore, Store};
use civis_web::data::Maps;
use civis_web::{server, PortalData};

mod common;

fn obs(indicator: &str, geo: &str, group: &str, est: f64, se: Option<f64>) -> Observation {
    Observation {
        n: se.map(|_| 800),
        ..common::observation((indicator, geo, group), "2023", Some(est), se)
    }
}

fn app() -> axum::Router {
    let mut store = SqliteStore::in_memory().unwrap();
    let official = vec![
        obs("employment_rate", "AT", "FOR", 61.5, None),
        obs("employment_rate", "AT", "NAT", 77.8, None),
        obs("employment_rate", "FR", "FOR", 58.0, None),
        obs("employment_rate", "FR", "NAT", 74.9, None),
        obs("employment_rate", "EL", "FOR", 55.1, None),
        obs("employment_rate", "EL30", "FOR", 54.2, None),
        obs("employment_rate", "EU27_2020", "FOR", 62.8, None),
        obs("employment_rate", "EU27_2020", "NAT", 77.2, None),
    ];
    store
        .import(
            &Provenance {
                name: "lfsa_ergacob".into(),
                file: "lfsa_ergacob.tsv".into(),
                source: "Eurostat".into(),
                method: Method::Official,
                vintage: "2026-11".into(),
                attribution: "Source: Eurostat".into(),
                synthetic: false,
            },
            &official,
            false,
        )
        .unwrap();
    let direct = vec![
        obs(
            "median_equivalised_income",
            "AT",
            "FOR",
            21430.4,
            Some(410.0),
        ),
        obs(
            "median_equivalised_income",
            "AT",
            "NAT",
            27950.0,
            Some(150.0),
        ),
        obs("arop_rate", "AT", "FOR", 31.24, Some(1.1)),
        obs("arop_rate", "AT", "NAT", 12.06, Some(0.5)),
        // a gap estimated with its standard error (same sample): a verdict
        obs("arop_rate", "AT", "FOR-NAT", 19.18, Some(1.2)),
    ];
    store
        .import(
            &Provenance {
                name: "silc_direct".into(),
                file: "silc.csv".into(),
                source: "Civis".into(),
                method: Method::Direct,
                vintage: "2026-11".into(),
                attribution: String::new(),
                synthetic: false,
            },
            &direct,
            false,
        )
        .unwrap();
    let data = Arc::new(PortalData::load(&store, Maps::new(None, None, None)).unwrap());
    server::app(data, false)
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

async fn get(app: &axum::Router, path: &str, accept_language: Option<&str>) -> Answer {
    let mut req = Request::get(path);
    if let Some(l) = accept_language {
        req = req.header(header::ACCEPT_LANGUAGE, l);
    }
    let resp = app
        .clone()
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let bytes = axum::body::to_bytes(resp.into_body(), 1 << 24)
        .await
        .unwrap();
    Answer {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

/// Per language: the prefix, the employment rate's name, the home link and the French-style
/// number the page must show (61.5 % for Austria's foreign citizens).
const PAGES: [(&str, &str, &str, &str); 7] = [
    ("en", "Employment rate", "Home", "61.5 %"),
    ("fr", "Taux d’emploi", "Accueil", "61,5\u{a0}%"),
    ("de", "Erwerbstätigenquote", "Startseite", "61,5\u{a0}%"),
    ("it", "Tasso di occupazione", "Home", "61,5%"),
    ("es", "Tasa de empleo", "Inicio", "61,5\u{a0}%"),
    ("nl", "Arbeidsparticipatie", "Start", "61,5%"),
    ("pl", "Wskaźnik zatrudnienia", "Strona główna", "61,5%"),
];

#[tokio::test]
async fn every_language_serves_the_area_page() {
    let app = app();
    for (code, indicator, home, number) in PAGES {
        let prefix = if code == "en" {
            String::new()
        } else {
            format!("/{code}")
        };
        let a = get(&app, &format!("{prefix}/areas/AT"), None).await;
        assert_eq!(a.status, StatusCode::OK, "{code}");
        let b = &a.body;
        assert!(
            b.contains(&format!("<html lang=\"{code}\"")),
            "{code}: lang"
        );
        assert!(b.contains(indicator), "{code}: indicator name {indicator}");
        assert!(b.contains(&format!(">{home}</a>")), "{code}: nav {home}");
        assert!(b.contains(number), "{code}: number {number}");
        // hreflang alternates to every language version, and the switcher
        for (other, ..) in PAGES {
            let href = if other == "en" {
                "/areas/AT".to_string()
            } else {
                format!("/{other}/areas/AT")
            };
            assert!(
                b.contains(&format!(
                    "rel=\"alternate\" hreflang=\"{other}\" href=\"{href}\""
                )),
                "{code}: hreflang {other}"
            );
        }
        assert!(b.contains("hreflang=\"x-default\" href=\"/areas/AT\""));
        // links inside the page stay in its language
        assert!(
            b.contains(&format!("href=\"{prefix}/indicators/employment_rate\"")),
            "{code}: indicator link"
        );
        assert!(b.contains(&format!("href=\"{prefix}/peers/AT\"")), "{code}");
    }
}

#[tokio::test]
async fn french_pages_format_numbers_the_french_way() {
    let app = app();
    let fr = get(&app, "/fr/areas/AT", None).await.body;
    // decimal comma, no-break space before %, narrow no-break space between thousands
    assert!(fr.contains("61,5\u{a0}%"), "percent");
    assert!(fr.contains("21\u{202f}430\u{a0}€"), "grouping");
    assert!(fr.contains("Autriche"), "country name in French");
    assert!(fr.contains("Taux de risque de pauvreté"));
    assert!(fr.contains("la différence est statistiquement significative (95 %)"));
    let de = get(&app, "/de/areas/AT", None).await.body;
    assert!(de.contains("21.430\u{a0}€"), "German grouping");
    assert!(de.contains("der Unterschied ist statistisch signifikant (95 %)"));
    // the income gap has no standard error
    assert!(fr.contains("non testé (aucune erreur type publiée)"));
    let en = get(&app, "/areas/AT", None).await.body;
    assert!(en.contains("61.5 %") && en.contains("21\u{202f}430 €"));
    assert!(!en.contains("61,5"));
}

#[tokio::test]
async fn greek_regions_are_named_in_latin_script_with_the_local_name() {
    let app = app();
    let page = get(&app, "/fr/areas/EL30", None).await.body;
    assert!(page.contains("Attiki"), "Latin name");
    // GISCO's NUTS_NAME, as published ("Aττική", its first letter a Latin A)
    assert!(page.contains("lang=\"el\">Aττική<"), "local name");
}

#[tokio::test]
async fn accept_language_offers_french() {
    let app = app();
    let offered = get(&app, "/areas/AT", Some("fr-BE,fr;q=0.9,en;q=0.5")).await;
    assert_eq!(offered.status, StatusCode::OK);
    assert!(offered
        .body
        .contains("<a href=\"/fr/areas/AT\" hreflang=\"fr\">Cette page en français</a>"));
    assert_eq!(offered.headers[header::VARY], "Accept-Language");
    assert!(
        offered.body.contains("<html lang=\"en\""),
        "the URL decides"
    );
    // the cache keeps the offered and the plain answers apart, both ways round
    for _ in 0..2 {
        let plain = get(&app, "/areas/AT", None).await.body;
        assert!(!plain.contains("Cette page en français"));
        let again = get(&app, "/areas/AT", Some("fr")).await.body;
        assert!(again.contains("Cette page en français"));
    }
    let english = get(&app, "/areas/AT", Some("en-GB,fr;q=0.8")).await.body;
    assert!(!english.contains("Cette page en français"));
    // a French page offers nothing
    let fr = get(&app, "/fr/areas/AT", Some("fr")).await.body;
    assert!(!fr.contains("language-offer"));
}

#[tokio::test]
async fn english_prefix_redirects_and_twins_stay_neutral() {
    let app = app();
    let r = get(&app, "/en/indicators/employment_rate?group=FOR", None).await;
    assert_eq!(r.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(
        r.headers[header::LOCATION],
        "/indicators/employment_rate?group=FOR"
    );
    let r = get(&app, "/en", None).await;
    assert_eq!(r.headers[header::LOCATION], "/");
    for twin in ["/areas/AT.json", "/areas/AT.csv", "/indicators.json"] {
        let en = get(&app, twin, None).await;
        let fr = get(&app, &format!("/fr{twin}"), None).await;
        assert_eq!(en.status, StatusCode::OK, "{twin}");
        assert_eq!(en.body, fr.body, "{twin} is language-neutral");
    }
    // the API and the downloads have no language versions
    assert_eq!(
        get(&app, "/fr/api/indicators", None).await.status,
        StatusCode::NOT_FOUND
    );
    let missing = get(&app, "/fr/nowhere", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("<html lang=\"fr\""));
    assert!(missing.body.contains("Page introuvable"));
}

#[tokio::test]
async fn groups_of_countries_are_named_in_the_page_language() {
    let app = app();
    let en = get(&app, "/areas/AT", None).await.body;
    assert!(
        en.contains("European Union - 27 countries (from 2020)"),
        "{en}"
    );
    for (code, name) in [
        ("fr", "Union européenne - 27 pays (à partir de 2020)"),
        ("de", "Europäische Union - 27 Länder (ab 2020)"),
        ("it", "Unione europea - 27 paesi (dal 2020)"),
        ("es", "Unión Europea - 27 países (desde 2020)"),
        ("nl", "Europese Unie - 27 landen (vanaf 2020)"),
        ("pl", "Unia Europejska - 27 państw (od 2020)"),
    ] {
        // the comparator column of a country's profile, and the group's own page
        let page = get(&app, &format!("/{code}/areas/AT"), None).await.body;
        assert!(page.contains(name), "{code}: {name}");
        assert!(
            !page.contains("European Union - 27"),
            "{code}: English name left"
        );
        let own = get(&app, &format!("/{code}/areas/EU27_2020"), None).await;
        assert_eq!(own.status, StatusCode::OK);
        assert!(own.body.contains(&format!("<h1>{name}")), "{code}: heading");
    }
}

#[tokio::test]
async fn charts_and_embeds_draw_the_page_language() {
    let app = app();
    let en = get(&app, "/embed/gap?geo=AT&indicator=arop_rate", None).await;
    assert_eq!(en.status, StatusCode::OK, "{}", en.body);
    assert!(
        en.body.contains("font-weight=\"bold\">level</text>"),
        "{}",
        en.body
    );
    assert!(en.body.contains(">gap to Nationals</text>"), "{}", en.body);
    for (code, level, gap_to) in [
        ("fr", "niveau", "écart avec Nationaux"),
        ("de", "Niveau", "Abstand zu Inländer"),
    ] {
        // the embed, its standalone SVG, and the same chart on the area page
        for path in [
            format!("/{code}/embed/gap?geo=AT&indicator=arop_rate"),
            format!("/{code}/embed/gap.svg?geo=AT&indicator=arop_rate"),
            format!("/{code}/areas/AT"),
        ] {
            let r = get(&app, &path, None).await;
            assert_eq!(r.status, StatusCode::OK, "{path}");
            assert!(r.body.contains(&format!("bold\">{level}</text>")), "{path}");
            assert!(r.body.contains(&format!(">{gap_to}</text>")), "{path}");
            assert!(!r.body.contains(">gap to "), "{path}: English label left");
        }
    }
    let fr = get(&app, "/fr/embed/gap?geo=AT&indicator=arop_rate", None)
        .await
        .body;
    assert!(fr.contains("<html lang=\"fr\""), "{fr}");
    assert!(
        fr.contains("Citer : <a") && fr.contains("chiffres actuels sur Civis"),
        "{fr}"
    );
    assert!(en.body.contains("Cite: <a") && en.body.contains("current numbers on Civis"));
    let ranking = get(
        &app,
        "/fr/embed/ranking?indicator=employment_rate&level=country",
        None,
    )
    .await;
    assert_eq!(ranking.status, StatusCode::OK, "{}", ranking.body);
    assert!(
        ranking.body.contains("bold\">valeur</text>"),
        "{}",
        ranking.body
    );
}
