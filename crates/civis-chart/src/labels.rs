//! The words a chart draws, in one language. English by default; a host page in another
//! language fills [`Labels`] from its own translations (the portal from its Fluent files), so
//! this crate needs no i18n dependency.
//!
//! Words with a number or a name in them are templates with named placeholders in braces
//! (`"gap to {reference}"`), filled by [`fill`]. Counts of things ("3 groups", "1 area") depend
//! on the language's plural rules, so the host gives a function ([`Labels::count`]); numbers are
//! written with the language's [`Numerals`], unit words from [`UnitWords`].

use std::borrow::Cow;
use std::sync::Arc;

use crate::format::{Numerals, UnitWords};

/// Things a text alternative counts; [`Labels::count`] writes "3 groups", "1 area".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// Population groups in a gap or precision chart.
    Groups,
    /// Areas in a ranking or a map class.
    Areas,
    /// Lines of a time series chart.
    Series,
    /// The regions of a map layer of this NUTS level.
    NutsRegions(u8),
    /// The political districts of Austria (the map layer of districts).
    AustrianDistricts,
}

/// A count of things with its noun, after the language's plural rules: "3 groups"; the host
/// page's function (the portal's reads its Fluent messages in the page's language).
#[derive(Clone)]
pub struct CountWords(pub Arc<dyn Fn(Counted, usize) -> String + Send + Sync>);

impl CountWords {
    /// Counts written by `f`.
    pub fn new(f: impl Fn(Counted, usize) -> String + Send + Sync + 'static) -> CountWords {
        CountWords(Arc::new(f))
    }

    /// `n` things of a kind in words.
    pub fn of(&self, what: Counted, n: usize) -> String {
        (self.0)(what, n)
    }
}

impl std::fmt::Debug for CountWords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CountWords({:?})", self.of(Counted::Groups, 2))
    }
}

/// Two count functions are equal when they write the same words (function addresses are not
/// comparable).
impl PartialEq for CountWords {
    fn eq(&self, other: &CountWords) -> bool {
        let kinds = [
            Counted::Groups,
            Counted::Areas,
            Counted::Series,
            Counted::NutsRegions(2),
            Counted::AustrianDistricts,
        ];
        kinds.iter().all(|&k| {
            [0, 1, 2, 5, 22]
                .iter()
                .all(|&n| self.of(k, n) == other.of(k, n))
        })
    }
}

impl Eq for CountWords {}

/// English counts: "1 group", "3 groups", "9 NUTS level 2 regions".
pub fn count_in_english(what: Counted, n: usize) -> String {
    let s = if n == 1 { "" } else { "s" };
    match what {
        Counted::Groups => format!("{n} group{s}"),
        Counted::Areas => format!("{n} area{s}"),
        Counted::Series => format!("{n} series"),
        Counted::NutsRegions(level) => format!("{n} NUTS level {level} region{s}"),
        Counted::AustrianDistricts => format!("{n} Austrian political district{s}"),
    }
}

/// The sentences of the text alternatives (`<desc>` and [`crate::Chart::alt_text`]), as
/// templates; `{title}` is the chart's title, `{unit}` the unit in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AltWords {
    /// An interval: "95 % CI {lower} to {upper}".
    pub ci: String,
    /// After a low-reliability value: "low reliability (u)".
    pub low_reliability: String,
    /// After a model-based value: "model-based estimate (M)".
    pub model_based: String,
    /// The model's share in a model-based value: "{share} % from the model".
    pub model_share: String,
    /// After a published value without interval: "official figure without confidence interval".
    pub official: String,
    /// Said once when all values are published figures: "All values are official figures …".
    pub all_official: String,
    /// After the focus area's name: "focus area".
    pub focus_area: String,
    /// After the focus series' or group's name: "focus".
    pub focus: String,
    /// Gap chart: "{title}. {area}: {groups} compared with {reference} (reference), in {unit}. …"
    /// (`{difference_unit}`: the unit of the gaps).
    pub gap_intro: String,
    /// Gap chart, the reference row: "{label} (reference): {value}".
    pub reference_row: String,
    /// Gap chart, a gap with its interval: "gap {gap} (95 % CI {lower} to {upper}),
    /// {significance}".
    pub gap: String,
    /// Ranking, highest value first: "{title}. {areas}, highest first, in {unit}; …".
    pub ranking_intro_highest: String,
    /// Ranking, lowest value first: "{title}. {areas}, lowest first, in {unit}; …".
    pub ranking_intro_lowest: String,
    /// Ranking: "Reference line: {label} {value}."
    pub reference_line: String,
    /// Ranking, a rank with its interval: "rank {rank} (plausible ranks {lower} to {upper})".
    pub plausible_ranks: String,
    /// Time series: "{title}. {series}, {first} to {last}, in {unit}; …".
    pub series_intro: String,
    /// Map: "{title}. Map of {areas}, in {unit}: {with_value} with a value, …".
    pub map_intro: String,
    /// Map legend, lowest class: "under {upper}{unit}" (`{unit}`: the symbol with its space).
    pub class_under: String,
    /// Map legend: "{lower} to under {upper}{unit}".
    pub class_between: String,
    /// Map legend, highest class: "{lower}{unit} and over".
    pub class_over: String,
    /// Map legend, a single class: "{lower} to {upper}{unit}".
    pub class_range: String,
    /// Map legend, a single class without values: "all values".
    pub class_all: String,
    /// Map: "Classes, light to dark: {classes}."
    pub classes: String,
    /// Map: "Boundaries: {attribution}."
    pub boundaries: String,
    /// Precision chart: "{title}. Coefficient of variation (CV, %) against … for {groups}."
    pub precision_intro: String,
    /// Precision chart: "Thresholds: {thresholds}."
    pub thresholds: String,
    /// Precision chart, a threshold: "{cv} ({label})" (`{cv}` with its `%`).
    pub threshold: String,
    /// Precision chart: "n = {n}".
    pub sample_size: String,
    /// Precision chart: "CV {cv}" (`{cv}` with its `%`).
    pub cv: String,
    /// Precision chart: "at or above {cv} ({label})".
    pub cv_at_or_above: String,
    /// Precision chart: "below all thresholds".
    pub cv_below_all: String,
    /// Precision chart: "CV not available".
    pub cv_not_available: String,
}

impl Default for AltWords {
    fn default() -> AltWords {
        let s = |x: &str| x.to_owned();
        AltWords {
            ci: s("95\u{a0}% CI {lower} to {upper}"),
            low_reliability: s("low reliability (u)"),
            model_based: s("model-based estimate (M)"),
            model_share: s("{share}\u{a0}% from the model"),
            official: s("official figure without confidence interval"),
            all_official: s("All values are official figures without confidence intervals; flags are given where they apply."),
            focus_area: s("focus area"),
            focus: s("focus"),
            gap_intro: s("{title}. {area}: {groups} compared with {reference} (reference), in {unit}. Gaps are group minus reference in {difference_unit}, with 95 % confidence intervals; a gap is significant at 95 % when its interval excludes zero."),
            reference_row: s("{label} (reference): {value}"),
            gap: s("gap {gap} (95 % CI {lower} to {upper}), {significance}"),
            ranking_intro_highest: s("{title}. {areas}, highest first, in {unit}; dots are estimates, whiskers 95 % confidence intervals."),
            ranking_intro_lowest: s("{title}. {areas}, lowest first, in {unit}; dots are estimates, whiskers 95 % confidence intervals."),
            reference_line: s("Reference line: {label} {value}."),
            plausible_ranks: s("rank {rank} (plausible ranks {lower} to {upper})"),
            series_intro: s("{title}. {series}, {first} to {last}, in {unit}; lines are estimates, shaded bands 95 % confidence intervals; a line is broken where a period has no publishable value."),
            map_intro: s("{title}. Map of {areas}, in {unit}: {with_value} with a value, {low} of them of low reliability (hatched), {suppressed} suppressed, {without} without data."),
            class_under: s("under {upper}{unit}"),
            class_between: s("{lower} to under {upper}{unit}"),
            class_over: s("{lower}{unit} and over"),
            class_range: s("{lower} to {upper}{unit}"),
            class_all: s("all values"),
            classes: s("Classes, light to dark: {classes}."),
            boundaries: s("Boundaries: {attribution}."),
            precision_intro: s("{title}. Coefficient of variation (CV, %) against unweighted sample size n for {groups}."),
            thresholds: s("Thresholds: {thresholds}."),
            threshold: s("{cv} ({label})"),
            sample_size: s("n = {n}"),
            cv: s("CV {cv}"),
            cv_at_or_above: s("at or above {cv} ({label})"),
            cv_below_all: s("below all thresholds"),
            cv_not_available: s("CV not available"),
        }
    }
}

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
    /// How numbers are written.
    pub numerals: Numerals,
    /// Unit symbols and names that are words.
    pub units: UnitWords,
    /// The sentences of the text alternative.
    pub alt: AltWords,
    /// A count of things with its noun ("3 groups").
    pub count: CountWords,
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
            numerals: Numerals::default(),
            units: UnitWords::default(),
            alt: AltWords::default(),
            count: CountWords::new(count_in_english),
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
