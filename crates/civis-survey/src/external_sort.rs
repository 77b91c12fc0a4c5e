//! An external merge sort of fixed-size row records, for the statistics whose scores need each
//! row's rank within its domain (the Gini coefficient): records are buffered up to a bound,
//! sorted and written as runs to temporary files, and a k-way merge (a binary heap over the
//! runs' heads, Knuth 1998, *TAOCP* vol. 3, §5.4.1) streams them back in order. More than
//! [`FAN_IN`] runs are first merged into longer runs, so the open files stay bounded too.
//! Memory: the run buffer plus one buffered reader per merged run, whatever the rows.
//!
//! Runs are files of the directory given to [`ExternalSort::new`], named after the process and
//! a counter; each is removed when its [`Run`] is dropped, so on success, on error and on
//! unwinding alike. The crate otherwise does no I/O: this module only spills its own records.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};

use crate::error::SurveyError;
use crate::threshold::order_key;

/// Runs merged at once; more runs are first merged into longer runs.
pub const FAN_IN: usize = 64;

/// Bytes of one record in a run file.
const RECORD_BYTES: usize = 32;

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

    fn sort_key(&self) -> (u32, u64, u64) {
        (self.domain, self.key, self.row)
    }

    fn encode(&self) -> [u8; RECORD_BYTES] {
        let mut b = [0u8; RECORD_BYTES];
        b[0..4].copy_from_slice(&self.domain.to_le_bytes());
        b[4..12].copy_from_slice(&self.key.to_le_bytes());
        b[12..20].copy_from_slice(&self.row.to_le_bytes());
        b[20..28].copy_from_slice(&self.weight.to_bits().to_le_bytes());
        b[28..32].copy_from_slice(&self.unit.to_le_bytes());
        b
    }

    fn decode(b: &[u8; RECORD_BYTES]) -> Self {
        let u32_at = |i: usize| u32::from_le_bytes(b[i..i + 4].try_into().expect("4 bytes"));
        let u64_at = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes"));
        RankRecord {
            domain: u32_at(0),
            key: u64_at(4),
            row: u64_at(12),
            weight: f64::from_bits(u64_at(20)),
            unit: u32_at(28),
        }
    }
}

fn io_error(path: &Path, err: std::io::Error) -> SurveyError {
    SurveyError::Invalid(format!(
        "temporary sort file {}: {err} (the directory of the sorted runs must exist, be writable \
         and have room for 32 bytes a row)",
        path.display()
    ))
}

static NEXT_RUN: AtomicU64 = AtomicU64::new(0);

/// One sorted run on disk, removed when dropped.
#[derive(Debug)]
pub struct Run {
    path: PathBuf,
    records: u64,
}

impl Run {
    /// Writes `records` (already sorted) to a new file of `dir`.
    fn write(
        dir: &Path,
        records: impl Iterator<Item = Result<RankRecord, SurveyError>>,
    ) -> Result<Run, SurveyError> {
        let n = NEXT_RUN.fetch_add(1, AtomicOrdering::Relaxed);
        let path = dir.join(format!("civis-sort-{}-{n}.run", std::process::id()));
        let file = File::create(&path).map_err(|e| io_error(&path, e))?;
        // from here on the file is removed when `run` drops, whatever happens
        let mut run = Run { path, records: 0 };
        let mut out = BufWriter::with_capacity(1 << 16, file);
        for r in records {
            out.write_all(&r?.encode())
                .map_err(|e| io_error(&run.path, e))?;
            run.records += 1;
        }
        out.flush().map_err(|e| io_error(&run.path, e))?;
        Ok(run)
    }

    fn reader(&self) -> Result<RunReader, SurveyError> {
        let file = File::open(&self.path).map_err(|e| io_error(&self.path, e))?;
        Ok(RunReader {
            input: BufReader::with_capacity(1 << 16, file),
            left: self.records,
            path: self.path.clone(),
        })
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        // best effort: a file already gone is what we want
        let _ = std::fs::remove_file(&self.path);
    }
}

struct RunReader {
    input: BufReader<File>,
    left: u64,
    path: PathBuf,
}

impl RunReader {
    fn next_record(&mut self) -> Result<Option<RankRecord>, SurveyError> {
        if self.left == 0 {
            return Ok(None);
        }
        let mut b = [0u8; RECORD_BYTES];
        self.input
            .read_exact(&mut b)
            .map_err(|e| io_error(&self.path, e))?;
        self.left -= 1;
        Ok(Some(RankRecord::decode(&b)))
    }
}

/// A run's head in the merge heap (smallest sort key first; runs never hold the same row).
struct Head {
    record: RankRecord,
    run: usize,
}

impl PartialEq for Head {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Head {}
impl PartialOrd for Head {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Head {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.record.sort_key(), self.run).cmp(&(other.record.sort_key(), other.run))
    }
}

/// The k-way merge of sorted runs: an iterator of records in order.
pub struct Merge {
    readers: Vec<RunReader>,
    heap: BinaryHeap<Reverse<Head>>,
    /// Keeps the files until the merge is dropped.
    _runs: Vec<Run>,
}

impl Merge {
    fn new(runs: Vec<Run>) -> Result<Merge, SurveyError> {
        let mut readers = runs
            .iter()
            .map(Run::reader)
            .collect::<Result<Vec<_>, _>>()?;
        let mut heap = BinaryHeap::with_capacity(readers.len());
        for (run, r) in readers.iter_mut().enumerate() {
            if let Some(record) = r.next_record()? {
                heap.push(Reverse(Head { record, run }));
            }
        }
        Ok(Merge {
            readers,
            heap,
            _runs: runs,
        })
    }

    fn next_record(&mut self) -> Result<Option<RankRecord>, SurveyError> {
        let Some(Reverse(head)) = self.heap.pop() else {
            return Ok(None);
        };
        if let Some(record) = self.readers[head.run].next_record()? {
            self.heap.push(Reverse(Head {
                record,
                run: head.run,
            }));
        }
        Ok(Some(head.record))
    }
}

impl Iterator for Merge {
    type Item = Result<RankRecord, SurveyError>;
    fn next(&mut self) -> Option<Self::Item> {
        self.next_record().transpose()
    }
}

/// The records in order: from memory when they fitted in one buffer, else merged from runs.
pub enum Sorted {
    Memory(std::vec::IntoIter<RankRecord>),
    Merge(Merge),
}

impl Iterator for Sorted {
    type Item = Result<RankRecord, SurveyError>;
    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Sorted::Memory(it) => it.next().map(Ok),
            Sorted::Merge(m) => m.next(),
        }
    }
}

/// Records pushed in any order, read back sorted by (domain, value, row).
#[derive(Debug)]
pub struct ExternalSort {
    dir: PathBuf,
    run_rows: usize,
    buffer: Vec<RankRecord>,
    runs: Vec<Run>,
}

impl ExternalSort {
    /// Runs of at most `run_rows` records (at least 2), written to files in `dir`.
    pub fn new(dir: PathBuf, run_rows: usize) -> Self {
        ExternalSort {
            dir,
            run_rows: run_rows.max(2),
            buffer: Vec::new(),
            runs: Vec::new(),
        }
    }

    /// Runs written so far.
    pub fn runs(&self) -> usize {
        self.runs.len()
    }

    pub fn push(&mut self, record: RankRecord) -> Result<(), SurveyError> {
        if self.buffer.len() >= self.run_rows {
            self.spill()?;
        }
        self.buffer.push(record);
        Ok(())
    }

    fn spill(&mut self) -> Result<(), SurveyError> {
        self.buffer.sort_unstable_by_key(RankRecord::sort_key);
        let run = Run::write(&self.dir, self.buffer.drain(..).map(Ok))?;
        self.runs.push(run);
        Ok(())
    }

    /// Every record pushed, in order.
    pub fn finish(mut self) -> Result<Sorted, SurveyError> {
        if self.runs.is_empty() {
            let mut records = std::mem::take(&mut self.buffer);
            records.sort_unstable_by_key(RankRecord::sort_key);
            return Ok(Sorted::Memory(records.into_iter()));
        }
        if !self.buffer.is_empty() {
            self.spill()?;
        }
        self.buffer = Vec::new();
        let mut runs = std::mem::take(&mut self.runs);
        while runs.len() > FAN_IN {
            let rest = runs.split_off(FAN_IN);
            let merged = Run::write(&self.dir, Merge::new(runs)?)?;
            runs = rest;
            runs.push(merged);
        }
        Ok(Sorted::Merge(Merge::new(runs)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(n: u32) -> Vec<RankRecord> {
        (0..n)
            .map(|i| {
                let y = f64::from((i * 7919) % 97) - 30.0 + if i % 5 == 0 { -0.0 } else { 0.0 };
                RankRecord::new(i % 3, y, u64::from(i), f64::from(i % 7), i / 10)
            })
            .collect()
    }

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("civis-sort-test-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn files_in(d: &Path) -> usize {
        std::fs::read_dir(d).unwrap().count()
    }

    #[test]
    fn many_runs_merge_into_the_order_of_a_stable_sort() {
        let d = dir("merge");
        let input = records(5000);
        let mut want = input.clone();
        want.sort_by(|a, b| {
            (a.domain.cmp(&b.domain)).then(
                crate::threshold::from_key(a.key).total_cmp(&crate::threshold::from_key(b.key)),
            )
        });
        for run_rows in [3, 200, 10_000] {
            let mut s = ExternalSort::new(d.clone(), run_rows);
            for r in &input {
                s.push(*r).unwrap();
            }
            let runs = s.runs();
            assert_eq!(runs > FAN_IN, run_rows == 3, "{runs} runs");
            let got: Vec<RankRecord> = s.finish().unwrap().collect::<Result<_, _>>().unwrap();
            assert_eq!(got, want, "runs of {run_rows}");
            assert_eq!(files_in(&d), 0, "the runs are removed after the merge");
        }
        std::fs::remove_dir(&d).unwrap();
    }

    #[test]
    fn runs_are_removed_when_the_sort_is_dropped_unfinished() {
        let d = dir("drop");
        let mut s = ExternalSort::new(d.clone(), 10);
        for r in records(100) {
            s.push(r).unwrap();
        }
        assert!(files_in(&d) >= 9);
        let mut merge = ExternalSort::finish(s).unwrap();
        merge.next().unwrap().unwrap();
        drop(merge);
        assert_eq!(files_in(&d), 0);
        let mut s = ExternalSort::new(d.clone(), 10);
        for r in records(100) {
            s.push(r).unwrap();
        }
        drop(s);
        assert_eq!(files_in(&d), 0);
        std::fs::remove_dir(&d).unwrap();
    }

    #[test]
    fn a_missing_directory_is_an_error_with_the_path() {
        let mut s = ExternalSort::new(PathBuf::from("/nonexistent/civis"), 2);
        let err = (0..3)
            .try_for_each(|i| s.push(RankRecord::new(0, 1.0, i, 1.0, 0)))
            .unwrap_err();
        assert!(err.to_string().contains("/nonexistent/civis"), "{err}");
    }
}
