//! The tokenizer: splits a byte buffer into records and fields (RFC 4180 quoting).
//!
//! A [`Scanner`] walks a buffer that starts at a record boundary. It never allocates except when a
//! quoted field contains doubled quotes (`""`), whose unescaped content goes to a reused scratch
//! buffer. It counts physical lines (`\n` bytes, including those inside quoted fields) so callers
//! can report positions.

/// What went wrong while tokenizing, without position (the caller adds line and column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScanErrorKind {
    /// The input ended inside a quoted field. `line` is where the field began.
    UnclosedQuote,
    /// A closing quote was followed by something other than a delimiter or the end of the record.
    TextAfterQuote,
}

/// A tokenizing error: the kind and the (0-based, relative to the buffer start) line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ScanError {
    pub kind: ScanErrorKind,
    pub line: u64,
}

/// One field as located by [`Scanner::next_field`]. Its content is read with
/// [`Scanner::content`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field {
    start: usize,
    end: usize,
    /// The content had doubled quotes and lives, unescaped, in the scanner's scratch buffer.
    escaped: bool,
    /// The 0-based line (relative to the buffer start) on which the field begins.
    pub line: u64,
    /// This field ends its record.
    pub last: bool,
}

pub(crate) struct Scanner<'a> {
    buf: &'a [u8],
    pos: usize,
    /// Newlines consumed so far: the 0-based physical line of `pos`, relative to the buffer start.
    line: u64,
    delim: u8,
    scratch: Vec<u8>,
}

impl<'a> Scanner<'a> {
    pub fn new(buf: &'a [u8], delim: u8) -> Self {
        Self {
            buf,
            pos: 0,
            line: 0,
            delim,
            scratch: Vec::new(),
        }
    }

    /// Byte offset of the next unread byte.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Number of newlines consumed so far (the 0-based line of the next unread byte).
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Moves to the start of the next record, skipping blank lines (empty, or a lone `\r`).
    /// Returns `false` at the end of the input.
    #[inline]
    pub fn start_record(&mut self) -> bool {
        loop {
            match self.buf.get(self.pos) {
                None => return false,
                Some(b'\n') => {
                    self.pos += 1;
                    self.line += 1;
                }
                Some(b'\r') if matches!(self.buf.get(self.pos + 1), None | Some(b'\n')) => {
                    self.pos += 1;
                }
                Some(_) => return true,
            }
        }
    }

    /// Reads the next field of the current record. Call only after [`Self::start_record`]
    /// returned `true` or after a field with `last == false`.
    #[inline]
    pub fn next_field(&mut self) -> Result<Field, ScanError> {
        let buf = self.buf;
        let start = self.pos;
        if buf.get(start) == Some(&b'"') {
            return self.quoted_field();
        }
        let delim = self.delim;
        let stop = find_delim_or_newline(buf, start, delim);
        let line = self.line;
        match buf.get(stop) {
            Some(&b) if b == delim => {
                self.pos = stop + 1;
                Ok(Field {
                    start,
                    end: stop,
                    escaped: false,
                    line,
                    last: false,
                })
            }
            terminator => {
                if terminator.is_some() {
                    self.line += 1;
                    self.pos = stop + 1;
                } else {
                    self.pos = stop;
                }
                let end = if stop > start && buf[stop - 1] == b'\r' {
                    stop - 1
                } else {
                    stop
                };
                Ok(Field {
                    start,
                    end,
                    escaped: false,
                    line,
                    last: true,
                })
            }
        }
    }

    fn quoted_field(&mut self) -> Result<Field, ScanError> {
        let buf = self.buf;
        let line = self.line;
        let content_start = self.pos + 1;
        let mut i = content_start;
        let mut escaped = false;
        let content_end = loop {
            // Quoted fields are mostly short: one pass finds the quote and counts newlines.
            let mut newlines = 0u64;
            let Some(k) = buf[i..].iter().position(|&b| {
                newlines += u64::from(b == b'\n');
                b == b'"'
            }) else {
                return Err(ScanError {
                    kind: ScanErrorKind::UnclosedQuote,
                    line,
                });
            };
            let q = i + k;
            self.line += newlines;
            if buf.get(q + 1) == Some(&b'"') {
                // A doubled quote stands for one quote character.
                if !escaped {
                    escaped = true;
                    self.scratch.clear();
                    self.scratch.extend_from_slice(&buf[content_start..=q]);
                } else {
                    self.scratch.extend_from_slice(&buf[i..=q]);
                }
                i = q + 2;
            } else {
                if escaped {
                    self.scratch.extend_from_slice(&buf[i..q]);
                }
                i = q + 1;
                break q;
            }
        };
        // After the closing quote: optional blanks, then a delimiter or the end of the record.
        while i < buf.len() && (buf[i] == b' ' || buf[i] == b'\t') {
            i += 1;
        }
        if buf.get(i) == Some(&b'\r') && matches!(buf.get(i + 1), None | Some(b'\n')) {
            i += 1;
        }
        let last = match buf.get(i) {
            None => {
                self.pos = i;
                true
            }
            Some(b'\n') => {
                self.pos = i + 1;
                self.line += 1;
                true
            }
            Some(&b) if b == self.delim => {
                self.pos = i + 1;
                false
            }
            Some(_) => {
                return Err(ScanError {
                    kind: ScanErrorKind::TextAfterQuote,
                    line: self.line,
                })
            }
        };
        Ok(Field {
            start: content_start,
            end: content_end,
            escaped,
            line,
            last,
        })
    }

    /// Reads the next field if it is a plain decimal (`-?digits(.digits)?`, no blanks, mantissa
    /// at most 2^53, at most 22 fractional digits), returning its exact value and whether it ends
    /// the record. Otherwise consumes nothing and returns `None`.
    #[inline]
    pub fn try_plain_number(&mut self) -> Option<(f64, bool)> {
        let buf = self.buf;
        let mut i = self.pos;
        let neg = buf.get(i) == Some(&b'-');
        i += usize::from(neg);
        let digits_start = i;
        let mut mantissa: u64 = 0;
        while let Some(&b) = buf.get(i) {
            let d = b.wrapping_sub(b'0');
            if d >= 10 {
                break;
            }
            mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(d));
            i += 1;
        }
        let int_digits = i - digits_start;
        let mut frac = 0usize;
        if buf.get(i) == Some(&b'.') {
            i += 1;
            let frac_start = i;
            while let Some(&b) = buf.get(i) {
                let d = b.wrapping_sub(b'0');
                if d >= 10 {
                    break;
                }
                mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(d));
                i += 1;
            }
            frac = i - frac_start;
        }
        let ndigits = int_digits + frac;
        // At most 19 digits cannot have wrapped around.
        if ndigits == 0 || ndigits > 19 || mantissa > (1u64 << 53) || frac > 22 {
            return None;
        }
        let last = match buf.get(i) {
            None => {
                self.pos = i;
                true
            }
            Some(&b) if b == self.delim => {
                self.pos = i + 1;
                false
            }
            Some(b'\n') => {
                self.pos = i + 1;
                self.line += 1;
                true
            }
            Some(b'\r') if buf.get(i + 1) == Some(&b'\n') => {
                self.pos = i + 2;
                self.line += 1;
                true
            }
            Some(_) => return None,
        };
        let v = if frac == 0 {
            mantissa as f64
        } else {
            mantissa as f64 / crate::number::POW10[frac]
        };
        Some((if neg { -v } else { v }, last))
    }

    /// The (unquoted, unescaped) content of a field returned by the last call to
    /// [`Self::next_field`].
    #[inline]
    pub fn content(&self, f: &Field) -> &[u8] {
        if f.escaped {
            &self.scratch
        } else {
            &self.buf[f.start..f.end]
        }
    }

    /// Skips the remaining fields of the current record, returning how many there were.
    pub fn skip_rest(&mut self) -> Result<usize, ScanError> {
        let mut n = 0;
        loop {
            let f = self.next_field()?;
            n += 1;
            if f.last {
                return Ok(n);
            }
        }
    }
}

/// Index of the first delimiter or `\n` at or after `start`, or `buf.len()`. Looks at eight bytes
/// at a time (fields are short, so this mostly takes one or two steps).
#[inline]
fn find_delim_or_newline(buf: &[u8], start: usize, delim: u8) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let dmask = ONES * u64::from(delim);
    let nmask = ONES * u64::from(b'\n');
    let mut i = start;
    while let Some(w) = buf.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let w = u64::from_le_bytes(*w);
        let x = w ^ dmask;
        let y = w ^ nmask;
        // High bit set in the bytes that are zero (exact for the lowest such byte).
        let hits = (x.wrapping_sub(ONES) & !x | y.wrapping_sub(ONES) & !y) & HIGH;
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&b) = buf.get(i) {
        if b == delim || b == b'\n' {
            return i;
        }
        i += 1;
    }
    i
}

/// Number of `\n` bytes in `s`.
#[inline]
pub(crate) fn count_newlines(s: &[u8]) -> u64 {
    // Byte-wide counters over blocks of 128 bytes vectorise well.
    let mut blocks = s.chunks_exact(128);
    let mut n = 0u64;
    for block in &mut blocks {
        let k: u8 = block.iter().map(|&b| u8::from(b == b'\n')).sum();
        n += u64::from(k);
    }
    n + blocks.remainder().iter().filter(|&&b| b == b'\n').count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(s: &str) -> Result<Vec<Vec<(String, u64)>>, ScanError> {
        let mut sc = Scanner::new(s.as_bytes(), b',');
        let mut out = Vec::new();
        while sc.start_record() {
            let mut rec = Vec::new();
            loop {
                let f = sc.next_field()?;
                rec.push((
                    String::from_utf8(sc.content(&f).to_vec()).expect("utf8"),
                    f.line,
                ));
                if f.last {
                    break;
                }
            }
            out.push(rec);
        }
        Ok(out)
    }

    fn texts(s: &str) -> Vec<Vec<String>> {
        records(s)
            .expect("scan")
            .into_iter()
            .map(|r| r.into_iter().map(|(t, _)| t).collect())
            .collect()
    }

    #[test]
    fn plain_and_crlf() {
        assert_eq!(
            texts("a,b\r\n1,2\r\n"),
            vec![vec!["a", "b"], vec!["1", "2"]]
        );
        assert_eq!(
            texts("a,b\n1,\n,"),
            vec![vec!["a", "b"], vec!["1", ""], vec!["", ""]]
        );
    }

    #[test]
    fn blank_lines_are_skipped_but_counted() {
        let r = records("a\n\n\r\nb\n").expect("scan");
        assert_eq!(r.len(), 2);
        assert_eq!(r[1][0], ("b".to_owned(), 3));
    }

    #[test]
    fn quotes() {
        assert_eq!(
            texts("\"a,b\",\"say \"\"hi\"\"\",\"\"\n\"x\ny\",z"),
            vec![vec!["a,b", "say \"hi\"", ""], vec!["x\ny", "z"]]
        );
        // A quote inside an unquoted field is literal.
        assert_eq!(texts("ab\"c,d"), vec![vec!["ab\"c", "d"]]);
        // Blanks after a closing quote are allowed.
        assert_eq!(texts("\"a\"  ,b"), vec![vec!["a", "b"]]);
    }

    #[test]
    fn lines_advance_inside_quotes() {
        let r = records("h\n\"1\n2\n3\"\nz\n").expect("scan");
        assert_eq!(r[1][0].1, 1);
        assert_eq!(r[2][0], ("z".to_owned(), 4));
    }

    #[test]
    fn counts_newlines() {
        let mut s = vec![b'x'; 1000];
        for i in (0..1000).step_by(7) {
            s[i] = b'\n';
        }
        assert_eq!(count_newlines(&s), 143);
        assert_eq!(
            count_newlines(&s[3..300]),
            (3..300).filter(|i| i % 7 == 0).count() as u64
        );
        assert_eq!(count_newlines(&[b'\n'; 255]), 255);
    }

    #[test]
    fn quote_errors() {
        let e = records("a\n\"abc\nd").expect_err("unclosed");
        assert_eq!(e.kind, ScanErrorKind::UnclosedQuote);
        assert_eq!(e.line, 1);
        let e = records("a\n\"abc\"d,e").expect_err("after quote");
        assert_eq!(e.kind, ScanErrorKind::TextAfterQuote);
    }
}
