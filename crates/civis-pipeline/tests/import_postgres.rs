//! The import step (`civis import --database postgres://...`) into PostgreSQL (skipped with a
//! notice when `CIVIS_TEST_POSTGRES` is unset, failed when `CIVIS_REQUIRE_POSTGRES=1`).

mod common;

use std::path::{Path, PathBuf};

use civis_pipeline::{Import, ImportBuilder};
use civis_store::{testing, Filter, Method, PgStore, Store};
use common::chain;

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

#[test]
fn eurostat_and_small_area_tables_land_in_postgres() {
    let Some(schema) = testing::postgres_schema("cli_import") else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("civis-import-pg-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let sae = dir.join("fh.csv");
    std::fs::write(
        &sae,
        "area,direct,direct_se,eblup,mse,rmse,cv,gamma,synthetic,in_sample,flags\n\
         AT11,20.0,2.0,18.0,1.0,1.0,0.05,0.25,17.0,true,\n\
         AT12,,,16.0,4.0,2.0,0.12,0,16.0,false,\n",
    )
    .unwrap();
    let tsv = shared().join("data/formats/eurostat_tsv/estat_lfsa_ergan_filtered.tsv");
    // --indicator arop_rate (--group TOTAL by default)
    let import: Import = ImportBuilder::new()
        .sae_table(Some("arop_rate".into()), "TOTAL".into())
        .build();
    let files = [tsv, sae];
    let database = PathBuf::from(schema.url());
    let done = import.run(&database, &files).unwrap();
    assert_eq!(done.len(), 2);

    let store = PgStore::connect(schema.url()).unwrap();
    let ds = store.datasets().unwrap();
    let names: Vec<(&str, Method)> = ds
        .iter()
        .map(|d| (d.provenance.name.as_str(), d.provenance.method))
        .collect();
    assert_eq!(
        names,
        [
            ("estat_lfsa_ergan_filtered", Method::Official),
            ("fh", Method::ModelBased)
        ]
    );
    let fh = store
        .observations(&Filter {
            dataset: Some("fh".into()),
            ..Default::default()
        })
        .unwrap();
    // the model's share is 1 - gamma: 0.75 in sample, all of it out of sample
    let shares: Vec<(&str, Option<f64>, Option<f64>)> = fh
        .iter()
        .map(|o| (o.geo.as_str(), o.estimate, o.model_share))
        .collect();
    assert_eq!(
        shares,
        [
            ("AT11", Some(18.0), Some(0.75)),
            ("AT12", Some(16.0), Some(1.0))
        ]
    );
    // again without --replace: refused
    let err = chain(&import.run(&database, &files).unwrap_err());
    assert!(err.contains("--replace"), "{err}");
    // a failed login names the database, but not the password
    let (scheme, rest) = schema.url().split_once("://").unwrap();
    let host = &rest[rest.rfind('@').map_or(0, |at| at + 1)..];
    let nobody = format!("{scheme}://civis_nobody:s3cret-pw@{host}");
    let err = chain(&import.run(Path::new(&nobody), &files).unwrap_err());
    assert!(err.contains("opening the database"), "{err}");
    assert!(err.contains("civis_nobody:***@"), "{err}");
    assert!(!err.contains("s3cret-pw"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
