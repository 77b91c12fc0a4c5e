# Registre d'apprentissage mutuel de Civis : français. Source : en.ftl de ce dossier.

## Account bar and sign-in

reg-account = Compte du registre
reg-signed-in-as = Connecté en tant que
reg-record-practice = Enregistrer une pratique
reg-record-need = Enregistrer un besoin
reg-record-network = Enregistrer un réseau
reg-record-network-or-project = Enregistrer un réseau ou un projet
reg-moderation = Modération
reg-import = Importer
reg-audit-log = Journal d’audit
reg-users = Utilisateurs
reg-sign-out = Se déconnecter
reg-sign-in = Se connecter
reg-sign-in-who = (rédacteurs, modérateurs, administrateurs)
reg-login-lead = Pour les rédacteurs, modérateurs et administrateurs du registre. La consultation ne demande pas de compte.
reg-email = Adresse électronique
reg-email-short = Courriel
reg-password = Mot de passe
reg-login-locked = Trop de tentatives échouées : la connexion est bloquée jusqu’au { $until }.
reg-login-failed = Adresse électronique inconnue ou mot de passe erroné.
reg-when = { $date }, { $time } UTC

## Refusals and errors

reg-back = Retour au registre
reg-error-not-found = Introuvable
reg-error-not-found-text = Cette fiche n’existe pas ou n’est pas publique.
reg-error-forbidden = Non autorisé
reg-error-forbidden-text = Votre compte ne permet pas cette action. Connectez-vous avec un compte qui répond pour cette ville.
reg-error-workflow = Impossible pour l’instant
reg-error-conflict = Conflit
reg-error-invalid = Non valide
reg-error-internal = Erreur interne
reg-error-internal-text = La requête a échoué.
reg-error-store-text = Le registre n’a pas pu traiter la requête.
reg-error-unsupported-form = Formulaire non pris en charge
reg-error-unsupported-form-text = Les formulaires doivent être envoyés en application/x-www-form-urlencoded.
reg-error-too-large = Trop volumineux
reg-error-too-large-text = Le formulaire dépasse la taille acceptée par cette page.
reg-error-too-slow = Trop lent
reg-error-too-slow-text = Le formulaire a mis trop de temps à arriver.
reg-error-invalid-form = Formulaire non valide
reg-error-invalid-form-text = Le formulaire n’a pas pu être lu.
reg-error-form-expired = Formulaire expiré
reg-error-form-expired-text = Ce formulaire n’a pas de jeton de sécurité valide (CSRF). Rechargez la page et renvoyez-le.
reg-error-invalid-filter = Filtre non valide
reg-no-such-entry = Cette fiche n’existe pas.
reg-no-such-practice = Cette pratique n’existe pas.
reg-no-such-need = Ce besoin n’existe pas.
reg-no-such-network = Ce réseau n’existe pas.
reg-no-such-action = Cette action n’existe pas.
reg-no-such-export = Les exports sont practices.csv, needs.csv, networks.csv et instruments.csv.
reg-no-data-for-area = Le portail n’a pas de données pour ce territoire.

## Browse and search

reg-browse-title = Pratiques, besoins et outils
reg-browse-lead = Ce que les villes ont fait, ce dont elles ont besoin et les instruments qui existent — chacun relié aux indicateurs qu’il concerne.
reg-browse-directory-link = Le répertoire d’outils
reg-browse-directory-text = recense les sources de données, enquêtes, jeux d’indicateurs et logiciels pour les statistiques de l’intégration.
reg-search = Rechercher
reg-kind = Type
reg-area-code = Code de ville ou de territoire
reg-policy-area = Domaine d’action
reg-target-group = Public cible
reg-indicator = Indicateur
reg-any = tous
reg-nothing-matches = Aucun résultat.
reg-entries-count = { $count ->
    [one] { $count } fiche
   *[other] { $count } fiches
}

## Entry pages

reg-editing-and-moderation = Rédaction et modération
reg-status = Statut :
reg-edit = Modifier
reg-submit-for-review = Soumettre pour relecture
reg-publish = Publier
reg-send-back-to-draft = Renvoyer en brouillon
reg-delete = Supprimer
reg-note-for-author = Note pour l’auteur
reg-policy-areas = Domaines d’action
reg-for = Pour
reg-evidence = Éléments de preuve
reg-what-the-city-did = Ce que la ville a fait
reg-results = Résultats
reg-transferability = Transférabilité
reg-costs = Coûts
reg-contacts = Contacts
reg-contact = Contact
reg-links = Liens
reg-city-numbers = Les chiffres de la ville
reg-practice-no-indicator = Cette pratique n’est reliée à aucun indicateur.
reg-practice-no-figures = Le portail n’a pas encore de chiffres pour les indicateurs liés dans ce territoire.
reg-values-note = Valeurs avec leur intervalle de confiance à 95 % ; une évolution n’est considérée comme au-delà de l’incertitude que lorsque les intervalles de la première et de la dernière période ne se chevauchent pas.
reg-cities-like-this = Villes comparables
reg-period-since = depuis { $from }
reg-series-caption = { $indicator } — { $group }, { $area } : { $trend }
reg-synthetic = synthétique
reg-period = Période
reg-value = Valeur
reg-interval = Intervalle à 95 %
reg-status-column = Statut
reg-practice-running = pratique en cours
reg-trend-none = une seule période : pas de tendance
reg-trend = { $change } depuis { $since } ({ $direction }, { $certainty })
reg-trend-no-change = aucune évolution
reg-trend-better = en mieux
reg-trend-worse = en moins bien
reg-beyond-uncertainty = au-delà de l’incertitude
reg-within-uncertainty = dans la marge d’incertitude
reg-indicators = Indicateurs :
reg-cities-with-practice = Villes ayant une pratique à ce sujet
reg-no-practice-matches = Aucune pratique publiée ne correspond pour l’instant.
reg-tools-that-help = Outils et sources utiles
reg-who-takes-part = Participants

## The toolbox directory

reg-directory-title = Répertoire d’outils
reg-directory-lead = Sources de données, enquêtes, jeux d’indicateurs, indices de politiques, bases de pratiques, classifications, logiciels et méthodes pour les statistiques de l’intégration des immigrés dans les villes européennes — chacun avec son propriétaire, sa couverture, ses conditions d’accès et l’origine des informations.
reg-show = Afficher
reg-instruments-count = { $count ->
    [one] { $count } instrument
   *[other] { $count } instruments
}
reg-instrument = Instrument
reg-owner = Propriétaire
reg-geography = Géographie
reg-access = Accès
reg-formats = Formats
reg-coverage = Couverture
reg-link = Lien
reg-record-source = Source de cette fiche

## Cities like yours

reg-like-title = Villes comparables à { $name }
reg-like-lead = Territoires comparables — { $method } — qui ont amélioré un indicateur pour un groupe de migrants, et les pratiques qu’ils ont enregistrées. Une amélioration n’est considérée comme au-delà de l’incertitude que lorsque les intervalles à 95 % de la première et de la dernière période ne se chevauchent pas.
reg-peers-nearest = plus proches voisins statistiques sur les indicateurs de contexte (voir la page Territoires similaires)
reg-peers-same-country = territoires du même type dans le même pays
reg-no-improvement = Aucune amélioration dans les séries du portail.
reg-improvement = { $indicator }, { $group } : { $change } de { $from } à { $to } — { $certainty }
reg-no-practice-yet = Aucune pratique enregistrée pour l’instant.
reg-practices = Pratiques :

## Entry forms

reg-please-correct = { $count ->
    [one] Veuillez corriger { $count } champ :
   *[other] Veuillez corriger { $count } champs :
}
reg-field-title = Titre
reg-field-area = Code de ville ou de territoire
reg-field-period_from = Année de début
reg-field-period_to = Année de fin
reg-field-policy_areas = Domaines d’action
reg-field-target_groups = Publics cibles
reg-field-indicators = Indicateurs
reg-field-description = Description
reg-field-results = Résultats
reg-field-evidence = Éléments de preuve
reg-field-transferability = Transférabilité
reg-field-costs = Coûts
reg-field-contacts = Contacts
reg-field-links = Liens
reg-field-language = Langue de cette fiche
reg-field-kind = Type
reg-field-name = Nom
reg-field-members = Membres
reg-field-link = Site web
reg-hint-area = Un code de pays, de région NUTS ou de ville Urban Audit : AT13, DE001C1
reg-label-running-since = En place depuis (année)
reg-label-until = Jusqu’à (année, vide si toujours en cours)
reg-label-since = Depuis (année)
reg-label-practice-indicators = Indicateurs que la pratique vise à faire évoluer
reg-label-results = Résultats (chiffrés lorsqu’il y en a)
reg-label-transferability = Transférabilité : ce dont une autre ville a besoin pour la reproduire
reg-label-links = Liens (un par ligne)
reg-label-what-is-needed = Besoin
reg-label-network-or-project = Réseau ou projet
reg-label-members = Membres : codes de villes ou de territoires, un par ligne
reg-save-draft = Enregistrer le brouillon
reg-save-and-submit = Enregistrer et soumettre pour relecture
reg-edit-heading = Modifier :
reg-edit-practice = Modifier la pratique
reg-edit-need = Modifier le besoin
reg-edit-network = Modifier le réseau
reg-invalid-required = est obligatoire
reg-invalid-one-line = doit tenir sur une ligne, sans caractères de contrôle
reg-invalid-control = contient des caractères de contrôle
reg-invalid-no-policy-area = choisissez au moins un domaine d’action
reg-invalid-too-long = dépasse { $max } caractères
reg-invalid-year = « { $value } » n’est pas une année (1950-2100)
reg-invalid-period = se termine ({ $to }) avant de commencer ({ $from })
reg-invalid-code = « { $value } » ne fait pas partie de : { $codes }

## Moderation, audit, users, import

reg-waiting-for-review = En attente de relecture
reg-nothing-to-review = Rien à relire.
reg-entry = Fiche
reg-area = Territoire
reg-submitted = Soumise le
reg-decision = Décision
reg-note = Note
reg-send-back = Renvoyer
reg-audit-lead = Chaque modification, avec son auteur et sa date ; le
reg-audit-json = contient l’état complet avant et après.
reg-audit-when = Quand
reg-audit-who = Qui
reg-audit-what = Quoi
reg-audit-subject = Objet
reg-audit-changed = Champs modifiés
reg-role = Rôle
reg-areas = Territoires
reg-active = Actif
reg-save = Enregistrer
reg-role-areas-active = Rôle, territoires, actif
reg-new-user = Nouvel utilisateur
reg-new-user-areas = Territoires (rédacteurs : codes de villes ou de territoires, séparés par des espaces)
reg-new-user-password = Mot de passe initial (au moins 12 caractères)
reg-create = Créer
reg-import-title = Importer des pratiques, besoins, réseaux et outils
reg-import-lead-json = Collez un document JSON du registre (au format de
reg-import-lead-csv = ) ou le CSV d’un type de fiche (au format de
reg-import-lead-all = Rien n’est enregistré si un seul élément n’est pas valide.
reg-import-format = Format
reg-import-status = Statut des éléments qui n’en ont pas
reg-import-document = Document
reg-import-format-json = Document JSON
reg-import-format-practices = CSV de pratiques
reg-import-format-needs = CSV de besoins
reg-import-format-networks = CSV de réseaux
reg-import-format-instruments = CSV d’instruments du répertoire
reg-import-unknown-format = format inconnu « { $format } »
reg-import-nothing = Rien n’a été importé.
reg-import-done = { $count ->
    [one] { $count } fiche importée.
   *[other] { $count } fiches importées.
}
reg-import-conflict = Rien n’a été importé : { $reason }

## Roles

reg-role-editor = rédacteur
reg-role-moderator = modérateur
reg-role-admin = administrateur

## Vocabularies: entry kinds and statuses

reg-entry-kind-practice = Pratique
reg-entry-kind-need = Besoin d’une ville
reg-entry-kind-network = Réseau ou projet
reg-entry-kind-instrument = Instrument du répertoire
reg-status-draft = Brouillon
reg-status-submitted = Soumise pour relecture
reg-status-published = Publiée

## Vocabularies: policy areas

reg-policy-employment = Emploi
reg-policy-education = Éducation
reg-policy-social_inclusion = Inclusion sociale
reg-policy-housing = Logement
reg-policy-health = Santé
reg-policy-active_citizenship = Citoyenneté active
reg-policy-language = Apprentissage de la langue
reg-policy-reception = Accueil et orientation
reg-policy-anti_discrimination = Lutte contre les discriminations
reg-policy-governance = Gouvernance, données et suivi

## Vocabularies: target groups

reg-audience-all_residents = Tous les habitants
reg-audience-foreign_citizens = Ressortissants étrangers
reg-audience-eu_citizens = Citoyens d’autres pays de l’UE
reg-audience-non_eu_citizens = Citoyens de pays tiers (hors UE)
reg-audience-foreign_born = Personnes nées à l’étranger
reg-audience-second_generation = Personnes nées dans le pays de parents immigrés
reg-audience-refugees = Réfugiés et bénéficiaires d’une protection internationale
reg-audience-asylum_seekers = Demandeurs d’asile
reg-audience-undocumented = Migrants sans papiers
reg-audience-women = Femmes
reg-audience-youth = Jeunes
reg-audience-children = Enfants
reg-audience-older_people = Personnes âgées

## Vocabularies: evidence

reg-evidence-none = Pas encore d’évaluation
reg-evidence-monitoring = Données de suivi (réalisations, participants)
reg-evidence-evaluation = Évaluation (avant/après, qualitative ou quantitative)
reg-evidence-counterfactual = Évaluation d’impact avec groupe de comparaison

## Vocabularies: needs and networks

reg-need-kind-data = Données
reg-need-kind-indicator = Indicateurs et définitions
reg-need-kind-tool = Logiciel ou outil
reg-need-kind-method = Méthode (estimation, évaluation)
reg-need-kind-practice = Une pratique dont s’inspirer
reg-network-kind-network = Réseau
reg-network-kind-project = Projet

## Vocabularies: the directory

reg-instrument-kind-data_source = Base ou jeu de données
reg-instrument-kind-survey = Enquête
reg-instrument-kind-indicator_set = Jeu d’indicateurs
reg-instrument-kind-policy_index = Indice de politiques ou étalonnage
reg-instrument-kind-practice_database = Base ou réseau de pratiques
reg-instrument-kind-classification = Classification ou typologie
reg-instrument-kind-software = Logiciel
reg-instrument-kind-method = Méthode ou lignes directrices
reg-geo-level-any = Tout niveau (logiciels, méthodes)
reg-geo-level-international = Régions du monde ou international
reg-geo-level-country = Pays
reg-geo-level-nuts1 = Régions NUTS 1
reg-geo-level-nuts2 = Régions NUTS 2
reg-geo-level-nuts3 = Régions NUTS 3
reg-geo-level-degurba = Degré d’urbanisation
reg-geo-level-city = Villes
reg-geo-level-fua = Aires urbaines fonctionnelles
reg-geo-level-lau = Communes (UAL)
reg-geo-level-grid = Carreaux de grille
reg-access-open = Libre, sans inscription
reg-access-registration = Gratuit après inscription
reg-access-on_request = Sur demande (projet de recherche ou convention)
reg-access-licence = Licence ou redevance
