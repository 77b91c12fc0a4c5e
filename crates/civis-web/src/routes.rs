//! The route table: every page of the site, its twins and the API, in one place.
//!
//! The top-level pages take their format from the URL suffix (`/areas`, `/areas.json`,
//! `/areas.csv`); each is listed once in [`TOP_LEVEL`] and mounted at its three addresses.

use axum::extract::{DefaultBodyLimit, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

use crate::data::PortalData;
use crate::pages::{self, Params};
use crate::registry::{browse, edit, FORM_LIMIT, IMPORT_LIMIT};
use crate::respond::Format;
use crate::state::AppState;
use crate::{api, downloads};

/// A top-level page: the read model, the request headers, the format and the query parameters.
type TopLevelPage = fn(&PortalData, &HeaderMap, Format, &Params) -> Response;

/// The top-level pages with their twins: path (without suffix) and renderer.
const TOP_LEVEL: [(&str, TopLevelPage); 7] = [
    ("/index", |d, h, f, _| pages::home::render(d, h, f)),
    ("/indicators", |d, h, f, _| {
        pages::catalogue::render(d, h, f)
    }),
    ("/areas", |d, h, f, _| pages::areas::render(d, h, f)),
    ("/compare", pages::compare::render),
    ("/methodology", |d, h, f, _| {
        pages::methodology::render(d, h, f)
    }),
    ("/downloads", |d, h, f, _| {
        pages::downloads_page::render(d, h, f)
    }),
    ("/availability", pages::availability::render),
];

/// The portal's routes, with the registry's when `state` has one, in every language
/// ([`crate::i18n::negotiate`] strips the `/fr` prefix).
pub fn router(state: AppState) -> Router {
    let mut portal = Router::new()
        .route("/", get(pages::home::home))
        .route("/favicon.ico", get(pages::favicon))
        .route("/indicators/{id}", get(pages::indicator::indicator))
        .route("/areas/{geo}", get(pages::area::area))
        .route("/areas/{geo}/report.pdf", get(crate::report::report))
        .route("/peers/{geo}", get(pages::peers::peers))
        .route("/cite/{id}", get(crate::cite::cite))
        .route("/embed/{chart}", get(crate::embed::embed))
        .route("/v/{release}/areas/{geo}", get(crate::vintage::area))
        .route(
            "/v/{release}/indicators/{id}",
            get(crate::vintage::indicator),
        )
        .route("/downloads/{file}", get(downloads::download))
        .route("/static/civis.css", get(pages::stylesheet))
        .route("/healthz", get(pages::healthz))
        .nest("/api", api::routes());
    for (path, render) in TOP_LEVEL {
        for (suffix, format) in [
            ("", Format::Html),
            (".json", Format::Json),
            (".csv", Format::Csv),
        ] {
            portal = portal.route(&format!("{path}{suffix}"), get(top_level(render, format)));
        }
    }
    if state.registry.is_some() {
        portal = portal.merge(registry());
    }
    let portal = portal.fallback(pages::not_found).with_state(state);
    // every language: the middleware strips the `/fr` prefix before routing
    Router::new()
        .fallback_service(portal)
        .layer(axum::middleware::from_fn(crate::i18n::negotiate::language))
}

/// The handler of one top-level page in one format.
fn top_level(
    render: TopLevelPage,
    format: Format,
) -> impl Fn(State<AppState>, RawQuery, HeaderMap) -> std::future::Ready<Response> + Clone {
    move |State(state): State<AppState>, RawQuery(q): RawQuery, headers: HeaderMap| {
        std::future::ready(render(
            &state.data,
            &headers,
            format,
            &Params::parse(q.as_deref()),
        ))
    }
}

/// The registry's pages, forms and API (its handlers take the registry from the state).
fn registry() -> Router<AppState> {
    Router::new()
        .route("/registry", get(browse::search_page))
        .route("/registry.json", get(browse::search_json))
        .route("/registry.csv", get(browse::search_csv))
        .route("/registry/practices/new", get(edit::new_practice))
        .route("/registry/practices", post(edit::create_practice))
        .route("/registry/practices/{file}", get(browse::practice_page))
        .route(
            "/registry/practices/{id}/edit",
            get(edit::edit_practice).post(edit::update_practice),
        )
        .route("/registry/needs/new", get(edit::new_need))
        .route("/registry/needs", post(edit::create_need))
        .route("/registry/needs/{file}", get(browse::need_page))
        .route(
            "/registry/needs/{id}/edit",
            get(edit::edit_need).post(edit::update_need),
        )
        .route("/registry/networks/new", get(edit::new_network))
        .route("/registry/networks", post(edit::create_network))
        .route("/registry/networks/{file}", get(browse::network_page))
        .route(
            "/registry/networks/{id}/edit",
            get(edit::edit_network).post(edit::update_network),
        )
        .route("/registry/directory", get(browse::directory_page))
        .route("/registry/directory.json", get(browse::directory_json))
        .route("/registry/directory.csv", get(browse::directory_csv))
        .route("/registry/directory/{file}", get(browse::instrument_page))
        .route("/registry/like/{file}", get(browse::like_page))
        .route("/registry/entries/{id}/{action}", post(edit::transition))
        .route("/registry/login", get(edit::login_form).post(edit::login))
        .route("/registry/logout", post(edit::logout))
        .route("/registry/moderation", get(edit::moderation))
        .route("/registry/audit", get(edit::audit_page))
        .route("/registry/audit.json", get(edit::audit_json))
        .route(
            "/registry/admin/users",
            get(edit::users_page).post(edit::create_user),
        )
        .route("/registry/admin/users/{id}", post(edit::update_user))
        .route(
            "/registry/import",
            get(edit::import_form)
                .post(edit::import)
                .layer(DefaultBodyLimit::max(IMPORT_LIMIT)),
        )
        .route("/registry/export.json", get(browse::export_json))
        .route("/registry/export/{file}", get(browse::export_csv))
        .route("/api/registry/search", get(browse::search_json))
        .route("/api/registry/entries/{id}", get(browse::entry_json))
        .layer(DefaultBodyLimit::max(FORM_LIMIT))
}
