# Civis portal: Spanish. Source: en.ftl. Terms as in Eurostat's Spanish publications.

## The page shell

skip-to-content = Ir al contenido
tagline = Indicadores de integración de los inmigrantes para las ciudades y regiones europeas
nav-site = Sitio
nav-languages = Idiomas
nav-home = Inicio
nav-indicators = Indicadores
nav-areas = Territorios
nav-compare = Comparar
nav-methodology = Metodología
nav-downloads = Descargas
nav-registry = Prácticas y herramientas
nav-api = API
this-page-in-language = Esta página en español
synthetic-banner-title = Datos sintéticos.
synthetic-banner-text = Algunos valores de esta página se calculan a partir de datos de prueba sintéticos (los ficheros «eusilc» de laeken y «eusilcA» de emdi): ilustran los métodos y no son estadísticas reales de Austria. Están marcados como
twins-label = Esta página como datos:
footer-sources = Fuentes: Eurostat (reutilización con la mención «Fuente: Eurostat»); estimaciones de Civis a partir de microdatos sintéticos de la EU-SILC (paquete R laeken, GPL ≥ 2) y de los datos austriacos sintéticos de emdi (GPL-2).
footer-boundaries = Límites: © EuroGeographics para los límites administrativos (Eurostat GISCO, NUTS 2024); distritos austriacos: BEV, a través de SynerGIS (CC BY-SA 2.0).
footer-read-numbers = Cómo leer las cifras
footer-status = Estado

## Error pages

error-not-found-title = No encontrado
error-not-found-text = No hay ninguna página en esta dirección. Empiece por la lista de indicadores o de territorios.

## Values, units and their status

unit-pc-ref = { $value } de la ref.
unit-thousand = { $value } miles
unit-pp = { $value } p.p.
value-suppressed = suprimido
value-not-available = no disponible
sentence-interval = (IC del 95 %: de { $low } a { $high })
sentence-low-reliability = , baja fiabilidad (u)
sentence-model-share = , estimación basada en modelos ({ $share } del modelo)
sentence-model-based = , estimación basada en modelos
sentence-synthetic = , datos sintéticos
badge-synthetic = sintético
badge-low-title = Baja fiabilidad (indicador de Eurostat u)
badge-suppressed-title = Suprimido: demasiado pocas observaciones o dato confidencial
badge-official-title = Publicado por Eurostat
badge-synthetic-title = Calculado a partir de datos sintéticos (datos de prueba de laeken/emdi), no es una estadística real
badge-model-title = Estimación basada en modelos (estimación para áreas pequeñas)
badge-model-share-title = Estimación basada en modelos (áreas pequeñas): { $model } procede del modelo, { $survey } de la encuesta

## Eurostat observation flags

flag-b = ruptura de la serie temporal
flag-c = confidencial
flag-d = definición diferente
flag-e = estimado
flag-f = previsión
flag-i = imputado
flag-m = ausente, el dato no puede existir
flag-n = no significativo
flag-p = provisional
flag-r = revisado
flag-s = estimación de Eurostat
flag-u = baja fiabilidad
flag-z = no aplicable
flag-other = indicador

## Target groups

group-total-citizenship = Total
group-total-birth = Total
group-nat-citizenship = Nacionales
group-nat-birth = Nacidos en el país
group-for-citizenship = Extranjeros
group-for-birth = Nacidos en el extranjero
group-eu27-2020-for-citizenship = Ciudadanos de otro país de la UE
group-eu27-2020-for-birth = Nacidos en otro país de la UE
group-neu27-2020-for-citizenship = Ciudadanos de fuera de la UE
group-neu27-2020-for-birth = Nacidos fuera de la UE
group-gap = Diferencia: { $a } − { $b }
group-ratio = Cociente: { $a } / { $b }

## Indicators (English source: crates/civis-catalog/data/indicators.toml)

indicator-employment_rate = Tasa de empleo
indicator-employment_rate-definition = Personas ocupadas (definición de la OIT) como porcentaje de la población de 20 a 64 años.
indicator-unemployment_rate = Tasa de desempleo
indicator-unemployment_rate-definition = Personas desempleadas (definición de la OIT) como porcentaje de la población activa (ocupados más desempleados) de 15 a 74 años.
indicator-activity_rate = Tasa de actividad
indicator-activity_rate-definition = Personas ocupadas más desempleadas (definición de la OIT) como porcentaje de la población de 20 a 64 años.
indicator-long_term_unemployment_share = Proporción de desempleo de larga duración
indicator-long_term_unemployment_share-definition = Personas desempleadas desde hace 12 meses o más como porcentaje de todos los desempleados de 15 a 74 años.
indicator-self_employment_share = Proporción de trabajo por cuenta propia
indicator-self_employment_share-definition = Trabajadores por cuenta propia como porcentaje de las personas ocupadas de 20 a 64 años.
indicator-temporary_employment_share = Proporción de empleo temporal
indicator-temporary_employment_share-definition = Asalariados con contrato temporal como porcentaje de todos los asalariados de 20 a 64 años.
indicator-part_time_employment_share = Proporción de empleo a tiempo parcial
indicator-part_time_employment_share-definition = Personas que trabajan a tiempo parcial como porcentaje de las personas ocupadas de 20 a 64 años.
indicator-overqualification_rate = Tasa de sobrecualificación
indicator-overqualification_rate-definition = Personas ocupadas con educación superior (CINE 5-8) que trabajan en los grandes grupos 4 a 9 de la CIUO-08, como porcentaje de las personas ocupadas con educación superior, de 20 a 64 años.
indicator-attainment_low = Nivel educativo: como máximo primera etapa de educación secundaria (CINE 0-2)
indicator-attainment_low-definition = Personas cuyo nivel educativo más alto es CINE 0-2, como porcentaje de la población de 25 a 64 años.
indicator-attainment_medium = Nivel educativo: segunda etapa de educación secundaria y postsecundaria no superior (CINE 3-4)
indicator-attainment_medium-definition = Personas cuyo nivel educativo más alto es CINE 3-4, como porcentaje de la población de 25 a 64 años.
indicator-attainment_high = Nivel educativo: educación superior (CINE 5-8)
indicator-attainment_high-definition = Personas cuyo nivel educativo más alto es CINE 5-8, como porcentaje de la población de 25 a 64 años.
indicator-tertiary_attainment = Educación superior, 25-34 años
indicator-tertiary_attainment-definition = Personas de 25 a 34 años con educación superior (CINE 5-8), como porcentaje de la población de 25 a 34 años (grupo de edad del objetivo de la UE para 2030; el conjunto de Zaragoza de 2010 utilizaba 30-34 años).
indicator-early_leavers_rate = Abandono temprano de la educación y la formación
indicator-early_leavers_rate-definition = Personas de 18 a 24 años con como máximo la primera etapa de educación secundaria (CINE 0-2) que no recibieron educación ni formación en las cuatro semanas anteriores a la encuesta, como porcentaje de la población de 18 a 24 años.
indicator-neet_rate = Jóvenes que ni trabajan ni estudian ni reciben formación (ninis, NEET)
indicator-neet_rate-definition = Personas de 15 a 29 años que no están ocupadas y no recibieron educación ni formación en las cuatro semanas anteriores a la encuesta, como porcentaje de la población de 15 a 29 años.
indicator-arop_rate = Tasa de riesgo de pobreza
indicator-arop_rate-definition = Personas de 18 años o más con una renta disponible equivalente inferior al 60 % de la mediana nacional de la renta disponible equivalente (mediana ponderada de todas las personas del país), como porcentaje de las personas de 18 años o más.
indicator-median_equivalised_income = Renta neta equivalente mediana
indicator-median_equivalised_income-definition = Mediana ponderada de la renta disponible equivalente de las personas de 18 años o más (definición de cuantiles de Eurostat).
indicator-median_income_ratio = Renta equivalente mediana en relación con el grupo de referencia
indicator-median_income_ratio-definition = Renta neta equivalente mediana del grupo de 18 años o más como porcentaje de la mediana del grupo de referencia (nacionales o nacidos en el país) en el mismo territorio (forma de Zaragoza del indicador de renta).
indicator-in_work_poverty_rate = Tasa de riesgo de pobreza de las personas ocupadas
indicator-in_work_poverty_rate-definition = Personas ocupadas de 18 años o más con una renta disponible equivalente inferior al 60 % de la mediana nacional, como porcentaje de las personas ocupadas de 18 años o más.
indicator-smsd_rate = Tasa de carencia material y social severa
indicator-smsd_rate-definition = Personas de 18 años o más que carecen de al menos 7 de los 13 elementos de carencia (definición de 2021), como porcentaje de las personas de 18 años o más.
indicator-very_low_work_intensity_rate = Personas que viven en hogares con intensidad de trabajo muy baja
indicator-very_low_work_intensity_rate-definition = Personas de 18 a 64 años que viven en hogares cuyos miembros en edad de trabajar trabajaron como máximo el 20 % de su potencial el año anterior (definición de 2021), como porcentaje de las personas de 18 a 64 años.
indicator-arope_rate = En riesgo de pobreza o exclusión social (AROPE)
indicator-arope_rate-definition = Personas de 18 años o más que están en riesgo de pobreza, o en situación de carencia material y social severa, o que viven en un hogar con intensidad de trabajo muy baja (cada persona se cuenta una sola vez), como porcentaje de las personas de 18 años o más. El umbral de pobreza es el nacional; su error de muestreo no se propaga al error típico de este indicador.
indicator-housing_cost_overburden_rate = Tasa de sobrecarga del coste de la vivienda
indicator-housing_cost_overburden_rate-definition = Personas de 18 años o más que viven en hogares cuyos costes totales de vivienda (descontadas las ayudas a la vivienda) superan el 40 % de la renta disponible (descontadas las ayudas a la vivienda), como porcentaje de las personas de 18 años o más.
indicator-overcrowding_rate = Tasa de hacinamiento
indicator-overcrowding_rate-definition = Personas de 18 años o más que viven en una vivienda con menos habitaciones que la norma de la UE para la composición de su hogar, como porcentaje de las personas de 18 años o más.
indicator-owner_rate = Tasa de propiedad de la vivienda (régimen de tenencia: propietario)
indicator-owner_rate-definition = Personas de 18 años o más que viven en una vivienda propiedad de su hogar (con o sin hipoteca), como porcentaje de las personas de 18 años o más.
indicator-good_health_rate = Salud autopercibida: buena o muy buena
indicator-good_health_rate-definition = Personas de 16 años o más que perciben su salud como buena o muy buena, como porcentaje de las personas de 16 años o más.
indicator-unmet_medical_needs_rate = Necesidades de examen médico no satisfechas declaradas
indicator-unmet_medical_needs_rate-definition = Personas de 16 años o más que declaran una necesidad no satisfecha de examen o tratamiento médico en los últimos 12 meses, como porcentaje de las personas de 16 años o más.
indicator-naturalisation_rate = Tasa de naturalización
indicator-naturalisation_rate-definition = Personas que adquirieron la nacionalidad durante el año como porcentaje de la población no nacional a 1 de enero del año.
indicator-long_term_residence_share = Proporción de residentes de larga duración entre los ciudadanos de fuera de la UE
indicator-long_term_residence_share-definition = Ciudadanos de fuera de la UE titulares de un estatuto de residente de larga duración (de la UE o permanente nacional) al final del año, como porcentaje de todos los ciudadanos de fuera de la UE titulares de un permiso de residencia válido.

## Shared words

list-and = {" "}y{" "}
list-or = {" "}o{" "}
range = de { $low } a { $high }
ages = edades { $ages }
col-group = Grupo
col-ci = IC del 95 %
col-indicator = Indicador
col-method = Método
col-estimate = Estimación
col-se = Error típico
col-cv = CV
col-outcome = Resultado
method-official = oficial
method-direct = directa
method-model-based = basada en modelos
outcome-suppressed = suprimido
outcome-not-available = no disponible
outcome-publish-with-flag-u = publicar con el indicador u
outcome-publish = publicar

## Kinds of area

area-kind-aggregate = agregado
area-kind-country = país
area-kind-region = región
area-kind-district = distrito
area-kind-degurba = grado de urbanización
area-kind-city = ciudad

## Generated sentences: gaps and their verdicts

gap-ratio-value = { $value } de los { $reference }
verdict-ratio-significant = el cociente difiere significativamente del 100 % (95 %)
verdict-significant = la diferencia es estadísticamente significativa (95 %)
verdict-ratio-not-significant = no significativamente distinto del 100 %
verdict-not-significant = no estadísticamente significativa
verdict-not-tested = no contrastada (no se ha publicado error típico)
verdict-group-too-small = uno de los grupos tiene demasiado pocas observaciones para publicarse

## The area profile

area-compared-with-nothing = Sin comparación con un nivel superior.
area-compared-with = Comparado con { $areas }.
area-similar-areas = Territorios similares
area-compare-link = Comparar con otros territorios
area-report-link = Perfil en PDF
area-no-values = No hay valores de indicadores para este territorio.
area-table-label = { $indicator } por grupo
area-table-caption = { $indicator } en { $area }, { $time }, por grupo, con intervalos de confianza del 95 %
area-direct = directa:
area-no-comparator-value = No hay valor para { $areas } en las fuentes para este indicador, grupo y año (con el mismo grupo de edad): no se muestra en lugar de dejarse en blanco.
precision-title = ¿Qué precisión tienen estas cifras?
precision-direct = { $publishable } de { $cells } celdas indicador × grupo pueden publicarse solo con la encuesta
precision-with-sae = ; { $publishable } con estimación para áreas pequeñas
precision-cv = El coeficiente de variación (CV) es el error típico en proporción a la estimación.
precision-table = Tabla de precisión
precision-caption = Precisión de las estimaciones para { $area }

## Statuses and comparisons with a reference

status-not-available = no disponible
status-suppressed = suprimido
status-low-reliability = baja fiabilidad
status-model-based = basado en modelos
status-official = oficial
status-reliable = fiable
versus-higher = superior
versus-lower = inferior
versus-not-significant = no significativo
versus-unknown = desconocido
reference = referencia
age-and-over = { $age } años o más
age-under = menos de { $age } años

## Policy areas of the catalogue

policy-employment = Empleo
policy-education = Educación
policy-social-inclusion = Inclusión social
policy-housing = Vivienda
policy-health = Salud
policy-active-citizenship = Ciudadanía activa
policy-context = Contexto

## The indicator page

indicator-definition-title = Definición
indicator-context = Indicador de contexto.
indicator-unit = Unidad:
indicator-age = Edad:
indicator-higher-better = Un valor más alto es mejor.
indicator-lower-better = Un valor más bajo es mejor.
filter-level = Nivel
filter-year = Año
filter-show = Mostrar
indicator-no-values = No hay valores para esta selección.
indicator-selection = { $group }, nivel: { $level }, { $time }
ranking-table = Tabla de clasificación
ranking-caption-highest = Puesto 1 = valor más alto; el intervalo de puesto es el rango de puestos compatible con el error de muestreo (95 %).
ranking-caption-lowest = Puesto 1 = valor más bajo; el intervalo de puesto es el rango de puestos compatible con el error de muestreo (95 %).
col-rank = Puesto
col-area = Territorio
col-value = Valor
col-status = Estado
col-versus = frente a { $area }
col-versus-reference = frente a la referencia
indicator-download = Descargar este indicador:
sources-title = Fuentes
sources-vintage = edición

## The home page

home-title = ¿Cuál es la situación de los migrantes?
home-heading = ¿Cómo les va a los inmigrantes en su ciudad y su región?
home-lead = Civis reúne los indicadores comunes de la UE sobre la integración de los inmigrantes — empleo, educación, renta y pobreza, vivienda, salud, ciudadanía — para países, regiones y ciudades, con la incertidumbre de cada cifra: intervalos de confianza, indicadores de fiabilidad y una marca clara en los valores que proceden de un modelo y no directamente de una encuesta.
home-card-indicators = { $count } indicadores con sus definiciones, mapas y clasificaciones.
home-card-areas = { $count } países, regiones y distritos, cada uno con un perfil frente a su país y la UE.
home-card-compare = Territorios uno junto a otro, con un contraste de si las diferencias son reales.
home-card-registry = Lo que hicieron las ciudades, lo que necesitan, y las herramientas y fuentes de datos que pueden usar.
home-headline = { $indicator } de los extranjeros, { $time }
home-countries = Países
home-headline-caption = { $indicator }: extranjeros y nacionales por país, { $time }, ordenados por la diferencia (Eurostat)
col-country = País
col-gap = Diferencia
home-sources = De dónde proceden las cifras
home-values = { $count } valores

## The catalogue and the list of areas

catalogue-lead = Los indicadores de la UE sobre la integración de los migrantes (el conjunto de «Zaragoza» y sus adiciones de 2013) que Civis calcula o publica, con sus definiciones. Versión del catálogo
catalogue-context = Indicador de contexto procedente de { $source }.
catalogue-levels = Niveles:
areas-lead = Todos los territorios con datos. Cada perfil compara el territorio con su país y con la UE, muestra las diferencias entre migrantes y nativos e indica la precisión de cada cifra.
areas-aggregates = Grupos de países
areas-countries = Países
areas-regions = Regiones (NUTS)
areas-districts = Distritos (Austria)
areas-degurba = Grado de urbanización
areas-cities = Ciudades

## Charts

chart-in-words = El gráfico en palabras
chart-not-drawn = Gráfico no dibujado ({ $error }); la tabla contiene las cifras.
chart-map-title = { $indicator }, { $group }, { $time }: mapa por { $level }
chart-ranking-title = { $indicator }, { $group }, { $time }: clasificación con intervalos del 95 %
chart-gap-title = { $indicator } en { $area }: grupos de migrantes frente a nacionales, { $time }
chart-series-title = { $indicator } en { $area } a lo largo del tiempo
chart-precision-title = Precisión de las estimaciones directas para { $area }: CV según el tamaño de la muestra
chart-threshold-caution = con cautela
chart-threshold-unreliable = poco fiable
# The words drawn inside the charts (civis-chart's Labels); { $x } are filled by the chart
chart-label-no-data = sin datos
chart-label-suppressed = suprimido
chart-label-key-low-reliability = fiabilidad baja (hueco, discontinuo)
chart-label-key-model-based = estimación basada en modelo
chart-label-key-suppressed = suprimido (no publicable)
chart-label-map-suppressed = suprimido (:)
chart-label-map-low-reliability = fiabilidad baja (u), rayado
chart-label-level = nivel
chart-label-gap-to = brecha respecto a { $reference }
chart-label-reference = referencia
chart-label-gap-not-available = brecha no disponible
chart-label-significant = significativa al 95 %
chart-label-not-significant = no significativa
chart-label-value = valor
chart-label-rank-range = puesto (intervalo)
chart-label-rank = puesto { $rank } ({ $lower }–{ $upper })
chart-label-sample-size-axis = tamaño muestral n (escala logarítmica)
chart-label-cv-axis = coeficiente de variación
# The text alternative of the charts (civis-chart's AltWords); { $x } are filled by the chart
chart-alt-ci = IC del 95 %: de { $lower } a { $upper }
chart-alt-low-reliability = fiabilidad baja (u)
chart-alt-model-based = estimación basada en modelo (M)
chart-alt-model-share = { $share } % procedente del modelo
chart-alt-official = cifra oficial sin intervalo de confianza
chart-alt-all-official = Todos los valores son cifras oficiales sin intervalo de confianza; las marcas se indican donde corresponden.
chart-alt-focus-area = zona de interés
chart-alt-focus = destacado
chart-alt-gap-intro = { $title }. { $area }: { $groups } comparados con { $reference } (referencia), en { $unit }. Las brechas son grupo menos referencia en { $difference_unit }, con intervalos de confianza del 95 %; una brecha es significativa al 95 % cuando su intervalo excluye el cero.
chart-alt-reference-row = { $label } (referencia): { $value }
chart-alt-gap = brecha { $gap } (IC del 95 %: de { $lower } a { $upper }), { $significance }
chart-alt-ranking-intro-highest = { $title }. { $areas }, de mayor a menor, en { $unit }; los puntos son estimaciones, los bigotes intervalos de confianza del 95 %.
chart-alt-ranking-intro-lowest = { $title }. { $areas }, de menor a mayor, en { $unit }; los puntos son estimaciones, los bigotes intervalos de confianza del 95 %.
chart-alt-reference-line = Línea de referencia: { $label } { $value }.
chart-alt-plausible-ranks = puesto { $rank } (puestos plausibles de { $lower } a { $upper })
chart-alt-series-intro = { $title }. { $series }, de { $first } a { $last }, en { $unit }; las líneas son estimaciones, las bandas sombreadas intervalos de confianza del 95 %; una línea se interrumpe donde un periodo no tiene valor publicable.
chart-alt-map-intro = { $title }. Mapa de { $areas }, en { $unit }: { $with_value } con valor, { $low } de ellas de fiabilidad baja (rayadas), { $suppressed } suprimidas, { $without } sin datos.
chart-alt-class-under = menos de { $upper }{ $unit }
chart-alt-class-between = de { $lower } a menos de { $upper }{ $unit }
chart-alt-class-over = { $lower }{ $unit } o más
chart-alt-class-range = de { $lower } a { $upper }{ $unit }
chart-alt-class-all = todos los valores
chart-alt-classes = Clases, de claro a oscuro: { $classes }.
chart-alt-boundaries = Límites: { $attribution }.
chart-alt-precision-intro = { $title }. Coeficiente de variación (CV, %) frente al tamaño muestral sin ponderar n para { $groups }.
chart-alt-thresholds = Umbrales: { $thresholds }.
chart-alt-threshold = { $cv } ({ $label })
chart-alt-sample-size = n = { $n }
chart-alt-cv = CV { $cv }
chart-alt-cv-at-or-above = igual o superior a { $cv } ({ $label })
chart-alt-cv-below-all = por debajo de todos los umbrales
chart-alt-cv-not-available = CV no disponible
# Unit words in the charts (civis-chart's UnitWords)
chart-unit-pp = p.p.
chart-unit-thousand = miles
chart-unit-percentage-points = puntos porcentuales (p.p.)
chart-unit-percent = porcentaje
chart-unit-percent-of-population = porcentaje de la población
chart-unit-percent-of-active = porcentaje de la población activa
chart-unit-euro = euros
chart-unit-national-currency = moneda nacional
chart-unit-purchasing-power-standard = estándar de poder adquisitivo
chart-unit-percent-of-reference = porcentaje del valor del grupo de referencia
chart-unit-thousand-persons = miles de personas
# Counts in the text alternative, after the language's plural rules
chart-count-groups =
    { $count ->
        [one] { $count } grupo
       *[other] { $count } grupos
    }
chart-count-areas =
    { $count ->
        [one] { $count } zona
       *[other] { $count } zonas
    }
chart-count-series =
    { $count ->
        [one] { $count } serie
       *[other] { $count } series
    }
chart-count-nuts-regions =
    { $count ->
        [one] { $count } región NUTS de nivel { $level }
       *[other] { $count } regiones NUTS de nivel { $level }
    }
chart-count-districts =
    { $count ->
        [one] { $count } distrito político austriaco
       *[other] { $count } distritos políticos austriacos
    }

## The API and downloads pages

api-lead = Todo en este sitio son datos. Cada página tiene gemelas: añada .json o .csv a su dirección, por ejemplo
api-paging = Los puntos de acceso siguientes añaden filtros y paginación. Las respuestas llevan un ETag; devuélvalo en If-None-Match para obtener 304 Not Modified.
api-openapi = La descripción legible por máquina:
api-endpoints = Puntos de acceso
api-endpoints-caption = Puntos de acceso (todos GET, JSON)
api-col-path = Ruta
api-col-what = Contenido
api-example = Ejemplo
api-fields = Cada observación tiene estos campos; flags son los códigos de Eurostat, status es reliable, low_reliability, suppressed, model_based (con model_share), official o missing. Los valores suprimidos no tienen estimación.
api-endpoint-indicators = Todos los indicadores con sus definiciones
api-endpoint-indicator = Un indicador: niveles, grupos y periodos con datos
api-endpoint-observations = Observaciones, filtradas (indicator, geo, group, sex, age, time, method, level) y paginadas (limit ≤ 1000, offset)
api-endpoint-areas = Todos los territorios
api-endpoint-area = El perfil del territorio (igual que /areas/{"{"}geo{"}"}.json)
api-endpoint-compare = Territorios uno junto a otro con contrastes de significación
api-endpoint-peers = Vecinos más próximos según los indicadores de contexto, con sus contribuciones
api-endpoint-datasets = Conjuntos de datos y su procedencia
api-endpoint-openapi = Esta API en OpenAPI 3.1
downloads-lead = Cada indicador, todos los territorios, grupos y años, con intervalos de confianza, tamaños de muestra e indicadores de Eurostat. Los valores suprimidos conservan su indicador y no tienen cifra. Las celdas CSV y XLSX nunca empiezan con una fórmula. El fichero XLSX tiene una hoja de metadatos con la definición, las fuentes y la leyenda de los indicadores; JSON-stat 2.0 y SDMX-CSV 2.0 llevan los indicadores como status / OBS_FLAG y CONF_STATUS.
downloads-caption = Ficheros por indicador
downloads-values = Valores
downloads-files = Ficheros
downloads-of = de { $indicator }

## The methodology page

methodology-title = Metodología y fiabilidad
methodology-reading = Cómo leer una cifra
methodology-reading-text = Cada valor es una estimación. Junto a él figuran su intervalo de confianza del 95 % (el intervalo que contiene el valor verdadero en 95 de cada 100 muestras), el número de encuestados en que se basa (n) y su estado:
methodology-no-badge = Sin marca
methodology-no-badge-text = Una estimación directa de encuesta que cumple la regla de fiabilidad.
methodology-official = Oficial
methodology-official-text = Una cifra publicada por Eurostat. Eurostat no publica errores típicos, por lo que sus intervalos no se muestran y las diferencias entre cifras oficiales no pueden contrastarse.
methodology-low = Baja fiabilidad
methodology-low-text = Publicada con una advertencia: la muestra en que se basa es pequeña (EU-SILC: menos de 50 encuestados, o falta de respuesta parcial superior al 50 %; EPA-UE: por debajo del límite B del país). Rayada en los mapas y en gris en los gráficos.
methodology-suppressed = Suprimida
methodology-suppressed-text = No publicada: demasiado pocos encuestados (EU-SILC: menos de 20) o dato confidencial. Se muestra como «suprimido», nunca como cero, y se excluye de todas las descargas.
methodology-model = Basada en modelos
methodology-model-text = Una estimación para áreas pequeñas (EBLUP de Fay-Herriot): una media ponderada de la estimación directa de la encuesta y de una predicción a partir de covariables administrativas. El porcentaje es la parte del modelo (1 − γ): cuanto menor es la muestra del territorio, más pesa el modelo. Su intervalo utiliza el error cuadrático medio estimado (Prasad-Rao / Datta-Lahiri).
methodology-synthetic = Datos sintéticos
methodology-synthetic-text = Calculada por Civis a partir de datos de prueba sintéticos (los incluyen los paquetes R laeken y emdi): muestran lo que Civis hace para una ciudad, pero no son estadísticas sobre personas reales.
methodology-disclosure = Umbrales de difusión
methodology-disclosure-text = Cada estimación directa de encuesta, en cada nivel (país, región, distrito, ciudad), se juzga dos veces con la regla de su fuente: al almacenarse y de nuevo cuando este portal la sirve. Una celda por debajo del umbral de supresión no se muestra en ningún sitio — ni valor, ni intervalo, ni error típico, ni tamaño de muestra, en ninguna página, respuesta de la API ni descarga — solo la palabra «suprimido» y el indicador u. Una diferencia entre dos grupos se suprime cuando lo está cualquiera de ellos. Las cifras oficiales conservan los indicadores fijados por su productor; las estimaciones para áreas pequeñas (basadas en modelos) existen precisamente para las muestras pequeñas y se muestran con la parte del modelo. Los umbrales son datos:
methodology-disclosure-caption = Umbrales de difusión por fuente (n: observaciones muestrales no ponderadas; CV: error típico ÷ estimación)
methodology-col-source = Fuente
methodology-col-suppressed = Suprimida si
methodology-col-flagged = Marcada u si
methodology-col-basis = Fundamento
methodology-col-datasets = Conjuntos de datos aquí
methodology-lfs-limits = Los límites A y B de la EPA-UE son recuentos ponderados, en miles de personas, fijados por país: se aplican cuando una estimación se calcula a partir de microdatos, ya que un valor almacenado no lleva recuento ponderado. La opción:
methodology-intervals = Intervalos y veredictos
methodology-proportions = Proporciones
methodology-proportions-text = Los intervalos de tasas y proporciones se mantienen entre 0 y 100 %: el intervalo logit (el intervalo de log(p/(1−p)) con los grados de libertad del diseño, retransformado), y en 0 % o 100 % el intervalo exacto de Clopper-Pearson para el n de la celda, de modo que un intervalo nunca tiene anchura nula. Como en el paquete R survey:
methodology-differences = Diferencias
methodology-differences-text = Una diferencia A − B es significativa cuando su intervalo del 95 % excluye el 0.
methodology-ratios = Cocientes
methodology-ratios-text = Un cociente A / B (por ejemplo, la renta mediana de un grupo como porcentaje de la de los nacionales) es significativo cuando su intervalo del 95 % excluye el 100 % — la igualdad — no el 0.
methodology-flags = Indicadores de Eurostat
methodology-flags-caption = Códigos de estado de las observaciones (listas anteriores a 2025 y de 2025; desde 2025 la confidencialidad es un estado aparte C/N/P)
methodology-col-flag = Indicador
methodology-col-meaning = Significado
methodology-methods = Métodos
methodology-direct = Estimaciones directas
methodology-direct-text = Estimaciones basadas en el diseño a partir de microdatos de encuesta con las ponderaciones, estratos y conglomerados de la encuesta; varianzas por linealización (conglomerados últimos), tal como las calculan los paquetes R survey y laeken. Las tasas de riesgo de pobreza utilizan el umbral nacional (60 % de la mediana nacional de la renta equivalente).
methodology-gaps = Diferencias entre grupos
methodology-gaps-text = Las diferencias migrantes − nacionales se estiman con la covarianza de los dos grupos en la misma muestra, por lo que sus intervalos son exactos para el diseño; una diferencia es significativa cuando su intervalo del 95 % excluye el cero, un cociente cuando excluye el 100 %.
methodology-rankings = Clasificaciones
methodology-rankings-text = El puesto 1 es el mejor valor. El intervalo de puesto es el rango de puestos que ocupa un territorio en el 95 % de 1000 simulaciones paramétricas extraídas de la estimación y el error típico de cada territorio: intervalos que se solapan significan que el orden no está establecido.
methodology-comparisons = Comparaciones
methodology-comparisons-text = Dos territorios se comparan con una prueba z sobre la diferencia de sus estimaciones (muestras independientes: las varianzas se suman). Al comparar varios territorios con uno, los valores p se ajustan por el método de Holm.
methodology-similar = Territorios similares
methodology-similar-text = Vecinos más próximos según los indicadores de contexto: cada indicador se tipifica sobre los territorios del mismo nivel, y la distancia es la distancia euclídea ponderada sobre los indicadores que tienen ambos territorios. Se muestra la parte de cada indicador en la distancia, y las ponderaciones pueden modificarse.
methodology-sae = Estimación para áreas pequeñas
methodology-sae-text = Modelo de Fay-Herriot a nivel de área ajustado por REML, validado frente a los paquetes R sae y emdi; véase la documentación de Civis.
methodology-catalogue-version = Versión del catálogo de indicadores
methodology-datasets = Conjuntos de datos
methodology-datasets-caption = Conjuntos de datos de este portal
methodology-col-dataset = Conjunto de datos
methodology-col-vintage = Edición
methodology-col-attribution = Atribución

## The comparison page

compare-title = Comparar territorios
compare-lead = Elija hasta { $max } territorios, de cualquier país. Cada valor se contrasta con el primer territorio: una diferencia se considera significativa cuando el intervalo del 95 % de la diferencia excluye el cero tras la corrección de Holm por el número de comparaciones. Elija una diferencia entre grupos (por ejemplo extranjeros − nacionales) para comparar las diferencias entre migrantes y nacionales de los territorios. Los valores medidos de otra forma — otro grupo de edad, un recuento, datos de prueba sintéticos frente a estadísticas reales — se muestran pero no se contrastan, con el motivo.
compare-area-n = Territorio { $n }
compare-no-data-for = Sin datos para:
compare-choose = Elija al menos un territorio.
compare-table = Tabla de comparación
compare-caption = { $group }: cada territorio frente a { $area }
compare-col-indicator = Indicador, año
compare-not-tested = no contrastado (sin error típico)
compare-not-head-counts = No comparado: los recuentos dependen del tamaño de cada lugar, no de cómo le va a su población.
compare-not-unit = No comparado: medido en { $unit } frente a { $first } en { $area }.
compare-not-synthetic = No comparado: los datos de prueba sintéticos no pueden contrastarse con estadísticas reales.
compare-not-ages = No comparado: edades { $ages } aquí frente a { $first } en { $area }.
compare-no-gap = Ninguno de estos territorios tiene ambos valores de la diferencia «{ $gap }» para un indicador común.
compare-no-indicator = Estos territorios no tienen ningún indicador para este grupo.
error-invalid-request = Solicitud no válida

## Similar areas

peers-title = Territorios similares a { $area }
peers-crumb = territorios similares
peers-lead = Los { $kinds } más próximos según { $n } indicadores de contexto, entre otros { $others }.
peers-method = Los territorios se emparejan solo por tasas y proporciones (porcentajes), nunca por recuentos, que miden el tamaño de un lugar y no su situación. Cada indicador se tipifica (puntuación z sobre estos territorios); la distancia es la distancia euclídea ponderada sobre los indicadores que tienen ambos territorios (al menos la mitad), reescalada a todas las ponderaciones. Las barras muestran cuánto aporta cada indicador a la distancia: una parte pequeña significa que ambos territorios se parecen en ese indicador.
peers-kinds-aggregate = agregados
peers-kinds-country = países
peers-kinds-region = regiones
peers-kinds-district = distritos
peers-kinds-degurba = grados de urbanización
peers-kinds-city = ciudades
peers-no-indicators = No hay suficientes indicadores de contexto para los territorios de este nivel.
peers-weight = Ponderación: { $indicator }
peers-recompute = Recalcular
peers-none = Ningún territorio comparte suficientes indicadores con este.
peers-caption = Territorios más próximos y lo que los diferencia (parte de la distancia al cuadrado por indicador)
peers-distance = Distancia
peers-this-area = este territorio
peers-compare = comparar
peers-share = { $share } de la distancia

## The city section of an area page

city-region-title = Situación de los migrantes en su región (NUTS 2)
city-lies-in = está en
city-and-nuts3 = y en la región NUTS 3
city-no-city-outcomes = Eurostat no publica indicadores sobre migrantes para las ciudades: estos son los de la región, de la Encuesta de Población Activa de la UE.
city-no-region-outcomes = No se publican indicadores sobre migrantes para esta región.
city-outcomes-of = Situación de los migrantes en { $region }
city-outcomes-caption = Región (NUTS 2) { $region }: empleo y desempleo por país de nacimiento, último año
city-col-ages = Edades
city-col-region = Región (NUTS 2)
city-not-placed = No se ha podido situar esta ciudad en una región NUTS 2024; véase el registro de ciudades:
city-country = País:
city-peers-title = Ciudades comparables
city-peers-lead = Las ciudades del mismo país más próximas a { $city } por proporción de nacidos en el extranjero (último año).
city-peers-link = Territorios similares en todos los indicadores de contexto
city-peers-of = Ciudades comparables a { $city }
city-peers-caption = Ciudades comparables a { $city } por proporción de nacidos en el extranjero
city-col-city = Ciudad
city-col-foreign-born = Proporción de nacidos en el extranjero

## The availability page

availability-title = Disponibilidad de estadísticas regionales sobre migrantes
availability-heading = ¿Qué parte de las estadísticas de la UE sobre migrantes llega a sus regiones?
availability-lead = Para cada indicador, grupo, país y año: la proporción de regiones NUTS 2 cuyo valor Eurostat publicó, publicó con el indicador de baja fiabilidad u, o no publicó (demasiado pocos encuestados). Todas las filas están en
availability-none = No hay valores oficiales NUTS 2 cargados.
availability-sources = Fuentes y ediciones
availability-summary = De { $values } valores de regiones NUTS 2, { $published } se publicaron, { $low } se publicaron con baja fiabilidad (u) y { $not } no se publicaron.
availability-no-flags = Los valores de { $year } proceden de una fuente secundaria que no incluye los indicadores de Eurostat: los valores que Eurostat publica con el indicador u se cuentan como publicados, y la proporción marcada es desconocida (se omite del gráfico).
availability-table = Regiones por situación de publicación
availability-table-caption = Regiones NUTS 2 por situación de publicación
availability-regions = Regiones
availability-published = Publicados
availability-low = Baja fiabilidad (u)
availability-not-published = No publicados
availability-map-title = Proporción de valores NUTS 2 publicados sin indicador, { $year }, por país
availability-chart-title = Proporción de valores NUTS 2 publicados, marcados y no publicados, todos los países, por año

## Citations, permalinks and embeds (h19b)

cite-link = citar
cite-link-label = Citar esta cifra
cite-title = Citar esta cifra
cite-heading = Citar
cite-summary-page = Citar las cifras de esta página
cite-permalink-page = Enlace permanente exactamente a estas cifras:
cite-each-value = El enlace «citar» de cada valor da su propia referencia en BibTeX, RIS y CSL-JSON, por ejemplo
cite-identifier = Identificador
cite-data-code = Código de datos en línea
cite-last-update = Última actualización del conjunto de datos
cite-retrieved = Obtenido
cite-method = Método
cite-synthetic = (datos sintéticos)
cite-release = versión
cite-permalink = Enlace permanente a esta edición
cite-download = Descargar:
vintage-pinned = Estas son las cifras de la versión { $release } ({ $date } UTC).
vintage-newer = Existe una edición más reciente
vintage-newer-release = (versión { $release }, { $date } UTC):
vintage-current-link = ver las cifras actuales
vintage-permalink = Enlace permanente a estas cifras (versión { $release }):
embed-summary = Insertar este gráfico
embed-how = Copie uno de estos códigos en su página, con la dirección de este portal delante de la ruta /embed/. El gráfico lleva su línea de fuente, su cita y sus marcas.
embed-how-absolute = Copie uno de estos códigos en su página. El gráfico lleva su línea de fuente, su cita y sus marcas.
embed-synthetic = Datos sintéticos: para demostración, no son estadísticas reales.
embed-model-based = Incluye estimaciones basadas en modelos (áreas pequeñas).
embed-cite = Citar:
embed-current = cifras actuales en Civis
embed-source-eurostat = Fuente: Eurostat (código de datos en línea: { $code })
embed-source-eurostat-via = Fuente: Eurostat (código de datos en línea: { $code }), a través de { $via }
embed-source-civis = Civis, estimación { $method }: { $source }

## The profile as a PDF (the report)

report-profile = Perfil
report-gaps = Brechas
report-over-time = Evolución
report-peers-intro = Las zonas más cercanas en los indicadores de contexto (distancia estandarizada; cuanto menor, más cercana), como en la página de zonas similares del portal:
report-shared = Indicadores comunes
report-peer-cities = Ciudades similares (mismo país, proporción de nacidos en el extranjero más cercana)
report-legend = Marcas y banderas
report-legend-u = u: fiabilidad baja (bandera u de Eurostat): leer con cautela.
report-legend-c = c / suprimido: demasiado pocas observaciones o confidencial; nunca se muestra como número.
report-legend-m = M: estimación basada en un modelo (áreas pequeñas), con la parte que procede del modelo.
report-legend-e = E: publicado por Eurostat (oficial, sin intervalo publicado).
report-legend-synthetic = sintético: calculado a partir de datos de prueba sintéticos (laeken eusilc, emdi eusilcA), no son estadísticas reales.
report-legend-flags = Las demás letras son banderas de Eurostat: b ruptura de serie, d definición distinta, e estimado, p provisional, r revisado, s estimación de Eurostat.
report-synthetic-note = Algunos valores de este informe se calculan a partir de datos de prueba sintéticos (los ficheros eusilc de laeken y eusilcA de emdi): ilustran los métodos y no son estadísticas reales de Austria. Están marcados como «sintético».
report-retrieved = obtenido el
report-citation = Cita
report-cite-as = Cite este informe como
report-online = En línea
report-data-version = Versión de los datos

## Groups of countries (Eurostat's aggregates; English as Eurostat names them)

aggregate-eu27-2020 = Unión Europea - 27 países (desde 2020)
aggregate-eu28 = Unión Europea - 28 países (2013-2020)
aggregate-eu27-2007 = Unión Europea - 27 países (2007-2013)
aggregate-eu15 = Unión Europea - 15 países (1995-2004)
aggregate-ea = Zona del euro
aggregate-ea18 = Zona del euro - 18 países (2014)
aggregate-ea19 = Zona del euro - 19 países (2015-2022)
aggregate-ea20 = Zona del euro - 20 países (desde 2023)
aggregate-efta = Asociación Europea de Libre Comercio
