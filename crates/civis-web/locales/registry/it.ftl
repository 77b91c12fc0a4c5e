# Registro di apprendimento reciproco di Civis: italiano. Fonte: en.ftl di questa cartella.

## Account bar and sign-in

reg-account = Account del registro
reg-signed-in-as = Accesso effettuato come
reg-record-practice = Registra una pratica
reg-record-need = Registra un bisogno
reg-record-network = Registra una rete
reg-record-network-or-project = Registra una rete o un progetto
reg-moderation = Moderazione
reg-import = Importa
reg-audit-log = Registro delle modifiche
reg-users = Utenti
reg-sign-out = Esci
reg-sign-in = Accedi
reg-sign-in-who = (redattori, moderatori, amministratori)
reg-login-lead = Per redattori, moderatori e amministratori del registro. Per consultarlo non serve un account.
reg-email = Indirizzo e-mail
reg-email-short = E-mail
reg-password = Password
reg-login-locked = Troppi tentativi non riusciti: l’accesso è bloccato fino al { $until }.
reg-login-failed = Indirizzo e-mail sconosciuto o password errata.
reg-when = { $date }, { $time } UTC

## Refusals and errors

reg-back = Torna al registro
reg-error-not-found = Non trovato
reg-error-not-found-text = Questa scheda non esiste o non è pubblica.
reg-error-forbidden = Non consentito
reg-error-forbidden-text = Il tuo account non può farlo. Accedi con un account responsabile per questa città.
reg-error-workflow = Non possibile ora
reg-error-conflict = Conflitto
reg-error-invalid = Non valido
reg-error-internal = Errore interno
reg-error-internal-text = La richiesta non è riuscita.
reg-error-store-text = Il registro non ha potuto completare la richiesta.
reg-error-unsupported-form = Modulo non supportato
reg-error-unsupported-form-text = I moduli devono essere inviati come application/x-www-form-urlencoded.
reg-error-too-large = Troppo grande
reg-error-too-large-text = Il modulo supera la dimensione accettata da questa pagina.
reg-error-too-slow = Troppo lento
reg-error-too-slow-text = Il modulo ha impiegato troppo tempo ad arrivare.
reg-error-invalid-form = Modulo non valido
reg-error-invalid-form-text = Non è stato possibile leggere il modulo.
reg-error-form-expired = Modulo scaduto
reg-error-form-expired-text = Questo modulo non ha un token di sicurezza valido (CSRF). Ricarica la pagina e invialo di nuovo.
reg-error-invalid-filter = Filtro non valido
reg-no-such-entry = Questa scheda non esiste.
reg-no-such-practice = Questa pratica non esiste.
reg-no-such-need = Questo bisogno non esiste.
reg-no-such-network = Questa rete non esiste.
reg-no-such-action = Questa azione non esiste.
reg-no-such-export = Le esportazioni sono practices.csv, needs.csv, networks.csv e instruments.csv.
reg-no-data-for-area = Il portale non ha dati per quest’area.

## Browse and search

reg-browse-title = Pratiche, bisogni e strumenti
reg-browse-lead = Che cosa hanno fatto le città, di che cosa hanno bisogno e quali strumenti esistono — ciascuno collegato agli indicatori che riguarda.
reg-browse-directory-link = Il repertorio degli strumenti
reg-browse-directory-text = elenca fonti di dati, indagini, set di indicatori e software per le statistiche sull’integrazione.
reg-search = Cerca
reg-kind = Tipo
reg-area-code = Codice della città o dell’area
reg-policy-area = Ambito di intervento
reg-target-group = Gruppo destinatario
reg-indicator = Indicatore
reg-any = tutti
reg-nothing-matches = Nessun risultato.
reg-entries-count = { $count ->
    [one] { $count } scheda
   *[other] { $count } schede
}

## Entry pages

reg-editing-and-moderation = Redazione e moderazione
reg-status = Stato:
reg-edit = Modifica
reg-submit-for-review = Invia per la revisione
reg-publish = Pubblica
reg-send-back-to-draft = Rimanda in bozza
reg-delete = Elimina
reg-note-for-author = Nota per l’autore
reg-policy-areas = Ambiti di intervento
reg-for = Per
reg-evidence = Evidenze
reg-what-the-city-did = Che cosa ha fatto la città
reg-results = Risultati
reg-transferability = Trasferibilità
reg-costs = Costi
reg-contacts = Contatti
reg-contact = Contatto
reg-links = Link
reg-city-numbers = I numeri della città
reg-practice-no-indicator = Questa pratica non è collegata ad alcun indicatore.
reg-practice-no-figures = Il portale non ha ancora dati per gli indicatori collegati in quest’area.
reg-values-note = Valori con il loro intervallo di confidenza al 95 %; una variazione è considerata oltre l’incertezza solo quando gli intervalli del primo e dell’ultimo periodo non si sovrappongono.
reg-cities-like-this = Città simili
reg-period-since = dal { $from }
reg-series-caption = { $indicator } — { $group }, { $area }: { $trend }
reg-synthetic = sintetico
reg-period = Periodo
reg-value = Valore
reg-interval = Intervallo al 95 %
reg-status-column = Stato
reg-practice-running = pratica in corso
reg-trend-none = un solo periodo: nessuna tendenza
reg-trend = { $change } dal { $since } ({ $direction }, { $certainty })
reg-trend-no-change = nessuna variazione
reg-trend-better = in meglio
reg-trend-worse = in peggio
reg-beyond-uncertainty = oltre l’incertezza
reg-within-uncertainty = entro l’incertezza
reg-indicators = Indicatori:
reg-cities-with-practice = Città con una pratica in merito
reg-no-practice-matches = Ancora nessuna pratica pubblicata corrisponde.
reg-tools-that-help = Strumenti e fonti che possono aiutare
reg-who-takes-part = Chi partecipa

## The toolbox directory

reg-directory-title = Repertorio degli strumenti
reg-directory-lead = Fonti di dati, indagini, set di indicatori, indici delle politiche, banche dati di pratiche, classificazioni, software e metodi per le statistiche sull’integrazione degli immigrati nelle città europee — ciascuno con titolare, copertura, condizioni di accesso e provenienza delle informazioni.
reg-show = Mostra
reg-instruments-count = { $count ->
    [one] { $count } strumento
   *[other] { $count } strumenti
}
reg-instrument = Strumento
reg-owner = Titolare
reg-geography = Geografia
reg-access = Accesso
reg-formats = Formati
reg-coverage = Copertura
reg-link = Link
reg-record-source = Fonte di questa scheda

## Cities like yours

reg-like-title = Città come { $name }
reg-like-lead = Aree simili — { $method } — che hanno migliorato un indicatore per un gruppo di migranti, e le pratiche che hanno registrato. Un miglioramento è considerato oltre l’incertezza solo quando gli intervalli al 95 % del primo e dell’ultimo periodo non si sovrappongono.
reg-peers-nearest = vicini statistici più prossimi sugli indicatori di contesto (vedi la pagina Aree simili)
reg-peers-same-country = aree dello stesso tipo nello stesso paese
reg-no-improvement = Nessun miglioramento nelle serie del portale.
reg-improvement = { $indicator }, { $group }: { $change } dal { $from } al { $to } — { $certainty }
reg-no-practice-yet = Ancora nessuna pratica registrata.
reg-practices = Pratiche:

## Entry forms

reg-please-correct = { $count ->
    [one] Correggi { $count } campo:
   *[other] Correggi { $count } campi:
}
reg-field-title = Titolo
reg-field-area = Codice della città o dell’area
reg-field-period_from = Anno di inizio
reg-field-period_to = Anno di fine
reg-field-policy_areas = Ambiti di intervento
reg-field-target_groups = Gruppi destinatari
reg-field-indicators = Indicatori
reg-field-description = Descrizione
reg-field-results = Risultati
reg-field-evidence = Evidenze
reg-field-transferability = Trasferibilità
reg-field-costs = Costi
reg-field-contacts = Contatti
reg-field-links = Link
reg-field-language = Lingua di questa scheda
reg-field-kind = Tipo
reg-field-name = Nome
reg-field-members = Membri
reg-field-link = Sito web
reg-hint-area = Un codice di paese, di regione NUTS o di città Urban Audit: AT13, DE001C1
reg-label-running-since = In corso dal (anno)
reg-label-until = Fino al (anno, vuoto se ancora in corso)
reg-label-since = Dal (anno)
reg-label-practice-indicators = Indicatori che la pratica intende migliorare
reg-label-results = Risultati (con numeri, dove ci sono)
reg-label-transferability = Trasferibilità: che cosa serve a un’altra città per ripeterla
reg-label-links = Link (uno per riga)
reg-label-what-is-needed = Di che cosa c’è bisogno
reg-label-network-or-project = Rete o progetto
reg-label-members = Membri: codici di città o aree, uno per riga
reg-save-draft = Salva la bozza
reg-save-and-submit = Salva e invia per la revisione
reg-edit-heading = Modifica:
reg-edit-practice = Modifica la pratica
reg-edit-need = Modifica il bisogno
reg-edit-network = Modifica la rete
reg-invalid-required = è obbligatorio
reg-invalid-one-line = deve stare su una riga, senza caratteri di controllo
reg-invalid-control = contiene caratteri di controllo
reg-invalid-no-policy-area = scegli almeno un ambito di intervento
reg-invalid-too-long = supera { $max } caratteri
reg-invalid-year = «{ $value }» non è un anno (1950-2100)
reg-invalid-period = finisce ({ $to }) prima di cominciare ({ $from })
reg-invalid-code = «{ $value }» non è tra: { $codes }

## Moderation, audit, users, import

reg-waiting-for-review = In attesa di revisione
reg-nothing-to-review = Niente da rivedere.
reg-entry = Scheda
reg-area = Area
reg-submitted = Inviata
reg-decision = Decisione
reg-note = Nota
reg-send-back = Rimanda indietro
reg-audit-lead = Ogni modifica con autore e data;
reg-audit-json = contiene lo stato completo prima e dopo.
reg-audit-when = Quando
reg-audit-who = Chi
reg-audit-what = Che cosa
reg-audit-subject = Oggetto
reg-audit-changed = Campi modificati
reg-role = Ruolo
reg-areas = Aree
reg-active = Attivo
reg-save = Salva
reg-role-areas-active = Ruolo, aree, attivo
reg-new-user = Nuovo utente
reg-new-user-areas = Aree (redattori: codici di città o aree, separati da spazi)
reg-new-user-password = Password iniziale (almeno 12 caratteri)
reg-create = Crea
reg-import-title = Importa pratiche, bisogni, reti e strumenti
reg-import-lead-json = Incolla un documento JSON del registro (nel formato di
reg-import-lead-csv = ) o il CSV di un tipo di scheda (nel formato di
reg-import-lead-all = Non viene salvato nulla se anche un solo elemento non è valido.
reg-import-format = Formato
reg-import-status = Stato degli elementi che non ne hanno uno
reg-import-document = Documento
reg-import-format-json = Documento JSON
reg-import-format-practices = CSV di pratiche
reg-import-format-needs = CSV di bisogni
reg-import-format-networks = CSV di reti
reg-import-format-instruments = CSV di strumenti del repertorio
reg-import-unknown-format = formato sconosciuto «{ $format }»
reg-import-nothing = Non è stato importato nulla.
reg-import-done = { $count ->
    [one] { $count } scheda importata.
   *[other] { $count } schede importate.
}
reg-import-conflict = Non è stato importato nulla: { $reason }

## Roles

reg-role-editor = redattore
reg-role-moderator = moderatore
reg-role-admin = amministratore

## Vocabularies: entry kinds and statuses

reg-entry-kind-practice = Pratica
reg-entry-kind-need = Bisogno di una città
reg-entry-kind-network = Rete o progetto
reg-entry-kind-instrument = Strumento del repertorio
reg-status-draft = Bozza
reg-status-submitted = Inviata per la revisione
reg-status-published = Pubblicata

## Vocabularies: policy areas

reg-policy-employment = Occupazione
reg-policy-education = Istruzione
reg-policy-social_inclusion = Inclusione sociale
reg-policy-housing = Abitazione
reg-policy-health = Salute
reg-policy-active_citizenship = Cittadinanza attiva
reg-policy-language = Apprendimento della lingua
reg-policy-reception = Accoglienza e orientamento
reg-policy-anti_discrimination = Contrasto alle discriminazioni
reg-policy-governance = Governance, dati e monitoraggio

## Vocabularies: target groups

reg-audience-all_residents = Tutti i residenti
reg-audience-foreign_citizens = Cittadini stranieri
reg-audience-eu_citizens = Cittadini di altri paesi dell’UE
reg-audience-non_eu_citizens = Cittadini extra-UE (di paesi terzi)
reg-audience-foreign_born = Residenti nati all’estero
reg-audience-second_generation = Nati nel paese da genitori migranti
reg-audience-refugees = Rifugiati e beneficiari di protezione internazionale
reg-audience-asylum_seekers = Richiedenti asilo
reg-audience-undocumented = Migranti senza documenti
reg-audience-women = Donne
reg-audience-youth = Giovani
reg-audience-children = Bambini
reg-audience-older_people = Anziani

## Vocabularies: evidence

reg-evidence-none = Nessuna valutazione finora
reg-evidence-monitoring = Dati di monitoraggio (realizzazioni, partecipanti)
reg-evidence-evaluation = Valutazione (prima/dopo, qualitativa o quantitativa)
reg-evidence-counterfactual = Valutazione d’impatto con gruppo di confronto

## Vocabularies: needs and networks

reg-need-kind-data = Dati
reg-need-kind-indicator = Indicatori e definizioni
reg-need-kind-tool = Software o strumento
reg-need-kind-method = Metodo (stima, valutazione)
reg-need-kind-practice = Una pratica da cui imparare
reg-network-kind-network = Rete
reg-network-kind-project = Progetto

## Vocabularies: the directory

reg-instrument-kind-data_source = Banca dati o dataset
reg-instrument-kind-survey = Indagine
reg-instrument-kind-indicator_set = Set di indicatori
reg-instrument-kind-policy_index = Indice delle politiche o benchmark
reg-instrument-kind-practice_database = Banca dati o rete di pratiche
reg-instrument-kind-classification = Classificazione o tipologia
reg-instrument-kind-software = Software
reg-instrument-kind-method = Metodo o linee guida
reg-geo-level-any = Qualsiasi livello (software, metodi)
reg-geo-level-international = Regioni del mondo o internazionale
reg-geo-level-country = Paese
reg-geo-level-nuts1 = Regioni NUTS 1
reg-geo-level-nuts2 = Regioni NUTS 2
reg-geo-level-nuts3 = Regioni NUTS 3
reg-geo-level-degurba = Grado di urbanizzazione
reg-geo-level-city = Città
reg-geo-level-fua = Aree urbane funzionali
reg-geo-level-lau = Comuni (LAU)
reg-geo-level-grid = Celle di griglia
reg-access-open = Aperto, senza registrazione
reg-access-registration = Gratuito previa registrazione
reg-access-on_request = Su richiesta (proposta di ricerca o accordo)
reg-access-licence = Licenza o tariffa
