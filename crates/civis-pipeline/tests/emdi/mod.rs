//! emdi's eusilcA sample (`../shared/data/sae`), shared by the Fay-Herriot tests of civis-pipeline
//! and of civis-cli (`#[path]`).

use std::path::PathBuf;

use civis_pipeline::{DesignBuilder, EstimateBuilder, EstimateOutput, Measure};

/// The folder of emdi's eusilcA files.
pub fn sae_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/sae")
}

/// Direct district means of equivalised income of the eusilcA sample (weighted, linearised).
pub fn direct_district_means() -> EstimateOutput {
    EstimateBuilder::new(sae_dir().join("eusilcA_smp.csv"))
        .design(DesignBuilder::new().weight("weight").build().unwrap())
        .measure(Measure::Mean("eqIncome".into()))
        .by("district")
        .build()
        .unwrap()
        .run(None)
        .unwrap()
}
