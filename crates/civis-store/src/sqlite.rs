//! The SQLite backend of [`Db`]: one embedded database file (or memory), through rusqlite.

use std::path::Path;

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::Connection;

use crate::db::{nested_transaction, Db, Dialect, Param, Row, Value};
use crate::StoreError;

/// An SQLite connection with foreign keys on, WAL journaling, a busy timeout for concurrent
/// writers and a statement cache.
pub struct SqliteDb {
    conn: Connection,
    depth: u32,
}

impl SqliteDb {
    /// Open (creating if needed) a database file.
    pub fn open(path: &Path) -> Result<SqliteDb, StoreError> {
        Self::with_connection(Connection::open(path)?)
    }

    /// A private database in memory.
    pub fn in_memory() -> Result<SqliteDb, StoreError> {
        Self::with_connection(Connection::open_in_memory()?)
    }

    fn with_connection(conn: Connection) -> Result<SqliteDb, StoreError> {
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.set_prepared_statement_cache_capacity(128);
        Ok(SqliteDb { conn, depth: 0 })
    }

    /// The rusqlite connection, for what the SQL layer does not cover.
    pub fn connection(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

impl rusqlite::ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match *self {
            Param::Null => ValueRef::Null,
            Param::Int(v) => ValueRef::Integer(v),
            Param::Real(v) => ValueRef::Real(v),
            Param::Text(s) => ValueRef::Text(s.as_bytes()),
        }))
    }
}

fn value(v: ValueRef<'_>) -> Result<Value, StoreError> {
    Ok(match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Int(i),
        ValueRef::Real(r) => Value::Real(r),
        ValueRef::Text(t) => Value::Text(
            std::str::from_utf8(t)
                .map_err(|e| StoreError::Invalid(format!("text that is not UTF-8: {e}")))?
                .to_string(),
        ),
        ValueRef::Blob(_) => {
            return Err(StoreError::Invalid(
                "a BLOB value: civis-store reads NULL, integers, reals and text only".into(),
            ))
        }
    })
}

/// Rewrite PostgreSQL placeholders `$n` to SQLite's `?n`, leaving string literals, quoted
/// identifiers and comments alone. (SQLite would read `$1` as a *named* parameter numbered by
/// first appearance, which breaks `$2 ... $1`.)
pub fn sqlite_placeholders(sql: &str) -> String {
    let b = sql.as_bytes();
    let mut out = String::with_capacity(sql.len());
    let mut i = 0;
    // everything is copied by byte ranges of the original, so UTF-8 stays intact
    let mut copied = 0;
    while i < b.len() {
        match b[i] {
            q @ (b'\'' | b'"' | b'`') => {
                // a doubled quote inside is an escape; scanning on to the next quote handles it
                i += 1;
                while i < b.len() && b[i] != q {
                    i += 1;
                }
                i += 1;
            }
            b'[' => {
                while i < b.len() && b[i] != b']' {
                    i += 1;
                }
                i += 1;
            }
            b'-' if b.get(i + 1) == Some(&b'-') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i < b.len() && !(b[i] == b'*' && b.get(i + 1) == Some(&b'/')) {
                    i += 1;
                }
                i += 2;
            }
            b'$' if b.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                out.push_str(&sql[copied..i]);
                out.push('?');
                i += 1;
                copied = i;
            }
            _ => i += 1,
        }
    }
    out.push_str(&sql[copied.min(sql.len())..]);
    out
}

impl Db for SqliteDb {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn execute(&mut self, sql: &str, params: &[Param<'_>]) -> Result<u64, StoreError> {
        let mut stmt = self.conn.prepare_cached(&sqlite_placeholders(sql))?;
        Ok(stmt.execute(rusqlite::params_from_iter(params))? as u64)
    }

    fn query_each(
        &mut self,
        sql: &str,
        params: &[Param<'_>],
        each: &mut dyn FnMut(Row) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare_cached(&sqlite_placeholders(sql))?;
        let ncol = stmt.column_count();
        let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
        while let Some(r) = rows.next()? {
            let values = (0..ncol)
                .map(|i| value(r.get_ref(i)?))
                .collect::<Result<Vec<_>, StoreError>>()?;
            each(Row::new(values))?;
        }
        Ok(())
    }

    fn batch(&mut self, sql: &str) -> Result<(), StoreError> {
        Ok(self.conn.execute_batch(sql)?)
    }

    fn transaction(
        &mut self,
        f: &mut dyn FnMut(&mut dyn Db) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        // IMMEDIATE: take the write lock at the start, so that two writers wait for each
        // other (busy timeout) instead of one failing when it upgrades a read lock
        nested_transaction(self, "BEGIN IMMEDIATE", |d| &mut d.depth, f)
    }
}

#[cfg(test)]
mod tests {
    use super::sqlite_placeholders as rw;

    #[test]
    fn placeholders_are_rewritten_outside_literals_identifiers_and_comments() {
        assert_eq!(rw("SELECT $1, $12"), "SELECT ?1, ?12");
        assert_eq!(
            rw("SELECT '$1 and ''$2''', $2 FROM t WHERE a = $1"),
            "SELECT '$1 and ''$2''', ?2 FROM t WHERE a = ?1"
        );
        assert_eq!(
            rw(r#"SELECT "col$1", [x$2], `y$3`, $4"#),
            r#"SELECT "col$1", [x$2], `y$3`, ?4"#
        );
        assert_eq!(
            rw("SELECT $1 -- costs $2\n, /* $3 */ $4"),
            "SELECT ?1 -- costs $2\n, /* $3 */ ?4"
        );
        // a `$` not followed by a digit, and non-ASCII text around it, stay as they are
        assert_eq!(
            rw("SELECT 'é$', $a, $1 || 'ü'"),
            "SELECT 'é$', $a, ?1 || 'ü'"
        );
        // an unterminated literal is copied as is (SQLite reports the syntax error)
        assert_eq!(rw("SELECT $1, 'open $2"), "SELECT ?1, 'open $2");
    }
}
