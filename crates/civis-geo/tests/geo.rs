//! The geography registry and map layers on the real GISCO / BEV files in `../shared/data/geo`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::Instant;

use civis_geo::map::{load_austria_districts_with, load_nuts_layer_with, FeatureId};
use civis_geo::project::Laea;
use civis_geo::{
    load_austria_districts, load_nuts_layer, CountryCode, GeoCode, GeoRegistry, MapLayer,
    MapOptions, NutsCode, NutsLevel, NutsVersion, UnknownReason, UrbanAuditCode,
};

fn shared(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(rel)
}

fn geo_dir() -> PathBuf {
    shared("geo")
}

fn nuts(s: &str) -> NutsCode {
    NutsCode::parse(s).unwrap()
}

/// Rows per LEVL_CODE, counted straight from the shared CSV.
fn csv_counts_per_level() -> BTreeMap<u8, usize> {
    let mut rdr = csv::Reader::from_path(geo_dir().join("nuts2024_regions.csv")).unwrap();
    let col = rdr
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "LEVL_CODE")
        .unwrap();
    let mut counts = BTreeMap::new();
    for rec in rdr.records() {
        *counts
            .entry(rec.unwrap()[col].parse::<u8>().unwrap())
            .or_insert(0) += 1;
    }
    counts
}

#[test]
fn registry_has_every_nuts_2024_region_of_the_shared_csv() {
    let reg = GeoRegistry::embedded().unwrap();
    let counts = csv_counts_per_level();
    assert_eq!(
        counts.values().sum::<usize>(),
        1798,
        "README says 1,798 regions"
    );
    for level in NutsLevel::ALL {
        assert_eq!(
            reg.regions(level).count(),
            counts[&level.as_u8()],
            "level {level}"
        );
    }
}

#[test]
fn wien_is_at13_level_2_in_at1() {
    let reg = GeoRegistry::global();
    let wien = reg.region(&nuts("AT13")).unwrap();
    assert_eq!((wien.name.as_str(), wien.level()), ("Wien", NutsLevel::L2));
    assert_eq!(reg.parent(&nuts("AT13")).unwrap().code.as_str(), "AT1");
    assert_eq!(reg.region(&nuts("AT")).unwrap().name, "Österreich");
    assert!(reg.children(&nuts("AT1")).contains(&nuts("AT13")));
    assert_eq!(reg.name(&GeoCode::parse("AT13").unwrap()), Some("Wien"));
}

#[test]
fn greece_is_el_and_gr_is_reported_as_iso() {
    let reg = GeoRegistry::global();
    assert_eq!(reg.region(&nuts("EL")).unwrap().name_latin, "Elláda");
    assert_eq!(CountryCode::GREECE.to_iso_alpha2(), "GR");
    assert_eq!(reg.country_by_iso("GR").unwrap().code.as_str(), "EL");
    let err = reg.validate(["GR"]).unwrap_err();
    assert_eq!(
        err.0[0].reason,
        UnknownReason::IsoCountry {
            eurostat: CountryCode::GREECE
        }
    );
    assert!(err.to_string().contains("Eurostat writes EL"), "{err}");
}

#[test]
fn urban_audit_codes_are_checked_by_grammar() {
    let reg = GeoRegistry::global();
    assert!(UrbanAuditCode::parse("DE001C1").is_ok());
    assert!(UrbanAuditCode::parse("DE001X1").is_err());
    assert!(reg.validate(["DE001C1", "FR001K1", "DE001F"]).is_ok());
    assert!(reg.validate(["DE001X1"]).is_err());
}

#[test]
fn validation_lists_every_unknown_code_once_in_input_order() {
    let reg = GeoRegistry::global();
    let input = [
        "AT13",
        "GR",
        "AT99",
        "EU27_2020",
        "DE001X1",
        "AT99",
        "DEG1",
        "ATZZ",
        "AT",
    ];
    let err = reg.validate(input).unwrap_err();
    let codes: Vec<&str> = err.0.iter().map(|u| u.code.as_str()).collect();
    assert_eq!(codes, ["GR", "AT99", "DE001X1"]);
    let msg = err.to_string();
    assert!(
        msg.starts_with("3 unknown geo codes: GR (ISO 3166"),
        "{msg}"
    );
    assert!(msg.contains("AT99 (no such NUTS 2024 region)"), "{msg}");
    assert_eq!(reg.unknown_codes(input).len(), 3);
    assert!(reg.validate(["AT13", "EL30", "UK"]).is_ok());
}

#[test]
fn another_nuts_version_can_be_loaded_from_a_file() {
    let dir = std::env::temp_dir().join(format!("civis-geo-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("nuts2021.csv");
    std::fs::write(&file, "NUTS_ID,LEVL_CODE,NAME_LATN,NUTS_NAME\nDE,0,Deutschland,Deutschland\nDE9,1,Niedersachsen,\nDE91,2,Braunschweig,\nDE915,3,Göttingen,\n").unwrap();
    let mut reg = GeoRegistry::embedded().unwrap();
    reg.load_nuts_file(NutsVersion::Nuts2021, &file).unwrap();
    assert_eq!(
        reg.versions(),
        [NutsVersion::Nuts2021, NutsVersion::Nuts2024]
    );
    assert_eq!(
        reg.region_in(NutsVersion::Nuts2021, &nuts("DE915"))
            .unwrap()
            .name,
        "Göttingen"
    );
    // Göttingen was merged into DE91C in NUTS 2024.
    let err = reg.validate(["DE915"]).unwrap_err();
    assert!(err.to_string().contains("exists in NUTS 2021"), "{err}");
    reg.set_default_version(NutsVersion::Nuts2021);
    assert!(reg.validate(["DE915"]).is_ok());

    std::fs::write(
        &file,
        "NUTS_ID,LEVL_CODE,NAME_LATN,NUTS_NAME\nDE91,3,Braunschweig,\n",
    )
    .unwrap();
    let err = reg
        .load_nuts_file(NutsVersion::Nuts2021, &file)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("nuts2021.csv, line 2") && err.contains("LEVL_CODE 3"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn laea_origin_maps_to_false_easting_and_northing() {
    let (e, n) = Laea::etrs89_europe().project(10.0, 52.0);
    assert!((e - 4_321_000.0).abs() < 1e-6 && (n - 3_210_000.0).abs() < 1e-6);
}

/// Checks `M x y (L x y)+ Z` repeated, numbers with at most one decimal; returns the vertex count.
fn check_svg_path(d: &str) -> usize {
    fn number(s: &str) -> bool {
        let s = s.strip_prefix('-').unwrap_or(s);
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        !int.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit())
            && frac.len() <= 1
            && frac.bytes().all(|b| b.is_ascii_digit())
            && !(s.contains('.') && frac.is_empty())
    }
    assert!(!d.is_empty(), "empty path");
    let mut vertices = 0;
    for ring in d.split_terminator('Z') {
        assert!(
            ring.starts_with('M'),
            "ring does not start with M: {ring:.40}"
        );
        let pts: Vec<&str> = ring[1..].split('L').collect();
        assert!(pts.len() >= 3, "ring with {} points", pts.len());
        for p in pts {
            let xy: Vec<&str> = p.split(' ').collect();
            assert!(
                xy.len() == 2 && number(xy[0]) && number(xy[1]),
                "bad point `{p}`"
            );
        }
        vertices += ring.matches(['M', 'L']).count();
    }
    assert!(d.ends_with('Z'));
    vertices
}

fn geojson_ids(file: &str, prop: &str) -> BTreeSet<String> {
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(geo_dir().join(file)).unwrap()).unwrap();
    v["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            f["properties"][prop]
                .to_string()
                .trim_matches('"')
                .to_owned()
        })
        .collect()
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let r = f();
    eprintln!("{what}: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    r
}

#[test]
fn every_nuts_level_loads_as_valid_svg_paths_with_attribution() {
    let reg = GeoRegistry::global();
    for level in NutsLevel::ALL {
        let layer = timed(&format!("NUTS level {level}"), || {
            load_nuts_layer(&geo_dir(), level).unwrap()
        });
        assert_eq!(
            layer.attribution.text,
            "© EuroGeographics for the administrative boundaries"
        );
        let in_file = geojson_ids(
            &format!("NUTS_RG_20M_2024_4326_LEVL_{}.geojson", level.as_u8()),
            "NUTS_ID",
        );
        let drawn: BTreeSet<String> = layer.features.iter().map(|f| f.id.to_string()).collect();
        // Everything is drawn except regions lying wholly outside the frame (Svalbard and Jan Mayen).
        let missing: Vec<&String> = in_file.difference(&drawn).collect();
        assert!(
            missing.iter().all(|c| c.starts_with("NO0B")),
            "level {level}: not drawn {missing:?}"
        );
        for f in &layer.features {
            let FeatureId::Nuts(code) = f.id else {
                panic!("{:?}", f.id)
            };
            assert_eq!(code.level(), level);
            assert!(reg.region(&code).is_some(), "{code} not in registry");
            check_svg_path(&f.path);
        }
        assert!(
            layer.view_box.width > 1000.0 && layer.view_box.height > 800.0,
            "{}",
            layer.view_box
        );
    }
}

fn bbox(path: &str) -> [f64; 4] {
    let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for p in path.split(['M', 'L', 'Z']).filter(|s| !s.is_empty()) {
        let (x, y) = p.split_once(' ').unwrap();
        let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
        b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
    }
    b
}

#[test]
fn outermost_regions_are_drawn_inside_their_insets() {
    let layer = load_nuts_layer(&geo_dir(), NutsLevel::L2).unwrap();
    assert_eq!(layer.insets.len(), 8);
    for (code, inset) in [
        "FRY1", "FRY2", "FRY3", "FRY4", "FRY5", "PT20", "PT30", "ES70",
    ]
    .iter()
    .zip(&layer.insets)
    {
        assert!(inset.name.contains(code), "{} vs {code}", inset.name);
        let b = bbox(&layer.feature(code).unwrap().path);
        assert!(
            b[0] >= inset.x
                && b[2] <= inset.x + inset.width
                && b[1] >= inset.y
                && b[3] <= inset.y + inset.height,
            "{code} {b:?} outside {inset:?}"
        );
    }
    // Mainland regions lie right of the inset column; France's level-0 shape includes its insets.
    let column = layer.insets[0].x + layer.insets[0].width;
    assert!(bbox(&layer.feature("AT13").unwrap().path)[0] > column);
    let fr = load_nuts_layer(&geo_dir(), NutsLevel::L0).unwrap();
    assert!(bbox(&fr.feature("FR").unwrap().path)[0] < column);
    let no_insets = MapOptions {
        insets: false,
        ..MapOptions::default()
    };
    let clipped = load_nuts_layer_with(&geo_dir(), NutsLevel::L2, &no_insets).unwrap();
    assert!(
        clipped.insets.is_empty()
            && clipped.feature("FRY1").is_none()
            && clipped.feature("ES70").is_none()
    );
}

fn total_vertices(layer: &MapLayer) -> usize {
    layer.features.iter().map(|f| check_svg_path(&f.path)).sum()
}

#[test]
fn simplification_reduces_vertices_and_keeps_rings_closed() {
    let raw = MapOptions {
        tolerance: 0.0,
        ..MapOptions::default()
    };
    // GISCO's 1:20 million shapes are already generalised, so half a pixel removes 10-20 %.
    for (level, percent) in [(NutsLevel::L0, 85), (NutsLevel::L3, 95)] {
        let full = load_nuts_layer_with(&geo_dir(), level, &raw).unwrap();
        let simple = load_nuts_layer(&geo_dir(), level).unwrap();
        let (n_full, n_simple) = (total_vertices(&full), total_vertices(&simple));
        eprintln!("NUTS level {level}: {n_full} -> {n_simple} vertices");
        assert!(n_simple * 100 < n_full * percent, "{n_full} -> {n_simple}");
        assert_eq!(
            full.features.len(),
            simple.features.len(),
            "no region lost to simplification"
        );
    }
    let austria_raw =
        load_austria_districts_with(&geo_dir().join("austria_districts.geojson"), &raw).unwrap();
    let austria = load_austria_districts(&geo_dir().join("austria_districts.geojson")).unwrap();
    let (n_full, n_simple) = (total_vertices(&austria_raw), total_vertices(&austria));
    eprintln!("Austria: {n_full} -> {n_simple} vertices");
    assert!(n_simple < n_full / 2, "{n_full} -> {n_simple}");
}

#[test]
fn austria_has_94_districts_named_as_in_the_sae_data() {
    let layer = timed("Austrian districts", || {
        load_austria_districts(&geo_dir().join("austria_districts.geojson")).unwrap()
    });
    assert_eq!(layer.features.len(), 94);
    assert_eq!(
        layer.attribution.to_string(),
        "BEV, via SynerGIS (CC BY-SA 2.0)"
    );
    let names: BTreeSet<String> = layer.features.iter().map(|f| f.name.clone()).collect();
    assert_eq!(names, geojson_ids("austria_districts.geojson", "PB"));
    let mut rdr = csv::Reader::from_path(shared("sae/eusilcA_popAgg.csv")).unwrap();
    let domains: BTreeSet<String> = rdr.records().map(|r| r.unwrap()[0].to_owned()).collect();
    assert_eq!(names, domains);
    let wien = layer.features.iter().find(|f| f.name == "Wien").unwrap();
    assert_eq!(wien.id.to_string(), "900");
    for f in &layer.features {
        check_svg_path(&f.path);
    }
    assert!(
        (layer.view_box.width - 1000.0).abs() < 1.0,
        "{}",
        layer.view_box
    );
}

#[test]
fn missing_geometry_file_names_the_path() {
    let err = load_nuts_layer(&geo_dir().join("nowhere"), NutsLevel::L1)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("nowhere/NUTS_RG_20M_2024_4326_LEVL_1.geojson"),
        "{err}"
    );
}

#[test]
fn layer_renders_as_svg_document_with_attribution() {
    let layer = load_nuts_layer(&geo_dir(), NutsLevel::L1).unwrap();
    let svg = layer.to_svg();
    assert!(svg.starts_with(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{}\"",
        layer.view_box
    )));
    assert_eq!(svg.matches("<path ").count(), layer.features.len());
    assert!(svg.contains("<path data-code=\"AT1\" d=\"M"));
    assert!(svg.contains("© EuroGeographics for the administrative boundaries</text>"));
    assert_eq!(svg.matches("<rect class=\"inset\"").count(), 8);
    assert!(svg.trim_end().ends_with("</svg>"));
    // Names are escaped: "Provence-Alpes-Côte d’Azur" has no markup, but any `&` would be.
    assert!(!svg.contains("& "));
}

mod properties {
    use civis_geo::simplify::douglas_peucker;
    use civis_geo::{GeoCode, NutsCode, UrbanAuditCode};
    use proptest::prelude::*;

    /// The distance from `p` to the nearest segment of `line`, worked out independently of the
    /// library's projection onto the segment: when the angle of the triangle `a b p` at `a` or
    /// at `b` is not acute, the nearest point is that end; otherwise it is the triangle's height
    /// over the base `a b`, twice its area `|(b - a) x (p - a)|` over the base's length.
    fn distance_to_polyline(p: [f64; 2], line: &[[f64; 2]]) -> f64 {
        let dot = |o: [f64; 2], u: [f64; 2], v: [f64; 2]| {
            (u[0] - o[0]) * (v[0] - o[0]) + (u[1] - o[1]) * (v[1] - o[1])
        };
        let apart = |u: [f64; 2], v: [f64; 2]| (u[0] - v[0]).hypot(u[1] - v[1]);
        line.windows(2)
            .map(|w| {
                let (a, b) = (w[0], w[1]);
                if dot(a, p, b) <= 0.0 {
                    apart(p, a)
                } else if dot(b, p, a) <= 0.0 {
                    apart(p, b)
                } else {
                    let twice_area =
                        ((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])).abs();
                    twice_area / apart(a, b)
                }
            })
            .fold(f64::INFINITY, f64::min)
    }

    proptest! {
        #[test]
        fn nuts_codes_round_trip(code in "[A-Z]{2}[A-Z0-9]{0,3}") {
            let n = NutsCode::parse(&code).unwrap();
            prop_assert_eq!(n.as_str(), code.as_str());
            prop_assert_eq!(usize::from(n.level().as_u8()), code.len() - 2);
            prop_assert_eq!(GeoCode::parse(&code).unwrap().to_string(), code);
        }

        #[test]
        fn urban_audit_codes_round_trip(code in "[A-Z]{2}[0-9]{3}([CKL][0-9]|F[0-9]?)") {
            prop_assert_eq!(UrbanAuditCode::parse(&code).unwrap().to_string(), code);
        }

        #[test]
        fn parsing_never_panics(s in "\\PC{0,9}") {
            let _ = GeoCode::parse(&s);
        }

        #[test]
        fn douglas_peucker_stays_within_tolerance(
            pts in prop::collection::vec((-100.0f64..100.0, -100.0f64..100.0), 2..60),
            tol in 0.0f64..20.0,
        ) {
            let line: Vec<[f64; 2]> = pts.into_iter().map(|(x, y)| [x, y]).collect();
            let s = douglas_peucker(&line, tol);
            prop_assert_eq!(s.first(), line.first());
            prop_assert_eq!(s.last(), line.last());
            prop_assert!(s.iter().all(|p| line.contains(p)));
            for p in &line {
                prop_assert!(distance_to_polyline(*p, &s) <= tol + 1e-9);
            }
        }
    }
}
