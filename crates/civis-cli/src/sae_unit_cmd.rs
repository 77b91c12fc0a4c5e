//! `civis sae unit`: unit-level small area estimates (BHF EBLUP, Molina-Rao EBP) from a
//! survey sample and a census/register population file with the same covariates.
//!
//! The workflow is [`civis_pipeline::sae::UnitLevelBuilder`] (the statistics are in
//! [`civis_sae::unit`]); this module maps the arguments onto it, prints progress and writes the
//! estimates and the model summary.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;

use civis_pipeline::sae::options::{
    median_rule, unit_benchmark, unit_indicators, unit_mse, unit_transformation,
};
use civis_pipeline::sae::{PovertyLine, UnitLevelBuilder, UnitProgress, UnitRun};

use crate::output::write_atomically;

/// Arguments of `civis sae unit`.
#[derive(Debug, Clone, Args, Default)]
pub struct UnitArgs {
    /// Survey sample: one row per sampled person (CSV, gzip allowed).
    #[arg(long)]
    pub sample: PathBuf,
    /// Population (census / register): one row per person with the same covariates and area.
    #[arg(long)]
    pub population: PathBuf,
    /// Area column (in both files).
    #[arg(long)]
    pub area: String,
    /// Response column of the sample (e.g. equivalised income).
    #[arg(long)]
    pub y: String,
    /// Numeric covariate columns present in both files (an intercept is added).
    #[arg(long, value_delimiter = ',', required = true)]
    pub covariates: Vec<String>,
    /// Survey weight column of the sample (weighted median for --threshold-rule, benchmark targets).
    #[arg(long)]
    pub weight: Option<String>,
    /// mean, hcr, pgap, gini, quantile:P (several: quantile:0.1,0.5,0.9).
    #[arg(long, value_delimiter = ',', default_value = "mean")]
    pub indicators: Vec<String>,
    /// Poverty line for hcr and pgap.
    #[arg(long, conflicts_with = "threshold_rule")]
    pub threshold: Option<f64>,
    /// Poverty line as FACTORmedian of the sample response (default 0.6median, as emdi).
    #[arg(long)]
    pub threshold_rule: Option<String>,
    /// none, log, log-shift or boxcox (parameter by REML).
    #[arg(long, default_value = "none")]
    pub transform: String,
    /// Monte Carlo draws of the EBP.
    #[arg(long = "L", default_value_t = 100)]
    pub draws: usize,
    /// none, analytic (Prasad-Rao, mean without transformation) or bootstrap:B.
    #[arg(long, default_value = "none")]
    pub mse: String,
    /// Seed of the Monte Carlo and the bootstrap.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// ratio or raking, to the national direct estimates of the sample (weighted with
    /// --weight), or METHOD:INDICATOR=VALUE,... with published targets (e.g. ratio:hcr=0.14).
    #[arg(long)]
    pub benchmark: Option<String>,
    /// Output CSV: area, indicator, estimate, mse, cv, n, in_sample, flags.
    #[arg(long)]
    pub out: PathBuf,
    /// Model summary (JSON): coefficients, variance components, transformation, diagnostics.
    #[arg(long)]
    pub model_out: Option<PathBuf>,
}

/// The model the arguments ask for.
pub fn builder(a: &UnitArgs) -> Result<UnitLevelBuilder> {
    let transformation = unit_transformation(&a.transform)?;
    let indicators = unit_indicators(&a.indicators)?;
    let mse = unit_mse(&a.mse)?;
    let mut b = UnitLevelBuilder::new(&a.sample, &a.population, &a.area, &a.y, &a.covariates);
    b.transformation(transformation)
        .mse(mse)
        .draws(a.draws)
        .seed(a.seed)
        .poverty_line(match (a.threshold, &a.threshold_rule) {
            (Some(t), _) => PovertyLine::Fixed(t),
            (None, rule) => median_rule(rule.as_deref().unwrap_or("0.6median"))?,
        });
    if let Some(spec) = &a.benchmark {
        let (method, targets) = unit_benchmark(spec, &indicators)?;
        b.benchmark(method, targets);
    }
    if let Some(w) = &a.weight {
        b.weight(w);
    }
    b.indicators(indicators);
    Ok(b)
}

/// Runs the command: reads, fits, estimates, writes.
pub fn run(a: &UnitArgs) -> Result<()> {
    let start = Instant::now();
    let run = compute(&builder(a)?)?;
    write_atomically(&a.out, |w| Ok(run.write_estimates_csv(w)?))
        .with_context(|| "writing the estimates".to_string())?;
    if let Some(path) = &a.model_out {
        let model = run.model_summary(&a.y, &a.area, &a.mse);
        write_atomically(path, |w| {
            serde_json::to_writer_pretty(&mut *w, &model)?;
            Ok(writeln!(w)?)
        })?;
    }
    eprintln!(
        "civis sae unit: {} estimates written to {} ({:.1} s)",
        run.result.estimates.len(),
        a.out.display(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Reads the files, fits the model and computes the estimates (progress on standard error).
pub fn compute(model: &UnitLevelBuilder) -> Result<UnitRun> {
    Ok(model.build()?.run(&mut print_progress)?)
}

/// The unit-level model's progress on standard error.
pub fn print_progress(p: UnitProgress) {
    match p {
        UnitProgress::Loaded {
            sampled_persons,
            sample_areas,
            persons,
            population_areas,
            seconds,
        } => eprintln!(
            "civis sae unit: {sampled_persons} sampled persons in {sample_areas} areas, {persons} persons in {population_areas} population areas ({seconds:.1} s)"
        ),
        UnitProgress::Bootstrap {
            done,
            replicates,
            seconds,
        } => eprintln!("civis sae unit: bootstrap {done}/{replicates} ({seconds:.1} s)"),
    }
}
