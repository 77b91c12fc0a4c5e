//! Methodology and reliability: how to read the numbers, the flags, the reliability rules, the
//! methods (direct, model-based, official), the comparisons, and the sources.

use axum::http::HeaderMap;
use axum::response::Response;
use maud::html;
use serde::Serialize;

use civis_store::DisclosureRules;

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
    /// The disclosure thresholds per source (`crates/civis-catalog/data/disclosure.toml`).
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
                .filter(|x| {
                    x.method == civis_catalog::Method::Direct
                        && rules.for_dataset(&x.provenance()).id == r.id
                })
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
        parts.push(format!("CV > {:.1} %", 100.0 * cv));
    }
    if parts.is_empty() {
        "—".into()
    } else {
        parts.join(" or ")
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
                    h2 #disclosure { "Disclosure thresholds" }
                    p { "Every direct survey estimate, at every level (country, region, district, city), is judged by its source’s rule twice: when it is stored and again when this portal serves it. A cell below the suppression threshold is shown nowhere — no value, interval, standard error or sample size, on no page, in no API answer and in no download — only the word “suppressed” and the flag u. A gap between two groups is suppressed when either group is. Official figures keep the flags their publisher set; small area (model-based) estimates exist precisely for small samples and are shown with their model share. The thresholds are data: " code { "crates/civis-catalog/data/disclosure.toml" } "." }
                    div.table-scroll role="region" aria-label="Disclosure thresholds" tabindex="0" { table {
                        caption { "Disclosure thresholds per source (n: unweighted sample observations; CV: standard error ÷ estimate)" }
                        thead { tr { th scope="col" { "Source" } th scope="col" { "Suppressed when" } th scope="col" { "Flagged u when" } th scope="col" { "Basis" } th scope="col" { "Datasets here" } } }
                        tbody {
                            @for t in &view.disclosure {
                                tr {
                                    th scope="row" { (t.name) }
                                    td { (rule_text(t.suppress_below_n, t.suppress_above_cv)) }
                                    td { (rule_text(t.flag_below_n, t.flag_above_cv)) }
                                    td { (t.basis) }
                                    td { @if t.datasets.is_empty() { "—" } @else { (t.datasets.join(", ")) } }
                                }
                            }
                        }
                    } }
                    p { "EU-LFS limits A and B are weighted counts in thousands of persons set per country: they are applied where an estimate is computed from microdata (" code { "civis indicators --lfs-limits" } "), since a stored value carries no weighted count." }
                    h2 #intervals { "Intervals and verdicts" }
                    dl.defs {
                        dt { "Proportions" } dd { "Intervals for rates and shares stay inside 0–100 %: the logit interval of R survey’s " code { "svyciprop(method = \"logit\")" } " (the interval of log(p/(1−p)) with the design’s degrees of freedom, transformed back), and at 0 % or 100 % the exact Clopper-Pearson interval for the cell’s n, so an interval never has zero width." }
                        dt { "Differences" } dd { "A gap A − B is significant when its 95 % interval excludes 0." }
                        dt { "Ratios" } dd { "A ratio A / B (for example the median income of a group as a percentage of nationals’) is significant when its 95 % interval excludes 100 % — equality — not 0." }
                    }
                    h2 #flags { "Eurostat flags" }
                    div.table-scroll role="region" aria-label="Eurostat flags" tabindex="0" { table {
                        caption { "Observation status codes (pre-2025 and 2025 lists; since 2025 confidentiality is a separate status C/N/P)" }
                        thead { tr { th scope="col" { "Flag" } th scope="col" { "Meaning" } } }
                        tbody { @for f in &view.flags { tr { td { code { (f.code) } } td { (f.meaning) } } } }
                    } }
                    h2 #methods { "Methods" }
                    dl.defs {
                        dt { "Direct estimates" } dd { "Design-based estimates from survey microdata with the survey’s weights, strata and clusters; variances by linearisation (ultimate-cluster), as R survey and laeken compute them. At-risk-of-poverty rates use the national threshold (60 % of the national median equivalised income)." }
                        dt { "Gaps" } dd { "Migrant − national differences are estimated with the covariance of the two groups in the same sample, so their intervals are exact for the design; a difference is significant when its 95 % interval excludes zero, a ratio when it excludes 100 %." }
                        dt { "Rankings" } dd { "Rank 1 is the best value. The rank interval is the range of ranks an area takes in 95 % of 1,000 parametric simulations drawn from each area’s estimate and standard error: overlapping intervals mean the order is not established." }
                        dt { "Comparisons" } dd { "Two areas are compared with a z test on the difference of their estimates (independent samples: the variances add). Comparing several areas with one, p-values are Holm-adjusted." }
                        dt { "Similar areas" } dd { "Nearest neighbours on context indicators: each indicator is standardised over the areas of the same level, and the distance is the weighted Euclidean distance over the indicators both areas have. The share each indicator contributes to the distance is shown, and the weights can be changed." }
                        dt { "Small area estimation" } dd { "Fay-Herriot area-level model fitted by REML, validated against R sae and emdi; see the Civis documentation." }
                    }
                    h2 #sources { "Sources" }
                    p { "Indicator catalogue version " code { (view.catalogue_version) } "." }
                    div.table-scroll role="region" aria-label="Datasets" tabindex="0" { table {
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
                    } }
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
