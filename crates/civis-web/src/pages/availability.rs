//! `/availability` (+ `.json`, `.csv`): how much of the EU's migrant statistics reaches its
//! regions. For every indicator × target group × country × year of the official regional tables
//! in the database, the share of the country's NUTS 2 regions whose value Eurostat published,
//! published with the low-reliability flag `u`, or did not publish (suppressed cells are stored
//! as such, see `civis_pipeline::real_europe`). Shown as a table and a map (countries by share
//! published) for one year, and a time chart of the EU-wide shares; the twins hold every row.

use std::collections::{BTreeMap, BTreeSet};

use axum::http::HeaderMap;
use axum::response::Response;
use civis_catalog::{Group, Method, TargetGroup, Unit};
use civis_chart::{
    Breaks, ChoroplethOptions, NumberFormat, Point, Series, Status, TimeSeriesOptions,
};
use maud::{html, Markup};
use serde::Serialize;

use super::Params;
use crate::charts::{figure, id};
use crate::data::{AreaKind, Obs, PortalData, Status as ObsStatus};
use crate::i18n::{href, indicator_name, t, t_args};
use crate::layout::{page, Page};
use crate::pages::indicator::area_label;
use crate::render;
use crate::respond::{respond, Format, Table};

/// One indicator × group × country × year.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AvailabilityRow {
    pub indicator: String,
    pub criterion: String,
    pub group: String,
    pub country: String,
    pub time: String,
    /// NUTS 2 regions with a cell in the table.
    pub regions: usize,
    pub published: usize,
    pub low_reliability: usize,
    pub not_published: usize,
    /// False when the values come from a secondary source that does not carry Eurostat's flags
    /// (source "Eurostat, via ..."): then "published" includes values Eurostat flags `u`, and
    /// the low-reliability count is unknown, not zero.
    pub flags_carried: bool,
}

impl AvailabilityRow {
    fn share(&self, k: usize) -> f64 {
        100.0 * k as f64 / self.regions as f64
    }
}

/// Whether an observation is a NUTS 2 region's value in an official table.
fn regional(d: &PortalData, o: &Obs) -> bool {
    o.method == Method::Official
        && !o.stored.group.is_gap()
        && o.stored.geo.len() == 4
        && d.area(&o.stored.geo)
            .is_some_and(|a| a.kind == AreaKind::Region)
}

/// Every row, sorted by indicator, group, country and year. A region with several values for
/// one cell (two age bands) counts once, by its most favourable status.
pub fn rows(d: &PortalData) -> Vec<AvailabilityRow> {
    // (indicator, criterion, group, country, time) -> region -> status rank (0 best)
    type Key = (String, String, String, String, String);
    let mut cells: BTreeMap<Key, (BTreeMap<&str, u8>, bool)> = BTreeMap::new();
    for o in d.obs.iter().filter(|o| regional(d, o)) {
        let rank = match (o.status, o.stored.estimate) {
            (ObsStatus::Suppressed, _) | (_, None) => 2,
            (ObsStatus::LowReliability, _) => 1,
            _ => 0,
        };
        let key = (
            o.stored.indicator.clone(),
            o.stored.criterion.clone(),
            o.stored.group.to_string(),
            o.stored.geo[..2].to_string(),
            o.stored.time.clone(),
        );
        let (regions, flags) = cells.entry(key).or_insert((BTreeMap::new(), true));
        *flags &= !o.source.contains(", via ");
        let r = regions.entry(o.stored.geo.as_str()).or_insert(rank);
        *r = (*r).min(rank);
    }
    cells
        .into_iter()
        .map(
            |((indicator, criterion, group, country, time), (regions, flags_carried))| {
                let count = |k: u8| regions.values().filter(|&&r| r == k).count();
                AvailabilityRow {
                    indicator,
                    criterion,
                    group,
                    country,
                    time,
                    regions: regions.len(),
                    published: count(0),
                    low_reliability: count(1),
                    not_published: count(2),
                    flags_carried,
                }
            },
        )
        .collect()
}

/// The selected indicator, group (criterion, code) and year.
#[derive(Debug, Clone, Serialize)]
pub struct Selection {
    pub indicator: String,
    pub criterion: String,
    pub group: String,
    pub year: String,
}

fn select(rows: &[AvailabilityRow], p: &Params) -> Option<Selection> {
    let mut combos: BTreeMap<(&str, &str, &str), usize> = BTreeMap::new();
    for r in rows {
        *combos
            .entry((&r.indicator, &r.criterion, &r.group))
            .or_default() += r.regions;
    }
    // the indicator and group asked for; else the indicator with its best-covered group; else
    // the best-covered combination (a group left over from another indicator is not an error)
    let best = |wanted: &dyn Fn(&(&str, &str, &str)) -> bool| {
        combos
            .iter()
            .filter(|(k, _)| wanted(k))
            .max_by_key(|(k, n)| (k.2 == TargetGroup::For.code(), **n))
            .map(|(k, _)| *k)
    };
    let (ind, grp) = (p.get("indicator"), p.get("group"));
    let (indicator, criterion, group) =
        best(&|k| ind.is_none_or(|i| i == k.0) && grp.is_none_or(|g| g == k.2))
            .or_else(|| best(&|k| ind.is_none_or(|i| i == k.0)))
            .or_else(|| best(&|_| true))?;
    let years: BTreeSet<&str> = rows
        .iter()
        .filter(|r| r.indicator == indicator && r.group == group && r.criterion == criterion)
        .map(|r| r.time.as_str())
        .collect();
    let year = p
        .get("year")
        .filter(|y| years.contains(y))
        .or_else(|| years.iter().next_back().copied())?;
    Some(Selection {
        indicator: indicator.into(),
        criterion: criterion.into(),
        group: group.into(),
        year: year.into(),
    })
}

#[derive(Serialize)]
struct View<'a> {
    selection: Option<Selection>,
    /// Every dataset the rows come from, with its vintage.
    datasets: Vec<&'a crate::data::DatasetView>,
    rows: Vec<AvailabilityRow>,
}

/// Renders `/availability` and its twins.
pub fn render(d: &PortalData, headers: &HeaderMap, format: Format, p: &Params) -> Response {
    let rows = rows(d);
    let selection = select(&rows, p);
    let used: BTreeSet<usize> = d
        .obs
        .iter()
        .filter(|o| regional(d, o))
        .map(|o| o.dataset)
        .collect();
    let view = View {
        selection,
        datasets: used.into_iter().map(|i| &d.datasets[i]).collect(),
        rows,
    };
    respond(
        headers,
        format,
        d.version,
        || html_page(d, &view, p),
        || &view,
        || table(&view.rows),
    )
}

fn table(rows: &[AvailabilityRow]) -> Table {
    let mut t = Table::new([
        "indicator",
        "criterion",
        "group",
        "country",
        "time",
        "regions",
        "published",
        "low_reliability",
        "not_published",
        "share_published",
        "share_low_reliability",
        "share_not_published",
        "flags_carried",
    ]);
    for r in rows {
        t.push(vec![
            r.indicator.clone(),
            r.criterion.clone(),
            r.group.clone(),
            r.country.clone(),
            r.time.clone(),
            r.regions.to_string(),
            r.published.to_string(),
            r.low_reliability.to_string(),
            r.not_published.to_string(),
            format!("{:.1}", r.share(r.published)),
            format!("{:.1}", r.share(r.low_reliability)),
            format!("{:.1}", r.share(r.not_published)),
            r.flags_carried.to_string(),
        ]);
    }
    t
}

fn percent() -> NumberFormat {
    NumberFormat::new(Unit::Percent)
}

/// Countries coloured by the share of their regions' values published (without flag).
fn map(d: &PortalData, s: &Selection, rows: &[&AvailabilityRow]) -> Markup {
    let Some(layer) = d.maps.countries.as_ref() else {
        return html! {};
    };
    let values: BTreeMap<String, Point> = rows
        .iter()
        .filter(|r| layer.feature(&r.country).is_some())
        .map(|r| {
            let p = Point::new(area_label(d, &r.country), r.share(r.published), None)
                .with_status(Status::Official);
            (r.country.clone(), p)
        })
        .collect();
    if values.is_empty() {
        return html! {};
    }
    let title = t_args(
        "availability-map-title",
        &[("year", s.year.as_str().into())],
    );
    figure(
        civis_chart::choropleth(
            layer,
            &values,
            &ChoroplethOptions {
                info: crate::charts::chart_info(
                    id("availability-map", &[&s.indicator, &s.group, &s.year]),
                    &title,
                ),
                format: percent(),
                breaks: Breaks::Given(vec![25.0, 50.0, 75.0]),
                href: None,
            },
        ),
        &title,
    )
}

/// The EU-wide shares (all countries' NUTS 2 regions together) over the years.
fn chart(all: &[&AvailabilityRow], s: &Selection) -> Markup {
    // counts, and whether every value of the year carries its flags
    let mut by_year: BTreeMap<&str, ([usize; 4], bool)> = BTreeMap::new();
    for r in all {
        let (e, flags) = by_year.entry(&r.time).or_insert(([0; 4], true));
        e[0] += r.regions;
        e[1] += r.published;
        e[2] += r.low_reliability;
        e[3] += r.not_published;
        *flags &= r.flags_carried;
    }
    let periods: Vec<String> = by_year.keys().map(|t| t.to_string()).collect();
    let series: Vec<Series> = [
        (1, "availability-published"),
        (2, "availability-low"),
        (3, "availability-not-published"),
    ]
    .into_iter()
    .map(|(k, name)| Series {
        name: t(name),
        points: by_year
            .iter()
            .map(|(t, (c, flags))| {
                if k == 2 && !flags {
                    // a source without flags: the share flagged is unknown, not zero
                    return Point::missing(*t);
                }
                Point::new(*t, 100.0 * c[k] as f64 / c[0] as f64, None)
                    .with_status(Status::Official)
            })
            .collect(),
        highlight: k == 3,
    })
    .collect();
    let title = t("availability-chart-title");
    figure(
        civis_chart::time_series(
            &series,
            &TimeSeriesOptions {
                info: crate::charts::chart_info(
                    id("availability-ts", &[&s.indicator, &s.group]),
                    &title,
                ),
                format: percent(),
                periods,
            },
        ),
        &title,
    )
}

fn html_page(d: &PortalData, v: &View<'_>, p: &Params) -> Markup {
    let query = p.query_string();
    page(
        &Page {
            title: &t("availability-title"),
            path: "/availability",
            query: &query,
            twins: true,
            synthetic: false,
        },
        html! {
            h1 { (t("availability-heading")) }
            p.lead { (t("availability-lead")) " "
                a href="/availability.csv" { "availability.csv" } ", " a href="/availability.json" { "availability.json" } "." }
            @match &v.selection {
                None => (crate::layout::empty(&t("availability-none"))),
                Some(s) => (selected(d, v, s)),
            }
            section aria-labelledby="availability-sources" {
                h2 #availability-sources { (t("availability-sources")) }
                ul { @for ds in &v.datasets { li { code { (ds.name) } ": " (ds.source) ", " (ds.vintage) } } }
            }
        },
    )
}

fn selected(d: &PortalData, v: &View<'_>, s: &Selection) -> Markup {
    let all: Vec<&AvailabilityRow> = v
        .rows
        .iter()
        .filter(|r| r.indicator == s.indicator && r.group == s.group && r.criterion == s.criterion)
        .collect();
    let year: Vec<&AvailabilityRow> = all.iter().copied().filter(|r| r.time == s.year).collect();
    let total: [usize; 4] = year.iter().fold([0; 4], |a, r| {
        [
            a[0] + r.regions,
            a[1] + r.published,
            a[2] + r.low_reliability,
            a[3] + r.not_published,
        ]
    });
    let pct = |k: usize| crate::i18n::percent(100.0 * total[k] as f64 / total[0].max(1) as f64, 1);
    let combos: BTreeSet<(&str, &str, &str)> = v
        .rows
        .iter()
        .map(|r| (r.indicator.as_str(), r.criterion.as_str(), r.group.as_str()))
        .collect();
    let years: BTreeSet<&str> = all.iter().map(|r| r.time.as_str()).collect();
    let name = d
        .indicator(&s.indicator)
        .map(|i| indicator_name(&i.id, &i.name).into_owned())
        .unwrap_or_else(|| s.indicator.clone());
    let group = render::group_inline(&Group::parse(&s.group), &s.criterion);
    html! {
        form method="get" action=(href("/availability")) {
            label for="av-indicator" { (t("col-indicator")) " " }
            select #av-indicator name="indicator" {
                @for i in combos.iter().map(|c| c.0).collect::<BTreeSet<_>>() {
                    option value=(i) selected[i == s.indicator] { (d.indicator(i).map(|x| indicator_name(&x.id, &x.name).into_owned()).unwrap_or_else(|| i.to_string())) }
                }
            }
            " "
            label for="av-group" { (t("col-group")) " " }
            select #av-group name="group" {
                @for g in combos.iter().filter(|c| c.0 == s.indicator).map(|c| (c.2, c.1)).collect::<BTreeSet<_>>() {
                    option value=(g.0) selected[g.0 == s.group] { (render::group_label(&Group::parse(g.0), g.1)) }
                }
            }
            " "
            label for="av-year" { (t("filter-year")) " " }
            select #av-year name="year" {
                @for y in years.iter().rev() { option value=(y) selected[*y == s.year] { (y) } }
            }
            " " button type="submit" { (t("filter-show")) }
        }
        h2 { (name) ", " (group) ", " (s.year) }
        p { (t_args("availability-summary", &[("values", total[0].into()), ("published", pct(1).into()), ("low", pct(2).into()), ("not", pct(3).into())])) }
        @if year.iter().any(|r| !r.flags_carried) {
            p { (t_args("availability-no-flags", &[("year", s.year.as_str().into())])) }
        }
        (map(d, s, &year))
        (chart(&all, s))
        div.table-scroll role="region" aria-label=(t("availability-table")) tabindex="0" { table {
            caption { (t("availability-table-caption")) ", " (name) ", " (group) ", " (s.year) }
            thead { tr { th scope="col" { (t("col-country")) } th.num scope="col" { (t("availability-regions")) } th.num scope="col" { (t("availability-published")) } th.num scope="col" { (t("availability-low")) } th.num scope="col" { (t("availability-not-published")) } } }
            tbody {
                @for r in &year {
                    tr {
                        th scope="row" { a href=(href(&format!("/areas/{}", r.country))) { (area_label(d, &r.country)) } }
                        td.num { (r.regions) }
                        td.num { (crate::i18n::percent(r.share(r.published), 0)) }
                        td.num { (crate::i18n::percent(r.share(r.low_reliability), 0)) }
                        td.num { (crate::i18n::percent(r.share(r.not_published), 0)) }
                    }
                }
            }
        } }
    }
}
