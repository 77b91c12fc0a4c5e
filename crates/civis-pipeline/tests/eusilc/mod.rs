//! The laeken `eusilc` file (`../shared/data/microdata/eusilc.csv`) and the design the tests
//! that compare two ways of estimating on it share: strata db040, PSUs db030 nested in them,
//! weights rb050, with the derived variables `emp` (at work) and `foreign` (citizenship other
//! than AT). Shared by `estimate_stream.rs` and `partials_engines.rs` (`mod eusilc;`).

use std::path::{Path, PathBuf};

use civis_pipeline::{DesignBuilder, EstimateBuilder};

/// The eusilc microdata file.
pub fn eusilc() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/microdata/eusilc.csv")
}

/// An estimation of the file `data` (eusilc or a copy of it) on the stratified cluster design,
/// with `emp` and `foreign` defined.
pub fn on_design(data: &Path) -> EstimateBuilder {
    let mut d = DesignBuilder::new();
    d.weight("rb050").strata("db040").psu("db030").nest(true);
    let mut b = EstimateBuilder::new(data);
    b.design(d.build().unwrap())
        .define("emp = if(pl030 in (1, 2), 1, 0)")
        .define("foreign = if(pb220a == \"AT\", \"national\", \"foreign\")");
    b
}
