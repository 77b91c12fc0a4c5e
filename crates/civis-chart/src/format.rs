//! Numbers as people read them: a unit, fixed decimals, grouped thousands, a real minus sign.
//!
//! Separators are no-break spaces (U+00A0) so that "21 430 €" or "61.2 %" never wrap inside
//! a table cell or a sentence of alt text; the minus sign is U+2212, which screen readers say as
//! "minus" (a hyphen is often skipped). The decimal sign, the group separator, CLDR's minimum
//! grouping digits and the space before `%` are the page language's ([`Numerals`]): "61,2 %" and
//! "21 430 €" in French, "61,2%" in Italian; the host page fills them from CLDR
//! (<https://cldr.unicode.org/translation/number-currency-formats/number-symbols>).

use civis_catalog::Unit;

/// The no-break space used between thousands and before a unit.
pub const NBSP: char = '\u{a0}';
/// The minus sign.
pub const MINUS: char = '\u{2212}';

/// How one language writes numbers, after CLDR's number symbols: the decimal sign, the group
/// separator, the minimum grouping digits (`2`: "1234" but "12 345", as in Spanish and Polish)
/// and whether a space comes before `%`. The default is the charts' English: `61.2 %`,
/// `21 430 €`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numerals {
    /// The decimal sign: `.` in English, `,` in French.
    pub decimal: char,
    /// The separator of thousands: a no-break space in English and Polish, U+202F in French.
    pub group: char,
    /// CLDR's `minimumGroupingDigits`: group only numbers with at least `3 + min_grouping` digits.
    pub min_grouping: usize,
    /// A no-break space between a number and `%` ("61,2 %" in French, "61,2%" in Italian).
    pub percent_space: bool,
}

impl Default for Numerals {
    fn default() -> Numerals {
        Numerals {
            decimal: '.',
            group: NBSP,
            min_grouping: 1,
            percent_space: true,
        }
    }
}

impl Numerals {
    /// A number with `decimals` decimals, thousands grouped, a U+2212 minus sign; a value that
    /// rounds to zero has no sign.
    pub fn number(&self, v: f64, decimals: usize) -> String {
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
        let grouping = digits >= 3 + self.min_grouping.max(1);
        for (i, c) in int.chars().enumerate() {
            if grouping && i > 0 && (digits - i) % 3 == 0 {
                out.push(self.group);
            }
            out.push(c);
        }
        if let Some(f) = frac {
            out.push(self.decimal);
            out.push_str(f);
        }
        out
    }

    /// A percentage without a unit word: `16.5 %` (`16,5%` in Italian).
    pub fn percent(&self, v: f64, decimals: usize) -> String {
        format!("{}{}%", self.number(v, decimals), self.percent_gap())
    }

    /// What comes between a number and `%`: a no-break space or nothing.
    pub fn percent_gap(&self) -> &'static str {
        if self.percent_space {
            "\u{a0}"
        } else {
            ""
        }
    }
}

/// How the values of a chart are written. The numerals and unit words are English unless set;
/// every chart writes its values with those of its [`crate::Labels`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberFormat {
    /// The indicator's unit.
    pub unit: Unit,
    /// Decimals shown for estimates and bounds.
    pub decimals: usize,
    /// How the language writes numbers.
    pub numerals: Numerals,
    /// The unit symbols and names that are words.
    pub words: UnitWords,
}

impl NumberFormat {
    /// The usual precision for a unit: one decimal for percentages, whole euros.
    pub fn new(unit: Unit) -> NumberFormat {
        let decimals = if unit.is_money() { 0 } else { 1 };
        NumberFormat {
            unit,
            decimals,
            numerals: Numerals::default(),
            words: UnitWords::default(),
        }
    }

    /// The same unit with another number of decimals.
    pub fn with_decimals(self, decimals: usize) -> NumberFormat {
        NumberFormat { decimals, ..self }
    }

    /// The same unit written with the numerals and unit words of `labels` (the page language).
    pub fn speaking(&self, labels: &crate::Labels) -> NumberFormat {
        NumberFormat {
            numerals: labels.numerals,
            words: labels.units.clone(),
            ..self.clone()
        }
    }

    /// A number at `decimals` decimals in this format's numerals.
    pub fn number(&self, v: f64, decimals: usize) -> String {
        self.numerals.number(v, decimals)
    }

    /// A value with its unit: `61.2 %`, `21 430 €`.
    pub fn value(&self, v: f64) -> String {
        self.value_with(v, self.decimals)
    }

    /// A value with its unit at a given precision (axis ticks).
    pub fn value_with(&self, v: f64, decimals: usize) -> String {
        let gap = if self.is_percent() {
            self.numerals.percent_gap()
        } else {
            "\u{a0}"
        };
        format!("{}{gap}{}", self.number(v, decimals), self.symbol())
    }

    /// Whether values are written with `%`.
    fn is_percent(&self) -> bool {
        !(self.unit.is_money() || self.unit.is_thousands())
    }

    /// A difference between two values, always signed: `+4.2 pp`, `−1 200 €`. Differences of
    /// percentages are percentage points.
    pub fn difference(&self, v: f64) -> String {
        let n = self.number(v, self.decimals);
        let sign = if n.starts_with(MINUS) || is_zero(&n) {
            ""
        } else {
            "+"
        };
        let unit = if self.is_percent() {
            self.words.pp.as_str()
        } else {
            self.symbol()
        };
        format!("{sign}{n}{NBSP}{unit}")
    }

    /// The symbol written after values.
    pub fn symbol(&self) -> &str {
        match self.unit {
            Unit::Currency => "€",
            Unit::NationalCurrency => "NAC",
            Unit::PurchasingPowerStandard => "PPS",
            Unit::ThousandPersons | Unit::Thousand => &self.words.thousand,
            _ => "%",
        }
    }

    /// The unit in words, for the sentence that opens the alt text.
    pub fn unit_name(&self) -> &str {
        let w = &self.words;
        match self.unit {
            Unit::Percent => &w.percent,
            Unit::PercentOfPopulation => &w.percent_of_population,
            Unit::PercentOfActive => &w.percent_of_active,
            Unit::Currency => &w.euro,
            Unit::NationalCurrency => &w.national_currency,
            Unit::PurchasingPowerStandard => &w.purchasing_power_standard,
            Unit::PercentOfReference => &w.percent_of_reference,
            Unit::ThousandPersons => &w.thousand_persons,
            Unit::Thousand => &w.thousand,
        }
    }

    /// The unit of differences in words.
    pub fn difference_name(&self) -> &str {
        if self.is_percent() {
            &self.words.percentage_points
        } else {
            self.unit_name()
        }
    }
}

/// Whether a written number is zero (digits all `0`, whatever the separators).
pub(crate) fn is_zero(n: &str) -> bool {
    !n.chars().any(|c| c.is_ascii_digit() && c != '0')
}

/// A number with `decimals` decimals, thousands grouped by no-break spaces and a U+2212 minus
/// sign, in the charts' English ([`Numerals::default`]).
pub fn number(v: f64, decimals: usize) -> String {
    Numerals::default().number(v, decimals)
}

/// The unit symbols and names that are words, in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitWords {
    /// Symbol of a difference of percentages: "pp".
    pub pp: String,
    /// Symbol and name of counts in thousands: "thousand".
    pub thousand: String,
    /// Name of differences of percentages: "percentage points (pp)".
    pub percentage_points: String,
    /// "percent".
    pub percent: String,
    /// "percent of the population".
    pub percent_of_population: String,
    /// "percent of the active population".
    pub percent_of_active: String,
    /// "euro".
    pub euro: String,
    /// "national currency".
    pub national_currency: String,
    /// "purchasing power standard".
    pub purchasing_power_standard: String,
    /// "percent of the reference group's value".
    pub percent_of_reference: String,
    /// "thousand persons".
    pub thousand_persons: String,
}

impl Default for UnitWords {
    fn default() -> UnitWords {
        let s = |x: &str| x.to_owned();
        UnitWords {
            pp: s("pp"),
            thousand: s("thousand"),
            percentage_points: s("percentage points (pp)"),
            percent: s("percent"),
            percent_of_population: s("percent of the population"),
            percent_of_active: s("percent of the active population"),
            euro: s("euro"),
            national_currency: s("national currency"),
            purchasing_power_standard: s("purchasing power standard"),
            percent_of_reference: s("percent of the reference group's value"),
            thousand_persons: s("thousand persons"),
        }
    }
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
