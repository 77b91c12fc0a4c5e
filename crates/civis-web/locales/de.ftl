# Civis portal: German. Source: en.ftl. Terms as in Eurostat's German publications.

## The page shell

skip-to-content = Zum Inhalt springen
tagline = Indikatoren zur Integration von Migrantinnen und Migranten für europäische Städte und Regionen
nav-site = Website
nav-languages = Sprachen
nav-home = Startseite
nav-indicators = Indikatoren
nav-areas = Gebiete
nav-compare = Vergleichen
nav-methodology = Methodik
nav-downloads = Downloads
nav-registry = Praktiken und Werkzeuge
nav-api = API
this-page-in-language = Diese Seite auf Deutsch
synthetic-banner-title = Synthetische Daten.
synthetic-banner-text = Einige Werte auf dieser Seite sind aus synthetischen Testdaten berechnet (die Dateien „eusilc“ von laeken und „eusilcA“ von emdi): Sie veranschaulichen die Methoden und sind keine echten Statistiken für Österreich. Sie sind gekennzeichnet als
twins-label = Diese Seite als Daten:
footer-sources = Quellen: Eurostat (Weiterverwendung mit Quellenangabe „Quelle: Eurostat“); Civis-Schätzungen aus synthetischen EU-SILC-Mikrodaten (R-Paket laeken, GPL ≥ 2) und aus den synthetischen österreichischen Daten von emdi (GPL-2).
footer-boundaries = Grenzen: © EuroGeographics für die Verwaltungsgrenzen (Eurostat GISCO, NUTS 2024); österreichische Bezirke: BEV, über SynerGIS (CC BY-SA 2.0).
footer-read-numbers = Wie die Zahlen zu lesen sind
footer-status = Status

## Error pages

error-not-found-title = Nicht gefunden
error-not-found-text = Unter dieser Adresse gibt es keine Seite. Beginnen Sie mit der Liste der Indikatoren oder Gebiete.

## Values, units and their status

unit-pc-ref = { $value } der Referenz
unit-thousand = { $value } Tsd.
unit-pp = { $value } Pp.
value-suppressed = unterdrückt
value-not-available = nicht verfügbar
sentence-interval = (95-%-Konfidenzintervall { $low } bis { $high })
sentence-low-reliability = , geringe Zuverlässigkeit (u)
sentence-model-share = , modellbasiert ({ $share } Modell)
sentence-model-based = , modellbasiert
sentence-synthetic = , synthetische Daten
badge-synthetic = synthetisch
badge-low-title = Geringe Zuverlässigkeit (Eurostat-Kennzeichen u)
badge-suppressed-title = Unterdrückt: zu wenige Beobachtungen oder vertraulich
badge-official-title = Von Eurostat veröffentlicht
badge-synthetic-title = Aus synthetischen Daten berechnet (Testdaten von laeken/emdi), keine echte Statistik
badge-model-title = Modellbasierte Schätzung (Small-Area-Schätzung)
badge-model-share-title = Modellbasierte Schätzung (Small Area): { $model } stammen aus dem Modell, { $survey } aus der Erhebung

## Eurostat observation flags

flag-b = Zeitreihenbruch
flag-c = vertraulich
flag-d = abweichende Definition
flag-e = geschätzt
flag-f = Prognose
flag-i = imputiert
flag-m = fehlend, Daten können nicht existieren
flag-n = nicht signifikant
flag-p = vorläufig
flag-r = revidiert
flag-s = Eurostat-Schätzung
flag-u = geringe Zuverlässigkeit
flag-z = nicht zutreffend
flag-other = Kennzeichen

## Target groups

group-total-citizenship = Insgesamt
group-total-birth = Insgesamt
group-nat-citizenship = Inländer
group-nat-birth = Im Inland Geborene
group-for-citizenship = Ausländer
group-for-birth = Im Ausland Geborene
group-eu27-2020-for-citizenship = Staatsangehörige eines anderen EU-Landes
group-eu27-2020-for-birth = In einem anderen EU-Land Geborene
group-neu27-2020-for-citizenship = Nicht-EU-Staatsangehörige
group-neu27-2020-for-birth = Außerhalb der EU Geborene
group-gap = Abstand: { $a } − { $b }
group-ratio = Verhältnis: { $a } / { $b }

## Indicators (English source: crates/civis-catalog/data/indicators.toml)

indicator-employment_rate = Erwerbstätigenquote
indicator-employment_rate-definition = Erwerbstätige (nach ILO-Definition) in Prozent der Bevölkerung im Alter von 20 bis 64 Jahren.
indicator-unemployment_rate = Arbeitslosenquote
indicator-unemployment_rate-definition = Arbeitslose (nach ILO-Definition) in Prozent der Erwerbspersonen (Erwerbstätige und Arbeitslose) im Alter von 15 bis 74 Jahren.
indicator-activity_rate = Erwerbsquote
indicator-activity_rate-definition = Erwerbstätige und Arbeitslose (nach ILO-Definition) in Prozent der Bevölkerung im Alter von 20 bis 64 Jahren.
indicator-long_term_unemployment_share = Anteil der Langzeitarbeitslosen
indicator-long_term_unemployment_share-definition = Personen, die seit 12 Monaten oder länger arbeitslos sind, in Prozent aller Arbeitslosen im Alter von 15 bis 74 Jahren.
indicator-self_employment_share = Anteil der Selbstständigen
indicator-self_employment_share-definition = Selbstständige in Prozent der Erwerbstätigen im Alter von 20 bis 64 Jahren.
indicator-temporary_employment_share = Anteil der befristet Beschäftigten
indicator-temporary_employment_share-definition = Arbeitnehmer mit befristetem Vertrag in Prozent aller Arbeitnehmer im Alter von 20 bis 64 Jahren.
indicator-part_time_employment_share = Teilzeitquote
indicator-part_time_employment_share-definition = Teilzeitbeschäftigte in Prozent der Erwerbstätigen im Alter von 20 bis 64 Jahren.
indicator-overqualification_rate = Überqualifizierungsquote
indicator-overqualification_rate-definition = Erwerbstätige mit tertiärem Bildungsabschluss (ISCED 5-8), die in den ISCO-08-Berufshauptgruppen 4-9 arbeiten, in Prozent der Erwerbstätigen mit tertiärem Bildungsabschluss im Alter von 20 bis 64 Jahren.
indicator-attainment_low = Bildungsstand: höchstens Sekundarbereich I (ISCED 0-2)
indicator-attainment_low-definition = Personen, deren höchster Bildungsabschluss ISCED 0-2 ist, in Prozent der Bevölkerung im Alter von 25 bis 64 Jahren.
indicator-attainment_medium = Bildungsstand: Sekundarbereich II und postsekundärer nicht-tertiärer Bereich (ISCED 3-4)
indicator-attainment_medium-definition = Personen, deren höchster Bildungsabschluss ISCED 3-4 ist, in Prozent der Bevölkerung im Alter von 25 bis 64 Jahren.
indicator-attainment_high = Bildungsstand: Tertiärbereich (ISCED 5-8)
indicator-attainment_high-definition = Personen, deren höchster Bildungsabschluss ISCED 5-8 ist, in Prozent der Bevölkerung im Alter von 25 bis 64 Jahren.
indicator-tertiary_attainment = Tertiärer Bildungsabschluss, 25-34 Jahre
indicator-tertiary_attainment-definition = Personen im Alter von 25 bis 34 Jahren mit tertiärem Bildungsabschluss (ISCED 5-8) in Prozent der Bevölkerung im Alter von 25 bis 34 Jahren (Altersgruppe des EU-Ziels für 2030; der Saragossa-Indikatorensatz von 2010 verwendete 30-34 Jahre).
indicator-early_leavers_rate = Frühzeitige Schul- und Ausbildungsabgänger
indicator-early_leavers_rate-definition = Personen im Alter von 18 bis 24 Jahren mit höchstens einem Abschluss des Sekundarbereichs I (ISCED 0-2), die in den vier Wochen vor der Erhebung an keiner Aus- oder Weiterbildung teilgenommen haben, in Prozent der Bevölkerung im Alter von 18 bis 24 Jahren.
indicator-neet_rate = Junge Menschen, die weder arbeiten noch eine schulische oder berufliche Ausbildung absolvieren (NEET)
indicator-neet_rate-definition = Personen im Alter von 15 bis 29 Jahren, die nicht erwerbstätig sind und in den vier Wochen vor der Erhebung an keiner Aus- oder Weiterbildung teilgenommen haben, in Prozent der Bevölkerung im Alter von 15 bis 29 Jahren.
indicator-arop_rate = Armutsgefährdungsquote
indicator-arop_rate-definition = Personen ab 18 Jahren mit einem verfügbaren Äquivalenzeinkommen unter 60 % des nationalen Medians des verfügbaren Äquivalenzeinkommens (gewichteter Median aller Personen des Landes), in Prozent der Personen ab 18 Jahren.
indicator-median_equivalised_income = Median des Nettoäquivalenzeinkommens
indicator-median_equivalised_income-definition = Gewichteter Median des verfügbaren Äquivalenzeinkommens der Personen ab 18 Jahren (Quantildefinition von Eurostat).
indicator-median_income_ratio = Median des Äquivalenzeinkommens im Verhältnis zur Referenzgruppe
indicator-median_income_ratio-definition = Median des Nettoäquivalenzeinkommens der Gruppe ab 18 Jahren in Prozent des Medians der Referenzgruppe (Inländer oder im Inland Geborene) im selben Gebiet (Saragossa-Form des Einkommensindikators).
indicator-in_work_poverty_rate = Armutsgefährdungsquote der Erwerbstätigen
indicator-in_work_poverty_rate-definition = Erwerbstätige ab 18 Jahren mit einem verfügbaren Äquivalenzeinkommen unter 60 % des nationalen Medians, in Prozent der Erwerbstätigen ab 18 Jahren.
indicator-smsd_rate = Quote der erheblichen materiellen und sozialen Deprivation
indicator-smsd_rate-definition = Personen ab 18 Jahren, denen mindestens 7 der 13 Deprivationsmerkmale fehlen (Definition von 2021), in Prozent der Personen ab 18 Jahren.
indicator-very_low_work_intensity_rate = Personen in Haushalten mit sehr niedriger Erwerbsintensität
indicator-very_low_work_intensity_rate-definition = Personen im Alter von 18 bis 64 Jahren in Haushalten, deren Mitglieder im erwerbsfähigen Alter im Vorjahr höchstens 20 % ihres Erwerbspotenzials gearbeitet haben (Definition von 2021), in Prozent der Personen im Alter von 18 bis 64 Jahren.
indicator-arope_rate = Von Armut oder sozialer Ausgrenzung bedroht (AROPE)
indicator-arope_rate-definition = Personen ab 18 Jahren, die armutsgefährdet oder von erheblicher materieller und sozialer Deprivation betroffen sind oder in einem Haushalt mit sehr niedriger Erwerbsintensität leben (jede Person wird nur einmal gezählt), in Prozent der Personen ab 18 Jahren. Die Armutsgefährdungsschwelle ist die nationale; ihr Stichprobenfehler geht nicht in den Standardfehler dieses Indikators ein.
indicator-housing_cost_overburden_rate = Quote der Überbelastung durch Wohnkosten
indicator-housing_cost_overburden_rate-definition = Personen ab 18 Jahren in Haushalten, deren gesamte Wohnkosten (abzüglich Wohnbeihilfen) 40 % des verfügbaren Einkommens (abzüglich Wohnbeihilfen) übersteigen, in Prozent der Personen ab 18 Jahren.
indicator-overcrowding_rate = Überbelegungsquote
indicator-overcrowding_rate-definition = Personen ab 18 Jahren in einer Wohnung mit weniger Räumen, als der EU-Standard für ihre Haushaltszusammensetzung vorsieht, in Prozent der Personen ab 18 Jahren.
indicator-owner_rate = Wohneigentumsquote (Wohnbesitzverhältnis: Eigentümer)
indicator-owner_rate-definition = Personen ab 18 Jahren in einer Wohnung im Eigentum ihres Haushalts (mit oder ohne Hypothek), in Prozent der Personen ab 18 Jahren.
indicator-good_health_rate = Selbst wahrgenommene Gesundheit: gut oder sehr gut
indicator-good_health_rate-definition = Personen ab 16 Jahren, die ihre Gesundheit als gut oder sehr gut wahrnehmen, in Prozent der Personen ab 16 Jahren.
indicator-unmet_medical_needs_rate = Selbst angegebener ungedeckter Bedarf an ärztlicher Untersuchung
indicator-unmet_medical_needs_rate-definition = Personen ab 16 Jahren, die in den letzten 12 Monaten einen ungedeckten Bedarf an ärztlicher Untersuchung oder Behandlung angeben, in Prozent der Personen ab 16 Jahren.
indicator-naturalisation_rate = Einbürgerungsquote
indicator-naturalisation_rate-definition = Im Laufe des Jahres eingebürgerte Personen in Prozent der ausländischen Bevölkerung am 1. Januar des Jahres.
indicator-long_term_residence_share = Anteil der langfristig Aufenthaltsberechtigten unter den Nicht-EU-Staatsangehörigen
indicator-long_term_residence_share-definition = Nicht-EU-Staatsangehörige mit langfristigem Aufenthaltsstatus (EU oder national unbefristet) am Jahresende in Prozent aller Nicht-EU-Staatsangehörigen mit gültigem Aufenthaltstitel.

## Shared words

list-and = {" "}und{" "}
list-or = {" "}oder{" "}
range = { $low } bis { $high }
ages = { $ages } Jahre
col-group = Gruppe
col-ci = 95-%-KI
col-indicator = Indikator
col-method = Methode
col-estimate = Schätzwert
col-se = Standardfehler
col-cv = VK
col-outcome = Ergebnis
method-official = amtlich
method-direct = direkt
method-model-based = modellbasiert
outcome-suppressed = unterdrückt
outcome-not-available = nicht verfügbar
outcome-publish-with-flag-u = mit Kennzeichen u veröffentlichen
outcome-publish = veröffentlichen

## Kinds of area

area-kind-aggregate = Aggregat
area-kind-country = Land
area-kind-region = Region
area-kind-district = Bezirk
area-kind-degurba = Verstädterungsgrad
area-kind-city = Stadt

## Generated sentences: gaps and their verdicts

gap-ratio-value = { $value } der { $reference }
verdict-ratio-significant = das Verhältnis unterscheidet sich signifikant von 100 % (95 %)
verdict-significant = der Unterschied ist statistisch signifikant (95 %)
verdict-ratio-not-significant = nicht signifikant verschieden von 100 %
verdict-not-significant = statistisch nicht signifikant
verdict-not-tested = nicht getestet (kein Standardfehler veröffentlicht)
verdict-group-too-small = eine der Gruppen hat zu wenige Beobachtungen für eine Veröffentlichung

## The area profile

area-compared-with-nothing = Mit keiner übergeordneten Ebene verglichen.
area-compared-with = Verglichen mit { $areas }.
area-similar-areas = Ähnliche Gebiete
area-compare-link = Mit anderen Gebieten vergleichen
area-report-link = Profil als PDF
area-no-values = Keine Indikatorwerte für dieses Gebiet.
area-table-label = { $indicator } nach Gruppe
area-table-caption = { $indicator } in { $area }, { $time }, nach Gruppe, mit 95-%-Konfidenzintervallen
area-direct = direkt:
area-no-comparator-value = Kein Wert für { $areas } in den Quellen für diesen Indikator, diese Gruppe und dieses Jahr (mit derselben Altersgruppe): nicht angezeigt statt leer gelassen.
precision-title = Wie genau sind diese Zahlen?
precision-direct = { $publishable } von { $cells } Zellen (Indikator × Gruppe) können allein aus der Erhebung veröffentlicht werden
precision-with-sae = ; { $publishable } mit Small-Area-Schätzung
precision-cv = Der Variationskoeffizient (VK) ist der Standardfehler im Verhältnis zum Schätzwert.
precision-table = Genauigkeitstabelle
precision-caption = Genauigkeit der Schätzungen für { $area }

## Statuses and comparisons with a reference

status-not-available = nicht verfügbar
status-suppressed = unterdrückt
status-low-reliability = geringe Zuverlässigkeit
status-model-based = modellbasiert
status-official = amtlich
status-reliable = zuverlässig
versus-higher = höher
versus-lower = niedriger
versus-not-significant = nicht signifikant
versus-unknown = unbekannt
reference = Referenz
age-and-over = { $age } Jahre und älter
age-under = unter { $age } Jahren

## Policy areas of the catalogue

policy-employment = Beschäftigung
policy-education = Bildung
policy-social-inclusion = Soziale Inklusion
policy-housing = Wohnen
policy-health = Gesundheit
policy-active-citizenship = Aktive Bürgerschaft
policy-context = Kontext

## The indicator page

indicator-definition-title = Definition
indicator-context = Kontextindikator.
indicator-unit = Einheit:
indicator-age = Alter:
indicator-higher-better = Höher ist besser.
indicator-lower-better = Niedriger ist besser.
filter-level = Ebene
filter-year = Jahr
filter-show = Anzeigen
indicator-no-values = Keine Werte für diese Auswahl.
indicator-selection = { $group }, Ebene: { $level }, { $time }
ranking-table = Rangtabelle
ranking-caption-highest = Rang 1 = höchster Wert; das Rangintervall ist der Bereich der Ränge, die mit dem Stichprobenfehler vereinbar sind (95 %).
ranking-caption-lowest = Rang 1 = niedrigster Wert; das Rangintervall ist der Bereich der Ränge, die mit dem Stichprobenfehler vereinbar sind (95 %).
col-rank = Rang
col-area = Gebiet
col-value = Wert
col-status = Status
col-versus = ggü. { $area }
col-versus-reference = ggü. Referenz
indicator-download = Diesen Indikator herunterladen:
sources-title = Quellen
sources-vintage = Stand

## The home page

home-title = Wo stehen Migrantinnen und Migranten?
home-heading = Wie geht es Zugewanderten in Ihrer Stadt und Region?
home-lead = Civis führt die gemeinsamen EU-Indikatoren zur Integration von Migrantinnen und Migranten zusammen — Arbeit, Bildung, Einkommen und Armut, Wohnen, Gesundheit, Staatsbürgerschaft — für Länder, Regionen und Städte, mit der Unsicherheit jeder Zahl: Konfidenzintervalle, Zuverlässigkeitskennzeichen und eine klare Markierung für Werte, die aus einem Modell statt direkt aus einer Erhebung stammen.
home-card-indicators = { $count } Indikatoren mit Definitionen, Karten und Rangfolgen.
home-card-areas = { $count } Länder, Regionen und Bezirke, jeweils mit einem Profil im Vergleich zu ihrem Land und zur EU.
home-card-compare = Beliebige Gebiete nebeneinander, mit einem Test, ob die Unterschiede echt sind.
home-card-registry = Was Städte getan haben, was sie brauchen, und welche Werkzeuge und Datenquellen es gibt.
home-headline = { $indicator } der Ausländer, { $time }
home-countries = Länder
home-headline-caption = { $indicator }: Ausländer und Inländer nach Land, { $time }, nach Abstand sortiert (Eurostat)
col-country = Land
col-gap = Abstand
home-sources = Woher die Zahlen stammen
home-values = { $count } Werte

## The catalogue and the list of areas

catalogue-lead = Die EU-Indikatoren zur Integration von Migrantinnen und Migranten (der „Saragossa“-Satz und seine Ergänzungen von 2013), die Civis berechnet oder veröffentlicht, mit ihren Definitionen. Katalogversion
catalogue-context = Kontextindikator aus { $source }.
catalogue-levels = Ebenen:
areas-lead = Alle Gebiete mit Daten. Jedes Profil vergleicht das Gebiet mit seinem Land und der EU, zeigt die Abstände zwischen Zugewanderten und Einheimischen und gibt an, wie genau jede Zahl ist.
areas-aggregates = Ländergruppen
areas-countries = Länder
areas-regions = Regionen (NUTS)
areas-districts = Bezirke (Österreich)
areas-degurba = Verstädterungsgrad
areas-cities = Städte

## Charts

chart-in-words = Das Diagramm in Worten
chart-not-drawn = Diagramm nicht gezeichnet ({ $error }); die Tabelle enthält die Zahlen.
chart-map-title = { $indicator }, { $group }, { $time }: Karte nach { $level }
chart-ranking-title = { $indicator }, { $group }, { $time }: Rangfolge mit 95-%-Intervallen
chart-gap-title = { $indicator } in { $area }: Migrantengruppen im Vergleich zu Inländern, { $time }
chart-series-title = { $indicator } in { $area } im Zeitverlauf
chart-precision-title = Genauigkeit der direkten Schätzungen für { $area }: VK nach Stichprobengröße
chart-threshold-caution = mit Vorsicht
chart-threshold-unreliable = zu unzuverlässig
# The words drawn inside the charts (civis-chart's Labels); { $x } are filled by the chart
chart-label-no-data = keine Daten
chart-label-suppressed = unterdrückt
chart-label-key-low-reliability = geringe Zuverlässigkeit (hohl, gestrichelt)
chart-label-key-model-based = modellbasierte Schätzung
chart-label-key-suppressed = unterdrückt (nicht veröffentlichbar)
chart-label-map-suppressed = unterdrückt (:)
chart-label-map-low-reliability = geringe Zuverlässigkeit (u), schraffiert
chart-label-level = Niveau
chart-label-gap-to = Abstand zu { $reference }
chart-label-reference = Referenz
chart-label-gap-not-available = Abstand nicht verfügbar
chart-label-significant = signifikant auf 95 %-Niveau
chart-label-not-significant = nicht signifikant
chart-label-value = Wert
chart-label-rank-range = Rang (Bereich)
chart-label-rank = Rang { $rank } ({ $lower }–{ $upper })
chart-label-sample-size-axis = Stichprobengröße n (logarithmische Skala)
chart-label-cv-axis = Variationskoeffizient
# The text alternative of the charts (civis-chart's AltWords); { $x } are filled by the chart
chart-alt-ci = 95-%-KI { $lower } bis { $upper }
chart-alt-low-reliability = geringe Zuverlässigkeit (u)
chart-alt-model-based = modellbasierte Schätzung (M)
chart-alt-model-share = { $share } % aus dem Modell
chart-alt-official = amtlicher Wert ohne Konfidenzintervall
chart-alt-all-official = Alle Werte sind amtliche Zahlen ohne Konfidenzintervall; Kennzeichen stehen dort, wo sie gelten.
chart-alt-focus-area = betrachtetes Gebiet
chart-alt-focus = hervorgehoben
chart-alt-gap-intro = { $title }. { $area }: { $groups } im Vergleich mit { $reference } (Referenz), in { $unit }. Abstände sind Gruppe minus Referenz in { $difference_unit }, mit 95-%-Konfidenzintervallen; ein Abstand ist auf 95-%-Niveau signifikant, wenn sein Intervall null ausschließt.
chart-alt-reference-row = { $label } (Referenz): { $value }
chart-alt-gap = Abstand { $gap } (95-%-KI { $lower } bis { $upper }), { $significance }
chart-alt-ranking-intro-highest = { $title }. { $areas }, höchster Wert zuerst, in { $unit }; Punkte sind Schätzwerte, Striche 95-%-Konfidenzintervalle.
chart-alt-ranking-intro-lowest = { $title }. { $areas }, niedrigster Wert zuerst, in { $unit }; Punkte sind Schätzwerte, Striche 95-%-Konfidenzintervalle.
chart-alt-reference-line = Referenzlinie: { $label } { $value }.
chart-alt-plausible-ranks = Rang { $rank } (plausible Ränge { $lower } bis { $upper })
chart-alt-series-intro = { $title }. { $series }, { $first } bis { $last }, in { $unit }; Linien sind Schätzwerte, schattierte Bänder 95-%-Konfidenzintervalle; eine Linie ist unterbrochen, wo ein Zeitraum keinen veröffentlichbaren Wert hat.
chart-alt-map-intro = { $title }. Karte von { $areas }, in { $unit }: { $with_value } mit Wert, davon { $low } mit geringer Zuverlässigkeit (schraffiert), { $suppressed } unterdrückt, { $without } ohne Daten.
chart-alt-class-under = unter { $upper }{ $unit }
chart-alt-class-between = { $lower } bis unter { $upper }{ $unit }
chart-alt-class-over = { $lower }{ $unit } und mehr
chart-alt-class-range = { $lower } bis { $upper }{ $unit }
chart-alt-class-all = alle Werte
chart-alt-classes = Klassen, von hell nach dunkel: { $classes }.
chart-alt-boundaries = Grenzen: { $attribution }.
chart-alt-precision-intro = { $title }. Variationskoeffizient (VK, %) gegen ungewichtete Stichprobengröße n für { $groups }.
chart-alt-thresholds = Schwellen: { $thresholds }.
chart-alt-threshold = { $cv } ({ $label })
chart-alt-sample-size = n = { $n }
chart-alt-cv = VK { $cv }
chart-alt-cv-at-or-above = bei oder über { $cv } ({ $label })
chart-alt-cv-below-all = unter allen Schwellen
chart-alt-cv-not-available = VK nicht verfügbar
# Unit words in the charts (civis-chart's UnitWords)
chart-unit-pp = Pp.
chart-unit-thousand = Tausend
chart-unit-percentage-points = Prozentpunkten (Pp.)
chart-unit-percent = Prozent
chart-unit-percent-of-population = Prozent der Bevölkerung
chart-unit-percent-of-active = Prozent der Erwerbspersonen
chart-unit-euro = Euro
chart-unit-national-currency = Landeswährung
chart-unit-purchasing-power-standard = Kaufkraftstandard
chart-unit-percent-of-reference = Prozent des Werts der Referenzgruppe
chart-unit-thousand-persons = Tausend Personen
# Counts in the text alternative, after the language's plural rules
chart-count-groups =
    { $count ->
        [one] { $count } Gruppe
       *[other] { $count } Gruppen
    }
chart-count-areas =
    { $count ->
        [one] { $count } Gebiet
       *[other] { $count } Gebiete
    }
chart-count-series =
    { $count ->
        [one] { $count } Reihe
       *[other] { $count } Reihen
    }
chart-count-nuts-regions =
    { $count ->
        [one] { $count } NUTS-{ $level }-Region
       *[other] { $count } NUTS-{ $level }-Regionen
    }
chart-count-districts =
    { $count ->
        [one] { $count } österreichischer politischer Bezirk
       *[other] { $count } österreichische politische Bezirke
    }

## The API and downloads pages

api-lead = Alles auf dieser Website sind Daten. Jede Seite hat Zwillinge: Hängen Sie .json oder .csv an ihre Adresse an, zum Beispiel
api-paging = Die folgenden Endpunkte bieten Filter und Seitenweise Abfrage. Antworten tragen ein ETag; senden Sie es in If-None-Match zurück, um 304 Not Modified zu erhalten.
api-openapi = Die maschinenlesbare Beschreibung:
api-endpoints = Endpunkte
api-endpoints-caption = Endpunkte (alle GET, JSON)
api-col-path = Pfad
api-col-what = Inhalt
api-example = Beispiel
api-fields = Jede Beobachtung hat diese Felder; flags sind die Eurostat-Kennzeichen, status ist reliable, low_reliability, suppressed, model_based (mit model_share), official oder missing. Unterdrückte Werte haben keinen Schätzwert.
api-endpoint-indicators = Alle Indikatoren mit Definitionen
api-endpoint-indicator = Ein Indikator: Ebenen, Gruppen und Zeiträume mit Daten
api-endpoint-observations = Beobachtungen, gefiltert (indicator, geo, group, sex, age, time, method, level) und seitenweise (limit ≤ 1000, offset)
api-endpoint-areas = Alle Gebiete
api-endpoint-area = Das Gebietsprofil (wie /areas/{"{"}geo{"}"}.json)
api-endpoint-compare = Gebiete nebeneinander mit Signifikanztests
api-endpoint-peers = Nächste Nachbarn nach Kontextindikatoren, mit Beiträgen
api-endpoint-datasets = Datensätze und ihre Herkunft
api-endpoint-openapi = Diese API als OpenAPI 3.1
downloads-lead = Jeder Indikator, alle Gebiete, Gruppen und Jahre, mit Konfidenzintervallen, Stichprobengrößen und Kennzeichen. Unterdrückte Werte behalten ihr Kennzeichen und haben keine Zahl. CSV- und XLSX-Zellen beginnen nie mit einer Formel. Die XLSX-Datei hat ein Metadatenblatt mit Definition, Quellen und Legende der Kennzeichen; JSON-stat 2.0 und SDMX-CSV 2.0 führen die Kennzeichen als status / OBS_FLAG und CONF_STATUS.
downloads-caption = Dateien nach Indikator
downloads-values = Werte
downloads-files = Dateien
downloads-of = von { $indicator }

## The methodology page

methodology-title = Methodik und Zuverlässigkeit
methodology-reading = Wie eine Zahl zu lesen ist
methodology-reading-text = Jeder Wert ist eine Schätzung. Daneben stehen sein 95-%-Konfidenzintervall (der Bereich, der den wahren Wert in 95 von 100 Stichproben enthält), die Zahl der Befragten, auf denen er beruht (n), und sein Status:
methodology-no-badge = Ohne Kennzeichnung
methodology-no-badge-text = Eine direkte Schätzung aus der Erhebung, die die Zuverlässigkeitsregel erfüllt.
methodology-official = Amtlich
methodology-official-text = Eine von Eurostat veröffentlichte Zahl. Eurostat veröffentlicht keine Standardfehler; ihre Intervalle werden daher nicht gezeigt, und Unterschiede zwischen amtlichen Zahlen können nicht getestet werden.
methodology-low = Geringe Zuverlässigkeit
methodology-low-text = Mit Warnhinweis veröffentlicht: Die zugrunde liegende Stichprobe ist klein (EU-SILC: weniger als 50 Befragte oder Item-Nonresponse über 50 %; AKE: unter der Grenze B des Landes). Auf Karten schraffiert und in Diagrammen grau dargestellt.
methodology-suppressed = Unterdrückt
methodology-suppressed-text = Nicht veröffentlicht: zu wenige Befragte (EU-SILC: weniger als 20) oder vertraulich. Als „unterdrückt“ angezeigt, nie als null, und aus allen Downloads ausgeschlossen.
methodology-model = Modellbasiert
methodology-model-text = Eine Small-Area-Schätzung (Fay-Herriot-EBLUP): ein gewichteter Mittelwert aus der direkten Schätzung der Erhebung und einer Vorhersage aus administrativen Kovariaten. Der Prozentsatz ist der Anteil des Modells (1 − γ): Je kleiner die Stichprobe des Gebiets, desto mehr Gewicht hat das Modell. Ihr Intervall beruht auf dem geschätzten mittleren quadratischen Fehler (Prasad-Rao / Datta-Lahiri).
methodology-synthetic = Synthetische Daten
methodology-synthetic-text = Von Civis aus synthetischen Testdaten berechnet (die R-Pakete laeken und emdi liefern sie mit): Sie zeigen, was Civis für eine Stadt leistet, sind aber keine Statistiken über reale Personen.
methodology-disclosure = Geheimhaltungsschwellen
methodology-disclosure-text = Jede direkte Schätzung aus einer Erhebung wird auf jeder Ebene (Land, Region, Bezirk, Stadt) zweimal nach der Regel ihrer Quelle beurteilt: beim Speichern und erneut, wenn dieses Portal sie ausliefert. Eine Zelle unter der Unterdrückungsschwelle wird nirgends gezeigt — kein Wert, kein Intervall, kein Standardfehler und keine Stichprobengröße, auf keiner Seite, in keiner API-Antwort und in keinem Download — nur das Wort „unterdrückt“ und das Kennzeichen u. Ein Abstand zwischen zwei Gruppen wird unterdrückt, wenn eine der Gruppen unterdrückt ist. Amtliche Zahlen behalten die Kennzeichen ihres Herausgebers; Small-Area-Schätzungen (modellbasiert) gibt es gerade für kleine Stichproben, sie werden mit dem Anteil des Modells gezeigt. Die Schwellen sind Daten:
methodology-disclosure-caption = Geheimhaltungsschwellen je Quelle (n: ungewichtete Beobachtungen der Stichprobe; VK: Standardfehler ÷ Schätzwert)
methodology-col-source = Quelle
methodology-col-suppressed = Unterdrückt, wenn
methodology-col-flagged = Mit u gekennzeichnet, wenn
methodology-col-basis = Grundlage
methodology-col-datasets = Datensätze hier
methodology-lfs-limits = Die AKE-Grenzen A und B sind gewichtete Fallzahlen in Tausend Personen, die je Land festgelegt sind: Sie werden angewandt, wo eine Schätzung aus Mikrodaten berechnet wird, da ein gespeicherter Wert keine gewichtete Fallzahl trägt. Die Option:
methodology-intervals = Intervalle und Urteile
methodology-proportions = Anteile
methodology-proportions-text = Intervalle für Quoten und Anteile bleiben innerhalb von 0–100 %: das Logit-Intervall (das Intervall von log(p/(1−p)) mit den Freiheitsgraden des Stichprobendesigns, zurücktransformiert), und bei 0 % oder 100 % das exakte Clopper-Pearson-Intervall für das n der Zelle, sodass ein Intervall nie die Breite null hat. Wie im R-Paket survey:
methodology-differences = Differenzen
methodology-differences-text = Ein Abstand A − B ist signifikant, wenn sein 95-%-Intervall die 0 ausschließt.
methodology-ratios = Verhältnisse
methodology-ratios-text = Ein Verhältnis A / B (zum Beispiel das Medianeinkommen einer Gruppe in Prozent dessen der Inländer) ist signifikant, wenn sein 95-%-Intervall 100 % — Gleichheit — ausschließt, nicht 0.
methodology-flags = Eurostat-Kennzeichen
methodology-flags-caption = Statuscodes der Beobachtungen (Listen vor 2025 und ab 2025; seit 2025 ist die Vertraulichkeit ein eigener Status C/N/P)
methodology-col-flag = Kennzeichen
methodology-col-meaning = Bedeutung
methodology-methods = Methoden
methodology-direct = Direkte Schätzungen
methodology-direct-text = Designbasierte Schätzungen aus Mikrodaten der Erhebung mit deren Gewichten, Schichten und Klumpen; Varianzen durch Linearisierung (Ultimate-Cluster), wie die R-Pakete survey und laeken sie berechnen. Armutsgefährdungsquoten verwenden die nationale Schwelle (60 % des nationalen Medians des Äquivalenzeinkommens).
methodology-gaps = Abstände
methodology-gaps-text = Abstände zwischen Zugewanderten und Inländern werden mit der Kovarianz der beiden Gruppen in derselben Stichprobe geschätzt, sodass ihre Intervalle für das Design exakt sind; eine Differenz ist signifikant, wenn ihr 95-%-Intervall null ausschließt, ein Verhältnis, wenn es 100 % ausschließt.
methodology-rankings = Rangfolgen
methodology-rankings-text = Rang 1 ist der beste Wert. Das Rangintervall ist der Bereich der Ränge, die ein Gebiet in 95 % von 1.000 parametrischen Simulationen aus Schätzwert und Standardfehler jedes Gebiets einnimmt: Überlappende Intervalle bedeuten, dass die Reihenfolge nicht gesichert ist.
methodology-comparisons = Vergleiche
methodology-comparisons-text = Zwei Gebiete werden mit einem z-Test auf die Differenz ihrer Schätzwerte verglichen (unabhängige Stichproben: die Varianzen addieren sich). Werden mehrere Gebiete mit einem verglichen, werden die p-Werte nach Holm angepasst.
methodology-similar = Ähnliche Gebiete
methodology-similar-text = Nächste Nachbarn nach Kontextindikatoren: Jeder Indikator wird über die Gebiete derselben Ebene standardisiert, und die Distanz ist die gewichtete euklidische Distanz über die Indikatoren, die beide Gebiete haben. Der Beitrag jedes Indikators zur Distanz wird gezeigt, und die Gewichte lassen sich ändern.
methodology-sae = Small-Area-Schätzung
methodology-sae-text = Fay-Herriot-Modell auf Gebietsebene, geschätzt mit REML, validiert gegen die R-Pakete sae und emdi; siehe die Civis-Dokumentation.
methodology-catalogue-version = Version des Indikatorenkatalogs
methodology-datasets = Datensätze
methodology-datasets-caption = Datensätze in diesem Portal
methodology-col-dataset = Datensatz
methodology-col-vintage = Stand
methodology-col-attribution = Quellenangabe

## The comparison page

compare-title = Gebiete vergleichen
compare-lead = Wählen Sie bis zu { $max } Gebiete in beliebigen Ländern. Jeder Wert wird gegen das erste Gebiet getestet: Ein Unterschied gilt als signifikant, wenn das 95-%-Intervall der Differenz nach der Holm-Korrektur für die Zahl der Vergleiche null ausschließt. Wählen Sie einen Abstand (zum Beispiel Ausländer − Inländer), um die Abstände zwischen Zugewanderten und Inländern der Gebiete zu vergleichen. Anders gemessene Werte — eine andere Altersgruppe, eine Fallzahl, synthetische Testdaten gegenüber echten Statistiken — werden gezeigt, aber nicht getestet, mit Begründung.
compare-area-n = Gebiet { $n }
compare-no-data-for = Keine Daten für:
compare-choose = Wählen Sie mindestens ein Gebiet.
compare-table = Vergleichstabelle
compare-caption = { $group }: jedes Gebiet im Vergleich zu { $area }
compare-col-indicator = Indikator, Jahr
compare-not-tested = nicht getestet (kein Standardfehler)
compare-not-head-counts = Nicht verglichen: Fallzahlen hängen von der Größe eines Ortes ab, nicht davon, wie es seinen Menschen geht.
compare-not-unit = Nicht verglichen: gemessen in { $unit } gegenüber { $first } in { $area }.
compare-not-synthetic = Nicht verglichen: synthetische Testdaten können nicht echten Statistiken gegenübergestellt werden.
compare-not-ages = Nicht verglichen: Alter { $ages } hier gegenüber { $first } in { $area }.
compare-no-gap = Keines dieser Gebiete hat beide Werte des Abstands „{ $gap }“ für einen gemeinsamen Indikator.
compare-no-indicator = Diese Gebiete haben keinen Indikator für diese Gruppe.
error-invalid-request = Ungültige Anfrage

## Similar areas

peers-title = Gebiete ähnlich wie { $area }
peers-crumb = ähnliche Gebiete
peers-lead = Die nächstgelegenen { $kinds } nach { $n } Kontextindikatoren, unter { $others } anderen.
peers-method = Gebiete werden nur nach Quoten und Anteilen (Prozentwerten) zugeordnet, nie nach Fallzahlen, die die Größe eines Ortes statt seiner Lage messen. Jeder Indikator wird standardisiert (z-Wert über diese Gebiete); die Distanz ist die gewichtete euklidische Distanz über die Indikatoren, die beide Gebiete haben (mindestens die Hälfte), auf alle Gewichte umskaliert. Die Balken zeigen, wie viel jeder Indikator zur Distanz beiträgt: Ein kleiner Anteil bedeutet, dass sich die beiden Gebiete darin ähneln.
peers-kinds-aggregate = Aggregate
peers-kinds-country = Länder
peers-kinds-region = Regionen
peers-kinds-district = Bezirke
peers-kinds-degurba = Verstädterungsgrade
peers-kinds-city = Städte
peers-no-indicators = Nicht genug Kontextindikatoren für Gebiete dieser Ebene.
peers-weight = Gewicht: { $indicator }
peers-recompute = Neu berechnen
peers-none = Kein Gebiet hat genug Indikatoren mit diesem gemeinsam.
peers-caption = Nächstgelegene Gebiete und was sie unterscheidet (Anteil an der quadrierten Distanz je Indikator)
peers-distance = Distanz
peers-this-area = dieses Gebiet
peers-compare = vergleichen
peers-share = { $share } der Distanz

## The city section of an area page

city-region-title = Lage der Zugewanderten in ihrer Region (NUTS 2)
city-lies-in = liegt in
city-and-nuts3 = und in der NUTS-3-Region
city-no-city-outcomes = Eurostat veröffentlicht für Städte keine Indikatoren zu Migrantinnen und Migranten: Dies sind die Werte der Region aus der Arbeitskräfteerhebung der EU.
city-no-region-outcomes = Für diese Region werden keine Indikatoren zu Migrantinnen und Migranten veröffentlicht.
city-outcomes-of = Lage der Zugewanderten in { $region }
city-outcomes-caption = Region (NUTS 2) { $region }: Erwerbstätigkeit und Arbeitslosigkeit nach Geburtsland, letztes Jahr
city-col-ages = Alter
city-col-region = Region (NUTS 2)
city-not-placed = Diese Stadt konnte keiner NUTS-2024-Region zugeordnet werden; siehe das Städteregister:
city-country = Land:
city-peers-title = Vergleichbare Städte
city-peers-lead = Die Städte desselben Landes, die { $city } beim Anteil der im Ausland Geborenen am nächsten liegen (letztes Jahr).
city-peers-link = Ähnliche Gebiete nach allen Kontextindikatoren
city-peers-of = Vergleichbare Städte zu { $city }
city-peers-caption = Vergleichbare Städte zu { $city } nach dem Anteil der im Ausland Geborenen
city-col-city = Stadt
city-col-foreign-born = Anteil der im Ausland Geborenen

## The availability page

availability-title = Verfügbarkeit regionaler Statistiken über Migrantinnen und Migranten
availability-heading = Wie viel der EU-Statistiken über Migrantinnen und Migranten erreicht ihre Regionen?
availability-lead = Für jeden Indikator, jede Gruppe, jedes Land und Jahr: der Anteil der NUTS-2-Regionen, deren Wert Eurostat veröffentlicht, mit dem Kennzeichen u für geringe Zuverlässigkeit veröffentlicht oder nicht veröffentlicht hat (zu wenige Befragte). Jede Zeile steht in
availability-none = Es sind keine amtlichen NUTS-2-Werte geladen.
availability-sources = Quellen und Stände
availability-summary = Von { $values } Werten für NUTS-2-Regionen wurden { $published } veröffentlicht, { $low } mit geringer Zuverlässigkeit (u) veröffentlicht und { $not } nicht veröffentlicht.
availability-no-flags = Die Werte für { $year } stammen aus einer Sekundärquelle ohne die Eurostat-Kennzeichen: Werte, die Eurostat mit dem Kennzeichen u veröffentlicht, zählen als veröffentlicht, und der gekennzeichnete Anteil ist unbekannt (im Diagramm ausgelassen).
availability-table = Regionen nach Veröffentlichungsstatus
availability-table-caption = NUTS-2-Regionen nach Veröffentlichungsstatus
availability-regions = Regionen
availability-published = Veröffentlicht
availability-low = Geringe Zuverlässigkeit (u)
availability-not-published = Nicht veröffentlicht
availability-map-title = Anteil der ohne Kennzeichen veröffentlichten NUTS-2-Werte, { $year }, nach Land
availability-chart-title = Anteil der veröffentlichten, gekennzeichneten und nicht veröffentlichten NUTS-2-Werte, alle Länder, nach Jahr

## Citations, permalinks and embeds (h19b)

cite-link = zitieren
cite-link-label = Diese Zahl zitieren
cite-title = Diese Zahl zitieren
cite-heading = Zitieren
cite-summary-page = Die Zahlen dieser Seite zitieren
cite-permalink-page = Permanenter Link zu genau diesen Zahlen:
cite-each-value = Der Link „zitieren“ jedes Werts liefert seine eigene Quellenangabe als BibTeX, RIS und CSL-JSON, z. B.
cite-identifier = Kennung
cite-data-code = Online-Datencode
cite-last-update = Letzte Aktualisierung des Datensatzes
cite-retrieved = Abgerufen
cite-method = Methode
cite-synthetic = (synthetische Daten)
cite-release = Stand
cite-permalink = Permanenter Link zu diesem Datenstand
cite-download = Herunterladen:
vintage-pinned = Dies sind die Zahlen von Stand { $release } ({ $date } UTC).
vintage-newer = Es gibt einen neueren Datenstand
vintage-newer-release = (Stand { $release }, { $date } UTC):
vintage-current-link = aktuelle Zahlen ansehen
vintage-permalink = Permanenter Link zu diesen Zahlen (Stand { $release }):
embed-summary = Diese Grafik einbetten
embed-how = Kopieren Sie einen dieser Codes in Ihre Seite, mit der Adresse dieses Portals vor dem Pfad /embed/. Die Grafik trägt ihre Quellenzeile, Zitierung und Kennzeichnungen.
embed-how-absolute = Kopieren Sie einen dieser Codes in Ihre Seite. Die Grafik trägt ihre Quellenzeile, Zitierung und Kennzeichnungen.
embed-synthetic = Synthetische Daten: zur Demonstration, keine echten Statistiken.
embed-model-based = Enthält modellbasierte Schätzungen (kleine Gebiete).
embed-cite = Zitieren:
embed-current = aktuelle Zahlen auf Civis
embed-source-eurostat = Quelle: Eurostat (Online-Datencode: { $code })
embed-source-eurostat-via = Quelle: Eurostat (Online-Datencode: { $code }), über { $via }
embed-source-civis = Civis, Schätzung ({ $method }): { $source }

## The profile as a PDF (the report)

report-profile = Profil
report-gaps = Abstände
report-over-time = Im Zeitverlauf
report-peers-intro = Die Gebiete, die bei den Kontextindikatoren am nächsten liegen (standardisierte Distanz; kleiner heißt näher), wie auf der Seite der ähnlichen Gebiete im Portal:
report-shared = Gemeinsame Indikatoren
report-peer-cities = Vergleichsstädte (gleiches Land, ähnlichster Anteil im Ausland Geborener)
report-legend = Kennzeichen und Flags
report-legend-u = u: geringe Zuverlässigkeit (Eurostat-Flag u): mit Vorsicht lesen.
report-legend-c = c / unterdrückt: zu wenige Beobachtungen oder vertraulich; nie als Zahl gezeigt.
report-legend-m = M: modellbasierte Schätzung (kleine Gebiete), mit dem Anteil, der aus dem Modell stammt.
report-legend-e = E: von Eurostat veröffentlicht (amtlich, ohne veröffentlichtes Intervall).
report-legend-synthetic = synthetisch: aus synthetischen Testdaten berechnet (laeken eusilc, emdi eusilcA), keine echten Statistiken.
report-legend-flags = Andere Buchstaben sind Eurostat-Flags: b Zeitreihenbruch, d abweichende Definition, e geschätzt, p vorläufig, r revidiert, s Eurostat-Schätzung.
report-synthetic-note = Einige Werte dieses Berichts sind aus synthetischen Testdaten berechnet (den Dateien eusilc aus laeken und eusilcA aus emdi): Sie zeigen die Methoden und sind keine echten Statistiken für Österreich. Sie sind mit „synthetisch“ gekennzeichnet.
report-retrieved = abgerufen am
report-citation = Zitierung
report-cite-as = Diesen Bericht zitieren als
report-online = Online
report-data-version = Datenversion

## Groups of countries (Eurostat's aggregates; English as Eurostat names them)

aggregate-eu27-2020 = Europäische Union - 27 Länder (ab 2020)
aggregate-eu28 = Europäische Union - 28 Länder (2013-2020)
aggregate-eu27-2007 = Europäische Union - 27 Länder (2007-2013)
aggregate-eu15 = Europäische Union - 15 Länder (1995-2004)
aggregate-ea = Euroraum
aggregate-ea18 = Euroraum - 18 Länder (2014)
aggregate-ea19 = Euroraum - 19 Länder (2015-2022)
aggregate-ea20 = Euroraum - 20 Länder (ab 2023)
aggregate-efta = Europäische Freihandelsassoziation
