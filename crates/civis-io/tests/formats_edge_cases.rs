//! Hand-written edge cases for every format (fixtures in `tests/fixtures/`).

use std::path::PathBuf;

use civis_io::cube::Dataset;
use civis_io::flags::{ConfStatus, ObsStatus};
use civis_io::jsonstat::{read_jsonstat, read_jsonstat_str, write_jsonstat};
use civis_io::sdmx_csv::{read_sdmx_csv, read_sdmx_csv_from, write_sdmx_csv, SdmxCsvVersion};
use civis_io::table_csv::{read_csv_long_from, write_csv_long, write_csv_wide};
use civis_io::tsv::{read_tsv, read_tsv_from, write_tsv};

fn fx(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures")).join(name)
}

fn cell(ds: &Dataset, coords: &[(&str, &str)]) -> (Option<f64>, String) {
    let c = ds
        .get(coords)
        .unwrap_or_else(|| panic!("no observation at {coords:?}"));
    (c.value, c.flags.to_string())
}

fn through_all_formats(ds: &Dataset) {
    let tsv = write_tsv(ds, Vec::new(), "t").unwrap();
    let a = read_tsv_from(tsv.as_slice(), "t").unwrap();
    let js = write_jsonstat(&a, Vec::new(), "j").unwrap();
    let b = read_jsonstat_str(std::str::from_utf8(&js).unwrap(), "j")
        .unwrap()
        .remove(0);
    let c1 = write_sdmx_csv(&b, Vec::new(), "c", SdmxCsvVersion::V1, false).unwrap();
    let c = read_sdmx_csv_from(c1.as_slice(), "c").unwrap();
    let c2 = write_sdmx_csv(&c, Vec::new(), "c", SdmxCsvVersion::V2, true).unwrap();
    let d = read_sdmx_csv_from(c2.as_slice(), "c").unwrap();
    assert!(d.canonical_observations() == ds.canonical_observations());
    let long = write_csv_long(&d, Vec::new(), "l").unwrap();
    let e = read_csv_long_from(long.as_slice(), "l").unwrap();
    assert!(e.canonical_observations() == ds.canonical_observations());
}

// ---------------------------------------------------------------- TSV

#[test]
fn tsv_multi_letter_flags_confidential_0n_bom_crlf_descending() {
    let ds = read_tsv(&fx("tsv_flags_bom_crlf.tsv")).unwrap();
    assert_eq!(
        ds.dimensions[0].id, "freq",
        "BOM stripped from the first id"
    );
    let k = |c: &'static str, g: &'static str, t: &'static str| {
        [
            ("freq", "Q"),
            ("unit", "PC"),
            ("citizen", c),
            ("geo", g),
            ("TIME_PERIOD", t),
        ]
    };
    assert_eq!(
        cell(&ds, &k("FOR", "AT", "2023-Q2")),
        (Some(58.2), "bd".into())
    );
    // `: c`: legacy confidential flag, no value.
    assert_eq!(cell(&ds, &k("FOR", "AT", "2023-Q1")), (None, "c".into()));
    // `0n`: the special value "less than half the unit".
    assert_eq!(
        cell(&ds, &k("FOR", "AT", "2022-Q4")),
        (Some(0.0), "n".into())
    );
    assert_eq!(
        cell(&ds, &k("FOR", "BE", "2023-Q2")),
        (Some(0.0), "nu".into())
    );
    // `:C` without a space: confidentiality status C.
    let c = ds.get(&k("FOR", "BE", "2023-Q1")).unwrap();
    assert_eq!(c.flags.conf(), ConfStatus::C);
    assert!(c.flags.is_suppressed());
    assert_eq!(
        cell(&ds, &k("FOR", "BE", "2022-Q4")),
        (Some(12.5), "".into())
    );
    assert_eq!(
        cell(&ds, &k("NAT", "AT", "2022-Q4")),
        (Some(-3.0), "ep".into())
    );
    // A series of bare `: ` holds no observation.
    assert!(ds.get(&k("FOR", "BG", "2023-Q2")).is_none());
    assert_eq!(ds.observations.len(), 9);
    // Written ascending, read back the same, and through every format.
    let out = String::from_utf8(write_tsv(&ds, Vec::new(), "o").unwrap()).unwrap();
    assert!(out.starts_with("freq,unit,citizen,geo\\TIME_PERIOD\t2022-Q4 \t2023-Q1 \t2023-Q2 \n"));
    assert!(out.contains("Q,PC,FOR,AT\t0 n\t: c\t58.2 bd\n"), "{out}");
    through_all_formats(&ds);
    // The 2025 mapping turns `c` into CONF_STATUS C.
    let mut d25 = ds.clone();
    d25.flags_to_2025();
    let c = d25.get(&k("FOR", "AT", "2023-Q1")).unwrap();
    assert!(!c.flags.contains(ObsStatus::Confidential));
    assert_eq!(c.flags.conf(), ConfStatus::C);
}

#[test]
fn tsv_gzip_is_read_transparently() {
    let plain = read_tsv(&fx("tsv_flags_bom_crlf.tsv")).unwrap();
    let gz = read_tsv(&fx("tsv_flags_gzip.tsv.gz")).unwrap();
    assert_eq!(gz.id, "tsv_flags_gzip");
    assert!(gz.canonical_observations() == plain.canonical_observations());
}

#[test]
fn tsv_without_series_is_an_empty_dataset() {
    let ds = read_tsv(&fx("tsv_empty_series.tsv")).unwrap();
    assert!(ds.observations.is_empty());
    assert_eq!(ds.time_dimension.as_deref(), Some("time"));
    assert_eq!(ds.dimensions[2].codes.len(), 2);
    let out = write_tsv(&ds, Vec::new(), "o").unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), "unit,geo\\time\n");
    through_all_formats(&ds);
}

#[test]
fn tsv_unknown_flag_names_line_column_and_period() {
    let e = read_tsv(&fx("tsv_bad_flag.tsv")).unwrap_err();
    let at = e.location().unwrap();
    assert_eq!(
        (at.line, at.column, at.name.as_deref()),
        (3, Some(3), Some("2020"))
    );
    assert!(e.to_string().contains("unknown flag 'x'"), "{e}");
}

#[test]
fn tsv_non_numeric_value_names_its_cell() {
    let e = read_tsv(&fx("tsv_bad_value.tsv")).unwrap_err();
    let at = e.location().unwrap();
    assert_eq!((at.line, at.column), (3, Some(2)));
    assert!(e.to_string().contains("\"KG\""), "{e}");
}

// ---------------------------------------------------------------- SDMX-CSV

#[test]
fn sdmx2_labels_quoted_with_commas_bom_crlf() {
    let ds = read_sdmx_csv(&fx("sdmx2_labels_quoted_bom_crlf.csv")).unwrap();
    assert_eq!(ds.id, "ESTAT:LFSA_ERGAN(1.0)");
    assert_eq!(
        ds.label.as_deref(),
        Some("Employment rates by sex, age and citizenship (%)")
    );
    let citizen = &ds.dimensions[ds.dimension_index("citizen").unwrap()];
    assert_eq!(citizen.label.as_deref(), Some("Country of citizenship"));
    assert_eq!(
        citizen.codes[0].label.as_deref(),
        Some("Foreign country, \"all\"")
    );
    // The formula guard `'` is removed on reading.
    assert_eq!(citizen.codes[1].id, "=CMD");
    assert_eq!(citizen.codes[1].label.as_deref(), Some("=CMD"));
    let k = |g: &'static str| {
        [
            ("freq", "A"),
            ("citizen", "FOR"),
            ("geo", g),
            ("TIME_PERIOD", "2021"),
        ]
    };
    assert_eq!(cell(&ds, &k("ES")), (Some(57.4), "bd".into()));
    assert_eq!(cell(&ds, &k("MT")), (None, "C".into()));
    assert_eq!(cell(&ds, &k("BG")), (None, "u".into()));
    assert!(ds.get(&k("DE")).is_none(), "empty row: no observation");
    assert_eq!(ds.observations.len(), 4);
    // Written back with labels: quoted where needed, formula guarded, same content.
    let out = write_sdmx_csv(&ds, Vec::new(), "o", SdmxCsvVersion::V2, true).unwrap();
    let text = String::from_utf8(out.clone()).unwrap();
    assert!(
        text.contains(",FOR,\"Foreign country, \"\"all\"\"\",ES,Spain,2021,,57.4,,bd,,,\n"),
        "{text}"
    );
    assert!(text.contains(",'=CMD,'=CMD,"), "{text}");
    let back = read_sdmx_csv_from(out.as_slice(), "o").unwrap();
    assert!(back.canonical_observations() == ds.canonical_observations());
    through_all_formats(&ds);
}

#[test]
fn sdmx2_combined_id_label_cells() {
    let ds = read_sdmx_csv(&fx("sdmx2_combined_labels.csv")).unwrap();
    let geo = &ds.dimensions[ds.dimension_index("geo").unwrap()];
    assert_eq!(geo.label.as_deref(), Some("Geopolitical entity"));
    assert_eq!(geo.codes[0].id, "AT");
    assert_eq!(geo.codes[0].label.as_deref(), Some("Austria, Republic of"));
    assert_eq!(ds.time_dimension.as_deref(), Some("TIME_PERIOD"));
    let k = |g: &'static str| [("freq", "A"), ("geo", g), ("TIME_PERIOD", "2020")];
    assert_eq!(cell(&ds, &k("AT")), (Some(5.0), "p".into()));
    assert_eq!(cell(&ds, &k("DE")), (None, "m".into()));
}

#[test]
fn sdmx1_codes_last_update_extra_attribute_legacy_flags() {
    let ds = read_sdmx_csv(&fx("sdmx1_codes.csv")).unwrap();
    assert_eq!(
        ds.dimensions.len(),
        5,
        "LAST UPDATE and OBS_COMMENT are not dimensions"
    );
    let k = |g: &'static str, t: &'static str| {
        [
            ("freq", "A"),
            ("unit", "PC"),
            ("citizen", "FOR"),
            ("geo", g),
            ("TIME_PERIOD", t),
        ]
    };
    assert_eq!(cell(&ds, &k("FR", "2021")), (Some(66.5), "bd".into()));
    assert_eq!(cell(&ds, &k("LU", "2022")), (None, "s".into()));
    let mut d25 = ds.clone();
    d25.flags_to_2025();
    assert_eq!(cell(&d25, &k("LU", "2022")), (None, "i".into()));
    assert_eq!(cell(&d25, &k("LI", "2022")), (None, "m".into()));
    through_all_formats(&ds);
}

#[test]
fn sdmx_header_only_is_empty() {
    let ds = read_sdmx_csv(&fx("sdmx_empty.csv")).unwrap();
    assert!(ds.observations.is_empty());
    assert_eq!(ds.dimensions.len(), 3);
}

#[test]
fn sdmx_errors_have_positions() {
    let e = read_sdmx_csv(&fx("sdmx_bad_conf.csv")).unwrap_err();
    let at = e.location().unwrap();
    assert_eq!(
        (at.line, at.column, at.name.as_deref()),
        (3, Some(7), Some("CONF_STATUS"))
    );
    let e = read_sdmx_csv(&fx("sdmx_short_row.csv")).unwrap_err();
    assert_eq!(e.location().unwrap().line, 3);
    assert!(
        e.to_string().contains("5 fields but the header has 7"),
        "{e}"
    );
}

// ---------------------------------------------------------------- JSON-stat

#[test]
fn jsonstat_dense_arrays_with_nulls_and_status_array() {
    let ds = read_jsonstat(&fx("jsonstat_dense.json")).unwrap().remove(0);
    assert_eq!(ds.id, "jsonstat_dense");
    assert_eq!(ds.label.as_deref(), Some("Dense, with nulls"));
    let k = |g: &'static str, t: &'static str| [("geo", g), ("time", t)];
    assert_eq!(cell(&ds, &k("AT", "2020")), (Some(1.5), "".into()));
    assert_eq!(cell(&ds, &k("AT", "2021")), (None, "u".into()));
    assert_eq!(cell(&ds, &k("AT", "2022")), (Some(3.0), "bd".into()));
    assert!(ds.get(&k("DE", "2020")).is_none());
    assert_eq!(cell(&ds, &k("DE", "2021")), (None, "C".into()));
    assert_eq!(cell(&ds, &k("DE", "2022")), (Some(0.0), "n".into()));
    through_all_formats(&ds);
}

#[test]
fn jsonstat_collection_sparse_unordered_keys_extension() {
    let v = read_jsonstat(&fx("jsonstat_collection_sparse.json")).unwrap();
    assert_eq!(v.len(), 1, "the reference-only item is skipped");
    let ds = &v[0];
    assert_eq!(ds.time_dimension.as_deref(), Some("TIME_PERIOD"));
    let geo = &ds.dimensions[1];
    assert_eq!(geo.codes[1].id, "ES");
    assert_eq!(geo.codes[1].label.as_deref(), Some("Spain, Kingdom of"));
    assert_eq!(
        ds.dimensions[0].codes[0].id, "T",
        "code from category.label alone"
    );
    let k = |g: &'static str, t: &'static str| [("sex", "T"), ("geo", g), ("TIME_PERIOD", t)];
    assert_eq!(cell(ds, &k("ES", "2022")), (Some(57.4), "bd".into()));
    assert_eq!(cell(ds, &k("AT", "2021")), (Some(12.0), "".into()));
    assert_eq!(cell(ds, &k("AT", "2022")), (None, "u".into()));
    assert_eq!(cell(ds, &k("ES", "2021")), (None, "C".into()));
    through_all_formats(ds);
    // Written with labels and status.
    let out = String::from_utf8(write_jsonstat(ds, Vec::new(), "o").unwrap()).unwrap();
    assert!(out.contains("\"Spain, Kingdom of\""));
    assert!(out.contains("\"status\":{"));
    assert!(out.contains("\"bd\""));
}

#[test]
fn jsonstat_empty_value_object() {
    let ds = read_jsonstat(&fx("jsonstat_empty.json")).unwrap().remove(0);
    assert!(ds.observations.is_empty());
    through_all_formats(&ds);
}

#[test]
fn jsonstat_errors_name_path_or_line() {
    let e = read_jsonstat(&fx("jsonstat_bad_index.json")).unwrap_err();
    assert!(
        e.to_string().contains("dimension.geo.category.index.DE"),
        "{e}"
    );
    let e = read_jsonstat(&fx("jsonstat_syntax.json")).unwrap_err();
    assert_eq!(e.location().unwrap().line, 4, "{e}");
}

// ---------------------------------------------------------------- plain CSV

#[test]
fn csv_long_and_wide_guard_formulas() {
    let ds = read_sdmx_csv(&fx("sdmx2_labels_quoted_bom_crlf.csv")).unwrap();
    let long = String::from_utf8(write_csv_long(&ds, Vec::new(), "o").unwrap()).unwrap();
    assert!(
        long.starts_with("freq,citizen,geo,TIME_PERIOD,value,flags\n"),
        "{long}"
    );
    assert!(long.contains("A,FOR,ES,2021,57.4,bd\n"));
    assert!(long.contains("A,FOR,MT,2021,,C\n"));
    assert!(long.contains("A,'=CMD,DE,2021,1,\n"));
    let ds = read_tsv(&fx("tsv_flags_bom_crlf.tsv")).unwrap();
    let wide = String::from_utf8(write_csv_wide(&ds, Vec::new(), "o").unwrap()).unwrap();
    assert!(wide.starts_with(
        "freq,unit,citizen,geo,2022-Q4,2022-Q4 flags,2023-Q1,2023-Q1 flags,2023-Q2,2023-Q2 flags\n"
    ));
    assert!(wide.contains("Q,PC,FOR,AT,0,n,,c,58.2,bd\n"), "{wide}");
    assert!(wide.contains("Q,PC,NAT,AT,-3,ep,70.4,b,,bu\n"), "{wide}");
}
