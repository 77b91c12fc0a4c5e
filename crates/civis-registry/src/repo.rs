//! The registry in the store: its migration set (`registry`), and every read and write of
//! entries, users, sessions, login attempts and the audit log, written once over
//! [`civis_store::Db`] for SQLite and PostgreSQL.
//!
//! Every write checks the permission model ([`crate::auth::allowed`]) for the acting
//! [`Actor`] and runs in one transaction together with its [`AuditRecord`], so there is no
//! change without its record and no record without its change. Reads of entries the actor may
//! not see answer [`RepoError::NotFound`], exactly as for entries that do not exist.
//!
//! Entries are kept as JSON (`content`) beside the columns that filters need (kind, status,
//! area, country, slug, title) and a tag table (`policy_areas:employment`,
//! `indicators:employment_rate`, `members:DE001C1`, ...). Full-text search uses an FTS5 table
//! on SQLite and a generated `tsvector` column with a GIN index on PostgreSQL; both index the
//! title and the entry's text with the language-neutral tokenisers (`unicode61`, `simple`), and
//! both receive the same normalised query (the words, all required).

use serde_json::{Map, Value};

use civis_store::{
    apply_migrations, in_transaction, Db, Dialect, Migration, Param, Row, StoreError,
};

use crate::audit::{AuditAction, AuditRecord, Subject};
use crate::auth::password::PasswordHashing;
use crate::auth::permission::{next_status, status_after_edit, WorkflowError};
use crate::auth::session::{Session, SessionPolicy};
use crate::auth::throttle::{Attempts, Locked, LoginPolicy, ThrottlePolicy};
use crate::auth::token::SecretToken;
use crate::auth::{allowed, Action, Role, Target, User};
use crate::clock::Timestamp;
use crate::entry::{Entry, Instrument};
use crate::error::{Invalid, RegistryError};
use crate::exchange::{Exchangeable, Imported, Item};
use crate::fields::{Area, Email};
use crate::vocab::{EntryKind, Status};

/// The name of the registry's migration set.
pub const SET: &str = "registry";

/// The registry's schema, step by step (never change a released step; add one).
pub const MIGRATIONS: &[Migration] = &[
    Migration::portable(
        1,
        "users, entries, tags, sessions, login attempts, audit",
        "CREATE TABLE reg_users (
            id {auto_id},
            email TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL,
            areas TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            active INTEGER NOT NULL,
            created_at BIGINT NOT NULL
        );
        CREATE TABLE reg_entries (
            id {auto_id},
            kind TEXT NOT NULL,
            status TEXT NOT NULL,
            area TEXT,
            country TEXT,
            slug TEXT,
            title TEXT NOT NULL,
            content TEXT NOT NULL,
            search_text TEXT NOT NULL,
            created_by BIGINT REFERENCES reg_users (id) ON DELETE SET NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            published_at BIGINT
        );
        CREATE INDEX reg_entries_kind_status ON reg_entries (kind, status);
        CREATE INDEX reg_entries_area ON reg_entries (area);
        CREATE UNIQUE INDEX reg_entries_slug ON reg_entries (kind, slug);
        CREATE TABLE reg_entry_tags (
            entry_id BIGINT NOT NULL REFERENCES reg_entries (id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (entry_id, tag)
        );
        CREATE INDEX reg_entry_tags_tag ON reg_entry_tags (tag);
        CREATE TABLE reg_sessions (
            digest TEXT PRIMARY KEY,
            user_id BIGINT REFERENCES reg_users (id) ON DELETE CASCADE,
            csrf TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            last_seen BIGINT NOT NULL
        );
        CREATE TABLE reg_login_attempts (
            throttle_key TEXT PRIMARY KEY,
            failures INTEGER NOT NULL,
            first_failure BIGINT,
            locked_until BIGINT
        );
        CREATE TABLE reg_audit (
            id {auto_id},
            at BIGINT NOT NULL,
            actor_id BIGINT,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL,
            entry_id BIGINT,
            before_json TEXT,
            after_json TEXT,
            note TEXT NOT NULL
        );
        CREATE INDEX reg_audit_entry ON reg_audit (entry_id)",
    ),
    Migration::per_dialect(
        2,
        "full-text search",
        "CREATE VIRTUAL TABLE reg_search USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0')",
        "ALTER TABLE reg_entries ADD COLUMN search tsvector
             GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || search_text)) STORED;
         CREATE INDEX reg_entries_search ON reg_entries USING GIN (search)",
    ),
    Migration::portable(
        3,
        "login lock-out per account and address, with back-off",
        // the old per-account keys locked an account for everyone: they go
        "ALTER TABLE reg_login_attempts ADD COLUMN locks INTEGER NOT NULL DEFAULT 0;
        DELETE FROM reg_login_attempts WHERE throttle_key LIKE 'email:%'",
    ),
];

/// Applies the registry's migrations; returns the schema version.
pub fn migrate(db: &mut dyn Db) -> Result<i64, StoreError> {
    apply_migrations(db, SET, MIGRATIONS)
}

/// Errors of registry operations on the store.
#[derive(Debug, thiserror::Error)]
pub enum RepoError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("not allowed")]
    Forbidden,
    #[error("no such entry")]
    NotFound,
    #[error("invalid: {0}")]
    Invalid(#[from] Invalid),
    #[error(transparent)]
    Workflow(#[from] WorkflowError),
    #[error("{0}")]
    Conflict(String),
    #[error(transparent)]
    Locked(#[from] Locked),
    #[error("unknown e-mail address or wrong password")]
    BadCredentials,
    #[error(transparent)]
    Registry(#[from] RegistryError),
    #[error("the registry data in the database is damaged: {0}")]
    Corrupt(String),
}

/// Who does something.
#[derive(Debug, Clone, Copy)]
pub enum Actor<'a> {
    Anonymous,
    User(&'a User),
    /// The command line and seeding: allowed everything, recorded as `cli`.
    System,
}

impl Actor<'_> {
    pub fn user(&self) -> Option<&User> {
        match self {
            Actor::User(u) => Some(u),
            _ => None,
        }
    }

    /// Whether the actor may do `action` to `target` ([`allowed`], with the system allowed all).
    pub fn may(&self, action: Action, target: Target) -> bool {
        match self {
            Actor::System => true,
            Actor::User(u) => allowed(Some(u), action, target),
            Actor::Anonymous => allowed(None, action, target),
        }
    }

    fn id(&self) -> Option<i64> {
        self.user().map(|u| u.id)
    }

    fn label(&self) -> String {
        match self {
            Actor::Anonymous => "anonymous".into(),
            Actor::User(u) => u.email.to_string(),
            Actor::System => "cli".into(),
        }
    }

    fn is_staff(&self) -> bool {
        match self {
            Actor::System => true,
            Actor::User(u) => u.active && u.role >= Role::Moderator,
            Actor::Anonymous => false,
        }
    }
}

fn corrupt(what: impl std::fmt::Display) -> RepoError {
    RepoError::Corrupt(what.to_string())
}

/// Writes an audit record.
pub fn record(db: &mut dyn Db, r: &AuditRecord) -> Result<(), RepoError> {
    let subject = serde_json::to_string(&r.subject).map_err(corrupt)?;
    let entry_id = match r.subject {
        Subject::Entry { id, .. } => Some(id),
        _ => None,
    };
    let before = r.before.as_ref().map(Value::to_string);
    let after = r.after.as_ref().map(Value::to_string);
    db.execute(
        "INSERT INTO reg_audit (at, actor_id, actor, action, subject, entry_id, before_json, after_json, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &[
            r.at.0.into(),
            r.actor_id.into(),
            r.actor.as_str().into(),
            r.action.code().into(),
            subject.as_str().into(),
            entry_id.into(),
            before.as_ref().into(),
            after.as_ref().into(),
            r.note.as_str().into(),
        ],
    )?;
    Ok(())
}

fn audit(
    db: &mut dyn Db,
    actor: &Actor<'_>,
    action: AuditAction,
    subject: Subject,
    (before, after): (Option<Value>, Option<Value>),
    note: &str,
    now: Timestamp,
) -> Result<(), RepoError> {
    record(
        db,
        &AuditRecord {
            at: now,
            actor_id: actor.id(),
            actor: actor.label(),
            action,
            subject,
            before,
            after,
            note: note.to_owned(),
        },
    )
}

// ---------------------------------------------------------------------------------------------
// Entries

/// An entry as stored, of any kind: what lists and search results show.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEntry {
    pub id: i64,
    pub kind: EntryKind,
    pub status: Status,
    pub area: Option<Area>,
    pub title: String,
    pub content: Value,
    pub created_by: Option<i64>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub published_at: Option<Timestamp>,
}

impl StoredEntry {
    fn target(&self) -> Target {
        Target::Entry {
            kind: self.kind,
            area: self.area,
            status: self.status,
        }
    }

    /// The typed entry (`None` if it is of another kind).
    pub fn typed<T: Exchangeable + serde::de::DeserializeOwned>(
        &self,
    ) -> Result<Option<Entry<T>>, RepoError> {
        if self.kind != T::KIND {
            return Ok(None);
        }
        let content: T = serde_json::from_value(self.content.clone())
            .map_err(|e| corrupt(format!("entry {}: {e}", self.id)))?;
        Ok(Some(Entry {
            id: self.id,
            status: self.status,
            created_by: self.created_by,
            created_at: self.created_at,
            updated_at: self.updated_at,
            published_at: self.published_at,
            content,
        }))
    }

    /// The entry as the audit log keeps it: status, times and content.
    fn audit_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("id".into(), self.id.into());
        m.insert("kind".into(), self.kind.code().into());
        m.insert("status".into(), self.status.code().into());
        m.insert("updated_at".into(), self.updated_at.0.into());
        m.insert("published_at".into(), self.published_at.map(|t| t.0).into());
        if let Value::Object(c) = &self.content {
            m.extend(c.clone());
        }
        Value::Object(m)
    }
}

const ENTRY_COLUMNS: &str = "e.id, e.kind, e.status, e.area, e.title, e.content, e.created_by, e.created_at, e.updated_at, e.published_at";

fn stored_entry(row: &Row) -> Result<StoredEntry, RepoError> {
    let kind = EntryKind::parse(row.text(1)?).map_err(corrupt)?;
    let status = Status::parse(row.text(2)?).map_err(corrupt)?;
    let area = match row.opt_text(3)? {
        Some(a) => Some(Area::parse(a).map_err(corrupt)?),
        None => None,
    };
    Ok(StoredEntry {
        id: row.int(0)?,
        kind,
        status,
        area,
        title: row.text(4)?.to_owned(),
        content: serde_json::from_str(row.text(5)?).map_err(corrupt)?,
        created_by: row.opt_int(6)?,
        created_at: Timestamp(row.int(7)?),
        updated_at: Timestamp(row.int(8)?),
        published_at: row.opt_int(9)?.map(Timestamp),
    })
}

fn load(db: &mut dyn Db, id: i64) -> Result<Option<StoredEntry>, RepoError> {
    let sql = format!("SELECT {ENTRY_COLUMNS} FROM reg_entries e WHERE e.id = $1");
    db.query_opt(&sql, &[id.into()])?
        .map(|r| stored_entry(&r))
        .transpose()
}

/// Any entry the actor may read.
pub fn entry(db: &mut dyn Db, actor: &Actor<'_>, id: i64) -> Result<StoredEntry, RepoError> {
    match load(db, id)? {
        Some(e) if actor.may(Action::Read, e.target()) => Ok(e),
        _ => Err(RepoError::NotFound),
    }
}

/// A typed entry the actor may read; `NotFound` also for an entry of another kind.
pub fn get<T>(db: &mut dyn Db, actor: &Actor<'_>, id: i64) -> Result<Entry<T>, RepoError>
where
    T: Exchangeable + serde::de::DeserializeOwned,
{
    entry(db, actor, id)?.typed()?.ok_or(RepoError::NotFound)
}

/// An instrument of the directory by its slug (published ones for readers who are not staff).
pub fn instrument_by_slug(
    db: &mut dyn Db,
    actor: &Actor<'_>,
    slug: &str,
) -> Result<Entry<Instrument>, RepoError> {
    let row = db.query_opt(
        "SELECT id FROM reg_entries WHERE kind = 'instrument' AND slug = $1",
        &[slug.into()],
    )?;
    match row {
        Some(r) => get(db, actor, r.int(0)?),
        None => Err(RepoError::NotFound),
    }
}

/// The tags an entry is filtered by: `<field>:<code>` for its list and code fields.
fn tags<T: Exchangeable>(content: &T) -> Vec<String> {
    const TAGGED: &[&str] = &[
        "policy_areas",
        "target_groups",
        "indicators",
        "members",
        "kind",
        "geography",
        "access",
        "evidence",
        "language",
    ];
    let mut out = Vec::new();
    if let Ok(Value::Object(form)) = serde_json::to_value(content.form()) {
        for f in TAGGED {
            match form.get(*f) {
                Some(Value::String(s)) if !s.is_empty() => out.push(format!("{f}:{s}")),
                Some(Value::Array(a)) => out.extend(
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(|s| format!("{f}:{s}")),
                ),
                _ => {}
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

fn slug_of<T: Exchangeable>(content: &T) -> Option<String> {
    match serde_json::to_value(content.form()) {
        Ok(Value::Object(m)) => m.get("slug").and_then(Value::as_str).map(str::to_owned),
        _ => None,
    }
}

/// Rewrites the tags and the search index of an entry.
fn index<T: Exchangeable>(db: &mut dyn Db, id: i64, content: &T) -> Result<(), RepoError> {
    db.execute(
        "DELETE FROM reg_entry_tags WHERE entry_id = $1",
        &[id.into()],
    )?;
    for t in tags(content) {
        db.execute(
            "INSERT INTO reg_entry_tags (entry_id, tag) VALUES ($1, $2)",
            &[id.into(), t.as_str().into()],
        )?;
    }
    if db.dialect() == Dialect::Sqlite {
        db.execute("DELETE FROM reg_search WHERE rowid = $1", &[id.into()])?;
        db.execute(
            "INSERT INTO reg_search (rowid, title, body) VALUES ($1, $2, $3)",
            &[
                id.into(),
                content.title().into(),
                content.search_text().as_str().into(),
            ],
        )?;
    }
    Ok(())
}

fn content_json<T: Exchangeable>(content: &T) -> Result<String, RepoError> {
    serde_json::to_string(content).map_err(corrupt)
}

fn slug_conflict(
    db: &mut dyn Db,
    kind: EntryKind,
    slug: &Option<String>,
    except: i64,
) -> Result<(), RepoError> {
    if let Some(s) = slug {
        let taken = db
            .query_opt(
                "SELECT id FROM reg_entries WHERE kind = $1 AND slug = $2 AND id <> $3",
                &[kind.code().into(), s.as_str().into(), except.into()],
            )?
            .is_some();
        if taken {
            return Err(RepoError::Conflict(format!("the slug `{s}` is taken")));
        }
    }
    Ok(())
}

/// Creates an entry with `status` (editors create drafts; submitting or publishing at once
/// needs the permission to do so). Returns the stored entry.
pub fn create<T>(
    db: &mut dyn Db,
    actor: &Actor<'_>,
    content: T,
    status: Status,
    now: Timestamp,
) -> Result<Entry<T>, RepoError>
where
    T: Exchangeable + serde::de::DeserializeOwned,
{
    let target = |s| Target::Entry {
        kind: T::KIND,
        area: content.area(),
        status: s,
    };
    let needed = match status {
        Status::Draft => Action::Create,
        Status::Submitted => Action::Submit,
        Status::Published => Action::Publish,
    };
    if !actor.may(Action::Create, target(Status::Draft)) || !actor.may(needed, target(status)) {
        return Err(RepoError::Forbidden);
    }
    let slug = slug_of(&content);
    let json = content_json(&content)?;
    let area = content.area().map(|a| a.to_string());
    let country = content.area().map(|a| a.country());
    let search_text = content.search_text();
    let published_at = (status == Status::Published).then_some(now.0);
    in_transaction(db, |db| {
        slug_conflict(db, T::KIND, &slug, -1).map_err(to_store)?;
        let id = db
            .query_one(
                "INSERT INTO reg_entries (kind, status, area, country, slug, title, content, search_text, created_by, created_at, updated_at, published_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11) RETURNING id",
                &[
                    T::KIND.code().into(),
                    status.code().into(),
                    area.as_ref().into(),
                    country.as_ref().into(),
                    slug.as_ref().into(),
                    content.title().into(),
                    json.as_str().into(),
                    search_text.as_str().into(),
                    actor.id().into(),
                    now.0.into(),
                    published_at.into(),
                ],
            )?
            .int(0)?;
        index(db, id, &content).map_err(to_store)?;
        let stored = load(db, id)
            .map_err(to_store)?
            .ok_or_else(|| StoreError::Invalid("inserted entry vanished".into()))?;
        let subject = Subject::Entry { kind: T::KIND, id };
        let change = (None, Some(stored.audit_json()));
        audit(db, actor, AuditAction::Create, subject, change, "", now).map_err(to_store)?;
        Ok(id)
    })
    .map_err(from_store)
    .and_then(|id| get(db, actor_after_write(actor), id))
}

/// Entries just written are read back as the system: an editor who created a draft may read it
/// anyway, and a published entry is readable by all.
fn actor_after_write<'a>(_: &Actor<'a>) -> &'static Actor<'static> {
    &Actor::System
}

// Errors that are not store errors travel through `in_transaction` (which speaks StoreError)
// wrapped, and are unwrapped after it.
thread_local! {
    static PENDING: std::cell::RefCell<Option<RepoError>> = const { std::cell::RefCell::new(None) };
}

fn to_store(e: RepoError) -> StoreError {
    match e {
        RepoError::Store(s) => s,
        other => {
            PENDING.with(|p| *p.borrow_mut() = Some(other));
            StoreError::Invalid("registry operation refused".into())
        }
    }
}

fn from_store(e: StoreError) -> RepoError {
    PENDING
        .with(|p| p.borrow_mut().take())
        .unwrap_or(RepoError::Store(e))
}

/// Replaces an entry's content. The actor must be allowed to edit the entry where it is and
/// where the new content puts it. An editor's edit of a published entry sends it back to review.
pub fn update<T>(
    db: &mut dyn Db,
    actor: &Actor<'_>,
    id: i64,
    content: T,
    now: Timestamp,
) -> Result<Entry<T>, RepoError>
where
    T: Exchangeable + serde::de::DeserializeOwned,
{
    let before = entry(db, actor, id)?;
    if before.kind != T::KIND {
        return Err(RepoError::NotFound);
    }
    let new_target = Target::Entry {
        kind: T::KIND,
        area: content.area(),
        status: before.status,
    };
    if !actor.may(Action::Edit, before.target()) || !actor.may(Action::Edit, new_target) {
        return Err(RepoError::Forbidden);
    }
    let status = match actor.user() {
        Some(u) => status_after_edit(u.role, before.status),
        None => before.status,
    };
    let published_at = if status == Status::Published {
        before.published_at.map(|t| t.0)
    } else {
        None
    };
    let slug = slug_of(&content);
    let json = content_json(&content)?;
    let area = content.area().map(|a| a.to_string());
    let country = content.area().map(|a| a.country());
    let search_text = content.search_text();
    in_transaction(db, |db| {
        slug_conflict(db, T::KIND, &slug, id).map_err(to_store)?;
        db.execute(
            "UPDATE reg_entries SET status = $2, area = $3, country = $4, slug = $5, title = $6, content = $7,
                 search_text = $8, updated_at = $9, published_at = $10 WHERE id = $1",
            &[
                id.into(),
                status.code().into(),
                area.as_ref().into(),
                country.as_ref().into(),
                slug.as_ref().into(),
                content.title().into(),
                json.as_str().into(),
                search_text.as_str().into(),
                now.0.into(),
                published_at.into(),
            ],
        )?;
        index(db, id, &content).map_err(to_store)?;
        let after = load(db, id)
            .map_err(to_store)?
            .ok_or_else(|| StoreError::Invalid("updated entry vanished".into()))?;
        let subject = Subject::Entry { kind: T::KIND, id };
        let change = (Some(before.audit_json()), Some(after.audit_json()));
        audit(db, actor, AuditAction::Edit, subject, change, "", now).map_err(to_store)?;
        Ok(())
    })
    .map_err(from_store)?;
    get(db, actor_after_write(actor), id)
}

/// Submits, publishes or rejects an entry (with an optional note for the audit log and the
/// author).
pub fn transition(
    db: &mut dyn Db,
    actor: &Actor<'_>,
    id: i64,
    action: Action,
    note: &str,
    now: Timestamp,
) -> Result<StoredEntry, RepoError> {
    let audit_action = match action {
        Action::Submit => AuditAction::Submit,
        Action::Publish => AuditAction::Publish,
        Action::Reject => AuditAction::Reject,
        _ => return Err(RepoError::Forbidden),
    };
    let before = entry(db, actor, id)?;
    if !actor.may(action, before.target()) {
        return Err(RepoError::Forbidden);
    }
    let status = next_status(before.status, action)?;
    let published_at = match status {
        Status::Published => Some(now.0),
        _ => None,
    };
    in_transaction(db, |db| {
        db.execute(
            "UPDATE reg_entries SET status = $2, published_at = $3, updated_at = $4 WHERE id = $1",
            &[
                id.into(),
                status.code().into(),
                published_at.into(),
                now.0.into(),
            ],
        )?;
        let after = load(db, id)
            .map_err(to_store)?
            .ok_or_else(|| StoreError::Invalid("entry vanished".into()))?;
        audit(
            db,
            actor,
            audit_action,
            Subject::Entry {
                kind: before.kind,
                id,
            },
            (Some(before.audit_json()), Some(after.audit_json())),
            note,
            now,
        )
        .map_err(to_store)?;
        Ok(after)
    })
    .map_err(from_store)
}

/// Deletes an entry; the audit log keeps its last content.
pub fn delete(
    db: &mut dyn Db,
    actor: &Actor<'_>,
    id: i64,
    now: Timestamp,
) -> Result<(), RepoError> {
    let before = entry(db, actor, id)?;
    if !actor.may(Action::Delete, before.target()) {
        return Err(RepoError::Forbidden);
    }
    in_transaction(db, |db| {
        if db.dialect() == Dialect::Sqlite {
            db.execute("DELETE FROM reg_search WHERE rowid = $1", &[id.into()])?;
        }
        db.execute("DELETE FROM reg_entries WHERE id = $1", &[id.into()])?;
        audit(
            db,
            actor,
            AuditAction::Delete,
            Subject::Entry {
                kind: before.kind,
                id,
            },
            (Some(before.audit_json()), None),
            "",
            now,
        )
        .map_err(to_store)
    })
    .map_err(from_store)
}

/// What to list or search.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    pub kind: Option<EntryKind>,
    /// Words that must all occur (title or text).
    pub text: Option<String>,
    /// The area or anything inside it (a country covers its regions and cities).
    pub area: Option<Area>,
    pub status: Option<Status>,
    /// Tags that must all be present, as `field:code` (`policy_areas:employment`).
    pub tags: Vec<String>,
    /// At most this many results (0 = 200).
    pub limit: usize,
    pub offset: usize,
}

/// The words of a search text, for both databases' query syntax: letters and digits only.
pub fn search_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .take(16)
        .collect()
}

/// Entries matching a query that the actor may read, best match first for a text search,
/// most recently changed first otherwise.
pub fn search(
    db: &mut dyn Db,
    actor: &Actor<'_>,
    q: &Query,
) -> Result<Vec<StoredEntry>, RepoError> {
    let mut sql = format!("SELECT {ENTRY_COLUMNS} FROM reg_entries e");
    let mut cond: Vec<String> = Vec::new();
    let mut params: Vec<String> = Vec::new();
    let mut ints: Vec<(usize, i64)> = Vec::new();
    let next = |params: &mut Vec<String>, v: String| {
        params.push(v);
        format!("${}", params.len())
    };
    let words = q.text.as_deref().map(search_words).unwrap_or_default();
    let mut order = "e.updated_at DESC, e.id DESC".to_string();
    if !words.is_empty() {
        match db.dialect() {
            Dialect::Sqlite => {
                let m = words
                    .iter()
                    .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
                    .collect::<Vec<_>>()
                    .join(" ");
                let p = next(&mut params, m);
                sql.push_str(" JOIN reg_search s ON s.rowid = e.id");
                cond.push(format!("reg_search MATCH {p}"));
                order = "s.rank, e.id DESC".into();
            }
            Dialect::Postgres => {
                let p = next(&mut params, words.join(" "));
                cond.push(format!("e.search @@ plainto_tsquery('simple', {p})"));
                order =
                    format!("ts_rank(e.search, plainto_tsquery('simple', {p})) DESC, e.id DESC");
            }
        }
    }
    if let Some(k) = q.kind {
        let p = next(&mut params, k.code().into());
        cond.push(format!("e.kind = {p}"));
    }
    if let Some(s) = q.status {
        let p = next(&mut params, s.code().into());
        cond.push(format!("e.status = {p}"));
    }
    if !actor.is_staff() && q.status.is_none() {
        // candidates: published, or (for editors) drafts of their places; `allowed` decides below
        match actor.user().filter(|u| u.active) {
            Some(u) if !u.areas.is_empty() => {
                let mut alt = vec!["e.status = 'published'".to_string()];
                for a in &u.areas {
                    let p = next(&mut params, format!("{a}%"));
                    alt.push(format!("e.area LIKE {p}"));
                }
                cond.push(format!("({})", alt.join(" OR ")));
            }
            _ => cond.push("e.status = 'published'".into()),
        }
    }
    if let Some(a) = q.area {
        let p1 = next(&mut params, a.to_string());
        let p2 = next(&mut params, format!("{a}%"));
        cond.push(format!("(e.area = {p1} OR e.area LIKE {p2})"));
    }
    for t in &q.tags {
        let p = next(&mut params, t.clone());
        cond.push(format!(
            "EXISTS (SELECT 1 FROM reg_entry_tags t WHERE t.entry_id = e.id AND t.tag = {p})"
        ));
    }
    if !cond.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&cond.join(" AND "));
    }
    let limit = if q.limit == 0 { 200 } else { q.limit.min(1000) };
    ints.push((params.len() + 1, limit as i64));
    ints.push((params.len() + 2, q.offset as i64));
    sql.push_str(&format!(
        " ORDER BY {order} LIMIT ${} OFFSET ${}",
        params.len() + 1,
        params.len() + 2
    ));
    let mut bound: Vec<Param<'_>> = params.iter().map(|s| Param::Text(s)).collect();
    bound.extend(ints.iter().map(|(_, v)| Param::Int(*v)));
    let rows = db.query(&sql, &bound)?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let e = stored_entry(r)?;
        if actor.may(Action::Read, e.target()) {
            // a LIKE prefix match may be wider than the place; the permission model decides
            if q.area
                .is_none_or(|a| e.area.is_some_and(|x| x.is_within(&a)))
            {
                out.push(e);
            }
        }
    }
    Ok(out)
}

/// Typed entries of one kind matching a query.
pub fn list<T>(db: &mut dyn Db, actor: &Actor<'_>, q: &Query) -> Result<Vec<Entry<T>>, RepoError>
where
    T: Exchangeable + serde::de::DeserializeOwned,
{
    let q = Query {
        kind: Some(T::KIND),
        ..q.clone()
    };
    search(db, actor, &q)?
        .iter()
        .filter_map(|e| e.typed().transpose())
        .collect()
}

/// Entries waiting for a moderator: submitted ones, oldest first.
pub fn moderation_queue(db: &mut dyn Db, actor: &Actor<'_>) -> Result<Vec<StoredEntry>, RepoError> {
    if !actor.is_staff() {
        return Err(RepoError::Forbidden);
    }
    let mut v = search(
        db,
        actor,
        &Query {
            status: Some(Status::Submitted),
            limit: 1000,
            ..Default::default()
        },
    )?;
    v.sort_by_key(|e| (e.updated_at, e.id));
    Ok(v)
}

/// Imports validated items in one transaction: all or nothing. Items keep the status the file
/// gave them when the actor may publish, else they arrive as drafts; `default` applies to items
/// without a status. Returns the number of entries created.
pub fn import(
    db: &mut dyn Db,
    actor: &Actor<'_>,
    items: Imported,
    default: Status,
    file: &str,
    now: Timestamp,
) -> Result<usize, RepoError> {
    if !actor.may(Action::Create, Target::Import) {
        return Err(RepoError::Forbidden);
    }
    let n = items.len();
    fn each<T: Exchangeable + serde::de::DeserializeOwned>(
        db: &mut dyn Db,
        actor: &Actor<'_>,
        v: Vec<Item<T>>,
        default: Status,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        for it in v {
            create(db, actor, it.content, it.status.unwrap_or(default), now).map_err(to_store)?;
        }
        Ok(())
    }
    in_transaction(db, |db| {
        each(db, actor, items.practices, default, now)?;
        each(db, actor, items.needs, default, now)?;
        each(db, actor, items.networks, default, now)?;
        each(db, actor, items.instruments, default, now)?;
        audit(
            db,
            actor,
            AuditAction::Import,
            Subject::Import {
                file: file.to_owned(),
            },
            (None, Some(serde_json::json!({ "entries": n }))),
            "",
            now,
        )
        .map_err(to_store)
    })
    .map_err(from_store)?;
    Ok(n)
}

/// Adds the instruments of the curated directory that the database does not have yet (by
/// slug), published. Returns how many were added.
pub fn seed_directory(
    db: &mut dyn Db,
    instruments: Vec<Instrument>,
    now: Timestamp,
) -> Result<usize, RepoError> {
    let mut added = 0;
    for ins in instruments {
        let exists = db
            .query_opt(
                "SELECT 1 FROM reg_entries WHERE kind = 'instrument' AND slug = $1",
                &[ins.slug.as_str().into()],
            )?
            .is_some();
        if !exists {
            create(db, &Actor::System, ins, Status::Published, now)?;
            added += 1;
        }
    }
    Ok(added)
}

// ---------------------------------------------------------------------------------------------
// Users

fn user_row(row: &Row) -> Result<User, RepoError> {
    let areas = row
        .text(3)?
        .split_whitespace()
        .map(Area::parse)
        .collect::<Result<Vec<_>, _>>()
        .map_err(corrupt)?;
    Ok(User {
        id: row.int(0)?,
        email: Email::parse(row.text(1)?).map_err(corrupt)?,
        role: Role::parse(row.text(2)?).map_err(corrupt)?,
        areas,
        active: row.bool(4)?,
    })
}

const USER_COLUMNS: &str = "id, email, role, areas, active";

fn user_json(u: &User) -> Value {
    serde_json::json!({
        "email": u.email.as_str(),
        "role": u.role.code(),
        "areas": u.areas.iter().map(|a| a.to_string()).collect::<Vec<_>>(),
        "active": u.active,
    })
}

fn areas_text(areas: &[Area]) -> String {
    areas
        .iter()
        .map(|a| a.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A user by id.
pub fn user(db: &mut dyn Db, id: i64) -> Result<Option<User>, RepoError> {
    db.query_opt(
        &format!("SELECT {USER_COLUMNS} FROM reg_users WHERE id = $1"),
        &[id.into()],
    )?
    .map(|r| user_row(&r))
    .transpose()
}

/// A user and the stored password hash, by e-mail address.
pub fn user_by_email(db: &mut dyn Db, email: &Email) -> Result<Option<(User, String)>, RepoError> {
    db.query_opt(
        &format!("SELECT {USER_COLUMNS}, password_hash FROM reg_users WHERE email = $1"),
        &[email.as_str().into()],
    )?
    .map(|r| Ok((user_row(&r)?, r.text(5)?.to_owned())))
    .transpose()
}

/// Every user (admins only), by e-mail.
pub fn users(db: &mut dyn Db, actor: &Actor<'_>) -> Result<Vec<User>, RepoError> {
    if !actor.may(Action::Read, Target::Users) {
        return Err(RepoError::Forbidden);
    }
    db.query(
        &format!("SELECT {USER_COLUMNS} FROM reg_users ORDER BY email"),
        &[],
    )?
    .iter()
    .map(user_row)
    .collect()
}

/// Creates an account with a password hash made by [`PasswordHashing::hash`].
pub fn create_user(
    db: &mut dyn Db,
    actor: &Actor<'_>,
    email: &Email,
    role: Role,
    areas: &[Area],
    password_hash: &str,
    now: Timestamp,
) -> Result<User, RepoError> {
    if !actor.may(Action::Create, Target::Users) {
        return Err(RepoError::Forbidden);
    }
    if role == Role::Editor && areas.is_empty() {
        return Err(RepoError::Invalid(Invalid(vec![
            crate::error::FieldError::new("areas", "an editor needs at least one city or area"),
        ])));
    }
    if user_by_email(db, email)?.is_some() {
        return Err(RepoError::Conflict(format!(
            "a user {email} exists already"
        )));
    }
    let areas_t = areas_text(areas);
    in_transaction(db, |db| {
        let id = db
            .query_one(
                "INSERT INTO reg_users (email, role, areas, password_hash, active, created_at)
                 VALUES ($1, $2, $3, $4, 1, $5) RETURNING id",
                &[
                    email.as_str().into(),
                    role.code().into(),
                    areas_t.as_str().into(),
                    password_hash.into(),
                    now.0.into(),
                ],
            )?
            .int(0)?;
        let u = user(db, id)
            .map_err(to_store)?
            .ok_or_else(|| StoreError::Invalid("user vanished".into()))?;
        audit(
            db,
            actor,
            AuditAction::UserCreate,
            Subject::User { id },
            (None, Some(user_json(&u))),
            "",
            now,
        )
        .map_err(to_store)?;
        Ok(u)
    })
    .map_err(from_store)
}

/// Changes a user's role, places and whether the account is active (admins only). Ending an
/// account's activity ends its sessions.
pub fn update_user(
    db: &mut dyn Db,
    actor: &Actor<'_>,
    id: i64,
    role: Role,
    areas: &[Area],
    active: bool,
    now: Timestamp,
) -> Result<User, RepoError> {
    if !actor.may(Action::Edit, Target::Users) {
        return Err(RepoError::Forbidden);
    }
    let before = user(db, id)?.ok_or(RepoError::NotFound)?;
    let areas_t = areas_text(areas);
    in_transaction(db, |db| {
        db.execute(
            "UPDATE reg_users SET role = $2, areas = $3, active = $4 WHERE id = $1",
            &[
                id.into(),
                role.code().into(),
                areas_t.as_str().into(),
                active.into(),
            ],
        )?;
        if !active {
            db.execute("DELETE FROM reg_sessions WHERE user_id = $1", &[id.into()])?;
        }
        let after = user(db, id)
            .map_err(to_store)?
            .ok_or_else(|| StoreError::Invalid("user vanished".into()))?;
        audit(
            db,
            actor,
            AuditAction::UserEdit,
            Subject::User { id },
            (Some(user_json(&before)), Some(user_json(&after))),
            "",
            now,
        )
        .map_err(to_store)?;
        Ok(after)
    })
    .map_err(from_store)
}

/// Sets a new password hash (admins, or the command line); ends the user's sessions.
pub fn set_password(
    db: &mut dyn Db,
    actor: &Actor<'_>,
    id: i64,
    password_hash: &str,
    now: Timestamp,
) -> Result<(), RepoError> {
    if !actor.may(Action::Edit, Target::Users) {
        return Err(RepoError::Forbidden);
    }
    in_transaction(db, |db| {
        let n = db.execute(
            "UPDATE reg_users SET password_hash = $2 WHERE id = $1",
            &[id.into(), password_hash.into()],
        )?;
        if n == 0 {
            return Err(to_store(RepoError::NotFound));
        }
        db.execute("DELETE FROM reg_sessions WHERE user_id = $1", &[id.into()])?;
        audit(
            db,
            actor,
            AuditAction::UserEdit,
            Subject::User { id },
            (None, None),
            "password changed",
            now,
        )
        .map_err(to_store)
    })
    .map_err(from_store)
}

// ---------------------------------------------------------------------------------------------
// Login, lock-out and sessions

fn attempts(db: &mut dyn Db, key: &str) -> Result<Attempts, RepoError> {
    Ok(match db.query_opt(
        "SELECT failures, first_failure, locked_until, locks FROM reg_login_attempts WHERE throttle_key = $1",
        &[key.into()],
    )? {
        Some(r) => Attempts {
            failures: u32::try_from(r.int(0)?).unwrap_or(u32::MAX),
            first_failure: r.opt_int(1)?.map(Timestamp),
            locked_until: r.opt_int(2)?.map(Timestamp),
            locks: u32::try_from(r.int(3)?).unwrap_or(u32::MAX),
        },
        None => Attempts::default(),
    })
}

fn save_attempts(db: &mut dyn Db, key: &str, a: &Attempts) -> Result<(), RepoError> {
    db.execute(
        "INSERT INTO reg_login_attempts (throttle_key, failures, first_failure, locked_until, locks) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (throttle_key) DO UPDATE SET failures = $2, first_failure = $3, locked_until = $4, locks = $5",
        &[
            key.into(),
            i64::from(a.failures).into(),
            a.first_failure.map(|t| t.0).into(),
            a.locked_until.map(|t| t.0).into(),
            i64::from(a.locks).into(),
        ],
    )?;
    Ok(())
}

/// A PHC hash of a password nobody has, verified when the e-mail address is unknown so that
/// the answer takes as long as for a known one.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$2Q7sPNAVoHZtRGXe/9mHm4jTrK5GoS6ybNsChfpfXfE";

/// A login under way: the lock-outs were checked and the account looked up
/// ([`begin_login`]); the password is verified against [`LoginAttempt::hash`] without holding
/// the database, then [`finish_login`] records the outcome.
#[derive(Debug, Clone)]
pub struct LoginAttempt {
    /// The throttle keys with their policies: (account, client) and the client alone.
    keys: Vec<(String, ThrottlePolicy)>,
    /// The e-mail address as typed, trimmed, lower case, at most 254 characters.
    who: String,
    client: String,
    user: Option<User>,
    hash: String,
}

impl LoginAttempt {
    /// The stored hash to verify the password against (a dummy one for an unknown address,
    /// so that the answer takes as long).
    pub fn hash(&self) -> &str {
        &self.hash
    }
}

/// First step of a login: refuses at once (without looking at the password) while the account
/// is locked for this client or the client is locked, and looks the account up. `client`
/// identifies the client (its IP address); an unknown client (empty) is throttled per account
/// only: one shared key would let anybody lock everybody out.
pub fn begin_login(
    db: &mut dyn Db,
    email: &str,
    client: &str,
    policy: &LoginPolicy,
    now: Timestamp,
) -> Result<LoginAttempt, RepoError> {
    let who: String = email.trim().to_lowercase().chars().take(254).collect();
    let mut keys = vec![(format!("account:{who} client:{client}"), policy.account)];
    if !client.is_empty() {
        keys.push((format!("client:{client}"), policy.client));
    }
    for (k, _) in &keys {
        attempts(db, k)?.check(now)?;
    }
    let found = match Email::parse(email) {
        Ok(e) => user_by_email(db, &e)?,
        Err(_) => None,
    };
    let (user, hash) = match found {
        Some((u, h)) => (Some(u), h),
        None => (None, DUMMY_HASH.to_owned()),
    };
    Ok(LoginAttempt {
        keys,
        who,
        client: client.to_owned(),
        user,
        hash,
    })
}

/// Last step of a login: `verified` says whether the password matched
/// [`LoginAttempt::hash`]. A lock set meanwhile by concurrent attempts wins (the outcome of
/// this guess is not revealed); otherwise a success clears the throttle keys and a failure
/// counts against both. Every attempt is in the audit log.
pub fn finish_login(
    db: &mut dyn Db,
    attempt: LoginAttempt,
    verified: bool,
    now: Timestamp,
) -> Result<User, RepoError> {
    for (k, _) in &attempt.keys {
        attempts(db, k)?.check(now)?;
    }
    match attempt.user {
        Some(user) if verified && user.active => {
            in_transaction(db, |db| {
                for (k, _) in &attempt.keys {
                    db.execute(
                        "DELETE FROM reg_login_attempts WHERE throttle_key = $1",
                        &[k.as_str().into()],
                    )?;
                }
                audit(
                    db,
                    &Actor::User(&user),
                    AuditAction::Login,
                    Subject::User { id: user.id },
                    (None, None),
                    "",
                    now,
                )
                .map_err(to_store)
            })
            .map_err(from_store)?;
            Ok(user)
        }
        user => {
            in_transaction(db, |db| {
                for (k, p) in &attempt.keys {
                    let mut a = attempts(db, k).map_err(to_store)?;
                    a.fail(now, p);
                    save_attempts(db, k, &a).map_err(to_store)?;
                }
                record(
                    db,
                    &AuditRecord {
                        at: now,
                        actor_id: None,
                        actor: attempt.who.clone(),
                        action: AuditAction::LoginFailed,
                        subject: Subject::User {
                            id: user.as_ref().map(|u| u.id).unwrap_or(0),
                        },
                        before: None,
                        after: None,
                        note: format!("client {}", attempt.client),
                    },
                )
                .map_err(to_store)
            })
            .map_err(from_store)?;
            Err(RepoError::BadCredentials)
        }
    }
}

/// [`begin_login`], the password check and [`finish_login`] in one call, holding `db`
/// throughout (the command line and tests; the portal verifies between the two steps without
/// holding its connection).
pub fn login(
    db: &mut dyn Db,
    hashing: &PasswordHashing,
    email: &str,
    password: &str,
    client: &str,
    policy: &LoginPolicy,
    now: Timestamp,
) -> Result<User, RepoError> {
    let attempt = begin_login(db, email, client, policy, now)?;
    let verified = hashing.verify(password, attempt.hash());
    finish_login(db, attempt, verified, now)
}

/// Starts a session (for a visitor, `user_id` None; after login, the user's id). Returns the
/// token for the client's cookie and the session as stored.
pub fn start_session(
    db: &mut dyn Db,
    user_id: Option<i64>,
    now: Timestamp,
) -> Result<(SecretToken, Session), RepoError> {
    let token = SecretToken::generate()?;
    let csrf = SecretToken::generate()?;
    let s = Session {
        digest: token.digest(),
        user_id,
        csrf: csrf.as_str().to_owned(),
        created_at: now,
        last_seen: now,
    };
    db.execute(
        "INSERT INTO reg_sessions (digest, user_id, csrf, created_at, last_seen) VALUES ($1, $2, $3, $4, $4)",
        &[s.digest.as_str().into(), user_id.into(), s.csrf.as_str().into(), now.0.into()],
    )?;
    Ok((token, s))
}

/// The live session of a token, with its user if signed in (and active). An expired session
/// is deleted. `last_seen` is refreshed at most once a minute.
pub fn session(
    db: &mut dyn Db,
    token: &SecretToken,
    policy: &SessionPolicy,
    now: Timestamp,
) -> Result<Option<(Session, Option<User>)>, RepoError> {
    let digest = token.digest();
    let Some(r) = db.query_opt(
        "SELECT digest, user_id, csrf, created_at, last_seen FROM reg_sessions WHERE digest = $1",
        &[digest.as_str().into()],
    )?
    else {
        return Ok(None);
    };
    let mut s = Session {
        digest: r.text(0)?.to_owned(),
        user_id: r.opt_int(1)?,
        csrf: r.text(2)?.to_owned(),
        created_at: Timestamp(r.int(3)?),
        last_seen: Timestamp(r.int(4)?),
    };
    if !s.is_live(now, policy) {
        db.execute(
            "DELETE FROM reg_sessions WHERE digest = $1",
            &[digest.as_str().into()],
        )?;
        return Ok(None);
    }
    if now.seconds_since(s.last_seen) >= 60 {
        db.execute(
            "UPDATE reg_sessions SET last_seen = $2 WHERE digest = $1",
            &[digest.as_str().into(), now.0.into()],
        )?;
        s.last_seen = now;
    }
    let u = match s.user_id {
        Some(id) => user(db, id)?.filter(|u| u.active),
        None => None,
    };
    Ok(Some((s, u)))
}

/// Ends a session (logout); `actor` is recorded when the session was signed in.
pub fn end_session(db: &mut dyn Db, token: &SecretToken, now: Timestamp) -> Result<(), RepoError> {
    let digest = token.digest();
    if let Some(r) = db.query_opt(
        "SELECT user_id FROM reg_sessions WHERE digest = $1",
        &[digest.as_str().into()],
    )? {
        db.execute(
            "DELETE FROM reg_sessions WHERE digest = $1",
            &[digest.as_str().into()],
        )?;
        if let Some(id) = r.opt_int(0)? {
            if let Some(u) = user(db, id)? {
                audit(
                    db,
                    &Actor::User(&u),
                    AuditAction::Logout,
                    Subject::User { id },
                    (None, None),
                    "",
                    now,
                )?;
            }
        }
    }
    Ok(())
}

/// Deletes expired sessions; returns how many.
pub fn purge_sessions(
    db: &mut dyn Db,
    policy: &SessionPolicy,
    now: Timestamp,
) -> Result<u64, RepoError> {
    Ok(db.execute(
        "DELETE FROM reg_sessions WHERE last_seen <= $1 OR created_at <= $2",
        &[
            now.plus(-policy.idle).0.into(),
            now.plus(-policy.absolute).0.into(),
        ],
    )?)
}

// ---------------------------------------------------------------------------------------------
// Audit log

/// The audit log, newest first, optionally for one entry (moderators and admins).
pub fn audit_log(
    db: &mut dyn Db,
    actor: &Actor<'_>,
    entry_id: Option<i64>,
    limit: usize,
) -> Result<Vec<AuditRecord>, RepoError> {
    if !actor.may(Action::Read, Target::AuditLog) {
        return Err(RepoError::Forbidden);
    }
    let limit = limit.clamp(1, 10_000) as i64;
    let rows = match entry_id {
        Some(id) => db.query(
            "SELECT at, actor_id, actor, action, subject, before_json, after_json, note FROM reg_audit
             WHERE entry_id = $1 ORDER BY id DESC LIMIT $2",
            &[id.into(), limit.into()],
        )?,
        None => db.query(
            "SELECT at, actor_id, actor, action, subject, before_json, after_json, note FROM reg_audit
             ORDER BY id DESC LIMIT $1",
            &[limit.into()],
        )?,
    };
    rows.iter()
        .map(|r| {
            let json = |i: usize| -> Result<Option<Value>, RepoError> {
                r.opt_text(i)?
                    .map(|t| serde_json::from_str(t).map_err(corrupt))
                    .transpose()
            };
            Ok(AuditRecord {
                at: Timestamp(r.int(0)?),
                actor_id: r.opt_int(1)?,
                actor: r.text(2)?.to_owned(),
                action: AuditAction::parse(r.text(3)?).ok_or_else(|| corrupt("audit action"))?,
                subject: serde_json::from_str(r.text(4)?).map_err(corrupt)?,
                before: json(5)?,
                after: json(6)?,
                note: r.text(7)?.to_owned(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dummy_hash_is_a_real_argon2id_hash_with_the_default_cost() {
        // a hash that failed to parse would make unknown addresses answer faster than known ones
        let parsed = argon2::password_hash::phc::PasswordHash::new(DUMMY_HASH).unwrap();
        assert_eq!(parsed.algorithm.as_str(), "argon2id");
        assert!(DUMMY_HASH.contains("m=19456,t=2,p=1"));
        assert!(!PasswordHashing::default().verify("whatever", DUMMY_HASH));
    }

    #[test]
    fn search_words_are_letters_and_digits_only() {
        assert_eq!(
            search_words("\"Job\" OR coaching* -x NEAR(a)"),
            ["job", "or", "coaching", "x", "near", "a"]
        );
        assert!(search_words("\" * - ()").is_empty());
    }
}
