# Civis portal: Italian. Source: en.ftl. Terms as in Eurostat's Italian publications.

## The page shell

skip-to-content = Vai al contenuto
tagline = Indicatori di integrazione degli immigrati per le città e le regioni europee
nav-site = Sito
nav-languages = Lingue
nav-home = Home
nav-indicators = Indicatori
nav-areas = Territori
nav-compare = Confronta
nav-methodology = Metodologia
nav-downloads = Download
nav-registry = Pratiche e strumenti
nav-api = API
this-page-in-language = Questa pagina in italiano
synthetic-banner-title = Dati sintetici.
synthetic-banner-text = Alcuni valori di questa pagina sono calcolati da dati di prova sintetici (i file «eusilc» di laeken ed «eusilcA» di emdi): illustrano i metodi e non sono statistiche reali per l’Austria. Sono contrassegnati come
twins-label = Questa pagina come dati:
footer-sources = Fonti: Eurostat (riutilizzo con la dicitura «Fonte: Eurostat»); stime Civis da microdati EU-SILC sintetici (pacchetto R laeken, GPL ≥ 2) e dai dati austriaci sintetici di emdi (GPL-2).
footer-boundaries = Confini: © EuroGeographics per i confini amministrativi (Eurostat GISCO, NUTS 2024); distretti austriaci: BEV, tramite SynerGIS (CC BY-SA 2.0).
footer-read-numbers = Come leggere i numeri
footer-status = Stato

## Error pages

error-not-found-title = Pagina non trovata
error-not-found-text = Non esiste alcuna pagina a questo indirizzo. Parta dall’elenco degli indicatori o dei territori.

## Values, units and their status

unit-pc-ref = { $value } del rif.
unit-thousand = { $value } migliaia
unit-pp = { $value } p.p.
value-suppressed = soppresso
value-not-available = non disponibile
sentence-interval = (IC al 95%: da { $low } a { $high })
sentence-low-reliability = , bassa affidabilità (u)
sentence-model-share = , stima basata su modello ({ $share } dal modello)
sentence-model-based = , stima basata su modello
sentence-synthetic = , dati sintetici
badge-synthetic = sintetico
badge-low-title = Bassa affidabilità (flag Eurostat u)
badge-suppressed-title = Soppresso: troppo poche osservazioni o dato riservato
badge-official-title = Pubblicato da Eurostat
badge-synthetic-title = Calcolato da dati sintetici (dati di prova laeken/emdi), non una statistica reale
badge-model-title = Stima basata su modello (stima per piccole aree)
badge-model-share-title = Stima basata su modello (piccole aree): { $model } deriva dal modello, { $survey } dall’indagine

## Eurostat observation flags

flag-b = interruzione della serie
flag-c = riservato
flag-d = definizione diversa
flag-e = stimato
flag-f = previsione
flag-i = imputato
flag-m = mancante, il dato non può esistere
flag-n = non significativo
flag-p = provvisorio
flag-r = rivisto
flag-s = stima Eurostat
flag-u = bassa affidabilità
flag-z = non pertinente
flag-other = flag

## Target groups

group-total-citizenship = Totale
group-total-birth = Totale
group-nat-citizenship = Cittadini nazionali
group-nat-birth = Nati nel paese
group-for-citizenship = Cittadini stranieri
group-for-birth = Nati all’estero
group-eu27-2020-for-citizenship = Cittadini di un altro paese dell’UE
group-eu27-2020-for-birth = Nati in un altro paese dell’UE
group-neu27-2020-for-citizenship = Cittadini di paesi terzi (non UE)
group-neu27-2020-for-birth = Nati fuori dall’UE
group-gap = Divario: { $a } − { $b }
group-ratio = Rapporto: { $a } / { $b }

## Indicators (English source: crates/civis-catalog/data/indicators.toml)

indicator-employment_rate = Tasso di occupazione
indicator-employment_rate-definition = Persone occupate (definizione ILO) in percentuale della popolazione di età compresa tra 20 e 64 anni.
indicator-unemployment_rate = Tasso di disoccupazione
indicator-unemployment_rate-definition = Persone disoccupate (definizione ILO) in percentuale delle forze di lavoro (occupati più disoccupati) di età compresa tra 15 e 74 anni.
indicator-activity_rate = Tasso di attività
indicator-activity_rate-definition = Occupati più disoccupati (definizione ILO) in percentuale della popolazione di età compresa tra 20 e 64 anni.
indicator-long_term_unemployment_share = Quota di disoccupazione di lunga durata
indicator-long_term_unemployment_share-definition = Persone disoccupate da 12 mesi o più in percentuale di tutti i disoccupati di età compresa tra 15 e 74 anni.
indicator-self_employment_share = Quota di lavoro autonomo
indicator-self_employment_share-definition = Lavoratori autonomi in percentuale degli occupati di età compresa tra 20 e 64 anni.
indicator-temporary_employment_share = Quota di lavoro a tempo determinato
indicator-temporary_employment_share-definition = Dipendenti con contratto a tempo determinato in percentuale di tutti i dipendenti di età compresa tra 20 e 64 anni.
indicator-part_time_employment_share = Quota di lavoro a tempo parziale
indicator-part_time_employment_share-definition = Persone che lavorano a tempo parziale in percentuale degli occupati di età compresa tra 20 e 64 anni.
indicator-overqualification_rate = Tasso di sovraqualificazione
indicator-overqualification_rate-definition = Occupati con istruzione terziaria (ISCED 5-8) che lavorano nei grandi gruppi 4-9 della ISCO-08, in percentuale degli occupati con istruzione terziaria, di età compresa tra 20 e 64 anni.
indicator-attainment_low = Livello di istruzione: al massimo secondaria inferiore (ISCED 0-2)
indicator-attainment_low-definition = Persone il cui livello di istruzione più elevato è ISCED 0-2, in percentuale della popolazione di età compresa tra 25 e 64 anni.
indicator-attainment_medium = Livello di istruzione: secondaria superiore e post-secondaria non terziaria (ISCED 3-4)
indicator-attainment_medium-definition = Persone il cui livello di istruzione più elevato è ISCED 3-4, in percentuale della popolazione di età compresa tra 25 e 64 anni.
indicator-attainment_high = Livello di istruzione: terziaria (ISCED 5-8)
indicator-attainment_high-definition = Persone il cui livello di istruzione più elevato è ISCED 5-8, in percentuale della popolazione di età compresa tra 25 e 64 anni.
indicator-tertiary_attainment = Istruzione terziaria, 25-34 anni
indicator-tertiary_attainment-definition = Persone di età compresa tra 25 e 34 anni con istruzione terziaria (ISCED 5-8), in percentuale della popolazione di età compresa tra 25 e 34 anni (fascia d’età dell’obiettivo UE 2030; l’insieme di Saragozza del 2010 usava 30-34 anni).
indicator-early_leavers_rate = Giovani che abbandonano prematuramente l’istruzione e la formazione
indicator-early_leavers_rate-definition = Persone di età compresa tra 18 e 24 anni con al massimo un titolo di istruzione secondaria inferiore (ISCED 0-2) che non hanno partecipato ad alcuna attività di istruzione o formazione nelle quattro settimane precedenti l’indagine, in percentuale della popolazione di età compresa tra 18 e 24 anni.
indicator-neet_rate = Giovani che non lavorano e non frequentano corsi di istruzione o formazione (NEET)
indicator-neet_rate-definition = Persone di età compresa tra 15 e 29 anni non occupate che non hanno partecipato ad alcuna attività di istruzione o formazione nelle quattro settimane precedenti l’indagine, in percentuale della popolazione di età compresa tra 15 e 29 anni.
indicator-arop_rate = Tasso di rischio di povertà
indicator-arop_rate-definition = Persone di 18 anni o più con un reddito disponibile equivalente inferiore al 60% del reddito disponibile equivalente mediano nazionale (mediana ponderata di tutte le persone del paese), in percentuale delle persone di 18 anni o più.
indicator-median_equivalised_income = Reddito netto equivalente mediano
indicator-median_equivalised_income-definition = Mediana ponderata del reddito disponibile equivalente delle persone di 18 anni o più (definizione dei quantili di Eurostat).
indicator-median_income_ratio = Reddito equivalente mediano rispetto al gruppo di riferimento
indicator-median_income_ratio-definition = Reddito netto equivalente mediano del gruppo di 18 anni o più in percentuale della mediana del gruppo di riferimento (cittadini nazionali o nati nel paese) nello stesso territorio (forma di Saragozza dell’indicatore di reddito).
indicator-in_work_poverty_rate = Tasso di rischio di povertà lavorativa
indicator-in_work_poverty_rate-definition = Occupati di 18 anni o più con un reddito disponibile equivalente inferiore al 60% della mediana nazionale, in percentuale degli occupati di 18 anni o più.
indicator-smsd_rate = Tasso di grave deprivazione materiale e sociale
indicator-smsd_rate-definition = Persone di 18 anni o più prive di almeno 7 dei 13 elementi di deprivazione (definizione del 2021), in percentuale delle persone di 18 anni o più.
indicator-very_low_work_intensity_rate = Persone che vivono in famiglie a intensità di lavoro molto bassa
indicator-very_low_work_intensity_rate-definition = Persone di età compresa tra 18 e 64 anni che vivono in famiglie i cui membri in età lavorativa hanno lavorato al massimo il 20% del loro potenziale nell’anno precedente (definizione del 2021), in percentuale delle persone di età compresa tra 18 e 64 anni.
indicator-arope_rate = A rischio di povertà o di esclusione sociale (AROPE)
indicator-arope_rate-definition = Persone di 18 anni o più a rischio di povertà, o in condizione di grave deprivazione materiale e sociale, o che vivono in una famiglia a intensità di lavoro molto bassa (ogni persona contata una sola volta), in percentuale delle persone di 18 anni o più. La soglia di povertà è quella nazionale; il suo errore campionario non è propagato nell’errore standard di questo indicatore.
indicator-housing_cost_overburden_rate = Tasso di sovraccarico dei costi abitativi
indicator-housing_cost_overburden_rate-definition = Persone di 18 anni o più che vivono in famiglie in cui il costo totale dell’abitazione (al netto dei sussidi per l’alloggio) supera il 40% del reddito disponibile (al netto dei sussidi per l’alloggio), in percentuale delle persone di 18 anni o più.
indicator-overcrowding_rate = Tasso di sovraffollamento
indicator-overcrowding_rate-definition = Persone di 18 anni o più che vivono in un’abitazione con un numero di stanze inferiore allo standard UE per la composizione della loro famiglia, in percentuale delle persone di 18 anni o più.
indicator-owner_rate = Tasso di proprietà dell’abitazione (titolo di godimento: proprietario)
indicator-owner_rate-definition = Persone di 18 anni o più che vivono in un’abitazione di proprietà della propria famiglia (con o senza mutuo), in percentuale delle persone di 18 anni o più.
indicator-good_health_rate = Salute percepita: buona o molto buona
indicator-good_health_rate-definition = Persone di 16 anni o più che percepiscono la propria salute come buona o molto buona, in percentuale delle persone di 16 anni o più.
indicator-unmet_medical_needs_rate = Bisogni insoddisfatti di visite mediche dichiarati
indicator-unmet_medical_needs_rate-definition = Persone di 16 anni o più che dichiarano un bisogno insoddisfatto di visita o cura medica negli ultimi 12 mesi, in percentuale delle persone di 16 anni o più.
indicator-naturalisation_rate = Tasso di naturalizzazione
indicator-naturalisation_rate-definition = Persone che hanno acquisito la cittadinanza nel corso dell’anno in percentuale della popolazione non nazionale al 1° gennaio dell’anno.
indicator-long_term_residence_share = Quota di soggiornanti di lungo periodo tra i cittadini non UE
indicator-long_term_residence_share-definition = Cittadini non UE titolari di uno status di soggiornante di lungo periodo (UE o permanente nazionale) alla fine dell’anno, in percentuale di tutti i cittadini non UE titolari di un permesso di soggiorno valido.

## Shared words

list-and = {" "}e{" "}
list-or = {" "}o{" "}
range = da { $low } a { $high }
ages = età { $ages }
col-group = Gruppo
col-ci = IC al 95%
col-indicator = Indicatore
col-method = Metodo
col-estimate = Stima
col-se = Errore standard
col-cv = CV
col-outcome = Esito
method-official = ufficiale
method-direct = diretta
method-model-based = basata su modello
outcome-suppressed = soppresso
outcome-not-available = non disponibile
outcome-publish-with-flag-u = pubblicare con flag u
outcome-publish = pubblicare

## Kinds of area

area-kind-aggregate = aggregato
area-kind-country = paese
area-kind-region = regione
area-kind-district = distretto
area-kind-degurba = grado di urbanizzazione
area-kind-city = città

## Generated sentences: gaps and their verdicts

gap-ratio-value = { $value } dei { $reference }
verdict-ratio-significant = il rapporto differisce significativamente dal 100% (95%)
verdict-significant = la differenza è statisticamente significativa (95%)
verdict-ratio-not-significant = non significativamente diverso dal 100%
verdict-not-significant = non statisticamente significativa
verdict-not-tested = non verificata (nessun errore standard pubblicato)
verdict-group-too-small = uno dei gruppi ha troppo poche osservazioni per essere pubblicato

## The area profile

area-compared-with-nothing = Non confrontato con alcun livello superiore.
area-compared-with = Confrontato con { $areas }.
area-similar-areas = Territori simili
area-compare-link = Confronta con altri territori
area-report-link = Profilo in PDF
area-no-values = Nessun valore degli indicatori per questo territorio.
area-table-label = { $indicator } per gruppo
area-table-caption = { $indicator } in { $area }, { $time }, per gruppo, con intervalli di confidenza al 95%
area-direct = diretta:
area-no-comparator-value = Nessun valore per { $areas } nelle fonti per questo indicatore, gruppo e anno (con la stessa fascia d’età): non mostrato anziché lasciato vuoto.
precision-title = Quanto sono precisi questi numeri?
precision-direct = { $publishable } celle indicatore × gruppo su { $cells } possono essere pubblicate dalla sola indagine
precision-with-sae = ; { $publishable } con la stima per piccole aree
precision-cv = Il coefficiente di variazione (CV) è l’errore standard in rapporto alla stima.
precision-table = Tabella della precisione
precision-caption = Precisione delle stime per { $area }

## Statuses and comparisons with a reference

status-not-available = non disponibile
status-suppressed = soppresso
status-low-reliability = bassa affidabilità
status-model-based = basato su modello
status-official = ufficiale
status-reliable = affidabile
versus-higher = superiore
versus-lower = inferiore
versus-not-significant = non significativo
versus-unknown = sconosciuto
reference = riferimento
age-and-over = { $age } anni e oltre
age-under = meno di { $age } anni

## Policy areas of the catalogue

policy-employment = Occupazione
policy-education = Istruzione
policy-social-inclusion = Inclusione sociale
policy-housing = Abitazione
policy-health = Salute
policy-active-citizenship = Cittadinanza attiva
policy-context = Contesto

## The indicator page

indicator-definition-title = Definizione
indicator-context = Indicatore di contesto.
indicator-unit = Unità:
indicator-age = Età:
indicator-higher-better = Un valore più alto è migliore.
indicator-lower-better = Un valore più basso è migliore.
filter-level = Livello
filter-year = Anno
filter-show = Mostra
indicator-no-values = Nessun valore per questa selezione.
indicator-selection = { $group }, livello: { $level }, { $time }
ranking-table = Tabella della graduatoria
ranking-caption-highest = Posizione 1 = valore più alto; l’intervallo di posizione è l’insieme delle posizioni compatibili con l’errore campionario (95%).
ranking-caption-lowest = Posizione 1 = valore più basso; l’intervallo di posizione è l’insieme delle posizioni compatibili con l’errore campionario (95%).
col-rank = Posizione
col-area = Territorio
col-value = Valore
col-status = Stato
col-versus = rispetto a { $area }
col-versus-reference = rispetto al riferimento
indicator-download = Scarica questo indicatore:
sources-title = Fonti
sources-vintage = edizione

## The home page

home-title = A che punto sono i migranti?
home-heading = Come se la cavano gli immigrati nella sua città e nella sua regione?
home-lead = Civis riunisce gli indicatori comuni dell’UE sull’integrazione degli immigrati — lavoro, istruzione, reddito e povertà, abitazione, salute, cittadinanza — per paesi, regioni e città, con l’incertezza di ogni numero: intervalli di confidenza, flag di affidabilità e un segno chiaro sui valori che provengono da un modello anziché direttamente da un’indagine.
home-card-indicators = { $count } indicatori con definizioni, mappe e graduatorie.
home-card-areas = { $count } paesi, regioni e distretti, ciascuno con un profilo rispetto al proprio paese e all’UE.
home-card-compare = Territori a confronto, con un test che indica se le differenze sono reali.
home-card-registry = Che cosa hanno fatto le città, di che cosa hanno bisogno, e gli strumenti e le fonti di dati da usare.
home-headline = { $indicator } dei cittadini stranieri, { $time }
home-countries = Paesi
home-headline-caption = { $indicator }: cittadini stranieri e nazionali per paese, { $time }, ordinati per divario (Eurostat)
col-country = Paese
col-gap = Divario
home-sources = Da dove vengono i numeri
home-values = { $count } valori

## The catalogue and the list of areas

catalogue-lead = Gli indicatori UE di integrazione dei migranti (l’insieme di «Saragozza» e le aggiunte del 2013) che Civis calcola o pubblica, con le loro definizioni. Versione del catalogo
catalogue-context = Indicatore di contesto da { $source }.
catalogue-levels = Livelli:
areas-lead = Tutti i territori con dati. Ogni profilo confronta il territorio con il suo paese e con l’UE, mostra i divari tra migranti e nativi e indica quanto è preciso ogni numero.
areas-aggregates = Gruppi di paesi
areas-countries = Paesi
areas-regions = Regioni (NUTS)
areas-districts = Distretti (Austria)
areas-degurba = Grado di urbanizzazione
areas-cities = Città

## Charts

chart-in-words = Il grafico a parole
chart-not-drawn = Grafico non disegnato ({ $error }); la tabella contiene i numeri.
chart-map-title = { $indicator }, { $group }, { $time }: mappa per { $level }
chart-ranking-title = { $indicator }, { $group }, { $time }: graduatoria con intervalli al 95%
chart-gap-title = { $indicator } in { $area }: gruppi di migranti rispetto ai nazionali, { $time }
chart-series-title = { $indicator } in { $area } nel tempo
chart-precision-title = Precisione delle stime dirette per { $area }: CV rispetto alla dimensione del campione
chart-threshold-caution = con cautela
chart-threshold-unreliable = troppo incerto
# The words drawn inside the charts (civis-chart's Labels); { $x } are filled by the chart
chart-label-no-data = nessun dato
chart-label-suppressed = soppresso
chart-label-key-low-reliability = bassa affidabilità (vuoto, tratteggiato)
chart-label-key-model-based = stima basata su modello
chart-label-key-suppressed = soppresso (non pubblicabile)
chart-label-map-suppressed = soppresso (:)
chart-label-map-low-reliability = bassa affidabilità (u), tratteggiato
chart-label-level = livello
chart-label-gap-to = divario rispetto a { $reference }
chart-label-reference = riferimento
chart-label-gap-not-available = divario non disponibile
chart-label-significant = significativo al 95 %
chart-label-not-significant = non significativo
chart-label-value = valore
chart-label-rank-range = posizione (intervallo)
chart-label-rank = posizione { $rank } ({ $lower }–{ $upper })
chart-label-sample-size-axis = dimensione del campione n (scala logaritmica)
chart-label-cv-axis = coefficiente di variazione
# The text alternative of the charts (civis-chart's AltWords); { $x } are filled by the chart
chart-alt-ci = IC al 95%: da { $lower } a { $upper }
chart-alt-low-reliability = bassa affidabilità (u)
chart-alt-model-based = stima basata su modello (M)
chart-alt-model-share = { $share }% dal modello
chart-alt-official = dato ufficiale senza intervallo di confidenza
chart-alt-all-official = Tutti i valori sono dati ufficiali senza intervallo di confidenza; i flag sono indicati dove si applicano.
chart-alt-focus-area = area in esame
chart-alt-focus = in evidenza
chart-alt-gap-intro = { $title }. { $area }: { $groups } a confronto con { $reference } (riferimento), in { $unit }. I divari sono gruppo meno riferimento in { $difference_unit }, con intervalli di confidenza al 95%; un divario è significativo al 95% quando il suo intervallo esclude lo zero.
chart-alt-reference-row = { $label } (riferimento): { $value }
chart-alt-gap = divario { $gap } (IC al 95%: da { $lower } a { $upper }), { $significance }
chart-alt-ranking-intro-highest = { $title }. { $areas }, dal valore più alto, in { $unit }; i punti sono le stime, i baffi gli intervalli di confidenza al 95%.
chart-alt-ranking-intro-lowest = { $title }. { $areas }, dal valore più basso, in { $unit }; i punti sono le stime, i baffi gli intervalli di confidenza al 95%.
chart-alt-reference-line = Linea di riferimento: { $label } { $value }.
chart-alt-plausible-ranks = posizione { $rank } (posizioni plausibili da { $lower } a { $upper })
chart-alt-series-intro = { $title }. { $series }, dal { $first } al { $last }, in { $unit }; le linee sono le stime, le bande ombreggiate gli intervalli di confidenza al 95%; una linea si interrompe dove un periodo non ha un valore pubblicabile.
chart-alt-map-intro = { $title }. Mappa di { $areas }, in { $unit }: { $with_value } con un valore, di cui { $low } di bassa affidabilità (tratteggiate), { $suppressed } soppresse, { $without } senza dati.
chart-alt-class-under = meno di { $upper }{ $unit }
chart-alt-class-between = da { $lower } a meno di { $upper }{ $unit }
chart-alt-class-over = { $lower }{ $unit } e oltre
chart-alt-class-range = da { $lower } a { $upper }{ $unit }
chart-alt-class-all = tutti i valori
chart-alt-classes = Classi, dal chiaro allo scuro: { $classes }.
chart-alt-boundaries = Confini: { $attribution }.
chart-alt-precision-intro = { $title }. Coefficiente di variazione (CV, %) rispetto alla dimensione campionaria non ponderata n per { $groups }.
chart-alt-thresholds = Soglie: { $thresholds }.
chart-alt-threshold = { $cv } ({ $label })
chart-alt-sample-size = n = { $n }
chart-alt-cv = CV { $cv }
chart-alt-cv-at-or-above = pari o superiore a { $cv } ({ $label })
chart-alt-cv-below-all = sotto tutte le soglie
chart-alt-cv-not-available = CV non disponibile
# Unit words in the charts (civis-chart's UnitWords)
chart-unit-pp = p.p.
chart-unit-thousand = migliaia
chart-unit-percentage-points = punti percentuali (p.p.)
chart-unit-percent = percentuale
chart-unit-percent-of-population = percentuale della popolazione
chart-unit-percent-of-active = percentuale della popolazione attiva
chart-unit-euro = euro
chart-unit-national-currency = valuta nazionale
chart-unit-purchasing-power-standard = standard di potere d’acquisto
chart-unit-percent-of-reference = percentuale del valore del gruppo di riferimento
chart-unit-thousand-persons = migliaia di persone
# Counts in the text alternative, after the language's plural rules
chart-count-groups =
    { $count ->
        [one] { $count } gruppo
       *[other] { $count } gruppi
    }
chart-count-areas =
    { $count ->
        [one] { $count } area
       *[other] { $count } aree
    }
chart-count-series = { $count } serie
chart-count-nuts-regions =
    { $count ->
        [one] { $count } regione NUTS di livello { $level }
       *[other] { $count } regioni NUTS di livello { $level }
    }
chart-count-districts =
    { $count ->
        [one] { $count } distretto politico austriaco
       *[other] { $count } distretti politici austriaci
    }

## The API and downloads pages

api-lead = Tutto in questo sito è un dato. Ogni pagina ha dei gemelli: aggiunga .json o .csv al suo indirizzo, per esempio
api-paging = Gli endpoint qui sotto aggiungono filtri e paginazione. Le risposte hanno un ETag; lo rimandi in If-None-Match per ottenere 304 Not Modified.
api-openapi = La descrizione leggibile da una macchina:
api-endpoints = Endpoint
api-endpoints-caption = Endpoint (tutti GET, JSON)
api-col-path = Percorso
api-col-what = Contenuto
api-example = Esempio
api-fields = Ogni osservazione ha questi campi; flags sono i codici di Eurostat, status è reliable, low_reliability, suppressed, model_based (con model_share), official o missing. I valori soppressi non hanno stima.
api-endpoint-indicators = Tutti gli indicatori con le definizioni
api-endpoint-indicator = Un indicatore: livelli, gruppi e periodi con dati
api-endpoint-observations = Osservazioni, filtrate (indicator, geo, group, sex, age, time, method, level) e paginate (limit ≤ 1000, offset)
api-endpoint-areas = Tutti i territori
api-endpoint-area = Il profilo del territorio (come /areas/{"{"}geo{"}"}.json)
api-endpoint-compare = Territori a confronto con test di significatività
api-endpoint-peers = Vicini più prossimi sugli indicatori di contesto, con i contributi
api-endpoint-datasets = Insiemi di dati e la loro provenienza
api-endpoint-openapi = Questa API in formato OpenAPI 3.1
downloads-lead = Ogni indicatore, tutti i territori, gruppi e anni, con intervalli di confidenza, dimensioni campionarie e flag. I valori soppressi mantengono il loro flag e non hanno numero. Le celle CSV e XLSX non iniziano mai con una formula. Il file XLSX ha un foglio di metadati con la definizione, le fonti e la legenda dei flag; JSON-stat 2.0 e SDMX-CSV 2.0 riportano i flag come status / OBS_FLAG e CONF_STATUS.
downloads-caption = File per indicatore
downloads-values = Valori
downloads-files = File
downloads-of = di { $indicator }

## The methodology page

methodology-title = Metodologia e affidabilità
methodology-reading = Come leggere un numero
methodology-reading-text = Ogni valore è una stima. Accanto trova il suo intervallo di confidenza al 95% (l’intervallo che contiene il valore vero in 95 campioni su 100), il numero di rispondenti all’indagine su cui si basa (n) e il suo stato:
methodology-no-badge = Nessun contrassegno
methodology-no-badge-text = Una stima diretta da indagine che rispetta la regola di affidabilità.
methodology-official = Ufficiale
methodology-official-text = Un dato pubblicato da Eurostat. Eurostat non pubblica errori standard: i suoi intervalli non sono quindi mostrati e le differenze tra dati ufficiali non possono essere verificate.
methodology-low = Bassa affidabilità
methodology-low-text = Pubblicato con un avvertimento: il campione su cui si basa è piccolo (EU-SILC: meno di 50 rispondenti, o mancata risposta parziale superiore al 50%; RFL-UE: sotto il limite B del paese). Tratteggiato sulle mappe e in grigio nei grafici.
methodology-suppressed = Soppresso
methodology-suppressed-text = Non pubblicato: troppo pochi rispondenti (EU-SILC: meno di 20) o dato riservato. Mostrato come «soppresso», mai come zero, ed escluso da ogni download.
methodology-model = Basato su modello
methodology-model-text = Una stima per piccole aree (EBLUP di Fay-Herriot): una media ponderata della stima diretta dell’indagine e di una previsione da covariate amministrative. La percentuale è la quota del modello (1 − γ): più piccolo è il campione del territorio, più pesa il modello. Il suo intervallo usa l’errore quadratico medio stimato (Prasad-Rao / Datta-Lahiri).
methodology-synthetic = Dati sintetici
methodology-synthetic-text = Calcolato da Civis su dati di prova sintetici (forniti dai pacchetti R laeken ed emdi): mostrano che cosa fa Civis per una città, ma non sono statistiche su persone reali.
methodology-disclosure = Soglie di diffusione
methodology-disclosure-text = Ogni stima diretta da indagine, a ogni livello (paese, regione, distretto, città), è giudicata due volte con la regola della sua fonte: quando viene memorizzata e di nuovo quando questo portale la serve. Una cella sotto la soglia di soppressione non è mostrata da nessuna parte — nessun valore, intervallo, errore standard o dimensione campionaria, in nessuna pagina, risposta dell’API o download — solo la parola «soppresso» e il flag u. Un divario tra due gruppi è soppresso quando lo è uno dei due gruppi. I dati ufficiali mantengono i flag del loro produttore; le stime per piccole aree (basate su modello) esistono proprio per i piccoli campioni e sono mostrate con la quota del modello. Le soglie sono dati:
methodology-disclosure-caption = Soglie di diffusione per fonte (n: osservazioni campionarie non ponderate; CV: errore standard ÷ stima)
methodology-col-source = Fonte
methodology-col-suppressed = Soppresso se
methodology-col-flagged = Contrassegnato u se
methodology-col-basis = Base
methodology-col-datasets = Insiemi di dati qui
methodology-lfs-limits = I limiti A e B della RFL-UE sono conteggi ponderati, in migliaia di persone, fissati per paese: si applicano quando una stima è calcolata da microdati, poiché un valore memorizzato non porta un conteggio ponderato. L’opzione:
methodology-intervals = Intervalli e verdetti
methodology-proportions = Proporzioni
methodology-proportions-text = Gli intervalli di tassi e quote restano tra 0 e 100%: l’intervallo logit (l’intervallo di log(p/(1−p)) con i gradi di libertà del disegno, ritrasformato), e a 0% o 100% l’intervallo esatto di Clopper-Pearson per il n della cella, così che un intervallo non ha mai ampiezza nulla. Come nel pacchetto R survey:
methodology-differences = Differenze
methodology-differences-text = Un divario A − B è significativo quando il suo intervallo al 95% esclude 0.
methodology-ratios = Rapporti
methodology-ratios-text = Un rapporto A / B (per esempio il reddito mediano di un gruppo in percentuale di quello dei nazionali) è significativo quando il suo intervallo al 95% esclude il 100% — l’uguaglianza — non lo 0.
methodology-flags = Flag di Eurostat
methodology-flags-caption = Codici di stato delle osservazioni (elenchi precedenti al 2025 e del 2025; dal 2025 la riservatezza è uno stato a sé C/N/P)
methodology-col-flag = Flag
methodology-col-meaning = Significato
methodology-methods = Metodi
methodology-direct = Stime dirette
methodology-direct-text = Stime basate sul disegno da microdati d’indagine con pesi, strati e grappoli dell’indagine; varianze per linearizzazione (grappoli ultimi), come le calcolano i pacchetti R survey e laeken. I tassi di rischio di povertà usano la soglia nazionale (60% del reddito equivalente mediano nazionale).
methodology-gaps = Divari
methodology-gaps-text = I divari migranti − nazionali sono stimati con la covarianza dei due gruppi nello stesso campione, così che i loro intervalli sono esatti per il disegno; una differenza è significativa quando il suo intervallo al 95% esclude lo zero, un rapporto quando esclude il 100%.
methodology-rankings = Graduatorie
methodology-rankings-text = La posizione 1 è il valore migliore. L’intervallo di posizione è l’insieme delle posizioni che un territorio occupa nel 95% di 1.000 simulazioni parametriche tratte dalla stima e dall’errore standard di ogni territorio: intervalli sovrapposti significano che l’ordine non è stabilito.
methodology-comparisons = Confronti
methodology-comparisons-text = Due territori sono confrontati con un test z sulla differenza delle loro stime (campioni indipendenti: le varianze si sommano). Confrontando più territori con uno, i valori p sono corretti con il metodo di Holm.
methodology-similar = Territori simili
methodology-similar-text = Vicini più prossimi sugli indicatori di contesto: ogni indicatore è standardizzato sui territori dello stesso livello, e la distanza è la distanza euclidea ponderata sugli indicatori che entrambi i territori hanno. Si mostra la quota di ogni indicatore nella distanza, e i pesi possono essere modificati.
methodology-sae = Stima per piccole aree
methodology-sae-text = Modello di Fay-Herriot a livello di area stimato con REML, validato rispetto ai pacchetti R sae ed emdi; si veda la documentazione di Civis.
methodology-catalogue-version = Versione del catalogo degli indicatori
methodology-datasets = Insiemi di dati
methodology-datasets-caption = Insiemi di dati di questo portale
methodology-col-dataset = Insieme di dati
methodology-col-vintage = Edizione
methodology-col-attribution = Attribuzione

## The comparison page

compare-title = Confronta territori
compare-lead = Scelga fino a { $max } territori, in qualsiasi paese. Ogni valore è confrontato con il primo territorio: una differenza è detta significativa quando l’intervallo al 95% della differenza esclude lo zero dopo la correzione di Holm per il numero di confronti. Scelga un divario (per esempio cittadini stranieri − nazionali) per confrontare i divari tra migranti e nazionali dei territori. I valori misurati in modo diverso — un’altra fascia d’età, un conteggio, dati di prova sintetici rispetto a statistiche reali — sono mostrati ma non verificati, con il motivo.
compare-area-n = Territorio { $n }
compare-no-data-for = Nessun dato per:
compare-choose = Scelga almeno un territorio.
compare-table = Tabella di confronto
compare-caption = { $group }: ogni territorio rispetto a { $area }
compare-col-indicator = Indicatore, anno
compare-not-tested = non verificato (nessun errore standard)
compare-not-head-counts = Non confrontato: i conteggi dipendono dalla dimensione di ogni luogo, non da come stanno i suoi abitanti.
compare-not-unit = Non confrontato: misurato in { $unit } rispetto a { $first } in { $area }.
compare-not-synthetic = Non confrontato: dati di prova sintetici non possono essere messi a confronto con statistiche reali.
compare-not-ages = Non confrontato: età { $ages } qui rispetto a { $first } in { $area }.
compare-no-gap = Nessuno di questi territori ha entrambi i valori del divario «{ $gap }» per un indicatore comune.
compare-no-indicator = Questi territori non hanno indicatori per questo gruppo.
error-invalid-request = Richiesta non valida

## Similar areas

peers-title = Territori simili a { $area }
peers-crumb = territori simili
peers-lead = I { $kinds } più vicini su { $n } indicatori di contesto, tra { $others } altri.
peers-method = I territori sono abbinati solo su tassi e quote (percentuali), mai su conteggi, che misurano la dimensione di un luogo anziché la sua situazione. Ogni indicatore è standardizzato (punteggio z su questi territori); la distanza è la distanza euclidea ponderata sugli indicatori che entrambi i territori hanno (almeno la metà), riscalata a tutti i pesi. Le barre mostrano quanto ogni indicatore contribuisce alla distanza: una quota piccola significa che i due territori si somigliano su quell’indicatore.
peers-kinds-aggregate = aggregati
peers-kinds-country = paesi
peers-kinds-region = regioni
peers-kinds-district = distretti
peers-kinds-degurba = gradi di urbanizzazione
peers-kinds-city = città
peers-no-indicators = Indicatori di contesto insufficienti per i territori di questo livello.
peers-weight = Peso: { $indicator }
peers-recompute = Ricalcola
peers-none = Nessun territorio ha abbastanza indicatori in comune con questo.
peers-caption = Territori più vicini e ciò che li distingue (quota della distanza al quadrato per indicatore)
peers-distance = Distanza
peers-this-area = questo territorio
peers-compare = confronta
peers-share = { $share } della distanza

## The city section of an area page

city-region-title = Condizione dei migranti nella sua regione (NUTS 2)
city-lies-in = si trova in
city-and-nuts3 = e nella regione NUTS 3
city-no-city-outcomes = Eurostat non pubblica indicatori sui migranti per le città: questi sono quelli della regione, dall’indagine sulle forze di lavoro dell’UE.
city-no-region-outcomes = Per questa regione non sono pubblicati indicatori sui migranti.
city-outcomes-of = Condizione dei migranti in { $region }
city-outcomes-caption = Regione (NUTS 2) { $region }: occupazione e disoccupazione per paese di nascita, ultimo anno
city-col-ages = Età
city-col-region = Regione (NUTS 2)
city-not-placed = Non è stato possibile collocare questa città in una regione NUTS 2024; si veda il registro delle città:
city-country = Paese:
city-peers-title = Città simili
city-peers-lead = Le città dello stesso paese più vicine a { $city } per quota di nati all’estero (ultimo anno).
city-peers-link = Territori simili su tutti gli indicatori di contesto
city-peers-of = Città simili a { $city }
city-peers-caption = Città simili a { $city } per quota di nati all’estero
city-col-city = Città
city-col-foreign-born = Quota di nati all’estero

## The availability page

availability-title = Disponibilità delle statistiche regionali sui migranti
availability-heading = Quanta parte delle statistiche dell’UE sui migranti arriva alle sue regioni?
availability-lead = Per ogni indicatore, gruppo, paese e anno: la quota di regioni NUTS 2 il cui valore Eurostat ha pubblicato, pubblicato con il flag di bassa affidabilità u, o non pubblicato (troppo pochi rispondenti). Tutte le righe sono in
availability-none = Non è caricato alcun valore ufficiale NUTS 2.
availability-sources = Fonti ed edizioni
availability-summary = Su { $values } valori di regioni NUTS 2, { $published } sono stati pubblicati, { $low } pubblicati con bassa affidabilità (u) e { $not } non pubblicati.
availability-no-flags = I valori del { $year } provengono da una fonte secondaria che non riporta i flag di Eurostat: i valori che Eurostat pubblica con il flag u sono contati come pubblicati, e la quota contrassegnata è sconosciuta (esclusa dal grafico).
availability-table = Regioni per stato di pubblicazione
availability-table-caption = Regioni NUTS 2 per stato di pubblicazione
availability-regions = Regioni
availability-published = Pubblicati
availability-low = Bassa affidabilità (u)
availability-not-published = Non pubblicati
availability-map-title = Quota di valori NUTS 2 pubblicati senza flag, { $year }, per paese
availability-chart-title = Quota di valori NUTS 2 pubblicati, contrassegnati e non pubblicati, tutti i paesi, per anno

## Citations, permalinks and embeds (h19b)

cite-link = cita
cite-link-label = Cita questo numero
cite-title = Cita questo numero
cite-heading = Cita
cite-summary-page = Cita i numeri di questa pagina
cite-permalink-page = Link permanente esattamente a questi numeri:
cite-each-value = Il link «cita» di ogni valore fornisce il suo riferimento in BibTeX, RIS e CSL-JSON, ad esempio
cite-identifier = Identificativo
cite-data-code = Codice dei dati online
cite-last-update = Ultimo aggiornamento del dataset
cite-retrieved = Estratto il
cite-method = Metodo
cite-synthetic = (dati sintetici)
cite-release = versione
cite-permalink = Link permanente a questa edizione
cite-download = Scarica:
vintage-pinned = Questi sono i numeri della versione { $release } ({ $date } UTC).
vintage-newer = Esiste un’edizione più recente
vintage-newer-release = (versione { $release }, { $date } UTC):
vintage-current-link = vedi i numeri attuali
vintage-permalink = Link permanente a questi numeri (versione { $release }):
embed-summary = Incorpora questo grafico
embed-how = Copia uno di questi codici nella tua pagina, con l’indirizzo di questo portale davanti al percorso /embed/. Il grafico riporta la fonte, la citazione e i contrassegni.
embed-how-absolute = Copia uno di questi codici nella tua pagina. Il grafico riporta la fonte, la citazione e i contrassegni.
embed-synthetic = Dati sintetici: a scopo dimostrativo, non statistiche reali.
embed-model-based = Include stime basate su modello (piccole aree).
embed-cite = Citare:
embed-current = dati aggiornati su Civis
embed-source-eurostat = Fonte: Eurostat (codice dati online: { $code })
embed-source-eurostat-via = Fonte: Eurostat (codice dati online: { $code }), tramite { $via }
embed-source-civis = Civis, stima { $method }: { $source }

## The profile as a PDF (the report)

report-profile = Profilo
report-gaps = Divari
report-over-time = Nel tempo
report-peers-intro = Le aree più vicine sugli indicatori di contesto (distanza standardizzata; più è bassa, più l’area è vicina), come nella pagina delle aree simili del portale:
report-shared = Indicatori in comune
report-peer-cities = Città simili (stesso paese, quota di nati all’estero più vicina)
report-legend = Contrassegni e flag
report-legend-u = u: affidabilità bassa (flag Eurostat u): da leggere con cautela.
report-legend-c = c / soppresso: troppo poche osservazioni o dato riservato; mai mostrato come numero.
report-legend-m = M: stima basata su un modello (piccole aree), con la quota che proviene dal modello.
report-legend-e = E: pubblicato da Eurostat (ufficiale, senza intervallo pubblicato).
report-legend-synthetic = sintetico: calcolato da dati di prova sintetici (laeken eusilc, emdi eusilcA), non statistiche reali.
report-legend-flags = Le altre lettere sono flag Eurostat: b interruzione di serie, d definizione diversa, e stimato, p provvisorio, r rivisto, s stima Eurostat.
report-synthetic-note = Alcuni valori di questo rapporto sono calcolati da dati di prova sintetici (i file eusilc di laeken ed eusilcA di emdi): illustrano i metodi e non sono statistiche reali per l’Austria. Sono contrassegnati come «sintetico».
report-retrieved = scaricato il
report-citation = Citazione
report-cite-as = Citare questo rapporto come
report-online = Online
report-data-version = Versione dei dati

## Groups of countries (Eurostat's aggregates; English as Eurostat names them)

aggregate-eu27-2020 = Unione europea - 27 paesi (dal 2020)
aggregate-eu28 = Unione europea - 28 paesi (2013-2020)
aggregate-eu27-2007 = Unione europea - 27 paesi (2007-2013)
aggregate-eu15 = Unione europea - 15 paesi (1995-2004)
aggregate-ea = Area dell’euro
aggregate-ea18 = Area dell’euro - 18 paesi (2014)
aggregate-ea19 = Area dell’euro - 19 paesi (2015-2022)
aggregate-ea20 = Area dell’euro - 20 paesi (dal 2023)
aggregate-efta = Associazione europea di libero scambio
