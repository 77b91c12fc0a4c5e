//! Weighted quantiles on sorted data, with the rules of R `survey` and `laeken`.
//!
//! All functions take `order`, the rows sorted by value (stable, ties in row order, as R's
//! `order`), and read values and weights through it, so one sort serves every quantile and
//! every set of replicate weights.

/// Which definition of the weighted quantile to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuantileRule {
    /// R `survey` `qrule = "math"` (the default): with cumulative weights `C_i` and total `W`,
    /// the first `x_i` with `C_i >= p W`; exactly the inverse of the weighted empirical CDF.
    Math,
    /// R `survey` `qrule = "school"`: as `Math`, but the midpoint of `x_i` and `x_{i+1}` when
    /// `C_i = p W` exactly.
    School,
    /// laeken `weightedQuantile` / Eurostat (EU-SILC doc 131-rev/04): the first `x_i` whose
    /// cumulative weight share `C_i / W` exceeds `p` (0 gives the minimum, 1 the maximum).
    Laeken,
}

impl std::str::FromStr for QuantileRule {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "math" => Ok(QuantileRule::Math),
            "school" => Ok(QuantileRule::School),
            "laeken" | "eurostat" => Ok(QuantileRule::Laeken),
            _ => Err(format!(
                "unknown quantile rule `{s}` (expected math, school or laeken)"
            )),
        }
    }
}

/// Running sum with Neumaier compensation (R accumulates `cumsum`/`sum` in extended precision;
/// compensation keeps our cumulative weights equally exact so tie decisions agree).
#[derive(Debug, Clone, Copy, Default)]
pub struct CompensatedSum {
    sum: f64,
    c: f64,
}

impl CompensatedSum {
    #[inline]
    pub fn add(&mut self, v: f64) {
        let t = self.sum + v;
        if self.sum.abs() >= v.abs() {
            self.c += (self.sum - t) + v;
        } else {
            self.c += (v - t) + self.sum;
        }
        self.sum = t;
    }
    #[inline]
    pub fn value(&self) -> f64 {
        self.sum + self.c
    }
}

/// Weighted p-quantile of `y[order[..]]` with weights `w[order[..]]`. `NaN` if empty or all
/// weights are zero.
pub fn weighted_quantile(order: &[u32], y: &[f64], w: &[f64], p: f64, rule: QuantileRule) -> f64 {
    let mut total = CompensatedSum::default();
    for &r in order {
        total.add(w[r as usize]);
    }
    let total = total.value();
    if order.is_empty() || total <= 0.0 {
        return f64::NAN;
    }
    match rule {
        QuantileRule::Laeken => {
            if p <= 0.0 {
                return y[order[0] as usize];
            }
            if p >= 1.0 {
                return y[order[order.len() - 1] as usize];
            }
            let mut cum = CompensatedSum::default();
            for &r in order {
                cum.add(w[r as usize]);
                if cum.value() / total > p {
                    return y[r as usize];
                }
            }
            y[order[order.len() - 1] as usize]
        }
        QuantileRule::Math | QuantileRule::School => {
            // survey::qs: pos = last i with C_i <= p W (zero weights dropped)
            let target = p * total;
            let mut cum = CompensatedSum::default();
            let mut low: Option<(f64, f64)> = None; // (x, C)
            let mut up: Option<f64> = None;
            for &r in order {
                let wr = w[r as usize];
                if wr == 0.0 {
                    continue;
                }
                cum.add(wr);
                let c = cum.value();
                if c <= target {
                    low = Some((y[r as usize], c));
                } else {
                    up = Some(y[r as usize]);
                    break;
                }
            }
            math_rule(rule, p, total, low, up)
        }
    }
}

/// R survey's `math` / `school` choice from the last value `low = (x, C)` with cumulative
/// weight `C <= p W` and the next value `up` with a non-zero weight.
pub(crate) fn math_rule(
    rule: QuantileRule,
    p: f64,
    total: f64,
    low: Option<(f64, f64)>,
    up: Option<f64>,
) -> f64 {
    match (low, up) {
        (Some((xl, c)), up) => {
            let xu = up.unwrap_or(xl);
            if p - c / total == 0.0 {
                match rule {
                    QuantileRule::School => (xl + xu) / 2.0,
                    _ => xl,
                }
            } else {
                xu
            }
        }
        (None, Some(xu)) => xu,
        (None, None) => f64::NAN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_on_a_tie_at_the_median() {
        let y = [1.0, 2.0, 3.0, 4.0];
        let w = [1.0; 4];
        let o = [0u32, 1, 2, 3];
        // C = 1,2,3,4; p W = 2 exactly at x = 2
        assert_eq!(weighted_quantile(&o, &y, &w, 0.5, QuantileRule::Math), 2.0);
        assert_eq!(
            weighted_quantile(&o, &y, &w, 0.5, QuantileRule::School),
            2.5
        );
        assert_eq!(
            weighted_quantile(&o, &y, &w, 0.5, QuantileRule::Laeken),
            3.0
        );
        assert_eq!(weighted_quantile(&o, &y, &w, 0.3, QuantileRule::Math), 2.0);
        assert_eq!(
            weighted_quantile(&o, &y, &w, 0.3, QuantileRule::Laeken),
            2.0
        );
    }

    #[test]
    fn zero_weights_are_ignored_by_math() {
        let y = [1.0, 2.0, 3.0];
        let w = [1.0, 0.0, 1.0];
        let o = [0u32, 1, 2];
        assert_eq!(weighted_quantile(&o, &y, &w, 0.5, QuantileRule::Math), 1.0);
        assert_eq!(weighted_quantile(&o, &y, &w, 0.6, QuantileRule::Math), 3.0);
    }
}
