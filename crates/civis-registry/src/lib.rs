//! # civis-registry: the mutual-learning registry
//!
//! Cities asked for more than numbers: a place to find the tools, databases and instruments that
//! exist, and a way to learn from cities that faced the same problem. Practice databases (EWSI,
//! the REGIN Integration Lab, the Intercultural Cities network) keep practices apart from
//! statistics; this registry links every practice and need to a place (a geo code of the
//! geography registry) and to indicator ids of the catalogue, so that a practice page can show the
//! city's numbers next to what the city did.
//!
//! The model, bottom up:
//! - [`fields`] and [`vocab`]: validated values (links that are safe in an `href`, areas known to
//!   the geography registry, catalogue indicator ids, periods, languages) and the controlled
//!   vocabularies (policy areas, target groups, evidence levels, directory kinds, status);
//! - [`entry`]: practices, city needs, networks/projects and directory instruments, each with a
//!   form type (what people and files supply) whose validation names every bad field;
//! - [`auth`]: users and roles, the permission model as one pure function, argon2 password
//!   hashing, session and CSRF tokens, and the login lock-out policy;
//! - [`audit`]: the record of every change (who, when, before and after);
//! - [`exchange`]: import and export of the registry as JSON and CSV with line/field errors;
//! - [`directory`]: the curated seed of real European instruments (`crates/civis-registry/data/directory.toml`);
//! - [`clock`]: time, injected so that lock-outs and sessions are testable;
//! - [`matching`]: the practices and instruments that answer a city need;
//! - [`pool`]: a small pool of connections to the registry's database;
//! - [`accounts`]: creating an account outside the portal (`civis user add`).
//!
//! No HTTP and no SQL here: the store keeps entries, the portal renders them.

pub mod accounts;
pub mod audit;
pub mod auth;
pub mod clock;
pub mod directory;
pub mod entry;
pub mod error;
pub mod exchange;
pub mod fields;
pub mod matching;
pub mod pool;
pub mod repo;
pub mod vocab;

pub use clock::{Clock, ManualClock, SystemClock, Timestamp};
pub use entry::{
    Content, Entry, Instrument, InstrumentForm, Need, NeedForm, Network, NetworkForm, Practice,
    PracticeForm,
};
pub use error::{FieldError, Invalid, RegistryError};
pub use fields::{Area, Email, IndicatorId, IndicatorSet, Link, Period};
pub use vocab::{
    Access, Audience, EntryKind, Evidence, GeoLevel, InstrumentKind, NeedKind, NetworkKind,
    PolicyArea, Status,
};
