//! Versioned schema migrations, in named sets that share one database.
//!
//! A *set* is one crate's schema (`store` for observations, `registry` for the portal's
//! practices and users, ...). Each set records what it applied in its own table
//! `<set>_schema_migrations (version, name, applied_at)`, so sets evolve independently. Each
//! step runs in its own transaction together with the row that records it: a step is applied
//! completely, once, or not at all (both databases roll back DDL). On PostgreSQL the step also
//! takes an advisory lock, so two processes starting together do not apply it twice.

use std::borrow::Cow;

use crate::db::{Db, Dialect};
use crate::StoreError;

/// The SQL of one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MigrationSql {
    /// One script for both databases. `{auto_id}` stands for the dialect's automatically
    /// numbered 64-bit primary key column ([`Dialect::auto_id`]).
    Portable(&'static str),
    /// Separate scripts where the databases differ beyond that (full-text search: an FTS5
    /// virtual table in SQLite, a `tsvector` column with a GIN index in PostgreSQL).
    PerDialect {
        sqlite: &'static str,
        postgres: &'static str,
    },
}

/// One step of a migration set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Migration {
    /// 1, 2, 3, ... in the order the steps are applied; never reuse or renumber one.
    pub version: i64,
    /// A few words for the version table and error messages.
    pub name: &'static str,
    pub sql: MigrationSql,
}

impl Migration {
    pub const fn portable(version: i64, name: &'static str, sql: &'static str) -> Migration {
        Migration {
            version,
            name,
            sql: MigrationSql::Portable(sql),
        }
    }

    pub const fn per_dialect(
        version: i64,
        name: &'static str,
        sqlite: &'static str,
        postgres: &'static str,
    ) -> Migration {
        Migration {
            version,
            name,
            sql: MigrationSql::PerDialect { sqlite, postgres },
        }
    }

    /// The script this step runs on `dialect`.
    pub fn sql_for(&self, dialect: Dialect) -> Cow<'static, str> {
        match (self.sql, dialect) {
            (MigrationSql::Portable(sql), _) => {
                Cow::Owned(sql.replace("{auto_id}", dialect.auto_id()))
            }
            (MigrationSql::PerDialect { sqlite, .. }, Dialect::Sqlite) => Cow::Borrowed(sqlite),
            (MigrationSql::PerDialect { postgres, .. }, Dialect::Postgres) => {
                Cow::Borrowed(postgres)
            }
        }
    }
}

/// The table that records the steps of `set` applied (after checking the name).
pub fn version_table(set: &str) -> Result<String, StoreError> {
    let ok = set.len() <= 40
        && set.starts_with(|c: char| c.is_ascii_lowercase())
        && set
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !ok {
        return Err(StoreError::Invalid(format!(
            "migration set name `{set}`: use lowercase letters, digits and `_`, starting with a letter (at most 40)"
        )));
    }
    Ok(format!("{set}_schema_migrations"))
}

fn create_version_table(db: &mut dyn Db, table: &str) -> Result<(), StoreError> {
    db.batch(&format!(
        "CREATE TABLE IF NOT EXISTS {table} (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    ))
}

/// A stable 64-bit key for PostgreSQL's advisory lock of a set (FNV-1a of its table name).
fn lock_key(table: &str) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in table.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h as i64
}

/// The highest version of `set` applied to the database (0 when none, or the set is new).
pub fn schema_version(db: &mut dyn Db, set: &str) -> Result<i64, StoreError> {
    let table = version_table(set)?;
    let exists = match db.dialect() {
        Dialect::Sqlite => db.query_opt(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $1",
            &[table.as_str().into()],
        )?,
        Dialect::Postgres => db.query_opt(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1",
            &[table.as_str().into()],
        )?,
    }
    .is_some();
    if !exists {
        return Ok(0);
    }
    db.query_one(
        &format!("SELECT COALESCE(MAX(version), 0) FROM {table}"),
        &[],
    )?
    .int(0)
}

/// Apply the steps of `set` that the database does not have yet, in order, each in its own
/// transaction; returns the version reached. Applying again changes nothing. Fails without
/// touching the database when the steps are not numbered 1, 2, 3, ... or when the database
/// has a version of the set newer than the last step given (a newer program wrote it).
pub fn apply_migrations(
    db: &mut dyn Db,
    set: &str,
    migrations: &[Migration],
) -> Result<i64, StoreError> {
    let table = version_table(set)?;
    for (i, m) in migrations.iter().enumerate() {
        if m.version != i as i64 + 1 {
            return Err(StoreError::Invalid(format!(
                "migration set `{set}`: step {} (`{}`) has version {}; versions must be 1, 2, 3, ...",
                i + 1,
                m.name,
                m.version
            )));
        }
    }
    let latest = migrations.len() as i64;
    let current = schema_version(db, set)?;
    if current > latest {
        return Err(StoreError::Invalid(format!(
            "the database has version {current} of the `{set}` schema, this program knows up to {latest}: use a newer civis"
        )));
    }
    for m in &migrations[current as usize..] {
        db.transaction(&mut |db| {
            if db.dialect() == Dialect::Postgres {
                db.execute(
                    "SELECT pg_advisory_xact_lock($1)",
                    &[lock_key(&table).into()],
                )?;
            }
            create_version_table(db, &table)?;
            let done = db
                .query_opt(
                    &format!("SELECT 1 FROM {table} WHERE version = $1"),
                    &[m.version.into()],
                )?
                .is_some();
            if done {
                // another process applied it while we waited for the lock
                return Ok(());
            }
            db.batch(&m.sql_for(db.dialect()))?;
            db.execute(
                &format!(
                    "INSERT INTO {table} (version, name, applied_at) VALUES ($1, $2, {})",
                    db.dialect().now_utc()
                ),
                &[m.version.into(), m.name.into()],
            )?;
            Ok(())
        })
        .map_err(|e| StoreError::Migration {
            set: set.to_string(),
            version: m.version,
            name: m.name.to_string(),
            source: Box::new(e),
        })?;
    }
    schema_version(db, set)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_names_become_table_names_only_when_safe() {
        assert_eq!(
            version_table("registry").unwrap(),
            "registry_schema_migrations"
        );
        for bad in ["", "Registry", "1x", "a-b", "a;drop", "x y"] {
            assert!(version_table(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn portable_sql_gets_the_dialects_auto_id() {
        let m = Migration::portable(1, "t", "CREATE TABLE t (id {auto_id}, x TEXT)");
        assert_eq!(
            m.sql_for(Dialect::Sqlite),
            "CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT)"
        );
        assert!(m
            .sql_for(Dialect::Postgres)
            .contains("GENERATED ALWAYS AS IDENTITY"));
        let p = Migration::per_dialect(2, "fts", "A", "B");
        assert_eq!(
            (p.sql_for(Dialect::Sqlite), p.sql_for(Dialect::Postgres)),
            ("A".into(), "B".into())
        );
    }
}
