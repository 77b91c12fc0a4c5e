//! The indicator catalogue: every indicator with data, by policy area, with its definition.

use std::collections::BTreeMap;

use axum::http::HeaderMap;
use axum::response::Response;
use maud::html;
use serde::Serialize;

use crate::data::{IndicatorInfo, PortalData};
use crate::layout::{page, Page};
use crate::respond::{respond, Format, Table};

#[derive(Serialize)]
struct Entry<'a> {
    #[serde(flatten)]
    info: &'a IndicatorInfo,
    levels: Vec<&'static str>,
    observations: usize,
}

pub fn render(d: &PortalData, headers: &HeaderMap, format: Format) -> Response {
    let entries: Vec<Entry> = d
        .indicators
        .iter()
        .map(|i| Entry {
            info: i,
            levels: d.kinds_of(&i.id).iter().map(|k| k.label()).collect(),
            observations: d.of_indicator(&i.id).count(),
        })
        .collect();
    let mut by_area: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    for e in &entries {
        by_area.entry(&e.info.area).or_default().push(e);
    }
    respond(
        headers,
        format,
        d.version,
        || {
            page(
                &Page {
                    title: "Indicators",
                    path: "/indicators",
                    query: "",
                    twins: true,
                    synthetic: false,
                },
                html! {
                    h1 { "Indicators" }
                    p.lead {
                        "The EU migrant integration indicators (the “Zaragoza” set and its 2013 additions) that Civis computes or publishes, with their definitions. Catalogue version " code { (d.catalogue_version) } "."
                    }
                    @for (area, list) in &by_area {
                        h2 { (area) }
                        dl.defs {
                            @for e in list {
                                dt { a href={ "/indicators/" (e.info.id) } { (e.info.name) } }
                                dd {
                                    @if e.info.definition.is_empty() { "Context indicator from " (e.info.source) "." } @else { (e.info.definition) }
                                    br;
                                    small { "Levels: " (e.levels.join(", ")) " · " (e.observations) " values · id " code { (e.info.id) } }
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
                "id",
                "name",
                "area",
                "unit",
                "higher_is_better",
                "age",
                "definition",
                "levels",
                "observations",
            ]);
            for e in &entries {
                t.push(vec![
                    e.info.id.clone(),
                    e.info.name.clone(),
                    e.info.area.clone(),
                    e.info.unit.to_string(),
                    e.info.higher_is_better.to_string(),
                    e.info.age.clone(),
                    e.info.definition.clone(),
                    e.levels.join(";"),
                    e.observations.to_string(),
                ]);
            }
            t
        },
    )
}
