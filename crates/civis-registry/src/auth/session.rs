//! Server-side sessions. The client holds only a random token (in a cookie); the store keeps the
//! token's digest, the user (if signed in), the CSRF token and the times that decide expiry.
//! Visitors get a session before they sign in, so the login form is CSRF-protected too; signing
//! in replaces the session with a new one (no session fixation).

use serde::{Deserialize, Serialize};

use crate::clock::Timestamp;

/// How long sessions live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    /// Seconds without a request after which a session ends.
    pub idle: i64,
    /// Seconds after creation after which a session ends regardless.
    pub absolute: i64,
}

impl Default for SessionPolicy {
    /// 2 hours idle, 12 hours at most.
    fn default() -> Self {
        SessionPolicy {
            idle: 2 * 3600,
            absolute: 12 * 3600,
        }
    }
}

/// A session as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// SHA-256 digest of the client's token.
    pub digest: String,
    pub user_id: Option<i64>,
    /// The token every form of this session must send back.
    pub csrf: String,
    pub created_at: Timestamp,
    pub last_seen: Timestamp,
}

impl Session {
    /// Whether the session is still valid at `now`.
    pub fn is_live(&self, now: Timestamp, policy: &SessionPolicy) -> bool {
        now.seconds_since(self.last_seen) < policy.idle
            && now.seconds_since(self.created_at) < policy.absolute
            && now >= self.created_at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_expire_when_idle_or_old() {
        let p = SessionPolicy::default();
        let mut s = Session {
            digest: "d".into(),
            user_id: Some(1),
            csrf: "c".into(),
            created_at: Timestamp(0),
            last_seen: Timestamp(0),
        };
        assert!(s.is_live(Timestamp(7199), &p));
        assert!(!s.is_live(Timestamp(7200), &p));
        s.last_seen = Timestamp(11 * 3600);
        assert!(s.is_live(Timestamp(12 * 3600 - 1), &p));
        assert!(!s.is_live(Timestamp(12 * 3600), &p));
        assert!(!s.is_live(Timestamp(-1), &p));
    }
}
