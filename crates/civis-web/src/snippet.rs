//! The embeddable charts' names and the copy-paste snippets shown under a page's chart (the
//! `/embed/...` handlers themselves are in [`crate::embed`]; pages import this module, not that one,
//! so that no import circle runs through the pages).

use maud::{html, Markup};

use crate::charts::Drawn;

/// The charts that can be embedded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmbedChart {
    Ranking,
    Gap,
    TimeSeries,
}

impl EmbedChart {
    pub const ALL: [EmbedChart; 3] = [EmbedChart::Ranking, EmbedChart::Gap, EmbedChart::TimeSeries];

    pub fn name(self) -> &'static str {
        match self {
            EmbedChart::Ranking => "ranking",
            EmbedChart::Gap => "gap",
            EmbedChart::TimeSeries => "time-series",
        }
    }

    pub fn parse(s: &str) -> Option<EmbedChart> {
        Self::ALL.into_iter().find(|c| c.name() == s)
    }

    /// The parameters the chart reads, and which of them it needs.
    pub(crate) fn params(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            EmbedChart::Ranking => (&["indicator", "level", "group", "time"], &["indicator"]),
            EmbedChart::Gap | EmbedChart::TimeSeries => {
                (&["geo", "indicator"], &["geo", "indicator"])
            }
        }
    }
}

/// A page's chart in its figure followed by the snippets that embed it (nothing when the chart
/// is not drawn, only the figure's note when drawing failed).
pub fn figure_with_snippet(
    drawn: Option<Drawn>,
    chart: EmbedChart,
    params: &[(&str, &str)],
) -> Markup {
    match drawn {
        Some((Ok(c), title)) => {
            let query = serde_urlencoded::to_string(params).unwrap_or_default();
            html! { (crate::charts::figure(Ok(c), &title)) (snippet(chart, &query)) }
        }
        Some((Err(e), title)) => crate::charts::figure(Err(e), &title),
        None => html! {},
    }
}

/// The copy-paste snippets (iframe and img) for one embed URL, shown under a chart.
pub fn snippet(chart: EmbedChart, query: &str) -> Markup {
    let url = format!("/embed/{}?{query}", chart.name());
    let svg = format!("/embed/{}.svg?{query}", chart.name());
    let iframe = format!(
        "<iframe src=\"{url}\" title=\"Civis chart\" width=\"680\" height=\"520\" style=\"border:0\"></iframe>"
    );
    let img =
        format!("<img src=\"{svg}\" alt=\"Civis chart: see the linked page for the numbers\">");
    html! {
        details.embed-snippet {
            summary { (crate::i18n::t("embed-summary")) }
            p { (crate::i18n::t("embed-how")) }
            pre { (iframe) }
            pre { (img) }
        }
    }
}
