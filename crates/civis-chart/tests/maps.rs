//! Choropleths on the real GISCO NUTS 2024 and BEV district layers in `../shared/data/geo`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use civis_catalog::Unit;
use civis_chart::{choropleth, Breaks, ChartInfo, ChoroplethOptions, NumberFormat, Point, Status};
use civis_geo::{load_austria_districts, load_nuts_layer, MapLayer, NutsLevel};

fn geo_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/geo")
}

fn layers() -> Vec<MapLayer> {
    let mut layers: Vec<MapLayer> = [NutsLevel::L0, NutsLevel::L1, NutsLevel::L2, NutsLevel::L3]
        .into_iter()
        .map(|level| load_nuts_layer(&geo_dir(), level).expect("NUTS layer"))
        .collect();
    layers.push(
        load_austria_districts(&geo_dir().join("austria_districts.geojson")).expect("districts"),
    );
    layers
}

/// Values for every third area, with every status among them.
fn values(layer: &MapLayer) -> BTreeMap<String, Point> {
    layer
        .features
        .iter()
        .step_by(3)
        .enumerate()
        .map(|(i, f)| {
            let v = 40.0 + (i * 7 % 40) as f64;
            let p = match i % 5 {
                0 => Point::new("", v, Some((v - 3.0, v + 3.0))),
                1 => {
                    Point::new("", v, Some((v - 9.0, v + 9.0))).with_status(Status::LowReliability)
                }
                2 => Point::suppressed(""),
                3 => Point::new("", v, Some((v - 2.0, v + 2.0))).with_status(Status::ModelBased {
                    model_share: Some(0.5),
                }),
                _ => Point::new("", v, None).with_status(Status::Official),
            };
            (f.id.to_string(), p)
        })
        .collect()
}

#[test]
fn every_real_layer_draws_all_areas_with_its_attribution() {
    for layer in layers() {
        let values = values(&layer);
        let chart = choropleth(
            &layer,
            &values,
            &ChoroplethOptions {
                info: ChartInfo::new("m", "Test"),
                format: NumberFormat::new(Unit::Percent),
                breaks: Breaks::Quantile(5),
                href: Some("/areas/{id}".to_owned()),
            },
        )
        .unwrap();
        let svg = &chart.svg;
        let attribution = layer.attribution.to_string();
        assert!(
            svg.contains(&format!(">{attribution}</text>")),
            "{:?}: attribution missing",
            layer.kind
        );
        assert_eq!(
            svg.matches("<path class=\"civis-area").count(),
            layer.features.len(),
            "{:?}",
            layer.kind
        );
        // only the areas with an entry (every third) are links: the others may have no page
        assert_eq!(
            svg.matches("<a class=\"civis-area-link\"").count(),
            values.len()
        );
        assert_eq!(
            svg.matches("<rect class=\"civis-inset\"").count(),
            layer.insets.len()
        );
        assert!(svg.contains("<pattern id=\"m-hatch\""));
        assert!(svg.contains(&format!("viewBox=\"0 0 {} ", layer.view_box.width)));
        assert!(chart
            .alt_text
            .contains(&format!("Boundaries: {attribution}.")));
    }
}

#[test]
fn attributions_are_the_required_credit_lines() {
    let layers = layers();
    assert_eq!(
        layers[0].attribution.to_string(),
        "© EuroGeographics for the administrative boundaries"
    );
    assert_eq!(
        layers[4].attribution.to_string(),
        "BEV, via SynerGIS (CC BY-SA 2.0)"
    );
}
