//! The areas observations refer to: countries, NUTS regions, cities, with their parents.

use crate::db::{in_transaction, Db};
use crate::StoreError;

/// One area.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Geography {
    /// The code observations use in `geo` (`AT`, `AT13`, `AT001C`).
    pub code: String,
    pub name: String,
    /// What kind of area: `country`, `nuts1`, `nuts2`, `nuts3`, `city`, `fua`, ...
    pub level: String,
    /// The code of the area it lies in (None for countries and aggregates).
    pub parent: Option<String>,
    /// The country code (`AT`); for a country its own code.
    pub country: String,
}

/// Insert or update areas (by code), in one transaction.
pub fn upsert_geographies(db: &mut dyn Db, geographies: &[Geography]) -> Result<(), StoreError> {
    in_transaction(db, |db| {
        for g in geographies {
            if g.code.trim().is_empty() {
                return Err(StoreError::Invalid(format!(
                    "area `{}` has no code",
                    g.name
                )));
            }
            db.execute(
                "INSERT INTO geographies (code, name, level, parent, country) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level,
                    parent = excluded.parent, country = excluded.country",
                &[
                    (&g.code).into(),
                    (&g.name).into(),
                    (&g.level).into(),
                    g.parent.as_ref().into(),
                    (&g.country).into(),
                ],
            )?;
        }
        Ok(())
    })
}

/// All areas, by code.
pub fn geographies(db: &mut dyn Db) -> Result<Vec<Geography>, StoreError> {
    let sql = format!(
        "SELECT code, name, level, parent, country FROM geographies ORDER BY code{}",
        db.dialect().byte_order()
    );
    db.query(&sql, &[])?
        .into_iter()
        .map(|mut r| {
            Ok(Geography {
                code: r.take_text(0)?,
                name: r.take_text(1)?,
                level: r.take_text(2)?,
                parent: r.take_opt_text(3)?,
                country: r.take_text(4)?,
            })
        })
        .collect()
}
