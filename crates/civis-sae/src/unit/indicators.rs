//! Indicators of an area's income distribution, as emdi's `ebp` computes them
//! on each Monte Carlo population (file `R/framework_ebp.R`; Foster, Greer &
//! Thorbecke 1984 for the poverty measures): for values `y_1..y_N` and a
//! poverty line `t`,
//!
//! * `mean`: `sum y / N`;
//! * `hcr` (head count ratio, at-risk-of-poverty rate): `#{y < t} / N`;
//! * `pgap` (poverty gap, FGT(1)): `sum_{y < t} (t - y) / t / N`;
//! * `quantile:p`: R's `quantile(y, p)` (type 7: `h = (N - 1) p`,
//!   `y_(floor h) + (h - floor h)(y_(floor h + 1) - y_(floor h))`, 0-based);
//! * `gini`: `2 sum_i i y_(i) / (N sum y) - 1 - 1/N` (`y_(i)` ascending, i from 1).

/// One indicator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Indicator {
    /// Mean.
    Mean,
    /// Head count ratio (share below the poverty line).
    Hcr,
    /// Poverty gap.
    Pgap,
    /// Quantile at the given probability.
    Quantile(f64),
    /// Gini coefficient.
    Gini,
}

impl Indicator {
    /// Parses `mean`, `hcr`, `pgap`, `gini` or `quantile:P` (P in [0, 1]).
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "mean" => Some(Self::Mean),
            "hcr" => Some(Self::Hcr),
            "pgap" => Some(Self::Pgap),
            "gini" => Some(Self::Gini),
            _ => {
                let p: f64 = s.strip_prefix("quantile:")?.parse().ok()?;
                (0.0..=1.0).contains(&p).then_some(Self::Quantile(p))
            }
        }
    }

    /// Parses the list of `--indicators`, where `quantile:0.1,0.5,0.9` is
    /// `quantile:0.1,quantile:0.5,quantile:0.9` (bare numbers continue a quantile list).
    pub fn parse_list(items: &[String]) -> Result<Vec<Self>, String> {
        let mut out: Vec<Self> = Vec::new();
        for item in items {
            let item = item.trim();
            let parsed = match (item.parse::<f64>(), out.last()) {
                (Ok(_), Some(Self::Quantile(_))) => Self::parse(&format!("quantile:{item}")),
                _ => Self::parse(item),
            };
            out.push(parsed.ok_or_else(|| {
                format!("unknown indicator `{item}` (expected mean, hcr, pgap, gini or quantile:P with P in [0, 1])")
            })?);
        }
        Ok(out)
    }

    /// The name written to the output (`quantile:0.1` as given, shortest form).
    pub fn name(&self) -> String {
        match self {
            Self::Mean => "mean".into(),
            Self::Hcr => "hcr".into(),
            Self::Pgap => "pgap".into(),
            Self::Gini => "gini".into(),
            Self::Quantile(p) => format!("quantile:{p}"),
        }
    }

    /// Whether the indicator needs the sorted values.
    pub fn needs_sorting(&self) -> bool {
        matches!(self, Self::Quantile(_) | Self::Gini)
    }

    /// Whether the indicator depends on the poverty line.
    pub fn needs_threshold(&self) -> bool {
        matches!(self, Self::Hcr | Self::Pgap)
    }
}

/// R type-7 quantile of ascending `sorted`.
pub fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// Gini coefficient of ascending `sorted` (module docs).
pub fn gini_sorted(sorted: &[f64]) -> f64 {
    let n = sorted.len() as f64;
    let (mut weighted, mut total) = (0.0, 0.0);
    for (i, y) in sorted.iter().enumerate() {
        weighted += (i + 1) as f64 * y;
        total += y;
    }
    2.0 * weighted / (n * total) - 1.0 - 1.0 / n
}

/// The value of `indicator` for the values `y` (unsorted), poverty line `t`.
/// Allocates for the sorting indicators; the Monte Carlo uses its own buffers.
pub fn indicator_value(indicator: Indicator, y: &[f64], t: f64) -> f64 {
    let n = y.len() as f64;
    match indicator {
        Indicator::Mean => y.iter().sum::<f64>() / n,
        Indicator::Hcr => y.iter().filter(|v| **v < t).count() as f64 / n,
        Indicator::Pgap => {
            y.iter()
                .filter(|v| **v < t)
                .map(|v| (t - v) / t)
                .sum::<f64>()
                / n
        }
        Indicator::Quantile(p) => {
            let mut s = y.to_vec();
            s.sort_unstable_by(f64::total_cmp);
            quantile_sorted(&s, p)
        }
        Indicator::Gini => {
            let mut s = y.to_vec();
            s.sort_unstable_by(f64::total_cmp);
            gini_sorted(&s)
        }
    }
}

/// Survey-weighted value of `indicator` (Hajek: weighted shares and means;
/// quantiles by the weighted empirical distribution, the smallest `y` whose
/// cumulative weight share reaches p; the Gini as the weighted analogue
/// `2 sum w_i W_i y_i / (W sum w y) - 1 - sum w_i^2 y_i / (W sum w y)`,
/// `W_i` the cumulative weight up to i, as `laeken::gini` without the 100 factor).
pub fn weighted_indicator_value(indicator: Indicator, y: &[f64], w: &[f64], t: f64) -> f64 {
    let total_w: f64 = w.iter().sum();
    match indicator {
        Indicator::Mean => y.iter().zip(w).map(|(y, w)| y * w).sum::<f64>() / total_w,
        Indicator::Hcr => {
            y.iter()
                .zip(w)
                .filter(|(y, _)| **y < t)
                .map(|(_, w)| w)
                .sum::<f64>()
                / total_w
        }
        Indicator::Pgap => {
            y.iter()
                .zip(w)
                .filter(|(y, _)| **y < t)
                .map(|(y, w)| w * (t - y) / t)
                .sum::<f64>()
                / total_w
        }
        Indicator::Quantile(p) => {
            let order = sorted_order(y);
            let mut cum = 0.0;
            for i in &order {
                cum += w[*i];
                if cum >= p * total_w {
                    return y[*i];
                }
            }
            y[*order.last().expect("non-empty")]
        }
        Indicator::Gini => {
            let order = sorted_order(y);
            let (mut cum, mut a, mut b, mut wy) = (0.0, 0.0, 0.0, 0.0);
            for i in order {
                cum += w[i];
                a += w[i] * cum * y[i];
                b += w[i] * w[i] * y[i];
                wy += w[i] * y[i];
            }
            2.0 * a / (total_w * wy) - 1.0 - b / (total_w * wy)
        }
    }
}

fn sorted_order(y: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..y.len()).collect();
    order.sort_by(|a, b| y[*a].total_cmp(&y[*b]));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_quantile_lists() {
        let items: Vec<String> = "mean,hcr,quantile:0.1,0.5,0.9,gini"
            .split(',')
            .map(String::from)
            .collect();
        let got = Indicator::parse_list(&items).unwrap();
        assert_eq!(
            got,
            vec![
                Indicator::Mean,
                Indicator::Hcr,
                Indicator::Quantile(0.1),
                Indicator::Quantile(0.5),
                Indicator::Quantile(0.9),
                Indicator::Gini
            ]
        );
        assert!(Indicator::parse_list(&["0.5".into()]).is_err());
        assert!(Indicator::parse_list(&["quantile:1.5".into()]).is_err());
    }

    /// Values from R: `quantile(c(3, 1, 4, 1, 5, 9, 2, 6), c(0.1, 0.5, 0.9))` is
    /// 1.0, 3.5, 6.9; emdi's Gini of the same vector is 0.3709677... (computed by hand
    /// from the formula: 2 * 151 / (8 * 31) - 1 - 1/8).
    #[test]
    fn quantiles_and_gini_follow_r() {
        let y = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0];
        let q = |p| indicator_value(Indicator::Quantile(p), &y, 0.0);
        assert!((q(0.1) - 1.0).abs() < 1e-12);
        assert!((q(0.5) - 3.5).abs() < 1e-12);
        assert!((q(0.9) - 6.9).abs() < 1e-12);
        let g = indicator_value(Indicator::Gini, &y, 0.0);
        assert!((g - (2.0 * 185.0 / (8.0 * 31.0) - 1.0 - 0.125)).abs() < 1e-12);
        // Equal weights: the weighted Gini is the unweighted one.
        let w = [2.0; 8];
        let gw = weighted_indicator_value(Indicator::Gini, &y, &w, 0.0);
        assert!((gw - g).abs() < 1e-12);
        assert_eq!(indicator_value(Indicator::Hcr, &y, 3.0), 3.0 / 8.0);
    }
}
