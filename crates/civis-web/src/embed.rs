//! Embeds: `/embed/{chart}?...` is one chart, self-contained, for another site.
//!
//! * `/embed/{chart}` is a small HTML document for an `<iframe>`: the chart, its text
//!   alternative, the source line in the producer's wording, the marks (synthetic data,
//!   model-based estimates) and the permalink that pins the vintage.
//! * `/embed/{chart}.svg` is the same as one standalone SVG for an `<img>`: the text alternative,
//!   source line, marks and permalink are in its `<desc>` and drawn under the chart.
//!
//! Charts and their parameters:
//! * `ranking?indicator=ID[&level=country|region|district][&group=CODE][&time=PERIOD]`
//! * `gap?geo=GEO&indicator=ID` (migrant groups against nationals in one area)
//! * `time-series?geo=GEO&indicator=ID`
//!
//! An unknown chart, area or indicator is a 404; a missing, unknown or invalid parameter a
//! 400, each with one sentence saying what to send. Embeds are the only answers another site
//! may frame: the server relaxes `X-Frame-Options` / `frame-ancestors` for `/embed/` only
//! ([`is_embed`]).

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use civis_chart::Chart;
use maud::{html, Markup, PreEscaped, DOCTYPE};

use crate::data::producer::{self, Producer};
use crate::data::{AreaKind, DatasetView, Obs, PortalData, Status};
use crate::i18n::{t, t_args};
use crate::pages::area::AreaView;
use crate::pages::indicator::IndicatorView;
use crate::pages::Params;
use crate::respond::with_cache;
use crate::snippet::EmbedChart;
use crate::AppState;

/// The Content-Security-Policy of embeds: like every page's, but any site may frame them.
pub const EMBED_CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; frame-ancestors *";

/// Whether a request path is an embed (framable).
pub fn is_embed(path: &str) -> bool {
    path.starts_with("/embed/")
}

/// A refusal: status and one sentence.
type Refusal = (StatusCode, String);

fn bad(msg: String) -> Refusal {
    (StatusCode::BAD_REQUEST, msg)
}

fn not_found(msg: String) -> Refusal {
    (StatusCode::NOT_FOUND, msg)
}

/// A drawn chart with what travels with it.
struct Embed {
    chart: Chart,
    title: String,
    /// The producers' wordings of the values drawn, one per dataset.
    sources: Vec<String>,
    synthetic: bool,
    model_based: bool,
    /// The page that shows these numbers, pinned to this vintage.
    permalink: String,
    /// The page the chart comes from (current numbers).
    page: String,
}

impl Embed {
    fn new<'a>(
        d: &PortalData,
        drawn: (Result<Chart, civis_chart::ChartError>, String),
        obs: impl Iterator<Item = &'a Obs>,
        page: String,
    ) -> Result<Embed, Refusal> {
        let (chart, title) = drawn;
        let chart = chart.map_err(|e| not_found(format!("The chart cannot be drawn: {e}.")))?;
        let (mut sources, mut synthetic, mut model_based) = (Vec::<String>::new(), false, false);
        for o in obs.filter(|o| o.status.shows_value()) {
            let source = d
                .datasets
                .get(o.dataset)
                .map_or_else(|| o.citation.clone(), source_words);
            if !sources.contains(&source) {
                sources.push(source);
            }
            synthetic |= o.synthetic;
            model_based |= matches!(o.status, Status::ModelBased { .. });
        }
        let release = d
            .releases
            .pinned
            .as_ref()
            .or(d.releases.latest.as_ref())
            .map_or(0, |r| r.id);
        Ok(Embed {
            chart,
            title,
            sources,
            synthetic,
            model_based,
            permalink: crate::base_url::absolute(&format!("/v/{release}{page}")),
            page: crate::base_url::absolute(&page),
        })
    }

    /// The marks, in words, in the page's language.
    fn marks(&self) -> Vec<String> {
        let mut m = Vec::new();
        if self.synthetic {
            m.push(crate::i18n::t("embed-synthetic"));
        }
        if self.model_based {
            m.push(crate::i18n::t("embed-model-based"));
        }
        m
    }

    fn source_line(&self) -> String {
        format!("{}.", self.sources.join("; "))
    }
}

/// The producer's required wording for the values of a dataset in the page's language:
/// Eurostat's "Source: Eurostat (online data code: X)" as Eurostat words it in that language
/// ("Source : Eurostat (code des données en ligne : X)"), Civis's own estimates with their
/// method in words; other producers' wording as they give it ([`producer::wording`]).
fn source_words(ds: &DatasetView) -> String {
    match Producer::of(ds) {
        Producer::Eurostat { code } => {
            t_args("embed-source-eurostat", &[("code", code.as_str().into())])
        }
        Producer::EurostatVia { code, via } => t_args(
            "embed-source-eurostat-via",
            &[("code", code.as_str().into()), ("via", via.as_str().into())],
        ),
        Producer::Civis => {
            let method = t(&format!("method-{}", ds.method));
            let mut w = t_args(
                "embed-source-civis",
                &[
                    ("method", method.into()),
                    ("source", ds.source.as_str().into()),
                ],
            );
            if !ds.attribution.is_empty() {
                w.push_str(". ");
                w.push_str(&ds.attribution);
            }
            w
        }
        Producer::Other { .. } => producer::wording(ds),
    }
}

/// Draws the chart `which` with `params`, validated.
fn draw(d: &PortalData, which: EmbedChart, p: &Params) -> Result<Embed, Refusal> {
    let (known, needed) = which.params();
    if let Some((k, _)) = p.0.iter().find(|(k, _)| !known.contains(&k.as_str())) {
        return Err(bad(format!(
            "Unknown parameter `{k}` for the {} chart: it reads {}.",
            which.name(),
            known.join(", ")
        )));
    }
    if let Some(k) = needed.iter().find(|k| p.get(k).is_none()) {
        return Err(bad(format!(
            "The {} chart needs the parameter `{k}` (it reads {}).",
            which.name(),
            known.join(", ")
        )));
    }
    let id = p.get("indicator").unwrap_or_default();
    let info = d
        .indicator(id)
        .ok_or_else(|| not_found(format!("No indicator `{id}`; see /indicators.")))?;
    let none = || {
        not_found(format!(
            "There is no {} chart for these parameters (no values to draw).",
            which.name()
        ))
    };
    match which {
        EmbedChart::Ranking => {
            if let Some(l) = p.get("level") {
                let kind = AreaKind::parse(l).ok_or_else(|| {
                    bad(format!(
                        "`level={l}` is not a level: use country, region or district."
                    ))
                })?;
                if !d.kinds_of(id).contains(&kind) {
                    return Err(not_found(format!("`{id}` has no values at level `{l}`.")));
                }
            }
            let v = IndicatorView::build(d, info, p);
            for (key, value, ok) in [
                (
                    "group",
                    p.get("group"),
                    p.get("group").is_none_or(|g| g == v.group),
                ),
                (
                    "time",
                    p.get("time"),
                    p.get("time").is_none_or(|t| t == v.time),
                ),
            ] {
                if !ok {
                    return Err(not_found(format!(
                        "`{key}={}` has no values for `{id}` at this level.",
                        value.unwrap_or_default()
                    )));
                }
            }
            let drawn = crate::pages::indicator::ranking_drawn(d, &v).ok_or_else(none)?;
            let page = format!(
                "/indicators/{id}?level={}&group={}&time={}",
                v.level.code(),
                v.group,
                v.time
            );
            Embed::new(d, drawn, v.rows.iter().map(|r| r.obs), page)
        }
        EmbedChart::Gap | EmbedChart::TimeSeries => {
            let geo = p.get("geo").unwrap_or_default();
            let area = d
                .area(geo)
                .ok_or_else(|| not_found(format!("No area `{geo}`; see /areas.")))?;
            let view = AreaView::build(d, area);
            let block = view
                .indicators
                .iter()
                .find(|b| b.indicator.id == id)
                .ok_or_else(|| not_found(format!("`{geo}` has no values of `{id}`.")))?;
            let drawn = if which == EmbedChart::Gap {
                crate::pages::area::gap_drawn(d, block)
            } else {
                crate::pages::area::time_series_drawn(d, block)
            }
            .ok_or_else(none)?;
            let obs: Vec<&Obs> = if which == EmbedChart::Gap {
                block.rows.iter().map(|r| r.value).collect()
            } else {
                block
                    .series
                    .iter()
                    .flat_map(|(_, s)| s.iter().copied())
                    .collect()
            };
            let page = format!("/areas/{geo}");
            Embed::new(d, drawn, obs.into_iter(), page)
        }
    }
}

/// `GET /embed/{chart}` (HTML for an iframe) and `/embed/{chart}.svg` (an image).
pub async fn embed(
    State(state): State<AppState>,
    Path(file): Path<String>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
) -> Response {
    let (name, svg) = match file.strip_suffix(".svg") {
        Some(n) => (n, true),
        None => (file.as_str(), false),
    };
    let d = &state.data;
    let result = match EmbedChart::parse(name) {
        None => Err(not_found(format!(
            "No chart `{name}` to embed: use {}.",
            EmbedChart::ALL.map(|c| c.name()).join(", ")
        ))),
        Some(which) => match q
            .as_deref()
            .map(serde_urlencoded::from_str::<Vec<(String, String)>>)
        {
            Some(Err(_)) => Err(bad("The query string is not valid URL encoding.".into())),
            other => draw(
                d,
                which,
                &Params(other.and_then(Result::ok).unwrap_or_default()),
            ),
        },
    };
    match result {
        Ok(e) if svg => with_cache(
            &headers,
            d.version,
            standalone_svg(&e).into_bytes(),
            "image/svg+xml",
            None,
        ),
        Ok(e) => with_cache(
            &headers,
            d.version,
            document(&e).into_string().into_bytes(),
            "text/html; charset=utf-8",
            None,
        ),
        Err((status, msg)) => (
            status,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            msg,
        )
            .into_response(),
    }
}

/// The HTML document of an iframe embed.
fn document(e: &Embed) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(crate::i18n::lang().code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (e.title) " — Civis" }
                link rel="stylesheet" href="/static/civis.css";
            }
            body.embed {
                main {
                    @if e.synthetic { p.banner.synthetic role="note" { (t("embed-synthetic")) } }
                    figure {
                        (PreEscaped(&e.chart.svg))
                        figcaption {
                            strong { (e.title) } br;
                            (e.source_line())
                            @for m in e.marks() { " " (m) }
                            br;
                            (t("embed-cite")) " " a href=(e.permalink) target="_blank" rel="noopener" { (e.permalink) }
                            " · " a href=(e.page) target="_blank" rel="noopener" { (t("embed-current")) }
                            details { summary { (t("chart-in-words")) } pre.alt { (e.chart.alt_text) } }
                        }
                    }
                }
            }
        }
    }
}

/// `(width, height)` of a chart from its `viewBox`.
fn size(svg: &str) -> (f64, f64) {
    let vb = svg
        .split("viewBox=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or("0 0 640 400");
    let n: Vec<f64> = vb
        .split_whitespace()
        .filter_map(|x| x.parse().ok())
        .collect();
    match n.as_slice() {
        [_, _, w, h] => (*w, *h),
        _ => (640.0, 400.0),
    }
}

/// `text` in lines of at most `width` characters, broken at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The standalone SVG of an image embed: the chart, then the source line, marks and permalink
/// drawn under it and repeated in the `<desc>`.
fn standalone_svg(e: &Embed) -> String {
    let (w, h) = size(&e.chart.svg);
    let per_line = ((w - 16.0) / 6.2).max(20.0) as usize;
    let mut footer: Vec<String> = wrap(&e.source_line(), per_line);
    for m in e.marks() {
        footer.extend(wrap(&m, per_line));
    }
    footer.push(format!("{} {}", t("embed-cite"), e.permalink));
    let total = h + 8.0 + 15.0 * footer.len() as f64;
    let desc = format!(
        "{}\n{}\n{}\n{} {}",
        e.chart.alt_text,
        e.source_line(),
        e.marks().join(" "),
        t("embed-cite"),
        e.permalink
    );
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {total}\" width=\"{w}\" height=\"{total}\" role=\"img\" aria-labelledby=\"embed-title\" aria-describedby=\"embed-desc\" font-family=\"sans-serif\" font-size=\"11\">\n<title id=\"embed-title\">{}</title>\n<desc id=\"embed-desc\">{}</desc>\n<rect width=\"{w}\" height=\"{total}\" fill=\"#fff\"/>\n",
        xml_escape(&e.title),
        xml_escape(&desc)
    );
    s.push_str(&e.chart.svg);
    for (i, line) in footer.iter().enumerate() {
        s.push_str(&format!(
            "\n<text x=\"8\" y=\"{}\" fill=\"#333\">{}</text>",
            h + 18.0 + 15.0 * i as f64,
            xml_escape(line)
        ));
    }
    s.push_str("\n</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_names_round_trip() {
        for c in EmbedChart::ALL {
            assert_eq!(EmbedChart::parse(c.name()), Some(c));
        }
        assert_eq!(EmbedChart::parse("pie"), None);
    }

    #[test]
    fn long_source_lines_wrap_at_spaces() {
        let lines = wrap(
            "Source: Eurostat (online data code: lfsa_ergan); Source: x",
            20,
        );
        assert!(
            lines
                .iter()
                .all(|l| l.chars().count() <= 20 || !l.contains(' ')),
            "{lines:?}"
        );
        assert_eq!(
            lines.join(" "),
            "Source: Eurostat (online data code: lfsa_ergan); Source: x"
        );
    }

    #[test]
    fn the_size_comes_from_the_view_box() {
        assert_eq!(
            size("<svg viewBox=\"0 0 600 320\" width=\"600\">"),
            (600.0, 320.0)
        );
    }
}
