//! Public registry pages: browse and search, entry pages, the directory, "cities like yours",
//! export, and the read API.

use axum::extract::{Path, RawQuery};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maud::{html, Markup};
use serde::Serialize;

use civis_registry::exchange::{self, ExportSet};
use civis_registry::repo::{self, Actor, Query, RepoError, StoredEntry};
use civis_registry::{
    Area, Audience, Entry, EntryKind, Instrument, InstrumentKind, Need, Network, PolicyArea,
    Practice, Status,
};

use civis_registry::matching;

use super::linked::{improvements, peer_areas, series_near, Improvement, Series};
use super::{
    html_page, joined, json, options, paragraphs, problem, twin, visit, Problem, Registry, Term,
    Visit,
};
use crate::data::PortalData;
use crate::i18n::{self, href, t, t_args};
use crate::pages::Params;
use crate::render;
use crate::respond::{Format, Table};

// ---------------------------------------------------------------------------------------------
// Browse and search

/// The filters of `/registry`, from the query string.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Filters {
    pub q: String,
    pub kind: String,
    pub area: String,
    pub policy_area: String,
    pub target_group: String,
    pub indicator: String,
    pub status: String,
}

impl Filters {
    fn parse(raw: Option<&str>) -> Filters {
        let p = Params::parse(raw);
        let g = |k: &str| p.get(k).unwrap_or("").trim().to_owned();
        Filters {
            q: g("q"),
            kind: g("kind"),
            area: g("area"),
            policy_area: g("policy_area"),
            target_group: g("target_group"),
            indicator: g("indicator"),
            status: g("status"),
        }
    }

    fn query(&self) -> Result<Query, String> {
        let mut q = Query {
            text: (!self.q.is_empty()).then(|| self.q.clone()),
            limit: 200,
            ..Default::default()
        };
        if !self.kind.is_empty() {
            q.kind = Some(EntryKind::parse(&self.kind).map_err(|e| format!("kind: {e}"))?);
        }
        if !self.area.is_empty() {
            q.area = Some(Area::parse(&self.area).map_err(|e| format!("area: {e}"))?);
        }
        if !self.status.is_empty() {
            q.status = Some(Status::parse(&self.status).map_err(|e| format!("status: {e}"))?);
        }
        if !self.policy_area.is_empty() {
            let a =
                PolicyArea::parse(&self.policy_area).map_err(|e| format!("policy_area: {e}"))?;
            q.tags.push(format!("policy_areas:{}", a.code()));
        }
        if !self.target_group.is_empty() {
            let a =
                Audience::parse(&self.target_group).map_err(|e| format!("target_group: {e}"))?;
            q.tags.push(format!("target_groups:{}", a.code()));
        }
        if !self.indicator.is_empty() {
            q.tags.push(format!("indicators:{}", self.indicator));
        }
        Ok(q)
    }
}

/// One search result.
#[derive(Debug, Serialize)]
pub struct Hit {
    pub id: i64,
    pub kind: &'static str,
    pub status: &'static str,
    pub title: String,
    pub area: Option<String>,
    pub url: String,
    pub updated_at: String,
}

pub(crate) fn url_of(e: &StoredEntry) -> String {
    match e.kind {
        EntryKind::Practice => format!("/registry/practices/{}", e.id),
        EntryKind::Need => format!("/registry/needs/{}", e.id),
        EntryKind::Network => format!("/registry/networks/{}", e.id),
        EntryKind::Instrument => format!(
            "/registry/directory/{}",
            e.content.get("slug").and_then(|s| s.as_str()).unwrap_or("")
        ),
    }
}

fn hit(e: &StoredEntry) -> Hit {
    Hit {
        id: e.id,
        kind: e.kind.code(),
        status: e.status.code(),
        title: e.title.clone(),
        area: e.area.map(|a| a.to_string()),
        url: url_of(e),
        updated_at: e.updated_at.to_string(),
    }
}

#[derive(Debug, Serialize)]
struct SearchView {
    filters: Filters,
    results: Vec<Hit>,
}

async fn search_view(
    reg: &Registry,
    v: &Visit,
    raw: Option<String>,
) -> Result<SearchView, Problem> {
    let filters = Filters::parse(raw.as_deref());
    let q = filters
        .query()
        .map_err(|e| problem(StatusCode::BAD_REQUEST, &t("reg-error-invalid-filter"), &e))?;
    let user = v.user.clone();
    let results = reg
        .run(move |db, _| {
            let actor = user.as_ref().map_or(Actor::Anonymous, Actor::User);
            repo::search(db, &actor, &q)
        })
        .await?;
    Ok(SearchView {
        filters,
        results: results.iter().map(hit).collect(),
    })
}

fn search_table(v: &SearchView) -> Table {
    let mut t = Table::new(["id", "kind", "status", "title", "area", "url", "updated_at"]);
    for h in &v.results {
        t.push(vec![
            h.id.to_string(),
            h.kind.into(),
            h.status.into(),
            h.title.clone(),
            h.area.clone().unwrap_or_default(),
            h.url.clone(),
            h.updated_at.clone(),
        ]);
    }
    t
}

fn select<S: AsRef<str>>(name: &str, label: &str, current: &str, options: &[(&str, S)]) -> Markup {
    html! {
        label for=(name) { (label) }
        select id=(name) name=(name) {
            option value="" { (t("reg-any")) }
            @for (code, text) in options {
                @if *code == current {
                    option value=(code) selected { (text.as_ref()) }
                } @else {
                    option value=(code) { (text.as_ref()) }
                }
            }
        }
    }
}

fn search_html(d: &PortalData, v: &Visit, view: &SearchView) -> Response {
    let f = &view.filters;
    let inds = indicator_options(d);
    html_page(
        StatusCode::OK,
        v,
        &t("reg-browse-title"),
        "/registry",
        true,
        html! {
            h1 { (t("reg-browse-title")) }
            p.lead {
                (t("reg-browse-lead")) " "
                a href=(href("/registry/directory")) { (t("reg-browse-directory-link")) } " " (t("reg-browse-directory-text"))
            }
            form.filters method="get" action=(href("/registry")) role="search" {
                label for="q" { (t("reg-search")) }
                input type="search" id="q" name="q" value=(f.q);
                (select("kind", &t("reg-kind"), &f.kind, &options::<EntryKind>()))
                label for="area" { (t("reg-area-code")) }
                input type="text" id="area" name="area" value=(f.area) placeholder="AT13, DE001C1";
                (select("policy_area", &t("reg-policy-area"), &f.policy_area, &options::<PolicyArea>()))
                (select("target_group", &t("reg-target-group"), &f.target_group, &options::<Audience>()))
                (select("indicator", &t("reg-indicator"), &f.indicator, &inds))
                button type="submit" { (t("reg-search")) }
            }
            @if view.results.is_empty() {
                p.empty { (t("reg-nothing-matches")) }
            } @else {
                p { (t_args("reg-entries-count", &[("count", view.results.len().into())])) }
                ul.results {
                    @for h in &view.results {
                        li {
                            span.badge { (EntryKind::parse(h.kind).map(|k| k.text()).unwrap_or_else(|_| h.kind.to_owned())) }
                            " "
                            a href=(href(&h.url)) { (h.title) }
                            @if let Some(a) = &h.area { " — " (crate::i18n::display_name(d, a)) " (" (a) ")" }
                            @if h.status != "published" { " " span.badge { (Status::parse(h.status).map(|k| k.text()).unwrap_or_else(|_| h.status.to_owned())) } }
                        }
                    }
                }
            }
        },
    )
}

/// `/registry`: browse and search.
pub async fn search_page(
    reg: Registry,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let v = visit(&reg, &headers, false).await?;
    match search_view(&reg, &v, q).await {
        Ok(view) => Ok(search_html(reg.data(), &v, &view)),
        Err(r) => Err(r),
    }
}

/// `/registry.json` and `/api/registry/search`.
pub async fn search_json(
    reg: Registry,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let v = visit(&reg, &headers, false).await?;
    match search_view(&reg, &v, q).await {
        Ok(view) => Ok(json(&view)),
        Err(r) => Err(r),
    }
}

/// `/registry.csv`.
pub async fn search_csv(
    reg: Registry,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let v = visit(&reg, &headers, false).await?;
    match search_view(&reg, &v, q).await {
        Ok(view) => Ok(super::csv(search_table(&view).to_csv(), None)),
        Err(r) => Err(r),
    }
}

/// `/api/registry/entries/{id}`: any entry as JSON.
pub async fn entry_json(
    reg: Registry,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let Ok(id) = id.trim_end_matches(".json").parse::<i64>() else {
        return Err(not_found("reg-no-such-entry"));
    };
    let v = visit(&reg, &headers, false).await?;
    let user = v.user.clone();
    let e = reg
        .run(move |db, _| repo::entry(db, &user.as_ref().map_or(Actor::Anonymous, Actor::User), id))
        .await?;
    Ok(json(&entry_value(&e)))
}

fn entry_value(e: &StoredEntry) -> serde_json::Value {
    serde_json::json!({
        "id": e.id,
        "kind": e.kind.code(),
        "status": e.status.code(),
        "url": url_of(e),
        "created_at": e.created_at.to_string(),
        "updated_at": e.updated_at.to_string(),
        "published_at": e.published_at.map(|t| t.to_string()),
        "content": e.content,
    })
}

// ---------------------------------------------------------------------------------------------
// Entry pages

async fn load_entry<T>(reg: &Registry, v: &Visit, id: i64) -> Result<Entry<T>, Problem>
where
    T: civis_registry::exchange::Exchangeable + Send + 'static,
{
    let user = v.user.clone();
    reg.run(move |db, _| {
        repo::get::<T>(db, &user.as_ref().map_or(Actor::Anonymous, Actor::User), id)
    })
    .await
}

fn parse_id(file: &str) -> Option<(i64, Format)> {
    let (id, format) = Format::split(file);
    id.parse::<i64>().ok().map(|i| (i, format))
}

/// The moderation controls an entry page shows to whoever may use them.
fn controls(v: &Visit, id: i64, kind: EntryKind, area: Option<Area>, status: Status) -> Markup {
    use civis_registry::auth::{Action, Target};
    let actor = v.actor();
    let target = Target::Entry { kind, area, status };
    let edit_url = match kind {
        EntryKind::Practice => Some(format!("/registry/practices/{id}/edit")),
        EntryKind::Need => Some(format!("/registry/needs/{id}/edit")),
        EntryKind::Network => Some(format!("/registry/networks/{id}/edit")),
        EntryKind::Instrument => None,
    };
    let buttons: Vec<(&str, String)> = [
        (
            Action::Submit,
            "submit",
            "reg-submit-for-review",
            status == Status::Draft,
        ),
        (
            Action::Publish,
            "publish",
            "reg-publish",
            status != Status::Published,
        ),
        (
            Action::Reject,
            "reject",
            "reg-send-back-to-draft",
            status != Status::Draft,
        ),
        (Action::Delete, "delete", "reg-delete", true),
    ]
    .into_iter()
    .filter(|(a, _, _, applies)| *applies && actor.may(*a, target))
    .map(|(_, code, label, _)| (code, t(label)))
    .collect();
    html! {
        @if v.user.is_some() && (actor.may(Action::Edit, target) || !buttons.is_empty()) {
            section.moderation aria-label=(t("reg-editing-and-moderation")) {
                p { (t("reg-status")) " " strong { (status.text()) } }
                @if let Some(u) = &edit_url {
                    @if actor.may(Action::Edit, target) { p { a href=(href(u)) id="edit-entry" { (t("reg-edit")) } } }
                }
                @for (code, label) in &buttons {
                    form.inline method="post" action=(href(&format!("/registry/entries/{id}/{code}"))) {
                        (super::csrf_field(v))
                        @if *code == "reject" {
                            label for={ "note-" (id) } { (t("reg-note-for-author")) }
                            input type="text" id={ "note-" (id) } name="note";
                        }
                        button type="submit" id={ (code) "-" (id) } name="action" value=(code) { (label) }
                    }
                }
            }
        }
    }
}

fn trend_text(s: &Series) -> String {
    match s.change {
        None => t("reg-trend-none"),
        Some(c) => {
            let first = s
                .points
                .iter()
                .find(|p| p.estimate.is_some())
                .map(|p| p.time.as_str())
                .unwrap_or("");
            let better = (c > 0.0) == s.higher_is_better && c != 0.0;
            let direction = if c == 0.0 {
                "reg-trend-no-change"
            } else if better {
                "reg-trend-better"
            } else {
                "reg-trend-worse"
            };
            let certainty = if s.change_beyond_uncertainty {
                "reg-beyond-uncertainty"
            } else {
                "reg-within-uncertainty"
            };
            t_args(
                "reg-trend",
                &[
                    ("change", render::difference(c, &s.unit).into()),
                    ("since", first.to_owned().into()),
                    ("direction", t(direction).into()),
                    ("certainty", t(certainty).into()),
                ],
            )
        }
    }
}

fn series_html(d: &PortalData, s: &Series, period: Option<civis_registry::Period>) -> Markup {
    html! {
        table.series {
            caption {
                (t_args("reg-series-caption", &[
                    ("indicator", i18n::indicator_name(&s.indicator, &s.name).into_owned().into()),
                    ("group", s.group_label.clone().into()),
                    ("area", crate::i18n::display_name(d, &s.geo).into_owned().into()),
                    ("trend", trend_text(s).into()),
                ]))
                @if s.synthetic { " " span.badge.synthetic { (t("reg-synthetic")) } }
            }
            thead { tr { th scope="col" { (t("reg-period")) } th scope="col" { (t("reg-value")) } th scope="col" { (t("reg-interval")) } th scope="col" { (t("reg-status-column")) } } }
            tbody {
                @for p in &s.points {
                    @let during = period.zip(p.time.get(..4).and_then(|y| y.parse::<u16>().ok())).is_some_and(|(per, y)| per.covers(y));
                    tr class=[during.then_some("during-practice")] {
                        th scope="row" { (p.time) @if during { " " span.badge { (t("reg-practice-running")) } } }
                        td { (p.value) }
                        td { (p.interval) }
                        td { (t(&format!("status-{}", p.status.replace(' ', "-")))) }
                    }
                }
            }
        }
    }
}

#[derive(Serialize)]
struct PracticeView<'a> {
    practice: &'a Entry<Practice>,
    area_name: String,
    indicators: Vec<Series>,
}

/// `/registry/practices/{id}`: the practice and its city's linked indicators.
pub async fn practice_page(
    reg: Registry,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let Some((id, format)) = parse_id(&file) else {
        return Err(not_found("reg-no-such-practice"));
    };
    let v = visit(&reg, &headers, false).await?;
    let p = load_entry::<Practice>(&reg, &v, id).await?;
    let d = reg.data();
    let area = p.content.area.to_string();
    let view = PracticeView {
        practice: &p,
        area_name: d
            .area(&area)
            .map(|a| crate::i18n::latin_name(a).to_owned())
            .or_else(|| p.content.area.name().map(str::to_owned))
            .unwrap_or_else(|| area.clone()),
        indicators: p
            .content
            .indicators
            .iter()
            .flat_map(|i| series_near(d, i.as_str(), &area))
            .collect(),
    };
    Ok(twin(
        format,
        || {
            let c = &p.content;
            let lang_of = c.language.0.code();
            super::html_page_with(
                StatusCode::OK,
                &v,
                &c.title,
                &format!("/registry/practices/{id}"),
                true,
                view.indicators.iter().any(|s| s.synthetic),
                html! {
                    article.practice {
                        h1 lang=(lang_of) { (c.title) }
                        p.meta {
                            span.badge { (EntryKind::Practice.text()) } " "
                            // a link only to an area the portal has a page for
                            @if d.area(&area).is_some() { a href=(href(&format!("/areas/{area}"))) { (crate::i18n::display_name(d, &area)) } } @else { (view.area_name) }
                            " (" (area) ", " (c.area.country()) ") · " (super::period_text(c.period))
                            " · " span lang=(lang_of) { (super::language_name(c.language.0.code())) }
                        }
                        (controls(&v, id, EntryKind::Practice, Some(c.area), p.status))
                        dl.facts {
                            dt { (t("reg-policy-areas")) } dd { (joined(&c.policy_areas)) }
                            @if !c.target_groups.is_empty() {
                                dt { (t("reg-for")) } dd { (joined(&c.target_groups)) }
                            }
                            dt { (t("reg-evidence")) } dd { (c.evidence.text()) }
                        }
                        h2 { (t("reg-what-the-city-did")) }
                        div lang=(lang_of) { (paragraphs(&c.description)) }
                        @if !c.results.is_empty() { h2 { (t("reg-results")) } div lang=(lang_of) { (paragraphs(&c.results)) } }
                        @if !c.transferability.is_empty() { h2 { (t("reg-transferability")) } div lang=(lang_of) { (paragraphs(&c.transferability)) } }
                        @if !c.costs.is_empty() { h2 { (t("reg-costs")) } div lang=(lang_of) { (paragraphs(&c.costs)) } }
                        @if !c.contacts.is_empty() { h2 { (t("reg-contacts")) } div lang=(lang_of) { (paragraphs(&c.contacts)) } }
                        @if !c.links.is_empty() {
                            h2 { (t("reg-links")) }
                            ul { @for l in &c.links { li { a href=(l.as_str()) rel="nofollow noopener" { (l.as_str()) } } } }
                        }
                        section.linked-indicators aria-labelledby="numbers" {
                            h2 #numbers { (t("reg-city-numbers")) }
                            @if c.indicators.is_empty() {
                                p.empty { (t("reg-practice-no-indicator")) }
                            } @else if view.indicators.is_empty() {
                                p.empty { (t("reg-practice-no-figures")) }
                            }
                            @for s in &view.indicators { (series_html(d, s, Some(c.period))) }
                            p { (t("reg-values-note")) " "
                                a href=(href(&format!("/registry/like/{area}"))) { (t("reg-cities-like-this")) } " · "
                                @for i in &c.indicators { a href=(href(&format!("/indicators/{}", i.as_str()))) { (indicator_label(d, i.as_str())) } " " } }
                        }
                    }
                },
            )
        },
        || &view,
        || {
            let mut t = Table::new([
                "indicator",
                "geo",
                "group",
                "time",
                "estimate",
                "ci_low",
                "ci_high",
                "status",
            ]);
            for s in &view.indicators {
                for pt in &s.points {
                    t.push(vec![
                        s.indicator.clone(),
                        s.geo.clone(),
                        s.group.to_string(),
                        pt.time.clone(),
                        crate::respond::cell(pt.estimate),
                        crate::respond::cell(pt.ci_low),
                        crate::respond::cell(pt.ci_high),
                        pt.status.into(),
                    ]);
                }
            }
            t
        },
    ))
}

/// What matches a need, as the need page lists it ([`civis_registry::matching`]).
#[derive(Debug, Serialize)]
pub struct Matches {
    pub practices: Vec<Hit>,
    /// The cities with a matching practice.
    pub cities: Vec<String>,
    pub instruments: Vec<Hit>,
}

impl From<matching::Matches> for Matches {
    fn from(m: matching::Matches) -> Matches {
        Matches {
            practices: m.practices.iter().map(hit).collect(),
            cities: m.cities,
            instruments: m.instruments.iter().map(hit).collect(),
        }
    }
}

/// `/registry/needs/{id}`: a city need with what matches it.
pub async fn need_page(
    reg: Registry,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let Some((id, format)) = parse_id(&file) else {
        return Err(not_found("reg-no-such-need"));
    };
    let v = visit(&reg, &headers, false).await?;
    let n = load_entry::<Need>(&reg, &v, id).await?;
    let content = n.content.clone();
    let m: Matches = reg
        .run(move |db, _| matching::matches(db, &content))
        .await?
        .into();
    let d = reg.data();
    #[derive(Serialize)]
    struct View<'a> {
        need: &'a Entry<Need>,
        matches: &'a Matches,
    }
    let view = View {
        need: &n,
        matches: &m,
    };
    Ok(twin(
        format,
        || {
            let c = &n.content;
            let lang_of = c.language.0.code();
            html_page(
                StatusCode::OK,
                &v,
                &c.title,
                &format!("/registry/needs/{id}"),
                true,
                html! {
                    article.need {
                        h1 lang=(lang_of) { (c.title) }
                        p.meta { span.badge { (EntryKind::Need.text()) } " " (c.kind.text()) " · " @if d.area(&c.area.to_string()).is_some() { a href=(href(&format!("/areas/{}", c.area))) { (crate::i18n::display_name(d, &c.area.to_string())) } } @else { (crate::i18n::display_name(d, &c.area.to_string())) } " (" (c.area) ")" }
                        (controls(&v, id, EntryKind::Need, Some(c.area), n.status))
                        div lang=(lang_of) { (paragraphs(&c.description)) }
                        @if !c.indicators.is_empty() {
                            p { (t("reg-indicators")) " " @for i in &c.indicators { a href=(href(&format!("/indicators/{}", i.as_str()))) { (indicator_label(d, i.as_str())) } " " } }
                        }
                        @if !c.contacts.is_empty() { h2 { (t("reg-contact")) } div lang=(lang_of) { (paragraphs(&c.contacts)) } }
                        h2 { (t("reg-cities-with-practice")) }
                        @if m.practices.is_empty() { p.empty { (t("reg-no-practice-matches")) } }
                        ul { @for h in &m.practices { li { a href=(href(&h.url)) { (h.title) } @if let Some(a) = &h.area { " — " (crate::i18n::display_name(d, a)) " (" (a) ")" } } } }
                        h2 { (t("reg-tools-that-help")) }
                        ul { @for h in &m.instruments { li { a href=(href(&h.url)) { (h.title) } } } }
                    }
                },
            )
        },
        || &view,
        || {
            let mut t = Table::new(["match", "id", "title", "area", "url"]);
            for h in &m.practices {
                t.push(vec![
                    "practice".into(),
                    h.id.to_string(),
                    h.title.clone(),
                    h.area.clone().unwrap_or_default(),
                    h.url.clone(),
                ]);
            }
            for h in &m.instruments {
                t.push(vec![
                    "instrument".into(),
                    h.id.to_string(),
                    h.title.clone(),
                    String::new(),
                    h.url.clone(),
                ]);
            }
            t
        },
    ))
}

/// `/registry/networks/{id}`.
pub async fn network_page(
    reg: Registry,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let Some((id, format)) = parse_id(&file) else {
        return Err(not_found("reg-no-such-network"));
    };
    let v = visit(&reg, &headers, false).await?;
    let n = load_entry::<Network>(&reg, &v, id).await?;
    let d = reg.data();
    Ok(twin(
        format,
        || {
            let c = &n.content;
            html_page(
                StatusCode::OK,
                &v,
                &c.name,
                &format!("/registry/networks/{id}"),
                true,
                html! {
                    h1 { (c.name) }
                    p.meta { span.badge { (c.kind.text()) } " " (super::period_text(c.period)) }
                    (controls(&v, id, EntryKind::Network, None, n.status))
                    (paragraphs(&c.description))
                    @if let Some(l) = &c.link { p { a href=(l.as_str()) rel="nofollow noopener" { (l.as_str()) } } }
                    h2 { (t("reg-who-takes-part")) }
                    ul { @for m in &c.members { li { a href={ (href("/registry")) "?area=" (m) } { (crate::i18n::display_name(d, &m.to_string())) } " (" (m) ")" } } }
                },
            )
        },
        || &n,
        || {
            let mut t = Table::new(["member", "name"]);
            for m in &n.content.members {
                t.push(vec![
                    m.to_string(),
                    crate::i18n::neutral_name(d, &m.to_string()).to_owned(),
                ]);
            }
            t
        },
    ))
}

// ---------------------------------------------------------------------------------------------
// The directory

async fn directory(
    reg: &Registry,
    v: &Visit,
    raw: Option<String>,
) -> Result<(String, Vec<Entry<Instrument>>), Problem> {
    let p = Params::parse(raw.as_deref());
    let kind = p.get("kind").unwrap_or("").to_owned();
    let mut q = Query {
        limit: 1000,
        ..Default::default()
    };
    if !kind.is_empty() {
        let k = InstrumentKind::parse(&kind)
            .map_err(|e| problem(StatusCode::BAD_REQUEST, &t("reg-error-invalid-filter"), &e))?;
        q.tags.push(format!("kind:{}", k.code()));
    }
    let user = v.user.clone();
    let mut list = reg
        .run(move |db, _| {
            repo::list::<Instrument>(db, &user.as_ref().map_or(Actor::Anonymous, Actor::User), &q)
        })
        .await?;
    list.sort_by(|a, b| (a.content.kind, &a.content.name).cmp(&(b.content.kind, &b.content.name)));
    Ok((kind, list))
}

fn directory_table(list: &[Entry<Instrument>]) -> Table {
    let mut t = Table::new([
        "slug",
        "name",
        "kind",
        "owner",
        "coverage",
        "geography",
        "access",
        "formats",
        "link",
        "source",
    ]);
    for e in list {
        let c = &e.content;
        t.push(vec![
            c.slug.clone(),
            c.name.clone(),
            c.kind.code().into(),
            c.owner.clone(),
            c.coverage.clone(),
            c.geography
                .iter()
                .map(|g| g.code())
                .collect::<Vec<_>>()
                .join("; "),
            c.access.code().into(),
            c.formats.join("; "),
            c.link.to_string(),
            c.source.clone(),
        ]);
    }
    t
}

/// `/registry/directory`: the toolbox directory.
pub async fn directory_page(
    reg: Registry,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let v = visit(&reg, &headers, false).await?;
    let (kind, list) = directory(&reg, &v, q).await?;
    Ok(html_page(
        StatusCode::OK,
        &v,
        &t("reg-directory-title"),
        "/registry/directory",
        true,
        html! {
            h1 { (t("reg-directory-title")) }
            p.lead { (t("reg-directory-lead")) }
            form.filters method="get" action=(href("/registry/directory")) {
                (select("kind", &t("reg-kind"), &kind, &options::<InstrumentKind>()))
                button type="submit" { (t("reg-show")) }
            }
            table.directory {
                caption { (t_args("reg-instruments-count", &[("count", list.len().into())])) }
                thead { tr { th scope="col" { (t("reg-instrument")) } th scope="col" { (t("reg-owner")) } th scope="col" { (t("reg-geography")) } th scope="col" { (t("reg-access")) } th scope="col" { (t("reg-formats")) } } }
                tbody {
                    @for e in &list {
                        @let c = &e.content;
                        tr {
                            th scope="row" { a href=(href(&format!("/registry/directory/{}", c.slug))) { (c.name) } br; span.badge { (c.kind.text()) } }
                            td { (c.owner) }
                            td { (joined(&c.geography)) }
                            td { (c.access.text()) }
                            td { (c.formats.join(", ")) }
                        }
                    }
                }
            }
        },
    ))
}

/// `/registry/directory.json`.
pub async fn directory_json(
    reg: Registry,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let v = visit(&reg, &headers, false).await?;
    match directory(&reg, &v, q).await {
        Ok((_, list)) => Ok(json(&list)),
        Err(r) => Err(r),
    }
}

/// `/registry/directory.csv`.
pub async fn directory_csv(
    reg: Registry,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let v = visit(&reg, &headers, false).await?;
    match directory(&reg, &v, q).await {
        Ok((_, list)) => Ok(super::csv(directory_table(&list).to_csv(), None)),
        Err(r) => Err(r),
    }
}

/// `/registry/directory/{slug}`.
pub async fn instrument_page(
    reg: Registry,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let (slug, format) = Format::split(&file);
    let slug = slug.to_owned();
    let v = visit(&reg, &headers, false).await?;
    let user = v.user.clone();
    let e = reg
        .run(move |db, _| {
            repo::instrument_by_slug(
                db,
                &user.as_ref().map_or(Actor::Anonymous, Actor::User),
                &slug,
            )
        })
        .await?;
    Ok(twin(
        format,
        || {
            let c = &e.content;
            html_page(
                StatusCode::OK,
                &v,
                &c.name,
                &format!("/registry/directory/{}", c.slug),
                true,
                html! {
                    h1 { (c.name) }
                    p.meta { span.badge { (c.kind.text()) } }
                    (paragraphs(&c.description))
                    dl.facts {
                        dt { (t("reg-owner")) } dd { (c.owner) }
                        dt { (t("reg-coverage")) } dd { (c.coverage) }
                        dt { (t("reg-geography")) } dd { (joined(&c.geography)) }
                        dt { (t("reg-access")) } dd { (c.access.text()) }
                        dt { (t("reg-formats")) } dd { (c.formats.join(", ")) }
                        dt { (t("reg-link")) } dd { a href=(c.link.as_str()) rel="noopener" { (c.link.as_str()) } }
                        dt { (t("reg-record-source")) } dd { (c.source) }
                    }
                },
            )
        },
        || &e,
        || directory_table(std::slice::from_ref(&e)),
    ))
}

// ---------------------------------------------------------------------------------------------
// Cities like yours

#[derive(Debug, Serialize)]
pub struct PeerLearning {
    pub geo: String,
    pub name: String,
    pub improved: Vec<Improvement>,
    pub practices: Vec<Hit>,
}

#[derive(Debug, Serialize)]
pub struct LikeView {
    pub geo: String,
    pub name: String,
    /// How the peers were chosen.
    pub method: String,
    pub indicator: Option<String>,
    pub peers: Vec<PeerLearning>,
}

/// `/registry/like/{geo}`: peer areas that improved an indicator, and the practices they recorded.
pub async fn like_page(
    reg: Registry,
    Path(file): Path<String>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let (geo, format) = Format::split(&file);
    let d = reg.data();
    let Some(area) = d.area(geo) else {
        return Err(not_found("reg-no-data-for-area"));
    };
    let params = Params::parse(q.as_deref());
    let only = params.get("indicator").map(str::to_owned);
    let v = visit(&reg, &headers, false).await?;
    let (peers, method) = peer_areas(d, area);
    let mut learning: Vec<PeerLearning> = peers
        .iter()
        .map(|p| PeerLearning {
            geo: p.code.clone(),
            name: p.name.clone(),
            improved: improvements(d, &p.code, only.as_deref()),
            practices: Vec::new(),
        })
        .collect();
    let areas: Vec<Option<Area>> = learning.iter().map(|p| Area::parse(&p.geo).ok()).collect();
    let only_tag = only.clone();
    let found = reg
        .run(move |db, _| matching::practices_in(db, &areas, only_tag.as_deref()))
        .await?;
    for (p, practices) in learning.iter_mut().zip(found) {
        p.practices = practices.iter().map(hit).collect();
    }
    // peers that improved something or recorded a practice first
    learning.sort_by_key(|p| {
        (
            p.improved.is_empty() && p.practices.is_empty(),
            p.improved.is_empty(),
            p.name.clone(),
        )
    });
    let view = LikeView {
        geo: area.code.clone(),
        name: area.name.clone(),
        method: method.english().to_owned(),
        indicator: only,
        peers: learning,
    };
    let title = t_args("reg-like-title", &[("name", view.name.clone().into())]);
    let method_key = method.key();
    Ok(twin(
        format,
        || {
            html_page(
                StatusCode::OK,
                &v,
                &title,
                &format!("/registry/like/{}", view.geo),
                true,
                html! {
                    h1 { (title) }
                    p.lead { (t_args("reg-like-lead", &[("method", t(method_key).into())])) }
                    @for p in &view.peers {
                        section.peer {
                            h2 { a href=(href(&format!("/areas/{}", p.geo))) { (p.name) } " (" (p.geo) ")" }
                            @if p.improved.is_empty() { p.empty { (t("reg-no-improvement")) } } @else {
                                ul { @for i in &p.improved { li { (improvement_text(i)) } } }
                            }
                            @if p.practices.is_empty() { p.empty { (t("reg-no-practice-yet")) } } @else {
                                p { (t("reg-practices")) }
                                ul { @for h in &p.practices { li { a href=(href(&h.url)) { (h.title) } } } }
                            }
                        }
                    }
                },
            )
        },
        || &view,
        || {
            let mut t = Table::new([
                "peer",
                "name",
                "indicator",
                "group",
                "from",
                "to",
                "change",
                "beyond_uncertainty",
                "practices",
            ]);
            for p in &view.peers {
                let practices = p
                    .practices
                    .iter()
                    .map(|h| h.url.clone())
                    .collect::<Vec<_>>()
                    .join(" ");
                if p.improved.is_empty() {
                    t.push(vec![
                        p.geo.clone(),
                        p.name.clone(),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                        practices.clone(),
                    ]);
                }
                for i in &p.improved {
                    t.push(vec![
                        p.geo.clone(),
                        p.name.clone(),
                        i.indicator.clone(),
                        i.group.code().into_owned(),
                        i.from.clone(),
                        i.to.clone(),
                        i.change.to_string(),
                        i.beyond_uncertainty.to_string(),
                        practices.clone(),
                    ]);
                }
            }
            t
        },
    ))
}

// ---------------------------------------------------------------------------------------------
// Export

async fn published_set(
    reg: &Registry,
) -> Result<
    (
        Vec<Entry<Practice>>,
        Vec<Entry<Need>>,
        Vec<Entry<Network>>,
        Vec<Entry<Instrument>>,
    ),
    Problem,
> {
    reg.run(|db, _| -> Result<_, RepoError> {
        let q = Query {
            status: Some(Status::Published),
            limit: 1000,
            ..Default::default()
        };
        let a = Actor::Anonymous;
        Ok((
            repo::list::<Practice>(db, &a, &q)?,
            repo::list::<Need>(db, &a, &q)?,
            repo::list::<Network>(db, &a, &q)?,
            repo::list::<Instrument>(db, &a, &q)?,
        ))
    })
    .await
}

/// `/registry/export.json`: every published entry, in the exchange format.
pub async fn export_json(reg: Registry) -> Result<Response, Problem> {
    let (p, n, w, i) = published_set(&reg).await?;
    Ok(json(&exchange::export_json(&ExportSet {
        practices: &p,
        needs: &n,
        networks: &w,
        instruments: &i,
    })))
}

/// `/registry/export/{practices|needs|networks|instruments}.csv`.
pub async fn export_csv(reg: Registry, Path(file): Path<String>) -> Result<Response, Problem> {
    let (kind, format) = Format::split(&file);
    if format != Format::Csv {
        return Err(not_found("reg-no-such-export"));
    }
    let kind = kind.to_owned();
    let set = published_set(&reg).await?;
    let body = match kind.as_str() {
        "practices" => exchange::export_csv(&set.0),
        "needs" => exchange::export_csv(&set.1),
        "networks" => exchange::export_csv(&set.2),
        "instruments" => exchange::export_csv(&set.3),
        _ => return Err(not_found("reg-no-such-export")),
    };
    Ok(super::csv(
        body,
        Some(&format!("civis-registry-{kind}.csv")),
    ))
}

// ---------------------------------------------------------------------------------------------
// Words

/// A 404 with the page's sentence `key`.
fn not_found(key: &str) -> Problem {
    problem(StatusCode::NOT_FOUND, &t("reg-error-not-found"), &t(key))
}

/// The indicators of the portal as options, by their names in the page's language.
pub(crate) fn indicator_options(d: &PortalData) -> Vec<(&str, String)> {
    d.indicators
        .iter()
        .map(|i| {
            (
                i.id.as_str(),
                i18n::indicator_name(&i.id, &i.name).into_owned(),
            )
        })
        .collect()
}

/// An indicator's name in the page's language, or its id when the portal does not have it.
fn indicator_label(d: &PortalData, id: &str) -> String {
    d.indicator(id)
        .map(|x| i18n::indicator_name(id, &x.name).into_owned())
        .unwrap_or_else(|| id.to_owned())
}

/// One improvement of a peer area: `Employment rate, foreign citizens: +3.1 pp from 2019 to
/// 2023 — beyond the uncertainty`.
fn improvement_text(i: &Improvement) -> String {
    let certainty = if i.beyond_uncertainty {
        "reg-beyond-uncertainty"
    } else {
        "reg-within-uncertainty"
    };
    t_args(
        "reg-improvement",
        &[
            (
                "indicator",
                i18n::indicator_name(&i.indicator, &i.name)
                    .into_owned()
                    .into(),
            ),
            ("group", i.group_label.clone().into()),
            ("change", i.change_text.clone().into()),
            ("from", i.from.clone().into()),
            ("to", i.to.clone().into()),
            ("certainty", t(certainty).into()),
        ],
    )
}
