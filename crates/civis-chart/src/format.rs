//! Numbers as people read them: a unit, fixed decimals, grouped thousands, a real minus sign.
//!
//! Separators are no-break spaces (U+00A0) so that "21 430 €" or "61.2 %" never wrap inside
//! a table cell or a sentence of alt text; the minus sign is U+2212, which screen readers say as
//! "minus" (a hyphen is often skipped).

use civis_catalog::Unit;

/// The no-break space used between thousands and before a unit.
pub const NBSP: char = '\u{a0}';
/// The minus sign.
pub const MINUS: char = '\u{2212}';

/// How the values of a chart are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberFormat {
    /// The indicator's unit.
    pub unit: Unit,
    /// Decimals shown for estimates and bounds.
    pub decimals: usize,
}

impl NumberFormat {
    /// The usual precision for a unit: one decimal for percentages, whole euros.
    pub fn new(unit: Unit) -> NumberFormat {
        let decimals = if unit.is_money() { 0 } else { 1 };
        NumberFormat { unit, decimals }
    }

    /// The same unit with another number of decimals.
    pub fn with_decimals(self, decimals: usize) -> NumberFormat {
        NumberFormat { decimals, ..self }
    }

    /// A value with its unit: `61.2 %`, `21 430 €`.
    pub fn value(&self, v: f64) -> String {
        self.value_with(v, self.decimals)
    }

    /// A value with its unit at a given precision (axis ticks).
    pub fn value_with(&self, v: f64, decimals: usize) -> String {
        format!("{}{NBSP}{}", number(v, decimals), self.symbol())
    }

    /// A difference between two values, always signed: `+4.2 pp`, `−1 200 €`. Differences of
    /// percentages are percentage points.
    pub fn difference(&self, v: f64) -> String {
        let n = number(v, self.decimals);
        let sign = if n.starts_with(MINUS) || is_zero(&n) {
            ""
        } else {
            "+"
        };
        let unit = if self.unit.is_money() || self.unit.is_thousands() {
            self.symbol()
        } else {
            "pp"
        };
        format!("{sign}{n}{NBSP}{unit}")
    }

    /// The symbol written after values.
    pub fn symbol(&self) -> &'static str {
        match self.unit {
            Unit::Currency => "€",
            Unit::NationalCurrency => "NAC",
            Unit::PurchasingPowerStandard => "PPS",
            Unit::ThousandPersons | Unit::Thousand => "thousand",
            _ => "%",
        }
    }

    /// The unit in words, for the sentence that opens the alt text.
    pub fn unit_name(&self) -> &'static str {
        match self.unit {
            Unit::Percent => "percent",
            Unit::PercentOfPopulation => "percent of the population",
            Unit::PercentOfActive => "percent of the active population",
            Unit::Currency => "euro",
            Unit::NationalCurrency => "national currency",
            Unit::PurchasingPowerStandard => "purchasing power standard",
            Unit::PercentOfReference => "percent of the reference group's value",
            Unit::ThousandPersons => "thousand persons",
            Unit::Thousand => "thousand",
        }
    }

    /// The unit of differences in words.
    pub fn difference_name(&self) -> &'static str {
        if self.unit.is_money() || self.unit.is_thousands() {
            self.unit_name()
        } else {
            "percentage points (pp)"
        }
    }
}

fn is_zero(n: &str) -> bool {
    n.chars().all(|c| c == '0' || c == '.' || c == NBSP)
}

/// A number with `decimals` decimals, thousands grouped by no-break spaces and a U+2212 minus
/// sign; a value that rounds to zero has no sign.
pub fn number(v: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, v.abs());
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut out = String::with_capacity(text.len() + 4);
    if v < 0.0 && !is_zero(&text) {
        out.push(MINUS);
    }
    let digits = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 {
            out.push(NBSP);
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: String) -> String {
        s.replace(NBSP, " ").replace(MINUS, "-")
    }

    #[test]
    fn units_are_written_as_in_eurostat_tables() {
        assert_eq!(
            plain(NumberFormat::new(Unit::Percent).value(61.23)),
            "61.2 %"
        );
        assert_eq!(
            plain(NumberFormat::new(Unit::Currency).value(21430.4)),
            "21 430 €"
        );
        assert_eq!(
            plain(NumberFormat::new(Unit::Currency).value(1234567.0)),
            "1 234 567 €"
        );
        assert_eq!(
            plain(NumberFormat::new(Unit::Currency).value(999.0)),
            "999 €"
        );
        assert_eq!(
            plain(NumberFormat::new(Unit::PercentOfReference).value(87.46)),
            "87.5 %"
        );
    }

    #[test]
    fn differences_are_signed_and_in_points() {
        let f = NumberFormat::new(Unit::Percent);
        assert_eq!(plain(f.difference(4.24)), "+4.2 pp");
        assert_eq!(plain(f.difference(-4.24)), "-4.2 pp");
        assert_eq!(plain(f.difference(-0.04)), "0.0 pp");
        assert_eq!(
            plain(NumberFormat::new(Unit::Currency).difference(-1200.0)),
            "-1 200 €"
        );
    }

    #[test]
    fn negative_numbers_use_the_minus_sign_and_zero_has_none() {
        assert_eq!(number(-3.25, 1), "\u{2212}3.2");
        assert_eq!(number(-0.01, 1), "0.0");
        assert_eq!(number(-12345.0, 0), "\u{2212}12\u{a0}345");
    }
}
