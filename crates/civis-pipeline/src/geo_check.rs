//! Checking the geo codes of inputs against the geography registry.

use civis_catalog::geo::{GeoCode, GeoRegistry};

/// A warning listing the unknown codes among `values`, or `None` when all are known. When most
/// values do not even look like geo codes, the column holds area names (`Burgenland`, perhaps
/// with a country code for the national row): then only the values shaped like codes are
/// checked.
pub fn unknown_geo_warning<'a>(
    values: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<String> {
    let (total, shaped) = values
        .clone()
        .into_iter()
        .fold((0usize, 0usize), |(t, s), v| {
            (t + 1, s + usize::from(GeoCode::parse(v).is_ok()))
        });
    let names = 2 * shaped < total;
    let unknown = GeoRegistry::global().unknown_codes(
        values
            .into_iter()
            .filter(|v| !names || GeoCode::parse(v).is_ok()),
    );
    if unknown.is_empty() {
        return None;
    }
    let n = unknown.len();
    let shown: Vec<String> = unknown.iter().take(10).map(|u| u.to_string()).collect();
    let more = if n > 10 {
        format!(" and {} more", n - 10)
    } else {
        String::new()
    };
    Some(format!(
        "{n} unknown geo code{}: {}{more} (codes must be Eurostat codes, EL not GR, UK not GB, of NUTS 2024)",
        if n == 1 { "" } else { "s" },
        shown.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_not_checked_codes_are() {
        assert_eq!(unknown_geo_warning(["Burgenland", "Vienna"]), None);
        assert_eq!(unknown_geo_warning(["AT", "Burgenland", "Vienna"]), None);
        assert!(unknown_geo_warning(["XX", "Burgenland", "Vienna"])
            .unwrap()
            .contains("XX"));
        assert_eq!(unknown_geo_warning(["AT13", "AT"]), None);
        let w = unknown_geo_warning(["AT13", "AT99"]).unwrap();
        assert!(w.starts_with("1 unknown geo code: AT99"), "{w}");
    }
}
