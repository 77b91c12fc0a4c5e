//! The table writers of civis-io ([`civis_io::estimate_table`], [`civis_io::atomic`]) at the
//! binary's edge: contents filled by the commands with `anyhow` errors, text tables on standard
//! output.

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use anyhow::Result;
pub use civis_io::atomic::{refuse_overwriting_inputs, remove_stale_temps};
pub use civis_io::estimate_table::{
    csv_field, extension, num, short, text, write_csv, write_file, write_table,
};
use civis_io::estimate_table::{print_aligned, write_text_csv, write_text_file};

/// Write a file through a temporary file beside it and a rename, so that readers never see half
/// a file and a failure leaves nothing behind ([`civis_io::atomic::write_atomically`]).
pub fn write_atomically(
    path: &Path,
    fill: impl FnOnce(&mut BufWriter<File>) -> Result<()>,
) -> Result<()> {
    Ok(civis_io::atomic::write_atomically(path, fill)?)
}

/// The columns of `header` that are not in `text`: the numeric columns of a table.
pub fn numeric<'a>(header: &[&'a str], text: &[&str]) -> Vec<&'a str> {
    header
        .iter()
        .copied()
        .filter(|c| !text.contains(c))
        .collect()
}

/// Write a table of text cells: CSV or JSON (by extension; `numeric` columns become JSON
/// numbers, empty ones null) through a temporary file, CSV to standard output for `-`, or an
/// aligned table on standard output without a path.
pub fn write_text_table(
    out: Option<&Path>,
    header: &[&str],
    rows: &[Vec<String>],
    numeric: &[&str],
) -> Result<()> {
    match out {
        None => print_aligned(std::io::stdout().lock(), header, rows)?,
        Some(p) if p.as_os_str() == "-" => {
            write_text_csv(&mut std::io::stdout().lock(), header, rows)?
        }
        Some(p) => write_text_file(p, header, rows, numeric)?,
    }
    Ok(())
}
