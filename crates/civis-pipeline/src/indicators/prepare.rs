//! One run of the indicator engine on one country's file: which indicators the file can feed,
//! the canonical variables, the design (once), the partitions, then the estimations in
//! parallel; or, when the one pass answers every indicator the file can feed (ratios), the file
//! streamed chunk by chunk into that pass, in memory that grows with PSUs x cells, not rows.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use civis_catalog::{
    Catalogue, Criterion, Indicator, Kind, Resolved, RuleName, SourceMapping, Variables,
};
use civis_frame::expr::parse;
use civis_frame::factor::{factorize, Factor};
use civis_frame::{Column, Frame, NumColumn};
use civis_geo::{CountryCode, GeoRegistry};
use civis_io::{
    open_microdata, read_microdata, ColumnChunks, CsvChunks, CsvOptions, MicrodataFormat,
};
use civis_survey::statistic::NationalIncome;
use civis_survey::{Design, DesignSpec, ReliabilityRule};
use rayon::prelude::*;

use super::engine::{
    age_bands, count_ratio, group_partitions, not_computable, sex_codes, survey_indicator, Inputs,
};
use super::fused::{self, Job, Layout};
use super::pass::{Outcome, Pass};
use super::{Breakdown, Events, IndicatorRow, IndicatorsBuilder, IndicatorsEvent, Reliability};
use crate::design::{grouping, locate};
use crate::error::{bail, invalid, Result, WithContext};
use crate::geo_check::unknown_geo_warning;
use crate::microdata::{read_header, read_lfs_limits};
use crate::variance::VarianceMethod;

/// The year of a reference period such as `2023` or `2023Q2`.
pub fn reference_year(time: &str) -> Result<i32> {
    time.get(..4)
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| invalid!("--year `{time}`: expected a year such as 2023"))
}

/// The indicator catalogue: the built-in one, or a TOML file.
pub fn catalogue(file: Option<&std::path::Path>) -> Result<Catalogue> {
    Ok(match file {
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
    })
}

/// The variable names of a file: `eu-silc`, `eu-lfs` or a mapping file, with `canonical=column`
/// overrides.
fn source_mapping(source: &str, maps: &[(String, String)]) -> Result<SourceMapping> {
    let mut mapping = match SourceMapping::builtin(source) {
        Some(m) => m,
        None => {
            let p = PathBuf::from(source);
            if !p.exists() {
                bail!("--source `{source}`: expected eu-silc, eu-lfs or a mapping file");
            }
            let text =
                std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))?;
            SourceMapping::parse(&text, source)?
        }
    };
    let vars = Variables::default_variables()?;
    for (canonical, column) in maps {
        let canonical = canonical.trim();
        if !vars.contains(canonical) {
            bail!(
                "--map `{canonical}={column}`: `{canonical}` is not a canonical variable (see crates/civis-catalog/data/variables.toml)"
            );
        }
        mapping.override_with(canonical, column.trim());
    }
    Ok(mapping)
}

/// Run on one country's file (no country column).
pub(super) fn run(o: &IndicatorsBuilder, events: Events<'_>) -> Result<Vec<IndicatorRow>> {
    let source_name = o.data.display().to_string();
    let catalogue = catalogue(o.catalog.as_deref())?;
    let mapping = source_mapping(&o.source, &o.maps)?;
    let selected: Vec<&Indicator> = match &o.indicators {
        None => catalogue.indicators.iter().collect(),
        Some(ids) => ids
            .iter()
            .map(|id| {
                catalogue.get(id.trim()).ok_or_else(|| {
                    invalid!(
                        "--indicators: unknown indicator `{}` (`civis catalog` lists them)",
                        id.trim()
                    )
                })
            })
            .collect::<Result<_>>()?,
    };
    let header = read_header(&o.data, o.delimiter)?;
    if let Some(g) = &o.geo {
        if !header.iter().any(|h| h == g) {
            bail!("--geo `{g}`: no such column in {source_name}");
        }
    }
    if let Some(c) = &o.country {
        check_country(c)?;
    }
    let time = o.year.clone().unwrap_or_default();
    let national_geo = o.country.clone().unwrap_or_else(|| "TOTAL".into());
    let file = FileVariables {
        o,
        mapping: &mapping,
        header: &header,
    };
    let mut rows: Vec<IndicatorRow> = Vec::new();
    let mut computable: Vec<&Indicator> = Vec::new();
    for ind in &selected {
        match file.missing(ind) {
            None => computable.push(ind),
            Some(why) => rows.push(not_computable(ind, &national_geo, &time, &why)),
        }
    }
    let mut active_criteria = Vec::new();
    for c in &o.criteria {
        if file.resolve(c.variable()).is_some() {
            active_criteria.push(*c);
        } else {
            events(IndicatorsEvent::Warning(format!(
                "groups by {} not computable from this file: missing {} ({})",
                c.code(),
                c.variable(),
                mapping.candidates(c.variable()).join(" or ")
            )));
        }
    }
    let cells = Cells {
        o,
        national_geo: &national_geo,
        time: &time,
        events,
    };
    if let Some(streamed) = cells.stream(&file, &computable, &active_criteria, &source_name)? {
        rows.extend(streamed);
        return Ok(rows);
    }
    let loaded = file.load(&computable, &active_criteria, &source_name)?;
    rows.extend(cells.estimate(loaded, &computable, &active_criteria, &source_name)?);
    Ok(rows)
}

/// A `--country` must be a Eurostat country code.
fn check_country(c: &str) -> Result<()> {
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
    Ok(())
}

/// Bytes of CSV per chunk of a streamed run: a quarter of `civis estimate`'s
/// ([`civis_io::chunks::BLOCK`]), as a coded chunk holds about 170 bytes per row for 9
/// indicators (each one's numerator and denominator) against about 50 of CSV. Measured on the
/// 2,000,000-row EU-LFS-shaped file: 470 MB at the peak with whole blocks, 350 MB with
/// quarters, the same CPU time.
const CSV_BLOCK: usize = civis_io::chunks::BLOCK / 4;

/// The canonical variables of a file, as its mapping finds them in its header.
struct FileVariables<'a> {
    o: &'a IndicatorsBuilder,
    mapping: &'a SourceMapping,
    header: &'a [String],
}

/// The columns read from the file and the canonical variables computed from them.
struct Loaded {
    raw: Frame,
    canon: Frame,
    /// The file's weight column, if the mapping finds one.
    weight: Option<String>,
}

/// The at-risk-of-poverty flag is derived from the equivalised income.
fn input_variable(v: String) -> String {
    if v == "at_risk_of_poverty" {
        "equivalised_income".to_string()
    } else {
        v
    }
}

impl FileVariables<'_> {
    fn resolve(&self, canonical: &str) -> Option<Resolved> {
        self.mapping.resolve(canonical, self.header)
    }

    fn wants(&self, b: Breakdown) -> bool {
        self.o.breakdowns.contains(&b)
    }

    /// Why an indicator cannot be computed from the file (`missing ...`), or `None`.
    fn missing(&self, ind: &Indicator) -> Option<String> {
        let mut miss: Vec<String> = Vec::new();
        for v in ind.inputs() {
            let v = input_variable(v);
            if self.resolve(&v).is_none() && !miss.contains(&v) {
                miss.push(v);
            }
        }
        if ind.kind != Kind::CountRatio && self.resolve("weight").is_none() {
            miss.push("weight".into());
        }
        if self.wants(Breakdown::Sex) && self.resolve("sex").is_none() {
            miss.push("sex".into());
        }
        if self.wants(Breakdown::AgeBand) && self.resolve("age").is_none() {
            miss.push("age".into());
        }
        if miss.is_empty() {
            return None;
        }
        let what: Vec<String> = miss
            .iter()
            .map(|m| {
                let c = self.mapping.candidates(m);
                if c.is_empty() {
                    m.clone()
                } else {
                    format!("{m} ({})", c.join(" or "))
                }
            })
            .collect();
        Some(format!("missing {}", what.join(", ")))
    }

    /// The canonical variables the computable indicators need (as the file holds them) and
    /// the file's columns to read for them.
    fn columns(
        &self,
        computable: &[&Indicator],
        criteria: &[Criterion],
    ) -> (Vec<Resolved>, Vec<String>) {
        let o = self.o;
        let mut canon_needed: BTreeSet<String> = BTreeSet::new();
        for ind in computable {
            canon_needed.extend(ind.inputs().into_iter().map(input_variable));
        }
        for v in ["weight", "strata", "psu"] {
            canon_needed.insert(v.into());
        }
        for c in criteria {
            canon_needed.insert(c.variable().into());
        }
        if self.wants(Breakdown::Sex) {
            canon_needed.insert("sex".into());
        }
        if self.wants(Breakdown::AgeBand) {
            canon_needed.insert("age".into());
        }
        let resolved: Vec<Resolved> = canon_needed
            .iter()
            .filter_map(|c| self.resolve(c))
            .collect();
        let mut load: Vec<String> = resolved.iter().map(|r| r.column.clone()).collect();
        load.extend(o.geo.iter().cloned());
        if let VarianceMethod::Columns { prefix, .. } = &o.variance {
            load.extend(
                self.header
                    .iter()
                    .filter(|h| h.starts_with(prefix.as_str()))
                    .cloned(),
            );
        }
        load.sort();
        load.dedup();
        (resolved, load)
    }

    /// The canonical variables of the rows `raw` (the file's columns), sex coded `M`/`F`.
    fn canonical(&self, resolved: &[Resolved], raw: &Frame) -> Result<Frame> {
        let n = raw.nrows();
        // the source columns under the names the mapping's expressions use
        let mut src = Frame::new(n);
        for r in resolved {
            if src.position(&r.mapping_column).is_none() {
                src.push(r.mapping_column.clone(), raw.column(&r.column)?.clone())?;
            }
        }
        let mut canon = Frame::new(n);
        for r in resolved {
            let col = match &r.expr {
                Some(e) => parse(e).and_then(|x| x.eval(&src)).map_err(|err| {
                    invalid!("mapping of `{}` ({}): {err}", r.canonical, self.o.source)
                })?,
                None => src.column(&r.mapping_column)?.clone(),
            };
            canon.push(r.canonical.clone(), col)?;
        }
        if let Ok(col) = canon.column("sex") {
            let recoded = sex_codes(&factorize(col, false));
            canon.set("sex", recoded)?;
        }
        Ok(canon)
    }

    /// Read the columns the computable indicators need and compute the canonical variables.
    fn load(
        &self,
        computable: &[&Indicator],
        criteria: &[Criterion],
        source_name: &str,
    ) -> Result<Loaded> {
        let o = self.o;
        let (resolved, load) = self.columns(computable, criteria);
        let raw = read_microdata(
            &o.data,
            &CsvOptions {
                delimiter: o.delimiter,
                columns: Some(load),
            },
        )?;
        if raw.nrows() == 0 {
            bail!("{source_name} has no data rows");
        }
        let canon = self.canonical(&resolved, &raw)?;
        Ok(Loaded {
            raw,
            canon,
            weight: self.resolve("weight").map(|r| r.column),
        })
    }

    /// The file's `columns`, chunk by chunk: CSV in chunks of [`CSV_BLOCK`] bytes, or of
    /// `CIVIS_CHUNK_BYTES` when the variable is set (as `civis estimate`'s: the tests cut small
    /// files into many).
    fn chunks(&self, columns: Vec<String>) -> Result<Box<dyn ColumnChunks + Send>> {
        let o = self.o;
        let opts = CsvOptions {
            delimiter: o.delimiter,
            columns: Some(columns),
        };
        let block = std::env::var("CIVIS_CHUNK_BYTES")
            .ok()
            .and_then(|b| b.parse().ok())
            .unwrap_or(CSV_BLOCK);
        Ok(match MicrodataFormat::detect(&o.data)? {
            MicrodataFormat::Csv => {
                let name = o.data.display().to_string();
                let file = std::fs::File::open(&o.data).map_err(|err| invalid!("{name}: {err}"))?;
                Box::new(CsvChunks::from_reader(Box::new(file), &name, &opts, block)?)
            }
            _ => open_microdata(&o.data, &opts)?,
        })
    }
}

/// The estimation of every cell of a run.
struct Cells<'a> {
    o: &'a IndicatorsBuilder,
    national_geo: &'a str,
    time: &'a str,
    events: Events<'a>,
}

impl Cells<'_> {
    /// Every indicator from one pass over the file read in chunks, in memory that grows with
    /// the PSUs x fine cells, not with the rows, when the pass answers every computable
    /// indicator (ratios, variances not from replicate weights in the file); `None` otherwise,
    /// or when a column changes type between chunks (the file is then read whole).
    fn stream(
        &self,
        file: &FileVariables<'_>,
        computable: &[&Indicator],
        criteria: &[Criterion],
        source_name: &str,
    ) -> Result<Option<Vec<IndicatorRow>>> {
        let o = self.o;
        let streamable = o.one_pass
            && !computable.is_empty()
            && fused::fusable(&o.variance, computable).iter().all(|&f| f)
            && !computable
                .iter()
                .any(|i| i.inputs().contains("at_risk_of_poverty"));
        if !streamable {
            return Ok(None);
        }
        let (resolved, columns) = file.columns(computable, criteria);
        let canonical = |raw: &Frame| file.canonical(&resolved, raw);
        let by = (
            o.geo.is_some(),
            file.wants(Breakdown::Sex),
            file.wants(Breakdown::AgeBand),
        );
        let pass = Pass::new(computable.to_vec(), criteria, o.country.as_deref(), by);
        let weight = file.resolve("weight").map(|r| r.column);
        let located = |err| locate(err, source_name, &weight);
        let mut outcome = Outcome::NotGrouped;
        for any_order in [false, true] {
            let chunks = file.chunks(columns.clone())?;
            outcome = pass.chunks(chunks, o.geo.as_deref(), &canonical, any_order, &located)?;
            if !matches!(outcome, Outcome::NotGrouped) {
                break;
            }
        }
        let Outcome::Read(read) = outcome else {
            return Ok(None);
        };
        let (acc, coder) = &*read;
        if acc.rows() == 0 {
            bail!("{source_name} has no data rows");
        }
        let breakdowns = breakdown_cells(by.1, by.2);
        let layout = Layout::new(&pass, coder, &breakdowns, self.national_geo, self.time);
        if let Some(f) = &layout.geo {
            self.warn_unknown_geo(f);
        }
        let rule_of = self.rules()?;
        let jobs: Vec<Job<'_>> = computable
            .iter()
            .map(|ind| Job {
                ind,
                rule: rule_of(ind),
            })
            .collect();
        let rows = fused::estimate(&pass, &jobs, (acc, coder), &layout, &o.variance, o.lonely)?;
        // the sums hold hundreds of megabytes on a large file: they are handed back to the
        // system on a thread of their own while the rows are written
        std::thread::spawn(move || drop(read));
        let total = jobs.len() * criteria.len();
        let (mut out, mut done) = (Vec::new(), 0);
        // in the order of the per-indicator jobs: each indicator under each criterion
        for (ind, by_criterion) in computable.iter().zip(rows) {
            for rows in by_criterion {
                out.extend(rows);
                done += 1;
                (self.events)(IndicatorsEvent::Progress {
                    done,
                    total,
                    indicator: &ind.id,
                });
            }
        }
        if total > 0 {
            (self.events)(IndicatorsEvent::Finished);
        }
        Ok(Some(out))
    }

    /// The warning on area codes that are not NUTS or city codes.
    fn warn_unknown_geo(&self, geo: &Factor) {
        if let Some(w) = unknown_geo_warning(geo.labels.iter().map(String::as_str)) {
            let column = self.o.geo.as_deref().unwrap_or("");
            (self.events)(IndicatorsEvent::Warning(format!(
                "warning: column `{column}`: {w}"
            )));
        }
    }

    /// The design (once, when a survey indicator needs it), the partitions, then every
    /// indicator: administrative counts first, then the survey indicators in parallel.
    fn estimate(
        &self,
        loaded: Loaded,
        computable: &[&Indicator],
        criteria: &[Criterion],
        source_name: &str,
    ) -> Result<Vec<IndicatorRow>> {
        let o = self.o;
        let Loaded {
            raw,
            mut canon,
            weight,
        } = loaded;
        let survey_needed = computable.iter().any(|i| i.kind != Kind::CountRatio);
        let weights: Vec<f64> = if survey_needed {
            canon
                .numeric("weight")
                .map_err(|e| invalid!("weight: {e}"))?
                .to_vec()
        } else {
            Vec::new()
        };
        let design = if survey_needed {
            Some(self.design(&canon, &weights, source_name, weight)?)
        } else {
            None
        };
        let rep_columns = o.variance.replicate_columns(&raw)?;
        let variance = match &design {
            Some(d) => Some(o.variance.on(d, &rep_columns, false)?),
            None => None,
        };
        if computable
            .iter()
            .any(|i| i.inputs().contains("at_risk_of_poverty"))
        {
            let flag = poverty_flag(canon.numeric("equivalised_income")?, &weights);
            canon.push("at_risk_of_poverty", Column::Num(NumColumn::new(flag)))?;
        }
        let geo_factor = match &o.geo {
            Some(g) => Some(factorize(raw.column(g)?, true)),
            None => None,
        };
        if let Some(f) = &geo_factor {
            self.warn_unknown_geo(f);
        }
        let sex_factor = if o.breakdowns.contains(&Breakdown::Sex) {
            Some(factorize(canon.column("sex")?, true))
        } else {
            None
        };
        let age_factor = if o.breakdowns.contains(&Breakdown::AgeBand) {
            Some(age_bands(canon.numeric("age")?))
        } else {
            None
        };
        let mut group_factors: BTreeMap<Criterion, (Factor, Factor)> = BTreeMap::new();
        for c in criteria {
            group_factors.insert(
                *c,
                group_partitions(canon.column(c.variable())?, o.country.as_deref(), c)?,
            );
        }
        let breakdowns = breakdown_cells(sex_factor.is_some(), age_factor.is_some());
        let mut rows = Vec::new();
        let mut jobs: Vec<(&Indicator, Criterion, ReliabilityRule)> = Vec::new();
        let rule_of = self.rules()?;
        for ind in computable {
            if ind.kind == Kind::CountRatio {
                rows.extend(count_ratio(
                    ind,
                    &canon,
                    self.national_geo,
                    geo_factor.as_ref(),
                    self.time,
                )?);
                continue;
            }
            let rule = rule_of(ind);
            for c in criteria {
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
            national_geo: self.national_geo,
            time: self.time,
            country: o.country.as_deref(),
        };
        let fused = if o.one_pass {
            {
                let geo = o.geo.as_ref().map(|g| raw.column(g)).transpose()?;
                fused::answer(&ctx, geo, &jobs, criteria, &o.variance, o.lonely)?
            }
        } else {
            jobs.iter().map(|_| None).collect()
        };
        rows.extend(self.in_parallel(&ctx, &jobs, fused)?);
        Ok(rows)
    }

    /// The survey design on the canonical variables (strata and PSUs nested).
    fn design(
        &self,
        canon: &Frame,
        weights: &[f64],
        source_name: &str,
        weight: Option<String>,
    ) -> Result<Design> {
        let strata = canon.column("strata").ok().map(|c| factorize(c, false));
        let psu = canon.column("psu").ok().map(|c| factorize(c, false));
        Design::new(DesignSpec {
            weights,
            strata: strata.as_ref().map(grouping),
            psu: psu.as_ref().map(grouping),
            nest: true,
            fpc: None,
            lonely: self.o.lonely,
        })
        .map_err(|e| locate(e, source_name, &weight))
    }

    /// Each indicator's publication rule: the one asked for, or the catalogue's (EU-LFS
    /// indicators need the limits file; without it they are not flagged, with a warning).
    fn rules(&self) -> Result<impl Fn(&Indicator) -> ReliabilityRule + '_> {
        let o = self.o;
        let year = o.year.as_deref().map(reference_year).transpose()?;
        let limits = match &o.lfs_limits {
            Some(p) => Some(read_lfs_limits(p, year)?),
            None => None,
        };
        let warned_lfs = std::sync::Once::new();
        Ok(move |ind: &Indicator| match &o.reliability {
            Reliability::Rule(r) => r.clone(),
            Reliability::Catalogue => match ind.reliability {
                RuleName::Silc => ReliabilityRule::Silc,
                RuleName::None => ReliabilityRule::None,
                RuleName::Lfs => match &limits {
                    Some(l) => ReliabilityRule::Lfs(l.clone()),
                    None => {
                        warned_lfs.call_once(|| (self.events)(IndicatorsEvent::Warning(
                            "no --lfs-limits file given: EU-LFS indicators are not flagged for reliability".into(),
                        )));
                        ReliabilityRule::None
                    }
                },
            },
        })
    }

    /// The survey indicators in parallel (each estimation is parallel over domains too, but
    /// the national and TOTAL runs have a single domain), but those `fused` answers.
    fn in_parallel(
        &self,
        ctx: &Inputs<'_>,
        jobs: &[(&Indicator, Criterion, ReliabilityRule)],
        fused: Vec<Option<Vec<IndicatorRow>>>,
    ) -> Result<Vec<IndicatorRow>> {
        let done = std::sync::atomic::AtomicUsize::new(0);
        let total = jobs.len();
        let results: Vec<Result<Vec<IndicatorRow>>> = jobs
            .par_iter()
            .zip(fused)
            .map(|((ind, criterion, rule), fused)| {
                let r = match fused {
                    Some(rows) => Ok(rows),
                    None => survey_indicator(ctx, ind, *criterion, rule),
                };
                let k = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                (self.events)(IndicatorsEvent::Progress {
                    done: k,
                    total,
                    indicator: &ind.id,
                });
                r
            })
            .collect();
        if total > 0 {
            (self.events)(IndicatorsEvent::Finished);
        }
        let mut rows = Vec::new();
        for r in results {
            rows.extend(r?);
        }
        Ok(rows)
    }
}

/// The at-risk-of-poverty flag (1 below 60 % of the national median equivalised income).
fn poverty_flag(y: &[f64], weights: &[f64]) -> Vec<f64> {
    let nat = NationalIncome::new(y);
    let t = 0.6 * nat.median(y, weights);
    y.iter()
        .map(|&v| {
            if v.is_nan() {
                f64::NAN
            } else if v < t {
                1.0
            } else {
                0.0
            }
        })
        .collect()
}

/// The (by sex, by age) combinations to estimate: none, each asked one, both.
fn breakdown_cells(sex: bool, age: bool) -> Vec<(bool, bool)> {
    let mut v = vec![(false, false)];
    if sex {
        v.push((true, false));
    }
    if age {
        v.push((false, true));
    }
    if sex && age {
        v.push((true, true));
    }
    v
}
