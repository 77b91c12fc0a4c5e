//! Sparkline: a word-sized time series for table cells. Same rules as [`crate::time_series`]:
//! broken at periods without a publishable value, 95 % band, hollow markers for low
//! reliability; no axes, so the alt text carries every number.

use std::fmt::Write;

use crate::error::ChartError;
use crate::point::{all_official, all_official_words, extent, Shown, Status};
use crate::scale::Linear;
use crate::svg::{Chart, Svg, MARK, MUTED};
use crate::time_series::{
    band_path, line_path, period_words, runs, Drawn, Series, TimeSeriesOptions,
};

const WIDTH: f64 = 120.0;
const HEIGHT: f64 = 28.0;

/// Draws one series in a 120 × 28 box, scaled to its own range (read it for its shape; the
/// table cell next to it gives the value). Suppressed periods are a short tick at the foot.
pub fn sparkline(series: &Series, options: &TimeSeriesOptions) -> Result<Chart, ChartError> {
    options.info.check()?;
    let periods = &options.periods;
    let mut at: Vec<Option<Drawn>> = vec![None; periods.len()];
    let mut suppressed = vec![false; periods.len()];
    for p in &series.points {
        p.check()?;
        let i = periods.iter().position(|q| *q == p.label).ok_or_else(|| {
            ChartError::UnknownPeriod {
                series: series.name.clone(),
                period: p.label.clone(),
            }
        })?;
        if at[i].is_some() || suppressed[i] {
            return Err(ChartError::DuplicatePeriod {
                series: series.name.clone(),
                period: p.label.clone(),
            });
        }
        match p.shown() {
            Shown::Value { estimate, ci } => {
                at[i] = Some(Drawn {
                    estimate,
                    ci,
                    point: p,
                })
            }
            Shown::Suppressed => suppressed[i] = true,
            Shown::NoData => {}
        }
    }
    let (lo, hi) = extent(&series.points, []);
    let x = Linear::new(
        (0.0, periods.len().saturating_sub(1).max(1) as f64),
        (4.0, WIDTH - 4.0),
    );
    let y = Linear::new((lo, hi), (HEIGHT - 4.0, 4.0));
    let x_of = |i: usize| x.map(i as f64);

    let mut svg = Svg::new();
    for run in runs(&at, |v| v.ci.is_some()) {
        let ci = |i: usize| at[i].and_then(|v| v.ci).unwrap_or((0.0, 0.0));
        let path = band_path(&run, x_of, |i| y.map(ci(i).0), |i| y.map(ci(i).1));
        let _ = writeln!(svg, "<path class=\"civis-band\" d=\"{path}\" fill=\"{MARK}\" fill-opacity=\"0.18\" stroke=\"{MARK}\" stroke-opacity=\"0.3\" stroke-width=\"0.5\"/>");
    }
    for run in runs(&at, |_| true).into_iter().filter(|r| r.len() > 1) {
        let path = line_path(&run, x_of, |i| y.map(at[i].map_or(0.0, |v| v.estimate)));
        let _ = writeln!(svg, "<path class=\"civis-line\" d=\"{path}\" fill=\"none\" stroke=\"{MARK}\" stroke-width=\"1.5\" stroke-linejoin=\"round\"/>");
    }
    let last = at.iter().rposition(Option::is_some);
    for (i, v) in at.iter().enumerate() {
        let Some(d) = v else { continue };
        let low = d.point.status == Status::LowReliability;
        // Low-reliability points and the latest value are marked; a lone point must show too.
        let alone = (i == 0 || at[i - 1].is_none()) && at.get(i + 1).is_none_or(Option::is_none);
        if low || alone || Some(i) == last {
            let (class, fill, stroke) = if low {
                ("civis-estimate civis-low-reliability", "#fff", MUTED)
            } else {
                ("civis-estimate", MARK, MARK)
            };
            svg.circle((x_of(i), y.map(d.estimate)), 2.5, class, fill, stroke);
        }
    }
    for (i, s) in suppressed.iter().enumerate() {
        if *s {
            svg.line(
                (x_of(i), HEIGHT - 6.0),
                (x_of(i), HEIGHT - 2.0),
                "civis-suppressed",
                MUTED,
                1.5,
                None,
            );
        }
    }
    let labels = &options.info.labels;
    let f = &options.format.speaking(labels);
    let official = all_official(&series.points);
    let values: Vec<String> = periods
        .iter()
        .map(|period| {
            let p = series.points.iter().find(|p| p.label == *period);
            period_words(period, p, f, labels, official)
        })
        .collect();
    let mut alt = format!("{}: {}.", options.info.title, values.join("; "));
    if official {
        alt.push_str(&all_official_words(labels));
    }
    Ok(Chart {
        svg: svg.finish(
            &options.info,
            "civis-sparkline",
            (WIDTH, HEIGHT),
            WIDTH,
            &alt,
            "img",
        ),
        alt_text: alt,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::point::Point;
    use crate::svg::ChartInfo;
    use crate::NumberFormat;
    use civis_catalog::Unit;

    fn options() -> TimeSeriesOptions {
        TimeSeriesOptions {
            info: ChartInfo::new("s1", "Wien"),
            format: NumberFormat::new(Unit::Percent),
            periods: (2019..=2023).map(|y| y.to_string()).collect(),
        }
    }

    #[test]
    fn sparkline_breaks_at_suppressed_years_and_states_every_value() {
        let s = Series {
            name: "Wien".to_owned(),
            highlight: false,
            points: vec![
                Point::new("2019", 52.0, Some((49.0, 55.0))),
                Point::new("2020", 53.0, Some((50.0, 56.0))),
                Point::new("2021", 99.0, None).with_status(Status::Suppressed),
                Point::new("2022", 55.0, Some((50.0, 60.0))).with_status(Status::LowReliability),
                Point::new("2023", 56.0, Some((53.0, 59.0))),
            ],
        };
        let chart = sparkline(&s, &options()).unwrap();
        assert_eq!(chart.svg.matches("<path class=\"civis-line\"").count(), 2);
        assert_eq!(chart.svg.matches("<path class=\"civis-band\"").count(), 2);
        assert_eq!(chart.svg.matches("class=\"civis-suppressed\"").count(), 1);
        assert!(chart.svg.contains("civis-estimate civis-low-reliability"));
        assert!(chart.svg.contains("viewBox=\"0 0 120 28\""));
        assert!(!chart.alt_text.contains("99"));
        assert_eq!(
            chart.alt_text.replace('\u{a0}', " "),
            "Wien: 2019 52.0 % (95 % CI 49.0 to 55.0); 2020 53.0 % (95 % CI 50.0 to 56.0); 2021 suppressed (:); 2022 55.0 % (95 % CI 50.0 to 60.0), low reliability (u); 2023 56.0 % (95 % CI 53.0 to 59.0)."
        );
    }
}
