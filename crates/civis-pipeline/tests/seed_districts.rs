//! The unit-level district dataset of the default database (`civis_pipeline::seed::districts`).

use std::path::PathBuf;

use civis_pipeline::seed::austrian_districts;
use civis_pipeline::seed::districts::{district_unit_level, MEAN_ID, POVERTY_ID};

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

/// The default database's unit-level dataset: both indicators for the 94 districts, the model
/// share `1 - gamma_d` (1 without sample), intervals around the estimates, percentages.
#[test]
fn the_district_dataset_is_model_based_with_shares_and_intervals() {
    let districts = austrian_districts(&data_dir().join("geo/austria_districts.geojson")).unwrap();
    let d = district_unit_level(&data_dir(), &districts, &mut |_| {}).unwrap();
    let (prov, obs) = (d.provenance, d.observations);
    assert_eq!(prov.method, civis_store::Method::ModelBased);
    assert!(prov.synthetic);
    assert_eq!(obs.len(), 2 * 94);
    for o in &obs {
        let (e, lo, hi) = (o.estimate.unwrap(), o.ci_low.unwrap(), o.ci_high.unwrap());
        assert!(lo <= e && e < hi, "{o:?}");
        let share = o.model_share.unwrap();
        assert!((0.0..=1.0).contains(&share));
        if o.n == Some(0) {
            assert_eq!(share, 1.0);
        } else {
            assert!(share < 1.0);
        }
        match o.indicator.as_str() {
            MEAN_ID => assert!((5_000.0..60_000.0).contains(&e) && o.unit.code() == "EUR"),
            POVERTY_ID => assert!((0.0..100.0).contains(&e) && o.unit.code() == "PC"),
            other => panic!("{other}"),
        }
    }
}
