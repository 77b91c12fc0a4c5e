use thiserror::Error;

/// Errors in catalogue, variable and mapping files.
#[derive(Debug, Error)]
pub enum CatalogError {
    #[error("{file}: {message}")]
    Toml { file: String, message: String },
    #[error("{file}: indicator `{indicator}`: {what}")]
    Invalid {
        file: String,
        indicator: String,
        what: String,
    },
    #[error("{file}: {what}")]
    Mapping { file: String, what: String },
    #[error("{0}")]
    Other(String),
}
