//! The default database of the portal, built from the data shipped in `data/` (see
//! `data/README.md`): `civis init-db`, and `civis serve` on its first start without a database.
//! What goes in is described in [`civis_pipeline::seed`]; this file writes it into an SQLite
//! file (a temporary file renamed into place at the end, see [`build_default_database_file`]).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{anyhow, bail, Context, Result};

use civis_catalog::Catalogue;
use civis_geo::GeoRegistry;
use civis_pipeline::real_europe::SourceDataset;
use civis_pipeline::seed::official::{official_dataset, GeoResolver};
pub use civis_pipeline::seed::{austrian_districts, District, Progress, Summary, SYNTHETIC_YEAR};
use civis_pipeline::seed::{
    districts, geography_entries, indicator_definitions, BuiltDataset, OfficialMapping,
};
use civis_store::{SqliteStore, Store};

/// One dataset ready to import.
type Built = SourceDataset;

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
    built.extend(districts::district_mean_income(data_dir, &districts)?);
    next("eusilcA districts (share above the median)", progress);
    built.extend(districts::district_above_median(data_dir, &districts)?);
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
