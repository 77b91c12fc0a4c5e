//! Every word of the report in one place, per language, and numbers written per locale.
//!
//! The report is offered in English and French (`?lang=fr`); the numbers are the page's
//! ([`crate::render`]), rewritten for the locale by [`Lang::number`]: French writes a decimal
//! comma and a narrow no-break space between thousands (`61,2 %`, `21 430 €`).

/// A language of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    /// Every language a report can be asked in.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// The portal's language of the same name (for its number formats).
    pub fn page(self) -> crate::i18n::Lang {
        match self {
            Lang::En => crate::i18n::Lang::En,
            Lang::Fr => crate::i18n::Lang::Fr,
        }
    }

    /// The report's language for a page in `l`: English for the languages the report does not
    /// speak yet.
    pub fn for_page(l: crate::i18n::Lang) -> Lang {
        match l {
            crate::i18n::Lang::Fr => Lang::Fr,
            _ => Lang::En,
        }
    }

    /// The BCP 47 code (`en`, `fr`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// The language of a code, `None` when the report is not offered in it.
    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// A method (`official`, `direct`, `model-based`) in words.
    pub fn method(self, method: &str) -> &'static str {
        match (self, method) {
            (Lang::En, "official") => "official",
            (Lang::Fr, "official") => "officiel",
            (_, "direct") => "direct",
            (Lang::En, "model-based") => "model-based",
            (Lang::Fr, "model-based") => "fondé sur un modèle",
            (Lang::En, _) => "other",
            (Lang::Fr, _) => "autre",
        }
    }

    /// A precision outcome (`publish`, `publish with flag u`, `suppressed`, `not available`).
    pub fn outcome(self, outcome: &str) -> &'static str {
        match (self, outcome) {
            (Lang::En, "publish") => "publish",
            (Lang::Fr, "publish") => "publier",
            (Lang::En, "publish with flag u") => "publish with flag u",
            (Lang::Fr, "publish with flag u") => "publier avec le signe u",
            (_, "suppressed") => self.words().suppressed,
            _ => self.words().not_available,
        }
    }

    /// The label of a target group or gap code (`FOR`, `NEU27_2020_FOR-NAT`, `FOR/NAT`), as
    /// [`crate::render::group_label`] writes it in English.
    pub fn group_label(self, code: &str, criterion: &str) -> String {
        if self == Lang::En {
            return crate::render::group_label(code, criterion);
        }
        use civis_catalog::TargetGroup;
        let birth = criterion == "birth";
        let one = |code: &str| {
            let Some(g) = TargetGroup::ALL.iter().find(|t| t.code() == code) else {
                return code.to_string();
            };
            match (g, birth) {
                (TargetGroup::Total, _) => "Total",
                (TargetGroup::Nat, false) => "Nationaux",
                (TargetGroup::Nat, true) => "Nés dans le pays",
                (TargetGroup::For, false) => "Ressortissants étrangers",
                (TargetGroup::For, true) => "Nés à l’étranger",
                (TargetGroup::Eu27For, false) => "Citoyens d’un autre pays de l’UE",
                (TargetGroup::Eu27For, true) => "Nés dans un autre pays de l’UE",
                (TargetGroup::Neu27For, false) => "Citoyens de pays tiers",
                (TargetGroup::Neu27For, true) => "Nés hors de l’UE",
            }
            .to_string()
        };
        if let Some((a, b)) = code.split_once('-') {
            format!("Écart : {} − {}", one(a), one(b).to_lowercase())
        } else if let Some((a, b)) = code.split_once('/') {
            format!("Rapport : {} / {}", one(a), one(b).to_lowercase())
        } else {
            one(code)
        }
    }

    pub fn words(self) -> &'static Words {
        match self {
            Lang::En => &EN,
            Lang::Fr => &FR,
        }
    }

    /// A number (or a text with numbers and units) as the page writes it, in this locale: a
    /// decimal comma between digits in French, units in French words.
    pub fn number(self, text: &str) -> String {
        match self {
            Lang::En => text.to_string(),
            Lang::Fr => {
                let chars: Vec<char> = text.chars().collect();
                let mut out = String::with_capacity(text.len());
                for (i, &c) in chars.iter().enumerate() {
                    let between_digits = i > 0
                        && chars[i - 1].is_ascii_digit()
                        && chars.get(i + 1).is_some_and(char::is_ascii_digit);
                    out.push(if c == '.' && between_digits { ',' } else { c });
                }
                out.replace(" thousand", " milliers")
                    .replace("% of ref.", "% de la réf.")
                    .replace(" pp", " pt")
            }
        }
    }
}

/// The report's words in one language.
#[derive(Debug)]
pub struct Words {
    pub report_of: &'static str,
    pub footer: &'static str,
    pub compared_with: &'static str,
    pub compared_with_nothing: &'static str,
    pub and: &'static str,
    pub or: &'static str,
    pub ages: &'static str,
    pub group: &'static str,
    pub ci: &'static str,
    pub by_group: &'static str,
    pub direct: &'static str,
    pub no_comparator_value: &'static str,
    pub gaps: &'static str,
    pub gap_of: &'static str,
    pub to: &'static str,
    pub synthetic: &'static str,
    pub significant: &'static str,
    pub significant_ratio: &'static str,
    pub not_significant: &'static str,
    pub not_significant_ratio: &'static str,
    pub not_tested: &'static str,
    pub gap_suppressed: &'static str,
    pub suppressed: &'static str,
    pub not_available: &'static str,
    pub over_time: &'static str,
    pub year: &'static str,
    pub definition: &'static str,
    pub precision: &'static str,
    pub precision_cells: &'static str,
    pub precision_with_sae: &'static str,
    pub precision_cv: &'static str,
    pub indicator: &'static str,
    pub method: &'static str,
    pub estimate: &'static str,
    pub outcome: &'static str,
    pub peers: &'static str,
    pub peers_intro: &'static str,
    pub distance: &'static str,
    pub shared: &'static str,
    pub region: &'static str,
    pub region_intro: &'static str,
    pub peer_cities: &'static str,
    pub foreign_born_share: &'static str,
    pub legend: &'static str,
    pub legend_items: [&'static str; 6],
    pub synthetic_note: &'static str,
    pub sources: &'static str,
    pub vintage: &'static str,
    pub retrieved: &'static str,
    pub citation: &'static str,
    pub cite_as: &'static str,
    pub online: &'static str,
    pub data_version: &'static str,
    pub no_values: &'static str,
}

pub static EN: Words = Words {
    report_of: "Profile",
    footer: "Civis: indicators of immigrant integration for European cities and regions",
    compared_with: "Compared with",
    compared_with_nothing: "Compared with nothing above it.",
    and: "and",
    or: "or",
    ages: "ages",
    group: "Group",
    ci: "95 % CI",
    by_group: "by group, with 95 % confidence intervals",
    direct: "direct",
    no_comparator_value: "No value in the sources for this indicator, group and year (with the same age band), not shown rather than left blank:",
    gaps: "Gaps",
    gap_of: "of",
    to: "to",
    synthetic: "synthetic",
    significant: "the difference is statistically significant (95 %)",
    significant_ratio: "the ratio differs significantly from 100 % (95 %)",
    not_significant: "not statistically significant",
    not_significant_ratio: "not significantly different from 100 %",
    not_tested: "not tested (no standard error published)",
    gap_suppressed: "one of the groups has too few observations to publish",
    suppressed: "suppressed",
    not_available: "not available",
    over_time: "Over time",
    year: "Year",
    definition: "Definition",
    precision: "How precise are these numbers?",
    precision_cells: "indicator × group cells can be published from the survey alone",
    precision_with_sae: "with small area estimation",
    precision_cv: "The coefficient of variation (CV) is the standard error as a share of the estimate.",
    indicator: "Indicator",
    method: "Method",
    estimate: "Estimate",
    outcome: "Outcome",
    peers: "Similar areas",
    peers_intro: "Areas closest on the context indicators (standardised distance; lower is closer), as on the portal's peers page:",
    distance: "Distance",
    shared: "Indicators shared",
    region: "Migrant outcomes in its region (NUTS 2)",
    region_intro: "Eurostat publishes no migrant outcomes for cities: these are the region's, from the EU Labour Force Survey.",
    peer_cities: "Peer cities (same country, closest foreign-born share)",
    foreign_born_share: "Foreign-born share",
    legend: "Marks and flags",
    legend_items: [
        "u: low reliability (Eurostat flag u): read with care.",
        "c / suppressed: too few observations or confidential; never shown as a number.",
        "M: model-based (small area) estimate, with the share that comes from the model.",
        "E: published by Eurostat (official, no interval published).",
        "synthetic: computed from synthetic test data (laeken eusilc, emdi eusilcA), not real statistics.",
        "Other letters are Eurostat flags: b break in series, d definition differs, e estimated, p provisional, r revised, s Eurostat estimate.",
    ],
    synthetic_note: "Some values in this report are computed from synthetic test data (the laeken eusilc and emdi eusilcA files): they demonstrate the methods and are not real statistics for Austria. They are marked “synthetic”.",
    sources: "Sources",
    vintage: "vintage",
    retrieved: "retrieved",
    citation: "Citation",
    cite_as: "Cite this report as",
    online: "Online",
    data_version: "Data version",
    no_values: "No indicator values for this area.",
};

pub static FR: Words = Words {
    report_of: "Profil",
    footer: "Civis : indicateurs de l’intégration des immigrés pour les villes et régions européennes",
    compared_with: "Comparé à",
    compared_with_nothing: "Aucune zone de comparaison au-dessus.",
    and: "et",
    or: "ou",
    ages: "âges",
    group: "Groupe",
    ci: "IC à 95 %",
    by_group: "par groupe, avec intervalles de confiance à 95 %",
    direct: "directe",
    no_comparator_value: "Aucune valeur dans les sources pour cet indicateur, ce groupe et cette année (même tranche d’âge), non affiché plutôt que laissé vide :",
    gaps: "Écarts",
    gap_of: "des",
    to: "à",
    synthetic: "synthétique",
    significant: "la différence est statistiquement significative (95 %)",
    significant_ratio: "le rapport diffère significativement de 100 % (95 %)",
    not_significant: "non statistiquement significatif",
    not_significant_ratio: "pas significativement différent de 100 %",
    not_tested: "non testé (aucune erreur type publiée)",
    gap_suppressed: "l’un des groupes compte trop peu d’observations pour être publié",
    suppressed: "supprimé",
    not_available: "non disponible",
    over_time: "Évolution",
    year: "Année",
    definition: "Définition",
    precision: "Quelle est la précision de ces chiffres ?",
    precision_cells: "cellules indicateur × groupe sont publiables à partir de la seule enquête",
    precision_with_sae: "avec l’estimation sur petits domaines",
    precision_cv: "Le coefficient de variation (CV) est l’erreur type rapportée à l’estimation.",
    indicator: "Indicateur",
    method: "Méthode",
    estimate: "Estimation",
    outcome: "Décision",
    peers: "Zones comparables",
    peers_intro: "Zones les plus proches sur les indicateurs de contexte (distance standardisée ; plus elle est faible, plus la zone est proche), comme sur la page des pairs du portail :",
    distance: "Distance",
    shared: "Indicateurs communs",
    region: "Situation des immigrés dans sa région (NUTS 2)",
    region_intro: "Eurostat ne publie pas d’indicateurs sur les immigrés pour les villes : ce sont ceux de la région, issus de l’enquête sur les forces de travail de l’UE.",
    peer_cities: "Villes pairs (même pays, part de personnes nées à l’étranger la plus proche)",
    foreign_born_share: "Part des personnes nées à l’étranger",
    legend: "Marques et signes",
    legend_items: [
        "u : fiabilité faible (signe Eurostat u) : à lire avec prudence.",
        "c / supprimé : trop peu d’observations ou confidentiel ; jamais affiché comme un nombre.",
        "M : estimation fondée sur un modèle (petits domaines), avec la part qui vient du modèle.",
        "E : publié par Eurostat (officiel, sans intervalle publié).",
        "synthétique : calculé à partir de données de test synthétiques (laeken eusilc, emdi eusilcA), pas des statistiques réelles.",
        "Les autres lettres sont des signes Eurostat : b rupture de série, d définition différente, e estimé, p provisoire, r révisé, s estimation Eurostat.",
    ],
    synthetic_note: "Certaines valeurs de ce rapport sont calculées à partir de données de test synthétiques (fichiers eusilc de laeken et eusilcA d’emdi) : elles illustrent les méthodes et ne sont pas des statistiques réelles pour l’Autriche. Elles sont marquées « synthétique ».",
    sources: "Sources",
    vintage: "millésime",
    retrieved: "récupéré le",
    citation: "Citation",
    cite_as: "Citer ce rapport",
    online: "En ligne",
    data_version: "Version des données",
    no_values: "Aucune valeur d’indicateur pour cette zone.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_numbers_take_a_decimal_comma_and_keep_their_thousands_space() {
        assert_eq!(Lang::Fr.number("61.2 % – 65.4 %"), "61,2 % – 65,4 %");
        assert_eq!(Lang::Fr.number("21\u{202f}430 €"), "21\u{202f}430 €");
        assert_eq!(Lang::Fr.number("+3.2 pp"), "+3,2 pt");
        assert_eq!(Lang::Fr.number("e.g. 1.5"), "e.g. 1,5");
        assert_eq!(Lang::En.number("61.2 %"), "61.2 %");
    }

    #[test]
    fn every_target_group_has_a_french_label() {
        use civis_catalog::TargetGroup;
        for g in TargetGroup::ALL
            .iter()
            .filter(|g| **g != TargetGroup::Total)
        {
            for c in ["citizenship", "birth"] {
                let fr = Lang::Fr.group_label(g.code(), c);
                assert_ne!(fr, g.code(), "{c}");
                assert_ne!(fr, Lang::En.group_label(g.code(), c), "{}", g.code());
            }
        }
        assert_eq!(
            Lang::Fr.group_label("NEU27_2020_FOR-NAT", "citizenship"),
            "Écart : Citoyens de pays tiers − nationaux"
        );
    }

    #[test]
    fn languages_round_trip_through_their_codes() {
        for l in Lang::ALL {
            assert_eq!(Lang::parse(l.code()), Some(l));
        }
        assert_eq!(Lang::parse("xx"), None);
    }
}
