//! Pass one: blocks to pages. Text is broken into lines at spaces to fit the width measured
//! from the font; a block that does not fit on the rest of the page starts a new one (a table
//! row at a time, with the header repeated); a heading is kept with what follows it.

use crate::document::{Align, Block, Document, IntervalChart, Mark, Table};
use crate::fonts::Fonts;
use crate::ReportError;

/// A4 in points.
pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
pub const MARGIN: f32 = 50.0;
/// Bottom of the text area (the footer is below it).
const BOTTOM: f32 = PAGE_HEIGHT - MARGIN - 14.0;
const TEXT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;

/// The shade of what is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    Black,
    Grey,
    Light,
    Accent,
}

/// One thing drawn on a page; `y` of text is its baseline, from the top of the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        ink: Ink,
        text: String,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        ink: Ink,
        dashed: bool,
    },
    Dot {
        x: f32,
        y: f32,
        r: f32,
        filled: bool,
    },
}

/// The display list of every page.
pub type Pages = Vec<Vec<Op>>;

/// Text style of a block.
#[derive(Debug, Clone, Copy)]
struct Style {
    size: f32,
    leading: f32,
    bold: bool,
    ink: Ink,
}

/// A style of `size` points on lines `leading` points apart.
const fn style(size: f32, leading: f32, bold: bool, ink: Ink) -> Style {
    Style {
        size,
        leading,
        bold,
        ink,
    }
}

const TITLE: Style = style(18.0, 22.0, true, Ink::Accent);
const HEADING: Style = style(13.0, 16.0, true, Ink::Accent);
const SUBHEADING: Style = style(10.5, 13.0, true, Ink::Black);
const BODY: Style = style(9.0, 12.0, false, Ink::Black);
const NOTE: Style = style(7.5, 9.5, false, Ink::Grey);
const CELL: Style = style(7.5, 9.5, false, Ink::Black);
const CELL_PAD: f32 = 3.0;
/// Height of one chart row.
const CHART_ROW: f32 = 12.0;

struct Flow<'f> {
    fonts: &'f Fonts,
    pages: Pages,
    y: f32,
}

impl<'f> Flow<'f> {
    fn page(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a flow always has a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Starts a new page unless `height` fits below the cursor.
    fn room(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > MARGIN {
            self.new_page();
        }
    }

    /// `text` broken into lines no wider than `width`.
    fn lines(&self, text: &str, style: Style, width: f32) -> Vec<String> {
        wrap(self.fonts, text, style, width)
    }

    fn text(&mut self, x: f32, y: f32, style: Style, text: String) {
        self.page().push(Op::Text {
            x,
            y,
            size: style.size,
            bold: style.bold,
            ink: style.ink,
            text,
        });
    }

    /// A paragraph at `indent`, lines kept together when `keep` more points must follow.
    fn paragraph(&mut self, text: &str, style: Style, indent: f32, keep: f32) {
        let lines = self.lines(text, style, TEXT_WIDTH - indent);
        for (i, line) in lines.into_iter().enumerate() {
            let follow = if i == 0 { keep } else { 0.0 };
            self.room(style.leading + follow);
            self.y += style.leading;
            self.text(MARGIN + indent, self.y - style.leading * 0.25, style, line);
        }
    }

    fn gap(&mut self, h: f32) {
        if self.y > MARGIN {
            self.y += h;
        }
    }
}

/// Lays out the document: the display list of every page, footers included.
pub fn layout(doc: &Document, fonts: &Fonts) -> Result<Pages, ReportError> {
    let mut flow = Flow {
        fonts,
        pages: vec![Vec::new()],
        y: MARGIN,
    };
    for block in &doc.blocks {
        match block {
            Block::Title(t) => {
                flow.paragraph(t, TITLE, 0.0, 0.0);
                flow.gap(6.0);
            }
            Block::Heading(t) => {
                flow.gap(10.0);
                flow.paragraph(t, HEADING, 0.0, 60.0);
                flow.gap(3.0);
            }
            Block::Subheading(t) => {
                flow.gap(8.0);
                flow.paragraph(t, SUBHEADING, 0.0, 50.0);
                flow.gap(2.0);
            }
            Block::Paragraph(t) => {
                flow.paragraph(t, BODY, 0.0, 0.0);
                flow.gap(3.0);
            }
            Block::Note(t) => {
                flow.paragraph(t, NOTE, 0.0, 0.0);
                flow.gap(2.0);
            }
            Block::Bullets(items) => {
                for item in items {
                    flow.room(BODY.leading);
                    let y = flow.y + BODY.leading * 0.75;
                    flow.text(MARGIN + 2.0, y, BODY, "•".into());
                    flow.paragraph(item, BODY, 10.0, 0.0);
                }
                flow.gap(3.0);
            }
            Block::Table(t) => {
                table(&mut flow, t)?;
                flow.gap(6.0);
            }
            Block::Chart(c) => {
                chart(&mut flow, c)?;
                flow.gap(6.0);
            }
        }
    }
    let mut pages = flow.pages;
    let count = pages.len();
    for (i, ops) in pages.iter_mut().enumerate() {
        footer(fonts, ops, &doc.footer, i + 1, count);
    }
    Ok(pages)
}

fn footer(fonts: &Fonts, ops: &mut Vec<Op>, text: &str, page: usize, pages: usize) {
    let y = PAGE_HEIGHT - MARGIN + 8.0;
    ops.push(Op::Line {
        from: (MARGIN, y - 10.0),
        to: (PAGE_WIDTH - MARGIN, y - 10.0),
        width: 0.4,
        ink: Ink::Light,
        dashed: false,
    });
    let number = format!("{page} / {pages}");
    let w = fonts.regular.width(&number, NOTE.size);
    let room = TEXT_WIDTH - w - 12.0;
    let text = wrap(fonts, text, NOTE, room)
        .into_iter()
        .next()
        .unwrap_or_default();
    for (x, t) in [(MARGIN, text), (PAGE_WIDTH - MARGIN - w, number)] {
        ops.push(Op::Text {
            x,
            y,
            size: NOTE.size,
            bold: false,
            ink: Ink::Grey,
            text: t,
        });
    }
}

/// Units that stay on the line of their number (`61.2 %`, `+3.2 pp`, `21 430 €`).
const UNITS: [&str; 4] = ["%", "pp", "pt", "€"];

/// The words of a paragraph, a unit glued to the number before it.
fn words(para: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in para.split(' ').filter(|w| !w.is_empty()) {
        let glue = UNITS.iter().any(|u| w.starts_with(u))
            && out
                .last()
                .is_some_and(|p| p.ends_with(|c: char| c.is_ascii_digit()));
        match out.last_mut() {
            Some(p) if glue => {
                p.push(' ');
                p.push_str(w);
            }
            _ => out.push(w.to_string()),
        }
    }
    out
}

/// Greedy line breaking at spaces; a word wider than the line is cut between characters.
fn wrap(fonts: &Fonts, text: &str, style: Style, width: f32) -> Vec<String> {
    let face = fonts.face(style.bold);
    // a little room for kerning, which the measure leaves out
    let width = width - 1.0;
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in words(para) {
            let candidate = if line.is_empty() {
                word.clone()
            } else {
                format!("{line} {word}")
            };
            if face.width(&candidate, style.size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                line.push(c);
                if face.width(&line, style.size) > width && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// Column x positions and widths, scaled to the text width.
fn column_boxes(t: &Table) -> Vec<(f32, f32)> {
    let total: f32 = t
        .columns
        .iter()
        .map(|c| c.width)
        .sum::<f32>()
        .max(f32::EPSILON);
    let mut x = MARGIN;
    t.columns
        .iter()
        .map(|c| {
            let w = c.width / total * TEXT_WIDTH;
            let b = (x, w);
            x += w;
            b
        })
        .collect()
}

/// One row of a table at the cursor: cells wrapped in their column, a rule below.
fn table_row(flow: &mut Flow, t: &Table, boxes: &[(f32, f32)], cells: &[String], header: bool) {
    let style = Style {
        bold: header,
        ink: if header { Ink::Grey } else { Ink::Black },
        ..CELL
    };
    let wrapped: Vec<Vec<String>> = cells
        .iter()
        .zip(boxes)
        .map(|(c, (_, w))| flow.lines(c, style, w - 2.0 * CELL_PAD))
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1) as f32 * style.leading + CELL_PAD;
    let top = flow.y;
    for ((lines, (x, w)), col) in wrapped.into_iter().zip(boxes).zip(&t.columns) {
        for (i, line) in lines.into_iter().enumerate() {
            let y = top + (i + 1) as f32 * style.leading - 2.0;
            let x = match col.align {
                Align::Left => x + CELL_PAD,
                Align::Right => x + w - CELL_PAD - flow.fonts.face(header).width(&line, style.size),
            };
            flow.text(x, y, style, line);
        }
    }
    flow.y = top + height;
    let y = flow.y - 1.0;
    flow.page().push(Op::Line {
        from: (MARGIN, y),
        to: (PAGE_WIDTH - MARGIN, y),
        width: if header { 0.8 } else { 0.3 },
        ink: if header { Ink::Grey } else { Ink::Light },
        dashed: false,
    });
}

fn table(flow: &mut Flow, t: &Table) -> Result<(), ReportError> {
    if let Some(r) = t.rows.iter().find(|r| r.len() != t.columns.len()) {
        return Err(ReportError::RowWidth {
            cells: r.len(),
            columns: t.columns.len(),
        });
    }
    let boxes = column_boxes(t);
    let header: Vec<String> = t.columns.iter().map(|c| c.title.clone()).collect();
    // the header and the first row together
    flow.room(4.0 * CELL.leading);
    table_row(flow, t, &boxes, &header, true);
    for row in &t.rows {
        let lines = row
            .iter()
            .zip(&boxes)
            .map(|(c, (_, w))| flow.lines(c, CELL, w - 2.0 * CELL_PAD).len())
            .max()
            .unwrap_or(1);
        let height = lines as f32 * CELL.leading + CELL_PAD;
        if flow.y + height > BOTTOM {
            flow.new_page();
            table_row(flow, t, &boxes, &header, true);
        }
        table_row(flow, t, &boxes, row, false);
    }
    Ok(())
}

/// Width of the labels left of a chart and of the values right of it.
const CHART_LABEL: f32 = 150.0;
const CHART_VALUE: f32 = 120.0;

fn chart(flow: &mut Flow, c: &IntervalChart) -> Result<(), ReportError> {
    for r in &c.rows {
        let finite = r.estimate.is_none_or(f64::is_finite)
            && r.interval
                .is_none_or(|(l, h)| l.is_finite() && h.is_finite());
        if !finite {
            return Err(ReportError::NotFinite {
                label: r.label.clone(),
            });
        }
    }
    let (lo, hi) = c
        .ticks
        .iter()
        .map(|t| t.0)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
    if !(lo.is_finite() && hi.is_finite() && hi > lo) || c.rows.is_empty() {
        return Ok(());
    }
    let top_pad = if c.reference.is_some() { 12.0 } else { 4.0 };
    let height = top_pad + c.rows.len() as f32 * CHART_ROW + 16.0;
    flow.room(height);
    let x0 = MARGIN + CHART_LABEL;
    let x1 = PAGE_WIDTH - MARGIN - CHART_VALUE;
    let at = |v: f64| x0 + ((v - lo) / (hi - lo)) as f32 * (x1 - x0);
    let top = flow.y + top_pad;
    let bottom = top + c.rows.len() as f32 * CHART_ROW;
    let style = CELL;
    let faint = Style {
        ink: Ink::Grey,
        ..NOTE
    };
    for (v, label) in &c.ticks {
        let x = at(*v);
        flow.page().push(Op::Line {
            from: (x, top),
            to: (x, bottom),
            width: 0.3,
            ink: Ink::Light,
            dashed: false,
        });
        let w = flow.fonts.regular.width(label, faint.size);
        flow.text(x - w / 2.0, bottom + 10.0, faint, label.clone());
    }
    if let Some((v, label)) = &c.reference {
        let x = at(*v);
        flow.page().push(Op::Line {
            from: (x, top - 4.0),
            to: (x, bottom),
            width: 0.8,
            ink: Ink::Grey,
            dashed: true,
        });
        flow.text(x + 2.0, top - 4.0, faint, label.clone());
    }
    for (i, r) in c.rows.iter().enumerate() {
        let mid = top + (i as f32 + 0.5) * CHART_ROW;
        let label = flow
            .lines(&r.label, style, CHART_LABEL - 6.0)
            .into_iter()
            .next()
            .unwrap_or_default();
        flow.text(MARGIN, mid + 2.5, style, label);
        let value = flow
            .lines(&r.value_text, style, CHART_VALUE - 6.0)
            .into_iter()
            .next()
            .unwrap_or_default();
        flow.text(x1 + 6.0, mid + 2.5, style, value);
        let hollow = r.mark == Mark::Hollow;
        if let Some((l, h)) = r.interval {
            flow.page().push(Op::Line {
                from: (at(l.max(lo).min(hi)), mid),
                to: (at(h.max(lo).min(hi)), mid),
                width: 1.2,
                ink: if hollow { Ink::Grey } else { Ink::Accent },
                dashed: hollow,
            });
        }
        if let Some(v) = r.estimate {
            flow.page().push(Op::Dot {
                x: at(v.max(lo).min(hi)),
                y: mid,
                r: 2.8,
                filled: !hollow,
            });
        }
    }
    flow.y = bottom + 16.0;
    Ok(())
}
