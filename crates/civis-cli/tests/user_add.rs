//! `civis user add`: the account lands in the database with an argon2id hash, the password
//! comes from standard input or CIVIS_PASSWORD and never from an argument.

use std::io::Write;
use std::process::{Command, Stdio};

use civis_registry::auth::password::PasswordHashing;
use civis_registry::auth::Role;
use civis_registry::repo;
use civis_registry::Email;
use civis_store::{Db, SqliteDb};

fn civis(args: &[&str], stdin: &str, env: Option<&str>) -> (bool, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_civis"));
    cmd.args(args)
        .env_remove("CIVIS_PASSWORD")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(p) = env {
        cmd.env("CIVIS_PASSWORD", p);
    }
    let mut child = cmd.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn user_add_creates_accounts_from_stdin_or_env() {
    let dir = std::env::temp_dir().join(format!("civis-user-add-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db_path = dir.join("civis.db");
    let _ = std::fs::remove_file(&db_path);
    let db = db_path.to_str().unwrap();
    let (ok, err) = civis(
        &[
            "user",
            "add",
            "--role",
            "admin",
            "a@city.eu",
            "--database",
            db,
        ],
        "a long admin password\n",
        None,
    );
    assert!(
        !ok && err.contains("civis init-db"),
        "a missing database is not created empty: {err}"
    );
    drop(civis_store::SqliteStore::open(&db_path).unwrap());

    let (ok, err) = civis(
        &[
            "user",
            "add",
            "--role",
            "admin",
            "Admin@City.EU",
            "--database",
            db,
        ],
        "a long admin password\n",
        None,
    );
    assert!(ok, "{err}");
    assert!(err.contains("created admin admin@city.eu"), "{err}");
    let (ok, err) = civis(
        &[
            "user",
            "add",
            "--area",
            "AT13",
            "editor@wien.eu",
            "--database",
            db,
        ],
        "",
        Some("an editor's password"),
    );
    assert!(ok, "{err}");

    // a second account with the same address, a short password, a bad area, a password flag
    let (ok, err) = civis(
        &[
            "user",
            "add",
            "admin@city.eu",
            "--role",
            "admin",
            "--database",
            db,
        ],
        "another long password\n",
        None,
    );
    assert!(!ok && err.contains("exists already"), "{err}");
    let (ok, err) = civis(
        &[
            "user",
            "add",
            "x@city.eu",
            "--role",
            "admin",
            "--database",
            db,
        ],
        "short\n",
        None,
    );
    assert!(!ok && err.contains("at least 12"), "{err}");
    let (ok, err) = civis(
        &["user", "add", "y@city.eu", "--area", "GR", "--database", db],
        "a long enough password\n",
        None,
    );
    assert!(!ok && err.contains("EL"), "{err}");
    let (ok, _) = civis(
        &[
            "user",
            "add",
            "z@city.eu",
            "--password",
            "a long enough password",
            "--database",
            db,
        ],
        "",
        None,
    );
    assert!(!ok, "there is no --password flag");

    let mut conn = SqliteDb::open(&db_path).unwrap();
    let db: &mut dyn Db = &mut conn;
    let (admin, hash) = repo::user_by_email(db, &Email::parse("admin@city.eu").unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(admin.role, Role::Admin);
    assert!(hash.starts_with("$argon2id$"));
    assert!(PasswordHashing::default().verify("a long admin password", &hash));
    let (editor, _) = repo::user_by_email(db, &Email::parse("editor@wien.eu").unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(editor.areas[0].to_string(), "AT13");
    let _ = std::fs::remove_dir_all(&dir);
}
