//! The translation check: every language has exactly the messages of the English source (the
//! portal's files and the registry's, each set on its own), each parses, and every indicator of the catalogue has its name and definition translated. Run by
//! `cargo test -p civis-web --test i18n`; [`check_files`] is the same check on any set of files
//! (the test proves it fails on a fixture with a missing key).

use std::collections::BTreeSet;
use std::fmt;

use fluent_syntax::ast::Entry;
use fluent_syntax::parser;

use super::Lang;

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
    /// A registry message has the id of a portal message (one bundle holds both).
    Duplicate { file: String, key: String },
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
            Problem::Duplicate { file, key } => {
                write!(f, "{file}: message `{key}` is also a message of en.ftl")
            }
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

/// The check on the files compiled into the portal, against the catalogue's indicators: the
/// portal's files (`<code>.ftl`) and the registry's (`registry/<code>.ftl`).
pub fn check_shipped(catalogue_ids: &[String]) -> Vec<Problem> {
    check_sources(super::Lang::ftl, super::Lang::registry_ftl, catalogue_ids)
}

/// [`check_shipped`] on the texts `portal` and `registry` give for each language: each set of
/// files against its English source (the catalogue's indicators belong to the portal's files),
/// and no message id in both sets (the bundle would keep only the first).
pub fn check_sources<'p, 'r>(
    portal: impl Fn(Lang) -> &'p str,
    registry: impl Fn(Lang) -> &'r str,
    catalogue_ids: &[String],
) -> Vec<Problem> {
    let mut problems = check_set("", &portal, catalogue_ids);
    problems.extend(check_set("registry/", &registry, &[]));
    let (portal_ids, _) = message_ids("en.ftl", portal(Lang::En));
    let (registry_ids, _) = message_ids("registry/en.ftl", registry(Lang::En));
    for key in portal_ids.intersection(&registry_ids) {
        problems.push(Problem::Duplicate {
            file: "registry/en.ftl".into(),
            key: key.clone(),
        });
    }
    problems
}

/// One set of files (`<dir><code>.ftl`, every language) against its English source.
fn check_set<'t>(dir: &str, text: &dyn Fn(Lang) -> &'t str, ids: &[String]) -> Vec<Problem> {
    let name = |l: Lang| format!("{dir}{}.ftl", l.code());
    let others: Vec<(String, &str)> = Lang::ALL[1..]
        .iter()
        .map(|l| (name(*l), text(*l)))
        .collect();
    let others: Vec<(&str, &str)> = others.iter().map(|(f, t)| (f.as_str(), *t)).collect();
    check_files((&name(Lang::En), text(Lang::En)), &others, ids)
}
