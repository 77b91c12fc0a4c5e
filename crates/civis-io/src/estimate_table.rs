//! Estimate tables out: the rows of `civis estimate` ([`EstimateRow`]) as CSV, JSON, XLSX (with
//! a metadata sheet) or an aligned text table, and any table of text cells as CSV, JSON or an
//! aligned text table. Files are written by extension through [`write_atomically`], so a failed
//! run never leaves half a file.
//!
//! Numbers are written in full (`f64` display, the shortest text that reads back exactly); a
//! missing number is an empty cell (CSV) or `null` (JSON). Text cells a spreadsheet would read
//! as a formula get a leading apostrophe ([`text`]).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use civis_survey::{EstimateRow, Measures};

use crate::atomic::{write_atomically, WriteFileError};
use crate::xlsx::{write_xlsx, XlsxCell, XlsxSheet};

/// The measures of an estimate, in the order of every Civis table that has them.
pub const MEASURES: [&str; 8] = [
    "estimate", "se", "ci_low", "ci_high", "cv", "deff", "n", "pop",
];

/// The cells under [`MEASURES`]: each measure through `cell`, and `n` as given.
pub fn measure_cells<T>(m: &Measures, n: T, cell: impl Fn(f64) -> T) -> [T; 8] {
    let [estimate, se, ci_low, ci_high, cv, deff, pop] = m.named().map(|(_, v)| cell(v));
    [estimate, se, ci_low, ci_high, cv, deff, n, pop]
}

/// The fixed columns after the by-variables.
pub const COLUMNS: [&str; 12] = join(&[&["statistic", "variable"], &MEASURES, &["flags", ""]]);

/// The names of `parts` one after the other, as an array of their total length `N` (a
/// compile-time error when `N` is not that length).
pub const fn join<const N: usize>(parts: &[&[&'static str]]) -> [&'static str; N] {
    let mut out = [""; N];
    let (mut k, mut i) = (0, 0);
    while i < parts.len() {
        let mut j = 0;
        while j < parts[i].len() {
            out[k] = parts[i][j];
            k += 1;
            j += 1;
        }
        i += 1;
    }
    assert!(k == N, "the parts do not have the array's length");
    out
}

/// An output file name whose extension is not one of the table formats.
#[derive(Debug, thiserror::Error)]
#[error("--out {}: unknown format (use a .csv, .json or .xlsx file name)", .0.display())]
pub struct UnknownFormat(pub PathBuf);

/// A table file that could not be written.
#[derive(Debug, thiserror::Error)]
pub enum TableFileError {
    #[error(transparent)]
    UnknownFormat(#[from] UnknownFormat),
    #[error(transparent)]
    Write(#[from] WriteFileError),
}

/// A number in full, empty when it is not finite.
pub fn num(v: f64) -> String {
    let mut s = String::new();
    push_num(&mut s, v);
    s
}

/// Append [`num`]`(v)` to `buf` (nothing when `v` is not finite), without a `String` of its own.
pub fn push_num(buf: &mut String, v: f64) {
    if v.is_finite() {
        use std::fmt::Write as _;
        // `fmt::Write` for `String` never fails
        let _ = write!(buf, "{v}");
    }
}

/// A number for reading on a screen: 4 decimals, 1 from 1000 on, scientific outside
/// [0.001, 10^7); empty when it is not finite.
pub fn short(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let a = v.abs();
    if a != 0.0 && !(1e-3..1e7).contains(&a) {
        format!("{v:.4e}")
    } else if a >= 1000.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.4}")
    }
}

/// A text cell that a spreadsheet would read as a formula gets a leading apostrophe
/// ([`crate::sdmx_csv::guard`]).
pub fn text(s: &str) -> String {
    crate::sdmx_csv::guard(s).into_owned()
}

/// A CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break.
pub fn csv_field(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_csv_field(&mut out, s);
    out
}

/// Append [`csv_field`]`(s)` to `buf`: quoted (RFC 4180, inner quotes doubled) when `s` holds a
/// comma, a quote or a line break, as it is otherwise.
pub fn push_csv_field(buf: &mut String, s: &str) {
    if s.contains([',', '"', '\n', '\r']) {
        buf.push('"');
        for part in s.split_inclusive('"') {
            buf.push_str(part);
            if part.ends_with('"') {
                buf.push('"');
            }
        }
        buf.push('"');
    } else {
        buf.push_str(s);
    }
}

/// The lower-case extension of an output path, which must be `csv`, `json` or `xlsx`.
pub fn extension(path: &Path) -> Result<String, UnknownFormat> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if ext != "csv" && ext != "json" && ext != "xlsx" {
        return Err(UnknownFormat(path.to_path_buf()));
    }
    Ok(ext)
}

/// The header of an estimate table: the by-variables, then [`COLUMNS`].
pub fn header(by: &[String]) -> Vec<String> {
    by.iter()
        .cloned()
        .chain(
            COLUMNS
                .iter()
                .filter(|c| !c.is_empty())
                .map(|c| c.to_string()),
        )
        .collect()
}

fn cells(by: &[String], r: &EstimateRow) -> Vec<String> {
    let mut v: Vec<String> = r.domain.iter().map(|d| text(d)).collect();
    v.truncate(by.len());
    v.push(r.statistic.clone());
    v.push(text(&r.variable));
    v.extend(measure_cells(&r.measures, r.n.to_string(), num));
    v.push(r.reliability.flag().to_string());
    v
}

/// Write rows as CSV to any writer.
pub fn write_csv<W: Write>(mut w: W, by: &[String], rows: &[EstimateRow]) -> io::Result<()> {
    let h: Vec<String> = header(by).iter().map(|s| csv_field(s)).collect();
    writeln!(w, "{}", h.join(","))?;
    for r in rows {
        let c: Vec<String> = cells(by, r).iter().map(|s| csv_field(s)).collect();
        writeln!(w, "{}", c.join(","))?;
    }
    Ok(())
}

/// Write rows as a JSON array of objects (missing numbers as null).
pub fn write_json<W: Write>(mut w: W, by: &[String], rows: &[EstimateRow]) -> io::Result<()> {
    let f = |v: f64| {
        if v.is_finite() {
            serde_json::Value::from(v)
        } else {
            serde_json::Value::Null
        }
    };
    let arr: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            let mut m = serde_json::Map::new();
            for (name, val) in by.iter().zip(&r.domain) {
                m.insert(name.clone(), val.clone().into());
            }
            m.insert("statistic".into(), r.statistic.clone().into());
            m.insert("variable".into(), r.variable.clone().into());
            m.insert("estimate".into(), f(r.measures.estimate));
            m.insert("se".into(), f(r.measures.se));
            m.insert("ci_low".into(), f(r.measures.ci_low));
            m.insert("ci_high".into(), f(r.measures.ci_high));
            m.insert("cv".into(), f(r.measures.cv));
            m.insert("deff".into(), f(r.measures.deff));
            m.insert("n".into(), r.n.into());
            m.insert("pop".into(), f(r.measures.pop));
            m.insert("flags".into(), r.reliability.flag().into());
            serde_json::Value::Object(m)
        })
        .collect();
    serde_json::to_writer_pretty(&mut w, &arr)?;
    writeln!(w)?;
    Ok(())
}

/// Write rows as an XLSX workbook: the sheet `estimates` (numbers as numbers) and a `metadata`
/// sheet saying what the columns mean.
pub fn write_estimates_xlsx<W: Write>(w: W, by: &[String], rows: &[EstimateRow]) -> io::Result<()> {
    let data = XlsxSheet {
        name: "estimates".into(),
        header: header(by),
        rows: rows
            .iter()
            .map(|r| {
                let mut v: Vec<XlsxCell> = r
                    .domain
                    .iter()
                    .take(by.len())
                    .map(|d| d.as_str().into())
                    .collect();
                v.push(r.statistic.as_str().into());
                v.push(r.variable.as_str().into());
                v.extend(measure_cells(
                    &r.measures,
                    XlsxCell::Number(r.n as f64),
                    XlsxCell::from,
                ));
                v.push(r.reliability.flag().into());
                v
            })
            .collect(),
    };
    write_xlsx(w, &[data, metadata_sheet(&ESTIMATE_COLUMNS_HELP)])
}

/// Write to `path` (format from its extension: CSV, XLSX, otherwise JSON) through a temporary
/// file and a rename.
pub fn write_file(path: &Path, by: &[String], rows: &[EstimateRow]) -> Result<(), TableFileError> {
    match extension(path)?.as_str() {
        "csv" => write_atomically(path, |w| write_csv(w, by, rows))?,
        "xlsx" => write_atomically(path, |w| write_estimates_xlsx(w, by, rows))?,
        _ => write_atomically(path, |w| write_json(w, by, rows))?,
    }
    Ok(())
}

/// What the columns of `civis estimate` mean.
const ESTIMATE_COLUMNS_HELP: [(&str, &str); 10] = [
    (
        "estimate",
        "the estimate for the domain (means and proportions as shares, ARPR/Gini/RMPG in %)",
    ),
    (
        "se",
        "standard error (design-based: Taylor linearisation or replicates)",
    ),
    (
        "ci_low, ci_high",
        "95 % confidence interval (t with the design degrees of freedom)",
    ),
    ("cv", "coefficient of variation, se / |estimate|"),
    (
        "deff",
        "design effect: variance over the variance of simple random sampling",
    ),
    ("n", "unweighted number of observations"),
    ("pop", "estimated population of the domain (sum of weights)"),
    (
        "flags",
        "u = low reliability; u with empty numbers = not published (suppressed)",
    ),
    (
        "A-B",
        "a domain value A-B is the gap between two groups, its se includes their covariance",
    ),
    ("source", "computed by Civis (civis estimate)"),
];

/// A metadata sheet: column meanings and the flags legend.
pub fn metadata_sheet(items: &[(&str, &str)]) -> XlsxSheet {
    XlsxSheet {
        name: "metadata".into(),
        header: vec!["item".into(), "meaning".into()],
        rows: items
            .iter()
            .map(|(a, b)| vec![XlsxCell::from(*a), XlsxCell::from(*b)])
            .collect(),
    }
}

/// A human-readable aligned table of estimate rows: labels left-aligned, numbers
/// right-aligned ([`short`]).
pub fn write_table<W: Write>(mut w: W, by: &[String], rows: &[EstimateRow]) -> io::Result<()> {
    let head = header(by);
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut v: Vec<String> = r.domain.iter().take(by.len()).cloned().collect();
            v.push(r.statistic.clone());
            v.push(r.variable.clone());
            v.extend(measure_cells(&r.measures, r.n.to_string(), short));
            v.push(r.reliability.flag().to_string());
            v
        })
        .collect();
    let width = widths(&head, &body);
    let line = |cells: &[String]| -> String {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let pad = width[i] - c.chars().count();
                if i < by.len() + 2 {
                    format!("{c}{}", " ".repeat(pad))
                } else {
                    format!("{}{c}", " ".repeat(pad))
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    writeln!(w, "{}", line(&head))?;
    for row in &body {
        writeln!(w, "{}", line(row))?;
    }
    Ok(())
}

/// The width in characters of every column of `header` and `rows`.
fn widths<S: AsRef<str>>(header: &[S], rows: &[Vec<String>]) -> Vec<usize> {
    let mut width: Vec<usize> = header.iter().map(|h| h.as_ref().chars().count()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            width[i] = width[i].max(c.chars().count());
        }
    }
    width
}

/// Print `rows` under `header` as an aligned plain-text table (every column left-aligned).
pub fn print_aligned<W: Write>(mut w: W, header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    let width = widths(header, rows);
    let line = |cells: &[String]| {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c:<width$}", width = width[i]))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let head: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    writeln!(w, "{}", line(&head))?;
    for r in rows {
        writeln!(w, "{}", line(r))?;
    }
    Ok(())
}

/// Write a table of text cells as CSV (the header as it is, the cells quoted as needed).
pub fn write_text_csv(w: &mut dyn Write, header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    writeln!(w, "{}", header.join(","))?;
    for r in rows {
        let c: Vec<String> = r.iter().map(|s| csv_field(s)).collect();
        writeln!(w, "{}", c.join(","))?;
    }
    Ok(())
}

/// Write a table of text cells as a JSON array of objects: the cells of the `numeric` columns
/// become numbers (empty or unreadable ones null), `true`/`false` booleans, the rest strings.
pub fn write_text_json<W: Write>(
    mut w: W,
    header: &[&str],
    rows: &[Vec<String>],
    numeric: &[&str],
) -> io::Result<()> {
    let arr: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            let m: serde_json::Map<String, serde_json::Value> = header
                .iter()
                .zip(r)
                .map(|(k, v)| {
                    let val = if numeric.contains(k) {
                        v.parse::<f64>()
                            .map(serde_json::Value::from)
                            .unwrap_or(serde_json::Value::Null)
                    } else if v == "true" || v == "false" {
                        serde_json::Value::Bool(v == "true")
                    } else {
                        serde_json::Value::from(v.as_str())
                    };
                    (k.to_string(), val)
                })
                .collect();
            serde_json::Value::Object(m)
        })
        .collect();
    serde_json::to_writer_pretty(&mut w, &arr)?;
    writeln!(w)?;
    Ok(())
}

/// Write a table of text cells to `path`: JSON for a `.json` name ([`write_text_json`]), CSV
/// otherwise, through a temporary file and a rename.
pub fn write_text_file(
    path: &Path,
    header: &[&str],
    rows: &[Vec<String>],
    numeric: &[&str],
) -> Result<(), TableFileError> {
    let ext = extension(path)?;
    write_atomically(path, |w| {
        if ext == "json" {
            write_text_json(w, header, rows, numeric)
        } else {
            write_text_csv(w, header, rows)
        }
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_labels_are_defused() {
        assert_eq!(text("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(text("-1"), "-1");
        assert_eq!(text("foreign-national"), "foreign-national");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
    }
}
