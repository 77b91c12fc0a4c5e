//! The translations (issue 19): every language has exactly the English source's messages and
//! every catalogue indicator's name and definition; the check fails on a file with a missing or
//! an extra key; every English message is used by the portal's code; the CLDR number and date
//! rules reproduce ICU's own formatting (`tests/reference/cldr_formats.csv`, written by
//! `locales/cldr.mjs`).

use std::path::Path;

use civis_catalog::Catalogue;
use civis_web::i18n::check::{check_files, check_shipped, check_sources, message_ids, Problem};
use civis_web::i18n::format::{date_in, number_in, percent_in};
use civis_web::i18n::Lang;

fn catalogue_ids() -> Vec<String> {
    Catalogue::default_catalogue()
        .unwrap()
        .indicators
        .iter()
        .map(|i| i.id.clone())
        .collect()
}

#[test]
fn every_language_has_every_key() {
    let problems = check_shipped(&catalogue_ids());
    let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert!(
        problems.is_empty(),
        "translation problems:\n{}",
        text.join("\n")
    );
}

#[test]
fn the_check_fails_on_a_missing_key() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/i18n");
    let en = std::fs::read_to_string(dir.join("en.ftl")).unwrap();
    let fr = std::fs::read_to_string(dir.join("fr-missing.ftl")).unwrap();
    let problems = check_files(("en.ftl", &en), &[("fr-missing.ftl", &fr)], &[]);
    assert_eq!(
        problems,
        vec![
            Problem::Missing {
                file: "fr-missing.ftl".into(),
                key: "nav-areas".into()
            },
            Problem::Extra {
                file: "fr-missing.ftl".into(),
                key: "nav-extra".into()
            },
        ]
    );
    assert_eq!(
        problems[0].to_string(),
        "fr-missing.ftl: message `nav-areas` is missing"
    );
    // A catalogue indicator without its translation is missing too.
    let problems = check_files(
        ("en.ftl", &en),
        &[("fr.ftl", &en)],
        &["employment_rate".into()],
    );
    assert!(problems.contains(&Problem::Missing {
        file: "fr.ftl".into(),
        key: "indicator-employment_rate".into()
    }));
}

/// The registry's files are part of the shipped check: the shipped texts with one registry
/// message taken out of the Polish file (or a registry id that is also a portal id) fail it.
#[test]
fn the_check_covers_the_registry_files() {
    let ids = catalogue_ids();
    assert!(check_sources(Lang::ftl, Lang::registry_ftl, &ids).is_empty());
    let pl_without: String = Lang::Pl
        .registry_ftl()
        .lines()
        .filter(|l| !l.starts_with("reg-sign-out ="))
        .map(|l| format!("{l}\n"))
        .collect();
    let registry = |l: Lang| {
        if l == Lang::Pl {
            pl_without.as_str()
        } else {
            l.registry_ftl()
        }
    };
    assert_eq!(
        check_sources(Lang::ftl, registry, &ids),
        vec![Problem::Missing {
            file: "registry/pl.ftl".into(),
            key: "reg-sign-out".into()
        }]
    );
    let en_with_clash = format!("{}nav-home = Home\n", Lang::En.registry_ftl());
    let registry = |l: Lang| {
        if l == Lang::En {
            en_with_clash.as_str()
        } else {
            l.registry_ftl()
        }
    };
    let problems = check_sources(Lang::ftl, registry, &ids);
    assert!(
        problems.contains(&Problem::Duplicate {
            file: "registry/en.ftl".into(),
            key: "nav-home".into()
        }),
        "{problems:?}"
    );
}

#[test]
fn the_check_reports_a_syntax_error_with_its_line() {
    let (_, problems) = message_ids("bad.ftl", "a = A\nb = { $x\n");
    assert!(
        matches!(&problems[0], Problem::Syntax { line: 2, .. }),
        "{problems:?}"
    );
}

/// Every English message is used: its id appears in the portal's source as a string literal, or
/// it belongs to a family whose ids the code builds from data (`format!("flag-{f}")` makes
/// `flag-b`, `format!("group-{}-{criterion}", ...)` makes `group-nat-birth`).
#[test]
fn every_english_key_is_used() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut code = String::new();
    let mut stack = vec![src];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                code.push_str(&std::fs::read_to_string(p).unwrap());
            }
        }
    }
    let built = |id: &str| {
        id.match_indices('-')
            .any(|(i, _)| code.contains(&format!("\"{}-{{", &id[..i])))
    };
    let (mut ids, _) = message_ids("en.ftl", Lang::En.ftl());
    ids.extend(message_ids("registry/en.ftl", Lang::En.registry_ftl()).0);
    let unused: Vec<&String> = ids
        .iter()
        .filter(|id| !code.contains(&format!("\"{id}\"")) && !built(id))
        .collect();
    assert!(unused.is_empty(), "messages no code uses: {unused:?}");
}

#[test]
fn numbers_and_dates_match_cldr() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/cldr_formats.csv");
    let text = std::fs::read_to_string(file).unwrap();
    let mut checked = 0;
    for line in text.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let cells: Vec<&str> = line.splitn(5, ',').collect();
        let [lang, kind, value, decimals, expected] = cells[..] else {
            panic!("bad line {line}");
        };
        let lang = Lang::from_code(lang).unwrap();
        let expected: String = serde_json::from_str(expected).unwrap();
        let got = match kind {
            "number" | "percent" => {
                let v: f64 = value.parse().unwrap();
                let d: usize = decimals.parse().unwrap();
                if kind == "number" {
                    number_in(lang, v, d)
                } else {
                    percent_in(lang, v, d)
                }
            }
            "date" => {
                let p: Vec<u32> = value.split('-').map(|x| x.parse().unwrap()).collect();
                date_in(lang, p[0] as i32, p[1], p[2])
            }
            _ => panic!("unknown kind {kind}"),
        };
        assert_eq!(got, expected, "{line}");
        checked += 1;
    }
    assert!(checked > 450, "only {checked} expectations");
}

/// The English chart words in en.ftl are civis-chart's own: English charts are drawn exactly as
/// before their words moved to Fluent.
#[test]
fn english_chart_words_are_civis_charts_defaults() {
    let labels = civis_web::i18n::with_lang(Lang::En, civis_web::charts::labels);
    assert_eq!(labels, civis_chart::Labels::default());
}

/// Other languages draw with their CLDR numerals and count with their plural rules.
#[test]
fn chart_words_follow_each_language() {
    use civis_chart::Counted;
    let fr = civis_web::i18n::with_lang(Lang::Fr, civis_web::charts::labels);
    assert_eq!(fr.numerals.number(-21430.45, 1), "\u{2212}21\u{202f}430,5");
    assert_eq!(fr.count.of(Counted::Groups, 1), "1 groupe");
    assert_eq!(fr.count.of(Counted::Areas, 9), "9 zones");
    assert!(fr.alt.ci.starts_with("IC à 95"), "{}", fr.alt.ci);
    let it = civis_web::i18n::with_lang(Lang::It, civis_web::charts::labels);
    assert_eq!(it.numerals.percent(12.34, 1), "12,3%");
    let pl = civis_web::i18n::with_lang(Lang::Pl, civis_web::charts::labels);
    assert_eq!(pl.numerals.number(1234.0, 0), "1234");
    assert_eq!(pl.numerals.number(12345.0, 0), "12\u{a0}345");
    assert_eq!(pl.count.of(Counted::Groups, 2), "2 grupy");
    assert_eq!(pl.count.of(Counted::Groups, 5), "5 grup");
    assert_eq!(
        pl.count.of(Counted::NutsRegions(2), 22),
        "22 regiony NUTS poziomu 2"
    );
    let de = civis_web::i18n::with_lang(Lang::De, civis_web::charts::labels);
    assert_eq!(de.units.pp, "Pp.");
    assert_eq!(de.count.of(Counted::Series, 1), "1 Reihe");
}
