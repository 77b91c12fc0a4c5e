//! The PDF's text can be read back (`pdftotext -raw`: in drawing order, which is reading order) (embedded font with a ToUnicode map), Latin-extended and
//! Greek names included, and its pages render: checked with poppler's `pdftotext` and
//! `pdftoppm`. Without poppler-utils the tests say so and pass, unless `CIVIS_REQUIRE_PDF=1`
//! (set by `.ci/pdf.sh`), where they fail.

mod poppler;

use std::path::PathBuf;

use civis_report::{
    render_pdf, Align, Block, ChartRow, Column, Document, IntervalChart, Mark, ReportError, Table,
};

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("civis_report");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

const NAMES: [&str; 6] = [
    "Łódź",
    "Αθήνα",
    "Timișoara",
    "Nîmes",
    "Ústí nad Labem",
    "Göteborg",
];

fn sample(rows: usize) -> Document {
    let table = Table {
        columns: vec![
            Column::new("City", Align::Left, 2.0),
            Column::new("Value", Align::Right, 1.0),
        ],
        rows: (0..rows)
            .map(|i| vec![NAMES[i % NAMES.len()].to_string(), format!("{}.5 %", i)])
            .collect(),
    };
    let chart = IntervalChart {
        ticks: vec![
            (0.0, "0 %".into()),
            (50.0, "50 %".into()),
            (100.0, "100 %".into()),
        ],
        reference: Some((50.0, "half".into())),
        rows: vec![
            ChartRow {
                label: "Łódź".into(),
                estimate: Some(61.2),
                interval: Some((57.0, 65.4)),
                mark: Mark::Solid,
                value_text: "61.2 %".into(),
            },
            ChartRow {
                label: "Αθήνα".into(),
                estimate: Some(30.0),
                interval: Some((10.0, 50.0)),
                mark: Mark::Hollow,
                value_text: "30.0 % u".into(),
            },
        ],
    };
    Document {
        title: "Profile Łódź".into(),
        language: "pl".into(),
        footer: "Civis test".into(),
        blocks: vec![
            Block::Title("Profile of Łódź (PL003C)".into()),
            Block::Heading("Cities".into()),
            Block::Paragraph(NAMES.join(", ")),
            Block::Bullets(vec!["Αθήνα: 12.5 %".into()]),
            Block::Table(table),
            Block::Chart(chart),
            Block::Note("Source: Eurostat (online data code: urb_cpopcb)".into()),
        ],
    }
}

#[test]
fn text_comes_back_with_polish_greek_and_romanian_letters() {
    let pdf = render_pdf(&sample(12)).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    if !poppler::available("PDF text test") {
        return;
    }
    let path = scratch("names.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let text = poppler::text(&path);
    for name in NAMES {
        assert!(text.contains(name), "{name} missing from:\n{text}");
    }
    for s in [
        "Profile of Łódź (PL003C)",
        "61.2 %",
        "30.0 % u",
        "11.5 %",
        "urb_cpopcb",
        "1 / 1",
    ] {
        assert!(text.contains(s), "{s} missing from:\n{text}");
    }
}

#[test]
fn a_long_table_continues_on_new_pages_with_its_header_and_page_numbers() {
    let pdf = render_pdf(&sample(150)).unwrap();
    if !poppler::available("PDF text test") {
        return;
    }
    let path = scratch("long.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let text = poppler::text(&path);
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let n = pages.len();
    for (i, p) in pages.iter().enumerate() {
        assert!(
            p.contains(&format!("{} / {n}", i + 1)),
            "page {}:\n{p}",
            i + 1
        );
    }
    // the header again on every page the table spans
    let with_header = pages
        .iter()
        .filter(|p| p.contains("City") && p.contains("Value"))
        .count();
    assert!(with_header >= 2, "{with_header}");
    // every row once
    for i in 0..150 {
        let cell = format!("{i}.5 %");
        let count = text.matches(&cell).count();
        assert!(count >= 1, "{cell}");
    }
    // the pages render
    let prefix = scratch("long");
    poppler::render(&path, &prefix, &["-r", "30"]);
    let first = scratch(&format!("long-{}1.png", if n >= 10 { "0" } else { "" }));
    let png = std::fs::read(&first).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
}

#[test]
fn refuses_rows_of_the_wrong_width_and_values_that_are_not_numbers() {
    let mut doc = sample(1);
    doc.blocks.push(Block::Table(Table {
        columns: vec![Column::new("a", Align::Left, 1.0)],
        rows: vec![vec!["x".into(), "y".into()]],
    }));
    assert!(matches!(
        render_pdf(&doc),
        Err(ReportError::RowWidth {
            cells: 2,
            columns: 1
        })
    ));
    let mut doc = sample(1);
    doc.blocks.push(Block::Chart(IntervalChart {
        ticks: vec![(0.0, "0".into()), (1.0, "1".into())],
        reference: None,
        rows: vec![ChartRow {
            label: "bad".into(),
            estimate: Some(f64::NAN),
            interval: None,
            mark: Mark::Solid,
            value_text: String::new(),
        }],
    }));
    let err = render_pdf(&doc).unwrap_err();
    assert!(err.to_string().contains("'bad'"), "{err}");
}
