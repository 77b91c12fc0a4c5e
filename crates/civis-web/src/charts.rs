//! The portal's bridge to `civis-chart`: observations become chart points (status, interval,
//! model share), and each chart is placed in a `<figure>` with its text alternative — every
//! number and its uncertainty in words — in a `<details>` under it.

use std::collections::BTreeMap;

use civis_catalog::{Group, Method, TargetGroup, Unit, UnitCode};
use civis_chart::{
    Breaks, Chart, ChartInfo, ChoroplethOptions, GapGroup, GapOptions, NumberFormat, Point,
    PrecisionOptions, RankInterval, RankingOptions, RankingRow, Reference, SampleCv, Series,
    Status, Threshold, TimeSeriesOptions,
};
use maud::{html, Markup, PreEscaped};

use crate::data::{AreaKind, Obs, PortalData, Status as ObsStatus, DISTRICT_PREFIX};
use crate::pages::area::{AreaView, IndicatorBlock};
use crate::pages::indicator::IndicatorView;
use crate::render;

/// The chart library's number format for an indicator unit; `None` for units the charts
/// do not label (counts in thousands, national currencies, PPS): those values are shown in
/// tables only.
fn format(unit: &UnitCode) -> Option<NumberFormat> {
    Some(NumberFormat::new(match unit.unit()? {
        u if u.is_percent() => Unit::Percent,
        u @ (Unit::Currency | Unit::PercentOfReference) => u,
        _ => return None,
    }))
}

/// An observation as a chart point labelled `label`.
pub fn point(o: &Obs, label: impl Into<String>) -> Point {
    let label = label.into();
    let mut p = match (o.status, o.estimate) {
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
                    details { summary { "The chart in words" } pre.alt { (c.alt_text) } }
                }
            }
        },
        Err(e) => {
            html! { p.empty { "Chart not drawn (" (e.to_string()) "); the table has the numbers." } }
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
                .or_else(|| slice.first().and_then(|o| d.area(&o.geo)))
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
        let code = feature_code(&o.geo);
        if layer.feature(code).is_none() {
            continue;
        }
        let mut p = point(o, d.area_name(&o.geo));
        if highlight == Some(o.geo.as_str()) {
            p = p.highlighted();
        }
        values.insert(code.to_string(), p);
    }
    if values.is_empty() {
        return html! {};
    }
    let title = format!(
        "{}, {}, {}: map by {}",
        info.name,
        render::group_label(&Group::parse(group), "citizenship").to_lowercase(),
        time,
        kind.label()
    );
    let href = match kind {
        AreaKind::District => format!("/areas/{DISTRICT_PREFIX}{{id}}"),
        _ => "/areas/{id}".to_string(),
    };
    let chart = civis_chart::choropleth(
        layer,
        &values,
        &ChoroplethOptions {
            info: ChartInfo::new(id("map", &[indicator, kind.code(), group, time]), &title),
            format,
            breaks: Breaks::Quantile(5),
            href: Some(href),
        },
    );
    figure(chart, &title)
}

/// The ranking chart of an indicator view: dots, 95 % whiskers, rank intervals, reference line.
pub fn ranking(d: &PortalData, v: &IndicatorView<'_>) -> Markup {
    let Some(format) = format(&v.indicator.unit) else {
        return html! {};
    };
    let rows: Vec<RankingRow> = v
        .rows
        .iter()
        .map(|r| RankingRow {
            point: point(r.obs, r.name),
            rank: r
                .rank
                .zip(r.rank_interval)
                .map(|(rank, (lo, hi))| RankInterval {
                    rank: rank as u32,
                    lower: lo as u32,
                    upper: hi as u32,
                }),
        })
        .collect();
    let title = format!(
        "{}, {}, {}: ranking with 95 % intervals",
        v.indicator.name,
        render::group_label(&Group::parse(&v.group), &v.criterion).to_lowercase(),
        v.time
    );
    let chart = civis_chart::ranking(
        &rows,
        &RankingOptions {
            info: ChartInfo::new(id("rank", &[&v.indicator.id, &v.group, &v.time]), &title),
            format,
            reference: v.reference.and_then(|r| {
                r.estimate.map(|value| Reference {
                    label: d.area_name(&r.geo).to_string(),
                    value,
                })
            }),
            descending: v.indicator.higher_is_better,
        },
    );
    figure(chart, &title)
}

/// Groups against nationals in one area, with the gaps and their significance.
pub fn gap(d: &PortalData, b: &IndicatorBlock<'_>) -> Markup {
    let Some(format) = format(&b.indicator.unit) else {
        return html! {};
    };
    // Without an interval for any gap (published figures) the list under the chart says it all.
    if b.gaps.iter().all(|g| g.ci.is_none()) {
        return html! {};
    }
    let Some(nat) = b.rows.iter().find(|r| *r.group == TargetGroup::Nat) else {
        return html! {};
    };
    let area = d.area_name(&nat.value.geo).to_string();
    let groups: Vec<GapGroup> = b
        .rows
        .iter()
        .filter(|r| *r.group != TargetGroup::Nat && *r.group != TargetGroup::Total)
        .map(|r| {
            let code = Group::parse(&format!("{}-{}", r.group, TargetGroup::reference()));
            let gap = b.gaps.iter().find(|g| g.group == code).and_then(|g| {
                g.ci.zip(g.estimate)
                    .map(|(ci, estimate)| civis_chart::Gap { estimate, ci })
            });
            GapGroup {
                group: point(r.value, &r.label),
                gap,
            }
        })
        .collect();
    if groups.is_empty() {
        return html! {};
    }
    let title = format!(
        "{} in {}: migrant groups against nationals, {}",
        b.indicator.name, area, b.time
    );
    let chart = civis_chart::gap(
        &point(nat.value, &nat.label),
        &groups,
        &GapOptions {
            info: ChartInfo::new(id("gap", &[&b.indicator.id, &nat.value.geo]), &title),
            format,
            area,
        },
    );
    figure(chart, &title)
}

/// The time series of one indicator in one area, a line per group with its 95 % band.
pub fn time_series(d: &PortalData, b: &IndicatorBlock<'_>) -> Markup {
    let Some(format) = format(&b.indicator.unit) else {
        return html! {};
    };
    let mut periods: Vec<String> = b
        .series
        .iter()
        .flat_map(|(_, s)| s.iter().map(|o| o.time.clone()))
        .collect();
    periods.sort();
    periods.dedup();
    let series: Vec<Series> = b
        .series
        .iter()
        .map(|(g, obs)| Series {
            name: render::group_label(g, obs.first().map(|o| o.criterion.as_str()).unwrap_or("")),
            points: obs.iter().map(|o| point(o, o.time.clone())).collect(),
            highlight: *g == TargetGroup::For,
        })
        .collect();
    let geo = b.rows.first().map(|r| r.value.geo.as_str()).unwrap_or("");
    let title = format!("{} in {} over time", b.indicator.name, d.area_name(geo));
    let chart = civis_chart::time_series(
        &series,
        &TimeSeriesOptions {
            info: ChartInfo::new(id("ts", &[&b.indicator.id, geo]), &title),
            format,
            periods,
        },
    );
    figure(chart, &title)
}

/// Coefficient of variation against sample size for the area's direct estimates, with the
/// usual reliability lines.
pub fn precision(v: &AreaView<'_>) -> Markup {
    let groups: Vec<SampleCv> = v
        .precision
        .iter()
        .filter(|r| r.method == Method::Direct)
        .filter_map(|r| {
            Some(SampleCv {
                label: format!("{} · {}", r.indicator.replace('_', " "), r.group),
                n: u64::try_from(r.n?).ok()?,
                cv: r.cv,
                highlight: *r.group == TargetGroup::For || *r.group == TargetGroup::Neu27For,
            })
        })
        .collect();
    // A cloud of fewer than three points says nothing the table does not.
    if groups.iter().filter(|g| g.cv.is_some()).count() < 3 {
        return html! {};
    }
    let title = format!(
        "Precision of the direct estimates for {}: CV against sample size",
        v.area.name
    );
    let chart = civis_chart::cv_against_n(
        &groups,
        &PrecisionOptions {
            info: ChartInfo::new(id("cv", &[&v.area.code]), &title),
            // the chart writes "16.5 % <label>" next to the line and cuts labels longer
            // than 16 characters: short words, the CV is already there
            thresholds: vec![
                Threshold {
                    cv: 16.5,
                    label: "use with caution".into(),
                },
                Threshold {
                    cv: 33.3,
                    label: "too unreliable".into(),
                },
            ],
        },
    );
    figure(chart, &title)
}
