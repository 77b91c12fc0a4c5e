//! Permalinks that pin a vintage: `/v/{release}/areas/{geo}` and `/v/{release}/indicators/{id}`
//! show exactly the numbers the store held just after release `{release}` (one release per
//! import, see [`civis_store::Release`]), next year as today, with a note when a newer vintage
//! exists. The links inside such a page lead to the current pages.
//!
//! At start-up [`PortalData::load`](crate::data::PortalData::load) keeps the earlier vintages
//! of every dataset beside the current read model ([`History`]); the read model of an older
//! release is built on first use from the current datasets that existed then and the earlier
//! vintages that were current then, and the last few are kept.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use crate::data::history::data_at;
use crate::respond::message_page;
use crate::AppState;

/// The state with the read model of the release named in a URL, or the response that refuses it.
fn pinned(state: &AppState, release: &str) -> Result<AppState, Box<Response>> {
    let Ok(r) = release.parse::<i64>() else {
        return Err(Box::new(message_page(
            StatusCode::BAD_REQUEST,
            "Not a release",
            &format!("`{release}` is not a release number: permalinks look like /v/3/areas/AT13."),
        )));
    };
    let data = data_at(&state.data, r).ok_or_else(|| {
        let latest = state.data.releases.latest.as_ref().map_or(0, |l| l.id);
        Box::new(message_page(
            StatusCode::NOT_FOUND,
            "No such release",
            &format!("This database has no release {r}; the newest is {latest}."),
        ))
    })?;
    let mut pinned = state.clone();
    pinned.data = data;
    Ok(pinned)
}

/// `GET /v/{release}/areas/{geo}`: the area page as it was at that release.
pub async fn area(
    State(state): State<AppState>,
    Path((release, geo)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    match pinned(&state, &release) {
        Ok(s) => crate::pages::area::area(State(s), Path(geo), headers).await,
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
        Ok(s) => crate::pages::indicator::indicator(State(s), Path(id), q, headers).await,
        Err(r) => *r,
    }
}
