//! The state every handler of the portal and of the registry receives: one [`AppState`],
//! passed as `State<AppState>`; the registry is optional (a portal without accounts serves the
//! numbers only, and the registry's routes are then not mounted).

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use civis_registry::repo::RepoError;

use crate::data::PortalData;
use crate::registry::{Problem, Registry};

/// Shared state of all handlers.
#[derive(Clone)]
pub struct AppState {
    /// The read model: every observation, indexed ([`PortalData`]).
    pub data: Arc<PortalData>,
    /// The practice registry, when the server runs with one.
    pub registry: Option<Registry>,
}

impl AppState {
    /// The portal without a registry.
    pub fn new(data: Arc<PortalData>) -> AppState {
        AppState {
            data,
            registry: None,
        }
    }

    /// The portal with `registry` mounted under `/registry` and `/api/registry`.
    pub fn with_registry(self, registry: Registry) -> AppState {
        AppState {
            registry: Some(registry),
            ..self
        }
    }
}

impl From<Arc<PortalData>> for AppState {
    fn from(data: Arc<PortalData>) -> AppState {
        AppState::new(data)
    }
}

/// A handler's `reg: Registry` argument: the registry of the state. Its routes are mounted only
/// when there is one; without, the answer is the registry's 404.
impl FromRequestParts<AppState> for Registry {
    type Rejection = Problem;

    async fn from_request_parts(_: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        state
            .registry
            .clone()
            .ok_or(Problem::Store(RepoError::NotFound))
    }
}
