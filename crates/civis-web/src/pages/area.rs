//! The area profile: every indicator for the area against its country and the EU, the gaps
//! between migrant groups and nationals with their significance, time series where there are
//! several years, and the precision report (n, SE, CV, reliability) of each value.

use std::collections::{BTreeSet, HashMap};

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use maud::{html, Markup};
use serde::Serialize;

use crate::data::{group_order, method_rank, AreaInfo, IndicatorInfo, Obs, PortalData, Status};
use crate::layout::{page, Page};
use crate::pages::indicator::{sources, verdict_class};
use crate::pages::not_found_page;
use crate::render;
use crate::respond::{respond, value_cells, Format, Table, VALUE_COLUMNS};
use crate::AppState;

pub async fn area(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let (code, format) = Format::split(&file);
    let d = &state.data;
    let Some(area) = d.area(code) else {
        return not_found_page();
    };
    let view = AreaView::build(d, area);
    respond(
        &headers,
        format,
        d.version,
        || html_page(d, &view),
        || &view,
        || view.table(),
    )
}

/// One group's value for an indicator in the area, with the comparators' values.
#[derive(Debug, Serialize)]
pub struct GroupRow<'a> {
    pub group: &'a str,
    pub label: String,
    pub value: &'a Obs,
    /// The direct estimate when `value` is model-based (to show how much the model changed).
    pub direct: Option<&'a Obs>,
    /// Values of the comparators (same order as [`AreaView::comparators`]).
    pub comparators: Vec<Option<&'a Obs>>,
}

/// A migrant − national gap.
#[derive(Debug, Serialize)]
pub struct Gap {
    pub group: String,
    pub label: String,
    pub estimate: f64,
    pub ci: Option<(f64, f64)>,
    /// `significant` / `not significant` / `unknown` (no standard error).
    pub verdict: &'static str,
    pub low_reliability: bool,
}

/// One indicator in the profile.
#[derive(Debug, Serialize)]
pub struct IndicatorBlock<'a> {
    pub indicator: &'a IndicatorInfo,
    pub time: String,
    pub rows: Vec<GroupRow<'a>>,
    pub gaps: Vec<Gap>,
    /// Every period's value per group, when there are several periods.
    pub series: Vec<(String, Vec<&'a Obs>)>,
}

/// The precision of one direct or model-based value (issue: precision report on area pages).
#[derive(Debug, Serialize)]
pub struct PrecisionRow<'a> {
    pub indicator: &'a str,
    pub group: &'a str,
    pub method: &'static str,
    pub n: Option<i64>,
    pub estimate: Option<f64>,
    pub se: Option<f64>,
    pub cv: Option<f64>,
    pub outcome: &'static str,
}

/// Share of cells publishable, with and without model-based estimates.
#[derive(Debug, Serialize)]
pub struct PrecisionSummary {
    pub cells: usize,
    pub publishable_direct: usize,
    pub publishable_with_sae: usize,
}

#[derive(Debug, Serialize)]
pub struct AreaView<'a> {
    pub area: &'a AreaInfo,
    pub comparators: Vec<&'a AreaInfo>,
    pub indicators: Vec<IndicatorBlock<'a>>,
    pub precision: Vec<PrecisionRow<'a>>,
    pub precision_summary: PrecisionSummary,
    pub synthetic: bool,
    /// For a city: its region's migrant outcomes, its country, its peers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<super::city::CityContext<'a>>,
}

impl<'a> AreaView<'a> {
    pub fn build(d: &'a PortalData, area: &'a AreaInfo) -> AreaView<'a> {
        let comparators = d.comparators(&area.code);
        let mine: Vec<&Obs> = d.of_area(&area.code).filter(|o| d.is_headline(o)).collect();
        // `mine` is sorted by indicator (see `PortalData::of_area_indicator`): one run each.
        let mut by_indicator: HashMap<&str, &[&Obs]> = HashMap::new();
        for run in mine.chunk_by(|a, b| a.indicator == b.indicator) {
            by_indicator.insert(&run[0].indicator, run);
        }
        let mut indicators = Vec::new();
        for info in &d.indicators {
            if let Some(obs) = by_indicator.get(info.id.as_str()) {
                indicators.push(block(d, info, obs, &comparators));
            }
        }
        let precision = precision_rows(&mine);
        let precision_summary = summarise(&precision);
        let synthetic = mine.iter().any(|o| o.synthetic);
        AreaView {
            area,
            comparators,
            indicators,
            precision,
            precision_summary,
            synthetic,
            city: super::city::CityContext::build(d, area),
        }
    }

    fn table(&self) -> Table {
        let mut t = Table::new(
            ["geo", "indicator", "group", "time"]
                .into_iter()
                .chain(VALUE_COLUMNS),
        );
        for b in &self.indicators {
            for r in &b.rows {
                let o = r.value;
                let mut row = vec![
                    o.geo.clone(),
                    o.indicator.clone(),
                    o.group.clone(),
                    o.time.clone(),
                ];
                row.extend(value_cells(o));
                t.push(row);
            }
        }
        t
    }
}

/// Picks one value per group and period: official, then model-based, then direct.
fn preferred<'a>(obs: &[&'a Obs], group: &str, time: &str) -> Option<&'a Obs> {
    obs.iter()
        .copied()
        .filter(|o| o.group == group && o.time == time)
        .min_by_key(|o| method_rank(o.method))
}

fn block<'a>(
    d: &'a PortalData,
    info: &'a IndicatorInfo,
    obs: &[&'a Obs],
    comparators: &[&'a AreaInfo],
) -> IndicatorBlock<'a> {
    // The latest period with a value (or the latest at all).
    let time = obs
        .iter()
        .filter(|o| o.estimate.is_some())
        .map(|o| o.time.as_str())
        .max()
        .or_else(|| obs.iter().map(|o| o.time.as_str()).max())
        .unwrap_or("")
        .to_string();
    let mut groups: Vec<(&str, &str)> = obs
        .iter()
        .map(|o| (o.criterion.as_str(), o.group.as_str()))
        .collect();
    groups.sort_by_key(|(c, g)| (*c, group_order(g), *g));
    groups.dedup();
    let mut rows = Vec::new();
    let mut gaps = Vec::new();
    for &(criterion, g) in &groups {
        let Some(value) = preferred(obs, g, &time) else {
            continue;
        };
        if render::is_gap(g) {
            gaps.push(stored_gap(value, criterion));
            continue;
        }
        let direct = if value.method == "model-based" {
            obs.iter()
                .copied()
                .find(|o| o.group == g && o.time == time && o.method == "direct")
        } else {
            None
        };
        let comps = comparators
            .iter()
            .map(|c| {
                let cands: Vec<&Obs> = d
                    .of_area_indicator(&c.code, &info.id)
                    .filter(|o| {
                        o.group == g && o.time == time && o.age == value.age && d.is_headline(o)
                    })
                    .collect();
                cands
                    .iter()
                    .find(|o| o.dataset == value.dataset)
                    .or_else(|| cands.iter().min_by_key(|o| method_rank(o.method)))
                    .copied()
            })
            .collect();
        rows.push(GroupRow {
            group: g,
            label: render::group_label(g, criterion),
            value,
            direct,
            comparators: comps,
        });
    }
    // Gaps the source did not publish: difference of the published values (no standard error).
    // (A ratio to the reference group, `PC_REF`, is a gap already.)
    for r in rows.iter().filter(|_| info.unit != "PC_REF") {
        if r.group == "NAT" || r.group == "TOTAL" {
            continue;
        }
        let code = format!("{}-NAT", r.group);
        if gaps.iter().any(|g| g.group == code) {
            continue;
        }
        let nat = rows.iter().find(|x| x.group == "NAT");
        if let (Some(a), Some(b)) = (r.value.estimate, nat.and_then(|n| n.value.estimate)) {
            gaps.push(Gap {
                label: render::group_label(&code, &r.value.criterion),
                group: code,
                estimate: a - b,
                ci: None,
                verdict: "unknown",
                low_reliability: matches!(r.value.status, Status::LowReliability)
                    || nat.is_some_and(|n| matches!(n.value.status, Status::LowReliability)),
            });
        }
    }
    let mut series = Vec::new();
    let times: BTreeSet<&str> = obs.iter().map(|o| o.time.as_str()).collect();
    if times.len() > 1 {
        for r in &rows {
            let s: Vec<&Obs> = times
                .iter()
                .filter_map(|t| preferred(obs, r.group, t))
                .collect();
            series.push((r.group.to_string(), s));
        }
    }
    IndicatorBlock {
        indicator: info,
        time,
        rows,
        gaps,
        series,
    }
}

/// A gap estimated with its standard error (Civis direct estimates carry them).
fn stored_gap(o: &Obs, criterion: &str) -> Gap {
    let ci = o.ci();
    let verdict = match (o.estimate, ci) {
        (Some(_), Some((l, h))) if l > 0.0 || h < 0.0 => "significant",
        (Some(_), Some(_)) => "not significant",
        _ => "unknown",
    };
    Gap {
        group: o.group.clone(),
        label: render::group_label(&o.group, criterion),
        estimate: o.estimate.unwrap_or(f64::NAN),
        ci,
        verdict,
        low_reliability: matches!(o.status, Status::LowReliability),
    }
}

fn precision_rows<'a>(obs: &[&'a Obs]) -> Vec<PrecisionRow<'a>> {
    let mut rows: Vec<PrecisionRow> = obs
        .iter()
        .filter(|o| o.method != "official" && !render::is_gap(&o.group))
        .map(|o| PrecisionRow {
            indicator: &o.indicator,
            group: &o.group,
            method: o.method,
            n: o.n,
            estimate: o.estimate,
            se: o.se,
            cv: o.cv(),
            outcome: match o.status {
                Status::Suppressed => "suppressed",
                Status::Missing => "not available",
                Status::LowReliability => "publish with flag u",
                _ => "publish",
            },
        })
        .collect();
    rows.sort_by_key(|r| (r.indicator, group_order(r.group), r.method));
    rows
}

fn summarise(rows: &[PrecisionRow<'_>]) -> PrecisionSummary {
    let cells: BTreeSet<(&str, &str)> = rows.iter().map(|r| (r.indicator, r.group)).collect();
    let ok = |r: &PrecisionRow| r.outcome == "publish";
    let direct: BTreeSet<(&str, &str)> = rows
        .iter()
        .filter(|r| r.method == "direct" && ok(r))
        .map(|r| (r.indicator, r.group))
        .collect();
    let with_sae: BTreeSet<(&str, &str)> = rows
        .iter()
        .filter(|r| ok(r))
        .map(|r| (r.indicator, r.group))
        .collect();
    PrecisionSummary {
        cells: cells.len(),
        publishable_direct: direct.len(),
        publishable_with_sae: with_sae.len(),
    }
}

fn html_page(d: &PortalData, v: &AreaView<'_>) -> Markup {
    let a = v.area;
    let path = format!("/areas/{}", a.code);
    page(
        &Page {
            title: &a.name,
            path: &path,
            query: "",
            twins: true,
            synthetic: v.synthetic,
        },
        html! {
            p { a href="/areas" { "Areas" } @for c in v.comparators.iter().rev() { " › " a href={ "/areas/" (c.code) } { (c.name) } } }
            h1 { (a.name) " " small { code { (a.code) } } }
            p.lead {
                (capitalise(a.kind.label())) ". "
                @if v.comparators.is_empty() { "Compared with nothing above it." }
                @else { "Compared with " (v.comparators.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(" and ")) ". " }
                a href={ "/peers/" (a.code) } { "Similar areas" } " · "
                a href={ "/compare?geo=" (a.code) @for c in &v.comparators { "&geo=" (c.code) } } { "Compare with other areas" }
            }
            @if let Some(layer_kind) = d.maps.layer(a.kind).map(|_| a.kind) {
                @if let Some(first) = v.indicators.iter().find(|b| b.rows.iter().any(|r| r.group == "FOR" || r.group == "TOTAL")) {
                    @let g = if first.rows.iter().any(|r| r.group == "FOR") { "FOR" } else { "TOTAL" };
                    (crate::charts::choropleth(d, &first.indicator.id, layer_kind, g, &first.time, Some(&a.code)))
                }
            }
            @if let Some(c) = &v.city { (super::city::section(d, a, c)) }
            @if v.indicators.is_empty() { (crate::layout::empty("No indicator values for this area.")) }
            @for b in &v.indicators {
                section.indicator aria-labelledby={ "ind-" (b.indicator.id) } {
                    h2 id={ "ind-" (b.indicator.id) } { a href={ "/indicators/" (b.indicator.id) } { (b.indicator.name) } ", " (b.time)
                        @if let Some(a) = b.rows.first().and_then(|r| d.age_note(r.value)) { ", ages " (crate::pages::indicator::age_label(a)) } }
                    // a table without rows would be headers over nothing (the ratio indicators
                    // have only their gaps)
                    @if !b.rows.is_empty() {
                        table {
                            caption { (b.indicator.name) " in " (a.name) ", " (b.time) ", by group, with 95 % confidence intervals" }
                            thead { tr {
                                th scope="col" { "Group" } th.num scope="col" { (a.name) } th.num scope="col" { "95 % CI" } th.num scope="col" { "n" }
                                @for c in &v.comparators { th.num scope="col" { (c.name) } }
                            } }
                            tbody {
                                @for r in &b.rows {
                                    tr {
                                        th scope="row" { (r.label) }
                                        td.num { (render::obs_value(r.value)) " " (render::badge(r.value))
                                            @if let Some(dir) = r.direct { br; small { "direct: " (render::obs_value(dir)) " ± " (dir.se.map(|s| render::value(1.96 * s, &dir.unit)).unwrap_or_default()) } } }
                                        td.num { (render::interval(r.value)) }
                                        td.num { (r.value.n.map(|n| n.to_string()).unwrap_or_default()) }
                                        @for c in &r.comparators {
                                            td.num { @if let Some(o) = c { (render::obs_value(o)) " " (render::badge(o)) } @else { "—" } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    @if !b.gaps.is_empty() {
                        (crate::charts::gap(d, b))
                        ul.gaps {
                            @for g in &b.gaps {
                                li {
                                    (g.label) ": " strong { (render::difference(g.estimate, &b.indicator.unit)) }
                                    @if let Some((l, h)) = g.ci { " (95 % CI " (render::difference(l, &b.indicator.unit)) " to " (render::difference(h, &b.indicator.unit)) ")" }
                                    " — " span class={ "verdict " (verdict_class(if g.verdict == "significant" { "higher" } else { "none" })) } {
                                        @match g.verdict { "significant" => "the difference is statistically significant (95 %)", "not significant" => "not statistically significant", _ => "no standard error published: significance unknown" }
                                    }
                                    @if g.low_reliability { " " span.badge.low { "u" } }
                                }
                            }
                        }
                    }
                    @if !b.series.is_empty() {
                        (crate::charts::time_series(d, b))
                    }
                }
            }
            @if !v.precision.is_empty() {
                section aria-labelledby="precision" {
                    h2 #precision { "How precise are these numbers?" }
                    p {
                        (v.precision_summary.publishable_direct) " of " (v.precision_summary.cells)
                        " indicator × group cells can be published from the survey alone"
                        @if v.precision_summary.publishable_with_sae > v.precision_summary.publishable_direct {
                            "; " (v.precision_summary.publishable_with_sae) " with small area estimation"
                        }
                        ". The coefficient of variation (CV) is the standard error as a share of the estimate."
                    }
                    (crate::charts::precision(v))
                    details {
                        summary { "Precision table" }
                        table {
                            caption { "Precision of the estimates for " (a.name) }
                            thead { tr { th scope="col" { "Indicator" } th scope="col" { "Group" } th scope="col" { "Method" } th.num scope="col" { "n" } th.num scope="col" { "Estimate" } th.num scope="col" { "SE" } th.num scope="col" { "CV" } th scope="col" { "Outcome" } } }
                            tbody {
                                @for r in &v.precision {
                                    tr {
                                        td { (d.indicator(r.indicator).map(|i| i.name.as_str()).unwrap_or(r.indicator)) }
                                        td { (render::group_label(r.group, "citizenship")) }
                                        td { (r.method) }
                                        td.num { (r.n.map(|n| n.to_string()).unwrap_or_default()) }
                                        td.num { (r.estimate.map(|e| format!("{e:.2}")).unwrap_or_default()) }
                                        td.num { (r.se.map(|e| format!("{e:.2}")).unwrap_or_default()) }
                                        td.num { (r.cv.map(|e| format!("{e:.1} %")).unwrap_or_default()) }
                                        td { (r.outcome) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            (sources(d, v.indicators.iter().flat_map(|b| b.rows.iter().map(|r| r.value))))
        },
    )
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
