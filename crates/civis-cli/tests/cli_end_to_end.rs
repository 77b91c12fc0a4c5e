//! The `civis` binary on real files: output formats, flags, and the errors users see.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn civis(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_civis"))
        .args(args)
        .output()
        .expect("run civis")
}

fn eusilc() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/microdata/eusilc.csv")
        .display()
        .to_string()
}

/// A fresh directory for one test, removed with its files when the guard drops (also when
/// the test fails).
fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("civis-e2e-{name}-"))
        .tempdir()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn design(data: &str) -> Vec<&str> {
    vec![
        "estimate", "--data", data, "--weight", "rb050", "--strata", "db040", "--psu", "db030",
        "--nest",
    ]
}

#[test]
fn csv_output_has_the_documented_columns_and_suppressed_rows_keep_their_place() {
    let dir_guard = scratch("csv");
    let dir = dir_guard.path().to_path_buf();
    let out = dir.join("arpr.csv");
    let data = eusilc();
    let mut args = design(&data);
    args.extend([
        "--where",
        "age >= 18",
        "--arpr",
        "eqIncome",
        "--by",
        "db040,pb220a",
        "--reliability",
        "silc",
        "--contrast",
        "pb220a:Other-AT",
        "--out",
    ]);
    let out_s = out.display().to_string();
    args.push(&out_s);
    let o = civis(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut r = csv::Reader::from_path(&out).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let expected: Vec<&str> = ["db040", "pb220a", "statistic", "variable"]
        .into_iter()
        .chain(civis_io::estimate_table::MEASURES)
        .chain(["flags"])
        .collect();
    assert_eq!(header, expected);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    // 9 states x 3 citizenships + 9 gaps
    assert_eq!(rows.len(), 36);
    let burgenland_eu = rows
        .iter()
        .find(|r| &r[0] == "Burgenland" && &r[1] == "EU")
        .unwrap();
    let n: u64 = burgenland_eu[10].parse().unwrap();
    assert!(n < 20, "fewer than 20 observations");
    assert_eq!(&burgenland_eu[4], "", "suppressed: no estimate");
    assert_eq!(&burgenland_eu[5], "", "suppressed: no se");
    assert_eq!(&burgenland_eu[12], "u");
    let vienna_gap = rows
        .iter()
        .find(|r| &r[0] == "Vienna" && &r[1] == "Other-AT")
        .unwrap();
    let gap: f64 = vienna_gap[4].parse().unwrap();
    let other: f64 = rows
        .iter()
        .find(|r| &r[0] == "Vienna" && &r[1] == "Other")
        .unwrap()[4]
        .parse()
        .unwrap();
    let at: f64 = rows
        .iter()
        .find(|r| &r[0] == "Vienna" && &r[1] == "AT")
        .unwrap()[4]
        .parse()
        .unwrap();
    assert!((gap - (other - at)).abs() < 1e-12);
    // no temporary file left beside the output
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["arpr.csv"]);
}

#[test]
fn json_output_is_an_array_with_nulls_for_missing_numbers() {
    let dir_guard = scratch("json");
    let dir = dir_guard.path().to_path_buf();
    let out = dir.join("emp.json");
    let data = eusilc();
    let out_s = out.display().to_string();
    let mut args = design(&data);
    args.extend([
        "--define",
        "emp = if(pl030 in (1,2), 1, 0)",
        "--where",
        "age >= 20 and age <= 64",
        "--mean",
        "emp",
        "--by",
        "pb220a",
        "--out",
        &out_s,
    ]);
    let o = civis(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 3);
    assert_eq!(arr[0]["pb220a"], "AT");
    assert_eq!(arr[0]["statistic"], "mean");
    assert!(arr[0]["estimate"].as_f64().unwrap() > 0.5);
    assert_eq!(arr[0]["flags"], "");
}

#[test]
fn table_on_stdout_without_out() {
    let data = eusilc();
    let mut args = design(&data);
    args.extend(["--gini", "eqIncome"]);
    let o = civis(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("statistic"));
    assert!(lines.next().unwrap().starts_with("gini"));
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn bad_inputs_get_errors_that_say_where() {
    let dir_guard = scratch("errors");
    let dir = dir_guard.path().to_path_buf();
    let neg = write(&dir, "neg.csv", "w,y\n1,2\n-3,4\n");
    let o = civis(&["estimate", "--data", &neg, "--weight", "w", "--mean", "y"]);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(e.contains("line 3") && e.contains("negative"), "{e}");

    let text = write(&dir, "text.csv", "w,y\n1,2\n1,abc\n");
    let o = civis(&["estimate", "--data", &text, "--weight", "w", "--mean", "y"]);
    let e = stderr(&o);
    assert!(!o.status.success());
    assert!(e.contains("line 3, column 2") && e.contains("abc"), "{e}");

    let ragged = write(&dir, "ragged.csv", "w,y\n1,2\n1\n");
    let o = civis(&[
        "estimate", "--data", &ragged, "--weight", "w", "--mean", "y",
    ]);
    let e = stderr(&o);
    assert!(!o.status.success() && e.contains("line 3"), "{e}");

    let ok = write(&dir, "ok.csv", "w,y,s,p\n1,2,a,1\n1,3,b,1\n");
    let o = civis(&[
        "estimate", "--data", &ok, "--weight", "w", "--mean", "y", "--where", "y >> 2",
    ]);
    let e = stderr(&o);
    assert!(!o.status.success() && e.contains("column"), "{e}");
    let o = civis(&[
        "estimate", "--data", &ok, "--strata", "s", "--psu", "p", "--mean", "y",
    ]);
    let e = stderr(&o);
    assert!(
        !o.status.success() && e.contains("`1`") && e.contains("nested"),
        "{e}"
    );
    let o = civis(&["estimate", "--data", &ok, "--mean", "nope"]);
    let e = stderr(&o);
    assert!(!o.status.success() && e.contains("nope"), "{e}");

    // a failed run never leaves a half-written output
    let out = dir.join("out.csv");
    let o = civis(&[
        "estimate",
        "--data",
        &neg,
        "--weight",
        "w",
        "--mean",
        "y",
        "--out",
        &out.display().to_string(),
    ]);
    assert!(!o.status.success());
    assert!(!out.exists());
    let o = civis(&[
        "estimate",
        "--data",
        &ok,
        "--mean",
        "y",
        "--out",
        "/nonexistent-dir/x.csv",
    ]);
    assert!(!o.status.success(), "{}", stderr(&o));
}

#[test]
fn lfs_reliability_limits_from_a_file() {
    let dir_guard = scratch("lfs");
    let dir = dir_guard.path().to_path_buf();
    let limits = write(&dir, "limits.csv", "country,limit_a,limit_b\nAT,100,200\n");
    let data = eusilc();
    let out = dir.join("pop.csv");
    let out_s = out.display().to_string();
    let rel = format!("lfs:{limits}");
    let mut args = design(&data);
    args.extend([
        "--define",
        "one = 1",
        "--total",
        "one",
        "--by",
        "pb220a",
        "--country",
        "AT",
        "--reliability",
        &rel,
        "--out",
        &out_s,
    ]);
    let o = civis(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut r = csv::Reader::from_path(&out).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    // AT citizens: millions (published); EU citizens: about 160 thousand (flagged)
    let at = rows.iter().find(|r| &r[0] == "AT").unwrap();
    assert_eq!(&at[11], "");
    let eu = rows.iter().find(|r| &r[0] == "EU").unwrap();
    let total: f64 = eu[3].parse().unwrap();
    assert!((100_000.0..200_000.0).contains(&total), "{total}");
    assert_eq!(&eu[11], "u");
}

#[test]
fn silc_rule_counts_item_non_response() {
    let dir_guard = scratch("nonresponse");
    let dir = dir_guard.path().to_path_buf();
    // 100 persons in each of three groups; y missing for 10 %, 30 % and 60 % of them
    let mut s = String::from("g,y\n");
    for (g, missing) in [("a", 10), ("b", 30), ("c", 60)] {
        for i in 0..100 {
            if i < missing {
                s += &format!("{g},\n");
            } else {
                s += &format!("{g},{}\n", i % 7);
            }
        }
    }
    let data = write(&dir, "nr.csv", &s);
    let out = dir.join("nr.csv.out.csv");
    let out_s = out.display().to_string();
    let o = civis(&[
        "estimate",
        "--data",
        &data,
        "--mean",
        "y",
        "--by",
        "g",
        "--reliability",
        "silc",
        "--out",
        &out_s,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut r = csv::Reader::from_path(&out).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(&rows[0][11], "", "10 % non-response: published");
    assert_eq!(&rows[1][11], "u", "30 % non-response: flagged");
    assert!(!rows[1][3].is_empty());
    assert_eq!(&rows[2][11], "u", "60 % non-response: suppressed");
    assert!(rows[2][3].is_empty());
}

#[test]
fn indicators_check_geo_codes_and_the_country() {
    let dir_guard = scratch("geo");
    let dir = dir_guard.path().to_path_buf();
    let data = write(
        &dir,
        "g.csv",
        "region,weight,age,citizen,ilostat\nAT13,1,30,NAT,1\nAT99,1,40,EU,2\nAT13,2,50,NEU,1\n",
    );
    let o = civis(&[
        "indicators",
        "--data",
        &data,
        "--source",
        "eu-lfs",
        "--geo",
        "region",
        "--indicators",
        "employment_rate",
        "--reliability",
        "none",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains("AT99") && e.contains("unknown geo code") && !e.contains("AT13 ("),
        "{e}"
    );
    let o = civis(&[
        "indicators",
        "--data",
        &data,
        "--source",
        "eu-lfs",
        "--country",
        "GR",
        "--indicators",
        "employment_rate",
    ]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("Eurostat writes EL"), "{}", stderr(&o));
}

#[test]
fn xlsx_output_has_a_data_sheet_and_a_metadata_sheet() {
    let dir_guard = scratch("xlsx");
    let dir = dir_guard.path().to_path_buf();
    let out = dir.join("arpr.xlsx");
    let out_s = out.display().to_string();
    let data = eusilc();
    let mut args = design(&data);
    args.extend(["--arpr", "eqIncome", "--by", "db040", "--out", &out_s]);
    let o = civis(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&out).unwrap();
    let parts = civis_io::xlsx::read_stored_zip(&bytes).unwrap();
    let part = |name: &str| {
        String::from_utf8(parts.iter().find(|(n, _)| n == name).unwrap().1.clone()).unwrap()
    };
    let wb = part("xl/workbook.xml");
    assert!(wb.contains(r#"name="estimates""#) && wb.contains(r#"name="metadata""#));
    let sheet = part("xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains("Burgenland") && sheet.contains("<v>19.53983650827841"),
        "{sheet}"
    );
    assert!(part("xl/worksheets/sheet2.xml").contains("low reliability"));
}

#[test]
fn convert_warns_about_unknown_geo_codes_and_keeps_flags() {
    let dir_guard = scratch("convert");
    let dir = dir_guard.path().to_path_buf();
    let tsv = write(
        &dir,
        "t.tsv",
        "freq,unit,geo\\TIME_PERIOD\t2022 \t2023 \nA,PC,AT\t71.2 \t72.0 b\nA,PC,XX9\t: c\t50.5 u\n",
    );
    for out in ["o.tsv", "o.json"] {
        let out_s = dir.join(out).display().to_string();
        let o = civis(&["convert", &tsv, &out_s]);
        assert!(o.status.success(), "{}", stderr(&o));
        let e = stderr(&o);
        assert!(
            e.contains("XX9") && e.contains("unknown geo code") && !e.contains("AT ("),
            "{e}"
        );
    }
    let back = std::fs::read_to_string(dir.join("o.tsv")).unwrap();
    assert!(back.contains("72 b") || back.contains("72.0 b"), "{back}");
    assert!(back.contains("50.5 u"), "{back}");
}

#[test]
fn civis_tables_convert_to_eurostat_formats_without_losing_measures_or_flags() {
    let dir_guard = scratch("civis-table");
    let dir = dir_guard.path().to_path_buf();
    let data = eusilc();
    let table = dir.join("arpr.csv").display().to_string();
    let mut args = design(&data);
    args.extend([
        "--where",
        "age >= 18",
        "--arpr",
        "eqIncome",
        "--by",
        "db040,pb220a",
        "--reliability",
        "silc",
        "--out",
        &table,
    ]);
    assert!(civis(&args).status.success());
    let json = dir.join("arpr.json").display().to_string();
    let back = dir.join("back.csv").display().to_string();
    for (i, o) in [(&table, &json), (&json, &back)] {
        let r = civis(&["convert", i, o]);
        assert!(r.status.success(), "{}", stderr(&r));
    }
    let mut r = csv::Reader::from_path(&back).unwrap();
    let h: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert!(
        h.contains(&"measure".to_string()) && h.contains(&"value".to_string()),
        "{h:?}"
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (geo, cit, measure, value, flags) = (
        col("db040"),
        col("pb220a"),
        col("measure"),
        col("value"),
        col("flags"),
    );
    let find = |g: &str, c: &str, m: &str| {
        rows.iter()
            .find(|x| &x[geo] == g && &x[cit] == c && &x[measure] == m)
            .cloned()
    };
    // a published estimate and its se survive; a suppressed cell keeps its flag and no value
    let vienna = find("Vienna", "Other", "estimate").unwrap();
    assert!(vienna[value].parse::<f64>().unwrap() > 0.0);
    assert!(find("Vienna", "Other", "se").is_some());
    let suppressed = find("Burgenland", "EU", "estimate").unwrap();
    assert_eq!(&suppressed[value], "");
    assert_eq!(&suppressed[flags], "u");
}
