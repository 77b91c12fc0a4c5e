//! The page shell: skip link, header with the site navigation, `main` landmark, footer with the
//! sources and attributions. Pages work without JavaScript; the only stylesheet is
//! `/static/civis.css`.

use maud::{html, Markup, PreEscaped, DOCTYPE};

use crate::data::PortalData;
use crate::i18n::{self, href, t, t_args, Lang};

/// The portal's stylesheet (embedded in the binary).
pub const CSS: &str = include_str!("../assets/civis.css");

/// One entry of the site navigation: path and message id.
const NAV: [(&str, &str); 8] = [
    ("/", "nav-home"),
    ("/indicators", "nav-indicators"),
    ("/areas", "nav-areas"),
    ("/compare", "nav-compare"),
    ("/methodology", "nav-methodology"),
    ("/downloads", "nav-downloads"),
    ("/registry", "nav-registry"),
    ("/api", "nav-api"),
];

/// What a page tells the shell.
pub struct Page<'a> {
    pub title: &'a str,
    /// The path of the page (for the current-page marker and the twin links).
    pub path: &'a str,
    /// The query string to keep on twin links (`?level=region`), including `?`, or empty.
    pub query: &'a str,
    /// Whether the page offers `.json` / `.csv` twins.
    pub twins: bool,
    /// Whether the page shows synthetic data (adds a banner).
    pub synthetic: bool,
}

/// Wraps page content in the shell.
pub fn page(p: &Page<'_>, content: Markup) -> Markup {
    let base = if p.path == "/" { "/index" } else { p.path };
    let lang = i18n::lang();
    // A page in every language only when it has a path (message pages have none).
    let languages = !p.path.is_empty() && i18n::negotiate::is_page(p.path);
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (p.title) " — Civis" }
                link rel="stylesheet" href="/static/civis.css";
                @if languages {
                    @for l in Lang::ALL {
                        link rel="alternate" hreflang=(l.code()) href={ (i18n::href_in(l, p.path)) (p.query) };
                    }
                    link rel="alternate" hreflang="x-default" href={ (p.path) (p.query) };
                }
                @if p.twins {
                    link rel="alternate" type="application/json" href={ (base) ".json" (p.query) };
                    link rel="alternate" type="text/csv" href={ (base) ".csv" (p.query) };
                }
            }
            body {
                a.skip href="#main" { (t("skip-to-content")) }
                @if let Some(o) = i18n::offer().filter(|_| languages) {
                    p.language-offer lang=(o.code()) {
                        a href={ (i18n::href_in(o, p.path)) (p.query) } hreflang=(o.code()) {
                            (i18n::t_in(o, "this-page-in-language", None))
                        }
                    }
                }
                header.site {
                    div.brand { a href=(href("/")) { "Civis" } span.tagline { (t("tagline")) } }
                    nav aria-label=(t("nav-site")) {
                        ul {
                            @for (path, key) in NAV {
                                li {
                                    @if current(p.path, path) {
                                        a href=(href(path)) aria-current="page" { (t(key)) }
                                    } @else {
                                        a href=(href(path)) { (t(key)) }
                                    }
                                }
                            }
                        }
                    }
                    @if languages {
                        (switcher(lang, p))
                    }
                }
                main #main tabindex="-1" {
                    @if p.synthetic {
                        p.synthetic-banner role="note" {
                            strong { (t("synthetic-banner-title")) } " "
                            (t("synthetic-banner-text")) " "
                            span.badge.synthetic { (t("badge-synthetic")) } "."
                        }
                    }
                    (content)
                    @if p.twins {
                        p.twins {
                            (t("twins-label")) " "
                            a href={ (base) ".json" (p.query) } { "JSON" } " · "
                            a href={ (base) ".csv" (p.query) } { "CSV" }
                        }
                    }
                }
                footer.site {
                    p { (t("footer-sources")) " " (t("footer-boundaries")) }
                    p { a href=(href("/methodology")) { (t("footer-read-numbers")) } " · " a href="/api" { (t("nav-api")) } " · " a href="/healthz" { (t("footer-status")) } }
                }
            }
        }
    }
}

/// The language switcher: this page in every language, the current one marked.
fn switcher(lang: Lang, p: &Page<'_>) -> Markup {
    html! {
        nav.languages aria-label=(t("nav-languages")) {
            ul {
                @for l in Lang::ALL {
                    li {
                        @if l == lang {
                            a href={ (i18n::href_in(l, p.path)) (p.query) } lang=(l.code()) hreflang=(l.code()) aria-current="true" { (l.autonym()) }
                        } @else {
                            a href={ (i18n::href_in(l, p.path)) (p.query) } lang=(l.code()) hreflang=(l.code()) { (l.autonym()) }
                        }
                    }
                }
            }
        }
    }
}

fn current(path: &str, href: &str) -> bool {
    if href == "/" {
        path == "/"
    } else {
        path == href || path.starts_with(&format!("{href}/"))
    }
}

/// Raw, trusted markup (SVG produced by our own chart code).
pub fn trusted(svg: String) -> PreEscaped<String> {
    PreEscaped(svg)
}

/// A small "no data" notice.
pub fn empty(text: &str) -> Markup {
    html! { p.empty { (text) } }
}

/// Under the title of a page at `path` (without `/v/...`): on a pinned page, which release it
/// shows and, when there is a newer one, a note linking to the current page; on a current page,
/// the permalink that pins today's numbers.
pub fn vintage_banner(d: &PortalData, path: &str) -> Markup {
    let latest = d.releases.latest.as_ref();
    html! {
        @match (&d.releases.pinned, latest) {
            (Some(p), Some(l)) if l.id > p.id => {
                p.note.vintage role="note" {
                    (t_args("vintage-pinned", &[("release", p.id.to_string().into()), ("date", p.created_at.as_str().into())])) " "
                    strong { (t("vintage-newer")) } " "
                    (t_args("vintage-newer-release", &[("release", l.id.to_string().into()), ("date", l.created_at.as_str().into())])) " "
                    a href=(href(path)) { (t("vintage-current-link")) } "."
                }
            }
            (None, Some(l)) => {
                p.permalink {
                    (t_args("vintage-permalink", &[("release", l.id.to_string().into())])) " "
                    a href=(href(&format!("/v/{}{path}", l.id))) { "/v/" (l.id) (path) }
                }
            }
            _ => {}
        }
    }
}
