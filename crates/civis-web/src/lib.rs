//! # civis-web: the Civis portal
//!
//! A server-rendered site (HTML that works without JavaScript) and an HTTP API over the
//! observations in the Civis store: official Eurostat figures, Civis direct estimates and small
//! area (model-based) estimates, each shown with its confidence interval and reliability status.
//!
//! Design (following Datasette and the axum examples):
//! - **Read model in memory.** [`data::PortalData`] loads every observation once at start-up
//!   and indexes it by indicator and area; handlers never query the database for numbers.
//! - **Every page has twins.** `/areas/AT13` is HTML, `/areas/AT13.json` the same view as JSON,
//!   `/areas/AT13.csv` its main table ([`respond`]). `/api/...` adds filtered, paged endpoints
//!   and an OpenAPI document.
//! - **Thin handlers.** Parse the request, build a view from the read model, render.
//! - **Rendered once.** The read model never changes while the process runs, so every answer
//!   with an `ETag` is kept in a bounded in-memory cache keyed by path and query ([`cache`]).
//! - **Uncertainty everywhere.** Values carry their interval and status; suppressed values are
//!   dropped at load ([`data`]) so no page or download can show them.

pub mod api;
pub mod cache;
pub mod charts;
pub mod cite;
pub mod data;
pub mod downloads;
pub mod embed;
pub mod i18n;
pub mod layout;
pub mod listener;
pub mod pages;
pub mod registry;
pub mod render;
pub mod respond;
pub mod server;
pub mod stats;
pub mod vintage;

use std::sync::Arc;

use axum::routing::get;
use axum::Router;

pub use data::PortalData;
pub use listener::ConnectionLimits;
pub use server::{serve, ServeOptions};

/// Shared state of all handlers.
#[derive(Clone)]
pub struct AppState {
    pub data: Arc<PortalData>,
}

/// The portal's routes, in every language ([`i18n::negotiate`] strips the `/fr` prefix).
pub fn router(state: AppState) -> Router {
    let routes = Router::new()
        .route("/", get(pages::home::home))
        .route("/{file}", get(pages::top_level))
        .route("/indicators/{id}", get(pages::indicator::indicator))
        .route("/areas/{geo}", get(pages::area::area))
        .route("/peers/{geo}", get(pages::peers::peers))
        .route("/cite/{id}", get(cite::cite))
        .route("/embed/{chart}", get(embed::embed))
        .route("/v/{release}/areas/{geo}", get(vintage::area))
        .route("/v/{release}/indicators/{id}", get(vintage::indicator))
        .route("/downloads/{file}", get(downloads::download))
        .route("/static/civis.css", get(pages::stylesheet))
        .route("/healthz", get(pages::healthz))
        .nest("/api", api::routes())
        .merge(registry::installed_router())
        .fallback(pages::not_found)
        .with_state(state);
    Router::new()
        .fallback_service(routes)
        .layer(axum::middleware::from_fn(i18n::negotiate::language))
}
