//! Partial sums files: writing the accumulator's (stratum, PSU, domain) groups
//! (`--partials-out`) and estimating from one or more such files (`--from-partials`). The
//! columns are described in [`super::sql`], whose SQL produces the same files inside an engine.

use std::path::{Path, PathBuf};

use civis_frame::{format_number, Frame};
use civis_io::{read_csv, CsvOptions};
use civis_survey::partials::groups::Groups;
use civis_survey::partials::{DomainSums, LinearAccumulator};
use civis_survey::Statistic;

use super::stream::{finish, strata_grouping, Keys};
use super::{EstimateOutput, Estimation};
use crate::design::locate;
use crate::error::{bail, invalid, Result, WithContext};

/// The sums kept per series, in column order (`n`: rows with the variables present; `w`:
/// their weight; `w_missing`: the weight of the domain's rows with a variable missing;
/// `y, x, yy, xy, xx`: sums of `w y`, `w x`, `w y^2`, `w x y`, `w x^2`).
pub(super) const SUMS: [&str; 9] = [
    "n",
    "n_nonzero",
    "w",
    "w_missing",
    "y",
    "x",
    "yy",
    "xy",
    "xx",
];

/// The columns of the partial sums of an estimation.
pub(super) struct Layout {
    pub strata: Option<String>,
    pub psu: String,
    pub fpc: Option<String>,
    pub by: Vec<String>,
    pub weight: Option<String>,
    /// The distinct (variable, denominator) pairs of the measures, each a block of [`SUMS`].
    pub series: Vec<(String, Option<String>)>,
    /// The series of each measure.
    pub series_of: Vec<usize>,
}

impl Layout {
    pub(super) fn of(e: &Estimation) -> Layout {
        let o = &e.options;
        let d = o.design.parts();
        let mut series: Vec<(String, Option<String>)> = Vec::new();
        let mut series_of = Vec::new();
        for m in &o.measures {
            let (_, y, x, _) = m.parts();
            let key = (y.to_string(), x.map(str::to_string));
            let i = match series.iter().position(|s| *s == key) {
                Some(i) => i,
                None => {
                    series.push(key);
                    series.len() - 1
                }
            };
            series_of.push(i);
        }
        Layout {
            strata: d.strata.map(str::to_string),
            psu: d.psu.unwrap_or_default().to_string(),
            fpc: d.fpc.map(str::to_string),
            by: o.by.clone(),
            weight: d.weight.map(str::to_string),
            series,
            series_of,
        }
    }

    pub(super) fn stratum_column(&self) -> Option<String> {
        self.strata.as_ref().map(|s| format!("stratum:{s}"))
    }

    pub(super) fn psu_column(&self) -> String {
        format!("psu:{}", self.psu)
    }

    pub(super) fn fpc_column(&self) -> Option<String> {
        self.fpc.as_ref().map(|s| format!("fpc:{s}"))
    }

    pub(super) fn by_columns(&self) -> Vec<String> {
        self.by.iter().map(|b| format!("by:{b}")).collect()
    }

    pub(super) fn bad_weights_column(&self) -> String {
        match &self.weight {
            Some(w) => format!("bad_weights:{w}"),
            None => "bad_weights".to_string(),
        }
    }

    /// The label of a series (`y` or `y/x`), the prefix of its columns.
    pub(super) fn series_label(&self, i: usize) -> String {
        match &self.series[i] {
            (y, Some(x)) => format!("{y}/{x}"),
            (y, None) => y.clone(),
        }
    }

    /// Every column, in order.
    pub(super) fn columns(&self) -> Vec<String> {
        let mut c: Vec<String> = self.stratum_column().into_iter().collect();
        c.push(self.psu_column());
        c.extend(self.fpc_column());
        c.extend(self.by_columns());
        c.push(self.bad_weights_column());
        c.push("domain_rows".into());
        c.push("domain_weight".into());
        for i in 0..self.series.len() {
            let l = self.series_label(i);
            c.extend(SUMS.iter().map(|s| format!("{l}:{s}")));
        }
        c
    }
}

/// Writes the accumulator's groups to `path` (a temporary file beside it, then a rename).
pub(super) fn write(
    e: &Estimation,
    acc: &LinearAccumulator,
    keys: &Keys,
    path: &Path,
) -> Result<()> {
    let layout = Layout::of(e);
    let first_of_series: Vec<usize> = (0..layout.series.len())
        .map(|i| layout.series_of.iter().position(|&s| s == i).unwrap_or(0))
        .collect();
    let by_labels: Vec<Vec<String>> = keys.levels.iter().map(|l| l.labels()).collect();
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("partials");
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let context = || format!("--partials-out {}", path.display());
    let result = (|| -> Result<()> {
        let mut w = csv::Writer::from_path(&tmp)?;
        w.write_record(layout.columns())?;
        let mut rec: Vec<String> = Vec::new();
        for g in acc.groups()? {
            rec.clear();
            if layout.strata.is_some() {
                rec.push(g.stratum.to_string());
            }
            rec.push(keys.psu.label(g.psu));
            if layout.fpc.is_some() {
                rec.push(g.fpc.map(format_number).unwrap_or_default());
            }
            match g.domain {
                Some(d) => {
                    let codes = &keys.domain_codes[d as usize];
                    rec.extend(
                        codes
                            .iter()
                            .zip(&by_labels)
                            .map(|(&c, l)| l[c as usize].clone()),
                    );
                }
                None => rec.extend(std::iter::repeat_n(String::new(), layout.by.len())),
            }
            rec.push("0".into());
            let all = g.sums.first().copied().unwrap_or_default();
            rec.push(all.n_all.to_string());
            rec.push(format_number(all.w_all));
            for &s in &first_of_series {
                let v = g.sums.get(s).copied().unwrap_or_default();
                rec.push(v.n.to_string());
                rec.push(v.n_nonzero.to_string());
                for x in [v.w, v.w_missing, v.y, v.x, v.yy, v.xy, v.xx] {
                    rec.push(format_number(x));
                }
            }
            w.write_record(&rec)?;
        }
        w.flush()?;
        w.into_inner()
            .map_err(|err| invalid!("{}", err.error()))?
            .sync_all()?;
        std::fs::rename(&tmp, path)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.with_context(context)
}

/// Estimates from partial sums files, groups added up in the order of the files.
pub(super) fn run(e: &Estimation, files: &[PathBuf]) -> Result<EstimateOutput> {
    let o = &e.options;
    let layout = Layout::of(e);
    let stats: Vec<Statistic> = o.measures.iter().map(|m| m.parts().0).collect();
    // a PSU may be split across files: find PSUs by hash
    let mut acc = LinearAccumulator::new(stats, o.design.parts().nest)?.any_order();
    if o.partials_out.is_some() {
        acc.keep_groups()?;
    }
    let mut keys = Keys::new(o.by.len());
    let mut groups = 0;
    for path in files {
        groups += read_file(&layout, path, &mut acc, &mut keys)?;
    }
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let source = names.join(", ");
    if groups == 0 {
        bail!("{source}: no groups (the partial sums files have no rows)");
    }
    if let Some(path) = &o.partials_out {
        super::partials::write(e, &acc, &keys, path)?;
    }
    finish(e, &acc, &keys, &source)
}

/// Adds the groups of one file (read whole: a key column's type is the whole file's, as for
/// the microdata); returns how many.
fn read_file(
    layout: &Layout,
    path: &Path,
    acc: &mut LinearAccumulator,
    keys: &mut Keys,
) -> Result<usize> {
    let source = path.display().to_string();
    check_header(layout, path, &source)?;
    let opts = CsvOptions {
        delimiter: b',',
        columns: Some(layout.columns()),
    };
    let frame = read_csv(path, &opts)?;
    let reader = FileReader {
        layout,
        source: &source,
    };
    reader.add(frame, 0, acc, keys)
}

/// The header must be exactly the columns these options give.
fn check_header(layout: &Layout, path: &Path, source: &str) -> Result<()> {
    let header = crate::microdata::read_header(path, b',')?;
    let want = layout.columns();
    let at = (0..want.len().max(header.len())).find(|&i| header.get(i) != want.get(i));
    let Some(i) = at else {
        return Ok(());
    };
    let found = header
        .get(i)
        .map_or("no column".to_string(), |h| format!("`{h}`"));
    let expected = want
        .get(i)
        .map_or("no more columns".to_string(), |h| format!("`{h}`"));
    bail!(
        "{source}: these partial sums do not match the options: column {} is {found}, expected {expected} (partial sums merge only with the same --strata, --psu, --fpc, --weight, --by and statistics)",
        i + 1
    )
}

struct FileReader<'a> {
    layout: &'a Layout,
    source: &'a str,
}

impl FileReader<'_> {
    /// Adds one chunk of groups (`first`: rows of the file before it); returns its rows.
    fn add(
        &self,
        frame: Frame,
        first: usize,
        acc: &mut LinearAccumulator,
        keys: &mut Keys,
    ) -> Result<usize> {
        let (l, source) = (self.layout, self.source);
        let n = frame.nrows();
        let changed = |what: &str| {
            invalid!(
                "{source}: column `{what}` holds numbers in some partial sums and text in others"
            )
        };
        let num = |c: &str| -> Result<&[f64]> {
            frame.numeric(c).map_err(|err| invalid!("{source}: {err}"))
        };
        let bad = num(&l.bad_weights_column())?;
        if let Some(i) = bad.iter().position(|&b| b != 0.0) {
            let w = l.weight.as_deref().unwrap_or("weight");
            bail!(
                "{source}: line {}: {} rows of this group have a missing, negative or infinite weight `{w}`",
                first + i + 2,
                bad[i]
            );
        }
        let strata = match l.stratum_column() {
            Some(c) => Some(
                keys.strata
                    .codes(frame.column(&c)?)
                    .ok_or_else(|| changed(&c))?,
            ),
            None => None,
        };
        let psu_col = l.psu_column();
        let psu = keys
            .psu
            .keys(frame.column(&psu_col)?)
            .ok_or_else(|| changed(&psu_col))?;
        let fpc = match l.fpc_column() {
            Some(c) => Some(num(&c)?),
            None => None,
        };
        let domain_rows = num("domain_rows")?;
        let keep: Vec<bool> = domain_rows.iter().map(|&r| r > 0.0).collect();
        let domain = keys
            .domains(&frame, &l.by_columns(), Some(&keep))?
            .ok_or_else(|| changed("by"))?;
        let sums = self.sums(&frame, first)?;
        let labels = keys.strata.labels();
        let psu_label = |k: u64| keys.psu.label(k);
        let groups = Groups {
            strata: strata_grouping(strata.as_deref(), &labels),
            psu: &psu,
            psu_label: &psu_label,
            fpc,
            domain: &domain,
            sums: &sums,
        };
        let weight = l.weight.clone();
        acc.add_groups(&groups, first)
            .map_err(|err| locate(err, source, &weight))?;
        Ok(n)
    }

    /// The sums of every group and measure, row-major, checked (counts are whole numbers,
    /// sums finite).
    fn sums(&self, frame: &Frame, first: usize) -> Result<Vec<DomainSums>> {
        let (l, source) = (self.layout, self.source);
        let col = |c: &str| -> Result<&[f64]> {
            frame.numeric(c).map_err(|err| invalid!("{source}: {err}"))
        };
        let check = |c: &str, v: f64, i: usize, count: bool| -> Result<f64> {
            let ok = v.is_finite() && (!count || (v >= 0.0 && v.fract() == 0.0));
            if !ok {
                bail!(
                    "{source}: line {}: `{c}` = {v} is not {}",
                    first + i + 2,
                    if count { "a count" } else { "a finite number" }
                );
            }
            Ok(v)
        };
        let (rows, weight) = (col("domain_rows")?, col("domain_weight")?);
        let blocks: Vec<Vec<&[f64]>> = (0..l.series.len())
            .map(|s| {
                let label = l.series_label(s);
                SUMS.iter()
                    .map(|f| col(&format!("{label}:{f}")))
                    .collect::<Result<Vec<_>>>()
            })
            .collect::<Result<_>>()?;
        let mut out = Vec::with_capacity(frame.nrows() * l.series_of.len());
        for i in 0..frame.nrows() {
            let n_all = check("domain_rows", rows[i], i, true)? as u64;
            let w_all = check("domain_weight", weight[i], i, false)?;
            for &s in &l.series_of {
                let b = &blocks[s];
                let label = l.series_label(s);
                let get = |k: usize, count: bool| {
                    check(&format!("{label}:{}", SUMS[k]), b[k][i], i, count)
                };
                out.push(DomainSums {
                    n: get(0, true)? as u64,
                    n_all,
                    n_nonzero: get(1, true)? as u64,
                    w: get(2, false)?,
                    w_all,
                    w_missing: get(3, false)?,
                    y: get(4, false)?,
                    x: get(5, false)?,
                    yy: get(6, false)?,
                    xy: get(7, false)?,
                    xx: get(8, false)?,
                });
            }
        }
        Ok(out)
    }
}
