//! Reusable buffers for the variance computations: the per-PSU and per-stratum sums of the
//! ultimate-cluster variance ([`crate::design`]) and the per-SSU sums of the second stage
//! ([`crate::multistage`]). One per thread; each computation leaves its buffers clean.

/// Reusable buffers for the variance computation (one per thread).
#[derive(Debug, Clone)]
pub struct VarianceScratch {
    pub(crate) psu_total: Vec<f64>,
    pub(crate) psu_touched: Vec<u32>,
    pub(crate) psu_mark: Vec<bool>,
    pub(crate) stratum_sum: Vec<f64>,
    pub(crate) stratum_count: Vec<u32>,
    pub(crate) stratum_ss: Vec<f64>,
    pub(crate) stratum_touched: Vec<u32>,
    pub(crate) second: SecondStageScratch,
}

impl VarianceScratch {
    /// Zeroes what the last variance touched (PSU totals and marks, stratum sums), so the buffers
    /// serve the next domain without a pass over every PSU.
    pub(crate) fn reset(&mut self) {
        for &p in &self.psu_touched {
            self.psu_total[p as usize] = 0.0;
            self.psu_mark[p as usize] = false;
        }
        for &h in &self.stratum_touched {
            let h = h as usize;
            self.stratum_sum[h] = 0.0;
            self.stratum_count[h] = 0;
            self.stratum_ss[h] = 0.0;
        }
        self.psu_touched.clear();
        self.stratum_touched.clear();
    }
}

/// Reusable buffers for the second-stage variance.
#[derive(Debug, Clone, Default)]
pub struct SecondStageScratch {
    pub(crate) ssu_total: Vec<f64>,
    pub(crate) ssu_mark: Vec<bool>,
    pub(crate) ssu_touched: Vec<u32>,
    pub(crate) psu_squares: Vec<f64>,
}
