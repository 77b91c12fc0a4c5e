//! Converting statistical tables between Eurostat TSV, SDMX-CSV 1.0/2.0, JSON-stat 2.0 and
//! plain CSV (long or wide), optionally filtered, flags intact.
//!
//! Formats come from the file names (`.tsv`, `.csv`, `.json`, each optionally `.gz` on input;
//! an input `.csv` is SDMX-CSV when its first column is `DATAFLOW`/`STRUCTURE`, else a Civis
//! long table; an output `.csv` is a plain long table) or are given ([`ConvertBuilder::from`],
//! [`ConvertBuilder::to`]). A TSV input written to TSV, SDMX-CSV or CSV is converted series by
//! series in bounded memory ([`civis_io::stream::convert_tsv`]); every other conversion loads
//! the whole table. Every geo code is checked against the geography registry; unknown ones come
//! back as warnings (the conversion goes on: Eurostat files carry aggregates and historical
//! codes that a user may still want converted).

use std::io::Write;
use std::path::Path;

use civis_io::cube::Dataset;
use civis_io::jsonstat::{read_jsonstat, write_jsonstat};
use civis_io::sdmx_csv::{read_sdmx_csv, write_sdmx_csv, SdmxCsvVersion};
use civis_io::stream::{convert_tsv, StreamOptions, StreamTarget};
use civis_io::table_csv::{read_csv_long, write_csv_long, write_csv_wide};
use civis_io::tsv::{read_tsv, write_tsv};

use crate::error::{bail, invalid, Result, WithContext};

/// A table format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// Eurostat's TSV (one row per series, one column per period).
    Tsv,
    /// SDMX-CSV 2.0.
    SdmxCsv,
    /// SDMX-CSV 1.0.
    SdmxCsv1,
    /// JSON-stat 2.0.
    JsonStat,
    /// A Civis CSV table (long: one row per observation; or wide).
    Csv,
}

impl std::str::FromStr for TableFormat {
    type Err = crate::PipelineError;

    /// `tsv`, `sdmx-csv` (2.0), `sdmx-csv1`, `jsonstat` or `csv`.
    fn from_str(s: &str) -> Result<TableFormat> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "tsv" => TableFormat::Tsv,
            "sdmx-csv" | "sdmx-csv2" | "sdmxcsv" => TableFormat::SdmxCsv,
            "sdmx-csv1" => TableFormat::SdmxCsv1,
            "jsonstat" | "json-stat" | "json" => TableFormat::JsonStat,
            "csv" => TableFormat::Csv,
            other => bail!("unknown format `{other}` (tsv, sdmx-csv, sdmx-csv1, jsonstat, csv)"),
        })
    }
}

impl TableFormat {
    /// The format of an input file, from its extension (and, for `.csv`, its first column).
    pub fn of_input(path: &Path) -> Result<TableFormat> {
        by_extension(path, true)
    }

    /// The format of an output file from its extension (`.csv` a long table).
    pub fn of_output(path: &Path) -> Result<TableFormat> {
        by_extension(path, false)
    }

    /// Like [`TableFormat::of_output`], and `.sdmx.csv` is SDMX-CSV 2.0.
    pub fn of_output_named(path: &Path) -> Result<TableFormat> {
        let lower = path.display().to_string().to_ascii_lowercase();
        if lower.ends_with(".sdmx.csv") {
            Ok(TableFormat::SdmxCsv)
        } else {
            by_extension(path, false)
        }
    }
}

fn by_extension(path: &Path, input: bool) -> Result<TableFormat> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    Ok(match ext {
        "tsv" => TableFormat::Tsv,
        "json" => TableFormat::JsonStat,
        "csv" if input => sniff_csv(path)?,
        "csv" => TableFormat::Csv,
        _ => bail!(
            "cannot tell the format of {} from its extension; use --{}",
            path.display(),
            if input { "from" } else { "to" }
        ),
    })
}

/// An input `.csv` is SDMX-CSV when its first column is `DATAFLOW` (1.0) or `STRUCTURE` (2.0),
/// else a Civis long table.
fn sniff_csv(path: &Path) -> Result<TableFormat> {
    use std::io::{BufRead, Read};
    let mut first = String::new();
    let mut input = civis_io::input::open_input(path)?;
    (&mut input)
        .take(1 << 16)
        .read_line(&mut first)
        .with_context(|| format!("reading {}", path.display()))?;
    let first = first.trim_start_matches('\u{feff}');
    Ok(
        if first.starts_with("DATAFLOW") || first.starts_with("STRUCTURE") {
            TableFormat::SdmxCsv
        } else {
            TableFormat::Csv
        },
    )
}

/// The layout of CSV output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CsvLayout {
    /// One row per observation.
    #[default]
    Long,
    /// One row per series, one column per time period (plus a flags column each).
    Wide,
}

/// Builds a [`Conversion`].
#[derive(Debug, Clone, Default)]
pub struct ConvertBuilder {
    from: Option<TableFormat>,
    to: Option<TableFormat>,
    filters: Vec<(String, Vec<String>)>,
    layout: Option<CsvLayout>,
    labels: bool,
    flags_2025: bool,
}

impl ConvertBuilder {
    /// Formats from the file names, no filter, long CSV, SDMX-CSV labels when the input has them.
    pub fn new() -> ConvertBuilder {
        ConvertBuilder {
            labels: true,
            ..ConvertBuilder::default()
        }
    }

    /// The input format (default: from the input's name).
    pub fn from(&mut self, format: TableFormat) -> &mut ConvertBuilder {
        self.from = Some(format);
        self
    }

    /// The output format (default: from the output's name).
    pub fn to(&mut self, format: TableFormat) -> &mut ConvertBuilder {
        self.to = Some(format);
        self
    }

    /// Keep only these codes of a dimension (several filters of one dimension intersect; the
    /// time dimension too, e.g. `TIME_PERIOD`).
    pub fn filter(&mut self, dimension: &str, codes: &[String]) -> &mut ConvertBuilder {
        self.filters.push((dimension.to_owned(), codes.to_vec()));
        self
    }

    /// The layout of CSV output (only for CSV output).
    pub fn layout(&mut self, layout: CsvLayout) -> &mut ConvertBuilder {
        self.layout = Some(layout);
        self
    }

    /// SDMX-CSV 2.0 output: write the label columns when the input has labels.
    pub fn labels(&mut self, yes: bool) -> &mut ConvertBuilder {
        self.labels = yes;
        self
    }

    /// Map legacy flags to the 2025 code lists (s->i, z->m, c->CONF_STATUS C).
    pub fn flags_2025(&mut self, yes: bool) -> &mut ConvertBuilder {
        self.flags_2025 = yes;
        self
    }

    /// The conversion of `input` to `output`, formats settled and checked.
    pub fn build(&self, input: &Path, output: &Path) -> Result<Conversion> {
        let from = match self.from {
            Some(f) => f,
            None => TableFormat::of_input(input)?,
        };
        let to = match self.to {
            Some(t) => t,
            None => TableFormat::of_output(output)?,
        };
        if self.layout.is_some() && to != TableFormat::Csv {
            bail!("--long/--wide apply to CSV output only");
        }
        Ok(Conversion {
            input: input.to_owned(),
            output: output.display().to_string(),
            from,
            to,
            options: self.clone(),
        })
    }
}

/// A checked conversion.
#[derive(Debug, Clone)]
pub struct Conversion {
    input: std::path::PathBuf,
    output: String,
    from: TableFormat,
    to: TableFormat,
    options: ConvertBuilder,
}

impl Conversion {
    /// Converts, writing the output to `w`, and returns the writer; `warn` hears about unknown
    /// geo codes (of a whole table before it is written, of a stream after).
    pub fn run<W: Write + Send>(&self, w: W, warn: &mut dyn FnMut(String)) -> Result<W> {
        if self.from == TableFormat::Tsv && self.to != TableFormat::JsonStat {
            return self.stream_tsv(w, warn);
        }
        let mut ds = read(&self.input, self.from)?;
        for d in &ds.dimensions {
            if is_geo_dimension(&d.id) {
                if let Some(w) = self.unknown_geo(&d.id, d.codes.iter().map(|c| c.id.as_str())) {
                    warn(w);
                }
            }
        }
        ds.filter(&self.options.filters)
            .map_err(|m| invalid!("--filter: {m}"))?;
        if self.options.flags_2025 {
            ds.flags_to_2025();
        }
        let labels = self.options.labels && ds.has_labels();
        let wide = self.options.layout == Some(CsvLayout::Wide);
        write(&ds, w, &self.output, self.to, wide, labels)
    }

    /// TSV in, TSV/SDMX-CSV/CSV out, in bounded memory.
    fn stream_tsv<W: Write + Send>(&self, w: W, warn: &mut dyn FnMut(String)) -> Result<W> {
        let target = match self.to {
            TableFormat::Tsv => StreamTarget::Tsv,
            TableFormat::SdmxCsv => StreamTarget::SdmxCsv(SdmxCsvVersion::V2),
            TableFormat::SdmxCsv1 => StreamTarget::SdmxCsv(SdmxCsvVersion::V1),
            TableFormat::Csv if self.options.layout == Some(CsvLayout::Wide) => {
                StreamTarget::CsvWide
            }
            TableFormat::Csv => StreamTarget::CsvLong,
            TableFormat::JsonStat => bail!("JSON-stat output is not streamed"),
        };
        let opts = StreamOptions {
            target,
            filters: self.options.filters.clone(),
            flags_2025: self.options.flags_2025,
            dataset_id: civis_io::tsv::dataset_id(&self.input),
            threads: 0,
            distinct_codes: vec!["geo".into(), "cities".into()],
        };
        let in_name = self.input.display().to_string();
        let input = civis_io::input::open_input(&self.input)?;
        let (w, stats) = convert_tsv(input, &in_name, w, &self.output, &opts)?;
        for (dim, codes) in stats.distinct_codes.iter().filter(|(_, c)| !c.is_empty()) {
            if let Some(w) = self.unknown_geo(dim, codes.iter().map(String::as_str)) {
                warn(w);
            }
        }
        Ok(w)
    }

    /// The warning about the codes of a geo dimension the registry does not know, if any.
    fn unknown_geo<'a>(
        &self,
        dim: &str,
        codes: impl Iterator<Item = &'a str> + Clone,
    ) -> Option<String> {
        crate::geo_check::unknown_geo_warning(codes)
            .map(|w| format!("{}, dimension `{dim}`: {w}", self.input.display()))
    }
}

/// Geographic dimensions by their Eurostat ids.
fn is_geo_dimension(id: &str) -> bool {
    let id = id.to_ascii_lowercase();
    id == "geo" || id == "cities" || id == "ref_area"
}

fn read(path: &Path, format: TableFormat) -> Result<Dataset> {
    Ok(match format {
        TableFormat::Tsv => read_tsv(path)?,
        TableFormat::SdmxCsv | TableFormat::SdmxCsv1 => read_sdmx_csv(path)?,
        TableFormat::JsonStat => {
            let mut v = read_jsonstat(path)?;
            if v.len() != 1 {
                bail!(
                    "{}: holds {} datasets with data; convert needs exactly one",
                    path.display(),
                    v.len()
                );
            }
            v.remove(0)
        }
        TableFormat::Csv => read_csv_long(path)?,
    })
}

/// Writes `ds` as `format` (`name` in messages); SDMX-CSV 1.0 never has labels.
pub fn write<W: Write>(
    ds: &Dataset,
    mut w: W,
    name: &str,
    format: TableFormat,
    wide: bool,
    labels: bool,
) -> Result<W> {
    match format {
        TableFormat::Tsv => write_tsv(ds, &mut w, name).map(drop)?,
        TableFormat::SdmxCsv => {
            write_sdmx_csv(ds, &mut w, name, SdmxCsvVersion::V2, labels).map(drop)?
        }
        TableFormat::SdmxCsv1 => {
            write_sdmx_csv(ds, &mut w, name, SdmxCsvVersion::V1, false).map(drop)?
        }
        TableFormat::JsonStat => write_jsonstat(ds, &mut w, name).map(drop)?,
        TableFormat::Csv if wide => write_csv_wide(ds, &mut w, name).map(drop)?,
        TableFormat::Csv => write_csv_long(ds, &mut w, name).map(drop)?,
    }
    Ok(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(
            by_extension(Path::new("a.tsv.gz"), true).unwrap(),
            TableFormat::Tsv
        );
        let dir = std::env::temp_dir();
        let sdmx = dir.join(format!(
            "civis_convert_sniff_{}_sdmx.csv",
            std::process::id()
        ));
        let long = dir.join(format!(
            "civis_convert_sniff_{}_long.csv",
            std::process::id()
        ));
        std::fs::write(&sdmx, "\u{feff}STRUCTURE,STRUCTURE_ID,geo,OBS_VALUE\n").unwrap();
        std::fs::write(&long, "geo,time,value,flags\n").unwrap();
        assert_eq!(by_extension(&sdmx, true).unwrap(), TableFormat::SdmxCsv);
        assert_eq!(by_extension(&long, true).unwrap(), TableFormat::Csv);
        let _ = std::fs::remove_file(&sdmx);
        let _ = std::fs::remove_file(&long);
        assert_eq!(
            by_extension(Path::new("a.csv"), false).unwrap(),
            TableFormat::Csv
        );
        assert!(by_extension(Path::new("a.xlsx"), false).is_err());
        assert_eq!(
            "sdmx-csv1".parse::<TableFormat>().unwrap(),
            TableFormat::SdmxCsv1
        );
    }
}
