//! The common input of every chart: one estimate with its interval and publication status.

use std::fmt::Write;

use crate::error::ChartError;
use crate::format::NumberFormat;
use crate::labels::{fill, Labels};

/// How an estimate may be published and read: the one observation status of Civis.
pub use civis_catalog::Status;

/// One estimate of a chart: an area, a group or a period.
///
/// `ci` is the 95 % confidence interval (lower, upper); charts and alt texts say "95 % CI".
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// Area, group or period name as it should be read. For maps, an empty label means "use
    /// the layer's area name".
    pub label: String,
    /// The estimate; `None` is "no data".
    pub estimate: Option<f64>,
    /// The 95 % confidence interval.
    pub ci: Option<(f64, f64)>,
    pub status: Status,
    /// The focus area of the page (bold label, orange mark, outlined on maps).
    pub highlight: bool,
}

/// What a point shows once its status is applied.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shown {
    /// A publishable value with the interval to draw, if any.
    Value {
        estimate: f64,
        ci: Option<(f64, f64)>,
    },
    /// Suppressed: ":" and never a mark at any position.
    Suppressed,
    /// No estimate.
    NoData,
}

impl Point {
    /// A reliable estimate.
    pub fn new(label: impl Into<String>, estimate: f64, ci: Option<(f64, f64)>) -> Point {
        Point {
            label: label.into(),
            estimate: Some(estimate),
            ci,
            status: Status::Reliable,
            highlight: false,
        }
    }

    /// A suppressed cell.
    pub fn suppressed(label: impl Into<String>) -> Point {
        Point {
            label: label.into(),
            estimate: None,
            ci: None,
            status: Status::Suppressed,
            highlight: false,
        }
    }

    /// A cell without data.
    pub fn missing(label: impl Into<String>) -> Point {
        Point {
            label: label.into(),
            estimate: None,
            ci: None,
            status: Status::Missing,
            highlight: false,
        }
    }

    /// The same point with another status.
    pub fn with_status(self, status: Status) -> Point {
        Point { status, ..self }
    }

    /// The same point marked as the focus area.
    pub fn highlighted(self) -> Point {
        Point {
            highlight: true,
            ..self
        }
    }

    /// What may be drawn: suppression wins over any estimate, official figures have no interval.
    pub fn shown(&self) -> Shown {
        match (self.status, self.estimate) {
            (Status::Suppressed, _) => Shown::Suppressed,
            (_, None) => Shown::NoData,
            (Status::Official, Some(e)) => Shown::Value {
                estimate: e,
                ci: None,
            },
            (_, Some(e)) => Shown::Value {
                estimate: e,
                ci: self.ci,
            },
        }
    }

    /// The drawn value, if any.
    pub fn value(&self) -> Option<f64> {
        match self.shown() {
            Shown::Value { estimate, .. } => Some(estimate),
            _ => None,
        }
    }

    /// Rejects NaN, infinite values, reversed intervals and model shares outside 0..=1.
    pub fn check(&self) -> Result<(), ChartError> {
        check_finite(&self.label, "the estimate", self.estimate)?;
        if let Some((lo, hi)) = self.ci {
            check_finite(&self.label, "the lower bound", Some(lo))?;
            check_finite(&self.label, "the upper bound", Some(hi))?;
            if lo > hi {
                return Err(ChartError::ReversedInterval {
                    label: self.label.clone(),
                    lower: lo,
                    upper: hi,
                });
            }
        }
        if let Status::ModelBased {
            model_share: Some(model_share),
        } = self.status
        {
            if !(0.0..=1.0).contains(&model_share) {
                return Err(ChartError::BadModelShare {
                    label: self.label.clone(),
                    share: model_share,
                });
            }
        }
        Ok(())
    }

    /// The value in words without the label: `61.2 % (95 % CI 57.0 to 65.4), low reliability
    /// (u)`, `suppressed (:)`, `no data`, in the words and numerals of `labels`.
    pub fn describe_value(&self, f: &NumberFormat, labels: &Labels) -> String {
        self.describe_value_with(f, labels, true)
    }

    /// As [`Point::describe_value`]; `official_clause: false` leaves out "official figure
    /// without confidence interval" when the chart says it once for all values.
    pub(crate) fn describe_value_with(
        &self,
        f: &NumberFormat,
        labels: &Labels,
        official_clause: bool,
    ) -> String {
        match self.shown() {
            Shown::Suppressed => labels.map_suppressed.clone(),
            Shown::NoData => labels.no_data.clone(),
            Shown::Value { estimate, ci } => {
                let mut s = f.value(estimate);
                if let Some((lo, hi)) = ci {
                    let ci = interval(labels, &f.number(lo, f.decimals), &f.number(hi, f.decimals));
                    let _ = write!(s, " ({ci})");
                }
                if official_clause || self.status != Status::Official {
                    s.push_str(&status_words(self.status, f, labels));
                }
                s
            }
        }
    }

    /// The point in words: `Vienna: 61.2 % (95 % CI 57.0 to 65.4), low reliability (u)`.
    pub fn describe(&self, f: &NumberFormat, labels: &Labels) -> String {
        self.describe_with(f, labels, true)
    }

    pub(crate) fn describe_with(
        &self,
        f: &NumberFormat,
        labels: &Labels,
        official_clause: bool,
    ) -> String {
        format!(
            "{}{}: {}",
            self.label,
            focus_words(self.highlight, &labels.alt.focus_area),
            self.describe_value_with(f, labels, official_clause)
        )
    }
}

/// An interval in words: "95 % CI 57.0 to 65.4" (bounds already written).
pub(crate) fn interval(labels: &Labels, lower: &str, upper: &str) -> String {
    fill(&labels.alt.ci, &[("lower", lower), ("upper", upper)]).into_owned()
}

/// " (focus area)" after a highlighted name (`words`: "focus area" or "focus"), else nothing.
pub(crate) fn focus_words(highlight: bool, words: &str) -> String {
    if highlight {
        format!(" ({words})")
    } else {
        String::new()
    }
}

/// The smallest and largest drawn estimate or interval bound, plus `extra` values (a reference
/// line); (0, 1) when nothing is drawn, so that an empty chart still has an axis.
pub(crate) fn extent<'a>(
    points: impl IntoIterator<Item = &'a Point>,
    extra: impl IntoIterator<Item = f64>,
) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for p in points {
        if let Shown::Value { estimate, ci } = p.shown() {
            let (a, b) = ci.unwrap_or((estimate, estimate));
            lo = lo.min(a.min(estimate));
            hi = hi.max(b.max(estimate));
        }
    }
    for v in extra {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if lo.is_finite() {
        (lo, hi)
    } else {
        (0.0, 1.0)
    }
}

/// Whether the chart holds only published figures without intervals: every drawn value is
/// official, or official and flagged `u` (no interval, status low reliability), and at least one
/// is official. The alt text then says so once instead of after every value.
pub(crate) fn all_official<'a>(points: impl IntoIterator<Item = &'a Point>) -> bool {
    let mut any = false;
    for p in points {
        match (p.shown(), p.status) {
            (Shown::Value { .. }, Status::Official) => any = true,
            (Shown::Value { ci: None, .. }, Status::LowReliability) => {}
            (Shown::Value { .. }, _) => return false,
            _ => {}
        }
    }
    any
}

/// The sentence that replaces the per-value clause when [`all_official`] holds, with its
/// leading space.
pub(crate) fn all_official_words(labels: &Labels) -> String {
    format!(" {}", labels.alt.all_official)
}

/// Which status symbols a chart uses, for its key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Symbols {
    pub low: bool,
    pub model: bool,
    pub suppressed: bool,
}

impl Symbols {
    pub fn of<'a>(points: impl IntoIterator<Item = &'a Point>) -> Symbols {
        let mut s = Symbols::default();
        for p in points {
            match (p.shown(), p.status) {
                (Shown::Suppressed, _) => s.suppressed = true,
                (Shown::Value { .. }, Status::LowReliability) => s.low = true,
                (Shown::Value { .. }, Status::ModelBased { .. }) => s.model = true,
                _ => {}
            }
        }
        s
    }

    pub fn any(&self) -> bool {
        self.low || self.model || self.suppressed
    }
}

/// The status as a clause appended to a value.
fn status_words(status: Status, f: &NumberFormat, labels: &Labels) -> String {
    let alt = &labels.alt;
    match status {
        Status::Reliable | Status::Suppressed | Status::Missing => String::new(),
        Status::LowReliability => format!(", {}", alt.low_reliability),
        Status::ModelBased {
            model_share: Some(model_share),
        } => format!(
            ", {}, {}",
            alt.model_based,
            fill(
                &alt.model_share,
                &[("share", &f.number((model_share * 100.0).round(), 0))]
            )
        ),
        Status::ModelBased { model_share: None } => format!(", {}", alt.model_based),
        Status::Official => format!(", {}", alt.official),
    }
}

pub(crate) fn check_finite(
    label: &str,
    what: &'static str,
    value: Option<f64>,
) -> Result<(), ChartError> {
    match value {
        Some(v) if !v.is_finite() => Err(ChartError::NotFinite {
            label: label.to_owned(),
            what,
            value: v,
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use civis_catalog::Unit;

    fn plain(s: String) -> String {
        s.replace('\u{a0}', " ")
    }

    #[test]
    fn description_states_value_interval_and_flag() {
        let f = NumberFormat::new(Unit::Percent);
        let p = Point::new("Vienna", 61.2, Some((57.0, 65.4))).with_status(Status::LowReliability);
        assert_eq!(
            plain(p.describe(&f, &Labels::default())),
            "Vienna: 61.2 % (95 % CI 57.0 to 65.4), low reliability (u)"
        );
        let m = Point::new("Graz", 48.0, Some((44.0, 52.0))).with_status(Status::ModelBased {
            model_share: Some(0.62),
        });
        assert_eq!(
            plain(m.describe(&f, &Labels::default())),
            "Graz: 48.0 % (95 % CI 44.0 to 52.0), model-based estimate (M), 62 % from the model"
        );
    }

    #[test]
    fn suppressed_value_is_never_revealed() {
        let f = NumberFormat::new(Unit::Percent);
        let p = Point::new("Linz", 12.3, Some((1.0, 30.0))).with_status(Status::Suppressed);
        assert_eq!(p.shown(), Shown::Suppressed);
        assert_eq!(p.value(), None);
        let d = p.describe(&f, &Labels::default());
        assert_eq!(d, "Linz: suppressed (:)");
        assert_eq!(
            Point::missing("Wels").describe(&f, &Labels::default()),
            "Wels: no data"
        );
    }

    #[test]
    fn official_figures_have_no_interval() {
        let p = Point::new("AT", 70.0, Some((69.0, 71.0))).with_status(Status::Official);
        assert_eq!(
            p.shown(),
            Shown::Value {
                estimate: 70.0,
                ci: None
            }
        );
    }

    #[test]
    fn official_tables_with_flags_count_as_official() {
        let official = Point::new("a", 1.0, None).with_status(Status::Official);
        let flagged = Point::new("b", 1.0, None).with_status(Status::LowReliability);
        let estimate = Point::new("c", 1.0, Some((0.5, 1.5)));
        assert!(all_official([&official, &flagged, &Point::suppressed("d")]));
        assert!(!all_official([&flagged]));
        assert!(!all_official([&official, &estimate]));
        assert!(!all_official([
            &official,
            &flagged.clone().with_status(Status::Reliable)
        ]));
    }

    #[test]
    fn invalid_points_are_rejected() {
        assert!(Point::new("a", f64::NAN, None).check().is_err());
        assert!(Point::new("a", 1.0, Some((2.0, 1.0))).check().is_err());
        assert!(Point::new("a", 1.0, Some((0.0, f64::INFINITY)))
            .check()
            .is_err());
        assert!(Point::new("a", 1.0, None)
            .with_status(Status::ModelBased {
                model_share: Some(62.0)
            })
            .check()
            .is_err());
        assert!(Point::new("a", 1.0, Some((0.5, 1.5))).check().is_ok());
    }
}
