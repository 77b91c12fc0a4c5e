//! Writes an HTML page with every chart, drawn from the shared data: Eurostat LFS employment
//! rates (`lfsa_ergan`), the emdi `eusilcA` district sample aggregates and the Fay-Herriot
//! reference results, on the GISCO NUTS 2024 and BEV district layers.
//!
//! ```text
//! cargo run -p civis-chart --example gallery -- [shared dir] [output.html]
//! ```
//! Defaults: `../shared` and `target/civis-chart-gallery.html`. The gap chart and the second
//! time series use illustrative numbers (no source has both groups with a covariance), and say so.

use std::collections::{BTreeMap, HashMap};
use std::error::Error;
use std::path::{Path, PathBuf};

use civis_catalog::Unit;
use civis_chart::{
    choropleth, cv_against_n, gap, ranking, sparkline, time_series, Breaks, Chart, ChartInfo,
    ChoroplethOptions, Gap, GapGroup, GapOptions, Labels, NumberFormat, Point, PrecisionOptions,
    RankInterval, RankingOptions, RankingRow, Reference, SampleCv, Series, Status, Threshold,
    TimeSeriesOptions,
};
use civis_geo::{load_austria_districts, load_nuts_layer, MapLayer, NutsLevel};

type Rows = Vec<HashMap<String, String>>;

fn read_csv(path: &Path) -> Result<Rows, Box<dyn Error>> {
    let mut reader =
        csv::Reader::from_path(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let headers = reader.headers()?.clone();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record?;
        rows.push(
            headers
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect(),
        );
    }
    Ok(rows)
}

fn num(row: &HashMap<String, String>, key: &str) -> Result<f64, Box<dyn Error>> {
    let v = row.get(key).ok_or_else(|| format!("no column {key}"))?;
    Ok(v.parse::<f64>()
        .map_err(|e| format!("{key} = {v:?}: {e}"))?)
}

/// An LFS cell as a point: `:u` (no value, flag u) is suppressed for unreliability, a value
/// flagged `u` is of low reliability, other values are official figures without an interval.
fn lfs_point(label: &str, value: &str, flag: &str) -> Point {
    match (value.parse::<f64>().ok(), flag.contains('u')) {
        (None, true) => Point::suppressed(label),
        (None, false) => Point::missing(label),
        (Some(v), true) => Point::new(label, v, None).with_status(Status::LowReliability),
        (Some(v), false) => Point::new(label, v, None).with_status(Status::Official),
    }
}

struct District {
    name: String,
    state: String,
    n: u64,
    mean: f64,
    var_mean: f64,
    mtmed: f64,
    var_mtmed: f64,
    eblup: f64,
    mse: f64,
}

fn districts(shared: &Path) -> Result<Vec<District>, Box<dyn Error>> {
    let agg = read_csv(&shared.join("data/sae/eusilcA_smpAgg.csv"))?;
    let smp = read_csv(&shared.join("data/sae/eusilcA_smp.csv"))?;
    let state: HashMap<&str, &str> = smp
        .iter()
        .map(|r| (r["district"].as_str(), r["state"].as_str()))
        .collect();
    let reference = read_csv(&shared.join("reference/fayherriot_reference.csv"))?;
    let fh = |quantity: &str| -> HashMap<String, f64> {
        reference
            .iter()
            .filter(|r| {
                r["dataset"] == "eusilcA_Mean" && r["method"] == "REML" && r["quantity"] == quantity
            })
            .filter_map(|r| Some((r["domain"].clone(), r["value"].parse().ok()?)))
            .collect()
    };
    let (eblup, mse) = (fh("eblup"), fh("mse"));
    agg.iter()
        .map(|r| {
            let name = r["Domain"].clone();
            Ok(District {
                state: state.get(name.as_str()).copied().unwrap_or("").to_owned(),
                n: num(r, "n")? as u64,
                mean: num(r, "Mean")?,
                var_mean: num(r, "Var_Mean")?,
                mtmed: num(r, "MTMED")?,
                var_mtmed: num(r, "Var_MTMED")?,
                eblup: *eblup
                    .get(&name)
                    .ok_or_else(|| format!("no EBLUP for {name}"))?,
                mse: *mse.get(&name).ok_or_else(|| format!("no MSE for {name}"))?,
                name,
            })
        })
        .collect()
}

fn refvar(shared: &Path) -> Result<f64, Box<dyn Error>> {
    let reference = read_csv(&shared.join("reference/fayherriot_reference.csv"))?;
    let row = reference
        .iter()
        .find(|r| {
            r["dataset"] == "eusilcA_Mean" && r["method"] == "REML" && r["quantity"] == "refvar"
        })
        .ok_or("no REML refvar for eusilcA_Mean")?;
    num(row, "value")
}

/// District code (BKZ, as text) by district name.
fn codes(layer: &MapLayer) -> HashMap<&str, String> {
    layer
        .features
        .iter()
        .map(|f| (f.name.as_str(), f.id.to_string()))
        .collect()
}

fn section(html: &mut String, heading: &str, note: &str, chart: &Chart) {
    html.push_str(&format!(
        "<section>\n<h2>{heading}</h2>\n<p class=\"note\">{note}</p>\n<figure>\n{}<figcaption><details><summary>Numbers in words</summary><pre>{}</pre></details></figcaption>\n</figure>\n</section>\n",
        chart.svg,
        chart
            .alt_text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    ));
}

/// A Fay-Herriot estimate as a model-based point: 95 % interval from the MSE, model share
/// 1 − γ with γ = A / (A + ψ) (`a`: the random-effect variance A).
fn model_point(d: &District, a: f64) -> Point {
    let h = 1.96 * d.mse.sqrt();
    let gamma = a / (a + d.var_mean);
    Point::new(&d.name, d.eblup, Some((d.eblup - h, d.eblup + h))).with_status(Status::ModelBased {
        model_share: Some(1.0 - gamma),
    })
}

/// 1. Ranking: Fay-Herriot EBLUPs of mean income, Styrian districts.
fn ranking_section(
    html: &mut String,
    shared: &Path,
    districts: &[District],
    a: f64,
) -> Result<(), Box<dyn Error>> {
    let eur = NumberFormat::new(Unit::Currency);
    let smp = read_csv(&shared.join("data/sae/eusilcA_smp.csv"))?;
    let (mut sw, mut swy) = (0.0, 0.0);
    for r in &smp {
        let w = num(r, "weight")?;
        sw += w;
        swy += w * num(r, "eqIncome")?;
    }
    let model_point = |d: &District| model_point(d, a);
    let styria: Vec<&District> = districts.iter().filter(|d| d.state == "Styria").collect();
    let rows: Vec<RankingRow> = styria
        .iter()
        .map(|d| {
            let mut p = model_point(d);
            if d.name == "Graz (Stadt)" {
                p = p.highlighted();
            }
            // Rank interval from interval overlap: certainly above the areas whose upper
            // bound lies below this lower bound, and so on (a conservative stand-in for a
            // bootstrap).
            let (lo, hi) = p.ci.unwrap_or((d.eblup, d.eblup));
            let above = styria
                .iter()
                .filter(|o| model_point(o).ci.is_some_and(|c| c.0 > hi))
                .count();
            let not_below = styria
                .iter()
                .filter(|o| model_point(o).ci.is_none_or(|c| c.1 >= lo))
                .count();
            let rank = 1 + styria.iter().filter(|o| o.eblup > d.eblup).count();
            RankingRow {
                point: p,
                rank: Some(RankInterval {
                    rank: rank as u32,
                    lower: above as u32 + 1,
                    upper: not_below as u32,
                }),
            }
        })
        .collect();
    let chart = ranking(
        &rows,
        &RankingOptions {
            info: ChartInfo::new(
                "rank-styria",
                "Mean equivalised income, districts of Styria (Fay-Herriot estimates)",
            ),
            format: eur.clone(),
            reference: Some(Reference {
                label: "Austria".to_owned(),
                value: swy / sw,
            }),
            descending: true,
        },
    )?;
    section(html, "Ranking", "emdi eusilcA data; Fay-Herriot EBLUP (R sae, REML) with 95 % intervals from the MSE; rank ranges from interval overlap; reference: weighted sample mean of Austria.", &chart);

    Ok(())
}

/// 2. Gap (illustrative numbers).
fn gap_section(html: &mut String) -> Result<(), Box<dyn Error>> {
    let pc = NumberFormat::new(Unit::Percent);
    let chart = gap(
        &Point::new("Native-born", 74.1, Some((72.9, 75.3))),
        &[
            GapGroup {
                group: Point::new("EU-born", 73.0, Some((69.8, 76.2))),
                gap: Some(Gap {
                    estimate: -1.1,
                    ci: (-4.5, 2.3),
                }),
            },
            GapGroup {
                group: Point::new("Non-EU-born", 58.2, Some((55.6, 60.8))).highlighted(),
                gap: Some(Gap {
                    estimate: -15.9,
                    ci: (-18.7, -13.1),
                }),
            },
            GapGroup {
                group: Point::new("Non-EU-born women", 49.5, Some((44.1, 54.9)))
                    .with_status(Status::LowReliability),
                gap: Some(Gap {
                    estimate: -24.6,
                    ci: (-30.2, -19.0),
                }),
            },
            GapGroup {
                group: Point::new("Born in <Türkiye> & Syria", 41.0, Some((20.0, 60.0)))
                    .with_status(Status::Suppressed),
                gap: Some(Gap {
                    estimate: -33.1,
                    ci: (-54.0, -12.0),
                }),
            },
            GapGroup {
                group: Point::missing("Stateless"),
                gap: None,
            },
        ],
        &GapOptions {
            info: ChartInfo::new(
                "gap-wien",
                "Employment rate 20-64 by country of birth, Wien (illustrative numbers)",
            ),
            format: pc.clone(),
            area: "Wien".to_owned(),
        },
    )?;
    section(html, "Gap", "Illustrative numbers; the suppressed group carries a (hidden) estimate and gap to show they are never drawn; its label tests escaping.", &chart);

    Ok(())
}

/// 3. Time series of LFS employment rates of foreign citizens, and their sparklines.
fn lfs_sections(html: &mut String, lfs: &Rows) -> Result<(), Box<dyn Error>> {
    let pc = NumberFormat::new(Unit::Percent);
    let periods: Vec<String> = (2008..=2024).map(|y: i32| y.to_string()).collect();
    let countries = [
        ("AT", "Austria"),
        ("BG", "Bulgaria"),
        ("RO", "Romania"),
        ("HR", "Croatia"),
    ];
    let series: Vec<Series> = countries
        .iter()
        .map(|(geo, name)| Series {
            name: (*name).to_owned(),
            highlight: *geo == "AT",
            points: lfs
                .iter()
                .filter(|r| {
                    r["geo"] == *geo
                        && r["sex"] == "T"
                        && r["citizen"] == "FOR"
                        && r["age"] == "Y15-64"
                })
                .filter(|r| periods.contains(&r["TIME_PERIOD"]))
                .map(|r| lfs_point(&r["TIME_PERIOD"], &r["OBS_VALUE"], &r["OBS_FLAG"]))
                .collect(),
        })
        .collect();
    let chart = time_series(
        &series,
        &TimeSeriesOptions {
            info: ChartInfo::new(
                "ts-lfs",
                "Employment rate of foreign citizens aged 15-64, 2008-2024",
            ),
            format: pc.clone(),
            periods: periods.clone(),
        },
    )?;
    section(html, "Time series (official figures)", "Eurostat lfsa_ergan; flag u = low reliability (hollow marker, letter u); \":u\" cells (not published, unreliable) are suppressed and break the line.", &chart);

    // Sparklines in a table, one per country.
    html.push_str("<section>\n<h2>Sparklines</h2>\n<table><thead><tr><th scope=\"col\">Country</th><th scope=\"col\">2023</th><th scope=\"col\">2008-2024</th></tr></thead><tbody>\n");
    for s in &series {
        let latest = s
            .points
            .iter()
            .find(|p| p.label == "2023")
            .map_or("no data".to_owned(), |p| {
                p.describe_value(&pc, &Labels::default())
            });
        let chart = sparkline(
            s,
            &TimeSeriesOptions {
                info: ChartInfo::new(format!("spark-{}", s.name), s.name.clone()),
                format: pc.clone(),
                periods: periods.clone(),
            },
        )?;
        html.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{latest}</td><td class=\"spark\">{}</td></tr>\n",
            s.name, chart.svg
        ));
    }
    html.push_str("</tbody></table>\n</section>\n");

    Ok(())
}

/// 3. A time series with bands and every status (illustrative numbers).
fn bands_section(html: &mut String) -> Result<(), Box<dyn Error>> {
    let pc = NumberFormat::new(Unit::Percent);
    let years: Vec<String> = (2015..=2023).map(|y: i32| y.to_string()).collect();
    let est = |y: &str, v: f64, h: f64| Point::new(y, v, Some((v - h, v + h)));
    let chart = time_series(
        &[
            Series {
                name: "Non-EU citizens".to_owned(),
                highlight: true,
                points: vec![
                    est("2015", 52.0, 3.1),
                    est("2016", 53.4, 3.0),
                    est("2017", 55.1, 2.9),
                    est("2018", 56.0, 4.8).with_status(Status::LowReliability),
                    Point::suppressed("2019"),
                    est("2020", 54.2, 3.3),
                    est("2021", 57.9, 3.0),
                    est("2022", 59.3, 2.6).with_status(Status::ModelBased {
                        model_share: Some(0.4),
                    }),
                    est("2023", 60.1, 2.5),
                ],
            },
            Series {
                name: "Nationals".to_owned(),
                highlight: false,
                points: vec![
                    est("2015", 71.2, 1.0),
                    est("2016", 71.9, 1.0),
                    est("2017", 72.4, 0.9),
                    est("2018", 73.0, 0.9),
                    est("2019", 73.8, 0.9),
                    est("2021", 73.1, 1.0),
                    est("2022", 74.0, 0.9),
                    est("2023", 74.4, 0.9),
                ],
            },
        ],
        &TimeSeriesOptions {
            info: ChartInfo::new(
                "ts-city",
                "Employment rate 20-64, one city (illustrative numbers)",
            ),
            format: pc.clone(),
            periods: years,
        },
    )?;
    section(html, "Time series with confidence bands", "Illustrative numbers: 2019 suppressed, 2020 missing for nationals, 2018 low reliability, 2022 model-based.", &chart);

    Ok(())
}

/// 4. Choropleths: LFS by country, districts direct and model-based.
fn map_sections(
    html: &mut String,
    shared: &Path,
    lfs: &Rows,
    districts: &[District],
    a: f64,
) -> Result<(), Box<dyn Error>> {
    let (pc, eur) = (
        NumberFormat::new(Unit::Percent),
        NumberFormat::new(Unit::Currency),
    );
    let model_point = |d: &District| model_point(d, a);
    let nuts0 = load_nuts_layer(&shared.join("data/geo"), NutsLevel::L0)?;
    let mut values = BTreeMap::new();
    for r in lfs.iter().filter(|r| {
        r["TIME_PERIOD"] == "2023"
            && r["sex"] == "T"
            && r["citizen"] == "FOR"
            && r["age"] == "Y15-64"
    }) {
        let geo = r["geo"].as_str();
        if nuts0.feature(geo).is_none() {
            continue; // e.g. UK, not in NUTS 2024
        }
        let mut p = lfs_point("", &r["OBS_VALUE"], &r["OBS_FLAG"]);
        p.highlight = geo == "AT";
        values.insert(geo.to_owned(), p);
    }
    let chart = choropleth(
        &nuts0,
        &values,
        &ChoroplethOptions {
            info: ChartInfo::new(
                "map-lfs",
                "Employment rate of foreign citizens aged 15-64, 2023",
            ),
            format: pc.clone(),
            breaks: Breaks::Given(vec![60.0, 65.0, 70.0, 75.0]),
            href: Some("/areas/{id}".to_owned()),
        },
    )?;
    section(html, "Choropleth, NUTS 0, given breaks, links", "Eurostat lfsa_ergan 2023 on GISCO NUTS 2024 countries; Austria outlined; every country links to /areas/CODE (Tab through them).", &chart);

    let austria = load_austria_districts(&shared.join("data/geo/austria_districts.geojson"))?;
    let code = codes(&austria);
    let mut direct = BTreeMap::new();
    let mut model = BTreeMap::new();
    for d in districts {
        let Some(id) = code.get(d.name.as_str()) else {
            return Err(format!("district {} is not on the map", d.name).into());
        };
        let se = d.var_mean.sqrt();
        let cv = se / d.mean * 100.0;
        let mut p = if d.n < 10 {
            Point::suppressed(&d.name)
        } else {
            let p = Point::new(
                &d.name,
                d.mean,
                Some((d.mean - 1.96 * se, d.mean + 1.96 * se)),
            );
            if cv >= 16.5 {
                p.with_status(Status::LowReliability)
            } else {
                p
            }
        };
        let mut m = model_point(d);
        if d.name == "Graz (Stadt)" {
            p = p.highlighted();
            m = m.highlighted();
        }
        direct.insert(id.clone(), p);
        model.insert(id.clone(), m);
    }
    let chart = choropleth(
        &austria,
        &direct,
        &ChoroplethOptions {
            info: ChartInfo::new("map-direct", "Mean equivalised income, direct estimates"),
            format: eur.clone(),
            breaks: Breaks::Quantile(5),
            href: None,
        },
    )?;
    section(html, "Choropleth, Austrian districts, direct estimates", "emdi eusilcA_smpAgg; illustrative rule: n &lt; 10 suppressed, CV ≥ 16.5 % flag u (hatched). Graz (Stadt) outlined.", &chart);
    let chart = choropleth(
        &austria,
        &model,
        &ChoroplethOptions {
            info: ChartInfo::new(
                "map-model",
                "Mean equivalised income, Fay-Herriot estimates",
            ),
            format: eur.clone(),
            breaks: Breaks::Quantile(5),
            href: Some("/areas/AT-district-{id}".to_owned()),
        },
    )?;
    section(html, "Choropleth, Austrian districts, model-based", "Fay-Herriot EBLUP (REML) from the shared reference results; the model share 1 − γ is in each area's title.", &chart);

    Ok(())
}

/// 5. Precision: CV against sample size, all districts and Styria.
fn precision_sections(html: &mut String, districts: &[District]) -> Result<(), Box<dyn Error>> {
    let groups: Vec<SampleCv> = districts
        .iter()
        .map(|d| SampleCv {
            label: d.name.clone(),
            n: d.n,
            cv: (d.mtmed > 0.0).then(|| d.var_mtmed.sqrt() / d.mtmed * 100.0),
            highlight: d.name == "Graz (Stadt)",
        })
        .collect();
    let chart = cv_against_n(
        &groups,
        &PrecisionOptions {
            info: ChartInfo::new(
                "cv-mtmed",
                "Precision of the district estimates of MTMED (eusilcA)",
            ),
            thresholds: vec![
                Threshold {
                    cv: 16.5,
                    label: "flag u".to_owned(),
                },
                Threshold {
                    cv: 33.3,
                    label: "suppress".to_owned(),
                },
            ],
        },
    )?;
    section(
        html,
        "CV against sample size",
        "emdi eusilcA_smpAgg, direct variance of MTMED; EU-LFS-style thresholds.",
        &chart,
    );
    let styria_cv: Vec<SampleCv> = districts
        .iter()
        .filter(|d| d.state == "Styria")
        .map(|d| SampleCv {
            label: d.name.clone(),
            n: d.n,
            cv: Some(d.var_mean.sqrt() / d.mean * 100.0),
            highlight: d.name == "Graz (Stadt)",
        })
        .collect();
    let chart = cv_against_n(
        &styria_cv,
        &PrecisionOptions {
            info: ChartInfo::new(
                "cv-styria",
                "Precision of direct mean income, districts of Styria",
            ),
            thresholds: vec![Threshold {
                cv: 20.0,
                label: "low reliability".to_owned(),
            }],
        },
    )?;
    section(
        html,
        "CV against sample size, labelled",
        "Few groups: every point labelled; one 20 % threshold.",
        &chart,
    );

    Ok(())
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().collect();
    let shared = PathBuf::from(args.get(1).map_or("../shared", String::as_str));
    let out = PathBuf::from(
        args.get(2)
            .map_or("target/civis-chart-gallery.html", String::as_str),
    );
    let mut html = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>civis-chart gallery</title>\n<style>\nbody { font-family: Arial, Helvetica, sans-serif; color: #222; max-width: 980px; margin: 1em auto; padding: 0 1em; }\nsvg.civis-chart { width: 100%; height: auto; display: block; }\nsvg.civis-choropleth { max-width: 760px; }\ntd.spark svg.civis-chart { width: 120px; }\ntable { border-collapse: collapse; } td, th { padding: 4px 12px; border-bottom: 1px solid #ddd; text-align: left; }\n.civis-area-link:focus-visible .civis-area, .civis-area-link:hover .civis-area { stroke: #000; stroke-width: 3; }\n.note { color: #444; font-size: 0.9em; }\npre { white-space: pre-wrap; font-size: 0.85em; }\nsection { border-top: 1px solid #ccc; margin-top: 1.5em; }\n</style></head><body>\n<h1>civis-chart gallery</h1>\n",
    );

    let districts = districts(&shared)?;
    let a = refvar(&shared)?;
    let lfs = read_csv(
        &shared.join("data/eurostat/lfsa_ergan_employment_rates_by_sex_age_citizenship.csv"),
    )?;
    ranking_section(&mut html, &shared, &districts, a)?;
    gap_section(&mut html)?;
    lfs_sections(&mut html, &lfs)?;
    bands_section(&mut html)?;
    map_sections(&mut html, &shared, &lfs, &districts, a)?;
    precision_sections(&mut html, &districts)?;

    html.push_str("</body></html>\n");
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&out, html)?;
    println!("wrote {}", out.display());
    Ok(())
}
