//! The portal's languages: English (the source), French, German, Italian, Spanish, Dutch and
//! Polish.
//!
//! - **Translations** are Fluent files, one per language, in `crates/civis-web/locales/*.ftl`
//!   (Project Fluent's syntax, read by `fluent-bundle`); the registry's messages are a second
//!   resource of the same bundle, `locales/registry/<code>.ftl` (ids starting `reg-`). English is the source; every other file
//!   must hold exactly the same message ids ([`check`], run by `cargo test -p civis-web --test
//!   i18n`). Indicator names and definitions stay in `crates/civis-catalog/data/indicators.toml` (English, the
//!   source); their translations are the messages `indicator-<id>` and `indicator-<id>-definition`
//!   of the other languages.
//! - **The page's language** is chosen by the URL prefix (`/fr/areas/FR002C`; English has no
//!   prefix) in [`negotiate::language`], a middleware around the router that strips the prefix
//!   and runs the handler inside [`with_lang`]. Renderers ask [`lang`] (or call [`t`]) instead of
//!   threading a locale through every function; code outside a request (a report written by the
//!   CLI, a test) wraps its rendering in [`with_lang`]. Outside any scope the language is English.
//! - **Numbers and dates** follow CLDR per language ([`format`], rules in `locales/cldr.toml`).
//! - **Machine data stay language-neutral**: `.json` / `.csv` twins and the API are rendered in
//!   English whatever the prefix.
//!
//! Adding a text: put `my-key = English text` in `locales/en.ftl` and its translation in every
//! other file, then call `t("my-key")` (or [`t_args`] for `{ $placeholders }`).

pub mod check;
pub mod format;
pub mod negotiate;

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub use format::{date, number, percent};
pub use negotiate::Choice;

/// A language of the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Lang {
    En,
    Fr,
    De,
    It,
    Es,
    Nl,
    Pl,
}

impl Lang {
    /// Every language, English (the source) first.
    pub const ALL: [Lang; 7] = [
        Lang::En,
        Lang::Fr,
        Lang::De,
        Lang::It,
        Lang::Es,
        Lang::Nl,
        Lang::Pl,
    ];

    /// The BCP 47 code (`fr`), also the URL prefix and the `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::It => "it",
            Lang::Es => "es",
            Lang::Nl => "nl",
            Lang::Pl => "pl",
        }
    }

    /// The language from its code (`fr`, case-insensitive, region ignored: `fr-BE`).
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next()?.trim();
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// The language's name in itself (`Français`), for the switcher.
    pub fn autonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::De => "Deutsch",
            Lang::It => "Italiano",
            Lang::Es => "Español",
            Lang::Nl => "Nederlands",
            Lang::Pl => "Polski",
        }
    }

    /// The URL prefix: empty for English, `/fr` for French.
    pub fn prefix(self) -> &'static str {
        match self {
            Lang::En => "",
            Lang::Fr => "/fr",
            Lang::De => "/de",
            Lang::It => "/it",
            Lang::Es => "/es",
            Lang::Nl => "/nl",
            Lang::Pl => "/pl",
        }
    }

    /// The Fluent source of the language's messages.
    pub fn ftl(self) -> &'static str {
        self.sources()[0]
    }

    /// The Fluent source of the registry's messages (`locales/registry/<code>.ftl`), the second
    /// resource of the language's bundle.
    pub fn registry_ftl(self) -> &'static str {
        self.sources()[1]
    }

    /// Every Fluent source of the language's bundle: the portal's, then the registry's.
    pub fn sources(self) -> [&'static str; 2] {
        macro_rules! files {
            ($code:literal) => {
                [
                    include_str!(concat!("../../locales/", $code, ".ftl")),
                    include_str!(concat!("../../locales/registry/", $code, ".ftl")),
                ]
            };
        }
        match self {
            Lang::En => files!("en"),
            Lang::Fr => files!("fr"),
            Lang::De => files!("de"),
            Lang::It => files!("it"),
            Lang::Es => files!("es"),
            Lang::Nl => files!("nl"),
            Lang::Pl => files!("pl"),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

tokio::task_local! {
    static CHOICE: Choice;
}

/// The language of the page being rendered (English outside [`with_lang`]).
pub fn lang() -> Lang {
    CHOICE.try_with(|c| c.lang).unwrap_or(Lang::En)
}

/// The language `Accept-Language` offers on an unprefixed page (see [`negotiate`]).
pub fn offer() -> Option<Lang> {
    CHOICE.try_with(|c| c.offered).ok().flatten()
}

/// Runs `f` with `lang` as the page language (for code that renders outside a request).
pub fn with_lang<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    CHOICE.sync_scope(
        Choice {
            lang,
            offered: None,
        },
        f,
    )
}

/// Runs the future `fut` with the request's language choice.
pub async fn scope<F: std::future::Future>(choice: Choice, fut: F) -> F::Output {
    CHOICE.scope(choice, fut).await
}

type Bundle = FluentBundle<FluentResource>;

/// The parsed bundles, one per language (parsed once; a syntax error in a shipped file is a bug
/// the key check reports, the bundle then lacks that entry).
fn bundles() -> &'static HashMap<Lang, Bundle> {
    static BUNDLES: OnceLock<HashMap<Lang, Bundle>> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        Lang::ALL
            .into_iter()
            .map(|l| {
                let id: unic_langid::LanguageIdentifier =
                    l.code().parse().expect("language codes are valid BCP 47");
                let mut b = FluentBundle::new_concurrent(vec![id]);
                // No Unicode isolation marks around placeables: every language here is
                // left-to-right, and the marks would end up inside attributes and CSV-like text.
                b.set_use_isolating(false);
                for source in l.sources() {
                    let res =
                        FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
                    let _ = b.add_resource(res);
                }
                (l, b)
            })
            .collect()
    })
}

/// The message `key` in the page's language.
pub fn t(key: &str) -> String {
    t_in(lang(), key, None)
}

/// The message `key` with its `{ $name }` placeables filled.
pub fn t_args(key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let mut a = FluentArgs::new();
    for (k, v) in args {
        a.set(*k, v.clone());
    }
    t_in(lang(), key, Some(&a))
}

/// Whether the page's language has the message `key` (for keys built from data, such as an
/// indicator outside the catalogue).
pub fn has(key: &str) -> bool {
    bundles()
        .get(&lang())
        .is_some_and(|b| b.get_message(key).is_some())
}

/// The message in a given language; falls back to English, then to the key itself (neither
/// happens with files that pass the key check).
pub fn t_in(lang: Lang, key: &str, args: Option<&FluentArgs<'_>>) -> String {
    let all = bundles();
    for l in [lang, Lang::En] {
        let Some(b) = all.get(&l) else { continue };
        if let Some(pattern) = b.get_message(key).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            return b.format_pattern(pattern, args, &mut errors).into_owned();
        }
    }
    key.to_string()
}

/// A site path in the page's language: `/areas/AT13` on a French page is `/fr/areas/AT13`.
/// Paths that are not pages (the API, downloads, the stylesheet) are left alone.
pub fn href(path: &str) -> String {
    href_in(lang(), path)
}

/// A site path in a given language.
pub fn href_in(lang: Lang, path: &str) -> String {
    if lang == Lang::En || !negotiate::is_page(path) {
        return path.to_string();
    }
    if path == "/" {
        format!("{}/", lang.prefix())
    } else {
        format!("{}{path}", lang.prefix())
    }
}

/// The name of an indicator in the page's language (English: the catalogue's own name).
pub fn indicator_name<'a>(id: &str, english: &'a str) -> std::borrow::Cow<'a, str> {
    catalogue_text(&format!("indicator-{id}"), english)
}

/// The definition of an indicator in the page's language.
pub fn indicator_definition<'a>(id: &str, english: &'a str) -> std::borrow::Cow<'a, str> {
    catalogue_text(&format!("indicator-{id}-definition"), english)
}

fn catalogue_text<'a>(key: &str, english: &'a str) -> std::borrow::Cow<'a, str> {
    if lang() == Lang::En || !has(key) {
        std::borrow::Cow::Borrowed(english)
    } else {
        std::borrow::Cow::Owned(t(key))
    }
}

/// A country's name in the page's language (CLDR, `locales/countries.csv`), by Eurostat code.
pub fn country_name(code: &str) -> Option<&'static str> {
    static NAMES: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let mut m = HashMap::new();
        let mut r =
            csv::Reader::from_reader(include_str!("../../locales/countries.csv").as_bytes());
        for row in r.records().flatten() {
            let cells: Vec<String> = row.iter().map(str::to_string).collect();
            if cells.len() == Lang::ALL.len() + 1 {
                m.insert(cells[0].clone(), cells[1..].to_vec());
            }
        }
        m
    });
    let i = Lang::ALL.iter().position(|l| *l == lang())?;
    names.get(code).map(|v| v[i].as_str())
}

/// An area's name as Eurostat/GISCO give it in Latin script (`NAME_LATN`: "Attikí"), a country
/// or a group of countries (`EU27_2020`, `EA20`: the messages `aggregate-*`) in the page's
/// language on a translated page ("Autriche", "Union européenne - 27 pays (à partir de 2020)");
/// other areas (cities, districts) by the name the portal loaded.
pub fn place_name(a: &crate::data::AreaInfo) -> std::borrow::Cow<'_, str> {
    use crate::data::AreaKind;
    if a.kind == AreaKind::Country && lang() != Lang::En {
        if let Some(n) = country_name(&a.code) {
            return std::borrow::Cow::Borrowed(n);
        }
    }
    if a.kind == AreaKind::Aggregate && lang() != Lang::En {
        let key = format!(
            "aggregate-{}",
            a.code.to_ascii_lowercase().replace('_', "-")
        );
        if has(&key) {
            return std::borrow::Cow::Owned(t(&key));
        }
    }
    std::borrow::Cow::Borrowed(latin_name(a))
}

/// An area's name in Latin script whatever the page's language (`NAME_LATN`: "Elláda",
/// "Österreich"; cities and districts by the name the portal loaded): what machine data carry
/// (the `.json` and `.csv` twins, citations), the same bytes under every language prefix.
pub fn latin_name(a: &crate::data::AreaInfo) -> &str {
    match gisco_region(a) {
        Some(r) if !r.name_latin.is_empty() => &r.name_latin,
        _ => &a.name,
    }
}

/// The name of an area as a page shows it, in its tables, charts, maps and text alike
/// ([`place_name`]: "Elláda"; a country in the page's language); its code when unknown.
/// Downloads keep the stored name ([`PortalData::area_name`]), twins the [`latin_name`].
///
/// [`PortalData::area_name`]: crate::data::PortalData::area_name
pub fn display_name<'a>(
    d: &'a crate::data::PortalData,
    code: &'a str,
) -> std::borrow::Cow<'a, str> {
    d.area(code)
        .map(place_name)
        .unwrap_or(std::borrow::Cow::Borrowed(code))
}

/// [`latin_name`] of an area by its code; the code when unknown.
pub fn neutral_name<'a>(d: &'a crate::data::PortalData, code: &'a str) -> &'a str {
    d.area(code).map(latin_name).unwrap_or(code)
}

/// The local name (`NUTS_NAME`, national script: "Αττική") when it differs from the name shown
/// by [`place_name`], with the BCP 47 code of its language when known (for the `lang`
/// attribute).
pub fn local_name(a: &crate::data::AreaInfo) -> Option<(&str, Option<&'static str>)> {
    let r = gisco_region(a)?;
    if r.name.is_empty() || r.name == place_name(a) {
        return None;
    }
    let script_lang = match a.country.as_str() {
        "EL" | "CY" => Some("el"),
        "BG" => Some("bg"),
        "MK" => Some("mk"),
        "RS" | "ME" => Some("sr"),
        "UA" => Some("uk"),
        _ => None,
    };
    Some((&r.name, script_lang))
}

/// The GISCO NUTS 2024 row of a country or NUTS region.
fn gisco_region(a: &crate::data::AreaInfo) -> Option<&'static civis_geo::Region> {
    use civis_geo::{GeoCode, GeoRegistry};
    let reg = GeoRegistry::global();
    match GeoCode::parse(&a.code).ok()? {
        GeoCode::Country(c) => reg.region(&c.as_nuts()),
        GeoCode::Nuts(n) => reg.region(&n),
        _ => None,
    }
}
