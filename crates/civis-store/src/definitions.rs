//! Indicator definitions as the portal shows them, with the catalogue version they come from.

use crate::db::{in_transaction, Db};
use crate::StoreError;

/// What an indicator measures.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Definition {
    /// The indicator id observations use (`arop_rate`).
    pub indicator: String,
    pub name: String,
    /// The definition in words (numerator, denominator, population).
    pub definition: String,
    /// The policy area (`employment`, `education`, `social inclusion`, ...).
    pub area: String,
    /// Unit of the values (`PC` for percentages, ...).
    pub unit: String,
    /// Whether a higher value is the better outcome; None where neither is (shares of groups).
    pub higher_is_better: Option<bool>,
    /// The version of the indicator catalogue the definition comes from.
    pub catalogue_version: String,
}

/// Insert or update definitions (by indicator id), in one transaction.
pub fn upsert_definitions(db: &mut dyn Db, definitions: &[Definition]) -> Result<(), StoreError> {
    in_transaction(db, |db| {
        for d in definitions {
            if d.indicator.trim().is_empty() {
                return Err(StoreError::Invalid(format!(
                    "definition `{}` has no indicator id",
                    d.name
                )));
            }
            db.execute(
                "INSERT INTO definitions (indicator, name, definition, area, unit, higher_is_better, catalogue_version)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)
                 ON CONFLICT (indicator) DO UPDATE SET name = excluded.name, definition = excluded.definition,
                    area = excluded.area, unit = excluded.unit, higher_is_better = excluded.higher_is_better,
                    catalogue_version = excluded.catalogue_version",
                &[
                    (&d.indicator).into(),
                    (&d.name).into(),
                    (&d.definition).into(),
                    (&d.area).into(),
                    (&d.unit).into(),
                    d.higher_is_better.into(),
                    (&d.catalogue_version).into(),
                ],
            )?;
        }
        Ok(())
    })
}

/// All definitions, by indicator id.
pub fn definitions(db: &mut dyn Db) -> Result<Vec<Definition>, StoreError> {
    let sql = format!(
        "SELECT indicator, name, definition, area, unit, higher_is_better, catalogue_version
         FROM definitions ORDER BY indicator{}",
        db.dialect().byte_order()
    );
    db.query(&sql, &[])?
        .into_iter()
        .map(|mut r| {
            Ok(Definition {
                indicator: r.take_text(0)?,
                name: r.take_text(1)?,
                definition: r.take_text(2)?,
                area: r.take_text(3)?,
                unit: r.take_text(4)?,
                higher_is_better: r.opt_bool(5)?,
                catalogue_version: r.take_text(6)?,
            })
        })
        .collect()
}
