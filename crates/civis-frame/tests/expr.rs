//! Property tests: the vectorised evaluator against per-row reference implementations of the
//! SQL missing-value semantics, and the parser against arbitrary input.

use civis_frame::expr::{parse, parse_definition};
use civis_frame::{Column, Frame, NumColumn, StrColumn};
use proptest::prelude::*;

fn num_col(v: &[Option<f64>]) -> Column {
    Column::Num(NumColumn::new(
        v.iter().map(|x| x.unwrap_or(f64::NAN)).collect(),
    ))
}

fn bool_col(v: &[Option<bool>]) -> Column {
    num_col(&v.iter().map(|b| b.map(f64::from)).collect::<Vec<_>>())
}

fn text_col(v: &[Option<String>]) -> Column {
    Column::Str(StrColumn::from_options(v))
}

fn eval_num(f: &Frame, src: &str) -> Vec<Option<f64>> {
    let e = parse(src).unwrap_or_else(|e| panic!("{e}"));
    match e.eval(f).unwrap_or_else(|e| panic!("{e}")) {
        Column::Num(c) => c
            .values
            .iter()
            .map(|&x| (!x.is_nan()).then_some(x))
            .collect(),
        Column::Str(_) => panic!("`{src}` is text"),
    }
}

fn eval_bool(f: &Frame, src: &str) -> Vec<Option<bool>> {
    eval_num(f, src)
        .into_iter()
        .map(|x| {
            x.map(|x| {
                assert!(x == 0.0 || x == 1.0, "`{src}` gives {x}");
                x == 1.0
            })
        })
        .collect()
}

fn eval_text(f: &Frame, src: &str) -> Vec<Option<String>> {
    let e = parse(src).unwrap_or_else(|e| panic!("{e}"));
    match e.eval(f).unwrap_or_else(|e| panic!("{e}")) {
        Column::Str(c) => (0..c.codes.len())
            .map(|i| c.get(i).map(str::to_owned))
            .collect(),
        Column::Num(_) => panic!("`{src}` is numeric"),
    }
}

// Kleene logic, the reference for `and`, `or`, `not`.
fn and(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }
}

fn or(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    }
}

fn tri() -> impl Strategy<Value = Option<bool>> {
    prop::option::of(any::<bool>())
}

/// Small integers (many ties and zeros) or missing.
fn small() -> impl Strategy<Value = Option<f64>> {
    prop::option::of((-3i32..=3).prop_map(f64::from))
}

/// A few short strings, so that columns share values and literals sometimes miss.
fn word() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["AT", "DE", "EU", "at", "", "Ö", "DE2"]).prop_map(String::from)
}

fn quote(s: &str) -> String {
    format!("\"{s}\"")
}

proptest! {
    #[test]
    fn logic_is_kleene(rows in prop::collection::vec((tri(), tri(), tri()), 0..40)) {
        let mut f = Frame::new(rows.len());
        let (a, b, c): (Vec<_>, Vec<_>, Vec<_>) = rows.iter().copied().fold(
            (Vec::new(), Vec::new(), Vec::new()),
            |(mut a, mut b, mut c), (x, y, z)| { a.push(x); b.push(y); c.push(z); (a, b, c) },
        );
        f.push("a", bool_col(&a)).unwrap();
        f.push("b", bool_col(&b)).unwrap();
        f.push("c", bool_col(&c)).unwrap();
        let want_and: Vec<_> = rows.iter().map(|&(x, y, _)| and(x, y)).collect();
        let want_or: Vec<_> = rows.iter().map(|&(x, y, _)| or(x, y)).collect();
        let want_not: Vec<_> = rows.iter().map(|&(x, _, _)| x.map(|x| !x)).collect();
        let want_mix: Vec<_> = rows.iter().map(|&(x, y, z)| or(x, and(y, z.map(|z| !z)))).collect();
        prop_assert_eq!(eval_bool(&f, "a and b"), want_and.clone());
        prop_assert_eq!(eval_bool(&f, "a or b"), want_or);
        prop_assert_eq!(eval_bool(&f, "not a"), want_not);
        prop_assert_eq!(eval_bool(&f, "a || b && !c"), want_mix);
        // De Morgan holds in three-valued logic
        prop_assert_eq!(eval_bool(&f, "not (a and b)"), eval_bool(&f, "not a or not b"));
        // a filter keeps exactly the true rows
        let keep = parse("a and b").unwrap().eval_filter(&f).unwrap();
        prop_assert_eq!(keep, want_and.iter().map(|&x| x == Some(true)).collect::<Vec<_>>());
        // `is missing` is never missing
        let want_is: Vec<_> = want_and.iter().map(|x| Some(x.is_none())).collect();
        prop_assert_eq!(eval_bool(&f, "(a and b) is missing"), want_is);
    }

    #[test]
    fn arithmetic_and_comparisons_propagate_missing(
        rows in prop::collection::vec((small(), small(), small()), 0..40),
    ) {
        let mut f = Frame::new(rows.len());
        for (name, k) in [("x", 0), ("y", 1), ("z", 2)] {
            let v: Vec<_> = rows.iter().map(|r| [r.0, r.1, r.2][k]).collect();
            f.push(name, num_col(&v)).unwrap();
        }
        let lift = |g: fn(f64, f64, f64) -> Option<f64>| -> Vec<Option<f64>> {
            rows.iter().map(|&(x, y, z)| g(x?, y?, z?)).collect()
        };
        prop_assert_eq!(eval_num(&f, "x + y * z"), lift(|x, y, z| Some(x + y * z)));
        prop_assert_eq!(eval_num(&f, "(x - y) * -z"), lift(|x, y, z| Some((x - y) * -z)));
        prop_assert_eq!(
            eval_num(&f, "x / y + z"),
            lift(|x, y, z| if y == 0.0 { None } else { Some(x / y + z) })
        );
        let want_rem: Vec<Option<f64>> = rows
            .iter()
            .map(|&(x, y, _)| {
                let (x, y) = (x?, y?);
                (y != 0.0).then(|| x % y)
            })
            .collect();
        prop_assert_eq!(eval_num(&f, "x % y"), want_rem);
        let cmp: Vec<Option<bool>> = rows.iter().map(|&(x, y, _)| Some(x? <= y?)).collect();
        prop_assert_eq!(eval_bool(&f, "x <= y"), cmp);
        let want_in: Vec<Option<bool>> = rows
            .iter()
            .map(|&(x, y, _)| {
                let x = x?;
                if x == 1.0 || x == -2.0 || Some(x) == y {
                    Some(true)
                } else if y.is_none() {
                    None
                } else {
                    Some(false)
                }
            })
            .collect();
        prop_assert_eq!(eval_bool(&f, "x in (1, -2, y)"), want_in);
        // if: the else branch where the condition is false or missing
        let want_if: Vec<Option<f64>> = rows
            .iter()
            .map(|&(x, y, z)| if x.is_some_and(|x| x > 0.0) { y } else { z })
            .collect();
        prop_assert_eq!(eval_num(&f, "if(x > 0, y, z)"), want_if);
        let want_co: Vec<Option<f64>> = rows.iter().map(|&(x, y, z)| x.or(y).or(z)).collect();
        prop_assert_eq!(eval_num(&f, "coalesce(x, y, z)"), want_co);
    }

    #[test]
    fn text_comparisons_match_string_comparisons(
        rows in prop::collection::vec((prop::option::of(word()), prop::option::of(word())), 0..40),
        lits in prop::collection::vec(word(), 1..4),
    ) {
        let mut f = Frame::new(rows.len());
        let s: Vec<_> = rows.iter().map(|r| r.0.clone()).collect();
        let t: Vec<_> = rows.iter().map(|r| r.1.clone()).collect();
        f.push("s", text_col(&s)).unwrap();
        f.push("t", text_col(&t)).unwrap();
        let lit = &lits[0];
        let pairs = |g: fn(&str, &str) -> bool| -> Vec<Option<bool>> {
            rows.iter()
                .map(|(a, b)| Some(g(a.as_deref()?, b.as_deref()?)))
                .collect()
        };
        let with_lit = |g: fn(&str, &str) -> bool| -> Vec<Option<bool>> {
            rows.iter().map(|(a, _)| Some(g(a.as_deref()?, lit))).collect()
        };
        prop_assert_eq!(eval_bool(&f, "s == t"), pairs(|a, b| a == b));
        prop_assert_eq!(eval_bool(&f, "s != t"), pairs(|a, b| a != b));
        prop_assert_eq!(eval_bool(&f, "s < t"), pairs(|a, b| a < b));
        prop_assert_eq!(eval_bool(&f, "s >= t"), pairs(|a, b| a >= b));
        prop_assert_eq!(eval_bool(&f, &format!("s == {}", quote(lit))), with_lit(|a, b| a == b));
        prop_assert_eq!(eval_bool(&f, &format!("s <> {}", quote(lit))), with_lit(|a, b| a != b));
        prop_assert_eq!(eval_bool(&f, &format!("s > {}", quote(lit))), with_lit(|a, b| a > b));
        prop_assert_eq!(eval_bool(&f, &format!("{} > s", quote(lit))), with_lit(|a, b| b > a));
        // `in` with literals (dictionary table) equals a chain of `or`ed equalities
        let list: Vec<String> = lits.iter().map(|l| quote(l)).collect();
        let want: Vec<Option<bool>> = rows
            .iter()
            .map(|(a, _)| a.as_ref().map(|a| lits.contains(a)))
            .collect();
        prop_assert_eq!(eval_bool(&f, &format!("s in ({})", list.join(", "))), want.clone());
        let ors: Vec<String> = list.iter().map(|l| format!("s == {l}")).collect();
        prop_assert_eq!(eval_bool(&f, &ors.join(" or ")), want);
        // a text `if` picks per row, with dictionary merging
        let want_if: Vec<Option<String>> = rows
            .iter()
            .map(|(a, b)| if a.as_deref() == Some(lit.as_str()) { b.clone() } else { a.clone() })
            .collect();
        prop_assert_eq!(eval_text(&f, &format!("if(s == {}, t, s)", quote(lit))), want_if);
        let want_co: Vec<Option<String>> =
            rows.iter().map(|(a, b)| a.clone().or_else(|| b.clone())).collect();
        prop_assert_eq!(eval_text(&f, "coalesce(s, t)"), want_co);
    }

    #[test]
    fn parser_never_panics_and_errors_point_inside(
        src in "[a-c0-9 ().,=<>!&|+*/%'\"`_-]{0,30}|(and|or|not|in|is|missing|if|abs|x|y| |\\(|\\)|,|==|'a'|1|-)*",
    ) {
        let len = src.chars().count();
        let mut f = Frame::new(2);
        f.push("x", num_col(&[Some(1.0), None])).unwrap();
        f.push("y", text_col(&[Some("a".into()), None])).unwrap();
        match parse(&src) {
            Ok(e) => {
                // evaluation may fail (unknown column, type error) but must not panic
                if let Err(err) = e.eval(&f) {
                    prop_assert!((1..=len + 1).contains(&err.column), "{}", err);
                }
                let _ = e.eval_filter(&f);
                let _ = e.columns();
            }
            Err(err) => {
                prop_assert!((1..=len + 1).contains(&err.column), "{}", err);
                prop_assert_eq!(&err.text, &src);
            }
        }
        if let Err(err) = parse_definition(&src) {
            prop_assert!((1..=len + 1).contains(&err.column), "{}", err);
        }
    }
}
