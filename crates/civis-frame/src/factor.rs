//! Turning a column into integer codes (for strata, PSUs and by-variables).

use std::collections::HashMap;

use crate::column::{format_number, Column, MISSING_CODE};

/// Integer codes of a column: `codes[row]` indexes `labels`, `MISSING_CODE` for missing cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Factor {
    pub codes: Vec<u32>,
    pub labels: Vec<String>,
}

/// Codes in order of first appearance, or, with `sorted`, with levels in ascending order
/// (numbers numerically, text by byte order) so that output tables come out sorted.
pub fn factorize(col: &Column, sorted: bool) -> Factor {
    match col {
        Column::Num(n) => {
            if let Some(f) = factorize_small_integers(&n.values, sorted) {
                return f;
            }
            let mut map: HashMap<u64, u32> = HashMap::new();
            let mut values: Vec<f64> = Vec::new();
            let mut codes = Vec::with_capacity(n.values.len());
            for &v in &n.values {
                if v.is_nan() {
                    codes.push(MISSING_CODE);
                    continue;
                }
                // +0 and -0 are the same level
                let key = if v == 0.0 { 0u64 } else { v.to_bits() };
                let next = values.len() as u32;
                let c = *map.entry(key).or_insert_with(|| {
                    values.push(v);
                    next
                });
                codes.push(c);
            }
            let mut f = Factor {
                codes,
                labels: values.iter().map(|&v| format_number(v)).collect(),
            };
            if sorted {
                let mut perm: Vec<usize> = (0..values.len()).collect();
                perm.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
                remap(&mut f, &perm);
            }
            f
        }
        Column::Str(s) => {
            let mut f = Factor {
                codes: s.codes.clone(),
                labels: s.dict.clone(),
            };
            if sorted {
                let mut perm: Vec<usize> = (0..s.dict.len()).collect();
                perm.sort_by(|&a, &b| s.dict[a].cmp(&s.dict[b]));
                remap(&mut f, &perm);
            }
            f
        }
    }
}

/// Fast path for integer ids in a compact range (household numbers, codes): a direct table
/// instead of hashing. `None` when the values are not such integers.
fn factorize_small_integers(values: &[f64], sorted: bool) -> Option<Factor> {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for &v in values {
        if v.is_nan() {
            continue;
        }
        if v.fract() != 0.0 {
            return None;
        }
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if lo > hi {
        return Some(Factor {
            codes: vec![MISSING_CODE; values.len()],
            labels: Vec::new(),
        });
    }
    let span = hi - lo;
    if span > (4 * values.len()).max(1 << 16) as f64 {
        return None;
    }
    let mut table = vec![MISSING_CODE; span as usize + 1];
    let mut labels = Vec::new();
    if sorted {
        for &v in values {
            if !v.is_nan() {
                table[(v - lo) as usize] = 0;
            }
        }
        for (i, slot) in table.iter_mut().enumerate() {
            if *slot == 0 {
                *slot = labels.len() as u32;
                labels.push(format_number(lo + i as f64));
            }
        }
    }
    let mut codes = Vec::with_capacity(values.len());
    for &v in values {
        if v.is_nan() {
            codes.push(MISSING_CODE);
            continue;
        }
        let slot = &mut table[(v - lo) as usize];
        if *slot == MISSING_CODE {
            *slot = labels.len() as u32;
            labels.push(format_number(v));
        }
        codes.push(*slot);
    }
    Some(Factor { codes, labels })
}

/// Reorder levels: new level `i` is old level `perm[i]`.
fn remap(f: &mut Factor, perm: &[usize]) {
    let mut new_code = vec![0u32; perm.len()];
    for (new, &old) in perm.iter().enumerate() {
        new_code[old] = new as u32;
    }
    for c in &mut f.codes {
        if *c != MISSING_CODE {
            *c = new_code[*c as usize];
        }
    }
    f.labels = perm.iter().map(|&old| f.labels[old].clone()).collect();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::column::{NumColumn, StrColumn};

    #[test]
    fn numeric_levels_sort_numerically() {
        let c = Column::Num(NumColumn::new(vec![10.0, 2.0, f64::NAN, 2.0, -1.5]));
        let f = factorize(&c, true);
        assert_eq!(f.labels, vec!["-1.5", "2", "10"]);
        assert_eq!(f.codes, vec![2, 1, MISSING_CODE, 1, 0]);
    }

    #[test]
    fn integer_ids_first_appearance_and_sorted() {
        let c = Column::Num(NumColumn::new(vec![7.0, 3.0, 7.0, f64::NAN, 5.0]));
        let f = factorize(&c, false);
        assert_eq!(f.labels, vec!["7", "3", "5"]);
        assert_eq!(f.codes, vec![0, 1, 0, MISSING_CODE, 2]);
        let f = factorize(&c, true);
        assert_eq!(f.labels, vec!["3", "5", "7"]);
        assert_eq!(f.codes, vec![2, 0, 2, MISSING_CODE, 1]);
    }

    #[test]
    fn text_levels_sort_and_first_appearance() {
        let c = Column::Str(StrColumn::from_options(&[
            Some("b"),
            None,
            Some("a"),
            Some("b"),
        ]));
        assert_eq!(factorize(&c, false).labels, vec!["b", "a"]);
        let f = factorize(&c, true);
        assert_eq!(f.labels, vec!["a", "b"]);
        assert_eq!(f.codes, vec![1, MISSING_CODE, 0, 1]);
    }
}
