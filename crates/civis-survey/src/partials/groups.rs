//! Mergeable partial sums: the accumulator as a list of (stratum, PSU, domain) groups.
//!
//! Every number [`LinearAccumulator::estimate`] needs is a sum over rows: per (PSU, domain)
//! the totals `Y_p, X_p` of each statistic, per domain the counts, sums and second moments
//! of [`DomainSums`]. So the accumulator can be written out as one [`DomainSums`] per
//! statistic for every (stratum, PSU, domain) group met, which is what
//! `SELECT ... GROUP BY stratum, psu, domain` over the microdata gives, and groups from any
//! number of sources are merged by adding them back ([`LinearAccumulator::add_groups`]): the
//! sums of a PSU or domain split across sources add up, the design (strata, fpc, PSU order of
//! first appearance) is rebuilt group by group with the same checks as rows get. Merging the
//! groups of consecutive chunks of a file in order gives the accumulator of the whole file up
//! to the rounding of the sums, seeded bootstrap replicates included (PSUs keep their order).
//! A PSU with no row in any domain is one group without domain and with zero sums, so that it
//! still counts in its stratum.

use super::{DomainSums, LinearAccumulator, Rows};
use crate::design::Grouping;
use crate::error::SurveyError;

/// One group written out by [`LinearAccumulator::groups`].
#[derive(Debug, Clone, Copy)]
pub struct Group<'a> {
    /// Label of the stratum (`(all)` without strata).
    pub stratum: &'a str,
    /// Population size or sampling fraction of the stratum, if given.
    pub fpc: Option<f64>,
    /// The PSU as the caller's key (see [`Rows::psu`]).
    pub psu: u64,
    /// The caller's domain id; `None` for a PSU with no row in any domain.
    pub domain: Option<u32>,
    /// One entry per statistic; empty when `domain` is `None`.
    pub sums: &'a [DomainSums],
}

/// Groups to merge into an accumulator: key columns as [`Rows`] has them and, row-major,
/// one [`DomainSums`] per statistic (`sums[i * statistics + s]`).
#[derive(Clone)]
pub struct Groups<'a> {
    pub strata: Option<Grouping<'a>>,
    pub psu: &'a [u64],
    pub psu_label: &'a (dyn Fn(u64) -> String + Sync),
    pub fpc: Option<&'a [f64]>,
    /// Domain of each group (`u32::MAX`: rows in no domain, whose sums must be zero).
    pub domain: &'a [u32],
    pub sums: &'a [DomainSums],
}

impl LinearAccumulator {
    /// Keeps the sums of every (PSU, domain) group as well, so that [`Self::groups`] can write
    /// them out (about 90 bytes per group and statistic). Must be called before adding rows;
    /// not with [`Self::moments_only`].
    pub fn keep_groups(&mut self) -> Result<(), SurveyError> {
        if self.rows > 0 || self.n_psu() > 0 || self.moments.is_some() {
            return Err(SurveyError::Invalid(
                "keep_groups must be called before any row is added, and not with moments_only"
                    .into(),
            ));
        }
        self.group_sums = Some(Vec::new());
        Ok(())
    }

    /// The groups, PSU by PSU in order of first appearance, each PSU's domains in order of
    /// first appearance (see the module docs). Needs [`Self::keep_groups`].
    pub fn groups(&self) -> Result<Vec<Group<'_>>, SurveyError> {
        let Some(sums) = &self.group_sums else {
            return Err(SurveyError::Invalid(
                "the accumulator did not keep its groups (keep_groups)".into(),
            ));
        };
        let ns = self.stats.len();
        let np = self.n_psu();
        let key = &self.psu_keys;
        let mut cells_of: Vec<Vec<usize>> = vec![Vec::new(); np];
        for (c, &p) in self.cell_psu.iter().enumerate() {
            cells_of[p as usize].push(c);
        }
        let mut out = Vec::with_capacity(self.cell_psu.len() + np);
        for (p, cells) in cells_of.iter().enumerate() {
            let h = self.stratum_of_psu[p] as usize;
            let fpc = self.stratum_fpc[h];
            let group = |domain, sums| Group {
                stratum: &self.stratum_labels[h],
                fpc: (!fpc.is_nan()).then_some(fpc),
                psu: key[p],
                domain,
                sums,
            };
            if cells.is_empty() {
                out.push(group(None, &[]));
            }
            for &c in cells {
                out.push(group(
                    Some(self.cell_domain[c]),
                    &sums[c * ns..(c + 1) * ns],
                ));
            }
        }
        Ok(out)
    }

    /// Adds groups written by [`Self::groups`] or computed elsewhere (an SQL `GROUP BY`):
    /// PSUs and strata are registered as rows register them, sums are added. Groups of one
    /// PSU from several sources come back after other PSUs: merge into an accumulator made
    /// with [`Self::any_order`]. Errors name the group as a row, counting from `first`
    /// (0-based).
    pub fn add_groups(&mut self, g: &Groups<'_>, first: usize) -> Result<(), SurveyError> {
        let ns = self.stats.len();
        let n = g.psu.len();
        if g.domain.len() != n || g.sums.len() != n * ns || g.fpc.is_some_and(|f| f.len() != n) {
            return Err(SurveyError::Invalid(format!(
                "{n} groups of {ns} statistics need {n} domains and {} sums",
                n * ns
            )));
        }
        let view = Rows {
            weights: &[],
            strata: g.strata,
            psu: g.psu,
            psu_label: g.psu_label,
            fpc: g.fpc,
            domain: g.domain,
            y: Vec::new(),
            x: Vec::new(),
        };
        for i in 0..n {
            let row = first + i;
            let h = self.stratum(&view, i, row)?;
            if let Some(f) = g.fpc {
                self.check_fpc(f[i], h, row)?;
            }
            let p = self.psu(&view, h, i, row)?;
            let sums = &g.sums[i * ns..(i + 1) * ns];
            let d = g.domain[i];
            if d == u32::MAX {
                if sums.iter().any(|s| s.n_all > 0) {
                    return Err(SurveyError::Invalid(format!(
                        "row {row}: a group outside every domain has rows in a domain"
                    )));
                }
                continue;
            }
            self.add_group(p, d, sums);
        }
        Ok(())
    }

    /// Adds the sums of one (PSU, domain) group.
    fn add_group(&mut self, p: u32, d: u32, sums: &[DomainSums]) {
        let ns = self.stats.len();
        let mut cell = self.open_domain(p, d);
        for (s, gs) in sums.iter().enumerate() {
            self.domains[d as usize * ns + s].merge(gs);
            if let (Some(g), Some(c)) = (&mut self.group_sums, cell) {
                g[c * ns + s].merge(gs);
            }
            if gs.n == 0 {
                continue;
            }
            let c = *cell.get_or_insert_with(|| self.cell(p, d));
            self.add_to_cell(c, s, gs.y, gs.x);
        }
    }
}
