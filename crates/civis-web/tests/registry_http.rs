//! The registry over HTTP: every permission boundary of issue 7 (anonymous users cannot create,
//! an editor of city A cannot edit city B, drafts are invisible to the public, a POST without
//! the CSRF token is refused, a locked-out login stays locked, a script in a practice is inert),
//! and the editor -> moderator -> public flow with the city's numbers beside the practice.

use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use tower::ServiceExt;

use civis_registry::auth::password::PasswordHashing;
use civis_registry::auth::Role;
use civis_registry::pool::Pool;
use civis_registry::repo::{self, Actor};
use civis_registry::{Area, Email, ManualClock, PracticeForm, Status, Timestamp};
use civis_store::{
    testing, Db, Method, Observation, PgDb, Provenance, SqliteDb, SqliteStore, Store,
};
use civis_web::data::Maps;
use civis_web::registry::{self, Registry, RegistryConfig};
use civis_web::{router, AppState, PortalData};

const PASSWORD: &str = "a long test password";

fn observations() -> Vec<Observation> {
    let mut v = Vec::new();
    for (year, migrant, national) in [
        ("2019", 52.0, 74.0),
        ("2021", 55.5, 74.5),
        ("2023", 61.0, 75.0),
    ] {
        for (group, est) in [("NEU27_2020_FOR", migrant), ("NAT", national)] {
            for geo in ["AT13", "AT12"] {
                let est = if geo == "AT12" { est - 3.0 } else { est };
                v.push(Observation {
                    indicator: "employment_rate".into(),
                    geo: geo.into(),
                    criterion: "citizenship".into(),
                    group: group.into(),
                    sex: "T".into(),
                    age: "Y20-64".into(),
                    time: year.into(),
                    unit: "PC".into(),
                    estimate: Some(est),
                    se: Some(1.2),
                    ci_low: Some(est - 2.35),
                    ci_high: Some(est + 2.35),
                    n: Some(400),
                    flags: String::new(),
                    ..Default::default()
                });
            }
        }
    }
    v
}

struct Portal {
    app: Router,
    registry: Registry,
    clock: Arc<ManualClock>,
    db_path: PathBuf,
    dir: PathBuf,
    /// The PostgreSQL schema the registry lives in, when it runs on PostgreSQL.
    pg: Option<testing::TestSchema>,
}

impl Portal {
    /// A second connection to the registry's database.
    fn db(&self) -> Box<dyn Db> {
        match &self.pg {
            Some(schema) => Box::new(PgDb::connect(schema.url()).unwrap()),
            None => Box::new(SqliteDb::open(&self.db_path).unwrap()),
        }
    }
}

impl Drop for Portal {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn portal(name: &str) -> Portal {
    portal_on(name, None)
}

/// The portal with its registry on SQLite (`pg` None) or in a PostgreSQL test schema.
fn portal_on(name: &str, pg: Option<testing::TestSchema>) -> Portal {
    let dir =
        std::env::temp_dir().join(format!("civis-registry-http-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db_path = dir.join("civis.db");
    let mut store = SqliteStore::open(&db_path).unwrap();
    store
        .import(
            &Provenance {
                name: "lfs_regions".into(),
                file: "lfs.csv".into(),
                source: "Civis".into(),
                method: Method::Direct,
                vintage: "2026-11".into(),
                attribution: String::new(),
                synthetic: false,
            },
            &observations(),
            false,
        )
        .unwrap();
    let data = Arc::new(PortalData::load(&store, Maps::default()).unwrap());
    let clock = Arc::new(ManualClock::at(Timestamp(1_795_590_000)));
    let config = RegistryConfig {
        hashing: PasswordHashing::fast_for_tests(),
        ..Default::default()
    };
    let database = match &pg {
        Some(schema) => schema.url().to_owned(),
        None => db_path.to_string_lossy().into_owned(),
    };
    let pool = Pool::for_database(&database, registry::CONNECTIONS);
    let reg = Registry::open_with_clock(pool, data.clone(), config, clock.clone()).unwrap();
    // accounts, through a second connection to the same database
    let mut db: Box<dyn Db> = match &pg {
        Some(schema) => Box::new(PgDb::connect(schema.url()).unwrap()),
        None => Box::new(SqliteDb::open(&db_path).unwrap()),
    };
    let h = PasswordHashing::fast_for_tests();
    for (email, role, areas) in [
        ("editor@wien.example.eu", Role::Editor, vec!["AT13"]),
        ("editor@graz.example.eu", Role::Editor, vec!["AT22"]),
        ("moderator@example.eu", Role::Moderator, vec![]),
        ("admin@example.eu", Role::Admin, vec![]),
    ] {
        let areas: Vec<Area> = areas.iter().map(|a| Area::parse(a).unwrap()).collect();
        repo::create_user(
            db.as_mut(),
            &Actor::System,
            &Email::parse(email).unwrap(),
            role,
            &areas,
            &h.hash(PASSWORD).unwrap(),
            Timestamp(0),
        )
        .unwrap();
    }
    let app = router(AppState::new(data).with_registry(reg.clone()));
    Portal {
        app,
        registry: reg,
        clock,
        db_path,
        dir,
        pg,
    }
}

/// A client with a cookie jar of one cookie, and an address if it has one (the server puts
/// the peer address of the connection into every request as `ConnectInfo`).
struct Browser<'a> {
    portal: &'a Portal,
    cookie: Option<String>,
    address: Option<std::net::SocketAddr>,
}

struct Reply {
    status: StatusCode,
    set_cookie: Vec<String>,
    location: Option<String>,
    body: String,
}

impl<'a> Browser<'a> {
    fn new(portal: &'a Portal) -> Self {
        Browser {
            portal,
            cookie: None,
            address: None,
        }
    }

    /// A client connecting from `ip`.
    fn at(portal: &'a Portal, ip: &str) -> Self {
        Browser {
            address: Some(std::net::SocketAddr::new(ip.parse().unwrap(), 40000)),
            ..Browser::new(portal)
        }
    }

    async fn send(&mut self, mut req: Request<Body>) -> Reply {
        if let Some(a) = self.address {
            req.extensions_mut().insert(axum::extract::ConnectInfo(a));
        }
        let resp = self.portal.app.clone().oneshot(req).await.unwrap();
        let set_cookie: Vec<String> = resp
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect();
        for c in &set_cookie {
            let pair = c.split(';').next().unwrap().to_owned();
            self.cookie = if pair.ends_with('=') {
                None
            } else {
                Some(pair)
            };
        }
        let status = resp.status();
        let location = resp
            .headers()
            .get(header::LOCATION)
            .map(|v| v.to_str().unwrap().to_owned());
        let bytes = axum::body::to_bytes(resp.into_body(), 10 << 20)
            .await
            .unwrap();
        Reply {
            status,
            set_cookie,
            location,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    async fn get(&mut self, path: &str) -> Reply {
        let mut b = Request::get(path);
        if let Some(c) = &self.cookie {
            b = b.header(header::COOKIE, c);
        }
        self.send(b.body(Body::empty()).unwrap()).await
    }

    async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let body = serde_urlencoded::to_string(fields).unwrap();
        let mut b =
            Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(c) = &self.cookie {
            b = b.header(header::COOKIE, c);
        }
        self.send(b.body(Body::from(body)).unwrap()).await
    }

    /// The CSRF token of the form on a page.
    async fn csrf(&mut self, path: &str) -> String {
        let page = self.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
        let i = page
            .body
            .find("name=\"csrf\" value=\"")
            .expect("a csrf field")
            + 19;
        page.body[i..i + 64].to_owned()
    }

    async fn login(&mut self, email: &str, password: &str) -> Reply {
        let csrf = self.csrf("/registry/login").await;
        self.post(
            "/registry/login",
            &[("csrf", &csrf), ("email", email), ("password", password)],
        )
        .await
    }
}

fn practice_fields<'a>(csrf: &'a str, title: &'a str, area: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("title", title),
        ("area", area),
        ("period_from", "2020"),
        ("period_to", ""),
        ("policy_areas", "employment"),
        ("policy_areas", "language"),
        ("target_groups", "non_eu_citizens"),
        ("indicators", "employment_rate"),
        (
            "description",
            "Job coaches accompany newcomers into apprenticeships.",
        ),
        ("results", "61 % employed after two years."),
        ("evidence", "monitoring"),
        ("transferability", "Needs the public employment service."),
        ("costs", ""),
        ("contacts", ""),
        ("links", "https://www.wien.gv.at/"),
        ("language", "de"),
    ]
}

/// A draft of the Graz editor's city, created in the store.
fn graz_draft(p: &Portal) -> i64 {
    let form = PracticeForm {
        title: "Graz welcome desk".into(),
        area: "AT22".into(),
        period_from: "2021".into(),
        policy_areas: vec!["reception".into()],
        description: "One desk for every first question".into(),
        ..Default::default()
    };
    stored_practice(p, Some("editor@graz.example.eu"), form, Status::Draft)
}

/// A practice created in the store by the account `author` (the system without one).
fn stored_practice(p: &Portal, author: Option<&str>, form: PracticeForm, status: Status) -> i64 {
    let mut db = p.db();
    let user = author.map(|email| {
        repo::user_by_email(db.as_mut(), &Email::parse(email).unwrap())
            .unwrap()
            .unwrap()
            .0
    });
    let actor = user.as_ref().map_or(Actor::System, Actor::User);
    let content = form.validate(&["employment_rate"].as_slice()).unwrap();
    repo::create(
        db.as_mut(),
        &actor,
        content,
        status,
        Timestamp(1_795_590_000),
    )
    .unwrap()
    .id
}

/// A visitor asking for a form page is sent to the login page (of the same language).
async fn sent_to_login(b: &mut Browser<'_>, prefix: &str) {
    let r = b.get(&format!("{prefix}/registry/practices/new")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let login = format!("{prefix}/registry/login");
    assert_eq!(r.location.as_deref(), Some(login.as_str()));
}

#[tokio::test(flavor = "multi_thread")]
async fn anonymous_users_cannot_create_or_moderate() {
    let p = portal("anon");
    let mut anon = Browser::new(&p);
    // the form pages send a visitor to the login page
    sent_to_login(&mut anon, "").await;
    // with a valid anonymous session and its CSRF token, creating is still refused
    let csrf = anon.csrf("/registry/login").await;
    let r = anon
        .post(
            "/registry/practices",
            &practice_fields(&csrf, "Sneaky", "AT13"),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let id = graz_draft(&p);
    for action in ["submit", "publish", "reject", "delete"] {
        let r = anon
            .post(
                &format!("/registry/entries/{id}/{action}"),
                &[("csrf", &csrf)],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::NOT_FOUND,
            "{action}: a draft does not exist for the public"
        );
    }
    assert_eq!(
        anon.get("/registry/moderation").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        anon.get("/registry/audit").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        anon.get("/registry/audit.json").await.status,
        StatusCode::FORBIDDEN
    );
    let r = anon
        .post(
            "/registry/import",
            &[
                ("csrf", &csrf),
                ("format", "json"),
                ("status", "published"),
                ("document", "{}"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // nothing was stored
    let all = anon.get("/registry.json").await;
    assert!(!all.body.contains("Sneaky"));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_editor_of_city_a_cannot_edit_city_b() {
    let p = portal("ab");
    let graz = graz_draft(&p);
    let mut wien = Browser::new(&p);
    assert_eq!(
        wien.login("editor@wien.example.eu", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
    let csrf = wien.csrf("/registry/practices/new").await;
    // create in another city
    let r = wien
        .post(
            "/registry/practices",
            &practice_fields(&csrf, "Not mine", "AT22"),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    // edit another city's draft: it is not even visible
    assert_eq!(
        wien.get(&format!("/registry/practices/{graz}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        wien.get(&format!("/registry/practices/{graz}/edit"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let r = wien
        .post(
            &format!("/registry/practices/{graz}/edit"),
            &practice_fields(&csrf, "Taken over", "AT22"),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = wien
        .post(
            &format!("/registry/entries/{graz}/delete"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // own city: fine, and moving an own entry into city B is refused
    let r = wien
        .post(
            "/registry/practices",
            &practice_fields(&csrf, "Mine", "AT13"),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let own = r.location.unwrap();
    let r = wien
        .post(
            &format!("{own}/edit"),
            &practice_fields(&csrf, "Moved", "AT22"),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // an editor does not publish, not even their own
    let id = own.rsplit('/').next().unwrap();
    let r = wien
        .post(
            &format!("/registry/entries/{id}/publish"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // nor manage users
    assert_eq!(
        wien.get("/registry/admin/users").await.status,
        StatusCode::FORBIDDEN
    );
    let r = wien
        .post(
            "/registry/admin/users",
            &[
                ("csrf", &csrf),
                ("email", "x@y.eu"),
                ("role", "admin"),
                ("areas", ""),
                ("password", "a long enough password"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // the Graz draft is unchanged
    let mut db = p.db();
    let e = repo::entry(db.as_mut(), &Actor::System, graz).unwrap();
    assert_eq!(e.title, "Graz welcome desk");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_draft_is_invisible_to_the_public() {
    let p = portal("draft");
    let id = graz_draft(&p);
    let mut anon = Browser::new(&p);
    for path in [
        format!("/registry/practices/{id}"),
        format!("/registry/practices/{id}.json"),
        format!("/registry/practices/{id}.csv"),
        format!("/api/registry/entries/{id}"),
    ] {
        let r = anon.get(&path).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        assert!(!r.body.contains("welcome desk"), "{path}");
    }
    for path in [
        "/registry",
        "/registry.json",
        "/registry.csv",
        "/api/registry/search?q=desk",
        "/registry/export.json",
        "/registry/export/practices.csv",
    ] {
        let r = anon.get(path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert!(!r.body.contains("welcome desk"), "{path} shows the draft");
    }
    // its own editor and the moderators see it
    let mut graz = Browser::new(&p);
    graz.login("editor@graz.example.eu", PASSWORD).await;
    assert!(graz
        .get(&format!("/registry/practices/{id}"))
        .await
        .body
        .contains("welcome desk"));
    let mut m = Browser::new(&p);
    m.login("moderator@example.eu", PASSWORD).await;
    assert!(m
        .get(&format!("/registry/practices/{id}"))
        .await
        .body
        .contains("welcome desk"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_post_without_the_csrf_token_is_refused() {
    let p = portal("csrf");
    let mut wien = Browser::new(&p);
    wien.login("editor@wien.example.eu", PASSWORD).await;
    let good = wien.csrf("/registry/practices/new").await;
    let mut fields = practice_fields(&good, "No token", "AT13");
    fields.remove(0);
    let r = wien.post("/registry/practices", &fields).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let wrong = "0".repeat(64);
    let r = wien
        .post(
            "/registry/practices",
            &practice_fields(&wrong, "Wrong token", "AT13"),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // another session's token does not work either
    let mut other = Browser::new(&p);
    let theirs = other.csrf("/registry/login").await;
    let r = wien
        .post(
            "/registry/practices",
            &practice_fields(&theirs, "Their token", "AT13"),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // nor does a token without its session (no cookie)
    let mut cookieless = Browser::new(&p);
    let r = cookieless
        .post(
            "/registry/practices",
            &practice_fields(&good, "No cookie", "AT13"),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // login and logout are protected too
    let r = other
        .post(
            "/registry/login",
            &[("email", "editor@wien.example.eu"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = wien.post("/registry/logout", &[]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(
        !wien.get("/registry.json").await.body.contains("token"),
        "nothing was stored"
    );
    // the right token works
    let r = wien
        .post(
            "/registry/practices",
            &practice_fields(&good, "With token", "AT13"),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_locked_out_login_stays_locked() {
    let p = portal("lock");
    let mut b = Browser::new(&p);
    for i in 0..5 {
        let r = b.login("editor@wien.example.eu", "not the password").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    // the right password no longer opens it, from this browser or a fresh one
    let r = b.login("editor@wien.example.eu", PASSWORD).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.body.contains("locked until"));
    let mut fresh = Browser::new(&p);
    let r = fresh.login("editor@wien.example.eu", PASSWORD).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        fresh.get("/registry/practices/new").await.status == StatusCode::SEE_OTHER,
        "not signed in"
    );
    // still locked a second before the lock ends, open after it
    p.clock.advance(898);
    assert_eq!(
        fresh.login("editor@wien.example.eu", PASSWORD).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    p.clock.advance(2);
    assert_eq!(
        fresh.login("editor@wien.example.eu", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
    // other accounts were never locked
    let mut m = Browser::new(&p);
    assert_eq!(
        m.login("moderator@example.eu", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
}

/// Issue 17: five wrong passwords from one address lock that account *from that address* only;
/// the owner signs in from hers, and the next lock from the same address lasts twice as long.
#[tokio::test(flavor = "multi_thread")]
async fn a_lock_out_holds_for_one_account_from_one_address() {
    let p = portal("lock_pair");
    let admin = "admin@example.eu";
    let mut attacker = Browser::at(&p, "203.0.113.9");
    for i in 0..5 {
        let r = attacker.login(admin, "not the password").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    assert_eq!(
        attacker.login(admin, PASSWORD).await.status,
        StatusCode::TOO_MANY_REQUESTS,
        "locked from this address, even with the password"
    );
    let mut owner = Browser::at(&p, "198.51.100.7");
    assert_eq!(
        owner.login(admin, PASSWORD).await.status,
        StatusCode::SEE_OTHER,
        "the admin is not locked out of her account"
    );
    let mut colleague = Browser::at(&p, "203.0.113.9");
    assert_eq!(
        colleague
            .login("moderator@example.eu", PASSWORD)
            .await
            .status,
        StatusCode::SEE_OTHER,
        "other accounts from the same address are not locked"
    );
    // back-off: the second lock in a row from this address lasts 30 minutes
    p.clock.advance(900);
    let mut attacker = Browser::at(&p, "203.0.113.9");
    for i in 0..5 {
        let r = attacker.login(admin, "still not it").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    p.clock.advance(1799);
    assert_eq!(
        attacker.login(admin, PASSWORD).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    p.clock.advance(1);
    assert_eq!(
        attacker.login(admin, PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
}

/// The per-address throttle stays: 20 failures from one address, whatever the accounts, lock
/// that address for 15 minutes; other addresses are not affected.
#[tokio::test(flavor = "multi_thread")]
async fn an_address_trying_many_accounts_is_throttled() {
    let p = portal("lock_client");
    let mut scanner = Browser::at(&p, "192.0.2.50");
    for i in 0..20 {
        let r = scanner
            .login(&format!("guess{i}@example.eu"), "password123456")
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    assert_eq!(
        scanner
            .login("editor@wien.example.eu", PASSWORD)
            .await
            .status,
        StatusCode::TOO_MANY_REQUESTS,
        "the address is locked, for every account"
    );
    let mut other = Browser::at(&p, "192.0.2.51");
    assert_eq!(
        other.login("editor@wien.example.eu", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
    p.clock.advance(900);
    let mut scanner = Browser::at(&p, "192.0.2.50");
    assert_eq!(
        scanner
            .login("editor@graz.example.eu", PASSWORD)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
}

/// Issue 17: password hashing runs outside the database lock, on a bounded pool. A flood of
/// logins (each verified against a hash with the real argon2 cost, one at a time) is still
/// queued when a registry page that needs the database has been served.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_login_flood_does_not_stall_the_registry() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    const LOGINS: usize = 16;
    let p = portal("flood");
    let done = Arc::new(AtomicUsize::new(0));
    let mut flood = Vec::new();
    for i in 0..LOGINS {
        let (app, done) = (p.app.clone(), done.clone());
        flood.push(tokio::spawn(async move {
            // an unknown address is verified against a hash with the default (OWASP) cost
            let status = sign_in(app, format!("nobody{i}@example.eu")).await;
            done.fetch_add(1, Ordering::SeqCst);
            status
        }));
    }
    // let the logins reach the pool
    while p.registry.passwords_being_hashed() == 0 {
        tokio::task::yield_now().await;
    }
    let page = Browser::new(&p).get("/registry/login").await;
    let finished = done.load(Ordering::SeqCst);
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        finished < LOGINS / 2,
        "the page waited for {finished} of {LOGINS} logins"
    );
    for f in flood {
        assert_eq!(f.await.unwrap(), StatusCode::UNAUTHORIZED);
    }
}

/// A sign-in on `app` with a wrong password, as a browser does it (form, then POST).
async fn sign_in(app: Router, email: String) -> StatusCode {
    let form = app
        .clone()
        .oneshot(Request::get("/registry/login").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let cookie = form.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let page = axum::body::to_bytes(form.into_body(), 1 << 20)
        .await
        .unwrap();
    let page = String::from_utf8_lossy(&page);
    let at = page.find("name=\"csrf\" value=\"").unwrap() + 19;
    let fields = serde_urlencoded::to_string([
        ("csrf", &page[at..at + 64]),
        ("email", &email),
        ("password", "wrong password!"),
    ])
    .unwrap();
    let post = Request::post("/registry/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, cookie)
        .body(Body::from(fields))
        .unwrap();
    app.oneshot(post).await.unwrap().status()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_script_in_a_practice_is_rendered_inert() {
    let p = portal("xss");
    let mut wien = Browser::new(&p);
    wien.login("editor@wien.example.eu", PASSWORD).await;
    let csrf = wien.csrf("/registry/practices/new").await;
    let title = "<script>alert('t')</script>";
    let mut fields = practice_fields(&csrf, title, "AT13");
    fields.retain(|(k, _)| *k != "description" && *k != "links");
    fields.push((
        "description",
        "<img src=x onerror=alert(1)>\n\n\"><script>alert(2)</script>",
    ));
    fields.push(("links", "javascript:alert(3)"));
    // a javascript: link is refused with the field named
    let r = wien.post("/registry/practices", &fields).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("links-error"));
    assert!(
        !r.body.contains("<script>alert"),
        "the form echoes input escaped"
    );
    fields.retain(|(k, _)| *k != "links");
    fields.push(("links", "https://example.org/?q=\"><script>"));
    assert_eq!(
        wien.post("/registry/practices", &fields).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    fields.retain(|(k, _)| *k != "links");
    let r = wien.post("/registry/practices", &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let url = r.location.unwrap();
    let id = url.rsplit('/').next().unwrap().to_owned();
    let mut m = Browser::new(&p);
    m.login("moderator@example.eu", PASSWORD).await;
    let csrf_m = m.csrf("/registry/moderation").await;
    m.post(
        &format!("/registry/entries/{id}/publish"),
        &[("csrf", &csrf_m)],
    )
    .await;
    let mut anon = Browser::new(&p);
    for path in [url.clone(), "/registry".into(), "/registry?q=alert".into()] {
        let page = anon.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(
            page.body
                .contains("&lt;script&gt;alert('t')&lt;/script&gt;")
                || page.body.contains("&lt;script&gt;alert(&#39;t&#39;)"),
            "{path}: title not escaped"
        );
        assert!(!page.body.contains("<script>"), "{path}: a live script tag");
        assert!(!page.body.contains("<img src=x"), "{path}: a live img tag");
    }
    let json = anon.get(&format!("{url}.json")).await;
    assert!(
        json.body.contains("<script>alert('t')</script>"),
        "JSON keeps the text as entered"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn editor_records_moderator_publishes_public_sees_it_next_to_the_numbers() {
    flow(&portal("flow")).await;
}

// The sync PostgreSQL client runs its own runtime: connections are opened and dropped outside
// the test's runtime (the portal uses them from blocking threads, as in production).
#[test]
fn the_same_flow_with_the_registry_on_postgres() {
    let Some(schema) = testing::postgres_schema("registry_http_flow") else {
        return;
    };
    let p = portal_on("flow_pg", Some(schema));
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(flow(&p));
}

#[test]
fn drafts_and_lock_out_with_the_registry_on_postgres() {
    let Some(schema) = testing::postgres_schema("registry_http_draft") else {
        return;
    };
    let p = portal_on("draft_pg", Some(schema));
    let id = graz_draft(&p);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let mut anon = Browser::new(&p);
        assert_eq!(
            anon.get(&format!("/registry/practices/{id}")).await.status,
            StatusCode::NOT_FOUND
        );
        assert!(!anon
            .get("/api/registry/search?q=desk")
            .await
            .body
            .contains("welcome desk"));
        for _ in 0..5 {
            anon.login("editor@graz.example.eu", "wrong password!")
                .await;
        }
        assert_eq!(
            anon.login("editor@graz.example.eu", PASSWORD).await.status,
            StatusCode::TOO_MANY_REQUESTS
        );
        let mut m = Browser::new(&p);
        assert_eq!(
            m.login("moderator@example.eu", PASSWORD).await.status,
            StatusCode::SEE_OTHER
        );
        assert!(m
            .get(&format!("/registry/practices/{id}"))
            .await
            .body
            .contains("welcome desk"));
    });
}

async fn flow(p: &Portal) {
    // the editor logs in: a new session, with secure cookie attributes
    let mut wien = Browser::new(p);
    let before = wien.csrf("/registry/login").await;
    let r = wien.login("editor@wien.example.eu", PASSWORD).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let cookie = &r.set_cookie[0];
    for attr in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
        assert!(cookie.contains(attr), "{cookie}");
    }
    let csrf = wien.csrf("/registry/practices/new").await;
    assert_ne!(csrf, before, "signing in starts a new session");
    let form = wien.get("/registry/practices/new").await.body;
    for field in [
        "id=\"title\"",
        "for=\"title\"",
        "id=\"area\"",
        "id=\"indicators-employment_rate\"",
        "id=\"description\"",
        "id=\"save-submit\"",
    ] {
        assert!(form.contains(field), "{field}");
    }
    let mut fields = practice_fields(&csrf, "Job coaching for newcomers", "AT13");
    fields.push(("then", "submit"));
    let r = wien.post("/registry/practices", &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let url = r.location.unwrap();
    let id = url.rsplit('/').next().unwrap().to_owned();
    let mut anon = Browser::new(p);
    assert_eq!(
        anon.get(&url).await.status,
        StatusCode::NOT_FOUND,
        "submitted is not public"
    );

    // the moderator publishes it from the queue
    let mut m = Browser::new(p);
    m.login("moderator@example.eu", PASSWORD).await;
    let queue = m.get("/registry/moderation").await;
    assert!(queue.body.contains("Job coaching for newcomers"));
    assert!(queue.body.contains(&format!("id=\"publish-{id}\"")));
    let csrf_m = m.csrf("/registry/moderation").await;
    let r = m
        .post(
            &format!("/registry/entries/{id}/publish"),
            &[("csrf", &csrf_m)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);

    // the public page shows it next to the city's numbers
    let page = anon.get(&url).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Job coaching for newcomers"));
    assert!(
        page.body.contains("The city&#39;s numbers") || page.body.contains("The city's numbers")
    );
    assert!(
        page.body.contains("61.0") && page.body.contains("52.0"),
        "the series"
    );
    assert!(
        page.body.contains("beyond the uncertainty"),
        "{}",
        page.body
    );
    assert!(page.body.contains("practice running"));
    let json: serde_json::Value =
        serde_json::from_str(&anon.get(&format!("{url}.json")).await.body).unwrap();
    let s = json["indicators"].as_array().unwrap();
    let migrants = s.iter().find(|s| s["group"] == "NEU27_2020_FOR").unwrap();
    assert_eq!(migrants["change"].as_f64(), Some(9.0));
    assert_eq!(migrants["change_beyond_uncertainty"], true);
    assert_eq!(migrants["points"][2]["ci_low"].as_f64(), Some(61.0 - 2.35));
    let csv = anon.get(&format!("{url}.csv")).await.body;
    assert!(csv.starts_with("indicator,geo,group,time,estimate,ci_low,ci_high,status"));
    // found by search and filter, and in the export and the API
    assert!(anon
        .get("/registry?q=coaching&policy_area=employment&indicator=employment_rate")
        .await
        .body
        .contains("Job coaching for newcomers"));
    assert!(anon
        .get("/api/registry/search?q=apprenticeships")
        .await
        .body
        .contains("Job coaching for newcomers"));
    assert!(anon
        .get("/registry/export.json")
        .await
        .body
        .contains("Job coaching for newcomers"));
    // cities like AT12 (same country): AT13 improved, with its practice
    let like = anon.get("/registry/like/AT12").await;
    assert_eq!(like.status, StatusCode::OK, "{}", like.body);
    assert!(like.body.contains("Job coaching for newcomers"));
    // the audit log has it all
    let log: serde_json::Value =
        serde_json::from_str(&m.get("/registry/audit.json").await.body).unwrap();
    let actions: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["action"].as_str().unwrap())
        .collect();
    for a in ["create", "submit", "publish", "login"] {
        assert!(actions.contains(&a), "{a} missing in {actions:?}");
    }
    // signing out ends the session
    let csrf = wien.csrf("/registry/practices/new").await;
    let r = wien.post("/registry/logout", &[("csrf", &csrf)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        wien.get("/registry/practices/new").await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn directory_needs_import_and_users() {
    let p = portal("misc");
    let mut anon = Browser::new(&p);
    let dir: serde_json::Value =
        serde_json::from_str(&anon.get("/registry/directory.json").await.body).unwrap();
    assert!(dir.as_array().unwrap().len() >= 30);
    let csv = anon.get("/registry/directory.csv").await.body;
    assert!(csv.starts_with("slug,name,kind,owner"));
    let page = anon.get("/registry/directory/mipex").await;
    assert!(page.body.contains("Migration Policy Group and CIDOB"));
    assert_eq!(
        anon.get("/registry/directory/nope").await.status,
        StatusCode::NOT_FOUND
    );

    // a moderator imports a network's collection; an admin adds a user
    let mut m = Browser::new(&p);
    m.login("moderator@example.eu", PASSWORD).await;
    let csrf = m.csrf("/registry/import").await;
    let doc = serde_json::json!({"format": "civis-registry", "version": 1,
        "practices": [{"title": "Mentoring by volunteers", "area": "AT12", "period_from": "2017",
                       "policy_areas": "employment", "indicators": "employment_rate", "description": "From a network"}],
        "needs": [{"title": "Employment rate of non-EU citizens", "area": "AT13", "kind": "data",
                   "indicators": ["employment_rate"], "policy_areas": ["employment"], "description": "Too few LFS cases"}]}).to_string();
    let r = m
        .post(
            "/registry/import",
            &[
                ("csrf", &csrf),
                ("format", "json"),
                ("status", "published"),
                ("document", &doc),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Imported 2 entries"));
    let bad = doc.replace("AT12", "XX99");
    let r = m
        .post(
            "/registry/import",
            &[
                ("csrf", &csrf),
                ("format", "json"),
                ("status", "published"),
                ("document", &bad),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("practices[0], area"));
    // the need page lists the other city's practice and data sources
    let hits: serde_json::Value =
        serde_json::from_str(&anon.get("/api/registry/search?kind=need").await.body).unwrap();
    let need_url = hits["results"][0]["url"].as_str().unwrap().to_owned();
    let need = anon.get(&need_url).await;
    assert!(
        need.body.contains("Mentoring by volunteers"),
        "{}",
        need.body
    );
    assert!(need.body.contains("European Union Labour Force Survey"));

    // networks: moderators record them, editors may not
    let csrf = m.csrf("/registry/networks/new").await;
    let net = [
        ("csrf", csrf.as_str()),
        ("name", "Integrating Cities"),
        ("kind", "network"),
        ("period_from", "2010"),
        ("members", "AT13\nAT12"),
        ("policy_areas", "employment"),
        ("description", "Charter signatories"),
        ("link", "https://integratingcities.eu/"),
        ("then", "submit"),
    ];
    let r = m.post("/registry/networks", &net).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let net_url = r.location.unwrap();
    let net_id = net_url.rsplit('/').next().unwrap().to_owned();
    let r = m
        .post(
            &format!("/registry/entries/{net_id}/publish"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = anon.get(&net_url).await;
    assert!(
        page.body.contains("Integrating Cities") && page.body.contains("(AT12)"),
        "{}",
        page.body
    );
    let mut wien = Browser::new(&p);
    wien.login("editor@wien.example.eu", PASSWORD).await;
    assert_eq!(
        wien.get("/registry/networks/new").await.status,
        StatusCode::FORBIDDEN
    );
    let csrf_w = wien.csrf("/registry/practices/new").await;
    let mut net_w = net.to_vec();
    net_w[0] = ("csrf", csrf_w.as_str());
    assert_eq!(
        wien.post("/registry/networks", &net_w).await.status,
        StatusCode::FORBIDDEN
    );

    let mut admin = Browser::new(&p);
    admin.login("admin@example.eu", PASSWORD).await;
    let csrf = admin.csrf("/registry/admin/users").await;
    let r = admin
        .post(
            "/registry/admin/users",
            &[
                ("csrf", &csrf),
                ("email", "editor@linz.example.eu"),
                ("role", "editor"),
                ("areas", "AT31"),
                ("password", "another long password"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut linz = Browser::new(&p);
    assert_eq!(
        linz.login("editor@linz.example.eu", "another long password")
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    // uploads are size-limited
    let huge = "x".repeat(registry::FORM_LIMIT + 10);
    let csrf_l = linz.csrf("/registry/practices/new").await;
    let r = linz
        .post(
            "/registry/practices",
            &[("csrf", &csrf_l), ("description", &huge)],
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
}

/// Issue 14, item 8: a practice recorded for an Urban Audit city the portal has no page for
/// names the place but does not link to a missing page; a practice of an area with data links it.
#[tokio::test(flavor = "multi_thread")]
async fn a_practice_links_its_area_only_when_the_area_has_a_page() {
    let p = portal("ua-link");
    let mut db = p.db();
    let mut ids = Vec::new();
    for area in ["AT002C1", "AT12"] {
        let content = PracticeForm {
            title: format!("Welcome desk in {area}"),
            area: area.into(),
            period_from: "2021".into(),
            policy_areas: vec!["reception".into()],
            description: "One desk for every first question".into(),
            ..Default::default()
        }
        .validate(&["employment_rate"].as_slice())
        .unwrap();
        let id = repo::create(
            db.as_mut(),
            &Actor::System,
            content,
            Status::Published,
            Timestamp(1_795_590_000),
        )
        .unwrap()
        .id;
        ids.push(id);
    }
    drop(db);
    let mut anon = Browser::new(&p);
    let city = anon.get(&format!("/registry/practices/{}", ids[0])).await;
    assert_eq!(city.status, StatusCode::OK, "{}", city.body);
    assert!(city.body.contains("AT002C1"), "the place is named");
    assert!(
        !city.body.contains("href=\"/areas/AT002C1\""),
        "no link to a page that does not exist"
    );
    let region = anon.get(&format!("/registry/practices/{}", ids[1])).await;
    assert!(region.body.contains("href=\"/areas/AT12\""));
    assert_eq!(anon.get("/areas/AT12").await.status, StatusCode::OK);
}

// ---------------------------------------------------------------------------------------------
// The registry in the portal's seven languages (issue 19)

use civis_web::i18n::format::number_in;
use civis_web::i18n::{t_in, Lang};

/// A message of the page's language as maud writes it into the page (`args`: its placeables).
fn in_page(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut a = fluent_bundle::FluentArgs::new();
    for (k, v) in args {
        // numbers as numbers (plural forms choose by them), the rest as text
        match v.parse::<f64>() {
            Ok(n) => a.set(*k, n),
            Err(_) => a.set(*k, v.to_string()),
        }
    }
    let text = t_in(lang, key, (!args.is_empty()).then_some(&a));
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The page `path` in `lang` (under its prefix): it answers 200, says its language, and shows
/// the messages `keys` of that language.
async fn page_in(b: &mut Browser<'_>, lang: Lang, path: &str, keys: &[&str]) -> String {
    let r = b.get(&format!("{}{path}", lang.prefix())).await;
    assert_eq!(r.status, StatusCode::OK, "{lang} {path}: {}", r.body);
    assert!(
        r.body.contains(&format!("<html lang=\"{lang}\"")),
        "{lang} {path}"
    );
    for key in keys {
        assert!(
            r.body.contains(&in_page(lang, key, &[])),
            "{lang} {path}: {key}"
        );
    }
    r.body
}

/// A published practice of Vienna, written in German, linked to the employment rate.
fn published_practice(p: &Portal) -> i64 {
    let form = PracticeForm {
        title: "Jobcoaching für Neuankömmlinge".into(),
        area: "AT13".into(),
        period_from: "2020".into(),
        policy_areas: vec!["employment".into()],
        indicators: vec!["employment_rate".into()],
        description: "Ein Coach für je zwanzig Teilnehmende.".into(),
        language: "de".into(),
        ..Default::default()
    };
    stored_practice(p, None, form, Status::Published)
}

#[tokio::test(flavor = "multi_thread")]
async fn registry_pages_speak_every_language() {
    let p = portal("languages");
    let id = published_practice(&p);
    let mut anon = Browser::new(&p);
    let all: serde_json::Value =
        serde_json::from_str(&anon.get("/registry.json").await.body).unwrap();
    let count = all["results"].as_array().unwrap().len().to_string();
    for lang in Lang::ALL {
        let prefix = lang.prefix();
        let browse = [
            "reg-browse-title",
            "reg-search",
            "reg-area-code",
            "reg-entry-kind-practice",
            "reg-policy-housing",
        ];
        let page = page_in(&mut anon, lang, "/registry", &browse).await;
        let b = &page;
        assert!(
            b.contains(&in_page(lang, "reg-entries-count", &[("count", &count)])),
            "{lang}: the count"
        );
        // every version of the page is announced, and the forms stay in the language
        for other in Lang::ALL {
            let alternate = format!("hreflang=\"{other}\" href=\"{}/registry\"", other.prefix());
            assert!(b.contains(&alternate), "{lang}: {alternate}");
        }
        assert!(
            b.contains(&format!("action=\"{prefix}/registry\"")),
            "{lang}"
        );
        assert!(
            b.contains(&format!("href=\"{prefix}/registry/practices/{id}\"")),
            "{lang}: the result links in the language"
        );
        if lang != Lang::En {
            assert_ne!(
                t_in(lang, "reg-browse-title", None),
                t_in(Lang::En, "reg-browse-title", None)
            );
            assert!(!b.contains("Practices, needs and tools"), "{lang}");
        }

        let practice = [
            "reg-city-numbers",
            "reg-what-the-city-did",
            "reg-policy-employment",
            "reg-period",
            "reg-interval",
            "reg-cities-like-this",
        ];
        let page = page_in(
            &mut anon,
            lang,
            &format!("/registry/practices/{id}"),
            &practice,
        )
        .await;
        let b = &page;
        // the practice's own text is not translated, and says which language it is in
        assert!(
            b.contains("<h1 lang=\"de\">Jobcoaching für Neuankömmlinge</h1>"),
            "{lang}"
        );
        assert!(
            b.contains("<div lang=\"de\"><p>Ein Coach für je zwanzig Teilnehmende.</p></div>"),
            "{lang}"
        );
        // the numbers in the language's format (61.0 in English, 61,0 in French)
        assert!(b.contains(&number_in(lang, 61.0, 1)), "{lang}");
        assert!(
            b.contains(&format!("href=\"{prefix}/registry/login\"")),
            "{lang}: sign in"
        );
        assert!(
            b.contains(&format!("href=\"{}/areas/AT13\"", prefix)),
            "{lang}: the city's page in the language"
        );
    }
    // the machine twins stay language-neutral
    let json = anon.get(&format!("/fr/registry/practices/{id}.json")).await;
    assert_eq!(json.status, StatusCode::OK);
    assert!(json.body.contains("\"status\": \"published\""));
    let en = anon.get(&format!("/registry/practices/{id}.json")).await;
    assert_eq!(json.body, en.body, "the same bytes under every prefix");
    // a refusal in the page's language
    let r = anon.get("/de/registry/practices/99999").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r
        .body
        .contains(&in_page(Lang::De, "reg-error-not-found-text", &[])));
    assert!(r.body.contains("<html lang=\"de\""));
}

#[tokio::test(flavor = "multi_thread")]
async fn forms_under_a_language_prefix_stay_in_it() {
    let p = portal("form-language");
    let mut wien = Browser::new(&p);
    // the sign-in wall keeps the language
    sent_to_login(&mut wien, "/fr").await;
    let login = wien.get("/fr/registry/login").await;
    assert!(login.body.contains("action=\"/fr/registry/login\""));
    assert!(login
        .body
        .contains(&in_page(Lang::Fr, "reg-login-lead", &[])));
    let csrf = wien.csrf("/fr/registry/login").await;
    let r = wien
        .post(
            "/fr/registry/login",
            &[
                ("csrf", &csrf),
                ("email", "editor@wien.example.eu"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location.as_deref(), Some("/fr/registry"));

    let form = wien.get("/fr/registry/practices/new").await;
    assert!(form.body.contains("action=\"/fr/registry/practices\""));
    for key in [
        "reg-field-title",
        "reg-label-running-since",
        "reg-save-draft",
    ] {
        assert!(form.body.contains(&in_page(Lang::Fr, key, &[])), "{key}");
    }
    // the entry languages by their own names
    assert!(form.body.contains(">Deutsch</option>"));
    let csrf = wien.csrf("/fr/registry/practices/new").await;

    // validation errors in French
    let mut fields = practice_fields(&csrf, "", "AT13");
    fields.retain(|(k, _)| *k != "period_from" && *k != "policy_areas");
    fields.push(("period_from", "19x"));
    let r = wien.post("/fr/registry/practices", &fields).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let b = &r.body;
    assert!(b.contains("<html lang=\"fr\""));
    assert!(b.contains("action=\"/fr/registry/practices\""));
    for (key, args) in [
        ("reg-invalid-required", vec![]),
        ("reg-invalid-year", vec![("value", "19x")]),
        ("reg-invalid-no-policy-area", vec![]),
        ("reg-field-title", vec![]),
        ("reg-field-period_from", vec![]),
        ("reg-please-correct", vec![("count", "3")]),
    ] {
        assert!(b.contains(&in_page(Lang::Fr, key, &args)), "{key}: {b}");
    }
    for english in [
        "is required",
        "is not a year",
        "choose at least one policy area",
    ] {
        assert!(!b.contains(english), "{english}");
    }

    // a valid practice posted under /fr leads to its French page
    let fields = practice_fields(&csrf, "Accompagnement vers l'emploi", "AT13");
    let r = wien.post("/fr/registry/practices", &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let to = r.location.unwrap();
    assert!(to.starts_with("/fr/registry/practices/"), "{to}");
    let page = wien.get(&to).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page
        .body
        .contains(&in_page(Lang::Fr, "reg-status-draft", &[])));
    assert!(page.body.contains(&format!(
        "action=\"/fr/registry/entries/{}/submit\"",
        &to[23..]
    )));
    // submitting it from the French page comes back to the French page
    let csrf = wien.csrf(&to).await;
    let r = wien
        .post(
            &format!("/fr/registry/entries/{}/submit", &to[23..]),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location.as_deref(), Some(to.as_str()));
    // signing out from a German page ends on the German registry
    let csrf = wien.csrf("/de/registry").await;
    let r = wien.post("/de/registry/logout", &[("csrf", &csrf)]).await;
    assert_eq!(r.location.as_deref(), Some("/de/registry"));
}
