# Civis portal: Polish. Source: en.ftl. Terms as in Eurostat's Polish publications.

## The page shell

skip-to-content = Przejdź do treści
tagline = Wskaźniki integracji imigrantów dla europejskich miast i regionów
nav-site = Serwis
nav-languages = Języki
nav-home = Strona główna
nav-indicators = Wskaźniki
nav-areas = Obszary
nav-compare = Porównaj
nav-methodology = Metodologia
nav-downloads = Pliki do pobrania
nav-registry = Praktyki i narzędzia
nav-api = API
this-page-in-language = Ta strona po polsku
synthetic-banner-title = Dane syntetyczne.
synthetic-banner-text = Niektóre wartości na tej stronie obliczono na podstawie syntetycznych danych testowych (pliki „eusilc” z pakietu laeken i „eusilcA” z pakietu emdi): ilustrują one metody i nie są rzeczywistymi statystykami dla Austrii. Są oznaczone jako
twins-label = Ta strona jako dane:
footer-sources = Źródła: Eurostat (ponowne wykorzystanie z adnotacją „Źródło: Eurostat”); szacunki Civis na podstawie syntetycznych mikrodanych EU-SILC (pakiet R laeken, GPL ≥ 2) i syntetycznych danych austriackich z pakietu emdi (GPL-2).
footer-boundaries = Granice: © EuroGeographics dla granic administracyjnych (Eurostat GISCO, NUTS 2024); powiaty austriackie: BEV, za pośrednictwem SynerGIS (CC BY-SA 2.0).
footer-read-numbers = Jak czytać liczby
footer-status = Stan usługi

## Error pages

error-not-found-title = Nie znaleziono
error-not-found-text = Pod tym adresem nie ma strony. Zacznij od listy wskaźników lub obszarów.

## Values, units and their status

unit-pc-ref = { $value } grupy odniesienia
unit-thousand = { $value } tys.
unit-pp = { $value } p.p.
value-suppressed = utajniona
value-not-available = niedostępna
sentence-interval = (95% przedział ufności: od { $low } do { $high })
sentence-low-reliability = , niska wiarygodność (u)
sentence-model-share = , szacunek modelowy ({ $share } z modelu)
sentence-model-based = , szacunek modelowy
sentence-synthetic = , dane syntetyczne
badge-synthetic = syntetyczne
badge-low-title = Niska wiarygodność (flaga Eurostatu u)
badge-suppressed-title = Utajniona: zbyt mało obserwacji lub dane poufne
badge-official-title = Opublikowane przez Eurostat
badge-synthetic-title = Obliczone na podstawie danych syntetycznych (dane testowe laeken/emdi), nie są to rzeczywiste statystyki
badge-model-title = Szacunek modelowy (estymacja dla małych obszarów)
badge-model-share-title = Szacunek modelowy (małe obszary): { $model } pochodzi z modelu, { $survey } z badania

## Eurostat observation flags

flag-b = przerwa w szeregu czasowym
flag-c = poufne
flag-d = inna definicja
flag-e = szacunek
flag-f = prognoza
flag-i = imputowane
flag-m = brak, dane nie mogą istnieć
flag-n = nieistotne
flag-p = wstępne
flag-r = zrewidowane
flag-s = szacunek Eurostatu
flag-u = niska wiarygodność
flag-z = nie dotyczy
flag-other = flaga

## Target groups

group-total-citizenship = Ogółem
group-total-birth = Ogółem
group-nat-citizenship = Obywatele danego kraju
group-nat-birth = Urodzeni w kraju
group-for-citizenship = Cudzoziemcy
group-for-birth = Urodzeni za granicą
group-eu27-2020-for-citizenship = Obywatele innego państwa UE
group-eu27-2020-for-birth = Urodzeni w innym państwie UE
group-neu27-2020-for-citizenship = Obywatele państw spoza UE
group-neu27-2020-for-birth = Urodzeni poza UE
group-gap = Różnica: { $a } − { $b }
group-ratio = Stosunek: { $a } / { $b }

## Indicators (English source: crates/civis-catalog/data/indicators.toml)

indicator-employment_rate = Wskaźnik zatrudnienia
indicator-employment_rate-definition = Osoby pracujące (według definicji MOP) jako odsetek ludności w wieku 20-64 lata.
indicator-unemployment_rate = Stopa bezrobocia
indicator-unemployment_rate-definition = Osoby bezrobotne (według definicji MOP) jako odsetek ludności aktywnej zawodowo (pracujący i bezrobotni) w wieku 15-74 lata.
indicator-activity_rate = Współczynnik aktywności zawodowej
indicator-activity_rate-definition = Osoby pracujące i bezrobotne (według definicji MOP) jako odsetek ludności w wieku 20-64 lata.
indicator-long_term_unemployment_share = Udział długotrwale bezrobotnych
indicator-long_term_unemployment_share-definition = Osoby bezrobotne od 12 miesięcy lub dłużej jako odsetek wszystkich bezrobotnych w wieku 15-74 lata.
indicator-self_employment_share = Udział pracujących na własny rachunek
indicator-self_employment_share-definition = Osoby pracujące na własny rachunek jako odsetek pracujących w wieku 20-64 lata.
indicator-temporary_employment_share = Udział zatrudnienia na czas określony
indicator-temporary_employment_share-definition = Pracownicy najemni z umową na czas określony jako odsetek wszystkich pracowników najemnych w wieku 20-64 lata.
indicator-part_time_employment_share = Udział zatrudnienia w niepełnym wymiarze czasu pracy
indicator-part_time_employment_share-definition = Osoby pracujące w niepełnym wymiarze czasu pracy jako odsetek pracujących w wieku 20-64 lata.
indicator-overqualification_rate = Wskaźnik nadmiernych kwalifikacji
indicator-overqualification_rate-definition = Osoby pracujące z wykształceniem wyższym (ISCED 5-8) wykonujące zawody z grup wielkich 4-9 ISCO-08, jako odsetek pracujących z wykształceniem wyższym w wieku 20-64 lata.
indicator-attainment_low = Poziom wykształcenia: co najwyżej gimnazjalne (ISCED 0-2)
indicator-attainment_low-definition = Osoby, których najwyższy poziom wykształcenia to ISCED 0-2, jako odsetek ludności w wieku 25-64 lata.
indicator-attainment_medium = Poziom wykształcenia: ponadgimnazjalne i policealne (ISCED 3-4)
indicator-attainment_medium-definition = Osoby, których najwyższy poziom wykształcenia to ISCED 3-4, jako odsetek ludności w wieku 25-64 lata.
indicator-attainment_high = Poziom wykształcenia: wyższe (ISCED 5-8)
indicator-attainment_high-definition = Osoby, których najwyższy poziom wykształcenia to ISCED 5-8, jako odsetek ludności w wieku 25-64 lata.
indicator-tertiary_attainment = Wykształcenie wyższe, 25-34 lata
indicator-tertiary_attainment-definition = Osoby w wieku 25-34 lata z wykształceniem wyższym (ISCED 5-8) jako odsetek ludności w wieku 25-34 lata (grupa wieku celu UE na 2030 r.; zestaw z Saragossy z 2010 r. obejmował osoby w wieku 30-34 lata).
indicator-early_leavers_rate = Osoby przedwcześnie kończące naukę
indicator-early_leavers_rate-definition = Osoby w wieku 18-24 lata z wykształceniem co najwyżej gimnazjalnym (ISCED 0-2), które w ciągu czterech tygodni przed badaniem nie uczestniczyły w kształceniu ani szkoleniu, jako odsetek ludności w wieku 18-24 lata.
indicator-neet_rate = Młodzież niepracująca, niekształcąca się i nieszkoląca się (NEET)
indicator-neet_rate-definition = Osoby w wieku 15-29 lat, które nie pracują i w ciągu czterech tygodni przed badaniem nie uczestniczyły w kształceniu ani szkoleniu, jako odsetek ludności w wieku 15-29 lat.
indicator-arop_rate = Wskaźnik zagrożenia ubóstwem
indicator-arop_rate-definition = Osoby w wieku 18 lat i więcej z ekwiwalentnym dochodem rozporządzalnym poniżej 60% krajowej mediany ekwiwalentnego dochodu rozporządzalnego (ważona mediana wszystkich osób w kraju), jako odsetek osób w wieku 18 lat i więcej.
indicator-median_equivalised_income = Mediana ekwiwalentnego dochodu netto
indicator-median_equivalised_income-definition = Ważona mediana ekwiwalentnego dochodu rozporządzalnego osób w wieku 18 lat i więcej (definicja kwantyli Eurostatu).
indicator-median_income_ratio = Mediana ekwiwalentnego dochodu w relacji do grupy odniesienia
indicator-median_income_ratio-definition = Mediana ekwiwalentnego dochodu netto grupy w wieku 18 lat i więcej jako odsetek mediany grupy odniesienia (obywatele danego kraju lub urodzeni w kraju) na tym samym obszarze (wersja wskaźnika dochodu z Saragossy).
indicator-in_work_poverty_rate = Wskaźnik zagrożenia ubóstwem osób pracujących
indicator-in_work_poverty_rate-definition = Osoby pracujące w wieku 18 lat i więcej z ekwiwalentnym dochodem rozporządzalnym poniżej 60% mediany krajowej, jako odsetek pracujących w wieku 18 lat i więcej.
indicator-smsd_rate = Wskaźnik dotkliwej deprywacji materialnej i społecznej
indicator-smsd_rate-definition = Osoby w wieku 18 lat i więcej, którym brakuje co najmniej 7 z 13 elementów deprywacji (definicja z 2021 r.), jako odsetek osób w wieku 18 lat i więcej.
indicator-very_low_work_intensity_rate = Osoby w gospodarstwach domowych o bardzo niskiej intensywności pracy
indicator-very_low_work_intensity_rate-definition = Osoby w wieku 18-64 lata w gospodarstwach domowych, których członkowie w wieku produkcyjnym przepracowali w poprzednim roku co najwyżej 20% swojego potencjału (definicja z 2021 r.), jako odsetek osób w wieku 18-64 lata.
indicator-arope_rate = Zagrożenie ubóstwem lub wykluczeniem społecznym (AROPE)
indicator-arope_rate-definition = Osoby w wieku 18 lat i więcej zagrożone ubóstwem lub dotknięte dotkliwą deprywacją materialną i społeczną, lub żyjące w gospodarstwie domowym o bardzo niskiej intensywności pracy (każda osoba liczona raz), jako odsetek osób w wieku 18 lat i więcej. Granica ubóstwa jest krajowa; jej błąd losowy nie jest uwzględniony w błędzie standardowym tego wskaźnika.
indicator-housing_cost_overburden_rate = Wskaźnik nadmiernego obciążenia kosztami mieszkaniowymi
indicator-housing_cost_overburden_rate-definition = Osoby w wieku 18 lat i więcej w gospodarstwach domowych, w których łączne koszty mieszkaniowe (po odliczeniu dodatków mieszkaniowych) przekraczają 40% dochodu rozporządzalnego (po odliczeniu dodatków mieszkaniowych), jako odsetek osób w wieku 18 lat i więcej.
indicator-overcrowding_rate = Wskaźnik przeludnienia mieszkań
indicator-overcrowding_rate-definition = Osoby w wieku 18 lat i więcej mieszkające w lokalu z mniejszą liczbą pokoi, niż przewiduje norma UE dla składu ich gospodarstwa domowego, jako odsetek osób w wieku 18 lat i więcej.
indicator-owner_rate = Odsetek właścicieli mieszkań (tytuł prawny: właściciel)
indicator-owner_rate-definition = Osoby w wieku 18 lat i więcej mieszkające w lokalu będącym własnością ich gospodarstwa domowego (z kredytem hipotecznym lub bez), jako odsetek osób w wieku 18 lat i więcej.
indicator-good_health_rate = Samoocena zdrowia: dobre lub bardzo dobre
indicator-good_health_rate-definition = Osoby w wieku 16 lat i więcej oceniające swoje zdrowie jako dobre lub bardzo dobre, jako odsetek osób w wieku 16 lat i więcej.
indicator-unmet_medical_needs_rate = Deklarowane niezaspokojone potrzeby w zakresie badań lekarskich
indicator-unmet_medical_needs_rate-definition = Osoby w wieku 16 lat i więcej deklarujące niezaspokojoną potrzebę badania lub leczenia medycznego w ciągu ostatnich 12 miesięcy, jako odsetek osób w wieku 16 lat i więcej.
indicator-naturalisation_rate = Wskaźnik naturalizacji
indicator-naturalisation_rate-definition = Osoby, które nabyły obywatelstwo w ciągu roku, jako odsetek ludności niebędącej obywatelami danego kraju według stanu na 1 stycznia danego roku.
indicator-long_term_residence_share = Udział rezydentów długoterminowych wśród obywateli państw spoza UE
indicator-long_term_residence_share-definition = Obywatele państw spoza UE posiadający status rezydenta długoterminowego (UE lub krajowy stały) na koniec roku jako odsetek wszystkich obywateli państw spoza UE posiadających ważne zezwolenie na pobyt.

## Shared words

list-and = {" "}i{" "}
list-or = {" "}lub{" "}
range = od { $low } do { $high }
ages = wiek { $ages }
col-group = Grupa
col-ci = 95% PU
col-indicator = Wskaźnik
col-method = Metoda
col-estimate = Oszacowanie
col-se = Błąd standardowy
col-cv = WZ
col-outcome = Decyzja
method-official = oficjalna
method-direct = bezpośrednia
method-model-based = modelowa
outcome-suppressed = utajniona
outcome-not-available = niedostępna
outcome-publish-with-flag-u = publikować z flagą u
outcome-publish = publikować

## Kinds of area

area-kind-aggregate = agregat
area-kind-country = państwo
area-kind-region = region
area-kind-district = powiat
area-kind-degurba = stopień urbanizacji
area-kind-city = miasto

## Generated sentences: gaps and their verdicts

gap-ratio-value = { $value } wartości dla grupy: { $reference }
verdict-ratio-significant = stosunek istotnie różni się od 100% (95%)
verdict-significant = różnica jest istotna statystycznie (95%)
verdict-ratio-not-significant = nieistotnie różny od 100%
verdict-not-significant = nieistotna statystycznie
verdict-not-tested = nie testowano (nie opublikowano błędu standardowego)
verdict-group-too-small = jedna z grup ma zbyt mało obserwacji, by ją opublikować

## The area profile

area-compared-with-nothing = Bez porównania z wyższym poziomem.
area-compared-with = W porównaniu z: { $areas }.
area-similar-areas = Podobne obszary
area-compare-link = Porównaj z innymi obszarami
area-report-link = Profil w formacie PDF
area-no-values = Brak wartości wskaźników dla tego obszaru.
area-table-label = { $indicator } według grup
area-table-caption = { $indicator }: { $area }, { $time }, według grup, z 95% przedziałami ufności
area-direct = bezpośrednie:
area-no-comparator-value = Brak wartości dla: { $areas } w źródłach dla tego wskaźnika, grupy i roku (w tej samej grupie wieku): nie pokazano zamiast zostawiać puste pole.
precision-title = Jak dokładne są te liczby?
precision-direct = { $publishable } z { $cells } komórek (wskaźnik × grupa) można opublikować na podstawie samego badania
precision-with-sae = ; { $publishable } z estymacją dla małych obszarów
precision-cv = Współczynnik zmienności (WZ) to błąd standardowy jako odsetek oszacowania.
precision-table = Tabela dokładności
precision-caption = Dokładność oszacowań dla: { $area }

## Statuses and comparisons with a reference

status-not-available = niedostępna
status-suppressed = utajniona
status-low-reliability = niska wiarygodność
status-model-based = modelowa
status-official = oficjalna
status-reliable = wiarygodna
versus-higher = wyższa
versus-lower = niższa
versus-not-significant = nieistotna
versus-unknown = nieznana
reference = odniesienie
age-and-over = { $age } lat i więcej
age-under = poniżej { $age } lat

## Policy areas of the catalogue

policy-employment = Zatrudnienie
policy-education = Edukacja
policy-social-inclusion = Włączenie społeczne
policy-housing = Mieszkalnictwo
policy-health = Zdrowie
policy-active-citizenship = Aktywne obywatelstwo
policy-context = Kontekst

## The indicator page

indicator-definition-title = Definicja
indicator-context = Wskaźnik kontekstowy.
indicator-unit = Jednostka:
indicator-age = Wiek:
indicator-higher-better = Wyższa wartość jest lepsza.
indicator-lower-better = Niższa wartość jest lepsza.
filter-level = Poziom
filter-year = Rok
filter-show = Pokaż
indicator-no-values = Brak wartości dla tego wyboru.
indicator-selection = { $group }, poziom: { $level }, { $time }
ranking-table = Tabela rankingu
ranking-caption-highest = Miejsce 1 = najwyższa wartość; przedział miejsc to zakres miejsc zgodny z błędem losowym (95%).
ranking-caption-lowest = Miejsce 1 = najniższa wartość; przedział miejsc to zakres miejsc zgodny z błędem losowym (95%).
col-rank = Miejsce
col-area = Obszar
col-value = Wartość
col-status = Status
col-versus = wobec: { $area }
col-versus-reference = wobec odniesienia
indicator-download = Pobierz ten wskaźnik:
sources-title = Źródła
sources-vintage = wersja

## The home page

home-title = Jaka jest sytuacja migrantów?
home-heading = Jak radzą sobie imigranci w Twoim mieście i regionie?
home-lead = Civis zbiera wspólne wskaźniki UE dotyczące integracji imigrantów — praca, edukacja, dochód i ubóstwo, mieszkalnictwo, zdrowie, obywatelstwo — dla państw, regionów i miast, wraz z niepewnością każdej liczby: przedziałami ufności, flagami wiarygodności i wyraźnym oznaczeniem wartości pochodzących z modelu, a nie bezpośrednio z badania.
home-card-indicators = Wskaźniki ({ $count }) z definicjami, mapami i rankingami.
home-card-areas = Państwa, regiony i powiaty ({ $count }), każdy z profilem na tle swojego państwa i UE.
home-card-compare = Dowolne obszary obok siebie, z testem, czy różnice są rzeczywiste.
home-card-registry = Co zrobiły miasta, czego potrzebują oraz jakie narzędzia i źródła danych mogą wykorzystać.
home-headline = { $indicator }: cudzoziemcy, { $time }
home-countries = Państwa
home-headline-caption = { $indicator }: cudzoziemcy i obywatele danego kraju według państw, { $time }, uporządkowane według różnicy (Eurostat)
col-country = Państwo
col-gap = Różnica
home-sources = Skąd pochodzą liczby
home-values = wartości: { $count }

## The catalogue and the list of areas

catalogue-lead = Wskaźniki integracji migrantów UE (zestaw z „Saragossy” i jego uzupełnienia z 2013 r.), które Civis oblicza lub publikuje, wraz z definicjami. Wersja katalogu
catalogue-context = Wskaźnik kontekstowy ze źródła: { $source }.
catalogue-levels = Poziomy:
areas-lead = Wszystkie obszary, dla których są dane. Każdy profil porównuje obszar z jego państwem i UE, pokazuje różnice między migrantami a osobami urodzonymi w kraju i informuje o dokładności każdej liczby.
areas-aggregates = Grupy państw
areas-countries = Państwa
areas-regions = Regiony (NUTS)
areas-districts = Powiaty (Austria)
areas-degurba = Stopień urbanizacji
areas-cities = Miasta

## Charts

chart-in-words = Wykres w słowach
chart-not-drawn = Nie narysowano wykresu ({ $error }); liczby są w tabeli.
chart-map-title = { $indicator }, { $group }, { $time }: mapa według poziomu: { $level }
chart-ranking-title = { $indicator }, { $group }, { $time }: ranking z 95% przedziałami
chart-gap-title = { $indicator }: { $area }, grupy migrantów na tle obywateli danego kraju, { $time }
chart-series-title = { $indicator }: { $area } w czasie
chart-precision-title = Dokładność oszacowań bezpośrednich dla: { $area }: WZ względem liczebności próby
chart-threshold-caution = ostrożnie
chart-threshold-unreliable = zbyt niepewne
# The words drawn inside the charts (civis-chart's Labels); { $x } are filled by the chart
chart-label-no-data = brak danych
chart-label-suppressed = utajnione
chart-label-key-low-reliability = niska wiarygodność (puste, przerywane)
chart-label-key-model-based = estymacja modelowa
chart-label-key-suppressed = utajnione (nie do publikacji)
chart-label-map-suppressed = utajnione (:)
chart-label-map-low-reliability = niska wiarygodność (u), kreskowane
chart-label-level = poziom
chart-label-gap-to = różnica względem { $reference }
chart-label-reference = odniesienie
chart-label-gap-not-available = różnica niedostępna
chart-label-significant = istotna na poziomie 95 %
chart-label-not-significant = nieistotna
chart-label-value = wartość
chart-label-rank-range = pozycja (przedział)
chart-label-rank = pozycja { $rank } ({ $lower }–{ $upper })
chart-label-sample-size-axis = liczebność próby n (skala logarytmiczna)
chart-label-cv-axis = współczynnik zmienności
# The text alternative of the charts (civis-chart's AltWords); { $x } are filled by the chart
chart-alt-ci = 95% PU od { $lower } do { $upper }
chart-alt-low-reliability = niska wiarygodność (u)
chart-alt-model-based = estymacja modelowa (M)
chart-alt-model-share = { $share }% z modelu
chart-alt-official = dane oficjalne bez przedziału ufności
chart-alt-all-official = Wszystkie wartości to dane oficjalne bez przedziałów ufności; flagi podano tam, gdzie mają zastosowanie.
chart-alt-focus-area = wybrany obszar
chart-alt-focus = wyróżnione
chart-alt-gap-intro = { $title }. { $area }: { $groups } w porównaniu z { $reference } (odniesienie), w { $unit }. Różnice to grupa minus odniesienie w { $difference_unit }, z 95% przedziałami ufności; różnica jest istotna na poziomie 95%, gdy jej przedział wyklucza zero.
chart-alt-reference-row = { $label } (odniesienie): { $value }
chart-alt-gap = różnica { $gap } (95% PU od { $lower } do { $upper }), { $significance }
chart-alt-ranking-intro-highest = { $title }. { $areas }, od najwyższej wartości, w { $unit }; punkty to estymacje, wąsy to 95% przedziały ufności.
chart-alt-ranking-intro-lowest = { $title }. { $areas }, od najniższej wartości, w { $unit }; punkty to estymacje, wąsy to 95% przedziały ufności.
chart-alt-reference-line = Linia odniesienia: { $label } { $value }.
chart-alt-plausible-ranks = pozycja { $rank } (prawdopodobne pozycje od { $lower } do { $upper })
chart-alt-series-intro = { $title }. { $series }, od { $first } do { $last }, w { $unit }; linie to estymacje, zacienione pasma to 95% przedziały ufności; linia jest przerwana, gdzie okres nie ma wartości do publikacji.
chart-alt-map-intro = { $title }. Mapa: { $areas }, w { $unit }: { $with_value } z wartością, w tym { $low } o niskiej wiarygodności (kreskowane), { $suppressed } utajnione, { $without } bez danych.
chart-alt-class-under = poniżej { $upper }{ $unit }
chart-alt-class-between = od { $lower } do poniżej { $upper }{ $unit }
chart-alt-class-over = { $lower }{ $unit } i więcej
chart-alt-class-range = od { $lower } do { $upper }{ $unit }
chart-alt-class-all = wszystkie wartości
chart-alt-classes = Klasy, od jasnej do ciemnej: { $classes }.
chart-alt-boundaries = Granice: { $attribution }.
chart-alt-precision-intro = { $title }. Współczynnik zmienności (CV, %) względem nieważonej liczebności próby n dla: { $groups }.
chart-alt-thresholds = Progi: { $thresholds }.
chart-alt-threshold = { $cv } ({ $label })
chart-alt-sample-size = n = { $n }
chart-alt-cv = CV { $cv }
chart-alt-cv-at-or-above = na poziomie { $cv } lub wyżej ({ $label })
chart-alt-cv-below-all = poniżej wszystkich progów
chart-alt-cv-not-available = CV niedostępny
# Unit words in the charts (civis-chart's UnitWords)
chart-unit-pp = p.p.
chart-unit-thousand = tys.
chart-unit-percentage-points = punktach procentowych (p.p.)
chart-unit-percent = procentach
chart-unit-percent-of-population = procentach populacji
chart-unit-percent-of-active = procentach ludności aktywnej zawodowo
chart-unit-euro = euro
chart-unit-national-currency = walucie krajowej
chart-unit-purchasing-power-standard = standardzie siły nabywczej
chart-unit-percent-of-reference = procentach wartości grupy odniesienia
chart-unit-thousand-persons = tysiącach osób
# Counts in the text alternative, after the language's plural rules
chart-count-groups =
    { $count ->
        [one] { $count } grupa
        [few] { $count } grupy
       *[other] { $count } grup
    }
chart-count-areas =
    { $count ->
        [one] { $count } obszar
        [few] { $count } obszary
       *[other] { $count } obszarów
    }
chart-count-series =
    { $count ->
        [one] { $count } seria
        [few] { $count } serie
       *[other] { $count } serii
    }
chart-count-nuts-regions =
    { $count ->
        [one] { $count } region NUTS poziomu { $level }
        [few] { $count } regiony NUTS poziomu { $level }
       *[other] { $count } regionów NUTS poziomu { $level }
    }
chart-count-districts =
    { $count ->
        [one] { $count } austriacki powiat polityczny
        [few] { $count } austriackie powiaty polityczne
       *[other] { $count } austriackich powiatów politycznych
    }

## The API and downloads pages

api-lead = Wszystko w tym serwisie to dane. Każda strona ma bliźniaki: dodaj .json lub .csv do jej adresu, na przykład
api-paging = Poniższe punkty końcowe dodają filtry i stronicowanie. Odpowiedzi zawierają ETag; odeślij go w If-None-Match, aby otrzymać 304 Not Modified.
api-openapi = Opis czytelny maszynowo:
api-endpoints = Punkty końcowe
api-endpoints-caption = Punkty końcowe (wszystkie GET, JSON)
api-col-path = Ścieżka
api-col-what = Zawartość
api-example = Przykład
api-fields = Każda obserwacja ma te pola; flags to kody Eurostatu, status to reliable, low_reliability, suppressed, model_based (z model_share), official lub missing. Wartości utajnione nie mają oszacowania.
api-endpoint-indicators = Wszystkie wskaźniki z definicjami
api-endpoint-indicator = Jeden wskaźnik: poziomy, grupy i okresy z danymi
api-endpoint-observations = Obserwacje, filtrowane (indicator, geo, group, sex, age, time, method, level) i stronicowane (limit ≤ 1000, offset)
api-endpoint-areas = Wszystkie obszary
api-endpoint-area = Profil obszaru (to samo co /areas/{"{"}geo{"}"}.json)
api-endpoint-compare = Obszary obok siebie z testami istotności
api-endpoint-peers = Najbliżsi sąsiedzi według wskaźników kontekstowych, z udziałami
api-endpoint-datasets = Zbiory danych i ich pochodzenie
api-endpoint-openapi = To API w formacie OpenAPI 3.1
downloads-lead = Każdy wskaźnik, wszystkie obszary, grupy i lata, z przedziałami ufności, liczebnościami prób i flagami. Wartości utajnione zachowują flagę i nie mają liczby. Komórki CSV i XLSX nigdy nie zaczynają się od formuły. Plik XLSX ma arkusz metadanych z definicją, źródłami i legendą flag; JSON-stat 2.0 i SDMX-CSV 2.0 zawierają flagi jako status / OBS_FLAG i CONF_STATUS.
downloads-caption = Pliki według wskaźników
downloads-values = Wartości
downloads-files = Pliki
downloads-of = – { $indicator }

## The methodology page

methodology-title = Metodologia i wiarygodność
methodology-reading = Jak czytać liczbę
methodology-reading-text = Każda wartość jest oszacowaniem. Obok podano jej 95% przedział ufności (przedział, który zawiera prawdziwą wartość w 95 na 100 próbach), liczbę respondentów badania, na której się opiera (n), oraz jej status:
methodology-no-badge = Bez oznaczenia
methodology-no-badge-text = Bezpośrednie oszacowanie z badania, które spełnia regułę wiarygodności.
methodology-official = Oficjalna
methodology-official-text = Liczba opublikowana przez Eurostat. Eurostat nie publikuje błędów standardowych, dlatego jej przedziały nie są pokazywane, a różnic między liczbami oficjalnymi nie można testować.
methodology-low = Niska wiarygodność
methodology-low-text = Opublikowana z ostrzeżeniem: próba, na której się opiera, jest mała (EU-SILC: mniej niż 50 respondentów lub braki odpowiedzi na pytanie powyżej 50%; BAEL UE: poniżej granicy B danego państwa). Kreskowana na mapach i szara na wykresach.
methodology-suppressed = Utajniona
methodology-suppressed-text = Nieopublikowana: zbyt mało respondentów (EU-SILC: mniej niż 20) lub dane poufne. Pokazywana jako „utajniona”, nigdy jako zero, i pomijana we wszystkich plikach do pobrania.
methodology-model = Modelowa
methodology-model-text = Oszacowanie dla małego obszaru (EBLUP Faya-Herriota): średnia ważona bezpośredniego oszacowania z badania i predykcji na podstawie zmiennych administracyjnych. Odsetek to udział modelu (1 − γ): im mniejsza próba obszaru, tym większa waga modelu. Jego przedział opiera się na oszacowanym błędzie średniokwadratowym (Prasad-Rao / Datta-Lahiri).
methodology-synthetic = Dane syntetyczne
methodology-synthetic-text = Obliczone przez Civis na podstawie syntetycznych danych testowych (dostarczanych z pakietami R laeken i emdi): pokazują, co Civis robi dla miasta, ale nie są statystykami o rzeczywistych osobach.
methodology-disclosure = Progi ujawniania
methodology-disclosure-text = Każde bezpośrednie oszacowanie z badania, na każdym poziomie (państwo, region, powiat, miasto), jest oceniane dwukrotnie według reguły jego źródła: przy zapisie i ponownie, gdy ten portal je udostępnia. Komórka poniżej progu utajnienia nie jest pokazywana nigdzie — ani wartość, ani przedział, ani błąd standardowy, ani liczebność próby, na żadnej stronie, w żadnej odpowiedzi API i w żadnym pliku — tylko słowo „utajniona” i flaga u. Różnica między dwiema grupami jest utajniana, gdy utajniona jest którakolwiek z nich. Liczby oficjalne zachowują flagi nadane przez ich producenta; oszacowania dla małych obszarów (modelowe) istnieją właśnie dla małych prób i są pokazywane z udziałem modelu. Progi są danymi:
methodology-disclosure-caption = Progi ujawniania według źródeł (n: nieważone obserwacje w próbie; WZ: błąd standardowy ÷ oszacowanie)
methodology-col-source = Źródło
methodology-col-suppressed = Utajniona, gdy
methodology-col-flagged = Oznaczona u, gdy
methodology-col-basis = Podstawa
methodology-col-datasets = Zbiory danych tutaj
methodology-lfs-limits = Granice A i B BAEL UE to ważone liczebności w tysiącach osób ustalone dla każdego państwa: stosuje się je tam, gdzie oszacowanie oblicza się z mikrodanych, ponieważ zapisana wartość nie zawiera ważonej liczebności. Opcja:
methodology-intervals = Przedziały i werdykty
methodology-proportions = Odsetki
methodology-proportions-text = Przedziały dla wskaźników i udziałów mieszczą się w zakresie 0–100%: przedział logitowy (przedział log(p/(1−p)) ze stopniami swobody schematu losowania, przekształcony z powrotem), a przy 0% lub 100% dokładny przedział Cloppera-Pearsona dla n komórki, tak że przedział nigdy nie ma zerowej szerokości. Jak w pakiecie R survey:
methodology-differences = Różnice
methodology-differences-text = Różnica A − B jest istotna, gdy jej 95% przedział wyklucza 0.
methodology-ratios = Stosunki
methodology-ratios-text = Stosunek A / B (na przykład mediana dochodu grupy jako odsetek mediany obywateli danego kraju) jest istotny, gdy jego 95% przedział wyklucza 100% — równość — a nie 0.
methodology-flags = Flagi Eurostatu
methodology-flags-caption = Kody statusu obserwacji (listy sprzed 2025 r. i z 2025 r.; od 2025 r. poufność jest osobnym statusem C/N/P)
methodology-col-flag = Flaga
methodology-col-meaning = Znaczenie
methodology-methods = Metody
methodology-direct = Oszacowania bezpośrednie
methodology-direct-text = Oszacowania oparte na schemacie losowania z mikrodanych badania, z wagami, warstwami i zespołami badania; wariancje metodą linearyzacji (zespoły ostatniego stopnia), tak jak obliczają je pakiety R survey i laeken. Wskaźniki zagrożenia ubóstwem wykorzystują granicę krajową (60% krajowej mediany dochodu ekwiwalentnego).
methodology-gaps = Różnice między grupami
methodology-gaps-text = Różnice migranci − obywatele danego kraju są szacowane z kowariancją obu grup w tej samej próbie, więc ich przedziały są dokładne dla schematu losowania; różnica jest istotna, gdy jej 95% przedział wyklucza zero, a stosunek, gdy wyklucza 100%.
methodology-rankings = Rankingi
methodology-rankings-text = Miejsce 1 to najlepsza wartość. Przedział miejsc to zakres miejsc, które obszar zajmuje w 95% z 1000 symulacji parametrycznych losowanych z oszacowania i błędu standardowego każdego obszaru: nakładające się przedziały oznaczają, że kolejność nie jest ustalona.
methodology-comparisons = Porównania
methodology-comparisons-text = Dwa obszary porównuje się testem z dla różnicy ich oszacowań (próby niezależne: wariancje się sumują). Przy porównywaniu kilku obszarów z jednym wartości p koryguje się metodą Holma.
methodology-similar = Podobne obszary
methodology-similar-text = Najbliżsi sąsiedzi według wskaźników kontekstowych: każdy wskaźnik jest standaryzowany na obszarach tego samego poziomu, a odległość to ważona odległość euklidesowa na wskaźnikach dostępnych dla obu obszarów. Pokazywany jest udział każdego wskaźnika w odległości, a wagi można zmieniać.
methodology-sae = Estymacja dla małych obszarów
methodology-sae-text = Model Faya-Herriota na poziomie obszarów, dopasowany metodą REML, zweryfikowany względem pakietów R sae i emdi; zob. dokumentacja Civis.
methodology-catalogue-version = Wersja katalogu wskaźników
methodology-datasets = Zbiory danych
methodology-datasets-caption = Zbiory danych w tym portalu
methodology-col-dataset = Zbiór danych
methodology-col-vintage = Wersja
methodology-col-attribution = Oznaczenie źródła

## The comparison page

compare-title = Porównaj obszary
compare-lead = Wybierz do { $max } obszarów w dowolnych państwach. Każda wartość jest testowana względem pierwszego obszaru: różnicę uznaje się za istotną, gdy 95% przedział różnicy wyklucza zero po korekcie Holma na liczbę porównań. Wybierz różnicę między grupami (na przykład cudzoziemcy − obywatele danego kraju), aby porównać różnice między migrantami a obywatelami w obszarach. Wartości mierzone inaczej — inna grupa wieku, liczebność, syntetyczne dane testowe wobec rzeczywistych statystyk — są pokazywane, ale nie testowane, wraz z uzasadnieniem.
compare-area-n = Obszar { $n }
compare-no-data-for = Brak danych dla:
compare-choose = Wybierz co najmniej jeden obszar.
compare-table = Tabela porównawcza
compare-caption = { $group }: każdy obszar wobec: { $area }
compare-col-indicator = Wskaźnik, rok
compare-not-tested = nie testowano (brak błędu standardowego)
compare-not-head-counts = Nie porównano: liczebności zależą od wielkości miejsca, a nie od sytuacji jego mieszkańców.
compare-not-unit = Nie porównano: mierzone w { $unit } wobec { $first } dla: { $area }.
compare-not-synthetic = Nie porównano: syntetycznych danych testowych nie można zestawiać z rzeczywistymi statystykami.
compare-not-ages = Nie porównano: wiek { $ages } tutaj wobec { $first } dla: { $area }.
compare-no-gap = Żaden z tych obszarów nie ma obu wartości różnicy „{ $gap }” dla wspólnego wskaźnika.
compare-no-indicator = Te obszary nie mają żadnego wskaźnika dla tej grupy.
error-invalid-request = Nieprawidłowe żądanie

## Similar areas

peers-title = Obszary podobne do: { $area }
peers-crumb = podobne obszary
peers-lead = Najbliższe jednostki ({ $kinds }) według { $n } wskaźników kontekstowych, spośród { $others } innych.
peers-method = Obszary dobiera się wyłącznie według wskaźników i udziałów (odsetków), nigdy według liczebności, które mierzą wielkość miejsca, a nie jego sytuację. Każdy wskaźnik jest standaryzowany (wynik z na tych obszarach); odległość to ważona odległość euklidesowa na wskaźnikach dostępnych dla obu obszarów (co najmniej połowie z nich), przeskalowana do wszystkich wag. Słupki pokazują, ile każdy wskaźnik wnosi do odległości: mały udział oznacza, że oba obszary są pod tym względem podobne.
peers-kinds-aggregate = agregaty
peers-kinds-country = państwa
peers-kinds-region = regiony
peers-kinds-district = powiaty
peers-kinds-degurba = stopnie urbanizacji
peers-kinds-city = miasta
peers-no-indicators = Za mało wskaźników kontekstowych dla obszarów tego poziomu.
peers-weight = Waga: { $indicator }
peers-recompute = Przelicz
peers-none = Żaden obszar nie ma wystarczająco wielu wspólnych wskaźników z tym obszarem.
peers-caption = Najbliższe obszary i to, co je różni (udział w kwadracie odległości według wskaźnika)
peers-distance = Odległość
peers-this-area = ten obszar
peers-compare = porównaj
peers-share = { $share } odległości

## The city section of an area page

city-region-title = Sytuacja migrantów w regionie (NUTS 2)
city-lies-in = leży w regionie
city-and-nuts3 = oraz w regionie NUTS 3
city-no-city-outcomes = Eurostat nie publikuje wskaźników dotyczących migrantów dla miast: są to wartości dla regionu z unijnego badania aktywności ekonomicznej ludności.
city-no-region-outcomes = Dla tego regionu nie publikuje się wskaźników dotyczących migrantów.
city-outcomes-of = Sytuacja migrantów: { $region }
city-outcomes-caption = Region (NUTS 2) { $region }: zatrudnienie i bezrobocie według kraju urodzenia, ostatni rok
city-col-ages = Wiek
city-col-region = Region (NUTS 2)
city-not-placed = Nie udało się przypisać tego miasta do regionu NUTS 2024; zob. rejestr miast:
city-country = Państwo:
city-peers-title = Podobne miasta
city-peers-lead = Miasta z tego samego państwa najbliższe miastu { $city } pod względem udziału osób urodzonych za granicą (ostatni rok).
city-peers-link = Podobne obszary według wszystkich wskaźników kontekstowych
city-peers-of = Miasta podobne do: { $city }
city-peers-caption = Miasta podobne do: { $city } według udziału osób urodzonych za granicą
city-col-city = Miasto
city-col-foreign-born = Udział osób urodzonych za granicą

## The availability page

availability-title = Dostępność regionalnych statystyk dotyczących migrantów
availability-heading = Jaka część unijnych statystyk dotyczących migrantów dociera do regionów?
availability-lead = Dla każdego wskaźnika, grupy, państwa i roku: udział regionów NUTS 2, dla których Eurostat opublikował wartość, opublikował ją z flagą niskiej wiarygodności u lub jej nie opublikował (zbyt mało respondentów). Wszystkie wiersze są w plikach
availability-none = Nie wczytano żadnych oficjalnych wartości NUTS 2.
availability-sources = Źródła i wersje
availability-summary = Spośród { $values } wartości dla regionów NUTS 2 opublikowano { $published }, { $low } opublikowano z niską wiarygodnością (u), a { $not } nie opublikowano.
availability-no-flags = Wartości za { $year } pochodzą ze źródła wtórnego, które nie zawiera flag Eurostatu: wartości publikowane przez Eurostat z flagą u liczy się jako opublikowane, a udział oznaczonych jest nieznany (pominięty na wykresie).
availability-table = Regiony według statusu publikacji
availability-table-caption = Regiony NUTS 2 według statusu publikacji
availability-regions = Regiony
availability-published = Opublikowane
availability-low = Niska wiarygodność (u)
availability-not-published = Nieopublikowane
availability-map-title = Udział wartości NUTS 2 opublikowanych bez flagi, { $year }, według państw
availability-chart-title = Udział wartości NUTS 2 opublikowanych, oznaczonych i nieopublikowanych, wszystkie państwa, według lat

## Citations, permalinks and embeds (h19b)

cite-link = cytuj
cite-link-label = Cytuj tę liczbę
cite-title = Zacytuj tę liczbę
cite-heading = Cytowanie
cite-summary-page = Zacytuj liczby z tej strony
cite-permalink-page = Stały link do dokładnie tych liczb:
cite-each-value = Link „cytuj” przy każdej wartości podaje jej własny opis bibliograficzny w formatach BibTeX, RIS i CSL-JSON, np.
cite-identifier = Identyfikator
cite-data-code = Kod danych online
cite-last-update = Ostatnia aktualizacja zbioru danych
cite-retrieved = Pobrano
cite-method = Metoda
cite-synthetic = (dane syntetyczne)
cite-release = wydanie
cite-permalink = Stały link do tej wersji danych
cite-download = Pobierz:
vintage-pinned = To są liczby z wydania { $release } ({ $date } UTC).
vintage-newer = Istnieje nowsza wersja danych
vintage-newer-release = (wydanie { $release }, { $date } UTC):
vintage-current-link = zobacz aktualne liczby
vintage-permalink = Stały link do tych liczb (wydanie { $release }):
embed-summary = Osadź ten wykres
embed-how = Skopiuj jeden z tych kodów na swoją stronę, poprzedzając ścieżkę /embed/ adresem tego portalu. Wykres zawiera wiersz źródła, cytowanie i oznaczenia.
embed-how-absolute = Skopiuj jeden z tych kodów na swoją stronę. Wykres zawiera wiersz źródła, cytowanie i oznaczenia.
embed-synthetic = Dane syntetyczne: do demonstracji, nie są to rzeczywiste statystyki.
embed-model-based = Zawiera estymacje modelowe (małe obszary).
embed-cite = Cytuj:
embed-current = aktualne dane w Civis
embed-source-eurostat = Źródło: Eurostat (kod danych online: { $code })
embed-source-eurostat-via = Źródło: Eurostat (kod danych online: { $code }), za pośrednictwem { $via }
embed-source-civis = Civis, estymacja { $method }: { $source }

## The profile as a PDF (the report)

report-profile = Profil
report-gaps = Różnice
report-over-time = W czasie
report-peers-intro = Obszary najbliższe pod względem wskaźników kontekstowych (odległość standaryzowana; mniejsza oznacza bliższy), jak na stronie podobnych obszarów w portalu:
report-shared = Wspólne wskaźniki
report-peer-cities = Miasta podobne (ten sam kraj, najbliższy odsetek urodzonych za granicą)
report-legend = Oznaczenia i flagi
report-legend-u = u: niska wiarygodność (flaga Eurostatu u): czytać ostrożnie.
report-legend-c = c / utajnione: zbyt mało obserwacji lub dane poufne; nigdy nie pokazywane jako liczba.
report-legend-m = M: szacunek oparty na modelu (małe obszary), z udziałem pochodzącym z modelu.
report-legend-e = E: opublikowane przez Eurostat (oficjalne, bez opublikowanego przedziału).
report-legend-synthetic = syntetyczne: obliczone z syntetycznych danych testowych (laeken eusilc, emdi eusilcA), nie są to prawdziwe statystyki.
report-legend-flags = Pozostałe litery to flagi Eurostatu: b przerwa w szeregu, d inna definicja, e szacunek, p dane wstępne, r dane zrewidowane, s szacunek Eurostatu.
report-synthetic-note = Niektóre wartości w tym raporcie obliczono z syntetycznych danych testowych (pliki eusilc z laeken i eusilcA z emdi): ilustrują one metody i nie są prawdziwymi statystykami dla Austrii. Są oznaczone jako „syntetyczne”.
report-retrieved = pobrano
report-citation = Cytowanie
report-cite-as = Cytuj ten raport jako
report-online = Online
report-data-version = Wersja danych

## Groups of countries (Eurostat's aggregates; English as Eurostat names them)

aggregate-eu27-2020 = Unia Europejska - 27 państw (od 2020)
aggregate-eu28 = Unia Europejska - 28 państw (2013-2020)
aggregate-eu27-2007 = Unia Europejska - 27 państw (2007-2013)
aggregate-eu15 = Unia Europejska - 15 państw (1995-2004)
aggregate-ea = Strefa euro
aggregate-ea18 = Strefa euro - 18 państw (2014)
aggregate-ea19 = Strefa euro - 19 państw (2015-2022)
aggregate-ea20 = Strefa euro - 20 państw (od 2023)
aggregate-efta = Europejskie Stowarzyszenie Wolnego Handlu
