//! Exact weighted quantiles in bounded memory, by successive refinement passes over the data.
//!
//! The rules of [`crate::quantile`] pick a value by the cumulative weights `C_i` of the rows
//! sorted by value: the first `x_i` with `C_i / W > p` (laeken), or the last `x_i` with
//! `C_i <= p W` and the next value with a non-zero weight (R survey's `math` and `school`).
//! Which row that is depends only on the weight below each candidate, so the data need not be
//! sorted: a [`QuantileSearch`] keeps a bracket `[lo, hi]` of values (as order-preserving
//! integer keys of the floats, the order of `f64::total_cmp`) and, over one pass, the weight
//! below the bracket and a histogram of [`BUCKETS`] buckets inside it. The bucket where the
//! cumulative weight crosses `p W` becomes the next bracket; once a bracket holds at most
//! `limit` rows, the next pass keeps those rows (value and weight, in file order) and the rule
//! is applied to them exactly, starting from the weight below the bracket. Each pass divides
//! the key range by [`BUCKETS`], so a search ends after at most 8 passes (64-bit keys), in
//! practice 2 to 4, with memory `BUCKETS + limit` entries per search, whatever the rows.
//! Cumulative weights are compensated sums ([`CompensatedSum`]), as in the whole-file rules,
//! so tie decisions (`C_i = p W` exactly) agree.

use crate::quantile::{math_rule, CompensatedSum, QuantileRule};

/// Buckets of a histogram pass.
pub const BUCKETS: usize = 1024;

/// The key of a float in the order of `f64::total_cmp` (negative numbers reversed).
pub fn order_key(v: f64) -> u64 {
    let b = v.to_bits();
    if b >> 63 == 1 {
        !b
    } else {
        b | (1 << 63)
    }
}

/// The float of an [`order_key`].
pub fn from_key(k: u64) -> f64 {
    if k >> 63 == 1 {
        f64::from_bits(k & !(1 << 63))
    } else {
        f64::from_bits(!k)
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Bucket {
    n: u64,
    w: CompensatedSum,
}

#[derive(Debug, Clone)]
enum State {
    Histogram(Vec<Bucket>),
    /// The rows inside the bracket: `(key, weight)` in file order.
    Collect(Vec<(u64, f64)>),
    Done(f64),
}

/// One weighted quantile found pass by pass: [`Self::add`] every row of the group (value not
/// missing) in each pass, then [`Self::end_pass`], until [`Self::value`] is known.
#[derive(Debug, Clone)]
pub struct QuantileSearch {
    p: f64,
    rule: QuantileRule,
    limit: u64,
    lo: u64,
    hi: u64,
    state: State,
    // sums of the current pass
    n: u64,
    total: CompensatedSum,
    below: CompensatedSum,
    /// Largest key below the bracket with a non-zero weight.
    prev: Option<u64>,
    /// Smallest key above the bracket with a non-zero weight.
    next: Option<u64>,
    min: u64,
    max: u64,
}

impl QuantileSearch {
    /// The `p` quantile under `rule`; a bracket holding at most `limit` rows is kept whole.
    pub fn new(p: f64, rule: QuantileRule, limit: u64) -> Self {
        QuantileSearch {
            p,
            rule,
            limit: limit.max(1),
            lo: 0,
            hi: u64::MAX,
            state: State::Histogram(vec![Bucket::default(); BUCKETS]),
            n: 0,
            total: CompensatedSum::default(),
            below: CompensatedSum::default(),
            prev: None,
            next: None,
            min: u64::MAX,
            max: 0,
        }
    }

    /// The quantile, once found (`NaN` for a group without rows or weight).
    pub fn value(&self) -> Option<f64> {
        match self.state {
            State::Done(v) => Some(v),
            _ => None,
        }
    }

    fn bucket(&self, k: u64) -> usize {
        let width = u128::from(self.hi - self.lo) + 1;
        (u128::from(k - self.lo) * BUCKETS as u128 / width) as usize
    }

    /// The first key of bucket `i` (one past the bracket for `i = BUCKETS`).
    fn bucket_start(&self, i: usize) -> u128 {
        let width = u128::from(self.hi - self.lo) + 1;
        u128::from(self.lo) + (i as u128 * width).div_ceil(BUCKETS as u128)
    }

    /// One row of the group.
    #[inline]
    pub fn add(&mut self, v: f64, w: f64) {
        if matches!(self.state, State::Done(_)) {
            return;
        }
        let k = order_key(v);
        self.n += 1;
        self.total.add(w);
        self.min = self.min.min(k);
        self.max = self.max.max(k);
        if k < self.lo {
            self.below.add(w);
            if w != 0.0 {
                self.prev = Some(self.prev.map_or(k, |p| p.max(k)));
            }
        } else if k > self.hi {
            if w != 0.0 {
                self.next = Some(self.next.map_or(k, |p| p.min(k)));
            }
        } else {
            let i = self.bucket(k);
            match &mut self.state {
                State::Histogram(b) => {
                    b[i].n += 1;
                    b[i].w.add(w);
                }
                State::Collect(rows) => rows.push((k, w)),
                State::Done(_) => {}
            }
        }
    }

    /// Ends a pass: `true` once the value is known.
    pub fn end_pass(&mut self) -> bool {
        if let State::Done(_) = self.state {
            return true;
        }
        let total = self.total.value();
        let state = std::mem::replace(&mut self.state, State::Done(f64::NAN));
        if self.n == 0 || total <= 0.0 {
            return true;
        }
        match state {
            State::Collect(mut rows) => {
                rows.sort_by_key(|r| r.0);
                self.state = State::Done(self.finish(&rows, total));
                return true;
            }
            State::Histogram(_) if self.rule == QuantileRule::Laeken && self.p <= 0.0 => {
                self.state = State::Done(from_key(self.min));
                return true;
            }
            State::Histogram(_) if self.rule == QuantileRule::Laeken && self.p >= 1.0 => {
                self.state = State::Done(from_key(self.max));
                return true;
            }
            State::Histogram(b) => self.narrow(&b, total),
            State::Done(_) => unreachable!("checked above"),
        }
        self.n = 0;
        self.total = CompensatedSum::default();
        self.below = CompensatedSum::default();
        self.prev = None;
        self.next = None;
        false
    }

    /// The bucket where the cumulative weight crosses the target becomes the bracket (the last
    /// bucket with rows when none crosses: every weight is at or below the target).
    fn narrow(&mut self, b: &[Bucket], total: f64) {
        let mut cum = self.below;
        let mut chosen = None;
        let mut last = 0;
        for (i, bucket) in b.iter().enumerate() {
            if bucket.n == 0 {
                continue;
            }
            last = i;
            let mut after = cum;
            after.add(bucket.w.value());
            let crossed = match self.rule {
                QuantileRule::Laeken => after.value() / total > self.p,
                QuantileRule::Math | QuantileRule::School => after.value() > self.p * total,
            };
            if crossed {
                chosen = Some(i);
                break;
            }
            cum = after;
        }
        let i = chosen.unwrap_or(last);
        let (start, end) = (self.bucket_start(i), self.bucket_start(i + 1) - 1);
        let (lo, hi) = (start as u64, end as u64);
        let rows = b[i].n;
        self.lo = lo;
        self.hi = hi;
        self.state = if rows <= self.limit || lo == hi {
            State::Collect(Vec::with_capacity(rows as usize))
        } else {
            State::Histogram(vec![Bucket::default(); BUCKETS])
        };
    }

    /// The rule applied to the bracket's rows (sorted by key, ties in file order).
    fn finish(&self, rows: &[(u64, f64)], total: f64) -> f64 {
        let mut cum = self.below;
        match self.rule {
            QuantileRule::Laeken => {
                for &(k, w) in rows {
                    cum.add(w);
                    if cum.value() / total > self.p {
                        return from_key(k);
                    }
                }
                from_key(self.max)
            }
            QuantileRule::Math | QuantileRule::School => {
                let target = self.p * total;
                let mut low = self.prev.map(|k| (from_key(k), cum.value()));
                let mut up = None;
                for &(k, w) in rows.iter().filter(|r| r.1 != 0.0) {
                    cum.add(w);
                    let c = cum.value();
                    if c <= target {
                        low = Some((from_key(k), c));
                    } else {
                        up = Some(from_key(k));
                        break;
                    }
                }
                let up = up.or(self.next.map(from_key));
                math_rule(self.rule, self.p, total, low, up)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantile::weighted_quantile;
    use crate::statistic::sorted_rows;

    fn search(y: &[f64], w: &[f64], p: f64, rule: QuantileRule, limit: u64) -> (f64, usize) {
        let mut s = QuantileSearch::new(p, rule, limit);
        for passes in 1..=20 {
            for (&v, &wt) in y.iter().zip(w) {
                s.add(v, wt);
            }
            if s.end_pass() {
                return (s.value().unwrap(), passes);
            }
        }
        panic!("no value after 20 passes");
    }

    #[test]
    fn keys_keep_the_order_of_floats() {
        let v = [-1e300, -2.5, -0.0, 0.0, 1e-300, 3.0, f64::INFINITY];
        for pair in v.windows(2) {
            assert!(order_key(pair[0]) < order_key(pair[1]), "{pair:?}");
        }
        for x in v {
            assert_eq!(from_key(order_key(x)).to_bits(), x.to_bits());
        }
    }

    #[test]
    fn refinement_gives_the_sorted_rules_exactly() {
        // ties, zero weights, negative values, several passes (limit 3)
        let mut y = Vec::new();
        let mut w = Vec::new();
        for i in 0..2000u32 {
            let v = f64::from((i * 7919) % 503) - 100.0 + if i % 3 == 0 { 0.25 } else { 0.0 };
            y.push(v);
            w.push(if i % 11 == 0 {
                0.0
            } else {
                1.0 + f64::from(i % 5)
            });
        }
        let order = sorted_rows(&y, 0..y.len() as u32);
        for rule in [
            QuantileRule::Math,
            QuantileRule::School,
            QuantileRule::Laeken,
        ] {
            for p in [0.0, 0.01, 0.2, 0.5, 0.8, 0.999, 1.0] {
                let want = weighted_quantile(&order, &y, &w, p, rule);
                let (got, passes) = search(&y, &w, p, rule, 3);
                assert_eq!(got, want, "{rule:?} p {p}");
                assert!(passes <= 9, "{passes} passes");
            }
        }
        // equal weights with a tie exactly at p W
        let y = [4.0, 1.0, 3.0, 2.0];
        let w = [1.0; 4];
        assert_eq!(search(&y, &w, 0.5, QuantileRule::Math, 1).0, 2.0);
        assert_eq!(search(&y, &w, 0.5, QuantileRule::School, 1).0, 2.5);
        assert_eq!(search(&y, &w, 0.5, QuantileRule::Laeken, 1).0, 3.0);
    }

    #[test]
    fn an_empty_group_has_no_quantile() {
        let (v, passes) = search(&[], &[], 0.5, QuantileRule::Math, 10);
        assert!(v.is_nan());
        assert_eq!(passes, 1);
    }
}
