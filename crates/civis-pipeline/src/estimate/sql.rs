//! Partial sums inside a database or cluster engine: the SQL `civis estimate --emit-sql` prints.
//!
//! Totals, means and ratios and their variances need only sums over the rows of each
//! (stratum, PSU, domain) group (see `civis_survey::partials`). So a register that lives in
//! PostgreSQL, Spark, Trino or DuckDB is estimated where it lives: one `GROUP BY` over the
//! microdata table gives the partial sums, only they travel, and `civis estimate
//! --from-partials` turns them into the estimates, exactly as if it had read the rows.
//!
//! # The partial sums file
//!
//! A CSV file, one row per group, with these columns in this order (`civis estimate
//! --partials-out` writes the same file):
//!
//! | column | meaning |
//! |---|---|
//! | `stratum:S` | the stratum (`--strata S`; absent without strata) |
//! | `psu:P` | the PSU (`--psu P`) |
//! | `fpc:F` | the stratum's fpc (`--fpc F`; absent without) |
//! | `by:B` | one per `--by B`, in order; all empty for the rows of a PSU outside every domain |
//! | `bad_weights:W` | rows with a missing, negative or infinite weight (`--weight W`; `bad_weights` unweighted): must be 0 |
//! | `domain_rows`, `domain_weight` | rows of the group in the domain (`--where` true, every by-value present) and their weight |
//! | `V:n`, `V:n_nonzero`, `V:w`, `V:w_missing`, `V:y`, `V:x`, `V:yy`, `V:xy`, `V:xx` | per variable `V` of the measures (`y`, or `y/x` for a ratio; a variable used by several measures once), over the domain's rows: rows with the variables present, those with a non-zero weight, their weight, the weight of the rows with a variable missing, and the sums of `w y`, `w x`, `w y^2`, `w x y`, `w x^2` (`x = 1` for totals and means) |
//!
//! Several files are merged by adding the groups up: a PSU, or a (PSU, domain) group, may be
//! split across files. The design is rebuilt from the groups as from rows: PSUs are numbered
//! in order of first appearance (which seeded bootstrap and BRR replicates depend on; the SQL
//! orders the groups by stratum and PSU), strata must have one fpc, a PSU must lie in one
//! stratum unless `--nest`. The header must be exactly the columns the options give, so files
//! made for other strata, PSUs, domains, weights or variables are refused; the `--define` and
//! `--where` expressions are not recorded in the file and must be the same.
//!
//! # Expressions in SQL
//!
//! `--define`, `--where` and the measures' variables are translated with the semantics of the
//! expression language (`civis_frame::expr`): missing values are `NULL`; numbers are double
//! precision (every column used as a number is cast, literals are cast from their shortest
//! decimal text, so `0.1` is the same double as in civis); division and `%` by zero, `log` of
//! a number <= 0 and `sqrt` of a negative number are `NULL`; `min` / `max` are `NULL` when an
//! argument is (SQL's `LEAST` would skip it); `round` rounds half away from zero exactly;
//! `round(x, d)` needs a literal `d` between -22 and 22; text ordering is by code point
//! (PostgreSQL: `COLLATE "C"`). What cannot be translated exactly is refused with the reason:
//! `%` in PostgreSQL (no double-precision remainder), comparing text with a number. Values
//! beyond the double range (`exp(1000)`) are an error in PostgreSQL where civis gives infinity.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use civis_frame::expr::syntax::{Syntax, SyntaxNode};
use civis_frame::expr::{ArithOp, CmpOp, Func, LogicOp};

use super::partials::{Layout, SUMS};
use super::Estimation;
use crate::error::{bail, invalid, Result};

/// The SQL dialect of `--emit-sql`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Postgres,
    Spark,
    DuckDb,
}

impl FromStr for Dialect {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "postgres" | "postgresql" => Ok(Dialect::Postgres),
            "spark" => Ok(Dialect::Spark),
            "duckdb" => Ok(Dialect::DuckDb),
            _ => Err(format!("`{s}`: expected postgres, spark or duckdb")),
        }
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Dialect::Postgres => "PostgreSQL",
            Dialect::Spark => "Spark SQL",
            Dialect::DuckDb => "DuckDB",
        })
    }
}

impl Dialect {
    fn double(self) -> &'static str {
        match self {
            Dialect::Postgres => "DOUBLE PRECISION",
            Dialect::Spark | Dialect::DuckDb => "DOUBLE",
        }
    }

    /// A quoted identifier.
    fn ident(self, name: &str) -> String {
        match self {
            Dialect::Spark => format!("`{}`", name.replace('`', "``")),
            _ => format!("\"{}\"", name.replace('"', "\"\"")),
        }
    }

    /// A string literal.
    fn text(self, s: &str) -> String {
        match self {
            Dialect::Spark => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
            _ => format!("'{}'", s.replace('\'', "''")),
        }
    }

    /// A double literal, cast from its shortest round-trip text.
    fn number(self, v: f64) -> String {
        format!("CAST('{v:?}' AS {})", self.double())
    }
}

/// What an SQL expression is known to hold; `Any`: a table column (or `missing`) whose type
/// the table decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    Num,
    Bool,
    Text,
    Any,
}

#[derive(Debug, Clone)]
struct Sql {
    text: String,
    ty: Ty,
}

impl Sql {
    fn new(text: String, ty: Ty) -> Sql {
        Sql { text, ty }
    }
}

/// Translates expressions, with the derived variables defined so far.
struct Translator {
    d: Dialect,
    defined: HashMap<String, Sql>,
}

impl Translator {
    /// A column or derived variable.
    fn column(&self, name: &str) -> Sql {
        match self.defined.get(name) {
            Some(s) => s.clone(),
            None => Sql::new(self.d.ident(name), Ty::Any),
        }
    }

    /// As a double.
    fn num(&self, s: &Sql, at: &str) -> Result<String> {
        let (one, zero) = (self.d.number(1.0), self.d.number(0.0));
        Ok(match s.ty {
            Ty::Num => s.text.clone(),
            Ty::Bool => format!(
                "(CASE WHEN {t} THEN {one} WHEN NOT {t} THEN {zero} END)",
                t = s.text
            ),
            Ty::Any => format!("CAST({} AS {})", s.text, self.d.double()),
            Ty::Text => bail!("`{at}` is text where a number is needed"),
        })
    }

    /// As a condition (a number is true where non-zero).
    fn cond(&self, s: &Sql, at: &str) -> Result<String> {
        Ok(match s.ty {
            Ty::Bool => s.text.clone(),
            Ty::Num | Ty::Any => format!("({} <> 0)", self.num(s, at)?),
            Ty::Text => bail!("`{at}` is text where a condition is needed"),
        })
    }

    /// As a stored value: booleans become 1/0 as civis stores them.
    fn value(&self, s: &Sql, at: &str) -> Result<String> {
        match s.ty {
            Ty::Bool => self.num(s, at),
            _ => Ok(s.text.clone()),
        }
    }

    fn tr(&self, n: SyntaxNode<'_>) -> Result<Sql> {
        let d = self.d;
        let at = n.source();
        Ok(match n.kind() {
            Syntax::Num(v) => Sql::new(d.number(v), Ty::Num),
            Syntax::Str(s) => Sql::new(d.text(s), Ty::Text),
            Syntax::Bool(b) => Sql::new(if b { "TRUE" } else { "FALSE" }.into(), Ty::Bool),
            Syntax::Missing => Sql::new("NULL".into(), Ty::Any),
            Syntax::Column(c) => self.column(c),
            Syntax::Neg(a) => Sql::new(format!("(-{})", self.num(&self.tr(a)?, at)?), Ty::Num),
            Syntax::Not(a) => Sql::new(format!("(NOT {})", self.cond(&self.tr(a)?, at)?), Ty::Bool),
            Syntax::Arith(op, a, b) => self.arith(op, a, b, at)?,
            Syntax::Compare(op, a, b) => self.compare(op, a, b, at)?,
            Syntax::Logic(op, a, b) => {
                let op = if op == LogicOp::And { "AND" } else { "OR" };
                let (a, b) = (self.tr(a)?, self.tr(b)?);
                let (a, b) = (self.cond(&a, at)?, self.cond(&b, at)?);
                Sql::new(format!("({a} {op} {b})"), Ty::Bool)
            }
            Syntax::In {
                lhs,
                items,
                negated,
            } => {
                let mut all = vec![self.tr(lhs)?];
                for i in items {
                    all.push(self.tr(i)?);
                }
                let texts = self.same_type(&all, at)?;
                let not = if negated { " NOT" } else { "" };
                Sql::new(
                    format!("({}{not} IN ({}))", texts[0], texts[1..].join(", ")),
                    Ty::Bool,
                )
            }
            Syntax::IsMissing { arg, negated } => {
                let not = if negated { " NOT" } else { "" };
                Sql::new(format!("({} IS{not} NULL)", self.tr(arg)?.text), Ty::Bool)
            }
            Syntax::Call { func, args } => self.call(func, &args, at)?,
        })
    }

    /// Operands compared or listed together: text with text (numbers refused), numbers as
    /// doubles, table columns among themselves as they are.
    fn same_type(&self, all: &[Sql], at: &str) -> Result<Vec<String>> {
        let has = |t: Ty| all.iter().any(|s| s.ty == t);
        if has(Ty::Text) {
            if has(Ty::Num) || has(Ty::Bool) {
                bail!("`{at}` compares text with a number");
            }
            return Ok(all.iter().map(|s| s.text.clone()).collect());
        }
        if all.iter().all(|s| s.ty == Ty::Any) {
            return Ok(all.iter().map(|s| s.text.clone()).collect());
        }
        all.iter().map(|s| self.num(s, at)).collect()
    }

    fn arith(&self, op: ArithOp, a: SyntaxNode<'_>, b: SyntaxNode<'_>, at: &str) -> Result<Sql> {
        let a = self.num(&self.tr(a)?, at)?;
        let b = self.num(&self.tr(b)?, at)?;
        let text = match op {
            ArithOp::Div => format!("({a} / NULLIF({b}, 0))"),
            ArithOp::Rem if self.d == Dialect::Postgres => {
                bail!("`{at}`: PostgreSQL has no remainder of double precision numbers (`%`)")
            }
            ArithOp::Rem => format!("({a} % NULLIF({b}, 0))"),
            _ => format!("({a} {} {b})", op.symbol()),
        };
        Ok(Sql::new(text, Ty::Num))
    }

    fn compare(&self, op: CmpOp, a: SyntaxNode<'_>, b: SyntaxNode<'_>, at: &str) -> Result<Sql> {
        let all = [self.tr(a)?, self.tr(b)?];
        let mut t = self.same_type(&all, at)?;
        let ordering = !matches!(op, CmpOp::Eq | CmpOp::Ne);
        if ordering && self.d == Dialect::Postgres {
            for (s, text) in all.iter().zip(&mut t) {
                if s.ty == Ty::Text {
                    text.push_str(" COLLATE \"C\"");
                }
            }
        }
        let op = match op {
            CmpOp::Eq => "=",
            CmpOp::Ne => "<>",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        };
        Ok(Sql::new(format!("({} {op} {})", t[0], t[1]), Ty::Bool))
    }

    /// The common type of `if` branches and `coalesce` arguments, each converted to it.
    fn branches(&self, all: &[Sql], at: &str) -> Result<(Vec<String>, Ty)> {
        let has = |t: Ty| all.iter().any(|s| s.ty == t);
        if has(Ty::Text) {
            if has(Ty::Num) || has(Ty::Bool) {
                bail!("`{at}` mixes text and numbers");
            }
            return Ok((all.iter().map(|s| s.text.clone()).collect(), Ty::Text));
        }
        if all.iter().all(|s| s.ty == Ty::Bool) {
            return Ok((all.iter().map(|s| s.text.clone()).collect(), Ty::Bool));
        }
        if all.iter().all(|s| s.ty == Ty::Any) {
            return Ok((all.iter().map(|s| s.text.clone()).collect(), Ty::Any));
        }
        let nums = all.iter().map(|s| self.num(s, at)).collect::<Result<_>>()?;
        Ok((nums, Ty::Num))
    }

    fn call(&self, func: Func, args: &[SyntaxNode<'_>], at: &str) -> Result<Sql> {
        let d = self.d;
        let num = |i: usize| -> Result<String> { self.num(&self.tr(args[i])?, at) };
        let text = match (func, args.len()) {
            (Func::If, 3) => {
                let c = self.cond(&self.tr(args[0])?, at)?;
                let (b, ty) = self.branches(&[self.tr(args[1])?, self.tr(args[2])?], at)?;
                return Ok(Sql::new(
                    format!("(CASE WHEN {c} THEN {} ELSE {} END)", b[0], b[1]),
                    ty,
                ));
            }
            (Func::Coalesce, _) => {
                let all = args
                    .iter()
                    .map(|a| self.tr(*a))
                    .collect::<Result<Vec<_>>>()?;
                let (b, ty) = self.branches(&all, at)?;
                return Ok(Sql::new(format!("COALESCE({})", b.join(", ")), ty));
            }
            (Func::Abs, 1) => format!("ABS({})", num(0)?),
            (Func::Exp, 1) => format!("EXP({})", num(0)?),
            (Func::Floor, 1) => self.floor(&num(0)?),
            (Func::Ceil, 1) => match d {
                Dialect::Spark => format!("CAST(CEIL({}) AS DOUBLE)", num(0)?),
                _ => format!("CEIL({})", num(0)?),
            },
            (Func::Log, 1) => {
                let x = num(0)?;
                format!("(CASE WHEN {x} > 0 THEN LN({x}) END)")
            }
            (Func::Sqrt, 1) => {
                let x = num(0)?;
                format!("(CASE WHEN {x} >= 0 THEN SQRT({x}) END)")
            }
            (Func::Round, 1) => self.round(&num(0)?),
            (Func::Round, 2) => self.round_to(&num(0)?, args[1], at)?,
            (Func::Min | Func::Max, n) if n >= 2 => {
                let xs = (0..n).map(num).collect::<Result<Vec<_>>>()?;
                let nulls: Vec<String> = xs.iter().map(|x| format!("{x} IS NULL")).collect();
                let f = if func == Func::Min {
                    "LEAST"
                } else {
                    "GREATEST"
                };
                format!(
                    "(CASE WHEN {} THEN NULL ELSE {f}({}) END)",
                    nulls.join(" OR "),
                    xs.join(", ")
                )
            }
            _ => bail!("`{at}`: `{}` with {} arguments", func.name(), args.len()),
        };
        Ok(Sql::new(text, Ty::Num))
    }

    /// `FLOOR` as a double (Spark's is a BIGINT).
    fn floor(&self, x: &str) -> String {
        match self.d {
            Dialect::Spark => format!("CAST(FLOOR({x}) AS DOUBLE)"),
            _ => format!("FLOOR({x})"),
        }
    }

    /// Rust's `f64::round` (half away from zero), exactly: the fraction `|x| - floor(|x|)`
    /// of a double is exact, so is the comparison with 0.5.
    fn round(&self, x: &str) -> String {
        let d = self.d;
        let f = self.floor(&format!("ABS({x})"));
        format!(
            "(SIGN({x}) * ({f} + CASE WHEN ABS({x}) - {f} >= {} THEN {} ELSE {} END))",
            d.number(0.5),
            d.number(1.0),
            d.number(0.0)
        )
    }

    /// `round(x, digits)` as civis computes it: `round(x * 10^d) / 10^d` (or `round(x / 10^-d)
    /// * 10^-d`), with a literal `d` so that the power of ten is exact.
    fn round_to(&self, x: &str, digits: SyntaxNode<'_>, at: &str) -> Result<String> {
        let v = match digits.kind() {
            Syntax::Num(v) => v,
            Syntax::Neg(a) => match a.kind() {
                Syntax::Num(v) => -v,
                _ => f64::NAN,
            },
            _ => f64::NAN,
        };
        let d = v.trunc();
        if !(-22.0..=22.0).contains(&d) {
            bail!("`{at}`: the digits of round must be a number between -22 and 22 in SQL");
        }
        let p = self.d.number(10f64.powi(d.abs() as i32));
        Ok(if d >= 0.0 {
            format!("({} / {p})", self.round(&format!("({x} * {p})")))
        } else {
            format!("({} * {p})", self.round(&format!("({x} / {p})")))
        })
    }
}

/// The SQL (see the module docs) for the estimation's partial sums over `table`.
pub(super) fn partials_sql(e: &Estimation, d: Dialect, table: &str) -> Result<String> {
    let table = table.trim();
    if table.is_empty() || table.contains(';') {
        bail!("--table `{table}`: expected a table name");
    }
    let mut t = Translator {
        d,
        defined: HashMap::new(),
    };
    let in_dialect = |what: String| move |err| invalid!("{what}: in {d}: {err}");
    for def in &e.defines {
        let s = t
            .tr(def.expr.syntax())
            .map_err(in_dialect(format!("--define {}", def.name)))?;
        let s = match s.ty {
            Ty::Bool => Sql::new(t.num(&s, def.expr.source())?, Ty::Num),
            _ => s,
        };
        t.defined.insert(def.name.clone(), s);
    }
    let l = Layout::of(e);
    let value = |c: &str| t.value(&t.column(c), c);
    let num = |c: &str| t.num(&t.column(c), c);
    let mut keys: Vec<(String, String)> = Vec::new();
    if let (Some(s), Some(name)) = (&l.strata, l.stratum_column()) {
        keys.push((value(s)?, name));
    }
    keys.push((value(&l.psu)?, l.psu_column()));
    if let (Some(f), Some(name)) = (&l.fpc, l.fpc_column()) {
        keys.push((num(f)?, name));
    }
    let first_by = keys.len();
    for (b, name) in l.by.iter().zip(l.by_columns()) {
        keys.push((value(b)?, name));
    }
    let mut keep: Vec<String> = keys[first_by..]
        .iter()
        .map(|(v, _)| format!("{v} IS NOT NULL"))
        .collect();
    if let Some((text, w)) = &e.filter {
        let s = t.tr(w.syntax()).map_err(in_dialect("--where".into()))?;
        keep.insert(0, t.cond(&s, text)?);
    }
    let keep = if keep.is_empty() {
        "1".to_string()
    } else {
        format!("CASE WHEN {} THEN 1 ELSE 0 END", keep.join(" AND "))
    };
    let weight = match &l.weight {
        Some(w) => num(w)?,
        None => d.number(1.0),
    };
    let mut inner: Vec<String> = keys
        .iter()
        .enumerate()
        .map(|(i, (v, _))| format!("{v} AS civis_k{i}"))
        .collect();
    inner.push(format!("{weight} AS civis_w"));
    inner.push(format!("{keep} AS civis_keep"));
    for (i, (y, x)) in l.series.iter().enumerate() {
        inner.push(format!("{} AS civis_y{i}", num(y)?));
        let x = match x {
            Some(x) => num(x)?,
            None => d.number(1.0),
        };
        inner.push(format!("{x} AS civis_x{i}"));
    }
    let outer = outer_columns(d, &l, &keys);
    let group: Vec<String> = (0..keys.len()).map(|i| format!("civis_k{i}")).collect();
    let end = if d == Dialect::Spark { "" } else { ";" };
    Ok(format!(
        "SELECT\n  {}\nFROM (\n  SELECT\n    {}\n  FROM {table}\n) civis_rows\nGROUP BY {}\nORDER BY {}{end}\n",
        outer.join(",\n  "),
        inner.join(",\n    "),
        group.join(", "),
        group.join(", "),
    ))
}

/// The aggregates of the outer query, named as the partial sums file's columns.
fn outer_columns(d: Dialect, l: &Layout, keys: &[(String, String)]) -> Vec<String> {
    let mut out: Vec<String> = keys
        .iter()
        .enumerate()
        .map(|(i, (_, name))| format!("civis_k{i} AS {}", d.ident(name)))
        .collect();
    let count = |cond: &str| format!("SUM(CASE WHEN {cond} THEN 1 ELSE 0 END)");
    let sum = |cond: &str, v: &str| format!("COALESCE(SUM(CASE WHEN {cond} THEN {v} END), 0)");
    let max = d.number(f64::MAX);
    out.push(format!(
        "{} AS {}",
        count(&format!(
            "civis_w IS NULL OR NOT (civis_w >= 0 AND civis_w <= {max})"
        )),
        d.ident(&l.bad_weights_column())
    ));
    out.push(format!("{} AS domain_rows", count("civis_keep = 1")));
    out.push(format!(
        "{} AS domain_weight",
        sum("civis_keep = 1", "civis_w")
    ));
    for i in 0..l.series.len() {
        let label = l.series_label(i);
        let (y, x) = (format!("civis_y{i}"), format!("civis_x{i}"));
        let present = format!("{y} IS NOT NULL AND {x} IS NOT NULL");
        let p = format!("civis_keep = 1 AND {present}");
        let exprs = [
            count(&p),
            count(&format!("{p} AND civis_w <> 0")),
            sum(&p, "civis_w"),
            sum(&format!("civis_keep = 1 AND NOT ({present})"), "civis_w"),
            sum(&p, &format!("civis_w * {y}")),
            sum(&p, &format!("civis_w * {x}")),
            sum(&p, &format!("civis_w * {y} * {y}")),
            sum(&p, &format!("civis_w * {x} * {y}")),
            sum(&p, &format!("civis_w * {x} * {x}")),
        ];
        for (e, s) in exprs.iter().zip(SUMS) {
            out.push(format!("{e} AS {}", d.ident(&format!("{label}:{s}"))));
        }
    }
    out
}
