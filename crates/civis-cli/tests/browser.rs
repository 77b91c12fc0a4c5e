//! The portal in a real browser: `civis serve` on the default database, driven by
//! `tests/browser/e2e.mjs` in Debian's headless Chromium (playwright-core), with axe-core on
//! every page. The script walks home -> indicator -> area profile -> compare -> CSV download,
//! asserts what each page shows, checks the skip link with the keyboard, screenshots every
//! page into `<target>/browser-artifacts/` and fails on serious or critical accessibility
//! violations. Then `tests/browser/languages.mjs` visits one page per language (issue 19) with
//! axe-core on each, and follows the French offer made to a French-speaking browser.
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
    child: Child,
    dir: PathBuf,
    log: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
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

/// Builds the default database into a scratch directory and starts `civis serve` on it.
fn start_server() -> (Server, u16) {
    let dir = std::env::temp_dir().join(format!("civis-browser-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("civis.db");
    let t = Instant::now();
    build_default_database_file(&db, &repo().join("data"), false, &mut |_| {})
        .expect("building the default database");
    eprintln!(
        "browser test: default database built in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let port = free_port();
    let log = dir.join("serve.log");
    let log_file = File::create(&log).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_civis"))
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
        .expect("starting civis serve");
    let mut server = Server { child, dir, log };
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
        if let Ok(Some(exit)) = server.child.try_wait() {
            panic!("civis serve exited ({exit}):\n{}", server.log());
        }
        assert!(
            Instant::now() < deadline,
            "civis serve did not answer /healthz within 60 s:\n{}",
            server.log()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    (server, port)
}

#[test]
fn portal_in_headless_chromium_flow_screenshots_and_accessibility() {
    let missing = missing();
    if !missing.is_empty() {
        let list = missing.join("\n  ");
        if std::env::var("CIVIS_REQUIRE_BROWSER").as_deref() == Ok("1") {
            panic!("CIVIS_REQUIRE_BROWSER=1 but the browser test cannot run; missing:\n  {list}\n(`source .ci/browser.sh` installs them)");
        }
        eprintln!("browser test SKIPPED, missing:\n  {list}\n(`source .ci/browser.sh` installs them; CIVIS_REQUIRE_BROWSER=1 makes this a failure)");
        return;
    }

    let (server, port) = start_server();
    let artefacts = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target directory")
        .join("browser-artifacts");
    std::fs::create_dir_all(&artefacts).unwrap();
    run_script(&server, port, &artefacts, "e2e");
    // the seven languages (issue 19): one page each, with axe-core
    run_script(&server, port, &artefacts, "languages");
    drop(server);
}

/// Runs `tests/browser/<name>.mjs` against the server and fails the test unless it passes.
fn run_script(server: &Server, port: u16, artefacts: &Path, name: &str) {
    // the script's output goes to a file (no pipe to fill up), printed afterwards
    let output = server.dir.join(format!("{name}.log"));
    let output_file = File::create(&output).unwrap();
    let t = Instant::now();
    let mut node = Command::new("node")
        .arg(repo().join(format!("tests/browser/{name}.mjs")))
        .arg(format!("http://127.0.0.1:{port}"))
        .arg(artefacts)
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
    let _ = std::fs::write(artefacts.join(format!("{name}.log")), &log);
    eprintln!(
        "browser test: {name}.mjs took {:.1} s; screenshots in {}",
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
}
