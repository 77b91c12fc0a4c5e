//! The mutual-learning registry on the portal: practices, city needs, networks and the toolbox
//! directory, linked to the numbers (issue 7).
//!
//! Public pages (every one with `.json` / `.csv` twins): `/registry` (browse and full-text
//! search with filters), `/registry/practices/{id}` (the practice next to its city's linked
//! indicators with trend and interval), `/registry/needs/{id}` (a need with the practices and
//! tools that match it), `/registry/networks/{id}`, `/registry/directory` and
//! `/registry/directory/{slug}`, `/registry/like/{geo}` ("cities like yours": peer areas that
//! improved an indicator and the practices they recorded), `/registry/export.json` and
//! `/registry/export/{kind}.csv`; the API `/api/registry/search` and `/api/registry/entries/{id}`.
//!
//! Signed-in pages: `/registry/login`, editor forms (`/registry/practices/new`,
//! `/registry/needs/new`, `.../{id}/edit`), moderation (`/registry/moderation`), the audit log
//! (`/registry/audit`), bulk import (`/registry/import`) and user management
//! (`/registry/admin/users`).
//!
//! Security model: server-side sessions in the store (the cookie holds a random token whose
//! digest is the key; `HttpOnly`, `SameSite=Lax`, `Secure` unless configured off for
//! http://localhost); a CSRF token per session in every form, checked in constant time on
//! every POST; the permission model of `civis_registry::auth` checked again by every store
//! operation; login lock-out per address and per client; every text escaped by maud on output;
//! request bodies size-limited and parsed strictly. Registry pages are never cached
//! (`Cache-Control: no-store`): what they show depends on who asks.
//!
//! Structure: the routes are in the site's route table ([`crate::routes`]); the handlers in
//! [`browse`] (public) and [`edit`] (signed in) take the [`Registry`] from the
//! `AppState` and return `Result<Response, Problem>`: every refusal is one [`Problem`].
//! The numbers shown beside entries come from [`linked`]; matching needs to practices is
//! `civis_registry::matching`. Store work runs on blocking threads with a connection of the
//! registry's pool (`civis_registry::pool`).

pub mod browse;
pub mod edit;
pub mod linked;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use serde::Serialize;

use civis_registry::auth::password::PasswordHashing;
use civis_registry::auth::session::{Session, SessionPolicy};
use civis_registry::auth::throttle::LoginPolicy;
use civis_registry::auth::token::{tokens_match, SecretToken};
use civis_registry::auth::User;
use civis_registry::pool::Pool;
use civis_registry::repo::{self, Actor, RepoError};
use civis_registry::{directory, Clock, IndicatorSet, SystemClock};

use crate::data::PortalData;
use crate::i18n::{self, href, t, t_args, Lang};
use crate::layout::{page, Page};
use crate::respond::{Format, Table};

/// The session cookie.
pub const COOKIE: &str = "civis_session";
/// Largest form body (entries), in bytes.
pub const FORM_LIMIT: usize = 256 * 1024;
/// Largest import body, in bytes.
pub const IMPORT_LIMIT: usize = civis_registry::exchange::MAX_IMPORT_BYTES + 64 * 1024;

/// Connections of the registry's pool (`civis serve`): pages, logins and forms of this many
/// visitors reach the database at once; further ones wait for a connection.
pub const CONNECTIONS: usize = 4;

/// How the registry runs.
#[derive(Debug, Clone)]
pub struct RegistryConfig {
    /// Mark the session cookie `Secure` (HTTPS only). Turn off only for http://localhost.
    pub secure_cookies: bool,
    pub session: SessionPolicy,
    pub throttle: LoginPolicy,
    /// Argon2 parameters: the default (OWASP) ones, or cheap ones for tests.
    pub hashing: PasswordHashing,
    /// Passwords hashed or verified at once (each argon2 run takes 19 MiB and a core for tens
    /// of milliseconds); further logins wait for a slot, pages do not.
    pub hashing_slots: usize,
}

impl Default for RegistryConfig {
    fn default() -> Self {
        RegistryConfig {
            secure_cookies: true,
            session: SessionPolicy::default(),
            throttle: LoginPolicy::default(),
            hashing: PasswordHashing::default(),
            hashing_slots: std::thread::available_parallelism().map_or(2, |n| n.get()),
        }
    }
}

/// The indicators entries may link to: the catalogue's and those the portal has data for.
struct Known(Vec<String>);

impl IndicatorSet for Known {
    fn contains(&self, id: &str) -> bool {
        self.0.iter().any(|k| k == id)
    }
}

struct Inner {
    pool: Pool,
    data: Arc<PortalData>,
    config: RegistryConfig,
    clock: Arc<dyn Clock>,
    known: Known,
    /// The bounded pool of password hashing ([`RegistryConfig::hashing_slots`]).
    hashing_slots: tokio::sync::Semaphore,
}

/// The registry's state: its pool of database connections, the portal's numbers, the
/// configuration. Handlers take it from the `AppState` as an extractor.
#[derive(Clone)]
pub struct Registry(Arc<Inner>);

impl Registry {
    /// Prepares the registry on the database of `pool` (its migrations, and the curated
    /// directory for instruments not in the database yet).
    pub fn open(
        pool: Pool,
        data: Arc<PortalData>,
        config: RegistryConfig,
    ) -> Result<Registry, RepoError> {
        Self::open_with_clock(pool, data, config, Arc::new(SystemClock))
    }

    /// Like [`Registry::open`] with a clock of the caller's (tests move time).
    pub fn open_with_clock(
        pool: Pool,
        data: Arc<PortalData>,
        config: RegistryConfig,
        clock: Arc<dyn Clock>,
    ) -> Result<Registry, RepoError> {
        {
            let mut db = pool.get()?;
            repo::migrate(&mut *db)?;
            repo::seed_directory(&mut *db, directory::seed()?, clock.now())?;
            // Expired sessions go at every start (they are also refused when presented).
            repo::purge_sessions(&mut *db, &config.session, clock.now())?;
        }
        let mut known: Vec<String> = data.indicators.iter().map(|i| i.id.clone()).collect();
        if let Ok(cat) = civis_catalog::Catalogue::default_catalogue() {
            known.extend(cat.indicators.into_iter().map(|i| i.id));
        }
        known.sort();
        known.dedup();
        let slots = config.hashing_slots.max(1);
        Ok(Registry(Arc::new(Inner {
            pool,
            data,
            config,
            clock,
            known: Known(known),
            hashing_slots: tokio::sync::Semaphore::new(slots),
        })))
    }

    fn data(&self) -> &PortalData {
        &self.0.data
    }

    fn now(&self) -> civis_registry::Timestamp {
        self.0.clock.now()
    }

    /// Runs store work on a blocking thread with a connection of the pool.
    async fn run<T: Send + 'static, E: Into<Problem> + Send + 'static>(
        &self,
        f: impl FnOnce(&mut dyn civis_store::Db, &Registry) -> Result<T, E> + Send + 'static,
    ) -> Result<T, Problem> {
        let reg = self.clone();
        tokio::task::spawn_blocking(move || {
            let mut db = reg.0.pool.get().map_err(RepoError::from)?;
            f(&mut *db, &reg).map_err(Into::into)
        })
        .await
        .map_err(|_| Problem::internal())?
    }
}

impl Registry {
    /// How many passwords are being hashed or verified right now (at most
    /// [`RegistryConfig::hashing_slots`]).
    pub fn passwords_being_hashed(&self) -> usize {
        self.0.config.hashing_slots.max(1) - self.0.hashing_slots.available_permits()
    }

    /// Runs password hashing (`f` gets the configured [`PasswordHashing`]) on a blocking thread,
    /// outside the database lock and at most [`RegistryConfig::hashing_slots`] at once: a flood
    /// of logins queues here while every page keeps its connection to the store.
    async fn hashing<T: Send + 'static>(
        &self,
        f: impl FnOnce(&PasswordHashing) -> T + Send + 'static,
    ) -> Result<T, Problem> {
        let _slot = self
            .0
            .hashing_slots
            .acquire()
            .await
            .map_err(|_| Problem::internal())?;
        let reg = self.clone();
        tokio::task::spawn_blocking(move || f(&reg.0.config.hashing))
            .await
            .map_err(|_| Problem::internal())
    }
}

// ---------------------------------------------------------------------------------------------
// Sessions, cookies and CSRF

/// Who is asking, and the session behind the request.
#[derive(Debug, Clone, Default)]
pub(crate) struct Visit {
    pub session: Option<Session>,
    pub user: Option<User>,
    /// A `Set-Cookie` value when the request started or replaced a session.
    pub set_cookie: Option<String>,
}

impl Visit {
    pub fn actor(&self) -> Actor<'_> {
        match &self.user {
            Some(u) => Actor::User(u),
            None => Actor::Anonymous,
        }
    }

    pub fn csrf(&self) -> &str {
        self.session.as_ref().map(|s| s.csrf.as_str()).unwrap_or("")
    }
}

fn cookie_token(headers: &HeaderMap) -> Option<SecretToken> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .and_then(|(_, v)| SecretToken::from_client(v.trim()))
}

pub(crate) fn session_cookie(reg: &Registry, token: &SecretToken) -> String {
    format!(
        "{COOKIE}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        token.as_str(),
        reg.0.config.session.absolute,
        if reg.0.config.secure_cookies {
            "; Secure"
        } else {
            ""
        }
    )
}

pub(crate) fn clear_cookie(reg: &Registry) -> String {
    format!(
        "{COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        if reg.0.config.secure_cookies {
            "; Secure"
        } else {
            ""
        }
    )
}

/// The visit of a request; with `start`, a visitor without a live session gets one (pages with
/// forms need its CSRF token).
pub(crate) async fn visit(
    reg: &Registry,
    headers: &HeaderMap,
    start: bool,
) -> Result<Visit, Problem> {
    let token = cookie_token(headers);
    reg.run(move |db, reg| -> Result<Visit, RepoError> {
        let now = reg.now();
        if let Some(t) = &token {
            if let Some((s, u)) = repo::session(db, t, &reg.0.config.session, now)? {
                return Ok(Visit {
                    session: Some(s),
                    user: u,
                    set_cookie: None,
                });
            }
        }
        if !start {
            return Ok(Visit::default());
        }
        let (t, s) = repo::start_session(db, None, now)?;
        Ok(Visit {
            session: Some(s),
            user: None,
            set_cookie: Some(session_cookie(reg, &t)),
        })
    })
    .await
}

/// A POST: the visit (which must have a session), the form fields, and the client's address.
pub(crate) struct Posted {
    pub visit: Visit,
    pub fields: Vec<(String, String)>,
    pub client: String,
    pub token: Option<SecretToken>,
}

impl Posted {
    pub fn get(&self, key: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }
}

/// Reads a form POST and checks its CSRF token against the session's. A request without a
/// session, without the token or with another token is refused with 403.
pub(crate) async fn posted(reg: &Registry, req: Request, limit: usize) -> Result<Posted, Problem> {
    posted_if(reg, req, limit, |_| true).await
}

/// How long a client may take to send a form once its head has arrived.
pub const BODY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// [`posted`] for a visitor `allowed` admits. Everything that can be decided from the head is
/// decided before a byte of the body is read: the content type, the declared length against
/// `limit` (413), the session (403) and `allowed` (403). Then the body is read within `limit`
/// and [`BODY_TIMEOUT`], and the CSRF token checked.
pub(crate) async fn posted_if(
    reg: &Registry,
    req: Request,
    limit: usize,
    allowed: impl FnOnce(&Visit) -> bool,
) -> Result<Posted, Problem> {
    let client = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_default();
    let headers = req.headers().clone();
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Err(problem(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            &t("reg-error-unsupported-form"),
            &t("reg-error-unsupported-form-text"),
        ));
    }
    let too_large = || {
        problem(
            StatusCode::PAYLOAD_TOO_LARGE,
            &t("reg-error-too-large"),
            &t("reg-error-too-large-text"),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    let visit = visit(reg, &headers, false).await?;
    if visit.session.is_none() {
        return Err(form_expired());
    }
    if !allowed(&visit) {
        return Err(RepoError::Forbidden.into());
    }
    let bytes = match tokio::time::timeout(
        BODY_TIMEOUT,
        axum::body::to_bytes(req.into_body(), limit),
    )
    .await
    {
        Ok(Ok(b)) => b,
        Ok(Err(_)) => return Err(too_large()),
        Err(_) => {
            return Err(problem(
                StatusCode::REQUEST_TIMEOUT,
                &t("reg-error-too-slow"),
                &t("reg-error-too-slow-text"),
            ))
        }
    };
    let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).map_err(|_| {
        problem(
            StatusCode::BAD_REQUEST,
            &t("reg-error-invalid-form"),
            &t("reg-error-invalid-form-text"),
        )
    })?;
    let given = fields
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    let ok = visit
        .session
        .as_ref()
        .is_some_and(|s| !given.is_empty() && tokens_match(&s.csrf, given));
    if !ok {
        return Err(form_expired());
    }
    Ok(Posted {
        visit,
        fields,
        client,
        token: cookie_token(&headers),
    })
}

fn form_expired() -> Problem {
    problem(
        StatusCode::FORBIDDEN,
        &t("reg-error-form-expired"),
        &t("reg-error-form-expired-text"),
    )
}

/// The hidden CSRF field every form carries.
pub(crate) fn csrf_field(v: &Visit) -> Markup {
    html! { input type="hidden" name="csrf" value=(v.csrf()); }
}

/// Joins repeated form keys (checkboxes) into one comma-separated value and builds `T`.
pub(crate) fn form_from<T: serde::de::DeserializeOwned>(
    fields: &[(String, String)],
) -> Result<T, String> {
    let mut m = serde_json::Map::new();
    for (k, v) in fields {
        if k == "csrf" {
            continue;
        }
        match m.get_mut(k) {
            Some(serde_json::Value::String(s)) => {
                s.push(',');
                s.push_str(v);
            }
            _ => {
                m.insert(k.clone(), serde_json::Value::String(v.clone()));
            }
        }
    }
    serde_json::from_value(serde_json::Value::Object(m)).map_err(|e| e.to_string())
}

// ---------------------------------------------------------------------------------------------
// Responses

/// An HTML page of the registry, not cached, with the session cookie when one was started.
pub(crate) fn html_page(
    status: StatusCode,
    v: &Visit,
    title: &str,
    path: &str,
    twins: bool,
    content: Markup,
) -> Response {
    html_page_with(status, v, title, path, twins, false, content)
}

/// [`html_page`] that may carry the portal's synthetic-data banner.
pub(crate) fn html_page_with(
    status: StatusCode,
    v: &Visit,
    title: &str,
    path: &str,
    twins: bool,
    synthetic: bool,
    content: Markup,
) -> Response {
    let body = page(
        &Page {
            title,
            path,
            query: "",
            twins,
            synthetic,
        },
        html! {
            (account_bar(v))
            (content)
        },
    );
    let mut resp = (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body.into_string(),
    )
        .into_response();
    finish(&mut resp, v.set_cookie.as_deref());
    resp
}

fn finish(resp: &mut Response, cookie: Option<&str>) {
    let h = resp.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(c) = cookie.and_then(|c| HeaderValue::from_str(c).ok()) {
        h.append(header::SET_COOKIE, c);
    }
}

/// JSON, not cached.
pub(crate) fn json<T: Serialize>(value: &T) -> Response {
    match serde_json::to_vec_pretty(value) {
        Ok(b) => {
            let mut r = (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/json")],
                b,
            )
                .into_response();
            finish(&mut r, None);
            r
        }
        Err(e) => problem(
            StatusCode::INTERNAL_SERVER_ERROR,
            &t("reg-error-internal"),
            &e.to_string(),
        )
        .into_response(),
    }
}

/// CSV, not cached.
pub(crate) fn csv(body: String, filename: Option<&str>) -> Response {
    let mut r = (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/csv; charset=utf-8")],
        body,
    )
        .into_response();
    if let Some(f) =
        filename.and_then(|f| HeaderValue::from_str(&format!("attachment; filename=\"{f}\"")).ok())
    {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, f);
    }
    finish(&mut r, None);
    r
}

/// A page, its JSON twin or its CSV table, as the format asks.
pub(crate) fn twin<J: Serialize>(
    format: Format,
    html: impl FnOnce() -> Response,
    json_value: impl FnOnce() -> J,
    table: impl FnOnce() -> Table,
) -> Response {
    match format {
        Format::Html => html(),
        Format::Json => json(&json_value()),
        Format::Csv => csv(table().to_csv(), None),
    }
}

/// Why a registry request was refused or failed: the one error type of every registry handler
/// (`?` turns a store error into it), rendered by [`IntoResponse`] as a page with its status,
/// never cached.
#[derive(Debug)]
pub enum Problem {
    /// A refused or failed store operation: 404, 403, 409, 422 or 500 by its kind.
    Store(RepoError),
    /// A page that needs an account, asked without one: a redirect to the login page (with the
    /// cookie of the session the request started, if any).
    SignIn { set_cookie: Option<String> },
    /// Any other refusal: the status, the title and the sentence of the page.
    Refused {
        status: StatusCode,
        title: String,
        text: String,
    },
}

impl Problem {
    /// The request failed inside the server (a task panicked or was cancelled).
    pub fn internal() -> Problem {
        problem(
            StatusCode::INTERNAL_SERVER_ERROR,
            &t("reg-error-internal"),
            &t("reg-error-internal-text"),
        )
    }
}

impl From<RepoError> for Problem {
    fn from(e: RepoError) -> Problem {
        Problem::Store(e)
    }
}

/// A refusal with a page: `status`, its `title` and a sentence.
pub(crate) fn problem(status: StatusCode, title: &str, text: &str) -> Problem {
    Problem::Refused {
        status,
        title: title.to_owned(),
        text: text.to_owned(),
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        match self {
            Problem::Refused {
                status,
                title,
                text,
            } => message(status, &title, html! { (text) }),
            Problem::SignIn { set_cookie } => see_other("/registry/login", set_cookie.as_deref()),
            Problem::Store(e) => store_problem(e),
        }
    }
}

/// A plain page with a message.
fn message(status: StatusCode, title: &str, text: Markup) -> Response {
    let body = page(
        &Page {
            title,
            path: "/registry",
            query: "",
            twins: false,
            synthetic: false,
        },
        html! { h1 { (title) } p { (text) } p { a href=(href("/registry")) { (t("reg-back")) } } },
    );
    let mut r = (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body.into_string(),
    )
        .into_response();
    finish(&mut r, None);
    r
}

/// The `lang` of a text kept in English (the store's and the policies' own explanations): `en` on
/// a page in another language, none on an English page.
pub(crate) fn kept_english() -> Option<&'static str> {
    (i18n::lang() != Lang::En).then_some("en")
}

/// The store's own explanation (English, from `civis-registry`), marked as English on a page
/// in another language.
fn store_text(text: &str) -> Markup {
    html! { span lang=[kept_english()] { (text) } }
}

/// The response for a refused or failed store operation.
fn store_problem(e: RepoError) -> Response {
    let plain = |key: &str| html! { (t(key)) };
    match e {
        RepoError::NotFound => message(
            StatusCode::NOT_FOUND,
            &t("reg-error-not-found"),
            plain("reg-error-not-found-text"),
        ),
        RepoError::Forbidden => message(
            StatusCode::FORBIDDEN,
            &t("reg-error-forbidden"),
            plain("reg-error-forbidden-text"),
        ),
        RepoError::Workflow(w) => message(
            StatusCode::CONFLICT,
            &t("reg-error-workflow"),
            store_text(&w.to_string()),
        ),
        RepoError::Conflict(m) => message(
            StatusCode::CONFLICT,
            &t("reg-error-conflict"),
            store_text(&m),
        ),
        RepoError::Invalid(i) => message(
            StatusCode::UNPROCESSABLE_ENTITY,
            &t("reg-error-invalid"),
            store_text(&i.to_string()),
        ),
        other => {
            eprintln!("registry: {other}");
            message(
                StatusCode::INTERNAL_SERVER_ERROR,
                &t("reg-error-internal"),
                plain("reg-error-store-text"),
            )
        }
    }
}

/// A redirect after a successful POST (303 See Other), with the session cookie if replaced; the
/// site path `location` in the page's language (a form posted under `/fr` leads under `/fr`).
pub(crate) fn see_other(location: &str, cookie: Option<&str>) -> Response {
    let mut r = Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(header::LOCATION, href(location))
        .body(Body::empty())
        .unwrap_or_default();
    finish(&mut r, cookie);
    r
}

/// The line above registry pages: who is signed in, and their links.
fn account_bar(v: &Visit) -> Markup {
    html! {
        nav.registry-account aria-label=(t("reg-account")) {
            @match &v.user {
                Some(u) => {
                    span { (t("reg-signed-in-as")) " " strong { (u.email.as_str()) } " (" (role_label(u.role)) ")" }
                    " · " a href=(href("/registry/practices/new")) { (t("reg-record-practice")) }
                    " · " a href=(href("/registry/needs/new")) { (t("reg-record-need")) }
                    @if u.role >= civis_registry::auth::Role::Moderator {
                        " · " a href=(href("/registry/networks/new")) { (t("reg-record-network")) }
                        " · " a href=(href("/registry/moderation")) { (t("reg-moderation")) }
                        " · " a href=(href("/registry/import")) { (t("reg-import")) }
                        " · " a href=(href("/registry/audit")) { (t("reg-audit-log")) }
                    }
                    @if u.role == civis_registry::auth::Role::Admin {
                        " · " a href=(href("/registry/admin/users")) { (t("reg-users")) }
                    }
                    " · "
                    form.inline method="post" action=(href("/registry/logout")) {
                        (csrf_field(v))
                        button type="submit" id="logout" { (t("reg-sign-out")) }
                    }
                }
                None => {
                    a href=(href("/registry/login")) { (t("reg-sign-in")) } " " (t("reg-sign-in-who"))
                }
            }
        }
    }
}

/// Text with paragraphs (blank lines) and line breaks, escaped.
pub(crate) fn paragraphs(text: &str) -> Markup {
    html! {
        @for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            p {
                @for (i, line) in para.lines().enumerate() {
                    @if i > 0 { br; }
                    (line)
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Words of the page's language

/// A term of one of the registry's controlled vocabularies, shown in the page's language (the
/// message `reg-<vocabulary>-<code>`; the code itself stays in forms, URLs and data).
pub(crate) trait Term: Copy + 'static {
    /// Every term, in display order.
    fn all() -> &'static [Self];
    /// The stable code.
    fn term_code(self) -> &'static str;
    /// The term's message id.
    fn key(self) -> String;
    /// The term in the page's language.
    fn text(self) -> String {
        t(&self.key())
    }
}

macro_rules! terms {
    ($($ty:ty => $key:literal),+ $(,)?) => {$(
        impl Term for $ty {
            fn all() -> &'static [Self] {
                <$ty>::ALL
            }
            fn term_code(self) -> &'static str {
                self.code()
            }
            fn key(self) -> String {
                format!($key, self.code())
            }
        }
    )+};
}

terms! {
    civis_registry::PolicyArea => "reg-policy-{}",
    civis_registry::Audience => "reg-audience-{}",
    civis_registry::Evidence => "reg-evidence-{}",
    civis_registry::NeedKind => "reg-need-kind-{}",
    civis_registry::NetworkKind => "reg-network-kind-{}",
    civis_registry::InstrumentKind => "reg-instrument-kind-{}",
    civis_registry::GeoLevel => "reg-geo-level-{}",
    civis_registry::Access => "reg-access-{}",
    civis_registry::Status => "reg-status-{}",
    civis_registry::EntryKind => "reg-entry-kind-{}",
}

/// The options of a select or a set of checkboxes: every term's code and its words.
pub(crate) fn options<T: Term>() -> Vec<(&'static str, String)> {
    T::all().iter().map(|x| (x.term_code(), x.text())).collect()
}

/// Terms joined for a sentence (`Emploi, Logement`).
pub(crate) fn joined<T: Term>(terms: &[T]) -> String {
    terms
        .iter()
        .map(|x| x.text())
        .collect::<Vec<_>>()
        .join(", ")
}

/// An account's role in the page's language.
pub(crate) fn role_label(role: civis_registry::auth::Role) -> String {
    t(&format!("reg-role-{}", role.code()))
}

/// The languages an entry may be written in, each by its own name (`Deutsch`, `français`), so
/// the list reads the same in every language of the portal; the code is the form's value.
pub(crate) fn entry_languages() -> Vec<(&'static str, String)> {
    civis_registry::fields::LANGUAGES
        .iter()
        .map(|(code, english)| (*code, autonym(code).unwrap_or(english).to_owned()))
        .collect()
}

/// The name of an entry's language in itself (its code when the list does not have it).
pub(crate) fn language_name(code: &str) -> &str {
    autonym(code).unwrap_or(code)
}

/// A language's name in itself (CLDR's autonyms), for the languages of [`civis_registry::fields::LANGUAGES`].
fn autonym(code: &str) -> Option<&'static str> {
    Some(match code {
        "bg" => "български",
        "cs" => "čeština",
        "da" => "dansk",
        "de" => "Deutsch",
        "el" => "Ελληνικά",
        "en" => "English",
        "es" => "español",
        "et" => "eesti",
        "fi" => "suomi",
        "fr" => "français",
        "ga" => "Gaeilge",
        "hr" => "hrvatski",
        "hu" => "magyar",
        "it" => "italiano",
        "lt" => "lietuvių",
        "lv" => "latviešu",
        "mt" => "Malti",
        "nl" => "Nederlands",
        "pl" => "polski",
        "pt" => "português",
        "ro" => "română",
        "sk" => "slovenčina",
        "sl" => "slovenščina",
        "sv" => "svenska",
        "ar" => "العربية",
        "is" => "íslenska",
        "mk" => "македонски",
        "no" => "norsk",
        "ru" => "русский",
        "sq" => "shqip",
        "sr" => "српски",
        "tr" => "Türkçe",
        "uk" => "українська",
        _ => return None,
    })
}

/// An entry's period in the page's language: `2019`, `2019–2023`, or `since 2020` while it runs.
pub(crate) fn period_text(p: civis_registry::Period) -> String {
    match p.to {
        Some(to) if to != p.from => format!("{}–{to}", p.from),
        Some(_) => p.from.to_string(),
        None => t_args("reg-period-since", &[("from", p.from.to_string().into())]),
    }
}

/// A registry time (creation, update, submission) in the page's language: the date as CLDR
/// writes it and the UTC time, inside `<time datetime>` with the RFC 3339 value.
pub(crate) fn when(ts: civis_registry::Timestamp) -> Markup {
    html! { time datetime=(ts.to_string()) { (when_text(ts)) } }
}

/// The words of [`when`]: `25 novembre 2026, 07:01 UTC`.
pub(crate) fn when_text(ts: civis_registry::Timestamp) -> String {
    let (y, mo, d, h, mi, _) = ts.to_utc();
    let date = i18n::date(y as i32, mo, d);
    t_args(
        "reg-when",
        &[
            ("date", date.into()),
            ("time", format!("{h:02}:{mi:02}").into()),
        ],
    )
}
