//! Helpers for tests, in this crate and in others (the pipeline's, the portal's): an
//! observation to fill in ([`observation`]), the names of a store's datasets
//! ([`dataset_names`]), and a server and schema for tests that run against PostgreSQL.
//!
//! The server comes from the environment: `CIVIS_TEST_POSTGRES` holds its URL (e.g.
//! `postgres://civis:civis@127.0.0.1:5432/civis`; `.ci/postgres.sh` starts one and sets it).
//! When it is unset, PostgreSQL tests print that they are skipped and pass, unless
//! `CIVIS_REQUIRE_POSTGRES=1`, which makes them fail instead (CI sets it, so a server that
//! did not start cannot go unnoticed).
//!
//! Each test works in a schema of its own ([`TestSchema`]), created empty and dropped at the
//! end, so tests run in parallel on one database:
//!
//! ```no_run
//! use civis_store::{testing, PgStore, Store};
//! let Some(schema) = testing::postgres_schema("my_test") else { return };
//! let store = PgStore::connect(schema.url()).unwrap(); // tables land in the test schema
//! assert!(store.datasets().unwrap().is_empty());
//! ```

use std::sync::atomic::{AtomicU32, Ordering};

use postgres::{Client, NoTls};

use crate::{Observation, Store, StoreError};

/// An observation of `indicator` for the target group `group` (by citizenship) in `geo`, both
/// sexes, with no age band, period, unit or number yet: tests fill those in
/// (`Observation { estimate: Some(61.5), ..testing::observation("employment_rate", "AT", "FOR") }`).
pub fn observation(indicator: &str, geo: &str, group: &str) -> Observation {
    Observation {
        indicator: indicator.into(),
        geo: geo.into(),
        criterion: "citizenship".into(),
        group: group.into(),
        sex: "T".into(),
        ..Default::default()
    }
}

/// The names of the store's datasets, in its order (by name).
pub fn dataset_names(store: &(impl Store + ?Sized)) -> Result<Vec<String>, StoreError> {
    Ok(store
        .datasets()?
        .into_iter()
        .map(|d| d.provenance.name)
        .collect())
}

/// The variable holding the test server's URL.
pub const POSTGRES_URL_VAR: &str = "CIVIS_TEST_POSTGRES";
/// Set to `1` to make PostgreSQL tests fail rather than skip when there is no server.
pub const REQUIRE_POSTGRES_VAR: &str = "CIVIS_REQUIRE_POSTGRES";

/// The test server's URL; None, after printing a skip notice naming `test`, when there is
/// none. Panics when there is none and `CIVIS_REQUIRE_POSTGRES=1`.
pub fn postgres_url(test: &str) -> Option<String> {
    match std::env::var(POSTGRES_URL_VAR) {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ if std::env::var(REQUIRE_POSTGRES_VAR).is_ok_and(|v| v == "1") => panic!(
            "{test}: {REQUIRE_POSTGRES_VAR}=1 but {POSTGRES_URL_VAR} is not set: \
             start a server with `source .ci/postgres.sh`"
        ),
        _ => {
            eprintln!(
                "skipped {test} on PostgreSQL: set {POSTGRES_URL_VAR}=postgres://user:password@host:port/db \
                 (`source .ci/postgres.sh` starts a server and sets it)"
            );
            None
        }
    }
}

/// A schema of its own for one test, dropped (with everything in it) when this is dropped.
pub struct TestSchema {
    admin: Client,
    name: String,
    url: String,
}

impl TestSchema {
    /// Create an empty schema on the server at `server_url`; `label` (the test's name) makes
    /// the schema easy to recognise, the process id and a counter make it unique.
    pub fn create(server_url: &str, label: &str) -> Result<TestSchema, StoreError> {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let label: String = label
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .take(32)
            .collect();
        let name = format!(
            "civis_t_{label}_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin = Client::connect(server_url, NoTls)?;
        // a schema of this name can only be left over from a crashed process with our pid
        admin.batch_execute(&format!(
            "DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name}"
        ))?;
        let url = with_search_path(server_url, &name);
        Ok(TestSchema { admin, name, url })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The server URL with the test schema as `search_path`: a connection opened with it
    /// creates and finds its tables in the test schema.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for TestSchema {
    fn drop(&mut self) {
        let sql = format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name);
        if let Err(e) = self.admin.batch_execute(&sql) {
            eprintln!("could not drop the test schema {}: {e}", self.name);
        }
    }
}

fn with_search_path(server_url: &str, schema: &str) -> String {
    if server_url.starts_with("postgres://") || server_url.starts_with("postgresql://") {
        let glue = if server_url.contains('?') { '&' } else { '?' };
        format!("{server_url}{glue}options=-c%20search_path%3D{schema}")
    } else {
        format!("{server_url} options='-c search_path={schema}'")
    }
}

/// A fresh [`TestSchema`] on the test server, or None when PostgreSQL tests are skipped (see
/// [`postgres_url`]). Panics when the server is set but cannot be reached.
pub fn postgres_schema(test: &str) -> Option<TestSchema> {
    let url = postgres_url(test)?;
    match TestSchema::create(&url, test) {
        Ok(s) => Some(s),
        Err(e) => panic!(
            "{test}: cannot create a test schema on {}: {e}",
            crate::redacted(&url)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::with_search_path;

    #[test]
    fn the_schema_goes_into_the_connection_options() {
        assert_eq!(
            with_search_path("postgres://u:p@h/db", "s1"),
            "postgres://u:p@h/db?options=-c%20search_path%3Ds1"
        );
        assert_eq!(
            with_search_path("postgresql://h/db?connect_timeout=5", "s1"),
            "postgresql://h/db?connect_timeout=5&options=-c%20search_path%3Ds1"
        );
        assert_eq!(
            with_search_path("host=h dbname=db", "s1"),
            "host=h dbname=db options='-c search_path=s1'"
        );
    }
}
