//! Columns: numeric (`f64`, `NaN` = missing) and categorical (dictionary-encoded strings).

use std::collections::HashMap;

/// Code used in [`StrColumn::codes`] for a missing cell.
pub const MISSING_CODE: u32 = u32::MAX;

/// Where a cell came from, for error messages (1-based line and column of the source file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellRef {
    pub line: u64,
    pub column: usize,
    pub text: String,
}

/// A numeric column. Missing values are stored as `NaN`; no other `NaN` can be stored
/// (readers map the text `NaN` to missing, too).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NumColumn {
    pub values: Vec<f64>,
}

impl NumColumn {
    pub fn new(values: Vec<f64>) -> Self {
        Self { values }
    }
    pub fn is_missing(&self, i: usize) -> bool {
        self.values[i].is_nan()
    }
}

/// A categorical (string) column, dictionary-encoded: `codes[i]` indexes `dict`, or is
/// [`MISSING_CODE`]. Codes are assigned in order of first appearance.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StrColumn {
    pub codes: Vec<u32>,
    pub dict: Vec<String>,
    /// The first non-empty cell that did not parse as a number, if the column came from a file:
    /// used to say exactly where a column that must be numeric is not.
    pub first_non_numeric: Option<CellRef>,
}

impl StrColumn {
    /// Build from optional strings (None = missing).
    pub fn from_options<S: AsRef<str>>(values: &[Option<S>]) -> Self {
        let mut b = StrColumnBuilder::default();
        for v in values {
            match v {
                Some(s) => b.push(s.as_ref()),
                None => b.push_missing(),
            }
        }
        b.finish()
    }
    /// The string at row `i`, or `None` when missing.
    pub fn get(&self, i: usize) -> Option<&str> {
        let c = self.codes[i];
        (c != MISSING_CODE).then(|| self.dict[c as usize].as_str())
    }
    /// The code of `s` in the dictionary, if present.
    pub fn code_of(&self, s: &str) -> Option<u32> {
        self.dict.iter().position(|d| d == s).map(|p| p as u32)
    }
}

/// Incrementally builds a [`StrColumn`], interning strings.
#[derive(Debug, Default)]
pub struct StrColumnBuilder {
    codes: Vec<u32>,
    dict: Vec<String>,
    index: HashMap<String, u32>,
    first_non_numeric: Option<CellRef>,
}

impl StrColumnBuilder {
    pub fn with_capacity(n: usize) -> Self {
        Self {
            codes: Vec::with_capacity(n),
            ..Default::default()
        }
    }
    pub fn push(&mut self, s: &str) {
        let code = match self.index.get(s) {
            Some(&c) => c,
            None => {
                let c = self.dict.len() as u32;
                self.dict.push(s.to_owned());
                self.index.insert(s.to_owned(), c);
                c
            }
        };
        self.codes.push(code);
    }
    pub fn push_missing(&mut self) {
        self.codes.push(MISSING_CODE);
    }
    pub fn set_first_non_numeric(&mut self, cell: CellRef) {
        if self.first_non_numeric.is_none() {
            self.first_non_numeric = Some(cell);
        }
    }
    pub fn len(&self) -> usize {
        self.codes.len()
    }
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
    pub fn finish(self) -> StrColumn {
        StrColumn {
            codes: self.codes,
            dict: self.dict,
            first_non_numeric: self.first_non_numeric,
        }
    }
}

/// One column of a [`crate::Frame`].
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    Num(NumColumn),
    Str(StrColumn),
}

impl Column {
    pub fn len(&self) -> usize {
        match self {
            Column::Num(c) => c.values.len(),
            Column::Str(c) => c.codes.len(),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn is_missing(&self, i: usize) -> bool {
        match self {
            Column::Num(c) => c.values[i].is_nan(),
            Column::Str(c) => c.codes[i] == MISSING_CODE,
        }
    }
    /// A display label for row `i` (numbers in shortest round-trip form), `None` when missing.
    pub fn label(&self, i: usize) -> Option<String> {
        match self {
            Column::Num(c) => {
                let v = c.values[i];
                (!v.is_nan()).then(|| format_number(v))
            }
            Column::Str(c) => c.get(i).map(str::to_owned),
        }
    }
    pub fn type_name(&self) -> &'static str {
        match self {
            Column::Num(_) => "numeric",
            Column::Str(_) => "text",
        }
    }
}

/// Shortest round-trip text for a number: integers without a decimal point.
pub fn format_number(v: f64) -> String {
    if v == v.trunc() && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}
