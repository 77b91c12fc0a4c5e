//! Dictionary encoding of text cells (per chunk; chunks' dictionaries are merged afterwards).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use civis_frame::{CellRef, MISSING_CODE};

use crate::number::is_blank;

/// A small, fast, non-cryptographic hasher for interning cell texts (the multiply-rotate scheme
/// of `rustc-hash`). Dictionary keys come from data files, not from an adversary on a network.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const K: u64 = 0xf135_7aea_2e62_a9c5;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash ^ word).wrapping_mul(K).rotate_left(23);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }
    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash.rotate_left(26)
    }
}

pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;

/// Invalid UTF-8 inside a text cell: the number of newlines in the cell before the bad byte.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BadUtf8 {
    pub newlines_before: u64,
}

/// The dictionary of a text column being read: codes in order of first appearance.
#[derive(Debug)]
pub(crate) struct Dict {
    pub dict: Vec<String>,
    /// Codes of cells longer than [`SHORT`] bytes.
    index: HashMap<Box<[u8]>, u32, FxBuild>,
    /// Codes of cells of at most [`SHORT`] bytes, keyed by [`short_key`] (no byte comparisons).
    short: HashMap<u64, u32, FxBuild>,
    /// Code of the previous non-missing cell (data are often sorted): checked before hashing.
    last: u32,
    /// [`short_key`] of the previous cell when it was short, else 0.
    last_short: u64,
    /// First non-empty cell that is not a number; its line is relative to the chunk.
    pub first_non_numeric: Option<CellRef>,
}

impl Default for Dict {
    fn default() -> Self {
        Self {
            dict: Vec::new(),
            index: HashMap::default(),
            short: HashMap::default(),
            last: MISSING_CODE,
            last_short: 0,
            first_non_numeric: None,
        }
    }
}

impl Dict {
    /// The code of a cell: [`MISSING_CODE`] when blank, else the cell interned verbatim.
    #[inline]
    pub fn code(&mut self, cell: &[u8]) -> Result<u32, BadUtf8> {
        if cell.is_empty() || (cell[0].is_ascii_whitespace() && is_blank(cell)) {
            return Ok(MISSING_CODE);
        }
        if cell.len() <= SHORT {
            let key = short_key(cell);
            if key == self.last_short {
                return Ok(self.last);
            }
            let code = match self.short.get(&key) {
                Some(&c) => c,
                None => {
                    let c = self.intern(cell)?;
                    self.short.insert(key, c);
                    c
                }
            };
            self.last = code;
            self.last_short = key;
            return Ok(code);
        }
        if self.last != MISSING_CODE && self.dict[self.last as usize].as_bytes() == cell {
            return Ok(self.last);
        }
        let code = match self.index.get(cell) {
            Some(&c) => c,
            None => {
                let c = self.intern(cell)?;
                self.index.insert(cell.into(), c);
                c
            }
        };
        self.last = code;
        self.last_short = 0;
        Ok(code)
    }

    #[cold]
    fn intern(&mut self, cell: &[u8]) -> Result<u32, BadUtf8> {
        let text = match std::str::from_utf8(cell) {
            Ok(t) => t,
            Err(e) => {
                return Err(BadUtf8 {
                    newlines_before: crate::scan::count_newlines(&cell[..e.valid_up_to()]),
                })
            }
        };
        let code = self.dict.len() as u32;
        self.dict.push(text.to_owned());
        Ok(code)
    }
}

/// Cells of at most this many bytes are interned by [`short_key`].
const SHORT: usize = 7;

/// The bytes of a cell of 1 to [`SHORT`] bytes packed into a `u64`, with the length in the top
/// byte: distinct cells get distinct keys, and no key is 0.
#[inline]
fn short_key(cell: &[u8]) -> u64 {
    let mut key = (cell.len() as u64) << 56;
    for (k, &b) in cell.iter().enumerate() {
        key |= u64::from(b) << (8 * k);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_in_order_of_first_appearance() {
        let mut d = Dict::default();
        let codes: Vec<u32> = ["b", "a", "", "b", "  ", "a", "c"]
            .iter()
            .map(|c| d.code(c.as_bytes()).expect("utf8"))
            .collect();
        assert_eq!(d.dict, vec!["b", "a", "c"]);
        assert_eq!(codes, vec![0, 1, MISSING_CODE, 0, MISSING_CODE, 1, 2]);
    }

    #[test]
    fn bad_utf8_reports_newlines_before() {
        let mut d = Dict::default();
        let e = d.code(b"ok\nstill\n\xff").expect_err("bad");
        assert_eq!(e.newlines_before, 2);
    }

    #[test]
    fn short_keys_are_distinct() {
        assert_ne!(short_key(b"a"), short_key(b"a\0"));
        assert_ne!(short_key(b"\0"), 0);
        let mut d = Dict::default();
        let codes: Vec<u32> = [
            "x\0",
            "x",
            "longer than seven",
            "x",
            "longer than seven",
            "x\0",
        ]
        .iter()
        .map(|c| d.code(c.as_bytes()).expect("utf8"))
        .collect();
        assert_eq!(codes, vec![0, 1, 2, 1, 2, 0]);
    }

    #[test]
    fn hasher_distinguishes_lengths() {
        use std::hash::BuildHasher;
        let b = FxBuild::default();
        assert_ne!(b.hash_one(&b"a"[..]), b.hash_one(&b"a\0"[..]));
    }
}
