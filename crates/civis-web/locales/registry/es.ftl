# Registro de aprendizaje mutuo de Civis: español. Fuente: en.ftl de esta carpeta.

## Account bar and sign-in

reg-account = Cuenta del registro
reg-signed-in-as = Sesión iniciada como
reg-record-practice = Registrar una práctica
reg-record-need = Registrar una necesidad
reg-record-network = Registrar una red
reg-record-network-or-project = Registrar una red o un proyecto
reg-moderation = Moderación
reg-import = Importar
reg-audit-log = Registro de auditoría
reg-users = Usuarios
reg-sign-out = Cerrar sesión
reg-sign-in = Iniciar sesión
reg-sign-in-who = (redactores, moderadores, administradores)
reg-login-lead = Para redactores, moderadores y administradores del registro. Para consultarlo no hace falta cuenta.
reg-email = Dirección de correo electrónico
reg-email-short = Correo electrónico
reg-password = Contraseña
reg-login-locked = Demasiados intentos fallidos: el inicio de sesión está bloqueado hasta el { $until }.
reg-login-failed = Dirección de correo desconocida o contraseña incorrecta.
reg-when = { $date }, { $time } UTC

## Refusals and errors

reg-back = Volver al registro
reg-error-not-found = No encontrado
reg-error-not-found-text = Esta ficha no existe o no es pública.
reg-error-forbidden = No permitido
reg-error-forbidden-text = Su cuenta no puede hacer esto. Inicie sesión con una cuenta responsable de esta ciudad.
reg-error-workflow = No es posible ahora
reg-error-conflict = Conflicto
reg-error-invalid = No válido
reg-error-internal = Error interno
reg-error-internal-text = La solicitud ha fallado.
reg-error-store-text = El registro no pudo completar la solicitud.
reg-error-unsupported-form = Formulario no admitido
reg-error-unsupported-form-text = Los formularios deben enviarse como application/x-www-form-urlencoded.
reg-error-too-large = Demasiado grande
reg-error-too-large-text = El formulario supera el tamaño que acepta esta página.
reg-error-too-slow = Demasiado lento
reg-error-too-slow-text = El formulario tardó demasiado en llegar.
reg-error-invalid-form = Formulario no válido
reg-error-invalid-form-text = No se pudo leer el formulario.
reg-error-form-expired = Formulario caducado
reg-error-form-expired-text = Este formulario no tiene un token de seguridad válido (CSRF). Recargue la página y envíelo de nuevo.
reg-error-invalid-filter = Filtro no válido
reg-no-such-entry = Esta ficha no existe.
reg-no-such-practice = Esta práctica no existe.
reg-no-such-need = Esta necesidad no existe.
reg-no-such-network = Esta red no existe.
reg-no-such-action = Esta acción no existe.
reg-no-such-export = Las exportaciones son practices.csv, needs.csv, networks.csv e instruments.csv.
reg-no-data-for-area = El portal no tiene datos de esta zona.

## Browse and search

reg-browse-title = Prácticas, necesidades y herramientas
reg-browse-lead = Lo que hicieron las ciudades, lo que necesitan y los instrumentos que existen — cada uno vinculado a los indicadores que trata.
reg-browse-directory-link = El directorio de herramientas
reg-browse-directory-text = recoge fuentes de datos, encuestas, conjuntos de indicadores y programas para las estadísticas de integración.
reg-search = Buscar
reg-kind = Tipo
reg-area-code = Código de ciudad o zona
reg-policy-area = Ámbito de actuación
reg-target-group = Grupo destinatario
reg-indicator = Indicador
reg-any = todos
reg-nothing-matches = No hay resultados.
reg-entries-count = { $count ->
    [one] { $count } ficha
   *[other] { $count } fichas
}

## Entry pages

reg-editing-and-moderation = Edición y moderación
reg-status = Estado:
reg-edit = Editar
reg-submit-for-review = Enviar a revisión
reg-publish = Publicar
reg-send-back-to-draft = Devolver a borrador
reg-delete = Eliminar
reg-note-for-author = Nota para el autor
reg-policy-areas = Ámbitos de actuación
reg-for = Para
reg-evidence = Evidencia
reg-what-the-city-did = Lo que hizo la ciudad
reg-results = Resultados
reg-transferability = Transferibilidad
reg-costs = Costes
reg-contacts = Contactos
reg-contact = Contacto
reg-links = Enlaces
reg-city-numbers = Las cifras de la ciudad
reg-practice-no-indicator = Esta práctica no está vinculada a ningún indicador.
reg-practice-no-figures = El portal aún no tiene cifras de los indicadores vinculados en esta zona.
reg-values-note = Valores con su intervalo de confianza del 95 %; un cambio solo se considera más allá de la incertidumbre cuando los intervalos del primer y del último periodo no se solapan.
reg-cities-like-this = Ciudades parecidas
reg-period-since = desde { $from }
reg-series-caption = { $indicator } — { $group }, { $area }: { $trend }
reg-synthetic = sintético
reg-period = Periodo
reg-value = Valor
reg-interval = Intervalo del 95 %
reg-status-column = Estado
reg-practice-running = práctica en curso
reg-trend-none = un solo periodo: sin tendencia
reg-trend = { $change } desde { $since } ({ $direction }, { $certainty })
reg-trend-no-change = sin cambios
reg-trend-better = a mejor
reg-trend-worse = a peor
reg-beyond-uncertainty = más allá de la incertidumbre
reg-within-uncertainty = dentro de la incertidumbre
reg-indicators = Indicadores:
reg-cities-with-practice = Ciudades con una práctica al respecto
reg-no-practice-matches = Todavía no coincide ninguna práctica publicada.
reg-tools-that-help = Herramientas y fuentes que pueden ayudar
reg-who-takes-part = Quién participa

## The toolbox directory

reg-directory-title = Directorio de herramientas
reg-directory-lead = Fuentes de datos, encuestas, conjuntos de indicadores, índices de políticas, bases de datos de prácticas, clasificaciones, programas y métodos para las estadísticas de integración de inmigrantes en las ciudades europeas — cada uno con su titular, cobertura, condiciones de acceso y origen de la información.
reg-show = Mostrar
reg-instruments-count = { $count ->
    [one] { $count } instrumento
   *[other] { $count } instrumentos
}
reg-instrument = Instrumento
reg-owner = Titular
reg-geography = Geografía
reg-access = Acceso
reg-formats = Formatos
reg-coverage = Cobertura
reg-link = Enlace
reg-record-source = Fuente de esta ficha

## Cities like yours

reg-like-title = Ciudades como { $name }
reg-like-lead = Zonas comparables — { $method } — que mejoraron un indicador para un grupo de migrantes, y las prácticas que registraron. Una mejora solo se considera más allá de la incertidumbre cuando los intervalos del 95 % del primer y del último periodo no se solapan.
reg-peers-nearest = vecinos estadísticos más próximos en los indicadores de contexto (véase la página Zonas similares)
reg-peers-same-country = zonas del mismo tipo en el mismo país
reg-no-improvement = Ninguna mejora en las series del portal.
reg-improvement = { $indicator }, { $group }: { $change } de { $from } a { $to } — { $certainty }
reg-no-practice-yet = Todavía no hay prácticas registradas.
reg-practices = Prácticas:

## Entry forms

reg-please-correct = { $count ->
    [one] Corrija { $count } campo:
   *[other] Corrija { $count } campos:
}
reg-field-title = Título
reg-field-area = Código de ciudad o zona
reg-field-period_from = Año de inicio
reg-field-period_to = Año de fin
reg-field-policy_areas = Ámbitos de actuación
reg-field-target_groups = Grupos destinatarios
reg-field-indicators = Indicadores
reg-field-description = Descripción
reg-field-results = Resultados
reg-field-evidence = Evidencia
reg-field-transferability = Transferibilidad
reg-field-costs = Costes
reg-field-contacts = Contactos
reg-field-links = Enlaces
reg-field-language = Idioma de esta ficha
reg-field-kind = Tipo
reg-field-name = Nombre
reg-field-members = Miembros
reg-field-link = Sitio web
reg-hint-area = Un código de país, de región NUTS o de ciudad Urban Audit: AT13, DE001C1
reg-label-running-since = En marcha desde (año)
reg-label-until = Hasta (año, vacío si sigue en marcha)
reg-label-since = Desde (año)
reg-label-practice-indicators = Indicadores que la práctica pretende mejorar
reg-label-results = Resultados (con cifras cuando las haya)
reg-label-transferability = Transferibilidad: lo que otra ciudad necesita para repetirla
reg-label-links = Enlaces (uno por línea)
reg-label-what-is-needed = Qué se necesita
reg-label-network-or-project = Red o proyecto
reg-label-members = Miembros: códigos de ciudades o zonas, uno por línea
reg-save-draft = Guardar borrador
reg-save-and-submit = Guardar y enviar a revisión
reg-edit-heading = Editar:
reg-edit-practice = Editar la práctica
reg-edit-need = Editar la necesidad
reg-edit-network = Editar la red
reg-invalid-required = es obligatorio
reg-invalid-one-line = debe ser una sola línea sin caracteres de control
reg-invalid-control = contiene caracteres de control
reg-invalid-no-policy-area = elija al menos un ámbito de actuación
reg-invalid-too-long = supera los { $max } caracteres
reg-invalid-year = «{ $value }» no es un año (1950-2100)
reg-invalid-period = termina ({ $to }) antes de empezar ({ $from })
reg-invalid-code = «{ $value }» no es uno de: { $codes }

## Moderation, audit, users, import

reg-waiting-for-review = Pendiente de revisión
reg-nothing-to-review = Nada que revisar.
reg-entry = Ficha
reg-area = Zona
reg-submitted = Enviada
reg-decision = Decisión
reg-note = Nota
reg-send-back = Devolver
reg-audit-lead = Cada cambio con su autor y fecha; el
reg-audit-json = contiene el estado completo antes y después.
reg-audit-when = Cuándo
reg-audit-who = Quién
reg-audit-what = Qué
reg-audit-subject = Objeto
reg-audit-changed = Campos modificados
reg-role = Función
reg-areas = Zonas
reg-active = Activo
reg-save = Guardar
reg-role-areas-active = Función, zonas, activo
reg-new-user = Nuevo usuario
reg-new-user-areas = Zonas (redactores: códigos de ciudades o zonas, separados por espacios)
reg-new-user-password = Contraseña inicial (al menos 12 caracteres)
reg-create = Crear
reg-import-title = Importar prácticas, necesidades, redes y herramientas
reg-import-lead-json = Pegue un documento JSON del registro (en el formato de
reg-import-lead-csv = ) o el CSV de un tipo de ficha (en el formato de
reg-import-lead-all = No se guarda nada si algún elemento no es válido.
reg-import-format = Formato
reg-import-status = Estado de los elementos que no lo indican
reg-import-document = Documento
reg-import-format-json = Documento JSON
reg-import-format-practices = CSV de prácticas
reg-import-format-needs = CSV de necesidades
reg-import-format-networks = CSV de redes
reg-import-format-instruments = CSV de instrumentos del directorio
reg-import-unknown-format = formato desconocido «{ $format }»
reg-import-nothing = No se ha importado nada.
reg-import-done = { $count ->
    [one] { $count } ficha importada.
   *[other] { $count } fichas importadas.
}
reg-import-conflict = No se ha importado nada: { $reason }

## Roles

reg-role-editor = redactor
reg-role-moderator = moderador
reg-role-admin = administrador

## Vocabularies: entry kinds and statuses

reg-entry-kind-practice = Práctica
reg-entry-kind-need = Necesidad de una ciudad
reg-entry-kind-network = Red o proyecto
reg-entry-kind-instrument = Instrumento del directorio
reg-status-draft = Borrador
reg-status-submitted = Enviada a revisión
reg-status-published = Publicada

## Vocabularies: policy areas

reg-policy-employment = Empleo
reg-policy-education = Educación
reg-policy-social_inclusion = Inclusión social
reg-policy-housing = Vivienda
reg-policy-health = Salud
reg-policy-active_citizenship = Ciudadanía activa
reg-policy-language = Aprendizaje del idioma
reg-policy-reception = Acogida y orientación
reg-policy-anti_discrimination = Lucha contra la discriminación
reg-policy-governance = Gobernanza, datos y seguimiento

## Vocabularies: target groups

reg-audience-all_residents = Todos los residentes
reg-audience-foreign_citizens = Ciudadanos extranjeros
reg-audience-eu_citizens = Ciudadanos de otros países de la UE
reg-audience-non_eu_citizens = Ciudadanos de fuera de la UE (nacionales de terceros países)
reg-audience-foreign_born = Residentes nacidos en el extranjero
reg-audience-second_generation = Nacidos en el país de padres migrantes
reg-audience-refugees = Refugiados y beneficiarios de protección internacional
reg-audience-asylum_seekers = Solicitantes de asilo
reg-audience-undocumented = Migrantes indocumentados
reg-audience-women = Mujeres
reg-audience-youth = Jóvenes
reg-audience-children = Niños
reg-audience-older_people = Personas mayores

## Vocabularies: evidence

reg-evidence-none = Aún sin evaluación
reg-evidence-monitoring = Datos de seguimiento (realizaciones, participantes)
reg-evidence-evaluation = Evaluación (antes/después, cualitativa o cuantitativa)
reg-evidence-counterfactual = Evaluación de impacto con grupo de comparación

## Vocabularies: needs and networks

reg-need-kind-data = Datos
reg-need-kind-indicator = Indicadores y definiciones
reg-need-kind-tool = Programa o herramienta
reg-need-kind-method = Método (estimación, evaluación)
reg-need-kind-practice = Una práctica de la que aprender
reg-network-kind-network = Red
reg-network-kind-project = Proyecto

## Vocabularies: the directory

reg-instrument-kind-data_source = Base de datos o conjunto de datos
reg-instrument-kind-survey = Encuesta
reg-instrument-kind-indicator_set = Conjunto de indicadores
reg-instrument-kind-policy_index = Índice de políticas o referencia comparativa
reg-instrument-kind-practice_database = Base de datos o red de prácticas
reg-instrument-kind-classification = Clasificación o tipología
reg-instrument-kind-software = Programa informático
reg-instrument-kind-method = Método o directrices
reg-geo-level-any = Cualquier nivel (programas, métodos)
reg-geo-level-international = Regiones del mundo o internacional
reg-geo-level-country = País
reg-geo-level-nuts1 = Regiones NUTS 1
reg-geo-level-nuts2 = Regiones NUTS 2
reg-geo-level-nuts3 = Regiones NUTS 3
reg-geo-level-degurba = Grado de urbanización
reg-geo-level-city = Ciudades
reg-geo-level-fua = Áreas urbanas funcionales
reg-geo-level-lau = Municipios (LAU)
reg-geo-level-grid = Celdas de cuadrícula
reg-access-open = Abierto, sin registro
reg-access-registration = Gratuito tras registrarse
reg-access-on_request = Previa solicitud (propuesta de investigación o acuerdo)
reg-access-licence = Licencia o tarifa
