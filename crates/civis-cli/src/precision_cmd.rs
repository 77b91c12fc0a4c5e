//! `civis precision` and `civis plan`: what the samples allow, and what it would take.
//!
//! Both read a `civis indicators` table (columns `indicator, geo, group_criterion, group, sex,
//! age, ..., estimate, se, cv, deff, n, pop, flags`). `precision` judges every cell under the
//! publication rules (EU-SILC observation counts, a CV rule, EU-LFS limits A/B when supplied) and,
//! where a `civis sae fh` table is given, the model-based estimate; `plan` turns observed CVs into
//! the sample sizes needed for a target precision (formulas in `civis_survey::plan`). The
//! workflows are [`civis_pipeline::precision`]; this module maps the arguments onto their
//! builders and writes the table, the Markdown report and its chart.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::Args;

pub use civis_pipeline::precision::{Outcome, PlanRow, PrecisionRow};
use civis_pipeline::precision::{
    PlanBuilder, PlanTarget, PrecisionBuilder, PrecisionReport, PLAN_COLUMNS, PLAN_TEXT,
    PRECISION_COLUMNS, PRECISION_NUMERIC,
};

use crate::output::{numeric, write_atomically, write_text_table};

/// Arguments of `civis precision`.
#[derive(Debug, Clone, Args, Default)]
pub struct PrecisionArgs {
    /// A `civis indicators` table (CSV).
    #[arg(long)]
    pub data: PathBuf,
    /// A `civis sae fh` table with model-based estimates for one indicator and group.
    #[arg(long)]
    pub sae: Option<PathBuf>,
    /// The indicator the --sae table estimates.
    #[arg(long)]
    pub sae_indicator: Option<String>,
    /// The group the --sae table estimates (default TOTAL).
    #[arg(long, default_value = "TOTAL")]
    pub sae_group: String,
    /// CV rule: flag above the first value, suppress above the second.
    #[arg(long, value_delimiter = ',', default_values_t = vec![0.2, 0.35])]
    pub cv: Vec<f64>,
    /// EU-LFS limits A/B (CSV: country,limit_a,limit_b[,period,valid_from]).
    #[arg(long)]
    pub lfs_limits: Option<PathBuf>,
    /// Country of the limits.
    #[arg(long)]
    pub country: Option<String>,
    /// Reference year for the limits.
    #[arg(long)]
    pub year: Option<i32>,
    /// Output (.csv or .json; without it a table is printed).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// A Markdown report with the summaries and a chart of CV against sample size (SVG beside it).
    #[arg(long)]
    pub report: Option<PathBuf>,
}

/// Build the precision report.
pub fn precision(a: &PrecisionArgs) -> Result<(Vec<PrecisionRow>, Vec<String>)> {
    let [flag, suppress] = a.cv[..] else {
        bail!("--cv: give two thresholds, FLAG,SUPPRESS (e.g. 0.2,0.35)");
    };
    let mut b = PrecisionBuilder::new(&a.data);
    b.cv_rule(flag, suppress);
    if let Some(sae) = &a.sae {
        b.small_area_estimates(sae, a.sae_indicator.as_deref(), &a.sae_group);
    }
    if let Some(limits) = &a.lfs_limits {
        b.lfs_limits(limits, a.country.as_deref(), a.year);
    }
    let report = b.run()?;
    Ok((report.rows, report.summary))
}

/// Run `civis precision`.
pub fn run_precision(a: &PrecisionArgs) -> Result<()> {
    let mut inputs = vec![("--data", a.data.as_path())];
    inputs.extend(a.sae.as_deref().map(|p| ("--sae", p)));
    inputs.extend(a.lfs_limits.as_deref().map(|p| ("--lfs-limits", p)));
    for (option, out) in [("--out", &a.out), ("--report", &a.report)] {
        if let Some(out) = out {
            crate::output::refuse_overwriting_inputs((option, out), &inputs)?;
        }
    }
    let (rows, summary) = precision(a)?;
    let report = PrecisionReport { rows, summary };
    let table: Vec<Vec<String>> = report
        .rows
        .iter()
        .map(|r| r.cells(a.out.is_some()))
        .collect();
    write_text_table(
        a.out.as_deref(),
        &PRECISION_COLUMNS,
        &table,
        &PRECISION_NUMERIC,
    )?;
    if let Some(path) = &a.report {
        let svg_path = path.with_extension("svg");
        let svg = report.cv_chart(a.cv[0], a.cv[1])?;
        write_atomically(&svg_path, |w| {
            w.write_all(svg.as_bytes())?;
            Ok(())
        })?;
        let svg_name = svg_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let md = report.markdown(&a.data, &svg_name);
        write_atomically(path, |w| {
            w.write_all(md.as_bytes())?;
            Ok(())
        })?;
    } else {
        for l in &report.summary {
            eprintln!("{l}");
        }
    }
    Ok(())
}

/// Arguments of `civis plan`.
#[derive(Debug, Clone, Args, Default)]
pub struct PlanArgs {
    /// A `civis indicators` table (CSV).
    #[arg(long)]
    pub data: PathBuf,
    /// The indicator to plan for.
    #[arg(long)]
    pub indicator: String,
    /// The target group (e.g. NEU27_2020_FOR).
    #[arg(long, default_value = "TOTAL")]
    pub group: String,
    /// Target coefficient of variation (e.g. 0.1).
    #[arg(long)]
    pub target_cv: Option<f64>,
    /// Target margin of error: half-width of the 95 % interval, in the indicator's units.
    #[arg(long)]
    pub margin: Option<f64>,
    /// A fixed total sample for the areas: allocate it so the largest CV is smallest.
    #[arg(long)]
    pub total: Option<f64>,
    /// Output (.csv or .json; without it a table is printed).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Build the plan.
pub fn plan(a: &PlanArgs) -> Result<Vec<PlanRow>> {
    let target = match (a.target_cv, a.margin) {
        (Some(cv), None) => PlanTarget::Cv(cv),
        (None, Some(margin)) => PlanTarget::Margin(margin),
        _ => bail!("give exactly one of --target-cv and --margin"),
    };
    let mut b = PlanBuilder::new(&a.data, &a.indicator, target);
    b.group(&a.group);
    if let Some(total) = a.total {
        b.total(total);
    }
    Ok(b.run()?)
}

/// Run `civis plan`.
pub fn run_plan(a: &PlanArgs) -> Result<()> {
    if let Some(out) = &a.out {
        crate::output::refuse_overwriting_inputs(("--out", out), &[("--data", &a.data)])?;
    }
    let rows = plan(a)?;
    let table: Vec<Vec<String>> = rows.iter().map(|r| r.cells(a.out.is_some())).collect();
    write_text_table(
        a.out.as_deref(),
        &PLAN_COLUMNS,
        &table,
        &numeric(&PLAN_COLUMNS, &PLAN_TEXT),
    )
}
