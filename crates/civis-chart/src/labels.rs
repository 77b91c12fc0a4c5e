//! The words a chart draws, in one language. English by default; a host page in another
//! language fills [`Labels`] from its own translations (the portal from its Fluent files), so
//! this crate needs no i18n dependency.
//!
//! Words with a number or a name in them are templates with named placeholders in braces
//! (`"gap to {reference}"`), filled by [`fill`].

use std::borrow::Cow;

/// The words drawn inside a chart's SVG: axis and column titles, legends and keys, the words in
/// place of a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    /// In place of a value without an estimate: "no data".
    pub no_data: String,
    /// In place of a suppressed value: "suppressed".
    pub suppressed: String,
    /// Key of the hollow, dashed low-reliability marks: "low reliability (hollow, dashed)".
    pub key_low_reliability: String,
    /// Key of the `M` badge: "model-based estimate".
    pub key_model_based: String,
    /// Key of the ":" mark: "suppressed (not publishable)".
    pub key_suppressed: String,
    /// Map legend: "suppressed (:)".
    pub map_suppressed: String,
    /// Map legend: "low reliability (u), hatched".
    pub map_low_reliability: String,
    /// Gap chart, title of the levels: "level".
    pub level: String,
    /// Gap chart, title of the gaps: "gap to {reference}".
    pub gap_to: String,
    /// Gap chart, the reference row: "reference".
    pub reference: String,
    /// Gap chart, a gap that cannot be shown: "gap not available".
    pub gap_not_available: String,
    /// Gap chart: "significant at 95 %".
    pub significant: String,
    /// Gap chart: "not significant".
    pub not_significant: String,
    /// Ranking, title of the value column: "value".
    pub value: String,
    /// Ranking, title of the rank column: "rank (range)".
    pub rank_range: String,
    /// Ranking, a rank with its interval: "rank {rank} ({lower}–{upper})".
    pub rank: String,
    /// Precision chart, x axis: "sample size n (logarithmic scale)".
    pub sample_size_axis: String,
    /// Precision chart, y axis: "coefficient of variation".
    pub cv_axis: String,
}

impl Default for Labels {
    fn default() -> Labels {
        let s = |x: &str| x.to_owned();
        Labels {
            no_data: s("no data"),
            suppressed: s("suppressed"),
            key_low_reliability: s("low reliability (hollow, dashed)"),
            key_model_based: s("model-based estimate"),
            key_suppressed: s("suppressed (not publishable)"),
            map_suppressed: s("suppressed (:)"),
            map_low_reliability: s("low reliability (u), hatched"),
            level: s("level"),
            gap_to: s("gap to {reference}"),
            reference: s("reference"),
            gap_not_available: s("gap not available"),
            significant: s("significant at 95 %"),
            not_significant: s("not significant"),
            value: s("value"),
            rank_range: s("rank (range)"),
            rank: s("rank {rank} ({lower}–{upper})"),
            sample_size_axis: s("sample size n (logarithmic scale)"),
            cv_axis: s("coefficient of variation"),
        }
    }
}

/// `template` with each `{name}` replaced by its value; unknown placeholders stay as written.
pub fn fill<'a>(template: &'a str, values: &[(&str, &str)]) -> Cow<'a, str> {
    if !template.contains('{') {
        return Cow::Borrowed(template);
    }
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_take_their_values() {
        let l = Labels::default();
        assert_eq!(
            fill(&l.rank, &[("rank", "3"), ("lower", "2"), ("upper", "6")]),
            "rank 3 (2–6)"
        );
        assert_eq!(
            fill("écart à {reference}", &[("reference", "Nationaux")]),
            "écart à Nationaux"
        );
        assert_eq!(fill("{unknown} stays", &[]), "{unknown} stays");
    }
}
