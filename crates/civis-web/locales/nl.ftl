# Civis portal: Dutch. Source: en.ftl. Terms as in Eurostat's Dutch publications.

## The page shell

skip-to-content = Naar de inhoud
tagline = Indicatoren voor de integratie van migranten in Europese steden en regio’s
nav-site = Website
nav-languages = Talen
nav-home = Start
nav-indicators = Indicatoren
nav-areas = Gebieden
nav-compare = Vergelijken
nav-methodology = Methodologie
nav-downloads = Downloads
nav-registry = Praktijken en instrumenten
nav-api = API
this-page-in-language = Deze pagina in het Nederlands
synthetic-banner-title = Synthetische gegevens.
synthetic-banner-text = Sommige waarden op deze pagina zijn berekend uit synthetische testgegevens (de bestanden ‘eusilc’ van laeken en ‘eusilcA’ van emdi): ze illustreren de methoden en zijn geen echte statistieken voor Oostenrijk. Ze zijn gemarkeerd als
twins-label = Deze pagina als gegevens:
footer-sources = Bronnen: Eurostat (hergebruik met bronvermelding ‘Bron: Eurostat’); Civis-schattingen uit synthetische EU-SILC-microdata (R-pakket laeken, GPL ≥ 2) en uit de synthetische Oostenrijkse gegevens van emdi (GPL-2).
footer-boundaries = Grenzen: © EuroGeographics voor de administratieve grenzen (Eurostat GISCO, NUTS 2024); Oostenrijkse districten: BEV, via SynerGIS (CC BY-SA 2.0).
footer-read-numbers = Hoe de cijfers te lezen
footer-status = Status

## Error pages

error-not-found-title = Niet gevonden
error-not-found-text = Op dit adres staat geen pagina. Begin bij de lijst van indicatoren of gebieden.

## Values, units and their status

unit-pc-ref = { $value } van de ref.
unit-thousand = { $value } duizend
unit-pp = { $value } procentpunt
value-suppressed = onderdrukt
value-not-available = niet beschikbaar
sentence-interval = (95%-betrouwbaarheidsinterval { $low } tot { $high })
sentence-low-reliability = , lage betrouwbaarheid (u)
sentence-model-share = , modelgebaseerd ({ $share } model)
sentence-model-based = , modelgebaseerd
sentence-synthetic = , synthetische gegevens
badge-synthetic = synthetisch
badge-low-title = Lage betrouwbaarheid (Eurostat-vlag u)
badge-suppressed-title = Onderdrukt: te weinig waarnemingen of vertrouwelijk
badge-official-title = Gepubliceerd door Eurostat
badge-synthetic-title = Berekend uit synthetische gegevens (testgegevens van laeken/emdi), geen echte statistiek
badge-model-title = Modelgebaseerde schatting (kleinedomeinschatting)
badge-model-share-title = Modelgebaseerde schatting (kleine domeinen): { $model } komt uit het model, { $survey } uit de enquête

## Eurostat observation flags

flag-b = breuk in tijdreeks
flag-c = vertrouwelijk
flag-d = afwijkende definitie
flag-e = geschat
flag-f = prognose
flag-i = geïmputeerd
flag-m = ontbrekend, gegevens kunnen niet bestaan
flag-n = niet significant
flag-p = voorlopig
flag-r = herzien
flag-s = schatting van Eurostat
flag-u = lage betrouwbaarheid
flag-z = niet van toepassing
flag-other = vlag

## Target groups

group-total-citizenship = Totaal
group-total-birth = Totaal
group-nat-citizenship = Eigen onderdanen
group-nat-birth = In het land geborenen
group-for-citizenship = Buitenlandse staatsburgers
group-for-birth = In het buitenland geborenen
group-eu27-2020-for-citizenship = Burgers van een ander EU-land
group-eu27-2020-for-birth = Geboren in een ander EU-land
group-neu27-2020-for-citizenship = Niet-EU-burgers
group-neu27-2020-for-birth = Geboren buiten de EU
group-gap = Verschil: { $a } − { $b }
group-ratio = Verhouding: { $a } / { $b }

## Indicators (English source: crates/civis-catalog/data/indicators.toml)

indicator-employment_rate = Arbeidsparticipatie
indicator-employment_rate-definition = Werkenden (ILO-definitie) als percentage van de bevolking van 20 tot en met 64 jaar.
indicator-unemployment_rate = Werkloosheidspercentage
indicator-unemployment_rate-definition = Werklozen (ILO-definitie) als percentage van de beroepsbevolking (werkenden plus werklozen) van 15 tot en met 74 jaar.
indicator-activity_rate = Participatiegraad (beroepsbevolking)
indicator-activity_rate-definition = Werkenden plus werklozen (ILO-definitie) als percentage van de bevolking van 20 tot en met 64 jaar.
indicator-long_term_unemployment_share = Aandeel langdurig werklozen
indicator-long_term_unemployment_share-definition = Personen die 12 maanden of langer werkloos zijn als percentage van alle werklozen van 15 tot en met 74 jaar.
indicator-self_employment_share = Aandeel zelfstandigen
indicator-self_employment_share-definition = Zelfstandigen als percentage van de werkenden van 20 tot en met 64 jaar.
indicator-temporary_employment_share = Aandeel tijdelijke banen
indicator-temporary_employment_share-definition = Werknemers met een tijdelijk contract als percentage van alle werknemers van 20 tot en met 64 jaar.
indicator-part_time_employment_share = Aandeel deeltijdwerk
indicator-part_time_employment_share-definition = Personen die in deeltijd werken als percentage van de werkenden van 20 tot en met 64 jaar.
indicator-overqualification_rate = Overkwalificatiegraad
indicator-overqualification_rate-definition = Werkenden met tertiair onderwijs (ISCED 5-8) die werken in de ISCO-08-hoofdgroepen 4-9, als percentage van de werkenden met tertiair onderwijs, van 20 tot en met 64 jaar.
indicator-attainment_low = Opleidingsniveau: hoogstens lager secundair onderwijs (ISCED 0-2)
indicator-attainment_low-definition = Personen van wie het hoogst behaalde opleidingsniveau ISCED 0-2 is, als percentage van de bevolking van 25 tot en met 64 jaar.
indicator-attainment_medium = Opleidingsniveau: hoger secundair en postsecundair niet-tertiair onderwijs (ISCED 3-4)
indicator-attainment_medium-definition = Personen van wie het hoogst behaalde opleidingsniveau ISCED 3-4 is, als percentage van de bevolking van 25 tot en met 64 jaar.
indicator-attainment_high = Opleidingsniveau: tertiair onderwijs (ISCED 5-8)
indicator-attainment_high-definition = Personen van wie het hoogst behaalde opleidingsniveau ISCED 5-8 is, als percentage van de bevolking van 25 tot en met 64 jaar.
indicator-tertiary_attainment = Tertiair opleidingsniveau, 25-34 jaar
indicator-tertiary_attainment-definition = Personen van 25 tot en met 34 jaar met tertiair onderwijs (ISCED 5-8), als percentage van de bevolking van 25 tot en met 34 jaar (leeftijdsgroep van de EU-doelstelling voor 2030; de Zaragoza-set van 2010 gebruikte 30-34 jaar).
indicator-early_leavers_rate = Voortijdige verlaters van onderwijs en opleiding
indicator-early_leavers_rate-definition = Personen van 18 tot en met 24 jaar met hoogstens lager secundair onderwijs (ISCED 0-2) die in de vier weken voor de enquête geen onderwijs of opleiding hebben gevolgd, als percentage van de bevolking van 18 tot en met 24 jaar.
indicator-neet_rate = Jongeren die geen werk hebben en geen onderwijs of opleiding volgen (NEET)
indicator-neet_rate-definition = Personen van 15 tot en met 29 jaar die geen werk hebben en in de vier weken voor de enquête geen onderwijs of opleiding hebben gevolgd, als percentage van de bevolking van 15 tot en met 29 jaar.
indicator-arop_rate = Armoederisicopercentage
indicator-arop_rate-definition = Personen van 18 jaar of ouder met een gestandaardiseerd besteedbaar inkomen onder 60 % van het nationale mediane gestandaardiseerde besteedbare inkomen (gewogen mediaan van alle personen in het land), als percentage van de personen van 18 jaar of ouder.
indicator-median_equivalised_income = Mediaan gestandaardiseerd netto-inkomen
indicator-median_equivalised_income-definition = Gewogen mediaan van het gestandaardiseerde besteedbare inkomen van personen van 18 jaar of ouder (kwantieldefinitie van Eurostat).
indicator-median_income_ratio = Mediaan gestandaardiseerd inkomen ten opzichte van de referentiegroep
indicator-median_income_ratio-definition = Mediaan gestandaardiseerd netto-inkomen van de groep van 18 jaar of ouder als percentage van de mediaan van de referentiegroep (eigen onderdanen of in het land geborenen) in hetzelfde gebied (Zaragoza-vorm van de inkomensindicator).
indicator-in_work_poverty_rate = Armoederisicopercentage van werkenden
indicator-in_work_poverty_rate-definition = Werkenden van 18 jaar of ouder met een gestandaardiseerd besteedbaar inkomen onder 60 % van de nationale mediaan, als percentage van de werkenden van 18 jaar of ouder.
indicator-smsd_rate = Percentage ernstige materiële en sociale deprivatie
indicator-smsd_rate-definition = Personen van 18 jaar of ouder die ten minste 7 van de 13 deprivatie-items missen (definitie van 2021), als percentage van de personen van 18 jaar of ouder.
indicator-very_low_work_intensity_rate = Personen in huishoudens met een zeer lage werkintensiteit
indicator-very_low_work_intensity_rate-definition = Personen van 18 tot en met 64 jaar in huishoudens waarvan de leden in de werkende leeftijd in het voorgaande jaar hoogstens 20 % van hun potentieel hebben gewerkt (definitie van 2021), als percentage van de personen van 18 tot en met 64 jaar.
indicator-arope_rate = Risico op armoede of sociale uitsluiting (AROPE)
indicator-arope_rate-definition = Personen van 18 jaar of ouder die een armoederisico lopen, of ernstige materiële en sociale deprivatie kennen, of in een huishouden met een zeer lage werkintensiteit wonen (elke persoon eenmaal geteld), als percentage van de personen van 18 jaar of ouder. De armoedegrens is de nationale; de steekproeffout ervan is niet doorgerekend in de standaardfout van deze indicator.
indicator-housing_cost_overburden_rate = Percentage overbelasting door woonkosten
indicator-housing_cost_overburden_rate-definition = Personen van 18 jaar of ouder in huishoudens waar de totale woonkosten (na aftrek van huurtoeslag) meer dan 40 % van het besteedbaar inkomen (na aftrek van huurtoeslag) bedragen, als percentage van de personen van 18 jaar of ouder.
indicator-overcrowding_rate = Percentage overbewoning
indicator-overcrowding_rate-definition = Personen van 18 jaar of ouder in een woning met minder kamers dan de EU-norm voor de samenstelling van hun huishouden, als percentage van de personen van 18 jaar of ouder.
indicator-owner_rate = Eigenwoningbezit (woonsituatie: eigenaar)
indicator-owner_rate-definition = Personen van 18 jaar of ouder in een woning die eigendom is van hun huishouden (met of zonder hypotheek), als percentage van de personen van 18 jaar of ouder.
indicator-good_health_rate = Ervaren gezondheid: goed of zeer goed
indicator-good_health_rate-definition = Personen van 16 jaar of ouder die hun gezondheid als goed of zeer goed ervaren, als percentage van de personen van 16 jaar of ouder.
indicator-unmet_medical_needs_rate = Zelfgerapporteerde onvervulde behoefte aan medisch onderzoek
indicator-unmet_medical_needs_rate-definition = Personen van 16 jaar of ouder die in de afgelopen 12 maanden een onvervulde behoefte aan medisch onderzoek of medische behandeling melden, als percentage van de personen van 16 jaar of ouder.
indicator-naturalisation_rate = Naturalisatiegraad
indicator-naturalisation_rate-definition = Personen die in de loop van het jaar het staatsburgerschap hebben verkregen als percentage van de niet-nationale bevolking op 1 januari van dat jaar.
indicator-long_term_residence_share = Aandeel langdurig ingezetenen onder niet-EU-burgers
indicator-long_term_residence_share-definition = Niet-EU-burgers met een status van langdurig ingezetene (EU of nationaal permanent) aan het einde van het jaar als percentage van alle niet-EU-burgers met een geldige verblijfsvergunning.

## Shared words

list-and = {" "}en{" "}
list-or = {" "}of{" "}
range = { $low } tot { $high }
ages = leeftijd { $ages }
col-group = Groep
col-ci = 95%-BI
col-indicator = Indicator
col-method = Methode
col-estimate = Schatting
col-se = Standaardfout
col-cv = VC
col-outcome = Uitkomst
method-official = officieel
method-direct = direct
method-model-based = modelgebaseerd
outcome-suppressed = onderdrukt
outcome-not-available = niet beschikbaar
outcome-publish-with-flag-u = publiceren met vlag u
outcome-publish = publiceren

## Kinds of area

area-kind-aggregate = aggregaat
area-kind-country = land
area-kind-region = regio
area-kind-district = district
area-kind-degurba = verstedelijkingsgraad
area-kind-city = stad

## Generated sentences: gaps and their verdicts

gap-ratio-value = { $value } van { $reference }
verdict-ratio-significant = de verhouding wijkt significant af van 100% (95%)
verdict-significant = het verschil is statistisch significant (95%)
verdict-ratio-not-significant = niet significant verschillend van 100%
verdict-not-significant = niet statistisch significant
verdict-not-tested = niet getoetst (geen standaardfout gepubliceerd)
verdict-group-too-small = een van de groepen heeft te weinig waarnemingen om te publiceren

## The area profile

area-compared-with-nothing = Met geen hoger niveau vergeleken.
area-compared-with = Vergeleken met { $areas }.
area-similar-areas = Vergelijkbare gebieden
area-compare-link = Vergelijken met andere gebieden
area-report-link = Profiel als pdf
area-no-values = Geen indicatorwaarden voor dit gebied.
area-table-label = { $indicator } per groep
area-table-caption = { $indicator } in { $area }, { $time }, per groep, met 95%-betrouwbaarheidsintervallen
area-direct = direct:
area-no-comparator-value = Geen waarde voor { $areas } in de bronnen voor deze indicator, groep en dit jaar (met dezelfde leeftijdsgroep): niet getoond in plaats van leeg gelaten.
precision-title = Hoe nauwkeurig zijn deze cijfers?
precision-direct = { $publishable } van de { $cells } cellen (indicator × groep) kunnen uit de enquête alleen worden gepubliceerd
precision-with-sae = ; { $publishable } met kleinedomeinschatting
precision-cv = De variatiecoëfficiënt (VC) is de standaardfout als aandeel van de schatting.
precision-table = Nauwkeurigheidstabel
precision-caption = Nauwkeurigheid van de schattingen voor { $area }

## Statuses and comparisons with a reference

status-not-available = niet beschikbaar
status-suppressed = onderdrukt
status-low-reliability = lage betrouwbaarheid
status-model-based = modelgebaseerd
status-official = officieel
status-reliable = betrouwbaar
versus-higher = hoger
versus-lower = lager
versus-not-significant = niet significant
versus-unknown = onbekend
reference = referentie
age-and-over = { $age } jaar en ouder
age-under = jonger dan { $age } jaar

## Policy areas of the catalogue

policy-employment = Werkgelegenheid
policy-education = Onderwijs
policy-social-inclusion = Sociale inclusie
policy-housing = Huisvesting
policy-health = Gezondheid
policy-active-citizenship = Actief burgerschap
policy-context = Context

## The indicator page

indicator-definition-title = Definitie
indicator-context = Contextindicator.
indicator-unit = Eenheid:
indicator-age = Leeftijd:
indicator-higher-better = Hoger is beter.
indicator-lower-better = Lager is beter.
filter-level = Niveau
filter-year = Jaar
filter-show = Tonen
indicator-no-values = Geen waarden voor deze selectie.
indicator-selection = { $group }, niveau: { $level }, { $time }
ranking-table = Rangschikkingstabel
ranking-caption-highest = Rang 1 = hoogste waarde; het rang-interval is het bereik van rangen dat verenigbaar is met de steekproeffout (95%).
ranking-caption-lowest = Rang 1 = laagste waarde; het rang-interval is het bereik van rangen dat verenigbaar is met de steekproeffout (95%).
col-rank = Rang
col-area = Gebied
col-value = Waarde
col-status = Status
col-versus = t.o.v. { $area }
col-versus-reference = t.o.v. referentie
indicator-download = Deze indicator downloaden:
sources-title = Bronnen
sources-vintage = versie

## The home page

home-title = Hoe staan migranten ervoor?
home-heading = Hoe vergaat het immigranten in uw stad en regio?
home-lead = Civis brengt de gemeenschappelijke EU-indicatoren voor de integratie van migranten samen — werk, onderwijs, inkomen en armoede, huisvesting, gezondheid, burgerschap — voor landen, regio’s en steden, met de onzekerheid van elk cijfer: betrouwbaarheidsintervallen, betrouwbaarheidsvlaggen en een duidelijke markering bij waarden die uit een model komen in plaats van rechtstreeks uit een enquête.
home-card-indicators = { $count } indicatoren met hun definities, kaarten en rangschikkingen.
home-card-areas = { $count } landen, regio’s en districten, elk met een profiel ten opzichte van het eigen land en de EU.
home-card-compare = Gebieden naast elkaar, met een toets of de verschillen echt zijn.
home-card-registry = Wat steden hebben gedaan, wat ze nodig hebben, en welke instrumenten en gegevensbronnen er zijn.
home-headline = { $indicator } van buitenlandse staatsburgers, { $time }
home-countries = Landen
home-headline-caption = { $indicator }: buitenlandse staatsburgers en eigen onderdanen per land, { $time }, gesorteerd op verschil (Eurostat)
col-country = Land
col-gap = Verschil
home-sources = Waar de cijfers vandaan komen
home-values = { $count } waarden

## The catalogue and the list of areas

catalogue-lead = De EU-indicatoren voor de integratie van migranten (de ‘Zaragoza’-set en de aanvullingen van 2013) die Civis berekent of publiceert, met hun definities. Catalogusversie
catalogue-context = Contextindicator uit { $source }.
catalogue-levels = Niveaus:
areas-lead = Alle gebieden met gegevens. Elk profiel vergelijkt het gebied met het eigen land en de EU, toont de verschillen tussen migranten en autochtonen en geeft aan hoe nauwkeurig elk cijfer is.
areas-aggregates = Groepen van landen
areas-countries = Landen
areas-regions = Regio’s (NUTS)
areas-districts = Districten (Oostenrijk)
areas-degurba = Verstedelijkingsgraad
areas-cities = Steden

## Charts

chart-in-words = De grafiek in woorden
chart-not-drawn = Grafiek niet getekend ({ $error }); de tabel bevat de cijfers.
chart-map-title = { $indicator }, { $group }, { $time }: kaart per { $level }
chart-ranking-title = { $indicator }, { $group }, { $time }: rangschikking met 95%-intervallen
chart-gap-title = { $indicator } in { $area }: migrantengroepen ten opzichte van eigen onderdanen, { $time }
chart-series-title = { $indicator } in { $area } door de tijd
chart-precision-title = Nauwkeurigheid van de directe schattingen voor { $area }: VC tegen steekproefomvang
chart-threshold-caution = voorzichtig
chart-threshold-unreliable = te onbetrouwbaar
# The words drawn inside the charts (civis-chart's Labels); { $x } are filled by the chart
chart-label-no-data = geen gegevens
chart-label-suppressed = onderdrukt
chart-label-key-low-reliability = lage betrouwbaarheid (open, gestreept)
chart-label-key-model-based = modelmatige schatting
chart-label-key-suppressed = onderdrukt (niet publiceerbaar)
chart-label-map-suppressed = onderdrukt (:)
chart-label-map-low-reliability = lage betrouwbaarheid (u), gearceerd
chart-label-level = niveau
chart-label-gap-to = verschil met { $reference }
chart-label-reference = referentie
chart-label-gap-not-available = verschil niet beschikbaar
chart-label-significant = significant op 95 %
chart-label-not-significant = niet significant
chart-label-value = waarde
chart-label-rank-range = rang (bereik)
chart-label-rank = rang { $rank } ({ $lower }–{ $upper })
chart-label-sample-size-axis = steekproefomvang n (logaritmische schaal)
chart-label-cv-axis = variatiecoëfficiënt
# The text alternative of the charts (civis-chart's AltWords); { $x } are filled by the chart
chart-alt-ci = 95%-BI { $lower } tot { $upper }
chart-alt-low-reliability = lage betrouwbaarheid (u)
chart-alt-model-based = modelmatige schatting (M)
chart-alt-model-share = { $share }% uit het model
chart-alt-official = officieel cijfer zonder betrouwbaarheidsinterval
chart-alt-all-official = Alle waarden zijn officiële cijfers zonder betrouwbaarheidsinterval; vlaggen staan erbij waar ze gelden.
chart-alt-focus-area = gekozen gebied
chart-alt-focus = uitgelicht
chart-alt-gap-intro = { $title }. { $area }: { $groups } vergeleken met { $reference } (referentie), in { $unit }. Verschillen zijn groep min referentie in { $difference_unit }, met 95%-betrouwbaarheidsintervallen; een verschil is significant op 95% als het interval nul uitsluit.
chart-alt-reference-row = { $label } (referentie): { $value }
chart-alt-gap = verschil { $gap } (95%-BI { $lower } tot { $upper }), { $significance }
chart-alt-ranking-intro-highest = { $title }. { $areas }, hoogste eerst, in { $unit }; punten zijn schattingen, snorharen 95%-betrouwbaarheidsintervallen.
chart-alt-ranking-intro-lowest = { $title }. { $areas }, laagste eerst, in { $unit }; punten zijn schattingen, snorharen 95%-betrouwbaarheidsintervallen.
chart-alt-reference-line = Referentielijn: { $label } { $value }.
chart-alt-plausible-ranks = rang { $rank } (plausibele rangen { $lower } tot { $upper })
chart-alt-series-intro = { $title }. { $series }, { $first } tot { $last }, in { $unit }; lijnen zijn schattingen, gearceerde banden 95%-betrouwbaarheidsintervallen; een lijn is onderbroken waar een periode geen publiceerbare waarde heeft.
chart-alt-map-intro = { $title }. Kaart van { $areas }, in { $unit }: { $with_value } met een waarde, waarvan { $low } met lage betrouwbaarheid (gearceerd), { $suppressed } onderdrukt, { $without } zonder gegevens.
chart-alt-class-under = onder { $upper }{ $unit }
chart-alt-class-between = { $lower } tot onder { $upper }{ $unit }
chart-alt-class-over = { $lower }{ $unit } en meer
chart-alt-class-range = { $lower } tot { $upper }{ $unit }
chart-alt-class-all = alle waarden
chart-alt-classes = Klassen, van licht naar donker: { $classes }.
chart-alt-boundaries = Grenzen: { $attribution }.
chart-alt-precision-intro = { $title }. Variatiecoëfficiënt (VC, %) tegen ongewogen steekproefomvang n voor { $groups }.
chart-alt-thresholds = Drempels: { $thresholds }.
chart-alt-threshold = { $cv } ({ $label })
chart-alt-sample-size = n = { $n }
chart-alt-cv = VC { $cv }
chart-alt-cv-at-or-above = op of boven { $cv } ({ $label })
chart-alt-cv-below-all = onder alle drempels
chart-alt-cv-not-available = VC niet beschikbaar
# Unit words in the charts (civis-chart's UnitWords)
chart-unit-pp = pp
chart-unit-thousand = duizend
chart-unit-percentage-points = procentpunten (pp)
chart-unit-percent = procenten
chart-unit-percent-of-population = procenten van de bevolking
chart-unit-percent-of-active = procenten van de beroepsbevolking
chart-unit-euro = euro
chart-unit-national-currency = nationale munteenheid
chart-unit-purchasing-power-standard = koopkrachtstandaard
chart-unit-percent-of-reference = procenten van de waarde van de referentiegroep
chart-unit-thousand-persons = duizend personen
# Counts in the text alternative, after the language's plural rules
chart-count-groups =
    { $count ->
        [one] { $count } groep
       *[other] { $count } groepen
    }
chart-count-areas =
    { $count ->
        [one] { $count } gebied
       *[other] { $count } gebieden
    }
chart-count-series =
    { $count ->
        [one] { $count } reeks
       *[other] { $count } reeksen
    }
chart-count-nuts-regions =
    { $count ->
        [one] { $count } NUTS-{ $level }-regio
       *[other] { $count } NUTS-{ $level }-regio’s
    }
chart-count-districts =
    { $count ->
        [one] { $count } Oostenrijks politiek district
       *[other] { $count } Oostenrijkse politieke districten
    }

## The API and downloads pages

api-lead = Alles op deze site is data. Elke pagina heeft tweelingen: voeg .json of .csv toe aan het adres, bijvoorbeeld
api-paging = De eindpunten hieronder voegen filters en paginering toe. Antwoorden hebben een ETag; stuur die terug in If-None-Match om 304 Not Modified te krijgen.
api-openapi = De machineleesbare beschrijving:
api-endpoints = Eindpunten
api-endpoints-caption = Eindpunten (allemaal GET, JSON)
api-col-path = Pad
api-col-what = Inhoud
api-example = Voorbeeld
api-fields = Elke waarneming heeft deze velden; flags zijn de codes van Eurostat, status is reliable, low_reliability, suppressed, model_based (met model_share), official of missing. Onderdrukte waarden hebben geen schatting.
api-endpoint-indicators = Alle indicatoren met definities
api-endpoint-indicator = Eén indicator: niveaus, groepen en perioden met gegevens
api-endpoint-observations = Waarnemingen, gefilterd (indicator, geo, group, sex, age, time, method, level) en gepagineerd (limit ≤ 1000, offset)
api-endpoint-areas = Alle gebieden
api-endpoint-area = Het gebiedsprofiel (gelijk aan /areas/{"{"}geo{"}"}.json)
api-endpoint-compare = Gebieden naast elkaar met significantietoetsen
api-endpoint-peers = Naaste buren op contextindicatoren, met bijdragen
api-endpoint-datasets = Datasets en hun herkomst
api-endpoint-openapi = Deze API als OpenAPI 3.1
downloads-lead = Elke indicator, alle gebieden, groepen en jaren, met betrouwbaarheidsintervallen, steekproefomvang en vlaggen. Onderdrukte waarden behouden hun vlag en hebben geen getal. CSV- en XLSX-cellen beginnen nooit met een formule. Het XLSX-bestand heeft een metadatablad met de definitie, de bronnen en de legenda van de vlaggen; JSON-stat 2.0 en SDMX-CSV 2.0 bevatten de vlaggen als status / OBS_FLAG en CONF_STATUS.
downloads-caption = Bestanden per indicator
downloads-values = Waarden
downloads-files = Bestanden
downloads-of = van { $indicator }

## The methodology page

methodology-title = Methodologie en betrouwbaarheid
methodology-reading = Hoe een cijfer te lezen
methodology-reading-text = Elke waarde is een schatting. Ernaast staan het 95%-betrouwbaarheidsinterval (het bereik dat de ware waarde bevat in 95 van de 100 steekproeven), het aantal respondenten waarop de waarde berust (n) en de status:
methodology-no-badge = Zonder markering
methodology-no-badge-text = Een directe enquêteschatting die aan de betrouwbaarheidsregel voldoet.
methodology-official = Officieel
methodology-official-text = Een cijfer gepubliceerd door Eurostat. Eurostat publiceert geen standaardfouten, dus de intervallen worden niet getoond en verschillen tussen officiële cijfers kunnen niet worden getoetst.
methodology-low = Lage betrouwbaarheid
methodology-low-text = Gepubliceerd met een waarschuwing: de onderliggende steekproef is klein (EU-SILC: minder dan 50 respondenten, of partiële non-respons boven 50%; EU-EAK: onder grens B van het land). Gearceerd op kaarten en grijs in grafieken.
methodology-suppressed = Onderdrukt
methodology-suppressed-text = Niet gepubliceerd: te weinig respondenten (EU-SILC: minder dan 20) of vertrouwelijk. Getoond als ‘onderdrukt’, nooit als nul, en weggelaten uit elke download.
methodology-model = Modelgebaseerd
methodology-model-text = Een kleinedomeinschatting (Fay-Herriot-EBLUP): een gewogen gemiddelde van de directe enquêteschatting en een voorspelling uit administratieve covariaten. Het percentage is het aandeel van het model (1 − γ): hoe kleiner de steekproef van het gebied, hoe zwaarder het model weegt. Het interval gebruikt de geschatte gemiddelde kwadratische fout (Prasad-Rao / Datta-Lahiri).
methodology-synthetic = Synthetische gegevens
methodology-synthetic-text = Door Civis berekend uit synthetische testgegevens (meegeleverd met de R-pakketten laeken en emdi): ze laten zien wat Civis voor een stad doet, maar het zijn geen statistieken over echte personen.
methodology-disclosure = Onthullingsdrempels
methodology-disclosure-text = Elke directe enquêteschatting wordt op elk niveau (land, regio, district, stad) twee keer beoordeeld volgens de regel van de bron: bij het opslaan en opnieuw wanneer dit portaal haar toont. Een cel onder de onderdrukkingsdrempel wordt nergens getoond — geen waarde, interval, standaardfout of steekproefomvang, op geen enkele pagina, in geen enkel API-antwoord en in geen enkele download — alleen het woord ‘onderdrukt’ en de vlag u. Een verschil tussen twee groepen wordt onderdrukt als een van beide groepen onderdrukt is. Officiële cijfers behouden de vlaggen van hun producent; kleinedomeinschattingen (modelgebaseerd) bestaan juist voor kleine steekproeven en worden getoond met het aandeel van het model. De drempels zijn gegevens:
methodology-disclosure-caption = Onthullingsdrempels per bron (n: ongewogen waarnemingen in de steekproef; VC: standaardfout ÷ schatting)
methodology-col-source = Bron
methodology-col-suppressed = Onderdrukt als
methodology-col-flagged = Met u gemarkeerd als
methodology-col-basis = Grondslag
methodology-col-datasets = Datasets hier
methodology-lfs-limits = De EU-EAK-grenzen A en B zijn gewogen aantallen in duizenden personen, per land vastgesteld: ze worden toegepast waar een schatting uit microdata wordt berekend, omdat een opgeslagen waarde geen gewogen aantal bevat. De optie:
methodology-intervals = Intervallen en oordelen
methodology-proportions = Aandelen
methodology-proportions-text = Intervallen voor percentages en aandelen blijven binnen 0–100%: het logit-interval (het interval van log(p/(1−p)) met de vrijheidsgraden van het steekproefontwerp, terug getransformeerd), en bij 0% of 100% het exacte Clopper-Pearson-interval voor de n van de cel, zodat een interval nooit breedte nul heeft. Zoals in het R-pakket survey:
methodology-differences = Verschillen
methodology-differences-text = Een verschil A − B is significant als het 95%-interval 0 uitsluit.
methodology-ratios = Verhoudingen
methodology-ratios-text = Een verhouding A / B (bijvoorbeeld het mediane inkomen van een groep als percentage van dat van de eigen onderdanen) is significant als het 95%-interval 100% — gelijkheid — uitsluit, niet 0.
methodology-flags = Eurostat-vlaggen
methodology-flags-caption = Statuscodes van waarnemingen (lijsten van vóór 2025 en van 2025; sinds 2025 is vertrouwelijkheid een aparte status C/N/P)
methodology-col-flag = Vlag
methodology-col-meaning = Betekenis
methodology-methods = Methoden
methodology-direct = Directe schattingen
methodology-direct-text = Op het steekproefontwerp gebaseerde schattingen uit enquêtemicrodata met de gewichten, strata en clusters van de enquête; varianties door linearisatie (ultimate cluster), zoals de R-pakketten survey en laeken ze berekenen. Armoederisicopercentages gebruiken de nationale grens (60% van het nationale mediane gestandaardiseerde inkomen).
methodology-gaps = Verschillen tussen groepen
methodology-gaps-text = Verschillen tussen migranten en eigen onderdanen worden geschat met de covariantie van beide groepen in dezelfde steekproef, zodat hun intervallen exact zijn voor het ontwerp; een verschil is significant als het 95%-interval nul uitsluit, een verhouding als het 100% uitsluit.
methodology-rankings = Rangschikkingen
methodology-rankings-text = Rang 1 is de beste waarde. Het rang-interval is het bereik van rangen dat een gebied inneemt in 95% van 1.000 parametrische simulaties uit de schatting en standaardfout van elk gebied: overlappende intervallen betekenen dat de volgorde niet vaststaat.
methodology-comparisons = Vergelijkingen
methodology-comparisons-text = Twee gebieden worden vergeleken met een z-toets op het verschil van hun schattingen (onafhankelijke steekproeven: de varianties tellen op). Bij vergelijking van meerdere gebieden met één worden de p-waarden volgens Holm gecorrigeerd.
methodology-similar = Vergelijkbare gebieden
methodology-similar-text = Naaste buren op contextindicatoren: elke indicator wordt gestandaardiseerd over de gebieden van hetzelfde niveau, en de afstand is de gewogen euclidische afstand over de indicatoren die beide gebieden hebben. Het aandeel van elke indicator in de afstand wordt getoond, en de gewichten kunnen worden aangepast.
methodology-sae = Kleinedomeinschatting
methodology-sae-text = Fay-Herriot-model op gebiedsniveau, geschat met REML, gevalideerd tegen de R-pakketten sae en emdi; zie de documentatie van Civis.
methodology-catalogue-version = Versie van de indicatorcatalogus
methodology-datasets = Datasets
methodology-datasets-caption = Datasets in dit portaal
methodology-col-dataset = Dataset
methodology-col-vintage = Versie
methodology-col-attribution = Bronvermelding

## The comparison page

compare-title = Gebieden vergelijken
compare-lead = Kies maximaal { $max } gebieden, in welke landen dan ook. Elke waarde wordt getoetst tegen het eerste gebied: een verschil heet significant als het 95%-interval van het verschil na de Holm-correctie voor het aantal vergelijkingen nul uitsluit. Kies een verschil tussen groepen (bijvoorbeeld buitenlandse staatsburgers − eigen onderdanen) om de verschillen tussen migranten en eigen onderdanen van de gebieden te vergelijken. Anders gemeten waarden — een andere leeftijdsgroep, een aantal, synthetische testgegevens tegenover echte statistieken — worden getoond maar niet getoetst, met de reden.
compare-area-n = Gebied { $n }
compare-no-data-for = Geen gegevens voor:
compare-choose = Kies ten minste één gebied.
compare-table = Vergelijkingstabel
compare-caption = { $group }: elk gebied ten opzichte van { $area }
compare-col-indicator = Indicator, jaar
compare-not-tested = niet getoetst (geen standaardfout)
compare-not-head-counts = Niet vergeleken: aantallen hangen af van de grootte van elke plaats, niet van hoe het de inwoners vergaat.
compare-not-unit = Niet vergeleken: gemeten in { $unit } tegenover { $first } in { $area }.
compare-not-synthetic = Niet vergeleken: synthetische testgegevens kunnen niet tegenover echte statistieken worden gezet.
compare-not-ages = Niet vergeleken: leeftijd { $ages } hier tegenover { $first } in { $area }.
compare-no-gap = Geen van deze gebieden heeft beide waarden van het verschil ‘{ $gap }’ voor een gemeenschappelijke indicator.
compare-no-indicator = Deze gebieden hebben geen indicator voor deze groep.
error-invalid-request = Ongeldig verzoek

## Similar areas

peers-title = Gebieden die lijken op { $area }
peers-crumb = vergelijkbare gebieden
peers-lead = De dichtstbijzijnde { $kinds } op { $n } contextindicatoren, uit { $others } andere.
peers-method = Gebieden worden alleen gekoppeld op percentages en aandelen, nooit op aantallen, die de grootte van een plaats meten in plaats van haar situatie. Elke indicator wordt gestandaardiseerd (z-score over deze gebieden); de afstand is de gewogen euclidische afstand over de indicatoren die beide gebieden hebben (ten minste de helft), herschaald naar alle gewichten. De balken tonen hoeveel elke indicator bijdraagt aan de afstand: een klein aandeel betekent dat de twee gebieden daarop op elkaar lijken.
peers-kinds-aggregate = aggregaten
peers-kinds-country = landen
peers-kinds-region = regio’s
peers-kinds-district = districten
peers-kinds-degurba = verstedelijkingsgraden
peers-kinds-city = steden
peers-no-indicators = Niet genoeg contextindicatoren voor gebieden van dit niveau.
peers-weight = Gewicht: { $indicator }
peers-recompute = Opnieuw berekenen
peers-none = Geen enkel gebied deelt genoeg indicatoren met dit gebied.
peers-caption = Dichtstbijzijnde gebieden en wat ze onderscheidt (aandeel van de gekwadrateerde afstand per indicator)
peers-distance = Afstand
peers-this-area = dit gebied
peers-compare = vergelijken
peers-share = { $share } van de afstand

## The city section of an area page

city-region-title = Positie van migranten in de regio (NUTS 2)
city-lies-in = ligt in
city-and-nuts3 = en in de NUTS 3-regio
city-no-city-outcomes = Eurostat publiceert geen migrantenindicatoren voor steden: dit zijn die van de regio, uit de EU-arbeidskrachtenenquête.
city-no-region-outcomes = Voor deze regio worden geen migrantenindicatoren gepubliceerd.
city-outcomes-of = Positie van migranten in { $region }
city-outcomes-caption = Regio (NUTS 2) { $region }: werkgelegenheid en werkloosheid naar geboorteland, laatste jaar
city-col-ages = Leeftijd
city-col-region = Regio (NUTS 2)
city-not-placed = Deze stad kon niet in een NUTS 2024-regio worden geplaatst; zie het stedenregister:
city-country = Land:
city-peers-title = Vergelijkbare steden
city-peers-lead = De steden in hetzelfde land die qua aandeel in het buitenland geborenen het dichtst bij { $city } liggen (laatste jaar).
city-peers-link = Vergelijkbare gebieden op alle contextindicatoren
city-peers-of = Steden vergelijkbaar met { $city }
city-peers-caption = Steden vergelijkbaar met { $city } naar aandeel in het buitenland geborenen
city-col-city = Stad
city-col-foreign-born = Aandeel in het buitenland geborenen

## The availability page

availability-title = Beschikbaarheid van regionale migrantenstatistieken
availability-heading = Hoeveel van de EU-migrantenstatistieken bereikt haar regio’s?
availability-lead = Voor elke indicator, groep, elk land en jaar: het aandeel NUTS 2-regio’s waarvan Eurostat de waarde publiceerde, publiceerde met de vlag u voor lage betrouwbaarheid, of niet publiceerde (te weinig respondenten). Elke rij staat in
availability-none = Er zijn geen officiële NUTS 2-waarden geladen.
availability-sources = Bronnen en versies
availability-summary = Van { $values } waarden voor NUTS 2-regio’s werd { $published } gepubliceerd, { $low } gepubliceerd met lage betrouwbaarheid (u) en { $not } niet gepubliceerd.
availability-no-flags = De waarden van { $year } komen uit een secundaire bron zonder de vlaggen van Eurostat: waarden die Eurostat met de vlag u publiceert, tellen als gepubliceerd, en het gemarkeerde aandeel is onbekend (weggelaten uit de grafiek).
availability-table = Regio’s naar publicatiestatus
availability-table-caption = NUTS 2-regio’s naar publicatiestatus
availability-regions = Regio’s
availability-published = Gepubliceerd
availability-low = Lage betrouwbaarheid (u)
availability-not-published = Niet gepubliceerd
availability-map-title = Aandeel NUTS 2-waarden gepubliceerd zonder vlag, { $year }, per land
availability-chart-title = Aandeel NUTS 2-waarden gepubliceerd, gemarkeerd en niet gepubliceerd, alle landen, per jaar

## Citations, permalinks and embeds (h19b)

cite-link = citeren
cite-link-label = Dit getal citeren
cite-title = Dit getal citeren
cite-heading = Citeren
cite-summary-page = De getallen op deze pagina citeren
cite-permalink-page = Permanente link naar precies deze getallen:
cite-each-value = De link ‘citeren’ bij elke waarde geeft de eigen bronvermelding in BibTeX, RIS en CSL-JSON, bijvoorbeeld
cite-identifier = Kenmerk
cite-data-code = Online datacode
cite-last-update = Laatste bijwerking van de dataset
cite-retrieved = Opgehaald
cite-method = Methode
cite-synthetic = (synthetische gegevens)
cite-release = versie
cite-permalink = Permanente link naar deze editie
cite-download = Downloaden:
vintage-pinned = Dit zijn de getallen van versie { $release } ({ $date } UTC).
vintage-newer = Er is een nieuwere editie
vintage-newer-release = (versie { $release }, { $date } UTC):
vintage-current-link = bekijk de huidige getallen
vintage-permalink = Permanente link naar deze getallen (versie { $release }):
embed-summary = Deze grafiek insluiten
embed-how = Kopieer een van deze codes in uw pagina, met het adres van dit portaal vóór het pad /embed/. De grafiek draagt haar bronregel, bronvermelding en markeringen.
embed-how-absolute = Kopieer een van deze codes in uw pagina. De grafiek draagt haar bronregel, bronvermelding en markeringen.
embed-synthetic = Synthetische gegevens: ter demonstratie, geen echte statistieken.
embed-model-based = Bevat modelmatige schattingen (kleine gebieden).
embed-cite = Citeren:
embed-current = actuele cijfers op Civis
embed-source-eurostat = Bron: Eurostat (online datacode: { $code })
embed-source-eurostat-via = Bron: Eurostat (online datacode: { $code }), via { $via }
embed-source-civis = Civis, schatting ({ $method }): { $source }

## The profile as a PDF (the report)

report-profile = Profiel
report-gaps = Verschillen
report-over-time = In de tijd
report-peers-intro = De gebieden die het dichtst liggen op de contextindicatoren (gestandaardiseerde afstand; lager is dichterbij), zoals op de pagina met vergelijkbare gebieden van het portaal:
report-shared = Gedeelde indicatoren
report-peer-cities = Vergelijkbare steden (zelfde land, meest gelijk aandeel in het buitenland geborenen)
report-legend = Markeringen en vlaggen
report-legend-u = u: lage betrouwbaarheid (Eurostat-vlag u): met voorzichtigheid lezen.
report-legend-c = c / onderdrukt: te weinig waarnemingen of vertrouwelijk; nooit als getal getoond.
report-legend-m = M: modelgebaseerde schatting (kleine gebieden), met het deel dat uit het model komt.
report-legend-e = E: gepubliceerd door Eurostat (officieel, zonder gepubliceerd interval).
report-legend-synthetic = synthetisch: berekend uit synthetische testgegevens (laeken eusilc, emdi eusilcA), geen echte statistieken.
report-legend-flags = Andere letters zijn Eurostat-vlaggen: b breuk in de reeks, d afwijkende definitie, e geschat, p voorlopig, r herzien, s Eurostat-schatting.
report-synthetic-note = Sommige waarden in dit rapport zijn berekend uit synthetische testgegevens (de bestanden eusilc van laeken en eusilcA van emdi): ze tonen de methoden en zijn geen echte statistieken voor Oostenrijk. Ze zijn gemarkeerd als ‘synthetisch’.
report-retrieved = opgehaald op
report-citation = Bronvermelding
report-cite-as = Citeer dit rapport als
report-online = Online
report-data-version = Gegevensversie

## Groups of countries (Eurostat's aggregates; English as Eurostat names them)

aggregate-eu27-2020 = Europese Unie - 27 landen (vanaf 2020)
aggregate-eu28 = Europese Unie - 28 landen (2013-2020)
aggregate-eu27-2007 = Europese Unie - 27 landen (2007-2013)
aggregate-eu15 = Europese Unie - 15 landen (1995-2004)
aggregate-ea = Eurozone
aggregate-ea18 = Eurozone - 18 landen (2014)
aggregate-ea19 = Eurozone - 19 landen (2015-2022)
aggregate-ea20 = Eurozone - 20 landen (vanaf 2023)
aggregate-efta = Europese Vrijhandelsassociatie
