//! # civis-io: survey microdata in, estimate tables out
//!
//! [`read_csv`] loads a CSV file of microdata into a columnar [`Frame`]: numeric columns as `f64`
//! (missing = `NaN`), everything else as dictionary-encoded text.
//!
//! ## Format rules
//!
//! * **Records** end at LF or CRLF. Blank lines (empty, or a lone CR) are skipped. Line numbers
//!   in messages are *physical* lines of the file: the header is line 1 and a newline inside a
//!   quoted field counts.
//! * **Fields** are separated by [`CsvOptions::delimiter`] (`,` by default). A field that starts
//!   with `"` is quoted (RFC 4180): it ends at the next lone `"`, may contain delimiters and
//!   newlines, and `""` inside it stands for one `"`. Blanks between the closing quote and the
//!   delimiter are ignored; any other text there is an error. A `"` in the middle of an unquoted
//!   field is an ordinary character.
//! * **Header**: the first record names the columns. Names are trimmed of surrounding whitespace
//!   (and a UTF-8 byte-order mark, which is also skipped at the start of the file). Empty and
//!   duplicate names are errors. Every other record must have as many fields as the header.
//! * **Missing values**: a blank cell (empty, `""`, or only whitespace) is missing; so is the
//!   text `NaN` (any case) in a numeric column.
//! * **Types**: a column is numeric when every non-missing cell is a number — after trimming
//!   whitespace, a finite decimal literal such as `12`, `-0.5`, `.5`, `1e-3` (quoted or not:
//!   `"2"` is the number 2, as in R's `read.csv`). `inf`, `Infinity` and literals that overflow
//!   (`1e999`) are not numbers. Numbers are read to the correctly rounded `f64`. Any other column
//!   is text: cells are kept verbatim (not trimmed), dictionary-encoded with codes in order of
//!   first appearance, and [`StrColumn::first_non_numeric`](civis_frame::StrColumn) records where
//!   the first non-number is, so that "must be numeric" errors can point at it. When a column
//!   turns out to be text after numeric-looking cells, those cells keep their original text
//!   (`007` stays `007`).
//! * **Text** must be valid UTF-8; the error names the line and column of the bad bytes.
//!
//! ## Speed
//!
//! The file is read into memory at once (large files by several threads) and split at newlines
//! into one chunk per core; chunks are parsed in parallel straight into the final column arrays
//! (see the `reader` module for why the result never depends on the cut points, even with
//! newlines in quoted fields). Cells are tokenized without per-row allocation, columns not in
//! [`CsvOptions::columns`] are skipped without being decoded, plain decimals are parsed in the
//! same pass that finds their end (an exact fast path), and text cells are interned through a
//! last-value check and a hash map keyed by the packed bytes of short cells. On a 2-core machine
//! a 2,000,000-row, 13-column, 100 MB file reads in about 0.3 s.

mod accum;
pub mod chunks;
pub mod columnar;
mod error;
mod number;
mod reader;
mod scan;

use std::io::Read;
use std::path::Path;

use civis_frame::Frame;

pub use chunks::{ColumnChunks, CsvChunks};
pub use columnar::{open_microdata, read_microdata, MicrodataFormat};
pub use error::{Location, ReadError};

/// Options for [`read_csv`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvOptions {
    /// The field separator (default `b','`). It cannot be `"`, CR or LF.
    pub delimiter: u8,
    /// Load only these columns (the frame keeps the file's column order). Naming a column the
    /// file does not have is an error that lists the available names.
    pub columns: Option<Vec<String>>,
}

impl Default for CsvOptions {
    fn default() -> Self {
        Self {
            delimiter: b',',
            columns: None,
        }
    }
}

/// Reads a CSV file; messages name the file as `path` is displayed.
pub fn read_csv(path: &Path, opts: &CsvOptions) -> Result<Frame, ReadError> {
    let name = path.display().to_string();
    let data = read_file(path, threads()).map_err(|source| ReadError::Io {
        file: name.clone(),
        source,
    })?;
    read_csv_bytes(&data, &name, opts)
}

/// Reads a whole file; large files are read in `threads` pieces at once (copying from the page
/// cache and faulting in the buffer is a good part of reading a big CSV).
#[cfg_attr(not(unix), allow(unused_variables))]
fn read_file(path: &Path, threads: usize) -> std::io::Result<Vec<u8>> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt;
        let mut file = std::fs::File::open(path)?;
        let len = usize::try_from(file.metadata()?.len()).unwrap_or(0);
        if threads > 1 && len >= 8 * MIN_CHUNK {
            let mut data = vec![0u8; len];
            let piece = len.div_ceil(threads);
            let file_ref = &file;
            std::thread::scope(|s| {
                let handles: Vec<_> = data
                    .chunks_mut(piece)
                    .enumerate()
                    .map(|(k, buf)| {
                        s.spawn(move || file_ref.read_exact_at(buf, (k * piece) as u64))
                    })
                    .collect();
                handles
                    .into_iter()
                    .try_for_each(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            })?;
            // The file may have grown since its size was taken.
            use std::io::{Read, Seek, SeekFrom};
            file.seek(SeekFrom::Start(len as u64))?;
            file.read_to_end(&mut data)?;
            return Ok(data);
        }
    }
    std::fs::read(path)
}

fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Reads CSV from any reader (read to the end first); messages name it `source_name`.
pub fn read_csv_from<R: Read>(
    mut reader: R,
    source_name: &str,
    opts: &CsvOptions,
) -> Result<Frame, ReadError> {
    let mut data = Vec::new();
    reader
        .read_to_end(&mut data)
        .map_err(|source| ReadError::Io {
            file: source_name.to_owned(),
            source,
        })?;
    read_csv_bytes(&data, source_name, opts)
}

/// Reads CSV held in memory; messages name it `source_name`.
pub fn read_csv_bytes(
    data: &[u8],
    source_name: &str,
    opts: &CsvOptions,
) -> Result<Frame, ReadError> {
    reader::read_bytes(data, source_name, opts, threads(), MIN_CHUNK)
}

/// Chunks smaller than this are not worth a thread.
const MIN_CHUNK: usize = 1 << 20;

pub mod atomic;
pub mod cube;
pub mod estimate_table;
pub mod flags;
pub mod format_error;
pub mod grouped;
pub mod input;
pub mod jsonstat;
pub mod sdmx_csv;
pub mod stream;
pub mod table_csv;
pub mod totals;
pub mod tsv;
pub mod xlsx;
pub mod xlsx_read;
