//! `civis user add --role admin EMAIL`: accounts of the registry (practices, needs, tools).
//!
//! The password is never a command-line argument (it would end up in the shell history and the
//! process list): it is read from the environment variable `CIVIS_PASSWORD` when set, else as
//! the first line of standard input (`printf '%s\n' "$PW" | civis user add ...`).

use std::io::BufRead;

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};

use civis_registry::accounts::{create_account, NewAccount};
use civis_registry::auth::Role;
use civis_store::redacted;

/// The environment variable a password may come from.
pub const PASSWORD_VAR: &str = "CIVIS_PASSWORD";

/// Arguments of `civis user`.
#[derive(Debug, Clone, Args)]
pub struct UserArgs {
    #[command(subcommand)]
    pub command: UserCommand,
}

#[derive(Debug, Clone, Subcommand)]
pub enum UserCommand {
    /// Create an account (password from CIVIS_PASSWORD or the first line of standard input).
    Add(UserAddArgs),
}

/// Arguments of `civis user add`.
#[derive(Debug, Clone, Args)]
pub struct UserAddArgs {
    /// editor (creates and edits the entries of their --area), moderator (publishes) or admin
    /// (manages users).
    #[arg(long, default_value = "editor", value_parser = Role::parse)]
    pub role: Role,
    /// A city or area code an editor answers for (repeat for several): AT13, DE001C1, ...
    #[arg(long = "area")]
    pub areas: Vec<String>,
    /// The database: an SQLite file or a postgres:// URL.
    #[arg(long, default_value = "civis.db")]
    pub database: String,
    /// The e-mail address that names the account.
    pub email: String,
}

/// Reads the password: `CIVIS_PASSWORD`, else the first line of `input`.
pub fn read_password(env: Option<String>, input: &mut dyn BufRead) -> Result<String> {
    if let Some(p) = env {
        return Ok(p);
    }
    let mut line = String::new();
    input
        .read_line(&mut line)
        .context("reading the password from standard input")?;
    let p = line.trim_end_matches(['\r', '\n']).to_owned();
    if p.is_empty() {
        bail!("no password: set {PASSWORD_VAR} or write it on standard input");
    }
    Ok(p)
}

/// Creates the account; returns its id.
pub fn add(a: &UserAddArgs, password: &str) -> Result<i64> {
    let account = NewAccount {
        email: &a.email,
        role: a.role,
        areas: &a.areas,
        database: &a.database,
    };
    Ok(create_account(&account, password)?)
}

/// `civis user ...`
pub fn run(args: &UserArgs) -> Result<()> {
    match &args.command {
        UserCommand::Add(a) => {
            let password = read_password(
                std::env::var(PASSWORD_VAR).ok(),
                &mut std::io::stdin().lock(),
            )?;
            let id = add(a, &password)?;
            eprintln!(
                "civis user: created {} {} (id {id}) in {}",
                a.role,
                a.email.trim().to_lowercase(),
                redacted(&a.database)
            );
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_comes_from_the_environment_or_the_first_line() {
        let mut stdin = "from stdin\nsecond\n".as_bytes();
        assert_eq!(
            read_password(Some("from env".into()), &mut stdin).unwrap(),
            "from env"
        );
        assert_eq!(read_password(None, &mut stdin).unwrap(), "from stdin");
        assert!(read_password(None, &mut "".as_bytes()).is_err());
    }
}
