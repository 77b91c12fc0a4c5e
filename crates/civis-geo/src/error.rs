//! Errors of the geography registry and the map geometries.

use std::path::PathBuf;

/// An error while loading the geography registry or a map layer. Each variant names the file
/// (or embedded table) and, where it applies, the line or feature.
#[derive(Debug, thiserror::Error)]
pub enum GeoError {
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: not a valid GeoJSON FeatureCollection: {source}")]
    Json {
        file: String,
        #[source]
        source: serde_json::Error,
    },
    #[error("{file}, feature {index} ({id}): {reason}")]
    Feature {
        file: String,
        index: usize,
        id: String,
        reason: String,
    },
    #[error("{file}, line {line}: {reason}")]
    Table {
        file: String,
        line: u64,
        reason: String,
    },
    #[error("{file}: {source}")]
    Csv {
        file: String,
        #[source]
        source: csv::Error,
    },
}
