//! Every ratio indicator (employment rates, shares: [`Kind::Ratio`]), for every group criterion,
//! breakdown, area and target group, from one pass over the rows.
//!
//! The pass adds each row once to [`LinearAccumulator`] partial sums on its finest cell: the
//! set of indicator populations it belongs to x area x sex x age band x its group under each
//! criterion (`NAT`/`EU27_2020_FOR`/`NEU27_2020_FOR` and `NAT`/`FOR`). Each indicator then
//! unites those sums into the overlapping domains the per-indicator engine estimates one
//! partition at a time (the country and every area; `TOTAL`, the three groups and `FOR`, each
//! alone or by sex and age band), and one sweep over the PSUs
//! ([`LinearAccumulator::estimate_overlapping_all`]) estimates them for every indicator, with
//! the gaps to `NAT`, on the design whose units are the PSUs. Sums over a
//! domain's rows are the same sums taken per PSU and cell first, so the rows equal those of
//! [`super::engine::survey_indicator`] up to rounding, in the same order.
//!
//! Quantiles, poverty rates, median ratios and replicate weights shipped in the file keep the
//! per-indicator engine (their estimators need the rows).

use std::collections::HashMap;

use civis_catalog::{Criterion, Indicator, Kind, TargetGroup};
use civis_frame::expr::parse;
use civis_frame::factor::{factorize, Factor};
use civis_survey::partials::{
    DomainTable, KeyHash, LinearAccumulator, LinearRequest, LinearVariance, Rows,
};
use civis_survey::{
    Contrast, ContrastKind, EstimateRow, LonelyPsu, ReliabilityRule, ReplicateScheme, Statistic,
    SurveyError,
};
use rayon::prelude::*;

use super::engine::{clip_band, statistic_inputs, to_row, Inputs};
use super::IndicatorRow;
use crate::design::grouping;
use crate::error::{invalid, Result};
use crate::variance::VarianceMethod;

/// The output group levels, in the order of the per-indicator partitions.
const LEVELS: [TargetGroup; 5] = [
    TargetGroup::Nat,
    TargetGroup::Eu27For,
    TargetGroup::Neu27For,
    TargetGroup::For,
    TargetGroup::Total,
];
const NAT: u32 = 0;
const FOR: u32 = 3;
const TOTAL: u32 = 4;

/// The partial sums of linear statistics hold at most this many.
const MAX_STATS: usize = 64;

/// Which survey jobs the pass can answer: ratio indicators, when the variance is not computed
/// from replicate weights in the file and there are at most 64 of them.
pub(super) fn fusable(variance: &VarianceMethod, inds: &[&Indicator]) -> Vec<bool> {
    let ratio: Vec<bool> = inds.iter().map(|i| i.kind == Kind::Ratio).collect();
    let n = ratio.iter().filter(|&&r| r).count();
    if linear_variance(variance).is_none() || n > MAX_STATS {
        return vec![false; inds.len()];
    }
    ratio
}

fn linear_variance(method: &VarianceMethod) -> Option<LinearVariance> {
    let scheme = match method {
        VarianceMethod::Linearised => return Some(LinearVariance::Linearised),
        VarianceMethod::Columns { .. } => return None,
        VarianceMethod::Jackknife => ReplicateScheme::JackknifeN,
        VarianceMethod::Bootstrap { replicates, seed } => ReplicateScheme::Bootstrap {
            replicates: *replicates,
            seed: *seed,
        },
        VarianceMethod::Brr { rho } => ReplicateScheme::Brr { rho: *rho },
    };
    Some(LinearVariance::Replicate { scheme, mse: false })
}

/// One ratio indicator with its publication rule.
pub(super) struct Job<'a> {
    pub ind: &'a Indicator,
    pub rule: ReliabilityRule,
}

/// The rows of each indicator for each criterion (`rows[i][c]`: `jobs[i]`, `criteria[c]`).
pub(super) fn run(
    ctx: &Inputs<'_>,
    jobs: &[Job<'_>],
    criteria: &[Criterion],
    variance: &VarianceMethod,
    lonely: LonelyPsu,
) -> Result<Vec<Vec<Vec<IndicatorRow>>>> {
    let Some(linear) = linear_variance(variance) else {
        return Err(invalid!("replicate weights in the file need the rows"));
    };
    let cells = FineCells::new(ctx, criteria);
    type Columns = (Vec<bool>, (Vec<f64>, Option<Vec<f64>>));
    let columns: Vec<Columns> = jobs
        .par_iter()
        .map(|j| {
            let keep = parse(&j.ind.population)
                .and_then(|e| e.eval_filter(ctx.canon))
                .map_err(|e| invalid!("indicator {}: population: {e}", j.ind.id))?;
            let (_, y, x) = statistic_inputs(j.ind, ctx.canon)?;
            Ok((keep, (y, x)))
        })
        .collect::<Result<_>>()?;
    let (populations, inputs): (Vec<Vec<bool>>, Vec<_>) = columns.into_iter().unzip();
    let (domain, keys) = cells.domains(&populations);
    let acc = accumulate(ctx, jobs.len(), &domain, &inputs)?;
    let fine = cells.decode(&keys);
    let ests: Vec<Estimation<'_>> = jobs
        .iter()
        .map(|job| Estimation {
            ctx,
            criteria,
            job,
            linear: linear.clone(),
            lonely,
        })
        .collect();
    let domains: Vec<Domains> = ests
        .par_iter()
        .enumerate()
        .map(|(s, est)| est.domains(s, &fine))
        .collect();
    let requests: Vec<LinearRequest<'_>> = ests
        .iter()
        .zip(&domains)
        .map(|(est, d)| est.request(d))
        .collect();
    let overlapping: Vec<(usize, &[Vec<u32>], &LinearRequest<'_>)> = domains
        .iter()
        .zip(&requests)
        .enumerate()
        .map(|(s, (d, req))| (s, d.unions.as_slice(), req))
        .collect();
    let estimated = acc.estimate_overlapping_all(&overlapping);
    ests.par_iter()
        .zip(&domains)
        .zip(estimated)
        .map(|((est, d), rows)| est.rows(d, &rows?))
        .collect()
}

/// The one pass: every row into the partial sums of every indicator, on its fine cell.
fn accumulate(
    ctx: &Inputs<'_>,
    ns: usize,
    domain: &[u32],
    inputs: &[(Vec<f64>, Option<Vec<f64>>)],
) -> Result<LinearAccumulator> {
    let canon = ctx.canon;
    let strata = canon.column("strata").ok().map(|c| factorize(c, false));
    let psu_keys: Vec<u64> = match canon.column("psu") {
        Ok(c) => factorize(c, false)
            .codes
            .iter()
            .map(|&c| {
                if c == u32::MAX {
                    u64::MAX
                } else {
                    u64::from(c)
                }
            })
            .collect(),
        Err(_) => (0..canon.nrows() as u64).collect(),
    };
    let weights = canon.numeric("weight")?;
    let rows = Rows {
        weights,
        strata: strata.as_ref().map(grouping),
        psu: &psu_keys,
        psu_label: &|k| k.to_string(),
        fpc: None,
        domain,
        y: inputs.iter().map(|(y, _)| y.as_slice()).collect(),
        x: inputs.iter().map(|(_, x)| x.as_deref()).collect(),
    };
    let add = |acc: LinearAccumulator| -> std::result::Result<LinearAccumulator, SurveyError> {
        let mut acc = acc;
        acc.add(&rows)?;
        Ok(acc)
    };
    let fresh = || LinearAccumulator::new(vec![Statistic::Ratio; ns], true);
    // survey files come grouped by PSU; when they are not, PSUs are found by hash
    Ok(match add(fresh()?) {
        Err(SurveyError::PsuNotGrouped { .. }) => add(fresh()?.any_order())?,
        r => r?,
    })
}

/// The finest cross-classification of the rows: population set x area x sex x age band x the
/// groups under each criterion (a missing value is a level of its own: such rows still count
/// where that variable is not a domain variable).
struct FineCells<'a> {
    geo: Option<&'a Factor>,
    sex: Option<&'a Factor>,
    age: Option<&'a Factor>,
    groups: Vec<&'a (Factor, Factor)>,
}

/// One fine cell, decoded (`u32::MAX`: missing).
struct Fine {
    /// Bit `s`: the rows are in indicator `s`'s population.
    populations: u64,
    geo: u32,
    sex: u32,
    age: u32,
    /// `(three-group code, two-group code)` per criterion.
    groups: Vec<(u32, u32)>,
}

/// The number of levels of a factor plus one for the missing value.
fn radix(f: Option<&Factor>) -> u64 {
    f.map_or(1, |f| f.labels.len() as u64 + 1)
}

/// A factor code with the missing value as the last level.
fn digit(f: Option<&Factor>, row: usize) -> u64 {
    match f {
        None => 0,
        Some(f) => match f.codes[row] {
            u32::MAX => f.labels.len() as u64,
            c => u64::from(c),
        },
    }
}

impl<'a> FineCells<'a> {
    fn new(ctx: &'a Inputs<'a>, criteria: &[Criterion]) -> FineCells<'a> {
        let by_sex = ctx.breakdowns.iter().any(|b| b.0);
        let by_age = ctx.breakdowns.iter().any(|b| b.1);
        FineCells {
            geo: ctx.geo,
            sex: ctx.sex.filter(|_| by_sex),
            age: ctx.age.filter(|_| by_age),
            groups: criteria.iter().map(|c| &ctx.groups[c]).collect(),
        }
    }

    /// The fine cell of each row (`u32::MAX`: in no population) and each cell's
    /// `(population set, key)`.
    fn domains(&self, populations: &[Vec<bool>]) -> (Vec<u32>, Vec<(u64, u64)>) {
        let n = populations.first().map_or(0, Vec::len);
        let mut sets: HashMap<u64, u64, KeyHash> = HashMap::default();
        let mut ids: HashMap<u64, u32, KeyHash> = HashMap::default();
        let mut cells: Vec<(u64, u64)> = Vec::new();
        let mut last: Option<(u64, u32)> = None;
        let domain = (0..n)
            .map(|row| {
                let set = populations
                    .iter()
                    .enumerate()
                    .fold(0u64, |m, (s, p)| m | (u64::from(p[row]) << s));
                if set == 0 {
                    return u32::MAX;
                }
                let next = sets.len() as u64;
                let mut key = *sets.entry(set).or_insert(next);
                for f in [self.geo, self.sex, self.age] {
                    key = key * radix(f) + digit(f, row);
                }
                for (three, two) in &self.groups {
                    key = key * radix(Some(three)) + digit(Some(three), row);
                    key = key * radix(Some(two)) + digit(Some(two), row);
                }
                if let Some((_, id)) = last.filter(|l| l.0 == key) {
                    return id;
                }
                let next = ids.len() as u32;
                let id = *ids.entry(key).or_insert(next);
                if id == next {
                    cells.push((set, key));
                }
                last = Some((key, id));
                id
            })
            .collect();
        (domain, cells)
    }

    /// The cells' variables back from their keys.
    fn decode(&self, cells: &[(u64, u64)]) -> Vec<Fine> {
        let level = |f: Option<&Factor>, key: &mut u64| -> u32 {
            let r = radix(f);
            let d = *key % r;
            *key /= r;
            match f {
                Some(f) if d < f.labels.len() as u64 => d as u32,
                _ => u32::MAX,
            }
        };
        cells
            .iter()
            .map(|&(populations, mut key)| {
                let mut groups: Vec<(u32, u32)> = self
                    .groups
                    .iter()
                    .rev()
                    .map(|(three, two)| {
                        let two = level(Some(two), &mut key);
                        (level(Some(three), &mut key), two)
                    })
                    .collect();
                groups.reverse();
                let age = level(self.age, &mut key);
                let sex = level(self.sex, &mut key);
                let geo = level(self.geo, &mut key);
                Fine {
                    populations,
                    geo,
                    sex,
                    age,
                    groups,
                }
            })
            .collect()
    }
}

/// One indicator's coarse domains: the unions of the fine cells, the blocks and table of its
/// rows, the gaps.
struct Domains {
    unions: Vec<Vec<u32>>,
    blocks: Vec<Block>,
    table: DomainTable,
    contrasts: Vec<Contrast>,
    variables: [String; 1],
    country: Option<Vec<Option<String>>>,
}

/// One indicator's estimation from the pass.
struct Estimation<'a> {
    ctx: &'a Inputs<'a>,
    criteria: &'a [Criterion],
    job: &'a Job<'a>,
    linear: LinearVariance,
    lonely: LonelyPsu,
}

/// A coarse domain: criterion, area (the level count: the country), sex (`T`), age band (the indicator's range), level of
/// [`LEVELS`].
type Coarse = [u32; 5];

/// Where an output row goes: criterion, breakdown, by area, partition (`TOTAL`, the three
/// groups, `FOR`), as the per-indicator engine orders them.
type Block = (usize, usize, bool, u32);

impl Estimation<'_> {
    fn levels(f: Option<&Factor>) -> u32 {
        f.map_or(0, |f| f.labels.len() as u32)
    }

    /// The coarse domains every fine cell of indicator `s` adds to.
    fn unions(&self, s: usize, fine: &[Fine]) -> (Vec<Vec<u32>>, Vec<Coarse>) {
        let ctx = self.ctx;
        let (national, all_sexes, all_ages) = (
            Self::levels(ctx.geo),
            Self::levels(ctx.sex),
            Self::levels(ctx.age),
        );
        // a dense index of every coarse key (each variable's levels plus its total)
        let radices = [
            self.criteria.len(),
            national as usize + 1,
            all_sexes as usize + 1,
            all_ages as usize + 1,
            LEVELS.len(),
        ];
        let mut ids = vec![u32::MAX; radices.iter().product()];
        let mut coarse: Vec<Coarse> = Vec::new();
        let mut id_of = |k: Coarse| -> u32 {
            let at = k
                .iter()
                .zip(radices)
                .fold(0, |at, (&v, r)| at * r + v as usize);
            if ids[at] == u32::MAX {
                ids[at] = coarse.len() as u32;
                coarse.push(k);
            }
            ids[at]
        };
        let unions = fine
            .iter()
            .map(|f| {
                let mut to = Vec::new();
                if f.populations & (1 << s) == 0 {
                    return to;
                }
                for &(by_sex, by_age) in ctx.breakdowns {
                    if (by_sex && f.sex == u32::MAX) || (by_age && f.age == u32::MAX) {
                        continue;
                    }
                    let sex = if by_sex { f.sex } else { all_sexes };
                    let age = if by_age { f.age } else { all_ages };
                    for with_geo in [false, true] {
                        if with_geo && (ctx.geo.is_none() || f.geo == u32::MAX) {
                            continue;
                        }
                        let geo = if with_geo { f.geo } else { national };
                        for (c, &(three, two)) in f.groups.iter().enumerate() {
                            // TOTAL once per criterion: a domain id is one table row (the
                            // replicates index rows by id)
                            to.push(id_of([c as u32, geo, sex, age, TOTAL]));
                            if three != u32::MAX {
                                to.push(id_of([c as u32, geo, sex, age, three]));
                            }
                            // the two-group factor's levels are NAT, FOR
                            if two == 1 {
                                to.push(id_of([c as u32, geo, sex, age, FOR]));
                            }
                        }
                    }
                }
                to
            })
            .collect();
        (unions, coarse)
    }

    /// The labels of a coarse domain under criterion `c`.
    fn labels(&self, c: usize, k: &Coarse) -> Vec<String> {
        let ctx = self.ctx;
        let label = |f: Option<&Factor>, code: u32, default: &str| -> String {
            f.and_then(|f| f.labels.get(code as usize))
                .cloned()
                .unwrap_or_else(|| default.to_string())
        };
        vec![
            self.criteria[c].code().to_string(),
            label(ctx.geo, k[1], ctx.national_geo),
            label(ctx.sex, k[2], "T"),
            label(ctx.age, k[3], &self.job.ind.age),
            LEVELS[k[4] as usize].code().to_string(),
        ]
    }

    /// The block of a coarse domain under criterion `c`.
    fn block(&self, c: usize, k: &Coarse) -> Block {
        let ctx = self.ctx;
        let by_sex = k[2] != Self::levels(ctx.sex);
        let by_age = k[3] != Self::levels(ctx.age);
        let b = ctx
            .breakdowns
            .iter()
            .position(|&x| x == (by_sex, by_age))
            .unwrap_or(0);
        let partition = match k[4] {
            TOTAL => 0,
            FOR => 2,
            _ => 1,
        };
        (c, b, k[1] != Self::levels(ctx.geo), partition)
    }

    /// The indicator's domains (statistic `s`): what each fine cell adds to, and the table.
    fn domains(&self, s: usize, fine: &[Fine]) -> Domains {
        let (unions, coarse) = self.unions(s, fine);
        let mut entries: Vec<(Block, Coarse, u32)> = Vec::new();
        for (id, k) in coarse.iter().enumerate() {
            entries.push((self.block(k[0] as usize, k), *k, id as u32));
        }
        entries.sort_by_key(|e| (e.0, e.1[1], e.1[2], e.1[3], e.1[4]));
        let table = DomainTable {
            variables: ["criterion", "geo", "sex", "age", "group"]
                .map(String::from)
                .to_vec(),
            labels: entries.iter().map(|e| self.labels(e.0 .0, &e.1)).collect(),
            codes: entries.iter().map(|e| e.1.to_vec()).collect(),
            id: entries.iter().map(|e| e.2).collect(),
        };
        let contrasts: Vec<Contrast> = [1, 2, FOR]
            .iter()
            .map(|&a| Contrast {
                variable: 4,
                a,
                b: NAT,
                label: format!("{}-{}", LEVELS[a as usize].code(), TargetGroup::Nat.code()),
                kind: ContrastKind::Difference,
            })
            .collect();
        Domains {
            unions,
            blocks: entries.iter().map(|e| e.0).collect(),
            table,
            contrasts,
            variables: [self.job.ind.id.clone()],
            country: self
                .ctx
                .country
                .map(|c| vec![Some(c.to_string()); entries.len()]),
        }
    }

    /// The estimation request of the indicator's domains.
    fn request<'a>(&self, d: &'a Domains) -> LinearRequest<'a> {
        LinearRequest {
            variables: &d.variables,
            domains: &d.table,
            contrasts: &d.contrasts,
            variance: self.linear.clone(),
            lonely: self.lonely,
            reliability: self.job.rule.clone(),
            country_of_domain: d.country.clone(),
            level: 0.95,
        }
    }

    /// The indicator's rows under each criterion, from the estimated domains and gaps.
    fn rows(&self, d: &Domains, estimated: &[EstimateRow]) -> Result<Vec<Vec<IndicatorRow>>> {
        let mut out: Vec<Vec<IndicatorRow>> = vec![Vec::new(); self.criteria.len()];
        if d.blocks.is_empty() {
            return Ok(out);
        }
        let table = &d.table;
        // the blocks of the rows: the domains in order, then each gap as the estimator pairs them
        let mut blocks: Vec<Block> = d.blocks.clone();
        let find: std::collections::HashSet<&[u32]> =
            table.codes.iter().map(Vec::as_slice).collect();
        for c in &d.contrasts {
            for (i, codes) in table.codes.iter().enumerate() {
                let mut partner = codes.clone();
                partner[4] = c.b;
                if codes[4] == c.a && find.contains(partner.as_slice()) {
                    blocks.push(d.blocks[i]);
                }
            }
        }
        if blocks.len() != estimated.len() {
            return Err(invalid!(
                "indicator {}: the gaps do not pair as expected",
                self.job.ind.id
            ));
        }
        let mut tagged: Vec<(Block, IndicatorRow)> = blocks
            .into_iter()
            .zip(estimated)
            .map(|(b, r)| (b, self.row(b, r)))
            .collect();
        tagged.sort_by_key(|t| t.0);
        for (b, row) in tagged {
            out[b.0].push(row);
        }
        Ok(out)
    }

    /// One output row (labels: criterion, geo, sex, age band, group).
    fn row(&self, b: Block, r: &EstimateRow) -> IndicatorRow {
        let ind = self.job.ind;
        let by_age = self.ctx.breakdowns.get(b.1).is_some_and(|x| x.1);
        let l = &r.domain;
        let age = if by_age {
            clip_band(&l[3], &ind.age)
        } else {
            l[3].clone()
        };
        to_row(
            ind,
            r,
            l[1].clone(),
            &self.criteria[b.0],
            l[4].clone(),
            l[2].clone(),
            age,
            self.ctx.time,
        )
    }
}

/// The rows of every job the pass answers (`None`: the per-indicator engine's), jobs being
/// (indicator, criterion, rule) with every criterion of `criteria` for each indicator.
pub(super) fn answer(
    ctx: &Inputs<'_>,
    jobs: &[(&Indicator, Criterion, ReliabilityRule)],
    criteria: &[Criterion],
    variance: &VarianceMethod,
    lonely: LonelyPsu,
) -> Result<Vec<Option<Vec<IndicatorRow>>>> {
    let mut order: Vec<&Indicator> = Vec::new();
    let mut fused: Vec<Job<'_>> = Vec::new();
    for (ind, _, rule) in jobs {
        if !order.iter().any(|i| i.id == ind.id) {
            order.push(ind);
            fused.push(Job {
                ind,
                rule: rule.clone(),
            });
        }
    }
    let keep = fusable(variance, &order);
    fused.retain(|j| keep[order.iter().position(|i| i.id == j.ind.id).unwrap_or(0)]);
    if fused.is_empty() {
        return Ok(jobs.iter().map(|_| None).collect());
    }
    let mut rows = run(ctx, &fused, criteria, variance, lonely)?;
    Ok(jobs
        .iter()
        .map(|(ind, c, _)| {
            let i = fused.iter().position(|j| j.ind.id == ind.id)?;
            let c = criteria.iter().position(|x| x == c)?;
            Some(std::mem::take(&mut rows[i][c]))
        })
        .collect())
}
