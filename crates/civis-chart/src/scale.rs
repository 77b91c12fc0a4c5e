//! From data to drawing: linear and logarithmic axes with readable ticks, class breaks and the
//! sequential palette of the maps.

use crate::error::ChartError;

/// A linear map from a data interval to a pixel interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Linear {
    domain: (f64, f64),
    range: (f64, f64),
}

impl Linear {
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Linear {
        Linear { domain, range }
    }

    /// The pixel position of a value.
    pub fn map(&self, v: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        if d1 == d0 {
            return (r0 + r1) / 2.0;
        }
        r0 + (v - d0) / (d1 - d0) * (r1 - r0)
    }
}

/// A base-10 logarithmic map (sample sizes).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Log10 {
    inner: Linear,
}

impl Log10 {
    /// `domain` must be positive.
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Log10 {
        Log10 {
            inner: Linear::new((domain.0.log10(), domain.1.log10()), range),
        }
    }

    pub fn map(&self, v: f64) -> f64 {
        self.inner.map(v.log10())
    }
}

/// Ticks of an axis and the decimals they need.
#[derive(Debug, Clone, PartialEq)]
pub struct Ticks {
    pub values: Vec<f64>,
    pub decimals: usize,
}

impl Ticks {
    /// The axis domain: first to last tick.
    pub fn domain(&self) -> (f64, f64) {
        (self.values[0], self.values[self.values.len() - 1])
    }
}

/// About `count` round ticks (steps 1, 2 or 5 × 10^k) whose first tick is at or below `lo` and
/// last at or above `hi`.
pub fn nice_ticks(lo: f64, hi: f64, count: usize) -> Ticks {
    let (lo, hi) = if hi > lo {
        (lo, hi)
    } else {
        let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
        (lo - pad, hi + pad)
    };
    let raw = (hi - lo) / count.max(1) as f64;
    let mut exp = raw.log10().floor() as i32;
    let mut mult = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .find(|m| m * 10f64.powi(exp) >= raw)
        .unwrap_or(10.0);
    if mult == 10.0 {
        (mult, exp) = (1.0, exp + 1);
    }
    // i · mult · 10^exp, divided rather than multiplied by a negative power so that 0.3 is 0.3.
    let at = |i: i64| {
        if exp < 0 {
            i as f64 * mult / 10f64.powi(-exp)
        } else {
            i as f64 * mult * 10f64.powi(exp)
        }
    };
    let step = at(1);
    let start = (lo / step).floor() as i64;
    let end = (hi / step).ceil() as i64;
    let values = (start..=end).map(at).collect();
    let decimals = (-exp).max(0) as usize;
    Ticks { values, decimals }
}

/// Ticks for a logarithmic axis covering `lo..=hi` (both positive): 1, 2, 5 × 10^k, or only
/// powers of ten when more than three decades are covered; the first tick is at or below `lo`
/// and the last at or above `hi`.
pub fn log_ticks(lo: f64, hi: f64) -> Ticks {
    let a = lo.log10().floor() as i32;
    let b = (hi.log10().ceil() as i32).max(a + 1);
    let mults: &[f64] = if b - a > 3 { &[1.0] } else { &[1.0, 2.0, 5.0] };
    let mut all = Vec::new();
    for k in a..b {
        for m in mults {
            all.push(m * 10f64.powi(k));
        }
    }
    all.push(10f64.powi(b));
    // From the last tick at or below `lo` to the first at or above `hi`.
    let first = all
        .iter()
        .rposition(|&t| t <= lo * (1.0 + 1e-9))
        .unwrap_or(0);
    let last = all
        .iter()
        .position(|&t| t >= hi * (1.0 - 1e-9))
        .unwrap_or(all.len() - 1);
    let values = all[first..=last.max(first + 1).min(all.len() - 1)].to_vec();
    let decimals = (-values[0].log10().floor()).max(0.0) as usize;
    Ticks { values, decimals }
}

/// How the classes of a choropleth are formed.
#[derive(Debug, Clone, PartialEq)]
pub enum Breaks {
    /// `k` classes with about the same number of areas each (quantiles of the drawn values,
    /// rounded to the displayed precision; tied quantiles merge classes).
    Quantile(usize),
    /// Fixed thresholds between classes, strictly increasing: `[45.0, 50.0]` makes the classes
    /// under 45, 45 to under 50, 50 and over. Keeps legends comparable across maps.
    Given(Vec<f64>),
}

/// Classes of values: `thresholds[i]` is the lower end of class `i + 1`; class 0 is open below
/// and the last class open above, so every value has a class.
#[derive(Debug, Clone, PartialEq)]
pub struct Classes {
    pub thresholds: Vec<f64>,
}

impl Classes {
    /// Classes for the drawn `values`; `decimals` is the display precision quantiles are
    /// rounded to, so that a value never appears to lie in the wrong class.
    pub fn new(values: &[f64], breaks: &Breaks, decimals: usize) -> Result<Classes, ChartError> {
        let thresholds = match breaks {
            Breaks::Given(b) => {
                if let Some(v) = b.iter().find(|v| !v.is_finite()) {
                    return Err(ChartError::NotFinite {
                        label: "class breaks".to_owned(),
                        what: "a break",
                        value: *v,
                    });
                }
                if b.windows(2).any(|w| w[0] >= w[1]) {
                    return Err(ChartError::UnorderedBreaks(b.clone()));
                }
                if !(2..=MAX_CLASSES).contains(&(b.len() + 1)) {
                    return Err(ChartError::ClassCount(b.len() + 1));
                }
                b.clone()
            }
            Breaks::Quantile(k) => {
                if !(2..=MAX_CLASSES).contains(k) {
                    return Err(ChartError::ClassCount(*k));
                }
                let mut sorted = values.to_vec();
                sorted.sort_by(f64::total_cmp);
                let mut t: Vec<f64> = Vec::new();
                if let (Some(&min), false) = (sorted.first(), sorted.len() < 2) {
                    for j in 1..*k {
                        let q = round_break(quantile(&sorted, j as f64 / *k as f64), decimals);
                        if q > min && t.last().is_none_or(|&l| q > l) {
                            t.push(q);
                        }
                    }
                }
                t
            }
        };
        Ok(Classes { thresholds })
    }

    /// The number of classes.
    pub fn len(&self) -> usize {
        self.thresholds.len() + 1
    }

    /// Always false: there is at least one class.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The class of a value.
    pub fn class_of(&self, v: f64) -> usize {
        self.thresholds.iter().take_while(|&&t| v >= t).count()
    }

    /// The bounds of class `i`: (lower, upper), `None` where the class is open.
    pub fn bounds(&self, i: usize) -> (Option<f64>, Option<f64>) {
        let lower = i.checked_sub(1).map(|j| self.thresholds[j]);
        let upper = self.thresholds.get(i).copied();
        (lower, upper)
    }

    /// The fill colour of each class, light (low) to dark (high).
    pub fn colours(&self) -> Vec<String> {
        sequential(self.len())
    }
}

/// A quantile rounded to three significant digits, and not finer than the displayed
/// `decimals`: 13 218 € becomes 13 200 €, 61.234 % becomes 61.2 %.
fn round_break(q: f64, decimals: usize) -> f64 {
    if q == 0.0 {
        return 0.0;
    }
    let magnitude = q.abs().log10().floor() as i32;
    let dec = (2 - magnitude).min(decimals as i32);
    if dec >= 0 {
        let s = 10f64.powi(dec);
        (q * s).round() / s
    } else {
        let s = 10f64.powi(-dec);
        (q / s).round() * s
    }
}

/// The most classes a map may have: more cannot be told apart.
pub const MAX_CLASSES: usize = 9;

/// Type-7 quantile (R's default) of sorted values.
fn quantile(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let (i, frac) = (h.floor() as usize, h - h.floor());
    match sorted.get(i + 1) {
        Some(next) => sorted[i] + frac * (next - sorted[i]),
        None => sorted[i],
    }
}

/// Viridis (van der Walt & Smith, matplotlib) at nine evenly spaced stops, dark to light.
const VIRIDIS: [[u8; 3]; 9] = [
    [0x44, 0x01, 0x54],
    [0x47, 0x2d, 0x7b],
    [0x3b, 0x52, 0x8b],
    [0x2c, 0x72, 0x8e],
    [0x21, 0x91, 0x8c],
    [0x28, 0xae, 0x80],
    [0x5e, 0xc9, 0x62],
    [0xad, 0xdc, 0x30],
    [0xfd, 0xe7, 0x25],
];

/// `k` colours of the viridis palette from light yellow (lowest class) to dark purple (highest
/// class), interpolated in RGB between the stops. Viridis is perceptually uniform, ordered in
/// lightness (readable in greyscale) and distinguishable with every common colour-vision
/// deficiency; it has no grey, so "no data" and "suppressed" greys cannot be mistaken for a class.
pub fn sequential(k: usize) -> Vec<String> {
    (0..k)
        .map(|i| {
            let t = if k <= 1 {
                0.5
            } else {
                i as f64 / (k - 1) as f64
            };
            // t = 0 is the light end.
            let pos = (1.0 - t) * (VIRIDIS.len() - 1) as f64;
            let j = (pos.floor() as usize).min(VIRIDIS.len() - 2);
            let f = pos - j as f64;
            let c: Vec<u8> = (0..3)
                .map(|ch| {
                    let a = f64::from(VIRIDIS[j][ch]);
                    let b = f64::from(VIRIDIS[j + 1][ch]);
                    (a + f * (b - a)).round() as u8
                })
                .collect();
            format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_data() {
        let t = nice_ticks(41.3, 67.8, 5);
        assert_eq!(t.values, vec![40.0, 50.0, 60.0, 70.0]);
        assert_eq!(t.decimals, 0);
        let t = nice_ticks(0.12, 0.31, 4);
        assert_eq!(t.values, vec![0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
        assert_eq!(t.decimals, 2);
        let t = nice_ticks(5.0, 5.0, 4);
        assert!(t.values[0] <= 5.0 && *t.values.last().unwrap() >= 5.0);
    }

    #[test]
    fn log_ticks_span_whole_decades() {
        let t = log_ticks(35.0, 1800.0);
        assert_eq!(
            t.values,
            vec![20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0]
        );
        let t = log_ticks(5.0, 40000.0);
        assert_eq!(t.values, vec![1.0, 10.0, 100.0, 1000.0, 10000.0, 100000.0]);
        let s = Log10::new((10.0, 1000.0), (0.0, 200.0));
        assert!((s.map(100.0) - 100.0).abs() < 1e-9);
    }

    #[test]
    fn quantile_classes_hold_similar_counts_and_cover_every_value() {
        let v: Vec<f64> = (0..100).map(f64::from).collect();
        let c = Classes::new(&v, &Breaks::Quantile(4), 1).unwrap();
        assert_eq!(c.len(), 4);
        let mut counts = [0; 4];
        for x in &v {
            counts[c.class_of(*x)] += 1;
        }
        assert_eq!(counts, [25, 25, 25, 25]);
        // Ties merge classes instead of producing empty ones.
        let tied = [1.0, 1.0, 1.0, 1.0, 2.0];
        let c = Classes::new(&tied, &Breaks::Quantile(4), 1).unwrap();
        assert!(c.thresholds.is_empty());
    }

    #[test]
    fn quantile_breaks_are_rounded_for_reading() {
        assert_eq!(round_break(13218.4, 0), 13200.0);
        assert_eq!(round_break(61.234, 1), 61.2);
        assert_eq!(round_break(0.123456, 1), 0.1);
        assert_eq!(round_break(-4.56, 1), -4.6);
    }

    #[test]
    fn given_breaks_must_increase() {
        assert!(Classes::new(&[], &Breaks::Given(vec![2.0, 1.0]), 1).is_err());
        assert!(Classes::new(&[], &Breaks::Given(vec![]), 1).is_err());
        let c = Classes::new(&[], &Breaks::Given(vec![45.0, 50.0]), 1).unwrap();
        assert_eq!(c.class_of(44.9), 0);
        assert_eq!(c.class_of(45.0), 1);
        assert_eq!(c.class_of(99.0), 2);
        assert_eq!(c.bounds(0), (None, Some(45.0)));
        assert_eq!(c.bounds(2), (Some(50.0), None));
    }

    #[test]
    fn palette_runs_light_to_dark_in_viridis() {
        let p = sequential(5);
        assert_eq!(p.first().unwrap(), "#fde725");
        assert_eq!(p.last().unwrap(), "#440154");
        assert_eq!(p.len(), 5);
    }
}
