//! The default database (what `civis init-db` builds from `data/`), built once per run of a
//! test binary into cargo's scratch directory for integration tests (rebuilt, not accumulated,
//! on every run), and the portal's read model loaded from it. Shared by the test files that
//! check the portal on it (`mod default_portal;`).

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use civis_cli::default_db::build_default_database_file;
use civis_store::SqliteStore;
use civis_web::PortalData;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// This test binary's scratch directory (named after it), created.
#[allow(dead_code)] // each test file compiles this module; not all of them write files of their own
pub fn scratch() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(env!("CARGO_CRATE_NAME"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The default database, built once per run of this test binary.
pub fn database() -> &'static PathBuf {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        let db = scratch().join("civis.db");
        build_default_database_file(&db, &repo().join("data"), true, &mut |_| {})
            .expect("building the default database");
        db
    })
}

/// The portal's read model of the default database, with the maps of `data/geo`.
pub fn data() -> &'static Arc<PortalData> {
    static DATA: OnceLock<Arc<PortalData>> = OnceLock::new();
    DATA.get_or_init(|| {
        let store = SqliteStore::open(database()).unwrap();
        let (maps, _) = civis_web::server::load_maps(&repo().join("data/geo"));
        Arc::new(PortalData::load(&store, maps).unwrap())
    })
}
