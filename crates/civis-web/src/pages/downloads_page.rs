//! The downloads page: every indicator in CSV, XLSX, JSON-stat and SDMX-CSV.

use axum::http::HeaderMap;
use axum::response::Response;
use maud::html;
use serde::Serialize;

use crate::data::PortalData;
use crate::downloads::DownloadFormat;
use crate::i18n::{href, indicator_name, t, t_args};
use crate::layout::{page, Page};
use crate::respond::{respond, Format, Table};

#[derive(Serialize)]
struct Entry<'a> {
    indicator: &'a str,
    name: &'a str,
    observations: usize,
    files: Vec<(&'static str, String)>,
}

pub fn render(d: &PortalData, headers: &HeaderMap, format: Format) -> Response {
    let entries: Vec<Entry> = d
        .indicators
        .iter()
        .map(|i| Entry {
            indicator: &i.id,
            name: &i.name,
            observations: d.of_indicator(&i.id).count(),
            files: DownloadFormat::ALL
                .iter()
                .map(|(_, suffix, label)| (*label, format!("/downloads/{}{}", i.id, suffix)))
                .collect(),
        })
        .collect();
    respond(
        headers,
        format,
        d.version,
        || {
            page(
                &Page {
                    title: &t("nav-downloads"),
                    path: "/downloads",
                    query: "",
                    twins: true,
                    synthetic: false,
                },
                html! {
                    h1 { (t("nav-downloads")) }
                    p.lead { (t("downloads-lead")) }
                    div.table-scroll role="region" aria-label=(t("nav-downloads")) tabindex="0" { table {
                        caption { (t("downloads-caption")) }
                        thead { tr { th scope="col" { (t("col-indicator")) } th.num scope="col" { (t("downloads-values")) } th scope="col" { (t("downloads-files")) } } }
                        tbody {
                            @for e in &entries {
                                @let name = indicator_name(e.indicator, e.name);
                                tr {
                                    th scope="row" { a href=(href(&format!("/indicators/{}", e.indicator))) { (name) } }
                                    td.num { (e.observations) }
                                    td { @for (i, (label, file)) in e.files.iter().enumerate() { @if i > 0 { " · " } a href=(file) download { (label) span.chart-alt { " " (t_args("downloads-of", &[("indicator", name.as_ref().into())])) } } } }
                                }
                            }
                        }
                    } }
                },
            )
        },
        || &entries,
        || {
            let mut t = Table::new([
                "indicator",
                "name",
                "observations",
                "csv",
                "xlsx",
                "jsonstat",
                "sdmx_csv",
            ]);
            for e in &entries {
                let mut row = vec![
                    e.indicator.to_string(),
                    e.name.to_string(),
                    e.observations.to_string(),
                ];
                row.extend(e.files.iter().map(|(_, h)| h.clone()));
                t.push(row);
            }
            t
        },
    )
}
