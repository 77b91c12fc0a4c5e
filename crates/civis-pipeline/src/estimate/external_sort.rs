//! The bounded-memory sort of the Gini coefficient's rows in passes: an external merge sort of
//! `civis_survey::rank_sort`'s fixed-size records behind its `SortBackend` trait, so the
//! statistics crate never touches a file. Records are buffered up to `run_rows`, sorted and
//! written as runs (32 bytes a record), and a k-way merge (a binary heap over the runs' heads,
//! Knuth 1998, *TAOCP* vol. 3, §5.4.1) streams them back in order. More than [`FAN_IN`] runs
//! are first merged into longer runs, so the open files stay bounded too. Memory: the run buffer
//! plus one buffered reader per merged run, whatever the rows.
//!
//! The runs of one estimation live in a directory of their own, created (`create_dir`, never
//! an existing one) under the given parent (the system's temporary directory, `TMPDIR`) when the
//! first run is written; each run is a new file there (`create_new`), removed when its [`Run`]
//! is dropped, and the directory with whatever is left in it is removed when the last sort or
//! merge using it is dropped: on success, on error and on unwinding alike. Every I/O error
//! names the path at fault.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::fs::{File, OpenOptions};
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};
use std::sync::{Arc, Mutex, PoisonError};

use civis_survey::rank_sort::{
    MemorySort, RankRecord, RecordSorter, SortBackend, SortedRecords, RECORD_BYTES,
};
use civis_survey::SurveyError;

/// Runs merged at once; more runs are first merged into longer runs.
pub(super) const FAN_IN: usize = 64;

/// Tries at a fresh directory name before giving up (names taken by other processes).
const DIR_ATTEMPTS: u32 = 100;

/// `what`: `file` or `directory`.
fn io_error_of(what: &str, path: &Path, err: std::io::Error) -> SurveyError {
    SurveyError::Invalid(format!(
        "temporary sort {what} {}: {err} (the Gini coefficient's sorted runs need a writable \
         temporary directory with room for {RECORD_BYTES} bytes a row; set TMPDIR to another \
         directory)",
        path.display()
    ))
}

fn io_error(path: &Path, err: std::io::Error) -> SurveyError {
    io_error_of("file", path, err)
}

static NEXT_DIR: AtomicU64 = AtomicU64::new(0);

/// The directory of one estimation's runs, made on first use and removed when dropped.
#[derive(Debug)]
struct SpillDir {
    parent: PathBuf,
    /// The directory once created, and the number of the next run in it.
    made: Mutex<Option<(PathBuf, u64)>>,
}

impl SpillDir {
    /// A new run's path in the directory (created by the first call).
    fn next_run(&self) -> Result<PathBuf, SurveyError> {
        let mut made = self.made.lock().unwrap_or_else(PoisonError::into_inner);
        if made.is_none() {
            *made = Some((self.create()?, 0));
        }
        let (dir, n) = made.as_mut().expect("made above");
        *n += 1;
        Ok(dir.join(format!("run-{n}")))
    }

    /// A directory that did not exist before, under `parent`.
    fn create(&self) -> Result<PathBuf, SurveyError> {
        let mut last = None;
        for _ in 0..DIR_ATTEMPTS {
            let n = NEXT_DIR.fetch_add(1, AtomicOrdering::Relaxed);
            let path = (self.parent).join(format!("civis-sort-{}-{n}", std::process::id()));
            match std::fs::create_dir(&path) {
                Ok(()) => return Ok(path),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(path),
                Err(e) => return Err(io_error_of("directory", &path, e)),
            }
        }
        let path = last.unwrap_or_else(|| self.parent.clone());
        Err(io_error_of(
            "directory",
            &path,
            std::io::Error::new(std::io::ErrorKind::AlreadyExists, "no free directory name"),
        ))
    }
}

impl Drop for SpillDir {
    fn drop(&mut self) {
        let made = self.made.get_mut().unwrap_or_else(PoisonError::into_inner);
        if let Some((dir, _)) = made.take() {
            // best effort: the directory is this sort's own, made by `create_dir`
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// Sorts whose runs of at most `run_rows` records spill to a fresh directory under a parent
/// directory (see the module docs).
#[derive(Debug)]
pub(super) struct FileSorts {
    dir: Arc<SpillDir>,
    run_rows: usize,
}

impl FileSorts {
    /// Runs of at most `run_rows` records (at least 2), in a new directory under `parent`.
    pub(super) fn new(parent: PathBuf, run_rows: usize) -> Self {
        FileSorts {
            dir: Arc::new(SpillDir {
                parent,
                made: Mutex::new(None),
            }),
            run_rows: run_rows.max(2),
        }
    }
}

impl SortBackend for FileSorts {
    fn sorter(&self) -> Result<Box<dyn RecordSorter>, SurveyError> {
        Ok(Box::new(ExternalSort {
            dir: Arc::clone(&self.dir),
            run_rows: self.run_rows,
            buffer: MemorySort::default(),
            runs: Vec::new(),
        }))
    }
}

/// One sorted run on disk, removed when dropped (and its directory with the last run, sort or
/// merge that holds it).
#[derive(Debug)]
struct Run {
    path: PathBuf,
    records: u64,
    _dir: Arc<SpillDir>,
}

impl Run {
    /// Writes `records` (already sorted) to a new file of `dir`.
    fn write(
        dir: &Arc<SpillDir>,
        records: impl Iterator<Item = Result<RankRecord, SurveyError>>,
    ) -> Result<Run, SurveyError> {
        let path = dir.next_run()?;
        let file = (OpenOptions::new().write(true).create_new(true))
            .open(&path)
            .map_err(|e| io_error(&path, e))?;
        // from here on the file is removed when `run` drops, whatever happens
        let mut run = Run {
            path,
            records: 0,
            _dir: Arc::clone(dir),
        };
        let mut out = BufWriter::with_capacity(1 << 16, file);
        for r in records {
            out.write_all(&r?.to_bytes())
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
        Ok(Some(RankRecord::from_bytes(&b)))
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
struct Merge {
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

/// Records pushed in any order, read back sorted by (domain, value, row).
#[derive(Debug)]
struct ExternalSort {
    dir: Arc<SpillDir>,
    run_rows: usize,
    buffer: MemorySort,
    runs: Vec<Run>,
}

impl ExternalSort {
    fn spill(&mut self) -> Result<(), SurveyError> {
        let records = self.buffer.take_sorted();
        let run = Run::write(&self.dir, records.into_iter().map(Ok))?;
        self.runs.push(run);
        Ok(())
    }
}

impl RecordSorter for ExternalSort {
    fn push(&mut self, record: RankRecord) -> Result<(), SurveyError> {
        if self.buffer.len() >= self.run_rows {
            self.spill()?;
        }
        self.buffer.add(record);
        Ok(())
    }

    /// From memory when the records fitted in one buffer, else merged from the runs.
    fn finish(mut self: Box<Self>) -> Result<SortedRecords, SurveyError> {
        if self.runs.is_empty() {
            return Ok(Box::new(self.buffer.take_sorted().into_iter().map(Ok)));
        }
        if !self.buffer.is_empty() {
            self.spill()?;
        }
        let mut runs = std::mem::take(&mut self.runs);
        while runs.len() > FAN_IN {
            let rest = runs.split_off(FAN_IN);
            let merged = Run::write(&self.dir, Merge::new(runs)?)?;
            runs = rest;
            runs.push(merged);
        }
        Ok(Box::new(Merge::new(runs)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use civis_survey::partials::{DomainTable, Rows};
    use civis_survey::rank_sort::InMemory;
    use civis_survey::second_pass::{PassLimits, SecondPass};
    use civis_survey::{LonelyPsu, ReliabilityRule, Statistic};

    fn records(n: u32) -> Vec<RankRecord> {
        (0..n)
            .map(|i| {
                let y = f64::from((i * 7919) % 97) - 30.0 + if i % 5 == 0 { -0.0 } else { 0.0 };
                RankRecord::new(i % 3, y, u64::from(i), f64::from(i % 7), i / 10)
            })
            .collect()
    }

    /// A fresh, empty directory of this test.
    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("civis-sort-test-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    /// Files under `d`, in its subdirectories too.
    fn files_under(d: &Path) -> usize {
        (std::fs::read_dir(d).unwrap())
            .map(|e| e.unwrap().path())
            .map(|p| if p.is_dir() { files_under(&p) } else { 1 })
            .sum()
    }

    fn entries(d: &Path) -> usize {
        std::fs::read_dir(d).unwrap().count()
    }

    fn sort(backend: &FileSorts) -> ExternalSort {
        ExternalSort {
            dir: Arc::clone(&backend.dir),
            run_rows: backend.run_rows,
            buffer: MemorySort::default(),
            runs: Vec::new(),
        }
    }

    #[test]
    fn many_runs_merge_into_the_order_of_a_stable_sort() {
        let d = dir("merge");
        let input = records(5000);
        let mut want = input.clone();
        want.sort_by(|a, b| {
            (a.domain.cmp(&b.domain)).then(
                civis_survey::threshold::from_key(a.key)
                    .total_cmp(&civis_survey::threshold::from_key(b.key)),
            )
        });
        for run_rows in [3, 200, 10_000] {
            let backend = FileSorts::new(d.clone(), run_rows);
            let mut s = Box::new(sort(&backend));
            for r in &input {
                s.push(*r).unwrap();
            }
            let runs = s.runs.len();
            assert_eq!(runs > FAN_IN, run_rows == 3, "{runs} runs");
            let got: Vec<RankRecord> = s.finish().unwrap().collect::<Result<_, _>>().unwrap();
            assert_eq!(got, want, "runs of {run_rows}");
            assert_eq!(files_under(&d), 0, "the runs are removed after the merge");
            drop(backend);
            assert_eq!(entries(&d), 0, "and their directory with the last sort");
        }
        std::fs::remove_dir(&d).unwrap();
    }

    #[test]
    fn runs_are_removed_when_the_sort_is_dropped_unfinished() {
        let d = dir("drop");
        let backend = FileSorts::new(d.clone(), 10);
        let mut s = backend.sorter().unwrap();
        for r in records(100) {
            s.push(r).unwrap();
        }
        assert!(files_under(&d) >= 9);
        let mut merge = s.finish().unwrap();
        merge.next().unwrap().unwrap();
        drop(merge);
        assert_eq!(files_under(&d), 0);
        let mut s = backend.sorter().unwrap();
        for r in records(100) {
            s.push(r).unwrap();
        }
        assert!(files_under(&d) >= 9);
        drop(s);
        assert_eq!(files_under(&d), 0);
        drop(backend);
        assert_eq!(entries(&d), 0);
        std::fs::remove_dir(&d).unwrap();
    }

    #[test]
    fn a_missing_directory_is_an_error_with_the_path() {
        let mut s = FileSorts::new(PathBuf::from("/nonexistent/civis"), 2)
            .sorter()
            .unwrap();
        let err = (0..3)
            .try_for_each(|i| s.push(RankRecord::new(0, 1.0, i, 1.0, 0)))
            .unwrap_err();
        assert!(err.to_string().contains("/nonexistent/civis"), "{err}");
    }

    /// Income-like values with ties in 60 PSUs of 10 rows, two domains, zero weights.
    struct Sample {
        eq: Vec<f64>,
        py: Vec<f64>,
        w: Vec<f64>,
        psu: Vec<u64>,
        domain: Vec<u32>,
    }

    const GINI_EQ: (Statistic, &str) = (Statistic::Gini, "eq");
    const GINI_PY: (Statistic, &str) = (Statistic::Gini, "py");

    impl Sample {
        fn new(n: u32) -> Self {
            Sample {
                eq: (0..n).map(|i| f64::from((i * 37) % 101) + 0.5).collect(),
                py: (0..n).map(|i| f64::from((i * 13) % 7) * 1000.0).collect(),
                w: (0..n).map(|i| f64::from(i % 4) * 1.5).collect(),
                psu: (0..n).map(|i| u64::from(i / 10)).collect(),
                domain: (0..n).map(|i| i % 2).collect(),
            }
        }

        /// `stats` of `eq` or `py` in passes over chunks of 100 rows; `first_pass` looks at
        /// the first pass before its end.
        fn passes(
            &self,
            stats: &[(Statistic, &str)],
            sorts: Arc<dyn SortBackend>,
            first_pass: impl Fn(),
        ) -> Result<SecondPass, SurveyError> {
            let limits = PassLimits {
                bracket_rows: 4,
                sorts,
            };
            let named = stats.iter().map(|(s, v)| (*s, v.to_string())).collect();
            let mut p = SecondPass::new(named, LonelyPsu::Fail, 0.95, limits)?;
            let label = |k: u64| k.to_string();
            while p.wants_pass() {
                for start in (0..self.w.len()).step_by(100) {
                    let r = start..(start + 100).min(self.w.len());
                    let column = |v: &str| if v == "eq" { &self.eq } else { &self.py };
                    p.add(&Rows {
                        weights: &self.w[r.clone()],
                        strata: None,
                        psu: &self.psu[r.clone()],
                        psu_label: &label,
                        fpc: None,
                        domain: &self.domain[r.clone()],
                        y: stats.iter().map(|(_, v)| &column(v)[r.clone()]).collect(),
                        x: vec![None; stats.len()],
                    })?;
                }
                if p.passes() == 0 {
                    first_pass();
                }
                p.end_pass()?;
            }
            Ok(p)
        }
    }

    /// The output rows of the two domains, as text (the numbers to the last digit).
    fn table(p: &SecondPass) -> String {
        let table = DomainTable {
            variables: vec!["d".into()],
            labels: vec![vec!["0".into()], vec!["1".into()]],
            codes: vec![vec![0], vec![1]],
            id: vec![0, 1],
        };
        format!(
            "{:?}",
            p.rows(&table, &ReliabilityRule::None, None).unwrap()
        )
    }

    #[test]
    fn the_gini_coefficient_needs_one_pass_and_leaves_no_file() {
        let d = dir("gini-pass");
        let sample = Sample::new(600);
        let sorts = Arc::new(FileSorts::new(d.clone(), 3));
        let p = (sample.passes(&[GINI_EQ], sorts, || {
            assert!(files_under(&d) > 1, "sorted runs on disk");
        }))
        .unwrap();
        assert!(!p.wants_pass());
        assert_eq!(p.passes(), 1);
        assert_eq!(entries(&d), 0, "no run and no directory left");
        let rows = p.rows(
            &DomainTable {
                variables: vec![],
                labels: vec![vec![]],
                codes: vec![vec![]],
                id: vec![0],
            },
            &ReliabilityRule::None,
            None,
        );
        let got = rows.unwrap()[0].measures.estimate;
        let even: Vec<u32> = (0..600).filter(|i| i % 2 == 0).collect();
        let order = civis_survey::statistic::sorted_rows(&sample.eq, even.iter().copied());
        let want = civis_survey::statistic::gini(&order, &sample.eq, &sample.w);
        assert!((got - want).abs() < 1e-12, "{got} vs {want}");
        std::fs::remove_dir(&d).unwrap();
    }

    #[test]
    fn in_memory_and_file_sorts_give_the_same_gini_coefficients() {
        let d = dir("same-gini");
        let sample = Sample::new(600);
        let stats = [
            GINI_EQ,
            (Statistic::PovertyRate { share: 0.6 }, "eq"),
            GINI_PY,
            GINI_EQ,
        ];
        let memory = sample.passes(&stats, Arc::new(InMemory), || {}).unwrap();
        // runs of 3 rows: 199 runs (and 3 rows in memory) per sort, merged in two rounds
        let files = (sample.passes(&stats, Arc::new(FileSorts::new(d.clone(), 3)), || {
            assert_eq!(files_under(&d), 2 * 199, "one sort per variable");
        }))
        .unwrap();
        let (a, b) = (table(&memory), table(&files));
        assert!(
            a.contains("statistic: \"gini\"") && !a.contains("estimate: NaN"),
            "{a}"
        );
        assert_eq!(a, b);
        assert_eq!(entries(&d), 0);
        std::fs::remove_dir(&d).unwrap();
    }

    #[test]
    fn an_unwritable_temporary_directory_is_a_clear_error_and_leaves_no_file() {
        let d = dir("unwritable");
        // a file where the directory should be: not even root can create a directory in it
        let tmpdir = d.join("not-a-directory");
        std::fs::write(&tmpdir, "x").unwrap();
        let sample = Sample::new(600);
        let sorts = Arc::new(FileSorts::new(tmpdir.clone(), 3));
        let err = match sample.passes(&[GINI_EQ], sorts, || {}) {
            Err(err) => err.to_string(),
            Ok(_) => panic!("sorted runs written under a file"),
        };
        assert!(err.contains(&*tmpdir.to_string_lossy()), "{err}");
        assert!(err.contains("TMPDIR"), "{err}");
        assert_eq!(files_under(&d), 1, "only the file of the test");
        std::fs::remove_dir_all(&d).unwrap();
    }
}
