//! Datasets and their observations, written once on top of [`Db`].
//!
//! These functions take `&mut dyn Db`, so they run on either database and inside a caller's
//! transaction as well as on their own ([`import`] and [`delete_dataset`] open a transaction,
//! which becomes a savepoint inside an outer one).

use std::collections::HashSet;
use std::fmt::Write as _;

use crate::db::{in_transaction, Db, Param, Row};
use crate::disclosure::DisclosureRules;
use crate::StoreError;

/// How a value was produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// A design-based estimate from survey microdata.
    Direct,
    /// A small area (model-based) estimate.
    ModelBased,
    /// A figure published by a statistical office (e.g. a Eurostat table).
    Official,
}

impl Method {
    pub fn code(&self) -> &'static str {
        match self {
            Method::Direct => "direct",
            Method::ModelBased => "model-based",
            Method::Official => "official",
        }
    }
    pub fn parse(s: &str) -> Result<Method, StoreError> {
        match s {
            "direct" => Ok(Method::Direct),
            "model-based" | "model" => Ok(Method::ModelBased),
            "official" => Ok(Method::Official),
            _ => Err(StoreError::Invalid(format!(
                "unknown method `{s}` (expected direct, model-based or official)"
            ))),
        }
    }
}

/// Where a dataset comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Provenance {
    /// Unique name of the dataset (e.g. the file stem, `lfsa_ergan`).
    pub name: String,
    /// The file it was imported from.
    pub file: String,
    /// Who produced it (e.g. `Eurostat`, `Civis from EU-SILC microdata`).
    pub source: String,
    pub method: Method,
    /// Data vintage (e.g. the download or reference date), free text.
    pub vintage: String,
    /// Attribution that must travel with the data.
    pub attribution: String,
    /// True for synthetic data (labelled as such wherever shown).
    pub synthetic: bool,
}

/// One observation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Observation {
    pub indicator: String,
    pub geo: String,
    /// `citizenship` or `birth` (empty when not broken down by group).
    pub criterion: String,
    /// Target group code (`TOTAL`, `NAT`, `NEU27_2020_FOR`, or a gap `NEU27_2020_FOR-NAT`).
    pub group: String,
    pub sex: String,
    pub age: String,
    pub time: String,
    pub unit: String,
    /// Other dimensions of the source, `dim=code;dim=code`.
    pub extra: String,
    pub estimate: Option<f64>,
    pub se: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub n: Option<i64>,
    pub flags: String,
    /// For a model-based estimate, the weight of the model in it, between 0 and 1: for the
    /// Fay-Herriot EBLUP `γ·direct + (1 − γ)·synthetic` it is `1 − γ`, with
    /// `γ = σ²_u / (σ²_u + ψ)` (Rao & Molina 2015, 6.1). None for direct and official values.
    pub model_share: Option<f64>,
}

impl Observation {
    /// The columns that identify an observation within its dataset.
    fn key(&self) -> [&str; 9] {
        [
            &self.indicator,
            &self.geo,
            &self.criterion,
            &self.group,
            &self.sex,
            &self.age,
            &self.time,
            &self.unit,
            &self.extra,
        ]
    }
}

/// A dataset as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct DatasetInfo {
    pub id: i64,
    pub provenance: Provenance,
    pub observations: i64,
    /// UTC, `YYYY-MM-DD HH:MM:SS`.
    pub imported_at: String,
    /// The release that brought this vintage of the dataset in (`None`: imported before
    /// releases were recorded, i.e. part of every release).
    pub from_release: Option<i64>,
    /// The release that superseded it by a newer vintage (`None`: it is the current vintage).
    pub to_release: Option<i64>,
}

impl DatasetInfo {
    /// Whether this vintage of the dataset is what the store held just after release
    /// `release` (`None`: now): `from_release <= release < to_release`.
    pub fn visible_at(&self, release: Option<i64>) -> bool {
        match release {
            None => self.to_release.is_none(),
            Some(r) => self.from_release.unwrap_or(0) <= r && self.to_release.is_none_or(|t| t > r),
        }
    }

    /// The name of the dataset this is a vintage of (`lfst_r_lfur2gac` for
    /// `lfst_r_lfur2gac#vintage-2`).
    pub fn series(&self) -> &str {
        series_of(&self.provenance.name)
    }
}

/// The name of the dataset a (possibly earlier-vintage) dataset name belongs to.
pub fn series_of(name: &str) -> &str {
    name.split_once("#vintage-").map_or(name, |(s, _)| s)
}

/// One release of the store: the state of its data just after one import. Releases are
/// numbered 1, 2, 3, ... in the order of the imports (the database's own sequence); the
/// numbers are what the portal's permalinks `/v/{release}/...` pin.
#[derive(Debug, Clone, PartialEq)]
pub struct Release {
    pub id: i64,
    /// UTC, `YYYY-MM-DD HH:MM:SS`.
    pub created_at: String,
    /// The dataset the import wrote.
    pub dataset: String,
    /// Its vintage as the import stated it.
    pub vintage: String,
}

/// What to do when a dataset of the same name is already in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Fail with [`StoreError::Exists`].
    Refuse,
    /// Delete it (a correction of the same vintage).
    Replace,
    /// Keep it as an earlier vintage under the name `NAME#vintage-K` (K = 1, 2, ...), marked as
    /// superseded by the new release; its observations stay readable at older releases.
    Supersede,
}

/// What an import wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub dataset_id: i64,
    pub release: i64,
    /// The name the earlier vintage is kept under, when one was superseded.
    pub kept: Option<String>,
}

/// What [`observations`] selects (empty fields match everything).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub indicator: Option<String>,
    pub geo: Option<String>,
    pub group: Option<String>,
    pub dataset: Option<String>,
}

const OBSERVATION_COLUMNS: [&str; 17] = [
    "dataset_id",
    "indicator",
    "geo",
    "criterion",
    "group_code",
    "sex",
    "age",
    "time",
    "unit",
    "extra",
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "n",
    "flags",
    "model_share",
];

/// Observations inserted per statement: multi-row inserts save a round trip per row on
/// PostgreSQL; 200 × 17 parameters stay below both databases' limits.
const ROWS_PER_INSERT: usize = 200;

fn insert_sql(rows: usize) -> String {
    let ncol = OBSERVATION_COLUMNS.len();
    let mut sql = format!(
        "INSERT INTO observations ({}) VALUES ",
        OBSERVATION_COLUMNS.join(", ")
    );
    for r in 0..rows {
        sql.push_str(if r == 0 { "(" } else { ", (" });
        for c in 0..ncol {
            let sep = if c == 0 { "" } else { ", " };
            let _ = write!(sql, "{sep}${}", r * ncol + c + 1);
        }
        sql.push(')');
    }
    sql
}

fn check(p: &Provenance, observations: &[Observation]) -> Result<(), StoreError> {
    if p.name.trim().is_empty() {
        return Err(StoreError::Invalid("a dataset needs a name".into()));
    }
    let mut seen = HashSet::with_capacity(observations.len());
    for (k, o) in observations.iter().enumerate() {
        if !seen.insert(o.key()) {
            return Err(StoreError::Invalid(format!(
                "observation {} repeats the key of an earlier one ({} {} {} {} {} {} {})",
                k + 1,
                o.indicator,
                o.geo,
                o.group,
                o.sex,
                o.age,
                o.time,
                o.extra
            )));
        }
        if let Some(s) = o.model_share.filter(|s| !(0.0..=1.0).contains(s)) {
            return Err(StoreError::Invalid(format!(
                "observation {} ({} {}): model share {s} is not between 0 and 1",
                k + 1,
                o.indicator,
                o.geo
            )));
        }
    }
    Ok(())
}

/// Whether a dataset name is an earlier vintage of a synced table (`lfst_r_lfur2gac#vintage-1`):
/// kept in the database as a record, not shown as current data.
pub fn is_earlier_vintage(name: &str) -> bool {
    name.contains("#vintage-")
}

/// The id of the dataset named `name`, if there is one.
pub fn dataset_id(db: &mut dyn Db, name: &str) -> Result<Option<i64>, StoreError> {
    db.query_opt("SELECT id FROM datasets WHERE name = $1", &[name.into()])?
        .map(|r| r.int(0))
        .transpose()
}

/// Import a dataset in one transaction and return its id. An existing dataset of the same
/// name is an error ([`StoreError::Exists`]) unless `replace`: then an existing dataset of the
/// same vintage is replaced, one of another vintage is kept as an earlier vintage
/// ([`Existing::Supersede`]). Non-finite numbers are stored as NULL. A failure leaves nothing
/// behind.
pub fn import(
    db: &mut dyn Db,
    p: &Provenance,
    observations: &[Observation],
    replace: bool,
) -> Result<i64, StoreError> {
    let existing = if !replace {
        Existing::Refuse
    } else {
        match db.query_opt(
            "SELECT vintage FROM datasets WHERE name = $1",
            &[(&p.name).into()],
        )? {
            Some(r) if r.text(0)? != p.vintage => Existing::Supersede,
            _ => Existing::Replace,
        }
    };
    Ok(import_release(db, p, observations, existing)?.dataset_id)
}

/// Import a dataset in one transaction as a new release (see [`Release`]), doing `existing`
/// with a dataset of the same name.
///
/// The disclosure rule of the dataset's source ([`DisclosureRules::shipped`]) is applied to
/// direct estimates before they are written: a cell below its source's threshold is stored
/// without estimate, standard error or interval and with the flag `u`, whatever the file said.
pub fn import_release(
    db: &mut dyn Db,
    p: &Provenance,
    observations: &[Observation],
    existing: Existing,
) -> Result<Imported, StoreError> {
    check(p, observations)?;
    let mut judged;
    let observations = if p.method == Method::Direct {
        judged = observations.to_vec();
        DisclosureRules::shipped().apply(p, &mut judged);
        judged.as_slice()
    } else {
        observations
    };
    in_transaction(db, |db| {
        let release = db
            .query_one(
                &format!(
                    "INSERT INTO releases (created_at, dataset, vintage) VALUES ({}, $1, $2) RETURNING id",
                    db.dialect().now_utc()
                ),
                &[(&p.name).into(), (&p.vintage).into()],
            )?
            .int(0)?;
        let mut kept = None;
        if let Some(id) = dataset_id(db, &p.name)? {
            match existing {
                Existing::Refuse => return Err(StoreError::Exists(p.name.clone())),
                Existing::Replace => {
                    db.execute(
                        "DELETE FROM observations WHERE dataset_id = $1",
                        &[id.into()],
                    )?;
                    db.execute("DELETE FROM datasets WHERE id = $1", &[id.into()])?;
                }
                Existing::Supersede => kept = Some(supersede(db, id, &p.name, release)?),
            }
        }
        let id = db
            .query_one(
                &format!(
                    "INSERT INTO datasets (name, file, source, method, vintage, attribution, synthetic, imported_at, from_release)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, {}, $8) RETURNING id",
                    db.dialect().now_utc()
                ),
                &[
                    (&p.name).into(),
                    (&p.file).into(),
                    (&p.source).into(),
                    p.method.code().into(),
                    (&p.vintage).into(),
                    (&p.attribution).into(),
                    p.synthetic.into(),
                    release.into(),
                ],
            )?
            .int(0)?;
        let full = insert_sql(ROWS_PER_INSERT);
        let mut params: Vec<Param<'_>> =
            Vec::with_capacity(ROWS_PER_INSERT * OBSERVATION_COLUMNS.len());
        let finite = |v: Option<f64>| Param::from(v.filter(|x| x.is_finite()));
        for chunk in observations.chunks(ROWS_PER_INSERT) {
            params.clear();
            for o in chunk {
                params.extend([
                    id.into(),
                    (&o.indicator).into(),
                    (&o.geo).into(),
                    (&o.criterion).into(),
                    (&o.group).into(),
                    (&o.sex).into(),
                    (&o.age).into(),
                    (&o.time).into(),
                    (&o.unit).into(),
                    (&o.extra).into(),
                    finite(o.estimate),
                    finite(o.se),
                    finite(o.ci_low),
                    finite(o.ci_high),
                    o.n.into(),
                    (&o.flags).into(),
                    finite(o.model_share),
                ]);
            }
            if chunk.len() == ROWS_PER_INSERT {
                db.execute(&full, &params)?;
            } else {
                db.execute(&insert_sql(chunk.len()), &params)?;
            }
        }
        Ok(Imported {
            dataset_id: id,
            release,
            kept,
        })
    })
}

/// Rename dataset `id` (named `name`) to the first free `name#vintage-K` and mark it as
/// superseded at `release`; returns the new name.
fn supersede(db: &mut dyn Db, id: i64, name: &str, release: i64) -> Result<String, StoreError> {
    let mut k = 1;
    let kept = loop {
        let n = format!("{name}#vintage-{k}");
        if dataset_id(db, &n)?.is_none() {
            break n;
        }
        k += 1;
    };
    db.execute(
        "UPDATE datasets SET name = $1, to_release = $2 WHERE id = $3",
        &[kept.as_str().into(), release.into(), id.into()],
    )?;
    Ok(kept)
}

/// Every release, oldest first.
pub fn releases(db: &mut dyn Db) -> Result<Vec<Release>, StoreError> {
    db.query(
        "SELECT id, created_at, dataset, vintage FROM releases ORDER BY id",
        &[],
    )?
    .into_iter()
    .map(|mut r| {
        Ok(Release {
            id: r.int(0)?,
            created_at: r.take_text(1)?,
            dataset: r.take_text(2)?,
            vintage: r.take_text(3)?,
        })
    })
    .collect()
}

/// Delete a dataset and its observations; false when there was none of that name.
pub fn delete_dataset(db: &mut dyn Db, name: &str) -> Result<bool, StoreError> {
    in_transaction(db, |db| {
        let Some(id) = dataset_id(db, name)? else {
            return Ok(false);
        };
        db.execute(
            "DELETE FROM observations WHERE dataset_id = $1",
            &[id.into()],
        )?;
        db.execute("DELETE FROM datasets WHERE id = $1", &[id.into()])?;
        Ok(true)
    })
}

/// All datasets, by name, with their number of observations.
pub fn datasets(db: &mut dyn Db) -> Result<Vec<DatasetInfo>, StoreError> {
    let rows = db.query(
        &format!("SELECT d.id, d.name, d.file, d.source, d.method, d.vintage, d.attribution, d.synthetic, d.imported_at,
                (SELECT COUNT(*) FROM observations o WHERE o.dataset_id = d.id), d.from_release, d.to_release
         FROM datasets d ORDER BY d.name{}",
            db.dialect().byte_order()
        ),
        &[],
    )?;
    rows.into_iter()
        .map(|mut r| {
            Ok(DatasetInfo {
                id: r.int(0)?,
                provenance: Provenance {
                    name: r.take_text(1)?,
                    file: r.take_text(2)?,
                    source: r.take_text(3)?,
                    method: Method::parse(r.text(4)?)?,
                    vintage: r.take_text(5)?,
                    attribution: r.take_text(6)?,
                    synthetic: r.bool(7)?,
                },
                observations: r.int(9)?,
                imported_at: r.take_text(8)?,
                from_release: r.opt_int(10)?,
                to_release: r.opt_int(11)?,
            })
        })
        .collect()
}

fn observation(mut r: Row) -> Result<Observation, StoreError> {
    Ok(Observation {
        indicator: r.take_text(0)?,
        geo: r.take_text(1)?,
        criterion: r.take_text(2)?,
        group: r.take_text(3)?,
        sex: r.take_text(4)?,
        age: r.take_text(5)?,
        time: r.take_text(6)?,
        unit: r.take_text(7)?,
        extra: r.take_text(8)?,
        estimate: r.opt_real(9)?,
        se: r.opt_real(10)?,
        ci_low: r.opt_real(11)?,
        ci_high: r.opt_real(12)?,
        n: r.opt_int(13)?,
        flags: r.take_text(14)?,
        model_share: r.opt_real(15)?,
    })
}

/// The observations `filter` selects, in key order, read by one prepared query and streamed
/// into the result (the portal loads all of them at startup).
pub fn observations(db: &mut dyn Db, filter: &Filter) -> Result<Vec<Observation>, StoreError> {
    let mut sql = String::from(
        "SELECT o.indicator, o.geo, o.criterion, o.group_code, o.sex, o.age, o.time, o.unit, o.extra,
                o.estimate, o.se, o.ci_low, o.ci_high, o.n, o.flags, o.model_share
         FROM observations o JOIN datasets d ON d.id = o.dataset_id",
    );
    // only the conditions given, so each combination is its own (cached, index-friendly) query
    let mut params: Vec<Param<'_>> = Vec::new();
    for (column, value) in [
        ("o.indicator", &filter.indicator),
        ("o.geo", &filter.geo),
        ("o.group_code", &filter.group),
        ("d.name", &filter.dataset),
    ] {
        if let Some(v) = value {
            params.push(v.into());
            let glue = if params.len() == 1 { "WHERE" } else { "AND" };
            let _ = write!(sql, " {glue} {column} = ${}", params.len());
        }
    }
    let order = db.dialect().byte_order();
    for (i, column) in [
        "o.indicator",
        "o.geo",
        "o.criterion",
        "o.group_code",
        "o.sex",
        "o.age",
        "o.time",
        "o.unit",
        "o.extra",
        "d.name",
    ]
    .iter()
    .enumerate()
    {
        let glue = if i == 0 { " ORDER BY" } else { "," };
        let _ = write!(sql, "{glue} {column}{order}");
    }
    let mut out = Vec::new();
    db.query_each(&sql, &params, &mut |r| {
        out.push(observation(r)?);
        Ok(())
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_row_inserts_number_their_placeholders_row_by_row() {
        let sql = insert_sql(2);
        assert!(sql.contains("VALUES ($1, $2, "), "{sql}");
        assert!(sql.contains("$17), ($18, "), "{sql}");
        assert!(sql.ends_with("$34)"), "{sql}");
    }
}
