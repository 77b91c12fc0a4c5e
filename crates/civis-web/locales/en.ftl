# Civis portal: English, the source of every other language file.
# A message added here must be added to every other file (cargo test -p civis-web --test i18n).
# Indicator names and definitions are not here: English takes them from crates/civis-catalog/data/indicators.toml.

## The page shell

skip-to-content = Skip to content
tagline = Immigrant integration indicators for European cities and regions
nav-site = Site
nav-languages = Languages
nav-home = Home
nav-indicators = Indicators
nav-areas = Areas
nav-compare = Compare
nav-methodology = Methodology
nav-downloads = Downloads
nav-registry = Practices & tools
nav-api = API
this-page-in-language = This page in English
synthetic-banner-title = Synthetic data.
synthetic-banner-text = Some values on this page are computed from synthetic test data (the laeken “eusilc” and emdi “eusilcA” files): they demonstrate the methods and are not real statistics for Austria. They are marked
twins-label = This page as data:
footer-sources = Sources: Eurostat (reuse with acknowledgement: “Source: Eurostat”); Civis estimates from synthetic EU-SILC microdata (R package laeken, GPL ≥ 2) and from emdi’s synthetic Austrian data (GPL-2).
footer-boundaries = Boundaries: © EuroGeographics for the administrative boundaries (Eurostat GISCO, NUTS 2024); Austrian districts: BEV, via SynerGIS (CC BY-SA 2.0).
footer-read-numbers = How to read the numbers
footer-status = Status

## Error pages

error-not-found-title = Not found
error-not-found-text = There is no page at this address. Start from the list of indicators or areas.

## Values, units and their status

unit-pc-ref = { $value } of ref.
unit-thousand = { $value } thousand
unit-pp = { $value } pp
value-suppressed = suppressed
value-not-available = not available
sentence-interval = (95 % CI { $low } to { $high })
sentence-low-reliability = , low reliability (u)
sentence-model-share = , model-based ({ $share } model)
sentence-model-based = , model-based
sentence-synthetic = , synthetic data
badge-synthetic = synthetic
badge-low-title = Low reliability (Eurostat flag u)
badge-suppressed-title = Suppressed: too few observations or confidential
badge-official-title = Published by Eurostat
badge-synthetic-title = Computed from synthetic data (laeken/emdi test data), not real statistics
badge-model-title = Model-based (small area) estimate
badge-model-share-title = Model-based (small area) estimate: { $model } of it comes from the model, { $survey } from the survey

## Eurostat observation flags

flag-b = break in time series
flag-c = confidential
flag-d = definition differs
flag-e = estimated
flag-f = forecast
flag-i = imputed
flag-m = missing, data cannot exist
flag-n = not significant
flag-p = provisional
flag-r = revised
flag-s = Eurostat estimate
flag-u = low reliability
flag-z = not applicable
flag-other = flag

## Target groups (Eurostat's citizenship and country-of-birth breakdowns)

group-total-citizenship = Total
group-total-birth = Total
group-nat-citizenship = Nationals
group-nat-birth = Native-born
group-for-citizenship = Foreign citizens
group-for-birth = Foreign-born
group-eu27-2020-for-citizenship = Citizens of another EU country
group-eu27-2020-for-birth = Born in another EU country
group-neu27-2020-for-citizenship = Non-EU citizens
group-neu27-2020-for-birth = Born outside the EU
group-gap = Gap: { $a } − { $b }
group-ratio = Ratio: { $a } / { $b }

## Shared words

list-and = {" "}and{" "}
list-or = {" "}or{" "}
range = { $low } to { $high }
ages = ages { $ages }
col-group = Group
col-ci = 95 % CI
col-indicator = Indicator
col-method = Method
col-estimate = Estimate
col-se = SE
col-cv = CV
col-outcome = Outcome
method-official = official
method-direct = direct
method-model-based = model-based
outcome-suppressed = suppressed
outcome-not-available = not available
outcome-publish-with-flag-u = publish with flag u
outcome-publish = publish

## Kinds of area

area-kind-aggregate = aggregate
area-kind-country = country
area-kind-region = region
area-kind-district = district
area-kind-degurba = degree of urbanisation
area-kind-city = city

## Generated sentences: gaps and their verdicts

gap-ratio-value = { $value } of { $reference }
verdict-ratio-significant = the ratio differs significantly from 100 % (95 %)
verdict-significant = the difference is statistically significant (95 %)
verdict-ratio-not-significant = not significantly different from 100 %
verdict-not-significant = not statistically significant
verdict-not-tested = not tested (no standard error published)
verdict-group-too-small = one of the groups has too few observations to publish

## The area profile

area-compared-with-nothing = Compared with nothing above it.
area-compared-with = Compared with { $areas }.
area-similar-areas = Similar areas
area-compare-link = Compare with other areas
area-report-link = Profile as PDF
area-no-values = No indicator values for this area.
area-table-label = { $indicator } by group
area-table-caption = { $indicator } in { $area }, { $time }, by group, with 95 % confidence intervals
area-direct = direct:
area-no-comparator-value = No value for { $areas } in the sources for this indicator, group and year (with the same age band): not shown rather than left blank.
precision-title = How precise are these numbers?
precision-direct = { $publishable } of { $cells } indicator × group cells can be published from the survey alone
precision-with-sae = ; { $publishable } with small area estimation
precision-cv = The coefficient of variation (CV) is the standard error as a share of the estimate.
precision-table = Precision table
precision-caption = Precision of the estimates for { $area }

## Statuses and comparisons with a reference

status-not-available = not available
status-suppressed = suppressed
status-low-reliability = low reliability
status-model-based = model-based
status-official = official
status-reliable = reliable
versus-higher = higher
versus-lower = lower
versus-not-significant = not significant
versus-unknown = unknown
reference = reference
age-and-over = { $age } and over
age-under = under { $age }

## Policy areas of the catalogue

policy-employment = Employment
policy-education = Education
policy-social-inclusion = Social inclusion
policy-housing = Housing
policy-health = Health
policy-active-citizenship = Active citizenship
policy-context = Context

## The indicator page

indicator-definition-title = Definition
indicator-context = Context indicator.
indicator-unit = Unit:
indicator-age = Age:
indicator-higher-better = Higher is better.
indicator-lower-better = Lower is better.
filter-level = Level
filter-year = Year
filter-show = Show
indicator-no-values = No values for this selection.
indicator-selection = { $group }, { $level } level, { $time }
ranking-table = Ranking table
ranking-caption-highest = Rank 1 = highest; the rank interval is the range of ranks compatible with the sampling error (95 %).
ranking-caption-lowest = Rank 1 = lowest; the rank interval is the range of ranks compatible with the sampling error (95 %).
col-rank = Rank
col-area = Area
col-value = Value
col-status = Status
col-versus = vs { $area }
col-versus-reference = vs reference
indicator-download = Download this indicator:
sources-title = Sources
sources-vintage = vintage

## The home page

home-title = Where do migrants stand?
home-heading = How do immigrants fare in your city and region?
home-lead = Civis brings together the EU’s common indicators of immigrant integration — jobs, education, income and poverty, housing, health, citizenship — for countries, regions and cities, with the uncertainty of every number: confidence intervals, reliability flags, and a clear mark on values that come from a model rather than directly from a survey.
home-card-indicators = { $count } indicators with their definitions, maps and rankings.
home-card-areas = { $count } countries, regions and districts: each with a profile against its country and the EU.
home-card-compare = Any areas side by side, with a test of whether the differences are real.
home-card-registry = What cities did, what they need, and the tools and data sources to use.
home-headline = { $indicator } of foreign citizens, { $time }
home-countries = Countries
home-headline-caption = { $indicator }: foreign citizens and nationals by country, { $time }, sorted by the gap (Eurostat)
col-country = Country
col-gap = Gap
home-sources = Where the numbers come from
home-values = { $count } values

## The catalogue and the list of areas

catalogue-lead = The EU migrant integration indicators (the “Zaragoza” set and its 2013 additions) that Civis computes or publishes, with their definitions. Catalogue version
catalogue-context = Context indicator from { $source }.
catalogue-levels = Levels:
areas-lead = Every area with data. Each profile compares the area with its country and the EU, shows the gaps between migrants and natives, and says how precise each number is.
areas-aggregates = Groups of countries
areas-countries = Countries
areas-regions = Regions (NUTS)
areas-districts = Districts (Austria)
areas-degurba = Degree of urbanisation
areas-cities = Cities

## Charts (their captions; the words drawn in them: chart-label-*; their text alternative: chart-alt-*, chart-unit-*, chart-count-*)

chart-in-words = The chart in words
chart-not-drawn = Chart not drawn ({ $error }); the table has the numbers.
chart-map-title = { $indicator }, { $group }, { $time }: map by { $level }
chart-ranking-title = { $indicator }, { $group }, { $time }: ranking with 95 % intervals
chart-gap-title = { $indicator } in { $area }: migrant groups against nationals, { $time }
chart-series-title = { $indicator } in { $area } over time
chart-precision-title = Precision of the direct estimates for { $area }: CV against sample size
# at most 16 characters (written next to the threshold line)
chart-threshold-caution = use with caution
chart-threshold-unreliable = too unreliable
# The words drawn inside the charts (civis-chart's Labels); { $x } are filled by the chart
chart-label-no-data = no data
chart-label-suppressed = suppressed
chart-label-key-low-reliability = low reliability (hollow, dashed)
chart-label-key-model-based = model-based estimate
chart-label-key-suppressed = suppressed (not publishable)
chart-label-map-suppressed = suppressed (:)
chart-label-map-low-reliability = low reliability (u), hatched
chart-label-level = level
chart-label-gap-to = gap to { $reference }
chart-label-reference = reference
chart-label-gap-not-available = gap not available
chart-label-significant = significant at 95 %
chart-label-not-significant = not significant
chart-label-value = value
chart-label-rank-range = rank (range)
chart-label-rank = rank { $rank } ({ $lower }–{ $upper })
chart-label-sample-size-axis = sample size n (logarithmic scale)
chart-label-cv-axis = coefficient of variation
# The text alternative of the charts (civis-chart's AltWords); { $x } are filled by the chart
chart-alt-ci = 95 % CI { $lower } to { $upper }
chart-alt-low-reliability = low reliability (u)
chart-alt-model-based = model-based estimate (M)
chart-alt-model-share = { $share } % from the model
chart-alt-official = official figure without confidence interval
chart-alt-all-official = All values are official figures without confidence intervals; flags are given where they apply.
chart-alt-focus-area = focus area
chart-alt-focus = focus
chart-alt-gap-intro = { $title }. { $area }: { $groups } compared with { $reference } (reference), in { $unit }. Gaps are group minus reference in { $difference_unit }, with 95 % confidence intervals; a gap is significant at 95 % when its interval excludes zero.
chart-alt-reference-row = { $label } (reference): { $value }
chart-alt-gap = gap { $gap } (95 % CI { $lower } to { $upper }), { $significance }
chart-alt-ranking-intro-highest = { $title }. { $areas }, highest first, in { $unit }; dots are estimates, whiskers 95 % confidence intervals.
chart-alt-ranking-intro-lowest = { $title }. { $areas }, lowest first, in { $unit }; dots are estimates, whiskers 95 % confidence intervals.
chart-alt-reference-line = Reference line: { $label } { $value }.
chart-alt-plausible-ranks = rank { $rank } (plausible ranks { $lower } to { $upper })
chart-alt-series-intro = { $title }. { $series }, { $first } to { $last }, in { $unit }; lines are estimates, shaded bands 95 % confidence intervals; a line is broken where a period has no publishable value.
chart-alt-map-intro = { $title }. Map of { $areas }, in { $unit }: { $with_value } with a value, { $low } of them of low reliability (hatched), { $suppressed } suppressed, { $without } without data.
chart-alt-class-under = under { $upper }{ $unit }
chart-alt-class-between = { $lower } to under { $upper }{ $unit }
chart-alt-class-over = { $lower }{ $unit } and over
chart-alt-class-range = { $lower } to { $upper }{ $unit }
chart-alt-class-all = all values
chart-alt-classes = Classes, light to dark: { $classes }.
chart-alt-boundaries = Boundaries: { $attribution }.
chart-alt-precision-intro = { $title }. Coefficient of variation (CV, %) against unweighted sample size n for { $groups }.
chart-alt-thresholds = Thresholds: { $thresholds }.
chart-alt-threshold = { $cv } ({ $label })
chart-alt-sample-size = n = { $n }
chart-alt-cv = CV { $cv }
chart-alt-cv-at-or-above = at or above { $cv } ({ $label })
chart-alt-cv-below-all = below all thresholds
chart-alt-cv-not-available = CV not available
# Unit words in the charts (civis-chart's UnitWords)
chart-unit-pp = pp
chart-unit-thousand = thousand
chart-unit-percentage-points = percentage points (pp)
chart-unit-percent = percent
chart-unit-percent-of-population = percent of the population
chart-unit-percent-of-active = percent of the active population
chart-unit-euro = euro
chart-unit-national-currency = national currency
chart-unit-purchasing-power-standard = purchasing power standard
chart-unit-percent-of-reference = percent of the reference group's value
chart-unit-thousand-persons = thousand persons
# Counts in the text alternative, after the language's plural rules
chart-count-groups =
    { $count ->
        [one] { $count } group
       *[other] { $count } groups
    }
chart-count-areas =
    { $count ->
        [one] { $count } area
       *[other] { $count } areas
    }
chart-count-series = { $count } series
chart-count-nuts-regions =
    { $count ->
        [one] { $count } NUTS level { $level } region
       *[other] { $count } NUTS level { $level } regions
    }
chart-count-districts =
    { $count ->
        [one] { $count } Austrian political district
       *[other] { $count } Austrian political districts
    }

## The API and downloads pages

api-lead = Everything on this site is data. Every page has twins: add .json or .csv to its address, for example
api-paging = The endpoints below add filters and paging. Responses carry an ETag; send it back in If-None-Match to get 304 Not Modified.
api-openapi = The machine-readable description:
api-endpoints = Endpoints
api-endpoints-caption = Endpoints (all GET, JSON)
api-col-path = Path
api-col-what = What
api-example = Example
api-fields = Each observation has these fields; flags are Eurostat's codes, status is one of reliable, low_reliability, suppressed, model_based (with model_share), official, missing. Suppressed values have no estimate.
api-endpoint-indicators = All indicators with definitions
api-endpoint-indicator = One indicator: levels, groups and periods with data
api-endpoint-observations = Observations, filtered (indicator, geo, group, sex, age, time, method, level) and paged (limit ≤ 1000, offset)
api-endpoint-areas = All areas
api-endpoint-area = The area profile (same as /areas/{"{"}geo{"}"}.json)
api-endpoint-compare = Areas side by side with significance tests
api-endpoint-peers = Nearest neighbours on context indicators with contributions
api-endpoint-datasets = Datasets and their provenance
api-endpoint-openapi = This API as OpenAPI 3.1
downloads-lead = Every indicator, all areas, groups and years, with confidence intervals, sample sizes and flags. Suppressed values keep their flag and have no number. CSV and XLSX cells never start a formula. The XLSX file has a metadata sheet with the definition, the sources and the flags legend; JSON-stat 2.0 and SDMX-CSV 2.0 carry the flags as status / OBS_FLAG and CONF_STATUS.
downloads-caption = Files by indicator
downloads-values = Values
downloads-files = Files
downloads-of = of { $indicator }

## The methodology page

methodology-title = Methodology and reliability
methodology-reading = How to read a number
methodology-reading-text = Every value is an estimate. Next to it you find its 95 % confidence interval (the range that contains the true value in 95 of 100 samples), the number of survey respondents behind it (n), and its status:
methodology-no-badge = No badge
methodology-no-badge-text = A direct survey estimate that passed the reliability rule.
methodology-official = Official
methodology-official-text = A figure published by Eurostat. Eurostat publishes no standard errors, so its intervals are not shown and differences between official figures cannot be tested.
methodology-low = Low reliability
methodology-low-text = Published with a warning: the sample behind it is small (EU-SILC: fewer than 50 respondents, or item non-response above 50 %; EU-LFS: below the country’s limit B). Drawn hatched on maps and greyed in charts.
methodology-suppressed = Suppressed
methodology-suppressed-text = Not published: too few respondents (EU-SILC: fewer than 20) or confidential. Shown as “suppressed”, never as zero, and left out of every download.
methodology-model = Model-based
methodology-model-text = A small area estimate (Fay-Herriot EBLUP): a weighted average of the survey’s direct estimate and a prediction from administrative covariates. The percentage is the model’s share (1 − γ): the smaller the area’s sample, the more the model weighs. Its interval uses the estimated mean squared error (Prasad-Rao / Datta-Lahiri).
methodology-synthetic = Synthetic data
methodology-synthetic-text = Computed by Civis from synthetic test data (the R packages laeken and emdi ship them): they show what Civis does for a city, but they are not statistics about real people.
methodology-disclosure = Disclosure thresholds
methodology-disclosure-text = Every direct survey estimate, at every level (country, region, district, city), is judged by its source’s rule twice: when it is stored and again when this portal serves it. A cell below the suppression threshold is shown nowhere — no value, interval, standard error or sample size, on no page, in no API answer and in no download — only the word “suppressed” and the flag u. A gap between two groups is suppressed when either group is. Official figures keep the flags their publisher set; small area (model-based) estimates exist precisely for small samples and are shown with their model share. The thresholds are data:
methodology-disclosure-caption = Disclosure thresholds per source (n: unweighted sample observations; CV: standard error ÷ estimate)
methodology-col-source = Source
methodology-col-suppressed = Suppressed when
methodology-col-flagged = Flagged u when
methodology-col-basis = Basis
methodology-col-datasets = Datasets here
methodology-lfs-limits = EU-LFS limits A and B are weighted counts in thousands of persons set per country: they are applied where an estimate is computed from microdata, since a stored value carries no weighted count. The option:
methodology-intervals = Intervals and verdicts
methodology-proportions = Proportions
methodology-proportions-text = Intervals for rates and shares stay inside 0–100 %: the logit interval (the interval of log(p/(1−p)) with the design’s degrees of freedom, transformed back), and at 0 % or 100 % the exact Clopper-Pearson interval for the cell’s n, so an interval never has zero width. As in R survey:
methodology-differences = Differences
methodology-differences-text = A gap A − B is significant when its 95 % interval excludes 0.
methodology-ratios = Ratios
methodology-ratios-text = A ratio A / B (for example the median income of a group as a percentage of nationals’) is significant when its 95 % interval excludes 100 % — equality — not 0.
methodology-flags = Eurostat flags
methodology-flags-caption = Observation status codes (pre-2025 and 2025 lists; since 2025 confidentiality is a separate status C/N/P)
methodology-col-flag = Flag
methodology-col-meaning = Meaning
methodology-methods = Methods
methodology-direct = Direct estimates
methodology-direct-text = Design-based estimates from survey microdata with the survey’s weights, strata and clusters; variances by linearisation (ultimate-cluster), as R survey and laeken compute them. At-risk-of-poverty rates use the national threshold (60 % of the national median equivalised income).
methodology-gaps = Gaps
methodology-gaps-text = Migrant − national differences are estimated with the covariance of the two groups in the same sample, so their intervals are exact for the design; a difference is significant when its 95 % interval excludes zero, a ratio when it excludes 100 %.
methodology-rankings = Rankings
methodology-rankings-text = Rank 1 is the best value. The rank interval is the range of ranks an area takes in 95 % of 1,000 parametric simulations drawn from each area’s estimate and standard error: overlapping intervals mean the order is not established.
methodology-comparisons = Comparisons
methodology-comparisons-text = Two areas are compared with a z test on the difference of their estimates (independent samples: the variances add). Comparing several areas with one, p-values are Holm-adjusted.
methodology-similar = Similar areas
methodology-similar-text = Nearest neighbours on context indicators: each indicator is standardised over the areas of the same level, and the distance is the weighted Euclidean distance over the indicators both areas have. The share each indicator contributes to the distance is shown, and the weights can be changed.
methodology-sae = Small area estimation
methodology-sae-text = Fay-Herriot area-level model fitted by REML, validated against R sae and emdi; see the Civis documentation.
methodology-catalogue-version = Indicator catalogue version
methodology-datasets = Datasets
methodology-datasets-caption = Datasets in this portal
methodology-col-dataset = Dataset
methodology-col-vintage = Vintage
methodology-col-attribution = Attribution

## The comparison page

compare-title = Compare areas
compare-lead = Pick up to { $max } areas, in any countries. Each value is tested against the first area: a difference is called significant when the 95 % interval of the difference excludes zero after the Holm correction for the number of comparisons. Choose a gap (for example foreign citizens − nationals) to compare the migrant-national gaps of the areas. Values measured differently — another age band, a head count, synthetic test data against real statistics — are shown but not tested, with the reason.
compare-area-n = Area { $n }
compare-no-data-for = No data for:
compare-choose = Choose at least one area.
compare-table = Comparison table
compare-caption = { $group }: each area against { $area }
compare-col-indicator = Indicator, year
compare-not-tested = not tested (no standard error)
compare-not-head-counts = Not compared: head counts depend on the size of each place, not on how its people fare.
compare-not-unit = Not compared: measured in { $unit } against { $first } in { $area }.
compare-not-synthetic = Not compared: synthetic test data cannot be set against real statistics.
compare-not-ages = Not compared: ages { $ages } here against { $first } in { $area }.
compare-no-gap = None of these areas has both values of the gap “{ $gap }” for a common indicator.
compare-no-indicator = These areas have no indicator for this group.
error-invalid-request = Invalid request

## Similar areas

peers-title = Areas similar to { $area }
peers-crumb = similar areas
peers-lead = The nearest { $kinds } on { $n } context indicators, among { $others } others.
peers-method = Areas are matched on rates and shares only (percentages), never on head counts, which measure the size of a place rather than its situation. Each indicator is standardised (z-score over these areas); the distance is the weighted Euclidean distance over the indicators both areas have (at least half of them), rescaled to all weights. The bars show how much each indicator adds to the distance: a small share means the two areas are alike on it.
peers-kinds-aggregate = aggregates
peers-kinds-country = countries
peers-kinds-region = regions
peers-kinds-district = districts
peers-kinds-degurba = degrees of urbanisation
peers-kinds-city = cities
peers-no-indicators = Not enough context indicators for areas of this level.
peers-weight = { $indicator } weight
peers-recompute = Recompute
peers-none = No area shares enough indicators with this one.
peers-caption = Nearest areas and what makes them differ (share of the squared distance per indicator)
peers-distance = Distance
peers-this-area = this area
peers-compare = compare
peers-share = { $share } of distance

## The city section of an area page

city-region-title = Migrant outcomes in its region (NUTS 2)
city-lies-in = lies in
city-and-nuts3 = and the NUTS 3 region
city-no-city-outcomes = Eurostat publishes no migrant outcomes for cities: these are the region's, from the EU Labour Force Survey.
city-no-region-outcomes = No migrant outcomes are published for this region.
city-outcomes-of = Migrant outcomes of { $region }
city-outcomes-caption = Region (NUTS 2) { $region }: employment and unemployment by country of birth, latest year
city-col-ages = Ages
city-col-region = Region (NUTS 2)
city-not-placed = This city could not be placed in a NUTS 2024 region; see the city registry:
city-country = Country:
city-peers-title = Peer cities
city-peers-lead = The cities of the same country closest to { $city } in foreign-born share (latest year).
city-peers-link = Similar areas on every context indicator
city-peers-of = Peer cities of { $city }
city-peers-caption = Peer cities of { $city } by foreign-born share
city-col-city = City
city-col-foreign-born = Foreign-born share

## The availability page

availability-title = Availability of regional migrant statistics
availability-heading = How much of the EU's migrant statistics reaches its regions?
availability-lead = For each indicator, group, country and year: the share of NUTS 2 regions whose value Eurostat published, published with the low-reliability flag u, or did not publish (too few respondents). Every row is in
availability-none = No official NUTS 2 values are loaded.
availability-sources = Sources and vintages
availability-summary = Of { $values } NUTS 2 region values, { $published } were published, { $low } published with low reliability (u) and { $not } not published.
availability-no-flags = The { $year } values come from a secondary source that does not carry Eurostat's flags: values Eurostat publishes with the flag u are counted as published, and the share flagged is unknown (left out of the chart).
availability-table = Regions by publication status
availability-table-caption = NUTS 2 regions by publication status
availability-regions = Regions
availability-published = Published
availability-low = Low reliability (u)
availability-not-published = Not published
availability-map-title = Share of NUTS 2 values published without flag, { $year }, by country
availability-chart-title = Share of NUTS 2 values published, flagged and not published, all countries, by year

## Citations, permalinks and embeds (h19b)

cite-link = cite
cite-link-label = Cite this number
cite-title = Cite this number
cite-heading = Cite
cite-summary-page = Cite the numbers on this page
cite-permalink-page = Permalink to exactly these numbers:
cite-each-value = Each value’s “cite” link gives its own reference as BibTeX, RIS and CSL-JSON, e.g.
cite-identifier = Identifier
cite-data-code = Online data code
cite-last-update = Dataset last update
cite-retrieved = Retrieved
cite-method = Method
cite-synthetic = (synthetic data)
cite-release = release
cite-permalink = Permalink to this vintage
cite-download = Download:
vintage-pinned = These are the numbers of release { $release } ({ $date } UTC).
vintage-newer = A newer vintage exists
vintage-newer-release = (release { $release }, { $date } UTC):
vintage-current-link = see the current numbers
vintage-permalink = Permalink to these numbers (release { $release }):
embed-summary = Embed this chart
embed-how = Copy one of these into your page, with this portal’s address in front of the /embed/ path. The chart carries its source line, citation and marks.
embed-how-absolute = Copy one of these into your page. The chart carries its source line, citation and marks.
embed-synthetic = Synthetic data: for demonstration, not real statistics.
embed-model-based = Includes model-based (small area) estimates.
embed-cite = Cite:
embed-current = current numbers on Civis
embed-source-eurostat = Source: Eurostat (online data code: { $code })
embed-source-eurostat-via = Source: Eurostat (online data code: { $code }), via { $via }
embed-source-civis = Civis, { $method } estimate: { $source }

## The profile as a PDF (the report)

report-profile = Profile
report-gaps = Gaps
report-over-time = Over time
report-peers-intro = Areas closest on the context indicators (standardised distance; lower is closer), as on the portal's peers page:
report-shared = Indicators shared
report-peer-cities = Peer cities (same country, closest foreign-born share)
report-legend = Marks and flags
report-legend-u = u: low reliability (Eurostat flag u): read with care.
report-legend-c = c / suppressed: too few observations or confidential; never shown as a number.
report-legend-m = M: model-based (small area) estimate, with the share that comes from the model.
report-legend-e = E: published by Eurostat (official, no interval published).
report-legend-synthetic = synthetic: computed from synthetic test data (laeken eusilc, emdi eusilcA), not real statistics.
report-legend-flags = Other letters are Eurostat flags: b break in series, d definition differs, e estimated, p provisional, r revised, s Eurostat estimate.
report-synthetic-note = Some values in this report are computed from synthetic test data (the laeken eusilc and emdi eusilcA files): they demonstrate the methods and are not real statistics for Austria. They are marked “synthetic”.
report-retrieved = retrieved
report-citation = Citation
report-cite-as = Cite this report as
report-online = Online
report-data-version = Data version

## Groups of countries (Eurostat's aggregates; English as Eurostat names them)

aggregate-eu27-2020 = European Union - 27 countries (from 2020)
aggregate-eu28 = European Union - 28 countries (2013-2020)
aggregate-eu27-2007 = European Union - 27 countries (2007-2013)
aggregate-eu15 = European Union - 15 countries (1995-2004)
aggregate-ea = Euro area
aggregate-ea18 = Euro area - 18 countries (2014)
aggregate-ea19 = Euro area - 19 countries (2015-2022)
aggregate-ea20 = Euro area - 20 countries (from 2023)
aggregate-efta = European Free Trade Association
