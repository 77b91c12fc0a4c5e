//! Pass two: the display lists written as PDF pages with krilla. The fonts are embedded as
//! subsets with a ToUnicode map (krilla does both), so the text can be extracted.

use krilla::color::rgb;
use krilla::geom::{Path, PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::TextDirection;

use crate::document::Document;
use crate::fonts::Fonts;
use crate::layout::{Ink, Op, Pages, PAGE_HEIGHT, PAGE_WIDTH};
use crate::ReportError;

fn colour(ink: Ink) -> rgb::Color {
    match ink {
        Ink::Black => rgb::Color::new(0x1a, 0x1a, 0x1a),
        Ink::Grey => rgb::Color::new(0x5f, 0x63, 0x68),
        Ink::Light => rgb::Color::new(0xc8, 0xcc, 0xd0),
        // the portal's blue
        Ink::Accent => rgb::Color::new(0x12, 0x35, 0x5b),
    }
}

fn fill(ink: Ink) -> Fill {
    Fill {
        paint: colour(ink).into(),
        ..Fill::default()
    }
}

/// A circle as four cubic Béziers (control points at 0.5523 r).
fn circle(x: f32, y: f32, r: f32) -> Option<Path> {
    let k = 0.552_284_8 * r;
    let mut pb = PathBuilder::new();
    pb.move_to(x + r, y);
    pb.cubic_to(x + r, y + k, x + k, y + r, x, y + r);
    pb.cubic_to(x - k, y + r, x - r, y + k, x - r, y);
    pb.cubic_to(x - r, y - k, x - k, y - r, x, y - r);
    pb.cubic_to(x + k, y - r, x + r, y - k, x + r, y);
    pb.close();
    pb.finish()
}

fn draw(surface: &mut Surface, fonts: &Fonts, op: &Op) {
    match op {
        Op::Text {
            x,
            y,
            size,
            bold,
            ink,
            text,
        } => {
            surface.set_fill(Some(fill(*ink)));
            surface.set_stroke(None);
            surface.draw_text(
                Point::from_xy(*x, *y),
                fonts.face(*bold).font.clone(),
                *size,
                text,
                false,
                TextDirection::Auto,
            );
        }
        Op::Line {
            from,
            to,
            width,
            ink,
            dashed,
        } => {
            let mut pb = PathBuilder::new();
            pb.move_to(from.0, from.1);
            pb.line_to(to.0, to.1);
            surface.set_fill(None);
            surface.set_stroke(Some(Stroke {
                paint: colour(*ink).into(),
                width: *width,
                dash: dashed.then(|| StrokeDash {
                    array: vec![2.5, 2.0],
                    offset: 0.0,
                }),
                ..Stroke::default()
            }));
            if let Some(p) = pb.finish() {
                surface.draw_path(&p);
            }
        }
        Op::Dot { x, y, r, filled } => {
            // a hollow dot is white inside, so the whisker does not show through it
            surface.set_fill(Some(Fill {
                paint: if *filled {
                    colour(Ink::Accent)
                } else {
                    rgb::Color::white()
                }
                .into(),
                ..Fill::default()
            }));
            surface.set_stroke(Some(Stroke {
                paint: colour(if *filled { Ink::Accent } else { Ink::Grey }).into(),
                width: 1.0,
                ..Stroke::default()
            }));
            if let Some(p) = circle(*x, *y, *r) {
                surface.draw_path(&p);
            }
        }
    }
}

/// Writes the pages as a PDF with the document's title and language in its metadata.
pub fn paint(doc: &Document, fonts: &Fonts, pages: &Pages) -> Result<Vec<u8>, ReportError> {
    let mut pdf = krilla::Document::new();
    pdf.set_metadata(
        Metadata::new()
            .title(doc.title.clone())
            .language(doc.language.clone())
            .creator(format!("Civis {}", env!("CARGO_PKG_VERSION"))),
    );
    for ops in pages {
        let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
            .ok_or_else(|| ReportError::Pdf("invalid page size".into()))?;
        let mut page = pdf.start_page_with(settings);
        let mut surface = page.surface();
        for op in ops {
            draw(&mut surface, fonts, op);
        }
        surface.finish();
        page.finish();
    }
    pdf.finish().map_err(|e| ReportError::Pdf(e.to_string()))
}
