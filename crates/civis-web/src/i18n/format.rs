//! Numbers and dates per locale, after CLDR: decimal and grouping symbols, CLDR's minimum
//! grouping digits (Spanish, Italian and Polish group "12.345" but not "1234"), the percent
//! sign's spacing ("12,3 %" in French and German, "12,3%" in Italian) and the long date
//! ("7 décembre 2026", "7. Dezember 2026").
//!
//! The rules are data: `locales/cldr.toml`, generated from CLDR by `locales/cldr.mjs` (which
//! cites the CLDR and ICU versions); `tests/cldr.rs` checks this code against ICU's own output.
//! Rounding is Rust's (`format!`, to nearest, ties to even on the exact binary value) in every
//! language, so a number reads the same on every language version of a page.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::{lang, Lang};

/// One locale's rules (a table of `locales/cldr.toml`).
#[derive(Debug, Clone, Deserialize)]
pub struct Rules {
    pub decimal: String,
    pub group: String,
    /// Group only numbers with at least this many digits before the first separator
    /// (`minimumGroupingDigits`: 2 means "1234" but "12 345").
    pub min_grouping: usize,
    pub percent_prefix: String,
    pub percent_suffix: String,
    /// The long date, with `{day}`, `{month}` and `{year}`.
    pub date: String,
    /// Month names as used in a date (Polish: genitive, "grudnia").
    pub months: Vec<String>,
}

/// The rules of a language.
pub fn rules(l: Lang) -> &'static Rules {
    static RULES: OnceLock<HashMap<String, Rules>> = OnceLock::new();
    let all = RULES.get_or_init(|| {
        toml::from_str(include_str!("../../locales/cldr.toml"))
            .expect("locales/cldr.toml is generated and checked by tests")
    });
    &all[l.code()]
}

/// `v` with `decimals` decimals in the page's language: `1 234,5` (fr), `1234,5` (es).
pub fn number(v: f64, decimals: usize) -> String {
    number_in(lang(), v, decimals)
}

/// `v` percent in the page's language: `12,3 %` (fr), `12,3%` (it).
pub fn percent(v: f64, decimals: usize) -> String {
    percent_in(lang(), v, decimals)
}

/// A date (`y`, `m` 1-12, `d`) in the page's language: `7 décembre 2026`.
pub fn date(y: i32, m: u32, d: u32) -> String {
    date_in(lang(), y, m, d)
}

/// [`number`] in a given language.
pub fn number_in(l: Lang, v: f64, decimals: usize) -> String {
    let r = rules(l);
    let text = format!("{:.*}", decimals, v.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let negative = v < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0');
    let mut out = String::with_capacity(text.len() + 4);
    if negative {
        out.push('-');
    }
    out.push_str(&grouped(int, &r.group, r.min_grouping));
    if !frac.is_empty() {
        out.push_str(&r.decimal);
        out.push_str(frac);
    }
    out
}

/// [`percent`] in a given language.
pub fn percent_in(l: Lang, v: f64, decimals: usize) -> String {
    let r = rules(l);
    format!(
        "{}{}{}",
        r.percent_prefix,
        number_in(l, v, decimals),
        r.percent_suffix
    )
}

/// [`date`] in a given language; a month outside 1-12 is written as its number.
pub fn date_in(l: Lang, y: i32, m: u32, d: u32) -> String {
    let r = rules(l);
    let month = if (1..=12).contains(&m) {
        r.months[m as usize - 1].clone()
    } else {
        m.to_string()
    };
    r.date
        .replace("{day}", &d.to_string())
        .replace("{month}", &month)
        .replace("{year}", &y.to_string())
}

/// A date written `YYYY-MM-DD` (or with a time after it) in the page's language; other text
/// is returned as it is.
pub fn iso_date(text: &str) -> String {
    let parts: Vec<&str> = text.get(..10).unwrap_or("").split('-').collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
            match (y.parse(), m.parse(), d.parse()) {
                (Ok(y), Ok(m), Ok(d)) => date(y, m, d),
                _ => text.to_string(),
            }
        }
        _ => text.to_string(),
    }
}

/// The digits of an integer with a separator every three digits from the right, when there are
/// at least `3 + min_grouping` digits.
fn grouped(int: &str, sep: &str, min_grouping: usize) -> String {
    if int.len() < 3 + min_grouping.max(1) {
        return int.to_string();
    }
    let mut out = String::with_capacity(int.len() + int.len() / 3 * sep.len());
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_keeps_the_portal_style() {
        assert_eq!(number_in(Lang::En, 21430.4, 0), "21\u{202f}430");
        assert_eq!(percent_in(Lang::En, 61.24, 1), "61.2 %");
        assert_eq!(date_in(Lang::En, 2026, 12, 7), "7 December 2026");
    }

    #[test]
    fn french_has_a_decimal_comma() {
        assert_eq!(percent_in(Lang::Fr, 12.34, 1), "12,3\u{a0}%");
        assert_eq!(number_in(Lang::Fr, -0.04, 1), "0,0");
        assert_eq!(date_in(Lang::Fr, 2026, 12, 7), "7 décembre 2026");
    }

    #[test]
    fn iso_dates_are_written_in_the_page_language() {
        let de = crate::i18n::with_lang(Lang::De, || iso_date("2026-12-07T10:00:00Z"));
        assert_eq!(de, "7. Dezember 2026");
        let pl = crate::i18n::with_lang(Lang::Pl, || iso_date("2026-12-07"));
        assert_eq!(pl, "7 grudnia 2026");
        assert_eq!(iso_date("2026-11"), "2026-11");
    }
}
