//! Gap: for one area, each migrant group next to the reference group (natives), and the gap
//! with its 95 % interval, marked significant or not.

use std::fmt::Write;

use crate::error::ChartError;
use crate::format::NumberFormat;
use crate::point::{check_finite, Point, Shown};
use crate::scale::{nice_ticks, Linear};
use crate::svg::{num, text_width, truncate, Anchor, Chart, ChartInfo, Svg, AXIS, MARK, TEXT};

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

const WIDTH: f64 = 760.0;
const ROW: f64 = 38.0;
const TOP: f64 = 40.0;

/// Draws the reference group (first row) and each group, levels on the left, gaps on the right.
pub fn gap(
    reference: &Point,
    groups: &[GapGroup],
    options: &GapOptions,
) -> Result<Chart, ChartError> {
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
    let f = &options.format;
    let shown_gap = |g: &GapGroup| match (reference.value(), g.group.value()) {
        (Some(_), Some(_)) => g.gap,
        _ => None,
    };

    // Level axis over all drawn values and intervals, gap axis over all gaps and zero.
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for p in std::iter::once(reference).chain(groups.iter().map(|g| &g.group)) {
        if let Shown::Value { estimate, ci } = p.shown() {
            let (a, b) = ci.unwrap_or((estimate, estimate));
            lo = lo.min(a.min(estimate));
            hi = hi.max(b.max(estimate));
        }
    }
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    let (mut glo, mut ghi) = (0.0f64, 0.0f64);
    for d in groups.iter().filter_map(shown_gap) {
        glo = glo.min(d.ci.0.min(d.estimate));
        ghi = ghi.max(d.ci.1.max(d.estimate));
    }
    let level_ticks = nice_ticks(lo, hi, 4);
    let gap_ticks = nice_ticks(glo, ghi, 3);
    let level = Linear::new(level_ticks.domain(), (170.0, 390.0));
    let gaps = Linear::new(gap_ticks.domain(), (488.0, 610.0));
    let value_x = 398.0;
    let gap_text_x = 622.0;
    let rows = groups.len() + 1;
    let bottom = TOP + ROW * rows as f64;

    let mut svg = Svg::new();
    let bold = "font-weight=\"bold\"";
    svg.text(
        280.0,
        16.0,
        Anchor::Middle,
        "civis-label",
        TEXT,
        bold,
        "level",
    );
    svg.text(
        549.0,
        16.0,
        Anchor::Middle,
        "civis-label",
        TEXT,
        bold,
        &format!("gap to {}", truncate(&reference.label, 24)),
    );
    svg.x_axis(
        &level,
        &level_ticks,
        |v, d| f.value_with(v, d),
        TOP - 8.0,
        bottom,
    );
    svg.x_axis(
        &gaps,
        &gap_ticks,
        |v, d| crate::format::number(v, d),
        TOP - 8.0,
        bottom,
    );
    let zero = gaps.map(0.0);
    svg.line(
        (zero, TOP - 8.0),
        (zero, bottom),
        "civis-zero",
        AXIS,
        1.5,
        None,
    );

    let mut alt = format!(
        "{}. {}: {} group{} compared with {} (reference), in {}. Gaps are group minus reference in {}, with 95 % confidence intervals; a gap is significant at 95 % when its interval excludes zero.",
        options.info.title,
        options.area,
        groups.len(),
        if groups.len() == 1 { "" } else { "s" },
        reference.label,
        f.unit_name(),
        f.difference_name()
    );
    let _ = write!(
        alt,
        "\n{} (reference): {}",
        reference.label,
        reference.describe_value(f)
    );

    for (i, (p, g)) in std::iter::once((reference, None))
        .chain(groups.iter().map(|g| (&g.group, Some(g))))
        .enumerate()
    {
        let y = TOP + ROW * i as f64 + ROW / 2.0;
        let mut line = if g.is_none() {
            format!("{} (reference): {}", p.label, p.describe_value(f))
        } else {
            p.describe(f)
        };
        let gap_words = g.map(|g| match shown_gap(g) {
            Some(d) => format!(
                "gap {} (95 % CI {} to {}), {}",
                f.difference(d.estimate),
                f.difference(d.ci.0),
                f.difference(d.ci.1),
                if d.significant() {
                    "significant at 95 %"
                } else {
                    "not significant"
                }
            ),
            None => "gap not available".to_owned(),
        });
        if let Some(w) = &gap_words {
            let _ = write!(line, ", {w}");
            let _ = write!(alt, "\n{line}");
        }
        let class = if p.highlight {
            "civis-row civis-focus"
        } else {
            "civis-row"
        };
        svg.open_group(class, &line);
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
        let weight = if p.highlight || g.is_none() { bold } else { "" };
        svg.text(
            158.0,
            y + 4.0,
            Anchor::End,
            "civis-label",
            TEXT,
            weight,
            &truncate(&p.label, 24),
        );
        match p.shown() {
            Shown::Value { estimate, ci } => {
                svg.dot_whisker(&level, y, (estimate, ci), p.status, p.highlight);
                let text = f.value(estimate);
                svg.text(
                    value_x,
                    y + 4.0,
                    Anchor::Start,
                    "civis-value",
                    TEXT,
                    "",
                    &text,
                );
                svg.status_mark(value_x + text_width(&text, 12.0) + 3.0, y, p.status);
            }
            Shown::Suppressed => {
                svg.text(
                    level.map(level_ticks.domain().0) + 4.0,
                    y + 4.0,
                    Anchor::Start,
                    "civis-suppressed",
                    TEXT,
                    "font-style=\"italic\"",
                    "suppressed",
                );
                svg.text(
                    value_x,
                    y + 4.0,
                    Anchor::Start,
                    "civis-suppressed",
                    TEXT,
                    "",
                    ":",
                );
            }
            Shown::NoData => {
                svg.text(
                    level.map(level_ticks.domain().0) + 4.0,
                    y + 4.0,
                    Anchor::Start,
                    "civis-no-data",
                    TEXT,
                    "font-style=\"italic\"",
                    "no data",
                );
            }
        }
        match g.map(|g| shown_gap(g)) {
            None => {
                svg.text(
                    gap_text_x,
                    y + 4.0,
                    Anchor::Start,
                    "civis-label",
                    TEXT,
                    "font-style=\"italic\"",
                    "reference",
                );
            }
            Some(None) => {
                svg.text(
                    gap_text_x,
                    y + 4.0,
                    Anchor::Start,
                    "civis-no-data",
                    TEXT,
                    "font-style=\"italic\"",
                    "gap not available",
                );
            }
            Some(Some(d)) => {
                let (a, b) = (gaps.map(d.ci.0), gaps.map(d.ci.1));
                svg.line((a, y), (b, y), "civis-ci", MARK, 2.0, None);
                svg.line((a, y - 5.0), (a, y + 5.0), "civis-ci", MARK, 1.5, None);
                svg.line((b, y - 5.0), (b, y + 5.0), "civis-ci", MARK, 1.5, None);
                let (x, s) = (gaps.map(d.estimate), 5.5);
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
                    gap_text_x,
                    y - 2.0,
                    Anchor::Start,
                    "civis-value",
                    TEXT,
                    bold,
                    &f.difference(d.estimate),
                );
                let (class, words) = if d.significant() {
                    ("civis-significant", "significant at 95 %")
                } else {
                    ("civis-not-significant", "not significant")
                };
                svg.text(
                    gap_text_x,
                    y + 12.0,
                    Anchor::Start,
                    class,
                    TEXT,
                    "font-size=\"11\"",
                    words,
                );
            }
        }
        svg.close_group();
    }
    Ok(Chart {
        svg: svg.finish(
            &options.info,
            "civis-gap",
            (WIDTH, bottom + 40.0),
            &alt,
            "img",
        ),
        alt_text: alt,
    })
}
