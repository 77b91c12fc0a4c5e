//! The area profile as a PDF (issue 19, item 3) on the default database: `/areas/AT13/report.pdf`
//! holds every number the HTML page `/areas/AT13` shows, written the same way; the French report
//! writes them with a decimal comma; the pages render; the file is under 2 MB; an unknown area
//! is a 404 and, for `civis report`, a clear error with no file left behind.
//!
//! The PDFs are read back with poppler's `pdftotext` and `pdftoppm`; without them the checks
//! that need them say so and pass, unless `CIVIS_REQUIRE_PDF=1` (set by `.ci/pdf.sh`).

mod default_portal;
#[path = "../../civis-report/tests/poppler/mod.rs"]
mod poppler;

use std::path::{Path, PathBuf};
use std::process::Command;

use axum::body::Body;
use axum::http::Request;
use default_portal::{data, database, repo, scratch};
use tower::ServiceExt;

/// `GET path` through the portal as `civis serve` runs it (router, response cache, headers), in
/// process: status, content type, body.
fn get(path: &str) -> (u16, String, Vec<u8>) {
    get_all(&[path]).remove(0)
}

/// Several `GET`s through one portal (one response cache).
fn get_all(paths: &[&str]) -> Vec<(u16, String, Vec<u8>)> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let app = civis_web::server::app(data().clone(), false);
    rt.block_on(async {
        let mut out = Vec::new();
        for path in paths {
            let resp = app
                .clone()
                .oneshot(Request::get(*path).body(Body::empty()).unwrap())
                .await
                .unwrap();
            let status = resp.status().as_u16();
            let ct = resp
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string();
            let body = axum::body::to_bytes(resp.into_body(), usize::MAX)
                .await
                .unwrap()
                .to_vec();
            out.push((status, ct, body));
        }
        out
    })
}

fn pdf(path: &str) -> Vec<u8> {
    let (status, ct, body) = get(path);
    assert_eq!(status, 200, "{path}: {}", String::from_utf8_lossy(&body));
    assert_eq!(ct, "application/pdf", "{path}");
    assert!(body.starts_with(b"%PDF-"), "{path}");
    body
}

fn poppler() -> bool {
    poppler::available("report test (in part)")
}

/// The text of a PDF, with the no-break spaces as plain spaces.
fn pdftotext(bytes: &[u8], name: &str) -> String {
    let path = scratch().join(name);
    std::fs::write(&path, bytes).unwrap();
    normalise(&poppler::text(&path))
}

fn normalise(s: &str) -> String {
    s.replace(['\u{202f}', '\u{a0}'], " ")
}

/// The visible text of the page's `<main>`, without its figures (the charts, whose words are
/// the tables' numbers again, and the map, which shows every other area too).
fn page_text(html: &str) -> String {
    let main = html
        .split_once("<main")
        .and_then(|(_, m)| m.split_once("</main>"))
        .map(|(m, _)| m)
        .expect("the page has a <main>");
    let mut text = String::new();
    let mut rest = main;
    while let Some((before, after)) = rest.split_once("<figure") {
        text.push_str(before);
        rest = after.split_once("</figure>").map(|(_, a)| a).unwrap_or("");
    }
    text.push_str(rest);
    // the embed snippets are HTML to copy (an iframe's width and height), not numbers of the page
    let mut rest = std::mem::take(&mut text);
    while let Some((before, after)) = rest.split_once("<details class=\"embed-snippet\"") {
        text.push_str(before);
        rest = after
            .split_once("</details>")
            .map(|(_, a)| a.to_string())
            .unwrap_or_default();
    }
    text.push_str(&rest);
    // a DOI (`10.2908/LFST_R_LFE2EMPRC`) is an identifier, not a number written per language
    let text = text.replace("10.2908/", "doi:");
    let mut plain = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                plain.push(' ');
            }
            _ if !in_tag => plain.push(c),
            _ => {}
        }
    }
    normalise(
        &plain
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'"),
    )
}

const UNITS: [&str; 5] = [" % of ref.", " %", " pp", " €", " thousand"];

/// Every number of a text with its sign, thousands groups, decimals and unit (`+3.2 pp`,
/// `21 430 €`, `61.2 %`, `2023`); digits inside codes (`AT13`) are not numbers.
fn numbers(text: &str) -> Vec<String> {
    numbers_as(text, '.', ' ', &UNITS)
}

/// [`numbers`] as a language writes them: its decimal sign and digit group separator, with
/// the units given (none: the numbers alone).
fn numbers_as(text: &str, decimal_sign: char, group_sign: char, units: &[&str]) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let prev = if i > 0 { chars[i - 1] } else { ' ' };
        if !chars[i].is_ascii_digit() || prev.is_alphanumeric() || prev == '_' || prev == '.' {
            i += 1;
            continue;
        }
        let mut start = i;
        let before_sign = if i > 1 { chars[i - 2] } else { ' ' };
        if matches!(prev, '+' | '-' | '−') && !before_sign.is_alphanumeric() {
            start = i - 1;
        }
        let mut j = i;
        loop {
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            let group = j + 4 <= chars.len()
                && chars[j] == group_sign
                && chars[j + 1..j + 4].iter().all(char::is_ascii_digit)
                && chars.get(j + 4).is_none_or(|c| !c.is_ascii_digit());
            let decimal =
                j + 1 < chars.len() && chars[j] == decimal_sign && chars[j + 1].is_ascii_digit();
            if group || decimal {
                j += 1;
            } else {
                break;
            }
        }
        let mut token: String = chars[start..j].iter().collect();
        let tail: String = chars[j..(j + 12).min(chars.len())].iter().collect();
        if let Some(u) = units.iter().find(|u| tail.starts_with(**u)) {
            token.push_str(u);
            j += u.chars().count();
        }
        out.push(token);
        i = j;
    }
    out.sort();
    out.dedup();
    out
}

/// Whether `token` stands in `text` as a whole number (not inside a longer one).
fn holds(text: &str, token: &str) -> bool {
    text.match_indices(token).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + token.len()..].chars().next();
        before.is_none_or(|c| !c.is_ascii_digit() && c != '.' && c != ',')
            && after.is_none_or(|c| !c.is_ascii_digit())
    })
}

/// `61.2 %` as the French page writes it: `61,2 %`; `+3.2 pp` as `+3,2 pp`.
fn french(token: &str) -> String {
    token
        .replace('.', ",")
        .replace(" thousand", " millier(s)")
        .replace(" % of ref,", " % de la réf.")
}

#[test]
fn at13_report_holds_every_number_of_the_page_renders_and_is_small() {
    let (status, _, html) = get("/areas/AT13");
    assert_eq!(status, 200);
    let html = String::from_utf8(html).unwrap();
    assert!(
        html.contains("href=\"/areas/AT13/report.pdf\""),
        "no link to the report"
    );
    let expected = numbers(&page_text(&html));
    assert!(expected.len() > 30, "{expected:?}");
    assert!(
        expected
            .iter()
            .any(|t| t.ends_with(" %") && t.contains('.')),
        "{expected:?}"
    );
    let bytes = pdf("/areas/AT13/report.pdf");
    assert!(bytes.len() < 2 * 1024 * 1024, "{} bytes", bytes.len());
    if !poppler() {
        return;
    }
    let text = pdftotext(&bytes, "AT13.pdf");
    let missing: Vec<&String> = expected.iter().filter(|t| !holds(&text, t)).collect();
    assert!(
        missing.is_empty(),
        "numbers of /areas/AT13 missing from the PDF: {missing:?}"
    );
    for s in [
        "Profile Wien (AT13)",
        "AT13",
        "Sources",
        "Source: Eurostat (online data code: lfst_r_lfe2emprc)",
        "DOI 10.2908/LFST_R_LFE2EMPRC",
        "synthetic",
    ] {
        assert!(text.contains(s), "{s} missing");
    }
    // the pages render
    let pdf_path = scratch().join("AT13.pdf");
    let prefix = scratch().join("AT13-page");
    poppler::render(&pdf_path, &prefix, &["-r", "40", "-f", "1", "-l", "2"]);
    let pages: Vec<PathBuf> = std::fs::read_dir(scratch())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("AT13-page") && n.ends_with(".png"))
        })
        .collect();
    assert_eq!(pages.len(), 2, "{pages:?}");
    for p in pages {
        assert!(std::fs::read(&p).unwrap().starts_with(b"\x89PNG"));
    }
}

#[test]
fn french_report_writes_decimal_commas() {
    let (_, _, html) = get("/areas/AT13");
    let expected = numbers(&page_text(&String::from_utf8(html).unwrap()));
    let bytes = pdf("/areas/AT13/report.pdf?lang=fr");
    assert!(bytes.len() < 2 * 1024 * 1024);
    if !poppler() {
        return;
    }
    let text = pdftotext(&bytes, "AT13-fr.pdf");
    // decimal numbers (a version such as `0.5.2` in a source's name is no number)
    let decimals: Vec<&String> = expected
        .iter()
        .filter(|t| t.matches('.').count() == 1)
        .collect();
    assert!(!decimals.is_empty());
    let missing: Vec<String> = decimals
        .iter()
        .map(|t| french(t))
        .filter(|t| !holds(&text, t))
        .collect();
    assert!(missing.is_empty(), "French numbers missing: {missing:?}");
    let english: Vec<&&String> = decimals.iter().filter(|t| holds(&text, t)).collect();
    assert!(
        english.is_empty(),
        "decimal points left in the French report: {english:?}"
    );
    for s in ["Sources", "Écart", "Groupe", "IC à 95 %"] {
        assert!(text.contains(s), "{s} missing");
    }
}

/// Every language of the portal: the report linked from the page in that language
/// (`/de/areas/AT13/report.pdf`) holds every number that page shows outside its figures,
/// written as the page writes it (decimal comma, the language's digit groups), and speaks the
/// language (its headings, and no English one).
#[test]
fn every_language_report_holds_the_numbers_of_its_page() {
    use civis_web::i18n::{format::rules, t_in, Lang};
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
        let code = lang.code();
        let (status, _, html) = get(&format!("/{code}/areas/AT13"));
        assert_eq!(status, 200);
        let html = String::from_utf8(html).unwrap();
        let report = format!("/{code}/areas/AT13/report.pdf");
        assert!(
            html.contains(&format!("href=\"{report}\"")),
            "{code}: no link"
        );
        let r = rules(lang);
        let sign = |s: &str| normalise(s).chars().next().unwrap();
        let expected = numbers_as(&page_text(&html), sign(&r.decimal), sign(&r.group), &[]);
        assert!(
            expected.iter().filter(|t| t.contains(&r.decimal)).count() > 10,
            "{code}: {expected:?}"
        );
        let bytes = pdf(&report);
        assert!(
            bytes.len() < 2 * 1024 * 1024,
            "{code}: {} bytes",
            bytes.len()
        );
        if !poppler() {
            return;
        }
        let text = pdftotext(&bytes, &format!("AT13-{code}.pdf"));
        let missing: Vec<&String> = expected.iter().filter(|t| !holds(&text, t)).collect();
        assert!(missing.is_empty(), "{code}: numbers missing: {missing:?}");
        let t = |key: &str| normalise(&t_in(lang, key, None));
        for heading in [
            format!("{} Wien (AT13)", t("report-profile")),
            t("report-legend"),
            t("sources-title"),
            t("report-citation"),
            t("precision-title"),
        ] {
            assert!(text.contains(&heading), "{code}: {heading} missing");
        }
        for english in [
            "Marks and flags",
            "How precise are these numbers?",
            "Cite this report as",
        ] {
            assert!(!text.contains(english), "{code}: {english} in the report");
        }
    }
    // German, read as it is written
    let text = pdftotext(&pdf("/areas/AT13/report.pdf?lang=de"), "AT13-de-q.pdf");
    for s in [
        "Profil Wien (AT13)",
        "Kennzeichen und Flags",
        "Quellen",
        "Zitierung",
        "Gruppe",
    ] {
        assert!(text.contains(s), "{s} missing from the German report");
    }
}

#[test]
fn the_response_cache_keeps_the_languages_apart() {
    let answers = get_all(&[
        "/areas/AT13/report.pdf",
        "/areas/AT13/report.pdf?lang=fr",
        "/areas/AT13/report.pdf?lang=fr&utm=x",
        "/fr/areas/AT13/report.pdf",
    ]);
    assert!(answers.iter().all(|a| a.0 == 200));
    assert_ne!(
        answers[0].2, answers[1].2,
        "?lang=fr served the English report"
    );
    assert_eq!(answers[1].2, answers[2].2);
    // the French page's link (/fr/...) serves the French report (its own address in the citation)
    let french = |b: &[u8]| b.windows(9).any(|w| w == b"/Lang(fr)");
    assert!(french(&answers[1].2) && !french(&answers[0].2));
    assert!(
        french(&answers[3].2),
        "the French page's link (/fr/...) serves the French report"
    );
}

#[test]
fn unknown_areas_and_languages_are_404() {
    assert_eq!(get("/areas/XX99/report.pdf").0, 404);
    assert_eq!(get("/areas/AT13/report.pdf?lang=xx").0, 404);
}

fn civis(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_civis"))
        .args(args)
        .current_dir(repo())
        .output()
        .unwrap()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn civis_report_writes_the_same_pdf_as_the_portal_and_refuses_an_unknown_area() {
    let db = database().to_str().unwrap().to_string();
    let dir = scratch().join("cli");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("vienna.pdf");
    // `civis report AREA --out OUT --database DATABASE MORE...`
    let report = |area: &str, out: &Path, database: &str, more: &[&str]| {
        let mut args = vec!["report", area, "--out", out.to_str().unwrap()];
        args.extend(["--database", database]);
        args.extend(more);
        civis(&args)
    };
    let o = report("AT13", &out, &db, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read(&out).unwrap(), pdf("/areas/AT13/report.pdf"));

    let bad = dir.join("nowhere.pdf");
    let o = report("XX99", &bad, &db, &[]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no area with the code 'XX99'"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    let o = report("AT13", &bad, &db, &["--lang", "xx"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--lang xx"));
    let o = report("AT13", &bad, "/nonexistent/civis.db", &[]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--database /nonexistent/civis.db"));
    // nothing but the good report, no temporary file
    assert_eq!(files_in(&dir), vec!["vienna.pdf".to_string()]);
}

#[test]
fn the_number_reader_finds_numbers_not_codes() {
    let t = normalise("AT13 Vienna: 61.2 % (57.0 % – 65.4 %), +3.2 pp, −1.5 pp, 21\u{202f}430 €, n 412, ages 15-64, 95.5 % of nationals");
    assert_eq!(
        numbers(&t),
        [
            "+3.2 pp",
            "15",
            "21 430 €",
            "412",
            "57.0 %",
            "61.2 %",
            "64",
            "65.4 %",
            "95.5 %",
            "−1.5 pp"
        ]
    );
    assert!(holds("a 61.2 % b", "61.2 %"));
    assert!(!holds("a 161.2 % b", "61.2 %"));
    assert!(!holds("a 61.25 % b", "61.2"));
    assert_eq!(french("+3.2 pp"), "+3,2 pp");
}
