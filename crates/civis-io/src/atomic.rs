//! Writing files so that nobody sees half of one: [`write_atomically`] fills a temporary file
//! beside the target, syncs it and renames it into place, and a failure leaves nothing behind
//! ([`SyncAhead`] has the disk work while a large file is still being written);
//! [`remove_stale_temps`] clears what killed runs left; [`refuse_overwriting_inputs`] keeps an
//! output from destroying an input under another name.

use std::error::Error;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// A file that could not be written: `writing <path>`, caused by what went wrong.
#[derive(Debug, thiserror::Error)]
#[error("writing {}", path.display())]
pub struct WriteFileError {
    path: PathBuf,
    #[source]
    cause: WriteStep,
}

/// What went wrong while writing a file.
#[derive(Debug, thiserror::Error)]
enum WriteStep {
    #[error("creating {}", .0.display())]
    Create(PathBuf, #[source] io::Error),
    #[error("moving the result to {}", .0.display())]
    Rename(PathBuf, #[source] io::Error),
    #[error(transparent)]
    Io(#[from] io::Error),
    /// The caller's content failed (its message and cause chain are kept).
    #[error(transparent)]
    Fill(Box<dyn Error + Send + Sync>),
}

/// Writes `path` through a temporary file beside it (`.<name>.<pid>.tmp`), filled by `fill`,
/// flushed, synced and renamed into place, so that readers never see half a file and a failure
/// leaves nothing behind. Temporary files of killed runs are removed first
/// ([`remove_stale_temps`]).
pub fn write_atomically<E>(
    path: &Path,
    fill: impl FnOnce(&mut BufWriter<File>) -> Result<(), E>,
) -> Result<(), WriteFileError>
where
    E: Into<Box<dyn Error + Send + Sync>>,
{
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    remove_stale_temps(dir, &format!(".{name}."), &[".tmp"]);
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> Result<(), WriteStep> {
        let file = File::create(&tmp).map_err(|e| WriteStep::Create(tmp.clone(), e))?;
        let mut w = BufWriter::with_capacity(1 << 20, file);
        fill(&mut w).map_err(|e| WriteStep::Fill(e.into()))?;
        w.flush()?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path).map_err(|e| WriteStep::Rename(path.to_path_buf(), e))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(|cause| WriteFileError {
        path: path.to_path_buf(),
        cause,
    })
}

/// Removes the temporary files a killed run of ours left in `dir`: names made of `prefix`, a
/// process id and one of `suffixes` (e.g. `.out.csv.` `4711` `.tmp`), whose process is no longer
/// running. Nothing else is touched: not another name, not a file of a run still under way.
pub fn remove_stale_temps(dir: &Path, prefix: &str, suffixes: &[&str]) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(prefix)) else {
            continue;
        };
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let (pid, suffix) = rest.split_at(digits);
        let ours = suffixes.contains(&suffix);
        if let (true, Ok(pid)) = (ours, pid.parse::<u32>()) {
            if !process_is_running(pid) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// Whether a process with this id exists (when unsure, it does).
fn process_is_running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return true;
        };
        // SAFETY: signal 0 only checks that the process exists and may be signalled.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// An output that is one of the inputs under another name.
#[derive(Debug, thiserror::Error)]
#[error(
    "{output_option} {} is the same file as {input_option} {}: writing it would destroy the input; choose another output file",
    output.display(),
    input.display()
)]
pub struct SameFileError {
    output_option: String,
    output: PathBuf,
    input_option: String,
    input: PathBuf,
}

/// Refuses to write the output `(option, path)` over one of the `inputs` (compared by canonical
/// path, so `./a.csv`, `a.csv` and a link to it are the same file): the input would be
/// destroyed. `-` (standard input or output) is never a file.
pub fn refuse_overwriting_inputs(
    output: (&str, &Path),
    inputs: &[(&str, &Path)],
) -> Result<(), SameFileError> {
    let Some(out) = canonical_target(output.1) else {
        return Ok(());
    };
    for (option, input) in inputs {
        if input.as_os_str() == "-" {
            continue;
        }
        if std::fs::canonicalize(input).is_ok_and(|i| i == out) {
            return Err(SameFileError {
                output_option: output.0.to_string(),
                output: output.1.to_path_buf(),
                input_option: option.to_string(),
                input: input.to_path_buf(),
            });
        }
    }
    Ok(())
}

/// The canonical path a file would be written to, if its directory exists.
fn canonical_target(path: &Path) -> Option<PathBuf> {
    if path.as_os_str() == "-" {
        return None;
    }
    if let Ok(p) = std::fs::canonicalize(path) {
        return Some(p);
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Some(std::fs::canonicalize(dir).ok()?.join(path.file_name()?))
}

/// A writer that has the kernel write the file to disk while more is coming: after every
/// [`SyncAhead::EVERY`] bytes, a helper thread calls `fdatasync` on a second handle of the
/// file. The `fsync` before the rename ([`write_atomically`]) then finds only the tail left to
/// write instead of the whole output (about 0.2 s for 100 MB here), and the disk works while
/// the conversion computes.
pub struct SyncAhead<'a> {
    out: &'a mut std::io::BufWriter<std::fs::File>,
    unsynced: u64,
    helper: Option<SyncHelper>,
}

struct SyncHelper {
    kick: std::sync::mpsc::SyncSender<()>,
    thread: std::thread::JoinHandle<std::io::Result<()>>,
}

impl<'a> SyncAhead<'a> {
    const EVERY: u64 = 16 << 20;

    /// Writes through `out`, the buffered temporary file of [`write_atomically`].
    pub fn new(out: &'a mut std::io::BufWriter<std::fs::File>) -> Self {
        SyncAhead {
            out,
            unsynced: 0,
            helper: None,
        }
    }

    /// Asks the helper (started on first use) for a sync; one already waiting covers this too.
    fn kick(&mut self) -> std::io::Result<()> {
        if self.helper.is_none() {
            let file = self.out.get_ref().try_clone()?;
            let (kick, rx) = std::sync::mpsc::sync_channel::<()>(1);
            let thread = std::thread::spawn(move || {
                for () in rx {
                    file.sync_data()?;
                }
                Ok(())
            });
            self.helper = Some(SyncHelper { kick, thread });
        }
        if let Some(h) = &self.helper {
            // Full: a sync is already waiting. Disconnected: the helper failed; `finish` says why.
            let _ = h.kick.try_send(());
        }
        Ok(())
    }

    /// Waits for the helper; its error, if any, is the write's.
    pub fn finish(self) -> Result<(), SyncAheadError> {
        if let Some(SyncHelper { kick, thread }) = self.helper {
            drop(kick);
            thread
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p))
                .map_err(SyncAheadError)?;
        }
        Ok(())
    }
}

impl std::io::Write for SyncAhead<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        self.unsynced += n as u64;
        if self.unsynced >= Self::EVERY {
            self.unsynced = 0;
            self.kick()?;
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// The helper of [`SyncAhead`] could not sync the file.
#[derive(Debug, thiserror::Error)]
#[error("syncing the output to disk")]
pub struct SyncAheadError(#[source] io::Error);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_stale_temporary_files_are_removed() {
        let dir = std::env::temp_dir().join(format!("civis-stale-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        // pid 999999999 is beyond Linux's pid_max: no such process; pid 1 always runs
        let dead = ".out.csv.999999999.tmp";
        let keep = [
            ".out.csv.1.tmp".to_string(),
            ".other.csv.999999999.tmp".to_string(),
            ".out.csv.12x.tmp".to_string(),
            ".out.csv.999999999.tmp.bak".to_string(),
            "out.csv".to_string(),
        ];
        for f in keep.iter().map(String::as_str).chain([dead]) {
            std::fs::write(dir.join(f), "x").unwrap();
        }
        write_atomically(&dir.join("out.csv"), |w| w.write_all(b"new")).unwrap();
        assert!(!dir.join(dead).exists(), "the dead run's file is removed");
        for f in &keep {
            assert!(dir.join(f).exists(), "{f} was removed");
        }
        assert_eq!(std::fs::read(dir.join("out.csv")).unwrap(), b"new");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_output_is_not_an_input_under_another_name() {
        let dir = std::env::temp_dir().join(format!("civis-same-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        let input = dir.join("data.csv");
        std::fs::write(&input, "a\n").unwrap();
        let same = dir.join("sub/../data.csv");
        let e = refuse_overwriting_inputs(("--out", &same), &[("--data", &input)]).unwrap_err();
        assert!(e.to_string().contains("is the same file as --data"), "{e}");
        let other = dir.join("out.csv");
        assert!(refuse_overwriting_inputs(("--out", &other), &[("--data", &input)]).is_ok());
        assert!(
            refuse_overwriting_inputs(("--out", Path::new("-")), &[("--data", &input)]).is_ok()
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A failed fill leaves no file and keeps the caller's cause chain under `writing <path>`.
    #[test]
    fn a_failed_write_leaves_nothing_and_keeps_the_cause() {
        let dir = std::env::temp_dir().join(format!("civis-failed-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.csv");
        let inner = io::Error::new(io::ErrorKind::InvalidData, "row 3 is bad");
        let e = write_atomically(&path, |w| {
            w.write_all(b"half")?;
            Err(inner)
        })
        .unwrap_err();
        assert_eq!(e.to_string(), format!("writing {}", path.display()));
        assert_eq!(e.source().unwrap().to_string(), "row 3 is bad");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
        let missing = dir.join("no/such/dir/out.csv");
        let e = write_atomically(&missing, |_| Ok::<(), io::Error>(())).unwrap_err();
        assert!(
            e.source().unwrap().to_string().starts_with("creating "),
            "{e}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
