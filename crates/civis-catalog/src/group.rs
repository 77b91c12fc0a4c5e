//! Target groups: who is a migrant, by citizenship or by country of birth, never mixed.
//!
//! Eurostat codes (dimensions `citizen` and `c_birth`): `NAT` nationals / native-born, `FOR` all
//! foreign citizens / foreign-born, `EU27_2020_FOR` citizens of (born in) another EU-27 country,
//! `NEU27_2020_FOR` non-EU citizens (born outside the EU-27), `TOTAL`. The reference group for gaps
//! is `NAT`.
//!
//! Raw values are classified as follows (after trimming, case-insensitive):
//! - the reporting country's code (Eurostat `EL` and ISO `GR` both work for Greece), `LOC`, `NAT`,
//!   `NATIONAL`, `NATIVE` -> `NAT`;
//! - `EU`, `EU27`, `EU27_2020_FOR`, `EU_FOR`, or the code of another EU-27 member -> `EU27_2020_FOR`;
//! - `OTH`, `OTHER`, `NEU`, `NEU27`, `NEU27_2020_FOR`, `NON-EU`, `STLS` (stateless), or any other
//!   two-letter country code -> `NEU27_2020_FOR`;
//! - empty -> missing (the person is in no group, but is in `TOTAL`);
//! - anything else is an error that lists the values, so that a mapping can recode them.
//!
//! So laeken's synthetic Austrian `eusilc` (`pb220a` = `AT` / `EU` / `Other`) maps, with country
//! `AT`, to `NAT` / `EU27_2020_FOR` / `NEU27_2020_FOR`.

use std::borrow::Cow;
use std::fmt;

/// Citizenship or country of birth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Criterion {
    Citizenship,
    Birth,
}

impl Criterion {
    pub fn code(&self) -> &'static str {
        match self {
            Criterion::Citizenship => "citizenship",
            Criterion::Birth => "birth",
        }
    }
    /// The canonical variable holding the raw value.
    pub fn variable(&self) -> &'static str {
        self.code()
    }
}

/// A target group (Eurostat code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TargetGroup {
    Total,
    Nat,
    For,
    Eu27For,
    Neu27For,
}

impl TargetGroup {
    pub const ALL: [TargetGroup; 5] = [
        TargetGroup::Total,
        TargetGroup::Nat,
        TargetGroup::For,
        TargetGroup::Eu27For,
        TargetGroup::Neu27For,
    ];
    pub fn code(&self) -> &'static str {
        match self {
            TargetGroup::Total => "TOTAL",
            TargetGroup::Nat => "NAT",
            TargetGroup::For => "FOR",
            TargetGroup::Eu27For => "EU27_2020_FOR",
            TargetGroup::Neu27For => "NEU27_2020_FOR",
        }
    }
    /// The group of a Eurostat code, `None` for a code no variant knows.
    pub fn from_code(code: &str) -> Option<TargetGroup> {
        TargetGroup::ALL.into_iter().find(|g| g.code() == code)
    }
    /// The reference group gaps are taken against.
    pub fn reference() -> TargetGroup {
        TargetGroup::Nat
    }
    pub fn label(&self, c: Criterion) -> &'static str {
        match (self, c) {
            (TargetGroup::Total, _) => "Total",
            (TargetGroup::Nat, Criterion::Citizenship) => "Nationals",
            (TargetGroup::Nat, Criterion::Birth) => "Native-born",
            (TargetGroup::For, Criterion::Citizenship) => "Foreign citizens",
            (TargetGroup::For, Criterion::Birth) => "Foreign-born",
            (TargetGroup::Eu27For, Criterion::Citizenship) => "Citizens of another EU country",
            (TargetGroup::Eu27For, Criterion::Birth) => "Born in another EU country",
            (TargetGroup::Neu27For, Criterion::Citizenship) => "Non-EU citizens",
            (TargetGroup::Neu27For, Criterion::Birth) => "Born outside the EU",
        }
    }
}

impl fmt::Display for TargetGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The group of an observation as stored and published: a target group, a gap between two
/// groups (`NEU27_2020_FOR-NAT`, a difference in percentage points or the unit;
/// `NEU27_2020_FOR/NAT`, a ratio in percent of the reference), or a code no variant knows (a
/// synced table's `citizen` code such as `STLS`, or none), kept verbatim so nothing is lost.
///
/// Groups order as their codes do (so lists sorted by group keep the order they had as text).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Group {
    Target(TargetGroup),
    /// `group - reference`.
    Difference(TargetGroup, TargetGroup),
    /// `group / reference`.
    Ratio(TargetGroup, TargetGroup),
    Other(String),
}

impl Group {
    /// Reads a stored or published code; never fails.
    pub fn parse(code: &str) -> Group {
        if let Some(g) = TargetGroup::from_code(code) {
            return Group::Target(g);
        }
        let pair = |sep: char| {
            let (a, b) = code.split_once(sep)?;
            Some((TargetGroup::from_code(a)?, TargetGroup::from_code(b)?))
        };
        if let Some((a, b)) = pair('-') {
            Group::Difference(a, b)
        } else if let Some((a, b)) = pair('/') {
            Group::Ratio(a, b)
        } else {
            Group::Other(code.to_owned())
        }
    }

    /// The gap of `group` to the reference group (nationals / native-born), `group-NAT`.
    pub fn gap(group: TargetGroup) -> Group {
        Group::Difference(group, TargetGroup::reference())
    }

    /// The code as stored (`FOR`, `FOR-NAT`, `FOR/NAT`, or the unknown code itself).
    pub fn code(&self) -> Cow<'_, str> {
        match self {
            Group::Target(g) => Cow::Borrowed(g.code()),
            Group::Difference(a, b) => Cow::Owned(format!("{}-{}", a.code(), b.code())),
            Group::Ratio(a, b) => Cow::Owned(format!("{}/{}", a.code(), b.code())),
            Group::Other(c) => Cow::Borrowed(c),
        }
    }

    /// The target group, when the observation is for one group (not a gap).
    pub fn target(&self) -> Option<TargetGroup> {
        match self {
            Group::Target(g) => Some(*g),
            _ => None,
        }
    }

    /// A gap between two groups (difference or ratio), also an unknown code that is written as
    /// one (`A-B`, `A/B`).
    pub fn is_gap(&self) -> bool {
        self.parts().is_some()
    }

    /// The two groups of a gap (`A-B`, `A/B`, also when a part is a code no variant knows).
    pub fn parts(&self) -> Option<(Group, Group)> {
        match self {
            Group::Difference(a, b) | Group::Ratio(a, b) => {
                Some((Group::Target(*a), Group::Target(*b)))
            }
            Group::Target(_) => None,
            Group::Other(c) => c
                .split_once(['-', '/'])
                .map(|(a, b)| (Group::parse(a), Group::parse(b))),
        }
    }
}

impl Group {
    /// The code as (first part, separator, second part), without allocating.
    fn pieces(&self) -> (&str, &str, &str) {
        match self {
            Group::Target(g) => (g.code(), "", ""),
            Group::Difference(a, b) => (a.code(), "-", b.code()),
            Group::Ratio(a, b) => (a.code(), "/", b.code()),
            Group::Other(c) => (c, "", ""),
        }
    }
}

impl Ord for Group {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        fn bytes(g: &Group) -> impl Iterator<Item = u8> + '_ {
            let (a, s, b) = g.pieces();
            a.bytes().chain(s.bytes()).chain(b.bytes())
        }
        bytes(self).cmp(bytes(other))
    }
}

impl PartialOrd for Group {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Default for Group {
    /// No group given (an empty cell).
    fn default() -> Self {
        Group::Other(String::new())
    }
}

impl From<TargetGroup> for Group {
    fn from(g: TargetGroup) -> Self {
        Group::Target(g)
    }
}

impl From<&str> for Group {
    fn from(code: &str) -> Self {
        Group::parse(code)
    }
}

impl From<String> for Group {
    fn from(code: String) -> Self {
        Group::parse(&code)
    }
}

impl PartialEq<TargetGroup> for Group {
    fn eq(&self, other: &TargetGroup) -> bool {
        *self == Group::Target(*other)
    }
}

impl fmt::Display for Group {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

impl serde::Serialize for Group {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.code())
    }
}

/// EU-27 (2020 composition), Eurostat codes.
pub const EU27_2020: [&str; 27] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

fn eurostat_code(c: &str) -> &str {
    match c {
        "GR" => "EL",
        "GB" => "UK",
        other => other,
    }
}

/// Classify one raw value into `NAT`, `EU27_2020_FOR` or `NEU27_2020_FOR` for reporting country
/// `country`. `Ok(None)` for an empty value; `Err` with the value when it cannot be classified.
pub fn classify(raw: &str, country: Option<&str>) -> Result<Option<TargetGroup>, String> {
    let v = raw.trim().to_ascii_uppercase();
    if v.is_empty() {
        return Ok(None);
    }
    let country = country.map(|c| eurostat_code(&c.trim().to_ascii_uppercase()).to_string());
    let group = match v.as_str() {
        "LOC" | "NAT" | "NATIONAL" | "NATIVE" => TargetGroup::Nat,
        "EU" | "EU27" | "EU27_2020_FOR" | "EU_FOR" => TargetGroup::Eu27For,
        "OTH" | "OTHER" | "NEU" | "NEU27" | "NEU27_2020_FOR" | "NON-EU" | "STLS" => {
            TargetGroup::Neu27For
        }
        code if code.len() == 2 && code.chars().all(|c| c.is_ascii_alphabetic()) => {
            let code = eurostat_code(code);
            match &country {
                Some(c) if c == code => TargetGroup::Nat,
                Some(_) if EU27_2020.contains(&code) => TargetGroup::Eu27For,
                Some(_) => TargetGroup::Neu27For,
                None => {
                    return Err(format!(
                        "`{raw}` is a country code: give the reporting country (--country) to tell nationals from foreigners"
                    ))
                }
            }
        }
        _ => {
            return Err(format!(
                "`{raw}` is not a country code nor one of LOC/NAT, EU, OTH/NEU"
            ))
        }
    };
    Ok(Some(group))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eusilc_codes() {
        assert_eq!(classify("AT", Some("AT")), Ok(Some(TargetGroup::Nat)));
        assert_eq!(classify("EU", Some("AT")), Ok(Some(TargetGroup::Eu27For)));
        assert_eq!(
            classify("Other", Some("AT")),
            Ok(Some(TargetGroup::Neu27For))
        );
        assert_eq!(classify("", Some("AT")), Ok(None));
    }

    #[test]
    fn group_codes_round_trip_and_unknown_codes_are_kept() {
        for code in [
            "TOTAL",
            "FOR",
            "NEU27_2020_FOR-NAT",
            "FOR/NAT",
            "STLS",
            "",
            "X-NAT",
        ] {
            assert_eq!(Group::parse(code).code(), code);
        }
        assert_eq!(Group::parse("FOR-NAT"), Group::gap(TargetGroup::For));
        assert_eq!(Group::parse("STLS"), Group::Other("STLS".into()));
        assert!(Group::parse("X-NAT").is_gap());
        assert!(!Group::parse("NAT").is_gap());
        let mut codes = [
            "TOTAL",
            "NAT",
            "FOR-NAT",
            "FOR",
            "EU27_2020_FOR",
            "FOR/NAT",
            "STLS",
        ];
        let mut groups: Vec<Group> = codes.iter().map(|&c| Group::parse(c)).collect();
        codes.sort();
        groups.sort();
        let sorted: Vec<String> = groups.iter().map(|g| g.code().into_owned()).collect();
        assert_eq!(sorted, codes);
    }

    #[test]
    fn country_codes_need_the_reporting_country() {
        assert_eq!(classify("DE", Some("AT")), Ok(Some(TargetGroup::Eu27For)));
        assert_eq!(classify("TR", Some("AT")), Ok(Some(TargetGroup::Neu27For)));
        assert_eq!(classify("GR", Some("EL")), Ok(Some(TargetGroup::Nat)));
        assert_eq!(classify("el", Some("AT")), Ok(Some(TargetGroup::Eu27For)));
        assert!(classify("DE", None).is_err());
        assert_eq!(classify("LOC", None), Ok(Some(TargetGroup::Nat)));
        assert!(classify("foreigner", Some("AT"))
            .unwrap_err()
            .contains("foreigner"));
    }
}
