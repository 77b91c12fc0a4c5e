//! The HTML pages (and their twins). One module per page.

pub mod area;
pub mod areas;
pub mod availability;
pub mod catalogue;
pub mod city;
pub mod compare;
pub mod downloads_page;
pub mod home;
pub mod indicator;
pub mod methodology;
pub mod peers;

use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};

use crate::AppState;

/// Query parameters in order, repeated keys kept (`?geo=AT&geo=DE`).
#[derive(Debug, Clone, Default)]
pub struct Params(pub Vec<(String, String)>);

impl Params {
    pub fn parse(raw: Option<&str>) -> Params {
        Params(
            raw.and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
                .unwrap_or_default(),
        )
    }

    /// The first non-empty value of a key.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// Every non-empty value of a key (comma-separated values are split too).
    pub fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// The query string again (`?a=b&c=d`), or empty.
    pub fn query_string(&self) -> String {
        if self.0.is_empty() {
            String::new()
        } else {
            format!(
                "?{}",
                serde_urlencoded::to_string(&self.0).unwrap_or_default()
            )
        }
    }
}

/// The stylesheet.
pub async fn stylesheet(headers: HeaderMap) -> Response {
    crate::respond::with_cache(
        &headers,
        0,
        crate::layout::CSS.as_bytes().to_vec(),
        "text/css; charset=utf-8",
        None,
    )
}

/// `/favicon.ico`: the site's colour as a 16 × 16 icon (browsers ask for it on every site).
pub async fn favicon(headers: HeaderMap) -> Response {
    crate::respond::with_cache(&headers, 0, favicon_ico(), "image/x-icon", None)
}

/// A 16 × 16 ICO file (one 32-bit BMP image): a dark blue square with a white "C"-shaped ring.
fn favicon_ico() -> Vec<u8> {
    const SIZE: u32 = 16;
    let pixels = SIZE * SIZE * 4;
    let mask = SIZE * 4; // 1 bit per pixel, rows padded to 4 bytes
    let image = 40 + pixels + mask;
    let mut out = Vec::with_capacity(22 + image as usize);
    out.extend_from_slice(&[0, 0, 1, 0, 1, 0]); // reserved, type icon, one image
    out.extend_from_slice(&[SIZE as u8, SIZE as u8, 0, 0, 1, 0, 32, 0]);
    out.extend_from_slice(&image.to_le_bytes());
    out.extend_from_slice(&22u32.to_le_bytes());
    out.extend_from_slice(&40u32.to_le_bytes()); // BITMAPINFOHEADER
    out.extend_from_slice(&(SIZE as i32).to_le_bytes());
    out.extend_from_slice(&(2 * SIZE as i32).to_le_bytes()); // image + mask
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&32u16.to_le_bytes());
    out.extend_from_slice(&[0u8; 24]);
    for y in 0..SIZE {
        for x in 0..SIZE {
            let (dx, dy) = (x as f64 - 7.5, y as f64 - 7.5);
            let r = (dx * dx + dy * dy).sqrt();
            let ring = (3.5..=5.5).contains(&r) && dx < 3.0;
            // BGRA
            out.extend_from_slice(if ring {
                &[255, 255, 255, 255]
            } else {
                &[0x5b, 0x35, 0x12, 255]
            });
        }
    }
    out.extend(std::iter::repeat_n(0u8, mask as usize));
    out
}

/// Liveness and what is loaded.
pub async fn healthz(State(state): State<AppState>) -> Response {
    let d = &state.data;
    (
        [(header::CONTENT_TYPE, "application/json")],
        serde_json::json!({
            "status": "ok",
            "observations": d.obs.len(),
            "indicators": d.indicators.len(),
            "areas": d.areas.len(),
            "datasets": d.datasets.len(),
        })
        .to_string(),
    )
        .into_response()
}

/// 404 for unknown paths.
pub async fn not_found() -> Response {
    crate::respond::not_found_page()
}
