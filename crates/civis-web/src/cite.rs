//! Citations: every observation carries a stable identifier and a citation in the producer's
//! required wording, with the dataset code, its DOI where Eurostat has one, the dataset's last
//! update and retrieval date, the method and the Civis version.
//!
//! ## The identifier
//!
//! `{series}.{key}.r{release}`, e.g. `lfsa_ergan.3f9a0c1e22b1d4f7.r3`:
//! * `series`: the dataset the value comes from (its name in the store without the
//!   `#vintage-K` of an earlier vintage; characters other than ASCII letters, digits and `_`
//!   become `-`);
//! * `key`: FNV-1a (64 bit, hex) of the observation's dimensions in the store: indicator, area,
//!   criterion, group, sex, age, period, unit and the source's other dimensions, each followed by
//!   a NUL byte;
//! * `release`: the store release that brought this vintage of the dataset in (0 for data
//!   imported before releases were recorded).
//!
//! The same value of the same vintage keeps its identifier across restarts and imports of
//! other data; a new vintage of the dataset gives its values new identifiers, and the old ones
//! stay resolvable (`/cite/{id}` looks the release up in the store's history).
//!
//! ## The wording
//!
//! * Eurostat tables: `Source: Eurostat (online data code: CODE)` (Eurostat's copyright notice
//!   asks for the source and the online data code), DOI `10.2908/CODE` (Eurostat's dataset DOI
//!   prefix; the code in capitals as Eurostat writes it in its DOIs).
//! * Eurostat tables taken from a secondary compilation: the same wording plus `, via NAME`.
//! * Civis's own estimates (direct or model-based, from synthetic microdata where the dataset
//!   says so): `Civis, METHOD estimate: SOURCE`, with the attribution the data require.
//! * Any other producer: the attribution stored with its dataset (the European Commission's
//!   Quality of Life survey, say). No DOI is given where the producer has none.
//!
//! Dates are read from the vintage the import recorded (`last update ...; retrieved ... UTC`);
//! what it does not state is `unknown`, never guessed.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maud::{html, Markup};
use serde::Serialize;
use serde_json::json;

pub use crate::data::history::{observation_id, series_slug};
pub use crate::data::producer::{wording, Producer};
use crate::data::{Obs, PortalData};
use crate::i18n::t;
use crate::layout::{page, Page};
use crate::respond::message_page;
use crate::respond::with_cache;
use crate::AppState;

/// The version of Civis that serves the citation.
pub const CIVIS_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Shown where a date is not known.
pub const UNKNOWN: &str = "unknown";

/// The release an identifier names (`…r3` → 3), if it is well formed.
pub fn release_of(id: &str) -> Option<i64> {
    let mut parts = id.rsplitn(3, '.');
    let release = parts.next()?.strip_prefix('r')?.parse().ok()?;
    let key = parts.next()?;
    let series = parts.next()?;
    let ok = key.len() == 16
        && key.bytes().all(|b| b.is_ascii_hexdigit())
        && !series.is_empty()
        && series
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    ok.then_some(release)
}

/// The citation of one observation.
#[derive(Debug, Clone, Serialize)]
pub struct Citation {
    pub id: String,
    /// What the value is: indicator, area, group, period.
    pub title: String,
    /// The value as shown.
    pub value: String,
    /// The producer's required wording.
    pub wording: String,
    pub author: String,
    /// The dataset in the store.
    pub dataset: String,
    /// Eurostat's online data code, when the value comes from a Eurostat table.
    pub dataset_code: Option<String>,
    /// `10.2908/CODE` for Eurostat tables; none otherwise.
    pub doi: Option<String>,
    /// The dataset's last update as its producer states it, or `unknown`.
    pub last_update: String,
    /// When Civis retrieved it (UTC), or `unknown`.
    pub retrieved: String,
    /// `official`, `direct` or `model-based`.
    pub method: civis_catalog::Method,
    pub synthetic: bool,
    pub civis_version: &'static str,
    /// The store release of this vintage.
    pub release: i64,
    /// The page that shows exactly this vintage (a path on the portal).
    pub permalink: String,
}

/// The text after `label ` in a vintage such as `last update 2025-04-01; retrieved … UTC`.
fn vintage_field(vintage: &str, label: &str) -> Option<String> {
    vintage
        .split(';')
        .find_map(|part| part.trim().strip_prefix(label))
        .map(|v| v.trim().trim_end_matches(" UTC").trim().to_string())
        .filter(|v| !v.is_empty() && v != "not stated")
}

/// Year, month, day of a date written `YYYY-MM-DD…` or Eurostat's `DD/MM/YY …`.
pub fn date_parts(s: &str) -> Option<(i32, u32, u32)> {
    let head = s.split([' ', 'T']).next()?;
    let nums: Vec<&str> = head.split(['-', '/']).collect();
    let num = |i: usize| nums.get(i)?.parse::<u32>().ok();
    let (y, m, d) = if head.contains('-') {
        (i32::try_from(num(0)?).ok()?, num(1)?, num(2)?)
    } else {
        (2000 + i32::try_from(num(2)?).ok()?, num(1)?, num(0)?)
    };
    ((1..=12).contains(&m) && (1..=31).contains(&d) && y >= 1900).then_some((y, m, d))
}

impl Citation {
    /// The citation of `o` as `d` shows it.
    pub fn of(d: &PortalData, o: &Obs) -> Citation {
        let ds = d.dataset_of(o);
        let producer = Producer::of(ds);
        let wording = o.citation.clone();
        let indicator = d
            .indicator(&o.stored.indicator)
            .map(|i| i.name.as_str())
            .unwrap_or(&o.stored.indicator);
        let group = crate::render::group_label(&o.stored.group, &o.stored.criterion);
        let title = format!(
            "{indicator}, {} ({}), {}, {}",
            crate::i18n::neutral_name(d, &o.stored.geo),
            o.stored.geo,
            group.to_lowercase(),
            o.stored.time
        );
        let release = ds.from_release.unwrap_or(0);
        Citation {
            id: o.id.clone(),
            title,
            value: crate::render::obs_value(o),
            wording,
            author: producer.author().to_string(),
            dataset: civis_store::series_of(&ds.name).to_string(),
            dataset_code: producer.code().map(str::to_string),
            doi: producer
                .code()
                .map(|c| format!("10.2908/{}", c.to_ascii_uppercase())),
            last_update: vintage_field(&ds.vintage, "last update")
                .unwrap_or_else(|| UNKNOWN.into()),
            retrieved: vintage_field(&ds.vintage, "retrieved").unwrap_or_else(|| UNKNOWN.into()),
            method: o.method,
            synthetic: o.synthetic,
            civis_version: CIVIS_VERSION,
            release,
            permalink: crate::base_url::absolute(&format!(
                "/v/{release}/areas/{}#ind-{}",
                o.stored.geo, o.stored.indicator
            )),
        }
    }

    fn note(&self) -> String {
        let mut n = format!(
            "{}. Value: {}. Method: {}{}. Dataset last update: {}; retrieved: {}. Civis {}, release {}.",
            self.wording,
            self.value,
            self.method,
            if self.synthetic { " (synthetic data)" } else { "" },
            self.last_update,
            self.retrieved,
            self.civis_version,
            self.release
        );
        if let Some(c) = &self.dataset_code {
            n.push_str(&format!(" Online data code: {c}."));
        }
        n
    }

    fn year(&self) -> Option<i32> {
        date_parts(&self.last_update).map(|(y, _, _)| y)
    }

    /// The citation as a BibTeX `@misc` entry.
    pub fn bibtex(&self) -> String {
        let mut fields = vec![
            ("author", format!("{{{}}}", bib_escape(&self.author))),
            ("title", bib_escape(&self.title)),
            ("howpublished", bib_escape(&self.wording)),
            ("note", bib_escape(&self.note())),
            ("url", self.permalink.clone()),
        ];
        if let Some(y) = self.year() {
            fields.push(("year", y.to_string()));
        }
        if let Some(doi) = &self.doi {
            fields.push(("doi", doi.clone()));
        }
        if self.retrieved != UNKNOWN {
            fields.push(("urldate", bib_escape(&self.retrieved)));
        }
        let mut s = format!("@misc{{{},\n", self.id);
        for (k, v) in fields {
            s.push_str(&format!("  {k} = {{{v}}},\n"));
        }
        s.push_str("}\n");
        s
    }

    /// The citation as an RIS record (`TY  - DATA`).
    pub fn ris(&self) -> String {
        let mut lines = vec![
            ("TY", "DATA".to_string()),
            ("ID", self.id.clone()),
            ("AU", self.author.clone()),
            ("TI", self.title.clone()),
            ("PB", self.author.clone()),
            ("DB", self.dataset.clone()),
            ("N1", self.note()),
            ("UR", self.permalink.clone()),
        ];
        if let Some(y) = self.year() {
            lines.push(("PY", y.to_string()));
        }
        if let Some(doi) = &self.doi {
            lines.push(("DO", doi.clone()));
        }
        if self.retrieved != UNKNOWN {
            lines.push(("Y2", self.retrieved.clone()));
        }
        lines.push(("ER", String::new()));
        lines
            .into_iter()
            .map(|(k, v)| format!("{k}  - {}\r\n", v.replace(['\r', '\n'], " ")))
            .collect()
    }

    /// The citation as CSL-JSON (an array with one item of type `dataset`).
    pub fn csl_json(&self) -> serde_json::Value {
        let mut item = json!({
            "id": self.id,
            "type": "dataset",
            "title": self.title,
            "author": [{ "literal": self.author }],
            "publisher": self.author,
            "note": self.note(),
            "URL": self.permalink,
            "archive": self.dataset,
            "version": format!("release {}", self.release),
        });
        if let Some(doi) = &self.doi {
            item["DOI"] = json!(doi);
        }
        if let Some((y, m, d)) = date_parts(&self.last_update) {
            item["issued"] = json!({ "date-parts": [[y, m, d]] });
        }
        if let Some((y, m, d)) = date_parts(&self.retrieved) {
            item["accessed"] = json!({ "date-parts": [[y, m, d]] });
        }
        json!([item])
    }
}

/// Text in a BibTeX field: the characters TeX treats specially are escaped.
fn bib_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '#' | '_' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            _ => out.push(c),
        }
    }
    out
}

/// The formats of `/cite/{id}` and their suffixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CiteFormat {
    Html,
    Bibtex,
    Ris,
    CslJson,
}

impl CiteFormat {
    /// Splits `ID.bib` into the id and the format.
    pub fn split(file: &str) -> (&str, CiteFormat) {
        for (suffix, f) in [
            (".bib", CiteFormat::Bibtex),
            (".ris", CiteFormat::Ris),
            (".json", CiteFormat::CslJson),
        ] {
            if let Some(id) = file.strip_suffix(suffix) {
                return (id, f);
            }
        }
        (file, CiteFormat::Html)
    }
}

/// The observation with identifier `id` in `d`.
pub fn find<'a>(d: &'a PortalData, id: &str) -> Option<&'a Obs> {
    d.obs.iter().find(|o| o.id == id)
}

/// `GET /cite/{id}` (HTML), `/cite/{id}.bib`, `.ris`, `.json` (CSL-JSON): the citation of one
/// observation, of the current vintage or of an earlier one.
pub async fn cite(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let (id, format) = CiteFormat::split(&file);
    let Some(release) = release_of(id) else {
        return message_page(
            StatusCode::BAD_REQUEST,
            "Not a citation identifier",
            &format!("`{id}` is not a citation identifier: they look like `lfsa_ergan.3f9a0c1e22b1d4f7.r3` (dataset, key, release)."),
        );
    };
    // the value's own release holds it; the current data, when the release is unknown here
    let pinned = crate::data::history::data_at(&state.data, release);
    let found = [pinned.as_ref(), Some(&state.data)]
        .into_iter()
        .flatten()
        .find_map(|d| find(d, id).map(|o| (d, o)));
    let Some((d, o)) = found else {
        return message_page(
            StatusCode::NOT_FOUND,
            "No such value",
            &format!("No observation has the identifier `{id}` in this database."),
        );
    };
    let c = Citation::of(d, o);
    let (body, content_type, filename) = match format {
        CiteFormat::Html => (
            cite_page(&c).into_string(),
            "text/html; charset=utf-8",
            None,
        ),
        CiteFormat::Bibtex => (
            c.bibtex(),
            "application/x-bibtex; charset=utf-8",
            Some(format!("{id}.bib")),
        ),
        CiteFormat::Ris => (
            c.ris(),
            "application/x-research-info-systems; charset=utf-8",
            Some(format!("{id}.ris")),
        ),
        CiteFormat::CslJson => (
            serde_json::to_string_pretty(&c.csl_json()).unwrap_or_default(),
            "application/vnd.citationstyles.csl+json",
            Some(format!("{id}.json")),
        ),
    };
    with_cache(
        &headers,
        d.version,
        body.into_bytes(),
        content_type,
        filename.as_deref(),
    )
}

fn cite_page(c: &Citation) -> Markup {
    let path = format!("/cite/{}", c.id);
    page(
        &Page {
            title: &t("cite-title"),
            path: &path,
            query: "",
            twins: false,
            synthetic: c.synthetic,
        },
        html! {
            h1 { (t("cite-title")) }
            p.lead { (c.title) ": " strong { (c.value) } }
            (block(c))
        },
    )
}

/// The citation of one value as a `<details>` block: wording, DOI, dates, and the three formats
/// (shown and as downloads).
pub fn block(c: &Citation) -> Markup {
    html! {
        details.cite {
            summary { (t("cite-heading")) }
            p { (c.wording) "." }
            dl {
                dt { (t("cite-identifier")) } dd { code { (c.id) } }
                @if let Some(code) = &c.dataset_code { dt { (t("cite-data-code")) } dd { code { (code) } } }
                @if let Some(doi) = &c.doi { dt { "DOI" } dd { a href={ "https://doi.org/" (doi) } { (doi) } } }
                dt { (t("cite-last-update")) } dd { (c.last_update) }
                dt { (t("cite-retrieved")) } dd { (c.retrieved) }
                dt { (t("cite-method")) } dd { (c.method) @if c.synthetic { " " (t("cite-synthetic")) } }
                dt { "Civis" } dd { (c.civis_version) ", " (t("cite-release")) " " (c.release) }
                dt { (t("cite-permalink")) } dd { a href=(c.permalink) { (c.permalink) } }
            }
            p {
                (t("cite-download")) " "
                a href={ "/cite/" (c.id) ".bib" } { "BibTeX" } " · "
                a href={ "/cite/" (c.id) ".ris" } { "RIS" } " · "
                a href={ "/cite/" (c.id) ".json" } { "CSL-JSON" }
            }
            h3 { "BibTeX" } pre { (c.bibtex()) }
            h3 { "RIS" } pre { (c.ris()) }
            h3 { "CSL-JSON" } pre { (serde_json::to_string_pretty(&c.csl_json()).unwrap_or_default()) }
        }
    }
}

/// The `Cite` block of a page at `path`: the wording of every source of its values, with
/// DOIs, the permalink that pins this vintage, and a pointer to each value's own citation.
pub fn page_block<'a>(d: &PortalData, path: &str, obs: impl Iterator<Item = &'a Obs>) -> Markup {
    let mut first: Vec<&Obs> = Vec::new();
    for o in obs {
        if !first.iter().any(|f| f.dataset == o.dataset) {
            first.push(o);
        }
    }
    let release = d
        .releases
        .pinned
        .as_ref()
        .or(d.releases.latest.as_ref())
        .map(|r| r.id);
    html! {
        @if !first.is_empty() {
            section aria-labelledby="cite" {
                h2 #cite { (t("cite-heading")) }
                details.cite {
                    summary { (t("cite-summary-page")) }
                    @if let Some(r) = release {
                        @let permalink = crate::base_url::absolute(&crate::i18n::href(&format!("/v/{r}{path}")));
                        p { (t("cite-permalink-page")) " " a href=(permalink) { (permalink) } }
                    }
                    ul {
                        @for o in &first {
                            @let c = Citation::of(d, o);
                            li {
                                (c.wording) "."
                                @if let Some(doi) = &c.doi { " DOI " a href={ "https://doi.org/" (doi) } { (doi) } "." }
                                " Last update " (c.last_update) "; retrieved " (c.retrieved) "; " (c.method) "; Civis " (c.civis_version) "."
                            }
                        }
                    }
                    p { (t("cite-each-value")) " "
                        a href={ "/cite/" (first[0].id) ".bib" } { "BibTeX" } ", "
                        a href={ "/cite/" (first[0].id) ".ris" } { "RIS" } ", "
                        a href={ "/cite/" (first[0].id) ".json" } { "CSL-JSON" } "." }
                }
            }
        }
    }
}

/// A small "cite" link next to a value.
pub fn link(o: &Obs) -> Markup {
    html! { a.cite-link href={ "/cite/" (o.id) } aria-label=(t("cite-link-label")) { (t("cite-link")) } }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_stable_and_parse_back() {
        let key = ["x", "AT13", "", "TOTAL", "T", "Y20-64", "2023", "PC", ""];
        let a = observation_id("lfst_r_lfur2gac#vintage-2", Some(7), key);
        assert_eq!(a, observation_id("lfst_r_lfur2gac", Some(7), key));
        assert!(
            a.starts_with("lfst_r_lfur2gac.") && a.ends_with(".r7"),
            "{a}"
        );
        assert_eq!(release_of(&a), Some(7));
        let b = observation_id("lfst_r_lfur2gac", Some(8), key);
        assert_ne!(a, b);
        assert_eq!(
            series_slug("edat_lfs_9911@bw-datenatlas"),
            "edat_lfs_9911-bw-datenatlas"
        );
        for bad in [
            "",
            "x",
            "x.y.r1",
            "x.0123456789abcdef.3",
            "a b.0123456789abcdef.r1",
        ] {
            assert_eq!(release_of(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_are_read_in_both_eurostat_forms_or_not_at_all() {
        assert_eq!(date_parts("2025-04-01T11:00:00+0200"), Some((2025, 4, 1)));
        assert_eq!(date_parts("22/05/25 23:00:00"), Some((2025, 5, 22)));
        assert_eq!(date_parts("unknown"), None);
        assert_eq!(
            vintage_field(
                "last update 2026-09-22T11:00:00+0200; retrieved 2026-12-07 03:21:50 UTC",
                "retrieved"
            ),
            Some("2026-12-07 03:21:50".into())
        );
        assert_eq!(
            vintage_field("last update not stated; retrieved x UTC", "last update"),
            None
        );
    }

    #[test]
    fn bibtex_escapes_what_tex_treats_specially() {
        assert_eq!(bib_escape("a_b 50% & #1"), "a\\_b 50\\% \\& \\#1");
    }
}
