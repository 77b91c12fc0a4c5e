//! Time series: one line per series over periods, a 95 % band, flagged points, and breaks where
//! a period has no publishable value.

use std::fmt::Write;

use crate::error::ChartError;
use crate::format::NumberFormat;
use crate::labels::{fill, Counted, Labels};
use crate::point::{
    all_official, all_official_words, extent, focus_words, Point, Shown, Status, Symbols,
};
use crate::scale::{nice_ticks, Linear, Ticks};
use crate::svg::{num, text_width, truncate, Anchor, Chart, ChartInfo, Svg, AXIS, TEXT};

/// One line: `points[i].label` is the period (one of [`TimeSeriesOptions::periods`]); periods
/// without a point are "no data".
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub points: Vec<Point>,
    /// The focus series: thicker line, named first.
    pub highlight: bool,
}

/// How a time series chart is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeSeriesOptions {
    pub info: ChartInfo,
    pub format: NumberFormat,
    /// The periods of the x axis in order, e.g. `["2015", "2016", ...]`.
    pub periods: Vec<String>,
}

/// Series colours (Okabe & Ito, darkened where needed for 3:1 against white) and dash
/// patterns, so that series differ by more than colour.
const COLOURS: [&str; 5] = ["#0072b2", "#c75400", "#007a5a", "#a4457e", "#222222"];
const DASHES: [Option<&str>; 5] = [
    None,
    Some("7 3"),
    Some("2 3"),
    Some("10 3 2 3"),
    Some("4 4"),
];

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 340.0;

/// Draws the series. Lines are broken at periods with no value or a suppressed one; a
/// suppressed value is marked by ":" at the foot of its period, never by a point.
pub fn time_series(series: &[Series], options: &TimeSeriesOptions) -> Result<Chart, ChartError> {
    options.info.check()?;
    let options = &TimeSeriesOptions {
        format: options.format.speaking(&options.info.labels),
        ..options.clone()
    };
    let grid = grid(series, &options.periods)?;
    let mut svg = Svg::new();
    let legend_bottom = legend(&mut svg, series);
    let frame = Frame::new(series, options, legend_bottom);
    axes(&mut svg, &frame, options);
    let symbols = Symbols::of(series.iter().flat_map(|s| &s.points));
    let height = if symbols.any() { HEIGHT + 22.0 } else { HEIGHT };
    let alt = alt_text(series, &grid, options);
    // Draw the focus series last so it lies on top.
    let mut draw_order: Vec<usize> = (0..series.len()).collect();
    draw_order.sort_by_key(|&k| series[k].highlight);
    for k in draw_order {
        draw_series(&mut svg, &frame, k, &series[k], &grid[k]);
    }
    if symbols.any() {
        svg.symbol_key(frame.x0, HEIGHT + 8.0, symbols, &options.info.labels);
    }
    Ok(Chart {
        svg: svg.finish(
            &options.info,
            "civis-time-series",
            (WIDTH, height),
            WIDTH,
            &alt,
            "img",
        ),
        alt_text: alt,
    })
}

/// Per series, the point of each period; refuses unknown and repeated periods.
fn grid<'a>(
    series: &'a [Series],
    periods: &[String],
) -> Result<Vec<Vec<Option<&'a Point>>>, ChartError> {
    let mut grid: Vec<Vec<Option<&Point>>> = Vec::with_capacity(series.len());
    for s in series {
        let mut row = vec![None; periods.len()];
        for p in &s.points {
            p.check()?;
            let i = periods.iter().position(|q| *q == p.label).ok_or_else(|| {
                ChartError::UnknownPeriod {
                    series: s.name.clone(),
                    period: p.label.clone(),
                }
            })?;
            if row[i].replace(p).is_some() {
                return Err(ChartError::DuplicatePeriod {
                    series: s.name.clone(),
                    period: p.label.clone(),
                });
            }
        }
        grid.push(row);
    }
    Ok(grid)
}

/// The legend: items left to right, wrapping; returns the baseline of its last line.
fn legend(svg: &mut Svg, series: &[Series]) -> f64 {
    let (mut lx, mut ly) = (8.0, 16.0);
    for (k, s) in series.iter().enumerate() {
        let name = truncate(&s.name, 32);
        let w = 34.0 + text_width(&name, 12.0) + 18.0;
        if lx + w > WIDTH - 8.0 && lx > 8.0 {
            (lx, ly) = (8.0, ly + 18.0);
        }
        let (c, d) = style(k);
        svg.line(
            (lx, ly - 4.0),
            (lx + 26.0, ly - 4.0),
            "civis-legend civis-line",
            c,
            2.5,
            d,
        );
        marker(svg, k, (lx + 13.0, ly - 4.0), c, "civis-legend");
        let weight = if s.highlight {
            "font-weight=\"bold\""
        } else {
            ""
        };
        svg.text(
            lx + 32.0,
            ly,
            Anchor::Start,
            "civis-legend",
            TEXT,
            weight,
            &name,
        );
        lx += w;
    }
    ly
}

/// The plotting area under the legend: one band per period on x, the values' ticks on y.
struct Frame {
    ticks: Ticks,
    bottom: f64,
    x0: f64,
    x1: f64,
    band: f64,
    y: Linear,
}

impl Frame {
    fn new(series: &[Series], options: &TimeSeriesOptions, legend_bottom: f64) -> Frame {
        let f = &options.format;
        let (lo, hi) = extent(series.iter().flat_map(|s| &s.points), []);
        let ticks = nice_ticks(lo, hi, 5);
        let tick_w = ticks
            .values
            .iter()
            .map(|&v| text_width(&f.value_with(v, ticks.decimals), 11.0))
            .fold(0.0, f64::max);
        let top = legend_bottom + 16.0;
        let bottom = HEIGHT - 36.0;
        let x0 = 14.0 + tick_w;
        let x1 = WIDTH - 12.0;
        let band = (x1 - x0) / options.periods.len().max(1) as f64;
        let y = Linear::new(ticks.domain(), (bottom, top));
        Frame {
            ticks,
            bottom,
            x0,
            x1,
            band,
            y,
        }
    }

    /// The middle of period `i`.
    fn x_of(&self, i: usize) -> f64 {
        self.x0 + self.band * (i as f64 + 0.5)
    }
}

/// The value axis, the period axis and its labels (at most 12).
fn axes(svg: &mut Svg, fr: &Frame, options: &TimeSeriesOptions) {
    let f = &options.format;
    let periods = &options.periods;
    svg.y_axis(&fr.y, &fr.ticks, |v, d| f.value_with(v, d), (fr.x0, fr.x1));
    svg.line(
        (fr.x0, fr.bottom),
        (fr.x1, fr.bottom),
        "civis-axis",
        AXIS,
        1.0,
        None,
    );
    let every = periods.len().div_ceil(12).max(1);
    for (i, p) in periods.iter().enumerate() {
        svg.line(
            (fr.x_of(i), fr.bottom),
            (fr.x_of(i), fr.bottom + 4.0),
            "civis-axis",
            AXIS,
            1.0,
            None,
        );
        if i % every == 0 {
            svg.text(
                fr.x_of(i),
                fr.bottom + 18.0,
                Anchor::Middle,
                "civis-tick",
                TEXT,
                "font-size=\"11\"",
                p,
            );
        }
    }
}

/// The text alternative: what is drawn, then each series period by period.
fn alt_text(
    series: &[Series],
    grid: &[Vec<Option<&Point>>],
    options: &TimeSeriesOptions,
) -> String {
    let (f, labels) = (&options.format, &options.info.labels);
    let periods = &options.periods;
    let mut alt = fill(
        &labels.alt.series_intro,
        &[
            ("title", &options.info.title),
            ("series", &labels.count.of(Counted::Series, series.len())),
            ("first", periods.first().map_or("", String::as_str)),
            ("last", periods.last().map_or("", String::as_str)),
            ("unit", f.unit_name()),
        ],
    )
    .into_owned();
    let official = all_official(series.iter().flat_map(|s| &s.points));
    if official {
        alt.push_str(&all_official_words(labels));
    }
    for (k, s) in series.iter().enumerate() {
        let values: Vec<String> = grid[k]
            .iter()
            .zip(periods)
            .map(|(p, period)| period_words(period, *p, f, labels, official))
            .collect();
        let focus = focus_words(s.highlight, &labels.alt.focus);
        let _ = write!(alt, "\n{}{focus}: {}.", s.name, values.join("; "));
    }
    alt
}

/// A period's value in words, "2023 61.2 % (95 % CI …)", or "2023 no data"; `official`: the
/// chart says once that all values are official figures.
pub(crate) fn period_words(
    period: &str,
    p: Option<&Point>,
    f: &NumberFormat,
    labels: &Labels,
    official: bool,
) -> String {
    match p {
        Some(p) => format!("{period} {}", p.describe_value_with(f, labels, !official)),
        None => format!("{period} {}", labels.no_data),
    }
}

/// Series `k`: its bands (or lone whiskers), its line broken at gaps, its points with status
/// marks, and ":" at the foot of a suppressed period.
fn draw_series(svg: &mut Svg, fr: &Frame, k: usize, s: &Series, row: &[Option<&Point>]) {
    let (c, d) = style(k);
    let y = &fr.y;
    let x_of = |i: usize| fr.x_of(i);
    svg.open_group(
        if s.highlight {
            "civis-series civis-focus"
        } else {
            "civis-series"
        },
        &s.name,
    );
    let shown: Vec<Option<Drawn>> = row
        .iter()
        .map(|p| match p.map(|p| (p.shown(), p)) {
            Some((Shown::Value { estimate, ci }, point)) => Some(Drawn {
                estimate,
                ci,
                point,
            }),
            _ => None,
        })
        .collect();
    // Bands over runs of consecutive intervals; a lone interval is a whisker.
    for run in runs(&shown, |v| v.ci.is_some()) {
        let ci = |i: usize| shown[i].and_then(|v| v.ci).unwrap_or((0.0, 0.0));
        if run.len() == 1 {
            let i = run[0];
            let (a, b) = ci(i);
            svg.line(
                (x_of(i), y.map(a)),
                (x_of(i), y.map(b)),
                "civis-ci",
                c,
                1.5,
                None,
            );
            continue;
        }
        let path = band_path(&run, x_of, |i| y.map(ci(i).0), |i| y.map(ci(i).1));
        svg.raw(&format!("<path class=\"civis-band\" d=\"{path}\" fill=\"{c}\" fill-opacity=\"0.15\" stroke=\"none\"/>\n"));
    }
    let width = if s.highlight { 3.5 } else { 2.0 };
    for run in runs(&shown, |_| true) {
        if run.len() < 2 {
            continue;
        }
        let path = line_path(&run, x_of, |i| y.map(shown[i].map_or(0.0, |v| v.estimate)));
        let dash = d
            .map(|d| format!(" stroke-dasharray=\"{d}\""))
            .unwrap_or_default();
        svg.raw(&format!("<path class=\"civis-line\" d=\"{path}\" fill=\"none\" stroke=\"{c}\" stroke-width=\"{}\" stroke-linejoin=\"round\"{dash}/>\n", num(width)));
    }
    for (i, v) in shown.iter().enumerate() {
        match v {
            Some(Drawn {
                estimate, point, ..
            }) => {
                let p = point;
                let at = (x_of(i), y.map(*estimate));
                let low = p.status == Status::LowReliability;
                let class = if low {
                    "civis-estimate civis-low-reliability"
                } else {
                    "civis-estimate"
                };
                marker(svg, k, at, c, class);
                svg.status_mark(at.0 + 6.0, at.1 - 10.0, p.status);
            }
            None => {
                if row[i].is_some_and(|p| p.shown() == Shown::Suppressed) {
                    let yy = fr.bottom - 6.0 - 14.0 * k as f64;
                    svg.text(
                        x_of(i),
                        yy,
                        Anchor::Middle,
                        "civis-suppressed",
                        c,
                        "font-size=\"16\" font-weight=\"bold\"",
                        ":",
                    );
                }
            }
        }
    }
    svg.close_group();
}

/// A publishable value of a series at one period.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Drawn<'a> {
    pub estimate: f64,
    pub ci: Option<(f64, f64)>,
    pub point: &'a Point,
}

fn style(k: usize) -> (&'static str, Option<&'static str>) {
    (COLOURS[k % COLOURS.len()], DASHES[k % DASHES.len()])
}

/// Point marker of series `k`: circle, square, triangle, diamond, ... so series differ by
/// shape; hollow for low reliability (class `civis-low-reliability`).
fn marker(svg: &mut Svg, k: usize, (x, y): (f64, f64), colour: &str, class: &str) {
    let fill = if class.contains("civis-low-reliability") {
        "#fff"
    } else {
        colour
    };
    let r = 4.0;
    let d = match k % 4 {
        0 => {
            svg.circle((x, y), r, class, fill, colour);
            return;
        }
        1 => format!(
            "M{} {}h{}v{}h-{}Z",
            num(x - r),
            num(y - r),
            num(2.0 * r),
            num(2.0 * r),
            num(2.0 * r)
        ),
        2 => format!(
            "M{} {}L{} {}L{} {}Z",
            num(x),
            num(y - r - 1.0),
            num(x + r + 0.5),
            num(y + r),
            num(x - r - 0.5),
            num(y + r)
        ),
        _ => format!(
            "M{} {}L{} {}L{} {}L{} {}Z",
            num(x),
            num(y - r - 1.0),
            num(x + r + 1.0),
            num(y),
            num(x),
            num(y + r + 1.0),
            num(x - r - 1.0),
            num(y)
        ),
    };
    svg.raw(&format!("<path class=\"{class}\" d=\"{d}\" fill=\"{fill}\" stroke=\"{colour}\" stroke-width=\"1.5\"/>\n"));
}

/// The outline of a 95 % band over consecutive periods: upper bounds left to right, lower
/// bounds back, closed.
pub(crate) fn band_path(
    run: &[usize],
    x: impl Fn(usize) -> f64,
    lower: impl Fn(usize) -> f64,
    upper: impl Fn(usize) -> f64,
) -> String {
    let mut path = line_path(run, &x, upper);
    for &i in run.iter().rev() {
        let _ = write!(path, "L{} {}", num(x(i)), num(lower(i)));
    }
    path.push('Z');
    path
}

/// A polyline through consecutive periods.
pub(crate) fn line_path(
    run: &[usize],
    x: impl Fn(usize) -> f64,
    y: impl Fn(usize) -> f64,
) -> String {
    let mut path = String::new();
    for (j, &i) in run.iter().enumerate() {
        let _ = write!(
            path,
            "{}{} {}",
            if j == 0 { 'M' } else { 'L' },
            num(x(i)),
            num(y(i))
        );
    }
    path
}

/// Maximal runs of consecutive indices whose entry is `Some` and passes `keep`.
pub(crate) fn runs<T: Copy>(items: &[Option<T>], keep: impl Fn(&T) -> bool) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut current = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if item.as_ref().is_some_and(&keep) {
            current.push(i);
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use civis_catalog::Unit;

    fn options() -> TimeSeriesOptions {
        TimeSeriesOptions {
            info: ChartInfo::new("t1", "Employment rate"),
            format: NumberFormat::new(Unit::Percent),
            periods: (2015..=2020).map(|y| y.to_string()).collect(),
        }
    }

    fn plain(s: &str) -> String {
        s.replace('\u{a0}', " ")
    }

    fn city() -> Series {
        Series {
            name: "Non-EU citizens".to_owned(),
            highlight: true,
            points: vec![
                Point::new("2015", 52.0, Some((48.9, 55.1))),
                Point::new("2016", 53.4, Some((50.4, 56.4))),
                Point::new("2017", 55.1, Some((50.3, 59.9))).with_status(Status::LowReliability),
                Point::new("2018", 17.5, Some((2.0, 33.0))).with_status(Status::Suppressed),
                Point::new("2019", 54.2, Some((50.9, 57.5))),
                Point::new("2020", 57.9, Some((54.9, 60.9))),
            ],
        }
    }

    #[test]
    fn lines_and_bands_break_at_suppressed_and_missing_periods() {
        let chart = time_series(&[city()], &options()).unwrap();
        // 2015-2017 and 2019-2020: two line pieces, two bands.
        assert_eq!(chart.svg.matches("<path class=\"civis-line\"").count(), 2);
        assert_eq!(chart.svg.matches("<path class=\"civis-band\"").count(), 2);
        // Five markers; none for the suppressed year, whose numbers never appear.
        assert_eq!(chart.svg.matches("class=\"civis-estimate").count(), 5);
        assert!(!chart.svg.contains("17.5\u{a0}%") && !chart.alt_text.contains("17.5"));
        assert!(!chart.svg.contains("<title>2018"));
        assert_eq!(chart.svg.matches("class=\"civis-suppressed\"").count(), 1);
        // A gap in the data (2016 missing) also breaks the line.
        let mut s = city();
        s.points.remove(1);
        let chart = time_series(&[s], &options()).unwrap();
        // 2015 and 2017 stand alone (marker, no line); 2019-2020 is the only line.
        assert_eq!(chart.svg.matches("<path class=\"civis-line\"").count(), 1);
        assert_eq!(chart.svg.matches("class=\"civis-estimate").count(), 4);
        assert!(plain(&chart.alt_text).contains("2016 no data"));
    }

    #[test]
    fn alt_text_states_every_value_with_interval_and_flag() {
        let chart = time_series(&[city()], &options()).unwrap();
        let alt = plain(&chart.alt_text);
        assert!(alt.contains("Non-EU citizens (focus): 2015 52.0 % (95 % CI 48.9 to 55.1); 2016 53.4 % (95 % CI 50.4 to 56.4); 2017 55.1 % (95 % CI 50.3 to 59.9), low reliability (u); 2018 suppressed (:); 2019 54.2 % (95 % CI 50.9 to 57.5); 2020 57.9 % (95 % CI 54.9 to 60.9)."));
        assert!(chart.svg.contains("class=\"civis-flag\""));
        assert!(chart
            .svg
            .contains(">low reliability (hollow, dashed)</text>"));
    }

    #[test]
    fn official_series_say_so_once() {
        let s = Series {
            name: "Austria".to_owned(),
            highlight: false,
            points: vec![
                Point::new("2015", 63.5, None).with_status(Status::Official),
                Point::new("2016", 62.8, None).with_status(Status::Official),
            ],
        };
        let chart = time_series(&[s], &options()).unwrap();
        let alt = plain(&chart.alt_text);
        assert_eq!(
            alt.matches("official figures without confidence intervals")
                .count(),
            1
        );
        assert!(alt.contains("Austria: 2015 63.5 %; 2016 62.8 %; 2017 no data"));
    }

    #[test]
    fn series_differ_by_dash_and_marker_not_only_colour() {
        let mut other = city();
        other.name = "Nationals".to_owned();
        other.highlight = false;
        let chart = time_series(&[city(), other], &options()).unwrap();
        assert!(chart.svg.contains("stroke-dasharray=\"7 3\""));
        assert!(chart.svg.contains("<path class=\"civis-estimate\" d=\"M"));
    }

    #[test]
    fn periods_must_be_on_the_axis_and_unique() {
        let mut s = city();
        s.points.push(Point::new("2031", 1.0, None));
        assert!(matches!(
            time_series(&[s], &options()),
            Err(ChartError::UnknownPeriod { .. })
        ));
        let mut s = city();
        s.points.push(Point::new("2015", 1.0, None));
        assert!(matches!(
            time_series(&[s], &options()),
            Err(ChartError::DuplicatePeriod { .. })
        ));
    }

    #[test]
    fn series_names_are_escaped() {
        let mut s = city();
        s.name = "<script>alert(1)</script>".to_owned();
        let chart = time_series(&[s], &options()).unwrap();
        assert!(!chart.svg.contains("<script>"));
        assert!(chart.svg.contains("&lt;script&gt;"));
    }
}
