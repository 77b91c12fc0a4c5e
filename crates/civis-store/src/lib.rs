//! # civis-store: the Civis database
//!
//! Observations (indicator, area, target group, breakdowns, period, estimate with its standard
//! error, interval, sample size and flags, and whether the value is a direct survey estimate, a
//! model-based one or an official published figure), grouped in datasets that record where they
//! came from (file, source, vintage, attribution) and when they were imported.
//!
//! The [`Store`] trait is the one interface; [`SqliteStore`] is the embedded default (a single
//! file, or in memory for tests). Every import runs in one transaction: a failed import leaves
//! nothing behind. The schema is versioned ([`MIGRATIONS`]) and written in SQL that PostgreSQL
//! accepts too, so a second backend can share it.

use rusqlite::{params, Connection, OptionalExtension};
use thiserror::Error;

/// Errors of the store.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("dataset `{0}` is already in the database (import it with --replace to update it)")]
    Exists(String),
    #[error("{0}")]
    Invalid(String),
}

/// How a value was produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// A design-based estimate from survey microdata.
    Direct,
    /// A small area (model-based) estimate.
    ModelBased,
    /// A figure published by a statistical office (e.g. a Eurostat table).
    Official,
}

impl Method {
    pub fn code(&self) -> &'static str {
        match self {
            Method::Direct => "direct",
            Method::ModelBased => "model-based",
            Method::Official => "official",
        }
    }
    pub fn parse(s: &str) -> Result<Method, StoreError> {
        match s {
            "direct" => Ok(Method::Direct),
            "model-based" | "model" => Ok(Method::ModelBased),
            "official" => Ok(Method::Official),
            _ => Err(StoreError::Invalid(format!(
                "unknown method `{s}` (expected direct, model-based or official)"
            ))),
        }
    }
}

/// Where a dataset comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Provenance {
    /// Unique name of the dataset (e.g. the file stem, `lfsa_ergan`).
    pub name: String,
    /// The file it was imported from.
    pub file: String,
    /// Who produced it (e.g. `Eurostat`, `Civis from EU-SILC microdata`).
    pub source: String,
    pub method: Method,
    /// Data vintage (e.g. the download or reference date), free text.
    pub vintage: String,
    /// Attribution that must travel with the data.
    pub attribution: String,
    /// True for synthetic data (labelled as such wherever shown).
    pub synthetic: bool,
}

/// One observation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Observation {
    pub indicator: String,
    pub geo: String,
    /// `citizenship` or `birth` (empty when not broken down by group).
    pub criterion: String,
    /// Target group code (`TOTAL`, `NAT`, `NEU27_2020_FOR`, or a gap `NEU27_2020_FOR-NAT`).
    pub group: String,
    pub sex: String,
    pub age: String,
    pub time: String,
    pub unit: String,
    /// Other dimensions of the source, `dim=code;dim=code`.
    pub extra: String,
    pub estimate: Option<f64>,
    pub se: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub n: Option<i64>,
    pub flags: String,
}

/// A dataset as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct DatasetInfo {
    pub id: i64,
    pub provenance: Provenance,
    pub observations: i64,
    pub imported_at: String,
}

/// What [`Store::observations`] selects (empty fields match everything).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub indicator: Option<String>,
    pub geo: Option<String>,
    pub group: Option<String>,
    pub dataset: Option<String>,
}

/// The database interface.
pub trait Store {
    /// Create or upgrade the schema.
    fn migrate(&mut self) -> Result<(), StoreError>;
    /// Import a dataset in one transaction; with `replace`, an existing dataset of the same
    /// name is replaced in that same transaction.
    fn import(
        &mut self,
        provenance: &Provenance,
        observations: &[Observation],
        replace: bool,
    ) -> Result<i64, StoreError>;
    fn datasets(&self) -> Result<Vec<DatasetInfo>, StoreError>;
    fn observations(&self, filter: &Filter) -> Result<Vec<Observation>, StoreError>;
}

/// Schema versions; each is applied once, in order.
pub const MIGRATIONS: [&str; 1] = [r#"
CREATE TABLE datasets (
    id INTEGER PRIMARY KEY,
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
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
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
"#];

/// The embedded SQLite store.
pub struct SqliteStore {
    conn: Connection,
}

impl SqliteStore {
    /// Open (creating if needed) a database file and bring its schema up to date.
    pub fn open(path: &std::path::Path) -> Result<SqliteStore, StoreError> {
        let conn = Connection::open(path)?;
        Self::with_connection(conn)
    }

    /// A database in memory (tests).
    pub fn in_memory() -> Result<SqliteStore, StoreError> {
        Self::with_connection(Connection::open_in_memory()?)
    }

    fn with_connection(conn: Connection) -> Result<SqliteStore, StoreError> {
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        let mut s = SqliteStore { conn };
        s.migrate()?;
        Ok(s)
    }

    /// The schema version of the database.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row(
            "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
            [],
            |r| r.get(0),
        )?)
    }
}

impl Store for SqliteStore {
    fn migrate(&mut self) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute_batch(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
        )?;
        let current: i64 = tx.query_row(
            "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
            [],
            |r| r.get(0),
        )?;
        for (i, sql) in MIGRATIONS.iter().enumerate() {
            let version = i as i64 + 1;
            if version > current {
                tx.execute_batch(sql)?;
                tx.execute(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, datetime('now'))",
                    params![version],
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn import(
        &mut self,
        p: &Provenance,
        observations: &[Observation],
        replace: bool,
    ) -> Result<i64, StoreError> {
        if p.name.trim().is_empty() {
            return Err(StoreError::Invalid("a dataset needs a name".into()));
        }
        let tx = self.conn.transaction()?;
        let existing: Option<i64> = tx
            .query_row(
                "SELECT id FROM datasets WHERE name = ?1",
                params![p.name],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = existing {
            if !replace {
                return Err(StoreError::Exists(p.name.clone()));
            }
            tx.execute(
                "DELETE FROM observations WHERE dataset_id = ?1",
                params![id],
            )?;
            tx.execute("DELETE FROM datasets WHERE id = ?1", params![id])?;
        }
        tx.execute(
            "INSERT INTO datasets (name, file, source, method, vintage, attribution, synthetic, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, datetime('now'))",
            params![
                p.name,
                p.file,
                p.source,
                p.method.code(),
                p.vintage,
                p.attribution,
                p.synthetic as i64
            ],
        )?;
        let id = tx.last_insert_rowid();
        {
            let mut stmt = tx.prepare(
                "INSERT INTO observations (dataset_id, indicator, geo, criterion, group_code, sex, age, time, unit, extra,
                 estimate, se, ci_low, ci_high, n, flags)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            )?;
            for (k, o) in observations.iter().enumerate() {
                let finite = |v: Option<f64>| v.filter(|x| x.is_finite());
                stmt.execute(params![
                    id,
                    o.indicator,
                    o.geo,
                    o.criterion,
                    o.group,
                    o.sex,
                    o.age,
                    o.time,
                    o.unit,
                    o.extra,
                    finite(o.estimate),
                    finite(o.se),
                    finite(o.ci_low),
                    finite(o.ci_high),
                    o.n,
                    o.flags
                ])
                .map_err(|e| match e {
                    rusqlite::Error::SqliteFailure(f, _)
                        if f.code == rusqlite::ErrorCode::ConstraintViolation =>
                    {
                        StoreError::Invalid(format!(
                            "observation {} repeats the key of an earlier one ({} {} {} {} {} {} {})",
                            k + 1,
                            o.indicator,
                            o.geo,
                            o.group,
                            o.sex,
                            o.age,
                            o.time,
                            o.extra
                        ))
                    }
                    other => StoreError::Db(other),
                })?;
            }
        }
        tx.commit()?;
        Ok(id)
    }

    fn datasets(&self) -> Result<Vec<DatasetInfo>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.name, d.file, d.source, d.method, d.vintage, d.attribution, d.synthetic, d.imported_at,
                    (SELECT COUNT(*) FROM observations o WHERE o.dataset_id = d.id)
             FROM datasets d ORDER BY d.name",
        )?;
        let rows = stmt.query_map([], |r| {
            let method: String = r.get(4)?;
            Ok((
                DatasetInfo {
                    id: r.get(0)?,
                    provenance: Provenance {
                        name: r.get(1)?,
                        file: r.get(2)?,
                        source: r.get(3)?,
                        method: Method::Official,
                        vintage: r.get(5)?,
                        attribution: r.get(6)?,
                        synthetic: r.get::<_, i64>(7)? != 0,
                    },
                    observations: r.get(9)?,
                    imported_at: r.get(8)?,
                },
                method,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (mut info, method) = row?;
            info.provenance.method = Method::parse(&method)?;
            out.push(info);
        }
        Ok(out)
    }

    fn observations(&self, f: &Filter) -> Result<Vec<Observation>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT o.indicator, o.geo, o.criterion, o.group_code, o.sex, o.age, o.time, o.unit, o.extra,
                    o.estimate, o.se, o.ci_low, o.ci_high, o.n, o.flags
             FROM observations o JOIN datasets d ON d.id = o.dataset_id
             WHERE (?1 IS NULL OR o.indicator = ?1) AND (?2 IS NULL OR o.geo = ?2)
               AND (?3 IS NULL OR o.group_code = ?3) AND (?4 IS NULL OR d.name = ?4)
             ORDER BY o.indicator, o.geo, o.criterion, o.group_code, o.sex, o.age, o.time, o.unit, o.extra",
        )?;
        let rows = stmt.query_map(params![f.indicator, f.geo, f.group, f.dataset], |r| {
            Ok(Observation {
                indicator: r.get(0)?,
                geo: r.get(1)?,
                criterion: r.get(2)?,
                group: r.get(3)?,
                sex: r.get(4)?,
                age: r.get(5)?,
                time: r.get(6)?,
                unit: r.get(7)?,
                extra: r.get(8)?,
                estimate: r.get(9)?,
                se: r.get(10)?,
                ci_low: r.get(11)?,
                ci_high: r.get(12)?,
                n: r.get(13)?,
                flags: r.get(14)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prov(name: &str) -> Provenance {
        Provenance {
            name: name.into(),
            file: format!("{name}.csv"),
            source: "test".into(),
            method: Method::Direct,
            vintage: "2026".into(),
            attribution: "none".into(),
            synthetic: true,
        }
    }

    fn obs(geo: &str, v: f64) -> Observation {
        Observation {
            indicator: "arop_rate".into(),
            geo: geo.into(),
            group: "TOTAL".into(),
            sex: "T".into(),
            estimate: Some(v),
            flags: String::new(),
            ..Default::default()
        }
    }

    #[test]
    fn import_query_replace_and_roll_back() {
        let mut s = SqliteStore::in_memory().unwrap();
        assert_eq!(s.schema_version().unwrap(), 1);
        s.import(&prov("a"), &[obs("AT", 12.0), obs("AT13", 15.0)], false)
            .unwrap();
        let all = s.observations(&Filter::default()).unwrap();
        assert_eq!(all.len(), 2);
        let at13 = s
            .observations(&Filter {
                geo: Some("AT13".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(at13[0].estimate, Some(15.0));
        // importing again needs replace
        assert!(matches!(
            s.import(&prov("a"), &[obs("AT", 1.0)], false),
            Err(StoreError::Exists(_))
        ));
        // a failing import (duplicate key) leaves the previous data untouched
        let err = s
            .import(&prov("a"), &[obs("AT", 1.0), obs("AT", 2.0)], true)
            .unwrap_err()
            .to_string();
        assert!(err.contains("repeats the key"), "{err}");
        assert_eq!(s.observations(&Filter::default()).unwrap().len(), 2);
        assert_eq!(s.datasets().unwrap().len(), 1);
        // replace works in one transaction
        s.import(&prov("a"), &[obs("AT", 3.0)], true).unwrap();
        let d = s.datasets().unwrap();
        assert_eq!((d.len(), d[0].observations), (1, 1));
        assert_eq!(d[0].provenance.method, Method::Direct);
        assert!(d[0].provenance.synthetic);
    }

    #[test]
    fn migrations_are_idempotent_on_a_file() {
        let dir = std::env::temp_dir().join(format!("civis-store-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("c.db");
        let _ = std::fs::remove_file(&path);
        {
            let mut s = SqliteStore::open(&path).unwrap();
            s.import(&prov("x"), &[obs("AT", 1.0)], false).unwrap();
        }
        let s = SqliteStore::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), 1);
        assert_eq!(s.datasets().unwrap()[0].observations, 1);
    }
}
