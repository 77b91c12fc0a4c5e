//! Errors of the statistical-table readers and writers ([`tsv`](crate::tsv),
//! [`sdmx_csv`](crate::sdmx_csv), [`jsonstat`](crate::jsonstat)). Messages start with the source
//! name, then the 1-based physical line and, when known, the 1-based column (field) with its
//! name: `lfsa.tsv: line 3, column 4 (2017): unknown flag 'x' in "bx"`.

use thiserror::Error;

pub use crate::error::Location;

/// Why a statistical table could not be read or written.
#[derive(Debug, Error)]
pub enum FormatError {
    /// Reading or writing failed.
    #[error("{file}: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
    /// The content breaks a format rule at a known place.
    #[error("{file}: {at}: {message}")]
    Parse {
        file: String,
        at: Location,
        message: String,
    },
    /// The content breaks a format rule that is not tied to one place (or the data cannot be
    /// expressed in the output format).
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
}

impl FormatError {
    /// The line of a data record, `None` for a blank line (skipped), or an error when its
    /// number of fields differs from the header's.
    pub fn record_line(
        name: &str,
        rec: &csv::StringRecord,
        header_len: usize,
    ) -> Result<Option<u64>, FormatError> {
        let line = rec.position().map_or(0, |p| p.line());
        if rec.len() == 1 && rec[0].trim().is_empty() {
            return Ok(None);
        }
        if rec.len() != header_len {
            return Err(FormatError::at(
                name,
                line,
                None,
                None,
                format!("{} fields but the header has {}", rec.len(), header_len),
            ));
        }
        Ok(Some(line))
    }

    /// A `csv` reader error of file `name`, with its line (and field for bad UTF-8).
    pub fn from_csv(name: &str, e: csv::Error) -> FormatError {
        let line = e.position().map_or(0, |p| p.line());
        match e.into_kind() {
            csv::ErrorKind::Io(io) => FormatError::io(name, io),
            csv::ErrorKind::Utf8 { pos, err } => FormatError::at(
                name,
                pos.map_or(line, |p| p.line()),
                Some(err.field() + 1),
                None,
                "invalid UTF-8",
            ),
            other => FormatError::at(name, line, None, None, format!("{other:?}")),
        }
    }

    pub(crate) fn io(file: &str, source: std::io::Error) -> Self {
        FormatError::Io {
            file: file.to_owned(),
            source,
        }
    }

    pub(crate) fn at(
        file: &str,
        line: u64,
        column: Option<usize>,
        name: Option<&str>,
        message: impl Into<String>,
    ) -> Self {
        FormatError::Parse {
            file: file.to_owned(),
            at: Location {
                line,
                column,
                name: name.map(str::to_owned),
            },
            message: message.into(),
        }
    }

    pub(crate) fn invalid(file: &str, message: impl Into<String>) -> Self {
        FormatError::Invalid {
            file: file.to_owned(),
            message: message.into(),
        }
    }

    /// The location, for parse errors.
    pub fn location(&self) -> Option<&Location> {
        match self {
            FormatError::Parse { at, .. } => Some(at),
            _ => None,
        }
    }
}
