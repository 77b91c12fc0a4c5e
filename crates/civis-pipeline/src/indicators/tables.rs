//! The indicator table's cells and its XLSX workbook (data and metadata sheets).

use std::collections::BTreeSet;
use std::io::Write;

use civis_catalog::{Catalogue, Criterion, TargetGroup};
use civis_io::estimate_table::{measure_cells, num, short, text, MEASURES};
use civis_io::xlsx::{write_xlsx, XlsxCell, XlsxSheet};

use crate::error::Result;
use crate::indicators::{IndicatorRow, COLUMNS};

/// The numeric columns of [`COLUMNS`] (JSON numbers, XLSX numbers).
pub const NUMERIC: [&str; 8] = MEASURES;

impl IndicatorRow {
    /// The row's cells in the order of [`COLUMNS`]: numbers exact (`for_csv`) or shortened for
    /// the terminal, an empty `n` when unknown.
    pub fn cells(&self, for_csv: bool) -> Vec<String> {
        let f = |v: f64| if for_csv { num(v) } else { short(v) };
        let n = self.n.map(|n| n.to_string()).unwrap_or_default();
        let mut cells = vec![self.indicator.clone(), text(&self.geo)];
        cells.extend(
            [
                &self.group_criterion,
                &self.group,
                &self.sex,
                &self.age,
                &self.time,
            ]
            .map(String::clone),
        );
        cells.extend(measure_cells(&self.measures, n, f));
        cells.extend([&self.flags, &self.unit, &self.note].map(String::clone));
        cells
    }
}

/// Data sheet plus a metadata sheet with the definitions of the indicators present, the target
/// groups and the flags legend.
pub fn write_indicators_xlsx<W: Write>(w: W, rows: &[IndicatorRow]) -> Result<()> {
    let data = XlsxSheet {
        name: "indicators".into(),
        header: COLUMNS.iter().map(|c| c.to_string()).collect(),
        rows: rows
            .iter()
            .map(|r| {
                COLUMNS
                    .iter()
                    .zip(r.cells(true))
                    .map(|(c, v)| {
                        if NUMERIC.contains(c) {
                            v.parse::<f64>().map_or(XlsxCell::Empty, XlsxCell::Number)
                        } else {
                            XlsxCell::from(v)
                        }
                    })
                    .collect()
            })
            .collect(),
    };
    let catalogue = Catalogue::default_catalogue()?;
    let mut meta: Vec<Vec<XlsxCell>> = Vec::new();
    let mut seen = BTreeSet::new();
    for r in rows {
        if seen.insert(r.indicator.clone()) {
            if let Some(ind) = catalogue.get(&r.indicator) {
                let datasets: Vec<String> = ind
                    .eurostat
                    .iter()
                    .map(|(k, v)| format!("{v} ({k})"))
                    .collect();
                meta.push(vec![
                    ind.id.as_str().into(),
                    ind.name.as_str().into(),
                    ind.definition.as_str().into(),
                    ind.unit.code().into(),
                    ind.source.code().into(),
                    datasets.join(", ").into(),
                ]);
            }
        }
    }
    for g in TargetGroup::ALL {
        meta.push(vec![
            g.code().into(),
            format!(
                "{} / {}",
                g.label(Criterion::Citizenship),
                g.label(Criterion::Birth)
            )
            .into(),
            "target group (by citizenship / by country of birth); GROUP-NAT is the gap to nationals or the native-born in percentage points, GROUP/NAT a ratio".into(),
        ]);
    }
    meta.push(vec![
        "u".into(),
        "low reliability".into(),
        "flag u with a value: low reliability; flag u without a value: not published (too few observations, too much non-response or below the EU-LFS limit A)".into(),
    ]);
    meta.push(vec![
        "catalogue".into(),
        catalogue.version.as_str().into(),
        "Civis indicator catalogue version".into(),
    ]);
    let metadata = XlsxSheet {
        name: "metadata".into(),
        header: vec![
            "code".into(),
            "name".into(),
            "definition".into(),
            "unit".into(),
            "source".into(),
            "Eurostat datasets".into(),
        ],
        rows: meta,
    };
    write_xlsx(w, &[data, metadata])?;
    Ok(())
}
