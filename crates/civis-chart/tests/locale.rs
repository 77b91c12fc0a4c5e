//! Charts in another language: the words of the text alternative come from [`Labels`], numbers
//! are written with its [`Numerals`] (decimal comma, the language's grouping) in the SVG's text
//! and in the alt text, and counts follow the host's plural function.

use civis_catalog::Unit;
use civis_chart::{
    cv_against_n, gap, ranking, time_series, AltWords, ChartInfo, CountWords, Counted, Gap,
    GapGroup, GapOptions, Labels, NumberFormat, Numerals, Point, PrecisionOptions, RankInterval,
    RankingOptions, RankingRow, Reference, SampleCv, Series, Status, Threshold, TimeSeriesOptions,
    UnitWords,
};

/// French counts, with the plural of "groupe" and "zone".
fn count_fr(what: Counted, n: usize) -> String {
    let s = if n > 1 { "s" } else { "" };
    match what {
        Counted::Groups => format!("{n} groupe{s}"),
        Counted::Series => format!("{n} série{s}"),
        _ => format!("{n} zone{s}"),
    }
}

/// A few French words (the rest English, which the tests do not look at) and French numerals:
/// decimal comma, U+202F between thousands, a no-break space before `%`.
fn french() -> Labels {
    let s = |x: &str| x.to_owned();
    Labels {
        numerals: Numerals {
            decimal: ',',
            group: '\u{202f}',
            min_grouping: 1,
            percent_space: true,
        },
        no_data: s("pas de données"),
        key_low_reliability: s("fiabilité faible (creux, en tirets)"),
        significant: s("significatif à 95 %"),
        units: UnitWords {
            pp: s("pt"),
            percent: s("pourcentage"),
            euro: s("euros"),
            percentage_points: s("points de pourcentage (pt)"),
            ..UnitWords::default()
        },
        alt: AltWords {
            ci: s("IC à 95 % : {lower} à {upper}"),
            low_reliability: s("fiabilité faible (u)"),
            focus_area: s("zone étudiée"),
            gap: s("écart {gap} (IC à 95 % : {lower} à {upper}), {significance}"),
            ranking_intro_highest: s(
                "{title}. {areas}, de la plus haute à la plus basse valeur, en {unit}.",
            ),
            reference_line: s("Ligne de référence : {label} {value}."),
            plausible_ranks: s("rang {rank} (rangs plausibles {lower} à {upper})"),
            gap_intro: s("{title}. {area} : {groups} comparés à {reference}, en {unit} ; écarts en {difference_unit}."),
            series_intro: s("{title}. {series}, de {first} à {last}, en {unit}."),
            precision_intro: s("{title}. CV selon n pour {groups}."),
            cv_at_or_above: s("à {cv} ou plus ({label})"),
            ..AltWords::default()
        },
        count: CountWords::new(count_fr),
        ..Labels::default()
    }
}

/// Asserts that `text` holds `part`.
#[track_caller]
fn has(text: &str, part: &str) {
    assert!(text.contains(part), "no `{part}` in {text}");
}

/// The text of every `<text>` element of an SVG.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| t.split_once('>').and_then(|(_, r)| r.split_once("</text>")))
        .map(|(t, _)| t.to_string())
        .collect()
}

/// No number in `text` has a decimal point (digits on both sides of a `.`).
fn no_decimal_point(text: &str) -> bool {
    let c: Vec<char> = text.chars().collect();
    !c.windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == '.' && w[2].is_ascii_digit())
}

#[test]
fn a_french_ranking_has_french_words_and_decimal_commas() {
    let mut wien: RankingRow = Point::new("Wien", 61.25, Some((57.0, 65.4)))
        .with_status(Status::LowReliability)
        .highlighted()
        .into();
    let (rank, lower, upper) = (1, 1, 2);
    wien.rank = Some(RankInterval { rank, lower, upper });
    let rows = vec![
        wien,
        Point::new("Graz", 55.0, Some((52.1, 57.9))).into(),
        Point::missing("Linz").into(),
    ];
    let chart = ranking(
        &rows,
        &RankingOptions {
            info: ChartInfo::new("r", "Taux d’emploi").with_labels(french()),
            format: NumberFormat::new(Unit::Percent),
            reference: Some(Reference {
                label: "Autriche".into(),
                value: 58.0,
            }),
            descending: true,
        },
    )
    .unwrap();
    let alt = chart.alt_text.replace('\u{a0}', " ");
    assert!(
        alt.starts_with("Taux d’emploi. 3 zones, de la plus haute"),
        "{alt}"
    );
    has(&alt, "Wien (zone étudiée): 61,2 % (IC à 95 % : 57,0 à 65,4), fiabilité faible (u), rang 1 (rangs plausibles 1 à 2)");
    has(&alt, "Ligne de référence : Autriche 58,0 %.");
    has(&alt, "Linz: pas de données");
    assert!(no_decimal_point(&alt), "{alt}");
    for t in [
        "CI",
        "low reliability",
        "focus area",
        "no data",
        "Reference line",
    ] {
        assert!(!alt.contains(t), "English `{t}` in {alt}");
        assert!(!chart.svg.contains(t), "English `{t}` in the SVG");
    }
    let drawn = texts(&chart.svg);
    assert!(drawn.iter().any(|t| t == "61,2\u{a0}%"), "{drawn:?}");
    assert!(drawn.iter().all(|t| no_decimal_point(t)), "{drawn:?}");
}

#[test]
fn a_french_gap_chart_writes_points_and_commas() {
    let nat = Point::new("Nationaux", 77.8, Some((76.0, 79.6)));
    let groups = [GapGroup {
        group: Point::new("Étrangers", 61.5, Some((58.0, 65.0))),
        gap: Some(Gap {
            estimate: -16.3,
            ci: (-20.1, -12.5),
        }),
    }];
    let chart = gap(
        &nat,
        &groups,
        &GapOptions {
            info: ChartInfo::new("g", "Emploi").with_labels(french()),
            format: NumberFormat::new(Unit::Percent),
            area: "Wien".into(),
        },
    )
    .unwrap();
    let alt = chart.alt_text.replace('\u{a0}', " ");
    assert!(
        alt.starts_with("Emploi. Wien : 1 groupe comparés à Nationaux, en pourcentage ; écarts en points de pourcentage (pt)."),
        "{alt}"
    );
    has(
        &alt,
        "écart \u{2212}16,3 pt (IC à 95 % : \u{2212}20,1 à \u{2212}12,5), significatif à 95 %",
    );
    assert!(no_decimal_point(&alt), "{alt}");
    assert!(texts(&chart.svg).iter().all(|t| no_decimal_point(t)));
}

#[test]
fn a_french_time_series_groups_thousands_and_counts_series() {
    let series = vec![Series {
        name: "Étrangers".into(),
        points: vec![
            Point::new("2022", 21430.4, Some((20100.0, 22760.0))),
            Point::new("2023", 22010.0, Some((20900.0, 23120.0))),
        ],
        highlight: true,
    }];
    let chart = time_series(
        &series,
        &TimeSeriesOptions {
            info: ChartInfo::new("t", "Revenu").with_labels(french()),
            format: NumberFormat::new(Unit::Currency),
            periods: vec!["2022".into(), "2023".into(), "2024".into()],
        },
    )
    .unwrap();
    let alt = chart.alt_text.clone();
    assert!(
        alt.starts_with("Revenu. 1 série, de 2022 à 2024, en euros."),
        "{alt}"
    );
    has(
        &alt,
        "2022 21\u{202f}430\u{a0}€ (IC à 95 % : 20\u{202f}100 à 22\u{202f}760)",
    );
    has(&alt, "2024 pas de données");
}

#[test]
fn a_precision_chart_uses_the_numerals_of_its_labels() {
    let mut labels = french();
    // Italian: no space before %, Polish-like grouping from five digits
    labels.numerals.percent_space = false;
    labels.numerals.min_grouping = 2;
    let groups: Vec<SampleCv> = [(1200, 8.4), (15000, 2.5), (90, 35.25)]
        .iter()
        .map(|&(n, cv)| SampleCv {
            label: format!("g{n}"),
            n,
            cv: Some(cv),
            highlight: false,
        })
        .collect();
    let chart = cv_against_n(
        &groups,
        &PrecisionOptions {
            info: ChartInfo::new("p", "Précision").with_labels(labels),
            thresholds: vec![Threshold {
                cv: 33.3,
                label: "trop peu fiable".into(),
            }],
        },
    )
    .unwrap();
    let alt = chart.alt_text.clone();
    assert!(
        alt.starts_with("Précision. CV selon n pour 3 groupes."),
        "{alt}"
    );
    has(&alt, "g1200: n = 1200, CV 8,4%");
    has(&alt, "g15000: n = 15\u{202f}000, CV 2,5%");
    has(
        &alt,
        "g90: n = 90, CV 35,2%, à 33,3% ou plus (trop peu fiable)",
    );
    assert!(no_decimal_point(&alt), "{alt}");
    assert!(texts(&chart.svg).iter().any(|t| t.starts_with("33,3%")));
}

#[test]
fn english_stays_the_default() {
    let l = Labels::default();
    assert_eq!(l.numerals.number(-12345.678, 1), "\u{2212}12\u{a0}345.7");
    assert_eq!(l.count.of(Counted::Groups, 1), "1 group");
    assert_eq!(
        l.count.of(Counted::NutsRegions(2), 9),
        "9 NUTS level 2 regions"
    );
    assert_ne!(l, french());
}
