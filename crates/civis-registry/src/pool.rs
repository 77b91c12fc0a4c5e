//! A small pool of database connections for the registry: up to `size` connections, opened on
//! first need and reused, each lent to one caller at a time. A caller that finds every
//! connection lent waits (on its own blocking thread) for the first one returned; pages and
//! logins then proceed side by side instead of queueing behind one mutex-guarded connection.
//!
//! The pool is synchronous: the web server calls it from `spawn_blocking`, where store work runs
//! anyway. SQLite connections wait for each other's writes through their busy timeout
//! (`civis_store::SqliteDb`); PostgreSQL serialises concurrent writers itself.

use std::ops::{Deref, DerefMut};
use std::sync::{Condvar, Mutex, MutexGuard};

use civis_store::{is_postgres_url, Db, PgDb, SqliteDb, StoreError};

/// Opens one more connection to the registry's database.
pub type Connect = Box<dyn Fn() -> Result<Box<dyn Db>, StoreError> + Send + Sync>;

/// Connections lent and idle.
struct Slots {
    idle: Vec<Box<dyn Db>>,
    /// Connections that exist (idle or lent) or are being opened.
    open: usize,
}

/// Up to `size` connections to one database.
pub struct Pool {
    connect: Connect,
    size: usize,
    slots: Mutex<Slots>,
    returned: Condvar,
}

impl Pool {
    /// A pool of at most `size` (at least 1) connections opened with `connect`. Nothing is
    /// opened until a connection is first asked for.
    pub fn new(size: usize, connect: Connect) -> Pool {
        Pool {
            connect,
            size: size.max(1),
            slots: Mutex::new(Slots {
                idle: Vec::new(),
                open: 0,
            }),
            returned: Condvar::new(),
        }
    }

    /// A pool of at most `size` connections to `database`: a PostgreSQL URL
    /// (`postgres://...`) or an SQLite file.
    pub fn for_database(database: &str, size: usize) -> Pool {
        let database = database.to_owned();
        Pool::new(
            size,
            Box::new(move || -> Result<Box<dyn Db>, StoreError> {
                Ok(if is_postgres_url(&database) {
                    Box::new(PgDb::connect(&database)?)
                } else {
                    Box::new(SqliteDb::open(std::path::Path::new(&database))?)
                })
            }),
        )
    }

    /// The largest number of connections.
    pub fn size(&self) -> usize {
        self.size
    }

    fn lock(&self) -> MutexGuard<'_, Slots> {
        self.slots.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A connection: an idle one, a new one while fewer than `size` exist, or else the first
    /// one returned. Blocks; call it where blocking is allowed.
    pub fn get(&self) -> Result<Pooled<'_>, StoreError> {
        let mut slots = self.lock();
        loop {
            if let Some(db) = slots.idle.pop() {
                return Ok(Pooled {
                    pool: self,
                    db: Some(db),
                });
            }
            if slots.open < self.size {
                slots.open += 1;
                drop(slots);
                return match (self.connect)() {
                    Ok(db) => Ok(Pooled {
                        pool: self,
                        db: Some(db),
                    }),
                    Err(e) => {
                        self.lock().open -= 1;
                        self.returned.notify_one();
                        Err(e)
                    }
                };
            }
            slots = self.returned.wait(slots).unwrap_or_else(|p| p.into_inner());
        }
    }

    fn give_back(&self, db: Box<dyn Db>) {
        self.lock().idle.push(db);
        self.returned.notify_one();
    }
}

/// A connection lent by a [`Pool`]; it goes back to the pool when dropped.
pub struct Pooled<'a> {
    pool: &'a Pool,
    db: Option<Box<dyn Db>>,
}

impl Deref for Pooled<'_> {
    type Target = dyn Db;
    fn deref(&self) -> &(dyn Db + 'static) {
        self.db
            .as_deref()
            .expect("a lent connection is present until dropped")
    }
}

impl DerefMut for Pooled<'_> {
    fn deref_mut(&mut self) -> &mut (dyn Db + 'static) {
        self.db
            .as_deref_mut()
            .expect("a lent connection is present until dropped")
    }
}

impl Drop for Pooled<'_> {
    fn drop(&mut self) {
        if let Some(db) = self.db.take() {
            self.pool.give_back(db);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    /// A pool over a SQLite file in a fresh directory, removed with the database and its
    /// `-wal`/`-shm` files when the returned guard drops.
    fn sqlite_pool(size: usize, opened: Arc<AtomicUsize>) -> (Pool, tempfile::TempDir) {
        let dir = tempfile::Builder::new()
            .prefix(&format!("civis-registry-pool-{size}-"))
            .tempdir()
            .unwrap();
        let p = dir.path().join("pool.db");
        let pool = Pool::new(
            size,
            Box::new(move || {
                opened.fetch_add(1, Ordering::SeqCst);
                Ok(Box::new(civis_store::SqliteDb::open(&p)?) as Box<dyn Db>)
            }),
        );
        (pool, dir)
    }

    #[test]
    fn connections_are_reused_and_never_more_than_size() {
        let opened = Arc::new(AtomicUsize::new(0));
        let (pool, _dir) = sqlite_pool(2, opened.clone());
        {
            let _a = pool.get().unwrap();
            let _b = pool.get().unwrap();
            assert_eq!(opened.load(Ordering::SeqCst), 2);
        }
        for _ in 0..5 {
            let _c = pool.get().unwrap();
        }
        assert_eq!(opened.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn a_caller_waits_for_a_returned_connection() {
        let opened = Arc::new(AtomicUsize::new(0));
        let (pool, _dir) = sqlite_pool(1, opened.clone());
        let pool = Arc::new(pool);
        let first = pool.get().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let p = pool.clone();
        let waiter = std::thread::spawn(move || {
            let _second = p.get().unwrap();
            tx.send(()).unwrap();
        });
        // the waiter cannot have a connection while `first` is lent
        assert!(rx.try_recv().is_err());
        drop(first);
        rx.recv().unwrap();
        waiter.join().unwrap();
        assert_eq!(opened.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn a_failed_open_frees_its_place() {
        let attempts = Arc::new(AtomicUsize::new(0));
        let a = attempts.clone();
        let pool = Pool::new(
            1,
            Box::new(move || {
                a.fetch_add(1, Ordering::SeqCst);
                civis_store::SqliteDb::open(std::path::Path::new("/nonexistent/dir/civis.db"))
                    .map(|d| Box::new(d) as Box<dyn Db>)
            }),
        );
        assert!(pool.get().is_err());
        assert!(pool.get().is_err());
        assert_eq!(attempts.load(Ordering::SeqCst), 2);
    }
}
