//! Quantiles (every rule) and the EU-SILC indicators ARPT, ARPR, QSR, RMPG and the Gini
//! coefficient in bounded memory: the file is read several times, chunk by chunk, into
//! `civis_survey::second_pass`'s per-domain quantile searches and per-(PSU, domain) score totals
//! (thresholds first, then the scores, then the quantiles' Woodruff intervals); the Gini
//! coefficient's rows go to an external sort in the first pass ([`super::external_sort`],
//! one per variable), in sorted runs of `CIVIS_SORT_ROWS` rows (1,048,576 by default, 32 bytes
//! each) written to a directory of their own under the system's temporary directory (`TMPDIR`)
//! and removed when the estimation ends, whether it succeeds or fails. Memory grows with PSUs x domains plus a bounded bracket of rows per quantile searched
//! (`CIVIS_BRACKET_ROWS`, 65,536 by default) and the sort's run buffer, not with the rows. The
//! results equal the whole-file estimation with linearised variances.
//!
//! Replicate variances, contrasts, `--partials-out` and everything the linear stream cannot take
//! (calibration, two stages, `--domain-size`, `--country-var`, designs without `--psu`) read the
//! whole file, as does a request mixing these statistics with totals, means or ratios.

use std::sync::Arc;

use civis_io::ReadError;
use civis_survey::second_pass::{streams, PassLimits, SecondPass};

use super::external_sort::FileSorts;
use super::stream::{chunkable, country_of_domain, label, open_chunks, Added, ChunkCtx, Keys};
use super::{EstimateOutput, Estimation};
use crate::design::locate;
use crate::error::{bail, invalid, Result};
use crate::variance::VarianceMethod;

/// Rows of one quantile's bracket kept in memory unless `CIVIS_BRACKET_ROWS` says otherwise.
const BRACKET_ROWS: u64 = 1 << 16;

/// Rows of one sorted run of the Gini coefficient (32 bytes each) unless `CIVIS_SORT_ROWS` says
/// otherwise.
const SORT_ROWS: usize = 1 << 20;

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|b| b.parse().ok())
        .unwrap_or(default)
}

/// Whether every measure is computed in passes.
pub(super) fn streamable(e: &Estimation) -> bool {
    let o = &e.options;
    chunkable(e)
        && o.variance == VarianceMethod::Linearised
        && o.contrasts.is_empty()
        && o.partials_out.is_none()
        && !o.measures.is_empty()
        && o.measures.iter().all(|m| streams(&m.parts().0))
}

/// Runs the passes over the file's `columns`; `Ok(None)` when the file must be read whole
/// after all (a column changes type between chunks).
pub(super) fn run(
    e: &Estimation,
    source: &str,
    columns: &[String],
) -> Result<Option<EstimateOutput>> {
    let o = &e.options;
    let design = o.design.parts();
    let weight = design.weight.map(str::to_string);
    let stats = o.measures.iter().map(|m| (m.parts().0, label(m))).collect();
    let limits = PassLimits {
        bracket_rows: env_or("CIVIS_BRACKET_ROWS", BRACKET_ROWS),
        // under TMPDIR when set
        sorts: Arc::new(FileSorts::new(
            std::env::temp_dir(),
            env_or("CIVIS_SORT_ROWS", SORT_ROWS),
        )),
    };
    let mut pass =
        SecondPass::new(stats, design.lonely, o.level, limits).map_err(|err| invalid!("{err}"))?;
    let mut keys = Keys::new(o.by.len());
    let ctx = ChunkCtx {
        est: e,
        design: &design,
        source,
    };
    let (mut rows, mut kept_any) = (0usize, false);
    while pass.wants_pass() {
        let mut chunks = open_chunks(e, source, columns)?;
        loop {
            let frame = match chunks.next_chunk() {
                Ok(Some(frame)) => frame,
                Ok(None) => break,
                Err(ReadError::TypeChanged { .. }) => return Ok(None),
                Err(err) => return Err(err.into()),
            };
            if pass.passes() == 0 {
                rows += frame.nrows();
            }
            match ctx.with_rows(frame, &mut keys, |r| pass.add(r))? {
                Added::Rows { kept } => kept_any |= kept,
                Added::TypeChanged => return Ok(None),
                Added::NotGrouped => bail!("{source}: the rows changed between passes"),
            }
        }
        if rows == 0 {
            bail!("{source} has no data rows");
        }
        if let (false, Some((text, _))) = (kept_any, &e.filter) {
            bail!("--where `{text}` keeps no row of {source}");
        }
        pass.end_pass()
            .map_err(|err| locate(err, source, &weight))?;
    }
    let table = keys.table(&o.by);
    if table.id.is_empty() {
        bail!("no row falls in any domain (all by-variables missing?)");
    }
    let countries = country_of_domain(o.country.as_deref(), &table);
    let rows = pass
        .rows(&table, &o.reliability, countries.as_deref())
        .map_err(|err| locate(err, source, &weight))?;
    let mut notes = o.design.notes();
    notes.push(format!(
        "quantiles and poverty indicators computed in {} passes over {source} (memory bounded by PSUs x domains: {} PSUs, {} domains)",
        pass.passes(),
        pass.n_psu(),
        table.id.len()
    ));
    Ok(Some(EstimateOutput {
        by: o.by.clone(),
        rows,
        notes,
    }))
}
