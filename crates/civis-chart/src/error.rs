//! What can be wrong with the input of a chart.

/// An input a chart cannot draw honestly. Every variant names the offending label or code.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ChartError {
    /// The chart id is used for element ids inside the page, so it must be a valid XML name.
    #[error("chart id `{0}` is not usable as an element id: use ASCII letters, digits, `-` and `_`, starting with a letter")]
    BadId(String),
    /// An estimate, a bound, a CV or a break is NaN or infinite.
    #[error("{label}: {what} {value} is not a finite number")]
    NotFinite {
        label: String,
        what: &'static str,
        value: f64,
    },
    /// A confidence interval whose lower end lies above its upper end.
    #[error(
        "{label}: the confidence interval {lower} to {upper} has its lower end above its upper end"
    )]
    ReversedInterval {
        label: String,
        lower: f64,
        upper: f64,
    },
    /// A model share outside 0..=1.
    #[error(
        "{label}: the model share {share} must lie between 0 and 1 (a fraction, not a percentage)"
    )]
    BadModelShare { label: String, share: f64 },
    /// A value keyed by a code that the map layer does not draw.
    #[error(
        "value for `{id}`, but the map layer has no such area (wrong NUTS level or code list?)"
    )]
    UnknownFeature { id: String },
    /// A series point whose period is not on the time axis.
    #[error("series `{series}` has a value for period `{period}`, which is not among the chart's periods")]
    UnknownPeriod { series: String, period: String },
    /// A series with two values for the same period.
    #[error("series `{series}` has two values for period `{period}`")]
    DuplicatePeriod { series: String, period: String },
    /// A sample size of zero cannot go on a logarithmic axis (and has no CV).
    #[error("{label}: the sample size is 0; leave the group out or give its real size")]
    ZeroSample { label: String },
    /// Class breaks that are not strictly increasing.
    #[error("class breaks {0:?} must be strictly increasing")]
    UnorderedBreaks(Vec<f64>),
    /// A class count the palette does not provide.
    #[error("{0} classes requested; the palette provides 2 to 9")]
    ClassCount(usize),
}
