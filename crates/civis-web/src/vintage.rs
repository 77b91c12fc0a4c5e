//! Permalinks that pin a vintage: `/v/{release}/areas/{geo}` and `/v/{release}/indicators/{id}`
//! show exactly the numbers the store held just after release `{release}` (one release per
//! import, see [`civis_store::Release`]), next year as today, with a note when a newer vintage
//! exists. The links inside such a page lead to the current pages.
//!
//! At start-up [`PortalData::load`](crate::data::PortalData::load) keeps the earlier vintages
//! of every dataset beside the current read model ([`History`]); the read model of an older
//! release is built on first use from the current datasets that existed then and the earlier
//! vintages that were current then, and the last few are kept.

use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maud::{html, Markup};

use civis_store::{DatasetInfo, Definition, Geography, Observation, Release};

use crate::data::{Maps, PortalData};
use crate::i18n::{href, t, t_args};
use crate::pages::message_page;
use crate::AppState;

/// Read models of older releases kept in memory.
const KEPT: usize = 4;

/// Which vintage a read model shows.
#[derive(Debug, Clone, Default)]
pub struct Releases {
    /// The release a pinned read model shows (`None`: the current data).
    pub pinned: Option<Release>,
    /// The newest release in the store.
    pub latest: Option<Release>,
}

/// Everything needed to rebuild the read model of an older release.
#[derive(Debug, Default)]
pub struct History {
    pub releases: Vec<Release>,
    /// Earlier vintages of datasets, with their observations as stored.
    pub earlier: Vec<(DatasetInfo, Vec<Observation>)>,
    pub definitions: Vec<Definition>,
    pub geographies: Vec<Geography>,
    built: Mutex<Vec<(i64, Arc<PortalData>)>>,
}

impl History {
    pub fn new(
        releases: Vec<Release>,
        earlier: Vec<(DatasetInfo, Vec<Observation>)>,
        definitions: Vec<Definition>,
        geographies: Vec<Geography>,
    ) -> History {
        History {
            releases,
            earlier,
            definitions,
            geographies,
            built: Mutex::new(Vec::new()),
        }
    }
}

/// The read model of `release`: `None` when the store has no such release; the current one
/// when `release` is the newest.
pub fn data_at(current: &Arc<PortalData>, release: i64) -> Option<Arc<PortalData>> {
    let history = current.history.as_ref()?;
    let known = release == 0 || history.releases.iter().any(|r| r.id == release);
    if !known {
        return None;
    }
    if current
        .releases
        .latest
        .as_ref()
        .is_none_or(|l| release >= l.id)
    {
        return Some(current.clone());
    }
    let mut built = history.built.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((_, d)) = built.iter().find(|(r, _)| *r == release) {
        return Some(d.clone());
    }
    let pinned = history.releases.iter().find(|r| r.id == release).cloned();
    let d = Arc::new(PortalData::at_release(current, history, release, pinned));
    if built.len() >= KEPT {
        built.remove(0);
    }
    built.push((release, d.clone()));
    Some(d)
}

/// The map layers of `m`, copied for another read model.
pub fn copy_maps(m: &Maps) -> Maps {
    Maps::new(m.countries.clone(), m.nuts2.clone(), m.districts.clone())
}

/// The release named in a URL, or the response that refuses it.
fn pinned(state: &AppState, release: &str) -> Result<Arc<PortalData>, Box<Response>> {
    let Ok(r) = release.parse::<i64>() else {
        return Err(Box::new(message_page(
            StatusCode::BAD_REQUEST,
            "Not a release",
            &format!("`{release}` is not a release number: permalinks look like /v/3/areas/AT13."),
        )));
    };
    data_at(&state.data, r).ok_or_else(|| {
        let latest = state.data.releases.latest.as_ref().map_or(0, |l| l.id);
        Box::new(message_page(
            StatusCode::NOT_FOUND,
            "No such release",
            &format!("This database has no release {r}; the newest is {latest}."),
        ))
    })
}

/// `GET /v/{release}/areas/{geo}`: the area page as it was at that release.
pub async fn area(
    State(state): State<AppState>,
    Path((release, geo)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    match pinned(&state, &release) {
        Ok(data) => {
            let mut s = state.clone();
            s.data = data;
            crate::pages::area::area(State(s), Path(geo), headers).await
        }
        Err(r) => *r,
    }
}

/// `GET /v/{release}/indicators/{id}`: the indicator page as it was at that release.
pub async fn indicator(
    State(state): State<AppState>,
    Path((release, id)): Path<(String, String)>,
    q: axum::extract::RawQuery,
    headers: HeaderMap,
) -> Response {
    match pinned(&state, &release) {
        Ok(data) => {
            let mut s = state.clone();
            s.data = data;
            crate::pages::indicator::indicator(State(s), Path(id), q, headers).await
        }
        Err(r) => *r,
    }
}

/// Under the title of a page at `path` (without `/v/...`): on a pinned page, which release it
/// shows and, when there is a newer one, a note linking to the current page; on a current page,
/// the permalink that pins today's numbers.
pub fn banner(d: &PortalData, path: &str) -> Markup {
    let latest = d.releases.latest.as_ref();
    html! {
        @match (&d.releases.pinned, latest) {
            (Some(p), Some(l)) if l.id > p.id => {
                p.note.vintage role="note" {
                    (t_args("vintage-pinned", &[("release", p.id.to_string().into()), ("date", p.created_at.as_str().into())])) " "
                    strong { (t("vintage-newer")) } " "
                    (t_args("vintage-newer-release", &[("release", l.id.to_string().into()), ("date", l.created_at.as_str().into())])) " "
                    a href=(href(path)) { (t("vintage-current-link")) } "."
                }
            }
            (None, Some(l)) => {
                p.permalink {
                    (t_args("vintage-permalink", &[("release", l.id.to_string().into())])) " "
                    a href=(href(&format!("/v/{}{path}", l.id))) { "/v/" (l.id) (path) }
                }
            }
            _ => {}
        }
    }
}
