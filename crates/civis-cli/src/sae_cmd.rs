//! `civis sae fh`: Fay-Herriot small area estimates from direct estimates and area covariates.
//!
//! Input is one row per area (direct estimate and its variance or standard error), for example
//! the output of `civis indicators` or `civis estimate` filtered with `--where`; covariates come
//! from the same file or from an auxiliary file joined on the area (`--aux`, `--join`), where
//! areas without a direct estimate get the synthetic estimate `x'beta` with its MSE
//! (out-of-sample areas).

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::{anyhow, bail, Context, Result};
use clap::{Args, Subcommand};

use civis_frame::expr::parse;
use civis_frame::{Column, Frame};
use civis_io::xlsx::{write_xlsx, XlsxCell, XlsxSheet};
use civis_io::{read_csv, read_csv_from, CsvOptions};
use civis_sae::transform::{self, arcsine_back_bias_corrected, arcsine_back_naive};
use civis_sae::{
    benchmark, AreaData, BackTransform, Benchmark, FayHerriot, Matrix, Method, ProximityMatrix,
    SaeError, Shares, SpatialFayHerriot, SpatialMethod,
};

use crate::output::{extension, num, short, write_atomically, write_text_table};

/// `civis sae ...`
#[derive(Debug, Clone, Args)]
pub struct SaeArgs {
    #[command(subcommand)]
    pub command: SaeCommand,
}

#[derive(Debug, Clone, Subcommand)]
pub enum SaeCommand {
    /// Area-level Fay-Herriot model (EBLUP, MSE, optional spatial effects and benchmarking).
    Fh(Box<FhArgs>),
    /// Unit-level models: BHF EBLUP and Molina-Rao EBP from a sample and a population file.
    Unit(Box<crate::sae_unit_cmd::UnitArgs>),
}

/// Arguments of `civis sae fh`.
#[derive(Debug, Clone, Args, Default)]
pub struct FhArgs {
    /// Areas with direct estimates (CSV; `-` reads standard input).
    #[arg(long)]
    pub data: PathBuf,
    /// Keep only the rows of --data where this is true (e.g. `indicator == "arop_rate" and group == "TOTAL"`).
    #[arg(long = "where")]
    pub where_: Option<String>,
    /// Area column.
    #[arg(long)]
    pub area: String,
    /// Direct estimate column.
    #[arg(long)]
    pub direct: String,
    /// Sampling variance column of the direct estimate.
    #[arg(long, conflicts_with = "se")]
    pub variance: Option<String>,
    /// Standard error column of the direct estimate (squared to give the variance).
    #[arg(long)]
    pub se: Option<String>,
    /// Covariate columns (an intercept is added unless --no-intercept).
    #[arg(long, value_delimiter = ',')]
    pub covariates: Vec<String>,
    /// No intercept in the model (R sae's `y ~ x1 + x2 - 1`); needs at least one covariate.
    #[arg(long)]
    pub no_intercept: bool,
    /// Auxiliary file with one row per area (covariates, population shares), including areas
    /// without a direct estimate.
    #[arg(long)]
    pub aux: Option<PathBuf>,
    /// Area column of --aux (default: the --area name).
    #[arg(long)]
    pub join: Option<String>,
    /// reml, ml or fh.
    #[arg(long, default_value = "reml")]
    pub method: String,
    /// Reproduce R sae's start value and stopping rule instead of iterating to the exact optimum.
    #[arg(long)]
    pub sae_compat: bool,
    /// none, arcsin:NEFF_COLUMN (proportions; variance 1/(4 n_eff)) or log.
    #[arg(long, default_value = "none")]
    pub transform: String,
    /// Direct estimates are percentages (divided by 100 for the model, results multiplied back).
    #[arg(long)]
    pub percent: bool,
    /// analytic (Prasad-Rao and its ML/FH variants) or bootstrap:B:SEED (parametric).
    #[arg(long, default_value = "analytic")]
    pub mse: String,
    /// Proximity matrix (CSV, a header row, rows and columns in the order of the areas of --data).
    #[arg(long)]
    pub spatial: Option<PathBuf>,
    /// Benchmark the estimates to this published total (a share-weighted mean, e.g. a national rate).
    #[arg(long)]
    pub benchmark: Option<f64>,
    /// Column with population shares or sizes of the areas for --benchmark.
    #[arg(long)]
    pub shares: Option<String>,
    /// ratio, raking or mse.
    #[arg(long, default_value = "ratio")]
    pub benchmark_method: String,
    /// Output (.csv, .json or .xlsx; `-` writes CSV to standard output); without it a table is printed.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// One output row.
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

/// The fitted model's summary, for the terminal.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub lines: Vec<String>,
}

fn read_frame(path: &std::path::Path) -> Result<Frame> {
    if path.as_os_str() == "-" {
        Ok(read_csv_from(
            std::io::stdin().lock(),
            "<stdin>",
            &CsvOptions::default(),
        )?)
    } else {
        Ok(read_csv(path, &CsvOptions::default())?)
    }
}

fn labels(f: &Frame, col: &str) -> Result<Vec<Option<String>>> {
    let c = f.column(col)?;
    Ok((0..f.nrows()).map(|i| c.label(i)).collect())
}

/// Run the model; returns the per-area rows and the model summary.
/// Every area with a direct estimate needs a sampling variance that is a finite number above
/// zero: a missing one would silently turn the area into an out-of-sample (synthetic) one, and
/// 0 would make the model trust the direct estimate completely (MSE 0).
fn check_sampling_variances(
    src: &str,
    a: &FhArgs,
    areas: &[String],
    direct: &[f64],
    variance: &[f64],
) -> Result<()> {
    let column = match (&a.variance, &a.se) {
        (Some(v), _) => format!("the sampling variance (--variance {v})"),
        (_, Some(s)) => format!("the standard error (--se {s})"),
        _ => "the sampling variance".to_owned(),
    };
    for ((area, y), v) in areas.iter().zip(direct).zip(variance) {
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

/// A model error that points at the i-th in-sample area (`psi[2]`), said with the area's code
/// and the option that supplied the value.
fn by_area(src: &str, e: SaeError, areas: &[&str], covariates: &[String]) -> anyhow::Error {
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
        Some(area) => anyhow!("{src}: area `{area}`: {input} is {value}; it {rule}"),
        None => e.into(),
    }
}

pub fn run(a: &FhArgs) -> Result<(Vec<AreaRow>, Summary)> {
    if let Some(out) = &a.out {
        let mut inputs = vec![("--data", a.data.as_path())];
        inputs.extend(a.aux.as_deref().map(|p| ("--aux", p)));
        inputs.extend(a.spatial.as_deref().map(|p| ("--spatial", p)));
        crate::output::refuse_overwriting_inputs(("--out", out), &inputs)?;
    }
    let src = a.data.display().to_string();
    let mut data = read_frame(&a.data)?;
    if let Some(w) = &a.where_ {
        let keep = parse(w)
            .and_then(|e| e.eval_filter(&data))
            .map_err(|e| anyhow!("--where: {e}"))?;
        data = data.filter(&keep);
    }
    if data.nrows() == 0 {
        bail!("{src}: no area rows (after --where)");
    }
    let scale = if a.percent { 100.0 } else { 1.0 };
    let area_of_row = labels(&data, &a.area)?;
    let direct = data
        .numeric(&a.direct)
        .map_err(|e| anyhow!("--direct: {e}"))?
        .to_vec();
    let psi: Vec<f64> = match (&a.variance, &a.se) {
        (Some(v), None) => data
            .numeric(v)
            .map_err(|e| anyhow!("--variance: {e}"))?
            .to_vec(),
        (None, Some(s)) => data
            .numeric(s)
            .map_err(|e| anyhow!("--se: {e}"))?
            .iter()
            .map(|v| v * v)
            .collect(),
        _ => bail!("give the sampling variance (--variance COL) or the standard error (--se COL)"),
    };
    // where covariates come from: the aux file (all areas) or the data file
    let (cov_frame, areas): (Frame, Vec<String>) = match &a.aux {
        Some(p) => {
            let aux = read_csv(p, &CsvOptions::default())?;
            let join = a.join.clone().unwrap_or_else(|| a.area.clone());
            let names = labels(&aux, &join)?;
            let mut areas = Vec::with_capacity(names.len());
            for (i, n) in names.into_iter().enumerate() {
                areas.push(n.ok_or_else(|| {
                    anyhow!(
                        "{}: line {}: the area `{join}` is missing",
                        p.display(),
                        i + 2
                    )
                })?);
            }
            (aux, areas)
        }
        None => {
            let mut areas = Vec::with_capacity(area_of_row.len());
            for (i, n) in area_of_row.iter().enumerate() {
                areas.push(n.clone().ok_or_else(|| {
                    anyhow!(
                        "{src}: data row {}: the area `{}` is missing",
                        i + 1,
                        a.area
                    )
                })?);
            }
            (data.clone(), areas)
        }
    };
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, n) in areas.iter().enumerate() {
        if index.insert(n.as_str(), i).is_some() {
            bail!("area `{n}` appears twice");
        }
    }
    // the direct estimate of every area, if any
    let m_all = areas.len();
    let mut y_all = vec![f64::NAN; m_all];
    let mut psi_all = vec![f64::NAN; m_all];
    let mut unknown = Vec::new();
    let mut seen = vec![false; m_all];
    for (r, name) in area_of_row.iter().enumerate() {
        let Some(name) = name else { continue };
        match index.get(name.as_str()) {
            Some(&i) => {
                if seen[i] {
                    bail!("{src}: area `{name}` has more than one direct estimate (filter with --where)");
                }
                seen[i] = true;
                y_all[i] = direct[r] / scale;
                psi_all[i] = psi[r] / (scale * scale);
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
    check_sampling_variances(&src, a, &areas, &y_all, &psi_all)?;
    let in_sample: Vec<bool> = (0..m_all)
        .map(|i| y_all[i].is_finite() && psi_all[i].is_finite())
        .collect();
    let cov: Vec<&[f64]> = a
        .covariates
        .iter()
        .map(|c| {
            cov_frame
                .numeric(c)
                .map_err(|e| anyhow!("--covariates: {e}"))
        })
        .collect::<Result<_>>()?;
    if a.no_intercept && a.covariates.is_empty() {
        bail!("--no-intercept needs at least one --covariates column");
    }
    let intercept = usize::from(!a.no_intercept);
    let x_row = |i: usize| -> Result<Vec<f64>> {
        let mut r = vec![1.0; intercept];
        for (c, name) in cov.iter().zip(&a.covariates) {
            let v = c[i];
            if v.is_nan() {
                bail!("covariate `{name}` is missing for area `{}`", areas[i]);
            }
            r.push(v);
        }
        Ok(r)
    };
    let ins: Vec<usize> = (0..m_all).filter(|&i| in_sample[i]).collect();
    let outs: Vec<usize> = (0..m_all).filter(|&i| !in_sample[i]).collect();
    if ins.len() <= a.covariates.len() + intercept {
        bail!(
            "{} areas with a direct estimate for {} coefficients: too few to fit the model",
            ins.len(),
            a.covariates.len() + intercept
        );
    }
    let x_in = Matrix::from_rows(&ins.iter().map(|&i| x_row(i)).collect::<Result<Vec<_>>>()?)
        .ok_or_else(|| anyhow!("covariates: ragged rows"))?;
    let x_out = if outs.is_empty() {
        None
    } else {
        Some(
            Matrix::from_rows(&outs.iter().map(|&i| x_row(i)).collect::<Result<Vec<_>>>()?)
                .ok_or_else(|| anyhow!("covariates: ragged rows"))?,
        )
    };
    // transformation
    enum Tr {
        None,
        Arcsine,
        Log,
    }
    let (tr, y_fit, psi_fit) = {
        let y: Vec<f64> = ins.iter().map(|&i| y_all[i]).collect();
        let p: Vec<f64> = ins.iter().map(|&i| psi_all[i]).collect();
        let in_areas: Vec<&str> = ins.iter().map(|&i| areas[i].as_str()).collect();
        let named = |e| by_area(&src, e, &in_areas, &a.covariates);
        if a.transform == "none" {
            (Tr::None, y, p)
        } else if a.transform == "log" {
            let t = transform::log(&y, &p).map_err(named)?;
            (Tr::Log, t.y, t.psi)
        } else if let Some(col) = a.transform.strip_prefix("arcsin:") {
            // the effective sample sizes come with the direct estimates
            let neff_data = data
                .numeric(col)
                .map_err(|e| anyhow!("--transform arcsin: {e}"))?;
            let mut neff = vec![f64::NAN; m_all];
            for (r, name) in area_of_row.iter().enumerate() {
                if let Some(&i) = name.as_deref().and_then(|n| index.get(n)) {
                    neff[i] = neff_data[r];
                }
            }
            let ne: Vec<f64> = ins.iter().map(|&i| neff[i]).collect();
            let t = transform::arcsine(&y, &ne).map_err(named)?;
            (Tr::Arcsine, t.y, t.psi)
        } else {
            bail!(
                "--transform `{}`: expected none, arcsin:NEFF_COLUMN or log",
                a.transform
            );
        }
    };
    let names: Vec<String> = std::iter::once("(intercept)".to_string())
        .take(intercept)
        .chain(a.covariates.iter().cloned())
        .collect();
    let in_areas: Vec<&str> = ins.iter().map(|&i| areas[i].as_str()).collect();
    let area_data = AreaData::new(y_fit, psi_fit, x_in)
        .map_err(|e| by_area(&src, e, &in_areas, &a.covariates))?
        .with_covariate_names(names.clone())?;
    let method = match a.method.as_str() {
        "reml" | "REML" => Method::Reml,
        "ml" | "ML" => Method::Ml,
        "fh" | "FH" => Method::Fh,
        other => bail!("--method `{other}`: expected reml, ml or fh"),
    };
    let boot: Option<(usize, u64)> = match a.mse.as_str() {
        "analytic" => None,
        s => {
            let parts: Vec<&str> = s.split(':').collect();
            match parts.as_slice() {
                ["bootstrap"] => Some((1000, 1)),
                ["bootstrap", b] => Some((
                    civis_pipeline::variance::replicate_count(b)
                        .map_err(|e| anyhow!("--mse {s}: {e}"))?,
                    1,
                )),
                ["bootstrap", b, seed] => Some((
                    civis_pipeline::variance::replicate_count(b)
                        .map_err(|e| anyhow!("--mse {s}: {e}"))?,
                    seed.parse()
                        .map_err(|_| anyhow!("--mse {s}: the seed must be a whole number"))?,
                )),
                _ => bail!("--mse `{s}`: expected analytic or bootstrap:B:SEED"),
            }
        }
    };
    let mut summary = Summary::default();
    let m_in = ins.len();
    // per in-sample area: EBLUP, MSE, gamma, synthetic; per out-of-sample area: synthetic, MSE
    let (eblup_in, mse_in, gamma_in, synth_in): (Vec<f64>, Vec<f64>, Vec<f64>, Vec<f64>);
    let (synth_out, est_out, synth_mse_out): (Vec<f64>, Vec<f64>, Vec<f64>);
    if let Some(path) = &a.spatial {
        if !matches!(tr, Tr::None) {
            bail!("--spatial supports the untransformed model");
        }
        let w = read_csv(path, &CsvOptions::default())?;
        if w.nrows() != m_all || w.ncols() != m_all {
            bail!(
                "{}: the proximity matrix is {} x {}, there are {m_all} areas",
                path.display(),
                w.nrows(),
                w.ncols()
            );
        }
        let mut rows = Vec::with_capacity(m_all);
        for i in 0..m_all {
            let mut r = Vec::with_capacity(m_all);
            for c in w.columns() {
                match c {
                    Column::Num(n) => r.push(n.values[i]),
                    Column::Str(_) => {
                        bail!("{}: the proximity matrix must be numeric", path.display())
                    }
                }
            }
            rows.push(r);
        }
        let full =
            Matrix::from_rows(&rows).ok_or_else(|| anyhow!("proximity matrix: ragged rows"))?;
        // the SAR process runs over all areas, those without a direct estimate included
        let prox = ProximityMatrix::new(full)?;
        let smethod = match method {
            Method::Reml => SpatialMethod::Reml,
            Method::Ml => SpatialMethod::Ml,
            Method::Fh => bail!("--spatial: use --method reml or ml"),
        };
        let est = if a.sae_compat {
            SpatialFayHerriot::new(smethod).sae_compat()
        } else {
            SpatialFayHerriot::new(smethod)
        };
        let fit = match &x_out {
            None => est.fit(&area_data, &prox)?,
            Some(x) => est.fit_with_unsampled(&area_data, &prox, &ins, x)?,
        };
        let (mse_s, mse_u) = match boot {
            None => (fit.mse()?.mse, fit.mse_unsampled()?.mse),
            Some((b, seed)) => {
                let bm = fit.bootstrap_mse(b, seed)?;
                summary.lines.push(format!(
                    "parametric bootstrap MSE: {} replicates ({} refits failed and were skipped)",
                    bm.replicates, bm.failed
                ));
                (bm.mse, bm.mse_unsampled)
            }
        };
        summary.lines.push(format!(
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
        push_beta(&mut summary, &names, fit.beta(), fit.beta_se());
        eblup_in = fit.eblup().to_vec();
        mse_in = mse_s;
        gamma_in = vec![f64::NAN; m_in];
        synth_in = fit.synthetic().to_vec();
        synth_out = fit.synthetic_unsampled().to_vec();
        est_out = fit.eblup_unsampled().to_vec();
        synth_mse_out = mse_u;
    } else {
        let est = if a.sae_compat {
            FayHerriot::new(method).sae_compat()
        } else {
            FayHerriot::new(method)
        };
        let fit = est.fit(&area_data)?;
        summary.lines.push(format!(
            "Fay-Herriot ({}): A = {}{}, {} iterations{}; loglike {:.4}, AIC {:.4}, BIC {:.4}",
            method.as_str(),
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
        push_beta(&mut summary, &names, fit.beta(), fit.beta_se());
        {
            let d = fit.diagnostics();
            let sw = |n: &civis_sae::Normality| match n.shapiro {
                Some(t) => format!("Shapiro-Wilk W {:.4} (p {:.4})", t.w, t.p_value),
                None => "Shapiro-Wilk not applicable".to_string(),
            };
            summary.lines.push(format!(
                "  R2 {:.4}, adjusted R2 {:.4} (Lahiri-Suntornchost); Brown test W {:.3} on {} df, p {:.4}",
                d.r2, d.adj_r2, d.brown.w, d.brown.df, d.brown.p_value
            ));
            summary.lines.push(format!(
                "  standardised residuals: skewness {:.3}, kurtosis {:.3}, {}; random effects: {}",
                d.residual_normality.skewness,
                d.residual_normality.kurtosis,
                sw(&d.residual_normality),
                sw(&d.random_effect_normality)
            ));
        }
        let back = |t: &[f64], g: &[f64]| -> Vec<f64> {
            match tr {
                Tr::None => t.to_vec(),
                Tr::Arcsine => t
                    .iter()
                    .zip(g)
                    .map(|(&v, &gm)| arcsine_back_bias_corrected(v, fit.a() * (1.0 - gm)))
                    .collect(),
                Tr::Log => t
                    .iter()
                    .zip(g)
                    .map(|(&v, &gm)| (v + fit.a() * (1.0 - gm) / 2.0).exp())
                    .collect(),
            }
        };
        eblup_in = match tr {
            Tr::None => fit.eblup().to_vec(),
            Tr::Arcsine => fit.back_transformed(BackTransform::ArcsineBiasCorrected),
            Tr::Log => fit.back_transformed(BackTransform::LogSludMaiti),
        };
        gamma_in = fit.gamma().to_vec();
        synth_in = back(fit.synthetic(), &vec![0.0; m_in]);
        mse_in = match (boot, &tr) {
            (None, Tr::None) => fit.mse().mse,
            (None, _) => bail!("with --transform the MSE on the original scale comes from the bootstrap: give --mse bootstrap:B:SEED"),
            (Some((b, seed)), Tr::None) => fit.bootstrap_mse(b, seed).mse,
            (Some((b, seed)), Tr::Arcsine) => fit.bootstrap_mse_with(b, seed, arcsine_back_naive).mse,
            (Some((b, seed)), Tr::Log) => fit.bootstrap_mse_with(b, seed, f64::exp).mse,
        };
        match &x_out {
            Some(x) => {
                let s = fit.predict_synthetic(x)?;
                let smse = fit.synthetic_mse(x)?;
                synth_out = back(&s, &vec![0.0; s.len()]);
                synth_mse_out = match tr {
                    Tr::None => smse,
                    // no analytic MSE on the original scale for a back-transformed synthetic value
                    _ => vec![f64::NAN; s.len()],
                };
            }
            None => {
                synth_out = Vec::new();
                synth_mse_out = Vec::new();
            }
        }
        est_out = synth_out.clone();
    }
    summary.lines.push(format!(
        "{m_in} areas with a direct estimate, {} without ({})",
        outs.len(),
        if a.spatial.is_some() {
            "synthetic estimates plus the BLUP of their spatial effect"
        } else {
            "synthetic estimates"
        }
    ));
    // assemble per area (in the order of the areas)
    let mut rows: Vec<AreaRow> = Vec::with_capacity(m_all);
    let mut pos_in = HashMap::new();
    for (k, &i) in ins.iter().enumerate() {
        pos_in.insert(i, k);
    }
    let mut pos_out = HashMap::new();
    for (k, &i) in outs.iter().enumerate() {
        pos_out.insert(i, k);
    }
    for (i, name) in areas.iter().enumerate() {
        let (est, mse, gamma, synth) = match (pos_in.get(&i), pos_out.get(&i)) {
            (Some(&k), _) => (eblup_in[k], mse_in[k], gamma_in[k], synth_in[k]),
            (None, Some(&k)) => (est_out[k], synth_mse_out[k], 0.0, synth_out[k]),
            (None, None) => unreachable!("every area is in or out of sample"),
        };
        let rmse = mse.sqrt();
        rows.push(AreaRow {
            area: name.clone(),
            direct: y_all[i] * scale,
            direct_se: psi_all[i].sqrt() * scale,
            eblup: est * scale,
            mse: mse * scale * scale,
            rmse: rmse * scale,
            cv: rmse / est.abs(),
            gamma,
            synthetic: synth * scale,
            in_sample: in_sample[i],
            benchmarked: None,
            flags: "e".into(),
        });
    }
    if let Some(total) = a.benchmark {
        let col = a.shares.as_deref().ok_or_else(|| {
            anyhow!("--benchmark needs --shares COLUMN (population shares or sizes)")
        })?;
        let sizes = cov_frame
            .numeric(col)
            .map_err(|e| anyhow!("--shares: {e}"))?;
        let shares = Shares::from_sizes(sizes)?;
        let theta: Vec<f64> = rows.iter().map(|r| r.eblup).collect();
        let mses: Vec<f64> = rows.iter().map(|r| r.mse).collect();
        let how = match a.benchmark_method.as_str() {
            "ratio" => Benchmark::Ratio,
            "raking" => Benchmark::Raking,
            "mse" => Benchmark::MseWeighted(&mses),
            other => bail!("--benchmark-method `{other}`: expected ratio, raking or mse"),
        };
        let b = benchmark(&theta, &shares, total, how)?;
        for (r, v) in rows.iter_mut().zip(b) {
            r.benchmarked = Some(v);
        }
        summary.lines.push(format!(
            "benchmarked ({}) to {total}: share-weighted mean of the estimates was {}",
            a.benchmark_method,
            shares.aggregate(&theta)
        ));
    }
    Ok((rows, summary))
}

fn push_beta(s: &mut Summary, names: &[String], beta: &[f64], se: &[f64]) {
    for ((n, b), e) in names.iter().zip(beta).zip(se) {
        s.lines
            .push(format!("  {n:<20} {b:>16.6} (se {e:.6}, t {:.2})", b / e));
    }
}

const COLUMNS: [&str; 12] = [
    "area",
    "direct",
    "direct_se",
    "eblup",
    "mse",
    "rmse",
    "cv",
    "gamma",
    "synthetic",
    "in_sample",
    "flags",
    "benchmarked",
];

fn cells(r: &AreaRow, exact: bool) -> Vec<String> {
    let f = |v: f64| if exact { num(v) } else { short(v) };
    vec![
        r.area.clone(),
        f(r.direct),
        f(r.direct_se),
        f(r.eblup),
        f(r.mse),
        f(r.rmse),
        f(r.cv),
        f(r.gamma),
        f(r.synthetic),
        r.in_sample.to_string(),
        r.flags.clone(),
        r.benchmarked.map(f).unwrap_or_default(),
    ]
}

/// Write the result (and print the summary on standard error).
pub fn write(rows: &[AreaRow], summary: &Summary, out: Option<&std::path::Path>) -> Result<()> {
    for l in &summary.lines {
        eprintln!("{l}");
    }
    if let Some(p) = out.filter(|p| p.as_os_str() != "-") {
        if extension(p)? == "xlsx" {
            return write_atomically(p, |w| {
                let numeric =
                    |s: String| s.parse::<f64>().map_or(XlsxCell::Empty, XlsxCell::Number);
                let data = XlsxSheet {
                    name: "small areas".into(),
                    header: COLUMNS.iter().map(|c| c.to_string()).collect(),
                    rows: rows
                        .iter()
                        .map(|r| {
                            cells(r, true)
                                .into_iter()
                                .enumerate()
                                .map(|(j, v)| match j {
                                    0 | 9 | 10 => XlsxCell::from(v),
                                    _ => numeric(v),
                                })
                                .collect()
                        })
                        .collect(),
                };
                let meta = XlsxSheet {
                    name: "model".into(),
                    header: vec!["summary".into()],
                    rows: summary
                        .lines
                        .iter()
                        .map(|l| vec![XlsxCell::from(l.as_str())])
                        .collect(),
                };
                write_xlsx(w, &[data, meta])?;
                Ok(())
            });
        }
    }
    let table: Vec<Vec<String>> = rows.iter().map(|r| cells(r, out.is_some())).collect();
    write_text_table(
        out,
        &COLUMNS,
        &table,
        &[
            "direct",
            "direct_se",
            "eblup",
            "mse",
            "rmse",
            "cv",
            "gamma",
            "synthetic",
            "benchmarked",
        ],
    )
    .with_context(|| "writing the small area estimates".to_string())
}
