//! Older vintages of the read model: which release a model shows, the observations of earlier
//! releases, and the read model as it was after release K (rebuilt on first use, the last few
//! kept). The pinned pages (`/v/{release}/...`, [`crate::vintage`]) and the citations read them.

use std::sync::{Arc, Mutex};

use civis_store::{DatasetInfo, Definition, Geography, Observation, Release};

use super::{Fnv, Maps, PortalData};

/// Read models of older releases kept in memory.
const KEPT: usize = 4;

/// Which vintage a read model shows.
#[derive(Debug, Clone, Default)]
pub struct Releases {
    /// The release a pinned read model shows (`None`: the current data).
    pub pinned: Option<Release>,
    /// The newest release in the store.
    pub latest: Option<Release>,
}

/// Everything needed to rebuild the read model of an older release.
#[derive(Debug, Default)]
pub struct History {
    pub releases: Vec<Release>,
    /// Earlier vintages of datasets, with their observations as stored.
    pub earlier: Vec<(DatasetInfo, Vec<Observation>)>,
    pub definitions: Vec<Definition>,
    pub geographies: Vec<Geography>,
    built: Mutex<Vec<(i64, Arc<PortalData>)>>,
}

impl History {
    pub fn new(
        releases: Vec<Release>,
        earlier: Vec<(DatasetInfo, Vec<Observation>)>,
        definitions: Vec<Definition>,
        geographies: Vec<Geography>,
    ) -> History {
        History {
            releases,
            earlier,
            definitions,
            geographies,
            built: Mutex::new(Vec::new()),
        }
    }
}

/// The read model of `release`: `None` when the store has no such release; the current one
/// when `release` is the newest.
pub fn data_at(current: &Arc<PortalData>, release: i64) -> Option<Arc<PortalData>> {
    let history = current.history.as_ref()?;
    let known = release == 0 || history.releases.iter().any(|r| r.id == release);
    if !known {
        return None;
    }
    if current
        .releases
        .latest
        .as_ref()
        .is_none_or(|l| release >= l.id)
    {
        return Some(current.clone());
    }
    let mut built = history.built.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((_, d)) = built.iter().find(|(r, _)| *r == release) {
        return Some(d.clone());
    }
    let pinned = history.releases.iter().find(|r| r.id == release).cloned();
    let d = Arc::new(PortalData::at_release(current, history, release, pinned));
    if built.len() >= KEPT {
        built.remove(0);
    }
    built.push((release, d.clone()));
    Some(d)
}

/// The map layers of `m`, copied for another read model.
pub fn copy_maps(m: &Maps) -> Maps {
    Maps::new(m.countries.clone(), m.nuts2.clone(), m.districts.clone())
}

/// The stable identifier of an observation (see [`crate::cite`]'s module docs).
pub fn observation_id(dataset: &str, release: Option<i64>, key: [&str; 9]) -> String {
    let mut h = Fnv::default();
    for k in key {
        h.write(k.as_bytes());
        h.write(&[0]);
    }
    format!(
        "{}.{:016x}.r{}",
        series_slug(dataset),
        h.finish(),
        release.unwrap_or(0)
    )
}

/// The dataset part of an identifier.
pub fn series_slug(dataset: &str) -> String {
    civis_store::series_of(dataset)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}
