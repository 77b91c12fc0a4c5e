//! The state every handler of the portal and of the registry receives: one [`AppState`],
//! passed as `State<AppState>`; the registry is optional (a portal without accounts serves the
//! numbers only, and the registry's routes are then not mounted).

use std::sync::Arc;

use crate::data::PortalData;
use crate::registry::Registry;

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
