//! The report's words, read from the portal's Fluent files (`crates/civis-web/locales/*.ftl`,
//! the `report-*` messages and the page's own ones), so the report speaks every language of the
//! portal and says what the page says. Numbers are not here: the report writes them with the
//! page's code ([`crate::render`], CLDR rules per language), run inside
//! [`crate::i18n::with_lang`] by [`super::area_report`].

use civis_catalog::Method;

use crate::i18n::t_in;
pub use crate::i18n::Lang;

/// The report's fixed words in one language (the sentences with numbers or names in them are
/// `t_args` calls where they are written).
#[derive(Debug)]
pub struct Words {
    pub report_of: String,
    pub footer: String,
    pub compared_with_nothing: String,
    pub and: String,
    pub or: String,
    pub group: String,
    pub ci: String,
    pub direct: String,
    pub gaps: String,
    pub synthetic: String,
    pub significant: String,
    pub significant_ratio: String,
    pub not_significant: String,
    pub not_significant_ratio: String,
    pub not_tested: String,
    pub gap_suppressed: String,
    pub suppressed: String,
    pub not_available: String,
    pub over_time: String,
    pub year: String,
    pub definition: String,
    pub precision: String,
    pub precision_cv: String,
    pub indicator: String,
    pub method: String,
    pub estimate: String,
    pub outcome: String,
    pub peers: String,
    pub peers_intro: String,
    pub distance: String,
    pub shared: String,
    pub region: String,
    pub region_intro: String,
    pub peer_cities: String,
    pub foreign_born_share: String,
    pub legend: String,
    pub legend_items: Vec<String>,
    pub synthetic_note: String,
    pub sources: String,
    pub vintage: String,
    pub retrieved: String,
    pub citation: String,
    pub cite_as: String,
    pub online: String,
    pub data_version: String,
    pub no_values: String,
}

impl Words {
    /// The words in `lang`.
    pub fn of(lang: Lang) -> Words {
        let t = |key: &str| t_in(lang, key, None);
        Words {
            report_of: t("report-profile"),
            footer: format!("Civis: {}", t("tagline")),
            compared_with_nothing: t("area-compared-with-nothing"),
            and: t("list-and"),
            or: t("list-or"),
            group: t("col-group"),
            ci: t("col-ci"),
            direct: t("area-direct"),
            gaps: t("report-gaps"),
            synthetic: t("badge-synthetic"),
            significant: t("verdict-significant"),
            significant_ratio: t("verdict-ratio-significant"),
            not_significant: t("verdict-not-significant"),
            not_significant_ratio: t("verdict-ratio-not-significant"),
            not_tested: t("verdict-not-tested"),
            gap_suppressed: t("verdict-group-too-small"),
            suppressed: t("value-suppressed"),
            not_available: t("value-not-available"),
            over_time: t("report-over-time"),
            year: t("filter-year"),
            definition: t("indicator-definition-title"),
            precision: t("precision-title"),
            precision_cv: t("precision-cv"),
            indicator: t("col-indicator"),
            method: t("col-method"),
            estimate: t("col-estimate"),
            outcome: t("col-outcome"),
            peers: t("area-similar-areas"),
            peers_intro: t("report-peers-intro"),
            distance: t("peers-distance"),
            shared: t("report-shared"),
            region: t("city-region-title"),
            region_intro: t("city-no-city-outcomes"),
            peer_cities: t("report-peer-cities"),
            foreign_born_share: t("city-col-foreign-born"),
            legend: t("report-legend"),
            legend_items: [
                "report-legend-u",
                "report-legend-c",
                "report-legend-m",
                "report-legend-e",
                "report-legend-synthetic",
                "report-legend-flags",
            ]
            .into_iter()
            .map(t)
            .collect(),
            synthetic_note: t("report-synthetic-note"),
            sources: t("sources-title"),
            vintage: t("sources-vintage"),
            retrieved: t("report-retrieved"),
            citation: t("report-citation"),
            cite_as: t("report-cite-as"),
            online: t("report-online"),
            data_version: t("report-data-version"),
            no_values: t("area-no-values"),
        }
    }
}

/// A method (`official`, `direct`, `model-based`) in words, as the page writes it.
pub fn method(lang: Lang, method: Method) -> String {
    t_in(lang, &format!("method-{method}"), None)
}

/// A precision outcome (`publish`, `publish with flag u`, `suppressed`, `not available`) in
/// words, as the page's precision table writes it.
pub fn outcome(lang: Lang, outcome: &str) -> String {
    t_in(
        lang,
        &format!("outcome-{}", outcome.replace(' ', "-")),
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_its_own_report_words() {
        let en = Words::of(Lang::En);
        assert_eq!(en.report_of, "Profile");
        assert_eq!(en.legend_items.len(), 6);
        for l in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
            let w = Words::of(l);
            assert_ne!(w.report_of, en.report_of, "{l}");
            assert_ne!(w.legend, en.legend, "{l}");
            assert_ne!(w.synthetic_note, en.synthetic_note, "{l}");
            assert_ne!(w.legend_items, en.legend_items, "{l}");
        }
        assert_eq!(Words::of(Lang::De).report_of, "Profil");
        assert_eq!(method(Lang::Fr, Method::ModelBased), "fondée sur un modèle");
        assert_eq!(
            outcome(Lang::En, "publish with flag u"),
            "publish with flag u"
        );
    }
}
