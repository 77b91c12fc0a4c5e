//! Eurostat observation flags: a set of observation-status codes plus a confidentiality status.
//!
//! ## Code lists
//!
//! Eurostat changed its flags on 27 January 2025 ("Eurostat flags and special values", 2025
//! code lists; domain spec section 2.3). The flag model holds the **union** of both lists:
//!
//! | code | meaning | list |
//! |---|---|---|
//! | `b` | break in time series | both |
//! | `c` | confidential | legacy only (now `CONF_STATUS=C`) |
//! | `d` | definition differs | both |
//! | `e` | estimated | both |
//! | `f` | forecast | both |
//! | `i` | imputed by Eurostat or another receiving agency | 2025 (replaces `s`) |
//! | `m` | missing, data cannot exist | 2025 (replaces `z`) |
//! | `n` | not significant | both |
//! | `p` | provisional | both |
//! | `r` | revised | legacy only (no 2025 equivalent; kept as is) |
//! | `s` | Eurostat estimate | legacy only |
//! | `u` | low reliability | both |
//! | `z` | not applicable | legacy only |
//!
//! Confidentiality ([`ConfStatus`], the SDMX `CONF_STATUS` attribute, 2025 list): `C`
//! confidential, `N` not for publication, `P` under non-statistical secrecy arrangements. `F`
//! (free, the SDMX default) reads as "none".
//!
//! [`Flags::to_2025`] maps legacy codes: `s`→`i`, `z`→`m`, `c`→`CONF_STATUS=C`.
//!
//! ## Text forms
//!
//! * Flag text (TSV cell suffix, SDMX `OBS_FLAG`, JSON-stat `status`): any number of letters;
//!   lower-case letters are observation statuses (`bd` = break + definition differs), the
//!   upper-case letters `C`, `N`, `P` set the confidentiality (Eurostat's new TSV and Comext
//!   write `:C`). Spaces are ignored. Anything else is an error naming the character.
//! * [`Flags`]'s `Display` writes the observation codes in alphabetical (canonical) order followed
//!   by the confidentiality letter, e.g. `bdu`, `C`, `eC`.
//!
//! ## Propagation to derived values
//!
//! [`Flags::merge`] is the rule for a value computed from several others (a gap, a ratio, a sum,
//! a change over time): the observation statuses are the **union** of the inputs' statuses (so
//! `u` low reliability, `b` break, `e` estimate, ... all propagate), and the confidentiality is
//! the **strictest** of the inputs' (`C` > `N` > `P` > none), so suppression propagates: a value
//! derived from a confidential one is itself confidential. [`Flags::is_suppressed`] says whether
//! the value must not be published (any confidentiality status, or the legacy `c`).

use std::fmt;

/// One observation-status code (union of the legacy and the 2025 Eurostat lists).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ObsStatus {
    /// `b` break in time series.
    Break,
    /// `c` confidential (legacy; 2025: `CONF_STATUS=C`).
    Confidential,
    /// `d` definition differs.
    DefinitionDiffers,
    /// `e` estimated.
    Estimated,
    /// `f` forecast.
    Forecast,
    /// `i` imputed by a receiving agency (2025; replaces `s`).
    Imputed,
    /// `m` missing, data cannot exist (2025; replaces `z`).
    CannotExist,
    /// `n` not significant.
    NotSignificant,
    /// `p` provisional.
    Provisional,
    /// `r` revised (legacy).
    Revised,
    /// `s` Eurostat estimate (legacy; 2025: `i`).
    EurostatEstimate,
    /// `u` low reliability.
    LowReliability,
    /// `z` not applicable (legacy; 2025: `m`).
    NotApplicable,
}

impl ObsStatus {
    /// All codes in canonical (alphabetical) order.
    pub const ALL: [ObsStatus; 13] = [
        ObsStatus::Break,
        ObsStatus::Confidential,
        ObsStatus::DefinitionDiffers,
        ObsStatus::Estimated,
        ObsStatus::Forecast,
        ObsStatus::Imputed,
        ObsStatus::CannotExist,
        ObsStatus::NotSignificant,
        ObsStatus::Provisional,
        ObsStatus::Revised,
        ObsStatus::EurostatEstimate,
        ObsStatus::LowReliability,
        ObsStatus::NotApplicable,
    ];

    /// The code letter.
    pub fn code(self) -> char {
        b"bcdefimnprsuz"[self as usize] as char
    }

    /// The status for a code letter (lower case only).
    pub fn from_code(c: char) -> Option<ObsStatus> {
        let i = "bcdefimnprsuz".find(c)?;
        Some(Self::ALL[i])
    }

    /// Whether the code belongs to the pre-2025 list.
    pub fn in_legacy_list(self) -> bool {
        !matches!(self, ObsStatus::Imputed | ObsStatus::CannotExist)
    }

    /// Whether the code belongs to the 2025 list.
    pub fn in_2025_list(self) -> bool {
        !matches!(
            self,
            ObsStatus::Confidential
                | ObsStatus::Revised
                | ObsStatus::EurostatEstimate
                | ObsStatus::NotApplicable
        )
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// Confidentiality status (SDMX `CONF_STATUS`, Eurostat 2025 list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum ConfStatus {
    /// Free (no confidentiality flag).
    #[default]
    None,
    /// `P` under non-statistical secrecy arrangements.
    P,
    /// `N` not for publication.
    N,
    /// `C` confidential.
    C,
}

impl ConfStatus {
    /// The code letter, `None` for free.
    pub fn code(self) -> Option<char> {
        match self {
            ConfStatus::None => None,
            ConfStatus::P => Some('P'),
            ConfStatus::N => Some('N'),
            ConfStatus::C => Some('C'),
        }
    }

    /// Parses an SDMX `CONF_STATUS` cell: empty or `F` = none, `C`, `N`, `P`.
    pub fn parse(text: &str) -> Result<ConfStatus, FlagError> {
        match text.trim() {
            "" | "F" => Ok(ConfStatus::None),
            "C" => Ok(ConfStatus::C),
            "N" => Ok(ConfStatus::N),
            "P" => Ok(ConfStatus::P),
            other => Err(FlagError {
                text: other.to_owned(),
                offset: 0,
            }),
        }
    }
}

/// A flag text that is not made of known codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagError {
    /// The whole text.
    pub text: String,
    /// Byte offset of the first bad character in `text`.
    pub offset: usize,
}

impl fmt::Display for FlagError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bad = self.text[self.offset..].chars().next().unwrap_or(' ');
        write!(
            f,
            "unknown flag {bad:?} in {:?} (observation statuses are b c d e f i m n p r s u z; confidentiality C N P)",
            self.text
        )
    }
}

impl std::error::Error for FlagError {}

/// The flags of one observation: a set of [`ObsStatus`] codes and a [`ConfStatus`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Flags {
    bits: u16,
    conf: ConfStatus,
}

impl Flags {
    /// No flags.
    pub const NONE: Flags = Flags {
        bits: 0,
        conf: ConfStatus::None,
    };

    /// Parses flag text (see the module docs): lower-case status letters and upper-case `C`,
    /// `N`, `P`; blanks are ignored.
    pub fn parse(text: &str) -> Result<Flags, FlagError> {
        let mut flags = Flags::NONE;
        for (i, c) in text.char_indices() {
            match c {
                ' ' | '\t' => {}
                'C' => flags.conf = flags.conf.max(ConfStatus::C),
                'N' => flags.conf = flags.conf.max(ConfStatus::N),
                'P' => flags.conf = flags.conf.max(ConfStatus::P),
                _ => match ObsStatus::from_code(c) {
                    Some(s) => flags.bits |= s.bit(),
                    None => {
                        return Err(FlagError {
                            text: text.to_owned(),
                            offset: i,
                        })
                    }
                },
            }
        }
        Ok(flags)
    }

    /// Parses a status of Eurostat's statistics API (JSON-stat): since the 2025 code lists the
    /// observation status and the confidentiality status travel together as `OBS|CONF`, e.g.
    /// `"p"`, `"|C"` (confidential), `"bp|"`, `"e|N"`; either side may be empty, the right one
    /// is a `CONF_STATUS` code (`C`, `N`, `P`, `F` or empty). Text without `|` is read as
    /// [`parse`](Flags::parse) reads flag text.
    pub fn parse_status(text: &str) -> Result<Flags, FlagError> {
        let Some((obs, conf)) = text.split_once('|') else {
            return Flags::parse(text);
        };
        let mut f = Flags::parse(obs).map_err(|e| FlagError {
            text: text.to_owned(),
            offset: e.offset,
        })?;
        let c = ConfStatus::parse(conf).map_err(|_| FlagError {
            text: text.to_owned(),
            offset: obs.len() + 1 + conf.len() - conf.trim_start().len(),
        })?;
        f.conf = f.conf.max(c);
        Ok(f)
    }

    /// Byte-level [`parse`](Flags::parse) for the streaming readers: `None` on any unknown byte
    /// (the caller then calls `parse` for the message).
    #[inline]
    pub(crate) fn parse_bytes(text: &[u8]) -> Option<Flags> {
        let mut flags = Flags::NONE;
        for &c in text {
            let bit = match c {
                b' ' | b'\t' => 0,
                b'b' => 1 << 0,
                b'c' => 1 << 1,
                b'd' => 1 << 2,
                b'e' => 1 << 3,
                b'f' => 1 << 4,
                b'i' => 1 << 5,
                b'm' => 1 << 6,
                b'n' => 1 << 7,
                b'p' => 1 << 8,
                b'r' => 1 << 9,
                b's' => 1 << 10,
                b'u' => 1 << 11,
                b'z' => 1 << 12,
                b'C' => {
                    flags.conf = flags.conf.max(ConfStatus::C);
                    0
                }
                b'N' => {
                    flags.conf = flags.conf.max(ConfStatus::N);
                    0
                }
                b'P' => {
                    flags.conf = flags.conf.max(ConfStatus::P);
                    0
                }
                _ => return None,
            };
            flags.bits |= bit;
        }
        Some(flags)
    }

    /// Parses the SDMX pair `OBS_FLAG` (or `OBS_STATUS`) + `CONF_STATUS`.
    pub fn from_sdmx(obs_flag: &str, conf_status: &str) -> Result<Flags, FlagError> {
        let mut f = Flags::parse(obs_flag)?;
        f.conf = f.conf.max(ConfStatus::parse(conf_status)?);
        Ok(f)
    }

    /// True when there is no status and no confidentiality.
    pub fn is_empty(&self) -> bool {
        self.bits == 0 && self.conf == ConfStatus::None
    }

    /// Whether a status code is set.
    pub fn contains(&self, s: ObsStatus) -> bool {
        self.bits & s.bit() != 0
    }

    /// Adds a status code.
    pub fn insert(&mut self, s: ObsStatus) {
        self.bits |= s.bit();
    }

    /// Removes a status code.
    pub fn remove(&mut self, s: ObsStatus) {
        self.bits &= !s.bit();
    }

    /// The status codes in canonical order.
    pub fn statuses(&self) -> impl Iterator<Item = ObsStatus> + '_ {
        ObsStatus::ALL.into_iter().filter(|s| self.contains(*s))
    }

    /// The confidentiality status.
    pub fn conf(&self) -> ConfStatus {
        self.conf
    }

    /// Sets the confidentiality status.
    pub fn set_conf(&mut self, conf: ConfStatus) {
        self.conf = conf;
    }

    /// The flags with a confidentiality status added (the strictest wins).
    pub fn with_conf(mut self, conf: ConfStatus) -> Flags {
        self.conf = self.conf.max(conf);
        self
    }

    /// Whether the value must not be published: any confidentiality status or the legacy `c`.
    pub fn is_suppressed(&self) -> bool {
        self.conf != ConfStatus::None || self.contains(ObsStatus::Confidential)
    }

    /// Maps legacy codes to the 2025 lists: `s`→`i`, `z`→`m`, `c`→`CONF_STATUS=C` (`r`, which
    /// has no 2025 equivalent, is kept).
    pub fn to_2025(self) -> Flags {
        let mut f = self;
        for (old, new) in [
            (ObsStatus::EurostatEstimate, ObsStatus::Imputed),
            (ObsStatus::NotApplicable, ObsStatus::CannotExist),
        ] {
            if f.contains(old) {
                f.remove(old);
                f.insert(new);
            }
        }
        if f.contains(ObsStatus::Confidential) {
            f.remove(ObsStatus::Confidential);
            f.conf = f.conf.max(ConfStatus::C);
        }
        f
    }

    /// Flags of a value derived from values with flags `self` and `other` (see the module docs):
    /// union of the statuses, strictest confidentiality.
    pub fn merge(self, other: Flags) -> Flags {
        Flags {
            bits: self.bits | other.bits,
            conf: self.conf.max(other.conf),
        }
    }

    /// [`merge`](Flags::merge) over any number of inputs.
    pub fn merge_all<I: IntoIterator<Item = Flags>>(flags: I) -> Flags {
        flags.into_iter().fold(Flags::NONE, Flags::merge)
    }

    /// The observation-status letters only (SDMX `OBS_FLAG`), canonical order.
    pub fn obs_text(&self) -> String {
        self.statuses().map(ObsStatus::code).collect()
    }

    /// Writes the flag text (statuses then confidentiality letter) without allocating.
    pub fn write_to(&self, out: &mut Vec<u8>) {
        if self.bits != 0 {
            for s in self.statuses() {
                out.push(s.code() as u8);
            }
        }
        if let Some(c) = self.conf.code() {
            out.push(c as u8);
        }
    }
}

impl fmt::Display for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for s in self.statuses() {
            write!(f, "{}", s.code())?;
        }
        if let Some(c) = self.conf.code() {
            write!(f, "{c}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eurostat_api_status_pairs_observation_and_confidentiality() {
        // every observation status of both lists, alone and with each confidentiality status
        for obs in [
            "", "b", "c", "d", "e", "f", "i", "m", "n", "p", "r", "s", "u", "z", "bep",
        ] {
            for (conf, want) in [
                ("", ConfStatus::None),
                ("F", ConfStatus::None),
                ("C", ConfStatus::C),
                ("N", ConfStatus::N),
                ("P", ConfStatus::P),
            ] {
                let f = Flags::parse_status(&format!("{obs}|{conf}")).unwrap();
                assert_eq!(f.conf(), want, "{obs}|{conf}");
                assert_eq!(f.obs_text(), obs, "{obs}|{conf}");
            }
        }
        let c = Flags::parse_status("|C").unwrap();
        assert!(c.is_suppressed());
        assert_eq!(c.to_string(), "C");
        assert_eq!(Flags::parse_status("u").unwrap().to_string(), "u");
        let e = Flags::parse_status("p|X").unwrap_err();
        assert_eq!(e.offset, 2);
        assert!(e.to_string().contains("'X'"), "{e}");
        assert!(Flags::parse_status("q|C").is_err());
    }

    #[test]
    fn parse_multi_letter_and_display_canonical() {
        let f = Flags::parse("ub d").unwrap();
        assert!(f.contains(ObsStatus::Break));
        assert!(f.contains(ObsStatus::DefinitionDiffers));
        assert!(f.contains(ObsStatus::LowReliability));
        assert_eq!(f.to_string(), "bdu");
        assert_eq!(Flags::parse("").unwrap(), Flags::NONE);
        assert_eq!(Flags::parse("C").unwrap().conf(), ConfStatus::C);
        assert_eq!(Flags::parse("eC").unwrap().to_string(), "eC");
        for t in ["", "b", "bdu", "csz", "impr", "fnC", "eN", "P", " u "] {
            assert_eq!(
                Flags::parse_bytes(t.as_bytes()),
                Some(Flags::parse(t).unwrap()),
                "{t}"
            );
        }
        assert_eq!(Flags::parse_bytes(b"x"), None);
    }

    #[test]
    fn unknown_letter_is_an_error_with_offset() {
        let e = Flags::parse("bx").unwrap_err();
        assert_eq!(e.offset, 1);
        assert!(e.to_string().contains("'x'"));
        assert!(ConfStatus::parse("Q").is_err());
    }

    #[test]
    fn mapping_to_2025() {
        let f = Flags::parse("csz").unwrap().to_2025();
        assert_eq!(f.to_string(), "imC");
        assert!(f.statuses().all(|s| s.in_2025_list()));
        assert_eq!(Flags::parse("r").unwrap().to_2025().to_string(), "r");
    }

    #[test]
    fn merge_is_union_and_strictest_conf() {
        let a = Flags::parse("bP").unwrap();
        let b = Flags::from_sdmx("u", "C").unwrap();
        let m = a.merge(b);
        assert_eq!(m.to_string(), "buC");
        assert!(m.is_suppressed());
        assert_eq!(Flags::merge_all([a, Flags::NONE]), a);
        assert!(Flags::parse("c").unwrap().is_suppressed());
    }
}
