//! Methodology and reliability: how to read the numbers, the flags, the reliability rules, the
//! methods (direct, model-based, official), the comparisons, and the sources.

use axum::http::HeaderMap;
use axum::response::Response;
use maud::html;
use serde::Serialize;

use crate::data::{DatasetView, PortalData};
use crate::layout::{page, Page};
use crate::render::flag_meaning;
use crate::respond::{respond, Format, Table};

#[derive(Serialize)]
struct Flag {
    code: char,
    meaning: &'static str,
}

#[derive(Serialize)]
struct View<'a> {
    flags: Vec<Flag>,
    datasets: &'a [DatasetView],
    catalogue_version: &'a str,
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
    };
    respond(
        headers,
        format,
        d.version,
        || {
            page(
                &Page {
                    title: "Methodology and reliability",
                    path: "/methodology",
                    query: "",
                    twins: true,
                    synthetic: d.datasets.iter().any(|x| x.synthetic),
                },
                html! {
                    h1 { "Methodology and reliability" }
                    h2 #reading { "How to read a number" }
                    p { "Every value is an estimate. Next to it you find its 95 % confidence interval (the range that contains the true value in 95 of 100 samples), the number of survey respondents behind it (n), and its status:" }
                    dl.defs {
                        dt { "No badge" } dd { "A direct survey estimate that passed the reliability rule." }
                        dt { span.badge.official { "E" } " Official" } dd { "A figure published by Eurostat. Eurostat publishes no standard errors, so its intervals are not shown and differences between official figures cannot be tested." }
                        dt { span.badge.low { "u" } " Low reliability" } dd { "Published with a warning: the sample behind it is small (EU-SILC: fewer than 50 respondents, or item non-response above 50 %; EU-LFS: below the country’s limit B). Drawn hatched on maps and greyed in charts." }
                        dt { span.badge.suppressed { "c" } " Suppressed" } dd { "Not published: too few respondents (EU-SILC: fewer than 20) or confidential. Shown as “suppressed”, never as zero, and left out of every download." }
                        dt { span.badge.model { "M" } " Model-based" } dd { "A small area estimate (Fay-Herriot EBLUP): a weighted average of the survey’s direct estimate and a prediction from administrative covariates. The percentage is the model’s share (1 − γ): the smaller the area’s sample, the more the model weighs. Its interval uses the estimated mean squared error (Prasad-Rao / Datta-Lahiri)." }
                        dt { span.badge.synthetic { "synthetic" } " Synthetic data" } dd { "Computed by Civis from synthetic test data (the R packages laeken and emdi ship them): they show what Civis does for a city, but they are not statistics about real people." }
                    }
                    h2 #flags { "Eurostat flags" }
                    table {
                        caption { "Observation status codes (pre-2025 and 2025 lists; since 2025 confidentiality is a separate status C/N/P)" }
                        thead { tr { th scope="col" { "Flag" } th scope="col" { "Meaning" } } }
                        tbody { @for f in &view.flags { tr { td { code { (f.code) } } td { (f.meaning) } } } }
                    }
                    h2 #methods { "Methods" }
                    dl.defs {
                        dt { "Direct estimates" } dd { "Design-based estimates from survey microdata with the survey’s weights, strata and clusters; variances by linearisation (ultimate-cluster), as R survey and laeken compute them. At-risk-of-poverty rates use the national threshold (60 % of the national median equivalised income)." }
                        dt { "Gaps" } dd { "Migrant − national differences are estimated with the covariance of the two groups in the same sample, so their intervals are exact for the design; a gap is significant when its 95 % interval excludes zero." }
                        dt { "Rankings" } dd { "Rank 1 is the best value. The rank interval is the range of ranks an area takes in 95 % of 1,000 parametric simulations drawn from each area’s estimate and standard error: overlapping intervals mean the order is not established." }
                        dt { "Comparisons" } dd { "Two areas are compared with a z test on the difference of their estimates (independent samples: the variances add). Comparing several areas with one, p-values are Holm-adjusted." }
                        dt { "Similar areas" } dd { "Nearest neighbours on context indicators: each indicator is standardised over the areas of the same level, and the distance is the weighted Euclidean distance over the indicators both areas have. The share each indicator contributes to the distance is shown, and the weights can be changed." }
                        dt { "Small area estimation" } dd { "Fay-Herriot area-level model fitted by REML, validated against R sae and emdi; see the Civis documentation." }
                    }
                    h2 #sources { "Sources" }
                    p { "Indicator catalogue version " code { (view.catalogue_version) } "." }
                    table {
                        caption { "Datasets in this portal" }
                        thead { tr { th scope="col" { "Dataset" } th scope="col" { "Source" } th scope="col" { "Method" } th scope="col" { "Vintage" } th.num scope="col" { "Values" } th scope="col" { "Attribution" } } }
                        tbody {
                            @for ds in view.datasets {
                                tr {
                                    td { code { (ds.name) } @if ds.synthetic { " " span.badge.synthetic { "synthetic" } } }
                                    td { (ds.source) } td { (ds.method) } td { (ds.vintage) }
                                    td.num { (ds.observations) } td { (ds.attribution) }
                                }
                            }
                        }
                    }
                },
            )
        },
        || &view,
        || {
            let mut t = Table::new(["flag", "meaning"]);
            for f in &view.flags {
                t.push(vec![f.code.to_string(), f.meaning.to_string()]);
            }
            t
        },
    )
}
