//! The common in-memory model of a statistical table (a "cube"): dimensions with code lists, a
//! time dimension, and sparse observations that each carry a value (or none) and [`Flags`].
//!
//! All readers ([`tsv`](crate::tsv), [`sdmx_csv`](crate::sdmx_csv),
//! [`jsonstat`](crate::jsonstat)) produce a [`Dataset`] and all writers take one. An observation
//! with neither a value nor a flag (a bare `:` in TSV, an empty SDMX-CSV row, a `null` in a dense
//! JSON-stat array) carries no information and is **not stored**: every reader drops it and every
//! writer writes it as "not available" where the format needs a cell.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::flags::Flags;

/// One code of a dimension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    pub id: String,
    pub label: Option<String>,
}

/// A dimension and its code list (in the order of the source).
#[derive(Debug, Clone, Default)]
pub struct Dimension {
    pub id: String,
    pub label: Option<String>,
    pub codes: Vec<Code>,
    lookup: HashMap<String, u32>,
}

impl Dimension {
    /// An empty dimension.
    pub fn new(id: impl Into<String>, label: Option<String>) -> Self {
        Dimension {
            id: id.into(),
            label,
            codes: Vec::new(),
            lookup: HashMap::new(),
        }
    }

    /// The position of a code.
    pub fn code_index(&self, id: &str) -> Option<u32> {
        if self.lookup.len() == self.codes.len() {
            self.lookup.get(id).copied()
        } else {
            self.codes.iter().position(|c| c.id == id).map(|i| i as u32)
        }
    }

    /// The position of a code, adding it (with `label`) when new; a label fills a missing one.
    pub fn intern(&mut self, id: &str, label: Option<&str>) -> u32 {
        if self.lookup.len() != self.codes.len() {
            self.rebuild_lookup();
        }
        if let Some(&i) = self.lookup.get(id) {
            if let (Some(l), None) = (label, &self.codes[i as usize].label) {
                self.codes[i as usize].label = Some(l.to_owned());
            }
            return i;
        }
        let i = self.codes.len() as u32;
        self.codes.push(Code {
            id: id.to_owned(),
            label: label.map(str::to_owned),
        });
        self.lookup.insert(id.to_owned(), i);
        i
    }

    fn rebuild_lookup(&mut self) {
        self.lookup = self
            .codes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i as u32))
            .collect();
    }
}

impl PartialEq for Dimension {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && self.label == other.label && self.codes == other.codes
    }
}

/// One observation: a code index per dimension, a value and flags.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    pub key: Vec<u32>,
    pub value: Option<f64>,
    pub flags: Flags,
}

/// A value and its flags (a TSV cell).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Cell {
    pub value: Option<f64>,
    pub flags: Flags,
}

impl Cell {
    /// True when the cell has neither a value nor flags.
    pub fn is_empty(&self) -> bool {
        self.value.is_none() && self.flags.is_empty()
    }
}

/// A statistical table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dataset {
    /// Dataset or dataflow id (e.g. `ESTAT:LFSA_ERGAN(1.0)` or `lfsa_ergan`).
    pub id: String,
    pub label: Option<String>,
    pub dimensions: Vec<Dimension>,
    /// Id of the time dimension (one of `dimensions`), if any.
    pub time_dimension: Option<String>,
    pub observations: Vec<Observation>,
}

/// The observations grouped into time series: what TSV and wide CSV write.
#[derive(Debug, Clone)]
pub struct SeriesTable {
    /// Positions (in [`Dataset::dimensions`]) of the non-time dimensions.
    pub key_dims: Vec<usize>,
    /// Time periods, ascending.
    pub periods: Vec<String>,
    /// Series sorted by their key codes: codes (one per key dimension) and one cell per period.
    pub rows: Vec<(Vec<String>, Vec<Cell>)>,
}

impl Dataset {
    /// The position of a dimension.
    pub fn dimension_index(&self, id: &str) -> Option<usize> {
        self.dimensions.iter().position(|d| d.id == id)
    }

    /// The position of the time dimension.
    pub fn time_index(&self) -> Option<usize> {
        self.time_dimension
            .as_deref()
            .and_then(|t| self.dimension_index(t))
    }

    /// Adds an observation given by code ids (one per dimension, in order; new codes are added
    /// to the dimensions); empty cells are skipped.
    pub fn push(&mut self, codes: &[&str], value: Option<f64>, flags: Flags) {
        debug_assert_eq!(codes.len(), self.dimensions.len(), "one code per dimension");
        if value.is_none() && flags.is_empty() {
            return;
        }
        let key = codes
            .iter()
            .zip(&mut self.dimensions)
            .map(|(c, d)| d.intern(c, None))
            .collect();
        self.observations.push(Observation { key, value, flags });
    }

    /// The code ids of an observation.
    pub fn codes_of<'a>(&'a self, obs: &'a Observation) -> impl Iterator<Item = &'a str> + 'a {
        obs.key
            .iter()
            .zip(&self.dimensions)
            .map(|(&k, d)| d.codes[k as usize].id.as_str())
    }

    /// Whether the dataset, a dimension or a code has a label.
    pub fn has_labels(&self) -> bool {
        self.label.is_some()
            || self
                .dimensions
                .iter()
                .any(|d| d.label.is_some() || d.codes.iter().any(|c| c.label.is_some()))
    }

    /// Maps every flag to the 2025 code lists ([`Flags::to_2025`]).
    pub fn flags_to_2025(&mut self) {
        for o in &mut self.observations {
            o.flags = o.flags.to_2025();
        }
    }

    /// Keeps only observations whose code in each named dimension is one of the listed codes.
    /// Unknown dimension ids are an error (the message lists the dimensions); codes the dataset
    /// does not have simply match nothing.
    pub fn filter(&mut self, filters: &[(String, Vec<String>)]) -> Result<(), String> {
        let mut allowed: Vec<Option<HashSet<u32>>> = vec![None; self.dimensions.len()];
        for (dim, codes) in filters {
            let d = self.dimension_index(dim).ok_or_else(|| {
                format!(
                    "no dimension `{dim}` (dimensions: {})",
                    self.dimensions
                        .iter()
                        .map(|d| d.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?;
            let set: HashSet<u32> = codes
                .iter()
                .filter_map(|c| self.dimensions[d].code_index(c))
                .collect();
            allowed[d] = Some(match allowed[d].take() {
                Some(prev) => prev.intersection(&set).copied().collect(),
                None => set,
            });
        }
        self.observations.retain(|o| {
            o.key
                .iter()
                .zip(&allowed)
                .all(|(k, a)| a.as_ref().is_none_or(|s| s.contains(k)))
        });
        Ok(())
    }

    /// Observations keyed by `dimension=code` pairs sorted by dimension id, the time dimension
    /// being called `TIME` whatever its id: a form that does not depend on dimension order, code
    /// order or the time dimension's name, for comparing datasets read from different formats.
    pub fn canonical_observations(&self) -> BTreeMap<Vec<(String, String)>, Cell> {
        let time = self.time_index();
        let mut out = BTreeMap::new();
        for o in &self.observations {
            if o.value.is_none() && o.flags.is_empty() {
                continue;
            }
            let mut key: Vec<(String, String)> = o
                .key
                .iter()
                .enumerate()
                .map(|(d, &k)| {
                    let dim = &self.dimensions[d];
                    let name = if Some(d) == time {
                        "TIME".to_owned()
                    } else {
                        dim.id.clone()
                    };
                    (name, dim.codes[k as usize].id.clone())
                })
                .collect();
            key.sort();
            out.insert(
                key,
                Cell {
                    value: o.value,
                    flags: o.flags,
                },
            );
        }
        out
    }

    /// Finds an observation by `(dimension id, code)` pairs naming every dimension.
    pub fn get(&self, coords: &[(&str, &str)]) -> Option<Cell> {
        let mut key = vec![u32::MAX; self.dimensions.len()];
        for (dim, code) in coords {
            let d = self.dimension_index(dim)?;
            key[d] = self.dimensions[d].code_index(code)?;
        }
        self.observations
            .iter()
            .find(|o| o.key == key)
            .map(|o| Cell {
                value: o.value,
                flags: o.flags,
            })
    }

    /// Groups the observations into time series (see [`SeriesTable`]); `None` without a time
    /// dimension.
    pub fn series(&self) -> Option<SeriesTable> {
        let t = self.time_index()?;
        let key_dims: Vec<usize> = (0..self.dimensions.len()).filter(|&d| d != t).collect();
        // Periods that occur, ascending.
        let mut used = vec![false; self.dimensions[t].codes.len()];
        for o in &self.observations {
            used[o.key[t] as usize] = true;
        }
        let mut order: Vec<usize> = (0..used.len()).filter(|&i| used[i]).collect();
        order.sort_by(|&a, &b| {
            self.dimensions[t].codes[a]
                .id
                .cmp(&self.dimensions[t].codes[b].id)
        });
        let mut column = vec![usize::MAX; used.len()];
        for (c, &i) in order.iter().enumerate() {
            column[i] = c;
        }
        let periods: Vec<String> = order
            .iter()
            .map(|&i| self.dimensions[t].codes[i].id.clone())
            .collect();
        let mut rows: BTreeMap<Vec<String>, Vec<Cell>> = BTreeMap::new();
        for o in &self.observations {
            let key: Vec<String> = key_dims
                .iter()
                .map(|&d| self.dimensions[d].codes[o.key[d] as usize].id.clone())
                .collect();
            let cells = rows
                .entry(key)
                .or_insert_with(|| vec![Cell::default(); periods.len()]);
            let c = &mut cells[column[o.key[t] as usize]];
            c.value = o.value;
            c.flags = o.flags;
        }
        Some(SeriesTable {
            key_dims,
            periods,
            rows: rows.into_iter().collect(),
        })
    }
}

/// Parses a number: an optional sign, digits, an optional fraction and exponent (`12`, `-0.5`,
/// `.5`, `1e-3`), surrounding blanks ignored; `inf`, `NaN`, hex and empty text are not numbers.
/// The result is the correctly rounded `f64` (short decimals take an exact fast path).
pub fn parse_number(text: &str) -> Option<f64> {
    match crate::number::parse_number(text.as_bytes()) {
        crate::number::Num::Value(v) => Some(v),
        _ => None,
    }
}

/// Appends a value in the shortest decimal form that reads back to the same `f64` (no
/// exponent for values written with up to 6 decimals below 1e15; `Display` otherwise).
pub fn write_number(v: f64, out: &mut Vec<u8>) {
    const P: [f64; 7] = [1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6];
    if v.is_finite() && v.abs() < 1e15 {
        for (k, &p) in P.iter().enumerate() {
            let x = v * p;
            if x.abs() >= 9e15 {
                break;
            }
            // Round half away from zero with a plain conversion (no libm call).
            let m = if x >= 0.0 {
                (x + 0.5) as i64
            } else {
                (x - 0.5) as i64
            };
            // Cheap pre-check (no division) that x is within a few ulps of the integer m; the
            // division then decides exactly.
            let d = x - m as f64;
            if d.abs() > x.abs() * 1e-12 {
                continue;
            }
            if m as f64 / p == v {
                let neg = v.is_sign_negative();
                let mut n = m.unsigned_abs();
                if neg && n != 0 {
                    out.push(b'-');
                }
                let mut digits = [0u8; 24];
                let mut i = digits.len();
                let mut written = 0;
                while n > 0 || written <= k {
                    i -= 1;
                    digits[i] = b'0' + (n % 10) as u8;
                    n /= 10;
                    written += 1;
                    if written == k && k > 0 {
                        i -= 1;
                        digits[i] = b'.';
                    }
                }
                out.extend_from_slice(&digits[i..]);
                return;
            }
        }
    }
    use std::io::Write;
    let _ = write!(out, "{v}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse_number("69.3"), Some(69.3));
        assert_eq!(parse_number("-1e3"), Some(-1000.0));
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number(":"), None);
        assert_eq!(parse_number("."), None);
        let mut b = Vec::new();
        write_number(2886026.0, &mut b);
        b.push(b' ');
        write_number(69.3, &mut b);
        b.push(b' ');
        write_number(-0.0, &mut b);
        assert_eq!(String::from_utf8(b).unwrap(), "2886026 69.3 0");
        for v in [
            0.5,
            -0.05,
            0.001234,
            123456.789,
            -7.0,
            1e-9,
            1e20,
            0.1 + 0.2,
            64.1,
            2.5e-7,
        ] {
            let mut b = Vec::new();
            write_number(v, &mut b);
            let s = String::from_utf8(b).unwrap();
            assert_eq!(s.parse::<f64>().unwrap(), v, "{s}");
            assert_eq!(s, format!("{v}"));
        }
    }

    #[test]
    fn push_filter_series() {
        let mut d = Dataset {
            id: "x".into(),
            dimensions: vec![Dimension::new("geo", None), Dimension::new("time", None)],
            time_dimension: Some("time".into()),
            ..Dataset::default()
        };
        d.push(&["AT", "2021"], Some(1.0), Flags::NONE);
        d.push(&["DE", "2020"], None, Flags::parse("u").unwrap());
        d.push(&["DE", "2019"], None, Flags::NONE);
        assert_eq!(d.observations.len(), 2);
        let s = d.series().unwrap();
        assert_eq!(s.periods, ["2020", "2021"]);
        assert_eq!(s.rows[0].0, ["AT"]);
        assert_eq!(s.rows[0].1[1].value, Some(1.0));
        d.filter(&[("geo".into(), vec!["DE".into()])]).unwrap();
        assert_eq!(d.observations.len(), 1);
        assert!(d.filter(&[("nope".into(), vec![])]).is_err());
    }
}
