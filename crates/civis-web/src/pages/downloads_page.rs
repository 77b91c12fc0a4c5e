//! The downloads page: every indicator in CSV, XLSX, JSON-stat and SDMX-CSV.

use axum::http::HeaderMap;
use axum::response::Response;
use maud::html;
use serde::Serialize;

use crate::data::PortalData;
use crate::downloads::DownloadFormat;
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
                    title: "Downloads",
                    path: "/downloads",
                    query: "",
                    twins: true,
                    synthetic: false,
                },
                html! {
                    h1 { "Downloads" }
                    p.lead { "Every indicator, all areas, groups and years, with confidence intervals, sample sizes and flags. Suppressed values keep their flag and have no number. CSV and XLSX cells never start a formula. The XLSX file has a metadata sheet with the definition, the sources and the flags legend; JSON-stat 2.0 and SDMX-CSV 2.0 carry the flags as status / OBS_FLAG and CONF_STATUS." }
                    div.table-scroll role="region" aria-label="Downloads" tabindex="0" { table {
                        caption { "Files by indicator" }
                        thead { tr { th scope="col" { "Indicator" } th.num scope="col" { "Values" } th scope="col" { "Files" } } }
                        tbody {
                            @for e in &entries {
                                tr {
                                    th scope="row" { a href={ "/indicators/" (e.indicator) } { (e.name) } }
                                    td.num { (e.observations) }
                                    td { @for (i, (label, href)) in e.files.iter().enumerate() { @if i > 0 { " · " } a href=(href) download { (label) span.chart-alt { " of " (e.name) } } } }
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
