//! The JSON API under `/api`: filtered and paged observations, indicators, areas, datasets, and
//! the same views as the pages (area profile, comparison, peers). Described by the OpenAPI 3.1
//! document at `/api/openapi.json`. Errors are JSON `{"error": "..."}` naming the parameter.

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use civis_catalog::Group;
use maud::html;
use serde::Serialize;

use crate::data::{AreaKind, Obs};
use crate::i18n::t;
use crate::layout::{page, Page};
use crate::pages::{area::AreaView, compare::CompareView, peers::PeersView, Params};
use crate::respond::{respond, with_cache, Format, Table};
use crate::AppState;

/// The largest page of observations.
pub const MAX_LIMIT: usize = 1000;
/// The default page size.
pub const DEFAULT_LIMIT: usize = 100;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(docs))
        .route("/openapi.json", get(openapi))
        .route("/indicators", get(indicators))
        .route("/indicators/{id}", get(indicator))
        .route("/observations", get(observations))
        .route("/areas", get(areas))
        .route("/areas/{geo}", get(area))
        .route("/compare", get(compare))
        .route("/peers/{geo}", get(peers))
        .route("/datasets", get(datasets))
        .fallback(|| async {
            json_error(
                StatusCode::NOT_FOUND,
                "no such API endpoint; see /api/openapi.json",
            )
        })
}

/// A JSON error.
pub fn json_error(status: StatusCode, message: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        serde_json::json!({ "error": message }).to_string(),
    )
        .into_response()
}

fn json<T: Serialize>(headers: &HeaderMap, version: u64, v: &T) -> Response {
    match serde_json::to_vec(v) {
        Ok(body) => with_cache(headers, version, body, "application/json", None),
        Err(e) => json_error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

async fn indicators(State(s): State<AppState>, headers: HeaderMap) -> Response {
    json(&headers, s.data.version, &s.data.indicators)
}

#[derive(Serialize)]
struct IndicatorDetail<'a> {
    #[serde(flatten)]
    info: &'a crate::data::IndicatorInfo,
    levels: Vec<Level>,
}

#[derive(Serialize)]
struct Level {
    level: AreaKind,
    groups: Vec<(String, String)>,
    times: Vec<String>,
}

async fn indicator(
    State(s): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let d = &s.data;
    let Some(info) = d.indicator(&id) else {
        return json_error(StatusCode::NOT_FOUND, &format!("unknown indicator `{id}`"));
    };
    let levels = d
        .kinds_of(&id)
        .into_iter()
        .map(|k| {
            let groups = d.groups(&id, k);
            let mut times: Vec<String> = groups
                .iter()
                .flat_map(|(_, g)| d.times(&id, k, g))
                .collect();
            times.sort();
            times.dedup();
            Level {
                level: k,
                groups,
                times,
            }
        })
        .collect();
    json(&headers, d.version, &IndicatorDetail { info, levels })
}

/// The filters of `/api/observations`.
const OBS_PARAMS: [&str; 10] = [
    "indicator",
    "geo",
    "group",
    "sex",
    "age",
    "time",
    "method",
    "level",
    "limit",
    "offset",
];

#[derive(Serialize)]
struct ObsPage<'a> {
    total: usize,
    limit: usize,
    offset: usize,
    next: Option<String>,
    items: Vec<&'a Obs>,
}

async fn observations(
    State(s): State<AppState>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
) -> Response {
    let d = &s.data;
    let p = Params::parse(q.as_deref());
    if let Some((k, _)) = p.0.iter().find(|(k, _)| !OBS_PARAMS.contains(&k.as_str())) {
        return json_error(
            StatusCode::BAD_REQUEST,
            &format!(
                "unknown parameter `{k}` (expected one of {})",
                OBS_PARAMS.join(", ")
            ),
        );
    }
    let number = |key: &str, default: usize| -> Result<usize, Box<Response>> {
        match p.get(key) {
            None => Ok(default),
            Some(v) => v.parse::<usize>().map_err(|_| {
                Box::new(json_error(
                    StatusCode::BAD_REQUEST,
                    &format!("parameter `{key}` must be a non-negative integer, not `{v}`"),
                ))
            }),
        }
    };
    let limit = match number("limit", DEFAULT_LIMIT) {
        Ok(l) if (1..=MAX_LIMIT).contains(&l) => l,
        Ok(l) => {
            return json_error(
                StatusCode::BAD_REQUEST,
                &format!("parameter `limit` must be between 1 and {MAX_LIMIT}, not {l}"),
            )
        }
        Err(r) => return *r,
    };
    let offset = match number("offset", 0) {
        Ok(o) => o,
        Err(r) => return *r,
    };
    let level = match p.get("level") {
        None => None,
        Some(l) => match AreaKind::parse(l) {
            Some(k) => Some(k),
            None => {
                return json_error(
                    StatusCode::BAD_REQUEST,
                    &format!("parameter `level` must be country, region, district, aggregate, degurba or city, not `{l}`"),
                )
            }
        },
    };
    let set = |k: &str| p.all(k);
    let (ind, geo, group, sex, age, time, method) = (
        set("indicator"),
        set("geo"),
        set("group"),
        set("sex"),
        set("age"),
        set("time"),
        set("method"),
    );
    // an unknown indicator or area is a 404 (as documented), not an empty page
    if let Some(i) = ind.iter().find(|i| d.indicator(i).is_none()) {
        return json_error(
            StatusCode::NOT_FOUND,
            &format!("unknown indicator `{i}`; the indicators are listed at /api/indicators"),
        );
    }
    if let Some(g) = geo.iter().find(|g| d.area(g).is_none()) {
        return json_error(
            StatusCode::NOT_FOUND,
            &format!("no data for area `{g}`; the areas with data are listed at /api/areas"),
        );
    }
    let ok = |list: &Vec<String>, v: &str| list.is_empty() || list.iter().any(|x| x == v);
    let groups: Vec<Group> = group.iter().map(|g| Group::parse(g)).collect();
    let source: Box<dyn Iterator<Item = &Obs>> = if ind.len() == 1 {
        Box::new(d.of_indicator(&ind[0]))
    } else if geo.len() == 1 {
        Box::new(d.of_area(&geo[0]))
    } else {
        Box::new(d.obs.iter())
    };
    let matching: Vec<&Obs> = source
        .filter(|o| {
            ok(&ind, &o.stored.indicator)
                && ok(&geo, &o.stored.geo)
                && (groups.is_empty() || groups.contains(&o.stored.group))
                && ok(&sex, &o.stored.sex)
                && ok(&age, &o.stored.age)
                && ok(&time, &o.stored.time)
                && ok(&method, o.method.code())
                && level.is_none_or(|k| d.area(&o.stored.geo).map(|a| a.kind) == Some(k))
        })
        .collect();
    let total = matching.len();
    let items: Vec<&Obs> = matching.into_iter().skip(offset).take(limit).collect();
    // `offset + limit` can overflow for an absurd offset: past the end there is no next page
    let next = offset
        .checked_add(limit)
        .filter(|n| *n < total)
        .map(|next| {
            let mut pairs: Vec<(String, String)> =
                p.0.iter()
                    .filter(|(k, _)| k != "offset" && k != "limit")
                    .cloned()
                    .collect();
            pairs.push(("limit".into(), limit.to_string()));
            pairs.push(("offset".into(), next.to_string()));
            format!(
                "/api/observations?{}",
                serde_urlencoded::to_string(&pairs).unwrap_or_default()
            )
        });
    json(
        &headers,
        d.version,
        &ObsPage {
            total,
            limit,
            offset,
            next,
            items,
        },
    )
}

async fn areas(State(s): State<AppState>, headers: HeaderMap) -> Response {
    json(&headers, s.data.version, &s.data.areas)
}

async fn area(State(s): State<AppState>, Path(geo): Path<String>, headers: HeaderMap) -> Response {
    let d = &s.data;
    match d.area(&geo) {
        Some(a) => json(&headers, d.version, &AreaView::build(d, a)),
        None => json_error(StatusCode::NOT_FOUND, &format!("unknown area `{geo}`")),
    }
}

async fn compare(State(s): State<AppState>, RawQuery(q): RawQuery, headers: HeaderMap) -> Response {
    let p = Params::parse(q.as_deref());
    if p.all("geo").is_empty() {
        return json_error(
            StatusCode::BAD_REQUEST,
            "parameter `geo` is required (repeat it or separate codes with commas)",
        );
    }
    json(&headers, s.data.version, &CompareView::build(&s.data, &p))
}

async fn peers(
    State(s): State<AppState>,
    Path(geo): Path<String>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
) -> Response {
    let d = &s.data;
    let p = Params::parse(q.as_deref());
    match d.area(&geo) {
        Some(a) => match PeersView::build(d, a, &p) {
            Ok(v) => json(&headers, d.version, &v),
            Err(e) => json_error(StatusCode::BAD_REQUEST, &e),
        },
        None => json_error(StatusCode::NOT_FOUND, &format!("unknown area `{geo}`")),
    }
}

async fn datasets(State(s): State<AppState>, headers: HeaderMap) -> Response {
    json(&headers, s.data.version, &s.data.datasets)
}

async fn openapi(State(s): State<AppState>, headers: HeaderMap) -> Response {
    json(&headers, s.data.version, &openapi_document())
}

/// Endpoints listed on the documentation page: path, message id of its summary.
const ENDPOINTS: [(&str, &str); 9] = [
    ("/api/indicators", "api-endpoint-indicators"),
    ("/api/indicators/{id}", "api-endpoint-indicator"),
    ("/api/observations", "api-endpoint-observations"),
    ("/api/areas", "api-endpoint-areas"),
    ("/api/areas/{geo}", "api-endpoint-area"),
    ("/api/compare?geo=A&geo=B", "api-endpoint-compare"),
    ("/api/peers/{geo}", "api-endpoint-peers"),
    ("/api/datasets", "api-endpoint-datasets"),
    ("/api/openapi.json", "api-endpoint-openapi"),
];

async fn docs(State(s): State<AppState>, headers: HeaderMap) -> Response {
    let d = &s.data;
    respond(
        &headers,
        Format::Html,
        d.version,
        || {
            page(
                &Page {
                    title: &t("nav-api"),
                    path: "/api",
                    query: "",
                    twins: false,
                    synthetic: false,
                },
                html! {
                    h1 { (t("nav-api")) }
                    p.lead { (t("api-lead")) " " a href="/areas/AT.json" { code { "/areas/AT.json" } } ", " a href="/index.json" { code { "/index.json" } } "." }
                    p { (t("api-paging")) }
                    p { (t("api-openapi")) " " a href="/api/openapi.json" { code { "/api/openapi.json" } } " (OpenAPI 3.1)." }
                    div.table-scroll role="region" aria-label=(t("api-endpoints")) tabindex="0" { table {
                        caption { (t("api-endpoints-caption")) }
                        thead { tr { th scope="col" { (t("api-col-path")) } th scope="col" { (t("api-col-what")) } } }
                        tbody { @for (p, w) in ENDPOINTS { tr { td { code { (p) } } td { (t(w)) } } } }
                    } }
                    h2 { (t("api-example")) }
                    pre { code { "curl 'http://127.0.0.1:8080/api/observations?indicator=employment_rate&geo=AT&group=FOR&sex=T&limit=5'" } }
                    p { (t("api-fields")) }
                    p { @for (i, f) in ["estimate", "se", "ci_low", "ci_high", "n", "flags", "status", "method", "source", "synthetic"].iter().enumerate() { @if i > 0 { ", " } code { (f) } } }
                    h2 { (t("nav-downloads")) }
                    p { code { "/downloads/{indicator}.csv" } ", " code { ".xlsx" } ", " code { ".jsonstat" } " and " code { ".sdmx.csv" } "." }
                },
            )
        },
        || (),
        Table::default,
    )
}

/// The OpenAPI 3.1 document.
pub fn openapi_document() -> serde_json::Value {
    use serde_json::json;
    let qx = |name: &str, desc: &str, example: &str| json!({ "name": name, "in": "query", "required": false, "description": desc, "schema": { "type": "string" }, "example": example });
    // an example body for the 200 answer and one for the 404
    let with_example =
        |mut responses: serde_json::Value, ok: serde_json::Value, missing: serde_json::Value| {
            responses["200"]["content"]["application/json"]["example"] = ok;
            responses["404"]["content"]["application/json"]["example"] = missing;
            responses
        };
    let path_param_x = |name: &str, desc: &str, example: &str| json!({ "name": name, "in": "path", "required": true, "description": desc, "schema": { "type": "string" }, "example": example });
    let ok = |desc: &str, schema: serde_json::Value| {
        json!({
            "200": { "description": desc, "content": { "application/json": { "schema": schema } } },
            "304": { "description": "Not modified (ETag matched)" },
            "400": { "description": "Invalid parameter", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
            "404": { "description": "Unknown indicator or area", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
        })
    };
    let example_obs = json!({
        "indicator": "employment_rate", "geo": "AT", "criterion": "citizenship", "group": "FOR",
        "sex": "T", "age": "Y20-64", "time": "2023", "unit": "PC", "estimate": 61.5, "se": null,
        "ci_low": null, "ci_high": null, "n": null, "flags": "", "method": "official",
        "status": "official", "source": "Eurostat", "synthetic": false
    });
    let example_suppressed = json!({
        "indicator": "arop_rate", "geo": "AT11", "criterion": "citizenship", "group": "EU27_2020_FOR",
        "sex": "T", "age": "Y_GE18", "time": "2006", "unit": "PC", "estimate": null, "se": null,
        "ci_low": null, "ci_high": null, "n": null, "flags": "u", "method": "direct",
        "status": "suppressed", "source": "Civis", "synthetic": true
    });
    json!({
        "openapi": "3.1.0",
        "servers": [{ "url": "/", "description": "This server (the API is under /api)" }],
        "info": {
            "title": "Civis API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Immigrant integration indicators for European countries, regions and cities, with standard errors, confidence intervals, sample sizes and Eurostat flags."
        },
        "paths": {
            "/api/indicators": { "get": { "summary": "All indicators", "operationId": "listIndicators", "responses": ok("Indicators", json!({ "type": "array", "items": { "$ref": "#/components/schemas/Indicator" } })) } },
            "/api/indicators/{id}": { "get": { "summary": "One indicator with its levels, groups and periods", "operationId": "getIndicator", "parameters": [path_param_x("id", "Indicator id", "employment_rate")], "responses": ok("Indicator", json!({ "$ref": "#/components/schemas/Indicator" })) } },
            "/api/observations": { "get": {
                "summary": "Observations, filtered and paged",
                "operationId": "listObservations",
                "parameters": [
                    qx("indicator", "Indicator id(s), comma separated; an unknown one answers 404", "employment_rate"), qx("geo", "Area code(s); an area without data answers 404", "AT"), qx("group", "Target group or gap code(s): NAT, FOR, EU27_2020_FOR, NEU27_2020_FOR, TOTAL, FOR-NAT", "FOR"),
                    qx("sex", "T, M, F", "T"), qx("age", "Eurostat age band, e.g. Y20-64", "Y20-64"), qx("time", "Period(s)", "2023"), qx("method", "direct, model-based, official", "official"),
                    qx("level", "country, region, district, aggregate, degurba, city", "country"),
                    { "name": "limit", "in": "query", "required": false, "schema": { "type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT }, "example": 100 },
                    { "name": "offset", "in": "query", "required": false, "schema": { "type": "integer", "minimum": 0, "default": 0 }, "example": 0 }
                ],
                "responses": with_example(ok("A page of observations", json!({ "$ref": "#/components/schemas/ObservationPage" })), json!({
                    "total": 2, "limit": 100, "offset": 0, "next": null, "items": [example_obs, example_suppressed]
                }), json!({ "error": "unknown indicator `nope`; the indicators are listed at /api/indicators" }))
            } },
            "/api/areas": { "get": { "summary": "All areas", "operationId": "listAreas", "responses": ok("Areas", json!({ "type": "array", "items": { "$ref": "#/components/schemas/Area" } })) } },
            "/api/areas/{geo}": { "get": { "summary": "Area profile", "operationId": "getArea", "parameters": [path_param_x("geo", "Area code (country, NUTS region, Austrian district)", "AT13")], "responses": ok("Area profile", json!({ "type": "object" })) } },
            "/api/compare": { "get": { "summary": "Compare areas", "operationId": "compareAreas", "parameters": [
                { "name": "geo", "in": "query", "required": true, "description": "Area codes (repeat or comma separate)", "schema": { "type": "array", "items": { "type": "string" } }, "style": "form", "explode": true, "example": ["AT", "DE"] },
                qx("group", "Target group or gap to nationals (default FOR; FOR-NAT compares the gaps)", "FOR")
            ], "responses": ok("Comparison", json!({ "type": "object" })) } },
            "/api/peers/{geo}": { "get": { "summary": "Similar areas", "operationId": "getPeers", "parameters": [path_param_x("geo", "Area code", "AT13"), qx("k", "Number of neighbours (default 5)", "5")], "responses": ok("Peers", json!({ "type": "object" })) } },
            "/api/datasets": { "get": { "summary": "Datasets and provenance", "operationId": "listDatasets", "responses": ok("Datasets", json!({ "type": "array", "items": { "type": "object" } })) } },
            "/api/openapi.json": { "get": { "summary": "This document", "operationId": "openapi", "responses": { "200": { "description": "OpenAPI document" } } } }
        },
        "components": { "schemas": {
            "Error": { "type": "object", "required": ["error"], "properties": { "error": { "type": "string" } } },
            "Indicator": { "type": "object", "required": ["id", "name"], "properties": {
                "id": { "type": "string" }, "name": { "type": "string" }, "definition": { "type": "string" }, "area": { "type": "string" },
                "unit": { "type": "string" }, "higher_is_better": { "type": "boolean" }, "age": { "type": "string" }, "source": { "type": "string" } } },
            "Area": { "type": "object", "required": ["code", "name", "kind"], "properties": {
                "code": { "type": "string" }, "name": { "type": "string" }, "kind": { "type": "string" }, "country": { "type": "string" }, "parent": { "type": ["string", "null"] } } },
            "Observation": { "type": "object", "required": ["indicator", "geo", "group", "time", "status"], "properties": {
                "indicator": { "type": "string" }, "geo": { "type": "string" }, "criterion": { "type": "string" }, "group": { "type": "string" },
                "sex": { "type": "string" }, "age": { "type": "string" }, "time": { "type": "string" }, "unit": { "type": "string" },
                "estimate": { "type": ["number", "null"] }, "se": { "type": ["number", "null"] }, "ci_low": { "type": ["number", "null"] }, "ci_high": { "type": ["number", "null"] },
                "n": { "type": ["integer", "null"] }, "flags": { "type": "string" }, "method": { "type": "string", "enum": ["direct", "model-based", "official"] },
                "status": { "type": "string", "enum": ["missing", "suppressed", "low_reliability", "model_based", "official", "reliable"] },
                "model_share": { "type": ["number", "null"] }, "source": { "type": "string" }, "synthetic": { "type": "boolean" } } },
            "ObservationPage": { "type": "object", "required": ["total", "limit", "offset", "items"], "properties": {
                "total": { "type": "integer" }, "limit": { "type": "integer" }, "offset": { "type": "integer" }, "next": { "type": ["string", "null"] },
                "items": { "type": "array", "items": { "$ref": "#/components/schemas/Observation" } } } }
        } }
    })
}
