//! Estimation in bounded memory: totals, means and ratios (with their domains, contrasts,
//! linearised, jackknife, bootstrap and BRR variances) read the file chunk by chunk into
//! per-(stratum, PSU, domain) partial sums (`civis_survey::partials`), so memory grows with the
//! PSUs x domains, not with the rows (quantiles, ARPT, ARPR, QSR, RMPG and the Gini
//! coefficient: see `second_pass`). Everything else (their replicate variances and contrasts,
//! proportions, calibration, two-stage designs, supplied replicate weights, `--domain-size`,
//! `--country-var`, designs without `--psu`) reads the whole file as before.
//!
//! Parquet and Arrow IPC files are read the same way, one record batch at a time with only the
//! needed columns ([`civis_io::open_microdata`]). One thread parses the next chunk, derives
//! the `--define` variables, applies `--where` and codes strata, PSUs and domains, while another
//! adds the current chunk to the sums, chunk after chunk in file order (so the sums, to the
//! last digit, do not depend on how the file is cut into chunks, and CSV, Parquet and Arrow
//! give the same output). Domain ids come from the by-variables' level codes by a mixed-radix
//! index (no hash per row). CSV chunks are about [`civis_io::chunks::BLOCK`] bytes; the
//! environment variable
//! `CIVIS_CHUNK_BYTES` sets another size (the tests cut small files into many chunks).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use civis_frame::factor::Factor;
use civis_frame::{format_number, Column, Frame};
use civis_io::{open_microdata, ColumnChunks, CsvChunks, CsvOptions, MicrodataFormat, ReadError};
use civis_survey::partials::{
    DomainTable, KeyHash, LinearAccumulator, LinearRequest, LinearVariance, Rows,
};
use civis_survey::{Contrast, Grouping, ReplicateScheme, Statistic, SurveyError};

use super::{contrast, EstimateOutput, Estimation, Measure};
use crate::design::{locate, DesignColumns};
use crate::error::{bail, invalid, Result};
use crate::variance::VarianceMethod;

/// Whether the estimation can be answered from partial sums.
pub(super) fn streamable(e: &Estimation) -> bool {
    let o = &e.options;
    chunkable(e)
        && !matches!(o.variance, VarianceMethod::Columns { .. })
        && !o.measures.is_empty()
        && o.measures.len() <= 64
        && o.measures
            .iter()
            .all(|m| matches!(m, Measure::Total(_) | Measure::Mean(_) | Measure::Ratio(..)))
}

/// Whether the design and domains can be read chunk by chunk: a design with PSUs that needs
/// no whole frame, without `--domain-size` or `--country-var`, by at most 4 variables.
pub(super) fn chunkable(e: &Estimation) -> bool {
    let o = &e.options;
    let d = o.design.parts();
    d.psu.is_some()
        && !d.needs_frame
        && o.domain_size.is_none()
        && o.country_var.is_none()
        && o.by.len() <= 4
}

/// Runs the estimation chunk by chunk over the file's `columns`; `Ok(None)` when the file must
/// be read whole after all (a column numeric in its first rows holds text later, or a derived
/// variable changes type). `read_all` sees the sums once the whole file is read, before they
/// are estimated (the partial sums are written from there).
pub(super) fn run(
    e: &Estimation,
    source: &str,
    columns: Vec<String>,
    read_all: impl FnOnce(&LinearAccumulator, &Keys) -> Result<()>,
) -> Result<Option<EstimateOutput>> {
    let (acc, keys, kept_any) = match read(e, source, &columns, false)? {
        Pass::Read(read) => *read,
        Pass::WholeFile => return changed_type(e, source),
        // a PSU's rows are not consecutive: read again, finding PSUs by hash
        Pass::NotGrouped => match read(e, source, &columns, true)? {
            Pass::Read(read) => *read,
            Pass::WholeFile | Pass::NotGrouped => return changed_type(e, source),
        },
    };
    if acc.rows() == 0 {
        bail!("{source} has no data rows");
    }
    if let (false, Some((text, _))) = (kept_any, &e.filter) {
        bail!("--where `{text}` keeps no row of {source}");
    }
    read_all(&acc, &keys)?;
    finish(e, &acc, &keys, source).map(Some)
}

/// `Ok(None)` (read the whole file instead), unless partial sums must be written.
fn changed_type(e: &Estimation, source: &str) -> Result<Option<EstimateOutput>> {
    if e.options.partials_out.is_some() {
        bail!("--partials-out: a column of {source} holds numbers in its first rows and text later (or a derived variable changes type), so it cannot be summed chunk by chunk");
    }
    Ok(None)
}

/// The estimates from the partial sums of every row (or of every partials file).
pub(super) fn finish(
    e: &Estimation,
    acc: &LinearAccumulator,
    keys: &Keys,
    source: &str,
) -> Result<EstimateOutput> {
    let o = &e.options;
    let design = o.design.parts();
    let table = keys.table(&o.by);
    if table.id.is_empty() {
        bail!("no row falls in any domain (all by-variables missing?)");
    }
    let by_factors: Vec<(String, Factor)> =
        o.by.iter()
            .zip(&keys.levels)
            .map(|(name, l)| {
                let f = Factor {
                    codes: Vec::new(),
                    labels: l.sorted_labels(),
                };
                (name.clone(), f)
            })
            .collect();
    let contrasts: Vec<Contrast> = o
        .contrasts
        .iter()
        .map(|(var, levels)| contrast(var, levels, &by_factors))
        .collect::<Result<_>>()?;
    let variables: Vec<String> = o.measures.iter().map(label).collect();
    let weight = design.weight.map(str::to_string);
    let rows = acc
        .estimate(&LinearRequest {
            variables: &variables,
            domains: &table,
            contrasts: &contrasts,
            variance: variance(&o.variance, o.mse),
            lonely: design.lonely,
            reliability: o.reliability.clone(),
            country_of_domain: country_of_domain(o.country.as_deref(), &table),
            level: o.level,
        })
        .map_err(|err| locate(err, source, &weight))?;
    Ok(EstimateOutput {
        by: o.by.clone(),
        rows,
        notes: o.design.notes(),
    })
}

/// The outcome of one pass over the file.
enum Pass {
    /// The sums, the levels met and whether the filter kept any row.
    Read(Box<(LinearAccumulator, Keys, bool)>),
    /// The whole file must be read (a column changed type between chunks).
    WholeFile,
    /// A PSU's rows were not consecutive (only when `any_order` is false).
    NotGrouped,
}

/// Reads the file chunk by chunk into partial sums; `any_order`: PSUs are found by hash
/// rather than expected in consecutive rows. Only what the variance needs is kept: moments
/// per (stratum, domain) for linearised variances without contrasts, PSU totals otherwise.
fn read(e: &Estimation, source: &str, columns: &[String], any_order: bool) -> Result<Pass> {
    let o = &e.options;
    let design = o.design.parts();
    let mut chunks = open_chunks(e, source, columns)?;
    let stats: Vec<Statistic> = o.measures.iter().map(|m| m.parts().0).collect();
    let mut acc = LinearAccumulator::new(stats, design.nest)?;
    if any_order {
        acc = acc.any_order();
    } else if o.variance == VarianceMethod::Linearised
        && o.contrasts.is_empty()
        && o.partials_out.is_none()
    {
        acc = acc.moments_only();
    }
    if o.partials_out.is_some() {
        acc.keep_groups()?;
    }
    let keys = Mutex::new(Keys::new(o.by.len()));
    let mut kept_any = false;
    let chunk = ChunkCtx {
        est: e,
        design: &design,
        source,
    };
    // one thread parses, derives, filters and keys the next chunk while this one adds the
    // current one to the sums (in file order, so the sums are the same whatever the chunks)
    let ended = read_ahead(
        chunks.as_mut(),
        |frame| chunk.prepare(frame, &mut lock(&keys)),
        |prepared| {
            let psu_label = |k: u64| lock(&keys).psu.label(k);
            Ok(
                match chunk.add_prepared(&prepared, &psu_label, |rows| acc.add(rows))? {
                    Added::Rows { kept } => {
                        kept_any |= kept;
                        None
                    }
                    Added::TypeChanged => Some(Pass::WholeFile),
                    Added::NotGrouped => Some(Pass::NotGrouped),
                },
            )
        },
    )?;
    Ok(match ended {
        ReadAhead::Done => {
            let keys = keys.into_inner().unwrap_or_else(PoisonError::into_inner);
            Pass::Read(Box::new((acc, keys, kept_any)))
        }
        ReadAhead::TypeChanged => Pass::WholeFile,
        ReadAhead::Stopped(pass) => pass,
    })
}

/// How a [`read_ahead`] pass ended.
pub(crate) enum ReadAhead<S> {
    /// Every chunk was prepared and consumed.
    Done,
    /// A column changed type between chunks (in the reader, or `prepare` said so).
    TypeChanged,
    /// The consumer stopped the pass early with this.
    Stopped(S),
}

/// Reads `chunks` on a thread of its own, `prepare`-ing each one (`None`: a column changed
/// type), while this thread `consume`s them in file order, so sums formed in `consume` are
/// the same wherever the chunks are cut; `consume` returning `Some` stops the pass. Returning
/// early drops the receiver, which stops the reader at its next chunk.
pub(crate) fn read_ahead<T: Send, S>(
    chunks: &mut (dyn ColumnChunks + Send),
    mut prepare: impl FnMut(Frame) -> Result<Option<T>> + Send,
    mut consume: impl FnMut(T) -> Result<Option<S>>,
) -> Result<ReadAhead<S>> {
    std::thread::scope(|scope| {
        let (parsed, next) = std::sync::mpsc::sync_channel(1);
        scope.spawn(move || loop {
            let prepared = match chunks.next_chunk() {
                Ok(Some(frame)) => prepare(frame),
                Ok(None) => break,
                Err(ReadError::TypeChanged { .. }) => Ok(None),
                Err(err) => Err(err.into()),
            };
            let last = !matches!(prepared, Ok(Some(_)));
            if parsed.send(prepared).is_err() || last {
                break;
            }
        });
        for prepared in next {
            let Some(prepared) = prepared? else {
                return Ok(ReadAhead::TypeChanged);
            };
            if let Some(stop) = consume(prepared)? {
                return Ok(ReadAhead::Stopped(stop));
            }
        }
        Ok(ReadAhead::Done)
    })
}

/// The keys, even if a thread panicked holding them (the panic reaches the caller anyway).
fn lock(keys: &Mutex<Keys>) -> MutexGuard<'_, Keys> {
    keys.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The file's `columns`, chunk by chunk.
pub(super) fn open_chunks(
    e: &Estimation,
    source: &str,
    columns: &[String],
) -> Result<Box<dyn ColumnChunks + Send>> {
    let o = &e.options;
    let opts = CsvOptions {
        delimiter: o.delimiter,
        columns: Some(columns.to_vec()),
    };
    let block = std::env::var("CIVIS_CHUNK_BYTES")
        .ok()
        .and_then(|b| b.parse().ok())
        .unwrap_or(civis_io::chunks::BLOCK);
    Ok(
        if MicrodataFormat::detect(&o.data)? == MicrodataFormat::Csv {
            let file = std::fs::File::open(&o.data).map_err(|err| invalid!("{source}: {err}"))?;
            Box::new(CsvChunks::from_reader(
                Box::new(file),
                source,
                &opts,
                block,
            )?)
        } else {
            open_microdata(&o.data, &opts)?
        },
    )
}

/// What adding a chunk did.
pub(super) enum Added {
    /// Rows added; `kept`: the filter kept at least one.
    Rows { kept: bool },
    /// A column changed type between chunks.
    TypeChanged,
    /// A PSU's rows came back after other PSUs' rows.
    NotGrouped,
}

/// The variable's label in the output (`num/den` for a ratio).
pub(super) fn label(m: &Measure) -> String {
    match m.parts() {
        (_, y, Some(x), _) => format!("{y}/{x}"),
        (_, y, None, _) => y.to_string(),
    }
}

fn variance(method: &VarianceMethod, mse: bool) -> LinearVariance {
    let scheme = match method {
        VarianceMethod::Linearised | VarianceMethod::Columns { .. } => {
            return LinearVariance::Linearised
        }
        VarianceMethod::Jackknife => ReplicateScheme::JackknifeN,
        VarianceMethod::Bootstrap { replicates, seed } => ReplicateScheme::Bootstrap {
            replicates: *replicates,
            seed: *seed,
        },
        VarianceMethod::Brr { rho } => ReplicateScheme::Brr { rho: *rho },
    };
    LinearVariance::Replicate { scheme, mse }
}

/// The country of each domain for the LFS rule: `country`, or a `country` domain variable.
pub(super) fn country_of_domain(
    country: Option<&str>,
    t: &DomainTable,
) -> Option<Vec<Option<String>>> {
    if let Some(c) = country {
        return Some(vec![Some(c.to_string()); t.id.len()]);
    }
    let j = t
        .variables
        .iter()
        .position(|v| v.eq_ignore_ascii_case("country"))?;
    Some(t.labels.iter().map(|l| Some(l[j].clone())).collect())
}

/// What adding a chunk needs.
pub(super) struct ChunkCtx<'a> {
    pub(super) est: &'a Estimation,
    pub(super) design: &'a DesignColumns<'a>,
    pub(super) source: &'a str,
}

impl ChunkCtx<'_> {
    /// Derives and filters one chunk and hands its rows to `add`.
    pub(super) fn with_rows(
        &self,
        frame: Frame,
        keys: &mut Keys,
        add: impl FnOnce(&Rows<'_>) -> std::result::Result<(), SurveyError>,
    ) -> Result<Added> {
        let Some(prepared) = self.prepare(frame, keys)? else {
            return Ok(Added::TypeChanged);
        };
        self.add_prepared(&prepared, &|k| keys.psu.label(k), add)
    }

    /// Derives, filters and keys one chunk; `None` if a column changed type.
    fn prepare(&self, mut frame: Frame, keys: &mut Keys) -> Result<Option<Prepared>> {
        let (e, d) = (self.est, self.design);
        let n = frame.nrows();
        for def in &e.defines {
            let col = def
                .expr
                .eval(&frame)
                .map_err(|err| invalid!("--define {}: {err}", def.name))?;
            frame.set(def.name.clone(), col)?;
        }
        let keep = match &e.filter {
            Some((_, w)) => Some(
                w.eval_filter(&frame)
                    .map_err(|err| invalid!("--where: {err}"))?,
            ),
            None => None,
        };
        // the weights stay in the frame; a design without weights weighs every row 1
        let ones = match d.weight {
            Some(_) => {
                self.weights(&frame, &[])?;
                Vec::new()
            }
            None => vec![1.0; n],
        };
        let strata = match d.strata {
            Some(c) => match keys.strata.codes(frame.column(c)?) {
                Some(codes) => Some(codes),
                None => return Ok(None),
            },
            None => None,
        };
        let Some(psu) = keys.psu.keys(frame.column(d.psu.unwrap_or_default())?) else {
            return Ok(None);
        };
        self.fpc(&frame)?;
        let Some(domain) = keys.domains(&frame, &e.options.by, keep.as_deref())? else {
            return Ok(None);
        };
        self.variables(&frame)?;
        Ok(Some(Prepared {
            frame,
            ones,
            strata,
            strata_labels: keys.strata_labels(),
            psu,
            domain,
            kept: keep.is_none_or(|k| k.iter().any(|&b| b)),
        }))
    }

    /// Hands the rows of a prepared chunk to `add`; `psu_label` names a PSU by its key.
    fn add_prepared(
        &self,
        p: &Prepared,
        psu_label: &(dyn Fn(u64) -> String + Sync),
        add: impl FnOnce(&Rows<'_>) -> std::result::Result<(), SurveyError>,
    ) -> Result<Added> {
        let (y, x) = self.variables(&p.frame)?;
        let rows = Rows {
            weights: self.weights(&p.frame, &p.ones)?,
            strata: strata_grouping(p.strata.as_deref(), &p.strata_labels),
            psu: &p.psu,
            psu_label,
            fpc: self.fpc(&p.frame)?,
            domain: &p.domain,
            y,
            x,
        };
        match add(&rows) {
            Ok(()) => Ok(Added::Rows { kept: p.kept }),
            Err(SurveyError::PsuNotGrouped { .. }) => Ok(Added::NotGrouped),
            Err(err) => Err(locate(
                err,
                self.source,
                &self.design.weight.map(str::to_string),
            )),
        }
    }

    /// The `--weight` column of a chunk, or `ones` without one.
    fn weights<'f>(&self, frame: &'f Frame, ones: &'f [f64]) -> Result<&'f [f64]> {
        match self.design.weight {
            Some(c) => frame.numeric(c).map_err(|err| invalid!("--weight: {err}")),
            None => Ok(ones),
        }
    }

    /// The `--fpc` column of a chunk.
    fn fpc<'f>(&self, frame: &'f Frame) -> Result<Option<&'f [f64]>> {
        match self.design.fpc {
            Some(c) => Ok(Some(
                frame.numeric(c).map_err(|err| invalid!("--fpc: {err}"))?,
            )),
            None => Ok(None),
        }
    }

    /// Per measure, the variable and (for ratios) the denominator of a chunk.
    fn variables<'f>(&self, frame: &'f Frame) -> Result<Variables<'f>> {
        let measures = &self.est.options.measures;
        let mut y = Vec::with_capacity(measures.len());
        let mut x = Vec::with_capacity(measures.len());
        for m in measures {
            let (_, yc, xc, flag) = m.parts();
            let numeric = |c: &str| frame.numeric(c).map_err(|err| invalid!("{flag}: {err}"));
            y.push(numeric(yc)?);
            x.push(xc.map(numeric).transpose()?);
        }
        Ok((y, x))
    }
}

/// Per measure, its variable's values and, for ratios, the denominator's.
type Variables<'f> = (Vec<&'f [f64]>, Vec<Option<&'f [f64]>>);

/// One chunk derived, filtered and keyed ([`ChunkCtx::prepare`]), ready to be added.
struct Prepared {
    /// The chunk with the derived variables.
    frame: Frame,
    /// A weight of 1 per row when the design has no weights (empty otherwise).
    ones: Vec<f64>,
    strata: Option<Vec<u32>>,
    /// The stratum labels met up to this chunk.
    strata_labels: Arc<[String]>,
    psu: Vec<u64>,
    domain: Vec<u32>,
    /// Whether the filter kept any row.
    kept: bool,
}

/// The strata of a chunk as the accumulator takes them: codes and the labels they index.
pub(super) fn strata_grouping<'a>(
    codes: Option<&'a [u32]>,
    labels: &'a [String],
) -> Option<Grouping<'a>> {
    codes.map(|codes| Grouping { codes, labels })
}

/// The values of one column met so far, numbered in order of first appearance.
#[derive(Default)]
pub(crate) struct Levels {
    text: Option<bool>,
    labels: Vec<String>,
    values: Vec<f64>,
    by_text: HashMap<String, u32>,
    by_bits: HashMap<u64, u32, KeyHash>,
    /// The codes of the whole numbers below [`SMALL`] met so far (`u32::MAX`: not met).
    by_small: Vec<u32>,
}

/// Whole numbers below this are coded through a table rather than a hash map.
const SMALL: usize = 4096;

/// `x` as an index when it is a whole number in `0..SMALL` (a truncating conversion and a
/// comparison: `f64::fract` is a library call without SSE 4.1). Through `i32`, whose
/// conversions to and from `f64` are single instructions (those of `usize` are not); `NaN`
/// converts to 0, which is not equal to it.
fn small_whole(x: f64) -> Option<usize> {
    let i = x as i32;
    (i >= 0 && i < SMALL as i32 && f64::from(i) == x).then_some(i as usize)
}

impl Levels {
    /// Codes of a chunk's column (`u32::MAX`: missing); `None` if its type changed.
    pub(crate) fn codes(&mut self, col: &Column) -> Option<Vec<u32>> {
        let text = matches!(col, Column::Str(_));
        if *self.text.get_or_insert(text) != text {
            return None;
        }
        Some(match col {
            Column::Num(v) => {
                let mut last = (u64::MAX, u32::MAX);
                let mut out = Vec::with_capacity(v.values.len());
                for &x in &v.values {
                    // small whole numbers (codes such as sex or citizenship) by index,
                    // before anything else (-0 indexes 0: +0 and -0 are one level)
                    let small = small_whole(x);
                    let known = small
                        .and_then(|i| self.by_small.get(i).copied())
                        .filter(|&c| c != u32::MAX);
                    out.push(match known {
                        Some(c) => c,
                        None => self.number_code(x, small, &mut last),
                    });
                }
                out
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

    /// The code of number `x` not found by its index `small` among the small whole numbers
    /// (`u32::MAX`: missing); `last` is the bits and code of the number coded before.
    fn number_code(&mut self, x: f64, small: Option<usize>, last: &mut (u64, u32)) -> u32 {
        if x.is_nan() {
            return u32::MAX;
        }
        let bits = if x == 0.0 { 0 } else { x.to_bits() };
        if bits == last.0 {
            return last.1;
        }
        let next = self.values.len() as u32;
        let c = *self.by_bits.entry(bits).or_insert(next);
        if let Some(i) = small {
            if self.by_small.len() <= i {
                self.by_small.resize(i + 1, u32::MAX);
            }
            self.by_small[i] = c;
        }
        if c == next {
            self.values.push(x);
            self.labels.push(format_number(x));
        }
        *last = (bits, c);
        c
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

    pub(crate) fn labels(&self) -> Vec<String> {
        self.labels.clone()
    }

    /// Level codes in output order: numbers ascending, text by byte order (as `factorize`).
    pub(crate) fn rank(&self) -> Vec<u32> {
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

    pub(crate) fn sorted_labels(&self) -> Vec<String> {
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
pub(crate) struct PsuKeys {
    text: Option<bool>,
    levels: Levels,
}

impl PsuKeys {
    pub(crate) fn keys(&mut self, col: &Column) -> Option<Vec<u64>> {
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

    pub(crate) fn label(&self, k: u64) -> String {
        if self.text == Some(true) {
            self.levels.labels[k as usize].clone()
        } else {
            format_number(f64::from_bits(k))
        }
    }
}

/// Interned strata, PSUs and domains across chunks.
pub(super) struct Keys {
    pub(super) strata: Levels,
    pub(super) psu: PsuKeys,
    pub(super) levels: Vec<Levels>,
    domain_of_key: HashMap<u128, u32, KeyHash>,
    pub(super) domain_codes: Vec<Vec<u32>>,
    /// The domain id (`u32::MAX`: none yet) of every combination of the levels met so far, by
    /// [`mixed_radix`] over their counts `dense_radix` (rebuilt when a level is met).
    dense: Vec<u32>,
    dense_radix: Vec<usize>,
    /// The stratum labels met so far, shared by the chunks until a new stratum is met.
    strata_labels: Arc<[String]>,
}

/// Combinations of by-levels indexed in a table rather than hashed (4 MiB of ids).
const DENSE_DOMAINS: usize = 1 << 20;

/// The index of level codes `codes` among all combinations of levels counted by `radix`.
fn mixed_radix(radix: &[usize], codes: impl Iterator<Item = u32>) -> usize {
    codes.zip(radix).fold(0, |i, (c, &r)| i * r + c as usize)
}

impl Keys {
    pub(super) fn new(nby: usize) -> Self {
        Keys {
            strata: Levels::default(),
            psu: PsuKeys::default(),
            levels: (0..nby).map(|_| Levels::default()).collect(),
            domain_of_key: HashMap::default(),
            domain_codes: Vec::new(),
            dense: Vec::new(),
            dense_radix: Vec::new(),
            strata_labels: Arc::new([]),
        }
    }

    /// The stratum labels met so far (copied only when a new stratum was met).
    fn strata_labels(&mut self) -> Arc<[String]> {
        if self.strata_labels.len() != self.strata.labels.len() {
            self.strata_labels = self.strata.labels.as_slice().into();
        }
        Arc::clone(&self.strata_labels)
    }

    /// The domain id of each row (`u32::MAX`: filtered out or a by-value missing).
    pub(super) fn domains(
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
        let out = if self.index_by_codes() {
            self.dense_domains(&codes, keep, n)
        } else {
            let mut out = vec![u32::MAX; n];
            self.hashed_domains(&codes, keep, &mut out);
            out
        };
        Ok(Some(out))
    }

    /// Prepares [`Keys::dense`] for the levels met so far; `false` when their combinations are
    /// too many to index (more than [`DENSE_DOMAINS`]).
    fn index_by_codes(&mut self) -> bool {
        let radix: Vec<usize> = self.levels.iter().map(|l| l.labels.len().max(1)).collect();
        if radix == self.dense_radix && !self.dense.is_empty() {
            return true;
        }
        let cells = radix
            .iter()
            .try_fold(1usize, |p, &r| p.checked_mul(r))
            .filter(|&p| p <= DENSE_DOMAINS);
        let Some(cells) = cells else {
            return false;
        };
        // mixed radix over the level counts: the last by-variable varies fastest
        self.dense = vec![u32::MAX; cells];
        self.dense_radix = radix;
        for (d, c) in self.domain_codes.iter().enumerate() {
            let i = mixed_radix(&self.dense_radix, c.iter().copied());
            self.dense[i] = d as u32;
        }
        true
    }

    /// Domain ids by the index of each row's level codes in [`Keys::dense`], formed one
    /// by-variable at a time (tight passes over the codes rather than a loop over the
    /// by-variables for each row).
    /// The `n` rows' index is formed in the vector returned, then replaced by the domain id.
    fn dense_domains(&mut self, codes: &[Vec<u32>], keep: Option<&[bool]>, n: usize) -> Vec<u32> {
        // u32::MAX: filtered out or a by-value missing (indices are below DENSE_DOMAINS)
        let mut out: Vec<u32> = match keep {
            Some(k) => k.iter().map(|&k| if k { 0 } else { u32::MAX }).collect(),
            None => vec![0; n],
        };
        for (c, &r) in codes.iter().zip(&self.dense_radix) {
            let r = r as u32;
            for (i, &c) in out.iter_mut().zip(c) {
                *i = if *i == u32::MAX || c == u32::MAX {
                    u32::MAX
                } else {
                    *i * r + c
                };
            }
        }
        for (row, slot) in out.iter_mut().enumerate() {
            let i = *slot;
            if i == u32::MAX {
                continue;
            }
            let mut d = self.dense[i as usize];
            if d == u32::MAX {
                d = self.new_domain(codes.iter().map(|c| c[row]).collect());
                self.dense[i as usize] = d;
            }
            *slot = d;
        }
        out
    }

    /// Domain ids by a hash of each row's level codes.
    fn hashed_domains(&mut self, codes: &[Vec<u32>], keep: Option<&[bool]>, out: &mut [u32]) {
        let mut last: Option<(u128, u32)> = None;
        'rows: for (row, slot) in out.iter_mut().enumerate() {
            if keep.is_some_and(|k| !k[row]) {
                continue;
            }
            let mut key: u128 = 0;
            for c in codes {
                if c[row] == u32::MAX {
                    continue 'rows;
                }
                key = (key << 32) | u128::from(c[row]);
            }
            *slot = match last {
                Some((k, d)) if k == key => d,
                _ => {
                    let d = match self.domain_of_key.get(&key) {
                        Some(&d) => d,
                        None => self.new_domain(codes.iter().map(|c| c[row]).collect()),
                    };
                    last = Some((key, d));
                    d
                }
            };
        }
    }

    /// Numbers a new combination of level codes.
    fn new_domain(&mut self, codes: Vec<u32>) -> u32 {
        let d = self.domain_codes.len() as u32;
        let key = codes.iter().fold(0u128, |k, &c| (k << 32) | u128::from(c));
        self.domain_of_key.insert(key, d);
        self.domain_codes.push(codes);
        d
    }

    /// The domains in output order: sorted by the level order of each by-variable in turn.
    pub(super) fn table(&self, by: &[String]) -> DomainTable {
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
