//! The option syntaxes of the small area workflows (`--method reml`, `--mse bootstrap:B:SEED`,
//! `--transform arcsin:COL`, `--benchmark ratio:AROP=12.5`), turned into their typed values.
//! Every error names the option it comes from, as the `civis` binary spells it.

use std::str::FromStr;

use civis_sae::unit::{Indicator, MseMethod, Transformation};
use civis_sae::Method;

use crate::error::{bail, invalid, PipelineError, Result};
use crate::sae::{BenchmarkMethod, Mse, PovertyLine, Transform, UnitTargets};
use crate::variance::replicate_count;

/// `--method`: the Fay-Herriot variance estimator, `reml`, `ml` or `fh` (either case).
pub fn fh_method(text: &str) -> Result<Method> {
    Ok(match text {
        "reml" | "REML" => Method::Reml,
        "ml" | "ML" => Method::Ml,
        "fh" | "FH" => Method::Fh,
        other => bail!("--method `{other}`: expected reml, ml or fh"),
    })
}

/// `--mse`: `analytic`, or `bootstrap[:B[:SEED]]` (B = 1000 and SEED = 1 by default).
impl FromStr for Mse {
    type Err = PipelineError;
    fn from_str(s: &str) -> Result<Mse> {
        let parts: Vec<&str> = s.split(':').collect();
        let replicates = |b: &str| replicate_count(b).map_err(|e| invalid!("--mse {s}: {e}"));
        Ok(match parts.as_slice() {
            ["analytic"] => Mse::Analytic,
            ["bootstrap"] => Mse::Bootstrap {
                replicates: 1000,
                seed: 1,
            },
            ["bootstrap", b] => Mse::Bootstrap {
                replicates: replicates(b)?,
                seed: 1,
            },
            ["bootstrap", b, seed] => Mse::Bootstrap {
                replicates: replicates(b)?,
                seed: seed
                    .parse()
                    .map_err(|_| invalid!("--mse {s}: the seed must be a whole number"))?,
            },
            _ => bail!("--mse `{s}`: expected analytic or bootstrap:B:SEED"),
        })
    }
}

/// `--transform`: `none`, `log` or `arcsin:NEFF_COLUMN`.
impl FromStr for Transform {
    type Err = PipelineError;
    fn from_str(s: &str) -> Result<Transform> {
        Ok(match s {
            "none" => Transform::None,
            "log" => Transform::Log,
            _ => match s.strip_prefix("arcsin:") {
                Some(col) => Transform::Arcsine {
                    n_eff: col.to_owned(),
                },
                None => bail!("--transform `{s}`: expected none, arcsin:NEFF_COLUMN or log"),
            },
        })
    }
}

/// `--benchmark-method` of the Fay-Herriot model: `ratio`, `raking` or `mse`.
impl FromStr for BenchmarkMethod {
    type Err = PipelineError;
    fn from_str(s: &str) -> Result<BenchmarkMethod> {
        Ok(match s {
            "ratio" => BenchmarkMethod::Ratio,
            "raking" => BenchmarkMethod::Raking,
            "mse" => BenchmarkMethod::MseWeighted,
            other => bail!("--benchmark-method `{other}`: expected ratio, raking or mse"),
        })
    }
}

/// `--threshold-rule` of the unit-level model: `FACTORmedian` (e.g. `0.6median`), the poverty
/// line as a share of the population's median.
pub fn median_rule(rule: &str) -> Result<PovertyLine> {
    rule.strip_suffix("median")
        .and_then(|f| f.parse::<f64>().ok())
        .filter(|f| f.is_finite() && *f > 0.0)
        .map(PovertyLine::MedianShare)
        .ok_or_else(|| invalid!("--threshold-rule {rule}: expected FACTORmedian, e.g. 0.6median"))
}

/// `--benchmark` of the unit-level model: `ratio` or `raking`, optionally followed by
/// `:INDICATOR=VALUE,...` (published totals; without them the national direct estimates).
pub fn unit_benchmark(
    spec: &str,
    indicators: &[Indicator],
) -> Result<(BenchmarkMethod, UnitTargets)> {
    let (method, values) = spec.split_once(':').unwrap_or((spec, ""));
    let method = match method {
        "ratio" => BenchmarkMethod::Ratio,
        "raking" => BenchmarkMethod::Raking,
        _ => bail!("--benchmark {spec}: expected ratio or raking, optionally :INDICATOR=VALUE,..."),
    };
    if values.is_empty() {
        return Ok((method, UnitTargets::NationalDirect));
    }
    let mut targets = Vec::new();
    for item in values.split(',') {
        let (name, v) = item
            .split_once('=')
            .ok_or_else(|| invalid!("--benchmark {spec}: `{item}` is not INDICATOR=VALUE"))?;
        let ind = Indicator::parse(name)
            .filter(|i| indicators.contains(i))
            .ok_or_else(|| invalid!("--benchmark {spec}: `{name}` is not one of --indicators"))?;
        let v: f64 = v
            .parse()
            .map_err(|_| invalid!("--benchmark {spec}: `{v}` is not a number"))?;
        targets.push((ind, v));
    }
    Ok((method, UnitTargets::Published(targets)))
}

/// `--transform` of the unit-level model: `none`, `log`, `log-shift` or `boxcox`.
pub fn unit_transformation(text: &str) -> Result<Transformation> {
    Transformation::parse(text)
        .ok_or_else(|| invalid!("--transform {text}: expected none, log, log-shift or boxcox"))
}

/// `--indicators` of the unit-level model.
pub fn unit_indicators(names: &[String]) -> Result<Vec<Indicator>> {
    Indicator::parse_list(names).map_err(|e| invalid!("--indicators: {e}"))
}

/// `--mse` of the unit-level model: `none`, `analytic` or `bootstrap:B` with B >= 1.
pub fn unit_mse(text: &str) -> Result<MseMethod> {
    Ok(match text {
        "none" => MseMethod::None,
        "analytic" => MseMethod::Analytic,
        other => match other.strip_prefix("bootstrap:").map(str::parse::<usize>) {
            Some(Ok(b)) if b > 0 => MseMethod::Bootstrap(b),
            _ => bail!("--mse {other}: expected none, analytic or bootstrap:B with B >= 1"),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fh_options() {
        assert_eq!(
            "bootstrap:50:7".parse::<Mse>().unwrap(),
            Mse::Bootstrap {
                replicates: 50,
                seed: 7
            }
        );
        let e = "jackknife".parse::<Mse>().unwrap_err().to_string();
        assert_eq!(
            e,
            "--mse `jackknife`: expected analytic or bootstrap:B:SEED"
        );
        assert_eq!(
            "arcsin:n".parse::<Transform>().unwrap(),
            Transform::Arcsine { n_eff: "n".into() }
        );
        assert_eq!(
            "mse".parse::<BenchmarkMethod>().unwrap(),
            BenchmarkMethod::MseWeighted
        );
        assert!(fh_method("REML").is_ok());
    }

    #[test]
    fn unit_options() {
        assert!(matches!(
            median_rule("0.5median"),
            Ok(PovertyLine::MedianShare(f)) if f == 0.5
        ));
        let e = median_rule("median").unwrap_err().to_string();
        assert_eq!(
            e,
            "--threshold-rule median: expected FACTORmedian, e.g. 0.6median"
        );
        assert!(unit_mse("bootstrap:0").is_err());
    }
}
