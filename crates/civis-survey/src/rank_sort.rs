//! The sort behind the statistics whose scores need each row's rank within its domain (the Gini
//! coefficient): fixed-size records pushed in any order and read back sorted by (domain, value,
//! row number).
//!
//! The crate only states what a sort does ([`RecordSorter`]) and where sorts come from
//! ([`SortBackend`]); [`InMemory`] keeps every record in one vector (the crate's tests and the
//! fallback). A bounded-memory sort that spills sorted runs to files and merges them back (an
//! external merge sort, Knuth 1998, *TAOCP* vol. 3, §5.4.1) lives with the I/O, in
//! `civis-pipeline`, and reaches [`crate::second_pass`] through its
//! [`crate::second_pass::PassLimits`]: the statistics never touch a file.

use std::fmt::Debug;

use crate::error::SurveyError;
use crate::threshold::order_key;

/// Bytes of one record in its fixed-size encoding ([`RankRecord::to_bytes`]).
pub const RECORD_BYTES: usize = 32;

/// One row of one domain: sorted by domain, then value (the order of `f64::total_cmp`), then
/// row number, so ties keep the rows' order (as R's `order` and [`crate::statistic::sorted_rows`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankRecord {
    pub domain: u32,
    /// [`order_key`] of the value.
    pub key: u64,
    /// The row's number in the file (0-based, over every chunk).
    pub row: u64,
    pub weight: f64,
    /// The row's PSU, numbered as the variance's units.
    pub unit: u32,
}

impl RankRecord {
    pub fn new(domain: u32, y: f64, row: u64, weight: f64, unit: u32) -> Self {
        RankRecord {
            domain,
            key: order_key(y),
            row,
            weight,
            unit,
        }
    }

    /// The order of the sort: (domain, value, row); no two records of one sort share it.
    pub fn sort_key(&self) -> (u32, u64, u64) {
        (self.domain, self.key, self.row)
    }

    /// The record in [`RECORD_BYTES`] little-endian bytes (domain, key, row, weight bits, unit).
    pub fn to_bytes(&self) -> [u8; RECORD_BYTES] {
        let mut b = [0u8; RECORD_BYTES];
        b[0..4].copy_from_slice(&self.domain.to_le_bytes());
        b[4..12].copy_from_slice(&self.key.to_le_bytes());
        b[12..20].copy_from_slice(&self.row.to_le_bytes());
        b[20..28].copy_from_slice(&self.weight.to_bits().to_le_bytes());
        b[28..32].copy_from_slice(&self.unit.to_le_bytes());
        b
    }

    /// The record [`RankRecord::to_bytes`] encoded.
    pub fn from_bytes(b: &[u8; RECORD_BYTES]) -> Self {
        let u32_at = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
        let u64_at = |i: usize| u64::from(u32_at(i)) | (u64::from(u32_at(i + 4)) << 32);
        RankRecord {
            domain: u32_at(0),
            key: u64_at(4),
            row: u64_at(12),
            weight: f64::from_bits(u64_at(20)),
            unit: u32_at(28),
        }
    }
}

/// Records in sort order, or the error that stopped the sort (a failed read of a spilled run).
pub type SortedRecords = Box<dyn Iterator<Item = Result<RankRecord, SurveyError>> + Send>;

/// One sort: records pushed in any order, read back sorted by [`RankRecord::sort_key`].
pub trait RecordSorter: Send {
    /// Adds a record (a bounded sort may spill its buffer here, hence the error).
    fn push(&mut self, record: RankRecord) -> Result<(), SurveyError>;
    /// Every record pushed, in order.
    fn finish(self: Box<Self>) -> Result<SortedRecords, SurveyError>;
}

/// Where the sorts of one estimation come from (one sort per variable whose ranks are needed).
pub trait SortBackend: Debug + Send + Sync {
    fn sorter(&self) -> Result<Box<dyn RecordSorter>, SurveyError>;
}

/// Sorts in memory: every record in one vector (32 bytes a row), sorted when finished.
#[derive(Debug, Clone, Copy, Default)]
pub struct InMemory;

impl SortBackend for InMemory {
    fn sorter(&self) -> Result<Box<dyn RecordSorter>, SurveyError> {
        Ok(Box::new(MemorySort::default()))
    }
}

/// The records of an [`InMemory`] sort.
#[derive(Debug, Default)]
pub struct MemorySort {
    records: Vec<RankRecord>,
}

impl MemorySort {
    /// The records pushed so far, sorted (and the sort emptied): the in-memory base of other
    /// sorts too (a bounded sort's last buffer when nothing was spilled).
    pub fn take_sorted(&mut self) -> Vec<RankRecord> {
        let mut records = std::mem::take(&mut self.records);
        records.sort_unstable_by_key(RankRecord::sort_key);
        records
    }

    /// Records pushed so far.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Adds a record.
    pub fn add(&mut self, record: RankRecord) {
        self.records.push(record);
    }
}

impl RecordSorter for MemorySort {
    fn push(&mut self, record: RankRecord) -> Result<(), SurveyError> {
        self.add(record);
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<SortedRecords, SurveyError> {
        Ok(Box::new(self.take_sorted().into_iter().map(Ok)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::threshold::from_key;

    /// Values with ties, signed zeros, negatives and infinities over four domains, pushed in
    /// reverse row order.
    fn records(n: u32) -> Vec<RankRecord> {
        let value = |i: u32| match i % 11 {
            0 => -0.0,
            1 => 0.0,
            2 => f64::INFINITY,
            3 => f64::NEG_INFINITY,
            k => f64::from((i * 31) % 23) - f64::from(k),
        };
        (0..n)
            .rev()
            .map(|i| RankRecord::new(i % 4, value(i), u64::from(i), f64::from(i % 5), i / 8))
            .collect()
    }

    #[test]
    fn the_in_memory_sort_gives_the_order_of_a_stable_sort() {
        let input = records(5000);
        // a stable sort of the rows in file order: ties keep the rows' order
        let mut want = input.clone();
        want.reverse();
        want.sort_by(|a, b| {
            (a.domain.cmp(&b.domain)).then(from_key(a.key).total_cmp(&from_key(b.key)))
        });
        let mut s = InMemory.sorter().unwrap();
        for r in &input {
            s.push(*r).unwrap();
        }
        let got: Vec<RankRecord> = s.finish().unwrap().collect::<Result<_, _>>().unwrap();
        assert_eq!(got, want);
    }

    #[test]
    fn records_survive_their_byte_encoding() {
        for r in records(200).into_iter().chain([RankRecord::new(
            u32::MAX,
            f64::NEG_INFINITY,
            u64::MAX,
            f64::MIN_POSITIVE,
            u32::MAX - 1,
        )]) {
            let back = RankRecord::from_bytes(&r.to_bytes());
            assert_eq!(back, r);
            assert_eq!(back.weight.to_bits(), r.weight.to_bits());
        }
    }
}
