//! The CSV reader: header, chunked (parallel) parsing of the body, type inference and merging.
//!
//! The body is split at newlines into one chunk per available core. Each chunk is parsed as if it
//! started at a record boundary. That is true for the first chunk, and for chunk `k + 1` exactly
//! when chunk `k` (itself starting at a boundary) ended outside a quoted field, which its parse
//! tells: a chunk cut inside a quoted field that contains a newline ends with an unclosed quote.
//! When that happens the rest of the input is parsed again sequentially from the start of that
//! chunk, so results never depend on where the chunks were cut.
//!
//! Chunks write straight into the final column arrays. Every row of a chunk but its last ends
//! with a newline, so a chunk with `n` newlines has at most `n + 1` rows: each chunk gets that
//! much room, counted before parsing. Each column gets room as numbers *and* as text codes;
//! both arrays are zero-initialised allocations, whose pages the operating system only provides
//! when first written, so the representation a column does not use costs (almost) nothing.
//! Afterwards the chunks' rows are moved together if blank lines or quoted newlines left gaps,
//! and text codes of later chunks are renumbered into one dictionary in order of first appearance.

use std::collections::HashMap;
use std::ops::Range;

use civis_frame::{CellRef, Column, Frame, NumColumn, StrColumn, MISSING_CODE};

use crate::accum::{Dict, FxBuild};
use crate::error::{Location, ReadError};
use crate::number::{parse_number, Num};
use crate::scan::{count_newlines, ScanError, ScanErrorKind, Scanner};
use crate::CsvOptions;

/// What went wrong inside a chunk.
#[derive(Debug, Clone, Copy)]
enum ProblemKind {
    Scan(ScanErrorKind),
    Utf8,
    FieldCount { expected: usize, found: usize },
}

/// A problem inside a chunk; `line` is 0-based and relative to the chunk start.
#[derive(Debug, Clone, Copy)]
struct Problem {
    kind: ProblemKind,
    line: u64,
    /// 0-based file column.
    column: Option<usize>,
}

impl Problem {
    fn scan(e: ScanError, column: usize) -> Self {
        Problem {
            kind: ProblemKind::Scan(e.kind),
            line: e.line,
            column: Some(column),
        }
    }
}

/// Shared, read-only parse settings.
pub(crate) struct Ctx {
    delim: u8,
    ncols: usize,
    /// For each file column, the index of its output when it is loaded.
    slot: Vec<Option<usize>>,
    /// The loaded file columns, in file order.
    pub selected: Vec<usize>,
    /// Per loaded column: read it as text from the first cell on (a chunked read whose earlier
    /// chunks found text there).
    pub text: Vec<bool>,
}

/// Where one chunk writes one column: room for every row it can have, in both representations.
struct Out<'a> {
    values: &'a mut [f64],
    codes: &'a mut [u32],
}

/// A column within one chunk: numeric so far, or text with the chunk's dictionary.
enum State {
    Num,
    Text(Dict),
}

/// A parsed chunk.
struct Chunk {
    rows: usize,
    /// Newlines consumed.
    newlines: u64,
    states: Vec<State>,
}

/// A parsed chunk with its place in the input and in the column arrays.
struct Placed {
    range: Range<usize>,
    /// First row slot of the chunk in the column arrays.
    offset: usize,
    rows: usize,
    /// Newlines before the chunk (for absolute line numbers).
    base: u64,
}

/// The parsed header of a CSV: the column names, the parse settings and where the body starts.
pub(crate) struct Header {
    pub names: Vec<String>,
    pub ctx: Ctx,
    /// Byte offset of the first body record.
    pub body_start: usize,
    /// Newlines before the body.
    pub body_newlines: u64,
}

/// Reads a whole CSV held in memory, using up to `max_chunks` threads, with chunks of at least
/// `min_chunk` bytes.
pub(crate) fn read_bytes(
    data: &[u8],
    file: &str,
    opts: &CsvOptions,
    max_chunks: usize,
    min_chunk: usize,
) -> Result<Frame, ReadError> {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let h = read_header(data, file, opts)?;
    let body = Body {
        data,
        start: h.body_start,
        newlines: h.body_newlines,
    };
    read_body(body, &h.ctx, &h.names, file, max_chunks, min_chunk)
}

/// Parses the header record at the start of `data` (a byte-order mark already stripped).
pub(crate) fn read_header(data: &[u8], file: &str, opts: &CsvOptions) -> Result<Header, ReadError> {
    let delim = opts.delimiter;
    if matches!(delim, b'"' | b'\n' | b'\r') {
        return Err(ReadError::BadDelimiter {
            file: file.to_owned(),
            delimiter: char::from(delim),
        });
    }
    let mut sc = Scanner::new(data, delim);
    if !sc.start_record() {
        return Err(ReadError::NoHeader {
            file: file.to_owned(),
        });
    }
    let header_line = sc.line() + 1;
    let mut names: Vec<String> = Vec::new();
    loop {
        let j = names.len();
        let f = sc
            .next_field()
            .map_err(|e| to_error(Problem::scan(e, j), 0, file, &[]))?;
        let text = std::str::from_utf8(sc.content(&f)).map_err(|_| ReadError::InvalidUtf8 {
            file: file.to_owned(),
            at: Location {
                line: f.line + 1,
                column: Some(j + 1),
                name: None,
            },
        })?;
        names.push(
            text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                .to_owned(),
        );
        if f.last {
            break;
        }
    }
    check_names(&names, header_line, file)?;
    let ctx = context(&names, delim, opts, file)?;
    Ok(Header {
        names,
        ctx,
        body_start: sc.pos(),
        body_newlines: sc.line(),
    })
}

/// Body records to parse: `data[start..]`, with `newlines` physical lines of the file before it.
pub(crate) struct Body<'a> {
    pub data: &'a [u8],
    pub start: usize,
    pub newlines: u64,
}

/// Parses body records into a frame of the selected columns (see the module docs).
pub(crate) fn read_body(
    body: Body<'_>,
    ctx: &Ctx,
    names: &[String],
    file: &str,
    max_chunks: usize,
    min_chunk: usize,
) -> Result<Frame, ReadError> {
    let Body {
        data,
        start: body_start,
        newlines: body_newlines,
    } = body;
    // Room for every chunk's rows.
    let ranges = split(data, body_start, max_chunks, min_chunk);
    let threads = max_chunks.min(ranges.len());
    let bounds: Vec<usize> = par_map(ranges.clone(), threads, |r| {
        count_newlines(&data[r]) as usize + 1
    });
    let mut offsets = Vec::with_capacity(bounds.len());
    let mut total = 0usize;
    for b in &bounds {
        offsets.push(total);
        total += b;
    }
    let nsel = ctx.selected.len();
    let mut values: Vec<Vec<f64>> = (0..nsel).map(|_| vec![0.0; total]).collect();
    let mut codes: Vec<Vec<u32>> = (0..nsel).map(|_| vec![0; total]).collect();

    // Parse the chunks.
    let results: Vec<Result<Chunk, Problem>> = {
        let outs = carve(&mut values, &mut codes, 0, &bounds);
        let jobs: Vec<_> = ranges.iter().cloned().zip(outs).collect();
        par_map(jobs, threads, |(r, mut out)| {
            parse_chunk(&data[r], ctx, &mut out)
        })
    };
    let mut chunks: Vec<(Chunk, Placed)> = Vec::with_capacity(results.len());
    let mut base = body_newlines;
    let n = results.len();
    for (k, res) in results.into_iter().enumerate() {
        let res = match res {
            Err(p)
                if k + 1 < n
                    && matches!(p.kind, ProblemKind::Scan(ScanErrorKind::UnclosedQuote)) =>
            {
                // The chunk ended inside a quoted field: parse the rest in one piece.
                let range = ranges[k].start..data.len();
                let mut outs = carve(&mut values, &mut codes, offsets[k], &[total - offsets[k]]);
                let mut out = outs.pop().unwrap_or_default();
                let c = parse_chunk(&data[range.clone()], ctx, &mut out)
                    .map_err(|p| to_error(p, base, file, names))?;
                let placed = Placed {
                    range,
                    offset: offsets[k],
                    rows: c.rows,
                    base,
                };
                chunks.push((c, placed));
                break;
            }
            res => res.map_err(|p| to_error(p, base, file, names))?,
        };
        let placed = Placed {
            range: ranges[k].clone(),
            offset: offsets[k],
            rows: res.rows,
            base,
        };
        base += res.newlines;
        chunks.push((res, placed));
    }

    // Assemble the columns.
    let nrows: usize = chunks.iter().map(|(c, _)| c.rows).sum();
    let mut states: Vec<Vec<State>> = (0..nsel).map(|_| Vec::with_capacity(n)).collect();
    let mut placed: Vec<Placed> = Vec::with_capacity(chunks.len());
    for (c, p) in chunks {
        for (a, st) in c.states.into_iter().enumerate() {
            states[a].push(st);
        }
        placed.push(p);
    }
    let mut frame = Frame::new(nrows);
    frame.source = Some(file.to_owned());
    for (a, st) in states.into_iter().enumerate() {
        let j = ctx.selected[a];
        let mut vals = std::mem::take(&mut values[a]);
        let mut cods = std::mem::take(&mut codes[a]);
        let col = if st.iter().all(|s| matches!(s, State::Num)) {
            drop(cods);
            compact(&mut vals, &placed);
            Column::Num(NumColumn::new(vals))
        } else {
            drop(vals);
            let (dict, first_non_numeric) = merge_text(data, ctx, j, st, &placed, &mut cods)
                .map_err(|(p, base)| to_error(p, base, file, names))?;
            compact(&mut cods, &placed);
            Column::Str(StrColumn {
                codes: cods,
                dict,
                first_non_numeric,
            })
        };
        // Names are unique and lengths agree, so this cannot fail.
        if let Err(e) = frame.push(names[j].clone(), col) {
            unreachable!("frame assembly: {e}");
        }
    }
    Ok(frame)
}

/// Splits every column's arrays, from row slot `start`, into consecutive pieces of the given
/// lengths: one `Vec<Out>` (one `Out` per column) per piece.
fn carve<'a>(
    values: &'a mut [Vec<f64>],
    codes: &'a mut [Vec<u32>],
    start: usize,
    lens: &[usize],
) -> Vec<Vec<Out<'a>>> {
    let mut outs: Vec<Vec<Out<'a>>> = lens.iter().map(|_| Vec::new()).collect();
    for (v, c) in values.iter_mut().zip(codes.iter_mut()) {
        let mut v: &mut [f64] = &mut v[start..];
        let mut c: &mut [u32] = &mut c[start..];
        for (out, &len) in outs.iter_mut().zip(lens) {
            let (vh, vt) = std::mem::take(&mut v).split_at_mut(len);
            let (ch, ct) = std::mem::take(&mut c).split_at_mut(len);
            out.push(Out {
                values: vh,
                codes: ch,
            });
            v = vt;
            c = ct;
        }
    }
    outs
}

/// Moves the chunks' rows together (closing the room left unused) and truncates.
fn compact<T: Copy>(v: &mut Vec<T>, placed: &[Placed]) {
    let mut dest = 0;
    for p in placed {
        if p.offset != dest {
            v.copy_within(p.offset..p.offset + p.rows, dest);
        }
        dest += p.rows;
    }
    v.truncate(dest);
}

/// `items.into_iter().map(f).collect()`, spread over up to `threads` threads (item `i` goes to
/// thread `i % threads`).
fn par_map<T: Send, R: Send>(items: Vec<T>, threads: usize, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let threads = threads.min(items.len()).max(1);
    if threads == 1 {
        return items.into_iter().map(f).collect();
    }
    let n = items.len();
    let mut groups: Vec<Vec<(usize, T)>> = (0..threads).map(|_| Vec::new()).collect();
    for (i, item) in items.into_iter().enumerate() {
        groups[i % threads].push((i, item));
    }
    let f = &f;
    let mut out: Vec<Option<R>> = (0..n).map(|_| None).collect();
    std::thread::scope(|s| {
        let handles: Vec<_> = groups
            .into_iter()
            .map(|g| s.spawn(move || g.into_iter().map(|(i, t)| (i, f(t))).collect::<Vec<_>>()))
            .collect();
        for h in handles {
            for (i, r) in h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)) {
                out[i] = Some(r);
            }
        }
    });
    out.into_iter().flatten().collect()
}

fn check_names(names: &[String], line: u64, file: &str) -> Result<(), ReadError> {
    let empty: Vec<usize> = (0..names.len())
        .filter(|&j| names[j].is_empty())
        .map(|j| j + 1)
        .collect();
    if !empty.is_empty() {
        return Err(ReadError::EmptyName {
            file: file.to_owned(),
            line,
            columns: empty,
        });
    }
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(names.len());
    for (j, n) in names.iter().enumerate() {
        if let Some(&first) = seen.get(n.as_str()) {
            let columns = (first..names.len())
                .filter(|&k| names[k] == *n)
                .map(|k| k + 1)
                .collect();
            return Err(ReadError::DuplicateName {
                file: file.to_owned(),
                line,
                name: n.clone(),
                columns,
            });
        }
        seen.insert(n, j);
    }
    Ok(())
}

/// The positions (in file order) of the columns `opts` selects among `names`; an unknown
/// selected name is [`ReadError::UnknownColumns`], with the names that differ only in case.
pub(crate) fn select_columns(
    names: &[String],
    opts: &CsvOptions,
    file: &str,
) -> Result<Vec<usize>, ReadError> {
    let ncols = names.len();
    Ok(match &opts.columns {
        None => (0..ncols).collect(),
        Some(want) => {
            let missing: Vec<String> = want
                .iter()
                .filter(|w| !names.contains(w))
                .cloned()
                .collect();
            if !missing.is_empty() {
                let hint = missing
                    .iter()
                    .filter_map(|m| {
                        let lower = m.to_lowercase();
                        names
                            .iter()
                            .find(|n| n.to_lowercase() == lower)
                            .map(|n| format!("`{n}` for `{m}`"))
                    })
                    .collect::<Vec<_>>();
                let hint = if hint.is_empty() {
                    String::new()
                } else {
                    format!(
                        " (names are case-sensitive: did you mean {}?)",
                        hint.join(", ")
                    )
                };
                return Err(ReadError::UnknownColumns {
                    file: file.to_owned(),
                    missing,
                    available: names.to_vec(),
                    hint,
                });
            }
            (0..ncols).filter(|&j| want.contains(&names[j])).collect()
        }
    })
}

fn context(names: &[String], delim: u8, opts: &CsvOptions, file: &str) -> Result<Ctx, ReadError> {
    let ncols = names.len();
    let selected = select_columns(names, opts, file)?;
    let mut slot = vec![None; ncols];
    for (a, &j) in selected.iter().enumerate() {
        slot[j] = Some(a);
    }
    let text = vec![false; selected.len()];
    Ok(Ctx {
        delim,
        ncols,
        slot,
        selected,
        text,
    })
}

/// Settings that select nothing (replaced once a header is read).
pub(crate) fn empty_ctx() -> Ctx {
    Ctx {
        delim: b',',
        ncols: 0,
        slot: Vec::new(),
        selected: Vec::new(),
        text: Vec::new(),
    }
}

/// Splits `data[start..]` into at most `max_chunks` ranges of at least `min_chunk` bytes (but
/// the last), each cut just after a newline.
fn split(data: &[u8], start: usize, max_chunks: usize, min_chunk: usize) -> Vec<Range<usize>> {
    let len = data.len() - start;
    let n = max_chunks.min(len / min_chunk.max(1)).max(1);
    let mut cuts = vec![start];
    let mut last = start;
    for k in 1..n {
        let target = (start + len * k / n).max(last);
        match memchr::memchr(b'\n', &data[target..]) {
            Some(p) if target + p + 1 < data.len() => {
                if target + p + 1 > last {
                    last = target + p + 1;
                    cuts.push(last);
                }
            }
            _ => break,
        }
    }
    cuts.push(data.len());
    cuts.windows(2).map(|w| w[0]..w[1]).collect()
}

fn parse_chunk(buf: &[u8], ctx: &Ctx, out: &mut [Out<'_>]) -> Result<Chunk, Problem> {
    let mut states: Vec<State> = ctx
        .text
        .iter()
        .map(|&t| {
            if t {
                State::Text(Dict::default())
            } else {
                State::Num
            }
        })
        .collect();
    let mut sc = Scanner::new(buf, ctx.delim);
    let mut rows = 0usize;
    while sc.start_record() {
        let record_line = sc.line();
        let mut j = 0usize;
        loop {
            let slot = ctx.slot.get(j).copied().flatten();
            if let Some(a) = slot {
                if let State::Num = states[a] {
                    if let Some((v, last)) = sc.try_plain_number() {
                        out[a].values[rows] = v;
                        j += 1;
                        if last {
                            break;
                        }
                        continue;
                    }
                }
            }
            let f = sc.next_field().map_err(|e| Problem::scan(e, j))?;
            if let Some(a) = slot {
                let cell = sc.content(&f);
                let o = &mut out[a];
                match &mut states[a] {
                    State::Num => match parse_number(cell) {
                        Num::Value(v) => o.values[rows] = v,
                        Num::Missing => o.values[rows] = f64::NAN,
                        Num::NotNumber => {
                            let mut d = texts_of(buf, ctx, j, &mut o.codes[..rows])?;
                            d.first_non_numeric = Some(CellRef {
                                line: f.line,
                                column: j + 1,
                                text: String::from_utf8_lossy(cell).into_owned(),
                            });
                            o.codes[rows] = text_code(&mut d, cell, f.line, j)?;
                            states[a] = State::Text(d);
                        }
                    },
                    State::Text(d) => o.codes[rows] = text_code(d, cell, f.line, j)?,
                }
            }
            j += 1;
            if f.last {
                break;
            }
        }
        if j != ctx.ncols {
            return Err(Problem {
                kind: ProblemKind::FieldCount {
                    expected: ctx.ncols,
                    found: j,
                },
                line: record_line,
                column: None,
            });
        }
        rows += 1;
    }
    Ok(Chunk {
        rows,
        newlines: sc.line(),
        states,
    })
}

#[inline]
fn text_code(d: &mut Dict, cell: &[u8], line: u64, column: usize) -> Result<u32, Problem> {
    d.code(cell).map_err(|e| Problem {
        kind: ProblemKind::Utf8,
        line: line + e.newlines_before,
        column: Some(column),
    })
}

/// Dictionary-encodes file column `j` of the first `codes.len()` rows of `buf` from the original
/// cell texts, writing the codes.
#[cold]
fn texts_of(buf: &[u8], ctx: &Ctx, j: usize, codes: &mut [u32]) -> Result<Dict, Problem> {
    let mut d = Dict::default();
    let mut sc = Scanner::new(buf, ctx.delim);
    for code in codes.iter_mut() {
        if !sc.start_record() {
            break;
        }
        let mut k = 0usize;
        loop {
            let f = sc.next_field().map_err(|e| Problem::scan(e, k))?;
            if k == j {
                *code = text_code(&mut d, sc.content(&f), f.line, j)?;
                if !f.last {
                    sc.skip_rest().map_err(|e| Problem::scan(e, k + 1))?;
                }
                break;
            }
            k += 1;
            if f.last {
                break;
            }
        }
    }
    Ok(d)
}

/// Joins the chunks' dictionaries of a text column (file column `j`), renumbering codes in
/// place; chunks where the column was still numeric are encoded from their original texts.
/// Returns the dictionary and the first non-numeric cell, or a problem with its chunk's base.
fn merge_text(
    data: &[u8],
    ctx: &Ctx,
    j: usize,
    states: Vec<State>,
    placed: &[Placed],
    codes: &mut [u32],
) -> Result<(Vec<String>, Option<CellRef>), (Problem, u64)> {
    let mut dict: Vec<String> = Vec::new();
    let mut index: HashMap<String, u32, FxBuild> = HashMap::default();
    let mut first_non_numeric = None;
    for (state, p) in states.into_iter().zip(placed) {
        let region = &mut codes[p.offset..p.offset + p.rows];
        let d = match state {
            State::Text(d) => d,
            State::Num => {
                texts_of(&data[p.range.clone()], ctx, j, region).map_err(|e| (e, p.base))?
            }
        };
        if first_non_numeric.is_none() {
            if let Some(mut c) = d.first_non_numeric {
                c.line += p.base + 1;
                first_non_numeric = Some(c);
            }
        }
        let remap: Vec<u32> = d
            .dict
            .into_iter()
            .map(|s| {
                let next = dict.len() as u32;
                *index.entry(s).or_insert_with_key(|s| {
                    dict.push(s.clone());
                    next
                })
            })
            .collect();
        // Codes are in order of first appearance, so the first chunk maps to itself.
        if remap.iter().enumerate().any(|(i, &c)| c as usize != i) {
            for c in region.iter_mut().filter(|c| **c != MISSING_CODE) {
                *c = remap[*c as usize];
            }
        }
    }
    Ok((dict, first_non_numeric))
}

fn to_error(p: Problem, base: u64, file: &str, names: &[String]) -> ReadError {
    let line = base + p.line + 1;
    let at = Location {
        line,
        column: p.column.map(|c| c + 1),
        name: p.column.and_then(|c| names.get(c).cloned()),
    };
    let file = file.to_owned();
    match p.kind {
        ProblemKind::Scan(ScanErrorKind::UnclosedQuote) => ReadError::UnclosedQuote { file, at },
        ProblemKind::Scan(ScanErrorKind::TextAfterQuote) => ReadError::TextAfterQuote { file, at },
        ProblemKind::Utf8 => ReadError::InvalidUtf8 { file, at },
        ProblemKind::FieldCount { expected, found } => ReadError::FieldCount {
            file,
            line,
            expected,
            found,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A printable summary of a read: every column with exact bits, or the error message.
    fn outcome(r: Result<Frame, ReadError>) -> String {
        match r {
            Err(e) => format!("error: {e}"),
            Ok(f) => {
                let mut s = format!("{} rows\n", f.nrows());
                for (n, c) in f.names().iter().zip(f.columns()) {
                    match c {
                        Column::Num(v) => {
                            let bits: Vec<u64> = v.values.iter().map(|x| x.to_bits()).collect();
                            s.push_str(&format!("{n} num {bits:?}\n"));
                        }
                        Column::Str(t) => s.push_str(&format!(
                            "{n} text {:?} {:?} {:?}\n",
                            t.dict, t.codes, t.first_non_numeric
                        )),
                    }
                }
                s
            }
        }
    }

    fn read(data: &[u8], chunks: usize) -> String {
        outcome(read_bytes(data, "t.csv", &CsvOptions::default(), chunks, 1))
    }

    fn same_for_all_chunkings(data: &[u8]) -> String {
        let one = read(data, 1);
        for k in 2..=9 {
            assert_eq!(
                read(data, k),
                one,
                "{k} chunks on {:?}",
                String::from_utf8_lossy(data)
            );
        }
        one
    }

    #[test]
    fn split_cuts_after_newlines() {
        let data = b"h\n1\n22\n333\n4444\n";
        for k in 1..8 {
            let r = split(data, 2, k, 1);
            assert_eq!(r.first().map(|r| r.start), Some(2));
            assert_eq!(r.last().map(|r| r.end), Some(data.len()));
            for w in r.windows(2) {
                assert_eq!(w[0].end, w[1].start);
                assert_eq!(data[w[0].end - 1], b'\n');
            }
        }
        assert_eq!(split(b"h\n", 2, 4, 1), vec![2..2]);
    }

    #[test]
    fn chunking_does_not_change_results() {
        let mut csv = String::from("id,x,note,y\n");
        for i in 0..200 {
            let note = match i % 7 {
                0 => "\"multi\nline, \"\"quoted\"\"\n text\"".to_owned(),
                1 => String::new(),
                2 => format!("n{}", i % 5),
                _ => format!("{}", i * 3),
            };
            let y = if i == 150 {
                "late text".to_owned()
            } else {
                format!("{}.5", i)
            };
            let x = if i % 11 == 0 {
                "\"\"".to_owned()
            } else {
                format!("\"{}\"", i % 4)
            };
            csv.push_str(&format!("{i},{x},{note},{y}\r\n"));
            if i % 37 == 0 {
                csv.push('\n');
            }
        }
        let out = same_for_all_chunkings(csv.as_bytes());
        assert!(out.starts_with("200 rows"), "{out}");
        assert!(out.contains("x num"), "{out}");
        assert!(out.contains("note text"), "{out}");
        // `y` turns text at row 150; earlier values keep their text.
        assert!(out.contains("y text [\"0.5\", \"1.5\""), "{out}");
    }

    #[test]
    fn chunked_errors_report_the_same_line() {
        let mut csv = String::from("a,b\n");
        for i in 0..100 {
            csv.push_str(&format!("{i},\"x\ny\"\n"));
        }
        csv.push_str("1,2,3\n");
        let out = same_for_all_chunkings(csv.as_bytes());
        assert_eq!(
            out,
            "error: t.csv: line 202: expected 2 fields (as in the header), found 3"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn any_input_reads_the_same_in_chunks(
            body in proptest::collection::vec(
                prop_oneof![
                    Just(b'a'), Just(b'1'), Just(b'2'), Just(b'.'), Just(b','), Just(b'"'),
                    Just(b'\n'), Just(b'\r'), Just(b' '), Just(0xffu8), Just(b'-')
                ],
                0..300,
            )
        ) {
            let mut data = b"p,q\n".to_vec();
            data.extend_from_slice(&body);
            same_for_all_chunkings(&data);
        }
    }
}
