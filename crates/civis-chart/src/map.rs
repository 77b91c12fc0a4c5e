//! Choropleth: a catalogue map layer coloured by classes of values, with hatching for low
//! reliability, distinct fills for "no data" and "suppressed", a legend, optional links per
//! area and the layer's attribution always drawn.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use civis_geo::{LayerKind, MapLayer};

use crate::error::ChartError;
use crate::format::NumberFormat;
use crate::labels::{fill, Counted, Labels};
use crate::point::{all_official, all_official_words, focus_words, Point, Shown, Status};
use crate::scale::{Breaks, Classes};
use crate::svg::{escape, num, text_width, Anchor, Chart, ChartInfo, Svg, TEXT};

/// How a choropleth is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoroplethOptions {
    pub info: ChartInfo,
    pub format: NumberFormat,
    pub breaks: Breaks,
    /// Link target of each area, `{id}` standing for its code: `/areas/{id}` gives
    /// `<a href="/areas/AT13">` around each area that has an entry in the values (with a
    /// value, suppressed or missing), reachable with the keyboard; areas of the layer without an
    /// entry are not links.
    pub href: Option<String>,
}

/// The width in CSS pixels the map is drawn for: one pixel is `viewBox width / DESIGN_WIDTH`
/// map units, and text, strokes and the legend are sized in those pixels.
const DESIGN_WIDTH: f64 = 700.0;

/// A font size of `px` pixels in map units (`u` units per pixel), rounded up to the 0.1 unit the
/// SVG is written with: rounded down, an 11 px text would show at 10.99 px.
fn font_size(px: f64, u: f64) -> String {
    num((px * u * 10.0).ceil() / 10.0)
}

/// Fill of areas without an estimate.
const NO_DATA: &str = "#ececec";
/// Fill under the dot pattern of suppressed areas.
const SUPPRESSED: &str = "#b3b3b3";
/// Area outlines.
const BORDER: &str = "#555";

/// Draws `values` (keyed by the layer's codes as text: `AT13`, `101`) on `layer`. Areas of the
/// layer without a value are "no data"; a value whose code the layer does not have is an error.
/// The area name shown is the point's label, or the layer's name when the label is empty.
pub fn choropleth(
    layer: &MapLayer,
    values: &BTreeMap<String, Point>,
    options: &ChoroplethOptions,
) -> Result<Chart, ChartError> {
    check(layer, values, options)?;
    let options = &ChoroplethOptions {
        format: options.format.speaking(&options.info.labels),
        ..options.clone()
    };
    let f = &options.format;
    let drawn: Vec<f64> = values.values().filter_map(Point::value).collect();
    let classes = Classes::new(&drawn, &options.breaks, f.decimals)?;
    let colours = classes.colours();
    let labels = class_labels(&classes, &drawn, f, &options.info.labels);

    let vb = &layer.view_box;
    // One "pixel" when the map is shown 700 px wide: sizes of text, strokes and patterns.
    let u = vb.width / DESIGN_WIDTH;
    let mut svg = Svg::new();
    patterns_and_insets(&mut svg, layer, &options.info.id, u);
    areas(&mut svg, layer, values, options, (&classes, &colours), u);
    let bottom = legend(&mut svg, layer, options, (&labels, &colours), u);

    let attribution = layer.attribution.to_string();
    let alt = alt_text(layer, values, options, &classes, &labels, &attribution);
    let role = if options.href.is_some() {
        "group"
    } else {
        "img"
    };
    Ok(Chart {
        svg: svg.finish(
            &options.info,
            "civis-choropleth",
            (vb.width, bottom),
            DESIGN_WIDTH,
            &alt,
            role,
        ),
        alt_text: alt,
    })
}

/// Refuses a bad id, non-finite values and codes the layer does not have.
fn check(
    layer: &MapLayer,
    values: &BTreeMap<String, Point>,
    options: &ChoroplethOptions,
) -> Result<(), ChartError> {
    options.info.check()?;
    let index: HashMap<String, usize> = layer
        .features
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.to_string(), i))
        .collect();
    for (id, p) in values {
        p.check()?;
        if !index.contains_key(id) {
            return Err(ChartError::UnknownFeature { id: id.clone() });
        }
    }
    Ok(())
}

/// The hatch (low reliability) and dot (suppressed) patterns, the group that moves the layer's
/// view box to the origin, and the frames of the insets.
fn patterns_and_insets(svg: &mut Svg, layer: &MapLayer, id: &str, u: f64) {
    let vb = &layer.view_box;
    svg.def(&format!(
        "<pattern id=\"{id}-hatch\" class=\"civis-hatch\" patternUnits=\"userSpaceOnUse\" width=\"{w}\" height=\"{w}\" patternTransform=\"rotate(45)\"><line x1=\"{a}\" y1=\"0\" x2=\"{a}\" y2=\"{w}\" stroke=\"#fff\" stroke-width=\"{sw}\"/><line x1=\"{b}\" y1=\"0\" x2=\"{b}\" y2=\"{w}\" stroke=\"#222\" stroke-width=\"{sw}\"/></pattern>\n",
        w = num(6.0 * u),
        a = num(1.0 * u),
        b = num(2.6 * u),
        sw = num(1.4 * u),
    ));
    svg.def(&format!(
        "<pattern id=\"{id}-dots\" class=\"civis-dots\" patternUnits=\"userSpaceOnUse\" width=\"{w}\" height=\"{w}\"><rect width=\"{w}\" height=\"{w}\" fill=\"{SUPPRESSED}\"/><circle cx=\"{c}\" cy=\"{c}\" r=\"{r}\" fill=\"#222\"/></pattern>\n",
        w = num(5.0 * u),
        c = num(2.5 * u),
        r = num(1.0 * u),
    ));
    svg.raw(&format!(
        "<g transform=\"translate({} {})\">\n",
        num(-vb.min_x),
        num(-vb.min_y)
    ));
    for inset in &layer.insets {
        let paint = format!(
            "fill=\"none\" stroke=\"#767676\" stroke-width=\"{}\"",
            num(0.8 * u)
        );
        let _ = writeln!(svg, "{}", inset.svg_rect("civis-inset", &paint));
    }
}

/// Every area of the layer, filled by its class (dots when suppressed, grey without data),
/// titled with its value, linked when `options.href` is set; then the hatching of low
/// reliability and the focus outline on top, and the end of the translated group.
fn areas(
    svg: &mut Svg,
    layer: &MapLayer,
    values: &BTreeMap<String, Point>,
    options: &ChoroplethOptions,
    (classes, colours): (&Classes, &[String]),
    u: f64,
) {
    let f = &options.format;
    let id = &options.info.id;
    let stroke_w = num(0.35 * u);
    let mut overlays = String::new();
    let mut focus = String::new();
    for feature in &layer.features {
        let code = feature.id.to_string();
        let point = values.get(&code);
        let name = match point {
            Some(p) if !p.label.is_empty() => p.label.as_str(),
            _ => feature.name.as_str(),
        };
        let (shown, status) =
            point.map_or((Shown::NoData, Status::Reliable), |p| (p.shown(), p.status));
        let description = format!(
            "{name} ({code}): {}",
            point.map_or_else(
                || options.info.labels.no_data.clone(),
                |p| p.describe_value(f, &options.info.labels)
            )
        );
        let (fill, class) = match shown {
            Shown::Value { estimate, .. } => {
                let low = status == Status::LowReliability;
                (
                    colours[classes.class_of(estimate)].clone(),
                    if low {
                        "civis-area civis-low-reliability"
                    } else {
                        "civis-area"
                    },
                )
            }
            Shown::Suppressed => (format!("url(#{id}-dots)"), "civis-area civis-suppressed"),
            Shown::NoData => (NO_DATA.to_owned(), "civis-area civis-no-data"),
        };
        let path = format!(
            "<path class=\"{class}\" data-code=\"{}\" d=\"{}\" fill=\"{fill}\" stroke=\"{BORDER}\" stroke-width=\"{stroke_w}\" stroke-linejoin=\"round\"",
            escape(&code),
            feature.path
        );
        // only areas in `values` are linked: an area without data may have no page to go to
        match options.href.as_ref().filter(|_| point.is_some()) {
            Some(template) => {
                let href = template.replace("{id}", &code);
                let _ = writeln!(
                    svg,
                    "<a class=\"civis-area-link\" href=\"{}\"><title>{}</title>{path}/></a>",
                    escape(&href),
                    escape(&description)
                );
            }
            None => {
                let _ = writeln!(svg, "{path}><title>{}</title></path>", escape(&description));
            }
        }
        if matches!(shown, Shown::Value { .. }) && status == Status::LowReliability {
            let _ = writeln!(
                overlays,
                "<path class=\"civis-hatch\" d=\"{}\" fill=\"url(#{id}-hatch)\" stroke=\"none\" pointer-events=\"none\"/>",
                feature.path
            );
        }
        if point.is_some_and(|p| p.highlight) {
            let _ = writeln!(
                focus,
                "<path class=\"civis-focus\" d=\"{p}\" fill=\"none\" stroke=\"#fff\" stroke-width=\"{}\" stroke-linejoin=\"round\" pointer-events=\"none\"/>\n<path class=\"civis-focus\" d=\"{p}\" fill=\"none\" stroke=\"#222\" stroke-width=\"{}\" stroke-linejoin=\"round\" pointer-events=\"none\"/>",
                num(4.0 * u),
                num(2.0 * u),
                p = feature.path
            );
        }
    }
    svg.raw(&overlays);
    svg.raw(&focus);
    svg.raw("</g>\n");
}

/// The legend (title, one key per class, no data, suppressed, low reliability) and the layer's
/// attribution under the map, in "pixels" of a 700 px wide map; returns the drawing's bottom.
fn legend(
    svg: &mut Svg,
    layer: &MapLayer,
    options: &ChoroplethOptions,
    (labels, colours): (&[String], &[String]),
    u: f64,
) -> f64 {
    let f = &options.format;
    let id = &options.info.id;
    let vb = &layer.view_box;
    let stroke_w = num(0.35 * u);
    let mut items: Vec<(String, String, &str)> = labels
        .iter()
        .zip(colours)
        .map(|(l, c)| (c.clone(), l.clone(), ""))
        .collect();
    let words = &options.info.labels;
    items.push((NO_DATA.to_owned(), words.no_data.clone(), "civis-no-data"));
    items.push((
        format!("url(#{id}-dots)"),
        words.map_suppressed.clone(),
        "civis-suppressed",
    ));
    items.push((
        colours[0].clone(),
        words.map_low_reliability.clone(),
        "civis-low-reliability",
    ));
    let col_w = items
        .iter()
        .map(|(_, l, _)| 30.0 + text_width(l, 12.0) + 14.0)
        .fold(120.0, f64::max);
    let per_row = ((690.0 / col_w).floor() as usize).max(1);
    let rows = items.len().div_ceil(per_row);
    let top = vb.height + 12.0 * u;
    let font = format!("font-size=\"{}\"", font_size(12.0, u));
    svg.raw("<g class=\"civis-legend\">\n");
    svg.text(
        6.0 * u,
        top + 12.0 * u,
        Anchor::Start,
        "civis-legend",
        TEXT,
        &format!("{font} font-weight=\"bold\""),
        &format!("{} ({})", options.info.title, f.symbol()),
    );
    for (i, (fill, label, class)) in items.iter().enumerate() {
        let x = (6.0 + (i % per_row) as f64 * col_w) * u;
        let y = top + (22.0 + (i / per_row) as f64 * 22.0) * u;
        svg.rect(
            (x, y),
            (22.0 * u, 15.0 * u),
            format!("civis-legend {class}").trim(),
            fill,
            BORDER,
            &format!("stroke-width=\"{stroke_w}\""),
        );
        if *class == "civis-low-reliability" {
            svg.rect(
                (x, y),
                (22.0 * u, 15.0 * u),
                "civis-hatch",
                &format!("url(#{id}-hatch)"),
                "none",
                "",
            );
        }
        svg.text(
            x + 28.0 * u,
            y + 12.0 * u,
            Anchor::Start,
            "civis-legend",
            TEXT,
            &font,
            label,
        );
    }
    svg.raw("</g>\n");
    let bottom = top + (22.0 + rows as f64 * 22.0 + 16.0) * u;
    svg.text(
        vb.width - 6.0 * u,
        bottom - 4.0 * u,
        Anchor::End,
        "civis-attribution",
        TEXT,
        &format!("font-size=\"{}\"", font_size(11.0, u)),
        &layer.attribution.to_string(),
    );
    bottom
}

/// Legend text of each class: "under 45.0 %", "45.0 to under 50.0 %", "50.0 % and over"; a single
/// class names the range of the values.
fn class_labels(classes: &Classes, drawn: &[f64], f: &NumberFormat, words: &Labels) -> Vec<String> {
    let gap = if f.symbol() == "%" {
        f.numerals.percent_gap()
    } else {
        "\u{a0}"
    };
    let unit = format!("{gap}{}", f.symbol());
    let w = &words.alt;
    let n = |v: f64| f.number(v, f.decimals);
    let class = |template: &str, lo: Option<f64>, hi: Option<f64>| {
        let (lo, hi) = (lo.map(n).unwrap_or_default(), hi.map(n).unwrap_or_default());
        fill(template, &[("lower", &lo), ("upper", &hi), ("unit", &unit)]).into_owned()
    };
    (0..classes.len())
        .map(|i| match classes.bounds(i) {
            (None, Some(hi)) => class(&w.class_under, None, Some(hi)),
            (Some(lo), Some(hi)) => class(&w.class_between, Some(lo), Some(hi)),
            (Some(lo), None) => class(&w.class_over, Some(lo), None),
            (None, None) => {
                let lo = drawn.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = drawn.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                if lo.is_finite() {
                    class(&w.class_range, Some(lo), Some(hi))
                } else {
                    w.class_all.clone()
                }
            }
        })
        .collect()
}

fn alt_text(
    layer: &MapLayer,
    values: &BTreeMap<String, Point>,
    options: &ChoroplethOptions,
    classes: &Classes,
    labels: &[String],
    attribution: &str,
) -> String {
    let (f, words) = (&options.format, &options.info.labels);
    let what = match layer.kind {
        LayerKind::Nuts { level, .. } => Counted::NutsRegions(level.as_u8()),
        LayerKind::AustrianDistricts => Counted::AustrianDistricts,
    };
    let mut counts = vec![0usize; classes.len()];
    let (mut suppressed, mut low) = (0, 0);
    for p in values.values() {
        match p.shown() {
            Shown::Value { estimate, .. } => {
                counts[classes.class_of(estimate)] += 1;
                if p.status == Status::LowReliability {
                    low += 1;
                }
            }
            Shown::Suppressed => suppressed += 1,
            Shown::NoData => {}
        }
    }
    let with_value: usize = counts.iter().sum();
    let mut alt = fill(
        &words.alt.map_intro,
        &[
            ("title", &options.info.title),
            ("areas", &words.count.of(what, layer.features.len())),
            ("unit", f.unit_name()),
            ("with_value", &with_value.to_string()),
            ("low", &low.to_string()),
            ("suppressed", &suppressed.to_string()),
            (
                "without",
                &(layer.features.len() - with_value - suppressed).to_string(),
            ),
        ],
    )
    .into_owned();
    let legend: Vec<String> = labels
        .iter()
        .zip(&counts)
        .map(|(l, c)| format!("{l}: {}", words.count.of(Counted::Areas, *c)))
        .collect();
    let classes = fill(&words.alt.classes, &[("classes", &legend.join("; "))]);
    let _ = write!(alt, " {classes}");
    let official = all_official(values.values());
    if official {
        alt.push_str(&all_official_words(words));
    }
    let boundaries = fill(&words.alt.boundaries, &[("attribution", attribution)]);
    let _ = write!(alt, " {boundaries}");
    // Areas with values, highest first, then suppressed and empty entries in code order.
    let mut rows: Vec<(&String, &Point)> = values.iter().collect();
    rows.sort_by(|a, b| match (a.1.value(), b.1.value()) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    for (code, p) in rows {
        let name = if p.label.is_empty() {
            layer
                .feature(code)
                .map_or(code.as_str(), |f| f.name.as_str())
        } else {
            p.label.as_str()
        };
        let _ = write!(
            alt,
            "\n{name} ({code}){}: {}",
            focus_words(p.highlight, &words.alt.focus_area),
            p.describe_value_with(f, words, !official)
        );
    }
    alt
}

#[cfg(test)]
mod tests {
    use super::*;
    use civis_catalog::Unit;
    use civis_geo::{Attribution, FeatureId, MapFeature, ViewBox};

    /// Four square districts in a row.
    fn layer() -> MapLayer {
        let features = (0..4u16)
            .map(|i| {
                let x = f64::from(i) * 50.0;
                MapFeature {
                    id: FeatureId::AustrianDistrict(101 + i),
                    name: format!("District {}", 101 + i),
                    path: format!("M{x} 0L{} 0L{} 50L{x} 50Z", x + 50.0, x + 50.0),
                }
            })
            .collect();
        MapLayer {
            kind: LayerKind::AustrianDistricts,
            attribution: Attribution::AUSTRIA_DISTRICTS,
            view_box: ViewBox {
                min_x: 0.0,
                min_y: 0.0,
                width: 200.0,
                height: 50.0,
            },
            insets: Vec::new(),
            features,
        }
    }

    fn values() -> BTreeMap<String, Point> {
        let mut v = BTreeMap::new();
        v.insert(
            "101".to_owned(),
            Point::new("", 61.2, Some((57.0, 65.4))).with_status(Status::LowReliability),
        );
        v.insert(
            "102".to_owned(),
            Point::new("<script>alert(1)</script>", 48.5, Some((45.0, 52.0))).highlighted(),
        );
        v.insert(
            "103".to_owned(),
            Point::new("", 17.5, Some((2.0, 33.0))).with_status(Status::Suppressed),
        );
        v
    }

    fn options() -> ChoroplethOptions {
        ChoroplethOptions {
            info: ChartInfo::new("m1", "Employment rate"),
            format: NumberFormat::new(Unit::Percent),
            breaks: Breaks::Given(vec![50.0, 60.0]),
            href: None,
        }
    }

    /// The `<path class="civis-area...` element of a code.
    fn area<'a>(svg: &'a str, code: &str) -> &'a str {
        let start = svg.find(&format!("data-code=\"{code}\"")).unwrap();
        let start = svg[..start].rfind("<path").unwrap();
        let end = start + svg[start..].find("/>").unwrap();
        &svg[start..end]
    }

    fn plain(s: &str) -> String {
        s.replace('\u{a0}', " ")
    }

    #[test]
    fn low_reliability_areas_are_hatched() {
        let chart = choropleth(&layer(), &values(), &options()).unwrap();
        assert!(chart.svg.contains("<pattern id=\"m1-hatch\""));
        let hatched = format!(
            "<path class=\"civis-hatch\" d=\"{}\" fill=\"url(#m1-hatch)\"",
            layer().features[0].path
        );
        assert!(chart.svg.contains(&hatched));
        // Only the low-reliability area is hatched.
        assert_eq!(chart.svg.matches("<path class=\"civis-hatch\"").count(), 1);
        assert!(area(&chart.svg, "101").contains("civis-low-reliability"));
        // The legend explains the hatching.
        assert!(chart.svg.contains(">low reliability (u), hatched</text>"));
    }

    #[test]
    fn suppressed_and_missing_areas_are_never_coloured_as_values() {
        let chart = choropleth(&layer(), &values(), &options()).unwrap();
        let colours = crate::scale::sequential(3);
        let suppressed = area(&chart.svg, "103");
        assert!(suppressed.contains("fill=\"url(#m1-dots)\""));
        let missing = area(&chart.svg, "104");
        assert!(missing.contains(&format!("fill=\"{NO_DATA}\"")));
        for c in &colours {
            assert!(!suppressed.contains(c.as_str()) && !missing.contains(c.as_str()));
        }
        assert!(!chart.svg.contains("17.5") && !chart.alt_text.contains("17.5"));
        assert!(chart
            .svg
            .contains("<title>District 103 (103): suppressed (:)</title>"));
        assert!(chart
            .svg
            .contains("<title>District 104 (104): no data</title>"));
    }

    #[test]
    fn every_area_has_a_title_with_name_value_and_interval() {
        let chart = choropleth(&layer(), &values(), &options()).unwrap();
        assert!(plain(&chart.svg).contains(
            "<title>District 101 (101): 61.2 % (95 % CI 57.0 to 65.4), low reliability (u)</title>"
        ));
        let alt = plain(&chart.alt_text);
        assert!(
            alt.contains("District 101 (101): 61.2 % (95 % CI 57.0 to 65.4), low reliability (u)")
        );
        assert!(alt.contains(
            "<script>alert(1)</script> (102) (focus area): 48.5 % (95 % CI 45.0 to 52.0)"
        ));
        assert!(alt.contains("District 103 (103): suppressed (:)"));
        assert!(alt.contains(
            "Map of 4 Austrian political districts, in percent: 2 with a value, 1 of them of low reliability (hatched), 1 suppressed, 1 without data."
        ));
        assert!(!chart.svg.contains("<script>"));
        assert!(chart
            .svg
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; (102)"));
    }

    #[test]
    fn legend_classes_cover_every_value() {
        let mut v = BTreeMap::new();
        let data = [3.0, 17.5, 41.0, 41.0, 58.2, 99.9, 12.0, 66.6];
        let mut l = layer();
        l.features = (0..data.len() as u16)
            .map(|i| MapFeature {
                id: FeatureId::AustrianDistrict(200 + i),
                name: format!("D{i}"),
                path: "M0 0L1 0L1 1Z".to_owned(),
            })
            .collect();
        for (i, x) in data.iter().enumerate() {
            v.insert((200 + i).to_string(), Point::new("", *x, None));
        }
        let options = ChoroplethOptions {
            breaks: Breaks::Quantile(4),
            ..options()
        };
        let chart = choropleth(&l, &v, &options).unwrap();
        let classes = Classes::new(&data, &Breaks::Quantile(4), 1).unwrap();
        let colours = classes.colours();
        let labels = class_labels(&classes, &data, &options.format, &options.info.labels);
        for (i, x) in data.iter().enumerate() {
            let c = classes.class_of(*x);
            let (lo, hi) = classes.bounds(c);
            assert!(lo.is_none_or(|lo| *x >= lo) && hi.is_none_or(|hi| *x < hi));
            assert!(area(&chart.svg, &(200 + i).to_string()).contains(&colours[c]));
        }
        for l in &labels {
            assert!(chart.svg.contains(&format!(">{}</text>", escape(l))), "{l}");
        }
        // The alt text gives each class with its number of areas.
        let alt = plain(&chart.alt_text);
        for (c, l) in labels.iter().enumerate() {
            let n = data.iter().filter(|x| classes.class_of(**x) == c).count();
            let s = if n == 1 { "" } else { "s" };
            assert!(alt.contains(&format!("{}: {n} area{s}", plain(l))), "{l}");
        }
        assert_eq!(classes.len(), 4);
    }

    #[test]
    fn attribution_is_always_drawn() {
        let chart = choropleth(&layer(), &BTreeMap::new(), &options()).unwrap();
        assert!(chart
            .svg
            .contains(">BEV, via SynerGIS (CC BY-SA 2.0)</text>"));
        assert!(chart
            .alt_text
            .contains("Boundaries: BEV, via SynerGIS (CC BY-SA 2.0)."));
    }

    #[test]
    fn areas_link_to_their_pages_and_the_map_stays_reachable() {
        let options = ChoroplethOptions {
            href: Some("/areas/{id}?x=1&y=2".to_owned()),
            ..options()
        };
        let chart = choropleth(&layer(), &values(), &options).unwrap();
        assert!(chart
            .svg
            .contains("<a class=\"civis-area-link\" href=\"/areas/101?x=1&amp;y=2\"><title>District 101 (101): 61.2"));
        // three areas have an entry; the fourth has no data and maybe no page: not a link
        assert_eq!(chart.svg.matches("<a class=\"civis-area-link\"").count(), 3);
        let no_data = chart
            .svg
            .lines()
            .find(|l| l.contains("civis-no-data"))
            .unwrap();
        assert!(!no_data.contains("<a "), "{no_data}");
        // Links inside role="img" would be hidden from assistive technology.
        assert!(chart.svg.contains("role=\"group\""));
        let plain_map = choropleth(&layer(), &values(), &super::tests::options()).unwrap();
        assert!(plain_map.svg.contains("role=\"img\"") && !plain_map.svg.contains("<a "));
    }

    #[test]
    fn the_focus_area_is_outlined() {
        let chart = choropleth(&layer(), &values(), &options()).unwrap();
        let outline = format!(
            "<path class=\"civis-focus\" d=\"{}\"",
            layer().features[1].path
        );
        assert_eq!(chart.svg.matches(&outline).count(), 2);
    }

    #[test]
    fn unknown_codes_are_an_error() {
        let mut v = values();
        v.insert("AT13".to_owned(), Point::new("", 1.0, None));
        assert_eq!(
            choropleth(&layer(), &v, &options()),
            Err(ChartError::UnknownFeature {
                id: "AT13".to_owned()
            })
        );
    }

    #[test]
    fn output_is_deterministic() {
        let a = choropleth(&layer(), &values(), &options()).unwrap();
        let b = choropleth(&layer(), &values(), &options()).unwrap();
        assert_eq!(a, b);
    }
}
