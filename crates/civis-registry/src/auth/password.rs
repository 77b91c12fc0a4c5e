//! Password hashing with argon2id (RFC 9106) in PHC string format, and the password policy.
//!
//! The default parameters are OWASP's first recommended set (m = 19 MiB, t = 2, p = 1), which
//! argon2's `Params::DEFAULT` uses. Hashes record their parameters, so raising them later keeps
//! old hashes verifiable.

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::RegistryError;

/// Shortest accepted password.
pub const MIN_LEN: usize = 12;
/// Longest accepted password (bounds the work an attacker can make the server do).
pub const MAX_LEN: usize = 256;

/// Checks the password policy: length between [`MIN_LEN`] and [`MAX_LEN`] characters, not the
/// e-mail address itself.
pub fn check_policy(password: &str, email: &str) -> Result<(), String> {
    let n = password.chars().count();
    if n < MIN_LEN {
        return Err(format!("must have at least {MIN_LEN} characters"));
    }
    if n > MAX_LEN {
        return Err(format!("must have at most {MAX_LEN} characters"));
    }
    if password.eq_ignore_ascii_case(email) {
        return Err("must not be the e-mail address".into());
    }
    Ok(())
}

/// Hashes and verifies passwords.
#[derive(Clone)]
pub struct PasswordHashing {
    argon: Argon2<'static>,
}

impl std::fmt::Debug for PasswordHashing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHashing(argon2id)")
    }
}

impl Default for PasswordHashing {
    fn default() -> Self {
        PasswordHashing {
            argon: Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::DEFAULT),
        }
    }
}

impl PasswordHashing {
    /// Cheap parameters (m = 64 KiB, t = 1) for tests only: still argon2id, still salted.
    pub fn fast_for_tests() -> Self {
        let params = Params::new(64, 1, 1, None).expect("valid argon2 parameters");
        PasswordHashing {
            argon: Argon2::new(Algorithm::Argon2id, Version::V0x13, params),
        }
    }

    /// A PHC string (`$argon2id$v=19$m=...,t=...,p=...$salt$hash`) with a fresh random salt.
    pub fn hash(&self, password: &str) -> Result<String, RegistryError> {
        if password.chars().count() > MAX_LEN {
            return Err(RegistryError::Password("password too long".into()));
        }
        self.argon
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| RegistryError::Password(e.to_string()))
    }

    /// Whether `password` matches the stored PHC string. A malformed stored hash never matches.
    pub fn verify(&self, password: &str, phc: &str) -> bool {
        if password.chars().count() > MAX_LEN {
            return false;
        }
        self.argon.verify_password(password.as_bytes(), phc).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_are_salted() {
        let h = PasswordHashing::fast_for_tests();
        let a = h.hash("correct horse battery").unwrap();
        let b = h.hash("correct horse battery").unwrap();
        assert!(a.starts_with("$argon2id$v=19$"), "{a}");
        assert_ne!(a, b, "same password, same hash: no salt");
        assert!(h.verify("correct horse battery", &a));
        assert!(!h.verify("correct horse batterY", &a));
        assert!(!h.verify("correct horse battery", "not a hash"));
    }

    #[test]
    fn default_parameters_are_owasp_and_verify_across_settings() {
        let strong = PasswordHashing::default()
            .hash("a long enough password")
            .unwrap();
        assert!(strong.contains("m=19456,t=2,p=1"), "{strong}");
        // parameters come from the stored hash, not from the verifier
        assert!(PasswordHashing::fast_for_tests().verify("a long enough password", &strong));
    }

    #[test]
    fn policy() {
        assert!(check_policy("short", "a@b.eu").is_err());
        assert!(check_policy("long-enough-pass", "a@b.eu").is_ok());
        assert!(check_policy("editor@city.eu", "editor@city.eu").is_err());
        assert!(check_policy(&"x".repeat(257), "a@b.eu").is_err());
    }
}
