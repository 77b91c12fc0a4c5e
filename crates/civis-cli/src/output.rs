//! Writing estimate tables: CSV, JSON and a terminal table. Files are written to a temporary
//! file beside the target and renamed, so a failed run never leaves half a file.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{bail, Context, Result};
use civis_io::xlsx::{write_xlsx, XlsxCell, XlsxSheet};
use civis_survey::EstimateRow;

/// The fixed columns after the by-variables.
pub const COLUMNS: [&str; 12] = [
    "statistic",
    "variable",
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "cv",
    "deff",
    "n",
    "pop",
    "flags",
    "",
];

pub fn num(v: f64) -> String {
    if v.is_finite() {
        format!("{v}")
    } else {
        String::new()
    }
}

/// A text cell that a spreadsheet would read as a formula gets a leading apostrophe
/// ([`civis_io::sdmx_csv::guard`]).
pub fn text(s: &str) -> String {
    civis_io::sdmx_csv::guard(s).into_owned()
}

pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn cells(by: &[String], r: &EstimateRow) -> Vec<String> {
    let mut v: Vec<String> = r.domain.iter().map(|d| text(d)).collect();
    v.truncate(by.len());
    v.push(r.statistic.clone());
    v.push(text(&r.variable));
    v.extend([r.estimate, r.se, r.ci_low, r.ci_high, r.cv, r.deff].map(num));
    v.push(r.n.to_string());
    v.push(num(r.pop));
    v.push(r.reliability.flag().to_string());
    v
}

pub fn header(by: &[String]) -> Vec<String> {
    by.iter()
        .cloned()
        .chain(
            COLUMNS
                .iter()
                .filter(|c| !c.is_empty())
                .map(|c| c.to_string()),
        )
        .collect()
}

/// Write rows as CSV to any writer.
pub fn write_csv<W: Write>(mut w: W, by: &[String], rows: &[EstimateRow]) -> Result<()> {
    let h: Vec<String> = header(by).iter().map(|s| csv_field(s)).collect();
    writeln!(w, "{}", h.join(","))?;
    for r in rows {
        let c: Vec<String> = cells(by, r).iter().map(|s| csv_field(s)).collect();
        writeln!(w, "{}", c.join(","))?;
    }
    Ok(())
}

/// Write rows as a JSON array of objects (missing numbers as null).
pub fn write_json<W: Write>(mut w: W, by: &[String], rows: &[EstimateRow]) -> Result<()> {
    let f = |v: f64| {
        if v.is_finite() {
            serde_json::Value::from(v)
        } else {
            serde_json::Value::Null
        }
    };
    let arr: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            let mut m = serde_json::Map::new();
            for (name, val) in by.iter().zip(&r.domain) {
                m.insert(name.clone(), val.clone().into());
            }
            m.insert("statistic".into(), r.statistic.clone().into());
            m.insert("variable".into(), r.variable.clone().into());
            m.insert("estimate".into(), f(r.estimate));
            m.insert("se".into(), f(r.se));
            m.insert("ci_low".into(), f(r.ci_low));
            m.insert("ci_high".into(), f(r.ci_high));
            m.insert("cv".into(), f(r.cv));
            m.insert("deff".into(), f(r.deff));
            m.insert("n".into(), r.n.into());
            m.insert("pop".into(), f(r.pop));
            m.insert("flags".into(), r.reliability.flag().into());
            serde_json::Value::Object(m)
        })
        .collect();
    serde_json::to_writer_pretty(&mut w, &arr)?;
    writeln!(w)?;
    Ok(())
}

/// Write to `path` (format from its extension) through a temporary file and a rename.
pub fn write_file(path: &Path, by: &[String], rows: &[EstimateRow]) -> Result<()> {
    match extension(path)?.as_str() {
        "csv" => write_atomically(path, |w| write_csv(w, by, rows)),
        "xlsx" => write_atomically(path, |w| {
            let data = XlsxSheet {
                name: "estimates".into(),
                header: header(by),
                rows: rows
                    .iter()
                    .map(|r| {
                        let mut v: Vec<XlsxCell> = r
                            .domain
                            .iter()
                            .take(by.len())
                            .map(|d| d.as_str().into())
                            .collect();
                        v.push(r.statistic.as_str().into());
                        v.push(r.variable.as_str().into());
                        v.extend(
                            [r.estimate, r.se, r.ci_low, r.ci_high, r.cv, r.deff]
                                .map(XlsxCell::from),
                        );
                        v.push(XlsxCell::Number(r.n as f64));
                        v.push(r.pop.into());
                        v.push(r.reliability.flag().into());
                        v
                    })
                    .collect(),
            };
            write_xlsx(w, &[data, metadata_sheet(&ESTIMATE_COLUMNS_HELP)])?;
            Ok(())
        }),
        _ => write_atomically(path, |w| write_json(w, by, rows)),
    }
}

/// What the columns of `civis estimate` mean.
const ESTIMATE_COLUMNS_HELP: [(&str, &str); 10] = [
    (
        "estimate",
        "the estimate for the domain (means and proportions as shares, ARPR/Gini/RMPG in %)",
    ),
    (
        "se",
        "standard error (design-based: Taylor linearisation or replicates)",
    ),
    (
        "ci_low, ci_high",
        "95 % confidence interval (t with the design degrees of freedom)",
    ),
    ("cv", "coefficient of variation, se / |estimate|"),
    (
        "deff",
        "design effect: variance over the variance of simple random sampling",
    ),
    ("n", "unweighted number of observations"),
    ("pop", "estimated population of the domain (sum of weights)"),
    (
        "flags",
        "u = low reliability; u with empty numbers = not published (suppressed)",
    ),
    (
        "A-B",
        "a domain value A-B is the gap between two groups, its se includes their covariance",
    ),
    ("source", "computed by Civis (civis estimate)"),
];

/// A metadata sheet: column meanings and the flags legend.
pub fn metadata_sheet(items: &[(&str, &str)]) -> XlsxSheet {
    XlsxSheet {
        name: "metadata".into(),
        header: vec!["item".into(), "meaning".into()],
        rows: items
            .iter()
            .map(|(a, b)| vec![XlsxCell::from(*a), XlsxCell::from(*b)])
            .collect(),
    }
}

/// The lower-case extension of an output path, which must be `csv` or `json`.
pub fn extension(path: &Path) -> Result<String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if ext != "csv" && ext != "json" && ext != "xlsx" {
        bail!(
            "--out {}: unknown format (use a .csv, .json or .xlsx file name)",
            path.display()
        );
    }
    Ok(ext)
}

/// Write a file through a temporary file beside it and a rename, so that readers never see half
/// a file and a failure leaves nothing behind.
pub fn write_atomically(
    path: &Path,
    fill: impl FnOnce(&mut BufWriter<File>) -> Result<()>,
) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    remove_stale_temps(dir, &format!(".{name}."), &[".tmp"]);
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> Result<()> {
        let file = File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
        let mut w = BufWriter::with_capacity(1 << 20, file);
        fill(&mut w)?;
        w.flush()?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
            .with_context(|| format!("moving the result to {}", path.display()))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.with_context(|| format!("writing {}", path.display()))
}

/// Removes the temporary files a killed run of ours left in `dir`: names made of `prefix`, a
/// process id and one of `suffixes` (e.g. `.out.csv.` `4711` `.tmp`), whose process is no longer
/// running. Nothing else is touched: not another name, not a file of a run still under way.
pub fn remove_stale_temps(dir: &Path, prefix: &str, suffixes: &[&str]) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(prefix)) else {
            continue;
        };
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let (pid, suffix) = rest.split_at(digits);
        let ours = suffixes.contains(&suffix);
        if let (true, Ok(pid)) = (ours, pid.parse::<u32>()) {
            if !process_is_running(pid) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// Whether a process with this id exists (when unsure, it does).
fn process_is_running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return true;
        };
        // SAFETY: signal 0 only checks that the process exists and may be signalled.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// Refuses to write the output `(option, path)` over one of the `inputs` (compared by canonical
/// path, so `./a.csv`, `a.csv` and a link to it are the same file): the input would be
/// destroyed. `-` (standard input or output) is never a file.
pub fn refuse_overwriting_inputs(output: (&str, &Path), inputs: &[(&str, &Path)]) -> Result<()> {
    let Some(out) = canonical_target(output.1) else {
        return Ok(());
    };
    for (option, input) in inputs {
        if input.as_os_str() == "-" {
            continue;
        }
        if std::fs::canonicalize(input).is_ok_and(|i| i == out) {
            bail!(
                "{} {} is the same file as {option} {}: writing it would destroy the input; choose another output file",
                output.0,
                output.1.display(),
                input.display()
            );
        }
    }
    Ok(())
}

/// The canonical path a file would be written to, if its directory exists.
fn canonical_target(path: &Path) -> Option<std::path::PathBuf> {
    if path.as_os_str() == "-" {
        return None;
    }
    if let Ok(p) = std::fs::canonicalize(path) {
        return Some(p);
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Some(std::fs::canonicalize(dir).ok()?.join(path.file_name()?))
}

/// Print `rows` under `header` as an aligned plain-text table.
pub fn print_aligned<W: Write>(mut w: W, header: &[&str], rows: &[Vec<String>]) -> Result<()> {
    let mut width: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            width[i] = width[i].max(c.chars().count());
        }
    }
    let line = |cells: &[String]| {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c:<width$}", width = width[i]))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let head: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    writeln!(w, "{}", line(&head))?;
    for r in rows {
        writeln!(w, "{}", line(r))?;
    }
    Ok(())
}

/// Write a table of text cells: CSV or JSON (by extension; `numeric` columns become JSON
/// numbers, empty ones null) through a temporary file, CSV to standard output for `-`, or an
/// aligned table on standard output without a path.
pub fn write_text_table(
    out: Option<&Path>,
    header: &[&str],
    rows: &[Vec<String>],
    numeric: &[&str],
) -> Result<()> {
    let csv = |w: &mut dyn Write| -> Result<()> {
        writeln!(w, "{}", header.join(","))?;
        for r in rows {
            let c: Vec<String> = r.iter().map(|s| csv_field(s)).collect();
            writeln!(w, "{}", c.join(","))?;
        }
        Ok(())
    };
    match out {
        None => print_aligned(std::io::stdout().lock(), header, rows),
        Some(p) if p.as_os_str() == "-" => csv(&mut std::io::stdout().lock()),
        Some(p) => {
            let ext = extension(p)?;
            write_atomically(p, |w| {
                if ext != "json" {
                    return csv(w);
                }
                let arr: Vec<serde_json::Value> = rows
                    .iter()
                    .map(|r| {
                        let m: serde_json::Map<String, serde_json::Value> = header
                            .iter()
                            .zip(r)
                            .map(|(k, v)| {
                                let val = if numeric.contains(k) {
                                    v.parse::<f64>()
                                        .map(serde_json::Value::from)
                                        .unwrap_or(serde_json::Value::Null)
                                } else if v == "true" || v == "false" {
                                    serde_json::Value::Bool(v == "true")
                                } else {
                                    serde_json::Value::from(v.as_str())
                                };
                                (k.to_string(), val)
                            })
                            .collect();
                        serde_json::Value::Object(m)
                    })
                    .collect();
                serde_json::to_writer_pretty(&mut *w, &arr)?;
                writeln!(w)?;
                Ok(())
            })
        }
    }
}

pub fn short(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let a = v.abs();
    if a != 0.0 && !(1e-3..1e7).contains(&a) {
        format!("{v:.4e}")
    } else if a >= 1000.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.4}")
    }
}

/// A human-readable aligned table.
pub fn write_table<W: Write>(mut w: W, by: &[String], rows: &[EstimateRow]) -> Result<()> {
    let head = header(by);
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut v: Vec<String> = r.domain.iter().take(by.len()).cloned().collect();
            v.push(r.statistic.clone());
            v.push(r.variable.clone());
            v.extend([r.estimate, r.se, r.ci_low, r.ci_high, r.cv, r.deff].map(short));
            v.push(r.n.to_string());
            v.push(short(r.pop));
            v.push(r.reliability.flag().to_string());
            v
        })
        .collect();
    let mut width: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for row in &body {
        for (i, c) in row.iter().enumerate() {
            width[i] = width[i].max(c.chars().count());
        }
    }
    let line = |cells: &[String]| -> String {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let pad = width[i] - c.chars().count();
                if i < by.len() + 2 {
                    format!("{c}{}", " ".repeat(pad))
                } else {
                    format!("{}{c}", " ".repeat(pad))
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    writeln!(w, "{}", line(&head))?;
    for row in &body {
        writeln!(w, "{}", line(row))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_stale_temporary_files_are_removed() {
        let dir = std::env::temp_dir().join(format!("civis-stale-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        // pid 999999999 is beyond Linux's pid_max: no such process; pid 1 always runs
        let dead = ".out.csv.999999999.tmp";
        let keep = [
            ".out.csv.1.tmp".to_string(),
            ".other.csv.999999999.tmp".to_string(),
            ".out.csv.12x.tmp".to_string(),
            ".out.csv.999999999.tmp.bak".to_string(),
            "out.csv".to_string(),
        ];
        for f in keep.iter().map(String::as_str).chain([dead]) {
            std::fs::write(dir.join(f), "x").unwrap();
        }
        write_atomically(&dir.join("out.csv"), |w| Ok(w.write_all(b"new")?)).unwrap();
        assert!(!dir.join(dead).exists(), "the dead run's file is removed");
        for f in &keep {
            assert!(dir.join(f).exists(), "{f} was removed");
        }
        assert_eq!(std::fs::read(dir.join("out.csv")).unwrap(), b"new");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_output_is_not_an_input_under_another_name() {
        let dir = std::env::temp_dir().join(format!("civis-same-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        let input = dir.join("data.csv");
        std::fs::write(&input, "a\n").unwrap();
        let same = dir.join("sub/../data.csv");
        let e = refuse_overwriting_inputs(("--out", &same), &[("--data", &input)]).unwrap_err();
        assert!(e.to_string().contains("is the same file as --data"), "{e}");
        let other = dir.join("out.csv");
        assert!(refuse_overwriting_inputs(("--out", &other), &[("--data", &input)]).is_ok());
        assert!(
            refuse_overwriting_inputs(("--out", Path::new("-")), &[("--data", &input)]).is_ok()
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn formula_like_labels_are_defused() {
        assert_eq!(text("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(text("-1"), "-1");
        assert_eq!(text("foreign-national"), "foreign-national");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
    }
}
