//! What a city page adds to an area profile: the migrant outcomes of the NUTS 2 region the city
//! lies in (Eurostat publishes no migrant outcomes for cities), its country, and its peers (the
//! cities of the same country closest to it in foreign-born share).
//!
//! The city's region comes from the city registry (`crates/civis-geo/data/cities.csv`: the city's
//! GISCO place-name point placed in a NUTS 2024 polygon), stored as the city's parent.

use maud::{html, Markup};
use serde::Serialize;

use crate::data::{AreaInfo, AreaKind, Obs, PortalData};
use crate::i18n::{href, indicator_name, place_name, t, t_args};
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
        .filter(|o| o.stored.estimate.is_some())
        .max_by(|a, b| a.stored.time.cmp(&b.stored.time))
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
                    .filter(|o| o.stored.criterion == "birth")
                    .collect();
                if let Some(t) = obs.iter().map(|o| o.stored.time.as_str()).max() {
                    let mut latest: Vec<&Obs> =
                        obs.into_iter().filter(|o| o.stored.time == t).collect();
                    latest.sort_by_key(|o| {
                        (
                            crate::data::group_order(&o.stored.group),
                            o.stored.group.clone(),
                        )
                    });
                    region_outcomes.extend(latest);
                }
            }
        }
        let mut peers: Vec<Peer> = Vec::new();
        if let Some(own) = latest_share(d, &city.code).and_then(|o| o.stored.estimate) {
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
            let dist =
                |p: &Peer| (p.foreign_born_share.stored.estimate.unwrap_or(f64::NAN) - own).abs();
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
            h2 #city-region { (t("city-region-title")) }
            @match c.region {
                Some(r) => {
                    p { (place_name(city)) " " (t("city-lies-in")) " " a href=(href(&format!("/areas/{}", r.code))) { (place_name(r)) } " (" code { (r.code) } ", NUTS 2)"
                        @if let Some(n3) = &city.nuts3 { " " (t("city-and-nuts3")) " " code { (n3) } }
                        @if let Some(k) = c.country { ", " a href=(href(&format!("/areas/{}", k.code))) { (place_name(k)) } }
                        ". " (t("city-no-city-outcomes")) }
                    @if c.region_outcomes.is_empty() { (crate::layout::empty(&t("city-no-region-outcomes"))) }
                    @else {
                        div.table-scroll role="region" aria-label=(t_args("city-outcomes-of", &[("region", place_name(r).as_ref().into())])) tabindex="0" { table {
                            caption { (t_args("city-outcomes-caption", &[("region", place_name(r).as_ref().into())])) }
                            thead { tr { th scope="col" { (t("col-indicator")) } th scope="col" { (t("col-group")) } th scope="col" { (t("city-col-ages")) } th scope="col" { (t("filter-year")) } th.num scope="col" { (t("city-col-region")) } th scope="col" { (t("methodology-col-source")) } } }
                            tbody {
                                @for o in &c.region_outcomes {
                                    tr {
                                        td { (d.indicator(&o.stored.indicator).map(|i| indicator_name(&i.id, &i.name).into_owned()).unwrap_or_else(|| o.stored.indicator.clone())) }
                                        th scope="row" { (render::group_label(&o.stored.group, &o.stored.criterion)) }
                                        td { (crate::pages::indicator::age_label(&o.stored.age)) }
                                        td { (o.stored.time) }
                                        td.num {
                                            @if o.stored.group.is_gap() {
                                                @match o.stored.estimate { Some(v) => { (render::difference(v, &o.stored.unit)) " " span.verdict { (t("verdict-not-tested")) } } None => "—" }
                                            } @else { (render::obs_value(o)) " " (render::badge(o)) }
                                        }
                                        td { (o.source) }
                                    }
                                }
                            }
                        } }
                    }
                }
                None => p { (t("city-not-placed")) " " code { "crates/civis-geo/data/cities.csv" } "."
                    @if let Some(k) = c.country { " " (t("city-country")) " " a href=(href(&format!("/areas/{}", k.code))) { (place_name(k)) } "." } }
            }
        }
        @if !c.peers.is_empty() {
            section aria-labelledby="city-peers" {
                h2 #city-peers { (t("city-peers-title")) }
                p { (t_args("city-peers-lead", &[("city", place_name(city).as_ref().into())])) " "
                    a href=(href(&format!("/peers/{}", city.code))) { (t("city-peers-link")) } }
                div.table-scroll role="region" aria-label=(t_args("city-peers-of", &[("city", place_name(city).as_ref().into())])) tabindex="0" { table {
                    caption { (t_args("city-peers-caption", &[("city", place_name(city).as_ref().into())])) }
                    thead { tr { th scope="col" { (t("city-col-city")) } th scope="col" { (t("filter-year")) } th.num scope="col" { (t("city-col-foreign-born")) } } }
                    tbody {
                        @for p in &c.peers {
                            tr {
                                th scope="row" { a href=(href(&format!("/areas/{}", p.area.code))) { (place_name(p.area)) } }
                                td { (p.foreign_born_share.stored.time) }
                                td.num { (render::obs_value(p.foreign_born_share)) " " (render::badge(p.foreign_born_share)) }
                            }
                        }
                    }
                } }
            }
        }
    }
}
