//! The indicator table's cells and its XLSX workbook (data and metadata sheets).

use std::collections::BTreeSet;
use std::io::Write;

use civis_catalog::{Catalogue, Criterion, TargetGroup};
use civis_io::estimate_table::{
    measure_cells, num, push_csv_field, push_num, short, text, MEASURES,
};
use civis_io::sdmx_csv::guard;
use civis_io::xlsx::{write_xlsx, XlsxCell, XlsxSheet};

use crate::error::Result;
use crate::indicators::{IndicatorRow, COLUMNS};

/// The numeric columns of [`COLUMNS`] (JSON numbers, XLSX numbers).
pub const NUMERIC: [&str; 8] = MEASURES;

/// One cell of an [`IndicatorRow`], before it is written: a label, a measure or the count.
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    /// A label as it is (indicator id, group, sex, age, time, flags, unit, note).
    Label(&'a str),
    /// An area's name, guarded against spreadsheet formulas ([`text`]).
    Area(&'a str),
    /// A measure: empty when it is not finite ([`num`], [`short`]).
    Measure(f64),
    /// The number of sample rows, empty when unknown.
    Count(Option<u64>),
}

impl IndicatorRow {
    /// The row's cells in the order of [`COLUMNS`], unformatted.
    pub fn each_cell(&self) -> [Cell<'_>; 18] {
        use Cell::{Area, Count, Label, Measure};
        let [estimate, se, ci_low, ci_high, cv, deff, n, pop] =
            measure_cells(&self.measures, Count(self.n), Measure);
        [
            Label(&self.indicator),
            Area(&self.geo),
            Label(&self.group_criterion),
            Label(&self.group),
            Label(&self.sex),
            Label(&self.age),
            Label(&self.time),
            estimate,
            se,
            ci_low,
            ci_high,
            cv,
            deff,
            n,
            pop,
            Label(&self.flags),
            Label(&self.unit),
            Label(&self.note),
        ]
    }

    /// The row's cells in the order of [`COLUMNS`]: numbers exact (`for_csv`) or shortened for
    /// the terminal, an empty `n` when unknown.
    pub fn cells(&self, for_csv: bool) -> Vec<String> {
        let f = |v: f64| if for_csv { num(v) } else { short(v) };
        self.each_cell()
            .into_iter()
            .map(|c| match c {
                Cell::Label(s) => s.to_string(),
                Cell::Area(s) => text(s),
                Cell::Measure(v) => f(v),
                Cell::Count(n) => n.map(|n| n.to_string()).unwrap_or_default(),
            })
            .collect()
    }

    /// Append the row as one CSV line (with its line break) to `buf`: the bytes of
    /// [`IndicatorRow::cells`]`(true)` quoted as [`civis_io::estimate_table::csv_field`] and
    /// joined by commas, written without a `String` per cell.
    pub fn push_csv(&self, buf: &mut String) {
        use std::fmt::Write as _;
        for (i, c) in self.each_cell().into_iter().enumerate() {
            if i > 0 {
                buf.push(',');
            }
            match c {
                Cell::Label(s) => push_csv_field(buf, s),
                Cell::Area(s) => push_csv_field(buf, &guard(s)),
                Cell::Measure(v) => push_num(buf, v),
                Cell::Count(None) => {}
                Cell::Count(Some(n)) => {
                    // `fmt::Write` for `String` never fails
                    let _ = write!(buf, "{n}");
                }
            }
        }
        buf.push('\n');
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

#[cfg(test)]
mod tests {
    use civis_io::estimate_table::csv_field;
    use civis_survey::Measures;

    use super::*;

    /// A row whose labels need quoting or a formula guard and whose numbers are exact,
    /// tiny, huge or missing.
    fn awkward(n: Option<u64>, measures: Measures) -> IndicatorRow {
        IndicatorRow {
            indicator: "EMP_RATE".into(),
            geo: "=Area, \"north\"".into(),
            group_criterion: "citizenship".into(),
            group: "EU27_2020_FOR".into(),
            sex: "T".into(),
            age: "Y20-64".into(),
            time: "2024".into(),
            measures,
            n,
            flags: "u".into(),
            unit: "PC".into(),
            note: "line\nbreak, \"quoted\"".into(),
        }
    }

    #[test]
    fn a_csv_line_is_the_exact_cells_quoted_and_joined() {
        let numbers = Measures {
            estimate: 0.1 + 0.2,
            se: 1e-9,
            ci_low: -3.5e12,
            ci_high: f64::INFINITY,
            cv: 0.0,
            deff: 1.0,
            pop: 123456789.125,
        };
        for row in [awkward(Some(42), numbers), awkward(None, Measures::MISSING)] {
            let cells: Vec<String> = row.cells(true).iter().map(|c| csv_field(c)).collect();
            let mut line = String::from("kept,");
            row.push_csv(&mut line);
            assert_eq!(line, format!("kept,{}\n", cells.join(",")));
        }
        let mut line = String::new();
        awkward(Some(42), numbers).push_csv(&mut line);
        assert!(line.starts_with("EMP_RATE,\"'=Area, \"\"north\"\"\",citizenship,"));
        assert!(
            line.contains(",0.30000000000000004,0.000000001,-3500000000000,,0,1,42,123456789.125,")
        );
        assert!(line.ends_with(",u,PC,\"line\nbreak, \"\"quoted\"\"\"\n"));
    }
}
