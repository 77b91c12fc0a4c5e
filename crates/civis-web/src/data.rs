//! The portal's data, loaded once from the store into memory.
//!
//! The portal serves aggregates only, and few of them (about 10^5 observations), so every page is
//! rendered from an in-memory index rather than by querying the database per request: the
//! database is the system of record, this is its read model. Reload = restart (or
//! [`PortalData::load`] again).
//!
//! Each observation is interpreted once, at load: its flags are parsed into a [`Status`]
//! (suppressed, low reliability, model-based, official, reliable), so the pages never guess.

pub mod history;
pub mod producer;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use civis_catalog::{Catalogue, Group, TargetGroup, UnitCode};
use civis_geo::{GeoCode, GeoRegistry, MapLayer, ViewBox};
use civis_io::flags::{Flags, ObsStatus};
use civis_store::{
    DatasetInfo, Definition, DisclosureRules, Filter, Geography, Method, Store, StoreError,
};
use serde::Serialize;

/// How far a value can be trusted (one vocabulary with the charts and the store).
pub use civis_catalog::Status;

/// One observation as the portal uses it: the stored observation (its estimate, standard error,
/// interval and sample size cleared when suppressed, see [`from_store`]) with its interpretation
/// and provenance. Its JSON is the stored observation's fields followed by the portal's.
#[derive(Debug, Clone, Serialize)]
pub struct Obs {
    /// The stored observation (dimensions, values, flags); `estimate` is `None` when suppressed
    /// or not available (a suppressed estimate is never served).
    #[serde(flatten)]
    pub stored: civis_store::Observation,
    pub method: Method,
    #[serde(flatten)]
    pub status: Status,
    /// Index into [`PortalData::datasets`].
    #[serde(skip)]
    pub dataset: usize,
    pub source: String,
    pub synthetic: bool,
    /// The stable identifier of the value, its dataset and vintage ([`crate::cite`]).
    pub id: String,
    /// The producer's required wording ([`producer::wording`]).
    pub citation: String,
}

impl Obs {
    /// Coefficient of variation in percent, when there is an estimate and a standard error.
    pub fn cv(&self) -> Option<f64> {
        match (self.stored.estimate, self.stored.se) {
            (Some(e), Some(s)) if e != 0.0 => Some(100.0 * s / e.abs()),
            _ => None,
        }
    }

    /// The 95 % interval: the stored one, or none.
    pub fn ci(&self) -> Option<(f64, f64)> {
        self.stored.ci_low.zip(self.stored.ci_high)
    }
}

/// The kind of an area, which decides its map layer and its comparators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaKind {
    /// A Eurostat aggregate such as `EU27_2020`.
    Aggregate,
    Country,
    /// NUTS 1, 2 or 3.
    Region,
    /// An Austrian political district (`AT-D` + BEV code).
    District,
    /// A degree-of-urbanisation class.
    Degurba,
    /// An Urban Audit city, greater city or functional urban area.
    City,
}

impl AreaKind {
    pub fn label(&self) -> &'static str {
        match self {
            AreaKind::Aggregate => "aggregate",
            AreaKind::Country => "country",
            AreaKind::Region => "region",
            AreaKind::District => "district",
            AreaKind::Degurba => "degree of urbanisation",
            AreaKind::City => "city",
        }
    }

    pub fn parse(s: &str) -> Option<AreaKind> {
        Some(match s {
            "aggregate" => AreaKind::Aggregate,
            "country" => AreaKind::Country,
            "region" => AreaKind::Region,
            "district" => AreaKind::District,
            "degurba" => AreaKind::Degurba,
            "city" => AreaKind::City,
            _ => return None,
        })
    }

    /// The code used in URLs (`?level=`).
    pub fn code(&self) -> &'static str {
        match self {
            AreaKind::Aggregate => "aggregate",
            AreaKind::Country => "country",
            AreaKind::Region => "region",
            AreaKind::District => "district",
            AreaKind::Degurba => "degurba",
            AreaKind::City => "city",
        }
    }
}

/// An area that has data.
#[derive(Debug, Clone, Serialize)]
pub struct AreaInfo {
    pub code: String,
    pub name: String,
    pub kind: AreaKind,
    /// The Eurostat country code (`AT`, `EL`), empty for aggregates.
    pub country: String,
    /// The next area up that has data or is a country (NUTS parent, the district's country).
    pub parent: Option<String>,
    /// For a city: the NUTS 2024 level-2 region it lies in (from the city registry).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nuts2: Option<String>,
    /// For a city: the NUTS 2024 level-3 region it lies in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nuts3: Option<String>,
}

/// An indicator as shown on the portal.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorInfo {
    pub id: String,
    pub name: String,
    pub definition: String,
    /// Policy area (`Employment`, ...), or `Context` for indicators outside the catalogue.
    pub area: String,
    pub unit: UnitCode,
    pub higher_is_better: bool,
    /// The default age band (`Y20-64`), empty when not applicable.
    pub age: String,
    pub source: String,
    /// Eurostat dataset codes that publish it.
    pub eurostat: BTreeMap<String, String>,
}

/// A dataset's provenance, as shown under every number that comes from it.
#[derive(Debug, Clone, Serialize)]
pub struct DatasetView {
    pub name: String,
    pub source: String,
    pub method: Method,
    pub vintage: String,
    pub attribution: String,
    pub synthetic: bool,
    pub observations: i64,
    pub imported_at: String,
    /// The store release that brought this vintage in (none: before releases were recorded).
    pub from_release: Option<i64>,
}

impl DatasetView {
    /// The dataset's provenance as the store records it (what the disclosure rules look at).
    pub fn provenance(&self) -> civis_store::Provenance {
        civis_store::Provenance {
            name: self.name.clone(),
            file: String::new(),
            source: self.source.clone(),
            method: self.method,
            vintage: self.vintage.clone(),
            attribution: self.attribution.clone(),
            synthetic: self.synthetic,
        }
    }
}

/// Map layers for the choropleths (any may be missing if its file is absent).
#[derive(Debug, Default)]
pub struct Maps {
    pub countries: Option<MapLayer>,
    pub nuts2: Option<MapLayer>,
    pub districts: Option<MapLayer>,
    /// NUTS 2 regions of one country, framed on that country (built on first use).
    nuts2_by_country: std::sync::Mutex<HashMap<String, std::sync::Arc<MapLayer>>>,
}

impl Maps {
    pub fn new(
        countries: Option<MapLayer>,
        nuts2: Option<MapLayer>,
        districts: Option<MapLayer>,
    ) -> Maps {
        Maps {
            countries,
            nuts2,
            districts,
            nuts2_by_country: Default::default(),
        }
    }

    /// The layer that draws areas of `kind` (regions: the whole of Europe).
    pub fn layer(&self, kind: AreaKind) -> Option<&MapLayer> {
        match kind {
            AreaKind::Country => self.countries.as_ref(),
            AreaKind::Region => self.nuts2.as_ref(),
            AreaKind::District => self.districts.as_ref(),
            _ => None,
        }
    }

    /// The NUTS 2 regions of `country` only, with the frame fitted to them: a region map of one
    /// country is readable, a map of Europe with one country coloured is not.
    pub fn regions_of(&self, country: &str) -> Option<std::sync::Arc<MapLayer>> {
        let layer = self.nuts2.as_ref()?;
        let mut cache = self.nuts2_by_country.lock().ok()?;
        if let Some(l) = cache.get(country) {
            return Some(l.clone());
        }
        let zoomed = std::sync::Arc::new(zoom(layer, country)?);
        cache.insert(country.to_string(), zoomed.clone());
        Some(zoomed)
    }
}

/// The features of `layer` whose code starts with `prefix`, framed to their bounding box (with
/// a 3 % margin) and without insets; `None` when no feature matches.
fn zoom(layer: &MapLayer, prefix: &str) -> Option<MapLayer> {
    let features: Vec<_> = layer
        .features
        .iter()
        .filter(|f| f.id.to_string().starts_with(prefix))
        .cloned()
        .collect();
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for f in &features {
        // the path is `M x yL x y...Z`: numbers come in (x, y) pairs
        let nums: Vec<f64> = f
            .path
            .split(|c: char| c.is_ascii_alphabetic() || c == ' ' || c == ',')
            .filter(|t| !t.is_empty())
            .filter_map(|t| t.parse().ok())
            .collect();
        for xy in nums.chunks_exact(2) {
            x0 = x0.min(xy[0]);
            x1 = x1.max(xy[0]);
            y0 = y0.min(xy[1]);
            y1 = y1.max(xy[1]);
        }
    }
    if features.is_empty() || x0 > x1 {
        return None;
    }
    let m = 0.03 * (x1 - x0).max(y1 - y0);
    Some(MapLayer {
        kind: layer.kind,
        attribution: layer.attribution,
        view_box: ViewBox {
            min_x: x0 - m,
            min_y: y0 - m,
            width: x1 - x0 + 2.0 * m,
            height: y1 - y0 + 2.0 * m,
        },
        insets: Vec::new(),
        features,
    })
}

/// Everything the portal shows.
#[derive(Debug)]
pub struct PortalData {
    pub catalogue_version: String,
    pub indicators: Vec<IndicatorInfo>,
    pub areas: Vec<AreaInfo>,
    pub datasets: Vec<DatasetView>,
    pub obs: Vec<Obs>,
    pub maps: Maps,
    indicator_index: HashMap<String, usize>,
    area_index: HashMap<String, usize>,
    by_indicator: HashMap<String, Vec<u32>>,
    by_geo: HashMap<String, Vec<u32>>,
    /// The headline slice of each (dataset, indicator).
    headline: HashMap<usize, HashMap<String, Headline>>,
    /// Changes whenever the data change: part of every ETag.
    pub version: u64,
    /// Which release these data show, and the newest one.
    pub releases: history::Releases,
    /// Earlier vintages, for the read models of older releases (none in those read models).
    pub history: Option<history::History>,
}

/// The prefix of Austrian district codes (`AT-D101`).
pub const DISTRICT_PREFIX: &str = "AT-D";

impl PortalData {
    /// Loads every observation and dataset from the store: the current vintages into the read
    /// model, the earlier ones into its [`History`](history::History) (the pages of
    /// older releases, [`crate::vintage`]).
    pub fn load(store: &dyn Store, maps: Maps) -> Result<PortalData, StoreError> {
        let (datasets, earlier): (Vec<DatasetInfo>, Vec<DatasetInfo>) =
            store.datasets()?.into_iter().partition(|d| {
                d.visible_at(None) && !civis_store::is_earlier_vintage(&d.provenance.name)
            });
        let rows_of = |d: &DatasetInfo| -> Result<Vec<civis_store::Observation>, StoreError> {
            let mut rows = store.observations(&Filter {
                dataset: Some(d.provenance.name.clone()),
                ..Filter::default()
            })?;
            // defence in depth: the store applied the rule on import; a value that reached the
            // database another way is still not served
            DisclosureRules::shipped().apply(&d.provenance, &mut rows);
            Ok(rows)
        };
        let mut obs = Vec::new();
        let mut views = Vec::new();
        for (di, d) in datasets.iter().enumerate() {
            let view = dataset_view(d);
            obs.extend(rows_of(d)?.into_iter().map(|o| from_store(o, di, d, &view)));
            views.push(view);
        }
        let earlier = earlier
            .into_iter()
            .map(|d| Ok((rows_of(&d)?, d)).map(|(rows, d)| (d, rows)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        let definitions = store.definitions()?;
        let geographies = store.geographies()?;
        let releases = store.releases()?;
        let mut data = Self::build(views, obs, maps, &definitions, &geographies);
        data.releases.latest = releases.last().cloned();
        data.history = Some(history::History::new(
            releases,
            earlier,
            definitions,
            geographies,
        ));
        Ok(data)
    }

    /// The read model of an older release: the current datasets that existed then and the
    /// earlier vintages that were current then ([`history::data_at`] caches it).
    pub fn at_release(
        current: &PortalData,
        history: &history::History,
        release: i64,
        pinned: Option<civis_store::Release>,
    ) -> PortalData {
        let mut views = Vec::new();
        let mut renumber = vec![None; current.datasets.len()];
        for (i, v) in current.datasets.iter().enumerate() {
            if v.from_release.unwrap_or(0) <= release {
                renumber[i] = Some(views.len());
                views.push(v.clone());
            }
        }
        let mut obs: Vec<Obs> = current
            .obs
            .iter()
            .filter_map(|o| {
                let mut o2 = o.clone();
                o2.dataset = renumber[o.dataset]?;
                Some(o2)
            })
            .collect();
        for (d, rows) in &history.earlier {
            if d.visible_at(Some(release)) {
                let view = dataset_view(d);
                let di = views.len();
                obs.extend(rows.iter().map(|o| from_store(o.clone(), di, d, &view)));
                views.push(view);
            }
        }
        let maps = history::copy_maps(&current.maps);
        let mut data = Self::build(views, obs, maps, &history.definitions, &history.geographies);
        data.releases = history::Releases {
            pinned,
            latest: current.releases.latest.clone(),
        };
        data
    }

    /// Builds the indexes (used by [`PortalData::load`] and tests).
    pub fn from_parts(datasets: Vec<DatasetView>, obs: Vec<Obs>, maps: Maps) -> PortalData {
        Self::build(datasets, obs, maps, &[], &[])
    }

    fn build(
        datasets: Vec<DatasetView>,
        mut obs: Vec<Obs>,
        maps: Maps,
        definitions: &[Definition],
        geographies: &[Geography],
    ) -> PortalData {
        obs.sort_by(|a, b| {
            (
                &a.stored.indicator,
                &a.stored.geo,
                &a.stored.time,
                &a.stored.group,
                &a.stored.sex,
                &a.stored.age,
            )
                .cmp(&(
                    &b.stored.indicator,
                    &b.stored.geo,
                    &b.stored.time,
                    &b.stored.group,
                    &b.stored.sex,
                    &b.stored.age,
                ))
        });
        let catalogue = Catalogue::default_catalogue().ok();
        let mut indicators: Vec<IndicatorInfo> = Vec::new();
        let mut seen = BTreeSet::new();
        if let Some(c) = &catalogue {
            for i in &c.indicators {
                if obs.iter().any(|o| o.stored.indicator == i.id) {
                    seen.insert(i.id.clone());
                    indicators.push(IndicatorInfo {
                        id: i.id.clone(),
                        name: i.name.clone(),
                        definition: i.definition.clone(),
                        area: i.area.name().to_string(),
                        unit: i.unit.into(),
                        higher_is_better: i.higher_is_better,
                        age: i.age.clone(),
                        source: i.source.code().to_string(),
                        eurostat: i.eurostat.clone(),
                    });
                }
            }
        }
        for o in &obs {
            if seen.contains(&o.stored.indicator) {
                continue;
            }
            seen.insert(o.stored.indicator.clone());
            if let Some(def) = definitions
                .iter()
                .find(|d| d.indicator == o.stored.indicator)
            {
                indicators.push(IndicatorInfo {
                    id: def.indicator.clone(),
                    name: def.name.clone(),
                    definition: def.definition.clone(),
                    area: "Context".into(),
                    unit: UnitCode::parse(&def.unit),
                    higher_is_better: def.higher_is_better.unwrap_or(true),
                    age: String::new(),
                    source: o.source.clone(),
                    eurostat: BTreeMap::new(),
                });
            } else {
                indicators.push(IndicatorInfo {
                    id: o.stored.indicator.clone(),
                    name: o.stored.indicator.replace('_', " "),
                    definition: String::new(),
                    area: "Context".into(),
                    unit: o.stored.unit.clone(),
                    higher_is_better: true,
                    age: String::new(),
                    source: o.source.clone(),
                    eurostat: BTreeMap::new(),
                });
            }
        }
        let headline = headline_slices(&indicators, &obs);
        let registry = GeoRegistry::global();
        let geos: BTreeSet<&str> = obs.iter().map(|o| o.stored.geo.as_str()).collect();
        let stored: HashMap<&str, &Geography> =
            geographies.iter().map(|g| (g.code.as_str(), g)).collect();
        let mut areas: Vec<AreaInfo> = geos
            .iter()
            .map(|g| with_stored(area_info(g, registry, &maps), &stored, &geos))
            .collect();
        // Countries of regions and districts are areas too (for breadcrumbs), even without data.
        let mut extra = Vec::new();
        for a in &areas {
            if !a.country.is_empty() && !geos.contains(a.country.as_str()) {
                extra.push(area_info(&a.country, registry, &maps));
            }
        }
        extra.sort_by(|a, b| a.code.cmp(&b.code));
        extra.dedup_by(|a, b| a.code == b.code);
        areas.extend(extra);
        areas.sort_by(|a, b| (a.kind, &a.country, &a.code).cmp(&(b.kind, &b.country, &b.code)));

        let indicator_index = indicators
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.clone(), i))
            .collect();
        let area_index = areas
            .iter()
            .enumerate()
            .map(|(i, a)| (a.code.clone(), i))
            .collect();
        let mut by_indicator: HashMap<String, Vec<u32>> = HashMap::new();
        let mut by_geo: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, o) in obs.iter().enumerate() {
            by_indicator
                .entry(o.stored.indicator.clone())
                .or_default()
                .push(i as u32);
            by_geo
                .entry(o.stored.geo.clone())
                .or_default()
                .push(i as u32);
        }
        let version = fingerprint(&datasets, obs.len());
        PortalData {
            catalogue_version: catalogue.map(|c| c.version).unwrap_or_default(),
            indicators,
            areas,
            datasets,
            obs,
            maps,
            indicator_index,
            area_index,
            by_indicator,
            by_geo,
            headline,
            version,
            releases: Default::default(),
            history: None,
        }
    }

    pub fn indicator(&self, id: &str) -> Option<&IndicatorInfo> {
        self.indicator_index.get(id).map(|&i| &self.indicators[i])
    }

    pub fn area(&self, code: &str) -> Option<&AreaInfo> {
        self.area_index.get(code).map(|&i| &self.areas[i])
    }

    /// The name of an area as stored (the national-script `NUTS_NAME` for NUTS areas: "Κύπρος"),
    /// its code when unknown: what downloads carry in their `name` column
    /// (pages show [`crate::i18n::display_name`]).
    pub fn area_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.area(code).map(|a| a.name.as_str()).unwrap_or(code)
    }

    /// Observations of an indicator.
    pub fn of_indicator<'a>(&'a self, id: &str) -> impl Iterator<Item = &'a Obs> + 'a {
        self.by_indicator
            .get(id)
            .into_iter()
            .flatten()
            .map(move |&i| &self.obs[i as usize])
    }

    /// Observations of an area.
    pub fn of_area<'a>(&'a self, geo: &str) -> impl Iterator<Item = &'a Obs> + 'a {
        self.by_geo
            .get(geo)
            .into_iter()
            .flatten()
            .map(move |&i| &self.obs[i as usize])
    }

    /// Observations of an area for one indicator, in the order of [`PortalData::of_area`].
    /// `obs` is sorted by indicator first and an area's list holds ascending indexes, so they
    /// are one run of that list, found by binary search: pages that look up a comparator's
    /// value per indicator and group do not scan all of the comparator's observations.
    pub fn of_area_indicator<'a>(
        &'a self,
        geo: &str,
        indicator: &str,
    ) -> impl Iterator<Item = &'a Obs> + 'a {
        let list = self.by_geo.get(geo).map(Vec::as_slice).unwrap_or_default();
        let id = |i: &u32| self.obs[*i as usize].stored.indicator.as_str();
        let start = list.partition_point(|i| id(i) < indicator);
        let len = list[start..].partition_point(|i| id(i) == indicator);
        list[start..start + len]
            .iter()
            .map(move |&i| &self.obs[i as usize])
    }

    /// Whether an observation is the headline slice of its indicator: both sexes, and the
    /// indicator's default age band — or, when the source does not publish that band (Eurostat's
    /// `lfsa_ergan` has 15-64, not 20-64), the source's main band (see `headline_slices`).
    pub fn is_headline(&self, o: &Obs) -> bool {
        match self
            .headline
            .get(&o.dataset)
            .and_then(|m| m.get(o.stored.indicator.as_str()))
        {
            Some(h) => {
                let sex = if o.stored.sex.is_empty() {
                    "T"
                } else {
                    o.stored.sex.as_str()
                };
                o.stored.age == h.age && sex == h.sex
            }
            None => true,
        }
    }

    /// The age band of an observation when it differs from its indicator's default (to be
    /// shown next to the value), e.g. `Y15-64`.
    pub fn age_note<'a>(&self, o: &'a Obs) -> Option<&'a str> {
        let default = self
            .indicator(&o.stored.indicator)
            .map(|i| i.age.as_str())?;
        (!o.stored.age.is_empty() && o.stored.age != "TOTAL" && o.stored.age != default)
            .then_some(o.stored.age.as_str())
    }

    /// Areas of a kind that have headline data for an indicator.
    pub fn kinds_of(&self, indicator: &str) -> Vec<AreaKind> {
        let mut k: BTreeSet<AreaKind> = BTreeSet::new();
        for o in self.of_indicator(indicator) {
            if let Some(a) = self.area(&o.stored.geo) {
                k.insert(a.kind);
            }
        }
        k.into_iter().collect()
    }

    /// The comparators of an area: its parent chain up to the country, and the EU.
    pub fn comparators(&self, code: &str) -> Vec<&AreaInfo> {
        let mut out = Vec::new();
        let mut cur = self.area(code).and_then(|a| a.parent.clone());
        while let Some(c) = cur {
            match self.area(&c) {
                Some(a) => {
                    out.push(a);
                    cur = a.parent.clone();
                }
                None => break,
            }
        }
        if let Some(eu) = self.area("EU27_2020") {
            if eu.code != code {
                out.push(eu);
            }
        }
        out
    }

    /// The headline observations of an indicator for areas of one kind, one group and one
    /// period: one per area, preferring official over model-based over direct values when an
    /// area has several.
    pub fn slice<'a>(
        &'a self,
        indicator: &str,
        kind: AreaKind,
        group: &str,
        time: &str,
    ) -> Vec<&'a Obs> {
        let group = Group::parse(group);
        let mut best: BTreeMap<&str, &Obs> = BTreeMap::new();
        for o in self.of_indicator(indicator) {
            if o.stored.group != group || o.stored.time != time || !self.is_headline(o) {
                continue;
            }
            if self.area(&o.stored.geo).map(|a| a.kind) != Some(kind) {
                continue;
            }
            match best.get(o.stored.geo.as_str()) {
                Some(b) if method_rank(b.method) <= method_rank(o.method) => {}
                _ => {
                    best.insert(&o.stored.geo, o);
                }
            }
        }
        best.into_values().collect()
    }

    /// Periods with headline data for an indicator, areas of a kind and a group (ascending).
    pub fn times(&self, indicator: &str, kind: AreaKind, group: &str) -> Vec<String> {
        let group = Group::parse(group);
        let mut t: BTreeSet<&str> = BTreeSet::new();
        for o in self.of_indicator(indicator) {
            if o.stored.group == group
                && self.is_headline(o)
                && self.area(&o.stored.geo).map(|a| a.kind) == Some(kind)
            {
                t.insert(&o.stored.time);
            }
        }
        t.into_iter().map(str::to_string).collect()
    }

    /// Groups (criterion, code) with headline data for an indicator and areas of a kind.
    pub fn groups(&self, indicator: &str, kind: AreaKind) -> Vec<(String, String)> {
        let mut g: BTreeSet<(&str, &Group)> = BTreeSet::new();
        for o in self.of_indicator(indicator) {
            if self.is_headline(o) && self.area(&o.stored.geo).map(|a| a.kind) == Some(kind) {
                g.insert((&o.stored.criterion, &o.stored.group));
            }
        }
        let mut v: Vec<(&str, &Group)> = g.into_iter().collect();
        v.sort_by_key(|&(c, g)| (c, group_order(g), g));
        v.into_iter()
            .map(|(c, g)| (c.to_string(), g.to_string()))
            .collect()
    }

    /// The dataset of an observation.
    pub fn dataset_of(&self, o: &Obs) -> &DatasetView {
        &self.datasets[o.dataset]
    }
}

/// The headline slice of each (dataset, indicator): both sexes (or, for a source that publishes
/// one sex only, such as the share of women, that sex), and the indicator's default age band
/// when the dataset has it, else the band with the most values in the dataset.
fn headline_slices(
    indicators: &[IndicatorInfo],
    obs: &[Obs],
) -> HashMap<usize, HashMap<String, Headline>> {
    let default: HashMap<&str, &str> = indicators
        .iter()
        .map(|i| (i.id.as_str(), i.age.as_str()))
        .collect();
    // (indicator, dataset) -> sex -> age -> count
    type AgesBySex<'a> = BTreeMap<&'a str, BTreeMap<&'a str, usize>>;
    let mut counts: HashMap<(&str, usize), AgesBySex> = HashMap::new();
    for o in obs {
        let sex = if o.stored.sex.is_empty() {
            "T"
        } else {
            o.stored.sex.as_str()
        };
        *counts
            .entry((o.stored.indicator.as_str(), o.dataset))
            .or_default()
            .entry(sex)
            .or_default()
            .entry(o.stored.age.as_str())
            .or_default() += 1;
    }
    let mut out: HashMap<usize, HashMap<String, Headline>> = HashMap::new();
    for ((ind, ds), by_sex) in counts {
        let sex = if by_sex.contains_key("T") {
            "T"
        } else {
            by_sex
                .iter()
                .max_by_key(|(_, ages)| ages.values().sum::<usize>())
                .map(|(s, _)| *s)
                .unwrap_or("T")
        };
        let ages = &by_sex[sex];
        let d = default.get(ind).copied().unwrap_or("");
        let age = if ages.contains_key(d) {
            d
        } else {
            ages.iter()
                .max_by_key(|(a, c)| (**c, std::cmp::Reverse(**a)))
                .map(|(a, _)| *a)
                .unwrap_or("")
        };
        out.entry(ds).or_default().insert(
            ind.to_string(),
            Headline {
                sex: sex.to_string(),
                age: age.to_string(),
            },
        );
    }
    out
}

/// The sex and age band of an indicator's headline values in one dataset.
#[derive(Debug, Clone)]
struct Headline {
    sex: String,
    age: String,
}

/// Display preference when an area has several values for one cell.
pub fn method_rank(method: Method) -> u8 {
    match method {
        Method::Official => 0,
        Method::ModelBased => 1,
        Method::Direct => 2,
    }
}

/// Order of target groups in lists: the migrant groups, then nationals, then the total, then
/// gaps.
pub fn group_order(group: &Group) -> u8 {
    match group {
        Group::Target(TargetGroup::For) => 0,
        Group::Target(TargetGroup::Eu27For) => 1,
        Group::Target(TargetGroup::Neu27For) => 2,
        Group::Target(TargetGroup::Nat) => 3,
        Group::Target(TargetGroup::Total) => 4,
        Group::Difference(..) => 5,
        Group::Other(c) if c.contains('-') => 5,
        Group::Ratio(..) | Group::Other(_) => 6,
    }
}

fn fingerprint(datasets: &[DatasetView], n: usize) -> u64 {
    let mut h = Fnv::default();
    for d in datasets {
        h.write(d.name.as_bytes());
        h.write(d.imported_at.as_bytes());
        h.write(&d.observations.to_le_bytes());
    }
    h.write(&n.to_le_bytes());
    h.finish()
}

/// FNV-1a, for ETags (not for security).
#[derive(Debug, Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= b as u64;
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    pub fn finish(&self) -> u64 {
        self.0
    }
}

fn dataset_view(d: &DatasetInfo) -> DatasetView {
    DatasetView {
        name: d.provenance.name.clone(),
        source: d.provenance.source.clone(),
        method: d.provenance.method,
        vintage: d.provenance.vintage.clone(),
        attribution: d.provenance.attribution.clone(),
        synthetic: d.provenance.synthetic,
        observations: d.observations,
        imported_at: d.imported_at.clone(),
        from_release: d.from_release,
    }
}

/// Interprets a stored observation: flags → [`Status`]; suppressed values are dropped here so
/// that no page or download can ever show them. A cell without a value and with the flag `u`
/// (Eurostat's `: u`) was not published for low reliability: it is suppressed, not missing. The
/// sample size of a suppressed cell is not served either (it may be the reason).
fn from_store(
    o: civis_store::Observation,
    dataset: usize,
    d: &DatasetInfo,
    view: &DatasetView,
) -> Obs {
    let id = history::observation_id(
        &d.provenance.name,
        d.from_release,
        [
            &o.indicator,
            &o.geo,
            &o.criterion,
            &o.group.code(),
            &o.sex,
            &o.age,
            &o.time,
            o.unit.code(),
            &o.extra,
        ],
    );
    let flags = Flags::parse(&o.flags).unwrap_or_default();
    let method = d.provenance.method;
    let status = if flags.is_suppressed()
        || (o.estimate.is_none() && flags.contains(ObsStatus::LowReliability))
    {
        Status::Suppressed
    } else if o.estimate.is_none() {
        Status::Missing
    } else if flags.contains(ObsStatus::LowReliability) {
        Status::LowReliability
    } else {
        match method {
            Method::ModelBased => Status::ModelBased {
                model_share: o.model_share,
            },
            Method::Official => Status::Official,
            Method::Direct => Status::Reliable,
        }
    };
    let hide = matches!(status, Status::Suppressed);
    let stored = if hide {
        civis_store::Observation {
            estimate: None,
            se: None,
            ci_low: None,
            ci_high: None,
            n: None,
            ..o
        }
    } else {
        o
    };
    Obs {
        stored,
        method,
        status,
        dataset,
        source: d.provenance.source.clone(),
        synthetic: d.provenance.synthetic,
        id,
        citation: producer::wording(view),
    }
}

/// An area as the store's geographies describe it: cities (from the city registry) get their
/// name, their country and their NUTS 2 region as parent (so the region is their first
/// comparator); other areas the registry cannot name get the stored name.
fn with_stored(
    mut a: AreaInfo,
    stored: &HashMap<&str, &Geography>,
    geos: &BTreeSet<&str>,
) -> AreaInfo {
    let Some(g) = stored.get(a.code.as_str()) else {
        return a;
    };
    if g.level == "city" {
        a.kind = AreaKind::City;
        a.name = g.name.clone();
        a.country = g.country.clone();
        let nuts3 = g.parent.clone().filter(|p| p.len() == 5);
        a.nuts2 = nuts3.as_ref().map(|p| p[..4].to_string());
        a.nuts3 = nuts3;
        a.parent = match &a.nuts2 {
            Some(r) if geos.contains(r.as_str()) => Some(r.clone()),
            _ => Some(g.country.clone()),
        };
    } else if a.name == a.code && !g.name.is_empty() {
        a.name = g.name.clone();
    }
    a
}

/// What the portal knows about an area code.
fn area_info(code: &str, registry: &GeoRegistry, maps: &Maps) -> AreaInfo {
    if let Some(bkz) = code.strip_prefix(DISTRICT_PREFIX) {
        let name = maps
            .districts
            .as_ref()
            .and_then(|l| l.feature(bkz))
            .map(|f| f.name.clone())
            .unwrap_or_else(|| code.to_string());
        return AreaInfo {
            code: code.to_string(),
            name,
            kind: AreaKind::District,
            country: "AT".into(),
            parent: Some("AT".into()),
            nuts2: None,
            nuts3: None,
        };
    }
    match GeoCode::parse(code) {
        Ok(g) => {
            let name = registry
                .name(&g)
                .map(str::to_string)
                .unwrap_or_else(|| code.to_string());
            let (kind, country, parent) = match &g {
                GeoCode::Aggregate(_) => (AreaKind::Aggregate, String::new(), None),
                GeoCode::Country(c) => (AreaKind::Country, c.to_string(), None),
                GeoCode::Nuts(n) => {
                    let c = n.country().to_string();
                    (AreaKind::Region, c.clone(), Some(c))
                }
                GeoCode::Degurba(_) => (AreaKind::Degurba, String::new(), None),
                GeoCode::UrbanAudit(u) => {
                    let c = u.country().to_string();
                    (AreaKind::City, c.clone(), Some(c))
                }
            };
            AreaInfo {
                code: code.to_string(),
                name,
                kind,
                country,
                parent,
                nuts2: None,
                nuts3: None,
            }
        }
        Err(_) => AreaInfo {
            code: code.to_string(),
            name: code.to_string(),
            kind: AreaKind::Aggregate,
            country: String::new(),
            parent: None,
            nuts2: None,
            nuts3: None,
        },
    }
}
