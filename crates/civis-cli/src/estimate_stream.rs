//! `civis estimate` in bounded memory: totals, means and ratios (with their domains, contrasts,
//! linearised, jackknife, bootstrap and BRR variances) read the file chunk by chunk into
//! per-(stratum, PSU, domain) partial sums (`civis_survey::partials`), so memory grows with the
//! PSUs x domains, not with the rows. Everything else (quantiles and the EU-SILC indicators,
//! proportions, calibration, two-stage designs, supplied replicate weights, `--domain-size`,
//! `--country-var`, designs without `--psu`) reads the whole file as before.
//!
//! Chunks are about [`civis_io::chunks::BLOCK`] bytes; the environment variable
//! `CIVIS_CHUNK_BYTES` sets another size (the tests cut small files into many chunks).

use std::collections::HashMap;

use anyhow::{anyhow, bail, Result};

use civis_frame::expr::{Definition, Expr};
use civis_frame::factor::Factor;
use civis_frame::{format_number, Column, Frame};
use civis_io::{ColumnChunks, CsvChunks, CsvOptions, ReadError};
use civis_survey::partials::{DomainTable, LinearAccumulator, LinearRequest, LinearVariance, Rows};
use civis_survey::{Contrast, Grouping, LonelyPsu, ReliabilityRule, ReplicateScheme, Statistic};

use crate::estimate_cmd::{locate, EstimateArgs, EstimateOutput, StatSpec, VarianceSpec};

/// What the streaming path needs from the parsed arguments.
pub(crate) struct StreamPlan<'a> {
    pub args: &'a EstimateArgs,
    pub defs: &'a [Definition],
    pub where_expr: Option<&'a Expr>,
    pub stats: &'a [StatSpec],
    pub variance: &'a VarianceSpec,
    pub reliability: &'a ReliabilityRule,
    pub columns: Vec<String>,
}

/// Whether the call can be answered from partial sums.
pub(crate) fn streamable(p: &StreamPlan<'_>) -> bool {
    let a = p.args;
    a.psu.is_some()
        && a.calibration.calibrate.is_empty()
        && a.calibration.poststratify.is_none()
        && a.calibration.rake.is_empty()
        && a.multistage.ssu.is_none()
        && a.domain_size.is_none()
        && a.country_var.is_none()
        && a.by.len() <= 4
        && !matches!(p.variance, VarianceSpec::Columns { .. })
        && p.stats.iter().all(|s| {
            !s.proportion
                && matches!(
                    s.statistic,
                    Statistic::Total | Statistic::Mean | Statistic::Ratio
                )
        })
        && !p.stats.is_empty()
        && p.stats.len() <= 64
}

/// Runs the estimation chunk by chunk; `Ok(None)` when the file must be read whole after all
/// (a column numeric in its first rows holds text later, or a derived variable changes type).
pub(crate) fn run(p: &StreamPlan<'_>) -> Result<Option<EstimateOutput>> {
    let a = p.args;
    let source = a.data.display().to_string();
    let opts = CsvOptions {
        delimiter: a.delimiter as u8,
        columns: Some(p.columns.clone()),
    };
    let block = std::env::var("CIVIS_CHUNK_BYTES")
        .ok()
        .and_then(|b| b.parse().ok())
        .unwrap_or(civis_io::chunks::BLOCK);
    let file = std::fs::File::open(&a.data).map_err(|e| anyhow!("{source}: {e}"))?;
    let mut chunks = CsvChunks::from_reader(Box::new(file), &source, &opts, block)?;
    let stats: Vec<Statistic> = p.stats.iter().map(|s| s.statistic).collect();
    let mut acc = LinearAccumulator::new(stats, a.nest)?;
    let mut keys = Keys::new(a.by.len());
    let mut kept_any = false;
    loop {
        let frame = match chunks.next_chunk() {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(ReadError::TypeChanged { .. }) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let Some(kept) = add_chunk(p, frame, &mut acc, &mut keys)? else {
            return Ok(None);
        };
        kept_any |= kept;
    }
    if acc.rows() == 0 {
        bail!("{source} has no data rows");
    }
    if !kept_any && p.where_expr.is_some() {
        bail!(
            "--where `{}` keeps no row of {source}",
            a.where_.as_deref().unwrap_or("")
        );
    }
    let table = keys.table(&a.by);
    if table.id.is_empty() {
        bail!("no row falls in any domain (all by-variables missing?)");
    }
    let by_factors: Vec<(String, Factor)> =
        a.by.iter()
            .zip(&keys.levels)
            .map(|(name, l)| {
                let f = Factor {
                    codes: Vec::new(),
                    labels: l.sorted_labels(),
                };
                (name.clone(), f)
            })
            .collect();
    let contrasts: Vec<Contrast> = a
        .contrast
        .iter()
        .map(|c| crate::estimate_cmd::parse_contrast(c, &by_factors))
        .collect::<Result<_>>()?;
    let variables: Vec<String> = p.stats.iter().map(StatSpec::label).collect();
    let lonely: LonelyPsu = a.lonely_psu.parse().map_err(|e: String| anyhow!(e))?;
    let rows = acc
        .estimate(&LinearRequest {
            variables: &variables,
            domains: &table,
            contrasts: &contrasts,
            variance: variance(p.variance, a.mse),
            lonely,
            reliability: p.reliability.clone(),
            country_of_domain: country_of_domain(a, &table),
            level: a.level,
        })
        .map_err(|e| locate(e, &source, &a.weight))?;
    Ok(Some(EstimateOutput {
        by: a.by.clone(),
        rows,
        notes: a.multistage.notes(&a.fpc),
    }))
}

fn variance(spec: &VarianceSpec, mse: bool) -> LinearVariance {
    let scheme = match spec {
        VarianceSpec::Linearised | VarianceSpec::Columns { .. } => {
            return LinearVariance::Linearised
        }
        VarianceSpec::Jackknife => ReplicateScheme::JackknifeN,
        VarianceSpec::Bootstrap { replicates, seed } => ReplicateScheme::Bootstrap {
            replicates: *replicates,
            seed: *seed,
        },
        VarianceSpec::Brr { rho } => ReplicateScheme::Brr { rho: *rho },
    };
    LinearVariance::Replicate { scheme, mse }
}

/// The country of each domain for the LFS rule: `--country`, or a `country` by-variable.
fn country_of_domain(a: &EstimateArgs, t: &DomainTable) -> Option<Vec<Option<String>>> {
    if let Some(c) = &a.country {
        return Some(vec![Some(c.clone()); t.id.len()]);
    }
    let j = t
        .variables
        .iter()
        .position(|v| v.eq_ignore_ascii_case("country"))?;
    Some(t.labels.iter().map(|l| Some(l[j].clone())).collect())
}

/// Derives, filters and adds one chunk; `Some(any row kept by --where)`, or `None` when a
/// column changed type between chunks.
fn add_chunk(
    p: &StreamPlan<'_>,
    mut frame: Frame,
    acc: &mut LinearAccumulator,
    keys: &mut Keys,
) -> Result<Option<bool>> {
    let a = p.args;
    let n = frame.nrows();
    for d in p.defs {
        let col = d
            .expr
            .eval(&frame)
            .map_err(|e| anyhow!("--define {}: {e}", d.name))?;
        frame.set(d.name.clone(), col)?;
    }
    let keep = match p.where_expr {
        Some(w) => Some(w.eval_filter(&frame).map_err(|e| anyhow!("--where: {e}"))?),
        None => None,
    };
    let weights: Vec<f64> = match &a.weight {
        Some(c) => frame
            .numeric(c)
            .map_err(|e| anyhow!("--weight: {e}"))?
            .to_vec(),
        None => vec![1.0; n],
    };
    let strata = match &a.strata {
        Some(c) => match keys.strata.codes(frame.column(c)?) {
            Some(codes) => Some(codes),
            None => return Ok(None),
        },
        None => None,
    };
    let psu_col = a.psu.as_deref().unwrap_or_default();
    let Some(psu) = keys.psu.keys(frame.column(psu_col)?) else {
        return Ok(None);
    };
    let fpc = match &a.fpc {
        Some(c) => Some(frame.numeric(c).map_err(|e| anyhow!("--fpc: {e}"))?),
        None => None,
    };
    let Some(domain) = keys.domains(&frame, &a.by, keep.as_deref())? else {
        return Ok(None);
    };
    let mut y = Vec::with_capacity(p.stats.len());
    let mut x = Vec::with_capacity(p.stats.len());
    for s in p.stats {
        y.push(
            frame
                .numeric(&s.y)
                .map_err(|e| anyhow!("{}: {e}", s.flag))?,
        );
        x.push(match &s.x {
            Some(c) => Some(frame.numeric(c).map_err(|e| anyhow!("{}: {e}", s.flag))?),
            None => None,
        });
    }
    let labels = keys.strata.labels();
    let psu_label = |k: u64| keys.psu.label(k);
    let rows = Rows {
        weights: &weights,
        strata: strata.as_deref().map(|codes| Grouping {
            codes,
            labels: &labels,
        }),
        psu: &psu,
        psu_label: &psu_label,
        fpc,
        domain: &domain,
        y,
        x,
    };
    let source = a.data.display().to_string();
    acc.add(&rows).map_err(|e| locate(e, &source, &a.weight))?;
    Ok(Some(keep.is_none_or(|k| k.iter().any(|&b| b))))
}

/// The values of one column met so far, numbered in order of first appearance.
#[derive(Default)]
struct Levels {
    text: Option<bool>,
    labels: Vec<String>,
    values: Vec<f64>,
    by_text: HashMap<String, u32>,
    by_bits: HashMap<u64, u32>,
}

impl Levels {
    /// Codes of a chunk's column (`u32::MAX`: missing); `None` if its type changed.
    fn codes(&mut self, col: &Column) -> Option<Vec<u32>> {
        let text = matches!(col, Column::Str(_));
        if *self.text.get_or_insert(text) != text {
            return None;
        }
        Some(match col {
            Column::Num(v) => {
                let mut last = (u64::MAX, u32::MAX);
                v.values
                    .iter()
                    .map(|&x| {
                        if x.is_nan() {
                            return u32::MAX;
                        }
                        // +0 and -0 are one level
                        let bits = if x == 0.0 { 0 } else { x.to_bits() };
                        if bits == last.0 {
                            return last.1;
                        }
                        let next = self.values.len() as u32;
                        let c = *self.by_bits.entry(bits).or_insert(next);
                        if c == next {
                            self.values.push(x);
                            self.labels.push(format_number(x));
                        }
                        last = (bits, c);
                        c
                    })
                    .collect()
            }
            Column::Str(s) => {
                let map: Vec<u32> = s.dict.iter().map(|t| self.text_code(t)).collect();
                s.codes
                    .iter()
                    .map(|&c| if c == u32::MAX { c } else { map[c as usize] })
                    .collect()
            }
        })
    }

    fn text_code(&mut self, t: &str) -> u32 {
        if let Some(&c) = self.by_text.get(t) {
            return c;
        }
        let c = self.labels.len() as u32;
        self.by_text.insert(t.to_owned(), c);
        self.labels.push(t.to_owned());
        c
    }

    fn labels(&self) -> Vec<String> {
        self.labels.clone()
    }

    /// Level codes in output order: numbers ascending, text by byte order (as `factorize`).
    fn rank(&self) -> Vec<u32> {
        let mut perm: Vec<usize> = (0..self.labels.len()).collect();
        if self.text == Some(true) {
            perm.sort_by(|&a, &b| self.labels[a].cmp(&self.labels[b]));
        } else {
            perm.sort_by(|&a, &b| self.values[a].total_cmp(&self.values[b]));
        }
        let mut rank = vec![0u32; perm.len()];
        for (r, &i) in perm.iter().enumerate() {
            rank[i] = r as u32;
        }
        rank
    }

    fn sorted_labels(&self) -> Vec<String> {
        let rank = self.rank();
        let mut out = vec![String::new(); self.labels.len()];
        for (i, &r) in rank.iter().enumerate() {
            out[r as usize] = self.labels[i].clone();
        }
        out
    }
}

/// PSU ids as keys: a number by its bits, text by a code in order of first appearance.
#[derive(Default)]
struct PsuKeys {
    text: Option<bool>,
    levels: Levels,
}

impl PsuKeys {
    fn keys(&mut self, col: &Column) -> Option<Vec<u64>> {
        let text = matches!(col, Column::Str(_));
        if *self.text.get_or_insert(text) != text {
            return None;
        }
        Some(match col {
            Column::Num(v) => v
                .values
                .iter()
                .map(|&x| {
                    if x.is_nan() {
                        u64::MAX
                    } else if x == 0.0 {
                        0
                    } else {
                        x.to_bits()
                    }
                })
                .collect(),
            Column::Str(_) => self
                .levels
                .codes(col)?
                .into_iter()
                .map(|c| {
                    if c == u32::MAX {
                        u64::MAX
                    } else {
                        u64::from(c)
                    }
                })
                .collect(),
        })
    }

    fn label(&self, k: u64) -> String {
        if self.text == Some(true) {
            self.levels.labels[k as usize].clone()
        } else {
            format_number(f64::from_bits(k))
        }
    }
}

/// Interned strata, PSUs and domains across chunks.
struct Keys {
    strata: Levels,
    psu: PsuKeys,
    levels: Vec<Levels>,
    domain_of_key: HashMap<u128, u32>,
    domain_codes: Vec<Vec<u32>>,
}

impl Keys {
    fn new(nby: usize) -> Self {
        Keys {
            strata: Levels::default(),
            psu: PsuKeys::default(),
            levels: (0..nby).map(|_| Levels::default()).collect(),
            domain_of_key: HashMap::new(),
            domain_codes: Vec::new(),
        }
    }

    /// The domain id of each row (`u32::MAX`: filtered out or a by-value missing).
    fn domains(
        &mut self,
        frame: &Frame,
        by: &[String],
        keep: Option<&[bool]>,
    ) -> Result<Option<Vec<u32>>> {
        let n = frame.nrows();
        let mut codes = Vec::with_capacity(by.len());
        for (b, l) in by.iter().zip(&mut self.levels) {
            match l.codes(frame.column(b)?) {
                Some(c) => codes.push(c),
                None => return Ok(None),
            }
        }
        let mut out = vec![u32::MAX; n];
        let mut last: Option<(u128, u32)> = None;
        'rows: for (row, slot) in out.iter_mut().enumerate() {
            if keep.is_some_and(|k| !k[row]) {
                continue;
            }
            let mut key: u128 = 0;
            for c in &codes {
                if c[row] == u32::MAX {
                    continue 'rows;
                }
                key = (key << 32) | u128::from(c[row]);
            }
            *slot = match last {
                Some((k, d)) if k == key => d,
                _ => {
                    let next = self.domain_codes.len() as u32;
                    let d = *self.domain_of_key.entry(key).or_insert(next);
                    if d == next {
                        self.domain_codes
                            .push(codes.iter().map(|c| c[row]).collect());
                    }
                    last = Some((key, d));
                    d
                }
            };
        }
        Ok(Some(out))
    }

    /// The domains in output order: sorted by the level order of each by-variable in turn.
    fn table(&self, by: &[String]) -> DomainTable {
        let ranks: Vec<Vec<u32>> = self.levels.iter().map(Levels::rank).collect();
        let sorted: Vec<Vec<String>> = self.levels.iter().map(Levels::sorted_labels).collect();
        let mut doms: Vec<(Vec<u32>, u32)> = self
            .domain_codes
            .iter()
            .enumerate()
            .map(|(id, c)| {
                let r = c.iter().zip(&ranks).map(|(&c, r)| r[c as usize]).collect();
                (r, id as u32)
            })
            .collect();
        doms.sort();
        DomainTable {
            variables: by.to_vec(),
            labels: doms
                .iter()
                .map(|(r, _)| {
                    r.iter()
                        .zip(&sorted)
                        .map(|(&c, l)| l[c as usize].clone())
                        .collect()
                })
                .collect(),
            codes: doms.iter().map(|(r, _)| r.clone()).collect(),
            id: doms.iter().map(|&(_, id)| id).collect(),
        }
    }
}
