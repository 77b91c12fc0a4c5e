//! Choosing the page's language: the URL prefix decides (`/fr/areas/FR002C` is French,
//! `/areas/FR002C` English, `/en/...` redirects to the unprefixed URL); `Accept-Language` only
//! *offers* another language on an unprefixed page (a link "Cette page en français"), so every
//! URL shows the same page to everyone and links, tests and caches keep working. A response that
//! carries such an offer depends on the header: it says `Vary: Accept-Language`, and the response
//! cache keys it by [`offered`] too.

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::{scope, Lang};

/// The language chosen for a request and the one offered from `Accept-Language`, as a request
/// extension for the handlers that want it explicitly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub lang: Lang,
    /// On an unprefixed page: the best non-English language the browser asks for.
    pub offered: Option<Lang>,
}

/// Whether a path is a portal page that exists in every language (not the API's endpoints, the
/// downloads, the stylesheet or the health check; the registry's pages are pages, its API under
/// `/api/registry` is not).
pub fn is_page(path: &str) -> bool {
    // `/api` itself is the API's documentation page; what is under it is data.
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    !matches!(first, "static" | "healthz" | "favicon.ico")
        && !path.starts_with("/api/")
        && !path.starts_with("/downloads/")
}

/// Whether a path is a machine-readable twin (`.json`, `.csv`): always language-neutral.
fn is_twin(path: &str) -> bool {
    path.ends_with(".json") || path.ends_with(".csv")
}

/// Splits a language prefix off a path: `/fr/areas/AT13` -> (`Fr`, `/areas/AT13`), `/fr` ->
/// (`Fr`, `/`). `None` when the path has no prefix or the rest is not a page.
pub fn split_prefix(path: &str) -> Option<(Lang, String)> {
    let rest = path.strip_prefix('/')?;
    let (code, tail) = rest.split_once('/').unwrap_or((rest, ""));
    let lang = Lang::ALL
        .into_iter()
        .find(|l| *l != Lang::En && l.code() == code)?;
    let tail = format!("/{tail}");
    is_page(&tail).then_some((lang, tail))
}

/// The path without its language prefix, `/en` included (itself when it has none).
pub fn unprefixed(path: &str) -> String {
    if let Some(rest) = path
        .strip_prefix("/en")
        .filter(|r| r.is_empty() || r.starts_with('/'))
    {
        return if rest.is_empty() {
            "/".into()
        } else {
            rest.into()
        };
    }
    split_prefix(path)
        .map(|(_, p)| p)
        .unwrap_or_else(|| path.to_string())
}

/// The best non-English portal language of an `Accept-Language` header, when the browser prefers
/// it to English (`fr-CH, fr;q=0.9, en;q=0.8` -> French; `en-GB, fr;q=0.5` -> none).
pub fn offered(headers: &HeaderMap) -> Option<Lang> {
    let value = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    let mut best: Option<(f32, usize, Lang)> = None;
    for (i, item) in value.split(',').enumerate() {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or("").trim();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        let Some(lang) = Lang::from_code(tag) else {
            continue;
        };
        if q <= 0.0 {
            continue;
        }
        // Highest q wins; on a tie, the first listed.
        if best.is_none_or(|(bq, bi, _)| q > bq || (q == bq && i < bi)) {
            best = Some((q, i, lang));
        }
    }
    best.map(|(_, _, l)| l).filter(|l| *l != Lang::En)
}

/// The middleware: strips the language prefix, redirects `/en/...`, and renders the page inside
/// the language's scope; unprefixed pages get `Vary: Accept-Language`.
pub async fn language(mut req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    if path == "/en" || path.starts_with("/en/") {
        let rest = path.strip_prefix("/en").unwrap_or("/");
        let rest = if rest.is_empty() { "/" } else { rest };
        let target = match req.uri().query() {
            Some(q) => format!("{rest}?{q}"),
            None => rest.to_string(),
        };
        return (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, target)]).into_response();
    }
    let (lang, offered) = match split_prefix(&path) {
        Some((lang, rest)) => {
            if let Some(uri) = with_path(req.uri(), &rest) {
                *req.uri_mut() = uri;
            }
            (lang, None)
        }
        None if is_page(&path) && !is_twin(&path) => (Lang::En, offered(req.headers())),
        None => (Lang::En, None),
    };
    // Twins are machine data: English labels whatever the prefix.
    let lang = if is_twin(&path) { Lang::En } else { lang };
    let unprefixed_page = lang == Lang::En && is_page(&path) && !is_twin(&path);
    let choice = Choice { lang, offered };
    req.extensions_mut().insert(choice);
    let mut resp = scope(choice, next.run(req)).await;
    if unprefixed_page {
        resp.headers_mut()
            .append(header::VARY, HeaderValue::from_static("Accept-Language"));
    }
    resp
}

fn with_path(uri: &Uri, path: &str) -> Option<Uri> {
    let pq = match uri.query() {
        Some(q) => format!("{path}?{q}"),
        None => path.to_string(),
    };
    let mut parts = uri.clone().into_parts();
    parts.path_and_query = Some(pq.parse().ok()?);
    Uri::from_parts(parts).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_split_off_pages_only() {
        assert_eq!(
            split_prefix("/fr/areas/AT13"),
            Some((Lang::Fr, "/areas/AT13".into()))
        );
        assert_eq!(split_prefix("/pl"), Some((Lang::Pl, "/".into())));
        assert_eq!(split_prefix("/fr/api/indicators"), None);
        assert_eq!(
            split_prefix("/de/registry/practices/3"),
            Some((Lang::De, "/registry/practices/3".into()))
        );
        assert_eq!(split_prefix("/fr/api/registry/search"), None);
        assert_eq!(split_prefix("/areas/AT13"), None);
        assert_eq!(split_prefix("/en/areas"), None);
        assert_eq!(unprefixed("/en/areas"), "/areas");
        assert_eq!(unprefixed("/de/indicators/x"), "/indicators/x");
        assert_eq!(unprefixed("/energy"), "/energy");
    }

    #[test]
    fn accept_language_offers_the_preferred_language() {
        let h = |v: &str| {
            let mut m = HeaderMap::new();
            m.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_str(v).unwrap());
            m
        };
        assert_eq!(offered(&h("fr")), Some(Lang::Fr));
        assert_eq!(offered(&h("fr-CH, fr;q=0.9, en;q=0.8")), Some(Lang::Fr));
        assert_eq!(offered(&h("en-GB, fr;q=0.5")), None);
        assert_eq!(offered(&h("pt-PT, de;q=0.7, en;q=0.3")), Some(Lang::De));
        assert_eq!(offered(&h("de;q=0")), None);
        assert_eq!(offered(&HeaderMap::new()), None);
    }
}
