//! Streaming throughput of the Eurostat TSV reader and writers.
//!
//! `cargo run --release -p civis-io --example tsv_throughput [FILE] [MB] [TARGET] [THREADS]` writes a synthetic
//! TSV of about MB megabytes (default 100) to FILE (default `$TMPDIR/civis_big.tsv`) unless it
//! exists, then streams it ([`convert_tsv`]) to TSV, SDMX-CSV 1.0 and long CSV into a sink, with one
//! thread and with one per core, and prints MB/s of input.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::time::Instant;

use civis_io::input::open_input;
use civis_io::sdmx_csv::SdmxCsvVersion;
use civis_io::stream::{convert_tsv, StreamOptions, StreamTarget};

fn generate(path: &PathBuf, mb: usize) -> std::io::Result<()> {
    let mut w = BufWriter::new(std::fs::File::create(path)?);
    let years: Vec<String> = (2000..2025).map(|y| y.to_string()).collect();
    write!(w, "freq,unit,sex,age,citizen,geo\\TIME_PERIOD")?;
    for y in &years {
        write!(w, "\t{y} ")?;
    }
    w.write_all(b"\n")?;
    let flags = ["", "", "", "", "b", "u", "bd", "e", "", "p"];
    let mut written = 0usize;
    let mut n = 0u64;
    let mut x = 0x2545F4914F6CDD1Du64;
    while written < mb << 20 {
        let mut line = format!(
            "A,PC,{},Y{}-64,C{:05},G{:04}",
            ["F", "M", "T"][(n % 3) as usize],
            15 + n % 10,
            n / 30 % 100_000,
            n % 10_000
        );
        for _ in &years {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if x % 13 == 1 {
                line.push_str("\t: ");
                if x & 1 == 1 {
                    line.push('u');
                }
            } else {
                let v = (x % 100_000) as f64 / 10.0;
                line.push_str(&format!(
                    "\t{v} {}",
                    flags[(x >> 20) as usize % flags.len()]
                ));
            }
        }
        line.push('\n');
        written += line.len();
        w.write_all(line.as_bytes())?;
        n += 1;
    }
    w.flush()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("civis_big.tsv"));
    let mb: usize = args.next().map_or(Ok(100), |s| s.parse())?;
    // Optional: only targets whose label starts with this, and only this many threads.
    let only = args.next().unwrap_or_default();
    let only_threads: Option<usize> = args.next().map(|s| s.parse()).transpose()?;
    if !path.exists() {
        generate(&path, mb)?;
    }
    let size = std::fs::metadata(&path)?.len() as f64 / 1e6;
    let name = path.display().to_string();
    let targets = [
        ("tsv", StreamTarget::Tsv),
        ("sdmx-csv 1.0", StreamTarget::SdmxCsv(SdmxCsvVersion::V1)),
        ("csv long", StreamTarget::CsvLong),
    ];
    for threads in [1, 0] {
        if only_threads.is_some_and(|t| t != threads) {
            continue;
        }
        for (label, target) in targets {
            if !label.starts_with(only.as_str()) {
                continue;
            }
            let opts = StreamOptions {
                target,
                filters: Vec::new(),
                flags_2025: false,
                dataset_id: "ESTAT:BIG(1.0)".into(),
                threads,
                distinct_codes: vec!["geo".into()],
            };
            let start = Instant::now();
            let (_, stats) =
                convert_tsv(open_input(&path)?, &name, std::io::sink(), "sink", &opts)?;
            let secs = start.elapsed().as_secs_f64();
            println!(
                "TSV -> {label} ({} threads): {size:.1} MB, {} observations in {secs:.2} s = {:.0} MB/s",
                if threads == 0 { "all".to_owned() } else { threads.to_string() },
                stats.observations,
                size / secs
            );
        }
    }
    Ok(())
}
