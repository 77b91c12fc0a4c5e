//! The indicator engine: every catalogue indicator for the country and every area x target
//! group (x breakdown), with the gap to the reference group, from any microdata file.
//!
//! The file's columns are mapped to canonical variables (crates/civis-catalog/data/sources), each indicator's
//! population, numerator and denominator are evaluated on them, and the estimation engine runs
//! on one design built once for the whole file. Groups overlap (`FOR` = `EU27_2020_FOR` +
//! `NEU27_2020_FOR`, `TOTAL` = everyone), so each indicator is estimated in three partitions:
//! everyone (`TOTAL`), `NAT`/`EU27_2020_FOR`/`NEU27_2020_FOR` (with the two gaps to `NAT`), and
//! `NAT`/`FOR` (with that gap); the country is one more run without the area variable.

mod engine;
mod fused;
mod pass;
mod prepare;
pub mod tables;

pub use prepare::{catalogue, reference_year};

use std::collections::BTreeMap;
use std::path::PathBuf;

use civis_catalog::Criterion;
use civis_io::estimate_table::{join, MEASURES};
use civis_survey::{LonelyPsu, Measures, ReliabilityRule};

use crate::error::{bail, invalid, Result, WithContext};
use crate::variance::VarianceMethod;

/// One output row.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorRow {
    pub indicator: String,
    pub geo: String,
    pub group_criterion: String,
    pub group: String,
    pub sex: String,
    pub age: String,
    pub time: String,
    /// The estimate, its precision and the domain's estimated population (the `pop` column
    /// follows `n` in [`COLUMNS`]).
    pub measures: Measures,
    pub n: Option<u64>,
    pub flags: String,
    pub unit: String,
    pub note: String,
}

/// The columns that name an indicator cell (indicator and domain), first in the indicator and
/// precision tables.
pub const KEY_COLUMNS: [&str; 6] = ["indicator", "geo", "group_criterion", "group", "sex", "age"];

/// The columns of an indicator table, in the order of [`IndicatorRow`]'s fields (its measures
/// spread out as [`MEASURES`], `n` among them).
pub const COLUMNS: [&str; 18] = join(&[
    &KEY_COLUMNS,
    &["time"],
    &MEASURES,
    &["flags", "unit", "note"],
]);

/// A breakdown of every area x group cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breakdown {
    Sex,
    /// Eurostat's age bands (`Y15-24`, ...), clipped to each indicator's age range.
    AgeBand,
}

/// Which publication rule flags the estimates.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Reliability {
    /// Each indicator's own rule from the catalogue.
    #[default]
    Catalogue,
    /// One rule for every indicator.
    Rule(ReliabilityRule),
}

/// What the engine reports while it runs.
#[derive(Debug, Clone, PartialEq)]
pub enum IndicatorsEvent<'a> {
    /// Something the user should know (the message is one sentence).
    Warning(String),
    /// `done` of `total` indicator x criterion estimations finished, the last one `indicator`.
    Progress {
        done: usize,
        total: usize,
        indicator: &'a str,
    },
    /// All estimations finished (sent only when there were any).
    Finished,
}

/// Receives [`IndicatorsEvent`]s (from several threads).
pub type Events<'a> = &'a (dyn Fn(IndicatorsEvent<'_>) + Sync);

/// Builds an [`Indicators`] run (ripgrep `SearcherBuilder` style).
#[derive(Debug, Clone)]
pub struct IndicatorsBuilder {
    data: PathBuf,
    delimiter: u8,
    source: String,
    maps: Vec<(String, String)>,
    geo: Option<String>,
    breakdowns: Vec<Breakdown>,
    criteria: Vec<Criterion>,
    indicators: Option<Vec<String>>,
    country: Option<String>,
    country_var: Option<String>,
    variance: VarianceMethod,
    reliability: Reliability,
    lfs_limits: Option<PathBuf>,
    lonely: LonelyPsu,
    year: Option<String>,
    catalog: Option<PathBuf>,
    one_pass: bool,
}

impl IndicatorsBuilder {
    /// Every catalogue indicator from the CSV file `data` with EU-SILC variable names, groups by
    /// citizenship, the country only, linearised variances, each indicator's own reliability
    /// rule, lonely PSUs adjusted.
    pub fn new(data: impl Into<PathBuf>) -> IndicatorsBuilder {
        IndicatorsBuilder {
            data: data.into(),
            delimiter: b',',
            source: "eu-silc".into(),
            maps: Vec::new(),
            geo: None,
            breakdowns: Vec::new(),
            criteria: vec![Criterion::Citizenship],
            indicators: None,
            country: None,
            country_var: None,
            variance: VarianceMethod::Linearised,
            reliability: Reliability::Catalogue,
            lfs_limits: None,
            lonely: LonelyPsu::Adjust,
            year: None,
            catalog: None,
            one_pass: true,
        }
    }

    /// The run.
    pub fn build(&self) -> Result<Indicators> {
        Ok(Indicators {
            options: self.clone(),
        })
    }

    /// Field delimiter of the CSV.
    pub fn delimiter(&mut self, delimiter: u8) -> &mut IndicatorsBuilder {
        self.delimiter = delimiter;
        self
    }

    /// Variable names of the file: `eu-silc`, `eu-lfs`, or a mapping file (TOML, see
    /// crates/civis-catalog/data/sources).
    pub fn source(&mut self, source: &str) -> &mut IndicatorsBuilder {
        self.source = source.to_string();
        self
    }

    /// The canonical variable `canonical` is the file's column `column`.
    pub fn map(&mut self, canonical: &str, column: &str) -> &mut IndicatorsBuilder {
        self.maps.push((canonical.to_string(), column.to_string()));
        self
    }

    /// The column with the areas (regions, cities); without it only the country is estimated.
    pub fn geo(&mut self, column: &str) -> &mut IndicatorsBuilder {
        self.geo = Some(column.to_string());
        self
    }

    /// One more breakdown.
    pub fn breakdown(&mut self, b: Breakdown) -> &mut IndicatorsBuilder {
        self.breakdowns.push(b);
        self
    }

    /// The target-group criteria (citizenship, birth or both).
    pub fn criteria(&mut self, criteria: &[Criterion]) -> &mut IndicatorsBuilder {
        self.criteria = criteria.to_vec();
        self
    }

    /// Only these indicators (catalogue ids); all of them without this.
    pub fn indicators(&mut self, ids: &[String]) -> &mut IndicatorsBuilder {
        self.indicators = Some(ids.to_vec());
        self
    }

    /// The reporting country (Eurostat code): the national row's geo and who is a national.
    pub fn country(&mut self, code: &str) -> &mut IndicatorsBuilder {
        self.country = Some(code.to_string());
        self
    }

    /// Country column of a file holding several countries: every country is estimated from
    /// its own rows, as [`IndicatorsBuilder::country`].
    pub fn country_var(&mut self, column: &str) -> &mut IndicatorsBuilder {
        self.country_var = Some(column.to_string());
        self
    }

    /// The variance method.
    pub fn variance(&mut self, method: VarianceMethod) -> &mut IndicatorsBuilder {
        self.variance = method;
        self
    }

    /// The publication rule.
    pub fn reliability(&mut self, r: Reliability) -> &mut IndicatorsBuilder {
        self.reliability = r;
        self
    }

    /// EU-LFS limits A/B (CSV: country,limit_a,limit_b) for indicators whose rule is `lfs`.
    pub fn lfs_limits(&mut self, path: impl Into<PathBuf>) -> &mut IndicatorsBuilder {
        self.lfs_limits = Some(path.into());
        self
    }

    /// What to do with a stratum holding a single PSU.
    pub fn lonely_psu(&mut self, policy: LonelyPsu) -> &mut IndicatorsBuilder {
        self.lonely = policy;
        self
    }

    /// The reference period written in the `time` column (its first four characters are the
    /// year that selects the EU-LFS limits).
    pub fn year(&mut self, year: &str) -> &mut IndicatorsBuilder {
        self.year = Some(year.to_string());
        self
    }

    /// Whether the ratio indicators come from one pass over the rows (the default) or from one
    /// estimation per indicator, criterion and partition (the engine the pass replaces; the
    /// results agree up to rounding).
    pub fn one_pass(&mut self, yes: bool) -> &mut IndicatorsBuilder {
        self.one_pass = yes;
        self
    }

    /// An indicator catalogue (TOML) to use instead of the built-in one.
    pub fn catalog(&mut self, path: impl Into<PathBuf>) -> &mut IndicatorsBuilder {
        self.catalog = Some(path.into());
        self
    }
}

/// A checked indicator run.
pub struct Indicators {
    options: IndicatorsBuilder,
}

impl Indicators {
    /// The input files of the run (the data, the limits, the catalogue), with their options.
    pub fn inputs(&self) -> Vec<(&'static str, &std::path::Path)> {
        let o = &self.options;
        let mut inputs = vec![("--data", o.data.as_path())];
        inputs.extend(o.lfs_limits.as_deref().map(|p| ("--lfs-limits", p)));
        inputs.extend(o.catalog.as_deref().map(|p| ("--catalog", p)));
        inputs
    }

    /// Compute the rows; `events` hears warnings and progress.
    pub fn run(&self, events: Events<'_>) -> Result<Vec<IndicatorRow>> {
        match &self.options.country_var {
            Some(col) => self.run_by_country(col, events),
            None => prepare::run(&self.options, events),
        }
    }

    /// Split the file by country (each country's rows in file order, written to a temporary
    /// file) and run every country on its own, as `country(CODE)`.
    fn run_by_country(&self, col: &str, events: Events<'_>) -> Result<Vec<IndicatorRow>> {
        let o = &self.options;
        let src = o.data.display().to_string();
        let mut r = csv::ReaderBuilder::new()
            .delimiter(o.delimiter)
            .from_path(&o.data)
            .with_context(|| format!("opening {src}"))?;
        let header = r
            .headers()
            .with_context(|| format!("reading {src}"))?
            .clone();
        let c = header
            .iter()
            .position(|h| h.trim().trim_start_matches('\u{feff}') == col)
            .ok_or_else(|| invalid!("--country-var `{col}`: no such column in {src}"))?;
        let mut by_country: BTreeMap<String, Vec<csv::StringRecord>> = BTreeMap::new();
        for (i, rec) in r.records().enumerate() {
            let rec = rec.with_context(|| format!("reading {src}"))?;
            let code = rec.get(c).unwrap_or("").trim().to_string();
            if code.is_empty() {
                bail!("{src}: line {}: country `{col}` is missing", i + 2);
            }
            by_country.entry(code).or_default().push(rec);
        }
        let dir = std::env::temp_dir().join(format!(
            "civis-indicators-{}-{}",
            std::process::id(),
            by_country.len()
        ));
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        let result = (|| -> Result<Vec<IndicatorRow>> {
            let mut rows = Vec::new();
            for (code, records) in &by_country {
                let file = dir.join(format!("{code}.csv"));
                let mut w = csv::WriterBuilder::new()
                    .delimiter(o.delimiter)
                    .from_path(&file)?;
                w.write_record(&header)?;
                for rec in records {
                    w.write_record(rec)?;
                }
                w.flush()?;
                let one = IndicatorsBuilder {
                    data: file,
                    country: Some(code.clone()),
                    country_var: None,
                    ..o.clone()
                };
                rows.extend(prepare::run(&one, events).with_context(|| format!("{col} = {code}"))?);
            }
            Ok(rows)
        })();
        let _ = std::fs::remove_dir_all(&dir);
        result
    }
}
