//! `sync`: bring Eurostat tables into the store, vintage by vintage.
//!
//! For each table: fetch it whole ([`ApiClient::fetch`]), turn every cell into a store
//! [`Observation`] ([`observations`]), and compare a fingerprint of those observations with the
//! one recorded at the last sync of the table. Unchanged: nothing is imported. Changed (or never
//! synced): the table is imported as dataset `CODE`, a new release of the store; the dataset that
//! held that name before is kept under the name `CODE#vintage-K` (K = 1, 2, ...: earlier vintages
//! are never deleted and stay readable at older releases, see [`civis_store::Existing::Supersede`]). Every sync of a table is recorded in the
//! `eurostat_vintages` table (migration set `eurostat`): code, the table's last update as the API
//! states it, the retrieval time (UTC), the dataset name, the number of observations, the
//! fingerprint, and whether it was imported.
//!
//! All tables are fetched before anything is written, and everything is written in one
//! transaction: an unreachable API, an HTTP error, a timeout or a malformed answer for any table
//! leaves the database exactly as it was.

use std::fmt::Write as _;

use civis_io::cube::Dataset;
use civis_io::flags::ConfStatus;
use civis_store::{
    apply_migrations, in_transaction, Db, Existing, Method, Migration, Observation, Provenance,
    StoreError,
};
use thiserror::Error;

use crate::client::{ApiClient, FetchError};

/// The schema of the sync log.
pub const MIGRATIONS: &[Migration] = &[Migration::portable(
    1,
    "eurostat vintages",
    "CREATE TABLE eurostat_vintages (
        id {auto_id},
        code TEXT NOT NULL,
        last_update TEXT NOT NULL,
        retrieved_at TEXT NOT NULL,
        dataset TEXT NOT NULL,
        observations BIGINT NOT NULL,
        fingerprint TEXT NOT NULL,
        imported BIGINT NOT NULL
    );
    CREATE INDEX eurostat_vintages_code ON eurostat_vintages (code, id)",
)];

/// How the cells of one table become observations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSpec {
    /// The Eurostat dataset code (`lfst_r_lfur2gac`).
    pub code: String,
    /// The indicator id every cell is stored under.
    pub indicator: String,
    /// `birth`, `citizenship`, or empty.
    pub criterion: String,
    /// The dimension holding the target group (`c_birth`, `citizen`), if any.
    pub group_dimension: Option<String>,
}

impl TableSpec {
    /// A table the catalogue does not describe: stored under its own code as indicator.
    pub fn generic(code: &str) -> TableSpec {
        TableSpec {
            code: code.to_string(),
            indicator: code.to_ascii_lowercase(),
            criterion: String::new(),
            group_dimension: None,
        }
    }
}

/// Why a sync failed (the database is unchanged).
#[derive(Debug, Error)]
pub enum SyncError {
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error("{code}: {reason}")]
    Content { code: String, reason: String },
    #[error("writing to the database failed, nothing was changed: {0}")]
    Store(#[from] StoreError),
}

/// What happened to one table.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// A new vintage was imported; `kept` names the earlier vintage kept beside it.
    Imported {
        observations: usize,
        kept: Option<String>,
    },
    /// Same content as at the last sync: nothing imported.
    Unchanged { observations: usize },
}

/// One table's sync.
#[derive(Debug, Clone, PartialEq)]
pub struct TableReport {
    pub code: String,
    /// The table's last update as the API states it.
    pub last_update: String,
    /// UTC, `YYYY-MM-DD HH:MM:SS`.
    pub retrieved_at: String,
    pub outcome: Outcome,
}

/// Progress of a sync, for the terminal.
#[derive(Debug, Clone, PartialEq)]
pub enum Event<'a> {
    Fetching {
        code: &'a str,
        url: &'a str,
        index: usize,
        total: usize,
    },
    Fetched {
        code: &'a str,
        observations: usize,
        last_update: &'a str,
    },
    Writing {
        tables: usize,
    },
}

fn content(code: &str, reason: impl Into<String>) -> SyncError {
    SyncError::Content {
        code: code.to_string(),
        reason: reason.into(),
    }
}

/// The observations of a fetched table under `spec`: `geo` (or `cities`) is the area, the time
/// dimension the period, `unit`, `sex`, `age` and the group dimension their fields, every other
/// dimension with more than one code goes to `extra` (`dim=code;dim=code`). A cell without a value
/// is one Eurostat did not publish: it is stored without a value and with the confidentiality
/// status `N` added to its flags (shown as suppressed).
pub fn observations(spec: &TableSpec, ds: &Dataset) -> Result<Vec<Observation>, SyncError> {
    let dim = |id: &str| {
        ds.dimensions
            .iter()
            .position(|d| d.id.eq_ignore_ascii_case(id))
    };
    let geo = dim("geo")
        .or_else(|| dim("cities"))
        .ok_or_else(|| content(&spec.code, "the table has no geo or cities dimension"))?;
    let time = ds
        .time_dimension
        .as_deref()
        .and_then(dim)
        .ok_or_else(|| content(&spec.code, "the table has no time dimension"))?;
    let group = match &spec.group_dimension {
        Some(g) => Some(dim(g).ok_or_else(|| {
            content(
                &spec.code,
                format!("the table has no dimension `{g}` (the target group)"),
            )
        })?),
        None => None,
    };
    let (unit, sex, age) = (dim("unit"), dim("sex"), dim("age"));
    let named = [Some(geo), Some(time), group, unit, sex, age];
    let extra_dims: Vec<usize> = (0..ds.dimensions.len())
        .filter(|i| !named.contains(&Some(*i)) && ds.dimensions[*i].codes.len() > 1)
        .collect();
    let code_of = |o: &civis_io::cube::Observation, d: usize| -> &str {
        &ds.dimensions[d].codes[o.key[d] as usize].id
    };
    let mut out = Vec::with_capacity(ds.observations.len());
    for o in &ds.observations {
        let field = |d: Option<usize>| d.map(|d| code_of(o, d).to_string()).unwrap_or_default();
        let mut extra = String::new();
        for &d in &extra_dims {
            let sep = if extra.is_empty() { "" } else { ";" };
            let _ = write!(extra, "{sep}{}={}", ds.dimensions[d].id, code_of(o, d));
        }
        let flags = if o.value.is_none() {
            o.flags.with_conf(o.flags.conf().max(ConfStatus::N))
        } else {
            o.flags
        };
        out.push(Observation {
            indicator: spec.indicator.clone(),
            geo: code_of(o, geo).to_string(),
            criterion: if group.is_some() {
                spec.criterion.clone()
            } else {
                String::new()
            },
            group: if group.is_some() {
                field(group)
            } else {
                "TOTAL".into()
            },
            sex: field(sex),
            age: field(age),
            time: code_of(o, time).to_string(),
            unit: field(unit),
            extra,
            estimate: o.value,
            flags: flags.to_string(),
            ..Observation::default()
        });
    }
    out.sort_by(|a, b| {
        (&a.geo, &a.group, &a.sex, &a.age, &a.time, &a.unit, &a.extra)
            .cmp(&(&b.geo, &b.group, &b.sex, &b.age, &b.time, &b.unit, &b.extra))
    });
    Ok(out)
}

/// FNV-1a over the observations (in their sorted order): equal content, equal fingerprint.
pub fn fingerprint(obs: &[Observation]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |s: &str| {
        for b in s.bytes().chain([0u8]) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    for o in obs {
        for f in [
            &o.indicator,
            &o.geo,
            &o.criterion,
            &o.group,
            &o.sex,
            &o.age,
            &o.time,
            &o.unit,
            &o.extra,
            &o.flags,
        ] {
            feed(f);
        }
        feed(
            &o.estimate
                .map(|v| v.to_bits().to_string())
                .unwrap_or_default(),
        );
    }
    format!("{h:016x}")
}

/// The current UTC time as `YYYY-MM-DD HH:MM:SS` (civil-from-days, H. Hinnant's algorithm).
pub fn utc_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The fingerprint recorded at the last sync of `code`, if any.
fn last_fingerprint(db: &mut dyn Db, code: &str) -> Result<Option<String>, StoreError> {
    if civis_store::schema_version(db, "eurostat")? == 0 {
        return Ok(None);
    }
    db.query_opt(
        "SELECT fingerprint FROM eurostat_vintages WHERE code = $1 ORDER BY id DESC LIMIT 1",
        &[code.into()],
    )?
    .map(|mut r| r.take_text(0))
    .transpose()
}

/// A fetched table ready to write.
struct Pending {
    spec: TableSpec,
    url: String,
    last_update: String,
    observations: Vec<Observation>,
    fingerprint: String,
    changed: bool,
}

/// Syncs `specs` into the database behind `db`; see the module docs.
pub fn sync(
    db: &mut dyn Db,
    client: &ApiClient,
    specs: &[TableSpec],
    progress: &mut dyn FnMut(&Event<'_>),
) -> Result<Vec<TableReport>, SyncError> {
    let mut pending = Vec::new();
    for (i, spec) in specs.iter().enumerate() {
        let url = client.url(&spec.code, &[]);
        progress(&Event::Fetching {
            code: &spec.code,
            url: &url,
            index: i,
            total: specs.len(),
        });
        let fetched = client.fetch(&spec.code, &[])?;
        let observations = observations(spec, &fetched.dataset)?;
        progress(&Event::Fetched {
            code: &spec.code,
            observations: observations.len(),
            last_update: &fetched.updated,
        });
        let fp = fingerprint(&observations);
        let changed = last_fingerprint(db, &spec.code)?.as_deref() != Some(fp.as_str());
        pending.push(Pending {
            spec: spec.clone(),
            url: fetched.url,
            last_update: fetched.updated,
            observations,
            fingerprint: fp,
            changed,
        });
    }
    progress(&Event::Writing {
        tables: pending.iter().filter(|p| p.changed).count(),
    });
    let retrieved_at = utc_now();
    let reports = in_transaction(db, |db| {
        apply_migrations(db, "eurostat", MIGRATIONS)?;
        pending
            .iter()
            .map(|p| write(db, p, &retrieved_at))
            .collect()
    })?;
    Ok(reports)
}

fn write(db: &mut dyn Db, p: &Pending, retrieved_at: &str) -> Result<TableReport, StoreError> {
    let code = &p.spec.code;
    let mut kept = None;
    if p.changed {
        let provenance = Provenance {
            name: code.clone(),
            file: p.url.clone(),
            source: "Eurostat".into(),
            method: Method::Official,
            vintage: format!(
                "last update {}; retrieved {retrieved_at} UTC",
                if p.last_update.is_empty() {
                    "not stated"
                } else {
                    &p.last_update
                }
            ),
            attribution: format!("Source: Eurostat (online data code: {code})"),
            synthetic: false,
        };
        kept = civis_store::observations::import_release(
            db,
            &provenance,
            &p.observations,
            Existing::Supersede,
        )?
        .kept;
    }
    db.execute(
        "INSERT INTO eurostat_vintages (code, last_update, retrieved_at, dataset, observations, fingerprint, imported)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[
            code.as_str().into(),
            p.last_update.as_str().into(),
            retrieved_at.into(),
            code.as_str().into(),
            (p.observations.len() as i64).into(),
            p.fingerprint.as_str().into(),
            i64::from(p.changed).into(),
        ],
    )?;
    Ok(TableReport {
        code: code.clone(),
        last_update: p.last_update.clone(),
        retrieved_at: retrieved_at.to_string(),
        outcome: if p.changed {
            Outcome::Imported {
                observations: p.observations.len(),
                kept,
            }
        } else {
            Outcome::Unchanged {
                observations: p.observations.len(),
            }
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_now_is_a_timestamp() {
        let t = utc_now();
        assert_eq!(t.len(), 19, "{t}");
        assert!(t.starts_with("20"), "{t}");
    }
}
