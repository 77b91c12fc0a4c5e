//! Validated field values shared by every entry kind: text limits, links, languages, areas,
//! indicator ids, periods and e-mail addresses. Each check returns the cleaned value or a message
//! for the user; the caller attaches the field name.

use std::fmt;

use civis_geo::{GeoCode, GeoRegistry};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Longest one-line text (titles, names, owners).
pub const MAX_LINE: usize = 200;
/// Longest multi-line text (descriptions, results, transferability).
pub const MAX_TEXT: usize = 20_000;
/// Longest link.
pub const MAX_LINK: usize = 2_000;
/// Most items in one list field.
pub const MAX_ITEMS: usize = 50;

/// A one-line text: trimmed, non-empty unless `optional`, at most [`MAX_LINE`] characters, no
/// control characters.
pub fn line(raw: &str, optional: bool) -> Result<String, String> {
    let t = raw.trim();
    if t.is_empty() && !optional {
        return Err("is required".into());
    }
    if t.chars().count() > MAX_LINE {
        return Err(format!("is longer than {MAX_LINE} characters"));
    }
    if t.chars().any(char::is_control) {
        return Err("must be one line without control characters".into());
    }
    Ok(t.to_owned())
}

/// A multi-line text: trimmed, line ends normalised to `\n`, at most `max` characters, no control
/// characters other than newline and tab.
pub fn text(raw: &str, optional: bool, max: usize) -> Result<String, String> {
    let t = raw.trim().replace("\r\n", "\n").replace('\r', "\n");
    if t.is_empty() && !optional {
        return Err("is required".into());
    }
    if t.chars().count() > max {
        return Err(format!("is longer than {max} characters"));
    }
    if t.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err("contains control characters".into());
    }
    Ok(t)
}

/// A web link: `https://` or `http://` with a host, no spaces or control characters. Other
/// schemes (`javascript:`, `data:`, `file:`) are refused, so a stored link is safe in an `href`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Link(String);

impl TryFrom<String> for Link {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Link::parse(&s)
    }
}

impl From<Link> for String {
    fn from(l: Link) -> String {
        l.0
    }
}

impl Link {
    pub fn parse(raw: &str) -> Result<Link, String> {
        let t = raw.trim();
        if t.len() > MAX_LINK {
            return Err(format!("link is longer than {MAX_LINK} characters"));
        }
        let lower = t.to_ascii_lowercase();
        let rest = if let Some(r) = lower.strip_prefix("https://") {
            r
        } else if let Some(r) = lower.strip_prefix("http://") {
            r
        } else {
            return Err(format!("`{t}` is not a web link (https://...)"));
        };
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = host.rsplit('@').next().unwrap_or("");
        let valid_host = !host.is_empty()
            && host.contains('.')
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
        if !valid_host {
            return Err(format!("`{t}` has no valid host name"));
        }
        if t.chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
        {
            return Err(format!(
                "`{t}` contains spaces or characters not allowed in a link"
            ));
        }
        Ok(Link(t.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The languages an entry can be written in: the 24 official EU languages and other languages
/// of the Council of Europe's Intercultural Cities members and of large migrant communities
/// (ISO 639-1 codes).
pub const LANGUAGES: &[(&str, &str)] = &[
    ("bg", "Bulgarian"),
    ("cs", "Czech"),
    ("da", "Danish"),
    ("de", "German"),
    ("el", "Greek"),
    ("en", "English"),
    ("es", "Spanish"),
    ("et", "Estonian"),
    ("fi", "Finnish"),
    ("fr", "French"),
    ("ga", "Irish"),
    ("hr", "Croatian"),
    ("hu", "Hungarian"),
    ("it", "Italian"),
    ("lt", "Lithuanian"),
    ("lv", "Latvian"),
    ("mt", "Maltese"),
    ("nl", "Dutch"),
    ("pl", "Polish"),
    ("pt", "Portuguese"),
    ("ro", "Romanian"),
    ("sk", "Slovak"),
    ("sl", "Slovenian"),
    ("sv", "Swedish"),
    ("ar", "Arabic"),
    ("is", "Icelandic"),
    ("mk", "Macedonian"),
    ("no", "Norwegian"),
    ("ru", "Russian"),
    ("sq", "Albanian"),
    ("sr", "Serbian"),
    ("tr", "Turkish"),
    ("uk", "Ukrainian"),
];

/// An ISO 639-1 language code from [`LANGUAGES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Language(&'static str);

impl Language {
    pub fn parse(raw: &str) -> Result<Language, String> {
        let t = raw.trim().to_ascii_lowercase();
        LANGUAGES
            .iter()
            .find(|(c, _)| *c == t)
            .map(|(c, _)| Language(c))
            .ok_or_else(|| {
                format!(
                    "`{}` is not a supported ISO 639-1 language code",
                    raw.trim()
                )
            })
    }

    pub fn code(self) -> &'static str {
        self.0
    }

    pub fn name(self) -> &'static str {
        LANGUAGES
            .iter()
            .find(|(c, _)| *c == self.0)
            .map(|(_, n)| *n)
            .unwrap_or(self.0)
    }
}

/// A place an entry belongs to: a country, NUTS region or Urban Audit city / greater city / FUA
/// known to the geography registry. Aggregates (`EU27_2020`) and DEGURBA classes are not places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Area(GeoCode);

impl Area {
    pub fn parse(raw: &str) -> Result<Area, String> {
        let t = raw.trim().to_ascii_uppercase();
        if t.is_empty() {
            return Err("is required".into());
        }
        let code = GeoRegistry::global()
            .check(&t)
            .map_err(|e| format!("unknown code: {e}"))?;
        if code.country().is_none() {
            return Err(format!(
                "`{t}` is not a place: give a country, NUTS region or city code"
            ));
        }
        Ok(Area(code))
    }

    pub fn code(&self) -> GeoCode {
        self.0
    }

    /// The Eurostat country code (`EL` for Greece).
    pub fn country(&self) -> String {
        self.0
            .country()
            .map(|c| c.as_str().to_owned())
            .unwrap_or_default()
    }

    /// Whether this area is `other` or lies inside it (a NUTS 3 region inside its NUTS 2
    /// region, a city inside its country).
    pub fn is_within(&self, other: &Area) -> bool {
        if self == other {
            return true;
        }
        match (self.0.nuts(), other.0) {
            (Some(n), GeoCode::Nuts(o)) => n.is_within(&o),
            (_, GeoCode::Country(c)) => self.0.country() == Some(c),
            _ => false,
        }
    }

    /// A display name from the registry, where it has one (NUTS regions and countries).
    pub fn name(&self) -> Option<&'static str> {
        GeoRegistry::global().name(&self.0)
    }
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for Area {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Area {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Area::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// An indicator id of the catalogue (`employment_rate`), checked for shape here and for
/// existence against an [`IndicatorSet`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IndicatorId(String);

impl IndicatorId {
    pub fn parse(raw: &str, known: &dyn IndicatorSet) -> Result<IndicatorId, String> {
        let t = raw.trim();
        let shaped = !t.is_empty()
            && t.len() <= 64
            && t.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !shaped {
            return Err(format!("`{t}` is not an indicator id (snake_case)"));
        }
        if !known.contains(t) {
            return Err(format!("`{t}` is not an indicator of the catalogue"));
        }
        Ok(IndicatorId(t.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for IndicatorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The indicators entries may link to.
pub trait IndicatorSet {
    fn contains(&self, id: &str) -> bool;
}

impl IndicatorSet for civis_catalog::Catalogue {
    fn contains(&self, id: &str) -> bool {
        self.get(id).is_some()
    }
}

impl IndicatorSet for &[&str] {
    fn contains(&self, id: &str) -> bool {
        <[&str]>::contains(self, &id)
    }
}

/// The years a practice, network or project ran: from a year, to a year or still running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: u16,
    pub to: Option<u16>,
}

impl Period {
    /// Parses the two year fields; `to` may be empty (still running).
    pub fn parse(from: &str, to: &str) -> Result<Period, (&'static str, String)> {
        let year = |field: &'static str, s: &str| -> Result<u16, (&'static str, String)> {
            match s.trim().parse::<u16>() {
                Ok(y) if (1950..=2100).contains(&y) => Ok(y),
                _ => Err((field, format!("`{}` is not a year (1950-2100)", s.trim()))),
            }
        };
        let from = year("period_from", from)?;
        let to = match to.trim() {
            "" => None,
            t => Some(year("period_to", t)?),
        };
        if let Some(t) = to {
            if t < from {
                return Err(("period_to", format!("ends ({t}) before it starts ({from})")));
            }
        }
        Ok(Period { from, to })
    }

    /// Whether the period includes `year`.
    pub fn covers(&self, year: u16) -> bool {
        year >= self.from && self.to.is_none_or(|t| year <= t)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to {
            Some(t) if t == self.from => write!(f, "{}", self.from),
            Some(t) => write!(f, "{}–{t}", self.from),
            None => write!(f, "since {}", self.from),
        }
    }
}

/// An e-mail address, lower-cased: one `@`, a local part and a domain with a dot, no spaces,
/// at most 254 characters. It names an account; nothing is sent to it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Email, String> {
        let t = raw.trim().to_lowercase();
        let ok = t.len() <= 254
            && !t
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || "<>\"'`".contains(c))
            && matches!(t.split_once('@'), Some((l, d)) if !l.is_empty()
                && !d.contains('@') && d.contains('.') && !d.starts_with('.') && !d.ends_with('.'));
        if ok {
            Ok(Email(t))
        } else {
            Err(format!("`{}` is not an e-mail address", raw.trim()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Email::parse(&s)
    }
}

impl From<Email> for String {
    fn from(e: Email) -> String {
        e.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Splits a list field given as one text (form input, CSV cell) on commas, semicolons and
/// line breaks; empty items are dropped.
pub fn split_list(raw: &str) -> Vec<String> {
    raw.split([',', ';', '\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Splits a list of links on whitespace (a link has none).
pub fn split_links(raw: &str) -> Vec<String> {
    raw.split_whitespace().map(str::to_owned).collect()
}

/// Deserialises a list field from either a JSON array of strings or one text (a form field),
/// split with [`split_list`].
pub(crate) fn list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    d.deserialize_any(ListVisitor(split_list))
}

/// Like [`list`] for links, split on whitespace.
pub(crate) fn link_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    d.deserialize_any(ListVisitor(split_links))
}

struct ListVisitor(fn(&str) -> Vec<String>);

impl<'de> serde::de::Visitor<'de> for ListVisitor {
    type Value = Vec<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of strings or one text")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok((self.0)(v))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(s) = seq.next_element::<String>()? {
            let s = s.trim();
            if !s.is_empty() {
                out.push(s.to_owned());
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_allow_only_web_schemes() {
        assert!(Link::parse("https://www.mipex.eu/methodology").is_ok());
        assert!(Link::parse("http://integratingcities.eu/").is_ok());
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,<script>",
            "https://",
            "https://exa mple.org",
            "https://example.org/\"onmouseover=\"x",
            "ftp://example.org",
            "https://localhost/",
        ] {
            assert!(Link::parse(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn areas_are_places_known_to_the_registry() {
        assert_eq!(Area::parse("at13").unwrap().to_string(), "AT13");
        assert_eq!(Area::parse("DE001C1").unwrap().country(), "DE");
        assert!(Area::parse("EU27_2020").is_err());
        assert!(Area::parse("DEG1").is_err());
        assert!(Area::parse("GR").unwrap_err().contains("EL"));
        assert!(Area::parse("XX99").is_err());
        assert!(Area::parse("").is_err());
    }

    #[test]
    fn area_nesting() {
        let at13 = Area::parse("AT13").unwrap();
        let at130 = Area::parse("AT130").unwrap();
        let at = Area::parse("AT").unwrap();
        let berlin = Area::parse("DE001C1").unwrap();
        assert!(at130.is_within(&at13));
        assert!(at130.is_within(&at));
        assert!(!at13.is_within(&at130));
        assert!(berlin.is_within(&Area::parse("DE").unwrap()));
        assert!(!berlin.is_within(&at));
    }

    #[test]
    fn indicator_ids_must_exist() {
        let known: &[&str] = &["employment_rate"];
        assert!(IndicatorId::parse("employment_rate", &known).is_ok());
        assert!(IndicatorId::parse("Employment Rate", &known).is_err());
        assert!(IndicatorId::parse("arop_rate", &known)
            .unwrap_err()
            .contains("not an indicator of the catalogue"));
        let cat = civis_catalog::Catalogue::default_catalogue().unwrap();
        assert!(IndicatorId::parse("employment_rate", &cat).is_ok());
    }

    #[test]
    fn periods() {
        let p = Period::parse("2019", "").unwrap();
        assert!(p.covers(2030) && !p.covers(2018));
        assert_eq!(p.to_string(), "since 2019");
        assert_eq!(Period::parse("2019", "2017").unwrap_err().0, "period_to");
        assert_eq!(Period::parse("19", "").unwrap_err().0, "period_from");
        assert_eq!(
            Period::parse("2018", "2021").unwrap().to_string(),
            "2018–2021"
        );
    }

    #[test]
    fn emails_and_texts() {
        assert_eq!(
            Email::parse(" Editor@City.EU ").unwrap().as_str(),
            "editor@city.eu"
        );
        for bad in [
            "a", "a@b", "@b.eu", "a@@b.eu", "a b@c.eu", "a@b.eu.", "<a@b.eu>",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
        assert!(line("  ", false).is_err());
        assert_eq!(line("  ", true).unwrap(), "");
        assert!(line("a\nb", false).is_err());
        assert_eq!(text("a\r\nb", false, 10).unwrap(), "a\nb");
        assert!(text("a\u{0}b", false, 10).is_err());
        assert!(text(&"x".repeat(11), false, 10).is_err());
    }

    #[test]
    fn lists_split_on_separators() {
        assert_eq!(split_list("a, b;c\n\n d"), ["a", "b", "c", "d"]);
        assert_eq!(
            split_links(" https://a.eu/x,y  https://b.eu "),
            ["https://a.eu/x,y", "https://b.eu"]
        );
    }
}
