//! SDMX-CSV 1.0 and 2.0 (SDMX Technical Working Group, "SDMX-CSV format" 1.0 and 2.0.0;
//! Eurostat SDMX 2.1/3.0 APIs; domain spec section 4.2).
//!
//! ## Reading
//!
//! * CSV per RFC 4180 (quoted fields may hold commas, quotes `""` and line breaks); LF or CRLF;
//!   a UTF-8 byte-order mark is skipped. Every row must have as many fields as the header.
//! * **1.0**: the first column is `DATAFLOW` (`AGENCY:ID(VERSION)`); Eurostat adds
//!   `LAST UPDATE` (`dd/mm/yy HH:MM:SS`, may be empty). **2.0**: the first columns are
//!   `STRUCTURE` (`dataflow`, ...), `STRUCTURE_ID`, optionally `STRUCTURE_NAME` and `ACTION`.
//! * Dimensions are the other columns before `OBS_VALUE`; `TIME_PERIOD` is the time dimension.
//!   After `OBS_VALUE`, `OBS_FLAG` (Eurostat) or `OBS_STATUS` (SDMX) and `CONF_STATUS` give the
//!   [`Flags`]; other attribute columns are ignored.
//! * **Labels** (2.0 `labels=both`): when `STRUCTURE_NAME` is present (Eurostat), every
//!   component column is followed by its label column (`freq,Time frequency,...`): the header
//!   label becomes [`Dimension::label`], the cell labels become code labels. The combined form
//!   of the 2.0 spec (`freq: Time frequency` headers, `A: Annual` cells) is also read.
//!   The 1.0 "labels" flavour (Eurostat's web export, where cells hold labels such as
//!   `Austria` instead of codes) cannot be mapped back to codes without the code lists. In a 1.0
//!   file, a (non-time) dimension with a cell that has a blank or one of `, ( ) / ; : ' "`
//!   is taken to hold labels: each label becomes the code's label and the code is
//!   derived from it (other characters become `_`, runs collapsed, `_2`, `_3`... on collision;
//!   `EU27 countries (from 2020) except reporting country` ->
//!   `EU27_countries_from_2020_except_reporting_country`). Dimensions whose labels are valid ids
//!   (`Austria`, `Total`) keep them as codes.
//! * `OBS_VALUE` is a number or empty (not available, as for suppressed values); a row with
//!   neither value nor flags is dropped (see [`cube`](crate::cube)). The same series key and
//!   period twice is an error naming both lines.
//! * A text cell that starts with `'` followed by `=`, `+`, `-` or `@` loses the `'` (the formula
//!   guard written below).
//!
//! ## Writing
//!
//! 1.0: `DATAFLOW,<dimensions>,OBS_VALUE,OBS_FLAG,CONF_STATUS` (the time dimension is written as
//! `TIME_PERIOD`). 2.0: `STRUCTURE,STRUCTURE_ID[,STRUCTURE_NAME],<dimensions>,OBS_VALUE,OBS_FLAG,
//! CONF_STATUS`, with labels as Eurostat writes them (a label column after every component) when
//! asked. Flags are split: status letters into `OBS_FLAG`, confidentiality into `CONF_STATUS`.
//! Text cells that a spreadsheet would take for a formula (starting with `=`, `+`, `-`, `@` and
//! not a number) get a leading `'`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;

use crate::cube::{parse_number, write_number, Dataset, Dimension, Observation};
use crate::flags::Flags;
use crate::format_error::FormatError;
use crate::input::open_input;

/// SDMX-CSV version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SdmxCsvVersion {
    V1,
    V2,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Ignore,
    Dataflow,
    StructureName,
    Dim(usize),
    DimLabel(usize),
    Value,
    ObsFlag,
    Conf,
}

/// Text a spreadsheet would run as a formula gets a leading `'` (and so does text that already
/// starts with `'` + formula character, so that [`unguard`] is exact).
pub fn guard(text: &str) -> Cow<'_, str> {
    let b = text.as_bytes();
    let risky = match b.first() {
        Some(b'=' | b'+' | b'-' | b'@') => parse_number(text).is_none(),
        // a tab or carriage return can start a formula too (OWASP CSV injection)
        Some(b'\t' | b'\r') => true,
        Some(b'\'') => matches!(b.get(1), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')),
        _ => false,
    };
    if risky {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Undoes [`guard`].
pub fn unguard(text: &str) -> &str {
    match text.as_bytes() {
        [b'\'', b'=' | b'+' | b'-' | b'@' | b'\'' | b'\t' | b'\r', ..] => &text[1..],
        _ => text,
    }
}

/// Reads an SDMX-CSV file (1.0 or 2.0, gzip decompressed transparently).
pub fn read_sdmx_csv(path: &Path) -> Result<Dataset, FormatError> {
    let name = path.display().to_string();
    read_sdmx_csv_from(open_input(path)?, &name)
}

/// Reads SDMX-CSV from any reader; messages name it `name`.
pub fn read_sdmx_csv_from<R: Read>(reader: R, name: &str) -> Result<Dataset, FormatError> {
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
    let header_line = rec.position().map_or(1, |p| p.line());
    let mut header: Vec<String> = rec.iter().map(|h| h.trim().to_owned()).collect();
    if let Some(h) = header.first_mut() {
        *h = crate::input::strip_bom(h).to_owned();
    }
    let v1 = match header.first().map(String::as_str) {
        Some("DATAFLOW") => true,
        Some("STRUCTURE") => false,
        other => {
            return Err(FormatError::at(
                name,
                header_line,
                Some(1),
                None,
                format!(
                    "not SDMX-CSV: the first column must be DATAFLOW (1.0) or STRUCTURE (2.0), got {:?}",
                    other.unwrap_or("")
                ),
            ))
        }
    };
    let (roles, dims, combined) = header_roles(&header, name, header_line)?;
    let Some(value_col) = roles.iter().position(|r| *r == Role::Value) else {
        return Err(FormatError::at(
            name,
            header_line,
            None,
            None,
            "no OBS_VALUE column",
        ));
    };
    let flag_col = roles.iter().position(|r| *r == Role::ObsFlag);
    let conf_col = roles.iter().position(|r| *r == Role::Conf);
    let dim_cols: Vec<usize> = (0..roles.len())
        .filter(|&c| matches!(roles[c], Role::Dim(_)))
        .collect();
    let label_cols: Vec<Option<usize>> = (0..dims.len())
        .map(|d| roles.iter().position(|r| *r == Role::DimLabel(d)))
        .collect();
    let time_dimension = dims
        .iter()
        .find(|d| d.id == "TIME_PERIOD")
        .map(|d| d.id.clone());
    let mut ds = Dataset {
        id: String::new(),
        label: None,
        dimensions: dims,
        time_dimension,
        observations: Vec::new(),
    };
    let mut seen: HashMap<Vec<u32>, u64> = HashMap::new();
    let flow_col = roles.iter().position(|r| *r == Role::Dataflow);
    let sname_col = roles.iter().position(|r| *r == Role::StructureName);
    while rdr.read_record(&mut rec).map_err(csv_err)? {
        let Some(line) = FormatError::record_line(name, &rec, header.len())? else {
            continue;
        };
        if ds.id.is_empty() {
            if let Some(c) = flow_col {
                ds.id = rec[c].to_owned();
            }
            if let Some(c) = sname_col {
                ds.label = Some(rec[c].to_owned()).filter(|s| !s.is_empty());
            }
        }
        let mut key = Vec::with_capacity(dim_cols.len());
        for (d, &c) in dim_cols.iter().enumerate() {
            let raw = unguard(rec[c].trim());
            let (code, mut label) = if combined[c] {
                match raw.split_once(": ") {
                    Some((a, b)) => (a, Some(b)),
                    None => (raw, None),
                }
            } else {
                (raw, None)
            };
            if let Some(lc) = label_cols[d] {
                label = Some(unguard(&rec[lc])).filter(|s| !s.is_empty());
            }
            if code.is_empty() {
                return Err(FormatError::at(
                    name,
                    line,
                    Some(c + 1),
                    Some(&header[c]),
                    "empty code",
                ));
            }
            key.push(ds.dimensions[d].intern(code, label));
        }
        let vtext = rec[value_col].trim();
        let value = if vtext.is_empty() || vtext == "NaN" {
            None
        } else {
            Some(parse_number(vtext).ok_or_else(|| {
                FormatError::at(
                    name,
                    line,
                    Some(value_col + 1),
                    Some("OBS_VALUE"),
                    format!("{vtext:?} is not a number"),
                )
            })?)
        };
        let flags = row_flags(&rec, (flag_col, conf_col), &header, name, line)?;
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
    if ds.id.is_empty() {
        ds.id = name.to_owned();
    }
    let time = ds.time_index();
    for (d, dim) in ds.dimensions.iter_mut().enumerate() {
        if v1 && Some(d) != time && dim.codes.iter().any(|c| looks_like_label(&c.id)) {
            codes_from_labels(dim);
        }
    }
    Ok(ds)
}

/// Roles of the header columns, the dimensions, and which columns combine code and label.
type HeaderRoles = (Vec<Role>, Vec<Dimension>, Vec<bool>);

/// The role of each header column (dimension, its label column, value, flags, ignored) and the
/// dimensions in column order; `combined[c]` when column `c` is written `CODE: label` (SDMX-CSV
/// 2.0 with labels "both" in one column).
fn header_roles(
    header: &[String],
    name: &str,
    header_line: u64,
) -> Result<HeaderRoles, FormatError> {
    let paired = header.iter().any(|h| h == "STRUCTURE_NAME");
    let mut roles = vec![Role::Ignore; header.len()];
    let mut dims: Vec<Dimension> = Vec::new();
    let mut combined = vec![false; header.len()];
    let mut seen_value = false;
    let mut i = 0;
    while i < header.len() {
        let h = header[i].clone();
        let (id, hlabel) = match h.split_once(": ") {
            Some((a, b)) if !a.contains(' ') && !a.is_empty() => {
                combined[i] = true;
                (a.to_owned(), Some(b.to_owned()))
            }
            _ => (h.clone(), None),
        };
        let role = match id.as_str() {
            "DATAFLOW" | "STRUCTURE_ID" => Role::Dataflow,
            "STRUCTURE" | "LAST UPDATE" | "ACTION" => Role::Ignore,
            "STRUCTURE_NAME" => Role::StructureName,
            "OBS_VALUE" => {
                seen_value = true;
                Role::Value
            }
            "OBS_FLAG" | "OBS_STATUS" => Role::ObsFlag,
            "CONF_STATUS" => Role::Conf,
            _ if seen_value => Role::Ignore,
            "" => {
                return Err(FormatError::at(
                    name,
                    header_line,
                    Some(i + 1),
                    None,
                    "empty column name",
                ))
            }
            _ => {
                if dims.iter().any(|d| d.id == id) {
                    return Err(FormatError::at(
                        name,
                        header_line,
                        Some(i + 1),
                        Some(&id),
                        format!("dimension {id} appears twice"),
                    ));
                }
                dims.push(Dimension::new(id.as_str(), hlabel));
                Role::Dim(dims.len() - 1)
            }
        };
        roles[i] = role;
        let is_component = matches!(
            role,
            Role::Dim(_) | Role::Value | Role::ObsFlag | Role::Conf
        ) || (matches!(role, Role::Ignore) && seen_value && id != "OBS_VALUE");
        if paired && is_component && i + 1 < header.len() {
            if let Role::Dim(d) = role {
                let l = header[i + 1].trim();
                if !l.is_empty() {
                    dims[d].label = Some(l.to_owned());
                }
                roles[i + 1] = Role::DimLabel(d);
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    Ok((roles, dims, combined))
}

/// The flags of one row: `OBS_FLAG` / `OBS_STATUS` and `CONF_STATUS`, merged.
fn row_flags(
    rec: &csv::StringRecord,
    cols: (Option<usize>, Option<usize>),
    header: &[String],
    name: &str,
    line: u64,
) -> Result<Flags, FormatError> {
    let (flag_col, conf_col) = cols;
    let mut flags = Flags::NONE;
    if let Some(c) = flag_col {
        flags = Flags::parse(rec[c].trim()).map_err(|e| {
            FormatError::at(name, line, Some(c + 1), Some(&header[c]), e.to_string())
        })?;
    }
    if let Some(c) = conf_col {
        let conf = crate::flags::ConfStatus::parse(&rec[c]).map_err(|e| {
            FormatError::at(
                name,
                line,
                Some(c + 1),
                Some("CONF_STATUS"),
                format!("unknown confidentiality status {:?} (C, N, P or F)", e.text),
            )
        })?;
        flags = flags.with_conf(conf);
    }
    Ok(flags)
}

/// Whether a 1.0 cell is a label rather than a code: it has a blank or one of `, ( ) / ; : ' "`.
fn looks_like_label(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '/' | ';' | ':' | '\'' | '"'))
}

/// Whether text is a valid SDMX code id (letters, digits, `_ @ $ - .`).
pub fn is_sdmx_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'@' | b'$' | b'-' | b'.'))
}

/// The 1.0 labels flavour (only looked for in 1.0 files): the cells are labels; keep them as labels and derive codes (other
/// characters become `_`, runs collapsed; `_2`, `_3`... on collision).
fn codes_from_labels(dim: &mut Dimension) {
    let mut used = std::collections::HashSet::new();
    let old = std::mem::take(&mut dim.codes);
    let mut fresh = Dimension::new(dim.id.clone(), dim.label.clone());
    for c in old {
        let mut id = String::new();
        for ch in c.id.chars() {
            if ch.is_ascii_alphanumeric() || matches!(ch, '_' | '@' | '$' | '-' | '.') {
                id.push(ch);
            } else if !id.ends_with('_') {
                id.push('_');
            }
        }
        let base = id.trim_matches('_').to_owned();
        let mut id = if base.is_empty() {
            "X".to_owned()
        } else {
            base.clone()
        };
        let mut n = 1;
        while !used.insert(id.clone()) {
            n += 1;
            id = format!("{base}_{n}");
        }
        let label = c.label.clone().unwrap_or(c.id);
        fresh.intern(&id, Some(&label));
    }
    *dim = fresh;
}

/// A dimension column for [`SdmxCsvWriter`]: id and optional label.
#[derive(Debug, Clone)]
pub struct DimColumn<'a> {
    pub id: &'a str,
    pub label: Option<&'a str>,
}

/// Bytes that make a CSV field need quotes.
static QUOTE: [bool; 256] = {
    let mut t = [false; 256];
    t[b',' as usize] = true;
    t[b'"' as usize] = true;
    t[b'\r' as usize] = true;
    t[b'\n' as usize] = true;
    t
};

/// Appends one CSV field (RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes
/// doubled), after a comma unless it is the first field of the record.
#[inline]
pub(crate) fn push_field(buf: &mut Vec<u8>, first: bool, text: &[u8]) {
    if !first {
        buf.push(b',');
    }
    if text.iter().any(|&b| QUOTE[b as usize]) {
        buf.push(b'"');
        for &b in text {
            if b == b'"' {
                buf.push(b'"');
            }
            buf.push(b);
        }
        buf.push(b'"');
    } else {
        buf.extend_from_slice(text);
    }
}

/// Streaming SDMX-CSV writer.
pub struct SdmxCsvWriter<W: Write> {
    out: W,
    buf: Vec<u8>,
    name: String,
    labels: bool,
    /// The fields before the dimensions, already encoded (with the trailing comma).
    prefix: Vec<u8>,
    ndims: usize,
}

impl<W: Write> SdmxCsvWriter<W> {
    /// Writes the header. `labels` adds Eurostat-style label columns (2.0 only).
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        out: W,
        name: &str,
        version: SdmxCsvVersion,
        labels: bool,
        dataflow: &str,
        dataset_label: Option<&str>,
        dims: &[DimColumn<'_>],
        time_dimension: Option<&str>,
    ) -> Result<Self, FormatError> {
        let labels = labels && version == SdmxCsvVersion::V2;
        let dataflow = if dataflow.contains(':') && dataflow.ends_with(')') {
            dataflow.to_owned()
        } else {
            format!("CIVIS:{dataflow}(1.0)")
        };
        let mut h: Vec<String> = Vec::new();
        let mut prefix = Vec::new();
        match version {
            SdmxCsvVersion::V1 => {
                h.push("DATAFLOW".into());
                push_field(&mut prefix, true, guard(&dataflow).as_bytes());
            }
            SdmxCsvVersion::V2 => {
                h.push("STRUCTURE".into());
                h.push("STRUCTURE_ID".into());
                push_field(&mut prefix, true, b"dataflow");
                push_field(&mut prefix, false, guard(&dataflow).as_bytes());
                if labels {
                    h.push("STRUCTURE_NAME".into());
                    push_field(
                        &mut prefix,
                        false,
                        guard(dataset_label.unwrap_or("")).as_bytes(),
                    );
                }
            }
        }
        prefix.push(b',');
        for d in dims {
            let id = if Some(d.id) == time_dimension {
                "TIME_PERIOD"
            } else {
                d.id
            };
            h.push(guard(id).into_owned());
            if labels {
                h.push(guard(d.label.unwrap_or("")).into_owned());
            }
        }
        for (c, l) in [
            ("OBS_VALUE", "Observation value"),
            ("OBS_FLAG", "Observation status (Flag) V2 structure"),
            ("CONF_STATUS", "Confidentiality status (flag)"),
        ] {
            h.push(c.into());
            if labels {
                h.push(l.into());
            }
        }
        let mut buf = Vec::with_capacity(1 << 16);
        for (i, f) in h.iter().enumerate() {
            push_field(&mut buf, i == 0, f.as_bytes());
        }
        buf.push(b'\n');
        Ok(SdmxCsvWriter {
            out,
            buf,
            name: name.to_owned(),
            labels,
            prefix,
            ndims: dims.len(),
        })
    }

    /// Writes one observation: a code per dimension, optionally a label per code.
    pub fn write_obs(
        &mut self,
        codes: &[&str],
        code_labels: Option<&[Option<&str>]>,
        value: Option<f64>,
        flags: Flags,
    ) -> Result<(), FormatError> {
        if codes.len() != self.ndims {
            return Err(FormatError::invalid(
                &self.name,
                format!("{} codes for {} dimensions", codes.len(), self.ndims),
            ));
        }
        let b = &mut self.buf;
        b.extend_from_slice(&self.prefix);
        for (i, c) in codes.iter().enumerate() {
            push_field(b, i == 0, guard(c).as_bytes());
            if self.labels {
                let l = code_labels.and_then(|l| l.get(i).copied().flatten());
                push_field(b, false, guard(l.unwrap_or("")).as_bytes());
            }
        }
        b.push(b',');
        if let Some(v) = value {
            write_number(v, b);
        }
        if self.labels {
            b.push(b',');
        }
        b.push(b',');
        for s in flags.statuses() {
            b.push(s.code() as u8);
        }
        if self.labels {
            b.push(b',');
        }
        b.push(b',');
        if let Some(c) = flags.conf().code() {
            b.push(c as u8);
        }
        if self.labels {
            b.push(b',');
        }
        b.push(b'\n');
        if self.buf.len() >= 1 << 16 {
            self.out
                .write_all(&self.buf)
                .map_err(|e| FormatError::io(&self.name, e))?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Writes the observations of one time series whose time dimension is the **last**
    /// column: `key` has a code per other dimension, `periods` and `cells` go together; empty
    /// cells are skipped. The key is encoded once (this is the streaming fast path).
    pub fn write_series_obs<S: AsRef<str>>(
        &mut self,
        key: &[S],
        periods: &[&str],
        cells: &[crate::cube::Cell],
    ) -> Result<(), FormatError> {
        if key.len() + 1 != self.ndims || self.labels {
            let mut codes: Vec<&str> = key.iter().map(AsRef::as_ref).collect();
            codes.push("");
            let last = codes.len() - 1;
            for (c, p) in cells.iter().zip(periods) {
                if !c.is_empty() {
                    codes[last] = p;
                    self.write_obs(&codes, None, c.value, c.flags)?;
                }
            }
            return Ok(());
        }
        let mut head = std::mem::take(&mut self.prefix);
        let plen = head.len();
        for (i, k) in key.iter().enumerate() {
            push_field(&mut head, i == 0, guard(k.as_ref()).as_bytes());
        }
        for (c, p) in cells.iter().zip(periods) {
            if c.is_empty() {
                continue;
            }
            let b = &mut self.buf;
            b.extend_from_slice(&head);
            push_field(b, key.is_empty(), guard(p).as_bytes());
            b.push(b',');
            if let Some(v) = c.value {
                write_number(v, b);
            }
            b.push(b',');
            for s in c.flags.statuses() {
                b.push(s.code() as u8);
            }
            b.push(b',');
            if let Some(x) = c.flags.conf().code() {
                b.push(x as u8);
            }
            b.push(b'\n');
        }
        head.truncate(plen);
        self.prefix = head;
        if self.buf.len() >= 1 << 16 {
            self.out
                .write_all(&self.buf)
                .map_err(|e| FormatError::io(&self.name, e))?;
            self.buf.clear();
        }
        Ok(())
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

/// Writes a dataset as SDMX-CSV (observations in dataset order).
pub fn write_sdmx_csv<W: Write>(
    ds: &Dataset,
    out: W,
    name: &str,
    version: SdmxCsvVersion,
    labels: bool,
) -> Result<W, FormatError> {
    let dims: Vec<DimColumn<'_>> = ds
        .dimensions
        .iter()
        .map(|d| DimColumn {
            id: &d.id,
            label: d.label.as_deref(),
        })
        .collect();
    let mut w = SdmxCsvWriter::new(
        out,
        name,
        version,
        labels,
        &ds.id,
        ds.label.as_deref(),
        &dims,
        ds.time_dimension.as_deref(),
    )?;
    let mut codes: Vec<&str> = Vec::with_capacity(dims.len());
    let mut lbls: Vec<Option<&str>> = Vec::with_capacity(dims.len());
    for o in &ds.observations {
        codes.clear();
        lbls.clear();
        for (d, &k) in o.key.iter().enumerate() {
            let c = &ds.dimensions[d].codes[k as usize];
            codes.push(&c.id);
            lbls.push(c.label.as_deref());
        }
        w.write_obs(&codes, Some(&lbls), o.value, o.flags)?;
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guard_and_unguard() {
        assert_eq!(guard("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(guard("-5"), "-5");
        assert_eq!(guard("-x"), "'-x");
        assert_eq!(guard("@a"), "'@a");
        assert_eq!(guard("AT"), "AT");
        assert_eq!(guard("'=a"), "''=a");
        for t in ["=SUM(A1)", "-x", "'=a", "AT", "-5"] {
            assert_eq!(unguard(&guard(t)), t);
        }
    }

    #[test]
    fn v1_read_write() {
        let text = "DATAFLOW,LAST UPDATE,freq,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS\r\n\
ESTAT:LFSA_ARGAN(1.0),11/06/26 23:00:00,A,FR,2021,66.5,bd,\r\n\
ESTAT:LFSA_ARGAN(1.0),11/06/26 23:00:00,A,FR,2022,,,C\r\n\
ESTAT:LFSA_ARGAN(1.0),11/06/26 23:00:00,A,DE,2022,,,\r\n";
        let ds = read_sdmx_csv_from(text.as_bytes(), "x.csv").unwrap();
        assert_eq!(ds.id, "ESTAT:LFSA_ARGAN(1.0)");
        assert_eq!(ds.observations.len(), 2);
        let c = ds
            .get(&[("freq", "A"), ("geo", "FR"), ("TIME_PERIOD", "2021")])
            .unwrap();
        assert_eq!(
            (c.value, c.flags.to_string()),
            (Some(66.5), "bd".to_owned())
        );
        let out = write_sdmx_csv(&ds, Vec::new(), "o", SdmxCsvVersion::V1, false).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(
            s,
            "DATAFLOW,freq,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS\n\
ESTAT:LFSA_ARGAN(1.0),A,FR,2021,66.5,bd,\nESTAT:LFSA_ARGAN(1.0),A,FR,2022,,,C\n"
        );
    }

    #[test]
    fn errors() {
        let e = read_sdmx_csv_from("a,b\n".as_bytes(), "x.csv").unwrap_err();
        assert!(e.to_string().starts_with("x.csv: line 1, column 1:"), "{e}");
        let e = read_sdmx_csv_from(
            "DATAFLOW,geo,OBS_VALUE,OBS_FLAG\nF,AT,1x,\n".as_bytes(),
            "x.csv",
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("x.csv: line 2, column 3 (OBS_VALUE):"),
            "{e}"
        );
        let e = read_sdmx_csv_from(
            "DATAFLOW,geo,OBS_VALUE,OBS_FLAG\nF,AT,1,\nF,AT,2,\n".as_bytes(),
            "x.csv",
        )
        .unwrap_err();
        assert!(
            e.to_string().contains("line 3") && e.to_string().contains("line 2"),
            "{e}"
        );
    }
}
