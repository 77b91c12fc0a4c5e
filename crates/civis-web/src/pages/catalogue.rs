//! The indicator catalogue: every indicator with data, by policy area, with its definition.

use std::collections::BTreeMap;

use axum::http::HeaderMap;
use axum::response::Response;
use maud::html;
use serde::Serialize;

use crate::data::{IndicatorInfo, PortalData};
use crate::i18n::{href, indicator_definition, indicator_name, t, t_args};
use crate::layout::{page, Page};
use crate::pages::indicator::policy_area;
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
                    title: &t("nav-indicators"),
                    path: "/indicators",
                    query: "",
                    twins: true,
                    synthetic: false,
                },
                html! {
                    h1 { (t("nav-indicators")) }
                    p.lead {
                        (t("catalogue-lead")) " " code { (d.catalogue_version) } "."
                    }
                    @for (area, list) in &by_area {
                        h2 { (policy_area(area)) }
                        dl.defs {
                            @for e in list {
                                dt { a href=(href(&format!("/indicators/{}", e.info.id))) { (indicator_name(&e.info.id, &e.info.name)) } }
                                dd {
                                    @if e.info.definition.is_empty() { (t_args("catalogue-context", &[("source", e.info.source.as_str().into())])) } @else { (indicator_definition(&e.info.id, &e.info.definition)) }
                                    br;
                                    small { (t("catalogue-levels")) " " (e.levels.iter().map(|l| level_name(l)).collect::<Vec<_>>().join(", ")) " · " (t_args("home-values", &[("count", e.observations.into())])) " · id " code { (e.info.id) } }
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
                    e.info.unit.clone(),
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

/// A level, given by its English label (`degree of urbanisation`), in the page's language.
fn level_name(label: &str) -> String {
    use crate::data::AreaKind;
    [
        AreaKind::Aggregate,
        AreaKind::Country,
        AreaKind::Region,
        AreaKind::District,
        AreaKind::Degurba,
        AreaKind::City,
    ]
    .into_iter()
    .find(|k| k.label() == label)
    .map(|k| t(&format!("area-kind-{}", k.code())))
    .unwrap_or_else(|| label.to_string())
}
