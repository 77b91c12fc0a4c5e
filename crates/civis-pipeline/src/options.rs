//! The option syntaxes of the workflows (`cv:0.2,0.35`, `eqIncome@0.25,0.5`, `num/den`), turned
//! into the typed values of the builders. Every error names the option it comes from, as the
//! `civis` binary spells it.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use civis_catalog::Criterion;
use civis_survey::{CalFun, CalibrationMethod, QuantileRule, ReliabilityRule};

use crate::design::{Calibration, DesignBuilder, FrameDesign};
use crate::error::{bail, invalid, PipelineError, Result};
use crate::estimate::Measure;
use crate::indicators::Breakdown;
use crate::microdata::read_lfs_limits;

/// `--reliability`: `silc` | `cv:FLAG,SUPPRESS` | `lfs:LIMITS.csv` | `none`. The LFS limits
/// file is read for the reference `year` (its rows valid then).
pub fn reliability_rule(spec: &str, year: Option<i32>) -> Result<ReliabilityRule> {
    let s = spec;
    if s == "none" {
        return Ok(ReliabilityRule::None);
    }
    if s == "silc" {
        return Ok(ReliabilityRule::Silc);
    }
    if let Some(rest) = s.strip_prefix("cv:") {
        let v: Vec<f64> = rest
            .split(',')
            .map(|x| x.trim().parse::<f64>())
            .collect::<std::result::Result<_, _>>()
            .map_err(|_| {
                invalid!("--reliability {s}: expected cv:FLAG,SUPPRESS, e.g. cv:0.2,0.35")
            })?;
        let [flag, suppress] = v[..] else {
            bail!("--reliability {s}: expected cv:FLAG,SUPPRESS, e.g. cv:0.2,0.35");
        };
        if !(flag > 0.0 && suppress >= flag) {
            bail!("--reliability {s}: need 0 < FLAG <= SUPPRESS");
        }
        return Ok(ReliabilityRule::Cv { flag, suppress });
    }
    if let Some(path) = s.strip_prefix("lfs:") {
        return read_lfs_limits(Path::new(path), year).map(ReliabilityRule::Lfs);
    }
    bail!("--reliability `{s}`: expected silc, cv:FLAG,SUPPRESS, lfs:LIMITS.csv or none")
}

/// The statistics of an estimation as the option lists give them (`civis estimate --total`,
/// `--mean`, ...); [`MeasureOptions::measures`] turns them into [`Measure`]s.
#[derive(Debug, Clone, Copy)]
pub struct MeasureOptions<'a> {
    pub total: &'a [String],
    pub mean: &'a [String],
    pub proportion: &'a [String],
    /// `NUMERATOR/DENOMINATOR`.
    pub ratio: &'a [String],
    /// `VAR@P1,P2,...`, probabilities in [0, 1].
    pub quantile: &'a [String],
    /// The quantile rule's name (`math`, `school`, `laeken`).
    pub qrule: &'a str,
    pub arpt: &'a [String],
    pub arpr: &'a [String],
    pub gini: &'a [String],
    pub qsr: &'a [String],
    pub rmpg: &'a [String],
    /// Shares of the median defining the poverty line, each in (0, 10).
    pub poverty_share: &'a [f64],
}

impl MeasureOptions<'_> {
    /// The measures in the order of the options: totals, means, proportions, ratios, quantiles,
    /// thresholds, rates, Gini, S80/S20, median gaps.
    pub fn measures(&self) -> Result<Vec<Measure>> {
        let t = |v: &String| v.trim().to_string();
        let mut out: Vec<Measure> = Vec::new();
        out.extend(self.total.iter().map(|v| Measure::Total(t(v))));
        out.extend(self.mean.iter().map(|v| Measure::Mean(t(v))));
        out.extend(self.proportion.iter().map(|v| Measure::Proportion(t(v))));
        for r in self.ratio {
            let (num, den) = r
                .split_once('/')
                .ok_or_else(|| invalid!("--ratio `{r}`: expected NUMERATOR/DENOMINATOR"))?;
            out.push(Measure::Ratio(num.trim().into(), den.trim().into()));
        }
        let rule: QuantileRule = self
            .qrule
            .parse()
            .map_err(|e: String| invalid!("--qrule: {e}"))?;
        for q in self.quantile {
            out.extend(quantiles(q, rule)?);
        }
        for &share in self.poverty_share {
            if !(share > 0.0 && share < 10.0) {
                bail!("--poverty-share {share}: must be a positive share of the median, e.g. 0.6");
            }
        }
        let shares = |vars: &[String], m: fn(String, f64) -> Measure| -> Vec<Measure> {
            vars.iter()
                .flat_map(|v| self.poverty_share.iter().map(move |&s| m(t(v), s)))
                .collect()
        };
        out.extend(shares(self.arpt, Measure::PovertyThreshold));
        out.extend(shares(self.arpr, Measure::PovertyRate));
        out.extend(self.gini.iter().map(|v| Measure::Gini(t(v))));
        out.extend(self.qsr.iter().map(|v| Measure::QuintileShareRatio(t(v))));
        out.extend(shares(self.rmpg, Measure::RelativeMedianGap));
        Ok(out)
    }
}

/// The quantiles of one `VAR@P1,P2,...`.
fn quantiles(q: &str, rule: QuantileRule) -> Result<Vec<Measure>> {
    let (v, ps) = q.split_once('@').ok_or_else(|| {
        invalid!("--quantile `{q}`: expected VAR@P1,P2,... (e.g. eqIncome@0.25,0.5)")
    })?;
    let mut out = Vec::new();
    for p in ps.split(',') {
        let p: f64 = p
            .trim()
            .parse()
            .map_err(|_| invalid!("--quantile `{q}`: `{p}` is not a number"))?;
        if !(0.0..=1.0).contains(&p) {
            bail!("--quantile `{q}`: probabilities must be between 0 and 1");
        }
        out.push(Measure::Quantile(v.trim().into(), p, rule));
    }
    Ok(out)
}

/// The sampling design options of an estimation (`--weight`, `--strata`, `--psu`, `--fpc`,
/// `--nest`, `--lonely-psu`, `--ssu`, `--fpc-ssu`, `--ultimate-cluster`, `--weights-out`),
/// with the calibration of [`CalibrationOptions`]; [`DesignOptions::design`] checks them.
#[derive(Debug, Clone, Copy)]
pub struct DesignOptions<'a> {
    pub weight: Option<&'a str>,
    pub strata: Option<&'a str>,
    pub psu: Option<&'a str>,
    pub fpc: Option<&'a str>,
    pub nest: bool,
    /// The lonely-PSU policy's name (`fail`, `adjust`, `average`, `remove`, `certainty`).
    pub lonely_psu: &'a str,
    pub ssu: Option<&'a str>,
    pub fpc_ssu: Option<&'a str>,
    pub ultimate_cluster: bool,
    pub calibration: CalibrationOptions<'a>,
}

impl DesignOptions<'_> {
    /// The design the options describe (R's `svydesign`, then `calibrate`). The stage checks
    /// come before the calibration's, so a bad `--ssu` is reported before bad totals.
    pub fn design(&self) -> Result<FrameDesign> {
        type Setter = for<'b> fn(&'b mut DesignBuilder, &str) -> &'b mut DesignBuilder;
        let mut d = DesignBuilder::new();
        let columns: [(Option<&str>, Setter); 6] = [
            (self.weight, DesignBuilder::weight),
            (self.strata, DesignBuilder::strata),
            (self.psu, DesignBuilder::psu),
            (self.fpc, DesignBuilder::fpc),
            (self.ssu, DesignBuilder::ssu),
            (self.fpc_ssu, DesignBuilder::fpc_ssu),
        ];
        for (column, set) in columns {
            if let Some(c) = column {
                set(&mut d, c);
            }
        }
        d.nest(self.nest)
            .ultimate_cluster(self.ultimate_cluster)
            .lonely_psu(self.lonely_psu.parse().map_err(PipelineError::Invalid)?);
        d.build()?;
        if let Some(c) = self.calibration.calibration()? {
            d.calibration(c);
        }
        if let Some(p) = self.calibration.weights_out {
            d.weights_out(p);
        }
        d.build()
    }
}

/// The calibration options of an estimation (`--calibrate`, `--poststratify`, `--rake`,
/// `--totals`, `--calfun`, `--weights-out`); [`CalibrationOptions::calibration`] picks the method.
#[derive(Debug, Clone, Copy)]
pub struct CalibrationOptions<'a> {
    pub calibrate: &'a [String],
    pub poststratify: Option<&'a str>,
    pub rake: &'a [String],
    pub totals: Option<&'a Path>,
    /// The calibration distance's name (`linear`, `raking`, `logit:L,U`).
    pub calfun: &'a str,
    pub weights_out: Option<&'a Path>,
}

impl CalibrationOptions<'_> {
    /// The calibration the options ask for (calibrate, else post-stratify, else rake); `None`
    /// when none is given. `--calfun` applies to `--calibrate` only; every method needs `--totals`.
    pub fn calibration(&self) -> Result<Option<Calibration>> {
        let (method, variables, flag) = if !self.calibrate.is_empty() {
            let calfun: CalFun = self
                .calfun
                .parse()
                .map_err(|e: String| invalid!("--calfun {e}"))?;
            (
                CalibrationMethod::Calibrate(calfun),
                self.calibrate.to_vec(),
                "--calibrate",
            )
        } else if let Some(v) = self.poststratify {
            (
                CalibrationMethod::PostStratify,
                vec![v.to_string()],
                "--poststratify",
            )
        } else if !self.rake.is_empty() {
            (CalibrationMethod::Rake, self.rake.to_vec(), "--rake")
        } else {
            if self.totals.is_some() || self.weights_out.is_some() {
                bail!("--totals and --weights-out need --calibrate, --poststratify or --rake");
            }
            return Ok(None);
        };
        if self.calfun != "linear" && !matches!(method, CalibrationMethod::Calibrate(_)) {
            bail!("--calfun applies to --calibrate only");
        }
        let totals: PathBuf = self.totals.map(Path::to_path_buf).ok_or_else(|| {
            invalid!("{flag} needs --totals FILE (columns variable,category,total)")
        })?;
        Ok(Some(Calibration::new(method, &variables, totals)?))
    }
}

/// `--groups`: the criteria that define the target groups, `citizenship`, `birth` or `both`.
pub fn group_criteria(groups: &str) -> Result<&'static [Criterion]> {
    Ok(match groups {
        "citizenship" => &[Criterion::Citizenship],
        "birth" => &[Criterion::Birth],
        "both" => &[Criterion::Citizenship, Criterion::Birth],
        other => bail!("--groups `{other}`: expected citizenship, birth or both"),
    })
}

/// `--map canonical=column`: a canonical variable read from a column of another name.
pub fn column_map(spec: &str) -> Result<(&str, &str)> {
    spec.split_once('=')
        .ok_or_else(|| invalid!("--map `{spec}`: expected canonical=column"))
}

/// `--by`: `sex` or `age_band`.
impl FromStr for Breakdown {
    type Err = PipelineError;
    fn from_str(by: &str) -> Result<Breakdown> {
        Ok(match by {
            "sex" => Breakdown::Sex,
            "age_band" => Breakdown::AgeBand,
            _ => bail!("--by `{by}`: the breakdowns are sex and age_band"),
        })
    }
}

/// Parses `dim=code,code` filters (several for one dimension intersect).
pub fn parse_filters(raw: &[String]) -> Result<Vec<(String, Vec<String>)>> {
    raw.iter()
        .map(|f| {
            let (d, codes) = f
                .split_once('=')
                .ok_or_else(|| invalid!("--filter {f:?}: expected dim=code,code"))?;
            let codes: Vec<String> = codes
                .split(',')
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty())
                .collect();
            if d.trim().is_empty() || codes.is_empty() {
                bail!("--filter {f:?}: expected dim=code,code");
            }
            Ok((d.trim().to_owned(), codes))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reliability_specs() {
        assert!(matches!(
            reliability_rule("silc", None),
            Ok(ReliabilityRule::Silc)
        ));
        assert!(matches!(
            reliability_rule("cv:0.2,0.35", None),
            Ok(ReliabilityRule::Cv { flag, suppress }) if flag == 0.2 && suppress == 0.35
        ));
        let e = reliability_rule("cv:0.4,0.2", None)
            .unwrap_err()
            .to_string();
        assert_eq!(e, "--reliability cv:0.4,0.2: need 0 < FLAG <= SUPPRESS");
        let e = reliability_rule("eu", None).unwrap_err().to_string();
        assert!(e.starts_with("--reliability `eu`: expected silc"), "{e}");
    }

    #[test]
    fn quantile_specs() {
        let q = quantiles("inc@0.25, 0.5", QuantileRule::Math).unwrap();
        assert_eq!(q.len(), 2);
        let e = quantiles("inc@1.5", QuantileRule::Math)
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "--quantile `inc@1.5`: probabilities must be between 0 and 1"
        );
    }

    #[test]
    fn filters() {
        let f = parse_filters(&["geo=AT,DE".into()]).unwrap();
        assert_eq!(
            f,
            [("geo".to_owned(), vec!["AT".to_owned(), "DE".to_owned()])]
        );
        assert!(parse_filters(&["geo".into()]).is_err());
    }

    #[test]
    fn indicator_specs() {
        assert_eq!(group_criteria("both").unwrap().len(), 2);
        assert!(matches!("age_band".parse(), Ok(Breakdown::AgeBand)));
        assert_eq!(column_map("age=AGE").unwrap(), ("age", "AGE"));
        assert!(column_map("age").is_err());
    }
}
