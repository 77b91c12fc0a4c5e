//! The portal's public address, for the URLs that leave the site: citations (`/cite/{id}`, its
//! BibTeX, RIS and CSL-JSON), permalinks (`/v/{release}/...`), the embed snippets and embeds'
//! source lines, and the report's "Online" line.
//!
//! `civis serve --base-url https://civis.example.eu` (or `CIVIS_BASE_URL`) makes them absolute
//! (`https://civis.example.eu/v/3/areas/AT13`); without it they stay paths on the portal
//! (`/v/3/areas/AT13`), which a reader must prefix with the portal's address. The server behind
//! a proxy cannot know its public address from the request (the `Host` header is the client's
//! word), hence an option rather than a guess. Links between the portal's own pages stay paths.
//!
//! The address is set per request by a middleware ([`scope`], installed by
//! [`crate::server::app`] from [`crate::AppState::base_url`]) and read by [`absolute`], like the
//! page's language ([`crate::i18n::lang`]); code outside a request gets paths.

use std::fmt;
use std::sync::Arc;

/// An `http://` or `https://` address with a host, no query and no fragment, kept without its
/// trailing slash (`https://civis.example.eu/portal`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(Arc<str>);

/// Why a text is not a base URL.
#[derive(Debug, thiserror::Error)]
pub enum BaseUrlError {
    #[error("the base URL '{text}' is not a URL: {source}")]
    Parse {
        text: String,
        source: url::ParseError,
    },
    #[error("the base URL '{0}' must start with http:// or https://")]
    Scheme(String),
    #[error("the base URL '{0}' must not have a query, a fragment, a user or a password")]
    Extra(String),
}

impl BaseUrl {
    /// Checks `text` (`https://civis.example.eu/`, with or without a path).
    pub fn parse(text: &str) -> Result<BaseUrl, BaseUrlError> {
        let trimmed = text.trim();
        let url = url::Url::parse(trimmed).map_err(|source| BaseUrlError::Parse {
            text: text.to_string(),
            source,
        })?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(BaseUrlError::Scheme(text.to_string()));
        }
        if url.query().is_some()
            || url.fragment().is_some()
            || !url.username().is_empty()
            || url.password().is_some()
        {
            return Err(BaseUrlError::Extra(text.to_string()));
        }
        Ok(BaseUrl(url.as_str().trim_end_matches('/').into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

tokio::task_local! {
    static BASE: Option<BaseUrl>;
}

/// `path` (starting with `/`) as a URL to hand out: prefixed with the base URL when the server
/// has one, the path itself otherwise.
pub fn absolute(path: &str) -> String {
    BASE.try_with(|b| b.as_ref().map(|b| format!("{b}{path}")))
        .ok()
        .flatten()
        .unwrap_or_else(|| path.to_string())
}

/// Runs `fut` (a request) with `base` as the portal's address.
pub async fn scope<F: std::future::Future>(base: Option<BaseUrl>, fut: F) -> F::Output {
    BASE.scope(base, fut).await
}

/// Runs `f` with `base` as the portal's address (code outside a request, tests).
pub fn with_base_url<R>(base: Option<BaseUrl>, f: impl FnOnce() -> R) -> R {
    BASE.sync_scope(base, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_http_addresses_kept_without_their_trailing_slash() {
        let b = BaseUrl::parse("https://civis.example.eu/").unwrap();
        assert_eq!(b.as_str(), "https://civis.example.eu");
        let b = BaseUrl::parse("http://127.0.0.1:8080/portal/").unwrap();
        assert_eq!(b.as_str(), "http://127.0.0.1:8080/portal");
        for bad in [
            "civis.example.eu",
            "ftp://civis.example.eu",
            "https://civis.example.eu/?a=1",
            "https://civis.example.eu/#top",
            "https://user:pw@civis.example.eu",
            "",
        ] {
            let e = BaseUrl::parse(bad).unwrap_err().to_string();
            assert!(e.contains(&format!("'{bad}'")), "{bad}: {e}");
        }
    }

    #[test]
    fn paths_become_absolute_only_inside_a_base_url_scope() {
        assert_eq!(absolute("/v/3/areas/AT13"), "/v/3/areas/AT13");
        let b = BaseUrl::parse("https://civis.example.eu").ok();
        let inside = with_base_url(b, || absolute("/v/3/areas/AT13"));
        assert_eq!(inside, "https://civis.example.eu/v/3/areas/AT13");
        assert_eq!(with_base_url(None, || absolute("/x")), "/x");
    }
}
