//! # civis-frame: the columnar table Civis estimates from
//!
//! Survey microdata are held column by column: numeric columns as `Vec<f64>` (missing = `NaN`),
//! text columns dictionary-encoded (`Vec<u32>` codes into a small dictionary). Estimators then run
//! tight loops over slices without per-row allocation.
//!
//! The [`expr`] module implements the small expression language of `--define` and `--where`
//! (arithmetic, comparisons, `in (..)`, `and`/`or`/`not`, `is missing`, `if(c, a, b)`, string
//! literals) with SQL semantics for missing values: any arithmetic or comparison with a missing
//! operand is missing, `and`/`or` use three-valued logic, `if` takes the else branch when the
//! condition is missing, and a `where` keeps only rows whose condition is true.

pub mod column;
pub mod expr;
pub mod factor;

pub use column::{
    format_number, CellRef, Column, NumColumn, StrColumn, StrColumnBuilder, MISSING_CODE,
};

use thiserror::Error;

/// Errors about frame structure (unknown or duplicate columns, length mismatches).
#[derive(Debug, Error, PartialEq)]
pub enum FrameError {
    #[error("unknown column `{name}`{hint}")]
    UnknownColumn { name: String, hint: String },
    #[error("column `{0}` already exists")]
    DuplicateColumn(String),
    #[error("column `{name}` has {got} rows, the table has {expected}")]
    Length {
        name: String,
        got: usize,
        expected: usize,
    },
    #[error("column `{name}` must be numeric but is text{at}")]
    NotNumeric { name: String, at: String },
}

/// A named collection of equally long columns.
#[derive(Debug, Clone, Default)]
pub struct Frame {
    names: Vec<String>,
    columns: Vec<Column>,
    nrows: usize,
    /// Where the data came from (a file name), for messages.
    pub source: Option<String>,
}

impl Frame {
    pub fn new(nrows: usize) -> Self {
        Self {
            nrows,
            ..Default::default()
        }
    }
    pub fn nrows(&self) -> usize {
        self.nrows
    }
    pub fn ncols(&self) -> usize {
        self.columns.len()
    }
    pub fn names(&self) -> &[String] {
        &self.names
    }
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// Add a column; fails if the name exists or the length differs.
    pub fn push(&mut self, name: impl Into<String>, col: Column) -> Result<(), FrameError> {
        let name = name.into();
        if self.names.contains(&name) {
            return Err(FrameError::DuplicateColumn(name));
        }
        if self.columns.is_empty() && self.nrows == 0 {
            self.nrows = col.len();
        }
        if col.len() != self.nrows {
            return Err(FrameError::Length {
                name,
                got: col.len(),
                expected: self.nrows,
            });
        }
        self.names.push(name);
        self.columns.push(col);
        Ok(())
    }

    /// Add or replace a column.
    pub fn set(&mut self, name: impl Into<String>, col: Column) -> Result<(), FrameError> {
        let name = name.into();
        match self.position(&name) {
            Some(p) => {
                if col.len() != self.nrows {
                    return Err(FrameError::Length {
                        name,
                        got: col.len(),
                        expected: self.nrows,
                    });
                }
                self.columns[p] = col;
                Ok(())
            }
            None => self.push(name, col),
        }
    }

    pub fn position(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// The column called `name`, or an error that suggests near matches.
    pub fn column(&self, name: &str) -> Result<&Column, FrameError> {
        match self.position(name) {
            Some(p) => Ok(&self.columns[p]),
            None => Err(FrameError::UnknownColumn {
                name: name.to_owned(),
                hint: self.hint(name),
            }),
        }
    }

    /// The numeric column called `name`; a text column is an error naming its first
    /// non-numeric cell.
    pub fn numeric(&self, name: &str) -> Result<&[f64], FrameError> {
        match self.column(name)? {
            Column::Num(c) => Ok(&c.values),
            Column::Str(c) => Err(FrameError::NotNumeric {
                name: name.to_owned(),
                at: match &c.first_non_numeric {
                    Some(cell) => format!(
                        ": line {}, column {} holds `{}`",
                        cell.line, cell.column, cell.text
                    ),
                    None => String::new(),
                },
            }),
        }
    }

    fn hint(&self, name: &str) -> String {
        let lower = name.to_lowercase();
        if let Some(n) = self.names.iter().find(|n| n.to_lowercase() == lower) {
            return format!(" (did you mean `{n}`? names are case-sensitive)");
        }
        let close: Vec<String> = self
            .names
            .iter()
            .filter(|n| edit_distance(&n.to_lowercase(), &lower) <= 2)
            .map(|n| format!("`{n}`"))
            .take(3)
            .collect();
        if !close.is_empty() {
            return format!(" (did you mean {}?)", close.join(", "));
        }
        let mut shown: Vec<&str> = self.names.iter().map(String::as_str).take(12).collect();
        if self.names.len() > 12 {
            shown.push("...");
        }
        format!("; columns are: {}", shown.join(", "))
    }

    /// Keep only the rows where `keep[i]` is true, in order.
    pub fn filter(&self, keep: &[bool]) -> Frame {
        let nrows = keep.iter().filter(|&&k| k).count();
        let columns = self
            .columns
            .iter()
            .map(|c| match c {
                Column::Num(n) => Column::Num(NumColumn::new(
                    n.values
                        .iter()
                        .zip(keep)
                        .filter(|(_, &k)| k)
                        .map(|(v, _)| *v)
                        .collect(),
                )),
                Column::Str(s) => Column::Str(StrColumn {
                    codes: s
                        .codes
                        .iter()
                        .zip(keep)
                        .filter(|(_, &k)| k)
                        .map(|(v, _)| *v)
                        .collect(),
                    dict: s.dict.clone(),
                    first_non_numeric: s.first_non_numeric.clone(),
                }),
            })
            .collect();
        Frame {
            names: self.names.clone(),
            columns,
            nrows,
            source: self.source.clone(),
        }
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_column_suggests_case_insensitive_match() {
        let mut f = Frame::new(1);
        f.push("rb050", Column::Num(NumColumn::new(vec![1.0])))
            .unwrap();
        let e = f.column("RB050").unwrap_err().to_string();
        assert!(e.contains("did you mean `rb050`"), "{e}");
    }

    #[test]
    fn numeric_on_text_names_the_cell() {
        let mut b = StrColumnBuilder::default();
        b.push("x");
        b.set_first_non_numeric(CellRef {
            line: 7,
            column: 3,
            text: "x".into(),
        });
        let mut f = Frame::new(1);
        f.push("w", Column::Str(b.finish())).unwrap();
        let e = f.numeric("w").unwrap_err().to_string();
        assert!(e.contains("line 7, column 3"), "{e}");
    }
}
