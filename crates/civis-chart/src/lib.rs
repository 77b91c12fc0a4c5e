//! # civis-chart: accessible SVG charts and maps that show uncertainty
//!
//! Server-side rendering for the portal: every function takes plain values and returns a
//! [`Chart`], an `<svg>` element as a string plus a plain-text alternative that states every
//! number with its 95 % confidence interval and its status. No scripts, no fonts to fetch, no
//! dependencies beyond the catalogue's map layers.
//!
//! ## The model
//! Every value is a [`Point`]: an estimate (`Option<f64>`), its 95 % interval and a [`Status`].
//! The status decides what is drawn, the same way in every chart:
//!
//! | status | drawn as | in words |
//! |---|---|---|
//! | reliable | solid dot + whisker / band | `61.2 % (95 % CI 57.0 to 65.4)` |
//! | low reliability | hollow grey dot, dashed whisker, letter `u`; hatched on maps | `…, low reliability (u)` |
//! | model-based | dot + badge `M` | `…, model-based estimate (M), 62 % from the model` |
//! | official | dot without interval | `…, official figure without confidence interval` |
//! | suppressed | the text `:` (no mark anywhere, never a zero); dotted grey on maps | `suppressed (:)` |
//! | no estimate | the text `no data`; light grey on maps | `no data` |
//!
//! A suppressed estimate is never drawn nor written, even if one was passed ([`Point::shown`]).
//!
//! ## Charts
//! - [`ranking`]: areas sorted by estimate, dots with 95 % whiskers, optional rank ranges
//!   ("rank 3 (2–6)") and a labelled reference line (country or EU value);
//! - [`gap`]: for one area, each group next to the reference group and the gap (group minus
//!   reference) with its interval, "significant at 95 %" when the interval excludes zero;
//! - [`time_series`]: lines with 95 % bands over periods, broken where a period has no
//!   publishable value; [`sparkline`] is its word-sized variant for table cells;
//! - [`choropleth`]: a [`civis_geo::MapLayer`] coloured by quantile or given classes,
//!   hatched for low reliability, legend, per-area titles, optional links, inset frames, and
//!   the layer's attribution always drawn;
//! - [`cv_against_n`]: CV against sample size on a logarithmic axis with the reliability
//!   thresholds as labelled lines.
//!
//! Numbers are written by [`NumberFormat`] from the indicator's [`civis_catalog::Unit`]:
//! `61.2 %`, `21 430 €`, gaps in `pp`. Every function returns [`ChartError`] for input it cannot
//! draw honestly (NaN, reversed intervals, unknown map codes or periods, a chart id that is not
//! an XML name).
//!
//! ## Accessibility
//! Each `<svg>` has `role="img"` (`role="group"` for maps with links, so the links stay
//! reachable), `aria-labelledby` a `<title>` (the [`ChartInfo::title`]) and `aria-describedby`
//! a `<desc>` holding the alt text; everything scales with its `viewBox`; every user text is
//! XML-escaped. Colours: text `#222` on a white background rect (15.9:1), marks `#08519c`
//! (7.7:1), the focus area `#b35806` (4.6:1) and additionally a bold label or a thick
//! outline, low reliability `#767676` (4.5:1) and additionally hollow/dashed/hatched and the
//! letter `u` — no information is carried by colour alone. Maps use viridis (light yellow = low
//! to dark purple = high; see [`scale::sequential`]), which stays ordered in greyscale and for
//! every common colour-vision deficiency.
//!
//! ## Styling from the host page
//! Presentation attributes give the default look; CSS rules override them. Classes:
//! `civis-chart` (root) plus `civis-ranking`, `civis-gap`, `civis-time-series`,
//! `civis-choropleth`, `civis-precision`, `civis-sparkline`; then `civis-background`,
//! `civis-axis`, `civis-grid`, `civis-tick`, `civis-label`, `civis-value`, `civis-row`,
//! `civis-series`, `civis-estimate`, `civis-ci`, `civis-band`, `civis-line`, `civis-reference`,
//! `civis-threshold`, `civis-zero`, `civis-flag`, `civis-badge`, `civis-key`, `civis-focus`,
//! `civis-low-reliability`, `civis-suppressed`, `civis-no-data`, `civis-rank`,
//! `civis-significant`, `civis-not-significant`, `civis-legend`, `civis-area`,
//! `civis-area-link`, `civis-hatch`, `civis-dots`, `civis-inset`, `civis-attribution`.
//! The host page must give the `<svg>` a width (`svg.civis-chart { width: 100%; height: auto }`)
//! and links on maps a visible focus style, e.g.
//! `.civis-area-link:focus-visible .civis-area { stroke: #000; stroke-width: 3; }`.
//!
//! ## Example
//! ```
//! use civis_catalog::Unit;
//! use civis_chart::{ranking, ChartInfo, NumberFormat, Point, RankingOptions, Reference, Status};
//!
//! let rows = vec![
//!     Point::new("Wien", 61.2, Some((57.0, 65.4)))
//!         .with_status(Status::LowReliability)
//!         .highlighted()
//!         .into(),
//!     Point::new("Graz", 55.0, Some((52.1, 57.9))).into(),
//!     Point::suppressed("Rust").into(),
//! ];
//! let chart = ranking(
//!     &rows,
//!     &RankingOptions {
//!         info: ChartInfo::new("employment-rank", "Employment rate, non-EU citizens, 2023"),
//!         format: NumberFormat::new(Unit::Percent),
//!         reference: Some(Reference { label: "Austria".into(), value: 58.0 }),
//!         descending: true,
//!     },
//! )?;
//! assert!(chart.svg.starts_with("<svg"));
//! assert!(chart
//!     .alt_text
//!     .replace('\u{a0}', " ")
//!     .contains("Wien (focus area): 61.2 % (95 % CI 57.0 to 65.4), low reliability (u)"));
//! # Ok::<(), civis_chart::ChartError>(())
//! ```

mod error;
pub mod format;
mod gap;
mod labels;
mod map;
mod point;
mod precision;
mod ranking;
pub mod scale;
mod sparkline;
mod svg;
mod time_series;

pub use error::ChartError;
pub use format::{NumberFormat, Numerals, UnitWords};
pub use gap::{gap, Gap, GapGroup, GapOptions};
pub use labels::{count_in_english, fill, AltWords, CountWords, Counted, Labels};
pub use map::{choropleth, ChoroplethOptions};
pub use point::{Point, Shown, Status};
pub use precision::{cv_against_n, PrecisionOptions, SampleCv, Threshold};
pub use ranking::{ranking, RankInterval, RankingOptions, RankingRow, Reference};
pub use scale::{Breaks, Classes};
pub use sparkline::sparkline;
pub use svg::{Chart, ChartInfo};
pub use time_series::{time_series, Series, TimeSeriesOptions};
