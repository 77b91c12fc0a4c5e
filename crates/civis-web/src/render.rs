//! Small rendering helpers shared by the pages: numbers with their unit, intervals, status
//! badges, group labels. Every value is shown with its uncertainty and status; a suppressed or
//! missing value is shown as such, never as zero.

use civis_catalog::{Criterion, Group, TargetGroup, Unit, UnitCode};
use maud::{html, Markup};

use crate::data::{Obs, Status};

/// A number in an indicator's unit: `61.2 %`, `21 430 €`, `93.1 % of nationals`.
pub fn value(v: f64, unit: &UnitCode) -> String {
    match unit.unit() {
        Some(u) if u.is_percent() => format!("{v:.1} %"),
        Some(Unit::PercentOfReference) => format!("{v:.1} % of ref."),
        Some(u) if u.is_money() => format!("{} €", thousands(v.round())),
        Some(u) if u.is_thousands() => format!("{v:.1} thousand"),
        _ => format!("{v:.2}"),
    }
}

/// A difference in an indicator's unit (percentage points for rates).
pub fn difference(v: f64, unit: &UnitCode) -> String {
    let sign = if v > 0.0 { "+" } else { "" };
    match unit.unit() {
        Some(u) if u.is_percent() || u == Unit::PercentOfReference => {
            format!("{sign}{v:.1} pp")
        }
        Some(u) if u.is_money() => format!("{sign}{} €", thousands(v.round())),
        Some(u) if u.is_thousands() => format!("{sign}{v:.1} thousand"),
        _ => format!("{sign}{v:.2}"),
    }
}

fn thousands(v: f64) -> String {
    let neg = v < 0.0;
    let digits = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    if neg {
        format!("−{out}")
    } else {
        out
    }
}

/// The value of an observation as text: the number, or what stands in its place.
pub fn obs_value(o: &Obs) -> String {
    match (o.status, o.estimate) {
        (Status::Suppressed, _) => "suppressed".into(),
        (_, None) => "not available".into(),
        (_, Some(v)) => value(v, &o.unit),
    }
}

/// `57.0 – 65.4`, or an em dash when there is no interval.
pub fn interval(o: &Obs) -> String {
    match o.ci() {
        Some((l, h)) if o.status.shows_value() => {
            format!("{} – {}", value(l, &o.unit), value(h, &o.unit))
        }
        _ => "—".into(),
    }
}

/// One-sentence text alternative: value, interval and status.
pub fn sentence(o: &Obs) -> String {
    let mut s = obs_value(o);
    if let (Some((l, h)), true) = (o.ci(), o.status.shows_value()) {
        s.push_str(&format!(
            " (95 % CI {} to {})",
            value(l, &o.unit),
            value(h, &o.unit)
        ));
    }
    match o.status {
        Status::LowReliability => s.push_str(", low reliability (u)"),
        Status::ModelBased { model_share } => match model_share {
            Some(m) => s.push_str(&format!(", model-based ({:.0} % model)", 100.0 * m)),
            None => s.push_str(", model-based"),
        },
        _ => {}
    }
    if o.synthetic {
        s.push_str(", synthetic data");
    }
    s
}

/// The status badge next to a value.
pub fn badge(o: &Obs) -> Markup {
    html! {
        @match o.status {
            Status::LowReliability => span.badge.low title="Low reliability (Eurostat flag u)" { "u" },
            Status::Suppressed => span.badge.suppressed title="Suppressed: too few observations or confidential" { "c" },
            Status::ModelBased { model_share } => span.badge.model title=(model_title(model_share)) {
                "M" @if let Some(m) = model_share { " " (format!("{:.0} %", 100.0 * m)) }
            },
            Status::Official => span.badge.official title="Published by Eurostat" { "E" },
            _ => {},
        }
        @if o.synthetic { " " span.badge.synthetic title="Computed from synthetic data (laeken/emdi test data), not real statistics" { "synthetic" } }
        @for f in o.flags.chars().filter(|c| c.is_ascii_lowercase() && *c != 'u' && *c != 'c') {
            " " span.flag title=(flag_meaning(f)) { (f) }
        }
    }
}

fn model_title(share: Option<f64>) -> String {
    match share {
        Some(m) => format!(
            "Model-based (small area) estimate: {:.0} % of it comes from the model, {:.0} % from the survey",
            100.0 * m,
            100.0 * (1.0 - m)
        ),
        None => "Model-based (small area) estimate".into(),
    }
}

/// What a Eurostat observation flag means.
pub fn flag_meaning(f: char) -> &'static str {
    match f {
        'b' => "break in time series",
        'c' => "confidential",
        'd' => "definition differs",
        'e' => "estimated",
        'f' => "forecast",
        'i' => "imputed",
        'm' => "missing, data cannot exist",
        'n' => "not significant",
        'p' => "provisional",
        'r' => "revised",
        's' => "Eurostat estimate",
        'u' => "low reliability",
        'z' => "not applicable",
        _ => "flag",
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
            .map(|t| t.label(c).to_string())
            .unwrap_or_else(|| g.to_string())
    };
    let code = group.code();
    if let Some((a, b)) = code.split_once('-') {
        format!("Gap: {} − {}", one(a), one(b).to_lowercase())
    } else if let Some((a, b)) = code.split_once('/') {
        format!("Ratio: {} / {}", one(a), one(b).to_lowercase())
    } else {
        one(&code)
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
