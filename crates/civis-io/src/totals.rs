//! Population totals for calibration (`civis estimate --calibrate/--poststratify/--rake --totals
//! FILE`): a CSV file with the columns `variable,category,total` in any order (other columns are
//! ignored). A categorical variable has one row per category, whose totals together give the
//! population size; a numeric variable has one row with an empty `category`, whose total is the
//! population total of that variable (and may be negative). Every refusal is one sentence that
//! names the file and, where there is one, the line.

use std::io::Read;
use std::path::Path;

use thiserror::Error;

/// One row of a totals file.
#[derive(Debug, Clone, PartialEq)]
pub struct TotalRow {
    /// The calibration variable (a column of the microdata).
    pub variable: String,
    /// The category of a categorical variable; `None` for a numeric variable.
    pub category: Option<String>,
    /// The population total: a count of persons (finite, not negative) for a category, the
    /// population total of the variable (finite) for a numeric variable.
    pub total: f64,
}

/// Why a totals file could not be read.
#[derive(Debug, Error)]
pub enum TotalsError {
    #[error("{file}: cannot read the totals file: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
    #[error("{file}: {message}")]
    Csv { file: String, message: String },
    #[error("{file}: no column `{column}` (expected variable,category,total)")]
    MissingColumn { file: String, column: &'static str },
    #[error("{file}: line {line}: column `variable` is empty")]
    EmptyVariable { file: String, line: u64 },
    #[error("{file}: line {line}: total `{raw}` is not a valid number")]
    BadTotal {
        file: String,
        line: u64,
        raw: String,
    },
    #[error("{file}: line {line}: `{variable}` {what} is given twice")]
    Repeated {
        file: String,
        line: u64,
        variable: String,
        what: String,
    },
}

/// Read the totals file at `path`.
pub fn read_totals_file(path: &Path) -> Result<Vec<TotalRow>, TotalsError> {
    let file = path.display().to_string();
    let f = std::fs::File::open(path).map_err(|source| TotalsError::Io {
        file: file.clone(),
        source,
    })?;
    read_totals(f, &file)
}

/// Read a totals file from `input`; `file` names it in messages.
pub fn read_totals(input: impl Read, file: &str) -> Result<Vec<TotalRow>, TotalsError> {
    let csv_error = |e: csv::Error| TotalsError::Csv {
        file: file.to_string(),
        // the csv crate's messages can span lines; one sentence per refusal
        message: e.to_string().replace(['\n', '\r'], " "),
    };
    let mut r = csv::ReaderBuilder::new().from_reader(input);
    let header = r.headers().map_err(csv_error)?.clone();
    let col = |column: &'static str| {
        header
            .iter()
            .position(|h| h.trim().trim_start_matches('\u{feff}') == column)
            .ok_or_else(|| TotalsError::MissingColumn {
                file: file.to_string(),
                column,
            })
    };
    let (cv, cc, ct) = (col("variable")?, col("category")?, col("total")?);
    let mut out: Vec<TotalRow> = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let rec = rec.map_err(csv_error)?;
        let line = rec.position().map_or(i as u64 + 2, |p| p.line());
        let field = |c: usize| rec.get(c).unwrap_or("").trim().to_string();
        let variable = field(cv);
        if variable.is_empty() {
            return Err(TotalsError::EmptyVariable {
                file: file.to_string(),
                line,
            });
        }
        let category = Some(field(cc)).filter(|c| !c.is_empty());
        let raw = field(ct);
        let total = raw
            .parse::<f64>()
            .ok()
            .filter(|t| t.is_finite() && (*t >= 0.0 || category.is_none()))
            .ok_or_else(|| TotalsError::BadTotal {
                file: file.to_string(),
                line,
                raw: one_line(&raw.chars().take(40).collect::<String>()),
            })?;
        if out
            .iter()
            .any(|t| t.variable == variable && t.category == category)
        {
            let what = category
                .as_deref()
                .map_or("(numeric total)".to_string(), |c| {
                    format!("category `{}`", one_line(c))
                });
            return Err(TotalsError::Repeated {
                file: file.to_string(),
                line,
                variable: one_line(&variable),
                what,
            });
        }
        out.push(TotalRow {
            variable,
            category,
            total,
        });
    }
    Ok(out)
}

/// A cell as a message quotes it: control characters (a quoted field may hold a line break)
/// written as escapes, so that every refusal stays one line.
fn one_line(cell: &str) -> String {
    cell.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_debug().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_and_numeric_totals() {
        let t = "variable,category,total\nsex,1,100\nsex,2,120\nincome,,-5.5\n";
        let rows = read_totals(t.as_bytes(), "t.csv").unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].category.as_deref(), Some("2"));
        assert_eq!(rows[2].category, None);
        assert_eq!(rows[2].total, -5.5);
    }

    #[test]
    fn refusals_name_the_file_and_line() {
        let cases = [
            ("variable,total\nsex,1\n", "t.csv: no column `category`"),
            (
                "variable,category,total\n,1,3\n",
                "t.csv: line 2: column `variable` is empty",
            ),
            (
                "variable,category,total\nsex,1,-3\n",
                "t.csv: line 2: total `-3` is not",
            ),
            (
                "variable,category,total\nsex,1,NaN\n",
                "t.csv: line 2: total `NaN` is not",
            ),
            (
                "variable,category,total\nsex,1,3\nsex,1,4\n",
                "t.csv: line 3: `sex` category `1` is given twice",
            ),
            (
                "variable,category,total\nsex,1,\",900\nincome,,-1\"\n",
                "t.csv: line 2: total `,900\\nincome,,-1` is not",
            ),
        ];
        for (input, expected) in cases {
            let e = read_totals(input.as_bytes(), "t.csv")
                .unwrap_err()
                .to_string();
            assert!(e.starts_with(expected), "{input:?}: {e}");
        }
    }
}
