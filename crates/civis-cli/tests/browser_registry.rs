//! The practice registry in a real browser (issue 7): an editor signs in, records a practice
//! linked to an indicator, a moderator publishes it, and the public page shows it next to the
//! city's numbers.
//!
//! The test builds the default database in a scratch directory, creates an editor for Vienna
//! (`AT13`) and a moderator with the real `civis user add` (password from `CIVIS_PASSWORD` for
//! one, from standard input for the other) before the server starts, starts `civis serve` on
//! it and runs `tests/browser/registry.mjs` in Debian's headless Chromium (playwright-core):
//! login form, practice form, moderation queue and public pages, checked with axe-core and
//! screenshotted into `<target>/browser-artifacts/registry/`.
//!
//! The session cookie stays `Secure` (the production setting): Chromium keeps `Secure` cookies
//! for http://127.0.0.1, a potentially trustworthy origin, so no `--insecure-cookies` is needed.
//!
//! Needs `node`, `/usr/bin/chromium` (or `CIVIS_CHROMIUM`) and `tests/browser/node_modules`
//! (`source .ci/browser.sh` installs all three): without them the test is skipped with a
//! notice, and fails when `CIVIS_REQUIRE_BROWSER=1`.

use std::fs::File;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use civis_cli::default_db::build_default_database_file;

/// How long the browser run may take before it is stopped (it takes well under a minute).
const BROWSER_TIMEOUT: Duration = Duration::from_secs(300);

/// The editor's city: Vienna, a NUTS 2 region with estimates (and intervals) in the default
/// database.
const AREA: &str = "AT13";
/// The indicator the practice is linked to, and its name in the form.
const INDICATOR: &str = "employment_rate";
const INDICATOR_NAME: &str = "Employment rate";

const EDITOR: &str = "editor.wien@example.eu";
const EDITOR_PASSWORD: &str = "correct horse battery staple";
const MODERATOR: &str = "moderator@example.eu";
const MODERATOR_PASSWORD: &str = "a long moderator passphrase";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn chromium() -> PathBuf {
    std::env::var_os("CIVIS_CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

/// What the browser test needs and this machine lacks.
fn missing() -> Vec<String> {
    let mut missing = Vec::new();
    let node = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !node.is_ok_and(|s| s.success()) {
        missing.push("`node` on PATH (Debian package nodejs)".to_string());
    }
    let chromium = chromium();
    if !chromium.is_file() {
        missing.push(format!(
            "{} (Debian packages chromium and chromium-driver)",
            chromium.display()
        ));
    }
    let modules = repo().join("tests/browser/node_modules");
    for package in ["playwright-core", "axe-core"] {
        if !modules.join(package).join("package.json").is_file() {
            missing.push(format!(
                "{} (npm ci --prefix tests/browser)",
                modules.join(package).display()
            ));
        }
    }
    missing
}

/// The server process and its scratch directory, stopped and removed however the test ends.
struct Server {
    child: Option<Child>,
    dir: PathBuf,
    log: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Server {
    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free local port")
        .port()
}

/// The status line of `GET path`, or `None` while nothing answers.
fn get_status(port: u16, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut buf = String::new();
    s.read_to_string(&mut buf).ok()?;
    buf.lines().next().map(str::to_string)
}

/// `civis user add --role ROLE [--area AREA] EMAIL --database DB`, the password from
/// `CIVIS_PASSWORD` (`via_env`) or from standard input.
fn user_add(db: &Path, role: &str, area: Option<&str>, email: &str, password: &str, via_env: bool) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_civis"));
    cmd.args(["user", "add", "--role", role]);
    if let Some(a) = area {
        cmd.args(["--area", a]);
    }
    cmd.arg(email)
        .arg("--database")
        .arg(db)
        .env_remove("CIVIS_PASSWORD")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if via_env {
        cmd.env("CIVIS_PASSWORD", password);
    }
    let mut child = cmd.spawn().expect("starting civis user add");
    let stdin = if via_env {
        String::new()
    } else {
        format!("{password}\n")
    };
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("writing the password");
    let out = child.wait_with_output().expect("civis user add");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "civis user add --role {role} {email} failed:\n{err}"
    );
    assert!(
        err.contains(&format!("created {role} {email}")),
        "civis user add said: {err}"
    );
}

/// Builds the default database, creates the accounts, starts `civis serve` on it.
fn start_server() -> (Server, u16) {
    let dir = std::env::temp_dir().join(format!("civis-browser-registry-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut server = Server {
        child: None,
        log: dir.join("serve.log"),
        dir,
    };
    let db = server.dir.join("civis.db");
    let t = Instant::now();
    build_default_database_file(&db, &repo().join("data"), false, &mut |_| {})
        .expect("building the default database");
    eprintln!(
        "browser registry test: default database built in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    user_add(&db, "editor", Some(AREA), EDITOR, EDITOR_PASSWORD, true);
    user_add(&db, "moderator", None, MODERATOR, MODERATOR_PASSWORD, false);

    let port = free_port();
    let log_file = File::create(&server.log).unwrap();
    server.child = Some(
        Command::new(env!("CARGO_BIN_EXE_civis"))
            .arg("serve")
            .arg("--database")
            .arg(&db)
            .arg("--data")
            .arg(repo().join("data"))
            .arg("--addr")
            .arg(format!("127.0.0.1:{port}"))
            .arg("--quiet")
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().unwrap())
            .stderr(log_file)
            .spawn()
            .expect("starting civis serve"),
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(status) = get_status(port, "/healthz") {
            assert!(
                status.contains(" 200"),
                "/healthz answered {status}\n{}",
                server.log()
            );
            break;
        }
        if let Some(Ok(Some(exit))) = server.child.as_mut().map(Child::try_wait) {
            panic!("civis serve exited ({exit}):\n{}", server.log());
        }
        assert!(
            Instant::now() < deadline,
            "civis serve did not answer /healthz within 60 s:\n{}",
            server.log()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let registry = get_status(port, "/registry").unwrap_or_default();
    assert!(
        registry.contains(" 200"),
        "the registry is not served (/registry answered {registry}):\n{}",
        server.log()
    );
    (server, port)
}

#[test]
fn registry_editor_records_moderator_publishes_public_sees_numbers() {
    let missing = missing();
    if !missing.is_empty() {
        let list = missing.join("\n  ");
        if std::env::var("CIVIS_REQUIRE_BROWSER").as_deref() == Ok("1") {
            panic!("CIVIS_REQUIRE_BROWSER=1 but the browser test cannot run; missing:\n  {list}\n(`source .ci/browser.sh` installs them)");
        }
        eprintln!("browser registry test SKIPPED, missing:\n  {list}\n(`source .ci/browser.sh` installs them; CIVIS_REQUIRE_BROWSER=1 makes this a failure)");
        return;
    }

    let (server, port) = start_server();
    let artefacts = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target directory")
        .join("browser-artifacts")
        // a folder of its own: e2e.mjs clears the PNGs of browser-artifacts/ when it starts
        .join("registry");
    std::fs::create_dir_all(&artefacts).unwrap();
    // the script's output goes to a file (no pipe to fill up), printed afterwards
    let output = server.dir.join("registry.log");
    let output_file = File::create(&output).unwrap();
    let t = Instant::now();
    let mut node = Command::new("node")
        .arg(repo().join("tests/browser/registry.mjs"))
        .arg(format!("http://127.0.0.1:{port}"))
        .arg(&artefacts)
        .args([EDITOR, EDITOR_PASSWORD, MODERATOR, MODERATOR_PASSWORD])
        .args([AREA, INDICATOR, INDICATOR_NAME])
        .current_dir(repo())
        .stdin(Stdio::null())
        .stdout(output_file.try_clone().unwrap())
        .stderr(output_file)
        .spawn()
        .expect("starting node");
    let status = loop {
        if let Some(status) = node.try_wait().unwrap() {
            break Some(status);
        }
        if t.elapsed() > BROWSER_TIMEOUT {
            let _ = node.kill();
            let _ = node.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let log = std::fs::read_to_string(&output).unwrap_or_default();
    println!("{log}");
    let _ = std::fs::write(artefacts.join("registry.log"), &log);
    eprintln!(
        "browser registry test: the browser run took {:.1} s; screenshots in {}",
        t.elapsed().as_secs_f64(),
        artefacts.display()
    );
    let Some(status) = status else {
        panic!(
            "the browser run took longer than {} s and was stopped; its output is above",
            BROWSER_TIMEOUT.as_secs()
        );
    };
    assert!(
        status.success(),
        "the browser run failed ({status}); its output is above; server log:\n{}",
        server.log()
    );
    assert!(
        log.contains("PASSED"),
        "the browser run exited 0 without reporting PASSED"
    );
    drop(server);
}
