//! `civis convert IN OUT`: convert statistical tables between Eurostat TSV, SDMX-CSV 1.0/2.0,
//! JSON-stat 2.0 and plain CSV (long or wide), optionally filtered.
//!
//! Formats come from the file names (`.tsv`, `.csv`, `.json`, each optionally `.gz` on input;
//! an input `.csv` is SDMX-CSV when its first column is `DATAFLOW`/`STRUCTURE`, else a Civis
//! long table; an output `.csv` is a plain long table) or from `--from`/`--to`.
//! A TSV input written to TSV, SDMX-CSV or CSV is converted series by series in bounded memory;
//! every other conversion loads the whole table. The output is written to a temporary file
//! beside OUT and renamed at the end, so a failed run leaves no partial file.

use std::path::{Path, PathBuf};

use crate::output::write_atomically;
use anyhow::{anyhow, bail, Context, Result};

use civis_io::cube::Dataset;
use civis_io::jsonstat::{read_jsonstat, write_jsonstat};
use civis_io::sdmx_csv::{read_sdmx_csv, write_sdmx_csv, SdmxCsvVersion};
use civis_io::stream::{convert_tsv, StreamOptions, StreamTarget};
use civis_io::table_csv::{read_csv_long, write_csv_long, write_csv_wide};
use civis_io::tsv::{read_tsv, write_tsv};

/// Arguments of `civis convert`.
#[derive(clap::Args, Debug, Clone)]
pub struct ConvertArgs {
    /// Input file: Eurostat TSV (.tsv), SDMX-CSV 1.0/2.0 or Civis long CSV (.csv), JSON-stat
    /// 2.0 (.json); gzip is recognised by its content.
    pub input: PathBuf,
    /// Output file.
    pub output: PathBuf,
    /// Input format (default: from the extension): tsv, sdmx-csv, jsonstat, csv (long).
    #[arg(long)]
    pub from: Option<String>,
    /// Output format (default: from the extension, `.csv` = csv): tsv, sdmx-csv (2.0),
    /// sdmx-csv1, jsonstat, csv.
    #[arg(long)]
    pub to: Option<String>,
    /// Keep only these codes of a dimension, `dim=code,code` (repeatable; the time dimension
    /// too, e.g. `TIME_PERIOD=2022,2023`).
    #[arg(long = "filter")]
    pub filters: Vec<String>,
    /// CSV output: one row per observation (the default).
    #[arg(long, conflicts_with = "wide")]
    pub long: bool,
    /// CSV output: one row per series, one column per time period (plus a flags column each).
    #[arg(long)]
    pub wide: bool,
    /// SDMX-CSV 2.0 output: leave out the label columns (written when the input has labels).
    #[arg(long)]
    pub no_labels: bool,
    /// Map legacy flags to the 2025 code lists (s->i, z->m, c->CONF_STATUS C).
    #[arg(long)]
    pub flags_2025: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Tsv,
    SdmxCsv,
    SdmxCsv1,
    JsonStat,
    Csv,
}

fn parse_format(s: &str) -> Result<Format> {
    Ok(match s.to_ascii_lowercase().as_str() {
        "tsv" => Format::Tsv,
        "sdmx-csv" | "sdmx-csv2" | "sdmxcsv" => Format::SdmxCsv,
        "sdmx-csv1" => Format::SdmxCsv1,
        "jsonstat" | "json-stat" | "json" => Format::JsonStat,
        "csv" => Format::Csv,
        other => bail!("unknown format `{other}` (tsv, sdmx-csv, sdmx-csv1, jsonstat, csv)"),
    })
}

fn by_extension(path: &Path, input: bool) -> Result<Format> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    Ok(match ext {
        "tsv" => Format::Tsv,
        "json" => Format::JsonStat,
        "csv" if input => sniff_csv(path)?,
        "csv" => Format::Csv,
        _ => bail!(
            "cannot tell the format of {} from its extension; use --{}",
            path.display(),
            if input { "from" } else { "to" }
        ),
    })
}

/// An input `.csv` is SDMX-CSV when its first column is `DATAFLOW` (1.0) or `STRUCTURE` (2.0),
/// else a Civis long table.
fn sniff_csv(path: &Path) -> Result<Format> {
    use std::io::{BufRead, Read};
    let mut first = String::new();
    let mut input = civis_io::input::open_input(path)?;
    (&mut input)
        .take(1 << 16)
        .read_line(&mut first)
        .with_context(|| format!("reading {}", path.display()))?;
    let first = first.trim_start_matches('\u{feff}');
    Ok(
        if first.starts_with("DATAFLOW") || first.starts_with("STRUCTURE") {
            Format::SdmxCsv
        } else {
            Format::Csv
        },
    )
}

/// Parses `dim=code,code` filters (several for one dimension intersect).
pub fn parse_filters(raw: &[String]) -> Result<Vec<(String, Vec<String>)>> {
    raw.iter()
        .map(|f| {
            let (d, codes) = f
                .split_once('=')
                .ok_or_else(|| anyhow!("--filter {f:?}: expected dim=code,code"))?;
            let codes: Vec<String> = codes
                .split(',')
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty())
                .collect();
            if d.trim().is_empty() || codes.is_empty() {
                bail!("--filter {f:?}: expected dim=code,code");
            }
            Ok((d.trim().to_owned(), codes))
        })
        .collect()
}

/// Runs `civis convert`.
pub fn run(args: &ConvertArgs) -> Result<()> {
    crate::output::refuse_overwriting_inputs(("OUT", &args.output), &[("IN", &args.input)])?;
    let from = match &args.from {
        Some(f) => parse_format(f)?,
        None => by_extension(&args.input, true)?,
    };
    let to = match &args.to {
        Some(t) => parse_format(t)?,
        None => by_extension(&args.output, false)?,
    };
    if (args.long || args.wide) && to != Format::Csv {
        bail!("--long/--wide apply to CSV output only");
    }
    let filters = parse_filters(&args.filters)?;
    if from == Format::Tsv && to != Format::JsonStat {
        return stream_tsv(args, to, &filters);
    }
    let mut ds = read(&args.input, from)?;
    for d in &ds.dimensions {
        if is_geo_dimension(&d.id) {
            warn_unknown_geo(&args.input, &d.id, d.codes.iter().map(|c| c.id.as_str()));
        }
    }
    ds.filter(&filters).map_err(|m| anyhow!("--filter: {m}"))?;
    if args.flags_2025 {
        ds.flags_to_2025();
    }
    let name = args.output.display().to_string();
    let labels = !args.no_labels && ds.has_labels();
    write_atomically(&args.output, |w| {
        match to {
            Format::Tsv => write_tsv(&ds, w, &name).map(drop)?,
            Format::SdmxCsv => {
                write_sdmx_csv(&ds, w, &name, SdmxCsvVersion::V2, labels).map(drop)?
            }
            Format::SdmxCsv1 => {
                write_sdmx_csv(&ds, w, &name, SdmxCsvVersion::V1, false).map(drop)?
            }
            Format::JsonStat => write_jsonstat(&ds, w, &name).map(drop)?,
            Format::Csv if args.wide => write_csv_wide(&ds, w, &name).map(drop)?,
            Format::Csv => write_csv_long(&ds, w, &name).map(drop)?,
        }
        Ok(())
    })
}

/// Writes `ds` in the format `path`'s extension names (`.tsv`, `.json` JSON-stat, `.csv` a long
/// table, `.sdmx.csv` SDMX-CSV 2.0), through a temporary file renamed into place.
pub fn write_by_extension(ds: &Dataset, path: &Path) -> Result<()> {
    let lower = path.display().to_string().to_ascii_lowercase();
    let to = if lower.ends_with(".sdmx.csv") {
        Format::SdmxCsv
    } else {
        by_extension(path, false)?
    };
    let name = path.display().to_string();
    write_atomically(path, |w| {
        match to {
            Format::Tsv => write_tsv(ds, w, &name).map(drop)?,
            Format::SdmxCsv | Format::SdmxCsv1 => {
                write_sdmx_csv(ds, w, &name, SdmxCsvVersion::V2, ds.has_labels()).map(drop)?
            }
            Format::JsonStat => write_jsonstat(ds, w, &name).map(drop)?,
            Format::Csv => write_csv_long(ds, w, &name).map(drop)?,
        }
        Ok(())
    })
}

/// Geographic dimensions by their Eurostat ids.
fn is_geo_dimension(id: &str) -> bool {
    let id = id.to_ascii_lowercase();
    id == "geo" || id == "cities" || id == "ref_area"
}

/// Every geo code of an input is checked against the geography registry; unknown ones are
/// listed in a warning (the conversion itself goes on: Eurostat files carry aggregates and
/// historical codes that a user may still want converted).
fn warn_unknown_geo<'a>(input: &Path, dim: &str, codes: impl Iterator<Item = &'a str> + Clone) {
    if let Some(w) = civis_pipeline::geo_check::unknown_geo_warning(codes) {
        eprintln!(
            "civis convert: warning: {}, dimension `{dim}`: {w}",
            input.display()
        );
    }
}

fn read(path: &Path, format: Format) -> Result<Dataset> {
    Ok(match format {
        Format::Tsv => read_tsv(path)?,
        Format::SdmxCsv | Format::SdmxCsv1 => read_sdmx_csv(path)?,
        Format::JsonStat => {
            let mut v = read_jsonstat(path)?;
            if v.len() != 1 {
                bail!(
                    "{}: holds {} datasets with data; convert needs exactly one",
                    path.display(),
                    v.len()
                );
            }
            v.remove(0)
        }
        Format::Csv => read_csv_long(path)?,
    })
}

/// TSV in, TSV/SDMX-CSV/CSV out, in bounded memory ([`civis_io::stream::convert_tsv`]).
fn stream_tsv(args: &ConvertArgs, to: Format, filters: &[(String, Vec<String>)]) -> Result<()> {
    let target = match to {
        Format::Tsv => StreamTarget::Tsv,
        Format::SdmxCsv => StreamTarget::SdmxCsv(SdmxCsvVersion::V2),
        Format::SdmxCsv1 => StreamTarget::SdmxCsv(SdmxCsvVersion::V1),
        Format::Csv if args.wide => StreamTarget::CsvWide,
        Format::Csv => StreamTarget::CsvLong,
        Format::JsonStat => bail!("JSON-stat output is not streamed"),
    };
    let opts = StreamOptions {
        target,
        filters: filters.to_vec(),
        flags_2025: args.flags_2025,
        dataset_id: civis_io::tsv::dataset_id(&args.input),
        threads: 0,
        distinct_codes: vec!["geo".into(), "cities".into()],
    };
    let in_name = args.input.display().to_string();
    let out_name = args.output.display().to_string();
    let input = civis_io::input::open_input(&args.input)?;
    let mut stats = None;
    write_atomically(&args.output, |w| {
        let (w, st) = convert_tsv(input, &in_name, SyncAhead::new(w), &out_name, &opts)?;
        w.finish()?;
        stats = Some(st);
        Ok(())
    })?;
    for (dim, codes) in stats.map(|s| s.distinct_codes).unwrap_or_default() {
        if !codes.is_empty() {
            warn_unknown_geo(&args.input, &dim, codes.iter().map(String::as_str));
        }
    }
    Ok(())
}

/// A writer that has the kernel write the file to disk while more is coming: after every
/// [`SyncAhead::EVERY`] bytes, a helper thread calls `fdatasync` on a second handle of the
/// file. The `fsync` before the rename ([`write_atomically`]) then finds only the tail left to
/// write instead of the whole output (about 0.2 s for 100 MB here), and the disk works while
/// the conversion computes.
struct SyncAhead<'a> {
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

    fn new(out: &'a mut std::io::BufWriter<std::fs::File>) -> Self {
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
    fn finish(self) -> Result<()> {
        if let Some(SyncHelper { kick, thread }) = self.helper {
            drop(kick);
            thread
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p))
                .context("syncing the output to disk")?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_filters() {
        assert_eq!(
            by_extension(Path::new("a.tsv.gz"), true).unwrap(),
            Format::Tsv
        );
        let dir = std::env::temp_dir();
        let sdmx = dir.join(format!(
            "civis_convert_sniff_{}_sdmx.csv",
            std::process::id()
        ));
        let long = dir.join(format!(
            "civis_convert_sniff_{}_long.csv",
            std::process::id()
        ));
        std::fs::write(&sdmx, "\u{feff}STRUCTURE,STRUCTURE_ID,geo,OBS_VALUE\n").unwrap();
        std::fs::write(&long, "geo,time,value,flags\n").unwrap();
        assert_eq!(by_extension(&sdmx, true).unwrap(), Format::SdmxCsv);
        assert_eq!(by_extension(&long, true).unwrap(), Format::Csv);
        let _ = std::fs::remove_file(&sdmx);
        let _ = std::fs::remove_file(&long);
        assert_eq!(
            by_extension(Path::new("a.csv"), false).unwrap(),
            Format::Csv
        );
        assert!(by_extension(Path::new("a.xlsx"), false).is_err());
        assert_eq!(parse_format("sdmx-csv1").unwrap(), Format::SdmxCsv1);
        let f = parse_filters(&["geo=AT,DE".into()]).unwrap();
        assert_eq!(
            f,
            [("geo".to_owned(), vec!["AT".to_owned(), "DE".to_owned()])]
        );
        assert!(parse_filters(&["geo".into()]).is_err());
    }
}
