//! The report's sections after the indicators: the city context, the precision report, the
//! similar areas, the sources and the citation.

use civis_report::{Align, Block, Column, Table};

use super::words::{method, outcome};
use super::{value_with_marks, Lang, Words};
use crate::data::producer::{self, Producer};
use crate::data::{AreaInfo, PortalData};
use crate::i18n::{number, percent, place_name, t_args};
use crate::pages::area::AreaView;
use crate::pages::city::CityContext;
use crate::pages::peers::PeersView;
use crate::pages::Params;
use crate::render;

/// At most this many similar areas are listed.
const PEERS: usize = 5;

/// For a city: its region's migrant outcomes and its peer cities (the page's city section).
pub fn city(d: &PortalData, city: &AreaInfo, c: &CityContext<'_>, lang: Lang) -> Vec<Block> {
    let w = Words::of(lang);
    let mut out = Vec::new();
    if let Some(r) = c.region {
        out.push(Block::Heading(w.region.clone()));
        out.push(Block::Paragraph(format!(
            "{} ({}): {} ({}, NUTS 2). {}",
            place_name(city),
            city.code,
            place_name(r),
            r.code,
            w.region_intro
        )));
        let rows: Vec<Vec<String>> = c
            .region_outcomes
            .iter()
            .map(|o| {
                let value = if o.stored.group.is_gap() {
                    match o.stored.estimate {
                        Some(v) => format!(
                            "{} ({})",
                            render::difference(v, &o.stored.unit),
                            w.not_tested
                        ),
                        None => "—".into(),
                    }
                } else {
                    value_with_marks(o)
                };
                vec![
                    indicator_name(d, &o.stored.indicator),
                    render::group_label(&o.stored.group, &o.stored.criterion),
                    crate::pages::indicator::age_label(&o.stored.age),
                    o.stored.time.clone(),
                    value,
                ]
            })
            .collect();
        if !rows.is_empty() {
            out.push(Block::Table(Table {
                columns: vec![
                    Column::new(&w.indicator, Align::Left, 2.0),
                    Column::new(&w.group, Align::Left, 2.0),
                    Column::new(crate::i18n::t("city-col-ages"), Align::Left, 0.8),
                    Column::new(&w.year, Align::Left, 0.6),
                    Column::new(place_name(r), Align::Right, 2.0),
                ],
                rows,
            }));
        }
    }
    if !c.peers.is_empty() {
        out.push(Block::Heading(w.peer_cities.clone()));
        out.push(Block::Table(Table {
            columns: vec![
                Column::new(&w.peers, Align::Left, 2.0),
                Column::new(&w.year, Align::Left, 0.6),
                Column::new(&w.foreign_born_share, Align::Right, 1.5),
            ],
            rows: c
                .peers
                .iter()
                .map(|p| {
                    vec![
                        format!("{} ({})", place_name(p.area), p.area.code),
                        p.foreign_born_share.stored.time.clone(),
                        value_with_marks(p.foreign_born_share),
                    ]
                })
                .collect(),
        }));
    }
    out
}

/// The precision report: publishable cells with and without small area estimation, and the
/// table of n, estimate, SE, CV and outcome.
pub fn precision(d: &PortalData, v: &AreaView<'_>, lang: Lang) -> Vec<Block> {
    if v.precision.is_empty() {
        return Vec::new();
    }
    let w = Words::of(lang);
    let s = &v.precision_summary;
    let mut summary = t_args(
        "precision-direct",
        &[
            ("publishable", s.publishable_direct.into()),
            ("cells", s.cells.into()),
        ],
    );
    if s.publishable_with_sae > s.publishable_direct {
        summary.push_str(&t_args(
            "precision-with-sae",
            &[("publishable", s.publishable_with_sae.into())],
        ));
    }
    summary.push_str(&format!(". {}", w.precision_cv));
    // as the page's precision table writes them (grouped digits, the language's decimal sign)
    let fixed = |x: Option<f64>, decimals: usize| {
        // the digit groups never split across a line in a narrow column
        x.map(|e| number(e, decimals).replace(' ', "\u{a0}"))
            .unwrap_or_default()
    };
    let rows = v
        .precision
        .iter()
        .map(|r| {
            vec![
                indicator_name(d, r.indicator),
                render::group_label(r.group, "citizenship"),
                method(lang, r.method),
                r.n.map(|n| n.to_string()).unwrap_or_default(),
                fixed(r.estimate, 2),
                fixed(r.se, 2),
                r.cv.map(|e| percent(e, 1)).unwrap_or_default(),
                outcome(lang, r.outcome),
            ]
        })
        .collect();
    vec![
        Block::Heading(w.precision.clone()),
        Block::Paragraph(summary),
        Block::Table(Table {
            columns: vec![
                Column::new(&w.indicator, Align::Left, 2.4),
                Column::new(&w.group, Align::Left, 1.7),
                Column::new(&w.method, Align::Left, 1.0),
                Column::new("n", Align::Right, 0.6),
                Column::new(&w.estimate, Align::Right, 1.2),
                Column::new(crate::i18n::t("col-se"), Align::Right, 1.1),
                Column::new(crate::i18n::t("col-cv"), Align::Right, 0.8),
                Column::new(&w.outcome, Align::Left, 1.4),
            ],
            rows,
        }),
    ]
}

/// The closest areas of the same kind on the context indicators (the peers page with its
/// default weights).
pub fn peers(d: &PortalData, v: &AreaView<'_>, lang: Lang) -> Vec<Block> {
    let Ok(view) = PeersView::build(d, v.area, &Params::default()) else {
        return Vec::new();
    };
    if view.peers.is_empty() {
        return Vec::new();
    }
    let w = Words::of(lang);
    let rows = view
        .peers
        .iter()
        .take(PEERS)
        .map(|p| {
            vec![
                format!("{} ({})", p.name, p.geo),
                number(p.distance, 2),
                p.shared.to_string(),
            ]
        })
        .collect();
    vec![
        Block::Heading(w.peers.clone()),
        Block::Paragraph(w.peers_intro.clone()),
        Block::Table(Table {
            columns: vec![
                Column::new(&w.peers, Align::Left, 3.0),
                Column::new(&w.distance, Align::Right, 1.0),
                Column::new(&w.shared, Align::Right, 1.0),
            ],
            rows,
        }),
    ]
}

/// The datasets behind the numbers, as the page lists them; an official Eurostat table in the
/// wording Eurostat asks for ("Source: Eurostat (online data code: X)").
pub fn sources(d: &PortalData, v: &AreaView<'_>, lang: Lang) -> Vec<Block> {
    let w = Words::of(lang);
    let mut idx: Vec<usize> = v
        .indicators
        .iter()
        .flat_map(|b| b.rows.iter().map(|r| r.value.dataset))
        .collect();
    idx.sort_unstable();
    idx.dedup();
    if idx.is_empty() {
        return Vec::new();
    }
    let items = idx
        .into_iter()
        .map(|i| {
            let ds = &d.datasets[i];
            let mut s = format!("{}: {} — {}", ds.name, ds.source, method(lang, ds.method));
            if !ds.vintage.is_empty() {
                s.push_str(&format!(", {} {}", w.vintage, ds.vintage));
            }
            if !ds.imported_at.is_empty() {
                s.push_str(&format!(", {} {}", w.retrieved, ds.imported_at));
            }
            // the producer's wording, as the page's citations give it, with the dataset's DOI
            s.push_str(&format!(". {}", producer::wording(ds)));
            if let Producer::Eurostat { code } | Producer::EurostatVia { code, .. } =
                Producer::of(ds)
            {
                s.push_str(&format!(", DOI 10.2908/{}", code.to_ascii_uppercase()));
            }
            if ds.synthetic {
                s.push_str(&format!(" [{}]", w.synthetic));
            }
            s
        })
        .collect();
    vec![Block::Heading(w.sources.clone()), Block::Bullets(items)]
}

/// How to cite the report: Civis, its version, the area, the address and the data version.
pub fn citation(d: &PortalData, v: &AreaView<'_>, lang: Lang) -> Vec<Block> {
    let w = Words::of(lang);
    let a = v.area;
    let path = crate::i18n::href_in(lang, &format!("/areas/{}/report.pdf", a.code));
    vec![
        Block::Heading(w.citation.clone()),
        Block::Paragraph(format!(
            "{}: Civis {} ({}). {} {} ({}). {}: {}. {} {:016x}.",
            w.cite_as,
            env!("CARGO_PKG_VERSION"),
            w.footer,
            w.report_of,
            place_name(a),
            a.code,
            w.online,
            crate::base_url::absolute(&path),
            w.data_version,
            d.version,
        )),
    ]
}

/// An indicator's name in the report's language.
fn indicator_name(d: &PortalData, id: &str) -> String {
    match d.indicator(id) {
        Some(i) => crate::i18n::indicator_name(id, &i.name).into_owned(),
        None => id.to_string(),
    }
}
