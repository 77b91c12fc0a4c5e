//! Streaming reader of numeric columns grouped by a key column, for unit-level
//! small area estimation: a survey sample or a census/register file with one
//! row per person, where each area's persons are needed as columns of `f64`.
//!
//! The file is read record by record (gzip transparently, through
//! [`open_input`]); only the key and the requested columns are decoded. Per
//! group it keeps the row count and the column sums, and, when asked, the
//! values themselves, stored columnar (`values[group][column][row]`), never as
//! per-row structs: 2.5 million persons with 3 covariates take 60 MB.
//! Groups are numbered in order of first appearance.

use std::collections::HashMap;
use std::path::Path;

use crate::format_error::{FormatError, Location};
use crate::input::open_input;
use crate::number::{parse_number, Num};

/// Numeric columns of a file grouped by a key.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GroupedColumns {
    /// The requested numeric columns, in the order asked.
    pub columns: Vec<String>,
    /// Group keys in order of first appearance.
    pub keys: Vec<String>,
    /// Rows per group.
    pub counts: Vec<usize>,
    /// Column sums per group (`sums[group][column]`).
    pub sums: Vec<Vec<f64>>,
    /// The values (`values[group][column][row]`), empty unless kept.
    pub values: Vec<Vec<Vec<f64>>>,
}

impl GroupedColumns {
    /// Position of group `key`.
    pub fn group(&self, key: &str) -> Option<usize> {
        self.keys.iter().position(|k| k == key)
    }
}

/// What [`read_grouped`] reads.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupedSpec<'a> {
    /// Key column (its text is the group key).
    pub key: &'a str,
    /// Numeric columns; a cell that is blank or not a number is an error naming it.
    pub numeric: &'a [String],
    /// Keep the values, not only counts and sums.
    pub keep_values: bool,
}

/// Reads `path` (CSV, comma-separated, header row) grouped by `spec.key`.
pub fn read_grouped(path: &Path, spec: &GroupedSpec) -> Result<GroupedColumns, FormatError> {
    let name = path.display().to_string();
    let input = open_input(path)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(input);
    let header = reader
        .headers()
        .map_err(|e| FormatError::from_csv(&name, e))?
        .clone();
    let find = |col: &str| {
        header
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}').trim() == col)
            .ok_or_else(|| FormatError::Invalid {
                file: name.clone(),
                message: format!(
                    "no column named `{col}`; columns are: {}",
                    header.iter().collect::<Vec<_>>().join(", ")
                ),
            })
    };
    let key = find(spec.key)?;
    let cols: Vec<usize> = spec
        .numeric
        .iter()
        .map(|c| find(c))
        .collect::<Result<_, _>>()?;
    let p = cols.len();
    let mut out = GroupedColumns {
        columns: spec.numeric.to_vec(),
        ..Default::default()
    };
    let mut index: HashMap<Vec<u8>, usize> = HashMap::new();
    let mut record = csv::ByteRecord::new();
    let mut last: Option<(Vec<u8>, usize)> = None;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(FormatError::from_csv(&name, e)),
        }
        let line = record.position().map_or(0, |p| p.line());
        if record.len() == 1 && record[0].iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if record.len() != header.len() {
            return Err(FormatError::Parse {
                file: name.clone(),
                at: Location {
                    line,
                    column: None,
                    name: None,
                },
                message: format!(
                    "{} fields but the header has {}",
                    record.len(),
                    header.len()
                ),
            });
        }
        let k = &record[key];
        let g = match &last {
            Some((bytes, g)) if bytes.as_slice() == k => *g,
            _ => {
                let g = match index.get(k) {
                    Some(g) => *g,
                    None => {
                        let text = std::str::from_utf8(k).map_err(|_| FormatError::Parse {
                            file: name.clone(),
                            at: Location {
                                line,
                                column: Some(key + 1),
                                name: Some(spec.key.into()),
                            },
                            message: "invalid UTF-8".into(),
                        })?;
                        let g = out.keys.len();
                        index.insert(k.to_vec(), g);
                        out.keys.push(text.to_string());
                        out.counts.push(0);
                        out.sums.push(vec![0.0; p]);
                        if spec.keep_values {
                            out.values.push(vec![Vec::new(); p]);
                        }
                        g
                    }
                };
                last = Some((k.to_vec(), g));
                g
            }
        };
        out.counts[g] += 1;
        for (j, &c) in cols.iter().enumerate() {
            let v = match parse_number(&record[c]) {
                Num::Value(v) => v,
                _ => {
                    return Err(FormatError::Parse {
                        file: name.clone(),
                        at: Location {
                            line,
                            column: Some(c + 1),
                            name: Some(spec.numeric[j].clone()),
                        },
                        message: format!(
                        "`{}` is not a number (the column must be numeric, without missing values)",
                        String::from_utf8_lossy(&record[c])
                    ),
                    })
                }
            };
            out.sums[g][j] += v;
            if spec.keep_values {
                out.values[g][j].push(v);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(text: &str) -> tempfile_path::TempPath {
        tempfile_path::TempPath::new(text)
    }

    mod tempfile_path {
        pub struct TempPath(pub std::path::PathBuf);
        impl TempPath {
            pub fn new(text: &str) -> Self {
                use std::sync::atomic::{AtomicUsize, Ordering};
                static N: AtomicUsize = AtomicUsize::new(0);
                let p = std::env::temp_dir().join(format!(
                    "civis-grouped-{}-{}.csv",
                    std::process::id(),
                    N.fetch_add(1, Ordering::SeqCst)
                ));
                std::fs::write(&p, text).unwrap();
                Self(p)
            }
        }
        impl Drop for TempPath {
            fn drop(&mut self) {
                let _ = std::fs::remove_file(&self.0);
            }
        }
    }

    #[test]
    fn groups_counts_sums_and_values() {
        let f = write("area,x,y,label\nb,1,2,u\na,3,4,v\nb,5,6,w\n");
        let cols = vec!["y".to_string(), "x".to_string()];
        let spec = GroupedSpec {
            key: "area",
            numeric: &cols,
            keep_values: true,
        };
        let g = read_grouped(&f.0, &spec).unwrap();
        assert_eq!(g.keys, vec!["b", "a"]);
        assert_eq!(g.counts, vec![2, 1]);
        assert_eq!(g.sums, vec![vec![8.0, 6.0], vec![4.0, 3.0]]);
        assert_eq!(g.values[0], vec![vec![2.0, 6.0], vec![1.0, 5.0]]);
        let sums_only = read_grouped(
            &f.0,
            &GroupedSpec {
                keep_values: false,
                ..spec
            },
        )
        .unwrap();
        assert!(sums_only.values.is_empty());
        assert_eq!(sums_only.sums, g.sums);
    }

    #[test]
    fn errors_name_the_file_line_and_column() {
        let f = write("area,x\na,1\na,male\n");
        let cols = vec!["x".to_string()];
        let spec = GroupedSpec {
            key: "area",
            numeric: &cols,
            keep_values: false,
        };
        let e = read_grouped(&f.0, &spec).unwrap_err().to_string();
        assert!(e.ends_with("line 3, column 2 (x): `male` is not a number (the column must be numeric, without missing values)"), "{e}");
        let missing = vec!["z".to_string()];
        let e = read_grouped(
            &f.0,
            &GroupedSpec {
                numeric: &missing,
                ..spec
            },
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("no column named `z`; columns are: area, x"),
            "{e}"
        );
    }
}
