//! Every page has machine-readable twins: `/areas/AT13` is HTML, `/areas/AT13.json` the same
//! content as JSON and `/areas/AT13.csv` its main table as CSV (the Datasette convention). A
//! handler builds one view and [`respond`] renders it in the asked format, with an `ETag`
//! (conditional requests answer `304`) and `Cache-Control`.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use serde::Serialize;

use crate::data::Fnv;
use crate::i18n::{href, t};
use crate::layout::{page, Page};

/// The representation asked for by the URL suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Json,
    Csv,
}

impl Format {
    /// Splits `AT13.json` into (`AT13`, Json); no known suffix = HTML.
    pub fn split(segment: &str) -> (&str, Format) {
        if let Some(s) = segment.strip_suffix(".json") {
            (s, Format::Json)
        } else if let Some(s) = segment.strip_suffix(".csv") {
            (s, Format::Csv)
        } else {
            (segment, Format::Html)
        }
    }
}

/// A table for the CSV twin: a header and rows of text cells.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new<S: Into<String>>(columns: impl IntoIterator<Item = S>) -> Table {
        Table {
            columns: columns.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<String>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    /// RFC 4180 CSV; text a spreadsheet would run as a formula is guarded with a leading `'`.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        write_row(&mut out, self.columns.iter().map(String::as_str));
        for r in &self.rows {
            write_row(&mut out, r.iter().map(String::as_str));
        }
        out
    }
}

fn write_row<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    for (i, c) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        let c = civis_io::sdmx_csv::guard(c);
        if c.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&c.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&c);
        }
    }
    out.push_str("\r\n");
}

/// The columns of an observation's value in the CSV twins (after the columns saying what it is).
pub const VALUE_COLUMNS: [&str; 10] = [
    "age",
    "estimate",
    "ci_low",
    "ci_high",
    "se",
    "n",
    "flags",
    "status",
    "method",
    "synthetic",
];

/// The cells of [`VALUE_COLUMNS`] for an observation.
pub fn value_cells(o: &crate::data::Obs) -> [String; 10] {
    let s = &o.stored;
    [
        s.age.clone(),
        cell(s.estimate),
        cell(s.ci_low),
        cell(s.ci_high),
        cell(s.se),
        s.n.map(|n| n.to_string()).unwrap_or_default(),
        s.flags.clone(),
        o.status.label().to_string(),
        o.method.to_string(),
        o.synthetic.to_string(),
    ]
}

/// An optional number as a CSV cell (empty when missing), to 12 significant digits: the
/// shortest text that reads back as the value rounded there, so arithmetic noise such as
/// `-2.700000000000001` (from `e - 1.96 s`) prints as `-2.7`.
pub fn cell(v: Option<f64>) -> String {
    v.map(tidy).unwrap_or_default()
}

/// `x` rounded to 12 significant digits, in the shortest decimal form.
pub fn tidy(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    format!("{x:.11e}")
        .parse::<f64>()
        .map(|r| r.to_string())
        .unwrap_or_else(|_| x.to_string())
}

/// Renders `html`, `json` or `table` as asked, with caching headers.
pub fn respond<J: Serialize>(
    headers: &HeaderMap,
    format: Format,
    version: u64,
    html: impl FnOnce() -> Markup,
    json: impl FnOnce() -> J,
    table: impl FnOnce() -> Table,
) -> Response {
    let (body, content_type) = match format {
        Format::Html => (
            html().into_string().into_bytes(),
            "text/html; charset=utf-8",
        ),
        Format::Json => match serde_json::to_vec_pretty(&json()) {
            Ok(b) => (b, "application/json"),
            Err(e) => return error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
        },
        Format::Csv => (table().to_csv().into_bytes(), "text/csv; charset=utf-8"),
    };
    with_cache(headers, version, body, content_type, None)
}

/// A body with `ETag` (hash of the data version and the body), `Cache-Control`, and `304` when
/// the client already has it.
pub fn with_cache(
    headers: &HeaderMap,
    version: u64,
    body: Vec<u8>,
    content_type: &str,
    filename: Option<&str>,
) -> Response {
    let mut h = Fnv::default();
    h.write(&version.to_le_bytes());
    h.write(&body);
    let etag = format!("\"{:016x}\"", h.finish());
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut resp = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (StatusCode::OK, body).into_response()
    };
    let hs = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        hs.insert(header::ETAG, v);
    }
    hs.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    if !matches {
        if let Ok(v) = HeaderValue::from_str(content_type) {
            hs.insert(header::CONTENT_TYPE, v);
        }
        if let Some(f) = filename {
            if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{f}\"")) {
                hs.insert(header::CONTENT_DISPOSITION, v);
            }
        }
    }
    resp
}

/// A plain error response (JSON for API clients is produced by the API module).
pub fn error(status: StatusCode, message: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message.to_string(),
    )
        .into_response()
}

/// The 404 page.
pub fn not_found_page() -> Response {
    message_page(
        StatusCode::NOT_FOUND,
        &t("error-not-found-title"),
        &t("error-not-found-text"),
    )
}

/// A page with one message and a status code.
pub fn message_page(status: StatusCode, title: &str, text: &str) -> Response {
    let body = page(
        &Page {
            title,
            path: "",
            query: "",
            twins: false,
            synthetic: false,
        },
        html! {
            h1 { (title) }
            p { (text) }
            p { a href=(href("/indicators")) { (t("nav-indicators")) } " · " a href=(href("/areas")) { (t("nav-areas")) } }
        },
    );
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body.into_string(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_select_the_twin() {
        assert_eq!(Format::split("AT13.json"), ("AT13", Format::Json));
        assert_eq!(Format::split("AT13.csv"), ("AT13", Format::Csv));
        assert_eq!(Format::split("AT13"), ("AT13", Format::Html));
    }

    #[test]
    fn csv_quotes_and_guards_formulas() {
        let mut t = Table::new(["a", "b"]);
        t.push(vec!["=HYPERLINK(1)".into(), "x,\"y\"".into()]);
        t.push(vec!["-1.5".into(), "".into()]);
        assert_eq!(
            t.to_csv(),
            "a,b\r\n'=HYPERLINK(1),\"x,\"\"y\"\"\"\r\n-1.5,\r\n"
        );
    }

    #[test]
    fn numbers_lose_their_floating_point_noise() {
        assert_eq!(tidy(-2.700000000000001), "-2.7");
        assert_eq!(tidy(517882.8), "517882.8");
        assert_eq!(tidy(0.1 + 0.2), "0.3");
        assert_eq!(tidy(1.0 / 3.0), "0.333333333333");
        assert_eq!(cell(None), "");
    }

    #[test]
    fn etag_answers_not_modified() {
        let r = with_cache(&HeaderMap::new(), 1, b"abc".to_vec(), "text/plain", None);
        let etag = r.headers()[header::ETAG].clone();
        let mut h = HeaderMap::new();
        h.insert(header::IF_NONE_MATCH, etag);
        let r2 = with_cache(&h, 1, b"abc".to_vec(), "text/plain", None);
        assert_eq!(r2.status(), StatusCode::NOT_MODIFIED);
        let r3 = with_cache(&h, 2, b"abc".to_vec(), "text/plain", None);
        assert_eq!(r3.status(), StatusCode::OK);
    }
}
