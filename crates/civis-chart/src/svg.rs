//! Writing SVG by hand: escaping, coordinates, the accessible document frame and the colours.

use std::fmt::Write;

use crate::error::ChartError;
use crate::format::NumberFormat;
use crate::labels::Labels;
use crate::point::{Point, Shown, Status, Symbols};
use crate::scale::Linear;

/// Text colour: #222 on white is 15.9:1.
pub const TEXT: &str = "#222";
/// Estimates and intervals: ColorBrewer Blues #08519c, 7.7:1 on white.
pub const MARK: &str = "#08519c";
/// The focus area: dark orange #b35806 (ColorBrewer PuOr), 4.6:1 on white and distinct from
/// blue for every colour-vision deficiency.
pub const FOCUS: &str = "#b35806";
/// Low reliability marks and secondary text: #767676, the lightest grey with 4.5:1 on white.
pub const MUTED: &str = "#767676";
/// Axis lines.
pub const AXIS: &str = "#767676";
/// Grid lines (decoration only).
pub const GRID: &str = "#e3e3e3";
/// Font stack: system fonts only, nothing is fetched.
pub const FONT: &str = "Arial, Helvetica, sans-serif";

/// A rendered chart: the SVG element and its plain-text alternative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// One `<svg>` element, ready to inline in HTML.
    pub svg: String,
    /// The numbers in words, one line per item, with intervals, flags and statuses; the same
    /// text is the SVG's `<desc>`. Show it in a `<details>` or a data table next to the chart.
    pub alt_text: String,
}

/// What every chart needs to be named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartInfo {
    /// Unique within the page: prefixes the ids of `<title>`, `<desc>` and patterns. ASCII
    /// letters, digits, `-`, `_`, starting with a letter.
    pub id: String,
    /// The chart's accessible name, e.g. "Employment rate, non-EU citizens, 2023".
    pub title: String,
    /// The words drawn in the chart, English unless set ([`ChartInfo::with_labels`]).
    pub labels: Labels,
}

impl ChartInfo {
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> ChartInfo {
        ChartInfo {
            id: id.into(),
            title: title.into(),
            labels: Labels::default(),
        }
    }

    /// The same chart drawing `labels` (the page's language) instead of the English words.
    pub fn with_labels(self, labels: Labels) -> ChartInfo {
        ChartInfo { labels, ..self }
    }

    pub(crate) fn check(&self) -> Result<(), ChartError> {
        let mut chars = self.id.chars();
        let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if ok {
            Ok(())
        } else {
            Err(ChartError::BadId(self.id.clone()))
        }
    }
}

/// Escapes text and attribute values.
pub use civis_geo::map::xml_escape as escape;

/// A coordinate with at most one decimal and no trailing `.0`.
pub fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 {
        "0".to_owned()
    } else if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// Rough width of a text in Arial: 0.56 em per character is enough to lay out columns.
pub fn text_width(s: &str, size: f64) -> f64 {
    s.chars().count() as f64 * size * 0.56
}

/// Shortens a label to `max` characters with an ellipsis; the full label stays in the alt text
/// and in the label's `<title>`.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Horizontal text alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn as_str(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// The body of an SVG document under construction.
#[derive(Debug, Default)]
pub struct Svg {
    defs: String,
    body: String,
}

impl Svg {
    pub fn new() -> Svg {
        Svg::default()
    }

    /// Appends raw markup (callers escape what they insert).
    pub fn raw(&mut self, s: &str) {
        self.body.push_str(s);
    }

    /// Opens a `<g>` whose `<title>` (the tooltip and accessible name of the group) is `title`.
    pub fn open_group(&mut self, class: &str, title: &str) {
        let _ = writeln!(
            self.body,
            "<g class=\"{class}\"><title>{}</title>",
            escape(title)
        );
    }

    /// Opens the group of a chart row titled `title`: class `civis-row`, and `civis-focus` for
    /// the highlighted row.
    pub fn open_row(&mut self, highlight: bool, title: &str) {
        let class = if highlight {
            "civis-row civis-focus"
        } else {
            "civis-row"
        };
        self.open_group(class, title);
    }

    /// A vertical line 1.5 wide at `x` from `top` to `bottom` (a reference or zero line).
    pub fn vertical(
        &mut self,
        x: f64,
        (top, bottom): (f64, f64),
        class: &str,
        stroke: &str,
        dash: Option<&str>,
    ) {
        self.line((x, top), (x, bottom), class, stroke, 1.5, dash);
    }

    /// Closes the last group.
    pub fn close_group(&mut self) {
        self.body.push_str("</g>\n");
    }

    /// Appends a `<defs>` child.
    pub fn def(&mut self, s: &str) {
        self.defs.push_str(s);
    }

    /// A text element; `content` is escaped. `extra` is raw attributes (e.g. `font-weight="bold"`).
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        x: f64,
        y: f64,
        anchor: Anchor,
        class: &str,
        fill: &str,
        extra: &str,
        content: &str,
    ) {
        let _ = writeln!(
            self.body,
            "<text class=\"{class}\" x=\"{}\" y=\"{}\" text-anchor=\"{}\" fill=\"{fill}\"{}{extra}>{}</text>",
            num(x),
            num(y),
            anchor.as_str(),
            if extra.is_empty() { "" } else { " " },
            escape(content)
        );
    }

    /// A line; `dash` is a `stroke-dasharray` value.
    #[allow(clippy::too_many_arguments)]
    pub fn line(
        &mut self,
        (x1, y1): (f64, f64),
        (x2, y2): (f64, f64),
        class: &str,
        stroke: &str,
        width: f64,
        dash: Option<&str>,
    ) {
        let dash = dash
            .map(|d| format!(" stroke-dasharray=\"{d}\""))
            .unwrap_or_default();
        let _ = writeln!(
            self.body,
            "<line class=\"{class}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{stroke}\" stroke-width=\"{}\"{dash}/>",
            num(x1),
            num(y1),
            num(x2),
            num(y2),
            num(width)
        );
    }

    /// A circle.
    pub fn circle(&mut self, (cx, cy): (f64, f64), r: f64, class: &str, fill: &str, stroke: &str) {
        let _ = writeln!(
            self.body,
            "<circle class=\"{class}\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"/>",
            num(cx),
            num(cy),
            num(r)
        );
    }

    /// A rectangle.
    #[allow(clippy::too_many_arguments)]
    pub fn rect(
        &mut self,
        (x, y): (f64, f64),
        (w, h): (f64, f64),
        class: &str,
        fill: &str,
        stroke: &str,
        extra: &str,
    ) {
        let _ = writeln!(
            self.body,
            "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\" stroke=\"{stroke}\"{}{extra}/>",
            num(x),
            num(y),
            num(w),
            num(h),
            if extra.is_empty() { "" } else { " " },
        );
    }

    /// The "M" badge of a model-based estimate, left edge at `x`, centred on `y`.
    pub fn model_badge(&mut self, x: f64, y: f64) {
        self.rect(
            (x, y - 7.0),
            (13.0, 14.0),
            "civis-badge",
            "#fff",
            TEXT,
            "rx=\"2\"",
        );
        self.text(
            x + 6.5,
            y + 4.0,
            Anchor::Middle,
            "civis-badge",
            TEXT,
            "font-size=\"10\" font-weight=\"bold\"",
            "M",
        );
    }

    /// A dot with its 95 % whisker on a horizontal scale at height `y`. Low reliability is a
    /// hollow grey dot with a dashed whisker; the focus area is orange.
    pub fn dot_whisker(
        &mut self,
        scale: &Linear,
        y: f64,
        (estimate, ci): (f64, Option<(f64, f64)>),
        status: Status,
        focus: bool,
    ) {
        let low = status == Status::LowReliability;
        let colour = match (focus, low) {
            (true, _) => FOCUS,
            (false, true) => MUTED,
            (false, false) => MARK,
        };
        let class = if low {
            "civis-ci civis-low-reliability"
        } else {
            "civis-ci"
        };
        if let Some((lo, hi)) = ci {
            let (a, b) = (scale.map(lo), scale.map(hi));
            let dash = low.then_some("4 2");
            self.line((a, y), (b, y), class, colour, 2.0, dash);
            self.line((a, y - 5.0), (a, y + 5.0), class, colour, 1.5, None);
            self.line((b, y - 5.0), (b, y + 5.0), class, colour, 1.5, None);
        }
        let x = scale.map(estimate);
        let class = if low {
            "civis-estimate civis-low-reliability"
        } else {
            "civis-estimate"
        };
        let fill = if low { "#fff" } else { colour };
        self.circle((x, y), 4.5, class, fill, colour);
    }

    /// One row of a dot chart at height `y`: dot and whisker on `scale` with the value, its flag
    /// or badge at `value_x`; or, for an unpublishable point, the words "suppressed" (with ":"
    /// in the value column) or "no data" at `plot_x`. Never a mark for a point without a value.
    #[allow(clippy::too_many_arguments)]
    pub fn point_row(
        &mut self,
        scale: &Linear,
        y: f64,
        p: &Point,
        f: &NumberFormat,
        (plot_x, value_x): (f64, f64),
        weight: &str,
        labels: &Labels,
    ) {
        let italic = "font-style=\"italic\"";
        match p.shown() {
            Shown::Value { estimate, ci } => {
                self.dot_whisker(scale, y, (estimate, ci), p.status, p.highlight);
                let text = f.value(estimate);
                self.text(
                    value_x,
                    y + 4.0,
                    Anchor::Start,
                    "civis-value",
                    TEXT,
                    weight,
                    &text,
                );
                self.status_mark(value_x + text_width(&text, 12.0) + 4.0, y, p.status);
            }
            Shown::Suppressed => {
                self.text(
                    plot_x,
                    y + 4.0,
                    Anchor::Start,
                    "civis-suppressed",
                    TEXT,
                    italic,
                    &labels.suppressed,
                );
                self.text(
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
                self.text(
                    plot_x,
                    y + 4.0,
                    Anchor::Start,
                    "civis-no-data",
                    TEXT,
                    italic,
                    &labels.no_data,
                );
            }
        }
    }

    /// The flag letter or model badge of a status, drawn from `x` at height `y`; returns the
    /// width used.
    pub fn status_mark(&mut self, x: f64, y: f64, status: Status) -> f64 {
        match status {
            Status::LowReliability => {
                self.text(
                    x,
                    y + 4.0,
                    Anchor::Start,
                    "civis-flag",
                    TEXT,
                    "font-style=\"italic\" font-weight=\"bold\"",
                    "u",
                );
                10.0
            }
            Status::ModelBased { .. } => {
                self.model_badge(x, y);
                15.0
            }
            _ => 0.0,
        }
    }

    /// The key of the status symbols used, one line starting at (`x`, `y`).
    pub fn symbol_key(&mut self, x: f64, y: f64, symbols: Symbols, labels: &Labels) {
        let mut x = x;
        let small = "font-size=\"11\"";
        if symbols.low {
            self.status_mark(x, y - 4.0, Status::LowReliability);
            self.text(
                x + 12.0,
                y,
                Anchor::Start,
                "civis-key",
                TEXT,
                small,
                &labels.key_low_reliability,
            );
            x += 12.0 + text_width(&labels.key_low_reliability, 11.0) + 18.0;
        }
        if symbols.model {
            self.model_badge(x, y - 4.0);
            self.text(
                x + 17.0,
                y,
                Anchor::Start,
                "civis-key",
                TEXT,
                small,
                &labels.key_model_based,
            );
            x += 17.0 + text_width(&labels.key_model_based, 11.0) + 18.0;
        }
        if symbols.suppressed {
            self.text(
                x + 3.0,
                y,
                Anchor::Middle,
                "civis-key",
                TEXT,
                "font-weight=\"bold\"",
                ":",
            );
            self.text(
                x + 10.0,
                y,
                Anchor::Start,
                "civis-key",
                TEXT,
                small,
                &labels.key_suppressed,
            );
        }
    }

    /// Horizontal grid lines from `left` to `right` and tick labels left of `left`.
    pub fn y_axis(
        &mut self,
        scale: &Linear,
        ticks: &crate::scale::Ticks,
        label: impl Fn(f64, usize) -> String,
        (left, right): (f64, f64),
    ) {
        for &t in &ticks.values {
            let y = scale.map(t);
            self.line((left, y), (right, y), "civis-grid", GRID, 1.0, None);
            self.text(
                left - 6.0,
                y + 4.0,
                Anchor::End,
                "civis-tick",
                TEXT,
                "font-size=\"11\"",
                &label(t, ticks.decimals),
            );
        }
    }

    /// Vertical grid lines from `top` to `bottom` and tick labels under `bottom`.
    pub fn x_axis(
        &mut self,
        scale: &Linear,
        ticks: &crate::scale::Ticks,
        label: impl Fn(f64, usize) -> String,
        top: f64,
        bottom: f64,
    ) {
        for &t in &ticks.values {
            let x = scale.map(t);
            self.line((x, top), (x, bottom), "civis-grid", GRID, 1.0, None);
            self.line(
                (x, bottom),
                (x, bottom + 4.0),
                "civis-axis",
                AXIS,
                1.0,
                None,
            );
            self.text(
                x,
                bottom + 16.0,
                Anchor::Middle,
                "civis-tick",
                TEXT,
                "font-size=\"11\"",
                &label(t, ticks.decimals),
            );
        }
        let (a, b) = ticks.domain();
        self.line(
            (scale.map(a), bottom),
            (scale.map(b), bottom),
            "civis-axis",
            AXIS,
            1.0,
            None,
        );
    }

    /// The whole `<svg>` element. `kind` is the chart's class (`civis-ranking`, ...); `role` is
    /// `img` for pictures and `group` when the chart holds links, so that assistive technology
    /// can reach them (children of `role="img"` are hidden from it). `display_width` is the
    /// width in CSS pixels at which the text has its nominal size (11-12 px): it is written as
    /// the element's `width` (and `height` to scale), so that a page shows the chart at a
    /// readable size and lets it scroll sideways on a narrow screen instead of shrinking its
    /// text below 11 px.
    pub fn finish(
        self,
        info: &ChartInfo,
        kind: &str,
        (width, height): (f64, f64),
        display_width: f64,
        alt_text: &str,
        role: &str,
    ) -> String {
        let id = &info.id;
        let mut s = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" class=\"civis-chart {kind}\" role=\"{role}\" aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\" font-family=\"{FONT}\" font-size=\"12\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
            num(width),
            num(height),
            num(display_width),
            // rounded up: the text is never scaled below its size
            num((display_width * height / width).ceil()),
            escape(&info.title),
            escape(alt_text)
        );
        if !self.defs.is_empty() {
            let _ = writeln!(s, "<defs>\n{}</defs>", self.defs);
        }
        let _ = writeln!(
            s,
            "<rect class=\"civis-background\" width=\"{}\" height=\"{}\" fill=\"#fff\"/>",
            num(width),
            num(height)
        );
        s.push_str(&self.body);
        s.push_str("</svg>\n");
        s
    }
}

/// Raw markup written with `write!`; callers escape what they insert.
impl Write for Svg {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.body.push_str(s);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }

    #[test]
    fn coordinates_are_short() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.34), "12.3");
        assert_eq!(num(-0.01), "0");
    }

    #[test]
    fn chart_ids_must_be_xml_names() {
        assert!(ChartInfo::new("rank-1", "t").check().is_ok());
        assert!(ChartInfo::new("1rank", "t").check().is_err());
        assert!(ChartInfo::new("a\"b", "t").check().is_err());
        assert!(ChartInfo::new("", "t").check().is_err());
    }

    #[test]
    fn long_labels_are_shortened_with_an_ellipsis() {
        assert_eq!(truncate("Wien", 10), "Wien");
        assert_eq!(truncate("Niederösterreich-Süd", 8), "Niederö…");
    }
}
