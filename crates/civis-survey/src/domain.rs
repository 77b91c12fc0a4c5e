//! Domains: the cells of a `--by` cross-classification (within an optional subset), each a list
//! of rows. Every domain is estimated on the full design: rows outside it simply contribute
//! zero scores, and the strata and PSU counts stay those of the whole sample (as R's `svyby`
//! and `subset` do).

use crate::clusters::Grouping;

/// Rows grouped by domain, with a label per by-variable.
#[derive(Debug, Clone)]
pub struct Domains {
    /// Names of the by-variables (empty: one domain, the whole population).
    pub variables: Vec<String>,
    /// For each domain, its label on each by-variable.
    pub labels: Vec<Vec<String>>,
    /// For each domain, the level code on each by-variable (indexes into the level labels).
    pub codes: Vec<Vec<u32>>,
    /// Rows of domain `d` are `rows[offsets[d]..offsets[d + 1]]`, in increasing row order.
    rows: Vec<u32>,
    offsets: Vec<usize>,
    /// Domain of each row, `u32::MAX` if outside every domain.
    domain_of_row: Vec<u32>,
}

impl Domains {
    /// Build domains from by-variables. `by[j].codes` must be ordered as the output should be
    /// (domains are sorted by the codes of the first variable, then the second, ...). Rows with a
    /// missing by-value or with `keep[row] == false` belong to no domain.
    pub fn new(
        nrows: usize,
        by: &[(String, Grouping<'_>)],
        keep: Option<&[bool]>,
    ) -> Result<Domains, String> {
        for (name, g) in by {
            if g.codes.len() != nrows {
                return Err(format!(
                    "by-variable `{name}` has {} values, expected {nrows}",
                    g.codes.len()
                ));
            }
        }
        let radix: Vec<u64> = by
            .iter()
            .map(|(_, g)| g.labels.len().max(1) as u64)
            .collect();
        let total: u128 = radix.iter().map(|&r| r as u128).product();
        let use_dense = total <= (nrows as u128).max(1 << 16) * 4;
        let mut key_of_row = vec![u64::MAX; nrows];
        'rows: for (row, key) in key_of_row.iter_mut().enumerate() {
            if let Some(k) = keep {
                if !k[row] {
                    continue;
                }
            }
            let mut acc: u64 = 0;
            for ((_, g), &r) in by.iter().zip(&radix) {
                let c = g.codes[row];
                if c == u32::MAX {
                    continue 'rows;
                }
                acc = acc * r + c as u64;
            }
            *key = acc;
        }
        // distinct keys, sorted
        let mut keys: Vec<u64> = if use_dense {
            let mut seen = vec![false; total as usize];
            for &k in &key_of_row {
                if k != u64::MAX {
                    seen[k as usize] = true;
                }
            }
            seen.iter()
                .enumerate()
                .filter(|(_, &s)| s)
                .map(|(k, _)| k as u64)
                .collect()
        } else {
            let mut k: Vec<u64> = key_of_row
                .iter()
                .copied()
                .filter(|&k| k != u64::MAX)
                .collect();
            k.sort_unstable();
            k.dedup();
            k
        };
        keys.shrink_to_fit();
        let domain_of_key = |k: u64| keys.binary_search(&k).map(|i| i as u32).ok();
        let mut domain_of_row = vec![u32::MAX; nrows];
        let mut counts = vec![0usize; keys.len()];
        if use_dense {
            let mut map = vec![u32::MAX; total as usize];
            for (i, &k) in keys.iter().enumerate() {
                map[k as usize] = i as u32;
            }
            for (row, &k) in key_of_row.iter().enumerate() {
                if k != u64::MAX {
                    let d = map[k as usize];
                    domain_of_row[row] = d;
                    counts[d as usize] += 1;
                }
            }
        } else {
            for (row, &k) in key_of_row.iter().enumerate() {
                if k != u64::MAX {
                    if let Some(d) = domain_of_key(k) {
                        domain_of_row[row] = d;
                        counts[d as usize] += 1;
                    }
                }
            }
        }
        let mut offsets = Vec::with_capacity(keys.len() + 1);
        offsets.push(0);
        for c in &counts {
            offsets.push(offsets.last().copied().unwrap_or(0) + c);
        }
        let mut fill = offsets.clone();
        let mut rows = vec![0u32; *offsets.last().unwrap_or(&0)];
        for (row, &d) in domain_of_row.iter().enumerate() {
            if d != u32::MAX {
                rows[fill[d as usize]] = row as u32;
                fill[d as usize] += 1;
            }
        }
        let mut labels = Vec::with_capacity(keys.len());
        let mut codes = Vec::with_capacity(keys.len());
        for &k in &keys {
            let mut rem = k;
            let mut lab = vec![String::new(); by.len()];
            let mut cod = vec![0u32; by.len()];
            for (j, ((_, g), &r)) in by.iter().zip(&radix).enumerate().rev() {
                let c = (rem % r) as u32;
                rem /= r;
                lab[j] = g.labels[c as usize].clone();
                cod[j] = c;
            }
            labels.push(lab);
            codes.push(cod);
        }
        Ok(Domains {
            variables: by.iter().map(|(n, _)| n.clone()).collect(),
            labels,
            codes,
            rows,
            offsets,
            domain_of_row,
        })
    }

    pub fn len(&self) -> usize {
        self.labels.len()
    }
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }
    /// Rows of domain `d`, increasing.
    pub fn rows(&self, d: usize) -> &[u32] {
        &self.rows[self.offsets[d]..self.offsets[d + 1]]
    }
    pub fn domain_of_row(&self) -> &[u32] {
        &self.domain_of_row
    }
    /// The domain whose codes equal `codes`, if it exists.
    pub fn find(&self, codes: &[u32]) -> Option<usize> {
        self.codes.iter().position(|c| c == codes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cross_classification_sorted_and_subset() {
        let la: Vec<String> = vec!["a".into(), "b".into()];
        let lb: Vec<String> = vec!["x".into(), "y".into(), "z".into()];
        let a = [1, 0, 1, 0, u32::MAX, 1];
        let b = [2, 0, 2, 1, 0, 0];
        let keep = [true, true, true, true, true, false];
        let d = Domains::new(
            6,
            &[
                (
                    "A".into(),
                    Grouping {
                        codes: &a,
                        labels: &la,
                    },
                ),
                (
                    "B".into(),
                    Grouping {
                        codes: &b,
                        labels: &lb,
                    },
                ),
            ],
            Some(&keep),
        )
        .unwrap();
        assert_eq!(d.len(), 3);
        assert_eq!(d.labels[0], vec!["a", "x"]);
        assert_eq!(d.rows(0), &[1]);
        assert_eq!(d.labels[1], vec!["a", "y"]);
        assert_eq!(d.labels[2], vec!["b", "z"]);
        assert_eq!(d.rows(2), &[0, 2]);
        assert_eq!(d.domain_of_row()[4], u32::MAX);
        assert_eq!(d.domain_of_row()[5], u32::MAX);
    }

    #[test]
    fn no_by_variables_is_one_domain() {
        let d = Domains::new(3, &[], None).unwrap();
        assert_eq!(d.len(), 1);
        assert_eq!(d.rows(0), &[0, 1, 2]);
    }
}
