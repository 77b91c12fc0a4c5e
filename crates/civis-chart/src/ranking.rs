//! Ranking: areas sorted by estimate as dots with 95 % whiskers, optional rank intervals and a
//! reference line (country or EU value).

use std::fmt::Write;

use crate::error::ChartError;
use crate::format::NumberFormat;
use crate::labels::{fill, Counted, Labels};
use crate::point::{all_official, all_official_words, check_finite, extent, Point, Symbols};
use crate::scale::{nice_ticks, Linear, Ticks};
use crate::svg::{text_width, truncate, Anchor, Chart, ChartInfo, Svg, TEXT};

/// A rank with the interval of plausible ranks (e.g. from a bootstrap), written
/// `rank 3 (2–6)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RankInterval {
    pub rank: u32,
    pub lower: u32,
    pub upper: u32,
}

impl RankInterval {
    /// `template` with `{rank}`, `{lower}` and `{upper}` filled: "rank 3 (2–6)".
    pub fn fill(&self, template: &str) -> String {
        fill(
            template,
            &[
                ("rank", &self.rank.to_string()),
                ("lower", &self.lower.to_string()),
                ("upper", &self.upper.to_string()),
            ],
        )
        .into_owned()
    }
}

/// One row of a ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct RankingRow {
    pub point: Point,
    pub rank: Option<RankInterval>,
}

impl From<Point> for RankingRow {
    fn from(point: Point) -> RankingRow {
        RankingRow { point, rank: None }
    }
}

/// A labelled vertical line, e.g. the national or EU value.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub label: String,
    pub value: f64,
}

/// How a ranking is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct RankingOptions {
    pub info: ChartInfo,
    pub format: NumberFormat,
    pub reference: Option<Reference>,
    /// Highest value first (true) or lowest first.
    pub descending: bool,
}

const WIDTH: f64 = 720.0;
const ROW: f64 = 26.0;
const TOP: f64 = 34.0;
const LABEL_CHARS: usize = 28;

/// Draws areas sorted by estimate (ties keep their input order); suppressed and missing rows
/// come last, in input order, with the text ":"/"suppressed" or "no data" in place of a dot.
pub fn ranking(rows: &[RankingRow], options: &RankingOptions) -> Result<Chart, ChartError> {
    check(rows, options)?;
    let options = &RankingOptions {
        format: options.format.speaking(&options.info.labels),
        ..options.clone()
    };
    let order = sorted(rows, options.descending);
    let l = Layout::new(&order, options);
    let symbols = Symbols::of(rows.iter().map(|r| &r.point));
    let height = l.bottom + if symbols.any() { 62.0 } else { 40.0 };
    let official = all_official(rows.iter().map(|r| &r.point));

    let mut svg = Svg::new();
    header(&mut svg, &l, order.is_empty(), options);
    let mut alt = alt_intro(rows.len(), options, official);
    for (i, row) in order.iter().enumerate() {
        let line = row_words(row, &options.format, &options.info.labels, official);
        let _ = write!(
            alt,
            "\n{}",
            if row.point.value().is_some() {
                format!("{}. {line}", i + 1)
            } else {
                line.clone()
            }
        );
        draw_row(&mut svg, &l, (i, row), options, &line);
    }
    if let Some(r) = &options.reference {
        reference_line(&mut svg, &l, r, &options.format);
    }
    if symbols.any() {
        svg.symbol_key(l.x0, l.bottom + 44.0, symbols, &options.info.labels);
    }
    Ok(Chart {
        svg: svg.finish(
            &options.info,
            "civis-ranking",
            (WIDTH, height),
            WIDTH,
            &alt,
            "img",
        ),
        alt_text: alt,
    })
}

/// Refuses a bad id and non-finite values.
fn check(rows: &[RankingRow], options: &RankingOptions) -> Result<(), ChartError> {
    options.info.check()?;
    for r in rows {
        r.point.check()?;
    }
    if let Some(r) = &options.reference {
        check_finite(&r.label, "the reference value", Some(r.value))?;
    }
    Ok(())
}

/// The rows by estimate, highest or lowest first; rows without a value last, in input order.
fn sorted(rows: &[RankingRow], descending: bool) -> Vec<&RankingRow> {
    let mut order: Vec<&RankingRow> = rows.iter().collect();
    order.sort_by(|a, b| match (a.point.value(), b.point.value()) {
        (Some(x), Some(y)) if descending => y.total_cmp(&x),
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    order
}

/// Columns: label | plot | value + flag | rank; the value scale over values, intervals and the
/// reference line.
struct Layout {
    ticks: Ticks,
    scale: Linear,
    x0: f64,
    x1: f64,
    value_x: f64,
    rank_x: f64,
    has_rank: bool,
    bottom: f64,
}

impl Layout {
    fn new(order: &[&RankingRow], options: &RankingOptions) -> Layout {
        let f = &options.format;
        let label_w = order
            .iter()
            .map(|r| text_width(&truncate(&r.point.label, LABEL_CHARS), 12.0))
            .fold(60.0, f64::max)
            .min(200.0);
        let value_w = order
            .iter()
            .filter_map(|r| r.point.value())
            .map(|v| text_width(&f.value(v), 12.0))
            .fold(text_width(&options.info.labels.value, 12.0), f64::max)
            + 22.0;
        let has_rank = order.iter().any(|r| r.rank.is_some());
        let rank_w = if has_rank { 100.0 } else { 0.0 };
        let x0 = 8.0 + label_w + 16.0;
        let x1 = WIDTH - 10.0 - rank_w - value_w - 16.0;
        let value_x = x1 + 16.0;
        let (lo, hi) = extent(
            order.iter().map(|r| &r.point),
            options.reference.iter().map(|r| r.value),
        );
        let ticks = nice_ticks(lo, hi, 5);
        let scale = Linear::new(ticks.domain(), (x0, x1));
        Layout {
            ticks,
            scale,
            x0,
            x1,
            value_x,
            rank_x: value_x + value_w,
            has_rank,
            bottom: TOP + ROW * order.len().max(1) as f64,
        }
    }
}

/// The value axis, the column titles, and "no data" for an empty ranking.
fn header(svg: &mut Svg, l: &Layout, empty: bool, options: &RankingOptions) {
    let (f, labels) = (&options.format, &options.info.labels);
    svg.x_axis(
        &l.scale,
        &l.ticks,
        |v, d| f.value_with(v, d),
        TOP - 4.0,
        l.bottom,
    );
    svg.text(
        l.value_x,
        TOP - 10.0,
        Anchor::Start,
        "civis-label",
        TEXT,
        "font-weight=\"bold\"",
        &labels.value,
    );
    if l.has_rank {
        svg.text(
            l.rank_x,
            TOP - 10.0,
            Anchor::Start,
            "civis-label",
            TEXT,
            "font-weight=\"bold\"",
            &labels.rank_range,
        );
    }
    if empty {
        svg.text(
            l.x0,
            TOP + ROW / 2.0 + 4.0,
            Anchor::Start,
            "civis-no-data",
            TEXT,
            "",
            &labels.no_data,
        );
    }
}

/// The first sentences of the text alternative: how many areas, in which order and unit.
fn alt_intro(count: usize, options: &RankingOptions, official: bool) -> String {
    let (f, labels) = (&options.format, &options.info.labels);
    let intro = if options.descending {
        &labels.alt.ranking_intro_highest
    } else {
        &labels.alt.ranking_intro_lowest
    };
    let mut alt = fill(
        intro,
        &[
            ("title", &options.info.title),
            ("areas", &labels.count.of(Counted::Areas, count)),
            ("unit", f.unit_name()),
        ],
    )
    .into_owned();
    if let Some(r) = &options.reference {
        let line = fill(
            &labels.alt.reference_line,
            &[("label", &r.label), ("value", &f.value(r.value))],
        );
        let _ = write!(alt, " {line}");
    }
    if official {
        alt.push_str(&all_official_words(labels));
    }
    alt
}

/// A row in words: the area's value, then its rank interval.
fn row_words(row: &RankingRow, f: &NumberFormat, labels: &Labels, official: bool) -> String {
    let mut line = row.point.describe_with(f, labels, !official);
    if let Some(r) = row.rank {
        let _ = write!(line, ", {}", r.fill(&labels.alt.plausible_ranks));
    }
    line
}

/// Row `i`: focus band, label, dot with whisker and value, rank interval.
fn draw_row(
    svg: &mut Svg,
    l: &Layout,
    (i, row): (usize, &RankingRow),
    options: &RankingOptions,
    line: &str,
) {
    let (f, labels) = (&options.format, &options.info.labels);
    let p = &row.point;
    let y = TOP + ROW * i as f64 + ROW / 2.0;
    svg.open_row(p.highlight, line);
    if p.highlight {
        svg.rect(
            (4.0, y - ROW / 2.0 + 1.0),
            (WIDTH - 8.0, ROW - 2.0),
            "civis-focus",
            "#fbeadb",
            "none",
            "",
        );
    }
    let weight = if p.highlight {
        "font-weight=\"bold\""
    } else {
        ""
    };
    svg.text(
        l.x0 - 16.0,
        y + 4.0,
        Anchor::End,
        "civis-label",
        TEXT,
        weight,
        &truncate(&p.label, LABEL_CHARS),
    );
    svg.point_row(&l.scale, y, p, f, (l.x0, l.value_x), weight, labels);
    if let Some(r) = row.rank {
        svg.text(
            l.rank_x,
            y + 4.0,
            Anchor::Start,
            "civis-rank",
            TEXT,
            "",
            &r.fill(&labels.rank),
        );
    }
    svg.close_group();
}

/// The reference value as a dashed vertical line, labelled above the plot.
fn reference_line(svg: &mut Svg, l: &Layout, r: &Reference, f: &NumberFormat) {
    let x = l.scale.map(r.value);
    let dash = Some("5 3");
    svg.vertical(x, (TOP - 4.0, l.bottom), "civis-reference", TEXT, dash);
    let label = format!("{} {}", r.label, f.value(r.value));
    let w = text_width(&label, 11.0);
    let lx = x.clamp(l.x0 + w / 2.0, l.x1 - w / 2.0);
    svg.text(
        lx,
        TOP - 10.0,
        Anchor::Middle,
        "civis-reference",
        TEXT,
        "font-size=\"11\"",
        &label,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::point::Status;
    use civis_catalog::Unit;

    fn options() -> RankingOptions {
        RankingOptions {
            info: ChartInfo::new("r1", "Employment rate"),
            format: NumberFormat::new(Unit::Percent),
            reference: Some(Reference {
                label: "Austria".to_owned(),
                value: 55.0,
            }),
            descending: true,
        }
    }

    fn rows() -> Vec<RankingRow> {
        vec![
            Point::new("Bregenz", 50.0, Some((46.0, 54.0))).into(),
            RankingRow {
                point: Point::new("Wien", 61.2, Some((57.0, 65.4)))
                    .with_status(Status::LowReliability)
                    .highlighted(),
                rank: Some(RankInterval {
                    rank: 1,
                    lower: 1,
                    upper: 2,
                }),
            },
            // A suppressed cell that still carries an estimate must not leak it.
            Point::new("Rust", 12.3, Some((1.0, 23.4)))
                .with_status(Status::Suppressed)
                .into(),
            Point::new("Graz", 55.5, None)
                .with_status(Status::Official)
                .into(),
            Point::missing("Wels").into(),
        ]
    }

    fn plain(s: &str) -> String {
        s.replace('\u{a0}', " ")
    }

    #[test]
    fn areas_are_sorted_by_estimate_with_unpublished_rows_last() {
        let chart = ranking(&rows(), &options()).unwrap();
        let pos = |label: &str| chart.svg.find(&format!(">{label}</text>")).unwrap();
        assert!(pos("Wien") < pos("Graz"));
        assert!(pos("Graz") < pos("Bregenz"));
        assert!(pos("Bregenz") < pos("Rust"));
        assert!(pos("Rust") < pos("Wels"));
        let alt = plain(&chart.alt_text);
        assert!(alt.contains("\n1. Wien (focus area): 61.2 %"));
        assert!(alt.contains("\n2. Graz: 55.5 %"));
        assert!(alt.contains("\n3. Bregenz: 50.0 %"));
        let ascending = RankingOptions {
            descending: false,
            ..options()
        };
        let chart = ranking(&rows(), &ascending).unwrap();
        let pos = |label: &str| chart.svg.find(&format!(">{label}</text>")).unwrap();
        assert!(pos("Bregenz") < pos("Wien") && pos("Wien") < pos("Rust"));
    }

    #[test]
    fn suppressed_and_missing_rows_have_no_dot_and_no_number() {
        let chart = ranking(&rows(), &options()).unwrap();
        // One dot per publishable value: Wien, Graz, Bregenz.
        assert_eq!(
            chart.svg.matches("<circle class=\"civis-estimate").count(),
            3
        );
        for hidden in ["12.3", "23.4"] {
            assert!(!chart.svg.contains(hidden), "{hidden} leaked into the SVG");
            assert!(
                !chart.alt_text.contains(hidden),
                "{hidden} leaked into the alt text"
            );
        }
        let row = |label: &str| {
            let start = chart.svg.find(&format!("<title>{label}")).unwrap();
            let end = start + chart.svg[start..].find("</g>").unwrap();
            chart.svg[start..end].to_owned()
        };
        assert!(!row("Rust").contains("<circle") && !row("Rust").contains("<line"));
        assert!(row("Rust").contains(">suppressed</text>") && row("Rust").contains(">:</text>"));
        assert!(!row("Wels").contains("<circle") && row("Wels").contains(">no data</text>"));
        assert!(plain(&chart.alt_text).contains("\nRust: suppressed (:)"));
        assert!(plain(&chart.alt_text).contains("\nWels: no data"));
    }

    #[test]
    fn alt_text_states_every_value_interval_flag_and_rank() {
        let chart = ranking(&rows(), &options()).unwrap();
        let alt = plain(&chart.alt_text);
        assert!(alt.starts_with("Employment rate. 5 areas, highest first, in percent"));
        assert!(alt.contains(
            "Wien (focus area): 61.2 % (95 % CI 57.0 to 65.4), low reliability (u), rank 1 (plausible ranks 1 to 2)"
        ));
        assert!(alt.contains("Bregenz: 50.0 % (95 % CI 46.0 to 54.0)"));
        assert!(alt.contains("Graz: 55.5 %, official figure without confidence interval"));
        assert!(alt.contains("Reference line: Austria 55.0 %."));
        assert!(chart.svg.contains(">rank 1 (1–2)</text>"));
        assert!(chart.svg.contains("class=\"civis-reference\""));
        // The flag letter is drawn next to the low-reliability value.
        assert!(chart.svg.contains("class=\"civis-flag\""));
    }

    #[test]
    fn svg_is_an_accessible_image() {
        let chart = ranking(&rows(), &options()).unwrap();
        let svg = &chart.svg;
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 "));
        assert!(
            svg.contains("role=\"img\" aria-labelledby=\"r1-title\" aria-describedby=\"r1-desc\"")
        );
        assert!(svg.contains("<title id=\"r1-title\">Employment rate</title>"));
        assert!(svg.contains("<desc id=\"r1-desc\">Employment rate. 5 areas"));
        assert!(!svg.contains("<script") && !svg.contains("@font-face") && !svg.contains("href"));
    }

    #[test]
    fn labels_are_escaped() {
        let rows = vec![RankingRow::from(Point::new(
            "<script>alert(1)</script>",
            50.0,
            None,
        ))];
        let mut o = options();
        o.info.title = "A & <b>".to_owned();
        let chart = ranking(&rows, &o).unwrap();
        assert!(!chart.svg.contains("<script>"));
        assert!(!chart.svg.contains("<b>"));
        assert!(chart.svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(chart.svg.contains("A &amp; &lt;b&gt;"));
    }

    #[test]
    fn output_is_deterministic() {
        let a = ranking(&rows(), &options()).unwrap();
        let b = ranking(&rows(), &options()).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn invalid_input_is_an_error() {
        let mut o = options();
        o.info.id = "1 bad".to_owned();
        assert!(matches!(ranking(&rows(), &o), Err(ChartError::BadId(_))));
        let bad = vec![RankingRow::from(Point::new("x", f64::NAN, None))];
        assert!(matches!(
            ranking(&bad, &options()),
            Err(ChartError::NotFinite { .. })
        ));
    }

    #[test]
    fn empty_ranking_says_no_data() {
        let chart = ranking(&[], &options()).unwrap();
        assert!(chart.svg.contains(">no data</text>"));
    }
}
