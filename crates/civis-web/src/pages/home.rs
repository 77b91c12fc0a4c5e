//! The home page: what the site is, and a headline map and table (the employment rate of foreign
//! citizens by country against nationals, latest year).

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use civis_catalog::TargetGroup;
use maud::html;
use serde::Serialize;

use crate::data::{AreaKind, Obs, PortalData};
use crate::i18n::{self, href, indicator_name, t, t_args};
use crate::layout::{page, Page};
use crate::pages::indicator::area_label;
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
            let nat = nationals
                .iter()
                .find(|n| n.stored.geo == m.stored.geo)
                .copied();
            let gap = match (m.stored.estimate, nat.and_then(|n| n.stored.estimate)) {
                (Some(a), Some(b)) => Some(a - b),
                _ => None,
            };
            HeadlineRow {
                geo: &m.stored.geo,
                name: crate::i18n::neutral_name(d, &m.stored.geo),
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
                    title: &t("home-title"),
                    path: "/",
                    query: "",
                    twins: true,
                    synthetic: false,
                },
                html! {
                    h1 { (t("home-heading")) }
                    p.lead { (t("home-lead")) }
                    ul.cards {
                        li { h2 { a href=(href("/indicators")) { (t("nav-indicators")) } } p { (t_args("home-card-indicators", &[("count", view.indicators.into())])) } }
                        li { h2 { a href=(href("/areas")) { (t("nav-areas")) } } p { (t_args("home-card-areas", &[("count", view.areas.into())])) } }
                        li { h2 { a href=(href("/compare")) { (t("nav-compare")) } } p { (t("home-card-compare")) } }
                        li { h2 { a href="/registry" { (t("nav-registry")) } } p { (t("home-card-registry")) } }
                    }
                    @if let Some(h) = &view.headline {
                        @let name = indicator_name(h.indicator, h.name);
                        h2 { (t_args("home-headline", &[("indicator", name.as_ref().into()), ("time", h.time.as_str().into())])) }
                        (choropleth(d, h.indicator, AreaKind::Country, h.group, &h.time, None))
                        div.table-scroll role="region" aria-label=(t("home-countries")) tabindex="0" { table {
                            caption { (t_args("home-headline-caption", &[("indicator", name.as_ref().into()), ("time", h.time.as_str().into())])) }
                            thead { tr { th scope="col" { (t("col-country")) } th.num scope="col" { (t("group-for-citizenship")) } th.num scope="col" { (t("group-nat-citizenship")) } th.num scope="col" { (t("col-gap")) } } }
                            tbody {
                                @for r in &h.rows {
                                    tr {
                                        th scope="row" { a href=(href(&format!("/areas/{}", r.geo))) { (area_label(d, r.geo)) } }
                                        td.num { (render::obs_value(r.migrants)) " " (render::badge(r.migrants)) }
                                        td.num { @if let Some(n) = r.nationals { (render::obs_value(n)) " " (render::badge(n)) } @else { (t("value-not-available")) } }
                                        td.num { @if let Some(g) = r.gap { (render::difference(g, &r.migrants.stored.unit)) } @else { "—" } }
                                    }
                                }
                            }
                        } }
                    }
                    h2 { (t("home-sources")) }
                    ul {
                        @for ds in &d.datasets {
                            li {
                                strong { (ds.name) } ": " (ds.source) " (" (t(&format!("method-{}", ds.method))) ", " (t_args("home-values", &[("count", i18n::number(ds.observations as f64, 0).into())])) ")"
                                @if ds.synthetic { " " span.badge.synthetic { (t("badge-synthetic")) } }
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
                        cell(r.migrants.stored.estimate),
                        cell(r.nationals.and_then(|n| n.stored.estimate)),
                        cell(r.gap),
                    ]);
                }
            }
            t
        },
    )
}
