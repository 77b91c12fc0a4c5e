//! Signed-in registry pages: login and logout, the editor forms, moderation, the audit log,
//! user management and bulk import. Every POST goes through [`super::posted`] (session and CSRF
//! token checked) and every change through the store's permission checks.

use axum::extract::{Path, Request};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maud::{html, Markup};

use civis_registry::auth::password::check_policy;
use civis_registry::auth::{Action, Role, Target};
use civis_registry::exchange::{import_csv, import_json, Imported};
use civis_registry::repo::{self, Actor, RepoError};
use civis_registry::{
    Area, Audience, EntryKind, Evidence, FieldError, Invalid, Need, NeedForm, NeedKind, Network,
    NetworkForm, NetworkKind, PolicyArea, Practice, PracticeForm, Status,
};

use super::browse::indicator_options;
use super::{
    csrf_field, entry_languages, form_from, html_page, json, options, posted, problem, role_label,
    see_other, session_cookie, visit, when, when_text, Problem, Registry, Term, Visit, FORM_LIMIT,
    IMPORT_LIMIT,
};
use crate::i18n::{self, href, t, t_args};

// ---------------------------------------------------------------------------------------------
// Login and logout

fn login_html(v: &Visit, status: StatusCode, email: &str, error: Option<&str>) -> Response {
    html_page(
        status,
        v,
        &t("reg-sign-in"),
        "/registry/login",
        false,
        html! {
            h1 { (t("reg-sign-in")) }
            p { (t("reg-login-lead")) }
            @if let Some(e) = error { p.error role="alert" id="login-error" { (e) } }
            form method="post" action=(href("/registry/login")) id="login-form" {
                (csrf_field(v))
                p { label for="email" { (t("reg-email")) } input type="email" id="email" name="email" autocomplete="username" required value=(email); }
                p { label for="password" { (t("reg-password")) } input type="password" id="password" name="password" autocomplete="current-password" required; }
                p { button type="submit" id="login-submit" { (t("reg-sign-in")) } }
            }
        },
    )
}

/// `GET /registry/login`.
pub async fn login_form(reg: Registry, headers: HeaderMap) -> Result<Response, Problem> {
    let v = visit(&reg, &headers, true).await?;
    Ok(login_html(&v, StatusCode::OK, "", None))
}

/// `POST /registry/login`: fields `email`, `password`, `csrf`. Success replaces the session
/// (a new token) and redirects to the registry.
pub async fn login(reg: Registry, req: Request) -> Result<Response, Problem> {
    let p = posted(&reg, req, FORM_LIMIT).await?;
    let email = p.get("email").to_owned();
    let password = p.get("password").to_owned();
    let client = p.client.clone();
    let old = p.token.clone();
    let signed_in = async {
        let attempt = reg
            .run(move |db, reg| {
                repo::begin_login(db, &email, &client, &reg.0.config.throttle, reg.now())
            })
            .await?;
        // the password is checked outside the database, on the bounded pool
        let hash = attempt.hash().to_owned();
        let verified = reg.hashing(move |h| h.verify(&password, &hash)).await?;
        reg.run(move |db, reg| -> Result<_, RepoError> {
            let now = reg.now();
            let user = repo::finish_login(db, attempt, verified, now)?;
            if let Some(t) = &old {
                repo::end_session(db, t, now)?;
            }
            let (token, _) = repo::start_session(db, Some(user.id), now)?;
            Ok(session_cookie(reg, &token))
        })
        .await
    };
    match signed_in.await {
        Ok(cookie) => Ok(see_other("/registry", Some(&cookie))),
        Err(Problem::Store(RepoError::Locked(l))) => Ok(login_html(
            &p.visit,
            StatusCode::TOO_MANY_REQUESTS,
            p.get("email"),
            Some(&t_args(
                "reg-login-locked",
                &[("until", when_text(l.until).into())],
            )),
        )),
        Err(Problem::Store(RepoError::BadCredentials)) => Ok(login_html(
            &p.visit,
            StatusCode::UNAUTHORIZED,
            p.get("email"),
            Some(&t("reg-login-failed")),
        )),
        Err(e) => Err(e),
    }
}

/// `POST /registry/logout`.
pub async fn logout(reg: Registry, req: Request) -> Result<Response, Problem> {
    let p = posted(&reg, req, FORM_LIMIT).await?;
    if let Some(t) = p.token.clone() {
        // the session may be gone already: signing out succeeds all the same
        reg.run(move |db, reg| -> Result<(), RepoError> {
            let _ = repo::end_session(db, &t, reg.now());
            Ok(())
        })
        .await?;
    }
    Ok(see_other("/registry", Some(&super::clear_cookie(&reg))))
}

// ---------------------------------------------------------------------------------------------
// Entry forms

fn field_error(errors: &[FieldError], field: &str) -> Markup {
    html! {
        @for e in errors.iter().filter(|e| e.field == field) {
            span.error id={ (field) "-error" } role="alert" { (field_message(&e.message)) }
        }
    }
}

/// A validation message of `civis-registry` in the page's language: the messages the entry
/// forms give are translated (`reg-invalid-*`, their values kept), any other is shown as
/// written, marked English.
fn field_message(message: &str) -> Markup {
    let translated = match message {
        "is required" => Some(t("reg-invalid-required")),
        "must be one line without control characters" => Some(t("reg-invalid-one-line")),
        "contains control characters" => Some(t("reg-invalid-control")),
        "choose at least one policy area" => Some(t("reg-invalid-no-policy-area")),
        m => translated_pattern(m),
    };
    match translated {
        Some(text) => html! { (text) },
        None => html! { span lang=[super::kept_english()] { (message) } },
    }
}

/// The messages with a value: `is longer than 200 characters`, `` `19x` is not a year
/// (1950-2100) ``, `ends (2019) before it starts (2020)`, `` `x` is not one of a, b ``.
fn translated_pattern(m: &str) -> Option<String> {
    // the text before the value, after it, the message and its placeable
    const ONE_VALUE: [(&str, &str, &str, &str); 2] = [
        (
            "is longer than ",
            " characters",
            "reg-invalid-too-long",
            "max",
        ),
        (
            "`",
            "` is not a year (1950-2100)",
            "reg-invalid-year",
            "value",
        ),
    ];
    for (before, after, key, name) in ONE_VALUE {
        if let Some(v) = m.strip_prefix(before).and_then(|r| r.strip_suffix(after)) {
            return Some(t_args(key, &[(name, v.to_owned().into())]));
        }
    }
    if let Some((to, from)) = m
        .strip_prefix("ends (")
        .and_then(|r| r.strip_suffix(')'))
        .and_then(|r| r.split_once(") before it starts ("))
    {
        return Some(t_args(
            "reg-invalid-period",
            &[
                ("to", to.to_owned().into()),
                ("from", from.to_owned().into()),
            ],
        ));
    }
    let (value, codes) = m.strip_prefix('`')?.split_once("` is not one of ")?;
    Some(t_args(
        "reg-invalid-code",
        &[
            ("value", value.to_owned().into()),
            ("codes", codes.to_owned().into()),
        ],
    ))
}

/// The list of a form's errors above it, each linking to its field.
fn error_summary(errors: &[FieldError]) -> Markup {
    html! {
        @if !errors.is_empty() {
            div.error-summary role="alert" id="error-summary" {
                p { (t_args("reg-please-correct", &[("count", errors.len().into())])) }
                ul { @for e in errors { li { a href={ "#" (e.field) } { (field_name(&e.field)) } ": " (field_message(&e.message)) } } }
            }
        }
    }
}

/// A form field's name in the page's language (`reg-field-<field>`; the id itself for a field
/// without one).
fn field_name(field: &str) -> String {
    let key = format!("reg-field-{field}");
    if i18n::has(&key) {
        t(&key)
    } else {
        field.to_owned()
    }
}

/// The two buttons of an entry form.
fn save_buttons() -> Markup {
    html! {
        p { button type="submit" id="save" name="then" value="save" { (t("reg-save-draft")) } " "
            button type="submit" id="save-submit" name="then" value="submit" { (t("reg-save-and-submit")) } }
    }
}

fn text_input(id: &str, label: &str, value: &str, errors: &[FieldError], hint: &str) -> Markup {
    html! {
        p.field {
            label for=(id) { (label) }
            @if !hint.is_empty() { span.hint id={ (id) "-hint" } { (hint) } }
            input type="text" id=(id) name=(id) value=(value);
            (field_error(errors, id))
        }
    }
}

fn textarea(id: &str, label: &str, value: &str, errors: &[FieldError], rows: u32) -> Markup {
    html! {
        p.field {
            label for=(id) { (label) }
            textarea id=(id) name=(id) rows=(rows) { (value) }
            (field_error(errors, id))
        }
    }
}

fn checkboxes<S: AsRef<str>>(
    name: &str,
    legend: &str,
    options: &[(&str, S)],
    chosen: &[String],
    errors: &[FieldError],
) -> Markup {
    html! {
        fieldset.field {
            legend { (legend) }
            @for (code, label) in options {
                @let id = format!("{name}-{code}");
                span.choice {
                    @if chosen.iter().any(|c| c == code) {
                        input type="checkbox" id=(id) name=(name) value=(code) checked;
                    } @else {
                        input type="checkbox" id=(id) name=(name) value=(code);
                    }
                    label for=(id) { (label.as_ref()) }
                }
            }
            (field_error(errors, name))
        }
    }
}

fn select_one<S: AsRef<str>>(
    id: &str,
    label: &str,
    options: &[(&str, S)],
    chosen: &str,
    errors: &[FieldError],
) -> Markup {
    html! {
        p.field {
            label for=(id) { (label) }
            select id=(id) name=(id) {
                @for (code, text) in options {
                    @if *code == chosen { option value=(code) selected { (text.as_ref()) } } @else { option value=(code) { (text.as_ref()) } }
                }
            }
            (field_error(errors, id))
        }
    }
}

fn practice_form_html(
    reg: &Registry,
    v: &Visit,
    action: &str,
    f: &PracticeForm,
    errors: &[FieldError],
) -> Markup {
    let inds = indicator_options(reg.data());
    let language = entry_language(&f.language);
    html! {
        (error_summary(errors))
        form method="post" action=(href(action)) id="practice-form" {
            (csrf_field(v))
            (text_input("title", &t("reg-field-title"), &f.title, errors, ""))
            (text_input("area", &t("reg-field-area"), &f.area, errors, &t("reg-hint-area")))
            (text_input("period_from", &t("reg-label-running-since"), &f.period_from, errors, ""))
            (text_input("period_to", &t("reg-label-until"), &f.period_to, errors, ""))
            (checkboxes("policy_areas", &t("reg-field-policy_areas"), &options::<PolicyArea>(), &f.policy_areas, errors))
            (checkboxes("target_groups", &t("reg-field-target_groups"), &options::<Audience>(), &f.target_groups, errors))
            (checkboxes("indicators", &t("reg-label-practice-indicators"), &inds, &f.indicators, errors))
            (textarea("description", &t("reg-what-the-city-did"), &f.description, errors, 8))
            (textarea("results", &t("reg-label-results"), &f.results, errors, 5))
            (select_one("evidence", &t("reg-field-evidence"), &options::<Evidence>(), if f.evidence.is_empty() { "none" } else { &f.evidence }, errors))
            (textarea("transferability", &t("reg-label-transferability"), &f.transferability, errors, 4))
            (textarea("costs", &t("reg-field-costs"), &f.costs, errors, 2))
            (textarea("contacts", &t("reg-field-contacts"), &f.contacts, errors, 2))
            (textarea("links", &t("reg-label-links"), &f.links.join("\n"), errors, 3))
            (select_one("language", &t("reg-field-language"), &entry_languages(), language, errors))
            (save_buttons())
        }
    }
}

fn need_form_html(
    reg: &Registry,
    v: &Visit,
    action: &str,
    f: &NeedForm,
    errors: &[FieldError],
) -> Markup {
    let inds = indicator_options(reg.data());
    let language = entry_language(&f.language);
    html! {
        (error_summary(errors))
        form method="post" action=(href(action)) id="need-form" {
            (csrf_field(v))
            (text_input("title", &t("reg-field-title"), &f.title, errors, ""))
            (text_input("area", &t("reg-field-area"), &f.area, errors, "AT13, DE001C1"))
            (select_one("kind", &t("reg-label-what-is-needed"), &options::<NeedKind>(), if f.kind.is_empty() { "data" } else { &f.kind }, errors))
            (checkboxes("policy_areas", &t("reg-field-policy_areas"), &options::<PolicyArea>(), &f.policy_areas, errors))
            (checkboxes("indicators", &t("reg-field-indicators"), &inds, &f.indicators, errors))
            (textarea("description", &t("reg-field-description"), &f.description, errors, 6))
            (textarea("contacts", &t("reg-field-contacts"), &f.contacts, errors, 2))
            (select_one("language", &t("reg-field-language"), &entry_languages(), language, errors))
            (save_buttons())
        }
    }
}

/// The signed-in visit of a form page, or the login page.
async fn signed_in(reg: &Registry, headers: &HeaderMap) -> Result<Visit, Problem> {
    let v = visit(reg, headers, true).await?;
    if v.user.is_none() {
        return Err(Problem::SignIn {
            set_cookie: v.set_cookie,
        });
    }
    Ok(v)
}

/// `GET /registry/practices/new`.
pub async fn new_practice(reg: Registry, headers: HeaderMap) -> Result<Response, Problem> {
    let v = signed_in(&reg, &headers).await?;
    let f = PracticeForm {
        area: v
            .user
            .as_ref()
            .and_then(|u| u.areas.first())
            .map(|a| a.to_string())
            .unwrap_or_default(),
        ..Default::default()
    };
    let form = practice_form_html(&reg, &v, "/registry/practices", &f, &[]);
    Ok(html_page(
        StatusCode::OK,
        &v,
        &t("reg-record-practice"),
        "/registry/practices/new",
        false,
        html! { h1 { (t("reg-record-practice")) } (form) },
    ))
}

/// Saves a new entry or a change, then submits it when asked (`then=submit`).
async fn save<T>(
    reg: &Registry,
    p: &super::Posted,
    id: Option<i64>,
    content: T,
) -> Result<i64, Problem>
where
    T: civis_registry::exchange::Exchangeable + Send + 'static,
{
    let user = p.visit.user.clone();
    let submit = p.get("then") == "submit";
    reg.run(move |db, reg| -> Result<i64, RepoError> {
        let actor = user.as_ref().map_or(Actor::Anonymous, Actor::User);
        let now = reg.now();
        let e = match id {
            None => repo::create(db, &actor, content, Status::Draft, now)?,
            Some(id) => repo::update(db, &actor, id, content, now)?,
        };
        if submit && e.status == Status::Draft {
            repo::transition(db, &actor, e.id, Action::Submit, "", now)?;
        }
        Ok(e.id)
    })
    .await
}

/// `POST /registry/practices` and `POST /registry/practices/{id}/edit`.
async fn post_practice(reg: Registry, req: Request, id: Option<i64>) -> Result<Response, Problem> {
    let p = posted(&reg, req, FORM_LIMIT).await?;
    if p.visit.user.is_none() {
        return Err(Problem::from(RepoError::Forbidden));
    }
    let form: PracticeForm = match form_from(&p.fields) {
        Ok(f) => f,
        Err(e) => {
            return Err(problem(
                StatusCode::BAD_REQUEST,
                &t("reg-error-invalid-form"),
                &e,
            ))
        }
    };
    let action = id.map_or("/registry/practices".to_owned(), |i| {
        format!("/registry/practices/{i}/edit")
    });
    match form.validate(&reg.0.known) {
        Err(Invalid(errors)) => {
            let body = practice_form_html(&reg, &p.visit, &action, &form, &errors);
            Ok(html_page(
                StatusCode::UNPROCESSABLE_ENTITY,
                &p.visit,
                &t("reg-record-practice"),
                &action,
                false,
                html! { h1 { (t("reg-record-practice")) } (body) },
            ))
        }
        Ok(content) => {
            let id = save(&reg, &p, id, content).await?;
            Ok(see_other(&format!("/registry/practices/{id}"), None))
        }
    }
}

pub async fn create_practice(reg: Registry, req: Request) -> Result<Response, Problem> {
    post_practice(reg, req, None).await
}

pub async fn update_practice(
    reg: Registry,
    Path(id): Path<i64>,
    req: Request,
) -> Result<Response, Problem> {
    post_practice(reg, req, Some(id)).await
}

/// Loads entry `id` for the edit form of the signed-in user of `v`, refused unless they may edit
/// it (`area` is the entry's area, which decides whether an editor is local).
async fn editable<T>(
    reg: &Registry,
    v: &Visit,
    id: i64,
    kind: EntryKind,
    area: fn(&T) -> civis_registry::Area,
) -> Result<civis_registry::Entry<T>, Problem>
where
    T: civis_registry::exchange::Exchangeable + serde::de::DeserializeOwned + Send + 'static,
{
    let user = v.user.clone();
    reg.run(move |db, _| -> Result<_, RepoError> {
        let actor = user.as_ref().map_or(Actor::Anonymous, Actor::User);
        let e = repo::get::<T>(db, &actor, id)?;
        let target = Target::Entry {
            kind,
            area: Some(area(&e.content)),
            status: e.status,
        };
        if !actor.may(Action::Edit, target) {
            return Err(RepoError::Forbidden);
        }
        Ok(e)
    })
    .await
}

/// `GET /registry/practices/{id}/edit`.
pub async fn edit_practice(
    reg: Registry,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let v = signed_in(&reg, &headers).await?;
    let e = editable::<Practice>(&reg, &v, id, EntryKind::Practice, |c| c.area).await?;
    let action = format!("/registry/practices/{id}/edit");
    let form = practice_form_html(&reg, &v, &action, &e.content.to_form(), &[]);
    Ok(html_page(
        StatusCode::OK,
        &v,
        &t("reg-edit-practice"),
        &action,
        false,
        html! { h1 { (t("reg-edit-heading")) " " span lang=(e.content.language.0.code()) { (e.content.title) } } (form) },
    ))
}

/// `GET /registry/needs/new`.
pub async fn new_need(reg: Registry, headers: HeaderMap) -> Result<Response, Problem> {
    let v = signed_in(&reg, &headers).await?;
    let f = NeedForm {
        area: v
            .user
            .as_ref()
            .and_then(|u| u.areas.first())
            .map(|a| a.to_string())
            .unwrap_or_default(),
        ..Default::default()
    };
    let form = need_form_html(&reg, &v, "/registry/needs", &f, &[]);
    Ok(html_page(
        StatusCode::OK,
        &v,
        &t("reg-record-need"),
        "/registry/needs/new",
        false,
        html! { h1 { (t("reg-record-need")) } (form) },
    ))
}

async fn post_need(reg: Registry, req: Request, id: Option<i64>) -> Result<Response, Problem> {
    let p = posted(&reg, req, FORM_LIMIT).await?;
    if p.visit.user.is_none() {
        return Err(Problem::from(RepoError::Forbidden));
    }
    let form: NeedForm = match form_from(&p.fields) {
        Ok(f) => f,
        Err(e) => {
            return Err(problem(
                StatusCode::BAD_REQUEST,
                &t("reg-error-invalid-form"),
                &e,
            ))
        }
    };
    let action = id.map_or("/registry/needs".to_owned(), |i| {
        format!("/registry/needs/{i}/edit")
    });
    match form.validate(&reg.0.known) {
        Err(Invalid(errors)) => {
            let body = need_form_html(&reg, &p.visit, &action, &form, &errors);
            Ok(html_page(
                StatusCode::UNPROCESSABLE_ENTITY,
                &p.visit,
                &t("reg-record-need"),
                &action,
                false,
                html! { h1 { (t("reg-record-need")) } (body) },
            ))
        }
        Ok(content) => {
            let id = save(&reg, &p, id, content).await?;
            Ok(see_other(&format!("/registry/needs/{id}"), None))
        }
    }
}

pub async fn create_need(reg: Registry, req: Request) -> Result<Response, Problem> {
    post_need(reg, req, None).await
}

pub async fn update_need(
    reg: Registry,
    Path(id): Path<i64>,
    req: Request,
) -> Result<Response, Problem> {
    post_need(reg, req, Some(id)).await
}

/// `GET /registry/needs/{id}/edit`.
pub async fn edit_need(
    reg: Registry,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let v = signed_in(&reg, &headers).await?;
    let e = editable::<Need>(&reg, &v, id, EntryKind::Need, |c| c.area).await?;
    let action = format!("/registry/needs/{id}/edit");
    let form = need_form_html(&reg, &v, &action, &e.content.to_form(), &[]);
    Ok(html_page(
        StatusCode::OK,
        &v,
        &t("reg-edit-need"),
        &action,
        false,
        html! { h1 { (t("reg-edit-heading")) " " span lang=(e.content.language.0.code()) { (e.content.title) } } (form) },
    ))
}

fn network_form_html(v: &Visit, action: &str, f: &NetworkForm, errors: &[FieldError]) -> Markup {
    html! {
        (error_summary(errors))
        form method="post" action=(href(action)) id="network-form" {
            (csrf_field(v))
            (text_input("name", &t("reg-field-name"), &f.name, errors, ""))
            (select_one("kind", &t("reg-label-network-or-project"), &options::<NetworkKind>(), if f.kind.is_empty() { "network" } else { &f.kind }, errors))
            (text_input("period_from", &t("reg-label-since"), &f.period_from, errors, ""))
            (text_input("period_to", &t("reg-label-until"), &f.period_to, errors, ""))
            (textarea("members", &t("reg-label-members"), &f.members.join("\n"), errors, 5))
            (checkboxes("policy_areas", &t("reg-field-policy_areas"), &options::<PolicyArea>(), &f.policy_areas, errors))
            (textarea("description", &t("reg-field-description"), &f.description, errors, 6))
            (text_input("link", &t("reg-field-link"), &f.link, errors, "https://..."))
            (save_buttons())
        }
    }
}

/// `GET /registry/networks/new` (moderators and admins).
pub async fn new_network(reg: Registry, headers: HeaderMap) -> Result<Response, Problem> {
    let v = signed_in(&reg, &headers).await?;
    let target = Target::Entry {
        kind: EntryKind::Network,
        area: None,
        status: Status::Draft,
    };
    if !v.actor().may(Action::Create, target) {
        return Err(Problem::from(RepoError::Forbidden));
    }
    let form = network_form_html(&v, "/registry/networks", &NetworkForm::default(), &[]);
    Ok(html_page(
        StatusCode::OK,
        &v,
        &t("reg-record-network-or-project"),
        "/registry/networks/new",
        false,
        html! { h1 { (t("reg-record-network-or-project")) } (form) },
    ))
}

async fn post_network(reg: Registry, req: Request, id: Option<i64>) -> Result<Response, Problem> {
    let p = posted(&reg, req, FORM_LIMIT).await?;
    if p.visit.user.is_none() {
        return Err(Problem::from(RepoError::Forbidden));
    }
    let form: NetworkForm = match form_from(&p.fields) {
        Ok(f) => f,
        Err(e) => {
            return Err(problem(
                StatusCode::BAD_REQUEST,
                &t("reg-error-invalid-form"),
                &e,
            ))
        }
    };
    let action = id.map_or("/registry/networks".to_owned(), |i| {
        format!("/registry/networks/{i}/edit")
    });
    match form.validate() {
        Err(Invalid(errors)) => {
            let body = network_form_html(&p.visit, &action, &form, &errors);
            Ok(html_page(
                StatusCode::UNPROCESSABLE_ENTITY,
                &p.visit,
                &t("reg-record-network-or-project"),
                &action,
                false,
                html! { h1 { (t("reg-record-network-or-project")) } (body) },
            ))
        }
        Ok(content) => {
            let id = save(&reg, &p, id, content).await?;
            Ok(see_other(&format!("/registry/networks/{id}"), None))
        }
    }
}

pub async fn create_network(reg: Registry, req: Request) -> Result<Response, Problem> {
    post_network(reg, req, None).await
}

pub async fn update_network(
    reg: Registry,
    Path(id): Path<i64>,
    req: Request,
) -> Result<Response, Problem> {
    post_network(reg, req, Some(id)).await
}

/// `GET /registry/networks/{id}/edit`.
pub async fn edit_network(
    reg: Registry,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let v = signed_in(&reg, &headers).await?;
    let user = v.user.clone();
    let e = reg
        .run(move |db, _| -> Result<_, RepoError> {
            let actor = user.as_ref().map_or(Actor::Anonymous, Actor::User);
            let e = repo::get::<Network>(db, &actor, id)?;
            let target = Target::Entry {
                kind: EntryKind::Network,
                area: None,
                status: e.status,
            };
            if !actor.may(Action::Edit, target) {
                return Err(RepoError::Forbidden);
            }
            Ok(e)
        })
        .await?;
    let action = format!("/registry/networks/{id}/edit");
    let form = network_form_html(&v, &action, &e.content.to_form(), &[]);
    Ok(html_page(
        StatusCode::OK,
        &v,
        &t("reg-edit-network"),
        &action,
        false,
        html! { h1 { (t("reg-edit-heading")) " " (e.content.name) } (form) },
    ))
}

/// `POST /registry/entries/{id}/{submit|publish|reject|delete}` (field `note` for reject).
pub async fn transition(
    reg: Registry,
    Path((id, action)): Path<(i64, String)>,
    req: Request,
) -> Result<Response, Problem> {
    let p = posted(&reg, req, FORM_LIMIT).await?;
    let action = match action.as_str() {
        "submit" => Action::Submit,
        "publish" => Action::Publish,
        "reject" => Action::Reject,
        "delete" => Action::Delete,
        _ => {
            return Err(problem(
                StatusCode::NOT_FOUND,
                &t("reg-error-not-found"),
                &t("reg-no-such-action"),
            ))
        }
    };
    let note: String = p.get("note").chars().take(2_000).collect();
    let user = p.visit.user.clone();
    let result = reg
        .run(move |db, reg| -> Result<String, RepoError> {
            let actor = user.as_ref().map_or(Actor::Anonymous, Actor::User);
            if action == Action::Delete {
                repo::delete(db, &actor, id, reg.now())?;
                Ok("/registry".into())
            } else {
                let e = repo::transition(db, &actor, id, action, &note, reg.now())?;
                Ok(super::browse::url_of(&e))
            }
        })
        .await?;
    Ok(see_other(&result, None))
}

// ---------------------------------------------------------------------------------------------
// Moderation, audit, users, import

/// `GET /registry/moderation`: submitted entries, oldest first, with publish / reject buttons.
pub async fn moderation(reg: Registry, headers: HeaderMap) -> Result<Response, Problem> {
    let v = signed_in(&reg, &headers).await?;
    let user = v.user.clone();
    let queue = reg
        .run(move |db, _| {
            repo::moderation_queue(db, &user.as_ref().map_or(Actor::Anonymous, Actor::User))
        })
        .await?;
    let d = reg.data();
    Ok(html_page(
        StatusCode::OK,
        &v,
        &t("reg-moderation"),
        "/registry/moderation",
        false,
        html! {
            h1 { (t("reg-waiting-for-review")) }
            @if queue.is_empty() { p.empty { (t("reg-nothing-to-review")) } }
            table.queue {
                @if !queue.is_empty() {
                    thead { tr { th scope="col" { (t("reg-entry")) } th scope="col" { (t("reg-area")) } th scope="col" { (t("reg-submitted")) } th scope="col" { (t("reg-decision")) } } }
                }
                tbody {
                    @for e in &queue {
                        tr {
                            th scope="row" { span.badge { (e.kind.text()) } " " a href=(href(&super::browse::url_of(e))) { (e.title) } }
                            td { @if let Some(a) = e.area { (crate::i18n::display_name(d, &a.to_string())) " (" (a) ")" } }
                            td { (when(e.updated_at)) }
                            td {
                                form.inline method="post" action=(href(&format!("/registry/entries/{}/publish", e.id))) {
                                    (csrf_field(&v))
                                    button type="submit" id={ "publish-" (e.id) } { (t("reg-publish")) }
                                }
                                form.inline method="post" action=(href(&format!("/registry/entries/{}/reject", e.id))) {
                                    (csrf_field(&v))
                                    label for={ "note-" (e.id) } { (t("reg-note")) }
                                    input type="text" id={ "note-" (e.id) } name="note";
                                    button type="submit" id={ "reject-" (e.id) } { (t("reg-send-back")) }
                                }
                            }
                        }
                    }
                }
            }
        },
    ))
}

async fn audit_records(
    reg: &Registry,
    headers: &HeaderMap,
) -> Result<(Visit, Vec<civis_registry::audit::AuditRecord>), Problem> {
    let v = visit(reg, headers, false).await?;
    let user = v.user.clone();
    let log = reg
        .run(move |db, _| {
            repo::audit_log(
                db,
                &user.as_ref().map_or(Actor::Anonymous, Actor::User),
                None,
                500,
            )
        })
        .await?;
    Ok((v, log))
}

/// `GET /registry/audit`: every change, newest first (moderators and admins).
pub async fn audit_page(reg: Registry, headers: HeaderMap) -> Result<Response, Problem> {
    let (v, log) = audit_records(&reg, &headers).await?;
    Ok(html_page(
        StatusCode::OK,
        &v,
        &t("reg-audit-log"),
        "/registry/audit",
        false,
        html! {
            h1 { (t("reg-audit-log")) }
            p { (t("reg-audit-lead")) " " a href="/registry/audit.json" { "JSON" } " " (t("reg-audit-json")) }
            table.audit {
                thead { tr { th scope="col" { (t("reg-audit-when")) } th scope="col" { (t("reg-audit-who")) } th scope="col" { (t("reg-audit-what")) } th scope="col" { (t("reg-audit-subject")) } th scope="col" { (t("reg-audit-changed")) } th scope="col" { (t("reg-note")) } } }
                tbody {
                    @for r in &log {
                        tr {
                            td { (when(r.at)) }
                            td { (r.actor) }
                            td { (r.action.code()) }
                            td { (serde_json::to_string(&r.subject).unwrap_or_default()) }
                            td { (r.changed_fields().join(", ")) }
                            td { (r.note) }
                        }
                    }
                }
            }
        },
    ))
}

/// `GET /registry/audit.json`.
pub async fn audit_json(reg: Registry, headers: HeaderMap) -> Result<Response, Problem> {
    match audit_records(&reg, &headers).await {
        Ok((_, log)) => Ok(json(&log)),
        Err(r) => Err(r),
    }
}

fn users_html(v: &Visit, users: &[civis_registry::auth::User], error: Option<&str>) -> Markup {
    let roles: Vec<(&str, String)> = Role::ALL
        .iter()
        .map(|r| (r.code(), role_label(*r)))
        .collect();
    html! {
        h1 { (t("reg-users")) }
        // the store's and the password policy's explanations, as written (English)
        @if let Some(e) = error { p.error role="alert" lang=[super::kept_english()] { (e) } }
        table.users {
            thead { tr { th scope="col" { (t("reg-email-short")) } th scope="col" { (t("reg-role-areas-active")) } } }
            tbody {
                @for u in users {
                    tr {
                        th scope="row" { (u.email.as_str()) }
                        td {
                            form.inline method="post" action=(href(&format!("/registry/admin/users/{}", u.id))) {
                                (csrf_field(v))
                                (select_one(&format!("role-{}", u.id), &t("reg-role"), &roles, u.role.code(), &[]))
                                (text_input(&format!("areas-{}", u.id), &t("reg-areas"), &u.areas.iter().map(|a| a.to_string()).collect::<Vec<_>>().join(" "), &[], ""))
                                label for={ "active-" (u.id) } { (t("reg-active")) }
                                @if u.active { input type="checkbox" id={ "active-" (u.id) } name="active" value="1" checked; } @else { input type="checkbox" id={ "active-" (u.id) } name="active" value="1"; }
                                button type="submit" { (t("reg-save")) }
                            }
                        }
                    }
                }
            }
        }
        h2 { (t("reg-new-user")) }
        form method="post" action=(href("/registry/admin/users")) id="new-user-form" {
            (csrf_field(v))
            p { label for="new-email" { (t("reg-email")) } input type="email" id="new-email" name="email" required; }
            (select_one("role", &t("reg-role"), &roles, "editor", &[]))
            p { label for="new-areas" { (t("reg-new-user-areas")) } input type="text" id="new-areas" name="areas"; }
            p { label for="new-password" { (t("reg-new-user-password")) } input type="password" id="new-password" name="password" autocomplete="new-password" required; }
            button type="submit" id="create-user" { (t("reg-create")) }
        }
    }
}

async fn list_users(reg: &Registry, v: &Visit) -> Result<Vec<civis_registry::auth::User>, Problem> {
    let user = v.user.clone();
    reg.run(move |db, _| repo::users(db, &user.as_ref().map_or(Actor::Anonymous, Actor::User)))
        .await
}

/// `GET /registry/admin/users` (admins).
pub async fn users_page(reg: Registry, headers: HeaderMap) -> Result<Response, Problem> {
    let v = signed_in(&reg, &headers).await?;
    let users = list_users(&reg, &v).await?;
    Ok(html_page(
        StatusCode::OK,
        &v,
        &t("reg-users"),
        "/registry/admin/users",
        false,
        users_html(&v, &users, None),
    ))
}

fn parse_areas(raw: &str) -> Result<Vec<Area>, String> {
    civis_registry::fields::split_list(&raw.replace(' ', ","))
        .iter()
        .map(|a| Area::parse(a))
        .collect()
}

async fn users_fail(reg: &Registry, v: &Visit, msg: String) -> Result<Response, Problem> {
    let users = list_users(reg, v).await?;
    Ok(html_page(
        StatusCode::UNPROCESSABLE_ENTITY,
        v,
        &t("reg-users"),
        "/registry/admin/users",
        false,
        users_html(v, &users, Some(&msg)),
    ))
}

/// `POST /registry/admin/users`: fields `email`, `role`, `areas`, `password`.
pub async fn create_user(reg: Registry, req: Request) -> Result<Response, Problem> {
    let p = posted(&reg, req, FORM_LIMIT).await?;
    let email = match civis_registry::Email::parse(p.get("email")) {
        Ok(e) => e,
        Err(m) => return users_fail(&reg, &p.visit, m).await,
    };
    let role = match Role::parse(p.get("role")) {
        Ok(r) => r,
        Err(m) => return users_fail(&reg, &p.visit, m).await,
    };
    let areas = match parse_areas(p.get("areas")) {
        Ok(a) => a,
        Err(m) => return users_fail(&reg, &p.visit, format!("areas: {m}")).await,
    };
    let password = p.get("password").to_owned();
    if let Err(m) = check_policy(&password, email.as_str()) {
        return users_fail(&reg, &p.visit, format!("password {m}")).await;
    }
    let user = p.visit.user.clone();
    if !p.visit.actor().may(Action::Create, Target::Users) {
        return Err(Problem::from(RepoError::Forbidden));
    }
    // hashed outside the database lock, on the bounded pool
    let hash = reg
        .hashing(move |h| h.hash(&password))
        .await?
        .map_err(RepoError::from)?;
    let r = reg
        .run(move |db, reg| -> Result<_, RepoError> {
            let actor = user.as_ref().map_or(Actor::Anonymous, Actor::User);
            repo::create_user(db, &actor, &email, role, &areas, &hash, reg.now())
        })
        .await;
    match r {
        Ok(_) => Ok(see_other("/registry/admin/users", None)),
        Err(Problem::Store(RepoError::Conflict(m))) => users_fail(&reg, &p.visit, m).await,
        Err(Problem::Store(RepoError::Invalid(i))) => {
            users_fail(&reg, &p.visit, i.to_string()).await
        }
        Err(e) => Err(e),
    }
}

/// `POST /registry/admin/users/{id}`: fields `role-{id}`, `areas-{id}`, `active`.
pub async fn update_user(
    reg: Registry,
    Path(id): Path<i64>,
    req: Request,
) -> Result<Response, Problem> {
    let p = posted(&reg, req, FORM_LIMIT).await?;
    let role = match Role::parse(p.get(&format!("role-{id}"))) {
        Ok(r) => r,
        Err(m) => return Err(invalid(&m)),
    };
    let areas = match parse_areas(p.get(&format!("areas-{id}"))) {
        Ok(a) => a,
        Err(m) => return Err(invalid(&m)),
    };
    let active = p.get("active") == "1";
    let user = p.visit.user.clone();
    reg.run(move |db, reg| {
        repo::update_user(
            db,
            &user.as_ref().map_or(Actor::Anonymous, Actor::User),
            id,
            role,
            &areas,
            active,
            reg.now(),
        )
    })
    .await?;
    Ok(see_other("/registry/admin/users", None))
}

fn import_html(v: &Visit, message: Option<&str>, problems: &[String]) -> Markup {
    let formats: Vec<(&str, String)> = ["json", "practices", "needs", "networks", "instruments"]
        .into_iter()
        .map(|f| (f, t(&format!("reg-import-format-{f}"))))
        .collect();
    html! {
        h1 { (t("reg-import-title")) }
        p { (t("reg-import-lead-json")) " " a href="/registry/export.json" { "/registry/export.json" } " " (t("reg-import-lead-csv")) " " a href="/registry/export/practices.csv" { "/registry/export/practices.csv" } ". " (t("reg-import-lead-all")) }
        @if let Some(m) = message { p.error role="alert" id="import-message" { (m) } }
        @if !problems.is_empty() { ul.error id="import-problems" lang=[super::kept_english()] { @for p in problems { li { (p) } } } }
        form method="post" action=(href("/registry/import")) id="import-form" {
            (csrf_field(v))
            (select_one("format", &t("reg-import-format"), &formats, "json", &[]))
            (select_one("status", &t("reg-import-status"), &options::<Status>(), "draft", &[]))
            p.field { label for="document" { (t("reg-import-document")) } textarea id="document" name="document" rows="16" {} }
            button type="submit" id="import-submit" { (t("reg-import")) }
        }
    }
}

/// `GET /registry/import` (moderators and admins).
pub async fn import_form(reg: Registry, headers: HeaderMap) -> Result<Response, Problem> {
    let v = signed_in(&reg, &headers).await?;
    if !v.actor().may(Action::Create, Target::Import) {
        return Err(Problem::from(RepoError::Forbidden));
    }
    Ok(html_page(
        StatusCode::OK,
        &v,
        &t("reg-import"),
        "/registry/import",
        false,
        import_html(&v, None, &[]),
    ))
}

/// `POST /registry/import`: fields `format`, `status`, `document`.
pub async fn import(reg: Registry, req: Request) -> Result<Response, Problem> {
    // who may import is known from the session: nobody else's body is read
    let may_import = |v: &super::Visit| v.actor().may(Action::Create, Target::Import);
    let p = super::posted_if(&reg, req, IMPORT_LIMIT, may_import).await?;
    let default = match Status::parse(p.get("status")) {
        Ok(s) => s,
        Err(m) => return Err(invalid(&m)),
    };
    let doc = p.get("document");
    let known = &reg.0.known;
    let empty = || Imported {
        practices: vec![],
        needs: vec![],
        networks: vec![],
        instruments: vec![],
    };
    let parsed = match p.get("format") {
        "json" => import_json(doc, known),
        "practices" => import_csv(doc, known).map(|v| Imported {
            practices: v,
            ..empty()
        }),
        "needs" => import_csv(doc, known).map(|v| Imported {
            needs: v,
            ..empty()
        }),
        "networks" => import_csv(doc, known).map(|v| Imported {
            networks: v,
            ..empty()
        }),
        "instruments" => import_csv(doc, known).map(|v| Imported {
            instruments: v,
            ..empty()
        }),
        other => {
            return Err(invalid(&t_args(
                "reg-import-unknown-format",
                &[("format", other.to_owned().into())],
            )))
        }
    };
    let items = match parsed {
        Ok(i) => i,
        Err(errs) => {
            let problems: Vec<String> = errs.0.iter().map(|e| e.to_string()).collect();
            return Ok(html_page(
                StatusCode::UNPROCESSABLE_ENTITY,
                &p.visit,
                &t("reg-import"),
                "/registry/import",
                false,
                import_html(&p.visit, Some(&t("reg-import-nothing")), &problems),
            ));
        }
    };
    let user = p.visit.user.clone();
    let file = format!("web import ({})", p.get("format"));
    match reg
        .run(move |db, reg| {
            repo::import(
                db,
                &user.as_ref().map_or(Actor::Anonymous, Actor::User),
                items,
                default,
                &file,
                reg.now(),
            )
        })
        .await
    {
        Ok(n) => Ok(html_page(
            StatusCode::OK,
            &p.visit,
            &t("reg-import"),
            "/registry/import",
            false,
            import_html(
                &p.visit,
                Some(&t_args("reg-import-done", &[("count", n.into())])),
                &[],
            ),
        )),
        Err(Problem::Store(RepoError::Conflict(m))) => Ok(html_page(
            StatusCode::CONFLICT,
            &p.visit,
            &t("reg-import"),
            "/registry/import",
            false,
            import_html(
                &p.visit,
                Some(&t_args("reg-import-conflict", &[("reason", m.into())])),
                &[],
            ),
        )),
        Err(e) => Err(e),
    }
}

/// A 422 for a refused value, the library's explanation as written.
fn invalid(reason: &str) -> Problem {
    problem(
        StatusCode::UNPROCESSABLE_ENTITY,
        &t("reg-error-invalid"),
        reason,
    )
}

/// The language of an entry form (English until chosen).
fn entry_language(chosen: &str) -> &str {
    if chosen.is_empty() {
        "en"
    } else {
        chosen
    }
}
