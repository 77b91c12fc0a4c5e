//! Round trips over the real Eurostat SDMX-CSV files in `../shared/data/eurostat/`:
//! read -> TSV -> read -> JSON-stat -> read -> SDMX-CSV 1.0 -> read keeps every observation and
//! flag (and so does Civis's long CSV); plus real values checked by name.

use std::path::{Path, PathBuf};

use civis_io::cube::Dataset;
use civis_io::jsonstat::{read_jsonstat_str, write_jsonstat};
use civis_io::sdmx_csv::{read_sdmx_csv, read_sdmx_csv_from, write_sdmx_csv, SdmxCsvVersion};
use civis_io::table_csv::{read_csv_long_from, write_csv_long};
use civis_io::tsv::{read_tsv, read_tsv_from, write_tsv};

const EUROSTAT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/eurostat");
const FORMATS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/formats");

fn eurostat_files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(EUROSTAT)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    v.sort();
    assert_eq!(v.len(), 9, "expected the nine real Eurostat files");
    v
}

fn round_trip(ds: &Dataset) -> Dataset {
    let tsv = write_tsv(ds, Vec::new(), "rt.tsv").unwrap();
    let a = read_tsv_from(tsv.as_slice(), "rt.tsv").unwrap();
    let js = write_jsonstat(&a, Vec::new(), "rt.json").unwrap();
    let b = read_jsonstat_str(std::str::from_utf8(&js).unwrap(), "rt.json")
        .unwrap()
        .remove(0);
    let csv1 = write_sdmx_csv(&b, Vec::new(), "rt.csv", SdmxCsvVersion::V1, false).unwrap();
    read_sdmx_csv_from(csv1.as_slice(), "rt.csv").unwrap()
}

#[test]
fn every_real_file_survives_tsv_jsonstat_sdmx1() {
    for path in eurostat_files() {
        let ds = read_sdmx_csv(&path).unwrap();
        assert!(ds.observations.len() > 500, "{}", path.display());
        let back = round_trip(&ds);
        let (a, b) = (ds.canonical_observations(), back.canonical_observations());
        assert_eq!(a.len(), b.len(), "{}", path.display());
        assert!(a == b, "{}: observations or flags differ", path.display());
        // And through Civis's own long CSV.
        let long = write_csv_long(&back, Vec::new(), "l.csv").unwrap();
        let c = read_csv_long_from(long.as_slice(), "l.csv").unwrap();
        assert!(
            c.canonical_observations() == a,
            "{}: long CSV",
            path.display()
        );
    }
}

#[test]
fn sdmx2_with_labels_survives_its_own_writer() {
    for path in eurostat_files() {
        let ds = read_sdmx_csv(&path).unwrap();
        for (version, labels) in [
            (SdmxCsvVersion::V1, false),
            (SdmxCsvVersion::V2, false),
            (SdmxCsvVersion::V2, true),
        ] {
            let out = write_sdmx_csv(&ds, Vec::new(), "o.csv", version, labels).unwrap();
            let first = out.split(|&b| b == b'\n').next().unwrap();
            assert_eq!(
                first.starts_with(b"STRUCTURE,STRUCTURE_ID,STRUCTURE_NAME,"),
                labels,
                "{}",
                String::from_utf8_lossy(first)
            );
            let back = read_sdmx_csv_from(out.as_slice(), "o.csv").unwrap();
            assert!(back.canonical_observations() == ds.canonical_observations());
            if labels {
                // Labels survive too.
                for (d, e) in ds.dimensions.iter().zip(&back.dimensions) {
                    assert_eq!(d.label, e.label);
                    for c in &d.codes {
                        let i = e.code_index(&c.id).unwrap() as usize;
                        assert_eq!(c.label, e.codes[i].label, "{}", c.id);
                    }
                }
            }
        }
    }
}

fn file(stem: &str) -> PathBuf {
    eurostat_files()
        .into_iter()
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(stem))
        .unwrap()
}

#[test]
fn real_values_and_flags() {
    // Employment rate of foreign citizens aged 15-64, both sexes, Germany 2021: 64.1, break.
    let ds = read_sdmx_csv(&file("lfsa_ergan")).unwrap();
    assert_eq!(ds.id, "ESTAT:LFSA_ERGAN(1.0)");
    assert_eq!(
        ds.label.as_deref(),
        Some("Employment rates by sex, age and citizenship (%)")
    );
    let geo = &ds.dimensions[ds.dimension_index("geo").unwrap()];
    assert_eq!(
        geo.label.as_deref(),
        Some("Geopolitical entity (reporting)")
    );
    let de = geo.code_index("DE").unwrap() as usize;
    assert_eq!(geo.codes[de].label.as_deref(), Some("Germany"));
    let key = |geo: &'static str, year: &'static str, sex: &'static str| {
        [
            ("freq", "A"),
            ("unit", "PC"),
            ("sex", sex),
            ("age", "Y15-64"),
            ("citizen", "FOR"),
            ("geo", geo),
            ("TIME_PERIOD", year),
        ]
    };
    let back = round_trip(&ds);
    for d in [&ds, &back] {
        let c = d.get(&key("DE", "2021", "T")).unwrap();
        assert_eq!(c.value, Some(64.1));
        assert_eq!(c.flags.to_string(), "b");
        // Spain 2021: 57.4 with break + definition differs.
        let c = d.get(&key("ES", "2021", "T")).unwrap();
        assert_eq!((c.value, c.flags.to_string()), (Some(57.4), "bd".into()));
        // Bosnia and Herzegovina, women, 2021: 47.4 with break + low reliability.
        let c = d.get(&key("BA", "2021", "F")).unwrap();
        assert_eq!((c.value, c.flags.to_string()), (Some(47.4), "bu".into()));
        // 2023: suppressed for low reliability (no value, flag u).
        let c = d.get(&key("BA", "2023", "F")).unwrap();
        assert_eq!((c.value, c.flags.to_string()), (None, "u".into()));
    }
}

#[test]
fn sdmx1_labels_flavour_gets_codes_derived_from_labels() {
    // Eurostat's 1.0 web export has labels in place of codes; some contain commas.
    let ds = read_sdmx_csv(&file("hlth_silc_24")).unwrap();
    assert_eq!(ds.id, "ESTAT:HLTH_SILC_24(1.0)");
    let geo = &ds.dimensions[ds.dimension_index("geo").unwrap()];
    let ro = geo.code_index("Romania").unwrap() as usize;
    assert_eq!(geo.codes[ro].label.as_deref(), Some("Romania"));
    let ea = geo
        .codes
        .iter()
        .find(|c| {
            c.label
                .as_deref()
                .is_some_and(|l| l.starts_with("Euro area (EA11-1999, "))
        })
        .unwrap();
    assert_eq!(ea.id, "Euro_area_EA11-1999_EA12-2001_EA13-2007_EA15-2008_EA16-2009_EA17-2011_EA18-2014_EA19-2015_EA20-2023");
    // Bad self-perceived health, EU27 foreigners, Romania 2021: "data cannot exist" (m).
    let citizen = &ds.dimensions[ds.dimension_index("citizen").unwrap()];
    let eu = citizen
        .codes
        .iter()
        .find(|c| c.label.as_deref() == Some("EU27 countries (from 2020) except reporting country"))
        .unwrap();
    let c = ds
        .get(&[
            ("freq", "Annual"),
            ("sex", "Total"),
            ("age", "16_years_or_over"),
            ("citizen", &eu.id),
            ("lev_perc", "Bad"),
            ("unit", "Percentage"),
            ("geo", "Romania"),
            ("TIME_PERIOD", "2021"),
        ])
        .unwrap();
    assert_eq!((c.value, c.flags.to_string()), (None, "m".into()));
    // Median equivalised net income of foreign citizens (18+), Germany 2019: 22373 euro.
    let ds = read_sdmx_csv(&file("ilc_di15")).unwrap();
    let c = ds
        .get(&[
            ("freq", "Annual"),
            ("unit", "Euro"),
            ("indic_il", "Median_equivalised_net_income"),
            ("citizen", "Foreign_country"),
            ("sex", "Total"),
            ("age", "18_years_or_over"),
            ("geo", "Germany"),
            ("TIME_PERIOD", "2019"),
        ])
        .unwrap();
    assert_eq!((c.value, c.flags.is_empty()), (Some(22373.0), true));
}

fn fmt(p: &str) -> PathBuf {
    Path::new(FORMATS).join(p)
}

#[test]
fn real_tsv_samples() {
    // Current API TSV, CRLF, trailing spaces, `: bu`.
    let ds = read_tsv(&fmt("eurostat_tsv/estat_lfsa_ergan_filtered.tsv")).unwrap();
    assert_eq!(ds.time_dimension.as_deref(), Some("TIME_PERIOD"));
    let k = |geo: &'static str, y: &'static str| {
        [
            ("freq", "A"),
            ("unit", "PC"),
            ("sex", "F"),
            ("age", "Y20-64"),
            ("citizen", "EU27_2020_FOR"),
            ("geo", geo),
            ("TIME_PERIOD", y),
        ]
    };
    let c = ds.get(&k("AT", "2021")).unwrap();
    assert_eq!((c.value, c.flags.to_string()), (Some(70.4), "b".into()));
    let c = ds.get(&k("BA", "2021")).unwrap();
    assert_eq!((c.value, c.flags.to_string()), (None, "bu".into()));
    assert!(
        ds.get(&k("BA", "2015")).is_none(),
        "a bare `: ` is no observation"
    );
    let back = round_trip(&ds);
    assert!(back.canonical_observations() == ds.canonical_observations());

    // Legacy bulk: `indic_de,geo\time`, flags b e p.
    let ds = read_tsv(&fmt("eurostat_tsv/tps00001_legacy_bulk_2017.tsv")).unwrap();
    assert_eq!(ds.time_dimension.as_deref(), Some("time"));
    let c = ds
        .get(&[("indic_de", "JAN"), ("geo", "AD"), ("time", "2016")])
        .unwrap();
    assert_eq!((c.value, c.flags.to_string()), (Some(71732.0), "e".into()));
    let back = round_trip(&ds);
    assert!(back.canonical_observations() == ds.canonical_observations());

    let ds = read_tsv(&fmt("eurostat_tsv/estat_migr_resfirst_filtered.tsv")).unwrap();
    let back = round_trip(&ds);
    assert!(back.canonical_observations() == ds.canonical_observations());

    // Comext: `:C` cells read; `KG` (a non-numeric cell) is an error with its position.
    let e = read_tsv(&fmt("eurostat_tsv/eurostat_comext_ds-059358_DE_2022.tsv")).unwrap_err();
    let at = e.location().unwrap();
    assert_eq!(at.name.as_deref(), Some("2022"));
    assert!(e.to_string().contains("\"KG\""), "{e}");
}

#[test]
fn real_jsonstat_samples() {
    use civis_io::jsonstat::read_jsonstat;
    let ds = read_jsonstat(&fmt("jsonstat/eurostat_une_rt_m_DE_last3.json"))
        .unwrap()
        .remove(0);
    assert_eq!(ds.dimensions.len(), 7);
    assert_eq!(ds.time_dimension.as_deref(), Some("time"));
    assert!(!ds.observations.is_empty());
    let back = round_trip(&ds);
    assert!(back.canonical_observations() == ds.canonical_observations());

    let ds = read_jsonstat(&fmt("jsonstat/jsonstat_org_oecd.json"))
        .unwrap()
        .remove(0);
    assert!(ds.observations.iter().any(|o| o.flags.to_string() == "e"));
    let back = round_trip(&ds);
    assert!(back.canonical_observations() == ds.canonical_observations());

    // Collections with embedded datasets.
    let v = read_jsonstat(&fmt("jsonstat/jsonstat_org_collection.json")).unwrap();
    assert!(v.is_empty(), "references only, no embedded data");
    let v = read_jsonstat(&fmt("jsonstat/jsonstat_org_oecd-canada-col.json"));
    assert!(v
        .unwrap_err()
        .to_string()
        .contains("link.item[1].status[0]"));
    for f in ["galicia", "hierarchy"] {
        let r = read_jsonstat(&fmt(&format!("jsonstat/jsonstat_org_{f}.json")));
        assert!(r.is_ok(), "{f}: {:?}", r.err());
    }
    // Text values ("A1B1C1") cannot be observations.
    let e = read_jsonstat(&fmt("jsonstat/jsonstat_org_order.json")).unwrap_err();
    assert!(e.to_string().contains("value[0]"), "{e}");
    // json-stat.org's status "a" is not a Eurostat flag: an error naming the JSON path.
    let e = read_jsonstat(&fmt("jsonstat/jsonstat_org_canada.json")).unwrap_err();
    assert!(e.to_string().contains("status[0]"), "{e}");
}
