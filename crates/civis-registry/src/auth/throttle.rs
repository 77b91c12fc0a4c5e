//! The login lock-out policy.
//!
//! Failures are counted per key. The registry uses two keys per attempt ([`LoginPolicy`]): the
//! pair (account, client address), so that five wrong passwords lock that account *from that
//! address* only (locking the account for everyone would let anybody lock out anybody, admins
//! included); and the client address alone, so that one address cannot try many accounts.
//! After [`ThrottlePolicy::max_failures`] failures within [`ThrottlePolicy::window`] seconds the
//! key is locked; the lock lasts [`ThrottlePolicy::lockout`] seconds, doubled for every lock
//! that follows without a success in between (back-off), up to [`ThrottlePolicy::max_lockout`].
//! While locked, every attempt is refused *without checking the password*, so a correct password
//! does not open a locked key, and refused attempts do not extend the lock. A success resets
//! the count and the back-off; so does a quiet period of `max_lockout` after a lock.
//!
//! [`Attempts`] is the state of one key: plain data, so the store can keep it; [`LoginThrottle`]
//! keeps states in memory with an injected [`Clock`].

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use crate::clock::{Clock, Timestamp};

/// How many failures lock a key, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottlePolicy {
    pub max_failures: u32,
    /// Seconds within which failures count together.
    pub window: i64,
    /// Seconds the first lock lasts; each further lock lasts twice as long as the one before.
    pub lockout: i64,
    /// The longest lock, in seconds.
    pub max_lockout: i64,
}

impl Default for ThrottlePolicy {
    /// 5 failures within 15 minutes lock for 15 minutes, then 30, 60, ... up to 24 hours.
    fn default() -> Self {
        ThrottlePolicy {
            max_failures: 5,
            window: 15 * 60,
            lockout: 15 * 60,
            max_lockout: 24 * 3600,
        }
    }
}

impl ThrottlePolicy {
    /// How long the `n`-th lock in a row lasts (`n` from 1): `lockout * 2^(n-1)`, at most
    /// `max_lockout`.
    pub fn lock_length(&self, n: u32) -> i64 {
        let doubled = self
            .lockout
            .checked_mul(1i64 << n.saturating_sub(1).min(40))
            .unwrap_or(i64::MAX);
        doubled.min(self.max_lockout.max(self.lockout))
    }
}

/// The two lock-outs of a login attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginPolicy {
    /// Failures for one account from one client address.
    pub account: ThrottlePolicy,
    /// Failures from one client address, whatever the account.
    pub client: ThrottlePolicy,
}

impl Default for LoginPolicy {
    /// An account from an address: 5 failures in 15 minutes lock for 15 minutes, doubling up to
    /// 24 hours. An address: 20 failures in 15 minutes lock it for 15 minutes.
    fn default() -> Self {
        LoginPolicy {
            account: ThrottlePolicy::default(),
            client: ThrottlePolicy {
                max_failures: 20,
                window: 15 * 60,
                lockout: 15 * 60,
                max_lockout: 15 * 60,
            },
        }
    }
}

/// A refused attempt: the key is locked until `until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("too many failed logins; try again after {until}")]
pub struct Locked {
    pub until: Timestamp,
}

/// The failure record of one key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempts {
    pub failures: u32,
    pub first_failure: Option<Timestamp>,
    pub locked_until: Option<Timestamp>,
    /// Locks so far without a success in between (the back-off).
    #[serde(default)]
    pub locks: u32,
}

impl Attempts {
    /// `Err` while the key is locked.
    pub fn check(&self, now: Timestamp) -> Result<(), Locked> {
        match self.locked_until {
            Some(until) if now < until => Err(Locked { until }),
            _ => Ok(()),
        }
    }

    /// Counts a failed attempt; returns the lock if this failure locked the key.
    pub fn fail(&mut self, now: Timestamp, policy: &ThrottlePolicy) -> Option<Locked> {
        if self.check(now).is_err() {
            return None;
        }
        let in_window = self
            .first_failure
            .is_some_and(|f| now.seconds_since(f) < policy.window)
            && self.locked_until.is_none();
        if !in_window {
            let forgiven = self
                .locked_until
                .is_some_and(|u| now.seconds_since(u) >= policy.max_lockout);
            *self = Attempts {
                failures: 0,
                first_failure: Some(now),
                locked_until: None,
                locks: if forgiven { 0 } else { self.locks },
            };
        }
        self.failures += 1;
        if self.failures >= policy.max_failures {
            self.locks = self.locks.saturating_add(1);
            let until = now.plus(policy.lock_length(self.locks));
            self.locked_until = Some(until);
            return Some(Locked { until });
        }
        None
    }

    /// A successful login clears the record.
    pub fn succeed(&mut self) {
        *self = Attempts::default();
    }
}

/// Lock-out state for many keys, in memory.
pub struct LoginThrottle {
    policy: ThrottlePolicy,
    clock: Arc<dyn Clock>,
    keys: Mutex<HashMap<String, Attempts>>,
}

impl LoginThrottle {
    pub fn new(policy: ThrottlePolicy, clock: Arc<dyn Clock>) -> Self {
        LoginThrottle {
            policy,
            clock,
            keys: Mutex::new(HashMap::new()),
        }
    }

    fn with<R>(&self, key: &str, f: impl FnOnce(&mut Attempts, Timestamp) -> R) -> R {
        let now = self.clock.now();
        let mut keys = self.keys.lock().unwrap_or_else(|p| p.into_inner());
        // forget records that can no longer matter, so the map does not grow without bound
        let horizon = self.policy.window.max(self.policy.lockout);
        let forgive = self.policy.max_lockout;
        keys.retain(|_, a| {
            a.locked_until
                .is_some_and(|u| now.seconds_since(u) < forgive)
                || a.first_failure
                    .is_some_and(|f| now.seconds_since(f) < horizon)
        });
        f(keys.entry(key.to_owned()).or_default(), now)
    }

    /// `Err` if any of the keys is locked.
    pub fn check(&self, keys: &[&str]) -> Result<(), Locked> {
        for k in keys {
            self.with(k, |a, now| a.check(now))?;
        }
        Ok(())
    }

    /// Counts a failure for every key.
    pub fn fail(&self, keys: &[&str]) {
        for k in keys {
            self.with(k, |a, now| a.fail(now, &self.policy));
        }
    }

    /// Clears every key after a successful login.
    pub fn succeed(&self, keys: &[&str]) {
        for k in keys {
            self.with(k, |a, _| a.succeed());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;

    #[test]
    fn five_failures_lock_and_the_lock_holds_until_it_expires() {
        let p = ThrottlePolicy::default();
        let mut a = Attempts::default();
        let t0 = Timestamp(1_000_000);
        for i in 0..4 {
            assert_eq!(a.fail(t0.plus(i), &p), None);
            assert!(a.check(t0.plus(i)).is_ok());
        }
        let lock = a.fail(t0.plus(10), &p).expect("fifth failure locks");
        assert_eq!(lock.until, t0.plus(10 + 900));
        assert!(a.check(t0.plus(11)).is_err());
        // attempts while locked neither count nor extend the lock
        assert_eq!(a.fail(t0.plus(500), &p), None);
        assert_eq!(a.check(t0.plus(909)), Err(lock));
        assert!(a.check(t0.plus(910)).is_ok());
        // after the lock a new window starts
        assert_eq!(a.fail(t0.plus(911), &p), None);
        assert_eq!(a.failures, 1);
    }

    #[test]
    fn each_lock_in_a_row_lasts_twice_as_long_up_to_the_cap() {
        let p = ThrottlePolicy::default();
        let mut a = Attempts::default();
        let mut t = Timestamp(0);
        let mut lengths = Vec::new();
        for _ in 0..9 {
            let mut lock = None;
            for _ in 0..5 {
                lock = a.fail(t, &p);
                t = t.plus(1);
            }
            let until = lock.expect("the fifth failure locks").until;
            lengths.push(until.seconds_since(t.plus(-1)));
            t = until;
        }
        assert_eq!(
            lengths,
            [900, 1800, 3600, 7200, 14400, 28800, 57600, 86400, 86400]
        );
        // a success forgives
        a.succeed();
        for i in 0..5 {
            a.fail(t.plus(i), &p);
        }
        assert_eq!(a.locked_until, Some(t.plus(4 + 900)));
        // so does a day without failures after a lock
        let t = t.plus(4 + 900 + 86400);
        for i in 0..5 {
            a.fail(t.plus(i), &p);
        }
        assert_eq!(a.locks, 1);
        assert_eq!(a.locked_until, Some(t.plus(4 + 900)));
    }

    #[test]
    fn failures_outside_the_window_do_not_add_up() {
        let p = ThrottlePolicy::default();
        let mut a = Attempts::default();
        let t0 = Timestamp(0);
        for i in 0..4 {
            a.fail(t0.plus(i), &p);
        }
        assert_eq!(a.fail(t0.plus(901), &p), None);
        assert_eq!(a.failures, 1);
    }

    #[test]
    fn success_resets() {
        let p = ThrottlePolicy::default();
        let mut a = Attempts::default();
        for i in 0..4 {
            a.fail(Timestamp(i), &p);
        }
        a.succeed();
        assert_eq!(a.fail(Timestamp(5), &p), None);
        assert_eq!(a.failures, 1);
    }

    #[test]
    fn throttle_keys_are_independent_and_follow_the_clock() {
        let clock = Arc::new(ManualClock::at(Timestamp(0)));
        let t = LoginThrottle::new(ThrottlePolicy::default(), clock.clone());
        for _ in 0..5 {
            t.fail(&["a@city.eu", "ip:127.0.0.1"]);
        }
        assert!(t.check(&["a@city.eu"]).is_err());
        assert!(t.check(&["b@city.eu"]).is_ok());
        assert!(t.check(&["b@city.eu", "ip:127.0.0.1"]).is_err());
        clock.advance(899);
        assert!(t.check(&["a@city.eu"]).is_err());
        clock.advance(1);
        assert!(t.check(&["a@city.eu"]).is_ok());
    }
}
