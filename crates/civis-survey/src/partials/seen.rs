//! The PSUs whose rows are complete, to tell that rows come grouped by PSU.

use std::collections::HashSet;

/// Ids of the PSUs already closed. An id that is a small whole number (a dense code, or the
/// bits of a whole number below 2^32 as a numeric PSU column gives them) is one bit in a
/// bitset; any other id goes to a hash set. The bitset only grows to 8 times the PSUs closed
/// plus 2^20 bits, so sparse ids cannot make it large. Ids are marked without their stratum:
/// with nested ids that repeat across strata a PSU looks closed when another stratum's PSU of
/// the same id was, and the caller takes the slower path for rows in any order.
#[derive(Debug, Clone, Default)]
pub(super) struct SeenPsus {
    bits: Vec<u64>,
    other: HashSet<u64>,
    count: u64,
}

impl SeenPsus {
    /// Marks `id` closed; `false` if it was closed before.
    pub fn insert(&mut self, id: u64) -> bool {
        self.count += 1;
        match small(id) {
            Some(i) if i < 8 * self.count + (1 << 20) => {
                let (word, bit) = ((i / 64) as usize, i % 64);
                if word >= self.bits.len() {
                    self.bits.resize((word + 1).max(2 * self.bits.len()), 0);
                }
                let fresh = self.bits[word] & (1 << bit) == 0;
                self.bits[word] |= 1 << bit;
                fresh
            }
            _ => self.other.insert(id),
        }
    }
}

/// The whole number an id stands for, when it is below 2^32 (a column holds either dense codes
/// or numbers, never both, so the two readings cannot meet).
fn small(id: u64) -> Option<u64> {
    if id < 1 << 32 {
        return Some(id);
    }
    let v = f64::from_bits(id);
    // a truncating conversion, not `f64::fract` (a library call without SSE 4.1)
    let i = v as u64;
    ((0.0..4_294_967_296.0).contains(&v) && i as f64 == v).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_new_once() {
        let mut s = SeenPsus::default();
        let ids = [
            5u64,
            7.0f64.to_bits(),
            1e15f64.to_bits(),
            0.5f64.to_bits(),
            9_000_000,
        ];
        for id in ids {
            assert!(s.insert(id), "{id} first");
            assert!(!s.insert(id), "{id} again");
        }
        assert_eq!(s.other.len(), 3);
    }
}
