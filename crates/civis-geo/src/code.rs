//! Geographic code types: NUTS, countries, DEGURBA classes, Urban Audit cities and FUAs.
//!
//! These types check the *grammar* of a code only. Whether a syntactically valid code names a
//! region that exists (in a given NUTS version) is the job of [`GeoRegistry`](super::GeoRegistry).

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// Why a string is not a geo code of the expected kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("`{code}` is not a country code: expected 2 upper-case letters (Eurostat style, e.g. AT, EL, UK)")]
    Country { code: String },
    #[error("`{code}` is not a NUTS code: expected 2 upper-case letters and 0-3 upper-case letters or digits (e.g. AT, AT1, AT13, AT130)")]
    Nuts { code: String },
    #[error("`{code}` is not a DEGURBA class: expected DEG1, DEG2, DEG3 (or 1, 2, 3)")]
    Degurba { code: String },
    #[error("`{code}` is not an Urban Audit code: expected country + 3 digits + C# (city), K# (greater city), F[#] (FUA) or L# (larger urban zone), e.g. DE001C1, FR001K1, DE001F")]
    UrbanAudit { code: String },
    #[error("`{code}` is not a geo code: expected a country (AT), NUTS region (AT13), aggregate (EU27_2020), DEGURBA class (DEG1) or Urban Audit code (DE001C1)")]
    Geo { code: String },
}

fn is_upper(b: u8) -> bool {
    b.is_ascii_uppercase()
}

fn is_upper_alnum(b: u8) -> bool {
    b.is_ascii_uppercase() || b.is_ascii_digit()
}

/// A country code as Eurostat writes it: two upper-case letters, with `EL` for Greece and `UK`
/// for the United Kingdom where ISO 3166-1 has `GR` and `GB`.
///
/// Parsing checks the shape only; [`GeoRegistry::country`](super::GeoRegistry::country) tells
/// whether the code is in the GISCO country table.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// Greece (`EL`).
    pub const GREECE: CountryCode = CountryCode(*b"EL");
    /// United Kingdom (`UK`).
    pub const UNITED_KINGDOM: CountryCode = CountryCode(*b"UK");

    /// Parses a Eurostat country code (`AT`, `EL`, `UK`, ...).
    pub fn parse(code: &str) -> Result<Self, CodeError> {
        match code.as_bytes() {
            &[a, b] if is_upper(a) && is_upper(b) => Ok(CountryCode([a, b])),
            _ => Err(CodeError::Country {
                code: code.to_owned(),
            }),
        }
    }

    /// The Eurostat code as text.
    pub fn as_str(&self) -> &str {
        // Both bytes are ASCII upper-case letters (checked on construction).
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// The ISO 3166-1 alpha-2 code: `EL` becomes `GR`, `UK` becomes `GB`, all others are unchanged.
    pub fn to_iso_alpha2(self) -> String {
        match &self.0 {
            b"EL" => "GR".to_owned(),
            b"UK" => "GB".to_owned(),
            _ => self.as_str().to_owned(),
        }
    }

    /// The Eurostat code for an ISO 3166-1 alpha-2 code: `GR` becomes `EL`, `GB` becomes `UK`.
    pub fn from_iso_alpha2(iso: &str) -> Result<Self, CodeError> {
        match iso {
            "GR" => Ok(Self::GREECE),
            "GB" => Ok(Self::UNITED_KINGDOM),
            _ => Self::parse(iso),
        }
    }

    /// If this is an ISO alpha-2 code that Eurostat writes differently (`GR`, `GB`), the Eurostat form.
    pub fn eurostat_form_of_iso(self) -> Option<CountryCode> {
        match &self.0 {
            b"GR" => Some(Self::GREECE),
            b"GB" => Some(Self::UNITED_KINGDOM),
            _ => None,
        }
    }

    /// The country as a NUTS level-0 code (identical text).
    pub fn as_nuts(self) -> NutsCode {
        NutsCode {
            bytes: [self.0[0], self.0[1], 0, 0, 0],
            len: 2,
        }
    }
}

impl FromStr for CountryCode {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// A NUTS code: two upper-case letters (the Eurostat country code) followed by 0 to 3 upper-case
/// letters or digits, one per level below the country. Its level is its length minus two
/// (`AT` 0, `AT1` 1, `AT13` 2, `AT130` 3) and its parent drops the last character
/// (Regulation (EC) No 1059/2003; codes are not stable across NUTS versions, see
/// [`NutsVersion`](super::NutsVersion)).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NutsCode {
    bytes: [u8; 5],
    len: u8,
}

impl NutsCode {
    /// Parses a NUTS code of any level.
    pub fn parse(code: &str) -> Result<Self, CodeError> {
        let b = code.as_bytes();
        let ok = (2..=5).contains(&b.len())
            && is_upper(b[0])
            && is_upper(b[1])
            && b[2..].iter().all(|&c| is_upper_alnum(c));
        if !ok {
            return Err(CodeError::Nuts {
                code: code.to_owned(),
            });
        }
        let mut bytes = [0u8; 5];
        bytes[..b.len()].copy_from_slice(b);
        Ok(NutsCode {
            bytes,
            len: b.len() as u8,
        })
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or("?")
    }

    /// NUTS level 0 (country) to 3.
    pub fn level(&self) -> NutsLevel {
        match self.len {
            2 => NutsLevel::L0,
            3 => NutsLevel::L1,
            4 => NutsLevel::L2,
            _ => NutsLevel::L3,
        }
    }

    /// The country the region belongs to (the first two letters).
    pub fn country(&self) -> CountryCode {
        CountryCode([self.bytes[0], self.bytes[1]])
    }

    /// The code one level up (`AT13` -> `AT1`), `None` for a country.
    pub fn parent(&self) -> Option<NutsCode> {
        (self.len > 2).then(|| {
            let mut p = *self;
            p.len -= 1;
            p.bytes[p.len as usize] = 0;
            p
        })
    }

    /// Whether `self` is `other` or lies (by code) inside it (`AT130` is within `AT1`).
    pub fn is_within(&self, other: &NutsCode) -> bool {
        self.as_str().starts_with(other.as_str())
    }
}

impl FromStr for NutsCode {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// A NUTS level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum NutsLevel {
    /// Countries.
    L0,
    /// Major socio-economic regions.
    L1,
    /// Basic regions for regional policies (LFS regional tables).
    L2,
    /// Small regions.
    L3,
}

impl NutsLevel {
    /// All levels, top-down.
    pub const ALL: [NutsLevel; 4] = [NutsLevel::L0, NutsLevel::L1, NutsLevel::L2, NutsLevel::L3];

    /// The level as the number Eurostat uses in `LEVL_CODE`.
    pub fn as_u8(self) -> u8 {
        self as u8
    }

    /// The level for a `LEVL_CODE` number 0-3.
    pub fn from_u8(n: u8) -> Option<Self> {
        Self::ALL.get(n as usize).copied()
    }
}

impl fmt::Display for NutsLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.as_u8())
    }
}

/// Degree of urbanisation class, as in Eurostat's `deg_urb` dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Degurba {
    /// `DEG1`: cities (densely populated areas).
    Cities = 1,
    /// `DEG2`: towns and suburbs (intermediate density).
    TownsAndSuburbs = 2,
    /// `DEG3`: rural areas (thinly populated).
    RuralAreas = 3,
}

impl Degurba {
    /// Parses `DEG1`..`DEG3` or the microdata codes `1`..`3` (EU-LFS `DEGURBA`, EU-SILC `DB100`).
    pub fn parse(code: &str) -> Result<Self, CodeError> {
        match code.strip_prefix("DEG").unwrap_or(code) {
            "1" => Ok(Degurba::Cities),
            "2" => Ok(Degurba::TownsAndSuburbs),
            "3" => Ok(Degurba::RuralAreas),
            _ => Err(CodeError::Degurba {
                code: code.to_owned(),
            }),
        }
    }

    /// The Eurostat code (`DEG1`..`DEG3`).
    pub fn as_str(self) -> &'static str {
        match self {
            Degurba::Cities => "DEG1",
            Degurba::TownsAndSuburbs => "DEG2",
            Degurba::RuralAreas => "DEG3",
        }
    }

    /// English label as used by Eurostat.
    pub fn label(self) -> &'static str {
        match self {
            Degurba::Cities => "Cities",
            Degurba::TownsAndSuburbs => "Towns and suburbs",
            Degurba::RuralAreas => "Rural areas",
        }
    }
}

/// The kind of an Urban Audit spatial unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum UrbanAuditLevel {
    /// `C`: city (LAU or group of LAUs), e.g. `DE001C1` Berlin.
    City,
    /// `K`: greater city, e.g. `FR001K1` Paris.
    GreaterCity,
    /// `F`: functional urban area (city + commuting zone), e.g. `DE001F` (OECD style, version digit optional).
    FunctionalUrbanArea,
    /// `L`: legacy "larger urban zone" (Urban Atlas), e.g. `DE001L1`.
    LargerUrbanZone,
}

impl UrbanAuditLevel {
    fn letter(self) -> u8 {
        match self {
            UrbanAuditLevel::City => b'C',
            UrbanAuditLevel::GreaterCity => b'K',
            UrbanAuditLevel::FunctionalUrbanArea => b'F',
            UrbanAuditLevel::LargerUrbanZone => b'L',
        }
    }
}

/// An Urban Audit / city statistics code: country code, 3-digit city number, level letter and a
/// version digit that changes when boundaries change.
///
/// Accepted grammar (domain.md section 3.3):
/// - `CC###C#` city, `CC###K#` greater city, `CC###L#` legacy larger urban zone: version digit required;
/// - `CC###F` or `CC###F#` functional urban area: version digit optional (OECD writes `DE001F`).
///
/// `CC` is two upper-case letters (Eurostat country code, `EL`/`UK`), `#` a digit. Anything else,
/// e.g. `DE001X1` or `DE01C1`, is rejected. The registry holds no list of cities, so a code with a
/// valid grammar and a known country is accepted as is.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UrbanAuditCode {
    country: CountryCode,
    number: u16,
    level: UrbanAuditLevel,
    version: Option<u8>,
}

impl UrbanAuditCode {
    /// Parses an Urban Audit code (see the type documentation for the accepted grammar).
    pub fn parse(code: &str) -> Result<Self, CodeError> {
        let err = || CodeError::UrbanAudit {
            code: code.to_owned(),
        };
        let b = code.as_bytes();
        if !(6..=7).contains(&b.len()) || !b[2..5].iter().all(u8::is_ascii_digit) {
            return Err(err());
        }
        let country = CountryCode::parse(&code[..2]).map_err(|_| err())?;
        let number = code[2..5].parse::<u16>().map_err(|_| err())?;
        let level = match b[5] {
            b'C' => UrbanAuditLevel::City,
            b'K' => UrbanAuditLevel::GreaterCity,
            b'F' => UrbanAuditLevel::FunctionalUrbanArea,
            b'L' => UrbanAuditLevel::LargerUrbanZone,
            _ => return Err(err()),
        };
        let version = match b.get(6) {
            Some(d) if d.is_ascii_digit() => Some(d - b'0'),
            Some(_) => return Err(err()),
            None if level == UrbanAuditLevel::FunctionalUrbanArea => None,
            None => return Err(err()),
        };
        Ok(UrbanAuditCode {
            country,
            number,
            level,
            version,
        })
    }

    /// The country the city lies in.
    pub fn country(&self) -> CountryCode {
        self.country
    }

    /// The 3-digit city number within the country.
    pub fn number(&self) -> u16 {
        self.number
    }

    /// City, greater city, FUA or larger urban zone.
    pub fn level(&self) -> UrbanAuditLevel {
        self.level
    }

    /// The boundary version digit, if the code carries one.
    pub fn version(&self) -> Option<u8> {
        self.version
    }
}

impl fmt::Display for UrbanAuditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{:03}{}",
            self.country,
            self.number,
            self.level.letter() as char
        )?;
        if let Some(v) = self.version {
            write!(f, "{v}")?;
        }
        Ok(())
    }
}

impl FromStr for UrbanAuditCode {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// Eurostat aggregates that appear in the `geo` dimension of national tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Aggregate {
    /// `EU27_2020`: European Union, 27 countries (from 2020).
    Eu27_2020,
    /// `EU28`: European Union, 28 countries (2013-2020).
    Eu28,
    /// `EU27_2007`: European Union, 27 countries (2007-2013).
    Eu27_2007,
    /// `EU15`: European Union, 15 countries (1995-2004).
    Eu15,
    /// `EA`: euro area, evolving composition.
    Ea,
    /// `EA18`: euro area, 18 countries (2014).
    Ea18,
    /// `EA19`: euro area, 19 countries (2015-2022).
    Ea19,
    /// `EA20`: euro area, 20 countries (from 2023).
    Ea20,
    /// `EFTA`: European Free Trade Association.
    Efta,
}

impl Aggregate {
    const ALL: [Aggregate; 9] = [
        Aggregate::Eu27_2020,
        Aggregate::Eu28,
        Aggregate::Eu27_2007,
        Aggregate::Eu15,
        Aggregate::Ea,
        Aggregate::Ea18,
        Aggregate::Ea19,
        Aggregate::Ea20,
        Aggregate::Efta,
    ];

    /// The Eurostat code.
    pub fn as_str(self) -> &'static str {
        match self {
            Aggregate::Eu27_2020 => "EU27_2020",
            Aggregate::Eu28 => "EU28",
            Aggregate::Eu27_2007 => "EU27_2007",
            Aggregate::Eu15 => "EU15",
            Aggregate::Ea => "EA",
            Aggregate::Ea18 => "EA18",
            Aggregate::Ea19 => "EA19",
            Aggregate::Ea20 => "EA20",
            Aggregate::Efta => "EFTA",
        }
    }

    /// The aggregate with this Eurostat code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == code)
    }
}

/// Any geographic code Civis understands, as found in a `geo` column, a `deg_urb` column or a
/// city column.
///
/// [`GeoCode::parse`] decides by shape, in this order: a known aggregate (`EU27_2020`, `EA20`, ...);
/// `DEG1`..`DEG3` (a DEGURBA class; no NUTS 2024 region has these codes, Thüringen's are `DEG`,
/// `DEG0`, `DEG0x`); 2 letters = country; 3-5 characters = NUTS region of level 1-3; 6-7
/// characters = Urban Audit code. A country is also the NUTS level-0 region with the same code
/// ([`GeoCode::nuts`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GeoCode {
    /// A Eurostat aggregate of countries.
    Aggregate(Aggregate),
    /// A country (= NUTS level 0).
    Country(CountryCode),
    /// A NUTS region of level 1 to 3.
    Nuts(NutsCode),
    /// A degree-of-urbanisation class.
    Degurba(Degurba),
    /// An Urban Audit city, greater city or FUA.
    UrbanAudit(UrbanAuditCode),
}

impl GeoCode {
    /// Parses any geo code; see the type documentation for the rules.
    pub fn parse(code: &str) -> Result<Self, CodeError> {
        if let Some(a) = Aggregate::parse(code) {
            return Ok(GeoCode::Aggregate(a));
        }
        if matches!(code, "DEG1" | "DEG2" | "DEG3") {
            return Degurba::parse(code).map(GeoCode::Degurba);
        }
        let geo_err = |_| CodeError::Geo {
            code: code.to_owned(),
        };
        match code.len() {
            2 => CountryCode::parse(code)
                .map(GeoCode::Country)
                .map_err(geo_err),
            3..=5 => NutsCode::parse(code).map(GeoCode::Nuts).map_err(geo_err),
            6 | 7 => UrbanAuditCode::parse(code).map(GeoCode::UrbanAudit),
            _ => Err(CodeError::Geo {
                code: code.to_owned(),
            }),
        }
    }

    /// The code as a NUTS region, for countries and NUTS regions.
    pub fn nuts(&self) -> Option<NutsCode> {
        match self {
            GeoCode::Country(c) => Some(c.as_nuts()),
            GeoCode::Nuts(n) => Some(*n),
            _ => None,
        }
    }

    /// The NUTS level, for countries (0) and NUTS regions.
    pub fn nuts_level(&self) -> Option<NutsLevel> {
        self.nuts().map(|n| n.level())
    }

    /// The country, where the code lies in one.
    pub fn country(&self) -> Option<CountryCode> {
        match self {
            GeoCode::Country(c) => Some(*c),
            GeoCode::Nuts(n) => Some(n.country()),
            GeoCode::UrbanAudit(u) => Some(u.country()),
            GeoCode::Aggregate(_) | GeoCode::Degurba(_) => None,
        }
    }
}

impl FromStr for GeoCode {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

macro_rules! display_debug_serialize {
    ($($t:ty),*) => {$(
        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($t), self)
            }
        }
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
    )*};
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for NutsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Degurba {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Aggregate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for GeoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GeoCode::Aggregate(a) => a.fmt(f),
            GeoCode::Country(c) => c.fmt(f),
            GeoCode::Nuts(n) => n.fmt(f),
            GeoCode::Degurba(d) => d.fmt(f),
            GeoCode::UrbanAudit(u) => u.fmt(f),
        }
    }
}

display_debug_serialize!(CountryCode, NutsCode, UrbanAuditCode, GeoCode);

impl Serialize for Degurba {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl Serialize for Aggregate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nuts_code_knows_level_parent_and_country() {
        let wien = NutsCode::parse("AT13").unwrap();
        assert_eq!(wien.level(), NutsLevel::L2);
        assert_eq!(wien.parent().unwrap().as_str(), "AT1");
        assert_eq!(wien.country().as_str(), "AT");
        assert!(wien.is_within(&NutsCode::parse("AT").unwrap()));
        assert_eq!(NutsCode::parse("AT").unwrap().parent(), None);
        for bad in ["", "A", "at13", "AT1300", "A113", "AT-1"] {
            assert!(NutsCode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn country_iso_conversion_handles_el_and_uk() {
        assert_eq!(CountryCode::GREECE.to_iso_alpha2(), "GR");
        assert_eq!(CountryCode::UNITED_KINGDOM.to_iso_alpha2(), "GB");
        assert_eq!(CountryCode::parse("AT").unwrap().to_iso_alpha2(), "AT");
        assert_eq!(
            CountryCode::from_iso_alpha2("GR").unwrap(),
            CountryCode::GREECE
        );
        assert_eq!(CountryCode::from_iso_alpha2("GB").unwrap().as_str(), "UK");
    }

    #[test]
    fn degurba_parses_codes_and_numbers() {
        assert_eq!(Degurba::parse("DEG1").unwrap(), Degurba::Cities);
        assert_eq!(Degurba::parse("3").unwrap(), Degurba::RuralAreas);
        assert!(Degurba::parse("DEG4").is_err());
        assert!(Degurba::parse("0").is_err());
    }

    #[test]
    fn urban_audit_grammar() {
        let berlin = UrbanAuditCode::parse("DE001C1").unwrap();
        assert_eq!(berlin.level(), UrbanAuditLevel::City);
        assert_eq!(berlin.version(), Some(1));
        assert_eq!(berlin.to_string(), "DE001C1");
        assert_eq!(
            UrbanAuditCode::parse("FR001K1").unwrap().level(),
            UrbanAuditLevel::GreaterCity
        );
        let fua = UrbanAuditCode::parse("DE001F").unwrap();
        assert_eq!(
            (fua.level(), fua.version()),
            (UrbanAuditLevel::FunctionalUrbanArea, None)
        );
        assert_eq!(
            UrbanAuditCode::parse("DK001L2").unwrap().level(),
            UrbanAuditLevel::LargerUrbanZone
        );
        for bad in [
            "DE001X1", "DE001C", "DE01C1", "de001C1", "DE001C12", "DE0A1C1",
        ] {
            assert!(UrbanAuditCode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn geo_code_dispatches_by_shape() {
        assert!(matches!(
            GeoCode::parse("EU27_2020"),
            Ok(GeoCode::Aggregate(Aggregate::Eu27_2020))
        ));
        assert!(matches!(
            GeoCode::parse("DEG2"),
            Ok(GeoCode::Degurba(Degurba::TownsAndSuburbs))
        ));
        assert!(matches!(GeoCode::parse("DEG0"), Ok(GeoCode::Nuts(_))));
        assert!(matches!(GeoCode::parse("EL"), Ok(GeoCode::Country(_))));
        assert_eq!(
            GeoCode::parse("AT130").unwrap().nuts_level(),
            Some(NutsLevel::L3)
        );
        assert!(matches!(
            GeoCode::parse("DE001C1"),
            Ok(GeoCode::UrbanAudit(_))
        ));
        assert!(GeoCode::parse("DE001X1").is_err());
        assert!(GeoCode::parse("Austria").is_err());
        assert_eq!(
            GeoCode::parse("AT").unwrap().nuts_level(),
            Some(NutsLevel::L0)
        );
    }
}
