//! What a city page adds to an area profile: the migrant outcomes of the NUTS 2 region the city
//! lies in (Eurostat publishes no migrant outcomes for cities), its country, and its peers (the
//! cities of the same country closest to it in foreign-born share).
//!
//! The city's region comes from the city registry (`crates/civis-geo/data/cities.csv`: the city's
//! GISCO place-name point placed in a NUTS 2024 polygon), stored as the city's parent.

use maud::{html, Markup};
use serde::Serialize;

use crate::data::{AreaInfo, AreaKind, Obs, PortalData};
use crate::render;

/// Indicators of the region shown on a city page (migrant outcomes by country of birth).
const REGION_INDICATORS: [&str; 2] = ["employment_rate", "unemployment_rate"];
/// How many peer cities are listed.
const PEERS: usize = 5;

/// A peer city with its latest foreign-born share.
#[derive(Debug, Serialize)]
pub struct Peer<'a> {
    pub area: &'a AreaInfo,
    pub foreign_born_share: &'a Obs,
}

/// The city-specific part of an area profile.
#[derive(Debug, Serialize)]
pub struct CityContext<'a> {
    /// The NUTS 2 region (None when the city could not be placed or the region has no data).
    pub region: Option<&'a AreaInfo>,
    /// The region's latest migrant outcomes by country of birth, gaps included.
    pub region_outcomes: Vec<&'a Obs>,
    pub country: Option<&'a AreaInfo>,
    pub peers: Vec<Peer<'a>>,
}

/// The latest foreign-born share of an area.
fn latest_share<'a>(d: &'a PortalData, code: &str) -> Option<&'a Obs> {
    d.of_area_indicator(code, "foreign_born_share")
        .filter(|o| o.estimate.is_some())
        .max_by(|a, b| a.time.cmp(&b.time))
}

impl<'a> CityContext<'a> {
    /// The context of `city`; None for an area that is not a city.
    pub fn build(d: &'a PortalData, city: &'a AreaInfo) -> Option<CityContext<'a>> {
        if city.kind != AreaKind::City {
            return None;
        }
        let region = city.nuts2.as_deref().and_then(|r| d.area(r));
        let mut region_outcomes = Vec::new();
        if let Some(r) = region {
            for ind in REGION_INDICATORS {
                let obs: Vec<&Obs> = d
                    .of_area_indicator(&r.code, ind)
                    .filter(|o| o.criterion == "birth")
                    .collect();
                if let Some(t) = obs.iter().map(|o| o.time.as_str()).max() {
                    let mut latest: Vec<&Obs> = obs.into_iter().filter(|o| o.time == t).collect();
                    latest.sort_by_key(|o| (crate::data::group_order(&o.group), o.group.clone()));
                    region_outcomes.extend(latest);
                }
            }
        }
        let mut peers: Vec<Peer> = Vec::new();
        if let Some(own) = latest_share(d, &city.code).and_then(|o| o.estimate) {
            for a in d.areas.iter().filter(|a| {
                a.kind == AreaKind::City && a.country == city.country && a.code != city.code
            }) {
                if let Some(o) = latest_share(d, &a.code) {
                    peers.push(Peer {
                        area: a,
                        foreign_born_share: o,
                    });
                }
            }
            let dist = |p: &Peer| (p.foreign_born_share.estimate.unwrap_or(f64::NAN) - own).abs();
            peers.sort_by(|a, b| dist(a).total_cmp(&dist(b)));
            peers.truncate(PEERS);
        }
        Some(CityContext {
            region,
            region_outcomes,
            country: d.area(&city.country),
            peers,
        })
    }
}

/// The section of the city page.
pub fn section(d: &PortalData, city: &AreaInfo, c: &CityContext<'_>) -> Markup {
    html! {
        section aria-labelledby="city-region" {
            h2 #city-region { "Migrant outcomes in its region (NUTS 2)" }
            @match c.region {
                Some(r) => {
                    p { (city.name) " lies in " a href={ "/areas/" (r.code) } { (r.name) } " (" code { (r.code) } ", NUTS 2)"
                        @if let Some(n3) = &city.nuts3 { " and the NUTS 3 region " code { (n3) } }
                        @if let Some(k) = c.country { ", " a href={ "/areas/" (k.code) } { (k.name) } }
                        ". Eurostat publishes no migrant outcomes for cities: these are the region's, from the EU Labour Force Survey." }
                    @if c.region_outcomes.is_empty() { (crate::layout::empty("No migrant outcomes are published for this region.")) }
                    @else {
                        div.table-scroll role="region" aria-label={ "Migrant outcomes of " (r.name) } tabindex="0" { table {
                            caption { "Region (NUTS 2) " (r.name) ": employment and unemployment by country of birth, latest year" }
                            thead { tr { th scope="col" { "Indicator" } th scope="col" { "Group" } th scope="col" { "Ages" } th scope="col" { "Year" } th.num scope="col" { "Region (NUTS 2)" } th scope="col" { "Source" } } }
                            tbody {
                                @for o in &c.region_outcomes {
                                    tr {
                                        td { (d.indicator(&o.indicator).map(|i| i.name.as_str()).unwrap_or(&o.indicator)) }
                                        th scope="row" { (render::group_label(&o.group, &o.criterion)) }
                                        td { (crate::pages::indicator::age_label(&o.age)) }
                                        td { (o.time) }
                                        td.num {
                                            @if o.group.is_gap() {
                                                @match o.estimate { Some(v) => { (render::difference(v, &o.unit)) " " span.verdict { "not tested (no standard error published)" } } None => "—" }
                                            } @else { (render::obs_value(o)) " " (render::badge(o)) }
                                        }
                                        td { (o.source) }
                                    }
                                }
                            }
                        } }
                    }
                }
                None => p { "This city could not be placed in a NUTS 2024 region (see the city registry, "
                    code { "crates/civis-geo/data/cities.csv" } ")."
                    @if let Some(k) = c.country { " Country: " a href={ "/areas/" (k.code) } { (k.name) } "." } }
            }
        }
        @if !c.peers.is_empty() {
            section aria-labelledby="city-peers" {
                h2 #city-peers { "Peer cities" }
                p { "The cities of the same country closest to " (city.name) " in foreign-born share (latest year). "
                    a href={ "/peers/" (city.code) } { "Similar areas on every context indicator" } }
                div.table-scroll role="region" aria-label={ "Peer cities of " (city.name) } tabindex="0" { table {
                    caption { "Peer cities of " (city.name) " by foreign-born share" }
                    thead { tr { th scope="col" { "City" } th scope="col" { "Year" } th.num scope="col" { "Foreign-born share" } } }
                    tbody {
                        @for p in &c.peers {
                            tr {
                                th scope="row" { a href={ "/areas/" (p.area.code) } { (p.area.name) } }
                                td { (p.foreign_born_share.time) }
                                td.num { (render::obs_value(p.foreign_born_share)) " " (render::badge(p.foreign_born_share)) }
                            }
                        }
                    }
                } }
            }
        }
    }
}
