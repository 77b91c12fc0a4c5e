//! Streaming conversion of Eurostat TSV to TSV, SDMX-CSV and plain CSV in bounded memory.
//!
//! The input is read in blocks of about 4 MB cut at line ends; each block is split at line ends
//! into one piece per thread, the pieces are converted into their own buffers in parallel, and a
//! writer thread writes the buffers in order while the next block is read and converted. The
//! output is byte for byte what the series-by-series writers ([`TsvWriter`], [`SdmxCsvWriter`],
//! [`TableCsvWriter`]) produce, and errors name the same physical line and column as
//! [`TsvReader`]. Memory: a few blocks and their output, whatever the file size.
//!
//! TSV to TSV without filters or flag mapping copies each line that is already what
//! [`TsvWriter`] would write for it ([`canonical_line`](crate::tsv): canonical numbers and
//! flags, as Eurostat's API writes them) instead of parsing its numbers and writing them back;
//! the other lines are parsed and rewritten.
//!
//! A series key that appears twice is an error naming both lines, as when the file is read
//! whole ([`read_tsv`](crate::tsv::read_tsv)): each piece records a 128-bit hash of every key
//! with its line, and the pieces are checked in order against the keys of the lines before
//! (memory: about 40 bytes per series).
//!
//! Filters keep the series whose code in each filtered key dimension is listed, and the listed
//! periods of the time dimension; series left without any data are dropped (as Eurostat does).
//! Periods keep the input's order.

use std::collections::HashSet;
use std::io::{BufRead, Write};

use crate::cube::Cell;
use crate::format_error::FormatError;
use crate::sdmx_csv::{DimColumn, SdmxCsvVersion, SdmxCsvWriter};
use crate::table_csv::TableCsvWriter;
use crate::tsv::{
    canonical_line, parse_line, trim_eol, TsvHeader, TsvReader, TsvSeries, TsvWriter,
};

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamTarget {
    Tsv,
    SdmxCsv(SdmxCsvVersion),
    CsvLong,
    CsvWide,
}

/// Options of [`convert_tsv`].
#[derive(Debug, Clone)]
pub struct StreamOptions {
    pub target: StreamTarget,
    /// `(dimension id, codes)`; several filters on one dimension intersect.
    pub filters: Vec<(String, Vec<String>)>,
    /// Map legacy flags to the 2025 lists ([`Flags::to_2025`](crate::flags::Flags::to_2025)).
    pub flags_2025: bool,
    /// Dataflow id for SDMX-CSV output.
    pub dataset_id: String,
    /// Worker threads (0 = one per core).
    pub threads: usize,
    /// Key dimensions (ids compared ignoring ASCII case) whose distinct codes to report in
    /// [`StreamStats::distinct_codes`], e.g. `geo` to check the codes against a registry
    /// without a second pass over the input. Every series counts, filtered out or not.
    pub distinct_codes: Vec<String>,
}

/// Counts of what was written, and the codes asked for by [`StreamOptions::distinct_codes`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StreamStats {
    pub series: u64,
    pub observations: u64,
    /// `(dimension as asked for, its distinct codes sorted)` for each dimension of
    /// [`StreamOptions::distinct_codes`] that the input has.
    pub distinct_codes: Vec<(String, Vec<String>)>,
}

struct Plan {
    header: TsvHeader,
    key_sets: Vec<Option<HashSet<String>>>,
    cols: Vec<usize>,
    periods: Vec<String>,
    opts: StreamOptions,
    /// TSV output of every series and period as read, flags unchanged: a line already written
    /// the way [`TsvWriter`] writes it is copied through ([`canonical_line`]).
    copy_canonical: bool,
    /// Positions in the key of the dimensions of [`StreamOptions::distinct_codes`].
    code_dims: Vec<(String, usize)>,
}

/// What one piece of the input gives.
struct PieceOut {
    bytes: Vec<u8>,
    series: u64,
    observations: u64,
    /// One set per [`Plan::code_dims`]: the codes not seen in earlier blocks.
    codes: Vec<CodeSet>,
    /// Every series key of the piece ([`key_id`]) with its physical line.
    keys: Vec<(u128, u64)>,
}

/// A 128-bit id of a series key (its codes joined by commas): two FxHash passes with
/// different multipliers, so that two different keys of one file share an id with probability
/// about n^2 / 2^129.
fn key_id<'a>(codes: impl Iterator<Item = &'a [u8]>) -> u128 {
    let (mut a, mut b) = (0u64, 0x9e37_79b9_7f4a_7c15u64);
    for (i, code) in codes.enumerate() {
        let sep: &[u8] = if i == 0 { b"" } else { b"," };
        for chunk in [sep, code] {
            for &byte in chunk {
                a = (a.rotate_left(5) ^ u64::from(byte)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
                b = (b.rotate_left(7) ^ u64::from(byte)).wrapping_mul(0xf135_7aea_2e62_a9c5);
            }
        }
    }
    (u128::from(a) << 64) | u128::from(b)
}

/// Distinct codes. The hash is FxHash's (rustc's): several times faster than SipHash on short
/// codes, and the codes come from the user's own file, so hash flooding is not a concern.
type CodeSet = HashSet<String, std::hash::BuildHasherDefault<CodeHasher>>;

/// FxHash: one multiply-rotate per 8 bytes.
#[derive(Default)]
struct CodeHasher(u64);

impl std::hash::Hasher for CodeHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes(c.try_into().unwrap_or_default());
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        let mut tail = [0u8; 8];
        let rest = chunks.remainder();
        tail[..rest.len()].copy_from_slice(rest);
        self.0 =
            (self.0.rotate_left(5) ^ u64::from_le_bytes(tail) ^ rest.len() as u64).wrapping_mul(K);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

enum Sink<W: Write> {
    Tsv(TsvWriter<W>),
    Sdmx(SdmxCsvWriter<W>),
    Long(TableCsvWriter<W>),
    Wide(TableCsvWriter<W>),
}

impl Plan {
    fn sink<W: Write>(&self, out: W, name: &str) -> Result<Sink<W>, FormatError> {
        let h = &self.header;
        let dims: Vec<&str> = h.dimensions.iter().map(String::as_str).collect();
        let periods: Vec<&str> = self.periods.iter().map(String::as_str).collect();
        Ok(match self.opts.target {
            StreamTarget::Tsv => Sink::Tsv(TsvWriter::new(
                out,
                name,
                &dims,
                &h.time_dimension,
                &periods,
            )?),
            StreamTarget::SdmxCsv(version) => {
                let mut cols: Vec<DimColumn<'_>> = dims
                    .iter()
                    .map(|d| DimColumn { id: d, label: None })
                    .collect();
                cols.push(DimColumn {
                    id: &h.time_dimension,
                    label: None,
                });
                Sink::Sdmx(SdmxCsvWriter::new(
                    out,
                    name,
                    version,
                    false,
                    &self.opts.dataset_id,
                    None,
                    &cols,
                    Some(&h.time_dimension),
                )?)
            }
            StreamTarget::CsvLong => {
                let mut all = dims.clone();
                all.push(&h.time_dimension);
                Sink::Long(TableCsvWriter::long(out, name, &all)?)
            }
            StreamTarget::CsvWide => Sink::Wide(TableCsvWriter::wide(out, name, &dims, &periods)?),
        })
    }

    /// Filters and writes one series, counting it in `out`.
    fn write(
        &self,
        sink: &mut Sink<impl Write>,
        s: &TsvSeries,
        periods: &[&str],
        cells: &mut Vec<Cell>,
        out: &mut PieceOut,
    ) -> Result<(), FormatError> {
        if !s
            .key
            .iter()
            .zip(&self.key_sets)
            .all(|(c, set)| set.as_ref().is_none_or(|set| set.contains(c)))
        {
            return Ok(());
        }
        cells.clear();
        cells.extend(self.cols.iter().map(|&i| {
            let mut c = s.cells[i];
            if self.opts.flags_2025 {
                c.flags = c.flags.to_2025();
            }
            c
        }));
        if cells.iter().all(Cell::is_empty) {
            return Ok(());
        }
        out.series += 1;
        out.observations += cells.iter().filter(|c| !c.is_empty()).count() as u64;
        match sink {
            Sink::Tsv(t) => t.write_series(&s.key, cells),
            Sink::Wide(t) => t.write_series(&s.key, cells),
            Sink::Sdmx(x) => x.write_series_obs(&s.key, periods, cells),
            Sink::Long(x) => x.write_series_long(&s.key, periods, cells),
        }
    }

    /// Converts a piece of whole lines starting at physical line `first_line` into `buf`
    /// (empty); `seen` are the distinct codes of earlier blocks.
    fn piece(
        &self,
        data: &[u8],
        first_line: u64,
        mut buf: Vec<u8>,
        seen: &[CodeSet],
        in_name: &str,
        out_name: &str,
    ) -> Result<PieceOut, FormatError> {
        let capacity = match self.opts.target {
            StreamTarget::Tsv | StreamTarget::CsvWide => data.len() + data.len() / 8,
            _ => data.len() * 8,
        };
        buf.reserve(capacity);
        let mut sink = self.sink(buf, out_name)?;
        match &mut sink {
            Sink::Tsv(t) => t.discard_buffer(),
            Sink::Sdmx(t) => t.discard_buffer(),
            Sink::Long(t) | Sink::Wide(t) => t.discard_buffer(),
        }
        let mut out = PieceOut {
            bytes: Vec::new(),
            series: 0,
            observations: 0,
            codes: vec![CodeSet::default(); self.code_dims.len()],
            keys: Vec::new(),
        };
        let periods: Vec<&str> = self.periods.iter().map(String::as_str).collect();
        let (ndims, nperiods) = (self.header.dimensions.len(), self.header.periods.len());
        let mut series = TsvSeries::default();
        let mut cells = Vec::with_capacity(self.cols.len());
        let mut line = first_line;
        let mut pos = 0;
        while pos < data.len() {
            let end = memchr::memchr(b'\n', &data[pos..]).map_or(data.len(), |e| pos + e + 1);
            let raw = trim_eol(&data[pos..end]);
            line += 1;
            pos = end;
            if raw.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            if let (true, Sink::Tsv(t)) = (self.copy_canonical, &mut sink) {
                if let Some(observations) = canonical_line(raw, ndims, nperiods) {
                    // ASCII: the key is the bytes before the first TAB, its codes untrimmed.
                    let key = raw.split(|&b| b == b'\t').next().unwrap_or_default();
                    out.keys.push((key_id(key.split(|&b| b == b',')), line - 1));
                    for (((_, d), new), seen) in self.code_dims.iter().zip(&mut out.codes).zip(seen)
                    {
                        if let Some(code) = key.split(|&b| b == b',').nth(*d) {
                            let code = std::str::from_utf8(code).unwrap_or_default();
                            insert_code(new, seen, code);
                        }
                    }
                    if observations > 0 {
                        out.series += 1;
                        out.observations += observations as u64;
                        t.write_line_verbatim(raw)?;
                    }
                    continue;
                }
            }
            parse_line(in_name, &self.header, raw, line - 1, &mut series)?;
            out.keys
                .push((key_id(series.key.iter().map(|c| c.as_bytes())), line - 1));
            for (((_, d), new), seen) in self.code_dims.iter().zip(&mut out.codes).zip(seen) {
                insert_code(new, seen, &series.key[*d]);
            }
            self.write(&mut sink, &series, &periods, &mut cells, &mut out)?;
        }
        out.bytes = match sink {
            Sink::Tsv(t) => t.finish()?,
            Sink::Sdmx(t) => t.finish()?,
            Sink::Long(t) | Sink::Wide(t) => t.finish()?,
        };
        Ok(out)
    }
}

/// Adds `code` to `new` unless it is in `seen` or `new` (allocating only for new codes).
#[inline]
fn insert_code(new: &mut CodeSet, seen: &CodeSet, code: &str) {
    if !seen.contains(code) && !new.contains(code) {
        new.insert(code.to_owned());
    }
}

/// Input block size. One observation per row (SDMX-CSV, long CSV) makes the output several
/// times the input, so those read smaller blocks to keep the blocks in flight small.
fn block_size(target: StreamTarget) -> usize {
    match target {
        StreamTarget::Tsv | StreamTarget::CsvWide => 4 << 20,
        StreamTarget::SdmxCsv(_) | StreamTarget::CsvLong => 1 << 20,
    }
}

/// Converts TSV from `input` to `out` (see the module docs); returns the output and counts.
pub fn convert_tsv<R: BufRead, W: Write + Send>(
    input: R,
    in_name: &str,
    out: W,
    out_name: &str,
    opts: &StreamOptions,
) -> Result<(W, StreamStats), FormatError> {
    convert_blocks(input, in_name, out, out_name, opts, block_size(opts.target))
}

fn convert_blocks<R: BufRead, W: Write + Send>(
    input: R,
    in_name: &str,
    mut out: W,
    out_name: &str,
    opts: &StreamOptions,
    block_size: usize,
) -> Result<(W, StreamStats), FormatError> {
    let (header, mut reader, header_lines) = TsvReader::new(input, in_name)?.into_parts();
    let mut key_sets: Vec<Option<HashSet<String>>> = vec![None; header.dimensions.len()];
    let mut keep = vec![true; header.periods.len()];
    for (dim, codes) in &opts.filters {
        let set: HashSet<String> = codes.iter().cloned().collect();
        if *dim == header.time_dimension {
            for (k, p) in keep.iter_mut().zip(&header.periods) {
                *k &= set.contains(p);
            }
        } else if let Some(d) = header.dimensions.iter().position(|x| x == dim) {
            key_sets[d] = Some(match key_sets[d].take() {
                Some(prev) => prev.intersection(&set).cloned().collect(),
                None => set,
            });
        } else {
            return Err(FormatError::invalid(
                in_name,
                format!(
                    "filter on `{dim}`: no such dimension (dimensions: {}, {})",
                    header.dimensions.join(", "),
                    header.time_dimension
                ),
            ));
        }
    }
    let cols: Vec<usize> = (0..header.periods.len()).filter(|&i| keep[i]).collect();
    let periods = cols.iter().map(|&i| header.periods[i].clone()).collect();
    let code_dims = opts
        .distinct_codes
        .iter()
        .filter_map(|want| {
            let d = header
                .dimensions
                .iter()
                .position(|d| d.eq_ignore_ascii_case(want))?;
            Some((want.clone(), d))
        })
        .collect();
    let copy_canonical = opts.target == StreamTarget::Tsv
        && !opts.flags_2025
        && key_sets.iter().all(Option::is_none)
        && cols.len() == header.periods.len();
    let plan = Plan {
        header,
        key_sets,
        cols,
        periods,
        opts: opts.clone(),
        copy_canonical,
        code_dims,
    };
    let threads = match opts.threads {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    };
    let head = match plan.sink(Vec::new(), out_name)? {
        Sink::Tsv(t) => t.finish()?,
        Sink::Sdmx(t) => t.finish()?,
        Sink::Long(t) | Sink::Wide(t) => t.finish()?,
    };
    // A writer thread takes the converted pieces in order, so that writing a block overlaps
    // reading and converting the next one; at most one block's pieces wait for it.
    let (out, body) = std::thread::scope(|scope| {
        let (to_writer, pieces) = std::sync::mpsc::sync_channel::<Vec<u8>>(threads);
        let (to_reuse, written) = std::sync::mpsc::channel::<Vec<u8>>();
        let writer = scope.spawn(move || {
            let io_err = |e| FormatError::io(out_name, e);
            out.write_all(&head).map_err(io_err)?;
            for mut bytes in pieces {
                out.write_all(&bytes).map_err(io_err)?;
                bytes.clear();
                // The converter may be done and gone: nothing to reuse then.
                let _ = to_reuse.send(bytes);
            }
            out.flush().map_err(io_err)?;
            Ok(out)
        });
        let converted = convert_body(
            &plan,
            &mut reader,
            ConvertState {
                in_name,
                out_name,
                block_size,
                threads,
                first_line: header_lines + 1,
            },
            |bytes| to_writer.send(bytes).is_ok(),
            || written.try_recv().ok(),
        );
        drop(to_writer);
        let written = writer
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        // A write error stops the conversion (the writer is gone): it is the one to report.
        let out = written?;
        converted.map(|stats| (out, stats))
    })?;
    let distinct_codes = plan
        .code_dims
        .iter()
        .zip(body.codes)
        .map(|((dim, _), set)| {
            let mut v: Vec<String> = set.into_iter().collect();
            v.sort_unstable();
            (dim.clone(), v)
        })
        .collect();
    let stats = StreamStats {
        series: body.series,
        observations: body.observations,
        distinct_codes,
    };
    Ok((out, stats))
}

/// Where [`convert_body`] reads and how it splits the work.
struct ConvertState<'a> {
    in_name: &'a str,
    out_name: &'a str,
    block_size: usize,
    threads: usize,
    /// Physical line of the first line after the header.
    first_line: u64,
}

/// What [`convert_body`] counted.
#[derive(Default)]
struct BodyStats {
    series: u64,
    observations: u64,
    codes: Vec<CodeSet>,
}

/// Reads blocks of whole lines, converts each in pieces on `state.threads` threads and hands
/// the pieces' output in order to `emit` (`false`: the writer has stopped); `reuse` gives back
/// emptied output buffers.
fn convert_body(
    plan: &Plan,
    reader: &mut impl BufRead,
    state: ConvertState<'_>,
    mut emit: impl FnMut(Vec<u8>) -> bool,
    mut reuse: impl FnMut() -> Option<Vec<u8>>,
) -> Result<BodyStats, FormatError> {
    let ConvertState {
        in_name,
        out_name,
        block_size,
        threads,
        first_line,
    } = state;
    let mut stats = BodyStats {
        codes: vec![CodeSet::default(); plan.code_dims.len()],
        ..BodyStats::default()
    };
    let mut line = first_line;
    // every series key so far, with its line
    let mut keys: std::collections::HashMap<u128, u64> = std::collections::HashMap::new();
    // `block[..keep]` is the unfinished last line of the previous block, `block[..filled]`
    // what has been read. The block is zeroed once, when it grows.
    let mut block: Vec<u8> = Vec::new();
    let mut keep = 0usize;
    loop {
        // Fill the block straight from the reader (a request larger than the reader's buffer
        // bypasses it: one copy).
        let want = keep + block_size;
        if block.len() < want {
            block.resize(want, 0);
        }
        let mut filled = keep;
        let mut eof = false;
        while filled < want {
            match reader.read(&mut block[filled..want]) {
                Ok(0) => {
                    eof = true;
                    break;
                }
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(FormatError::io(in_name, e)),
            }
        }
        let end = if eof {
            filled
        } else {
            match memchr::memrchr(b'\n', &block[..filled]) {
                Some(p) => p + 1,
                None => {
                    // A line longer than the block: read on.
                    keep = filled;
                    continue;
                }
            }
        };
        // Pieces cut at line ends, with their first physical line and an output buffer
        // (reused: fresh memory costs page faults).
        let mut jobs: Vec<(&[u8], u64, Vec<u8>)> = Vec::with_capacity(threads);
        let mut rest: &[u8] = &block[..end];
        let target = end.div_ceil(threads).max(block_size / 64).max(1);
        while !rest.is_empty() {
            let cut = if rest.len() <= target {
                rest.len()
            } else {
                memchr::memchr(b'\n', &rest[target..]).map_or(rest.len(), |e| target + e + 1)
            };
            let (piece, tail) = rest.split_at(cut);
            jobs.push((piece, line, reuse().unwrap_or_default()));
            line += memchr::memchr_iter(b'\n', piece).count() as u64;
            rest = tail;
        }
        let seen = &stats.codes;
        let results: Vec<Result<PieceOut, FormatError>> = if jobs.len() <= 1 {
            jobs.drain(..)
                .map(|(p, l, buf)| plan.piece(p, l, buf, seen, in_name, out_name))
                .collect()
        } else {
            std::thread::scope(|s| {
                let first = jobs.remove(0);
                let handles: Vec<_> = jobs
                    .drain(..)
                    .map(|(p, l, buf)| {
                        s.spawn(move || plan.piece(p, l, buf, seen, in_name, out_name))
                    })
                    .collect();
                let mut v = vec![plan.piece(first.0, first.1, first.2, seen, in_name, out_name)];
                for h in handles {
                    v.push(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
                }
                v
            })
        };
        for r in results {
            let piece = r?;
            for &(id, at) in &piece.keys {
                if let Some(prev) = keys.insert(id, at) {
                    return Err(FormatError::at(
                        in_name,
                        at,
                        Some(1),
                        None,
                        format!("this series repeats the series of line {prev}"),
                    ));
                }
            }
            stats.series += piece.series;
            stats.observations += piece.observations;
            for (all, new) in stats.codes.iter_mut().zip(piece.codes) {
                all.extend(new);
            }
            if !emit(piece.bytes) {
                return Ok(stats);
            }
        }
        if eof {
            return Ok(stats);
        }
        // Move the unfinished line to the front.
        block.copy_within(end..filled, 0);
        keep = filled - end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(target: StreamTarget, threads: usize) -> StreamOptions {
        StreamOptions {
            target,
            filters: Vec::new(),
            flags_2025: false,
            dataset_id: "ESTAT:T(1.0)".into(),
            threads,
            distinct_codes: Vec::new(),
        }
    }

    #[test]
    fn same_output_as_the_cube_writers_whatever_the_threads() {
        let mut text = String::from("unit,geo\\time\t2021 \t2020 \r\n");
        for i in 0..20_000 {
            text.push_str(&format!(
                "PC,G{i:05}\t{}.5 b\t: {}\r\n",
                i,
                if i % 3 == 0 { "u" } else { "" }
            ));
        }
        let ds = crate::tsv::read_tsv_from(text.as_bytes(), "t").unwrap();
        for threads in [1, 2, 3] {
            let (got, st) = convert_tsv(
                text.as_bytes(),
                "t",
                Vec::new(),
                "o",
                &opts(StreamTarget::Tsv, threads),
            )
            .unwrap();
            // Streaming keeps the input's period order (descending here).
            let back = crate::tsv::read_tsv_from(got.as_slice(), "o").unwrap();
            assert!(back.canonical_observations() == ds.canonical_observations());
            assert_eq!(st.series, 20_000);
        }
        let (one, _) = convert_tsv(
            text.as_bytes(),
            "t",
            Vec::new(),
            "o",
            &opts(StreamTarget::SdmxCsv(SdmxCsvVersion::V1), 1),
        )
        .unwrap();
        let (three, _) = convert_tsv(
            text.as_bytes(),
            "t",
            Vec::new(),
            "o",
            &opts(StreamTarget::SdmxCsv(SdmxCsvVersion::V1), 3),
        )
        .unwrap();
        assert_eq!(one, three);
        let mut ds = ds;
        ds.id = "ESTAT:T(1.0)".into();
        let cube = crate::sdmx_csv::write_sdmx_csv(&ds, Vec::new(), "o", SdmxCsvVersion::V1, false)
            .unwrap();
        assert!(one == cube, "streamed SDMX-CSV = cube SDMX-CSV");
        let (long, _) = convert_tsv(
            text.as_bytes(),
            "t",
            Vec::new(),
            "o",
            &opts(StreamTarget::CsvLong, 2),
        )
        .unwrap();
        assert!(long == crate::table_csv::write_csv_long(&ds, Vec::new(), "o").unwrap());
    }

    #[test]
    fn errors_keep_their_physical_line_with_threads() {
        let mut text = String::from("unit,geo\\time\t2021 \n");
        for i in 0..200_000 {
            text.push_str(&format!("PC,G{i:06}\t{i} \n"));
            if i == 150_000 {
                text.push('\n');
            }
        }
        text.push_str("PC,BAD\t1 x\n");
        let e = convert_tsv(
            text.as_bytes(),
            "t",
            std::io::sink(),
            "o",
            &opts(StreamTarget::Tsv, 2),
        )
        .unwrap_err();
        let at = e.location().unwrap();
        assert_eq!((at.line, at.column), (200_003, Some(2)));
    }

    #[test]
    fn tiny_blocks_and_lines_longer_than_a_block() {
        let mut text = String::from("unit,geo\\time\t2020 \t2021 \r\n");
        for i in 0..500 {
            text.push_str(&format!("PC,GEO{i:04}\t{i}.25 e\t: \r\n"));
        }
        text.push_str("\nPC,LAST\t1 \t2"); // no final line end
        let (expect, _) = convert_tsv(
            text.as_bytes(),
            "t",
            Vec::new(),
            "o",
            &opts(StreamTarget::Tsv, 1),
        )
        .unwrap();
        for block in [1, 7, 100, 4096] {
            for threads in [1, 2] {
                let (got, st) = convert_blocks(
                    text.as_bytes(),
                    "t",
                    Vec::new(),
                    "o",
                    &opts(StreamTarget::Tsv, threads),
                    block,
                )
                .unwrap();
                assert!(got == expect, "block {block}, threads {threads}");
                assert_eq!(st.series, 501);
            }
        }
        let bad = text.replace("PC,GEO0400\t400.25 e", "PC,GEO0400\t400.25 q");
        let e = convert_blocks(
            bad.as_bytes(),
            "t",
            std::io::sink(),
            "o",
            &opts(StreamTarget::Tsv, 2),
            13,
        )
        .unwrap_err();
        assert_eq!(e.location().unwrap().line, 402);
    }

    #[test]
    fn copied_lines_and_rewritten_lines_give_the_same_output() {
        // Lines already in the writer's form are copied; the others (and every line when a
        // filter keeps everything, which turns copying off) are parsed and rewritten.
        // (the sex code keeps every series key distinct: a repeated key is an error)
        let mut text = String::from("unit,sex,GEO\\time\t2020 \t2021 \t2022 \r\n");
        let cells = [
            "1.5 b", "1.50 b", "0n", ": ", ":", "", "-0", "7 ub", ": u", "12 C", "1e3 ", "0.25 ",
        ];
        for i in 0..3000 {
            let c = |k: usize| cells[(i * 7 + k * 5) % cells.len()];
            text.push_str(&format!(
                "PC,S{i},G{}\t{}\t{}\t{}\r\n",
                i % 37,
                c(0),
                c(1),
                c(2)
            ));
            if i % 100 == 0 {
                text.push_str(" \r\n");
            }
            if i % 10 == 0 {
                text.push_str(&format!("PC,S{i},E{i}\t: \t\t:\r\n"));
                text.push_str(&format!("PC,S{i},E{i}x\t: \t: \t: \r\n"));
            }
        }
        let mut rewrite = opts(StreamTarget::Tsv, 2);
        rewrite.filters = vec![("unit".into(), vec!["PC".into()])];
        rewrite.distinct_codes = vec!["geo".into(), "unit".into(), "none".into()];
        let (want, want_stats) =
            convert_blocks(text.as_bytes(), "t", Vec::new(), "o", &rewrite, 4096).unwrap();
        let mut copy = opts(StreamTarget::Tsv, 2);
        copy.distinct_codes = rewrite.distinct_codes.clone();
        let (got, stats) =
            convert_blocks(text.as_bytes(), "t", Vec::new(), "o", &copy, 4096).unwrap();
        assert!(got == want);
        assert_eq!(stats, want_stats);
        let out = String::from_utf8(got).unwrap();
        assert!(out.contains("\t1.5 b\t") || out.contains("\t1.5 b\n"));
        assert!(!out.contains("1.50") && !out.contains("0n") && !out.contains("\r"));
        assert!(out.contains("\t0 n") && out.contains("\t7 bu") && out.contains("\t1000 "));
        // Series without any data are dropped on both paths.
        assert_eq!(stats.series, 3000);
        let geo: Vec<String> = (0..37)
            .map(|g| format!("G{g}"))
            .chain(
                (0..3000)
                    .step_by(10)
                    .flat_map(|i| [format!("E{i}"), format!("E{i}x")]),
            )
            .collect();
        let mut sorted = geo.clone();
        sorted.sort();
        assert_eq!(
            stats.distinct_codes,
            [
                ("geo".to_owned(), sorted),
                ("unit".to_owned(), vec!["PC".to_owned()])
            ]
        );
    }

    #[test]
    fn a_failing_output_stops_the_conversion_with_its_error() {
        /// Takes `left` bytes, then fails.
        #[derive(Debug)]
        struct Full {
            left: usize,
        }
        impl Write for Full {
            fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                if self.left < b.len() {
                    return Err(std::io::Error::other("disk full"));
                }
                self.left -= b.len();
                Ok(b.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut text = String::from("unit,geo\\time\t2020 \n");
        for i in 0..100_000 {
            text.push_str(&format!("PC,G{i:06}\t{i} \n"));
        }
        let e = convert_blocks(
            text.as_bytes(),
            "t",
            Full { left: 100_000 },
            "o",
            &opts(StreamTarget::Tsv, 2),
            4096,
        )
        .unwrap_err();
        assert!(e.to_string().contains("disk full"), "{e}");
    }

    #[test]
    fn filters() {
        let text = "unit,geo\\time\t2020 \t2021 \nPC,AT\t1 \t2 \nPC,DE\t3 \t: \nPC,FR\t: \t4 \n";
        let mut o = opts(StreamTarget::CsvLong, 1);
        o.filters = vec![
            ("geo".into(), vec!["AT".into(), "DE".into()]),
            ("time".into(), vec!["2021".into()]),
        ];
        let (out, st) = convert_tsv(text.as_bytes(), "t", Vec::new(), "o", &o).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "unit,geo,time,value,flags\nPC,AT,2021,2,\n"
        );
        assert_eq!(
            st,
            StreamStats {
                series: 1,
                observations: 1,
                distinct_codes: Vec::new(),
            }
        );
        o.filters = vec![("nope".into(), vec!["x".into()])];
        assert!(convert_tsv(text.as_bytes(), "t", Vec::new(), "o", &o).is_err());
    }
}
