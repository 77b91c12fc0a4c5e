//! The registry's entries: practices, city needs, networks and projects, and directory
//! instruments. Each kind has a *form* (what a person or an import file supplies: plain strings,
//! lists as arrays or as one comma-separated text) and a validated *content* type; validation
//! reports every bad field by its name. [`Entry`] adds what the registry keeps about any entry:
//! id, moderation status, author and times.

use serde::{Deserialize, Serialize};

use crate::clock::Timestamp;
use crate::error::{Invalid, Problems};
use crate::fields::{
    self, line, text, Area, IndicatorId, IndicatorSet, Language, Link, Period, MAX_TEXT,
};
use crate::vocab::{
    parse_all, Access, Audience, EntryKind, Evidence, GeoLevel, InstrumentKind, NeedKind,
    NetworkKind, PolicyArea, Status,
};

/// What every entry kind tells the permission model and the search index.
pub trait Content {
    const KIND: EntryKind;
    /// The place the entry belongs to; editors may change entries of their places only.
    fn area(&self) -> Option<Area>;
    fn title(&self) -> &str;
    /// The text the full-text index holds for the entry.
    fn search_text(&self) -> String;
}

/// An entry with its registry metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry<T> {
    pub id: i64,
    pub status: Status,
    /// The user who created it (`None` for seeded and imported entries without an author).
    pub created_by: Option<i64>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub published_at: Option<Timestamp>,
    #[serde(flatten)]
    pub content: T,
}

fn links(p: &mut Problems, field: &str, raw: &[String]) -> Vec<Link> {
    if raw.len() > fields::MAX_ITEMS {
        p.add(field, format!("has more than {} links", fields::MAX_ITEMS));
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut bad = Vec::new();
    for l in raw {
        match Link::parse(l) {
            Ok(l) => out.push(l),
            Err(e) => bad.push(e),
        }
    }
    if !bad.is_empty() {
        p.add(field, bad.join("; "));
    }
    out
}

fn indicators(p: &mut Problems, raw: &[String], known: &dyn IndicatorSet) -> Vec<IndicatorId> {
    let r = (|| {
        if raw.len() > fields::MAX_ITEMS {
            return Err(format!("has more than {} items", fields::MAX_ITEMS));
        }
        let mut out = Vec::new();
        let mut bad = Vec::new();
        for i in raw {
            match IndicatorId::parse(i, known) {
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
    })();
    p.take("indicators", r).unwrap_or_default()
}

fn period(p: &mut Problems, from: &str, to: &str) -> Option<Period> {
    match Period::parse(from, to) {
        Ok(v) => Some(v),
        Err((field, m)) => {
            p.add(field, m);
            None
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Practices

/// A practice as submitted by a form or an import file. Field names are the form's `name`s and
/// the JSON keys and CSV headers of the exchange format.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PracticeForm {
    pub title: String,
    /// Geo code of the city or area (`DE001C1`, `AT13`, `AT`).
    pub area: String,
    pub period_from: String,
    pub period_to: String,
    #[serde(deserialize_with = "fields::list")]
    pub policy_areas: Vec<String>,
    #[serde(deserialize_with = "fields::list")]
    pub target_groups: Vec<String>,
    /// Catalogue indicator ids the practice aims to move.
    #[serde(deserialize_with = "fields::list")]
    pub indicators: Vec<String>,
    pub description: String,
    pub results: String,
    pub evidence: String,
    pub transferability: String,
    pub costs: String,
    pub contacts: String,
    #[serde(deserialize_with = "fields::link_list")]
    pub links: Vec<String>,
    pub language: String,
}

/// A validated practice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Practice {
    pub title: String,
    pub area: Area,
    pub period: Period,
    pub policy_areas: Vec<PolicyArea>,
    pub target_groups: Vec<Audience>,
    pub indicators: Vec<IndicatorId>,
    pub description: String,
    /// What changed, with numbers where there are any.
    pub results: String,
    pub evidence: Evidence,
    /// What another city needs to repeat it, and what would not carry over.
    pub transferability: String,
    pub costs: String,
    pub contacts: String,
    pub links: Vec<Link>,
    pub language: LanguageCode,
}

/// A [`Language`] in serialisable form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LanguageCode(pub Language);

impl Serialize for LanguageCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.code())
    }
}

impl<'de> Deserialize<'de> for LanguageCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Language::parse(&s)
            .map(LanguageCode)
            .map_err(serde::de::Error::custom)
    }
}

fn language(p: &mut Problems, raw: &str) -> Option<LanguageCode> {
    let raw = if raw.trim().is_empty() { "en" } else { raw };
    p.take("language", Language::parse(raw)).map(LanguageCode)
}

impl PracticeForm {
    /// Validates every field; the error lists each bad one.
    pub fn validate(&self, known: &dyn IndicatorSet) -> Result<Practice, Invalid> {
        let mut p = Problems::default();
        let title = p.take("title", line(&self.title, false));
        let area = p.take("area", Area::parse(&self.area));
        let period = period(&mut p, &self.period_from, &self.period_to);
        let policy_areas = p.take(
            "policy_areas",
            parse_all(&self.policy_areas, PolicyArea::parse).and_then(|v| {
                if v.is_empty() {
                    Err("choose at least one policy area".into())
                } else {
                    Ok(v)
                }
            }),
        );
        let target_groups = p.take(
            "target_groups",
            parse_all(&self.target_groups, Audience::parse),
        );
        let indicators = indicators(&mut p, &self.indicators, known);
        let description = p.take("description", text(&self.description, false, MAX_TEXT));
        let results = p.take("results", text(&self.results, true, MAX_TEXT));
        let evidence = p.take(
            "evidence",
            if self.evidence.trim().is_empty() {
                Ok(Evidence::None)
            } else {
                Evidence::parse(&self.evidence)
            },
        );
        let transferability = p.take(
            "transferability",
            text(&self.transferability, true, MAX_TEXT),
        );
        let costs = p.take("costs", text(&self.costs, true, 2_000));
        let contacts = p.take("contacts", text(&self.contacts, true, 2_000));
        let links = links(&mut p, "links", &self.links);
        let language = language(&mut p, &self.language);
        p.finish(|| Practice {
            title: title.unwrap(),
            area: area.unwrap(),
            period: period.unwrap(),
            policy_areas: policy_areas.unwrap(),
            target_groups: target_groups.unwrap(),
            indicators,
            description: description.unwrap(),
            results: results.unwrap(),
            evidence: evidence.unwrap(),
            transferability: transferability.unwrap(),
            costs: costs.unwrap(),
            contacts: contacts.unwrap(),
            links,
            language: language.unwrap(),
        })
    }
}

impl Practice {
    /// The form that validates back to this practice (to prefill an edit form, to export).
    pub fn to_form(&self) -> PracticeForm {
        PracticeForm {
            title: self.title.clone(),
            area: self.area.to_string(),
            period_from: self.period.from.to_string(),
            period_to: self.period.to.map(|t| t.to_string()).unwrap_or_default(),
            policy_areas: codes(&self.policy_areas, |v| v.code()),
            target_groups: codes(&self.target_groups, |v| v.code()),
            indicators: self.indicators.iter().map(|i| i.to_string()).collect(),
            description: self.description.clone(),
            results: self.results.clone(),
            evidence: self.evidence.code().into(),
            transferability: self.transferability.clone(),
            costs: self.costs.clone(),
            contacts: self.contacts.clone(),
            links: self.links.iter().map(|l| l.to_string()).collect(),
            language: self.language.0.code().into(),
        }
    }
}

fn codes<T: Copy>(v: &[T], code: fn(T) -> &'static str) -> Vec<String> {
    v.iter().map(|x| code(*x).to_owned()).collect()
}

impl Content for Practice {
    const KIND: EntryKind = EntryKind::Practice;
    fn area(&self) -> Option<Area> {
        Some(self.area)
    }
    fn title(&self) -> &str {
        &self.title
    }
    fn search_text(&self) -> String {
        [
            self.title.as_str(),
            &self.description,
            &self.results,
            &self.transferability,
        ]
        .join("\n")
    }
}

// ---------------------------------------------------------------------------------------------
// City needs

/// A city need as submitted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NeedForm {
    pub title: String,
    pub area: String,
    pub kind: String,
    #[serde(deserialize_with = "fields::list")]
    pub policy_areas: Vec<String>,
    #[serde(deserialize_with = "fields::list")]
    pub indicators: Vec<String>,
    pub description: String,
    pub contacts: String,
    pub language: String,
}

/// A data or tool gap a city wants help with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Need {
    pub title: String,
    pub area: Area,
    pub kind: NeedKind,
    pub policy_areas: Vec<PolicyArea>,
    pub indicators: Vec<IndicatorId>,
    pub description: String,
    pub contacts: String,
    pub language: LanguageCode,
}

impl NeedForm {
    pub fn validate(&self, known: &dyn IndicatorSet) -> Result<Need, Invalid> {
        let mut p = Problems::default();
        let title = p.take("title", line(&self.title, false));
        let area = p.take("area", Area::parse(&self.area));
        let kind = p.take("kind", NeedKind::parse(&self.kind));
        let policy_areas = p.take(
            "policy_areas",
            parse_all(&self.policy_areas, PolicyArea::parse),
        );
        let indicators = indicators(&mut p, &self.indicators, known);
        let description = p.take("description", text(&self.description, false, MAX_TEXT));
        let contacts = p.take("contacts", text(&self.contacts, true, 2_000));
        let language = language(&mut p, &self.language);
        p.finish(|| Need {
            title: title.unwrap(),
            area: area.unwrap(),
            kind: kind.unwrap(),
            policy_areas: policy_areas.unwrap(),
            indicators,
            description: description.unwrap(),
            contacts: contacts.unwrap(),
            language: language.unwrap(),
        })
    }
}

impl Need {
    pub fn to_form(&self) -> NeedForm {
        NeedForm {
            title: self.title.clone(),
            area: self.area.to_string(),
            kind: self.kind.code().into(),
            policy_areas: codes(&self.policy_areas, |v| v.code()),
            indicators: self.indicators.iter().map(|i| i.to_string()).collect(),
            description: self.description.clone(),
            contacts: self.contacts.clone(),
            language: self.language.0.code().into(),
        }
    }
}

impl Content for Need {
    const KIND: EntryKind = EntryKind::Need;
    fn area(&self) -> Option<Area> {
        Some(self.area)
    }
    fn title(&self) -> &str {
        &self.title
    }
    fn search_text(&self) -> String {
        format!("{}\n{}", self.title, self.description)
    }
}

// ---------------------------------------------------------------------------------------------
// Networks and projects

/// A network or project as submitted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NetworkForm {
    pub name: String,
    pub kind: String,
    pub description: String,
    pub period_from: String,
    pub period_to: String,
    /// Geo codes of the member cities and regions.
    #[serde(deserialize_with = "fields::list")]
    pub members: Vec<String>,
    #[serde(deserialize_with = "fields::list")]
    pub policy_areas: Vec<String>,
    pub link: String,
}

/// A network of cities or a project, and who takes part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Network {
    pub name: String,
    pub kind: NetworkKind,
    pub description: String,
    pub period: Period,
    pub members: Vec<Area>,
    pub policy_areas: Vec<PolicyArea>,
    pub link: Option<Link>,
}

impl NetworkForm {
    pub fn validate(&self) -> Result<Network, Invalid> {
        let mut p = Problems::default();
        let name = p.take("name", line(&self.name, false));
        let kind = p.take("kind", NetworkKind::parse(&self.kind));
        let description = p.take("description", text(&self.description, false, MAX_TEXT));
        let period = period(&mut p, &self.period_from, &self.period_to);
        let members = p.take("members", parse_all(&self.members, Area::parse));
        let policy_areas = p.take(
            "policy_areas",
            parse_all(&self.policy_areas, PolicyArea::parse),
        );
        let link = match self.link.trim() {
            "" => Some(None),
            l => p.take("link", Link::parse(l)).map(Some),
        };
        p.finish(|| Network {
            name: name.unwrap(),
            kind: kind.unwrap(),
            description: description.unwrap(),
            period: period.unwrap(),
            members: members.unwrap(),
            policy_areas: policy_areas.unwrap(),
            link: link.unwrap(),
        })
    }
}

impl Network {
    pub fn to_form(&self) -> NetworkForm {
        NetworkForm {
            name: self.name.clone(),
            kind: self.kind.code().into(),
            description: self.description.clone(),
            period_from: self.period.from.to_string(),
            period_to: self.period.to.map(|t| t.to_string()).unwrap_or_default(),
            members: self.members.iter().map(|m| m.to_string()).collect(),
            policy_areas: codes(&self.policy_areas, |v| v.code()),
            link: self
                .link
                .as_ref()
                .map(|l| l.to_string())
                .unwrap_or_default(),
        }
    }
}

impl Content for Network {
    const KIND: EntryKind = EntryKind::Network;
    fn area(&self) -> Option<Area> {
        None
    }
    fn title(&self) -> &str {
        &self.name
    }
    fn search_text(&self) -> String {
        format!("{}\n{}", self.name, self.description)
    }
}

// ---------------------------------------------------------------------------------------------
// Directory instruments

/// A directory instrument as written in `crates/civis-registry/data/directory.toml` or submitted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InstrumentForm {
    /// Stable slug (`eu_lfs`), used in URLs.
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub owner: String,
    pub description: String,
    /// Countries and years covered, in words.
    pub coverage: String,
    #[serde(deserialize_with = "fields::list")]
    pub geography: Vec<String>,
    pub access: String,
    #[serde(deserialize_with = "fields::list")]
    pub formats: Vec<String>,
    pub link: String,
    /// Where the facts of this record come from.
    pub source: String,
}

/// A tool, database, survey, indicator set, classification or method in the toolbox directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Instrument {
    pub slug: String,
    pub name: String,
    pub kind: InstrumentKind,
    pub owner: String,
    pub description: String,
    pub coverage: String,
    pub geography: Vec<GeoLevel>,
    pub access: Access,
    pub formats: Vec<String>,
    pub link: Link,
    pub source: String,
}

impl InstrumentForm {
    pub fn validate(&self) -> Result<Instrument, Invalid> {
        let mut p = Problems::default();
        let slug = p.take(
            "slug",
            match self.slug.trim() {
                s if !s.is_empty()
                    && s.len() <= 64
                    && s.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') =>
                {
                    Ok(s.to_owned())
                }
                s => Err(format!("`{s}` is not a slug (a-z, 0-9, _)")),
            },
        );
        let name = p.take("name", line(&self.name, false));
        let kind = p.take("kind", InstrumentKind::parse(&self.kind));
        let owner = p.take("owner", line(&self.owner, false));
        let description = p.take("description", text(&self.description, false, 4_000));
        let coverage = p.take("coverage", text(&self.coverage, false, 1_000));
        let geography = p.take(
            "geography",
            parse_all(&self.geography, GeoLevel::parse).and_then(|v| {
                if v.is_empty() {
                    Err("give at least one geography level".into())
                } else {
                    Ok(v)
                }
            }),
        );
        let access = p.take("access", Access::parse(&self.access));
        let formats = p.take(
            "formats",
            self.formats
                .iter()
                .map(|f| line(f, false))
                .collect::<Result<Vec<_>, _>>(),
        );
        let link = p.take("link", Link::parse(&self.link));
        let source = p.take("source", text(&self.source, false, 2_000));
        p.finish(|| Instrument {
            slug: slug.unwrap(),
            name: name.unwrap(),
            kind: kind.unwrap(),
            owner: owner.unwrap(),
            description: description.unwrap(),
            coverage: coverage.unwrap(),
            geography: geography.unwrap(),
            access: access.unwrap(),
            formats: formats.unwrap(),
            link: link.unwrap(),
            source: source.unwrap(),
        })
    }
}

impl Instrument {
    pub fn to_form(&self) -> InstrumentForm {
        InstrumentForm {
            slug: self.slug.clone(),
            name: self.name.clone(),
            kind: self.kind.code().into(),
            owner: self.owner.clone(),
            description: self.description.clone(),
            coverage: self.coverage.clone(),
            geography: codes(&self.geography, |v| v.code()),
            access: self.access.code().into(),
            formats: self.formats.clone(),
            link: self.link.to_string(),
            source: self.source.clone(),
        }
    }
}

impl Content for Instrument {
    const KIND: EntryKind = EntryKind::Instrument;
    fn area(&self) -> Option<Area> {
        None
    }
    fn title(&self) -> &str {
        &self.name
    }
    fn search_text(&self) -> String {
        format!(
            "{}\n{}\n{}\n{}",
            self.name, self.owner, self.description, self.coverage
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: &[&str] = &["employment_rate", "unemployment_rate"];

    pub(crate) fn practice_form() -> PracticeForm {
        PracticeForm {
            title: "Job coaching for refugees".into(),
            area: "AT13".into(),
            period_from: "2019".into(),
            period_to: "".into(),
            policy_areas: vec!["employment".into(), "language".into()],
            target_groups: vec!["refugees".into()],
            indicators: vec!["employment_rate".into()],
            description: "One coach per 20 participants.".into(),
            results: "Employment after 12 months: 41 %.".into(),
            evidence: "monitoring".into(),
            transferability: "Needs a public employment service partner.".into(),
            costs: "EUR 1,200 per participant".into(),
            contacts: "integration@example.org".into(),
            links: vec!["https://www.wien.gv.at/".into()],
            language: "de".into(),
        }
    }

    #[test]
    fn a_valid_practice_round_trips_through_its_form() {
        let p = practice_form().validate(&KNOWN).unwrap();
        assert_eq!(p.area.to_string(), "AT13");
        assert_eq!(
            p.policy_areas,
            [PolicyArea::Employment, PolicyArea::Language]
        );
        assert_eq!(p.to_form().validate(&KNOWN).unwrap(), p);
    }

    #[test]
    fn every_bad_field_is_reported_by_name() {
        let mut f = practice_form();
        f.title = " ".into();
        f.area = "GR".into();
        f.period_to = "2001".into();
        f.policy_areas = vec![];
        f.indicators = vec!["no_such_indicator".into()];
        f.links = vec!["javascript:alert(1)".into()];
        f.language = "xx".into();
        let e = f.validate(&KNOWN).unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "title",
                "area",
                "period_to",
                "policy_areas",
                "indicators",
                "links",
                "language"
            ]
        );
        assert!(e.message("area").unwrap().contains("EL"));
    }

    #[test]
    fn forms_accept_lists_as_arrays_or_as_one_text() {
        let from_text: PracticeForm = serde_json::from_value(serde_json::json!({
            "policy_areas": "employment, health", "links": "https://a.eu https://b.eu"
        }))
        .unwrap();
        assert_eq!(from_text.policy_areas, ["employment", "health"]);
        assert_eq!(from_text.links.len(), 2);
        let from_array: PracticeForm =
            serde_json::from_value(serde_json::json!({"policy_areas": ["employment", " "]}))
                .unwrap();
        assert_eq!(from_array.policy_areas, ["employment"]);
    }

    #[test]
    fn needs_networks_and_instruments_validate() {
        let need = NeedForm {
            title: "Employment rate of non-EU citizens for our city".into(),
            area: "DE001C1".into(),
            kind: "data".into(),
            indicators: vec!["employment_rate".into()],
            description: "LFS sample too small".into(),
            ..Default::default()
        };
        assert_eq!(need.validate(&KNOWN).unwrap().kind, NeedKind::Data);
        let net = NetworkForm {
            name: "Integrating Cities".into(),
            kind: "network".into(),
            description: "Eurocities charter signatories".into(),
            period_from: "2010".into(),
            members: vec!["DE001C1".into(), "XX".into()],
            ..Default::default()
        };
        assert_eq!(net.validate().unwrap_err().0[0].field, "members");
        let ins = InstrumentForm {
            slug: "Bad Slug".into(),
            ..Default::default()
        };
        let e = ins.validate().unwrap_err();
        assert_eq!(e.0[0].field, "slug");
        assert!(e.message("link").is_some());
    }
}
