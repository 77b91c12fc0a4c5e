//! Users and roles.

use serde::{Deserialize, Serialize};

use crate::fields::{Area, Email};

/// What a user is. Roles are ordered: a moderator can do what an editor of every place can, and
/// an admin what a moderator can.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Creates and edits the entries of their places; cannot publish.
    Editor,
    /// Publishes and rejects entries of any place; edits networks and the directory.
    Moderator,
    /// Everything a moderator does, and manages users.
    Admin,
}

impl Role {
    pub const ALL: &'static [Role] = &[Role::Editor, Role::Moderator, Role::Admin];

    pub fn code(self) -> &'static str {
        match self {
            Role::Editor => "editor",
            Role::Moderator => "moderator",
            Role::Admin => "admin",
        }
    }

    pub fn parse(raw: &str) -> Result<Role, String> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "editor" => Ok(Role::Editor),
            "moderator" => Ok(Role::Moderator),
            "admin" => Ok(Role::Admin),
            other => Err(format!(
                "`{other}` is not a role (editor, moderator, admin)"
            )),
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// An account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id: i64,
    pub email: Email,
    pub role: Role,
    /// The places an editor answers for (a region covers the places inside it). Ignored for
    /// moderators and admins.
    pub areas: Vec<Area>,
    /// A deactivated user can no longer log in and is treated as anonymous.
    pub active: bool,
}

impl User {
    /// Whether the user answers for entries of `area`.
    pub fn answers_for(&self, area: &Area) -> bool {
        match self.role {
            Role::Moderator | Role::Admin => true,
            Role::Editor => self.areas.iter().any(|a| area.is_within(a)),
        }
    }
}
