//! Reader errors. Every message starts with the source name; positions are 1-based physical
//! lines of the file (the header is line 1) and 1-based column indices, followed by the column's
//! header name when it is known: `eusilc.csv: line 17, column 5 (age): ...`.

use std::fmt;

use thiserror::Error;

/// A position in the input: a 1-based physical line, and optionally a 1-based column with its
/// header name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub line: u64,
    pub column: Option<usize>,
    pub name: Option<String>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}", self.line)?;
        if let Some(c) = self.column {
            write!(f, ", column {c}")?;
            if let Some(n) = &self.name {
                write!(f, " ({n})")?;
            }
        }
        Ok(())
    }
}

/// Why a microdata file (CSV, Parquet, Arrow IPC) could not be read.
#[derive(Debug, Error)]
pub enum ReadError {
    #[error("{file}: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
    #[error(
        "{file}: the delimiter must be one byte other than a quote, CR or LF (got {delimiter:?})"
    )]
    BadDelimiter { file: String, delimiter: char },
    #[error("{file}: the file is empty (a header row naming the columns is required)")]
    NoHeader { file: String },
    #[error("{file}: line {line}: empty column name in the header at column {}", list(.columns))]
    EmptyName {
        file: String,
        line: u64,
        columns: Vec<usize>,
    },
    #[error("{file}: line {line}: column name `{name}` appears more than once in the header, at columns {}", list(.columns))]
    DuplicateName {
        file: String,
        line: u64,
        name: String,
        columns: Vec<usize>,
    },
    #[error("{file}: no column named {} in the file{hint}; columns are: {}", quoted(.missing), shown(.available))]
    UnknownColumns {
        file: String,
        missing: Vec<String>,
        available: Vec<String>,
        hint: String,
    },
    #[error("{file}: line {line}: expected {expected} fields (as in the header), found {found}")]
    FieldCount {
        file: String,
        line: u64,
        expected: usize,
        found: usize,
    },
    #[error("{file}: {at}: invalid UTF-8 text")]
    InvalidUtf8 { file: String, at: Location },
    #[error("{file}: {at}: quoted field is never closed (its opening quote is here)")]
    UnclosedQuote { file: String, at: Location },
    #[error("{file}: {at}: unexpected text after a closing quote (a quote inside a quoted field must be doubled: \"\")")]
    TextAfterQuote { file: String, at: Location },
    #[error("{file}: the name says {expected} but the file does not start as one{}", if *.feather_v1 { " (it is a Feather version 1 file: write it again as Feather version 2 or Parquet)" } else { "" })]
    NotColumnar {
        file: String,
        expected: &'static str,
        feather_v1: bool,
    },
    #[error("{file}: {message}")]
    Columnar { file: String, message: String },
    #[error("{file}: this civis was built without {format} input (the civis-io cargo feature `columnar`)")]
    NotBuiltIn { file: String, format: &'static str },
    #[error("{file}: column `{column}` has type {data_type}, which cannot be read as microdata (numbers: integers, floats, decimal128; text: strings and dictionaries of strings)")]
    UnsupportedType {
        file: String,
        column: String,
        data_type: String,
    },
    #[error("{file}: row {row}, column `{column}`: an infinite number (not a valid value)")]
    NotFinite {
        file: String,
        column: String,
        row: u64,
    },
    #[error("{file}: {at}: `{text}` is not a number, but the column held only numbers in the rows read before (a chunked read fixes a column's type by its first chunk; read the whole file)")]
    TypeChanged {
        file: String,
        at: Location,
        text: String,
    },
}

impl ReadError {
    /// The 1-based line the error refers to, when there is one.
    pub fn line(&self) -> Option<u64> {
        match self {
            ReadError::EmptyName { line, .. }
            | ReadError::DuplicateName { line, .. }
            | ReadError::FieldCount { line, .. } => Some(*line),
            ReadError::InvalidUtf8 { at, .. }
            | ReadError::UnclosedQuote { at, .. }
            | ReadError::TextAfterQuote { at, .. }
            | ReadError::TypeChanged { at, .. } => Some(at.line),
            _ => None,
        }
    }

    /// The 1-based column the error refers to, when there is one.
    pub fn column(&self) -> Option<usize> {
        match self {
            ReadError::InvalidUtf8 { at, .. }
            | ReadError::UnclosedQuote { at, .. }
            | ReadError::TextAfterQuote { at, .. }
            | ReadError::TypeChanged { at, .. } => at.column,
            _ => None,
        }
    }
}

fn list(v: &[usize]) -> String {
    match v {
        [] => String::new(),
        [a] => a.to_string(),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(usize::to_string).collect();
            format!("{} and {last}", init.join(", "))
        }
    }
}

fn quoted(v: &[String]) -> String {
    let q: Vec<String> = v.iter().map(|s| format!("`{s}`")).collect();
    q.join(", ")
}

fn shown(v: &[String]) -> String {
    const MAX: usize = 60;
    let mut s = v
        .iter()
        .take(MAX)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if v.len() > MAX {
        s.push_str(&format!(", ... ({} more)", v.len() - MAX));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages() {
        let e = ReadError::InvalidUtf8 {
            file: "eusilc.csv".into(),
            at: Location {
                line: 17,
                column: Some(5),
                name: Some("age".into()),
            },
        };
        assert_eq!(
            e.to_string(),
            "eusilc.csv: line 17, column 5 (age): invalid UTF-8 text"
        );
        assert_eq!((e.line(), e.column()), (Some(17), Some(5)));
        let e = ReadError::DuplicateName {
            file: "f.csv".into(),
            line: 1,
            name: "x".into(),
            columns: vec![2, 4, 7],
        };
        assert!(e.to_string().ends_with("at columns 2, 4 and 7"), "{e}");
    }
}
