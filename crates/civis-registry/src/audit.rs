//! The audit log: one record per change, with who made it, when, and the entry before and after
//! as JSON. The store writes the record in the same transaction as the change, so there is no
//! change without its record.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::clock::Timestamp;
use crate::vocab::EntryKind;

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    Create,
    Edit,
    Submit,
    Publish,
    Reject,
    Delete,
    Import,
    UserCreate,
    UserEdit,
    Login,
    LoginFailed,
    Logout,
}

impl AuditAction {
    pub fn code(self) -> &'static str {
        match self {
            AuditAction::Create => "create",
            AuditAction::Edit => "edit",
            AuditAction::Submit => "submit",
            AuditAction::Publish => "publish",
            AuditAction::Reject => "reject",
            AuditAction::Delete => "delete",
            AuditAction::Import => "import",
            AuditAction::UserCreate => "user_create",
            AuditAction::UserEdit => "user_edit",
            AuditAction::Login => "login",
            AuditAction::LoginFailed => "login_failed",
            AuditAction::Logout => "logout",
        }
    }

    pub fn parse(s: &str) -> Option<AuditAction> {
        serde_json::from_value(Value::String(s.to_owned())).ok()
    }
}

/// What a change was made to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Subject {
    Entry {
        kind: EntryKind,
        id: i64,
    },
    User {
        id: i64,
    },
    /// A bulk import, described by its file name.
    Import {
        file: String,
    },
}

/// One audit record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditRecord {
    pub at: Timestamp,
    /// The acting user's id (`None` for the command line or a failed anonymous login).
    pub actor_id: Option<i64>,
    /// The acting user's e-mail at the time, or `cli`; kept even if the user is deleted later.
    pub actor: String,
    pub action: AuditAction,
    pub subject: Subject,
    pub before: Option<Value>,
    pub after: Option<Value>,
    /// A moderator's note (reason for a rejection) or other context.
    pub note: String,
}

impl AuditRecord {
    /// The top-level JSON fields whose values differ between before and after.
    pub fn changed_fields(&self) -> Vec<String> {
        let empty = serde_json::Map::new();
        let obj = |v: &Option<Value>| match v {
            Some(Value::Object(m)) => m.clone(),
            _ => empty.clone(),
        };
        let (b, a) = (obj(&self.before), obj(&self.after));
        let mut keys: Vec<String> = b.keys().chain(a.keys()).cloned().collect();
        keys.sort();
        keys.dedup();
        keys.retain(|k| b.get(k) != a.get(k));
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changed_fields_compares_before_and_after() {
        let r = AuditRecord {
            at: Timestamp(0),
            actor_id: Some(2),
            actor: "m@city.eu".into(),
            action: AuditAction::Publish,
            subject: Subject::Entry {
                kind: EntryKind::Practice,
                id: 7,
            },
            before: Some(json!({"status": "submitted", "title": "A"})),
            after: Some(json!({"status": "published", "title": "A", "published_at": 5})),
            note: String::new(),
        };
        assert_eq!(r.changed_fields(), ["published_at", "status"]);
        let j = serde_json::to_value(&r).unwrap();
        assert_eq!(
            j["subject"],
            json!({"type": "entry", "kind": "practice", "id": 7})
        );
        assert_eq!(
            AuditAction::parse("login_failed"),
            Some(AuditAction::LoginFailed)
        );
        assert_eq!(AuditAction::parse("nope"), None);
    }
}
