//! Publication reliability rules: which estimates are published normally, flagged as of low
//! reliability (Eurostat flag `u`) or suppressed (empty value, flag `u`, as Eurostat's `: u`).
//!
//! - `silc` (Commission Regulation (EC) No 1982/2003): fewer than 20 sample observations or more
//!   than 50 % item non-response in the cell: suppressed; 20-49 observations or non-response above
//!   20 % (up to 50 %): flagged. Non-response is the weighted share of the cell's persons whose
//!   variable is missing.
//! - `cv:FLAG,SUPPRESS`: coefficient of variation `se / |estimate|` above `FLAG`: flagged; above
//!   `SUPPRESS`: suppressed.
//! - `lfs`: EU-LFS thresholds on the weighted count behind the estimate (in thousands), per
//!   country, period type and year of validity: below limit A suppressed, below limit B flagged. For means and proportions the count
//!   is the weighted numerator `estimate * population`, for totals the total itself, otherwise the
//!   weighted population of the domain.
//! - `none`.

/// One row of an EU-LFS limits table: limits A and B (thousands of persons) for a country, for
/// annual (`A`) or quarterly (`Q`) results, valid from a year on (limits change with national
/// sample designs, e.g. at the 2021 IESS break).
#[derive(Debug, Clone, PartialEq)]
pub struct LfsLimit {
    pub country: String,
    pub period: char,
    pub valid_from: Option<i32>,
    pub limit_a: f64,
    pub limit_b: f64,
}

/// EU-LFS limits per country and period, and which reference year and period type apply.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LfsLimits {
    pub rows: Vec<LfsLimit>,
    /// Reference year of the estimates (needed when a country has limits for several years).
    pub year: Option<i32>,
    /// `A` (annual, the default) or `Q` (quarterly).
    pub period: Option<char>,
}

impl LfsLimits {
    /// The limits (A, B) that apply to `country`: the row of the right period type with the
    /// latest `valid_from` not after the reference year.
    pub fn lookup(&self, country: &str) -> Result<(f64, f64), String> {
        let period = self.period.unwrap_or('A');
        let rows: Vec<&LfsLimit> = self
            .rows
            .iter()
            .filter(|r| r.country == country && r.period == period)
            .collect();
        if rows.is_empty() {
            return Err(format!(
                "no LFS reliability limits for country `{country}` (period {period}) in the limits file"
            ));
        }
        let usable: Vec<&&LfsLimit> = match self.year {
            Some(y) => rows
                .iter()
                .filter(|r| r.valid_from.is_none_or(|v| v <= y))
                .collect(),
            None if rows.len() == 1 => rows.iter().collect(),
            None => {
                return Err(format!(
                    "the limits for `{country}` change over time: give the reference year (--year)"
                ))
            }
        };
        usable
            .iter()
            .max_by_key(|r| r.valid_from.unwrap_or(i32::MIN))
            .map(|r| (r.limit_a, r.limit_b))
            .ok_or_else(|| {
                format!(
                    "no LFS limits for `{country}` valid in {}",
                    self.year.unwrap_or_default()
                )
            })
    }
}

/// A reliability rule.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum ReliabilityRule {
    #[default]
    None,
    Silc,
    Cv {
        flag: f64,
        suppress: f64,
    },
    Lfs(LfsLimits),
}

/// The verdict for one estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reliability {
    pub low: bool,
    pub suppressed: bool,
}

impl Reliability {
    /// Union (for derived values such as gaps): low or suppressed if either part is.
    pub fn merge(self, other: Reliability) -> Reliability {
        Reliability {
            low: self.low || other.low,
            suppressed: self.suppressed || other.suppressed,
        }
    }
    /// Eurostat flag text: `u` for low reliability or suppression, empty otherwise.
    pub fn flag(&self) -> &'static str {
        if self.low || self.suppressed {
            "u"
        } else {
            ""
        }
    }
}

/// What a rule looks at.
#[derive(Debug, Clone, Copy)]
pub struct CellFacts<'a> {
    pub n: u64,
    pub estimate: f64,
    pub se: f64,
    /// Weighted count behind the estimate (see module docs).
    pub weighted_count: f64,
    /// Weighted share of the cell left out for item non-response (0 to 1).
    pub nonresponse: f64,
    pub country: Option<&'a str>,
}

impl ReliabilityRule {
    /// Judge one cell; an LFS rule without limits for the cell's country is an error.
    pub fn judge(&self, c: CellFacts<'_>) -> Result<Reliability, String> {
        Ok(match self {
            ReliabilityRule::None => Reliability::default(),
            ReliabilityRule::Silc => {
                let suppressed = c.n < 20 || c.nonresponse > 0.5;
                Reliability {
                    suppressed,
                    low: !suppressed && (c.n < 50 || c.nonresponse > 0.2),
                }
            }
            ReliabilityRule::Cv { flag, suppress } => {
                let cv = (c.se / c.estimate.abs()).abs();
                if cv.is_nan() {
                    Reliability::default()
                } else {
                    Reliability {
                        suppressed: cv > *suppress,
                        low: cv > *flag && cv <= *suppress,
                    }
                }
            }
            ReliabilityRule::Lfs(limits) => {
                let country = c.country.ok_or_else(|| {
                    "the LFS rule needs a country for every estimate (give --country or a `country` by-variable)".to_string()
                })?;
                let (a, b) = limits.lookup(country)?;
                let thousands = c.weighted_count / 1000.0;
                Reliability {
                    suppressed: thousands < a,
                    low: thousands >= a && thousands < b,
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(n: u64, est: f64, se: f64) -> CellFacts<'static> {
        CellFacts {
            n,
            estimate: est,
            se,
            weighted_count: 0.0,
            nonresponse: 0.0,
            country: None,
        }
    }

    #[test]
    fn silc_rule_boundaries() {
        let r = ReliabilityRule::Silc;
        assert!(r.judge(facts(19, 1.0, 0.1)).unwrap().suppressed);
        let at20 = r.judge(facts(20, 1.0, 0.1)).unwrap();
        assert!(at20.low && !at20.suppressed);
        assert!(r.judge(facts(49, 1.0, 0.1)).unwrap().low);
        assert_eq!(
            r.judge(facts(50, 1.0, 0.1)).unwrap(),
            Reliability::default()
        );
    }

    #[test]
    fn silc_non_response_rule() {
        let r = ReliabilityRule::Silc;
        let mut f = facts(500, 1.0, 0.1);
        f.nonresponse = 0.2;
        assert_eq!(r.judge(f).unwrap(), Reliability::default());
        f.nonresponse = 0.21;
        assert!(r.judge(f).unwrap().low);
        f.nonresponse = 0.5;
        assert!(r.judge(f).unwrap().low);
        f.nonresponse = 0.51;
        assert!(r.judge(f).unwrap().suppressed);
    }

    #[test]
    fn cv_rule() {
        let r = ReliabilityRule::Cv {
            flag: 0.2,
            suppress: 0.35,
        };
        assert_eq!(
            r.judge(facts(100, 1.0, 0.1)).unwrap(),
            Reliability::default()
        );
        assert!(r.judge(facts(100, 1.0, 0.3)).unwrap().low);
        assert!(r.judge(facts(100, -1.0, 0.4)).unwrap().suppressed);
    }

    #[test]
    fn lfs_rule_uses_country_limits() {
        let row = |valid_from, a, b| LfsLimit {
            country: "AT".into(),
            period: 'A',
            valid_from,
            limit_a: a,
            limit_b: b,
        };
        let mut l = LfsLimits {
            rows: vec![row(Some(2021), 3.0, 6.0), row(Some(2005), 1.0, 2.0)],
            year: Some(2023),
            period: None,
        };
        let old = LfsLimits {
            year: Some(2010),
            ..l.clone()
        };
        assert_eq!(old.lookup("AT"), Ok((1.0, 2.0)));
        l.year = None;
        assert!(l.lookup("AT").unwrap_err().contains("--year"));
        l.year = Some(2023);
        let r = ReliabilityRule::Lfs(l);
        let mut f = facts(100, 0.5, 0.01);
        f.country = Some("AT");
        f.weighted_count = 2_500.0;
        assert!(r.judge(f).unwrap().suppressed);
        f.weighted_count = 4_000.0;
        assert!(r.judge(f).unwrap().low);
        f.weighted_count = 6_000.0;
        assert_eq!(r.judge(f).unwrap(), Reliability::default());
        f.country = Some("DE");
        assert!(r.judge(f).unwrap_err().contains("DE"));
    }
}
