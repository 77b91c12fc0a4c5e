//! Reading microdata in chunks of rows, in bounded memory.
//!
//! A [`ColumnChunks`] source yields consecutive chunks of rows, each a [`Frame`] holding only the
//! columns asked for. [`CsvChunks`] implements it for CSV: the file is read block by block
//! (about [`BLOCK`] bytes, cut after the last complete record) into one reused buffer, and each
//! block is parsed by the whole-file reader's parallel parser (see the `reader` module), so every
//! needed cell is parsed once, straight into the chunk's column arrays, and text cells are
//! dictionary-coded once, per chunk. Memory is one block plus one chunk's columns, whatever the
//! size of the file. A Parquet row group or an Arrow record batch maps onto the same trait.
//!
//! Column types are those of the whole-file reader: a column is numeric when every cell is a
//! number or missing. A chunked read fixes a column's type by the first chunk: a column that is
//! text there is read as text in every later chunk (numeric-looking cells keep their text, as
//! in a whole-file read). A column that is numeric in the first chunks and holds text later is
//! [`ReadError::TypeChanged`]: a whole-file read would have made it text from the first row, so
//! the caller must read the whole file instead.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use civis_frame::{Column, Frame};

use crate::error::{Location, ReadError};
use crate::reader::{read_body, read_header, Body, Ctx};
use crate::CsvOptions;

/// Bytes read per chunk (a chunk ends at the last complete record in them).
pub const BLOCK: usize = 16 << 20;

/// Bytes within which the header record must end.
const MAX_HEADER: usize = 1 << 20;

/// Consecutive chunks of rows of a table, each with only the selected columns.
pub trait ColumnChunks {
    /// Every column name of the source (not only the selected ones).
    fn names(&self) -> &[String];
    /// The next chunk of rows, or `None` after the last one.
    fn next_chunk(&mut self) -> Result<Option<Frame>, ReadError>;
}

/// A CSV file read in chunks (see the module docs).
pub struct CsvChunks {
    name: String,
    input: Box<dyn Read + Send>,
    names: Vec<String>,
    ctx: Ctx,
    /// Unparsed bytes are `buf[start..]`.
    buf: Vec<u8>,
    start: usize,
    eof: bool,
    /// Physical lines before `buf[start]`.
    newlines: u64,
    /// Chunks returned so far.
    chunks: u64,
    block: usize,
    threads: usize,
}

/// The name of `path` in messages and the file opened for reading.
pub(crate) fn open_file(path: &Path) -> Result<(String, File), ReadError> {
    let name = path.display().to_string();
    let file = File::open(path).map_err(|source| ReadError::Io {
        file: name.clone(),
        source,
    })?;
    Ok((name, file))
}

impl CsvChunks {
    /// Opens `path` and reads its header; `opts.columns` selects the columns of every chunk.
    pub fn open(path: &Path, opts: &CsvOptions) -> Result<CsvChunks, ReadError> {
        let (name, file) = open_file(path)?;
        CsvChunks::from_reader(Box::new(file), &name, opts, BLOCK)
    }

    /// Reads CSV from any reader in chunks of about `block` bytes; messages name it `name`.
    pub fn from_reader(
        input: Box<dyn Read + Send>,
        name: &str,
        opts: &CsvOptions,
        block: usize,
    ) -> Result<CsvChunks, ReadError> {
        let mut me = CsvChunks {
            name: name.to_owned(),
            input,
            names: Vec::new(),
            ctx: crate::reader::empty_ctx(),
            buf: Vec::new(),
            start: 0,
            eof: false,
            newlines: 0,
            chunks: 0,
            block: block.max(1),
            threads: crate::threads(),
        };
        me.fill(me.block)?;
        while me.buf.len() < 3 && !me.eof {
            me.fill(1)?;
        }
        if me.buf.starts_with(b"\xEF\xBB\xBF") {
            me.start = 3;
        }
        let header = loop {
            let bytes = &me.buf[me.start..];
            // A header cut by the end of the buffer may look wrong: read on (a header
            // longer than MAX_HEADER is taken as it is).
            let more = !me.eof && bytes.len() < MAX_HEADER;
            match read_header(bytes, name, opts) {
                Ok(h) if more && h.body_start == bytes.len() && bytes.last() != Some(&b'\n') => {}
                Err(_) if more => {}
                r => break r?,
            }
            me.fill(me.buf.len().max(me.block))?;
        };
        me.start += header.body_start;
        me.newlines = header.body_newlines;
        me.names = header.names;
        me.ctx = header.ctx;
        Ok(me)
    }

    /// Reads until `more` more bytes are buffered or the input ends (dropping parsed bytes).
    /// The free space is zeroed once per call: a pipe gives 64 kB per read, and zeroing the
    /// whole block before each of them cost more than parsing.
    fn fill(&mut self, more: usize) -> Result<(), ReadError> {
        if self.start > 0 {
            self.buf.drain(..self.start);
            self.start = 0;
        }
        let mut filled = self.buf.len();
        let want = filled + more;
        self.buf.resize(want, 0);
        while filled < want && !self.eof {
            match self.input.read(&mut self.buf[filled..]) {
                Ok(got) => {
                    filled += got;
                    self.eof = got == 0;
                }
                Err(source) => {
                    self.buf.truncate(filled);
                    return Err(ReadError::Io {
                        file: self.name.clone(),
                        source,
                    });
                }
            }
        }
        self.buf.truncate(filled);
        Ok(())
    }

    /// Parses `buf[start..end]` (whole records) into a frame.
    fn parse(&self, end: usize) -> Result<Frame, ReadError> {
        let body = Body {
            data: &self.buf[..end],
            start: self.start,
            newlines: self.newlines,
        };
        read_body(
            body,
            &self.ctx,
            &self.names,
            &self.name,
            self.threads,
            1 << 20,
        )
    }

    /// After the first chunk, text columns stay text; a numeric column turning text is an error.
    fn fix_types(&mut self, frame: &Frame) -> Result<(), ReadError> {
        for (a, col) in frame.columns().iter().enumerate() {
            let Column::Str(s) = col else { continue };
            if self.chunks == 0 {
                self.ctx.text[a] = true;
            } else if !self.ctx.text[a] {
                let j = self.ctx.selected[a];
                let cell = s.first_non_numeric.as_ref();
                return Err(ReadError::TypeChanged {
                    file: self.name.clone(),
                    at: Location {
                        line: cell.map_or(0, |c| c.line),
                        column: Some(j + 1),
                        name: Some(self.names[j].clone()),
                    },
                    text: cell.map(|c| c.text.clone()).unwrap_or_default(),
                });
            }
        }
        Ok(())
    }
}

impl ColumnChunks for CsvChunks {
    fn names(&self) -> &[String] {
        &self.names
    }

    fn next_chunk(&mut self) -> Result<Option<Frame>, ReadError> {
        loop {
            if self.buf.len() - self.start < self.block && !self.eof {
                self.fill(self.block)?;
            }
            if self.start == self.buf.len() {
                return Ok(None);
            }
            let end = if self.eof {
                self.buf.len()
            } else {
                match memchr::memrchr(b'\n', &self.buf[self.start..]) {
                    Some(p) => self.start + p + 1,
                    None => {
                        // one record longer than the block
                        self.fill(self.buf.len())?;
                        continue;
                    }
                }
            };
            let frame = match self.parse(end) {
                // a quoted field runs past the cut: read on
                Err(ReadError::UnclosedQuote { .. }) if !self.eof => {
                    self.fill(self.buf.len())?;
                    continue;
                }
                r => r?,
            };
            if frame.nrows() > 0 {
                self.fix_types(&frame)?;
            }
            self.newlines += crate::scan::count_newlines(&self.buf[self.start..end]);
            self.start = end;
            if frame.nrows() == 0 {
                continue;
            }
            self.chunks += 1;
            return Ok(Some(frame));
        }
    }
}
