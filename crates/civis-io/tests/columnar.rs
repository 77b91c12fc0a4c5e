//! Parquet and Arrow IPC files written by pyarrow (`tests/columnar/make_fixtures.py`) read as the
//! CSV they came from: same columns, values (to the bit) and dictionaries.
#![cfg(feature = "columnar")]

use std::path::{Path, PathBuf};

mod common;

use civis_frame::{Column, Frame};
use civis_io::{open_microdata, read_csv, read_microdata, CsvOptions, MicrodataFormat, ReadError};

const EUSILC: &str = "../../../shared/data/microdata/eusilc.csv";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/columnar")
        .join(name)
}

fn eusilc() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(EUSILC)
}

fn select(cols: &[&str]) -> CsvOptions {
    CsvOptions {
        columns: Some(cols.iter().map(|c| c.to_string()).collect()),
        ..CsvOptions::default()
    }
}

/// Names, then every cell (numbers by their bits, text by code and dictionary entry).
fn cells(f: &Frame) -> (Vec<String>, Vec<Vec<String>>) {
    (f.names().to_vec(), common::cell_texts(f, true))
}

/// The CSV's frame with its columns in `names`' order (the fixtures order columns their own way).
fn reorder(f: &Frame, names: &[String]) -> Frame {
    let mut out = Frame::new(f.nrows());
    for n in names {
        out.push(n.clone(), f.column(n).expect(n).clone())
            .expect("push");
    }
    out
}

/// Same names and cells; on a difference, the first differing row (not every row).
fn assert_same(got: &Frame, csv: &Frame, what: &str) {
    let csv = reorder(csv, got.names());
    let (gn, gr) = cells(got);
    let (cn, cr) = cells(&csv);
    assert_eq!(gn, cn, "{what}: names");
    assert_eq!(gr.len(), cr.len(), "{what}: rows");
    if let Some(i) = (0..gr.len()).find(|&i| gr[i] != cr[i]) {
        panic!(
            "{what}: row {} differs: {:?} vs the CSV's {:?}",
            i + 1,
            gr[i],
            cr[i]
        );
    }
}

#[test]
fn parquet_reads_as_the_csv() {
    let cols = [
        "db030", "db040", "rb090", "pb220a", "pl030", "age", "eqIncome", "rb050",
    ];
    let csv = read_csv(&eusilc(), &select(&cols)).expect("csv");
    let path = fixture("eusilc.parquet");
    assert_eq!(
        MicrodataFormat::detect(&path).expect("detect"),
        MicrodataFormat::Parquet
    );
    let parquet = read_microdata(&path, &select(&cols)).expect("parquet");
    assert_eq!(parquet.nrows(), 14_827);
    assert_same(&parquet, &csv, "parquet");
    // a subset, in any order asked, comes in the file's order
    let sub = read_microdata(&path, &select(&["rb050", "db040"])).expect("subset");
    assert_eq!(sub.names(), ["db040", "rb050"]);
    assert_same(&sub, &csv, "parquet subset");
}

#[test]
fn feather_reads_as_the_csv() {
    let cols = ["db030", "db040", "rb090", "pb220a", "pl030", "age", "rb050"];
    let csv = read_csv(&eusilc(), &select(&cols)).expect("csv");
    let path = fixture("eusilc.feather");
    assert_eq!(
        MicrodataFormat::detect(&path).expect("detect"),
        MicrodataFormat::ArrowFile
    );
    let feather = read_microdata(&path, &CsvOptions::default()).expect("feather");
    assert_same(&feather, &csv, "feather");
}

#[test]
fn chunks_follow_the_batches_and_concatenate_to_the_csv() {
    let cols = ["db040", "pb220a", "rb050"];
    let (names, whole) = cells(&read_csv(&eusilc(), &select(&cols)).expect("csv"));
    assert_eq!(
        names, cols,
        "the fixtures keep these three in the CSV's order"
    );
    for file in ["eusilc.parquet", "eusilc.feather"] {
        let mut chunks = open_microdata(&fixture(file), &select(&cols)).expect(file);
        assert!(chunks.names().len() >= 7, "{:?}", chunks.names());
        let mut rows = Vec::new();
        let mut n = 0;
        while let Some(f) = chunks.next_chunk().expect("chunk") {
            assert_eq!(f.names(), names);
            // codes are per chunk: compare the text
            rows.extend(cells(&f).1.into_iter().map(|r| {
                r.into_iter()
                    .map(|c| c.split_once(':').map_or(c.clone(), |(_, t)| t.to_string()))
                    .collect::<Vec<_>>()
            }));
            n += 1;
        }
        let expect: Vec<Vec<String>> = whole
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| c.split_once(':').map_or(c.clone(), |(_, t)| t.to_string()))
                    .collect()
            })
            .collect();
        assert!(rows == expect, "{file}: the chunks differ from the CSV");
        if file.ends_with("feather") {
            assert!(
                n >= 4,
                "{n} chunks: one per record batch of at most 4,000 rows"
            );
        }
    }
}

#[test]
fn arrow_stream_types_and_missing_values() {
    let path = fixture("edge.arrows");
    assert_eq!(
        MicrodataFormat::detect(&path).expect("detect"),
        MicrodataFormat::ArrowStream
    );
    let f = read_microdata(&path, &select(&["x", "n", "d", "s", "v", "k", "empty"])).expect("read");
    let num = |c: &str| f.numeric(c).expect(c).to_vec();
    let bits = |v: Vec<f64>| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    let nan = f64::NAN;
    assert_eq!(bits(num("x")), bits(vec![1.5, nan, nan, -2.0]));
    assert_eq!(bits(num("n")), bits(vec![1.0, 2.0, nan, 4.0]));
    assert_eq!(bits(num("d")), bits(vec![0.1, 12.34, nan, -7.05]));
    assert_eq!(bits(num("empty")), bits(vec![nan; 4]));
    let text = |c: &str| match f.column(c).expect(c) {
        Column::Str(s) => (0..4)
            .map(|i| s.get(i).map(str::to_owned))
            .collect::<Vec<_>>(),
        Column::Num(_) => panic!("{c} is numeric"),
    };
    let some = |s: &str| Some(s.to_owned());
    assert_eq!(text("s"), [some("b"), None, None, some("a")]);
    assert_eq!(text("v"), [some("p"), some("q"), some("p"), None]);
    assert_eq!(text("k"), [some("z"), some("y"), some("z"), None]);
    let Column::Str(k) = f.column("k").expect("k") else {
        unreachable!()
    };
    assert_eq!(k.dict, ["z", "y"], "order of first appearance");
}

#[test]
fn refusals_name_the_file_the_column_and_the_type() {
    let path = fixture("edge.arrows");
    let name = path.display().to_string();
    for (col, ty) in [("flag", "Boolean"), ("day", "Date32")] {
        let e = read_microdata(&path, &select(&["x", col])).expect_err(col);
        assert!(matches!(e, ReadError::UnsupportedType { .. }), "{e}");
        assert!(
            e.to_string().starts_with(&format!(
                "{name}: column `{col}` has type {ty}, which cannot be read"
            )),
            "{e}"
        );
    }
    let e = read_microdata(&path, &select(&["inf"])).expect_err("inf");
    assert_eq!(
        e.to_string(),
        format!("{name}: row 3, column `inf`: an infinite number (not a valid value)")
    );
    let e = read_microdata(&fixture("eusilc.parquet"), &select(&["rb050", "weight"]))
        .expect_err("missing column");
    assert!(matches!(e, ReadError::UnknownColumns { .. }), "{e}");
    assert!(
        e.to_string()
            .contains("eusilc.parquet: no column named `weight`"),
        "{e}"
    );
}

#[test]
fn a_name_that_promises_a_columnar_file_must_be_one() {
    let dir = std::env::temp_dir().join(format!("civis-io-columnar-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let fake = dir.join("data.parquet");
    std::fs::write(&fake, "a,b\n1,2\n").expect("write");
    let e = read_microdata(&fake, &CsvOptions::default()).expect_err("not parquet");
    assert_eq!(
        e.to_string(),
        format!(
            "{}: the name says Parquet but the file does not start as one",
            fake.display()
        )
    );
    let v1 = dir.join("old.feather");
    std::fs::write(&v1, b"FEA1\0\0\0\0rest").expect("write");
    let e = read_microdata(&v1, &CsvOptions::default()).expect_err("feather v1");
    assert!(e.to_string().contains("Feather version 1"), "{e}");
    // a truncated Parquet file: the reader's reason, after the file's name
    let cut = dir.join("cut.parquet");
    let bytes = std::fs::read(fixture("eusilc.parquet")).expect("read");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).expect("write");
    let e = read_microdata(&cut, &CsvOptions::default()).expect_err("truncated");
    assert!(matches!(e, ReadError::Columnar { .. }), "{e}");
    assert!(
        e.to_string().starts_with(&format!("{}: ", cut.display())),
        "{e}"
    );
    // CSV under any other name is still CSV
    let csv = dir.join("data.txt");
    std::fs::write(&csv, "a,b\n1,x\n").expect("write");
    let f = read_microdata(&csv, &CsvOptions::default()).expect("csv");
    assert_eq!(f.nrows(), 1);
    std::fs::remove_dir_all(&dir).ok();
}
