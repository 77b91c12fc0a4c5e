//! Importing files into the store (`civis import`): Civis indicator tables, Fay-Herriot tables
//! and Eurostat files (TSV, SDMX-CSV, JSON-stat), one transaction per file, so a failed file
//! leaves nothing behind and the files before it stay imported.
//!
//! ```no_run
//! # use std::path::{Path, PathBuf};
//! let done = civis_pipeline::ImportBuilder::new()
//!     .vintage("2026-11")
//!     .build()
//!     .run(Path::new("civis.db"), &[PathBuf::from("lfsa_ergan.csv")])?;
//! # Ok::<(), civis_pipeline::PipelineError>(())
//! ```

use std::path::{Path, PathBuf};

use civis_catalog::Group;
use civis_frame::Frame;
use civis_io::cube::Dataset;
use civis_io::{read_csv, CsvOptions};
use civis_store::{open_store, redacted, Method, Observation, Provenance, SqliteStore, Store};

use crate::error::{bail, invalid, Result, WithContext};

/// Normal quantile of a 95 % interval.
const Z95: f64 = 1.959_963_984_540_054;

/// What one file became.
#[derive(Debug, Clone)]
pub struct Imported {
    pub file: PathBuf,
    pub dataset: String,
    pub observations: usize,
}

/// The options of an import; [`ImportBuilder::build`] gives the [`Import`] step.
#[derive(Debug, Clone)]
pub struct ImportBuilder {
    replace: bool,
    source: Option<String>,
    vintage: String,
    attribution: Option<String>,
    synthetic: bool,
    sae_indicator: Option<String>,
    sae_group: Group,
}

impl Default for ImportBuilder {
    fn default() -> Self {
        ImportBuilder::new()
    }
}

impl ImportBuilder {
    /// No replacing, source and attribution by the kind of file, no vintage, not synthetic.
    pub fn new() -> ImportBuilder {
        ImportBuilder {
            replace: false,
            source: None,
            vintage: String::new(),
            attribution: None,
            synthetic: false,
            sae_indicator: None,
            sae_group: Group::Target(civis_catalog::TargetGroup::Total),
        }
    }

    /// Replace datasets already in the database (else a dataset of the same name is an error).
    pub fn replace(mut self, yes: bool) -> Self {
        self.replace = yes;
        self
    }

    /// Who produced the data (default: Eurostat for Eurostat files, Civis for Civis tables).
    pub fn source(mut self, source: Option<String>) -> Self {
        self.source = source;
        self
    }

    /// The data vintage (e.g. the download date).
    pub fn vintage(mut self, vintage: impl Into<String>) -> Self {
        self.vintage = vintage.into();
        self
    }

    /// The attribution that must be shown with the data.
    pub fn attribution(mut self, attribution: Option<String>) -> Self {
        self.attribution = attribution;
        self
    }

    /// The data are synthetic (shown as such wherever they appear).
    pub fn synthetic(mut self, yes: bool) -> Self {
        self.synthetic = yes;
        self
    }

    /// For Fay-Herriot tables (`civis sae fh`): the indicator and the target group they
    /// estimate. Without an indicator such a table is an error.
    pub fn sae_table(mut self, indicator: Option<String>, group: Group) -> Self {
        self.sae_indicator = indicator;
        self.sae_group = group;
        self
    }

    pub fn build(self) -> Import {
        Import { options: self }
    }
}

/// The import step: [`Import::run`] loads files into a database.
#[derive(Debug, Clone)]
pub struct Import {
    options: ImportBuilder,
}

impl Import {
    /// Imports every file into `database` (an SQLite file, created if absent, or a PostgreSQL
    /// URL); stops at the first failure (earlier files stay imported). A SQLite database this
    /// run created is removed again when nothing could be imported into it.
    pub fn run(&self, database: &Path, files: &[PathBuf]) -> Result<Vec<Imported>> {
        let spec = database.to_string_lossy();
        let created = !civis_store::is_postgres_url(&spec) && !database.exists();
        let mut out = Vec::new();
        let result = self.import_all(database, files, &mut out);
        if result.is_err() && created && out.is_empty() {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let mut f = database.to_path_buf().into_os_string();
                f.push(suffix);
                let _ = std::fs::remove_file(f);
            }
        }
        result.map(|()| out)
    }

    fn import_all(
        &self,
        database: &Path,
        files: &[PathBuf],
        out: &mut Vec<Imported>,
    ) -> Result<()> {
        let o = &self.options;
        let mut store: Box<dyn Store + Send> = match database.to_str() {
            Some(spec) => open_store(spec),
            None => SqliteStore::open(database).map(|s| Box::new(s) as _),
        }
        .with_context(|| {
            format!(
                "opening the database {}",
                redacted(&database.to_string_lossy())
            )
        })?;
        for file in files {
            let name = stem(file);
            let (observations, method, source, attribution) = self.observations(file)?;
            let provenance = Provenance {
                name: name.clone(),
                file: file.display().to_string(),
                source: o.source.clone().unwrap_or_else(|| source.to_string()),
                method,
                vintage: o.vintage.clone(),
                attribution: o
                    .attribution
                    .clone()
                    .unwrap_or_else(|| attribution.to_string()),
                synthetic: o.synthetic,
            };
            store
                .import(&provenance, &observations, o.replace)
                .with_context(|| format!("importing {}", file.display()))?;
            out.push(Imported {
                file: file.clone(),
                dataset: name,
                observations: observations.len(),
            });
        }
        Ok(())
    }

    /// The observations of one file, by its kind (a Civis indicator table, a Fay-Herriot
    /// table, else a Eurostat file), with the method, default source and attribution.
    fn observations(
        &self,
        file: &Path,
    ) -> Result<(Vec<Observation>, Method, &'static str, &'static str)> {
        let is_csv = file
            .to_string_lossy()
            .to_ascii_lowercase()
            .ends_with(".csv");
        let header = if is_csv {
            crate::microdata::read_header(file, b',')?
        } else {
            Vec::new()
        };
        let has = |c: &str| header.iter().any(|h| h == c);
        Ok(if has("indicator") && has("estimate") {
            let f = read_csv(file, &CsvOptions::default())?;
            (from_indicators(&f), Method::Direct, "Civis", "")
        } else if has("area") && has("eblup") {
            let indicator = self.options.sae_indicator.as_deref().ok_or_else(|| {
                invalid!(
                    "{}: a small area table needs --indicator (the indicator it estimates)",
                    file.display()
                )
            })?;
            let f = read_csv(file, &CsvOptions::default())?;
            (
                from_sae(&f, indicator, &self.options.sae_group),
                Method::ModelBased,
                "Civis (Fay-Herriot)",
                "",
            )
        } else {
            let ds = read_eurostat(file).with_context(|| {
                format!("{}: not a Civis table nor a Eurostat file", file.display())
            })?;
            (
                from_eurostat(&ds),
                Method::Official,
                "Eurostat",
                "Source: Eurostat",
            )
        })
    }
}

/// The dataset name of a file: its name up to the first dot.
fn stem(p: &Path) -> String {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    name.split('.').next().unwrap_or(&name).to_string()
}

fn cell(f: &Frame, col: &str, i: usize) -> String {
    f.column(col)
        .ok()
        .and_then(|c| c.label(i))
        .unwrap_or_default()
}

fn value(f: &Frame, col: &str, i: usize) -> Option<f64> {
    f.numeric(col).ok().map(|v| v[i]).filter(|v| v.is_finite())
}

/// Observations of a `civis indicators` table.
fn from_indicators(f: &Frame) -> Vec<Observation> {
    (0..f.nrows())
        .filter(|&i| cell(f, "note", i).is_empty())
        .map(|i| Observation {
            indicator: cell(f, "indicator", i),
            geo: cell(f, "geo", i),
            criterion: cell(f, "group_criterion", i),
            group: cell(f, "group", i).into(),
            sex: cell(f, "sex", i),
            age: cell(f, "age", i),
            time: cell(f, "time", i),
            unit: cell(f, "unit", i).into(),
            extra: String::new(),
            estimate: value(f, "estimate", i),
            se: value(f, "se", i),
            ci_low: value(f, "ci_low", i),
            ci_high: value(f, "ci_high", i),
            n: value(f, "n", i).map(|v| v as i64),
            flags: cell(f, "flags", i),
            model_share: None,
        })
        .collect()
}

/// Observations of a `civis sae fh` table: estimate = the benchmarked EBLUP (else the EBLUP),
/// se = root MSE, interval estimate ± 1.96 se.
fn from_sae(f: &Frame, indicator: &str, group: &Group) -> Vec<Observation> {
    (0..f.nrows())
        .map(|i| {
            let est = value(f, "benchmarked", i).or_else(|| value(f, "eblup", i));
            let se = value(f, "rmse", i);
            Observation {
                indicator: indicator.to_string(),
                geo: cell(f, "area", i),
                criterion: String::new(),
                group: group.clone(),
                sex: "T".into(),
                estimate: est,
                se,
                ci_low: est.zip(se).map(|(e, s)| e - Z95 * s),
                ci_high: est.zip(se).map(|(e, s)| e + Z95 * s),
                flags: cell(f, "flags", i),
                // the EBLUP is γ·direct + (1 − γ)·synthetic
                model_share: value(f, "gamma", i).map(|g| 1.0 - g),
                ..Default::default()
            }
        })
        .collect()
}

/// Observations of a Eurostat dataset: the dataset id is the indicator; `geo`, `citizen` /
/// `c_birth`, `sex`, `age`, `unit` and the time dimension have their own fields, any other
/// dimension goes to `extra`.
fn from_eurostat(ds: &Dataset) -> Vec<Observation> {
    let dims: Vec<String> = ds
        .dimensions
        .iter()
        .map(|d| d.id.to_ascii_lowercase())
        .collect();
    let time = ds.time_dimension.as_deref().map(str::to_ascii_lowercase);
    ds.observations
        .iter()
        .map(|o| {
            let mut obs = Observation {
                indicator: ds.id.clone(),
                estimate: o.value,
                flags: o.flags.to_string(),
                ..Default::default()
            };
            let mut extra = Vec::new();
            for (d, &k) in o.key.iter().enumerate() {
                let code = ds.dimensions[d].codes[k as usize].id.clone();
                match dims[d].as_str() {
                    "geo" | "cities" | "ref_area" => obs.geo = code,
                    "citizen" => {
                        obs.criterion = "citizenship".into();
                        obs.group = code.into();
                    }
                    "c_birth" => {
                        obs.criterion = "birth".into();
                        obs.group = code.into();
                    }
                    "sex" => obs.sex = code,
                    "age" => obs.age = code,
                    "unit" => obs.unit = code.into(),
                    "freq" => {}
                    other if Some(other) == time.as_deref() => obs.time = code,
                    other => extra.push(format!("{other}={code}")),
                }
            }
            obs.extra = extra.join(";");
            obs
        })
        .collect()
}

/// A Eurostat file by its extension (`.gz` aside): TSV, JSON-stat (one dataset), else SDMX-CSV.
fn read_eurostat(path: &Path) -> Result<Dataset> {
    let ext = path
        .to_string_lossy()
        .to_ascii_lowercase()
        .trim_end_matches(".gz")
        .rsplit('.')
        .next()
        .unwrap_or("")
        .to_string();
    Ok(match ext.as_str() {
        "tsv" => civis_io::tsv::read_tsv(path)?,
        "json" => {
            let mut v = civis_io::jsonstat::read_jsonstat(path)?;
            if v.len() != 1 {
                bail!(
                    "{}: holds {} datasets; import needs one",
                    path.display(),
                    v.len()
                );
            }
            v.remove(0)
        }
        _ => civis_io::sdmx_csv::read_sdmx_csv(path)?,
    })
}
