//! Compare any areas side by side, across countries: for every indicator the areas have, each
//! area's value with its interval, and a test of each area against the first one (z test on the
//! difference, Holm-adjusted over the comparisons).

use axum::http::HeaderMap;
use axum::response::Response;
use maud::{html, Markup};
use serde::Serialize;

use crate::data::{method_rank, AreaInfo, IndicatorInfo, Obs, PortalData};
use crate::layout::{page, Page};
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
    pub value: Option<&'a Obs>,
    /// Test against the first area (absent for the first area itself).
    pub vs_first: Option<Comparison>,
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
    pub group: String,
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
        let group = p.get("group").unwrap_or("FOR").to_string();
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
            .any(|c| c.value.is_some_and(|o| o.synthetic));
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
        ]);
        for r in &self.rows {
            for c in &r.cells {
                let o = c.value;
                t.push(vec![
                    r.indicator.id.clone(),
                    r.time.clone(),
                    c.geo.to_string(),
                    self.group.clone(),
                    cell(o.and_then(|o| o.estimate)),
                    cell(o.and_then(|o| o.ci_low)),
                    cell(o.and_then(|o| o.ci_high)),
                    cell(o.and_then(|o| o.se)),
                    o.map(|o| o.flags.clone()).unwrap_or_default(),
                    o.map(|o| o.method.to_string()).unwrap_or_default(),
                    cell(c.vs_first.as_ref().and_then(|x| x.difference)),
                    cell(c.vs_first.as_ref().and_then(|x| x.p_value)),
                    c.vs_first
                        .as_ref()
                        .map(|x| x.verdict.to_string())
                        .unwrap_or_default(),
                    o.is_some_and(|o| o.synthetic).to_string(),
                ]);
            }
        }
        t
    }
}

/// One indicator across the areas, at the latest period that most areas share.
fn row<'a>(
    d: &'a PortalData,
    info: &'a IndicatorInfo,
    areas: &[&'a AreaInfo],
    group: &str,
) -> Option<Row<'a>> {
    let per_area: Vec<Vec<&Obs>> = areas
        .iter()
        .map(|a| {
            d.of_area(&a.code)
                .filter(|o| {
                    o.indicator == info.id
                        && o.group == group
                        && d.is_headline(o)
                        && o.estimate.is_some()
                })
                .collect()
        })
        .collect();
    // The period covered by the most areas, the latest among equals.
    let mut best: Option<(usize, &str)> = None;
    for obs in &per_area {
        for o in obs {
            let count = per_area
                .iter()
                .filter(|x| x.iter().any(|y| y.time == o.time))
                .count();
            if best.is_none_or(|(c, t)| count > c || (count == c && o.time.as_str() > t)) {
                best = Some((count, &o.time));
            }
        }
    }
    let (_, time) = best?;
    let values: Vec<Option<&Obs>> = per_area
        .iter()
        .map(|obs| {
            obs.iter()
                .copied()
                .filter(|o| o.time == time)
                .min_by_key(|o| method_rank(o.method))
        })
        .collect();
    let tests = stats::against_first(&values);
    let cells = areas
        .iter()
        .zip(values)
        .zip(tests)
        .map(|((a, v), t)| Cell {
            geo: &a.code,
            value: v,
            vs_first: t,
        })
        .collect();
    Some(Row {
        indicator: info,
        time: time.to_string(),
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

fn area_select(d: &PortalData, i: usize, selected: Option<&str>) -> Markup {
    html! {
        label for={ "geo" (i) } { "Area " (i + 1)
            select name="geo" id={ "geo" (i) } {
                option value="" { "—" }
                @for a in d.areas.iter().filter(|a| d.of_area(&a.code).next().is_some()) {
                    option value=(a.code) selected[Some(a.code.as_str()) == selected] { (a.name) " (" (a.code) ")" }
                }
            }
        }
    }
}

fn html_page(d: &PortalData, v: &CompareView<'_>, query: &str) -> Markup {
    page(
        &Page {
            title: "Compare areas",
            path: "/compare",
            query,
            twins: true,
            synthetic: v.synthetic,
        },
        html! {
            h1 { "Compare areas" }
            p.lead { "Pick up to " (MAX_AREAS) " areas, in any countries. Each value is tested against the first area: a difference is called significant when the 95 % interval of the difference excludes zero after the Holm correction for the number of comparisons." }
            form.filters method="get" action="/compare" {
                @for i in 0..4.max(v.areas.len()).min(MAX_AREAS) {
                    (area_select(d, i, v.areas.get(i).map(|a| a.code.as_str())))
                }
                label for="group" { "Group"
                    select name="group" id="group" {
                        @for g in ["FOR", "EU27_2020_FOR", "NEU27_2020_FOR", "NAT", "TOTAL"] {
                            option value=(g) selected[g == v.group] { (render::group_label(g, "citizenship")) }
                        }
                    }
                }
                button type="submit" { "Compare" }
            }
            @if !v.unknown.is_empty() {
                p role="alert" { "No data for: " (v.unknown.join(", ")) "." }
            }
            @if v.areas.is_empty() {
                (crate::layout::empty("Choose at least one area."))
            } @else if v.rows.is_empty() {
                (crate::layout::empty("These areas have no indicator for this group."))
            } @else {
                table {
                    caption { (render::group_label(&v.group, "citizenship")) ": each area against " (v.areas[0].name) }
                    thead { tr {
                        th scope="col" { "Indicator" } th scope="col" { "Year" }
                        @for a in &v.areas { th.num scope="col" { a href={ "/areas/" (a.code) } { (a.name) } } }
                    } }
                    tbody {
                        @for r in &v.rows {
                            tr {
                                th scope="row" { a href={ "/indicators/" (r.indicator.id) } { (r.indicator.name) } }
                                td { (r.time) }
                                @for c in &r.cells {
                                    td.num {
                                        @if let Some(o) = c.value {
                                            (render::obs_value(o)) " " (render::badge(o)) br;
                                            small { (render::interval(o)) }
                                            @if let Some(a) = d.age_note(o) { br; small { "ages " (crate::pages::indicator::age_label(a)) } }
                                            @if let Some(t) = &c.vs_first {
                                                br; small class={ "verdict " (verdict_class(t.verdict)) } {
                                                    @if let Some(dv) = t.difference { (render::difference(dv, &o.unit)) " " }
                                                    @if t.verdict == "unknown" { "not tested (no standard error)" } @else { (t.verdict) }
                                                }
                                            }
                                        } @else { "not available" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            (sources(d, v.rows.iter().flat_map(|r| r.cells.iter().filter_map(|c| c.value))))
        },
    )
}
