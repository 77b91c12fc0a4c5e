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
//! - **Thin handlers over explicit state.** Parse the request, build a view from the read
//!   model, render. Every handler receives one [`AppState`] (the read model, and the practice
//!   registry when the server runs with one); the whole site is one route table ([`routes`]).
//! - **Two rooms.** The statistics portal ([`pages`], [`api`], [`downloads`]) and the registry
//!   ([`registry`]: its pages over `civis-registry`, with a pool of database connections and
//!   one error type) share the layout and the state, nothing else.
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
pub mod report;
pub mod respond;
pub mod routes;
pub mod server;
pub mod snippet;
pub mod state;
pub mod stats;
pub mod vintage;

pub use data::PortalData;
pub use listener::ConnectionLimits;
pub use routes::router;
pub use server::{serve, ServeOptions};
pub use state::AppState;
