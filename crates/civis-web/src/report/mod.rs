//! The area profile as a PDF document: `/areas/{geo}/report.pdf` in the page's language
//! (`/de/areas/{geo}/report.pdf`, or `?lang=de`) and `civis report GEO --out FILE.pdf --lang de`.
//!
//! The report is built from the same view as the HTML page ([`AreaView`]) and writes every
//! number and word the way the page does in the same language ([`crate::render`] and the
//! Fluent files, inside [`crate::i18n::with_lang`]): each indicator with its value, 95 % interval, sample size, marks
//! (`u`, suppressed, model-based `M`, official `E`, synthetic) and comparators, its gaps with
//! their verdict, its series over time, a dot-and-whisker chart of the groups and of the gaps,
//! its definition; then the precision report, the similar areas, the sources and a citation.
//! Typesetting is [`civis_report`]'s.

mod sections;
mod words;

use std::collections::BTreeMap;

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use civis_report::{Align, Block, ChartRow, Column, Document, IntervalChart, Mark, Table};

use crate::data::{Obs, PortalData, Status};
use crate::pages::area::{AreaView, Gap, IndicatorBlock};
use crate::pages::Params;
use crate::render;
use crate::respond::{message_page, not_found_page};
use crate::AppState;

use crate::i18n::{percent, t_args};
pub use words::{Lang, Words};

/// Why no report could be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("there is no area with the code '{0}' in the database")]
    UnknownArea(String),
    #[error(transparent)]
    Pdf(#[from] civis_report::ReportError),
}

/// `GET /areas/{geo}/report.pdf[?lang=de]` (the page's language without `lang`).
pub async fn report(
    State(state): State<AppState>,
    Path(geo): Path<String>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
) -> Response {
    let params = Params::parse(q.as_deref());
    let lang = match params.get("lang").map(parse_lang) {
        // the page's language (`/fr/areas/.../report.pdf`)
        None => crate::i18n::lang(),
        Some(Some(l)) => l,
        Some(None) => {
            let codes: Vec<String> = Lang::ALL.iter().map(|l| format!("lang={l}")).collect();
            return message_page(
                StatusCode::NOT_FOUND,
                "Not found",
                &format!("The report is offered in {}.", codes.join(", ")),
            );
        }
    };
    let d = &state.data;
    match area_report(d, &geo, lang) {
        Ok(pdf) => crate::respond::with_cache(&headers, d.version, pdf, "application/pdf", None),
        Err(ReportError::UnknownArea(_)) => not_found_page(),
        Err(e) => crate::respond::error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

/// The report's language of a code (`de`; exactly a portal language's code), `None` when the
/// portal does not speak it.
pub fn parse_lang(code: &str) -> Option<Lang> {
    Lang::ALL.into_iter().find(|l| l.code() == code)
}

/// The profile of `geo` as PDF bytes, in `lang`.
pub fn area_report(d: &PortalData, geo: &str, lang: Lang) -> Result<Vec<u8>, ReportError> {
    let area = d
        .area(geo)
        .ok_or_else(|| ReportError::UnknownArea(geo.to_string()))?;
    let doc = crate::i18n::with_lang(lang, || {
        let view = AreaView::build(d, area);
        document(d, &view, lang)
    });
    Ok(civis_report::render_pdf(&doc)?)
}

/// The report of an area page as a document, in `lang` (call it inside
/// [`crate::i18n::with_lang`]`(lang, ..)`, as [`area_report`] does, for the numbers).
pub fn document(d: &PortalData, v: &AreaView<'_>, lang: Lang) -> Document {
    let w = Words::of(lang);
    let a = v.area;
    let name = crate::i18n::place_name(a);
    let mut blocks = vec![Block::Title(format!("{} {name} ({})", w.report_of, a.code))];
    blocks.push(Block::Paragraph(if v.comparators.is_empty() {
        w.compared_with_nothing.clone()
    } else {
        let names: Vec<String> = v
            .comparators
            .iter()
            .map(|c| crate::i18n::place_name(c).into_owned())
            .collect();
        t_args(
            "area-compared-with",
            &[("areas", names.join(&w.and).into())],
        )
    }));
    if v.synthetic {
        blocks.push(Block::Note(w.synthetic_note.clone()));
    }
    blocks.push(Block::Heading(w.legend.clone()));
    blocks.push(Block::Bullets(w.legend_items.clone()));
    if let Some(c) = &v.city {
        blocks.extend(sections::city(d, a, c, lang));
    }
    if v.indicators.is_empty() {
        blocks.push(Block::Paragraph(w.no_values.clone()));
    }
    for b in &v.indicators {
        blocks.extend(indicator_blocks(d, v, b, lang));
    }
    blocks.extend(sections::precision(d, v, lang));
    blocks.extend(sections::peers(d, v, lang));
    blocks.extend(sections::sources(d, v, lang));
    blocks.extend(sections::citation(d, v, lang));
    Document {
        title: format!("{} {name} ({})", w.report_of, a.code),
        language: lang.code().to_string(),
        footer: format!("{} · {name} ({})", w.footer, a.code),
        blocks,
    }
}

/// An observation's value in words: the number, or what stands in its place.
fn value_text(o: &Obs) -> String {
    render::obs_value(o)
}

/// The marks after a value, as the page's badges write them: `u`, `c`, `M 62 %`, `E`,
/// synthetic, and other Eurostat flags.
fn marks(o: &Obs) -> String {
    let mut out: Vec<String> = Vec::new();
    match o.status {
        Status::LowReliability => out.push("u".into()),
        Status::Suppressed => out.push("c".into()),
        Status::ModelBased { model_share } => out.push(match model_share {
            Some(m) => format!("M {}", percent(100.0 * m, 0)),
            None => "M".into(),
        }),
        Status::Official => out.push("E".into()),
        _ => {}
    }
    if o.synthetic {
        out.push(crate::i18n::t("badge-synthetic"));
    }
    out.extend(
        o.stored
            .flags
            .chars()
            .filter(|c| c.is_ascii_lowercase() && *c != 'u' && *c != 'c')
            .map(String::from),
    );
    out.join(" ")
}

/// Value and marks, in one cell.
fn value_with_marks(o: &Obs) -> String {
    let m = marks(o);
    if m.is_empty() {
        value_text(o)
    } else {
        format!("{} {m}", value_text(o))
    }
}

/// The page's interval text (`57.0 % – 65.4 %`, or an em dash), in the locale.
fn interval_text(o: &Obs) -> String {
    render::interval(o)
}

fn indicator_heading(d: &PortalData, b: &IndicatorBlock<'_>) -> String {
    let name = crate::i18n::indicator_name(&b.indicator.id, &b.indicator.name);
    let mut h = format!("{name}, {}", b.time);
    if let Some(age) = b.rows.first().and_then(|r| d.age_note(r.value)) {
        let ages = crate::pages::indicator::age_label(age);
        h.push_str(&format!(", {}", t_args("ages", &[("ages", ages.into())])));
    }
    h
}

/// One indicator: heading, definition, the table by group with comparators, the charts, the
/// gaps and the series.
fn indicator_blocks(
    d: &PortalData,
    v: &AreaView<'_>,
    b: &IndicatorBlock<'_>,
    lang: Lang,
) -> Vec<Block> {
    let w = Words::of(lang);
    let mut out = vec![Block::Subheading(indicator_heading(d, b))];
    if !b.indicator.definition.is_empty() {
        out.push(Block::Note(format!(
            "{}: {}",
            w.definition,
            crate::i18n::indicator_definition(&b.indicator.id, &b.indicator.definition)
        )));
    }
    let shown: Vec<usize> = (0..v.comparators.len())
        .filter(|i| {
            !b.comparators_without_value
                .contains(&v.comparators[*i].code.as_str())
        })
        .collect();
    if !b.rows.is_empty() {
        let mut columns = vec![
            Column::new(&w.group, Align::Left, 2.2),
            Column::new(crate::i18n::place_name(v.area), Align::Right, 2.0),
            Column::new(&w.ci, Align::Right, 2.0),
            Column::new("n", Align::Right, 0.7),
        ];
        for &i in &shown {
            columns.push(Column::new(
                crate::i18n::place_name(v.comparators[i]),
                Align::Right,
                1.5,
            ));
        }
        let rows = b
            .rows
            .iter()
            .map(|r| {
                let mut value = value_with_marks(r.value);
                if let Some(dir) = r.direct {
                    let half = dir
                        .stored
                        .se
                        .map(|s| render::value(1.96 * s, &dir.stored.unit))
                        .unwrap_or_default();
                    value.push_str(&format!("\n{} {} ± {half}", w.direct, value_text(dir)));
                }
                let mut cells = vec![
                    r.label.clone(),
                    value,
                    interval_text(r.value),
                    r.value.stored.n.map(|n| n.to_string()).unwrap_or_default(),
                ];
                for &i in &shown {
                    cells.push(match r.comparators[i] {
                        Some(o) => value_with_marks(o),
                        None => "—".into(),
                    });
                }
                cells
            })
            .collect();
        out.push(Block::Table(Table { columns, rows }));
        if !b.comparators_without_value.is_empty() {
            let names: Vec<String> = b
                .comparators_without_value
                .iter()
                .map(|c| match d.area(c) {
                    Some(a) => crate::i18n::place_name(a).into_owned(),
                    None => c.to_string(),
                })
                .collect();
            out.push(Block::Note(t_args(
                "area-no-comparator-value",
                &[("areas", names.join(&w.or).into())],
            )));
        }
        out.extend(group_chart(b));
    }
    if !b.gaps.is_empty() {
        out.push(Block::Paragraph(format!("{}:", w.gaps)));
        out.extend(gap_chart(b, &w));
        out.push(Block::Bullets(
            b.gaps.iter().map(|g| gap_line(b, g, &w)).collect(),
        ));
    }
    if !b.series.is_empty() {
        out.push(Block::Paragraph(format!("{}:", w.over_time)));
        out.push(series_table(b, &w));
    }
    out
}

/// A gap as the page's list writes it: label, value, interval, verdict, `u`.
fn gap_line(b: &IndicatorBlock<'_>, g: &Gap, w: &Words) -> String {
    let unit = &b.indicator.unit;
    let value = g.value_text(unit, &crate::pages::area::reference_name(&g.group));
    let mut s = format!("{}: {value}", g.label);
    if let Some(ci) = g.interval_text(unit) {
        s.push_str(&format!(" ({} {ci})", w.ci));
    }
    if g.estimate.is_some() {
        let verdict = match (g.verdict, g.kind) {
            ("significant", "ratio") => &w.significant_ratio,
            ("significant", _) => &w.significant,
            ("not significant", "ratio") => &w.not_significant_ratio,
            ("not significant", _) => &w.not_significant,
            _ => &w.not_tested,
        };
        s.push_str(&format!(" — {verdict}"));
    } else if g.suppressed {
        s.push_str(&format!(" — {}", w.gap_suppressed));
    }
    if g.low_reliability {
        s.push_str(" u");
    }
    s
}

/// Round ticks covering every value and interval bound (and `extra`), labelled in the locale.
fn ticks(
    values: impl Iterator<Item = f64>,
    extra: Option<f64>,
    label: impl Fn(f64) -> String,
) -> Vec<(f64, String)> {
    let (lo, hi) = values
        .chain(extra)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
            (a.min(x), b.max(x))
        });
    if !lo.is_finite() {
        return Vec::new();
    }
    let t = civis_chart::scale::nice_ticks(lo, hi, 5);
    t.values.iter().map(|&x| (x, label(x))).collect()
}

fn mark(o: &Obs) -> Mark {
    if matches!(o.status, Status::LowReliability) {
        Mark::Hollow
    } else {
        Mark::Solid
    }
}

/// The area's groups with their intervals (the page's table as dots and whiskers).
fn group_chart(b: &IndicatorBlock<'_>) -> Option<Block> {
    let unit = &b.indicator.unit;
    let shown = |o: &Obs| o.status.shows_value() && o.stored.estimate.is_some();
    let values = b.rows.iter().filter(|r| shown(r.value)).flat_map(|r| {
        let o = r.value;
        [o.stored.estimate, o.stored.ci_low, o.stored.ci_high]
            .into_iter()
            .flatten()
    });
    let ticks = ticks(values, None, |x| render::value(x, unit));
    if ticks.is_empty() {
        return None;
    }
    let rows = b
        .rows
        .iter()
        .map(|r| ChartRow {
            label: r.label.clone(),
            estimate: r.value.stored.estimate.filter(|_| shown(r.value)),
            interval: r.value.ci().filter(|_| shown(r.value)),
            mark: mark(r.value),
            value_text: value_with_marks(r.value),
        })
        .collect();
    Some(Block::Chart(IntervalChart {
        ticks,
        reference: None,
        rows,
    }))
}

/// The gaps with their intervals against the value of "no gap".
fn gap_chart(b: &IndicatorBlock<'_>, w: &Words) -> Option<Block> {
    let unit = &b.indicator.unit;
    let null = b.gaps.first()?.null;
    let ratio = b.gaps.first()?.kind == "ratio";
    let values = b.gaps.iter().flat_map(|g| {
        [g.estimate, g.ci.map(|c| c.0), g.ci.map(|c| c.1)]
            .into_iter()
            .flatten()
    });
    let label = |x: f64| {
        if ratio {
            percent(x, 0)
        } else {
            render::difference(x, unit)
        }
    };
    let ticks = ticks(values, Some(null), label);
    if ticks.is_empty() || b.gaps.iter().all(|g| g.estimate.is_none()) {
        return None;
    }
    let rows = b
        .gaps
        .iter()
        .map(|g| ChartRow {
            label: g.label.clone(),
            estimate: g.estimate,
            interval: g.ci.filter(|_| g.estimate.is_some()),
            mark: if g.low_reliability {
                Mark::Hollow
            } else {
                Mark::Solid
            },
            value_text: match g.estimate {
                Some(x) if ratio => percent(x, 1),
                Some(x) => render::difference(x, unit),
                None if g.suppressed => w.suppressed.clone(),
                None => w.not_available.clone(),
            },
        })
        .collect();
    Some(Block::Chart(IntervalChart {
        ticks,
        reference: Some((null, label(null))),
        rows,
    }))
}

/// The series over time: a row per period, a column per group (the time-series chart's
/// numbers).
fn series_table(b: &IndicatorBlock<'_>, w: &Words) -> Block {
    let mut by_time: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (i, (_, obs)) in b.series.iter().enumerate() {
        for o in obs {
            let row = by_time
                .entry(o.stored.time.as_str())
                .or_insert_with(|| vec!["—".to_string(); b.series.len()]);
            let mut cell = value_with_marks(o);
            if o.ci().is_some() && o.status.shows_value() {
                cell.push_str(&format!(" ({})", interval_text(o)));
            }
            row[i] = cell;
        }
    }
    let mut columns = vec![Column::new(&w.year, Align::Left, 0.8)];
    // each line's own criterion (foreign citizens and the foreign-born are both `FOR`)
    columns.extend(b.series.iter().map(|(g, obs)| {
        let criterion = obs.first().map_or("", |o| o.stored.criterion.as_str());
        Column::new(render::group_label(g, criterion), Align::Right, 2.0)
    }));
    let rows = by_time
        .into_iter()
        .map(|(t, cells)| std::iter::once(t.to_string()).chain(cells).collect())
        .collect();
    Block::Table(Table { columns, rows })
}
