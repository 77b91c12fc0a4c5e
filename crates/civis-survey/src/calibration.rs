//! Calibration of the design weights to known population totals: generalised regression
//! (linear), raking ratio and bounded logit distances (Deville & Särndal 1992), post-stratification
//! and raking by iterative proportional fitting, as R `survey`'s `calibrate`, `postStratify` and
//! `rake` (Lumley 2010, ch. 7).
//!
//! # Weights
//! The calibrated weight is `w_k = d_k g_k`, `d_k` the design weight. With auxiliary vector `x_k`
//! and population totals `X`, `g_k = F(x_k' eta)` where `eta` solves `sum_k d_k F(x_k' eta) x_k = X`
//! (Newton's method, as `survey:::grake`):
//! - linear: `F(u) = 1 + u` (one Newton step is exact: the GREG weights);
//! - raking: `F(u) = exp(u)`;
//! - logit with bounds `L < 1 < U`: `F(u) = (L (U-1) + U (1-L) e^{A u}) / (U - 1 + (1-L) e^{A u})`,
//!   `A = (U - L) / ((1 - L)(U - 1))`, so that `L < g_k < U`.
//!
//! Post-stratification is the linear calibration on one categorical variable
//! (`g_k = N_h / sum_{h} d`); raking (`rake`) post-stratifies on each margin in turn until the
//! margins stop moving.
//!
//! A categorical auxiliary contributes one indicator per category; the second and later ones
//! drop their first category (its total follows from the others and the population size), which
//! spans the same space as R's treatment contrasts with an intercept. Without a categorical
//! auxiliary there is no intercept (the numeric totals alone are met).
//!
//! # Variance
//! Linearised variances use the calibration residuals (R `svyrecvar`): a score `u_k = w_k z_k`
//! becomes `u_k - w_k x_k' beta`, `beta = (sum d x x')^- sum_k x_k u_k / g_k` (the regression
//! of `z` on `x` with the design weights). For `rake` the residual is R's: ten sweeps over the
//! margins of `u <- u - p_m * mean_h(u / p_m)`, the mean unweighted within each category `h` of
//! margin `m`, `p_m` the weights right after margin `m` was fitted in the last raking pass.
//! Replicate variances calibrate every replicate's weights to the same totals.

use std::fmt;

use crate::design::Grouping;
use crate::error::SurveyError;

/// The distance function of `calibrate`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CalFun {
    Linear,
    Raking,
    /// Bounded logit: every `g` stays within `(lower, upper)`.
    Logit {
        lower: f64,
        upper: f64,
    },
}

impl std::str::FromStr for CalFun {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "linear" => return Ok(CalFun::Linear),
            "raking" => return Ok(CalFun::Raking),
            _ => {}
        }
        let bad = || format!("`{s}`: expected linear, raking or logit:L,U (e.g. logit:0.5,2)");
        let bounds = s.strip_prefix("logit:").ok_or_else(bad)?;
        let (l, u) = bounds.split_once(',').ok_or_else(bad)?;
        let lower: f64 = l.trim().parse().map_err(|_| bad())?;
        let upper: f64 = u.trim().parse().map_err(|_| bad())?;
        if !(lower.is_finite() && upper.is_finite() && lower < 1.0 && upper > 1.0) {
            return Err(format!("`{s}`: logit bounds must be finite with L < 1 < U"));
        }
        Ok(CalFun::Logit { lower, upper })
    }
}

impl CalFun {
    /// `g - 1 = F(u) - 1` and `dF/du`.
    fn eval(self, u: f64) -> (f64, f64) {
        match self {
            CalFun::Linear => (u, 1.0),
            CalFun::Raking => {
                let e = u.exp();
                (e - 1.0, e)
            }
            CalFun::Logit {
                lower: l,
                upper: uu,
            } => {
                let a = (uu - l) / ((uu - 1.0) * (1.0 - l));
                let e = (a * u).exp();
                if e.is_infinite() {
                    return (uu - 1.0, 0.0);
                }
                let den = uu - 1.0 + (1.0 - l) * e;
                let g = (l * (uu - 1.0) + uu * (1.0 - l) * e) / den;
                let dg = (uu - 1.0) * (1.0 - l) * a * e * (uu - l) / (den * den);
                (g - 1.0, dg)
            }
        }
    }
}

/// How the weights are calibrated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CalibrationMethod {
    /// R `calibrate(..., calfun)`.
    Calibrate(CalFun),
    /// R `postStratify` on one categorical variable.
    PostStratify,
    /// R `rake` on several categorical margins.
    Rake,
}

/// The values of one auxiliary variable and its population total(s).
#[derive(Debug, Clone)]
pub enum AuxValues<'a> {
    /// A numeric variable (missing = NaN) and its population total.
    Numeric { values: &'a [f64], total: f64 },
    /// A categorical variable and the population count of each category (by label).
    Categorical {
        grouping: Grouping<'a>,
        totals: Vec<(String, f64)>,
    },
}

/// One auxiliary variable.
#[derive(Debug, Clone)]
pub struct Auxiliary<'a> {
    pub name: String,
    pub values: AuxValues<'a>,
}

/// What to calibrate to, and how.
#[derive(Debug, Clone)]
pub struct CalibrationSpec<'a> {
    pub auxiliaries: Vec<Auxiliary<'a>>,
    pub method: CalibrationMethod,
}

/// Newton or raking passes before giving up.
const MAX_ITERATIONS: usize = 100;
/// Raking passes over all margins before giving up (iterative proportional fitting converges
/// linearly, more slowly than Newton's method).
const MAX_RAKING_PASSES: usize = 1000;
/// Convergence: every total met to `|misfit| / (1 + |total|) < TOLERANCE` (R's criterion).
const TOLERANCE: f64 = 1e-11;

/// The population total a calibration column reproduces.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub variable: String,
    /// `None` for a numeric variable.
    pub category: Option<String>,
    pub total: f64,
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.category {
            Some(c) => write!(f, "`{}` = `{}`", self.variable, c),
            None => write!(f, "`{}`", self.variable),
        }
    }
}

/// The auxiliary vectors `x_k` as a sparse matrix with at most `per_row` entries in each row.
#[derive(Debug, Clone)]
struct Model {
    per_row: usize,
    /// `col[k * per_row + j]`: the column of entry `j` of row `k` (`u32::MAX`: none).
    col: Vec<u32>,
    val: Vec<f64>,
    targets: Vec<Target>,
}

impl Model {
    fn p(&self) -> usize {
        self.targets.len()
    }
    fn row(&self, k: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let s = k * self.per_row;
        self.col[s..s + self.per_row]
            .iter()
            .zip(&self.val[s..s + self.per_row])
            .filter(|(&c, _)| c != u32::MAX)
            .map(|(&c, &v)| (c as usize, v))
    }
    fn dot(&self, k: usize, beta: &[f64]) -> f64 {
        self.row(k).map(|(c, v)| v * beta[c]).sum()
    }
    /// `sum_k a_k x_k` (the totals under weights `a`).
    fn totals(&self, a: &[f64]) -> Vec<f64> {
        let mut t = vec![0.0; self.p()];
        for (k, &ak) in a.iter().enumerate() {
            for (c, v) in self.row(k) {
                t[c] += ak * v;
            }
        }
        t
    }
    /// `sum_k a_k x_k x_k'`, factorised.
    fn gram(&self, a: &[f64]) -> Cholesky {
        let p = self.p();
        let mut m = vec![0.0; p * p];
        for (k, &ak) in a.iter().enumerate() {
            if ak == 0.0 {
                continue;
            }
            let s = k * self.per_row;
            for j in 0..self.per_row {
                let cj = self.col[s + j];
                if cj == u32::MAX {
                    continue;
                }
                let vj = ak * self.val[s + j];
                for i in 0..=j {
                    let ci = self.col[s + i];
                    if ci == u32::MAX {
                        continue;
                    }
                    let (r, c) = if ci >= cj { (ci, cj) } else { (cj, ci) };
                    m[r as usize * p + c as usize] += vj * self.val[s + i];
                }
            }
        }
        Cholesky::new(m, p)
    }
}

/// Cholesky factor `L L'` of a symmetric positive semi-definite matrix; columns whose pivot
/// vanishes (linearly dependent auxiliaries) are dropped, which gives a generalised inverse:
/// every solution of a consistent system yields the same fitted `x' beta`.
#[derive(Debug, Clone)]
struct Cholesky {
    p: usize,
    /// Lower triangle, row-major.
    l: Vec<f64>,
    dropped: Vec<bool>,
}

impl Cholesky {
    /// `m` holds the lower triangle (row-major, `m[r * p + c]` with `r >= c`).
    fn new(mut m: Vec<f64>, p: usize) -> Cholesky {
        let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>();
        let mut dropped = vec![false; p];
        for j in 0..p {
            let diag = m[j * p + j];
            let row_j = &m[j * p..j * p + j];
            let s = diag - dot(row_j, row_j);
            // a pivot that vanishes relative to the column's own size: a dependent column
            if diag <= 0.0 || s <= 1e-10 * diag {
                dropped[j] = true;
                for i in j..p {
                    m[i * p + j] = 0.0;
                }
                continue;
            }
            let d = s.sqrt();
            m[j * p + j] = d;
            for i in j + 1..p {
                let t = m[i * p + j] - dot(&m[i * p..i * p + j], &m[j * p..j * p + j]);
                m[i * p + j] = t / d;
            }
        }
        Cholesky { p, l: m, dropped }
    }

    fn solve(&self, b: &[f64]) -> Vec<f64> {
        let p = self.p;
        let mut y = vec![0.0; p];
        for i in 0..p {
            if self.dropped[i] {
                continue;
            }
            let t: f64 = b[i]
                - self.l[i * p..i * p + i]
                    .iter()
                    .zip(&y)
                    .map(|(l, y)| l * y)
                    .sum::<f64>();
            y[i] = t / self.l[i * p + i];
        }
        for i in (0..p).rev() {
            if self.dropped[i] {
                y[i] = 0.0;
                continue;
            }
            let t: f64 = y[i] - (i + 1..p).map(|k| self.l[k * p + i] * y[k]).sum::<f64>();
            y[i] = t / self.l[i * p + i];
        }
        y
    }
}

/// One margin of a rake (or the single variable of a post-stratification).
#[derive(Debug, Clone)]
struct Margin {
    /// Category of each row (index into `targets`).
    codes: Vec<u32>,
    /// Rows in each category.
    counts: Vec<f64>,
    targets: Vec<Target>,
}

/// The result of a calibration: the g-weights and what the variance needs to residualise.
#[derive(Debug, Clone)]
pub struct Calibration {
    method: CalibrationMethod,
    design_weights: Vec<f64>,
    g: Vec<f64>,
    kind: Kind,
}

#[derive(Debug, Clone)]
enum Kind {
    /// Calibration and post-stratification: the model and `(sum d x x')^-`.
    Regression { model: Model, gram: Cholesky },
    /// Raking: the margins and, per margin, the weights after it was last fitted.
    Rake {
        margins: Vec<Margin>,
        after: Vec<Vec<f64>>,
    },
}

impl Calibration {
    /// Calibrate design weights `d` to the totals of `spec`.
    pub fn new(d: &[f64], spec: &CalibrationSpec<'_>) -> Result<Calibration, SurveyError> {
        if spec.auxiliaries.is_empty() {
            return Err(SurveyError::Invalid(
                "calibration needs at least one variable".into(),
            ));
        }
        let n = d.len();
        match spec.method {
            CalibrationMethod::Calibrate(calfun) => {
                let model = build_model(n, &spec.auxiliaries)?;
                let g = solve_g(&model, d, calfun)?;
                let gram = model.gram(d);
                Ok(Calibration {
                    method: spec.method,
                    design_weights: d.to_vec(),
                    g,
                    kind: Kind::Regression { model, gram },
                })
            }
            CalibrationMethod::PostStratify => {
                if spec.auxiliaries.len() != 1 {
                    return Err(SurveyError::Invalid(
                        "post-stratification takes one categorical variable (use --rake or --calibrate for several)".into(),
                    ));
                }
                let margin = build_margin(n, &spec.auxiliaries[0])?;
                let model = Model {
                    per_row: 1,
                    col: margin.codes.clone(),
                    val: vec![1.0; n],
                    targets: margin.targets.clone(),
                };
                let mut w = d.to_vec();
                fit_margin(&margin, &mut w)?;
                let g = w.iter().zip(d).map(|(w, d)| ratio_g(*w, *d)).collect();
                let gram = model.gram(d);
                Ok(Calibration {
                    method: spec.method,
                    design_weights: d.to_vec(),
                    g,
                    kind: Kind::Regression { model, gram },
                })
            }
            CalibrationMethod::Rake => {
                let margins = spec
                    .auxiliaries
                    .iter()
                    .map(|a| build_margin(n, a))
                    .collect::<Result<Vec<_>, _>>()?;
                let (w, after) = rake(&margins, d)?;
                let g = w.iter().zip(d).map(|(w, d)| ratio_g(*w, *d)).collect();
                Ok(Calibration {
                    method: spec.method,
                    design_weights: d.to_vec(),
                    g,
                    kind: Kind::Rake { margins, after },
                })
            }
        }
    }

    pub fn method(&self) -> CalibrationMethod {
        self.method
    }
    /// The weights before calibration.
    pub fn design_weights(&self) -> &[f64] {
        &self.design_weights
    }
    /// The g-weights: calibrated weight over design weight.
    pub fn g(&self) -> &[f64] {
        &self.g
    }
    /// The calibrated weights `d_k g_k`.
    pub fn weights(&self) -> Vec<f64> {
        self.design_weights
            .iter()
            .zip(&self.g)
            .map(|(d, g)| d * g)
            .collect()
    }
    /// The totals the weights are calibrated to.
    pub fn targets(&self) -> Vec<Target> {
        match &self.kind {
            Kind::Regression { model, .. } => model.targets.clone(),
            Kind::Rake { margins, .. } => margins.iter().flat_map(|m| m.targets.clone()).collect(),
        }
    }
    /// The totals of the auxiliaries under weights `w` (in the order of [`Calibration::targets`]).
    pub fn totals_under(&self, w: &[f64]) -> Vec<f64> {
        match &self.kind {
            Kind::Regression { model, .. } => model.totals(w),
            Kind::Rake { margins, .. } => {
                margins.iter().flat_map(|m| margin_totals(m, w)).collect()
            }
        }
    }

    /// Calibrate other starting weights (a replicate's) to the same totals by the same method.
    pub fn recalibrate(&self, d: &[f64]) -> Result<Vec<f64>, SurveyError> {
        match &self.kind {
            Kind::Regression { model, .. } => {
                let calfun = match self.method {
                    CalibrationMethod::Calibrate(f) => f,
                    _ => CalFun::Linear,
                };
                let g = solve_g(model, d, calfun)?;
                Ok(d.iter().zip(&g).map(|(d, g)| d * g).collect())
            }
            Kind::Rake { margins, .. } => Ok(rake(margins, d)?.0),
        }
    }

    /// For a regression calibration (`calibrate`, `postStratify`): the number of model columns.
    pub(crate) fn regression_columns(&self) -> Option<usize> {
        match &self.kind {
            Kind::Regression { model, .. } => Some(model.p()),
            Kind::Rake { .. } => None,
        }
    }

    /// For a regression calibration: row `k`'s auxiliaries times its calibrated weight,
    /// `(column, w_k x_kc)` (nothing for a rake).
    pub(crate) fn weighted_auxiliaries(&self, k: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let w = self.design_weights[k] * self.g[k];
        let model = match &self.kind {
            Kind::Regression { model, .. } => Some(model),
            Kind::Rake { .. } => None,
        };
        model
            .into_iter()
            .flat_map(move |m| m.row(k).map(move |(c, v)| (c, w * v)))
    }

    /// For a regression calibration, the coefficients of the scores' regression on the
    /// auxiliaries with the design weights: `B = (sum_k d_k x_k x_k')^- sum_k x_k u_k / g_k` for
    /// scores `u_k = w_k z_k` (rows may repeat; their scores add up). The residual of row `k`
    /// is `u_k - w_k x_k' B` (R `svyrecvar`, Lumley 2010, sec. 7.2).
    pub(crate) fn regression_coefficients(
        &self,
        scores: impl IntoIterator<Item = (u32, f64)>,
    ) -> Option<Vec<f64>> {
        let Kind::Regression { model, gram } = &self.kind else {
            return None;
        };
        let mut b = vec![0.0; model.p()];
        for (k, uk) in scores {
            let k = k as usize;
            if uk == 0.0 || self.g[k] == 0.0 {
                continue;
            }
            let z = uk / self.g[k];
            for (c, v) in model.row(k) {
                b[c] += v * z;
            }
        }
        Some(gram.solve(&b))
    }

    /// Replace scores `u_k = w_k z_k` (sparse, `(row, u)`) by the calibration residuals, dense
    /// over all rows (see the module documentation for the formulas).
    pub fn residuals(&self, scores: impl IntoIterator<Item = (u32, f64)>) -> Vec<f64> {
        let n = self.g.len();
        let mut u = vec![0.0; n];
        for (r, v) in scores {
            u[r as usize] += v;
        }
        match &self.kind {
            Kind::Regression { model, .. } => {
                let dense = u.iter().enumerate().map(|(k, &uk)| (k as u32, uk));
                let beta = self
                    .regression_coefficients(dense)
                    .expect("a regression calibration");
                for (k, uk) in u.iter_mut().enumerate() {
                    let w = self.design_weights[k] * self.g[k];
                    *uk -= w * model.dot(k, &beta);
                }
            }
            Kind::Rake { margins, after } => {
                let mut means: Vec<Vec<f64>> =
                    margins.iter().map(|m| vec![0.0; m.targets.len()]).collect();
                for _ in 0..10 {
                    for ((m, p), mean) in margins.iter().zip(after).zip(&mut means) {
                        mean.iter_mut().for_each(|v| *v = 0.0);
                        for k in 0..n {
                            if p[k] != 0.0 {
                                mean[m.codes[k] as usize] += u[k] / p[k];
                            }
                        }
                        for (v, c) in mean.iter_mut().zip(&m.counts) {
                            *v /= c;
                        }
                        for k in 0..n {
                            u[k] -= p[k] * mean[m.codes[k] as usize];
                        }
                    }
                }
            }
        }
        u
    }
}

fn ratio_g(w: f64, d: f64) -> f64 {
    if d == 0.0 {
        1.0
    } else {
        w / d
    }
}

/// Match the categories in the data with those in the totals: `(code of each data label ->
/// index into totals)`; errors name the variable and the category.
fn match_categories(
    name: &str,
    grouping: Grouping<'_>,
    totals: &[(String, f64)],
) -> Result<Vec<u32>, SurveyError> {
    let mut present = vec![false; grouping.labels.len()];
    for (row, &c) in grouping.codes.iter().enumerate() {
        if c == u32::MAX {
            return Err(SurveyError::CalibrationMissing {
                variable: name.to_string(),
                row,
            });
        }
        present[c as usize] = true;
    }
    let mut index = vec![u32::MAX; grouping.labels.len()];
    for (c, label) in grouping.labels.iter().enumerate() {
        if !present[c] {
            continue;
        }
        let t = totals.iter().position(|(l, _)| l == label).ok_or_else(|| {
            SurveyError::CategoryNotInTotals {
                variable: name.to_string(),
                category: label.clone(),
            }
        })?;
        index[c] = t as u32;
    }
    for (t, (label, total)) in totals.iter().enumerate() {
        if *total != 0.0 && !index.contains(&(t as u32)) {
            return Err(SurveyError::CategoryNotInData {
                variable: name.to_string(),
                category: label.clone(),
            });
        }
    }
    Ok(index)
}

fn build_margin(n: usize, aux: &Auxiliary<'_>) -> Result<Margin, SurveyError> {
    let AuxValues::Categorical { grouping, totals } = &aux.values else {
        return Err(SurveyError::Invalid(format!(
            "`{}` is numeric: post-stratification and raking take categorical variables (use --calibrate for numeric totals)",
            aux.name
        )));
    };
    check_rows(&aux.name, grouping.codes.len(), n)?;
    let index = match_categories(&aux.name, *grouping, totals)?;
    let codes: Vec<u32> = grouping.codes.iter().map(|&c| index[c as usize]).collect();
    let mut counts = vec![0.0; totals.len()];
    for &c in &codes {
        counts[c as usize] += 1.0;
    }
    Ok(Margin {
        codes,
        counts,
        targets: totals
            .iter()
            .map(|(l, t)| Target {
                variable: aux.name.clone(),
                category: Some(l.clone()),
                total: *t,
            })
            .collect(),
    })
}

fn check_rows(name: &str, got: usize, n: usize) -> Result<(), SurveyError> {
    if got != n {
        return Err(SurveyError::Invalid(format!(
            "calibration variable `{name}` has {got} values but there are {n} weights"
        )));
    }
    Ok(())
}

/// The sparse model matrix of `calibrate` (see the module documentation for the coding).
fn build_model(n: usize, aux: &[Auxiliary<'_>]) -> Result<Model, SurveyError> {
    let per_row = aux.len();
    let mut col = vec![u32::MAX; n * per_row];
    let mut val = vec![0.0; n * per_row];
    let mut targets: Vec<Target> = Vec::new();
    let mut population: Option<(String, f64)> = None;
    for (j, a) in aux.iter().enumerate() {
        match &a.values {
            AuxValues::Numeric { values, total } => {
                check_rows(&a.name, values.len(), n)?;
                let c = targets.len() as u32;
                for (k, &v) in values.iter().enumerate() {
                    if !v.is_finite() {
                        return Err(SurveyError::CalibrationMissing {
                            variable: a.name.clone(),
                            row: k,
                        });
                    }
                    col[k * per_row + j] = c;
                    val[k * per_row + j] = v;
                }
                targets.push(Target {
                    variable: a.name.clone(),
                    category: None,
                    total: *total,
                });
            }
            AuxValues::Categorical { grouping, totals } => {
                check_rows(&a.name, grouping.codes.len(), n)?;
                let index = match_categories(&a.name, *grouping, totals)?;
                let sum: f64 = totals.iter().map(|t| t.1).sum();
                // the first categorical variable carries the population size
                let skip = match &population {
                    None => {
                        population = Some((a.name.clone(), sum));
                        None
                    }
                    Some((first, size)) => {
                        if (sum - size).abs() > 1e-9 * size.abs().max(1.0) {
                            return Err(SurveyError::Invalid(format!(
                                "the totals of `{}` add up to {sum} but those of `{first}` to {size}: categorical totals must add up to the same population size",
                                a.name
                            )));
                        }
                        index.iter().copied().filter(|&t| t != u32::MAX).min()
                    }
                };
                let base = targets.len() as u32;
                let mut column_of_total = vec![u32::MAX; totals.len()];
                let mut next = base;
                for (t, (label, total)) in totals.iter().enumerate() {
                    if Some(t as u32) == skip || !index.contains(&(t as u32)) {
                        continue;
                    }
                    column_of_total[t] = next;
                    next += 1;
                    targets.push(Target {
                        variable: a.name.clone(),
                        category: Some(label.clone()),
                        total: *total,
                    });
                }
                for (k, &c) in grouping.codes.iter().enumerate() {
                    let cc = column_of_total[index[c as usize] as usize];
                    if cc != u32::MAX {
                        col[k * per_row + j] = cc;
                        val[k * per_row + j] = 1.0;
                    }
                }
            }
        }
    }
    Ok(Model {
        per_row,
        col,
        val,
        targets,
    })
}

/// The g-weights by Newton's method on `sum_k d_k F(x_k' eta) x_k = X` (R `survey:::grake`,
/// step halving while a `g` is not finite).
fn solve_g(model: &Model, d: &[f64], calfun: CalFun) -> Result<Vec<f64>, SurveyError> {
    let n = d.len();
    let p = model.p();
    let population: Vec<f64> = model.targets.iter().map(|t| t.total).collect();
    let mut eta = vec![0.0; p];
    let mut xeta = vec![0.0; n];
    let mut fm1 = vec![0.0; n];
    let mut deriv = vec![1.0; n];
    let eval = |xeta: &[f64], fm1: &mut [f64], deriv: &mut [f64]| {
        for k in 0..n {
            let (f, df) = calfun.eval(xeta[k]);
            fm1[k] = f;
            deriv[k] = df;
        }
    };
    eval(&xeta, &mut fm1, &mut deriv);
    let misfit_of = |fm1: &[f64]| -> Vec<f64> {
        let g: Vec<f64> = d.iter().zip(fm1).map(|(d, f)| d * (1.0 + f)).collect();
        let t = model.totals(&g);
        population.iter().zip(&t).map(|(x, t)| x - t).collect()
    };
    let mut misfit = misfit_of(&fm1);
    let mut iterations = 0;
    loop {
        if converged(&misfit, &population) {
            break;
        }
        iterations += 1;
        if iterations > MAX_ITERATIONS {
            return Err(not_met(model, calfun, &misfit, iterations - 1));
        }
        let dd: Vec<f64> = d.iter().zip(&deriv).map(|(d, f)| d * f).collect();
        let mut deta = model.gram(&dd).solve(&misfit);
        for (e, de) in eta.iter_mut().zip(&deta) {
            *e += de;
        }
        loop {
            for (k, x) in xeta.iter_mut().enumerate() {
                *x = model.dot(k, &eta);
            }
            eval(&xeta, &mut fm1, &mut deriv);
            let finite = fm1.iter().chain(&deriv).all(|v| v.is_finite());
            if finite || iterations >= MAX_ITERATIONS {
                break;
            }
            iterations += 1;
            for (e, de) in eta.iter_mut().zip(deta.iter_mut()) {
                *de /= 2.0;
                *e -= *de;
            }
        }
        misfit = misfit_of(&fm1);
    }
    Ok(fm1.iter().map(|f| 1.0 + f).collect())
}

fn converged(misfit: &[f64], population: &[f64]) -> bool {
    misfit
        .iter()
        .zip(population)
        .all(|(m, x)| m.abs() / (1.0 + x.abs()) < TOLERANCE)
}

/// The error for totals not met: names the worst total.
fn not_met(model: &Model, calfun: CalFun, misfit: &[f64], iterations: usize) -> SurveyError {
    let worst = (0..misfit.len())
        .max_by(|&a, &b| {
            let ra = misfit[a].abs() / (1.0 + model.targets[a].total.abs());
            let rb = misfit[b].abs() / (1.0 + model.targets[b].total.abs());
            ra.total_cmp(&rb)
        })
        .unwrap_or(0);
    let t = &model.targets[worst];
    let achieved = t.total - misfit[worst];
    match calfun {
        CalFun::Logit { lower, upper } => SurveyError::CalibrationInfeasible {
            target: t.to_string(),
            total: t.total,
            achieved,
            lower,
            upper,
        },
        _ => SurveyError::CalibrationNotConverged {
            target: t.to_string(),
            total: t.total,
            achieved,
            iterations,
        },
    }
}

fn margin_totals(m: &Margin, w: &[f64]) -> Vec<f64> {
    let mut t = vec![0.0; m.targets.len()];
    for (&c, &wk) in m.codes.iter().zip(w) {
        t[c as usize] += wk;
    }
    t
}

/// Post-stratify `w` on one margin: `w_k <- w_k N_h / sum_h w`.
fn fit_margin(m: &Margin, w: &mut [f64]) -> Result<(), SurveyError> {
    let t = margin_totals(m, w);
    let mut factor = vec![1.0; t.len()];
    for (h, (&th, target)) in t.iter().zip(&m.targets).enumerate() {
        if th == 0.0 {
            if target.total != 0.0 {
                return Err(SurveyError::CalibrationNotConverged {
                    target: target.to_string(),
                    total: target.total,
                    achieved: 0.0,
                    iterations: 0,
                });
            }
        } else {
            factor[h] = target.total / th;
        }
    }
    for (wk, &c) in w.iter_mut().zip(&m.codes) {
        *wk *= factor[c as usize];
    }
    Ok(())
}

/// Iterative proportional fitting (R `rake`): passes over the margins until every margin total
/// is met to `|misfit| / (1 + |total|) < TOLERANCE` (the last margin fitted is met exactly).
/// Returns the weights and, per margin, the weights right after it was fitted in the last pass.
#[allow(clippy::type_complexity)]
fn rake(margins: &[Margin], d: &[f64]) -> Result<(Vec<f64>, Vec<Vec<f64>>), SurveyError> {
    let mut w = d.to_vec();
    let mut after = vec![Vec::new(); margins.len()];
    for _ in 0..MAX_RAKING_PASSES {
        for (m, a) in margins.iter().zip(&mut after) {
            fit_margin(m, &mut w)?;
            a.clone_from(&w);
        }
        let met = margins.iter().all(|m| {
            margin_totals(m, &w)
                .iter()
                .zip(&m.targets)
                .all(|(t, target)| {
                    (t - target.total).abs() / (1.0 + target.total.abs()) < TOLERANCE
                })
        });
        if met {
            return Ok((w, after));
        }
    }
    // the worst margin total after the last pass
    let (mut worst, mut gap, mut achieved) = (&margins[0].targets[0], -1.0, 0.0);
    for m in margins {
        for (t, a) in m.targets.iter().zip(margin_totals(m, &w)) {
            if (t.total - a).abs() > gap {
                gap = (t.total - a).abs();
                worst = t;
                achieved = a;
            }
        }
    }
    Err(SurveyError::CalibrationNotConverged {
        target: worst.to_string(),
        total: worst.total,
        achieved,
        iterations: MAX_RAKING_PASSES,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn logit_stays_within_bounds_and_linear_is_one_step() {
        let f = CalFun::Logit {
            lower: 0.5,
            upper: 2.0,
        };
        for u in [-50.0, -1.0, 0.0, 1.0, 50.0] {
            let (g, _) = f.eval(u);
            assert!(g + 1.0 >= 0.5 && g + 1.0 <= 2.0, "{u} {g}");
        }
        assert_eq!(f.eval(0.0).0, 0.0);
        // derivative by finite differences
        let (a, b) = (f.eval(0.3 + 1e-6).0, f.eval(0.3 - 1e-6).0);
        assert!(((a - b) / 2e-6 - f.eval(0.3).1).abs() < 1e-6);
    }

    #[test]
    fn errors_name_variable_and_category() {
        let l = labels(&["a", "b"]);
        let codes = [0u32, 1, 0];
        let d = [1.0; 3];
        let spec = |totals: Vec<(String, f64)>| CalibrationSpec {
            auxiliaries: vec![Auxiliary {
                name: "sex".into(),
                values: AuxValues::Categorical {
                    grouping: Grouping {
                        codes: &codes,
                        labels: &l,
                    },
                    totals,
                },
            }],
            method: CalibrationMethod::Calibrate(CalFun::Linear),
        };
        let e = Calibration::new(&d, &spec(vec![("a".into(), 5.0)])).unwrap_err();
        assert_eq!(e.to_string(), "category `b` of calibration variable `sex` appears in the data but not in the totals file");
        let e = Calibration::new(
            &d,
            &spec(vec![
                ("a".into(), 5.0),
                ("b".into(), 1.0),
                ("c".into(), 2.0),
            ]),
        )
        .unwrap_err();
        assert!(e.to_string().contains("`c`"), "{e}");
        let ok = Calibration::new(&d, &spec(vec![("a".into(), 4.0), ("b".into(), 6.0)])).unwrap();
        assert_eq!(ok.weights(), vec![2.0, 6.0, 2.0]);
    }
}
