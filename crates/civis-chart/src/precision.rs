//! Precision: coefficient of variation against sample size per group, on a logarithmic n axis,
//! with the reliability thresholds of the publication rule as labelled lines.

use std::fmt::Write;

use crate::error::ChartError;
use crate::format::Numerals;
use crate::labels::{fill, Counted, Labels};
use crate::point::{check_finite, focus_words};
use crate::scale::{log_ticks, nice_ticks, Linear, Log10, Ticks};
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

/// Draws one point per group at (n, CV); groups without a CV are listed in the alt text only.
pub fn cv_against_n(groups: &[SampleCv], options: &PrecisionOptions) -> Result<Chart, ChartError> {
    let thresholds = check(groups, options)?;
    let fr = Frame::new(groups, &thresholds);
    let mut svg = Svg::new();
    let words = &options.info.labels;
    axes(&mut svg, &fr, words);
    threshold_lines(&mut svg, &fr, &thresholds, &words.numerals);
    let alt = alt_text(groups, &thresholds, options);
    // Focus last, on top.
    let mut order: Vec<&SampleCv> = groups.iter().collect();
    order.sort_by_key(|g| g.highlight);
    dots(&mut svg, &fr, &order, words);
    labels(&mut svg, &fr, groups, &order, &thresholds);
    Ok(Chart {
        svg: svg.finish(
            &options.info,
            "civis-precision",
            (WIDTH, HEIGHT),
            WIDTH,
            &alt,
            "img",
        ),
        alt_text: alt,
    })
}

/// Refuses a bad id, empty samples and non-finite CVs; returns the thresholds, lowest first.
fn check(groups: &[SampleCv], options: &PrecisionOptions) -> Result<Vec<Threshold>, ChartError> {
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
    Ok(thresholds)
}

/// The plotting area: n on a logarithmic x axis, the CV from zero on y.
struct Frame {
    x_ticks: Ticks,
    y_ticks: Ticks,
    x: Log10,
    y: Linear,
    x0: f64,
    x1: f64,
    top: f64,
    bottom: f64,
}

impl Frame {
    fn new(groups: &[SampleCv], thresholds: &[Threshold]) -> Frame {
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
        Frame {
            x_ticks,
            y_ticks,
            x,
            y,
            x0,
            x1,
            top,
            bottom,
        }
    }

    /// Where a group's dot goes.
    fn at(&self, n: u64, cv: f64) -> (f64, f64) {
        (self.x.map(n as f64), self.y.map(cv))
    }
}

/// The CV axis, the n axis with its grid, and both axis titles.
fn axes(svg: &mut Svg, fr: &Frame, labels: &Labels) {
    let (x0, x1, top, bottom) = (fr.x0, fr.x1, fr.top, fr.bottom);
    svg.y_axis(
        &fr.y,
        &fr.y_ticks,
        |v, d| labels.numerals.percent(v, d),
        (x0, x1),
    );
    for &t in &fr.x_ticks.values {
        let xx = fr.x.map(t);
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
            &labels.numerals.number(t, 0),
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
        &labels.sample_size_axis,
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
        &labels.cv_axis,
    );
}

/// Each threshold as a dashed line labelled on the right.
fn threshold_lines(svg: &mut Svg, fr: &Frame, thresholds: &[Threshold], numerals: &Numerals) {
    for t in thresholds {
        let yy = fr.y.map(t.cv);
        svg.line(
            (fr.x0, yy),
            (fr.x1, yy),
            "civis-threshold",
            TEXT,
            1.5,
            Some("6 3"),
        );
        svg.text(
            fr.x1 + 6.0,
            yy + 4.0,
            Anchor::Start,
            "civis-threshold",
            TEXT,
            "font-size=\"11\"",
            &format!("{} {}", numerals.percent(t.cv, 1), truncate(&t.label, 16)),
        );
    }
}

/// The text alternative: the thresholds, then each group's n, CV and the threshold it reaches.
fn alt_text(groups: &[SampleCv], thresholds: &[Threshold], options: &PrecisionOptions) -> String {
    let labels = &options.info.labels;
    let (w, numerals) = (&labels.alt, &labels.numerals);
    let mut alt = fill(
        &w.precision_intro,
        &[
            ("title", &options.info.title),
            ("groups", &labels.count.of(Counted::Groups, groups.len())),
        ],
    )
    .into_owned();
    let threshold = |t: &Threshold| (spaced_percent(numerals, t.cv), t.label.clone());
    if !thresholds.is_empty() {
        let lines: Vec<String> = thresholds
            .iter()
            .map(|t| {
                let (cv, label) = threshold(t);
                fill(&w.threshold, &[("cv", &cv), ("label", &label)]).into_owned()
            })
            .collect();
        let list = fill(&w.thresholds, &[("thresholds", &lines.join(", "))]);
        let _ = write!(alt, " {list}");
    }
    for g in groups {
        let focus = focus_words(g.highlight, &w.focus);
        let n = fill(&w.sample_size, &[("n", &numerals.number(g.n as f64, 0))]);
        let _ = write!(alt, "\n{}{focus}: {n}, ", g.label);
        match g.cv {
            Some(cv) => {
                let cv_words = fill(&w.cv, &[("cv", &spaced_percent(numerals, cv))]);
                alt.push_str(&cv_words);
                match thresholds.iter().rev().find(|t| cv >= t.cv) {
                    Some(t) => {
                        let (cv, label) = threshold(t);
                        let at = fill(&w.cv_at_or_above, &[("cv", &cv), ("label", &label)]);
                        let _ = write!(alt, ", {at}");
                    }
                    None if !thresholds.is_empty() => {
                        let _ = write!(alt, ", {}", w.cv_below_all);
                    }
                    None => {}
                }
            }
            None => alt.push_str(&w.cv_not_available),
        }
    }
    alt
}

/// A CV in the text alternative: "16.5 %" with a plain space in English (as the sentences
/// around it), the language's spacing otherwise.
fn spaced_percent(numerals: &Numerals, v: f64) -> String {
    numerals.percent(v, 1).replace('\u{a0}', " ")
}

/// One dot per group with a CV, in `order` (focus last, on top), titled with its numbers.
fn dots(svg: &mut Svg, fr: &Frame, order: &[&SampleCv], labels: &Labels) {
    for g in order {
        let Some(cv) = g.cv else { continue };
        let at = fr.at(g.n, cv);
        let colour = if g.highlight { FOCUS } else { MARK };
        let class = if g.highlight {
            "civis-estimate civis-focus"
        } else {
            "civis-estimate"
        };
        let w = &labels.alt;
        let n = fill(
            &w.sample_size,
            &[("n", &labels.numerals.number(g.n as f64, 0))],
        );
        let cv = fill(&w.cv, &[("cv", &spaced_percent(&labels.numerals, cv))]);
        let title = format!("{}: {n}, {cv}", g.label);
        svg.open_group("civis-row", &title);
        svg.circle(
            at,
            if g.highlight { 5.5 } else { 4.5 },
            class,
            colour,
            "#fff",
        );
        svg.close_group();
    }
}

/// Labels where they collide with no dot, no threshold line and no earlier label; the focus
/// group is labelled first. Unlabelled groups are in the alt text.
fn labels(
    svg: &mut Svg,
    fr: &Frame,
    groups: &[SampleCv],
    order: &[&SampleCv],
    thresholds: &[Threshold],
) {
    let (x0, x1, top, bottom) = (fr.x0, fr.x1, fr.top, fr.bottom);
    let dots: Vec<(f64, f64)> = groups
        .iter()
        .filter_map(|g| g.cv.map(|cv| fr.at(g.n, cv)))
        .collect();
    // Threshold lines are obstacles too: a label across a dashed line is hard to read.
    let mut placed: Vec<[f64; 4]> = thresholds
        .iter()
        .map(|t| {
            let yy = fr.y.map(t.cv);
            [x0, yy - 1.0, x1, yy + 1.0]
        })
        .collect();
    for g in order.iter().rev() {
        let Some(cv) = g.cv else { continue };
        let at = fr.at(g.n, cv);
        let label = truncate(&g.label, 22);
        let w = text_width(&label, 11.0);
        let fits = |b: &[f64; 4]| {
            b[0] >= x0
                && b[2] <= x1
                && b[1] >= top
                && b[3] <= bottom
                && !placed.iter().any(|p| overlaps(p, b))
                && !dots.iter().any(|&(dx, dy)| {
                    (dx, dy) != at && overlaps(b, &[dx - 5.0, dy - 5.0, dx + 5.0, dy + 5.0])
                })
        };
        let right = [at.0 + 7.0, at.1 - 7.0, at.0 + 7.0 + w, at.1 + 6.0];
        let left = [at.0 - 7.0 - w, at.1 - 7.0, at.0 - 7.0, at.1 + 6.0];
        let (bbox, lx, anchor) = if fits(&right) {
            (right, at.0 + 7.0, Anchor::Start)
        } else if fits(&left) {
            (left, at.0 - 7.0, Anchor::End)
        } else {
            continue;
        };
        placed.push(bbox);
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
}

/// Whether two boxes `[x0, y0, x1, y1]` intersect.
fn overlaps(a: &[f64; 4], b: &[f64; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> PrecisionOptions {
        PrecisionOptions {
            info: ChartInfo::new("p1", "Precision"),
            thresholds: vec![
                Threshold {
                    cv: 33.3,
                    label: "suppress".to_owned(),
                },
                Threshold {
                    cv: 16.5,
                    label: "flag u".to_owned(),
                },
            ],
        }
    }

    fn groups() -> Vec<SampleCv> {
        vec![
            SampleCv {
                label: "Turkey".to_owned(),
                n: 312,
                cv: Some(8.2),
                highlight: false,
            },
            SampleCv {
                label: "Syria".to_owned(),
                n: 41,
                cv: Some(21.0),
                highlight: true,
            },
            SampleCv {
                label: "<Iraq>".to_owned(),
                n: 12,
                cv: Some(40.5),
                highlight: false,
            },
            SampleCv {
                label: "Stateless".to_owned(),
                n: 3,
                cv: None,
                highlight: false,
            },
        ]
    }

    #[test]
    fn thresholds_are_drawn_and_groups_classified() {
        let chart = cv_against_n(&groups(), &options()).unwrap();
        assert_eq!(
            chart.svg.matches("<line class=\"civis-threshold\"").count(),
            2
        );
        assert!(chart.svg.contains(">16.5\u{a0}% flag u</text>"));
        assert!(chart.svg.contains(">33.3\u{a0}% suppress</text>"));
        let alt = chart.alt_text.replace('\u{a0}', " ");
        assert!(alt.contains("Thresholds: 16.5 % (flag u), 33.3 % (suppress)."));
        assert!(alt.contains("Turkey: n = 312, CV 8.2 %, below all thresholds"));
        assert!(alt.contains("Syria (focus): n = 41, CV 21.0 %, at or above 16.5 % (flag u)"));
        assert!(alt.contains("<Iraq>: n = 12, CV 40.5 %, at or above 33.3 % (suppress)"));
        assert!(alt.contains("Stateless: n = 3, CV not available"));
        // One dot per group with a CV.
        assert_eq!(
            chart.svg.matches("<circle class=\"civis-estimate").count(),
            3
        );
        assert!(!chart.svg.contains("<Iraq>") && chart.svg.contains("&lt;Iraq&gt;"));
    }

    #[test]
    fn n_axis_is_logarithmic() {
        let chart = cv_against_n(&groups(), &options()).unwrap();
        // Ticks 2, 5, 10, ..., 500 are drawn; equal ratios get equal distances.
        let x_of = |n: &str| -> f64 {
            let key = format!(">{n}</text>");
            let end = chart.svg.find(&key).unwrap();
            let start = chart.svg[..end].rfind(" x=\"").unwrap() + 4;
            let stop = start + chart.svg[start..].find('"').unwrap();
            chart.svg[start..stop].parse().unwrap()
        };
        let (a, b, c) = (x_of("2"), x_of("20"), x_of("200"));
        assert!(((b - a) - (c - b)).abs() < 0.2, "{a} {b} {c}");
        assert!((x_of("10") - a) > (c - x_of("100")), "not logarithmic");
    }

    #[test]
    fn zero_sample_is_an_error() {
        let mut g = groups();
        g[0].n = 0;
        assert!(matches!(
            cv_against_n(&g, &options()),
            Err(ChartError::ZeroSample { .. })
        ));
    }
}
