# Civis-register voor wederzijds leren: Nederlands. Bron: en.ftl in deze map.

## Account bar and sign-in

reg-account = Registeraccount
reg-signed-in-as = Aangemeld als
reg-record-practice = Praktijk vastleggen
reg-record-need = Behoefte vastleggen
reg-record-network = Netwerk vastleggen
reg-record-network-or-project = Netwerk of project vastleggen
reg-moderation = Moderatie
reg-import = Importeren
reg-audit-log = Auditlogboek
reg-users = Gebruikers
reg-sign-out = Afmelden
reg-sign-in = Aanmelden
reg-sign-in-who = (redacteuren, moderatoren, beheerders)
reg-login-lead = Voor redacteuren, moderatoren en beheerders van het register. Lezen kan zonder account.
reg-email = E-mailadres
reg-email-short = E-mail
reg-password = Wachtwoord
reg-login-locked = Te veel mislukte pogingen: aanmelden is geblokkeerd tot { $until }.
reg-login-failed = Onbekend e-mailadres of verkeerd wachtwoord.
reg-when = { $date }, { $time } UTC

## Refusals and errors

reg-back = Terug naar het register
reg-error-not-found = Niet gevonden
reg-error-not-found-text = Deze vermelding bestaat niet of is niet openbaar.
reg-error-forbidden = Niet toegestaan
reg-error-forbidden-text = Uw account mag dit niet. Meld u aan met een account dat voor deze stad verantwoordelijk is.
reg-error-workflow = Nu niet mogelijk
reg-error-conflict = Conflict
reg-error-invalid = Ongeldig
reg-error-internal = Interne fout
reg-error-internal-text = Het verzoek is mislukt.
reg-error-store-text = Het register kon het verzoek niet afronden.
reg-error-unsupported-form = Formulier niet ondersteund
reg-error-unsupported-form-text = Formulieren moeten als application/x-www-form-urlencoded worden verzonden.
reg-error-too-large = Te groot
reg-error-too-large-text = Het formulier is groter dan deze pagina aanneemt.
reg-error-too-slow = Te traag
reg-error-too-slow-text = Het formulier deed er te lang over om aan te komen.
reg-error-invalid-form = Ongeldig formulier
reg-error-invalid-form-text = Het formulier kon niet worden gelezen.
reg-error-form-expired = Formulier verlopen
reg-error-form-expired-text = Dit formulier heeft geen geldig beveiligingstoken (CSRF). Laad de pagina opnieuw en verstuur het nogmaals.
reg-error-invalid-filter = Ongeldig filter
reg-no-such-entry = Deze vermelding bestaat niet.
reg-no-such-practice = Deze praktijk bestaat niet.
reg-no-such-need = Deze behoefte bestaat niet.
reg-no-such-network = Dit netwerk bestaat niet.
reg-no-such-action = Deze actie bestaat niet.
reg-no-such-export = Exports zijn practices.csv, needs.csv, networks.csv en instruments.csv.
reg-no-data-for-area = Het portaal heeft geen gegevens voor dit gebied.

## Browse and search

reg-browse-title = Praktijken, behoeften en instrumenten
reg-browse-lead = Wat steden hebben gedaan, wat ze nodig hebben en welke instrumenten er zijn — elk gekoppeld aan de indicatoren waarover het gaat.
reg-browse-directory-link = De gids met instrumenten
reg-browse-directory-text = somt de gegevensbronnen, enquêtes, indicatorensets en software voor integratiestatistiek op.
reg-search = Zoeken
reg-kind = Soort
reg-area-code = Code van stad of gebied
reg-policy-area = Beleidsterrein
reg-target-group = Doelgroep
reg-indicator = Indicator
reg-any = alle
reg-nothing-matches = Geen resultaten.
reg-entries-count = { $count ->
    [one] { $count } vermelding
   *[other] { $count } vermeldingen
}

## Entry pages

reg-editing-and-moderation = Bewerking en moderatie
reg-status = Status:
reg-edit = Bewerken
reg-submit-for-review = Ter beoordeling indienen
reg-publish = Publiceren
reg-send-back-to-draft = Terugzetten naar concept
reg-delete = Verwijderen
reg-note-for-author = Opmerking voor de auteur
reg-policy-areas = Beleidsterreinen
reg-for = Voor
reg-evidence = Bewijs
reg-what-the-city-did = Wat de stad deed
reg-results = Resultaten
reg-transferability = Overdraagbaarheid
reg-costs = Kosten
reg-contacts = Contactpersonen
reg-contact = Contact
reg-links = Links
reg-city-numbers = De cijfers van de stad
reg-practice-no-indicator = Deze praktijk is aan geen enkele indicator gekoppeld.
reg-practice-no-figures = Het portaal heeft nog geen cijfers voor de gekoppelde indicatoren in dit gebied.
reg-values-note = Waarden met hun betrouwbaarheidsinterval van 95 %; een verandering geldt pas als buiten de onzekerheid wanneer de intervallen van de eerste en de laatste periode elkaar niet overlappen.
reg-cities-like-this = Vergelijkbare steden
reg-period-since = sinds { $from }
reg-series-caption = { $indicator } — { $group }, { $area }: { $trend }
reg-synthetic = synthetisch
reg-period = Periode
reg-value = Waarde
reg-interval = 95 %-interval
reg-status-column = Status
reg-practice-running = praktijk loopt
reg-trend-none = slechts één periode: geen trend
reg-trend = { $change } sinds { $since } ({ $direction }, { $certainty })
reg-trend-no-change = geen verandering
reg-trend-better = beter
reg-trend-worse = slechter
reg-beyond-uncertainty = buiten de onzekerheid
reg-within-uncertainty = binnen de onzekerheid
reg-indicators = Indicatoren:
reg-cities-with-practice = Steden met een praktijk hiervoor
reg-no-practice-matches = Nog geen gepubliceerde praktijk komt overeen.
reg-tools-that-help = Instrumenten en bronnen die kunnen helpen
reg-who-takes-part = Wie doet mee

## The toolbox directory

reg-directory-title = Gids met instrumenten
reg-directory-lead = Gegevensbronnen, enquêtes, indicatorensets, beleidsindexen, praktijkdatabanken, classificaties, software en methoden voor statistiek over de integratie van migranten in Europese steden — elk met eigenaar, dekking, toegangsvoorwaarden en de herkomst van de gegevens.
reg-show = Tonen
reg-instruments-count = { $count ->
    [one] { $count } instrument
   *[other] { $count } instrumenten
}
reg-instrument = Instrument
reg-owner = Eigenaar
reg-geography = Geografie
reg-access = Toegang
reg-formats = Formaten
reg-coverage = Dekking
reg-link = Link
reg-record-source = Bron van deze vermelding

## Cities like yours

reg-like-title = Steden zoals { $name }
reg-like-lead = Vergelijkbare gebieden — { $method } — die een indicator voor een migrantengroep hebben verbeterd, en de praktijken die zij hebben vastgelegd. Een verbetering geldt pas als buiten de onzekerheid wanneer de 95 %-intervallen van de eerste en de laatste periode elkaar niet overlappen.
reg-peers-nearest = statistisch dichtstbijzijnde buren op de contextindicatoren (zie de pagina Vergelijkbare gebieden)
reg-peers-same-country = gebieden van dezelfde soort in hetzelfde land
reg-no-improvement = Geen verbetering in de reeksen van het portaal.
reg-improvement = { $indicator }, { $group }: { $change } van { $from } tot { $to } — { $certainty }
reg-no-practice-yet = Nog geen praktijk vastgelegd.
reg-practices = Praktijken:

## Entry forms

reg-please-correct = { $count ->
    [one] Corrigeer { $count } veld:
   *[other] Corrigeer { $count } velden:
}
reg-field-title = Titel
reg-field-area = Code van stad of gebied
reg-field-period_from = Beginjaar
reg-field-period_to = Eindjaar
reg-field-policy_areas = Beleidsterreinen
reg-field-target_groups = Doelgroepen
reg-field-indicators = Indicatoren
reg-field-description = Beschrijving
reg-field-results = Resultaten
reg-field-evidence = Bewijs
reg-field-transferability = Overdraagbaarheid
reg-field-costs = Kosten
reg-field-contacts = Contactpersonen
reg-field-links = Links
reg-field-language = Taal van deze vermelding
reg-field-kind = Soort
reg-field-name = Naam
reg-field-members = Leden
reg-field-link = Website
reg-hint-area = Een code van land, NUTS-regio of Urban Audit-stad: AT13, DE001C1
reg-label-running-since = Loopt sinds (jaar)
reg-label-until = Tot (jaar, leeg als het nog loopt)
reg-label-since = Sinds (jaar)
reg-label-practice-indicators = Indicatoren die de praktijk wil beïnvloeden
reg-label-results = Resultaten (met cijfers waar die er zijn)
reg-label-transferability = Overdraagbaarheid: wat een andere stad nodig heeft om het te herhalen
reg-label-links = Links (één per regel)
reg-label-what-is-needed = Wat nodig is
reg-label-network-or-project = Netwerk of project
reg-label-members = Leden: codes van steden of gebieden, één per regel
reg-save-draft = Concept opslaan
reg-save-and-submit = Opslaan en ter beoordeling indienen
reg-edit-heading = Bewerken:
reg-edit-practice = Praktijk bewerken
reg-edit-need = Behoefte bewerken
reg-edit-network = Netwerk bewerken
reg-invalid-required = is verplicht
reg-invalid-one-line = moet één regel zonder stuurtekens zijn
reg-invalid-control = bevat stuurtekens
reg-invalid-no-policy-area = kies ten minste één beleidsterrein
reg-invalid-too-long = is langer dan { $max } tekens
reg-invalid-year = ‘{ $value }’ is geen jaar (1950-2100)
reg-invalid-period = eindigt ({ $to }) voordat het begint ({ $from })
reg-invalid-code = ‘{ $value }’ is niet een van: { $codes }

## Moderation, audit, users, import

reg-waiting-for-review = Wacht op beoordeling
reg-nothing-to-review = Niets te beoordelen.
reg-entry = Vermelding
reg-area = Gebied
reg-submitted = Ingediend
reg-decision = Besluit
reg-note = Opmerking
reg-send-back = Terugsturen
reg-audit-lead = Elke wijziging met wie ze maakte en wanneer;
reg-audit-json = bevat de volledige toestand ervoor en erna.
reg-audit-when = Wanneer
reg-audit-who = Wie
reg-audit-what = Wat
reg-audit-subject = Onderwerp
reg-audit-changed = Gewijzigde velden
reg-role = Rol
reg-areas = Gebieden
reg-active = Actief
reg-save = Opslaan
reg-role-areas-active = Rol, gebieden, actief
reg-new-user = Nieuwe gebruiker
reg-new-user-areas = Gebieden (redacteuren: codes van steden of gebieden, gescheiden door spaties)
reg-new-user-password = Beginwachtwoord (minstens 12 tekens)
reg-create = Aanmaken
reg-import-title = Praktijken, behoeften, netwerken en instrumenten importeren
reg-import-lead-json = Plak een JSON-document van het register (in het formaat van
reg-import-lead-csv = ) of de CSV van één soort vermelding (in het formaat van
reg-import-lead-all = Er wordt niets opgeslagen tenzij elk item geldig is.
reg-import-format = Formaat
reg-import-status = Status van items zonder status
reg-import-document = Document
reg-import-format-json = JSON-document
reg-import-format-practices = CSV met praktijken
reg-import-format-needs = CSV met behoeften
reg-import-format-networks = CSV met netwerken
reg-import-format-instruments = CSV met instrumenten uit de gids
reg-import-unknown-format = onbekend formaat ‘{ $format }’
reg-import-nothing = Er is niets geïmporteerd.
reg-import-done = { $count ->
    [one] { $count } vermelding geïmporteerd.
   *[other] { $count } vermeldingen geïmporteerd.
}
reg-import-conflict = Er is niets geïmporteerd: { $reason }

## Roles

reg-role-editor = redacteur
reg-role-moderator = moderator
reg-role-admin = beheerder

## Vocabularies: entry kinds and statuses

reg-entry-kind-practice = Praktijk
reg-entry-kind-need = Behoefte van een stad
reg-entry-kind-network = Netwerk of project
reg-entry-kind-instrument = Instrument uit de gids
reg-status-draft = Concept
reg-status-submitted = Ter beoordeling ingediend
reg-status-published = Gepubliceerd

## Vocabularies: policy areas

reg-policy-employment = Werkgelegenheid
reg-policy-education = Onderwijs
reg-policy-social_inclusion = Sociale inclusie
reg-policy-housing = Huisvesting
reg-policy-health = Gezondheid
reg-policy-active_citizenship = Actief burgerschap
reg-policy-language = Taalverwerving
reg-policy-reception = Opvang en oriëntatie
reg-policy-anti_discrimination = Bestrijding van discriminatie
reg-policy-governance = Bestuur, gegevens en monitoring

## Vocabularies: target groups

reg-audience-all_residents = Alle inwoners
reg-audience-foreign_citizens = Buitenlandse staatsburgers
reg-audience-eu_citizens = Burgers van andere EU-landen
reg-audience-non_eu_citizens = Niet-EU-burgers (onderdanen van derde landen)
reg-audience-foreign_born = In het buitenland geboren inwoners
reg-audience-second_generation = In het land geborenen met migrantenouders
reg-audience-refugees = Vluchtelingen en begunstigden van internationale bescherming
reg-audience-asylum_seekers = Asielzoekers
reg-audience-undocumented = Ongedocumenteerde migranten
reg-audience-women = Vrouwen
reg-audience-youth = Jongeren
reg-audience-children = Kinderen
reg-audience-older_people = Ouderen

## Vocabularies: evidence

reg-evidence-none = Nog geen evaluatie
reg-evidence-monitoring = Monitoringgegevens (output, deelnemers)
reg-evidence-evaluation = Evaluatie (voor/na, kwalitatief of kwantitatief)
reg-evidence-counterfactual = Effectevaluatie met een vergelijkingsgroep

## Vocabularies: needs and networks

reg-need-kind-data = Gegevens
reg-need-kind-indicator = Indicatoren en definities
reg-need-kind-tool = Software of instrument
reg-need-kind-method = Methode (schatting, evaluatie)
reg-need-kind-practice = Een praktijk om van te leren
reg-network-kind-network = Netwerk
reg-network-kind-project = Project

## Vocabularies: the directory

reg-instrument-kind-data_source = Databank of dataset
reg-instrument-kind-survey = Enquête
reg-instrument-kind-indicator_set = Indicatorenset
reg-instrument-kind-policy_index = Beleidsindex of benchmark
reg-instrument-kind-practice_database = Praktijkdatabank of -netwerk
reg-instrument-kind-classification = Classificatie of typologie
reg-instrument-kind-software = Software
reg-instrument-kind-method = Methode of richtlijnen
reg-geo-level-any = Elk niveau (software, methoden)
reg-geo-level-international = Wereldregio’s of internationaal
reg-geo-level-country = Land
reg-geo-level-nuts1 = NUTS 1-regio’s
reg-geo-level-nuts2 = NUTS 2-regio’s
reg-geo-level-nuts3 = NUTS 3-regio’s
reg-geo-level-degurba = Verstedelijkingsgraad
reg-geo-level-city = Steden
reg-geo-level-fua = Functionele stedelijke gebieden
reg-geo-level-lau = Gemeenten (LAU)
reg-geo-level-grid = Rastercellen
reg-access-open = Open, zonder registratie
reg-access-registration = Gratis na registratie
reg-access-on_request = Op aanvraag (onderzoeksvoorstel of overeenkomst)
reg-access-licence = Licentie of vergoeding
