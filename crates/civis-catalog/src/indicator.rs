//! Indicator definitions: `crates/civis-catalog/data/indicators.toml` (embedded) or a user catalogue file.

use std::collections::{BTreeMap, BTreeSet};

use civis_frame::expr::parse;
use serde::Deserialize;

use crate::error::CatalogError;
use crate::variables::Variables;

/// The default catalogue, compiled into the binary.
pub const DEFAULT_INDICATORS: &str = include_str!("../data/indicators.toml");

/// Thematic area of the Zaragoza / Eurostat set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    Employment,
    Education,
    SocialInclusion,
    Housing,
    Health,
    ActiveCitizenship,
}

impl Area {
    pub fn name(&self) -> &'static str {
        match self {
            Area::Employment => "Employment",
            Area::Education => "Education",
            Area::SocialInclusion => "Social inclusion",
            Area::Housing => "Housing",
            Area::Health => "Health",
            Area::ActiveCitizenship => "Active citizenship",
        }
    }
}

/// The survey (or register) an indicator comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Source {
    #[serde(rename = "eu-lfs")]
    EuLfs,
    #[serde(rename = "eu-silc")]
    EuSilc,
    #[serde(rename = "admin")]
    Admin,
}

impl Source {
    pub fn code(&self) -> &'static str {
        match self {
            Source::EuLfs => "eu-lfs",
            Source::EuSilc => "eu-silc",
            Source::Admin => "admin",
        }
    }
}

/// How an indicator is estimated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// numerator / denominator totals over the population.
    Ratio,
    /// share below 60 % of the national median of `variable`.
    PovertyRate,
    /// weighted median of `variable`.
    Median,
    /// median of the group / median of the reference group.
    MedianRatio,
    /// administrative counts: numerator / denominator.
    CountRatio,
}

/// Unit of a published value (Eurostat `unit` codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
pub enum Unit {
    /// Percent.
    #[serde(rename = "PC")]
    Percent,
    /// Percent of the population (`PC_POP`).
    #[serde(rename = "PC_POP")]
    PercentOfPopulation,
    /// Percent of the active population (`PC_ACT`).
    #[serde(rename = "PC_ACT")]
    PercentOfActive,
    /// Euro.
    #[serde(rename = "EUR")]
    Currency,
    /// National currency (`NAC`).
    #[serde(rename = "NAC")]
    NationalCurrency,
    /// Purchasing power standard (`PPS`).
    #[serde(rename = "PPS")]
    PurchasingPowerStandard,
    /// Percent of the reference group's value.
    #[serde(rename = "PC_REF")]
    PercentOfReference,
    /// Thousand persons (`THS_PER`).
    #[serde(rename = "THS_PER")]
    ThousandPersons,
    /// Thousand (`THS`).
    #[serde(rename = "THS")]
    Thousand,
}

impl Unit {
    pub const ALL: [Unit; 9] = [
        Unit::Percent,
        Unit::PercentOfPopulation,
        Unit::PercentOfActive,
        Unit::Currency,
        Unit::NationalCurrency,
        Unit::PurchasingPowerStandard,
        Unit::PercentOfReference,
        Unit::ThousandPersons,
        Unit::Thousand,
    ];

    pub fn code(&self) -> &'static str {
        match self {
            Unit::Percent => "PC",
            Unit::PercentOfPopulation => "PC_POP",
            Unit::PercentOfActive => "PC_ACT",
            Unit::Currency => "EUR",
            Unit::NationalCurrency => "NAC",
            Unit::PurchasingPowerStandard => "PPS",
            Unit::PercentOfReference => "PC_REF",
            Unit::ThousandPersons => "THS_PER",
            Unit::Thousand => "THS",
        }
    }

    /// The unit of a Eurostat code, `None` for a code no variant knows.
    pub fn from_code(code: &str) -> Option<Unit> {
        Unit::ALL.into_iter().find(|u| u.code() == code)
    }

    /// A percentage of some population (`PC`, `PC_POP`, `PC_ACT`), whose differences are
    /// percentage points; not [`Unit::PercentOfReference`].
    pub fn is_percent(&self) -> bool {
        matches!(
            self,
            Unit::Percent | Unit::PercentOfPopulation | Unit::PercentOfActive
        )
    }

    /// A count in thousands (`THS_PER`, `THS`).
    pub fn is_thousands(&self) -> bool {
        matches!(self, Unit::ThousandPersons | Unit::Thousand)
    }

    /// An amount of money (`EUR`, `NAC`, `PPS`).
    pub fn is_money(&self) -> bool {
        matches!(
            self,
            Unit::Currency | Unit::NationalCurrency | Unit::PurchasingPowerStandard
        )
    }
}

/// The unit of an observation as found in data: a known [`Unit`], or a code no variant knows
/// (e.g. `PC_Y_LT60` in a synced Eurostat table), kept verbatim so that nothing is lost. Units
/// order as their codes do.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum UnitCode {
    Known(Unit),
    Other(String),
}

impl UnitCode {
    /// Reads a stored or published code; never fails.
    pub fn parse(code: &str) -> UnitCode {
        Unit::from_code(code).map_or_else(|| UnitCode::Other(code.to_owned()), UnitCode::Known)
    }

    pub fn code(&self) -> &str {
        match self {
            UnitCode::Known(u) => u.code(),
            UnitCode::Other(c) => c,
        }
    }

    /// The known unit, if any.
    pub fn unit(&self) -> Option<Unit> {
        match self {
            UnitCode::Known(u) => Some(*u),
            UnitCode::Other(_) => None,
        }
    }
}

impl Ord for UnitCode {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.code().cmp(other.code())
    }
}

impl PartialOrd for UnitCode {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Default for UnitCode {
    /// No unit given (an empty cell).
    fn default() -> Self {
        UnitCode::Other(String::new())
    }
}

impl From<Unit> for UnitCode {
    fn from(u: Unit) -> Self {
        UnitCode::Known(u)
    }
}

impl From<&str> for UnitCode {
    fn from(code: &str) -> Self {
        UnitCode::parse(code)
    }
}

impl From<String> for UnitCode {
    fn from(code: String) -> Self {
        UnitCode::parse(&code)
    }
}

impl PartialEq<Unit> for UnitCode {
    fn eq(&self, other: &Unit) -> bool {
        self.unit() == Some(*other)
    }
}

impl std::fmt::Display for UnitCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl serde::Serialize for UnitCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// Which publication rule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleName {
    Lfs,
    Silc,
    None,
}

/// One indicator.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: String,
    pub area: Area,
    pub name: String,
    pub definition: String,
    pub source: Source,
    /// Eurostat age code of the default band, e.g. `Y20-64`.
    pub age: String,
    pub population: String,
    pub kind: Kind,
    #[serde(default)]
    pub numerator: Option<String>,
    #[serde(default)]
    pub denominator: Option<String>,
    #[serde(default)]
    pub variable: Option<String>,
    pub unit: Unit,
    pub higher_is_better: bool,
    pub reliability: RuleName,
    /// Eurostat datasets publishing it (keys: citizenship, birth, nuts2, degurba, denominator).
    #[serde(default)]
    pub eurostat: BTreeMap<String, String>,
}

impl Indicator {
    /// Every canonical variable the definition uses.
    pub fn inputs(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for e in [
            &Some(self.population.clone()),
            &self.numerator,
            &self.denominator,
        ]
        .into_iter()
        .flatten()
        {
            if let Ok(x) = parse(e) {
                out.extend(x.columns());
            }
        }
        if let Some(v) = &self.variable {
            out.insert(v.clone());
        }
        out
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: String,
    indicator: Vec<Indicator>,
}

/// The catalogue: a version and its indicators, validated.
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub version: String,
    pub indicators: Vec<Indicator>,
}

impl Catalogue {
    /// The catalogue shipped with Civis.
    pub fn default_catalogue() -> Result<Catalogue, CatalogError> {
        Catalogue::parse(
            DEFAULT_INDICATORS,
            "crates/civis-catalog/data/indicators.toml",
            &Variables::default_variables()?,
        )
    }

    /// Parse and validate a catalogue file against the canonical variables.
    pub fn parse(text: &str, name: &str, vars: &Variables) -> Result<Catalogue, CatalogError> {
        let f: File = toml::from_str(text).map_err(|e| CatalogError::Toml {
            file: name.to_string(),
            message: e.to_string(),
        })?;
        let mut seen = BTreeSet::new();
        for ind in &f.indicator {
            let bad = |what: String| CatalogError::Invalid {
                file: name.to_string(),
                indicator: ind.id.clone(),
                what,
            };
            if !is_snake_case(&ind.id) {
                return Err(bad("id must be snake case (a-z, 0-9, _)".into()));
            }
            if !seen.insert(ind.id.clone()) {
                return Err(bad("duplicate id".into()));
            }
            for (field, e) in [
                ("population", Some(&ind.population)),
                ("numerator", ind.numerator.as_ref()),
                ("denominator", ind.denominator.as_ref()),
            ] {
                if let Some(e) = e {
                    parse(e).map_err(|err| bad(format!("{field}: {err}")))?;
                }
            }
            let needs_ratio = matches!(ind.kind, Kind::Ratio | Kind::CountRatio);
            if needs_ratio && (ind.numerator.is_none() || ind.denominator.is_none()) {
                return Err(bad(
                    "kind ratio/count_ratio needs numerator and denominator".into(),
                ));
            }
            if !needs_ratio && ind.variable.is_none() {
                return Err(bad("this kind needs `variable`".into()));
            }
            for v in ind.inputs() {
                if !vars.contains(&v) {
                    return Err(bad(format!(
                        "uses `{v}`, which is not a canonical variable of crates/civis-catalog/data/variables.toml"
                    )));
                }
            }
        }
        Ok(Catalogue {
            version: f.version,
            indicators: f.indicator,
        })
    }

    pub fn get(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }
}

fn is_snake_case(s: &str) -> bool {
    !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_catalogue_is_valid_and_covers_every_area() {
        let c = Catalogue::default_catalogue().unwrap();
        for area in [
            Area::Employment,
            Area::Education,
            Area::SocialInclusion,
            Area::Housing,
            Area::Health,
            Area::ActiveCitizenship,
        ] {
            assert!(c.indicators.iter().any(|i| i.area == area), "{area:?}");
        }
        for id in [
            "employment_rate",
            "unemployment_rate",
            "activity_rate",
            "arop_rate",
            "tertiary_attainment",
            "early_leavers_rate",
            "neet_rate",
            "arope_rate",
            "naturalisation_rate",
            "long_term_residence_share",
        ] {
            assert!(c.get(id).is_some(), "{id}");
        }
        let emp = c.get("employment_rate").unwrap();
        assert_eq!(emp.eurostat["citizenship"], "lfsa_ergan");
        assert!(emp.inputs().contains("employed"));
    }

    #[test]
    fn invalid_entries_are_rejected_with_the_indicator_named() {
        let vars = Variables::default_variables().unwrap();
        let base = |extra: &str| {
            format!(
                "version = \"t\"\n[[indicator]]\nid = \"x_rate\"\narea = \"health\"\nname = \"n\"\ndefinition = \"d\"\nsource = \"eu-silc\"\nage = \"Y_GE16\"\nkind = \"ratio\"\nunit = \"PC\"\nhigher_is_better = true\nreliability = \"silc\"\n{extra}"
            )
        };
        let e = Catalogue::parse(
            &base("population = \"age >= 16\"\nnumerator = \"nonsense_var\"\ndenominator = \"1\""),
            "t.toml",
            &vars,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("x_rate") && e.contains("nonsense_var"), "{e}");
        let e = Catalogue::parse(
            &base("population = \"age >= \"\nnumerator = \"employed\"\ndenominator = \"1\""),
            "t.toml",
            &vars,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("population"), "{e}");
        let e = Catalogue::parse(&base("population = \"1\""), "t.toml", &vars)
            .unwrap_err()
            .to_string();
        assert!(e.contains("numerator"), "{e}");
    }
}
