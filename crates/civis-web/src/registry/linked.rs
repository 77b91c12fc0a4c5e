//! The portal's numbers next to registry entries: the series of an indicator in an area with its
//! trend, and the peer areas that improved an indicator. Read-model work for the registry's
//! pages, no HTTP: the trend's verdict is `civis-compare`'s test ([`civis_compare::change`]),
//! the peers are those of the Similar areas page ([`PeersView::nearest`]).

use std::collections::BTreeMap;

use civis_catalog::{Group, Method, UnitCode};

use serde::Serialize;

use crate::data::{group_order, method_rank, AreaInfo, Obs, PortalData};
use crate::pages::peers::PeersView;
use crate::render;
use crate::stats::{estimate, LEVEL};

/// The series of one indicator for one area and group, oldest first.
#[derive(Debug, Serialize)]
pub struct Series {
    pub indicator: String,
    pub name: String,
    pub unit: UnitCode,
    pub higher_is_better: bool,
    pub geo: String,
    pub geo_name: String,
    pub group: Group,
    pub group_label: String,
    pub points: Vec<Point>,
    /// Latest minus earliest estimate, in the indicator's unit (percentage points for rates).
    pub change: Option<f64>,
    /// Whether the change is larger than the uncertainty: significant at 95 % by
    /// [`civis_compare::change`] (false without a standard error for either period).
    pub change_beyond_uncertainty: bool,
    /// Whether any value comes from synthetic test data.
    pub synthetic: bool,
}

#[derive(Debug, Serialize)]
pub struct Point {
    pub time: String,
    pub estimate: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub status: &'static str,
    pub method: Method,
    pub value: String,
    pub interval: String,
}

/// Headline series of `indicator` for `geo`, one per group (gaps left out).
pub(crate) fn series(d: &PortalData, indicator: &str, geo: &str) -> Vec<Series> {
    let Some(info) = d.indicator(indicator) else {
        return Vec::new();
    };
    let mut by_group: BTreeMap<(String, Group), BTreeMap<String, &Obs>> = BTreeMap::new();
    for o in d.of_area(geo) {
        if o.stored.indicator != indicator || !d.is_headline(o) || o.stored.group.is_gap() {
            continue;
        }
        let slot = by_group
            .entry((o.stored.criterion.clone(), o.stored.group.clone()))
            .or_default();
        match slot.get(&o.stored.time) {
            Some(b) if method_rank(b.method) <= method_rank(o.method) => {}
            _ => {
                slot.insert(o.stored.time.clone(), o);
            }
        }
    }
    let mut groups: Vec<_> = by_group.into_iter().collect();
    groups.sort_by_key(|((c, g), _)| (group_order(g), c.clone(), g.clone()));
    groups
        .into_iter()
        .map(|((criterion, group), obs)| {
            let points: Vec<Point> = obs
                .values()
                .map(|o| Point {
                    time: o.stored.time.clone(),
                    estimate: o.stored.estimate,
                    ci_low: o.stored.ci_low,
                    ci_high: o.stored.ci_high,
                    status: o.status.label(),
                    method: o.method,
                    value: render::obs_value(o),
                    interval: render::interval(o),
                })
                .collect();
            let (change, beyond) = trend(&obs);
            Series {
                synthetic: obs.values().any(|o| o.synthetic),
                indicator: indicator.to_owned(),
                name: info.name.clone(),
                unit: info.unit.clone(),
                higher_is_better: info.higher_is_better,
                geo: geo.to_owned(),
                geo_name: crate::i18n::neutral_name(d, geo).to_owned(),
                group_label: render::group_label(&group, &criterion),
                group,
                points,
                change,
                change_beyond_uncertainty: beyond,
            }
        })
        .collect()
}

/// The change from the first to the last period with a value, and whether it is significant
/// ([`civis_compare::change`] at [`LEVEL`]); no change with fewer than two such periods.
fn trend(by_period: &BTreeMap<String, &Obs>) -> (Option<f64>, bool) {
    let with_value: Vec<&Obs> = by_period
        .values()
        .copied()
        .filter(|o| o.stored.estimate.is_some())
        .collect();
    match (with_value.first(), with_value.last()) {
        (Some(a), Some(b)) if with_value.len() >= 2 => {
            let change = b.stored.estimate.unwrap_or(0.0) - a.stored.estimate.unwrap_or(0.0);
            let beyond = civis_compare::change(estimate(a), estimate(b), LEVEL)
                .is_ok_and(|c| c.verdict.is_significant());
            (Some(change), beyond)
        }
        _ => (None, false),
    }
}

/// The series for an area, or for the nearest area above it that has data for the indicator.
pub(crate) fn series_near(d: &PortalData, indicator: &str, geo: &str) -> Vec<Series> {
    let own = series(d, indicator, geo);
    if !own.is_empty() {
        return own;
    }
    for c in d.comparators(geo) {
        let s = series(d, indicator, &c.code);
        if !s.is_empty() {
            return s;
        }
    }
    // a NUTS code without data of its own: walk up the code
    let mut code = geo.to_owned();
    while code.len() > 2 {
        code.pop();
        let s = series(d, indicator, &code);
        if !s.is_empty() {
            return s;
        }
    }
    Vec::new()
}

/// A peer area's improvement on one indicator.
#[derive(Debug, Serialize)]
pub struct Improvement {
    pub indicator: String,
    pub name: String,
    pub group: Group,
    pub group_label: String,
    pub from: String,
    pub to: String,
    pub change: f64,
    pub change_text: String,
    pub beyond_uncertainty: bool,
}

/// Neighbours asked for in "cities like yours".
const PEERS: usize = 10;

/// Migrant groups first: the group whose change a city most likely wants to learn from.
const GROUP_PREFERENCE: &[&str] = &["NEU27_2020_FOR", "FOR", "FBO", "EU27_2020_FOR", "TOTAL"];

/// The indicators whose headline series in `geo` changed for the better (all, or `only`).
pub(crate) fn improvements(d: &PortalData, geo: &str, only: Option<&str>) -> Vec<Improvement> {
    let mut out = Vec::new();
    for info in &d.indicators {
        if only.is_some_and(|i| i != info.id) {
            continue;
        }
        let all = series(d, &info.id, geo);
        let Some(s) = GROUP_PREFERENCE.iter().find_map(|g| {
            all.iter()
                .find(|s| s.group.code() == *g && s.change.is_some())
        }) else {
            continue;
        };
        let Some(change) = s.change else { continue };
        let better = change != 0.0 && (change > 0.0) == s.higher_is_better;
        if !better {
            continue;
        }
        let with: Vec<&Point> = s.points.iter().filter(|p| p.estimate.is_some()).collect();
        out.push(Improvement {
            indicator: info.id.clone(),
            name: info.name.clone(),
            group: s.group.clone(),
            group_label: s.group_label.clone(),
            from: with.first().map(|p| p.time.clone()).unwrap_or_default(),
            to: with.last().map(|p| p.time.clone()).unwrap_or_default(),
            change,
            change_text: render::difference(change, &s.unit),
            beyond_uncertainty: s.change_beyond_uncertainty,
        });
    }
    out
}

/// How the peers of "cities like yours" were chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeerMethod {
    /// The statistical nearest neighbours of the Similar areas page.
    Nearest,
    /// The areas of the same kind in the same country.
    SameCountry,
}

impl PeerMethod {
    /// The English sentence of the JSON and CSV twins.
    pub fn english(self) -> &'static str {
        match self {
            PeerMethod::Nearest => {
                "statistical nearest neighbours on the context indicators (see the Similar areas page)"
            }
            PeerMethod::SameCountry => "areas of the same kind in the same country",
        }
    }

    /// The message id of the sentence on pages.
    pub fn key(self) -> &'static str {
        match self {
            PeerMethod::Nearest => "reg-peers-nearest",
            PeerMethod::SameCountry => "reg-peers-same-country",
        }
    }
}

/// Peer areas of `area` and how they were chosen: its ten statistical nearest neighbours, or
/// else the areas of the same kind in the same country.
pub(crate) fn peer_areas<'a>(
    d: &'a PortalData,
    area: &'a AreaInfo,
) -> (Vec<&'a AreaInfo>, PeerMethod) {
    if let Ok(v) = PeersView::nearest(d, area, PEERS, |_| Ok(1.0)) {
        let peers: Vec<&AreaInfo> = v.peers.iter().filter_map(|p| d.area(p.geo)).collect();
        if !peers.is_empty() {
            return (peers, PeerMethod::Nearest);
        }
    }
    let peers = d
        .areas
        .iter()
        .filter(|a| a.kind == area.kind && a.code != area.code && a.country == area.country)
        .collect();
    (peers, PeerMethod::SameCountry)
}
