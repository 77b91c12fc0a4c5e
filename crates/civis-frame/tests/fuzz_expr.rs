//! Fuzzing the expression language with mutations of real `--define` / `--where` expressions
//! (issue 17), bounded: whatever the mutation, parsing and evaluating never panic, and every
//! error points at a column inside the text it quotes. (`tests/expr.rs` fuzzes from a grammar
//! of tokens; this starts from expressions users write.)

use civis_frame::expr::{parse, parse_definition};
use civis_frame::{Column, Frame, NumColumn, StrColumn};
use proptest::prelude::*;

const SEEDS: &[&str] = &[
    "emp = if(pl030 in (1,2), 1, 0)",
    "foreign = if(pb220a == \"AT\", \"national\", \"foreign\")",
    "age >= 20 and age <= 64",
    "not (income is missing) or abs(income - 1.5e3) > 10",
    "band = if(age < 25, 'young', if(age < 65, 'adult', 'old'))",
    "`weird name` % 7 + -x * (y / 2)",
];

fn frame() -> Frame {
    let mut f = Frame::new(3);
    let num = |v: Vec<f64>| Column::Num(NumColumn::new(v));
    for (name, v) in [
        ("age", vec![19.0, 40.0, f64::NAN]),
        ("pl030", vec![1.0, 3.0, 2.0]),
        ("income", vec![f64::NAN, 2e3, -1.0]),
        ("x", vec![0.0, 1.0, 2.0]),
        ("y", vec![0.0, f64::NAN, 1e308]),
        ("weird name", vec![7.0, 0.0, 1.0]),
    ] {
        f.push(name, num(v)).unwrap();
    }
    let text = |v: &[Option<&str>]| {
        Column::Str(StrColumn::from_options(
            &v.iter().map(|s| s.map(str::to_owned)).collect::<Vec<_>>(),
        ))
    };
    f.push("pb220a", text(&[Some("AT"), Some("EU"), None]))
        .unwrap();
    f
}

/// One edit: at a position (taken modulo the length), replace, insert or delete a character.
#[derive(Debug, Clone)]
enum Edit {
    Replace(usize, char),
    Insert(usize, char),
    Delete(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let ch = prop_oneof![
        4 => proptest::sample::select("()=<>!,'\"`-+*/% .e0123456789aix\u{e9}\u{1F600}".chars().collect::<Vec<_>>()),
        1 => any::<char>(),
    ];
    prop_oneof![
        (any::<usize>(), ch.clone()).prop_map(|(p, c)| Edit::Replace(p, c)),
        (any::<usize>(), ch).prop_map(|(p, c)| Edit::Insert(p, c)),
        any::<usize>().prop_map(Edit::Delete),
    ]
}

fn apply(seed: &str, edits: &[Edit]) -> String {
    let mut c: Vec<char> = seed.chars().collect();
    for e in edits {
        match *e {
            Edit::Replace(p, x) if !c.is_empty() => {
                let n = c.len();
                c[p % n] = x;
            }
            Edit::Insert(p, x) => c.insert(p % (c.len() + 1), x),
            Edit::Delete(p) if !c.is_empty() => {
                let n = c.len();
                c.remove(p % n);
            }
            _ => {}
        }
    }
    c.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_expressions_never_panic_and_errors_point_inside(
        seed in proptest::sample::select(SEEDS),
        edits in proptest::collection::vec(edit(), 1..5),
    ) {
        let src = apply(seed, &edits);
        let len = src.chars().count();
        let f = frame();
        let inside = |column: usize| (1..=len + 1).contains(&column);
        match parse_definition(&src) {
            Ok(d) => {
                if let Err(e) = d.expr.eval(&f) {
                    prop_assert!(inside(e.column), "{e}");
                }
            }
            Err(e) => prop_assert!(inside(e.column), "{e}"),
        }
        match parse(&src) {
            Ok(e) => {
                if let Err(err) = e.eval_filter(&f) {
                    prop_assert!(inside(err.column), "{err}");
                }
            }
            Err(e) => {
                prop_assert!(inside(e.column), "{e}");
                prop_assert_eq!(&e.text, &src);
            }
        }
    }
}
