//! Matching a city need to what could answer it: practices of other cities and directory
//! instruments.
//!
//! Score of a practice = 2 × (indicators it shares with the need) + 1 × (policy areas it shares);
//! the ten best published practices of *other* areas are kept, best first and, on a tie, the
//! most recently updated first. Instruments: every published directory entry of the kinds that
//! answer the need's kind ([`instrument_kinds`]).

use std::collections::BTreeMap;

use civis_store::Db;

use crate::repo::{self, Actor, Query, RepoError, StoredEntry};
use crate::{Area, EntryKind, InstrumentKind, Need, NeedKind};

/// Weight of a shared indicator in a practice's score.
const INDICATOR_WEIGHT: usize = 2;
/// Weight of a shared policy area.
const POLICY_AREA_WEIGHT: usize = 1;
/// Practices kept.
const PRACTICES: usize = 10;

/// What matches a need.
#[derive(Debug)]
pub struct Matches {
    /// Practices of other areas, best first.
    pub practices: Vec<StoredEntry>,
    /// The areas (cities) of those practices, sorted, each once.
    pub cities: Vec<String>,
    /// Directory instruments of the kinds that answer the need.
    pub instruments: Vec<StoredEntry>,
}

/// The directory kinds that answer a kind of need.
pub fn instrument_kinds(k: NeedKind) -> &'static [InstrumentKind] {
    match k {
        NeedKind::Data => &[InstrumentKind::DataSource, InstrumentKind::Survey],
        NeedKind::Indicator => &[InstrumentKind::IndicatorSet, InstrumentKind::PolicyIndex],
        NeedKind::Tool => &[InstrumentKind::Software],
        NeedKind::Method => &[InstrumentKind::Method, InstrumentKind::Software],
        NeedKind::Practice => &[InstrumentKind::PracticeDatabase],
    }
}

/// The published practices and instruments that match `need` (what the public may see).
pub fn matches(db: &mut dyn Db, need: &Need) -> Result<Matches, RepoError> {
    let public = Actor::Anonymous;
    let mut scored: BTreeMap<i64, (usize, StoredEntry)> = BTreeMap::new();
    let mut consider = |tag: String, weight: usize, db: &mut dyn Db| -> Result<(), RepoError> {
        let query = Query {
            kind: Some(EntryKind::Practice),
            tags: vec![tag],
            limit: 200,
            ..Default::default()
        };
        for e in repo::search(db, &public, &query)? {
            if e.area == Some(need.area) {
                continue;
            }
            scored.entry(e.id).or_insert((0, e)).0 += weight;
        }
        Ok(())
    };
    for i in &need.indicators {
        consider(format!("indicators:{i}"), INDICATOR_WEIGHT, db)?;
    }
    for a in &need.policy_areas {
        consider(format!("policy_areas:{}", a.code()), POLICY_AREA_WEIGHT, db)?;
    }
    let mut ranked: Vec<(usize, StoredEntry)> = scored.into_values().collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.updated_at.cmp(&a.1.updated_at)));
    ranked.truncate(PRACTICES);
    let practices: Vec<StoredEntry> = ranked.into_iter().map(|(_, e)| e).collect();
    let mut cities: Vec<String> = practices
        .iter()
        .filter_map(|e| e.area.map(|a| a.to_string()))
        .collect();
    cities.sort();
    cities.dedup();
    let mut instruments = Vec::new();
    for k in instrument_kinds(need.kind) {
        let query = Query {
            kind: Some(EntryKind::Instrument),
            tags: vec![format!("kind:{}", k.code())],
            limit: 50,
            ..Default::default()
        };
        instruments.extend(repo::search(db, &public, &query)?);
    }
    Ok(Matches {
        practices,
        cities,
        instruments,
    })
}

/// The published practices recorded in each of `areas` (on `indicator` when given), at most 50
/// per area, in the order of `areas`; none for an area that is `None` (a code the registry does
/// not know).
pub fn practices_in(
    db: &mut dyn Db,
    areas: &[Option<Area>],
    indicator: Option<&str>,
) -> Result<Vec<Vec<StoredEntry>>, RepoError> {
    let mut out = Vec::with_capacity(areas.len());
    for area in areas {
        let Some(a) = area else {
            out.push(Vec::new());
            continue;
        };
        let query = Query {
            kind: Some(EntryKind::Practice),
            area: Some(*a),
            tags: indicator
                .iter()
                .map(|i| format!("indicators:{i}"))
                .collect(),
            limit: 50,
            ..Default::default()
        };
        out.push(repo::search(db, &Actor::Anonymous, &query)?);
    }
    Ok(out)
}
