//! Similar areas: statistical nearest neighbours of an area among areas of the same level, on
//! context indicators (each standardised over those areas; weighted Euclidean distance over the
//! indicators both areas have), with each indicator's share of the distance — so "similar" is
//! explained — and user-adjustable weights (`?w.employment_rate:TOTAL=2`).

use std::collections::BTreeMap;

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use civis_catalog::{Group, TargetGroup, Unit, UnitCode};
use civis_compare::PeerModel;
use maud::{html, Markup};
use serde::Serialize;

use crate::data::{method_rank, AreaInfo, Obs, PortalData};
use crate::i18n::{href, place_name, t, t_args};
use crate::layout::{page, Page};
use crate::pages::Params;
use crate::render;
use crate::respond::{message_page, not_found_page, respond, Format, Table};
use crate::AppState;

/// Variables need values for at least this share of the candidate areas.
pub const MIN_COVERAGE: f64 = 0.5;
/// Default and largest number of neighbours.
pub const DEFAULT_K: usize = 5;
pub const MAX_K: usize = 20;

pub async fn peers(
    State(state): State<AppState>,
    Path(file): Path<String>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
) -> Response {
    let (code, format) = Format::split(&file);
    let d = &state.data;
    let Some(area) = d.area(code) else {
        return not_found_page();
    };
    let params = Params::parse(q.as_deref());
    let view = match PeersView::build(d, area, &params) {
        Ok(v) => v,
        Err(e) => return message_page(StatusCode::BAD_REQUEST, &t("error-invalid-request"), &e),
    };
    let query = params.query_string();
    respond(
        &headers,
        format,
        d.version,
        || html_page(d, &view, &query),
        || &view,
        || view.table(),
    )
}

/// A context variable.
#[derive(Debug, Serialize)]
pub struct Variable {
    /// `indicator:group`, the key of its weight parameter.
    pub key: String,
    pub indicator: String,
    pub name: String,
    pub group: Group,
    pub unit: UnitCode,
    pub weight: f64,
    /// The area's own value (latest period).
    pub value: Option<f64>,
}

/// A variable's share of the squared distance to one peer.
#[derive(Debug, Serialize)]
pub struct Share {
    pub key: String,
    pub share: f64,
    pub value: Option<f64>,
}

#[derive(Debug, Serialize)]
pub struct PeerRow<'a> {
    pub geo: &'a str,
    pub name: &'a str,
    pub distance: f64,
    pub shared: usize,
    pub contributions: Vec<Share>,
}

#[derive(Debug, Serialize)]
pub struct PeersView<'a> {
    pub area: &'a AreaInfo,
    pub candidates: usize,
    pub variables: Vec<Variable>,
    pub peers: Vec<PeerRow<'a>>,
    /// Areas left out because they share too few variables with this one.
    pub too_few_shared: Vec<&'a str>,
    pub synthetic: bool,
}

/// The latest headline value of each (indicator, group) for an area.
fn latest_values<'a>(d: &'a PortalData, geo: &str) -> BTreeMap<(&'a str, &'a Group), &'a Obs> {
    let mut m: BTreeMap<(&str, &Group), &Obs> = BTreeMap::new();
    for o in d.of_area(geo) {
        if o.stored.estimate.is_none() || !d.is_headline(o) || o.stored.group.is_gap() {
            continue;
        }
        let k = (o.stored.indicator.as_str(), &o.stored.group);
        match m.get(&k) {
            Some(b)
                if (
                    b.stored.time.as_str(),
                    std::cmp::Reverse(method_rank(b.method)),
                ) >= (
                    o.stored.time.as_str(),
                    std::cmp::Reverse(method_rank(o.method)),
                ) => {}
            _ => {
                m.insert(k, o);
            }
        }
    }
    m
}

impl<'a> PeersView<'a> {
    /// The view the query asks for: `k` neighbours (default [`DEFAULT_K`]) and the weights
    /// `w.{indicator}:{group}` (default 1).
    pub fn build(d: &'a PortalData, area: &'a AreaInfo, p: &Params) -> Result<Self, String> {
        let k = match p.get("k") {
            None => DEFAULT_K,
            Some(v) => match v.parse::<usize>() {
                Ok(k) if (1..=MAX_K).contains(&k) => k,
                _ => {
                    return Err(format!(
                        "parameter `k` must be a whole number from 1 to {MAX_K}, not `{v}`"
                    ))
                }
            },
        };
        Self::nearest(d, area, k, |key| match p.get(&format!("w.{key}")) {
            None => Ok(1.0),
            Some(w) => match w.parse::<f64>() {
                Ok(x) if x.is_finite() && x >= 0.0 => Ok(x),
                _ => Err(format!("weight `w.{key}` must be a number ≥ 0, not `{w}`")),
            },
        })
    }

    /// The `k` nearest neighbours of `area`, with the weight of each variable from `weight`
    /// (given the key `indicator:group`; an error refuses the view).
    pub fn nearest(
        d: &'a PortalData,
        area: &'a AreaInfo,
        k: usize,
        weight: impl Fn(&str) -> Result<f64, String>,
    ) -> Result<Self, String> {
        let candidates: Vec<&AreaInfo> = d.areas.iter().filter(|a| a.kind == area.kind).collect();
        let values: Vec<BTreeMap<(&str, &Group), &Obs>> = candidates
            .iter()
            .map(|a| latest_values(d, &a.code))
            .collect();
        // Context variables: the total population's value of every indicator, plus the migrant
        // groups of context indicators (e.g. the share of foreign citizens) — rates and shares
        // only: a head count measures the size of a country, not its situation, and would make
        // large countries each other's peers.
        let mut counts: BTreeMap<(&str, &Group), usize> = BTreeMap::new();
        for v in &values {
            for &(ind, group) in v.keys() {
                let Some(info) = d.indicator(ind).filter(|i| is_rate_or_share(&i.unit)) else {
                    continue;
                };
                let context = info.area == "Context";
                if *group == TargetGroup::Total || (context && *group != TargetGroup::Nat) {
                    *counts.entry((ind, group)).or_default() += 1;
                }
            }
        }
        let min = (MIN_COVERAGE * candidates.len() as f64).ceil() as usize;
        let keys: Vec<(&str, &Group)> = counts
            .into_iter()
            .filter(|(_, c)| *c >= min.max(2))
            .map(|(k, _)| k)
            .collect();
        let target = candidates
            .iter()
            .position(|a| a.code == area.code)
            .ok_or_else(|| "the area is not among the candidates".to_string())?;
        let mut variables = Vec::new();
        for &(ind, group) in &keys {
            let key = format!("{ind}:{group}");
            let weight = weight(&key)?;
            let info = d.indicator(ind);
            variables.push(Variable {
                key,
                indicator: ind.to_string(),
                name: format!(
                    "{} ({})",
                    info.map(|i| i.name.as_str()).unwrap_or(ind),
                    render::group_label(group, "citizenship").to_lowercase()
                ),
                group: group.clone(),
                unit: info.map(|i| i.unit.clone()).unwrap_or_default(),
                weight,
                value: values[target]
                    .get(&(ind, group))
                    .and_then(|o| o.stored.estimate),
            });
        }
        let mut view = PeersView {
            area,
            candidates: candidates.len(),
            variables,
            peers: Vec::new(),
            too_few_shared: Vec::new(),
            synthetic: values[target].values().any(|o| o.synthetic),
        };
        if view.variables.is_empty() || candidates.len() < 2 {
            return Ok(view);
        }
        let nv = keys.len();
        let mut matrix = Vec::with_capacity(candidates.len() * nv);
        for v in &values {
            for k in &keys {
                matrix.push(v.get(k).and_then(|o| o.stored.estimate).unwrap_or(f64::NAN));
            }
        }
        let weights: Vec<f64> = view.variables.iter().map(|v| v.weight).collect();
        let model = PeerModel::new(&matrix, nv, &weights).map_err(|e| e.to_string())?;
        let min_shared = nv.div_ceil(2).max(1);
        let result = model
            .nearest(target, k, min_shared)
            .map_err(|e| e.to_string())?;
        for peer in &result.peers {
            let a = candidates[peer.area];
            view.peers.push(PeerRow {
                geo: &a.code,
                name: &a.name,
                distance: peer.distance,
                shared: peer.shared,
                contributions: peer
                    .contributions
                    .iter()
                    .map(|c| Share {
                        key: view.variables[c.variable].key.clone(),
                        share: c.share,
                        value: values[peer.area]
                            .get(&keys[c.variable])
                            .and_then(|o| o.stored.estimate),
                    })
                    .collect(),
            });
        }
        view.too_few_shared = result
            .too_few_shared
            .iter()
            .map(|&i| candidates[i].code.as_str())
            .collect();
        Ok(view)
    }

    fn table(&self) -> Table {
        let mut t = Table::new([
            "geo",
            "name",
            "distance",
            "shared_variables",
            "variable",
            "share_of_distance",
            "value",
        ]);
        for p in &self.peers {
            for c in &p.contributions {
                t.push(vec![
                    p.geo.to_string(),
                    p.name.to_string(),
                    p.distance.to_string(),
                    p.shared.to_string(),
                    c.key.clone(),
                    c.share.to_string(),
                    crate::respond::cell(c.value),
                ]);
            }
        }
        t
    }
}

fn html_page(_d: &PortalData, v: &PeersView<'_>, query: &str) -> Markup {
    let a = v.area;
    let path = format!("/peers/{}", a.code);
    page(
        &Page {
            title: &t_args("peers-title", &[("area", place_name(a).as_ref().into())]),
            path: &path,
            query,
            twins: true,
            synthetic: v.synthetic,
        },
        html! {
            p { a href=(href(&format!("/areas/{}", a.code))) { (place_name(a)) } " › " (t("peers-crumb")) }
            h1 { (t_args("peers-title", &[("area", place_name(a).as_ref().into())])) }
            p.lead {
                (t_args("peers-lead", &[("kinds", t(&format!("peers-kinds-{}", a.kind.code())).into()), ("n", v.variables.len().into()), ("others", (v.candidates - 1).into())])) " "
                (t("peers-method"))
            }
            @if v.variables.is_empty() {
                (crate::layout::empty(&t("peers-no-indicators")))
            } @else {
                form.filters method="get" action=(href(&path)) {
                    @for var in &v.variables {
                        label { (t_args("peers-weight", &[("indicator", var.name.as_str().into())]))
                            input type="number" name={ "w." (var.key) } value=(var.weight) min="0" step="0.5" size="4";
                        }
                    }
                    button type="submit" { (t("peers-recompute")) }
                }
                @if v.peers.is_empty() {
                    (crate::layout::empty(&t("peers-none")))
                } @else {
                    // one column per indicator: wider than the page, so it scrolls on its own
                    // (a focusable, named region: keyboard users can scroll it too)
                    div.table-scroll role="region" aria-labelledby="peers-caption" tabindex="0" {
                        table {
                            caption #peers-caption { (t("peers-caption")) }
                            thead { tr {
                                th scope="col" { (t("col-area")) } th.num scope="col" { (t("peers-distance")) }
                                @for var in &v.variables { th.num scope="col" { (var.name) } }
                            } }
                            tbody {
                                tr.highlight {
                                    th scope="row" { (place_name(a)) " (" (t("peers-this-area")) ")" } td.num { "0" }
                                    @for var in &v.variables { td.num { (var.value.map(|x| render::value(x, &var.unit)).unwrap_or_else(|| "—".into())) } }
                                }
                                @for p in &v.peers {
                                    tr {
                                        th scope="row" { a href=(href(&format!("/areas/{}", p.geo))) { (p.name) } br; small { a href={ (href("/compare")) "?geo=" (a.code) "&geo=" (p.geo) } { (t("peers-compare")) } } }
                                        td.num { (crate::i18n::number(p.distance, 2)) }
                                        @for var in &v.variables {
                                            @let c = p.contributions.iter().find(|c| c.key == var.key);
                                            td.num {
                                                @match c {
                                                    Some(c) => {
                                                        (c.value.map(|x| render::value(x, &var.unit)).unwrap_or_default()) br;
                                                        small { (t_args("peers-share", &[("share", crate::i18n::percent(100.0 * c.share, 0).into())])) }
                                                        svg.share width="100" height="6" viewBox="0 0 100 6" aria-hidden="true" focusable="false" { rect width=(format!("{:.1}", 100.0 * c.share)) height="6" fill="#08519c" {} }
                                                    },
                                                    None => (t("value-not-available")),
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// Whether an indicator unit is a rate or a share (percent of a population, of the active
/// population, of a reference group), the only units peers are matched on.
pub fn is_rate_or_share(unit: &UnitCode) -> bool {
    unit.unit()
        .is_some_and(|u| u.is_percent() || u == Unit::PercentOfReference)
}
