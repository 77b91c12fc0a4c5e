//! Disclosure (publication) rules for direct survey estimates, per source.
//!
//! The thresholds are data (`crates/civis-catalog/data/disclosure.toml`, embedded; [`DisclosureRules::parse`] reads
//! another file of the same shape). They are applied when a dataset is stored ([`crate::
//! observations::import`]) and again by the portal when it loads the store, so that a value that
//! reached the database some other way is still never served:
//!
//! - **EU-SILC** (Commission Regulation (EC) No 1982/2003): fewer than 20 sample observations:
//!   not published; 20-49: published with the flag `u`.
//! - **CV rules**: coefficient of variation `se / |estimate|` above `cv_suppress`: not published;
//!   above `cv_flag`: flag `u`.
//!
//! A suppressed cell keeps its row with no estimate, standard error or interval and the flag `u`
//! (Eurostat's `: u`). A gap between two groups (`A-B`, `A/B`) is suppressed when either group
//! is, and flagged when either is flagged (domain.md 1.7).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::record::{Observation, Provenance};
use crate::StoreError;
use crate::{Group, Method};

/// The shipped rules (`crates/civis-catalog/data/disclosure.toml`).
pub const SHIPPED: &str = civis_catalog::DISCLOSURE_TOML;

/// What a rule decides for one cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Disclosure {
    Publish,
    /// Published with the flag `u` (low reliability).
    Flag,
    /// Not published.
    Suppress,
}

/// The thresholds of one source.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRule {
    pub id: String,
    pub name: String,
    /// Words that identify the source in a dataset's name or source text.
    #[serde(rename = "match")]
    pub match_words: Vec<String>,
    /// Fewer sample observations than this: suppressed.
    pub suppress_below: Option<i64>,
    /// Fewer sample observations than this: flag `u`.
    pub flag_below: Option<i64>,
    /// CV above this: suppressed.
    pub cv_suppress: Option<f64>,
    /// CV above this: flag `u`.
    pub cv_flag: Option<f64>,
    /// Where the rule comes from.
    pub basis: String,
}

impl SourceRule {
    /// The decision for a cell with `n` sample observations, `estimate` and standard error `se`.
    /// A count rule without `n` or a CV rule without estimate or standard error does not apply.
    pub fn judge(&self, n: Option<i64>, estimate: Option<f64>, se: Option<f64>) -> Disclosure {
        let mut d = Disclosure::Publish;
        if let Some(n) = n {
            if self.suppress_below.is_some_and(|t| n < t) {
                return Disclosure::Suppress;
            }
            if self.flag_below.is_some_and(|t| n < t) {
                d = Disclosure::Flag;
            }
        }
        if let (Some(e), Some(s)) = (estimate, se) {
            let cv = (s / e.abs()).abs();
            if !cv.is_nan() {
                if self.cv_suppress.is_some_and(|t| cv > t) {
                    return Disclosure::Suppress;
                }
                if self.cv_flag.is_some_and(|t| cv > t) {
                    d = Disclosure::Flag;
                }
            }
        }
        d
    }

    /// The smallest `n` that may be published, if the rule counts observations.
    pub fn min_n(&self) -> Option<i64> {
        self.suppress_below
    }
}

/// Every source's rule and the default for sources without one.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisclosureRules {
    pub version: String,
    /// The `id` of the rule for direct datasets that match no source.
    pub default: String,
    pub source: Vec<SourceRule>,
}

impl DisclosureRules {
    /// Reads rules in the format of `crates/civis-catalog/data/disclosure.toml`; `file` names the input in errors.
    pub fn parse(text: &str, file: &str) -> Result<DisclosureRules, StoreError> {
        let rules: DisclosureRules = toml::from_str(text)
            .map_err(|e| StoreError::Invalid(format!("{file}: {}", e.to_string().trim())))?;
        if !rules.source.iter().any(|s| s.id == rules.default) {
            return Err(StoreError::Invalid(format!(
                "{file}: `default = \"{}\"` names no [[source]]",
                rules.default
            )));
        }
        for s in &rules.source {
            let bad_n = |v: Option<i64>| v.is_some_and(|t| t < 0);
            let bad_cv = |v: Option<f64>| v.is_some_and(|t| !(t.is_finite() && t > 0.0));
            if bad_n(s.suppress_below) || bad_n(s.flag_below) {
                return Err(StoreError::Invalid(format!(
                    "{file}: source `{}`: observation thresholds must be 0 or more",
                    s.id
                )));
            }
            if bad_cv(s.cv_suppress) || bad_cv(s.cv_flag) {
                return Err(StoreError::Invalid(format!(
                    "{file}: source `{}`: CV thresholds must be positive numbers",
                    s.id
                )));
            }
        }
        Ok(rules)
    }

    /// The shipped rules, parsed once.
    pub fn shipped() -> &'static DisclosureRules {
        static RULES: OnceLock<DisclosureRules> = OnceLock::new();
        RULES.get_or_init(|| {
            DisclosureRules::parse(SHIPPED, "crates/civis-catalog/data/disclosure.toml")
                .expect("the shipped disclosure.toml is valid (tested)")
        })
    }

    /// The rule for a dataset: the first source whose words occur in its name or source text,
    /// else the default.
    pub fn for_dataset(&self, p: &Provenance) -> &SourceRule {
        let text = format!("{} {}", p.name, p.source).to_lowercase();
        self.source
            .iter()
            .find(|s| {
                s.match_words
                    .iter()
                    .any(|w| !w.is_empty() && text.contains(&w.to_lowercase()))
            })
            .or_else(|| self.source.iter().find(|s| s.id == self.default))
            .unwrap_or(&self.source[0])
    }

    /// Applies the dataset's rule to its observations (direct datasets only; see the module
    /// documentation): suppressed cells lose estimate, standard error and interval and get the
    /// flag `u`, flagged cells get the flag `u`, gaps follow their groups. Returns how many cells
    /// were suppressed.
    pub fn apply(&self, p: &Provenance, observations: &mut [Observation]) -> usize {
        if p.method != Method::Direct {
            return 0;
        }
        let rule = self.for_dataset(p);
        let mut decision: Vec<Disclosure> = observations
            .iter()
            .map(|o| {
                if o.estimate.is_none() && o.flags.contains('u') {
                    Disclosure::Suppress
                } else if o.group.is_gap() {
                    // judged by its two groups (below): a gap near 0 has no meaningful CV
                    Disclosure::Publish
                } else {
                    rule.judge(o.n, o.estimate, o.se)
                }
            })
            .collect();
        inherit_for_gaps(observations, &mut decision);
        let mut suppressed = 0;
        for (o, d) in observations.iter_mut().zip(decision) {
            match d {
                Disclosure::Publish => {}
                Disclosure::Flag => add_u(&mut o.flags),
                Disclosure::Suppress => {
                    suppressed += 1;
                    o.estimate = None;
                    o.se = None;
                    o.ci_low = None;
                    o.ci_high = None;
                    add_u(&mut o.flags);
                }
            }
        }
        suppressed
    }
}

fn add_u(flags: &mut String) {
    if !flags.contains('u') {
        flags.push('u');
    }
}

/// A gap `A-B` or `A/B` takes the stricter decision of itself and its two groups.
fn inherit_for_gaps(obs: &[Observation], decision: &mut [Disclosure]) {
    type Key<'a> = (
        &'a str,
        &'a str,
        &'a str,
        &'a Group,
        &'a str,
        &'a str,
        &'a str,
    );
    let mut index: HashMap<Key<'_>, usize> = HashMap::new();
    for (i, o) in obs.iter().enumerate() {
        index.insert(
            (
                &o.indicator,
                &o.geo,
                &o.criterion,
                &o.group,
                &o.sex,
                &o.age,
                &o.time,
            ),
            i,
        );
    }
    for (i, o) in obs.iter().enumerate() {
        let Some((a, b)) = o.group.parts() else {
            continue;
        };
        for part in [&a, &b] {
            let k = (
                o.indicator.as_str(),
                o.geo.as_str(),
                o.criterion.as_str(),
                part,
                o.sex.as_str(),
                o.age.as_str(),
                o.time.as_str(),
            );
            if let Some(&j) = index.get(&k) {
                decision[i] = decision[i].max(decision[j]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prov(name: &str, source: &str, method: Method) -> Provenance {
        Provenance {
            name: name.into(),
            file: String::new(),
            source: source.into(),
            method,
            vintage: String::new(),
            attribution: String::new(),
            synthetic: true,
        }
    }

    fn cell(group: &str, n: i64, est: f64, se: f64) -> Observation {
        Observation {
            indicator: "arop_rate".into(),
            geo: "AT13".into(),
            criterion: "citizenship".into(),
            group: group.into(),
            time: "2006".into(),
            estimate: Some(est),
            se: Some(se),
            ci_low: Some(est - 2.0 * se),
            ci_high: Some(est + 2.0 * se),
            n: Some(n),
            ..Default::default()
        }
    }

    #[test]
    fn the_shipped_rules_parse_and_pick_sources() {
        let r = DisclosureRules::shipped();
        let silc = r.for_dataset(&prov("eusilc_at_regions", "laeken eusilc", Method::Direct));
        assert_eq!((silc.id.as_str(), silc.min_n()), ("eu-silc", Some(20)));
        let other = r.for_dataset(&prov("city_survey", "Vienna survey", Method::Direct));
        assert_eq!(other.id, "other");
        assert!(DisclosureRules::parse(
            "version = \"x\"\ndefault = \"nope\"\nsource = []",
            "f.toml"
        )
        .is_err());
        let e = DisclosureRules::parse("version = 1", "f.toml").unwrap_err();
        assert!(e.to_string().contains("f.toml"), "{e}");
    }

    #[test]
    fn silc_counts_suppress_flag_and_gaps_inherit() {
        let r = DisclosureRules::shipped();
        let p = prov("eusilc_at_regions", "EU-SILC", Method::Direct);
        let mut obs = vec![
            cell("NAT", 400, 12.0, 1.0),
            cell("EU27_2020_FOR", 19, 20.0, 5.0),
            cell("NEU27_2020_FOR", 20, 25.0, 5.0),
            cell("EU27_2020_FOR-NAT", 419, 8.0, 5.0),
            cell("NEU27_2020_FOR-NAT", 420, 13.0, 5.0),
        ];
        assert_eq!(r.apply(&p, &mut obs), 2);
        assert_eq!((obs[0].estimate, obs[0].flags.as_str()), (Some(12.0), ""));
        assert_eq!(
            (obs[1].estimate, obs[1].ci_low, obs[1].flags.as_str()),
            (None, None, "u")
        );
        assert_eq!((obs[2].estimate, obs[2].flags.as_str()), (Some(25.0), "u"));
        assert_eq!((obs[3].estimate, obs[3].flags.as_str()), (None, "u"));
        assert_eq!((obs[4].estimate, obs[4].flags.as_str()), (Some(13.0), "u"));
        // model-based and official datasets are left as they are
        let mut m = vec![cell("NAT", 3, 12.0, 1.0)];
        assert_eq!(
            r.apply(&prov("fh", "EU-SILC", Method::ModelBased), &mut m),
            0
        );
        assert_eq!(m[0].estimate, Some(12.0));
    }

    #[test]
    fn cv_rules_judge_the_coefficient_of_variation() {
        let r = DisclosureRules::shipped();
        let other = r.for_dataset(&prov("x", "y", Method::Direct));
        assert_eq!(
            other.judge(Some(500), Some(10.0), Some(1.0)),
            Disclosure::Publish
        );
        assert_eq!(
            other.judge(Some(500), Some(10.0), Some(2.0)),
            Disclosure::Flag
        );
        assert_eq!(
            other.judge(Some(500), Some(10.0), Some(4.0)),
            Disclosure::Suppress
        );
        assert_eq!(other.judge(None, None, None), Disclosure::Publish);
    }
}
