//! The Fay-Herriot workflow: direct estimates and area covariates in, model-based estimates out.
//!
//! The direct estimates are one row per area (estimate and its sampling variance or standard
//! error), read from a file ([`DirectEstimates::read`]) or taken in memory from the estimate
//! step ([`DirectEstimates::from_estimates`]: "direct -> Fay-Herriot -> benchmark" without a
//! scratch file). Covariates come from the same table or from an auxiliary table joined on the
//! area ([`FhInput::aux`]), where areas without a direct estimate get the synthetic estimate
//! `x'beta` with its MSE (out-of-sample areas). The model is Fay and Herriot (1979),
//! `theta_d = x_d'beta + u_d`, `y_d = theta_d + e_d`, `u_d ~ N(0, A)`, `e_d ~ N(0, psi_d)`,
//! fitted by `civis_sae::FayHerriot` (R sae's `eblupFH`) or, with a proximity matrix,
//! `civis_sae::SpatialFayHerriot` (R sae's `eblupSFH`); benchmarking is `civis_sae::benchmark`.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use civis_frame::expr::parse;
use civis_frame::{Column, Frame, NumColumn, StrColumn};
use civis_io::{read_csv, read_csv_from, CsvOptions};
use civis_sae::transform::{self, arcsine_back_bias_corrected, arcsine_back_naive};
use civis_sae::{
    benchmark, AreaData, BackTransform, Benchmark, FayHerriot, Matrix, Method, ProximityMatrix,
    SaeError, Shares, SpatialFayHerriot, SpatialMethod,
};

use crate::error::{bail, invalid, PipelineError, Result};
use crate::estimate::EstimateOutput;

/// Where the sampling variance of the direct estimates is.
#[derive(Debug, Clone, PartialEq)]
pub enum SamplingVariance {
    /// A column holding the variance.
    Variance(String),
    /// A column holding the standard error (squared to give the variance).
    StandardError(String),
}

impl SamplingVariance {
    /// How messages name the column (`the sampling variance (--variance V)`).
    fn describe(&self) -> String {
        match self {
            SamplingVariance::Variance(v) => format!("the sampling variance (--variance {v})"),
            SamplingVariance::StandardError(s) => format!("the standard error (--se {s})"),
        }
    }
}

/// A transformation of the direct estimates before the model (Sugasawa and Kubokawa 2017;
/// R emdi's `fh(transformation = ...)`).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Transform {
    #[default]
    None,
    /// Proportions: `asin(sqrt(y))` with known variance `1 / (4 n_eff)`; `n_eff` is the column
    /// of effective sample sizes (in the direct estimates' table). Back-transformed with the
    /// bias correction of Hadam, Wuerz and Kreutzmann (2020).
    Arcsine { n_eff: String },
    /// `log(y)` with variance `psi / y^2` (delta method); back-transformed as Slud and Maiti
    /// (2006): `exp(theta + A (1 - gamma) / 2)`.
    Log,
}

/// How the mean squared error of the estimates is computed.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Mse {
    /// Prasad and Rao (1990) and its ML/FH variants (Datta and Lahiri 2000, Datta, Rao and Smith
    /// 2005), as R sae's `mseFH`; the spatial model's as `mseSFH`.
    #[default]
    Analytic,
    /// Parametric bootstrap (Gonzalez-Manteiga et al. 2008): `replicates` refits from `seed`.
    Bootstrap { replicates: usize, seed: u64 },
}

/// How the estimates are benchmarked to a published total.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum BenchmarkMethod {
    /// All estimates multiplied by one factor.
    #[default]
    Ratio,
    /// The same difference added to every estimate.
    Raking,
    /// Differences in proportion to each area's MSE (Datta et al. 2011).
    MseWeighted,
}

impl BenchmarkMethod {
    /// The name in the model summary (`ratio`, `raking`, `mse`).
    pub fn name(self) -> &'static str {
        match self {
            BenchmarkMethod::Ratio => "ratio",
            BenchmarkMethod::Raking => "raking",
            BenchmarkMethod::MseWeighted => "mse",
        }
    }
}

/// A benchmark: the share-weighted mean of the estimates must equal `total`.
#[derive(Debug, Clone, PartialEq)]
struct BenchmarkTarget {
    total: f64,
    /// Column with the areas' population shares or sizes (in the covariates' table).
    shares: String,
    method: BenchmarkMethod,
}

/// The direct estimates: a table with one row per area (after an optional filter).
#[derive(Debug, Clone)]
pub struct DirectEstimates {
    frame: Frame,
    source: String,
}

impl DirectEstimates {
    /// The direct estimates in a CSV file.
    pub fn read(path: &Path) -> Result<DirectEstimates> {
        Ok(DirectEstimates {
            frame: read_csv(path, &CsvOptions::default())?,
            source: path.display().to_string(),
        })
    }

    /// The direct estimates in CSV from a reader (standard input); messages call it `name`.
    pub fn read_from(reader: impl Read, name: &str) -> Result<DirectEstimates> {
        Ok(DirectEstimates {
            frame: read_csv_from(reader, name, &CsvOptions::default())?,
            source: name.to_owned(),
        })
    }

    /// The output of the estimate step, in memory, as the table `civis estimate --out` writes:
    /// the domain variables, then `statistic, variable, estimate, se, ci_low, ci_high, cv, deff,
    /// n, pop, flags`. A domain variable whose labels are all numbers is numeric, as when the
    /// table is read back from the file.
    pub fn from_estimates(out: &EstimateOutput) -> Result<DirectEstimates> {
        let rows = &out.rows;
        let mut frame = Frame::new(rows.len());
        for (k, name) in out.by.iter().enumerate() {
            let labels: Vec<Option<&str>> = rows
                .iter()
                .map(|r| {
                    r.domain
                        .get(k)
                        .map(String::as_str)
                        .filter(|s| !s.is_empty())
                })
                .collect();
            frame.push(name.clone(), label_column(&labels))?;
        }
        let text = |f: &dyn Fn(&civis_survey::EstimateRow) -> &str| {
            let v: Vec<Option<&str>> = rows.iter().map(|r| Some(f(r))).collect();
            Column::Str(StrColumn::from_options(&v))
        };
        let num = |f: &dyn Fn(&civis_survey::EstimateRow) -> f64| {
            Column::Num(NumColumn::new(
                rows.iter()
                    .map(|r| Some(f(r)).filter(|v| v.is_finite()).unwrap_or(f64::NAN))
                    .collect(),
            ))
        };
        frame.push("statistic", text(&|r| &r.statistic))?;
        frame.push("variable", text(&|r| &r.variable))?;
        frame.push("estimate", num(&|r| r.measures.estimate))?;
        frame.push("se", num(&|r| r.measures.se))?;
        frame.push("ci_low", num(&|r| r.measures.ci_low))?;
        frame.push("ci_high", num(&|r| r.measures.ci_high))?;
        frame.push("cv", num(&|r| r.measures.cv))?;
        frame.push("deff", num(&|r| r.measures.deff))?;
        frame.push("n", num(&|r| r.n as f64))?;
        frame.push("pop", num(&|r| r.measures.pop))?;
        let flags: Vec<Option<&str>> = rows
            .iter()
            .map(|r| Some(r.reliability.flag()).filter(|f| !f.is_empty()))
            .collect();
        frame.push("flags", label_column(&flags))?;
        Ok(DirectEstimates {
            frame,
            source: "the direct estimates".to_owned(),
        })
    }

    /// Keep only the rows where `condition` (the expression language) is true.
    pub fn filter(mut self, condition: &str) -> Result<DirectEstimates> {
        let keep = parse(condition)
            .and_then(|e| e.eval_filter(&self.frame))
            .map_err(|e| invalid!("--where: {e}"))?;
        self.frame = self.frame.filter(&keep);
        Ok(self)
    }

    /// The table.
    pub fn frame(&self) -> &Frame {
        &self.frame
    }
}

/// A column of labels: numeric when every present label is a number (as the CSV reader types
/// a column), text otherwise.
fn label_column(labels: &[Option<&str>]) -> Column {
    let numbers: Option<Vec<f64>> = labels
        .iter()
        .map(|l| match l {
            None => Some(f64::NAN),
            Some(s) => s.parse::<f64>().ok().filter(|v| v.is_finite()),
        })
        .collect();
    match numbers {
        Some(v) if labels.iter().any(Option::is_some) => Column::Num(NumColumn::new(v)),
        _ => Column::Str(StrColumn::from_options(labels)),
    }
}

/// The inputs of a Fay-Herriot run: the direct estimates, optionally an auxiliary table (one
/// row per area, including areas without a direct estimate) and a proximity matrix.
#[derive(Debug, Clone)]
pub struct FhInput<'a> {
    direct: &'a DirectEstimates,
    aux: Option<(&'a Frame, String, Option<String>)>,
    proximity: Option<(&'a Frame, String)>,
}

impl<'a> FhInput<'a> {
    pub fn new(direct: &'a DirectEstimates) -> FhInput<'a> {
        FhInput {
            direct,
            aux: None,
            proximity: None,
        }
    }

    /// Covariates and shares from `aux` (called `source` in messages), joined on its column
    /// `join` (default: the area column of the direct estimates).
    pub fn aux(mut self, aux: &'a Frame, source: &str, join: Option<&str>) -> FhInput<'a> {
        self.aux = Some((aux, source.to_owned(), join.map(str::to_owned)));
        self
    }

    /// The spatial model with this proximity matrix (a header row, rows and columns in the
    /// order of the areas).
    pub fn proximity(mut self, matrix: &'a Frame, source: &str) -> FhInput<'a> {
        self.proximity = Some((matrix, source.to_owned()));
        self
    }
}

/// Builds a [`SmallAreaEstimation`]: which columns hold the area, the direct estimate, its
/// variance and the covariates, and how to fit, transform, estimate the MSE and benchmark.
#[derive(Debug, Clone)]
pub struct FayHerriotBuilder {
    area: String,
    direct: String,
    variance: SamplingVariance,
    covariates: Vec<String>,
    intercept: bool,
    method: Method,
    sae_compat: bool,
    transform: Transform,
    percent: bool,
    mse: Mse,
    benchmark: Option<BenchmarkTarget>,
}

impl FayHerriotBuilder {
    /// A REML fit with an intercept, analytic MSE, no transformation and no benchmark.
    pub fn new(area: &str, direct: &str, variance: SamplingVariance) -> FayHerriotBuilder {
        FayHerriotBuilder {
            area: area.to_owned(),
            direct: direct.to_owned(),
            variance,
            covariates: Vec::new(),
            intercept: true,
            method: Method::Reml,
            sae_compat: false,
            transform: Transform::None,
            percent: false,
            mse: Mse::Analytic,
            benchmark: None,
        }
    }

    /// Covariate columns (an intercept is added unless [`FayHerriotBuilder::no_intercept`]).
    pub fn covariates<S: AsRef<str>>(&mut self, columns: &[S]) -> &mut FayHerriotBuilder {
        self.covariates = columns.iter().map(|c| c.as_ref().to_owned()).collect();
        self
    }

    /// No intercept (R sae's `y ~ x1 + x2 - 1`); needs at least one covariate.
    pub fn no_intercept(&mut self) -> &mut FayHerriotBuilder {
        self.intercept = false;
        self
    }

    pub fn method(&mut self, method: Method) -> &mut FayHerriotBuilder {
        self.method = method;
        self
    }

    /// Reproduce R sae's start value and stopping rule instead of iterating to the optimum.
    pub fn sae_compat(&mut self, yes: bool) -> &mut FayHerriotBuilder {
        self.sae_compat = yes;
        self
    }

    pub fn transform(&mut self, transform: Transform) -> &mut FayHerriotBuilder {
        self.transform = transform;
        self
    }

    /// The direct estimates are percentages (divided by 100 for the model, results multiplied back).
    pub fn percent(&mut self, yes: bool) -> &mut FayHerriotBuilder {
        self.percent = yes;
        self
    }

    pub fn mse(&mut self, mse: Mse) -> &mut FayHerriotBuilder {
        self.mse = mse;
        self
    }

    /// Benchmark to `total`, a mean weighted by the population shares or sizes in column `shares`.
    pub fn benchmark(
        &mut self,
        total: f64,
        shares: &str,
        method: BenchmarkMethod,
    ) -> &mut FayHerriotBuilder {
        self.benchmark = Some(BenchmarkTarget {
            total,
            shares: shares.to_owned(),
            method,
        });
        self
    }

    /// Check the combination of options.
    pub fn build(&self) -> Result<SmallAreaEstimation> {
        if !self.intercept && self.covariates.is_empty() {
            bail!("--no-intercept needs at least one --covariates column");
        }
        Ok(SmallAreaEstimation {
            options: self.clone(),
        })
    }
}

/// One output row: an area's direct and model-based estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaRow {
    pub area: String,
    pub direct: f64,
    pub direct_se: f64,
    pub eblup: f64,
    pub mse: f64,
    pub rmse: f64,
    pub cv: f64,
    pub gamma: f64,
    pub synthetic: f64,
    pub in_sample: bool,
    pub benchmarked: Option<f64>,
    pub flags: String,
}

/// The fitted model, one line each (variance, coefficients, diagnostics, benchmark), for the
/// terminal and the `model` sheet.
#[derive(Debug, Clone, Default)]
pub struct ModelSummary {
    pub lines: Vec<String>,
}

/// The result: one row per area (in the order of the covariates' table) and the model summary.
#[derive(Debug, Clone, Default)]
pub struct FhOutput {
    pub rows: Vec<AreaRow>,
    pub summary: ModelSummary,
}

/// A checked Fay-Herriot request, ready to run on inputs.
#[derive(Debug, Clone)]
pub struct SmallAreaEstimation {
    options: FayHerriotBuilder,
}

/// The areas lined up: names (covariates' order), direct estimates and variances on the model
/// scale (NaN without a direct estimate), and which areas are in the sample.
struct Areas {
    names: Vec<String>,
    index: HashMap<String, usize>,
    y: Vec<f64>,
    psi: Vec<f64>,
    ins: Vec<usize>,
    outs: Vec<usize>,
}

/// Per in-sample area: EBLUP, MSE, gamma, synthetic; per out-of-sample area: estimate,
/// synthetic, MSE (model scale).
struct Fitted {
    eblup_in: Vec<f64>,
    mse_in: Vec<f64>,
    gamma_in: Vec<f64>,
    synth_in: Vec<f64>,
    est_out: Vec<f64>,
    synth_out: Vec<f64>,
    mse_out: Vec<f64>,
}

impl SmallAreaEstimation {
    /// Fit the model on `input` and estimate every area.
    pub fn run(&self, input: &FhInput<'_>) -> Result<FhOutput> {
        let o = &self.options;
        let data = &input.direct.frame;
        let src = input.direct.source.as_str();
        if data.nrows() == 0 {
            bail!("{src}: no area rows (after --where)");
        }
        let cov_frame = input.aux.as_ref().map_or(data, |(f, _, _)| *f);
        let areas = self.line_up(input)?;
        let covariates: Vec<&[f64]> = o
            .covariates
            .iter()
            .map(|c| {
                cov_frame
                    .numeric(c)
                    .map_err(|e| invalid!("--covariates: {e}"))
            })
            .collect::<Result<_>>()?;
        let names: Vec<String> = std::iter::once("(intercept)".to_string())
            .take(usize::from(o.intercept))
            .chain(o.covariates.iter().cloned())
            .collect();
        if areas.ins.len() <= names.len() {
            bail!(
                "{} areas with a direct estimate for {} coefficients: too few to fit the model",
                areas.ins.len(),
                names.len()
            );
        }
        let x_in = self.design_matrix(&covariates, &areas, &areas.ins)?;
        let x_out = if areas.outs.is_empty() {
            None
        } else {
            Some(self.design_matrix(&covariates, &areas, &areas.outs)?)
        };
        let (y_fit, psi_fit) = self.transformed(input, &areas)?;
        let in_areas: Vec<&str> = areas.ins.iter().map(|&i| areas.names[i].as_str()).collect();
        let area_data = AreaData::new(y_fit, psi_fit, x_in)
            .map_err(|e| self.by_area(src, e, &in_areas))?
            .with_covariate_names(names.clone())?;
        let mut summary = Vec::new();
        let fitted = match &input.proximity {
            Some((w, wsrc)) => {
                let prox = self.proximity(w, wsrc, areas.names.len())?;
                self.fit_spatial(
                    &area_data,
                    prox,
                    &areas,
                    x_out.as_ref(),
                    &names,
                    &mut summary,
                )?
            }
            None => self.fit(&area_data, x_out.as_ref(), &names, &mut summary)?,
        };
        summary.push(format!(
            "{} areas with a direct estimate, {} without ({})",
            areas.ins.len(),
            areas.outs.len(),
            if input.proximity.is_some() {
                "synthetic estimates plus the BLUP of their spatial effect"
            } else {
                "synthetic estimates"
            }
        ));
        let mut rows = self.assemble(&areas, &fitted);
        if let Some(b) = &o.benchmark {
            summary.push(benchmarked(b, cov_frame, &mut rows)?);
        }
        Ok(FhOutput {
            rows,
            summary: ModelSummary { lines: summary },
        })
    }

    /// The areas (from the auxiliary table, else the direct estimates) and each one's direct
    /// estimate and sampling variance, checked.
    fn line_up(&self, input: &FhInput<'_>) -> Result<Areas> {
        let o = &self.options;
        let data = &input.direct.frame;
        let src = input.direct.source.as_str();
        let scale = self.scale();
        let area_of_row = labels(data, &o.area)?;
        let direct = data
            .numeric(&o.direct)
            .map_err(|e| invalid!("--direct: {e}"))?;
        let psi: Vec<f64> = match &o.variance {
            SamplingVariance::Variance(v) => data
                .numeric(v)
                .map_err(|e| invalid!("--variance: {e}"))?
                .to_vec(),
            SamplingVariance::StandardError(s) => data
                .numeric(s)
                .map_err(|e| invalid!("--se: {e}"))?
                .iter()
                .map(|v| v * v)
                .collect(),
        };
        let names = match &input.aux {
            Some((aux, asrc, join)) => {
                let join = join.as_deref().unwrap_or(&o.area);
                let mut names = Vec::with_capacity(aux.nrows());
                for (i, n) in labels(aux, join)?.into_iter().enumerate() {
                    names.push(n.ok_or_else(|| {
                        invalid!("{asrc}: line {}: the area `{join}` is missing", i + 2)
                    })?);
                }
                names
            }
            None => {
                let mut names = Vec::with_capacity(area_of_row.len());
                for (i, n) in area_of_row.iter().enumerate() {
                    names.push(n.clone().ok_or_else(|| {
                        invalid!(
                            "{src}: data row {}: the area `{}` is missing",
                            i + 1,
                            o.area
                        )
                    })?);
                }
                names
            }
        };
        let mut index: HashMap<String, usize> = HashMap::new();
        for (i, n) in names.iter().enumerate() {
            if index.insert(n.clone(), i).is_some() {
                bail!("area `{n}` appears twice");
            }
        }
        let m = names.len();
        let (mut y, mut v) = (vec![f64::NAN; m], vec![f64::NAN; m]);
        let mut unknown = Vec::new();
        let mut seen = vec![false; m];
        for (r, name) in area_of_row.iter().enumerate() {
            let Some(name) = name else { continue };
            match index.get(name) {
                Some(&i) => {
                    if seen[i] {
                        bail!("{src}: area `{name}` has more than one direct estimate (filter with --where)");
                    }
                    seen[i] = true;
                    y[i] = direct[r] / scale;
                    v[i] = psi[r] / (scale * scale);
                }
                None => unknown.push(name.clone()),
            }
        }
        if !unknown.is_empty() {
            bail!(
                "{} area(s) of {src} are not in the auxiliary file: {}",
                unknown.len(),
                unknown
                    .iter()
                    .take(10)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        check_sampling_variances(src, &o.variance, &names, &y, &v)?;
        let in_sample = |i: &usize| y[*i].is_finite() && v[*i].is_finite();
        let (ins, outs): (Vec<usize>, Vec<usize>) = (0..m).partition(in_sample);
        Ok(Areas {
            names,
            index,
            y,
            psi: v,
            ins,
            outs,
        })
    }

    fn scale(&self) -> f64 {
        if self.options.percent {
            100.0
        } else {
            1.0
        }
    }

    /// The rows of the design matrix of areas `which` (intercept first).
    fn design_matrix(
        &self,
        covariates: &[&[f64]],
        areas: &Areas,
        which: &[usize],
    ) -> Result<Matrix> {
        let o = &self.options;
        let mut rows = Vec::with_capacity(which.len());
        for &i in which {
            let mut r = vec![1.0; usize::from(o.intercept)];
            for (c, name) in covariates.iter().zip(&o.covariates) {
                if c[i].is_nan() {
                    bail!(
                        "covariate `{name}` is missing for area `{}`",
                        areas.names[i]
                    );
                }
                r.push(c[i]);
            }
            rows.push(r);
        }
        Matrix::from_rows(&rows).ok_or_else(|| invalid!("covariates: ragged rows"))
    }

    /// The in-sample direct estimates and variances on the model's scale.
    fn transformed(&self, input: &FhInput<'_>, areas: &Areas) -> Result<(Vec<f64>, Vec<f64>)> {
        let src = input.direct.source.as_str();
        let y: Vec<f64> = areas.ins.iter().map(|&i| areas.y[i]).collect();
        let p: Vec<f64> = areas.ins.iter().map(|&i| areas.psi[i]).collect();
        let in_areas: Vec<&str> = areas.ins.iter().map(|&i| areas.names[i].as_str()).collect();
        let named = |e| self.by_area(src, e, &in_areas);
        match &self.options.transform {
            Transform::None => Ok((y, p)),
            Transform::Log => {
                let t = transform::log(&y, &p).map_err(named)?;
                Ok((t.y, t.psi))
            }
            Transform::Arcsine { n_eff } => {
                // the effective sample sizes come with the direct estimates
                let data = &input.direct.frame;
                let neff_data = data
                    .numeric(n_eff)
                    .map_err(|e| invalid!("--transform arcsin: {e}"))?;
                let mut neff = vec![f64::NAN; areas.names.len()];
                for (r, name) in labels(data, &self.options.area)?.iter().enumerate() {
                    if let Some(&i) = name.as_deref().and_then(|n| areas.index.get(n)) {
                        neff[i] = neff_data[r];
                    }
                }
                let ne: Vec<f64> = areas.ins.iter().map(|&i| neff[i]).collect();
                let t = transform::arcsine(&y, &ne).map_err(named)?;
                Ok((t.y, t.psi))
            }
        }
    }

    /// The proximity matrix over all `m` areas, checked.
    fn proximity(&self, w: &Frame, src: &str, m: usize) -> Result<ProximityMatrix> {
        if !matches!(self.options.transform, Transform::None) {
            bail!("--spatial supports the untransformed model");
        }
        if w.nrows() != m || w.ncols() != m {
            bail!(
                "{src}: the proximity matrix is {} x {}, there are {m} areas",
                w.nrows(),
                w.ncols()
            );
        }
        let mut rows = Vec::with_capacity(m);
        for i in 0..m {
            let mut r = Vec::with_capacity(m);
            for c in w.columns() {
                match c {
                    Column::Num(n) => r.push(n.values[i]),
                    Column::Str(_) => bail!("{src}: the proximity matrix must be numeric"),
                }
            }
            rows.push(r);
        }
        let full =
            Matrix::from_rows(&rows).ok_or_else(|| invalid!("proximity matrix: ragged rows"))?;
        Ok(ProximityMatrix::new(full)?)
    }

    /// The spatial Fay-Herriot model (Petrucci and Salvati 2006; R sae's `eblupSFH`): the SAR
    /// process runs over all areas, those without a direct estimate included.
    fn fit_spatial(
        &self,
        area_data: &AreaData,
        prox: ProximityMatrix,
        areas: &Areas,
        x_out: Option<&Matrix>,
        names: &[String],
        summary: &mut Vec<String>,
    ) -> Result<Fitted> {
        let o = &self.options;
        let smethod = match o.method {
            Method::Reml => SpatialMethod::Reml,
            Method::Ml => SpatialMethod::Ml,
            Method::Fh => bail!("--spatial: use --method reml or ml"),
        };
        let est = if o.sae_compat {
            SpatialFayHerriot::new(smethod).sae_compat()
        } else {
            SpatialFayHerriot::new(smethod)
        };
        let fit = match x_out {
            None => est.fit(area_data, &prox)?,
            Some(x) => est.fit_with_unsampled(area_data, &prox, &areas.ins, x)?,
        };
        let (mse_in, mse_out) = match o.mse {
            Mse::Analytic => (fit.mse()?.mse, fit.mse_unsampled()?.mse),
            Mse::Bootstrap { replicates, seed } => {
                let bm = fit.bootstrap_mse(replicates, seed)?;
                summary.push(format!(
                    "parametric bootstrap MSE: {} replicates ({} refits failed and were skipped)",
                    bm.replicates, bm.failed
                ));
                (bm.mse, bm.mse_unsampled)
            }
        };
        summary.push(format!(
            "spatial Fay-Herriot ({:?}): sigma2_u = {}, rho = {}, {} iterations{}",
            smethod,
            fit.sigma2_u(),
            fit.rho(),
            fit.iterations(),
            if fit.converged() {
                ""
            } else {
                " (NOT converged)"
            }
        ));
        push_beta(summary, names, fit.beta(), fit.beta_se());
        Ok(Fitted {
            eblup_in: fit.eblup().to_vec(),
            mse_in,
            gamma_in: vec![f64::NAN; areas.ins.len()],
            synth_in: fit.synthetic().to_vec(),
            est_out: fit.eblup_unsampled().to_vec(),
            synth_out: fit.synthetic_unsampled().to_vec(),
            mse_out,
        })
    }

    /// The Fay-Herriot model (R sae's `eblupFH` and `mseFH`), back-transformed when the
    /// estimates were transformed.
    fn fit(
        &self,
        area_data: &AreaData,
        x_out: Option<&Matrix>,
        names: &[String],
        summary: &mut Vec<String>,
    ) -> Result<Fitted> {
        let o = &self.options;
        let est = if o.sae_compat {
            FayHerriot::new(o.method).sae_compat()
        } else {
            FayHerriot::new(o.method)
        };
        let fit = est.fit(area_data)?;
        summary.push(format!(
            "Fay-Herriot ({}): A = {}{}, {} iterations{}; loglike {:.4}, AIC {:.4}, BIC {:.4}",
            o.method.as_str(),
            fit.a(),
            if fit.zero_variance() {
                " (estimated at zero: every area gets its synthetic estimate)"
            } else {
                ""
            },
            fit.iterations(),
            if fit.converged() {
                ""
            } else {
                " (NOT converged)"
            },
            fit.goodness().loglike,
            fit.goodness().aic,
            fit.goodness().bic
        ));
        push_beta(summary, names, fit.beta(), fit.beta_se());
        push_diagnostics(summary, &fit.diagnostics());
        // synthetic values back on the original scale (gamma 0: no shrinkage correction)
        let back = |t: &[f64]| -> Vec<f64> {
            match o.transform {
                Transform::None => t.to_vec(),
                Transform::Arcsine { .. } => t
                    .iter()
                    .map(|&v| arcsine_back_bias_corrected(v, fit.a()))
                    .collect(),
                Transform::Log => t.iter().map(|&v| (v + fit.a() / 2.0).exp()).collect(),
            }
        };
        let eblup_in = match o.transform {
            Transform::None => fit.eblup().to_vec(),
            Transform::Arcsine { .. } => fit.back_transformed(BackTransform::ArcsineBiasCorrected),
            Transform::Log => fit.back_transformed(BackTransform::LogSludMaiti),
        };
        let mse_in = match (o.mse, &o.transform) {
            (Mse::Analytic, Transform::None) => fit.mse().mse,
            (Mse::Analytic, _) => bail!("with --transform the MSE on the original scale comes from the bootstrap: give --mse bootstrap:B:SEED"),
            (Mse::Bootstrap { replicates, seed }, Transform::None) => {
                fit.bootstrap_mse(replicates, seed).mse
            }
            (Mse::Bootstrap { replicates, seed }, Transform::Arcsine { .. }) => {
                fit.bootstrap_mse_with(replicates, seed, arcsine_back_naive).mse
            }
            (Mse::Bootstrap { replicates, seed }, Transform::Log) => {
                fit.bootstrap_mse_with(replicates, seed, f64::exp).mse
            }
        };
        let (synth_out, mse_out) = match x_out {
            Some(x) => {
                let s = fit.predict_synthetic(x)?;
                let smse = fit.synthetic_mse(x)?;
                let mse = match o.transform {
                    Transform::None => smse,
                    // no analytic MSE on the original scale for a back-transformed synthetic value
                    _ => vec![f64::NAN; s.len()],
                };
                (back(&s), mse)
            }
            None => (Vec::new(), Vec::new()),
        };
        Ok(Fitted {
            eblup_in,
            mse_in,
            gamma_in: fit.gamma().to_vec(),
            synth_in: back(fit.synthetic()),
            est_out: synth_out.clone(),
            synth_out,
            mse_out,
        })
    }

    /// One row per area, in the order of the areas, on the original scale.
    fn assemble(&self, areas: &Areas, f: &Fitted) -> Vec<AreaRow> {
        let scale = self.scale();
        let mut at = vec![(true, 0); areas.names.len()];
        for (k, &i) in areas.ins.iter().enumerate() {
            at[i] = (true, k);
        }
        for (k, &i) in areas.outs.iter().enumerate() {
            at[i] = (false, k);
        }
        areas
            .names
            .iter()
            .zip(at)
            .enumerate()
            .map(|(i, (name, (in_sample, k)))| {
                let (est, mse, gamma, synth) = if in_sample {
                    (f.eblup_in[k], f.mse_in[k], f.gamma_in[k], f.synth_in[k])
                } else {
                    (f.est_out[k], f.mse_out[k], 0.0, f.synth_out[k])
                };
                let rmse = mse.sqrt();
                AreaRow {
                    area: name.clone(),
                    direct: areas.y[i] * scale,
                    direct_se: areas.psi[i].sqrt() * scale,
                    eblup: est * scale,
                    mse: mse * scale * scale,
                    rmse: rmse * scale,
                    cv: rmse / est.abs(),
                    gamma,
                    synthetic: synth * scale,
                    in_sample,
                    benchmarked: None,
                    flags: "e".into(),
                }
            })
            .collect()
    }

    /// A model error that points at the i-th in-sample area (`psi[2]`), said with the area's
    /// code and the option that supplied the value.
    fn by_area(&self, src: &str, e: SaeError, areas: &[&str]) -> PipelineError {
        let covariates = &self.options.covariates;
        let (what, index, value, rule) = match &e {
            SaeError::NonPositive { what, index, value } => {
                (*what, *index, *value, "must be finite and above 0")
            }
            SaeError::Negative { what, index, value } => {
                (*what, *index, *value, "must be finite and at least 0")
            }
            SaeError::NotFinite { what, index, value } => (*what, *index, *value, "must be finite"),
            _ => return e.into(),
        };
        let (row, input) = match what {
            "X" => {
                let cols = covariates.len() + 1;
                let c = index % cols;
                let name = if c == 0 {
                    "(intercept)".to_owned()
                } else {
                    format!("covariate {}", covariates[c - 1])
                };
                (index / cols, name)
            }
            "psi" => (index, "the sampling variance".to_owned()),
            "y" => (index, "the direct estimate (--direct)".to_owned()),
            "n_eff" => (
                index,
                "the effective sample size (--transform arcsin:NEFF)".to_owned(),
            ),
            other => (index, other.to_owned()),
        };
        match areas.get(row) {
            Some(area) => invalid!("{src}: area `{area}`: {input} is {value}; it {rule}"),
            None => e.into(),
        }
    }
}

fn labels(f: &Frame, col: &str) -> Result<Vec<Option<String>>> {
    let c = f.column(col)?;
    Ok((0..f.nrows()).map(|i| c.label(i)).collect())
}

/// Every area with a direct estimate needs a sampling variance that is a finite number above
/// zero: a missing one would silently turn the area into an out-of-sample (synthetic) one, and
/// 0 would make the model trust the direct estimate completely (MSE 0).
fn check_sampling_variances(
    src: &str,
    variance: &SamplingVariance,
    areas: &[String],
    direct: &[f64],
    psi: &[f64],
) -> Result<()> {
    let column = variance.describe();
    for ((area, y), v) in areas.iter().zip(direct).zip(psi) {
        if !y.is_finite() {
            continue;
        }
        if v.is_nan() {
            bail!("{src}: area `{area}` has a direct estimate but {column} is missing or not a number; give it, or leave the direct estimate empty for a synthetic estimate");
        }
        if !v.is_finite() || *v < 0.0 {
            bail!("{src}: area `{area}`: {column} is {v}; it must be a finite number above 0");
        }
        if *v == 0.0 {
            bail!("{src}: area `{area}`: {column} is 0, which would give the direct estimate all the weight and an MSE of 0; give its real sampling variance, or leave the area's direct estimate out (--where) for a synthetic estimate");
        }
    }
    Ok(())
}

/// Benchmarks the rows' estimates (`civis_sae::benchmark`); returns the summary line.
fn benchmarked(b: &BenchmarkTarget, cov_frame: &Frame, rows: &mut [AreaRow]) -> Result<String> {
    let sizes = cov_frame
        .numeric(&b.shares)
        .map_err(|e| invalid!("--shares: {e}"))?;
    let shares = Shares::from_sizes(sizes)?;
    let theta: Vec<f64> = rows.iter().map(|r| r.eblup).collect();
    let mses: Vec<f64> = rows.iter().map(|r| r.mse).collect();
    let how = match b.method {
        BenchmarkMethod::Ratio => Benchmark::Ratio,
        BenchmarkMethod::Raking => Benchmark::Raking,
        BenchmarkMethod::MseWeighted => Benchmark::MseWeighted(&mses),
    };
    let values = benchmark(&theta, &shares, b.total, how)?;
    for (r, v) in rows.iter_mut().zip(values) {
        r.benchmarked = Some(v);
    }
    Ok(format!(
        "benchmarked ({}) to {}: share-weighted mean of the estimates was {}",
        b.method.name(),
        b.total,
        shares.aggregate(&theta)
    ))
}

fn push_beta(s: &mut Vec<String>, names: &[String], beta: &[f64], se: &[f64]) {
    for ((n, b), e) in names.iter().zip(beta).zip(se) {
        s.push(format!("  {n:<20} {b:>16.6} (se {e:.6}, t {:.2})", b / e));
    }
}

fn push_diagnostics(s: &mut Vec<String>, d: &civis_sae::Diagnostics) {
    let sw = |n: &civis_sae::Normality| match n.shapiro {
        Some(t) => format!("Shapiro-Wilk W {:.4} (p {:.4})", t.w, t.p_value),
        None => "Shapiro-Wilk not applicable".to_string(),
    };
    s.push(format!(
        "  R2 {:.4}, adjusted R2 {:.4} (Lahiri-Suntornchost); Brown test W {:.3} on {} df, p {:.4}",
        d.r2, d.adj_r2, d.brown.w, d.brown.df, d.brown.p_value
    ));
    s.push(format!(
        "  standardised residuals: skewness {:.3}, kurtosis {:.3}, {}; random effects: {}",
        d.residual_normality.skewness,
        d.residual_normality.kurtosis,
        sw(&d.residual_normality),
        sw(&d.random_effect_normality)
    ));
}
