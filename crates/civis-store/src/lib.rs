//! # civis-store: the Civis database
//!
//! Observations (indicator, area, target group, breakdowns, period, estimate with its standard
//! error, interval, sample size and flags, the model's share in a model-based estimate, and
//! whether the value is a direct survey estimate, a model-based one or an official published
//! figure), grouped in datasets that record where they came from (file, source, vintage,
//! attribution) and when they were imported; beside them the indicator [`Definition`]s and
//! the [`Geography`] of areas that the portal shows.
//!
//! ## Layers
//!
//! * [`Db`] ([`db`]): one connection, SQLite ([`SqliteDb`]) or PostgreSQL ([`PgDb`]), seen
//!   through the SQL both accept. Statements use `$1, $2, ...` placeholders (rewritten to
//!   `?1, ?2, ...` for SQLite), parameters are [`Param`]s, rows hold [`Value`]s (NULL, 64-bit
//!   integer, double, text) with typed getters, transactions commit on `Ok` and roll back on
//!   `Err` and nest as savepoints.
//! * Migrations ([`migrate`]): named sets of numbered steps, each applied once in its own
//!   transaction and recorded in the set's own table.
//! * The store: [`observations`], [`definitions`] and [`geographies`] are written once as
//!   functions of `&mut dyn Db`; [`Store`] is the interface the CLI and the portal use, and
//!   [`DbStore`] implements it over either backend ([`SqliteStore`], [`PgStore`]).
//!   [`open_store`] picks the backend from a spec: a `postgres://` or `postgresql://` URL, or
//!   an SQLite file path.
//!
//! Every import runs in one transaction: a failed import leaves nothing behind.
//!
//! ## Vintages and releases
//!
//! Each import is a *release* (table `releases`, numbered 1, 2, 3, ...). Importing a dataset
//! again with a new vintage does not delete the older one: it is kept as `NAME#vintage-K`,
//! marked as superseded at the new release, so the store can answer "what did it hold just
//! after release R" ([`DatasetInfo::visible_at`]) for any R: the portal's permalinks
//! `/v/{release}/...` show exactly those numbers. Re-importing the *same* vintage with
//! `replace` corrects it in place.
//!
//! ## Your own tables on the same database
//!
//! Another crate (the registry of practices, users and sessions, say) keeps its schema in a
//! migration set of its own and runs its SQL through the store's connection:
//!
//! ```
//! use civis_store::{apply_migrations, in_transaction, open_store, Migration, StoreError};
//!
//! const REGISTRY: &[Migration] = &[
//!     // `{auto_id}`: INTEGER PRIMARY KEY (SQLite) or BIGINT GENERATED ALWAYS AS IDENTITY
//!     Migration::portable(1, "practices", "CREATE TABLE practices (id {auto_id}, title TEXT NOT NULL)"),
//!     // where the databases differ: full-text search
//!     Migration::per_dialect(
//!         2,
//!         "practice search",
//!         "CREATE VIRTUAL TABLE practice_search USING fts5(title)",
//!         "ALTER TABLE practices ADD COLUMN search tsvector
//!              GENERATED ALWAYS AS (to_tsvector('simple', title)) STORED;
//!          CREATE INDEX practices_search ON practices USING GIN (search)",
//!     ),
//! ];
//!
//! # fn main() -> Result<(), StoreError> {
//! # let dir = std::env::temp_dir().join(format!("civis-doc-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir).unwrap();
//! # let path = dir.join("doc.db");
//! # let _ = std::fs::remove_file(&path);
//! # let spec = path.to_str().unwrap();
//! let mut store = open_store(spec)?; // or "postgres://civis:civis@127.0.0.1:5432/civis"
//! let db = store.db();
//! assert_eq!(apply_migrations(db, "registry", REGISTRY)?, 2); // again: no change
//! let id = in_transaction(db, |db| {
//!     db.query_one("INSERT INTO practices (title) VALUES ($1) RETURNING id", &["Mentoring".into()])?
//!         .int(0)
//! })?;
//! let rows = db.query("SELECT title FROM practices WHERE id = $1", &[id.into()])?;
//! assert_eq!(rows[0].text(0)?, "Mentoring");
//! # Ok(())
//! # }
//! ```
//!
//! Set names are lowercase identifiers; set `registry` records its steps in
//! `registry_schema_migrations`. Steps are numbered 1, 2, 3, ... and never changed once
//! released: a change is a new step. Values cross the layer as [`Value`]s, so store booleans as
//! integers 0/1 and timestamps as text ([`Dialect::now_utc`] gives the current one), and cast
//! other PostgreSQL types in the query.
//!
//! ## Tests against PostgreSQL
//!
//! [`testing`] gives each test a schema of its own on the server named by
//! `CIVIS_TEST_POSTGRES`; see there.

pub mod db;
pub mod definitions;
pub mod disclosure;
pub mod geographies;
pub mod migrate;
pub mod observations;
pub mod postgres;
pub mod sqlite;
mod store;
pub mod testing;

use thiserror::Error;

pub use db::{in_transaction, Db, Dialect, Param, Row, Value};
pub use definitions::Definition;
pub use disclosure::{Disclosure, DisclosureRules, SourceRule};
pub use geographies::Geography;
pub use migrate::{apply_migrations, schema_version, Migration, MigrationSql};
pub use observations::{
    is_earlier_vintage, series_of, DatasetInfo, Existing, Filter, Imported, Method, Observation,
    Provenance, Release,
};
pub use postgres::PgDb;
pub use sqlite::SqliteDb;
pub use store::{
    is_postgres_url, open_store, redacted, DbStore, PgStore, SqliteStore, Store, MIGRATIONS,
    STORE_SET,
};

/// Errors of the store.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] ::postgres::Error),
    #[error("dataset `{0}` is already in the database (import it with --replace to update it)")]
    Exists(String),
    #[error("{0}")]
    Invalid(String),
    /// A row value of another type than the getter asked for.
    #[error("column {index}: expected {expected}, found {found}")]
    Column {
        index: usize,
        expected: &'static str,
        found: String,
    },
    #[error(
        "migration {version} (`{name}`) of the `{set}` schema failed, nothing of it was applied"
    )]
    Migration {
        set: String,
        version: i64,
        name: String,
        #[source]
        source: Box<StoreError>,
    },
}

/// Stores and connections move between threads (the portal's workers).
const _: fn() = || {
    fn send<T: Send>() {}
    send::<SqliteDb>();
    send::<PgDb>();
    send::<SqliteStore>();
    send::<PgStore>();
    send::<Box<dyn Store + Send>>();
};
