//! The default database of the portal in an SQLite file: `civis init-db`, and `civis serve` on
//! its first start without a database. What goes in is [`civis_pipeline::seed`]'s; this file
//! writes it into a temporary file renamed into place at the end (see
//! [`build_default_database_file`]) and prints the progress of the models it runs.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};

use civis_pipeline::seed::{Listeners, SeedBuilder};
pub use civis_pipeline::seed::{Progress, Summary};
use civis_store::SqliteStore;

fn side_files(path: &Path) -> [PathBuf; 3] {
    let s = path.as_os_str().to_owned();
    let with = |suffix: &str| {
        let mut p = s.clone();
        p.push(suffix);
        PathBuf::from(p)
    };
    [path.to_path_buf(), with("-wal"), with("-shm")]
}

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
    if path.exists() && !force {
        bail!("{} exists (use --force to rebuild it)", path.display());
    }
    if !data_dir.join("eurostat").is_dir() {
        bail!(
            "{}: no data directory (expected eurostat/, microdata/, sae/, geo/ from the repository's data/)",
            data_dir.display()
        );
    }
    let name = path
        .file_name()
        .ok_or_else(|| anyhow!("{}: not a file name", path.display()))?
        .to_string_lossy()
        .into_owned();
    let tmp = path.with_file_name(format!(".{name}.building-{}", std::process::id()));
    // what killed builds left behind (their process is gone)
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let stale = (
        format!(".{name}.building-"),
        ["", "-wal", "-shm", "-journal"],
    );
    crate::output::remove_stale_temps(dir.unwrap_or(Path::new(".")), &stale.0, &stale.1);
    let remove_tmp = || {
        for f in side_files(&tmp) {
            let _ = std::fs::remove_file(f);
        }
    };
    remove_tmp();
    let result = (|| {
        let mut store =
            SqliteStore::open(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
        let seed = SeedBuilder::new(data_dir).build()?;
        let tty = std::io::stderr().is_terminal();
        let summary = seed.run(
            &mut store,
            &mut Listeners {
                step: progress,
                indicators: &|e| crate::indicators_cmd::print_event(tty, e),
                unit_level: &mut crate::sae_unit_cmd::print_progress,
            },
        )?;
        drop(store);
        Ok::<Summary, anyhow::Error>(summary)
    })();
    match result {
        Ok(summary) => {
            if force {
                for f in side_files(path).iter().skip(1) {
                    let _ = std::fs::remove_file(f);
                }
            }
            std::fs::rename(&tmp, path).map_err(|e| {
                remove_tmp();
                anyhow!("moving {} to {}: {e}", tmp.display(), path.display())
            })?;
            remove_tmp();
            Ok(summary)
        }
        Err(e) => {
            remove_tmp();
            Err(e)
        }
    }
}
