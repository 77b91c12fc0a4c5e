//! The default database of the portal, built from the data shipped in `data/` (see
//! `data/README.md`): `civis init-db`, and `civis serve` on its first start without a database.
//! What goes in is described in [`civis_pipeline::seed`]; this file writes it into an SQLite
//! file (a temporary file renamed into place at the end, see [`build_default_database_file`]).

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{anyhow, bail, Context, Result};

use civis_catalog::{Catalogue, TargetGroup};
use civis_geo::GeoRegistry;
use civis_io::{read_csv, CsvOptions};
use civis_pipeline::real_europe::SourceDataset;
use civis_pipeline::seed::official::{official_dataset, GeoResolver};
pub use civis_pipeline::seed::{austrian_districts, District, Progress, Summary, SYNTHETIC_YEAR};
use civis_pipeline::seed::{
    geography_entries, indicator_definitions, BuiltDataset, OfficialMapping,
};
use civis_store::{Method, Observation, Provenance, SqliteStore, Store};

use crate::sae_cmd::{self, AreaRow, FhArgs};

/// Normal quantile of a 95 % interval.
const Z95: f64 = 1.959_963_984_540_054;

/// One dataset ready to import.
type Built = SourceDataset;

fn finite(v: f64) -> Option<f64> {
    Some(v).filter(|x| x.is_finite())
}

/// Fill an empty `store` with the default database from `data_dir` (the repository's `data/`).
/// `progress` is called before every step. The store must hold no dataset yet.
pub fn build_default_database(
    store: &mut dyn Store,
    data_dir: &Path,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Summary> {
    let start = Instant::now();
    if !store.datasets()?.is_empty() {
        bail!("the database is not empty: the default database is built into an empty one");
    }
    let catalogue = Catalogue::default_catalogue()?;
    let mapping = OfficialMapping::default_mapping(&catalogue)?;
    let reg = GeoRegistry::global();
    let districts = austrian_districts(&data_dir.join("geo/austria_districts.geojson"))?;
    let total = mapping.datasets.len() + 6;
    let mut step = 0;
    let mut built: Vec<Built> = Vec::new();
    let mut next = |what: &str, progress: &mut dyn FnMut(&Progress)| {
        progress(&Progress {
            done: step,
            total,
            what: what.to_string(),
        });
        step += 1;
    };
    let resolver = GeoResolver::new(reg, &mapping.geo_labels);
    for m in &mapping.datasets {
        next(&m.code, progress);
        built.push(official_dataset(data_dir, m, reg, &resolver)?);
    }
    next("eusilc_at_regions", progress);
    let tty = std::io::IsTerminal::is_terminal(&std::io::stderr());
    built.push(civis_pipeline::seed::eusilc::eusilc_regions(
        data_dir,
        reg,
        &|e| crate::indicators_cmd::print_event(tty, e),
    )?);
    next("eusilcA districts (mean income)", progress);
    let scratch = Scratch::new()?;
    built.extend(district_mean_income(data_dir, &districts, &scratch.0)?);
    next("eusilcA districts (share above the median)", progress);
    built.extend(district_above_median(data_dir, &districts)?);
    next("eusilcA districts (unit-level EBP)", progress);
    let (provenance, observations) =
        crate::district_unit::district_unit_level(data_dir, &districts)?;
    built.push(Built {
        provenance,
        observations,
    });
    next(
        "regions and cities (Eurostat, Urban Audit, Quality of Life)",
        progress,
    );
    let real = civis_pipeline::real_europe::build(data_dir)?;

    next("definitions and areas", progress);
    let mut ids = BTreeSet::new();
    let mut geos = BTreeSet::new();
    for b in &built {
        for o in &b.observations {
            if !ids.contains(&o.indicator) {
                ids.insert(o.indicator.clone());
            }
            if !geos.contains(&o.geo) {
                geos.insert(o.geo.clone());
            }
        }
    }
    let definitions = indicator_definitions(&ids, &catalogue, &mapping)?;
    let geographies = geography_entries(&geos, reg, &districts)?;

    next("writing the database", progress);
    let mut summary = Summary {
        datasets: Vec::new(),
        definitions,
        geographies,
        seconds: 0.0,
    };
    for b in built {
        store
            .import(&b.provenance, &b.observations, false)
            .with_context(|| format!("importing {}", b.provenance.name))?;
        summary.datasets.push(BuiltDataset {
            name: b.provenance.name,
            method: b.provenance.method,
            synthetic: b.provenance.synthetic,
            observations: b.observations.len(),
        });
    }
    store
        .upsert_definitions(&summary.definitions)
        .context("writing the indicator definitions")?;
    store
        .upsert_geographies(&summary.geographies)
        .context("writing the areas")?;
    real.write(store)?;
    for d in real.datasets {
        summary.datasets.push(BuiltDataset {
            name: d.provenance.name,
            method: d.provenance.method,
            synthetic: false,
            observations: d.observations.len(),
        });
    }
    summary.definitions.extend(real.definitions);
    // as the store lists them
    summary
        .definitions
        .sort_by(|a, b| a.indicator.cmp(&b.indicator));
    let real_codes: BTreeSet<&str> = real.geographies.iter().map(|g| g.code.as_str()).collect();
    summary
        .geographies
        .retain(|g| !real_codes.contains(g.code.as_str()));
    summary.geographies.extend(real.geographies.iter().cloned());
    progress(&Progress {
        done: total,
        total,
        what: "done".into(),
    });
    summary.seconds = start.elapsed().as_secs_f64();
    Ok(summary)
}
/// A scratch directory removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Scratch> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let d = std::env::temp_dir().join(format!("civis-init-db-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&d).with_context(|| format!("creating {}", d.display()))?;
        Ok(Scratch(d))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
/// The direct district means of `eusilcA_smp` (weighted, linearised), as `civis estimate`
/// computes them.
fn district_direct(smp: PathBuf) -> civis_pipeline::Result<civis_pipeline::Estimation> {
    civis_pipeline::EstimateBuilder::new(smp)
        .design(
            civis_pipeline::DesignBuilder::new()
                .weight("weight")
                .build()?,
        )
        .measure(civis_pipeline::Measure::Mean("eqIncome".into()))
        .by("district")
        .build()
}

/// The `civis sae fh` arguments of the district mean income, on a file of direct estimates
/// written by `civis estimate` with [`district_direct`].
pub fn district_mean_fh_args(direct_csv: PathBuf, pop_agg: PathBuf) -> FhArgs {
    FhArgs {
        data: direct_csv,
        area: "district".into(),
        direct: "estimate".into(),
        se: Some("se".into()),
        covariates: vec!["cash".into(), "self_empl".into(), "unempl_ben".into()],
        aux: Some(pop_agg),
        join: Some("Domain".into()),
        method: "reml".into(),
        transform: "none".into(),
        mse: "analytic".into(),
        benchmark_method: "ratio".into(),
        ..Default::default()
    }
}

/// The `civis sae fh` arguments of the share above the national median (`MTMED`).
pub fn district_mtmed_fh_args(smp_agg: PathBuf, pop_agg: PathBuf) -> FhArgs {
    FhArgs {
        data: smp_agg,
        area: "Domain".into(),
        direct: "MTMED".into(),
        variance: Some("Var_MTMED".into()),
        // a share of 0 or 1 in a small sample has an estimated variance of 0, which would make
        // the direct estimate exact (MSE 0): those districts get the synthetic estimate
        where_: Some("Var_MTMED > 0".into()),
        covariates: vec![
            "cash".into(),
            "age_ben".into(),
            "rent".into(),
            "house_allow".into(),
        ],
        aux: Some(pop_agg),
        join: Some("Domain".into()),
        method: "reml".into(),
        transform: "none".into(),
        mse: "analytic".into(),
        benchmark_method: "ratio".into(),
        ..Default::default()
    }
}

fn district_code<'a>(districts: &'a [District], name: &str) -> Result<&'a str> {
    districts
        .iter()
        .find(|d| d.name == name)
        .map(|d| d.code.as_str())
        .ok_or_else(|| anyhow!("district `{name}` is not in austria_districts.geojson"))
}

const EUSILCA_ATTRIBUTION: &str =
    "Synthetic data: R package emdi 2.2.3 (GPL-2), eusilcA_smp / eusilcA_smpAgg / eusilcA_popAgg";

/// Model-based and direct observations of one district target.
fn district_pair(
    rows: &[AreaRow],
    districts: &[District],
    indicator: &str,
    unit: &str,
    scale: f64,
    n_of: &HashMap<String, i64>,
) -> Result<(Vec<Observation>, Vec<Observation>)> {
    let base = |geo: &str| Observation {
        indicator: indicator.to_string(),
        geo: geo.to_string(),
        criterion: String::new(),
        group: TargetGroup::Total.into(),
        sex: "T".into(),
        age: "TOTAL".into(),
        time: SYNTHETIC_YEAR.into(),
        unit: unit.into(),
        ..Default::default()
    };
    // a share (unit PC) gets an interval inside [0, 100]: the logit interval (normal quantile),
    // Clopper-Pearson at 0 % and 100 %; other units e ± 1.96 s
    let interval = |e: f64, s: f64, n: Option<i64>| -> (Option<f64>, Option<f64>) {
        if unit == "PC" {
            let n = n.and_then(|n| u64::try_from(n).ok()).unwrap_or(0);
            if let Ok(Some(i)) =
                civis_compare::proportion_interval(e / 100.0, s / 100.0, f64::INFINITY, n, 0.95)
            {
                return (finite(100.0 * i.low), finite(100.0 * i.high));
            }
        }
        (finite(e - Z95 * s), finite(e + Z95 * s))
    };
    let (mut model, mut direct) = (Vec::new(), Vec::new());
    for r in rows {
        let geo = district_code(districts, &r.area)?;
        let (e, s) = (r.eblup * scale, r.rmse * scale);
        // A linear model can predict a share outside [0, 100] % for a district whose
        // covariates lie far from the others (the synthetic part, X'beta, is unbounded): such a
        // prediction is not an estimate of a share, so it is not published.
        let outside = unit == "PC" && !(0.0..=100.0).contains(&e);
        // at 0 % or 100 % (a direct share with variance 0 gives the model no weight) the
        // interval is Clopper-Pearson for the area's sample
        let in_sample_n = if r.in_sample {
            n_of.get(&r.area).copied()
        } else {
            None
        };
        let (ci_low, ci_high) = interval(e, s, in_sample_n);
        if !outside {
            model.push(Observation {
                estimate: finite(e),
                se: finite(s),
                ci_low,
                ci_high,
                n: if r.in_sample {
                    n_of.get(&r.area).copied()
                } else {
                    Some(0)
                },
                flags: r.flags.clone(),
                model_share: finite(1.0 - r.gamma),
                ..base(geo)
            });
        }
        if r.in_sample {
            let (e, s) = (r.direct * scale, r.direct_se * scale);
            let n = n_of.get(&r.area).copied();
            let (ci_low, ci_high) = interval(e, s, n);
            direct.push(Observation {
                estimate: finite(e),
                se: finite(s),
                ci_low,
                ci_high,
                n,
                ..base(geo)
            });
        }
    }
    Ok((model, direct))
}

fn district_mean_income(
    data_dir: &Path,
    districts: &[District],
    scratch: &Path,
) -> Result<Vec<Built>> {
    let smp = data_dir.join("sae/eusilcA_smp.csv");
    let pop_agg = data_dir.join("sae/eusilcA_popAgg.csv");
    let est = district_direct(smp.clone())
        .and_then(|e| e.run(None))
        .with_context(|| format!("direct district estimates from {}", smp.display()))?;
    let direct_csv = scratch.join("district_direct.csv");
    crate::output::write_file(&direct_csv, &est.by, &est.rows)?;
    let (rows, _) = sae_cmd::run(&district_mean_fh_args(direct_csv, pop_agg.clone()))
        .with_context(|| format!("Fay-Herriot with covariates from {}", pop_agg.display()))?;
    let n_of: HashMap<String, i64> = est
        .rows
        .iter()
        .filter_map(|r| Some((r.domain.first()?.clone(), r.n as i64)))
        .collect();
    let (model, direct) = district_pair(
        &rows,
        districts,
        "mean_equivalised_income",
        "EUR",
        1.0,
        &n_of,
    )?;
    Ok(vec![
        Built {
            provenance: Provenance {
                name: "eusilcA_income_direct".into(),
                file: "data/sae/eusilcA_smp.csv".into(),
                source: "Civis, direct estimates from the synthetic emdi sample eusilcA_smp".into(),
                method: Method::Direct,
                vintage: "emdi 2.2.3".into(),
                attribution: EUSILCA_ATTRIBUTION.into(),
                synthetic: true,
            },
            observations: direct,
        },
        Built {
            provenance: Provenance {
                name: "eusilcA_income_fh".into(),
                file: "data/sae/eusilcA_smp.csv, data/sae/eusilcA_popAgg.csv".into(),
                source: "Civis Fay-Herriot (REML) on the synthetic emdi data eusilcA: direct district means, covariates cash + self_empl + unempl_ben".into(),
                method: Method::ModelBased,
                vintage: "emdi 2.2.3".into(),
                attribution: EUSILCA_ATTRIBUTION.into(),
                synthetic: true,
            },
            observations: model,
        },
    ])
}

fn district_above_median(data_dir: &Path, districts: &[District]) -> Result<Vec<Built>> {
    let smp_agg = data_dir.join("sae/eusilcA_smpAgg.csv");
    let pop_agg = data_dir.join("sae/eusilcA_popAgg.csv");
    let (rows, _) = sae_cmd::run(&district_mtmed_fh_args(smp_agg.clone(), pop_agg.clone()))
        .with_context(|| format!("Fay-Herriot on {}", smp_agg.display()))?;
    let agg = read_csv(&smp_agg, &CsvOptions::default())?;
    let names = agg.column("Domain")?;
    let n = agg.numeric("n")?;
    let n_of: HashMap<String, i64> = (0..agg.nrows())
        .filter_map(|i| Some((names.label(i)?, finite(n[i])? as i64)))
        .collect();
    let (model, direct) = district_pair(
        &rows,
        districts,
        "above_median_income_share",
        "PC",
        100.0,
        &n_of,
    )?;
    Ok(vec![
        Built {
            provenance: Provenance {
                name: "eusilcA_above_median_direct".into(),
                file: "data/sae/eusilcA_smpAgg.csv".into(),
                source: "emdi's direct district estimates MTMED of the synthetic data eusilcA (eusilcA_smpAgg)".into(),
                method: Method::Direct,
                vintage: "emdi 2.2.3".into(),
                attribution: EUSILCA_ATTRIBUTION.into(),
                synthetic: true,
            },
            observations: direct,
        },
        Built {
            provenance: Provenance {
                name: "eusilcA_above_median_fh".into(),
                file: "data/sae/eusilcA_smpAgg.csv, data/sae/eusilcA_popAgg.csv".into(),
                source: "Civis Fay-Herriot (REML) on the synthetic emdi data eusilcA: MTMED, covariates cash + age_ben + rent + house_allow".into(),
                method: Method::ModelBased,
                vintage: "emdi 2.2.3".into(),
                attribution: EUSILCA_ATTRIBUTION.into(),
                synthetic: true,
            },
            observations: model,
        },
    ])
}

// ---------------------------------------------------------------------------------------------
// the database file

fn side_files(path: &Path) -> [PathBuf; 3] {
    let s = path.as_os_str().to_owned();
    let with = |suffix: &str| {
        let mut p = s.clone();
        p.push(suffix);
        PathBuf::from(p)
    };
    [path.to_path_buf(), with("-wal"), with("-shm")]
}

/// Build the default database into the SQLite file `path`: into a temporary file next to it,
/// renamed to `path` only when everything is in, so an interrupted or failed build leaves no
/// database (and the temporary file is removed on failure). An existing `path` is an error
/// unless `force`, which replaces it.
pub fn build_default_database_file(
    path: &Path,
    data_dir: &Path,
    force: bool,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Summary> {
    if path.exists() && !force {
        bail!("{} exists (use --force to rebuild it)", path.display());
    }
    if !data_dir.join("eurostat").is_dir() {
        bail!(
            "{}: no data directory (expected eurostat/, microdata/, sae/, geo/ from the repository's data/)",
            data_dir.display()
        );
    }
    let name = path
        .file_name()
        .ok_or_else(|| anyhow!("{}: not a file name", path.display()))?
        .to_string_lossy()
        .into_owned();
    let tmp = path.with_file_name(format!(".{name}.building-{}", std::process::id()));
    // what killed builds left behind (their process is gone)
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let stale = (
        format!(".{name}.building-"),
        ["", "-wal", "-shm", "-journal"],
    );
    crate::output::remove_stale_temps(dir.unwrap_or(Path::new(".")), &stale.0, &stale.1);
    let remove_tmp = || {
        for f in side_files(&tmp) {
            let _ = std::fs::remove_file(f);
        }
    };
    remove_tmp();
    let result = (|| {
        let mut store =
            SqliteStore::open(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
        let summary = build_default_database(&mut store, data_dir, progress)?;
        drop(store);
        Ok::<Summary, anyhow::Error>(summary)
    })();
    match result {
        Ok(summary) => {
            if force {
                for f in side_files(path).iter().skip(1) {
                    let _ = std::fs::remove_file(f);
                }
            }
            std::fs::rename(&tmp, path).map_err(|e| {
                remove_tmp();
                anyhow!("moving {} to {}: {e}", tmp.display(), path.display())
            })?;
            remove_tmp();
            Ok(summary)
        }
        Err(e) => {
            remove_tmp();
            Err(e)
        }
    }
}
