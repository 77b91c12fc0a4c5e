//! One statistic of an accumulator on coarser, possibly overlapping domains: a national row
//! and its regions, everyone and each target group, all from one pass over the rows kept at
//! the finest cross-classification. A coarse domain's PSU totals and moments are the sums of
//! those of the fine domains it unites (every sum of the module docs is additive over
//! disjoint sets of rows), so the estimates equal those of a pass with the coarse domains up
//! to rounding.

use std::collections::HashMap;

use super::{DomainSums, LinearAccumulator, PsuOrder};
use crate::error::SurveyError;

impl LinearAccumulator {
    /// Statistic `s` alone, each fine domain `d` (the ids rows were added with) added to every
    /// domain in `unions[d]` (fine domains past `unions` belong to none). Needs the PSU totals
    /// (not [`Self::moments_only`]).
    pub fn regroup(&self, s: usize, unions: &[Vec<u32>]) -> Result<LinearAccumulator, SurveyError> {
        let ns = self.stats.len();
        if self.moments.is_some() || s >= ns {
            return Err(SurveyError::Invalid(
                "regrouping needs the PSU totals of a declared statistic".into(),
            ));
        }
        let domains = self.coarse_sums(s, unions);
        // cells PSU by PSU (rows grouped by PSU already give them so); `slot[d]`: the new
        // cell of coarse domain `d` in the current PSU
        let mut order: Vec<u32> = (0..self.cell_psu.len() as u32).collect();
        if !self.cell_psu.windows(2).all(|w| w[0] <= w[1]) {
            order.sort_by_key(|&c| self.cell_psu[c as usize]);
        }
        let mut slot = vec![u32::MAX; domains.len()];
        let mut open: Vec<u32> = Vec::new();
        let (mut cell_psu, mut cell_domain, mut cell_sums) = (Vec::new(), Vec::new(), Vec::new());
        for c in order.into_iter().map(|c| c as usize) {
            let p = self.cell_psu[c];
            if cell_psu.last().is_some_and(|&last| last != p) {
                open.drain(..).for_each(|d| slot[d as usize] = u32::MAX);
            }
            if self.cell_touched[c] & (1 << s) == 0 {
                continue;
            }
            let Some(to) = unions.get(self.cell_domain[c] as usize) else {
                continue;
            };
            let at = c * 2 * ns + 2 * s;
            for &d in to {
                let k = &mut slot[d as usize];
                if *k == u32::MAX {
                    *k = cell_psu.len() as u32;
                    open.push(d);
                    cell_psu.push(p);
                    cell_domain.push(d);
                    cell_sums.extend([0.0, 0.0]);
                }
                let k = *k as usize;
                cell_sums[2 * k] += self.cell_sums[at];
                cell_sums[2 * k + 1] += self.cell_sums[at + 1];
            }
        }
        let mut out = self.with_sums(s, domains);
        out.cell_touched = vec![1; cell_psu.len()];
        out.cell_psu = cell_psu;
        out.cell_domain = cell_domain;
        out.cell_sums = cell_sums;
        Ok(out)
    }

    /// The domain sums of statistic `s` on the coarse domains of `unions` (see [`Self::regroup`]).
    pub(super) fn coarse_sums(&self, s: usize, unions: &[Vec<u32>]) -> Vec<DomainSums> {
        let ns = self.stats.len();
        let coarse = unions.iter().flatten().map(|&d| d as usize + 1).max();
        let mut domains = vec![DomainSums::default(); coarse.unwrap_or(0)];
        for (d, to) in unions.iter().enumerate() {
            if let Some(fine) = self.domains.get(d * ns + s) {
                for &c in to {
                    domains[c as usize].merge(fine);
                }
            }
        }
        domains
    }

    /// Statistic `s` alone on the design of `self`, with these domain sums and no PSU totals.
    pub(super) fn with_sums(&self, s: usize, domains: Vec<DomainSums>) -> LinearAccumulator {
        LinearAccumulator {
            stats: vec![self.stats[s]],
            nest: self.nest,
            rows: self.rows,
            weight_total: self.weight_total,
            stratum_of_code: self.stratum_of_code.clone(),
            stratum_labels: self.stratum_labels.clone(),
            stratum_fpc: self.stratum_fpc.clone(),
            psus_in_stratum: self.psus_in_stratum.clone(),
            n_psus: self.n_psus,
            stratum_of_psu: self.stratum_of_psu.clone(),
            order: PsuOrder::Any {
                psu_index: HashMap::default(),
                cell_index: HashMap::default(),
                last_psu: None,
            },
            moments: None,
            cell_touched: Vec::new(),
            cell_psu: Vec::new(),
            cell_domain: Vec::new(),
            cell_sums: Vec::new(),
            domains,
            last_cell: None,
            // the regrouped sums are estimated, not written out as partials
            group_sums: None,
            psu_keys: Vec::new(),
        }
    }
}
