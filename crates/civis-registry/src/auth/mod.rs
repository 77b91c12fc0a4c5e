//! Accounts and what they may do.
//!
//! - [`user`]: users, roles (editor, moderator, admin) and the places an editor answers for;
//! - [`permission`]: [`permission::allowed`], the one function that decides who may do what to
//!   which entry, and the moderation workflow;
//! - [`password`]: argon2id hashing and the password policy;
//! - [`token`]: random session and CSRF tokens, hashed for storage, compared in constant time;
//! - [`throttle`]: the login lock-out policy;
//! - [`session`]: server-side sessions with idle and absolute expiry.

pub mod password;
pub mod permission;
pub mod session;
pub mod throttle;
pub mod token;
pub mod user;

pub use permission::{allowed, Action, Target};
pub use user::{Role, User};
