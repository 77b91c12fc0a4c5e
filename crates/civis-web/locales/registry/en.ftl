# Civis mutual-learning registry: English (the source). Every id starts with `reg-`; the
# translations in fr/de/it/es/nl/pl.ftl of this folder hold exactly these ids (checked by
# `cargo test -p civis-web --test i18n`). Entry texts written by cities are not translated.

## Account bar and sign-in

reg-account = Registry account
reg-signed-in-as = Signed in as
reg-record-practice = Record a practice
reg-record-need = Record a need
reg-record-network = Record a network
reg-record-network-or-project = Record a network or project
reg-moderation = Moderation
reg-import = Import
reg-audit-log = Audit log
reg-users = Users
reg-sign-out = Sign out
reg-sign-in = Sign in
reg-sign-in-who = (editors, moderators, admins)
reg-login-lead = For editors, moderators and administrators of the registry. Reading needs no account.
reg-email = E-mail address
reg-email-short = E-mail
reg-password = Password
reg-login-locked = Too many failed attempts: signing in is locked until { $until }.
reg-login-failed = Unknown e-mail address or wrong password.
reg-when = { $date }, { $time } UTC

## Refusals and errors

reg-back = Back to the registry
reg-error-not-found = Not found
reg-error-not-found-text = There is no such entry, or it is not public.
reg-error-forbidden = Not allowed
reg-error-forbidden-text = Your account may not do this. Sign in with an account that answers for this city.
reg-error-workflow = Not possible now
reg-error-conflict = Conflict
reg-error-invalid = Invalid
reg-error-internal = Internal error
reg-error-internal-text = The request failed.
reg-error-store-text = The registry could not complete the request.
reg-error-unsupported-form = Unsupported form
reg-error-unsupported-form-text = Forms must be sent as application/x-www-form-urlencoded.
reg-error-too-large = Too large
reg-error-too-large-text = The form is larger than this page accepts.
reg-error-too-slow = Too slow
reg-error-too-slow-text = The form took too long to arrive.
reg-error-invalid-form = Invalid form
reg-error-invalid-form-text = The form could not be read.
reg-error-form-expired = Form expired
reg-error-form-expired-text = This form has no valid security token (CSRF). Reload the page and send it again.
reg-error-invalid-filter = Invalid filter
reg-no-such-entry = No such entry.
reg-no-such-practice = No such practice.
reg-no-such-need = No such need.
reg-no-such-network = No such network.
reg-no-such-action = No such action.
reg-no-such-export = Exports are practices.csv, needs.csv, networks.csv and instruments.csv.
reg-no-data-for-area = The portal has no data for this area.

## Browse and search

reg-browse-title = Practices, needs and tools
reg-browse-lead = What cities did, what they need, and the instruments that exist — each linked to the indicators it is about.
reg-browse-directory-link = The toolbox directory
reg-browse-directory-text = lists the data sources, surveys, indicator sets and software for integration statistics.
reg-search = Search
reg-kind = Kind
reg-area-code = City or area code
reg-policy-area = Policy area
reg-target-group = Target group
reg-indicator = Indicator
reg-any = any
reg-nothing-matches = Nothing matches.
reg-entries-count = { $count ->
    [one] { $count } entry
   *[other] { $count } entries
}

## Entry pages

reg-editing-and-moderation = Editing and moderation
reg-status = Status:
reg-edit = Edit
reg-submit-for-review = Submit for review
reg-publish = Publish
reg-send-back-to-draft = Send back to draft
reg-delete = Delete
reg-note-for-author = Note for the author
reg-policy-areas = Policy areas
reg-for = For
reg-evidence = Evidence
reg-what-the-city-did = What the city did
reg-results = Results
reg-transferability = Transferability
reg-costs = Costs
reg-contacts = Contacts
reg-contact = Contact
reg-links = Links
reg-city-numbers = The city's numbers
reg-practice-no-indicator = This practice is not linked to an indicator.
reg-practice-no-figures = The portal has no figures yet for the linked indicators in this area.
reg-values-note = Values with their 95 % confidence interval; a change counts as beyond the uncertainty only when the intervals of the first and the latest period do not overlap.
reg-cities-like-this = Cities like this one
reg-period-since = since { $from }
reg-series-caption = { $indicator } — { $group }, { $area }: { $trend }
reg-synthetic = synthetic
reg-period = Period
reg-value = Value
reg-interval = 95 % interval
reg-status-column = Status
reg-practice-running = practice running
reg-trend-none = one period only: no trend
reg-trend = { $change } since { $since } ({ $direction }, { $certainty })
reg-trend-no-change = no change
reg-trend-better = better
reg-trend-worse = worse
reg-beyond-uncertainty = beyond the uncertainty
reg-within-uncertainty = within the uncertainty
reg-indicators = Indicators:
reg-cities-with-practice = Cities with a practice for this
reg-no-practice-matches = No published practice matches yet.
reg-tools-that-help = Tools and sources that may help
reg-who-takes-part = Who takes part

## The toolbox directory

reg-directory-title = Toolbox directory
reg-directory-lead = Data sources, surveys, indicator sets, policy indices, practice databases, classifications, software and methods for immigrant-integration statistics in European cities — each with its owner, coverage, access conditions and where the facts come from.
reg-show = Show
reg-instruments-count = { $count ->
    [one] { $count } instrument
   *[other] { $count } instruments
}
reg-instrument = Instrument
reg-owner = Owner
reg-geography = Geography
reg-access = Access
reg-formats = Formats
reg-coverage = Coverage
reg-link = Link
reg-record-source = Source of this record

## Cities like yours

reg-like-title = Cities like { $name }
reg-like-lead = Peer areas — { $method } — that improved an indicator for a migrant group, and the practices they recorded. An improvement counts as beyond the uncertainty only when the 95 % intervals of the first and latest period do not overlap.
reg-peers-nearest = statistical nearest neighbours on the context indicators (see the Similar areas page)
reg-peers-same-country = areas of the same kind in the same country
reg-no-improvement = No improvement in the portal's series.
reg-improvement = { $indicator }, { $group }: { $change } from { $from } to { $to } — { $certainty }
reg-no-practice-yet = No practice recorded yet.
reg-practices = Practices:

## Entry forms

reg-please-correct = { $count ->
    [one] Please correct { $count } field:
   *[other] Please correct { $count } fields:
}
reg-field-title = Title
reg-field-area = City or area code
reg-field-period_from = Start year
reg-field-period_to = End year
reg-field-policy_areas = Policy areas
reg-field-target_groups = Target groups
reg-field-indicators = Indicators
reg-field-description = Description
reg-field-results = Results
reg-field-evidence = Evidence
reg-field-transferability = Transferability
reg-field-costs = Costs
reg-field-contacts = Contacts
reg-field-links = Links
reg-field-language = Language of this entry
reg-field-kind = Kind
reg-field-name = Name
reg-field-members = Members
reg-field-link = Web site
reg-hint-area = A country, NUTS region or Urban Audit city code: AT13, DE001C1
reg-label-running-since = Running since (year)
reg-label-until = Until (year, empty if still running)
reg-label-since = Since (year)
reg-label-practice-indicators = Indicators the practice aims to move
reg-label-results = Results (with numbers where there are any)
reg-label-transferability = Transferability: what another city needs to repeat it
reg-label-links = Links (one per line)
reg-label-what-is-needed = What is needed
reg-label-network-or-project = Network or project
reg-label-members = Members: city or area codes, one per line
reg-save-draft = Save draft
reg-save-and-submit = Save and submit for review
reg-edit-heading = Edit:
reg-edit-practice = Edit practice
reg-edit-need = Edit need
reg-edit-network = Edit network
reg-invalid-required = is required
reg-invalid-one-line = must be one line without control characters
reg-invalid-control = contains control characters
reg-invalid-no-policy-area = choose at least one policy area
reg-invalid-too-long = is longer than { $max } characters
reg-invalid-year = `{ $value }` is not a year (1950-2100)
reg-invalid-period = ends ({ $to }) before it starts ({ $from })
reg-invalid-code = `{ $value }` is not one of { $codes }

## Moderation, audit, users, import

reg-waiting-for-review = Waiting for review
reg-nothing-to-review = Nothing to review.
reg-entry = Entry
reg-area = Area
reg-submitted = Submitted
reg-decision = Decision
reg-note = Note
reg-send-back = Send back
reg-audit-lead = Every change with who made it and when;
reg-audit-json = has the full before and after.
reg-audit-when = When
reg-audit-who = Who
reg-audit-what = What
reg-audit-subject = Subject
reg-audit-changed = Changed fields
reg-role = Role
reg-areas = Areas
reg-active = Active
reg-save = Save
reg-role-areas-active = Role, areas, active
reg-new-user = New user
reg-new-user-areas = Areas (editors: city or area codes, separated by spaces)
reg-new-user-password = Initial password (at least 12 characters)
reg-create = Create
reg-import-title = Import practices, needs, networks and tools
reg-import-lead-json = Paste a registry JSON document (the format of
reg-import-lead-csv = ) or the CSV of one entry kind (the format of
reg-import-lead-all = Nothing is stored unless every item is valid.
reg-import-format = Format
reg-import-status = Status of items without one
reg-import-document = Document
reg-import-format-json = JSON document
reg-import-format-practices = CSV of practices
reg-import-format-needs = CSV of needs
reg-import-format-networks = CSV of networks
reg-import-format-instruments = CSV of directory instruments
reg-import-unknown-format = unknown format `{ $format }`
reg-import-nothing = Nothing was imported.
reg-import-done = { $count ->
    [one] Imported { $count } entry.
   *[other] Imported { $count } entries.
}
reg-import-conflict = Nothing was imported: { $reason }

## Roles

reg-role-editor = editor
reg-role-moderator = moderator
reg-role-admin = admin

## Vocabularies: entry kinds and statuses

reg-entry-kind-practice = Practice
reg-entry-kind-need = City need
reg-entry-kind-network = Network or project
reg-entry-kind-instrument = Directory instrument
reg-status-draft = Draft
reg-status-submitted = Submitted for review
reg-status-published = Published

## Vocabularies: policy areas

reg-policy-employment = Employment
reg-policy-education = Education
reg-policy-social_inclusion = Social inclusion
reg-policy-housing = Housing
reg-policy-health = Health
reg-policy-active_citizenship = Active citizenship
reg-policy-language = Language learning
reg-policy-reception = Reception and orientation
reg-policy-anti_discrimination = Anti-discrimination
reg-policy-governance = Governance, data and monitoring

## Vocabularies: target groups

reg-audience-all_residents = All residents
reg-audience-foreign_citizens = Foreign citizens
reg-audience-eu_citizens = Citizens of other EU countries
reg-audience-non_eu_citizens = Non-EU citizens (third-country nationals)
reg-audience-foreign_born = Foreign-born residents
reg-audience-second_generation = Native-born with migrant parents
reg-audience-refugees = Refugees and beneficiaries of international protection
reg-audience-asylum_seekers = Asylum seekers
reg-audience-undocumented = Undocumented migrants
reg-audience-women = Women
reg-audience-youth = Young people
reg-audience-children = Children
reg-audience-older_people = Older people

## Vocabularies: evidence

reg-evidence-none = No evaluation yet
reg-evidence-monitoring = Monitoring data (outputs, participants)
reg-evidence-evaluation = Evaluation (before/after, qualitative or quantitative)
reg-evidence-counterfactual = Impact evaluation with a comparison group

## Vocabularies: needs and networks

reg-need-kind-data = Data
reg-need-kind-indicator = Indicators and definitions
reg-need-kind-tool = Software or tool
reg-need-kind-method = Method (estimation, evaluation)
reg-need-kind-practice = A practice to learn from
reg-network-kind-network = Network
reg-network-kind-project = Project

## Vocabularies: the directory

reg-instrument-kind-data_source = Database or dataset
reg-instrument-kind-survey = Survey
reg-instrument-kind-indicator_set = Indicator set
reg-instrument-kind-policy_index = Policy index or benchmark
reg-instrument-kind-practice_database = Practice database or network
reg-instrument-kind-classification = Classification or typology
reg-instrument-kind-software = Software
reg-instrument-kind-method = Method or guidelines
reg-geo-level-any = Any level (software, methods)
reg-geo-level-international = World regions or international
reg-geo-level-country = Country
reg-geo-level-nuts1 = NUTS 1 regions
reg-geo-level-nuts2 = NUTS 2 regions
reg-geo-level-nuts3 = NUTS 3 regions
reg-geo-level-degurba = Degree of urbanisation
reg-geo-level-city = Cities
reg-geo-level-fua = Functional urban areas
reg-geo-level-lau = Municipalities (LAU)
reg-geo-level-grid = Grid cells
reg-access-open = Open, no registration
reg-access-registration = Free after registration
reg-access-on_request = On request (research proposal or agreement)
reg-access-licence = Licence or fee
