//! The survey estimation of one indicator in every partition, and the administrative counts.

use std::collections::BTreeMap;

use civis_catalog::{classify, Criterion, Indicator, Kind, TargetGroup, Unit};
use civis_frame::expr::parse;
use civis_frame::factor::{factorize, Factor};
use civis_frame::{Column, Frame, StrColumn};
use civis_survey::{
    estimate, Contrast, ContrastKind, Design, Domains, EstimateRow, Grouping, Measures,
    QuantileRule, ReliabilityRule, Request, StatRequest, Statistic, VarianceMethod,
};

use super::IndicatorRow;
use crate::design::grouping;
use crate::error::{bail, invalid, Result};

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

/// What every survey indicator is computed from.
pub(super) struct Inputs<'a> {
    pub canon: &'a Frame,
    pub design: &'a Design,
    pub variance: &'a VarianceMethod<'a>,
    pub geo: Option<&'a Factor>,
    pub sex: Option<&'a Factor>,
    pub age: Option<&'a Factor>,
    pub groups: &'a BTreeMap<Criterion, (Factor, Factor)>,
    pub breakdowns: &'a [(bool, bool)],
    pub national_geo: &'a str,
    pub time: &'a str,
    pub country: Option<&'a str>,
}

/// One survey indicator for one group criterion: the country and every area (x breakdown), in
/// the TOTAL, NAT/EU27/NEU27 and NAT/FOR partitions, with the gaps.
pub(super) fn survey_indicator(
    ctx: &Inputs<'_>,
    ind: &Indicator,
    criterion: Criterion,
    rule: &ReliabilityRule,
) -> Result<Vec<IndicatorRow>> {
    let n = ctx.canon.nrows();
    let mut rows = Vec::new();
    let population = parse(&ind.population)
        .and_then(|e| e.eval_filter(ctx.canon))
        .map_err(|e| invalid!("indicator {}: population: {e}", ind.id))?;
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
                let domains = Domains::new(n, &by, Some(&keep)).map_err(|e| invalid!("{e}"))?;
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

pub(super) fn statistic_inputs(
    ind: &Indicator,
    canon: &Frame,
) -> Result<(Statistic, Vec<f64>, Option<Vec<f64>>)> {
    let eval_num = |e: &str, what: &str| -> Result<Vec<f64>> {
        let col = parse(e)
            .and_then(|x| x.eval(canon))
            .map_err(|err| invalid!("indicator {}: {what}: {err}", ind.id))?;
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
pub(super) fn gap_contrasts(f: &Factor, variable: usize, ratio: bool) -> Vec<Contrast> {
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
pub(super) fn group_partitions(
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
pub(super) fn sex_codes(f: &Factor) -> Column {
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
pub(super) fn age_range(code: &str) -> Option<(f64, f64)> {
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
pub(super) fn clip_band(band: &str, indicator_age: &str) -> String {
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

pub(super) fn age_bands(age: &[f64]) -> Factor {
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
pub(super) fn to_row(
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
            proportion_ci(r, 100.0 / scale)
                .unwrap_or((r.measures.ci_low * scale, r.measures.ci_high * scale))
        }
        _ => (r.measures.ci_low * scale, r.measures.ci_high * scale),
    };
    IndicatorRow {
        indicator: ind.id.clone(),
        geo,
        group_criterion: criterion.code().into(),
        group,
        sex,
        age,
        time: time.to_string(),
        measures: Measures {
            estimate: r.measures.estimate * scale,
            se: r.measures.se * scale,
            ci_low,
            ci_high,
            ..r.measures
        },
        n: Some(r.n),
        flags: r.reliability.flag().to_string(),
        unit: ind.unit.code().into(),
        note: String::new(),
    }
}

/// The 95 % interval of a proportion in percent (`r` holds it divided by `percent`: 100 for a
/// share estimated on the 0-1 scale, 1 for a rate estimated in percent), inside [0, 100]: the
/// logit interval of R `survey::svyciprop`, Clopper-Pearson at 0 % and 100 %
/// (`civis_compare::proportion_interval`). `None` when the estimate is not a proportion.
pub(super) fn proportion_ci(r: &EstimateRow, percent: f64) -> Option<(f64, f64)> {
    let p = r.measures.estimate / percent;
    let se = r.measures.se / percent;
    let df = if r.df.is_finite() && r.df > 0.0 {
        r.df
    } else {
        f64::INFINITY
    };
    let i = civis_compare::proportion_interval(p, se, df, r.n, 0.95).ok()??;
    Some((100.0 * i.low, 100.0 * i.high))
}

pub(super) fn not_computable(ind: &Indicator, geo: &str, time: &str, why: &str) -> IndicatorRow {
    IndicatorRow {
        indicator: ind.id.clone(),
        geo: geo.to_string(),
        group_criterion: String::new(),
        group: TargetGroup::Total.code().into(),
        sex: "T".into(),
        age: ind.age.clone(),
        time: time.to_string(),
        measures: Measures::MISSING,
        n: None,
        flags: String::new(),
        unit: ind.unit.code().into(),
        note: format!("not computable from this file: {why}"),
    }
}

/// Administrative counts: `100 * sum numerator / sum denominator` per area (and nationally).
/// Rows are area x group tables; no sampling error.
pub(super) fn count_ratio(
    ind: &Indicator,
    canon: &Frame,
    national_geo: &str,
    geo: Option<&Factor>,
    time: &str,
) -> Result<Vec<IndicatorRow>> {
    let numv = parse(ind.numerator.as_deref().unwrap_or("0"))
        .and_then(|e| e.eval(canon))
        .map_err(|e| invalid!("indicator {}: numerator: {e}", ind.id))?;
    let denv = parse(ind.denominator.as_deref().unwrap_or("1"))
        .and_then(|e| e.eval(canon))
        .map_err(|e| invalid!("indicator {}: denominator: {e}", ind.id))?;
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
            measures: Measures {
                estimate: 100.0 * a / b,
                pop: b,
                ..Measures::MISSING
            },
            n: Some(k),
            flags: String::new(),
            unit: ind.unit.code().into(),
            note: "administrative counts: no sampling error".into(),
        })
        .collect())
}
