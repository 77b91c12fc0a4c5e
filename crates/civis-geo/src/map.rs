//! Map geometries for the portal: GeoJSON polygons to compact, projected, simplified SVG paths.
//!
//! Pipeline, per layer:
//! 1. read a GeoJSON FeatureCollection (Polygon / MultiPolygon, WGS 84 longitude/latitude);
//! 2. project with Lambert azimuthal equal-area ([`Laea`], EPSG:3035 for Europe) and scale to map
//!    units, where one unit is meant to be about one pixel (y grows downwards as in SVG);
//! 3. simplify every ring with topology-aware Douglas-Peucker ([`Topology`]) at a tolerance in map
//!    units (default 0.5, half a pixel);
//! 4. round to one decimal and write `M x y L x y ... Z` paths; outer rings and holes get opposite
//!    orientations so both SVG fill rules draw holes.
//!
//! **Outermost regions (NUTS layers).** The map frame is GISCO's usual extent of Europe in
//! EPSG:3035 (x 2 377 294 - 7 453 440 m, y 1 313 597 - 5 628 510 m). The EU outermost regions —
//! Guadeloupe, Martinique, Guyane, La Réunion, Mayotte (FRY), Açores (PT2), Madeira (PT3) and
//! Canarias (ES7) — are drawn as **insets**: a column of boxes left of the main frame, one per
//! region, each projected with its own LAEA centred on the region (so shapes are not distorted)
//! and scaled to fill its box; box positions are in [`MapLayer::insets`] so the portal can frame
//! and label them. Insets have their own scales, like Eurostat's printed maps. Polygons are
//! assigned to an inset by the mean of their outer ring's vertices, so the country layer (FR, PT,
//! ES as one MultiPolygon each) and the regional layers put the same islands in the same place.
//! Other polygons lying entirely outside the frame (Svalbard, Saint-Martin, and the tiny Ilhas
//! Selvagens of Madeira, left out so that Madeira's inset shows Madeira and Porto Santo) are
//! **clipped**, i.e. left out; polygons crossing the frame edge are kept whole and the SVG viewport
//! cuts them. Insets can be switched off ([`MapOptions::insets`]), then outermost regions are
//! clipped too.

use std::fmt::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Serialize, Serializer};
use serde_json::Value;

use super::code::{NutsCode, NutsLevel};
use super::error::GeoError;
use super::project::Laea;
use super::registry::NutsVersion;
use super::simplify::{Point, Topology};

/// Who must be credited wherever the shapes are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Attribution {
    /// The credit line to display, verbatim.
    pub text: &'static str,
    /// Licence or terms of use.
    pub licence: &'static str,
    /// Where the shapes come from.
    pub source: &'static str,
}

impl Attribution {
    /// Eurostat GISCO NUTS boundaries.
    pub const NUTS: Attribution = Attribution {
        text: "© EuroGeographics for the administrative boundaries",
        licence: "Eurostat GISCO terms: use on condition of no commercial use",
        source: "Eurostat GISCO, NUTS 2024, 1:20 million",
    };
    /// BEV Austrian district boundaries as shipped with the R package emdi.
    pub const AUSTRIA_DISTRICTS: Attribution = Attribution {
        text: "BEV, via SynerGIS",
        licence: "CC BY-SA 2.0",
        source: "BEV Verwaltungsgrenzen 1:250 000 (2017), via R package emdi 2.2.3",
    };
}

impl fmt::Display for Attribution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.licence.starts_with("CC ") {
            write!(f, "{} ({})", self.text, self.licence)
        } else {
            f.write_str(self.text)
        }
    }
}

/// The SVG `viewBox` of a layer, in map units.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ViewBox {
    pub min_x: f64,
    pub min_y: f64,
    pub width: f64,
    pub height: f64,
}

impl fmt::Display for ViewBox {
    /// The `viewBox` attribute value, e.g. `0 0 1105 850`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {} {}",
            num(self.min_x),
            num(self.min_y),
            num(self.width),
            num(self.height)
        )
    }
}

/// What a layer shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum LayerKind {
    Nuts {
        version: NutsVersion,
        level: NutsLevel,
    },
    AustrianDistricts,
}

/// The identifier of a drawn area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FeatureId {
    /// A NUTS region (`NUTS_ID`).
    Nuts(NutsCode),
    /// An Austrian political district, by its BEV code `BKZ` (e.g. 101 Eisenstadt).
    AustrianDistrict(u16),
}

impl fmt::Display for FeatureId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FeatureId::Nuts(c) => c.fmt(f),
            FeatureId::AustrianDistrict(b) => b.fmt(f),
        }
    }
}

impl Serialize for FeatureId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One area of a layer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapFeature {
    pub id: FeatureId,
    /// Name as in the source (NUTS: `NUTS_NAME`, national script; Austria: `PB`, which matches
    /// the district names of the SAE data sets).
    pub name: String,
    /// SVG path data (`d` attribute).
    pub path: String,
}

/// A frame drawn around an inset, in map units.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inset {
    pub name: &'static str,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Inset {
    /// The inset's frame as an SVG `<rect>` titled with its name: `class`, then the coordinates,
    /// then `paint` (raw attributes such as `fill="none" stroke="#999"`).
    pub fn svg_rect(&self, class: &str, paint: &str) -> String {
        format!(
            "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {paint}><title>{}</title></rect>",
            num(self.x),
            num(self.y),
            num(self.width),
            num(self.height),
            xml_escape(self.name)
        )
    }
}

/// A map layer ready for the portal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapLayer {
    pub kind: LayerKind,
    pub attribution: Attribution,
    pub view_box: ViewBox,
    /// Inset frames (NUTS layers with insets on); empty otherwise.
    pub insets: Vec<Inset>,
    /// Areas in code order.
    pub features: Vec<MapFeature>,
}

impl MapLayer {
    /// The feature with this identifier, as text (`AT13`, `101`).
    pub fn feature(&self, id: &str) -> Option<&MapFeature> {
        self.features.iter().find(|f| f.id.to_string() == id)
    }

    /// The total number of path vertices, a measure of the layer's size.
    pub fn vertex_count(&self) -> usize {
        self.features
            .iter()
            .map(|f| f.path.bytes().filter(|&b| b == b'M' || b == b'L').count())
            .sum()
    }

    /// A standalone SVG document: inset frames, one `<path>` per feature (`data-code`, with the
    /// name as `<title>`), and the attribution in the bottom-right corner. Colours are left to
    /// CSS (`path { fill: ...; stroke: ... }`); the portal may instead use the parts directly.
    pub fn to_svg(&self) -> String {
        let vb = &self.view_box;
        let mut svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{vb}\" class=\"civis-map\">\n"
        );
        for i in &self.insets {
            let paint = "fill=\"none\" stroke=\"#999\" stroke-width=\"0.5\"";
            let _ = writeln!(svg, "{}", i.svg_rect("inset", paint));
        }
        for f in &self.features {
            let _ = writeln!(
                svg,
                "<path data-code=\"{}\" d=\"{}\"><title>{}</title></path>",
                f.id,
                f.path,
                xml_escape(&f.name)
            );
        }
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"10\">{}</text>\n</svg>",
            num(vb.min_x + vb.width - 4.0),
            num(vb.min_y + vb.height - 4.0),
            xml_escape(&self.attribution.to_string())
        );
        svg
    }
}

/// How a layer is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapOptions {
    /// Width of the main frame in map units (about pixels).
    pub width: f64,
    /// Douglas-Peucker tolerance in map units; 0 keeps every vertex.
    pub tolerance: f64,
    /// Draw outermost regions as insets (NUTS layers); if false they are clipped.
    pub insets: bool,
}

impl Default for MapOptions {
    fn default() -> Self {
        MapOptions {
            width: 1000.0,
            tolerance: 0.5,
            insets: true,
        }
    }
}

/// Where the geometries are when Civis runs from its checkout: the shared data directory next to
/// the project root. Callers pass the directory at run time; this is only the default.
pub const DEFAULT_GEO_DIR: &str = "../shared/data/geo";

/// The GISCO NUTS 2024 file name for a level, as in `../shared/data/geo/`.
pub fn nuts_file_name(level: NutsLevel) -> String {
    format!("NUTS_RG_20M_2024_4326_LEVL_{}.geojson", level.as_u8())
}

/// Loads one NUTS 2024 level from `dir` (containing `NUTS_RG_20M_2024_4326_LEVL_{0..3}.geojson`)
/// with default options.
pub fn load_nuts_layer(dir: &Path, level: NutsLevel) -> Result<MapLayer, GeoError> {
    load_nuts_layer_with(dir, level, &MapOptions::default())
}

/// Loads one NUTS 2024 level with the given options.
pub fn load_nuts_layer_with(
    dir: &Path,
    level: NutsLevel,
    options: &MapOptions,
) -> Result<MapLayer, GeoError> {
    let path = dir.join(nuts_file_name(level));
    let features = read_features(&path, |file, index, props| {
        let id_text = props.get("NUTS_ID").and_then(Value::as_str).unwrap_or("");
        let bad = |reason: String| GeoError::Feature {
            file: file.to_owned(),
            index,
            id: id_text.to_owned(),
            reason,
        };
        let code = NutsCode::parse(id_text).map_err(|e| bad(e.to_string()))?;
        if code.level() != level {
            return Err(bad(format!(
                "NUTS_ID is level {}, the file should hold level {level}",
                code.level()
            )));
        }
        let name = str_prop(props, "NUTS_NAME")
            .or_else(|| str_prop(props, "NAME_LATN"))
            .unwrap_or(id_text);
        Ok((FeatureId::Nuts(code), name.trim().to_owned()))
    })?;

    let main = Frame::europe(options.width);
    let gap = 8.0;
    let (column, insets) = if options.insets {
        inset_frames(main.height)
    } else {
        (0.0, Vec::new())
    };
    let offset = if options.insets { column + gap } else { 0.0 };
    let main = Frame { ox: offset, ..main };

    let mut placed = Vec::with_capacity(features.len());
    for f in features {
        let mut polys = Vec::new();
        for poly in f.polygons {
            let Some(outer) = poly.first() else { continue };
            let (lon, lat) = mean_lon_lat(outer);
            let inset = insets
                .iter()
                .find(|(region, _, _)| region.contains(lon, lat));
            let projected = match inset {
                Some((_, frame, _)) => frame.apply(&poly),
                None if OUTERMOST.iter().any(|r| r.contains(lon, lat)) => continue,
                None => {
                    let p = main.apply(&poly);
                    if !main.overlaps(&p[0]) {
                        continue;
                    }
                    p
                }
            };
            polys.push(projected);
        }
        if !polys.is_empty() {
            placed.push((f.id, f.name, polys));
        }
    }
    let view_box = ViewBox {
        min_x: 0.0,
        min_y: 0.0,
        width: (offset + main.width).ceil(),
        height: main.height.ceil(),
    };
    let insets = insets.into_iter().map(|(_, _, inset)| inset).collect();
    Ok(finish(
        LayerKind::Nuts {
            version: NutsVersion::Nuts2024,
            level,
        },
        Attribution::NUTS,
        view_box,
        insets,
        placed,
        options,
    ))
}

/// Loads the 94 Austrian political districts (`austria_districts.geojson`, property `PB` = name,
/// `BKZ` = district code) with default options, framed to fit Austria.
pub fn load_austria_districts(path: &Path) -> Result<MapLayer, GeoError> {
    load_austria_districts_with(path, &MapOptions::default())
}

/// Loads the Austrian districts with the given options (`insets` is ignored).
pub fn load_austria_districts_with(
    path: &Path,
    options: &MapOptions,
) -> Result<MapLayer, GeoError> {
    let features = read_features(path, |file, index, props| {
        let name = str_prop(props, "PB").unwrap_or("");
        let bad = |reason: &str| GeoError::Feature {
            file: file.to_owned(),
            index,
            id: name.to_owned(),
            reason: reason.to_owned(),
        };
        if name.is_empty() {
            return Err(bad("no district name (property PB)"));
        }
        let bkz = props
            .get("BKZ")
            .and_then(Value::as_u64)
            .and_then(|b| u16::try_from(b).ok())
            .ok_or_else(|| bad("no district code (property BKZ, a number)"))?;
        Ok((FeatureId::AustrianDistrict(bkz), name.to_owned()))
    })?;
    let laea = Laea::etrs89_europe();
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for p in features
        .iter()
        .flat_map(|f| &f.polygons)
        .flat_map(|p| p.first())
        .flatten()
    {
        let (x, y) = laea.project(p[0], p[1]);
        (x0, x1, y0, y1) = (x0.min(x), x1.max(x), y0.min(y), y1.max(y));
    }
    if x0 >= x1 || y0 >= y1 {
        return Err(GeoError::Feature {
            file: path.display().to_string(),
            index: 0,
            id: String::new(),
            reason: "no polygons".to_owned(),
        });
    }
    let scale = options.width / (x1 - x0);
    let frame = Frame {
        laea,
        x0,
        y1,
        scale,
        ox: 0.0,
        oy: 0.0,
        width: options.width,
        height: (y1 - y0) * scale,
    };
    let placed = features
        .into_iter()
        .map(|f| {
            let polys = f.polygons.iter().map(|p| frame.apply(p)).collect();
            (f.id, f.name, polys)
        })
        .collect();
    let view_box = ViewBox {
        min_x: 0.0,
        min_y: 0.0,
        width: frame.width.ceil(),
        height: frame.height.ceil(),
    };
    Ok(finish(
        LayerKind::AustrianDistricts,
        Attribution::AUSTRIA_DISTRICTS,
        view_box,
        Vec::new(),
        placed,
        options,
    ))
}

type Ring = Vec<Point>;
type Polygon = Vec<Ring>;

/// A feature as read: id, name and polygons in longitude/latitude.
struct RawFeature {
    id: FeatureId,
    name: String,
    polygons: Vec<Polygon>,
}

fn str_prop<'a>(props: &'a serde_json::Map<String, Value>, key: &str) -> Option<&'a str> {
    props
        .get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
}

fn read_features(
    path: &Path,
    identify: impl Fn(
        &str,
        usize,
        &serde_json::Map<String, Value>,
    ) -> Result<(FeatureId, String), GeoError>,
) -> Result<Vec<RawFeature>, GeoError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| GeoError::Io {
        path: PathBuf::from(path),
        source,
    })?;
    let doc: Value = serde_json::from_slice(&bytes).map_err(|source| GeoError::Json {
        file: file.clone(),
        source,
    })?;
    let Some(features) = doc.get("features").and_then(Value::as_array) else {
        return Err(GeoError::Feature {
            file,
            index: 0,
            id: String::new(),
            reason: "no `features` array".to_owned(),
        });
    };
    let empty = serde_json::Map::new();
    features
        .iter()
        .enumerate()
        .map(|(index, f)| {
            let props = f
                .get("properties")
                .and_then(Value::as_object)
                .unwrap_or(&empty);
            let (id, name) = identify(&file, index, props)?;
            let polygons =
                read_geometry(f.get("geometry").unwrap_or(&Value::Null)).map_err(|reason| {
                    GeoError::Feature {
                        file: file.clone(),
                        index,
                        id: id.to_string(),
                        reason,
                    }
                })?;
            Ok(RawFeature { id, name, polygons })
        })
        .collect()
}

/// Polygon or MultiPolygon coordinates as a list of polygons (outer ring first, then holes).
fn read_geometry(geometry: &Value) -> Result<Vec<Polygon>, String> {
    let kind = geometry
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("(none)");
    let coords = geometry
        .get("coordinates")
        .ok_or_else(|| format!("geometry {kind} has no coordinates"))?;
    let polygon = |v: &Value| -> Result<Polygon, String> {
        let rings = v.as_array().ok_or("polygon is not an array of rings")?;
        rings
            .iter()
            .map(|r| {
                let pts = r.as_array().ok_or("ring is not an array of positions")?;
                pts.iter()
                    .map(|p| match p.as_array().map(Vec::as_slice) {
                        Some([x, y, ..]) => match (x.as_f64(), y.as_f64()) {
                            (Some(x), Some(y)) if x.is_finite() && y.is_finite() => Ok([x, y]),
                            _ => Err("position is not a pair of numbers".to_owned()),
                        },
                        _ => Err("position is not a pair of numbers".to_owned()),
                    })
                    .collect::<Result<Ring, String>>()
            })
            .collect()
    };
    match kind {
        "Polygon" => Ok(vec![polygon(coords)?]),
        "MultiPolygon" => coords
            .as_array()
            .ok_or("MultiPolygon coordinates are not an array")?
            .iter()
            .map(polygon)
            .collect(),
        other => Err(format!(
            "geometry type {other} is not supported (expected Polygon or MultiPolygon)"
        )),
    }
}

fn mean_lon_lat(ring: &[Point]) -> (f64, f64) {
    let n = ring.len().max(1) as f64;
    let (sx, sy) = ring
        .iter()
        .fold((0.0, 0.0), |(sx, sy), p| (sx + p[0], sy + p[1]));
    (sx / n, sy / n)
}

/// Projection plus affine map from metres to map units: u = (E − x0)·scale + ox,
/// v = (y1 − N)·scale + oy.
#[derive(Debug, Clone, Copy)]
struct Frame {
    laea: Laea,
    x0: f64,
    y1: f64,
    scale: f64,
    ox: f64,
    oy: f64,
    width: f64,
    height: f64,
}

impl Frame {
    /// GISCO's extent of Europe in EPSG:3035, `width` units wide.
    fn europe(width: f64) -> Frame {
        let (x0, x1, y0, y1) = (2_377_294.0, 7_453_440.0, 1_313_597.0, 5_628_510.0);
        let scale = width / (x1 - x0);
        Frame {
            laea: Laea::etrs89_europe(),
            x0,
            y1,
            scale,
            ox: 0.0,
            oy: 0.0,
            width,
            height: (y1 - y0) * scale,
        }
    }

    fn apply(&self, poly: &Polygon) -> Polygon {
        poly.iter()
            .map(|ring| {
                ring.iter()
                    .map(|p| {
                        let (e, n) = self.laea.project(p[0], p[1]);
                        [
                            (e - self.x0) * self.scale + self.ox,
                            (self.y1 - n) * self.scale + self.oy,
                        ]
                    })
                    .collect()
            })
            .collect()
    }

    /// Whether a projected ring's bounding box meets the frame.
    fn overlaps(&self, ring: &[Point]) -> bool {
        let (mut a, mut b) = ([f64::MAX; 2], [f64::MIN; 2]);
        for p in ring {
            a = [a[0].min(p[0]), a[1].min(p[1])];
            b = [b[0].max(p[0]), b[1].max(p[1])];
        }
        b[0] >= self.ox
            && a[0] <= self.ox + self.width
            && b[1] >= self.oy
            && a[1] <= self.oy + self.height
    }
}

/// An outermost region shown as an inset: name and longitude/latitude box.
struct OutermostRegion {
    name: &'static str,
    lon: (f64, f64),
    lat: (f64, f64),
}

impl OutermostRegion {
    fn contains(&self, lon: f64, lat: f64) -> bool {
        (self.lon.0..=self.lon.1).contains(&lon) && (self.lat.0..=self.lat.1).contains(&lat)
    }
}

const OUTERMOST: [OutermostRegion; 8] = [
    OutermostRegion {
        name: "Guadeloupe (FRY1)",
        lon: (-61.9, -60.9),
        lat: (15.8, 16.6),
    },
    OutermostRegion {
        name: "Martinique (FRY2)",
        lon: (-61.3, -60.75),
        lat: (14.35, 14.9),
    },
    OutermostRegion {
        name: "Guyane (FRY3)",
        lon: (-54.7, -51.5),
        lat: (2.0, 6.0),
    },
    OutermostRegion {
        name: "La Réunion (FRY4)",
        lon: (55.1, 55.9),
        lat: (-21.45, -20.8),
    },
    OutermostRegion {
        name: "Mayotte (FRY5)",
        lon: (44.9, 45.35),
        lat: (-13.05, -12.6),
    },
    OutermostRegion {
        name: "Açores (PT20)",
        lon: (-31.4, -24.9),
        lat: (36.8, 39.8),
    },
    OutermostRegion {
        name: "Madeira (PT30)",
        lon: (-17.4, -16.2),
        lat: (32.3, 33.2),
    },
    OutermostRegion {
        name: "Canarias (ES70)",
        lon: (-18.3, -13.3),
        lat: (27.5, 29.5),
    },
];

/// The inset column: its width, and per outermost region its frame and its box. Boxes are
/// squares stacked top to bottom filling `height`; each region is centred and scaled to fit its
/// box with a margin.
fn inset_frames(height: f64) -> (f64, Vec<(&'static OutermostRegion, Frame, Inset)>) {
    let gap = 8.0;
    let n = OUTERMOST.len() as f64;
    let side = ((height - gap * (n - 1.0)) / n).floor();
    let margin = 4.0;
    let inner = side - 2.0 * margin;
    let frames = OUTERMOST
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let laea = Laea::centred((r.lat.0 + r.lat.1) / 2.0, (r.lon.0 + r.lon.1) / 2.0);
            // Bounding box of the projected longitude/latitude box (its edges, sampled).
            let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
            for k in 0..=8 {
                let t = f64::from(k) / 8.0;
                let lon = r.lon.0 + t * (r.lon.1 - r.lon.0);
                let lat = r.lat.0 + t * (r.lat.1 - r.lat.0);
                for (a, b) in [
                    (lon, r.lat.0),
                    (lon, r.lat.1),
                    (r.lon.0, lat),
                    (r.lon.1, lat),
                ] {
                    let (x, y) = laea.project(a, b);
                    (x0, x1, y0, y1) = (x0.min(x), x1.max(x), y0.min(y), y1.max(y));
                }
            }
            let scale = (inner / (x1 - x0)).min(inner / (y1 - y0));
            let top = i as f64 * (side + gap);
            let frame = Frame {
                laea,
                x0,
                y1,
                scale,
                ox: margin + (inner - (x1 - x0) * scale) / 2.0,
                oy: top + margin + (inner - (y1 - y0) * scale) / 2.0,
                width: (x1 - x0) * scale,
                height: (y1 - y0) * scale,
            };
            (
                r,
                frame,
                Inset {
                    name: r.name,
                    x: 0.0,
                    y: top,
                    width: side,
                    height: side,
                },
            )
        })
        .collect();
    (side, frames)
}

/// Simplifies, rounds and writes the paths of projected features.
fn finish(
    kind: LayerKind,
    attribution: Attribution,
    view_box: ViewBox,
    insets: Vec<Inset>,
    placed: Vec<(FeatureId, String, Vec<Polygon>)>,
    options: &MapOptions,
) -> MapLayer {
    let topology = Topology::new(
        placed
            .iter()
            .flat_map(|(_, _, polys)| polys.iter().flatten().map(Vec::as_slice)),
    );
    let mut features: Vec<MapFeature> = placed
        .into_iter()
        .map(|(id, name, polys)| {
            let mut path = String::new();
            for poly in &polys {
                for (k, ring) in poly.iter().enumerate() {
                    let simplified = if options.tolerance > 0.0 {
                        topology.simplify_ring(ring, options.tolerance)
                    } else {
                        Some(ring.clone())
                    };
                    if let Some(r) = simplified {
                        write_ring(&mut path, &r, k == 0);
                    }
                }
            }
            if path.is_empty() {
                // Too small to survive simplification: draw the largest outer ring unsimplified.
                if let Some(ring) = polys
                    .iter()
                    .filter_map(|p| p.first())
                    .max_by(|a, b| area(a).abs().total_cmp(&area(b).abs()))
                {
                    write_ring(&mut path, ring, true);
                }
            }
            MapFeature { id, name, path }
        })
        .collect();
    features.sort_by_key(|f| f.id);
    MapLayer {
        kind,
        attribution,
        view_box,
        insets,
        features,
    }
}

/// Escapes text and attribute values of XML (`& < > " '`); the maps' SVG and civis-chart's
/// charts both write through it.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Twice the signed area (shoelace); positive = clockwise on screen (y down).
fn area(ring: &[Point]) -> f64 {
    ring.windows(2)
        .map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1])
        .sum()
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// A number with at most one decimal, without a trailing `.0`.
fn num(v: f64) -> String {
    let r = round1(v);
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// Appends one ring as `M..L..Z`, rounded to 0.1, outer rings clockwise on screen and holes
/// counter-clockwise. Rings with fewer than three distinct rounded points are skipped.
fn write_ring(path: &mut String, ring: &[Point], outer: bool) {
    let mut pts: Vec<Point> = Vec::with_capacity(ring.len());
    for p in ring {
        let q = [round1(p[0]), round1(p[1])];
        if pts.last() != Some(&q) {
            pts.push(q);
        }
    }
    while pts.len() > 1 && pts.first() == pts.last() {
        pts.pop();
    }
    if pts.len() < 3 {
        return;
    }
    let mut closed = pts.clone();
    closed.push(pts[0]);
    if (area(&closed) > 0.0) != outer {
        pts.reverse();
    }
    for (i, p) in pts.iter().enumerate() {
        let _ = write!(
            path,
            "{}{} {}",
            if i == 0 { 'M' } else { 'L' },
            num(p[0]),
            num(p[1])
        );
    }
    path.push('Z');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ring_is_written_as_closed_path_with_outer_clockwise() {
        let mut p = String::new();
        // Counter-clockwise on screen (y down): (0,0) -> (0,10) -> (10,10) -> (10,0).
        write_ring(
            &mut p,
            &[
                [0.0, 0.0],
                [0.0, 10.0],
                [10.0, 10.0],
                [10.04, 0.0],
                [0.0, 0.0],
            ],
            true,
        );
        assert_eq!(p, "M10 0L10 10L0 10L0 0Z");
        let mut h = String::new();
        write_ring(
            &mut h,
            &[
                [0.0, 0.0],
                [0.0, 10.0],
                [10.0, 10.0],
                [10.0, 0.0],
                [0.0, 0.0],
            ],
            false,
        );
        assert_eq!(h, "M0 0L0 10L10 10L10 0Z");
        let mut tiny = String::new();
        write_ring(
            &mut tiny,
            &[[0.0, 0.0], [0.01, 0.0], [0.0, 0.01], [0.0, 0.0]],
            true,
        );
        assert!(tiny.is_empty());
    }

    #[test]
    fn numbers_have_at_most_one_decimal() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.3");
        assert_eq!(num(-0.04), "0");
        assert_eq!(num(7.96), "8");
    }

    #[test]
    fn inset_boxes_stack_inside_the_map_height() {
        let (side, frames) = inset_frames(850.0);
        assert_eq!(frames.len(), 8);
        for pair in frames.windows(2) {
            assert!(
                pair[0].2.y + pair[0].2.height < pair[1].2.y,
                "boxes overlap"
            );
        }
        assert!(frames[7].2.y + frames[7].2.height <= 850.0);
        for (_, frame, b) in &frames {
            // The region's drawing area lies inside its box.
            assert!(frame.ox >= b.x && frame.ox + frame.width <= b.x + b.width + 1e-9);
            assert!(frame.oy >= b.y && frame.oy + frame.height <= b.y + b.height + 1e-9);
        }
        assert!(side > 80.0);
    }
}
