//! The default database of the portal in an SQLite file: `civis init-db`, and `civis serve` on
//! its first start without a database. What goes in is [`civis_pipeline::seed`]'s, and
//! [`civis_pipeline::seed::file`] writes it through a temporary file renamed into place; this
//! file prints the progress of the models it runs.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::Result;

use civis_pipeline::seed::Listeners;
pub use civis_pipeline::seed::{Progress, Summary};

/// Build the default database into the SQLite file `path`: into a temporary file next to it,
/// renamed to `path` only when everything is in, so an interrupted or failed build leaves no
/// database (and the temporary file is removed on failure). An existing `path` is an error
/// unless `force`, which replaces it.
pub fn build_default_database_file(
    path: &Path,
    data_dir: &Path,
    force: bool,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Summary> {
    let tty = std::io::stderr().is_terminal();
    Ok(civis_pipeline::seed::file::build_sqlite_file(
        path,
        data_dir,
        force,
        &mut Listeners {
            step: progress,
            indicators: &|e| crate::indicators_cmd::print_event(tty, e),
            unit_level: &mut crate::sae_unit_cmd::print_progress,
        },
    )?)
}
