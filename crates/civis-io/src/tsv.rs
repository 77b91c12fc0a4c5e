//! Eurostat TSV: bulk download files and the SDMX 2.1/3.0 API `format=TSV` answers.
//!
//! ## Format rules (Eurostat "TSV FAQ"; domain spec section 4.1)
//!
//! * One header line, then one line per time series; fields are separated by TAB; lines end at
//!   LF or CRLF; blank lines are skipped; a UTF-8 byte-order mark at the start is skipped.
//! * The first header cell lists the series-key dimension ids separated by commas, then a
//!   backslash and the time dimension id: `freq,unit,sex,age,citizen,geo\TIME_PERIOD` (API) or
//!   `indic_de,geo\time` (legacy bulk). The other header cells are the periods (surrounding
//!   blanks trimmed: the API writes `2015 `), in any order: the API sorts them ascending, the
//!   legacy bulk files usually descending. Duplicate periods are an error.
//! * The first cell of a series line is the key: one code per key dimension, comma separated.
//!   Every line must have one cell per period.
//! * An observation cell is a value, optionally a space, then flag letters (see
//!   [`flags`](crate::flags)): `69.3 `, `70.4 b`, `58.2 bd`, `: u`, `: bu`, `: `, `:C`. `:` is
//!   "not available". `0n` (no space) is the special value "less than half the unit used" and
//!   reads as the value 0 with flag `n`; flags may follow (`0n u`). An empty cell is "not
//!   available". Anything else (e.g. Comext's `KG`) is an error naming line, column and period.
//!
//! Writing follows the API style: `dims\TIME_PERIOD` header, periods ascending with a trailing
//! space, cells `value flags` with a space even without flags, `:` for missing, LF line ends.
//! Values are written in the shortest form that reads back to the same number; `0n` is written
//! `0 n`.
//!
//! [`TsvReader`] streams series by series (bounded memory); [`read_tsv`] builds a [`Dataset`].

use std::io::{BufRead, Write};
use std::path::Path;

use crate::cube::{parse_number, write_number, Cell, Dataset, Dimension};
use crate::flags::Flags;
use crate::format_error::FormatError;
use crate::input::open_input;

/// The header of a TSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TsvHeader {
    /// Series-key dimension ids.
    pub dimensions: Vec<String>,
    /// Time dimension id (`TIME_PERIOD` or legacy `time`).
    pub time_dimension: String,
    /// Periods, in file order.
    pub periods: Vec<String>,
}

/// One series line, reused between calls to [`TsvReader::read_series`].
#[derive(Debug, Clone, Default)]
pub struct TsvSeries {
    /// Key codes, one per key dimension.
    pub key: Vec<String>,
    /// One cell per period of the header.
    pub cells: Vec<Cell>,
    /// 1-based physical line.
    pub line: u64,
}

/// Streaming TSV reader.
pub struct TsvReader<R: BufRead> {
    reader: R,
    name: String,
    line: u64,
    header: TsvHeader,
    buf: Vec<u8>,
}

impl<R: BufRead> TsvReader<R> {
    /// Reads the header; messages name the input `name`.
    pub fn new(mut reader: R, name: &str) -> Result<Self, FormatError> {
        let mut buf = Vec::new();
        let mut line = 0u64;
        loop {
            buf.clear();
            let n = reader
                .read_until(b'\n', &mut buf)
                .map_err(|e| FormatError::io(name, e))?;
            line += 1;
            if n == 0 {
                return Err(FormatError::invalid(
                    name,
                    "the file is empty (a header line `dims\\TIME_PERIOD<TAB>periods...` is required)",
                ));
            }
            if !trim_eol(&buf).iter().all(|b| b.is_ascii_whitespace()) {
                break;
            }
        }
        let text = std::str::from_utf8(trim_eol(&buf))
            .map_err(|_| FormatError::at(name, line, None, None, "invalid UTF-8"))?;
        let text = crate::input::strip_bom(text);
        let mut cells = text.split('\t');
        let first = cells.next().unwrap_or("");
        let Some((dims, time)) = first.rsplit_once('\\') else {
            return Err(FormatError::at(
                name,
                line,
                Some(1),
                None,
                format!("the first header cell must be `dim1,dim2,...\\time`, got {first:?}"),
            ));
        };
        let dimensions: Vec<String> = dims.split(',').map(|d| d.trim().to_owned()).collect();
        if let Some(i) = dimensions.iter().position(String::is_empty) {
            return Err(FormatError::at(
                name,
                line,
                Some(1),
                None,
                format!("empty dimension id (number {}) in {first:?}", i + 1),
            ));
        }
        let time = time.trim();
        if time.is_empty() {
            return Err(FormatError::at(
                name,
                line,
                Some(1),
                None,
                "empty time dimension id after `\\`",
            ));
        }
        let mut periods: Vec<String> = Vec::new();
        for (i, p) in cells.enumerate() {
            let p = p.trim();
            if p.is_empty() {
                return Err(FormatError::at(
                    name,
                    line,
                    Some(i + 2),
                    None,
                    "empty period",
                ));
            }
            if periods.iter().any(|q| q == p) {
                return Err(FormatError::at(
                    name,
                    line,
                    Some(i + 2),
                    Some(p),
                    format!("period {p} appears twice in the header"),
                ));
            }
            periods.push(p.to_owned());
        }
        Ok(TsvReader {
            reader,
            name: name.to_owned(),
            line,
            header: TsvHeader {
                dimensions,
                time_dimension: time.to_owned(),
                periods,
            },
            buf,
        })
    }

    /// The header.
    pub fn header(&self) -> &TsvHeader {
        &self.header
    }

    /// The header, the underlying reader (positioned after the header line) and the number of
    /// lines read so far.
    pub fn into_parts(self) -> (TsvHeader, R, u64) {
        (self.header, self.reader, self.line)
    }

    /// Reads the next series into `series`; `false` at the end of the input.
    pub fn read_series(&mut self, series: &mut TsvSeries) -> Result<bool, FormatError> {
        let name = self.name.as_str();
        loop {
            self.buf.clear();
            let n = self
                .reader
                .read_until(b'\n', &mut self.buf)
                .map_err(|e| FormatError::io(name, e))?;
            if n == 0 {
                return Ok(false);
            }
            self.line += 1;
            let raw = trim_eol(&self.buf);
            if raw.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            parse_line(&self.name, &self.header, raw, self.line, series)?;
            return Ok(true);
        }
    }
}

/// Parses one non-blank series line (without its line end) into `series`; `line` is its
/// 1-based physical line for messages.
pub(crate) fn parse_line(
    name: &str,
    header: &TsvHeader,
    raw: &[u8],
    line: u64,
    series: &mut TsvSeries,
) -> Result<(), FormatError> {
    // The key: the bytes before the first TAB (UTF-8 checked); cells are ASCII-checked
    // by the cell parser.
    let key_end = memchr::memchr(b'\t', raw).unwrap_or(raw.len());
    let key = std::str::from_utf8(&raw[..key_end]).map_err(|e| {
        FormatError::at(
            name,
            line,
            Some(1),
            None,
            format!("invalid UTF-8 at byte {}", e.valid_up_to() + 1),
        )
    })?;
    series.line = line;
    let ndims = header.dimensions.len();
    let mut k = 0;
    for code in key.split(',') {
        if k < ndims {
            if let Some(s) = series.key.get_mut(k) {
                s.clear();
                s.push_str(code.trim());
            } else {
                series.key.push(code.trim().to_owned());
            }
        }
        k += 1;
    }
    if k != ndims {
        return Err(FormatError::at(
            name,
            line,
            Some(1),
            None,
            format!("series key {key:?} has {k} codes but the header names {ndims} dimensions"),
        ));
    }
    series.key.truncate(ndims);
    series.cells.clear();
    let np = header.periods.len();
    let mut pos = key_end;
    let mut i = 0;
    while pos < raw.len() {
        let start = pos + 1;
        let end = memchr::memchr(b'\t', &raw[start..]).map_or(raw.len(), |e| start + e);
        if i >= np {
            return Err(FormatError::at(
                name,
                line,
                Some(i + 2),
                None,
                format!("more cells than the {np} periods of the header"),
            ));
        }
        let cell = match parse_cell_fast(&raw[start..end]) {
            Some(c) => c,
            None => {
                let text = String::from_utf8_lossy(&raw[start..end]);
                parse_cell(&text).map_err(|m| {
                    FormatError::at(name, line, Some(i + 2), Some(&header.periods[i]), m)
                })?
            }
        };
        series.cells.push(cell);
        pos = end;
        i += 1;
    }
    if series.cells.len() != np {
        return Err(FormatError::at(
            name,
            line,
            None,
            None,
            format!(
                "{} cells but the header has {np} periods",
                series.cells.len()
            ),
        ));
    }
    Ok(())
}

/// If the series line `raw` (without its line end) is already, byte for byte, what [`TsvWriter`]
/// writes for the series it holds, the number of its non-empty cells; else `None` (the line
/// must be parsed and rewritten, or is invalid: [`parse_line`] says why).
///
/// Such a line can be copied to TSV output unchanged, without converting its numbers to `f64`
/// and back. It is, in ASCII:
/// * a key of `ndims` non-empty codes of printable characters other than space and `\`,
///   separated by commas;
/// * then exactly `nperiods` cells `TAB value SPACE flags`, where the value is `:` or a decimal
///   in the form [`write_number`] gives it (`-`? integer part without leading zeros, optional
///   fraction not ending in `0`, at most 15 digits in all, no `-0`), and the flags are status
///   letters in alphabetical order, without repeats, then at most one of `C`, `N`, `P`.
///
/// A decimal of at most 15 significant digits is the only one of at most 15 digits that reads
/// as its `f64` (15 = `f64::DIGITS`), so it is the shortest form that reads back to the same
/// number: the one [`write_number`] writes.
pub(crate) fn canonical_line(raw: &[u8], ndims: usize, nperiods: usize) -> Option<usize> {
    let n = raw.len();
    let mut i = 0;
    // The key: printable ASCII but space and `\`, `ndims` codes, none empty.
    let mut codes = 1;
    let mut code_len = 0;
    while let Some(&b) = raw.get(i) {
        if b == b'\t' {
            break;
        }
        if b == b',' {
            if code_len == 0 {
                return None;
            }
            codes += 1;
            code_len = 0;
        } else if b <= b' ' || b > b'~' || b == b'\\' {
            return None;
        } else {
            code_len += 1;
        }
        i += 1;
    }
    if code_len == 0 || codes != ndims {
        return None;
    }
    let mut non_empty = 0;
    for _ in 0..nperiods {
        if raw.get(i) != Some(&b'\t') {
            return None;
        }
        i += 1;
        let has_value = if raw.get(i) == Some(&b':') {
            i += 1;
            false
        } else {
            i = canonical_number_end(raw, i)?;
            true
        };
        if raw.get(i) != Some(&b' ') {
            return None;
        }
        i += 1;
        // Flags up to the next TAB: strictly increasing ranks (statuses 1..=13 alphabetically,
        // then one of C N P).
        let mut last = 0u8;
        while let Some(&b) = raw.get(i) {
            if b == b'\t' {
                break;
            }
            let rank = FLAG_RANK[b as usize];
            if rank <= last {
                return None;
            }
            last = rank;
            i += 1;
        }
        non_empty += usize::from(has_value || last != 0);
    }
    (i == n).then_some(non_empty)
}

/// The canonical rank of each flag letter in [`canonical_line`] (0: not a flag letter).
const FLAG_RANK: [u8; 256] = {
    let mut t = [0u8; 256];
    let statuses = b"bcdefimnprsuz";
    let mut k = 0;
    while k < statuses.len() {
        t[statuses[k] as usize] = k as u8 + 1;
        k += 1;
    }
    t[b'C' as usize] = 14;
    t[b'N' as usize] = 14;
    t[b'P' as usize] = 14;
    t
};

/// The end of the canonical decimal starting at `raw[i]` (see [`canonical_line`]), or `None`.
#[inline]
fn canonical_number_end(raw: &[u8], i: usize) -> Option<usize> {
    let neg = raw.get(i) == Some(&b'-');
    let start = i + usize::from(neg);
    let int = digits_at(raw, start);
    let lead_zero = raw.get(start) == Some(&b'0');
    // No leading zero (but `0` and `0.5`); no `-0`.
    if int == 0 || (lead_zero && (int > 1 || (neg && raw.get(start + 1) != Some(&b'.')))) {
        return None;
    }
    let mut end = start + int;
    let mut digits = int;
    if raw.get(end) == Some(&b'.') {
        let frac = digits_at(raw, end + 1);
        // A fraction has digits and does not end in 0.
        if frac == 0 || raw[end + frac] == b'0' {
            return None;
        }
        end += 1 + frac;
        digits += frac;
    }
    (digits <= 15).then_some(end)
}

/// The number of ASCII digits at `raw[i..]`: eight bytes at a time (a digit is a byte whose
/// value minus `0` is below 10; SWAR, no branch per digit).
#[inline]
fn digits_at(raw: &[u8], i: usize) -> usize {
    let mut j = i;
    while let Some(chunk) = raw.get(j..j + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let x = w ^ 0x3030_3030_3030_3030;
        // High bit of a byte set when x >= 10: x + 0x76 >= 0x80 for x < 0x80 (no carry out of
        // the byte: at most 0x7f + 0x76), or x itself >= 0x80.
        let t = ((x & 0x7f7f_7f7f_7f7f_7f7f).wrapping_add(0x7676_7676_7676_7676)) | x;
        let not_digit = t & 0x8080_8080_8080_8080;
        if not_digit != 0 {
            return j - i + (not_digit.trailing_zeros() / 8) as usize;
        }
        j += 8;
    }
    while j < raw.len() && raw[j].is_ascii_digit() {
        j += 1;
    }
    j - i
}

pub(crate) fn trim_eol(b: &[u8]) -> &[u8] {
    let b = b.strip_suffix(b"\n").unwrap_or(b);
    b.strip_suffix(b"\r").unwrap_or(b)
}

/// The common cells in one pass over the bytes: blanks, `:` + flags, a plain decimal (at most
/// 15 digits) + flags. `None` sends the cell to [`parse_cell`] (exponents, long numbers, errors).
#[inline]
fn parse_cell_fast(b: &[u8]) -> Option<Cell> {
    let mut i = 0;
    while i < b.len() && b[i] == b' ' {
        i += 1;
    }
    if i == b.len() {
        return Some(Cell::default());
    }
    let value = if b[i] == b':' {
        i += 1;
        None
    } else {
        let neg = b[i] == b'-';
        if neg {
            i += 1;
        }
        let mut m: u64 = 0;
        let mut nd = 0u32;
        let mut frac = 0usize;
        let mut dot = false;
        while i < b.len() {
            let c = b[i];
            if c.is_ascii_digit() {
                m = m * 10 + (c - b'0') as u64;
                nd += 1;
                if dot {
                    frac += 1;
                }
            } else if c == b'.' && !dot {
                dot = true;
            } else {
                break;
            }
            i += 1;
        }
        if nd == 0 || nd > 15 || matches!(b.get(i), Some(b'e' | b'E')) {
            return None;
        }
        let v = m as f64 / crate::number::POW10[frac];
        Some(if neg { -v } else { v })
    };
    Flags::parse_bytes(&b[i..]).map(|flags| Cell { value, flags })
}

/// Parses one observation cell (see the module docs).
pub fn parse_cell(text: &str) -> Result<Cell, String> {
    let t = text.trim_matches(' ');
    if t.is_empty() {
        return Ok(Cell::default());
    }
    // Fast path: a plain number (the API writes `69.3 `, trimmed above).
    if let Some(v) = parse_number(t) {
        return Ok(Cell {
            value: Some(v),
            flags: Flags::NONE,
        });
    }
    let (head, tail) = t.split_once(' ').unwrap_or((t, ""));
    if out_of_range(head) {
        return Err(format!(
            "number {head} is out of range (beyond ±1.8e308, the largest a double holds)"
        ));
    }
    let (value, inline_flags) = if let Some(rest) = head.strip_prefix(':') {
        (None, rest)
    } else if let Some(v) = parse_number(head) {
        (Some(v), "")
    } else {
        // A number immediately followed by letters: `0n`, `12.5e`... (no space).
        let split = head
            .find(|c: char| c.is_ascii_alphabetic())
            .filter(|&i| i > 0);
        match split.and_then(|i| parse_number(&head[..i]).map(|v| (v, &head[i..]))) {
            Some((v, f)) => (Some(v), f),
            None => {
                return Err(format!(
                    "cell {text:?} is not a number or `:` optionally followed by flags"
                ))
            }
        }
    };
    let flags = Flags::parse(inline_flags)
        .and_then(|a| Flags::parse(tail).map(|b| a.merge(b)))
        .map_err(|e| e.to_string())?;
    Ok(Cell { value, flags })
}

/// A decimal literal that overflows to infinity (`1e999`): not a number followed by flags.
/// Looks at the longest prefix written like a number (`-1.5e+999`), so flags glued to it
/// (`1e999u`) do not hide it.
fn out_of_range(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |mut i: usize| {
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    };
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    i = digits(i);
    if b.get(i) == Some(&b'.') {
        i = digits(i + 1);
    }
    if !matches!(b.get(i), Some(b'e' | b'E')) {
        return false;
    }
    let mut j = i + 1;
    if matches!(b.get(j), Some(b'+' | b'-')) {
        j += 1;
    }
    let end = digits(j);
    end > j && text[..end].parse::<f64>().is_ok_and(f64::is_infinite)
}

/// Appends a cell as TSV writes it: `value flags` or `: flags` (always with the space).
pub fn write_cell(cell: &Cell, out: &mut Vec<u8>) {
    match cell.value {
        Some(v) => write_number(v, out),
        None => out.push(b':'),
    }
    out.push(b' ');
    cell.flags.write_to(out);
}

/// Streaming TSV writer.
pub struct TsvWriter<W: Write> {
    out: W,
    name: String,
    buf: Vec<u8>,
    ndims: usize,
    nperiods: usize,
}

impl<W: Write> TsvWriter<W> {
    /// Writes the header; `name` names the output in messages.
    pub fn new(
        out: W,
        name: &str,
        dimensions: &[&str],
        time_dimension: &str,
        periods: &[&str],
    ) -> Result<Self, FormatError> {
        let mut w = TsvWriter {
            out,
            name: name.to_owned(),
            buf: Vec::with_capacity(1 << 16),
            ndims: dimensions.len(),
            nperiods: periods.len(),
        };
        for (i, d) in dimensions.iter().enumerate() {
            w.check(d, "dimension id")?;
            if i > 0 {
                w.buf.push(b',');
            }
            w.buf.extend_from_slice(d.as_bytes());
        }
        w.check(time_dimension, "time dimension id")?;
        w.buf.push(b'\\');
        w.buf.extend_from_slice(time_dimension.as_bytes());
        for p in periods {
            w.check(p, "period")?;
            w.buf.push(b'\t');
            w.buf.extend_from_slice(p.as_bytes());
            w.buf.push(b' ');
        }
        w.buf.push(b'\n');
        Ok(w)
    }

    fn check(&self, text: &str, what: &str) -> Result<(), FormatError> {
        if text.is_empty()
            || text
                .bytes()
                .any(|b| matches!(b, b',' | b'\t' | b'\n' | b'\r' | b'\\'))
        {
            return Err(FormatError::invalid(
                &self.name,
                format!("{what} {text:?} cannot be written to TSV (empty, or has a comma, tab, backslash or line break)"),
            ));
        }
        Ok(())
    }

    /// Writes one series: key codes and one cell per header period.
    pub fn write_series<S: AsRef<str>>(
        &mut self,
        key: &[S],
        cells: &[Cell],
    ) -> Result<(), FormatError> {
        if key.len() != self.ndims || cells.len() != self.nperiods {
            return Err(FormatError::invalid(
                &self.name,
                format!(
                    "series with {} codes and {} cells for a header of {} dimensions and {} periods",
                    key.len(),
                    cells.len(),
                    self.ndims,
                    self.nperiods
                ),
            ));
        }
        for (i, k) in key.iter().enumerate() {
            self.check(k.as_ref(), "code")?;
            if i > 0 {
                self.buf.push(b',');
            }
            self.buf.extend_from_slice(k.as_ref().as_bytes());
        }
        for c in cells {
            self.buf.push(b'\t');
            write_cell(c, &mut self.buf);
        }
        self.buf.push(b'\n');
        if self.buf.len() >= 1 << 16 {
            self.flush_buf()?;
        }
        Ok(())
    }

    /// Drops what is buffered and not yet written (the header, for writers of body chunks).
    pub(crate) fn discard_buffer(&mut self) {
        self.buf.clear();
    }

    /// Writes a series line (without its line end) that [`canonical_line`] accepted for this
    /// writer's dimensions and periods: what [`write_series`](Self::write_series) would write.
    pub(crate) fn write_line_verbatim(&mut self, line: &[u8]) -> Result<(), FormatError> {
        self.buf.extend_from_slice(line);
        self.buf.push(b'\n');
        if self.buf.len() >= 1 << 16 {
            self.flush_buf()?;
        }
        Ok(())
    }

    fn flush_buf(&mut self) -> Result<(), FormatError> {
        self.out
            .write_all(&self.buf)
            .map_err(|e| FormatError::io(&self.name, e))?;
        self.buf.clear();
        Ok(())
    }

    /// Flushes and returns the output.
    pub fn finish(mut self) -> Result<W, FormatError> {
        self.flush_buf()?;
        self.out
            .flush()
            .map_err(|e| FormatError::io(&self.name, e))?;
        Ok(self.out)
    }
}

/// Reads a TSV file (gzip decompressed transparently) into a [`Dataset`] whose id is the file
/// name without `.tsv`/`.gz`.
pub fn read_tsv(path: &Path) -> Result<Dataset, FormatError> {
    let name = path.display().to_string();
    let mut ds = read_tsv_from(open_input(path)?, &name)?;
    ds.id = dataset_id_from_path(path);
    Ok(ds)
}

/// A dataset id from a file name: the name without `.gz`, `.tsv`, `.csv`, `.json`.
pub fn dataset_id(path: &Path) -> String {
    dataset_id_from_path(path)
}

pub(crate) fn dataset_id_from_path(path: &Path) -> String {
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut id = file.as_str();
    for ext in [".gz", ".tsv", ".csv", ".json"] {
        id = id.strip_suffix(ext).unwrap_or(id);
    }
    id.to_owned()
}

/// Reads TSV from any buffered reader into a [`Dataset`] (id = `name`).
pub fn read_tsv_from<R: BufRead>(reader: R, name: &str) -> Result<Dataset, FormatError> {
    let mut r = TsvReader::new(reader, name)?;
    let h = r.header().clone();
    let mut dims: Vec<Dimension> = h
        .dimensions
        .iter()
        .map(|d| Dimension::new(d.as_str(), None))
        .collect();
    let mut time = Dimension::new(h.time_dimension.as_str(), None);
    for p in &h.periods {
        time.intern(p, None);
    }
    dims.push(time);
    let mut ds = Dataset {
        id: name.to_owned(),
        label: None,
        dimensions: dims,
        time_dimension: Some(h.time_dimension.clone()),
        observations: Vec::new(),
    };
    let nk = h.dimensions.len();
    let mut s = TsvSeries::default();
    let mut seen = std::collections::HashMap::new();
    while r.read_series(&mut s)? {
        let mut key: Vec<u32> = Vec::with_capacity(nk + 1);
        for (d, code) in s.key.iter().enumerate() {
            key.push(ds.dimensions[d].intern(code, None));
        }
        if let Some(prev) = seen.insert(key.clone(), s.line) {
            return Err(FormatError::at(
                name,
                s.line,
                Some(1),
                None,
                format!(
                    "series {} repeats the series of line {prev}",
                    s.key.join(",")
                ),
            ));
        }
        for (p, c) in s.cells.iter().enumerate() {
            if c.is_empty() {
                continue;
            }
            let mut k = key.clone();
            k.push(p as u32);
            ds.observations.push(crate::cube::Observation {
                key: k,
                value: c.value,
                flags: c.flags,
            });
        }
    }
    Ok(ds)
}

/// Writes a dataset as TSV (periods ascending, series sorted by key). The dataset needs a time
/// dimension.
pub fn write_tsv<W: Write>(ds: &Dataset, out: W, name: &str) -> Result<W, FormatError> {
    let table = ds.series().ok_or_else(|| {
        FormatError::invalid(name, "TSV needs a time dimension; the dataset has none")
    })?;
    let dims: Vec<&str> = table
        .key_dims
        .iter()
        .map(|&d| ds.dimensions[d].id.as_str())
        .collect();
    let periods: Vec<&str> = table.periods.iter().map(String::as_str).collect();
    let time = ds.time_dimension.as_deref().unwrap_or("TIME_PERIOD");
    let mut w = TsvWriter::new(out, name, &dims, time, &periods)?;
    for (key, cells) in &table.rows {
        w.write_series(key, cells)?;
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells() {
        let c = |t: &str| parse_cell(t).unwrap();
        assert_eq!(c("69.3 ").value, Some(69.3));
        assert_eq!(c("70.4 b").flags.to_string(), "b");
        assert_eq!(c("58.2 bd").flags.to_string(), "bd");
        assert_eq!(c(": u").value, None);
        assert_eq!(c(": bu").flags.to_string(), "bu");
        assert!(c(": ").is_empty());
        assert_eq!(c(":C").flags.to_string(), "C");
        assert_eq!(
            c("0n"),
            Cell {
                value: Some(0.0),
                flags: Flags::parse("n").unwrap()
            }
        );
        assert_eq!(c("0n u").flags.to_string(), "nu");
        assert!(parse_cell("KG").is_err());
        assert!(parse_cell("12 x").unwrap_err().contains("'x'"));
        for big in ["1e999", "-1E+400 b", "1e999u"] {
            let e = parse_cell(big).unwrap_err();
            assert!(e.contains("out of range"), "{big}: {e}");
        }
        assert_eq!(c("1e300").value, Some(1e300));
    }

    #[test]
    fn round_trip_small() {
        let text = "\u{feff}unit,geo\\time\t2017 \t2016 \r\nPC,AT\t1.5 b\t: \r\nPC,DE\t0n\t: c\r\n";
        let ds = read_tsv_from(text.as_bytes(), "t.tsv").unwrap();
        assert_eq!(ds.observations.len(), 3);
        let out = write_tsv(&ds, Vec::new(), "o.tsv").unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(
            s,
            "unit,geo\\time\t2016 \t2017 \nPC,AT\t: \t1.5 b\nPC,DE\t: c\t0 n\n"
        );
        let back = read_tsv_from(s.as_bytes(), "o.tsv").unwrap();
        assert_eq!(back.canonical_observations(), ds.canonical_observations());
    }

    /// `raw` as [`TsvWriter`] writes it after [`parse_line`], for a header of `dims` key
    /// dimensions and `periods` periods.
    fn rewritten(raw: &str, dims: usize, periods: usize) -> Result<String, FormatError> {
        let header = TsvHeader {
            dimensions: (0..dims).map(|d| format!("d{d}")).collect(),
            time_dimension: "time".into(),
            periods: (0..periods).map(|p| format!("{}", 2000 + p)).collect(),
        };
        let mut series = TsvSeries::default();
        parse_line("t", &header, raw.as_bytes(), 2, &mut series)?;
        let dims: Vec<&str> = header.dimensions.iter().map(String::as_str).collect();
        let periods: Vec<&str> = header.periods.iter().map(String::as_str).collect();
        let mut w = TsvWriter::new(Vec::new(), "o", &dims, "time", &periods)?;
        w.discard_buffer();
        w.write_series(&series.key, &series.cells)?;
        let out = String::from_utf8(w.finish()?).expect("ASCII");
        Ok(out.trim_end_matches('\n').to_owned())
    }

    #[test]
    fn canonical_lines_are_what_the_writer_writes() {
        // Values and flags in every form the writer produces: the copied line must be the
        // rewritten one, byte for byte.
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let flags = [
            "",
            "b",
            "bd",
            "u",
            "bdeu",
            "C",
            "eC",
            "pN",
            "zP",
            "bcdefimnprsuz",
        ];
        for _ in 0..20_000 {
            let mut line = String::from("A,PC,Y15-64,G0");
            let mut non_empty = 0;
            let mut long = false;
            for _ in 0..6 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let f = flags[(x >> 40) as usize % flags.len()];
                if x % 7 == 3 {
                    line.push_str(&format!("\t: {f}"));
                    non_empty += usize::from(!f.is_empty());
                    continue;
                }
                let scale = crate::number::POW10[(x >> 50) as usize % 10];
                let mut v = (x % 1_000_000_000_000_000) as f64 / scale;
                if v >= 1e15 {
                    v /= 10.0;
                }
                if x & (1 << 60) != 0 {
                    v = -v;
                }
                let mut text = Vec::new();
                write_number(v, &mut text);
                let text = String::from_utf8(text).expect("ASCII");
                let digits = text.bytes().filter(u8::is_ascii_digit).count();
                line.push_str(&format!("\t{text} {f}"));
                non_empty += 1;
                long |= digits > 15;
            }
            assert_eq!(rewritten(&line, 4, 6).unwrap(), line);
            let copied = canonical_line(line.as_bytes(), 4, 6);
            assert_eq!(copied, (!long).then_some(non_empty), "{line}");
        }
    }

    #[test]
    fn lines_the_writer_would_change_are_not_copied() {
        // (cell as read, cell as written)
        for (cell, written) in [
            ("1.50 ", "1.5 "),
            ("1.0 b", "1 b"),
            ("-0 ", "0 "),
            ("-0.0 ", "0 "),
            ("+7 ", "7 "),
            (".5 ", "0.5 "),
            ("5. ", "5 "),
            ("007 ", "7 "),
            ("00.5 ", "0.5 "),
            ("1e3 ", "1000 "),
            ("1E-2 ", "0.01 "),
            ("0n", "0 n"),
            ("0n u", "0 nu"),
            ("7", "7 "),
            ("7 ub", "7 bu"),
            ("7 bb", "7 b"),
            ("7  b", "7 b"),
            ("7 b ", "7 b"),
            ("7 Cb", "7 bC"),
            ("7 PC", "7 C"),
            ("7 CC", "7 C"),
            (" 7 ", "7 "),
            (":", ": "),
            ("", ": "),
            (":u", ": u"),
            (":  u", ": u"),
            ("0.1234567890123456 ", "0.1234567890123456 "),
            ("1234567890123456 ", "1234567890123456 "),
            ("12345678901234567 ", "12345678901234568 "),
            ("0.30000000000000004 ", "0.30000000000000004 "),
        ] {
            let line = format!("A,B\t1 \t{cell}");
            assert_eq!(canonical_line(line.as_bytes(), 2, 2), None, "{cell:?}");
            assert_eq!(
                rewritten(&line, 2, 2).unwrap(),
                format!("A,B\t1 \t{written}"),
                "{cell:?}"
            );
        }
        for (key, written) in [(" A,B", "A,B"), ("A ,B", "A,B"), ("A,B\u{a0}", "A,B")] {
            let line = format!("{key}\t1 ");
            assert_eq!(canonical_line(line.as_bytes(), 2, 1), None, "{key:?}");
            assert_eq!(rewritten(&line, 2, 1).unwrap(), format!("{written}\t1 "));
        }
        // Invalid lines are left to the parser, which says what is wrong.
        for (line, dims, periods) in [
            ("A,B\t1 ", 3, 1),
            ("A,B,C\t1 ", 2, 1),
            ("A,,B\t1 ", 3, 1),
            ("A,B\t1 \t2 ", 2, 1),
            ("A,B\t1 ", 2, 2),
            ("A,B\t1 x", 2, 1),
            ("A\\B,C\t1 ", 2, 1),
        ] {
            assert_eq!(
                canonical_line(line.as_bytes(), dims, periods),
                None,
                "{line:?}"
            );
            assert!(rewritten(line, dims, periods).is_err(), "{line:?}");
        }
        // Copied, with the count of cells that are not empty.
        assert_eq!(canonical_line(b"A,B\t: \t: \t0 ", 2, 3), Some(1));
        assert_eq!(canonical_line(b"A,B\t: \t: u\t-0.5 C", 2, 3), Some(2));
        assert_eq!(canonical_line(b"A,B\t: \t: ", 2, 2), Some(0));
        assert_eq!(canonical_line(b"A,B\t123456789012345 ", 2, 1), Some(1));
        assert_eq!(canonical_line(b"A,B\t0.00000012345 ", 2, 1), Some(1));
    }

    #[test]
    fn errors_have_positions() {
        let e =
            read_tsv_from("a,geo\\time\t2020\tx\nA,AT\t1\t2 q\n".as_bytes(), "f.tsv").unwrap_err();
        assert_eq!(e.to_string(), "f.tsv: line 2, column 3 (x): unknown flag 'q' in \"q\" (observation statuses are b c d e f i m n p r s u z; confidentiality C N P)");
        let e = read_tsv_from("a,geo\\time\t2020\nA\t1\n".as_bytes(), "f.tsv").unwrap_err();
        assert!(e.to_string().starts_with("f.tsv: line 2, column 1:"), "{e}");
        let e = read_tsv_from("a,geo\\time\t2020\nA,B\t1\t2\n".as_bytes(), "f.tsv").unwrap_err();
        assert!(e.to_string().contains("line 2, column 3"), "{e}");
        assert!(read_tsv_from("".as_bytes(), "f.tsv").is_err());
        assert!(read_tsv_from("a,b\t2020\n".as_bytes(), "f.tsv").is_err());
    }
}
