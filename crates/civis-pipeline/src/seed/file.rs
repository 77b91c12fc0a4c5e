//! The default database in an SQLite file, built so that nobody ever opens half of one: into a
//! temporary file beside the target (`.<name>.building-<pid>`), renamed into place only when
//! everything is in. A failed build removes its temporary files; those of killed builds (whose
//! process is gone) are removed by the next one.

use std::path::{Path, PathBuf};

use civis_io::atomic::remove_stale_temps;
use civis_store::SqliteStore;

use crate::error::{bail, invalid, Result, WithContext};
use crate::seed::{Listeners, SeedBuilder, Summary};

/// The database file and the write-ahead log and shared-memory files SQLite keeps beside it.
fn side_files(path: &Path) -> [PathBuf; 3] {
    let s = path.as_os_str().to_owned();
    let with = |suffix: &str| {
        let mut p = s.clone();
        p.push(suffix);
        PathBuf::from(p)
    };
    [path.to_path_buf(), with("-wal"), with("-shm")]
}

/// Builds the default database from `data_dir` into the SQLite file `path`. An existing `path`
/// is an error unless `force`, which replaces it; a failed build leaves no database.
pub fn build_sqlite_file(
    path: &Path,
    data_dir: &Path,
    force: bool,
    listeners: &mut Listeners<'_>,
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
        .ok_or_else(|| invalid!("{}: not a file name", path.display()))?
        .to_string_lossy()
        .into_owned();
    let tmp = path.with_file_name(format!(".{name}.building-{}", std::process::id()));
    // what killed builds left behind (their process is gone)
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let stale = format!(".{name}.building-");
    remove_stale_temps(
        dir.unwrap_or(Path::new(".")),
        &stale,
        &["", "-wal", "-shm", "-journal"],
    );
    let remove_tmp = || {
        for f in side_files(&tmp) {
            let _ = std::fs::remove_file(f);
        }
    };
    remove_tmp();
    let result = (|| -> Result<Summary> {
        let mut store =
            SqliteStore::open(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
        let summary = SeedBuilder::new(data_dir)
            .build()?
            .run(&mut store, listeners)?;
        drop(store);
        Ok(summary)
    })();
    let summary = result.inspect_err(|_| remove_tmp())?;
    if force {
        for f in side_files(path).iter().skip(1) {
            let _ = std::fs::remove_file(f);
        }
    }
    std::fs::rename(&tmp, path).map_err(|e| {
        remove_tmp();
        invalid!("moving {} to {}: {e}", tmp.display(), path.display())
    })?;
    remove_tmp();
    Ok(summary)
}
