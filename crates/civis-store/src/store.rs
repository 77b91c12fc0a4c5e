//! The [`Store`] interface, its one implementation over any [`Db`], and how to open one.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use crate::db::{Db, Dialect};
use crate::definitions::{self, Definition};
use crate::geographies::{self, Geography};
use crate::migrate::{apply_migrations, schema_version, version_table, Migration};
use crate::observations::{self, DatasetInfo, Filter, Observation, Provenance, Release};
use crate::postgres::PgDb;
use crate::sqlite::SqliteDb;
use crate::StoreError;

/// The name of the store's migration set.
pub const STORE_SET: &str = "store";

/// The store's schema, step by step (the set [`STORE_SET`]).
pub const MIGRATIONS: &[Migration] = &[
    Migration::portable(
        1,
        "datasets and observations",
        r#"
CREATE TABLE datasets (
    id {auto_id},
    name TEXT NOT NULL UNIQUE,
    file TEXT NOT NULL,
    source TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('direct', 'model-based', 'official')),
    vintage TEXT NOT NULL,
    attribution TEXT NOT NULL,
    synthetic INTEGER NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE TABLE observations (
    dataset_id BIGINT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    indicator TEXT NOT NULL,
    geo TEXT NOT NULL,
    criterion TEXT NOT NULL,
    group_code TEXT NOT NULL,
    sex TEXT NOT NULL,
    age TEXT NOT NULL,
    time TEXT NOT NULL,
    unit TEXT NOT NULL,
    extra TEXT NOT NULL,
    estimate DOUBLE PRECISION,
    se DOUBLE PRECISION,
    ci_low DOUBLE PRECISION,
    ci_high DOUBLE PRECISION,
    n BIGINT,
    flags TEXT NOT NULL,
    UNIQUE (dataset_id, indicator, geo, criterion, group_code, sex, age, time, unit, extra)
);
CREATE INDEX observations_indicator_geo ON observations (indicator, geo);
CREATE INDEX observations_geo ON observations (geo);
"#,
    ),
    Migration::portable(
        2,
        "model share, definitions and geographies",
        r#"
ALTER TABLE observations ADD COLUMN model_share DOUBLE PRECISION
    CHECK (model_share IS NULL OR (model_share >= 0 AND model_share <= 1));
CREATE TABLE definitions (
    indicator TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    definition TEXT NOT NULL,
    area TEXT NOT NULL,
    unit TEXT NOT NULL,
    higher_is_better INTEGER CHECK (higher_is_better IN (0, 1)),
    catalogue_version TEXT NOT NULL
);
CREATE TABLE geographies (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    level TEXT NOT NULL,
    parent TEXT,
    country TEXT NOT NULL
);
CREATE INDEX geographies_parent ON geographies (parent);
CREATE INDEX geographies_country ON geographies (country);
"#,
    ),
    Migration::portable(
        3,
        "releases: a history of the store keyed by vintage",
        r#"
CREATE TABLE releases (
    id {auto_id},
    created_at TEXT NOT NULL,
    dataset TEXT NOT NULL,
    vintage TEXT NOT NULL
);
ALTER TABLE datasets ADD COLUMN from_release BIGINT;
ALTER TABLE datasets ADD COLUMN to_release BIGINT;
UPDATE datasets SET to_release = 0 WHERE name LIKE '%#vintage-%';
"#,
    ),
];

/// The database interface of the CLI and the portal. Reads take `&self` (a store can sit
/// behind an `Arc`); the connection is behind a mutex, so calls are serialised.
pub trait Store {
    /// Create or upgrade the schema (done when a store is opened; idempotent).
    fn migrate(&mut self) -> Result<(), StoreError>;
    /// The version of the store's schema in the database.
    fn schema_version(&self) -> Result<i64, StoreError>;
    /// Import a dataset in one transaction; with `replace`, an existing dataset of the same
    /// name is replaced in that same transaction. A failure leaves nothing behind.
    fn import(
        &mut self,
        provenance: &Provenance,
        observations: &[Observation],
        replace: bool,
    ) -> Result<i64, StoreError>;
    /// Delete a dataset and its observations; false when there was none of that name.
    fn delete_dataset(&mut self, name: &str) -> Result<bool, StoreError>;
    fn datasets(&self) -> Result<Vec<DatasetInfo>, StoreError>;
    /// Every release (one per import), oldest first: the vintages permalinks can pin.
    fn releases(&self) -> Result<Vec<Release>, StoreError>;
    fn observations(&self, filter: &Filter) -> Result<Vec<Observation>, StoreError>;
    fn upsert_definitions(&mut self, definitions: &[Definition]) -> Result<(), StoreError>;
    fn definitions(&self) -> Result<Vec<Definition>, StoreError>;
    fn upsert_geographies(&mut self, geographies: &[Geography]) -> Result<(), StoreError>;
    fn geographies(&self) -> Result<Vec<Geography>, StoreError>;
    fn dialect(&self) -> Dialect;
    /// The connection itself, for other crates' own tables and SQL (see the crate docs).
    fn db(&mut self) -> &mut dyn Db;
}

/// The observation store over a database connection `D`.
pub struct DbStore<D> {
    db: Mutex<D>,
    dialect: Dialect,
}

/// The embedded SQLite store.
pub type SqliteStore = DbStore<SqliteDb>;
/// The PostgreSQL store.
pub type PgStore = DbStore<PgDb>;

impl<D: Db> DbStore<D> {
    /// A store on `db`, with its schema brought up to date.
    pub fn new(db: D) -> Result<DbStore<D>, StoreError> {
        let dialect = db.dialect();
        let mut s = DbStore {
            db: Mutex::new(db),
            dialect,
        };
        s.migrate()?;
        Ok(s)
    }

    fn lock(&self) -> MutexGuard<'_, D> {
        // a panic while another caller held the connection left no transaction open
        // (transactions roll back on panics), so the connection is fit for use
        self.db
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The connection, by value.
    pub fn into_db(self) -> D {
        self.db.into_inner().unwrap_or_else(|p| p.into_inner())
    }
}

impl SqliteStore {
    /// Open (creating if needed) a database file and bring its schema up to date.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        DbStore::new(SqliteDb::open(path)?)
    }

    /// A database in memory (tests).
    pub fn in_memory() -> Result<SqliteStore, StoreError> {
        DbStore::new(SqliteDb::in_memory()?)
    }
}

impl PgStore {
    /// Connect to PostgreSQL (`postgres://user:password@host:port/database`) and bring the
    /// schema up to date.
    pub fn connect(url: &str) -> Result<PgStore, StoreError> {
        DbStore::new(PgDb::connect(url)?)
    }
}

/// True for the database specs [`open_store`] opens with PostgreSQL.
pub fn is_postgres_url(spec: &str) -> bool {
    spec.starts_with("postgres://") || spec.starts_with("postgresql://")
}

/// Open a store: `postgres://` and `postgresql://` URLs connect to PostgreSQL, anything else
/// is the path of an SQLite file (created if absent).
pub fn open_store(spec: &str) -> Result<Box<dyn Store + Send>, StoreError> {
    Ok(if is_postgres_url(spec) {
        Box::new(PgStore::connect(spec)?)
    } else {
        Box::new(SqliteStore::open(Path::new(spec))?)
    })
}

/// A database spec fit for messages: the password of a URL replaced by `***`.
pub fn redacted(spec: &str) -> String {
    let Some((scheme, rest)) = spec.split_once("://") else {
        return spec.to_string();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => match rest[..at].find(':') {
            Some(colon) => format!("{scheme}://{}:***{}", &rest[..colon], &rest[at..]),
            None => spec.to_string(),
        },
        None => spec.to_string(),
    }
}

/// Databases created before migration sets recorded the store's steps in `schema_migrations`:
/// move those rows to the set's own table (the steps themselves are unchanged).
fn adopt_legacy_versions(db: &mut dyn Db) -> Result<(), StoreError> {
    if db.dialect() != Dialect::Sqlite {
        return Ok(());
    }
    let legacy = db
        .query_opt(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
            &[],
        )?
        .is_some();
    if !legacy {
        return Ok(());
    }
    let table = version_table(STORE_SET)?;
    db.transaction(&mut |db| {
        db.batch(&format!(
            "CREATE TABLE IF NOT EXISTS {table} (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
             INSERT INTO {table} (version, name, applied_at)
                SELECT version, 'adopted from schema_migrations', applied_at FROM schema_migrations
                WHERE version NOT IN (SELECT version FROM {table});
             DROP TABLE schema_migrations;"
        ))
    })
}

impl<D: Db> Store for DbStore<D> {
    fn migrate(&mut self) -> Result<(), StoreError> {
        let db = self.db.get_mut().unwrap_or_else(|p| p.into_inner());
        adopt_legacy_versions(db)?;
        apply_migrations(db, STORE_SET, MIGRATIONS)?;
        Ok(())
    }

    fn schema_version(&self) -> Result<i64, StoreError> {
        schema_version(&mut *self.lock(), STORE_SET)
    }

    fn import(
        &mut self,
        provenance: &Provenance,
        observations: &[Observation],
        replace: bool,
    ) -> Result<i64, StoreError> {
        observations::import(self.db(), provenance, observations, replace)
    }

    fn delete_dataset(&mut self, name: &str) -> Result<bool, StoreError> {
        observations::delete_dataset(self.db(), name)
    }

    fn datasets(&self) -> Result<Vec<DatasetInfo>, StoreError> {
        observations::datasets(&mut *self.lock())
    }

    fn releases(&self) -> Result<Vec<Release>, StoreError> {
        observations::releases(&mut *self.lock())
    }

    fn observations(&self, filter: &Filter) -> Result<Vec<Observation>, StoreError> {
        observations::observations(&mut *self.lock(), filter)
    }

    fn upsert_definitions(&mut self, d: &[Definition]) -> Result<(), StoreError> {
        definitions::upsert_definitions(self.db(), d)
    }

    fn definitions(&self) -> Result<Vec<Definition>, StoreError> {
        definitions::definitions(&mut *self.lock())
    }

    fn upsert_geographies(&mut self, g: &[Geography]) -> Result<(), StoreError> {
        geographies::upsert_geographies(self.db(), g)
    }

    fn geographies(&self) -> Result<Vec<Geography>, StoreError> {
        geographies::geographies(&mut *self.lock())
    }

    fn dialect(&self) -> Dialect {
        self.dialect
    }

    fn db(&mut self) -> &mut dyn Db {
        self.db.get_mut().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_do_not_reach_messages() {
        assert_eq!(
            redacted("postgres://civis:s3cret@127.0.0.1:5432/civis"),
            "postgres://civis:***@127.0.0.1:5432/civis"
        );
        assert_eq!(
            redacted("postgresql://civis@db/civis"),
            "postgresql://civis@db/civis"
        );
        assert_eq!(redacted("data/civis.db"), "data/civis.db");
    }

    #[test]
    fn urls_choose_postgres_and_anything_else_is_a_file() {
        assert!(is_postgres_url("postgresql://x/y") && is_postgres_url("postgres://x/y"));
        assert!(!is_postgres_url("postgres.db") && !is_postgres_url("./postgres://x"));
    }
}
