//! What a published value is: how it was produced ([`Method`]) and how far it can be trusted
//! ([`Status`]). One vocabulary from the store to the charts and the pages.

use std::fmt;

use serde::Serialize;

/// How a value was produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    /// A design-based estimate from survey microdata.
    Direct,
    /// A small area (model-based) estimate.
    ModelBased,
    /// A figure published by a statistical office (e.g. a Eurostat table).
    Official,
}

impl Method {
    pub const ALL: [Method; 3] = [Method::Direct, Method::ModelBased, Method::Official];

    pub fn code(&self) -> &'static str {
        match self {
            Method::Direct => "direct",
            Method::ModelBased => "model-based",
            Method::Official => "official",
        }
    }

    /// The method of a code (`model` is accepted for `model-based`); `None` for any other code.
    pub fn from_code(code: &str) -> Option<Method> {
        match code {
            "model" => Some(Method::ModelBased),
            _ => Method::ALL.into_iter().find(|m| m.code() == code),
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Method {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// How far a value can be trusted and how it may be published, derived once from its flags,
/// method and estimate (Eurostat flag `u` = low reliability, `c` / `CONF_STATUS` = confidential).
/// Serialized as `{"status": "model_based", "model_share": 0.62}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Status {
    /// No value: not available (`:`), never shown as zero.
    Missing,
    /// Not publishable (confidentiality, too few observations; flag `c` / `CONF_STATUS`). Drawn
    /// as ":" and the word "suppressed"; an estimate or interval, if any, is never drawn or
    /// written.
    Suppressed,
    /// Published with Eurostat flag `u` (low reliability): drawn greyed or hatched, with the
    /// letter next to it.
    LowReliability,
    /// A small area (model-based) estimate. `model_share` is the weight of the model in the
    /// composite estimate, 1 − γ for Fay-Herriot, between 0 and 1 (Rao & Molina 2015, 6.1).
    /// Drawn with an "M" badge.
    ModelBased { model_share: Option<f64> },
    /// A figure published by a statistical office, without a confidence interval.
    Official,
    /// A direct estimate that passed its reliability rule.
    Reliable,
}

impl Status {
    /// The short label used in tables and legends.
    pub fn label(&self) -> &'static str {
        match self {
            Status::Missing => "not available",
            Status::Suppressed => "suppressed",
            Status::LowReliability => "low reliability",
            Status::ModelBased { .. } => "model-based",
            Status::Official => "official",
            Status::Reliable => "reliable",
        }
    }

    /// Whether a value may be drawn.
    pub fn shows_value(&self) -> bool {
        !matches!(self, Status::Missing | Status::Suppressed)
    }

    /// The Eurostat flag letter drawn next to the value, if any.
    pub fn flag(&self) -> Option<char> {
        match self {
            Status::LowReliability => Some('u'),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_codes_round_trip() {
        for m in Method::ALL {
            assert_eq!(Method::from_code(m.code()), Some(m));
        }
        assert_eq!(Method::from_code("model"), Some(Method::ModelBased));
        assert_eq!(Method::from_code("guess"), None);
    }

    #[test]
    fn status_serializes_as_the_api_documents() {
        let s = serde_json::to_value(Status::ModelBased {
            model_share: Some(0.5),
        })
        .unwrap();
        assert_eq!(
            s,
            serde_json::json!({"status": "model_based", "model_share": 0.5})
        );
        let s = serde_json::to_value(Status::LowReliability).unwrap();
        assert_eq!(s, serde_json::json!({"status": "low_reliability"}));
    }
}
