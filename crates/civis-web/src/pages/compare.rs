//! Compare any areas side by side, across countries: for every indicator the areas have, each
//! area's value with its interval, and a test of each area against the first one (z test on the
//! difference, Holm-adjusted over the comparisons).

use axum::http::HeaderMap;
use axum::response::Response;
use civis_catalog::{Group, TargetGroup, Unit};
use maud::{html, Markup};
use std::borrow::Cow;

use serde::Serialize;

use crate::data::{method_rank, AreaInfo, IndicatorInfo, Obs, PortalData};
use crate::i18n::{href, indicator_name, place_name, t, t_args};
use crate::layout::{page, Page};
use crate::pages::indicator::area_label;
use crate::pages::indicator::{sources, verdict_class};
use crate::pages::Params;
use crate::render;
use crate::respond::{cell, respond, Format, Table};
use crate::stats::{self, Comparison};

/// The most areas one comparison takes.
pub const MAX_AREAS: usize = 6;

#[derive(Debug, Serialize)]
pub struct Cell<'a> {
    pub geo: &'a str,
    /// The area's value (for a gap group such as `FOR-NAT`: the stored gap, or the difference of
    /// the two published values when the source publishes no gap).
    pub value: Option<Cow<'a, Obs>>,
    /// Test against the first area (absent for the first area itself and when not comparable).
    pub vs_first: Option<Comparison>,
    /// Why this value is not tested against the first one (different age band, unit, synthetic
    /// against real data, head counts).
    pub not_comparable: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Row<'a> {
    pub indicator: &'a IndicatorInfo,
    pub time: String,
    pub cells: Vec<Cell<'a>>,
}

#[derive(Debug, Serialize)]
pub struct CompareView<'a> {
    pub areas: Vec<&'a AreaInfo>,
    /// Codes asked for that are not areas with data.
    pub unknown: Vec<String>,
    pub group: Group,
    pub rows: Vec<Row<'a>>,
    pub synthetic: bool,
}

impl<'a> CompareView<'a> {
    pub fn build(d: &'a PortalData, p: &Params) -> CompareView<'a> {
        let mut areas = Vec::new();
        let mut unknown = Vec::new();
        for g in p.all("geo") {
            match d.area(&g) {
                Some(a) if !areas.iter().any(|x: &&AreaInfo| x.code == a.code) => areas.push(a),
                Some(_) => {}
                None => unknown.push(g),
            }
        }
        areas.truncate(MAX_AREAS);
        let group = Group::parse(p.get("group").unwrap_or(TargetGroup::For.code()));
        let mut rows = Vec::new();
        if !areas.is_empty() {
            for info in &d.indicators {
                if let Some(r) = row(d, info, &areas, &group) {
                    rows.push(r);
                }
            }
        }
        let synthetic = rows
            .iter()
            .flat_map(|r| r.cells.iter())
            .any(|c| c.value.as_ref().is_some_and(|o| o.synthetic));
        CompareView {
            areas,
            unknown,
            group,
            rows,
            synthetic,
        }
    }

    fn table(&self) -> Table {
        let mut t = Table::new([
            "indicator",
            "time",
            "geo",
            "group",
            "estimate",
            "ci_low",
            "ci_high",
            "se",
            "flags",
            "method",
            "difference_vs_first",
            "p_value_holm",
            "verdict_vs_first",
            "synthetic",
            "not_comparable",
        ]);
        for r in &self.rows {
            for c in &r.cells {
                let o = c.value.as_deref();
                t.push(vec![
                    r.indicator.id.clone(),
                    r.time.clone(),
                    c.geo.to_string(),
                    self.group.to_string(),
                    cell(o.and_then(|o| o.stored.estimate)),
                    cell(o.and_then(|o| o.stored.ci_low)),
                    cell(o.and_then(|o| o.stored.ci_high)),
                    cell(o.and_then(|o| o.stored.se)),
                    o.map(|o| o.stored.flags.clone()).unwrap_or_default(),
                    o.map(|o| o.method.to_string()).unwrap_or_default(),
                    cell(c.vs_first.as_ref().and_then(|x| x.difference)),
                    cell(c.vs_first.as_ref().and_then(|x| x.p_value)),
                    c.vs_first
                        .as_ref()
                        .map(|x| x.verdict.to_string())
                        .unwrap_or_default(),
                    o.is_some_and(|o| o.synthetic).to_string(),
                    c.not_comparable.clone().unwrap_or_default(),
                ]);
            }
        }
        t
    }
}

/// The groups a comparison can show: the groups, then their gaps to nationals.
fn choices() -> impl Iterator<Item = Group> {
    use TargetGroup::*;
    let gaps = [For, Eu27For, Neu27For].map(Group::gap);
    [For, Eu27For, Neu27For, Nat, Total]
        .map(Group::Target)
        .into_iter()
        .chain(gaps)
}

/// An area's headline values of an indicator for `group`: the stored values, and for a gap
/// group (`FOR-NAT`) the periods whose gap the source did not publish, as the difference of the
/// two published values (no standard error: the covariance of the two groups is unknown).
fn area_values<'a>(
    d: &'a PortalData,
    info: &IndicatorInfo,
    geo: &str,
    group: &Group,
) -> Vec<Cow<'a, Obs>> {
    let headline: Vec<&Obs> = d
        .of_area_indicator(geo, &info.id)
        .filter(|o| d.is_headline(o))
        .collect();
    let mut out: Vec<Cow<Obs>> = headline
        .iter()
        .filter(|o| o.stored.group == *group && o.stored.estimate.is_some())
        .map(|&o| Cow::Borrowed(o))
        .collect();
    let code = group.code();
    let Some((migrants, reference)) = code.split_once('-') else {
        return out;
    };
    let (migrants, reference) = (Group::parse(migrants), Group::parse(reference));
    for m in headline.iter().filter(|o| o.stored.group == migrants) {
        let (Some(a), true) = (
            m.stored.estimate,
            !out.iter().any(|o| o.stored.time == m.stored.time),
        ) else {
            continue;
        };
        let Some(r) = headline.iter().find(|r| {
            r.stored.group == reference
                && r.stored.time == m.stored.time
                && r.dataset == m.dataset
                && r.stored.age == m.stored.age
        }) else {
            continue;
        };
        let Some(b) = r.stored.estimate else { continue };
        let low = [m, r]
            .iter()
            .any(|o| matches!(o.status, crate::data::Status::LowReliability));
        let mut gap = (*m).clone();
        gap.stored.group = group.clone();
        gap.stored.estimate = Some(a - b);
        gap.stored.se = None;
        gap.stored.ci_low = None;
        gap.stored.ci_high = None;
        gap.stored.n = None;
        if low {
            gap.status = crate::data::Status::LowReliability;
            if !gap.stored.flags.contains('u') {
                gap.stored.flags.push('u');
            }
        }
        out.push(Cow::Owned(gap));
    }
    out
}

/// Why `v` cannot be tested against `first` (the first area's value), in one sentence.
fn not_comparable(d: &PortalData, first: &Obs, v: &Obs) -> Option<String> {
    if !crate::pages::peers::is_rate_or_share(&v.stored.unit) && v.stored.unit != Unit::Currency {
        return Some(t("compare-not-head-counts"));
    }
    if v.stored.unit != first.stored.unit {
        return Some(t_args(
            "compare-not-unit",
            &[
                ("unit", v.stored.unit.code().into()),
                ("first", first.stored.unit.code().into()),
                ("area", area_label(d, &first.stored.geo).into()),
            ],
        ));
    }
    if v.synthetic != first.synthetic {
        return Some(t("compare-not-synthetic"));
    }
    if !v.stored.age.is_empty() && !first.stored.age.is_empty() && v.stored.age != first.stored.age
    {
        return Some(t_args(
            "compare-not-ages",
            &[
                (
                    "ages",
                    crate::pages::indicator::age_label(&v.stored.age).into(),
                ),
                (
                    "first",
                    crate::pages::indicator::age_label(&first.stored.age).into(),
                ),
                ("area", area_label(d, &first.stored.geo).into()),
            ],
        ));
    }
    None
}

/// One indicator across the areas, at the latest period that most areas share.
fn row<'a>(
    d: &'a PortalData,
    info: &'a IndicatorInfo,
    areas: &[&'a AreaInfo],
    group: &Group,
) -> Option<Row<'a>> {
    let per_area: Vec<Vec<Cow<'a, Obs>>> = areas
        .iter()
        .map(|a| area_values(d, info, &a.code, group))
        .collect();
    // The period covered by the most areas, the latest among equals.
    let mut best: Option<(usize, String)> = None;
    for obs in &per_area {
        for o in obs {
            let count = per_area
                .iter()
                .filter(|x| x.iter().any(|y| y.stored.time == o.stored.time))
                .count();
            if best.as_ref().is_none_or(|(c, t)| {
                count > *c || (count == *c && o.stored.time.as_str() > t.as_str())
            }) {
                best = Some((count, o.stored.time.clone()));
            }
        }
    }
    let (_, time) = best?;
    let values: Vec<Option<Cow<'a, Obs>>> = per_area
        .into_iter()
        .map(|obs| {
            obs.into_iter()
                .filter(|o| o.stored.time == time)
                .min_by_key(|o| method_rank(o.method))
        })
        .collect();
    let first = values.first().cloned().flatten();
    let reasons: Vec<Option<String>> = values
        .iter()
        .enumerate()
        .map(|(i, v)| match (&first, v) {
            (Some(f), Some(v)) if i > 0 => not_comparable(d, f, v),
            _ => None,
        })
        .collect();
    // only comparable values enter the tests (and the Holm family)
    let testable: Vec<Option<&Obs>> = values
        .iter()
        .zip(&reasons)
        .map(|(v, r)| if r.is_some() { None } else { v.as_deref() })
        .collect();
    let tests = stats::against_first(&testable);
    let cells = areas
        .iter()
        .zip(values)
        .zip(tests.into_iter().zip(reasons))
        .map(|((a, v), (t, r))| Cell {
            geo: &a.code,
            value: v,
            vs_first: t,
            not_comparable: r,
        })
        .collect();
    Some(Row {
        indicator: info,
        time,
        cells,
    })
}

pub fn render(d: &PortalData, headers: &HeaderMap, format: Format, p: &Params) -> Response {
    let view = CompareView::build(d, p);
    let query = p.query_string();
    respond(
        headers,
        format,
        d.version,
        || html_page(d, &view, &query),
        || &view,
        || view.table(),
    )
}

/// Why a comparison has no rows, in one sentence.
fn no_rows_message(group: &Group) -> String {
    if group.is_gap() {
        t_args(
            "compare-no-gap",
            &[("gap", render::group_label(group, "citizenship").into())],
        )
    } else {
        t("compare-no-indicator")
    }
}

fn area_select(d: &PortalData, i: usize, selected: Option<&str>) -> Markup {
    html! {
        label for={ "geo" (i) } { (t_args("compare-area-n", &[("n", (i + 1).into())]))
            select name="geo" id={ "geo" (i) } {
                option value="" { "—" }
                @for a in d.areas.iter().filter(|a| d.of_area(&a.code).next().is_some()) {
                    option value=(a.code) selected[Some(a.code.as_str()) == selected] { (place_name(a)) " (" (a.code) ")" }
                }
            }
        }
    }
}

fn html_page(d: &PortalData, v: &CompareView<'_>, query: &str) -> Markup {
    page(
        &Page {
            title: &t("compare-title"),
            path: "/compare",
            query,
            twins: true,
            synthetic: v.synthetic,
        },
        html! {
            h1 { (t("compare-title")) }
            p.lead { (t_args("compare-lead", &[("max", MAX_AREAS.into())])) }
            form.filters method="get" action=(href("/compare")) {
                @for i in 0..4.max(v.areas.len()).min(MAX_AREAS) {
                    (area_select(d, i, v.areas.get(i).map(|a| a.code.as_str())))
                }
                label for="group" { (t("col-group"))
                    select name="group" id="group" {
                        @for g in choices() {
                            option value=(g) selected[g == v.group] { (render::group_label(&g, "citizenship")) }
                        }
                    }
                }
                button type="submit" { (t("nav-compare")) }
            }
            @if !v.unknown.is_empty() {
                p role="alert" { (t("compare-no-data-for")) " " (v.unknown.join(", ")) "." }
            }
            @if v.areas.is_empty() {
                (crate::layout::empty(&t("compare-choose")))
            } @else if v.rows.is_empty() {
                (crate::layout::empty(&no_rows_message(&v.group)))
            } @else {
                div.table-scroll role="region" aria-label=(t("compare-table")) tabindex="0" { table.compare {
                    caption { (t_args("compare-caption", &[("group", render::group_label(&v.group, "citizenship").into()), ("area", place_name(v.areas[0]).as_ref().into())])) }
                    thead { tr {
                        th scope="col" { (t("compare-col-indicator")) }
                        @for a in &v.areas { th.num scope="col" { a href=(href(&format!("/areas/{}", a.code))) { (place_name(a)) } } }
                    } }
                    tbody {
                        @for r in &v.rows {
                            tr {
                                // the year under the name: one column less, so that two areas fit on a phone
                                th scope="row" { a href=(href(&format!("/indicators/{}", r.indicator.id))) { (indicator_name(&r.indicator.id, &r.indicator.name)) } br; small { (r.time) } }
                                @for c in &r.cells {
                                    td.num {
                                        @if let Some(o) = c.value.as_deref() {
                                            (render::obs_value(o)) " " (render::badge(o)) br;
                                            small { (render::interval(o)) }
                                            @if let Some(a) = d.age_note(o) { br; small { (t_args("ages", &[("ages", crate::pages::indicator::age_label(a).into())])) } }
                                            @if let Some(why) = &c.not_comparable { br; small.not-comparable { (why) } }
                                            @if let Some(test) = &c.vs_first {
                                                br; small class={ "verdict " (verdict_class(test.verdict)) } {
                                                    @if let Some(dv) = test.difference { (render::difference(dv, &o.stored.unit)) " " }
                                                    @if test.verdict == "unknown" { (t("compare-not-tested")) } @else { (t(&format!("versus-{}", test.verdict.replace(' ', "-")))) }
                                                }
                                            }
                                        } @else { (t("value-not-available")) }
                                    }
                                }
                            }
                        }
                    }
                } }
            }
            (sources(d, v.rows.iter().flat_map(|r| r.cells.iter().filter_map(|c| c.value.as_deref()))))
        },
    )
}
