//! Charts in another language: the words of the text alternative come from [`Labels`], numbers
//! are written with its [`Numerals`] (decimal comma, the language's grouping) in the SVG's text
//! and in the alt text, and counts follow the host's plural function.

use civis_catalog::Unit;
use civis_chart::{
    cv_against_n, gap, ranking, time_series, ChartInfo, CountWords, Counted, Gap, GapGroup,
    GapOptions, Labels, NumberFormat, Numerals, Point, PrecisionOptions, RankInterval,
    RankingOptions, RankingRow, Reference, SampleCv, Series, Status, Threshold, TimeSeriesOptions,
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
    let mut l = Labels {
        numerals: Numerals {
            decimal: ',',
            group: '\u{202f}',
            min_grouping: 1,
            percent_space: true,
        },
        no_data: "pas de données".into(),
        ..Labels::default()
    };
    l.key_low_reliability = "fiabilité faible (creux, en tirets)".into();
    l.significant = "significatif à 95 %".into();
    l.units.pp = "pt".into();
    l.units.percent = "pourcentage".into();
    l.units.euro = "euros".into();
    l.units.percentage_points = "points de pourcentage (pt)".into();
    l.alt.ci = "IC à 95 % : {lower} à {upper}".into();
    l.alt.low_reliability = "fiabilité faible (u)".into();
    l.alt.focus_area = "zone étudiée".into();
    l.alt.gap = "écart {gap} (IC à 95 % : {lower} à {upper}), {significance}".into();
    l.alt.ranking_intro_highest =
        "{title}. {areas}, de la plus haute à la plus basse valeur, en {unit}.".into();
    l.alt.reference_line = "Ligne de référence : {label} {value}.".into();
    l.alt.plausible_ranks = "rang {rank} (rangs plausibles {lower} à {upper})".into();
    l.alt.gap_intro = "{title}. {area} : {groups} comparés à {reference}, en {unit} ; écarts en {difference_unit}.".into();
    l.alt.series_intro = "{title}. {series}, de {first} à {last}, en {unit}.".into();
    l.alt.precision_intro = "{title}. CV selon n pour {groups}.".into();
    l.alt.sample_size = "n = {n}".into();
    l.alt.cv_at_or_above = "à {cv} ou plus ({label})".into();
    l.count = CountWords::new(count_fr);
    l
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
    let rows = vec![
        RankingRow {
            point: Point::new("Wien", 61.25, Some((57.0, 65.4)))
                .with_status(Status::LowReliability)
                .highlighted(),
            rank: Some(RankInterval {
                rank: 1,
                lower: 1,
                upper: 2,
            }),
        },
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
    assert!(
        alt.contains("Wien (zone étudiée): 61,2 % (IC à 95 % : 57,0 à 65,4), fiabilité faible (u), rang 1 (rangs plausibles 1 à 2)"),
        "{alt}"
    );
    assert!(
        alt.contains("Ligne de référence : Autriche 58,0 %."),
        "{alt}"
    );
    assert!(alt.contains("Linz: pas de données"), "{alt}");
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
    assert!(
        alt.contains(
            "écart \u{2212}16,3 pt (IC à 95 % : \u{2212}20,1 à \u{2212}12,5), significatif à 95 %"
        ),
        "{alt}"
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
    let alt = &chart.alt_text;
    assert!(
        alt.starts_with("Revenu. 1 série, de 2022 à 2024, en euros."),
        "{alt}"
    );
    assert!(
        alt.contains("2022 21\u{202f}430\u{a0}€ (IC à 95 % : 20\u{202f}100 à 22\u{202f}760)"),
        "{alt}"
    );
    assert!(alt.contains("2024 pas de données"), "{alt}");
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
    let alt = &chart.alt_text;
    assert!(
        alt.starts_with("Précision. CV selon n pour 3 groupes."),
        "{alt}"
    );
    assert!(alt.contains("g1200: n = 1200, CV 8,4%"), "{alt}");
    assert!(alt.contains("g15000: n = 15\u{202f}000, CV 2,5%"), "{alt}");
    assert!(
        alt.contains("g90: n = 90, CV 35,2%, à 33,3% ou plus (trop peu fiable)"),
        "{alt}"
    );
    assert!(no_decimal_point(alt), "{alt}");
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
