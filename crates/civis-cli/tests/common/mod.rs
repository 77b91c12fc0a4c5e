//! `civis serve` as the tests start it: on a free port, with a database and a data folder, and
//! waited for until `/healthz` answers; and a plain HTTP/1.1 GET against it. Shared by the test
//! files that need the real server process (`mod common;`).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `civis serve`, killed when dropped.
pub struct Served {
    child: Child,
    pub port: u16,
}

impl Served {
    /// Start `civis serve --quiet` on `database` with the data folder `data`; panics when it
    /// does not answer `/healthz` within `startup`.
    pub fn start(database: &Path, data: &Path, startup: Duration) -> Served {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .unwrap()
            .port();
        let child = Command::new(env!("CARGO_BIN_EXE_civis"))
            .args(["serve", "--quiet", "--addr", &format!("127.0.0.1:{port}")])
            .arg("--database")
            .arg(database)
            .arg("--data")
            .arg(data)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let served = Served { child, port };
        let deadline = Instant::now() + startup;
        while http_get(port, "/healthz").is_none() {
            assert!(Instant::now() < deadline, "civis serve did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        served
    }

    /// The server's process id.
    #[allow(dead_code)] // each test file compiles this module; not all of them need the pid
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `GET path` on 127.0.0.1:`port` with `Connection: close`: the status code and the body, or
/// `None` when nothing (or no HTTP answer) comes back.
pub fn http_get(port: u16, path: &str) -> Option<(u16, Vec<u8>)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).ok()?;
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let status = head.split(' ').nth(1)?.parse().ok()?;
    Some((status, raw[split + 4..].to_vec()))
}
