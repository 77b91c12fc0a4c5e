# Rejestr wzajemnego uczenia się Civis: polski. Źródło: en.ftl w tym katalogu.

## Account bar and sign-in

reg-account = Konto rejestru
reg-signed-in-as = Zalogowano jako
reg-record-practice = Dodaj praktykę
reg-record-need = Dodaj potrzebę
reg-record-network = Dodaj sieć
reg-record-network-or-project = Dodaj sieć lub projekt
reg-moderation = Moderacja
reg-import = Import
reg-audit-log = Dziennik zmian
reg-users = Użytkownicy
reg-sign-out = Wyloguj się
reg-sign-in = Zaloguj się
reg-sign-in-who = (redaktorzy, moderatorzy, administratorzy)
reg-login-lead = Dla redaktorów, moderatorów i administratorów rejestru. Do przeglądania konto nie jest potrzebne.
reg-email = Adres e-mail
reg-email-short = E-mail
reg-password = Hasło
reg-login-locked = Zbyt wiele nieudanych prób: logowanie jest zablokowane do { $until }.
reg-login-failed = Nieznany adres e-mail lub błędne hasło.
reg-when = { $date }, { $time } UTC

## Refusals and errors

reg-back = Powrót do rejestru
reg-error-not-found = Nie znaleziono
reg-error-not-found-text = Taki wpis nie istnieje lub nie jest publiczny.
reg-error-forbidden = Brak uprawnień
reg-error-forbidden-text = Twoje konto nie może tego zrobić. Zaloguj się na konto odpowiedzialne za to miasto.
reg-error-workflow = Teraz niemożliwe
reg-error-conflict = Konflikt
reg-error-invalid = Nieprawidłowe
reg-error-internal = Błąd wewnętrzny
reg-error-internal-text = Żądanie nie powiodło się.
reg-error-store-text = Rejestr nie mógł wykonać żądania.
reg-error-unsupported-form = Nieobsługiwany formularz
reg-error-unsupported-form-text = Formularze należy wysyłać jako application/x-www-form-urlencoded.
reg-error-too-large = Za duże
reg-error-too-large-text = Formularz jest większy, niż przyjmuje ta strona.
reg-error-too-slow = Za wolno
reg-error-too-slow-text = Formularz docierał zbyt długo.
reg-error-invalid-form = Nieprawidłowy formularz
reg-error-invalid-form-text = Nie udało się odczytać formularza.
reg-error-form-expired = Formularz wygasł
reg-error-form-expired-text = Ten formularz nie ma ważnego tokenu bezpieczeństwa (CSRF). Odśwież stronę i wyślij go ponownie.
reg-error-invalid-filter = Nieprawidłowy filtr
reg-no-such-entry = Taki wpis nie istnieje.
reg-no-such-practice = Taka praktyka nie istnieje.
reg-no-such-need = Taka potrzeba nie istnieje.
reg-no-such-network = Taka sieć nie istnieje.
reg-no-such-action = Taka czynność nie istnieje.
reg-no-such-export = Dostępne eksporty to practices.csv, needs.csv, networks.csv i instruments.csv.
reg-no-data-for-area = Portal nie ma danych dla tego obszaru.

## Browse and search

reg-browse-title = Praktyki, potrzeby i narzędzia
reg-browse-lead = Co zrobiły miasta, czego potrzebują i jakie istnieją instrumenty — każdy wpis powiązany ze wskaźnikami, których dotyczy.
reg-browse-directory-link = Katalog narzędzi
reg-browse-directory-text = zawiera źródła danych, badania, zestawy wskaźników i oprogramowanie do statystyki integracji.
reg-search = Szukaj
reg-kind = Rodzaj
reg-area-code = Kod miasta lub obszaru
reg-policy-area = Obszar polityki
reg-target-group = Grupa docelowa
reg-indicator = Wskaźnik
reg-any = wszystkie
reg-nothing-matches = Brak wyników.
reg-entries-count = { $count ->
    [one] { $count } wpis
    [few] { $count } wpisy
    [many] { $count } wpisów
   *[other] { $count } wpisu
}

## Entry pages

reg-editing-and-moderation = Redakcja i moderacja
reg-status = Status:
reg-edit = Edytuj
reg-submit-for-review = Prześlij do weryfikacji
reg-publish = Opublikuj
reg-send-back-to-draft = Cofnij do wersji roboczej
reg-delete = Usuń
reg-note-for-author = Uwaga dla autora
reg-policy-areas = Obszary polityki
reg-for = Dla
reg-evidence = Dowody
reg-what-the-city-did = Co zrobiło miasto
reg-results = Wyniki
reg-transferability = Możliwość przeniesienia
reg-costs = Koszty
reg-contacts = Kontakty
reg-contact = Kontakt
reg-links = Linki
reg-city-numbers = Liczby miasta
reg-practice-no-indicator = Ta praktyka nie jest powiązana z żadnym wskaźnikiem.
reg-practice-no-figures = Portal nie ma jeszcze danych dla powiązanych wskaźników na tym obszarze.
reg-values-note = Wartości z 95-procentowym przedziałem ufności; zmianę uznaje się za wykraczającą poza niepewność tylko wtedy, gdy przedziały pierwszego i ostatniego okresu się nie nakładają.
reg-cities-like-this = Podobne miasta
reg-period-since = od { $from }
reg-series-caption = { $indicator } — { $group }, { $area }: { $trend }
reg-synthetic = syntetyczne
reg-period = Okres
reg-value = Wartość
reg-interval = Przedział 95 %
reg-status-column = Status
reg-practice-running = praktyka w toku
reg-trend-none = tylko jeden okres: brak trendu
reg-trend = { $change } od { $since } ({ $direction }, { $certainty })
reg-trend-no-change = bez zmian
reg-trend-better = poprawa
reg-trend-worse = pogorszenie
reg-beyond-uncertainty = poza granicą niepewności
reg-within-uncertainty = w granicach niepewności
reg-indicators = Wskaźniki:
reg-cities-with-practice = Miasta z praktyką w tej sprawie
reg-no-practice-matches = Żadna opublikowana praktyka jeszcze nie pasuje.
reg-tools-that-help = Narzędzia i źródła, które mogą pomóc
reg-who-takes-part = Kto uczestniczy

## The toolbox directory

reg-directory-title = Katalog narzędzi
reg-directory-lead = Źródła danych, badania, zestawy wskaźników, indeksy polityk, bazy praktyk, klasyfikacje, oprogramowanie i metody do statystyki integracji imigrantów w miastach europejskich — każde z właścicielem, zasięgiem, warunkami dostępu i pochodzeniem informacji.
reg-show = Pokaż
reg-instruments-count = { $count ->
    [one] { $count } instrument
    [few] { $count } instrumenty
    [many] { $count } instrumentów
   *[other] { $count } instrumentu
}
reg-instrument = Instrument
reg-owner = Właściciel
reg-geography = Geografia
reg-access = Dostęp
reg-formats = Formaty
reg-coverage = Zasięg
reg-link = Link
reg-record-source = Źródło tego wpisu

## Cities like yours

reg-like-title = Miasta podobne do: { $name }
reg-like-lead = Podobne obszary — { $method } — które poprawiły wskaźnik dla grupy migrantów, oraz praktyki, które zarejestrowały. Poprawę uznaje się za wykraczającą poza niepewność tylko wtedy, gdy 95-procentowe przedziały pierwszego i ostatniego okresu się nie nakładają.
reg-peers-nearest = statystycznie najbliżsi sąsiedzi według wskaźników kontekstowych (zob. stronę Podobne obszary)
reg-peers-same-country = obszary tego samego rodzaju w tym samym kraju
reg-no-improvement = Brak poprawy w szeregach portalu.
reg-improvement = { $indicator }, { $group }: { $change } od { $from } do { $to } — { $certainty }
reg-no-practice-yet = Nie zarejestrowano jeszcze żadnej praktyki.
reg-practices = Praktyki:

## Entry forms

reg-please-correct = { $count ->
    [one] Popraw { $count } pole:
    [few] Popraw { $count } pola:
    [many] Popraw { $count } pól:
   *[other] Popraw { $count } pola:
}
reg-field-title = Tytuł
reg-field-area = Kod miasta lub obszaru
reg-field-period_from = Rok rozpoczęcia
reg-field-period_to = Rok zakończenia
reg-field-policy_areas = Obszary polityki
reg-field-target_groups = Grupy docelowe
reg-field-indicators = Wskaźniki
reg-field-description = Opis
reg-field-results = Wyniki
reg-field-evidence = Dowody
reg-field-transferability = Możliwość przeniesienia
reg-field-costs = Koszty
reg-field-contacts = Kontakty
reg-field-links = Linki
reg-field-language = Język tego wpisu
reg-field-kind = Rodzaj
reg-field-name = Nazwa
reg-field-members = Członkowie
reg-field-link = Strona internetowa
reg-hint-area = Kod kraju, regionu NUTS lub miasta Urban Audit: AT13, DE001C1
reg-label-running-since = Realizowana od (rok)
reg-label-until = Do (rok, puste, jeśli nadal trwa)
reg-label-since = Od (rok)
reg-label-practice-indicators = Wskaźniki, na które praktyka ma wpłynąć
reg-label-results = Wyniki (z liczbami, jeśli są)
reg-label-transferability = Możliwość przeniesienia: czego potrzebuje inne miasto, by ją powtórzyć
reg-label-links = Linki (jeden w wierszu)
reg-label-what-is-needed = Czego potrzeba
reg-label-network-or-project = Sieć lub projekt
reg-label-members = Członkowie: kody miast lub obszarów, jeden w wierszu
reg-save-draft = Zapisz wersję roboczą
reg-save-and-submit = Zapisz i prześlij do weryfikacji
reg-edit-heading = Edycja:
reg-edit-practice = Edytuj praktykę
reg-edit-need = Edytuj potrzebę
reg-edit-network = Edytuj sieć
reg-invalid-required = jest wymagane
reg-invalid-one-line = musi być jednym wierszem bez znaków sterujących
reg-invalid-control = zawiera znaki sterujące
reg-invalid-no-policy-area = wybierz co najmniej jeden obszar polityki
reg-invalid-too-long = jest dłuższe niż { $max } znaków
reg-invalid-year = „{ $value }” nie jest rokiem (1950–2100)
reg-invalid-period = kończy się ({ $to }) przed rozpoczęciem ({ $from })
reg-invalid-code = „{ $value }” nie należy do: { $codes }

## Moderation, audit, users, import

reg-waiting-for-review = Oczekuje na weryfikację
reg-nothing-to-review = Nic do weryfikacji.
reg-entry = Wpis
reg-area = Obszar
reg-submitted = Przesłano
reg-decision = Decyzja
reg-note = Uwaga
reg-send-back = Odeślij
reg-audit-lead = Każda zmiana z autorem i datą;
reg-audit-json = zawiera pełny stan przed i po.
reg-audit-when = Kiedy
reg-audit-who = Kto
reg-audit-what = Co
reg-audit-subject = Przedmiot
reg-audit-changed = Zmienione pola
reg-role = Rola
reg-areas = Obszary
reg-active = Aktywne
reg-save = Zapisz
reg-role-areas-active = Rola, obszary, aktywność
reg-new-user = Nowy użytkownik
reg-new-user-areas = Obszary (redaktorzy: kody miast lub obszarów oddzielone spacjami)
reg-new-user-password = Hasło początkowe (co najmniej 12 znaków)
reg-create = Utwórz
reg-import-title = Import praktyk, potrzeb, sieci i narzędzi
reg-import-lead-json = Wklej dokument JSON rejestru (w formacie
reg-import-lead-csv = ) albo plik CSV jednego rodzaju wpisów (w formacie
reg-import-lead-all = Nic nie zostanie zapisane, jeśli choć jeden element jest nieprawidłowy.
reg-import-format = Format
reg-import-status = Status elementów bez statusu
reg-import-document = Dokument
reg-import-format-json = Dokument JSON
reg-import-format-practices = CSV z praktykami
reg-import-format-needs = CSV z potrzebami
reg-import-format-networks = CSV z sieciami
reg-import-format-instruments = CSV z instrumentami katalogu
reg-import-unknown-format = nieznany format „{ $format }”
reg-import-nothing = Niczego nie zaimportowano.
reg-import-done = { $count ->
    [one] Zaimportowano { $count } wpis.
    [few] Zaimportowano { $count } wpisy.
    [many] Zaimportowano { $count } wpisów.
   *[other] Zaimportowano { $count } wpisu.
}
reg-import-conflict = Niczego nie zaimportowano: { $reason }

## Roles

reg-role-editor = redaktor
reg-role-moderator = moderator
reg-role-admin = administrator

## Vocabularies: entry kinds and statuses

reg-entry-kind-practice = Praktyka
reg-entry-kind-need = Potrzeba miasta
reg-entry-kind-network = Sieć lub projekt
reg-entry-kind-instrument = Instrument katalogu
reg-status-draft = Wersja robocza
reg-status-submitted = Przesłano do weryfikacji
reg-status-published = Opublikowano

## Vocabularies: policy areas

reg-policy-employment = Zatrudnienie
reg-policy-education = Edukacja
reg-policy-social_inclusion = Włączenie społeczne
reg-policy-housing = Mieszkalnictwo
reg-policy-health = Zdrowie
reg-policy-active_citizenship = Aktywne obywatelstwo
reg-policy-language = Nauka języka
reg-policy-reception = Przyjęcie i orientacja
reg-policy-anti_discrimination = Przeciwdziałanie dyskryminacji
reg-policy-governance = Zarządzanie, dane i monitorowanie

## Vocabularies: target groups

reg-audience-all_residents = Wszyscy mieszkańcy
reg-audience-foreign_citizens = Cudzoziemcy
reg-audience-eu_citizens = Obywatele innych państw UE
reg-audience-non_eu_citizens = Obywatele państw spoza UE (państw trzecich)
reg-audience-foreign_born = Mieszkańcy urodzeni za granicą
reg-audience-second_generation = Urodzeni w kraju z rodziców migrantów
reg-audience-refugees = Uchodźcy i beneficjenci ochrony międzynarodowej
reg-audience-asylum_seekers = Osoby ubiegające się o azyl
reg-audience-undocumented = Migranci bez dokumentów
reg-audience-women = Kobiety
reg-audience-youth = Młodzież
reg-audience-children = Dzieci
reg-audience-older_people = Osoby starsze

## Vocabularies: evidence

reg-evidence-none = Jeszcze bez ewaluacji
reg-evidence-monitoring = Dane z monitorowania (produkty, uczestnicy)
reg-evidence-evaluation = Ewaluacja (przed/po, jakościowa lub ilościowa)
reg-evidence-counterfactual = Ewaluacja wpływu z grupą porównawczą

## Vocabularies: needs and networks

reg-need-kind-data = Dane
reg-need-kind-indicator = Wskaźniki i definicje
reg-need-kind-tool = Oprogramowanie lub narzędzie
reg-need-kind-method = Metoda (estymacja, ewaluacja)
reg-need-kind-practice = Praktyka, z której można się uczyć
reg-network-kind-network = Sieć
reg-network-kind-project = Projekt

## Vocabularies: the directory

reg-instrument-kind-data_source = Baza danych lub zbiór danych
reg-instrument-kind-survey = Badanie ankietowe
reg-instrument-kind-indicator_set = Zestaw wskaźników
reg-instrument-kind-policy_index = Indeks polityk lub benchmark
reg-instrument-kind-practice_database = Baza lub sieć praktyk
reg-instrument-kind-classification = Klasyfikacja lub typologia
reg-instrument-kind-software = Oprogramowanie
reg-instrument-kind-method = Metoda lub wytyczne
reg-geo-level-any = Dowolny poziom (oprogramowanie, metody)
reg-geo-level-international = Regiony świata lub poziom międzynarodowy
reg-geo-level-country = Kraj
reg-geo-level-nuts1 = Regiony NUTS 1
reg-geo-level-nuts2 = Regiony NUTS 2
reg-geo-level-nuts3 = Regiony NUTS 3
reg-geo-level-degurba = Stopień urbanizacji
reg-geo-level-city = Miasta
reg-geo-level-fua = Funkcjonalne obszary miejskie
reg-geo-level-lau = Gminy (LAU)
reg-geo-level-grid = Komórki siatki
reg-access-open = Otwarty, bez rejestracji
reg-access-registration = Bezpłatny po rejestracji
reg-access-on_request = Na wniosek (projekt badawczy lub umowa)
reg-access-licence = Licencja lub opłata
