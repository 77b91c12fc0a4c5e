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
