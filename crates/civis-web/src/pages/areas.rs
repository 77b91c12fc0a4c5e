//! The list of areas with data, by kind and country.

use std::collections::BTreeMap;

use axum::http::HeaderMap;
use axum::response::Response;
use maud::html;
use serde::Serialize;

use crate::data::{AreaInfo, AreaKind, PortalData};
use crate::i18n::{href, place_name, t, t_args};
use crate::layout::{page, Page};
use crate::respond::{respond, Format, Table};

#[derive(Serialize)]
struct Entry<'a> {
    #[serde(flatten)]
    area: &'a AreaInfo,
    observations: usize,
    synthetic: bool,
}

pub fn render(d: &PortalData, headers: &HeaderMap, format: Format) -> Response {
    let entries: Vec<Entry> = d
        .areas
        .iter()
        .map(|a| Entry {
            area: a,
            observations: d.of_area(&a.code).count(),
            synthetic: d.of_area(&a.code).any(|o| o.synthetic),
        })
        .filter(|e| e.observations > 0)
        .collect();
    let mut groups: BTreeMap<AreaKind, Vec<&Entry>> = BTreeMap::new();
    for e in &entries {
        groups.entry(e.area.kind).or_default().push(e);
    }
    respond(
        headers,
        format,
        d.version,
        || {
            page(
                &Page {
                    title: &t("nav-areas"),
                    path: "/areas",
                    query: "",
                    twins: true,
                    synthetic: entries.iter().any(|e| e.synthetic),
                },
                html! {
                    h1 { (t("nav-areas")) }
                    p.lead { (t("areas-lead")) }
                    @for (kind, list) in &groups {
                        h2 { (t(heading(*kind))) " (" (list.len()) ")" }
                        ul.cards {
                            @for e in list {
                                li {
                                    a href=(href(&format!("/areas/{}", e.area.code))) { (place_name(e.area)) }
                                    " " small { code { (e.area.code) } }
                                    @if e.synthetic { " " span.badge.synthetic { (t("badge-synthetic")) } }
                                    br; small { (t_args("home-values", &[("count", e.observations.into())])) }
                                }
                            }
                        }
                    }
                },
            )
        },
        || &entries,
        || {
            let mut t = Table::new([
                "code",
                "name",
                "kind",
                "country",
                "parent",
                "observations",
                "synthetic",
            ]);
            for e in &entries {
                t.push(vec![
                    e.area.code.clone(),
                    e.area.name.clone(),
                    e.area.kind.code().to_string(),
                    e.area.country.clone(),
                    e.area.parent.clone().unwrap_or_default(),
                    e.observations.to_string(),
                    e.synthetic.to_string(),
                ]);
            }
            t
        },
    )
}

fn heading(k: AreaKind) -> &'static str {
    match k {
        AreaKind::Aggregate => "areas-aggregates",
        AreaKind::Country => "areas-countries",
        AreaKind::Region => "areas-regions",
        AreaKind::District => "areas-districts",
        AreaKind::Degurba => "areas-degurba",
        AreaKind::City => "areas-cities",
    }
}
