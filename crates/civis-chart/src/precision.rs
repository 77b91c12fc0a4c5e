//! Precision: coefficient of variation against sample size per group, on a logarithmic n axis,
//! with the reliability thresholds of the publication rule as labelled lines.

use std::fmt::Write;

use crate::error::ChartError;
use crate::format::number;
use crate::point::check_finite;
use crate::scale::{log_ticks, nice_ticks, Linear, Log10};
use crate::svg::{
    text_width, truncate, Anchor, Chart, ChartInfo, Svg, AXIS, FOCUS, GRID, MARK, TEXT,
};

/// The precision of one group's estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct SampleCv {
    pub label: String,
    /// Unweighted sample size.
    pub n: u64,
    /// Coefficient of variation in percent; `None` when it cannot be computed.
    pub cv: Option<f64>,
    pub highlight: bool,
}

/// A reliability threshold on the CV, e.g. 16.5 % "flag u" and 33.3 % "suppressed" for the
/// EU-LFS style rule, or 20 % "low reliability".
#[derive(Debug, Clone, PartialEq)]
pub struct Threshold {
    /// CV in percent.
    pub cv: f64,
    /// What crossing it means, e.g. "flag u".
    pub label: String,
}

/// How the precision chart is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct PrecisionOptions {
    pub info: ChartInfo,
    pub thresholds: Vec<Threshold>,
}

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 380.0;
/// Up to this many groups every point is labelled; beyond it only the focus group.
const LABEL_ALL: usize = 10;

/// Draws one point per group at (n, CV); groups without a CV are listed in the alt text only.
pub fn cv_against_n(groups: &[SampleCv], options: &PrecisionOptions) -> Result<Chart, ChartError> {
    options.info.check()?;
    for g in groups {
        if g.n == 0 {
            return Err(ChartError::ZeroSample {
                label: g.label.clone(),
            });
        }
        check_finite(&g.label, "the CV", g.cv)?;
    }
    let mut thresholds = options.thresholds.clone();
    for t in &thresholds {
        check_finite(&t.label, "the threshold", Some(t.cv))?;
    }
    thresholds.sort_by(|a, b| a.cv.total_cmp(&b.cv));

    let n_lo = groups.iter().map(|g| g.n).min().unwrap_or(10) as f64;
    let n_hi = groups.iter().map(|g| g.n).max().unwrap_or(1000) as f64;
    let x_ticks = log_ticks(n_lo, n_hi);
    let cv_hi = groups
        .iter()
        .filter_map(|g| g.cv)
        .chain(thresholds.iter().map(|t| t.cv))
        .fold(1.0, f64::max);
    let y_ticks = nice_ticks(0.0, cv_hi * 1.05, 5);
    let (x0, x1, top, bottom) = (60.0, WIDTH - 130.0, 20.0, HEIGHT - 50.0);
    let x = Log10::new(x_ticks.domain(), (x0, x1));
    let y = Linear::new(y_ticks.domain(), (bottom, top));

    let mut svg = Svg::new();
    for &t in &y_ticks.values {
        let yy = y.map(t);
        svg.line((x0, yy), (x1, yy), "civis-grid", GRID, 1.0, None);
        svg.text(
            x0 - 6.0,
            yy + 4.0,
            Anchor::End,
            "civis-tick",
            TEXT,
            "font-size=\"11\"",
            &format!("{}\u{a0}%", number(t, y_ticks.decimals)),
        );
    }
    for &t in &x_ticks.values {
        let xx = x.map(t);
        svg.line((xx, top), (xx, bottom), "civis-grid", GRID, 1.0, None);
        svg.line(
            (xx, bottom),
            (xx, bottom + 4.0),
            "civis-axis",
            AXIS,
            1.0,
            None,
        );
        svg.text(
            xx,
            bottom + 17.0,
            Anchor::Middle,
            "civis-tick",
            TEXT,
            "font-size=\"11\"",
            &number(t, 0),
        );
    }
    svg.line((x0, bottom), (x1, bottom), "civis-axis", AXIS, 1.0, None);
    svg.line((x0, top), (x0, bottom), "civis-axis", AXIS, 1.0, None);
    svg.text(
        (x0 + x1) / 2.0,
        bottom + 36.0,
        Anchor::Middle,
        "civis-label",
        TEXT,
        "",
        "sample size n (logarithmic scale)",
    );
    svg.text(
        14.0,
        (top + bottom) / 2.0,
        Anchor::Middle,
        "civis-label",
        TEXT,
        &format!(
            "transform=\"rotate(-90 14 {})\"",
            crate::svg::num((top + bottom) / 2.0)
        ),
        "coefficient of variation",
    );
    for t in &thresholds {
        let yy = y.map(t.cv);
        svg.line(
            (x0, yy),
            (x1, yy),
            "civis-threshold",
            TEXT,
            1.5,
            Some("6 3"),
        );
        svg.text(
            x1 + 6.0,
            yy + 4.0,
            Anchor::Start,
            "civis-threshold",
            TEXT,
            "font-size=\"11\"",
            &format!("{}\u{a0}% {}", number(t.cv, 1), truncate(&t.label, 16)),
        );
    }

    let mut alt = format!(
        "{}. Coefficient of variation (CV, %) against unweighted sample size n for {} groups.",
        options.info.title,
        groups.len()
    );
    if !thresholds.is_empty() {
        let lines: Vec<String> = thresholds
            .iter()
            .map(|t| format!("{} % ({})", number(t.cv, 1), t.label))
            .collect();
        let _ = write!(alt, " Thresholds: {}.", lines.join(", "));
    }
    let label_all = groups.len() <= LABEL_ALL;
    // Focus last, on top.
    let mut order: Vec<&SampleCv> = groups.iter().collect();
    order.sort_by_key(|g| g.highlight);
    for g in groups {
        let focus = if g.highlight { " (focus)" } else { "" };
        let _ = write!(alt, "\n{}{focus}: n = {}, ", g.label, number(g.n as f64, 0));
        match g.cv {
            Some(cv) => {
                let _ = write!(alt, "CV {} %", number(cv, 1));
                match thresholds.iter().rev().find(|t| cv >= t.cv) {
                    Some(t) => {
                        let _ = write!(alt, ", at or above {} % ({})", number(t.cv, 1), t.label);
                    }
                    None if !thresholds.is_empty() => alt.push_str(", below all thresholds"),
                    None => {}
                }
            }
            None => alt.push_str("CV not available"),
        }
    }
    for g in order {
        let Some(cv) = g.cv else { continue };
        let at = (x.map(g.n as f64), y.map(cv));
        let colour = if g.highlight { FOCUS } else { MARK };
        svg.open_group(
            if g.highlight {
                "civis-row civis-focus"
            } else {
                "civis-row"
            },
            &format!(
                "{}: n = {}, CV {} %",
                g.label,
                number(g.n as f64, 0),
                number(cv, 1)
            ),
        );
        svg.circle(
            at,
            if g.highlight { 5.5 } else { 4.5 },
            "civis-estimate",
            colour,
            "#fff",
        );
        if label_all || g.highlight {
            let label = truncate(&g.label, 20);
            let right = at.0 + 8.0 + text_width(&label, 11.0) < x1;
            let (lx, anchor) = if right {
                (at.0 + 8.0, Anchor::Start)
            } else {
                (at.0 - 8.0, Anchor::End)
            };
            let weight = if g.highlight {
                " font-weight=\"bold\""
            } else {
                ""
            };
            svg.text(
                lx,
                at.1 + 4.0,
                anchor,
                "civis-label",
                TEXT,
                &format!("font-size=\"11\"{weight}"),
                &label,
            );
        }
        svg.close_group();
    }
    Ok(Chart {
        svg: svg.finish(
            &options.info,
            "civis-precision",
            (WIDTH, HEIGHT),
            &alt,
            "img",
        ),
        alt_text: alt,
    })
}
