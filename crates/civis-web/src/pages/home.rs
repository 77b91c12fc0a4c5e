//! The home page: what the site is, and a headline map and table (the employment rate of foreign
//! citizens by country against nationals, latest year).

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use civis_catalog::TargetGroup;
use maud::html;
use serde::Serialize;

use crate::data::{AreaKind, Obs, PortalData};
use crate::layout::{page, Page};
use crate::pages::indicator::choropleth;
use crate::render;
use crate::respond::{cell, respond, Format, Table};
use crate::AppState;

pub async fn home(State(state): State<AppState>, headers: HeaderMap) -> Response {
    render(&state.data, &headers, Format::Html)
}

#[derive(Serialize)]
struct Headline<'a> {
    indicator: &'a str,
    name: &'a str,
    group: &'a str,
    time: String,
    rows: Vec<HeadlineRow<'a>>,
}

#[derive(Serialize)]
struct HeadlineRow<'a> {
    geo: &'a str,
    name: &'a str,
    migrants: &'a Obs,
    nationals: Option<&'a Obs>,
    gap: Option<f64>,
}

#[derive(Serialize)]
struct HomeView<'a> {
    observations: usize,
    indicators: usize,
    areas: usize,
    datasets: usize,
    headline: Option<Headline<'a>>,
}

/// The headline: employment rate (or the first indicator) of foreign citizens by country.
fn headline(d: &PortalData) -> Option<Headline<'_>> {
    let ind = d
        .indicator("employment_rate")
        .or_else(|| d.indicators.first())?;
    let group = TargetGroup::For.code();
    let times = d.times(&ind.id, AreaKind::Country, group);
    let time = times.last()?.clone();
    let migrants = d.slice(&ind.id, AreaKind::Country, group, &time);
    let nationals = d.slice(&ind.id, AreaKind::Country, TargetGroup::Nat.code(), &time);
    let mut rows: Vec<HeadlineRow> = migrants
        .into_iter()
        .map(|m| {
            let nat = nationals.iter().find(|n| n.geo == m.geo).copied();
            let gap = match (m.estimate, nat.and_then(|n| n.estimate)) {
                (Some(a), Some(b)) => Some(a - b),
                _ => None,
            };
            HeadlineRow {
                geo: &m.geo,
                name: d.area_name(&m.geo),
                migrants: m,
                nationals: nat,
                gap,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.gap
            .unwrap_or(f64::NEG_INFINITY)
            .total_cmp(&a.gap.unwrap_or(f64::NEG_INFINITY))
    });
    Some(Headline {
        indicator: &ind.id,
        name: &ind.name,
        group,
        time,
        rows,
    })
}

pub fn render(d: &PortalData, headers: &HeaderMap, format: Format) -> Response {
    let view = HomeView {
        observations: d.obs.len(),
        indicators: d.indicators.len(),
        areas: d.areas.len(),
        datasets: d.datasets.len(),
        headline: headline(d),
    };
    respond(
        headers,
        format,
        d.version,
        || {
            page(
                &Page {
                    title: "Where do migrants stand?",
                    path: "/",
                    query: "",
                    twins: true,
                    synthetic: false,
                },
                html! {
                    h1 { "How do immigrants fare in your city and region?" }
                    p.lead {
                        "Civis brings together the EU’s common indicators of immigrant integration — jobs, education, income and poverty, housing, health, citizenship — for countries, regions and cities, with the uncertainty of every number: confidence intervals, reliability flags, and a clear mark on values that come from a model rather than directly from a survey."
                    }
                    ul.cards {
                        li { h2 { a href="/indicators" { "Indicators" } } p { (view.indicators) " indicators with their definitions, maps and rankings." } }
                        li { h2 { a href="/areas" { "Areas" } } p { (view.areas) " countries, regions and districts: each with a profile against its country and the EU." } }
                        li { h2 { a href="/compare" { "Compare" } } p { "Any areas side by side, with a test of whether the differences are real." } }
                        li { h2 { a href="/registry" { "Practices & tools" } } p { "What cities did, what they need, and the tools and data sources to use." } }
                    }
                    @if let Some(h) = &view.headline {
                        h2 { (h.name) " of foreign citizens, " (h.time) }
                        (choropleth(d, h.indicator, AreaKind::Country, h.group, &h.time, None))
                        div.table-scroll role="region" aria-label="Countries" tabindex="0" { table {
                            caption { (h.name) ": foreign citizens and nationals by country, " (h.time) ", sorted by the gap (Eurostat)" }
                            thead { tr { th scope="col" { "Country" } th.num scope="col" { "Foreign citizens" } th.num scope="col" { "Nationals" } th.num scope="col" { "Gap" } } }
                            tbody {
                                @for r in &h.rows {
                                    tr {
                                        th scope="row" { a href={ "/areas/" (r.geo) } { (r.name) } }
                                        td.num { (render::obs_value(r.migrants)) " " (render::badge(r.migrants)) }
                                        td.num { @if let Some(n) = r.nationals { (render::obs_value(n)) " " (render::badge(n)) } @else { "not available" } }
                                        td.num { @if let Some(g) = r.gap { (render::difference(g, &r.migrants.unit)) } @else { "—" } }
                                    }
                                }
                            }
                        } }
                    }
                    h2 { "Where the numbers come from" }
                    ul {
                        @for ds in &d.datasets {
                            li {
                                strong { (ds.name) } ": " (ds.source) " (" (ds.method) ", " (ds.observations) " values)"
                                @if ds.synthetic { " " span.badge.synthetic { "synthetic" } }
                            }
                        }
                    }
                },
            )
        },
        || &view,
        || {
            let mut t = Table::new([
                "geo",
                "name",
                "indicator",
                "time",
                "foreign",
                "nationals",
                "gap",
            ]);
            if let Some(h) = &view.headline {
                for r in &h.rows {
                    t.push(vec![
                        r.geo.to_string(),
                        r.name.to_string(),
                        h.indicator.to_string(),
                        h.time.clone(),
                        cell(r.migrants.estimate),
                        cell(r.nationals.and_then(|n| n.estimate)),
                        cell(r.gap),
                    ]);
                }
            }
            t
        },
    )
}
