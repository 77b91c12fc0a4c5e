//! The login lock-out policy.
//!
//! Failures are counted per key (the portal uses the e-mail address and, separately, the client
//! address). After [`ThrottlePolicy::max_failures`] failures within
//! [`ThrottlePolicy::window`] seconds the key is locked for [`ThrottlePolicy::lockout`] seconds.
//! While locked, every attempt is refused *without checking the password*, so a correct password
//! does not open a locked account, and refused attempts do not extend the lock. A success resets
//! the count.
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
    /// Seconds a key stays locked.
    pub lockout: i64,
}

impl Default for ThrottlePolicy {
    /// 5 failures within 15 minutes lock for 15 minutes.
    fn default() -> Self {
        ThrottlePolicy {
            max_failures: 5,
            window: 15 * 60,
            lockout: 15 * 60,
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
            *self = Attempts {
                failures: 0,
                first_failure: Some(now),
                locked_until: None,
            };
        }
        self.failures += 1;
        if self.failures >= policy.max_failures {
            let until = now.plus(policy.lockout);
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
        keys.retain(|_, a| {
            a.locked_until.is_some_and(|u| now < u)
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
