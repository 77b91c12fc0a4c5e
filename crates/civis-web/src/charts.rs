//! The portal's bridge to `civis-chart`: observations become chart points (status, interval,
//! model share), and each chart is placed in a `<figure>` with its text alternative — every
//! number and its uncertainty in words — in a `<details>` under it.

use std::collections::BTreeMap;

use civis_catalog::{Group, TargetGroup, Unit, UnitCode};
use civis_chart::{
    AltWords, Breaks, Chart, ChartInfo, ChoroplethOptions, CountWords, Counted, GapGroup,
    GapOptions, Labels, NumberFormat, Numerals, Point, PrecisionOptions, RankInterval,
    RankingOptions, RankingRow, Reference, SampleCv, Series, Status, Threshold, TimeSeriesOptions,
    UnitWords,
};
use maud::{html, Markup, PreEscaped};

use crate::data::{
    AreaInfo, AreaKind, IndicatorInfo, Obs, PortalData, Status as ObsStatus, DISTRICT_PREFIX,
};
use crate::i18n::format::rules;
use crate::i18n::{href, indicator_name, lang, place_name, t, t_args, Lang};
use crate::render;

/// A message whose variables (`{ $reference }`) stay the chart's placeholders (`{reference}`).
fn template(key: &str, names: &[&str]) -> String {
    let args: Vec<(&str, fluent_bundle::FluentValue<'_>)> = names
        .iter()
        .map(|n| (*n, format!("{{{n}}}").into()))
        .collect();
    t_args(key, &args)
}

/// The words drawn inside a chart and its text alternative, in the page's language (the
/// `chart-label-*`, `chart-alt-*`, `chart-unit-*` and `chart-count-*` messages), with the page's
/// numerals ([`numerals`]).
pub fn labels() -> Labels {
    Labels {
        no_data: t("chart-label-no-data"),
        suppressed: t("chart-label-suppressed"),
        key_low_reliability: t("chart-label-key-low-reliability"),
        key_model_based: t("chart-label-key-model-based"),
        key_suppressed: t("chart-label-key-suppressed"),
        map_suppressed: t("chart-label-map-suppressed"),
        map_low_reliability: t("chart-label-map-low-reliability"),
        level: t("chart-label-level"),
        gap_to: template("chart-label-gap-to", &["reference"]),
        reference: t("chart-label-reference"),
        gap_not_available: t("chart-label-gap-not-available"),
        significant: t("chart-label-significant"),
        not_significant: t("chart-label-not-significant"),
        value: t("chart-label-value"),
        rank_range: t("chart-label-rank-range"),
        rank: template("chart-label-rank", &["rank", "lower", "upper"]),
        sample_size_axis: t("chart-label-sample-size-axis"),
        cv_axis: t("chart-label-cv-axis"),
        numerals: numerals(),
        units: unit_words(),
        alt: alt_words(),
        count: {
            let l = lang();
            CountWords::new(move |what, n| crate::i18n::with_lang(l, || count(what, n)))
        },
    }
}

/// How the page's language writes numbers in charts, from the same CLDR rules as the pages
/// (`locales/cldr.toml`); English keeps the charts' own style (no-break space between thousands).
pub fn numerals() -> Numerals {
    let l = lang();
    if l == Lang::En {
        return Numerals::default();
    }
    let r = rules(l);
    let one = |s: &str, fallback: char| s.chars().next().unwrap_or(fallback);
    Numerals {
        decimal: one(&r.decimal, '.'),
        group: one(&r.group, '\u{a0}'),
        min_grouping: r.min_grouping,
        percent_space: r.percent_suffix.starts_with(char::is_whitespace),
    }
}

/// The unit words of the charts (`chart-unit-*`).
fn unit_words() -> UnitWords {
    UnitWords {
        pp: t("chart-unit-pp"),
        thousand: t("chart-unit-thousand"),
        percentage_points: t("chart-unit-percentage-points"),
        percent: t("chart-unit-percent"),
        percent_of_population: t("chart-unit-percent-of-population"),
        percent_of_active: t("chart-unit-percent-of-active"),
        euro: t("chart-unit-euro"),
        national_currency: t("chart-unit-national-currency"),
        purchasing_power_standard: t("chart-unit-purchasing-power-standard"),
        percent_of_reference: t("chart-unit-percent-of-reference"),
        thousand_persons: t("chart-unit-thousand-persons"),
    }
}

/// The sentences of the charts' text alternatives (`chart-alt-*`).
fn alt_words() -> AltWords {
    let bounds = ["lower", "upper"];
    let class = ["lower", "upper", "unit"];
    let label_cv = ["cv", "label"];
    AltWords {
        ci: template("chart-alt-ci", &bounds),
        low_reliability: t("chart-alt-low-reliability"),
        model_based: t("chart-alt-model-based"),
        model_share: template("chart-alt-model-share", &["share"]),
        official: t("chart-alt-official"),
        all_official: t("chart-alt-all-official"),
        focus_area: t("chart-alt-focus-area"),
        focus: t("chart-alt-focus"),
        gap_intro: template(
            "chart-alt-gap-intro",
            &[
                "title",
                "area",
                "groups",
                "reference",
                "unit",
                "difference_unit",
            ],
        ),
        reference_row: template("chart-alt-reference-row", &["label", "value"]),
        gap: template("chart-alt-gap", &["gap", "lower", "upper", "significance"]),
        ranking_intro_highest: template(
            "chart-alt-ranking-intro-highest",
            &["title", "areas", "unit"],
        ),
        ranking_intro_lowest: template(
            "chart-alt-ranking-intro-lowest",
            &["title", "areas", "unit"],
        ),
        reference_line: template("chart-alt-reference-line", &["label", "value"]),
        plausible_ranks: template("chart-alt-plausible-ranks", &["rank", "lower", "upper"]),
        series_intro: template(
            "chart-alt-series-intro",
            &["title", "series", "first", "last", "unit"],
        ),
        map_intro: template(
            "chart-alt-map-intro",
            &[
                "title",
                "areas",
                "unit",
                "with_value",
                "low",
                "suppressed",
                "without",
            ],
        ),
        class_under: template("chart-alt-class-under", &class),
        class_between: template("chart-alt-class-between", &class),
        class_over: template("chart-alt-class-over", &class),
        class_range: template("chart-alt-class-range", &class),
        class_all: t("chart-alt-class-all"),
        classes: template("chart-alt-classes", &["classes"]),
        boundaries: template("chart-alt-boundaries", &["attribution"]),
        precision_intro: template("chart-alt-precision-intro", &["title", "groups"]),
        thresholds: template("chart-alt-thresholds", &["thresholds"]),
        threshold: template("chart-alt-threshold", &label_cv),
        sample_size: template("chart-alt-sample-size", &["n"]),
        cv: template("chart-alt-cv", &["cv"]),
        cv_at_or_above: template("chart-alt-cv-at-or-above", &label_cv),
        cv_below_all: t("chart-alt-cv-below-all"),
        cv_not_available: t("chart-alt-cv-not-available"),
    }
}

/// A count with its noun in the page's language (`chart-count-*`, which choose the plural form).
fn count(what: Counted, n: usize) -> String {
    let (key, level) = match what {
        Counted::Groups => ("chart-count-groups", None),
        Counted::Areas => ("chart-count-areas", None),
        Counted::Series => ("chart-count-series", None),
        Counted::NutsRegions(level) => ("chart-count-nuts-regions", Some(level)),
        Counted::AustrianDistricts => ("chart-count-districts", None),
    };
    let mut args = vec![("count", fluent_bundle::FluentValue::from(n))];
    if let Some(level) = level {
        args.push(("level", level.to_string().into()));
    }
    t_args(key, &args)
}

/// A chart's name and title, drawn with the page's words ([`labels`]).
pub fn chart_info(id: String, title: &str) -> ChartInfo {
    ChartInfo::new(id, title).with_labels(labels())
}

/// A drawn chart (or why it could not be drawn) with its title.
pub type Drawn = (Result<Chart, civis_chart::ChartError>, String);

/// The chart library's number format for an indicator unit code; `None` for units the charts
/// cannot label (counts in thousands): those values are shown in tables only.
fn format(unit: &UnitCode) -> Option<NumberFormat> {
    Some(NumberFormat::new(match unit.unit()? {
        u if u.is_percent() => Unit::Percent,
        u @ (Unit::Currency | Unit::PercentOfReference) => u,
        _ => return None,
    }))
}

/// An area's name in the page's language, for a chart (see [`place_name`]).
fn area_label(d: &PortalData, code: &str) -> String {
    d.area(code)
        .map_or_else(|| code.to_string(), |a| place_name(a).into_owned())
}

/// An observation as a chart point labelled `label`.
pub fn point(o: &Obs, label: impl Into<String>) -> Point {
    let label = label.into();
    let mut p = match (o.status, o.stored.estimate) {
        (ObsStatus::Suppressed, _) => return Point::suppressed(label),
        (_, None) => return Point::missing(label),
        (_, Some(v)) => Point::new(label, v, o.ci()),
    };
    p = match o.status {
        ObsStatus::LowReliability => p.with_status(Status::LowReliability),
        ObsStatus::ModelBased {
            model_share: Some(m),
        } => p.with_status(Status::ModelBased {
            model_share: Some(m),
        }),
        ObsStatus::Official if o.ci().is_none() => p.with_status(Status::Official),
        _ => p,
    };
    p
}

/// A chart in a figure with its caption and text alternative; a chart that cannot be drawn
/// leaves only its data table (which every page has) and a note.
pub(crate) fn figure(chart: Result<Chart, civis_chart::ChartError>, caption: &str) -> Markup {
    match chart {
        // focusable: on a narrow screen the figure scrolls sideways, also from the keyboard
        Ok(c) => html! {
            figure tabindex="0" {
                (PreEscaped(c.svg))
                figcaption {
                    (caption)
                    details { summary { (t("chart-in-words")) } pre.alt { (c.alt_text) } }
                }
            }
        },
        Err(e) => {
            html! { p.empty { (t_args("chart-not-drawn", &[("error", e.to_string().into())])) } }
        }
    }
}

/// A safe chart id from free text.
pub(crate) fn id(prefix: &str, parts: &[&str]) -> String {
    let mut s = String::from(prefix);
    for p in parts {
        s.push('-');
        s.extend(
            p.chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }),
        );
    }
    s
}

/// The map code of an area in its layer (`AT13`, or the BEV number of a district).
fn feature_code(geo: &str) -> &str {
    geo.strip_prefix(DISTRICT_PREFIX).unwrap_or(geo)
}

/// The choropleth of an indicator for one level, group and period, linking each area to its
/// profile; empty when the level has no map layer.
pub fn choropleth(
    d: &PortalData,
    indicator: &str,
    kind: AreaKind,
    group: &str,
    time: &str,
    highlight: Option<&str>,
) -> Markup {
    let Some(info) = d.indicator(indicator) else {
        return html! {};
    };
    let Some(format) = format(&info.unit) else {
        return html! {};
    };
    let slice = d.slice(indicator, kind, group, time);
    // Regions are drawn on their country's map (the country of the focus area, else of the
    // first area with a value).
    let zoomed;
    let layer = match kind {
        AreaKind::Region => {
            let country = highlight
                .and_then(|h| d.area(h))
                .or_else(|| slice.first().and_then(|o| d.area(&o.stored.geo)))
                .map(|a| a.country.clone())
                .unwrap_or_default();
            zoomed = d.maps.regions_of(&country);
            zoomed.as_deref()
        }
        _ => d.maps.layer(kind),
    };
    let Some(layer) = layer else {
        return html! {};
    };
    let mut values = BTreeMap::new();
    for o in slice {
        let code = feature_code(&o.stored.geo);
        if layer.feature(code).is_none() {
            continue;
        }
        let mut p = point(o, area_label(d, &o.stored.geo));
        if highlight == Some(o.stored.geo.as_str()) {
            p = p.highlighted();
        }
        values.insert(code.to_string(), p);
    }
    if values.is_empty() {
        return html! {};
    }
    let title = t_args(
        "chart-map-title",
        &[
            (
                "indicator",
                indicator_name(&info.id, &info.name).as_ref().into(),
            ),
            (
                "group",
                render::group_inline(&Group::parse(group), "citizenship").into(),
            ),
            ("time", time.into()),
            ("level", t(&format!("area-kind-{}", kind.code())).into()),
        ],
    );
    let href = match kind {
        AreaKind::District => href(&format!("/areas/{DISTRICT_PREFIX}{{id}}")),
        _ => href("/areas/{id}"),
    };
    let chart = civis_chart::choropleth(
        layer,
        &values,
        &ChoroplethOptions {
            info: chart_info(id("map", &[indicator, kind.code(), group, time]), &title),
            format,
            breaks: Breaks::Quantile(5),
            href: Some(href),
        },
    );
    figure(chart, &title)
}

/// One indicator, group and period across areas: what the ranking chart shows.
pub struct Ranking<'a> {
    pub indicator: &'a IndicatorInfo,
    pub group: &'a Group,
    pub criterion: &'a str,
    pub time: &'a str,
    /// The reference value drawn as a line (the country or the EU).
    pub reference: Option<&'a Obs>,
}

/// One area in the ranking: its value, name, rank (1 = best) and 95 % rank interval.
pub struct Ranked<'a> {
    pub obs: &'a Obs,
    pub name: &'a str,
    pub rank: Option<usize>,
    pub rank_interval: Option<(usize, usize)>,
}

/// The ranking chart: dots, 95 % whiskers, rank intervals, reference line, with its title
/// (`None` when the unit is not charted).
pub fn ranking_chart<'a>(
    d: &PortalData,
    r: &Ranking<'_>,
    rows: impl Iterator<Item = Ranked<'a>>,
) -> Option<Drawn> {
    let format = format(&r.indicator.unit)?;
    let rows: Vec<RankingRow> = rows
        .map(|row| RankingRow {
            point: point(row.obs, row.name),
            rank: row
                .rank
                .zip(row.rank_interval)
                .map(|(rank, (lo, hi))| RankInterval {
                    rank: rank as u32,
                    lower: lo as u32,
                    upper: hi as u32,
                }),
        })
        .collect();
    let title = t_args(
        "chart-ranking-title",
        &[
            (
                "indicator",
                indicator_name(&r.indicator.id, &r.indicator.name)
                    .as_ref()
                    .into(),
            ),
            ("group", render::group_inline(r.group, r.criterion).into()),
            ("time", r.time.into()),
        ],
    );
    let chart = civis_chart::ranking(
        &rows,
        &RankingOptions {
            info: chart_info(
                id("rank", &[&r.indicator.id, &r.group.code(), r.time]),
                &title,
            ),
            format,
            reference: r.reference.and_then(|o| {
                o.stored.estimate.map(|value| Reference {
                    label: area_label(d, &o.stored.geo),
                    value,
                })
            }),
            descending: r.indicator.higher_is_better,
        },
    );
    Some((chart, title))
}

/// One group's value in an area, as the gap chart shows it.
pub struct GroupValue<'a> {
    pub group: &'a Group,
    pub label: &'a str,
    pub value: &'a Obs,
}

/// A gap against nationals (code `A-NAT`) with its 95 % interval.
pub struct GapValue<'a> {
    pub code: &'a Group,
    pub estimate: Option<f64>,
    pub ci: Option<(f64, f64)>,
}

/// Groups against nationals in one area in `time`, with the gaps and their significance, with
/// its title (`None` when there is nothing to draw).
pub fn gap_chart(
    d: &PortalData,
    indicator: &IndicatorInfo,
    time: &str,
    rows: &[GroupValue<'_>],
    gaps: &[GapValue<'_>],
) -> Option<Drawn> {
    let format = format(&indicator.unit)?;
    // Without an interval for any gap (published figures) the list under the chart says it all.
    if gaps.iter().all(|g| g.ci.is_none()) {
        return None;
    }
    let nat = rows.iter().find(|r| *r.group == TargetGroup::reference())?;
    let area = area_label(d, &nat.value.stored.geo);
    let groups: Vec<GapGroup> = rows
        .iter()
        .filter(|r| *r.group != TargetGroup::Nat && *r.group != TargetGroup::Total)
        .map(|r| {
            let code = Group::parse(&format!("{}-{}", r.group, TargetGroup::reference()));
            let gap = gaps.iter().find(|g| *g.code == code).and_then(|g| {
                g.ci.zip(g.estimate)
                    .map(|(ci, estimate)| civis_chart::Gap { estimate, ci })
            });
            GapGroup {
                group: point(r.value, r.label),
                gap,
            }
        })
        .collect();
    if groups.is_empty() {
        return None;
    }
    let title = t_args(
        "chart-gap-title",
        &[
            (
                "indicator",
                indicator_name(&indicator.id, &indicator.name)
                    .as_ref()
                    .into(),
            ),
            ("area", area.as_str().into()),
            ("time", time.into()),
        ],
    );
    let chart = civis_chart::gap(
        &point(nat.value, nat.label),
        &groups,
        &GapOptions {
            info: chart_info(id("gap", &[&indicator.id, &nat.value.stored.geo]), &title),
            format,
            area,
        },
    );
    Some((chart, title))
}

/// The time series of one indicator in area `geo`, a line per group (`series`: the group code
/// and its values by period) with its 95 % band, with its title.
pub fn time_series_chart(
    d: &PortalData,
    indicator: &IndicatorInfo,
    geo: &str,
    series: &[(Group, Vec<&Obs>)],
) -> Option<Drawn> {
    let format = format(&indicator.unit)?;
    let mut periods: Vec<String> = series
        .iter()
        .flat_map(|(_, s)| s.iter().map(|o| o.stored.time.clone()))
        .collect();
    periods.sort();
    periods.dedup();
    let series: Vec<Series> = series
        .iter()
        .map(|(g, obs)| Series {
            name: render::group_label(
                g,
                obs.first()
                    .map(|o| o.stored.criterion.as_str())
                    .unwrap_or(""),
            ),
            points: obs
                .iter()
                .map(|o| point(o, o.stored.time.clone()))
                .collect(),
            highlight: *g == TargetGroup::For,
        })
        .collect();
    let title = t_args(
        "chart-series-title",
        &[
            (
                "indicator",
                indicator_name(&indicator.id, &indicator.name)
                    .as_ref()
                    .into(),
            ),
            ("area", area_label(d, geo).into()),
        ],
    );
    let chart = civis_chart::time_series(
        &series,
        &TimeSeriesOptions {
            info: chart_info(id("ts", &[&indicator.id, geo]), &title),
            format,
            periods,
        },
    );
    Some((chart, title))
}

/// A direct estimate's sample size and coefficient of variation as a point of the precision
/// chart, labelled "indicator · group"; `None` without a sample size. The groups of foreign
/// citizens are highlighted.
pub fn sample_cv(
    indicator: &str,
    group: &Group,
    n: Option<i64>,
    cv: Option<f64>,
) -> Option<SampleCv> {
    Some(SampleCv {
        label: format!("{} · {}", indicator.replace('_', " "), group),
        n: u64::try_from(n?).ok()?,
        cv,
        highlight: *group == TargetGroup::For || *group == TargetGroup::Neu27For,
    })
}

/// Coefficient of variation against sample size for the direct estimates of `area`, with the
/// usual reliability lines (`groups`: [`sample_cv`] of each direct estimate).
pub fn precision(area: &AreaInfo, groups: impl Iterator<Item = SampleCv>) -> Markup {
    let groups: Vec<SampleCv> = groups.collect();
    // A cloud of fewer than three points says nothing the table does not.
    if groups.iter().filter(|g| g.cv.is_some()).count() < 3 {
        return html! {};
    }
    let title = t_args(
        "chart-precision-title",
        &[("area", place_name(area).as_ref().into())],
    );
    let chart = civis_chart::cv_against_n(
        &groups,
        &PrecisionOptions {
            info: chart_info(id("cv", &[&area.code]), &title),
            // the chart writes "16.5 % <label>" next to the line and cuts labels longer
            // than 16 characters: short words, the CV is already there
            thresholds: vec![
                Threshold {
                    cv: 16.5,
                    label: t("chart-threshold-caution"),
                },
                Threshold {
                    cv: 33.3,
                    label: t("chart-threshold-unreliable"),
                },
            ],
        },
    );
    figure(chart, &title)
}
