//! The Eurostat dissemination API client: one blocking GET per table, JSON-stat 2.0 back.
//!
//! Request: `{base}/statistics/1.0/data/{CODE}?lang=EN&format=JSON` plus one `dim=code` pair per
//! selected code (the API's filter syntax: repeated keys select several codes of a dimension).
//! The answer is a JSON-stat 2.0 dataset whose `updated` member is the table's last update.
//! Every way this can fail becomes one [`FetchError`] whose message is one sentence.

use std::io::Read;
use std::time::Duration;

use civis_io::cube::Dataset;
use thiserror::Error;

/// The default API base.
pub const DEFAULT_API_BASE: &str = "https://ec.europa.eu/eurostat/api/dissemination";
/// The largest answer accepted (the biggest regional LFS tables are a few hundred MB as JSON-stat).
const MAX_BODY: u64 = 2 << 30;

/// Why a table could not be fetched.
#[derive(Debug, Error)]
pub enum FetchError {
    #[error("cannot reach the Eurostat API at {url} ({reason}); check the network connection or --api-base")]
    Unreachable { url: String, reason: String },
    #[error("the Eurostat API at {url} did not answer within {seconds} s")]
    Timeout { url: String, seconds: u64 },
    #[error("the Eurostat API answered HTTP {status} for {url}{message}")]
    Http {
        url: String,
        status: u16,
        /// `: ` + Eurostat's own error label, when the answer carries one.
        message: String,
    },
    #[error("the Eurostat API's answer for {code} is not a JSON-stat dataset ({reason})")]
    Malformed { code: String, reason: String },
    #[error("`{0}` is not a Eurostat dataset code (letters, digits and `_` only)")]
    BadCode(String),
}

/// A fetched table.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub code: String,
    pub url: String,
    /// The table's last update as the API states it (JSON-stat `updated`), empty when absent.
    pub updated: String,
    pub dataset: Dataset,
}

/// A client of one API base.
#[derive(Debug, Clone)]
pub struct ApiClient {
    base: String,
    timeout: Duration,
    agent: ureq::Agent,
}

impl ApiClient {
    /// A client of `base` (without the trailing `/statistics/...`), giving up on a connection
    /// or an answer after `timeout`.
    pub fn new(base: &str, timeout: Duration) -> ApiClient {
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(timeout)
            .timeout(timeout)
            .user_agent(concat!("civis/", env!("CARGO_PKG_VERSION")))
            .build();
        ApiClient {
            base: base.trim_end_matches('/').to_string(),
            timeout,
            agent,
        }
    }

    /// The URL of a table with filters `(dimension, codes)`.
    pub fn url(&self, code: &str, filters: &[(String, Vec<String>)]) -> String {
        let mut url = format!(
            "{}/statistics/1.0/data/{}?lang=EN&format=JSON",
            self.base, code
        );
        for (dim, codes) in filters {
            for c in codes {
                url.push('&');
                url.push_str(&encode(dim));
                url.push('=');
                url.push_str(&encode(c));
            }
        }
        url
    }

    /// Fetches a table (all of it, or the filtered part).
    pub fn fetch(
        &self,
        code: &str,
        filters: &[(String, Vec<String>)],
    ) -> Result<Fetched, FetchError> {
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return Err(FetchError::BadCode(code.to_string()));
        }
        let url = self.url(code, filters);
        let body = self.get(&url)?;
        parse_answer(code, &url, &body)
    }

    fn get(&self, url: &str) -> Result<String, FetchError> {
        let timeout = |url: &str| FetchError::Timeout {
            url: url.to_string(),
            seconds: self.timeout.as_secs().max(1),
        };
        match self.agent.get(url).call() {
            Ok(resp) => {
                let mut body = String::new();
                resp.into_reader()
                    .take(MAX_BODY)
                    .read_to_string(&mut body)
                    .map_err(|e| match e.kind() {
                        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
                            timeout(url)
                        }
                        _ => FetchError::Unreachable {
                            url: url.to_string(),
                            reason: format!("the answer broke off: {e}"),
                        },
                    })?;
                Ok(body)
            }
            Err(ureq::Error::Status(status, resp)) => {
                let text = resp.into_string().unwrap_or_default();
                Err(FetchError::Http {
                    url: url.to_string(),
                    status,
                    message: error_label(&text)
                        .map(|l| format!(": {l}"))
                        .unwrap_or_default(),
                })
            }
            Err(ureq::Error::Transport(t)) => {
                let timed_out = std::error::Error::source(&t)
                    .and_then(|s| s.downcast_ref::<std::io::Error>())
                    .is_some_and(|e| {
                        matches!(
                            e.kind(),
                            std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
                        )
                    });
                if timed_out {
                    Err(timeout(url))
                } else {
                    Err(FetchError::Unreachable {
                        url: url.to_string(),
                        reason: t.kind().to_string(),
                    })
                }
            }
        }
    }
}

/// Percent-encoding of a query component (RFC 3986 unreserved characters kept).
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Eurostat's error answers are JSON `{"error": [{"status": 404, "label": "..."}]}` (or one
/// object): the label, when there is one.
fn error_label(text: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    let e = v.get("error")?;
    let e = e.as_array().and_then(|a| a.first()).unwrap_or(e);
    e.get("label").and_then(|l| l.as_str()).map(str::to_string)
}

/// Parses an API answer: exactly one JSON-stat dataset, with its `updated` member.
pub fn parse_answer(code: &str, url: &str, body: &str) -> Result<Fetched, FetchError> {
    let malformed = |reason: String| FetchError::Malformed {
        code: code.to_string(),
        reason,
    };
    let root: serde_json::Value =
        serde_json::from_str(body).map_err(|e| malformed(format!("invalid JSON: {e}")))?;
    if let Some(label) = error_label(body) {
        return Err(malformed(format!("an error answer: {label}")));
    }
    let updated = root
        .get("updated")
        .and_then(|u| u.as_str())
        .unwrap_or_default()
        .to_string();
    let mut sets =
        civis_io::jsonstat::read_jsonstat_str(body, code).map_err(|e| malformed(e.to_string()))?;
    if sets.len() != 1 {
        return Err(malformed(format!("{} datasets instead of one", sets.len())));
    }
    let mut dataset = sets.remove(0);
    if dataset.id.is_empty() {
        dataset.id = code.to_string();
    }
    Ok(Fetched {
        code: code.to_string(),
        url: url.to_string(),
        updated,
        dataset,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_carry_the_filters_encoded() {
        let c = ApiClient::new("http://x/api/", Duration::from_secs(1));
        assert_eq!(
            c.url("lfst_r_lfur2gac", &[("geo".into(), vec!["AT11".into(), "AT 12".into()])]),
            "http://x/api/statistics/1.0/data/lfst_r_lfur2gac?lang=EN&format=JSON&geo=AT11&geo=AT%2012"
        );
    }

    #[test]
    fn error_answers_and_bad_json_are_malformed() {
        let e = parse_answer(
            "x",
            "u",
            r#"{"error":[{"status":400,"label":"bad filter"}]}"#,
        )
        .unwrap_err();
        assert!(e.to_string().contains("bad filter"), "{e}");
        let e = parse_answer("x", "u", "<html>").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("the Eurostat API's answer for x is not a JSON-stat dataset"),
            "{e}"
        );
        assert_eq!(
            error_label(r#"{"error":{"label":"gone"}}"#).as_deref(),
            Some("gone")
        );
    }

    #[test]
    fn codes_are_checked_before_any_request() {
        let c = ApiClient::new("http://127.0.0.1:9", Duration::from_secs(1));
        assert!(matches!(
            c.fetch("a/../b", &[]),
            Err(FetchError::BadCode(_))
        ));
    }
}
