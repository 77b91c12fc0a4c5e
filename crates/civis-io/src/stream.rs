//! Streaming conversion of Eurostat TSV to TSV, SDMX-CSV and plain CSV in bounded memory.
//!
//! The input is read in blocks of about 4 MB cut at line ends; each block is split at line ends
//! into one piece per thread, the pieces are parsed and written into their own buffers in
//! parallel, and the buffers are written out in order. The output is byte for byte what the
//! series-by-series writers ([`TsvWriter`], [`SdmxCsvWriter`], [`TableCsvWriter`]) produce, and
//! errors name the same physical line and column as [`TsvReader`]. Memory: a few blocks,
//! whatever the file size.
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
use crate::tsv::{parse_line, trim_eol, TsvHeader, TsvReader, TsvSeries, TsvWriter};

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
}

/// Counts of what was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StreamStats {
    pub series: u64,
    pub observations: u64,
}

struct Plan {
    header: TsvHeader,
    key_sets: Vec<Option<HashSet<String>>>,
    cols: Vec<usize>,
    periods: Vec<String>,
    opts: StreamOptions,
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

    /// Filters and writes one series; returns the number of observations written.
    fn write(
        &self,
        sink: &mut Sink<impl Write>,
        s: &TsvSeries,
        cells: &mut Vec<Cell>,
        stats: &mut StreamStats,
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
        stats.series += 1;
        match sink {
            Sink::Tsv(t) => {
                stats.observations += cells.iter().filter(|c| !c.is_empty()).count() as u64;
                t.write_series(&s.key, cells)
            }
            Sink::Wide(t) => {
                stats.observations += cells.iter().filter(|c| !c.is_empty()).count() as u64;
                t.write_series(&s.key, cells)
            }
            Sink::Sdmx(x) => {
                stats.observations += cells.iter().filter(|c| !c.is_empty()).count() as u64;
                let key: Vec<&str> = s.key.iter().map(String::as_str).collect();
                x.write_series_obs(&key, &self.period_refs(), cells)
            }
            Sink::Long(x) => {
                stats.observations += cells.iter().filter(|c| !c.is_empty()).count() as u64;
                x.write_series_long(&s.key, &self.period_refs(), cells)
            }
        }
    }

    fn period_refs(&self) -> Vec<&str> {
        self.periods.iter().map(String::as_str).collect()
    }

    /// Converts a piece of whole lines starting at physical line `first_line`.
    fn piece(
        &self,
        data: &[u8],
        first_line: u64,
        in_name: &str,
        out_name: &str,
    ) -> Result<(Vec<u8>, StreamStats), FormatError> {
        let mut sink = self.sink(Vec::with_capacity(data.len() * 2), out_name)?;
        match &mut sink {
            Sink::Tsv(t) => t.discard_buffer(),
            Sink::Sdmx(t) => t.discard_buffer(),
            Sink::Long(t) | Sink::Wide(t) => t.discard_buffer(),
        }
        let mut stats = StreamStats::default();
        let mut series = TsvSeries::default();
        let mut cells = Vec::with_capacity(self.cols.len());
        let mut line = first_line;
        let mut pos = 0;
        while pos < data.len() {
            let end = memchr::memchr(b'\n', &data[pos..]).map_or(data.len(), |e| pos + e + 1);
            let raw = trim_eol(&data[pos..end]);
            if !raw.iter().all(u8::is_ascii_whitespace) {
                parse_line(in_name, &self.header, raw, line, &mut series)?;
                self.write(&mut sink, &series, &mut cells, &mut stats)?;
            }
            line += 1;
            pos = end;
        }
        let out = match sink {
            Sink::Tsv(t) => t.finish()?,
            Sink::Sdmx(t) => t.finish()?,
            Sink::Long(t) | Sink::Wide(t) => t.finish()?,
        };
        Ok((out, stats))
    }
}

const BLOCK: usize = 4 << 20;

/// Converts TSV from `input` to `out` (see the module docs); returns the output and counts.
pub fn convert_tsv<R: BufRead, W: Write>(
    input: R,
    in_name: &str,
    out: W,
    out_name: &str,
    opts: &StreamOptions,
) -> Result<(W, StreamStats), FormatError> {
    convert_blocks(input, in_name, out, out_name, opts, BLOCK)
}

fn convert_blocks<R: BufRead, W: Write>(
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
    let plan = Plan {
        header,
        key_sets,
        cols,
        periods,
        opts: opts.clone(),
    };
    let threads = match opts.threads {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    };
    let io_err = |e| FormatError::io(out_name, e);
    let head = match plan.sink(Vec::new(), out_name)? {
        Sink::Tsv(t) => t.finish()?,
        Sink::Sdmx(t) => t.finish()?,
        Sink::Long(t) | Sink::Wide(t) => t.finish()?,
    };
    out.write_all(&head).map_err(io_err)?;
    let mut stats = StreamStats::default();
    let mut line = header_lines + 1;
    // `block[..keep]` is the unfinished last line of the previous block.
    let mut block: Vec<u8> = Vec::with_capacity(block_size);
    let mut keep = 0usize;
    loop {
        // Fill the block straight from the reader (a request larger than the reader's buffer
        // bypasses it: one copy).
        block.truncate(keep);
        let want = keep + block_size;
        let mut eof = false;
        loop {
            let len = block.len();
            if len >= want {
                break;
            }
            block.resize(want, 0);
            let n = loop {
                match reader.read(&mut block[len..]) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(FormatError::io(in_name, e)),
                }
            };
            block.truncate(len + n);
            if n == 0 {
                eof = true;
                break;
            }
        }
        let end = if eof {
            block.len()
        } else {
            match memchr::memrchr(b'\n', &block) {
                Some(p) => p + 1,
                None => {
                    // A line longer than the block: read on.
                    keep = block.len();
                    continue;
                }
            }
        };
        // Pieces cut at line ends, with their first physical line.
        let mut pieces: Vec<(&[u8], u64)> = Vec::with_capacity(threads);
        let mut rest: &[u8] = &block[..end];
        let target = end.div_ceil(threads).max(block_size / 64).max(1);
        while !rest.is_empty() {
            let cut = if rest.len() <= target {
                rest.len()
            } else {
                memchr::memchr(b'\n', &rest[target..]).map_or(rest.len(), |e| target + e + 1)
            };
            let (piece, tail) = rest.split_at(cut);
            pieces.push((piece, line));
            line += memchr::memchr_iter(b'\n', piece).count() as u64;
            rest = tail;
        }
        let results: Vec<Result<(Vec<u8>, StreamStats), FormatError>> = if pieces.len() <= 1 {
            pieces
                .iter()
                .map(|&(p, l)| plan.piece(p, l, in_name, out_name))
                .collect()
        } else {
            std::thread::scope(|s| {
                let plan = &plan;
                let handles: Vec<_> = pieces[1..]
                    .iter()
                    .map(|&(p, l)| s.spawn(move || plan.piece(p, l, in_name, out_name)))
                    .collect();
                let mut v = vec![plan.piece(pieces[0].0, pieces[0].1, in_name, out_name)];
                for h in handles {
                    v.push(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
                }
                v
            })
        };
        for r in results {
            let (bytes, st) = r?;
            out.write_all(&bytes).map_err(io_err)?;
            stats.series += st.series;
            stats.observations += st.observations;
        }
        if eof {
            break;
        }
        // Move the unfinished line to the front.
        block.copy_within(end.., 0);
        keep = block.len() - end;
    }
    out.flush().map_err(io_err)?;
    Ok((out, stats))
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
                observations: 1
            }
        );
        o.filters = vec![("nope".into(), vec!["x".into()])];
        assert!(convert_tsv(text.as_bytes(), "t", Vec::new(), "o", &o).is_err());
    }
}
