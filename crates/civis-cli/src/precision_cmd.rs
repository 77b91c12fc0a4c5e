//! `civis precision` and `civis plan`: what the samples allow, and what it would take.
//!
//! Both read a `civis indicators` table (columns `indicator, geo, group_criterion, group, sex,
//! age, ..., estimate, se, cv, deff, n, pop, flags`). `precision` judges every cell under the
//! publication rules (EU-SILC observation counts, a CV rule, EU-LFS limits A/B when supplied) and,
//! where a `civis sae fh` table is given, the model-based estimate; `plan` turns observed CVs into
//! the sample sizes needed for a target precision (formulas in `civis_survey::plan`).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Result};
use clap::Args;

use civis_chart::{cv_against_n, ChartInfo, PrecisionOptions, SampleCv, Threshold};
use civis_frame::Frame;
use civis_io::{read_csv, CsvOptions};
use civis_survey::plan::{minimax_allocation, n_for_cv, n_for_margin, oversampling_factor};
use civis_survey::reliability::CellFacts;
use civis_survey::{LfsLimits, ReliabilityRule};

use crate::output::{num, short, write_atomically, write_text_table};
use civis_pipeline::microdata::read_lfs_limits;

/// One cell of an indicators table.
#[derive(Debug, Clone)]
struct Cell {
    indicator: String,
    geo: String,
    criterion: String,
    group: String,
    sex: String,
    age: String,
    estimate: f64,
    se: f64,
    cv: f64,
    deff: f64,
    n: f64,
    pop: f64,
    unit: String,
}

fn text(f: &Frame, col: &str, i: usize) -> String {
    f.column(col)
        .ok()
        .and_then(|c| c.label(i))
        .unwrap_or_default()
}

fn number(f: &Frame, col: &str, i: usize) -> f64 {
    f.numeric(col).map(|v| v[i]).unwrap_or(f64::NAN)
}

/// The cells of a `civis indicators` table (gap rows and rows without a sample left out).
fn read_cells(path: &Path) -> Result<Vec<Cell>> {
    let f = read_csv(path, &CsvOptions::default())?;
    for c in ["indicator", "geo", "group", "estimate", "se", "n"] {
        f.column(c)
            .map_err(|e| anyhow!("{}: not a `civis indicators` table: {e}", path.display()))?;
    }
    let mut out = Vec::new();
    for i in 0..f.nrows() {
        let group = text(&f, "group", i);
        let n = number(&f, "n", i);
        if group.contains('-') || group.contains('/') || n.is_nan() {
            continue;
        }
        if n < 0.0 {
            bail!(
                "{}: line {}: column n is {n}; a sample size cannot be negative",
                path.display(),
                i + 2
            );
        }
        let estimate = number(&f, "estimate", i);
        let se = number(&f, "se", i);
        out.push(Cell {
            indicator: text(&f, "indicator", i),
            geo: text(&f, "geo", i),
            criterion: text(&f, "group_criterion", i),
            group,
            sex: text(&f, "sex", i),
            age: text(&f, "age", i),
            estimate,
            se,
            cv: se / estimate.abs(),
            deff: number(&f, "deff", i),
            n,
            pop: number(&f, "pop", i),
            unit: text(&f, "unit", i),
        });
    }
    Ok(out)
}

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

/// The verdict of a publication rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Publish,
    Flag,
    Suppress,
}

impl Outcome {
    fn code(self) -> &'static str {
        match self {
            Outcome::Publish => "publish",
            Outcome::Flag => "flag",
            Outcome::Suppress => "suppress",
        }
    }
    fn publishable(self) -> bool {
        self != Outcome::Suppress
    }
}

/// The EU-SILC rule of the survey crate ([`ReliabilityRule::Silc`]): the report knows the
/// sample size of a cell but not its item non-response, which is taken as none.
fn silc(n: f64) -> Outcome {
    let verdict = ReliabilityRule::Silc.judge(CellFacts {
        n: n as u64,
        estimate: f64::NAN,
        se: f64::NAN,
        weighted_count: f64::NAN,
        nonresponse: 0.0,
        country: None,
    });
    match verdict {
        Ok(r) if r.suppressed => Outcome::Suppress,
        Ok(r) if r.low => Outcome::Flag,
        _ => Outcome::Publish,
    }
}

fn cv_rule(cv: f64, flag: f64, suppress: f64) -> Outcome {
    if cv.is_nan() || cv > suppress {
        Outcome::Suppress
    } else if cv > flag {
        Outcome::Flag
    } else {
        Outcome::Publish
    }
}

/// One row of the precision report.
#[derive(Debug, Clone)]
pub struct PrecisionRow {
    pub indicator: String,
    pub geo: String,
    pub criterion: String,
    pub group: String,
    pub sex: String,
    pub age: String,
    pub n: f64,
    pub estimate: f64,
    pub se: f64,
    pub cv: f64,
    pub deff: f64,
    pub silc: Outcome,
    pub cv_rule: Outcome,
    pub lfs: Option<Outcome>,
    pub model_cv: f64,
    pub model: Option<Outcome>,
    pub national: bool,
}

/// Build the precision report.
pub fn precision(a: &PrecisionArgs) -> Result<(Vec<PrecisionRow>, Vec<String>)> {
    let [flag, suppress] = a.cv[..] else {
        bail!("--cv: give two thresholds, FLAG,SUPPRESS (e.g. 0.2,0.35)");
    };
    if !(flag > 0.0 && flag.is_finite() && suppress.is_finite() && flag <= suppress) {
        bail!("--cv {flag},{suppress}: the thresholds must be positive numbers, the first no larger than the second (e.g. 0.2,0.35)");
    }
    let cells = read_cells(&a.data)?;
    let limits: Option<LfsLimits> = match &a.lfs_limits {
        Some(p) => Some(read_lfs_limits(p, a.year)?),
        None => None,
    };
    let model: BTreeMap<String, f64> = match &a.sae {
        Some(p) => {
            let f = read_csv(p, &CsvOptions::default())?;
            for c in ["area", "cv"] {
                f.column(c).map_err(|e| {
                    anyhow!(
                        "--sae {}: not a `civis sae fh` table (it needs the columns area and cv): {e}",
                        p.display()
                    )
                })?;
            }
            let mut m = BTreeMap::new();
            for i in 0..f.nrows() {
                m.insert(text(&f, "area", i), number(&f, "cv", i));
            }
            if a.sae_indicator.is_none() {
                bail!("--sae needs --sae-indicator (the indicator it estimates)");
            }
            m
        }
        None => BTreeMap::new(),
    };
    // the national rows are those whose geo is the most frequent single geo of TOTAL rows with
    // the largest n (the country)
    let national_geo = cells
        .iter()
        .filter(|c| c.group == "TOTAL")
        .max_by(|x, y| x.n.total_cmp(&y.n))
        .map(|c| c.geo.clone())
        .unwrap_or_default();
    let mut rows = Vec::with_capacity(cells.len());
    for c in &cells {
        let lfs = match &limits {
            Some(l) => {
                let country = a
                    .country
                    .as_deref()
                    .ok_or_else(|| anyhow!("--lfs-limits needs --country"))?;
                let (la, lb) = l.lookup(country).map_err(|e| anyhow!(e))?;
                // the weighted count behind a percentage is estimate% of the population
                let count = if c.unit == "PC" {
                    c.estimate / 100.0 * c.pop
                } else {
                    c.pop
                } / 1000.0;
                Some(if count.is_nan() || count < la {
                    Outcome::Suppress
                } else if count < lb {
                    Outcome::Flag
                } else {
                    Outcome::Publish
                })
            }
            None => None,
        };
        let is_model_cell = a.sae_indicator.as_deref() == Some(c.indicator.as_str())
            && c.group == a.sae_group
            && c.sex == "T";
        let model_cv = if is_model_cell {
            model.get(&c.geo).copied().unwrap_or(f64::NAN)
        } else {
            f64::NAN
        };
        rows.push(PrecisionRow {
            indicator: c.indicator.clone(),
            geo: c.geo.clone(),
            criterion: c.criterion.clone(),
            group: c.group.clone(),
            sex: c.sex.clone(),
            age: c.age.clone(),
            n: c.n,
            estimate: c.estimate,
            se: c.se,
            cv: c.cv,
            deff: c.deff,
            silc: silc(c.n),
            cv_rule: cv_rule(c.cv, flag, suppress),
            lfs,
            model_cv,
            model: (!model_cv.is_nan()).then(|| cv_rule(model_cv, flag, suppress)),
            national: c.geo == national_geo,
        });
    }
    // summaries: share of cells publishable per level and group, with and without SAE
    let mut summary: BTreeMap<(bool, String), [usize; 4]> = BTreeMap::new();
    for r in &rows {
        let e = summary
            .entry((r.national, r.group.clone()))
            .or_insert([0; 4]);
        e[0] += 1;
        e[1] += usize::from(r.silc.publishable());
        e[2] += usize::from(r.cv_rule.publishable());
        e[3] += usize::from(r.model.unwrap_or(r.cv_rule).publishable());
    }
    let mut lines = vec![
        format!(
            "| level | group | cells | publishable (EU-SILC counts) | publishable (CV <= {suppress}) | publishable with small area estimates |"
        ),
        "|---|---|---:|---:|---:|---:|".to_string(),
    ];
    for ((national, group), [k, s, c, m]) in &summary {
        let pct = |x: usize| format!("{:.0} %", 100.0 * x as f64 / *k as f64);
        lines.push(format!(
            "| {} | {group} | {k} | {} | {} | {} |",
            if *national { "country" } else { "area" },
            pct(*s),
            pct(*c),
            pct(*m)
        ));
    }
    Ok((rows, lines))
}

const PRECISION_COLUMNS: [&str; 16] = [
    "indicator",
    "geo",
    "group_criterion",
    "group",
    "sex",
    "age",
    "n",
    "estimate",
    "se",
    "cv",
    "deff",
    "silc",
    "cv_rule",
    "lfs",
    "model_cv",
    "model",
];

fn precision_cells(r: &PrecisionRow, exact: bool) -> Vec<String> {
    let f = |v: f64| if exact { num(v) } else { short(v) };
    vec![
        r.indicator.clone(),
        r.geo.clone(),
        r.criterion.clone(),
        r.group.clone(),
        r.sex.clone(),
        r.age.clone(),
        num(r.n),
        f(r.estimate),
        f(r.se),
        f(r.cv),
        f(r.deff),
        r.silc.code().into(),
        r.cv_rule.code().into(),
        r.lfs.map(|o| o.code().to_string()).unwrap_or_default(),
        f(r.model_cv),
        r.model.map(|o| o.code().to_string()).unwrap_or_default(),
    ]
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
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| precision_cells(r, a.out.is_some()))
        .collect();
    write_text_table(
        a.out.as_deref(),
        &PRECISION_COLUMNS,
        &table,
        &["n", "estimate", "se", "cv", "deff", "model_cv"],
    )?;
    if let Some(report) = &a.report {
        let svg_path = report.with_extension("svg");
        let svg = cv_chart(&rows, a.cv[0], a.cv[1])?;
        write_atomically(&svg_path, |w| {
            w.write_all(svg.as_bytes())?;
            Ok(())
        })?;
        let svg_name = svg_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut md = String::from("# Precision report\n\n");
        md.push_str(&format!(
            "Source: `{}`. A cell is publishable if it is published normally or with the flag `u`.\n\n",
            a.data.display()
        ));
        md.push_str(&summary.join("\n"));
        md.push_str(&format!(
            "\n\n![Coefficient of variation against the number of observations, per group]({svg_name})\n\n\
             The chart plots each cell's CV against its unweighted sample size (log scale); \
             the lines are the CV thresholds for the flag and for suppression.\n"
        ));
        write_atomically(report, |w| {
            w.write_all(md.as_bytes())?;
            Ok(())
        })?;
    } else {
        for l in &summary {
            eprintln!("{l}");
        }
    }
    Ok(())
}

/// The CV-against-n chart of civis-chart (log n axis, the `--cv` thresholds as lines), one point
/// per cell with a CV.
fn cv_chart(rows: &[PrecisionRow], flag: f64, suppress: f64) -> Result<String> {
    let points: Vec<SampleCv> = rows
        .iter()
        .filter(|r| r.n >= 1.0 && r.cv.is_finite())
        .map(|r| SampleCv {
            label: format!("{} {} {}", r.indicator, r.geo, r.group),
            n: r.n as u64,
            cv: Some(100.0 * r.cv),
            highlight: false,
        })
        .collect();
    let chart = cv_against_n(
        &points,
        &PrecisionOptions {
            info: ChartInfo::new(
                "precision-cv",
                "Coefficient of variation against sample size",
            ),
            thresholds: vec![
                Threshold {
                    cv: 100.0 * flag,
                    label: "flag u".into(),
                },
                Threshold {
                    cv: 100.0 * suppress,
                    label: "suppressed".into(),
                },
            ],
        },
    )
    .map_err(|e| anyhow::anyhow!("the CV chart: {e}"))?;
    Ok(chart.svg)
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

/// One area of a plan.
#[derive(Debug, Clone)]
pub struct PlanRow {
    pub geo: String,
    pub n: f64,
    pub cv: f64,
    pub needed: f64,
    pub additional: f64,
    pub basis: &'static str,
    pub oversampling: f64,
    pub minimax_n: f64,
    pub minimax_cv: f64,
}

/// Build the plan. The oversampling factor of an area is the sample of the group it needs over
/// the group's sample it would get if the group's total sample (`--total`, or the observed one)
/// were spread in proportion to the areas' populations (all groups).
/// The targets of a plan are positive: a CV or margin of 0 needs an infinite sample, a negative
/// one means nothing, and so does a negative or zero total sample.
fn check_plan_targets(a: &PlanArgs) -> Result<()> {
    for (option, value) in [
        ("--target-cv", a.target_cv),
        ("--margin", a.margin),
        ("--total", a.total),
    ] {
        if let Some(v) = value {
            if !(v > 0.0 && v.is_finite()) {
                bail!("{option} {v}: must be a number above 0");
            }
        }
    }
    Ok(())
}

pub fn plan(a: &PlanArgs) -> Result<Vec<PlanRow>> {
    if a.target_cv.is_none() == a.margin.is_none() {
        bail!("give exactly one of --target-cv and --margin");
    }
    check_plan_targets(a)?;
    let all: Vec<Cell> = read_cells(&a.data)?
        .into_iter()
        .filter(|c| c.indicator == a.indicator && c.sex == "T")
        .collect();
    // population of every area (all groups), for its share of the country
    let area_pop: BTreeMap<String, f64> = all
        .iter()
        .filter(|c| c.group == "TOTAL")
        .map(|c| (c.geo.clone(), c.pop))
        .collect();
    let cells: Vec<Cell> = all.into_iter().filter(|c| c.group == a.group).collect();
    if cells.is_empty() {
        bail!(
            "{}: no rows for indicator `{}` and group `{}`",
            a.data.display(),
            a.indicator,
            a.group
        );
    }
    // the country row: the one with the largest sample; its CV^2 n stands in for areas whose
    // estimate is suppressed (K = CV^2 n is about deff (1-p)/p, similar across areas)
    let country = cells
        .iter()
        .max_by(|x, y| x.n.total_cmp(&y.n))
        .cloned()
        .ok_or_else(|| anyhow!("no rows"))?;
    let k_country = country.cv * country.cv * country.n;
    let areas: Vec<&Cell> = cells.iter().filter(|c| c.geo != country.geo).collect();
    let areas: Vec<&Cell> = if areas.is_empty() {
        vec![&country]
    } else {
        areas
    };
    let pop_total: f64 = areas
        .iter()
        .filter_map(|c| area_pop.get(&c.geo))
        .filter(|p| p.is_finite())
        .sum();
    let n_total: f64 = areas.iter().map(|c| c.n).sum();
    let mut rows = Vec::with_capacity(areas.len());
    for c in &areas {
        let observed = c.cv.is_finite() && c.cv > 0.0 && c.n > 0.0;
        let (needed, basis) = match (a.target_cv, a.margin) {
            (Some(t), _) if observed => (n_for_cv(c.n, c.cv, t), "observed CV"),
            (Some(t), _) => (k_country / (t * t), "country's CV (area suppressed)"),
            (None, Some(e)) if c.se.is_finite() && c.n > 0.0 => {
                (n_for_margin(c.n, c.se, e), "observed SE")
            }
            (None, Some(e)) => (
                n_for_margin(country.n, country.se, e),
                "country's SE (area suppressed)",
            ),
            (None, None) => unreachable!("checked above"),
        };
        let share = area_pop.get(&c.geo).copied().unwrap_or(f64::NAN) / pop_total;
        rows.push(PlanRow {
            geo: c.geo.clone(),
            n: c.n,
            cv: c.cv,
            needed: needed.ceil(),
            additional: (needed - c.n).max(0.0).ceil(),
            basis,
            oversampling: oversampling_factor(needed, a.total.unwrap_or(n_total), share),
            minimax_n: f64::NAN,
            minimax_cv: f64::NAN,
        });
    }
    if let Some(total) = a.total {
        let obs: Vec<(f64, f64)> = areas
            .iter()
            .map(|c| {
                if c.cv.is_finite() && c.cv > 0.0 {
                    (c.n, c.cv)
                } else {
                    (1.0, k_country.sqrt())
                }
            })
            .collect();
        let (alloc, cv) = minimax_allocation(&obs, total);
        for (r, n) in rows.iter_mut().zip(alloc) {
            r.minimax_n = n.round();
            r.minimax_cv = cv;
        }
    }
    Ok(rows)
}

/// Run `civis plan`.
pub fn run_plan(a: &PlanArgs) -> Result<()> {
    if let Some(out) = &a.out {
        crate::output::refuse_overwriting_inputs(("--out", out), &[("--data", &a.data)])?;
    }
    let rows = plan(a)?;
    let exact = a.out.is_some();
    let f = |v: f64| if exact { num(v) } else { short(v) };
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.geo.clone(),
                num(r.n),
                f(r.cv),
                num(r.needed),
                num(r.additional),
                r.basis.to_string(),
                f(r.oversampling),
                num(r.minimax_n),
                f(r.minimax_cv),
            ]
        })
        .collect();
    write_text_table(
        a.out.as_deref(),
        &[
            "geo",
            "n",
            "cv",
            "needed_n",
            "additional_n",
            "basis",
            "oversampling_factor",
            "minimax_n",
            "minimax_cv",
        ],
        &table,
        &[
            "n",
            "cv",
            "needed_n",
            "additional_n",
            "oversampling_factor",
            "minimax_n",
            "minimax_cv",
        ],
    )
}
