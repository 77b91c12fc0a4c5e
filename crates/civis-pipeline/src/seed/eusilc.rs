//! The Austrian regions of the default database: the catalogue's indicators computed from
//! laeken's synthetic EU-SILC 2006 (`data/microdata/eusilc.csv`) by federal state and
//! citizenship, by sex, and for Austria as a whole.

use std::path::{Path, PathBuf};

use civis_geo::GeoRegistry;
use civis_store::{Method, Observation, Provenance};

use crate::error::{invalid, Result, WithContext};
use crate::indicators::{Breakdown, Events, Indicators, IndicatorsBuilder, Reliability};
use crate::real_europe::SourceDataset;
use crate::seed::areas::austrian_state_codes;
use crate::seed::{finite, SYNTHETIC_YEAR};

/// The indicator run of the regional eusilc dataset: every catalogue indicator
/// the file gives, by federal state (`db040`) and citizenship, by sex, Austria as the country,
/// linearised variances, year 2006, and the EU-SILC publication rule (20 / 50 observations) for
/// every indicator, the EU-LFS ones included: the data are EU-SILC data, and the EU-LFS limits
/// are set per country for the EU-LFS sample.
pub fn eusilc_indicators(data: PathBuf) -> Result<Indicators> {
    IndicatorsBuilder::new(data)
        .geo("db040")
        .breakdown(Breakdown::Sex)
        .country("AT")
        .reliability(Reliability::Rule(civis_survey::ReliabilityRule::Silc))
        .year(SYNTHETIC_YEAR)
        .build()
}

/// The dataset `eusilc_at_regions`: [`eusilc_indicators`] on `data_dir/microdata/eusilc.csv`,
/// the states under their NUTS 2024 codes; `events` hears the indicator run's warnings and
/// progress.
pub fn eusilc_regions(
    data_dir: &Path,
    reg: &GeoRegistry,
    events: Events<'_>,
) -> Result<SourceDataset> {
    let path = data_dir.join("microdata/eusilc.csv");
    let rows = eusilc_indicators(path.clone())
        .and_then(|i| i.run(events))
        .with_context(|| format!("indicators from {}", path.display()))?;
    let states = austrian_state_codes(reg)?;
    let mut observations = Vec::new();
    for r in rows.into_iter().filter(|r| r.note.is_empty()) {
        let geo = if r.geo == "AT" {
            "AT".to_string()
        } else {
            states.get(&r.geo).cloned().ok_or_else(|| {
                invalid!(
                    "{}: region `{}` is no Austrian state of NUTS 2024",
                    path.display(),
                    r.geo
                )
            })?
        };
        observations.push(Observation {
            indicator: r.indicator,
            geo,
            criterion: r.group_criterion,
            group: r.group.into(),
            sex: r.sex,
            age: r.age,
            time: r.time,
            unit: r.unit.into(),
            extra: String::new(),
            estimate: finite(r.measures.estimate),
            se: finite(r.measures.se),
            ci_low: finite(r.measures.ci_low),
            ci_high: finite(r.measures.ci_high),
            n: r.n.map(|n| n as i64),
            flags: r.flags,
            ..Default::default()
        });
    }
    Ok(SourceDataset {
        provenance: Provenance {
            name: "eusilc_at_regions".into(),
            file: "data/microdata/eusilc.csv".into(),
            source: "Civis, computed from the synthetic Austrian EU-SILC 2006 data of the R package laeken (eusilc)".into(),
            method: Method::Direct,
            vintage: "laeken 0.5.2".into(),
            attribution: "Synthetic data: R package laeken 0.5.2 (GPL >= 2), data(eusilc)".into(),
            synthetic: true,
        },
        observations,
    })
}
