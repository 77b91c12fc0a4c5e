//! # civis-eurostat: Eurostat's dissemination API, kept in sync with the Civis store
//!
//! * [`client`]: one blocking HTTPS GET per table against the dissemination API
//!   (`{base}/statistics/1.0/data/{CODE}`, JSON-stat 2.0), read into a
//!   [`civis_io::cube::Dataset`] with every value and flag; offline, HTTP errors, timeouts and
//!   malformed answers each become one [`FetchError`] with a one-sentence message.
//! * [`sync`]: fetch tables, turn their cells into store observations, import only the tables
//!   whose content changed since the last sync, keep every earlier vintage, and log each sync
//!   (the table's last update and the retrieval time) in `eurostat_vintages`. All or nothing:
//!   any failure leaves the database as it was.
//!
//! The crate does no terminal output and reads no files: the `civis eurostat` command (in
//! `civis-cli`) parses arguments, prints progress and writes files.

pub mod client;
pub mod sync;

pub use client::{ApiClient, FetchError, Fetched, DEFAULT_API_BASE};
pub use sync::{sync, Event, Outcome, SyncError, TableReport, TableSpec};
