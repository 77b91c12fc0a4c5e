//! The area profile as a PDF document: `/areas/{geo}/report.pdf` (`?lang=fr` for French) and
//! `civis report GEO --out FILE.pdf`.
//!
//! The report is built from the same view as the HTML page ([`AreaView`]) and writes every
//! number the way the page does ([`crate::render`]), rewritten for the reader's locale
//! ([`Lang::number`]): each indicator with its value, 95 % interval, sample size, marks
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
use crate::pages::area::{AreaView, Gap, GroupRow, IndicatorBlock};
use crate::pages::Params;
use crate::render;
use crate::respond::{message_page, not_found_page};
use crate::AppState;

pub use words::{Lang, Words};

/// Why no report could be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("there is no area with the code '{0}' in the database")]
    UnknownArea(String),
    #[error(transparent)]
    Pdf(#[from] civis_report::ReportError),
}

/// `GET /areas/{geo}/report.pdf[?lang=fr]`.
pub async fn report(
    State(state): State<AppState>,
    Path(geo): Path<String>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
) -> Response {
    let params = Params::parse(q.as_deref());
    let lang = match params.get("lang").map(Lang::parse) {
        // the page's language (`/fr/areas/.../report.pdf`)
        None => Lang::for_page(crate::i18n::lang()),
        Some(Some(l)) => l,
        Some(None) => {
            return message_page(
                StatusCode::NOT_FOUND,
                "Not found",
                "The report is offered in English (lang=en) and French (lang=fr).",
            )
        }
    };
    let d = &state.data;
    match area_report(d, &geo, lang) {
        Ok(pdf) => crate::respond::with_cache(&headers, d.version, pdf, "application/pdf", None),
        Err(ReportError::UnknownArea(_)) => not_found_page(),
        Err(e) => crate::respond::error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

/// The profile of `geo` as PDF bytes.
pub fn area_report(d: &PortalData, geo: &str, lang: Lang) -> Result<Vec<u8>, ReportError> {
    let area = d
        .area(geo)
        .ok_or_else(|| ReportError::UnknownArea(geo.to_string()))?;
    let view = AreaView::build(d, area);
    Ok(civis_report::render_pdf(&document(d, &view, lang))?)
}

/// The report of an area page as a document.
pub fn document(d: &PortalData, v: &AreaView<'_>, lang: Lang) -> Document {
    let w = lang.words();
    let a = v.area;
    let mut blocks = vec![Block::Title(format!(
        "{} {} ({})",
        w.report_of, a.name, a.code
    ))];
    blocks.push(Block::Paragraph(if v.comparators.is_empty() {
        w.compared_with_nothing.to_string()
    } else {
        let names: Vec<&str> = v.comparators.iter().map(|c| c.name.as_str()).collect();
        format!(
            "{} {}.",
            w.compared_with,
            names.join(&format!(" {} ", w.and))
        )
    }));
    if v.synthetic {
        blocks.push(Block::Note(w.synthetic_note.to_string()));
    }
    blocks.push(Block::Heading(w.legend.to_string()));
    blocks.push(Block::Bullets(
        w.legend_items.iter().map(|s| s.to_string()).collect(),
    ));
    if let Some(c) = &v.city {
        blocks.extend(sections::city(d, a, c, lang));
    }
    if v.indicators.is_empty() {
        blocks.push(Block::Paragraph(w.no_values.to_string()));
    }
    for b in &v.indicators {
        blocks.extend(indicator_blocks(d, v, b, lang));
    }
    blocks.extend(sections::precision(d, v, lang));
    blocks.extend(sections::peers(d, v, lang));
    blocks.extend(sections::sources(d, v, lang));
    blocks.extend(sections::citation(d, v, lang));
    Document {
        title: format!("{} {} ({})", w.report_of, a.name, a.code),
        language: lang.code().to_string(),
        footer: format!("{} · {} ({})", w.footer, a.name, a.code),
        blocks,
    }
}

/// An observation's value in words: the number, or what stands in its place.
fn value_text(o: &Obs, lang: Lang) -> String {
    let w = lang.words();
    match (o.status, o.estimate) {
        (Status::Suppressed, _) => w.suppressed.to_string(),
        (_, None) => w.not_available.to_string(),
        (_, Some(x)) => lang.number(&render::value(x, &o.unit)),
    }
}

/// The marks after a value, as the page's badges write them: `u`, `c`, `M 62 %`, `E`,
/// synthetic, and other Eurostat flags.
fn marks(o: &Obs, lang: Lang) -> String {
    let mut out: Vec<String> = Vec::new();
    match o.status {
        Status::LowReliability => out.push("u".into()),
        Status::Suppressed => out.push("c".into()),
        Status::ModelBased { model_share } => out.push(match model_share {
            Some(m) => lang.number(&format!("M {:.0} %", 100.0 * m)),
            None => "M".into(),
        }),
        Status::Official => out.push("E".into()),
        _ => {}
    }
    if o.synthetic {
        out.push(lang.words().synthetic.to_string());
    }
    out.extend(
        o.flags
            .chars()
            .filter(|c| c.is_ascii_lowercase() && *c != 'u' && *c != 'c')
            .map(String::from),
    );
    out.join(" ")
}

/// Value and marks, in one cell.
fn value_with_marks(o: &Obs, lang: Lang) -> String {
    let m = marks(o, lang);
    if m.is_empty() {
        value_text(o, lang)
    } else {
        format!("{} {m}", value_text(o, lang))
    }
}

/// The page's interval text (`57.0 % – 65.4 %`, or an em dash), in the locale.
fn interval_text(o: &Obs, lang: Lang) -> String {
    lang.number(&render::interval(o))
}

fn indicator_heading(d: &PortalData, b: &IndicatorBlock<'_>, lang: Lang) -> String {
    let mut h = format!("{}, {}", b.indicator.name, b.time);
    if let Some(age) = b.rows.first().and_then(|r| d.age_note(r.value)) {
        h.push_str(&format!(
            ", {} {}",
            lang.words().ages,
            crate::pages::indicator::age_label(age)
        ));
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
    let w = lang.words();
    let mut out = vec![Block::Subheading(indicator_heading(d, b, lang))];
    if !b.indicator.definition.is_empty() {
        out.push(Block::Note(format!(
            "{}: {}",
            w.definition, b.indicator.definition
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
            Column::new(w.group, Align::Left, 2.2),
            Column::new(v.area.name.clone(), Align::Right, 2.0),
            Column::new(w.ci, Align::Right, 2.0),
            Column::new("n", Align::Right, 0.7),
        ];
        for &i in &shown {
            columns.push(Column::new(
                v.comparators[i].name.clone(),
                Align::Right,
                1.5,
            ));
        }
        let rows = b
            .rows
            .iter()
            .map(|r| {
                let mut value = value_with_marks(r.value, lang);
                if let Some(dir) = r.direct {
                    let half = dir
                        .se
                        .map(|s| lang.number(&render::value(1.96 * s, &dir.unit)))
                        .unwrap_or_default();
                    value.push_str(&format!(
                        "\n{}: {} ± {half}",
                        w.direct,
                        value_text(dir, lang)
                    ));
                }
                let mut cells = vec![
                    row_label(r, lang),
                    value,
                    interval_text(r.value, lang),
                    r.value.n.map(|n| n.to_string()).unwrap_or_default(),
                ];
                for &i in &shown {
                    cells.push(match r.comparators[i] {
                        Some(o) => value_with_marks(o, lang),
                        None => "—".into(),
                    });
                }
                cells
            })
            .collect();
        out.push(Block::Table(Table { columns, rows }));
        if !b.comparators_without_value.is_empty() {
            let names: Vec<&str> = b
                .comparators_without_value
                .iter()
                .map(|c| d.area_name(c))
                .collect();
            out.push(Block::Note(format!(
                "{} {}.",
                w.no_comparator_value,
                names.join(&format!(" {} ", w.or))
            )));
        }
        out.extend(group_chart(b, lang));
    }
    if !b.gaps.is_empty() {
        out.push(Block::Paragraph(format!("{}:", w.gaps)));
        out.extend(gap_chart(b, lang));
        out.push(Block::Bullets(
            b.gaps.iter().map(|g| gap_line(b, g, lang)).collect(),
        ));
    }
    if !b.series.is_empty() {
        out.push(Block::Paragraph(format!("{}:", w.over_time)));
        out.push(series_table(b, lang));
    }
    out
}

/// A row's group in the report's language: the page's label in English; in another language
/// the label of the row's group under the criterion (birth or citizenship) the page's label
/// names.
fn row_label(r: &GroupRow<'_>, lang: Lang) -> String {
    if lang == Lang::En {
        return r.label.clone();
    }
    let criterion = if r.label == render::group_label(r.group, "birth") {
        "birth"
    } else {
        "citizenship"
    };
    lang.group_label(r.group, criterion)
}

/// A gap as the page's list writes it: label, value, interval, verdict, `u`.
fn gap_line(b: &IndicatorBlock<'_>, g: &Gap, lang: Lang) -> String {
    let w = lang.words();
    let unit = &b.indicator.unit;
    let reference = g
        .group
        .rsplit(['-', '/'])
        .next()
        .unwrap_or(g.group.as_str());
    let label = lang.group_label(&g.group, criterion_of(b));
    let value = match g.estimate {
        None if g.suppressed => w.suppressed.to_string(),
        None => w.not_available.to_string(),
        Some(x) if g.kind == "ratio" => format!(
            "{} {} {}",
            lang.number(&format!("{x:.1} %")),
            w.gap_of,
            lang.group_label(reference, "citizenship").to_lowercase()
        ),
        Some(x) => lang.number(&render::difference(x, unit)),
    };
    let mut s = format!("{label}: {value}");
    if let Some(ci) = g.interval_text(unit) {
        s.push_str(&format!(
            " ({} {})",
            w.ci,
            lang.number(&ci.replace(" to ", &format!(" {} ", w.to)))
        ));
    }
    if g.estimate.is_some() {
        let verdict = match (g.verdict, g.kind) {
            ("significant", "ratio") => w.significant_ratio,
            ("significant", _) => w.significant,
            ("not significant", "ratio") => w.not_significant_ratio,
            ("not significant", _) => w.not_significant,
            _ => w.not_tested,
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

/// The criterion (citizenship or birth) of an indicator block's values.
fn criterion_of<'a>(b: &'a IndicatorBlock<'_>) -> &'a str {
    b.rows
        .first()
        .map(|r| r.value.criterion.as_str())
        .unwrap_or("citizenship")
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
fn group_chart(b: &IndicatorBlock<'_>, lang: Lang) -> Option<Block> {
    let unit = &b.indicator.unit;
    let shown = |o: &Obs| o.status.shows_value() && o.estimate.is_some();
    let values = b.rows.iter().filter(|r| shown(r.value)).flat_map(|r| {
        let o = r.value;
        [o.estimate, o.ci_low, o.ci_high].into_iter().flatten()
    });
    let ticks = ticks(values, None, |x| lang.number(&render::value(x, unit)));
    if ticks.is_empty() {
        return None;
    }
    let rows = b
        .rows
        .iter()
        .map(|r| ChartRow {
            label: row_label(r, lang),
            estimate: r.value.estimate.filter(|_| shown(r.value)),
            interval: r.value.ci().filter(|_| shown(r.value)),
            mark: mark(r.value),
            value_text: value_with_marks(r.value, lang),
        })
        .collect();
    Some(Block::Chart(IntervalChart {
        ticks,
        reference: None,
        rows,
    }))
}

/// The gaps with their intervals against the value of "no gap".
fn gap_chart(b: &IndicatorBlock<'_>, lang: Lang) -> Option<Block> {
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
            lang.number(&format!("{x:.0} %"))
        } else {
            lang.number(&render::difference(x, unit))
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
            label: lang.group_label(&g.group, criterion_of(b)),
            estimate: g.estimate,
            interval: g.ci.filter(|_| g.estimate.is_some()),
            mark: if g.low_reliability {
                Mark::Hollow
            } else {
                Mark::Solid
            },
            value_text: match g.estimate {
                Some(x) if ratio => lang.number(&format!("{x:.1} %")),
                Some(x) => lang.number(&render::difference(x, unit)),
                None if g.suppressed => lang.words().suppressed.to_string(),
                None => lang.words().not_available.to_string(),
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
fn series_table(b: &IndicatorBlock<'_>, lang: Lang) -> Block {
    let w = lang.words();
    let mut by_time: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (i, (_, obs)) in b.series.iter().enumerate() {
        for o in obs {
            let row = by_time
                .entry(o.time.as_str())
                .or_insert_with(|| vec!["—".to_string(); b.series.len()]);
            let mut cell = value_with_marks(o, lang);
            if o.ci().is_some() && o.status.shows_value() {
                cell.push_str(&format!(" ({})", interval_text(o, lang)));
            }
            row[i] = cell;
        }
    }
    let mut columns = vec![Column::new(w.year, Align::Left, 0.8)];
    columns.extend(
        b.series
            .iter()
            .map(|(g, _)| Column::new(lang.group_label(g, criterion_of(b)), Align::Right, 2.0)),
    );
    let rows = by_time
        .into_iter()
        .map(|(t, cells)| std::iter::once(t.to_string()).chain(cells).collect())
        .collect();
    Block::Table(Table { columns, rows })
}
