//! What no client can do to the portal (issue 17): hold connections open (header-read and idle
//! timeouts, a cap per address that closes the longest-idle connection for a newcomer), page
//! past the end of the observations to a bogus `next` link, or defeat the response cache with
//! parameters no page reads.

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing;
use axum::Router;
use tower::ServiceExt;

use civis_store::{Method, Observation, Provenance, SqliteStore, Store};
use civis_web::cache::{cached, ResponseCache};
use civis_web::data::Maps;
use civis_web::{server, ConnectionLimits, PortalData, ServeOptions};

struct Portal {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Portal {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn observations() -> Vec<Observation> {
    (0..30)
        .map(|i| Observation {
            indicator: "employment_rate".into(),
            geo: "AT".into(),
            criterion: "citizenship".into(),
            group: "FOR".into(),
            sex: "T".into(),
            age: "Y20-64".into(),
            time: format!("{}", 1990 + i),
            unit: "PC".into(),
            estimate: Some(60.0 + f64::from(i)),
            n: Some(500),
            ..Default::default()
        })
        .collect()
}

fn start(limits: ConnectionLimits) -> Portal {
    let mut store = SqliteStore::in_memory().unwrap();
    store
        .import(
            &Provenance {
                name: "lfs".into(),
                file: "lfs.tsv".into(),
                source: "Eurostat".into(),
                method: Method::Official,
                vintage: "2026-11".into(),
                attribution: String::new(),
                synthetic: false,
            },
            &observations(),
            false,
        )
        .unwrap();
    let data = Arc::new(PortalData::load(&store, Maps::new(None, None, None)).unwrap());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let (tx, rx) = tokio::sync::oneshot::channel();
    let thread = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(server::serve(
            data,
            &ServeOptions {
                addr,
                log_requests: false,
                limits,
            },
            Some(rx),
        ))
        .unwrap();
    });
    for _ in 0..200 {
        if TcpStream::connect(addr).is_ok() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    Portal {
        addr,
        stop: Some(tx),
        thread: Some(thread),
    }
}

/// Waits (at most `limit`) for the server to close `s`; true if it did.
fn closed_within(s: &mut TcpStream, limit: Duration) -> bool {
    s.set_read_timeout(Some(limit)).unwrap();
    let mut b = [0u8; 256];
    loop {
        match s.read(&mut b) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return false
            }
            Err(_) => return true,
        }
    }
}

/// `GET path` on a new connection: status and body.
fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let status = text[9..12].parse().unwrap();
    let body = text.split_once("\r\n\r\n").unwrap().1.to_owned();
    (status, body)
}

fn short(header: u64) -> ConnectionLimits {
    ConnectionLimits {
        header_timeout: Duration::from_secs(header),
        ..Default::default()
    }
}

#[test]
fn idle_and_trickling_connections_are_closed_after_the_header_timeout() {
    let p = start(short(1));
    // never sends anything
    let mut silent = TcpStream::connect(p.addr).unwrap();
    // sends half a request head, then a byte now and then
    let mut trickle = TcpStream::connect(p.addr).unwrap();
    trickle
        .write_all(b"GET /healthz HTTP/1.1\r\nHost:")
        .unwrap();
    // a keep-alive connection after its answer
    let mut kept = TcpStream::connect(p.addr).unwrap();
    kept.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut answer = [0u8; 12];
    kept.read_exact(&mut answer).unwrap();
    assert_eq!(&answer, b"HTTP/1.1 200");
    for _ in 0..3 {
        std::thread::sleep(Duration::from_millis(300));
        let _ = trickle.write_all(b" x");
    }
    // closed by the server (well before the 20 s this waits at most)
    for (what, s) in [
        ("silent", &mut silent),
        ("trickling", &mut trickle),
        ("idle keep-alive", &mut kept),
    ] {
        assert!(
            closed_within(s, Duration::from_secs(20)),
            "the {what} connection is still open"
        );
    }
}

#[test]
fn a_newcomer_beyond_the_per_address_cap_closes_the_longest_idle_connection() {
    let p = start(ConnectionLimits {
        max_per_client: 4,
        ..Default::default()
    });
    let mut idle: Vec<TcpStream> = (0..4)
        .map(|_| TcpStream::connect(p.addr).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(100));
    let (status, _) = get(p.addr, "/healthz");
    assert_eq!(status, 200);
    assert!(
        closed_within(&mut idle[0], Duration::from_secs(20)),
        "the oldest idle connection makes room"
    );
    // a busy connection is never closed for a newcomer: one in the middle of a request keeps
    // its place and gets its answer
    let mut busy = TcpStream::connect(p.addr).unwrap();
    busy.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut answer = [0u8; 12];
    busy.read_exact(&mut answer).unwrap();
    assert_eq!(&answer, b"HTTP/1.1 200");
}

#[test]
fn paging_past_the_end_gives_no_next_link() {
    let p = start(ConnectionLimits::default());
    let page = |q: &str| -> serde_json::Value {
        let (status, body) = get(p.addr, &format!("/api/observations?{q}"));
        assert_eq!(status, 200, "{q}: {body}");
        serde_json::from_str(&body).unwrap()
    };
    let first = page("limit=10");
    assert_eq!(first["total"], 30);
    assert_eq!(first["next"], "/api/observations?limit=10&offset=10");
    assert!(page("limit=10&offset=20")["next"].is_null());
    for offset in ["18446744073709551615", "18446744073709551606", "30", "31"] {
        for limit in ["1", "1000"] {
            let v = page(&format!("limit={limit}&offset={offset}"));
            assert!(v["next"].is_null(), "offset {offset}: {v}");
            assert_eq!(v["items"].as_array().unwrap().len(), 0);
        }
    }
    let (status, _) = get(p.addr, "/api/observations?offset=18446744073709551616");
    assert_eq!(status, 400, "beyond the integers: a clear 400");
}

/// A handler that counts its calls and answers with an ETag, behind the cache.
fn counted(calls: Arc<AtomicUsize>) -> Router {
    let handler = move |req: Request| {
        let calls = calls.clone();
        async move {
            calls.fetch_add(1, Ordering::SeqCst);
            let body = format!("query: {}", req.uri().query().unwrap_or(""));
            let mut r: Response = body.into_response();
            r.headers_mut()
                .insert(header::ETAG, "\"v1\"".parse().unwrap());
            r
        }
    };
    Router::new()
        .route("/areas/{geo}", routing::get(handler.clone()))
        .route("/indicators/{id}", routing::get(handler))
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(ResponseCache::new(1 << 20)),
            cached,
        ))
}

async fn fetch(app: &Router, uri: &str) -> String {
    let r = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let b = axum::body::to_bytes(r.into_body(), 1 << 20).await.unwrap();
    String::from_utf8(b.to_vec()).unwrap()
}

#[tokio::test]
async fn unknown_parameters_do_not_defeat_the_cache() {
    let calls = Arc::new(AtomicUsize::new(0));
    let app = counted(calls.clone());
    assert_eq!(fetch(&app, "/areas/AT13").await, "query: ");
    for junk in ["x=1", "x=2", "utm_source=a&x=3", "x"] {
        assert_eq!(fetch(&app, &format!("/areas/AT13?{junk}")).await, "query: ");
    }
    assert_eq!(calls.load(Ordering::SeqCst), 1, "rendered once");
    // parameters a page reads are kept (and are the key); unknown ones are dropped before the
    // handler sees them, so the answer kept is the answer without them
    let a = fetch(&app, "/indicators/employment_rate?level=region&x=9").await;
    assert_eq!(a, "query: level=region");
    let b = fetch(&app, "/indicators/employment_rate?x=8&level=region").await;
    assert_eq!(b, "query: level=region");
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    assert_eq!(
        fetch(&app, "/indicators/employment_rate?level=country").await,
        "query: level=country"
    );
    assert_eq!(calls.load(Ordering::SeqCst), 3);
}
