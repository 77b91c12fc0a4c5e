//! The chunked reader gives the rows and values of the whole-file reader, however the file is cut.

use civis_frame::Frame;
use civis_io::{read_csv_bytes, ColumnChunks, CsvChunks, CsvOptions, ReadError};
use proptest::prelude::*;

mod common;

/// Every cell as text (numbers by their bits), row by row.
fn cells(f: &Frame) -> Vec<Vec<String>> {
    common::cell_texts(f, false)
}

fn chunked(
    data: &[u8],
    block: usize,
    opts: &CsvOptions,
) -> Result<(Vec<Vec<String>>, usize), ReadError> {
    let mut src = CsvChunks::from_reader(
        Box::new(std::io::Cursor::new(data.to_vec())),
        "t.csv",
        opts,
        block,
    )?;
    let mut rows = Vec::new();
    let mut n = 0;
    while let Some(f) = src.next_chunk()? {
        rows.extend(cells(&f));
        n += 1;
    }
    Ok((rows, n))
}

#[test]
fn chunks_concatenate_to_the_whole_file() {
    let mut csv = String::from("id,region,w,note\n");
    for i in 0..500 {
        csv.push_str(&format!("{i},R{},{}.5,\"a\nb{}\"\n", i % 7, i % 13, i % 3));
    }
    let opts = CsvOptions {
        columns: Some(vec!["region".into(), "w".into(), "note".into()]),
        ..CsvOptions::default()
    };
    let whole = cells(&read_csv_bytes(csv.as_bytes(), "t.csv", &opts).expect("whole"));
    for block in [1, 7, 64, 1000, 1 << 20] {
        let (rows, n) = chunked(csv.as_bytes(), block, &opts).expect("chunked");
        assert_eq!(rows, whole, "block {block}");
        if block == 1000 {
            assert!(n > 5, "{n} chunks");
        }
    }
}

#[test]
fn text_found_in_a_later_chunk_is_refused_with_its_line() {
    let mut csv = String::from("a,b\n");
    for i in 0..100 {
        csv.push_str(&format!("{i},1\n"));
    }
    csv.push_str("x7,1\n");
    let e = chunked(csv.as_bytes(), 64, &CsvOptions::default()).expect_err("type change");
    assert!(matches!(e, ReadError::TypeChanged { .. }), "{e}");
    assert_eq!(e.line(), Some(102));
    assert!(
        e.to_string()
            .starts_with("t.csv: line 102, column 1 (a): `x7` is not a number"),
        "{e}"
    );
    // text in the first chunk: numeric-looking cells later keep their text
    let csv = "a\nx\n".to_string() + &"007\n".repeat(50);
    let (rows, _) = chunked(csv.as_bytes(), 16, &CsvOptions::default()).expect("text");
    assert_eq!(rows[1], vec!["t007".to_string()]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn any_cut_reads_like_the_whole_file(
        body in proptest::collection::vec(
            prop_oneof![Just(b'a'), Just(b'1'), Just(b'.'), Just(b','), Just(b'"'), Just(b'\n'), Just(b' ')],
            0..200,
        ),
        block in 1usize..64,
    ) {
        let mut data = b"p,q\n".to_vec();
        data.extend_from_slice(&body);
        let opts = CsvOptions::default();
        let whole = read_csv_bytes(&data, "t.csv", &opts).map(|f| cells(&f));
        match (whole, chunked(&data, block, &opts)) {
            (Ok(w), Ok((c, _))) => prop_assert_eq!(w, c),
            // a column numeric at first and text later is refused by the chunked read only
            (_, Err(ReadError::TypeChanged { .. })) => {}
            (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
            (a, b) => prop_assert!(false, "whole {:?} chunked {:?}", a.map(|_| ()), b.map(|_| ())),
        }
    }
}

/// A reader that gives at most `step` bytes per read, as a pipe gives 64 kB.
struct Trickle {
    data: Vec<u8>,
    at: usize,
    step: usize,
}

impl std::io::Read for Trickle {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.step).min(self.data.len() - self.at);
        buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[test]
fn short_reads_give_the_whole_file() {
    let mut csv = String::from("id,region,w\n");
    for i in 0..2000 {
        csv.push_str(&format!("{i},R{},{}.25\n", i % 11, i % 17));
    }
    let opts = CsvOptions::default();
    let whole = cells(&read_csv_bytes(csv.as_bytes(), "t.csv", &opts).expect("whole"));
    for (step, block) in [(1, 4096), (5, 300), (64, 1 << 20)] {
        let input = Trickle {
            data: csv.clone().into_bytes(),
            at: 0,
            step,
        };
        let mut src = CsvChunks::from_reader(Box::new(input), "t.csv", &opts, block).unwrap();
        let mut rows = Vec::new();
        while let Some(f) = src.next_chunk().unwrap() {
            rows.extend(cells(&f));
        }
        assert_eq!(rows, whole, "{step} bytes per read, block {block}");
    }
}
