//! `civis import`: load Civis tables and Eurostat files into the database, one transaction per
//! file (a failed file leaves nothing behind and the others are unaffected).

use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use clap::Args;

use civis_frame::Frame;
use civis_io::cube::Dataset;
use civis_io::{read_csv, CsvOptions};
use civis_store::{open_store, redacted, Method, Observation, Provenance, SqliteStore, Store};

/// Arguments of `civis import`.
#[derive(Debug, Clone, Args, Default)]
pub struct ImportArgs {
    /// Files: `civis indicators` or `civis sae fh` tables (.csv), Eurostat TSV, SDMX-CSV or JSON-stat.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The database: an SQLite file (created if absent) or a PostgreSQL URL
    /// (`postgres://user:password@host:port/database`).
    #[arg(long, default_value = "civis.db")]
    pub database: PathBuf,
    /// Replace datasets already in the database.
    #[arg(long)]
    pub replace: bool,
    /// Who produced the data (default: Eurostat for Eurostat files, Civis for Civis tables).
    #[arg(long)]
    pub source: Option<String>,
    /// Data vintage (e.g. the download date).
    #[arg(long, default_value = "")]
    pub vintage: String,
    /// Attribution that must be shown with the data.
    #[arg(long)]
    pub attribution: Option<String>,
    /// The data are synthetic (shown as such wherever they appear).
    #[arg(long)]
    pub synthetic: bool,
    /// For `civis sae fh` tables: the indicator they estimate.
    #[arg(long)]
    pub indicator: Option<String>,
    /// For `civis sae fh` tables: the target group they estimate.
    #[arg(long, default_value = "TOTAL")]
    pub group: String,
}

/// What one file became.
#[derive(Debug, Clone)]
pub struct Imported {
    pub file: PathBuf,
    pub dataset: String,
    pub observations: usize,
}

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
            group: cell(f, "group", i),
            sex: cell(f, "sex", i),
            age: cell(f, "age", i),
            time: cell(f, "time", i),
            unit: cell(f, "unit", i),
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

/// Observations of a `civis sae fh` table (estimate = EBLUP, se = root MSE).
fn from_sae(f: &Frame, indicator: &str, group: &str) -> Vec<Observation> {
    (0..f.nrows())
        .map(|i| {
            let est = value(f, "benchmarked", i).or_else(|| value(f, "eblup", i));
            let se = value(f, "rmse", i);
            Observation {
                indicator: indicator.to_string(),
                geo: cell(f, "area", i),
                criterion: String::new(),
                group: group.to_string(),
                sex: "T".into(),
                estimate: est,
                se,
                ci_low: est.zip(se).map(|(e, s)| e - 1.959_963_984_540_054 * s),
                ci_high: est.zip(se).map(|(e, s)| e + 1.959_963_984_540_054 * s),
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
                        obs.group = code;
                    }
                    "c_birth" => {
                        obs.criterion = "birth".into();
                        obs.group = code;
                    }
                    "sex" => obs.sex = code,
                    "age" => obs.age = code,
                    "unit" => obs.unit = code,
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

/// Import every file; stops at the first failure (earlier files stay imported). A SQLite
/// database this run created is removed again when nothing could be imported into it.
pub fn run(a: &ImportArgs) -> Result<Vec<Imported>> {
    let spec = a.database.to_string_lossy();
    let created = !civis_store::is_postgres_url(&spec) && !a.database.exists();
    let mut out = Vec::new();
    let result = import_all(a, &mut out);
    if result.is_err() && created && out.is_empty() {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut f = a.database.clone().into_os_string();
            f.push(suffix);
            let _ = std::fs::remove_file(f);
        }
    }
    result.map(|()| out)
}

fn import_all(a: &ImportArgs, out: &mut Vec<Imported>) -> Result<()> {
    let mut store: Box<dyn Store + Send> = match a.database.to_str() {
        Some(spec) => open_store(spec),
        None => SqliteStore::open(&a.database).map(|s| Box::new(s) as _),
    }
    .with_context(|| {
        format!(
            "opening the database {}",
            redacted(&a.database.to_string_lossy())
        )
    })?;
    for file in &a.files {
        let name = stem(file);
        let is_csv = file
            .to_string_lossy()
            .to_ascii_lowercase()
            .ends_with(".csv");
        let header = if is_csv {
            civis_pipeline::microdata::read_header(file, b',')?
        } else {
            Vec::new()
        };
        let has = |c: &str| header.iter().any(|h| h == c);
        let (observations, method, source, attribution) = if has("indicator") && has("estimate") {
            let f = read_csv(file, &CsvOptions::default())?;
            (from_indicators(&f), Method::Direct, "Civis", "")
        } else if has("area") && has("eblup") {
            let indicator = a.indicator.as_deref().ok_or_else(|| {
                anyhow!(
                    "{}: a small area table needs --indicator (the indicator it estimates)",
                    file.display()
                )
            })?;
            let f = read_csv(file, &CsvOptions::default())?;
            (
                from_sae(&f, indicator, &a.group),
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
        };
        let provenance = Provenance {
            name: name.clone(),
            file: file.display().to_string(),
            source: a.source.clone().unwrap_or_else(|| source.to_string()),
            method,
            vintage: a.vintage.clone(),
            attribution: a
                .attribution
                .clone()
                .unwrap_or_else(|| attribution.to_string()),
            synthetic: a.synthetic,
        };
        store
            .import(&provenance, &observations, a.replace)
            .with_context(|| format!("importing {}", file.display()))?;
        out.push(Imported {
            file: file.clone(),
            dataset: name,
            observations: observations.len(),
        });
    }
    Ok(())
}
