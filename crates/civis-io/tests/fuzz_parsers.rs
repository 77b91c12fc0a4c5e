//! Fuzzing every reader (TSV, SDMX-CSV, JSON-stat, long CSV, microdata CSV, calibration totals)
//! with byte mutations of valid files (issue 17), inside the test suite and
//! bounded (a few hundred cases per reader, small inputs): no input makes a reader panic or
//! hang, every refusal is one sentence that names the file, and the streaming TSV converter
//! never writes what reading the whole file refuses (a repeated series, a bad number: the
//! checks the whole-file path makes, the stream makes too).
//!
//! Mutations: replace, insert or delete a byte (drawn mostly from the bytes that matter to the
//! formats: separators, quotes, line ends, signs, exponents, flags, braces, invalid UTF-8),
//! duplicate or drop a range (a repeated series, a cut line), truncate.

use proptest::prelude::*;

use civis_io::jsonstat::read_jsonstat_str;
use civis_io::sdmx_csv::read_sdmx_csv_from;
use civis_io::stream::{convert_tsv, StreamOptions, StreamTarget};
use civis_io::table_csv::read_csv_long_from;
use civis_io::totals::read_totals;
use civis_io::tsv::read_tsv_from;
use civis_io::{read_csv_bytes, CsvOptions};

const TSV: &str = "\u{feff}freq,unit,citizen,geo\\TIME_PERIOD\t2023-Q2 \t2023-Q1 \t2022-Q4 \r\n\
Q,PC,FOR,AT\t58.2 bd\t: c\t0n\r\n\
Q,PC,FOR,BE\t0n u\t:C\t12.5 \r\n\
Q,PC,NAT,AT\t: bu\t70.4 b\t-3 ep\r\n\
Q,PC,NAT,DE\t1.5e3 \t: \t7 \r\n";

const SDMX: &str =
    "STRUCTURE,STRUCTURE_ID,ACTION,freq,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS\n\
dataflow,ESTAT:LFSA_ERGAN(1.0),I,A,ES,2021,57.4,bd,\n\
dataflow,ESTAT:LFSA_ERGAN(1.0),I,A,MT,2021,,,C\n\
dataflow,ESTAT:LFSA_ERGAN(1.0),I,A,\"B,G\",2021,12,u,\n";

const JSONSTAT: &str = r#"{"version":"2.0","class":"dataset","label":"Dense",
 "id":["geo","time"],"size":[2,3],"role":{"time":["time"]},
 "dimension":{"geo":{"label":"Country","category":{"index":["AT","DE"],"label":{"AT":"Austria","DE":"Germany"}}},
   "time":{"category":{"index":{"2020":0,"2021":1,"2022":2}}}},
 "value":[1.5,null,3,null,null,0],
 "status":{"1":"u","2":"bd","4":"C"}}"#;

const LONG_CSV: &str = "geo,time,value,flags\nAT,2020,1.5,\nAT,2021,,u\nDE,2020,3e2,bd\n";

const MICRODATA: &str = "id,weight,region,age,income\n1,120.5,AT1,34,21000\n2,98,\"AT,2\",51,\n\
3,1e2,AT3,-1,1.5e4\n4,NaN,AT1,70,\"3\"\"4\"\n";

/// Bytes that mean something to at least one of the formats.
const TOTALS: &str =
    "variable,category,total\nsex,1,4100\nsex,2,4300.5\n\"age band\",\"65, older\",900\nincome,,-12.5e3\n";

const INTERESTING: &[u8] = b"\t,\n\r:\" 0123456789eE-+.{}[]bcdupnzC\\\x00\xff";

#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, u8),
    Insert(usize, u8),
    Delete(usize),
    /// Copy `len` bytes from `at` to `to`.
    Duplicate {
        at: usize,
        len: usize,
        to: usize,
    },
    Drop {
        at: usize,
        len: usize,
    },
    Truncate(usize),
}

fn byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        4 => proptest::sample::select(INTERESTING),
        1 => any::<u8>(),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let pos = any::<usize>();
    prop_oneof![
        4 => (pos, byte()).prop_map(|(p, b)| Mutation::Replace(p, b)),
        3 => (pos, byte()).prop_map(|(p, b)| Mutation::Insert(p, b)),
        2 => pos.prop_map(Mutation::Delete),
        1 => (pos, 1usize..80, pos)
            .prop_map(|(at, len, to)| Mutation::Duplicate { at, len, to }),
        1 => (pos, 1usize..40).prop_map(|(at, len)| Mutation::Drop { at, len }),
        1 => pos.prop_map(Mutation::Truncate),
    ]
}

fn mutate(seed: &str, mutations: &[Mutation]) -> Vec<u8> {
    let mut b = seed.as_bytes().to_vec();
    for m in mutations {
        let n = b.len().max(1);
        match *m {
            Mutation::Replace(p, x) if !b.is_empty() => {
                let i = p % b.len();
                b[i] = x;
            }
            Mutation::Replace(..) => {}
            Mutation::Insert(p, x) => b.insert(p % (b.len() + 1), x),
            Mutation::Delete(p) if !b.is_empty() => {
                b.remove(p % n);
            }
            Mutation::Delete(_) => {}
            Mutation::Duplicate { at, len, to } => {
                let at = at % n;
                let end = (at + len).min(b.len());
                let piece = b[at.min(b.len())..end].to_vec();
                let to = to % (b.len() + 1);
                b.splice(to..to, piece);
            }
            Mutation::Drop { at, len } => {
                let at = at % n;
                let end = (at + len).min(b.len());
                if at < end {
                    b.drain(at..end);
                }
            }
            Mutation::Truncate(p) => b.truncate(p % (b.len() + 1)),
        }
    }
    b
}

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    proptest::collection::vec(mutation(), 1..6)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 300,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A refusal is one line that names the file.
fn clear(message: &str, file: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        message.contains(file),
        "the message does not name the file: {message}"
    );
    prop_assert!(
        !message.contains('\n'),
        "the message is not one line: {message}"
    );
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn tsv_reader_and_streaming_converter_agree(m in mutations()) {
        let input = mutate(TSV, &m);
        let read = read_tsv_from(&input[..], "in.tsv");
        if let Err(e) = &read {
            clear(&e.to_string(), "in.tsv")?;
        }
        for target in [StreamTarget::Tsv, StreamTarget::CsvLong] {
            let opts = StreamOptions {
                target,
                filters: Vec::new(),
                flags_2025: false,
                dataset_id: "in".into(),
                threads: 2,
                distinct_codes: vec!["geo".into()],
            };
            let streamed = convert_tsv(&input[..], "in.tsv", Vec::new(), "out", &opts);
            match (&read, &streamed) {
                (Err(e), Ok(_)) => prop_assert!(false, "streaming wrote what the reader refuses: {e}"),
                (_, Err(e)) => {
                    let e = e.to_string();
                    clear(&e, if e.starts_with("out") { "out" } else { "in.tsv" })?;
                }
                (Ok(_), Ok(_)) => {}
            }
        }
    }

    #[test]
    fn sdmx_csv_reader(m in mutations()) {
        let input = mutate(SDMX, &m);
        if let Err(e) = read_sdmx_csv_from(&input[..], "in.csv") {
            clear(&e.to_string(), "in.csv")?;
        }
    }

    #[test]
    fn jsonstat_reader(m in mutations()) {
        let input = mutate(JSONSTAT, &m);
        let text = String::from_utf8_lossy(&input);
        if let Err(e) = read_jsonstat_str(&text, "in.json") {
            clear(&e.to_string(), "in.json")?;
        }
    }

    #[test]
    fn long_csv_reader(m in mutations()) {
        let input = mutate(LONG_CSV, &m);
        if let Err(e) = read_csv_long_from(&input[..], "in.csv") {
            clear(&e.to_string(), "in.csv")?;
        }
    }

    #[test]
    fn calibration_totals_reader(m in mutations()) {
        let input = mutate(TOTALS, &m);
        match read_totals(&input[..], "totals.csv") {
            Err(e) => clear(&e.to_string(), "totals.csv")?,
            Ok(rows) => {
                for t in rows {
                    prop_assert!(!t.variable.is_empty() && t.total.is_finite());
                    prop_assert!(t.category.is_none() || t.total >= 0.0);
                }
            }
        }
    }

    #[test]
    fn microdata_csv_reader(m in mutations()) {
        let input = mutate(MICRODATA, &m);
        if let Err(e) = read_csv_bytes(&input, "micro.csv", &CsvOptions::default()) {
            clear(&e.to_string(), "micro.csv")?;
        }
    }
}

#[test]
fn the_seeds_are_valid() {
    assert!(read_tsv_from(TSV.as_bytes(), "t").is_ok());
    assert!(read_sdmx_csv_from(SDMX.as_bytes(), "s").is_ok());
    assert!(read_jsonstat_str(JSONSTAT, "j").is_ok());
    assert!(read_csv_long_from(LONG_CSV.as_bytes(), "c").is_ok());
    assert_eq!(read_totals(TOTALS.as_bytes(), "t").unwrap().len(), 4);
    assert!(read_csv_bytes(MICRODATA.as_bytes(), "m", &CsvOptions::default()).is_ok());
}
