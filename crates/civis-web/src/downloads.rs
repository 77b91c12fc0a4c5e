//! Downloads of one indicator, every area, group and period, with flags:
//! `/downloads/{id}.csv` (a long table with intervals, n, status and source), `.xlsx` (the same
//! plus a metadata sheet: definition, sources, flags legend), `.jsonstat` (JSON-stat 2.0 with
//! status) and `.sdmx.csv` (SDMX-CSV 2.0 with `OBS_FLAG` / `CONF_STATUS`). Suppressed values
//! keep their flags and never a number.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;

use civis_io::cube::{Dataset, Dimension, Observation};
use civis_io::flags::Flags;
use civis_io::sdmx_csv::{write_sdmx_csv, SdmxCsvVersion};
use civis_io::xlsx::{write_xlsx, XlsxCell, XlsxSheet};

use crate::data::{IndicatorInfo, Obs, PortalData};
use crate::render::{flag_meaning, group_label};
use crate::respond::{cell, not_found_page, with_cache, Table};
use crate::AppState;

/// A download format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DownloadFormat {
    Csv,
    Xlsx,
    JsonStat,
    SdmxCsv,
}

impl DownloadFormat {
    /// Splits `employment_rate.sdmx.csv` into the id and the format.
    pub fn split(file: &str) -> Option<(&str, DownloadFormat)> {
        if let Some(s) = file.strip_suffix(".sdmx.csv") {
            Some((s, DownloadFormat::SdmxCsv))
        } else if let Some(s) = file.strip_suffix(".csv") {
            Some((s, DownloadFormat::Csv))
        } else if let Some(s) = file.strip_suffix(".xlsx") {
            Some((s, DownloadFormat::Xlsx))
        } else {
            file.strip_suffix(".jsonstat")
                .map(|s| (s, DownloadFormat::JsonStat))
        }
    }

    /// Every format with its URL suffix and label.
    pub const ALL: [(DownloadFormat, &'static str, &'static str); 4] = [
        (DownloadFormat::Csv, ".csv", "CSV"),
        (DownloadFormat::Xlsx, ".xlsx", "XLSX"),
        (DownloadFormat::JsonStat, ".jsonstat", "JSON-stat"),
        (DownloadFormat::SdmxCsv, ".sdmx.csv", "SDMX-CSV"),
    ];
}

pub async fn download(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let d = &state.data;
    let Some((id, format)) = DownloadFormat::split(&file) else {
        return not_found_page();
    };
    let Some(info) = d.indicator(id) else {
        return not_found_page();
    };
    let obs: Vec<&Obs> = d.of_indicator(id).collect();
    let (body, ctype, name) = match format {
        DownloadFormat::Csv => (
            long_table(d, &obs).to_csv().into_bytes(),
            "text/csv; charset=utf-8",
            format!("{id}.csv"),
        ),
        DownloadFormat::Xlsx => {
            let mut buf = Vec::new();
            if let Err(e) = write_xlsx(&mut buf, &workbook(d, info, &obs)) {
                return crate::respond::error(
                    axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                    &e.to_string(),
                );
            }
            (
                buf,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                format!("{id}.xlsx"),
            )
        }
        DownloadFormat::JsonStat => {
            match civis_io::jsonstat::write_jsonstat(&cube(d, info, &obs), Vec::new(), id) {
                Ok(b) => (b, "application/json", format!("{id}.json")),
                Err(e) => {
                    return crate::respond::error(
                        axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                        &e.to_string(),
                    )
                }
            }
        }
        DownloadFormat::SdmxCsv => {
            match write_sdmx_csv(
                &cube(d, info, &obs),
                Vec::new(),
                id,
                SdmxCsvVersion::V2,
                true,
            ) {
                Ok(b) => (b, "text/csv; charset=utf-8", format!("{id}.sdmx.csv")),
                Err(e) => {
                    return crate::respond::error(
                        axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                        &e.to_string(),
                    )
                }
            }
        }
    };
    with_cache(&headers, d.version, body, ctype, Some(&name))
}

const COLUMNS: [&str; 21] = [
    "indicator",
    "geo",
    "geo_name",
    "criterion",
    "group",
    "sex",
    "age",
    "time",
    "unit",
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "n",
    "flags",
    "status",
    "method",
    "source",
    "synthetic",
    "id",
    "citation",
];

/// The long table of observations (what CSV and the XLSX data sheet hold).
pub fn long_table(d: &PortalData, obs: &[&Obs]) -> Table {
    let mut t = Table::new(COLUMNS);
    for o in obs {
        let s = &o.stored;
        t.push(vec![
            s.indicator.clone(),
            s.geo.clone(),
            d.area_name(&s.geo).to_string(),
            s.criterion.clone(),
            s.group.to_string(),
            s.sex.clone(),
            s.age.clone(),
            s.time.clone(),
            s.unit.to_string(),
            cell(s.estimate),
            cell(s.se),
            cell(s.ci_low),
            cell(s.ci_high),
            s.n.map(|n| n.to_string()).unwrap_or_default(),
            s.flags.clone(),
            o.status.label().to_string(),
            o.method.to_string(),
            o.source.clone(),
            o.synthetic.to_string(),
            o.id.clone(),
            o.citation.clone(),
        ]);
    }
    t
}

fn workbook(d: &PortalData, info: &IndicatorInfo, obs: &[&Obs]) -> Vec<XlsxSheet> {
    let num = |v: Option<f64>| v.map(XlsxCell::from).unwrap_or(XlsxCell::Empty);
    let rows = obs
        .iter()
        .map(|o| {
            vec![
                XlsxCell::from(o.stored.indicator.as_str()),
                XlsxCell::from(o.stored.geo.as_str()),
                XlsxCell::from(d.area_name(&o.stored.geo)),
                XlsxCell::from(o.stored.criterion.as_str()),
                XlsxCell::from(o.stored.group.to_string()),
                XlsxCell::from(o.stored.sex.as_str()),
                XlsxCell::from(o.stored.age.as_str()),
                XlsxCell::from(o.stored.time.as_str()),
                XlsxCell::from(o.stored.unit.code()),
                num(o.stored.estimate),
                num(o.stored.se),
                num(o.stored.ci_low),
                num(o.stored.ci_high),
                num(o.stored.n.map(|n| n as f64)),
                XlsxCell::from(o.stored.flags.as_str()),
                XlsxCell::from(o.status.label()),
                XlsxCell::from(o.method.code()),
                XlsxCell::from(o.source.as_str()),
                XlsxCell::from(if o.synthetic { "yes" } else { "no" }),
                XlsxCell::from(o.id.as_str()),
                XlsxCell::from(o.citation.as_str()),
            ]
        })
        .collect();
    let mut meta: Vec<Vec<XlsxCell>> = vec![
        vec!["indicator".into(), info.id.as_str().into()],
        vec!["name".into(), info.name.as_str().into()],
        vec!["definition".into(), info.definition.as_str().into()],
        vec!["unit".into(), info.unit.code().into()],
        vec![
            "catalogue version".into(),
            d.catalogue_version.as_str().into(),
        ],
    ];
    let mut ds: Vec<usize> = obs.iter().map(|o| o.dataset).collect();
    ds.sort_unstable();
    ds.dedup();
    for i in ds {
        let x = &d.datasets[i];
        meta.push(vec![
            "source".into(),
            format!(
                "{}: {} ({}{}). {}",
                x.name,
                x.source,
                x.method,
                if x.synthetic { ", synthetic data" } else { "" },
                x.attribution
            )
            .into(),
        ]);
    }
    for c in "bcdefimnprsuz".chars() {
        meta.push(vec![format!("flag {c}").into(), flag_meaning(c).into()]);
    }
    meta.push(vec![
        "CONF_STATUS C/N/P".into(),
        "confidential / not for publication / for publication with restrictions".into(),
    ]);
    vec![
        XlsxSheet {
            name: "data".into(),
            header: COLUMNS.iter().map(|s| s.to_string()).collect(),
            rows,
        },
        XlsxSheet {
            name: "metadata".into(),
            header: vec!["field".into(), "value".into()],
            rows: meta,
        },
    ]
}

/// The observations as a statistical cube (for JSON-stat and SDMX-CSV): dimensions geo,
/// criterion, group, sex, age, unit, method, data (`SYNTHETIC` or `REAL`: the synthetic mark
/// travels with every value), statistic (`ESTIMATE`, and where published `SE`, `CI_LOW`,
/// `CI_HIGH`: the uncertainty travels too) and time; value and flags (the same flags on every
/// statistic of a cell; a suppressed cell has no value in any of them).
pub fn cube(d: &PortalData, info: &IndicatorInfo, obs: &[&Obs]) -> Dataset {
    let names = [
        ("geo", "Geopolitical entity"),
        ("criterion", "Target-group criterion"),
        ("citizen", "Target group"),
        ("sex", "Sex"),
        ("age", "Age class"),
        ("unit", "Unit of measure"),
        ("method", "Method"),
        ("data", "Real or synthetic data"),
        ("statistic", "Statistic"),
        ("time", "Time"),
    ];
    let mut dims: Vec<Dimension> = names
        .iter()
        .map(|(id, label)| Dimension::new(*id, Some(label.to_string())))
        .collect();
    let mut observations = Vec::with_capacity(obs.len());
    for o in obs {
        let or_z = |s: &str| {
            if s.is_empty() {
                "_Z".to_string()
            } else {
                s.to_string()
            }
        };
        let data = if o.synthetic {
            ("SYNTHETIC", "Synthetic data: not real statistics")
        } else {
            ("REAL", "Real data")
        };
        let statistics = [
            ("ESTIMATE", "Estimate", o.stored.estimate),
            ("SE", "Standard error", o.stored.se),
            (
                "CI_LOW",
                "Lower bound of the 95 % confidence interval",
                o.stored.ci_low,
            ),
            (
                "CI_HIGH",
                "Upper bound of the 95 % confidence interval",
                o.stored.ci_high,
            ),
        ];
        for (i, (code, label, value)) in statistics.into_iter().enumerate() {
            // the estimate always has its cell (a suppressed one with its flags); the others
            // only where published
            if i > 0 && (value.is_none() || o.stored.estimate.is_none()) {
                continue;
            }
            let codes: [(String, Option<String>); 10] = [
                (
                    o.stored.geo.clone(),
                    Some(d.area_name(&o.stored.geo).to_string()),
                ),
                (or_z(&o.stored.criterion), None),
                (
                    or_z(&o.stored.group.code()),
                    Some(group_label(&o.stored.group, &o.stored.criterion)),
                ),
                (or_z(&o.stored.sex), None),
                (or_z(&o.stored.age), None),
                (or_z(o.stored.unit.code()), None),
                (o.method.to_string(), None),
                (data.0.to_string(), Some(data.1.to_string())),
                (code.to_string(), Some(label.to_string())),
                (o.stored.time.clone(), None),
            ];
            let key = codes
                .iter()
                .zip(dims.iter_mut())
                .map(|((c, l), dim)| dim.intern(c, l.as_deref()))
                .collect();
            observations.push(Observation {
                key,
                value: if o.stored.estimate.is_some() {
                    value
                } else {
                    None
                },
                flags: Flags::parse(&o.stored.flags).unwrap_or_default(),
            });
        }
    }
    let label = if obs.iter().any(|o| o.synthetic) {
        format!(
            "{} (includes synthetic data, marked data=SYNTHETIC: not real statistics)",
            info.name
        )
    } else {
        info.name.clone()
    };
    Dataset {
        id: info.id.clone(),
        label: Some(label),
        dimensions: dims,
        time_dimension: Some("time".into()),
        observations,
    }
}
