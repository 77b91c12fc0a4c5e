//! Converting regional values between NUTS versions with JRC conversion matrices.
//!
//! The JRC NUTS converter (Pigaiani and Batista, JRC, 2022; <https://urban.jrc.ec.europa.eu/tools/nuts-converter>)
//! gives, for every pair of a region `s` of one version and a region `t` of another, the *flow*
//! `f(s, t)`: the amount of a covariate (area in km², resident population 2011/2018/2021,
//! artificial surface 2012/2018, built-up volume) lying in both. The R package `nuts`
//! (`cross_walks`, columns `from_code, to_code, from_version, to_version, level, country, areaKm,
//! pop21, pop11, artif_surf18, artif_surf12, bu_vol`) ships them in one table, which
//! [`NutsConversion::from_csv_str`] reads. As in `nuts::nuts_convert_version`:
//!
//! ```text
//! absolute variables (counts, totals):  y_t = Σ_s y_s · f(s, t) / Σ_t' f(s, t')
//! relative variables (rates, means):    y_t = Σ_s y_s · f(s, t) / Σ_s f(s, t)
//! ```
//!
//! A target region is computed only when every source region with a positive flow into it has a
//! value; otherwise it is reported as incomplete rather than silently underestimated.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::code::NutsCode;
use super::error::GeoError;
use super::registry::NutsVersion;

impl NutsVersion {
    /// The year of the version, as written in conversion tables.
    pub fn year(self) -> u16 {
        match self {
            NutsVersion::Nuts2016 => 2016,
            NutsVersion::Nuts2021 => 2021,
            NutsVersion::Nuts2024 => 2024,
        }
    }

    /// The version for a year as written in conversion tables (2016, 2021, 2024).
    pub fn from_year(year: u16) -> Option<Self> {
        match year {
            2016 => Some(NutsVersion::Nuts2016),
            2021 => Some(NutsVersion::Nuts2021),
            2024 => Some(NutsVersion::Nuts2024),
            _ => None,
        }
    }
}

/// Flows between the regions of two NUTS versions, for one weighting covariate.
#[derive(Debug, Clone)]
pub struct NutsConversion {
    pub from: NutsVersion,
    pub to: NutsVersion,
    /// The covariate column the flows come from (`pop21`, `areaKm`, ...).
    pub weight: String,
    flows: BTreeMap<NutsCode, Vec<(NutsCode, f64)>>,
}

/// The result of a conversion.
#[derive(Debug, Clone, PartialEq)]
pub struct Converted {
    /// Values of the target regions that could be computed.
    pub values: BTreeMap<NutsCode, f64>,
    /// Target regions left out because a contributing source region had no value.
    pub incomplete: Vec<NutsCode>,
    /// Source codes with no row in the table (not regions of the source version).
    pub unmatched: Vec<NutsCode>,
}

impl NutsConversion {
    /// Reads a `nuts::cross_walks`-style CSV file; see [`NutsConversion::from_csv_str`].
    pub fn from_csv_file(
        from: NutsVersion,
        to: NutsVersion,
        weight: &str,
        path: &Path,
    ) -> Result<Self, GeoError> {
        let text = std::fs::read_to_string(path).map_err(|source| GeoError::Io {
            path: path.to_owned(),
            source,
        })?;
        Self::from_csv_str(from, to, weight, &path.display().to_string(), &text)
    }

    /// Reads the rows from `from` to `to` of a table with columns `from_code, to_code,
    /// from_version, to_version` and the `weight` column (others ignored); `file` names the
    /// source in errors. Rows with an empty or `NA` weight count as zero flow.
    pub fn from_csv_str(
        from: NutsVersion,
        to: NutsVersion,
        weight: &str,
        file: &str,
        text: &str,
    ) -> Result<Self, GeoError> {
        let table = super::registry::read_table(
            file,
            text,
            &["from_code", "to_code", "from_version", "to_version", weight],
        )?;
        let mut flows: BTreeMap<NutsCode, Vec<(NutsCode, f64)>> = BTreeMap::new();
        for (line, row) in &table.rows {
            let bad = |reason: String| GeoError::Table {
                file: file.to_owned(),
                line: *line,
                reason,
            };
            let year = |s: &str| {
                s.parse::<u16>()
                    .map_err(|_| bad(format!("`{s}` is not a NUTS version year")))
            };
            // Tables hold all version pairs (2006-2024); keep the requested one.
            if year(&row[2])? != from.year() || year(&row[3])? != to.year() {
                continue;
            }
            let source = NutsCode::parse(&row[0]).map_err(|e| bad(e.to_string()))?;
            let target = NutsCode::parse(&row[1]).map_err(|e| bad(e.to_string()))?;
            let w = match row[4].as_str() {
                "" | "NA" => 0.0,
                s => s
                    .parse::<f64>()
                    .ok()
                    .filter(|w| w.is_finite() && *w >= 0.0)
                    .ok_or_else(|| bad(format!("{weight} `{s}` is not a non-negative number")))?,
            };
            flows.entry(source).or_default().push((target, w));
        }
        Ok(NutsConversion {
            from,
            to,
            weight: weight.to_owned(),
            flows,
        })
    }

    /// The target regions a source region flows into, with the flows.
    pub fn targets(&self, source: &NutsCode) -> &[(NutsCode, f64)] {
        self.flows.get(source).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Converts an absolute variable (count, total): each source value is split over its targets
    /// in proportion to the flows.
    pub fn convert_totals(&self, values: &[(NutsCode, f64)]) -> Converted {
        self.convert(values, true)
    }

    /// Converts a relative variable (rate, mean): each target value is the flow-weighted mean of
    /// its source values.
    pub fn convert_rates(&self, values: &[(NutsCode, f64)]) -> Converted {
        self.convert(values, false)
    }

    fn convert(&self, values: &[(NutsCode, f64)], absolute: bool) -> Converted {
        let given: BTreeMap<NutsCode, f64> = values.iter().copied().collect();
        let mut sums: BTreeMap<NutsCode, (f64, f64)> = BTreeMap::new();
        let mut incomplete = BTreeSet::new();
        for (source, targets) in &self.flows {
            let out: f64 = targets.iter().map(|(_, w)| w).sum();
            for &(target, w) in targets.iter().filter(|(_, w)| *w > 0.0) {
                match given.get(source) {
                    Some(&y) => {
                        let e = sums.entry(target).or_insert((0.0, 0.0));
                        e.0 += if absolute { y * w / out } else { y * w };
                        e.1 += w;
                    }
                    None => {
                        incomplete.insert(target);
                    }
                }
            }
        }
        let values = sums
            .into_iter()
            .filter(|(t, _)| !incomplete.contains(t))
            .map(|(t, (s, w))| (t, if absolute { s } else { s / w }))
            .collect();
        let unmatched = given
            .keys()
            .filter(|s| !self.flows.contains_key(s))
            .copied()
            .collect();
        Converted {
            values,
            incomplete: incomplete.into_iter().collect(),
            unmatched,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nuts(s: &str) -> NutsCode {
        NutsCode::parse(s).unwrap()
    }

    // Göttingen (DE915) and Osterode (DE919) merged into DE91C in NUTS 2021; DE911 unchanged;
    // a made-up split of XX1 into XX11 (pop 30) and XX12 (pop 10).
    const TABLE: &str = "from_code,to_code,from_version,to_version,level,country,areaKm,pop21\n\
        DE915,DE91C,2016,2021,3,Germany,1117,328\n\
        DE919,DE91C,2016,2021,3,Germany,636,71\n\
        DE911,DE911,2016,2021,3,Germany,192,248\n\
        XX1,XX11,2016,2021,3,Nowhere,1,30\n\
        XX1,XX12,2016,2021,3,Nowhere,1,10\n\
        DE915,DE915,2013,2016,3,Germany,1117,NA\n";

    /// The test table as a 2016 -> 2021 conversion weighted by population 2021.
    fn conversion() -> NutsConversion {
        NutsConversion::from_csv_str(
            NutsVersion::Nuts2016,
            NutsVersion::Nuts2021,
            "pop21",
            "t",
            TABLE,
        )
        .unwrap()
    }

    #[test]
    fn totals_are_split_and_merged_by_flows() {
        let c = conversion();
        let out = c.convert_totals(&[
            (nuts("DE915"), 100.0),
            (nuts("DE919"), 20.0),
            (nuts("XX1"), 8.0),
            (nuts("AT1"), 1.0),
        ]);
        assert_eq!(out.values[&nuts("DE91C")], 120.0);
        assert_eq!(out.values[&nuts("XX11")], 6.0);
        assert_eq!(out.values[&nuts("XX12")], 2.0);
        assert_eq!(out.incomplete, [nuts("DE911")]);
        assert_eq!(out.unmatched, [nuts("AT1")]);
    }

    #[test]
    fn rates_are_flow_weighted_means() {
        let c = conversion();
        let out = c.convert_rates(&[
            (nuts("DE915"), 0.5),
            (nuts("DE919"), 0.1),
            (nuts("DE911"), 0.3),
            (nuts("XX1"), 0.2),
        ]);
        let expected = (0.5 * 328.0 + 0.1 * 71.0) / (328.0 + 71.0);
        assert!((out.values[&nuts("DE91C")] - expected).abs() < 1e-12);
        assert_eq!(out.values[&nuts("XX12")], 0.2);
        assert!(out.incomplete.is_empty());
    }

    #[test]
    fn bad_weight_names_file_and_line() {
        let bad = "from_code,to_code,from_version,to_version,pop21\nDE915,DE91C,2016,2021,lots\n";
        let err = NutsConversion::from_csv_str(
            NutsVersion::Nuts2016,
            NutsVersion::Nuts2021,
            "pop21",
            "cw.csv",
            bad,
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("cw.csv, line 2: pop21 `lots`"), "{err}");
    }
}
