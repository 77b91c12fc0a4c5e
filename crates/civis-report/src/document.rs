//! What a report is made of, before layout: blocks of text, tables and charts.

/// A report: metadata and the blocks in reading order.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Title in the PDF metadata (and the reader's window).
    pub title: String,
    /// BCP 47 language tag of the text (`en`, `fr`), written to the PDF catalogue.
    pub language: String,
    /// Text at the foot of every page, followed by the page number as `N / M`.
    pub footer: String,
    pub blocks: Vec<Block>,
}

/// One piece of the flow.
#[derive(Debug, Clone)]
pub enum Block {
    /// The document title (once, at the top).
    Title(String),
    /// A section heading; never left alone at the foot of a page.
    Heading(String),
    /// A heading inside a section (an indicator).
    Subheading(String),
    Paragraph(String),
    /// Smaller grey text (notes, sources).
    Note(String),
    Bullets(Vec<String>),
    Table(Table),
    Chart(IntervalChart),
}

/// A table: its columns and rows of text cells.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
}

/// A table column: its header, the alignment of its cells and its share of the width.
#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    pub align: Align,
    /// Relative width (the widths of a table are scaled to the text width).
    pub width: f32,
}

impl Column {
    pub fn new(title: impl Into<String>, align: Align, width: f32) -> Column {
        Column {
            title: title.into(),
            align,
            width,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    /// Numbers: right-aligned so that units and decimals line up.
    Right,
}

/// A dot-and-whisker chart: one row per value, on one horizontal axis.
#[derive(Debug, Clone, Default)]
pub struct IntervalChart {
    /// Axis ticks: position and label (formatted by the caller, in the reader's locale).
    pub ticks: Vec<(f64, String)>,
    /// A dashed vertical line and its label (for a gap: 0 or 100 %).
    pub reference: Option<(f64, String)>,
    pub rows: Vec<ChartRow>,
}

/// One row of an [`IntervalChart`].
#[derive(Debug, Clone)]
pub struct ChartRow {
    pub label: String,
    /// `None` draws no mark (suppressed or not available); `value_text` says why.
    pub estimate: Option<f64>,
    /// The 95 % confidence interval, drawn as a whisker.
    pub interval: Option<(f64, f64)>,
    pub mark: Mark,
    /// The value as the tables write it, printed right of the plot.
    pub value_text: String,
}

/// How a value is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A reliable value: solid dot, solid whisker.
    Solid,
    /// Low reliability (flag `u`): hollow dot, dashed whisker.
    Hollow,
}
