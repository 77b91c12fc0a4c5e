//! Import and export of the registry, so that networks can bulk-load the practice collections
//! they already have and take their data elsewhere.
//!
//! **JSON**: one document
//! `{"format": "civis-registry", "version": 1, "practices": [...], "needs": [...],
//! "networks": [...], "instruments": [...]}` whose items are the entry forms (the same field
//! names as the web forms; lists as arrays or comma-separated text) plus an optional `status`
//! and, on export, the `id`.
//!
//! **CSV**: one file per entry kind, a header row of the same field names, list fields joined
//! with `; ` (links with a space). Text a spreadsheet would run as a formula is written with a
//! leading `'` and read back without it (the guard Civis uses for every CSV).
//!
//! Import validates every item and reports *all* problems, each with its place (`line 7` or
//! `practices[3]`) and field, before anything is stored.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use civis_io::sdmx_csv::{guard, unguard};

use crate::entry::{
    Content, Entry, Instrument, InstrumentForm, Need, NeedForm, Network, NetworkForm, Practice,
    PracticeForm,
};
use crate::error::Invalid;
use crate::fields::IndicatorSet;
use crate::vocab::Status;

/// The `format` value of a registry JSON document.
pub const FORMAT: &str = "civis-registry";
/// The version of the exchange format this crate writes and reads.
pub const VERSION: u64 = 1;
/// Largest file accepted for import.
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

/// An entry kind that can be exchanged.
pub trait Exchangeable: Content + Serialize + DeserializeOwned + Sized {
    type Form: Serialize + DeserializeOwned + Default;
    /// The key of its list in a JSON document, and the stem of its CSV file name.
    const KEY: &'static str;
    fn from_form(form: &Self::Form, known: &dyn IndicatorSet) -> Result<Self, Invalid>;
    fn form(&self) -> Self::Form;
}

impl Exchangeable for Practice {
    type Form = PracticeForm;
    const KEY: &'static str = "practices";
    fn from_form(form: &PracticeForm, known: &dyn IndicatorSet) -> Result<Self, Invalid> {
        form.validate(known)
    }
    fn form(&self) -> PracticeForm {
        self.to_form()
    }
}

impl Exchangeable for Need {
    type Form = NeedForm;
    const KEY: &'static str = "needs";
    fn from_form(form: &NeedForm, known: &dyn IndicatorSet) -> Result<Self, Invalid> {
        form.validate(known)
    }
    fn form(&self) -> NeedForm {
        self.to_form()
    }
}

impl Exchangeable for Network {
    type Form = NetworkForm;
    const KEY: &'static str = "networks";
    fn from_form(form: &NetworkForm, _: &dyn IndicatorSet) -> Result<Self, Invalid> {
        form.validate()
    }
    fn form(&self) -> NetworkForm {
        self.to_form()
    }
}

impl Exchangeable for Instrument {
    type Form = InstrumentForm;
    const KEY: &'static str = "instruments";
    fn from_form(form: &InstrumentForm, _: &dyn IndicatorSet) -> Result<Self, Invalid> {
        form.validate()
    }
    fn form(&self) -> InstrumentForm {
        self.to_form()
    }
}

/// One problem of an import file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    /// `line 7` (CSV, counting the header as line 1) or `practices[3]` (JSON).
    pub place: String,
    /// The field (column) concerned, if one is.
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{}, {field}: {}", self.place, self.message),
            None => write!(f, "{}: {}", self.place, self.message),
        }
    }
}

/// Every problem of an import file. Nothing of the file is imported while there is one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ImportErrors(pub Vec<ImportProblem>);

impl fmt::Display for ImportErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        writeln!(
            f,
            "{n} problem{} in the import file:",
            if n == 1 { "" } else { "s" }
        )?;
        for p in self.0.iter().take(50) {
            writeln!(f, "  {p}")?;
        }
        if n > 50 {
            writeln!(f, "  ... and {} more", n - 50)?;
        }
        Ok(())
    }
}

/// A validated item of an import file, with the status the file gave it (if any).
#[derive(Debug, Clone, PartialEq)]
pub struct Item<T> {
    pub status: Option<Status>,
    pub content: T,
}

/// Everything a JSON document held.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub practices: Vec<Item<Practice>>,
    pub needs: Vec<Item<Need>>,
    pub networks: Vec<Item<Network>>,
    pub instruments: Vec<Item<Instrument>>,
}

impl Imported {
    pub fn len(&self) -> usize {
        self.practices.len() + self.needs.len() + self.networks.len() + self.instruments.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The entries to export.
#[derive(Debug, Clone, Copy)]
pub struct ExportSet<'a> {
    pub practices: &'a [Entry<Practice>],
    pub needs: &'a [Entry<Need>],
    pub networks: &'a [Entry<Network>],
    pub instruments: &'a [Entry<Instrument>],
}

fn item_json<T: Exchangeable>(e: &Entry<T>) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), Value::from(e.id));
    m.insert("status".into(), Value::from(e.status.code()));
    if let Ok(Value::Object(form)) = serde_json::to_value(e.content.form()) {
        m.extend(form);
    }
    Value::Object(m)
}

/// The JSON document of a registry.
pub fn export_json(set: &ExportSet<'_>) -> Value {
    let mut doc = Map::new();
    doc.insert("format".into(), FORMAT.into());
    doc.insert("version".into(), VERSION.into());
    doc.insert(
        Practice::KEY.into(),
        set.practices.iter().map(item_json).collect(),
    );
    doc.insert(Need::KEY.into(), set.needs.iter().map(item_json).collect());
    doc.insert(
        Network::KEY.into(),
        set.networks.iter().map(item_json).collect(),
    );
    doc.insert(
        Instrument::KEY.into(),
        set.instruments.iter().map(item_json).collect(),
    );
    Value::Object(doc)
}

/// The field names of a form, in order (the CSV header).
fn form_fields<T: Exchangeable>() -> Vec<String> {
    match serde_json::to_value(T::Form::default()) {
        Ok(Value::Object(m)) => m.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

/// Validates one item given as a JSON object of form fields (+ `status`, `id`).
fn item_from_object<T: Exchangeable>(
    mut obj: Map<String, Value>,
    place: &str,
    known: &dyn IndicatorSet,
    fields: &[String],
    problems: &mut Vec<ImportProblem>,
) -> Option<Item<T>> {
    let problem = |field: Option<&str>, message: String| ImportProblem {
        place: place.to_owned(),
        field: field.map(str::to_owned),
        message,
    };
    obj.remove("id");
    let status = match obj.remove("status") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Status::parse(&s).map(Some),
        Some(other) => Err(format!("`{other}` is not a status")),
    };
    let status = match status {
        Ok(s) => s,
        Err(m) => {
            problems.push(problem(Some("status"), m));
            None
        }
    };
    let unknown: Vec<String> = obj
        .keys()
        .filter(|k| !fields.contains(k))
        .cloned()
        .collect();
    for k in &unknown {
        problems.push(problem(
            Some(k),
            format!("unknown field (expected one of {})", fields.join(", ")),
        ));
    }
    if !unknown.is_empty() {
        return None;
    }
    let form: T::Form = match serde_json::from_value(Value::Object(obj)) {
        Ok(f) => f,
        Err(e) => {
            problems.push(problem(None, e.to_string()));
            return None;
        }
    };
    match T::from_form(&form, known) {
        Ok(content) => Some(Item { status, content }),
        Err(Invalid(errs)) => {
            problems.extend(errs.into_iter().map(|e| problem(Some(&e.field), e.message)));
            None
        }
    }
}

fn list_from_json<T: Exchangeable>(
    doc: &mut Map<String, Value>,
    known: &dyn IndicatorSet,
    problems: &mut Vec<ImportProblem>,
) -> Vec<Item<T>> {
    let fields = form_fields::<T>();
    let items = match doc.remove(T::KEY) {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Array(a)) => a,
        Some(_) => {
            problems.push(ImportProblem {
                place: T::KEY.into(),
                field: None,
                message: "must be an array".into(),
            });
            return Vec::new();
        }
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, v) in items.into_iter().enumerate() {
        let place = format!("{}[{i}]", T::KEY);
        match v {
            Value::Object(obj) => {
                if let Some(item) = item_from_object::<T>(obj, &place, known, &fields, problems) {
                    out.push(item);
                }
            }
            _ => problems.push(ImportProblem {
                place,
                field: None,
                message: "must be an object".into(),
            }),
        }
    }
    out
}

/// Reads and validates a registry JSON document.
pub fn import_json(text: &str, known: &dyn IndicatorSet) -> Result<Imported, ImportErrors> {
    let fail = |message: String| {
        ImportErrors(vec![ImportProblem {
            place: "document".into(),
            field: None,
            message,
        }])
    };
    if text.len() > MAX_IMPORT_BYTES {
        return Err(fail(format!("larger than {} MiB", MAX_IMPORT_BYTES >> 20)));
    }
    let mut doc = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(m)) => m,
        Ok(_) => return Err(fail("must be a JSON object".into())),
        Err(e) => return Err(fail(format!("not JSON: {e}"))),
    };
    if doc.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(fail(format!("`format` must be \"{FORMAT}\"")));
    }
    match doc.get("version").and_then(Value::as_u64) {
        Some(VERSION) => {}
        v => {
            return Err(fail(format!(
                "`version` {} is not supported (this Civis reads version {VERSION})",
                v.map(|v| v.to_string()).unwrap_or_else(|| "missing".into())
            )))
        }
    }
    let mut problems = Vec::new();
    let imported = Imported {
        practices: list_from_json(&mut doc, known, &mut problems),
        needs: list_from_json(&mut doc, known, &mut problems),
        networks: list_from_json(&mut doc, known, &mut problems),
        instruments: list_from_json(&mut doc, known, &mut problems),
    };
    for k in doc.keys() {
        if k != "format" && k != "version" {
            problems.push(ImportProblem {
                place: "document".into(),
                field: Some(k.clone()),
                message: "unknown key (expected practices, needs, networks, instruments)".into(),
            });
        }
    }
    if problems.is_empty() {
        Ok(imported)
    } else {
        Err(ImportErrors(problems))
    }
}

/// The CSV of one entry kind: `id`, `status`, then the form fields.
pub fn export_csv<T: Exchangeable>(entries: &[Entry<T>]) -> String {
    let fields = form_fields::<T>();
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["id".to_owned(), "status".to_owned()];
    header.extend(fields.iter().cloned());
    // writing to a Vec cannot fail
    let _ = w.write_record(&header);
    for e in entries {
        let form = match serde_json::to_value(e.content.form()) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        };
        let mut row = vec![e.id.to_string(), e.status.code().to_owned()];
        for f in &fields {
            let cell = match form.get(f) {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Array(a)) => {
                    let sep = if f == "links" { " " } else { "; " };
                    a.iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(sep)
                }
                _ => String::new(),
            };
            row.push(guard(&cell).into_owned());
        }
        let _ = w.write_record(&row);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// Reads and validates the CSV of one entry kind. Columns are matched by header name; `id` and
/// `status` are optional; unknown columns are an error.
pub fn import_csv<T: Exchangeable>(
    text: &str,
    known: &dyn IndicatorSet,
) -> Result<Vec<Item<T>>, ImportErrors> {
    let one = |place: String, field: Option<String>, message: String| {
        ImportErrors(vec![ImportProblem {
            place,
            field,
            message,
        }])
    };
    if text.len() > MAX_IMPORT_BYTES {
        return Err(one(
            "file".into(),
            None,
            format!("larger than {} MiB", MAX_IMPORT_BYTES >> 20),
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let fields = form_fields::<T>();
    let mut r = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match r.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_owned()).collect(),
        Err(e) => return Err(one("line 1".into(), None, e.to_string())),
    };
    let unknown: Vec<&String> = header
        .iter()
        .filter(|h| *h != "id" && *h != "status" && !fields.contains(h))
        .collect();
    if !unknown.is_empty() {
        return Err(ImportErrors(
            unknown
                .into_iter()
                .map(|h| ImportProblem {
                    place: "line 1".into(),
                    field: Some(h.clone()),
                    message: format!("unknown column (expected {})", fields.join(", ")),
                })
                .collect(),
        ));
    }
    let mut problems = Vec::new();
    let mut out = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let line = rec
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map(|p| p.line())
            .unwrap_or(i as u64 + 2);
        let place = format!("line {line}");
        let rec = match rec {
            Ok(rec) => rec,
            Err(e) => {
                problems.push(ImportProblem {
                    place,
                    field: None,
                    message: e.to_string(),
                });
                continue;
            }
        };
        let obj: Map<String, Value> = header
            .iter()
            .zip(rec.iter())
            .map(|(h, v)| (h.clone(), Value::String(unguard(v).to_owned())))
            .collect();
        if let Some(item) = item_from_object::<T>(obj, &place, known, &fields, &mut problems) {
            out.push(item);
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(ImportErrors(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Timestamp;

    const KNOWN: &[&str] = &["employment_rate", "early_leavers"];

    fn practice(title: &str) -> Entry<Practice> {
        let form = PracticeForm {
            title: title.into(),
            area: "DE001C1".into(),
            period_from: "2020".into(),
            policy_areas: vec!["employment".into()],
            indicators: vec!["employment_rate".into()],
            description: "Line one\nline two, with a comma; and a semicolon".into(),
            links: vec!["https://www.berlin.de/".into()],
            ..Default::default()
        };
        Entry {
            id: 3,
            status: Status::Published,
            created_by: None,
            created_at: Timestamp(0),
            updated_at: Timestamp(0),
            published_at: Some(Timestamp(0)),
            content: form.validate(&KNOWN).unwrap(),
        }
    }

    #[test]
    fn json_round_trip() {
        let p = [practice("Mentoring"), practice("=HYPERLINK(\"x\")")];
        let doc = export_json(&ExportSet {
            practices: &p,
            needs: &[],
            networks: &[],
            instruments: &[],
        });
        assert_eq!(doc["practices"][0]["id"], 3);
        assert_eq!(doc["practices"][0]["status"], "published");
        let back = import_json(&doc.to_string(), &KNOWN).unwrap();
        assert_eq!(back.practices.len(), 2);
        assert_eq!(back.practices[1].content, p[1].content);
        assert_eq!(back.practices[0].status, Some(Status::Published));
    }

    #[test]
    fn json_problems_name_item_and_field() {
        let doc = serde_json::json!({
            "format": "civis-registry", "version": 1,
            "practices": [
                {"title": "ok", "area": "AT13", "period_from": "2020", "policy_areas": "health", "description": "d"},
                {"title": "", "area": "ZZ", "period_from": "2020", "policy_areas": "health", "description": "d"},
                {"title": "x", "colour": "red"}
            ],
            "needs": "oops",
            "extra": []
        });
        let e = import_json(&doc.to_string(), &KNOWN).unwrap_err();
        let got: Vec<String> = e.0.iter().map(|p| p.to_string()).collect();
        assert!(got[0].starts_with("practices[1], title:"), "{got:?}");
        assert!(got[1].starts_with("practices[1], area:"), "{got:?}");
        assert!(
            got[2].starts_with("practices[2], colour: unknown field"),
            "{got:?}"
        );
        assert_eq!(got[3], "needs: must be an array");
        assert!(got[4].starts_with("document, extra"), "{got:?}");
        assert_eq!(got.len(), 5);
    }

    #[test]
    fn json_format_and_version_are_checked() {
        assert!(import_json("[]", &KNOWN).is_err());
        assert!(import_json(r#"{"format":"other","version":1}"#, &KNOWN).is_err());
        let e = import_json(r#"{"format":"civis-registry","version":2}"#, &KNOWN).unwrap_err();
        assert!(e.to_string().contains("version"));
        assert!(
            import_json(r#"{"format":"civis-registry","version":1}"#, &KNOWN)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn csv_round_trip_with_formula_guard() {
        let p = [practice("Mentoring"), practice("=1+2 cmd")];
        let csv = export_csv(&p);
        assert!(csv.starts_with("id,status,title,area,period_from"), "{csv}");
        assert!(csv.contains(",'=1+2 cmd,"), "{csv}");
        let back = import_csv::<Practice>(&csv, &KNOWN).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(back[0].content, p[0].content);
        assert_eq!(back[1].content.title, "=1+2 cmd");
    }

    #[test]
    fn csv_problems_name_line_and_column() {
        let csv = "title,area,period_from,policy_areas,description,indicators\n\
                   Fine,AT13,2020,employment,d,employment_rate\n\
                   Bad,AT13,20,employment,d,unknown_indicator\n\
                   \"Multi\nline\",AT13,2020,nope,d,\n";
        let e = import_csv::<Practice>(csv, &KNOWN).unwrap_err();
        let got: Vec<String> = e.0.iter().map(|p| p.to_string()).collect();
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(got[0].starts_with("line 3, period_from:"), "{got:?}");
        assert!(got[1].starts_with("line 3, indicators:"), "{got:?}");
        // a quoted cell with a line break: the record starts on line 4, titles are one line
        assert!(got[2].starts_with("line 4, title:"), "{got:?}");
        assert!(got[3].starts_with("line 4, policy_areas:"), "{got:?}");
        let e = import_csv::<Practice>("title,colour\nx,red\n", &KNOWN).unwrap_err();
        assert_eq!(e.0[0].field.as_deref(), Some("colour"));
        let e = import_csv::<Practice>("title,area\nx\n", &KNOWN).unwrap_err();
        assert_eq!(e.0[0].place, "line 2");
    }
}
