//! Creating an account outside the portal (`civis user add`): the e-mail, areas and password are
//! checked, the password hashed (argon2), the registry tables prepared in the database and the
//! user recorded as made by the system.

use std::path::Path;

use civis_store::{is_postgres_url, open_store, redacted, StoreError};

use crate::auth::password::{check_policy, PasswordHashing};
use crate::auth::Role;
use crate::clock::{Clock, SystemClock};
use crate::error::RegistryError;
use crate::fields::{Area, Email};
use crate::repo::{self, Actor, RepoError};

/// An account to create.
#[derive(Debug, Clone, Copy)]
pub struct NewAccount<'a> {
    /// The e-mail address that names the account.
    pub email: &'a str,
    pub role: Role,
    /// City or area codes an editor answers for.
    pub areas: &'a [String],
    /// The database: an SQLite file (which must exist) or a postgres:// URL.
    pub database: &'a str,
}

/// Why an account could not be created; each message names the input at fault.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("{0}")]
    Email(String),
    #[error("--area {area}: {message}")]
    Area { area: String, message: String },
    #[error("the password {0}")]
    Policy(String),
    #[error("the database {0} does not exist: build it first with `civis init-db` (or start `civis serve` once)")]
    NoDatabase(String),
    #[error(transparent)]
    Hashing(#[from] RegistryError),
    #[error("opening the database {database}")]
    Open {
        database: String,
        #[source]
        source: StoreError,
    },
    #[error("preparing the registry tables")]
    Tables(#[source] StoreError),
    #[error(transparent)]
    Repo(#[from] RepoError),
}

/// Creates the account with `password` (checked against the policy); returns its id.
pub fn create_account(a: &NewAccount<'_>, password: &str) -> Result<i64, AccountError> {
    let email = Email::parse(a.email).map_err(AccountError::Email)?;
    let areas = a
        .areas
        .iter()
        .map(|s| {
            Area::parse(s).map_err(|message| AccountError::Area {
                area: s.clone(),
                message,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    check_policy(password, email.as_str()).map_err(AccountError::Policy)?;
    if !is_postgres_url(a.database) && !Path::new(a.database).exists() {
        return Err(AccountError::NoDatabase(a.database.to_string()));
    }
    let hash = PasswordHashing::default().hash(password)?;
    let mut store = open_store(a.database).map_err(|source| AccountError::Open {
        database: redacted(a.database),
        source,
    })?;
    let db = store.db();
    repo::migrate(db).map_err(AccountError::Tables)?;
    let user = repo::create_user(
        db,
        &Actor::System,
        &email,
        a.role,
        &areas,
        &hash,
        SystemClock.now(),
    )?;
    Ok(user.id)
}
