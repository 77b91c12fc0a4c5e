//! The portal's bridge to `civis-compare`: observations become [`Estimate`]s, results become
//! words the pages print. The statistics (tests, Holm adjustment, rank intervals, peers) live in
//! `civis-compare`; this module only adapts.

use civis_compare::{
    bootstrap_ranks, difference, versus_reference, Bootstrap, Estimate, RankOptions, Reference,
    Verdict,
};
use serde::Serialize;

use crate::data::Obs;

/// Confidence level of every interval and test on the portal.
pub const LEVEL: f64 = 0.95;

/// An observation as an estimate: suppressed or missing values are unavailable, an official
/// figure without standard error is an estimate without one.
pub fn estimate(o: &Obs) -> Estimate {
    match (o.stored.estimate, o.stored.se) {
        (Some(v), Some(s)) if s.is_finite() && s >= 0.0 => Estimate::new(v, s),
        (Some(v), _) => Estimate::without_se(v),
        (None, _) => Estimate::suppressed(),
    }
}

/// A verdict in the words of the pages.
pub fn verdict_word(v: Verdict) -> &'static str {
    match v {
        Verdict::SignificantlyHigher => "higher",
        Verdict::SignificantlyLower => "lower",
        Verdict::NotSignificant => "not significant",
        Verdict::Unknown => "unknown",
    }
}

/// 95 % rank intervals of areas (in the order given), rank 1 = best; `None` for areas without
/// a value, and for all when any value has no standard error. Parametric bootstrap with 1,000 seeded replicates (deterministic).
pub fn rank_intervals(obs: &[&Obs], higher_is_better: bool) -> Vec<Option<(usize, usize)>> {
    // Without standard errors (official figures) there is no sampling uncertainty to rank
    // with: no intervals rather than degenerate ones.
    if obs
        .iter()
        .any(|o| o.stored.estimate.is_some() && o.stored.se.is_none())
    {
        return vec![None; obs.len()];
    }
    let est: Vec<Estimate> = obs.iter().map(|o| estimate(o)).collect();
    let options = RankOptions {
        higher_is_better,
        level: LEVEL,
    };
    let mut out = vec![None; obs.len()];
    if let Ok(table) = bootstrap_ranks(&est, &options, Bootstrap::default()) {
        for a in &table.areas {
            out[a.area] = Some((a.lower, a.upper));
        }
    }
    out
}

/// An area against a reference value (country or EU): `higher`, `lower`, `not significant`, or
/// `unknown` when either has no standard error. The reference contains the area, so treating
/// them as independent is conservative for small areas (documented on the methodology page).
pub fn versus(o: &Obs, reference: Option<&Obs>) -> &'static str {
    let Some(r) = reference else {
        return "unknown";
    };
    match difference(estimate(o), estimate(r), 0.0, LEVEL) {
        Ok(d) => verdict_word(d.verdict),
        Err(_) => "unknown",
    }
}

/// A test of one area against the first area of a comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// This area minus the first.
    pub difference: Option<f64>,
    pub ci: Option<(f64, f64)>,
    /// Holm-adjusted p-value.
    pub p_value: Option<f64>,
    pub verdict: &'static str,
}

/// Each value against the first one (independent areas), Holm-adjusted; `None` for the first
/// area and for missing values.
pub fn against_first(values: &[Option<&Obs>]) -> Vec<Option<Comparison>> {
    let mut out = vec![None; values.len()];
    let Some(Some(_)) = values.first() else {
        return out;
    };
    let est: Vec<Estimate> = values
        .iter()
        .map(|v| v.map(estimate).unwrap_or_else(Estimate::suppressed))
        .collect();
    if let Ok(comps) = versus_reference(&est, Reference::Area(0), LEVEL) {
        for c in comps {
            if values[c.a].is_none() {
                continue;
            }
            let d = c.difference;
            out[c.a] = Some(Comparison {
                difference: d.estimate.is_finite().then_some(d.estimate),
                ci: d.ci,
                p_value: c.p_adjusted,
                verdict: verdict_word(c.verdict),
            });
        }
    }
    out
}
