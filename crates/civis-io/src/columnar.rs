//! Columnar microdata: Parquet files and Arrow IPC files (`.arrow`, `.feather` v2) and streams,
//! read chunk by chunk through [`ColumnChunks`] like a CSV, and [`open_microdata`] /
//! [`read_microdata`], which choose the reader by the file's magic bytes.
//!
//! Only the selected columns are decoded ([`CsvOptions::columns`]: a Parquet projection mask,
//! an Arrow IPC projection), one record batch at a time (at most [`BATCH_ROWS`] rows of one
//! Parquet row group, or one Arrow record batch), so memory is a few batches of the needed
//! columns, whatever the size of the file: a thread of the reader's own decodes (decompresses)
//! up to two batches ahead while the caller's thread turns the previous one into a frame.
//! Parquet text columns are read as dictionaries, so each distinct value is decoded and coded
//! once per dictionary page rather than once per row.
//!
//! ## Types
//!
//! Column types come from the file's schema, not from the values: integers (8 to 64 bits,
//! signed or not), floats (16 to 64 bits) and 128-bit decimals are numeric (`f64`); strings
//! (`utf8`, `large_utf8`, `utf8_view`, and dictionaries of them) are text, dictionary-coded in
//! order of first appearance as the CSV reader does; a column of only nulls is numeric and
//! missing. Missing values follow the CSV rules: a null, a float `NaN` and a text cell that is
//! empty or only whitespace are missing. An infinite float is refused (the CSV reader never
//! reads one as a number). Any other type (booleans, dates, lists, ...) is refused when the
//! column is selected, naming the column and its type.
//!
//! The Parquet and Arrow readers (arrow-rs) are the cargo feature `columnar`, on by default;
//! without it [`open_microdata`] refuses those files with [`ReadError::NotBuiltIn`] and reads
//! CSV as before.

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::Path;

use civis_frame::{Column, Frame, NumColumn, StrColumn, MISSING_CODE};

#[cfg(feature = "columnar")]
mod arrow;
#[cfg(feature = "columnar")]
pub use arrow::{ArrowChunks, ParquetChunks, RecordBatches, BATCH_ROWS};

use crate::chunks::{ColumnChunks, CsvChunks};
use crate::error::ReadError;
use crate::CsvOptions;

/// The formats [`open_microdata`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MicrodataFormat {
    /// Delimited text (plain or gzip-compressed).
    Csv,
    /// Apache Parquet (starts with `PAR1`).
    Parquet,
    /// Arrow IPC file format, also Feather v2 (starts with `ARROW1`).
    ArrowFile,
    /// Arrow IPC stream format (starts with the continuation marker `ff ff ff ff`).
    ArrowStream,
}

impl MicrodataFormat {
    /// The format of the file at `path`, by its first bytes. A name ending in `.parquet`,
    /// `.arrow`, `.feather`, `.arrows` or `.ipc` whose bytes are not of that kind is an error
    /// (rather than reading a binary file as CSV).
    pub fn detect(path: &Path) -> Result<MicrodataFormat, ReadError> {
        let name = path.display().to_string();
        let mut head = [0u8; 8];
        let mut file = File::open(path).map_err(|source| ReadError::Io {
            file: name.clone(),
            source,
        })?;
        let mut got = 0;
        while got < head.len() {
            match file.read(&mut head[got..]) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(source) => return Err(ReadError::Io { file: name, source }),
            }
        }
        let head = &head[..got];
        let found = if head.starts_with(b"PAR1") {
            MicrodataFormat::Parquet
        } else if head.starts_with(b"ARROW1") {
            MicrodataFormat::ArrowFile
        } else if head.starts_with(&[0xff; 4]) {
            MicrodataFormat::ArrowStream
        } else {
            MicrodataFormat::Csv
        };
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let expected = match ext.as_deref() {
            Some("parquet") => Some("Parquet"),
            Some("arrow" | "feather" | "arrows" | "ipc") => Some("Arrow IPC"),
            _ => None,
        };
        match (expected, found) {
            (Some(kind), MicrodataFormat::Csv) => Err(ReadError::NotColumnar {
                file: name,
                expected: kind,
                feather_v1: head.starts_with(b"FEA1"),
            }),
            _ => Ok(found),
        }
    }
}

/// Opens microdata for a chunked read, whatever its format ([`MicrodataFormat::detect`]);
/// `opts.columns` selects the columns of every chunk (`opts.delimiter` is for CSV only).
pub fn open_microdata(
    path: &Path,
    opts: &CsvOptions,
) -> Result<Box<dyn ColumnChunks + Send>, ReadError> {
    let format = MicrodataFormat::detect(path)?;
    if format == MicrodataFormat::Csv {
        return Ok(Box::new(CsvChunks::open(path, opts)?));
    }
    #[cfg(feature = "columnar")]
    {
        Ok(match format {
            MicrodataFormat::Parquet => Box::new(ParquetChunks::open(path, opts)?),
            _ => Box::new(ArrowChunks::open(path, opts)?),
        })
    }
    #[cfg(not(feature = "columnar"))]
    Err(ReadError::NotBuiltIn {
        file: path.display().to_string(),
        format: match format {
            MicrodataFormat::Parquet => "Parquet",
            _ => "Arrow IPC",
        },
    })
}

/// Reads all of a microdata file into one frame, whatever its format: CSV through
/// [`read_csv`](crate::read_csv), columnar files batch by batch, each text column coded with
/// one dictionary in order of first appearance.
pub fn read_microdata(path: &Path, opts: &CsvOptions) -> Result<Frame, ReadError> {
    if MicrodataFormat::detect(path)? == MicrodataFormat::Csv {
        return crate::read_csv(path, opts);
    }
    let mut chunks = open_microdata(path, opts)?;
    let mut whole: Option<(Vec<String>, Vec<ColumnAppender>)> = None;
    while let Some(chunk) = chunks.next_chunk()? {
        let (_, cols) = whole.get_or_insert_with(|| {
            let cols = chunk.columns().iter().map(ColumnAppender::new).collect();
            (chunk.names().to_vec(), cols)
        });
        for (acc, col) in cols.iter_mut().zip(chunk.columns()) {
            acc.append(col);
        }
    }
    let Some((names, cols)) = whole else {
        return Ok(empty_frame(chunks.names(), opts));
    };
    let mut frame = Frame::new(0);
    for (name, col) in names.into_iter().zip(cols) {
        frame
            .push(name, col.finish())
            .map_err(|e| ReadError::Columnar {
                file: path.display().to_string(),
                message: e.to_string(),
            })?;
    }
    Ok(frame)
}

/// A file without rows: its selected columns, empty and numeric (as an empty CSV column is).
fn empty_frame(names: &[String], opts: &CsvOptions) -> Frame {
    let mut frame = Frame::new(0);
    for n in names {
        if opts.columns.as_ref().is_none_or(|c| c.contains(n)) {
            // names are distinct and lengths agree: push cannot fail
            let _ = frame.push(n.clone(), Column::Num(NumColumn::default()));
        }
    }
    frame
}

/// Appends chunks of one column, merging the chunks' text dictionaries.
enum ColumnAppender {
    Num(Vec<f64>),
    Str {
        codes: Vec<u32>,
        dict: Vec<String>,
        index: HashMap<String, u32>,
    },
}

impl ColumnAppender {
    fn new(first: &Column) -> ColumnAppender {
        match first {
            Column::Num(_) => ColumnAppender::Num(Vec::new()),
            Column::Str(_) => ColumnAppender::Str {
                codes: Vec::new(),
                dict: Vec::new(),
                index: HashMap::new(),
            },
        }
    }

    /// Columns keep their type from batch to batch (one schema), so kinds always agree.
    fn append(&mut self, col: &Column) {
        match (self, col) {
            (ColumnAppender::Num(v), Column::Num(c)) => v.extend_from_slice(&c.values),
            (ColumnAppender::Str { codes, dict, index }, Column::Str(s)) => {
                let map: Vec<u32> = s
                    .dict
                    .iter()
                    .map(|d| {
                        *index.entry(d.clone()).or_insert_with(|| {
                            dict.push(d.clone());
                            (dict.len() - 1) as u32
                        })
                    })
                    .collect();
                codes.extend(s.codes.iter().map(|&c| match c {
                    MISSING_CODE => MISSING_CODE,
                    c => map[c as usize],
                }));
            }
            _ => unreachable!("a column changed type between record batches of one schema"),
        }
    }

    fn finish(self) -> Column {
        match self {
            ColumnAppender::Num(values) => Column::Num(NumColumn::new(values)),
            ColumnAppender::Str { codes, dict, .. } => Column::Str(StrColumn {
                codes,
                dict,
                first_non_numeric: None,
            }),
        }
    }
}
