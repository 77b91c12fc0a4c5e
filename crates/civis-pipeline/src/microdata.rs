//! Reading what a workflow needs from files: CSV headers and the EU-LFS reliability limits.

use std::path::Path;

use civis_frame::{Column, Frame};
use civis_io::{open_microdata, read_csv, CsvOptions, MicrodataFormat};
use civis_survey::{LfsLimit, LfsLimits};

use crate::error::{bail, invalid, Result, WithContext};

/// The column names of a microdata file: a CSV file's first record (trimmed, without a
/// byte-order mark), or a Parquet or Arrow IPC file's schema.
pub fn read_header(path: &Path, delimiter: u8) -> Result<Vec<String>> {
    if MicrodataFormat::detect(path)? != MicrodataFormat::Csv {
        let none = CsvOptions {
            columns: Some(Vec::new()),
            ..CsvOptions::default()
        };
        return Ok(open_microdata(path, &none)?.names().to_vec());
    }
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_path(path)
        .with_context(|| format!("opening {}", path.display()))?;
    let mut rec = csv::StringRecord::new();
    if !r
        .read_record(&mut rec)
        .with_context(|| format!("reading the header of {}", path.display()))?
    {
        bail!("{} is empty", path.display());
    }
    Ok(rec
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
        .collect())
}

/// Limits file: columns `country`, `limit_a`, `limit_b` (thousands of persons), optional
/// `period` (`A` annual, the default, or `Q` quarterly) and `valid_from` (first year the limits
/// apply). Civis ships no official limits: each country supplies them to Eurostat.
pub fn read_lfs_limits(path: &Path, year: Option<i32>) -> Result<LfsLimits> {
    let f: Frame = read_csv(path, &CsvOptions::default())?;
    let src = path.display();
    let country = match f.column("country")? {
        Column::Str(s) => s.clone(),
        _ => bail!("{src}: column `country` must hold country codes"),
    };
    let a = f.numeric("limit_a").with_context(|| format!("{src}"))?;
    let b = f.numeric("limit_b").with_context(|| format!("{src}"))?;
    let period = f.column("period").ok();
    let valid_from = match f.column("valid_from") {
        Ok(_) => Some(f.numeric("valid_from").with_context(|| format!("{src}"))?),
        Err(_) => None,
    };
    let mut out = LfsLimits {
        year,
        ..Default::default()
    };
    for i in 0..f.nrows() {
        let line = i + 2;
        let c = country
            .get(i)
            .ok_or_else(|| invalid!("{src}: line {line}: country is missing"))?;
        if a[i].is_nan() || b[i].is_nan() || a[i] > b[i] {
            bail!("{src}: line {line}: need numbers with limit_a <= limit_b");
        }
        let p = match period.and_then(|p| p.label(i)) {
            None => 'A',
            Some(p) if p == "A" || p == "Q" => p.chars().next().unwrap_or('A'),
            Some(p) => {
                bail!("{src}: line {line}: period `{p}` must be A (annual) or Q (quarterly)")
            }
        };
        let v = match valid_from {
            Some(v) if !v[i].is_nan() => Some(v[i] as i32),
            _ => None,
        };
        out.rows.push(LfsLimit {
            country: c.to_string(),
            period: p,
            valid_from: v,
            limit_a: a[i],
            limit_b: b[i],
        });
    }
    Ok(out)
}
