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
use super::{html_page, json, paragraphs, problem, twin, visit, Problem, Registry, Visit};
use crate::data::PortalData;
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
        .map_err(|e| problem(StatusCode::BAD_REQUEST, "Invalid filter", &e))?;
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

fn select(name: &str, label: &str, current: &str, options: &[(&str, &str)]) -> Markup {
    html! {
        label for=(name) { (label) }
        select id=(name) name=(name) {
            option value="" { "any" }
            @for (code, text) in options {
                @if *code == current {
                    option value=(code) selected { (text) }
                } @else {
                    option value=(code) { (text) }
                }
            }
        }
    }
}

fn search_html(d: &PortalData, v: &Visit, view: &SearchView) -> Response {
    let f = &view.filters;
    let kinds: Vec<(&str, &str)> = EntryKind::ALL
        .iter()
        .map(|k| (k.code(), k.label()))
        .collect();
    let areas: Vec<(&str, &str)> = PolicyArea::ALL
        .iter()
        .map(|k| (k.code(), k.label()))
        .collect();
    let groups: Vec<(&str, &str)> = Audience::ALL
        .iter()
        .map(|k| (k.code(), k.label()))
        .collect();
    let inds: Vec<(&str, &str)> = d
        .indicators
        .iter()
        .map(|i| (i.id.as_str(), i.name.as_str()))
        .collect();
    html_page(
        StatusCode::OK,
        v,
        "Practices, needs and tools",
        "/registry",
        true,
        html! {
            h1 { "Practices, needs and tools" }
            p.lead {
                "What cities did, what they need, and the instruments that exist — each linked to the indicators it is about. "
                a href="/registry/directory" { "The toolbox directory" } " lists the data sources, surveys, indicator sets and software for integration statistics."
            }
            form.filters method="get" action="/registry" role="search" {
                label for="q" { "Search" }
                input type="search" id="q" name="q" value=(f.q);
                (select("kind", "Kind", &f.kind, &kinds))
                label for="area" { "City or area code" }
                input type="text" id="area" name="area" value=(f.area) placeholder="AT13, DE001C1";
                (select("policy_area", "Policy area", &f.policy_area, &areas))
                (select("target_group", "Target group", &f.target_group, &groups))
                (select("indicator", "Indicator", &f.indicator, &inds))
                button type="submit" { "Search" }
            }
            @if view.results.is_empty() {
                p.empty { "Nothing matches." }
            } @else {
                p { (view.results.len()) " entries" }
                ul.results {
                    @for h in &view.results {
                        li {
                            span.badge { (EntryKind::parse(h.kind).map(|k| k.label()).unwrap_or(h.kind)) }
                            " "
                            a href=(h.url) { (h.title) }
                            @if let Some(a) = &h.area { " — " (d.area_name(a)) " (" (a) ")" }
                            @if h.status != "published" { " " span.badge { (h.status) } }
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
        return Err(problem(
            StatusCode::NOT_FOUND,
            "Not found",
            "No such entry.",
        ));
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
    let buttons: Vec<(&str, &str)> = [
        (
            Action::Submit,
            "submit",
            "Submit for review",
            status == Status::Draft,
        ),
        (
            Action::Publish,
            "publish",
            "Publish",
            status != Status::Published,
        ),
        (
            Action::Reject,
            "reject",
            "Send back to draft",
            status != Status::Draft,
        ),
        (Action::Delete, "delete", "Delete", true),
    ]
    .into_iter()
    .filter(|(a, _, _, applies)| *applies && actor.may(*a, target))
    .map(|(_, code, label, _)| (code, label))
    .collect();
    html! {
        @if v.user.is_some() && (actor.may(Action::Edit, target) || !buttons.is_empty()) {
            section.moderation aria-label="Editing and moderation" {
                p { "Status: " strong { (status.label()) } }
                @if let Some(u) = &edit_url {
                    @if actor.may(Action::Edit, target) { p { a href=(u) id="edit-entry" { "Edit" } } }
                }
                @for (code, label) in &buttons {
                    form.inline method="post" action={ "/registry/entries/" (id) "/" (code) } {
                        (super::csrf_field(v))
                        @if *code == "reject" {
                            label for={ "note-" (id) } { "Note for the author" }
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
        None => "one period only: no trend".into(),
        Some(c) => {
            let first = s
                .points
                .iter()
                .find(|p| p.estimate.is_some())
                .map(|p| p.time.as_str())
                .unwrap_or("");
            let better = (c > 0.0) == s.higher_is_better && c != 0.0;
            format!(
                "{} since {first} ({}{})",
                render::difference(c, &s.unit),
                if c == 0.0 {
                    "no change"
                } else if better {
                    "better"
                } else {
                    "worse"
                },
                if s.change_beyond_uncertainty {
                    ", beyond the uncertainty"
                } else {
                    ", within the uncertainty"
                }
            )
        }
    }
}

fn series_html(s: &Series, period: Option<civis_registry::Period>) -> Markup {
    html! {
        table.series {
            caption {
                (s.name) " — " (s.group_label) ", " (s.geo_name) ": " (trend_text(s))
                @if s.synthetic { " " span.badge.synthetic { "synthetic" } }
            }
            thead { tr { th scope="col" { "Period" } th scope="col" { "Value" } th scope="col" { "95 % interval" } th scope="col" { "Status" } } }
            tbody {
                @for p in &s.points {
                    @let during = period.zip(p.time.get(..4).and_then(|y| y.parse::<u16>().ok())).is_some_and(|(per, y)| per.covers(y));
                    tr class=[during.then_some("during-practice")] {
                        th scope="row" { (p.time) @if during { " " span.badge { "practice running" } } }
                        td { (p.value) }
                        td { (p.interval) }
                        td { (p.status) }
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
        return Err(problem(
            StatusCode::NOT_FOUND,
            "Not found",
            "No such practice.",
        ));
    };
    let v = visit(&reg, &headers, false).await?;
    let p = load_entry::<Practice>(&reg, &v, id).await?;
    let d = reg.data();
    let area = p.content.area.to_string();
    let view = PracticeView {
        practice: &p,
        area_name: d
            .area(&area)
            .map(|a| a.name.clone())
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
            super::html_page_with(
                StatusCode::OK,
                &v,
                &c.title,
                &format!("/registry/practices/{id}"),
                true,
                view.indicators.iter().any(|s| s.synthetic),
                html! {
                    article.practice {
                        h1 { (c.title) }
                        p.meta {
                            span.badge { "Practice" } " "
                            // a link only to an area the portal has a page for
                            @if d.area(&area).is_some() { a href={ "/areas/" (area) } { (view.area_name) } } @else { (view.area_name) }
                            " (" (area) ", " (c.area.country()) ") · " (c.period.to_string())
                            " · " (c.language.0.name())
                        }
                        (controls(&v, id, EntryKind::Practice, Some(c.area), p.status))
                        dl.facts {
                            dt { "Policy areas" } dd { (c.policy_areas.iter().map(|a| a.label()).collect::<Vec<_>>().join(", ")) }
                            @if !c.target_groups.is_empty() {
                                dt { "For" } dd { (c.target_groups.iter().map(|a| a.label()).collect::<Vec<_>>().join(", ")) }
                            }
                            dt { "Evidence" } dd { (c.evidence.label()) }
                        }
                        h2 { "What the city did" }
                        (paragraphs(&c.description))
                        @if !c.results.is_empty() { h2 { "Results" } (paragraphs(&c.results)) }
                        @if !c.transferability.is_empty() { h2 { "Transferability" } (paragraphs(&c.transferability)) }
                        @if !c.costs.is_empty() { h2 { "Costs" } (paragraphs(&c.costs)) }
                        @if !c.contacts.is_empty() { h2 { "Contacts" } (paragraphs(&c.contacts)) }
                        @if !c.links.is_empty() {
                            h2 { "Links" }
                            ul { @for l in &c.links { li { a href=(l.as_str()) rel="nofollow noopener" { (l.as_str()) } } } }
                        }
                        section.linked-indicators aria-labelledby="numbers" {
                            h2 #numbers { "The city's numbers" }
                            @if c.indicators.is_empty() {
                                p.empty { "This practice is not linked to an indicator." }
                            } @else if view.indicators.is_empty() {
                                p.empty { "The portal has no figures yet for the linked indicators in this area." }
                            }
                            @for s in &view.indicators { (series_html(s, Some(c.period))) }
                            p { "Values with their 95 % confidence interval; a change counts as beyond the uncertainty only when the intervals of the first and the latest period do not overlap. "
                                a href={ "/registry/like/" (area) } { "Cities like this one" } " · "
                                @for i in &c.indicators { a href={ "/indicators/" (i.as_str()) } { (d.indicator(i.as_str()).map(|x| x.name.as_str()).unwrap_or(i.as_str())) } " " } }
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
                        s.group.clone(),
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
        return Err(problem(StatusCode::NOT_FOUND, "Not found", "No such need."));
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
            html_page(
                StatusCode::OK,
                &v,
                &c.title,
                &format!("/registry/needs/{id}"),
                true,
                html! {
                    article.need {
                        h1 { (c.title) }
                        p.meta { span.badge { "City need" } " " (c.kind.label()) " · " @if d.area(&c.area.to_string()).is_some() { a href={ "/areas/" (c.area) } { (d.area_name(&c.area.to_string())) } } @else { (d.area_name(&c.area.to_string())) } " (" (c.area) ")" }
                        (controls(&v, id, EntryKind::Need, Some(c.area), n.status))
                        (paragraphs(&c.description))
                        @if !c.indicators.is_empty() {
                            p { "Indicators: " @for i in &c.indicators { a href={ "/indicators/" (i.as_str()) } { (i.as_str()) } " " } }
                        }
                        @if !c.contacts.is_empty() { h2 { "Contact" } (paragraphs(&c.contacts)) }
                        h2 { "Cities with a practice for this" }
                        @if m.practices.is_empty() { p.empty { "No published practice matches yet." } }
                        ul { @for h in &m.practices { li { a href=(h.url) { (h.title) } @if let Some(a) = &h.area { " — " (d.area_name(a)) " (" (a) ")" } } } }
                        h2 { "Tools and sources that may help" }
                        ul { @for h in &m.instruments { li { a href=(h.url) { (h.title) } } } }
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
        return Err(problem(
            StatusCode::NOT_FOUND,
            "Not found",
            "No such network.",
        ));
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
                    p.meta { span.badge { (c.kind.label()) } " " (c.period.to_string()) }
                    (controls(&v, id, EntryKind::Network, None, n.status))
                    (paragraphs(&c.description))
                    @if let Some(l) = &c.link { p { a href=(l.as_str()) rel="nofollow noopener" { (l.as_str()) } } }
                    h2 { "Who takes part" }
                    ul { @for m in &c.members { li { a href={ "/registry?area=" (m) } { (d.area_name(&m.to_string())) } " (" (m) ")" } } }
                },
            )
        },
        || &n,
        || {
            let mut t = Table::new(["member", "name"]);
            for m in &n.content.members {
                t.push(vec![m.to_string(), d.area_name(&m.to_string()).to_owned()]);
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
            .map_err(|e| problem(StatusCode::BAD_REQUEST, "Invalid filter", &e))?;
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
    let kinds: Vec<(&str, &str)> = InstrumentKind::ALL
        .iter()
        .map(|k| (k.code(), k.label()))
        .collect();
    Ok(html_page(
        StatusCode::OK,
        &v,
        "Toolbox directory",
        "/registry/directory",
        true,
        html! {
            h1 { "Toolbox directory" }
            p.lead { "Data sources, surveys, indicator sets, policy indices, practice databases, classifications, software and methods for immigrant-integration statistics in European cities — each with its owner, coverage, access conditions and where the facts come from." }
            form.filters method="get" action="/registry/directory" {
                (select("kind", "Kind", &kind, &kinds))
                button type="submit" { "Show" }
            }
            table.directory {
                caption { (list.len()) " instruments" }
                thead { tr { th scope="col" { "Instrument" } th scope="col" { "Owner" } th scope="col" { "Geography" } th scope="col" { "Access" } th scope="col" { "Formats" } } }
                tbody {
                    @for e in &list {
                        @let c = &e.content;
                        tr {
                            th scope="row" { a href={ "/registry/directory/" (c.slug) } { (c.name) } br; span.badge { (c.kind.label()) } }
                            td { (c.owner) }
                            td { (c.geography.iter().map(|g| g.label()).collect::<Vec<_>>().join(", ")) }
                            td { (c.access.label()) }
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
                    p.meta { span.badge { (c.kind.label()) } }
                    (paragraphs(&c.description))
                    dl.facts {
                        dt { "Owner" } dd { (c.owner) }
                        dt { "Coverage" } dd { (c.coverage) }
                        dt { "Geography" } dd { (c.geography.iter().map(|g| g.label()).collect::<Vec<_>>().join(", ")) }
                        dt { "Access" } dd { (c.access.label()) }
                        dt { "Formats" } dd { (c.formats.join(", ")) }
                        dt { "Link" } dd { a href=(c.link.as_str()) rel="noopener" { (c.link.as_str()) } }
                        dt { "Source of this record" } dd { (c.source) }
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
        return Err(problem(
            StatusCode::NOT_FOUND,
            "Not found",
            "The portal has no data for this area.",
        ));
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
        method,
        indicator: only,
        peers: learning,
    };
    Ok(twin(
        format,
        || {
            html_page(
                StatusCode::OK,
                &v,
                &format!("Cities like {}", view.name),
                &format!("/registry/like/{}", view.geo),
                true,
                html! {
                    h1 { "Cities like " (view.name) }
                    p.lead { "Peer areas — " (view.method) " — that improved an indicator for a migrant group, and the practices they recorded. An improvement counts as beyond the uncertainty only when the 95 % intervals of the first and latest period do not overlap." }
                    @for p in &view.peers {
                        section.peer {
                            h2 { a href={ "/areas/" (p.geo) } { (p.name) } " (" (p.geo) ")" }
                            @if p.improved.is_empty() { p.empty { "No improvement in the portal's series." } } @else {
                                ul { @for i in &p.improved { li { (i.name) ", " (i.group_label) ": " (i.change_text) " from " (i.from) " to " (i.to) @if i.beyond_uncertainty { " — beyond the uncertainty" } @else { " — within the uncertainty" } } } }
                            }
                            @if p.practices.is_empty() { p.empty { "No practice recorded yet." } } @else {
                                p { "Practices:" }
                                ul { @for h in &p.practices { li { a href=(h.url) { (h.title) } } } }
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
                        i.group.clone(),
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
        return Err(problem(
            StatusCode::NOT_FOUND,
            "Not found",
            "Exports are practices.csv, needs.csv, networks.csv and instruments.csv.",
        ));
    }
    let kind = kind.to_owned();
    let set = published_set(&reg).await?;
    let body = match kind.as_str() {
        "practices" => exchange::export_csv(&set.0),
        "needs" => exchange::export_csv(&set.1),
        "networks" => exchange::export_csv(&set.2),
        "instruments" => exchange::export_csv(&set.3),
        _ => {
            return Err(problem(
                StatusCode::NOT_FOUND,
                "Not found",
                "Exports are practices.csv, needs.csv, networks.csv and instruments.csv.",
            ))
        }
    };
    Ok(super::csv(
        body,
        Some(&format!("civis-registry-{kind}.csv")),
    ))
}
