//! The SQL layer both backends implement: one object-safe [`Db`] trait, parameters as
//! [`Param`], results as [`Row`]s of [`Value`]s.
//!
//! SQL is written once, with PostgreSQL's numbered placeholders `$1, $2, ...`; the SQLite
//! backend rewrites them to `?1, ?2, ...` (outside string literals, quoted identifiers and
//! comments). The value model is deliberately small — NULL, 64-bit integer, double, text — so
//! that the same code reads the same rows from either database: booleans are integers 0/1 and
//! timestamps are text (`YYYY-MM-DD HH:MM:SS`, UTC).
//!
//! Transactions nest: [`Db::transaction`] opens a transaction, or a savepoint inside one that
//! is already open, so a function that needs atomicity (an import, a migration step) can be
//! called on its own or as part of a caller's larger transaction.

use crate::StoreError;

/// The SQL dialect of a connection, for the few statements that differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// A column definition for an automatically numbered 64-bit primary key; read new ids with
    /// `INSERT ... RETURNING id` (both dialects).
    pub fn auto_id(self) -> &'static str {
        match self {
            // an alias of the rowid: numbered automatically, 64-bit
            Dialect::Sqlite => "INTEGER PRIMARY KEY",
            Dialect::Postgres => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
        }
    }

    /// An SQL expression for the current UTC time as text `YYYY-MM-DD HH:MM:SS`.
    pub fn now_utc(self) -> &'static str {
        match self {
            Dialect::Sqlite => "datetime('now')",
            Dialect::Postgres => "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')",
        }
    }

    /// Appended to a text column in `ORDER BY` to sort by bytes (code points) on both
    /// databases: SQLite does by default, PostgreSQL follows the database's locale otherwise.
    pub fn byte_order(self) -> &'static str {
        match self {
            Dialect::Sqlite => "",
            Dialect::Postgres => " COLLATE \"C\"",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Dialect::Sqlite => "SQLite",
            Dialect::Postgres => "PostgreSQL",
        }
    }
}

/// A value read from the database.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    #[default]
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

impl Value {
    fn kind(&self) -> &'static str {
        match self {
            Value::Null => "NULL",
            Value::Int(_) => "an integer",
            Value::Real(_) => "a real number",
            Value::Text(_) => "text",
        }
    }
}

/// A parameter bound to a `$n` placeholder. It borrows its text, so binding many rows does
/// not copy strings. Integers bind to any integer, boolean or floating-point column, reals to
/// floating-point columns, text to text columns.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Param<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(&'a str),
}

impl From<i64> for Param<'_> {
    fn from(v: i64) -> Self {
        Param::Int(v)
    }
}
impl From<i32> for Param<'_> {
    fn from(v: i32) -> Self {
        Param::Int(v.into())
    }
}
impl From<bool> for Param<'_> {
    fn from(v: bool) -> Self {
        Param::Int(v.into())
    }
}
impl From<f64> for Param<'_> {
    fn from(v: f64) -> Self {
        Param::Real(v)
    }
}
impl<'a> From<&'a str> for Param<'a> {
    fn from(v: &'a str) -> Self {
        Param::Text(v)
    }
}
impl<'a> From<&'a String> for Param<'a> {
    fn from(v: &'a String) -> Self {
        Param::Text(v)
    }
}
impl<'a> From<&'a Value> for Param<'a> {
    fn from(v: &'a Value) -> Self {
        match v {
            Value::Null => Param::Null,
            Value::Int(i) => Param::Int(*i),
            Value::Real(r) => Param::Real(*r),
            Value::Text(s) => Param::Text(s),
        }
    }
}
impl<'a, T: Into<Param<'a>>> From<Option<T>> for Param<'a> {
    fn from(v: Option<T>) -> Self {
        v.map_or(Param::Null, Into::into)
    }
}

/// One result row. Getters take the column's 0-based position in the select list and fail
/// with [`StoreError::Column`] when the value has another type (an integer is accepted where a
/// real is asked for; NULL only by the `opt_` getters).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    values: Vec<Value>,
}

impl Row {
    pub fn new(values: Vec<Value>) -> Row {
        Row { values }
    }
    pub fn len(&self) -> usize {
        self.values.len()
    }
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
    pub fn values(&self) -> &[Value] {
        &self.values
    }
    pub fn into_values(self) -> Vec<Value> {
        self.values
    }

    pub fn value(&self, i: usize) -> Result<&Value, StoreError> {
        self.values.get(i).ok_or(StoreError::Column {
            index: i,
            expected: "a column",
            found: format!("a row of {} columns", self.values.len()),
        })
    }

    fn mismatch(&self, i: usize, expected: &'static str) -> StoreError {
        StoreError::Column {
            index: i,
            expected,
            found: self.values[i].kind().to_string(),
        }
    }

    pub fn opt_int(&self, i: usize) -> Result<Option<i64>, StoreError> {
        match self.value(i)? {
            Value::Null => Ok(None),
            Value::Int(v) => Ok(Some(*v)),
            _ => Err(self.mismatch(i, "an integer")),
        }
    }
    pub fn int(&self, i: usize) -> Result<i64, StoreError> {
        self.opt_int(i)?
            .ok_or_else(|| self.mismatch(i, "an integer"))
    }

    pub fn opt_real(&self, i: usize) -> Result<Option<f64>, StoreError> {
        match self.value(i)? {
            Value::Null => Ok(None),
            Value::Real(v) => Ok(Some(*v)),
            Value::Int(v) => Ok(Some(*v as f64)),
            _ => Err(self.mismatch(i, "a number")),
        }
    }
    pub fn real(&self, i: usize) -> Result<f64, StoreError> {
        self.opt_real(i)?
            .ok_or_else(|| self.mismatch(i, "a number"))
    }

    /// A boolean stored as an integer (0 false, anything else true).
    pub fn opt_bool(&self, i: usize) -> Result<Option<bool>, StoreError> {
        match self.value(i)? {
            Value::Null => Ok(None),
            Value::Int(v) => Ok(Some(*v != 0)),
            _ => Err(self.mismatch(i, "a boolean (integer 0/1)")),
        }
    }
    pub fn bool(&self, i: usize) -> Result<bool, StoreError> {
        self.opt_bool(i)?
            .ok_or_else(|| self.mismatch(i, "a boolean (integer 0/1)"))
    }

    pub fn opt_text(&self, i: usize) -> Result<Option<&str>, StoreError> {
        match self.value(i)? {
            Value::Null => Ok(None),
            Value::Text(v) => Ok(Some(v)),
            _ => Err(self.mismatch(i, "text")),
        }
    }
    pub fn text(&self, i: usize) -> Result<&str, StoreError> {
        self.opt_text(i)?.ok_or_else(|| self.mismatch(i, "text"))
    }

    /// Move a text value out of the row (leaves NULL behind): reading many rows this way
    /// allocates no second copy of each string.
    pub fn take_opt_text(&mut self, i: usize) -> Result<Option<String>, StoreError> {
        match self.value(i)? {
            Value::Null => Ok(None),
            Value::Text(_) => match std::mem::take(&mut self.values[i]) {
                Value::Text(s) => Ok(Some(s)),
                _ => unreachable!("checked above"),
            },
            _ => Err(self.mismatch(i, "text")),
        }
    }
    pub fn take_text(&mut self, i: usize) -> Result<String, StoreError> {
        self.take_opt_text(i)?
            .ok_or_else(|| self.mismatch(i, "text"))
    }
}

/// A database connection (SQLite or PostgreSQL) seen through the SQL both accept.
///
/// Object safe and `Send`: stores hold a `Box<dyn Db>` or a concrete backend, and other crates
/// run their own SQL on the same connection through `&mut dyn Db`. Statements passed to
/// [`execute`](Db::execute) and [`query`](Db::query) are prepared once per connection and
/// cached, so calling them in a loop does not re-parse the SQL.
pub trait Db: Send {
    fn dialect(&self) -> Dialect;

    /// Run one statement with parameters; returns the number of rows changed.
    fn execute(&mut self, sql: &str, params: &[Param<'_>]) -> Result<u64, StoreError>;

    /// Run one query and hand each row to `each`, in order, without collecting them.
    fn query_each(
        &mut self,
        sql: &str,
        params: &[Param<'_>],
        each: &mut dyn FnMut(Row) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// Run several statements separated by `;`, without parameters (schema changes).
    fn batch(&mut self, sql: &str) -> Result<(), StoreError>;

    /// Run `f` in a transaction: commit when it returns `Ok`, roll back when it returns `Err`
    /// (and return that error). Inside an open transaction this is a savepoint, so only `f`'s
    /// own changes are undone. See [`in_transaction`] to return a value.
    fn transaction(
        &mut self,
        f: &mut dyn FnMut(&mut dyn Db) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// All rows of a query.
    fn query(&mut self, sql: &str, params: &[Param<'_>]) -> Result<Vec<Row>, StoreError> {
        let mut rows = Vec::new();
        self.query_each(sql, params, &mut |r| {
            rows.push(r);
            Ok(())
        })?;
        Ok(rows)
    }

    /// The first row of a query, if any.
    fn query_opt(&mut self, sql: &str, params: &[Param<'_>]) -> Result<Option<Row>, StoreError> {
        Ok(self.query(sql, params)?.into_iter().next())
    }

    /// Exactly one row, or [`StoreError::Invalid`] naming the query.
    fn query_one(&mut self, sql: &str, params: &[Param<'_>]) -> Result<Row, StoreError> {
        self.query_opt(sql, params)?
            .ok_or_else(|| StoreError::Invalid(format!("no row returned by: {sql}")))
    }
}

/// Run `f` in a transaction on `db` and return its value: commit on `Ok`, roll back on `Err`.
pub fn in_transaction<T>(
    db: &mut dyn Db,
    f: impl FnOnce(&mut dyn Db) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    let mut f = Some(f);
    let mut out = None;
    db.transaction(&mut |db| {
        let f = f
            .take()
            .ok_or_else(|| StoreError::Invalid("a transaction body ran twice".into()))?;
        out = Some(f(db)?);
        Ok(())
    })?;
    out.ok_or_else(|| StoreError::Invalid("a transaction body did not run".into()))
}

/// The transaction protocol both backends share: `begin`/`COMMIT`/`ROLLBACK` at depth 0,
/// savepoints below. `depth` gives access to the backend's nesting counter.
pub(crate) fn nested_transaction<D: Db>(
    db: &mut D,
    begin: &str,
    depth: fn(&mut D) -> &mut u32,
    f: &mut dyn FnMut(&mut dyn Db) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let level = *depth(db);
    if level == 0 {
        db.batch(begin)?;
    } else {
        db.batch(&format!("SAVEPOINT civis_{level}"))?;
    }
    *depth(db) += 1;
    // a panicking body must not leave the transaction open on a connection that lives on
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&mut *db)));
    *depth(db) -= 1;
    let (commit, rollback) = if level == 0 {
        ("COMMIT".to_string(), "ROLLBACK".to_string())
    } else {
        (
            format!("RELEASE SAVEPOINT civis_{level}"),
            format!("ROLLBACK TO SAVEPOINT civis_{level}; RELEASE SAVEPOINT civis_{level}"),
        )
    };
    let result = match result {
        Ok(r) => r,
        Err(panic) => {
            let _ = db.batch(&rollback);
            std::panic::resume_unwind(panic)
        }
    };
    match result {
        Ok(()) => db.batch(&commit).inspect_err(|_| {
            // a failed COMMIT can leave the transaction open (SQLite when busy): close it
            let _ = db.batch(&rollback);
        }),
        Err(e) => {
            // the body's error is the one to report; a failed rollback means a broken
            // connection, which the next statement reports
            let _ = db.batch(&rollback);
            Err(e)
        }
    }
}
