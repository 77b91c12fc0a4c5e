//! Errors of the registry. Validation collects every problem of an entry at once, each named by
//! its field, so that a form can show them next to the inputs and an import can report them by
//! line and column.

use std::fmt;

use thiserror::Error;

/// One invalid field: its name as it appears in forms, JSON and CSV headers, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Every invalid field of one entry, in field order. Never empty.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub struct Invalid(pub Vec<FieldError>);

impl Invalid {
    /// The message for one field, if it has one.
    pub fn message(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// Collects field errors while an entry is validated.
#[derive(Debug, Default)]
pub(crate) struct Problems(Vec<FieldError>);

impl Problems {
    pub(crate) fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    /// Keeps the value of a field check, or records its error and returns `None`.
    pub(crate) fn take<T>(&mut self, field: &str, r: Result<T, String>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(m) => {
                self.add(field, m);
                None
            }
        }
    }

    pub(crate) fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, Invalid> {
        if self.0.is_empty() {
            Ok(value())
        } else {
            Err(Invalid(self.0))
        }
    }
}

/// Errors of the registry's operations outside validation.
#[derive(Debug, Error)]
pub enum RegistryError {
    #[error("invalid entry: {0}")]
    Invalid(#[from] Invalid),
    #[error("password hashing: {0}")]
    Password(String),
    #[error("the operating system's random number generator failed: {0}")]
    Random(String),
    #[error("{file}: {message}")]
    Seed { file: String, message: String },
}
