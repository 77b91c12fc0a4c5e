//! The compiled-in font family and the width of text set in it.

use krilla::text::Font;
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use crate::ReportError;

const REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// A font face ready to draw (krilla) and to measure (skrifa).
pub struct Face {
    pub font: Font,
    measure: FontRef<'static>,
    units_per_em: f32,
}

impl Face {
    fn load(data: &'static [u8], name: &'static str) -> Result<Face, ReportError> {
        let font = Font::new(data.into(), 0).ok_or(ReportError::Font(name))?;
        let measure = FontRef::new(data).map_err(|_| ReportError::Font(name))?;
        let units_per_em = font.units_per_em();
        Ok(Face {
            font,
            measure,
            units_per_em,
        })
    }

    /// Width of `text` at `size` points: the sum of the glyph advances (no kerning; the layout
    /// keeps a little room for it).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let charmap = self.measure.charmap();
        let metrics = self
            .measure
            .glyph_metrics(Size::unscaled(), LocationRef::default());
        let units: f32 = text
            .chars()
            .map(|c| {
                let glyph = charmap.map(c).unwrap_or_default();
                metrics.advance_width(glyph).unwrap_or(0.0)
            })
            .sum();
        units * size / self.units_per_em
    }
}

/// Regular and bold.
pub struct Fonts {
    pub regular: Face,
    pub bold: Face,
}

impl Fonts {
    pub fn load() -> Result<Fonts, ReportError> {
        Ok(Fonts {
            regular: Face::load(REGULAR, "DejaVuSans.ttf")?,
            bold: Face::load(BOLD, "DejaVuSans-Bold.ttf")?,
        })
    }

    pub fn face(&self, bold: bool) -> &Face {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }
}
