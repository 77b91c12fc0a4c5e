//! Accepting connections so that no client can take the server down (issue 17).
//!
//! `axum::serve` keeps every connection for as long as the client likes: idle keep-alive
//! connections are never closed, so about 20,000 idle sockets from one host used up the file
//! descriptors and new clients timed out. This loop bounds what a client can hold:
//!
//! - **Header-read timeout.** A connection has [`ConnectionLimits::header_timeout`] to deliver a
//!   complete request head, counted from the moment the server waits for one: right after
//!   accepting, and after each answer on a keep-alive connection. So an idle keep-alive
//!   connection (or one that never sends anything, or trickles a header) is closed after at most
//!   that long (hyper's `header_read_timeout`, which a trickle does not extend).
//! - **A stalled answer.** A request whose answer makes no progress (the client stopped reading)
//!   for [`ConnectionLimits::stall_timeout`] loses its connection.
//! - **Caps.** At most [`ConnectionLimits::max_connections`] connections in all and
//!   [`ConnectionLimits::max_per_client`] per client address. A newcomer beyond a cap first
//!   closes the longest-idle connection (of the same address for the per-address cap): an idle
//!   connection costs its client only a reconnect, while refusing the newcomer would let idle
//!   sockets lock everybody out. Only when every connection is busy is the newcomer refused (a
//!   `503` written without blocking, then closed). Accepting never stops, so the listen backlog
//!   cannot fill up behind a full table.
//!
//! Request bodies are read only by handlers that want them, and those check the declared size
//! and who is asking first (see the registry's `posted`); a handler that answers without reading
//! the body makes hyper close the connection instead of draining it.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::ConnectInfo;
use axum::http::{Request, Response};
use hyper::body::Incoming;
use hyper::service::Service as _;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify};

/// What one client, and all clients together, may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// Time to deliver a complete request head; also the longest an idle keep-alive
    /// connection stays open.
    pub header_timeout: Duration,
    /// A request whose answer makes no progress for this long loses its connection.
    pub stall_timeout: Duration,
    /// Connections open at once, all clients together.
    pub max_connections: usize,
    /// Connections open at once from one client address.
    pub max_per_client: usize,
}

impl Default for ConnectionLimits {
    /// 15 s to send a request head (and idle keep-alive), 60 s without progress on an answer,
    /// 4,096 connections, 256 per address (a NAT of a city administration stays usable).
    fn default() -> Self {
        ConnectionLimits {
            header_timeout: Duration::from_secs(15),
            stall_timeout: Duration::from_secs(60),
            max_connections: 4096,
            max_per_client: 256,
        }
    }
}

impl ConnectionLimits {
    /// These limits with the global cap kept below the number of file descriptors the process
    /// may open (its soft limit raised to the hard one first; files, the database and the
    /// listener keep 64), so that accepting never fails for want of descriptors. Also returns,
    /// when the cap had to come down, the room left and the descriptor limit.
    pub fn within_descriptor_limit(self) -> (ConnectionLimits, Option<(usize, u64)>) {
        let mut limits = self;
        let Some(descriptors) = raise_descriptor_limit() else {
            return (limits, None);
        };
        let room = usize::try_from(descriptors.saturating_sub(64)).unwrap_or(usize::MAX);
        if room >= limits.max_connections {
            return (limits, None);
        }
        limits.max_connections = room.max(1);
        limits.max_per_client = limits.max_per_client.min(limits.max_connections);
        (limits, Some((room, descriptors)))
    }
}

/// Raises the soft limit on open files to the hard one; returns the soft limit in force.
#[cfg(unix)]
fn raise_descriptor_limit() -> Option<u64> {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write the struct passed to them.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) != 0 {
            return None;
        }
        if lim.rlim_cur < lim.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: lim.rlim_max,
                rlim_max: lim.rlim_max,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                lim = raised;
            }
        }
    }
    Some(lim.rlim_cur)
}

#[cfg(not(unix))]
fn raise_descriptor_limit() -> Option<u64> {
    None
}

/// One open connection, as the table sees it.
struct Conn {
    id: u64,
    client: IpAddr,
    /// Requests whose answer is not finished.
    busy: AtomicU32,
    /// Milliseconds (since the table started) of the last sign of life: accept, a request,
    /// a piece of an answer, the end of an answer.
    last_active: AtomicU64,
    close: Notify,
}

impl Conn {
    fn touch(&self, table: &Table) {
        self.last_active.store(table.millis(), Ordering::Relaxed);
    }
}

#[derive(Default)]
struct Open {
    conns: HashMap<u64, Arc<Conn>>,
    per_client: HashMap<IpAddr, usize>,
    next_id: u64,
}

/// The open connections and the caps.
struct Table {
    limits: ConnectionLimits,
    start: Instant,
    open: Mutex<Open>,
}

impl Table {
    fn millis(&self) -> u64 {
        self.start.elapsed().as_millis() as u64
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Open> {
        self.open.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A place for a connection from `client`, closing an idle one if a cap is reached;
    /// `None` when every connection that counts against the cap is busy.
    fn admit(&self, client: IpAddr) -> Option<Arc<Conn>> {
        let mut open = self.lock();
        if open.per_client.get(&client).copied().unwrap_or(0) >= self.limits.max_per_client
            && !evict_idle(&mut open, |c| c.client == client)
        {
            return None;
        }
        if open.conns.len() >= self.limits.max_connections && !evict_idle(&mut open, |_| true) {
            return None;
        }
        open.next_id += 1;
        let conn = Arc::new(Conn {
            id: open.next_id,
            client,
            busy: AtomicU32::new(0),
            last_active: AtomicU64::new(self.millis()),
            close: Notify::new(),
        });
        open.conns.insert(conn.id, conn.clone());
        *open.per_client.entry(client).or_insert(0) += 1;
        Some(conn)
    }

    fn release(&self, conn: &Conn) {
        forget(&mut self.lock(), conn.id);
    }

    /// Number of connections held.
    fn len(&self) -> usize {
        self.lock().conns.len()
    }
}

fn forget(open: &mut Open, id: u64) {
    if let Some(c) = open.conns.remove(&id) {
        if let Some(n) = open.per_client.get_mut(&c.client) {
            *n -= 1;
            if *n == 0 {
                open.per_client.remove(&c.client);
            }
        }
    }
}

/// Closes the longest-idle connection among those `which` selects; false if all are busy.
fn evict_idle(open: &mut Open, which: impl Fn(&Conn) -> bool) -> bool {
    let victim = open
        .conns
        .values()
        .filter(|c| which(c) && c.busy.load(Ordering::Relaxed) == 0)
        .min_by_key(|c| c.last_active.load(Ordering::Relaxed))
        .cloned();
    match victim {
        Some(c) => {
            forget(open, c.id);
            c.close.notify_one();
            true
        }
        None => false,
    }
}

/// Marks a connection busy while a request and its answer are under way.
struct Busy {
    conn: Arc<Conn>,
    table: Arc<Table>,
}

impl Busy {
    fn new(conn: Arc<Conn>, table: Arc<Table>) -> Busy {
        conn.busy.fetch_add(1, Ordering::Relaxed);
        conn.touch(&table);
        Busy { conn, table }
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.conn.touch(&self.table);
        self.conn.busy.fetch_sub(1, Ordering::Relaxed);
    }
}

/// An answer's body that keeps its connection busy until it is sent, and records progress.
struct Tracked {
    inner: Body,
    busy: Option<Busy>,
}

impl http_body::Body for Tracked {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, axum::Error>>> {
        let this = &mut *self;
        let polled = Pin::new(&mut this.inner).poll_frame(cx);
        match &polled {
            Poll::Ready(Some(Ok(_))) => {
                if let Some(b) = &this.busy {
                    b.conn.touch(&b.table);
                }
            }
            Poll::Ready(_) => this.busy = None,
            Poll::Pending => {}
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

/// Serves `app` on `listener` within `limits` until `shutdown` becomes true; then stops
/// accepting, lets every connection finish its request and returns when all are closed.
pub async fn run(
    listener: TcpListener,
    app: axum::Router,
    limits: ConnectionLimits,
    mut shutdown: watch::Receiver<bool>,
) {
    let table = Arc::new(Table {
        limits,
        start: Instant::now(),
        open: Mutex::new(Open::default()),
    });
    let (done_tx, done_rx) = watch::channel(());
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = shutdown.wait_for(|stop| *stop) => break,
        };
        let (stream, remote) = match accepted {
            Ok(a) => a,
            Err(_) => {
                // out of file descriptors or a connection reset before accept: try again
                // shortly rather than spinning
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let Some(conn) = table.admit(remote.ip()) else {
            refuse(stream);
            continue;
        };
        let task = Connection {
            table: table.clone(),
            conn,
            remote,
            shutdown: shutdown.clone(),
            _done: done_rx.clone(),
        };
        tokio::spawn(task.serve(stream, app.clone()));
    }
    drop(done_rx);
    // every connection task holds a receiver: this resolves when the last one ends
    done_tx.closed().await;
    debug_assert_eq!(table.len(), 0);
}

/// Tells a client beyond the caps, without waiting for it, that the server is busy.
fn refuse(stream: TcpStream) {
    let _ = stream.try_write(
        b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\nretry-after: 1\r\n\r\n",
    );
}

struct Connection {
    table: Arc<Table>,
    conn: Arc<Conn>,
    remote: SocketAddr,
    shutdown: watch::Receiver<bool>,
    _done: watch::Receiver<()>,
}

impl Connection {
    async fn serve(self, stream: TcpStream, app: axum::Router) {
        let limits = self.table.limits;
        let router = TowerToHyperService::new(app);
        let (conn, table, remote) = (self.conn.clone(), self.table.clone(), self.remote);
        let service = hyper::service::service_fn(move |mut req: Request<Incoming>| {
            req.extensions_mut().insert(ConnectInfo(remote));
            let busy = Busy::new(conn.clone(), table.clone());
            let answer = router.call(req);
            async move {
                let resp: Response<Body> = answer.await?;
                Ok::<_, Infallible>(resp.map(|inner| {
                    Body::new(Tracked {
                        inner,
                        busy: Some(busy),
                    })
                }))
            }
        });
        let http = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_timeout)
            .serve_connection(TokioIo::new(stream), service);
        tokio::pin!(http);
        let mut shutdown = self.shutdown.clone();
        let mut closing = false;
        loop {
            let check = self.stall_deadline(limits.stall_timeout);
            tokio::select! {
                _ = http.as_mut() => break,
                _ = self.conn.close.notified(), if !closing => {
                    closing = true;
                    http.as_mut().graceful_shutdown();
                }
                _ = shutdown.wait_for(|stop| *stop), if !closing => {
                    closing = true;
                    http.as_mut().graceful_shutdown();
                }
                _ = tokio::time::sleep_until(check) => {
                    if self.stalled(limits.stall_timeout) {
                        break;
                    }
                }
            }
        }
        self.table.release(&self.conn);
    }

    /// When to look again whether the answer under way is stalled.
    fn stall_deadline(&self, stall: Duration) -> tokio::time::Instant {
        let last = Duration::from_millis(self.conn.last_active.load(Ordering::Relaxed));
        let at = (self.table.start + last + stall).max(Instant::now() + Duration::from_millis(100));
        tokio::time::Instant::from_std(at)
    }

    fn stalled(&self, stall: Duration) -> bool {
        let last = self.conn.last_active.load(Ordering::Relaxed);
        self.conn.busy.load(Ordering::Relaxed) > 0
            && self.table.millis().saturating_sub(last) >= stall.as_millis() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(max: usize, per_client: usize) -> Table {
        Table {
            limits: ConnectionLimits {
                max_connections: max,
                max_per_client: per_client,
                ..Default::default()
            },
            start: Instant::now(),
            open: Mutex::new(Open::default()),
        }
    }

    fn ip(last: u8) -> IpAddr {
        IpAddr::from([10, 0, 0, last])
    }

    #[test]
    fn a_newcomer_beyond_the_per_client_cap_closes_that_clients_longest_idle_connection() {
        let t = table(100, 2);
        let a1 = t.admit(ip(1)).unwrap();
        let a2 = t.admit(ip(1)).unwrap();
        a1.last_active.store(5, Ordering::Relaxed);
        a2.last_active.store(1, Ordering::Relaxed);
        let b = t.admit(ip(2)).unwrap();
        b.last_active.store(0, Ordering::Relaxed);
        let a3 = t.admit(ip(1)).expect("an idle connection makes room");
        let open = t.lock();
        assert!(
            !open.conns.contains_key(&a2.id),
            "the longest idle one of 10.0.0.1"
        );
        assert!(open.conns.contains_key(&a1.id) && open.conns.contains_key(&a3.id));
        assert!(
            open.conns.contains_key(&b.id),
            "another address is not touched"
        );
        assert_eq!(open.per_client[&ip(1)], 2);
    }

    #[test]
    fn busy_connections_are_never_closed_for_a_newcomer() {
        let t = Arc::new(table(2, 2));
        let a = t.admit(ip(1)).unwrap();
        let b = t.admit(ip(2)).unwrap();
        let _busy = (
            Busy::new(a.clone(), t.clone()),
            Busy::new(b.clone(), t.clone()),
        );
        assert!(t.admit(ip(3)).is_none(), "all busy: refused");
        drop(_busy);
        assert!(t.admit(ip(3)).is_some(), "idle again: one makes room");
        assert_eq!(t.len(), 2);
    }

    #[test]
    fn released_connections_free_their_place() {
        let t = table(1, 1);
        let a = t.admit(ip(1)).unwrap();
        t.release(&a);
        t.release(&a);
        assert_eq!(t.len(), 0);
        assert!(t.lock().per_client.is_empty());
    }
}
