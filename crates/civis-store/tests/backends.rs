//! One suite, run on both backends: each test below is a function of an opener (a closure
//! that opens the test's database, again if called again), run once on an SQLite file and once
//! on a PostgreSQL schema of its own (skipped with a notice when `CIVIS_TEST_POSTGRES` is
//! unset, failed when `CIVIS_REQUIRE_POSTGRES=1`).

use civis_store::{
    apply_migrations, in_transaction, open_store, schema_version, testing, Db, Definition, Dialect,
    Filter, Geography, Method, Migration, Observation, Param, Provenance, Store, StoreError, Value,
    MIGRATIONS,
};

type Open<'a> = &'a (dyn Fn() -> Box<dyn Store + Send> + Sync);

macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[test]
            fn sqlite() {
                let dir = std::env::temp_dir().join(format!(
                    "civis-store-{}-{}",
                    stringify!($name),
                    std::process::id()
                ));
                let _ = std::fs::remove_dir_all(&dir);
                std::fs::create_dir_all(&dir).unwrap();
                let spec = dir.join("civis.db").to_str().unwrap().to_string();
                super::$name(&|| civis_store::open_store(&spec).unwrap());
                let _ = std::fs::remove_dir_all(&dir);
            }

            #[test]
            fn postgres() {
                let Some(schema) = civis_store::testing::postgres_schema(stringify!($name)) else {
                    return;
                };
                let url = schema.url().to_string();
                super::$name(&|| civis_store::open_store(&url).unwrap());
            }
        }
    )*};
}

on_both_backends!(
    import_query_and_filter,
    replace_needs_asking_and_happens_in_one_transaction,
    a_failed_import_leaves_nothing_behind,
    large_imports_span_several_statements,
    delete_dataset_removes_its_observations,
    migrations_are_applied_once,
    other_crates_apply_their_own_migration_sets,
    definitions_and_geographies_are_upserted,
    placeholders_inside_string_literals_stay_text,
    transactions_commit_roll_back_and_nest,
    values_come_back_with_their_types,
    concurrent_writers_wait_for_each_other,
    a_newer_vintage_keeps_the_older_one_readable,
);

fn prov(name: &str, method: Method) -> Provenance {
    Provenance {
        name: name.into(),
        file: format!("{name}.csv"),
        source: "test".into(),
        method,
        vintage: "2026-11".into(),
        attribution: "Source: test".into(),
        synthetic: true,
    }
}

fn obs(indicator: &str, geo: &str, group: &str, v: f64) -> Observation {
    Observation {
        age: "Y_GE18".into(),
        time: "2024".into(),
        unit: "PC".into(),
        estimate: Some(v),
        ..testing::observation(indicator, geo, group)
    }
}

fn count(s: &dyn Store) -> usize {
    s.observations(&Filter::default()).unwrap().len()
}

fn import_query_and_filter(open: Open) {
    let mut s = open();
    let full = Observation {
        extra: "wstatus=EMP".into(),
        se: Some(1.5),
        ci_low: Some(20.0),
        ci_high: Some(26.0),
        n: Some(719),
        flags: "u".into(),
        model_share: Some(0.25),
        ..obs("arop_rate", "AT13", "NEU27_2020_FOR", 23.0)
    };
    let nan = Observation {
        estimate: Some(f64::NAN),
        se: Some(f64::INFINITY),
        ..obs("arop_rate", "AT", "NAT", 0.0)
    };
    s.import(
        &prov("silc", Method::ModelBased),
        &[full.clone(), nan],
        false,
    )
    .unwrap();
    s.import(
        &prov("lfs", Method::Official),
        &[
            obs("emp_rate", "AT", "NAT", 70.5),
            obs("emp_rate", "DE", "FOR", 64.1),
        ],
        false,
    )
    .unwrap();

    let all = s.observations(&Filter::default()).unwrap();
    let keys: Vec<(&str, &str)> = all
        .iter()
        .map(|o| (o.indicator.as_str(), o.geo.as_str()))
        .collect();
    assert_eq!(
        keys,
        [
            ("arop_rate", "AT"),
            ("arop_rate", "AT13"),
            ("emp_rate", "AT"),
            ("emp_rate", "DE")
        ]
    );
    assert_eq!(all[1], full, "every field comes back as it went in");
    assert_eq!(
        (all[0].estimate, all[0].se, all[0].model_share, all[0].n),
        (None, None, None, None),
        "non-finite numbers are stored as NULL"
    );

    let select = |f: Filter| -> Vec<String> {
        s.observations(&f)
            .unwrap()
            .into_iter()
            .map(|o| format!("{}/{}/{}", o.indicator, o.geo, o.group))
            .collect()
    };
    assert_eq!(
        select(Filter {
            geo: Some("AT".into()),
            ..Default::default()
        }),
        ["arop_rate/AT/NAT", "emp_rate/AT/NAT"]
    );
    assert_eq!(
        select(Filter {
            indicator: Some("emp_rate".into()),
            group: Some("FOR".into()),
            ..Default::default()
        }),
        ["emp_rate/DE/FOR"]
    );
    assert_eq!(
        select(Filter {
            dataset: Some("silc".into()),
            geo: Some("AT13".into()),
            ..Default::default()
        }),
        ["arop_rate/AT13/NEU27_2020_FOR"]
    );
    assert!(select(Filter {
        dataset: Some("nope".into()),
        ..Default::default()
    })
    .is_empty());

    let ds = s.datasets().unwrap();
    assert_eq!(ds.len(), 2);
    let lfs = &ds[0];
    assert_eq!(lfs.provenance, prov("lfs", Method::Official));
    assert_eq!(lfs.observations, 2);
    assert_eq!(ds[1].provenance.method, Method::ModelBased);
    // UTC `YYYY-MM-DD HH:MM:SS` on both databases
    let t = &lfs.imported_at;
    assert!(
        t.len() == 19 && t.as_bytes()[4] == b'-' && t.as_bytes()[10] == b' ' && t.starts_with("20"),
        "{t}"
    );
}

fn replace_needs_asking_and_happens_in_one_transaction(open: Open) {
    let mut s = open();
    s.import(
        &prov("a", Method::Direct),
        &[obs("x", "AT", "T", 1.0), obs("x", "BE", "T", 2.0)],
        false,
    )
    .unwrap();
    s.import(
        &prov("b", Method::Direct),
        &[obs("x", "AT", "T", 9.0)],
        false,
    )
    .unwrap();
    let err = s
        .import(
            &prov("a", Method::Direct),
            &[obs("x", "AT", "T", 3.0)],
            false,
        )
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Exists(ref n) if n == "a"),
        "{err}"
    );
    assert!(err.to_string().contains("--replace"));
    assert_eq!(count(&*s), 3);

    s.import(
        &prov("a", Method::Official),
        &[obs("x", "AT", "T", 3.0)],
        true,
    )
    .unwrap();
    let a = s
        .observations(&Filter {
            dataset: Some("a".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].estimate, Some(3.0));
    let ds = s.datasets().unwrap();
    assert_eq!(
        ds.iter()
            .map(|d| (
                d.provenance.name.as_str(),
                d.provenance.method,
                d.observations
            ))
            .collect::<Vec<_>>(),
        [("a", Method::Official, 1), ("b", Method::Direct, 1)]
    );
}

fn a_newer_vintage_keeps_the_older_one_readable(open: Open) {
    let mut s = open();
    let p = |vintage: &str| Provenance {
        vintage: vintage.into(),
        ..prov("lfst_r_lfur2gac", Method::Official)
    };
    s.import(
        &p("last update 2025-04-01"),
        &[obs("x", "AT13", "T", 10.0)],
        false,
    )
    .unwrap();
    s.import(
        &prov("other", Method::Direct),
        &[obs("y", "AT", "T", 5.0)],
        false,
    )
    .unwrap();
    // the same vintage again: a correction in place, no history
    s.import(
        &p("last update 2025-04-01"),
        &[obs("x", "AT13", "T", 11.0)],
        true,
    )
    .unwrap();
    assert_eq!(s.datasets().unwrap().len(), 2);
    // a newer vintage: the older one is kept, superseded
    s.import(
        &p("last update 2026-04-01"),
        &[obs("x", "AT13", "T", 12.5)],
        true,
    )
    .unwrap();
    let releases = s.releases().unwrap();
    assert_eq!(releases.len(), 4);
    assert_eq!(
        releases
            .iter()
            .map(|r| r.dataset.as_str())
            .collect::<Vec<_>>(),
        [
            "lfst_r_lfur2gac",
            "other",
            "lfst_r_lfur2gac",
            "lfst_r_lfur2gac"
        ]
    );
    assert_eq!(releases[3].vintage, "last update 2026-04-01");
    let ids: Vec<i64> = releases.iter().map(|r| r.id).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
    let ds = s.datasets().unwrap();
    let names: Vec<&str> = ds.iter().map(|d| d.provenance.name.as_str()).collect();
    assert_eq!(
        names,
        ["lfst_r_lfur2gac", "lfst_r_lfur2gac#vintage-1", "other"]
    );
    let (new, old) = (&ds[0], &ds[1]);
    assert_eq!((new.from_release, new.to_release), (Some(ids[3]), None));
    assert_eq!(
        (old.from_release, old.to_release),
        (Some(ids[2]), Some(ids[3]))
    );
    assert_eq!(old.series(), "lfst_r_lfur2gac");
    // what each release showed
    let value_at = |release: Option<i64>| -> Option<f64> {
        let d = ds
            .iter()
            .find(|d| d.series() == "lfst_r_lfur2gac" && d.visible_at(release))?;
        s.observations(&Filter {
            dataset: Some(d.provenance.name.clone()),
            ..Default::default()
        })
        .unwrap()[0]
            .estimate
    };
    assert_eq!(
        value_at(Some(ids[1])),
        None,
        "release 1 was replaced in place"
    );
    assert_eq!(value_at(Some(ids[2])), Some(11.0));
    assert_eq!(value_at(Some(ids[3])), Some(12.5));
    assert_eq!(value_at(None), Some(12.5));
    assert!(ds[2].visible_at(Some(ids[1])) && !ds[2].visible_at(Some(ids[0])));
    // the history survives reopening
    drop(s);
    let s = open();
    assert_eq!(s.releases().unwrap().len(), 4);
}

fn a_failed_import_leaves_nothing_behind(open: Open) {
    let mut s = open();
    s.import(
        &prov("a", Method::Direct),
        &[obs("x", "AT", "T", 1.0), obs("x", "BE", "T", 2.0)],
        false,
    )
    .unwrap();
    let before = s.observations(&Filter::default()).unwrap();

    // a repeated key, found before anything is written
    let err = s
        .import(
            &prov("a", Method::Direct),
            &[obs("x", "AT", "T", 5.0), obs("x", "AT", "T", 6.0)],
            true,
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("observation 2 repeats the key"), "{err}");
    // a model share that is not a share
    let bad = Observation {
        model_share: Some(1.5),
        ..obs("x", "AT", "T", 5.0)
    };
    let err = s
        .import(&prov("new", Method::ModelBased), &[bad], false)
        .unwrap_err();
    assert!(err.to_string().contains("between 0 and 1"), "{err}");

    // a failure in the database after the replacing import wrote everything: all of it,
    // the deletion of the old dataset included, is rolled back
    let err = in_transaction(s.db(), |db| {
        civis_store::observations::import(
            db,
            &prov("a", Method::Direct),
            &[obs("x", "CZ", "T", 7.0)],
            true,
        )?;
        civis_store::observations::import(
            db,
            &prov("c", Method::Direct),
            &[obs("x", "DK", "T", 8.0)],
            false,
        )?;
        db.execute("INSERT INTO no_such_table (x) VALUES ($1)", &[1.into()])?;
        Ok(())
    })
    .unwrap_err();
    assert!(
        matches!(err, StoreError::Sqlite(_) | StoreError::Postgres(_)),
        "{err}"
    );

    assert_eq!(s.observations(&Filter::default()).unwrap(), before);
    let names: Vec<String> = s
        .datasets()
        .unwrap()
        .into_iter()
        .map(|d| d.provenance.name)
        .collect();
    assert_eq!(names, ["a"]);
    // and the connection is fine afterwards
    s.import(
        &prov("c", Method::Direct),
        &[obs("x", "DK", "T", 8.0)],
        false,
    )
    .unwrap();
    assert_eq!(count(&*s), 3);
}

fn large_imports_span_several_statements(open: Open) {
    let mut s = open();
    // more than one multi-row INSERT, and a last one of another size
    let rows: Vec<Observation> = (0..1234)
        .map(|i| Observation {
            n: Some(i),
            model_share: Some(i as f64 / 1234.0),
            ..obs("x", &format!("A{i:05}"), "T", i as f64 / 10.0)
        })
        .collect();
    s.import(&prov("big", Method::ModelBased), &rows, false)
        .unwrap();
    assert_eq!(s.datasets().unwrap()[0].observations, 1234);
    assert_eq!(s.observations(&Filter::default()).unwrap(), rows);
}

fn delete_dataset_removes_its_observations(open: Open) {
    let mut s = open();
    s.import(
        &prov("a", Method::Direct),
        &[obs("x", "AT", "T", 1.0)],
        false,
    )
    .unwrap();
    s.import(
        &prov("b", Method::Direct),
        &[obs("x", "BE", "T", 2.0)],
        false,
    )
    .unwrap();
    assert!(s.delete_dataset("a").unwrap());
    assert!(!s.delete_dataset("a").unwrap());
    let left = s.observations(&Filter::default()).unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].geo, "BE");
    assert_eq!(s.datasets().unwrap().len(), 1);
}

fn migrations_are_applied_once(open: Open) {
    let latest = MIGRATIONS.len() as i64;
    {
        let mut s = open();
        assert_eq!(s.schema_version().unwrap(), latest);
        s.import(
            &prov("a", Method::Direct),
            &[obs("x", "AT", "T", 1.0)],
            false,
        )
        .unwrap();
        s.migrate().unwrap();
        s.migrate().unwrap();
    }
    let mut s = open();
    assert_eq!(s.schema_version().unwrap(), latest);
    assert_eq!(count(&*s), 1);
    let recorded = s
        .db()
        .query(
            "SELECT version, name FROM store_schema_migrations ORDER BY version",
            &[],
        )
        .unwrap();
    assert_eq!(recorded.len(), MIGRATIONS.len());
    assert_eq!(recorded[1].text(1).unwrap(), MIGRATIONS[1].name);
}

const REGISTRY: &[Migration] = &[
    Migration::portable(
        1,
        "practices",
        "CREATE TABLE practices (id {auto_id}, title TEXT NOT NULL, city TEXT NOT NULL)",
    ),
    Migration::per_dialect(
        2,
        "practice search",
        "CREATE VIRTUAL TABLE practice_search USING fts5(title)",
        "ALTER TABLE practices ADD COLUMN search tsvector
             GENERATED ALWAYS AS (to_tsvector('simple', title)) STORED;
         CREATE INDEX practices_search ON practices USING GIN (search)",
    ),
];

fn other_crates_apply_their_own_migration_sets(open: Open) {
    let mut s = open();
    let db = s.db();
    assert_eq!(schema_version(db, "registry").unwrap(), 0);
    assert_eq!(apply_migrations(db, "registry", REGISTRY).unwrap(), 2);
    assert_eq!(apply_migrations(db, "registry", REGISTRY).unwrap(), 2);
    // the store's own set is independent
    assert_eq!(
        schema_version(db, "store").unwrap(),
        MIGRATIONS.len() as i64
    );

    let title = "Mentoring for newly arrived women";
    let id = db
        .query_one(
            "INSERT INTO practices (title, city) VALUES ($1, $2) RETURNING id",
            &[title.into(), "Vienna".into()],
        )
        .unwrap()
        .int(0)
        .unwrap();
    let id2 = db
        .query_one(
            "INSERT INTO practices (title, city) VALUES ($1, $2) RETURNING id",
            &["Language cafés".into(), "Ghent".into()],
        )
        .unwrap()
        .int(0)
        .unwrap();
    assert!(id2 > id);
    let found = match db.dialect() {
        Dialect::Sqlite => {
            db.execute(
                "INSERT INTO practice_search (rowid, title) VALUES ($1, $2)",
                &[id.into(), title.into()],
            )
            .unwrap();
            db.query(
                "SELECT rowid FROM practice_search WHERE practice_search MATCH $1",
                &["mentoring".into()],
            )
            .unwrap()
        }
        Dialect::Postgres => db
            .query(
                "SELECT id FROM practices WHERE search @@ plainto_tsquery('simple', $1)",
                &["mentoring".into()],
            )
            .unwrap(),
    };
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].int(0).unwrap(), id);

    // a failing step is rolled back whole (its first statement too) and not recorded
    let mut broken = REGISTRY.to_vec();
    broken.push(Migration::portable(
        3,
        "broken",
        "CREATE TABLE sessions (id TEXT PRIMARY KEY); CREATE TABLE oops (",
    ));
    let err = apply_migrations(db, "registry", &broken).unwrap_err();
    assert!(
        matches!(&err, StoreError::Migration { set, version: 3, .. } if set == "registry"),
        "{err}"
    );
    assert_eq!(schema_version(db, "registry").unwrap(), 2);
    assert!(
        db.query("SELECT id FROM sessions", &[]).is_err(),
        "step 3 left a table behind"
    );
    // steps are numbered 1, 2, 3, ...; a database ahead of the program is refused
    let gap = [REGISTRY[0], Migration::portable(3, "gap", "SELECT 1")];
    assert!(apply_migrations(db, "registry", &gap).is_err());
    let err = apply_migrations(db, "registry", &REGISTRY[..1]).unwrap_err();
    assert!(err.to_string().contains("newer civis"), "{err}");
    // the rest still works
    assert_eq!(
        db.query("SELECT city FROM practices ORDER BY id", &[])
            .unwrap()[1]
            .text(0)
            .unwrap(),
        "Ghent"
    );
}

fn definitions_and_geographies_are_upserted(open: Open) {
    let mut s = open();
    let arop = Definition {
        indicator: "arop_rate".into(),
        name: "At-risk-of-poverty rate".into(),
        definition: "Share of persons with equivalised income below 60% of the national median"
            .into(),
        area: "social inclusion".into(),
        unit: "PC".into(),
        higher_is_better: Some(false),
        catalogue_version: "2026.1".into(),
    };
    let share = Definition {
        indicator: "foreign_share".into(),
        name: "Share of foreign citizens".into(),
        higher_is_better: None,
        catalogue_version: "2026.1".into(),
        ..Default::default()
    };
    s.upsert_definitions(&[share.clone(), arop.clone()])
        .unwrap();
    assert_eq!(s.definitions().unwrap(), [arop.clone(), share.clone()]);
    let arop2 = Definition {
        name: "At-risk-of-poverty rate (after social transfers)".into(),
        catalogue_version: "2026.2".into(),
        ..arop
    };
    s.upsert_definitions(std::slice::from_ref(&arop2)).unwrap();
    assert_eq!(s.definitions().unwrap(), [arop2, share]);
    assert!(s
        .upsert_definitions(&[Definition::default()])
        .is_err_and(|e| e.to_string().contains("no indicator id")));

    let at = Geography {
        code: "AT".into(),
        name: "Österreich".into(),
        level: "country".into(),
        parent: None,
        country: "AT".into(),
    };
    let at1 = Geography {
        code: "AT1".into(),
        name: "Ostösterreich".into(),
        level: "nuts1".into(),
        parent: Some("AT".into()),
        country: "AT".into(),
    };
    let vienna = Geography {
        code: "AT001C".into(),
        name: "Wien".into(),
        level: "city".into(),
        parent: Some("AT13".into()),
        country: "AT".into(),
    };
    s.upsert_geographies(&[vienna.clone(), at1.clone(), at.clone()])
        .unwrap();
    // byte order on both databases: digits before letters
    assert_eq!(
        s.geographies().unwrap(),
        [at.clone(), vienna.clone(), at1.clone()]
    );
    let vienna2 = Geography {
        parent: Some("AT1".into()),
        ..vienna
    };
    s.upsert_geographies(std::slice::from_ref(&vienna2))
        .unwrap();
    assert_eq!(s.geographies().unwrap(), [at, vienna2, at1]);
}

fn placeholders_inside_string_literals_stay_text(open: Open) {
    let mut s = open();
    let db = s.db();
    let row = db
        .query_one(
            "SELECT '$1 costs $2 -- /* not a comment */' AS lit, CAST($2 AS TEXT) AS b, CAST($1 AS BIGINT) AS a",
            &[7.into(), "x".into()],
        )
        .unwrap();
    assert_eq!(
        row.values(),
        [
            Value::Text("$1 costs $2 -- /* not a comment */".into()),
            Value::Text("x".into()),
            Value::Int(7)
        ]
    );
    // a placeholder used twice, and one after a quoted identifier containing `$`
    db.batch("CREATE TABLE t (\"price$1\" TEXT, v BIGINT)")
        .unwrap();
    db.execute(
        "INSERT INTO t (\"price$1\", v) VALUES ($1, $2), ($1, $2 + 1)",
        &["it's $3".into(), 5.into()],
    )
    .unwrap();
    let rows = db
        .query(
            "SELECT \"price$1\", v FROM t WHERE \"price$1\" = $1 ORDER BY v",
            &["it's $3".into()],
        )
        .unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (rows[0].text(0).unwrap(), rows[1].int(1).unwrap()),
        ("it's $3", 6)
    );
}

fn transactions_commit_roll_back_and_nest(open: Open) {
    let mut s = open();
    let db = s.db();
    db.batch("CREATE TABLE tx (v BIGINT NOT NULL)").unwrap();
    let values = |db: &mut dyn Db| -> Vec<i64> {
        db.query("SELECT v FROM tx ORDER BY v", &[])
            .unwrap()
            .iter()
            .map(|r| r.int(0).unwrap())
            .collect()
    };
    db.transaction(&mut |db| {
        db.execute("INSERT INTO tx (v) VALUES ($1)", &[1.into()])?;
        Ok(())
    })
    .unwrap();
    let err = db
        .transaction(&mut |db| {
            db.execute("INSERT INTO tx (v) VALUES ($1)", &[2.into()])?;
            Err(StoreError::Invalid("changed my mind".into()))
        })
        .unwrap_err();
    assert_eq!(err.to_string(), "changed my mind");
    assert_eq!(values(db), [1]);

    // nested: the inner failure undoes only the inner changes
    let n = in_transaction(db, |db| {
        db.execute("INSERT INTO tx (v) VALUES ($1)", &[3.into()])?;
        let inner = in_transaction(db, |db| {
            db.execute("INSERT INTO tx (v) VALUES ($1)", &[4.into()])?;
            db.execute("INSERT INTO tx (v) VALUES ($1)", &[Param::Null])?; // NOT NULL
            Ok(())
        });
        assert!(inner.is_err());
        db.execute("INSERT INTO tx (v) VALUES ($1)", &[5.into()])
    })
    .unwrap();
    assert_eq!(n, 1);
    assert_eq!(values(db), [1, 3, 5]);

    // a panicking body rolls back and leaves the connection usable
    let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = db.transaction(&mut |db| {
            db.execute("INSERT INTO tx (v) VALUES ($1)", &[6.into()])?;
            panic!("boom");
        });
    }));
    assert!(panicked.is_err());
    assert_eq!(values(db), [1, 3, 5]);
    in_transaction(db, |db| {
        db.execute("INSERT INTO tx (v) VALUES ($1)", &[7.into()])
    })
    .unwrap();
    assert_eq!(values(db), [1, 3, 5, 7]);
}

fn values_come_back_with_their_types(open: Open) {
    let mut s = open();
    let db = s.db();
    db.batch("CREATE TABLE v (i BIGINT, small INTEGER, r DOUBLE PRECISION, t TEXT, b INTEGER)")
        .unwrap();
    db.execute(
        "INSERT INTO v (i, small, r, t, b) VALUES ($1, $2, $3, $4, $5), ($6, $7, $8, $9, $10)",
        &[
            (i64::MAX).into(),
            42.into(),
            2.5.into(),
            "Zürich".into(),
            true.into(),
            Param::Null,
            Param::Null,
            Param::Null,
            Param::Null,
            None::<bool>.into(),
        ],
    )
    .unwrap();
    let mut rows = db
        .query(
            "SELECT i, small, r, t, b, COUNT(*) OVER () FROM v ORDER BY i",
            &[],
        )
        .unwrap();
    // NULLs sort last in PostgreSQL and first in SQLite: find the rows by content
    rows.sort_by_key(|r| r.opt_int(0).unwrap().is_none());
    let null = rows.pop().unwrap();
    let mut full = rows.pop().unwrap();
    assert_eq!(full.int(0).unwrap(), i64::MAX);
    assert_eq!(full.int(1).unwrap(), 42);
    assert_eq!(full.real(2).unwrap(), 2.5);
    assert_eq!(full.real(1).unwrap(), 42.0, "an integer reads as a real");
    assert!(full.bool(4).unwrap());
    assert_eq!(full.int(5).unwrap(), 2);
    assert_eq!(full.take_text(3).unwrap(), "Zürich");
    assert_eq!(full.value(3).unwrap(), &Value::Null, "taken");
    assert!(matches!(
        full.text(2),
        Err(StoreError::Column { index: 2, .. })
    ));
    assert!(full.int(2).is_err() && full.value(9).is_err());
    for i in 0..5 {
        assert_eq!(null.value(i).unwrap(), &Value::Null);
    }
    assert_eq!(
        (
            null.opt_int(0).unwrap(),
            null.opt_real(2).unwrap(),
            null.opt_text(3).unwrap(),
            null.opt_bool(4).unwrap()
        ),
        (None, None, None, None)
    );
    assert!(null.int(0).is_err());
    // a parameter that does not fit the column's type is an error, not a silent conversion
    // (SQLite stores what it is given, by its type affinity rules)
    if db.dialect() == Dialect::Postgres {
        let err = db
            .execute("INSERT INTO v (i) VALUES ($1)", &["not a number".into()])
            .unwrap_err();
        assert!(format!("{err:?}").contains("cannot bind"), "{err:?}");
    }
}

fn concurrent_writers_wait_for_each_other(open: Open) {
    // two processes' worth of connections opening a new database at once (both migrate it)
    // and importing at the same time
    std::thread::scope(|scope| {
        for t in 0..2 {
            scope.spawn(move || {
                let mut s = open();
                for k in 0..4 {
                    let rows: Vec<Observation> = (0..300)
                        .map(|i| obs("x", &format!("G{i:04}"), "T", i as f64))
                        .collect();
                    s.import(&prov(&format!("t{t}-{k}"), Method::Direct), &rows, false)
                        .unwrap();
                }
            });
        }
    });
    let s = open();
    assert_eq!(s.schema_version().unwrap(), MIGRATIONS.len() as i64);
    let ds = s.datasets().unwrap();
    assert_eq!(ds.len(), 8);
    assert!(ds.iter().all(|d| d.observations == 300));
}

/// A database written by the first version of civis-store (schema version 1, recorded in
/// `schema_migrations`) opens, is upgraded, and keeps its data.
#[test]
fn a_version_1_sqlite_file_is_upgraded() {
    let dir = std::env::temp_dir().join(format!("civis-store-v1-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("v1.db");
    {
        let mut db = civis_store::SqliteDb::open(&path).unwrap();
        db.batch(V1_SCHEMA).unwrap();
        db.batch(
            "INSERT INTO schema_migrations (version, applied_at) VALUES (1, '2026-01-01 00:00:00');
             INSERT INTO datasets (name, file, source, method, vintage, attribution, synthetic, imported_at)
                VALUES ('old', 'old.csv', 'Eurostat', 'official', '2025', 'Source: Eurostat', 0, '2026-01-02 03:04:05');
             INSERT INTO observations VALUES (1, 'emp_rate', 'DE', 'citizenship', 'FOR', 'T', 'Y15-64', '2021', 'PC', '',
                64.1, NULL, NULL, NULL, NULL, 'b');",
        )
        .unwrap();
    }
    let mut s = open_store(path.to_str().unwrap()).unwrap();
    assert_eq!(s.schema_version().unwrap(), MIGRATIONS.len() as i64);
    let old = s.observations(&Filter::default()).unwrap();
    assert_eq!(
        (old[0].estimate, old[0].flags.as_str(), old[0].model_share),
        (Some(64.1), "b", None)
    );
    let d = &s.datasets().unwrap()[0];
    assert_eq!(
        (d.provenance.method, d.imported_at.as_str()),
        (Method::Official, "2026-01-02 03:04:05")
    );
    // the old version table became the store set's
    let legacy = s
        .db()
        .query(
            "SELECT name FROM sqlite_master WHERE name = 'schema_migrations'",
            &[],
        )
        .unwrap();
    assert!(legacy.is_empty());
    // the new columns and tables work
    let sae = Observation {
        model_share: Some(0.4),
        ..obs("arop_rate", "AT13", "TOTAL", 15.0)
    };
    s.import(
        &prov("fh", Method::ModelBased),
        std::slice::from_ref(&sae),
        false,
    )
    .unwrap();
    s.upsert_geographies(&[Geography {
        code: "DE".into(),
        name: "Deutschland".into(),
        level: "country".into(),
        parent: None,
        country: "DE".into(),
    }])
    .unwrap();
    drop(s);
    let s = open_store(path.to_str().unwrap()).unwrap();
    assert_eq!(s.observations(&Filter::default()).unwrap().len(), 2);
    assert_eq!(s.geographies().unwrap().len(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The schema as the first civis-store created it.
const V1_SCHEMA: &str = r#"
CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);
CREATE TABLE datasets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    file TEXT NOT NULL,
    source TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('direct', 'model-based', 'official')),
    vintage TEXT NOT NULL,
    attribution TEXT NOT NULL,
    synthetic INTEGER NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE TABLE observations (
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    indicator TEXT NOT NULL,
    geo TEXT NOT NULL,
    criterion TEXT NOT NULL,
    group_code TEXT NOT NULL,
    sex TEXT NOT NULL,
    age TEXT NOT NULL,
    time TEXT NOT NULL,
    unit TEXT NOT NULL,
    extra TEXT NOT NULL,
    estimate DOUBLE PRECISION,
    se DOUBLE PRECISION,
    ci_low DOUBLE PRECISION,
    ci_high DOUBLE PRECISION,
    n BIGINT,
    flags TEXT NOT NULL,
    UNIQUE (dataset_id, indicator, geo, criterion, group_code, sex, age, time, unit, extra)
);
CREATE INDEX observations_indicator_geo ON observations (indicator, geo);
CREATE INDEX observations_geo ON observations (geo);
"#;

/// `SqliteStore::in_memory` and the `Store` trait as the CLI and older code use them.
#[test]
fn the_in_memory_store_keeps_its_api() {
    let mut s = civis_store::SqliteStore::in_memory().unwrap();
    assert_eq!(s.dialect(), Dialect::Sqlite);
    s.import(
        &prov("a", Method::Direct),
        &[obs("x", "AT", "T", 1.0)],
        false,
    )
    .unwrap();
    assert_eq!(count(&s), 1);
}
