//! The registry on the store: one suite, run on SQLite and (when `CIVIS_TEST_POSTGRES` is set)
//! on PostgreSQL in a schema of its own.

use civis_registry::audit::AuditAction;
use civis_registry::auth::password::PasswordHashing;
use civis_registry::auth::session::SessionPolicy;
use civis_registry::auth::throttle::LoginPolicy;
use civis_registry::auth::{Action, Role, User};
use civis_registry::directory;
use civis_registry::exchange::{import_json, Imported};
use civis_registry::repo::{self, Actor, Query, RepoError};
use civis_registry::{
    Area, Email, Instrument, Need, NeedForm, Practice, PracticeForm, Status, Timestamp,
};
use civis_store::{testing, Db, PgDb, SqliteDb};

const KNOWN: &[&str] = &["employment_rate", "early_leavers"];

fn practice(title: &str, area: &str, description: &str) -> Practice {
    PracticeForm {
        title: title.into(),
        area: area.into(),
        period_from: "2020".into(),
        policy_areas: vec!["employment".into()],
        target_groups: vec!["refugees".into()],
        indicators: vec!["employment_rate".into()],
        description: description.into(),
        ..Default::default()
    }
    .validate(&KNOWN)
    .unwrap()
}

struct People {
    vienna: User,
    berlin: User,
    moderator: User,
    admin: User,
}

fn people(db: &mut dyn Db, h: &PasswordHashing, t: Timestamp) -> People {
    let mut add = |email: &str, role: Role, areas: &[&str]| {
        let areas: Vec<Area> = areas.iter().map(|a| Area::parse(a).unwrap()).collect();
        repo::create_user(
            db,
            &Actor::System,
            &Email::parse(email).unwrap(),
            role,
            &areas,
            &h.hash("a long test password").unwrap(),
            t,
        )
        .unwrap()
    };
    People {
        vienna: add("editor@wien.example.eu", Role::Editor, &["AT13"]),
        berlin: add("editor@berlin.example.eu", Role::Editor, &["DE001C1"]),
        moderator: add("moderator@example.eu", Role::Moderator, &[]),
        admin: add("admin@example.eu", Role::Admin, &[]),
    }
}

fn suite(db: &mut dyn Db) {
    let t0 = Timestamp(1_795_590_000);
    let h = PasswordHashing::fast_for_tests();
    assert_eq!(repo::migrate(db).unwrap(), 3);
    assert_eq!(
        repo::migrate(db).unwrap(),
        3,
        "migrating again changes nothing"
    );
    let p = people(db, &h, t0);
    let vienna = Actor::User(&p.vienna);
    let berlin = Actor::User(&p.berlin);
    let moderator = Actor::User(&p.moderator);

    // an editor records a draft for their city
    let draft = repo::create(
        db,
        &vienna,
        practice(
            "Job coaching",
            "AT13",
            "Coaches accompany refugees into apprenticeships",
        ),
        Status::Draft,
        t0,
    )
    .unwrap();
    assert_eq!(draft.status, Status::Draft);
    assert_eq!(draft.created_by, Some(p.vienna.id));
    // ... which the public cannot see, by id or in search
    assert!(matches!(
        repo::get::<Practice>(db, &Actor::Anonymous, draft.id),
        Err(RepoError::NotFound)
    ));
    assert!(repo::search(db, &Actor::Anonymous, &Query::default())
        .unwrap()
        .is_empty());
    // nor can an editor of another city, who may not change it either
    assert!(matches!(
        repo::get::<Practice>(db, &berlin, draft.id),
        Err(RepoError::NotFound)
    ));
    assert!(repo::update(db, &berlin, draft.id, practice("x", "AT13", "y"), t0).is_err());
    // an editor may not move an entry to a city they do not answer for
    assert!(matches!(
        repo::update(db, &vienna, draft.id, practice("x", "DE001C1", "y"), t0),
        Err(RepoError::Forbidden)
    ));
    // nor create one there, nor publish their own
    assert!(matches!(
        repo::create(
            db,
            &vienna,
            practice("x", "DE001C1", "y"),
            Status::Draft,
            t0
        ),
        Err(RepoError::Forbidden)
    ));
    assert!(matches!(
        repo::transition(db, &vienna, draft.id, Action::Publish, "", t0),
        Err(RepoError::Forbidden)
    ));
    assert!(matches!(
        repo::create(
            db,
            &Actor::Anonymous,
            practice("x", "AT13", "y"),
            Status::Draft,
            t0
        ),
        Err(RepoError::Forbidden)
    ));

    // submit, then a moderator publishes
    let t1 = t0.plus(60);
    repo::transition(db, &vienna, draft.id, Action::Submit, "", t1).unwrap();
    let queue = repo::moderation_queue(db, &moderator).unwrap();
    assert_eq!(queue.iter().map(|e| e.id).collect::<Vec<_>>(), [draft.id]);
    assert!(repo::moderation_queue(db, &vienna).is_err());
    let published =
        repo::transition(db, &moderator, draft.id, Action::Publish, "fine", t1).unwrap();
    assert_eq!(published.status, Status::Published);
    assert_eq!(published.published_at, Some(t1));
    let public = repo::get::<Practice>(db, &Actor::Anonymous, draft.id).unwrap();
    assert_eq!(public.content.title, "Job coaching");

    // full-text search and filters
    repo::create(
        db,
        &moderator,
        practice(
            "Language cafés",
            "DE001C1",
            "Volunteers meet newcomers weekly",
        ),
        Status::Published,
        t1,
    )
    .unwrap();
    let find = |db: &mut dyn Db, text: &str| -> Vec<String> {
        repo::search(
            db,
            &Actor::Anonymous,
            &Query {
                text: Some(text.into()),
                ..Default::default()
            },
        )
        .unwrap()
        .into_iter()
        .map(|e| e.title)
        .collect()
    };
    assert_eq!(find(db, "apprenticeships"), ["Job coaching"]);
    assert_eq!(find(db, "REFUGEES coaches"), ["Job coaching"]);
    assert_eq!(find(db, "volunteers"), ["Language cafés"]);
    assert!(
        find(db, "volunteers apprenticeships").is_empty(),
        "all words must match"
    );
    assert!(
        find(db, "\" OR 1=1 -- *").is_empty(),
        "query syntax is inert"
    );
    let by_area = repo::search(
        db,
        &Actor::Anonymous,
        &Query {
            area: Some(Area::parse("AT").unwrap()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(by_area.len(), 1);
    let by_tag = repo::list::<Practice>(
        db,
        &Actor::Anonymous,
        &Query {
            tags: vec![
                "indicators:employment_rate".into(),
                "target_groups:refugees".into(),
            ],
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(by_tag.len(), 2);
    assert!(repo::list::<Practice>(
        db,
        &Actor::Anonymous,
        &Query {
            tags: vec!["policy_areas:health".into()],
            ..Default::default()
        }
    )
    .unwrap()
    .is_empty());

    // an editor's change to a published entry goes back to review and leaves public view
    let t2 = t1.plus(60);
    let edited = repo::update(
        db,
        &vienna,
        draft.id,
        practice("Job coaching 2.0", "AT130", "Coaches accompany refugees"),
        t2,
    )
    .unwrap();
    assert_eq!(edited.status, Status::Submitted);
    assert!(repo::get::<Practice>(db, &Actor::Anonymous, draft.id).is_err());
    assert_eq!(find(db, "coaching"), Vec::<String>::new());

    // the audit log has every change with before and after
    let log = repo::audit_log(db, &moderator, Some(draft.id), 100).unwrap();
    let actions: Vec<AuditAction> = log.iter().map(|r| r.action).collect();
    assert_eq!(
        actions,
        [
            AuditAction::Edit,
            AuditAction::Publish,
            AuditAction::Submit,
            AuditAction::Create
        ]
    );
    assert_eq!(log[0].actor, "editor@wien.example.eu");
    assert_eq!(log[0].before.as_ref().unwrap()["title"], "Job coaching");
    assert_eq!(log[0].after.as_ref().unwrap()["title"], "Job coaching 2.0");
    assert_eq!(log[1].note, "fine");
    // submitted and published in the same second
    assert_eq!(log[1].changed_fields(), ["published_at", "status"]);
    assert!(repo::audit_log(db, &vienna, None, 10).is_err());

    // needs, and deleting: editors delete drafts of their city only
    let need = repo::create(
        db,
        &berlin,
        NeedForm {
            title: "Migrant employment rate for Berlin".into(),
            area: "DE001C1".into(),
            kind: "data".into(),
            indicators: vec!["employment_rate".into()],
            description: "The LFS sample is too small for non-EU citizens".into(),
            ..Default::default()
        }
        .validate(&KNOWN)
        .unwrap(),
        Status::Draft,
        t2,
    )
    .unwrap();
    assert!(matches!(
        repo::delete(db, &vienna, need.id, t2),
        Err(RepoError::NotFound)
    ));
    repo::delete(db, &berlin, need.id, t2).unwrap();
    assert!(repo::get::<Need>(db, &Actor::System, need.id).is_err());
    let log = repo::audit_log(db, &moderator, Some(need.id), 10).unwrap();
    assert_eq!(log[0].action, AuditAction::Delete);
    assert!(log[0].after.is_none() && log[0].before.is_some());

    // the directory seed: at least 30, once
    let seed = directory::seed().unwrap();
    let n = seed.len();
    assert!(n >= 30);
    assert_eq!(repo::seed_directory(db, seed.clone(), t2).unwrap(), n);
    assert_eq!(repo::seed_directory(db, seed, t2).unwrap(), 0);
    let lfs = repo::instrument_by_slug(db, &Actor::Anonymous, "eu_lfs").unwrap();
    assert_eq!(
        lfs.content.owner,
        "Eurostat and the national statistical institutes"
    );
    let software = repo::list::<Instrument>(
        db,
        &Actor::Anonymous,
        &Query {
            tags: vec!["kind:software".into()],
            ..Default::default()
        },
    )
    .unwrap();
    assert!(software.len() >= 8, "{}", software.len());
    assert_eq!(
        repo::search(
            db,
            &Actor::Anonymous,
            &Query {
                text: Some("Intercultural".into()),
                ..Default::default()
            }
        )
        .unwrap()
        .first()
        .map(|e| e.title.clone()),
        Some("Intercultural Cities Index".into())
    );

    // import is all or nothing: a taken slug in the file stores nothing of it
    let doc = serde_json::json!({
        "format": "civis-registry", "version": 1,
        "practices": [{"title": "Imported", "area": "AT13", "period_from": "2018",
                       "policy_areas": "education", "description": "from a network's collection"}],
        "instruments": [directory::seed().unwrap()[0].to_form()]
    });
    let items: Imported = import_json(&doc.to_string(), &KNOWN).unwrap();
    assert!(matches!(
        repo::import(
            db,
            &moderator,
            items.clone(),
            Status::Published,
            "net.json",
            t2
        ),
        Err(RepoError::Conflict(_))
    ));
    assert!(find(db, "imported").is_empty());
    assert!(matches!(
        repo::import(db, &vienna, items, Status::Published, "net.json", t2),
        Err(RepoError::Forbidden)
    ));
    let ok = serde_json::json!({"format": "civis-registry", "version": 1, "practices": doc["practices"]});
    let n = repo::import(
        db,
        &moderator,
        import_json(&ok.to_string(), &KNOWN).unwrap(),
        Status::Published,
        "net.json",
        t2,
    )
    .unwrap();
    assert_eq!(n, 1);
    assert_eq!(find(db, "imported"), ["Imported"]);

    users_and_sessions(db, &h, &p, t2);
}

fn users_and_sessions(db: &mut dyn Db, h: &PasswordHashing, p: &People, t: Timestamp) {
    let admin = Actor::User(&p.admin);
    // duplicate accounts and editors without places are refused; only admins manage users
    let dup = repo::create_user(
        db,
        &admin,
        &Email::parse("ADMIN@example.eu").unwrap(),
        Role::Admin,
        &[],
        "x",
        t,
    );
    assert!(matches!(dup, Err(RepoError::Conflict(_))));
    let no_area = repo::create_user(
        db,
        &admin,
        &Email::parse("new@example.eu").unwrap(),
        Role::Editor,
        &[],
        "x",
        t,
    );
    assert!(matches!(no_area, Err(RepoError::Invalid(_))));
    assert!(matches!(
        repo::users(db, &Actor::User(&p.moderator)),
        Err(RepoError::Forbidden)
    ));
    assert_eq!(repo::users(db, &admin).unwrap().len(), 4);

    // login and lock-out
    let policy = LoginPolicy::default();
    let email = "editor@wien.example.eu";
    let u = repo::login(db, h, email, "a long test password", "10.0.0.1", &policy, t).unwrap();
    assert_eq!(u.id, p.vienna.id);
    for i in 0..5 {
        let r = repo::login(
            db,
            h,
            email,
            "wrong password!!",
            "10.0.0.2",
            &policy,
            t.plus(i),
        );
        assert!(matches!(r, Err(RepoError::BadCredentials)), "{i}: {r:?}");
    }
    // locked from that client: even the right password is refused there, not elsewhere
    let r = repo::login(
        db,
        h,
        email,
        "a long test password",
        "10.0.0.2",
        &policy,
        t.plus(10),
    );
    assert!(matches!(r, Err(RepoError::Locked(_))), "{r:?}");
    let elsewhere = repo::login(
        db,
        h,
        email,
        "a long test password",
        "10.0.0.3",
        &policy,
        t.plus(10),
    );
    assert!(elsewhere.is_ok(), "{elsewhere:?}");
    let r = repo::login(
        db,
        h,
        email,
        "a long test password",
        "10.0.0.2",
        &policy,
        t.plus(4 + 899),
    );
    assert!(
        matches!(r, Err(RepoError::Locked(_))),
        "still locked a second before the end"
    );
    let later = t.plus(4 + 900 + 1);
    assert!(repo::login(
        db,
        h,
        email,
        "a long test password",
        "10.0.0.2",
        &policy,
        later
    )
    .is_ok());
    assert!(matches!(
        repo::login(
            db,
            h,
            "nobody@example.eu",
            "whatever password",
            "10.0.0.4",
            &policy,
            later
        ),
        Err(RepoError::BadCredentials)
    ));
    let log = repo::audit_log(db, &admin, None, 100).unwrap();
    assert!(
        log.iter()
            .filter(|r| r.action == AuditAction::LoginFailed)
            .count()
            >= 6
    );

    // sessions
    let sp = SessionPolicy::default();
    let (token, s) = repo::start_session(db, Some(p.vienna.id), t).unwrap();
    let (found, who) = repo::session(db, &token, &sp, t.plus(30)).unwrap().unwrap();
    assert_eq!(found.csrf, s.csrf);
    assert_eq!(who.unwrap().id, p.vienna.id);
    assert!(repo::session(db, &token, &sp, t.plus(sp.idle + 10))
        .unwrap()
        .is_none());
    assert!(
        repo::session(db, &token, &sp, t.plus(30))
            .unwrap()
            .is_none(),
        "expired sessions are deleted"
    );
    let (token, _) = repo::start_session(db, Some(p.berlin.id), t).unwrap();
    // deactivating the account ends its sessions
    repo::update_user(
        db,
        &admin,
        p.berlin.id,
        Role::Editor,
        &p.berlin.areas,
        false,
        t,
    )
    .unwrap();
    assert!(repo::session(db, &token, &sp, t).unwrap().is_none());
    assert!(repo::login(
        db,
        h,
        "editor@berlin.example.eu",
        "a long test password",
        "10.0.0.9",
        &policy,
        t
    )
    .is_err());
    let (token, _) = repo::start_session(db, None, t).unwrap();
    repo::end_session(db, &token, t).unwrap();
    assert!(repo::session(db, &token, &sp, t).unwrap().is_none());
}

#[test]
fn registry_on_sqlite() {
    let mut db = SqliteDb::in_memory().unwrap();
    suite(&mut db);
}

#[test]
fn registry_on_postgres() {
    let Some(schema) = testing::postgres_schema("registry") else {
        return;
    };
    let mut db = PgDb::connect(schema.url()).unwrap();
    suite(&mut db);
}
