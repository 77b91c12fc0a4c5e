//! The indicator view: definition, then for one level (countries, regions or districts), one
//! target group and one period: a map, a ranking with confidence intervals and rank intervals,
//! and the table.

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use civis_catalog::{Group, TargetGroup};
use maud::{html, Markup};
use serde::Serialize;

use crate::charts;
use crate::data::{AreaKind, IndicatorInfo, Obs, PortalData};
use crate::i18n::{href, indicator_definition, indicator_name, t, t_args};
use crate::layout::{page, Page};
use crate::pages::Params;
use crate::render;
use crate::respond::{not_found_page, respond, value_cells, Format, Table, VALUE_COLUMNS};
use crate::AppState;

pub async fn indicator(
    State(state): State<AppState>,
    Path(file): Path<String>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
) -> Response {
    let (id, format) = Format::split(&file);
    let d = &state.data;
    let Some(info) = d.indicator(id) else {
        return not_found_page();
    };
    let params = Params::parse(q.as_deref());
    let view = IndicatorView::build(d, info, &params);
    let query = params.query_string();
    respond(
        &headers,
        format,
        d.version,
        || html_page(d, &view, &query),
        || &view,
        || view.table(),
    )
}

/// One row of the ranking.
#[derive(Debug, Serialize)]
pub struct RankRow<'a> {
    pub geo: &'a str,
    pub name: &'a str,
    /// Position in the ranking (1 = best), among areas with a value.
    pub rank: Option<usize>,
    /// 95 % rank interval.
    pub rank_interval: Option<(usize, usize)>,
    /// Comparison with the reference value: `higher`, `lower`, `not significant` or `unknown`.
    pub vs_reference: &'static str,
    #[serde(flatten)]
    pub obs: &'a Obs,
}

/// What the page shows.
#[derive(Debug, Serialize)]
pub struct IndicatorView<'a> {
    pub indicator: &'a IndicatorInfo,
    pub level: AreaKind,
    pub levels: Vec<AreaKind>,
    pub group: String,
    pub criterion: String,
    pub groups: Vec<(String, String)>,
    pub time: String,
    pub times: Vec<String>,
    pub reference: Option<&'a Obs>,
    pub rows: Vec<RankRow<'a>>,
    pub synthetic: bool,
}

impl<'a> IndicatorView<'a> {
    pub fn build(d: &'a PortalData, info: &'a IndicatorInfo, p: &Params) -> IndicatorView<'a> {
        let levels: Vec<AreaKind> = d
            .kinds_of(&info.id)
            .into_iter()
            .filter(|k| matches!(k, AreaKind::Country | AreaKind::Region | AreaKind::District))
            .collect();
        let level = p
            .get("level")
            .and_then(AreaKind::parse)
            .filter(|k| levels.contains(k))
            .or_else(|| levels.first().copied())
            .unwrap_or(AreaKind::Country);
        let groups = d.groups(&info.id, level);
        let (criterion, group) = p
            .get("group")
            .and_then(|g| groups.iter().find(|(_, x)| x == g))
            .or_else(|| groups.iter().find(|(_, x)| x == TargetGroup::For.code()))
            .or_else(|| groups.first())
            .cloned()
            .unwrap_or_default();
        let times = d.times(&info.id, level, &group);
        let time = p
            .get("time")
            .filter(|t| times.iter().any(|x| x == t))
            .map(str::to_string)
            .or_else(|| times.last().cloned())
            .unwrap_or_default();
        let slice = d.slice(&info.id, level, &group, &time);
        let reference = reference_for(d, info, level, &group, &time, &slice);
        let rows = rank_rows(d, info, slice, reference);
        let synthetic = rows.iter().any(|r| r.obs.synthetic);
        IndicatorView {
            indicator: info,
            level,
            levels,
            group,
            criterion,
            groups,
            time,
            times,
            reference,
            rows,
            synthetic,
        }
    }

    fn table(&self) -> Table {
        let mut t = Table::new(
            ["geo", "name", "indicator", "group", "time"]
                .into_iter()
                .chain(VALUE_COLUMNS)
                .chain(["rank", "rank_low", "rank_high", "vs_reference"]),
        );
        for r in &self.rows {
            let o = r.obs;
            let mut row = vec![
                r.geo.to_string(),
                r.name.to_string(),
                o.stored.indicator.clone(),
                o.stored.group.to_string(),
                o.stored.time.clone(),
            ];
            row.extend(value_cells(o));
            row.extend([
                r.rank.map(|x| x.to_string()).unwrap_or_default(),
                r.rank_interval.map(|x| x.0.to_string()).unwrap_or_default(),
                r.rank_interval.map(|x| x.1.to_string()).unwrap_or_default(),
                r.vs_reference.to_string(),
            ]);
            t.push(row);
        }
        t
    }
}

/// The value the areas are compared with: the EU for countries, the country for regions and
/// districts (from the same source as the areas' values when there is one).
fn reference_for<'a>(
    d: &'a PortalData,
    info: &IndicatorInfo,
    level: AreaKind,
    group: &str,
    time: &str,
    slice: &[&'a Obs],
) -> Option<&'a Obs> {
    let geo = match level {
        AreaKind::Country => "EU27_2020".to_string(),
        _ => slice
            .first()
            .and_then(|o| d.area(&o.stored.geo))
            .map(|a| a.country.clone())?,
    };
    let dataset = slice.first().map(|o| o.dataset);
    let group = Group::parse(group);
    let candidates: Vec<&Obs> = d
        .of_area_indicator(&geo, &info.id)
        .filter(|o| o.stored.group == group && o.stored.time == time && d.is_headline(o))
        .collect();
    candidates
        .iter()
        .find(|o| Some(o.dataset) == dataset)
        .or_else(|| candidates.first())
        .copied()
}

/// Ranks the areas (1 = best given `higher_is_better`), with 95 % rank intervals and the test
/// against the reference value.
fn rank_rows<'a>(
    d: &'a PortalData,
    info: &IndicatorInfo,
    slice: Vec<&'a Obs>,
    reference: Option<&'a Obs>,
) -> Vec<RankRow<'a>> {
    let mut with_value: Vec<&Obs> = slice
        .iter()
        .copied()
        .filter(|o| o.stored.estimate.is_some())
        .collect();
    let sign = if info.higher_is_better { -1.0 } else { 1.0 };
    with_value.sort_by(|a, b| {
        (sign * a.stored.estimate.unwrap_or(0.0))
            .total_cmp(&(sign * b.stored.estimate.unwrap_or(0.0)))
    });
    let intervals = crate::stats::rank_intervals(&with_value, info.higher_is_better);
    let mut rows: Vec<RankRow> = with_value
        .iter()
        .enumerate()
        .map(|(i, o)| RankRow {
            geo: &o.stored.geo,
            name: crate::i18n::neutral_name(d, &o.stored.geo),
            rank: Some(i + 1),
            rank_interval: intervals.get(i).copied().flatten(),
            vs_reference: crate::stats::versus(o, reference),
            obs: o,
        })
        .collect();
    for o in slice.into_iter().filter(|o| o.stored.estimate.is_none()) {
        rows.push(RankRow {
            geo: &o.stored.geo,
            name: crate::i18n::neutral_name(d, &o.stored.geo),
            rank: None,
            rank_interval: None,
            vs_reference: "unknown",
            obs: o,
        });
    }
    rows
}

fn html_page(d: &PortalData, v: &IndicatorView<'_>, query: &str) -> Markup {
    let info = v.indicator;
    let name = indicator_name(&info.id, &info.name);
    let path = format!("/indicators/{}", info.id);
    page(
        &Page {
            title: &indicator_name(&info.id, &info.name),
            path: &path,
            query,
            twins: true,
            synthetic: v.synthetic,
        },
        html! {
            p { a href=(href("/indicators")) { (t("nav-indicators")) } " › " (policy_area(&info.area)) }
            h1 { (name) }
            (crate::layout::vintage_banner(d, &path))
            section aria-labelledby="definition" {
                h2 #definition { (t("indicator-definition-title")) }
                p { @if info.definition.is_empty() { (t("indicator-context")) } @else { (indicator_definition(&info.id, &info.definition)) } }
                p {
                    (t("indicator-unit")) " " (info.unit)
                    @if !info.age.is_empty() { " · " (t("indicator-age")) " " (info.age) }
                    " · " @if info.higher_is_better { (t("indicator-higher-better")) } @else { (t("indicator-lower-better")) }
                    @for (kind, code) in &info.eurostat { " · Eurostat " (kind) ": " code { (code) } }
                }
            }
            form.filters method="get" action=(href(&path)) {
                label { (t("filter-level"))
                    select name="level" {
                        @for k in &v.levels { option value=(k.code()) selected[*k == v.level] { (t(&format!("area-kind-{}", k.code()))) } }
                    }
                }
                label { (t("col-group"))
                    select name="group" {
                        @for (c, g) in &v.groups { option value=(g) selected[*g == v.group] { (render::group_label(&Group::parse(g), c)) } }
                    }
                }
                label { (t("filter-year"))
                    select name="time" {
                        @for year in v.times.iter().rev() { option value=(year) selected[*year == v.time] { (year) } }
                    }
                }
                button type="submit" { (t("filter-show")) }
            }
            @if v.rows.is_empty() {
                (crate::layout::empty(&t("indicator-no-values")))
            } @else {
                h2 { (t_args("indicator-selection", &[("group", render::group_label(&Group::parse(&v.group), &v.criterion).into()), ("level", t(&format!("area-kind-{}", v.level.code())).into()), ("time", v.time.as_str().into())]))
                    @if let Some(a) = v.rows.first().and_then(|r| d.age_note(r.obs)) { ", " (t_args("ages", &[("ages", age_label(a).into())])) } }
                (choropleth(d, &info.id, v.level, &v.group, &v.time, None))
                (crate::snippet::figure_with_snippet(ranking_drawn(d, v), crate::snippet::EmbedChart::Ranking, &[("indicator", &v.indicator.id), ("level", v.level.code()), ("group", &v.group), ("time", &v.time)]))
                div.table-scroll role="region" aria-label=(t("ranking-table")) tabindex="0" { table {
                    caption { (name) " — " (render::group_label(&Group::parse(&v.group), &v.criterion)) ", " (v.time) ". " @if info.higher_is_better { (t("ranking-caption-highest")) } @else { (t("ranking-caption-lowest")) } }
                    thead { tr {
                        th scope="col" { (t("col-rank")) } th scope="col" { (t("col-area")) } th.num scope="col" { (t("col-value")) }
                        th.num scope="col" { (t("col-ci")) } th.num scope="col" { "n" } th scope="col" { (t("col-status")) }
                        th scope="col" { @if let Some(r) = v.reference { (t_args("col-versus", &[("area", area_label(d, &r.stored.geo).into())])) } @else { (t("col-versus-reference")) } }
                    } }
                    tbody {
                        @if let Some(r) = v.reference {
                            tr.highlight {
                                td { "—" } th scope="row" { a href=(href(&format!("/areas/{}", r.stored.geo))) { (area_label(d, &r.stored.geo)) } " (" (t("reference")) ")" }
                                td.num { (render::obs_value(r)) } td.num { (render::interval(r)) }
                                td.num { (r.stored.n.map(|n| n.to_string()).unwrap_or_default()) }
                                td { (render::badge(r)) } td {}
                            }
                        }
                        @for row in &v.rows {
                            tr class=(if matches!(row.obs.status, crate::data::Status::LowReliability) { "low" } else { "" }) {
                                td { @if let Some(r) = row.rank { (r) @if let Some((lo, hi)) = row.rank_interval { " (" (lo) "–" (hi) ")" } } @else { "—" } }
                                th scope="row" { a href=(href(&format!("/areas/{}", row.geo))) { (area_label(d, row.geo)) } }
                                td.num { (render::obs_value(row.obs)) " " (crate::cite::link(row.obs)) }
                                td.num { (render::interval(row.obs)) }
                                td.num { (row.obs.stored.n.map(|n| n.to_string()).unwrap_or_default()) }
                                td { (t(&format!("status-{}", row.obs.status.label().replace(' ', "-")))) " " (render::badge(row.obs)) }
                                td { span class={ "verdict " (verdict_class(row.vs_reference)) } { (t(&format!("versus-{}", row.vs_reference.replace(' ', "-")))) } }
                            }
                        }
                    }
                } }
            }
            p {
                (t("indicator-download")) " "
                a href={ "/downloads/" (info.id) ".csv" } { "CSV" } " · "
                a href={ "/downloads/" (info.id) ".xlsx" } { "XLSX" } " · "
                a href={ "/downloads/" (info.id) ".jsonstat" } { "JSON-stat" } " · "
                a href={ "/downloads/" (info.id) ".sdmx.csv" } { "SDMX-CSV" }
            }
            (sources(d, v.rows.iter().map(|r| r.obs)))
            (crate::cite::page_block(d, &path, v.rows.iter().map(|r| r.obs)))
        },
    )
}

/// The ranking of the view as a chart (also served as an embed).
pub fn ranking_drawn(d: &PortalData, v: &IndicatorView<'_>) -> Option<charts::Drawn> {
    let group = Group::parse(&v.group);
    let ranking = charts::Ranking {
        indicator: v.indicator,
        group: &group,
        criterion: &v.criterion,
        time: &v.time,
        reference: v.reference,
    };
    // the page's names (a country in the page's language), not the twins' Latin ones
    let names: Vec<_> = v
        .rows
        .iter()
        .map(|r| crate::i18n::display_name(d, r.geo))
        .collect();
    charts::ranking_chart(
        d,
        &ranking,
        v.rows.iter().zip(&names).map(|(r, name)| charts::Ranked {
            obs: r.obs,
            name,
            rank: r.rank,
            rank_interval: r.rank_interval,
        }),
    )
}

/// An area's name on a page (see [`crate::i18n::place_name`]); its code when unknown.
pub fn area_label(d: &PortalData, code: &str) -> String {
    crate::i18n::display_name(d, code).into_owned()
}

/// A policy area (`Employment`) in the page's language.
pub fn policy_area(area: &str) -> String {
    let key = format!("policy-{}", area.to_lowercase().replace(' ', "-"));
    if crate::i18n::has(&key) {
        t(&key)
    } else {
        area.to_string()
    }
}

/// CSS class of a comparison verdict.
pub fn verdict_class(v: &str) -> &'static str {
    match v {
        "higher" => "higher",
        "lower" => "lower",
        _ => "none",
    }
}

/// The datasets behind a set of values, with their attribution.
pub fn sources<'a>(d: &PortalData, obs: impl Iterator<Item = &'a Obs>) -> Markup {
    let mut idx: Vec<usize> = obs.map(|o| o.dataset).collect();
    idx.sort_unstable();
    idx.dedup();
    html! {
        @if !idx.is_empty() {
            section aria-labelledby="sources" {
                h2 #sources { (t("sources-title")) }
                ul {
                    @for i in idx {
                        @let ds = &d.datasets[i];
                        li {
                            strong { (ds.name) } ": " (ds.source) " — " (t(&format!("method-{}", ds.method)))
                            @if !ds.vintage.is_empty() { ", " (t("sources-vintage")) " " (ds.vintage) }
                            @if !ds.attribution.is_empty() { ". " (ds.attribution) }
                            @if ds.synthetic { " " span.badge.synthetic { (t("badge-synthetic")) } }
                        }
                    }
                }
            }
        }
    }
}

/// The choropleth of an indicator for areas of `kind` (nothing when there is no map layer).
pub fn choropleth(
    d: &PortalData,
    indicator: &str,
    kind: AreaKind,
    group: &str,
    time: &str,
    highlight: Option<&str>,
) -> Markup {
    charts::choropleth(d, indicator, kind, group, time, highlight)
}

/// `Y15-64` as `15-64`, `Y_GE65` as `65 and over`.
pub fn age_label(code: &str) -> String {
    if let Some(x) = code.strip_prefix("Y_GE") {
        t_args("age-and-over", &[("age", x.into())])
    } else if let Some(x) = code.strip_prefix("Y_LT") {
        t_args("age-under", &[("age", x.into())])
    } else {
        code.trim_start_matches('Y').to_string()
    }
}
