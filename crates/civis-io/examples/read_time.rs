//! Times `read_csv` on a file: `cargo run --release -p civis-io --example read_time -- FILE [COL...]`
//! (with column names, only those columns are loaded). Reads the file several times and reports
//! each run, so the first (cold-cache) run can be told apart.

use std::path::PathBuf;
use std::time::Instant;

use civis_frame::Column;
use civis_io::{read_csv, CsvOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().ok_or("usage: read_time FILE [COLUMN...]")?);
    let cols: Vec<String> = args.collect();
    let opts = CsvOptions {
        columns: (!cols.is_empty()).then_some(cols),
        ..CsvOptions::default()
    };
    for run in 1..=5 {
        let t = Instant::now();
        let frame = read_csv(&path, &opts)?;
        let secs = t.elapsed().as_secs_f64();
        if run == 1 {
            for (name, col) in frame.names().iter().zip(frame.columns()) {
                let detail = match col {
                    Column::Num(_) => String::new(),
                    Column::Str(s) => format!(" ({} distinct)", s.dict.len()),
                };
                println!("  {name}: {}{detail}", col.type_name());
            }
        }
        println!(
            "run {run}: {} rows x {} columns in {secs:.3} s",
            frame.nrows(),
            frame.ncols()
        );
    }
    Ok(())
}
