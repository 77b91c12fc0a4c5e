//! Helpers shared by the tests of this crate.

use std::error::Error;

/// The message and its causes, as the binary prints them (`anyhow`'s `{:#}`).
pub fn chain(e: &dyn Error) -> String {
    let mut out = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        out.push_str(&format!(": {c}"));
        cause = c.source();
    }
    out
}
