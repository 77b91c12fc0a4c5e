# Civis portal: French. Source: en.ftl. Terms as in Eurostat's French publications.

## The page shell

skip-to-content = Aller au contenu
tagline = Indicateurs d’intégration des immigrés pour les villes et régions européennes
nav-site = Site
nav-languages = Langues
nav-home = Accueil
nav-indicators = Indicateurs
nav-areas = Territoires
nav-compare = Comparer
nav-methodology = Méthodologie
nav-downloads = Téléchargements
nav-registry = Pratiques et outils
nav-api = API
this-page-in-language = Cette page en français
synthetic-banner-title = Données synthétiques.
synthetic-banner-text = Certaines valeurs de cette page sont calculées à partir de données de test synthétiques (les fichiers « eusilc » de laeken et « eusilcA » d’emdi) : elles illustrent les méthodes et ne sont pas des statistiques réelles pour l’Autriche. Elles sont signalées par la mention
twins-label = Cette page sous forme de données :
footer-sources = Sources : Eurostat (réutilisation avec la mention « Source : Eurostat ») ; estimations Civis à partir de microdonnées EU-SILC synthétiques (paquet R laeken, GPL ≥ 2) et des données autrichiennes synthétiques d’emdi (GPL-2).
footer-boundaries = Limites : © EuroGeographics pour les limites administratives (Eurostat GISCO, NUTS 2024) ; districts autrichiens : BEV, via SynerGIS (CC BY-SA 2.0).
footer-read-numbers = Comment lire les chiffres
footer-status = État du service

## Error pages

error-not-found-title = Page introuvable
error-not-found-text = Il n’y a pas de page à cette adresse. Partez de la liste des indicateurs ou des territoires.

## Values, units and their status

unit-pc-ref = { $value } de la réf.
unit-thousand = { $value } millier(s)
unit-pp = { $value } pp
value-suppressed = supprimée
value-not-available = non disponible
sentence-interval = (IC à 95 % : { $low } à { $high })
sentence-low-reliability = , fiabilité faible (u)
sentence-model-share = , estimation fondée sur un modèle ({ $share } modèle)
sentence-model-based = , estimation fondée sur un modèle
sentence-synthetic = , données synthétiques
badge-synthetic = synthétique
badge-low-title = Fiabilité faible (indicateur Eurostat u)
badge-suppressed-title = Supprimée : trop peu d’observations ou donnée confidentielle
badge-official-title = Publiée par Eurostat
badge-synthetic-title = Calculée à partir de données synthétiques (données de test laeken/emdi), pas une statistique réelle
badge-model-title = Estimation fondée sur un modèle (estimation sur petits domaines)
badge-model-share-title = Estimation fondée sur un modèle (petits domaines) : { $model } provient du modèle, { $survey } de l’enquête

## Eurostat observation flags

flag-b = rupture de série
flag-c = confidentiel
flag-d = définition différente
flag-e = estimé
flag-f = prévision
flag-i = imputé
flag-m = manquant, la donnée ne peut exister
flag-n = non significatif
flag-p = provisoire
flag-r = révisé
flag-s = estimation Eurostat
flag-u = faible fiabilité
flag-z = sans objet
flag-other = indicateur

## Target groups

group-total-citizenship = Total
group-total-birth = Total
group-nat-citizenship = Nationaux
group-nat-birth = Personnes nées dans le pays
group-for-citizenship = Ressortissants étrangers
group-for-birth = Personnes nées à l’étranger
group-eu27-2020-for-citizenship = Citoyens d’un autre pays de l’UE
group-eu27-2020-for-birth = Personnes nées dans un autre pays de l’UE
group-neu27-2020-for-citizenship = Citoyens de pays tiers (hors UE)
group-neu27-2020-for-birth = Personnes nées hors de l’UE
group-gap = Écart : { $a } − { $b }
group-ratio = Rapport : { $a } / { $b }

## Indicators (English source: crates/civis-catalog/data/indicators.toml)

indicator-employment_rate = Taux d’emploi
indicator-employment_rate-definition = Personnes occupées (BIT) en pourcentage de la population âgée de 20 à 64 ans.
indicator-unemployment_rate = Taux de chômage
indicator-unemployment_rate-definition = Chômeurs (BIT) en pourcentage de la population active (personnes occupées et chômeurs) âgée de 15 à 74 ans.
indicator-activity_rate = Taux d’activité
indicator-activity_rate-definition = Personnes occupées et chômeurs (BIT) en pourcentage de la population âgée de 20 à 64 ans.
indicator-long_term_unemployment_share = Part du chômage de longue durée
indicator-long_term_unemployment_share-definition = Personnes au chômage depuis 12 mois ou plus en pourcentage de l’ensemble des chômeurs âgés de 15 à 74 ans.
indicator-self_employment_share = Part de l’emploi indépendant
indicator-self_employment_share-definition = Travailleurs indépendants en pourcentage des personnes occupées âgées de 20 à 64 ans.
indicator-temporary_employment_share = Part de l’emploi temporaire
indicator-temporary_employment_share-definition = Salariés titulaires d’un contrat temporaire en pourcentage de l’ensemble des salariés âgés de 20 à 64 ans.
indicator-part_time_employment_share = Part de l’emploi à temps partiel
indicator-part_time_employment_share-definition = Personnes travaillant à temps partiel en pourcentage des personnes occupées âgées de 20 à 64 ans.
indicator-overqualification_rate = Taux de surqualification
indicator-overqualification_rate-definition = Personnes occupées diplômées de l’enseignement supérieur (CITE 5-8) travaillant dans les grands groupes 4 à 9 de la CITP-08, en pourcentage des personnes occupées diplômées de l’enseignement supérieur, âgées de 20 à 64 ans.
indicator-attainment_low = Niveau d’éducation : au plus premier cycle de l’enseignement secondaire (CITE 0-2)
indicator-attainment_low-definition = Personnes dont le plus haut niveau d’éducation atteint est CITE 0-2, en pourcentage de la population âgée de 25 à 64 ans.
indicator-attainment_medium = Niveau d’éducation : deuxième cycle du secondaire et post-secondaire non supérieur (CITE 3-4)
indicator-attainment_medium-definition = Personnes dont le plus haut niveau d’éducation atteint est CITE 3-4, en pourcentage de la population âgée de 25 à 64 ans.
indicator-attainment_high = Niveau d’éducation : enseignement supérieur (CITE 5-8)
indicator-attainment_high-definition = Personnes dont le plus haut niveau d’éducation atteint est CITE 5-8, en pourcentage de la population âgée de 25 à 64 ans.
indicator-tertiary_attainment = Niveau d’éducation supérieur, 25-34 ans
indicator-tertiary_attainment-definition = Personnes âgées de 25 à 34 ans diplômées de l’enseignement supérieur (CITE 5-8), en pourcentage de la population âgée de 25 à 34 ans (tranche d’âge de l’objectif UE 2030 ; l’ensemble de Saragosse de 2010 utilisait les 30-34 ans).
indicator-early_leavers_rate = Jeunes ayant quitté prématurément l’éducation et la formation
indicator-early_leavers_rate-definition = Personnes âgées de 18 à 24 ans ayant au plus un niveau d’éducation du premier cycle du secondaire (CITE 0-2) et n’ayant suivi aucun enseignement ni aucune formation au cours des quatre semaines précédant l’enquête, en pourcentage de la population âgée de 18 à 24 ans.
indicator-neet_rate = Jeunes ni dans l’emploi, ni dans l’éducation ou la formation (NEET)
indicator-neet_rate-definition = Personnes âgées de 15 à 29 ans sans emploi et n’ayant suivi aucun enseignement ni aucune formation au cours des quatre semaines précédant l’enquête, en pourcentage de la population âgée de 15 à 29 ans.
indicator-arop_rate = Taux de risque de pauvreté
indicator-arop_rate-definition = Personnes âgées de 18 ans ou plus dont le revenu disponible équivalent est inférieur à 60 % du revenu disponible équivalent médian national (médiane pondérée de toutes les personnes du pays), en pourcentage des personnes âgées de 18 ans ou plus.
indicator-median_equivalised_income = Revenu net équivalent médian
indicator-median_equivalised_income-definition = Médiane pondérée du revenu disponible équivalent des personnes âgées de 18 ans ou plus (définition des quantiles d’Eurostat).
indicator-median_income_ratio = Revenu équivalent médian par rapport au groupe de référence
indicator-median_income_ratio-definition = Revenu net équivalent médian du groupe âgé de 18 ans ou plus en pourcentage de la médiane du groupe de référence (nationaux ou personnes nées dans le pays) dans le même territoire (forme de Saragosse de l’indicateur de revenu).
indicator-in_work_poverty_rate = Taux de risque de pauvreté des personnes occupées
indicator-in_work_poverty_rate-definition = Personnes occupées âgées de 18 ans ou plus dont le revenu disponible équivalent est inférieur à 60 % de la médiane nationale, en pourcentage des personnes occupées âgées de 18 ans ou plus.
indicator-smsd_rate = Taux de privation matérielle et sociale sévère
indicator-smsd_rate-definition = Personnes âgées de 18 ans ou plus privées d’au moins 7 des 13 éléments de privation (définition de 2021), en pourcentage des personnes âgées de 18 ans ou plus.
indicator-very_low_work_intensity_rate = Personnes vivant dans des ménages à très faible intensité de travail
indicator-very_low_work_intensity_rate-definition = Personnes âgées de 18 à 64 ans vivant dans des ménages dont les membres en âge de travailler ont travaillé au plus 20 % de leur potentiel au cours de l’année précédente (définition de 2021), en pourcentage des personnes âgées de 18 à 64 ans.
indicator-arope_rate = Taux de risque de pauvreté ou d’exclusion sociale (AROPE)
indicator-arope_rate-definition = Personnes âgées de 18 ans ou plus qui sont exposées au risque de pauvreté, ou en situation de privation matérielle et sociale sévère, ou qui vivent dans un ménage à très faible intensité de travail (chaque personne étant comptée une seule fois), en pourcentage des personnes âgées de 18 ans ou plus. Le seuil de pauvreté est le seuil national ; son erreur d’échantillonnage n’est pas propagée dans l’erreur type de cet indicateur.
indicator-housing_cost_overburden_rate = Taux de surcharge des coûts du logement
indicator-housing_cost_overburden_rate-definition = Personnes âgées de 18 ans ou plus vivant dans des ménages où le coût total du logement (net des allocations de logement) dépasse 40 % du revenu disponible (net des allocations de logement), en pourcentage des personnes âgées de 18 ans ou plus.
indicator-overcrowding_rate = Taux de surpeuplement
indicator-overcrowding_rate-definition = Personnes âgées de 18 ans ou plus vivant dans un logement comptant moins de pièces que la norme de l’UE pour la composition de leur ménage, en pourcentage des personnes âgées de 18 ans ou plus.
indicator-owner_rate = Taux de propriétaires (statut d’occupation : propriétaire)
indicator-owner_rate-definition = Personnes âgées de 18 ans ou plus vivant dans un logement dont leur ménage est propriétaire (avec ou sans emprunt hypothécaire), en pourcentage des personnes âgées de 18 ans ou plus.
indicator-good_health_rate = Santé perçue : bonne ou très bonne
indicator-good_health_rate-definition = Personnes âgées de 16 ans ou plus qui perçoivent leur santé comme bonne ou très bonne, en pourcentage des personnes âgées de 16 ans ou plus.
indicator-unmet_medical_needs_rate = Besoins non satisfaits d’examen médical déclarés
indicator-unmet_medical_needs_rate-definition = Personnes âgées de 16 ans ou plus déclarant un besoin non satisfait d’examen ou de traitement médical au cours des 12 derniers mois, en pourcentage des personnes âgées de 16 ans ou plus.
indicator-naturalisation_rate = Taux de naturalisation
indicator-naturalisation_rate-definition = Personnes ayant acquis la nationalité au cours de l’année en pourcentage de la population non nationale au 1er janvier de l’année.
indicator-long_term_residence_share = Part des résidents de longue durée parmi les citoyens de pays tiers
indicator-long_term_residence_share-definition = Citoyens de pays tiers titulaires d’un statut de résident de longue durée (UE ou permanent national) à la fin de l’année, en pourcentage de l’ensemble des citoyens de pays tiers titulaires d’un titre de séjour valide.

## Shared words

list-and = {" "}et{" "}
list-or = {" "}ou{" "}
range = { $low } à { $high }
ages = { $ages } ans
col-group = Groupe
col-ci = IC à 95 %
col-indicator = Indicateur
col-method = Méthode
col-estimate = Estimation
col-se = Erreur type
col-cv = CV
col-outcome = Décision
method-official = officielle
method-direct = directe
method-model-based = fondée sur un modèle
outcome-suppressed = supprimée
outcome-not-available = non disponible
outcome-publish-with-flag-u = publier avec l’indicateur u
outcome-publish = publier

## Kinds of area

area-kind-aggregate = agrégat
area-kind-country = pays
area-kind-region = région
area-kind-district = district
area-kind-degurba = degré d’urbanisation
area-kind-city = ville

## Generated sentences: gaps and their verdicts

gap-ratio-value = { $value } des { $reference }
verdict-ratio-significant = le rapport diffère significativement de 100 % (95 %)
verdict-significant = la différence est statistiquement significative (95 %)
verdict-ratio-not-significant = pas significativement différent de 100 %
verdict-not-significant = non statistiquement significatif
verdict-not-tested = non testé (aucune erreur type publiée)
verdict-group-too-small = l’un des groupes compte trop peu d’observations pour être publié

## The area profile

area-compared-with-nothing = Comparé à aucun niveau supérieur.
area-compared-with = Comparé avec { $areas }.
area-similar-areas = Territoires similaires
area-compare-link = Comparer avec d’autres territoires
area-report-link = Profil en PDF
area-no-values = Aucune valeur d’indicateur pour ce territoire.
area-table-label = { $indicator } par groupe
area-table-caption = { $indicator } – { $area }, { $time }, par groupe, avec intervalles de confiance à 95 %
area-direct = directe :
area-no-comparator-value = Aucune valeur pour { $areas } dans les sources pour cet indicateur, ce groupe et cette année (avec la même tranche d’âge) : non affiché plutôt que laissé vide.
precision-title = Quelle est la précision de ces chiffres ?
precision-direct = { $publishable } des { $cells } cellules indicateur × groupe peuvent être publiées à partir de la seule enquête
precision-with-sae = ; { $publishable } avec l’estimation sur petits domaines
precision-cv = Le coefficient de variation (CV) est l’erreur type rapportée à l’estimation.
precision-table = Tableau de précision
precision-caption = Précision des estimations pour { $area }

## Statuses and comparisons with a reference

status-not-available = non disponible
status-suppressed = supprimée
status-low-reliability = fiabilité faible
status-model-based = fondée sur un modèle
status-official = officielle
status-reliable = fiable
versus-higher = supérieur
versus-lower = inférieur
versus-not-significant = non significatif
versus-unknown = inconnu
reference = référence
age-and-over = { $age } ans et plus
age-under = moins de { $age } ans

## Policy areas of the catalogue

policy-employment = Emploi
policy-education = Éducation
policy-social-inclusion = Inclusion sociale
policy-housing = Logement
policy-health = Santé
policy-active-citizenship = Citoyenneté active
policy-context = Contexte

## The indicator page

indicator-definition-title = Définition
indicator-context = Indicateur de contexte.
indicator-unit = Unité :
indicator-age = Âge :
indicator-higher-better = Une valeur plus élevée est meilleure.
indicator-lower-better = Une valeur plus faible est meilleure.
filter-level = Niveau
filter-year = Année
filter-show = Afficher
indicator-no-values = Aucune valeur pour cette sélection.
indicator-selection = { $group }, niveau { $level }, { $time }
ranking-table = Tableau de classement
ranking-caption-highest = Rang 1 = valeur la plus élevée ; l’intervalle de rang est l’ensemble des rangs compatibles avec l’erreur d’échantillonnage (95 %).
ranking-caption-lowest = Rang 1 = valeur la plus faible ; l’intervalle de rang est l’ensemble des rangs compatibles avec l’erreur d’échantillonnage (95 %).
col-rank = Rang
col-area = Territoire
col-value = Valeur
col-status = Statut
col-versus = par rapport à { $area }
col-versus-reference = par rapport à la référence
indicator-download = Télécharger cet indicateur :
sources-title = Sources
sources-vintage = millésime

## The home page

home-title = Où en sont les migrants ?
home-heading = Comment les immigrés s’en sortent-ils dans votre ville et votre région ?
home-lead = Civis rassemble les indicateurs communs de l’UE sur l’intégration des immigrés — emploi, éducation, revenu et pauvreté, logement, santé, citoyenneté — pour les pays, les régions et les villes, avec l’incertitude de chaque chiffre : intervalles de confiance, indicateurs de fiabilité et une marque claire sur les valeurs issues d’un modèle plutôt que directement d’une enquête.
home-card-indicators = { $count } indicateurs avec leurs définitions, cartes et classements.
home-card-areas = { $count } pays, régions et districts, chacun avec un profil comparé à son pays et à l’UE.
home-card-compare = Des territoires côte à côte, avec un test indiquant si les écarts sont réels.
home-card-registry = Ce que les villes ont fait, ce dont elles ont besoin, et les outils et sources de données à utiliser.
home-headline = { $indicator } des ressortissants étrangers, { $time }
home-countries = Pays
home-headline-caption = { $indicator } : ressortissants étrangers et nationaux par pays, { $time }, triés selon l’écart (Eurostat)
col-country = Pays
col-gap = Écart
home-sources = D’où viennent les chiffres
home-values = { $count } valeurs

## The catalogue and the list of areas

catalogue-lead = Les indicateurs de l’UE sur l’intégration des migrants (l’ensemble de « Saragosse » et ses ajouts de 2013) que Civis calcule ou publie, avec leurs définitions. Version du catalogue
catalogue-context = Indicateur de contexte issu de { $source }.
catalogue-levels = Niveaux :
areas-lead = Tous les territoires disposant de données. Chaque profil compare le territoire à son pays et à l’UE, montre les écarts entre migrants et natifs et indique la précision de chaque chiffre.
areas-aggregates = Groupes de pays
areas-countries = Pays
areas-regions = Régions (NUTS)
areas-districts = Districts (Autriche)
areas-degurba = Degré d’urbanisation
areas-cities = Villes

## Charts

chart-in-words = Le graphique en mots
chart-not-drawn = Graphique non dessiné ({ $error }) ; le tableau contient les chiffres.
chart-map-title = { $indicator }, { $group }, { $time } : carte par { $level }
chart-ranking-title = { $indicator }, { $group }, { $time } : classement avec intervalles à 95 %
chart-gap-title = { $indicator } – { $area } : groupes de migrants par rapport aux nationaux, { $time }
chart-series-title = { $indicator } – { $area } : évolution dans le temps
chart-precision-title = Précision des estimations directes pour { $area } : CV selon la taille de l’échantillon
chart-threshold-caution = avec prudence
chart-threshold-unreliable = trop peu fiable
# The words drawn inside the charts (civis-chart's Labels); { $x } are filled by the chart
chart-label-no-data = pas de données
chart-label-suppressed = supprimé
chart-label-key-low-reliability = fiabilité faible (creux, en tirets)
chart-label-key-model-based = estimation fondée sur un modèle
chart-label-key-suppressed = supprimé (non publiable)
chart-label-map-suppressed = supprimé (:)
chart-label-map-low-reliability = fiabilité faible (u), hachuré
chart-label-level = niveau
chart-label-gap-to = écart avec { $reference }
chart-label-reference = référence
chart-label-gap-not-available = écart non disponible
chart-label-significant = significatif à 95 %
chart-label-not-significant = non significatif
chart-label-value = valeur
chart-label-rank-range = rang (intervalle)
chart-label-rank = rang { $rank } ({ $lower }–{ $upper })
chart-label-sample-size-axis = taille d’échantillon n (échelle logarithmique)
chart-label-cv-axis = coefficient de variation
# The text alternative of the charts (civis-chart's AltWords); { $x } are filled by the chart
chart-alt-ci = IC à 95 % : { $lower } à { $upper }
chart-alt-low-reliability = fiabilité faible (u)
chart-alt-model-based = estimation fondée sur un modèle (M)
chart-alt-model-share = { $share } % issus du modèle
chart-alt-official = chiffre officiel sans intervalle de confiance
chart-alt-all-official = Toutes les valeurs sont des chiffres officiels sans intervalle de confiance ; les indicateurs de qualité sont donnés là où ils s’appliquent.
chart-alt-focus-area = zone étudiée
chart-alt-focus = en évidence
chart-alt-gap-intro = { $title }. { $area } : { $groups } comparés à { $reference } (référence), en { $unit }. Les écarts sont groupe moins référence en { $difference_unit }, avec des intervalles de confiance à 95 % ; un écart est significatif à 95 % quand son intervalle exclut zéro.
chart-alt-reference-row = { $label } (référence) : { $value }
chart-alt-gap = écart { $gap } (IC à 95 % : { $lower } à { $upper }), { $significance }
chart-alt-ranking-intro-highest = { $title }. { $areas }, de la plus haute à la plus basse valeur, en { $unit } ; les points sont les estimations, les moustaches les intervalles de confiance à 95 %.
chart-alt-ranking-intro-lowest = { $title }. { $areas }, de la plus basse à la plus haute valeur, en { $unit } ; les points sont les estimations, les moustaches les intervalles de confiance à 95 %.
chart-alt-reference-line = Ligne de référence : { $label } { $value }.
chart-alt-plausible-ranks = rang { $rank } (rangs plausibles { $lower } à { $upper })
chart-alt-series-intro = { $title }. { $series }, de { $first } à { $last }, en { $unit } ; les lignes sont les estimations, les bandes ombrées les intervalles de confiance à 95 % ; une ligne est interrompue là où une période n’a pas de valeur publiable.
chart-alt-map-intro = { $title }. Carte de { $areas }, en { $unit } : { $with_value } avec une valeur, dont { $low } de fiabilité faible (hachurées), { $suppressed } supprimées, { $without } sans données.
chart-alt-class-under = moins de { $upper }{ $unit }
chart-alt-class-between = de { $lower } à moins de { $upper }{ $unit }
chart-alt-class-over = { $lower }{ $unit } et plus
chart-alt-class-range = de { $lower } à { $upper }{ $unit }
chart-alt-class-all = toutes les valeurs
chart-alt-classes = Classes, du clair au foncé : { $classes }.
chart-alt-boundaries = Limites : { $attribution }.
chart-alt-precision-intro = { $title }. Coefficient de variation (CV, %) selon la taille d’échantillon non pondérée n pour { $groups }.
chart-alt-thresholds = Seuils : { $thresholds }.
chart-alt-threshold = { $cv } ({ $label })
chart-alt-sample-size = n = { $n }
chart-alt-cv = CV { $cv }
chart-alt-cv-at-or-above = à { $cv } ou plus ({ $label })
chart-alt-cv-below-all = sous tous les seuils
chart-alt-cv-not-available = CV non disponible
# Unit words in the charts (civis-chart's UnitWords)
chart-unit-pp = pt
chart-unit-thousand = milliers
chart-unit-percentage-points = points de pourcentage (pt)
chart-unit-percent = pourcentage
chart-unit-percent-of-population = pourcentage de la population
chart-unit-percent-of-active = pourcentage de la population active
chart-unit-euro = euros
chart-unit-national-currency = monnaie nationale
chart-unit-purchasing-power-standard = standard de pouvoir d’achat
chart-unit-percent-of-reference = pourcentage de la valeur du groupe de référence
chart-unit-thousand-persons = milliers de personnes
# Counts in the text alternative, after the language's plural rules
chart-count-groups =
    { $count ->
        [one] { $count } groupe
       *[other] { $count } groupes
    }
chart-count-areas =
    { $count ->
        [one] { $count } zone
       *[other] { $count } zones
    }
chart-count-series =
    { $count ->
        [one] { $count } série
       *[other] { $count } séries
    }
chart-count-nuts-regions =
    { $count ->
        [one] { $count } région NUTS de niveau { $level }
       *[other] { $count } régions NUTS de niveau { $level }
    }
chart-count-districts =
    { $count ->
        [one] { $count } district politique autrichien
       *[other] { $count } districts politiques autrichiens
    }

## The API and downloads pages

api-lead = Tout ce site est constitué de données. Chaque page a des jumeaux : ajoutez .json ou .csv à son adresse, par exemple
api-paging = Les points d’accès ci-dessous ajoutent des filtres et la pagination. Les réponses portent un ETag ; renvoyez-le dans If-None-Match pour obtenir 304 Not Modified.
api-openapi = La description lisible par machine :
api-endpoints = Points d’accès
api-endpoints-caption = Points d’accès (tous en GET, JSON)
api-col-path = Chemin
api-col-what = Contenu
api-example = Exemple
api-fields = Chaque observation comporte ces champs ; flags contient les codes d’Eurostat, status vaut reliable, low_reliability, suppressed, model_based (avec model_share), official ou missing. Les valeurs supprimées n’ont pas d’estimation.
api-endpoint-indicators = Tous les indicateurs avec leurs définitions
api-endpoint-indicator = Un indicateur : niveaux, groupes et périodes disposant de données
api-endpoint-observations = Observations, filtrées (indicator, geo, group, sex, age, time, method, level) et paginées (limit ≤ 1000, offset)
api-endpoint-areas = Tous les territoires
api-endpoint-area = Le profil du territoire (identique à /areas/{"{"}geo{"}"}.json)
api-endpoint-compare = Territoires côte à côte avec tests de significativité
api-endpoint-peers = Plus proches voisins selon les indicateurs de contexte, avec leurs contributions
api-endpoint-datasets = Jeux de données et leur provenance
api-endpoint-openapi = Cette API au format OpenAPI 3.1
downloads-lead = Chaque indicateur, tous territoires, groupes et années, avec intervalles de confiance, tailles d’échantillon et indicateurs Eurostat. Les valeurs supprimées gardent leur indicateur et n’ont pas de chiffre. Les cellules CSV et XLSX ne commencent jamais par une formule. Le fichier XLSX contient une feuille de métadonnées avec la définition, les sources et la légende des indicateurs ; JSON-stat 2.0 et SDMX-CSV 2.0 portent les indicateurs sous forme de status / OBS_FLAG et CONF_STATUS.
downloads-caption = Fichiers par indicateur
downloads-values = Valeurs
downloads-files = Fichiers
downloads-of = de { $indicator }

## The methodology page

methodology-title = Méthodologie et fiabilité
methodology-reading = Comment lire un chiffre
methodology-reading-text = Chaque valeur est une estimation. À côté figurent son intervalle de confiance à 95 % (l’intervalle qui contient la vraie valeur dans 95 échantillons sur 100), le nombre de répondants à l’enquête sur lequel elle repose (n) et son statut :
methodology-no-badge = Sans marque
methodology-no-badge-text = Une estimation directe d’enquête qui satisfait à la règle de fiabilité.
methodology-official = Officielle
methodology-official-text = Un chiffre publié par Eurostat. Eurostat ne publie pas d’erreurs types : ses intervalles ne sont donc pas affichés et les écarts entre chiffres officiels ne peuvent pas être testés.
methodology-low = Fiabilité faible
methodology-low-text = Publiée avec un avertissement : l’échantillon sur lequel elle repose est petit (EU-SILC : moins de 50 répondants, ou non-réponse partielle supérieure à 50 % ; EFT-UE : en dessous de la limite B du pays). Hachurée sur les cartes et grisée dans les graphiques.
methodology-suppressed = Supprimée
methodology-suppressed-text = Non publiée : trop peu de répondants (EU-SILC : moins de 20) ou donnée confidentielle. Affichée comme « supprimée », jamais comme zéro, et exclue de tous les téléchargements.
methodology-model = Fondée sur un modèle
methodology-model-text = Une estimation sur petits domaines (EBLUP de Fay-Herriot) : une moyenne pondérée de l’estimation directe de l’enquête et d’une prédiction à partir de covariables administratives. Le pourcentage est la part du modèle (1 − γ) : plus l’échantillon du territoire est petit, plus le modèle pèse. Son intervalle utilise l’erreur quadratique moyenne estimée (Prasad-Rao / Datta-Lahiri).
methodology-synthetic = Données synthétiques
methodology-synthetic-text = Calculée par Civis à partir de données de test synthétiques (fournies par les paquets R laeken et emdi) : elles montrent ce que Civis fait pour une ville, mais ce ne sont pas des statistiques sur des personnes réelles.
methodology-disclosure = Seuils de diffusion
methodology-disclosure-text = Chaque estimation directe d’enquête, à tous les niveaux (pays, région, district, ville), est jugée deux fois selon la règle de sa source : lors de son enregistrement et à nouveau lorsque ce portail la sert. Une cellule en dessous du seuil de suppression n’est affichée nulle part — ni valeur, ni intervalle, ni erreur type, ni taille d’échantillon, sur aucune page, dans aucune réponse de l’API ni dans aucun téléchargement — seulement le mot « supprimée » et l’indicateur u. Un écart entre deux groupes est supprimé dès que l’un des groupes l’est. Les chiffres officiels conservent les indicateurs fixés par leur producteur ; les estimations sur petits domaines (fondées sur un modèle) existent précisément pour les petits échantillons et sont affichées avec la part du modèle. Les seuils sont des données :
methodology-disclosure-caption = Seuils de diffusion par source (n : observations non pondérées de l’échantillon ; CV : erreur type ÷ estimation)
methodology-col-source = Source
methodology-col-suppressed = Supprimée si
methodology-col-flagged = Marquée u si
methodology-col-basis = Fondement
methodology-col-datasets = Jeux de données ici
methodology-lfs-limits = Les limites A et B de l’EFT-UE sont des effectifs pondérés, en milliers de personnes, fixés par pays : elles s’appliquent lorsqu’une estimation est calculée à partir de microdonnées, car une valeur enregistrée ne porte pas d’effectif pondéré. L’option :
methodology-intervals = Intervalles et verdicts
methodology-proportions = Proportions
methodology-proportions-text = Les intervalles des taux et des parts restent compris entre 0 et 100 % : l’intervalle logit (l’intervalle de log(p/(1−p)) avec les degrés de liberté du plan de sondage, retransformé), et à 0 % ou 100 % l’intervalle exact de Clopper-Pearson pour le n de la cellule, de sorte qu’un intervalle n’a jamais une largeur nulle. Comme dans le paquet R survey :
methodology-differences = Différences
methodology-differences-text = Un écart A − B est significatif lorsque son intervalle à 95 % exclut 0.
methodology-ratios = Rapports
methodology-ratios-text = Un rapport A / B (par exemple le revenu médian d’un groupe en pourcentage de celui des nationaux) est significatif lorsque son intervalle à 95 % exclut 100 % — l’égalité — et non 0.
methodology-flags = Indicateurs Eurostat
methodology-flags-caption = Codes de statut des observations (listes antérieures à 2025 et de 2025 ; depuis 2025, la confidentialité est un statut distinct C/N/P)
methodology-col-flag = Indicateur
methodology-col-meaning = Signification
methodology-methods = Méthodes
methodology-direct = Estimations directes
methodology-direct-text = Estimations fondées sur le plan de sondage à partir des microdonnées d’enquête, avec les pondérations, strates et grappes de l’enquête ; variances par linéarisation (grappes ultimes), comme les calculent les paquets R survey et laeken. Les taux de risque de pauvreté utilisent le seuil national (60 % du revenu équivalent médian national).
methodology-gaps = Écarts
methodology-gaps-text = Les écarts migrants − nationaux sont estimés avec la covariance des deux groupes dans le même échantillon, de sorte que leurs intervalles sont exacts pour le plan de sondage ; une différence est significative lorsque son intervalle à 95 % exclut zéro, un rapport lorsqu’il exclut 100 %.
methodology-rankings = Classements
methodology-rankings-text = Le rang 1 est la meilleure valeur. L’intervalle de rang est l’ensemble des rangs qu’un territoire occupe dans 95 % de 1 000 simulations paramétriques tirées de l’estimation et de l’erreur type de chaque territoire : des intervalles qui se chevauchent signifient que l’ordre n’est pas établi.
methodology-comparisons = Comparaisons
methodology-comparisons-text = Deux territoires sont comparés par un test z sur la différence de leurs estimations (échantillons indépendants : les variances s’additionnent). Lorsque plusieurs territoires sont comparés à un seul, les valeurs p sont ajustées par la méthode de Holm.
methodology-similar = Territoires similaires
methodology-similar-text = Plus proches voisins selon les indicateurs de contexte : chaque indicateur est centré-réduit sur les territoires du même niveau, et la distance est la distance euclidienne pondérée sur les indicateurs disponibles pour les deux territoires. La part de chaque indicateur dans la distance est affichée, et les pondérations peuvent être modifiées.
methodology-sae = Estimation sur petits domaines
methodology-sae-text = Modèle de Fay-Herriot au niveau des domaines, ajusté par REML, validé par rapport aux paquets R sae et emdi ; voir la documentation de Civis.
methodology-catalogue-version = Version du catalogue des indicateurs
methodology-datasets = Jeux de données
methodology-datasets-caption = Jeux de données de ce portail
methodology-col-dataset = Jeu de données
methodology-col-vintage = Millésime
methodology-col-attribution = Mention de la source

## The comparison page

compare-title = Comparer des territoires
compare-lead = Choisissez jusqu’à { $max } territoires, dans n’importe quels pays. Chaque valeur est testée par rapport au premier territoire : une différence est dite significative lorsque l’intervalle à 95 % de la différence exclut zéro après la correction de Holm pour le nombre de comparaisons. Choisissez un écart (par exemple ressortissants étrangers − nationaux) pour comparer les écarts entre migrants et nationaux des territoires. Les valeurs mesurées différemment — autre tranche d’âge, effectif, données de test synthétiques face à des statistiques réelles — sont affichées mais non testées, avec la raison.
compare-area-n = Territoire { $n }
compare-no-data-for = Aucune donnée pour :
compare-choose = Choisissez au moins un territoire.
compare-table = Tableau de comparaison
compare-caption = { $group } : chaque territoire par rapport à { $area }
compare-col-indicator = Indicateur, année
compare-not-tested = non testé (pas d’erreur type)
compare-not-head-counts = Non comparé : les effectifs dépendent de la taille de chaque lieu, pas de la situation de ses habitants.
compare-not-unit = Non comparé : mesuré en { $unit } contre { $first } pour { $area }.
compare-not-synthetic = Non comparé : des données de test synthétiques ne peuvent pas être confrontées à des statistiques réelles.
compare-not-ages = Non comparé : { $ages } ici contre { $first } pour { $area }.
compare-no-gap = Aucun de ces territoires n’a les deux valeurs de l’écart « { $gap } » pour un indicateur commun.
compare-no-indicator = Ces territoires n’ont aucun indicateur pour ce groupe.
error-invalid-request = Requête invalide

## Similar areas

peers-title = Territoires similaires à { $area }
peers-crumb = territoires similaires
peers-lead = Les { $kinds } les plus proches selon { $n } indicateurs de contexte, parmi { $others } autres.
peers-method = Les territoires sont appariés uniquement sur des taux et des parts (pourcentages), jamais sur des effectifs, qui mesurent la taille d’un lieu plutôt que sa situation. Chaque indicateur est centré-réduit (score z sur ces territoires) ; la distance est la distance euclidienne pondérée sur les indicateurs disponibles pour les deux territoires (au moins la moitié d’entre eux), remise à l’échelle de l’ensemble des pondérations. Les barres montrent la part de chaque indicateur dans la distance : une faible part signifie que les deux territoires se ressemblent sur ce point.
peers-kinds-aggregate = agrégats
peers-kinds-country = pays
peers-kinds-region = régions
peers-kinds-district = districts
peers-kinds-degurba = degrés d’urbanisation
peers-kinds-city = villes
peers-no-indicators = Pas assez d’indicateurs de contexte pour les territoires de ce niveau.
peers-weight = Pondération : { $indicator }
peers-recompute = Recalculer
peers-none = Aucun territoire ne partage assez d’indicateurs avec celui-ci.
peers-caption = Territoires les plus proches et ce qui les distingue (part de la distance au carré par indicateur)
peers-distance = Distance
peers-this-area = ce territoire
peers-compare = comparer
peers-share = { $share } de la distance

## The city section of an area page

city-region-title = Situation des migrants dans sa région (NUTS 2)
city-lies-in = se trouve dans
city-and-nuts3 = et dans la région NUTS 3
city-no-city-outcomes = Eurostat ne publie pas d’indicateurs sur les migrants pour les villes : ce sont ceux de la région, issus de l’enquête sur les forces de travail de l’UE.
city-no-region-outcomes = Aucun indicateur sur les migrants n’est publié pour cette région.
city-outcomes-of = Situation des migrants – { $region }
city-outcomes-caption = Région (NUTS 2) { $region } : emploi et chômage selon le pays de naissance, dernière année
city-col-ages = Âges
city-col-region = Région (NUTS 2)
city-not-placed = Cette ville n’a pas pu être rattachée à une région NUTS 2024 ; voir le registre des villes :
city-country = Pays :
city-peers-title = Villes comparables
city-peers-lead = Les villes du même pays les plus proches de { $city } par la part de personnes nées à l’étranger (dernière année).
city-peers-link = Territoires similaires sur tous les indicateurs de contexte
city-peers-of = Villes comparables à { $city }
city-peers-caption = Villes comparables à { $city } selon la part de personnes nées à l’étranger
city-col-city = Ville
city-col-foreign-born = Part des personnes nées à l’étranger

## The availability page

availability-title = Disponibilité des statistiques régionales sur les migrants
availability-heading = Quelle part des statistiques de l’UE sur les migrants atteint ses régions ?
availability-lead = Pour chaque indicateur, groupe, pays et année : la part des régions NUTS 2 dont Eurostat a publié la valeur, l’a publiée avec l’indicateur de faible fiabilité u, ou ne l’a pas publiée (trop peu de répondants). Toutes les lignes sont dans
availability-none = Aucune valeur officielle NUTS 2 n’est chargée.
availability-sources = Sources et millésimes
availability-summary = Sur { $values } valeurs de régions NUTS 2, { $published } ont été publiées, { $low } publiées avec une fiabilité faible (u) et { $not } non publiées.
availability-no-flags = Les valeurs de { $year } proviennent d’une source secondaire qui ne reprend pas les indicateurs d’Eurostat : les valeurs qu’Eurostat publie avec l’indicateur u sont comptées comme publiées, et la part marquée est inconnue (absente du graphique).
availability-table = Régions selon le statut de publication
availability-table-caption = Régions NUTS 2 selon le statut de publication
availability-regions = Régions
availability-published = Publiées
availability-low = Fiabilité faible (u)
availability-not-published = Non publiées
availability-map-title = Part des valeurs NUTS 2 publiées sans indicateur, { $year }, par pays
availability-chart-title = Part des valeurs NUTS 2 publiées, marquées et non publiées, tous pays, par année

## Citations, permalinks and embeds (h19b)

cite-link = citer
cite-link-label = Citer ce chiffre
cite-title = Citer ce chiffre
cite-heading = Citer
cite-summary-page = Citer les chiffres de cette page
cite-permalink-page = Lien permanent vers exactement ces chiffres :
cite-each-value = Le lien « citer » de chaque valeur donne sa propre référence en BibTeX, RIS et CSL-JSON, par exemple
cite-identifier = Identifiant
cite-data-code = Code des données en ligne
cite-last-update = Dernière mise à jour du jeu de données
cite-retrieved = Extrait le
cite-method = Méthode
cite-synthetic = (données synthétiques)
cite-release = version
cite-permalink = Lien permanent vers ce millésime
cite-download = Télécharger :
vintage-pinned = Voici les chiffres de la version { $release } ({ $date } UTC).
vintage-newer = Un millésime plus récent existe
vintage-newer-release = (version { $release }, { $date } UTC) :
vintage-current-link = voir les chiffres actuels
vintage-permalink = Lien permanent vers ces chiffres (version { $release }) :
embed-summary = Intégrer ce graphique
embed-how = Copiez l’un de ces codes dans votre page, en plaçant l’adresse de ce portail devant le chemin /embed/. Le graphique porte sa ligne de source, sa citation et ses marques.
embed-how-absolute = Copiez l’un de ces codes dans votre page. Le graphique porte sa ligne de source, sa citation et ses marques.
embed-synthetic = Données synthétiques : pour la démonstration, pas des statistiques réelles.
embed-model-based = Comprend des estimations fondées sur un modèle (petits domaines).
embed-cite = Citer :
embed-current = chiffres actuels sur Civis
embed-source-eurostat = Source : Eurostat (code des données en ligne : { $code })
embed-source-eurostat-via = Source : Eurostat (code des données en ligne : { $code }), via { $via }
embed-source-civis = Civis, estimation { $method } : { $source }

## The profile as a PDF (the report)

report-profile = Profil
report-gaps = Écarts
report-over-time = Évolution
report-peers-intro = Zones les plus proches sur les indicateurs de contexte (distance standardisée ; plus elle est faible, plus la zone est proche), comme sur la page des pairs du portail :
report-shared = Indicateurs communs
report-peer-cities = Villes pairs (même pays, part de personnes nées à l’étranger la plus proche)
report-legend = Marques et signes
report-legend-u = u : fiabilité faible (signe Eurostat u) : à lire avec prudence.
report-legend-c = c / supprimé : trop peu d’observations ou confidentiel ; jamais affiché comme un nombre.
report-legend-m = M : estimation fondée sur un modèle (petits domaines), avec la part qui vient du modèle.
report-legend-e = E : publié par Eurostat (officiel, sans intervalle publié).
report-legend-synthetic = synthétique : calculé à partir de données de test synthétiques (laeken eusilc, emdi eusilcA), pas des statistiques réelles.
report-legend-flags = Les autres lettres sont des signes Eurostat : b rupture de série, d définition différente, e estimé, p provisoire, r révisé, s estimation Eurostat.
report-synthetic-note = Certaines valeurs de ce rapport sont calculées à partir de données de test synthétiques (fichiers eusilc de laeken et eusilcA d’emdi) : elles illustrent les méthodes et ne sont pas des statistiques réelles pour l’Autriche. Elles sont marquées « synthétique ».
report-retrieved = récupéré le
report-citation = Citation
report-cite-as = Citer ce rapport
report-online = En ligne
report-data-version = Version des données

## Groups of countries (Eurostat's aggregates; English as Eurostat names them)

aggregate-eu27-2020 = Union européenne - 27 pays (à partir de 2020)
aggregate-eu28 = Union européenne - 28 pays (2013-2020)
aggregate-eu27-2007 = Union européenne - 27 pays (2007-2013)
aggregate-eu15 = Union européenne - 15 pays (1995-2004)
aggregate-ea = Zone euro
aggregate-ea18 = Zone euro - 18 pays (2014)
aggregate-ea19 = Zone euro - 19 pays (2015-2022)
aggregate-ea20 = Zone euro - 20 pays (à partir de 2023)
aggregate-efta = Association européenne de libre-échange
