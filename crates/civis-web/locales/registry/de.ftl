# Civis-Register für gegenseitiges Lernen: Deutsch. Quelle: en.ftl in diesem Ordner.

## Account bar and sign-in

reg-account = Registerkonto
reg-signed-in-as = Angemeldet als
reg-record-practice = Praxisbeispiel erfassen
reg-record-need = Bedarf erfassen
reg-record-network = Netzwerk erfassen
reg-record-network-or-project = Netzwerk oder Projekt erfassen
reg-moderation = Moderation
reg-import = Importieren
reg-audit-log = Änderungsprotokoll
reg-users = Benutzer
reg-sign-out = Abmelden
reg-sign-in = Anmelden
reg-sign-in-who = (Redaktion, Moderation, Verwaltung)
reg-login-lead = Für Redakteurinnen und Redakteure, Moderation und Verwaltung des Registers. Zum Lesen braucht es kein Konto.
reg-email = E-Mail-Adresse
reg-email-short = E-Mail
reg-password = Passwort
reg-login-locked = Zu viele fehlgeschlagene Versuche: Die Anmeldung ist gesperrt bis { $until }.
reg-login-failed = Unbekannte E-Mail-Adresse oder falsches Passwort.
reg-when = { $date }, { $time } UTC

## Refusals and errors

reg-back = Zurück zum Register
reg-error-not-found = Nicht gefunden
reg-error-not-found-text = Diesen Eintrag gibt es nicht, oder er ist nicht öffentlich.
reg-error-forbidden = Nicht erlaubt
reg-error-forbidden-text = Ihr Konto darf das nicht. Melden Sie sich mit einem Konto an, das für diese Stadt zuständig ist.
reg-error-workflow = Derzeit nicht möglich
reg-error-conflict = Konflikt
reg-error-invalid = Ungültig
reg-error-internal = Interner Fehler
reg-error-internal-text = Die Anfrage ist fehlgeschlagen.
reg-error-store-text = Das Register konnte die Anfrage nicht ausführen.
reg-error-unsupported-form = Nicht unterstütztes Formular
reg-error-unsupported-form-text = Formulare müssen als application/x-www-form-urlencoded gesendet werden.
reg-error-too-large = Zu groß
reg-error-too-large-text = Das Formular ist größer, als diese Seite annimmt.
reg-error-too-slow = Zu langsam
reg-error-too-slow-text = Das Formular kam zu langsam an.
reg-error-invalid-form = Ungültiges Formular
reg-error-invalid-form-text = Das Formular konnte nicht gelesen werden.
reg-error-form-expired = Formular abgelaufen
reg-error-form-expired-text = Dieses Formular hat kein gültiges Sicherheits-Token (CSRF). Laden Sie die Seite neu und senden Sie es noch einmal.
reg-error-invalid-filter = Ungültiger Filter
reg-no-such-entry = Diesen Eintrag gibt es nicht.
reg-no-such-practice = Dieses Praxisbeispiel gibt es nicht.
reg-no-such-need = Diesen Bedarf gibt es nicht.
reg-no-such-network = Dieses Netzwerk gibt es nicht.
reg-no-such-action = Diese Aktion gibt es nicht.
reg-no-such-export = Exporte sind practices.csv, needs.csv, networks.csv und instruments.csv.
reg-no-data-for-area = Das Portal hat für dieses Gebiet keine Daten.

## Browse and search

reg-browse-title = Praxisbeispiele, Bedarfe und Werkzeuge
reg-browse-lead = Was Städte getan haben, was sie brauchen und welche Instrumente es gibt — jeweils verknüpft mit den Indikatoren, um die es geht.
reg-browse-directory-link = Das Werkzeugverzeichnis
reg-browse-directory-text = listet Datenquellen, Erhebungen, Indikatorensets und Software für die Integrationsstatistik.
reg-search = Suchen
reg-kind = Art
reg-area-code = Stadt- oder Gebietscode
reg-policy-area = Handlungsfeld
reg-target-group = Zielgruppe
reg-indicator = Indikator
reg-any = alle
reg-nothing-matches = Keine Treffer.
reg-entries-count = { $count ->
    [one] { $count } Eintrag
   *[other] { $count } Einträge
}

## Entry pages

reg-editing-and-moderation = Bearbeitung und Moderation
reg-status = Status:
reg-edit = Bearbeiten
reg-submit-for-review = Zur Prüfung einreichen
reg-publish = Veröffentlichen
reg-send-back-to-draft = Als Entwurf zurückgeben
reg-delete = Löschen
reg-note-for-author = Hinweis für die Autorin oder den Autor
reg-policy-areas = Handlungsfelder
reg-for = Für
reg-evidence = Evidenz
reg-what-the-city-did = Was die Stadt getan hat
reg-results = Ergebnisse
reg-transferability = Übertragbarkeit
reg-costs = Kosten
reg-contacts = Kontakte
reg-contact = Kontakt
reg-links = Links
reg-city-numbers = Die Zahlen der Stadt
reg-practice-no-indicator = Dieses Praxisbeispiel ist mit keinem Indikator verknüpft.
reg-practice-no-figures = Das Portal hat für die verknüpften Indikatoren in diesem Gebiet noch keine Zahlen.
reg-values-note = Werte mit ihrem 95-%-Konfidenzintervall; eine Veränderung gilt nur dann als jenseits der Unsicherheit, wenn sich die Intervalle des ersten und des letzten Zeitraums nicht überschneiden.
reg-cities-like-this = Vergleichbare Städte
reg-period-since = seit { $from }
reg-series-caption = { $indicator } — { $group }, { $area }: { $trend }
reg-synthetic = synthetisch
reg-period = Zeitraum
reg-value = Wert
reg-interval = 95-%-Intervall
reg-status-column = Status
reg-practice-running = Praxis läuft
reg-trend-none = nur ein Zeitraum: kein Trend
reg-trend = { $change } seit { $since } ({ $direction }, { $certainty })
reg-trend-no-change = keine Veränderung
reg-trend-better = besser
reg-trend-worse = schlechter
reg-beyond-uncertainty = jenseits der Unsicherheit
reg-within-uncertainty = innerhalb der Unsicherheit
reg-indicators = Indikatoren:
reg-cities-with-practice = Städte mit einem Praxisbeispiel dazu
reg-no-practice-matches = Noch passt kein veröffentlichtes Praxisbeispiel.
reg-tools-that-help = Werkzeuge und Quellen, die helfen können
reg-who-takes-part = Wer teilnimmt

## The toolbox directory

reg-directory-title = Werkzeugverzeichnis
reg-directory-lead = Datenquellen, Erhebungen, Indikatorensets, Politikindizes, Praxisdatenbanken, Klassifikationen, Software und Methoden für die Statistik der Integration von Zugewanderten in europäischen Städten — jeweils mit Eigentümer, Abdeckung, Zugangsbedingungen und Herkunft der Angaben.
reg-show = Anzeigen
reg-instruments-count = { $count ->
    [one] { $count } Instrument
   *[other] { $count } Instrumente
}
reg-instrument = Instrument
reg-owner = Eigentümer
reg-geography = Geografie
reg-access = Zugang
reg-formats = Formate
reg-coverage = Abdeckung
reg-link = Link
reg-record-source = Quelle dieses Eintrags

## Cities like yours

reg-like-title = Städte wie { $name }
reg-like-lead = Vergleichsgebiete — { $method } —, die einen Indikator für eine Gruppe von Zugewanderten verbessert haben, und die Praxisbeispiele, die sie erfasst haben. Eine Verbesserung gilt nur dann als jenseits der Unsicherheit, wenn sich die 95-%-Intervalle des ersten und des letzten Zeitraums nicht überschneiden.
reg-peers-nearest = statistisch nächste Nachbarn bei den Kontextindikatoren (siehe die Seite Ähnliche Gebiete)
reg-peers-same-country = Gebiete derselben Art im selben Land
reg-no-improvement = Keine Verbesserung in den Reihen des Portals.
reg-improvement = { $indicator }, { $group }: { $change } von { $from } bis { $to } — { $certainty }
reg-no-practice-yet = Noch kein Praxisbeispiel erfasst.
reg-practices = Praxisbeispiele:

## Entry forms

reg-please-correct = { $count ->
    [one] Bitte korrigieren Sie { $count } Feld:
   *[other] Bitte korrigieren Sie { $count } Felder:
}
reg-field-title = Titel
reg-field-area = Stadt- oder Gebietscode
reg-field-period_from = Anfangsjahr
reg-field-period_to = Endjahr
reg-field-policy_areas = Handlungsfelder
reg-field-target_groups = Zielgruppen
reg-field-indicators = Indikatoren
reg-field-description = Beschreibung
reg-field-results = Ergebnisse
reg-field-evidence = Evidenz
reg-field-transferability = Übertragbarkeit
reg-field-costs = Kosten
reg-field-contacts = Kontakte
reg-field-links = Links
reg-field-language = Sprache dieses Eintrags
reg-field-kind = Art
reg-field-name = Name
reg-field-members = Mitglieder
reg-field-link = Website
reg-hint-area = Ein Länder-, NUTS-Regions- oder Urban-Audit-Stadtcode: AT13, DE001C1
reg-label-running-since = Läuft seit (Jahr)
reg-label-until = Bis (Jahr, leer, wenn noch laufend)
reg-label-since = Seit (Jahr)
reg-label-practice-indicators = Indikatoren, die das Praxisbeispiel bewegen soll
reg-label-results = Ergebnisse (mit Zahlen, wo es welche gibt)
reg-label-transferability = Übertragbarkeit: was eine andere Stadt braucht, um es zu wiederholen
reg-label-links = Links (einer pro Zeile)
reg-label-what-is-needed = Was gebraucht wird
reg-label-network-or-project = Netzwerk oder Projekt
reg-label-members = Mitglieder: Stadt- oder Gebietscodes, einer pro Zeile
reg-save-draft = Entwurf speichern
reg-save-and-submit = Speichern und zur Prüfung einreichen
reg-edit-heading = Bearbeiten:
reg-edit-practice = Praxisbeispiel bearbeiten
reg-edit-need = Bedarf bearbeiten
reg-edit-network = Netzwerk bearbeiten
reg-invalid-required = ist ein Pflichtfeld
reg-invalid-one-line = muss eine Zeile ohne Steuerzeichen sein
reg-invalid-control = enthält Steuerzeichen
reg-invalid-no-policy-area = wählen Sie mindestens ein Handlungsfeld
reg-invalid-too-long = ist länger als { $max } Zeichen
reg-invalid-year = „{ $value }“ ist kein Jahr (1950–2100)
reg-invalid-period = endet ({ $to }), bevor es beginnt ({ $from })
reg-invalid-code = „{ $value }“ ist keiner von: { $codes }

## Moderation, audit, users, import

reg-waiting-for-review = Wartet auf Prüfung
reg-nothing-to-review = Nichts zu prüfen.
reg-entry = Eintrag
reg-area = Gebiet
reg-submitted = Eingereicht
reg-decision = Entscheidung
reg-note = Hinweis
reg-send-back = Zurückgeben
reg-audit-lead = Jede Änderung mit Urheber und Zeitpunkt;
reg-audit-json = enthält den vollständigen Stand davor und danach.
reg-audit-when = Wann
reg-audit-who = Wer
reg-audit-what = Was
reg-audit-subject = Gegenstand
reg-audit-changed = Geänderte Felder
reg-role = Rolle
reg-areas = Gebiete
reg-active = Aktiv
reg-save = Speichern
reg-role-areas-active = Rolle, Gebiete, aktiv
reg-new-user = Neuer Benutzer
reg-new-user-areas = Gebiete (Redaktion: Stadt- oder Gebietscodes, durch Leerzeichen getrennt)
reg-new-user-password = Anfangspasswort (mindestens 12 Zeichen)
reg-create = Anlegen
reg-import-title = Praxisbeispiele, Bedarfe, Netzwerke und Werkzeuge importieren
reg-import-lead-json = Fügen Sie ein JSON-Dokument des Registers ein (im Format von
reg-import-lead-csv = ) oder die CSV-Datei einer Eintragsart (im Format von
reg-import-lead-all = Gespeichert wird nur, wenn jedes Element gültig ist.
reg-import-format = Format
reg-import-status = Status von Elementen ohne Status
reg-import-document = Dokument
reg-import-format-json = JSON-Dokument
reg-import-format-practices = CSV mit Praxisbeispielen
reg-import-format-needs = CSV mit Bedarfen
reg-import-format-networks = CSV mit Netzwerken
reg-import-format-instruments = CSV mit Instrumenten des Verzeichnisses
reg-import-unknown-format = unbekanntes Format „{ $format }“
reg-import-nothing = Es wurde nichts importiert.
reg-import-done = { $count ->
    [one] { $count } Eintrag importiert.
   *[other] { $count } Einträge importiert.
}
reg-import-conflict = Es wurde nichts importiert: { $reason }

## Roles

reg-role-editor = Redaktion
reg-role-moderator = Moderation
reg-role-admin = Verwaltung

## Vocabularies: entry kinds and statuses

reg-entry-kind-practice = Praxisbeispiel
reg-entry-kind-need = Bedarf einer Stadt
reg-entry-kind-network = Netzwerk oder Projekt
reg-entry-kind-instrument = Instrument des Verzeichnisses
reg-status-draft = Entwurf
reg-status-submitted = Zur Prüfung eingereicht
reg-status-published = Veröffentlicht

## Vocabularies: policy areas

reg-policy-employment = Beschäftigung
reg-policy-education = Bildung
reg-policy-social_inclusion = Soziale Inklusion
reg-policy-housing = Wohnen
reg-policy-health = Gesundheit
reg-policy-active_citizenship = Aktive Bürgerschaft
reg-policy-language = Spracherwerb
reg-policy-reception = Aufnahme und Orientierung
reg-policy-anti_discrimination = Antidiskriminierung
reg-policy-governance = Steuerung, Daten und Monitoring

## Vocabularies: target groups

reg-audience-all_residents = Alle Einwohnerinnen und Einwohner
reg-audience-foreign_citizens = Ausländische Staatsangehörige
reg-audience-eu_citizens = Staatsangehörige anderer EU-Länder
reg-audience-non_eu_citizens = Nicht-EU-Staatsangehörige (Drittstaatsangehörige)
reg-audience-foreign_born = Im Ausland Geborene
reg-audience-second_generation = Im Inland Geborene mit zugewanderten Eltern
reg-audience-refugees = Geflüchtete und Personen mit internationalem Schutz
reg-audience-asylum_seekers = Asylsuchende
reg-audience-undocumented = Menschen ohne Papiere
reg-audience-women = Frauen
reg-audience-youth = Junge Menschen
reg-audience-children = Kinder
reg-audience-older_people = Ältere Menschen

## Vocabularies: evidence

reg-evidence-none = Noch keine Evaluation
reg-evidence-monitoring = Monitoringdaten (Leistungen, Teilnehmende)
reg-evidence-evaluation = Evaluation (vorher/nachher, qualitativ oder quantitativ)
reg-evidence-counterfactual = Wirkungsevaluation mit Vergleichsgruppe

## Vocabularies: needs and networks

reg-need-kind-data = Daten
reg-need-kind-indicator = Indikatoren und Definitionen
reg-need-kind-tool = Software oder Werkzeug
reg-need-kind-method = Methode (Schätzung, Evaluation)
reg-need-kind-practice = Ein Praxisbeispiel zum Lernen
reg-network-kind-network = Netzwerk
reg-network-kind-project = Projekt

## Vocabularies: the directory

reg-instrument-kind-data_source = Datenbank oder Datensatz
reg-instrument-kind-survey = Erhebung
reg-instrument-kind-indicator_set = Indikatorenset
reg-instrument-kind-policy_index = Politikindex oder Benchmark
reg-instrument-kind-practice_database = Praxisdatenbank oder -netzwerk
reg-instrument-kind-classification = Klassifikation oder Typologie
reg-instrument-kind-software = Software
reg-instrument-kind-method = Methode oder Leitfaden
reg-geo-level-any = Jede Ebene (Software, Methoden)
reg-geo-level-international = Weltregionen oder international
reg-geo-level-country = Land
reg-geo-level-nuts1 = NUTS-1-Regionen
reg-geo-level-nuts2 = NUTS-2-Regionen
reg-geo-level-nuts3 = NUTS-3-Regionen
reg-geo-level-degurba = Verstädterungsgrad
reg-geo-level-city = Städte
reg-geo-level-fua = Funktionale Stadtgebiete
reg-geo-level-lau = Gemeinden (LAU)
reg-geo-level-grid = Rasterzellen
reg-access-open = Offen, ohne Registrierung
reg-access-registration = Kostenlos nach Registrierung
reg-access-on_request = Auf Anfrage (Forschungsantrag oder Vereinbarung)
reg-access-licence = Lizenz oder Gebühr
