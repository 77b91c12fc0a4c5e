//! The page shell: skip link, header with the site navigation, `main` landmark, footer with the
//! sources and attributions. Pages work without JavaScript; the only stylesheet is
//! `/static/civis.css`.

use maud::{html, Markup, PreEscaped, DOCTYPE};

/// The portal's stylesheet (embedded in the binary).
pub const CSS: &str = include_str!("../assets/civis.css");

/// One entry of the site navigation.
const NAV: [(&str, &str); 8] = [
    ("/", "Home"),
    ("/indicators", "Indicators"),
    ("/areas", "Areas"),
    ("/compare", "Compare"),
    ("/methodology", "Methodology"),
    ("/downloads", "Downloads"),
    ("/registry", "Practices & tools"),
    ("/api", "API"),
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
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (p.title) " — Civis" }
                link rel="stylesheet" href="/static/civis.css";
                @if p.twins {
                    link rel="alternate" type="application/json" href={ (base) ".json" (p.query) };
                    link rel="alternate" type="text/csv" href={ (base) ".csv" (p.query) };
                }
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header.site {
                    div.brand { a href="/" { "Civis" } span.tagline { "Immigrant integration indicators for European cities and regions" } }
                    nav aria-label="Site" {
                        ul {
                            @for (href, label) in NAV {
                                li {
                                    @if current(p.path, href) {
                                        a href=(href) aria-current="page" { (label) }
                                    } @else {
                                        a href=(href) { (label) }
                                    }
                                }
                            }
                        }
                    }
                }
                main #main tabindex="-1" {
                    @if p.synthetic {
                        p.synthetic-banner role="note" {
                            strong { "Synthetic data. " }
                            "Some values on this page are computed from synthetic test data (the laeken "
                            code { "eusilc" } " and emdi " code { "eusilcA" } " files): they demonstrate the methods and are not real statistics for Austria. They are marked "
                            span.badge.synthetic { "synthetic" } "."
                        }
                    }
                    (content)
                    @if p.twins {
                        p.twins {
                            "This page as data: "
                            a href={ (base) ".json" (p.query) } { "JSON" } " · "
                            a href={ (base) ".csv" (p.query) } { "CSV" }
                        }
                    }
                }
                footer.site {
                    p {
                        "Sources: Eurostat (reuse with acknowledgement: “Source: Eurostat”); Civis estimates from synthetic EU-SILC microdata (R package laeken, GPL ≥ 2) and from emdi’s synthetic Austrian data (GPL-2). "
                        "Boundaries: © EuroGeographics for the administrative boundaries (Eurostat GISCO, NUTS 2024); Austrian districts: BEV, via SynerGIS (CC BY-SA 2.0)."
                    }
                    p { a href="/methodology" { "How to read the numbers" } " · " a href="/api" { "API" } " · " a href="/healthz" { "Status" } }
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
