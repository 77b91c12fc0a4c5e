//! Running the portal: load the read model, bind, log every request as one JSON line, shut down
//! gracefully on Ctrl-C / SIGTERM (in-flight requests finish).

use std::io::Write;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use civis_catalog::geo::{load_austria_districts, load_nuts_layer, NutsLevel};
use thiserror::Error;

use crate::cache::ResponseCache;
use crate::data::Maps;
use crate::listener::{self, ConnectionLimits};
use crate::routes::router;
use crate::state::AppState;

/// Errors of the server.
#[derive(Debug, Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
}

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub addr: SocketAddr,
    /// Write a JSON line per request to standard error.
    pub log_requests: bool,
    /// Timeouts and connection caps.
    pub limits: ConnectionLimits,
}

/// Loads the map layers from a directory holding the GISCO NUTS files and
/// `austria_districts.geojson`; a missing or unreadable file leaves that layer out (maps are then
/// not drawn for that level) and is reported in the returned warnings.
pub fn load_maps(geo_dir: &Path) -> (Maps, Vec<String>) {
    let mut warnings = Vec::new();
    let mut maps = Maps::new(None, None, None);
    match load_nuts_layer(geo_dir, NutsLevel::from_u8(0).expect("level 0")) {
        Ok(l) => maps.countries = Some(l),
        Err(e) => warnings.push(format!("country map not available: {e}")),
    }
    match load_nuts_layer(geo_dir, NutsLevel::from_u8(2).expect("level 2")) {
        Ok(l) => maps.nuts2 = Some(l),
        Err(e) => warnings.push(format!("NUTS 2 map not available: {e}")),
    }
    match load_austria_districts(&geo_dir.join("austria_districts.geojson")) {
        Ok(l) => maps.districts = Some(l),
        Err(e) => warnings.push(format!("district map not available: {e}")),
    }
    (maps, warnings)
}

/// Adds security headers and logs the request as one JSON line.
async fn log_and_secure(req: Request, next: Next, log: bool) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    let uri = req.uri().clone();
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // embeds are made to be framed by other sites; nothing else may be
    if crate::embed::is_embed(uri.path()) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(crate::embed::EMBED_CSP),
        );
    } else {
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; frame-ancestors 'none'"),
        );
    }
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if log {
        let ts = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0);
        let line = serde_json::json!({
            "ts": ts,
            "method": method.as_str(),
            "path": uri.path(),
            "query": uri.query().unwrap_or(""),
            "status": resp.status().as_u16(),
            "micros": start.elapsed().as_micros() as u64,
        });
        let _ = writeln!(std::io::stderr().lock(), "{line}");
    }
    resp
}

/// The router with the middleware: the response cache inside, so that answers from the cache
/// are logged and get the security headers too.
pub fn app(state: impl Into<AppState>, log_requests: bool) -> axum::Router {
    let cache = Arc::new(ResponseCache::new(crate::cache::DEFAULT_BUDGET));
    router(state.into())
        .layer(middleware::from_fn_with_state(cache, crate::cache::cached))
        .layer(middleware::from_fn(move |req, next| {
            log_and_secure(req, next, log_requests)
        }))
}

/// Serves `state` (the portal, with the registry when it has one; an `Arc<PortalData>` is the
/// portal alone) until `shutdown` completes (or Ctrl-C / SIGTERM when `shutdown` is `None`).
pub async fn serve(
    state: impl Into<AppState>,
    opts: &ServeOptions,
    shutdown: Option<tokio::sync::oneshot::Receiver<()>>,
) -> Result<(), ServeError> {
    let listener = tokio::net::TcpListener::bind(opts.addr)
        .await
        .map_err(|source| ServeError::Bind {
            addr: opts.addr,
            source,
        })?;
    let app = app(state, opts.log_requests);
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let signal = async move {
        match shutdown {
            Some(rx) => {
                let _ = rx.await;
            }
            None => shutdown_signal().await,
        }
        let _ = stop.send(true);
    };
    // Client addresses reach the handlers as `ConnectInfo` (the registry's login lock-out is
    // per address).
    tokio::join!(listener::run(listener, app, opts.limits, stopped), signal);
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
