//! The controlled vocabularies of the registry. Each term has a stable code (stored, exchanged,
//! used in URLs and form values) and an English label (shown).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every term, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The English label.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// The term for a code (case-insensitive, `-` read as `_`).
            pub fn parse(raw: &str) -> Result<$name, String> {
                let t = raw.trim().to_ascii_lowercase().replace('-', "_");
                Self::ALL.iter().copied().find(|v| v.code() == t).ok_or_else(|| {
                    let codes: Vec<&str> = Self::ALL.iter().map(|v| v.code()).collect();
                    format!("`{}` is not one of {}", raw.trim(), codes.join(", "))
                })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $name::parse(&s).map_err(serde::de::Error::custom)
            }
        }
    };
}

vocabulary! {
    /// Policy areas: Eurostat's six migrant-integration areas plus the fields cities organise
    /// integration work by (language, reception, anti-discrimination, data and governance).
    PolicyArea {
        Employment = ("employment", "Employment"),
        Education = ("education", "Education"),
        SocialInclusion = ("social_inclusion", "Social inclusion"),
        Housing = ("housing", "Housing"),
        Health = ("health", "Health"),
        ActiveCitizenship = ("active_citizenship", "Active citizenship"),
        Language = ("language", "Language learning"),
        Reception = ("reception", "Reception and orientation"),
        AntiDiscrimination = ("anti_discrimination", "Anti-discrimination"),
        Governance = ("governance", "Governance, data and monitoring"),
    }
}

vocabulary! {
    /// Who a practice is for. Cities' target groups are broader than Eurostat's statistical
    /// groups (domain.md 7.4), so the list includes legal statuses and life stages.
    Audience {
        AllResidents = ("all_residents", "All residents"),
        ForeignCitizens = ("foreign_citizens", "Foreign citizens"),
        EuCitizens = ("eu_citizens", "Citizens of other EU countries"),
        NonEuCitizens = ("non_eu_citizens", "Non-EU citizens (third-country nationals)"),
        ForeignBorn = ("foreign_born", "Foreign-born residents"),
        SecondGeneration = ("second_generation", "Native-born with migrant parents"),
        Refugees = ("refugees", "Refugees and beneficiaries of international protection"),
        AsylumSeekers = ("asylum_seekers", "Asylum seekers"),
        Undocumented = ("undocumented", "Undocumented migrants"),
        Women = ("women", "Women"),
        Youth = ("youth", "Young people"),
        Children = ("children", "Children"),
        OlderPeople = ("older_people", "Older people"),
    }
}

vocabulary! {
    /// How strong the evidence for a practice's results is.
    Evidence {
        None = ("none", "No evaluation yet"),
        Monitoring = ("monitoring", "Monitoring data (outputs, participants)"),
        Evaluation = ("evaluation", "Evaluation (before/after, qualitative or quantitative)"),
        Counterfactual = ("counterfactual", "Impact evaluation with a comparison group"),
    }
}

vocabulary! {
    /// What a city needs help with.
    NeedKind {
        Data = ("data", "Data"),
        Indicator = ("indicator", "Indicators and definitions"),
        Tool = ("tool", "Software or tool"),
        Method = ("method", "Method (estimation, evaluation)"),
        Practice = ("practice", "A practice to learn from"),
    }
}

vocabulary! {
    /// Networks are lasting memberships; projects have an end.
    NetworkKind {
        Network = ("network", "Network"),
        Project = ("project", "Project"),
    }
}

vocabulary! {
    /// Kinds of directory instruments.
    InstrumentKind {
        DataSource = ("data_source", "Database or dataset"),
        Survey = ("survey", "Survey"),
        IndicatorSet = ("indicator_set", "Indicator set"),
        PolicyIndex = ("policy_index", "Policy index or benchmark"),
        PracticeDatabase = ("practice_database", "Practice database or network"),
        Classification = ("classification", "Classification or typology"),
        Software = ("software", "Software"),
        Method = ("method", "Method or guidelines"),
    }
}

vocabulary! {
    /// The finest geography an instrument covers.
    GeoLevel {
        Any = ("any", "Any level (software, methods)"),
        International = ("international", "World regions or international"),
        Country = ("country", "Country"),
        Nuts1 = ("nuts1", "NUTS 1 regions"),
        Nuts2 = ("nuts2", "NUTS 2 regions"),
        Nuts3 = ("nuts3", "NUTS 3 regions"),
        Degurba = ("degurba", "Degree of urbanisation"),
        City = ("city", "Cities"),
        Fua = ("fua", "Functional urban areas"),
        Lau = ("lau", "Municipalities (LAU)"),
        Grid = ("grid", "Grid cells"),
    }
}

vocabulary! {
    /// Under which conditions an instrument can be used.
    Access {
        Open = ("open", "Open, no registration"),
        Registration = ("registration", "Free after registration"),
        OnRequest = ("on_request", "On request (research proposal or agreement)"),
        Licence = ("licence", "Licence or fee"),
    }
}

vocabulary! {
    /// Where an entry is in moderation. Only `published` entries are public.
    Status {
        Draft = ("draft", "Draft"),
        Submitted = ("submitted", "Submitted for review"),
        Published = ("published", "Published"),
    }
}

vocabulary! {
    /// The kinds of registry entries.
    EntryKind {
        Practice = ("practice", "Practice"),
        Need = ("need", "City need"),
        Network = ("network", "Network or project"),
        Instrument = ("instrument", "Directory instrument"),
    }
}

/// Parses a list of codes into terms, reporting every unknown code.
pub(crate) fn parse_all<T>(
    items: &[String],
    parse: fn(&str) -> Result<T, String>,
) -> Result<Vec<T>, String>
where
    T: Ord,
{
    if items.len() > crate::fields::MAX_ITEMS {
        return Err(format!("has more than {} items", crate::fields::MAX_ITEMS));
    }
    let mut out = Vec::with_capacity(items.len());
    let mut bad = Vec::new();
    for i in items {
        match parse(i) {
            Ok(v) => out.push(v),
            Err(e) => bad.push(e),
        }
    }
    if !bad.is_empty() {
        return Err(bad.join("; "));
    }
    out.sort();
    out.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_list_the_choices() {
        for a in PolicyArea::ALL {
            assert_eq!(PolicyArea::parse(a.code()).unwrap(), *a);
        }
        assert_eq!(Status::parse("Published").unwrap(), Status::Published);
        assert_eq!(
            Audience::parse("non-eu-citizens").unwrap(),
            Audience::NonEuCitizens
        );
        let e = Evidence::parse("anecdote").unwrap_err();
        assert!(e.contains("counterfactual"), "{e}");
        let json = serde_json::to_string(&GeoLevel::Nuts2).unwrap();
        assert_eq!(json, "\"nuts2\"");
        assert_eq!(
            serde_json::from_str::<Access>("\"on_request\"").unwrap(),
            Access::OnRequest
        );
    }

    #[test]
    fn lists_are_sorted_deduplicated_and_report_every_bad_code() {
        let items: Vec<String> = ["health", "employment", "health"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            parse_all(&items, PolicyArea::parse).unwrap(),
            [PolicyArea::Employment, PolicyArea::Health]
        );
        let bad: Vec<String> = ["x", "health", "y"].map(String::from).to_vec();
        let e = parse_all(&bad, PolicyArea::parse).unwrap_err();
        assert!(e.contains("`x`") && e.contains("`y`"), "{e}");
    }
}
