//! `civis indicators`: every catalogue indicator for the country and every area x target group
//! (x breakdown), with the gap to the reference group.
//!
//! The file's columns are mapped to canonical variables (catalog/sources), each indicator's
//! population, numerator and denominator are evaluated on them, and the estimation engine runs
//! on one design built once for the whole file. Groups overlap (`FOR` = `EU27_2020_FOR` +
//! `NEU27_2020_FOR`, `TOTAL` = everyone), so each indicator is estimated in three partitions:
//! everyone (`TOTAL`), `NAT`/`EU27_2020_FOR`/`NEU27_2020_FOR` (with the two gaps to `NAT`), and
//! `NAT`/`FOR` (with that gap); the country is one more run without the area variable.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{anyhow, bail, Context, Result};
use clap::Args;

use civis_catalog::{
    classify, Catalogue, Criterion, Indicator, Kind, RuleName, SourceMapping, TargetGroup, Unit,
    Variables,
};
use civis_frame::expr::parse;
use civis_frame::factor::{factorize, Factor};
use civis_frame::{Column, Frame, NumColumn, StrColumn};
use civis_geo::{CountryCode, GeoRegistry};
use civis_io::{read_csv, CsvOptions};
use civis_survey::statistic::NationalIncome;
use civis_survey::{
    estimate, Contrast, ContrastKind, Design, DesignSpec, Domains, EstimateRow, Grouping,
    LonelyPsu, QuantileRule, ReliabilityRule, Request, StatRequest, Statistic, VarianceMethod,
};
use rayon::prelude::*;

use crate::estimate_cmd::{
    grouping, locate, parse_reliability, read_header, read_lfs_limits, replicate_columns,
    variance_method, VarianceSpec,
};
use crate::output::{extension, num, short, text, write_atomically, write_text_table};
use civis_io::xlsx::{write_xlsx, XlsxCell, XlsxSheet};

/// Arguments of `civis indicators`.
#[derive(Debug, Clone, Args, Default)]
pub struct IndicatorsArgs {
    /// Microdata CSV.
    #[arg(long)]
    pub data: PathBuf,
    /// Field delimiter of the CSV.
    #[arg(long, default_value = ",")]
    pub delimiter: char,
    /// Variable names of the file: eu-silc, eu-lfs, or a mapping file (TOML, see catalog/sources).
    #[arg(long, default_value = "eu-silc")]
    pub source: String,
    /// canonical=column overrides (repeatable, or comma separated).
    #[arg(long = "map", value_delimiter = ',')]
    pub maps: Vec<String>,
    /// Column with the areas (regions, cities); without it only the country is estimated.
    #[arg(long)]
    pub geo: Option<String>,
    /// Breakdowns: sex, age_band.
    #[arg(long, value_delimiter = ',')]
    pub by: Vec<String>,
    /// Target-group criterion: citizenship, birth or both.
    #[arg(long, default_value = "citizenship")]
    pub groups: String,
    /// Indicator ids (comma separated) or `all`.
    #[arg(long, default_value = "all")]
    pub indicators: String,
    /// Reporting country (Eurostat code, e.g. AT): the national row's geo and who is a national.
    #[arg(long)]
    pub country: Option<String>,
    /// Country column of a file holding several countries (EU-SILC, EU-LFS user databases):
    /// every country is estimated from its own rows, as --country, at the top of its geography.
    #[arg(long, conflicts_with = "country")]
    pub country_var: Option<String>,
    /// linearised | jackknife | bootstrap:R:SEED | brr | fay:RHO | columns:PREFIX:METHOD
    #[arg(long, default_value = "linearised")]
    pub variance: String,
    /// catalogue (each indicator's own rule) | silc | cv:FLAG,SUPPRESS | lfs:LIMITS.csv | none
    #[arg(long, default_value = "catalogue")]
    pub reliability: String,
    /// EU-LFS limits A/B (CSV: country,limit_a,limit_b) for indicators whose rule is `lfs`.
    #[arg(long)]
    pub lfs_limits: Option<PathBuf>,
    /// Lonely-PSU policy: fail, adjust, average, remove, certainty.
    #[arg(long, default_value = "adjust")]
    pub lonely_psu: String,
    /// Reference year written in the `time` column.
    #[arg(long)]
    pub year: Option<String>,
    /// An indicator catalogue to use instead of the built-in one.
    #[arg(long)]
    pub catalog: Option<PathBuf>,
    /// Output file (.csv, .json or .xlsx; `-` writes CSV to standard output); without it a table
    /// is printed.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// One output row.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorRow {
    pub indicator: String,
    pub geo: String,
    pub group_criterion: String,
    pub group: String,
    pub sex: String,
    pub age: String,
    pub time: String,
    pub estimate: f64,
    pub se: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    pub cv: f64,
    pub deff: f64,
    pub n: Option<u64>,
    pub pop: f64,
    pub flags: String,
    pub unit: String,
    pub note: String,
}

pub const COLUMNS: [&str; 18] = [
    "indicator",
    "geo",
    "group_criterion",
    "group",
    "sex",
    "age",
    "time",
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "cv",
    "deff",
    "n",
    "pop",
    "flags",
    "unit",
    "note",
];

/// Age bands for the `age_band` breakdown (Eurostat codes).
const AGE_BANDS: [(f64, f64, &str); 7] = [
    (0.0, 14.0, "Y_LT15"),
    (15.0, 24.0, "Y15-24"),
    (25.0, 34.0, "Y25-34"),
    (35.0, 54.0, "Y35-54"),
    (55.0, 64.0, "Y55-64"),
    (65.0, 74.0, "Y65-74"),
    (75.0, f64::INFINITY, "Y_GE75"),
];

/// Run and return the rows.
pub fn run(args: &IndicatorsArgs) -> Result<Vec<IndicatorRow>> {
    if let Some(out) = &args.out {
        let mut inputs = vec![("--data", args.data.as_path())];
        inputs.extend(args.lfs_limits.as_deref().map(|p| ("--lfs-limits", p)));
        inputs.extend(args.catalog.as_deref().map(|p| ("--catalog", p)));
        crate::output::refuse_overwriting_inputs(("--out", out), &inputs)?;
    }
    if let Some(col) = &args.country_var {
        return run_by_country(args, col);
    }
    let source_name = args.data.display().to_string();
    let catalogue = match &args.catalog {
        Some(p) => {
            let text =
                std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
            Catalogue::parse(
                &text,
                &p.display().to_string(),
                &Variables::default_variables()?,
            )?
        }
        None => Catalogue::default_catalogue()?,
    };
    let mut mapping = match SourceMapping::builtin(&args.source) {
        Some(m) => m,
        None => {
            let p = PathBuf::from(&args.source);
            if !p.exists() {
                bail!(
                    "--source `{}`: expected eu-silc, eu-lfs or a mapping file",
                    args.source
                );
            }
            let text =
                std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))?;
            SourceMapping::parse(&text, &args.source)?
        }
    };
    let vars = Variables::default_variables()?;
    for m in &args.maps {
        let (canonical, column) = m
            .split_once('=')
            .ok_or_else(|| anyhow!("--map `{m}`: expected canonical=column"))?;
        if !vars.contains(canonical.trim()) {
            bail!(
                "--map `{m}`: `{}` is not a canonical variable (see catalog/variables.toml)",
                canonical.trim()
            );
        }
        mapping.override_with(canonical.trim(), column.trim());
    }
    let criteria: Vec<Criterion> = match args.groups.as_str() {
        "citizenship" => vec![Criterion::Citizenship],
        "birth" => vec![Criterion::Birth],
        "both" => vec![Criterion::Citizenship, Criterion::Birth],
        other => bail!("--groups `{other}`: expected citizenship, birth or both"),
    };
    for b in &args.by {
        if b != "sex" && b != "age_band" {
            bail!("--by `{b}`: the breakdowns are sex and age_band");
        }
    }
    let selected: Vec<&Indicator> = if args.indicators == "all" {
        catalogue.indicators.iter().collect()
    } else {
        args.indicators
            .split(',')
            .map(|id| {
                catalogue.get(id.trim()).ok_or_else(|| {
                    anyhow!(
                        "--indicators: unknown indicator `{}` (`civis catalog` lists them)",
                        id.trim()
                    )
                })
            })
            .collect::<Result<_>>()?
    };
    let header = read_header(&args.data, args.delimiter as u8)?;
    if let Some(g) = &args.geo {
        if !header.iter().any(|h| h == g) {
            bail!("--geo `{g}`: no such column in {source_name}");
        }
    }
    if let Some(c) = &args.country {
        let reg = GeoRegistry::global();
        let known = CountryCode::parse(c)
            .ok()
            .and_then(|code| reg.country(code))
            .is_some();
        if !known {
            let hint = reg
                .country_by_iso(c)
                .map(|k| format!(" (Eurostat writes {})", k.code.as_str()))
                .unwrap_or_default();
            bail!("--country `{c}`: not a Eurostat country code{hint}");
        }
    }
    let time = args.year.clone().unwrap_or_default();
    let national_geo = args.country.clone().unwrap_or_else(|| "TOTAL".into());

    // which canonical variables are there
    let resolve = |c: &str| mapping.resolve(c, &header);
    let derived = |v: &str| v == "at_risk_of_poverty";
    let missing_inputs = |ind: &Indicator| -> Vec<String> {
        let mut miss: Vec<String> = Vec::new();
        for v in ind.inputs() {
            let v = if derived(&v) {
                "equivalised_income".to_string()
            } else {
                v
            };
            if resolve(&v).is_none() && !miss.contains(&v) {
                miss.push(v);
            }
        }
        if ind.kind != Kind::CountRatio && resolve("weight").is_none() {
            miss.push("weight".into());
        }
        if args.by.iter().any(|b| b == "sex") && resolve("sex").is_none() {
            miss.push("sex".into());
        }
        if args.by.iter().any(|b| b == "age_band") && resolve("age").is_none() {
            miss.push("age".into());
        }
        miss
    };
    let mut rows: Vec<IndicatorRow> = Vec::new();
    let mut computable: Vec<&Indicator> = Vec::new();
    for ind in &selected {
        let miss = missing_inputs(ind);
        if miss.is_empty() {
            computable.push(ind);
        } else {
            let what: Vec<String> = miss
                .iter()
                .map(|m| {
                    let c = mapping.candidates(m);
                    if c.is_empty() {
                        m.clone()
                    } else {
                        format!("{m} ({})", c.join(" or "))
                    }
                })
                .collect();
            rows.push(not_computable(
                ind,
                &national_geo,
                &time,
                &format!("missing {}", what.join(", ")),
            ));
        }
    }
    let mut active_criteria = Vec::new();
    for c in &criteria {
        if resolve(c.variable()).is_some() {
            active_criteria.push(*c);
        } else {
            eprintln!(
                "civis indicators: groups by {} not computable from this file: missing {} ({})",
                c.code(),
                c.variable(),
                mapping.candidates(c.variable()).join(" or ")
            );
        }
    }

    // load the columns the computable indicators need
    let mut canon_needed: BTreeSet<String> = BTreeSet::new();
    for ind in &computable {
        for v in ind.inputs() {
            canon_needed.insert(if derived(&v) {
                "equivalised_income".into()
            } else {
                v
            });
        }
    }
    for v in ["weight", "strata", "psu"] {
        canon_needed.insert(v.into());
    }
    for c in &active_criteria {
        canon_needed.insert(c.variable().into());
    }
    if args.by.iter().any(|b| b == "sex") {
        canon_needed.insert("sex".into());
    }
    if args.by.iter().any(|b| b == "age_band") {
        canon_needed.insert("age".into());
    }
    let resolved: Vec<civis_catalog::Resolved> =
        canon_needed.iter().filter_map(|c| resolve(c)).collect();
    let spec = VarianceSpec::parse(&args.variance)?;
    let mut load: Vec<String> = resolved.iter().map(|r| r.column.clone()).collect();
    if let Some(g) = &args.geo {
        load.push(g.clone());
    }
    if let VarianceSpec::Columns { prefix, .. } = &spec {
        load.extend(
            header
                .iter()
                .filter(|h| h.starts_with(prefix.as_str()))
                .cloned(),
        );
    }
    load.sort();
    load.dedup();
    let raw = read_csv(
        &args.data,
        &CsvOptions {
            delimiter: args.delimiter as u8,
            columns: Some(load),
        },
    )?;
    let n = raw.nrows();
    if n == 0 {
        bail!("{source_name} has no data rows");
    }
    // the source columns under the names the mapping's expressions use
    let mut src = Frame::new(n);
    for r in &resolved {
        if src.position(&r.mapping_column).is_none() {
            src.push(r.mapping_column.clone(), raw.column(&r.column)?.clone())?;
        }
    }
    let mut canon = Frame::new(n);
    for r in &resolved {
        let col = match &r.expr {
            Some(e) => parse(e)
                .and_then(|x| x.eval(&src))
                .map_err(|err| anyhow!("mapping of `{}` ({}): {err}", r.canonical, args.source))?,
            None => src.column(&r.mapping_column)?.clone(),
        };
        canon.push(r.canonical.clone(), col)?;
    }
    if let Ok(col) = canon.column("sex") {
        let recoded = sex_codes(&factorize(col, false));
        canon.set("sex", recoded)?;
    }

    // design, once (administrative counts need none)
    let survey_needed = computable.iter().any(|i| i.kind != Kind::CountRatio);
    let weight_res = resolve("weight");
    let weights: Vec<f64> = if survey_needed {
        canon
            .numeric("weight")
            .map_err(|e| anyhow!("weight: {e}"))?
            .to_vec()
    } else {
        Vec::new()
    };
    let strata = canon.column("strata").ok().map(|c| factorize(c, false));
    let psu = canon.column("psu").ok().map(|c| factorize(c, false));
    let lonely: LonelyPsu = args.lonely_psu.parse().map_err(|e: String| anyhow!(e))?;
    let design = if survey_needed {
        Some(
            Design::new(DesignSpec {
                weights: &weights,
                strata: strata.as_ref().map(grouping),
                psu: psu.as_ref().map(grouping),
                nest: true,
                fpc: None,
                lonely,
            })
            .map_err(|e| locate(e, &source_name, &weight_res.map(|r| r.column)))?,
        )
    } else {
        None
    };
    let rep_columns = replicate_columns(&raw, &spec)?;
    let variance = match &design {
        Some(d) => Some(variance_method(&spec, d, &rep_columns, false)?),
        None => None,
    };

    // at-risk-of-poverty flag from the national threshold, if an indicator uses it
    if computable
        .iter()
        .any(|i| i.inputs().contains("at_risk_of_poverty"))
    {
        let y = canon.numeric("equivalised_income")?.to_vec();
        let nat = NationalIncome::new(&y);
        let t = 0.6 * nat.median(&y, &weights);
        let flag: Vec<f64> = y
            .iter()
            .map(|&v| {
                if v.is_nan() {
                    f64::NAN
                } else if v < t {
                    1.0
                } else {
                    0.0
                }
            })
            .collect();
        canon.push("at_risk_of_poverty", Column::Num(NumColumn::new(flag)))?;
    }

    // the by-variables
    let geo_factor = match &args.geo {
        Some(g) => Some(factorize(raw.column(g)?, true)),
        None => None,
    };
    if let Some(f) = &geo_factor {
        check_geo_codes(&f.labels, args.geo.as_deref().unwrap_or(""));
    }
    let sex_factor = if args.by.iter().any(|b| b == "sex") {
        Some(factorize(canon.column("sex")?, true))
    } else {
        None
    };
    let age_factor = if args.by.iter().any(|b| b == "age_band") {
        Some(age_bands(canon.numeric("age")?))
    } else {
        None
    };
    let mut group_factors: BTreeMap<Criterion, (Factor, Factor)> = BTreeMap::new();
    for c in &active_criteria {
        group_factors.insert(
            *c,
            group_partitions(canon.column(c.variable())?, args.country.as_deref(), c)?,
        );
    }
    let year: Option<i32> = match &args.year {
        Some(y) => Some(
            y.get(..4)
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| anyhow!("--year `{y}`: expected a year such as 2023"))?,
        ),
        None => None,
    };
    let limits = match &args.lfs_limits {
        Some(p) => Some(read_lfs_limits(p, year)?),
        None => None,
    };
    let override_rule = if args.reliability == "catalogue" {
        None
    } else {
        Some(parse_reliability(&args.reliability, year)?)
    };
    let breakdowns: Vec<(bool, bool)> = {
        let s = sex_factor.is_some();
        let a = age_factor.is_some();
        let mut v = vec![(false, false)];
        if s {
            v.push((true, false));
        }
        if a {
            v.push((false, true));
        }
        if s && a {
            v.push((true, true));
        }
        v
    };
    // administrative counts, then the survey indicators (each with its publication rule)
    let mut jobs: Vec<(&Indicator, Criterion, ReliabilityRule)> = Vec::new();
    let mut warned_lfs = false;
    for ind in &computable {
        if ind.kind == Kind::CountRatio {
            rows.extend(count_ratio(
                ind,
                &canon,
                &national_geo,
                geo_factor.as_ref(),
                &time,
            )?);
            continue;
        }
        let rule = match &override_rule {
            Some(r) => r.clone(),
            None => match ind.reliability {
                RuleName::Silc => ReliabilityRule::Silc,
                RuleName::None => ReliabilityRule::None,
                RuleName::Lfs => match &limits {
                    Some(l) => ReliabilityRule::Lfs(l.clone()),
                    None => {
                        if !warned_lfs {
                            eprintln!("civis indicators: no --lfs-limits file given: EU-LFS indicators are not flagged for reliability");
                            warned_lfs = true;
                        }
                        ReliabilityRule::None
                    }
                },
            },
        };
        for c in &active_criteria {
            jobs.push((ind, *c, rule.clone()));
        }
    }
    let (Some(design), Some(variance)) = (&design, &variance) else {
        return Ok(rows);
    };
    let ctx = Inputs {
        canon: &canon,
        design,
        variance,
        geo: geo_factor.as_ref(),
        sex: sex_factor.as_ref(),
        age: age_factor.as_ref(),
        groups: &group_factors,
        breakdowns: &breakdowns,
        national_geo: &national_geo,
        time: &time,
        country: args.country.as_deref(),
    };
    let show = std::io::stderr().is_terminal();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let total_jobs = jobs.len();
    // indicators in parallel (each estimation is parallel over domains too, but the national and
    // TOTAL runs have a single domain)
    let results: Vec<Result<Vec<IndicatorRow>>> = jobs
        .par_iter()
        .map(|(ind, criterion, rule)| {
            let r = survey_indicator(&ctx, ind, *criterion, rule);
            let k = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if show {
                eprint!("\rcivis indicators: {k}/{total_jobs} {:<40}", ind.id);
            }
            r
        })
        .collect();
    if show && total_jobs > 0 {
        eprintln!();
    }
    for r in results {
        rows.extend(r?);
    }
    Ok(rows)
}

/// What every survey indicator is computed from.
struct Inputs<'a> {
    canon: &'a Frame,
    design: &'a Design,
    variance: &'a VarianceMethod<'a>,
    geo: Option<&'a Factor>,
    sex: Option<&'a Factor>,
    age: Option<&'a Factor>,
    groups: &'a BTreeMap<Criterion, (Factor, Factor)>,
    breakdowns: &'a [(bool, bool)],
    national_geo: &'a str,
    time: &'a str,
    country: Option<&'a str>,
}

/// One survey indicator for one group criterion: the country and every area (x breakdown), in
/// the TOTAL, NAT/EU27/NEU27 and NAT/FOR partitions, with the gaps.
fn survey_indicator(
    ctx: &Inputs<'_>,
    ind: &Indicator,
    criterion: Criterion,
    rule: &ReliabilityRule,
) -> Result<Vec<IndicatorRow>> {
    let n = ctx.canon.nrows();
    let mut rows = Vec::new();
    let population = parse(&ind.population)
        .and_then(|e| e.eval_filter(ctx.canon))
        .map_err(|e| anyhow!("indicator {}: population: {e}", ind.id))?;
    let (statistic, y, x) = statistic_inputs(ind, ctx.canon)?;
    let (three, two) = &ctx.groups[&criterion];
    for &(by_sex, by_age) in ctx.breakdowns {
        for with_geo in [false, true] {
            if with_geo && ctx.geo.is_none() {
                continue;
            }
            for partition in [Partition::Total, Partition::Three, Partition::Two] {
                let mut by: Vec<(String, Grouping<'_>)> = Vec::new();
                for (wanted, name, factor) in [
                    (with_geo, "geo", ctx.geo),
                    (by_sex, "sex", ctx.sex),
                    (by_age, "age", ctx.age),
                ] {
                    if let (true, Some(f)) = (wanted, factor) {
                        by.push((name.into(), grouping(f)));
                    }
                }
                let gf = match partition {
                    Partition::Total => None,
                    Partition::Three => Some(three),
                    Partition::Two => Some(two),
                };
                if ind.kind == Kind::MedianRatio && gf.is_none() {
                    continue;
                }
                let keep: Vec<bool> = match gf {
                    Some(f) => population
                        .iter()
                        .zip(&f.codes)
                        .map(|(&p, &c)| p && c != u32::MAX)
                        .collect(),
                    None => population.clone(),
                };
                if let Some(f) = gf {
                    by.push(("group".into(), grouping(f)));
                }
                let domains = Domains::new(n, &by, Some(&keep)).map_err(|e| anyhow!(e))?;
                if domains.is_empty() {
                    continue;
                }
                let contrasts = match gf {
                    Some(f) => gap_contrasts(f, by.len() - 1, ind.kind == Kind::MedianRatio),
                    None => Vec::new(),
                };
                let out = estimate(&Request {
                    design: ctx.design,
                    domains: &domains,
                    statistics: vec![StatRequest {
                        statistic,
                        variable: ind.id.clone(),
                        y: &y,
                        x: x.as_deref(),
                    }],
                    contrasts,
                    variance: ctx.variance.clone(),
                    reliability: rule.clone(),
                    country_of_domain: ctx
                        .country
                        .map(|c| vec![Some(c.to_string()); domains.len()]),
                    level: 0.95,
                    progress: None,
                })?;
                for r in out {
                    let mut labels = r.domain.iter();
                    let mut next = |wanted: bool, default: &str| -> String {
                        if wanted {
                            labels.next().cloned().unwrap_or_default()
                        } else {
                            default.to_string()
                        }
                    };
                    let geo = next(with_geo, ctx.national_geo);
                    let sex = next(by_sex, "T");
                    let age = next(by_age, &ind.age);
                    let age = if by_age {
                        clip_band(&age, &ind.age)
                    } else {
                        age
                    };
                    let group = next(gf.is_some(), TargetGroup::Total.code());
                    // NAT comes from the three-group partition; the two-group one adds FOR
                    if partition == Partition::Two && group == TargetGroup::Nat.code() {
                        continue;
                    }
                    // a median ratio exists only as a comparison with the reference group
                    let is_gap = group.contains('-') || group.contains('/');
                    if ind.kind == Kind::MedianRatio && !is_gap {
                        continue;
                    }
                    rows.push(to_row(ind, &r, geo, &criterion, group, sex, age, ctx.time));
                }
            }
        }
    }
    Ok(rows)
}

/// Area values that look like geo codes (NUTS, Urban Audit, countries) are checked against the
/// registry and unknown ones listed in a warning; values that are names (`Burgenland`) are kept as
/// they are.
fn check_geo_codes(labels: &[String], column: &str) {
    if let Some(w) = crate::geo_check::unknown_geo_warning(labels.iter().map(String::as_str)) {
        eprintln!("civis indicators: warning: column `{column}`: {w}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_bands_are_clipped_to_the_indicator() {
        assert_eq!(clip_band("Y15-24", "Y20-64"), "Y20-24");
        assert_eq!(clip_band("Y25-34", "Y20-64"), "Y25-34");
        assert_eq!(clip_band("Y_GE75", "Y_GE18"), "Y_GE75");
        assert_eq!(clip_band("Y15-24", "Y_GE18"), "Y18-24");
        assert_eq!(clip_band("Y_LT15", "TOTAL"), "Y_LT15");
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Partition {
    Total,
    Three,
    Two,
}

fn statistic_inputs(
    ind: &Indicator,
    canon: &Frame,
) -> Result<(Statistic, Vec<f64>, Option<Vec<f64>>)> {
    let eval_num = |e: &str, what: &str| -> Result<Vec<f64>> {
        let col = parse(e)
            .and_then(|x| x.eval(canon))
            .map_err(|err| anyhow!("indicator {}: {what}: {err}", ind.id))?;
        match col {
            Column::Num(c) => Ok(c.values),
            Column::Str(_) => bail!("indicator {}: {what} `{e}` is text, not a number", ind.id),
        }
    };
    Ok(match ind.kind {
        Kind::Ratio => (
            Statistic::Ratio,
            eval_num(ind.numerator.as_deref().unwrap_or("0"), "numerator")?,
            Some(eval_num(
                ind.denominator.as_deref().unwrap_or("1"),
                "denominator",
            )?),
        ),
        Kind::PovertyRate => (
            Statistic::PovertyRate { share: 0.6 },
            canon
                .numeric(ind.variable.as_deref().unwrap_or(""))?
                .to_vec(),
            None,
        ),
        Kind::Median | Kind::MedianRatio => (
            Statistic::Quantile {
                p: 0.5,
                rule: QuantileRule::Laeken,
            },
            canon
                .numeric(ind.variable.as_deref().unwrap_or(""))?
                .to_vec(),
            None,
        ),
        Kind::CountRatio => unreachable!("count ratios are not survey estimates"),
    })
}

/// Gaps to `NAT` for every other level of a group factor.
fn gap_contrasts(f: &Factor, variable: usize, ratio: bool) -> Vec<Contrast> {
    let Some(nat) = f.labels.iter().position(|l| l == TargetGroup::Nat.code()) else {
        return Vec::new();
    };
    f.labels
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != nat)
        .map(|(i, l)| Contrast {
            variable,
            a: i as u32,
            b: nat as u32,
            label: if ratio {
                format!("{l}/NAT")
            } else {
                format!("{l}-NAT")
            },
            kind: if ratio {
                ContrastKind::Ratio
            } else {
                ContrastKind::Difference
            },
        })
        .collect()
}

/// The NAT/EU27/NEU27 and NAT/FOR partitions of a citizenship or birth column.
fn group_partitions(
    col: &Column,
    country: Option<&str>,
    c: &Criterion,
) -> Result<(Factor, Factor)> {
    let f = factorize(col, false);
    let mut class: Vec<Option<TargetGroup>> = Vec::with_capacity(f.labels.len());
    let mut bad: Vec<String> = Vec::new();
    for l in &f.labels {
        match classify(l, country) {
            Ok(g) => class.push(g),
            Err(e) => {
                bad.push(e);
                class.push(None);
            }
        }
    }
    if !bad.is_empty() {
        bail!(
            "{} values that cannot be classified: {} (recode them in a mapping file)",
            c.code(),
            bad.join("; ")
        );
    }
    let three_levels = [
        TargetGroup::Nat,
        TargetGroup::Eu27For,
        TargetGroup::Neu27For,
    ];
    let two_levels = [TargetGroup::Nat, TargetGroup::For];
    let code_in = |levels: &[TargetGroup], g: TargetGroup| levels.iter().position(|&x| x == g);
    let mut three = Vec::with_capacity(f.codes.len());
    let mut two = Vec::with_capacity(f.codes.len());
    for &code in &f.codes {
        let g = if code == u32::MAX {
            None
        } else {
            class[code as usize]
        };
        match g {
            Some(g) => {
                three.push(code_in(&three_levels, g).map_or(u32::MAX, |p| p as u32));
                let g2 = if g == TargetGroup::Nat {
                    g
                } else {
                    TargetGroup::For
                };
                two.push(code_in(&two_levels, g2).map_or(u32::MAX, |p| p as u32));
            }
            None => {
                three.push(u32::MAX);
                two.push(u32::MAX);
            }
        }
    }
    Ok((
        Factor {
            codes: three,
            labels: three_levels.iter().map(|g| g.code().to_string()).collect(),
        },
        Factor {
            codes: two,
            labels: two_levels.iter().map(|g| g.code().to_string()).collect(),
        },
    ))
}

/// Recode a sex column to `M` / `F` (1/male/m and 2/female/f).
fn sex_codes(f: &Factor) -> Column {
    let map: Vec<Option<&str>> = f
        .labels
        .iter()
        .map(|l| match l.trim().to_ascii_lowercase().as_str() {
            "1" | "m" | "male" | "man" | "men" => Some("M"),
            "2" | "f" | "female" | "woman" | "women" => Some("F"),
            _ => None,
        })
        .collect();
    let values: Vec<Option<&str>> = f
        .codes
        .iter()
        .map(|&c| if c == u32::MAX { None } else { map[c as usize] })
        .collect();
    Column::Str(StrColumn::from_options(&values))
}

/// Eurostat age code -> (lowest, highest) age: `Y20-64`, `Y_GE18`, `Y_LT15`.
fn age_range(code: &str) -> Option<(f64, f64)> {
    if let Some(v) = code.strip_prefix("Y_GE") {
        return v.parse().ok().map(|lo| (lo, f64::INFINITY));
    }
    if let Some(v) = code.strip_prefix("Y_LT") {
        return v.parse::<f64>().ok().map(|hi| (0.0, hi - 1.0));
    }
    let (lo, hi) = code.strip_prefix('Y')?.split_once('-')?;
    Some((lo.parse().ok()?, hi.parse().ok()?))
}

/// The label of an age band within an indicator's age range (`Y15-24` within `Y20-64` is `Y20-24`).
fn clip_band(band: &str, indicator_age: &str) -> String {
    let (Some((lo, hi)), Some((ilo, ihi))) = (age_range(band), age_range(indicator_age)) else {
        return band.to_string();
    };
    let (lo, hi) = (lo.max(ilo), hi.min(ihi));
    if hi.is_infinite() {
        format!("Y_GE{lo}")
    } else {
        format!("Y{lo}-{hi}")
    }
}

fn age_bands(age: &[f64]) -> Factor {
    let codes = age
        .iter()
        .map(|&a| {
            if a.is_nan() {
                u32::MAX
            } else {
                AGE_BANDS
                    .iter()
                    .position(|&(lo, hi, _)| a >= lo && a <= hi + 0.999_999)
                    .map_or(u32::MAX, |p| p as u32)
            }
        })
        .collect();
    Factor {
        codes,
        labels: AGE_BANDS.iter().map(|b| b.2.to_string()).collect(),
    }
}

#[allow(clippy::too_many_arguments)]
fn to_row(
    ind: &Indicator,
    r: &EstimateRow,
    geo: String,
    criterion: &Criterion,
    group: String,
    sex: String,
    age: String,
    time: &str,
) -> IndicatorRow {
    let scale = match (ind.kind, ind.unit) {
        (Kind::Ratio, Unit::Percent) | (Kind::MedianRatio, _) => 100.0,
        _ => 1.0,
    };
    let is_gap = group.contains('-') || group.contains('/');
    let (ci_low, ci_high) = match (ind.kind, ind.unit) {
        (Kind::Ratio | Kind::PovertyRate, Unit::Percent) if !is_gap => {
            proportion_ci(r, 100.0 / scale).unwrap_or((r.ci_low * scale, r.ci_high * scale))
        }
        _ => (r.ci_low * scale, r.ci_high * scale),
    };
    IndicatorRow {
        indicator: ind.id.clone(),
        geo,
        group_criterion: criterion.code().into(),
        group,
        sex,
        age,
        time: time.to_string(),
        estimate: r.estimate * scale,
        se: r.se * scale,
        ci_low,
        ci_high,
        cv: r.cv,
        deff: r.deff,
        n: Some(r.n),
        pop: r.pop,
        flags: r.reliability.flag().to_string(),
        unit: ind.unit.code().into(),
        note: String::new(),
    }
}

/// The 95 % interval of a proportion in percent (`r` holds it divided by `percent`: 100 for a
/// share estimated on the 0-1 scale, 1 for a rate estimated in percent), inside [0, 100]: the
/// logit interval of R `survey::svyciprop`, Clopper-Pearson at 0 % and 100 %
/// (`civis_compare::proportion_interval`). `None` when the estimate is not a proportion.
fn proportion_ci(r: &EstimateRow, percent: f64) -> Option<(f64, f64)> {
    let p = r.estimate / percent;
    let se = r.se / percent;
    let df = if r.df.is_finite() && r.df > 0.0 {
        r.df
    } else {
        f64::INFINITY
    };
    let i = civis_compare::proportion_interval(p, se, df, r.n, 0.95).ok()??;
    Some((100.0 * i.low, 100.0 * i.high))
}

fn not_computable(ind: &Indicator, geo: &str, time: &str, why: &str) -> IndicatorRow {
    IndicatorRow {
        indicator: ind.id.clone(),
        geo: geo.to_string(),
        group_criterion: String::new(),
        group: TargetGroup::Total.code().into(),
        sex: "T".into(),
        age: ind.age.clone(),
        time: time.to_string(),
        estimate: f64::NAN,
        se: f64::NAN,
        ci_low: f64::NAN,
        ci_high: f64::NAN,
        cv: f64::NAN,
        deff: f64::NAN,
        n: None,
        pop: f64::NAN,
        flags: String::new(),
        unit: ind.unit.code().into(),
        note: format!("not computable from this file: {why}"),
    }
}

/// Administrative counts: `100 * sum numerator / sum denominator` per area (and nationally).
/// Rows are area x group tables; no sampling error.
fn count_ratio(
    ind: &Indicator,
    canon: &Frame,
    national_geo: &str,
    geo: Option<&Factor>,
    time: &str,
) -> Result<Vec<IndicatorRow>> {
    let numv = parse(ind.numerator.as_deref().unwrap_or("0"))
        .and_then(|e| e.eval(canon))
        .map_err(|e| anyhow!("indicator {}: numerator: {e}", ind.id))?;
    let denv = parse(ind.denominator.as_deref().unwrap_or("1"))
        .and_then(|e| e.eval(canon))
        .map_err(|e| anyhow!("indicator {}: denominator: {e}", ind.id))?;
    let (Column::Num(numv), Column::Num(denv)) = (numv, denv) else {
        bail!("indicator {}: counts must be numbers", ind.id);
    };
    let mut acc: BTreeMap<String, (f64, f64, u64)> = BTreeMap::new();
    for i in 0..canon.nrows() {
        let (a, b) = (numv.values[i], denv.values[i]);
        if a.is_nan() || b.is_nan() {
            continue;
        }
        let mut keys = vec![national_geo.to_string()];
        if let Some(g) = geo {
            let c = g.codes[i];
            if c != u32::MAX {
                keys.push(g.labels[c as usize].clone());
            }
        }
        for k in keys {
            let e = acc.entry(k).or_insert((0.0, 0.0, 0));
            e.0 += a;
            e.1 += b;
            e.2 += 1;
        }
    }
    Ok(acc
        .into_iter()
        .map(|(g, (a, b, k))| IndicatorRow {
            indicator: ind.id.clone(),
            geo: g,
            group_criterion: "citizenship".into(),
            group: TargetGroup::Total.code().into(),
            sex: "T".into(),
            age: ind.age.clone(),
            time: time.to_string(),
            estimate: 100.0 * a / b,
            se: f64::NAN,
            ci_low: f64::NAN,
            ci_high: f64::NAN,
            cv: f64::NAN,
            deff: f64::NAN,
            n: Some(k),
            pop: b,
            flags: String::new(),
            unit: ind.unit.code().into(),
            note: "administrative counts: no sampling error".into(),
        })
        .collect())
}

fn cells(r: &IndicatorRow, for_csv: bool) -> Vec<String> {
    let f = |v: f64| if for_csv { num(v) } else { short(v) };
    vec![
        r.indicator.clone(),
        text(&r.geo),
        r.group_criterion.clone(),
        r.group.clone(),
        r.sex.clone(),
        r.age.clone(),
        r.time.clone(),
        f(r.estimate),
        f(r.se),
        f(r.ci_low),
        f(r.ci_high),
        f(r.cv),
        f(r.deff),
        r.n.map(|n| n.to_string()).unwrap_or_default(),
        f(r.pop),
        r.flags.clone(),
        r.unit.clone(),
        r.note.clone(),
    ]
}

/// Write the rows (CSV, JSON, XLSX) to `path`, CSV to standard output for `-`, or a table.
pub fn write(rows: &[IndicatorRow], out: Option<&std::path::Path>) -> Result<()> {
    if let Some(path) = out.filter(|p| p.as_os_str() != "-") {
        if extension(path)? == "xlsx" {
            return write_atomically(path, |w| write_indicators_xlsx(w, rows));
        }
    }
    let exact = out.is_some();
    let table: Vec<Vec<String>> = rows.iter().map(|r| cells(r, exact)).collect();
    write_text_table(
        out,
        &COLUMNS,
        &table,
        &[
            "estimate", "se", "ci_low", "ci_high", "cv", "deff", "n", "pop",
        ],
    )
}

/// Data sheet plus a metadata sheet with the definitions of the indicators present, the target
/// groups and the flags legend.
fn write_indicators_xlsx<W: Write>(w: W, rows: &[IndicatorRow]) -> Result<()> {
    let numeric = [
        "estimate", "se", "ci_low", "ci_high", "cv", "deff", "n", "pop",
    ];
    let data = XlsxSheet {
        name: "indicators".into(),
        header: COLUMNS.iter().map(|c| c.to_string()).collect(),
        rows: rows
            .iter()
            .map(|r| {
                COLUMNS
                    .iter()
                    .zip(cells(r, true))
                    .map(|(c, v)| {
                        if numeric.contains(c) {
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

/// `--country-var`: split the file by country (each country's rows in file order, written to a
/// temporary file) and run every country on its own, as `--country CODE`.
fn run_by_country(args: &IndicatorsArgs, col: &str) -> Result<Vec<IndicatorRow>> {
    let src = args.data.display().to_string();
    let mut r = csv::ReaderBuilder::new()
        .delimiter(args.delimiter as u8)
        .from_path(&args.data)
        .with_context(|| format!("opening {src}"))?;
    let header = r
        .headers()
        .with_context(|| format!("reading {src}"))?
        .clone();
    let c = header
        .iter()
        .position(|h| h.trim().trim_start_matches('\u{feff}') == col)
        .ok_or_else(|| anyhow!("--country-var `{col}`: no such column in {src}"))?;
    let mut by_country: BTreeMap<String, Vec<csv::StringRecord>> = BTreeMap::new();
    for (i, rec) in r.records().enumerate() {
        let rec = rec.with_context(|| format!("reading {src}"))?;
        let code = rec.get(c).unwrap_or("").trim().to_string();
        if code.is_empty() {
            bail!("{src}: line {}: country `{col}` is missing", i + 2);
        }
        by_country.entry(code).or_default().push(rec);
    }
    let dir = std::env::temp_dir().join(format!(
        "civis-indicators-{}-{}",
        std::process::id(),
        by_country.len()
    ));
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let result = (|| -> Result<Vec<IndicatorRow>> {
        let mut rows = Vec::new();
        for (code, records) in &by_country {
            let file = dir.join(format!("{code}.csv"));
            let mut w = csv::WriterBuilder::new()
                .delimiter(args.delimiter as u8)
                .from_path(&file)?;
            w.write_record(&header)?;
            for rec in records {
                w.write_record(rec)?;
            }
            w.flush()?;
            let one = IndicatorsArgs {
                data: file,
                country: Some(code.clone()),
                country_var: None,
                out: None,
                ..args.clone()
            };
            rows.extend(run(&one).with_context(|| format!("{col} = {code}"))?);
        }
        Ok(rows)
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}
