//! An open-loop (constant-rate) HTTP/1.1 load generator for the portal, in the spirit of wrk2.
//!
//! `wrk` is closed-loop: each connection sends its next request when the previous answer
//! arrives, so when the server stalls the load drops and the stall is measured once instead of
//! for every request that should have been sent meanwhile (coordinated omission). Here a pacer
//! thread emits send slots at a fixed rate (slot i is due at `start + i / rate`), a pool of
//! keep-alive connections takes the slots in order, and each latency is measured from the
//! slot's *scheduled* time, so queueing behind a slow response counts in full.
//!
//! ```text
//! cargo run --release -p civis-web --example load -- \
//!     --addr 127.0.0.1:8098 --rate 1000 --duration 30 --warmup 5 /areas/AT13 /api/indicators
//! ```
//!
//! Each path is loaded in its own run (warm-up, then the measured window) and gets one row:
//! requests, errors (status other than 2xx/3xx, timeouts, connection errors), achieved rate,
//! and latency percentiles in milliseconds. `--mix` loads all paths together, round-robin, and
//! reports each path on its own row as well as the whole mix.
//!
//! `--login EMAIL --login-every N` (the password in `CIVIS_PASSWORD`) makes every N-th slot of a
//! `--mix` run a registry sign-in: `GET /registry/login` for the session cookie and CSRF token,
//! then the form `POST` (success is the `303`), timed together as one request `LOGIN`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::{mpsc, Mutex};

const USAGE: &str = "usage: load [--addr HOST:PORT] [--rate N] [--duration S] [--warmup S] \
[--connections N] [--timeout MS] [--mix] [--login EMAIL --login-every N] PATH...";

struct Options {
    addr: SocketAddr,
    rate: f64,
    duration: Duration,
    warmup: Duration,
    connections: usize,
    timeout: Duration,
    mix: bool,
    paths: Vec<String>,
    /// E-mail and password of the account `LOGIN` requests sign in to.
    login: Option<(String, String)>,
    login_every: u64,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        addr: "127.0.0.1:8098".parse().expect("default address"),
        rate: 1000.0,
        duration: Duration::from_secs(30),
        warmup: Duration::from_secs(5),
        connections: 32,
        timeout: Duration::from_secs(2),
        mix: false,
        paths: Vec::new(),
        login: None,
        login_every: 0,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        let secs = |v: String| -> Result<Duration, String> {
            v.parse::<f64>()
                .ok()
                .filter(|s| s.is_finite() && *s >= 0.0)
                .map(Duration::from_secs_f64)
                .ok_or(format!("not a number of seconds: {v}"))
        };
        match a.as_str() {
            "--addr" => {
                let v = value("--addr")?;
                o.addr = v.parse().map_err(|e| format!("--addr {v}: {e}"))?;
            }
            "--rate" => {
                let v = value("--rate")?;
                o.rate = v
                    .parse()
                    .ok()
                    .filter(|r: &f64| *r > 0.0)
                    .ok_or(format!("--rate must be positive, not {v}"))?;
            }
            "--duration" => o.duration = secs(value("--duration")?)?,
            "--warmup" => o.warmup = secs(value("--warmup")?)?,
            "--connections" => {
                let v = value("--connections")?;
                o.connections = v
                    .parse()
                    .ok()
                    .filter(|c| *c > 0)
                    .ok_or(format!("--connections must be positive, not {v}"))?;
            }
            "--timeout" => {
                let v = value("--timeout")?;
                o.timeout = Duration::from_millis(v.parse().map_err(|_| format!("--timeout {v}"))?);
            }
            "--mix" => o.mix = true,
            "--login" => {
                let email = value("--login")?;
                let password = std::env::var("CIVIS_PASSWORD")
                    .map_err(|_| "--login needs the password in CIVIS_PASSWORD".to_string())?;
                o.login = Some((email, password));
            }
            "--login-every" => {
                let v = value("--login-every")?;
                o.login_every = v
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or(format!("--login-every must be positive, not {v}"))?;
            }
            "-h" | "--help" => return Err(USAGE.into()),
            p if p.starts_with('/') => o.paths.push(p.to_string()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    if o.paths.is_empty() {
        return Err(format!("no path given\n{USAGE}"));
    }
    if o.login.is_some() != (o.login_every > 0) || (o.login.is_some() && !o.mix) {
        return Err(format!(
            "--login and --login-every go together, with --mix\n{USAGE}"
        ));
    }
    Ok(o)
}

/// Why a request failed.
#[derive(Debug, Clone, Copy)]
enum Failure {
    Status,
    Timeout,
    Connection,
}

/// One request whose slot fell in the measured window.
#[derive(Clone, Copy)]
struct Sample {
    /// Microseconds from the scheduled send time to the end of the response.
    latency_us: u64,
    /// Microseconds from the actual send to the end of the response (service time).
    service_us: u64,
    failure: Option<Failure>,
    done: Instant,
    bytes: usize,
    /// Which request: an index into the paths, or `paths.len()` for a sign-in.
    what: usize,
}

/// A send slot: its number and when it is due.
type Slot = (u64, Instant);

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    println!(
        "open loop: {} req/s for {:.0} s after {:.0} s warm-up, {} keep-alive connections to {}",
        o.rate,
        o.duration.as_secs_f64(),
        o.warmup.as_secs_f64(),
        o.connections,
        o.addr
    );
    println!(
        "{:<52} {:>7} {:>6} {:>8} {:>7} {:>7} {:>7} {:>7} {:>7} {:>8}",
        "path",
        "count",
        "errors",
        "rate/s",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "p99.9",
        "max ms",
        "svc p99"
    );
    let runs: Vec<Vec<String>> = if o.mix {
        vec![o.paths.clone()]
    } else {
        o.paths.iter().map(|p| vec![p.clone()]).collect()
    };
    let mut failed = false;
    for paths in runs {
        let label = if paths.len() == 1 {
            paths[0].clone()
        } else {
            format!("mix of {} paths", paths.len())
        };
        let (r, parts) = run(&o, paths.clone()).await;
        failed |= r.errors > 0 || r.count == 0;
        if paths.len() > 1 {
            for (i, part) in parts.iter().enumerate() {
                let name = paths
                    .get(i)
                    .map_or("LOGIN (GET form + POST)", String::as_str);
                println!("  {:<50} {}", name, part.row());
            }
        }
        println!("{:<52} {}", label, r.row());
        if r.errors > 0 {
            println!(
                "    errors: {} status, {} timeouts, {} connection",
                r.status_errors, r.timeouts, r.connection_errors
            );
        }
    }
    if failed {
        std::process::exit(1);
    }
}

struct Report {
    count: usize,
    errors: usize,
    status_errors: usize,
    timeouts: usize,
    connection_errors: usize,
    rate: f64,
    latency: Vec<u64>,
    service: Vec<u64>,
    mean_bytes: usize,
}

impl Report {
    fn row(&self) -> String {
        let q = |v: &[u64], p: f64| ms(percentile(v, p));
        format!(
            "{:>7} {:>6} {:>8.1} {:>7} {:>7} {:>7} {:>7} {:>7} {:>8}  ({} B)",
            self.count,
            self.errors,
            self.rate,
            q(&self.latency, 50.0),
            q(&self.latency, 90.0),
            q(&self.latency, 99.0),
            q(&self.latency, 99.9),
            q(&self.latency, 100.0),
            q(&self.service, 99.0),
            self.mean_bytes
        )
    }
}

fn ms(us: u64) -> String {
    format!("{:.2}", us as f64 / 1000.0)
}

/// The nearest-rank percentile of sorted values.
fn percentile(sorted: &[u64], p: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// The whole run's report, and one per path (then one for the sign-ins, if any).
async fn run(o: &Options, paths: Vec<String>) -> (Report, Vec<Report>) {
    let start = Instant::now() + Duration::from_millis(50);
    let measured_from = start + o.warmup;
    let end = measured_from + o.duration;
    let interval = Duration::from_secs_f64(1.0 / o.rate);
    let (tx, rx) = mpsc::unbounded_channel::<Slot>();
    // The pacer: an OS thread with nanosecond sleeps, independent of the runtime's 1 ms timer.
    let pacer = std::thread::spawn(move || {
        let mut i: u64 = 0;
        loop {
            let due = start + interval.mul_f64(i as f64);
            if due >= end {
                break;
            }
            let now = Instant::now();
            if due > now {
                std::thread::sleep(due - now);
            }
            if tx.send((i, due)).is_err() {
                break;
            }
            i += 1;
        }
    });
    let rx = Arc::new(Mutex::new(rx));
    let requests: Arc<Vec<Vec<u8>>> = Arc::new(
        paths
            .iter()
            .map(|p| {
                format!(
                    "GET {p} HTTP/1.1\r\nHost: {}\r\nUser-Agent: civis-load\r\nAccept: */*\r\n\r\n",
                    o.addr
                )
                .into_bytes()
            })
            .collect(),
    );
    let login = Arc::new(o.login.clone().map(|l| (l, o.login_every)));
    let mut workers = Vec::new();
    for _ in 0..o.connections {
        let (rx, requests, login) = (rx.clone(), requests.clone(), login.clone());
        let (addr, timeout) = (o.addr, o.timeout);
        workers.push(tokio::spawn(async move {
            worker(addr, timeout, rx, requests, login, measured_from).await
        }));
    }
    // The workers end when the pacer has sent its last slot and dropped the channel (joining
    // the pacer first would block this single-threaded runtime for the whole run).
    let mut samples = Vec::new();
    for w in workers {
        samples.extend(w.await.expect("worker"));
    }
    pacer.join().expect("pacer thread");
    let kinds = paths.len() + usize::from(o.login.is_some());
    let mut parts: Vec<Vec<Sample>> = (0..kinds).map(|_| Vec::new()).collect();
    for s in &samples {
        parts[s.what.min(kinds - 1)].push(*s);
    }
    let parts = parts
        .into_iter()
        .map(|p| summarise(p, measured_from))
        .collect();
    (summarise(samples, measured_from), parts)
}

async fn worker(
    addr: SocketAddr,
    timeout: Duration,
    slots: Arc<Mutex<mpsc::UnboundedReceiver<Slot>>>,
    requests: Arc<Vec<Vec<u8>>>,
    login: Arc<Option<((String, String), u64)>>,
    measured_from: Instant,
) -> Vec<Sample> {
    let mut out = Vec::new();
    let mut conn: Option<Connection> = None;
    loop {
        let slot = slots.lock().await.recv().await;
        let Some((i, due)) = slot else { break };
        let sign_in = login.as_ref().as_ref().filter(|(_, every)| i % every == 0);
        let what = match sign_in {
            Some(_) => requests.len(),
            None => i as usize % requests.len(),
        };
        let request = &requests[what.min(requests.len() - 1)];
        let sent = Instant::now();
        // A slot that waited longer than the timeout for a free connection has failed already
        // (this also bounds the drain of a backlog when the server cannot keep up).
        let budget = timeout.saturating_sub(sent.saturating_duration_since(due));
        if budget.is_zero() {
            if due >= measured_from {
                out.push(Sample {
                    latency_us: sent.saturating_duration_since(due).as_micros() as u64,
                    service_us: 0,
                    failure: Some(Failure::Timeout),
                    done: sent,
                    bytes: 0,
                    what,
                });
            }
            continue;
        }
        let result = tokio::time::timeout(budget, async {
            if conn.is_none() {
                conn = Some(Connection::open(addr).await?);
            }
            let c = conn.as_mut().expect("connection");
            match sign_in {
                Some(((email, password), _)) => c.sign_in(addr, email, password).await,
                None => c.exchange(request).await,
            }
        })
        .await;
        let done = Instant::now();
        let (failure, bytes) = match result {
            Ok(Ok(r)) => {
                if r.close {
                    conn = None;
                }
                let ok = (200..400).contains(&r.status);
                (if ok { None } else { Some(Failure::Status) }, r.body_len)
            }
            Ok(Err(_)) => {
                conn = None;
                (Some(Failure::Connection), 0)
            }
            Err(_) => {
                conn = None;
                (Some(Failure::Timeout), 0)
            }
        };
        if due >= measured_from {
            out.push(Sample {
                latency_us: done.saturating_duration_since(due).as_micros() as u64,
                service_us: done.saturating_duration_since(sent).as_micros() as u64,
                failure,
                done,
                bytes,
                what,
            });
        }
    }
    out
}

fn summarise(samples: Vec<Sample>, measured_from: Instant) -> Report {
    let count = samples.len();
    let last = samples
        .iter()
        .map(|s| s.done)
        .max()
        .unwrap_or(measured_from);
    let elapsed = last.saturating_duration_since(measured_from).as_secs_f64();
    let of = |f: fn(&Failure) -> bool| {
        samples
            .iter()
            .filter(|s| s.failure.as_ref().is_some_and(f))
            .count()
    };
    let status_errors = of(|f| matches!(f, Failure::Status));
    let timeouts = of(|f| matches!(f, Failure::Timeout));
    let connection_errors = of(|f| matches!(f, Failure::Connection));
    let mut latency: Vec<u64> = samples.iter().map(|s| s.latency_us).collect();
    let mut service: Vec<u64> = samples.iter().map(|s| s.service_us).collect();
    latency.sort_unstable();
    service.sort_unstable();
    let bytes: usize = samples.iter().map(|s| s.bytes).sum();
    Report {
        count,
        errors: status_errors + timeouts + connection_errors,
        status_errors,
        timeouts,
        connection_errors,
        rate: if elapsed > 0.0 {
            count as f64 / elapsed
        } else {
            0.0
        },
        latency,
        service,
        mean_bytes: bytes.checked_div(count).unwrap_or(0),
    }
}

/// A keep-alive HTTP/1.1 connection with its read buffer.
struct Connection {
    stream: TcpStream,
    buf: Vec<u8>,
    /// Keep the next answer's body.
    keep_body: bool,
}

/// What the load generator needs from a response.
struct Answer {
    status: u16,
    body_len: usize,
    close: bool,
    /// The `name=value` of a `Set-Cookie` header.
    cookie: Option<String>,
    /// The body, when it had a length and was asked for ([`Connection::keep_body`]).
    body: Vec<u8>,
}

fn invalid(msg: &str) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, msg.to_string())
}

impl Connection {
    async fn open(addr: SocketAddr) -> std::io::Result<Connection> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Connection {
            stream,
            buf: Vec::with_capacity(64 * 1024),
            keep_body: false,
        })
    }

    /// Reads more bytes into the buffer; end of stream is an error mid-response.
    async fn fill(&mut self) -> std::io::Result<()> {
        let mut chunk = [0u8; 16 * 1024];
        let n = self.stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "connection closed by the server",
            ));
        }
        self.buf.extend_from_slice(&chunk[..n]);
        Ok(())
    }

    /// The index just after the next CRLF at or after `from`, reading as needed.
    async fn line_end(&mut self, from: usize) -> std::io::Result<usize> {
        loop {
            if let Some(p) = self.buf[from..].windows(2).position(|w| w == b"\r\n") {
                return Ok(from + p + 2);
            }
            self.fill().await?;
        }
    }

    async fn exchange(&mut self, request: &[u8]) -> std::io::Result<Answer> {
        self.stream.write_all(request).await?;
        // Head.
        let head_end = loop {
            if let Some(p) = self.buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break p + 4;
            }
            self.fill().await?;
        };
        let head = std::str::from_utf8(&self.buf[..head_end]).map_err(|_| invalid("head"))?;
        let mut lines = head.split("\r\n");
        let status: u16 = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| invalid("status line"))?;
        let (mut length, mut chunked, mut close) = (None, false, false);
        let mut cookie = None;
        for l in lines {
            let Some((k, v)) = l.split_once(':') else {
                continue;
            };
            let v = v.trim();
            if k.eq_ignore_ascii_case("content-length") {
                length = Some(v.parse::<usize>().map_err(|_| invalid("content-length"))?);
            } else if k.eq_ignore_ascii_case("transfer-encoding") {
                chunked = v.to_ascii_lowercase().contains("chunked");
            } else if k.eq_ignore_ascii_case("connection") {
                close = v.eq_ignore_ascii_case("close");
            } else if k.eq_ignore_ascii_case("set-cookie") {
                cookie = v.split(';').next().map(str::to_owned);
            }
        }
        self.buf.drain(..head_end);
        let mut body = Vec::new();
        let no_body = status == 204 || status == 304 || (100..200).contains(&status);
        let body_len = if no_body {
            0
        } else if chunked {
            self.chunked_body().await?
        } else if let Some(n) = length {
            while self.buf.len() < n {
                self.fill().await?;
            }
            if std::mem::take(&mut self.keep_body) {
                body = self.buf[..n].to_vec();
            }
            self.buf.drain(..n);
            n
        } else {
            // Body delimited by the end of the connection.
            loop {
                match self.fill().await {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => break,
                    Err(e) => return Err(e),
                }
            }
            close = true;
            let n = self.buf.len();
            self.buf.clear();
            n
        };
        Ok(Answer {
            status,
            body_len,
            close,
            cookie,
            body,
        })
    }

    /// Signs in to the registry: the form (for the session cookie and its CSRF token), then
    /// the POST. The answer is the POST's (`303` on success), its length both bodies'.
    async fn sign_in(
        &mut self,
        addr: SocketAddr,
        email: &str,
        password: &str,
    ) -> std::io::Result<Answer> {
        self.keep_body = true;
        let form = self
            .exchange(
                format!("GET /registry/login HTTP/1.1\r\nHost: {addr}\r\nUser-Agent: civis-load\r\n\r\n")
                    .as_bytes(),
            )
            .await?;
        let cookie = form.cookie.ok_or_else(|| invalid("no session cookie"))?;
        let page = String::from_utf8_lossy(&form.body);
        let marker = "name=\"csrf\" value=\"";
        let at = page.find(marker).ok_or_else(|| invalid("no CSRF token"))? + marker.len();
        let csrf: String = page[at..].chars().take_while(|c| *c != '"').collect();
        let fields = format!(
            "csrf={csrf}&email={}&password={}",
            url_encode(email),
            url_encode(password)
        );
        let post = format!(
            "POST /registry/login HTTP/1.1\r\nHost: {addr}\r\nUser-Agent: civis-load\r\nCookie: {cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{fields}",
            fields.len()
        );
        let mut answer = self.exchange(post.as_bytes()).await?;
        answer.body_len += form.body_len;
        Ok(answer)
    }

    /// Consumes a chunked body (and its trailers); returns the decoded length.
    async fn chunked_body(&mut self) -> std::io::Result<usize> {
        let mut total = 0;
        loop {
            let end = self.line_end(0).await?;
            let size_text =
                std::str::from_utf8(&self.buf[..end - 2]).map_err(|_| invalid("chunk"))?;
            let size_text = size_text.split(';').next().unwrap_or("").trim();
            let size = usize::from_str_radix(size_text, 16).map_err(|_| invalid("chunk size"))?;
            self.buf.drain(..end);
            if size == 0 {
                // Trailers until an empty line.
                loop {
                    let end = self.line_end(0).await?;
                    self.buf.drain(..end);
                    if end == 2 {
                        return Ok(total);
                    }
                }
            }
            while self.buf.len() < size + 2 {
                self.fill().await?;
            }
            self.buf.drain(..size + 2);
            total += size;
        }
    }
}

/// Percent-encodes a form value.
fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
