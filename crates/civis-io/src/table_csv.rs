//! Plain CSV tables of observations (RFC 4180, LF line ends), for spreadsheets and scripts.
//!
//! * **Long**: one row per observation: one column per dimension (the time dimension under its
//!   own id), then `value` (empty when not available) and `flags` (e.g. `bd`, `uC`).
//! * **Wide**: one row per time series: the key dimensions, then for every period (ascending) a
//!   value column named after the period and a flags column `<period> flags`.
//!
//! Text cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` followed by something
//! that is not a number) are written with a leading `'` (see [`guard`]).
//!
//! [`read_csv_long`] reads a long table back: every column other than `value` and `flags` is a
//! dimension, in order. The tables `civis estimate`, `civis indicators` and `civis sae fh` write
//! (an `estimate` column instead of `value`) are read too: each measure column (`estimate`, `se`,
//! `ci_low`, `ci_high`, `cv`, `deff`, `n`, `pop`, ...) becomes an observation of a `measure`
//! dimension, the flags stay with `estimate`, empty dimension cells become `_Z` (not applicable)
//! and the `note` column is left out; `TIME_PERIOD` or `time` is the time dimension;
//! the `'` formula guard is removed; an empty `value` is "not available"; rows with neither a
//! value nor flags are dropped; the same key twice is an error naming both lines. A UTF-8
//! byte-order mark is skipped; LF or CRLF; RFC 4180 quoting.

use std::io::Write;

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use crate::cube::{parse_number, write_number, Cell, Dataset, Dimension, Observation};
use crate::flags::Flags;
use crate::format_error::FormatError;
pub use crate::sdmx_csv::guard;
use crate::sdmx_csv::unguard;

use crate::sdmx_csv::push_field;

/// Streaming writer of long or wide CSV.
pub struct TableCsvWriter<W: Write> {
    out: W,
    name: String,
    buf: Vec<u8>,
}

impl<W: Write> TableCsvWriter<W> {
    /// A long table: `dims..., value, flags`.
    pub fn long(out: W, name: &str, dims: &[&str]) -> Result<Self, FormatError> {
        let mut w = Self::make(out, name);
        for (i, d) in dims.iter().enumerate() {
            push_field(&mut w.buf, i == 0, guard(d).as_bytes());
        }
        push_field(&mut w.buf, dims.is_empty(), b"value");
        push_field(&mut w.buf, false, b"flags");
        w.buf.push(b'\n');
        Ok(w)
    }

    /// A wide table: `key dims..., <period>, <period> flags, ...`.
    pub fn wide(
        out: W,
        name: &str,
        key_dims: &[&str],
        periods: &[&str],
    ) -> Result<Self, FormatError> {
        let mut w = Self::make(out, name);
        let mut first = true;
        for d in key_dims {
            push_field(&mut w.buf, first, guard(d).as_bytes());
            first = false;
        }
        for p in periods {
            push_field(&mut w.buf, first, guard(p).as_bytes());
            push_field(&mut w.buf, false, format!("{} flags", guard(p)).as_bytes());
            first = false;
        }
        w.buf.push(b'\n');
        Ok(w)
    }

    fn make(out: W, name: &str) -> Self {
        TableCsvWriter {
            out,
            name: name.to_owned(),
            buf: Vec::with_capacity(1 << 16),
        }
    }

    fn cell(&mut self, first: bool, value: Option<f64>, flags: Flags) {
        if !first {
            self.buf.push(b',');
        }
        if let Some(v) = value {
            write_number(v, &mut self.buf);
        }
        self.buf.push(b',');
        flags.write_to(&mut self.buf);
    }

    fn end_record(&mut self) -> Result<(), FormatError> {
        self.buf.push(b'\n');
        if self.buf.len() >= 1 << 16 {
            self.out
                .write_all(&self.buf)
                .map_err(|e| FormatError::io(&self.name, e))?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Writes one long row.
    pub fn write_obs<S: AsRef<str>>(
        &mut self,
        codes: &[S],
        value: Option<f64>,
        flags: Flags,
    ) -> Result<(), FormatError> {
        for (i, c) in codes.iter().enumerate() {
            push_field(&mut self.buf, i == 0, guard(c.as_ref()).as_bytes());
        }
        self.cell(codes.is_empty(), value, flags);
        self.end_record()
    }

    /// Writes the long rows of one time series whose time dimension is the last column
    /// (empty cells skipped); the key is encoded once.
    pub fn write_series_long<S: AsRef<str>>(
        &mut self,
        key: &[S],
        periods: &[&str],
        cells: &[Cell],
    ) -> Result<(), FormatError> {
        let mut head = Vec::with_capacity(64);
        for (i, c) in key.iter().enumerate() {
            push_field(&mut head, i == 0, guard(c.as_ref()).as_bytes());
        }
        for (c, p) in cells.iter().zip(periods) {
            if c.is_empty() {
                continue;
            }
            self.buf.extend_from_slice(&head);
            push_field(&mut self.buf, key.is_empty(), guard(p).as_bytes());
            self.cell(false, c.value, c.flags);
            self.end_record()?;
        }
        Ok(())
    }

    /// Writes one wide row.
    pub fn write_series<S: AsRef<str>>(
        &mut self,
        key: &[S],
        cells: &[Cell],
    ) -> Result<(), FormatError> {
        for (i, c) in key.iter().enumerate() {
            push_field(&mut self.buf, i == 0, guard(c.as_ref()).as_bytes());
        }
        for (i, c) in cells.iter().enumerate() {
            self.cell(key.is_empty() && i == 0, c.value, c.flags);
        }
        self.end_record()
    }

    /// Drops what is buffered and not yet written (the header, for writers of body chunks).
    pub(crate) fn discard_buffer(&mut self) {
        self.buf.clear();
    }

    /// Flushes and returns the output.
    pub fn finish(mut self) -> Result<W, FormatError> {
        self.out
            .write_all(&self.buf)
            .and_then(|_| self.out.flush())
            .map_err(|e| FormatError::io(&self.name, e))?;
        Ok(self.out)
    }
}

/// The measure columns of Civis's own tables, in output order.
pub const CIVIS_MEASURES: [&str; 15] = crate::estimate_table::join(&[
    &crate::estimate_table::MEASURES,
    &[
        "direct",
        "direct_se",
        "eblup",
        "mse",
        "rmse",
        "gamma",
        "synthetic",
    ],
]);
/// Text columns of Civis's tables that are attributes, not dimensions (left out).
const CIVIS_ATTRIBUTES: [&str; 4] = ["note", "in_sample", "benchmarked", "unit_note"];
/// The dimension that holds the measure of a Civis table.
pub const MEASURE_DIMENSION: &str = "measure";
/// SDMX code for "not applicable", used for empty dimension cells of Civis tables.
pub const NOT_APPLICABLE: &str = "_Z";

/// Reads a long table (see the module docs; gzip decompressed transparently); the dataset id
/// is the file name without extensions.
pub fn read_csv_long(path: &Path) -> Result<Dataset, FormatError> {
    let name = path.display().to_string();
    let mut ds = read_csv_long_from(crate::input::open_input(path)?, &name)?;
    ds.id = crate::tsv::dataset_id(path);
    Ok(ds)
}

/// Reads a long table from any reader; messages name it `name`.
pub fn read_csv_long_from<R: Read>(reader: R, name: &str) -> Result<Dataset, FormatError> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(reader);
    let csv_err = |e: csv::Error| FormatError::from_csv(name, e);
    let mut rec = csv::StringRecord::new();
    if !rdr.read_record(&mut rec).map_err(csv_err)? {
        return Err(FormatError::invalid(
            name,
            "the file is empty (no header row)",
        ));
    }
    let header: Vec<String> = rec
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let h = if i == 0 {
                crate::input::strip_bom(h)
            } else {
                h
            };
            unguard(h.trim()).to_owned()
        })
        .collect();
    let LongColumns {
        civis,
        value_cols,
        flags_col,
        dim_cols,
    } = long_columns(&header, name)?;
    let time_dimension = dim_cols
        .iter()
        .map(|&c| header[c].as_str())
        .find(|h| *h == "TIME_PERIOD" || *h == "time")
        .map(str::to_owned);
    let mut dimensions: Vec<Dimension> = dim_cols
        .iter()
        .map(|&c| Dimension::new(header[c].as_str(), None))
        .collect();
    if civis {
        dimensions.push(Dimension::new(
            MEASURE_DIMENSION,
            Some("Statistic measure".into()),
        ));
    }
    let mut ds = Dataset {
        id: name.to_owned(),
        label: None,
        dimensions,
        time_dimension,
        observations: Vec::new(),
    };
    let mut seen: HashMap<Vec<u32>, u64> = HashMap::new();
    while rdr.read_record(&mut rec).map_err(csv_err)? {
        let Some(line) = FormatError::record_line(name, &rec, header.len())? else {
            continue;
        };
        let mut key = Vec::with_capacity(dim_cols.len() + 1);
        for (d, &c) in dim_cols.iter().enumerate() {
            let mut code = unguard(rec[c].trim());
            if code.is_empty() {
                if !civis {
                    return Err(FormatError::at(
                        name,
                        line,
                        Some(c + 1),
                        Some(&header[c]),
                        "empty code",
                    ));
                }
                // SDMX "not applicable" (e.g. no reference year, or the national threshold row)
                code = NOT_APPLICABLE;
            }
            key.push(ds.dimensions[d].intern(code, None));
        }
        let flags = match flags_col {
            Some(c) => Flags::parse(rec[c].trim()).map_err(|e| {
                FormatError::at(name, line, Some(c + 1), Some("flags"), e.to_string())
            })?,
            None => Flags::NONE,
        };
        for &vc in &value_cols {
            let mut key = key.clone();
            if civis {
                let m = ds.dimensions.len() - 1;
                key.push(ds.dimensions[m].intern(&header[vc], None));
            }
            let vtext = rec[vc].trim();
            let value = if vtext.is_empty() {
                None
            } else {
                Some(parse_number(vtext).ok_or_else(|| {
                    FormatError::at(
                        name,
                        line,
                        Some(vc + 1),
                        Some(&header[vc]),
                        format!("{vtext:?} is not a number"),
                    )
                })?)
            };
            // the flags belong to the estimate (the value column of a plain long table)
            let flags = if !civis || header[vc] == "estimate" {
                flags
            } else {
                Flags::NONE
            };
            if let Some(prev) = seen.insert(key.clone(), line) {
                return Err(FormatError::at(
                    name,
                    line,
                    None,
                    None,
                    format!("the same observation (dimension codes) as on line {prev}"),
                ));
            }
            if value.is_some() || !flags.is_empty() {
                ds.observations.push(Observation { key, value, flags });
            }
        }
    }
    Ok(ds)
}

/// The columns of a long table's header: whether it is a Civis table (measures as columns), the
/// value columns, the flags column and the dimension columns.
struct LongColumns {
    civis: bool,
    value_cols: Vec<usize>,
    flags_col: Option<usize>,
    dim_cols: Vec<usize>,
}

fn long_columns(header: &[String], name: &str) -> Result<LongColumns, FormatError> {
    // Civis's own tables (`civis estimate`, `civis indicators`, `civis sae fh`) have an
    // `estimate` column and further measures (se, ci_low, ...): each becomes an observation with
    // a `measure` dimension, so that nothing is lost in SDMX-CSV, JSON-stat or TSV.
    let civis = !header.iter().any(|h| h == "value") && header.iter().any(|h| h == "estimate");
    let value_cols: Vec<usize> = if civis {
        (0..header.len())
            .filter(|&c| CIVIS_MEASURES.contains(&header[c].as_str()))
            .collect()
    } else {
        vec![header.iter().position(|h| h == "value").ok_or_else(|| {
            FormatError::at(
                name,
                1,
                None,
                None,
                "no `value` column (a long table has dimension columns, `value` and `flags`; a Civis table has `estimate`)",
            )
        })?]
    };
    let flags_col = header.iter().position(|h| h == "flags");
    let dim_cols: Vec<usize> = (0..header.len())
        .filter(|&c| {
            !value_cols.contains(&c)
                && Some(c) != flags_col
                && !(civis && CIVIS_ATTRIBUTES.contains(&header[c].as_str()))
        })
        .collect();
    for &c in &dim_cols {
        if header[c].is_empty() || dim_cols.iter().any(|&d| d < c && header[d] == header[c]) {
            return Err(FormatError::at(
                name,
                1,
                Some(c + 1),
                None,
                format!("dimension column name {:?} is empty or repeated", header[c]),
            ));
        }
    }
    Ok(LongColumns {
        civis,
        value_cols,
        flags_col,
        dim_cols,
    })
}

/// Writes a dataset as a long table (observations in dataset order).
pub fn write_csv_long<W: Write>(ds: &Dataset, out: W, name: &str) -> Result<W, FormatError> {
    let dims: Vec<&str> = ds.dimensions.iter().map(|d| d.id.as_str()).collect();
    let mut w = TableCsvWriter::long(out, name, &dims)?;
    let mut codes: Vec<&str> = Vec::new();
    for o in &ds.observations {
        codes.clear();
        codes.extend(ds.codes_of(o));
        w.write_obs(&codes, o.value, o.flags)?;
    }
    w.finish()
}

/// Writes a dataset as a wide table (needs a time dimension).
pub fn write_csv_wide<W: Write>(ds: &Dataset, out: W, name: &str) -> Result<W, FormatError> {
    let t = ds
        .series()
        .ok_or_else(|| FormatError::invalid(name, "a wide table needs a time dimension"))?;
    let dims: Vec<&str> = t
        .key_dims
        .iter()
        .map(|&d| ds.dimensions[d].id.as_str())
        .collect();
    let periods: Vec<&str> = t.periods.iter().map(String::as_str).collect();
    let mut w = TableCsvWriter::wide(out, name, &dims, &periods)?;
    for (k, cells) in &t.rows {
        w.write_series(k, cells)?;
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_and_wide() {
        let ds = crate::tsv::read_tsv_from(
            "geo\\time\t2020 \t2021 \n=HYPERLINK(x),AT\t1 b\t: u\n"
                .replace(",AT", "")
                .as_bytes(),
            "t",
        )
        .unwrap();
        let long = String::from_utf8(write_csv_long(&ds, Vec::new(), "o").unwrap()).unwrap();
        assert_eq!(
            long,
            "geo,time,value,flags\n'=HYPERLINK(x),2020,1,b\n'=HYPERLINK(x),2021,,u\n"
        );
        let wide = String::from_utf8(write_csv_wide(&ds, Vec::new(), "o").unwrap()).unwrap();
        assert_eq!(
            wide,
            "geo,2020,2020 flags,2021,2021 flags\n'=HYPERLINK(x),1,b,,u\n"
        );
    }
}
