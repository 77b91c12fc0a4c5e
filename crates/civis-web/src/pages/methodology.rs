//! Methodology and reliability: how to read the numbers, the flags, the reliability rules, the
//! methods (direct, model-based, official), the comparisons, and the sources.

use axum::http::HeaderMap;
use axum::response::Response;
use maud::html;
use serde::Serialize;

use civis_store::DisclosureRules;

use crate::data::{DatasetView, PortalData};
use crate::i18n::t;
use crate::layout::{page, Page};
use crate::render::flag_meaning;
use crate::respond::{respond, Format, Table};

#[derive(Serialize)]
struct Flag {
    code: char,
    meaning: String,
}

#[derive(Serialize)]
struct View<'a> {
    flags: Vec<Flag>,
    datasets: &'a [DatasetView],
    catalogue_version: &'a str,
    /// The disclosure thresholds per source (`catalog/disclosure.toml`).
    disclosure: Vec<Threshold<'a>>,
}

/// One source's disclosure thresholds, and the datasets judged by them.
#[derive(Serialize)]
struct Threshold<'a> {
    source: &'a str,
    name: &'a str,
    suppress_below_n: Option<i64>,
    flag_below_n: Option<i64>,
    suppress_above_cv: Option<f64>,
    flag_above_cv: Option<f64>,
    basis: &'a str,
    datasets: Vec<&'a str>,
}

fn thresholds(d: &PortalData) -> Vec<Threshold<'_>> {
    let rules = DisclosureRules::shipped();
    rules
        .source
        .iter()
        .map(|r| Threshold {
            source: &r.id,
            name: &r.name,
            suppress_below_n: r.suppress_below,
            flag_below_n: r.flag_below,
            suppress_above_cv: r.cv_suppress,
            flag_above_cv: r.cv_flag,
            basis: &r.basis,
            datasets: d
                .datasets
                .iter()
                .filter(|x| x.method == "direct" && rules.for_dataset(&x.provenance()).id == r.id)
                .map(|x| x.name.as_str())
                .collect(),
        })
        .collect()
}

/// `n < 20`, `CV > 33.3 %`, both joined by "or", or "—".
fn rule_text(n: Option<i64>, cv: Option<f64>) -> String {
    let mut parts = Vec::new();
    if let Some(n) = n {
        parts.push(format!("n < {n}"));
    }
    if let Some(cv) = cv {
        parts.push(format!("CV > {}", crate::i18n::percent(100.0 * cv, 1)));
    }
    if parts.is_empty() {
        "—".into()
    } else {
        parts.join(t("list-or").as_str())
    }
}

pub fn render(d: &PortalData, headers: &HeaderMap, format: Format) -> Response {
    let view = View {
        flags: "bcdefimnprsuz"
            .chars()
            .map(|c| Flag {
                code: c,
                meaning: flag_meaning(c),
            })
            .collect(),
        datasets: &d.datasets,
        catalogue_version: &d.catalogue_version,
        disclosure: thresholds(d),
    };
    respond(
        headers,
        format,
        d.version,
        || {
            page(
                &Page {
                    title: &t("methodology-title"),
                    path: "/methodology",
                    query: "",
                    twins: true,
                    synthetic: d.datasets.iter().any(|x| x.synthetic),
                },
                html! {
                    h1 { (t("methodology-title")) }
                    h2 #reading { (t("methodology-reading")) }
                    p { (t("methodology-reading-text")) }
                    dl.defs {
                        dt { (t("methodology-no-badge")) } dd { (t("methodology-no-badge-text")) }
                        dt { span.badge.official { "E" } " " (t("methodology-official")) } dd { (t("methodology-official-text")) }
                        dt { span.badge.low { "u" } " " (t("methodology-low")) } dd { (t("methodology-low-text")) }
                        dt { span.badge.suppressed { "c" } " " (t("methodology-suppressed")) } dd { (t("methodology-suppressed-text")) }
                        dt { span.badge.model { "M" } " " (t("methodology-model")) } dd { (t("methodology-model-text")) }
                        dt { span.badge.synthetic { (t("badge-synthetic")) } " " (t("methodology-synthetic")) } dd { (t("methodology-synthetic-text")) }
                    }
                    h2 #disclosure { (t("methodology-disclosure")) }
                    p { (t("methodology-disclosure-text")) " " code { "catalog/disclosure.toml" } "." }
                    div.table-scroll role="region" aria-label=(t("methodology-disclosure")) tabindex="0" { table {
                        caption { (t("methodology-disclosure-caption")) }
                        thead { tr { th scope="col" { (t("methodology-col-source")) } th scope="col" { (t("methodology-col-suppressed")) } th scope="col" { (t("methodology-col-flagged")) } th scope="col" { (t("methodology-col-basis")) } th scope="col" { (t("methodology-col-datasets")) } } }
                        tbody {
                            @for r in &view.disclosure {
                                tr {
                                    th scope="row" { (r.name) }
                                    td { (rule_text(r.suppress_below_n, r.suppress_above_cv)) }
                                    td { (rule_text(r.flag_below_n, r.flag_above_cv)) }
                                    td { (r.basis) }
                                    td { @if r.datasets.is_empty() { "—" } @else { (r.datasets.join(", ")) } }
                                }
                            }
                        }
                    } }
                    p { (t("methodology-lfs-limits")) " " code { "civis indicators --lfs-limits" } "." }
                    h2 #intervals { (t("methodology-intervals")) }
                    dl.defs {
                        dt { (t("methodology-proportions")) } dd { (t("methodology-proportions-text")) " " code { "svyciprop(method = \"logit\")" } "." }
                        dt { (t("methodology-differences")) } dd { (t("methodology-differences-text")) }
                        dt { (t("methodology-ratios")) } dd { (t("methodology-ratios-text")) }
                    }
                    h2 #flags { (t("methodology-flags")) }
                    div.table-scroll role="region" aria-label=(t("methodology-flags")) tabindex="0" { table {
                        caption { (t("methodology-flags-caption")) }
                        thead { tr { th scope="col" { (t("methodology-col-flag")) } th scope="col" { (t("methodology-col-meaning")) } } }
                        tbody { @for f in &view.flags { tr { td { code { (f.code) } } td { (f.meaning) } } } }
                    } }
                    h2 #methods { (t("methodology-methods")) }
                    dl.defs {
                        dt { (t("methodology-direct")) } dd { (t("methodology-direct-text")) }
                        dt { (t("methodology-gaps")) } dd { (t("methodology-gaps-text")) }
                        dt { (t("methodology-rankings")) } dd { (t("methodology-rankings-text")) }
                        dt { (t("methodology-comparisons")) } dd { (t("methodology-comparisons-text")) }
                        dt { (t("methodology-similar")) } dd { (t("methodology-similar-text")) }
                        dt { (t("methodology-sae")) } dd { (t("methodology-sae-text")) }
                    }
                    h2 #sources { (t("sources-title")) }
                    p { (t("methodology-catalogue-version")) " " code { (view.catalogue_version) } "." }
                    div.table-scroll role="region" aria-label=(t("methodology-datasets")) tabindex="0" { table {
                        caption { (t("methodology-datasets-caption")) }
                        thead { tr { th scope="col" { (t("methodology-col-dataset")) } th scope="col" { (t("methodology-col-source")) } th scope="col" { (t("col-method")) } th scope="col" { (t("methodology-col-vintage")) } th.num scope="col" { (t("downloads-values")) } th scope="col" { (t("methodology-col-attribution")) } } }
                        tbody {
                            @for ds in view.datasets {
                                tr {
                                    td { code { (ds.name) } @if ds.synthetic { " " span.badge.synthetic { (t("badge-synthetic")) } } }
                                    td { (ds.source) } td { (t(&format!("method-{}", ds.method))) } td { (ds.vintage) }
                                    td.num { (ds.observations) } td { (ds.attribution) }
                                }
                            }
                        }
                    } }
                },
            )
        },
        || &view,
        || {
            let mut t = Table::new(["flag", "meaning"]);
            for f in &view.flags {
                t.push(vec![f.code.to_string(), f.meaning.clone()]);
            }
            t
        },
    )
}
