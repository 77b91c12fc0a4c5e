//! End-to-end tests of the CSV reader: the EU-SILC sample file, format edge cases, errors, column
//! selection, and a write/read round trip.

use std::io::Write;
use std::path::Path;

use civis_frame::{Column, Frame, StrColumn, MISSING_CODE};
use civis_io::{read_csv, read_csv_bytes, read_csv_from, CsvOptions, ReadError};
use proptest::prelude::*;

const EUSILC: &str = "/work/shared/data/microdata/eusilc.csv";

fn read_str(s: &str) -> Result<Frame, ReadError> {
    read_csv_bytes(s.as_bytes(), "t.csv", &CsvOptions::default())
}

fn ok(s: &str) -> Frame {
    match read_str(s) {
        Ok(f) => f,
        Err(e) => panic!("unexpected error: {e}"),
    }
}

fn err(s: &str) -> ReadError {
    match read_str(s) {
        Ok(f) => panic!("expected an error, got {} rows", f.nrows()),
        Err(e) => e,
    }
}

fn num<'a>(f: &'a Frame, name: &str) -> &'a [f64] {
    f.numeric(name).expect("numeric column")
}

fn text<'a>(f: &'a Frame, name: &str) -> &'a StrColumn {
    match f.column(name).expect("column") {
        Column::Str(s) => s,
        Column::Num(_) => panic!("`{name}` is numeric"),
    }
}

fn texts(c: &StrColumn) -> Vec<Option<&str>> {
    (0..c.codes.len()).map(|i| c.get(i)).collect()
}

// ---------------------------------------------------------------- the EU-SILC sample file

#[test]
fn eusilc_shape_and_types() {
    let f = read_csv(Path::new(EUSILC), &CsvOptions::default()).expect("read eusilc");
    assert_eq!(f.nrows(), 14_827);
    assert_eq!(f.ncols(), 28);
    assert_eq!(f.names()[0], "db030");
    assert_eq!(f.names()[27], "rb050");
    assert_eq!(f.source.as_deref(), Some(EUSILC));
    for name in ["db040", "rb090", "pb220a"] {
        assert_eq!(f.column(name).expect("col").type_name(), "text", "{name}");
    }
    let numeric = f
        .columns()
        .iter()
        .filter(|c| matches!(c, Column::Num(_)))
        .count();
    assert_eq!(numeric, 25);

    let db040 = text(&f, "db040");
    assert_eq!(db040.dict[..3], ["Tyrol", "Vienna", "Upper Austria"]);
    assert_eq!(db040.dict.len(), 9);
    let first = db040.first_non_numeric.as_ref().expect("first non-numeric");
    assert_eq!(
        (first.line, first.column, first.text.as_str()),
        (2, 3, "Tyrol")
    );
    let e = f.numeric("db040").expect_err("db040 is text").to_string();
    assert!(e.contains("line 2, column 3 holds `Tyrol`"), "{e}");

    // Quoted numbers with empties: numeric, missing = NaN.
    let pl030 = num(&f, "pl030");
    assert_eq!(&pl030[..2], &[2.0, 1.0]);
    assert!(pl030[2].is_nan());
    assert_eq!(pl030.iter().filter(|v| v.is_nan()).count(), 2720);

    // Text with empties.
    let pb220a = text(&f, "pb220a");
    assert_eq!(pb220a.dict, ["AT", "Other", "EU"]);
    assert_eq!(texts(pb220a)[..3], [Some("AT"), Some("Other"), None]);
    assert_eq!(
        pb220a.codes.iter().filter(|&&c| c == MISSING_CODE).count(),
        2720
    );

    let eq = num(&f, "eqIncome");
    assert_eq!(eq[0].to_bits(), 16090.694444444443f64.to_bits());
    assert_eq!(eq[14_826].to_bits(), 16288.300000000001f64.to_bits());
    assert_eq!(
        num(&f, "rb050")[0].to_bits(),
        504.5696202531645f64.to_bits()
    );
    assert_eq!(num(&f, "age")[..2], [34.0, 39.0]);
}

/// Every cell of the sample file, checked against the `csv` crate and `str::parse`.
#[test]
fn eusilc_agrees_with_reference_parser() {
    let f = read_csv(Path::new(EUSILC), &CsvOptions::default()).expect("read eusilc");
    let mut rdr = csv::Reader::from_path(EUSILC).expect("open");
    let mut n = 0;
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.expect("record");
        for (j, cell) in rec.iter().enumerate() {
            match &f.columns()[j] {
                Column::Num(c) => {
                    let v = c.values[i];
                    if cell.is_empty() {
                        assert!(v.is_nan());
                    } else {
                        let want: f64 = cell.parse().expect("number");
                        assert_eq!(v.to_bits(), want.to_bits(), "row {i} col {j}: {cell}");
                    }
                }
                Column::Str(c) => {
                    assert_eq!(
                        c.get(i),
                        (!cell.is_empty()).then_some(cell),
                        "row {i} col {j}"
                    )
                }
            }
        }
        n += 1;
    }
    assert_eq!(n, f.nrows());
}

#[test]
fn eusilc_column_selection() {
    let opts = CsvOptions {
        columns: Some(vec!["rb050".into(), "db040".into(), "age".into()]),
        ..CsvOptions::default()
    };
    let f = read_csv(Path::new(EUSILC), &opts).expect("read");
    // File order, not request order.
    assert_eq!(f.names(), ["db040", "age", "rb050"]);
    assert_eq!(f.nrows(), 14_827);
    assert_eq!(num(&f, "rb050")[0], 504.5696202531645);
}

// ---------------------------------------------------------------- format rules

#[test]
fn quoted_commas_quotes_and_newlines() {
    let f = ok("id,name,n\n1,\"Smith, J.\",\"2\"\n2,\"say \"\"hi\"\"\",3\n3,\"two\nlines\",\"\"\n");
    assert_eq!(f.nrows(), 3);
    assert_eq!(
        texts(text(&f, "name")),
        [Some("Smith, J."), Some("say \"hi\""), Some("two\nlines")]
    );
    let n = num(&f, "n");
    assert_eq!(&n[..2], &[2.0, 3.0]);
    assert!(n[2].is_nan());
}

#[test]
fn line_numbers_count_newlines_inside_quotes() {
    // Line 1 header, line 2-4 one record, line 5 the ragged record.
    let e = err("a,b\n1,\"x\ny\nz\"\n1,2,3\n");
    assert_eq!(e.line(), Some(5));
    assert_eq!(
        e.to_string(),
        "t.csv: line 5: expected 2 fields (as in the header), found 3"
    );
    // And for the first non-numeric cell.
    let f = ok("a,b\n1,\"x\ny\"\n2,3\nno,4\n");
    let cell = text(&f, "a").first_non_numeric.clone().expect("cell");
    assert_eq!((cell.line, cell.column, cell.text.as_str()), (5, 1, "no"));
}

#[test]
fn ragged_rows() {
    let e = err("a,b,c\n1,2,3\n4,5\n");
    assert!(matches!(
        e,
        ReadError::FieldCount {
            line: 3,
            expected: 3,
            found: 2,
            ..
        }
    ));
    let e = err("a,b\n1,2,\n");
    assert_eq!(
        e.to_string(),
        "t.csv: line 2: expected 2 fields (as in the header), found 3"
    );
}

#[test]
fn invalid_utf8_names_line_and_column() {
    let data = b"id,city\n1,Wien\n2,\"Gr\xfcnau\nx\"\n".to_vec();
    let e = read_csv_bytes(&data, "t.csv", &CsvOptions::default()).expect_err("bad utf8");
    assert_eq!(
        e.to_string(),
        "t.csv: line 3, column 2 (city): invalid UTF-8 text"
    );
    // The bad byte on the second line of a quoted field.
    let data = b"id,city\n2,\"ok\nGr\xfcnau\"\n".to_vec();
    let e = read_csv_bytes(&data, "t.csv", &CsvOptions::default()).expect_err("bad utf8");
    assert_eq!((e.line(), e.column()), (Some(3), Some(2)));
    // Header.
    let e = read_csv_bytes(b"a,\xff\n1,2\n", "t.csv", &CsvOptions::default()).expect_err("header");
    assert_eq!(e.to_string(), "t.csv: line 1, column 2: invalid UTF-8 text");
    // A skipped column is not decoded.
    let opts = CsvOptions {
        columns: Some(vec!["id".into()]),
        ..CsvOptions::default()
    };
    let f = read_csv_bytes(b"id,city\n1,\xff\n", "t.csv", &opts).expect("skipped column");
    assert_eq!(num(&f, "id"), &[1.0]);
}

#[test]
fn bom_and_header_whitespace() {
    let f = ok("\u{feff}\"id\" , weight \r\n1,2.5\r\n");
    assert_eq!(f.names(), ["id", "weight"]);
    assert_eq!(num(&f, "weight"), &[2.5]);
}

#[test]
fn duplicate_and_empty_header_names() {
    let e = err("a,b,a,c,a\n1,2,3,4,5\n");
    assert_eq!(
        e.to_string(),
        "t.csv: line 1: column name `a` appears more than once in the header, at columns 1, 3 and 5"
    );
    let e = err("a,,b, \n1,2,3,4\n");
    assert_eq!(
        e.to_string(),
        "t.csv: line 1: empty column name in the header at column 2 and 4"
    );
    assert!(matches!(err(""), ReadError::NoHeader { .. }));
    assert!(matches!(err("\n\n"), ReadError::NoHeader { .. }));
}

#[test]
fn header_only_gives_empty_frame() {
    let f = ok("a,b\n");
    assert_eq!((f.nrows(), f.ncols()), (0, 2));
}

#[test]
fn unknown_requested_column_lists_available() {
    let opts = CsvOptions {
        columns: Some(vec!["a".into(), "Weight".into(), "zzz".into()]),
        ..CsvOptions::default()
    };
    let e = read_csv_bytes(b"a,weight,b\n1,2,3\n", "t.csv", &opts).expect_err("unknown");
    let msg = e.to_string();
    assert!(
        msg.starts_with("t.csv: no column named `Weight`, `zzz` in the file"),
        "{msg}"
    );
    assert!(msg.contains("did you mean `weight` for `Weight`"), "{msg}");
    assert!(msg.ends_with("columns are: a, weight, b"), "{msg}");
}

#[test]
fn numeric_column_turning_text_keeps_original_texts() {
    let f = ok("code,v\n007,1\n1.50,2\n\"1e3\",3\n,4\nNaN,5\nA1,6\n 2 ,7\n007,8\n");
    let code = text(&f, "code");
    assert_eq!(
        texts(code),
        [
            Some("007"),
            Some("1.50"),
            Some("1e3"),
            None,
            Some("NaN"),
            Some("A1"),
            Some(" 2 "),
            Some("007")
        ]
    );
    assert_eq!(code.codes[0], code.codes[7]);
    let cell = code.first_non_numeric.clone().expect("cell");
    assert_eq!((cell.line, cell.column, cell.text.as_str()), (7, 1, "A1"));
    assert_eq!(num(&f, "v").len(), 8);
}

#[test]
fn number_rules() {
    let f = ok("a,b,c,d\n 1 ,NaN,inf,1e999\n-2.5e-3,nan,2,3\n\"+4\",,3,4\n");
    assert_eq!(num(&f, "a"), &[1.0, -0.0025, 4.0]);
    assert!(num(&f, "b").iter().all(|v| v.is_nan()));
    assert_eq!(texts(text(&f, "c")), [Some("inf"), Some("2"), Some("3")]);
    assert_eq!(texts(text(&f, "d"))[0], Some("1e999"));
    let f = ok("x\n16090.694444444443\n0.1\n123456789012345678901234567890\n");
    let x = num(&f, "x");
    assert_eq!(x[0].to_bits(), 16090.694444444443f64.to_bits());
    assert_eq!(x[1].to_bits(), 0.1f64.to_bits());
    assert_eq!(x[2], 1.2345678901234568e29);
}

#[test]
fn blank_cells_are_missing_and_blank_lines_skipped() {
    let f = ok("a,b\n1,x\n\n  ,\"\"\r\n3,  \n");
    assert_eq!(f.nrows(), 3);
    let a = num(&f, "a");
    assert!(a[1].is_nan());
    assert_eq!(texts(text(&f, "b")), [Some("x"), None, None]);
}

#[test]
fn quote_errors() {
    let e = err("a,b\n1,2\n3,\"open\n4,5\n");
    assert_eq!(
        e.to_string(),
        "t.csv: line 3, column 2 (b): quoted field is never closed (its opening quote is here)"
    );
    let e = err("a,b\n1,\"x\"y\n");
    assert!(matches!(e, ReadError::TextAfterQuote { .. }), "{e}");
    assert_eq!((e.line(), e.column()), (Some(2), Some(2)));
}

#[test]
fn other_delimiter() {
    let opts = CsvOptions {
        delimiter: b';',
        columns: None,
    };
    let f = read_csv_bytes(b"a;b\n1,5;\"x;y\"\n", "t.csv", &opts).expect("read");
    assert_eq!(texts(text(&f, "a")), [Some("1,5")]);
    assert_eq!(texts(text(&f, "b")), [Some("x;y")]);
    let bad = CsvOptions {
        delimiter: b'"',
        columns: None,
    };
    assert!(matches!(
        read_csv_bytes(b"a\n", "t.csv", &bad),
        Err(ReadError::BadDelimiter { .. })
    ));
}

#[test]
fn io_errors_name_the_file() {
    let e = read_csv(Path::new("/nonexistent/dir/x.csv"), &CsvOptions::default())
        .expect_err("missing file");
    assert!(matches!(e, ReadError::Io { .. }));
    assert!(e.to_string().starts_with("/nonexistent/dir/x.csv: "), "{e}");

    struct Failing;
    impl std::io::Read for Failing {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk on fire"))
        }
    }
    let e = read_csv_from(Failing, "pipe", &CsvOptions::default()).expect_err("io");
    assert_eq!(e.to_string(), "pipe: disk on fire");
}

#[test]
fn reads_from_reader_and_file() {
    let f = read_csv_from(&b"a\n1\n2\n"[..], "mem", &CsvOptions::default()).expect("read");
    assert_eq!(num(&f, "a"), &[1.0, 2.0]);
    assert_eq!(f.source.as_deref(), Some("mem"));

    let path = std::env::temp_dir().join(format!("civis-io-test-{}.csv", std::process::id()));
    let mut file = std::fs::File::create(&path).expect("create");
    file.write_all(b"a,b\n1,x\n").expect("write");
    drop(file);
    let f = read_csv(&path, &CsvOptions::default());
    let _ = std::fs::remove_file(&path);
    let f = f.expect("read");
    assert_eq!(texts(text(&f, "b")), [Some("x")]);
}

/// A large input, so that the parallel path runs (chunks are at least 1 MiB), with a quoted
/// newline and a late text cell.
#[test]
fn large_input_in_parallel() {
    let mut s = String::from("i,w,t\n");
    let n = 200_000;
    for i in 0..n {
        let t = if i == n - 3 {
            "late".to_owned()
        } else {
            format!("{}", i % 10)
        };
        let w = if i == n / 2 {
            "\"1\n\"".to_owned()
        } else {
            format!("{}.25", i)
        };
        s.push_str(&format!("{i},{w},{t}\n"));
    }
    s.push_str("1,2\n");
    let e = err(&s);
    assert_eq!(e.line(), Some(n as u64 + 3));
    s.truncate(s.len() - 4);
    let f = ok(&s);
    assert_eq!(f.nrows(), n);
    assert_eq!(num(&f, "i")[n - 1], (n - 1) as f64);
    assert_eq!(num(&f, "w")[n / 2], 1.0);
    assert_eq!(num(&f, "w")[n - 1], (n - 1) as f64 + 0.25);
    let t = text(&f, "t");
    assert_eq!(t.get(0), Some("0"));
    assert_eq!(t.get(n - 3), Some("late"));
    let cell = t.first_non_numeric.clone().expect("cell");
    assert_eq!((cell.line, cell.column), (n as u64 - 3 + 3, 3));
}

// ---------------------------------------------------------------- round trip

#[derive(Debug, Clone)]
enum Col {
    Num(Vec<Option<f64>>),
    Text(Vec<Option<String>>),
}

/// Text that the reader keeps as text: not blank, not a number, not `NaN`.
fn text_cell() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,;\"\n\r.é€-]{1,8}".prop_filter("must read as text", |s| {
        let t = s.trim();
        !t.is_empty() && t.parse::<f64>().is_err()
    })
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |v| v.is_finite()),
        (-100_000i64..100_000).prop_map(|v| v as f64 / 100.0),
        (0u32..1000).prop_map(f64::from),
    ]
}

fn table() -> impl Strategy<Value = (Vec<Col>, usize)> {
    (1usize..5, 0usize..30).prop_flat_map(|(ncols, nrows)| {
        let col = prop_oneof![
            proptest::collection::vec(proptest::option::weighted(0.8, number()), nrows)
                .prop_map(Col::Num),
            proptest::collection::vec(proptest::option::weighted(0.8, text_cell()), nrows)
                .prop_map(Col::Text),
        ];
        (proptest::collection::vec(col, ncols), Just(nrows))
    })
}

fn write_csv(cols: &[Col], nrows: usize, exp_format: bool) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header: Vec<String> = (0..cols.len()).map(|j| format!("c{j}")).collect();
    w.write_record(&header).expect("header");
    for i in 0..nrows {
        let rec: Vec<String> = cols
            .iter()
            .map(|c| match c {
                Col::Num(v) => match v[i] {
                    Some(x) if exp_format => format!("{x:e}"),
                    Some(x) => format!("{x}"),
                    None => String::new(),
                },
                Col::Text(v) => v[i].clone().unwrap_or_default(),
            })
            .collect();
        w.write_record(&rec).expect("record");
    }
    w.into_inner().expect("flush")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn write_then_read_gives_the_same_frame((cols, nrows) in table(), exp_format in any::<bool>()) {
        let data = write_csv(&cols, nrows, exp_format);
        let f = read_csv_bytes(&data, "rt.csv", &CsvOptions::default())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(f.nrows(), nrows);
        prop_assert_eq!(f.ncols(), cols.len());
        for (j, col) in cols.iter().enumerate() {
            let got = &f.columns()[j];
            match col {
                Col::Text(v) if v.iter().any(Option::is_some) => {
                    let Column::Str(s) = got else {
                        return Err(TestCaseError::fail(format!("c{j} should be text")));
                    };
                    prop_assert_eq!(s, &StrColumn {
                        first_non_numeric: s.first_non_numeric.clone(),
                        ..StrColumn::from_options(v)
                    });
                    let first = s.first_non_numeric.as_ref().map(|c| (c.column, c.text.as_str()));
                    let want = v.iter().flatten().next().map(|t| (j + 1, t.as_str()));
                    prop_assert_eq!(first, want);
                }
                // All-missing text columns read as (all-missing) numbers.
                Col::Text(_) => {
                    let Column::Num(n) = got else {
                        return Err(TestCaseError::fail(format!("c{j} should be numeric")));
                    };
                    prop_assert!(n.values.iter().all(|v| v.is_nan()));
                }
                Col::Num(v) => {
                    let Column::Num(n) = got else {
                        return Err(TestCaseError::fail(format!("c{j} should be numeric")));
                    };
                    for (a, b) in n.values.iter().zip(v) {
                        match b {
                            Some(x) => prop_assert_eq!(a.to_bits(), x.to_bits()),
                            None => prop_assert!(a.is_nan()),
                        }
                    }
                }
            }
        }
    }
}
