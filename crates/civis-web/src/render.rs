//! Small rendering helpers shared by the pages: numbers with their unit, intervals, status
//! badges, group labels. Every value is shown with its uncertainty and status; a suppressed or
//! missing value is shown as such, never as zero.

use civis_catalog::{Criterion, Group, TargetGroup, Unit, UnitCode};
use maud::{html, Markup};

use crate::data::{Obs, Status};
use crate::i18n::{number, percent, t, t_args};

/// A number in an indicator's unit, in the page's language: `61.2 %`, `21 430 €`,
/// `93,1 % de la réf.` (the number per CLDR, see [`crate::i18n::format`]).
pub fn value(v: f64, unit: &UnitCode) -> String {
    match unit.unit() {
        Some(u) if u.is_percent() => percent(v, 1),
        Some(Unit::PercentOfReference) => t_args("unit-pc-ref", &[("value", percent(v, 1).into())]),
        Some(u) if u.is_money() => format!("{}{}€", number(v.round(), 0), euro_space()),
        Some(u) if u.is_thousands() => t_args("unit-thousand", &[("value", number(v, 1).into())]),
        _ => number(v, 2),
    }
}

/// The space before the euro sign: a no-break space as in CLDR's currency patterns for the
/// translated pages, the portal's plain space in English (as before).
fn euro_space() -> &'static str {
    if crate::i18n::lang() == crate::i18n::Lang::En {
        " "
    } else {
        "\u{a0}"
    }
}

/// A difference in an indicator's unit (percentage points for rates).
pub fn difference(v: f64, unit: &UnitCode) -> String {
    let sign = if v > 0.0 { "+" } else { "" };
    match unit.unit() {
        Some(u) if u.is_percent() || u == Unit::PercentOfReference => t_args(
            "unit-pp",
            &[("value", format!("{sign}{}", number(v, 1)).into())],
        ),
        Some(u) if u.is_money() => format!("{sign}{}{}€", number(v.round(), 0), euro_space()),
        Some(u) if u.is_thousands() => t_args(
            "unit-thousand",
            &[("value", format!("{sign}{}", number(v, 1)).into())],
        ),
        _ => format!("{sign}{}", number(v, 2)),
    }
}

/// The value of an observation as text: the number, or what stands in its place.
pub fn obs_value(o: &Obs) -> String {
    match (o.status, o.stored.estimate) {
        (Status::Suppressed, _) => t("value-suppressed"),
        (_, None) => t("value-not-available"),
        (_, Some(v)) => value(v, &o.stored.unit),
    }
}

/// `57.0 – 65.4`, or an em dash when there is no interval.
pub fn interval(o: &Obs) -> String {
    match o.ci() {
        Some((l, h)) if o.status.shows_value() => {
            format!(
                "{} – {}",
                value(l, &o.stored.unit),
                value(h, &o.stored.unit)
            )
        }
        _ => "—".into(),
    }
}

/// One-sentence text alternative: value, interval and status.
pub fn sentence(o: &Obs) -> String {
    let mut s = obs_value(o);
    if let (Some((l, h)), true) = (o.ci(), o.status.shows_value()) {
        s.push(' ');
        s.push_str(&t_args(
            "sentence-interval",
            &[
                ("low", value(l, &o.stored.unit).into()),
                ("high", value(h, &o.stored.unit).into()),
            ],
        ));
    }
    match o.status {
        Status::LowReliability => s.push_str(&t("sentence-low-reliability")),
        Status::ModelBased { model_share } => match model_share {
            Some(m) => s.push_str(&t_args(
                "sentence-model-share",
                &[("share", percent(100.0 * m, 0).into())],
            )),
            None => s.push_str(&t("sentence-model-based")),
        },
        _ => {}
    }
    if o.synthetic {
        s.push_str(&t("sentence-synthetic"));
    }
    s
}

/// The status badge next to a value.
pub fn badge(o: &Obs) -> Markup {
    html! {
        @match o.status {
            Status::LowReliability => span.badge.low title=(t("badge-low-title")) { "u" },
            Status::Suppressed => span.badge.suppressed title=(t("badge-suppressed-title")) { "c" },
            Status::ModelBased { model_share } => span.badge.model title=(model_title(model_share)) {
                "M" @if let Some(m) = model_share { " " (percent(100.0 * m, 0)) }
            },
            Status::Official => span.badge.official title=(t("badge-official-title")) { "E" },
            _ => {},
        }
        @if o.synthetic { " " span.badge.synthetic title=(t("badge-synthetic-title")) { (t("badge-synthetic")) } }
        @for f in o.stored.flags.chars().filter(|c| c.is_ascii_lowercase() && *c != 'u' && *c != 'c') {
            " " span.flag title=(flag_meaning(f)) { (f) }
        }
    }
}

fn model_title(share: Option<f64>) -> String {
    match share {
        Some(m) => t_args(
            "badge-model-share-title",
            &[
                ("model", percent(100.0 * m, 0).into()),
                ("survey", percent(100.0 * (1.0 - m), 0).into()),
            ],
        ),
        None => t("badge-model-title"),
    }
}

/// What a Eurostat observation flag means, in the page's language (Eurostat's flag list).
pub fn flag_meaning(f: char) -> String {
    match f {
        'b' | 'c' | 'd' | 'e' | 'f' | 'i' | 'm' | 'n' | 'p' | 'r' | 's' | 'u' | 'z' => {
            t(&format!("flag-{f}"))
        }
        _ => t("flag-other"),
    }
}

/// The label of a target group or gap code (`FOR`, `NEU27_2020_FOR-NAT`, `FOR/NAT`).
pub fn group_label(group: &Group, criterion: &str) -> String {
    let c = if criterion == Criterion::Birth.code() {
        Criterion::Birth
    } else {
        Criterion::Citizenship
    };
    let one = |g: &str| {
        TargetGroup::from_code(g)
            .map(|t| t_group(t, c))
            .unwrap_or_else(|| g.to_string())
    };
    // The reference group inside a sentence: lower case, except in German (nouns).
    let inner = |g: &str| {
        let s = one(g);
        if crate::i18n::lang() == crate::i18n::Lang::De {
            s
        } else {
            s.to_lowercase()
        }
    };
    let code = group.code();
    if let Some((a, b)) = code.split_once('-') {
        t_args("group-gap", &[("a", one(a).into()), ("b", inner(b).into())])
    } else if let Some((a, b)) = code.split_once('/') {
        t_args(
            "group-ratio",
            &[("a", one(a).into()), ("b", inner(b).into())],
        )
    } else {
        one(&code)
    }
}

/// A target group's label in the page's language (English: the catalogue's own label).
pub fn t_group(g: TargetGroup, c: Criterion) -> String {
    if crate::i18n::lang() == crate::i18n::Lang::En {
        return g.label(c).to_string();
    }
    let criterion = match c {
        Criterion::Birth => "birth",
        Criterion::Citizenship => "citizenship",
    };
    t(&format!(
        "group-{}-{criterion}",
        g.code().to_lowercase().replace('_', "-")
    ))
}

/// A group label inside a sentence: lower case, except in German (nouns keep their capital).
pub fn group_inline(group: &Group, criterion: &str) -> String {
    let label = group_label(group, criterion);
    if crate::i18n::lang() == crate::i18n::Lang::De {
        label
    } else {
        label.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_carry_their_unit() {
        assert_eq!(value(61.24, &"PC".into()), "61.2 %");
        assert_eq!(value(21430.4, &"EUR".into()), "21\u{202f}430 €");
        assert_eq!(difference(-3.25, &"PC".into()), "-3.2 pp");
        assert_eq!(difference(2.0, &"PC".into()), "+2.0 pp");
    }

    #[test]
    fn group_labels_read_as_words() {
        assert_eq!(
            group_label(&"FOR".into(), "citizenship"),
            "Foreign citizens"
        );
        assert_eq!(group_label(&"FOR".into(), "birth"), "Foreign-born");
        assert_eq!(
            group_label(&"NEU27_2020_FOR-NAT".into(), "citizenship"),
            "Gap: Non-EU citizens − nationals"
        );
    }
}
