//! The permission model: one pure function, [`allowed`], decides whether an actor (a user or
//! nobody) may perform an [`Action`] on a [`Target`]. Every handler asks it; the tests below
//! enumerate the boundaries.
//!
//! The rules:
//! - everyone, signed in or not, reads published entries;
//! - drafts and submitted entries are read by moderators, admins and the editors of their place;
//! - practices and needs are created, edited and submitted by the editors of their place (and
//!   by moderators and admins); an editor may delete a draft of their place;
//! - networks and directory instruments are created and edited by moderators and admins;
//! - only moderators and admins publish, send back (reject), delete non-drafts, import in bulk
//!   and read the audit log;
//! - only admins manage users.
//!
//! A deactivated user counts as nobody.

use crate::fields::Area;
use crate::vocab::{EntryKind, Status};

use super::user::{Role, User};

/// Something a user may want to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Read,
    Create,
    Edit,
    /// Draft -> submitted for review.
    Submit,
    /// -> published.
    Publish,
    /// Submitted or published -> draft, with a note.
    Reject,
    Delete,
}

/// What an action is done to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    /// An existing entry, or (for [`Action::Create`]) the one about to be created; `status` is
    /// ignored for creation.
    Entry {
        kind: EntryKind,
        area: Option<Area>,
        status: Status,
    },
    /// The user list (create, edit, deactivate accounts).
    Users,
    /// The audit log.
    AuditLog,
    /// A bulk import of a registry file.
    Import,
}

/// Whether `actor` (`None` = anonymous) may do `action` to `target`.
pub fn allowed(actor: Option<&User>, action: Action, target: Target) -> bool {
    let actor = actor.filter(|u| u.active);
    let role = actor.map(|u| u.role);
    let staff = matches!(role, Some(Role::Moderator | Role::Admin));
    match target {
        Target::Users => role == Some(Role::Admin),
        Target::AuditLog | Target::Import => staff,
        Target::Entry { kind, area, status } => {
            let local_editor = match (actor, area) {
                (Some(u), Some(a)) => u.role == Role::Editor && u.answers_for(&a),
                _ => false,
            };
            let city_kind = matches!(kind, EntryKind::Practice | EntryKind::Need);
            match action {
                Action::Read => status == Status::Published || staff || local_editor,
                Action::Create | Action::Edit | Action::Submit => {
                    staff || (city_kind && local_editor)
                }
                Action::Delete => staff || (city_kind && local_editor && status == Status::Draft),
                Action::Publish | Action::Reject => staff,
            }
        }
    }
}

/// Why a status change is not possible.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a {from} entry cannot be {action}")]
pub struct WorkflowError {
    pub from: Status,
    pub action: &'static str,
}

/// The status after a moderation action, or why the action does not apply.
///
/// Draft -> submitted (submit) -> published (publish; a moderator may also publish a draft
/// directly); submitted or published -> draft (reject).
pub fn next_status(from: Status, action: Action) -> Result<Status, WorkflowError> {
    let err = |action| WorkflowError { from, action };
    match (action, from) {
        (Action::Submit, Status::Draft) => Ok(Status::Submitted),
        (Action::Submit, _) => Err(err("submitted")),
        (Action::Publish, Status::Draft | Status::Submitted) => Ok(Status::Published),
        (Action::Publish, Status::Published) => Err(err("published")),
        (Action::Reject, Status::Submitted | Status::Published) => Ok(Status::Draft),
        (Action::Reject, Status::Draft) => Err(err("rejected")),
        (_, s) => Ok(s),
    }
}

/// The status after an edit: an editor's change to a published entry goes back to review (the
/// public keeps seeing nothing unreviewed); a moderator's or admin's edit keeps the status.
pub fn status_after_edit(editor_role: Role, from: Status) -> Status {
    match (editor_role, from) {
        (Role::Editor, Status::Published) => Status::Submitted,
        (_, s) => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::Email;

    fn user(role: Role, areas: &[&str]) -> User {
        User {
            id: 1,
            email: Email::parse("u@city.eu").unwrap(),
            role,
            areas: areas.iter().map(|a| Area::parse(a).unwrap()).collect(),
            active: true,
        }
    }

    fn practice(area: &str, status: Status) -> Target {
        Target::Entry {
            kind: EntryKind::Practice,
            area: Some(Area::parse(area).unwrap()),
            status,
        }
    }

    #[test]
    fn anonymous_reads_published_only_and_changes_nothing() {
        assert!(allowed(
            None,
            Action::Read,
            practice("AT13", Status::Published)
        ));
        assert!(!allowed(
            None,
            Action::Read,
            practice("AT13", Status::Draft)
        ));
        assert!(!allowed(
            None,
            Action::Read,
            practice("AT13", Status::Submitted)
        ));
        for a in [
            Action::Create,
            Action::Edit,
            Action::Submit,
            Action::Publish,
            Action::Reject,
            Action::Delete,
        ] {
            assert!(!allowed(None, a, practice("AT13", Status::Draft)), "{a:?}");
        }
        assert!(!allowed(None, Action::Create, Target::Import));
        assert!(!allowed(None, Action::Read, Target::AuditLog));
    }

    #[test]
    fn editors_work_on_their_places_only() {
        let vienna = user(Role::Editor, &["AT13"]);
        assert!(allowed(
            Some(&vienna),
            Action::Create,
            practice("AT13", Status::Draft)
        ));
        assert!(allowed(
            Some(&vienna),
            Action::Edit,
            practice("AT130", Status::Draft)
        ));
        assert!(allowed(
            Some(&vienna),
            Action::Read,
            practice("AT13", Status::Draft)
        ));
        assert!(allowed(
            Some(&vienna),
            Action::Submit,
            practice("AT13", Status::Draft)
        ));
        assert!(allowed(
            Some(&vienna),
            Action::Delete,
            practice("AT13", Status::Draft)
        ));
        assert!(!allowed(
            Some(&vienna),
            Action::Delete,
            practice("AT13", Status::Published)
        ));
        // city B
        for a in [
            Action::Create,
            Action::Edit,
            Action::Submit,
            Action::Delete,
            Action::Read,
        ] {
            assert!(
                !allowed(Some(&vienna), a, practice("DE001C1", Status::Draft)),
                "{a:?}"
            );
        }
        // a region inside is not its parent
        assert!(!allowed(
            Some(&vienna),
            Action::Edit,
            practice("AT1", Status::Draft)
        ));
        // never publishes, not even their own
        assert!(!allowed(
            Some(&vienna),
            Action::Publish,
            practice("AT13", Status::Submitted)
        ));
        assert!(!allowed(
            Some(&vienna),
            Action::Reject,
            practice("AT13", Status::Published)
        ));
        // networks and the directory are staff work
        let network = Target::Entry {
            kind: EntryKind::Network,
            area: None,
            status: Status::Draft,
        };
        assert!(!allowed(Some(&vienna), Action::Create, network));
        assert!(!allowed(Some(&vienna), Action::Create, Target::Users));
        assert!(!allowed(Some(&vienna), Action::Create, Target::Import));
    }

    #[test]
    fn moderators_publish_admins_manage_users() {
        let m = user(Role::Moderator, &[]);
        let a = user(Role::Admin, &[]);
        for u in [&m, &a] {
            assert!(allowed(
                Some(u),
                Action::Publish,
                practice("DE001C1", Status::Submitted)
            ));
            assert!(allowed(
                Some(u),
                Action::Read,
                practice("DE001C1", Status::Draft)
            ));
            assert!(allowed(Some(u), Action::Read, Target::AuditLog));
            assert!(allowed(Some(u), Action::Create, Target::Import));
        }
        assert!(!allowed(Some(&m), Action::Edit, Target::Users));
        assert!(allowed(Some(&a), Action::Edit, Target::Users));
    }

    #[test]
    fn deactivated_users_are_nobody() {
        let mut a = user(Role::Admin, &[]);
        a.active = false;
        assert!(!allowed(Some(&a), Action::Edit, Target::Users));
        assert!(!allowed(
            Some(&a),
            Action::Read,
            practice("AT13", Status::Draft)
        ));
        assert!(allowed(
            Some(&a),
            Action::Read,
            practice("AT13", Status::Published)
        ));
    }

    #[test]
    fn workflow() {
        assert_eq!(
            next_status(Status::Draft, Action::Submit),
            Ok(Status::Submitted)
        );
        assert_eq!(
            next_status(Status::Submitted, Action::Publish),
            Ok(Status::Published)
        );
        assert_eq!(
            next_status(Status::Published, Action::Reject),
            Ok(Status::Draft)
        );
        assert!(next_status(Status::Published, Action::Publish).is_err());
        assert!(next_status(Status::Draft, Action::Reject).is_err());
        assert!(next_status(Status::Submitted, Action::Submit).is_err());
        assert_eq!(
            status_after_edit(Role::Editor, Status::Published),
            Status::Submitted
        );
        assert_eq!(
            status_after_edit(Role::Moderator, Status::Published),
            Status::Published
        );
        assert_eq!(
            status_after_edit(Role::Editor, Status::Draft),
            Status::Draft
        );
    }
}
