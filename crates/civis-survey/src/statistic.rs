//! The statistics Civis estimates, their point estimates under any weight vector, and their
//! linearised (influence-function) scores.
//!
//! Point estimates (for domain `D`, weights `w`, analysis variable `y`, rows with a missing `y`
//! — or `x` for ratios — left out of the domain, as R's `na.rm = TRUE`):
//! - total `sum_D w y`; mean `sum_D w y / sum_D w`; ratio `sum_D w y / sum_D w x`
//!   (R `svytotal`, `svymean`, `svyratio`);
//! - quantile: [`crate::quantile`] rules on the domain;
//! - EU-SILC indicators, laeken 0.5.2 definitions (Eurostat doc EU-SILC 131-rev/04):
//!   `arpt = s * median` (s = 0.6 by default, national median, laeken quantile rule);
//!   `arpr = 100 * sum_D w [y < arpt] / sum_D w` with the NATIONAL threshold;
//!   `gini = 100 * ((2 sum w_i y_i C_i - sum w_i^2 y_i) / (W sum w_i y_i) - 1)` over the domain
//!   sorted by `y`, `C_i` cumulative weights;
//!   `qsr = sum w y [y > q80] / sum w y [y <= q20]` with domain quintiles;
//!   `rmpg = 100 (arpt - m) / arpt`, `m` the domain median of `y` among `y < arpt`.
//!
//! Linearised scores `u_k = w_k z_k` (the variance is the ultimate-cluster variance of their
//! sum, [`crate::design::Design::variance_of_scores`]):
//! - total `w y`; mean `w (y - ybar) / W`; ratio `w (y - R x) / X` (Woolter 2007, §6.11; R).
//! - quantiles: Woodruff (1952) intervals as R `svyquantile(interval.type = "mean")`: the
//!   variance of the estimated CDF at the quantile, `Fhat = mean_D [y <= q]`, gives
//!   `Fhat ± t se(Fhat)`, mapped back through the quantile function; `se = (upper - lower) / 2t`.
//! - threshold (Deville 1999; Osier 2009; vardpoor `linarpt`):
//!   `z_k = -s ([y_k <= q] - 1/2) / (N f(q))`, with the Gaussian kernel density
//!   `f(x) = sum w phi((x - y) / h) / (N h)`, bandwidth `h = sd_w(y) / N^(1/5)` (national).
//! - ARPR (vardpoor `linarpr`): `z_k = [k in D] ([y_k < t] - a) / N_D + f_D(t) z^t_k`, times 100;
//!   every national unit contributes through the threshold term.
//! - Gini, derived from the estimator as a function of weights (Osier 2009 / Langel & Tillé
//!   2013 give the same): `z_k = 2 (y_k C_k + sum_{j >= k} w_j y_j) / (N Y) - (G + 1)(1/N + y_k/Y)`,
//!   times 100.
//! - QSR (Hulliger & Münnich 2006): with `dS(q, p)_k = y_k [y_k <= q] - q ([y_k <= q] - p)`,
//!   `z_k = (dS80_k - QSR dS20_k) / S20`, `dS80_k = y_k - dS(q80, 0.8)_k`, `dS20 = dS(q20, 0.2)`.
//! - RMPG: `m` solves `F_D(m) = F_D(t)/2`, so
//!   `z^m_k = (z^arpr_k / 2 - [k in D]([y_k <= m] - a/2) / N_D) / f_D(m)` and
//!   `z_k = 100 (-z^m_k / t + m z^t_k / t^2)`.

use crate::quantile::{weighted_quantile, CompensatedSum, QuantileRule};

/// A statistic to estimate for every domain.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Statistic {
    Total,
    Mean,
    /// Horvitz-Thompson mean with a known domain size: `sum_{k in d} w_k y_k / N_d` (R sae
    /// `direct(y, dom, sweight, domsize)`; survey `svytotal(~y) / N_d`), variance
    /// `V(total) / N_d^2`. The caller passes `y_k / N_d` (each row's value over its domain's
    /// known size), which is then estimated as a total.
    HorvitzThompsonMean,
    /// Ratio of two totals; the denominator variable is given with the request.
    Ratio,
    Quantile {
        p: f64,
        rule: QuantileRule,
    },
    /// At-risk-of-poverty threshold: `share` times the national median (one national value).
    PovertyThreshold {
        share: f64,
    },
    /// At-risk-of-poverty rate (%), national threshold `share * median`.
    PovertyRate {
        share: f64,
    },
    /// Gini coefficient (%).
    Gini,
    /// Income quintile share ratio S80/S20.
    QuintileShareRatio,
    /// Relative median at-risk-of-poverty gap (%).
    RelativeMedianGap {
        share: f64,
    },
}

impl Statistic {
    /// Short name used in output tables.
    pub fn name(&self) -> String {
        match self {
            Statistic::Total => "total".into(),
            Statistic::HorvitzThompsonMean => "mean_ht".into(),
            Statistic::Mean => "mean".into(),
            Statistic::Ratio => "ratio".into(),
            Statistic::Quantile { p, rule } => match rule {
                QuantileRule::Math => format!("quantile_{p}"),
                QuantileRule::School => format!("quantile_{p}_school"),
                QuantileRule::Laeken => format!("quantile_{p}_laeken"),
            },
            Statistic::PovertyThreshold { share } => share_name("arpt", *share),
            Statistic::PovertyRate { share } => share_name("arpr", *share),
            Statistic::Gini => "gini".into(),
            Statistic::QuintileShareRatio => "qsr".into(),
            Statistic::RelativeMedianGap { share } => share_name("rmpg", *share),
        }
    }

    /// Whether this statistic is a smooth function of domain totals (fast replicate path).
    pub fn is_ratio_type(&self) -> bool {
        matches!(
            self,
            Statistic::Total | Statistic::Mean | Statistic::Ratio | Statistic::HorvitzThompsonMean
        )
    }

    /// Whether the statistic is a total of its variable (the total and the Horvitz-Thompson mean).
    pub fn is_total(&self) -> bool {
        matches!(self, Statistic::Total | Statistic::HorvitzThompsonMean)
    }

    /// Whether the statistic needs the national income distribution.
    pub fn uses_national_threshold(&self) -> bool {
        matches!(
            self,
            Statistic::PovertyThreshold { .. }
                | Statistic::PovertyRate { .. }
                | Statistic::RelativeMedianGap { .. }
        )
    }
}

fn share_name(base: &str, share: f64) -> String {
    if (share - 0.6).abs() < 1e-12 {
        base.to_string()
    } else {
        format!("{base}{}", (share * 100.0).round() as i64)
    }
}

/// The national income distribution: rows with a non-missing value sorted by value, under one
/// weight vector.
#[derive(Debug, Clone)]
pub struct NationalIncome {
    /// All rows with a non-missing `y`, sorted by `y` (stable).
    pub order: Vec<u32>,
}

impl NationalIncome {
    pub fn new(y: &[f64]) -> Self {
        NationalIncome {
            order: sorted_rows(y, (0..y.len() as u32).filter(|&r| !y[r as usize].is_nan())),
        }
    }
    pub fn median(&self, y: &[f64], w: &[f64]) -> f64 {
        weighted_quantile(&self.order, y, w, 0.5, QuantileRule::Laeken)
    }
}

/// Rows sorted by value, stable (ties keep row order, like R's `order`).
pub fn sorted_rows(y: &[f64], rows: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut v: Vec<u32> = rows.collect();
    v.sort_by(|&a, &b| y[a as usize].total_cmp(&y[b as usize]));
    v
}

/// Everything the estimators need about one domain and one statistic: the rows (missing
/// values removed) and, for distribution statistics, the rows sorted by value.
#[derive(Debug, Clone)]
pub struct DomainData {
    pub rows: Vec<u32>,
    pub sorted: Option<Vec<u32>>,
    /// Weighted share of the domain's rows left out because the variable is missing
    /// (item non-response).
    pub nonresponse: f64,
}

/// Inputs shared by the estimators of one statistic.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    pub y: &'a [f64],
    pub x: Option<&'a [f64]>,
    pub national: Option<&'a NationalIncome>,
}

fn sum_w(rows: &[u32], w: &[f64]) -> f64 {
    let mut s = 0.0;
    for &r in rows {
        s += w[r as usize];
    }
    s
}

/// The point estimate of `stat` on a domain under weights `w`.
pub fn point_estimate(stat: Statistic, inp: Inputs<'_>, dom: &DomainData, w: &[f64]) -> f64 {
    let y = inp.y;
    match stat {
        Statistic::Total | Statistic::HorvitzThompsonMean => {
            let mut s = 0.0;
            for &r in &dom.rows {
                s += w[r as usize] * y[r as usize];
            }
            s
        }
        Statistic::Mean => {
            let (mut sy, mut sw) = (0.0, 0.0);
            for &r in &dom.rows {
                let r = r as usize;
                sy += w[r] * y[r];
                sw += w[r];
            }
            sy / sw
        }
        Statistic::Ratio => {
            let x = inp.x.expect("ratio needs a denominator");
            let (mut sy, mut sx) = (0.0, 0.0);
            for &r in &dom.rows {
                let r = r as usize;
                sy += w[r] * y[r];
                sx += w[r] * x[r];
            }
            sy / sx
        }
        Statistic::Quantile { p, rule } => {
            weighted_quantile(dom.sorted.as_deref().unwrap_or(&[]), y, w, p, rule)
        }
        Statistic::PovertyThreshold { share } => {
            share * inp.national.expect("national income").median(y, w)
        }
        Statistic::PovertyRate { share } => {
            let t = share * inp.national.expect("national income").median(y, w);
            poverty_rate(&dom.rows, y, w, t)
        }
        Statistic::Gini => gini(dom.sorted.as_deref().unwrap_or(&[]), y, w),
        Statistic::QuintileShareRatio => qsr(dom.sorted.as_deref().unwrap_or(&[]), y, w),
        Statistic::RelativeMedianGap { share } => {
            let t = share * inp.national.expect("national income").median(y, w);
            rmpg(dom.sorted.as_deref().unwrap_or(&[]), y, w, t)
        }
    }
}

/// laeken `weightedRate`: `100 * sum w [y < t] / sum w`.
pub fn poverty_rate(rows: &[u32], y: &[f64], w: &[f64], t: f64) -> f64 {
    let (mut poor, mut all) = (CompensatedSum::default(), CompensatedSum::default());
    for &r in rows {
        let r = r as usize;
        all.add(w[r]);
        if y[r] < t {
            poor.add(w[r]);
        }
    }
    100.0 * poor.value() / all.value()
}

/// laeken `giniCoeff` on rows sorted by `y`.
pub fn gini(sorted: &[u32], y: &[f64], w: &[f64]) -> f64 {
    let mut cw = CompensatedSum::default();
    let mut a = CompensatedSum::default();
    let mut b = CompensatedSum::default();
    let mut wx = CompensatedSum::default();
    for &r in sorted {
        let r = r as usize;
        cw.add(w[r]);
        let v = w[r] * y[r];
        a.add(v * cw.value());
        b.add(w[r] * w[r] * y[r]);
        wx.add(v);
    }
    100.0 * ((2.0 * a.value() - b.value()) / (cw.value() * wx.value()) - 1.0)
}

/// laeken `quintileRatio` on rows sorted by `y`.
pub fn qsr(sorted: &[u32], y: &[f64], w: &[f64]) -> f64 {
    let q20 = weighted_quantile(sorted, y, w, 0.2, QuantileRule::Laeken);
    let q80 = weighted_quantile(sorted, y, w, 0.8, QuantileRule::Laeken);
    let (mut low, mut high) = (CompensatedSum::default(), CompensatedSum::default());
    for &r in sorted {
        let r = r as usize;
        if y[r] <= q20 {
            low.add(w[r] * y[r]);
        }
        if y[r] > q80 {
            high.add(w[r] * y[r]);
        }
    }
    high.value() / low.value()
}

/// laeken `relativeGap`: `100 (t - m) / t`, `m` the weighted median of `y` among `y < t`.
pub fn rmpg(sorted: &[u32], y: &[f64], w: &[f64], t: f64) -> f64 {
    let end = sorted.partition_point(|&r| y[r as usize] < t);
    let m = weighted_quantile(&sorted[..end], y, w, 0.5, QuantileRule::Laeken);
    100.0 * (t - m) / t
}

/// Gaussian kernel density of `y` at `at` over `rows`, bandwidth `h`.
fn density(rows: &[u32], y: &[f64], w: &[f64], at: f64, h: f64) -> f64 {
    let mut s = 0.0;
    let mut sw = 0.0;
    for &r in rows {
        let r = r as usize;
        s += kernel(w[r], at, y[r], h);
        sw += w[r];
    }
    s / (sw * h)
}

/// One row's term `w phi((at - y) / h)` of the Gaussian kernel density (phi the standard normal
/// density); the density is the sum over the rows divided by `h sum w`.
#[inline]
pub fn kernel(w: f64, at: f64, y: f64, h: f64) -> f64 {
    let c = 1.0 / (2.0 * std::f64::consts::PI).sqrt();
    let z = (at - y) / h;
    w * c * (-0.5 * z * z).exp()
}

/// Bandwidth `h = sd_w(y) / N^(1/5)` over the national rows (vardpoor).
fn bandwidth(rows: &[u32], y: &[f64], w: &[f64]) -> f64 {
    let (mut sw, mut swy) = (0.0, 0.0);
    for &r in rows {
        sw += w[r as usize];
        swy += w[r as usize] * y[r as usize];
    }
    let mean = swy / sw;
    let mut ss = 0.0;
    for &r in rows {
        let d = y[r as usize] - mean;
        ss += w[r as usize] * d * d;
    }
    (ss / sw).sqrt() / sw.powf(0.2)
}

/// Linearised scores `(row, w_k z_k)` of `stat` on a domain, with the point estimate.
/// Quantiles return the scores of the estimated CDF at the quantile (see module docs).
pub fn linearised_scores(
    stat: Statistic,
    inp: Inputs<'_>,
    dom: &DomainData,
    w: &[f64],
) -> (f64, Vec<(u32, f64)>) {
    let y = inp.y;
    let est = point_estimate(stat, inp, dom, w);
    let scores = match stat {
        Statistic::Total | Statistic::HorvitzThompsonMean => dom
            .rows
            .iter()
            .map(|&r| (r, w[r as usize] * y[r as usize]))
            .collect(),
        Statistic::Mean => {
            let big_w = sum_w(&dom.rows, w);
            dom.rows
                .iter()
                .map(|&r| (r, w[r as usize] * (y[r as usize] - est) / big_w))
                .collect()
        }
        Statistic::Ratio => {
            let x = inp.x.expect("ratio needs a denominator");
            let mut big_x = 0.0;
            for &r in &dom.rows {
                big_x += w[r as usize] * x[r as usize];
            }
            dom.rows
                .iter()
                .map(|&r| {
                    let r = r as usize;
                    (r as u32, w[r] * (y[r] - est * x[r]) / big_x)
                })
                .collect()
        }
        Statistic::Quantile { .. } => cdf_scores(&dom.rows, y, w, est).1,
        Statistic::PovertyThreshold { share } => {
            let nat = inp.national.expect("national income");
            threshold_scores(nat, y, w, share).1
        }
        Statistic::PovertyRate { share } => {
            let nat = inp.national.expect("national income");
            let (t, ut, h) = threshold_scores(nat, y, w, share);
            let a = est / 100.0;
            let nd = sum_w(&dom.rows, w);
            let fd = density(&dom.rows, y, w, t, h);
            let mut u: Vec<f64> = ut.iter().map(|&(_, v)| 100.0 * fd * v).collect();
            add_domain_indicator(&mut u, nat, &dom.rows, y, w, |v| v < t, a, nd, 100.0);
            nat.order.iter().copied().zip(u).collect()
        }
        Statistic::Gini => gini_scores(dom.sorted.as_deref().unwrap_or(&[]), y, w, est / 100.0),
        Statistic::QuintileShareRatio => {
            qsr_scores(dom.sorted.as_deref().unwrap_or(&[]), y, w, est)
        }
        Statistic::RelativeMedianGap { share } => {
            let nat = inp.national.expect("national income");
            let (t, ut, h) = threshold_scores(nat, y, w, share);
            let sorted = dom.sorted.as_deref().unwrap_or(&[]);
            let end = sorted.partition_point(|&r| y[r as usize] < t);
            let m = weighted_quantile(&sorted[..end], y, w, 0.5, QuantileRule::Laeken);
            let nd = sum_w(&dom.rows, w);
            let a = poverty_rate(&dom.rows, y, w, t) / 100.0;
            let fd_t = density(&dom.rows, y, w, t, h);
            let fd_m = density(&dom.rows, y, w, m, h);
            // z^arpr (as a fraction), then z^m, then rmpg
            let mut zarpr: Vec<f64> = ut.iter().map(|&(_, v)| fd_t * v).collect();
            add_domain_indicator(&mut zarpr, nat, &dom.rows, y, w, |v| v < t, a, nd, 1.0);
            let mut zm: Vec<f64> = zarpr.iter().map(|v| v / 2.0).collect();
            add_domain_indicator(&mut zm, nat, &dom.rows, y, w, |v| v <= m, a / 2.0, nd, -1.0);
            nat.order
                .iter()
                .zip(zm.iter().zip(&ut))
                .map(|(&r, (&zmk, &(_, utk)))| {
                    let zmk = zmk / fd_m;
                    (r, 100.0 * (-zmk / t + m * utk / (t * t)))
                })
                .collect()
        }
    };
    (est, scores)
}

/// Adds `sign * w_k ([cond(y_k)] - a) / nd` for the domain rows into `u`, which is aligned
/// with `nat.order`.
#[allow(clippy::too_many_arguments)]
fn add_domain_indicator(
    u: &mut [f64],
    nat: &NationalIncome,
    dom_rows: &[u32],
    y: &[f64],
    w: &[f64],
    cond: impl Fn(f64) -> bool,
    a: f64,
    nd: f64,
    sign: f64,
) {
    // position of each national row in `order`
    let mut in_dom = vec![false; y.len()];
    for &r in dom_rows {
        in_dom[r as usize] = true;
    }
    for (slot, &r) in u.iter_mut().zip(&nat.order) {
        let r = r as usize;
        if in_dom[r] {
            let ind = if cond(y[r]) { 1.0 } else { 0.0 };
            *slot += sign * w[r] * (ind - a) / nd;
        }
    }
}

/// Scores of the estimated CDF at `q` in a domain: `w ([y <= q] - F) / W`; returns `(F, scores)`.
pub fn cdf_scores(rows: &[u32], y: &[f64], w: &[f64], q: f64) -> (f64, Vec<(u32, f64)>) {
    let (mut below, mut all) = (0.0, 0.0);
    for &r in rows {
        let r = r as usize;
        all += w[r];
        if y[r] <= q {
            below += w[r];
        }
    }
    let f = below / all;
    let scores = rows
        .iter()
        .map(|&r| {
            let ind = if y[r as usize] <= q { 1.0 } else { 0.0 };
            (r, w[r as usize] * (ind - f) / all)
        })
        .collect();
    (f, scores)
}

/// Threshold `t = share * median`, its weighted scores over the national rows, and the bandwidth.
fn threshold_scores(
    nat: &NationalIncome,
    y: &[f64],
    w: &[f64],
    share: f64,
) -> (f64, Vec<(u32, f64)>, f64) {
    let q = nat.median(y, w);
    let h = bandwidth(&nat.order, y, w);
    let n = sum_w(&nat.order, w);
    let f = density(&nat.order, y, w, q, h);
    let scores = nat
        .order
        .iter()
        .map(|&r| {
            let ind = if y[r as usize] <= q { 1.0 } else { 0.0 };
            (r, w[r as usize] * (-share) * (ind - 0.5) / (n * f))
        })
        .collect();
    (share * q, scores, h)
}

fn gini_scores(sorted: &[u32], y: &[f64], w: &[f64], g: f64) -> Vec<(u32, f64)> {
    let n: f64 = sum_w(sorted, w);
    let mut big_y = 0.0;
    for &r in sorted {
        big_y += w[r as usize] * y[r as usize];
    }
    // suffix sums of w y
    let mut out = vec![(0u32, 0.0); sorted.len()];
    let mut suffix = 0.0;
    for (i, &r) in sorted.iter().enumerate().rev() {
        suffix += w[r as usize] * y[r as usize];
        out[i].1 = suffix;
    }
    let mut cum = 0.0;
    for (i, &r) in sorted.iter().enumerate() {
        let ri = r as usize;
        cum += w[ri];
        let z =
            2.0 * (y[ri] * cum + out[i].1) / (n * big_y) - (g + 1.0) * (1.0 / n + y[ri] / big_y);
        out[i] = (r, 100.0 * w[ri] * z);
    }
    out
}

fn qsr_scores(sorted: &[u32], y: &[f64], w: &[f64], ratio: f64) -> Vec<(u32, f64)> {
    let q20 = weighted_quantile(sorted, y, w, 0.2, QuantileRule::Laeken);
    let q80 = weighted_quantile(sorted, y, w, 0.8, QuantileRule::Laeken);
    let mut s20 = 0.0;
    for &r in sorted {
        if y[r as usize] <= q20 {
            s20 += w[r as usize] * y[r as usize];
        }
    }
    let ds = |v: f64, q: f64, p: f64| {
        let ind = if v <= q { 1.0 } else { 0.0 };
        v * ind - q * (ind - p)
    };
    sorted
        .iter()
        .map(|&r| {
            let v = y[r as usize];
            let d20 = ds(v, q20, 0.2);
            let d80 = v - ds(v, q80, 0.8);
            (r, w[r as usize] * (d80 - ratio * d20) / s20)
        })
        .collect()
}
