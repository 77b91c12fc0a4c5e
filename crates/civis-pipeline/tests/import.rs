//! The import step (`civis import`) into SQLite: real Eurostat files and Civis tables, one
//! transaction per file.

mod common;

use std::path::{Path, PathBuf};

use civis_pipeline::{ImportBuilder, Imported, PipelineError};
use civis_store::{testing, Filter, Method, SqliteStore, Store};
use common::chain;

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// `civis import --database DB [--replace] FILES`, with the default `--group TOTAL`.
fn run(db: &Path, files: Vec<PathBuf>, replace: bool) -> Result<Vec<Imported>, PipelineError> {
    ImportBuilder::new()
        .replace(replace)
        .build()
        .run(db, &files)
}

/// A fresh directory for one test, removed with its files when the guard drops (also when
/// the test fails).
fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("civis-import-{name}-"))
        .tempdir()
        .unwrap()
}

#[test]
fn eurostat_and_civis_tables_land_with_their_flags_and_provenance() {
    let dir_guard = scratch("ok");
    let dir = dir_guard.path().to_path_buf();
    let db = dir.join("c.db");
    let ergan =
        shared().join("data/eurostat/lfsa_ergan_employment_rates_by_sex_age_citizenship.csv");
    let indicators = dir.join("ind.csv");
    std::fs::write(
        &indicators,
        "indicator,geo,group_criterion,group,sex,age,time,estimate,se,ci_low,ci_high,cv,deff,n,pop,flags,unit,note\n\
         arop_rate,AT,citizenship,NEU27_2020_FOR,T,Y_GE18,2006,23.2,1.8,19.6,26.8,0.08,,719,413349,,PC,\n\
         arop_rate,AT1,citizenship,EU27_2020_FOR,T,Y_GE18,2006,,,,,,,14,,u,PC,\n\
         smsd_rate,AT,,TOTAL,T,Y_GE18,2006,,,,,,,,,,PC,not computable from this file: missing deprivation_items\n",
    )
    .unwrap();
    let done = ImportBuilder::new()
        .vintage("2026-11")
        .build()
        .run(&db, &[ergan, indicators])
        .unwrap();
    assert_eq!(done.len(), 2);
    let store = SqliteStore::open(&db).unwrap();
    let ds = store.datasets().unwrap();
    let eurostat = ds
        .iter()
        .find(|d| d.provenance.name.starts_with("lfsa_ergan"))
        .unwrap();
    assert_eq!(eurostat.provenance.method, Method::Official);
    assert_eq!(eurostat.provenance.attribution, "Source: Eurostat");
    // foreign citizens 15-64 in Germany, 2021: 64.1 with flag b (break in series)
    let de = store
        .observations(&Filter {
            geo: Some("DE".into()),
            group: Some("FOR".into()),
            ..Default::default()
        })
        .unwrap();
    let o = de
        .iter()
        .find(|o| o.time == "2021" && o.sex == "T" && o.age == "Y15-64" && o.unit.code() == "PC")
        .unwrap();
    assert_eq!((o.estimate, o.flags.as_str()), (Some(64.1), "b"));
    // the Civis table: rows that could not be computed are not observations; suppressed stays empty
    let civis = ds.iter().find(|d| d.provenance.name == "ind").unwrap();
    assert_eq!(
        (civis.observations, civis.provenance.method),
        (2, Method::Direct)
    );
    let sup = store
        .observations(&Filter {
            geo: Some("AT1".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        (sup[0].estimate, sup[0].flags.as_str(), sup[0].n),
        (None, "u", Some(14))
    );
}

#[test]
fn a_failed_file_leaves_nothing_behind() {
    let dir_guard = scratch("fail");
    let dir = dir_guard.path().to_path_buf();
    let db = dir.join("c.db");
    let good = shared().join("data/formats/eurostat_tsv/estat_lfsa_ergan_filtered.tsv");
    let bad = dir.join("broken.tsv");
    std::fs::write(
        &bad,
        "freq,unit,geo\\TIME_PERIOD\t2022 \nA,PC,AT\t71.2 \nA,PC,DE\tabc \n",
    )
    .unwrap();
    let err = run(&db, vec![good, bad], false).unwrap_err();
    let msg = chain(&err);
    assert!(
        msg.contains("broken.tsv") && msg.contains("line 3"),
        "{msg}"
    );
    let store = SqliteStore::open(&db).unwrap();
    let names = testing::dataset_names(&store).unwrap();
    assert_eq!(names, ["estat_lfsa_ergan_filtered"]);
    // importing the same file again without --replace is refused, with --replace it works
    let again = |replace| {
        run(
            &db,
            vec![shared().join("data/formats/eurostat_tsv/estat_lfsa_ergan_filtered.tsv")],
            replace,
        )
    };
    assert!(chain(&again(false).unwrap_err()).contains("--replace"));
    assert!(again(true).is_ok());
}
