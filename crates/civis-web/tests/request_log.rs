//! Every answer is traced (`tower-http`'s `TraceLayer`) and logged as one JSON line with the
//! fields `ts`, `method`, `path`, `query`, `status` and `micros`: pages, answers from the
//! response cache, 404s, language-prefixed pages (logged with the path the client asked for),
//! and nothing at all without a log.

use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::Request;
use tower::ServiceExt;

use civis_store::SqliteStore;
use civis_web::data::Maps;
use civis_web::server::{app_logging_to, LogSink};
use civis_web::PortalData;

fn data() -> Arc<PortalData> {
    let store = SqliteStore::in_memory().unwrap();
    Arc::new(PortalData::load(&store, Maps::new(None, None, None)).unwrap())
}

async fn get(app: &axum::Router, path: &str) -> u16 {
    let resp = app
        .clone()
        .oneshot(Request::get(path).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = resp.status().as_u16();
    // the whole body, as a client reads it
    axum::body::to_bytes(resp.into_body(), 1 << 24)
        .await
        .unwrap();
    status
}

#[tokio::test]
async fn every_answer_is_one_json_line_with_the_same_fields() {
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink: LogSink = {
        let lines = lines.clone();
        Arc::new(move |l: &str| lines.lock().unwrap().push(l.to_string()))
    };
    let app = app_logging_to(data(), Some(sink));
    let asked = [
        ("/methodology", 200),
        ("/methodology", 200), // from the response cache
        ("/fr/methodology", 200),
        ("/api/observations?limit=2&offset=0", 200),
        ("/no/such/page", 404),
    ];
    for (path, status) in asked {
        assert_eq!(get(&app, path).await, status, "{path}");
    }
    let lines = lines.lock().unwrap().clone();
    assert_eq!(lines.len(), asked.len(), "{lines:?}");
    for (line, (asked, status)) in lines.iter().zip(asked) {
        assert!(!line.contains('\n'), "{line}");
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let fields: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        let mut sorted = fields.clone();
        sorted.sort();
        assert_eq!(
            sorted,
            ["method", "micros", "path", "query", "status", "ts"],
            "{line}"
        );
        let (path, query) = asked.split_once('?').unwrap_or((asked, ""));
        assert_eq!(v["method"], "GET");
        assert_eq!(v["path"], path, "{line}");
        assert_eq!(v["query"], query, "{line}");
        assert_eq!(v["status"], status, "{line}");
        assert!(v["micros"].is_u64(), "{line}");
        assert!(v["ts"].as_f64().unwrap() > 1.7e9, "{line}");
    }
}

#[tokio::test]
async fn without_a_log_nothing_is_written_and_answers_keep_their_headers() {
    let app = app_logging_to(data(), None);
    let resp = app
        .oneshot(Request::get("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["x-frame-options"], "DENY");
    assert_eq!(resp.headers()["x-content-type-options"], "nosniff");
}
