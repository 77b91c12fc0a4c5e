//! Number recognition for type inference.
//!
//! A cell is a number when, after trimming ASCII whitespace, it is a finite decimal floating-point
//! literal that Rust's [`str::parse::<f64>`] accepts (`12`, `-0.5`, `.5`, `5.`, `1e-3`, `+2`).
//! The text `NaN` (any case) is read as missing. `inf`/`Infinity` and literals that overflow to
//! infinity (`1e999`) are *not* numbers. A blank cell (empty or only whitespace) is missing.
//!
//! Values are always the correctly rounded `f64`: short plain decimals (at most 2^53 as an
//! integer mantissa and at most 22 fractional digits) take an exact fast path (one exact integer
//! divided by one exact power of ten, which IEEE 754 division rounds correctly); everything else
//! goes through `str::parse`, which is correctly rounded too.

/// What a cell holds, as far as a numeric column is concerned.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Num {
    Value(f64),
    Missing,
    NotNumber,
}

pub(crate) const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// True when the cell is empty or all ASCII whitespace.
#[inline]
pub(crate) fn is_blank(cell: &[u8]) -> bool {
    cell.iter().all(u8::is_ascii_whitespace)
}

/// Classifies a cell's content.
#[inline]
pub(crate) fn parse_number(cell: &[u8]) -> Num {
    let s = cell.trim_ascii();
    if s.is_empty() {
        return Num::Missing;
    }
    match fast_decimal(s) {
        Some(v) => Num::Value(v),
        None => slow(s),
    }
}

/// `-?digits(.digits)?` with a mantissa of at most 2^53 and at most 22 fractional digits.
#[inline]
fn fast_decimal(s: &[u8]) -> Option<f64> {
    let (neg, digits) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        _ => (false, s),
    };
    let mut mantissa: u64 = 0;
    let mut ndigits = 0usize;
    let mut frac = 0usize;
    let mut seen_dot = false;
    for &b in digits {
        let d = b.wrapping_sub(b'0');
        if d < 10 {
            ndigits += 1;
            if ndigits > 19 {
                return None;
            }
            mantissa = mantissa * 10 + u64::from(d);
            frac += usize::from(seen_dot);
        } else if b == b'.' && !seen_dot {
            seen_dot = true;
        } else {
            return None;
        }
    }
    if ndigits == 0 || mantissa > (1u64 << 53) || frac >= POW10.len() {
        return None;
    }
    let v = mantissa as f64 / POW10[frac];
    Some(if neg { -v } else { v })
}

#[cold]
fn slow(s: &[u8]) -> Num {
    let Ok(text) = std::str::from_utf8(s) else {
        return Num::NotNumber;
    };
    match text.parse::<f64>() {
        Ok(v) if v.is_nan() => Num::Missing,
        Ok(v) if v.is_finite() => Num::Value(v),
        _ => Num::NotNumber,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn val(s: &str) -> Num {
        parse_number(s.as_bytes())
    }

    #[test]
    fn exact_values() {
        for s in [
            "16090.694444444443",
            "504.5696202531645",
            "0.1",
            "0.3",
            "-0.0",
            "123456789012345678901234567890",
            "9007199254740993",
            "1.7976931348623157e308",
            "4.9e-324",
            "2.2250738585072014e-308",
            "0.000000000000000000000123",
            "1e22",
            "1.",
            ".5",
            "+7",
            "1E+05",
        ] {
            let want: f64 = s.parse().expect("test literal");
            match val(s) {
                Num::Value(v) => assert_eq!(v.to_bits(), want.to_bits(), "{s}"),
                other => panic!("{s}: {other:?}"),
            }
        }
        assert_eq!(val("  42 "), Num::Value(42.0));
        assert_eq!(val("-0"), Num::Value(-0.0));
        assert!(matches!(val("-0"), Num::Value(v) if v.is_sign_negative()));
    }

    #[test]
    fn fast_path_agrees_with_parse() {
        // Exhaustive-ish: many mantissas and fraction lengths.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let m = x % (1u64 << 53);
            let digits = m.to_string();
            let cut = (x >> 58) as usize % (digits.len() + 1);
            let s = format!("{}.{}", &digits[..cut], &digits[cut..]);
            let want: f64 = s.parse().expect("literal");
            assert_eq!(val(&s), Num::Value(want), "{s}");
        }
    }

    #[test]
    fn non_numbers_and_missing() {
        for s in [
            "inf", "-inf", "Infinity", "1e999", "abc", "1,5", "1_000", "0x10", ".", "-", "1.2.3",
            "1 2", "e5",
        ] {
            assert_eq!(val(s), Num::NotNumber, "{s}");
        }
        for s in ["", "   ", "NaN", "nan", " NaN "] {
            assert_eq!(val(s), Num::Missing, "{s:?}");
        }
        assert!(is_blank(b" \t"));
        assert!(!is_blank(b" x"));
    }
}
