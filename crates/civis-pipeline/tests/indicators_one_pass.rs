//! `civis indicators` in one pass over the rows gives the rows of the per-indicator engine
//! (one estimation per indicator, criterion and partition), in the same order, up to rounding:
//! on an EU-LFS-shaped file with strata, households as PSUs, regions, both group criteria, the
//! sex and age-band breakdowns and missing values in every domain variable, with linearised,
//! jackknife and bootstrap variances; and on laeken's `eusilc`, where the poverty and income
//! indicators keep the per-indicator engine beside the ratios. A file of ratio indicators only
//! is streamed in chunks: cut into many, it gives the rows of one chunk to the last bit, and
//! with households' rows scattered over the file, the per-indicator engine's rows.

use std::path::{Path, PathBuf};

use civis_catalog::Criterion;
use civis_pipeline::indicators::Breakdown;
use civis_pipeline::{IndicatorRow, IndicatorsBuilder, VarianceMethod};

/// A deterministic EU-LFS-shaped file (column names of ../shared/bench/gen_lfs.py): households
/// of 1-4 persons in consecutive rows, 6 strata, 5 regions; a few persons lack their region,
/// citizenship, country of birth, labour status or education.
fn write_lfs(dir: &Path, households: u64) -> PathBuf {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = |m: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % m
    };
    let regions = ["AT11", "AT12", "AT13", "AT21", "AT22"];
    let groups = ["NAT", "NAT", "NAT", "EU", "NEU", "NEU"];
    let mut s =
        String::from("region,stratum,psu,weight,sex,age,citizen,cob,ilostat,hatlev,educ4wn\n");
    for h in 0..households {
        let r = next(5) as usize;
        let stratum = format!("S{}", (r + h as usize % 2) % 6);
        let weight = 50 + next(450);
        for _ in 0..1 + next(4) {
            let missing = |k: u64, v: &str| if k == 0 { String::new() } else { v.to_string() };
            let region = missing(next(40), regions[r]);
            let citizen = missing(next(30), groups[next(6) as usize]);
            let cob = missing(next(30), groups[next(6) as usize]);
            let ilostat = missing(next(50), &(1 + next(3)).to_string());
            let hatlev = missing(next(25), ["L", "M", "H"][next(3) as usize]);
            s += &format!(
                "{region},{stratum},{h},{weight},{},{},{citizen},{cob},{ilostat},{hatlev},{}\n",
                1 + next(2),
                15 + next(66),
                1 + next(2)
            );
        }
    }
    let path = dir.join("lfs.csv");
    std::fs::write(&path, s).unwrap();
    path
}

fn close(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()) + 1e-12
}

fn assert_same(one: &[IndicatorRow], each: &[IndicatorRow], what: &str) {
    assert_eq!(one.len(), each.len(), "{what}: row counts");
    for (a, b) in one.iter().zip(each) {
        let key = |r: &IndicatorRow| {
            let t = [
                &r.indicator,
                &r.geo,
                &r.group_criterion,
                &r.group,
                &r.sex,
                &r.age,
            ];
            let u = [&r.time, &r.flags, &r.unit, &r.note];
            format!("{t:?} {u:?} n={:?}", r.n)
        };
        assert_eq!(key(a), key(b), "{what}");
        for ((name, x), (_, y)) in a.measures.named().into_iter().zip(b.measures.named()) {
            assert!(close(x, y), "{what}: {name} {x} vs {y} in {}", key(a));
        }
    }
}

fn both(builder: &mut IndicatorsBuilder, what: &str) -> usize {
    let run = |b: &IndicatorsBuilder| b.build().unwrap().run(&|_| {}).unwrap();
    let one = run(builder.one_pass(true));
    let each = run(builder.one_pass(false));
    assert_same(&one, &each, what);
    one.len()
}

#[test]
fn one_pass_equals_one_estimation_per_partition_on_an_lfs_file() {
    let dir = std::env::temp_dir().join(format!("civis-one-pass-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let data = write_lfs(&dir, 1500);
    for (variance, what) in [
        (VarianceMethod::Linearised, "linearised"),
        (VarianceMethod::Jackknife, "jackknife"),
        (
            VarianceMethod::Bootstrap {
                replicates: 40,
                seed: 7,
            },
            "bootstrap",
        ),
    ] {
        let mut b = IndicatorsBuilder::new(&data);
        b.source("eu-lfs")
            .geo("region")
            .criteria(&[Criterion::Citizenship, Criterion::Birth])
            .breakdown(Breakdown::Sex)
            .breakdown(Breakdown::AgeBand)
            .variance(variance);
        let rows = both(&mut b, what);
        assert!(rows > 2000, "{what}: {rows} rows");
    }
    // the country alone, no breakdown, one criterion
    let mut b = IndicatorsBuilder::new(&data);
    b.source("eu-lfs").country("AT");
    both(&mut b, "country");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn one_pass_leaves_the_income_indicators_to_the_rows_on_eusilc() {
    let data =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/microdata/eusilc.csv");
    let mut b = IndicatorsBuilder::new(&data);
    b.map("equivalised_income", "eqIncome")
        .country("AT")
        .geo("db040")
        .breakdown(Breakdown::Sex);
    assert!(both(&mut b, "eusilc") > 100);
}

#[test]
fn streamed_chunks_equal_one_chunk_and_scattered_households() {
    let dir = std::env::temp_dir().join(format!("civis-one-pass-chunks-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let data = write_lfs(&dir, 800);
    let run = |b: &IndicatorsBuilder| b.build().unwrap().run(&|_| {}).unwrap();
    let mut b = IndicatorsBuilder::new(&data);
    b.source("eu-lfs")
        .geo("region")
        .criteria(&[Criterion::Citizenship, Criterion::Birth])
        .breakdown(Breakdown::Sex)
        .breakdown(Breakdown::AgeBand);
    let one_chunk = run(&b);
    // about 60 chunks (other tests of this binary may read chunked too: their rows must not
    // change either)
    std::env::set_var("CIVIS_CHUNK_BYTES", "1500");
    let chunks = run(&b);
    std::env::remove_var("CIVIS_CHUNK_BYTES");
    assert!(one_chunk.len() > 1000);
    // NaN measures compare equal through their text
    assert_eq!(format!("{one_chunk:?}"), format!("{chunks:?}"));
    // odd data lines first, then even ones: no household's rows are consecutive any more
    let text = std::fs::read_to_string(&data).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let header = lines.remove(0);
    let (odd, even): (Vec<(usize, &str)>, Vec<_>) =
        lines.into_iter().enumerate().partition(|(i, _)| i % 2 == 1);
    let mut scattered = format!("{header}\n");
    for (_, l) in odd.into_iter().chain(even) {
        scattered += l;
        scattered.push('\n');
    }
    let path = dir.join("scattered.csv");
    std::fs::write(&path, scattered).unwrap();
    let mut b = IndicatorsBuilder::new(&path);
    b.source("eu-lfs")
        .geo("region")
        .criteria(&[Criterion::Citizenship])
        .breakdown(Breakdown::Sex);
    both(&mut b, "scattered households");
    std::fs::remove_dir_all(&dir).unwrap();
}
