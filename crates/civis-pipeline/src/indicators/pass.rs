//! The one pass of the ratio indicators: rows, a chunk at a time, coded to their fine cells and
//! added to [`LinearAccumulator`] partial sums.
//!
//! A chunk is the whole frame (when the file is read whole for indicators that need the rows)
//! or one chunk of the file read in bounded memory (every indicator of the run a ratio). Areas,
//! sexes, strata and PSUs are numbered across chunks in order of first appearance
//! ([`Levels`], [`PsuKeys`]); the areas' and sexes' output order (by value, as `factorize`)
//! is applied when the fine cells are decoded, so the cells, their ids and the sums are the
//! same, to the last bit, however the file is cut. A fine cell's key packs its population
//! set and its codes into fixed bit fields of one `u128`: no string is hashed per row.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use civis_catalog::{Criterion, Indicator};
use civis_frame::expr::parse;
use civis_frame::factor::Factor;
use civis_frame::{Column, Frame};
use civis_io::ColumnChunks;
use civis_survey::partials::{KeyHash, LinearAccumulator, Rows};
use civis_survey::{Grouping, Statistic, SurveyError};
use rayon::prelude::*;

use super::engine::{age_bands, group_partitions, statistic_inputs};
use crate::error::{invalid, PipelineError, Result};
use crate::estimate::stream::{read_ahead, Levels, PsuKeys, ReadAhead};

/// Bits of a fine cell's key below its population set: area, sex, age band, then each
/// criterion's two group codes (2 criteria: 88 bits with a 32-bit set number).
const GEO_BITS: u32 = 24;
const SEX_BITS: u32 = 8;
const AGE_BITS: u32 = 8;
const GROUP_BITS: u32 = 4;

/// The all-ones field of `bits` bits: a missing value.
const fn missing(bits: u32) -> u128 {
    (1 << bits) - 1
}

/// One fine cell, decoded (`u32::MAX`: missing, or not a variable of the run).
pub(super) struct Fine {
    /// Bit `s`: the rows are in indicator `s`'s population.
    pub populations: u64,
    pub geo: u32,
    pub sex: u32,
    pub age: u32,
    /// `(three-group code, two-group code)` per criterion.
    pub groups: Vec<(u32, u32)>,
}

/// What the pass codes: the indicators, the criteria and which breakdowns the cells keep.
pub(super) struct Pass<'a> {
    /// The ratio indicators, statistic `s` of the sums being `inds[s]`.
    pub inds: Vec<&'a Indicator>,
    pub criteria: &'a [Criterion],
    pub country: Option<&'a str>,
    pub by_geo: bool,
    pub by_sex: bool,
    pub by_age: bool,
    /// The PSUs met so far (shared with the thread that adds, which names them in errors).
    psu: Mutex<PsuKeys>,
    /// The design has no PSUs: each row is one, named by its number.
    rows_as_psus: AtomicBool,
}

/// The levels and fine cells met so far, across chunks.
#[derive(Default)]
pub(super) struct Coder {
    strata: Levels,
    geo: Levels,
    sex: Levels,
    /// Population set -> its number.
    sets: HashMap<u64, u32, KeyHash>,
    /// Fine-cell key -> fine-cell id.
    ids: HashMap<u128, u32, KeyHash>,
    /// Each fine cell's (population set, key), by id.
    cells: Vec<(u64, u128)>,
    /// Rows coded so far (the PSU of a row when the design has no PSUs).
    rows: u64,
}

/// What a chunk's rows carry by themselves (see [`Pass::local`]).
pub(super) struct Local {
    sets: Vec<u64>,
    weights: Vec<f64>,
    age: Option<Vec<u32>>,
    /// `(three groups, two groups)` per criterion.
    groups: Vec<(Factor, Factor)>,
    y: Vec<Vec<f64>>,
    x: Vec<Option<Vec<f64>>>,
}

/// One chunk coded, ready to be added.
pub(super) struct Prepared {
    weights: Vec<f64>,
    strata: Option<Vec<u32>>,
    strata_labels: Vec<String>,
    psu: Vec<u64>,
    domain: Vec<u32>,
    y: Vec<Vec<f64>>,
    x: Vec<Option<Vec<f64>>>,
}

/// The outcome of a pass over the rows.
pub(super) enum Outcome {
    /// The sums and the levels and cells met.
    Read(Box<(LinearAccumulator, Coder)>),
    /// A column changed type between chunks: read the whole file.
    WholeFile,
    /// A PSU's rows are not consecutive (only when the PSUs were expected grouped).
    NotGrouped,
}

impl<'a> Pass<'a> {
    pub(super) fn new(
        inds: Vec<&'a Indicator>,
        criteria: &'a [Criterion],
        country: Option<&'a str>,
        (by_geo, by_sex, by_age): (bool, bool, bool),
    ) -> Pass<'a> {
        Pass {
            inds,
            criteria,
            country,
            by_geo,
            by_sex,
            by_age,
            psu: Mutex::new(PsuKeys::default()),
            rows_as_psus: AtomicBool::new(false),
        }
    }

    fn psu_keys(&self) -> MutexGuard<'_, PsuKeys> {
        self.psu.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Empty partial sums; `any_order`: PSUs are found by hash rather than expected grouped.
    fn accumulator(&self, any_order: bool) -> Result<LinearAccumulator> {
        let acc = LinearAccumulator::new(vec![Statistic::Ratio; self.inds.len()], true)?;
        Ok(if any_order { acc.any_order() } else { acc })
    }

    /// What a chunk's rows carry by themselves, whatever the chunks before it: each row's
    /// population set, weight, age band and groups, and each indicator's inputs.
    fn local(&self, canon: &Frame) -> Result<Local> {
        type Inputs = (Vec<bool>, (Vec<f64>, Option<Vec<f64>>));
        let columns: Vec<Inputs> = self
            .inds
            .par_iter()
            .map(|ind| {
                let keep = parse(&ind.population)
                    .and_then(|e| e.eval_filter(canon))
                    .map_err(|e| invalid!("indicator {}: population: {e}", ind.id))?;
                let (_, mut y, x) = statistic_inputs(ind, canon)?;
                // outside its population a row is missing for the indicator: the sums skip
                // it there (its cell's sums of this indicator are never read)
                for (v, _) in y.iter_mut().zip(&keep).filter(|(_, &k)| !k) {
                    *v = f64::NAN;
                }
                Ok((keep, (y, x)))
            })
            .collect::<Result<_>>()?;
        let (populations, inputs): (Vec<Vec<bool>>, Vec<_>) = columns.into_iter().unzip();
        let (y, x) = inputs.into_iter().unzip();
        // bit `s` of a row's set: the row is in indicator `s`'s population
        let mut sets = vec![0u64; canon.nrows()];
        for (s, p) in populations.iter().enumerate() {
            for (set, &k) in sets.iter_mut().zip(p) {
                *set |= u64::from(k) << s;
            }
        }
        let weights = canon
            .numeric("weight")
            .map_err(|e| invalid!("weight: {e}"))?
            .to_vec();
        let age = match self.by_age {
            true => Some(age_bands(canon.numeric("age")?).codes),
            false => None,
        };
        let groups: Vec<(Factor, Factor)> = self
            .criteria
            .iter()
            .map(|c| group_partitions(canon.column(c.variable())?, self.country, c))
            .collect::<Result<_>>()?;
        Ok(Local {
            sets,
            weights,
            age,
            groups,
            y,
            x,
        })
    }

    /// Codes one chunk: its canonical variables `canon`, what its rows carry `local` and its
    /// area column `geo`; `None` if a column's type differs from the earlier chunks'.
    fn code(
        &self,
        coder: &mut Coder,
        geo: Option<&Column>,
        canon: &Frame,
        local: Local,
    ) -> Result<Option<Prepared>> {
        let n = canon.nrows();
        let strata = match canon.column("strata") {
            Ok(c) => match coder.strata.codes(c) {
                Some(codes) => Some(codes),
                None => return Ok(None),
            },
            Err(_) => None,
        };
        let psu = match canon.column("psu") {
            Ok(c) => match self.psu_keys().keys(c) {
                Some(keys) => keys,
                None => return Ok(None),
            },
            Err(_) => {
                self.rows_as_psus.store(true, Ordering::Relaxed);
                (coder.rows..coder.rows + n as u64).collect()
            }
        };
        let Some(domain) = self.cells(coder, geo, canon, &local)? else {
            return Ok(None);
        };
        coder.rows += n as u64;
        Ok(Some(Prepared {
            weights: local.weights,
            strata,
            strata_labels: coder.strata.labels(),
            psu,
            domain,
            y: local.y,
            x: local.x,
        }))
    }

    /// The fine cell of each row of a chunk (`u32::MAX`: in no population); `None` if the
    /// area or sex column changed type.
    fn cells(
        &self,
        coder: &mut Coder,
        geo: Option<&Column>,
        canon: &Frame,
        local: &Local,
    ) -> Result<Option<Vec<u32>>> {
        let geo = match geo.filter(|_| self.by_geo) {
            Some(col) => match coder.geo.codes(col) {
                Some(codes) => Some(codes),
                None => return Ok(None),
            },
            None => None,
        };
        let sex = match self.by_sex {
            true => match coder.sex.codes(canon.column("sex")?) {
                Some(codes) => Some(codes),
                None => return Ok(None),
            },
            false => None,
        };
        let (age, groups) = (&local.age, &local.groups);
        if coder.geo.labels().len() as u128 >= missing(GEO_BITS) {
            return Err(invalid!("more than {} areas", missing(GEO_BITS) - 1));
        }
        let bits = 32 + GEO_BITS + SEX_BITS + AGE_BITS + 2 * GROUP_BITS * groups.len() as u32;
        if bits > u128::BITS {
            return Err(invalid!("{} group criteria in one pass", groups.len()));
        }
        let field = |codes: Option<&Vec<u32>>, row: usize, bits: u32| -> u128 {
            match codes.map(|c| c[row]) {
                None => 0,
                Some(u32::MAX) => missing(bits),
                Some(c) => u128::from(c),
            }
        };
        let mut last_set: Option<(u64, u32)> = None;
        let mut last_cell: Option<(u128, u32)> = None;
        let mut domain = Vec::with_capacity(local.sets.len());
        for (row, &set) in local.sets.iter().enumerate() {
            if set == 0 {
                domain.push(u32::MAX);
                continue;
            }
            let set_id = match last_set {
                Some((m, id)) if m == set => id,
                _ => {
                    let next = coder.sets.len() as u32;
                    let id = *coder.sets.entry(set).or_insert(next);
                    last_set = Some((set, id));
                    id
                }
            };
            let mut key = u128::from(set_id);
            key = key << GEO_BITS | field(geo.as_ref(), row, GEO_BITS);
            key = key << SEX_BITS | field(sex.as_ref(), row, SEX_BITS);
            key = key << AGE_BITS | field(age.as_ref(), row, AGE_BITS);
            for (three, two) in groups {
                key = key << GROUP_BITS | field(Some(&three.codes), row, GROUP_BITS);
                key = key << GROUP_BITS | field(Some(&two.codes), row, GROUP_BITS);
            }
            let id = match last_cell {
                Some((k, id)) if k == key => id,
                _ => {
                    let next = coder.ids.len() as u32;
                    let id = *coder.ids.entry(key).or_insert(next);
                    if id == next {
                        coder.cells.push((set, key));
                    }
                    last_cell = Some((key, id));
                    id
                }
            };
            domain.push(id);
        }
        Ok(Some(domain))
    }

    /// Adds a coded chunk to the sums.
    pub(super) fn add(
        &self,
        acc: &mut LinearAccumulator,
        p: &Prepared,
    ) -> std::result::Result<(), SurveyError> {
        let label = |k: u64| self.psu_keys().label(k);
        let row = |k: u64| k.to_string();
        let rows_as_psus = self.rows_as_psus.load(Ordering::Relaxed);
        let rows = Rows {
            weights: &p.weights,
            strata: p.strata.as_deref().map(|codes| Grouping {
                codes,
                labels: &p.strata_labels,
            }),
            psu: &p.psu,
            psu_label: if rows_as_psus { &row } else { &label },
            fpc: None,
            domain: &p.domain,
            y: p.y.iter().map(Vec::as_slice).collect(),
            x: p.x.iter().map(Option::as_deref).collect(),
        };
        acc.add(&rows)
    }

    /// The whole frame as one chunk.
    pub(super) fn frame(&self, geo: Option<&Column>, canon: &Frame) -> Result<Outcome> {
        let mut coder = Coder::default();
        let local = self.local(canon)?;
        let Some(prepared) = self.code(&mut coder, geo, canon, local)? else {
            return Ok(Outcome::WholeFile);
        };
        let mut acc = self.accumulator(false)?;
        // survey files come grouped by PSU; when they are not, PSUs are found by hash
        if let Err(SurveyError::PsuNotGrouped { .. }) = self.add(&mut acc, &prepared) {
            acc = self.accumulator(true)?;
            self.add(&mut acc, &prepared)?;
        }
        Ok(Outcome::Read(Box::new((acc, coder))))
    }

    /// Reads `chunks` (their canonical variables from `canonical`, their area column named
    /// `geo`) in three stages that overlap, each in file order: one thread parses a chunk and
    /// works out what its rows carry by themselves ([`Self::local`], [`read_ahead`]), a
    /// second numbers its levels, PSUs and fine cells across chunks ([`Self::code`]), and
    /// this one adds the previous chunk to the sums.
    pub(super) fn chunks(
        &self,
        mut chunks: Box<dyn ColumnChunks + Send>,
        geo: Option<&str>,
        canonical: &(dyn Fn(&Frame) -> Result<Frame> + Sync),
        any_order: bool,
        locate: &dyn Fn(SurveyError) -> PipelineError,
    ) -> Result<Outcome> {
        *self.psu_keys() = PsuKeys::default();
        let mut acc = self.accumulator(any_order)?;
        let mut coder = Coder::default();
        let (coded, next) = std::sync::mpsc::sync_channel::<Prepared>(1);
        let ended = std::thread::scope(|scope| -> Result<ReadAhead<Outcome>> {
            let coder = &mut coder;
            let coding = scope.spawn(move || {
                read_ahead(
                    chunks.as_mut(),
                    |raw| {
                        let canon = canonical(&raw)?;
                        let local = self.local(&canon)?;
                        Ok(Some((raw, canon, local)))
                    },
                    // `Some(true)`: a column changed type; `Some(false)`: the adding thread
                    // stopped (its outcome is the pass's)
                    |(raw, canon, local)| {
                        let geo = geo.map(|g| raw.column(g)).transpose()?;
                        let Some(prepared) = self.code(coder, geo, &canon, local)? else {
                            return Ok(Some(true));
                        };
                        Ok(coded.send(prepared).err().map(|_| false))
                    },
                )
            });
            for prepared in next {
                match self.add(&mut acc, &prepared) {
                    Err(SurveyError::PsuNotGrouped { .. }) if !any_order => {
                        return Ok(ReadAhead::Stopped(Outcome::NotGrouped));
                    }
                    r => r.map_err(locate)?,
                }
            }
            match coding
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e))?
            {
                ReadAhead::Done | ReadAhead::Stopped(false) => Ok(ReadAhead::Done),
                ReadAhead::TypeChanged | ReadAhead::Stopped(true) => Ok(ReadAhead::TypeChanged),
            }
        })?;
        Ok(match ended {
            ReadAhead::Done => Outcome::Read(Box::new((acc, coder))),
            ReadAhead::TypeChanged => Outcome::WholeFile,
            ReadAhead::Stopped(outcome) => outcome,
        })
    }
}

impl Coder {
    /// The areas and sexes met, in output order (`None` when the cells do not keep them).
    pub(super) fn factors(&self, pass: &Pass<'_>) -> (Option<Factor>, Option<Factor>) {
        let factor = |l: &Levels| Factor {
            codes: Vec::new(),
            labels: l.sorted_labels(),
        };
        (
            pass.by_geo.then(|| factor(&self.geo)),
            pass.by_sex.then(|| factor(&self.sex)),
        )
    }

    /// The fine cells' variables back from their keys (areas and sexes in output order).
    pub(super) fn fine(&self, pass: &Pass<'_>) -> Vec<Fine> {
        let (geo_rank, sex_rank) = (self.geo.rank(), self.sex.rank());
        let take = |key: &mut u128, bits: u32, on: bool, rank: Option<&[u32]>| -> u32 {
            let v = *key & missing(bits);
            *key >>= bits;
            if !on || v == missing(bits) {
                return u32::MAX;
            }
            rank.map_or(v as u32, |r| r[v as usize])
        };
        self.cells
            .iter()
            .map(|&(populations, mut key)| {
                let mut groups: Vec<(u32, u32)> = pass
                    .criteria
                    .iter()
                    .map(|_| {
                        let two = take(&mut key, GROUP_BITS, true, None);
                        (take(&mut key, GROUP_BITS, true, None), two)
                    })
                    .collect();
                groups.reverse();
                let age = take(&mut key, AGE_BITS, pass.by_age, None);
                let sex = take(&mut key, SEX_BITS, pass.by_sex, Some(&sex_rank));
                let geo = take(&mut key, GEO_BITS, pass.by_geo, Some(&geo_rank));
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
