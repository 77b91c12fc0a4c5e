//! The records the store keeps: an observation and the provenance of its dataset. Both the
//! dataset workflows ([`crate::observations`]) and the disclosure rules ([`crate::disclosure`])
//! work on them.

use civis_catalog::{Group, Method, UnitCode};
use serde::Serialize;

/// Where a dataset comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Provenance {
    /// Unique name of the dataset (e.g. the file stem, `lfsa_ergan`).
    pub name: String,
    /// The file it was imported from.
    pub file: String,
    /// Who produced it (e.g. `Eurostat`, `Civis from EU-SILC microdata`).
    pub source: String,
    pub method: Method,
    /// Data vintage (e.g. the download or reference date), free text.
    pub vintage: String,
    /// Attribution that must travel with the data.
    pub attribution: String,
    /// True for synthetic data (labelled as such wherever shown).
    pub synthetic: bool,
}

/// One observation.
///
/// Serialized as the portal publishes it (the portal's observation embeds it): the fields in
/// this order, without `extra` (part of the key in the store only) and without `model_share`
/// (published through the value's status).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Observation {
    pub indicator: String,
    pub geo: String,
    /// `citizenship` or `birth` (empty when not broken down by group).
    pub criterion: String,
    /// Target group (`TOTAL`, `NAT`, `NEU27_2020_FOR`), a gap (`NEU27_2020_FOR-NAT`) or a code
    /// no variant knows, kept as found.
    pub group: Group,
    pub sex: String,
    pub age: String,
    pub time: String,
    pub unit: UnitCode,
    /// Other dimensions of the source, `dim=code;dim=code`.
    #[serde(skip)]
    pub extra: String,
    pub estimate: Option<f64>,
    pub se: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub n: Option<i64>,
    pub flags: String,
    /// For a model-based estimate, the weight of the model in it, between 0 and 1: for the
    /// Fay-Herriot EBLUP `γ·direct + (1 − γ)·synthetic` it is `1 − γ`, with
    /// `γ = σ²_u / (σ²_u + ψ)` (Rao & Molina 2015, 6.1). None for direct and official values.
    #[serde(skip)]
    pub model_share: Option<f64>,
}

impl Observation {
    /// The columns that identify an observation within its dataset.
    pub(crate) fn key(&self) -> (&Group, &UnitCode, [&str; 7]) {
        (
            &self.group,
            &self.unit,
            [
                &self.indicator,
                &self.geo,
                &self.criterion,
                &self.sex,
                &self.age,
                &self.time,
                &self.extra,
            ],
        )
    }
}
