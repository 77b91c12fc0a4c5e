//! The response cache. The read model is immutable after load, so a response that carries an
//! `ETag` (every page, twin, download and API answer made by [`crate::respond::with_cache`]) is
//! a function of the request's path and query alone: the data version is fixed for the life
//! of the process and the only request headers the handlers read are `If-None-Match` and, on an
//! unprefixed page, `Accept-Language` (the language it offers is part of the key). Such a
//! response is rendered once and then served from memory; conditional requests are answered
//! here with the stored `ETag`, exactly as [`crate::respond::with_cache`] would.
//!
//! Only `GET` answers with status 200, an `ETag`, no `Set-Cookie`, no `no-store`/`private` and a
//! body of at most [`MAX_ENTRY`] bytes are kept (the registry's pages, which depend on the
//! session and change with edits, carry no `ETag` and `no-store`). Memory is bounded (keys and
//! bodies): when an entry would take the cache over its budget, the cache is emptied first
//! (query strings are client-chosen, so the key space is unbounded; emptying is simpler than
//! LRU and at worst costs re-rendering, which is what an uncached server does).
//!
//! Unknown query parameters are not part of the key: `?x=<random>` on a page would otherwise
//! make every request a miss (measured: 4,705 -> 392 req/s). [`page_params`] lists the
//! parameters each portal page reads; the others are dropped from the request itself before it
//! reaches the handler, so the answer kept is exactly the answer without them (pages echo their
//! query into the links to their twins). A page that starts reading a new parameter must be
//! added there. `/api/observations` keeps its query: it answers an unknown parameter with a
//! `400` naming it (cheap, and never kept); the registry's pages are never cached.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The largest body kept.
pub const MAX_ENTRY: usize = 8 << 20;
/// The default budget of the whole cache, in body bytes.
pub const DEFAULT_BUDGET: usize = 128 << 20;

/// A stored 200 answer.
#[derive(Debug)]
struct Entry {
    headers: HeaderMap,
    etag: HeaderValue,
    body: Bytes,
}

/// Rendered responses by path and query.
#[derive(Debug)]
pub struct ResponseCache {
    budget: usize,
    inner: RwLock<Store>,
}

#[derive(Debug, Default)]
struct Store {
    entries: HashMap<String, Arc<Entry>>,
    bytes: usize,
}

impl ResponseCache {
    /// An empty cache that keeps at most `budget` bytes of bodies.
    pub fn new(budget: usize) -> ResponseCache {
        ResponseCache {
            budget,
            inner: RwLock::new(Store::default()),
        }
    }

    fn get(&self, key: &str) -> Option<Arc<Entry>> {
        self.inner
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .entries
            .get(key)
            .cloned()
    }

    fn insert(&self, key: String, entry: Entry) {
        let size = key.len() + entry.body.len();
        if size > self.budget {
            return;
        }
        let mut s = self.inner.write().unwrap_or_else(|e| e.into_inner());
        if let Some(old) = s.entries.remove(&key) {
            s.bytes -= key.len() + old.body.len();
        }
        if s.bytes + size > self.budget {
            s.entries.clear();
            s.bytes = 0;
        }
        s.entries.insert(key, Arc::new(entry));
        s.bytes += size;
    }

    /// Number of stored responses.
    pub fn len(&self) -> usize {
        self.inner
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .entries
            .len()
    }

    /// Whether nothing is stored.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Whether an `If-None-Match` header names `etag` (or `*`).
fn matches(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    let Ok(etag) = etag.to_str() else {
        return false;
    };
    headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"))
}

/// The middleware: answers from the cache, or runs the handler and keeps its answer.
pub async fn cached(State(cache): State<Arc<ResponseCache>>, req: Request, next: Next) -> Response {
    if req.method() != Method::GET {
        return next.run(req).await;
    }
    let mut req = req;
    if let Some(uri) = without_unknown_params(req.uri()) {
        *req.uri_mut() = uri;
    }
    let mut key = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| req.uri().path().to_string());
    // An unprefixed page offers the language of `Accept-Language` (`Vary: Accept-Language`).
    let unprefixed_page = crate::i18n::negotiate::is_page(req.uri().path())
        && crate::i18n::negotiate::split_prefix(req.uri().path()).is_none();
    if let Some(lang) = crate::i18n::negotiate::offered(req.headers()).filter(|_| unprefixed_page) {
        key.push_str(" lang=");
        key.push_str(lang.code());
    }
    if let Some(e) = cache.get(&key) {
        return if matches(req.headers(), &e.etag) {
            not_modified(&e)
        } else {
            let mut resp = Response::new(Body::from(e.body.clone()));
            *resp.headers_mut() = e.headers.clone();
            resp
        };
    }
    let resp = next.run(req).await;
    let Some(etag) = resp.headers().get(header::ETAG).cloned() else {
        return resp;
    };
    let small = resp
        .body()
        .size_hint()
        .exact()
        .is_some_and(|n| n <= MAX_ENTRY as u64);
    if resp.status() != StatusCode::OK || !small || private(resp.headers()) {
        return resp;
    }
    let (parts, body) = resp.into_parts();
    let body = match axum::body::to_bytes(body, MAX_ENTRY).await {
        Ok(b) => b,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    cache.insert(
        key,
        Entry {
            headers: parts.headers.clone(),
            etag,
            body: body.clone(),
        },
    );
    Response::from_parts(parts, Body::from(body))
}

/// The query parameters a portal page reads: names, and a prefix of names (the peers' weights
/// `w.indicator:group`). `None`: leave the query alone (the registry, which is never cached, and
/// the strict `/api/observations`).
pub fn page_params(path: &str) -> Option<(&'static [&'static str], Option<&'static str>)> {
    if path.starts_with("/registry") || path.starts_with("/api/registry") {
        return None;
    }
    Some(match path {
        "/api/observations" => return None,
        // embeds answer an unknown parameter with a 400 naming it
        p if crate::embed::is_embed(p) => return None,
        p if p.starts_with("/v/") && p.contains("/indicators/") => {
            (&["level", "group", "time"], None)
        }
        "/compare" | "/compare.json" | "/compare.csv" | "/api/compare" => (&["geo", "group"], None),
        p if p.starts_with("/indicators/") => (&["level", "group", "time"], None),
        "/availability" | "/availability.json" | "/availability.csv" => {
            (&["indicator", "group", "year"], None)
        }
        p if p.starts_with("/peers/") || p.starts_with("/api/peers/") => (&["k"], Some("w.")),
        p if p.ends_with("/report.pdf") => (&["lang"], None),
        _ => (&[], None),
    })
}

/// The URI without the query parameters its page does not read, or `None` if it has none.
fn without_unknown_params(uri: &Uri) -> Option<Uri> {
    let query = uri.query()?;
    let (names, prefix) = page_params(&crate::i18n::negotiate::unprefixed(uri.path()))?;
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
    let total = pairs.len();
    let kept: Vec<(String, String)> = pairs
        .into_iter()
        .filter(|(k, _)| names.contains(&k.as_str()) || prefix.is_some_and(|p| k.starts_with(p)))
        .collect();
    if kept.len() == total && !query.is_empty() && total > 0 {
        return None;
    }
    let path_and_query = if kept.is_empty() {
        uri.path().to_owned()
    } else {
        format!(
            "{}?{}",
            uri.path(),
            serde_urlencoded::to_string(&kept).unwrap_or_default()
        )
    };
    path_and_query.parse().ok()
}

/// Whether an answer is for one client only (a session cookie, `no-store`, `private`): the
/// registry's pages are, and must never be served to someone else.
fn private(headers: &HeaderMap) -> bool {
    headers.contains_key(header::SET_COOKIE)
        || headers
            .get_all(header::CACHE_CONTROL)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .any(|v| v.contains("no-store") || v.contains("private"))
}

/// The `304` that [`crate::respond::with_cache`] gives: `ETag` and `Cache-Control`, no body.
fn not_modified(e: &Entry) -> Response {
    let mut resp = StatusCode::NOT_MODIFIED.into_response();
    let h = resp.headers_mut();
    h.insert(header::ETAG, e.etag.clone());
    if let Some(c) = e.headers.get(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, c.clone());
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(n: usize) -> Entry {
        Entry {
            headers: HeaderMap::new(),
            etag: HeaderValue::from_static("\"e\""),
            body: Bytes::from(vec![b'a'; n]),
        }
    }

    #[test]
    fn the_budget_bounds_keys_and_bodies() {
        let c = ResponseCache::new(100);
        c.insert("/a".into(), entry(40));
        c.insert("/b".into(), entry(40));
        assert_eq!(c.len(), 2);
        // 3 x 42 bytes do not fit in 100: the cache starts again with the newcomer.
        c.insert("/c".into(), entry(40));
        assert_eq!(c.len(), 1);
        assert!(c.get("/c").is_some());
        // Larger than the whole budget: never kept.
        c.insert("/big".into(), entry(200));
        assert!(c.get("/big").is_none());
        assert!(c.get("/c").is_some());
    }

    #[test]
    fn replacing_an_entry_frees_its_bytes() {
        let c = ResponseCache::new(100);
        c.insert("/a".into(), entry(40));
        c.insert("/a".into(), entry(40));
        c.insert("/b".into(), entry(40));
        assert_eq!(c.len(), 2);
    }

    #[test]
    fn answers_for_one_client_are_not_kept() {
        let mut h = HeaderMap::new();
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=300"),
        );
        assert!(!private(&h));
        h.insert(
            header::SET_COOKIE,
            HeaderValue::from_static("civis_session=x"),
        );
        assert!(private(&h));
        let mut h = HeaderMap::new();
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        assert!(private(&h));
    }

    #[test]
    fn unknown_parameters_leave_the_query() {
        let clean = |u: &str| without_unknown_params(&u.parse().unwrap()).map(|u| u.to_string());
        assert_eq!(clean("/areas/AT13?x=123").as_deref(), Some("/areas/AT13"));
        assert_eq!(clean("/areas/AT13"), None);
        assert_eq!(
            clean("/indicators/employment_rate?x=1&level=region&group=FOR").as_deref(),
            Some("/indicators/employment_rate?level=region&group=FOR")
        );
        assert_eq!(clean("/indicators/employment_rate?level=region"), None);
        // order and repeats of what is read are kept
        assert_eq!(
            clean("/compare?geo=DE&zz=1&geo=AT").as_deref(),
            Some("/compare?geo=DE&geo=AT")
        );
        assert_eq!(
            clean("/peers/AT13.json?w.employment_rate%3ATOTAL=2&k=3&utm=x").as_deref(),
            Some("/peers/AT13.json?w.employment_rate%3ATOTAL=2&k=3")
        );
        // the strict API and the registry keep their queries
        assert_eq!(clean("/api/observations?colour=red"), None);
        assert_eq!(clean("/registry?q=language&x=1"), None);
        // an empty query or a lone `?`
        assert_eq!(clean("/areas?").as_deref(), Some("/areas"));
    }

    #[test]
    fn if_none_match_lists_and_wildcards() {
        let etag = HeaderValue::from_static("\"abc\"");
        let mut h = HeaderMap::new();
        assert!(!matches(&h, &etag));
        h.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_static("\"x\", \"abc\""),
        );
        assert!(matches(&h, &etag));
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_static("*"));
        assert!(matches(&h, &etag));
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"abd\""));
        assert!(!matches(&h, &etag));
    }
}
