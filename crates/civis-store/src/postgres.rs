//! The PostgreSQL backend of [`Db`], through the synchronous `postgres` crate (no TLS: use it
//! on a local socket, loopback or a trusted network).

use std::collections::HashMap;
use std::error::Error;

use bytes::BytesMut;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{to_sql_checked, IsNull, ToSql, Type};
use postgres::{Client, NoTls, Statement};

use crate::db::{nested_transaction, Db, Dialect, Param, Row, Value};
use crate::StoreError;

/// Prepared statements kept per connection before the cache is emptied (a guard against
/// code that builds SQL text dynamically without bound).
const STATEMENT_CACHE: usize = 256;

/// A PostgreSQL connection with a statement cache.
pub struct PgDb {
    client: Client,
    statements: HashMap<String, Statement>,
    depth: u32,
}

impl PgDb {
    /// Connect with a `postgres://user:password@host:port/database` URL (or a key=value
    /// connection string). Query options such as `?options=-c%20search_path%3Dmy_schema`
    /// are passed to the server.
    pub fn connect(url: &str) -> Result<PgDb, StoreError> {
        Ok(PgDb {
            client: Client::connect(url, NoTls)?,
            statements: HashMap::new(),
            depth: 0,
        })
    }

    /// The `postgres` client, for what the SQL layer does not cover (COPY, LISTEN, ...).
    pub fn client(&mut self) -> &mut Client {
        &mut self.client
    }

    fn statement(&mut self, sql: &str) -> Result<Statement, StoreError> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(sql)?;
        if self.statements.len() >= STATEMENT_CACHE {
            self.statements.clear();
        }
        self.statements.insert(sql.to_string(), s.clone());
        Ok(s)
    }
}

type BoxError = Box<dyn Error + Sync + Send>;

fn mismatch(p: &Param<'_>, ty: &Type) -> BoxError {
    format!("cannot bind {p:?} to a parameter of PostgreSQL type {ty}").into()
}

/// Parameters take the type PostgreSQL inferred for their placeholder: an integer binds to
/// smallint/integer/bigint (range-checked), boolean or a float column, a real to a float
/// column, text to any text type.
impl ToSql for Param<'_> {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        match *self {
            Param::Null => Ok(IsNull::Yes),
            Param::Int(v) => match *ty {
                Type::INT8 => v.to_sql(ty, out),
                Type::INT4 => i32::try_from(v)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(v)?.to_sql(ty, out),
                Type::BOOL => (v != 0).to_sql(ty, out),
                Type::FLOAT8 => (v as f64).to_sql(ty, out),
                Type::FLOAT4 => (v as f32).to_sql(ty, out),
                _ => Err(mismatch(self, ty)),
            },
            Param::Real(v) => match *ty {
                Type::FLOAT8 => v.to_sql(ty, out),
                Type::FLOAT4 => (v as f32).to_sql(ty, out),
                _ => Err(mismatch(self, ty)),
            },
            Param::Text(s) if <&str as ToSql>::accepts(ty) => s.to_sql(ty, out),
            Param::Text(_) => Err(mismatch(self, ty)),
        }
    }

    fn accepts(_: &Type) -> bool {
        // decided per value in `to_sql`, with an error that names both types
        true
    }

    to_sql_checked!();
}

fn value(row: &postgres::Row, i: usize) -> Result<Value, StoreError> {
    let ty = row.columns()[i].type_();
    let v = match *ty {
        Type::INT8 => row.try_get::<_, Option<i64>>(i)?.map(Value::Int),
        Type::INT4 => row
            .try_get::<_, Option<i32>>(i)?
            .map(|v| Value::Int(v.into())),
        Type::INT2 => row
            .try_get::<_, Option<i16>>(i)?
            .map(|v| Value::Int(v.into())),
        Type::OID => row
            .try_get::<_, Option<u32>>(i)?
            .map(|v| Value::Int(v.into())),
        Type::BOOL => row
            .try_get::<_, Option<bool>>(i)?
            .map(|v| Value::Int(v.into())),
        Type::FLOAT8 => row.try_get::<_, Option<f64>>(i)?.map(Value::Real),
        Type::FLOAT4 => row
            .try_get::<_, Option<f32>>(i)?
            .map(|v| Value::Real(v.into())),
        _ if <String as postgres::types::FromSql>::accepts(ty) => {
            row.try_get::<_, Option<String>>(i)?.map(Value::Text)
        }
        _ => {
            return Err(StoreError::Invalid(format!(
                "column `{}` has PostgreSQL type {ty}, which civis-store does not read: \
                 cast it to bigint, double precision or text in the query",
                row.columns()[i].name()
            )))
        }
    };
    Ok(v.unwrap_or(Value::Null))
}

fn refs<'a>(params: &'a [Param<'_>]) -> Vec<&'a (dyn ToSql + Sync)> {
    params.iter().map(|p| p as &(dyn ToSql + Sync)).collect()
}

impl Db for PgDb {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn execute(&mut self, sql: &str, params: &[Param<'_>]) -> Result<u64, StoreError> {
        let stmt = self.statement(sql)?;
        Ok(self.client.execute(&stmt, &refs(params))?)
    }

    fn query_each(
        &mut self,
        sql: &str,
        params: &[Param<'_>],
        each: &mut dyn FnMut(Row) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let stmt = self.statement(sql)?;
        let mut rows = self.client.query_raw(&stmt, refs(params))?;
        while let Some(r) = rows.next()? {
            let values = (0..r.len())
                .map(|i| value(&r, i))
                .collect::<Result<Vec<_>, _>>()?;
            each(Row::new(values))?;
        }
        Ok(())
    }

    fn batch(&mut self, sql: &str) -> Result<(), StoreError> {
        Ok(self.client.batch_execute(sql)?)
    }

    fn transaction(
        &mut self,
        f: &mut dyn FnMut(&mut dyn Db) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let result = nested_transaction(self, "BEGIN", |d| &mut d.depth, f);
        if result.is_err() && self.depth == 0 {
            // statements prepared against tables the rollback removed would fail later
            self.statements.clear();
        }
        result
    }
}
