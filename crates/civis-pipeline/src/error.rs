//! The one error type of the workflows.

use civis_catalog::CatalogError;
use civis_frame::FrameError;
use civis_io::totals::TotalsError;
use civis_io::ReadError;
use civis_survey::SurveyError;

/// Why a workflow step failed. Every message is one sentence naming the option, file, line or
/// column at fault; [`PipelineError::Context`] adds the step (e.g. `country = AT`) above its cause.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The request or an input breaks a rule the step checks itself (the message says which).
    #[error("{0}")]
    Invalid(String),
    /// A step that failed, with the failure as its cause.
    #[error("{context}")]
    Context {
        context: String,
        #[source]
        source: Box<PipelineError>,
    },
    #[error(transparent)]
    Survey(#[from] SurveyError),
    #[error(transparent)]
    Frame(#[from] FrameError),
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    Totals(#[from] TotalsError),
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    #[error(transparent)]
    Csv(#[from] csv::Error),
    #[error(transparent)]
    File(#[from] std::io::Error),
}

/// The result of a workflow step.
pub type Result<T, E = PipelineError> = std::result::Result<T, E>;

/// Adds the step that failed above an error (as `anyhow::Context` does in the binary).
pub trait WithContext<T> {
    fn with_context<S: Into<String>, F: FnOnce() -> S>(self, context: F) -> Result<T>;
}

impl<T, E: Into<PipelineError>> WithContext<T> for std::result::Result<T, E> {
    fn with_context<S: Into<String>, F: FnOnce() -> S>(self, context: F) -> Result<T> {
        self.map_err(|e| PipelineError::Context {
            context: context().into(),
            source: Box::new(e.into()),
        })
    }
}

/// `PipelineError::Invalid` with a formatted message.
macro_rules! invalid {
    ($($arg:tt)*) => { $crate::error::PipelineError::Invalid(format!($($arg)*)) };
}

/// Return early with `PipelineError::Invalid`.
macro_rules! bail {
    ($($arg:tt)*) => { return Err($crate::error::invalid!($($arg)*)) };
}

pub(crate) use {bail, invalid};
