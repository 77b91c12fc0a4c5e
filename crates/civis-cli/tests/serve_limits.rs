//! `civis serve` under connection exhaustion and oversized posts (issue 17, item 2): the real
//! binary on the default database.
//!
//! - 5,000 idle connections from one address do not keep anybody out: `/healthz` still answers
//!   in under a second (the bound), and the server closed the idle connections beyond
//!   its per-address cap instead of holding them.
//! - An anonymous 20 MB post to `/registry/import` is refused (403) before its body is read:
//!   the server answers after 64 kB and closes, so the client cannot deliver the rest.

use std::fs::File;
use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use civis_cli::default_db::build_default_database_file;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

struct Server {
    child: Child,
    dir: PathBuf,
    log: PathBuf,
    port: u16,
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

    fn connect(&self) -> TcpStream {
        TcpStream::connect(("127.0.0.1", self.port)).expect("connecting")
    }
}

/// Builds the default database in a scratch directory and starts `civis serve` on it.
fn start(name: &str) -> Server {
    let dir = std::env::temp_dir().join(format!("civis-serve-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("civis.db");
    build_default_database_file(&db, &repo().join("data"), false, &mut |_| {})
        .expect("building the default database");
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    let log = dir.join("serve.log");
    let log_file = File::create(&log).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_civis"))
        .args(["serve", "--quiet", "--addr", &format!("127.0.0.1:{port}")])
        .arg("--database")
        .arg(&db)
        .arg("--data")
        .arg(repo().join("data"))
        .stdin(Stdio::null())
        .stdout(log_file.try_clone().unwrap())
        .stderr(log_file)
        .spawn()
        .expect("starting civis serve");
    let mut server = Server {
        child,
        dir,
        log,
        port,
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while get(&server, "/healthz", Duration::from_secs(5)).is_err() {
        if let Ok(Some(exit)) = server.child.try_wait() {
            panic!("civis serve exited ({exit}):\n{}", server.log());
        }
        assert!(
            Instant::now() < deadline,
            "civis serve did not start:\n{}",
            server.log()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    server
}

/// `GET path` on a new connection; the status line.
fn get(server: &Server, path: &str, timeout: Duration) -> std::io::Result<String> {
    let mut s = TcpStream::connect_timeout(&([127, 0, 0, 1], server.port).into(), timeout)?;
    s.set_read_timeout(Some(timeout))?;
    s.set_write_timeout(Some(timeout))?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )?;
    let mut buf = String::new();
    s.read_to_string(&mut buf)?;
    Ok(buf.lines().next().unwrap_or_default().to_owned())
}

/// Lets this process open `n` more sockets (CI runners often start with a soft limit of 1,024).
fn allow_descriptors(n: u64) {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: plain calls on a struct we own.
    unsafe {
        assert_eq!(libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim), 0);
        if lim.rlim_cur < n {
            lim.rlim_cur = n.min(lim.rlim_max);
            libc::setrlimit(libc::RLIMIT_NOFILE, &lim);
            assert_eq!(libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim), 0);
        }
    }
    assert!(
        lim.rlim_cur >= n,
        "this test needs {n} file descriptors; the hard limit is {}",
        lim.rlim_max
    );
}

/// Whether the server has closed this connection (read gives end of file or a reset).
fn closed_by_server(s: &TcpStream) -> bool {
    let mut b = [0u8; 1];
    s.set_nonblocking(true).unwrap();
    let closed = match (&*s).read(&mut b) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => e.kind() != ErrorKind::WouldBlock,
    };
    s.set_nonblocking(false).unwrap();
    closed
}

#[test]
fn five_thousand_idle_connections_do_not_keep_healthz_out() {
    const IDLE: usize = 5_000;
    allow_descriptors(IDLE as u64 + 512);
    let server = start("idle");
    let idle: Vec<TcpStream> = (0..IDLE).map(|_| server.connect()).collect();
    let t = Instant::now();
    let status = get(&server, "/healthz", Duration::from_secs(1));
    let took = t.elapsed();
    let status = status.unwrap_or_else(|e| {
        panic!(
            "/healthz with {IDLE} idle connections open: {e}\n{}",
            server.log()
        )
    });
    assert!(status.contains(" 200"), "{status}");
    assert!(
        took < Duration::from_secs(1),
        "/healthz took {took:?} with {IDLE} idle connections open"
    );
    // the server did not hold them: all but its per-address cap (256) were closed
    let deadline = Instant::now() + Duration::from_secs(30);
    let open = loop {
        let open = idle.iter().filter(|s| !closed_by_server(s)).count();
        if open <= 256 || Instant::now() > deadline {
            break open;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(
        open <= 256,
        "{open} of {IDLE} idle connections are still open"
    );
    drop(idle);
    assert!(get(&server, "/healthz", Duration::from_secs(10))
        .unwrap()
        .contains(" 200"));
}

/// Posts the head of a form of `length` bytes and the first 64 kB of it; returns the status
/// line of the answer and how much of the body the server let the client send in all.
fn post_large(server: &Server, cookie: Option<&str>, length: usize) -> (String, usize) {
    let mut s = server.connect();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.set_write_timeout(Some(Duration::from_secs(30))).unwrap();
    let cookie = cookie.map_or(String::new(), |c| format!("Cookie: {c}\r\n"));
    write!(
        s,
        "POST /registry/import HTTP/1.1\r\nHost: 127.0.0.1\r\n{cookie}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {length}\r\n\r\n"
    )
    .unwrap();
    let chunk = vec![b'a'; 64 * 1024];
    s.write_all(&chunk).unwrap();
    let mut sent = chunk.len();
    let mut answer = vec![0u8; 4096];
    let n = s
        .read(&mut answer)
        .expect("an answer before the body is sent");
    let status = String::from_utf8_lossy(&answer[..n])
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    // the rest of the body: the server has closed, so this fails long before 20 MB
    while sent < length {
        match s.write(&chunk[..chunk.len().min(length - sent)]) {
            Ok(k) => sent += k,
            Err(_) => break,
        }
    }
    (status, sent)
}

#[test]
fn an_anonymous_twenty_megabyte_import_is_refused_before_it_is_read() {
    const LENGTH: usize = 20_000_000;
    let server = start("post");
    // no session at all
    let (status, sent) = post_large(&server, None, LENGTH);
    assert!(status.contains(" 403"), "{status}");
    assert!(
        sent < LENGTH / 2,
        "the client could send {sent} of {LENGTH} bytes"
    );
    // a visitor's session (from the sign-in page) is still anonymous
    let mut s = server.connect();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET /registry/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut page = String::new();
    s.read_to_string(&mut page).unwrap();
    let cookie = page
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .and_then(|c| c.split(';').next())
        .expect("a session cookie")
        .to_owned();
    let (status, sent) = post_large(&server, Some(&cookie), LENGTH);
    assert!(status.contains(" 403"), "{status}");
    assert!(sent < LENGTH / 2, "sent {sent} of {LENGTH}");
    // a declared length beyond the limit is refused on its head, whoever sends it
    let (status, _) = post_large(&server, Some(&cookie), 30_000_000);
    assert!(status.contains(" 413"), "{status}");
    assert!(get(&server, "/healthz", Duration::from_secs(10))
        .unwrap()
        .contains(" 200"));
}
