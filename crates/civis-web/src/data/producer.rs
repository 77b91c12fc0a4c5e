//! Who produced a dataset and the wording its producer requires when a value is cited
//! ("Source: Eurostat (online data code: X)"): what the citations ([`crate::cite`]) and every
//! observation of the read model carry.

use super::DatasetView;

/// Who produced a dataset, as far as the citation is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Producer {
    /// A Eurostat table (`code` as Eurostat writes it online, lower case).
    Eurostat { code: String },
    /// A Eurostat table taken from a secondary compilation.
    EurostatVia { code: String, via: String },
    /// Civis's own estimate.
    Civis,
    /// Anyone else (named by the dataset's source).
    Other { name: String },
}

impl Producer {
    /// The producer of a dataset, from its source and name.
    pub fn of(ds: &DatasetView) -> Producer {
        let series = civis_store::series_of(&ds.name);
        let is_code = |c: &str| {
            !c.is_empty()
                && c.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        };
        if let Some(via) = ds.source.strip_prefix("Eurostat, via ") {
            let code = series.split('@').next().unwrap_or(series);
            if is_code(code) {
                return Producer::EurostatVia {
                    code: code.to_string(),
                    via: via.to_string(),
                };
            }
        }
        if (ds.source == "Eurostat" || ds.source.starts_with("Eurostat (")) && is_code(series) {
            return Producer::Eurostat {
                code: series.to_string(),
            };
        }
        if ds.source.starts_with("Civis") || ds.source.starts_with("emdi") {
            return Producer::Civis;
        }
        Producer::Other {
            name: ds.source.clone(),
        }
    }

    /// The author of the reference.
    pub fn author(&self) -> &str {
        match self {
            Producer::Eurostat { .. } | Producer::EurostatVia { .. } => "Eurostat",
            Producer::Civis => "Civis",
            Producer::Other { name } => name.split(',').next().unwrap_or(name).trim(),
        }
    }

    /// The Eurostat online data code, if any.
    pub fn code(&self) -> Option<&str> {
        match self {
            Producer::Eurostat { code } | Producer::EurostatVia { code, .. } => Some(code),
            _ => None,
        }
    }
}

/// The producer's required wording for the values of a dataset (see the module docs).
pub fn wording(ds: &DatasetView) -> String {
    match Producer::of(ds) {
        Producer::Eurostat { code } => format!("Source: Eurostat (online data code: {code})"),
        Producer::EurostatVia { code, via } => {
            format!("Source: Eurostat (online data code: {code}), via {via}")
        }
        Producer::Civis => {
            let mut w = format!("Civis, {} estimate: {}", ds.method, ds.source);
            if !ds.attribution.is_empty() {
                w.push_str(". ");
                w.push_str(&ds.attribution);
            }
            w
        }
        Producer::Other { name } if ds.attribution.is_empty() => format!("Source: {name}"),
        Producer::Other { .. } => ds.attribution.clone(),
    }
}
