//! JSON-stat 2.0 (json-stat.org, "JSON-stat 2.0 format"; Eurostat API Statistics; domain spec
//! section 4.3).
//!
//! ## Reading
//!
//! * `class: "dataset"` (or no `class`, as in JSON-stat 1.0-style single datasets) and
//!   `class: "collection"`, whose `link.item` entries that embed a dataset (`class: "dataset"`
//!   with `id`, `size`, `dimension`) are read; references without data are skipped.
//! * `id` lists the dimensions, `size` their lengths; `dimension.<id>.category.index` is an object
//!   code→position or an array of codes; without `index`, the keys of `category.label` (a single
//!   category) give the code. Labels: `dimension.<id>.label`, `category.label`.
//! * The time dimension is `role.time[0]`, else a dimension called `time` or `TIME_PERIOD`.
//! * Observations are in row-major order over `id` (last dimension fastest): flat index
//!   `Σ pos_k · Π_{j>k} size_j`. `value` is an array (`null` = not available) or a sparse object
//!   keyed by the flat index (any order); `status` is a string (applies to all), an array (one
//!   element = applies to all), or a sparse object. Status text is parsed as Eurostat flags
//!   (lower-case statuses, `C`/`N`/`P` confidentiality), including the API's `OBS|CONF` pairs
//!   (`"|C"` confidential, `"p|"`, `"e|N"`; [`Flags::parse_status`]); other codes (such as
//!   json-stat.org's `a`) are an error. A string in `value` is read as a TSV cell (Eurostat Comext writes
//!   `":C"`); text that is not one is an error.
//! * `extension` (including Eurostat's `positions-with-no-data`) and annotations are accepted
//!   and not needed: absent keys are "no observation".
//! * Syntax errors give the line and column; content errors name the JSON path
//!   (`dimension.geo.category.index`).
//!
//! ## Writing
//!
//! One `dataset` with `version`, `class`, `label`, `id`, `size`, `role.time`, every dimension
//! with its label and code labels, `value` (a dense array when at least half the cells have an
//! observation, else a sparse object), `status` as a sparse object (flag text, e.g. `"bd"`,
//! `"uC"`), and `extension.id` = the dataset id.

use std::io::Write;
use std::path::Path;

use serde_json::{json, Map, Value};

use crate::cube::{Dataset, Dimension, Observation};
use crate::flags::Flags;
use crate::format_error::FormatError;

/// Reads a JSON-stat file (gzip decompressed transparently): one dataset, or every embedded
/// dataset of a collection.
pub fn read_jsonstat(path: &Path) -> Result<Vec<Dataset>, FormatError> {
    let name = path.display().to_string();
    let text = crate::input::read_to_string(path)?;
    let mut v = read_jsonstat_str(&text, &name)?;
    if v.len() == 1 && v[0].id.is_empty() {
        v[0].id = crate::tsv::dataset_id_from_path(path);
    }
    Ok(v)
}

/// Reads JSON-stat text; messages name it `name`.
pub fn read_jsonstat_str(text: &str, name: &str) -> Result<Vec<Dataset>, FormatError> {
    let text = crate::input::strip_bom(text);
    let root: Value = serde_json::from_str(text).map_err(|e| {
        FormatError::at(
            name,
            e.line() as u64,
            Some(e.column()),
            None,
            format!("JSON syntax: {e}"),
        )
    })?;
    match root.get("class").and_then(Value::as_str) {
        Some("collection") => {
            let items = root
                .pointer("/link/item")
                .and_then(Value::as_array)
                .ok_or_else(|| FormatError::invalid(name, "collection without link.item"))?;
            let mut out = Vec::new();
            for (i, item) in items.iter().enumerate() {
                if item.get("class").and_then(Value::as_str) == Some("dataset")
                    && item.get("dimension").is_some()
                {
                    out.push(parse_dataset(item, name, &format!("link.item[{i}]."))?);
                }
            }
            Ok(out)
        }
        Some("dataset") | None => Ok(vec![parse_dataset(&root, name, "")?]),
        Some(other) => Err(FormatError::invalid(
            name,
            format!("class: {other:?} is not supported (dataset or collection)"),
        )),
    }
}

fn bad(name: &str, path: &str, msg: impl std::fmt::Display) -> FormatError {
    FormatError::invalid(name, format!("{path}: {msg}"))
}

/// Reads one dataset object; `prefix` is its JSON path for messages.
pub fn parse_dataset(v: &Value, name: &str, prefix: &str) -> Result<Dataset, FormatError> {
    let p = |s: &str| format!("{prefix}{s}");
    let ids: Vec<String> = v
        .get("id")
        .and_then(Value::as_array)
        .ok_or_else(|| bad(name, &p("id"), "missing or not an array"))?
        .iter()
        .map(|x| x.as_str().map(str::to_owned))
        .collect::<Option<_>>()
        .ok_or_else(|| bad(name, &p("id"), "must hold strings"))?;
    let sizes: Vec<u64> = v
        .get("size")
        .and_then(Value::as_array)
        .ok_or_else(|| bad(name, &p("size"), "missing or not an array"))?
        .iter()
        .map(Value::as_u64)
        .collect::<Option<_>>()
        .ok_or_else(|| bad(name, &p("size"), "must hold non-negative integers"))?;
    if sizes.len() != ids.len() {
        return Err(bad(
            name,
            &p("size"),
            format!("{} sizes for {} dimensions in id", sizes.len(), ids.len()),
        ));
    }
    let dim_obj = v
        .get("dimension")
        .and_then(Value::as_object)
        .ok_or_else(|| bad(name, &p("dimension"), "missing or not an object"))?;
    let mut dims = Vec::with_capacity(ids.len());
    for (id, &size) in ids.iter().zip(&sizes) {
        let dp = p(&format!("dimension.{id}"));
        let d = dim_obj
            .get(id)
            .ok_or_else(|| bad(name, &dp, "missing (named in id)"))?;
        dims.push(parse_dimension(d, id, size, name, &dp)?);
    }
    let time_dimension = v
        .pointer("/role/time/0")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .or_else(|| {
            ids.iter()
                .find(|i| *i == "time" || *i == "TIME_PERIOD")
                .cloned()
        });
    let total = sizes
        .iter()
        .try_fold(1u64, |a, &s| a.checked_mul(s))
        .filter(|&t| t < (1 << 53))
        .ok_or_else(|| bad(name, &p("size"), "the product of the sizes is too large"))?;
    let obs = parse_cells(v, &sizes, total, name, prefix)?;
    let id = v
        .pointer("/extension/id")
        .or_else(|| v.pointer("/extension/datasetId"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    Ok(Dataset {
        id,
        label: v.get("label").and_then(Value::as_str).map(str::to_owned),
        dimensions: dims,
        time_dimension,
        observations: obs,
    })
}

/// One dimension of a JSON-stat dataset (`dimension.{id}` at path `dp`): its codes in index
/// order and their labels; `size` is the dimension's entry of `size`.
fn parse_dimension(
    d: &Value,
    id: &str,
    size: u64,
    name: &str,
    dp: &str,
) -> Result<Dimension, FormatError> {
    let label = d.get("label").and_then(Value::as_str).map(str::to_owned);
    let cat = d
        .get("category")
        .ok_or_else(|| bad(name, &format!("{dp}.category"), "missing"))?;
    let labels = cat.get("label").and_then(Value::as_object);
    // Check the size against the codes before allocating anything of that size.
    let count = match cat.get("index") {
        Some(Value::Array(a)) => a.len(),
        Some(Value::Object(o)) => o.len(),
        _ => labels.map_or(0, |l| l.len()),
    };
    if count as u64 != size {
        return Err(bad(
            name,
            &format!("{dp}.category"),
            format!("{count} codes but size is {size}"),
        ));
    }
    let mut codes: Vec<Option<String>> = vec![None; size as usize];
    match cat.get("index") {
        Some(Value::Array(a)) => {
            if a.len() as u64 != size {
                return Err(bad(
                    name,
                    &format!("{dp}.category.index"),
                    format!("{} codes but size is {size}", a.len()),
                ));
            }
            for (i, c) in a.iter().enumerate() {
                codes[i] = Some(
                    c.as_str()
                        .ok_or_else(|| {
                            bad(name, &format!("{dp}.category.index[{i}]"), "not a string")
                        })?
                        .to_owned(),
                );
            }
        }
        Some(Value::Object(o)) => {
            for (c, pos) in o {
                let pos = pos.as_u64().filter(|&x| x < size).ok_or_else(|| {
                    bad(
                        name,
                        &format!("{dp}.category.index.{c}"),
                        format!("position must be an integer below the size {size}"),
                    )
                })?;
                if codes[pos as usize].replace(c.clone()).is_some() {
                    return Err(bad(
                        name,
                        &format!("{dp}.category.index.{c}"),
                        format!("position {pos} used twice"),
                    ));
                }
            }
        }
        None => {
            let l = labels
                .ok_or_else(|| bad(name, &format!("{dp}.category"), "neither index nor label"))?;
            if l.len() as u64 != size {
                return Err(bad(
                    name,
                    &format!("{dp}.category"),
                    "no index and the labels do not match the size",
                ));
            }
            for (i, c) in l.keys().enumerate() {
                codes[i] = Some(c.clone());
            }
        }
        Some(_) => {
            return Err(bad(
                name,
                &format!("{dp}.category.index"),
                "must be an array or an object",
            ))
        }
    }
    let mut dim = Dimension::new(id, label);
    for (i, c) in codes.into_iter().enumerate() {
        let c = c.ok_or_else(|| {
            bad(
                name,
                &format!("{dp}.category.index"),
                format!("no code at position {i}"),
            )
        })?;
        let l = labels.and_then(|l| l.get(&c)).and_then(Value::as_str);
        dim.intern(&c, l);
    }
    Ok(dim)
}

/// The cells of a JSON-stat dataset: `value` and `status` (arrays over the flat index, objects
/// keyed by it, or one status for every cell with a value) merged by flat index into
/// observations keyed by their position in each dimension (row-major, the last dimension
/// fastest: JSON-stat 2.0, "value").
fn parse_cells(
    v: &Value,
    sizes: &[u64],
    total: u64,
    name: &str,
    prefix: &str,
) -> Result<Vec<Observation>, FormatError> {
    let p = |s: &str| format!("{prefix}{s}");
    let mut values: Vec<(u64, Option<f64>, Flags)> = Vec::new();
    let read_value = |x: &Value, path: String| -> Result<(Option<f64>, Flags), FormatError> {
        match x {
            Value::Null => Ok((None, Flags::NONE)),
            Value::Number(n) => Ok((n.as_f64(), Flags::NONE)),
            Value::String(s) => crate::tsv::parse_cell(s)
                .map(|c| (c.value, c.flags))
                .map_err(|m| bad(name, &path, m)),
            _ => Err(bad(name, &path, "must be a number, null or a string")),
        }
    };
    let check_idx = |k: &str, path: &str| -> Result<u64, FormatError> {
        k.parse::<u64>().ok().filter(|&i| i < total).ok_or_else(|| {
            bad(
                name,
                &format!("{path}.{k}"),
                format!("key must be a flat index below {total}"),
            )
        })
    };
    match v.get("value") {
        Some(Value::Array(a)) => {
            if a.len() as u64 != total {
                return Err(bad(
                    name,
                    &p("value"),
                    format!("{} values but the sizes give {total}", a.len()),
                ));
            }
            for (i, x) in a.iter().enumerate() {
                let (val, f) = read_value(x, p(&format!("value[{i}]")))?;
                values.push((i as u64, val, f));
            }
        }
        Some(Value::Object(o)) => {
            for (k, x) in o {
                let i = check_idx(k, &p("value"))?;
                let (val, f) = read_value(x, p(&format!("value.{k}")))?;
                values.push((i, val, f));
            }
        }
        None => {}
        Some(_) => return Err(bad(name, &p("value"), "must be an array or an object")),
    }
    values.sort_by_key(|x| x.0);
    let parse_status = |x: &Value, path: String| -> Result<Flags, FormatError> {
        match x {
            Value::Null => Ok(Flags::NONE),
            Value::String(s) => Flags::parse_status(s).map_err(|e| bad(name, &path, e)),
            _ => Err(bad(name, &path, "must be a string or null")),
        }
    };
    // Status: per flat index.
    let mut status: Vec<(u64, Flags)> = Vec::new();
    let mut all_status = Flags::NONE;
    match v.get("status") {
        None | Some(Value::Null) => {}
        Some(s @ Value::String(_)) => all_status = parse_status(s, p("status"))?,
        Some(Value::Array(a)) if a.len() == 1 => all_status = parse_status(&a[0], p("status[0]"))?,
        Some(Value::Array(a)) => {
            if a.len() as u64 != total {
                return Err(bad(
                    name,
                    &p("status"),
                    format!("{} statuses but the sizes give {total}", a.len()),
                ));
            }
            for (i, x) in a.iter().enumerate() {
                let f = parse_status(x, p(&format!("status[{i}]")))?;
                if !f.is_empty() {
                    status.push((i as u64, f));
                }
            }
        }
        Some(Value::Object(o)) => {
            for (k, x) in o {
                let i = check_idx(k, &p("status"))?;
                status.push((i, parse_status(x, p(&format!("status.{k}")))?));
            }
        }
        Some(_) => {
            return Err(bad(
                name,
                &p("status"),
                "must be a string, an array or an object",
            ))
        }
    }
    status.sort_by_key(|x| x.0);
    // Merge values and statuses by flat index.
    let mut obs = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < values.len() || j < status.len() {
        let vi = values.get(i).map_or(u64::MAX, |x| x.0);
        let sj = status.get(j).map_or(u64::MAX, |x| x.0);
        let idx = vi.min(sj);
        let (mut val, mut f) = (None, Flags::NONE);
        if vi == idx {
            val = values[i].1;
            f = values[i].2;
            i += 1;
        }
        if sj == idx {
            f = f.merge(status[j].1);
            j += 1;
        }
        if vi == idx || sj == idx {
            // Status for all cells applies to cells that have a value.
            if vi == idx && val.is_some() {
                f = f.merge(all_status);
            }
        }
        if val.is_none() && f.is_empty() {
            continue;
        }
        let mut key = vec![0u32; sizes.len()];
        let mut rest = idx;
        for d in (0..sizes.len()).rev() {
            key[d] = (rest % sizes[d]) as u32;
            rest /= sizes[d];
        }
        obs.push(Observation {
            key,
            value: val,
            flags: f,
        });
    }
    Ok(obs)
}

/// The JSON-stat 2.0 dataset object for a dataset (see the module docs).
pub fn to_jsonstat(ds: &Dataset, name: &str) -> Result<Value, FormatError> {
    let sizes: Vec<u64> = ds.dimensions.iter().map(|d| d.codes.len() as u64).collect();
    let total = sizes
        .iter()
        .try_fold(1u64, |a, &s| a.checked_mul(s))
        .filter(|&t| t < (1 << 53))
        .ok_or_else(|| {
            FormatError::invalid(
                name,
                "too many cells for JSON-stat (the product of the dimension sizes is over 2^53)",
            )
        })?;
    let mut dimension = Map::new();
    for d in &ds.dimensions {
        let mut index = Map::new();
        let mut labels = Map::new();
        for (i, c) in d.codes.iter().enumerate() {
            index.insert(c.id.clone(), json!(i));
            if let Some(l) = &c.label {
                labels.insert(c.id.clone(), json!(l));
            }
        }
        let mut cat = Map::new();
        cat.insert("index".into(), Value::Object(index));
        if !labels.is_empty() {
            cat.insert("label".into(), Value::Object(labels));
        }
        let mut dim = Map::new();
        if let Some(l) = &d.label {
            dim.insert("label".into(), json!(l));
        }
        dim.insert("category".into(), Value::Object(cat));
        dimension.insert(d.id.clone(), Value::Object(dim));
    }
    let flat = |o: &Observation| -> u64 {
        o.key
            .iter()
            .zip(&sizes)
            .fold(0u64, |a, (&k, &s)| a * s + k as u64)
    };
    let mut status = Map::new();
    let value = if (ds.observations.len() as u64) * 2 >= total {
        let mut a = vec![Value::Null; total as usize];
        for o in &ds.observations {
            let i = flat(o);
            if let Some(v) = o.value {
                a[i as usize] = json!(v);
            }
            if !o.flags.is_empty() {
                status.insert(i.to_string(), json!(o.flags.to_string()));
            }
        }
        Value::Array(a)
    } else {
        let mut m = Map::new();
        for o in &ds.observations {
            let i = flat(o);
            if let Some(v) = o.value {
                m.insert(i.to_string(), json!(v));
            }
            if !o.flags.is_empty() {
                status.insert(i.to_string(), json!(o.flags.to_string()));
            }
        }
        Value::Object(m)
    };
    let mut root = Map::new();
    root.insert("version".into(), json!("2.0"));
    root.insert("class".into(), json!("dataset"));
    if let Some(l) = &ds.label {
        root.insert("label".into(), json!(l));
    }
    root.insert(
        "id".into(),
        json!(ds
            .dimensions
            .iter()
            .map(|d| d.id.as_str())
            .collect::<Vec<_>>()),
    );
    root.insert("size".into(), json!(sizes));
    if let Some(t) = &ds.time_dimension {
        root.insert("role".into(), json!({ "time": [t] }));
    }
    root.insert("dimension".into(), Value::Object(dimension));
    root.insert("value".into(), value);
    if !status.is_empty() {
        root.insert("status".into(), Value::Object(status));
    }
    root.insert("extension".into(), json!({ "id": ds.id }));
    Ok(Value::Object(root))
}

/// Writes a dataset as JSON-stat 2.0.
pub fn write_jsonstat<W: Write>(ds: &Dataset, mut out: W, name: &str) -> Result<W, FormatError> {
    let v = to_jsonstat(ds, name)?;
    serde_json::to_writer(&mut out, &v)
        .map_err(|e| FormatError::io(name, std::io::Error::other(e)))?;
    out.write_all(b"\n")
        .and_then(|_| out.flush())
        .map_err(|e| FormatError::io(name, e))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparse_and_dense_round_trip() {
        let text = r#"{"version":"2.0","class":"dataset","id":["geo","time"],"size":[2,2],
          "dimension":{"geo":{"category":{"index":["AT","DE"],"label":{"AT":"Austria"}}},
                       "time":{"category":{"index":{"2021":1,"2020":0}}}},
          "value":{"3":1.5,"0":2},"status":{"3":"bd","1":"uC"},
          "extension":{"positions-with-no-data":{"geo":[],"time":[]}}}"#;
        let ds = &read_jsonstat_str(text, "x.json").unwrap()[0];
        assert_eq!(ds.time_dimension.as_deref(), Some("time"));
        assert_eq!(ds.observations.len(), 3);
        let c = ds.get(&[("geo", "DE"), ("time", "2021")]).unwrap();
        assert_eq!((c.value, c.flags.to_string()), (Some(1.5), "bd".to_owned()));
        let c = ds.get(&[("geo", "AT"), ("time", "2021")]).unwrap();
        assert_eq!((c.value, c.flags.to_string()), (None, "uC".to_owned()));
        let mut out = write_jsonstat(ds, Vec::new(), "o").unwrap();
        let back = &read_jsonstat_str(std::str::from_utf8(&out).unwrap(), "o").unwrap()[0];
        assert_eq!(back.canonical_observations(), ds.canonical_observations());
        assert_eq!(
            back.dimensions[0].codes[0].label.as_deref(),
            Some("Austria")
        );
        out.clear();
    }

    #[test]
    fn eurostat_api_statuses_with_confidentiality_are_read_and_kept() {
        // the shape of an API Statistics answer since the 2025 flag lists: `OBS|CONF` statuses,
        // confidential cells without a value, labels of the statuses in `extension.status`
        let text = r#"{"version":"2.0","class":"dataset","label":"x","source":"ESTAT",
          "id":["freq","geo","time"],"size":[1,2,3],
          "dimension":{"freq":{"category":{"index":{"A":0}}},
            "geo":{"category":{"index":{"AT":0,"BE":1}}},
            "time":{"category":{"index":{"2021":0,"2022":1,"2023":2}}}},
          "value":{"0":10.5,"1":11,"2":12,"4":7.25},
          "status":{"1":"p|","2":"e|N","3":"|C","4":"bu","5":"|P"},
          "extension":{"status":{"label":{"p|":"provisional","e|N":"estimated, not for publication",
             "|C":"confidential","|P":"non-statistical secrecy","bu":"break, low reliability"}}}}"#;
        let ds = &read_jsonstat_str(text, "api.json").unwrap()[0];
        let get = |geo: &str, t: &str| {
            let o = ds.get(&[("freq", "A"), ("geo", geo), ("time", t)]).unwrap();
            (o.value, o.flags.to_string(), o.flags.is_suppressed())
        };
        assert_eq!(get("AT", "2021"), (Some(10.5), String::new(), false));
        assert_eq!(get("AT", "2022"), (Some(11.0), "p".to_owned(), false));
        assert_eq!(get("AT", "2023"), (Some(12.0), "eN".to_owned(), true));
        assert_eq!(get("BE", "2021"), (None, "C".to_owned(), true));
        assert_eq!(get("BE", "2022"), (Some(7.25), "bu".to_owned(), false));
        assert_eq!(get("BE", "2023"), (None, "P".to_owned(), true));
        // confidentiality survives a round trip through the writer
        let out = write_jsonstat(ds, Vec::new(), "o").unwrap();
        let back = &read_jsonstat_str(std::str::from_utf8(&out).unwrap(), "o").unwrap()[0];
        assert_eq!(back.canonical_observations(), ds.canonical_observations());
        let e = read_jsonstat_str(&text.replace(r#""|C""#, r#""|X""#), "api.json").unwrap_err();
        assert!(e.to_string().contains("status.3"), "{e}");
    }

    #[test]
    fn errors() {
        let e = read_jsonstat_str(
            r#"{"id":["a"],"size":[1000000000000],"dimension":{"a":{"category":{"index":["X"]}}}}"#,
            "x.json",
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .contains("dimension.a.category: 1 codes but size is 1000000000000"),
            "{e}"
        );
        let e = read_jsonstat_str("{\n \"id\": [,]}", "x.json").unwrap_err();
        assert!(e.to_string().starts_with("x.json: line 2, column"), "{e}");
        let e = read_jsonstat_str(r#"{"id":["a"],"size":[1],"dimension":{"a":{"category":{"index":["X"]}}},"status":["q"]}"#, "x.json").unwrap_err();
        assert!(e.to_string().contains("status[0]"), "{e}");
        let e = read_jsonstat_str(r#"{"id":["a"],"size":[1],"dimension":{"a":{"category":{"index":["X"]}}},"value":{"5":1}}"#, "x.json").unwrap_err();
        assert!(e.to_string().contains("value.5"), "{e}");
    }
}
