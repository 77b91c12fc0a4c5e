//! The translation check: every language has exactly the messages of the English source, each
//! parses, and every indicator of the catalogue has its name and definition translated. Run by
//! `cargo test -p civis-web --test i18n`; [`check_files`] is the same check on any set of files
//! (the test proves it fails on a fixture with a missing key).

use std::collections::BTreeSet;
use std::fmt;

use fluent_syntax::ast::Entry;
use fluent_syntax::parser;

/// One thing wrong with a set of translation files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file does not parse (Fluent syntax), with the line of the first error.
    Syntax {
        file: String,
        line: usize,
        message: String,
    },
    /// A message of the English source is missing from a language.
    Missing { file: String, key: String },
    /// A language has a message the English source does not have.
    Extra { file: String, key: String },
    /// A message has no text (only attributes or nothing).
    Empty { file: String, key: String },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Syntax {
                file,
                line,
                message,
            } => {
                write!(f, "{file}, line {line}: not valid Fluent: {message}")
            }
            Problem::Missing { file, key } => write!(f, "{file}: message `{key}` is missing"),
            Problem::Extra { file, key } => write!(
                f,
                "{file}: message `{key}` is not in the English source (unused)"
            ),
            Problem::Empty { file, key } => write!(f, "{file}: message `{key}` has no text"),
        }
    }
}

/// The message ids of a Fluent file, with the problems of parsing it.
pub fn message_ids(file: &str, source: &str) -> (BTreeSet<String>, Vec<Problem>) {
    let mut problems = Vec::new();
    let res = match parser::parse(source) {
        Ok(r) => r,
        Err((r, errors)) => {
            for e in errors.iter().take(1) {
                // the line where the broken entry starts (the error itself may be at its end)
                let at = e.slice.as_ref().map_or(e.pos.start, |s| s.start);
                let line = source[..at.min(source.len())].matches('\n').count() + 1;
                problems.push(Problem::Syntax {
                    file: file.to_string(),
                    line,
                    message: e.kind.to_string(),
                });
            }
            r
        }
    };
    let mut ids = BTreeSet::new();
    for entry in res.body {
        if let Entry::Message(m) = entry {
            if m.value.is_none() {
                problems.push(Problem::Empty {
                    file: file.to_string(),
                    key: m.id.name.to_string(),
                });
            }
            ids.insert(m.id.name.to_string());
        }
    }
    (ids, problems)
}

/// Checks translations against the English source. `source`: (file name, text) of English;
/// `others`: the other languages; `catalogue_ids`: indicator ids whose name and definition each
/// other language must translate (`indicator-<id>`, `indicator-<id>-definition`; English takes
/// them from the catalogue itself).
pub fn check_files(
    source: (&str, &str),
    others: &[(&str, &str)],
    catalogue_ids: &[String],
) -> Vec<Problem> {
    let (english, mut problems) = message_ids(source.0, source.1);
    let mut expected = english.clone();
    for id in catalogue_ids {
        expected.insert(format!("indicator-{id}"));
        expected.insert(format!("indicator-{id}-definition"));
    }
    for (file, text) in others {
        let (ids, p) = message_ids(file, text);
        problems.extend(p);
        for key in expected.difference(&ids) {
            problems.push(Problem::Missing {
                file: file.to_string(),
                key: key.clone(),
            });
        }
        for key in ids.difference(&expected) {
            problems.push(Problem::Extra {
                file: file.to_string(),
                key: key.clone(),
            });
        }
    }
    problems
}

/// The check on the files compiled into the portal, against the catalogue's indicators.
pub fn check_shipped(catalogue_ids: &[String]) -> Vec<Problem> {
    let others: Vec<(String, &str)> = super::Lang::ALL[1..]
        .iter()
        .map(|l| (format!("{}.ftl", l.code()), l.ftl()))
        .collect();
    let others: Vec<(&str, &str)> = others.iter().map(|(f, t)| (f.as_str(), *t)).collect();
    check_files(("en.ftl", super::Lang::En.ftl()), &others, catalogue_ids)
}
