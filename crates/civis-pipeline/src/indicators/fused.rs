//! Every ratio indicator (employment rates, shares: [`Kind::Ratio`]), for every group criterion,
//! breakdown, area and target group, from one pass over the rows.
//!
//! The pass ([`super::pass`]) adds each row once to `LinearAccumulator` partial sums on its finest cell: the
//! set of indicator populations it belongs to x area x sex x age band x its group under each
//! criterion (`NAT`/`EU27_2020_FOR`/`NEU27_2020_FOR` and `NAT`/`FOR`). Each indicator then
//! unites those sums into the overlapping domains the per-indicator engine estimates one
//! partition at a time (the country and every area; `TOTAL`, the three groups and `FOR`, each
//! alone or by sex and age band), and one sweep over the PSUs
//! (`LinearAccumulator::estimate_overlapping_all`) estimates them for every indicator, with
//! the gaps to `NAT`, on the design whose units are the PSUs. Sums over a
//! domain's rows are the same sums taken per PSU and cell first, so the rows equal those of
//! [`super::engine::survey_indicator`] up to rounding, in the same order.
//!
//! Quantiles, poverty rates, median ratios and replicate weights shipped in the file keep the
//! per-indicator engine (their estimators need the rows).

use civis_catalog::{Criterion, Indicator, Kind, TargetGroup};
use civis_frame::factor::Factor;
use civis_frame::Column;
use civis_survey::partials::{DomainTable, LinearAccumulator, LinearRequest, LinearVariance};
use civis_survey::{
    Contrast, ContrastKind, EstimateRow, LonelyPsu, ReliabilityRule, ReplicateScheme,
};
use rayon::prelude::*;

use super::engine::{age_bands, clip_band, to_row, Inputs};
use super::pass::{Coder, Fine, Outcome, Pass};
use super::IndicatorRow;
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

/// The areas, sexes and age bands of the run (their labels in output order) and what every
/// row carries.
pub(super) struct Layout<'a> {
    pub geo: Option<Factor>,
    pub sex: Option<Factor>,
    pub age: Option<Factor>,
    pub breakdowns: &'a [(bool, bool)],
    pub national_geo: &'a str,
    pub time: &'a str,
    pub country: Option<&'a str>,
}

impl<'a> Layout<'a> {
    /// The layout of the cells a pass met.
    pub(super) fn new(
        pass: &Pass<'a>,
        coder: &Coder,
        breakdowns: &'a [(bool, bool)],
        national_geo: &'a str,
        time: &'a str,
    ) -> Layout<'a> {
        let (geo, sex) = coder.factors(pass);
        Layout {
            geo,
            sex,
            age: pass.by_age.then(|| age_bands(&[])),
            breakdowns,
            national_geo,
            time,
            country: pass.country,
        }
    }
}

/// One ratio indicator with its publication rule.
pub(super) struct Job<'a> {
    pub ind: &'a Indicator,
    pub rule: ReliabilityRule,
}

/// The rows of each indicator for each criterion (`rows[i][c]`: `jobs[i]`, `criteria[c]`),
/// from the sums `acc` of a pass over every row (`jobs[i]` is the pass's `inds[i]`) and the
/// cells `coder` met.
pub(super) fn estimate(
    pass: &Pass<'_>,
    jobs: &[Job<'_>],
    (acc, coder): (&LinearAccumulator, &Coder),
    layout: &Layout<'_>,
    variance: &VarianceMethod,
    lonely: LonelyPsu,
) -> Result<Vec<Vec<Vec<IndicatorRow>>>> {
    let Some(linear) = linear_variance(variance) else {
        return Err(invalid!("replicate weights in the file need the rows"));
    };
    let fine = coder.fine(pass);
    let ests: Vec<Estimation<'_>> = jobs
        .iter()
        .map(|job| Estimation {
            layout,
            criteria: pass.criteria,
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
    layout: &'a Layout<'a>,
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
        let ctx = self.layout;
        let (national, all_sexes, all_ages) = (
            Self::levels(ctx.geo.as_ref()),
            Self::levels(ctx.sex.as_ref()),
            Self::levels(ctx.age.as_ref()),
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
        let ctx = self.layout;
        let label = |f: Option<&Factor>, code: u32, default: &str| -> String {
            f.and_then(|f| f.labels.get(code as usize))
                .cloned()
                .unwrap_or_else(|| default.to_string())
        };
        vec![
            self.criteria[c].code().to_string(),
            label(ctx.geo.as_ref(), k[1], ctx.national_geo),
            label(ctx.sex.as_ref(), k[2], "T"),
            label(ctx.age.as_ref(), k[3], &self.job.ind.age),
            LEVELS[k[4] as usize].code().to_string(),
        ]
    }

    /// The block of a coarse domain under criterion `c`.
    fn block(&self, c: usize, k: &Coarse) -> Block {
        let ctx = self.layout;
        let by_sex = k[2] != Self::levels(ctx.sex.as_ref());
        let by_age = k[3] != Self::levels(ctx.age.as_ref());
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
        (c, b, k[1] != Self::levels(ctx.geo.as_ref()), partition)
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
                .layout
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
        let by_age = self.layout.breakdowns.get(b.1).is_some_and(|x| x.1);
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
            self.layout.time,
        )
    }
}

/// The rows of every job the pass answers (`None`: the per-indicator engine's), jobs being
/// (indicator, criterion, rule) with every criterion of `criteria` for each indicator.
pub(super) fn answer(
    ctx: &Inputs<'_>,
    geo_column: Option<&Column>,
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
    let by = (ctx.geo.is_some(), ctx.sex.is_some(), ctx.age.is_some());
    let pass = Pass::new(
        fused.iter().map(|j| j.ind).collect(),
        criteria,
        ctx.country,
        by,
    );
    let Outcome::Read(read) = pass.frame(geo_column, ctx.canon)? else {
        return Err(invalid!("the frame's columns changed type"));
    };
    let (acc, coder) = &*read;
    let layout = Layout::new(&pass, coder, ctx.breakdowns, ctx.national_geo, ctx.time);
    let mut rows = estimate(&pass, &fused, (acc, coder), &layout, variance, lonely)?;
    Ok(jobs
        .iter()
        .map(|(ind, c, _)| {
            let i = fused.iter().position(|j| j.ind.id == ind.id)?;
            let c = criteria.iter().position(|x| x == c)?;
            Some(std::mem::take(&mut rows[i][c]))
        })
        .collect())
}
