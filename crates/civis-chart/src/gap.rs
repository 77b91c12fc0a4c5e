//! Gap: for one area, each migrant group next to the reference group (natives), and the gap
//! with its 95 % interval, marked significant or not.

use std::fmt::Write;

use crate::error::ChartError;
use crate::format::{is_zero, NumberFormat, MINUS};
use crate::labels::{fill, Counted, Labels};
use crate::point::{all_official, all_official_words, check_finite, extent, Point, Symbols};
use crate::scale::{nice_ticks, Linear, Ticks};
use crate::svg::{num, truncate, Anchor, Chart, ChartInfo, Svg, AXIS, MARK, TEXT};

/// A gap (group minus reference) with its 95 % interval, as estimated with the covariance of
/// the two groups in the same sample.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gap {
    pub estimate: f64,
    pub ci: (f64, f64),
}

impl Gap {
    /// Significant at the 95 % level: the interval excludes zero.
    pub fn significant(&self) -> bool {
        self.ci.0 > 0.0 || self.ci.1 < 0.0
    }
}

/// One compared group.
#[derive(Debug, Clone, PartialEq)]
pub struct GapGroup {
    pub group: Point,
    /// The gap to the reference; drawn only when both the group and the reference are
    /// publishable (a gap next to a suppressed value could reveal it).
    pub gap: Option<Gap>,
}

/// How a gap chart is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct GapOptions {
    pub info: ChartInfo,
    pub format: NumberFormat,
    /// The area all groups belong to, e.g. "Wien".
    pub area: String,
}

/// A bound of a gap's interval: signed, without unit (the unit follows the gap itself).
fn signed(v: f64, f: &NumberFormat) -> String {
    let n = f.number(v, f.decimals);
    if n.starts_with(MINUS) || v == 0.0 || is_zero(&n) {
        n
    } else {
        format!("+{n}")
    }
}

const WIDTH: f64 = 760.0;
const ROW: f64 = 38.0;
const TOP: f64 = 40.0;

/// Draws the reference group (first row) and each group, levels on the left, gaps on the right.
pub fn gap(
    reference: &Point,
    groups: &[GapGroup],
    options: &GapOptions,
) -> Result<Chart, ChartError> {
    check(reference, groups, options)?;
    let options = &GapOptions {
        format: options.format.speaking(&options.info.labels),
        ..options.clone()
    };
    let f = &options.format;
    let layout = Layout::new(reference, groups);
    let all = || std::iter::once(reference).chain(groups.iter().map(|g| &g.group));
    let symbols = Symbols::of(all());
    let official = all_official(all());

    let mut svg = Svg::new();
    let labels = &options.info.labels;
    axes(&mut svg, &layout, reference, f, labels);
    let mut alt = alt_intro(reference, groups, options, official);
    for (i, (p, g)) in std::iter::once((reference, None))
        .chain(groups.iter().map(|g| (&g.group, Some(g))))
        .enumerate()
    {
        let shown = g.map(|g| shown_gap(reference, g));
        let line = row_words(p, shown, f, labels, official);
        let _ = write!(alt, "\n{line}");
        row(&mut svg, &layout, (i, p, shown), f, &line, labels);
    }
    let mut height = layout.bottom + 40.0;
    if symbols.any() {
        svg.symbol_key(170.0, layout.bottom + 44.0, symbols, &options.info.labels);
        height += 22.0;
    }
    Ok(Chart {
        svg: svg.finish(
            &options.info,
            "civis-gap",
            (WIDTH, height),
            WIDTH,
            &alt,
            "img",
        ),
        alt_text: alt,
    })
}

/// Refuses what cannot be drawn honestly: a bad id, non-finite values, reversed intervals.
fn check(reference: &Point, groups: &[GapGroup], options: &GapOptions) -> Result<(), ChartError> {
    options.info.check()?;
    reference.check()?;
    for g in groups {
        g.group.check()?;
        if let Some(d) = &g.gap {
            let label = &g.group.label;
            check_finite(label, "the gap", Some(d.estimate))?;
            check_finite(label, "the gap's lower bound", Some(d.ci.0))?;
            check_finite(label, "the gap's upper bound", Some(d.ci.1))?;
            if d.ci.0 > d.ci.1 {
                return Err(ChartError::ReversedInterval {
                    label: label.clone(),
                    lower: d.ci.0,
                    upper: d.ci.1,
                });
            }
        }
    }
    Ok(())
}

/// A group's gap when it may be drawn: both the group and the reference are publishable.
fn shown_gap(reference: &Point, g: &GapGroup) -> Option<Gap> {
    match (reference.value(), g.group.value()) {
        (Some(_), Some(_)) => g.gap,
        _ => None,
    }
}

/// Where things go: the level axis over all drawn values and intervals, the gap axis over all
/// gaps and zero, one row per group under the axes.
struct Layout {
    level_ticks: Ticks,
    gap_ticks: Ticks,
    level: Linear,
    gaps: Linear,
    bottom: f64,
}

impl Layout {
    fn new(reference: &Point, groups: &[GapGroup]) -> Layout {
        let (lo, hi) = extent(
            std::iter::once(reference).chain(groups.iter().map(|g| &g.group)),
            [],
        );
        let (mut glo, mut ghi) = (0.0f64, 0.0f64);
        for d in groups.iter().filter_map(|g| shown_gap(reference, g)) {
            glo = glo.min(d.ci.0.min(d.estimate));
            ghi = ghi.max(d.ci.1.max(d.estimate));
        }
        let level_ticks = nice_ticks(lo, hi, 4);
        let gap_ticks = nice_ticks(glo, ghi, 4);
        let level = Linear::new(level_ticks.domain(), (170.0, 380.0));
        let gaps = Linear::new(gap_ticks.domain(), (462.0, 618.0));
        let rows = groups.len() + 1;
        Layout {
            level_ticks,
            gap_ticks,
            level,
            gaps,
            bottom: TOP + ROW * rows as f64,
        }
    }
}

const BOLD: &str = "font-weight=\"bold\"";
const VALUE_X: f64 = 388.0;
const GAP_TEXT_X: f64 = 630.0;

/// The two axis titles, the level and gap axes and the zero line.
fn axes(svg: &mut Svg, l: &Layout, reference: &Point, f: &NumberFormat, labels: &Labels) {
    svg.text(
        280.0,
        16.0,
        Anchor::Middle,
        "civis-label",
        TEXT,
        BOLD,
        &labels.level,
    );
    svg.text(
        540.0,
        16.0,
        Anchor::Middle,
        "civis-label",
        TEXT,
        BOLD,
        &fill(
            &labels.gap_to,
            &[("reference", &truncate(&reference.label, 24))],
        ),
    );
    svg.x_axis(
        &l.level,
        &l.level_ticks,
        |v, d| f.value_with(v, d),
        TOP - 8.0,
        l.bottom,
    );
    svg.x_axis(
        &l.gaps,
        &l.gap_ticks,
        |v, d| f.number(v, d),
        TOP - 8.0,
        l.bottom,
    );
    let zero = l.gaps.map(0.0);
    svg.vertical(zero, (TOP - 8.0, l.bottom), "civis-zero", AXIS, None);
}

/// The first sentences of the text alternative: what is compared, in which unit.
fn alt_intro(
    reference: &Point,
    groups: &[GapGroup],
    options: &GapOptions,
    official: bool,
) -> String {
    let (f, labels) = (&options.format, &options.info.labels);
    let mut alt = fill(
        &labels.alt.gap_intro,
        &[
            ("title", &options.info.title),
            ("area", &options.area),
            ("groups", &labels.count.of(Counted::Groups, groups.len())),
            ("reference", &reference.label),
            ("unit", f.unit_name()),
            ("difference_unit", f.difference_name()),
        ],
    )
    .into_owned();
    if official {
        alt.push_str(&all_official_words(labels));
    }
    alt
}

/// A row in words: the group's value, then its gap (`shown` is `None` for the reference row,
/// `Some(None)` for a gap that cannot be shown).
fn row_words(
    p: &Point,
    shown: Option<Option<Gap>>,
    f: &NumberFormat,
    labels: &Labels,
    official: bool,
) -> String {
    let mut line = if shown.is_none() {
        fill(
            &labels.alt.reference_row,
            &[
                ("label", &p.label),
                ("value", &p.describe_value_with(f, labels, !official)),
            ],
        )
        .into_owned()
    } else {
        p.describe_with(f, labels, !official)
    };
    let gap_words = shown.map(|shown| match shown {
        Some(d) => fill(
            &labels.alt.gap,
            &[
                ("gap", &f.difference(d.estimate)),
                ("lower", &signed(d.ci.0, f)),
                ("upper", &signed(d.ci.1, f)),
                (
                    "significance",
                    if d.significant() {
                        &labels.significant
                    } else {
                        &labels.not_significant
                    },
                ),
            ],
        )
        .into_owned(),
        None => labels.gap_not_available.clone(),
    });
    if let Some(w) = &gap_words {
        let _ = write!(line, ", {w}");
    }
    line
}

/// Row `i`: its grid line, label, level with interval, and its gap (or the words in its place).
fn row(
    svg: &mut Svg,
    l: &Layout,
    (i, p, shown): (usize, &Point, Option<Option<Gap>>),
    f: &NumberFormat,
    line: &str,
    labels: &Labels,
) {
    let y = TOP + ROW * i as f64 + ROW / 2.0;
    svg.open_row(p.highlight, line);
    if i > 0 {
        svg.line(
            (8.0, y - ROW / 2.0),
            (WIDTH - 8.0, y - ROW / 2.0),
            "civis-grid",
            "#e3e3e3",
            1.0,
            None,
        );
    }
    let weight = if p.highlight || shown.is_none() {
        BOLD
    } else {
        ""
    };
    svg.text(
        158.0,
        y + 4.0,
        Anchor::End,
        "civis-label",
        TEXT,
        weight,
        &truncate(&p.label, 24),
    );
    svg.point_row(
        &l.level,
        y,
        p,
        f,
        (l.level.map(l.level_ticks.domain().0) + 4.0, VALUE_X),
        "",
        labels,
    );
    match shown {
        None => svg.text(
            GAP_TEXT_X,
            y + 4.0,
            Anchor::Start,
            "civis-label",
            TEXT,
            "font-style=\"italic\"",
            &labels.reference,
        ),
        Some(None) => svg.text(
            GAP_TEXT_X,
            y + 4.0,
            Anchor::Start,
            "civis-no-data",
            TEXT,
            "font-style=\"italic\"",
            &labels.gap_not_available,
        ),
        Some(Some(d)) => gap_marks(svg, l, y, &d, f, labels),
    }
    svg.close_group();
}

/// A gap drawn: its interval, a diamond (filled when significant), its value and verdict.
fn gap_marks(svg: &mut Svg, l: &Layout, y: f64, d: &Gap, f: &NumberFormat, labels: &Labels) {
    let (a, b) = (l.gaps.map(d.ci.0), l.gaps.map(d.ci.1));
    svg.line((a, y), (b, y), "civis-ci", MARK, 2.0, None);
    svg.line((a, y - 5.0), (a, y + 5.0), "civis-ci", MARK, 1.5, None);
    svg.line((b, y - 5.0), (b, y + 5.0), "civis-ci", MARK, 1.5, None);
    let (x, s) = (l.gaps.map(d.estimate), 5.5);
    let (class, fill) = if d.significant() {
        ("civis-estimate civis-significant", MARK)
    } else {
        ("civis-estimate civis-not-significant", "#fff")
    };
    svg.raw(&format!(
        "<path class=\"{class}\" d=\"M{} {}L{} {}L{} {}L{} {}Z\" fill=\"{fill}\" stroke=\"{MARK}\" stroke-width=\"1.5\"/>\n",
        num(x), num(y - s), num(x + s), num(y), num(x), num(y + s), num(x - s), num(y)
    ));
    svg.text(
        GAP_TEXT_X,
        y - 2.0,
        Anchor::Start,
        "civis-value",
        TEXT,
        BOLD,
        &f.difference(d.estimate),
    );
    let (class, words) = if d.significant() {
        ("civis-significant", &labels.significant)
    } else {
        ("civis-not-significant", &labels.not_significant)
    };
    svg.text(
        GAP_TEXT_X,
        y + 12.0,
        Anchor::Start,
        class,
        TEXT,
        "font-size=\"11\"",
        words,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::point::Status;
    use civis_catalog::Unit;

    fn options() -> GapOptions {
        GapOptions {
            info: ChartInfo::new("g1", "Employment rate by country of birth"),
            format: NumberFormat::new(Unit::Percent),
            area: "Wien".to_owned(),
        }
    }

    fn groups() -> Vec<GapGroup> {
        vec![
            GapGroup {
                group: Point::new("EU-born", 73.0, Some((69.8, 76.2))),
                gap: Some(Gap {
                    estimate: -1.1,
                    ci: (-4.5, 2.3),
                }),
            },
            GapGroup {
                group: Point::new("Non-EU-born", 58.2, Some((55.6, 60.8))),
                gap: Some(Gap {
                    estimate: -15.9,
                    ci: (-18.7, -13.1),
                }),
            },
            GapGroup {
                group: Point::new("<script>x</script>", 41.7, Some((20.9, 62.5)))
                    .with_status(Status::Suppressed),
                gap: Some(Gap {
                    estimate: -32.4,
                    ci: (-53.3, -11.6),
                }),
            },
        ]
    }

    fn natives() -> Point {
        Point::new("Native-born", 74.1, Some((72.9, 75.3)))
    }

    fn plain(s: &str) -> String {
        s.replace('\u{a0}', " ").replace('\u{2212}', "-")
    }

    #[test]
    fn significance_follows_the_interval() {
        assert!(!Gap {
            estimate: -1.1,
            ci: (-4.5, 2.3)
        }
        .significant());
        assert!(Gap {
            estimate: -15.9,
            ci: (-18.7, -13.1)
        }
        .significant());
        assert!(Gap {
            estimate: 3.0,
            ci: (0.5, 5.5)
        }
        .significant());
    }

    #[test]
    fn each_gap_is_marked_significant_or_not() {
        let chart = gap(&natives(), &groups(), &options()).unwrap();
        let alt = plain(&chart.alt_text);
        assert!(alt.contains("Native-born (reference): 74.1 % (95 % CI 72.9 to 75.3)"));
        assert!(alt.contains(
            "EU-born: 73.0 % (95 % CI 69.8 to 76.2), gap -1.1 pp (95 % CI -4.5 to +2.3), not significant"
        ));
        assert!(alt.contains(
            "Non-EU-born: 58.2 % (95 % CI 55.6 to 60.8), gap -15.9 pp (95 % CI -18.7 to -13.1), significant at 95 %"
        ));
        assert_eq!(chart.svg.matches(">significant at 95 %</text>").count(), 1);
        assert_eq!(chart.svg.matches(">not significant</text>").count(), 1);
        assert_eq!(
            chart
                .svg
                .matches("civis-estimate civis-significant")
                .count(),
            1
        );
        assert_eq!(
            chart
                .svg
                .matches("civis-estimate civis-not-significant")
                .count(),
            1
        );
    }

    #[test]
    fn a_suppressed_group_shows_neither_its_value_nor_its_gap() {
        let chart = gap(&natives(), &groups(), &options()).unwrap();
        for hidden in ["41.7", "20.9", "62.5", "32.4", "53.3", "11.6"] {
            assert!(!chart.svg.contains(hidden), "{hidden} leaked into the SVG");
            assert!(
                !chart.alt_text.contains(hidden),
                "{hidden} leaked into the alt text"
            );
        }
        // Dots for the reference and the two publishable groups only.
        assert_eq!(
            chart.svg.matches("<circle class=\"civis-estimate").count(),
            3
        );
        assert!(plain(&chart.alt_text)
            .contains("<script>x</script>: suppressed (:), gap not available"));
        assert!(!chart.svg.contains("<script>"));
        assert!(chart.svg.contains("&lt;script&gt;x&lt;/script&gt;"));
        assert!(chart.svg.contains(">: </text>") || chart.svg.contains(">:</text>"));
    }

    #[test]
    fn a_suppressed_reference_hides_every_gap() {
        let chart = gap(
            &Point::suppressed("Native-born"),
            &groups()[..2],
            &options(),
        )
        .unwrap();
        assert!(!chart.svg.contains("significant at 95 %</text>"));
        assert!(!chart.svg.contains("not significant</text>"));
        assert!(!chart.svg.contains("civis-significant"));
        assert_eq!(
            plain(&chart.alt_text).matches("gap not available").count(),
            2
        );
    }

    #[test]
    fn reversed_gap_interval_is_an_error() {
        let mut g = groups();
        g[0].gap = Some(Gap {
            estimate: 1.0,
            ci: (2.0, 0.0),
        });
        assert!(matches!(
            gap(&natives(), &g, &options()),
            Err(ChartError::ReversedInterval { .. })
        ));
    }
}
