//! Random tokens for sessions and CSRF protection.
//!
//! A token is 32 bytes from the operating system's generator, written as 64 hex digits. Session
//! tokens are stored only as their SHA-256 digest ([`SecretToken::digest`]), so a copy of the
//! database does not hand out live sessions. Comparisons run in constant time.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::error::RegistryError;

/// A fresh random token.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretToken(String);

impl SecretToken {
    /// 256 random bits.
    pub fn generate() -> Result<SecretToken, RegistryError> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| RegistryError::Random(e.to_string()))?;
        Ok(SecretToken(hex(&bytes)))
    }

    /// Wraps a token received from a client (cookie or form), if it has the token shape.
    pub fn from_client(raw: &str) -> Option<SecretToken> {
        (raw.len() == 64
            && raw
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()))
        .then(|| SecretToken(raw.to_owned()))
    }

    /// The text sent to the client.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The SHA-256 digest (hex) under which the store keeps the token.
    pub fn digest(&self) -> String {
        hex(&Sha256::digest(self.0.as_bytes()))
    }
}

impl std::fmt::Debug for SecretToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretToken(…)")
    }
}

/// Whether a token sent by the client equals the expected one, in time independent of where
/// they differ.
pub fn tokens_match(expected: &str, given: &str) -> bool {
    expected.len() == given.len() && bool::from(expected.as_bytes().ct_eq(given.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_hex_and_round_trip_from_clients() {
        let a = SecretToken::generate().unwrap();
        let b = SecretToken::generate().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), 64);
        assert_eq!(SecretToken::from_client(a.as_str()), Some(a.clone()));
        assert_eq!(SecretToken::from_client("abc"), None);
        assert_eq!(SecretToken::from_client(&"G".repeat(64)), None);
        assert_eq!(SecretToken::from_client(&a.as_str().to_uppercase()), None);
        assert_eq!(format!("{a:?}"), "SecretToken(…)");
    }

    #[test]
    fn digest_is_sha256_of_the_text() {
        let t = SecretToken::from_client(&"0".repeat(64)).unwrap();
        assert_eq!(
            t.digest(),
            "60e05bd1b195af2f94112fa7197a5c88289058840ce7c6df9693756bc6250f55"
        );
        assert_ne!(t.digest(), t.as_str());
    }

    #[test]
    fn comparison() {
        assert!(tokens_match("abcd", "abcd"));
        assert!(!tokens_match("abcd", "abce"));
        assert!(!tokens_match("abcd", "abc"));
        assert!(!tokens_match("abcd", ""));
    }
}
