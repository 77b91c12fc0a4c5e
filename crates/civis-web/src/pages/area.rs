//! The area profile: every indicator for the area against its country and the EU, the gaps
//! between migrant groups and nationals with their significance, time series where there are
//! several years, and the precision report (n, SE, CV, reliability) of each value.

use std::collections::{BTreeSet, HashMap};

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use civis_catalog::{Group, Method, TargetGroup, Unit, UnitCode};
use maud::{html, Markup};
use serde::Serialize;

use crate::charts;
use crate::data::{group_order, method_rank, AreaInfo, IndicatorInfo, Obs, PortalData, Status};
use crate::i18n::{self, href, indicator_name, percent, place_name, t, t_args};
use crate::layout::{page, Page};
use crate::pages::indicator::{sources, verdict_class};
use crate::render;
use crate::respond::{not_found_page, respond, value_cells, Format, Table, VALUE_COLUMNS};
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
    pub group: &'a Group,
    pub label: String,
    pub value: &'a Obs,
    /// The direct estimate when `value` is model-based (to show how much the model changed).
    pub direct: Option<&'a Obs>,
    /// Values of the comparators (same order as [`AreaView::comparators`]).
    pub comparators: Vec<Option<&'a Obs>>,
}

/// A migrant − national gap: a difference (`A-NAT`, in percentage points or the unit) or a
/// ratio (`A/NAT`, in percent of the reference group).
#[derive(Debug, Serialize)]
pub struct Gap {
    pub group: Group,
    pub label: String,
    /// `difference` or `ratio`.
    pub kind: &'static str,
    /// `None` when suppressed (either group too small) or not available.
    pub estimate: Option<f64>,
    pub ci: Option<(f64, f64)>,
    /// The value meaning "no gap": 0 for a difference, 100 for a ratio in percent.
    pub null: f64,
    /// `significant` / `not significant` / `unknown` (no interval), from the interval and the
    /// null value (`civis_compare::interval_verdict`).
    pub verdict: &'static str,
    pub low_reliability: bool,
    pub suppressed: bool,
}

impl Gap {
    /// The gap as text: `+3.2 pp`, `95.5 % of nationals`, `suppressed`.
    pub fn value_text(&self, unit: &UnitCode, reference: &str) -> String {
        match self.estimate {
            None if self.suppressed => t("value-suppressed"),
            None => t("value-not-available"),
            Some(v) => self.number(v, unit, reference),
        }
    }

    fn number(&self, v: f64, unit: &UnitCode, reference: &str) -> String {
        if self.kind == "ratio" {
            t_args(
                "gap-ratio-value",
                &[
                    ("value", percent(v, 1).into()),
                    ("reference", reference.into()),
                ],
            )
        } else {
            render::difference(v, unit)
        }
    }

    /// The interval as text, `None` without one.
    pub fn interval_text(&self, unit: &UnitCode) -> Option<String> {
        let (l, h) = self.ci?;
        let (low, high) = if self.kind == "ratio" {
            (percent(l, 1), percent(h, 1))
        } else {
            (render::difference(l, unit), render::difference(h, unit))
        };
        Some(t_args(
            "range",
            &[("low", low.into()), ("high", high.into())],
        ))
    }
}

/// The kind of a gap code and the value of "no gap" for it.
fn gap_kind(group: &Group, unit: &UnitCode) -> civis_compare::GapKind {
    if group.code().contains('/') {
        civis_compare::GapKind::Ratio {
            unit: if unit
                .unit()
                .is_some_and(|u| u.is_percent() || u == Unit::PercentOfReference)
            {
                100.0
            } else {
                1.0
            },
        }
    } else {
        civis_compare::GapKind::Difference
    }
}

/// One indicator in the profile.
#[derive(Debug, Serialize)]
pub struct IndicatorBlock<'a> {
    pub indicator: &'a IndicatorInfo,
    pub time: String,
    pub rows: Vec<GroupRow<'a>>,
    pub gaps: Vec<Gap>,
    /// Every period's value per group, when there are several periods.
    pub series: Vec<(Group, Vec<&'a Obs>)>,
    /// Comparators (codes) with no value for this indicator, group and period: their column is
    /// left out of the table and a sentence says so.
    pub comparators_without_value: Vec<&'a str>,
}

/// The precision of one direct or model-based value (issue: precision report on area pages).
#[derive(Debug, Serialize)]
pub struct PrecisionRow<'a> {
    pub indicator: &'a str,
    pub group: &'a Group,
    pub method: Method,
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
        for run in mine.chunk_by(|a, b| a.stored.indicator == b.stored.indicator) {
            by_indicator.insert(&run[0].stored.indicator, run);
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
                    o.stored.geo.clone(),
                    o.stored.indicator.clone(),
                    o.stored.group.to_string(),
                    o.stored.time.clone(),
                ];
                row.extend(value_cells(o));
                t.push(row);
            }
        }
        t
    }
}

/// Picks one value per criterion (citizenship or country of birth), group and period: official,
/// then model-based, then direct. The criterion matters: "foreign" by citizenship and by country
/// of birth share the group code `FOR` but are different people.
fn preferred<'a>(obs: &[&'a Obs], criterion: &str, group: &Group, time: &str) -> Option<&'a Obs> {
    obs.iter()
        .copied()
        .filter(|o| {
            o.stored.criterion == criterion && o.stored.group == *group && o.stored.time == time
        })
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
        .filter(|o| o.stored.estimate.is_some())
        .map(|o| o.stored.time.as_str())
        .max()
        .or_else(|| obs.iter().map(|o| o.stored.time.as_str()).max())
        .unwrap_or("")
        .to_string();
    let mut groups: Vec<(&str, &Group)> = obs
        .iter()
        .map(|o| (o.stored.criterion.as_str(), &o.stored.group))
        .collect();
    groups.sort_by_key(|(c, g)| (*c, group_order(g), *g));
    groups.dedup();
    let mut rows = Vec::new();
    let mut gaps = Vec::new();
    for &(criterion, g) in &groups {
        let Some(value) = preferred(obs, criterion, g, &time) else {
            continue;
        };
        if g.is_gap() {
            gaps.push(stored_gap(value, criterion));
            continue;
        }
        let direct = if value.method == Method::ModelBased {
            obs.iter().copied().find(|o| {
                o.stored.criterion == criterion
                    && o.stored.group == *g
                    && o.stored.time == time
                    && o.method == Method::Direct
            })
        } else {
            None
        };
        let comps = comparators
            .iter()
            .map(|c| {
                let cands: Vec<&Obs> = d
                    .of_area_indicator(&c.code, &info.id)
                    .filter(|o| {
                        o.stored.criterion == criterion
                            && o.stored.group == *g
                            && o.stored.time == time
                            && o.stored.age == value.stored.age
                            && d.is_headline(o)
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
    for r in rows
        .iter()
        .filter(|_| info.unit != Unit::PercentOfReference)
    {
        if *r.group == TargetGroup::Nat || *r.group == TargetGroup::Total {
            continue;
        }
        let code = Group::parse(&format!("{}-{}", r.group, TargetGroup::reference()));
        // The label names the criterion: a published gap by citizenship does not stand for
        // the one by country of birth.
        let label = render::group_label(&code, &r.value.stored.criterion);
        if gaps.iter().any(|g| g.group == code && g.label == label) {
            continue;
        }
        let nat = rows.iter().find(|x| {
            *x.group == TargetGroup::Nat && x.value.stored.criterion == r.value.stored.criterion
        });
        if let (Some(a), Some(b)) = (
            r.value.stored.estimate,
            nat.and_then(|n| n.value.stored.estimate),
        ) {
            gaps.push(Gap {
                label,
                group: code,
                kind: "difference",
                estimate: Some(a - b),
                ci: None,
                null: 0.0,
                verdict: "unknown",
                low_reliability: matches!(r.value.status, Status::LowReliability)
                    || nat.is_some_and(|n| matches!(n.value.status, Status::LowReliability)),
                suppressed: false,
            });
        }
    }
    let mut series = Vec::new();
    let times: BTreeSet<&str> = obs.iter().map(|o| o.stored.time.as_str()).collect();
    if times.len() > 1 {
        for r in &rows {
            let s: Vec<&Obs> = times
                .iter()
                .filter_map(|t| preferred(obs, &r.value.stored.criterion, r.group, t))
                .collect();
            series.push((r.group.clone(), s));
        }
    }
    let comparators_without_value = comparators
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            !rows
                .iter()
                .any(|r| r.comparators[*i].is_some_and(|o| o.stored.estimate.is_some()))
        })
        .map(|(_, c)| c.code.as_str())
        .collect();
    IndicatorBlock {
        indicator: info,
        time,
        rows,
        gaps,
        series,
        comparators_without_value,
    }
}

/// A gap estimated with its interval (Civis direct estimates carry them): significant when the
/// interval excludes the null value of its kind (0 for a difference, 100 % for a ratio).
fn stored_gap(o: &Obs, criterion: &str) -> Gap {
    let kind = gap_kind(&o.stored.group, &o.stored.unit);
    let ci = o.stored.estimate.and(o.ci());
    let verdict = match civis_compare::interval_verdict(ci, kind) {
        civis_compare::Verdict::SignificantlyHigher
        | civis_compare::Verdict::SignificantlyLower => "significant",
        civis_compare::Verdict::NotSignificant => "not significant",
        civis_compare::Verdict::Unknown => "unknown",
    };
    Gap {
        group: o.stored.group.clone(),
        label: render::group_label(&o.stored.group, criterion),
        kind: match kind {
            civis_compare::GapKind::Ratio { .. } => "ratio",
            civis_compare::GapKind::Difference => "difference",
        },
        estimate: o.stored.estimate,
        ci,
        null: kind.null(),
        verdict,
        low_reliability: matches!(o.status, Status::LowReliability),
        suppressed: matches!(o.status, Status::Suppressed),
    }
}

fn precision_rows<'a>(obs: &[&'a Obs]) -> Vec<PrecisionRow<'a>> {
    let mut rows: Vec<PrecisionRow> = obs
        .iter()
        .filter(|o| o.method != Method::Official && !o.stored.group.is_gap())
        .map(|o| PrecisionRow {
            indicator: &o.stored.indicator,
            group: &o.stored.group,
            method: o.method,
            n: o.stored.n,
            estimate: o.stored.estimate,
            se: o.stored.se,
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
    let cells: BTreeSet<(&str, &Group)> = rows.iter().map(|r| (r.indicator, r.group)).collect();
    let ok = |r: &PrecisionRow| r.outcome == "publish";
    let direct: BTreeSet<(&str, &Group)> = rows
        .iter()
        .filter(|r| r.method == Method::Direct && ok(r))
        .map(|r| (r.indicator, r.group))
        .collect();
    let with_sae: BTreeSet<(&str, &Group)> = rows
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
            title: &place_name(a),
            path: &path,
            query: "",
            twins: true,
            synthetic: v.synthetic,
        },
        html! {
            p { a href=(href("/areas")) { (t("nav-areas")) } @for c in v.comparators.iter().rev() { " › " a href=(href(&format!("/areas/{}", c.code))) { (place_name(c)) } } }
            h1 { (place_name(a)) " " small { code { (a.code) } } }
            @if let Some(local) = i18n::local_name(a) { p.local-name lang=[local.1] { (local.0) } }
            (crate::layout::vintage_banner(d, &path))
            p.lead {
                (capitalise(&t(&format!("area-kind-{}", a.kind.code())))) ". "
                @if v.comparators.is_empty() { (t("area-compared-with-nothing")) }
                @else { (t_args("area-compared-with", &[("areas", v.comparators.iter().map(|c| place_name(c).into_owned()).collect::<Vec<_>>().join(t("list-and").as_str()).into())])) " " }
                a href=(href(&format!("/peers/{}", a.code))) { (t("area-similar-areas")) } " · "
                a href={ (href("/compare")) "?geo=" (a.code) @for c in &v.comparators { "&geo=" (c.code) } } { (t("area-compare-link")) }
                " · " a href=(href(&format!("/areas/{}/report.pdf", a.code))) type="application/pdf" { (t("area-report-link")) }
            }
            @if let Some(layer_kind) = d.maps.layer(a.kind).map(|_| a.kind) {
                @if let Some(first) = v.indicators.iter().find(|b| b.rows.iter().any(|r| *r.group == TargetGroup::For || *r.group == TargetGroup::Total)) {
                    @let g = if first.rows.iter().any(|r| *r.group == TargetGroup::For) { TargetGroup::For } else { TargetGroup::Total };
                    (charts::choropleth(d, &first.indicator.id, layer_kind, g.code(), &first.time, Some(&a.code)))
                }
            }
            @if let Some(c) = &v.city { (super::city::section(d, a, c)) }
            @if v.indicators.is_empty() { (crate::layout::empty(&t("area-no-values"))) }
            @for b in &v.indicators {
                @let name = indicator_name(&b.indicator.id, &b.indicator.name);
                section.indicator aria-labelledby={ "ind-" (b.indicator.id) } {
                    h2 id={ "ind-" (b.indicator.id) } { a href=(href(&format!("/indicators/{}", b.indicator.id))) { (name) } ", " (b.time)
                        @if let Some(a) = b.rows.first().and_then(|r| d.age_note(r.value)) { ", " (t_args("ages", &[("ages", crate::pages::indicator::age_label(a).into())])) } }
                    // a table without rows would be headers over nothing (the ratio indicators
                    // have only their gaps)
                    @if !b.rows.is_empty() {
                        div.table-scroll role="region" aria-label=(t_args("area-table-label", &[("indicator", name.as_ref().into())])) tabindex="0" { table {
                            caption { (t_args("area-table-caption", &[("indicator", name.as_ref().into()), ("area", place_name(a).as_ref().into()), ("time", b.time.as_str().into())])) }
                            thead { tr {
                                th scope="col" { (t("col-group")) } th.num scope="col" { (place_name(a)) } th.num scope="col" { (t("col-ci")) } th.num scope="col" { "n" }
                                @for c in v.comparators.iter().filter(|c| !b.comparators_without_value.contains(&c.code.as_str())) { th.num scope="col" { (place_name(c)) } }
                            } }
                            tbody {
                                @for r in &b.rows {
                                    tr {
                                        th scope="row" { (r.label) }
                                        td.num { (render::obs_value(r.value)) " " (render::badge(r.value)) " " (crate::cite::link(r.value))
                                            @if let Some(dir) = r.direct { br; small { (t("area-direct")) " " (render::obs_value(dir)) " ± " (dir.stored.se.map(|s| render::value(1.96 * s, &dir.stored.unit)).unwrap_or_default()) } } }
                                        td.num { (render::interval(r.value)) }
                                        td.num { (r.value.stored.n.map(|n| n.to_string()).unwrap_or_default()) }
                                        @for (c, info) in r.comparators.iter().zip(&v.comparators) {
                                            @if !b.comparators_without_value.contains(&info.code.as_str()) {
                                                td.num { @if let Some(o) = c { (render::obs_value(o)) " " (render::badge(o)) } @else { "—" } }
                                            }
                                        }
                                    }
                                }
                            }
                        } }
                    }
                    @if !b.rows.is_empty() && !b.comparators_without_value.is_empty() {
                        p.note {
                            (t_args("area-no-comparator-value", &[("areas", b.comparators_without_value.iter().map(|c| d.area(c).map(|x| place_name(x).into_owned()).unwrap_or_else(|| c.to_string())).collect::<Vec<_>>().join(t("list-or").as_str()).into())]))
                        }
                    }
                    @if !b.gaps.is_empty() {
                        (crate::snippet::figure_with_snippet(gap_drawn(d, b), crate::snippet::EmbedChart::Gap, &[("geo", &a.code), ("indicator", &b.indicator.id)]))
                        ul.gaps {
                            @for g in &b.gaps {
                                li {
                                    (g.label) ": " strong { (g.value_text(&b.indicator.unit, &reference_name(&g.group))) }
                                    @if let Some(ci) = g.interval_text(&b.indicator.unit) { " (" (t("col-ci")) " " (ci) ")" }
                                    @if g.estimate.is_some() {
                                        " — " span class={ "verdict " (verdict_class(if g.verdict == "significant" { "higher" } else { "none" })) } {
                                            @match (g.verdict, g.kind) {
                                                ("significant", "ratio") => (t("verdict-ratio-significant")),
                                                ("significant", _) => (t("verdict-significant")),
                                                ("not significant", "ratio") => (t("verdict-ratio-not-significant")),
                                                ("not significant", _) => (t("verdict-not-significant")),
                                                _ => (t("verdict-not-tested")),
                                            }
                                        }
                                    } @else if g.suppressed {
                                        " — " (t("verdict-group-too-small"))
                                    }
                                    @if g.low_reliability { " " span.badge.low { "u" } }
                                }
                            }
                        }
                    }
                    @if !b.series.is_empty() {
                        (crate::snippet::figure_with_snippet(time_series_drawn(d, b), crate::snippet::EmbedChart::TimeSeries, &[("geo", &a.code), ("indicator", &b.indicator.id)]))
                    }
                }
            }
            @if !v.precision.is_empty() {
                section aria-labelledby="precision" {
                    h2 #precision { (t("precision-title")) }
                    p {
                        (t_args("precision-direct", &[("publishable", v.precision_summary.publishable_direct.into()), ("cells", v.precision_summary.cells.into())]))
                        @if v.precision_summary.publishable_with_sae > v.precision_summary.publishable_direct {
                            (t_args("precision-with-sae", &[("publishable", v.precision_summary.publishable_with_sae.into())]))
                        }
                        ". " (t("precision-cv"))
                    }
                    (charts::precision(a, v.precision.iter()
                        .filter(|r| r.method == Method::Direct)
                        .filter_map(|r| charts::sample_cv(r.indicator, r.group, r.n, r.cv))))
                    details {
                        summary { (t("precision-table")) }
                        div.table-scroll role="region" aria-label=(t("precision-table")) tabindex="0" { table {
                            caption { (t_args("precision-caption", &[("area", place_name(a).as_ref().into())])) }
                            thead { tr { th scope="col" { (t("col-indicator")) } th scope="col" { (t("col-group")) } th scope="col" { (t("col-method")) } th.num scope="col" { "n" } th.num scope="col" { (t("col-estimate")) } th.num scope="col" { (t("col-se")) } th.num scope="col" { (t("col-cv")) } th scope="col" { (t("col-outcome")) } } }
                            tbody {
                                @for r in &v.precision {
                                    tr {
                                        td { (d.indicator(r.indicator).map(|i| indicator_name(&i.id, &i.name).into_owned()).unwrap_or_else(|| r.indicator.to_string())) }
                                        td { (render::group_label(r.group, "citizenship")) }
                                        td { (t(&format!("method-{}", r.method))) }
                                        td.num { (r.n.map(|n| n.to_string()).unwrap_or_default()) }
                                        td.num { (r.estimate.map(|e| i18n::number(e, 2)).unwrap_or_default()) }
                                        td.num { (r.se.map(|e| i18n::number(e, 2)).unwrap_or_default()) }
                                        td.num { (r.cv.map(|e| i18n::percent(e, 1)).unwrap_or_default()) }
                                        td { (t(&format!("outcome-{}", r.outcome.replace(' ', "-")))) }
                                    }
                                }
                            }
                        } }
                    }
                }
            }
            (sources(d, v.indicators.iter().flat_map(|b| b.rows.iter().map(|r| r.value))))
            (crate::cite::page_block(d, &path, v.indicators.iter().flat_map(|b| b.rows.iter().map(|r| r.value))))
        },
    )
}

/// The gap chart of an indicator block (also served as an embed).
pub fn gap_drawn(d: &PortalData, b: &IndicatorBlock<'_>) -> Option<charts::Drawn> {
    charts::gap_chart(d, b.indicator, &b.time, &group_values(b), &gap_values(b))
}

/// The time-series chart of an indicator block (also served as an embed).
pub fn time_series_drawn(d: &PortalData, b: &IndicatorBlock<'_>) -> Option<charts::Drawn> {
    let geo = b
        .rows
        .first()
        .map(|r| r.value.stored.geo.as_str())
        .unwrap_or("");
    charts::time_series_chart(d, b.indicator, geo, &b.series)
}

/// The block's group values as the gap chart takes them.
fn group_values<'a>(b: &'a IndicatorBlock<'_>) -> Vec<charts::GroupValue<'a>> {
    b.rows
        .iter()
        .map(|r| charts::GroupValue {
            group: r.group,
            label: &r.label,
            value: r.value,
        })
        .collect()
}

/// The block's gaps as the gap chart takes them.
fn gap_values<'a>(b: &'a IndicatorBlock<'_>) -> Vec<charts::GapValue<'a>> {
    b.gaps
        .iter()
        .map(|g| charts::GapValue {
            code: &g.group,
            estimate: g.estimate,
            ci: g.ci,
        })
        .collect()
}

/// The reference group of a gap code, in words (`nationals`).
pub fn reference_name(group: &Group) -> String {
    let code = group.code();
    let reference = code.rsplit(['-', '/']).next().unwrap_or(&code);
    render::group_label(&Group::parse(reference), "citizenship").to_lowercase()
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
