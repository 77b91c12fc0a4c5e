//! # civis-report: Civis profiles as PDF documents
//!
//! A small typesetting layer, independent of where the numbers come from: the caller (the
//! portal's area profile in `civis-web`) describes a [`Document`] as a list of [`Block`]s
//! (headings, paragraphs, bullet lists, tables, interval charts) in the reader's language, and
//! [`render_pdf`] lays them out on A4 pages and writes the PDF.
//!
//! ## The model
//! - **Two passes.** [`layout`] breaks the blocks into lines and pages and produces a display
//!   list per page (text runs, lines, rectangles, dots); [`paint`] writes that list with
//!   [krilla](https://docs.rs/krilla). Because the pages are known before anything is painted,
//!   the footer can say "page 2 of 5" and a table's header is repeated on every page it spans.
//! - **Text that can be read back.** One font family (DejaVu Sans, regular and bold, from
//!   Debian's `fonts-dejavu-core`, licence in `fonts/LICENSE`) is compiled in, embedded as a
//!   subset with a ToUnicode map, so `pdftotext` and screen readers get the characters back,
//!   Polish `Łódź`, Greek `Αθήνα` and Romanian `Timișoara` included. Nothing is fetched and no
//!   browser is involved.
//! - **Charts drawn natively.** An [`IntervalChart`] is a dot-and-whisker chart on a shared
//!   axis: a solid dot for a reliable value, a hollow one with a dashed whisker for a low
//!   reliability one, a dashed reference line (the null value of a gap). The caller writes the
//!   value beside each row, so the chart shows the same text as the tables.
//! - **Widths measured from the font.** Line breaking and right-aligned table columns use the
//!   glyph advances of the embedded font (read with `skrifa`), so text never runs into the
//!   next column.

pub mod document;
pub mod fonts;
pub mod layout;
pub mod paint;

pub use document::{Align, Block, ChartRow, Column, Document, IntervalChart, Mark, Table};

/// What can stop a report from being written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A value the chart cannot place on its axis (NaN or infinite).
    #[error("the chart row '{label}' has a value that is not a finite number")]
    NotFinite { label: String },
    /// A table row with another number of cells than the table has columns.
    #[error("a table row has {cells} cells but the table has {columns} columns")]
    RowWidth { cells: usize, columns: usize },
    /// The compiled-in font could not be read.
    #[error("the embedded font {0} cannot be read")]
    Font(&'static str),
    /// The PDF writer refused the document.
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

/// The document as PDF bytes.
pub fn render_pdf(doc: &Document) -> Result<Vec<u8>, ReportError> {
    let fonts = fonts::Fonts::load()?;
    let pages = layout::layout(doc, &fonts)?;
    paint::paint(doc, &fonts, &pages)
}
